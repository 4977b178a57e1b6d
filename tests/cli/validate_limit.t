# validate_limit
args: validate --max-actors 5 tests/data/bdm/greece_eu_2015.csv
exit: 5
---
tests/data/bdm/greece_eu_2015.csv:7:1: more than 5 actors, expected at most 5 (raise it with --max-actors)
tests/data/bdm/greece_eu_2015.csv: 1 error, not a valid scenario
