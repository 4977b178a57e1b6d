/*
 * forecast.c -- solves per second of the forecasting models on one core.
 *
 *   bench/forecast [--json FILE] [--seconds S]
 *
 * Cases: Bueno de Mesquita's model (Scholz variant, 10 rounds always run)
 * on the 10-actor Scholz EC example (positions on three values, as real
 * BDM data are coded), on a random 10-actor issue with ten distinct
 * positions, and on random 50- and 200-actor issues; the compromise and
 * weighted-median models on 10, 50 and 200 actors.  Random issues are
 * seeded through parley_rng, so every run times the same work.  The bar
 * (DESIGN.md, the issue): >= 10,000 ten-actor BDM solves per second.
 *
 * Rates are per second of CPU time of this single-threaded process (the
 * wall-clock rate is shown too; on a loaded machine it is lower).
 *
 * Small issues go through parley_forecast_issue (its workspace is on the
 * stack); large ones through the internal hot-loop entry with one
 * workspace for all solves, as Monte Carlo does.
 */
#include "forecast/model.h"
#include "parley.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_ACTORS 200

typedef struct bench_case {
    const char *name;
    const char *model;
    size_t actors;
    int scholz; /* the EC example instead of random data */
    double solves_per_second, microseconds, forecast;
    double wall_solves_per_second;
    long solves;
} bench_case;

/* Seconds on the given clock: CLOCK_MONOTONIC for wall time,
 * CLOCK_PROCESS_CPUTIME_ID for the time this (single-threaded) process
 * spent on a core, which other load on the machine does not inflate. */
