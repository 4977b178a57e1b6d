# forecast_greece
# Reference: compromise 740/9 = 82.22 and weighted median 100 (Greece-EU 2015 table,
# muratk3n/thirdwave; see tests/data/SOURCES.md).
args: forecast tests/data/bdm/greece_eu_2015.csv --model compromise,median,condorcet
exit: 0
---
Forecast: greece_eu_2015
11 actors, 1 issue; iterative models: at most 10 rounds

greece_eu_2015  [40..100]
  compromise     82.22
  median        100.00
  condorcet     100.00

~ nearest anchor label; "rnd+": the round cap was reached before the model was stable
