# sensitivity_sobol
# Sobol indices of the compromise forecast (no dynamics at month 0: no noise factor)
args: sensitivity tests/data/dynamics/two_parties.yaml --output forecast:X:compromise --month 0 --method sobol --draws 500 --bootstrap 50
exit: 0
---
Sensitivity: two-parties, forecast of X by compromise at month 0 (2030-01)
Sobol indices: first order (Saltelli et al. 2010) and total order (Jansen 1999); base sample N = 500, 2000 evaluations; standard errors by bootstrap
output mean 46.0263, variance 15.1594

  input                                         first     (se)      total     (se)
  position of A on X                           1.0189   0.0481     1.0213   0.0429
  dynamics strain.drift                        0.0000   0.0000     0.0000   0.0000

Inputs are treated as independent (blocs' correlations are not applied).
