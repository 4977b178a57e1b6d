/*
 * test_sensitivity.c -- Sobol indices and tornado diagrams
 * (src/dynamics/sensitivity.c): the Ishigami function and linear models
 * with known indices through the same design and estimators the scenario
 * uses; a stochastic model whose noise share is known; exact tornados on
 * linear scenarios (the compromise model, a drift); thread independence;
 * errors and allocation failure.
 *
 * Tolerances are four bootstrap standard errors, plus a small allowance
 * for the estimators' O(1/N) bias where noted.
 */
#include "dynamics/montecarlo.h"
#include "dynamics/sensitivity.h"
#include "support.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846

/* ---- test functions ----------------------------------------------------- */

/* Ishigami & Homma (1990): f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i
 * uniform on [-pi, pi], a = 7, b = 0.1.  Analytic variances (Sobol &
 * Levitan 1999; Saltelli et al. 2010, section 5):
 *   V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8, V3 = 0,
 *   V13 = b^2 pi^8 (1/18 - 1/50), V = V1 + V2 + V13. */
static parley_status ishigami(void *user, size_t n, const double *u,
                              const uint64_t *noise, double *y, size_t done,
                              size_t total)
{
    size_t i;

    (void)user;
    (void)noise;
    (void)done;
    (void)total;
    for (i = 0; i < n; i++) {
        double x1 = -PI + 2 * PI * u[3 * i], x2 = -PI + 2 * PI * u[3 * i + 1];
        double x3 = -PI + 2 * PI * u[3 * i + 2];

        y[i] = sin(x1) + 7 * sin(x2) * sin(x2) + 0.1 * pow(x3, 4) * sin(x1);
    }
    return PARLEY_OK;
}

Test(sensitivity, ishigami_indices)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_i_sa_model m = {3, 0, 4096, ishigami, NULL};
    parley_i_sobol_result r;
    double b = 0.1, a = 7, pi4 = pow(PI, 4), pi8 = pow(PI, 8);
    double V1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5), V2 = a * a / 8;
    double V13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50), V = V1 + V2 + V13;
    double S[3] = {V1 / V, V2 / V, 0};
    double ST[3] = {(V1 + V13) / V, V2 / V, V13 / V};
    size_t i;

    cr_assert_eq(parley_i_sobol(ctx, &m, 20000, 12345, 200, &r), PARLEY_OK,
                 "%s", parley_ctx_errmsg(ctx));
    cr_assert_eq(r.n_factors, 3);
    cr_expect_eq(r.evaluations, 20000 * 5);
    cr_expect(fabs(r.variance - V) < 0.05 * V, "V %g vs %g", r.variance, V);
    for (i = 0; i < 3; i++) {
        cr_expect(r.first_se[i] > 0 && r.first_se[i] < 0.05);
        cr_expect(fabs(r.first[i] - S[i]) < 4 * r.first_se[i] + 1e-3,
                  "S%zu = %.4f (se %.4f), expected %.4f", i + 1, r.first[i],
                  r.first_se[i], S[i]);
        cr_expect(fabs(r.total[i] - ST[i]) < 4 * r.total_se[i] + 1e-3,
                  "ST%zu = %.4f (se %.4f), expected %.4f", i + 1, r.total[i],
                  r.total_se[i], ST[i]);
    }
    /* the reference values of the literature */
    cr_expect(fabs(S[0] - 0.3139) < 1e-4 && fabs(ST[2] - 0.2437) < 1e-4);
    parley_i_sobol_result_destroy(ctx, &r);
    parley_ctx_free(ctx);
}

/* y = sum a_i x_i, x_i uniform on [0, 1]: S_i = ST_i = a_i^2 / sum a^2. */
static parley_status linear(void *user, size_t n, const double *u,
                            const uint64_t *noise, double *y, size_t done,
                            size_t total)
{
    static const double a[4] = {1, 2, 3, 0};
    size_t i, k;

    (void)user;
    (void)noise;
    (void)done;
    (void)total;
    for (i = 0; i < n; i++) {
        y[i] = 0;
        for (k = 0; k < 4; k++)
            y[i] += a[k] * u[4 * i + k];
    }
    return PARLEY_OK;
}

