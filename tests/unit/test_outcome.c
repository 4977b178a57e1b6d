/*
 * test_outcome.c -- packages, engine acceptance, conditions and the
 * classification of a package into an outcome type (src/dynamics/
 * outcome.c), and the loader's reading of `outcomes[].when` / `default`.
 *
 * Reference for the Ukraine classification: ukraine-brief.md 6.1 (rules,
 * written as data in examples/ukraine-2026.yaml), 4.1 (the proposals) and
 * 2.4 (acceptable ranges).  The expected classes below are worked out by
 * hand from those tables, not from the program's output: e.g. PR2 sets
 * T_DONBAS 60, outside Russia's range [70, 100] (brief 2.4; the brief's
 * own 6.3 example says "outside RU range on T_DONBAS, 60 < 70"), so Russia
 * does not sign and PR2 is O5 (talks without result), O1b if signed.
 */
#include "dynamics/outcome.h"
#include "support.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------ */

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

static parley_scenario *load_small(parley_ctx *ctx)
{
    return load_path(ctx, test_data("yaml/impact-small.yaml"));
}

/* A proposal's package in caller arrays (at most 32 issues here). */
typedef struct pkg_buf {
    double value[32];
    size_t option[32];
    parley_package pkg;
} pkg_buf;

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

/* Sets issue `issue` of b to option `option` (by ids). */
static void set_option(const parley_scenario *s, pkg_buf *b, const char *issue,
                       const char *option)
{
    size_t k = parley_issue_find(s, issue), j;
    const parley_issue *is;

    cr_assert_neq(k, (size_t)-1, "no issue %s", issue);
    is = &s->issues[k];
    for (j = 0; j < is->n_options; j++)
        if (strcmp(is->options[j].id, option) == 0)
            break;
    cr_assert_lt(j, is->n_options, "no option %s", option);
    b->value[k] = is->options[j].value;
    b->option[k] = j;
}

static const char *outcome_id(const parley_scenario *s, size_t o)
{
    return o == PARLEY_NO_OUTCOME ? "none" : parley_outcome_id(s, o);
}

static int accept_all(void *user, const parley_scenario *s, size_t actor,
                      const parley_package *package, parley_acceptance *why)
{
    (void)s;
    (void)actor;
    (void)package;
    if (user)
        (*(int *)user)++;
    if (why) {
        memset(why, 0, sizeof *why);
        why->accepted = 1;
        why->issue = (size_t)-1;
    }
    return 1;
}

/* ---- the Ukraine proposals (brief 6.1 over 4.1) -------------------------- */

