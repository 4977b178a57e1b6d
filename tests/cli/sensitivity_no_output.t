# sensitivity_no_output
# --output is required
args: sensitivity tests/data/dynamics/two_parties.yaml
exit: 2
---
parley sensitivity: no --output given, expected one output such as forecast:ISSUE[:MODEL] (see parley sensitivity --help)
