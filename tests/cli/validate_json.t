# validate_json
args: validate --json tests/data/bdm/greece_eu_2015.csv tests/data/deu/deu3.tsv
exit: 0
---
[
  {"file": "tests/data/bdm/greece_eu_2015.csv", "valid": true, "format": "bdm", "id": "greece_eu_2015", "actors": 11, "issues": 1, "options": 0, "stances": 11, "proposals": 0, "red_lines": 0, "ratifications": 0, "linkages": 0, "variables": 0, "shocks": 0, "couplings": 0, "impacts": 0, "sources": 0, "uncertain": 0, "outcomes": 0, "end_rules": 0},
  {"file": "tests/data/deu/deu3.tsv", "valid": true, "format": "deu", "id": "deu3", "actors": 30, "issues": 364, "options": 0, "stances": 7155, "proposals": 0, "red_lines": 0, "ratifications": 0, "linkages": 0, "variables": 0, "shocks": 0, "couplings": 0, "impacts": 0, "sources": 0, "uncertain": 0, "outcomes": 353, "end_rules": 0}
]
