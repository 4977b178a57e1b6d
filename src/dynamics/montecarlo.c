/*
 * montecarlo.c -- the Monte Carlo engine (montecarlo.h): setup, one
 * evaluation month by month, the parallel loop over evaluations and the
 * summaries of the rows.
 *
 * Only setup (parley_i_mc_new, add_block, prepare) allocates.  The loop
 * gives every thread its own workspace and its own error context; an
 * evaluation writes only its own row, and summaries reduce rows in index
 * order, so the results are identical for any number of threads.
 */
#include "dynamics/montecarlo.h"
#include "forecast/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

/* Evaluations between two progress calls (and two parallel regions). */
#define PROGRESS_BLOCK 4096

struct parley_i_thread {
    parley_ctx ctx; /* errors only: max_diagnostics 0 */
    double *values0, *values;
    double *x0, *x, *next;
    double *u;
    unsigned char *scratch;
    parley_rng rng, noise;
    /* the first error of this thread in the current run */
    parley_status status;
    uint64_t err_draw;
    char errmsg[PARLEY_ERRMSG_MAX];
};

static int omp_threads(int wanted)
{
#ifdef _OPENMP
    return wanted > 0 ? wanted : omp_get_max_threads();
#else
    (void)wanted;
    return 1;
#endif
}

/* ---- setup -------------------------------------------------------------- */

parley_status parley_i_mc_new(parley_ctx *ctx, const parley_scenario *s,
                              const parley_i_mc_config *cfg, parley_i_mc **out)
{
    parley_i_mc *mc;
    parley_status st;

    *out = NULL;
    if (cfg->months > 600)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "%d months, expected at most 600", cfg->months);
    mc = parley_i_alloc(ctx, sizeof *mc);
    if (!mc)
        return parley_i_nomem(ctx);
    mc->ctx = ctx;
    mc->scenario = s;
    mc->seed = cfg->seed;
    mc->noise_seed = cfg->seed ^ PARLEY_I_NOISE_SEED_XOR;
    mc->sample_inputs = cfg->sample_inputs;
    mc->threads = omp_threads(cfg->threads);
    if (mc->threads < 1)
        mc->threads = 1;
    st = parley_i_params_new(ctx, s, &mc->params);
    if (st == PARLEY_OK)
        st = parley_i_dyn_new(ctx, mc->params, &mc->dyn);
    if (st != PARLEY_OK) {
        parley_i_mc_free(mc);
        return st;
    }
    mc->months = cfg->months >= 0 ? cfg->months : mc->dyn->horizon;
    *out = mc;
    return PARLEY_OK;
}

static void free_threads(parley_i_mc *mc)
{
    const parley_ctx *ctx = mc->ctx;
    size_t V, S, I, t;

    if (!mc->ws)
        return;
    V = mc->params->layout.n_variables;
    S = mc->params->layout.size;
    I = mc->params->n_inputs;
    for (t = 0; t < (size_t)mc->threads; t++) {
        struct parley_i_thread *w = &mc->ws[t];

        parley_i_free(ctx, w->values0, S * sizeof(double));
        parley_i_free(ctx, w->values, S * sizeof(double));
        parley_i_free(ctx, w->x0, (V + 1) * sizeof(double));
        parley_i_free(ctx, w->x, (V + 1) * sizeof(double));
        parley_i_free(ctx, w->next, (V + 1) * sizeof(double));
        parley_i_free(ctx, w->u, (I + 1) * sizeof(double));
        parley_i_free(ctx, w->scratch, mc->scratch_size);
    }
    parley_i_free(ctx, mc->ws, (size_t)mc->threads * sizeof *mc->ws);
    mc->ws = NULL;
}