Test(sensitivity, linear_model_indices)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_i_sa_model m = {4, 0, 1000, linear, NULL};
    parley_i_sobol_result r;
    const double share[4] = {1 / 14.0, 4 / 14.0, 9 / 14.0, 0};
    size_t i;

    cr_assert_eq(parley_i_sobol(ctx, &m, 8000, 7, 200, &r), PARLEY_OK);
    cr_expect(fabs(r.variance - 14.0 / 12) < 0.05);
    for (i = 0; i < 4; i++) {
        cr_expect(fabs(r.first[i] - share[i]) < 4 * r.first_se[i] + 1e-3,
                  "S%zu %.4f (%.4f) vs %.4f", i, r.first[i], r.first_se[i],
                  share[i]);
        cr_expect(fabs(r.total[i] - share[i]) < 4 * r.total_se[i] + 1e-3,
                  "ST%zu %.4f (%.4f) vs %.4f", i, r.total[i], r.total_se[i],
                  share[i]);
    }
    cr_expect_eq(r.first[3], 0); /* an input that does nothing: exactly */
    cr_expect_eq(r.total[3], 0);
    parley_i_sobol_result_destroy(ctx, &r);
    parley_ctx_free(ctx);
}

/* y = 2 x + e, x uniform on [0, 1] (variance 4/12), e standard normal from
 * the noise stream: S_x = (1/3) / (1/3 + 1) = 1/4, the noise 3/4. */
static parley_status noisy(void *user, size_t n, const double *u,
                           const uint64_t *noise, double *y, size_t done,
                           size_t total)
{
    size_t i;

    (void)user;
    (void)done;
    (void)total;
    for (i = 0; i < n; i++) {
        parley_rng rng;

        parley_rng_seed(&rng, 5, noise[i]);
        y[i] = 2 * u[i] + parley_rng_normal(&rng);
    }
    return PARLEY_OK;
}

Test(sensitivity, noise_is_one_more_factor)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_i_sa_model m = {1, 1, 1000, noisy, NULL};
    parley_i_sobol_result r;

    cr_assert_eq(parley_i_sobol(ctx, &m, 10000, 3, 200, &r), PARLEY_OK);
    cr_assert_eq(r.n_factors, 2);
    cr_expect_eq(r.evaluations, 10000 * 4);
    cr_expect(fabs(r.first[0] - 0.25) < 4 * r.first_se[0] + 1e-3, "%g (%g)",
              r.first[0], r.first_se[0]);
    cr_expect(fabs(r.total[0] - 0.25) < 4 * r.total_se[0] + 1e-3, "%g (%g)",
              r.total[0], r.total_se[0]);
    cr_expect(fabs(r.first[1] - 0.75) < 4 * r.first_se[1] + 1e-3, "%g (%g)",
              r.first[1], r.first_se[1]);
    cr_expect(fabs(r.total[1] - 0.75) < 4 * r.total_se[1] + 1e-3, "%g (%g)",
              r.total[1], r.total_se[1]);
    parley_i_sobol_result_destroy(ctx, &r);
    parley_ctx_free(ctx);
}

/* A model that returns NaN somewhere is refused; a constant one has no
 * indices (NaN) but is no error. */
static parley_status constant(void *user, size_t n, const double *u,
                              const uint64_t *noise, double *y, size_t done,
                              size_t total)
{
    size_t i;

    (void)u;
    (void)noise;
    (void)total;
    for (i = 0; i < n; i++)
        y[i] = user && done + i == 17 ? (double)NAN : 4.0;
    return PARLEY_OK;
}

