# sensitivity_zopa
# the package ZOPA needs options on every issue, and X has none: an error, not an estimate
args: sensitivity tests/data/dynamics/two_parties.yaml --output zopa
exit: 9
---
parley: output 'zopa' needs the outcome space of package bargaining, but issue 'X' has no options; expected options on every issue and some party
