/*
 * test_genius.c -- the GENIUS loader: ANAC domains load with the right
 * issues, values, weights, evaluations, reservations and discounts; raw and
 * GENIUS semantics; every error path; allocation failures; and, for every
 * domain of NegMAS's reference file (tests/data/genius/reference_negmas.json,
 * NegMAS 0.15.7, confidence B), a brute-force enumeration over the loaded
 * scenario reproduces NegMAS's outcome count, utility ranges, number of
 * rational outcomes, Pareto frontier size and maximum-welfare point.
 *
 * The brute force here is independent of the bargaining engine: it
 * evaluates u_a(x) = sum_k salience_ak * option_values_ak[x_k] (summed from
 * 0.0 in issue order, as NegMAS and GENIUS do) for every package.
 */
#include "scenario/scenario.h"
#include "support.h"

#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- helpers ------------------------------------------------------------ */

static parley_scenario *load_path(parley_ctx *ctx, const char *rel, int raw)
{
    parley_load_options opts;
    parley_scenario *s = NULL;
    parley_status status;

    parley_load_options_set_default(&opts);
    opts.genius_raw = raw;
    status = parley_scenario_load(ctx, test_data(rel), &opts, &s);
    cr_assert_eq(status, PARLEY_OK, "loading %s: %s (%s)", rel,
                 parley_strerror(status), parley_ctx_errmsg(ctx));
    cr_assert_not_null(s);
    return s;
}

static const parley_stance *stance(const parley_scenario *s, size_t a, size_t k)
{
    return parley_i_stance(s, a, k);
}

/* All packages with every actor's utility: utilities[o * n_actors + a]. */
typedef struct space {
    size_t n_outcomes, n_actors, n_issues;
    double *utilities;
    size_t *choice; /* n_outcomes * n_issues option indices */
} space;

static void space_fill(space *sp, const parley_scenario *s)
{
    size_t o, k, a, *digit;

    sp->n_actors = s->n_actors;
    sp->n_issues = s->n_issues;
    sp->n_outcomes = 1;
    for (k = 0; k < s->n_issues; k++)
        sp->n_outcomes *= s->issues[k].n_options;
    sp->utilities = malloc(sp->n_outcomes * sp->n_actors * sizeof(double));
    sp->choice = malloc(sp->n_outcomes * sp->n_issues * sizeof(size_t));
    digit = calloc(s->n_issues, sizeof *digit);
    cr_assert(sp->utilities && sp->choice && digit);
    for (o = 0; o < sp->n_outcomes; o++) {
        for (a = 0; a < s->n_actors; a++) {
            double u = 0.0;

            for (k = 0; k < s->n_issues; k++) {
                const parley_stance *st = stance(s, a, k);

                u += st->salience.mode * st->option_values[digit[k]];
            }
            sp->utilities[o * sp->n_actors + a] = u;
        }
        memcpy(&sp->choice[o * sp->n_issues], digit,
               s->n_issues * sizeof *digit);
        /* the last issue varies fastest, like itertools.product */
        for (k = s->n_issues; k-- > 0;) {
            if (++digit[k] < s->issues[k].n_options)
                break;
            digit[k] = 0;
        }
    }
    free(digit);
}

static void space_destroy(space *sp)
{
    free(sp->utilities);
    free(sp->choice);
}

static int rational(const space *sp, const parley_scenario *s, size_t o)
{
    size_t a;

    for (a = 0; a < sp->n_actors; a++)
        if (sp->utilities[o * sp->n_actors + a] < s->actors[a].reservation.mode)
            return 0;
    return 1;
}

static const space *sort_space; /* for qsort in this test only */

/* Lexicographically descending utility vectors. */
static int cmp_desc(const void *pa, const void *pb)
{
    const double *x =
        &sort_space->utilities[*(const size_t *)pa * sort_space->n_actors];
    const double *y =
        &sort_space->utilities[*(const size_t *)pb * sort_space->n_actors];
    size_t a;

    for (a = 0; a < sort_space->n_actors; a++)
        if (x[a] != y[a])
            return x[a] > y[a] ? -1 : 1;
    return 0;
}

/*
 * Pareto frontier of the rational packages as NegMAS counts it: distinct
 * utility vectors that no other rational package weakly dominates, exact
 * float comparison.  After a lexicographically descending sort a package
 * can only be dominated by an earlier one, and then by an earlier frontier
 * point, so each package is checked against the frontier so far.
 * Frontier outcome indices go to *frontier (caller frees).
 */
static size_t pareto(const space *sp, const parley_scenario *s,
                     size_t **frontier)
{
    size_t *order = malloc(sp->n_outcomes * sizeof *order);
    size_t *kept = malloc(sp->n_outcomes * sizeof *kept);
    size_t n = 0, n_kept = 0, i, j, a, p = sp->n_actors;

    cr_assert(order && kept);
    for (i = 0; i < sp->n_outcomes; i++)
        if (rational(sp, s, i))
            order[n++] = i;
    sort_space = sp;
    qsort(order, n, sizeof *order, cmp_desc);
    for (i = 0; i < n; i++) {
        const double *u = &sp->utilities[order[i] * p];
        int dominated = 0;

        if (i > 0 && cmp_desc(&order[i - 1], &order[i]) == 0)
            continue; /* same vector: one frontier entry */
        for (j = 0; j < n_kept && !dominated; j++) {
            const double *v = &sp->utilities[kept[j] * p];

            dominated = 1;
            for (a = 0; a < p; a++)
                if (v[a] < u[a])
                    dominated = 0;
        }
        if (!dominated)
            kept[n_kept++] = order[i];
    }
    free(order);
    if (frontier)
        *frontier = kept;
    else
        free(kept);
    return n_kept;
}

static double welfare(const space *sp, size_t o)
{
    double w = 0.0;
    size_t a;

    for (a = 0; a < sp->n_actors; a++)
        w += sp->utilities[o * sp->n_actors + a];
    return w;
}

/* ---- Camera (ANAC 2011) ------------------------------------------------- */

