/*
 * montecarlo.c -- Monte Carlo throughput (parley_simulate_run).
 *
 *   bench/montecarlo [--json FILE] [--threads N] [--scale X] [--ukraine F]
 *
 * Cases (the bars, on 2 threads):
 *   bdm-10      10^6 draws of a 10-actor BDM forecast: the Scholz EC
 *               example (tests/data/bdm) with every capability and
 *               salience triangular +-25% and every position +-1; at most
 *               10 rounds.  Bar: under 10 s.
 *   bdm-10-cs   the same with the positions fixed (capabilities and
 *               saliences uncertain): BDM data code positions on a few
 *               values, and the model is fastest then.
 *   compromise-10  the bdm-10 inputs through the compromise model: what
 *               the engine itself costs per draw (drawing 30 inputs, one
 *               weighted mean, the summaries).
 *   ukraine     examples/ukraine-2026.yaml, 10^4 draws over its 24 months
 *               with every default output (forecasts of 17 issues by the
 *               compromise, median and BDM models, 7 state variables, 6
 *               reservation values, 17 zones).  Bar: under 10 s.
 *   ukraine-bdm the same with the BDM forecasts only.
 * --scale multiplies every draw count (e.g. 0.1 for a quick run).
 *
 * Times are wall-clock seconds of parley_simulate_run (load excluded),
 * with the process CPU time beside them: on a machine loaded by other
 * work the wall time of a 2-thread run is not the program's.
 */
#include "parley.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct bench_case {
    const char *name;
    const char *what;
    size_t draws;
    const char *outputs;
    const char *models;
    int ukraine;
    int fixed_positions;
    double bar; /* seconds; 0: no bar */
    double seconds, cpu_seconds;
    size_t months, columns;
    double mean; /* the first output's mean at the last month */
} bench_case;

