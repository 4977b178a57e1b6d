/*
 * test_montecarlo.c -- the Monte Carlo engine and parley_simulate_run:
 * triangular draws reproduce the distribution's moments, the Gaussian
 * copula within a bloc gives the bloc's correlation, the compromise
 * model's Monte Carlo mean and variance match the analytic ones, the
 * results are the same bytes for 1 and 2 threads, month-0 forecasts at
 * the modes equal parley_forecast_run, every row equals a fresh solve of
 * the perturbed scenario, events and "by month" probabilities, option
 * errors and limits, and allocation failure.
 */
#include "dynamics/montecarlo.h"
#include "forecast/model.h"
#include "support.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static parley_scenario *load_text(parley_ctx *ctx, const char *text)
{
    parley_scenario *s = NULL;
    parley_status st = parley_scenario_load_buffer(ctx, "t.yaml", text,
                                                   strlen(text), NULL, &s);

    cr_assert_eq(st, PARLEY_OK, "load: %s", parley_ctx_errmsg(ctx));
    return s;
}

static parley_scenario *load_ukraine(parley_ctx *ctx)
{
    parley_scenario *s = NULL;

    cr_assert_eq(parley_scenario_load(
                     ctx, test_source("examples/ukraine-2026.yaml"), NULL, &s),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    return s;
}

/* Three actors on one issue; A's position is triangular(10, 30, 80). */
static const char three_actors[] =
    "parley: 1\n"
    "scenario: {id: three}\n"
    "actors:\n"
    "  - {id: A, capability: 50}\n"
    "  - {id: B, capability: 20}\n"
    "  - {id: C, capability: 30}\n"
    "issues:\n"
    "  - {id: X}\n"
    "stances:\n"
    "  A: {X: {position: {low: 10, mode: 30, high: 80}, salience: 60}}\n"
    "  B: {X: {position: 70, salience: 50}}\n"
    "  C: {X: {position: 90, salience: 100}}\n";

/* ---- triangular draws and the copula ------------------------------------ */

/* Mean (l + m + h) / 3 and variance (l^2 + m^2 + h^2 - lm - lh - mh) / 18
 * of the triangular distribution; the sample's within 4 standard errors
 * (of the mean: sd / sqrt n; of the variance: sqrt((m4 - var^2) / n) with
 * the sample's fourth central moment). */
Test(montecarlo, triangular_moments)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_text(ctx, three_actors);
    parley_i_params *p = NULL;
    const double l = 10, m = 30, h = 80;
    double want_mean = (l + m + h) / 3;
    double want_var = (l * l + m * m + h * h - l * m - l * h - m * h) / 18;
    double sum = 0, ss = 0, s4 = 0, mean, var, m4, values[64], u[1];
    size_t n = 200000, d, slot;
    double *x = malloc(n * sizeof *x);

    cr_assert_eq(parley_i_params_new(ctx, s, &p), PARLEY_OK);
    cr_assert_eq(p->n_inputs, 1);
    cr_assert_str_eq(p->inputs[0].name, "position of A on X");
    slot = p->inputs[0].offset;
    for (d = 0; d < n; d++) {
        parley_rng rng;

        parley_rng_seed(&rng, 7, d);
        parley_i_params_draw(p, &rng, u);
        parley_i_params_apply(p, u, values);
        x[d] = values[slot];
        cr_assert(x[d] >= l && x[d] <= h);
        sum += x[d];
    }
    mean = sum / (double)n;
    for (d = 0; d < n; d++) {
        ss += (x[d] - mean) * (x[d] - mean);
        s4 += pow(x[d] - mean, 4);
    }
    var = ss / (double)(n - 1);
    m4 = s4 / (double)n;
    cr_expect(fabs(mean - want_mean) < 4 * sqrt(want_var / (double)n),
              "mean %g, expected %g", mean, want_mean);
    cr_expect(fabs(var - want_var) < 4 * sqrt((m4 - var * var) / (double)n),
              "variance %g, expected %g", var, want_var);
    /* the mode: F(30) = (30 - 10) / 70 */
    cr_expect(fabs(p->inputs[0].u_mode - 20.0 / 70.0) < 1e-15);
    cr_expect_eq(parley_i_triangular_quantile(l, m, h, 0), l);
    cr_expect_eq(parley_i_triangular_quantile(l, m, h, 1), h);
    free(x);
    parley_i_params_free(p);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(montecarlo, normal_quantile_inverts_the_cdf)
{
    double q;

    for (q = 0.001; q < 1; q += 0.01)
        cr_expect(fabs(parley_i_normal_cdf(parley_i_normal_quantile(q)) - q) <
                      1e-14,
                  "q = %g", q);
    cr_expect(fabs(parley_i_normal_quantile(0.95) - 1.6448536269514722) <
              1e-12);
}

/* Two allies' capabilities in a bloc with correlation 0.6: the normal
 * scores Phi^-1(F(x)) of the two draws correlate at 0.6 (standard error
 * (1 - r^2) / sqrt n); a third actor outside the bloc does not. */
Test(montecarlo, bloc_copula_correlation)
{
    static const char text[] =
        "parley: 1\n"
        "scenario: {id: bloc}\n"
        "actors:\n"
        "  - {id: A, capability: {low: 10, mode: 20, high: 60}}\n"
        "  - {id: B, capability: {low: 0, mode: 50, high: 100}}\n"
        "  - {id: C, capability: {low: 0, mode: 50, high: 100}}\n"
        "issues:\n"
        "  - {id: X}\n"
        "stances: {}\n"
        "blocs:\n"
        "  - {id: W, actors: [A, B], correlation: 0.6}\n";
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_text(ctx, text);
    parley_i_params *p = NULL;
    size_t n = 100000, d, i;
    double sxy[2] = {0, 0}, sxx[3] = {0, 0, 0}, u[3], z[3];

    cr_assert_eq(parley_i_params_new(ctx, s, &p), PARLEY_OK);
    cr_assert_eq(p->n_inputs, 3);
    cr_assert_eq(p->n_groups, 2); /* {A, B} and {C} */
    cr_assert_eq(p->inputs[0].group, p->inputs[1].group);
    for (d = 0; d < n; d++) {
        parley_rng rng;

        parley_rng_seed(&rng, 3, d);
        parley_i_params_draw(p, &rng, u);
        for (i = 0; i < 3; i++) {
            z[i] = parley_i_normal_quantile(u[i]);
            sxx[i] += z[i] * z[i];
        }
        sxy[0] += z[0] * z[1];
        sxy[1] += z[0] * z[2];
    }
    {
        double r_ab = sxy[0] / sqrt(sxx[0] * sxx[1]);
        double r_ac = sxy[1] / sqrt(sxx[0] * sxx[2]);
        double se = (1 - 0.36) / sqrt((double)n);

        cr_expect(fabs(r_ab - 0.6) < 4 * se, "r(A, B) = %g", r_ab);
        cr_expect(fabs(r_ac) < 4 / sqrt((double)n), "r(A, C) = %g", r_ac);
    }
    parley_i_params_free(p);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- the compromise model against its analytic distribution ----------- */

/* The compromise forecast is sum w_i x_i / W with w = c s: linear in A's
 * position, so its mean is (w_A E[x_A] + ...) / W and its variance
 * (w_A / W)^2 Var[x_A]. */
Test(montecarlo, compromise_mean_is_analytic)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_text(ctx, three_actors);
    parley_simulate_options o;
    parley_simulation *sim = NULL;
    double wA = 50 * 60, wB = 20 * 50, wC = 30 * 100, W = wA + wB + wC;
    double mean_x = (10 + 30 + 80) / 3.0;
    double var_x = (100 + 900 + 6400 - 300 - 800 - 2400) / 18.0;
    double want = (wA * mean_x + wB * 70 + wC * 90) / W;
    double want_sd = wA / W * sqrt(var_x);
    const parley_sim_cell *c;

    parley_simulate_options_set_default(&o);
    o.draws = 50000;
    o.outputs = "forecast:X:compromise";
    cr_assert_eq(parley_simulate_run(ctx, s, &o, &sim), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(sim->n_outputs, 1);
    cr_assert_eq(sim->months, 0);
    c = &sim->outputs[0].cells[0];
    cr_assert_eq(c->n, 50000);
    cr_expect(fabs(c->mean - want) < 4 * want_sd / sqrt(50000.0),
              "mean %.6f, expected %.6f (se %.4f)", c->mean, want, c->se);
    cr_expect(fabs(c->se - want_sd / sqrt(50000.0)) <
                  0.05 * want_sd / sqrt(50000.0),
              "se %g", c->se);
    /* the quantiles are those of a triangle moved and scaled */
    cr_expect(c->low >= (wA * 10 + wB * 70 + wC * 90) / W);
    cr_expect(c->high <= (wA * 80 + wB * 70 + wC * 90) / W);
    parley_simulation_free(ctx, sim);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- thread independence ------------------------------------------------ */

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

static char *simulate_json(const parley_scenario *s, int threads, size_t draws,
                           const char *outputs)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_simulate_options o;
    parley_simulation *sim = NULL;
    parley_sink sink;
    char *text = NULL;

    parley_simulate_options_set_default(&o);
    o.draws = draws;
    o.threads = threads;
    o.outputs = outputs;
    cr_assert_eq(parley_simulate_run(ctx, s, &o, &sim), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    sink.write = buf_sink;
    sink.user = &text;
    cr_assert_eq(parley_simulation_write_json(ctx, s, sim, &o, sink),
                 PARLEY_OK);
    parley_simulation_free(ctx, sim);
    parley_ctx_free(ctx);
    return text;
}

Test(montecarlo, one_and_two_threads_give_the_same_bytes)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_ukraine(ctx);
    char *one = simulate_json(s, 1, 3000, NULL);
    char *two = simulate_json(s, 2, 3000, NULL);
    char *three = simulate_json(s, 3, 3000, NULL);

    cr_assert(strlen(one) > 10000);
    cr_expect_str_eq(one, two);
    cr_expect_str_eq(one, three);
    free(one);
    free(two);
    free(three);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- forecasts: month 0 at the modes, and every row vs a fresh solve ---- */

Test(montecarlo, month_zero_at_modes_equals_forecast_run)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_ukraine(ctx);
    parley_simulate_options o;
    parley_simulation *sim = NULL;
    parley_forecast *f = NULL;
    size_t k, m, found = 0;

    parley_simulate_options_set_default(&o);
    o.draws = 3;
    o.sample_inputs = 0;
    o.outputs = "forecast:*";
    cr_assert_eq(parley_simulate_run(ctx, s, &o, &sim), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(parley_forecast_run(ctx, s, NULL, &f), PARLEY_OK);
    for (k = 0; k < f->n_issues; k++)
        for (m = 0; m < f->issues[k].n_models; m++) {
            const parley_model_result *r = &f->issues[k].models[m];
            char id[128];
            size_t i;

            snprintf(id, sizeof id, "forecast:%s:%s",
                     s->issues[f->issues[k].issue].id, r->model);
            for (i = 0; i < sim->n_outputs; i++)
                if (strcmp(sim->outputs[i].id, id) == 0)
                    break;
            if (isnan(r->forecast)) { /* ARMY: nobody holds a stance */
                cr_expect_eq(i, sim->n_outputs, "%s listed", id);
                continue;
            }
            cr_assert(i < sim->n_outputs, "%s missing", id);
            /* the median of equal values is that value (the mean of three
             * is not always, by rounding) */
            cr_expect_eq(sim->outputs[i].cells[0].median, r->forecast,
                         "%s: %.17g vs %.17g", id,
                         sim->outputs[i].cells[0].median, r->forecast);
            cr_expect_eq(sim->outputs[i].cells[0].low, r->forecast);
            cr_expect_eq(sim->outputs[i].cells[0].high, r->forecast);
            cr_expect_eq(sim->outputs[i].cells[0].n, 3);
            found++;
        }
    cr_expect_eq(found, 17 * 3);
    parley_forecast_free(ctx, f);
    parley_simulation_free(ctx, sim);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* Rebuilds draw d at month t by hand (inputs from the stream (seed, d),
 * the dynamics from (seed ^ XOR, d), the couplings) and solves issue k
 * afresh: the simulation's kept value must be the same bits, whatever its
 * cache did. */
static double fresh_forecast(const parley_scenario *s, uint64_t seed,
                             uint64_t d, int month, size_t k, const char *model)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_i_params *p = NULL;
    parley_i_dyn *dyn = NULL;
    double values0[4096], values[4096], x0[32], x[32], next[32], u[64];
    double c[32], pos[32], sal[32], forecast = NAN, total = 0;
    parley_forecast_options o;
    parley_issue_data data;
    parley_rng rng;
    size_t a, n = 0;
    int t;

    cr_assert_eq(parley_i_params_new(ctx, s, &p), PARLEY_OK);
    cr_assert_eq(parley_i_dyn_new(ctx, p, &dyn), PARLEY_OK);
    cr_assert(p->layout.size <= 4096 && p->n_inputs <= 64);
    parley_rng_seed(&rng, seed, d);
    parley_i_params_draw(p, &rng, u);
    parley_i_params_apply(p, u, values0);
    memcpy(values, values0, p->layout.size * sizeof *values);
    parley_rng_seed(&rng, seed ^ PARLEY_I_NOISE_SEED_XOR, d);
    parley_i_dyn_initial(dyn, values0, x0);
    memcpy(x, x0, sizeof x0);
    for (t = 0; t < month; t++) {
        parley_i_dyn_step(dyn, values0, t, x, next, &rng);
        memcpy(x, next, sizeof next);
    }
    parley_i_dyn_couple(dyn, values0, x0, x, values);
    for (a = 0; a < s->n_actors; a++) {
        size_t cell = a * s->n_issues + k;

        if (!parley_i_stance(s, a, k)->present ||
            s->actors[a].role == PARLEY_ROLE_THIRD_PARTY)
            continue;
        c[n] = values[p->layout.capability + a];
        pos[n] = values[p->layout.position + cell];
        sal[n] = values[p->layout.salience + cell];
        total += c[n] * sal[n];
        n++;
    }
    data.n = n;
    data.capability = c;
    data.position = pos;
    data.salience = sal;
    data.scale_min = s->issues[k].scale_min;
    data.scale_max = s->issues[k].scale_max;
    parley_forecast_options_set_default(&o);
    o.bdm_salience_scale = 100; /* the Ukraine saliences are 0..100 */
    if (total > 0)
        cr_assert_eq(parley_forecast_issue(ctx, model, &data, &o, &forecast),
                     PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    parley_i_dyn_free(dyn);
    parley_i_params_free(p);
    parley_ctx_free(ctx);
    return forecast;
}

Test(montecarlo, kept_draws_equal_fresh_solves)
{
    static const char *const ids[] = {"SANC", "CEASEFIRE", "GUAR", "T_ZK"};
    static const char *const models[] = {"compromise", "median", "bdm"};
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_ukraine(ctx);
    parley_simulate_options o;
    parley_simulation *sim = NULL;
    size_t n_out, i, M;
    uint64_t d;
    int t;

    parley_simulate_options_set_default(&o);
    o.draws = 40;
    o.seed = 99;
    o.keep_draws = 1;
    o.outputs = "forecast:SANC,forecast:CEASEFIRE,forecast:GUAR,forecast:"
                "T_ZK";
    cr_assert_eq(parley_simulate_run(ctx, s, &o, &sim), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    n_out = sim->n_outputs;
    M = (size_t)sim->months + 1;
    cr_assert_eq(n_out, 12);
    for (d = 0; d < 40; d += 13)
        for (t = 0; t <= sim->months; t += 7)
            for (i = 0; i < n_out; i++) {
                size_t k = parley_issue_find(s, ids[i / 3]);
                double kept = sim->draw_values[(d * M + (size_t)t) * n_out + i];
                double fresh = fresh_forecast(s, 99, d, t, k, models[i % 3]);

                cr_expect_eq(kept, fresh,
                             "%s draw %llu month %d: %.17g vs "
                             "%.17g",
                             sim->outputs[i].id, (unsigned long long)d, t, kept,
                             fresh);
            }
    parley_simulation_free(ctx, sim);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- events ------------------------------------------------------------- */

/* The zone on X opens when B's lower bound falls below A's upper bound.
 * A shock with probability 0.3 in month 1 lowers B's bound through a
 * coupling: P(open at month 0 and 1) = 0, P(open by month 2 and 3) =
 * 0.3 (the same draws), with Wilson intervals around it. */
Test(montecarlo, event_probability_by_month)
{
    static const char text[] =
        "parley: 1\n"
        "scenario: {id: ev}\n"
        "actors:\n"
        "  - {id: A, capability: 50}\n"
        "  - {id: B, capability: 50}\n"
        "issues:\n"
        "  - {id: X}\n"
        "stances:\n"
        "  A: {X: {position: 20, salience: 60, range: [10, 40]}}\n"
        "  B: {X: {position: 80, salience: 40, range: [50, 90]}}\n"
        "dynamics:\n"
        "  start: 2026-01\n"
        "  horizon: 3\n"
        "  variables:\n"
        "    - {id: v, initial: 0}\n"
        "  shocks:\n"
        "    - {id: s, variable: v, month: 2026-02, delta: 1, probability: "
        "0.3}\n"
        "  couplings:\n"
        "    - {id: c, variable: v, target: range_low, actor: B, issue: X, "
        "coef: -20}\n";
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_text(ctx, text);
    parley_simulate_options o;
    parley_simulation *sim = NULL;
    const parley_sim_output *z;
    size_t n = 20000;
    double sd = sqrt(0.3 * 0.7 / (double)n);

    parley_simulate_options_set_default(&o);
    o.draws = n;
    o.outputs = "zone:X";
    cr_assert_eq(parley_simulate_run(ctx, s, &o, &sim), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    z = &sim->outputs[0];
    cr_assert_eq(z->kind, PARLEY_OUTPUT_EVENT);
    cr_assert_str_eq(z->id, "zone:X");
    cr_expect_eq(z->cells[0].p_by, 0);
    cr_expect_eq(z->cells[1].p_by, 0);
    cr_expect_eq(z->cells[0].p_by_low, 0);
    cr_expect(fabs(z->cells[2].p_by - 0.3) < 4 * sd, "%g", z->cells[2].p_by);
    cr_expect_eq(z->cells[3].p_by, z->cells[2].p_by);
    cr_expect_eq(z->cells[3].mean, z->cells[2].mean);
    cr_expect(z->cells[2].p_by_low < z->cells[2].p_by &&
              z->cells[2].p_by < z->cells[2].p_by_high);
    /* Wilson, z = 1.6449: half width about z sd */
    cr_expect(fabs((z->cells[2].p_by_high - z->cells[2].p_by_low) / 2 -
                   1.6448536 * sd) < 0.1 * sd);
    parley_simulation_free(ctx, sim);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* The package ZOPA needs options on every issue (test_protocol.c tests
 * the output itself): asked for on a scenario without, it is refused. */
Test(montecarlo, zopa_needs_options)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_text(ctx, three_actors);
    parley_simulate_options o;
    parley_simulation *sim = NULL;

    parley_simulate_options_set_default(&o);
    o.draws = 10;
    o.outputs = "zopa";
    cr_assert_eq(parley_simulate_run(ctx, s, &o, &sim), PARLEY_EUNSUPPORTED);
    cr_expect_null(sim);
    cr_expect(strstr(parley_ctx_errmsg(ctx), "issue 'X' has no options"));
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- options, limits and errors ---------------------------------------- */

static parley_status try_simulate(const parley_scenario *s,
                                  const parley_simulate_options *o,
                                  const parley_limits *limits, char *message,
                                  size_t cap)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_simulation *sim = NULL;
    parley_status st;

    if (limits)
        parley_ctx_set_limits(ctx, limits);
    st = parley_simulate_run(ctx, s, o, &sim);
    snprintf(message, cap, "%s", parley_ctx_errmsg(ctx));
    if (st != PARLEY_OK)
        cr_expect_null(sim);
    parley_simulation_free(ctx, sim);
    parley_ctx_free(ctx);
    return st;
}

Test(montecarlo, option_errors)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_ukraine(ctx);
    parley_simulate_options o;
    parley_limits lim;
    char msg[1024];

    parley_simulate_options_set_default(&o);
    o.draws = 0;
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    cr_expect(strstr(msg, "0 draws") != NULL, "%s", msg);

    parley_simulate_options_set_default(&o);
    o.draws = 1001;
    parley_limits_set_default(&lim);
    lim.max_draws = 1000;
    cr_expect_eq(try_simulate(s, &o, &lim, msg, sizeof msg), PARLEY_ELIMIT);
    cr_expect(strstr(msg, "--max-draws") != NULL, "%s", msg);

    parley_simulate_options_set_default(&o);
    o.coverage = 1;
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    o.coverage = 0.9;
    o.months = 601;
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    o.months = -1;
    o.threads = -2;
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    o.threads = 0;
    o.sample_inputs = 2;
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    o.sample_inputs = 1;
    o.report_every = -1;
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    o.report_every = 0;

    o.outputs = "forcast:T_ZK";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_ENOTFOUND);
    cr_expect(strstr(msg, "did you mean 'forecast'") != NULL, "%s", msg);
    o.outputs = "forecast:T_ZQ";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_ENOTFOUND);
    cr_expect(strstr(msg, "did you mean 'T_ZK'") != NULL, "%s", msg);
    o.outputs = "forecast:T_ZK:bmd";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_ENOTFOUND);
    o.outputs = "forecast:ARMY";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    o.outputs = "state:Q";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_ENOTFOUND);
    o.outputs = "reservation:SG";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    cr_expect(strstr(msg, "no reservation") != NULL, "%s", msg);
    o.outputs = "zone:GUAR";
    o.zone_parties = "RU,XX";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_ENOTFOUND);
    o.zone_parties = "RU";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    cr_expect(strstr(msg, "at least two") != NULL, "%s", msg);
    o.zone_parties = NULL;
    o.outputs = "state:O,state:O";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    cr_expect(strstr(msg, "twice") != NULL, "%s", msg);
    o.outputs = "state:O,";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    o.outputs = "zopa:x";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    o.outputs = "state";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    o.outputs = "state:O:x";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);

    parley_simulate_options_set_default(&o);
    o.draws = 1000;
    o.max_sample_bytes = 1000;
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_ELIMIT);

    {
        parley_simulation *sim = NULL;

        cr_expect_eq(parley_simulate_run(NULL, s, &o, &sim), PARLEY_EINVAL);
        cr_expect_eq(parley_simulate_run(ctx, NULL, &o, &sim), PARLEY_EINVAL);
        cr_expect_eq(parley_simulate_run(ctx, s, &o, NULL), PARLEY_EINVAL);
        parley_simulation_free(ctx, NULL);
    }
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* A scenario without dynamics, ranges or options: only the forecasts by
 * default. */
