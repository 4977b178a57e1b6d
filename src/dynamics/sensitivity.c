/*
 * sensitivity.c -- tornado and Sobol analyses (sensitivity.h) and the
 * public parley_sensitivity_run on the scenario's Monte Carlo engine.
 *
 * Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. &
 * Tarantola, S. (2010).  Variance based sensitivity analysis of model
 * output.  Design and estimator for the total sensitivity index.  Computer
 * Physics Communications 181(2), 259-270.
 * Jansen, M. J. W. (1999).  Analysis of variance designs for model output.
 * Computer Physics Communications 117(1-2), 35-43.
 */
#include "dynamics/sensitivity.h"
#include "dynamics/montecarlo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FREE_N(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

/* ---- Sobol -------------------------------------------------------------- */

size_t parley_i_sobol_cost(const parley_i_sa_model *m, size_t N)
{
    size_t q = m->n_inputs + (m->stochastic ? 1 : 0);

    if (q + 2 < q || (N && q + 2 > ((size_t)-1) / N))
        return 0;
    return N * (q + 2);
}

void parley_i_sobol_result_destroy(const parley_ctx *ctx,
                                   parley_i_sobol_result *r)
{
    FREE_N(ctx, r->first, r->n_factors);
    FREE_N(ctx, r->first_se, r->n_factors);
    FREE_N(ctx, r->total, r->n_factors);
    FREE_N(ctx, r->total_se, r->n_factors);
    r->first = r->first_se = r->total = r->total_se = NULL;
}

/* Row j of the base matrix A (which = 0) or B (which = 1). */
static void base_row(uint64_t seed, size_t j, int which, size_t p, double *u)
{
    parley_rng rng;
    size_t i;

    parley_rng_seed(&rng, seed, 2 * (uint64_t)j + (uint64_t)which);
    for (i = 0; i < p; i++)
        u[i] = parley_rng_uniform(&rng);
}

/* The estimators over the rows idx[0..N) (a bootstrap resample, or every
 * row in order when idx is NULL).  first/total get q values each. */
static void estimate(size_t N, size_t q, const double *fA, const double *fB,
                     const double *fAB, const size_t *idx, double *first,
                     double *total, double *mean_out, double *var_out)
{
    double c = 0, v = 0;
    size_t j, i;

    for (j = 0; j < N; j++) {
        size_t r = idx ? idx[j] : j;

        c += fA[r] + fB[r];
    }
    c /= (double)(2 * N);
    for (j = 0; j < N; j++) {
        size_t r = idx ? idx[j] : j;

        v += (fA[r] - c) * (fA[r] - c) + (fB[r] - c) * (fB[r] - c);
    }
    v = N > 0 ? v / (double)(2 * N - 1) : (double)NAN;
    for (i = 0; i < q; i++) {
        const double *f = fAB + i * N;
        double s1 = 0, st = 0;

        for (j = 0; j < N; j++) {
            size_t r = idx ? idx[j] : j;
            double d = f[r] - fA[r];

            s1 += (fB[r] - c) * d; /* Saltelli 2010, Table 2 (b) */
            st += d * d;           /* Jansen 1999; Table 2 (f) */
        }
        first[i] = v > 0 ? s1 / (double)N / v : (double)NAN;
        total[i] = v > 0 ? st / (2.0 * (double)N) / v : (double)NAN;
    }
    if (mean_out)
        *mean_out = c;
    if (var_out)
        *var_out = v;
}