static double clock_seconds(clockid_t which)
{
    struct timespec t;

    clock_gettime(which, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The Scholz, Calbert & Smith (2011) EC example as YAML, with triangles
 * around every capability and salience (x 0.75 .. x 1.25, capped at 100)
 * and, unless fixed, every position (+-1). */
static void scholz_yaml(char *buf, size_t cap, int fixed_positions)
{
    static const double capability[10] = {8, 8, 3, 16, 16, 16, 16, 5, 5, 8};
    static const double position[10] = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
    static const double salience[10] = {80, 40, 20, 80,  60,
                                        60, 90, 10, 100, 70};
    size_t used, i;

    used = (size_t)snprintf(buf, cap,
                            "parley: 1\nscenario: {id: scholz-ec-mc}\n"
                            "issues:\n  - {id: X, scale: {min: 0, max: 12}}"
                            "\nactors:\n");
    for (i = 0; i < 10; i++)
        used += (size_t)snprintf(buf + used, cap - used,
                                 "  - {id: A%zu, capability: {low: %g, mode: "
                                 "%g, high: %g}}\n",
                                 i, 0.75 * capability[i], capability[i],
                                 1.25 * capability[i]);
    used += (size_t)snprintf(buf + used, cap - used, "stances:\n");
    for (i = 0; i < 10; i++) {
        double hi = 1.25 * salience[i] > 100 ? 100 : 1.25 * salience[i];

        if (fixed_positions)
            used +=
                (size_t)snprintf(buf + used, cap - used,
                                 "  A%zu: {X: {position: %g, ", i, position[i]);
        else
            used += (size_t)snprintf(buf + used, cap - used,
                                     "  A%zu: {X: {position: {low: %g, mode: "
                                     "%g, high: %g}, ",
                                     i, position[i] - 1, position[i],
                                     position[i] + 1);
        used += (size_t)snprintf(buf + used, cap - used,
                                 "salience: {low: %g, mode: %g, high: %g}}}\n",
                                 0.75 * salience[i], salience[i], hi);
    }
}

static int run_case(bench_case *bc, int threads, double scale,
                    const char *ukraine)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    parley_simulate_options o;
    parley_simulation *sim = NULL;
    parley_status st;
    double start, cpu_start;
    char yaml[8192];

    if (!ctx)
        return -1;
    if (bc->ukraine) {
        st = parley_scenario_load(ctx, ukraine, NULL, &s);
    } else {
        scholz_yaml(yaml, sizeof yaml, bc->fixed_positions);
        st = parley_scenario_load_buffer(ctx, "scholz-ec-mc.yaml", yaml,
                                         strlen(yaml), NULL, &s);
    }
    if (st != PARLEY_OK) {
        fprintf(stderr, "%s: %s\n", bc->name, parley_ctx_errmsg(ctx));
        parley_ctx_free(ctx);
        return -1;
    }
    parley_simulate_options_set_default(&o);
    o.draws = (size_t)((double)bc->draws * scale);
    if (o.draws < 1)
        o.draws = 1;
    o.threads = threads;
    o.outputs = bc->outputs;
    o.forecast.models = bc->models;
    start = clock_seconds(CLOCK_MONOTONIC);
    cpu_start = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    st = parley_simulate_run(ctx, s, &o, &sim);
    bc->seconds = clock_seconds(CLOCK_MONOTONIC) - start;
    bc->cpu_seconds = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
    if (st != PARLEY_OK) {
        fprintf(stderr, "%s: %s\n", bc->name, parley_ctx_errmsg(ctx));
        parley_scenario_free(s);
        parley_ctx_free(ctx);
        return -1;
    }
    bc->draws = o.draws;
    bc->months = (size_t)sim->months;
    bc->columns = sim->n_outputs;
    bc->mean = sim->outputs[0].cells[sim->months].mean;
    parley_simulation_free(ctx, sim);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return 0;
}

int main(int argc, char **argv)
{
    bench_case cases[] = {
        {"bdm-10", "10^6 draws, 10-actor BDM, c, s, x uncertain", 1000000,
         "forecast:X:bdm", NULL, 0, 0, 10.0, 0, 0, 0, 0, 0},
        {"bdm-10-cs", "10^6 draws, 10-actor BDM, c, s uncertain", 1000000,
         "forecast:X:bdm", NULL, 0, 1, 0, 0, 0, 0, 0, 0},
        {"compromise-10", "10^6 draws, 10-actor compromise (engine cost)",
         1000000, "forecast:X:compromise", NULL, 0, 0, 0, 0, 0, 0, 0, 0},
        {"ukraine", "10^4 draws x 24 months, every output", 10000, NULL, NULL,
         1, 0, 10.0, 0, 0, 0, 0, 0},
        {"ukraine-bdm", "10^4 draws x 24 months, BDM forecasts only", 10000,
         "forecast:*", "bdm", 1, 0, 0, 0, 0, 0, 0, 0},
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
    printf("%-13s %9s %6s %7s %10s %10s %12s %8s  %s\n", "case", "draws",
           "months", "outputs", "wall-s", "cpu-s", "draws/wall-s", "bar",
           "what");
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
        printf("%-13s %9zu %6zu %7zu %10.3f %10.3f %12.0f %8s  %s\n", bc->name,
               bc->draws, bc->months, bc->columns, bc->seconds, bc->cpu_seconds,
               (double)bc->draws / bc->seconds, bar, bc->what);
        fflush(stdout);
    }
    printf("bars (%d threads): 10^6 ten-actor BDM draws < 10 s; Ukraine "
           "10^4 draws x 24 months < 10 s: %s\n",
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
                    "\"months\": %zu, \"outputs\": %zu, \"wall_seconds\": "
                    "%.6f, \"cpu_seconds\": %.6f, \"draws_per_second\": "
                    "%.1f, \"bar_seconds\": %g, \"met\": %s, \"mean\": "
                    "%.17g}%s\n",
                    bc->name, bc->what, bc->draws, bc->months, bc->columns,
                    bc->seconds, bc->cpu_seconds,
                    (double)bc->draws / bc->seconds, bc->bar * scale,
                    bc->bar > 0
                        ? (bc->seconds < bc->bar * scale ? "true" : "false")
                        : "null",
                    bc->mean, i + 1 < n_cases ? "," : "");
        }
        fprintf(f, "  ]\n}\n");
        fclose(f);
    }
    return 0;
}
