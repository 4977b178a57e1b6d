/*
 * bargain.c -- parley_bargain_run: builds the outcome space, chooses how to
 * answer (stream every package, or branch and bound when the space is too
 * large), computes the Pareto frontier, and turns the solvers' answers
 * into the plain-data result of include/parley.h.
 */
#include "bargain/solve.h"

#include <math.h>
#include <string.h>

#define FREE_ARRAY(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

/* Tied points kept per objective while solving, whatever max_ties lists:
 * the tie set must be complete to be exact. */
#define TIE_CAPACITY 4096

static const char *const solution_names[PARLEY_SOLUTION_COUNT] = {
    "nash", "nash_weighted", "kalai_smorodinsky", "egalitarian", "max_welfare"};

const char *parley_solution_name(parley_solution_kind kind)
{
    if ((unsigned)kind < PARLEY_SOLUTION_COUNT)
        return solution_names[kind];
    return "unknown";
}

/* ---- freeing ------------------------------------------------------------ */

static void solution_destroy(const parley_ctx *ctx, parley_solution *sol,
                             size_t n_issues, size_t P)
{
    FREE_ARRAY(ctx, sol->options, sol->n_listed * n_issues);
    FREE_ARRAY(ctx, sol->utility, sol->n_listed * P);
    sol->options = NULL;
    sol->utility = NULL;
    sol->n_listed = 0;
}

static void zopa_destroy(const parley_ctx *ctx, parley_zopa *z)
{
    FREE_ARRAY(ctx, z->parties, z->n_parties);
    z->parties = NULL;
    z->n_parties = 0;
}

void parley_bargain_free(parley_ctx *ctx_unused, parley_bargain *b)
{
    const parley_ctx *ctx;
    size_t P, K, k;

    (void)ctx_unused;
    if (!b)
        return;
    ctx = b->ctx_;
    P = b->n_parties;
    K = b->n_issues;
    for (k = 0; k < PARLEY_SOLUTION_COUNT; k++)
        solution_destroy(ctx, &b->solutions[k], K, P);
    FREE_ARRAY(ctx, b->frontier.utility, b->frontier.n_points * P);
    FREE_ARRAY(ctx, b->frontier.options, b->frontier.n_points * K);
    FREE_ARRAY(ctx, b->frontier.n_packages, b->frontier.n_points);
    zopa_destroy(ctx, &b->zopa);
    zopa_destroy(ctx, &b->zopa_subset);
    FREE_ARRAY(ctx, b->correlation, P * P);
    FREE_ARRAY(ctx, b->parties, P);
    parley_i_free(ctx, b, sizeof *b);
}

/* ---- helpers ------------------------------------------------------------ */

static parley_status check_run_options(parley_ctx *ctx,
                                       const parley_bargain_options *o)
{
    if (!(o->tie_tolerance >= 0) || !isfinite(o->tie_tolerance))
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "tie tolerance %g, expected a finite number "
                              ">= 0",
                              o->tie_tolerance);
    if (!(o->max_enumerate >= 0) || isnan(o->max_enumerate))
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "max_enumerate %g, expected a number >= 0",
                              o->max_enumerate);
    if (o->threads < 0)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "%d threads, expected 0 (automatic) or more",
                              o->threads);
    if (o->max_ties == 0)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "max_ties is 0, expected at least 1");
    return PARLEY_OK;
}

/* Class indices of a view package -> scenario option indices. */
static void pkg_to_options(const parley_i_space *sp, const parley_i_view *v,
                           const size_t *pkg, size_t *dim_option,
                           size_t *issue_option)
{
    size_t d;

    for (d = 0; d < v->D; d++)
        dim_option[d] = v->rep[d][pkg[d]];
    parley_i_space_decode(sp, dim_option, issue_option);
}

