/*
 * test_dynamics.c -- the monthly state model and its couplings
 * (src/dynamics/dynamics.c) against trajectories computed by hand:
 * drift, AR(1) mean reversion, inputs (updated together), clamps, shocks
 * with probability 1 and 0 and their timing, the noise stream, couplings
 * with their clamps, and the Ukraine territory process against the
 * brief's projection table (ukraine-brief.md section 5.2).
 */
#include "dynamics/montecarlo.h"
#include "support.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define HEADER                                                                 \
    "parley: 1\n"                                                              \
    "scenario: {id: t}\n"                                                      \
    "actors:\n"                                                                \
    "  - {id: A, capability: 50, reservation: 0.5}\n"                          \
    "  - {id: B, capability: 50}\n"                                            \
    "issues:\n"                                                                \
    "  - {id: X}\n"                                                            \
    "stances:\n"                                                               \
    "  A: {X: {position: 20, salience: 60, range: [10, 40]}}\n"                \
    "  B: {X: {position: 80, salience: 40, range: [50, 90]}}\n"

static parley_scenario *load(parley_ctx *ctx, const char *text)
{
    parley_scenario *s = NULL;
    parley_status st = parley_scenario_load_buffer(ctx, "t.yaml", text,
                                                   strlen(text), NULL, &s);

    cr_assert_eq(st, PARLEY_OK, "load: %s", parley_ctx_errmsg(ctx));
    return s;
}

/* The trajectory of every variable over `months` steps, noise stream
 * `stream` of seed 1, inputs at their modes: x[t * V + v]. */
static void trajectory(const parley_scenario *s, int months, uint64_t stream,
                       double *x)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_i_params *p = NULL;
    parley_i_dyn *d = NULL;
    double values[256];
    parley_rng rng;
    size_t V;
    int t;

    cr_assert_eq(parley_i_params_new(ctx, s, &p), PARLEY_OK);
    cr_assert_eq(parley_i_dyn_new(ctx, p, &d), PARLEY_OK);
    cr_assert(p->layout.size <= 256);
    V = p->layout.n_variables;
    parley_i_params_apply(p, NULL, values);
    parley_rng_seed(&rng, 1 ^ PARLEY_I_NOISE_SEED_XOR, stream);
    parley_i_dyn_initial(d, values, x);
    for (t = 0; t < months; t++)
        parley_i_dyn_step(d, values, t, x + (size_t)t * V,
                          x + (size_t)(t + 1) * V, &rng);
    parley_i_dyn_free(d);
    parley_i_params_free(p);
    parley_ctx_free(ctx);
}

Test(dynamics, drift_and_clamps)
{
    static const char text[] =
        HEADER "dynamics:\n"
               "  start: 2026-01\n"
               "  horizon: 4\n"
               "  variables:\n"
               "    - {id: up, initial: 10, drift: 2.5}\n"
               "    - {id: capped, initial: 50, drift: 30, max: 100}\n"
               "    - {id: floored, initial: 5, drift: -2, min: 0}\n";
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, text);
    double x[5 * 3];
    int t;

    trajectory(s, 4, 0, x);
    for (t = 0; t <= 4; t++)
        cr_expect_eq(x[t * 3 + 0], 10 + 2.5 * t, "up(%d) = %g", t,
                     x[t * 3 + 0]);
    cr_expect_eq(x[1 * 3 + 1], 80);
    cr_expect_eq(x[2 * 3 + 1], 100); /* 110 clamped */
    cr_expect_eq(x[4 * 3 + 1], 100);
    cr_expect_eq(x[2 * 3 + 2], 1);
    cr_expect_eq(x[3 * 3 + 2], 0); /* -1 clamped */
    cr_expect_eq(x[4 * 3 + 2], 0);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* x(t+1) = x(t) + (1 - rho)(mean - x(t)): with rho 1/2, x(t) = mean +
 * (x0 - mean) / 2^t, exact in binary. */
Test(dynamics, ar1_mean_reversion)
{
    static const char text[] =
        HEADER "dynamics:\n"
               "  start: 2026-01\n"
               "  horizon: 6\n"
               "  variables:\n"
               "    - {id: r, initial: 1, mean: 5, rho: 0.5}\n"
               "    - {id: jump, initial: 1, mean: 5, rho: 0}\n"
               "    - {id: stay, initial: 1, mean: 5, rho: 1}\n";
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, text);
    double x[7 * 3];
    int t;

    trajectory(s, 6, 3, x);
    for (t = 0; t <= 6; t++) {
        cr_expect_eq(x[t * 3], 5 - 4 / pow(2, t), "r(%d) = %.17g", t, x[t * 3]);
        cr_expect_eq(x[t * 3 + 1], t ? 5 : 1);
        cr_expect_eq(x[t * 3 + 2], 1);
    }
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* Inputs read the state at month t, every variable moving together: with
 * a(t+1) = a(t) + 1 and b(t+1) = b(t) + a(t), b = 0, 0, 1, 3, 6 (one
 * variable after the other would give b(1) = 1). */
