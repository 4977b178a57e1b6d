# impact_no_model
args: impact tests/data/bdm/greece_eu_2015.csv
exit: 9
---
tests/data/bdm/greece_eu_2015.csv: scenario 'greece_eu_2015' has neither an impact model nor a durability model, expected 'impacts' or 'durability'