Test(genius, camera_loads_issues_values_weights_evaluations)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_path(ctx, "genius/anac/y2011/Camera", 0);
    const size_t values[] = {5, 4, 3, 3, 5, 4};
    /* camera_buyer_utility.xml, <weight> elements in index order */
    const double buyer_w[] = {0.34, 0.06, 0.13, 0.10, 0.11, 0.26};
    const parley_stance *st;
    size_t k, buyer, seller;

    cr_assert_eq(s->format, PARLEY_FORMAT_GENIUS);
    cr_assert_eq(s->utility_additive_raw, 1);
    cr_assert_str_eq(s->id, "camera_domain");
    cr_assert_eq(s->n_issues, 6);
    for (k = 0; k < 6; k++)
        cr_assert_eq(s->issues[k].n_options, values[k], "issue %zu", k);
    cr_assert_str_eq(s->issues[0].id, "Maker");
    cr_assert_str_eq(s->issues[5].id, "Accessory");
    cr_assert_str_eq(s->issues[1].options[2].label, "Micro Four Thirds");
    cr_assert_str_eq(s->issues[0].options[0].id, "Maker:Canon");
    cr_assert_float_eq(s->issues[0].options[1].value, 25.0, 1e-12);
    cr_assert_float_eq(s->issues[0].options[4].value, 100.0, 1e-12);
    cr_assert_eq(s->n_actors, 2);
    buyer = parley_actor_find(s, "camera_buyer_utility");
    seller = parley_actor_find(s, "camera_seller_utility");
    cr_assert_eq(buyer, 0, "profiles sorted by file name");
    cr_assert_eq(seller, 1);
    for (k = 0; k < 6; k++)
        cr_assert_eq(stance(s, buyer, k)->salience.mode, buyer_w[k],
                     "weight %zu kept exactly as written", k);
    /* buyer Maker: Canon 320 (max), Nikon 300, Pentax 10 */
    st = stance(s, buyer, 0);
    cr_assert(st->present);
    cr_assert_eq(st->option_values[0], 1.0);
    cr_assert_eq(st->option_values[1], 300.0 / 320.0);
    cr_assert_eq(st->option_values[2], 10.0 / 320.0);
    cr_assert_float_eq(st->position.mode, 0.0, 1e-12, "Canon is best");
    /* seller Maker: Pentax 500 (max), Sony 300 */
    st = stance(s, seller, 0);
    cr_assert_eq(st->option_values[2], 1.0);
    cr_assert_eq(st->option_values[3], 300.0 / 500.0);
    cr_assert_float_eq(st->position.mode, 50.0, 1e-12, "Pentax is best");
    /* seller Tripod: GITZO 50, Manfrotto 160 (max); weight 0.26 */
    cr_assert_eq(stance(s, seller, 3)->option_values[0], 50.0 / 160.0);
    cr_assert_eq(stance(s, seller, 3)->option_values[1], 1.0);
    cr_assert_eq(stance(s, seller, 3)->salience.mode, 0.26);
    /* <reservation value="0" />, <discount_factor value="0.890596104"> */
    cr_assert_eq(s->actors[buyer].reservation.mode, 0.0);
    cr_assert_eq(s->actors[buyer].reservation.present, 1);
    cr_assert_eq(s->actors[seller].discount.mode, 0.890596104);
    cr_assert_eq(s->actors[seller].discount.present, 1);
    cr_assert_gt(s->actors[seller].discount.line, 0);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(genius, camera_raw_keeps_evaluations_as_written)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *raw = load_path(ctx, "genius/anac/y2011/Camera", 1);
    parley_scenario *norm = load_path(ctx, "genius/anac/y2011/Camera", 0);
    size_t a, k, i;

    cr_assert_eq(stance(raw, 0, 0)->option_values[0], 320.0);
    cr_assert_eq(stance(raw, 1, 4)->option_values[0], 20.0, "seller Bag Domke");
    cr_assert_eq(stance(raw, 1, 4)->option_values[1], 100.0,
                 "seller Bag Lowepro");
    for (a = 0; a < 2; a++)
        for (k = 0; k < raw->n_issues; k++) {
            const parley_stance *r = stance(raw, a, k);
            const parley_stance *n = stance(norm, a, k);
            double max = 0;

            cr_assert_eq(r->salience.mode, n->salience.mode);
            for (i = 0; i < raw->issues[k].n_options; i++)
                max = fmax(max, r->option_values[i]);
            cr_assert_gt(max, 1.0, "raw Camera evaluations exceed 1");
            for (i = 0; i < raw->issues[k].n_options; i++)
                cr_assert_eq(n->option_values[i], r->option_values[i] / max);
        }
    parley_scenario_free(raw);
    parley_scenario_free(norm);
    parley_ctx_free(ctx);
}

/* validation/README.md, genius/: Camera has 3600 outcomes, 12 Pareto points
 * with raw evaluations and max welfare (276.9, 157.3) (NegMAS, B); 16 points
 * under GENIUS normalisation. */
Test(genius, camera_pareto_raw_12_genius_16)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *raw = load_path(ctx, "genius/anac/y2011/Camera", 1);
    parley_scenario *norm = load_path(ctx, "genius/anac/y2011/Camera", 0);
    space sp;
    size_t o, best = 0;

    space_fill(&sp, raw);
    cr_assert_eq(sp.n_outcomes, 3600);
    cr_assert_eq(pareto(&sp, raw, NULL), 12);
    for (o = 1; o < sp.n_outcomes; o++)
        if (welfare(&sp, o) > welfare(&sp, best))
            best = o;
    cr_assert_float_eq(sp.utilities[best * 2], 276.9, 1e-9);
    cr_assert_float_eq(sp.utilities[best * 2 + 1], 157.3, 1e-9);
    space_destroy(&sp);
    space_fill(&sp, norm);
    cr_assert_eq(pareto(&sp, norm, NULL), 16);
    space_destroy(&sp);
    parley_scenario_free(raw);
    parley_scenario_free(norm);
    parley_ctx_free(ctx);
}

/* validation/README.md: Laptop's Pareto set is {HP/60/19'', Mac/60/19'',
 * HP/80/19'', Mac/80/19''} under any positive rescaling (NegMAS). */