Test(dynamics, inputs_update_together)
{
    static const char text[] =
        HEADER "dynamics:\n"
               "  start: 2026-01\n"
               "  horizon: 4\n"
               "  variables:\n"
               "    - {id: a, initial: 0, drift: 1}\n"
               "    - {id: b, initial: 0, inputs: [{from: a, coef: 1}]}\n"
               "    - {id: c, initial: 2, inputs: [{from: c, coef: 0.5}]}\n";
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, text);
    double x[5 * 3];
    const double b[5] = {0, 0, 1, 3, 6};
    int t;

    trajectory(s, 4, 0, x);
    for (t = 0; t <= 4; t++) {
        cr_expect_eq(x[t * 3 + 0], t);
        cr_expect_eq(x[t * 3 + 1], b[t], "b(%d) = %g", t, x[t * 3 + 1]);
        cr_expect_eq(x[t * 3 + 2], 2 * pow(1.5, t)); /* self input */
    }
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* A shock dated month t happens during month t: it shows first in x(t+1).
 * Probability 1 always happens, 0 never. */
Test(dynamics, shocks_probability_one_and_zero)
{
    static const char text[] =
        HEADER "dynamics:\n"
               "  start: 2026-01\n"
               "  horizon: 4\n"
               "  variables:\n"
               "    - {id: v, initial: 0}\n"
               "  shocks:\n"
               "    - {id: s1, variable: v, month: 2026-02, delta: 10}\n"
               "    - {id: s2, variable: v, month: 2026-02, delta: 100, "
               "probability: 0}\n"
               "    - {id: s3, variable: v, month: 2026-04, delta: -3, "
               "probability: 1}\n";
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, text);
    const double want[5] = {0, 0, 10, 10, 7};
    double x[5];
    uint64_t stream;
    int t;

    for (stream = 0; stream < 50; stream++) {
        trajectory(s, 4, stream, x);
        for (t = 0; t <= 4; t++)
            cr_assert_eq(x[t], want[t], "stream %llu: v(%d) = %g",
                         (unsigned long long)stream, t, x[t]);
    }
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* A shock with probability 1/2 happens in about half the streams; which
 * ones is fixed by the stream (one normal per variable, then one uniform
 * per shock of the month). */
Test(dynamics, chance_shock_uses_the_stream)
{
    static const char text[] =
        HEADER "dynamics:\n"
               "  start: 2026-01\n"
               "  horizon: 1\n"
               "  variables:\n"
               "    - {id: v, initial: 0, noise: 0}\n"
               "  shocks:\n"
               "    - {id: s1, variable: v, month: 2026-01, delta: 1, "
               "probability: 0.5}\n";
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, text);
    uint64_t stream, happened = 0, n = 4000;
    double x[2];

    for (stream = 0; stream < n; stream++) {
        parley_rng rng;
        double u;

        trajectory(s, 1, stream, x);
        parley_rng_seed(&rng, 1 ^ PARLEY_I_NOISE_SEED_XOR, stream);
        (void)parley_rng_normal(&rng); /* the variable's normal */
        u = parley_rng_uniform(&rng);
        cr_assert_eq(x[1], u < 0.5 ? 1 : 0);
        happened += x[1] == 1;
    }
    /* binomial(4000, 1/2): sd = 31.6; 4 sd */
    cr_expect(fabs((double)happened - 2000) < 4 * 31.7, "%llu of 4000",
              (unsigned long long)happened);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* x(1) = x(0) + noise * eps with eps the first normal of the stream. */
