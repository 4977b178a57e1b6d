# simulate_protocol
# Monte Carlo of the hand-worked scenario with the ZOPA, blocking sets and alternating offers: no uncertainty, so every probability is 0 or 1
args: simulate tests/data/dynamics/ripeness_three.yaml --draws 50 --output "zopa,blocking:*,protocol" --every 2
exit: 0
---
Simulation: ripeness-three -- Three parties, zone opens in month 8 (test)
50 draws (seed 1), month 0 = 2030-01, 12 months; 0 uncertain inputs drawn
values: mean [5%, 95%] of the draws; events: P(by month m) [90% Wilson interval]

Package ZOPA: P(open by month m)
        2030-01              2030-03              2030-05              2030-07              2030-09              2030-11              2031-01
  zopa  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  1.000 [0.949,1.000]  1.000 [0.949,1.000]  1.000 [0.949,1.000]

Blocking: P(the actor is in a minimal set of parties whose removal opens the shut zone, at month m)
     2030-01              2030-03              2030-05              2030-07              2030-09              2030-11              2031-01
  A  1.000 [0.949,1.000]  1.000 [0.949,1.000]  1.000 [0.949,1.000]  1.000 [0.949,1.000]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]
  B  1.000 [0.949,1.000]  1.000 [0.949,1.000]  1.000 [0.949,1.000]  1.000 [0.949,1.000]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]
  M  1.000 [0.949,1.000]  1.000 [0.949,1.000]  1.000 [0.949,1.000]  1.000 [0.949,1.000]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]

Negotiation protocol: P(a package signed by month m)
        2030-01              2030-03              2030-05              2030-07              2030-09              2030-11              2031-01
  deal  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  1.000 [0.949,1.000]

Outcome types: P(the run is in an end state of the type at month m; the default type: no end state yet)
            2030-01              2030-03              2030-05              2030-07              2030-09              2030-11              2031-01
  DEAL      0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  1.000 [0.949,1.000]
  HALT      0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]
  FROZEN    0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]
  COLLAPSE  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]  0.000 [0.000,0.051]
  TALKS     1.000 [0.949,1.000]  1.000 [0.949,1.000]  1.000 [0.949,1.000]  1.000 [0.949,1.000]  1.000 [0.949,1.000]  1.000 [0.949,1.000]  0.000 [0.000,0.051]

Terms of the signed package (draws with a deal by month m)
     2030-01           2030-03           2030-05           2030-07           2030-09           2030-11           2031-01
  X  -                 -                 -                 -                 -                 -                 50.0 [50.0,50.0]

Uncertain inputs (0)

The JSON output (--json) has every month with n, mean, sd, standard error, median and the interval.
