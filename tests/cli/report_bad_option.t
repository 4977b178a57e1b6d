# report_bad_option
args: report examples/ukraine-2026.yaml --every often
exit: 2
---
parley report: --every 'often' is not a non-negative integer (see parley report --help)
