# bargain_unknown_party
args: bargain --parties camera_buyer_utility,seller tests/data/genius/anac/y2011/Camera
exit: 7
---
parley: no actor 'seller' in the scenario, expected one of its actor ids
