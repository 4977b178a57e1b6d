/*
 * fuzz_genius.c -- libFuzzer target for the GENIUS loader.
 *
 * Input layout: the bytes are cut at every NUL byte (XML cannot hold one);
 * the first piece is the domain, each further piece a profile (at most
 * eight; the rest is ignored).  The length's parity picks the semantics
 * (odd: raw evaluations).  The seed corpus in corpus/fuzz_genius/ holds
 * real ANAC pairs and small synthetic domains joined that way.
 *
 * Any bytes must give a scenario or a status with a message, never a
 * crash, a leak through the context's allocator or an unbounded
 * allocation; a loaded scenario must be one the bargaining engine can use
 * (every stance present, finite non-negative weights and evaluations, at
 * most 1 under GENIUS semantics).  Small limits keep each run fast.
 */
#include "scenario/scenario.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define MAX_PROFILES 8

typedef struct counter {
    long live;
    size_t bytes;
} counter;

static void *count_alloc(void *user, size_t size)
{
    counter *c = user;
    void *p = malloc(size);

    if (p) {
        c->live++;
        c->bytes += size;
    }
    return p;
}

static void *count_realloc(void *user, void *ptr, size_t old_size,
                           size_t new_size)
{
    counter *c = user;
    void *p = realloc(ptr, new_size);

    if (p) {
        c->live += ptr == NULL;
        c->bytes += new_size;
        c->bytes -= old_size;
    }
    return p;
}

static void count_free(void *user, void *ptr, size_t size)
{
    counter *c = user;

    if (!ptr)
        return;
    c->live--;
    c->bytes -= size;
    free(ptr);
}

/* The invariants a loaded GENIUS scenario keeps. */
static void check(const parley_scenario *s, int raw)
{
    size_t a, k, i;

    if (!s->utility_additive_raw || s->format != PARLEY_FORMAT_GENIUS ||
        s->n_actors == 0 || s->n_issues == 0)
        abort();
    for (a = 0; a < s->n_actors; a++)
        for (k = 0; k < s->n_issues; k++) {
            const parley_stance *st = parley_i_stance(s, a, k);

            if (!st->present || !st->option_values ||
                !(st->salience.mode >= 0) || !isfinite(st->salience.mode))
                abort();
            for (i = 0; i < s->issues[k].n_options; i++) {
                double v = st->option_values[i];

                if (!(v >= 0) || !isfinite(v) || (!raw && v > 1))
                    abort();
            }
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    counter live = {0, 0};
    parley_allocator alloc = {count_alloc, count_realloc, count_free, &live};
    parley_genius_input pieces[1 + MAX_PROFILES];
    static const char *const names[1 + MAX_PROFILES] = {
        "domain.xml", "p1.xml", "p2.xml", "p3.xml", "p4.xml",
        "p5.xml",     "p6.xml", "p7.xml", "p8.xml"};
    parley_ctx *ctx = parley_ctx_new(&alloc);
    parley_limits limits;
    parley_load_options opts;
    parley_scenario *s = NULL;
    parley_status status;
    size_t n = 0, start = 0, i;

    if (!ctx)
        return 0;
    for (i = 0; i <= size && n < 1 + MAX_PROFILES; i++)
        if (i == size || data[i] == 0) {
            pieces[n].name = names[n];
            pieces[n].bytes = (const char *)data + start;
            pieces[n].len = i - start;
            n++;
            start = i + 1;
        }
    parley_limits_set_default(&limits);
    limits.max_actors = 16;
    limits.max_issues = 64;
    limits.max_options = 256;
    limits.max_diagnostics = 32;
    parley_ctx_set_limits(ctx, &limits);
    parley_load_options_set_default(&opts);
    opts.genius_raw = (int)(size & 1);
    status = parley_i_load_genius_inputs(ctx, &pieces[0], &pieces[1], n - 1,
                                         &opts, &s);
    if ((status == PARLEY_OK) != (s != NULL))
        abort(); /* a scenario exactly when the load succeeded */
    if (status != PARLEY_OK && parley_ctx_errmsg(ctx)[0] == '\0')
        abort(); /* every failure says why */
    if (s) {
        check(s, opts.genius_raw);
        parley_scenario_free(s);
    }
    parley_ctx_free(ctx);
    if (live.live != 0 || live.bytes != 0)
        abort(); /* everything allocated through the hook was freed */
    return 0;
}
