/*
 * json.h -- a small streaming JSON emitter over a parley_writer.  Numbers
 * are written with 17 significant digits (round-trip exact); NaN and
 * infinities become null.
 */
#ifndef PARLEY_REPORT_JSON_H
#define PARLEY_REPORT_JSON_H

#include "report/sink.h"

typedef struct parley_json {
    parley_writer *w;
    int depth;
    int need_comma[64];
    int pretty;
} parley_json;

void parley_i_json_init(parley_json *j, parley_writer *w, int pretty);
void parley_i_json_object(parley_json *j);   /* { */
void parley_i_json_array(parley_json *j);    /* [ */
void parley_i_json_end_object(parley_json *j);
void parley_i_json_end_array(parley_json *j);
void parley_i_json_key(parley_json *j, const char *key);
void parley_i_json_string(parley_json *j, const char *text); /* NULL: null */
void parley_i_json_number(parley_json *j, double value);
void parley_i_json_size(parley_json *j, size_t value);
void parley_i_json_bool(parley_json *j, int value);
void parley_i_json_null(parley_json *j);

/* A member of the current object: the key, then its value. */
void parley_i_json_member_string(parley_json *j, const char *key,
                                 const char *text);
void parley_i_json_member_number(parley_json *j, const char *key, double value);
void parley_i_json_member_size(parley_json *j, const char *key, size_t value);
void parley_i_json_member_bool(parley_json *j, const char *key, int value);
/* An array of n numbers. */
void parley_i_json_numbers(parley_json *j, const double *x, size_t n);

#endif
