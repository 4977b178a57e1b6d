/*
 * fuzz_bdm.c -- libFuzzer target for the bdm importer
 * (src/scenario/load_bdm.c); the body is in fuzz_import.h.
 */
#define FUZZ_FORMAT PARLEY_FORMAT_BDM
#define FUZZ_NAME "fuzz.csv"

#include "fuzz_import.h"
