/*
 * test_evaluate.c -- proposal evaluation and repair (parley_evaluate_run,
 * docs/models/evaluation.md): every answer against a brute-force oracle
 * that enumerates every package one by one on many random small scenarios
 * with red lines, hard and soft ratification constraints, linkage and
 * proposals with open issues; exact veto lists on a hand-made case; facts
 * of the Ukraine scenario (ukraine-brief.md 2.8, 4.2) and its certificate
 * against the bargaining solver; errors, the node budget, allocation
 * failures and the writers.
 */
#include "bargain/space.h"
#include "bargain_oracle.h"
#include "support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

/* ---- random scenarios with ratification constraints and proposals -------- */

/* Adds n ratification constraints (about a third hard), a stakeholder
 * (not a party) when asked, and n_prop proposals with random terms
 * (some open, some given as a value), and clears some status quos. */
static void add_evaluation_parts(parley_ctx *ctx, parley_rng *rng,
                                 parley_scenario *s, size_t n_rat,
                                 size_t n_prop, int stakeholder)
{
    size_t i, k;

    if (stakeholder)
        s->actors[s->n_actors - 1].role = PARLEY_ROLE_STAKEHOLDER;
    if (n_rat) {
        s->ratifications = parley_i_alloc_array(ctx, n_rat,
                                                sizeof *s->ratifications);
        cr_assert_not_null(s->ratifications);
        s->n_ratifications = n_rat;
    }
    for (i = 0; i < n_rat; i++) {
        parley_ratification *rt = &s->ratifications[i];

        rt->id = sdup(ctx, "DR%zu", i);
        rt->actor = rnd_index(rng, s->n_actors);
        rt->issue = rnd_index(rng, s->n_issues);
        rt->min = -INFINITY;
        rt->max = INFINITY;
        if (rnd(rng) < 0.5)
            rt->max = 30 + 70 * rnd(rng);
        else
            rt->min = 40 * rnd(rng);
        rt->source = PARLEY_NO_INDEX;
        if (rnd(rng) < 0.35)
            rt->pass_probability = parley_i_num_point(0); /* hard */
        else if (rnd(rng) < 0.9)
            rt->pass_probability = parley_i_num_point(0.1 + 0.8 * rnd(rng));
        /* else absent: hard */
    }
    for (k = 0; k < s->n_issues; k++)
        if (rnd(rng) < 0.3) {
            s->issues[k].status_quo_option = PARLEY_NO_INDEX;
            s->issues[k].status_quo = rnd(rng) < 0.5 ? NAN : 100 * rnd(rng);
        }
    s->proposals = parley_i_alloc_array(ctx, n_prop, sizeof *s->proposals);
    cr_assert_not_null(s->proposals);
    s->n_proposals = n_prop;
    for (i = 0; i < n_prop; i++) {
        parley_proposal *pr = &s->proposals[i];

        pr->id = sdup(ctx, "PR%zu", i);
        pr->source = PARLEY_NO_INDEX;
        pr->terms = parley_i_alloc_array(ctx, s->n_issues, sizeof *pr->terms);
        cr_assert_not_null(pr->terms);
        for (k = 0; k < s->n_issues; k++) {
            parley_term *t = &pr->terms[k];

            t->source = PARLEY_NO_INDEX;
            t->option = PARLEY_NO_INDEX;
            if (rnd(rng) < 0.35)
                continue; /* open */
            t->set = 1;
            if (rnd(rng) < 0.8) {
                t->option = rnd_index(rng, s->issues[k].n_options);
                t->value = s->issues[k].options[t->option].value;
            } else
                t->value = 100 * rnd(rng); /* nearest option */
        }
    }
}

/* ---- the oracle ----------------------------------------------------------- */

/* Everything about every package (all options, feasible or not). */
typedef struct ev_oracle {
    const parley_scenario *s;
    const parley_i_space *sp;
    const parley_evaluate_options *o;
    size_t P, K, n;
    size_t *pkg;        /* n x K */
    double *u;          /* n x P */
    unsigned char *ok;  /* n: feasible by definition */
    double *pass;       /* n: joint soft pass probability */
    size_t *key;        /* n x K: options in dimension/member order */
} ev_oracle;

static int is_party(const parley_i_space *sp, size_t a)
{
    size_t p;

    for (p = 0; p < sp->n_parties; p++)
        if (sp->party_actor[p] == a)
            return 1;
    return 0;
}

static int counts(const ev_oracle *or, size_t a)
{
    return !or->o->space.party_constraints_only || is_party(or->sp, a);
}

static double rat_pass(const parley_ratification *rt)
{
    return rt->pass_probability.present ? rt->pass_probability.mode : 0.0;
}

static int rat_hard(const ev_oracle *or, const parley_ratification *rt)
{
    return or->o->space.ratification == PARLEY_RATIFICATION_ALL ||
           !(rat_pass(rt) > 0);
}

/* 1 if option o of issue k is excluded by some constraint. */
static int option_excluded(const ev_oracle *or, size_t k, size_t o)
{
    const parley_scenario *s = or->s;
    double val = s->issues[k].options[o].value;
    size_t i, j;

    for (i = 0; i < s->n_red_lines; i++) {
        const parley_red_line *rl = &s->red_lines[i];

        if (!rl->active || rl->issue != k || !counts(or, rl->actor))
            continue;
        if (val < rl->min || val > rl->max)
            return 1;
        for (j = 0; j < rl->n_options; j++)
            if (rl->options[j] == o)
                return 1;
    }
    if (or->o->space.ratification == PARLEY_RATIFICATION_IGNORE)
        return 0;
    for (i = 0; i < s->n_ratifications; i++) {
        const parley_ratification *rt = &s->ratifications[i];

        if (rt->issue != k || !counts(or, rt->actor))
            continue;
        if ((val < rt->min || val > rt->max) && rat_hard(or, rt))
            return 1;
    }
    return 0;
}

static double soft_pass(const ev_oracle *or, const size_t *x)
{
    const parley_scenario *s = or->s;
    double lp = 0.0;
    size_t i;

    if (or->o->space.ratification == PARLEY_RATIFICATION_IGNORE)
        return 1.0;
    for (i = 0; i < s->n_ratifications; i++) {
        const parley_ratification *rt = &s->ratifications[i];
        double val = s->issues[rt->issue].options[x[rt->issue]].value;

        if (!counts(or, rt->actor) || rat_hard(or, rt))
            continue;
        if (val < rt->min || val > rt->max)
            lp += log(rat_pass(rt));
    }
    return exp(lp);
}

