# evaluate_bad_option
# A bad keyword value is a usage error (exit 2) naming the accepted values.
args: evaluate --fill maybe tests/data/yaml/evaluate-small.yaml
exit: 2
---
parley evaluate: --fill 'maybe': expected one of status-quo, optimise (see parley evaluate --help)
