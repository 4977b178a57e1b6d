# report_small
args: report tests/data/yaml/impact-small.yaml --draws 50 --threads 2
exit: 0
---
Case study: small -- Two parties, a stakeholder, three issues
3 actors (3 at the table), 3 issues, 3 proposals, 2 sources
Monte Carlo: 50 draws (seed 1) over 0 months from m0, 1 uncertain input; intervals are 90% (quantiles of the draws; Wilson for probabilities)

Summary
  - Zone of possible agreement: open from m0 on the central path (largest smallest margin +0.0000 then), i.e. already now.
  - Named proposals: 1 of 3 acceptable to every party as written; closest: P1 (smallest margin +0.0000, acceptable as written).
  - P(signed deal by m0) = 1.000 [0.949,1.000] (talks' deadline m0); the first deals come in m0.
  - Most likely state at m0: DEAL (1.000).
  - Durability (0-100): P1 if signed (DEAL) D = 46.0; the Nash bargaining package (DEAL) D = 46.0.
  - T: expected welfare +1.200 under the simulated outcome distribution at m0.

1. Outlook: forecast per issue (each model now; bdm at m0 over the draws, mean [interval])
  issue      compromise     median        bdm  m0                    nearest label (bdm now)
  X               54.29     100.00     100.00  100.0 [100.0,100.0]   X2
  Y               32.83       0.00       0.00  0.0 [0.0,0.0]         Y0
  Z                0.00       0.00       0.00  0.0 [0.0,0.0]         Z0

2. Named proposals (open issues at their status quo; margin = utility - reservation, the smallest over the parties)
  id     proposal                       red lines        below r          margin  repair signed as      D  welfare
  P1                                    -                -               +0.0000       - DEAL        46.0    1.200
  P2                                    A:RLA            B               -0.5000       2 DEAL       100.0   -0.200
  P3                                    A:RLA            B               -0.2353       1 TRUCE       97.0   -0.250
  repair: the fewest issues to change for a package every party accepts; D: durability if signed as that type; welfare: T's
  leading proposal: P1, the closest to being acceptable to every party

3. Zone of possible agreement among A B
  now: 1 of 9 feasible packages give every party at least its reservation value; largest smallest margin +0.0000
  central path (inputs at their modes, no noise): open from m0
  month    zone   max-min  bottleneck blocking sets             P(open by month) [interval]
  m0       open   +0.0000  A          -                         1.000 [0.949,1.000]
  Nash bargaining package now (utilities A 0.500 B 0.618), DEAL if signed:
    X=X1 Y=Y1 Z=Z0

4. Outcomes over time (simulated negotiation; P(deal by month), then P(the run is in each outcome type at that month))
  protocol: alternating, deadline m0; signatories and tactics: A linear, B linear
  month    P(deal by m)         DEAL   TRUCE  NONE  
  m0       1.000 [0.949,1.000]   1.000  0.000  0.000
  expected terms of a signed deal (the 50 draws with a deal by m0): mean [interval], nearest label
    X          50.0 [50.0,50.0]     X1
    Y          50.0 [50.0,50.0]     Y1
    Z          0.0 [0.0,0.0]        Z0

5. Durability of the leading package (0-100; base plus the factors that hold)
  factor                                                 P1       Nash
  base                                               +50.00     +50.00
  F1 both high                                       -10.00     -10.00
  F2                                                  +0.00      +0.00
  F3                                                  +5.00      +5.00
  F4                                                  +0.00      +0.00
  F5                                                  +4.00      +4.00
  F6                                                  +0.00      +0.00
  veto V (its holders reject)                         -3.00      -3.00
  D                                                   46.00      46.00
  under outcome type                                   DEAL       DEAL

6. Third-party impact: T, 3 dimensions (scores -2..+2, welfare = sum of weight x score)
  welfare by outcome type: DEAL +1.200 TRUCE -0.250 NONE -0.300
  expected under the simulated distribution at m0 (DEAL 1.000): welfare +1.200, one +0.600, two +0.600
  dim      name                               weight  expected        P1      Nash
  D1                                             0.5     1.000     1.000     1.000
  D2                                             0.3     2.000     2.000     2.000
  D3                                             0.2     0.500     0.500     0.500
  welfare                                                1.200     1.200     1.200

Sources and data
  stance values: 0 stated in a source (S), 0 derived (D), 0 analyst estimates (E), 0 outside the sources (X), 32 unflagged
  S1     a seed
  E      
