/*
 * test_bargain_genius.c -- package bargaining against other people's
 * answers on GENIUS / ANAC domains:
 *   - reference_negmas.json (NegMAS 0.15.7's own answers, confidence B):
 *     for all 20 domains, bilateral and multilateral, the Pareto frontier
 *     (size, outcomes, and the points themselves), Nash, egalitarian
 *     ("kalai" in NegMAS), Kalai-Smorodinsky (NegMAS's ks_points rule) and
 *     max welfare with their ties, under NegMAS's conventions: GENIUS
 *     utilities, d = max(reservation, worst utility), frontier over the
 *     packages at or above every reservation, ties within 1e-12;
 *   - ANAC 2011 Camera with raw evaluations (negmas-app's stored
 *     statistics): 12 Pareto points, Nash (270.1, 162.5), KS
 *     (245.55, 170.9), egalitarian (191.95, 177.5), max welfare
 *     (276.9, 157.3);
 *   - the Laptop Pareto set of NegMAS's own test suite.
 * Provenance: tests/data/genius/SOURCES.md and
 * ../shared/validation/README.md (genius/).
 */
#include "bargain/solve.h"
#include "support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* NegMAS prints utilities rounded to 9 decimals. */
#define PRINTED 1e-9

static parley_scenario *load_domain(parley_ctx *ctx, const char *folder,
                                    int raw)
{
    char path[512];
    parley_load_options lo;
    parley_scenario *s = NULL;

    snprintf(path, sizeof path, "genius/anac/%s", folder);
    parley_load_options_set_default(&lo);
    lo.genius_raw = raw;
    cr_assert_eq(parley_scenario_load(ctx, test_data(path), &lo, &s), PARLEY_OK,
                 "%s: %s", folder, parley_ctx_errmsg(ctx));
    return s;
}

/* NegMAS's conventions (see the reference file's "semantics"). */
static void negmas_options(parley_bargain_options *o)
{
    parley_bargain_options_set_default(o);
    o->disagreement = PARLEY_DISAGREEMENT_FLOOR;
    o->ks = PARLEY_KS_NEGMAS;
    o->tie_tolerance = 1e-12;
    o->max_ties = 1000;
}

/* 1 if u (P values) equals the printed vector within rounding. */
static int same_point(const double *u, const json_t *ref, size_t P)
{
    size_t p;

    if (!json_is_array(ref) || json_array_size(ref) != P)
        return 0;
    for (p = 0; p < P; p++)
        if (fabs(u[p] - json_number_value(json_array_get(ref, p))) > PRINTED)
            return 0;
    return 1;
}

/* The option label of issue k of a package. */
static const char *label(const parley_scenario *s, size_t k, size_t o)
{
    const parley_option *opt = &s->issues[k].options[o];

    return opt->label ? opt->label : opt->id;
}

/* One solution against NegMAS's fields <name>_utils, <name>_ties,
 * <name>_all, <name>_outcome. */
static void check_solution(const parley_scenario *s, const parley_bargain *b,
                           int kind, const json_t *ref, const char *name,
                           const char *folder)
{
    const parley_solution *sol = &b->solutions[kind];
    char key[64];
    const json_t *utils, *all, *outcome;
    size_t ties, i, j, P = b->n_parties, at_point;

    snprintf(key, sizeof key, "%s_ties", name);
    ties = (size_t)json_integer_value(json_object_get(ref, key));
    snprintf(key, sizeof key, "%s_utils", name);
    utils = json_object_get(ref, key);
    snprintf(key, sizeof key, "%s_all", name);
    all = json_object_get(ref, key);
    snprintf(key, sizeof key, "%s_outcome", name);
    outcome = json_object_get(ref, key);
    cr_assert(sol->found, "%s %s: not found (%s)", folder, name,
              sol->note ? sol->note : "");
    cr_assert(sol->ties_exact);
    cr_assert_eq(sol->n_points, ties, "%s %s: %zu tied points, NegMAS %zu",
                 folder, name, sol->n_points, ties);
    cr_assert_eq(sol->n_listed, sol->n_points);
    /* NegMAS's first entry is one of ours, and with ties every entry */
    for (i = 0; i < sol->n_listed; i++)
        if (same_point(sol->utility + i * P, utils, P))
            break;
    cr_assert_lt(i, sol->n_listed, "%s %s: NegMAS's point is not among ours",
                 folder, name);
    snprintf(key, sizeof key, "%s_outcomes_at_point", name);
    at_point = (size_t)json_integer_value(json_object_get(ref, key));
    if (ties == 1) /* the packages at the point */
        cr_assert_eq((double)sol->n_ties, (double)at_point,
                     "%s %s: %g packages at the point, NegMAS %zu", folder,
                     name, (double)sol->n_ties, at_point);
    if (ties == 1 && at_point == 1 && json_is_array(outcome)) {
        for (j = 0; j < b->n_issues; j++)
            cr_assert_str_eq(label(s, j, sol->options[i * b->n_issues + j]),
                             json_string_value(json_array_get(outcome, j)),
                             "%s %s: issue %zu", folder, name, j);
    }
    if (all)
        for (j = 0; j < json_array_size(all); j++) {
            for (i = 0; i < sol->n_listed; i++)
                if (same_point(sol->utility + i * P, json_array_get(all, j), P))
                    break;
            cr_assert_lt(i, sol->n_listed,
                         "%s %s: NegMAS's tie %zu is not among ours", folder,
                         name, j);
        }
}

