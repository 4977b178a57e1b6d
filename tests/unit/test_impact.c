/*
 * test_impact.c -- third-party impact scorecards (src/dynamics/impact.c),
 * the `parley impact` report and its writers (src/report/impact_write.c),
 * and the loader's impact extensions (set, mean_of, group, uncertain
 * by_outcome cells).
 *
 * Reference numbers: ukraine-brief.md 7.4.
 *  - "Weighted welfare by outcome type, computed from the 7.3 matrix with
 *    these weights ... Cells with two values ("0 / -1") are computed at the
 *    midpoint":  O1a +1.54 (normative +0.76, economic +0.60), O1b +0.07
 *    (-0.36, +0.40), O1c -0.46 (-0.76, +0.45), O2 -0.44 (-0.39, +0.05),
 *    O3 -0.64 (-0.39, -0.10), O4 -1.91 (-0.82, -0.75).  The brief rounds to
 *    two decimals; O4's exact sum is -1.905 (SG13 at the midpoint -0.5
 *    gives 0.01 x -0.5), which the brief rounds to -1.91.
 *  - SG1 = clip(2 - 0.06 T_avg - 0.01 RECOG): "O1a (0,0) -> +2 ; freeze
 *    O2/O3 (~43,0) -> -0.6 ; O1b (50,25) -> -1.25 ; O1c (>=50,100) -> -2".
 * The proposal scorecards (PR2 and others) are the same formulas worked by
 * hand over the brief's 4.1 packages.
 */
#include "dynamics/outcome.h"
#include "support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define TOL 1e-9

typedef struct pkg_buf {
    double value[32];
    size_t option[32];
    parley_package pkg;
} pkg_buf;

