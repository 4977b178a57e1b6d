# ripeness_unknown_party
# an unknown party is named with a suggestion
args: ripeness tests/data/dynamics/ripeness_three.yaml --parties A,C
exit: 7
---
parley: no actor 'C' in the scenario (did you mean 'A'?), expected one of its actor ids
