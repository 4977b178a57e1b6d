# bargain_camera_raw
# Reference (negmas-app, anac2011/Camera/_stats.yaml; validation/README.md genius/): raw
# evaluations, d = worst utilities: 12 Pareto points, Nash (270.1, 162.5), KS (245.55, 170.9),
# egalitarian (191.95, 177.5), max welfare (276.9, 157.3), opposition 0.26684363356085694.
args: bargain --genius-raw --disagreement floor --ks negmas tests/data/genius/anac/y2011/Camera
exit: 0
---
Package bargaining: camera_domain -- camera_domain
2 parties, 6 issues, 3600 packages, 3600 feasible (0 options excluded by red lines or ratification; 0 groups of linked issues)
disagreement point: floor: d = max(reservation, worst utility) (NegMAS)
default reservation: auto: the actor's own reservation; else the worst package inside its acceptable ranges; else the status-quo package; else 0

party        capability reservation (source)           d     worst     ideal
camera_bu...          1      0.0000 scenario     13.3500   13.3500  310.4000
camera_se...          1      0.0000 scenario     11.8500   11.8500  211.9000
discount factors (read, not applied): camera_buyer_utility 0.890596, camera_seller_utility 0.890596

Zone of possible agreement: not empty, 3600 packages (share 1 of the feasible ones); best worst-off gain 165.6500
answered by enumerating every feasible package
Pareto frontier (packages in the zone): 12 points
  camera_buyer_utility 276.9000, camera_seller_utility 157.3000
  camera_buyer_utility 304.4000, camera_seller_utility 128.7000
  camera_buyer_utility 270.1000, camera_seller_utility 162.5000
  camera_buyer_utility 297.6000, camera_seller_utility 133.9000
  camera_buyer_utility 245.5500, camera_seller_utility 170.9000
  camera_buyer_utility 238.7500, camera_seller_utility 176.1000
  camera_buyer_utility 310.4000, camera_seller_utility 103.0500
  camera_buyer_utility 191.9500, camera_seller_utility 177.5000
  camera_buyer_utility 171.5000, camera_seller_utility 196.9000
  camera_buyer_utility 176.6000, camera_seller_utility 180.9000
  camera_buyer_utility 140.1500, camera_seller_utility 210.5000
  camera_buyer_utility 93.3500, camera_seller_utility 211.9000

Solutions
nash: value 38679.4, 1 point, 1 package [enumeration]
  camera_buyer_utility 270.1000, camera_seller_utility 162.5000
    Maker=Maker:Nikon Body=Body:APS-C Lens=Lens:High end model
    Tripod=Tripod:Manfrotto Bag=Bag:Domke Accessory=Accessory:Battery Grip
nash_weighted: value 196.671, 1 point, 1 package [enumeration]
  camera_buyer_utility 270.1000, camera_seller_utility 162.5000
    Maker=Maker:Nikon Body=Body:APS-C Lens=Lens:High end model
    Tripod=Tripod:Manfrotto Bag=Bag:Domke Accessory=Accessory:Battery Grip
kalai_smorodinsky: value 0.0133647, 1 point, 1 package [frontier]
  camera_buyer_utility 245.5500, camera_seller_utility 170.9000
    Maker=Maker:Canon Body=Body:APS-C Lens=Lens:High end model
    Tripod=Tripod:Manfrotto Bag=Bag:Lowepro Accessory=Accessory:Battery Grip
egalitarian: value 165.65, 1 point, 1 package [enumeration]
  camera_buyer_utility 191.9500, camera_seller_utility 177.5000
    Maker=Maker:Nikon Body=Body:APS-C Lens=Lens:High end model
    Tripod=Tripod:Manfrotto Bag=Bag:Lowepro
    Accessory=Accessory:Electronic Flash
max_welfare: value 434.2, 1 point, 1 package [enumeration]
  camera_buyer_utility 276.9000, camera_seller_utility 157.3000
    Maker=Maker:Canon Body=Body:APS-C Lens=Lens:High end model
    Tripod=Tripod:Manfrotto Bag=Bag:Domke Accessory=Accessory:Battery Grip

Opposition (NegMAS): 0.266844
Correlation of utilities over the feasible packages (-1 opposed, +1 aligned)
  camera_buy   1.00   0.04
  camera_sel   0.04   1.00
