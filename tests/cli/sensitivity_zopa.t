# sensitivity_zopa
# the package ZOPA is not available yet: an error, not an estimate
args: sensitivity tests/data/dynamics/two_parties.yaml --output zopa
exit: 9
---
parley: sensitivity: output 'zopa' is not available: the package-bargaining engine (src/bargain) has no per-draw ZOPA test for a perturbed scenario yet
