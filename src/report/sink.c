/*
 * sink.c -- formatted writing into caller-supplied sinks.
 */
#include "report/sink.h"

#include <stdio.h>
#include <string.h>

void parley_i_writer_init(parley_writer *w, parley_ctx *ctx,
                          parley_sink sink)
{
    w->ctx = ctx;
    w->sink = sink;
    w->written = 0;
    w->status = PARLEY_OK;
}

void parley_i_write(parley_writer *w, const char *bytes, size_t len)
{
    if (w->status != PARLEY_OK || len == 0)
        return;
    if (w->written + len > w->ctx->limits.max_output_bytes) {
        w->status = parley_i_error(
            w->ctx, PARLEY_ELIMIT, NULL, 0, 0,
            "output exceeds the limit of %zu bytes (raise max_output_bytes)",
            w->ctx->limits.max_output_bytes);
        return;
    }
    if (w->sink.write(w->sink.user, bytes, len) != 0) {
        w->status = parley_i_error(w->ctx, PARLEY_EIO, NULL, 0, 0,
                                   "the output sink refused %zu bytes", len);
        return;
    }
    w->written += len;
}

void parley_i_writef(parley_writer *w, const char *fmt, ...)
{
    char small[1024];
    va_list args;
    int n;

    if (w->status != PARLEY_OK)
        return;
    va_start(args, fmt);
    n = vsnprintf(small, sizeof small, fmt, args);
    va_end(args);
    if (n < 0) {
        w->status = PARLEY_EINVAL;
        return;
    }
    if ((size_t)n < sizeof small) {
        parley_i_write(w, small, (size_t)n);
        return;
    }
    {
        char *big = parley_i_alloc(w->ctx, (size_t)n + 1);

        if (!big) {
            w->status = parley_i_nomem(w->ctx);
            return;
        }
        va_start(args, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, args);
        va_end(args);
        parley_i_write(w, big, (size_t)n);
        parley_i_free(w->ctx, big, (size_t)n + 1);
    }
}

void parley_i_write_clipped(parley_writer *w, const char *text, size_t width)
{
    size_t i = 0, cols = 0, cut = 0, cut_cols = 0;
    size_t len;

    if (!text)
        return;
    len = strlen(text);
    /* count display columns: one per UTF-8 lead byte */
    while (i < len) {
        if (((unsigned char)text[i] & 0xC0) != 0x80) {
            if (cols == (width > 3 ? width - 3 : 0)) {
                cut = i;
                cut_cols = cols;
            }
            cols++;
        }
        i++;
    }
    (void)cut_cols;
    if (cols <= width) {
        parley_i_write(w, text, len);
        return;
    }
    parley_i_write(w, text, cut);
    parley_i_write(w, "...", 3);
}

int parley_i_json_dump_cb(const char *buffer, size_t size, void *data)
{
    parley_writer *w = data;

    parley_i_write(w, buffer, size);
    return w->status == PARLEY_OK ? 0 : -1;
}
