# evaluate_small
# Expected output checked independently: tests/cli/evaluate_check.py (the utility
# model rebuilt from the YAML in Python, every search an integer programme solved by
# HiGHS) agrees on every package, utility, veto, risk, frontier distance, dominating
# package, repair (changes, utility moved, ties) and best package within 2 changes.
# Joint pass probability of ASK: R1 alone, 0.5.
args: evaluate tests/data/yaml/evaluate-small.yaml
exit: 0
---
Proposal evaluation: evaluate-small -- Sale of a machine (test scenario)
3 parties (BUY, SELL, REG), 3 issues, 24 feasible packages
margin = utility - reservation; acceptable = no red line or hard ratification vetoes and every margin >= 0
open issues: status-quo: open issues at their status quo (optimised where an issue has none)
zone of possible agreement: not empty, the largest smallest margin is 0.0220

ASK  Seller's asking terms
  terms (3 set, 0 open):
    PRICE=P5 DELIVERY=D3 WARRANTY=W1 
  party        utility reservation    margin
  BUY          -0.0500      0.4500   -0.5000  below
  SELL          1.0000      0.4800   +0.5200
  REG           0.0500      0.7000   -0.6500  below
  verdict: NOT ACCEPTABLE, 3 vetoes
    REG: red line RL2 excludes WARRANTY=W1
    BUY: below its reservation by 0.5000
    REG: below its reservation by 0.6500
  ratification risks (soft constraints failed):
    BUY: R1 on PRICE=P5 passes with probability 0.5
    joint pass probability 0.5
  frontier: distance -0.0320 (every feasible package leaves some party worse off by that much)
  not Pareto-dominated by any feasible package
  repair: 3 changes, utility moved 1.9455, 1 tied package
    PRICE: P5 -> P3
    DELIVERY: D3 -> D2
    WARRANTY: W1 -> W3
    BUY 0.5285 (+0.5785), SELL 0.5020 (-0.4980), REG 0.9190 (+0.8690)
  best within 2 changes (maxmin): value -0.028, smallest margin -0.0280, 2 changes, 1 tied package
    PRICE: P5 -> P2
    WARRANTY: W1 -> W3
    BUY 0.5285 (+0.5785), SELL 0.4520 (-0.5480), REG 0.8940 (+0.8440)

BID  Buyer's bid
  terms (2 set, 1 open):
    PRICE=P1 DELIVERY=D1 
  open, optimised (max min margin):
    WARRANTY=W2 
  party        utility reservation    margin
  BUY           0.9640      0.4500   +0.5140
  SELL          0.1680      0.4800   -0.3120  below
  REG           0.6260      0.7000   -0.0740  below
  verdict: NOT ACCEPTABLE, 4 vetoes
    SELL: red line RL1 excludes PRICE=P1
    SELL: hard ratification R2 excludes DELIVERY=D1
    SELL: below its reservation by 0.3120
    REG: below its reservation by 0.0740
  frontier: distance -0.2702 (every feasible package leaves some party worse off by that much)
  not Pareto-dominated by any feasible package
  repair: 2 changes, utility moved 1.0625, 1 tied package
    PRICE: P1 -> P3
    DELIVERY: D1 -> D2
    open issues re-chosen: WARRANTY=W3
    BUY 0.5285 (-0.4355), SELL 0.5020 (+0.3340), REG 0.9190 (+0.2930)
  best within 2 changes (maxmin): value 0.022, smallest margin +0.0220, 2 changes, 1 tied package
    PRICE: P1 -> P3
    DELIVERY: D1 -> D2
    open issues re-chosen: WARRANTY=W3
    BUY 0.5285 (-0.4355), SELL 0.5020 (+0.3340), REG 0.9190 (+0.2930)

MID  Split the difference
  terms (2 set, 1 open):
    PRICE=P3 WARRANTY=W3 
  open, at the status quo: 1 issue
  party        utility reservation    margin
  BUY           0.5285      0.4500   +0.0785
  SELL          0.5020      0.4800   +0.0220
  REG           0.9190      0.7000   +0.2190
  verdict: ACCEPTABLE to every party (smallest margin +0.0220)
  frontier: distance +0.0000 (no package improves every party)
  not Pareto-dominated by any feasible package
  repair: none needed (acceptable as it stands)
  best within 2 changes (maxmin): value 0.022, smallest margin +0.0220, 0 changes, 1 tied package
    BUY 0.5285 (+0.0000), SELL 0.5020 (+0.0000), REG 0.9190 (+0.0000)
