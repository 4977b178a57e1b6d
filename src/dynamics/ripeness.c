/*
 * ripeness.c -- parley_ripeness_run: the zone of possible agreement month
 * by month along one path of the dynamics (the central path, or one Monte
 * Carlo draw replayed), its first open month, the blocking sets of the
 * months it is shut, and optionally a protocol run along the same path.
 * See docs/models/ripeness.md.
 */
#include "dynamics/dynamics.h"
#include "dynamics/montecarlo.h"
#include "dynamics/negotiation.h"

#include <math.h>
#include <string.h>

#define FREE_N(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

/* Blocking sets kept per month at most. */
#define MAX_SETS 64

void parley_ripeness_options_set_default(parley_ripeness_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    parley_negotiation_options_set_default(&o->negotiation);
    o->months = -1;
    o->replay = 0;
    o->draw = 0;
    o->seed = 1;
    o->sample_inputs = 1;
    o->blocking = 1;
    o->trace = 0;
}

static void month_free(const parley_ctx *ctx, parley_ripeness_month *m,
                       size_t K, size_t P, size_t cap)
{
    FREE_N(ctx, m->options, K);
    FREE_N(ctx, m->utility, P);
    FREE_N(ctx, m->reservation, P);
    FREE_N(ctx, m->ideal, P);
    FREE_N(ctx, m->target, P);
    FREE_N(ctx, m->proposal, K);
    FREE_N(ctx, m->proposal_utility, P);
    FREE_N(ctx, m->blocking_start, cap + 1);
    FREE_N(ctx, m->blocking, cap * P);
}

/* Sets per month the result holds room for. */
static size_t set_cap(size_t n_zopa)
{
    return n_zopa >= 6 ? MAX_SETS : ((size_t)1 << n_zopa);
}

void parley_ripeness_free(parley_ctx *ctx, parley_ripeness *r)
{
    const parley_ctx *owner;
    size_t t, K, P, cap;

    if (!r)
        return;
    owner = r->ctx_ ? r->ctx_ : ctx;
    K = r->n_issues;
    P = r->n_parties;
    cap = r->max_sets;
    for (t = 0; r->month && t <= (size_t)r->months; t++)
        month_free(owner, &r->month[t], K, P, cap);
    FREE_N(owner, r->month, (size_t)r->months + 1);
    FREE_N(owner, r->actors, P);
    FREE_N(owner, r->in_zopa, P);
    FREE_N(owner, r->signatory, P);
    FREE_N(owner, r->tactic, P);
    FREE_N(owner, r->exponent, P);
    FREE_N(owner, r->deal, K);
    parley_i_free(owner, r, sizeof *r);
}

static parley_status check_options(parley_ctx *ctx,
                                   const parley_ripeness_options *o)
{
    if (o->months < -1 || o->months > 600)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "%d months, expected 0 to 600 (or -1 for the "
                              "scenario's horizon)",
                              o->months);
    if (o->replay != 0 && o->replay != 1)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "replay is %d, expected 0 or 1", o->replay);
    if (o->sample_inputs != 0 && o->sample_inputs != 1)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "sample_inputs is %d, expected 0 or 1",
                              o->sample_inputs);
    if (o->blocking != 0 && o->blocking != 1)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "blocking is %d, expected 0 or 1", o->blocking);
    if (o->trace != 0 && o->trace != 1)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "trace is %d, expected 0 or 1", o->trace);
    return PARLEY_OK;
}