void parley_i_mc_free(parley_i_mc *mc)
{
    const parley_ctx *ctx;
    size_t i;

    if (!mc)
        return;
    ctx = mc->ctx;
    free_threads(mc);
    for (i = 0; i < mc->n_blocks; i++)
        if (mc->blocks[i].type->config_free)
            mc->blocks[i].type->config_free(ctx, mc->blocks[i].config);
    parley_i_free(ctx, mc->blocks, mc->cap_blocks * sizeof *mc->blocks);
    for (i = 0; i < mc->n_columns; i++) {
        parley_i_strfree(ctx, mc->columns[i].id);
        parley_i_strfree(ctx, mc->columns[i].label);
    }
    parley_i_free(ctx, mc->columns, mc->cap_columns * sizeof *mc->columns);
    parley_i_dyn_free(mc->dyn);
    parley_i_params_free(mc->params);
    parley_i_free(ctx, mc, sizeof *mc);
}

parley_status parley_i_mc_add_block(parley_i_mc *mc,
                                    const parley_i_output_type *type,
                                    void *config, size_t width, size_t *first)
{
    const parley_ctx *ctx = mc->ctx;
    parley_i_block *b;
    size_t i;

    if (mc->ws) { /* prepared: the workspaces would be too small */
        if (type->config_free)
            type->config_free(ctx, config);
        return parley_i_error(mc->ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "monte carlo: outputs added after the first "
                              "run, expected every output before it");
    }
    if (mc->n_blocks == mc->cap_blocks) {
        size_t cap = mc->cap_blocks ? 2 * mc->cap_blocks : 8;
        parley_i_block *grown =
            parley_i_realloc(ctx, mc->blocks, mc->cap_blocks * sizeof *grown,
                             cap * sizeof *grown);

        if (!grown)
            goto nomem;
        mc->blocks = grown;
        mc->cap_blocks = cap;
    }
    if (mc->n_columns + width > mc->cap_columns) {
        size_t cap = mc->cap_columns ? 2 * mc->cap_columns : 16;
        parley_i_column *grown;

        while (cap < mc->n_columns + width)
            cap *= 2;
        grown =
            parley_i_realloc(ctx, mc->columns, mc->cap_columns * sizeof *grown,
                             cap * sizeof *grown);
        if (!grown)
            goto nomem;
        memset(grown + mc->cap_columns, 0,
               (cap - mc->cap_columns) * sizeof *grown);
        mc->columns = grown;
        mc->cap_columns = cap;
    }
    b = &mc->blocks[mc->n_blocks];
    b->type = type;
    b->config = config;
    b->first = mc->n_columns;
    b->width = width;
    b->available = 1;
    b->note = NULL;
    b->scratch_size = type->scratch_size ? type->scratch_size(config) : 0;
    b->scratch_size = parley_i_align(b->scratch_size);
    b->scratch_offset = mc->scratch_size;
    mc->scratch_size += b->scratch_size;
    for (i = 0; i < width; i++) {
        parley_i_column *c = &mc->columns[mc->n_columns + i];

        c->id = c->label = NULL;
        c->kind = PARLEY_I_OUT_VALUE;
        c->block = mc->n_blocks;
    }
    if (first)
        *first = mc->n_columns;
    mc->n_columns += width;
    mc->n_blocks++;
    return PARLEY_OK;

nomem:
    if (type->config_free)
        type->config_free(ctx, config);
    return parley_i_nomem(mc->ctx);
}

parley_status parley_i_mc_column(parley_i_mc *mc, size_t c, const char *id,
                                 const char *label, parley_i_out_kind kind)
{
    parley_i_column *col = &mc->columns[c];

    parley_i_strfree(mc->ctx, col->id);
    parley_i_strfree(mc->ctx, col->label);
    col->id = parley_i_strdup(mc->ctx, id);
    col->label = parley_i_strdup(mc->ctx, label);
    col->kind = kind;
    if (!col->id || !col->label)
        return parley_i_nomem(mc->ctx);
    return PARLEY_OK;
}

void parley_i_mc_unavailable(parley_i_mc *mc, const char *note)
{
    if (mc->n_blocks) {
        mc->blocks[mc->n_blocks - 1].available = 0;
        mc->blocks[mc->n_blocks - 1].note = note;
    }
}

size_t parley_i_mc_row_len(const parley_i_mc *mc)
{
    return ((size_t)mc->months + 1) * mc->n_columns;
}

