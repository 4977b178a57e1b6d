/*
 * common.h -- small pieces the report writers share: labels for scenario
 * entries and number formats.  Not part of the public API.
 */
#ifndef PARLEY_REPORT_COMMON_H
#define PARLEY_REPORT_COMMON_H

#include "report/sink.h"
#include "scenario/scenario.h"

/* The id of option o of issue k, or "?" when there is none. */
const char *parley_i_option_id(const parley_scenario *s, size_t k, size_t o);

/* A package count: the integer below 10^9, else "2.3e+11". */
void parley_i_write_count(parley_writer *w, long double n);

#endif
