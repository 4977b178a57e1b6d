/*
 * ctx.c -- the context: allocator hook, limits and diagnostics.
 */
#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *default_alloc(void *user, size_t size)
{
    (void)user;
    return malloc(size);
}

static void *default_realloc(void *user, void *ptr, size_t old_size,
                             size_t new_size)
{
    (void)user;
    (void)old_size;
    return realloc(ptr, new_size);
}

static void default_free(void *user, void *ptr, size_t size)
{
    (void)user;
    (void)size;
    free(ptr);
}

const char *parley_version(void) { return PARLEY_VERSION_STRING; }

/*
 * The defaults are generous enough for every real negotiation data set we
 * know of (DEU III has 30 actors and 364 issues) and small enough that a
 * hostile file cannot make the loader allocate gigabytes.
 */
void parley_limits_set_default(parley_limits *limits)
{
    if (!limits)
        return;
    limits->max_input_bytes = (size_t)64 << 20;
    limits->max_actors = 10000;
    limits->max_issues = 10000;
    limits->max_options = 1000;
    limits->max_rounds = 100000;
    limits->max_draws = 100000000;
    limits->max_output_bytes = (size_t)1 << 30;
    limits->max_diagnostics = 200;
    limits->max_stances = 4000000;
}

/* Creates a context.  allocator may be NULL for malloc/free. */
parley_ctx *parley_ctx_new(const parley_allocator *allocator)
{
    parley_allocator a;
    parley_ctx *ctx;

    if (allocator) {
        a = *allocator;
        if (!a.alloc || !a.realloc || !a.free)
            return NULL;
    } else {
        a.alloc = default_alloc;
        a.realloc = default_realloc;
        a.free = default_free;
        a.user = NULL;
    }
    ctx = a.alloc(a.user, sizeof *ctx);
    if (!ctx)
        return NULL;
    memset(ctx, 0, sizeof *ctx);
    ctx->allocator = a;
    parley_limits_set_default(&ctx->limits);
    return ctx;
}

void parley_ctx_clear(parley_ctx *ctx)
{
    size_t i;

    if (!ctx)
        return;
    for (i = 0; i < ctx->n_diags; i++) {
        parley_i_strfree(ctx, (char *)ctx->diags[i].file);
        parley_i_strfree(ctx, (char *)ctx->diags[i].message);
    }
    parley_i_free(ctx, ctx->diags, ctx->cap_diags * sizeof *ctx->diags);
    ctx->diags = NULL;
    ctx->n_diags = ctx->cap_diags = 0;
    ctx->n_dropped = 0;
    ctx->errmsg[0] = '\0';
    ctx->has_error = 0;
}

void parley_ctx_free(parley_ctx *ctx)
{
    parley_allocator a;

    if (!ctx)
        return;
    parley_ctx_clear(ctx);
    a = ctx->allocator;
    a.free(a.user, ctx, sizeof *ctx);
}

void parley_ctx_set_limits(parley_ctx *ctx, const parley_limits *limits)
{
    if (ctx && limits)
        ctx->limits = *limits;
}

const parley_limits *parley_ctx_limits(const parley_ctx *ctx)
{
    return ctx ? &ctx->limits : NULL;
}

const char *parley_ctx_errmsg(const parley_ctx *ctx)
{
    return ctx ? ctx->errmsg : "";
}

size_t parley_ctx_ndiag(const parley_ctx *ctx)
{
    return ctx ? ctx->n_diags : 0;
}

const parley_diag *parley_ctx_diag(const parley_ctx *ctx, size_t index)
{
    if (!ctx || index >= ctx->n_diags)
        return NULL;
    return &ctx->diags[index];
}

size_t parley_ctx_ndiag_dropped(const parley_ctx *ctx)
{
    return ctx ? ctx->n_dropped : 0;
}

void *parley_i_alloc(const parley_ctx *ctx, size_t size)
{
    void *p;

    if (size == 0)
        size = 1;
    p = ctx->allocator.alloc(ctx->allocator.user, size);
    if (p)
        memset(p, 0, size);
    return p;
}