Test(sensitivity, nan_and_constant_outputs)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_i_sa_model m = {2, 0, 64, constant, NULL};
    parley_i_sobol_result r;
    parley_i_tornado_result t;
    int flag = 1;

    cr_assert_eq(parley_i_sobol(ctx, &m, 100, 1, 10, &r), PARLEY_OK);
    cr_expect(isnan(r.first[0]) && isnan(r.total[1]));
    cr_expect_eq(r.variance, 0);
    parley_i_sobol_result_destroy(ctx, &r);
    m.user = &flag;
    cr_expect_eq(parley_i_sobol(ctx, &m, 100, 1, 10, &r), PARLEY_EINVAL);
    cr_expect(strstr(parley_ctx_errmsg(ctx), "NaN") != NULL);
    cr_expect_null(r.first);
    cr_expect_eq(parley_i_sobol(ctx, &m, 1, 1, 10, &r), PARLEY_EINVAL);
    m.user = NULL;
    cr_assert_eq(parley_i_tornado(ctx, &m, 5, &t), PARLEY_OK);
    cr_expect_eq(t.replications, 1); /* deterministic: one run */
    cr_expect_eq(t.evaluations, 5);
    cr_expect_eq(t.base, 4);
    parley_i_tornado_result_destroy(ctx, &t);
    parley_ctx_free(ctx);
}

/* ---- the scenario ------------------------------------------------------- */

/* The compromise forecast is linear in the positions, so the tornado is
 * exact: y(low_i) - y(mode) = w_i (low_i - mode_i) / W. */
static const char linear_scenario[] =
    "parley: 1\n"
    "scenario: {id: lin}\n"
    "actors:\n"
    "  - {id: A, capability: 50}\n"
    "  - {id: B, capability: 20}\n"
    "  - {id: C, capability: 30}\n"
    "issues:\n"
    "  - {id: X}\n"
    "stances:\n"
    "  A: {X: {position: {low: 10, mode: 30, high: 80}, salience: 60}}\n"
    "  B: {X: {position: {low: 60, mode: 70, high: 75}, salience: 50}}\n"
    "  C: {X: {position: 90, salience: 100}}\n"
    "dynamics:\n"
    "  start: 2026-01\n"
    "  horizon: 6\n"
    "  variables:\n"
    "    - {id: v, initial: 2, drift: {low: -1, mode: 0.5, high: 3}}\n"
    "    - {id: z, initial: 0, noise: 1}\n";

