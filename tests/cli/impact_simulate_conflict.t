# impact_simulate_conflict
args: impact examples/ukraine-2026.yaml --draws 200 --distribution O1b=1
exit: 2
---
parley impact: --distribution and a simulation (--simulate, --draws, --seed, ...) both given; expected one of them (see parley impact --help)
