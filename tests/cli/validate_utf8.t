# validate_utf8
args: validate tests/data/yaml/bad-utf8.yaml
exit: 3
---
tests/data/yaml/bad-utf8.yaml:2:33: invalid UTF-8 byte 0xFF, expected a UTF-8 text file
tests/data/yaml/bad-utf8.yaml: 1 error, not a valid scenario
