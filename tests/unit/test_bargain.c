/*
 * test_bargain.c -- package bargaining: the utility model by hand, every
 * fast path against a brute-force oracle on many random small domains
 * (frontier as a set, each solution's value and tie set, ZOPA counts,
 * opposition), identical results for 1 and 2 threads, the mixture case
 * of NegMAS's test suite, error paths and allocation failures.
 */
#include "bargain/solve.h"
#include "bargain_oracle.h"
#include "support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

/* ---- small hand-built scenarios ------------------------------------------ */

/* n_actors parties and one issue per entry of n_options, all stances
 * present with salience 1 and position 0; the caller edits the rest. */
static parley_scenario *small_scenario(parley_ctx *ctx, size_t n_actors,
                                       const size_t *n_options, size_t n_issues)
{
    parley_scenario *s = parley_i_scenario_new(ctx);
    size_t a, k, o;

    cr_assert_not_null(s);
    s->actors = parley_i_alloc_array(ctx, n_actors, sizeof *s->actors);
    s->issues = parley_i_alloc_array(ctx, n_issues, sizeof *s->issues);
    s->n_actors = n_actors;
    s->n_issues = n_issues;
    for (a = 0; a < n_actors; a++) {
        s->actors[a].id = sdup(ctx, "A%zu", a);
        s->actors[a].capability = parley_i_num_point(1);
    }
    for (k = 0; k < n_issues; k++) {
        parley_issue *is = &s->issues[k];

        is->id = sdup(ctx, "I%zu", k);
        is->scale_max = 100;
        is->status_quo = NAN;
        is->status_quo_option = PARLEY_NO_INDEX;
        is->options =
            parley_i_alloc_array(ctx, n_options[k], sizeof *is->options);
        is->n_options = n_options[k];
        for (o = 0; o < n_options[k]; o++) {
            is->options[o].id = sdup(ctx, "o%zu", o);
            is->options[o].value =
                n_options[k] > 1
                    ? 100.0 * (double)o / (double)(n_options[k] - 1)
                    : 0;
        }
    }
    cr_assert_eq(alloc_stances(ctx, s), 0);
    for (a = 0; a < n_actors; a++)
        for (k = 0; k < n_issues; k++) {
            parley_stance *st = parley_i_stance(s, a, k);

            st->present = 1;
            st->salience = parley_i_num_point(1);
            st->position = parley_i_num_point(0);
        }
    return s;
}

static void set_values(parley_ctx *ctx, parley_scenario *s, size_t a, size_t k,
                       const double *values)
{
    parley_stance *st = parley_i_stance(s, a, k);
    size_t n = s->issues[k].n_options;

    st->option_values = parley_i_alloc_array(ctx, n, sizeof *values);
    memcpy(st->option_values, values, n * sizeof *values);
}

/* The utility model by hand: normalised weights, linear and quadratic
 * losses, explicit option values, linkage. */
Test(bargain_space, utility_formula)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    size_t n_opt[2] = {3, 2}, x[2];
    parley_scenario *s = small_scenario(ctx, 2, n_opt, 2);
    parley_bargain_options o;
    parley_i_space *sp;
    double u[2], v0[3] = {0.1, 0.9, 0.4};

    /* A0: position 20 on I0 (salience 3), 100 on I1 (salience 1) */
    parley_i_stance(s, 0, 0)->position = parley_i_num_point(20);
    parley_i_stance(s, 0, 0)->salience = parley_i_num_point(3);
    parley_i_stance(s, 0, 1)->position = parley_i_num_point(100);
    /* A1: explicit values on I0, no stance on I1 */
    set_values(ctx, s, 1, 0, v0);
    parley_i_stance(s, 1, 1)->present = 0;
    parley_bargain_options_set_default(&o);
    cr_assert_eq(parley_i_space_new(ctx, s, &o, NULL, &sp), PARLEY_OK);
    x[0] = 1; /* value 50 */
    x[1] = 0; /* value 0 */
    cr_assert(parley_i_space_eval(sp, x, u));
    /* 0.75 (1 - 30/100) + 0.25 (1 - 100/100) */
    cr_assert_float_eq(u[0], 0.75 * 0.7 + 0.25 * 0.0, 1e-15);
    cr_assert_float_eq(u[1], 1.0 * 0.9, 1e-15);
    parley_i_space_free(sp);
    o.shape = PARLEY_VALUE_SHAPE_QUADRATIC;
    cr_assert_eq(parley_i_space_new(ctx, s, &o, NULL, &sp), PARLEY_OK);
    parley_i_space_eval(sp, x, u);
    cr_assert_float_eq(u[0], 0.75 * (1 - 0.09) + 0.25 * 0.0, 1e-15);
    parley_i_space_free(sp);
    /* weights as written: salience 3 and 1 used raw */
    o.shape = PARLEY_VALUE_SHAPE_LINEAR;
    o.weights = PARLEY_WEIGHTS_AS_WRITTEN;
    cr_assert_eq(parley_i_space_new(ctx, s, &o, NULL, &sp), PARLEY_OK);
    parley_i_space_eval(sp, x, u);
    cr_assert_float_eq(u[0], 3 * 0.7 + 1 * 0.0, 1e-15);
    cr_assert_eq(sp->n_dims, 2);
    parley_i_space_free(sp);
    /* a linkage for A0 between I0 and I1 merges them into one group and
     * adds 0.5 * f(I0) * f(I1) */
    s->linkages = parley_i_alloc_array(ctx, 1, sizeof *s->linkages);
    s->n_linkages = 1;
    s->linkages[0].id = parley_i_strdup(ctx, "L");
    s->linkages[0].actor = 0;
    s->linkages[0].issue_a = 0;
    s->linkages[0].issue_b = 1;
    s->linkages[0].weight = parley_i_num_point(0.5);
    o.weights = PARLEY_WEIGHTS_NORMALISED;
    cr_assert_eq(parley_i_space_new(ctx, s, &o, NULL, &sp), PARLEY_OK);
    cr_assert_eq(sp->n_dims, 1);
    cr_assert_eq(sp->n_groups, 1);
    cr_assert_eq(sp->dims[0].n_options, 6);
    x[1] = 1; /* value 100 */
    parley_i_space_eval(sp, x, u);
    cr_assert_float_eq(u[0], 0.75 * 0.7 + 0.25 * 1.0 + 0.5 * 0.5 * 1.0, 1e-15);
    cr_assert_float_eq(u[1], 0.9, 1e-15); /* A1 has no stance on I1 */
    parley_i_space_free(sp);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* Red lines, ratification constraints and fixed options shape the space;
 * reservations follow the documented rules. */
