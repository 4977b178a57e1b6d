/*
 * csvread.h -- delimited-text reading for the importers (BDM, KTAB, decide,
 * DEU): libcsv does the RFC 4180 quoting, this wrapper adds what libcsv
 * leaves out -- the line and column of every field, UTF-8 and NUL checks,
 * comment lines, error recovery at the next line -- and hands the caller
 * one row at a time.  Not part of the public API.
 */
#ifndef PARLEY_UTIL_CSVREAD_H
#define PARLEY_UTIL_CSVREAD_H

#include "core/core.h"

/* One field of a row.  text is NUL-terminated, stripped of the quotes and
 * (for unquoted fields) of surrounding blanks; it lives until the row
 * callback returns. */
typedef struct parley_i_csv_field {
    const char *text;
    size_t len;
    unsigned line, col;   /* 1-based position of the field's first char */
    unsigned char quoted; /* 1 if the field was written in quotes */
} parley_i_csv_field;

typedef struct parley_i_csv_row {
    const parley_i_csv_field *fields;
    size_t n_fields;
    size_t number; /* 1-based record number (blank lines skipped) */
    unsigned line; /* line of the first field */
    unsigned end_line, end_col; /* just past the last field: where a missing
                                   field would have been */
} parley_i_csv_row;

/* Called once per row.  Anything but PARLEY_OK stops the reading and is
 * returned by parley_i_csv_read; report row errors through the context and
 * return PARLEY_OK to go on looking for more. */
typedef parley_status (*parley_i_csv_row_fn)(void *user,
                                             const parley_i_csv_row *row);

typedef struct parley_i_csv_options {
    unsigned char delimiter; /* ',', ';' or '\t' */
    unsigned char quote;     /* '"' or '\'' */
    size_t max_fields;       /* per row; more is PARLEY_ELIMIT */
    /* Lines whose first non-blank text starts with one of these are skipped
     * whole (decide's "#/" comments may hold stray quotes).  May be NULL. */
    const char *const *comment_prefixes;
    size_t n_comment_prefixes;
} parley_i_csv_options;

/*
 * Checks that bytes are text a loader may parse: valid UTF-8 and no NUL
 * bytes.  Reports every offending byte as "file:line:col" (PARLEY_EPARSE)
 * and returns PARLEY_OK only if there is none.  *skip receives the length
 * of a leading UTF-8 byte-order mark (0 or 3), which parsers jump over.
 */
parley_status parley_i_text_check(parley_ctx *ctx, const char *file,
                                  const char *bytes, size_t len, size_t *skip);

/* The 1-based line and column (in characters) of byte `offset`. */
void parley_i_text_position(const char *bytes, size_t offset, unsigned *line,
                            unsigned *col);

/*
 * Splits bytes (already checked by parley_i_text_check) into rows and calls
 * on_row for each.  Blank lines are skipped.  A quoting error is reported at
 * its position, the rest of that line is dropped and reading resumes on the
 * next line, so one bad quote does not hide later errors; the result is
 * then PARLEY_EPARSE.  All memory comes from ctx and is freed on return.
 */
parley_status parley_i_csv_read(parley_ctx *ctx, const char *file,
                                const char *bytes, size_t len,
                                const parley_i_csv_options *opts,
                                parley_i_csv_row_fn on_row, void *user);

/* The delimiter among ',', ';' and '\t' that occurs most often on the first
 * non-blank line outside quotes (',' on a tie or when none occurs). */
unsigned char parley_i_csv_sniff(const char *bytes, size_t len,
                                 unsigned char quote);

#endif /* PARLEY_UTIL_CSVREAD_H */
