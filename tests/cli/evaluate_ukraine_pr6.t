# evaluate_ukraine_pr6
# Russia's June 2024 demands (brief 4.2): vetoed by Ukraine's red lines RL5 and RL6
# (brief 2.8).  Every figure checked independently by tests/cli/evaluate_check.py
# (HiGHS integer programmes over the same YAML); the joint pass probability is
# 0.2 x 0.2 x 0.7 x 0.4 x 0.4 = 0.00448 (DR1a, DR1b, DR2, DR8a, DR8b).
args: evaluate examples/ukraine-2026.yaml --proposal PR6
exit: 0
---
Proposal evaluation: ukraine-2026 -- Ukraine-Russia peace negotiations, reference scenario (Jan 2026)
5 parties (RU, UA, US, COW, NATO), 18 issues, 4.72e+09 feasible packages
margin = utility - reservation; acceptable = no red line or hard ratification vetoes and every margin >= 0
open issues: status-quo: open issues at their status quo (optimised where an issue has none)
zone of possible agreement: not empty, the largest smallest margin is 0.0070

PR6  Russia's June 2024 demands (+ related aims in 001)
  terms (16 set, 2 open):
    T_DONBAS=TD6 T_ZK=TZ5 T_CRIMEA=TC4 T_KURSK=TK3 RECOG=RC5 NATO=NA5 
    GUAR=GU6 TROOPS=FT4 SANC=SN5 ASSETS=FA5 AMNESTY=AM4 CULTURE=LC4 RECON=RB3 
    CEASEFIRE=CF4 VERIF=VP1 FORMAT=FM4 
  open, at the status quo: 1 issue
  open, optimised (max min margin):
    ARMY=AR1 
  party        utility reservation    margin
  RU            1.0067      0.6100   +0.3967
  UA           -0.1470      0.5500   -0.6970  below
  US            0.6649      0.6200   +0.0449
  COW           0.2709      0.6800   -0.4091  below
  NATO          0.3883      0.5700   -0.1817  below
  verdict: NOT ACCEPTABLE, 7 vetoes
    UA: red line RL5 excludes RECOG=RC5
    UA: red line RL6 excludes GUAR=GU6
    UA: red line RL8r excludes T_DONBAS=TD6
    UA: red line RL8z excludes T_ZK=TZ5
    UA: below its reservation by 0.6970
    COW: below its reservation by 0.4091
    NATO: below its reservation by 0.1817
  ratification risks (soft constraints failed):
    UA: DR1a on T_DONBAS=TD6 passes with probability 0.2
    UA: DR1b on RECOG=RC5 passes with probability 0.2
    UA: DR2 on NATO=NA5 passes with probability 0.7
    EU: DR8a on SANC=SN5 passes with probability 0.4
    EU: DR8b on ASSETS=FA5 passes with probability 0.4
    joint pass probability 0.00448
  frontier: distance -0.1612 (every feasible package leaves some party worse off by that much)
  not Pareto-dominated by any feasible package
  repair: 9 changes, utility moved 1.8897, 4 tied packages
    T_DONBAS: TD6 -> TD3
    T_ZK: TZ5 -> TZ4
    RECOG: RC5 -> RC1
    GUAR: GU6 -> GU1
    TROOPS: FT4 -> FT2
    ASSETS: FA5 -> FA2
    RECON: RB3 -> RB2
    VERIF: VP1 -> VP4
    FORMAT: FM4 -> FM2
    RU 0.6121 (-0.3946), UA 0.5517 (+0.6988), US 0.7163 (+0.0515), 
    COW 0.6824 (+0.4115), NATO 0.7217 (+0.3333)
    joint ratification pass probability 0.158
  best within 2 changes (maxmin): none (no feasible package within the changes)