Test(montecarlo, defaults_without_dynamics)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_text(ctx, three_actors);
    parley_simulate_options o;
    parley_simulation *sim = NULL;
    char msg[1024];

    parley_simulate_options_set_default(&o);
    o.draws = 100;
    cr_assert_eq(parley_simulate_run(ctx, s, &o, &sim), PARLEY_OK);
    cr_expect_eq(sim->n_outputs, 3); /* 3 models (no options: no ZOPA) */
    cr_expect_eq(sim->months, 0);
    cr_expect_eq(sim->n_inputs, 1);
    parley_simulation_free(ctx, sim);
    o.outputs = "state:*";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    o.outputs = "zone:*";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    o.outputs = "reservation:*";
    cr_expect_eq(try_simulate(s, &o, NULL, msg, sizeof msg), PARLEY_EINVAL);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- allocation failure ------------------------------------------------- */

static const char small_dynamic[] =
    "parley: 1\n"
    "scenario: {id: small}\n"
    "actors:\n"
    "  - {id: A, capability: 50, reservation: 0.5}\n"
    "  - {id: B, capability: {low: 20, mode: 50, high: 60}}\n"
    "  - {id: C, capability: 30}\n"
    "issues:\n"
    "  - {id: X}\n"
    "  - {id: Y}\n"
    "stances:\n"
    "  A: {X: {position: 20, salience: 60, range: [10, 40]}, Y: {position: "
    "5, salience: 10}}\n"
    "  B: {X: {position: 80, salience: 40, range: [30, 90]}}\n"
    "  C: {X: {position: 50, salience: 40}, Y: {position: 90, salience: "
    "50}}\n"
    "blocs:\n"
    "  - {id: W, actors: [A, B], correlation: 0.5}\n"
    "dynamics:\n"
    "  start: 2026-01\n"
    "  horizon: 3\n"
    "  variables:\n"
    "    - {id: v, initial: 0, noise: {low: 0.5, mode: 1, high: 2}}\n"
    "  couplings:\n"
    "    - {id: c, variable: v, target: salience, actor: C, issue: Y, coef: "
    "5}\n"
    "    - {id: d, variable: v, target: reservation, actor: A, coef: "
    "0.01}\n";

