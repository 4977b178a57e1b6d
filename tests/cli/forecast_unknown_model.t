# forecast_unknown_model
args: forecast tests/data/bdm/greece_eu_2015.csv --model compromize
exit: 7
---
parley: unknown model 'compromize', expected one of compromise, median, condorcet, bdm; did you mean 'compromise'?