static parley_scenario *load_text(parley_ctx *ctx, const char *text)
{
    parley_scenario *s = NULL;

    cr_assert_eq(parley_scenario_load_buffer(ctx, "t.yaml", text, strlen(text),
                                             NULL, &s),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    return s;
}

static const parley_sensitivity_row *row_named(const parley_sensitivity *r,
                                               const char *name)
{
    size_t i;

    for (i = 0; i < r->n_rows; i++)
        if (strcmp(r->rows[i].name, name) == 0)
            return &r->rows[i];
    cr_assert_fail("no row '%s'", name);
    return NULL;
}

Test(sensitivity, tornado_exact_on_the_compromise_model)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_text(ctx, linear_scenario);
    parley_sensitivity_options o;
    parley_sensitivity *r = NULL;
    double wA = 3000, wB = 1000, wC = 3000, W = wA + wB + wC;
    double base = (wA * 30 + wB * 70 + wC * 90) / W;
    const parley_sensitivity_row *a, *b, *d;

    parley_sensitivity_options_set_default(&o);
    o.output = "forecast:X:compromise";
    o.month = 0;
    cr_assert_eq(parley_sensitivity_run(ctx, s, &o, &r), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_expect_eq(r->n_rows, 3);
    cr_expect_eq(r->draws, 1); /* month 0: the noise plays no part */
    cr_expect_eq(r->evaluations, 7);
    cr_expect(fabs(r->base - base) < 1e-12);
    a = row_named(r, "position of A on X");
    b = row_named(r, "position of B on X");
    d = row_named(r, "dynamics v.drift");
    cr_expect(fabs(a->y_low - (base + wA * (10 - 30) / W)) < 1e-12);
    cr_expect(fabs(a->y_high - (base + wA * (80 - 30) / W)) < 1e-12);
    cr_expect(fabs(b->y_low - (base + wB * (60 - 70) / W)) < 1e-12);
    cr_expect(fabs(b->y_high - (base + wB * (75 - 70) / W)) < 1e-12);
    cr_expect(fabs(a->swing - wA * 70 / W) < 1e-12);
    cr_expect_eq(d->swing, 0);
    cr_expect_eq(&r->rows[0], a); /* the largest swing first */
    cr_expect_eq(&r->rows[2], d);
    parley_sensitivity_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* A state variable with an uncertain drift: v(6) = 2 + 6 drift exactly,
 * with R replications of the (irrelevant to v) noise of z. */
Test(sensitivity, tornado_exact_on_a_drift)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_text(ctx, linear_scenario);
    parley_sensitivity_options o;
    parley_sensitivity *r = NULL;
    const parley_sensitivity_row *d;

    parley_sensitivity_options_set_default(&o);
    o.output = "state:v";
    o.draws = 10;
    cr_assert_eq(parley_sensitivity_run(ctx, s, &o, &r), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_expect_eq(r->month, 6);
    cr_expect_eq(r->draws, 10); /* stochastic dynamics: replications */
    cr_expect_eq(r->evaluations, 70);
    d = row_named(r, "dynamics v.drift");
    cr_expect_eq(d->y_low, 2 - 6);
    cr_expect_eq(d->y_high, 2 + 18);
    cr_expect_eq(r->base, 2 + 3);
    cr_expect_eq(r->base_se, 0);
    parley_sensitivity_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* Sobol through the scenario: the compromise forecast's variance splits
 * between the two positions in proportion to w_i^2 Var(x_i) (linear, so
 * first = total order); the drift does nothing. */
Test(sensitivity, sobol_on_the_compromise_model)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_text(ctx, linear_scenario);
    parley_sensitivity_options o;
    parley_sensitivity *r = NULL;
    double vA = (100 + 900 + 6400 - 300 - 800 - 2400) / 18.0;
    double vB = (3600 + 4900 + 5625 - 4200 - 4500 - 5250) / 18.0;
    double pA = 9 * vA, pB = vB; /* (w_A / w_B)^2 = 9 */
    const parley_sensitivity_row *a, *b, *d;

    parley_sensitivity_options_set_default(&o);
    o.method = PARLEY_SENSITIVITY_SOBOL;
    o.output = "forecast:X:compromise";
    o.month = 0;
    o.draws = 5000;
    cr_assert_eq(parley_sensitivity_run(ctx, s, &o, &r), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_expect_eq(r->n_rows, 3); /* month 0: no noise factor */
    cr_expect_eq(r->evaluations, 5000 * 5);
    a = row_named(r, "position of A on X");
    b = row_named(r, "position of B on X");
    d = row_named(r, "dynamics v.drift");
    cr_expect(fabs(a->first - pA / (pA + pB)) < 4 * a->first_se + 1e-3,
              "%g (%g) vs %g", a->first, a->first_se, pA / (pA + pB));
    cr_expect(fabs(b->total - pB / (pA + pB)) < 4 * b->total_se + 1e-3,
              "%g (%g) vs %g", b->total, b->total_se, pB / (pA + pB));
    cr_expect_eq(d->first, 0);
    cr_expect_eq(d->total, 0);
    parley_sensitivity_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

static int buf_sink(void *user, const char *bytes, size_t len)
{
    char **buf = user;
    size_t old = *buf ? strlen(*buf) : 0;
    char *grown = realloc(*buf, old + len + 1);

    if (!grown)
        return -1;
    memcpy(grown + old, bytes, len);
    grown[old + len] = '\0';
    *buf = grown;
    return 0;
}

static char *sobol_json(const parley_scenario *s, int threads)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_sensitivity_options o;
    parley_sensitivity *r = NULL;
    parley_sink sink;
    char *text = NULL;

    parley_sensitivity_options_set_default(&o);
    o.method = PARLEY_SENSITIVITY_SOBOL;
    o.output = "zone:T_DONBAS";
    o.draws = 300;
    o.threads = threads;
    cr_assert_eq(parley_sensitivity_run(ctx, s, &o, &r), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    sink.write = buf_sink;
    sink.user = &text;
    cr_assert_eq(parley_sensitivity_write_json(ctx, s, r, sink), PARLEY_OK);
    parley_sensitivity_free(ctx, r);
    parley_ctx_free(ctx);
    return text;
}

Test(sensitivity, threads_give_the_same_bytes)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    char *one, *two;

    cr_assert_eq(parley_scenario_load(
                     ctx, test_source("examples/ukraine-2026.yaml"), NULL, &s),
                 PARLEY_OK);
    one = sobol_json(s, 1);
    two = sobol_json(s, 2);
    cr_expect_str_eq(one, two);
    cr_expect(strstr(one, "\"dynamics noise and shocks\"") != NULL);
    free(one);
    free(two);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(sensitivity, errors)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_text(ctx, linear_scenario);
    parley_sensitivity_options o;
    parley_sensitivity *r = NULL;
    parley_limits lim;

    parley_sensitivity_options_set_default(&o);
    cr_expect_eq(parley_sensitivity_run(ctx, s, &o, &r), PARLEY_EINVAL);
    cr_expect_null(r);
    o.output = "state:*";
    cr_expect_eq(parley_sensitivity_run(ctx, s, &o, &r), PARLEY_EINVAL);
    o.output = "zopa";
    cr_expect_eq(parley_sensitivity_run(ctx, s, &o, &r), PARLEY_EUNSUPPORTED);
    o.output = "forecast:X:nope";
    cr_expect_eq(parley_sensitivity_run(ctx, s, &o, &r), PARLEY_ENOTFOUND);
    o.output = "state:v";
    o.method = (parley_sensitivity_method)7;
    cr_expect_eq(parley_sensitivity_run(ctx, s, &o, &r), PARLEY_EINVAL);
    o.method = PARLEY_SENSITIVITY_SOBOL;
    o.draws = 0;
    cr_expect_eq(parley_sensitivity_run(ctx, s, &o, &r), PARLEY_EINVAL);
    o.draws = 1000;
    o.month = 700;
    cr_expect_eq(parley_sensitivity_run(ctx, s, &o, &r), PARLEY_EINVAL);
    o.month = -1;
    o.threads = -1;
    cr_expect_eq(parley_sensitivity_run(ctx, s, &o, &r), PARLEY_EINVAL);
    o.threads = 0;
    parley_limits_set_default(&lim);
    lim.max_draws = 4999; /* 1000 x (3 inputs + noise + 2) = 6000 */
    parley_ctx_set_limits(ctx, &lim);
    parley_ctx_clear(ctx);
    cr_expect_eq(parley_sensitivity_run(ctx, s, &o, &r), PARLEY_ELIMIT);
    cr_expect(strstr(parley_ctx_errmsg(ctx), "--max-draws") != NULL, "%s",
              parley_ctx_errmsg(ctx));
    cr_expect_eq(parley_sensitivity_run(NULL, s, &o, &r), PARLEY_EINVAL);
    cr_expect_eq(parley_sensitivity_run(ctx, s, NULL, &r), PARLEY_EINVAL);
    parley_sensitivity_free(ctx, NULL);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

static parley_status sensitivity_body(parley_ctx *ctx, void *user)
{
    parley_scenario *s = NULL;
    parley_sensitivity_options o;
    parley_sensitivity *r = NULL;
    parley_status st;

    st = parley_scenario_load_buffer(ctx, "t.yaml", linear_scenario,
                                     strlen(linear_scenario), NULL, &s);
    if (st != PARLEY_OK)
        return st;
    parley_sensitivity_options_set_default(&o);
    o.method = user ? PARLEY_SENSITIVITY_SOBOL : PARLEY_SENSITIVITY_TORNADO;
    o.output = "forecast:X";
    o.draws = 20;
    o.bootstrap = 5;
    st = parley_sensitivity_run(ctx, s, &o, &r);
    parley_sensitivity_free(ctx, r);
    parley_scenario_free(s);
    return st;
}

Test(sensitivity, allocation_failure)
{
    int sobol = 1;

    cr_expect(test_alloc_failures(sensitivity_body, NULL) > 20);
    cr_expect(test_alloc_failures(sensitivity_body, &sobol) > 20);
}
