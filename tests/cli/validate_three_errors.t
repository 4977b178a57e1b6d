# validate_three_errors
args: validate tests/data/yaml/bad-three-errors.yaml
exit: 6
---
tests/data/yaml/bad-three-errors.yaml:4:25: 'capability' of actor 'A' is 160, expected a number from 0 to 100
tests/data/yaml/bad-three-errors.yaml:5:35: 'role' of actor 'B' is 'mediater', did you mean 'mediator'? expected one of: party, mediator, guarantor, veto, stakeholder, third_party
tests/data/yaml/bad-three-errors.yaml:11:3: unknown actor 'C' in 'stances', did you mean 'A'? expected an id declared under actors
tests/data/yaml/bad-three-errors.yaml: 3 errors, not a valid scenario
