/*
 * dynamics.c -- the monthly state model and its couplings (dynamics.h,
 * docs/models/dynamics.md).  Setup allocates; the step and the couplings
 * only read the flat vector and write the caller's arrays.
 */
#include "dynamics/dynamics.h"

#include <math.h>
#include <string.h>

void parley_i_dyn_free(parley_i_dyn *d)
{
    const parley_ctx *ctx;
    size_t h;

    if (!d)
        return;
    ctx = d->ctx;
    h = (size_t)d->horizon;
    parley_i_free(ctx, d->min, d->n_variables * sizeof *d->min);
    parley_i_free(ctx, d->max, d->n_variables * sizeof *d->max);
    parley_i_free(ctx, d->has_mean, d->n_variables * sizeof *d->has_mean);
    parley_i_free(ctx, d->input_from,
                  d->params->layout.n_inputs * sizeof *d->input_from);
    parley_i_free(ctx, d->shock_order, d->n_shocks * sizeof *d->shock_order);
    parley_i_free(ctx, d->month_start, (h + 2) * sizeof *d->month_start);
    parley_i_free(ctx, d->shock_variable,
                  d->n_shocks * sizeof *d->shock_variable);
    parley_i_free(ctx, d->links, d->n_links * sizeof *d->links);
    parley_i_free(ctx, d->targets, d->n_links * sizeof *d->targets);
    parley_i_free(ctx, d, sizeof *d);
}

/* The slot and clamp of coupling c's target. */
static parley_i_target coupling_target(const parley_i_params *p,
                                       const parley_coupling *c)
{
    const parley_scenario *s = p->scenario;
    const parley_i_layout *L = &p->layout;
    size_t cell = c->actor * L->n_issues + c->issue;
    parley_i_target t;

    t.min = 0;
    t.max = 100;
    switch (c->target) {
    case PARLEY_TARGET_RESERVATION:
        t.offset = L->reservation + c->actor;
        t.max = 1;
        break;
    case PARLEY_TARGET_CAPABILITY:
        t.offset = L->capability + c->actor;
        break;
    case PARLEY_TARGET_SALIENCE:
        t.offset = L->salience + cell;
        break;
    case PARLEY_TARGET_POSITION:
    case PARLEY_TARGET_RANGE_LOW:
    case PARLEY_TARGET_RANGE_HIGH:
    default:
        t.offset = (c->target == PARLEY_TARGET_POSITION    ? L->position
                    : c->target == PARLEY_TARGET_RANGE_LOW ? L->range_low
                                                           : L->range_high) +
                   cell;
        t.min = s->issues[c->issue].scale_min;
        t.max = s->issues[c->issue].scale_max;
        break;
    }
    return t;
}

parley_status parley_i_dyn_new(parley_ctx *ctx, const parley_i_params *p,
                               parley_i_dyn **out)
{
    const parley_scenario *s = p->scenario;
    const parley_dynamics *dy = &s->dynamics;
    size_t V = dy->n_variables, S = dy->n_shocks, C = dy->n_couplings;
    size_t n_in = p->layout.n_inputs, v, j, i, h;
    parley_i_dyn *d;

    *out = NULL;
    d = parley_i_alloc(ctx, sizeof *d);
    if (!d)
        return parley_i_nomem(ctx);
    d->ctx = ctx;
    d->params = p;
    d->n_variables = V;
    d->horizon = dy->present ? dy->horizon : 0;
    d->n_shocks = S;
    d->n_links = C;
    h = (size_t)d->horizon;
    if (V) {
        d->min = parley_i_alloc_array(ctx, V, sizeof *d->min);
        d->max = parley_i_alloc_array(ctx, V, sizeof *d->max);
        d->has_mean = parley_i_alloc_array(ctx, V, sizeof *d->has_mean);
    }
    if (n_in)
        d->input_from = parley_i_alloc_array(ctx, n_in, sizeof *d->input_from);
    if (S) {
        d->shock_order = parley_i_alloc_array(ctx, S, sizeof *d->shock_order);
        d->shock_variable =
            parley_i_alloc_array(ctx, S, sizeof *d->shock_variable);
    }
    d->month_start = parley_i_alloc_array(ctx, h + 2, sizeof *d->month_start);
    if (C) {
        d->links = parley_i_alloc_array(ctx, C, sizeof *d->links);
        d->targets = parley_i_alloc_array(ctx, C, sizeof *d->targets);
    }
    if ((V && (!d->min || !d->max || !d->has_mean)) ||
        (n_in && !d->input_from) ||
        (S && (!d->shock_order || !d->shock_variable)) || !d->month_start ||
        (C && (!d->links || !d->targets))) {
        parley_i_dyn_free(d);
        return parley_i_nomem(ctx);
    }
    for (v = 0; v < V; v++) {
        const parley_variable *var = &dy->variables[v];

        d->min[v] = var->min;
        d->max[v] = var->max;
        d->has_mean[v] = var->mean.present;
        for (j = 0; j < var->n_inputs; j++)
            d->input_from[p->input_start[v] + j] = var->inputs[j].variable;
        if (var->noise.high > 0)
            d->stochastic = 1;
    }
    /* shocks by month: a counting sort keeps the file order within a
     * month */
    for (i = 0; i <= h + 1; i++)
        d->month_start[i] = 0;
    for (i = 0; i < S; i++) {
        const parley_shock *sh = &dy->shocks[i];

        d->shock_variable[i] = sh->variable;
        if (sh->month >= 0 && (size_t)sh->month < h)
            d->month_start[(size_t)sh->month + 1]++;
        if (sh->probability.low < 1 && sh->probability.high > 0)
            d->stochastic = 1;
    }
    for (i = 1; i <= h + 1; i++)
        d->month_start[i] += d->month_start[i - 1];
    for (i = 0; i < S; i++) {
        int m = dy->shocks[i].month;

        if (m >= 0 && (size_t)m < h) {
            size_t at = d->month_start[(size_t)m];

            /* month_start[m] is the next free place of month m until the
             * pass ends; it is restored below */
            d->shock_order[at] = i;
            d->month_start[(size_t)m] = at + 1;
        }
    }
    for (i = h; i > 0; i--)
        d->month_start[i] = d->month_start[i - 1];
    d->month_start[0] = 0;
    /* couplings: one target per distinct slot */
    d->n_targets = 0;
    for (i = 0; i < C; i++) {
        parley_i_target t = coupling_target(p, &dy->couplings[i]);
        size_t k;

        for (k = 0; k < d->n_targets && d->targets[k].offset != t.offset; k++)
            ;
        if (k == d->n_targets)
            d->targets[d->n_targets++] = t;
        d->links[i].variable = dy->couplings[i].variable;
        d->links[i].target = k;
        d->links[i].coef = p->layout.coupling_coef + i;
    }
    *out = d;
    return PARLEY_OK;
}