Test(dynamics, noise_is_the_streams_normal)
{
    static const char text[] = HEADER "dynamics:\n"
                                      "  start: 2026-01\n"
                                      "  horizon: 2\n"
                                      "  variables:\n"
                                      "    - {id: v, initial: 3, noise: 0.25}\n"
                                      "    - {id: w, initial: 0, drift: 1}\n";
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, text);
    double x[3 * 2];
    parley_rng rng;
    double e1, e2;

    trajectory(s, 2, 42, x);
    parley_rng_seed(&rng, 1 ^ PARLEY_I_NOISE_SEED_XOR, 42);
    e1 = parley_rng_normal(&rng);
    (void)parley_rng_normal(&rng); /* w's, drawn though its noise is 0 */
    e2 = parley_rng_normal(&rng);
    cr_expect_eq(x[2], 3 + 0.25 * e1);
    cr_expect_eq(x[4], (3 + 0.25 * e1) + 0.25 * e2);
    cr_expect_eq(x[5], 2);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* target(t) = target(0) + coef (x(t) - x(0)), two couplings on one target
 * add up, and the result is clamped to the key's range. */
Test(dynamics, couplings_and_their_clamps)
{
    static const char text[] = HEADER
        "dynamics:\n"
        "  start: 2026-01\n"
        "  horizon: 3\n"
        "  variables:\n"
        "    - {id: v, initial: 1, drift: 1}\n"
        "  couplings:\n"
        "    - {id: c1, variable: v, target: reservation, actor: A, coef: "
        "0.125}\n"
        "    - {id: c2, variable: v, target: reservation, actor: A, coef: "
        "0.0625}\n"
        "    - {id: c3, variable: v, target: salience, actor: B, issue: X, "
        "coef: 25}\n"
        "    - {id: c4, variable: v, target: range_high, actor: A, issue: X, "
        "coef: -20}\n";
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, text);
    parley_i_params *p = NULL;
    parley_i_dyn *d = NULL;
    double values0[64], values[64], x0[1] = {1}, x[1];
    const parley_i_layout *L;
    int t;

    cr_assert_eq(parley_i_params_new(ctx, s, &p), PARLEY_OK);
    cr_assert_eq(parley_i_dyn_new(ctx, p, &d), PARLEY_OK);
    L = &p->layout;
    parley_i_params_apply(p, NULL, values0);
    memcpy(values, values0, L->size * sizeof *values);
    for (t = 0; t <= 3; t++) {
        double r = 0.5 + 0.1875 * t, sal = 40 + 25 * t, hi = 40 - 20 * t;

        x[0] = 1 + t;
        parley_i_dyn_couple(d, values0, x0, x, values);
        cr_expect_eq(values[L->reservation + 0], r > 1 ? 1 : r);
        cr_expect_eq(values[L->salience + 1], sal > 100 ? 100 : sal);
        cr_expect_eq(values[L->range_high + 0], hi < 0 ? 0 : hi);
        cr_expect_eq(values[L->salience + 0], 60); /* not coupled */
    }
    cr_expect_eq(values0[L->reservation + 0], 0.5); /* untouched */
    parley_i_dyn_free(d);
    parley_i_params_free(p);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* The brief's territory process (section 5.2) at the base regime with no
 * noise: g stays at 467 km2/month and O rises by 100 g / A per month
 * (A = 603,600 km2), 0.928 pp in 12 months; the brief's table (D): "+0.93,
 * about 20.9%".  O(12) = 20 + 12 x 467 x 0.000165673. */
Test(dynamics, ukraine_territory_base_regime)
{
    static const char text[] = HEADER
        "dynamics:\n"
        "  start: 2026-01\n"
        "  horizon: 12\n"
        "  variables:\n"
        "    - {id: O, initial: 20, min: 0, max: 100, inputs: [{from: g, "
        "coef: 0.000165673}]}\n"
        "    - {id: g, initial: 467, mean: 467, rho: 0.5}\n";
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, text);
    double x[13 * 2];

    trajectory(s, 12, 0, x);
    cr_expect(fabs(x[12 * 2] - (20 + 12 * 467 * 0.000165673)) < 1e-12,
              "O(12) = %.15g", x[12 * 2]);
    cr_expect(fabs(x[12 * 2] - 20.93) < 0.005);
    cr_expect_eq(x[12 * 2 + 1], 467);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* The mean reversion of g from 244 towards 467 with rho 0.5: the gap
 * halves every month. */
Test(dynamics, ukraine_gain_reverts_to_the_regime)
{
    static const char text[] =
        HEADER "dynamics:\n"
               "  start: 2026-01\n"
               "  horizon: 3\n"
               "  variables:\n"
               "    - {id: g, initial: 244, mean: 467, rho: 0.5}\n";
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, text);
    double x[4];

    trajectory(s, 3, 0, x);
    cr_expect_eq(x[1], 467 - 223 / 2.0);
    cr_expect_eq(x[2], 467 - 223 / 4.0);
    cr_expect_eq(x[3], 467 - 223 / 8.0);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}