static parley_status simulate_body(parley_ctx *ctx, void *user)
{
    parley_scenario *s = NULL;
    parley_simulate_options o;
    parley_simulation *sim = NULL;
    parley_status st;

    (void)user;
    st = parley_scenario_load_buffer(ctx, "t.yaml", small_dynamic,
                                     strlen(small_dynamic), NULL, &s);
    if (st != PARLEY_OK)
        return st;
    parley_simulate_options_set_default(&o);
    o.draws = 50;
    o.keep_draws = 1;
    st = parley_simulate_run(ctx, s, &o, &sim);
    parley_simulation_free(ctx, sim);
    parley_scenario_free(s);
    return st;
}

Test(montecarlo, allocation_failure)
{
    long n = test_alloc_failures(simulate_body, NULL);

    cr_expect(n > 20, "%ld allocations", n);
}

/* ---- progress and fixed inputs ------------------------------------------ */

typedef struct progress_log {
    size_t calls, last_done, total;
    int monotonic;
} progress_log;

static void on_progress(void *user, size_t done, size_t total)
{
    progress_log *log = user;

    if (done < log->last_done)
        log->monotonic = 0;
    log->calls++;
    log->last_done = done;
    log->total = total;
}

/* The callback runs between blocks of 4096 draws, done rising to total;
 * with the inputs at their modes the compromise forecast does not vary. */
Test(montecarlo, progress_and_fixed_inputs)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_text(ctx, three_actors);
    parley_simulate_options o;
    parley_simulation *sim = NULL;
    progress_log log = {0, 0, 0, 1};
    const parley_sim_cell *c;

    parley_simulate_options_set_default(&o);
    o.draws = 10000;
    o.outputs = "forecast:X:compromise";
    o.sample_inputs = 0;
    o.progress = on_progress;
    o.progress_user = &log;
    cr_assert_eq(parley_simulate_run(ctx, s, &o, &sim), PARLEY_OK);
    cr_expect_eq(log.calls, 3); /* 4096, 8192, 10000 */
    cr_expect_eq(log.last_done, 10000);
    cr_expect_eq(log.total, 10000);
    cr_expect(log.monotonic);
    c = &sim->outputs[0].cells[0];
    cr_expect_eq(c->low, c->high);
    cr_expect(c->sd < 1e-10, "sd %g", c->sd); /* the mean's rounding */
    cr_expect_eq(sim->sample_inputs, 0);
    parley_simulation_free(ctx, sim);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}
