# report_ukraine: the main job on the reference scenario, 200 draws
args: report examples/ukraine-2026.yaml --draws 200 --threads 2
exit: 0
---
Case study: ukraine-2026 -- Ukraine-Russia peace negotiations, reference scenario (Jan 2026)
7 actors (6 at the table), 18 issues, 11 proposals, 8 sources; as of 2026-01
Monte Carlo: 200 draws (seed 1) over 24 months from 2026-01, 22 uncertain inputs; intervals are 90% (quantiles of the draws; Wilson for probabilities)

Summary
  - Zone of possible agreement: open from 2026-01 on the central path (largest smallest margin +0.0070 then), i.e. already now.
  - Named proposals: 0 of 11 acceptable to every party as written; closest: PR2 (smallest margin -0.0804, acceptable after 9 changes).
  - P(signed deal by 2027-01) = 0.000 [0.000,0.013]; P(signed deal by 2028-01) = 0.715 [0.660,0.764] (talks' deadline 2028-01); the first deals come in 2027-10.
  - Most likely state at 2028-01: O1b Comprehensive agreement on the US-framework model (de facto cession, no de jure recognition, no NATO, non-NATO guarantees) (0.715), then O5 (0.225).
  - Durability (0-100): PR2 if signed (O1b) D = 44.0; the Nash bargaining package (O1b) D = 49.5.
  - Singapore: expected welfare -0.083 under the simulated outcome distribution at 2028-01 (the scored outcome types cover 0.775 of it).

1. Outlook: forecast per issue (each model now; bdm at 2028-01 over the draws, mean [interval])
  issue      compromise     median        bdm  2028-01               nearest label (bdm now)
  T_DONBAS        51.48      60.00      60.00  60.0 [60.0,60.0]      Ukraine agrees in the text to cede contro...
  T_ZK            45.79      40.00      83.03  83.0 [83.0,83.0]      Ukraine withdraws from the entire oblasts...
  T_CRIMEA        55.32      75.00      20.00  20.0 [20.0,20.0]      Phased return or a transitional internati...
  T_KURSK         53.36      50.00       0.00  0.0 [0.0,0.0]         Kursk holdings are returned only in excha...
  RECOG           33.40       0.00       0.00  0.0 [0.0,0.0]         Explicit non-recognition; 1991 borders re...
  NATO            60.31      75.00      75.00  75.0 [75.0,75.0]      Ukraine formally renounces the bid / agre...
  GUAR            44.79      40.00      40.00  40.0 [40.0,40.0]      Coalition of the Willing guarantees outsi...
  TROOPS          51.62      50.00      33.00  33.0 [33.0,33.0]      Limited Western presence (trainers, air p...
  SANC            51.03      75.00      75.00  75.0 [75.0,75.0]      US relief and "economic reintegration" wh...
  ASSETS          42.09      10.00       1.34  1.3 [1.3,1.3]         Confiscated and transferred for Ukraine's...
  AMNESTY         50.96      20.00       1.52  1.5 [1.5,1.5]         Full accountability: tribunal for aggress...
  CULTURE         54.72      50.00       0.00  0.0 [0.0,0.0]         Ukraine keeps full sovereign control over...
  MINERALS        31.45      25.00      25.00  25.0 [25.0,25.0]      US–Ukraine minerals deal with no explicit...
  RECON           35.52      33.00      33.00  33.0 [33.0,33.0]      Mixed: frozen-asset proceeds plus Western...
  CEASEFIRE       55.98      50.00      50.00  50.0 [50.0,50.0]      Framework first: ceasefire when a framewo...
  VERIF           71.02      80.00      80.00  80.0 [80.0,80.0]      Staged, plus third-party monitoring of th...
  FORMAT          46.12      33.00      33.00  33.0 [33.0,33.0]      Broad convening: "15 nations plus EU and ...
  ARMY                -          -          -  -                   

2. Named proposals (open issues at their status quo; margin = utility - reservation, the smallest over the parties)
  id     proposal                       red lines        below r          margin  repair signed as      D  welfare
  PR1    US 28-point peace plan, Nov... RU:RL1           RU,UA,COW       -0.1468      11 O5          16.0        -
  PR2    US-brokered framework, Jan ... -                RU,UA           -0.0804       9 O1b         44.0   -0.018
  PR3    Zelensky "peace formula" (i... RU:RL1 RU:RL2... RU,COW          -0.2510       9 O5          35.0        -
  PR4    Zelensky softened stance, J... RU:RL1 RU:RL2... RU              -0.3109       9 O5          47.0        -
  PR5    Kursk territorial exchange     RU:RL1 RU:RL2... RU,UA           -0.1940      12 O5          16.0        -
  PR6    Russia's June 2024 demands ... UA:RL5 UA:RL6... UA,COW,NATO     -0.6970       9 O1c         30.0   -0.510
  PR7    Coalition of the Willing gu... -                RU              -0.1641       8 O5          56.5        -
  PR8    US-Ukraine minerals deal (M... RU:RL1 UA:RL6    RU,UA,COW       -0.1150      10 O5          18.0        -
  PR9    Phased implementation with ... RU:RL1           RU,UA           -0.0824       9 O5          21.0        -
  PR10   European approach              RU:RL1           RU,US           -0.2176      10 O5          23.5        -
  PR11   No-treaty freeze ("Russia-J... RU:RL1 UA:RL7    RU,UA,COW       -0.1203      10 O3          16.0   -0.590
  repair: the fewest issues to change for a package every party accepts; D: durability if signed as that type; welfare: SG's
  leading proposal: PR2 (US-brokered framework, Jan 2026 ("90 percent ready")), the closest to being acceptable to every party

3. Zone of possible agreement among RU UA US COW NATO
  now: 3060 of 4.72e+09 feasible packages give every party at least its reservation value; largest smallest margin +0.0070
  central path (inputs at their modes, no noise): open from 2026-01
  month    zone   max-min  bottleneck blocking sets             P(open by month) [interval]
  2026-01  open   +0.0070  RU         -                         0.395 [0.340,0.453]
  2026-04  open   +0.0103  UA         -                         0.495 [0.437,0.553]
  2026-07  open   +0.0124  RU         -                         0.585 [0.527,0.641]
  2026-10  open   +0.0143  UA         -                         0.620 [0.562,0.674]
  2027-01  open   +0.0178  COW        -                         0.670 [0.613,0.722]
  2027-04  open   +0.0178  COW        -                         0.700 [0.644,0.750]
  2027-07  open   +0.0208  RU         -                         0.740 [0.686,0.788]
  2027-10  open   +0.0202  RU         -                         0.760 [0.707,0.806]
  2028-01  open   +0.0226  RU         -                         0.785 [0.734,0.829]
  Nash bargaining package now (utilities RU 0.615 UA 0.556 US 0.718 COW 0.723 NATO 0.788), O1b if signed:
    T_DONBAS=TD4 T_ZK=TZ4 T_CRIMEA=TC4 T_KURSK=TK3 RECOG=RC1 NATO=NA5 GUAR=GU2
    TROOPS=FT2 SANC=SN5 ASSETS=FA3 AMNESTY=AM2 CULTURE=LC4 MINERALS=MN1
    RECON=RB1 CEASEFIRE=CF4 VERIF=VP3 FORMAT=FM2 ARMY=AR1

4. Outcomes over time (simulated negotiation; P(deal by month), then P(the run is in each outcome type at that month))
  protocol: alternating, deadline 2028-01; signatories and tactics: RU boulware e=0.5, UA conceder e=2, US conceder e=2, COW linear, NATO linear
  month    P(deal by m)         O1a    O1b    O1c    O2     O3     O4     O5    
  2026-01  0.000 [0.000,0.013]   0.000  0.000  0.000  0.000  0.000  0.000  1.000
  2026-04  0.000 [0.000,0.013]   0.000  0.000  0.000  0.000  0.000  0.000  1.000
  2026-07  0.000 [0.000,0.013]   0.000  0.000  0.000  0.000  0.000  0.000  1.000
  2026-10  0.000 [0.000,0.013]   0.000  0.000  0.000  0.000  0.000  0.000  1.000
  2027-01  0.000 [0.000,0.013]   0.000  0.000  0.000  0.000  0.000  0.000  1.000
  2027-04  0.000 [0.000,0.013]   0.000  0.000  0.000  0.000  0.000  0.000  1.000
  2027-07  0.000 [0.000,0.013]   0.000  0.000  0.000  0.000  0.000  0.000  1.000
  2027-10  0.025 [0.012,0.050]   0.000  0.025  0.000  0.000  0.000  0.000  0.975
  2028-01  0.715 [0.660,0.764]   0.000  0.715  0.000  0.000  0.000  0.060  0.225
  O1a Comprehensive agreement that upholds international law (no recognised territorial change)
  O1b Comprehensive agreement on the US-framework model (de facto cession, no de jure recognition, no NATO, non-NATO guarantees)
  O1c Comprehensive agreement that ratifies military gains (de jure recognition)
  O2 Ceasefire / armistice (temporary halt, settlement deferred)
  O3 Frozen conflict with no treaty (Russia-Japan model)
  O4 Collapse / escalation
  O5 Talks without result (war goes on while talks continue; the default state)
  expected terms of a signed deal (the 143 draws with a deal by 2028-01): mean [interval], nearest label
    T_DONBAS   60.0 [60.0,60.0]     Ukraine agrees in the text to cede contro...
    T_ZK       60.0 [60.0,60.0]     Ukraine formally cedes control of the occ...
    T_CRIMEA   100.0 [100.0,100.0]  Crimea settled as Russian; claim dropped
    T_KURSK    100.0 [100.0,100.0]  Ukraine withdraws or is expelled with not...
    RECOG      0.5 [0.0,0.0]        Explicit non-recognition; 1991 borders re...
    NATO       98.1 [75.0,100.0]    Renunciation plus a binding Western/NATO ...
    GUAR       25.7 [0.0,40.0]      Legally binding, Article-5-like multilate...
    TROOPS     33.2 [33.0,33.0]     Limited Western presence (trainers, air p...
    SANC       100.0 [100.0,100.0]  Full, immediate lifting by the US and EU
    ASSETS     69.6 [25.0,100.0]    Split: part for reconstruction, part retu...
    AMNESTY    62.2 [33.0,100.0]    Claims or truth commission; no prosecutions
    CULTURE    100.0 [100.0,100.0]  Ukraine adopts Moscow-specified "language...
    MINERALS   14.0 [0.0,75.0]      US–Ukraine minerals deal with no explicit...
    RECON      1.4 [0.0,0.0]        Russia pays (reparations or confiscated a...
    CEASEFIRE  74.8 [75.0,75.0]     No ceasefire until a comprehensive agreem...
    VERIF      77.3 [75.0,100.0]    Staged, plus third-party monitoring of th...
    FORMAT     36.6 [33.0,67.0]     Broad convening: "15 nations plus EU and ...
    ARMY       0.0 [0.0,0.0]        No cap on Ukraine's armed forces

5. Durability of the leading package (0-100; base plus the factors that hold)
  factor                                                PR2       Nash
  base                                               +50.00     +50.00
  DF1 Territory left unresolved (and DF9)            -15.00     -15.00
  DF2 NATO role left unresolved                       +0.00      +0.00
  DF3 Stakeholder acceptance (RL10 holders)          +10.00     +10.00
  DF7 Russian maximalism                             -10.00     -10.00
  DF6 Ukrainian domestic acceptability                +0.00     -15.00
  DF5 Guarantee credibility (DF5 reversed)            +9.00     +12.00
  DF11 Guarantor forces on the ground                 +0.00     +10.00
  DF12 Phasing and verification                       +5.00      +7.50
  DF10 US economic stake (minerals)                   +0.00      +5.00
  DF8 Temporary halt lets both sides rearm            +0.00      +0.00
  DF4 Russia's compliance record                      -5.00      -5.00
  veto RL10 (its holders reject)                      +0.00      +0.00
  D                                                   44.00      49.50
  under outcome type                                    O1b        O1b

6. Third-party impact: SG -- Singapore, 13 dimensions (scores -2..+2, welfare = sum of weight x score)
  welfare by outcome type: O1a +1.540 O1b +0.070 O1c -0.460 O2 -0.440 O3 -0.640 O4 -1.905
  expected under the simulated distribution at 2028-01 (O1b 0.715, O4 0.060, O5 0.225): welfare -0.083, normative -0.396, economic +0.311
  dim      name                               weight  expected       PR2      Nash
  SG1      Security precedent: territorial...   0.15    -1.077    -1.250    -2.000
  SG2      Regional deterrence (Southeast ...    0.1    -1.077    -1.250    -2.000
  SG3      Trade and supply chains (commod...   0.15     1.690     2.000     2.000
  SG4      Sanctions regime and financial-...    0.1    -1.077    -1.000    -1.000
  SG5      Reconstruction opportunities         0.05     1.768     2.000     2.000
  SG6      Energy security                       0.1     0.768     1.000     1.000
  SG7      Cyber and technology                 0.05    -0.155     0.000     0.000
  SG8      ASEAN centrality and great-powe...    0.1    -0.155     0.000     0.000
  SG9      International law and dispute-s...    0.1    -1.077    -1.250    -1.667
  SG10     Coalition-diplomacy template         0.03     0.845     1.000     1.000
  SG11     Multipolar order and global div...   0.04    -0.155     0.000     0.000
  SG12     Humanitarian norms                   0.02    -0.616    -0.500     1.000
  SG13     Defence and arms lessons             0.01    -0.039     0.000     0.000
  welfare                                               -0.083    -0.018    -0.217

Sources and data
  stance values: 23 stated in a source (S), 67 derived (D), 282 analyst estimates (E), 0 outside the sources (X), 0 unflagged
  S000   Case study: Ukraine-Russia peace negotiations, implications for Sin...
  S001   Challenges And Prospects For Ukraine Peace Talks (AP-style analysis...
  S002   US, Russia and Ukraine: Ceding Territory and Security Guarantees Do...
  S003   Will There Be Russia and Ukraine Peace Negotiations? (Raven Ruma)
  S004   The delicate thread to peace: Can US-Russia Negotiations End the Uk...
  BRIEF  Scenario brief: Ukraine-Russia peace negotiations 2023-2026, inputs...
  E      analyst estimate (ukraine-brief.md, flag E)
  X      outside-seed context (ukraine-brief.md Appendix C, flag X); not a s...