Test(genius, laptop_pareto_set_under_both_semantics)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    const char *want[4] = {"HP/60 Gb/19'' LCD", "Macintosh/60 Gb/19'' LCD",
                           "HP/80 Gb/19'' LCD", "Macintosh/80 Gb/19'' LCD"};
    int raw;

    for (raw = 0; raw <= 1; raw++) {
        parley_scenario *s = load_path(ctx, "genius/laptop_negmas_test", raw);
        size_t *frontier, n, i, w, found = 0;
        space sp;

        cr_assert_eq(s->n_issues, 3);
        cr_assert_eq(s->n_actors, 2);
        space_fill(&sp, s);
        cr_assert_eq(sp.n_outcomes, 27);
        n = pareto(&sp, s, &frontier);
        cr_assert_eq(n, 4, "raw=%d", raw);
        for (i = 0; i < n; i++) {
            char text[128];
            const size_t *c = &sp.choice[frontier[i] * 3];

            snprintf(text, sizeof text, "%s/%s/%s",
                     s->issues[0].options[c[0]].label,
                     s->issues[1].options[c[1]].label,
                     s->issues[2].options[c[2]].label);
            for (w = 0; w < 4; w++)
                found += strcmp(text, want[w]) == 0;
        }
        cr_assert_eq(found, 4);
        free(frontier);
        space_destroy(&sp);
        parley_scenario_free(s);
    }
    /* the ANAC 2011 copy loads as well */
    parley_scenario_free(load_path(ctx, "genius/anac/y2011/Laptop", 0));
    parley_ctx_free(ctx);
}

/* ---- multilateral ------------------------------------------------------- */

Test(genius, multilateral_university_and_bank_robbery)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s =
        load_path(ctx, "genius/anac/y2015/group1-university", 0);
    /* Bank_Robbery_util1..9.xml <reservation value=...> */
    const double reservation[9] = {0.2, 0.2, 0.3, 0.3, 0.4, 0.3, 0.5, 0.3, 0.4};
    size_t a;

    cr_assert_eq(s->n_actors, 9);
    cr_assert_str_eq(s->actors[0].id, "University_util1");
    cr_assert_str_eq(s->actors[8].id, "University_util9");
    cr_assert_eq(s->n_issues, 5);
    parley_scenario_free(s);
    s = load_path(ctx, "genius/anac/y2015/group3-bank_robbery", 0);
    cr_assert_eq(s->n_actors, 9);
    for (a = 0; a < 9; a++) {
        cr_assert_eq(s->actors[a].reservation.mode, reservation[a]);
        cr_assert_eq(s->actors[a].discount.mode, 1.0);
        cr_assert_eq(s->actors[a].discount.present, 1);
    }
    parley_scenario_free(s);
    /* NiceOrDie has neither reservation nor discount: 0 and 1, not given */
    s = load_path(ctx, "genius/anac/y2011/NiceOrDie", 0);
    cr_assert_eq(s->actors[0].reservation.mode, 0.0);
    cr_assert_eq(s->actors[0].reservation.present, 0);
    cr_assert_eq(s->actors[0].discount.mode, 1.0);
    cr_assert_eq(s->actors[0].discount.present, 0);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(genius, zoning_plan_issue_with_zero_evaluations_scores_zero)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s =
        load_path(ctx, "genius/anac/y2015/group4-zoning_plan", 0);
    size_t a, k, i, zero_issues = 0;

    for (a = 0; a < s->n_actors; a++)
        for (k = 0; k < s->n_issues; k++) {
            const parley_stance *st = stance(s, a, k);
            double max = 0;

            for (i = 0; i < s->issues[k].n_options; i++)
                max = fmax(max, st->option_values[i]);
            cr_assert(max == 0.0 || max == 1.0);
            zero_issues += max == 0.0;
        }
    cr_assert_gt(zero_issues, 0, "the README names this domain for it");
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- entry points ------------------------------------------------------- */

Test(genius, load_files_keeps_the_given_order)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    char p0[4096], p1[4096], p2[4096];
    const char *paths[3] = {p0, p1, p2};
    parley_scenario *s = NULL;

    snprintf(p0, sizeof p0, "%s",
             test_data("genius/anac/y2011/Camera/camera_domain.xml"));
    snprintf(p1, sizeof p1, "%s",
             test_data("genius/anac/y2011/Camera/camera_seller_utility.xml"));
    snprintf(p2, sizeof p2, "%s",
             test_data("genius/anac/y2011/Camera/camera_buyer_utility.xml"));
    cr_assert_eq(parley_scenario_load_files(ctx, paths, 3, NULL, &s), PARLEY_OK,
                 "%s", parley_ctx_errmsg(ctx));
    cr_assert_str_eq(s->actors[0].id, "camera_seller_utility");
    cr_assert_str_eq(s->actors[1].id, "camera_buyer_utility");
    cr_assert_eq(s->format, PARLEY_FORMAT_GENIUS);
    parley_scenario_free(s);
    /* a domain path loads the profiles beside it */
    s = load_path(ctx, "genius/anac/y2011/Camera/camera_domain.xml", 0);
    cr_assert_eq(s->n_actors, 2);
    parley_scenario_free(s);
    /* fewer than two files, a profile first, a missing file */
    cr_assert_eq(parley_scenario_load_files(ctx, paths, 1, NULL, &s),
                 PARLEY_EINVAL);
    cr_assert_null(s);
    paths[0] = p1;
    cr_assert_eq(parley_scenario_load_files(ctx, paths, 3, NULL, &s),
                 PARLEY_EVALID);
    cr_assert_null(s);
    paths[0] = "/nonexistent/domain.xml";
    cr_assert_eq(parley_scenario_load_files(ctx, paths, 3, NULL, &s),
                 PARLEY_EIO);
    parley_ctx_clear(ctx);
    /* a profile path is refused with advice */
    cr_assert_eq(parley_scenario_load(ctx, p2, NULL, &s), PARLEY_EVALID);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "profile") != NULL);
    parley_ctx_free(ctx);
}

Test(genius, buffer_alone_is_unsupported)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_load_options opts;
    parley_scenario *s = NULL;
    const char xml[] = "<negotiation_template/>";

    parley_load_options_set_default(&opts);
    cr_assert_eq(parley_format_detect(NULL, xml, sizeof xml - 1),
                 PARLEY_FORMAT_GENIUS);
    cr_assert_eq(parley_scenario_load_buffer(ctx, "d.xml", xml, sizeof xml - 1,
                                             &opts, &s),
                 PARLEY_EUNSUPPORTED);
    cr_assert_null(s);
    parley_ctx_free(ctx);
}

/* ---- small synthetic inputs and every error ----------------------------- */

