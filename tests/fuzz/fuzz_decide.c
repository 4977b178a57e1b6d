/*
 * fuzz_decide.c -- libFuzzer target for the decide importer
 * (src/scenario/load_decide.c); the body is in fuzz_import.h.
 */
#define FUZZ_FORMAT PARLEY_FORMAT_DECIDE
#define FUZZ_NAME "fuzz.txt"

#include "fuzz_import.h"