static void check_domain(const json_t *ref)
{
    const char *folder = json_string_value(json_object_get(ref, "folder"));
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_domain(ctx, folder, 0);
    parley_bargain_options o;
    parley_bargain *b = NULL;
    const json_t *dis = json_object_get(ref, "disagreement_point");
    const json_t *front = json_object_get(ref, "pareto_frontier");
    size_t P, p, i, j;
    long double outcomes = 0;

    negmas_options(&o);
    o.threads = 2;
    cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_OK, "%s: %s",
                 folder, parley_ctx_errmsg(ctx));
    P = b->n_parties;
    cr_assert_eq(P,
                 (size_t)json_integer_value(json_object_get(ref, "n_parties")));
    cr_assert_eq((double)b->n_feasible,
                 json_number_value(json_object_get(ref, "n_outcomes")));
    for (p = 0; p < P; p++)
        cr_assert_float_eq(b->parties[p].disagreement,
                           json_number_value(json_array_get(dis, p)), PRINTED,
                           "%s: d[%zu]", folder, p);
    /* the frontier: size, outcomes, and every point */
    cr_assert(b->frontier.computed);
    cr_assert_eq(
        b->frontier.n_points,
        (size_t)json_integer_value(json_object_get(ref, "pareto_points")),
        "%s: %zu frontier points, NegMAS %lld", folder, b->frontier.n_points,
        json_integer_value(json_object_get(ref, "pareto_points")));
    for (i = 0; i < b->frontier.n_points; i++)
        outcomes += b->frontier.n_packages[i];
    cr_assert_eq((double)outcomes,
                 json_number_value(json_object_get(ref, "pareto_outcomes")),
                 "%s: frontier outcomes", folder);
    if (json_is_array(front))
        for (j = 0; j < json_array_size(front); j++) {
            for (i = 0; i < b->frontier.n_points; i++)
                if (same_point(b->frontier.utility + i * P,
                               json_array_get(front, j), P))
                    break;
            cr_assert_lt(i, b->frontier.n_points,
                         "%s: NegMAS frontier point %zu missing", folder, j);
        }
    cr_assert_eq((double)b->zopa.count,
                 json_number_value(json_object_get(ref, "n_rational_outcomes")),
                 "%s: rational outcomes", folder);
    check_solution(s, b, PARLEY_SOLUTION_NASH, ref, "nash", folder);
    check_solution(s, b, PARLEY_SOLUTION_EGALITARIAN, ref, "kalai", folder);
    check_solution(s, b, PARLEY_SOLUTION_KS, ref, "ks", folder);
    check_solution(s, b, PARLEY_SOLUTION_MAX_WELFARE, ref, "max_welfare",
                   folder);
    cr_assert_float_eq(b->solutions[PARLEY_SOLUTION_MAX_WELFARE].value,
                       json_number_value(json_object_get(ref, "max_welfare")),
                       PRINTED * (double)P, "%s", folder);
    parley_bargain_free(ctx, b);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(bargain_genius, reference_negmas_every_domain)
{
    json_error_t err;
    json_t *root =
        json_load_file(test_data("genius/reference_negmas.json"), 0, &err);
    const json_t *domains;
    size_t i, checked = 0;

    cr_assert_not_null(root, "reference_negmas.json: %s", err.text);
    domains = json_object_get(root, "domains");
    for (i = 0; i < json_array_size(domains); i++) {
        const json_t *ref = json_array_get(domains, i);

        if (strcmp(json_string_value(json_object_get(ref, "status")), "ok"))
            continue;
        check_domain(ref);
        checked++;
    }
    cr_assert_eq(checked, 20);
    json_decref(root);
}

/* The same answers by branch and bound and with one thread: the solvers
 * agree with each other on every reference domain. */
