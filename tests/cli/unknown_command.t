# unknown_command
args: forcast x
exit: 2
---
parley: unknown command 'forcast', did you mean 'forecast'?
expected one of: validate, forecast, backtest, bargain, evaluate, impact, simulate, sensitivity, ripeness, report (see parley --help)
