/*
 * simulate.c -- ripeness and negotiation protocols in the Monte Carlo
 * engine (docs/models/ripeness.md, simulation.md).
 *
 *   bench/simulate [--json FILE] [--threads N] [--scale X] [--ukraine F]
 *
 * Cases (examples/ukraine-2026.yaml, 10^4 draws over its 24 months, 2
 * threads):
 *   ukraine-full      every default output: forecasts, state, reservation
 *                     values, zones, the package ZOPA and the alternating
 *                     offers protocol (deal, 7 outcome types, 18 terms).
 *                     Bar: the full Ukraine simulation under 10 s.
 *   zopa              the package ZOPA alone (one exact decision per draw
 *                     and month)
 *   protocol          alternating offers alone (deal, outcomes, terms)
 *   mediator          the single-text mediator alone
 *   zopa-blocking     the ZOPA and every party's blocking event
 *   ripeness-central  parley_ripeness_run on the central path: 25 exact
 *                     max-min optimisations, the blocking sets and the
 *                     alternating-offers trace (one run, milliseconds)
 * --scale multiplies the draw counts (e.g. 0.1 for a quick run).
 *
 * Times are wall-clock seconds of the run (load excluded), with the
 * process CPU time beside them: on a machine loaded by other work the
 * wall time of a 2-thread run is not the program's.
 */
#include "parley.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct bench_case {
    const char *name;
    const char *what;
    size_t draws; /* 0: the ripeness run */
    const char *outputs;
    parley_protocol_kind protocol;
    double bar; /* seconds; 0: no bar */
    double seconds, cpu_seconds;
    size_t columns;
    double p_deal; /* P(deal by the last month), or the first open month */
} bench_case;