parley_status parley_i_sobol(parley_ctx *ctx, const parley_i_sa_model *m,
                             size_t N, uint64_t seed, size_t bootstrap,
                             parley_i_sobol_result *out)
{
    size_t p = m->n_inputs, q = p + (m->stochastic ? 1 : 0);
    size_t batch = m->max_batch ? m->max_batch : 1024, total_evals, done = 0;
    size_t mat, j0, i, j, r;
    double *fA = NULL, *fB = NULL, *fAB = NULL, *u = NULL, *a = NULL, *b = NULL,
           *bf = NULL, *bt = NULL, *sf = NULL, *st2 = NULL;
    uint64_t *noise = NULL;
    size_t *idx = NULL;
    parley_status st = PARLEY_OK;

    memset(out, 0, sizeof *out);
    total_evals = parley_i_sobol_cost(m, N);
    if (N < 2 || total_evals == 0)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "sobol: base sample of %zu, expected at least "
                              "2 (and a cost that fits in memory)",
                              N);
    out->n_factors = q;
    fA = parley_i_alloc_array(ctx, N, sizeof *fA);
    fB = parley_i_alloc_array(ctx, N, sizeof *fB);
    fAB = parley_i_alloc_array(ctx, q ? q * N : 1, sizeof *fAB);
    u = parley_i_alloc_array(ctx, batch * (p ? p : 1), sizeof *u);
    noise = parley_i_alloc_array(ctx, batch, sizeof *noise);
    a = parley_i_alloc_array(ctx, p + 1, sizeof *a);
    b = parley_i_alloc_array(ctx, p + 1, sizeof *b);
    idx = parley_i_alloc_array(ctx, N, sizeof *idx);
    bf = parley_i_alloc_array(ctx, q + 1, sizeof *bf);
    bt = parley_i_alloc_array(ctx, q + 1, sizeof *bt);
    sf = parley_i_alloc_array(ctx, 2 * (q + 1), sizeof *sf);
    st2 = parley_i_alloc_array(ctx, 2 * (q + 1), sizeof *st2);
    if (q) {
        out->first = parley_i_alloc_array(ctx, q, sizeof(double));
        out->first_se = parley_i_alloc_array(ctx, q, sizeof(double));
        out->total = parley_i_alloc_array(ctx, q, sizeof(double));
        out->total_se = parley_i_alloc_array(ctx, q, sizeof(double));
    }
    if (!fA || !fB || !fAB || !u || !noise || !a || !b || !idx || !bf || !bt ||
        !sf || !st2 ||
        (q &&
         (!out->first || !out->first_se || !out->total || !out->total_se))) {
        st = parley_i_nomem(ctx);
        goto done;
    }

    /* the design, matrix by matrix: A, B, AB_0 .. AB_{q-1} */
    for (mat = 0; mat < q + 2 && st == PARLEY_OK; mat++) {
        double *f = mat == 0 ? fA : mat == 1 ? fB : fAB + (mat - 2) * N;

        for (j0 = 0; j0 < N && st == PARLEY_OK; j0 += batch) {
            size_t n = N - j0 < batch ? N - j0 : batch;

            for (j = 0; j < n; j++) {
                size_t row = j0 + j;
                double *ur = u + j * p;

                base_row(seed, row, 0, p, a);
                if (mat != 0) {
                    base_row(seed, row, 1, p, b);
                }
                if (mat == 1) {
                    memcpy(ur, b, p * sizeof *ur);
                    noise[j] = 2 * (uint64_t)row + 1;
                } else {
                    memcpy(ur, a, p * sizeof *ur);
                    noise[j] = 2 * (uint64_t)row;
                    if (mat >= 2 && mat - 2 < p)
                        ur[mat - 2] = b[mat - 2]; /* AB_i */
                    else if (mat >= 2)
                        noise[j] = 2 * (uint64_t)row + 1; /* AB_noise */
                }
            }
            st = m->evaluate(m->user, n, u, noise, f + j0, done, total_evals);
            done += n;
        }
    }
    if (st != PARLEY_OK)
        goto done;
    for (j = 0; j < N; j++) {
        int bad = isnan(fA[j]) || isnan(fB[j]);

        for (i = 0; i < q && !bad; i++)
            bad = isnan(fAB[i * N + j]);
        if (bad) {
            st = parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                "sobol: the output is undefined (NaN) at "
                                "design row %zu, expected a number at every "
                                "point",
                                j);
            goto done;
        }
    }
    out->evaluations = total_evals;
    estimate(N, q, fA, fB, fAB, NULL, out->first, out->total, &out->mean,
             &out->variance);

    /* bootstrap: mean and sum of squares of each estimate over resamples
     * (sf/st2 hold sums then sums of squares, per factor) */
    for (i = 0; i < 2 * (q + 1); i++)
        sf[i] = st2[i] = 0;
    for (r = 0; r < bootstrap; r++) {
        parley_rng rng;

        parley_rng_seed(&rng, seed ^ PARLEY_I_BOOT_SEED_XOR, r);
        for (j = 0; j < N; j++) {
            size_t k = (size_t)(parley_rng_uniform(&rng) * (double)N);

            idx[j] = k < N ? k : N - 1;
        }
        estimate(N, q, fA, fB, fAB, idx, bf, bt, NULL, NULL);
        for (i = 0; i < q; i++) {
            sf[2 * i] += bf[i];
            sf[2 * i + 1] += bf[i] * bf[i];
            st2[2 * i] += bt[i];
            st2[2 * i + 1] += bt[i] * bt[i];
        }
    }
    for (i = 0; i < q; i++) {
        double R = (double)bootstrap;

        if (bootstrap < 2) {
            out->first_se[i] = out->total_se[i] = (double)NAN;
            continue;
        }
        out->first_se[i] = sqrt(
            fmax(0, (sf[2 * i + 1] - sf[2 * i] * sf[2 * i] / R) / (R - 1)));
        out->total_se[i] = sqrt(
            fmax(0, (st2[2 * i + 1] - st2[2 * i] * st2[2 * i] / R) / (R - 1)));
    }

