# impact_options
args: impact examples/ukraine-2026.yaml --all --proposal PR1
exit: 2
---
parley impact: --all and --proposal both given; expected one of them (see parley impact --help)