Test(bargain_space, feasibility_and_reservations)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    size_t n_opt[2] = {5, 3}, fixed[2] = {PARLEY_NO_INDEX, 2}, x[2] = {0, 2};
    parley_scenario *s = small_scenario(ctx, 2, n_opt, 2);
    parley_bargain_options o;
    parley_i_space *sp;
    double u[2];

    s->red_lines = parley_i_alloc_array(ctx, 2, sizeof *s->red_lines);
    s->n_red_lines = 2;
    s->red_lines[0].id = parley_i_strdup(ctx, "RL0");
    s->red_lines[0].actor = 1;
    s->red_lines[0].issue = 0;
    s->red_lines[0].min = 30; /* excludes values 0 and 25 */
    s->red_lines[0].max = INFINITY;
    s->red_lines[0].active = 1;
    s->red_lines[1].id = parley_i_strdup(ctx, "RL1");
    s->red_lines[1].actor = 0;
    s->red_lines[1].issue = 0;
    s->red_lines[1].min = -INFINITY;
    s->red_lines[1].max = 0; /* inactive: ignored */
    s->ratifications = parley_i_alloc_array(ctx, 2, sizeof *s->ratifications);
    s->n_ratifications = 2;
    s->ratifications[0].id = parley_i_strdup(ctx, "DR0");
    s->ratifications[0].issue = 0;
    s->ratifications[0].min = -INFINITY;
    s->ratifications[0].max = 80; /* hard: excludes value 100 */
    s->ratifications[1].id = parley_i_strdup(ctx, "DR1");
    s->ratifications[1].issue = 1;
    s->ratifications[1].min = -INFINITY;
    s->ratifications[1].max = 60; /* soft: lowers log_pass of value 100 */
    s->ratifications[1].pass_probability = parley_i_num_point(0.25);
    parley_i_stance(s, 0, 0)->range_low = parley_i_num_point(0);
    parley_i_stance(s, 0, 0)->range_high = parley_i_num_point(40);
    s->actors[1].reservation = parley_i_num_point(0.3);
    parley_bargain_options_set_default(&o);
    cr_assert_eq(parley_i_space_new(ctx, s, &o, NULL, &sp), PARLEY_OK);
    cr_assert_eq(sp->dims[0].n_options, 2); /* 50 and 75 */
    cr_assert_eq(sp->issues[0].excluded_by[0].kind, PARLEY_I_EXCLUDED_RED_LINE);
    cr_assert_eq(sp->issues[0].excluded_by[4].kind,
                 PARLEY_I_EXCLUDED_RATIFICATION);
    cr_assert_eq(sp->dims[1].n_options, 3);
    cr_assert_float_eq(sp->issues[1].log_pass[2], log(0.25), 1e-15);
    cr_assert_eq(sp->n_excluded, 3);
    cr_assert_float_eq((double)sp->n_feasible, 6.0, 0);
    cr_assert_float_eq((double)sp->n_packages, 15.0, 0);
    cr_assert_eq(parley_i_space_eval(sp, x, u), 0); /* infeasible */
    /* A0: range [0, 40] on I0 -> worst in-range option is 25 (v 0.75);
     * no range on I1 -> worst option 100 (v 0) */
    cr_assert_eq(sp->reservation_source[0], PARLEY_RESERVATION_FROM_RANGE);
    cr_assert_float_eq(sp->reservation[0], 0.5 * 0.75 + 0.5 * 0.0, 1e-15);
    cr_assert_eq(sp->reservation_source[1], PARLEY_RESERVATION_FROM_SCENARIO);
    cr_assert_float_eq(sp->reservation[1], 0.3, 0);
    /* ideal and minimum over the feasible packages */
    cr_assert_float_eq(sp->ideal[0], 0.5 * 0.5 + 0.5 * 1.0, 1e-15);
    cr_assert_float_eq(sp->min_utility[0], 0.5 * 0.25 + 0.5 * 0.0, 1e-15);
    parley_i_space_free(sp);
    /* fixing I1 to its last option keeps the unrestricted ideal */
    cr_assert_eq(parley_i_space_new(ctx, s, &o, fixed, &sp), PARLEY_OK);
    cr_assert_eq(sp->dims[1].n_options, 1);
    cr_assert_eq(sp->issues[1].excluded_by[0].kind, PARLEY_I_EXCLUDED_FIXED);
    cr_assert_float_eq(sp->ideal[0], 0.5 * 0.5 + 0.5 * 1.0, 1e-15);
    cr_assert_float_eq((double)sp->n_feasible, 2.0, 0);
    parley_i_space_free(sp);
    /* only the parties' own constraints: A1 alone -> RL0 counts, the
     * ratification constraints (actor 0) do not */
    o.parties = "A1";
    o.party_constraints_only = 1;
    cr_assert_eq(parley_i_space_new(ctx, s, &o, NULL, &sp), PARLEY_OK);
    cr_assert_eq(sp->n_parties, 1);
    cr_assert_eq(sp->dims[0].n_options, 3);
    parley_i_space_free(sp);
    /* the status-quo rule needs a status quo on every issue */
    o.parties = NULL;
    o.party_constraints_only = 0;
    o.reservation = PARLEY_RESERVATION_STATUS_QUO;
    cr_assert_eq(parley_i_space_new(ctx, s, &o, NULL, &sp), PARLEY_EVALID);
    cr_assert_null(sp);
    s->issues[0].status_quo_option = 3;
    s->issues[1].status_quo = 45; /* nearest option: 50 */
    parley_ctx_clear(ctx);
    cr_assert_eq(parley_i_space_new(ctx, s, &o, NULL, &sp), PARLEY_OK);
    /* A0 has a range, but STATUS_QUO was asked: u_0(75, 50) */
    cr_assert_eq(sp->reservation_source[0], PARLEY_RESERVATION_FROM_STATUS_QUO);
    cr_assert_float_eq(sp->reservation[0], 0.5 * 0.25 + 0.5 * 0.5, 1e-15);
    parley_i_space_free(sp);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- the oracle comparison --------------------------------------------------
 */

