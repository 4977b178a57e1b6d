/*
 * evaluate.c -- parley_evaluate_run: proposal evaluation and repair
 * (docs/models/evaluation.md).  For each named proposal: the package it
 * stands for (open issues at the status quo or optimised), each party's
 * utility and margin over its reservation value, the vetoes (red lines,
 * hard ratification constraints, parties below reservation), the soft
 * ratification risks, the distance to the Pareto frontier and a
 * dominating package, the smallest repair (fewest issues changed, then
 * least utility moved) or the certificate that none exists, and the best
 * package within K changes.  Every search is the exact budgeted branch
 * and bound of eval_search.c.
 */
#include "bargain/eval_search.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define FREE_ARRAY(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

/* filled[k] values */
enum { TERM_SET = 0, TERM_STATUS_QUO = 1, TERM_FREE = 2 };

void parley_evaluate_options_set_default(parley_evaluate_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    parley_bargain_options_set_default(&o->space);
    o->fill = PARLEY_EVALUATE_FILL_STATUS_QUO;
    o->max_changes = 2;
    o->objective = PARLEY_EVALUATE_MAXMIN;
}

/* ---- freeing ------------------------------------------------------------ */

static void package_destroy(const parley_ctx *ctx, parley_eval_package *pk,
                            size_t K, size_t P)
{
    FREE_ARRAY(ctx, pk->options, K);
    FREE_ARRAY(ctx, pk->utility, P);
    FREE_ARRAY(ctx, pk->changes, pk->n_changes);
    pk->options = NULL;
    pk->utility = NULL;
    pk->changes = NULL;
    pk->n_changes = 0;
}

static void proposal_destroy(const parley_ctx *ctx, parley_proposal_eval *pe,
                             size_t K, size_t P)
{
    FREE_ARRAY(ctx, pe->filled, K);
    FREE_ARRAY(ctx, pe->options, K);
    FREE_ARRAY(ctx, pe->utility, P);
    FREE_ARRAY(ctx, pe->margin, P);
    FREE_ARRAY(ctx, pe->vetoes, pe->n_vetoes);
    FREE_ARRAY(ctx, pe->risks, pe->n_risks);
    package_destroy(ctx, &pe->improvement, K, P);
    package_destroy(ctx, &pe->dominating, K, P);
    package_destroy(ctx, &pe->repair, K, P);
    package_destroy(ctx, &pe->best, K, P);
}

void parley_evaluate_free(parley_ctx *ctx_unused, parley_evaluate *e)
{
    const parley_ctx *ctx;
    size_t i;

    (void)ctx_unused;
    if (!e)
        return;
    ctx = e->ctx_;
    for (i = 0; i < e->n_evaluations; i++)
        proposal_destroy(ctx, &e->evaluations[i], e->n_issues, e->n_parties);
    FREE_ARRAY(ctx, e->evaluations, e->n_evaluations);
    package_destroy(ctx, &e->closest, e->n_issues, e->n_parties);
    FREE_ARRAY(ctx, e->parties, e->n_parties);
    parley_i_free(ctx, e, sizeof *e);
}

/* ---- the run's shared state --------------------------------------------- */

typedef struct eval_run {
    parley_ctx *ctx;
    const parley_scenario *s;
    const parley_evaluate_options *o;
    const parley_i_space *sp;
    size_t P, K;
    size_t *opt_off; /* K: first (issue, option) pair of issue k */
    size_t n_pairs;
    unsigned char *feasible; /* n_pairs: the space's feasibility */
    unsigned char *allowed;  /* n_pairs: scratch */
    size_t *issue_option;    /* K scratch */
    unsigned char *counted;  /* K scratch: issues whose changes count */
    parley_i_ecand all;      /* every feasible package, no costs */
    parley_i_es *es_all;
    size_t *pkg;   /* D: search result scratch */
    double *u;     /* P: search result scratch */
    double *floor; /* P scratch */
    double *gains; /* P scratch */
    parley_evaluate *out;
} eval_run;

/* 1 if actor a's constraints count (space.h: party_constraints_only). */
static int constraint_applies(const eval_run *run, size_t a)
{
    size_t p;

    if (!run->o->space.party_constraints_only)
        return 1;
    for (p = 0; p < run->P; p++)
        if (run->sp->party_actor[p] == a)
            return 1;
    return 0;
}

