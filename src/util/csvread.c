/*
 * csvread.c -- see csvread.h.
 *
 * libcsv is fed one byte at a time (its FAQ recommends this for
 * preprocessing) so that every field callback knows the line and column it
 * came from.  libcsv has no user pointer on its allocator hooks, so its
 * entry buffer is owned here: allocated through the context and grown
 * before each byte, with libcsv's own realloc replaced by one that refuses.
 * libcsv therefore never allocates.
 */
#include "util/csvread.h"

#include <csv.h>
#include <string.h>

/* A running position in the text: line and column of the next byte. */
typedef struct cursor {
    unsigned line;
    unsigned col; /* characters already seen on this line */
    int after_cr; /* the previous byte was '\r' (so '\n' ends no line) */
} cursor;

static void cursor_init(cursor *cur)
{
    cur->line = 1;
    cur->col = 0;
    cur->after_cr = 0;
}

/* Counts lines ("\n", "\r\n" and a lone "\r" each end one) and characters
 * (UTF-8 continuation bytes do not start a character). */
static void cursor_advance(cursor *cur, unsigned char c)
{
    if (c == '\n') {
        if (!cur->after_cr)
            cur->line++;
        cur->col = 0;
        cur->after_cr = 0;
    } else if (c == '\r') {
        cur->line++;
        cur->col = 0;
        cur->after_cr = 1;
    } else {
        cur->after_cr = 0;
        if ((c & 0xC0) != 0x80)
            cur->col++;
    }
}

void parley_i_text_position(const char *bytes, size_t offset, unsigned *line,
                            unsigned *col)
{
    cursor cur;
    size_t i;

    cursor_init(&cur);
    for (i = 0; i < offset; i++)
        cursor_advance(&cur, (unsigned char)bytes[i]);
    *line = cur.line;
    *col = cur.col + 1;
}

/* Length of the UTF-8 sequence a lead byte announces, 0 if it is none. */
static size_t utf8_length(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        return 2;
    if ((c & 0xF0) == 0xE0)
        return 3;
    if ((c & 0xF8) == 0xF0)
        return 4;
    return 0;
}

parley_status parley_i_text_check(parley_ctx *ctx, const char *file,
                                  const char *bytes, size_t len, size_t *skip)
{
    parley_status status = PARLEY_OK;
    size_t i, n_errors = 0;
    cursor cur;

    *skip = 0;
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        *skip = 3;
    cursor_init(&cur);
    i = *skip;
    /* stop after max_diagnostics errors: a binary file has millions */
    while (i < len && n_errors < ctx->limits.max_diagnostics) {
        unsigned char c = (unsigned char)bytes[i];
        size_t n = utf8_length(c);

        if (c == 0) {
            status = parley_i_error(ctx, PARLEY_EPARSE, file, cur.line,
                                    cur.col + 1, "NUL byte, expected text");
            n_errors++;
            n = 1;
        } else if (n == 0 || n > len - i ||
                   (n > 1 && !parley_i_utf8_valid(bytes + i, n, NULL))) {
            status = parley_i_error(
                ctx, PARLEY_EPARSE, file, cur.line, cur.col + 1,
                "invalid UTF-8 byte 0x%02X, expected UTF-8 text (save the "
                "file as UTF-8)",
                c);
            n_errors++;
            n = 1;
        }
        while (n--)
            cursor_advance(&cur, (unsigned char)bytes[i++]);
    }
    return status;
}

unsigned char parley_i_csv_sniff(const char *bytes, size_t len,
                                 unsigned char quote)
{
    static const unsigned char candidates[] = {',', ';', '\t'};
    size_t count[3] = {0, 0, 0};
    size_t i = 0, k, best = 0;
    int quoted = 0;

    while (i < len && (bytes[i] == ' ' || bytes[i] == '\t' ||
                       bytes[i] == '\r' || bytes[i] == '\n'))
        i++;
    /* a leading tab is indentation, not a delimiter: back up to the line
     * start only if what we skipped on this line was tabs */
    while (i > 0 && bytes[i - 1] == '\t')
        i--;
    for (; i < len; i++) {
        unsigned char c = (unsigned char)bytes[i];

        if (c == quote)
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted)
            for (k = 0; k < 3; k++)
                count[k] += c == candidates[k];
    }
    for (k = 1; k < 3; k++)
        if (count[k] > count[best])
            best = k;
    return candidates[best];
}

/* ---- the reader ---------------------------------------------------------- */