/* The oracle's representatives of the points flagged in on[]: for each
 * distinct vector, its lowest package (space.h's order), with its number
 * of packages; returned in package order. */
static size_t oracle_points(const oracle * or, const unsigned char *on,
                            size_t *rep, long double *count)
{
    size_t i, j, n = 0;

    for (i = 0; i < or->n; i++) {
        if (!on[i])
            continue;
        for (j = 0; j < n; j++)
            if (memcmp(or->u + rep[j] * or->P, or->u + i * or->P,
                       or->P * sizeof * or->u) == 0)
                break;
        if (j < n) {
            count[j] += 1;
            if (key_less(or, i, rep[j]))
                rep[j] = i;
            continue;
        }
        rep[n] = i;
        count[n++] = 1;
    }
    for (i = 1; i < n; i++) /* insertion sort by package */
        for (j = i; j > 0 && key_less(or, rep[j], rep[j - 1]); j--) {
            size_t t = rep[j];
            long double c = count[j];

            rep[j] = rep[j - 1];
            rep[j - 1] = t;
            count[j] = count[j - 1];
            count[j - 1] = c;
        }
    return n;
}

/* Value, tie count, points and listed packages against the oracle. */
static void check_solution(const oracle * or, const parley_i_space *sp,
                           const parley_bargain *b, int kind, double tol,
                           size_t max_ties, unsigned long seed)
{
    const parley_solution *sol = &b->solutions[kind];
    unsigned char *tie = calloc(or->n + 1, 1);
    size_t *rep = calloc(or->n + 1, sizeof *rep);
    long double *count = calloc(or->n + 1, sizeof *count), total = 0;
    double best;
    size_t n_tie = oracle_solution(or, sp->nash_weight, kind, tol, &best, tie);
    size_t i, n_points;

    cr_assert_eq(sol->found, n_tie > 0, "seed %lu %s: found %d, oracle %zu",
                 seed, parley_solution_name(sol->kind), sol->found, n_tie);
    if (!n_tie)
        goto done;
    cr_assert_eq(sol->value, best, "seed %lu %s: value %.17g, oracle %.17g",
                 seed, parley_solution_name(sol->kind), sol->value, best);
    n_points = oracle_points(or, tie, rep, count);
    for (i = 0; i < n_points; i++)
        total += count[i];
    cr_assert(sol->ties_exact);
    cr_assert_eq(sol->n_points, n_points, "seed %lu %s: %zu points, oracle %zu",
                 seed, parley_solution_name(sol->kind), sol->n_points,
                 n_points);
    cr_assert_eq((double)sol->n_ties, (double)total,
                 "seed %lu %s: %g ties, oracle %g", seed,
                 parley_solution_name(sol->kind), (double)sol->n_ties,
                 (double)total);
    cr_assert_eq(sol->n_listed, n_points < max_ties ? n_points : max_ties);
    for (i = 0; i < sol->n_listed; i++) {
        cr_assert_arr_eq(sol->options + i * or->K, or->pkg + rep[i] * or->K,
                         or->K * sizeof * or->pkg,
                         "seed %lu %s: listed tie %zu", seed,
                         parley_solution_name(sol->kind), i);
        cr_assert_arr_eq(sol->utility + i * or->P, or->u + rep[i] * or->P,
                         or->P * sizeof * or->u);
    }
done:
    free(tie);
    free(rep);
    free(count);
}