static double pass_probability_of(const eval_run *run, const size_t *x)
{
    double lp = 0.0;
    size_t k;

    for (k = 0; k < run->K; k++)
        lp += run->sp->issues[k].log_pass[x[k]];
    return exp(lp);
}

/*
 * Fills a public package from scenario options x: canonical utilities,
 * smallest margin, pass probability, and the changes against the
 * reference (NULL: none) on the counted issues (filled != TERM_FREE).
 */
static parley_status fill_package(eval_run *run, const size_t *x,
                                  const size_t *reference,
                                  const double *ref_utility,
                                  const unsigned char *filled,
                                  parley_eval_package *pk)
{
    parley_ctx *ctx = run->ctx;
    size_t K = run->K, P = run->P, k, p, n = 0;

    pk->options = parley_i_alloc_array(ctx, K, sizeof *pk->options);
    pk->utility = parley_i_alloc_array(ctx, P, sizeof *pk->utility);
    if (!pk->options || !pk->utility)
        return parley_i_nomem(ctx);
    memcpy(pk->options, x, K * sizeof *x);
    parley_i_space_eval(run->sp, x, pk->utility);
    pk->min_margin = INFINITY;
    pk->moved = 0.0;
    for (p = 0; p < P; p++) {
        double m = pk->utility[p] - run->sp->reservation[p];

        pk->min_margin = m < pk->min_margin ? m : pk->min_margin;
        if (ref_utility)
            pk->moved += fabs(pk->utility[p] - ref_utility[p]);
    }
    pk->pass_probability = pass_probability_of(run, x);
    if (!reference)
        return PARLEY_OK;
    for (k = 0; k < K; k++)
        n += filled[k] != TERM_FREE && x[k] != reference[k];
    if (!n)
        return PARLEY_OK;
    pk->changes = parley_i_alloc_array(ctx, n, sizeof *pk->changes);
    if (!pk->changes)
        return parley_i_nomem(ctx);
    pk->n_changes = n;
    for (k = 0, n = 0; k < K; k++)
        if (filled[k] != TERM_FREE && x[k] != reference[k]) {
            pk->changes[n].issue = k;
            pk->changes[n].from = reference[k];
            pk->changes[n].to = x[k];
            n++;
        }
    return PARLEY_OK;
}

/* A search answer as a public package. */
static parley_status
fill_found(eval_run *run, const parley_i_ecand *c, const parley_i_es_result *r,
           const size_t *reference, const double *ref_utility,
           const unsigned char *filled, parley_eval_package *pk)
{
    pk->exact = r->exact;
    pk->found = r->found;
    pk->n_ties = r->found ? r->n_ties : 0;
    pk->value = r->found ? r->value : NAN;
    pk->min_margin = NAN;
    pk->moved = NAN;
    pk->pass_probability = NAN;
    run->out->nodes += r->nodes;
    run->out->exact = run->out->exact && r->exact;
    if (!r->found)
        return PARLEY_OK;
    parley_i_ecand_decode(run->sp, c, r->pkg, run->issue_option);
    return fill_package(run, run->issue_option, reference, ref_utility, filled,
                        pk);
}

static void query_init(parley_i_es_query *q, parley_i_es_kind kind,
                       size_t budget, const double *base, const double *floor,
                       int ties, double tol)
{
    memset(q, 0, sizeof *q);
    q->kind = kind;
    q->budget = budget;
    q->base = base;
    q->floor = floor;
    q->ties = ties;
    q->tol = tol;
}

static void result_init(eval_run *run, parley_i_es_result *r)
{
    memset(r, 0, sizeof *r);
    r->pkg = run->pkg;
    r->u = run->u;
}

/* ---- the evaluated package --------------------------------------------- */

/*
 * The package a proposal stands for: its set terms, its open terms at the
 * status quo (fill STATUS_QUO, when the issue has one) and the remaining
 * free issues chosen to maximise the smallest margin, ties to the lowest
 * package.  Free issues take feasible options (any option if the issue
 * has no feasible one).
 */