/* The result's arrays (everything the month loop writes). */
static parley_status alloc_result(parley_ctx *ctx, parley_ripeness *r,
                                  const parley_i_nego *ng, int months)
{
    size_t P = ng->P, K = ng->K, cap = set_cap(ng->n_zopa), t, p;

    r->n_parties = P;
    r->n_issues = K;
    r->max_sets = cap;
    r->actors = parley_i_alloc_array(ctx, P, sizeof *r->actors);
    r->in_zopa = parley_i_alloc_array(ctx, P, sizeof *r->in_zopa);
    r->signatory = parley_i_alloc_array(ctx, P, sizeof *r->signatory);
    r->tactic = parley_i_alloc_array(ctx, P, sizeof *r->tactic);
    r->exponent = parley_i_alloc_array(ctx, P, sizeof *r->exponent);
    r->month = parley_i_alloc_array(ctx, (size_t)months + 1, sizeof *r->month);
    if (r->month)
        r->months = months;
    if (!r->actors || !r->in_zopa || !r->signatory || !r->tactic ||
        !r->exponent || !r->month)
        return parley_i_nomem(ctx);
    for (p = 0; p < P; p++) {
        r->actors[p] = ng->sp->party_actor[p];
        r->in_zopa[p] = ng->zopa[p];
        r->signatory[p] = ng->signatory[p];
        r->tactic[p] = ng->tactic[p];
        r->exponent[p] = ng->exponent[p];
    }
    for (t = 0; t <= (size_t)months; t++) {
        parley_ripeness_month *m = &r->month[t];

        m->options = parley_i_alloc_array(ctx, K, sizeof *m->options);
        m->utility = parley_i_alloc_array(ctx, P, sizeof *m->utility);
        m->reservation = parley_i_alloc_array(ctx, P, sizeof *m->reservation);
        m->ideal = parley_i_alloc_array(ctx, P, sizeof *m->ideal);
        m->target = parley_i_alloc_array(ctx, P, sizeof *m->target);
        m->proposal = parley_i_alloc_array(ctx, K, sizeof *m->proposal);
        m->proposal_utility =
            parley_i_alloc_array(ctx, P, sizeof *m->proposal_utility);
        m->blocking_start =
            parley_i_alloc_array(ctx, cap + 1, sizeof *m->blocking_start);
        m->blocking = parley_i_alloc_array(ctx, cap * P, sizeof *m->blocking);
        if (!m->options || !m->utility || !m->reservation || !m->ideal ||
            !m->target || !m->proposal || !m->proposal_utility ||
            !m->blocking_start || !m->blocking)
            return parley_i_nomem(ctx);
    }
    return PARLEY_OK;
}

/* The zone at the loaded month: the max-min package, the bottleneck and
 * the blocking sets. */
static void zone_month(const parley_i_nego *ng, parley_i_nego_ws *ws,
                       const parley_ripeness_options *o, unsigned char *sets,
                       parley_ripeness_month *m, int *exact)
{
    size_t P = ng->P, p, i, j, cap = set_cap(ng->n_zopa), n;
    parley_i_mm_query q;
    parley_i_mm_result res;

    memset(&q, 0, sizeof q);
    q.optimise = 1;
    q.threshold = ws->reservation;
    q.objective = ng->zopa;
    q.warm = 1;
    parley_i_nego_search(ng, ws, &q, &res);
    memcpy(m->reservation, ws->reservation, P * sizeof *m->reservation);
    memcpy(m->ideal, ws->ideal, P * sizeof *m->ideal);
    m->bottleneck = PARLEY_NO_INDEX;
    m->best_min_margin = (double)NAN;
    if (res.status == 0 || (res.status < 0 && isnan(res.value))) {
        m->open = res.status < 0 ? -1 : 0; /* no (known) package */
        for (i = 0; i < ng->K; i++)
            m->options[i] = PARLEY_NO_INDEX;
        for (p = 0; p < P; p++)
            m->utility[p] = (double)NAN;
    } else {
        m->best_min_margin = res.value; /* a lower bound if undecided */
        m->open = res.value >= 0 ? 1 : 0;
        parley_i_nego_decode(ng, ws->pkg, m->options);
        parley_i_nego_eval(ng, ws, ws->pkg, m->utility);
        for (p = 0; p < P; p++)
            if (ng->zopa[p] &&
                (m->bottleneck == PARLEY_NO_INDEX ||
                 m->utility[p] - m->reservation[p] <
                     m->utility[m->bottleneck] - m->reservation[m->bottleneck]))
                m->bottleneck = p;
    }
    if (res.status < 0) { /* the optimum is not known: settle the zone */
        parley_i_mm_result dec;

        *exact = 0;
        q.optimise = 0;
        parley_i_nego_search(ng, ws, &q, &dec);
        m->open = dec.status;
    }
    m->n_blocking = 0;
    m->blocking_start[0] = 0;
    m->blocking_known = 0;
    if (m->open != 0 || !o->blocking)
        return;
    n = parley_i_nego_blocking(ng, ws, sets, cap);
    if (n == (size_t)-1) {
        *exact = 0;
        return;
    }
    m->blocking_known = 1;
    for (i = 0; i < n; i++) {
        size_t at = m->blocking_start[i];

        for (j = 0; j < P; j++)
            if (sets[i * P + j])
                m->blocking[at++] = j;
        m->blocking_start[i + 1] = at;
    }
    m->n_blocking = n;
}