static void check_frontier(const oracle * or, const parley_bargain *b,
                           int zone_only, unsigned long seed)
{
    unsigned char *on = calloc(or->n + 1, 1);
    size_t *rep = calloc(or->n + 1, sizeof *rep);
    long double *count = calloc(or->n + 1, sizeof *count);
    size_t i, j, n_points;

    oracle_frontier(or, zone_only, on);
    n_points = oracle_points(or, on, rep, count);
    cr_assert(b->frontier.computed);
    cr_assert_eq(b->frontier.n_points, n_points,
                 "seed %lu: %zu frontier points, oracle %zu", seed,
                 b->frontier.n_points, n_points);
    for (i = 0; i < n_points; i++) {
        for (j = 0; j < b->frontier.n_points; j++)
            if (memcmp(b->frontier.utility + j * or->P, or->u + rep[i] * or->P,
                       or->P * sizeof * or->u) == 0)
                break;
        cr_assert_lt(j, b->frontier.n_points,
                     "seed %lu: oracle frontier point %zu missing", seed, i);
        cr_assert_arr_eq(b->frontier.options + j * or->K,
                         or->pkg + rep[i] * or->K, or->K * sizeof * or->pkg);
        cr_assert_eq((double)b->frontier.n_packages[j], (double)count[i]);
    }
    for (j = 1; j < b->frontier.n_points; j++) { /* welfare descending */
        double w0 = 0, w1 = 0;
        size_t p;

        for (p = 0; p < or->P; p++) {
            w0 += b->frontier.utility[(j - 1) * or->P + p];
            w1 += b->frontier.utility[j * or->P + p];
        }
        cr_assert_geq(w0, w1);
    }
    free(on);
    free(rep);
    free(count);
}

/* Runs the engine and the oracle on one random scenario. */
static void compare_random(unsigned long seed, const rand_spec *spec,
                           const parley_bargain_options *o)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_rng rng;
    parley_scenario *s;
    parley_i_space *sp;
    parley_bargain *b = NULL;
    oracle or ;
    size_t i, zone = 0, k, p;
    double opp = INFINITY;
    parley_status status;

    parley_rng_seed(&rng, 20260101, seed);
    s = random_scenario(ctx, &rng, spec);
    cr_assert_not_null(s);
    status = parley_i_space_new(ctx, s, o, NULL, &sp);
    if (status == PARLEY_ELIMIT) { /* a linked group too large: skip */
        parley_scenario_free(s);
        parley_ctx_free(ctx);
        return;
    }
    cr_assert_eq(status, PARLEY_OK, "seed %lu: %s", seed,
                 parley_ctx_errmsg(ctx));
    or = oracle_build(s, sp);
    cr_assert_float_eq((double)sp->n_feasible, (double) or.n, 0,
                       "seed %lu: feasible %g, oracle %zu", seed,
                       (double)sp->n_feasible, or.n);
    cr_assert_eq(parley_bargain_run(ctx, s, o, &b), PARLEY_OK, "seed %lu: %s",
                 seed, parley_ctx_errmsg(ctx));
    for (p = 0; p < or.P && or.n; p++)
        cr_assert_eq(b->parties[p].ideal, or.ideal[p], "seed %lu", seed);
    for (i = 0; i < or.n; i++)
        if (in_zone(& or, i)) {
            double q = 0;

            zone++;
            for (p = 0; p < or.P; p++) {
                double inv = or.ideal[p] != 0 ? 1.0 / or.ideal[p] : 0;
                double t = inv != 0 ? 1.0 - or.u[i * or.P + p] * inv
                                    : 1.0 - or.u[i * or.P + p];

                q += t * t;
            }
            opp = q < opp ? q : opp;
        }
    if (o->zopa_parties) { /* the subset "A0": u_0 >= d_0 alone */
        size_t sub = 0;

        for (i = 0; i < or.n; i++)
            sub += or.u[i * or.P] >= or.d[0];
        cr_assert(b->has_zopa_subset);
        cr_assert(b->zopa_subset.count_exact);
        cr_assert_eq((double)b->zopa_subset.count, (double)sub,
                     "seed %lu: subset zone %g, oracle %zu", seed,
                     (double)b->zopa_subset.count, sub);
        cr_assert_eq(b->zopa_subset.empty, sub == 0);
    }
    cr_assert(b->zopa.count_exact);
    cr_assert_eq((double)b->zopa.count, (double)zone,
                 "seed %lu: zone %g, oracle %zu", seed, (double)b->zopa.count,
                 zone);
    cr_assert_eq(b->zopa.empty, zone == 0);
    if (zone)
        cr_assert_eq(b->opposition, sqrt(opp), "seed %lu", seed);
    else
        cr_assert(isnan(b->opposition));
    for (k = 0; k < PARLEY_SOLUTION_COUNT; k++)
        if (k != PARLEY_SOLUTION_KS || o->ks == PARLEY_KS_MAXMIN)
            check_solution(& or, sp, b, (int)k, o->tie_tolerance, o->max_ties,
                           seed);
    if (or.n)
        check_frontier(& or, b, !o->frontier_all, seed);
    parley_bargain_free(ctx, b);
    oracle_free(& or);
    parley_i_space_free(sp);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* Random shapes: parties 1..5, issues 1..5, options 1..5, with red lines,
 * linkage, explicit values and coarse grids (exact ties) in turn. */