static double clock_seconds(clockid_t which)
{
    struct timespec t;

    clock_gettime(which, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The EC example of Scholz, Calbert & Smith (2011) (tests/data/bdm). */
static void scholz_issue(double *c, double *x, double *s)
{
    static const double capability[10] = {0.08, 0.08, 0.03, 0.16, 0.16,
                                          0.16, 0.16, 0.05, 0.05, 0.08};
    static const double position[10] = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
    static const double salience[10] = {0.8, 0.4, 0.2, 0.8, 0.6,
                                        0.6, 0.9, 0.1, 1.0, 0.7};

    memcpy(c, capability, sizeof capability);
    memcpy(x, position, sizeof position);
    memcpy(s, salience, sizeof salience);
}

static void random_issue(size_t n, uint64_t seed, double *c, double *x,
                         double *s)
{
    parley_rng rng;
    size_t i;

    parley_rng_seed(&rng, seed, n);
    for (i = 0; i < n; i++) {
        c[i] = parley_rng_uniform(&rng);
        x[i] = 100 * parley_rng_uniform(&rng);
        s[i] = parley_rng_uniform(&rng);
    }
}

static int run_case(parley_ctx *ctx, bench_case *bc, double seconds)
{
    static double c[MAX_ACTORS], x[MAX_ACTORS], s[MAX_ACTORS];
    const parley_model_type *type = parley_i_model_find(bc->model);
    parley_forecast_options o;
    parley_issue_data d;
    void *workspace = NULL;
    size_t size = 0;
    long batch = 1, total = 0, i;
    double start, cpu_start, elapsed = 0, cpu, forecast = 0;

    if (bc->scholz)
        scholz_issue(c, x, s);
    else
        random_issue(bc->actors, 20260101, c, x, s);
    d.n = bc->actors;
    d.capability = c;
    d.position = x;
    d.salience = s;
    d.scale_min = 0;
    d.scale_max = 100;
    parley_forecast_options_set_default(&o);
    o.rounds = 10;
    o.tolerance = -1; /* every solve runs all 10 rounds */
    if (bc->actors > 20) {
        size = parley_i_forecast_workspace_size(type, d.n, &o);
        workspace = malloc(size);
        if (!workspace)
            return -1;
    }
    start = clock_seconds(CLOCK_MONOTONIC);
    cpu_start = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    while (elapsed < seconds) {
        for (i = 0; i < batch; i++) {
            parley_status st =
                workspace
                    ? parley_i_forecast_solve(ctx, type, &d, &o, workspace,
                                              size, NULL, &forecast)
                    : parley_forecast_issue(ctx, bc->model, &d, &o, &forecast);

            if (st != PARLEY_OK) {
                fprintf(stderr, "%s: %s\n", bc->name, parley_ctx_errmsg(ctx));
                free(workspace);
                return -1;
            }
        }
        total += batch;
        elapsed = clock_seconds(CLOCK_MONOTONIC) - start;
        if (elapsed < seconds / 10)
            batch *= 2;
    }
    cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
    free(workspace);
    bc->solves = total;
    bc->solves_per_second = (double)total / cpu;
    bc->wall_solves_per_second = (double)total / elapsed;
    bc->microseconds = 1e6 * cpu / (double)total;
    bc->forecast = forecast;
    return 0;
}

int main(int argc, char **argv)
{
    bench_case cases[] = {
        {"bdm-10-scholz-ec", "bdm", 10, 1, 0, 0, 0, 0, 0},
        {"bdm-10-random", "bdm", 10, 0, 0, 0, 0, 0, 0},
        {"bdm-50-random", "bdm", 50, 0, 0, 0, 0, 0, 0},
        {"bdm-200-random", "bdm", 200, 0, 0, 0, 0, 0, 0},
        {"compromise-10", "compromise", 10, 0, 0, 0, 0, 0, 0},
        {"compromise-50", "compromise", 50, 0, 0, 0, 0, 0, 0},
        {"compromise-200", "compromise", 200, 0, 0, 0, 0, 0, 0},
        {"median-10", "median", 10, 0, 0, 0, 0, 0, 0},
        {"median-50", "median", 50, 0, 0, 0, 0, 0, 0},
        {"median-200", "median", 200, 0, 0, 0, 0, 0, 0},
    };
    size_t n_cases = sizeof cases / sizeof *cases, i;
    const char *json = NULL;
    double seconds = 1.0;
    parley_ctx *ctx;
    int a;

    for (a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--json") && a + 1 < argc)
            json = argv[++a];
        else if (!strcmp(argv[a], "--seconds") && a + 1 < argc)
            seconds = atof(argv[++a]);
        else {
            fprintf(stderr, "usage: %s [--json FILE] [--seconds S]\n", argv[0]);
            return 2;
        }
    }
    if (!(seconds > 0))
        seconds = 1.0;
    ctx = parley_ctx_new(NULL);
    if (!ctx)
        return 1;
    printf("%-18s %-10s %6s %14s %14s %12s %12s\n", "case", "model", "actors",
           "solves/cpu-s", "solves/wall-s", "cpu-us/solve", "forecast");
    for (i = 0; i < n_cases; i++) {
        if (run_case(ctx, &cases[i], seconds) != 0) {
            parley_ctx_free(ctx);
            return 1;
        }
        printf("%-18s %-10s %6zu %14.0f %14.0f %12.3f %12.6f\n", cases[i].name,
               cases[i].model, cases[i].actors, cases[i].solves_per_second,
               cases[i].wall_solves_per_second, cases[i].microseconds,
               cases[i].forecast);
        fflush(stdout);
    }
    printf("bar: >= 10000 ten-actor BDM solves per CPU second (10 rounds): "
           "%s\n",
           cases[0].solves_per_second >= 10000 &&
                   cases[1].solves_per_second >= 10000
               ? "met"
               : "NOT met");
    parley_ctx_free(ctx);
    if (json) {
        FILE *f = fopen(json, "w");

        if (!f) {
            fprintf(stderr, "cannot write %s\n", json);
            return 1;
        }
        fprintf(f, "{\n  \"benchmark\": \"forecast\",\n  \"threads\": 1,\n"
                   "  \"rounds\": 10,\n  \"clock\": \"process cpu time\",\n"
                   "  \"cases\": [\n");
        for (i = 0; i < n_cases; i++)
            fprintf(f,
                    "    {\"name\": \"%s\", \"model\": \"%s\", \"actors\": "
                    "%zu, \"solves\": %ld, \"solves_per_second\": %.1f, "
                    "\"solves_per_wall_second\": %.1f, "
                    "\"microseconds_per_solve\": %.4f, \"forecast\": "
                    "%.17g}%s\n",
                    cases[i].name, cases[i].model, cases[i].actors,
                    cases[i].solves, cases[i].solves_per_second,
                    cases[i].wall_solves_per_second, cases[i].microseconds,
                    cases[i].forecast, i + 1 < n_cases ? "," : "");
        fprintf(f, "  ]\n}\n");
        if (fclose(f) != 0)
            return 1;
    }
    return 0;
}
