# forecast_variant_conflict
args: forecast tests/data/bdm/greece_eu_2015.csv --bdm-variant corrected --bdm-prob pair
exit: 2
---
parley forecast: --bdm-variant sets every BDM choice; give either a variant or the individual --bdm-* choices, not both (see parley forecast --help)