static rand_spec spec_for(unsigned long seed)
{
    rand_spec sp;
    parley_rng rng;

    parley_rng_seed(&rng, 99, seed);
    memset(&sp, 0, sizeof sp);
    sp.parties = 1 + rnd_index(&rng, 5);
    sp.issues = 1 + rnd_index(&rng, 5);
    sp.min_options = 1 + rnd_index(&rng, 2);
    sp.max_options = sp.min_options + rnd_index(&rng, 4);
    sp.option_values = seed % 2 == 0;
    sp.red_lines = (int)rnd_index(&rng, 3);
    sp.linkages = seed % 3 == 0 ? (int)rnd_index(&rng, 3) : 0;
    sp.reservations = seed % 4 != 1;
    sp.ranges = seed % 4 == 1;
    sp.discrete_values = seed % 5 == 0;
    return sp;
}

Test(bargain_oracle, random_domains_reservation)
{
    parley_bargain_options o;
    unsigned long seed;

    parley_bargain_options_set_default(&o);
    for (seed = 0; seed < 300; seed++) {
        rand_spec sp = spec_for(seed);

        compare_random(seed, &sp, &o);
    }
}

Test(bargain_oracle, random_domains_floor_all_frontier)
{
    parley_bargain_options o;
    unsigned long seed;

    parley_bargain_options_set_default(&o);
    o.disagreement = PARLEY_DISAGREEMENT_FLOOR;
    o.frontier_all = 1;
    o.tie_tolerance = 1e-3; /* wide: many near-ties */
    for (seed = 300; seed < 500; seed++) {
        rand_spec sp = spec_for(seed);

        compare_random(seed, &sp, &o);
    }
}

/* The same questions answered by branch and bound (max_enumerate 0). */
Test(bargain_oracle, random_domains_branch_and_bound)
{
    parley_bargain_options o;
    unsigned long seed;

    parley_bargain_options_set_default(&o);
    o.max_enumerate = 0;
    for (seed = 700; seed < 1000; seed++) {
        rand_spec sp = spec_for(seed);

        if (seed % 2)
            o.disagreement = PARLEY_DISAGREEMENT_FLOOR;
        else
            o.disagreement = PARLEY_DISAGREEMENT_RESERVATION;
        o.zopa_parties = "A0";
        compare_random(seed, &sp, &o);
    }
}

Test(bargain_oracle, random_domains_exact_ties)
{
    parley_bargain_options o;
    unsigned long seed;

    parley_bargain_options_set_default(&o);
    o.tie_tolerance = 0;
    o.max_ties = 3;
    for (seed = 500; seed < 700; seed++) {
        rand_spec sp = spec_for(seed);

        sp.discrete_values = 1;
        compare_random(seed, &sp, &o);
    }
}

/* ---- threads ----------------------------------------------------------------
 */

static void assert_same_result(const parley_bargain *a, const parley_bargain *b)
{
    size_t k, P = a->n_parties, K = a->n_issues;

    cr_assert_eq(a->zopa.count, b->zopa.count);
    cr_assert_eq(a->zopa.best_min_gain, b->zopa.best_min_gain);
    cr_assert(a->opposition == b->opposition ||
              (isnan(a->opposition) && isnan(b->opposition)));
    for (k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
        const parley_solution *x = &a->solutions[k], *y = &b->solutions[k];

        cr_assert_eq(x->found, y->found);
        cr_assert(x->value == y->value || (isnan(x->value) && isnan(y->value)));
        cr_assert_eq(x->n_listed, y->n_listed);
        cr_assert_eq(x->n_ties, y->n_ties);
        cr_assert_eq(x->n_points, y->n_points);
        cr_assert_arr_eq(x->options, y->options,
                         x->n_listed * K * sizeof *x->options);
        cr_assert_arr_eq(x->utility, y->utility,
                         x->n_listed * P * sizeof *x->utility);
    }
    cr_assert_eq(a->frontier.n_points, b->frontier.n_points);
    cr_assert_arr_eq(a->frontier.utility, b->frontier.utility,
                     a->frontier.n_points * P * sizeof *a->frontier.utility);
    cr_assert_arr_eq(a->frontier.options, b->frontier.options,
                     a->frontier.n_points * K * sizeof *a->frontier.options);
}