static ev_oracle ev_build(const parley_scenario *s, const parley_i_space *sp,
                          const parley_evaluate_options *o)
{
    ev_oracle or;
    size_t K = s->n_issues, P = sp->n_parties, total = 1, i, k, d, m, j;
    size_t *x = calloc(K, sizeof *x);

    memset(&or, 0, sizeof or);
    or.s = s;
    or.sp = sp;
    or.o = o;
    or.P = P;
    or.K = K;
    for (k = 0; k < K; k++)
        total *= s->issues[k].n_options;
    or.n = total;
    or.pkg = malloc(total * K * sizeof *or.pkg);
    or.u = malloc(total * P * sizeof *or.u);
    or.ok = malloc(total);
    or.pass = malloc(total * sizeof *or.pass);
    or.key = malloc(total * K * sizeof *or.key);
    for (i = 0; i < total; i++) {
        memcpy(or.pkg + i * K, x, K * sizeof *x);
        parley_i_space_eval(sp, x, or.u + i * P);
        or.ok[i] = 1;
        for (k = 0; k < K; k++)
            if (option_excluded(&or, k, x[k]))
                or.ok[i] = 0;
        or.pass[i] = soft_pass(&or, x);
        for (d = 0, j = 0; d < sp->n_dims; d++)
            for (m = 0; m < sp->dims[d].n_members; m++)
                or.key[i * K + j++] = x[sp->dims[d].members[m]];
        for (k = K; k-- > 0;) {
            if (++x[k] < s->issues[k].n_options)
                break;
            x[k] = 0;
        }
    }
    free(x);
    return or;
}

static void ev_free(ev_oracle *or)
{
    free(or->pkg);
    free(or->u);
    free(or->ok);
    free(or->pass);
    free(or->key);
}

static int key_before(const ev_oracle *or, size_t i, size_t j)
{
    size_t k;

    for (k = 0; k < or->K; k++)
        if (or->key[i * or->K + k] != or->key[j * or->K + k])
            return or->key[i * or->K + k] < or->key[j * or->K + k];
    return 0;
}

static size_t find_package(const ev_oracle *or, const size_t *x)
{
    size_t i;

    for (i = 0; i < or->n; i++)
        if (memcmp(or->pkg + i * or->K, x, or->K * sizeof *x) == 0)
            return i;
    cr_assert_fail("package not found");
    return 0;
}

static size_t nearest(const parley_issue *is, double value)
{
    size_t o, best = 0;

    for (o = 1; o < is->n_options; o++)
        if (fabs(is->options[o].value - value) <
            fabs(is->options[best].value - value))
            best = o;
    return best;
}

static double min_margin_of(const ev_oracle *or, size_t i)
{
    double v = INFINITY;
    size_t p;

    for (p = 0; p < or->P; p++) {
        double g = or->u[i * or->P + p] - or->sp->reservation[p];

        v = g < v ? g : v;
    }
    return v;
}

static size_t changes_of(const ev_oracle *or, size_t i, const size_t *ref,
                         const unsigned char *free_issue)
{
    size_t k, n = 0;

    for (k = 0; k < or->K; k++)
        n += !free_issue[k] && or->pkg[i * or->K + k] != ref[k];
    return n;
}