size_t parley_i_mc_find_column(const parley_i_mc *mc, const char *id)
{
    size_t c;

    for (c = 0; c < mc->n_columns; c++)
        if (strcmp(mc->columns[c].id, id) == 0)
            return c;
    return PARLEY_NO_INDEX;
}

parley_status parley_i_mc_prepare(parley_i_mc *mc)
{
    const parley_ctx *ctx = mc->ctx;
    size_t V = mc->params->layout.n_variables;
    size_t S = mc->params->layout.size, I = mc->params->n_inputs, t;

    if (mc->ws)
        return PARLEY_OK;
    mc->ws = parley_i_alloc_array(ctx, (size_t)mc->threads, sizeof *mc->ws);
    if (!mc->ws)
        return parley_i_nomem(mc->ctx);
    for (t = 0; t < (size_t)mc->threads; t++) {
        struct parley_i_thread *w = &mc->ws[t];

        /* a private context that records an error without allocating */
        memset(&w->ctx, 0, sizeof w->ctx);
        w->ctx.allocator = ctx->allocator;
        w->ctx.limits = ctx->limits;
        w->ctx.limits.max_diagnostics = 0;
        w->values0 = parley_i_alloc_array(ctx, S, sizeof(double));
        w->values = parley_i_alloc_array(ctx, S, sizeof(double));
        w->x0 = parley_i_alloc_array(ctx, V + 1, sizeof(double));
        w->x = parley_i_alloc_array(ctx, V + 1, sizeof(double));
        w->next = parley_i_alloc_array(ctx, V + 1, sizeof(double));
        w->u = parley_i_alloc_array(ctx, I + 1, sizeof(double));
        if (mc->scratch_size)
            w->scratch = parley_i_alloc(ctx, mc->scratch_size);
        if (!w->values0 || !w->values || !w->x0 || !w->x || !w->next || !w->u ||
            (mc->scratch_size && !w->scratch)) {
            free_threads(mc); /* frees what exists */
            return parley_i_nomem(mc->ctx);
        }
    }
    return PARLEY_OK;
}

/* ---- one evaluation ----------------------------------------------------- */

/*
 * Evaluation `draw`: inputs from u_given (NaN = mode) or drawn from the
 * stream (seed, draw), noise from the stream (noise_seed, noise_stream);
 * writes the row.  Errors are recorded in the thread's workspace.
 */
static void evaluate(const parley_i_mc *mc, struct parley_i_thread *w,
                     const double *u_given, uint64_t draw,
                     uint64_t noise_stream, double *row)
{
    const parley_i_params *p = mc->params;
    const parley_i_dyn *dyn = mc->dyn;
    size_t V = p->layout.n_variables, nc = mc->n_columns, b;
    parley_i_point pt;
    int t;

    if (u_given) {
        parley_i_params_apply(p, u_given, w->values0);
    } else if (mc->sample_inputs && p->n_inputs) {
        parley_rng_seed(&w->rng, mc->seed, draw);
        parley_i_params_draw(p, &w->rng, w->u);
        parley_i_params_apply(p, w->u, w->values0);
    } else {
        parley_i_params_apply(p, NULL, w->values0);
    }
    memcpy(w->values, w->values0, p->layout.size * sizeof(double));
    parley_rng_seed(&w->noise, mc->noise_seed, noise_stream);
    parley_i_dyn_initial(dyn, w->values0, w->x0);
    memcpy(w->x, w->x0, V * sizeof(double));
    pt.mc = mc;
    pt.params = p;
    pt.values = w->values;
    pt.values0 = w->values0;
    pt.state = w->x;
    pt.state0 = w->x0;
    pt.draw = draw;
    pt.ctx = &w->ctx;
    for (t = 0; t <= mc->months; t++) {
        double *out = row + (size_t)t * nc;

        if (t > 0) {
            double *swap;

            parley_i_dyn_step(dyn, w->values0, t - 1, w->x, w->next, &w->noise);
            swap = w->x;
            w->x = w->next;
            w->next = swap;
            pt.state = w->x;
            parley_i_dyn_couple(dyn, w->values0, w->x0, w->x, w->values);
        }
        pt.month = t;
        for (b = 0; b < mc->n_blocks; b++) {
            const parley_i_block *blk = &mc->blocks[b];
            parley_status st;
            size_t i;

            if (!blk->available) {
                for (i = 0; i < blk->width; i++)
                    out[blk->first + i] = (double)NAN;
                continue;
            }
            st = blk->type->compute(blk->config,
                                    w->scratch + blk->scratch_offset, &pt,
                                    out + blk->first);
            if (st != PARLEY_OK) {
                if (w->status == PARLEY_OK || draw < w->err_draw) {
                    w->status = st;
                    w->err_draw = draw;
                    memcpy(w->errmsg, w->ctx.errmsg, sizeof w->errmsg);
                }
                w->ctx.has_error = 0;
                w->ctx.errmsg[0] = '\0';
                for (i = 0; i < blk->width; i++)
                    out[blk->first + i] = (double)NAN;
            }
        }
    }
}

