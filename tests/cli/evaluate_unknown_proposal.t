# evaluate_unknown_proposal
# An unknown proposal id is ENOTFOUND (exit 7) with the scenario's file name.
args: evaluate --proposal XX tests/data/yaml/evaluate-small.yaml
exit: 7
---
tests/data/yaml/evaluate-small.yaml: no proposal 'XX' in the scenario, expected one of its proposal ids