typedef struct reader {
    parley_ctx *ctx;
    const char *file;
    const parley_i_csv_options *opts;
    parley_i_csv_row_fn on_row;
    void *user;
    struct csv_parser parser;
    unsigned char *entry; /* libcsv's entry buffer, owned here */
    size_t entry_size;
    cursor cur; /* position of the byte being fed */
    /* the field being read */
    int need_start; /* its first character is still to come */
    unsigned start_line, start_col;
    unsigned char start_quoted;
    /* the row being read */
    int in_row;
    parley_i_csv_field *fields;
    size_t *offsets; /* each field's text in `text` */
    size_t n_fields, cap_fields, cap_offsets;
    parley_buf text;
    size_t n_rows;
    parley_status status; /* first status that stops the reading */
} reader;

static int blank_space(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static int blank_space_only(unsigned char c)
{
    return c == ' ';
}

/* libcsv's own allocator must never run (the buffer is grown here). */
static void *refuse_realloc(void *ptr, size_t size)
{
    (void)ptr;
    (void)size;
    return NULL;
}

static void keep_buffer(void *ptr)
{
    (void)ptr; /* the buffer belongs to the reader, freed through ctx */
}

static int is_blank(const reader *r, unsigned char c)
{
    return r->opts->delimiter == '\t' ? blank_space_only(c) : blank_space(c);
}

static void parser_start(reader *r)
{
    csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_set_delim(&r->parser, r->opts->delimiter);
    csv_set_quote(&r->parser, r->opts->quote);
    csv_set_space_func(&r->parser, r->opts->delimiter == '\t' ? blank_space_only
                                                              : blank_space);
    csv_set_realloc_func(&r->parser, refuse_realloc);
    csv_set_free_func(&r->parser, keep_buffer);
    r->parser.entry_buf = r->entry;
    r->parser.entry_size = r->entry_size;
}

/* Makes room for the next byte: libcsv writes at most one character and a
 * terminating NUL per byte fed. */
static int entry_reserve(reader *r)
{
    size_t size;
    unsigned char *grown;

    if (r->parser.entry_pos + 2 <= r->entry_size)
        return 0;
    size = r->entry_size ? r->entry_size * 2 : 64;
    grown = parley_i_realloc(r->ctx, r->entry, r->entry_size, size);
    if (!grown)
        return -1;
    r->entry = grown;
    r->entry_size = size;
    r->parser.entry_buf = grown;
    r->parser.entry_size = size;
    return 0;
}

static void row_clear(reader *r)
{
    r->n_fields = 0;
    r->text.len = 0;
    r->in_row = 0;
    r->need_start = 1;
}

static void on_field(void *field, size_t len, void *data)
{
    reader *r = data;
    parley_i_csv_field *f;

    if (r->status != PARLEY_OK)
        return;
    if (r->n_fields == r->opts->max_fields) {
        r->status = parley_i_error(
            r->ctx, PARLEY_ELIMIT, r->file, r->start_line, r->start_col,
            "row has more than %zu fields, expected fewer (the limit "
            "follows --max-actors and --max-issues)",
            r->opts->max_fields);
        return;
    }
    if (r->n_fields == r->cap_fields) {
        size_t cap = r->cap_fields ? r->cap_fields * 2 : 16;
        parley_i_csv_field *fields;
        size_t *offsets;

        if (r->cap_offsets < cap) {
            offsets = parley_i_realloc(r->ctx, r->offsets,
                                       r->cap_offsets * sizeof *r->offsets,
                                       cap * sizeof *r->offsets);
            if (!offsets) {
                r->status = parley_i_nomem(r->ctx);
                return;
            }
            r->offsets = offsets;
            r->cap_offsets = cap;
        }
        fields = parley_i_realloc(r->ctx, r->fields,
                                  r->cap_fields * sizeof *r->fields,
                                  cap * sizeof *r->fields);
        if (!fields) {
            r->status = parley_i_nomem(r->ctx);
            return;
        }
        r->fields = fields;
        r->cap_fields = cap;
    }
    r->offsets[r->n_fields] = r->text.len;
    if (parley_i_buf_append(&r->text, field ? field : "", len) != 0 ||
        parley_i_buf_append(&r->text, "", 1) != 0) {
        r->status = parley_i_nomem(r->ctx);
        return;
    }
    f = &r->fields[r->n_fields++];
    f->text = NULL;
    f->len = len;
    if (r->need_start) {
        /* an empty field at the end of a line starts where it would be */
        f->line = r->cur.line;
        f->col = r->cur.col + 1;
        f->quoted = 0;
    } else {
        f->line = r->start_line;
        f->col = r->start_col;
        f->quoted = r->start_quoted;
    }
    r->need_start = 1;
}

static void on_row_end(int c, void *data)
{
    reader *r = data;
    parley_i_csv_row row;
    size_t i;

    (void)c;
    if (r->status != PARLEY_OK)
        return;
    for (i = 0; i < r->n_fields; i++)
        r->fields[i].text = r->text.data + r->offsets[i];
    row.fields = r->fields;
    row.n_fields = r->n_fields;
    row.number = ++r->n_rows;
    row.line = r->n_fields ? r->fields[0].line : r->cur.line;
    row.end_line = r->cur.line;
    row.end_col = r->cur.col + 1;
    if (r->n_fields)
        r->status = r->on_row(r->user, &row);
    row_clear(r);
}

/* 1 if the text at bytes[pos..] starts with a comment prefix. */
static int is_comment(const reader *r, const char *bytes, size_t len,
                      size_t pos)
{
    size_t k;

    for (k = 0; k < r->opts->n_comment_prefixes; k++) {
        const char *prefix = r->opts->comment_prefixes[k];
        size_t lp = strlen(prefix);

        if (len - pos >= lp && memcmp(bytes + pos, prefix, lp) == 0)
            return 1;
    }
    return 0;
}

/* Index of the line terminator ending the line that holds pos, or len. */
static size_t line_end(const char *bytes, size_t len, size_t pos)
{
    while (pos < len && bytes[pos] != '\n' && bytes[pos] != '\r')
        pos++;
    return pos;
}

static void syntax_error(reader *r)
{
    if (r->parser.quoted)
        parley_i_error(r->ctx, PARLEY_EPARSE, r->file, r->cur.line,
                       r->cur.col + 1,
                       "unexpected character after the closing quote of "
                       "a quoted field, expected a delimiter or the end of "
                       "the line (write a quote inside quotes as %c%c)",
                       r->opts->quote, r->opts->quote);
    else
        parley_i_error(r->ctx, PARLEY_EPARSE, r->file, r->cur.line,
                       r->cur.col + 1,
                       "quote character %c inside an unquoted field, "
                       "expected the whole field in quotes with the inner "
                       "quote doubled",
                       r->opts->quote);
}

parley_status parley_i_csv_read(parley_ctx *ctx, const char *file,
                                const char *bytes, size_t len,
                                const parley_i_csv_options *opts,
                                parley_i_csv_row_fn on_row, void *user)
{
    reader r;
    size_t pos = 0;
    int syntax = 0;

    memset(&r, 0, sizeof r);
    r.ctx = ctx;
    r.file = file;
    r.opts = opts;
    r.on_row = on_row;
    r.user = user;
    parley_i_buf_init(&r.text, ctx);
    cursor_init(&r.cur);
    row_clear(&r);
    parser_start(&r);
    while (pos < len && r.status == PARLEY_OK) {
        unsigned char c = (unsigned char)bytes[pos];

        if (!r.in_row && !is_blank(&r, c) && c != '\r' && c != '\n' &&
            is_comment(&r, bytes, len, pos)) {
            size_t end = line_end(bytes, len, pos);

            while (pos < end)
                cursor_advance(&r.cur, (unsigned char)bytes[pos++]);
            continue;
        }
        if (r.need_start && !is_blank(&r, c) && c != '\r' && c != '\n') {
            r.start_line = r.cur.line;
            r.start_col = r.cur.col + 1;
            r.start_quoted = c == opts->quote;
            r.need_start = 0;
            r.in_row = 1;
        }
        if (entry_reserve(&r) != 0) {
            r.status = parley_i_nomem(ctx);
            break;
        }
        if (csv_parse(&r.parser, &c, 1, on_field, on_row_end, &r) != 1) {
            size_t end;

            if (csv_error(&r.parser) != CSV_EPARSE) {
                r.status = parley_i_nomem(ctx);
                break;
            }
            /* report, drop the rest of the line and the row, start over */
            syntax_error(&r);
            syntax = 1;
            end = line_end(bytes, len, pos);
            while (pos < end)
                cursor_advance(&r.cur, (unsigned char)bytes[pos++]);
            row_clear(&r);
            parser_start(&r);
            continue;
        }
        cursor_advance(&r.cur, c);
        pos++;
    }
    if (r.status == PARLEY_OK) {
        if (entry_reserve(&r) != 0) {
            r.status = parley_i_nomem(ctx);
        } else if (csv_fini(&r.parser, on_field, on_row_end, &r) != 0) {
            /* CSV_STRICT_FINI: the last field opened a quote never closed */
            parley_i_error(ctx, PARLEY_EPARSE, file, r.start_line, r.start_col,
                           "quoted field is never closed, expected a "
                           "closing %c",
                           opts->quote);
            syntax = 1;
        }
    }
    parley_i_free(ctx, r.entry, r.entry_size);
    parley_i_free(ctx, r.fields, r.cap_fields * sizeof *r.fields);
    parley_i_free(ctx, r.offsets, r.cap_offsets * sizeof *r.offsets);
    parley_i_buf_destroy(&r.text);
    if (r.status == PARLEY_OK && syntax)
        return PARLEY_EPARSE;
    return r.status;
}
