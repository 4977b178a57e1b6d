# backtest_deu_even
# Reference: compromise MAE 22.99 / median 28.37 reported on 351 DEU III issues with
# Council voting power (validation/README.md); ours use GDP capabilities.
args: backtest tests/data/deu/deu3.tsv --split even
exit: 0
---
Backtest: tests/data/deu/deu3.tsv (175 issues with a recorded outcome; split: even)
Capabilities: as loaded (DEU III: the GDP figures on the file's second line; --equal-capability sets all to 1)

model        issues      MAE     RMSE  median AE
compromise      175    23.91    31.02      19.27
median          175    27.71    40.55      20.00
bdm             175    27.52    38.82      20.00
