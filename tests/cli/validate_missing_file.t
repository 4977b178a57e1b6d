# validate_missing_file
args: validate tests/data/no-such-file.yaml
exit: 4
---
tests/data/no-such-file.yaml: cannot open file: No such file or directory
tests/data/no-such-file.yaml: 1 error, not a valid scenario
