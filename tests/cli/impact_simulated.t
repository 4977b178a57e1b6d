# impact_simulated: the third party scored under the simulated outcome distribution
args: impact examples/ukraine-2026.yaml --draws 200 --threads 2
exit: 0
---
Impact: ukraine-2026 -- Ukraine-Russia peace negotiations, reference scenario (Jan 2026)
impact model SG: 13 dimensions; durability: 11 factors, 1 veto, clip [0, 100]
open issues take their status quo; acceptance is on the issues a package sets

Expected scorecard under the simulated distribution at 2028-01 (200 draws, seed 1)
  SG (Singapore) expected over O1b 0.715 O4 0.06 O5 0.225: welfare -0.0829; normative -0.3956, economic +0.3110
    13 of 13 dimensions scored (weight 1); coverage 0.775
    dim    weight basis         base   adj   score  weighted
    SG1      0.15 expected    -1.077     0  -1.077   -0.1616  coverage 0.775
    SG2       0.1 expected    -1.077     0  -1.077   -0.1077  coverage 0.775
    SG3      0.15 expected    +1.690     0  +1.690   +0.2535  coverage 0.775
    SG4       0.1 expected    -1.077     0  -1.077   -0.1077  coverage 0.775
    SG5      0.05 expected    +1.768     0  +1.768   +0.0884  coverage 0.775
    SG6       0.1 expected    +0.768     0  +0.768   +0.0768  coverage 0.775
    SG7      0.05 expected    -0.155     0  -0.155   -0.0077  coverage 0.775
    SG8       0.1 expected    -0.155     0  -0.155   -0.0155  coverage 0.775
    SG9       0.1 expected    -1.077     0  -1.077   -0.1077  coverage 0.775
    SG10     0.03 expected    +0.845     0  +0.845   +0.0254  coverage 0.775
    SG11     0.04 expected    -0.155     0  -0.155   -0.0062  coverage 0.775
    SG12     0.02 expected    -0.616     0  -0.616   -0.0123  (cell -1.07742..-0.154839)  coverage 0.775
    SG13     0.01 expected    -0.039     0  -0.039   -0.0004  (cell -0.0774194..0)  coverage 0.775