parley_status parley_ripeness_run(parley_ctx *ctx,
                                  const parley_scenario *scenario,
                                  const parley_ripeness_options *options,
                                  parley_ripeness **out)
{
    parley_ripeness_options defaults;
    parley_i_params *params = NULL;
    parley_i_dyn *dyn = NULL;
    parley_i_nego *ng = NULL;
    parley_i_nego_ws *ws = NULL;
    parley_ripeness *r = NULL;
    double *values0 = NULL, *values = NULL, *x0 = NULL, *x = NULL;
    double *next = NULL, *u = NULL;
    unsigned char *sets = NULL;
    size_t V = 0, S = 0, I = 0, cap = 0, i;
    parley_rng rng, noise;
    parley_i_step_trace trace;
    int months, t, exact = 1;
    parley_status st;

    if (!ctx)
        return PARLEY_EINVAL;
    if (out)
        *out = NULL;
    if (!scenario || !out)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "ripeness: scenario and out must not be NULL");
    if (!options) {
        parley_ripeness_options_set_default(&defaults);
        options = &defaults;
    }
    st = check_options(ctx, options);
    if (st != PARLEY_OK)
        return st;
    st = parley_i_params_new(ctx, scenario, &params);
    if (st == PARLEY_OK)
        st = parley_i_dyn_new(ctx, params, &dyn);
    if (st != PARLEY_OK)
        goto done;
    months = options->months >= 0 ? options->months : dyn->horizon;
    st = parley_i_nego_new(ctx, scenario, params, &options->negotiation, months,
                           &ng);
    if (st == PARLEY_OK)
        st = parley_i_nego_ws_new(ng, &ws);
    if (st != PARLEY_OK)
        goto done;
    V = params->layout.n_variables;
    S = params->layout.size;
    I = params->n_inputs;
    cap = set_cap(ng->n_zopa);
    values0 = parley_i_alloc_array(ctx, S + 1, sizeof *values0);
    values = parley_i_alloc_array(ctx, S + 1, sizeof *values);
    x0 = parley_i_alloc_array(ctx, V + 1, sizeof *x0);
    x = parley_i_alloc_array(ctx, V + 1, sizeof *x);
    next = parley_i_alloc_array(ctx, V + 1, sizeof *next);
    u = parley_i_alloc_array(ctx, I + 1, sizeof *u);
    sets = parley_i_alloc_array(ctx, cap * ng->P + 1, 1);
    r = parley_i_alloc(ctx, sizeof *r);
    if (!values0 || !values || !x0 || !x || !next || !u || !sets || !r) {
        st = parley_i_nomem(ctx);
        goto done;
    }
    r->ctx_ = ctx;
    st = alloc_result(ctx, r, ng, months);
    if (st != PARLEY_OK)
        goto done;
    r->replay = options->replay;
    r->draw = options->draw;
    r->seed = options->seed;
    r->trace = options->trace;
    r->protocol = ng->protocol;
    r->deadline = ng->deadline;
    if (scenario->dynamics.present && scenario->dynamics.start) {
        r->start_year = scenario->dynamics.start_year;
        r->start_month = scenario->dynamics.start_month;
    }
    /* the path: as montecarlo.c's evaluate for a replayed draw; for the
     * central path, modes, no noise, shocks at probability x delta */
    if (options->replay) {
        if (options->sample_inputs && I) {
            parley_rng_seed(&rng, options->seed, options->draw);
            parley_i_params_draw(params, &rng, u);
            parley_i_params_apply(params, u, values0);
        } else {
            parley_i_params_apply(params, NULL, values0);
        }
        parley_rng_seed(&noise, options->seed ^ PARLEY_I_NOISE_SEED_XOR,
                        options->draw);
    } else {
        const parley_i_layout *L = &params->layout;

        parley_i_params_apply(params, NULL, values0);
        for (i = 0; i < V; i++)
            values0[L->noise + i] = 0.0;
        for (i = 0; i < L->n_shocks; i++) {
            values0[L->shock_delta + i] *= values0[L->shock_probability + i];
            values0[L->shock_probability + i] = 1.0;
        }
        parley_rng_seed(&noise, 0, 0);
    }
    memcpy(values, values0, S * sizeof *values);
    parley_i_dyn_initial(dyn, values0, x0);
    memcpy(x, x0, V * sizeof *x);
    parley_i_protocol_reset(ng, ws);
    r->first_open = -1;
    for (t = 0; t <= months; t++) {
        parley_ripeness_month *m = &r->month[t];

        if (t > 0) {
            double *swap;

            parley_i_dyn_step(dyn, values0, t - 1, x, next, &noise);
            swap = x;
            x = next;
            next = swap;
            parley_i_dyn_couple(dyn, values0, x0, x, values);
        }
        m->month = t;
        parley_i_nego_load(ng, ws, values);
        zone_month(ng, ws, options, sets, m, &exact);
        if (m->open == 1 && r->first_open < 0)
            r->first_open = t;
        m->proposer = PARLEY_NO_INDEX;
        m->end = PARLEY_END_NONE;
        m->outcome = PARLEY_NO_OUTCOME;
        for (i = 0; i < ng->P; i++)
            m->target[i] = (double)NAN;
        if (!options->trace)
            continue;
        trace.proposal = m->proposal;
        trace.proposal_u = m->proposal_utility;
        parley_i_protocol_step(ng, ws, t, x, &trace);
        for (i = 0; i < ng->P; i++)
            m->target[i] = ws->target[i];
        m->proposer = trace.proposer;
        m->proposed = trace.proposed;
        m->accepted = trace.accepted;
        if (trace.undecided)
            exact = 0;
        m->end = ws->end;
        m->outcome = ws->outcome;
    }
    r->exact = exact;
    r->armistice_issue = r->armistice_option = PARLEY_NO_INDEX;
    if (options->trace && ws->end == PARLEY_END_ARMISTICE) {
        r->armistice_issue = ng->armistice_issue;
        r->armistice_option = ws->armistice_option;
    }
    r->end = PARLEY_END_NONE;
    r->end_month = -1;
    r->outcome = PARLEY_NO_OUTCOME;
    if (options->trace) {
        r->end = ws->end;
        r->end_month = ws->end_month;
        r->outcome = ws->outcome;
        if (ws->end == PARLEY_END_DEAL) {
            r->deal = parley_i_alloc_array(ctx, ng->K, sizeof *r->deal);
            if (!r->deal) {
                st = parley_i_nomem(ctx);
                goto done;
            }
            memcpy(r->deal, ws->deal_options, ng->K * sizeof *r->deal);
        }
    }
    *out = r;
    r = NULL;
done:
    parley_ripeness_free(ctx, r);
    FREE_N(ctx, values0, S + 1);
    FREE_N(ctx, values, S + 1);
    FREE_N(ctx, x0, V + 1);
    /* x and next may have been swapped: both are V + 1 doubles */
    FREE_N(ctx, x, V + 1);
    FREE_N(ctx, next, V + 1);
    FREE_N(ctx, u, I + 1);
    if (ng)
        parley_i_free(ctx, sets, cap * ng->P + 1);
    if (ng)
        parley_i_nego_ws_free(ng, ws);
    parley_i_nego_free(ng);
    parley_i_dyn_free(dyn);
    parley_i_params_free(params);
    return st;
}