static parley_status proposal_package(eval_run *run, size_t index,
                                      parley_proposal_eval *pe)
{
    parley_ctx *ctx = run->ctx;
    const parley_scenario *s = run->s;
    size_t K = run->K, k, o, n_free = 0;
    unsigned char *open = NULL;
    parley_i_ecand cand;
    parley_i_es *es = NULL;
    parley_i_es_query q;
    parley_i_es_result r;
    parley_status status;

    memset(&cand, 0, sizeof cand);
    pe->proposal = index;
    pe->filled = parley_i_alloc_array(ctx, K, sizeof *pe->filled);
    pe->options = parley_i_alloc_array(ctx, K, sizeof *pe->options);
    open = parley_i_alloc_array(ctx, K, sizeof *open);
    if (!pe->filled || !pe->options || !open) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    status =
        parley_i_proposal_fix(ctx, s, index,
                              run->o->fill == PARLEY_EVALUATE_FILL_STATUS_QUO
                                  ? PARLEY_I_FILL_STATUS_QUO
                                  : PARLEY_I_FILL_FREE,
                              pe->options, open);
    if (status)
        goto done;
    for (k = 0; k < K; k++) {
        pe->n_open += open[k];
        pe->filled[k] = !open[k]                            ? TERM_SET
                        : pe->options[k] != PARLEY_NO_INDEX ? TERM_STATUS_QUO
                                                            : TERM_FREE;
        n_free += pe->filled[k] == TERM_FREE;
    }
    if (!n_free)
        goto done;
    for (k = 0; k < K; k++) {
        size_t n = s->issues[k].n_options, nf = 0;
        unsigned char *al = run->allowed + run->opt_off[k];

        for (o = 0; o < n; o++)
            nf += run->feasible[run->opt_off[k] + o];
        for (o = 0; o < n; o++)
            al[o] = pe->filled[k] != TERM_FREE
                        ? o == pe->options[k]
                        : (nf ? run->feasible[run->opt_off[k] + o] : 1);
    }
    status =
        parley_i_ecand_build(ctx, run->sp, run->allowed, run->opt_off, NULL,
                             NULL, run->o->space.max_composite, &cand);
    if (status)
        goto done;
    status =
        parley_i_es_init(ctx, &cand, SIZE_MAX, run->o->space.max_nodes, &es);
    if (status)
        goto done;
    query_init(&q, PARLEY_I_ES_MAXMIN, SIZE_MAX, run->sp->reservation, NULL, 1,
               run->o->space.tie_tolerance);
    result_init(run, &r);
    parley_i_es_run(es, &q, &r);
    run->out->nodes += r.nodes;
    run->out->exact = run->out->exact && r.exact;
    /* every dimension has a candidate (a set term one option, a free
     * issue at least one), so only a spent node budget leaves the search
     * without a package: then each free issue takes its first candidate */
    if (r.found)
        parley_i_ecand_decode(run->sp, &cand, r.pkg, run->issue_option);
    for (k = 0; k < K; k++) {
        const unsigned char *al = run->allowed + run->opt_off[k];

        if (pe->filled[k] != TERM_FREE)
            continue;
        if (r.found) {
            pe->options[k] = run->issue_option[k];
            continue;
        }
        o = 0;
        while (!al[o])
            o++;
        pe->options[k] = o;
    }
done:
    parley_i_es_free(ctx, es);
    parley_i_ecand_destroy(ctx, &cand);
    FREE_ARRAY(ctx, open, K);
    return status;
}

/* Red lines and hard ratification constraints that exclude an option of
 * x, then the parties below their reservation; soft ratification risks. */