/* Checks one proposal evaluation against the definitions. */
static void check_proposal(const ev_oracle *or, const parley_evaluate *ev,
                           const parley_proposal_eval *pe)
{
    const parley_scenario *s = or->s;
    const parley_i_space *sp = or->sp;
    const parley_proposal *pr = &s->proposals[pe->proposal];
    size_t K = or->K, P = or->P, k, i, p, j, n_veto = 0, n_risk = 0;
    size_t xbar[16], xi, best_i, n_free = 0;
    unsigned char free_issue[16];
    double tol = or->o->space.tie_tolerance, best, best2;
    long double ties;
    int have;
    const double *ub;

    /* the evaluated package: set terms, status quo, completion */
    for (k = 0; k < K; k++) {
        const parley_term *t = &pr->terms[k];
        const parley_issue *is = &s->issues[k];

        free_issue[k] = 0;
        if (t->set)
            xbar[k] = t->option != PARLEY_NO_INDEX ? t->option
                                                   : nearest(is, t->value);
        else if (or->o->fill == PARLEY_EVALUATE_FILL_STATUS_QUO &&
                 is->status_quo_option != PARLEY_NO_INDEX)
            xbar[k] = is->status_quo_option;
        else if (or->o->fill == PARLEY_EVALUATE_FILL_STATUS_QUO &&
                 isfinite(is->status_quo))
            xbar[k] = nearest(is, is->status_quo);
        else {
            free_issue[k] = 1;
            xbar[k] = PARLEY_NO_INDEX;
            n_free++;
        }
        cr_assert_eq(pe->filled[k], t->set ? 0 : free_issue[k] ? 2 : 1);
    }
    if (n_free) { /* max min margin over completions, lowest package */
        best = -INFINITY;
        for (i = 0; i < or->n; i++) {
            int fits = 1;

            for (k = 0; k < K && fits; k++) {
                size_t x = or->pkg[i * K + k], o, any = 0;

                if (!free_issue[k]) {
                    fits = x == xbar[k];
                    continue;
                }
                for (o = 0; o < s->issues[k].n_options; o++)
                    any += !option_excluded(or, k, o);
                fits = !any || !option_excluded(or, k, x);
            }
            if (fits && min_margin_of(or, i) > best)
                best = min_margin_of(or, i);
        }
        have = 0;
        best_i = 0;
        for (i = 0; i < or->n; i++) {
            int fits = 1;

            for (k = 0; k < K && fits; k++) {
                size_t x = or->pkg[i * K + k], o, any = 0;

                if (!free_issue[k]) {
                    fits = x == xbar[k];
                    continue;
                }
                for (o = 0; o < s->issues[k].n_options; o++)
                    any += !option_excluded(or, k, o);
                fits = !any || !option_excluded(or, k, x);
            }
            if (fits && min_margin_of(or, i) >= best - tol &&
                (!have || key_before(or, i, best_i))) {
                best_i = i;
                have = 1;
            }
        }
        cr_assert(have);
        for (k = 0; k < K; k++)
            if (free_issue[k])
                xbar[k] = or->pkg[best_i * K + k];
    }
    for (k = 0; k < K; k++)
        cr_assert_eq(pe->options[k], xbar[k], "%s issue %zu: %zu, oracle %zu",
                     pr->id, k, pe->options[k], xbar[k]);
    xi = find_package(or, xbar);
    ub = or->u + xi * P;
    for (p = 0; p < P; p++) {
        cr_assert_eq(pe->utility[p], ub[p]);
        cr_assert_eq(pe->margin[p], ub[p] - sp->reservation[p]);
    }
    cr_assert_eq(pe->feasible, or->ok[xi]);
    cr_assert_eq(pe->acceptable, or->ok[xi] && min_margin_of(or, xi) >= 0);
    cr_assert_float_eq(pe->pass_probability, or->pass[xi], 1e-12);

    /* vetoes, by definition and in order */
    for (i = 0; i < s->n_red_lines; i++) {
        const parley_red_line *rl = &s->red_lines[i];
        double val = s->issues[rl->issue].options[xbar[rl->issue]].value;
        int hit = val < rl->min || val > rl->max;

        for (j = 0; j < rl->n_options; j++)
            hit |= rl->options[j] == xbar[rl->issue];
        if (!rl->active || !counts(or, rl->actor) || !hit)
            continue;
        cr_assert_lt(n_veto, pe->n_vetoes);
        cr_assert_eq(pe->vetoes[n_veto].kind, PARLEY_VETO_RED_LINE);
        cr_assert_eq(pe->vetoes[n_veto].constraint, i);
        cr_assert_eq(pe->vetoes[n_veto].actor, rl->actor);
        cr_assert_eq(pe->vetoes[n_veto].issue, rl->issue);
        cr_assert_eq(pe->vetoes[n_veto].option, xbar[rl->issue]);
        cr_assert_str_eq(pe->vetoes[n_veto].id, rl->id);
        n_veto++;
    }
    for (i = 0; i < s->n_ratifications; i++) {
        const parley_ratification *rt = &s->ratifications[i];
        double val = s->issues[rt->issue].options[xbar[rt->issue]].value;

        if (or->o->space.ratification == PARLEY_RATIFICATION_IGNORE ||
            !counts(or, rt->actor) || !(val < rt->min || val > rt->max))
            continue;
        if (rat_hard(or, rt)) {
            cr_assert_lt(n_veto, pe->n_vetoes);
            cr_assert_eq(pe->vetoes[n_veto].kind, PARLEY_VETO_RATIFICATION);
            cr_assert_eq(pe->vetoes[n_veto].constraint, i);
            cr_assert_eq(pe->vetoes[n_veto].issue, rt->issue);
            n_veto++;
        } else {
            cr_assert_lt(n_risk, pe->n_risks);
            cr_assert_eq(pe->risks[n_risk].constraint, i);
            cr_assert_eq(pe->risks[n_risk].pass_probability, rat_pass(rt));
            n_risk++;
        }
    }
    /* a package is feasible exactly when no constraint vetoes it */
    cr_assert_eq(pe->feasible, n_veto == 0);
    for (p = 0; p < P; p++)
        if (ub[p] - sp->reservation[p] < 0) {
            cr_assert_lt(n_veto, pe->n_vetoes);
            cr_assert_eq(pe->vetoes[n_veto].kind, PARLEY_VETO_RESERVATION);
            cr_assert_eq(pe->vetoes[n_veto].actor, sp->party_actor[p]);
            cr_assert_eq(pe->vetoes[n_veto].margin,
                         ub[p] - sp->reservation[p]);
            n_veto++;
        }
    cr_assert_eq(pe->n_vetoes, n_veto);
    cr_assert_eq(pe->n_risks, n_risk);

    /* distance to the frontier */
    best = -INFINITY;
    for (i = 0; i < or->n; i++) {
        double v = INFINITY;

        if (!or->ok[i])
            continue;
        for (p = 0; p < P; p++)
            v = or->u[i * P + p] - ub[p] < v ? or->u[i * P + p] - ub[p] : v;
        best = v > best ? v : best;
    }
    if (best == -INFINITY)
        cr_assert(isnan(pe->frontier_distance));
    else {
        cr_assert_eq(pe->frontier_distance, best, "%s: %.17g oracle %.17g",
                     pr->id, pe->frontier_distance, best);
        cr_assert(pe->improvement.found);
        ties = 0;
        best_i = SIZE_MAX;
        for (i = 0; i < or->n; i++) {
            double v = INFINITY;

            if (!or->ok[i])
                continue;
            for (p = 0; p < P; p++)
                v = or->u[i * P + p] - ub[p] < v ? or->u[i * P + p] - ub[p]
                                                 : v;
            if (v >= best - tol) {
                ties += 1;
                if (best_i == SIZE_MAX || key_before(or, i, best_i))
                    best_i = i;
            }
        }
        cr_assert_eq(pe->improvement.n_ties, ties);
        for (k = 0; k < K; k++)
            cr_assert_eq(pe->improvement.options[k], or->pkg[best_i * K + k]);
    }

    /* Pareto domination: the largest total gain with nobody worse */
    best = -INFINITY;
    for (i = 0; i < or->n; i++) {
        double v = 0.0;
        int ge = or->ok[i];

        for (p = 0; p < P && ge; p++)
            ge = or->u[i * P + p] >= ub[p];
        if (!ge)
            continue;
        for (p = 0; p < P; p++)
            v += or->u[i * P + p] - ub[p];
        best = v > best ? v : best;
    }
    cr_assert_eq(pe->dominated, best > tol);
    if (pe->dominated) {
        cr_assert_eq(pe->dominating.value, best);
        ties = 0;
        best_i = SIZE_MAX;
        for (i = 0; i < or->n; i++) {
            double v = 0.0;
            int ge = or->ok[i];

            for (p = 0; p < P && ge; p++)
                ge = or->u[i * P + p] >= ub[p];
            if (!ge)
                continue;
            for (p = 0; p < P; p++)
                v += or->u[i * P + p] - ub[p];
            if (v >= best - tol) {
                ties += 1;
                if (best_i == SIZE_MAX || key_before(or, i, best_i))
                    best_i = i;
            }
        }
        cr_assert_eq(pe->dominating.n_ties, ties);
        for (k = 0; k < K; k++)
            cr_assert_eq(pe->dominating.options[k], or->pkg[best_i * K + k]);
        for (p = 0; p < P; p++)
            cr_assert_geq(pe->dominating.utility[p], ub[p]);
    }

    /* repair: fewest changes, then least utility moved, ties, lowest */
    {
        size_t kstar = SIZE_MAX;
        double moved_best = INFINITY;

        for (i = 0; i < or->n; i++)
            if (or->ok[i] && min_margin_of(or, i) >= 0) {
                size_t c = changes_of(or, i, xbar, free_issue);

                kstar = c < kstar ? c : kstar;
            }
        cr_assert_eq(pe->repair.found, kstar != SIZE_MAX, "%s", pr->id);
        cr_assert_eq(ev->zopa_empty, kstar == SIZE_MAX);
        if (kstar != SIZE_MAX) {
            for (i = 0; i < or->n; i++) {
                double mv = 0.0;

                if (!or->ok[i] || min_margin_of(or, i) < 0 ||
                    changes_of(or, i, xbar, free_issue) != kstar)
                    continue;
                for (p = 0; p < P; p++)
                    mv += fabs(or->u[i * P + p] - ub[p]);
                moved_best = mv < moved_best ? mv : moved_best;
            }
            ties = 0;
            have = 0;
            best_i = 0;
            for (i = 0; i < or->n; i++) {
                double mv = 0.0;

                if (!or->ok[i] || min_margin_of(or, i) < 0 ||
                    changes_of(or, i, xbar, free_issue) != kstar)
                    continue;
                for (p = 0; p < P; p++)
                    mv += fabs(or->u[i * P + p] - ub[p]);
                if (-mv >= -moved_best - tol) {
                    ties += 1;
                    if (!have || key_before(or, i, best_i)) {
                        best_i = i;
                        have = 1;
                    }
                }
            }
            cr_assert_eq(pe->repair.n_changes, kstar, "%s: %zu oracle %zu",
                         pr->id, pe->repair.n_changes, kstar);
            cr_assert_eq(pe->repair.value, moved_best, "%s: %.17g, %.17g",
                         pr->id, pe->repair.value, moved_best);
            cr_assert_eq(pe->repair.n_ties, ties, "%s: %Lg ties, oracle %Lg",
                         pr->id, pe->repair.n_ties, ties);
            for (k = 0; k < K; k++)
                cr_assert_eq(pe->repair.options[k], or->pkg[best_i * K + k]);
            cr_assert_float_eq(pe->repair.pass_probability,
                               or->pass[best_i], 1e-12);
            cr_assert_geq(pe->repair.min_margin, 0);
        }
    }

    /* the best package within K changes */
    best = -INFINITY;
    have = 0;
    for (i = 0; i < or->n; i++) {
        double v;

        if (!or->ok[i] ||
            changes_of(or, i, xbar, free_issue) > or->o->max_changes)
            continue;
        if (or->o->objective == PARLEY_EVALUATE_MAXMIN)
            v = min_margin_of(or, i);
        else {
            if (min_margin_of(or, i) < 0)
                continue;
            v = 0.0;
            for (p = 0; p < P; p++)
                v += log(or->u[i * P + p] - sp->reservation[p]);
        }
        if (!have || v > best)
            best = v;
        have = 1;
    }
    cr_assert_eq(pe->best.found, have, "%s", pr->id);
    if (have) {
        ties = 0;
        best_i = SIZE_MAX;
        for (i = 0; i < or->n; i++) {
            double v;

            if (!or->ok[i] ||
                changes_of(or, i, xbar, free_issue) > or->o->max_changes)
                continue;
            if (or->o->objective == PARLEY_EVALUATE_MAXMIN)
                v = min_margin_of(or, i);
            else {
                if (min_margin_of(or, i) < 0)
                    continue;
                v = 0.0;
                for (p = 0; p < P; p++)
                    v += log(or->u[i * P + p] - sp->reservation[p]);
            }
            if (v >= best - tol) {
                ties += 1;
                if (best_i == SIZE_MAX || key_before(or, i, best_i))
                    best_i = i;
            }
        }
        best2 = or->o->objective == PARLEY_EVALUATE_NASH ? exp(best) : best;
        cr_assert_eq(pe->best.value, best2, "%s: %.17g oracle %.17g", pr->id,
                     pe->best.value, best2);
        cr_assert_eq(pe->best.n_ties, ties, "%s: %Lg ties, oracle %Lg",
                     pr->id, pe->best.n_ties, ties);
        for (k = 0; k < K; k++)
            cr_assert_eq(pe->best.options[k], or->pkg[best_i * K + k]);
        cr_assert_leq(pe->best.n_changes, or->o->max_changes);
    }
}

