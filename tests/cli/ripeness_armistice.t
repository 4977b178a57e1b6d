# ripeness_armistice
# the ceasefire alone is signed in month 0 (armistice, outcome HALT)
args: ripeness tests/data/dynamics/armistice.yaml --protocol mediator --armistice CF --armistice-outcome HALT --json
exit: 0
---
{
  "scenario": "armistice",
  "path": "central",
  "months": 8,
  "parties": [
    {
      "id": "A",
      "zopa": true,
      "signatory": true,
      "tactic": "linear",
      "exponent": 1
    },
    {
      "id": "B",
      "zopa": true,
      "signatory": true,
      "tactic": "linear",
      "exponent": 1
    }
  ],
  "first_open": {
    "month": 0,
    "label": "2040-01"
  },
  "exact": true,
  "by_month": [
    {
      "month": 0,
      "label": "2040-01",
      "open": true,
      "best_min_margin": 0.25,
      "bottleneck": "A",
      "reservation": {
        "A": 0.5,
        "B": 0.5
      },
      "ideal": {
        "A": 1,
        "B": 1
      },
      "package": {
        "X": "x50",
        "CF": "cf1"
      },
      "utility": {
        "A": 0.75,
        "B": 0.75
      },
      "blocking_sets": null,
      "target": {
        "A": 1,
        "B": 1
      },
      "proposer": null,
      "offer": {
        "X": "x0",
        "CF": "cf1"
      },
      "offer_utility": {
        "A": 1,
        "B": 0.5
      },
      "signed": false,
      "end_state": "armistice",
      "outcome": "HALT"
    },
    {
      "month": 1,
      "label": "2040-02",
      "open": true,
      "best_min_margin": 0.25,
      "bottleneck": "A",
      "reservation": {
        "A": 0.5,
        "B": 0.5
      },
      "ideal": {
        "A": 1,
        "B": 1
      },
      "package": {
        "X": "x50",
        "CF": "cf1"
      },
      "utility": {
        "A": 0.75,
        "B": 0.75
      },
      "blocking_sets": null,
      "target": {
        "A": 0.9375,
        "B": 0.9375
      },
      "proposer": null,
      "offer": null,
      "offer_utility": null,
      "signed": false,
      "end_state": "armistice",
      "outcome": "HALT"
    },
    {
      "month": 2,
      "label": "2040-03",
      "open": true,
      "best_min_margin": 0.25,
      "bottleneck": "A",
      "reservation": {
        "A": 0.5,
        "B": 0.5
      },
      "ideal": {
        "A": 1,
        "B": 1
      },
      "package": {
        "X": "x50",
        "CF": "cf1"
      },
      "utility": {
        "A": 0.75,
        "B": 0.75
      },
      "blocking_sets": null,
      "target": {
        "A": 0.875,
        "B": 0.875
      },
      "proposer": null,
      "offer": null,
      "offer_utility": null,
      "signed": false,
      "end_state": "armistice",
      "outcome": "HALT"
    },
    {
      "month": 3,
      "label": "2040-04",
      "open": true,
      "best_min_margin": 0.25,
      "bottleneck": "A",
      "reservation": {
        "A": 0.5,
        "B": 0.5
      },
      "ideal": {
        "A": 1,
        "B": 1
      },
      "package": {
        "X": "x50",
        "CF": "cf1"
      },
      "utility": {
        "A": 0.75,
        "B": 0.75
      },
      "blocking_sets": null,
      "target": {
        "A": 0.8125,
        "B": 0.8125
      },
      "proposer": null,
      "offer": null,
      "offer_utility": null,
      "signed": false,
      "end_state": "armistice",
      "outcome": "HALT"
    },
    {
      "month": 4,
      "label": "2040-05",
      "open": true,
      "best_min_margin": 0.25,
      "bottleneck": "A",
      "reservation": {
        "A": 0.5,
        "B": 0.5
      },
      "ideal": {
        "A": 1,
        "B": 1
      },
      "package": {
        "X": "x50",
        "CF": "cf1"
      },
      "utility": {
        "A": 0.75,
        "B": 0.75
      },
      "blocking_sets": null,
      "target": {
        "A": 0.75,
        "B": 0.75
      },
      "proposer": null,
      "offer": null,
      "offer_utility": null,
      "signed": false,
      "end_state": "armistice",
      "outcome": "HALT"
    },
    {
      "month": 5,
      "label": "2040-06",
      "open": true,
      "best_min_margin": 0.25,
      "bottleneck": "A",
      "reservation": {
        "A": 0.5,
        "B": 0.5
      },
      "ideal": {
        "A": 1,
        "B": 1
      },
      "package": {
        "X": "x50",
        "CF": "cf1"
      },
      "utility": {
        "A": 0.75,
        "B": 0.75
      },
      "blocking_sets": null,
      "target": {
        "A": 0.6875,
        "B": 0.6875
      },
      "proposer": null,
      "offer": null,
      "offer_utility": null,
      "signed": false,
      "end_state": "armistice",
      "outcome": "HALT"
    },
    {
      "month": 6,
      "label": "2040-07",
      "open": true,
      "best_min_margin": 0.25,
      "bottleneck": "A",
      "reservation": {
        "A": 0.5,
        "B": 0.5
      },
      "ideal": {
        "A": 1,
        "B": 1
      },
      "package": {
        "X": "x50",
        "CF": "cf1"
      },
      "utility": {
        "A": 0.75,
        "B": 0.75
      },
      "blocking_sets": null,
      "target": {
        "A": 0.625,
        "B": 0.625
      },
      "proposer": null,
      "offer": null,
      "offer_utility": null,
      "signed": false,
      "end_state": "armistice",
      "outcome": "HALT"
    },
    {
      "month": 7,
      "label": "2040-08",
      "open": true,
      "best_min_margin": 0.25,
      "bottleneck": "A",
      "reservation": {
        "A": 0.5,
        "B": 0.5
      },
      "ideal": {
        "A": 1,
        "B": 1
      },
      "package": {
        "X": "x50",
        "CF": "cf1"
      },
      "utility": {
        "A": 0.75,
        "B": 0.75
      },
      "blocking_sets": null,
      "target": {
        "A": 0.5625,
        "B": 0.5625
      },
      "proposer": null,
      "offer": null,
      "offer_utility": null,
      "signed": false,
      "end_state": "armistice",
      "outcome": "HALT"
    },
    {
      "month": 8,
      "label": "2040-09",
      "open": true,
      "best_min_margin": 0.25,
      "bottleneck": "A",
      "reservation": {
        "A": 0.5,
        "B": 0.5
      },
      "ideal": {
        "A": 1,
        "B": 1
      },
      "package": {
        "X": "x50",
        "CF": "cf1"
      },
      "utility": {
        "A": 0.75,
        "B": 0.75
      },
      "blocking_sets": null,
      "target": {
        "A": 0.5,
        "B": 0.5
      },
      "proposer": null,
      "offer": null,
      "offer_utility": null,
      "signed": false,
      "end_state": "armistice",
      "outcome": "HALT"
    }
  ],
  "protocol": {
    "kind": "mediator",
    "deadline": 8,
    "end_state": "armistice",
    "end_month": 0,
    "outcome": "HALT",
    "package": null,
    "armistice": {
      "CF": "cf1"
    }
  }
}