Test(bargain_threads, one_and_two_threads_agree)
{
    unsigned long seed;

    for (seed = 0; seed < 6; seed++) {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_rng rng;
        rand_spec spec;
        parley_scenario *s;
        parley_bargain_options o;
        parley_bargain *one = NULL, *two = NULL;

        memset(&spec, 0, sizeof spec);
        spec.parties = 2 + seed % 4;
        spec.issues = 7;
        spec.min_options = 3;
        spec.max_options = 6;
        spec.red_lines = 2;
        spec.linkages = (int)(seed % 2);
        spec.reservations = 1;
        spec.discrete_values = seed % 3 == 0;
        parley_rng_seed(&rng, 7, seed);
        s = random_scenario(ctx, &rng, &spec);
        parley_bargain_options_set_default(&o);
        o.zopa_parties = "A0,A1";
        o.threads = 1;
        cr_assert_eq(parley_bargain_run(ctx, s, &o, &one), PARLEY_OK, "%s",
                     parley_ctx_errmsg(ctx));
        o.threads = 2;
        cr_assert_eq(parley_bargain_run(ctx, s, &o, &two), PARLEY_OK);
        cr_assert(one->enumerated);
        assert_same_result(one, two);
        cr_assert_eq(one->zopa_subset.count, two->zopa_subset.count);
        parley_bargain_free(ctx, one);
        parley_bargain_free(ctx, two);
        parley_scenario_free(s);
        parley_ctx_free(ctx);
    }
}

/* ---- the mixture case (NegMAS tests/core/test_preferences.py)
 * ------------------ One issue {a, b, c}, utilities (4,1), (1,4), (2,2), no
 * reservation, so NegMAS's disagreement point is each party's minimum, (1, 1).
 * Asserted: the discrete Nash point is (2, 2).  Derived (not asserted there):
 * the frontier holds all three points, max welfare ties (4,1) and (1,4), the
 * egalitarian and KS points are (2, 2).  Source: validation/genius/
 * mixture_negmas_test.json. */
Test(bargain_reference, mixture)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    size_t n_opt[1] = {3};
    parley_scenario *s = small_scenario(ctx, 2, n_opt, 1);
    double v0[3] = {4, 1, 2}, v1[3] = {1, 4, 2};
    parley_bargain_options o;
    parley_bargain *b = NULL;
    const parley_solution *sol;

    set_values(ctx, s, 0, 0, v0);
    set_values(ctx, s, 1, 0, v1);
    parley_bargain_options_set_default(&o);
    o.disagreement = PARLEY_DISAGREEMENT_FLOOR;
    o.weights = PARLEY_WEIGHTS_AS_WRITTEN;
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_OK);
    cr_assert_eq(b->parties[0].reservation_source,
                 PARLEY_RESERVATION_FROM_ZERO);
    cr_assert_eq(b->parties[0].disagreement, 1.0);
    cr_assert_eq(b->parties[1].disagreement, 1.0);
    sol = &b->solutions[PARLEY_SOLUTION_NASH];
    cr_assert_eq(sol->n_points, 1);
    cr_assert_eq(sol->utility[0], 2.0);
    cr_assert_eq(sol->utility[1], 2.0);
    cr_assert_eq(sol->options[0], 2); /* option c */
    sol = &b->solutions[PARLEY_SOLUTION_MAX_WELFARE];
    cr_assert_eq(sol->value, 5.0);
    cr_assert_eq(sol->n_points, 2);
    cr_assert_eq(sol->options[0], 0);
    cr_assert_eq(sol->options[1], 1);
    sol = &b->solutions[PARLEY_SOLUTION_EGALITARIAN];
    cr_assert_eq(sol->n_points, 1);
    cr_assert_eq(sol->options[0], 2);
    sol = &b->solutions[PARLEY_SOLUTION_KS];
    cr_assert_eq(sol->options[0], 2);
    cr_assert_float_eq(sol->value, 1.0 / 3.0, 1e-15);
    cr_assert_eq(b->frontier.n_points, 3);
    cr_assert_eq(b->zopa.count, 3);
    parley_bargain_free(ctx, b);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- errors
 * ------------------------------------------------------------------ */

Test(bargain_errors, invalid_options_and_parties)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    size_t n_opt[2] = {2, 2};
    parley_scenario *s = small_scenario(ctx, 2, n_opt, 2);
    parley_bargain_options o;
    parley_bargain *b = (parley_bargain *)&o; /* must be reset to NULL */

    parley_bargain_options_set_default(&o);
    o.tie_tolerance = -1;
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_EINVAL);
    cr_assert_null(b);
    parley_bargain_options_set_default(&o);
    o.disagreement = (parley_disagreement)7;
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_EINVAL);
    parley_bargain_options_set_default(&o);
    o.threads = -2;
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_EINVAL);
    parley_bargain_options_set_default(&o);
    o.max_ties = 0;
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_EINVAL);
    parley_bargain_options_set_default(&o);
    o.parties = "A0,B9";
    parley_ctx_clear(ctx);
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_ENOTFOUND);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "B9") != NULL);
    o.parties = "A0,,A1";
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_EINVAL);
    o.parties = "A0,A0";
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_EINVAL);
    o.parties = "A0";
    o.zopa_parties = "A1";
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_EINVAL);
    /* no actor with a negotiating role */
    o.parties = NULL;
    o.zopa_parties = NULL;
    s->actors[0].role = PARLEY_ROLE_THIRD_PARTY;
    s->actors[1].role = PARLEY_ROLE_STAKEHOLDER;
    parley_ctx_clear(ctx);
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_EINVAL);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "no parties") != NULL);
    cr_assert_eq(parley_bargain_run(ctx, NULL, &o, &b), PARLEY_EINVAL);
    cr_assert_eq(parley_bargain_run(ctx, s, &o, NULL), PARLEY_EINVAL);
    /* a linked group over the limit */
    s->actors[0].role = PARLEY_ROLE_PARTY;
    s->linkages = parley_i_alloc_array(ctx, 1, sizeof *s->linkages);
    s->n_linkages = 1;
    s->linkages[0].id = parley_i_strdup(ctx, "L");
    s->linkages[0].actor = PARLEY_NO_INDEX;
    s->linkages[0].issue_a = 0;
    s->linkages[0].issue_b = 1;
    o.max_composite = 3;
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_ELIMIT);
    parley_bargain_free(ctx, NULL);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* An empty space (every option of an issue vetoed) and an empty ZOPA are
 * results, not errors. */
