/*
 * fuzz_yaml.c -- libFuzzer target for the scenario language v1 loader.
 *
 * Any byte sequence must give either a scenario or a status with
 * diagnostics, never a crash, a leak or an unbounded allocation.  Small
 * limits keep each run fast; the counting allocator checks that a failed
 * load leaves nothing behind.
 */
#include "parley.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    counter live = {0};
    parley_allocator a = {count_alloc, count_realloc, count_free, &live};
    parley_ctx *ctx = parley_ctx_new(&a);
    parley_limits limits;
    parley_load_options opts;
    parley_scenario *s = NULL;
    parley_status status;
    size_t i;

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
    if ((status == PARLEY_OK) != (s != NULL))
        abort(); /* a scenario exactly when the load succeeded */
    if (status != PARLEY_OK && parley_ctx_ndiag(ctx) == 0 &&
        parley_ctx_errmsg(ctx)[0] == '\0')
        abort(); /* every failure says why */
    for (i = 0; i < parley_ctx_ndiag(ctx); i++)
        if (!parley_ctx_diag(ctx, i)->message)
            abort();
    if (s) {
        parley_scenario_summary summary;

        parley_scenario_summarise(s, &summary);
        parley_scenario_free(s);
    }
    parley_ctx_free(ctx);
    if (live.live != 0)
        abort(); /* everything allocated through the hook was freed */
    return 0;
}
