# evaluate_small_none
# Linear losses empty the zone of agreement.  Checked independently by
# tests/cli/evaluate_check.py --shape linear (HiGHS integer programmes): no package gives
# every party its reservation; the best smallest margin is -0.02 (SELL), reached by MID.
args: evaluate --shape linear --proposal MID tests/data/yaml/evaluate-small.yaml
exit: 0
---
Proposal evaluation: evaluate-small -- Sale of a machine (test scenario)
3 parties (BUY, SELL, REG), 3 issues, 24 feasible packages
margin = utility - reservation; acceptable = no red line or hard ratification vetoes and every margin >= 0
open issues: status-quo: open issues at their status quo (optimised where an issue has none)
zone of possible agreement: EMPTY, the largest smallest margin is -0.0200: no proposal can be repaired

MID  Split the difference
  terms (2 set, 1 open):
    PRICE=P3 WARRANTY=W3 
  open, at the status quo: 1 issue
  party        utility reservation    margin
  BUY           0.5075      0.4500   +0.0575
  SELL          0.4600      0.4800   -0.0200  below
  REG           0.7300      0.7000   +0.0300
  verdict: NOT ACCEPTABLE, 1 veto
    SELL: below its reservation by 0.0200
  frontier: distance +0.0000 (no package improves every party)
  not Pareto-dominated by any feasible package
  repair: none exists (no package is acceptable to every party: the largest smallest margin is -0.0200)
  best within 2 changes (maxmin): value -0.02, smallest margin -0.0200, 0 changes, 1 tied package
    BUY 0.5075 (+0.0000), SELL 0.4600 (+0.0000), REG 0.7300 (+0.0000)