static const char domain_xml[] =
    "<negotiation_template>\n"                                   /* 1 */
    "<utility_space number_of_issues=\"2\">\n"                   /* 2 */
    "<objective index=\"0\" name=\"root\" type=\"objective\">\n" /* 3 */
    "<issue index=\"1\" name=\"Colour\" type=\"discrete\">\n"    /* 4 */
    "<item index=\"1\" value=\"red\"/>\n"                        /* 5 */
    "<item index=\"2\" value=\"blue\"/>\n"                       /* 6 */
    "<item index=\"3\" value=\"green\"/>\n"                      /* 7 */
    "</issue>\n"                                                 /* 8 */
    "<issue index=\"2\" name=\"Weeks\" type=\"integer\" lowerbound=\"1\" "
    "upperbound=\"4\"/>\n" /* 9 */
    "</objective>\n"
    "</utility_space>\n"
    "</negotiation_template>\n";

/* A profile with %s holes: colour items, weeks evaluator, weights, extra. */
static char *profile(const char *items, const char *evaluator,
                     const char *weights, const char *extra)
{
    static char text[4096];

    snprintf(text, sizeof text,
             "<utility_space>\n" /* 1 */
             "<objective index=\"0\" name=\"root\" type=\"objective\">\n"
             "<issue index=\"1\" name=\"Colour\" type=\"discrete\">\n" /* 3 */
             "%s"
             "</issue>\n"
             "<issue index=\"2\" name=\"Weeks\" type=\"integer\">\n"
             "%s"
             "</issue>\n"
             "%s"
             "</objective>\n"
             "%s"
             "</utility_space>\n",
             items, evaluator, weights, extra);
    return text;
}

static const char good_items[] =
    "<item value=\"red\" evaluation=\"4\"/>\n"    /* 4 */
    "<item value=\"blue\" evaluation=\"2\"/>\n"   /* 5 */
    "<item value=\"green\" evaluation=\"0\"/>\n"; /* 6 */
static const char good_eval[] =
    "<evaluator ftype=\"linear\" slope=\"0.5\" offset=\"0.2\"/>\n";
static const char good_weights[] =
    "<weight index=\"1\" value=\"0.6\"/>\n<weight index=\"2\" "
    "value=\"0.5\"/>\n";

/* Loads the synthetic domain with one profile text. */
static parley_status load_pair(parley_ctx *ctx, const char *domain,
                               const char *prof, int raw, parley_scenario **out)
{
    parley_genius_input d = {"dom.xml", domain, strlen(domain)};
    parley_genius_input p = {"dir/prof.xml", prof, strlen(prof)};
    parley_load_options opts;

    parley_load_options_set_default(&opts);
    opts.genius_raw = raw;
    return parley_i_load_genius_inputs(ctx, &d, &p, 1, &opts, out);
}