done:
    if (st != PARLEY_OK)
        parley_i_sobol_result_destroy(ctx, out);
    FREE_N(ctx, fA, N);
    FREE_N(ctx, fB, N);
    FREE_N(ctx, fAB, q ? q * N : 1);
    FREE_N(ctx, u, batch * (p ? p : 1));
    FREE_N(ctx, noise, batch);
    FREE_N(ctx, a, p + 1);
    FREE_N(ctx, b, p + 1);
    FREE_N(ctx, idx, N);
    FREE_N(ctx, bf, q + 1);
    FREE_N(ctx, bt, q + 1);
    FREE_N(ctx, sf, 2 * (q + 1));
    FREE_N(ctx, st2, 2 * (q + 1));
    return st;
}

/* ---- tornado ------------------------------------------------------------ */

void parley_i_tornado_result_destroy(const parley_ctx *ctx,
                                     parley_i_tornado_result *r)
{
    FREE_N(ctx, r->low, r->n_inputs);
    FREE_N(ctx, r->high, r->n_inputs);
    r->low = r->high = NULL;
}

parley_status parley_i_tornado(parley_ctx *ctx, const parley_i_sa_model *m,
                               size_t replications,
                               parley_i_tornado_result *out)
{
    size_t p = m->n_inputs, R = m->stochastic ? replications : 1;
    size_t batch = m->max_batch ? m->max_batch : 1024, settings = 2 * p + 1;
    size_t total_evals, done = 0, s, r0, j;
    double *u = NULL, *y = NULL, *sum = NULL, sumsq = 0;
    uint64_t *noise = NULL;
    parley_status st = PARLEY_OK;

    memset(out, 0, sizeof *out);
    if (R == 0)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "tornado: 0 replications, expected at least "
                              "one");
    if (R > ((size_t)-1) / settings)
        return parley_i_error(ctx, PARLEY_ELIMIT, NULL, 0, 0,
                              "tornado: %zu replications of %zu settings "
                              "are too many",
                              R, settings);
    total_evals = R * settings;
    if (batch > R)
        batch = R;
    out->n_inputs = p;
    out->replications = R;
    u = parley_i_alloc_array(ctx, batch * (p ? p : 1), sizeof *u);
    y = parley_i_alloc_array(ctx, batch, sizeof *y);
    noise = parley_i_alloc_array(ctx, batch, sizeof *noise);
    sum = parley_i_alloc_array(ctx, settings, sizeof *sum);
    if (p) {
        out->low = parley_i_alloc_array(ctx, p, sizeof(double));
        out->high = parley_i_alloc_array(ctx, p, sizeof(double));
    }
    if (!u || !y || !noise || !sum || (p && (!out->low || !out->high))) {
        st = parley_i_nomem(ctx);
        goto done;
    }
    /* setting 0: every input at its mode; 1 + 2i: input i low; 2 + 2i:
     * high */
    for (s = 0; s < settings && st == PARLEY_OK; s++) {
        for (r0 = 0; r0 < R && st == PARLEY_OK; r0 += batch) {
            size_t n = R - r0 < batch ? R - r0 : batch;

            for (j = 0; j < n; j++) {
                double *ur = u + j * p;
                size_t i;

                for (i = 0; i < p; i++)
                    ur[i] = (double)NAN;
                if (s > 0)
                    ur[(s - 1) / 2] = (s % 2) ? 0.0 : 1.0;
                noise[j] = r0 + j; /* common random numbers */
            }
            st = m->evaluate(m->user, n, u, noise, y, done, total_evals);
            done += n;
            for (j = 0; j < n && st == PARLEY_OK; j++) {
                if (isnan(y[j])) {
                    st = parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                        "tornado: the output is undefined "
                                        "(NaN) at setting %zu, expected a "
                                        "number",
                                        s);
                    break;
                }
                sum[s] += y[j]; /* in replication order */
                if (s == 0)
                    sumsq += y[j] * y[j];
            }
        }
    }
    if (st != PARLEY_OK)
        goto done;
    out->evaluations = total_evals;
    out->base = sum[0] / (double)R;
    out->base_se = R > 1 ? sqrt(fmax(0, (sumsq - sum[0] * sum[0] / (double)R) /
                                            (double)(R - 1)) /
                                (double)R)
                         : 0.0;
    for (j = 0; j < p; j++) {
        out->low[j] = sum[1 + 2 * j] / (double)R;
        out->high[j] = sum[2 + 2 * j] / (double)R;
    }

