/*
 * fuzz_deu.c -- libFuzzer target for the deu importer
 * (src/scenario/load_deu.c); the body is in fuzz_import.h.
 */
#define FUZZ_FORMAT PARLEY_FORMAT_DEU
#define FUZZ_NAME "fuzz.tsv"

#include "fuzz_import.h"