static double clock_seconds(clockid_t which)
{
    struct timespec t;

    clock_gettime(which, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int run_case(bench_case *bc, int threads, double scale,
                    const char *ukraine)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    parley_status st;
    double start, cpu_start;
    size_t i;

    if (!ctx)
        return -1;
    st = parley_scenario_load(ctx, ukraine, NULL, &s);
    if (st != PARLEY_OK) {
        fprintf(stderr, "%s: %s\n", bc->name, parley_ctx_errmsg(ctx));
        parley_ctx_free(ctx);
        return -1;
    }
    start = clock_seconds(CLOCK_MONOTONIC);
    cpu_start = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    if (bc->draws == 0) {
        parley_ripeness_options o;
        parley_ripeness *r = NULL;

        parley_ripeness_options_set_default(&o);
        o.trace = 1;
        st = parley_ripeness_run(ctx, s, &o, &r);
        bc->seconds = clock_seconds(CLOCK_MONOTONIC) - start;
        bc->cpu_seconds = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
        if (st == PARLEY_OK) {
            bc->columns = r->n_parties;
            bc->p_deal = r->first_open;
        }
        parley_ripeness_free(ctx, r);
    } else {
        parley_simulate_options o;
        parley_simulation *sim = NULL;

        parley_simulate_options_set_default(&o);
        o.draws = (size_t)((double)bc->draws * scale);
        if (o.draws < 1)
            o.draws = 1;
        o.threads = threads;
        o.outputs = bc->outputs;
        o.negotiation.protocol = bc->protocol;
        st = parley_simulate_run(ctx, s, &o, &sim);
        bc->seconds = clock_seconds(CLOCK_MONOTONIC) - start;
        bc->cpu_seconds = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
        if (st == PARLEY_OK) {
            bc->draws = o.draws;
            bc->columns = sim->n_outputs;
            bc->p_deal = -1;
            for (i = 0; i < sim->n_outputs; i++)
                if (strcmp(sim->outputs[i].id, "deal") == 0)
                    bc->p_deal = sim->outputs[i].cells[sim->months].mean;
        }
        parley_simulation_free(ctx, sim);
    }
    if (st != PARLEY_OK)
        fprintf(stderr, "%s: %s\n", bc->name, parley_ctx_errmsg(ctx));
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return st == PARLEY_OK ? 0 : -1;
}

int main(int argc, char **argv)
{
    bench_case cases[] = {
        {"ukraine-full", "10^4 x 24 months, every default output", 10000, NULL,
         PARLEY_PROTOCOL_ALTERNATING, 10.0, 0, 0, 0, 0},
        {"zopa", "10^4 x 24 months, the package ZOPA", 10000, "zopa",
         PARLEY_PROTOCOL_ALTERNATING, 0, 0, 0, 0, 0},
        {"protocol", "10^4 x 24 months, alternating offers", 10000, "protocol",
         PARLEY_PROTOCOL_ALTERNATING, 0, 0, 0, 0, 0},
        {"mediator", "10^4 x 24 months, single-text mediator", 10000,
         "protocol", PARLEY_PROTOCOL_MEDIATOR, 0, 0, 0, 0, 0},
        {"zopa-blocking", "10^4 x 24 months, ZOPA and blocking:*", 10000,
         "zopa,blocking:*", PARLEY_PROTOCOL_ALTERNATING, 0, 0, 0, 0, 0},
        {"ripeness-central", "one central path: max-min, blocking, trace", 0,
         NULL, PARLEY_PROTOCOL_ALTERNATING, 0, 0, 0, 0, 0},
    };
    size_t n_cases = sizeof cases / sizeof *cases, i;
    const char *json = NULL, *ukraine = "examples/ukraine-2026.yaml";
    double scale = 1.0;
    int threads = 2, a, all_met = 1;

    for (a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--json") && a + 1 < argc)
            json = argv[++a];
        else if (!strcmp(argv[a], "--threads") && a + 1 < argc)
            threads = atoi(argv[++a]);
        else if (!strcmp(argv[a], "--scale") && a + 1 < argc)
            scale = atof(argv[++a]);
        else if (!strcmp(argv[a], "--ukraine") && a + 1 < argc)
            ukraine = argv[++a];
        else {
            fprintf(stderr,
                    "usage: %s [--json FILE] [--threads N] [--scale X] "
                    "[--ukraine FILE]\n",
                    argv[0]);
            return 2;
        }
    }
    if (!(scale > 0))
        scale = 1.0;
    printf("%-16s %7s %7s %9s %9s %8s %8s  %s\n", "case", "draws", "outputs",
           "wall-s", "cpu-s", "P(deal)", "bar", "what");
    for (i = 0; i < n_cases; i++) {
        bench_case *bc = &cases[i];
        char bar[32];

        if (run_case(bc, threads, scale, ukraine) != 0)
            return 1;
        if (bc->bar > 0) {
            int met = bc->seconds < bc->bar * scale;

            snprintf(bar, sizeof bar, "%s", met ? "met" : "NOT met");
            all_met &= met;
        } else {
            snprintf(bar, sizeof bar, "-");
        }
        printf("%-16s %7zu %7zu %9.3f %9.3f %8.3f %8s  %s\n", bc->name,
               bc->draws, bc->columns, bc->seconds, bc->cpu_seconds, bc->p_deal,
               bar, bc->what);
        fflush(stdout);
    }
    printf("bar (%d threads): the full Ukraine simulation, 10^4 draws x 24 "
           "months, < 10 s: %s\n",
           threads, all_met ? "met" : "NOT met");
    if (json) {
        FILE *f = fopen(json, "w");

        if (!f) {
            perror(json);
            return 1;
        }
        fprintf(f, "{\n  \"threads\": %d,\n  \"scale\": %g,\n  \"cases\": [\n",
                threads, scale);
        for (i = 0; i < n_cases; i++) {
            const bench_case *bc = &cases[i];

            fprintf(f,
                    "    {\"name\": \"%s\", \"what\": \"%s\", \"draws\": %zu, "
                    "\"outputs\": %zu, \"wall_seconds\": %.6f, "
                    "\"cpu_seconds\": %.6f, \"bar_seconds\": %g, \"met\": "
                    "%s, \"p_deal\": %.17g}%s\n",
                    bc->name, bc->what, bc->draws, bc->columns, bc->seconds,
                    bc->cpu_seconds, bc->bar * scale,
                    bc->bar > 0
                        ? (bc->seconds < bc->bar * scale ? "true" : "false")
                        : "null",
                    bc->p_deal, i + 1 < n_cases ? "," : "");
        }
        fprintf(f, "  ]\n}\n");
        fclose(f);
    }
    return all_met ? 0 : 1;
}