Test(outcome, ukraine_proposals_classified_by_the_brief_rules)
{
    /* id, issues set, class by engine acceptance, class if signed */
    static const struct {
        const char *id;
        size_t n_set;
        const char *outcome, *if_signed;
    } want[] = {
        {"PR1", 3, "O5", "O5"},  /* no T_DONBAS, NATO, GUAR */
        {"PR2", 7, "O5", "O1b"}, /* RU: T_DONBAS 60 < 70 */
        {"PR3", 6, "O5", "O5"},  /* NATO n/s */
        {"PR4", 7, "O5", "O5"},  /* NATO n/s */
        {"PR5", 3, "O5", "O5"},
        {"PR6", 16, "O5", "O1c"}, /* UA: RECOG 100 breaks RL5 */
        {"PR7", 4, "O5", "O5"},   /* T_DONBAS n/s */
        {"PR8", 2, "O5", "O5"},
        {"PR9", 4, "O5", "O5"}, /* CF3, not CF2 */
        {"PR10", 8, "O5", "O5"},
        {"PR11", 11, "O3", "O3"}, /* CF2 with no deadline */
    };
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_ukraine(ctx);
    size_t i;

    cr_assert_eq(parley_scenario_n_proposals(s), 11);
    for (i = 0; i < sizeof want / sizeof *want; i++) {
        parley_outcome_class c;
        pkg_buf b;

        proposal_pkg(ctx, s, want[i].id, &b);
        cr_assert_eq(parley_outcome_classify(ctx, s, &b.pkg, NULL, &c),
                     PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
        cr_expect_eq(c.n_set, want[i].n_set, "%s sets %zu", want[i].id,
                     c.n_set);
        cr_expect_str_eq(outcome_id(s, c.outcome), want[i].outcome, "%s",
                         want[i].id);
        cr_expect_str_eq(outcome_id(s, c.outcome_if_signed), want[i].if_signed,
                         "%s if signed", want[i].id);
    }
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(outcome, ukraine_acceptance_reasons)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_ukraine(ctx);
    size_t ru = parley_actor_find(s, "RU"), ua = parley_actor_find(s, "UA");
    parley_acceptance why;
    pkg_buf b;

    /* PR2: Russia's range on T_DONBAS is [70, 100] (brief 2.4, E) */
    proposal_pkg(ctx, s, "PR2", &b);
    cr_expect_eq(parley_accept_engine(NULL, s, ru, &b.pkg, &why), 0);
    cr_expect_eq(why.accepted, 0);
    cr_expect_null(why.red_line);
    cr_expect_str_eq(parley_issue_id(s, why.issue), "T_DONBAS");
    cr_expect_float_eq(why.value, 60, 0);
    cr_expect_float_eq(why.low, 70, 0);
    cr_expect_float_eq(why.high, 100, 0);
    /* Ukraine signs PR2: every set term inside its ranges (T_DONBAS 60 is
     * the end of [0, 60]); open issues (TROOPS, T_KURSK, ...) are not
     * signed, so their status quo does not count */
    cr_expect_eq(parley_accept_engine(NULL, s, ua, &b.pkg, &why), 1);
    cr_expect_eq(why.accepted, 1);
    cr_expect_eq(why.issue, (size_t)-1);
    /* PR6: RECOG 100 breaks Ukraine's red line RL5 (RECOG <= 25); red
     * lines are reported before ranges */
    proposal_pkg(ctx, s, "PR6", &b);
    cr_expect_eq(parley_accept_engine(NULL, s, ua, &b.pkg, &why), 0);
    cr_expect_str_eq(why.red_line, "RL5");
    cr_expect_str_eq(parley_issue_id(s, why.issue), "RECOG");
    cr_expect_float_eq(why.high, 25, 0);
    /* PR5: the Kursk swap TK1 is vetoed by RL3 (an option veto) */
    proposal_pkg(ctx, s, "PR5", &b);
    cr_expect_eq(parley_accept_engine(NULL, s, ru, &b.pkg, &why), 0);
    cr_expect_str_eq(why.red_line, "RL2a"); /* T_DONBAS 20 < 40 first */
    b.value[parley_issue_find(s, "T_DONBAS")] = NAN;
    b.value[parley_issue_find(s, "T_ZK")] = NAN;
    cr_expect_eq(parley_accept_engine(NULL, s, ru, &b.pkg, &why), 0);
    cr_expect_str_eq(why.red_line, "RL3");
    cr_expect_str_eq(parley_issue_id(s, why.issue), "T_KURSK");
    /* the same value written without an option still counts as TK1 */
    b.option[parley_issue_find(s, "T_KURSK")] = (size_t)-1;
    cr_expect_eq(parley_accept_engine(NULL, s, ru, &b.pkg, &why), 0);
    cr_expect_str_eq(why.red_line, "RL3");
    /* bad arguments: not accepted, why reset */
    cr_expect_eq(parley_accept_engine(NULL, s, 99, &b.pkg, &why), 0);
    cr_expect_eq(parley_accept_engine(NULL, NULL, ru, &b.pkg, NULL), 0);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* With a plugged-in acceptance rule that signs everything, the class is
 * the class if signed: the O1 subtypes of 6.1 all occur. */
Test(outcome, plugged_acceptance_gives_the_o1_subtypes)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_ukraine(ctx);
    parley_outcome_options o;
    parley_outcome_class c;
    int calls = 0;
    pkg_buf b;

    parley_outcome_options_set_default(&o);
    cr_expect_eq(o.accept, parley_accept_engine);
    o.accept = accept_all;
    o.accept_user = &calls;
    /* PR2: mean(60, 40 sq, 50 sq) = 50 > 20 -> O1b */
    proposal_pkg(ctx, s, "PR2", &b);
    cr_assert_eq(parley_outcome_classify(ctx, s, &b.pkg, &o, &c), PARLEY_OK);
    cr_expect_str_eq(outcome_id(s, c.outcome), "O1b");
    cr_expect_gt(calls, 0, "the plugged rule was not called");
    /* PR6: RECOG 100 >= 75 -> O1c */
    proposal_pkg(ctx, s, "PR6", &b);
    cr_assert_eq(parley_outcome_classify(ctx, s, &b.pkg, &o, &c), PARLEY_OK);
    cr_expect_str_eq(outcome_id(s, c.outcome), "O1c");
    /* PR3 with NATO accession: T 0/0/0, RECOG 0 -> O1a */
    proposal_pkg(ctx, s, "PR3", &b);
    cr_assert_eq(parley_outcome_classify(ctx, s, &b.pkg, &o, &c), PARLEY_OK);
    cr_expect_str_eq(outcome_id(s, c.outcome), "O5"); /* NATO open */
    set_option(s, &b, "NATO", "NA1");
    cr_assert_eq(parley_outcome_classify(ctx, s, &b.pkg, &o, &c), PARLEY_OK);
    cr_expect_str_eq(outcome_id(s, c.outcome), "O1a");
    /* mean of the territories at 20 is still O1a, just above is O1b */
    b.value[parley_issue_find(s, "T_DONBAS")] = 60;
    cr_assert_eq(parley_outcome_classify(ctx, s, &b.pkg, &o, &c), PARLEY_OK);
    cr_expect_str_eq(outcome_id(s, c.outcome), "O1a");
    b.value[parley_issue_find(s, "T_DONBAS")] = 61;
    cr_assert_eq(parley_outcome_classify(ctx, s, &b.pkg, &o, &c), PARLEY_OK);
    cr_expect_str_eq(outcome_id(s, c.outcome), "O1b");
    /* RECOG 75 is O1c even with the territories at 0 (rule order) */
    b.value[parley_issue_find(s, "T_DONBAS")] = 0;
    set_option(s, &b, "RECOG", "RC4");
    cr_assert_eq(parley_outcome_classify(ctx, s, &b.pkg, &o, &c), PARLEY_OK);
    cr_expect_str_eq(outcome_id(s, c.outcome), "O1c");
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- conditions on a small scenario ----------------------------------------
 */

Test(outcome, small_scenario_rules)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_small(ctx);
    parley_outcome_class c;
    pkg_buf b;

    /* P1 (X 50, Y 50): inside A's and B's ranges -> DEAL */
    proposal_pkg(ctx, s, "P1", &b);
    cr_assert_eq(parley_outcome_classify(ctx, s, &b.pkg, NULL, &c), PARLEY_OK);
    cr_expect_str_eq(outcome_id(s, c.outcome), "DEAL");
    cr_expect_str_eq(outcome_id(s, c.outcome_if_signed), "DEAL");
    cr_expect_eq(c.n_set, 2);
    /* P2 (X 100, Y 40, Z1): A's red line vetoes Z1 -> not DEAL; Z1 ->
     * TRUCE; DEAL if signed */
    proposal_pkg(ctx, s, "P2", &b);
    cr_assert_eq(parley_outcome_classify(ctx, s, &b.pkg, NULL, &c), PARLEY_OK);
    cr_expect_str_eq(outcome_id(s, c.outcome), "TRUCE");
    cr_expect_str_eq(outcome_id(s, c.outcome_if_signed), "DEAL");
    /* nothing set, Z open without a status quo -> the default */
    b.value[0] = b.value[1] = b.value[2] = NAN;
    cr_assert_eq(parley_outcome_classify(ctx, s, &b.pkg, NULL, &c), PARLEY_OK);
    cr_expect_str_eq(outcome_id(s, c.outcome), "NONE");
    cr_expect_eq(c.n_set, 0);
    /* Z at Z0 is skipped by the TRUCE rule: nothing left to test */
    b.value[2] = 0;
    b.option[2] = 0;
    cr_assert_eq(parley_outcome_classify(ctx, s, &b.pkg, NULL, &c), PARLEY_OK);
    cr_expect_str_eq(outcome_id(s, c.outcome), "NONE");
    b.value[2] = 100;
    b.option[2] = 1;
    cr_assert_eq(parley_outcome_classify(ctx, s, &b.pkg, NULL, &c), PARLEY_OK);
    cr_expect_str_eq(outcome_id(s, c.outcome), "TRUCE");
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* Each condition kind, evaluated directly on the small scenario. */
Test(outcome, condition_kinds)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_small(ctx);
    const parley_durability_model *m = &s->durability;
    parley_i_eval e;
    pkg_buf b;
    size_t C = parley_actor_find(s, "C");

    proposal_pkg(ctx, s, "P1", &b); /* X 50, Y 50, Z open (no sq) */
    parley_i_eval_init(&e, s, &b.pkg, PARLEY_NO_OUTCOME, NULL);
    /* F1: each of (X, Y) >= 50 */
    cr_expect(parley_i_condition_holds(&e, &m->factors[0].when));
    b.value[1] = 49;
    cr_expect_not(parley_i_condition_holds(&e, &m->factors[0].when));
    /* open Y takes its status quo 50 */
    b.value[1] = NAN;
    cr_expect(parley_i_condition_holds(&e, &m->factors[0].when));
    /* F2 has no condition: always */
    cr_expect(parley_i_condition_holds(&e, &m->factors[1].when));
    /* F4: outcome TRUCE */
    cr_expect_not(parley_i_condition_holds(&e, &m->factors[3].when));
    e.outcome = parley_outcome_find(s, "TRUCE");
    cr_expect(parley_i_condition_holds(&e, &m->factors[3].when));
    e.outcome = PARLEY_NO_OUTCOME;
    /* F5: not (outside B's range on some issue); Z open with no status
     * quo is left out */
    b.value[0] = 50;
    b.value[1] = 40;
    cr_expect(parley_i_condition_holds(&e, &m->factors[4].when));
    b.value[1] = 39;
    cr_expect_not(parley_i_condition_holds(&e, &m->factors[4].when));
    /* F6: Z in {100} or mean(X, Y) <= 10 */
    cr_expect_not(parley_i_condition_holds(&e, &m->factors[5].when));
    b.value[2] = 100;
    cr_expect(parley_i_condition_holds(&e, &m->factors[5].when));
    b.value[2] = 0;
    b.value[0] = 0;
    b.value[1] = 20;
    cr_expect(parley_i_condition_holds(&e, &m->factors[5].when));
    b.value[1] = 21;
    cr_expect_not(parley_i_condition_holds(&e, &m->factors[5].when));
    /* the mean of a missing value fails */
    b.value[1] = NAN;
    s->issues[1].status_quo = NAN;
    cr_expect_not(parley_i_condition_holds(&e, &m->factors[5].when));
    s->issues[1].status_quo = 50;
    /* top salience with ties: C's saliences are X 70, Y 70, Z 10, so its
     * top-2 issues are X and Y (and top-1 too, by the tie) */
    b.value[0] = 0;
    b.value[1] = 0;
    b.value[2] = 100; /* outside C's Z range [0, 50], but Z is not top */
    cr_expect_eq(parley_i_range_violation(s, &b.pkg, C, NULL, 0, 2, NULL, 0),
                 (size_t)-1);
    cr_expect_eq(parley_i_range_violation(s, &b.pkg, C, NULL, 0, 1, NULL, 0),
                 (size_t)-1);
    cr_expect_eq(parley_i_range_violation(s, &b.pkg, C, NULL, 0, 3, NULL, 0),
                 2);
    cr_expect_eq(parley_i_range_violation(s, &b.pkg, C, NULL, 0, 0, NULL, 0),
                 2);
    b.value[1] = 41;
    cr_expect_eq(parley_i_range_violation(s, &b.pkg, C, NULL, 0, 1, NULL, 0),
                 1);
    {
        parley_cond_option skip = {1, 0}; /* skip Y when at Y0 */
        size_t only_y = 1;

        b.option[1] = 0;
        cr_expect_eq(
            parley_i_range_violation(s, &b.pkg, C, &only_y, 1, 0, &skip, 1),
            (size_t)-1);
        b.option[1] = (size_t)-1;
        cr_expect_eq(
            parley_i_range_violation(s, &b.pkg, C, &only_y, 1, 0, &skip, 1), 1);
    }
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- errors ----------------------------------------------------------------
 */

Test(outcome, classify_errors)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_small(ctx);
    parley_outcome_class c;
    double v[3] = {0, 0, 0};
    size_t opt[3] = {0, 0, 99};
    parley_package pkg = {2, v, NULL};

    cr_expect_eq(parley_outcome_classify(NULL, s, &pkg, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_eq(parley_outcome_classify(ctx, NULL, &pkg, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_eq(parley_outcome_classify(ctx, s, &pkg, NULL, NULL),
                 PARLEY_EINVAL);
    parley_ctx_clear(ctx);
    cr_expect_eq(parley_outcome_classify(ctx, s, &pkg, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_str_eq(parley_ctx_errmsg(ctx),
                     "classify: the package has 2 issues, expected the "
                     "scenario's 3");
    cr_expect_eq(c.outcome, PARLEY_NO_OUTCOME);
    pkg.n_issues = 3;
    v[0] = 101;
    parley_ctx_clear(ctx);
    cr_expect_eq(parley_outcome_classify(ctx, s, &pkg, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_str_eq(parley_ctx_errmsg(ctx),
                     "classify: value 101 on issue 'X' is outside its scale, "
                     "expected a number from 0 to 100 or NaN (open)");
    v[0] = INFINITY;
    cr_expect_eq(parley_outcome_classify(ctx, s, &pkg, NULL, &c),
                 PARLEY_EINVAL);
    v[0] = 0;
    pkg.option = opt;
    parley_ctx_clear(ctx);
    cr_expect_eq(parley_outcome_classify(ctx, s, &pkg, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_str_eq(parley_ctx_errmsg(ctx),
                     "classify: option index 99 on issue 'Z', expected one "
                     "below 2 or none");
    pkg.option = NULL;
    pkg.value = NULL;
    cr_expect_eq(parley_outcome_classify(ctx, s, &pkg, NULL, &c),
                 PARLEY_EINVAL);
    cr_expect_eq(parley_outcome_classify(ctx, s, NULL, NULL, &c),
                 PARLEY_EINVAL);
    /* a scenario without rules */
    s->outcome_types[0].has_when = s->outcome_types[1].has_when = 0;
    s->outcome_types[2].is_default = 0;
    pkg.value = v;
    parley_ctx_clear(ctx);
    cr_expect_eq(parley_outcome_classify(ctx, s, &pkg, NULL, &c),
                 PARLEY_EUNSUPPORTED);
    cr_expect(strstr(parley_ctx_errmsg(ctx),
                     "scenario 'small' has no outcome classification "
                     "rules") != NULL,
              "%s", parley_ctx_errmsg(ctx));
    /* proposal packages */
    cr_expect_eq(parley_proposal_package(ctx, s, 3, v, NULL), PARLEY_EINVAL);
    cr_expect_eq(parley_proposal_package(ctx, s, 0, NULL, NULL), PARLEY_EINVAL);
    cr_expect_eq(parley_proposal_package(NULL, s, 0, v, NULL), PARLEY_EINVAL);
    cr_expect_eq(parley_proposal_package(ctx, s, 2, v, NULL), PARLEY_OK);
    cr_expect(isnan(v[0]) && isnan(v[1]));
    cr_expect_float_eq(v[2], 100, 0);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(outcome, accessors)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_small(ctx);

    cr_expect_eq(parley_scenario_n_outcomes(s), 3);
    cr_expect_str_eq(parley_outcome_id(s, 1), "TRUCE");
    cr_expect_str_eq(parley_outcome_name(s, 1), "TRUCE"); /* no name */
    cr_expect_null(parley_outcome_id(s, 3));
    cr_expect_null(parley_outcome_name(NULL, 0));
    cr_expect_eq(parley_outcome_find(s, "NONE"), 2);
    cr_expect_eq(parley_outcome_find(s, "nope"), PARLEY_NO_OUTCOME);
    cr_expect_eq(parley_outcome_find(s, NULL), PARLEY_NO_OUTCOME);
    cr_expect_eq(parley_scenario_n_outcomes(NULL), 0);
    cr_expect_eq(parley_scenario_n_impacts(s), 1);
    cr_expect_str_eq(parley_impact_id(s, 0), "T");
    cr_expect_null(parley_impact_id(s, 1));
    cr_expect_eq(parley_impact_find(s, "T"), 0);
    cr_expect_eq(parley_impact_find(s, "U"), (size_t)-1);
    cr_expect_eq(parley_scenario_n_impacts(NULL), 0);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- the loader: `when` and `default`
 * ---------------------------------------- */

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

/* Loads base + extra; expects failure with exactly one diagnostic at
 * line:col with this message (file name left out). */
static void expect_one_error(const char *extra, unsigned line, unsigned col,
                             const char *message)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    char text[4096];
    const parley_diag *d;
    size_t i;

    snprintf(text, sizeof text, "%s%s", base, extra);
    cr_assert_neq(parley_scenario_load_buffer(ctx, "t.yaml", text, strlen(text),
                                              NULL, &s),
                  PARLEY_OK, "loaded: %s", extra);
    cr_assert_null(s);
    for (i = 0; i < parley_ctx_ndiag(ctx); i++)
        cr_log_info("%u:%u: %s", parley_ctx_diag(ctx, i)->line,
                    parley_ctx_diag(ctx, i)->col,
                    parley_ctx_diag(ctx, i)->message);
    cr_assert_eq(parley_ctx_ndiag(ctx), 1, "%zu diagnostics for %s",
                 parley_ctx_ndiag(ctx), extra);
    d = parley_ctx_diag(ctx, 0);
    cr_expect_str_eq(d->message, message);
    cr_expect_eq(d->line, line, "line %u, expected %u", d->line, line);
    cr_expect_eq(d->col, col, "col %u, expected %u", d->col, col);
    parley_ctx_free(ctx);
}

Test(outcome_yaml, rules_load)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_small(ctx);
    const parley_outcome_type *deal = &s->outcome_types[0];
    const parley_cond *root;

    cr_expect_eq(deal->has_when, 1);
    cr_expect_eq(deal->is_default, 0);
    cr_assert_eq(deal->when.n_nodes, 3);
    root = &deal->when.nodes[0];
    cr_expect_eq(root->kind, PARLEY_COND_ALL);
    cr_assert_eq(root->n_refs, 2);
    cr_expect_eq(deal->when.nodes[root->refs[0]].kind, PARLEY_COND_ACCEPTED);
    cr_expect_eq(deal->when.nodes[root->refs[0]].n_refs, 2);
    cr_expect_eq(deal->when.nodes[root->refs[1]].kind, PARLEY_COND_SET);
    cr_expect_eq(root->line, 13);
    cr_expect_eq(root->col, 7);
    cr_expect_eq(s->outcome_types[2].is_default, 1);
    cr_expect_eq(s->outcome_types[2].has_when, 0);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(outcome_yaml, errors_have_positions)
{
    static const char *heads =
        "issue, mean_of, set, outcomes, accepted_by, outside_range, all, "
        "any, not";

    char msg[512];

    snprintf(msg, sizeof msg,
             "unknown key 'isue' in 'when' of outcome 'O1', did you mean "
             "'issue'? expected one of: %s, match, option, options, values, "
             "min, max, skip_options, issues, top_salience, note",
             heads);
    {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_scenario *s = NULL;
        char text[4096];

        snprintf(text, sizeof text, "%s%s", base,
                 "outcomes:\n  - id: O1\n    when: {isue: X, max: 5}\n");
        cr_assert_eq(parley_scenario_load_buffer(ctx, "t.yaml", text,
                                                 strlen(text), NULL, &s),
                     PARLEY_EVALID);
        cr_assert_eq(parley_ctx_ndiag(ctx), 2);
        cr_expect_str_eq(parley_ctx_diag(ctx, 0)->message, msg);
        cr_expect_eq(parley_ctx_diag(ctx, 0)->line, 16);
        cr_expect_eq(parley_ctx_diag(ctx, 0)->col, 12);
        snprintf(msg, sizeof msg,
                 "'when' of outcome 'O1' has no test, expected one of: %s",
                 heads);
        cr_expect_str_eq(parley_ctx_diag(ctx, 1)->message, msg);
        cr_expect_eq(parley_ctx_diag(ctx, 1)->line, 16);
        cr_expect_eq(parley_ctx_diag(ctx, 1)->col, 11);
        parley_ctx_free(ctx);
    }
    expect_one_error("outcomes:\n  - id: O1\n    when: {issue: X, set: [X], "
                     "max: 5}\n",
                     16, 27,
                     "'when' of outcome 'O1' combines 'issue' and 'set', "
                     "expected one test per condition (combine tests with "
                     "all, any or not)");
    expect_one_error("outcomes:\n  - id: O1\n    when: {issue: X, option: "
                     "Y1}\n",
                     16, 30,
                     "option 'Y1' in 'when' of outcome 'O1' belongs to "
                     "issue 'Y', expected an option of issue 'X'");
    expect_one_error("outcomes:\n  - id: O1\n    when: {all: []}\n", 16, 17,
                     "'all' of 'when' of outcome 'O1' is an empty list, "
                     "expected a non-empty list of conditions");
    expect_one_error("outcomes:\n  - id: O1\n    when: {accepted_by: [A, "
                     "BB]}\n",
                     16, 29,
                     "unknown actor 'BB' in 'when' of outcome 'O1', did you "
                     "mean 'B'? expected an id declared under actors");
    expect_one_error("outcomes:\n  - id: O1\n    when: {accepted_by: [A, "
                     "A]}\n",
                     16, 29,
                     "actor 'A' is listed twice in 'accepted_by' of 'when' "
                     "of outcome 'O1', expected each once");
    expect_one_error("outcomes:\n  - id: O1\n    when: {issue: X}\n", 16, 11,
                     "'when' of outcome 'O1' names issues without a test, "
                     "expected 'option', 'options', 'values', 'min' or "
                     "'max'");
    expect_one_error("outcomes:\n  - id: O1\n    when: {issue: [X, Y], "
                     "option: X1}\n",
                     16, 35,
                     "'option' of 'when' of outcome 'O1' needs a single "
                     "issue, expected 'options' with a list of issues");
    expect_one_error("outcomes:\n  - id: O1\n    when: {issue: [X, Y], "
                     "options: [X1, Q1], min: 0}\n",
                     16, 41,
                     "unknown option 'Q1' in 'options' of 'when' of outcome "
                     "'O1', did you mean 'X1'? expected an option id "
                     "declared under issues");
    expect_one_error("outcomes:\n  - id: O1\n    when: {issue: [X], "
                     "values: [1, '2']}\n",
                     16, 36,
                     "'values' of 'when' of outcome 'O1' is the quoted text "
                     "'2', expected a number (without quotes)");
    expect_one_error("outcomes:\n  - id: O1\n    when: {mean_of: [X, Y]}\n", 16,
                     11,
                     "'when' of outcome 'O1' has no bound, expected 'min', "
                     "'max' or both");
    expect_one_error("outcomes:\n  - id: O1\n    when: {outside_range: A, "
                     "issues: [X], top_salience: 2}\n",
                     16, 57,
                     "'when' of outcome 'O1' gives both 'issues' and "
                     "'top_salience', expected one of them");
    expect_one_error("outcomes:\n  - id: O1\n    when: {outside_range: A, "
                     "top_salience: 0}\n",
                     16, 44,
                     "'top_salience' of 'when' of outcome 'O1' is 0, "
                     "expected a whole number from 1 to 100000");
    expect_one_error("outcomes:\n  - id: O1\n    when: {not: {any: [{issue: "
                     "X, min: 1}, {mean_of: [X, Z], max: 3}]}}\n",
                     16, 58,
                     "unknown issue 'Z' in condition #2 of 'any' in 'not' "
                     "of 'when' of outcome 'O1', did you mean 'X'? expected "
                     "an id declared under issues");
    expect_one_error("outcomes:\n  - id: O1\n    when: [1]\n", 16, 11,
                     "'when' of outcome 'O1' is a list, expected a "
                     "condition map such as {issue: X, min: 40}");
    expect_one_error("outcomes:\n  - {id: O1, default: true}\n"
                     "  - {id: O2, default: true}\n",
                     16, 23,
                     "outcome 'O2' is a second default outcome (first at "
                     "15:23), expected at most one outcome with default: "
                     "true");
    expect_one_error("outcomes:\n  - {id: O1, default: true, when: {set: "
                     "[X]}}\n",
                     15, 23,
                     "outcome 'O1' has both 'when' and 'default: true', "
                     "expected one of them (the default is the class when "
                     "no rule holds)");
    expect_one_error("outcomes:\n  - {id: O1, when: {outcomes: [O2]}}\n", 15,
                     32,
                     "unknown outcome 'O2' in 'when' of outcome 'O1', did "
                     "you mean 'O1'? expected an id declared under "
                     "outcomes");
}

/* The loader frees everything on every allocation failure. */
static parley_status load_small_body(parley_ctx *ctx, void *user)
{
    parley_scenario *s = NULL;
    parley_status st;

    (void)user;
    st = parley_scenario_load(ctx, test_data("yaml/impact-small.yaml"), NULL,
                              &s);
    parley_scenario_free(s);
    return st;
}

Test(outcome_yaml, allocation_failures_leak_nothing)
{
    cr_expect_gt(test_alloc_failures(load_small_body, NULL), 10);
}