/* Fills a public solution from the solver's tie set. */
static parley_status fill_solution(parley_ctx *ctx, const parley_i_space *sp,
                                   const parley_i_view *v, parley_i_ties *t,
                                   size_t max_ties, size_t *dim_scratch,
                                   parley_solution *sol)
{
    size_t P = sp->n_parties, K = sp->n_issues, i, n;

    parley_i_ties_sort(t);
    if (!t->n && t->inc_value > -INFINITY) {
        /* the search ran out of nodes before reaching the incumbent
         * another search had found: report that one, as a lower bound */
        t->value[0] = t->inc_value;
        t->mult[0] = t->inc_mult;
        memcpy(t->u, t->inc_u, P * sizeof *t->u);
        memcpy(t->pkg, t->inc_pkg, v->D * sizeof *t->pkg);
        t->n = 1;
        t->best = t->inc_value;
        t->overflow = 1; /* the tie set is not known */
    }
    sol->found = t->n > 0;
    sol->value = t->n ? t->best : NAN;
    sol->ties_exact = !t->overflow;
    sol->n_points = t->n;
    sol->n_ties = 0;
    for (i = 0; i < t->n; i++)
        sol->n_ties += t->mult[i];
    n = t->n < max_ties ? t->n : max_ties;
    if (!n)
        return PARLEY_OK;
    sol->options = parley_i_alloc_array(ctx, n * K, sizeof *sol->options);
    sol->utility = parley_i_alloc_array(ctx, n * P, sizeof *sol->utility);
    if (!sol->options || !sol->utility) {
        FREE_ARRAY(ctx, sol->options, n * K);
        FREE_ARRAY(ctx, sol->utility, n * P);
        sol->options = NULL;
        sol->utility = NULL;
        return parley_i_nomem(ctx);
    }
    sol->n_listed = n;
    for (i = 0; i < n; i++) {
        pkg_to_options(sp, v, t->pkg + i * v->D, dim_scratch,
                       sol->options + i * K);
        memcpy(sol->utility + i * P, t->u + i * P, P * sizeof *t->u);
    }
    return PARLEY_OK;
}

/*
 * NegMAS's discrete Kalai-Smorodinsky (ks_points): over the frontier
 * points, minimise max_i a_i - min_i a_i with a_i = (u_i - d_i) /
 * (ideal_i - d_i); ties within the tolerance.
 */
static parley_status ks_negmas(parley_ctx *ctx, const parley_i_view *v,
                               const parley_i_frontier *f, double tol,
                               parley_i_ties *t)
{
    size_t P = v->P, i, p;
    double best = INFINITY;

    (void)ctx;
    for (i = 0; i < f->n; i++) {
        double lo = INFINITY, hi = -INFINITY;

        for (p = 0; p < P; p++) {
            double a = (f->u[i * P + p] - v->d[p]) * v->ks_scale[p];

            lo = a < lo ? a : lo;
            hi = a > hi ? a : hi;
        }
        if (hi - lo < best)
            best = hi - lo;
    }
    parley_i_ties_reset(t);
    for (i = 0; i < f->n; i++) {
        double lo = INFINITY, hi = -INFINITY;

        for (p = 0; p < P; p++) {
            double a = (f->u[i * P + p] - v->d[p]) * v->ks_scale[p];

            lo = a < lo ? a : lo;
            hi = a > hi ? a : hi;
        }
        if (hi - lo <= best + tol) {
            /* frontier points never dominate each other, so every one
             * within the tolerance is kept */
            if (t->n == t->cap) {
                t->overflow = 1;
                continue;
            }
            t->value[t->n] = -(hi - lo);
            t->mult[t->n] = f->mult[i];
            memcpy(t->u + t->n * P, f->u + i * P, P * sizeof *f->u);
            memcpy(t->pkg + t->n * v->D, f->pkg + i * v->D,
                   v->D * sizeof *f->pkg);
            t->n++;
        }
    }
    t->best = f->n ? -best : -INFINITY;
    return PARLEY_OK;
}

/*
 * Pearson correlation of u_i and u_j over the feasible packages, each
 * equally likely.  Dimensions are independent under that distribution and
 * utilities are additive over them, so covariances add up: exact in
 * O(sum of options x P^2).
 */