parley_status parley_i_mc_run(parley_i_mc *mc, const parley_i_job *job)
{
    size_t row_len, I = mc->params->n_inputs, start, t;
    parley_status st;

    st = parley_i_mc_prepare(mc);
    if (st != PARLEY_OK)
        return st;
    row_len = parley_i_mc_row_len(mc);
    for (t = 0; t < (size_t)mc->threads; t++)
        mc->ws[t].status = PARLEY_OK;
    for (start = 0; start < job->n; start += PROGRESS_BLOCK) {
        size_t end =
            start + PROGRESS_BLOCK < job->n ? start + PROGRESS_BLOCK : job->n;
        long i, lo = (long)start, hi = (long)end;

#pragma omp parallel for num_threads(mc->threads) schedule(dynamic, 8)
        for (i = lo; i < hi; i++) {
            size_t k = (size_t)i;
            int id = 0;
            uint64_t draw = job->first + k;

#ifdef _OPENMP
            id = omp_get_thread_num();
#endif
            evaluate(mc, &mc->ws[id], job->u ? job->u + k * I : NULL, draw,
                     job->noise ? job->noise[k] : draw,
                     job->rows + k * row_len);
        }
        if (job->progress)
            job->progress(job->progress_user, job->progress_done + end,
                          job->progress_total ? job->progress_total : job->n);
        {
            const struct parley_i_thread *bad = NULL;

            for (t = 0; t < (size_t)mc->threads; t++)
                if (mc->ws[t].status != PARLEY_OK &&
                    (!bad || mc->ws[t].err_draw < bad->err_draw))
                    bad = &mc->ws[t];
            if (bad)
                return parley_i_error(
                    mc->ctx, bad->status, NULL, 0, 0, "evaluation %llu: %s",
                    (unsigned long long)bad->err_draw, bad->errmsg);
        }
    }
    return PARLEY_OK;
}

/* ---- summaries ---------------------------------------------------------- */

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;

    return (a > b) - (a < b);
}

/* Quantile of sorted x[0..n) at probability q: linear interpolation
 * between order statistics (Hyndman & Fan 1996, type 7). */
static double quantile(const double *x, size_t n, double q)
{
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h);

    if (lo + 1 >= n)
        return x[n - 1];
    return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

/* Wilson score interval for k successes in n trials (Wilson 1927). */
static void wilson(double k, double n, double z, double *low, double *high)
{
    double p, denom, centre, half;

    if (!(n > 0)) {
        *low = *high = (double)NAN;
        return;
    }
    p = k / n;
    denom = 1 + z * z / n;
    centre = (p + z * z / (2 * n)) / denom;
    half = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom;
    *low = centre - half < 0 ? 0 : centre - half;
    *high = centre + half > 1 ? 1 : centre + half;
    if (k == 0)
        *low = 0; /* exact at the ends */
    if (k == n)
        *high = 1;
}