Test(genius, integer_issue_linear_clamped_evaluator)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    const parley_stance *st;
    int raw;

    for (raw = 0; raw <= 1; raw++) {
        cr_assert_eq(load_pair(ctx, domain_xml,
                               profile(good_items, good_eval, good_weights,
                                       "<reservation value=\"0.25\"/>\n"),
                               raw, &s),
                     PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
        cr_assert_str_eq(s->actors[0].id, "prof");
        cr_assert_eq(s->issues[1].n_options, 4);
        cr_assert_str_eq(s->issues[1].options[3].id, "Weeks:4");
        cr_assert_str_eq(s->issues[1].options[0].label, "1");
        st = stance(s, 0, 1);
        /* clamp(0.2 + 0.5 (x - 1), 0, 1) for x = 1..4: alike in both */
        cr_assert_float_eq(st->option_values[0], 0.2, 1e-15);
        cr_assert_float_eq(st->option_values[1], 0.7, 1e-15);
        cr_assert_eq(st->option_values[2], 1.0);
        cr_assert_eq(st->option_values[3], 1.0);
        cr_assert_eq(st->salience.mode, 0.5);
        cr_assert_float_eq(st->position.mode, 200.0 / 3.0, 1e-12);
        st = stance(s, 0, 0);
        cr_assert_eq(st->option_values[1], raw ? 2.0 : 0.5);
        cr_assert_eq(s->actors[0].reservation.mode, 0.25);
        cr_assert_eq(s->actors[0].discount.present, 0);
        parley_scenario_free(s);
        s = NULL;
    }
    /* a negative slope reaching below 0 clamps there */
    cr_assert_eq(load_pair(ctx, domain_xml,
                           profile(good_items,
                                   "<evaluator ftype=\"linear\" "
                                   "slope=\"-0.5\" offset=\"1\"/>",
                                   good_weights, ""),
                           0, &s),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    cr_assert_eq(stance(s, 0, 1)->option_values[3], 0.0);
    cr_assert_eq(stance(s, 0, 1)->option_values[2], 0.0);
    cr_assert_eq(stance(s, 0, 1)->option_values[1], 0.5);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* One error case: the status, and the first message's "file:line:" start
 * and a word it must contain. */
static void expect_error(const char *domain, const char *prof,
                         parley_status want, const char *where,
                         const char *word)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = (parley_scenario *)&s; /* must be reset */
    parley_status status = load_pair(ctx, domain, prof, 0, &s);
    const char *msg = parley_ctx_errmsg(ctx);

    cr_assert_eq(status, want, "got %s: %s", parley_strerror(status), msg);
    cr_assert_null(s);
    cr_assert_eq(strncmp(msg, where, strlen(where)), 0,
                 "message '%s' should start with '%s'", msg, where);
    cr_assert(strstr(msg, word) != NULL, "message '%s' lacks '%s'", msg, word);
    parley_ctx_free(ctx);
}

Test(genius, errors_name_file_line_and_problem)
{
    /* malformed XML: libxml2's line and column */
    expect_error(domain_xml, "<utility_space>\n<objective>\n</utility_space>",
                 PARLEY_EPARSE, "dir/prof.xml:3:", "malformed XML");
    expect_error("<negotiation_template", "<utility_space/>", PARLEY_EPARSE,
                 "dom.xml:1:", "malformed");
    /* a DOCTYPE (entities) is refused */
    expect_error(domain_xml,
                 "<!DOCTYPE u [<!ENTITY a \"x\">]>\n<utility_space>"
                 "<objective><weight index=\"1\" value=\"1\"/></objective>"
                 "</utility_space>",
                 PARLEY_EPARSE, "dir/prof.xml:1:", "DOCTYPE");
}

Test(genius, errors_in_profiles)
{
    char buf[4096];

    /* unknown issue referenced by the profile (index 7) */
    snprintf(buf, sizeof buf, "%s",
             profile(good_items, good_eval, good_weights, ""));
    memcpy(strstr(buf, "index=\"2\" name=\"Weeks\""), "index=\"7\"", 9);
    expect_error(domain_xml, buf, PARLEY_EVALID,
                 "dir/prof.xml:8:", "'Weeks' (index 7) is not in the domain");
    /* more issues than the domain */
    snprintf(buf, sizeof buf, "%s",
             profile(good_items, good_eval,
                     "<weight index=\"1\" value=\"0.6\"/>\n"
                     "<weight index=\"2\" value=\"0.5\"/>\n"
                     "<issue index=\"7\" name=\"Extra\"/>\n",
                     ""));
    expect_error(domain_xml, buf, PARLEY_EVALID,
                 "dir/prof.xml:2:", "has 3 issues but the domain 2");
    /* a weight for no issue */
    snprintf(buf, sizeof buf, "%s",
             profile(good_items, good_eval,
                     "<weight index=\"1\" value=\"0.6\"/>\n"
                     "<weight index=\"2\" value=\"0.5\"/>\n"
                     "<weight index=\"9\" value=\"0.5\"/>\n",
                     ""));
    expect_error(domain_xml, buf, PARLEY_EVALID,
                 "dir/prof.xml:13:", "no issue of the domain");
    /* a missing weight */
    snprintf(buf, sizeof buf, "%s",
             profile(good_items, good_eval,
                     "<weight index=\"1\" value=\"0.6\"/>\n", ""));
    expect_error(domain_xml, buf, PARLEY_EVALID,
                 "dir/prof.xml:2:", "no weight for issue 'Weeks'");
    /* two weights for one issue */
    snprintf(buf, sizeof buf, "%s",
             profile(good_items, good_eval,
                     "<weight index=\"1\" value=\"0.6\"/>\n"
                     "<weight index=\"1\" value=\"0.6\"/>\n"
                     "<weight index=\"2\" value=\"0.5\"/>\n",
                     ""));
    expect_error(domain_xml, buf, PARLEY_EVALID,
                 "dir/prof.xml:12:", "two weights");
    /* negative and non-numeric weights */
    snprintf(buf, sizeof buf, "%s",
             profile(good_items, good_eval,
                     "<weight index=\"1\" value=\"-0.6\"/>\n"
                     "<weight index=\"2\" value=\"0.5\"/>\n",
                     ""));
    expect_error(domain_xml, buf, PARLEY_EVALID,
                 "dir/prof.xml:11:", "negative");
    snprintf(buf, sizeof buf, "%s",
             profile(good_items, good_eval,
                     "<weight index=\"1\" value=\"heavy\"/>\n"
                     "<weight index=\"2\" value=\"0.5\"/>\n",
                     ""));
    expect_error(domain_xml, buf, PARLEY_EPARSE, "dir/prof.xml:11:", "heavy");
    /* a value the domain does not have */
    expect_error(domain_xml,
                 profile("<item value=\"red\" evaluation=\"4\"/>\n"
                         "<item value=\"purple\" evaluation=\"2\"/>\n",
                         good_eval, good_weights, ""),
                 PARLEY_EVALID, "dir/prof.xml:5:", "'purple' is not a value");
    /* a value without evaluation */
    expect_error(domain_xml,
                 profile("<item value=\"red\" evaluation=\"4\"/>\n"
                         "<item value=\"green\" evaluation=\"4\"/>\n",
                         good_eval, good_weights, ""),
                 PARLEY_EVALID, "dir/prof.xml:3:",
                 "value 'blue' of issue 'Colour' has no evaluation");
    /* a negative evaluation */
    expect_error(domain_xml,
                 profile("<item value=\"red\" evaluation=\"4\"/>\n"
                         "<item value=\"blue\" evaluation=\"-1\"/>\n"
                         "<item value=\"green\" evaluation=\"0\"/>\n",
                         good_eval, good_weights, ""),
                 PARLEY_EVALID, "dir/prof.xml:5:", "negative");
    /* profile/domain mismatch: the issue's name differs */
    snprintf(buf, sizeof buf, "%s",
             profile(good_items, good_eval, good_weights, ""));
    *strstr(buf, "Colour") = 'K';
    expect_error(domain_xml, buf, PARLEY_EVALID,
                 "dir/prof.xml:3:", "does not match the domain");
    /* the integer issue's bounds differ from the domain's */
    snprintf(buf, sizeof buf, "%s",
             profile(good_items, good_eval, good_weights, ""));
    {
        char with_bounds[4096];
        char *cut = strstr(buf, "type=\"integer\">");

        *cut = '\0';
        snprintf(with_bounds, sizeof with_bounds,
                 "%stype=\"integer\" upperbound=\"9\">%s", buf,
                 cut + strlen("type=\"integer\">"));
        expect_error(domain_xml, with_bounds, PARLEY_EVALID,
                     "dir/prof.xml:8:", "upperbound 9 here but 4");
    }
    /* an integer issue without evaluator, or with another function */
    expect_error(domain_xml, profile(good_items, "", good_weights, ""),
                 PARLEY_EVALID, "dir/prof.xml:8:", "no <evaluator>");
    expect_error(domain_xml,
                 profile(good_items,
                         "<evaluator ftype=\"exponential\" slope=\"1\" "
                         "offset=\"0\"/>\n",
                         good_weights, ""),
                 PARLEY_EUNSUPPORTED, "dir/prof.xml:9:", "exponential");
    /* an issue missing from the profile */
    expect_error(domain_xml,
                 "<utility_space>\n<objective index=\"0\">\n"
                 "<issue index=\"1\" name=\"Colour\">\n"
                 "<item value=\"red\" evaluation=\"1\"/>\n"
                 "<item value=\"blue\" evaluation=\"1\"/>\n"
                 "<item value=\"green\" evaluation=\"1\"/>\n</issue>\n"
                 "<weight index=\"1\" value=\"1\"/>\n"
                 "<weight index=\"2\" value=\"0\"/>\n"
                 "</objective>\n</utility_space>\n",
                 PARLEY_EVALID,
                 "dir/prof.xml:2:", "no evaluation for issue 'Weeks'");
    /* a discount factor outside [0, 1] */
    expect_error(domain_xml,
                 profile(good_items, good_eval, good_weights,
                         "<discount_factor value=\"1.5\"/>\n"),
                 PARLEY_EVALID, "dir/prof.xml:14:", "discount factor");
    /* the domain given where a profile belongs, and the other way */
    expect_error(domain_xml, domain_xml, PARLEY_EVALID,
                 "dir/prof.xml:1:", "is a GENIUS domain");
    expect_error(profile(good_items, good_eval, good_weights, ""),
                 profile(good_items, good_eval, good_weights, ""),
                 PARLEY_EVALID, "dom.xml:1:", "utility profile");
    expect_error(domain_xml, "<html/>", PARLEY_EVALID,
                 "dir/prof.xml:1:", "not GENIUS");
}

Test(genius, errors_in_domains)
{
    const char *prof = profile(good_items, good_eval, good_weights, "");
    char prof_copy[4096];

    snprintf(prof_copy, sizeof prof_copy, "%s", prof);
    /* a real issue */
    expect_error("<utility_space><objective>\n"
                 "<issue index=\"1\" name=\"Price\" type=\"real\" "
                 "lowerbound=\"0\" upperbound=\"1\"/>\n"
                 "</objective></utility_space>",
                 prof_copy, PARLEY_EUNSUPPORTED, "dom.xml:2:", "real");
    /* an integer range over the option limit */
    expect_error("<utility_space><objective>\n"
                 "<issue index=\"1\" name=\"Units\" type=\"integer\" "
                 "lowerbound=\"0\" upperbound=\"5000000\"/>\n"
                 "</objective></utility_space>",
                 prof_copy, PARLEY_ELIMIT, "dom.xml:2:", "--max-options");
    expect_error("<utility_space><objective>\n"
                 "<issue index=\"1\" name=\"Units\" type=\"integer\" "
                 "lowerbound=\"-9223372036854775807\" "
                 "upperbound=\"9223372036854775807\"/>\n"
                 "</objective></utility_space>",
                 prof_copy, PARLEY_ELIMIT, "dom.xml:2:", "--max-options");
    expect_error("<utility_space><objective>\n"
                 "<issue index=\"1\" name=\"Units\" type=\"integer\" "
                 "lowerbound=\"5\" upperbound=\"1\"/>\n"
                 "</objective></utility_space>",
                 prof_copy, PARLEY_EVALID, "dom.xml:2:", "above");
    /* no issues, an issue without values, a duplicate value or name */
    expect_error("<utility_space>\n<objective/></utility_space>", prof_copy,
                 PARLEY_EVALID, "dom.xml:2:", "no <issue>");
    expect_error("<utility_space><objective>\n"
                 "<issue index=\"1\" name=\"A\"/></objective>"
                 "</utility_space>",
                 prof_copy, PARLEY_EVALID, "dom.xml:2:", "no <item>");
    expect_error("<utility_space><objective>\n"
                 "<issue index=\"1\" name=\"A\"><item value=\"x\"/>\n"
                 "<item value=\"x\"/></issue></objective></utility_space>",
                 prof_copy, PARLEY_EVALID, "dom.xml:3:", "twice");
    expect_error("<utility_space><objective>\n"
                 "<issue index=\"1\" name=\"A\"><item value=\"x\"/></issue>"
                 "<issue index=\"1\" name=\"B\"><item value=\"x\"/></issue>"
                 "</objective></utility_space>",
                 prof_copy, PARLEY_EVALID, "dom.xml:1:", "share index 1");
    expect_error("<utility_space><objective>\n"
                 "<issue index=\"1\" name=\"A\"><item value=\"x\"/></issue>"
                 "<issue index=\"2\" name=\"A\"><item value=\"y\"/></issue>"
                 "</objective></utility_space>",
                 prof_copy, PARLEY_EVALID, "dom.xml:1:", "two issues");
    /* ids "<issue>:<value>" that would collide */
    expect_error("<utility_space><objective>\n"
                 "<issue index=\"1\" name=\"a:b\"><item value=\"c\"/></issue>"
                 "<issue index=\"2\" name=\"a\"><item value=\"b:c\"/>"
                 "</issue></objective></utility_space>",
                 prof_copy, PARLEY_EVALID, "dom.xml:1:", "option id 'a:b:c'");
    /* nested objectives, no objective, unknown issue type */
    expect_error("<utility_space><objective>\n<objective/>"
                 "</objective></utility_space>",
                 prof_copy, PARLEY_EUNSUPPORTED, "dom.xml:2:", "nested");
    expect_error("<negotiation_template>\n<utility_space/>"
                 "</negotiation_template>",
                 prof_copy, PARLEY_EVALID, "dom.xml:2:", "no <objective>");
    expect_error("<utility_space><objective>\n"
                 "<issue index=\"1\" name=\"A\" type=\"fuzzy\"/>"
                 "</objective></utility_space>",
                 prof_copy, PARLEY_EUNSUPPORTED, "dom.xml:2:", "fuzzy");
    expect_error("<utility_space><objective>\n"
                 "<issue name=\"A\"><item value=\"x\"/></issue>"
                 "</objective></utility_space>",
                 prof_copy, PARLEY_EVALID, "dom.xml:2:", "no index");
    expect_error("", prof_copy, PARLEY_EPARSE, "dom.xml", "empty");
}

/* ---- folders ------------------------------------------------------------ */

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[4096];
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    fp = fopen(path, "wb");
    cr_assert_not_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void remove_file(const char *dir, const char *name)
{
    char path[4096];

    snprintf(path, sizeof path, "%s/%s", dir, name);
    remove(path);
}

Test(genius, folder_errors)
{
    char dir[] = "/tmp/parley_genius_XXXXXX";
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    char prof[4096];

    snprintf(prof, sizeof prof, "%s",
             profile(good_items, good_eval, good_weights, ""));
    cr_assert_not_null(mkdtemp(dir));
    /* empty folder */
    cr_assert_eq(parley_scenario_load(ctx, dir, NULL, &s), PARLEY_EVALID);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "no XML file") != NULL);
    parley_ctx_clear(ctx);
    /* a domain without profiles */
    write_file(dir, "dom.xml", domain_xml);
    write_file(dir, "notes.txt", "not xml");
    cr_assert_eq(parley_scenario_load(ctx, dir, NULL, &s), PARLEY_EVALID);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "no utility profile") != NULL,
              "%s", parley_ctx_errmsg(ctx));
    parley_ctx_clear(ctx);
    /* with two profiles it loads, sorted by name */
    write_file(dir, "zed.xml", prof);
    write_file(dir, "alpha.xml", prof);
    cr_assert_eq(parley_scenario_load(ctx, dir, NULL, &s), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_str_eq(s->actors[0].id, "alpha");
    cr_assert_str_eq(s->actors[1].id, "zed");
    parley_scenario_free(s);
    s = NULL;
    /* a second domain */
    write_file(dir, "dom2.xml", domain_xml);
    cr_assert_eq(parley_scenario_load(ctx, dir, NULL, &s), PARLEY_EVALID);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "second GENIUS domain") != NULL);
    parley_ctx_clear(ctx);
    remove_file(dir, "dom2.xml");
    /* only profiles */
    remove_file(dir, "dom.xml");
    cr_assert_eq(parley_scenario_load(ctx, dir, NULL, &s), PARLEY_EVALID);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "no GENIUS domain") != NULL);
    parley_ctx_clear(ctx);
    /* a broken profile reports its own file and line */
    write_file(dir, "dom.xml", domain_xml);
    write_file(dir, "broken.xml", "<utility_space>\n<objective>\n");
    cr_assert_eq(parley_scenario_load(ctx, dir, NULL, &s), PARLEY_EPARSE);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "broken.xml:3:") != NULL, "%s",
              parley_ctx_errmsg(ctx));
    parley_ctx_clear(ctx);
    remove_file(dir, "broken.xml");
    /* a folder only loads as GENIUS */
    {
        parley_load_options opts;

        parley_load_options_set_default(&opts);
        opts.format = PARLEY_FORMAT_YAML;
        cr_assert_eq(parley_scenario_load(ctx, dir, &opts, &s),
                     PARLEY_EUNSUPPORTED);
        parley_ctx_clear(ctx);
    }
    remove_file(dir, "dom.xml");
    remove_file(dir, "notes.txt");
    remove_file(dir, "zed.xml");
    remove_file(dir, "alpha.xml");
    cr_assert_eq(rmdir(dir), 0);
    cr_assert_eq(parley_scenario_load(ctx, dir, NULL, &s), PARLEY_EIO);
    parley_ctx_free(ctx);
}

