/*
 * import.h -- helpers shared by the importers of other tools' formats (BDM
 * tables, KTAB, decide, DEU): fresh actors and issues in their "unset"
 * state, ids from file names, numbers with a decimal comma, header matching.
 * Not part of the public API.
 */
#ifndef PARLEY_UTIL_IMPORT_H
#define PARLEY_UTIL_IMPORT_H

#include "scenario/scenario.h"
#include "util/csvread.h"

/* An actor with nothing set: sources PARLEY_NO_INDEX, optional numbers
 * absent. */
void parley_i_actor_init(parley_actor *actor);

/* An issue on the 0..100 scale with nothing else set: status quo, outcome
 * and reference point NaN, indices PARLEY_NO_INDEX. */
void parley_i_issue_init(parley_issue *issue);

/* A point value written at line:col. */
parley_num parley_i_num_at(double value, unsigned line, unsigned col);

/* The base name of a file without directory and extension, as an id;
 * `fallback` when that leaves nothing or the name is a placeholder such as
 * "<buffer>" or "-".  NULL only when out of memory. */
char *parley_i_id_from_name(const parley_ctx *ctx, const char *name,
                            const char *fallback);

/* Strict number parsing (parley_i_parse_double); with decimal_comma a
 * single ',' stands for the decimal point ("0,5"), as in files that use ';'
 * or tabs between fields. */
int parley_i_parse_number(const char *text, int decimal_comma, double *out);

/* 1 if every field of the row is empty (a spreadsheet's blank line). */
int parley_i_csv_row_blank(const parley_i_csv_row *row);

/* The widest row any importer accepts: two columns per actor or issue plus
 * a few more, so a hostile line cannot allocate without bound. */
size_t parley_i_import_max_fields(const parley_ctx *ctx);

#endif /* PARLEY_UTIL_IMPORT_H */
