/*
 * common.h -- small pieces the report writers share: labels for scenario
 * entries and number formats.  Not part of the public API.
 */
#ifndef PARLEY_REPORT_COMMON_H
#define PARLEY_REPORT_COMMON_H

#include "report/json.h"
#include "report/sink.h"
#include "scenario/scenario.h"

/* The id of option o of issue k, or "?" when there is none. */
const char *parley_i_option_id(const parley_scenario *s, size_t k, size_t o);

/* A package count: the integer below 10^9, else "2.3e+11". */
void parley_i_write_count(parley_writer *w, long double n);

/* A durability breakdown / a scorecard as a JSON object
 * (impact_write.c). */
void parley_i_json_durability(parley_json *j, const parley_scenario *s,
                              const parley_durability *d);
void parley_i_json_scorecard(parley_json *j, const parley_scenario *s,
                             const parley_scorecard *c);

/* Text cut to `width` display columns (parley_i_write_clipped), then
 * padded with spaces to exactly `width`. */
void parley_i_write_padded(parley_writer *w, const char *text, size_t width);

#endif