static parley_status vetoes(eval_run *run, parley_proposal_eval *pe)
{
    parley_ctx *ctx = run->ctx;
    const parley_scenario *s = run->s;
    const size_t *x = pe->options;
    size_t i, j, p, pass, n_veto = 0, n_risk = 0;

    for (pass = 0; pass < 2; pass++) {
        n_veto = n_risk = 0;
        for (i = 0; i < s->n_red_lines; i++) {
            const parley_red_line *rl = &s->red_lines[i];
            double val;
            int vetoed;

            if (!rl->active || rl->issue >= run->K ||
                !constraint_applies(run, rl->actor))
                continue;
            val = s->issues[rl->issue].options[x[rl->issue]].value;
            vetoed = val < rl->min || val > rl->max;
            for (j = 0; j < rl->n_options && !vetoed; j++)
                vetoed = rl->options[j] == x[rl->issue];
            if (!vetoed)
                continue;
            if (pass) {
                parley_veto *v = &pe->vetoes[n_veto];

                v->kind = PARLEY_VETO_RED_LINE;
                v->actor = rl->actor;
                v->id = rl->id;
                v->constraint = i;
                v->issue = rl->issue;
                v->option = x[rl->issue];
                v->margin = NAN;
            }
            n_veto++;
        }
        for (i = 0; i < s->n_ratifications; i++) {
            const parley_ratification *rt = &s->ratifications[i];
            double val, prob = rt->pass_probability.present
                                   ? rt->pass_probability.mode
                                   : 0.0;
            int hard;

            if (run->o->space.ratification == PARLEY_RATIFICATION_IGNORE ||
                rt->issue >= run->K || !constraint_applies(run, rt->actor))
                continue;
            val = s->issues[rt->issue].options[x[rt->issue]].value;
            if (!(val < rt->min || val > rt->max))
                continue;
            hard = run->o->space.ratification == PARLEY_RATIFICATION_ALL ||
                   !(prob > 0);
            if (hard) {
                if (pass) {
                    parley_veto *v = &pe->vetoes[n_veto];

                    v->kind = PARLEY_VETO_RATIFICATION;
                    v->actor = rt->actor;
                    v->id = rt->id;
                    v->constraint = i;
                    v->issue = rt->issue;
                    v->option = x[rt->issue];
                    v->margin = NAN;
                }
                n_veto++;
                continue;
            }
            if (pass) {
                parley_ratification_risk *rk = &pe->risks[n_risk];

                rk->actor = rt->actor;
                rk->id = rt->id;
                rk->constraint = i;
                rk->issue = rt->issue;
                rk->option = x[rt->issue];
                rk->pass_probability = prob;
            }
            n_risk++;
        }
        for (p = 0; p < run->P; p++) {
            if (!(pe->margin[p] < 0))
                continue;
            if (pass) {
                parley_veto *v = &pe->vetoes[n_veto];

                v->kind = PARLEY_VETO_RESERVATION;
                v->actor = run->sp->party_actor[p];
                v->id = NULL;
                v->constraint = PARLEY_EVALUATE_NONE;
                v->issue = v->option = PARLEY_EVALUATE_NONE;
                v->margin = pe->margin[p];
            }
            n_veto++;
        }
        if (pass)
            break;
        if (n_veto) {
            pe->vetoes = parley_i_alloc_array(ctx, n_veto, sizeof *pe->vetoes);
            if (!pe->vetoes)
                return parley_i_nomem(ctx);
            pe->n_vetoes = n_veto;
        }
        if (n_risk) {
            pe->risks = parley_i_alloc_array(ctx, n_risk, sizeof *pe->risks);
            if (!pe->risks)
                return parley_i_nomem(ctx);
            pe->n_risks = n_risk;
        }
    }
    return PARLEY_OK;
}

/* ---- one proposal ------------------------------------------------------- */

/*
 * The smallest repair and the best package within K changes.  Candidates
 * carry costs: the counted issues (not free) that differ from x.  Repair:
 * for k = 0, 1, ... the package with at most k changes, every margin >= 0
 * and the least utility moved; the first k with one is the fewest changes
 * (a package with fewer would have been found at a smaller k).
 */