void *parley_i_alloc_array(const parley_ctx *ctx, size_t count, size_t size)
{
    if (size && count > ((size_t)-1) / size)
        return NULL; /* overflow */
    return parley_i_alloc(ctx, count * size);
}

void *parley_i_realloc(const parley_ctx *ctx, void *ptr, size_t old_size,
                       size_t new_size)
{
    if (!ptr)
        return parley_i_alloc(ctx, new_size);
    if (new_size == 0)
        new_size = 1;
    return ctx->allocator.realloc(ctx->allocator.user, ptr, old_size,
                                  new_size);
}

void parley_i_free(const parley_ctx *ctx, void *ptr, size_t size)
{
    if (ptr)
        ctx->allocator.free(ctx->allocator.user, ptr, size);
}

char *parley_i_strndup(const parley_ctx *ctx, const char *text, size_t len)
{
    char *copy;

    if (!text)
        return NULL;
    copy = parley_i_alloc(ctx, len + 1);
    if (!copy)
        return NULL;
    memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
}

char *parley_i_strdup(const parley_ctx *ctx, const char *text)
{
    return text ? parley_i_strndup(ctx, text, strlen(text)) : NULL;
}

void parley_i_strfree(const parley_ctx *ctx, char *text)
{
    if (text)
        parley_i_free(ctx, text, strlen(text) + 1);
}

parley_status parley_i_nomem(parley_ctx *ctx)
{
    if (ctx && !ctx->has_error) {
        snprintf(ctx->errmsg, sizeof ctx->errmsg, "out of memory");
        ctx->has_error = 1;
    }
    return PARLEY_ENOMEM;
}

/*
 * Formats "file:line:col: message" into errmsg (first error only) and keeps
 * every diagnostic up to max_diagnostics.  If keeping one fails for lack of
 * memory the diagnostic is counted as dropped; the status is unchanged so
 * the caller still reports the original problem.
 */
parley_status parley_i_verror(parley_ctx *ctx, parley_status status,
                              const char *file, unsigned line, unsigned col,
                              const char *fmt, va_list args)
{
    char message[PARLEY_ERRMSG_MAX];
    parley_diag *d;

    if (!ctx)
        return status;
    vsnprintf(message, sizeof message, fmt, args);
    if (!ctx->has_error) {
        if (file && line)
            snprintf(ctx->errmsg, sizeof ctx->errmsg, "%s:%u:%u: %s", file,
                     line, col ? col : 1u, message);
        else if (file)
            snprintf(ctx->errmsg, sizeof ctx->errmsg, "%s: %s", file,
                     message);
        else
            snprintf(ctx->errmsg, sizeof ctx->errmsg, "%s", message);
        ctx->has_error = 1;
    }
    if (ctx->n_diags >= ctx->limits.max_diagnostics) {
        ctx->n_dropped++;
        return status;
    }
    if (ctx->n_diags == ctx->cap_diags) {
        size_t cap = ctx->cap_diags ? ctx->cap_diags * 2 : 16;
        parley_diag *grown = parley_i_realloc(
            ctx, ctx->diags, ctx->cap_diags * sizeof *ctx->diags,
            cap * sizeof *ctx->diags);
        if (!grown) {
            ctx->n_dropped++;
            return status;
        }
        ctx->diags = grown;
        ctx->cap_diags = cap;
    }
    d = &ctx->diags[ctx->n_diags];
    d->file = file ? parley_i_strdup(ctx, file) : NULL;
    d->message = parley_i_strdup(ctx, message);
    d->line = line;
    d->col = line ? (col ? col : 1u) : col;
    if (!d->message || (file && !d->file)) {
        parley_i_strfree(ctx, (char *)d->file);
        parley_i_strfree(ctx, (char *)d->message);
        ctx->n_dropped++;
        return status;
    }
    ctx->n_diags++;
    return status;
}

parley_status parley_i_error(parley_ctx *ctx, parley_status status,
                             const char *file, unsigned line, unsigned col,
                             const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    parley_i_verror(ctx, status, file, line, col, fmt, args);
    va_end(args);
    return status;
}