done:
    if (st != PARLEY_OK)
        parley_i_tornado_result_destroy(ctx, out);
    FREE_N(ctx, u, batch * (p ? p : 1));
    FREE_N(ctx, y, batch);
    FREE_N(ctx, noise, batch);
    FREE_N(ctx, sum, settings);
    return st;
}

/* ---- the scenario as a model -------------------------------------------- */

#define SCENARIO_BATCH 1024

typedef struct scen_model {
    parley_i_mc *mc;
    size_t column;
    int month;
    double *rows; /* SCENARIO_BATCH x row_len */
    parley_progress_fn progress;
    void *progress_user;
} scen_model;

static parley_status scen_evaluate(void *user, size_t n, const double *u,
                                   const uint64_t *noise, double *y,
                                   size_t done, size_t total)
{
    scen_model *sm = user;
    size_t row_len = parley_i_mc_row_len(sm->mc), i;
    parley_i_job job;
    parley_status st;

    memset(&job, 0, sizeof job);
    job.n = n;
    job.first = done;
    job.u = u;
    job.noise = noise;
    job.rows = sm->rows;
    job.progress = sm->progress;
    job.progress_user = sm->progress_user;
    job.progress_done = done;
    job.progress_total = total;
    st = parley_i_mc_run(sm->mc, &job);
    if (st != PARLEY_OK)
        return st;
    for (i = 0; i < n; i++)
        y[i] = parley_i_mc_scalar(sm->mc, sm->rows + i * row_len, sm->column,
                                  sm->month);
    return PARLEY_OK;
}

void parley_sensitivity_options_set_default(parley_sensitivity_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->method = PARLEY_SENSITIVITY_TORNADO;
    o->output = NULL;
    o->month = -1;
    o->months = -1;
    o->draws = 1000;
    o->seed = 1;
    o->threads = 0;
    o->bootstrap = 200;
    parley_forecast_options_set_default(&o->forecast);
    o->zone_parties = NULL;
}

void parley_sensitivity_free(parley_ctx *ctx, parley_sensitivity *sens)
{
    const parley_ctx *owner;
    size_t i;

    if (!sens)
        return;
    owner = sens->ctx_ ? sens->ctx_ : ctx;
    parley_i_inputs_free(owner, sens->inputs, sens->n_inputs);
    for (i = 0; i < sens->n_rows && sens->rows; i++)
        parley_i_strfree(owner, (char *)sens->rows[i].name);
    FREE_N(owner, sens->rows, sens->n_rows);
    parley_i_strfree(owner, (char *)sens->output);
    parley_i_strfree(owner, (char *)sens->label);
    parley_i_free(owner, sens, sizeof *sens);
}

static int by_swing(const void *pa, const void *pb)
{
    const parley_sensitivity_row *a = pa, *b = pb;

    if (a->swing != b->swing)
        return a->swing > b->swing ? -1 : 1;
    return a->input < b->input ? -1 : (a->input > b->input);
}

static int by_total(const void *pa, const void *pb)
{
    const parley_sensitivity_row *a = pa, *b = pb;
    double x = isnan(a->total) ? -1 : a->total;
    double y = isnan(b->total) ? -1 : b->total;

    if (x != y)
        return x > y ? -1 : 1;
    return a->input < b->input ? -1 : (a->input > b->input);
}

/* The specification with the default model filled in: forecast:ISSUE gets
 * the first model of forecast->models, or bdm. */
