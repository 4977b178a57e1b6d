# validate_ukraine
args: validate examples/ukraine-2026.yaml
exit: 0
---
examples/ukraine-2026.yaml: valid yaml scenario 'ukraine-2026', 7 actors, 18 issues, 83 options, 99 stances, 11 proposals, 14 red lines, 7 ratification constraints, 10 linkages, 7 state variables, 2 shocks, 30 couplings, 3 end-state rules, 1 impact model, 8 sources, 20 uncertain values
