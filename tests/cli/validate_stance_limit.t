# validate_stance_limit
args: validate --max-stances 100 tests/data/deu/deu3.tsv
exit: 5
---
tests/data/deu/deu3.tsv: 30 actors x 364 issues exceed the limit of 100 actor-issue cells, expected fewer (raise it with --max-stances)
tests/data/deu/deu3.tsv: 1 error, not a valid scenario
