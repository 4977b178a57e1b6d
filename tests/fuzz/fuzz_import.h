/*
 * fuzz_import.h -- the body shared by the importers' libFuzzer targets
 * (fuzz_bdm.c, fuzz_ktab.c, fuzz_decide.c, fuzz_deu.c).  Each defines
 * FUZZ_FORMAT and FUZZ_NAME and includes this file.
 *
 * Any byte sequence must give either a scenario or a status with
 * diagnostics, never a crash, a leak or undefined behaviour.  Small limits
 * keep each run fast; the counting allocator checks that every load, failed
 * or not, leaves nothing behind once the scenario is freed.
 */
#include "parley.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
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

/* Reads back everything a loaded scenario offers; aborts on nonsense. */
static void walk(const parley_scenario *s)
{
    parley_scenario_summary summary;
    size_t a, k, n_actors = parley_scenario_n_actors(s);
    size_t n_issues = parley_scenario_n_issues(s);

    parley_scenario_summarise(s, &summary);
    for (a = 0; a < n_actors; a++) {
        if (!parley_actor_id(s, a) || !parley_actor_name(s, a))
            abort();
        if (!(parley_actor_capability(s, a) >= 0))
            abort(); /* finite and >= 0 after validation */
        if (parley_actor_find(s, parley_actor_id(s, a)) != a)
            abort(); /* ids are unique */
    }
    for (k = 0; k < n_issues; k++) {
        double low = parley_issue_scale_min(s, k);
        double high = parley_issue_scale_max(s, k);

        if (!parley_issue_id(s, k) || !(low < high))
            abort();
        (void)parley_issue_nearest_label(s, k, (low + high) / 2);
        for (a = 0; a < n_actors; a++)
            if (parley_stance_present(s, a, k) &&
                (!isfinite(parley_stance_position(s, a, k)) ||
                 !(parley_stance_salience(s, a, k) >= 0)))
                abort();
    }
}

static void load_once(const uint8_t *data, size_t size, int equal)
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
        return;
    parley_limits_set_default(&limits);
    limits.max_actors = 64;
    limits.max_issues = 64;
    parley_ctx_set_limits(ctx, &limits);
    parley_load_options_set_default(&opts);
    opts.format = FUZZ_FORMAT;
    opts.deu_equal_capability = equal;
    status = parley_scenario_load_buffer(ctx, FUZZ_NAME, (const char *)data,
                                         size, &opts, &s);
    if ((status == PARLEY_OK) != (s != NULL))
        abort(); /* a scenario exactly when the load succeeded */
    if (status != PARLEY_OK && parley_ctx_ndiag(ctx) == 0 &&
        parley_ctx_errmsg(ctx)[0] == '\0')
        abort(); /* every failure says why */
    for (i = 0; i < parley_ctx_ndiag(ctx); i++)
        if (!parley_ctx_diag(ctx, i)->message ||
            parley_ctx_diag(ctx, i)->line == 0)
            abort(); /* input errors carry a position */
    if (s) {
        walk(s);
        parley_scenario_free(s);
    }
    parley_ctx_free(ctx);
    if (live.live != 0)
        abort(); /* everything allocated through the hook was freed */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_once(data, size, 0);
    if (FUZZ_FORMAT == PARLEY_FORMAT_DEU)
        load_once(data, size, 1); /* --equal-capability */
    return 0;
}
