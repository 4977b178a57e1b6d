# simulate_draw_limit
# more draws than --max-draws allows
args: simulate tests/data/dynamics/two_parties.yaml --draws 1001 --max-draws 1000
exit: 5
---
parley: 1001 draws exceed the limit of 1000, expected fewer (raise it with --max-draws)
