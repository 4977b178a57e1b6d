/*
 * json.c -- streaming JSON emitter (see json.h).
 */
#include "report/json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void parley_i_json_init(parley_json *j, parley_writer *w, int pretty)
{
    memset(j, 0, sizeof *j);
    j->w = w;
    j->pretty = pretty;
}

static void newline(parley_json *j)
{
    int i;

    if (!j->pretty)
        return;
    parley_i_write(j->w, "\n", 1);
    for (i = 0; i < j->depth; i++)
        parley_i_write(j->w, "  ", 2);
}

/* Called before every value in a container: comma and indentation.  A
 * value right after a key gets neither. */
static void before_value(parley_json *j)
{
    if (j->depth > 0 && j->need_comma[j->depth] == 2) {
        j->need_comma[j->depth] = 1; /* value after key */
        return;
    }
    if (j->depth > 0) {
        if (j->need_comma[j->depth])
            parley_i_write(j->w, ",", 1);
        newline(j);
        j->need_comma[j->depth] = 1;
    }
}

static void open_(parley_json *j, const char *brace)
{
    before_value(j);
    parley_i_write(j->w, brace, 1);
    if (j->depth < 63)
        j->depth++;
    j->need_comma[j->depth] = 0;
}

static void close_(parley_json *j, const char *brace)
{
    int had = j->need_comma[j->depth];

    if (j->depth > 0)
        j->depth--;
    if (had)
        newline(j);
    parley_i_write(j->w, brace, 1);
    if (j->depth == 0 && j->pretty)
        parley_i_write(j->w, "\n", 1);
}

void parley_i_json_object(parley_json *j) { open_(j, "{"); }
void parley_i_json_array(parley_json *j) { open_(j, "["); }
void parley_i_json_end_object(parley_json *j) { close_(j, "}"); }
void parley_i_json_end_array(parley_json *j) { close_(j, "]"); }

static void write_string(parley_json *j, const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    const unsigned char *run = p;

    parley_i_write(j->w, "\"", 1);
    for (; *p; p++) {
        char esc[8];

        if (*p != '"' && *p != '\\' && *p >= 0x20)
            continue;
        parley_i_write(j->w, (const char *)run, (size_t)(p - run));
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            parley_i_write(j->w, esc, 2);
        } else {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            parley_i_write(j->w, esc, 6);
        }
        run = p + 1;
    }
    parley_i_write(j->w, (const char *)run, (size_t)(p - run));
    parley_i_write(j->w, "\"", 1);
}

void parley_i_json_key(parley_json *j, const char *key)
{
    before_value(j);
    write_string(j, key);
    parley_i_write(j->w, j->pretty ? ": " : ":", j->pretty ? 2 : 1);
    j->need_comma[j->depth] = 2;
}

void parley_i_json_string(parley_json *j, const char *text)
{
    if (!text) {
        parley_i_json_null(j);
        return;
    }
    before_value(j);
    write_string(j, text);
}

void parley_i_json_number(parley_json *j, double value)
{
    if (!isfinite(value)) {
        parley_i_json_null(j);
        return;
    }
    before_value(j);
    if (value == 0)
        value = 0; /* no "-0" */
    parley_i_writef(j->w, "%.17g", value);
}

void parley_i_json_size(parley_json *j, size_t value)
{
    before_value(j);
    parley_i_writef(j->w, "%zu", value);
}

void parley_i_json_bool(parley_json *j, int value)
{
    before_value(j);
    parley_i_write(j->w, value ? "true" : "false", value ? 4 : 5);
}

void parley_i_json_null(parley_json *j)
{
    before_value(j);
    parley_i_write(j->w, "null", 4);
}

/* A string member: "key": "text" (null for NULL). */
void parley_i_json_member_string(parley_json *j, const char *key,
                                 const char *text)
{
    parley_i_json_key(j, key);
    parley_i_json_string(j, text);
}

/* A number member: "key": value (null unless finite). */
void parley_i_json_member_number(parley_json *j, const char *key, double value)
{
    parley_i_json_key(j, key);
    parley_i_json_number(j, value);
}

/* A count member: "key": value. */
void parley_i_json_member_size(parley_json *j, const char *key, size_t value)
{
    parley_i_json_key(j, key);
    parley_i_json_size(j, value);
}

/* A boolean member: "key": true or false. */
void parley_i_json_member_bool(parley_json *j, const char *key, int value)
{
    parley_i_json_key(j, key);
    parley_i_json_bool(j, value);
}

/* Utilities and margins, one number per party. */
void parley_i_json_numbers(parley_json *j, const double *x, size_t n)
{
    size_t i;

    parley_i_json_array(j);
    for (i = 0; i < n; i++)
        parley_i_json_number(j, x[i]);
    parley_i_json_end_array(j);
}