static parley_status correlations(parley_ctx *ctx, const parley_i_view *v,
                                  double *corr)
{
    size_t P = v->P, d, c, p, q;
    double *cov, *mean;

    cov = parley_i_alloc_array(ctx, P * P, sizeof *cov);
    mean = parley_i_alloc_array(ctx, P, sizeof *mean);
    if (!cov || !mean) {
        FREE_ARRAY(ctx, cov, P * P);
        FREE_ARRAY(ctx, mean, P);
        return parley_i_nomem(ctx);
    }
    for (d = 0; d < v->D; d++) {
        double total = 0.0;

        for (c = 0; c < v->n_class[d]; c++)
            total += v->mult[d][c];
        for (p = 0; p < P; p++) {
            mean[p] = 0.0;
            for (c = 0; c < v->n_class[d]; c++)
                mean[p] += v->mult[d][c] * v->util[d][c * P + p];
            mean[p] /= total;
        }
        for (p = 0; p < P; p++)
            for (q = 0; q < P; q++) {
                double s = 0.0;

                for (c = 0; c < v->n_class[d]; c++)
                    s += v->mult[d][c] * (v->util[d][c * P + p] - mean[p]) *
                         (v->util[d][c * P + q] - mean[q]);
                cov[p * P + q] += s / total;
            }
    }
    for (p = 0; p < P; p++)
        for (q = 0; q < P; q++) {
            double den = sqrt(cov[p * P + p] * cov[q * P + q]);

            corr[p * P + q] = den > 0 ? cov[p * P + q] / den : NAN;
        }
    FREE_ARRAY(ctx, cov, P * P);
    FREE_ARRAY(ctx, mean, P);
    return PARLEY_OK;
}

/* Party indices of the actors in a comma list (each must be a party). */
static parley_status subset_parties(parley_ctx *ctx, const parley_i_space *sp,
                                    const char *list, size_t **out, size_t *n)
{
    size_t *actors = NULL, i, p;
    parley_status status;

    status = parley_i_parse_actor_list(ctx, sp->scenario, list, &actors, n);
    if (status)
        return status;
    for (i = 0; i < *n; i++) {
        for (p = 0; p < sp->n_parties; p++)
            if (sp->party_actor[p] == actors[i])
                break;
        if (p == sp->n_parties) {
            status = parley_i_error(
                ctx, PARLEY_EINVAL, NULL, 0, 0,
                "actor '%s' is not one of the bargaining parties, expected "
                "the ZOPA subset to be taken among the parties",
                sp->scenario->actors[actors[i]].id);
            FREE_ARRAY(ctx, actors, *n);
            *n = 0;
            return status;
        }
        actors[i] = p;
    }
    *out = actors;
    return PARLEY_OK;
}

/* The frontier as public data, points by welfare descending (NegMAS's
 * order), ties by package. */
static parley_status fill_frontier(parley_ctx *ctx, const parley_i_space *sp,
                                   const parley_i_view *v,
                                   const parley_i_frontier *f,
                                   size_t *dim_scratch, parley_frontier *out)
{
    size_t P = sp->n_parties, K = sp->n_issues, n = f->n, i, j, p;
    size_t *order;
    double *welfare;

    out->computed = 1;
    if (!n)
        return PARLEY_OK;
    order = parley_i_alloc_array(ctx, n, sizeof *order);
    welfare = parley_i_alloc_array(ctx, n, sizeof *welfare);
    out->utility = parley_i_alloc_array(ctx, n * P, sizeof *out->utility);
    out->options = parley_i_alloc_array(ctx, n * K, sizeof *out->options);
    out->n_packages = parley_i_alloc_array(ctx, n, sizeof *out->n_packages);
    if (!order || !welfare || !out->utility || !out->options ||
        !out->n_packages) {
        FREE_ARRAY(ctx, order, n);
        FREE_ARRAY(ctx, welfare, n);
        FREE_ARRAY(ctx, out->utility, n * P);
        FREE_ARRAY(ctx, out->options, n * K);
        FREE_ARRAY(ctx, out->n_packages, n);
        out->utility = NULL;
        out->options = NULL;
        out->n_packages = NULL;
        return parley_i_nomem(ctx);
    }
    out->n_points = n;
    for (i = 0; i < n; i++) {
        welfare[i] = 0.0;
        for (p = 0; p < P; p++)
            welfare[i] += f->u[i * P + p];
        order[i] = i;
    }
    /* insertion sort on a merge-sorted input is cheap; frontier sizes are
     * bounded by max_frontier, so use a simple stable merge sort instead
     * of quadratic work on large frontiers */
    {
        size_t width, lo;
        size_t *tmp = parley_i_alloc_array(ctx, n, sizeof *tmp);

        if (!tmp) {
            FREE_ARRAY(ctx, order, n);
            FREE_ARRAY(ctx, welfare, n);
            return parley_i_nomem(ctx);
        }
        for (width = 1; width < n; width *= 2) {
            for (lo = 0; lo < n; lo += 2 * width) {
                size_t mid = lo + width < n ? lo + width : n;
                size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
                size_t a = lo, b = mid, k = lo;

                while (a < mid || b < hi) {
                    int take_a;

                    if (a == mid)
                        take_a = 0;
                    else if (b == hi)
                        take_a = 1;
                    else {
                        double wa = welfare[order[a]], wb = welfare[order[b]];

                        if (wa != wb)
                            take_a = wa > wb;
                        else { /* equal welfare: by package */
                            size_t d;

                            take_a = 1;
                            for (d = 0; d < v->D; d++) {
                                size_t ca = f->pkg[order[a] * v->D + d];
                                size_t cb = f->pkg[order[b] * v->D + d];

                                if (ca != cb) {
                                    take_a = ca < cb;
                                    break;
                                }
                            }
                        }
                    }
                    tmp[k++] = take_a ? order[a++] : order[b++];
                }
            }
            memcpy(order, tmp, n * sizeof *order);
        }
        FREE_ARRAY(ctx, tmp, n);
    }
    for (j = 0; j < n; j++) {
        i = order[j];
        memcpy(out->utility + j * P, f->u + i * P, P * sizeof *f->u);
        out->n_packages[j] = f->mult[i];
        pkg_to_options(sp, v, f->pkg + i * v->D, dim_scratch,
                       out->options + j * K);
    }
    FREE_ARRAY(ctx, order, n);
    FREE_ARRAY(ctx, welfare, n);
    return PARLEY_OK;
}

