/*
 * evaluate.c -- benchmark of proposal evaluation and repair.
 *
 *   bench/evaluate [--json PATH] [--reps N] [FILE]
 *
 * Evaluates every proposal of FILE (default examples/ukraine-2026.yaml,
 * relative to the working directory: run it from the source tree) one at
 * a time -- its package, vetoes, frontier
 * distance and domination, smallest repair and best package within 2
 * changes -- under both fills, and the whole scenario in one run.  Each
 * figure is the best wall-clock time (CLOCK_MONOTONIC) of `reps` runs,
 * with the branch-and-bound nodes it visited.  The bar (issue 3, item 4):
 * well under a second per proposal.
 */
#include "parley.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Best time of reps runs of one evaluation; *nodes from the last. */
static double time_run(parley_ctx *ctx, const parley_scenario *s,
                       const parley_evaluate_options *o, int reps,
                       size_t *nodes, int *exact)
{
    double best = 1e300;
    int r;

    for (r = 0; r < reps; r++) {
        parley_evaluate *ev = NULL;
        double t0 = now(), t;

        if (parley_evaluate_run(ctx, s, o, &ev) != PARLEY_OK) {
            fprintf(stderr, "evaluate: %s\n", parley_ctx_errmsg(ctx));
            exit(1);
        }
        t = now() - t0;
        best = t < best ? t : best;
        *nodes = ev->nodes;
        *exact = ev->exact;
        parley_evaluate_free(ctx, ev);
    }
    return best;
}

int main(int argc, char **argv)
{
    const char *path = "examples/ukraine-2026.yaml";
    const char *json = NULL;
    int reps = 5, i, f;
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    FILE *out = NULL;
    double worst = 0;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0 && i + 1 < argc)
            json = argv[++i];
        else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc)
            reps = atoi(argv[++i]);
        else
            path = argv[i];
    }
    if (reps < 1)
        reps = 1;
    if (parley_scenario_load(ctx, path, NULL, &s) != PARLEY_OK) {
        fprintf(stderr, "%s\n", parley_ctx_errmsg(ctx));
        return 1;
    }
    if (json && !(out = fopen(json, "w"))) {
        perror(json);
        return 1;
    }
    if (out)
        fprintf(out, "{\"scenario\": \"%s\", \"reps\": %d, \"runs\": [",
                parley_scenario_id(s), reps);
    printf("%-6s %-10s %10s %12s %s\n", "what", "fill", "seconds", "nodes",
           "exact");
    for (f = 0; f < 2; f++) {
        size_t p;

        for (p = 0; p <= parley_scenario_n_proposals(s); p++) {
            parley_evaluate_options o;
            size_t nodes = 0;
            int exact = 0;
            double t;
            const char *what = p < parley_scenario_n_proposals(s)
                                   ? parley_proposal_id(s, p)
                                   : "all";

            parley_evaluate_options_set_default(&o);
            o.fill = f ? PARLEY_EVALUATE_FILL_OPTIMISE
                       : PARLEY_EVALUATE_FILL_STATUS_QUO;
            o.proposal = p < parley_scenario_n_proposals(s) ? what : NULL;
            t = time_run(ctx, s, &o, reps, &nodes, &exact);
            if (o.proposal && t > worst)
                worst = t;
            printf("%-6s %-10s %10.4f %12zu %s\n", what,
                   f ? "optimise" : "status-quo", t, nodes,
                   exact ? "yes" : "NO");
            if (out)
                fprintf(out,
                        "%s{\"proposal\": \"%s\", \"fill\": \"%s\", "
                        "\"seconds\": %.6f, \"nodes\": %zu, \"exact\": %s}",
                        f || p ? ", " : "", what,
                        f ? "optimise" : "status-quo", t, nodes,
                        exact ? "true" : "false");
        }
    }
    printf("slowest single proposal: %.4f s (bar: < 1 s)\n", worst);
    if (out) {
        fprintf(out, "], \"slowest_proposal_seconds\": %.6f}\n", worst);
        fclose(out);
    }
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return worst < 1.0 ? 0 : 2;
}