/* Certificate: the largest smallest margin over the feasible packages. */
static void check_certificate(const ev_oracle *or, const parley_evaluate *ev)
{
    double best = -INFINITY, tol = or->o->space.tie_tolerance;
    size_t i;

    for (i = 0; i < or->n; i++)
        if (or->ok[i] && min_margin_of(or, i) > best)
            best = min_margin_of(or, i);
    cr_assert_eq(ev->best_min_margin, best);
    cr_assert_eq(ev->zopa_empty, !(best >= 0));
    cr_assert_eq(ev->closest.found, best > -INFINITY);
    if (ev->closest.found) {
        long double ties = 0;
        size_t best_i = SIZE_MAX, k;

        for (i = 0; i < or->n; i++)
            if (or->ok[i] && min_margin_of(or, i) >= best - tol) {
                ties += 1;
                if (best_i == SIZE_MAX || key_before(or, i, best_i))
                    best_i = i;
            }
        cr_assert_eq(ev->closest.n_ties, ties);
        for (k = 0; k < or->K; k++)
            cr_assert_eq(ev->closest.options[k], or->pkg[best_i * or->K + k]);
    }
}

/* One random scenario under one set of options. */
static void run_case(uint64_t seed, const parley_evaluate_options *o,
                     int *n_none, int *n_repaired, int *n_acceptable)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_rng rng;
    rand_spec spec;
    parley_scenario *s;
    parley_i_space *sp = NULL;
    parley_evaluate *ev = NULL;
    ev_oracle or;
    size_t i;

    parley_rng_seed(&rng, 20260115, seed);
    memset(&spec, 0, sizeof spec);
    spec.parties = 2 + rnd_index(&rng, 3);
    spec.issues = 2 + rnd_index(&rng, 4);
    spec.min_options = 2;
    spec.max_options = 4;
    spec.option_values = rnd(&rng) < 0.5;
    spec.red_lines = (int)rnd_index(&rng, 4);
    spec.linkages = (int)rnd_index(&rng, 3);
    spec.reservations = 1;
    spec.discrete_values = rnd(&rng) < 0.4;
    s = random_scenario(ctx, &rng, &spec);
    cr_assert_not_null(s);
    /* lower some reservations so that both empty and non-empty zones
     * occur */
    for (i = 0; i < s->n_actors; i++)
        s->actors[i].reservation =
            parley_i_num_point(s->actors[i].reservation.mode *
                               (rnd(&rng) < 0.5 ? 0.6 : 1.1));
    add_evaluation_parts(ctx, &rng, s, rnd_index(&rng, 4),
                         1 + rnd_index(&rng, 3),
                         spec.parties > 2 && rnd(&rng) < 0.3);
    cr_assert_eq(parley_evaluate_run(ctx, s, o, &ev), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(parley_i_space_new(ctx, s, &o->space, NULL, &sp),
                 PARLEY_OK);
    or = ev_build(s, sp, o);
    cr_assert(ev->exact);
    cr_assert_eq(ev->n_evaluations, s->n_proposals);
    check_certificate(&or, ev);
    for (i = 0; i < ev->n_evaluations; i++) {
        check_proposal(&or, ev, &ev->evaluations[i]);
        *n_none += !ev->evaluations[i].repair.found;
        *n_repaired += ev->evaluations[i].repair.found &&
                       ev->evaluations[i].repair.n_changes > 0;
        *n_acceptable += ev->evaluations[i].acceptable;
    }
    ev_free(&or);
    parley_i_space_free(sp);
    parley_evaluate_free(ctx, ev);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

static void run_cases(uint64_t first, int n, parley_evaluate_options *o)
{
    int i, none = 0, repaired = 0, acceptable = 0;

    for (i = 0; i < n; i++) {
        o->max_changes = (size_t)i % 4;
        run_case(first + (uint64_t)i, o, &none, &repaired, &acceptable);
    }
    /* the sample covers every kind of answer */
    cr_assert_gt(none, 0);
    cr_assert_gt(repaired, 0);
    cr_assert_gt(acceptable, 0);
}

Test(evaluate_oracle, status_quo_fill_maxmin)
{
    parley_evaluate_options o;

    parley_evaluate_options_set_default(&o);
    run_cases(0, 300, &o);
}

Test(evaluate_oracle, optimised_fill_nash)
{
    parley_evaluate_options o;

    parley_evaluate_options_set_default(&o);
    o.fill = PARLEY_EVALUATE_FILL_OPTIMISE;
    o.objective = PARLEY_EVALUATE_NASH;
    run_cases(1000, 300, &o);
}

Test(evaluate_oracle, constraint_rules)
{
    parley_evaluate_options o;

    parley_evaluate_options_set_default(&o);
    o.space.ratification = PARLEY_RATIFICATION_ALL;
    run_cases(2000, 100, &o);
    o.space.ratification = PARLEY_RATIFICATION_IGNORE;
    o.space.party_constraints_only = 1;
    run_cases(3000, 100, &o);
}

/* Large tie tolerance: many ties, and the lowest package among them. */
Test(evaluate_oracle, wide_tie_tolerance)
{
    parley_evaluate_options o;

    parley_evaluate_options_set_default(&o);
    o.space.tie_tolerance = 0.02;
    run_cases(4000, 100, &o);
    o.objective = PARLEY_EVALUATE_NASH;
    o.space.tie_tolerance = 0.05;
    run_cases(5000, 100, &o);
}

/* ---- a hand-made case: exact vetoes --------------------------------------- */

/* A0, A1 parties, A2 a stakeholder; I0 options 0/50/100, I1 0/100; every
 * salience 1.  Proposal PR = (I0 100, I1 100). */
static parley_scenario *hand_scenario(parley_ctx *ctx)
{
    static const double positions[3][2] = {{0, 0}, {100, 0}, {50, 50}};
    static const double reservation[3] = {0.6, 0.6, 0.1};
    static const size_t n_opt[2] = {3, 2};
    parley_scenario *s = parley_i_scenario_new(ctx);
    size_t a, k, o;

    cr_assert_not_null(s);
    s->id = parley_i_strdup(ctx, "hand");
    s->actors = parley_i_alloc_array(ctx, 3, sizeof *s->actors);
    s->n_actors = 3;
    for (a = 0; a < 3; a++) {
        s->actors[a].id = sdup(ctx, "A%zu", a);
        s->actors[a].capability = parley_i_num_point(1);
        s->actors[a].reservation = parley_i_num_point(reservation[a]);
        s->actors[a].source = PARLEY_NO_INDEX;
    }
    s->actors[2].role = PARLEY_ROLE_STAKEHOLDER;
    s->issues = parley_i_alloc_array(ctx, 2, sizeof *s->issues);
    s->n_issues = 2;
    for (k = 0; k < 2; k++) {
        parley_issue *is = &s->issues[k];

        is->id = sdup(ctx, "I%zu", k);
        is->scale_max = 100;
        is->status_quo = NAN;
        is->status_quo_option = 0;
        is->source = PARLEY_NO_INDEX;
        is->options = parley_i_alloc_array(ctx, n_opt[k], sizeof *is->options);
        is->n_options = n_opt[k];
        for (o = 0; o < n_opt[k]; o++) {
            is->options[o].id = sdup(ctx, "o%zu", o);
            is->options[o].value = 100.0 * (double)o / (double)(n_opt[k] - 1);
            is->options[o].source = PARLEY_NO_INDEX;
        }
    }
    cr_assert_eq(alloc_stances(ctx, s), 0);
    for (a = 0; a < 3; a++)
        for (k = 0; k < 2; k++) {
            parley_stance *st = parley_i_stance(s, a, k);

            st->present = 1;
            st->salience = parley_i_num_point(1);
            st->position = parley_i_num_point(positions[a][k]);
        }
    s->red_lines = parley_i_alloc_array(ctx, 4, sizeof *s->red_lines);
    s->n_red_lines = 4;
    for (k = 0; k < 4; k++) {
        parley_red_line *rl = &s->red_lines[k];

        rl->min = -INFINITY;
        rl->max = INFINITY;
        rl->active = 1;
        rl->source = PARLEY_NO_INDEX;
    }
    s->red_lines[0].id = parley_i_strdup(ctx, "RL_a"); /* A0: I0 <= 60 */
    s->red_lines[0].actor = 0;
    s->red_lines[0].issue = 0;
    s->red_lines[0].max = 60;
    s->red_lines[1].id = parley_i_strdup(ctx, "RL_b"); /* A1 vetoes I1 o1 */
    s->red_lines[1].actor = 1;
    s->red_lines[1].issue = 1;
    s->red_lines[1].options = parley_i_alloc_array(ctx, 1, sizeof(size_t));
    s->red_lines[1].options[0] = 1;
    s->red_lines[1].n_options = 1;
    s->red_lines[2].id = parley_i_strdup(ctx, "RL_c"); /* inactive */
    s->red_lines[2].actor = 0;
    s->red_lines[2].issue = 1;
    s->red_lines[2].max = 50;
    s->red_lines[2].active = 0;
    s->red_lines[3].id = parley_i_strdup(ctx, "RL_d"); /* A2 vetoes I0 o2 */
    s->red_lines[3].actor = 2;
    s->red_lines[3].issue = 0;
    s->red_lines[3].options = parley_i_alloc_array(ctx, 1, sizeof(size_t));
    s->red_lines[3].options[0] = 2;
    s->red_lines[3].n_options = 1;
    s->ratifications = parley_i_alloc_array(ctx, 3, sizeof *s->ratifications);
    s->n_ratifications = 3;
    for (k = 0; k < 3; k++) {
        s->ratifications[k].min = -INFINITY;
        s->ratifications[k].max = INFINITY;
        s->ratifications[k].source = PARLEY_NO_INDEX;
        s->ratifications[k].actor = k ? 1 : 0;
    }
    s->ratifications[0].id = parley_i_strdup(ctx, "R_hard"); /* I0 >= 40 */
    s->ratifications[0].issue = 0;
    s->ratifications[0].min = 40;
    s->ratifications[0].pass_probability = parley_i_num_point(0);
    s->ratifications[1].id = parley_i_strdup(ctx, "R_soft"); /* I0 <= 40 */
    s->ratifications[1].issue = 0;
    s->ratifications[1].max = 40;
    s->ratifications[1].pass_probability = parley_i_num_point(0.3);
    s->ratifications[2].id = parley_i_strdup(ctx, "R_soft2"); /* I1 <= 40 */
    s->ratifications[2].issue = 1;
    s->ratifications[2].max = 40;
    s->ratifications[2].pass_probability = parley_i_num_point(0.5);
    s->proposals = parley_i_alloc_array(ctx, 1, sizeof *s->proposals);
    s->n_proposals = 1;
    s->proposals[0].id = parley_i_strdup(ctx, "PR");
    s->proposals[0].source = PARLEY_NO_INDEX;
    s->proposals[0].terms = parley_i_alloc_array(ctx, 2,
                                                 sizeof *s->proposals[0].terms);
    for (k = 0; k < 2; k++) {
        s->proposals[0].terms[k].set = 1;
        s->proposals[0].terms[k].option = n_opt[k] - 1;
        s->proposals[0].terms[k].value = 100;
    }
    return s;
}

static void expect_veto(const parley_veto *v, parley_veto_kind kind,
                        size_t actor, const char *id, size_t issue,
                        size_t option)
{
    cr_assert_eq(v->kind, kind);
    cr_assert_eq(v->actor, actor);
    cr_assert_str_eq(v->id, id);
    cr_assert_eq(v->issue, issue);
    cr_assert_eq(v->option, option);
    cr_assert(isnan(v->margin));
}

static void expect_reservation(const parley_veto *v, size_t actor,
                               double margin)
{
    cr_assert_eq(v->kind, PARLEY_VETO_RESERVATION);
    cr_assert_eq(v->actor, actor);
    cr_assert_null(v->id);
    cr_assert_eq(v->issue, PARLEY_EVALUATE_NONE);
    cr_assert_float_eq(v->margin, margin, 1e-15);
}

/*
 * By hand: u_A0(PR) = 0.5 * 0 + 0.5 * 0 = 0 (margin -0.6), u_A1(PR) =
 * 0.5 * 1 + 0.5 * 0 = 0.5 (margin -0.1).  The only feasible package is
 * (I0 50, I1 0): R_hard excludes I0 0, RL_a I0 100, RL_b I1 100; it gives
 * A0 and A1 0.75 each, so the repair changes both issues and moves
 * 0.75 + 0.25 = 1.0 of utility, and R_soft (I0 50 > 40) passes with 0.3.
 */
Test(evaluate_vetoes, hand_made)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = hand_scenario(ctx);
    parley_evaluate_options o;
    parley_evaluate *ev = NULL;
    const parley_proposal_eval *pe;

    parley_evaluate_options_set_default(&o);
    o.max_changes = 1;
    cr_assert_eq(parley_evaluate_run(ctx, s, &o, &ev), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(ev->n_parties, 2); /* the stakeholder is not a party */
    pe = &ev->evaluations[0];
    cr_assert_eq(pe->n_vetoes, 5);
    expect_veto(&pe->vetoes[0], PARLEY_VETO_RED_LINE, 0, "RL_a", 0, 2);
    expect_veto(&pe->vetoes[1], PARLEY_VETO_RED_LINE, 1, "RL_b", 1, 1);
    expect_veto(&pe->vetoes[2], PARLEY_VETO_RED_LINE, 2, "RL_d", 0, 2);
    expect_reservation(&pe->vetoes[3], 0, -0.6);
    expect_reservation(&pe->vetoes[4], 1, -0.1);
    cr_assert_eq(pe->n_risks, 2);
    cr_assert_str_eq(pe->risks[0].id, "R_soft");
    cr_assert_eq(pe->risks[0].issue, 0);
    cr_assert_eq(pe->risks[0].option, 2);
    cr_assert_eq(pe->risks[0].pass_probability, 0.3);
    cr_assert_str_eq(pe->risks[1].id, "R_soft2");
    cr_assert_float_eq(pe->pass_probability, 0.15, 1e-15);
    cr_assert(!pe->feasible);
    cr_assert(!pe->acceptable);
    cr_assert_float_eq(pe->frontier_distance, 0.25, 1e-15);
    cr_assert(pe->dominated);
    cr_assert_float_eq(pe->dominating.value, 1.0, 1e-15);
    cr_assert(pe->repair.found);
    cr_assert_eq(pe->repair.n_changes, 2);
    cr_assert_eq(pe->repair.changes[0].issue, 0);
    cr_assert_eq(pe->repair.changes[0].from, 2);
    cr_assert_eq(pe->repair.changes[0].to, 1);
    cr_assert_eq(pe->repair.changes[1].issue, 1);
    cr_assert_eq(pe->repair.changes[1].to, 0);
    cr_assert_float_eq(pe->repair.moved, 1.0, 1e-15);
    cr_assert_eq(pe->repair.n_ties, 1);
    cr_assert_float_eq(pe->repair.pass_probability, 0.3, 1e-15);
    cr_assert(!pe->best.found); /* both issues must change */
    cr_assert_float_eq(ev->best_min_margin, 0.15, 1e-15);
    parley_evaluate_free(ctx, ev);

    /* every ratification constraint hard: R_soft and R_soft2 veto, and
     * with I0 50 excluded too no package is feasible */
    o.space.ratification = PARLEY_RATIFICATION_ALL;
    cr_assert_eq(parley_evaluate_run(ctx, s, &o, &ev), PARLEY_OK);
    pe = &ev->evaluations[0];
    cr_assert_eq(pe->n_vetoes, 7);
    expect_veto(&pe->vetoes[3], PARLEY_VETO_RATIFICATION, 1, "R_soft", 0, 2);
    expect_veto(&pe->vetoes[4], PARLEY_VETO_RATIFICATION, 1, "R_soft2", 1, 1);
    cr_assert_eq(pe->n_risks, 0);
    cr_assert(ev->zopa_empty);
    cr_assert(!ev->closest.found);
    cr_assert(isnan(pe->frontier_distance));
    cr_assert(!pe->repair.found);
    parley_evaluate_free(ctx, ev);

    /* ratification ignored, only the parties' constraints */
    o.space.ratification = PARLEY_RATIFICATION_IGNORE;
    o.space.party_constraints_only = 1;
    cr_assert_eq(parley_evaluate_run(ctx, s, &o, &ev), PARLEY_OK);
    pe = &ev->evaluations[0];
    cr_assert_eq(pe->n_vetoes, 4);
    expect_veto(&pe->vetoes[1], PARLEY_VETO_RED_LINE, 1, "RL_b", 1, 1);
    cr_assert_eq(pe->n_risks, 0);
    cr_assert_eq(pe->pass_probability, 1.0);
    parley_evaluate_free(ctx, ev);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- the Ukraine scenario -------------------------------------------------- */

static const parley_proposal_eval *by_id(const parley_scenario *s,
                                         const parley_evaluate *ev,
                                         const char *id)
{
    size_t i;

    for (i = 0; i < ev->n_evaluations; i++)
        if (strcmp(s->proposals[ev->evaluations[i].proposal].id, id) == 0)
            return &ev->evaluations[i];
    cr_assert_fail("no proposal %s", id);
    return NULL;
}

static int has_red_line(const parley_scenario *s,
                        const parley_proposal_eval *pe, const char *id,
                        const char *actor)
{
    size_t i;

    for (i = 0; i < pe->n_vetoes; i++)
        if (pe->vetoes[i].kind == PARLEY_VETO_RED_LINE &&
            strcmp(pe->vetoes[i].id, id) == 0 &&
            strcmp(s->actors[pe->vetoes[i].actor].id, actor) == 0)
            return 1;
    return 0;
}

static double margin_of(const parley_scenario *s, const parley_evaluate *ev,
                        const parley_proposal_eval *pe, const char *actor)
{
    size_t p;

    for (p = 0; p < ev->n_parties; p++)
        if (strcmp(s->actors[ev->parties[p].actor].id, actor) == 0)
            return pe->margin[p];
    cr_assert_fail("no party %s", actor);
    return NAN;
}

/*
 * Facts from ukraine-brief.md: PR6 (Russia's June 2024 demands, "demands
 * that Ukraine and the West have rejected", 4.2) breaks Ukraine's red
 * lines RL5 (de jure recognition) and RL6 (guarantees); PR3 (the initial
 * peace formula, full withdrawal) breaks Russia's RL2 on Donbas and
 * Zaporizhzhia/Kherson; PR5 (the Kursk swap, "outright rejected") breaks
 * RL3; PR11's armistice breaks Ukraine's RL7.  SG (third party) and EU
 * (stakeholder) are not parties.  The certificate equals the bargaining
 * solver's egalitarian value (an independent branch and bound), and every
 * repair is a feasible package with every margin >= 0.
 */
Test(evaluate_ukraine, proposals)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    parley_evaluate_options o;
    parley_evaluate *ev = NULL;
    parley_bargain_options bo;
    parley_bargain *b = NULL;
    parley_i_space *sp = NULL;
    const parley_proposal_eval *pe;
    size_t i, p, k;
    double *u;

    cr_assert_eq(parley_scenario_load(ctx,
                                      test_source("examples/ukraine-2026.yaml"),
                                      NULL, &s),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    parley_evaluate_options_set_default(&o);
    cr_assert_eq(parley_evaluate_run(ctx, s, &o, &ev), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(ev->n_evaluations, 11);
    cr_assert_eq(ev->n_parties, 5);
    for (p = 0; p < ev->n_parties; p++) {
        const char *id = s->actors[ev->parties[p].actor].id;

        cr_assert(strcmp(id, "SG") != 0 && strcmp(id, "EU") != 0);
    }
    cr_assert(ev->exact);
    pe = by_id(s, ev, "PR6");
    cr_assert(has_red_line(s, pe, "RL5", "UA"));
    cr_assert(has_red_line(s, pe, "RL6", "UA"));
    cr_assert_lt(margin_of(s, ev, pe, "UA"), 0);
    cr_assert_gt(margin_of(s, ev, pe, "RU"), 0);
    pe = by_id(s, ev, "PR3");
    cr_assert(has_red_line(s, pe, "RL2a", "RU"));
    cr_assert(has_red_line(s, pe, "RL2b", "RU"));
    cr_assert_lt(margin_of(s, ev, pe, "RU"), 0);
    cr_assert(!has_red_line(s, pe, "RL5", "UA"));
    pe = by_id(s, ev, "PR5");
    cr_assert(has_red_line(s, pe, "RL3", "RU"));
    pe = by_id(s, ev, "PR11");
    cr_assert(has_red_line(s, pe, "RL7", "UA"));

    /* the certificate: the ZOPA is not empty (bargain finds 72096
     * packages), and both solvers agree on its best worst-off gain */
    parley_bargain_options_set_default(&bo);
    bo.frontier = 0;
    cr_assert_eq(parley_bargain_run(ctx, s, &bo, &b), PARLEY_OK);
    cr_assert(!ev->zopa_empty);
    cr_assert_float_eq(ev->best_min_margin,
                       b->solutions[PARLEY_SOLUTION_EGALITARIAN].value,
                       1e-12);
    parley_bargain_free(ctx, b);

    cr_assert_eq(parley_i_space_new(ctx, s, &o.space, NULL, &sp), PARLEY_OK);
    u = calloc(ev->n_parties, sizeof *u);
    for (i = 0; i < ev->n_evaluations; i++) {
        const parley_eval_package *r;
        size_t n = 0;

        pe = &ev->evaluations[i];
        r = &pe->repair;
        cr_assert(!pe->acceptable);
        cr_assert(r->found);
        cr_assert(parley_i_space_eval(sp, r->options, u));
        for (p = 0; p < ev->n_parties; p++)
            cr_assert_geq(u[p], ev->parties[p].reservation);
        for (k = 0; k < ev->n_issues; k++)
            n += pe->filled[k] != 2 && r->options[k] != pe->options[k];
        cr_assert_eq(n, r->n_changes);
        cr_assert_gt(r->n_changes, 0);
        cr_log_info("%-5s min margin %+.4f, %zu vetoes, frontier %+.4f, "
                    "repair %zu changes (moved %.4f)",
                    s->proposals[pe->proposal].id, pe->min_margin,
                    pe->n_vetoes, pe->frontier_distance, r->n_changes,
                    r->moved);
    }
    free(u);
    parley_i_space_free(sp);
    parley_evaluate_free(ctx, ev);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- errors, budgets, allocation, writers ----------------------------------- */

Test(evaluate_errors, bad_input)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = hand_scenario(ctx);
    parley_evaluate_options o;
    parley_evaluate *ev = NULL;

    parley_evaluate_options_set_default(&o);
    o.proposal = "PR9";
    cr_assert_eq(parley_evaluate_run(ctx, s, &o, &ev), PARLEY_ENOTFOUND);
    cr_assert_null(ev);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "no proposal 'PR9'"));
    parley_ctx_clear(ctx);
    parley_evaluate_options_set_default(&o);
    o.fill = (parley_evaluate_fill)7;
    cr_assert_eq(parley_evaluate_run(ctx, s, &o, &ev), PARLEY_EINVAL);
    parley_evaluate_options_set_default(&o);
    o.space.tie_tolerance = -1;
    cr_assert_eq(parley_evaluate_run(ctx, s, &o, &ev), PARLEY_EINVAL);
    parley_evaluate_options_set_default(&o);
    o.space.max_nodes = 0;
    cr_assert_eq(parley_evaluate_run(ctx, s, &o, &ev), PARLEY_EINVAL);
    parley_evaluate_options_set_default(&o);
    o.space.parties = "A0,A7";
    cr_assert_eq(parley_evaluate_run(ctx, s, &o, &ev), PARLEY_ENOTFOUND);
    cr_assert_eq(parley_evaluate_run(ctx, NULL, NULL, &ev), PARLEY_EINVAL);
    cr_assert_eq(parley_evaluate_run(ctx, s, NULL, NULL), PARLEY_EINVAL);
    s->n_proposals = 0;
    cr_assert_eq(parley_evaluate_run(ctx, s, NULL, &ev), PARLEY_EVALID);
    s->n_proposals = 1;
    parley_evaluate_free(ctx, NULL);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* A node budget of a few nodes: the run completes, marks itself inexact,
 * and what it reports is still a package of the space. */
Test(evaluate_budget, node_budget_is_reported)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    parley_evaluate_options o;
    parley_evaluate *ev = NULL;

    cr_assert_eq(parley_scenario_load(ctx,
                                      test_source("examples/ukraine-2026.yaml"),
                                      NULL, &s),
                 PARLEY_OK);
    parley_evaluate_options_set_default(&o);
    o.space.max_nodes = 5;
    o.proposal = "PR2";
    cr_assert_eq(parley_evaluate_run(ctx, s, &o, &ev), PARLEY_OK);
    cr_assert(!ev->exact);
    cr_assert(!ev->evaluations[0].repair.exact);
    parley_evaluate_free(ctx, ev);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

static int discard(void *user, const char *bytes, size_t len)
{
    (void)user;
    (void)bytes;
    (void)len;
    return 0;
}

static parley_status run_random(parley_ctx *ctx, void *user)
{
    parley_rng rng;
    rand_spec spec;
    parley_scenario *s;
    parley_evaluate_options o;
    parley_evaluate *ev = NULL;
    parley_sink sink = {discard, NULL};
    parley_status status;

    (void)user;
    parley_rng_seed(&rng, 7, 3);
    memset(&spec, 0, sizeof spec);
    spec.parties = 3;
    spec.issues = 4;
    spec.min_options = 2;
    spec.max_options = 3;
    spec.red_lines = 2;
    spec.linkages = 1;
    spec.reservations = 1;
    s = random_scenario(ctx, &rng, &spec);
    if (!s)
        return PARLEY_ENOMEM;
    s->proposals = parley_i_alloc_array(ctx, 1, sizeof *s->proposals);
    if (!s->proposals) {
        parley_scenario_free(s);
        return PARLEY_ENOMEM;
    }
    s->n_proposals = 1;
    s->proposals[0].terms = parley_i_alloc_array(ctx, 4, sizeof(parley_term));
    s->proposals[0].id = parley_i_strdup(ctx, "PR");
    if (!s->proposals[0].terms || !s->proposals[0].id) {
        parley_scenario_free(s);
        return PARLEY_ENOMEM;
    }
    s->proposals[0].terms[0].set = 1;
    s->proposals[0].terms[0].option = 1;
    s->proposals[0].terms[2].set = 1;
    s->proposals[0].terms[2].option = 0;
    s->issues[3].status_quo_option = PARLEY_NO_INDEX; /* optimised */
    parley_evaluate_options_set_default(&o);
    o.objective = PARLEY_EVALUATE_NASH;
    status = parley_evaluate_run(ctx, s, &o, &ev);
    if (!status)
        status = parley_evaluate_write_text(ctx, s, ev, sink);
    if (!status)
        status = parley_evaluate_write_json(ctx, s, ev, sink);
    parley_evaluate_free(ctx, ev);
    parley_scenario_free(s);
    return status;
}

Test(evaluate_alloc, every_allocation_failure_is_clean)
{
    long n = test_alloc_failures(run_random, NULL);

    cr_assert_gt(n, 30);
}

static int to_buffer(void *user, const char *bytes, size_t len)
{
    parley_buf *buf = user;

    return parley_i_buf_append(buf, bytes, len);
}

static int fail_sink(void *user, const char *bytes, size_t len)
{
    (void)user;
    (void)bytes;
    (void)len;
    return 1;
}

/* The JSON writer round-trips the hand-made case; the text names every
 * veto; a failing sink is an I/O error. */
Test(evaluate_write, json_and_text)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = hand_scenario(ctx);
    parley_evaluate *ev = NULL;
    parley_buf buf;
    parley_sink sink;
    json_t *root, *pr, *vetoes;
    json_error_t err;

    cr_assert_eq(parley_evaluate_run(ctx, s, NULL, &ev), PARLEY_OK);
    parley_i_buf_init(&buf, ctx);
    sink.write = to_buffer;
    sink.user = &buf;
    cr_assert_eq(parley_evaluate_write_json(ctx, s, ev, sink), PARLEY_OK);
    root = json_loadb(buf.data, buf.len, 0, &err);
    cr_assert_not_null(root, "%s", err.text);
    cr_assert_float_eq(json_real_value(json_object_get(root,
                                                       "best_min_margin")),
                       0.15, 1e-15);
    pr = json_array_get(json_object_get(root, "proposals"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(pr, "id")), "PR");
    vetoes = json_object_get(pr, "vetoes");
    cr_assert_eq(json_array_size(vetoes), 5);
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(vetoes, 2), "constraint")),
                     "RL_d");
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_object_get(json_object_get(pr, "repair"),
                                         "package"),
                         "I0")),
                     "o1");
    json_decref(root);
    parley_i_buf_destroy(&buf);
    parley_i_buf_init(&buf, ctx);
    cr_assert_eq(parley_evaluate_write_text(ctx, s, ev, sink), PARLEY_OK);
    cr_assert(strstr(buf.data, "A2: red line RL_d excludes I0=o2"));
    cr_assert(strstr(buf.data, "A1: below its reservation by 0.1000"));
    cr_assert(strstr(buf.data, "repair: 2 changes, utility moved 1.0000"));
    parley_i_buf_destroy(&buf);
    sink.write = fail_sink;
    cr_assert_neq(parley_evaluate_write_text(ctx, s, ev, sink), PARLEY_OK);
    cr_assert_neq(parley_evaluate_write_json(ctx, s, ev, sink), PARLEY_OK);
    cr_assert_eq(parley_evaluate_write_text(ctx, NULL, ev, sink),
                 PARLEY_EINVAL);
    parley_evaluate_free(ctx, ev);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}
