/*
 * fuzz_impact.c -- libFuzzer target for outcome rules, durability and
 * impact: any scenario the loader accepts is classified, scored and written
 * (every proposal, every outcome type, a uniform distribution), and must
 * not crash, leak or leave a failure unexplained.
 */
#include "parley.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

typedef struct counter {
    long live;
} counter;

static void *count_alloc(void *user, size_t size)
{
    void *p = malloc(size);

    if (p)
        ((counter *)user)->live++;
    return p;
}

static void *count_realloc(void *user, void *ptr, size_t old_size,
                           size_t new_size)
{
    (void)user;
    (void)old_size;
    return realloc(ptr, new_size);
}

static void count_free(void *user, void *ptr, size_t size)
{
    (void)size;
    if (ptr)
        ((counter *)user)->live--;
    free(ptr);
}

static int discard(void *user, const char *bytes, size_t len)
{
    (void)user;
    (void)bytes;
    (void)len;
    return 0;
}

/* "O1=0.25,O2=0.25,..." over every outcome type (uniform). */
static char *uniform(const parley_scenario *s)
{
    size_t n = parley_scenario_n_outcomes(s), o, used = 0, cap = 64 * n + 1;
    char *text = malloc(cap);

    if (!text || n == 0) {
        free(text);
        return NULL;
    }
    text[0] = '\0';
    for (o = 0; o < n; o++) {
        const char *id = parley_outcome_id(s, o);
        size_t len = strlen(id);

        if (used + len + 32 >= cap)
            break;
        memcpy(text + used, o ? "," : "", o ? 1 : 0);
        used += o ? 1 : 0;
        memcpy(text + used, id, len);
        used += len;
        used += (size_t)snprintf(text + used, cap - used, "=%.17g",
                                 1.0 / (double)n);
    }
    return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    counter live = {0};
    parley_allocator a = {count_alloc, count_realloc, count_free, &live};
    parley_ctx *ctx = parley_ctx_new(&a);
    parley_limits limits;
    parley_load_options opts;
    parley_scenario *s = NULL;
    parley_impact_options io;
    parley_impact_report *r = NULL;
    parley_sink sink = {discard, NULL};
    parley_status status;
    char *distribution = NULL;

    if (!ctx)
        return 0;
    parley_limits_set_default(&limits);
    limits.max_actors = 64;
    limits.max_issues = 64;
    limits.max_options = 64;
    parley_ctx_set_limits(ctx, &limits);
    parley_load_options_set_default(&opts);
    opts.format = PARLEY_FORMAT_YAML;
    status = parley_scenario_load_buffer(ctx, "fuzz.yaml", (const char *)data,
                                         size, &opts, &s);
    if (s) {
        parley_impact_options_set_default(&io);
        io.by_outcome = 1;
        distribution = uniform(s);
        io.distribution = distribution;
        status = parley_impact_run(ctx, s, &io, &r);
        if (status != PARLEY_OK && parley_ctx_errmsg(ctx)[0] == '\0')
            abort(); /* every failure says why */
        if (status == PARLEY_OK) {
            if (parley_impact_write_text(ctx, s, r, &io, sink) != PARLEY_OK ||
                parley_impact_write_json(ctx, s, r, &io, sink) != PARLEY_OK)
                abort();
        }
        parley_impact_report_free(ctx, r);
        free(distribution);
        parley_scenario_free(s);
    }
    parley_ctx_free(ctx);
    if (live.live != 0)
        abort(); /* everything allocated through the hook was freed */
    return 0;
}
