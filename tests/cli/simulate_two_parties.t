# simulate_two_parties
# Monte Carlo of a small made-up scenario (tests/data/dynamics): forecasts, state, reservation, zone; the issue has no options, so the default outputs leave the package ZOPA and the protocol out
args: simulate tests/data/dynamics/two_parties.yaml --draws 500 --model compromise
exit: 0
---
Simulation: two-parties -- Two parties (test)
500 draws (seed 1), month 0 = 2030-01, 12 months; 2 uncertain inputs drawn
values: mean [5%, 95%] of the draws; events: P(by month m) [90% Wilson interval]

Forecasts (issue, model)
                2030-01           2030-04           2030-07           2030-10           2031-01
  X compromise  46.1 [40.4,52.7]  46.1 [40.4,52.7]  46.1 [40.4,52.7]  46.1 [40.4,52.7]  46.1 [40.4,52.7]

State variables
          2030-01          2030-04          2030-07          2030-10          2031-01
  strain  0.0 [0.0,0.0]    4.7 [1.6,7.9]    8.2 [3.8,12.8]   11.6 [6.1,17.4]  15.1 [7.9,23.0]

Reservation values (utility of the best alternative)
     2030-01              2030-04              2030-07              2030-10              2031-01
  A  0.500 [0.500,0.500]  0.453 [0.421,0.484]  0.418 [0.372,0.462]  0.384 [0.326,0.439]  0.349 [0.270,0.421]

Zones of agreement on one issue: P(the parties' acceptable ranges overlap by month m)
     2030-01              2030-04              2030-07              2030-10              2031-01
  X  0.000 [0.000,0.005]  0.006 [0.002,0.015]  0.244 [0.214,0.277]  0.646 [0.610,0.680]  0.866 [0.839,0.889]

Uncertain inputs (2): triangular(low, mode, high)
  position of A on X                               10         20         40
  dynamics strain.drift                           0.5          1          2

The JSON output (--json) has every month with n, mean, sd, standard error, median and the interval.
