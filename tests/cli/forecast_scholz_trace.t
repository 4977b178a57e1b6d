# forecast_scholz_trace
# Reference: rounds 1-2 (offers, positions, risk exponents, medians, means) equal
# jmckib/bdm-scholz-expected-utility-model run on the EC example
# (validation/bdm/scholz_ec_example_10rounds.txt, scholz_reference.json).
args: forecast tests/data/bdm/scholz_ec_example.csv --model bdm --rounds 2 --trace
exit: 0
---
Forecast: scholz_ec_example
10 actors, 1 issue; iterative models: at most 2 rounds

scholz_ec_example  [4..10]
  bdm             9.61    2 rnd+
    bdm trace: start median 7.000000, mean 7.389956
    round 1: median 8.415932, mean 7.461314
      Belgium compromises with France: new position 8.415932 (EU -0.114831 vs 0.243297)
      Luxembourg loses a confrontation to Belgium: new position 7.000000 (EU 0.245509 vs 0.542246)
      Ireland loses a confrontation to Luxembourg: new position 4.000000 (EU 0.538238 vs 0.682478)
      actor           position     risk r
      Netherlands     4.000000   1.405653
      Belgium         8.415932   0.754196
      Luxembourg      7.000000   0.508864
      Germany         4.000000   1.405653
      France         10.000000   1.046524
      Italy          10.000000   1.046524
      UK             10.000000   1.964898
      Ireland         4.000000   0.500000
      Denmark         4.000000   2.000000
      Greece          7.000000   1.112125
    round 2: median 9.610859, mean 7.552501
      Belgium compromises with France: new position 9.610859 (EU -0.083723 vs 0.110988)
      Luxembourg loses a confrontation to Belgium: new position 8.415932 (EU 0.0958787 vs 0.252798)
      Ireland loses a confrontation to Luxembourg: new position 7.000000 (EU 0.536475 vs 0.683274)
      actor           position     risk r
      Netherlands     4.000000   1.454545
      Belgium         9.610859   0.816632
      Luxembourg      8.415932   0.651820
      Germany         4.000000   1.454545
      France         10.000000   1.097323
      Italy          10.000000   1.097323
      UK             10.000000   1.833582
      Ireland         7.000000   0.500000
      Denmark         4.000000   2.000000
      Greece          7.000000   1.181359

~ nearest anchor label; "rnd+": the round cap was reached before the model was stable