Test(genius, limits_on_actors_issues_and_options)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_limits lim;
    parley_scenario *s = NULL;
    char prof[4096];

    snprintf(prof, sizeof prof, "%s",
             profile(good_items, good_eval, good_weights, ""));
    parley_limits_set_default(&lim);
    lim.max_options = 3;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(load_pair(ctx, domain_xml, prof, 0, &s), PARLEY_ELIMIT);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "Weeks") != NULL);
    parley_ctx_clear(ctx);
    lim.max_options = 2;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(load_pair(ctx, domain_xml, prof, 0, &s), PARLEY_ELIMIT);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "Colour") != NULL);
    parley_ctx_clear(ctx);
    parley_limits_set_default(&lim);
    lim.max_issues = 1;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(load_pair(ctx, domain_xml, prof, 0, &s), PARLEY_ELIMIT);
    parley_ctx_clear(ctx);
    parley_limits_set_default(&lim);
    lim.max_actors = 0;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(load_pair(ctx, domain_xml, prof, 0, &s), PARLEY_ELIMIT);
    cr_assert_null(s);
    parley_ctx_free(ctx);
}

/* ---- allocation failures ------------------------------------------------ */

static parley_status load_camera_folder(parley_ctx *ctx, void *user)
{
    parley_scenario *s = NULL;
    parley_status status;

    (void)user;
    status = parley_scenario_load(ctx, test_data("genius/anac/y2011/Camera"),
                                  NULL, &s);
    parley_scenario_free(s);
    return status;
}

