# ripeness_protocol
# alternating offers with linear targets along the same path: signed in month 11, type DEAL
args: ripeness tests/data/dynamics/ripeness_three.yaml --protocol alternating --no-blocking --months 12
exit: 0
---
Ripeness: ripeness-three -- Three parties, zone opens in month 8 (test)
path: central (inputs at their modes, no noise, each shock at probability x delta); months 0..12 (2030-01 .. 2031-01)
zone of possible agreement among A, B, M: some package gives each at least its reservation value

The zone first opens in 2030-09 (month 8). Until then it is kept shut by B (the smallest margin at the max-min package, 2030-08).

  month     zone    max-min  bottleneck        A        B        M  blocking sets
                                             r_i      r_i      r_i
  2030-01   shut    -0.1250  A            0.6250   0.6250   0.6000  not computed
  2030-02   shut    -0.1094  B            0.5938   0.6094   0.6000  not computed
  2030-03   shut    -0.0938  B            0.5625   0.5938   0.6000  not computed
  2030-04   shut    -0.0781  B            0.5312   0.5781   0.6000  not computed
  2030-05   shut    -0.0625  B            0.5000   0.5625   0.6000  not computed
  2030-06   shut    -0.0469  B            0.4688   0.5469   0.6000  not computed
  2030-07   shut    -0.0312  B            0.4375   0.5312   0.6000  not computed
  2030-08   shut    -0.0156  B            0.4062   0.5156   0.6000  not computed
  2030-09   open    +0.0000  B            0.3750   0.5000   0.6000  -
  2030-10   open    +0.0156  B            0.3438   0.4844   0.6000  -
  2030-11   open    +0.0312  B            0.3125   0.4688   0.6000  -
  2030-12   open    +0.0469  B            0.2812   0.4531   0.6000  -
  2031-01   open    +0.0625  B            0.2500   0.4375   0.6000  -

Max-min package in 2030-09 (the lowest of the packages attaining the largest smallest margin):
  X=x50
margins u_i - r_i: A +0.1250 B +0.0000 M +0.4000

Protocol: stacked alternating offers; signatories A, B, M; deadline 2031-01 (month 12)
tactics: A linear, B linear, M linear
targets tau_i(t) = r_i + (1 - F_i(t)) (ideal_i - r_i), F_i(t) = (t/T)^(1/e_i)

  month     proposer         A        B        M  offer / text: signatories' margins
  2030-01   A           1.0000   1.0000   1.0000  min -1.0000 rejected
  2030-02   B           0.9661   0.9674   0.9667  min -0.9661 rejected
  2030-03   M           0.9271   0.9323   0.9333  min -0.4323 rejected
  2030-04   A           0.8828   0.8945   0.9000  min -0.8945 rejected
  2030-05   B           0.8333   0.8542   0.8667  min -0.8333 rejected
  2030-06   M           0.7786   0.8112   0.8333  min -0.3112 rejected
  2030-07   A           0.7188   0.7656   0.8000  min -0.7656 rejected
  2030-08   B           0.6536   0.7174   0.7667  min -0.6536 rejected
  2030-09   M           0.5833   0.6667   0.7333  min -0.1667 rejected
  2030-10   A           0.5078   0.6133   0.7000  min -0.6133 rejected
  2030-11   B           0.4271   0.5573   0.6667  min -0.4271 rejected
  2030-12   M           0.3411   0.4987   0.6333  min +0.0013 signed  -> deal
  2031-01   -           0.2500   0.4375   0.6000  (ended)

End state: deal in 2030-12 (month 11): outcome DEAL (A and B sign)
signed package:
  X=x50
utilities: A 0.5000 B 0.5000 M 1.0000
