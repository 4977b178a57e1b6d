/*
 * test_durability.c -- the durability score and its breakdown
 * (src/dynamics/durability.c) and the loader's `durability` section.
 *
 * Reference: ukraine-brief.md 6.3, the worked example for PR2 (the
 * US-brokered framework of Jan 2026) "filled with status-quo defaults":
 *
 *   Base 50; DF1 -15 (RECOG 25 with T_DONBAS 60); DF2 0 (NATO 75);
 *   DF3 +10 ("~2/3 of stakeholders inside their ranges"); DF7 -10
 *   (outside RU range on T_DONBAS, 60 < 70); DF6 0 (inside UA range);
 *   guarantee credibility +9 (GUAR 40); TROOPS 0 (unspecified, taken as
 *   100); VERIF +5 (VERIF 50); MINERALS 0 (50); DF4 -5.  Total "~ 44".
 *
 * With the scenario's ranges (brief 2.4) the share of DF3 is exactly 2/3:
 * EU's top-3 salience issues (SANC 85, FORMAT 85, then GUAR and ASSETS tied
 * at 80) and NATO's (NATO 80, then GUAR, TROOPS, FORMAT tied at 50) contain
 * the package, COW's (GUAR 90, TROOPS 80, VERIF 75) do not: TROOPS, open,
 * takes the status quo 100, outside COW's [0, 67].  So 15 x 2/3 = 10 and D
 * is 44 exactly.  The PR11 and PR6 figures are the same formula worked by
 * hand over the brief's 4.1 packages and 2.4 ranges.
 */
#include "dynamics/outcome.h"
#include "support.h"

#include <criterion/criterion.h>
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

static const parley_durability_factor_score *factor(const parley_durability *d,
                                                    const char *id)
{
    size_t f;

    for (f = 0; f < d->n_factors; f++)
        if (strcmp(d->factors[f].id, id) == 0)
            return &d->factors[f];
    cr_assert_fail("no factor %s", id);
    return NULL;
}

/* ---- Ukraine, brief 6.3 ----------------------------------------------------
 */