static parley_status fill_zopa(parley_ctx *ctx, const size_t *parties, size_t n,
                               double best_min_gain, int decided, int exact,
                               long double count, long double low,
                               long double high, long double feasible,
                               const char *method, parley_zopa *z)
{
    size_t i;

    z->parties = parley_i_alloc_array(ctx, n, sizeof *z->parties);
    if (!z->parties)
        return parley_i_nomem(ctx);
    z->n_parties = n;
    for (i = 0; i < n; i++)
        z->parties[i] = parties ? parties[i] : i;
    z->best_min_gain = best_min_gain;
    z->empty = !(best_min_gain >= 0);
    z->count_exact = exact;
    z->count = exact ? count : NAN;
    z->count_low = exact ? count : low;
    z->count_high = exact ? count : high;
    z->share = exact && feasible > 0 ? (double)(count / feasible) : NAN;
    if (z->empty && decided) { /* no package found, and none exists */
        z->count_exact = 1;
        z->count = z->count_low = z->count_high = 0;
        z->share = 0;
    } else if (z->empty) { /* the search ran out before deciding */
        z->empty = -1;
        z->count_exact = 0;
        z->count = NAN;
        z->count_low = 0;
        z->count_high = feasible;
        z->share = NAN;
    }
    z->method = method;
    return PARLEY_OK;
}

/* The fixed options of the packages that complete options->proposal. */
static parley_status proposal_fixed(parley_ctx *ctx, const parley_scenario *s,
                                    const parley_bargain_options *o,
                                    size_t **fixed, size_t *index,
                                    size_t *n_open)
{
    size_t i, k;
    unsigned char *open;
    parley_status status;

    if (!s)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "no scenario given, expected one");
    for (i = 0; i < s->n_proposals; i++)
        if (strcmp(s->proposals[i].id, o->proposal) == 0)
            break;
    if (i == s->n_proposals)
        return parley_i_error(ctx, PARLEY_ENOTFOUND, s->file, 0, 0,
                              "no proposal '%s' in the scenario, expected "
                              "one of its proposal ids",
                              o->proposal);
    if (!s->n_issues)
        return parley_i_error(ctx, PARLEY_EVALID, s->file, 0, 0,
                              "the scenario has no issues, expected at "
                              "least one issue with options");
    *fixed = parley_i_alloc_array(ctx, s->n_issues, sizeof **fixed);
    open = parley_i_alloc_array(ctx, s->n_issues, sizeof *open);
    if (!*fixed || !open) {
        FREE_ARRAY(ctx, *fixed, s->n_issues);
        FREE_ARRAY(ctx, open, s->n_issues);
        *fixed = NULL;
        return parley_i_nomem(ctx);
    }
    status = parley_i_proposal_fix(ctx, s, i,
                                   o->fill_status_quo ? PARLEY_I_FILL_STATUS_QUO
                                                      : PARLEY_I_FILL_FREE,
                                   *fixed, open);
    *n_open = 0;
    for (k = 0; k < s->n_issues; k++)
        *n_open += open[k];
    FREE_ARRAY(ctx, open, s->n_issues);
    *index = i;
    return status;
}

