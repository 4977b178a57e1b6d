/*
 * protocol.c -- negotiation protocols on the month-by-month outcome space
 * (negotiation.h): time-dependent concession tactics, stacked alternating
 * offers, a single-text mediator, the armistice, frozen and collapse end
 * states, and the mapping of a run's end state to the scenario's outcome
 * types.  Documented in docs/models/simulation.md ("Negotiation
 * protocols").
 *
 * One round per month.  In month t every signatory p has a target
 *
 *     tau_p(t) = r_p(t) + (1 - F_p(t)) max(0, ideal_p(t) - r_p(t)),
 *     F_p(t)   = (t / T)^(1 / e_p)      (Faratin, Sierra & Jennings 1998)
 *
 * (F = 1 from the deadline T on; F = 0 for hardheaded parties), and signs a
 * package x when u_p(x) >= tau_p(t).
 */
#include "dynamics/negotiation.h"
#include "dynamics/outcome.h"

#include <math.h>
#include <string.h>

double parley_i_concession(int tactic, double exponent, int t, int deadline)
{
    double ratio;

    if (tactic == PARLEY_TACTIC_HARDHEADED)
        return 0.0; /* never concedes */
    if (t >= deadline)
        return 1.0;
    if (t <= 0)
        return 0.0;
    ratio = (double)t / (double)deadline;
    if (tactic == PARLEY_TACTIC_LINEAR)
        return ratio;
    return pow(ratio, 1.0 / exponent); /* Faratin et al. 1998, eq. 8 */
}

void parley_i_protocol_reset(const parley_i_nego *ng, parley_i_nego_ws *ws)
{
    size_t p;

    ws->end = PARLEY_END_NONE;
    ws->end_month = -1;
    ws->outcome = ng->default_outcome;
    ws->armistice_option = PARLEY_NO_INDEX;
    ws->frozen_run = 0;
    ws->text_ready = 0;
    /* searches start cold, so a run never depends on the thread's
     * previous runs (not even through a node budget) */
    ws->has_witness = 0;
    for (p = 0; p < ng->P; p++)
        ws->w[p] = (double)NAN;
}

/* The targets of the signatories this month (others: NaN). */
static void targets(const parley_i_nego *ng, parley_i_nego_ws *ws, int t)
{
    size_t p;

    for (p = 0; p < ng->P; p++) {
        double r = ws->reservation[p], room = ws->ideal[p] - r, f;

        if (!ng->signatory[p]) {
            ws->target[p] = (double)NAN;
            continue;
        }
        f = parley_i_concession(ng->tactic[p], ng->exponent[p], t,
                                ng->deadline);
        if (!(room > 0) || f >= 1) /* the ends exactly */
            ws->target[p] = r;
        else if (f <= 0)
            ws->target[p] = ws->ideal[p];
        else
            ws->target[p] = r + (1.0 - f) * room;
    }
}

static int test_holds(const parley_i_state_test *t, const double *state)
{
    double x = state[t->variable];

    return (t->min_strict ? x > t->min : x >= t->min) &&
           (t->max_strict ? x < t->max : x <= t->max);
}

/* The value to each party of dimension d with the issue `fixed` at option
 * `option` (PARLEY_NO_INDEX: none), every other member at its status quo,
 * and members without one left open, valued at the party's worst option
 * (a cautious valuation of what is not settled). */
static void open_dimension(const parley_i_nego *ng, parley_i_nego_ws *ws,
                           size_t d, size_t fixed, size_t option, double *out)
{
    const parley_i_dim *dim = &ng->sp->dims[d];
    size_t M = dim->n_members, P = ng->P, m, p;
    size_t *opt = ws->member_opt;
    int first = 1;

    for (m = 0; m < M; m++) {
        size_t k = dim->members[m];

        opt[m] = k == fixed                            ? option
                 : ng->sq_option[k] != PARLEY_NO_INDEX ? ng->sq_option[k]
                                                       : 0;
    }
    for (;;) {
        parley_i_nego_combo(ng, ws, d, opt, ws->part);
        for (p = 0; p < P; p++)
            if (first || ws->part[p] < out[p])
                out[p] = ws->part[p];
        first = 0;
        for (m = M; m-- > 0;) { /* odometer over the open members */
            size_t k = dim->members[m];

            if (k == fixed || ng->sq_option[k] != PARLEY_NO_INDEX)
                continue;
            if (++opt[m] < ng->sp->issues[k].n_options)
                break;
            opt[m] = 0;
        }
        if (m == (size_t)-1)
            break;
    }
}