/* 1 if column c holds the same bits at months t and t - 1 in every row. */
static int same_as_before(const double *rows, size_t n, size_t row_len,
                          size_t nc, size_t c, size_t t)
{
    size_t d;

    for (d = 0; d < n; d++) {
        const double *r = rows + d * row_len + c;

        if (memcmp(r + t * nc, r + (t - 1) * nc, sizeof(double)) != 0)
            return 0;
    }
    return 1;
}

/* One column: every month.  scratch has n doubles, flags n bytes. */
static void summarise_column(const parley_i_mc *mc, const double *rows,
                             size_t n, double coverage, double z, size_t c,
                             parley_sim_cell *cells, double *scratch,
                             unsigned char *flags)
{
    size_t nc = mc->n_columns, row_len = parley_i_mc_row_len(mc), d, t;
    size_t M = (size_t)mc->months + 1, happened = 0;
    int event = mc->columns[c].kind == PARLEY_I_OUT_EVENT;

    if (event)
        memset(flags, 0, n);
    for (t = 0; t < M; t++) {
        parley_sim_cell *cell = &cells[c * M + t];
        double sum = 0, ss = 0, mean;
        size_t k = 0;

        if (t > 0 && same_as_before(rows, n, row_len, nc, c, t)) {
            *cell = cells[c * M + t - 1]; /* nothing moved: same summary */
            continue;
        }
        for (d = 0; d < n; d++) {
            double x = rows[d * row_len + t * nc + c];

            if (isnan(x))
                continue;
            scratch[k++] = x;
            sum += x; /* in draw order */
            if (event && x != 0 && !flags[d]) {
                flags[d] = 1;
                happened++;
            }
        }
        cell->n = k;
        mean = k ? sum / (double)k : (double)NAN;
        for (d = 0; d < k; d++)
            ss += (scratch[d] - mean) * (scratch[d] - mean);
        cell->mean = mean;
        cell->sd = k > 1 ? sqrt(ss / (double)(k - 1)) : (double)NAN;
        cell->se = k > 1 ? cell->sd / sqrt((double)k) : (double)NAN;
        cell->p_by = cell->p_by_low = cell->p_by_high = (double)NAN;
        if (event) {
            wilson(sum, (double)k, z, &cell->low, &cell->high);
            cell->median = mean;
            cell->p_by = n ? (double)happened / (double)n : (double)NAN;
            wilson((double)happened, (double)n, z, &cell->p_by_low,
                   &cell->p_by_high);
        } else if (k) {
            qsort(scratch, k, sizeof *scratch, cmp_double);
            cell->low = quantile(scratch, k, (1 - coverage) / 2);
            cell->median = quantile(scratch, k, 0.5);
            cell->high = quantile(scratch, k, (1 + coverage) / 2);
        } else {
            cell->low = cell->median = cell->high = (double)NAN;
        }
    }
}

void parley_i_mc_summarise(const parley_i_mc *mc, const double *rows, size_t n,
                           double coverage, parley_sim_cell *cells,
                           double *scratch, unsigned char *flags)
{
    double z = parley_i_normal_quantile(0.5 + coverage / 2);
    long c, nc = (long)mc->n_columns;

    /* columns are independent: each thread summarises whole columns in its
     * own scratch, so the summaries do not depend on the thread count */
#pragma omp parallel for num_threads(mc->threads) schedule(dynamic, 1)
    for (c = 0; c < nc; c++) {
        size_t id = 0;

#ifdef _OPENMP
        id = (size_t)omp_get_thread_num();
#endif
        summarise_column(mc, rows, n, coverage, z, (size_t)c, cells,
                         scratch + id * n, flags + id * n);
    }
}

double parley_i_mc_scalar(const parley_i_mc *mc, const double *row, size_t c,
                          int m)
{
    size_t nc = mc->n_columns;
    int t;

    if (mc->columns[c].kind != PARLEY_I_OUT_EVENT)
        return row[(size_t)m * nc + c];
    for (t = 0; t <= m; t++) {
        double x = row[(size_t)t * nc + c];

        if (!isnan(x) && x != 0)
            return 1;
    }
    return 0;
}
