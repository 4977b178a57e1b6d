# simulate_unknown_output
# an unknown output kind gets a did-you-mean
args: simulate tests/data/dynamics/two_parties.yaml --output forcast:X
exit: 7
---
parley: unknown output 'forcast', did you mean 'forecast'? expected forecast:ISSUE[:MODEL], state:VARIABLE, reservation:ACTOR, zone:ISSUE, zopa, blocking:ACTOR, protocol, deal, outcome:TYPE or terms:ISSUE
