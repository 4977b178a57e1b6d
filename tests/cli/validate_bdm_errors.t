# validate_bdm_errors
args: validate tests/data/bad/bdm_values.csv
exit: 3
---
tests/data/bad/bdm_values.csv:2:10: position 'abc' is not a number, expected a number
tests/data/bad/bdm_values.csv:3:6: capability -5 is negative, expected a number >= 0
tests/data/bad/bdm_values.csv:4:12: row has 3 fields, expected 4 like the header (no salience)
tests/data/bad/bdm_values.csv:5:1: duplicate actor 'Alpha' (first on line 2), expected each actor once
tests/data/bad/bdm_values.csv: 4 errors, not a valid scenario
