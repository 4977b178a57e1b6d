# forecast_bad_option
args: forecast tests/data/bdm/greece_eu_2015.csv --rounds ten
exit: 2
---
parley forecast: --rounds 'ten' is not a non-negative integer (see parley forecast --help)