static parley_status repair_and_best(eval_run *run, parley_proposal_eval *pe)
{
    parley_ctx *ctx = run->ctx;
    const parley_evaluate_options *o = run->o;
    size_t K = run->K, P = run->P, k, n_counted = 0, budget, best_budget;
    parley_i_ecand cand;
    parley_i_es *es = NULL;
    parley_i_es_query q;
    parley_i_es_result r;
    parley_status status;
    const double *res = run->sp->reservation;
    double tol = o->space.tie_tolerance;
    int exact = 1;

    memset(&cand, 0, sizeof cand);
    for (k = 0; k < K; k++) {
        run->counted[k] = pe->filled[k] != TERM_FREE;
        n_counted += run->counted[k];
    }
    status = parley_i_ecand_build(ctx, run->sp, run->feasible, run->opt_off,
                                  pe->options, run->counted,
                                  o->space.max_composite, &cand);
    if (status)
        return status;
    status = parley_i_es_init(ctx, &cand, n_counted, o->space.max_nodes, &es);
    if (status)
        goto done;
    /* repair */
    pe->repair.found = 0;
    if (run->out->best_min_margin >= 0) {
        for (budget = 0; budget <= n_counted; budget++) {
            query_init(&q, PARLEY_I_ES_MOVED, budget, pe->utility, res, 1, tol);
            result_init(run, &r);
            parley_i_es_run(es, &q, &r);
            exact = exact && r.exact;
            if (r.found || budget == n_counted) {
                r.exact = exact;
                status = fill_found(run, &cand, &r, pe->options, pe->utility,
                                    pe->filled, &pe->repair);
                if (status)
                    goto done;
                if (r.found)
                    pe->repair.value = -r.value; /* the utility moved */
                break;
            }
        }
    } else {
        pe->repair.exact = run->out->closest.exact;
        pe->repair.value = NAN;
        pe->repair.min_margin = pe->repair.moved = NAN;
        pe->repair.pass_probability = NAN;
    }
    /* best within K changes */
    best_budget = o->max_changes < n_counted ? o->max_changes : n_counted;
    query_init(&q, PARLEY_I_ES_MAXMIN, best_budget, res, NULL,
               o->objective == PARLEY_EVALUATE_MAXMIN, tol);
    result_init(run, &r);
    parley_i_es_run(es, &q, &r);
    if (o->objective == PARLEY_EVALUATE_NASH) {
        int ok = r.found && r.value >= 0;
        size_t p;

        exact = r.exact;
        run->out->nodes += r.nodes;
        for (p = 0; ok && p < P; p++)
            run->gains[p] = r.u[p] - res[p];
        query_init(&q, PARLEY_I_ES_NASH, best_budget, res, res, 1, tol);
        q.tangent = ok ? run->gains : NULL;
        result_init(run, &r);
        if (ok)
            parley_i_es_run(es, &q, &r);
        else
            r.exact = exact;
        r.exact = r.exact && exact;
        if (r.found)
            r.value = exp(r.value); /* the Nash product */
    }
    status = fill_found(run, &cand, &r, pe->options, pe->utility, pe->filled,
                        &pe->best);
done:
    parley_i_es_free(ctx, es);
    parley_i_ecand_destroy(ctx, &cand);
    return status;
}

static parley_status evaluate_one(eval_run *run, size_t index,
                                  parley_proposal_eval *pe)
{
    parley_ctx *ctx = run->ctx;
    size_t P = run->P, p;
    parley_i_es_query q;
    parley_i_es_result r;
    parley_status status;
    double tol = run->o->space.tie_tolerance;

    status = proposal_package(run, index, pe);
    if (status)
        return status;
    pe->utility = parley_i_alloc_array(ctx, P, sizeof *pe->utility);
    pe->margin = parley_i_alloc_array(ctx, P, sizeof *pe->margin);
    if (!pe->utility || !pe->margin)
        return parley_i_nomem(ctx);
    pe->feasible = parley_i_space_eval(run->sp, pe->options, pe->utility);
    pe->min_margin = INFINITY;
    for (p = 0; p < P; p++) {
        pe->margin[p] = pe->utility[p] - run->sp->reservation[p];
        if (pe->margin[p] < pe->min_margin)
            pe->min_margin = pe->margin[p];
    }
    pe->acceptable = pe->feasible && pe->min_margin >= 0;
    status = vetoes(run, pe);
    if (status)
        return status;
    pe->pass_probability = pass_probability_of(run, pe->options);

    /* distance to the frontier */
    query_init(&q, PARLEY_I_ES_MAXMIN, SIZE_MAX, pe->utility, NULL, 1, tol);
    result_init(run, &r);
    parley_i_es_run(run->es_all, &q, &r);
    status = fill_found(run, &run->all, &r, pe->options, pe->utility,
                        pe->filled, &pe->improvement);
    if (status)
        return status;
    pe->frontier_distance = r.found ? r.value : NAN;

    /* a dominating package: the largest total gain with nobody worse */
    query_init(&q, PARLEY_I_ES_WELFARE, SIZE_MAX, pe->utility, pe->utility, 1,
               tol);
    result_init(run, &r);
    parley_i_es_run(run->es_all, &q, &r);
    pe->dominated = r.found && r.value > tol;
    if (pe->dominated) {
        status = fill_found(run, &run->all, &r, pe->options, pe->utility,
                            pe->filled, &pe->dominating);
        if (status)
            return status;
    } else {
        run->out->nodes += r.nodes;
        run->out->exact = run->out->exact && r.exact;
        pe->dominating.exact = r.exact;
        pe->dominating.value = pe->dominating.min_margin = NAN;
        pe->dominating.moved = pe->dominating.pass_probability = NAN;
    }
    return repair_and_best(run, pe);
}