/* The armistice: the option of the armistice issue that maximises the
 * smallest margin over the signatories' reservation values when every
 * other issue stays open; signed when that margin is >= 0.  An interim
 * halt gives up no claim on the open issues, so each party measures it
 * against fighting on (its reservation value), not against its target
 * for a settlement. */
static int armistice(const parley_i_nego *ng, parley_i_nego_ws *ws)
{
    size_t k = ng->armistice_issue, dk = ng->sp->issues[k].dim, P = ng->P;
    size_t o, p, d, best_o = PARLEY_NO_INDEX;
    double best = -INFINITY;

    for (o = 0; o < ng->sp->issues[k].n_options; o++) {
        double v = INFINITY;

        if (!ng->sp->issues[k].feasible[o])
            continue;
        for (p = 0; p < P; p++)
            ws->open_u[p] = 0.0;
        for (d = 0; d < ng->D; d++) { /* canonical order */
            open_dimension(ng, ws, d, d == dk ? k : PARLEY_NO_INDEX,
                           d == dk ? o : PARLEY_NO_INDEX, ws->g);
            for (p = 0; p < P; p++)
                ws->open_u[p] += ws->g[p];
        }
        for (p = 0; p < P; p++)
            if (ng->signatory[p] && ws->open_u[p] - ws->reservation[p] < v)
                v = ws->open_u[p] - ws->reservation[p];
        if (v > best) {
            best = v;
            best_o = o;
        }
    }
    if (best_o != PARLEY_NO_INDEX && best >= 0) {
        ws->armistice_option = best_o;
        return 1;
    }
    return 0;
}

/* The mediator's first draft: on each dimension the class with the most
 * utility to the signatories together (the lowest on ties). */
static void first_draft(const parley_i_nego *ng, parley_i_nego_ws *ws)
{
    size_t P = ng->P, d, c, p;

    for (d = 0; d < ng->D; d++) {
        double top = -INFINITY;

        for (c = ng->cls_off[d]; c < ng->cls_off[d + 1]; c++) {
            double v = 0.0;

            for (p = 0; p < P; p++)
                if (ng->signatory[p])
                    v += ws->util[c * P + p];
            if (v > top) {
                top = v;
                ws->text[d] = c;
            }
        }
    }
    ws->text_ready = 1;
}

/* The smallest margin over the signatories of utilities u. */
static double min_margin(const parley_i_nego *ng, const parley_i_nego_ws *ws,
                         const double *u)
{
    size_t p;
    double v = INFINITY;

    for (p = 0; p < ng->P; p++)
        if (ng->signatory[p] && u[p] - ws->target[p] < v)
            v = u[p] - ws->target[p];
    return v;
}

/*
 * The mediator revises its single text (Raiffa 1982, ch. 14; Klein et al.
 * 2003): it proposes changing one dimension at a time; each signatory
 * votes for a change that leaves it no worse off or at or above its
 * target; among the changes every signatory votes for, the mediator adopts
 * the one that most raises the smallest margin over the targets, as long
 * as it raises it, at most once per dimension per month.
 */