Test(bargain_genius, branch_and_bound_agrees)
{
    json_error_t err;
    json_t *root =
        json_load_file(test_data("genius/reference_negmas.json"), 0, &err);
    const json_t *domains = json_object_get(root, "domains");
    size_t i, k;

    for (i = 0; i < json_array_size(domains); i++) {
        const char *folder = json_string_value(
            json_object_get(json_array_get(domains, i), "folder"));
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_scenario *s = load_domain(ctx, folder, 0);
        parley_bargain_options o;
        parley_bargain *stream = NULL, *bnb = NULL;

        negmas_options(&o);
        o.ks = PARLEY_KS_MAXMIN;
        o.frontier = 0;
        o.threads = 1;
        cr_assert_eq(parley_bargain_run(ctx, s, &o, &stream), PARLEY_OK);
        o.max_enumerate = 0;
        cr_assert_eq(parley_bargain_run(ctx, s, &o, &bnb), PARLEY_OK);
        cr_assert(stream->enumerated);
        cr_assert_not(bnb->enumerated);
        cr_assert_eq(stream->zopa.count, bnb->zopa.count, "%s", folder);
        cr_assert(bnb->zopa.count_exact);
        cr_assert_eq(stream->opposition, bnb->opposition, "%s", folder);
        for (k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
            const parley_solution *x = &stream->solutions[k];
            const parley_solution *y = &bnb->solutions[k];

            cr_assert_eq(x->value, y->value, "%s %s", folder,
                         parley_solution_name(x->kind));
            cr_assert_eq(x->n_ties, y->n_ties, "%s %s", folder,
                         parley_solution_name(x->kind));
            cr_assert_eq(x->n_listed, y->n_listed);
            cr_assert_arr_eq(x->options, y->options,
                             x->n_listed * stream->n_issues *
                                 sizeof *x->options);
        }
        parley_bargain_free(ctx, stream);
        parley_bargain_free(ctx, bnb);
        parley_scenario_free(s);
        parley_ctx_free(ctx);
    }
    json_decref(root);
}

/* ANAC 2011 Camera with raw evaluations: negmas-app's stored statistics
 * (validation/genius/camera_negmas_app/_stats.yaml): d = each party's
 * worst utility (13.35, 11.85), 12 Pareto points, and the solutions
 * below.  NegMAS's KS rule and ours (maxmin) agree here. */
Test(bargain_genius, camera_raw_evaluations)
{
    static const double frontier[12][2] = {
        {276.9, 157.3},  {304.4, 128.7},  {270.1, 162.5},  {297.6, 133.9},
        {245.55, 170.9}, {238.75, 176.1}, {310.4, 103.05}, {191.95, 177.5},
        {171.5, 196.9},  {176.6, 180.9},  {140.15, 210.5}, {93.35, 211.9}};
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_domain(ctx, "y2011/Camera", 1);
    parley_bargain_options o;
    parley_bargain *b = NULL;
    size_t i, j, k;

    for (k = 0; k < 2; k++) {
        negmas_options(&o);
        o.ks = k ? PARLEY_KS_MAXMIN : PARLEY_KS_NEGMAS;
        cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_OK);
        cr_assert_float_eq(b->parties[0].disagreement, 13.35, 1e-9);
        cr_assert_float_eq(b->parties[1].disagreement, 11.85, 1e-9);
        cr_assert_float_eq(b->parties[0].ideal, 310.4, 1e-9);
        cr_assert_eq(b->frontier.n_points, 12);
        for (i = 0; i < 12; i++) {
            for (j = 0; j < 12; j++)
                if (fabs(b->frontier.utility[2 * j] - frontier[i][0]) < 1e-9 &&
                    fabs(b->frontier.utility[2 * j + 1] - frontier[i][1]) <
                        1e-9)
                    break;
            cr_assert_lt(j, 12, "frontier point %zu missing", i);
        }
#define AT(kind, x, y)                                                         \
    do {                                                                       \
        cr_assert_eq(b->solutions[kind].n_points, 1);                          \
        cr_assert_float_eq(b->solutions[kind].utility[0], x, 1e-9);            \
        cr_assert_float_eq(b->solutions[kind].utility[1], y, 1e-9);            \
    } while (0)
        AT(PARLEY_SOLUTION_NASH, 270.1, 162.5);
        AT(PARLEY_SOLUTION_KS, 245.55, 170.9);
        AT(PARLEY_SOLUTION_EGALITARIAN, 191.95, 177.5);
        AT(PARLEY_SOLUTION_MAX_WELFARE, 276.9, 157.3);
        /* negmas-app's opposition level for this domain */
        cr_assert_float_eq(b->opposition, 0.26684363356085694, 1e-12);
        parley_bargain_free(ctx, b);
    }
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* NegMAS's Laptop test: the Pareto set is HP/60/19'', Mac/60/19'',
 * HP/80/19'', Mac/80/19'' (robust to any positive rescaling, so it holds
 * under both GENIUS and raw evaluations and over every package). */