static parley_status load_synthetic_files(parley_ctx *ctx, void *user)
{
    parley_scenario *s = NULL;
    parley_status status = load_pair(ctx, domain_xml, user, 0, &s);

    parley_scenario_free(s);
    return status;
}

static parley_status load_dinner_files(parley_ctx *ctx, void *user)
{
    char p[4][4096];
    const char *paths[4] = {p[0], p[1], p[2], p[3]};
    parley_scenario *s = NULL;
    parley_status status;

    (void)user;
    snprintf(p[0], sizeof p[0], "%s",
             test_data("genius/anac/y2015/group2-dinner/Dinner.xml"));
    snprintf(p[1], sizeof p[1], "%s",
             test_data("genius/anac/y2015/group2-dinner/Dinner_util1.xml"));
    snprintf(p[2], sizeof p[2], "%s",
             test_data("genius/anac/y2015/group2-dinner/Dinner_util2.xml"));
    snprintf(p[3], sizeof p[3], "%s",
             test_data("genius/anac/y2015/group2-dinner/Dinner_util3.xml"));
    status = parley_scenario_load_files(ctx, paths, 4, NULL, &s);
    parley_scenario_free(s);
    return status;
}

Test(genius, allocation_failures_leak_nothing)
{
    char prof[4096];

    snprintf(prof, sizeof prof, "%s",
             profile(good_items, good_eval, good_weights, ""));
    cr_assert_gt(test_alloc_failures(load_camera_folder, NULL), 10);
    cr_assert_gt(test_alloc_failures(load_dinner_files, NULL), 10);
    cr_assert_gt(test_alloc_failures(load_synthetic_files, prof), 10);
}

/* ---- every domain of NegMAS's reference file ---------------------------- */

/* Domains up to this many packages are enumerated here (all 20 of the
 * reference file are below it; the largest, y2011 Energy, has 390,625). */
#define REFERENCE_MAX_OUTCOMES 1000000u

/* The JSON rounds utilities to 9 decimals. */
#define REFERENCE_TOL 1e-8

static double json_num(const json_t *v)
{
    cr_assert(json_is_number(v));
    return json_number_value(v);
}

