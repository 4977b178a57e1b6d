# impact_unknown_proposal
args: impact examples/ukraine-2026.yaml --proposal PR99
exit: 7
---
parley: no proposal 'PR99' in the scenario, expected one of its proposal ids