Test(bargain_errors, empty_space_and_empty_zone)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    size_t n_opt[2] = {2, 2};
    parley_scenario *s = small_scenario(ctx, 2, n_opt, 2);
    parley_bargain *b = NULL;

    /* A0 wants 0, A1 wants 100 on both issues; reservations 0.9 */
    parley_i_stance(s, 1, 0)->position = parley_i_num_point(100);
    parley_i_stance(s, 1, 1)->position = parley_i_num_point(100);
    s->actors[0].reservation = parley_i_num_point(0.9);
    s->actors[1].reservation = parley_i_num_point(0.9);
    cr_assert_eq(parley_bargain_run(ctx, s, NULL, &b), PARLEY_OK);
    cr_assert(b->zopa.empty);
    cr_assert_eq(b->zopa.count, 0);
    cr_assert_not(b->solutions[PARLEY_SOLUTION_NASH].found);
    cr_assert_not_null(b->solutions[PARLEY_SOLUTION_NASH].note);
    cr_assert(b->solutions[PARLEY_SOLUTION_EGALITARIAN].found);
    cr_assert_lt(b->solutions[PARLEY_SOLUTION_EGALITARIAN].value, 0);
    cr_assert(b->frontier.computed);
    cr_assert_eq(b->frontier.n_points, 0);
    parley_bargain_free(ctx, b);
    s->red_lines = parley_i_alloc_array(ctx, 1, sizeof *s->red_lines);
    s->n_red_lines = 1;
    s->red_lines[0].id = parley_i_strdup(ctx, "RL");
    s->red_lines[0].issue = 1;
    s->red_lines[0].min = 200;
    s->red_lines[0].max = INFINITY;
    s->red_lines[0].active = 1;
    cr_assert_eq(parley_bargain_run(ctx, s, NULL, &b), PARLEY_OK);
    cr_assert_eq(b->n_feasible, 0);
    cr_assert(b->zopa.empty);
    cr_assert_not(b->solutions[PARLEY_SOLUTION_EGALITARIAN].found);
    parley_bargain_free(ctx, b);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- allocation failures
 * ------------------------------------------------------ */

static parley_status run_random(parley_ctx *ctx, void *user)
{
    parley_rng rng;
    rand_spec spec;
    parley_scenario *s;
    parley_bargain_options o;
    parley_bargain *b = NULL;
    parley_status status;

    (void)user;
    memset(&spec, 0, sizeof spec);
    spec.parties = 3;
    spec.issues = 4;
    spec.min_options = 2;
    spec.max_options = 4;
    spec.red_lines = 1;
    spec.linkages = 2;
    spec.ranges = 1;
    parley_rng_seed(&rng, 5, 5);
    s = random_scenario(ctx, &rng, &spec);
    if (!s)
        return PARLEY_ENOMEM;
    parley_bargain_options_set_default(&o);
    o.zopa_parties = "A1,A2";
    o.threads = 2;
    status = parley_bargain_run(ctx, s, &o, &b);
    parley_bargain_free(ctx, b);
    parley_scenario_free(s);
    return status;
}

Test(bargain_alloc, every_allocation_failure_is_clean)
{
    long n = test_alloc_failures(run_random, NULL);

    cr_assert_gt(n, 20);
}

/* ---- proposals
 * ---------------------------------------------------------------- */

/* --proposal: the set terms are fixed, the open ones free or at the status
 * quo; reservations and ideals stay those of the whole space. */
