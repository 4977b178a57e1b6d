# sensitivity_tornado
# tornado of P(zone open by month 6) with 200 shared runs of the dynamics noise
args: sensitivity tests/data/dynamics/two_parties.yaml --output zone:X --month 6 --draws 200
exit: 0
---
Sensitivity: two-parties, zone of agreement on X (A, B): P(by month m) at month 6 (2030-07)
Tornado: each uncertain input at its low and its high, the others at their modes; each point the mean of 200 runs of the dynamics noise (the same runs for every point)
1000 evaluations; output with every input at its mode: 0.1 (standard error 0.0213)

  input                                           low       mode       high   output@low  output@high      swing
  dynamics strain.drift                           0.5          1          2            0         0.98       0.98
  position of A on X                               10         20         40          0.1          0.1          0