Test(durability, pr2_worked_example)
{
    /* factor, applies, points: the brief's 6.3 table */
    static const struct {
        const char *id;
        int applies;
        double points;
    } want[] = {
        {"DF1", 1, -15}, {"DF2", 0, 0}, {"DF3", 1, 10}, {"DF7", 1, -10},
        {"DF6", 0, 0},   {"DF5", 1, 9}, {"DF11", 0, 0}, {"DF12", 1, 5},
        {"DF10", 0, 0},  {"DF8", 0, 0}, {"DF4", 1, -5},
    };
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s =
        load_path(ctx, test_source("examples/ukraine-2026.yaml"));
    size_t o1b = parley_outcome_find(s, "O1b"), i;
    parley_durability *d = NULL;
    double score = 0;
    pkg_buf b;

    proposal_pkg(ctx, s, "PR2", &b);
    cr_assert_eq(parley_durability_run(ctx, s, &b.pkg, o1b, NULL, &d),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    cr_expect_float_eq(d->base, 50, 0);
    cr_expect_float_eq(d->raw, 44, TOL, "raw %.17g", d->raw);
    cr_expect_float_eq(d->score, 44, TOL, "D %.17g", d->score);
    cr_expect_eq(d->outcome, o1b);
    cr_expect_float_eq(d->clip_min, 0, 0);
    cr_expect_float_eq(d->clip_max, 100, 0);
    cr_assert_eq(d->n_factors, sizeof want / sizeof *want);
    for (i = 0; i < sizeof want / sizeof *want; i++) {
        const parley_durability_factor_score *f = factor(d, want[i].id);

        cr_expect_eq(f->applies, want[i].applies, "%s", want[i].id);
        cr_expect_float_eq(f->points, want[i].points, TOL, "%s: %.17g",
                           want[i].id, f->points);
    }
    /* DF3's share: 2 of the 3 RL10 holders */
    cr_expect_float_eq(factor(d, "DF3")->share, 2.0 / 3.0, TOL);
    cr_expect_str_eq(s->durability.vetoes[factor(d, "DF3")->share_veto].id,
                     "RL10");
    cr_expect(isnan(factor(d, "DF1")->share));
    cr_assert_eq(d->n_verdicts, 3);
    cr_expect_str_eq(d->verdicts[0].veto_id, "RL10");
    cr_expect_str_eq(parley_actor_id(s, d->verdicts[0].actor), "EU");
    cr_expect_eq(d->verdicts[0].rejects, 0);
    cr_expect_eq(d->verdicts[0].issue, (size_t)-1);
    cr_expect_str_eq(parley_actor_id(s, d->verdicts[1].actor), "COW");
    cr_expect_eq(d->verdicts[1].rejects, 1);
    cr_expect_str_eq(parley_issue_id(s, d->verdicts[1].issue), "TROOPS");
    cr_expect_float_eq(d->verdicts[1].value, 100, 0);
    cr_expect_float_eq(d->verdicts[1].low, 0, 0);
    cr_expect_float_eq(d->verdicts[1].high, 67, 0);
    cr_expect_float_eq(d->verdicts[1].points, 0, 0); /* RL10: no points */
    cr_expect_str_eq(parley_actor_id(s, d->verdicts[2].actor), "NATO");
    cr_expect_eq(d->verdicts[2].rejects, 0);
    /* the allocation-free score agrees */
    cr_assert_eq(parley_durability_score(ctx, s, &b.pkg, o1b, NULL, &score),
                 PARLEY_OK);
    cr_expect_float_eq(score, d->score, 0);
    parley_durability_free(ctx, d);
    /* under O2 the temporary-halt factor DF8 applies: 44 - 10 */
    cr_assert_eq(parley_durability_score(ctx, s, &b.pkg,
                                         parley_outcome_find(s, "O2"), NULL,
                                         &score),
                 PARLEY_OK);
    cr_expect_float_eq(score, 34, TOL);
    /* Western peacekeepers (TROOPS 0): DF11 +10, and COW's range [0, 67]
     * now holds, so DF3 is 15 x 3/3: 44 + 10 + 5 = 59 */
    b.value[parley_issue_find(s, "TROOPS")] = 0;
    b.option[parley_issue_find(s, "TROOPS")] = (size_t)-1;
    cr_assert_eq(parley_durability_score(ctx, s, &b.pkg, o1b, NULL, &score),
                 PARLEY_OK);
    cr_expect_float_eq(score, 59, TOL);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(durability, other_ukraine_packages)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s =
        load_path(ctx, test_source("examples/ukraine-2026.yaml"));
    parley_durability *d = NULL;
    pkg_buf b;

    /* PR11, the freeze, under O3: DF1 -15 (RECOG 0, T_DONBAS 40), DF2 -15
     * (NATO open: status quo 50), DF3 +5 (only NATO accepts: EU's FORMAT
     * 50 is outside [0, 33], COW's TROOPS 100 outside [0, 67]), DF7 -10
     * (T_DONBAS 40 < 70), DF6 0 (T_KURSK moot), DF5 15 - 9 = +6 (GUAR 60),
     * DF4 -5: 50 - 15 - 15 + 5 - 10 + 6 - 5 = 16 */
    proposal_pkg(ctx, s, "PR11", &b);
    cr_assert_eq(parley_durability_run(ctx, s, &b.pkg,
                                       parley_outcome_find(s, "O3"), NULL, &d),
                 PARLEY_OK);
    cr_expect_float_eq(d->score, 16, TOL, "%.17g", d->score);
    cr_expect_float_eq(factor(d, "DF2")->points, -15, TOL);
    cr_expect_float_eq(factor(d, "DF3")->share, 1.0 / 3.0, TOL);
    cr_expect_float_eq(factor(d, "DF5")->points, 6, TOL);
    cr_expect_eq(factor(d, "DF6")->applies, 0);
    parley_durability_free(ctx, d);
    /* PR6, Russia's demands, under O1c: recognition settles sovereignty
     * (DF1 0) but breaks Ukraine's range (DF6 -15); nobody in RL10
     * accepts (DF3 0); GUAR 100 gives DF5 0; DF4 -5: 50 - 15 - 5 = 30 */
    proposal_pkg(ctx, s, "PR6", &b);
    cr_assert_eq(parley_durability_run(ctx, s, &b.pkg,
                                       parley_outcome_find(s, "O1c"), NULL, &d),
                 PARLEY_OK);
    cr_expect_float_eq(d->score, 30, TOL, "%.17g", d->score);
    cr_expect_eq(factor(d, "DF1")->applies, 0);
    cr_expect_float_eq(factor(d, "DF6")->points, -15, TOL);
    cr_expect_float_eq(factor(d, "DF3")->share, 0, 0);
    cr_expect_eq(factor(d, "DF7")->applies, 0);
    parley_durability_free(ctx, d);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- the small scenario: clip, veto points, shares
 * ---------------------------- */

Test(durability, small_scenario)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_path(ctx, test_data("yaml/impact-small.yaml"));
    size_t deal = parley_outcome_find(s, "DEAL");
    size_t truce = parley_outcome_find(s, "TRUCE");
    parley_durability *d = NULL;
    double score;
    pkg_buf b;

    /* P1 (X 50, Y 50): C rejects (Y 50 outside [0, 40]) -3; F1 -10; F2
     * 20 x 0; F3 0.1 x 50 = 5; F5 +4 (inside B's ranges; Z open without a
     * status quo is left out): 50 - 3 - 10 + 5 + 4 = 46 */
    proposal_pkg(ctx, s, "P1", &b);
    cr_assert_eq(parley_durability_run(ctx, s, &b.pkg, deal, NULL, &d),
                 PARLEY_OK);
    cr_expect_float_eq(d->score, 46, TOL);
    cr_assert_eq(d->n_verdicts, 1);
    cr_expect_eq(d->verdicts[0].rejects, 1);
    cr_expect_float_eq(d->verdicts[0].points, -3, 0);
    cr_expect_float_eq(factor(d, "F2")->share, 0, 0);
    cr_expect_float_eq(factor(d, "F2")->points, 0, 0);
    cr_expect_str_eq(factor(d, "F1")->name, "both high");
    cr_expect_null(factor(d, "F2")->name);
    parley_durability_free(ctx, d);
    /* P2 (X 100, Y 40, Z 100): -3 + 7 + 60 = 114, clipped to 100 */
    proposal_pkg(ctx, s, "P2", &b);
    cr_assert_eq(parley_durability_run(ctx, s, &b.pkg, deal, NULL, &d),
                 PARLEY_OK);
    cr_expect_float_eq(d->raw, 114, TOL);
    cr_expect_float_eq(d->score, 100, 0);
    parley_durability_free(ctx, d);
    /* P3 (Z 100; X, Y at the status quo 50) under TRUCE: 50 - 3 - 10 + 5
     * - 5 + 60 = 97 */
    proposal_pkg(ctx, s, "P3", &b);
    cr_assert_eq(parley_durability_score(ctx, s, &b.pkg, truce, NULL, &score),
                 PARLEY_OK);
    cr_expect_float_eq(score, 97, TOL);
    /* unknown outcome: the TRUCE factor does not apply: 102 -> 100 */
    cr_assert_eq(parley_durability_score(ctx, s, &b.pkg, PARLEY_NO_OUTCOME,
                                         NULL, &score),
                 PARLEY_OK);
    cr_expect_float_eq(score, 100, 0);
    /* X 30, Y 30: C accepts (share 1, F2 +20), F3 +3: 73 */
    b.value[0] = b.value[1] = 30;
    b.value[2] = NAN;
    cr_assert_eq(parley_durability_score(ctx, s, &b.pkg, deal, NULL, &score),
                 PARLEY_OK);
    cr_expect_float_eq(score, 73, TOL);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(durability, errors)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_path(ctx, test_data("yaml/impact-small.yaml"));
    parley_durability *d = (parley_durability *)&d;
    double v[3] = {0, 0, 0}, score = 0;
    parley_package pkg = {3, v, NULL};

    cr_expect_eq(parley_durability_run(NULL, s, &pkg, 0, NULL, &d),
                 PARLEY_EINVAL);
    cr_expect_eq(parley_durability_run(ctx, s, &pkg, 0, NULL, NULL),
                 PARLEY_EINVAL);
    cr_expect_eq(parley_durability_run(ctx, NULL, &pkg, 0, NULL, &d),
                 PARLEY_EINVAL);
    cr_expect_null(d);
    cr_expect_eq(parley_durability_score(ctx, s, &pkg, 0, NULL, NULL),
                 PARLEY_EINVAL);
    cr_expect_eq(parley_durability_score(NULL, s, &pkg, 0, NULL, &score),
                 PARLEY_EINVAL);
    parley_ctx_clear(ctx);
    cr_expect_eq(parley_durability_score(ctx, s, &pkg, 3, NULL, &score),
                 PARLEY_EINVAL);
    cr_expect_str_eq(parley_ctx_errmsg(ctx),
                     "durability: outcome index 3, expected one below 3 or "
                     "PARLEY_NO_OUTCOME");
    cr_expect(isnan(score));
    pkg.n_issues = 4;
    cr_expect_eq(parley_durability_score(ctx, s, &pkg, 0, NULL, &score),
                 PARLEY_EINVAL);
    pkg.n_issues = 3;
    s->durability.present = 0;
    parley_ctx_clear(ctx);
    cr_expect_eq(parley_durability_run(ctx, s, &pkg, 0, NULL, &d),
                 PARLEY_EUNSUPPORTED);
    cr_expect(strstr(parley_ctx_errmsg(ctx),
                     "scenario 'small' has no durability model, expected a "
                     "top-level 'durability' section") != NULL,
              "%s", parley_ctx_errmsg(ctx));
    s->durability.present = 1;
    parley_durability_free(ctx, NULL);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

typedef struct run_args {
    const char *path;
    const char *proposal;
    const char *outcome;
} run_args;

/* Load, then the durability breakdown of one proposal. */
static parley_status run_body(parley_ctx *ctx, void *user)
{
    const run_args *a = user;
    parley_scenario *s = NULL;
    parley_durability *d = NULL;
    double value[32];
    size_t option[32], p;
    parley_package pkg;
    parley_status st;

    st = parley_scenario_load(ctx, a->path, NULL, &s);
    if (st != PARLEY_OK)
        return st;
    for (p = 0; p < s->n_proposals; p++)
        if (strcmp(s->proposals[p].id, a->proposal) == 0)
            break;
    st = parley_proposal_package(ctx, s, p, value, option);
    pkg.n_issues = s->n_issues;
    pkg.value = value;
    pkg.option = option;
    if (st == PARLEY_OK)
        st = parley_durability_run(
            ctx, s, &pkg, parley_outcome_find(s, a->outcome), NULL, &d);
    if (st == PARLEY_OK)
        cr_expect_float_eq(d->score, 46, TOL);
    parley_durability_free(ctx, d);
    parley_scenario_free(s);
    return st;
}

Test(durability, allocation_failures_leak_nothing)
{
    run_args a = {NULL, "P1", "DEAL"};

    a.path = test_data("yaml/impact-small.yaml");
    cr_expect_gt(test_alloc_failures(run_body, &a), 10);
}

/* ---- the loader: `durability`
 * ------------------------------------------------ */

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

typedef struct diag_want {
    unsigned line, col;
    const char *message;
} diag_want;

static void expect_errors(const char *extra, const diag_want *want, size_t n)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    char text[4096];
    size_t i;

    snprintf(text, sizeof text, "%s%s", base, extra);
    cr_assert_eq(parley_scenario_load_buffer(ctx, "t.yaml", text, strlen(text),
                                             NULL, &s),
                 PARLEY_EVALID, "%s", extra);
    cr_assert_null(s);
    for (i = 0; i < parley_ctx_ndiag(ctx); i++)
        cr_log_info("%u:%u: %s", parley_ctx_diag(ctx, i)->line,
                    parley_ctx_diag(ctx, i)->col,
                    parley_ctx_diag(ctx, i)->message);
    cr_assert_eq(parley_ctx_ndiag(ctx), n, "%zu diagnostics for %s",
                 parley_ctx_ndiag(ctx), extra);
    for (i = 0; i < n; i++) {
        const parley_diag *d = parley_ctx_diag(ctx, i);

        cr_expect_str_eq(d->message, want[i].message);
        cr_expect_eq(d->line, want[i].line, "#%zu line %u", i, d->line);
        cr_expect_eq(d->col, want[i].col, "#%zu col %u", i, d->col);
    }
    parley_ctx_free(ctx);
}

#define EXPECT(extra, ...)                                                     \
    do {                                                                       \
        static const diag_want w_[] = {__VA_ARGS__};                           \
        expect_errors(extra, w_, sizeof w_ / sizeof *w_);                      \
    } while (0)

Test(durability_yaml, loads)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_path(ctx, test_data("yaml/impact-small.yaml"));
    const parley_durability_model *m = &s->durability;

    cr_expect_eq(m->present, 1);
    cr_expect_float_eq(m->base.mode, 50, 0);
    cr_expect_eq(m->base.flag, PARLEY_FLAG_ESTIMATE);
    cr_assert_eq(m->n_vetoes, 1);
    cr_expect_str_eq(m->vetoes[0].id, "V");
    cr_expect_eq(m->vetoes[0].top_salience, 2);
    cr_expect_float_eq(m->vetoes[0].points.mode, -3, 0);
    cr_expect_eq(m->vetoes[0].flag, PARLEY_FLAG_STATED);
    cr_assert_eq(m->n_factors, 6);
    cr_expect_eq(m->factors[1].share, 0);
    cr_expect_eq(m->factors[0].share, (size_t)-1);
    cr_assert_eq(m->factors[2].n_terms, 1);
    cr_expect_eq(m->factors[2].terms[0].n_mean_issues, 2);
    cr_expect_eq(m->factors[2].points.present, 0);
    cr_expect_eq(m->factors[0].when.nodes[0].match_all, 1);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(durability_yaml, errors_have_positions)
{
    EXPECT("durability:\n  factors: [{id: F, points: 1}]\n",
           {15, 3,
            "missing required key 'base' in 'durability', expected a "
            "number"});
    EXPECT("durability: {base: 50, factors: [{id: F}]}\n",
           {14, 34,
            "durability factor 'F' has neither 'points' nor 'terms', "
            "expected at least one of them"});
    EXPECT("durability:\n  base: 50\n  vetoes: [{id: V, actors: [A]}]\n"
           "  factors: [{id: F, share: VV, points: 1}]\n",
           {17, 28,
            "unknown durability veto 'VV' in durability factor 'F', did "
            "you mean 'V'? expected an id declared under "
            "durability.vetoes"});
    EXPECT("durability:\n  base: 50\n  vetoes: [{id: V, actors: [A]}]\n"
           "  factors: [{id: F, share: V, terms: [{issue: X, coef: 1}]}]\n",
           {17, 28,
            "'share' of durability factor 'F' without 'points', expected "
            "the points the share multiplies"});
    EXPECT("durability:\n  base: 50\n"
           "  factors: [{id: F, terms: [{issue: Y, coef: 1}]}]\n",
           {16, 37,
            "issue 'Y' in term #1 of durability factor 'F' has no "
            "status_quo, expected an issue with one (an open issue takes "
            "its status quo)"});
    EXPECT("durability:\n  base: 50\n  factors: [{id: F, pionts: 1}]\n",
           {16, 21,
            "unknown key 'pionts' in durability factor #1, did you mean "
            "'points'? expected one of: id, name, when, points, terms, "
            "share, flag, source, note"},
           {16, 13,
            "durability factor 'F' has neither 'points' nor 'terms', "
            "expected at least one of them"});
    EXPECT("durability:\n  base: 50\n"
           "  factors: [{id: F, points: 1}, {id: F, points: 2}]\n",
           {16, 33,
            "duplicate durability factor id 'F' (first at 16:13), expected "
            "unique durability factor ids"});
    EXPECT("durability:\n  base: 50\n  vetoes: [{id: V}]\n",
           {16, 12,
            "missing required key 'actors' in durability veto 'V', "
            "expected a list of actor ids"});
    EXPECT("durability: {base: 50, clip: [5, 5]}\n",
           {14, 30, "'clip' of 'durability' is [5, 5], expected min < max"});
    EXPECT("durability:\n  base: 50\n"
           "  vetoes: [{id: V, actors: [A], issues: [X], top_salience: "
           "1}]\n",
           {16, 60,
            "durability veto 'V' gives both 'issues' and 'top_salience', "
            "expected one of them"});
    EXPECT("durability:\n  base: 50\n"
           "  factors: [{id: F, points: {value: 1, flag: stated, source: "
           "E}}]\n",
           {16, 62,
            "unknown source 'E' in 'points' of durability factor 'F', "
            "expected an id declared under sources"});
    EXPECT("durability: [1]\n",
           {14, 13, "'durability' is a list, expected a map"});
}
