# simulate_bad_draws
# a draw count that is not a number
args: simulate --draws many tests/data/dynamics/two_parties.yaml
exit: 2
---
parley simulate: --draws 'many' is not a non-negative integer (see parley simulate --help)