static void full_spec(const char *spec, const parley_forecast_options *fo,
                      char *buf, size_t cap)
{
    const char *colon;

    if (strncmp(spec, "forecast:", 9) != 0 || strchr(spec + 9, ':')) {
        snprintf(buf, cap, "%s", spec);
        return;
    }
    if (fo->models) {
        colon = strchr(fo->models, ',');
        snprintf(
            buf, cap, "%s:%.*s", spec,
            (int)(colon ? (size_t)(colon - fo->models) : strlen(fo->models)),
            fo->models);
    } else {
        snprintf(buf, cap, "%s:bdm", spec);
    }
}

parley_status parley_sensitivity_run(parley_ctx *ctx,
                                     const parley_scenario *scenario,
                                     const parley_sensitivity_options *o,
                                     parley_sensitivity **out)
{
    parley_i_mc_config cfg;
    parley_i_mc *mc = NULL;
    parley_sensitivity *sens = NULL;
    parley_i_sa_model model;
    scen_model sm;
    parley_i_sobol_result sobol;
    parley_i_tornado_result tornado;
    size_t row_len = 0, i, cost;
    char spec[300];
    parley_status st;

    memset(&sm, 0, sizeof sm);
    memset(&sobol, 0, sizeof sobol);
    memset(&tornado, 0, sizeof tornado);
    if (!ctx)
        return PARLEY_EINVAL;
    if (out)
        *out = NULL;
    if (!scenario || !out || !o)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "sensitivity: scenario, options and out must "
                              "not be NULL");
    if (!o->output || !o->output[0])
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "sensitivity: no output given, expected one "
                              "output such as forecast:ISSUE[:MODEL]");
    if (o->method != PARLEY_SENSITIVITY_TORNADO &&
        o->method != PARLEY_SENSITIVITY_SOBOL)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "sensitivity: unknown method %d, expected "
                              "tornado or sobol",
                              (int)o->method);
    if (o->draws == 0)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "sensitivity: 0 draws, expected at least one");
    if (o->month < -1 || o->month > 600 || o->months < -1 || o->months > 600)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "sensitivity: month %d, months %d, expected "
                              "0 to 600 (or -1)",
                              o->month, o->months);
    if (o->threads < 0)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "%d threads, expected 0 (automatic) or more",
                              o->threads);
    cfg.months = o->month >= 0 ? o->month : o->months;
    cfg.threads = o->threads;
    cfg.seed = o->seed;
    cfg.sample_inputs = 1;
    st = parley_i_mc_new(ctx, scenario, &cfg, &mc);
    if (st != PARLEY_OK)
        return st;
    full_spec(o->output, &o->forecast, spec, sizeof spec);
    st = parley_i_mc_add_outputs(mc, spec, &o->forecast, o->zone_parties);
    if (st != PARLEY_OK)
        goto done;
    if (mc->n_columns != 1) {
        st = parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                            "sensitivity: output '%s' names %zu outputs, "
                            "expected exactly one",
                            o->output, mc->n_columns);
        goto done;
    }
    if (!mc->blocks[0].available) {
        st = parley_i_error(ctx, PARLEY_EUNSUPPORTED, NULL, 0, 0,
                            "sensitivity: output '%s' is %s", mc->columns[0].id,
                            mc->blocks[0].note);
        goto done;
    }
    memset(&model, 0, sizeof model);
    model.n_inputs = mc->params->n_inputs;
    model.stochastic = mc->dyn->stochastic && mc->months > 0;
    model.max_batch = SCENARIO_BATCH;
    model.evaluate = scen_evaluate;
    model.user = &sm;
    cost = o->method == PARLEY_SENSITIVITY_SOBOL
               ? parley_i_sobol_cost(&model, o->draws)
               : (model.stochastic ? o->draws : 1) * (2 * model.n_inputs + 1);
    if (cost == 0 || cost > ctx->limits.max_draws) {
        st = parley_i_error(ctx, PARLEY_ELIMIT, NULL, 0, 0,
                            "sensitivity: %zu model evaluations exceed the "
                            "limit of %zu draws, expected fewer (raise it "
                            "with --max-draws)",
                            cost, ctx->limits.max_draws);
        goto done;
    }
    st = parley_i_mc_prepare(mc);
    if (st != PARLEY_OK)
        goto done;
    row_len = parley_i_mc_row_len(mc);
    sm.mc = mc;
    sm.column = 0;
    sm.month = mc->months;
    sm.progress = o->progress;
    sm.progress_user = o->progress_user;
    sm.rows =
        parley_i_alloc_array(ctx, SCENARIO_BATCH * row_len, sizeof *sm.rows);
    sens = parley_i_alloc(ctx, sizeof *sens);
    if (!sm.rows || !sens) {
        st = parley_i_nomem(ctx);
        goto done;
    }
    sens->ctx_ = ctx;
    sens->method = o->method;
    sens->month = mc->months;
    sens->draws = o->draws;
    sens->seed = o->seed;
    sens->kind = mc->columns[0].kind == PARLEY_I_OUT_EVENT
                     ? PARLEY_OUTPUT_EVENT
                     : PARLEY_OUTPUT_VALUE;
    sens->output = parley_i_strdup(ctx, mc->columns[0].id);
    sens->label = parley_i_strdup(ctx, mc->columns[0].label);
    if (!sens->output || !sens->label) {
        st = parley_i_nomem(ctx);
        goto done;
    }
    st = parley_i_inputs_export(ctx, mc->params, &sens->inputs);
    if (st != PARLEY_OK)
        goto done;
    sens->n_inputs = mc->params->n_inputs;
    if (o->method == PARLEY_SENSITIVITY_SOBOL)
        st = parley_i_sobol(ctx, &model, o->draws, o->seed, o->bootstrap,
                            &sobol);
    else
        st = parley_i_tornado(ctx, &model, o->draws, &tornado);
    if (st != PARLEY_OK)
        goto done;
    sens->n_rows = o->method == PARLEY_SENSITIVITY_SOBOL ? sobol.n_factors
                                                         : model.n_inputs;
    if (sens->n_rows) {
        sens->rows =
            parley_i_alloc_array(ctx, sens->n_rows, sizeof *sens->rows);
        if (!sens->rows) {
            sens->n_rows = 0;
            st = parley_i_nomem(ctx);
            goto done;
        }
    }
    for (i = 0; i < sens->n_rows; i++) {
        parley_sensitivity_row *row = &sens->rows[i];
        int noise = i >= model.n_inputs;

        row->input = i;
        row->name = parley_i_strdup(ctx, noise ? "dynamics noise and shocks"
                                               : mc->params->inputs[i].name);
        if (!row->name) {
            st = parley_i_nomem(ctx);
            goto done;
        }
        row->low = noise ? (double)NAN : mc->params->inputs[i].low;
        row->mode = noise ? (double)NAN : mc->params->inputs[i].mode;
        row->high = noise ? (double)NAN : mc->params->inputs[i].high;
        row->y_low = row->y_high = row->swing = (double)NAN;
        row->first = row->first_se = row->total = row->total_se = (double)NAN;
        if (o->method == PARLEY_SENSITIVITY_SOBOL) {
            row->first = sobol.first[i];
            row->first_se = sobol.first_se[i];
            row->total = sobol.total[i];
            row->total_se = sobol.total_se[i];
        } else {
            row->y_low = tornado.low[i];
            row->y_high = tornado.high[i];
            row->swing = fabs(row->y_high - row->y_low);
        }
    }
    if (o->method == PARLEY_SENSITIVITY_SOBOL) {
        sens->evaluations = sobol.evaluations;
        sens->mean = sobol.mean;
        sens->variance = sobol.variance;
        sens->base = sens->base_se = (double)NAN;
        if (sens->n_rows)
            qsort(sens->rows, sens->n_rows, sizeof *sens->rows, by_total);
    } else {
        sens->evaluations = tornado.evaluations;
        sens->base = tornado.base;
        sens->base_se = tornado.base_se;
        sens->mean = sens->variance = (double)NAN;
        sens->draws = tornado.replications;
        if (sens->n_rows)
            qsort(sens->rows, sens->n_rows, sizeof *sens->rows, by_swing);
    }
    *out = sens;
    sens = NULL;

done:
    parley_i_sobol_result_destroy(ctx, &sobol);
    parley_i_tornado_result_destroy(ctx, &tornado);
    parley_sensitivity_free(ctx, sens);
    if (sm.rows)
        parley_i_free(ctx, sm.rows, SCENARIO_BATCH * row_len * sizeof *sm.rows);
    parley_i_mc_free(mc);
    return st;
}