/* ---- the run ------------------------------------------------------------ */

parley_status parley_bargain_run(parley_ctx *ctx,
                                 const parley_scenario *scenario,
                                 const parley_bargain_options *options,
                                 parley_bargain **out)
{
    parley_bargain_options defaults;
    const parley_bargain_options *o = options;
    parley_i_space *sp = NULL;
    parley_i_view *v = NULL;
    parley_i_tally tally;
    parley_i_frontier frontier;
    parley_i_bnb_counts counts;
    parley_bargain *b = NULL;
    size_t *subset = NULL, n_subset = 0, *dim_scratch = NULL, P, p, k;
    size_t *fixed = NULL, proposal = PARLEY_NO_INDEX, n_open = 0;
    const char *method;
    int streamed = 0;
    parley_status status;

    memset(&tally, 0, sizeof tally);
    memset(&frontier, 0, sizeof frontier);
    memset(&counts, 0, sizeof counts);
    if (!out)
        return PARLEY_EINVAL;
    *out = NULL;
    if (!ctx)
        return PARLEY_EINVAL;
    if (!o) {
        parley_bargain_options_set_default(&defaults);
        o = &defaults;
    }
    status = check_run_options(ctx, o);
    if (status)
        return status;
    if (o->proposal) {
        status = proposal_fixed(ctx, scenario, o, &fixed, &proposal, &n_open);
        if (status) {
            if (fixed)
                FREE_ARRAY(ctx, fixed, scenario->n_issues);
            return status;
        }
    }
    status = parley_i_space_new(ctx, scenario, o, fixed, &sp);
    if (fixed)
        FREE_ARRAY(ctx, fixed, scenario->n_issues);
    if (status)
        return status;
    P = sp->n_parties;
    if (o->zopa_parties) {
        status = subset_parties(ctx, sp, o->zopa_parties, &subset, &n_subset);
        if (status)
            goto done;
    }
    status = parley_i_view_new(ctx, sp, &v);
    if (status)
        goto done;
    b = parley_i_alloc(ctx, sizeof *b);
    if (!b) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    b->ctx_ = ctx;
    dim_scratch = parley_i_alloc_array(ctx, sp->n_dims, sizeof *dim_scratch);
    if (!dim_scratch) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    b->parties = parley_i_alloc_array(ctx, P, sizeof *b->parties);
    b->correlation = parley_i_alloc_array(ctx, P * P, sizeof *b->correlation);
    if (!b->parties || !b->correlation) {
        FREE_ARRAY(ctx, b->parties, P);
        FREE_ARRAY(ctx, b->correlation, P * P);
        b->parties = NULL;
        b->correlation = NULL;
        status = parley_i_nomem(ctx);
        goto done;
    }
    b->n_parties = P;
    b->n_issues = sp->n_issues;
    b->n_packages = sp->n_packages;
    b->n_feasible = sp->n_feasible;
    b->n_excluded_options = sp->n_excluded;
    b->n_groups = sp->n_groups;
    b->proposal = proposal;
    b->n_open = n_open;
    b->disagreement = o->disagreement;
    b->ks = o->ks;
    for (p = 0; p < P; p++) {
        parley_bargain_party *bp = &b->parties[p];

        bp->actor = sp->party_actor[p];
        bp->capability = sp->capability[p];
        bp->nash_weight = sp->nash_weight[p];
        bp->reservation = sp->reservation[p];
        bp->reservation_source = sp->reservation_source[p];
        bp->disagreement = sp->disagreement[p];
        bp->min_utility = sp->min_utility[p];
        bp->ideal = sp->ideal[p];
    }
    for (k = 0; k < PARLEY_SOLUTION_COUNT; k++)
        b->solutions[k].kind = (parley_solution_kind)k;
    b->opposition = NAN;
    status = correlations(ctx, v, b->correlation);
    if (status)
        goto done;
    status = parley_i_tally_init(ctx, &tally, P, sp->n_dims,
                                 o->max_ties > TIE_CAPACITY ? o->max_ties
                                                            : TIE_CAPACITY,
                                 o->tie_tolerance);
    if (status)
        goto done;

    /* solutions and the ZOPA: stream, or branch and bound */
    if (sp->empty || !(v->n_points > (long double)o->max_enumerate)) {
        for (k = 0; k < PARLEY_I_N_OBJ; k++) /* enumeration is exact */
            counts.exact[k] = 1;
        counts.opposition_exact = counts.subset_gain_exact = 1;
    }
    if (sp->empty) {
        method = "enumeration";
        streamed = 1;
    } else if (v->n_points <= (long double)o->max_enumerate) {
        status = parley_i_stream(ctx, v, subset, n_subset, o->threads, &tally);
        if (status)
            goto done;
        method = "enumeration";
        streamed = 1;
        counts.zone_exact = counts.subset_exact = 1;
    } else {
        status = parley_i_bnb(ctx, v, subset, n_subset, o->max_nodes, &tally,
                              &counts);
        if (status)
            goto done;
        method = "branch-and-bound";
    }
    b->enumerated = streamed && !sp->empty;

    /* the frontier */
    if (o->frontier && !sp->empty) {
        status = parley_i_frontier_compute(
            ctx, v, !o->frontier_all, o->max_frontier, o->threads, &frontier);
        if (status)
            goto done;
        if (frontier.complete) {
            status =
                fill_frontier(ctx, sp, v, &frontier, dim_scratch, &b->frontier);
            if (status)
                goto done;
        } else
            b->frontier.note = "more points than max_frontier: not "
                               "enumerated (raise --max-frontier)";
    } else if (o->frontier) {
        b->frontier.computed = 1; /* the empty space has no frontier */
    } else
        b->frontier.note = "not requested";

    if (o->ks == PARLEY_KS_NEGMAS) {
        if (frontier.complete)
            ks_negmas(ctx, v, &frontier, o->tie_tolerance,
                      &tally.obj[PARLEY_I_OBJ_KS]);
        else {
            parley_i_ties_reset(&tally.obj[PARLEY_I_OBJ_KS]);
            b->solutions[PARLEY_SOLUTION_KS].note =
                "the NegMAS rule needs the Pareto frontier, which was not "
                "enumerated";
        }
    }
    for (k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
        parley_solution *sol = &b->solutions[k];

        status = fill_solution(ctx, sp, v, &tally.obj[k], o->max_ties,
                               dim_scratch, sol);
        if (status)
            goto done;
        sol->method = k == PARLEY_SOLUTION_KS && o->ks == PARLEY_KS_NEGMAS
                          ? "frontier"
                          : method;
        if (k == PARLEY_SOLUTION_KS && o->ks == PARLEY_KS_NEGMAS && sol->found)
            sol->value = -sol->value; /* the spread, which is minimised */
        if (!counts.exact[k]) {
            sol->note = "the branch-and-bound node budget ran out: the "
                        "answer is the best found (raise --max-nodes)";
            sol->ties_exact = 0;
        }
        if (!sol->found && !sol->note)
            sol->note = sp->empty ? "no feasible package"
                                  : "the zone of possible agreement is empty";
        if (sol->found &&
            (k == PARLEY_SOLUTION_EGALITARIAN || k == PARLEY_SOLUTION_KS) &&
            !(tally.best_min_gain >= 0) && !sol->note)
            sol->note = "outside the zone of possible agreement (it is "
                        "empty): the package whose worst-off party falls "
                        "least short";
    }
    if (tally.opposition2 < INFINITY && counts.opposition_exact)
        b->opposition = sqrt(tally.opposition2);
    status = fill_zopa(ctx, NULL, P, tally.best_min_gain,
                       counts.exact[PARLEY_I_OBJ_EGAL], counts.zone_exact,
                       tally.zone_count, counts.zone_low, counts.zone_high,
                       sp->n_feasible, method, &b->zopa);
    if (status)
        goto done;
    if (subset) {
        status =
            fill_zopa(ctx, subset, n_subset, tally.best_subset_min_gain,
                      counts.subset_gain_exact, counts.subset_exact,
                      tally.subset_count, counts.subset_low, counts.subset_high,
                      sp->n_feasible, method, &b->zopa_subset);
        if (status)
            goto done;
        b->has_zopa_subset = 1;
    }
done:
    parley_i_tally_destroy(ctx, &tally);
    parley_i_frontier_destroy(ctx, &frontier);
    FREE_ARRAY(ctx, subset, n_subset);
    FREE_ARRAY(ctx, dim_scratch, sp ? sp->n_dims : 0);
    parley_i_view_free(ctx, v);
    parley_i_space_free(sp);
    if (status) {
        parley_bargain_free(ctx, b);
        return status;
    }
    *out = b;
    return PARLEY_OK;
}