Test(bargain_genius, laptop_pareto_set)
{
    static const char *expected[4][3] = {{"HP", "60 Gb", "19'' LCD"},
                                         {"Macintosh", "60 Gb", "19'' LCD"},
                                         {"HP", "80 Gb", "19'' LCD"},
                                         {"Macintosh", "80 Gb", "19'' LCD"}};
    int raw;

    for (raw = 0; raw < 2; raw++) {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_load_options lo;
        parley_scenario *s = NULL;
        parley_bargain_options o;
        parley_bargain *b = NULL;
        size_t i, j, k;

        parley_load_options_set_default(&lo);
        lo.genius_raw = raw;
        cr_assert_eq(parley_scenario_load(
                         ctx, test_data("genius/laptop_negmas_test"), &lo, &s),
                     PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
        negmas_options(&o);
        o.frontier_all = 1;
        cr_assert_eq(parley_bargain_run(ctx, s, &o, &b), PARLEY_OK);
        cr_assert_eq(b->frontier.n_points, 4);
        for (i = 0; i < 4; i++) {
            for (j = 0; j < 4; j++) {
                for (k = 0; k < 3; k++)
                    if (strstr(label(s, k, b->frontier.options[j * 3 + k]),
                               expected[i][k]) == NULL)
                        break;
                if (k == 3)
                    break;
            }
            cr_assert_lt(j, 4, "Laptop: %s/%s/%s not on the frontier",
                         expected[i][0], expected[i][1], expected[i][2]);
        }
        parley_bargain_free(ctx, b);
        parley_scenario_free(s);
        parley_ctx_free(ctx);
    }
}

/* ---- the Ukraine reference scenario
 * ------------------------------------------- Branch and bound against
 * enumeration on sub-spaces of the real scenario: all but a few issues fixed
 * (to each proposal's terms, the others free), so that streaming every package
 * is cheap.  Both must agree to the bit: values, tie sets, zone counts and
 * opposition. */
Test(bargain_ukraine, branch_and_bound_equals_enumeration)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    parley_bargain_options o;
    size_t pr, k, checked = 0;

    cr_assert_eq(parley_scenario_load(
                     ctx, test_source("examples/ukraine-2026.yaml"), NULL, &s),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    parley_bargain_options_set_default(&o);
    o.frontier = 0;
    o.zopa_parties = "RU,UA";
    for (pr = 0; pr < s->n_proposals; pr++) {
        parley_bargain *stream = NULL, *bnb = NULL;

        o.proposal = s->proposals[pr].id;
        o.max_enumerate = 1e8;
        cr_assert_eq(parley_bargain_run(ctx, s, &o, &stream), PARLEY_OK, "%s",
                     parley_ctx_errmsg(ctx));
        if (!stream->enumerated || stream->n_feasible < 2) {
            parley_bargain_free(ctx, stream);
            continue; /* too large (or empty) to enumerate in a test */
        }
        o.max_enumerate = 0;
        cr_assert_eq(parley_bargain_run(ctx, s, &o, &bnb), PARLEY_OK);
        cr_assert_not(bnb->enumerated);
        cr_assert_eq(stream->zopa.empty, bnb->zopa.empty);
        cr_assert_eq(stream->zopa.count, bnb->zopa.count, "%s", o.proposal);
        cr_assert_eq(stream->zopa.best_min_gain, bnb->zopa.best_min_gain);
        cr_assert_eq(stream->zopa_subset.count, bnb->zopa_subset.count);
        cr_assert(stream->opposition == bnb->opposition ||
                  (isnan(stream->opposition) && isnan(bnb->opposition)));
        for (k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
            const parley_solution *x = &stream->solutions[k];
            const parley_solution *y = &bnb->solutions[k];

            cr_assert_eq(x->found, y->found);
            if (!x->found)
                continue;
            cr_assert_eq(x->value, y->value, "%s %s", o.proposal,
                         parley_solution_name(x->kind));
            cr_assert_eq(x->n_ties, y->n_ties);
            cr_assert_eq(x->n_points, y->n_points);
            cr_assert_arr_eq(x->options, y->options,
                             x->n_listed * s->n_issues * sizeof *x->options);
        }
        checked++;
        parley_bargain_free(ctx, stream);
        parley_bargain_free(ctx, bnb);
    }
    cr_assert_geq(checked, 3, "only %zu proposals small enough", checked);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}