void parley_i_dyn_initial(const parley_i_dyn *d, const double *values,
                          double *x)
{
    size_t v;

    for (v = 0; v < d->n_variables; v++)
        x[v] = values[d->params->layout.initial + v];
}

static double clamp(double value, double lo, double hi)
{
    if (value < lo)
        return lo;
    if (value > hi)
        return hi;
    return value;
}

void parley_i_dyn_step(const parley_i_dyn *d, const double *values, int t,
                       const double *x, double *next, parley_rng *rng)
{
    const parley_i_layout *L = &d->params->layout;
    const size_t *start = d->params->input_start;
    size_t v, j;

    for (v = 0; v < d->n_variables; v++) {
        double y = x[v] + values[L->drift + v];
        double eps = parley_rng_normal(rng); /* drawn even if noise is 0 */

        if (d->has_mean[v]) /* AR(1) reversion to the mean */
            y += (1.0 - values[L->rho + v]) * (values[L->mean + v] - x[v]);
        for (j = start[v]; j < start[v + 1]; j++)
            y += values[L->input_coef + j] * x[d->input_from[j]];
        y += values[L->noise + v] * eps;
        next[v] = y;
    }
    if (t >= 0 && t < d->horizon) {
        size_t i;

        for (i = d->month_start[t]; i < d->month_start[t + 1]; i++) {
            size_t sh = d->shock_order[i];
            double u = parley_rng_uniform(rng); /* drawn for every shock */

            if (u < values[L->shock_probability + sh])
                next[d->shock_variable[sh]] += values[L->shock_delta + sh];
        }
    }
    for (v = 0; v < d->n_variables; v++)
        next[v] = clamp(next[v], d->min[v], d->max[v]);
}

void parley_i_dyn_couple(const parley_i_dyn *d, const double *values0,
                         const double *x0, const double *x, double *values)
{
    size_t i;

    for (i = 0; i < d->n_targets; i++)
        values[d->targets[i].offset] = values0[d->targets[i].offset];
    for (i = 0; i < d->n_links; i++) {
        const parley_i_link_dyn *l = &d->links[i];

        values[d->targets[l->target].offset] +=
            values0[l->coef] * (x[l->variable] - x0[l->variable]);
    }
    for (i = 0; i < d->n_targets; i++) {
        const parley_i_target *t = &d->targets[i];

        values[t->offset] = clamp(values[t->offset], t->min, t->max);
    }
}

int parley_i_dyn_moves_issue(const parley_i_dyn *d, const parley_scenario *s,
                             size_t k)
{
    const parley_dynamics *dy = &s->dynamics;
    size_t i;

    (void)d;
    for (i = 0; i < dy->n_couplings; i++) {
        const parley_coupling *c = &dy->couplings[i];

        if (c->target == PARLEY_TARGET_CAPABILITY &&
            parley_i_stance(s, c->actor, k)->present)
            return 1;
        if ((c->target == PARLEY_TARGET_SALIENCE ||
             c->target == PARLEY_TARGET_POSITION) &&
            c->issue == k)
            return 1;
    }
    return 0;
}
