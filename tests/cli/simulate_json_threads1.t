# simulate_json_threads1
# JSON with a shorter horizon, two outputs, 1 thread: the same bytes as simulate_json_threads2
args: simulate tests/data/dynamics/two_parties.yaml --draws 50 --months 2 --threads 1 --output state:strain,zone:X --json
exit: 0
---
{
  "scenario": "two-parties",
  "name": "Two parties (test)",
  "draws": 50,
  "seed": 1,
  "months": 2,
  "month_labels": [
    "2030-01",
    "2030-02",
    "2030-03"
  ],
  "coverage": 0.90000000000000002,
  "sample_inputs": true,
  "stochastic_dynamics": true,
  "inputs": [
    {
      "name": "position of A on X",
      "kind": "position",
      "low": 10,
      "mode": 20,
      "high": 40,
      "flag": null,
      "source": null,
      "bloc": null,
      "line": 14,
      "col": 21
    },
    {
      "name": "dynamics strain.drift",
      "kind": "drift",
      "low": 0.5,
      "mode": 1,
      "high": 2,
      "flag": null,
      "source": null,
      "bloc": null,
      "line": 21,
      "col": 39
    }
  ],
  "outputs": [
    {
      "id": "state:strain",
      "label": "strain",
      "kind": "value",
      "available": true,
      "n": [
        50,
        50,
        50
      ],
      "mean": [
        0,
        1.146691125684882,
        2.2966557761585995
      ],
      "se": [
        0,
        0.080280405716607425,
        0.1458671589854241
      ],
      "sd": [
        0,
        0.56766819278620384,
        1.0314365727100963
      ],
      "low": [
        0,
        0.2245572830002755,
        0.6281666002477152
      ],
      "median": [
        0,
        1.228126945551717,
        2.3003568082820438
      ],
      "high": [
        0,
        2.0128436216751626,
        3.9408594251176017
      ]
    },
    {
      "id": "zone:X",
      "label": "zone of agreement on X (A, B)",
      "kind": "event",
      "available": true,
      "n": [
        50,
        50,
        50
      ],
      "p": [
        0,
        0,
        0
      ],
      "se": [
        0,
        0,
        0
      ],
      "p_low": [
        0,
        0,
        0
      ],
      "p_high": [
        0.051333185786270143,
        0.051333185786270143,
        0.051333185786270143
      ],
      "p_by": [
        0,
        0,
        0
      ],
      "p_by_low": [
        0,
        0,
        0
      ],
      "p_by_high": [
        0.051333185786270143,
        0.051333185786270143,
        0.051333185786270143
      ]
    }
  ]
}