static parley_scenario *load_path(parley_ctx *ctx, const char *path)
{
    parley_scenario *s = NULL;

    cr_assert_eq(parley_scenario_load(ctx, path, NULL, &s), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    return s;
}

static parley_scenario *load_ukraine(parley_ctx *ctx)
{
    return load_path(ctx, test_source("examples/ukraine-2026.yaml"));
}

static void proposal_pkg(parley_ctx *ctx, const parley_scenario *s,
                         const char *id, pkg_buf *b)
{
    size_t p;

    cr_assert_leq(parley_scenario_n_issues(s), 32);
    for (p = 0; p < parley_scenario_n_proposals(s); p++)
        if (strcmp(parley_proposal_id(s, p), id) == 0)
            break;
    cr_assert_lt(p, parley_scenario_n_proposals(s), "no proposal %s", id);
    cr_assert_eq(parley_proposal_package(ctx, s, p, b->value, b->option),
                 PARLEY_OK);
    b->pkg.n_issues = parley_scenario_n_issues(s);
    b->pkg.value = b->value;
    b->pkg.option = b->option;
}

static const parley_dimension_score *dim(const parley_scorecard *c,
                                         const char *id)
{
    size_t d;

    for (d = 0; d < c->n_dims; d++)
        if (strcmp(c->dims[d].id, id) == 0)
            return &c->dims[d];
    cr_assert_fail("no dimension %s", id);
    return NULL;
}

static double group(const parley_scorecard *c, const char *name)
{
    size_t g;

    for (g = 0; g < c->n_groups; g++)
        if (strcmp(c->groups[g].group, name) == 0)
            return c->groups[g].welfare;
    cr_assert_fail("no group %s", name);
    return NAN;
}

/* Scores proposal `id` of the Ukraine scenario under outcome `outcome`. */
static parley_scorecard *score_proposal(parley_ctx *ctx,
                                        const parley_scenario *s,
                                        const char *id, const char *outcome,
                                        pkg_buf *b)
{
    parley_scorecard *c = NULL;

    proposal_pkg(ctx, s, id, b);
    cr_assert_eq(parley_impact_score(ctx, s, 0, &b->pkg,
                                     parley_outcome_find(s, outcome), NULL, &c),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    return c;
}

/* ---- brief 7.4: welfare by outcome type ------------------------------------
 */

Test(impact, welfare_by_outcome_type_reproduces_the_brief)
{
    static const struct {
        const char *outcome;
        double welfare, normative, economic;
    } want[] = {
        {"O1a", 1.54, 0.76, 0.60},   {"O1b", 0.07, -0.36, 0.40},
        {"O1c", -0.46, -0.76, 0.45}, {"O2", -0.44, -0.39, 0.05},
        {"O3", -0.64, -0.39, -0.10}, {"O4", -1.905, -0.82, -0.75},
    };
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_ukraine(ctx);
    size_t i;

    for (i = 0; i < sizeof want / sizeof *want; i++) {
        parley_scorecard *c = NULL;

        cr_assert_eq(parley_impact_score(
                         ctx, s, 0, NULL,
                         parley_outcome_find(s, want[i].outcome), NULL, &c),
                     PARLEY_OK);
        cr_expect_eq(c->n_scored, 13, "%s", want[i].outcome);
        cr_expect_float_eq(c->weight_scored, 1, TOL);
        cr_expect_float_eq(c->welfare, want[i].welfare, TOL, "%s: %.17g",
                           want[i].outcome, c->welfare);
        cr_expect_float_eq(group(c, "normative"), want[i].normative, TOL,
                           "%s normative %.17g", want[i].outcome,
                           group(c, "normative"));
        cr_expect_float_eq(group(c, "economic"), want[i].economic, TOL,
                           "%s economic %.17g", want[i].outcome,
                           group(c, "economic"));
        cr_expect_eq(c->package, 0);
        cr_expect_eq(c->has_durability, 0);
        parley_scorecard_free(ctx, c);
    }
    /* the "0 / -1" cells: scored at the midpoint, the range kept */
    {
        parley_scorecard *c = NULL;

        cr_assert_eq(parley_impact_score(ctx, s, 0, NULL,
                                         parley_outcome_find(s, "O1b"), NULL,
                                         &c),
                     PARLEY_OK);
        cr_expect_float_eq(dim(c, "SG12")->score, -0.5, 0);
        cr_expect_float_eq(dim(c, "SG12")->low, -1, 0);
        cr_expect_float_eq(dim(c, "SG12")->high, 0, 0);
        cr_expect_eq(dim(c, "SG12")->basis, PARLEY_SCORE_BY_OUTCOME);
        cr_expect_float_eq(dim(c, "SG1")->low, -1, 0);
        parley_scorecard_free(ctx, c);
    }
    /* O5 (talks without result) is not in the 7.3 matrix */
    {
        parley_scorecard *c = NULL;

        cr_assert_eq(parley_impact_score(ctx, s, 0, NULL,
                                         parley_outcome_find(s, "O5"), NULL,
                                         &c),
                     PARLEY_OK);
        cr_expect_eq(c->n_scored, 0);
        cr_expect_float_eq(c->welfare, 0, 0);
        cr_expect(isnan(dim(c, "SG1")->score));
        cr_expect_eq(dim(c, "SG1")->basis, PARLEY_SCORE_NONE);
        parley_scorecard_free(ctx, c);
    }
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- brief 7.4: SG1 from the issue values
 * ------------------------------------ */

Test(impact, sg1_formula_cases_of_the_brief)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_ukraine(ctx);
    parley_scorecard *c;
    pkg_buf b;

    /* O1a (0, 0): PR3 -> +2 */
    c = score_proposal(ctx, s, "PR3", "O1a", &b);
    cr_expect_eq(dim(c, "SG1")->basis, PARLEY_SCORE_FORMULA);
    cr_expect_float_eq(dim(c, "SG1")->score, 2, TOL);
    parley_scorecard_free(ctx, c);
    /* O1b (50, 25): PR2, T_avg = (60 + 40 + 50) / 3 -> -1.25 */
    c = score_proposal(ctx, s, "PR2", "O1b", &b);
    cr_expect_float_eq(dim(c, "SG1")->score, -1.25, TOL, "%.17g",
                       dim(c, "SG1")->score);
    cr_expect_float_eq(dim(c, "SG2")->score, -1.25, TOL);
    /* SG9 = 2 - 0.05 x 50 - 0.03 x 25 */
    cr_expect_float_eq(dim(c, "SG9")->score, -1.25, TOL);
    parley_scorecard_free(ctx, c);
    /* O1c (100, 100): PR6 -> 2 - 6 - 1 = -5, clipped to -2 */
    c = score_proposal(ctx, s, "PR6", "O1c", &b);
    cr_expect_float_eq(dim(c, "SG1")->base, -5, TOL);
    cr_expect_float_eq(dim(c, "SG1")->score, -2, 0);
    cr_expect_eq(dim(c, "SG1")->clipped, 1);
    parley_scorecard_free(ctx, c);
    /* freeze (43.3, 0): PR11 under O3 -> 2 - 0.06 x 130/3 = -0.6; SG9 is
     * not a formula for O3: the matrix's -1 */
    c = score_proposal(ctx, s, "PR11", "O3", &b);
    cr_expect_float_eq(dim(c, "SG1")->score, -0.6, TOL, "%.17g",
                       dim(c, "SG1")->score);
    cr_expect_eq(dim(c, "SG9")->basis, PARLEY_SCORE_BY_OUTCOME);
    cr_expect_float_eq(dim(c, "SG9")->score, -1, 0);
    parley_scorecard_free(ctx, c);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* PR2 as O1b: every dimension by hand. */
Test(impact, pr2_scorecard)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_ukraine(ctx);
    parley_scorecard *c;
    pkg_buf b;

    c = score_proposal(ctx, s, "PR2", "O1b", &b);
    cr_expect_eq(c->has_durability, 1);
    cr_expect_float_eq(c->durability, 44, TOL);
    /* SANC open: status quo 12.5 is neither SN4 nor SN3 -> matrix -1 */
    cr_expect_float_eq(dim(c, "SG4")->score, -1, 0);
    cr_expect_eq(dim(c, "SG4")->n_adjusted, 0);
    /* D 44 is not below 40, RECON 67 not <= 33: matrix 2 */
    cr_expect_float_eq(dim(c, "SG5")->score, 2, 0);
    /* GUAR 40 but D 44 < 50: the matrix's 1 */
    cr_expect_float_eq(dim(c, "SG10")->score, 1, 0);
    cr_expect_eq(dim(c, "SG10")->n_adjusted, 0);
    /* AMNESTY open and without a status quo: the midpoint -0.5 */
    cr_expect_float_eq(dim(c, "SG12")->score, -0.5, 0);
    /* welfare: -0.1875 - 0.125 + 0.3 - 0.1 + 0.1 + 0.1 - 0.125 + 0.03
     * - 0.01 */
    cr_expect_float_eq(c->welfare, -0.0175, TOL, "%.17g", c->welfare);
    cr_expect_float_eq(group(c, "normative"), -0.4475, TOL);
    cr_expect_float_eq(group(c, "economic"), 0.4, TOL);
    parley_scorecard_free(ctx, c);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* The 7.4 adjustments: "+=" adds (delta), "=" assigns (set). */
Test(impact, adjustments_add_and_assign)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_ukraine(ctx);
    parley_scorecard *c = NULL;
    pkg_buf b;

    /* PR1 (SN4, AM4) as O1b: SG4 -1 - 1 = -2; SG12 = -1 (set; adding
     * would give -1.5) */
    c = score_proposal(ctx, s, "PR1", "O1b", &b);
    cr_expect_float_eq(dim(c, "SG4")->score, -2, 0);
    cr_expect_eq(dim(c, "SG4")->n_adjusted, 1);
    cr_expect_float_eq(dim(c, "SG12")->score, -1, 0);
    cr_expect_eq(dim(c, "SG12")->n_adjusted, 1);
    parley_scorecard_free(ctx, c);
    /* PR10 (AM1, RB2) as O1a: SG12 = +1 (adding would give 2).  Its D is
     * 50 - 15 (DF1) - 15 (DF2, NATO open at 50) + 5 (DF3, NATO alone
     * accepts) - 10 (DF7) + 6 (GUAR 60) + 7.5 (VERIF 75) - 5 = 23.5, so
     * SG5 = 2 + 1 (RECON 33) - 1 (D < 40) = 2, within the clip */
    c = score_proposal(ctx, s, "PR10", "O1a", &b);
    cr_expect_float_eq(dim(c, "SG12")->score, 1, 0);
    cr_expect_float_eq(c->durability, 23.5, TOL);
    cr_expect_float_eq(dim(c, "SG5")->score, 2, 0);
    cr_expect_eq(dim(c, "SG5")->n_adjusted, 2);
    cr_expect_eq(dim(c, "SG5")->clipped, 0);
    parley_scorecard_free(ctx, c);
    /* PR9 (SN3) as O1a: SG4 1 + 1 = 2 */
    c = score_proposal(ctx, s, "PR9", "O1a", &b);
    cr_expect_float_eq(dim(c, "SG4")->score, 2, 0);
    parley_scorecard_free(ctx, c);
    /* PR11 as O3: D 16 < 40 -> SG5 0 - 1 */
    c = score_proposal(ctx, s, "PR11", "O3", &b);
    cr_expect_float_eq(c->durability, 16, TOL);
    cr_expect_float_eq(dim(c, "SG5")->score, -1, 0);
    parley_scorecard_free(ctx, c);
    /* PR2 with TROOPS 0 (D 59 >= 50) as O1b: SG10 = 1 (adding: 2); as O4
     * (no durability factor changes) SG10 = -1 by the GU3 & O4 rule */
    proposal_pkg(ctx, s, "PR2", &b);
    b.value[parley_issue_find(s, "TROOPS")] = 0;
    cr_assert_eq(parley_impact_score(ctx, s, 0, &b.pkg,
                                     parley_outcome_find(s, "O1b"), NULL, &c),
                 PARLEY_OK);
    cr_expect_float_eq(c->durability, 59, TOL);
    cr_expect_float_eq(dim(c, "SG10")->score, 1, 0);
    cr_expect_eq(dim(c, "SG10")->n_adjusted, 1);
    parley_scorecard_free(ctx, c);
    cr_assert_eq(parley_impact_score(ctx, s, 0, &b.pkg,
                                     parley_outcome_find(s, "O4"), NULL, &c),
                 PARLEY_OK);
    cr_expect_float_eq(dim(c, "SG10")->score, -1, 0);
    cr_expect_eq(dim(c, "SG10")->n_adjusted, 2); /* both rules hold */
    parley_scorecard_free(ctx, c);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- expected scorecards
 * ------------------------------------------------------- */

Test(impact, expected_over_a_distribution)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_ukraine(ctx);
    double p[7] = {0};
    const parley_package *pkgs[7] = {0};
    parley_scorecard *c = NULL;
    size_t o1b = parley_outcome_find(s, "O1b");
    size_t o3 = parley_outcome_find(s, "O3"), o4 = parley_outcome_find(s, "O4");
    size_t o5 = parley_outcome_find(s, "O5");
    pkg_buf b;

    cr_assert_eq(parley_scenario_n_outcomes(s), 7);
    /* 0.5 O1b + 0.3 O3 + 0.2 O4: welfare 0.5 x 0.07 + 0.3 x -0.64 + 0.2 x
     * -1.905 = -0.538; SG1 0.5 x -1 + 0.3 x -1 + 0.2 x -2 = -1.2 */
    p[o1b] = 0.5;
    p[o3] = 0.3;
    p[o4] = 0.2;
    cr_assert_eq(parley_impact_expected(ctx, s, 0, p, NULL, NULL, &c),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    cr_expect_float_eq(c->welfare, -0.538, TOL, "%.17g", c->welfare);
    cr_expect_float_eq(dim(c, "SG1")->score, -1.2, TOL);
    cr_expect_eq(dim(c, "SG1")->basis, PARLEY_SCORE_EXPECTED);
    cr_expect_float_eq(c->coverage, 1, TOL);
    cr_expect_eq(c->outcome, PARLEY_NO_OUTCOME);
    cr_assert_eq(c->n_outcomes, 7);
    cr_expect_float_eq(c->probability[o3], 0.3, 0);
    /* SG12's range: 0.5 x [-1, 0] + 0.3 x 0 + 0.2 x -2 */
    cr_expect_float_eq(dim(c, "SG12")->low, -0.9, TOL);
    cr_expect_float_eq(dim(c, "SG12")->high, -0.4, TOL);
    parley_scorecard_free(ctx, c);
    /* O5 is not scored: expectations over the other 80% */
    p[o3] = 0;
    p[o1b] = 0.4;
    p[o5] = 0.2;
    p[o4] = 0.4;
    cr_assert_eq(parley_impact_expected(ctx, s, 0, p, NULL, NULL, &c),
                 PARLEY_OK);
    cr_expect_float_eq(c->coverage, 0.8, TOL);
    cr_expect_float_eq(dim(c, "SG1")->coverage, 0.8, TOL);
    cr_expect_float_eq(dim(c, "SG1")->score, -1.5, TOL);
    parley_scorecard_free(ctx, c);
    /* with the package realised under O1b: all of it on PR2 */
    memset(p, 0, sizeof p);
    p[o1b] = 1;
    proposal_pkg(ctx, s, "PR2", &b);
    pkgs[o1b] = &b.pkg;
    cr_assert_eq(parley_impact_expected(ctx, s, 0, p, pkgs, NULL, &c),
                 PARLEY_OK);
    cr_expect_float_eq(c->welfare, -0.0175, TOL);
    cr_expect_float_eq(dim(c, "SG1")->score, -1.25, TOL);
    parley_scorecard_free(ctx, c);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- the small scenario
 * -------------------------------------------------------- */

Test(impact, small_scenario)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_path(ctx, test_data("yaml/impact-small.yaml"));
    size_t deal = parley_outcome_find(s, "DEAL");
    size_t truce = parley_outcome_find(s, "TRUCE");
    parley_scorecard *c = NULL;
    pkg_buf b;

    /* P2 as DEAL: D1 = 2 - 0.02 x mean(100, 40) = 0.6; D2: Y 40 <= 40
     * adds 1, X2 sets -2, D 100 is not below 40 -> -2; D3 0.5 */
    proposal_pkg(ctx, s, "P2", &b);
    cr_assert_eq(parley_impact_score(ctx, s, 0, &b.pkg, deal, NULL, &c),
                 PARLEY_OK);
    cr_expect_float_eq(dim(c, "D1")->score, 0.6, TOL);
    cr_expect_float_eq(dim(c, "D2")->score, -2, 0);
    cr_expect_eq(dim(c, "D2")->n_adjusted, 2);
    cr_expect_float_eq(c->welfare, 0.5 * 0.6 - 0.6 + 0.1, TOL);
    cr_expect_float_eq(group(c, "one"), 0.3 + 0.1, TOL);
    cr_expect_float_eq(group(c, "two"), -0.6, TOL);
    cr_expect_str_eq(c->groups[0].group, "one"); /* first appearance */
    parley_scorecard_free(ctx, c);
    /* P3 as TRUCE: D1 the uncertain cell (mode -0.5 of [-1, 0]); D3 not
     * scored: welfare over 0.8 of the weight */
    proposal_pkg(ctx, s, "P3", &b);
    cr_assert_eq(parley_impact_score(ctx, s, 0, &b.pkg, truce, NULL, &c),
                 PARLEY_OK);
    cr_expect_float_eq(dim(c, "D1")->score, -0.5, 0);
    cr_expect_float_eq(dim(c, "D1")->low, -1, 0);
    cr_expect(isnan(dim(c, "D3")->score));
    cr_expect_eq(c->n_scored, 2);
    cr_expect_float_eq(c->weight_scored, 0.8, TOL);
    parley_scorecard_free(ctx, c);
    /* the durability adjustment of D2 with a package whose D is low */
    b.value[0] = 0;
    b.value[1] = 0;
    b.value[2] = NAN; /* D = 50 + 20 + 60: clipped 100; not below 40 */
    cr_assert_eq(parley_impact_score(ctx, s, 0, &b.pkg,
                                     parley_outcome_find(s, "NONE"), NULL, &c),
                 PARLEY_OK);
    cr_expect_float_eq(dim(c, "D2")->score, 0, 0); /* -1 + 1 (Y <= 40) */
    parley_scorecard_free(ctx, c);
    /* no outcome type and no package: the formula needs a package, the
     * matrix an outcome type: nothing is scored */
    cr_assert_eq(
        parley_impact_score(ctx, s, 0, NULL, PARLEY_NO_OUTCOME, NULL, &c),
        PARLEY_OK);
    cr_expect_eq(c->n_scored, 0);
    parley_scorecard_free(ctx, c);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(impact, errors)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_path(ctx, test_data("yaml/impact-small.yaml"));
    parley_scorecard *c = (parley_scorecard *)&c;
    double p[3] = {0.5, 0.5, 0}, v[3] = {0, 0, 200};
    parley_package bad = {3, v, NULL};
    const parley_package *pkgs[3] = {&bad, NULL, NULL};

    cr_expect_eq(parley_impact_score(NULL, s, 0, NULL, 0, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_eq(parley_impact_score(ctx, s, 0, NULL, 0, NULL, NULL),
                 PARLEY_EINVAL);
    cr_expect_eq(parley_impact_score(ctx, NULL, 0, NULL, 0, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_null(c);
    parley_ctx_clear(ctx);
    cr_expect_eq(parley_impact_score(ctx, s, 1, NULL, 0, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_str_eq(parley_ctx_errmsg(ctx),
                     "impact index 1, expected one below 1");
    cr_expect_eq(parley_impact_score(ctx, s, 0, NULL, 3, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_eq(parley_impact_score(ctx, s, 0, &bad, 0, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_eq(parley_impact_expected(ctx, s, 0, NULL, NULL, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_eq(parley_impact_expected(ctx, s, 0, p, pkgs, NULL, &c),
                 PARLEY_EINVAL);
    p[1] = 0.4;
    parley_ctx_clear(ctx);
    cr_expect_eq(parley_impact_expected(ctx, s, 0, p, NULL, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_str_eq(parley_ctx_errmsg(ctx),
                     "outcome probabilities sum to 0.9, expected 1");
    p[1] = -0.5;
    p[2] = 1;
    parley_ctx_clear(ctx);
    cr_expect_eq(parley_impact_expected(ctx, s, 0, p, NULL, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_str_eq(parley_ctx_errmsg(ctx),
                     "probability of outcome 'TRUCE' is -0.5, expected a "
                     "number from 0 to 1");
    p[1] = NAN;
    cr_expect_eq(parley_impact_expected(ctx, s, 0, p, NULL, NULL, &c),
                 PARLEY_EINVAL);
    /* no impact model / no outcome types */
    s->n_impacts = 0;
    parley_ctx_clear(ctx);
    cr_expect_eq(parley_impact_score(ctx, s, 0, NULL, 0, NULL, &c),
                 PARLEY_EUNSUPPORTED);
    cr_expect(strstr(parley_ctx_errmsg(ctx),
                     "scenario 'small' has no impact model") != NULL);
    s->n_impacts = 1;
    {
        size_t n = s->n_outcome_types;

        s->n_outcome_types = 0;
        cr_expect_eq(parley_impact_expected(ctx, s, 0, p, NULL, NULL, &c),
                     PARLEY_EUNSUPPORTED);
        s->n_outcome_types = n;
    }
    parley_scorecard_free(ctx, NULL);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- the report and its writers
 * ------------------------------------------------- */

typedef struct buffer {
    char data[1 << 18];
    size_t len;
    int fail;
} buffer;

static int buffer_write(void *user, const char *bytes, size_t len)
{
    buffer *b = user;

    if (b->fail || b->len + len >= sizeof b->data)
        return 1;
    memcpy(b->data + b->len, bytes, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

Test(impact_report, ukraine_text_and_json)
{
    static buffer out;
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_ukraine(ctx);
    parley_impact_options io;
    parley_impact_report *r = NULL;
    parley_sink sink = {buffer_write, &out};
    json_error_t error;
    json_t *root, *o1b, *pr2;

    parley_impact_options_set_default(&io);
    io.proposals = "PR2, PR11";
    io.by_outcome = 1;
    io.distribution = "O1b=0.5,O3=0.3,O4=0.2";
    cr_assert_eq(parley_impact_run(ctx, s, &io, &r), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(r->n_proposals, 2);
    cr_expect_str_eq(parley_proposal_id(s, r->proposals[1].proposal), "PR11");
    cr_expect_str_eq(parley_outcome_id(s, r->proposals[0].outcome), "O1b");
    cr_expect_eq(r->proposals[0].outcome_given, 0);
    cr_expect_eq(r->proposals[0].acceptance[0].accepted, 0); /* RU */
    cr_expect_float_eq(r->proposals[0].durability->score, 44, TOL);
    cr_expect_float_eq(r->expected->welfare, -0.538, TOL);
    cr_assert_eq(r->n_outcome_cards, 7);
    out.len = 0;
    cr_assert_eq(parley_impact_write_text(ctx, s, r, &io, sink), PARLEY_OK);
    cr_expect(strstr(out.data, "PR2  US-brokered framework") != NULL);
    cr_expect(strstr(out.data, "outcome O5, O1b if signed; scored as O1b") !=
              NULL);
    cr_expect(strstr(out.data, "RU no (T_DONBAS 60 outside [70, 100])") !=
              NULL);
    cr_expect(strstr(out.data, "durability D = 44.00 under O1b") != NULL);
    cr_expect(strstr(out.data, "RL10   EU accepts; COW rejects (TROOPS 100 "
                               "outside [0, 67]); NATO accepts") != NULL,
              "%s", out.data);
    cr_expect(strstr(out.data, "  O1a      +1.5400    +0.7600    +0.6000") !=
              NULL);
    cr_expect(strstr(out.data, "  O4       -1.9050    -0.8200    -0.7500") !=
              NULL);
    out.len = 0;
    cr_assert_eq(parley_impact_write_json(ctx, s, r, &io, sink), PARLEY_OK);
    root = json_loads(out.data, 0, &error);
    cr_assert_not_null(root, "invalid JSON: %s", error.text);
    pr2 = json_array_get(json_object_get(root, "proposals"), 0);
    cr_expect_str_eq(json_string_value(json_object_get(pr2, "outcome")), "O5");
    cr_expect_str_eq(
        json_string_value(json_object_get(pr2, "outcome_if_signed")), "O1b");
    cr_expect_float_eq(json_number_value(json_object_get(
                           json_object_get(pr2, "durability"), "score")),
                       44, TOL);
    cr_expect_float_eq(json_number_value(json_object_get(
                           json_object_get(pr2, "scorecard"), "welfare")),
                       -0.0175, TOL);
    o1b = json_array_get(json_object_get(root, "outcome_scorecards"), 1);
    cr_expect_str_eq(json_string_value(json_object_get(o1b, "outcome")), "O1b");
    cr_expect_float_eq(json_number_value(json_object_get(
                           json_object_get(o1b, "groups"), "normative")),
                       -0.36, TOL);
    cr_expect_float_eq(json_number_value(json_object_get(
                           json_object_get(root, "expected"), "welfare")),
                       -0.538, TOL);
    json_decref(root);
    /* one scorecard alone */
    out.len = 0;
    cr_assert_eq(parley_scorecard_write_text(ctx, s, r->expected, sink),
                 PARLEY_OK);
    cr_expect(strstr(out.data, "SG (Singapore) expected over O1b 0.5 O3 0.3 "
                               "O4 0.2: welfare -0.5380") != NULL,
              "%s", out.data);
    out.len = 0;
    cr_assert_eq(parley_scorecard_write_json(ctx, s, r->expected, sink),
                 PARLEY_OK);
    root = json_loads(out.data, 0, &error);
    cr_assert_not_null(root, "invalid JSON: %s", error.text);
    cr_expect_float_eq(json_number_value(json_object_get(root, "coverage")), 1,
                       TOL);
    json_decref(root);
    /* a failing sink */
    out.fail = 1;
    cr_expect_eq(parley_impact_write_text(ctx, s, r, &io, sink), PARLEY_EIO);
    cr_expect_eq(parley_impact_write_json(ctx, s, r, &io, sink), PARLEY_EIO);
    out.fail = 0;
    cr_expect_eq(parley_impact_write_text(ctx, s, NULL, &io, sink),
                 PARLEY_EINVAL);
    cr_expect_eq(parley_scorecard_write_json(ctx, s, NULL, sink),
                 PARLEY_EINVAL);
    parley_impact_report_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(impact_report, options_and_errors)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_path(ctx, test_data("yaml/impact-small.yaml"));
    parley_impact_options io;
    parley_impact_report *r = NULL;

    /* defaults: every proposal, classified, scored as if signed */
    cr_assert_eq(parley_impact_run(ctx, s, NULL, &r), PARLEY_OK);
    cr_assert_eq(r->n_proposals, 3);
    cr_expect_str_eq(parley_outcome_id(s, r->proposals[1].outcome), "DEAL");
    cr_expect_null(r->expected);
    cr_expect_eq(r->n_outcome_cards, 0);
    parley_impact_report_free(ctx, r);
    /* a given outcome type */
    parley_impact_options_set_default(&io);
    io.outcome = "TRUCE";
    io.proposals = "P1";
    cr_assert_eq(parley_impact_run(ctx, s, &io, &r), PARLEY_OK);
    cr_expect_str_eq(parley_outcome_id(s, r->proposals[0].outcome), "TRUCE");
    cr_expect_eq(r->proposals[0].outcome_given, 1);
    cr_expect_eq(r->proposals[0].durability->outcome,
                 parley_outcome_find(s, "TRUCE"));
    parley_impact_report_free(ctx, r);
    /* none */
    io.proposals = "";
    io.by_outcome = 1;
    cr_assert_eq(parley_impact_run(ctx, s, &io, &r), PARLEY_OK);
    cr_expect_eq(r->n_proposals, 0);
    cr_expect_eq(r->n_outcome_cards, 3);
    parley_impact_report_free(ctx, r);
#define EXPECT_RUN(field, text, status, message)                               \
    do {                                                                       \
        parley_impact_options_set_default(&io);                                \
        io.field = text;                                                       \
        parley_ctx_clear(ctx);                                                 \
        r = (parley_impact_report *)&r;                                        \
        cr_expect_eq(parley_impact_run(ctx, s, &io, &r), status, "%s", text);  \
        cr_expect_null(r);                                                     \
        cr_expect_str_eq(parley_ctx_errmsg(ctx), message);                     \
    } while (0)
    EXPECT_RUN(proposals, "P1,P9", PARLEY_ENOTFOUND,
               "no proposal 'P9' in the scenario, expected one of its "
               "proposal ids");
    EXPECT_RUN(outcome, "PEACE", PARLEY_ENOTFOUND,
               "no outcome type 'PEACE' in the scenario, expected one of its "
               "outcome ids");
    EXPECT_RUN(impact, "U", PARLEY_ENOTFOUND,
               "no impact model 'U' in the scenario, expected one of its "
               "impact ids");
    EXPECT_RUN(distribution, "DEAL=0.5,NONE", PARLEY_EINVAL,
               "distribution item 'NONE', expected OUTCOME=PROBABILITY");
    EXPECT_RUN(distribution, "DEAL=0.5,WAR=0.5", PARLEY_ENOTFOUND,
               "no outcome type 'WAR' in the scenario, expected one of its "
               "outcome ids");
    EXPECT_RUN(distribution, "DEAL=half", PARLEY_EINVAL,
               "probability 'half' of outcome 'DEAL', expected a number "
               "from 0 to 1");
    EXPECT_RUN(distribution, "DEAL=0.5", PARLEY_EINVAL,
               "outcome probabilities sum to 0.5, expected 1");
    cr_expect_eq(parley_impact_run(ctx, NULL, NULL, &r), PARLEY_EINVAL);
    cr_expect_eq(parley_impact_run(ctx, s, NULL, NULL), PARLEY_EINVAL);
    cr_expect_eq(parley_impact_run(NULL, s, NULL, &r), PARLEY_EINVAL);
    /* neither model */
    s->n_impacts = 0;
    s->durability.present = 0;
    parley_ctx_clear(ctx);
    cr_expect_eq(parley_impact_run(ctx, s, NULL, &r), PARLEY_EUNSUPPORTED);
    /* durability only: proposals work, outcome tables do not */
    s->durability.present = 1;
    cr_assert_eq(parley_impact_run(ctx, s, NULL, &r), PARLEY_OK);
    cr_expect_null(r->proposals[0].scorecard);
    cr_expect_not_null(r->proposals[0].durability);
    parley_impact_report_free(ctx, r);
    parley_impact_options_set_default(&io);
    io.by_outcome = 1;
    cr_expect_eq(parley_impact_run(ctx, s, &io, &r), PARLEY_EUNSUPPORTED);
    s->n_impacts = 1;
    parley_impact_report_free(ctx, NULL);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* Load and the whole report (every option), through every allocation. */
static parley_status report_body(parley_ctx *ctx, void *user)
{
    parley_scenario *s = NULL;
    parley_impact_report *r = NULL;
    parley_impact_options io;
    parley_status st;

    (void)user;
    st = parley_scenario_load(ctx, test_data("yaml/impact-small.yaml"), NULL,
                              &s);
    if (st != PARLEY_OK)
        return st;
    parley_impact_options_set_default(&io);
    io.by_outcome = 1;
    io.distribution = "DEAL=0.5,TRUCE=0.25,NONE=0.25";
    st = parley_impact_run(ctx, s, &io, &r);
    if (st == PARLEY_OK)
        cr_expect_eq(r->n_proposals, 3);
    parley_impact_report_free(ctx, r);
    parley_scenario_free(s);
    return st;
}

Test(impact_report, allocation_failures_leak_nothing)
{
    cr_expect_gt(test_alloc_failures(report_body, NULL), 20);
}

/* ---- the loader: impact extensions
 * ---------------------------------------------- */

Test(impact_yaml, extensions_load)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_path(ctx, test_data("yaml/impact-small.yaml"));
    const parley_impact_dim *d1 = &s->impacts[0].dims[0];
    const parley_impact_dim *d2 = &s->impacts[0].dims[1];

    cr_expect_str_eq(d1->group, "one");
    cr_assert_eq(d1->n_terms, 1);
    cr_expect_eq(d1->terms[0].issue, (size_t)-1);
    cr_assert_eq(d1->terms[0].n_mean_issues, 2);
    cr_expect_eq(d1->terms[0].mean_issues[1], 1);
    cr_expect_float_eq(d1->by_outcome[1], -0.5, 0);
    cr_expect_float_eq(d1->by_outcome_low[1], -1, 0);
    cr_expect_float_eq(d1->by_outcome_high[1], 0, 0);
    cr_expect_float_eq(d1->by_outcome_low[0], 1, 0);
    cr_expect(isnan(d1->by_outcome_low[2]));
    cr_expect_eq(d2->adjust[0].assign, 0);
    cr_expect_eq(d2->adjust[1].assign, 1);
    cr_expect_float_eq(d2->adjust[1].delta.mode, -2, 0);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* 13 lines; the text under test starts on line 14. */
static const char *base =
    "parley: 1\n"
    "scenario: {id: t}\n"
    "actors:\n"
    "  - {id: A, capability: 50}\n"
    "  - {id: B, capability: 50}\n"
    "issues:\n"
    "  - id: X\n"
    "    options: [{id: X1, value: 0}, {id: X2, value: 100}]\n"
    "    status_quo: X1\n"
    "  - id: Y\n"
    "    options: [{id: Y1, value: 0}]\n"
    "stances:\n"
    "  A: {X: {position: 0, salience: 50, range: [0, 50]}}\n";

static void expect_one_error(const char *extra, unsigned line, unsigned col,
                             const char *message)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    char text[4096];
    const parley_diag *d;

    snprintf(text, sizeof text, "%s%s", base, extra);
    cr_assert_eq(parley_scenario_load_buffer(ctx, "t.yaml", text, strlen(text),
                                             NULL, &s),
                 PARLEY_EVALID, "%s", extra);
    cr_assert_eq(parley_ctx_ndiag(ctx), 1, "%zu diagnostics for %s: %s",
                 parley_ctx_ndiag(ctx), extra, parley_ctx_errmsg(ctx));
    d = parley_ctx_diag(ctx, 0);
    cr_expect_str_eq(d->message, message);
    cr_expect_eq(d->line, line, "line %u", d->line);
    cr_expect_eq(d->col, col, "col %u", d->col);
    parley_ctx_free(ctx);
}

Test(impact_yaml, errors_have_positions)
{
    expect_one_error("impacts:\n  - id: I\n    dimensions:\n      - id: D\n"
                     "        weight: 1\n        intercept: 1\n"
                     "        adjust: [{issue: X, max: 5, delta: 1, set: "
                     "2}]\n",
                     20, 52,
                     "adjustment #1 of dimension 'D' of impact 'I' gives "
                     "both 'delta' and 'set', expected one of them (delta "
                     "adds, set assigns)");
    expect_one_error("impacts:\n  - id: I\n    dimensions:\n      - id: D\n"
                     "        weight: 1\n        intercept: 1\n"
                     "        adjust: [{issue: X, max: 5}]\n",
                     20, 18,
                     "missing required key 'delta' in adjustment #1 of "
                     "dimension 'D' of impact 'I', expected a number to add "
                     "(or 'set' with a number to assign)");
    expect_one_error("impacts:\n  - id: I\n    dimensions:\n      - id: D\n"
                     "        weight: 1\n"
                     "        terms: [{issue: X, mean_of: [X, Y], coef: 1}]\n",
                     19, 37,
                     "term #1 of dimension 'D' of impact 'I' gives both "
                     "'issue' and 'mean_of', expected one of them");
    expect_one_error("impacts:\n  - id: I\n    dimensions:\n      - id: D\n"
                     "        weight: 1\n"
                     "        terms: [{mean_of: [X], coef: 1}, {issue: X, "
                     "coef: 2}]\n",
                     19, 50,
                     "duplicate term issue in dimension 'D' of impact 'I': "
                     "issue id 'X' (first at 19:28), expected unique term "
                     "issue in dimension 'D' of impact 'I': issue ids");
    expect_one_error("impacts:\n  - id: I\n    dimensions:\n      - id: D\n"
                     "        weight: 1\n        group: [a]\n"
                     "        intercept: 1\n",
                     19, 16,
                     "'group' of dimension 'D' of impact 'I' is a list, "
                     "expected text");
}
