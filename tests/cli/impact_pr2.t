# impact_pr2
args: impact examples/ukraine-2026.yaml --proposal PR2
exit: 0
---
Impact: ukraine-2026 -- Ukraine-Russia peace negotiations, reference scenario (Jan 2026)
impact model SG: 13 dimensions; durability: 11 factors, 1 veto, clip [0, 100]
open issues take their status quo; acceptance is on the issues a package sets

PR2  US-brokered framework, Jan 2026 ("90 percent ready")
  sets 7 of 18 issues; outcome O5, O1b if signed; scored as O1b
  acceptance: RU no (T_DONBAS 60 outside [70, 100]); UA yes; US yes; EU yes; COW yes; NATO yes
  durability D = 44.00 under O1b
    base                                                           50.00
    DF1    Territory left unresolved (and DF9)      holds         -15.00
           when RECOG <= 25 and any of (T_DONBAS, T_ZK, T_CRIMEA) >= 40
    DF2    NATO role left unresolved                -              +0.00
           when NATO in {25, 50}
    DF3    Stakeholder acceptance (RL10 holders)    share 2/3     +10.00
    DF7    Russian maximalism                       holds         -10.00
           when outside RU's range on one of (T_DONBAS, T_ZK, T_CRIMEA, T_KURSK, NATO)
    DF6    Ukrainian domestic acceptability         -              +0.00
           when outside UA's range on one of (T_DONBAS, T_ZK, T_CRIMEA, T_KURSK, RECOG) (except at TK0)
    DF5    Guarantee credibility (DF5 reversed)     always         +9.00
    DF11   Guarantor forces on the ground           -              +0.00
           when TROOPS <= 33
    DF12   Phasing and verification                 always         +5.00
    DF10   US economic stake (minerals)             -              +0.00
           when MINERALS <= 25
    DF8    Temporary halt lets both sides rearm     -              +0.00
           when outcome O2
    DF4    Russia's compliance record               always         -5.00
    RL10   EU accepts; COW rejects (TROOPS 100 outside [0, 67]); NATO accepts
  SG (Singapore) under O1b: welfare -0.0175; normative -0.4475, economic +0.4000
    13 of 13 dimensions scored (weight 1); durability 44.00
    dim    weight basis         base   adj   score  weighted
    SG1      0.15 formula     -1.250     0  -1.250   -0.1875
    SG2       0.1 formula     -1.250     0  -1.250   -0.1250
    SG3      0.15 by_outcome  +2.000     0  +2.000   +0.3000
    SG4       0.1 by_outcome  -1.000     0  -1.000   -0.1000
    SG5      0.05 by_outcome  +2.000     0  +2.000   +0.1000
    SG6       0.1 by_outcome  +1.000     0  +1.000   +0.1000
    SG7      0.05 by_outcome  +0.000     0  +0.000   +0.0000
    SG8       0.1 by_outcome  +0.000     0  +0.000   +0.0000
    SG9       0.1 formula     -1.250     0  -1.250   -0.1250
    SG10     0.03 by_outcome  +1.000     0  +1.000   +0.0300
    SG11     0.04 by_outcome  +0.000     0  +0.000   +0.0000
    SG12     0.02 by_outcome  -0.500     0  -0.500   -0.0100  (cell -1..0)
    SG13     0.01 by_outcome  +0.000     0  +0.000   +0.0000
