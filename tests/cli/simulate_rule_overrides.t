# simulate_rule_overrides
# --frozen-months 3 and --protocol mediator override the scenario's rules field by field: its test strain <= 2 held for 3 months freezes every draw in 2030-03 (month 2), before its collapse rule
args: simulate tests/data/dynamics/negotiation_rules.yaml --draws 20 --output deal,outcome:FROZEN,outcome:COLLAPSE --frozen-months 3 --protocol mediator --every 2
exit: 0
---
Simulation: negotiation-rules -- Three parties, rules in the scenario (test)
20 draws (seed 1), month 0 = 2030-01, 12 months; 0 uncertain inputs drawn
values: mean [5%, 95%] of the draws; events: P(by month m) [90% Wilson interval]

Negotiation protocol: P(a package signed by month m)
        2030-01              2030-03              2030-05              2030-07              2030-09              2030-11              2031-01
  deal  0.000 [0.000,0.119]  0.000 [0.000,0.119]  0.000 [0.000,0.119]  0.000 [0.000,0.119]  0.000 [0.000,0.119]  0.000 [0.000,0.119]  0.000 [0.000,0.119]

Outcome types: P(the run is in an end state of the type at month m; the default type: no end state yet)
            2030-01              2030-03              2030-05              2030-07              2030-09              2030-11              2031-01
  FROZEN    0.000 [0.000,0.119]  1.000 [0.881,1.000]  1.000 [0.881,1.000]  1.000 [0.881,1.000]  1.000 [0.881,1.000]  1.000 [0.881,1.000]  1.000 [0.881,1.000]
  COLLAPSE  0.000 [0.000,0.119]  0.000 [0.000,0.119]  0.000 [0.000,0.119]  0.000 [0.000,0.119]  0.000 [0.000,0.119]  0.000 [0.000,0.119]  0.000 [0.000,0.119]

Uncertain inputs (0)

The JSON output (--json) has every month with n, mean, sd, standard error, median and the interval.
