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

/* The steps every CSV-like importer starts with: the text check
 * (parley_i_text_check, which sets *skip past a byte-order mark) and csv
 * options with '"' quotes and the importers' field limit; the caller sets
 * the delimiter. */
parley_status parley_i_import_start(parley_ctx *ctx, const char *name,
                                    const char *bytes, size_t len,
                                    parley_i_csv_options *csv, size_t *skip);

/* An importer's last step: on failure the partly built scenario is freed
 * and *out set to NULL.  Returns status. */
parley_status parley_i_import_finish(parley_status status,
                                     parley_scenario **out);

/* Grows a block of rows of `per` numbers each (per > 0) to hold new_cap
 * rows; nothing when it already holds that many.  PARLEY_OK, or
 * PARLEY_ENOMEM (reported) leaving the block as it was. */
parley_status parley_i_grow_cells(parley_ctx *ctx, parley_num **cells,
                                  size_t *cap, size_t new_cap, size_t per);

/* Gives s n actors (n issues) in their unset state (parley_i_actor_init,
 * parley_i_issue_init).  PARLEY_OK or PARLEY_ENOMEM (reported). */
parley_status parley_i_import_actors(parley_ctx *ctx, parley_scenario *s,
                                     size_t n);
parley_status parley_i_import_issues(parley_ctx *ctx, parley_scenario *s,
                                     size_t n);

#endif /* PARLEY_UTIL_IMPORT_H */