/* ---- the run ------------------------------------------------------------ */

static parley_status check_options(parley_ctx *ctx,
                                   const parley_evaluate_options *o)
{
    if ((unsigned)o->fill > PARLEY_EVALUATE_FILL_OPTIMISE ||
        (unsigned)o->objective > PARLEY_EVALUATE_NASH)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "invalid evaluation option value, expected "
                              "one of the documented enumeration values");
    if (!(o->space.tie_tolerance >= 0) || !isfinite(o->space.tie_tolerance))
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "tie tolerance %g, expected a finite number "
                              ">= 0",
                              o->space.tie_tolerance);
    if (o->space.max_nodes == 0)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "max_nodes is 0, expected at least 1");
    return PARLEY_OK;
}

static void run_destroy(eval_run *run)
{
    parley_ctx *ctx = run->ctx;
    size_t D = run->sp ? run->sp->n_dims : 0;

    parley_i_es_free(ctx, run->es_all);
    parley_i_ecand_destroy(ctx, &run->all);
    FREE_ARRAY(ctx, run->opt_off, run->K);
    FREE_ARRAY(ctx, run->feasible, run->n_pairs);
    FREE_ARRAY(ctx, run->allowed, run->n_pairs);
    FREE_ARRAY(ctx, run->issue_option, run->K);
    FREE_ARRAY(ctx, run->counted, run->K);
    FREE_ARRAY(ctx, run->pkg, D);
    FREE_ARRAY(ctx, run->u, run->P);
    FREE_ARRAY(ctx, run->floor, run->P);
    FREE_ARRAY(ctx, run->gains, run->P);
    parley_i_space_free((parley_i_space *)run->sp);
}

