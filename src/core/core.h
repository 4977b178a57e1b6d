/*
 * core.h -- internal helpers shared by every part of libparley: the context
 * layout, allocation through the context's hook, diagnostics and a growable
 * byte buffer.  Not part of the public API.
 */
#ifndef PARLEY_CORE_H
#define PARLEY_CORE_H

#include "parley.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define PARLEY_ERRMSG_MAX 1024

struct parley_ctx {
    parley_allocator allocator;
    parley_limits limits;
    parley_diag *diags;       /* owned; message and file strings owned too */
    size_t n_diags, cap_diags;
    size_t n_dropped;
    char errmsg[PARLEY_ERRMSG_MAX];
    int has_error;
};

/* Allocation through the context's hook.  parley_i_alloc returns zeroed
 * memory.  Sizes are passed back on free, as the hook wants them. */
void *parley_i_alloc(const parley_ctx *ctx, size_t size);
void *parley_i_alloc_array(const parley_ctx *ctx, size_t count, size_t size);
void *parley_i_realloc(const parley_ctx *ctx, void *ptr, size_t old_size,
                       size_t new_size);
void parley_i_free(const parley_ctx *ctx, void *ptr, size_t size);
/* Copies a NUL-terminated string (NULL -> NULL). */
char *parley_i_strdup(const parley_ctx *ctx, const char *text);
char *parley_i_strndup(const parley_ctx *ctx, const char *text, size_t len);
void parley_i_strfree(const parley_ctx *ctx, char *text);

/* Records an error at a position and returns `status`.  The first error
 * becomes parley_ctx_errmsg; all are kept as diagnostics up to the limit.
 * file may be NULL, line/col 0 when unknown.  Returns status unchanged. */
parley_status parley_i_error(parley_ctx *ctx, parley_status status,
                             const char *file, unsigned line, unsigned col,
                             const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
parley_status parley_i_verror(parley_ctx *ctx, parley_status status,
                              const char *file, unsigned line, unsigned col,
                              const char *fmt, va_list args);
/* Out-of-memory: records "out of memory" without allocating. */
parley_status parley_i_nomem(parley_ctx *ctx);

/* Growable byte buffer (always NUL-terminated when len > 0). */
typedef struct parley_buf {
    char *data;
    size_t len, cap;
    const parley_ctx *ctx;
    int failed; /* an allocation failed; further appends are ignored */
} parley_buf;

void parley_i_buf_init(parley_buf *buf, const parley_ctx *ctx);
void parley_i_buf_destroy(parley_buf *buf);
int parley_i_buf_append(parley_buf *buf, const char *bytes, size_t len);
int parley_i_buf_printf(parley_buf *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reads a whole file into memory through the context, honouring
 * max_input_bytes.  *out is NUL-terminated. */
parley_status parley_i_read_file(parley_ctx *ctx, const char *path,
                                 char **out, size_t *len);

/* Edit distance (for did-you-mean suggestions). */
size_t parley_i_levenshtein(const char *a, const char *b);
/* The candidate nearest to word (distance <= max(2, len/3)), or NULL. */
const char *parley_i_suggest(const char *word, const char *const *candidates,
                             size_t n);

/* 1 if bytes[0..len) is valid UTF-8; else 0 and *bad_offset is set. */
int parley_i_utf8_valid(const char *bytes, size_t len, size_t *bad_offset);

/* Strict number parsing: the whole string must be a finite number. */
int parley_i_parse_double(const char *text, double *out);
int parley_i_parse_long(const char *text, long *out);

#endif /* PARLEY_CORE_H */
