# impact_by_outcome
args: impact examples/ukraine-2026.yaml --by-outcome --distribution O1b=0.5,O3=0.3,O4=0.2
exit: 0
---
Impact: ukraine-2026 -- Ukraine-Russia peace negotiations, reference scenario (Jan 2026)
impact model SG: 13 dimensions; durability: 11 factors, 1 veto, clip [0, 100]
open issues take their status quo; acceptance is on the issues a package sets

By outcome type (the outcome x dimension matrix, no package)
  type     welfare  normative   economic   scored
  O1a      +1.5400    +0.7600    +0.6000    13/13
  O1b      +0.0700    -0.3600    +0.4000    13/13
  O1c      -0.4600    -0.7600    +0.4500    13/13
  O2       -0.4400    -0.3900    +0.0500    13/13
  O3       -0.6400    -0.3900    -0.1000    13/13
  O4       -1.9050    -0.8200    -0.7500    13/13
  O5             -          -          -     0/13

Expected scorecard
  SG (Singapore) expected over O1b 0.5 O3 0.3 O4 0.2: welfare -0.5380; normative -0.4610, economic +0.0200
    13 of 13 dimensions scored (weight 1); coverage 1
    dim    weight basis         base   adj   score  weighted
    SG1      0.15 expected    -1.200     0  -1.200   -0.1800
    SG2       0.1 expected    -1.200     0  -1.200   -0.1200
    SG3      0.15 expected    +0.600     0  +0.600   +0.0900
    SG4       0.1 expected    -1.200     0  -1.200   -0.1200
    SG5      0.05 expected    +0.800     0  +0.800   +0.0400
    SG6       0.1 expected    +0.100     0  +0.100   +0.0100
    SG7      0.05 expected    -0.700     0  -0.700   -0.0350
    SG8       0.1 expected    -0.700     0  -0.700   -0.0700
    SG9       0.1 expected    -1.200     0  -1.200   -0.1200
    SG10     0.03 expected    +0.300     0  +0.300   +0.0090
    SG11     0.04 expected    -0.700     0  -0.700   -0.0280
    SG12     0.02 expected    -0.650     0  -0.650   -0.0130  (cell -0.9..-0.4)
    SG13     0.01 expected    -0.100     0  -0.100   -0.0010  (cell -0.2..0)