parley_status parley_evaluate_run(parley_ctx *ctx,
                                  const parley_scenario *scenario,
                                  const parley_evaluate_options *options,
                                  parley_evaluate **out)
{
    parley_evaluate_options defaults;
    const parley_evaluate_options *o = options;
    parley_i_space *sp = NULL;
    parley_evaluate *ev = NULL;
    eval_run run;
    size_t k, i, p, first = 0, count, D;
    parley_i_es_query q;
    parley_i_es_result r;
    parley_status status;

    memset(&run, 0, sizeof run);
    if (!out)
        return PARLEY_EINVAL;
    *out = NULL;
    if (!ctx)
        return PARLEY_EINVAL;
    if (!scenario)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "no scenario given, expected one");
    if (!o) {
        parley_evaluate_options_set_default(&defaults);
        o = &defaults;
    }
    status = check_options(ctx, o);
    if (status)
        return status;
    if (!scenario->n_proposals)
        return parley_i_error(ctx, PARLEY_EVALID, scenario->file, 0, 0,
                              "the scenario has no proposals, expected at "
                              "least one under 'proposals:'");
    count = scenario->n_proposals;
    if (o->proposal) {
        for (first = 0; first < scenario->n_proposals; first++)
            if (strcmp(scenario->proposals[first].id, o->proposal) == 0)
                break;
        if (first == scenario->n_proposals)
            return parley_i_error(ctx, PARLEY_ENOTFOUND, scenario->file, 0, 0,
                                  "no proposal '%s' in the scenario, "
                                  "expected one of its proposal ids",
                                  o->proposal);
        count = 1;
    }
    status = parley_i_space_new(ctx, scenario, &o->space, NULL, &sp);
    if (status)
        return status;
    run.ctx = ctx;
    run.s = scenario;
    run.o = o;
    run.sp = sp;
    run.P = sp->n_parties;
    run.K = sp->n_issues;
    D = sp->n_dims;
    run.opt_off = parley_i_alloc_array(ctx, run.K, sizeof *run.opt_off);
    run.issue_option =
        parley_i_alloc_array(ctx, run.K, sizeof *run.issue_option);
    run.counted = parley_i_alloc_array(ctx, run.K, sizeof *run.counted);
    run.pkg = parley_i_alloc_array(ctx, D, sizeof *run.pkg);
    run.u = parley_i_alloc_array(ctx, run.P, sizeof *run.u);
    run.floor = parley_i_alloc_array(ctx, run.P, sizeof *run.floor);
    run.gains = parley_i_alloc_array(ctx, run.P, sizeof *run.gains);
    if (!run.opt_off || !run.issue_option || !run.counted || !run.pkg ||
        !run.u || !run.floor || !run.gains) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    for (k = 0; k < run.K; k++) {
        run.opt_off[k] = run.n_pairs;
        run.n_pairs += sp->issues[k].n_options;
    }
    run.feasible = parley_i_alloc_array(ctx, run.n_pairs ? run.n_pairs : 1,
                                        sizeof *run.feasible);
    run.allowed = parley_i_alloc_array(ctx, run.n_pairs ? run.n_pairs : 1,
                                       sizeof *run.allowed);
    if (!run.n_pairs)
        run.n_pairs = 1; /* sizes for freeing */
    if (!run.feasible || !run.allowed) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    for (k = 0; k < run.K; k++)
        for (i = 0; i < sp->issues[k].n_options; i++)
            run.feasible[run.opt_off[k] + i] = sp->issues[k].feasible[i];

    ev = parley_i_alloc(ctx, sizeof *ev);
    if (!ev) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    ev->ctx_ = ctx;
    ev->exact = 1;
    run.out = ev;
    ev->parties = parley_i_alloc_array(ctx, run.P, sizeof *ev->parties);
    if (!ev->parties) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    ev->n_parties = run.P;
    ev->n_issues = run.K;
    ev->n_packages = sp->n_packages;
    ev->n_feasible = sp->n_feasible;
    ev->fill = o->fill;
    ev->objective = o->objective;
    ev->max_changes = o->max_changes;
    ev->tie_tolerance = o->space.tie_tolerance;
    for (p = 0; p < run.P; p++) {
        parley_bargain_party *bp = &ev->parties[p];

        bp->actor = sp->party_actor[p];
        bp->capability = sp->capability[p];
        bp->nash_weight = sp->nash_weight[p];
        bp->reservation = sp->reservation[p];
        bp->reservation_source = sp->reservation_source[p];
        bp->disagreement = sp->disagreement[p];
        bp->min_utility = sp->min_utility[p];
        bp->ideal = sp->ideal[p];
    }

    /* every feasible package: the certificate, frontier, domination */
    status = parley_i_ecand_build(ctx, sp, run.feasible, run.opt_off, NULL,
                                  NULL, o->space.max_composite, &run.all);
    if (status)
        goto done;
    status = parley_i_es_init(ctx, &run.all, SIZE_MAX, o->space.max_nodes,
                              &run.es_all);
    if (status)
        goto done;
    query_init(&q, PARLEY_I_ES_MAXMIN, SIZE_MAX, sp->reservation, NULL, 1,
               o->space.tie_tolerance);
    result_init(&run, &r);
    parley_i_es_run(run.es_all, &q, &r);
    status = fill_found(&run, &run.all, &r, NULL, NULL, NULL, &ev->closest);
    if (status)
        goto done;
    ev->best_min_margin = r.found ? r.value : -INFINITY;
    ev->zopa_empty = !(ev->best_min_margin >= 0);

    ev->evaluations = parley_i_alloc_array(ctx, count, sizeof *ev->evaluations);
    if (!ev->evaluations) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    ev->n_evaluations = count;
    for (i = 0; i < count; i++) {
        status = evaluate_one(&run, first + i, &ev->evaluations[i]);
        if (status)
            goto done;
    }
done:
    run_destroy(&run);
    if (status) {
        parley_evaluate_free(ctx, ev);
        return status;
    }
    *out = ev;
    return PARLEY_OK;
}