Test(bargain_proposal, completions_of_a_proposal)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    size_t n_opt[3] = {3, 4, 2}, i;
    parley_scenario *s = small_scenario(ctx, 2, n_opt, 3);
    parley_bargain_options o;
    parley_bargain *all = NULL, *b = NULL;

    parley_i_stance(s, 1, 0)->position = parley_i_num_point(100);
    parley_i_stance(s, 1, 1)->position = parley_i_num_point(70);
    s->issues[1].status_quo_option = 3;
    s->issues[2].status_quo = 80; /* nearest option: 100 */
    s->proposals = parley_i_alloc_array(ctx, 1, sizeof *s->proposals);
    s->n_proposals = 1;
    s->proposals[0].id = parley_i_strdup(ctx, "PR");
    s->proposals[0].terms =
        parley_i_alloc_array(ctx, 3, sizeof *s->proposals[0].terms);
    s->proposals[0].terms[0].set = 1;
    s->proposals[0].terms[0].option = 1;
    s->proposals[0].terms[2].set = 1; /* a value, not an option: nearest */
    s->proposals[0].terms[2].option = PARLEY_NO_INDEX;
    s->proposals[0].terms[2].value = 10;
    parley_bargain_options_set_default(&o);
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &all), PARLEY_OK);
    o.proposal = "PR";
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_OK);
    cr_assert_eq(b->proposal, 0);
    cr_assert_eq(b->n_open, 1);
    cr_assert_eq(b->n_feasible, 4); /* issue 1 free */
    cr_assert_eq(b->parties[1].ideal, all->parties[1].ideal);
    for (i = 0; i < PARLEY_SOLUTION_COUNT; i++) {
        const parley_solution *sol = &b->solutions[i];
        size_t t;

        for (t = 0; t < sol->n_listed; t++) {
            cr_assert_eq(sol->options[t * 3 + 0], 1);
            cr_assert_eq(sol->options[t * 3 + 2], 0);
        }
    }
    parley_bargain_free(ctx, b);
    o.fill_status_quo = 1;
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_OK);
    cr_assert_eq(b->n_feasible, 1);
    cr_assert_eq(b->solutions[PARLEY_SOLUTION_EGALITARIAN].options[1], 3);
    parley_bargain_free(ctx, b);
    o.proposal = "PR9";
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_ENOTFOUND);
    cr_assert_null(b);
    parley_bargain_free(ctx, all);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- writers
 * --------------------------------------------------------------------- */

typedef struct buffer {
    char data[1 << 16];
    size_t len;
    int fail;
} buffer;

static int to_buffer(void *user, const char *bytes, size_t len)
{
    buffer *b = user;

    if (b->fail || b->len + len >= sizeof b->data)
        return 1;
    memcpy(b->data + b->len, bytes, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

/* The mixture case written as JSON parses and carries the answers; text
 * names them; a failing sink and the output limit are errors. */
Test(bargain_write, json_text_and_sink_errors)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    size_t n_opt[1] = {3};
    parley_scenario *s = small_scenario(ctx, 2, n_opt, 1);
    double v0[3] = {4, 1, 2}, v1[3] = {1, 4, 2};
    parley_bargain_options o;
    parley_bargain *b = NULL;
    static buffer buf;
    parley_sink sink = {to_buffer, &buf};
    json_error_t err;
    json_t *root, *nash;
    parley_limits lim;

    s->id = parley_i_strdup(ctx, "mixture");
    set_values(ctx, s, 0, 0, v0);
    set_values(ctx, s, 1, 0, v1);
    parley_bargain_options_set_default(&o);
    o.disagreement = PARLEY_DISAGREEMENT_FLOOR;
    o.weights = PARLEY_WEIGHTS_AS_WRITTEN;
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_OK);
    buf.len = 0;
    cr_assert_eq(parley_bargain_write_json(ctx, s, b, &o, sink), PARLEY_OK);
    root = json_loads(buf.data, 0, &err);
    cr_assert_not_null(root, "invalid JSON: %s", err.text);
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_object_get(root, "conventions"), "disagreement")),
                     "floor");
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(root, "parties"), 0),
                         "reservation_source")),
                     "zero");
    nash = json_object_get(json_object_get(root, "solutions"), "nash");
    cr_assert(json_is_true(json_object_get(nash, "found")));
    cr_assert_str_eq(
        json_string_value(json_array_get(
            json_object_get(
                json_array_get(json_object_get(nash, "packages"), 0),
                "package"),
            0)),
        "o2");
    cr_assert_eq(json_number_value(
                     json_object_get(json_object_get(root, "zopa"), "count")),
                 3.0);
    cr_assert_eq(json_integer_value(json_object_get(
                     json_object_get(root, "frontier"), "n_points")),
                 3);
    json_decref(root);
    buf.len = 0;
    cr_assert_eq(parley_bargain_write_text(ctx, s, b, &o, sink), PARLEY_OK);
    cr_assert(strstr(buf.data, "nash: value 1, 1 point, 1 package") != NULL,
              "%s", buf.data);
    cr_assert(strstr(buf.data, "Zone of possible agreement: not empty, 3 "
                               "packages") != NULL);
    buf.fail = 1;
    cr_assert_eq(parley_bargain_write_text(ctx, s, b, &o, sink), PARLEY_EIO);
    cr_assert_eq(parley_bargain_write_json(ctx, s, b, &o, sink), PARLEY_EIO);
    buf.fail = 0;
    lim = *parley_ctx_limits(ctx);
    lim.max_output_bytes = 100;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(parley_bargain_write_json(ctx, s, b, &o, sink), PARLEY_ELIMIT);
    cr_assert_eq(parley_bargain_write_text(ctx, NULL, b, &o, sink),
                 PARLEY_EINVAL);
    parley_bargain_free(ctx, b);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}