static void revise(const parley_i_nego *ng, parley_i_nego_ws *ws)
{
    size_t P = ng->P, d, c, p, round;
    double *u = ws->open_u, *trial = ws->part;

    parley_i_nego_eval(ng, ws, ws->text, u);
    for (round = 0; round < ng->D; round++) {
        double now = min_margin(ng, ws, u), best = now;
        size_t best_d = PARLEY_NO_INDEX, best_c = 0;

        for (d = 0; d < ng->D; d++) {
            const double *cur = ws->util + ws->text[d] * P;

            for (c = ng->cls_off[d]; c < ng->cls_off[d + 1]; c++) {
                const double *row = ws->util + c * P;
                double v = INFINITY;
                int yes = 1;

                if (c == ws->text[d])
                    continue;
                for (p = 0; p < P && yes; p++) {
                    if (!ng->signatory[p])
                        continue;
                    trial[p] = u[p] - cur[p] + row[p];
                    yes = trial[p] >= u[p] || trial[p] >= ws->target[p];
                    if (trial[p] - ws->target[p] < v)
                        v = trial[p] - ws->target[p];
                }
                if (yes && v > best) {
                    best = v;
                    best_d = d;
                    best_c = c;
                }
            }
        }
        if (best_d == PARLEY_NO_INDEX)
            break;
        ws->text[best_d] = best_c;
        parley_i_nego_eval(ng, ws, ws->text, u);
    }
}

/* Engine acceptance in a simulation: an actor accepts the package it
 * signed. */
static int signed_accept(void *user, const parley_scenario *s, size_t actor,
                         const parley_package *package, parley_acceptance *why)
{
    const unsigned char *signed_by = user;
    int ok;

    (void)package;
    ok = actor < s->n_actors && signed_by[actor];
    if (why) {
        memset(why, 0, sizeof *why);
        why->accepted = ok;
        why->issue = PARLEY_NO_INDEX;
        why->value = why->low = why->high = (double)NAN;
    }
    return ok;
}

/* The outcome type of a signed package: the scenario's rules, with the
 * signatories as the actors who accept it. */
static size_t classify_deal(const parley_i_nego *ng, parley_i_nego_ws *ws)
{
    const parley_scenario *s = ng->s;
    parley_outcome_options oo;
    parley_package pkg;
    parley_outcome_class cls;
    parley_i_eval e;
    size_t k, p;

    if (s->n_outcome_types == 0)
        return PARLEY_NO_OUTCOME;
    for (k = 0; k < ng->K; k++)
        ws->values_k[k] = s->issues[k].options[ws->deal_options[k]].value;
    memset(ws->signed_by, 0, s->n_actors);
    for (p = 0; p < ng->P; p++)
        if (ng->signatory[p])
            ws->signed_by[ng->sp->party_actor[p]] = 1;
    pkg.n_issues = ng->K;
    pkg.value = ws->values_k;
    pkg.option = ws->deal_options;
    oo.accept = signed_accept;
    oo.accept_user = ws->signed_by;
    parley_i_eval_init(&e, s, &pkg, PARLEY_NO_OUTCOME, &oo);
    parley_i_classify(&e, &cls);
    return cls.outcome;
}

static void sign(const parley_i_nego *ng, parley_i_nego_ws *ws,
                 const size_t *cls)
{
    memcpy(ws->deal, cls, ng->D * sizeof *cls);
    parley_i_nego_decode(ng, cls, ws->deal_options);
    ws->end = PARLEY_END_DEAL;
    ws->outcome = classify_deal(ng, ws);
}

/* Stacked alternating offers (Aydogan et al. 2017): the month's proposer
 * offers the package that maximises the smallest margin of the other
 * signatories among those at or above its own target; it is signed when
 * every other signatory is at or above its target.  Returns 1 on a
 * deal. */
