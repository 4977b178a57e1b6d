# evaluate_ukraine_pr6
# Russia's June 2024 demands (brief 4.2): vetoed by Ukraine's red lines RL5 and RL6
# (brief 2.8).  Every figure checked independently by tests/cli/evaluate_check.py
# (HiGHS integer programmes over the same YAML); the joint pass probability is
# 0.2 x 0.2 x 0.7 x 0.4 x 0.4 = 0.00448 (DR1a, DR1b, DR2, DR8a, DR8b).
args: evaluate examples/ukraine-2026.yaml --proposal PR6
exit: 0
---
Proposal evaluation: ukraine-2026 -- Ukraine-Russia peace negotiations, reference scenario (Jan 2026)
5 parties (RU, UA, US, COW, NATO), 18 issues, 1.42e+10 feasible packages
margin = utility - reservation; acceptable = no red line or hard ratification vetoes and every margin >= 0
open issues: status-quo: open issues at their status quo (optimised where an issue has none)
zone of possible agreement: not empty, the largest smallest margin is 0.0130

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
  verdict: NOT ACCEPTABLE, 5 vetoes
    UA: red line RL5 excludes RECOG=RC5
    UA: red line RL6 excludes GUAR=GU6
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
  frontier: distance -0.0906 (every feasible package leaves some party worse off by that much)
  not Pareto-dominated by any feasible package
  repair: 8 changes, utility moved 1.8389, 4 tied packages
    T_ZK: TZ5 -> TZ3
    RECOG: RC5 -> RC1
    GUAR: GU6 -> GU1
    TROOPS: FT4 -> FT1
    ASSETS: FA5 -> FA2
    AMNESTY: AM4 -> AM2
    VERIF: VP1 -> VP3
    FORMAT: FM4 -> FM2
    RU 0.6125 (-0.3943), UA 0.5553 (+0.7023), US 0.6849 (+0.0201), 
    COW 0.6814 (+0.4106), NATO 0.7000 (+0.3117)
    joint ratification pass probability 0.042
  best within 2 changes (maxmin): value -0.31541, smallest margin -0.3154, 2 changes, 4 tied packages
    RECOG: RC5 -> RC1
    GUAR: GU6 -> GU1
    RU 0.8366 (-0.1701), UA 0.2346 (+0.3816), US 0.6873 (+0.0224), 
    COW 0.3735 (+0.1026), NATO 0.5017 (+0.1133)
