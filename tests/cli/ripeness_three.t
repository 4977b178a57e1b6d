# ripeness_three
# the hand-worked scenario: the zone opens in month 8, kept shut by {B} and {A,M} (docs/models/ripeness.md)
args: ripeness tests/data/dynamics/ripeness_three.yaml
exit: 0
---
Ripeness: ripeness-three -- Three parties, zone opens in month 8 (test)
path: central (inputs at their modes, no noise, each shock at probability x delta); months 0..12 (2030-01 .. 2031-01)
zone of possible agreement among A, B, M: some package gives each at least its reservation value

The zone first opens in 2030-09 (month 8). Until then it is kept shut by {B} {A,M} (minimal sets whose removal opens it, 2030-08).

  month     zone    max-min  bottleneck        A        B        M  blocking sets
                                             r_i      r_i      r_i
  2030-01   shut    -0.1250  A            0.6250   0.6250   0.6000  {A,B} {A,M} {B,M}
  2030-02   shut    -0.1094  B            0.5938   0.6094   0.6000  {A,B} {A,M} {B,M}
  2030-03   shut    -0.0938  B            0.5625   0.5938   0.6000  {A,B} {A,M} {B,M}
  2030-04   shut    -0.0781  B            0.5312   0.5781   0.6000  {A,B} {A,M} {B,M}
  2030-05   shut    -0.0625  B            0.5000   0.5625   0.6000  {B} {A,M}
  2030-06   shut    -0.0469  B            0.4688   0.5469   0.6000  {B} {A,M}
  2030-07   shut    -0.0312  B            0.4375   0.5312   0.6000  {B} {A,M}
  2030-08   shut    -0.0156  B            0.4062   0.5156   0.6000  {B} {A,M}
  2030-09   open    +0.0000  B            0.3750   0.5000   0.6000  -
  2030-10   open    +0.0156  B            0.3438   0.4844   0.6000  -
  2030-11   open    +0.0312  B            0.3125   0.4688   0.6000  -
  2030-12   open    +0.0469  B            0.2812   0.4531   0.6000  -
  2031-01   open    +0.0625  B            0.2500   0.4375   0.6000  -

Max-min package in 2030-09 (the lowest of the packages attaining the largest smallest margin):
  X=x50
margins u_i - r_i: A +0.1250 B +0.0000 M +0.4000
