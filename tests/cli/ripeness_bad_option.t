# ripeness_bad_option
# a tactic without its exponent
args: ripeness tests/data/dynamics/ripeness_three.yaml --tactic conceder
exit: 2
---
parley ripeness: --tactic conceder needs an exponent, expected conceder:E (see parley ripeness --help)
