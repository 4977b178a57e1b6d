/*
 * fuzz_ktab.c -- libFuzzer target for the ktab importer
 * (src/scenario/load_ktab.c); the body is in fuzz_import.h.
 */
#define FUZZ_FORMAT PARLEY_FORMAT_KTAB
#define FUZZ_NAME "fuzz.csv"

#include "fuzz_import.h"
