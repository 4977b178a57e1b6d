/*
 * sink.h -- a writer's view of a parley_sink: formatted writes that stop at
 * the first failure and honour the output-size limit.
 */
#ifndef PARLEY_REPORT_SINK_H
#define PARLEY_REPORT_SINK_H

#include "core/core.h"

typedef struct parley_writer {
    parley_ctx *ctx;
    parley_sink sink;
    size_t written;
    parley_status status;
} parley_writer;

void parley_i_writer_init(parley_writer *w, parley_ctx *ctx,
                          parley_sink sink);
/* Writes bytes unless an earlier write failed. */
void parley_i_write(parley_writer *w, const char *bytes, size_t len);
void parley_i_writef(parley_writer *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Writes text cut to at most `width` display columns (UTF-8 aware), with
 * "..." when cut. */
void parley_i_write_clipped(parley_writer *w, const char *text, size_t width);

/* A jansson dump callback that writes into a parley_writer. */
int parley_i_json_dump_cb(const char *buffer, size_t size, void *data);

#endif
