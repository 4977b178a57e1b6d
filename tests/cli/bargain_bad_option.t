# bargain_bad_option
args: bargain --disagreement median tests/data/genius/anac/y2011/Camera
exit: 2
---
parley bargain: --disagreement 'median': expected one of reservation, floor (see parley bargain --help)