static void check_reference_domain(const json_t *rec, size_t *checked)
{
    const char *folder = json_string_value(json_object_get(rec, "folder"));
    const json_t *names = json_object_get(rec, "issue_names");
    const json_t *per_issue = json_object_get(rec, "values_per_issue");
    const json_t *profiles = json_object_get(rec, "profiles");
    const json_t *reserved = json_object_get(rec, "reserved_values");
    const json_t *ranges = json_object_get(rec, "utility_ranges");
    const json_t *mw_utils = json_object_get(rec, "max_welfare_utils");
    size_t n_outcomes =
        (size_t)json_integer_value(json_object_get(rec, "n_outcomes"));
    char rel[512];
    parley_ctx *ctx;
    parley_scenario *s;
    space sp;
    size_t a, k, o, n_rational = 0, *frontier, n_frontier, best;

    cr_assert_not_null(folder);
    if (n_outcomes > REFERENCE_MAX_OUTCOMES) {
        cr_log_info("reference %s: %zu outcomes, skipped", folder, n_outcomes);
        return;
    }
    ctx = parley_ctx_new(NULL);
    snprintf(rel, sizeof rel, "genius/anac/%s", folder);
    s = load_path(ctx, rel, 0);
    cr_assert_eq(s->n_issues, json_array_size(names), "%s", folder);
    for (k = 0; k < s->n_issues; k++) {
        cr_assert_str_eq(s->issues[k].id,
                         json_string_value(json_array_get(names, k)));
        cr_assert_eq(s->issues[k].n_options,
                     (size_t)json_integer_value(json_array_get(per_issue, k)),
                     "%s issue %zu", folder, k);
    }
    cr_assert_eq(s->n_actors, json_array_size(profiles), "%s", folder);
    for (a = 0; a < s->n_actors; a++) {
        char id[256];

        snprintf(id, sizeof id, "%s",
                 json_string_value(json_array_get(profiles, a)));
        id[strlen(id) - 4] = '\0'; /* ".xml" */
        cr_assert_str_eq(s->actors[a].id, id, "%s", folder);
        cr_assert_eq(s->actors[a].reservation.mode,
                     json_num(json_array_get(reserved, a)), "%s", folder);
    }
    space_fill(&sp, s);
    cr_assert_eq(sp.n_outcomes, n_outcomes, "%s", folder);
    for (a = 0; a < s->n_actors; a++) {
        double lo = INFINITY, hi = -INFINITY;
        const json_t *range = json_array_get(ranges, a);

        for (o = 0; o < sp.n_outcomes; o++) {
            lo = fmin(lo, sp.utilities[o * sp.n_actors + a]);
            hi = fmax(hi, sp.utilities[o * sp.n_actors + a]);
        }
        cr_assert_float_eq(lo, json_num(json_array_get(range, 0)),
                           REFERENCE_TOL, "%s actor %zu", folder, a);
        cr_assert_float_eq(hi, json_num(json_array_get(range, 1)),
                           REFERENCE_TOL, "%s actor %zu", folder, a);
    }
    for (o = 0; o < sp.n_outcomes; o++)
        n_rational += (size_t)rational(&sp, s, o);
    cr_assert_eq(
        n_rational,
        (size_t)json_integer_value(json_object_get(rec, "n_rational_outcomes")),
        "%s", folder);
    n_frontier = pareto(&sp, s, &frontier);
    cr_assert_eq(
        n_frontier,
        (size_t)json_integer_value(json_object_get(rec, "pareto_points")),
        "%s: frontier size", folder);
    best = frontier[0];
    for (o = 1; o < n_frontier; o++)
        if (welfare(&sp, frontier[o]) > welfare(&sp, best))
            best = frontier[o];
    cr_assert_float_eq(welfare(&sp, best),
                       json_num(json_object_get(rec, "max_welfare")),
                       REFERENCE_TOL, "%s: max welfare", folder);
    if (json_integer_value(json_object_get(rec, "max_welfare_ties")) == 1)
        for (a = 0; a < s->n_actors; a++)
            cr_assert_float_eq(sp.utilities[best * sp.n_actors + a],
                               json_num(json_array_get(mw_utils, a)),
                               REFERENCE_TOL, "%s: max welfare utility %zu",
                               folder, a);
    free(frontier);
    space_destroy(&sp);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    (*checked)++;
}

Test(genius, reference_negmas_every_domain, .timeout = 600)
{
    json_error_t error;
    json_t *root =
        json_load_file(test_data("genius/reference_negmas.json"), 0, &error);
    const json_t *domains;
    size_t i, checked = 0;

    cr_assert_not_null(root, "%s:%d: %s", error.source, error.line, error.text);
    domains = json_object_get(root, "domains");
    cr_assert_eq(json_array_size(domains), 20);
    for (i = 0; i < json_array_size(domains); i++) {
        const json_t *rec = json_array_get(domains, i);

        cr_assert_str_eq(json_string_value(json_object_get(rec, "status")),
                         "ok");
        check_reference_domain(rec, &checked);
    }
    cr_assert_eq(checked, 20, "every reference domain is checked");
    json_decref(root);
}

/* libxml2 writes encoding errors to stderr through its global handlers even
 * with XML_PARSE_NOERROR; the loader must stay silent. */
Test(genius, encoding_errors_are_reported_not_printed,
     .init = cr_redirect_stderr)
{
    /* "HTML" names libxml2's output-only built-in encoder: reading with it
     * fails in the converter, which complains on the global channel */
    static const char declared[] = "<?xml version=\"1.0\" encoding=\"HTML\"?>\n"
                                   "<utility_space>\377\377</utility_space>";
    static const char utf16[] = {'<', 0, '?', 0, 0x00, (char)0xDC, 'x', 0};
    parley_genius_input d = {"dom.xml", declared, sizeof declared - 1};
    parley_genius_input p = {"p.xml", utf16, sizeof utf16};
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;

    cr_assert_eq(parley_i_load_genius_inputs(ctx, &d, &p, 1, NULL, &s),
                 PARLEY_EPARSE);
    cr_assert_null(s);
    cr_assert_eq(parley_ctx_ndiag(ctx), 2, "both files reported");
    cr_assert_str_eq(parley_ctx_diag(ctx, 0)->file, "dom.xml");
    fflush(stderr);
    cr_assert_stderr_eq_str("");
    parley_ctx_free(ctx);
}