static int alternating(const parley_i_nego *ng, parley_i_nego_ws *ws, int t,
                       parley_i_step_trace *trace)
{
    size_t P = ng->P, p, proposer = ng->sig_order[(size_t)t % ng->n_sig];
    parley_i_mm_query q;
    parley_i_mm_result r;
    int open;

    if (trace)
        trace->proposer = proposer;
    memset(&q, 0, sizeof q);
    q.threshold = ws->target;
    q.objective = ng->signatory;
    q.warm = 1;
    parley_i_nego_search(ng, ws, &q, &r); /* is any package acceptable? */
    if (r.status < 0 && trace)
        trace->undecided = 1;
    open = r.status == 1;
    if (!open && !trace)
        return 0; /* every offer is rejected: no need to make one */
    for (p = 0; p < P; p++) {
        ws->mask[p] = ng->signatory[p] && p != proposer;
        ws->mask2[p] = p == proposer;
    }
    q.optimise = 1;
    q.objective = ng->n_sig > 1 ? ws->mask : ws->mask2;
    q.hard = ng->n_sig > 1 ? ws->mask2 : NULL;
    parley_i_nego_search(ng, ws, &q, &r);
    if (r.status < 0 && trace)
        trace->undecided = 1;
    if (r.status == 0 || (r.status < 0 && isnan(r.value)))
        return 0; /* not even the proposer's target can be met */
    if (trace) {
        trace->proposed = 1;
        parley_i_nego_decode(ng, ws->pkg, trace->proposal);
        parley_i_nego_eval(ng, ws, ws->pkg, trace->proposal_u);
    }
    if (!open || !(r.value >= 0))
        return 0;
    if (trace)
        trace->accepted = 1;
    sign(ng, ws, ws->pkg);
    return 1;
}

/* The single-text mediator: revise, then every signatory votes on the
 * text.  Returns 1 on a deal. */
static int mediator(const parley_i_nego *ng, parley_i_nego_ws *ws,
                    parley_i_step_trace *trace)
{
    if (!ws->text_ready)
        first_draft(ng, ws);
    revise(ng, ws);
    parley_i_nego_eval(ng, ws, ws->text, ws->open_u);
    if (trace) {
        trace->proposed = 1;
        parley_i_nego_decode(ng, ws->text, trace->proposal);
        memcpy(trace->proposal_u, ws->open_u, ng->P * sizeof(double));
    }
    if (!(min_margin(ng, ws, ws->open_u) >= 0))
        return 0;
    if (trace)
        trace->accepted = 1;
    sign(ng, ws, ws->text);
    return 1;
}

void parley_i_protocol_step(const parley_i_nego *ng, parley_i_nego_ws *ws,
                            int month, const double *state,
                            parley_i_step_trace *trace)
{
    size_t i;
    int talks;

    if (trace) {
        trace->proposer = PARLEY_NO_INDEX;
        trace->proposed = 0;
        trace->accepted = 0;
        trace->undecided = 0;
    }
    targets(ng, ws, month);
    if (ws->end != PARLEY_END_NONE)
        return; /* every end state is final */
    talks = month <= ng->deadline && ng->protocol != PARLEY_PROTOCOL_NONE &&
            ng->n_sig > 0;
    if (talks) {
        int deal = ng->sp->empty ? 0 /* no package to sign */
                   : ng->protocol == PARLEY_PROTOCOL_ALTERNATING
                       ? alternating(ng, ws, month, trace)
                       : mediator(ng, ws, trace);

        if (!deal && ng->armistice_issue != PARLEY_NO_INDEX &&
            armistice(ng, ws)) {
            ws->end = PARLEY_END_ARMISTICE;
            ws->outcome = ng->armistice_outcome;
        }
    }
    if (ws->end == PARLEY_END_NONE && ng->n_frozen) {
        int all = 1;

        for (i = 0; i < ng->n_frozen; i++)
            all &= test_holds(&ng->frozen_tests[i], state);
        ws->frozen_run = all ? ws->frozen_run + 1 : 0;
        if (ws->frozen_run >= ng->frozen_months) {
            ws->end = PARLEY_END_FROZEN;
            ws->outcome = ng->frozen_outcome;
        }
    }
    if (ws->end == PARLEY_END_NONE && ng->n_collapse &&
        month >= ng->deadline) { /* the talks have broken off */
        int any = 0;

        for (i = 0; i < ng->n_collapse; i++)
            any |= test_holds(&ng->collapse_tests[i], state);
        if (any) {
            ws->end = PARLEY_END_COLLAPSE;
            ws->outcome = ng->collapse_outcome;
        }
    }
    if (ws->end != PARLEY_END_NONE)
        ws->end_month = month;
}
