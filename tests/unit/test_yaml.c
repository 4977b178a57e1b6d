/*
 * test_yaml.c -- the scenario language v1 loader (src/scenario/load_yaml.c).
 *
 * Valid files must load with the numbers written in them; bad files must
 * give the exact diagnostics, each at its line and column, all of them, and
 * leave nothing allocated.  The fixtures live in tests/data/yaml/.
 */
#include "scenario/scenario.h"
#include "support.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------ */

static parley_status load_file(parley_ctx *ctx, const char *name,
                               parley_scenario **out)
{
    parley_load_options opts;

    parley_load_options_set_default(&opts);
    opts.format = PARLEY_FORMAT_YAML;
    return parley_scenario_load(ctx, test_data(name), &opts, out);
}

static parley_status load_text(parley_ctx *ctx, const char *text,
                               parley_scenario **out)
{
    parley_load_options opts;

    parley_load_options_set_default(&opts);
    opts.format = PARLEY_FORMAT_YAML;
    return parley_scenario_load_buffer(ctx, "t.yaml", text, strlen(text),
                                       &opts, out);
}

/* Asserts diagnostic i reads "line:col: message" (file name left out). */
static void expect_diag(const parley_ctx *ctx, size_t i, unsigned line,
                        unsigned col, const char *message)
{
    const parley_diag *d = parley_ctx_diag(ctx, i);

    cr_assert_not_null(d, "no diagnostic #%zu (have %zu)", i,
                       parley_ctx_ndiag(ctx));
    cr_expect_str_eq(d->message, message, "diagnostic #%zu", i);
    cr_expect_eq(d->line, line, "diagnostic #%zu line %u, expected %u", i,
                 d->line, line);
    cr_expect_eq(d->col, col, "diagnostic #%zu col %u, expected %u", i,
                 d->col, col);
}

/* Loads a bad fixture: checks the status, that nothing was returned, and
 * the number of diagnostics.  Returns the context for further checks. */
static parley_ctx *load_bad(const char *name, parley_status want,
                            size_t n_diags)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = (parley_scenario *)&s; /* must be reset to NULL */
    parley_status st;
    size_t i;

    cr_assert_not_null(ctx);
    st = load_file(ctx, name, &s);
    for (i = 0; i < parley_ctx_ndiag(ctx); i++)
        cr_log_info("%s:%u:%u: %s", name, parley_ctx_diag(ctx, i)->line,
                    parley_ctx_diag(ctx, i)->col,
                    parley_ctx_diag(ctx, i)->message);
    cr_assert_eq(st, want, "%s: status %s, expected %s", name,
                 parley_strerror(st), parley_strerror(want));
    cr_assert_null(s, "%s: a scenario was returned on error", name);
    cr_assert_eq(parley_ctx_ndiag(ctx), n_diags,
                 "%s: %zu diagnostics, expected %zu", name,
                 parley_ctx_ndiag(ctx), n_diags);
    return ctx;
}

/* ---- valid files -------------------------------------------------------- */

Test(yaml, minimal_loads_with_defaults)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    const parley_issue *x;

    cr_assert_eq(load_file(ctx, "yaml/minimal.yaml", &s), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(parley_ctx_ndiag(ctx), 0);
    cr_expect_str_eq(parley_scenario_id(s), "minimal");
    cr_expect_str_eq(parley_scenario_name(s), "Two parties, one issue");
    cr_assert_eq(parley_scenario_n_actors(s), 2);
    cr_assert_eq(parley_scenario_n_issues(s), 1);
    cr_expect_float_eq(parley_actor_capability(s, 0), 60, 0);
    cr_expect_float_eq(parley_actor_capability(s, 1), 40, 0);
    cr_expect_eq(s->actors[0].role, PARLEY_ROLE_PARTY);
    cr_expect_eq(s->actors[0].capability.line, 4);
    cr_expect_eq(s->actors[0].capability.col, 25);
    cr_expect_eq(s->actors[0].capability.uncertain, 0);
    cr_expect_eq(s->actors[0].capability.source, PARLEY_NO_INDEX);
    cr_expect_eq(s->actors[0].reservation.present, 0);
    x = &s->issues[0];
    cr_expect_float_eq(x->scale_min, 0, 0);
    cr_expect_float_eq(x->scale_max, 100, 0);
    cr_expect_eq(x->shape, PARLEY_SHAPE_LINEAR);
    cr_expect(isnan(x->status_quo));
    cr_expect_eq(x->status_quo_option, PARLEY_NO_INDEX);
    cr_expect(isnan(x->outcome));
    cr_expect_eq(x->n_options, 0);
    cr_expect_float_eq(parley_stance_position(s, 0, 0), 20, 0);
    cr_expect_float_eq(parley_stance_salience(s, 0, 0), 80, 0);
    cr_expect_float_eq(parley_stance_position(s, 1, 0), 90, 0);
    cr_expect_float_eq(parley_stance_salience(s, 1, 0), 50, 0);
    cr_expect_eq(parley_i_stance(s, 1, 0)->position.line, 12);
    cr_expect_eq(parley_i_stance(s, 1, 0)->position.col, 19);
    cr_expect_eq(parley_i_stance(s, 1, 0)->range_low.present, 0);
    cr_expect_null(parley_i_stance(s, 1, 0)->option_values);
    cr_expect_eq(s->dynamics.present, 0);
    cr_expect_str_eq(s->file, test_data("yaml/minimal.yaml"));
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(yaml, full_loads_every_key)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    parley_scenario_summary sum;
    const parley_stance *st;
    const parley_issue *t, *n;
    const parley_impact_dim *dim;
    size_t T = 0, N = 1, G = 2, RU = 0, UA = 1, US = 2, SG = 3;

    cr_assert_eq(load_file(ctx, "yaml/full.yaml", &s), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    parley_scenario_summarise(s, &sum);
    cr_expect_eq(sum.actors, 4);
    cr_expect_eq(sum.issues, 3);
    cr_expect_eq(sum.options, 5);
    cr_expect_eq(sum.stances, 7);
    cr_expect_eq(sum.proposals, 2);
    cr_expect_eq(sum.red_lines, 3);
    cr_expect_eq(sum.ratifications, 1);
    cr_expect_eq(sum.linkages, 2);
    cr_expect_eq(sum.variables, 2);
    cr_expect_eq(sum.shocks, 2);
    cr_expect_eq(sum.couplings, 6);
    cr_expect_eq(sum.impacts, 1);
    cr_expect_eq(sum.sources, 5);
    /* risk, RU salience, UA range high, pass_probability, SH2 delta */
    cr_expect_eq(sum.uncertain, 5);

    cr_expect_str_eq(s->date, "2026-01");
    cr_expect_str_eq(s->description, "Uses every key once");
    cr_expect_eq(s->sources[0].kind, PARLEY_SOURCE_SEED);
    cr_expect_str_eq(s->sources[0].file, "seeds/000.txt");
    cr_expect_str_eq(s->sources[0].url, "https://example.org/000");
    cr_expect_eq(s->sources[1].kind, PARLEY_SOURCE_PAPER);
    cr_expect_eq(s->sources[2].kind, PARLEY_SOURCE_ESTIMATE);
    cr_expect_eq(s->sources[3].kind, PARLEY_SOURCE_OUTSIDE);
    cr_expect_eq(s->sources[4].kind, PARLEY_SOURCE_DATA);
    cr_expect_str_eq(s->outcome_types[0].name, "Deal");
    cr_expect_eq(s->outcome_types[0].source, 0);
    cr_expect_eq(s->outcome_types[1].source, PARLEY_NO_INDEX);

    /* actors */
    cr_expect_float_eq(s->actors[RU].capability.mode, 80, 0);
    cr_expect_eq(s->actors[RU].capability.flag, PARLEY_FLAG_ESTIMATE);
    cr_expect_eq(s->actors[RU].capability.source, 2);
    cr_expect_eq(s->actors[RU].risk.uncertain, 1);
    cr_expect_float_eq(s->actors[RU].risk.low, -0.5, 0);
    cr_expect_float_eq(s->actors[RU].risk.mode, 0, 0);
    cr_expect_float_eq(s->actors[RU].risk.high, 0.5, 0);
    cr_expect_float_eq(s->actors[RU].reservation.mode, 0.4, 0);
    cr_expect_eq(s->actors[RU].source, 0);
    cr_expect_str_eq(s->actors[RU].note, "principal");
    cr_expect_eq(s->actors[UA].reservation.flag, PARLEY_FLAG_DERIVED);
    cr_expect_eq(s->actors[US].role, PARLEY_ROLE_MEDIATOR);
    cr_expect_eq(s->actors[SG].role, PARLEY_ROLE_THIRD_PARTY);

    /* issues */
    t = &s->issues[T];
    cr_expect_eq(t->shape, PARLEY_SHAPE_QUADRATIC);
    cr_expect_str_eq(t->description, "Control of the east");
    cr_assert_eq(t->n_anchors, 2);
    cr_expect_str_eq(t->anchors[1].label, "full transfer");
    cr_expect_float_eq(t->anchors[1].value, 100, 0);
    cr_expect_eq(t->anchors[0].source, 0);
    cr_assert_eq(t->n_options, 3);
    cr_expect_str_eq(t->options[2].id, "T3");
    cr_expect_float_eq(t->options[2].value, 60, 0);
    cr_expect_eq(t->options[0].flag, PARLEY_FLAG_STATED);
    cr_expect_eq(t->options[2].flag, PARLEY_FLAG_ESTIMATE);
    cr_expect_eq(t->status_quo_option, 1);
    cr_expect_float_eq(t->status_quo, 40, 0);
    n = &s->issues[N];
    cr_expect_float_eq(n->scale_min, -1, 0);
    cr_expect_float_eq(n->scale_max, 1, 0);
    cr_expect_float_eq(n->status_quo, 0.5, 0);
    cr_expect_eq(n->status_quo_option, PARLEY_NO_INDEX);

    /* stances */
    st = parley_i_stance(s, RU, T);
    cr_expect_eq(st->position.flag, PARLEY_FLAG_STATED);
    cr_expect_eq(st->salience.uncertain, 1);
    cr_expect_float_eq(st->salience.low, 85, 0);
    cr_expect_float_eq(st->salience.high, 100, 0);
    cr_expect_eq(st->salience.line, 61);
    cr_expect_eq(st->salience.col, 17);
    cr_expect_float_eq(st->range_low.mode, 70, 0);
    cr_expect_float_eq(st->range_high.mode, 100, 0);
    cr_expect_eq(st->range_low.flag, PARLEY_FLAG_ESTIMATE);
    cr_expect_eq(st->range_high.source, 2);
    cr_assert_not_null(st->option_values);
    cr_expect_float_eq(st->option_values[0], 0, 0);
    cr_expect(isnan(st->option_values[1]));
    cr_expect_float_eq(st->option_values[2], 0.8, 0);
    cr_expect_str_eq(st->note, "June 2024 demand");
    st = parley_i_stance(s, UA, T);
    cr_expect_eq(st->range_high.uncertain, 1);
    cr_expect_float_eq(st->range_high.mode, 60, 0);
    cr_expect_eq(st->range_high.flag, PARLEY_FLAG_DERIVED);
    cr_expect_eq(st->range_low.source, 0);
    cr_expect_eq(parley_stance_present(s, SG, T), 0);
    cr_expect_eq(parley_stance_present(s, US, N), 0);
    cr_expect_eq(parley_stance_present(s, UA, G), 1);

    /* constraints */
    cr_expect_float_eq(s->red_lines[0].min, 0.5, 0);
    cr_expect(isinf(s->red_lines[0].max) && s->red_lines[0].max > 0);
    cr_expect_eq(s->red_lines[0].flag, PARLEY_FLAG_STATED);
    cr_expect_eq(s->red_lines[0].line, 82);
    cr_expect_eq(s->red_lines[0].col, 7);
    cr_assert_eq(s->red_lines[1].n_options, 1);
    cr_expect_eq(s->red_lines[1].options[0], 0);
    cr_expect(isinf(s->red_lines[1].min) && s->red_lines[1].min < 0);
    cr_expect_eq(s->red_lines[2].active, 0);
    cr_expect_str_eq(s->red_lines[2].until, "2026-01");
    cr_expect_eq(s->red_lines[0].active, 1);
    cr_expect_str_eq(s->ratifications[0].arena, "public and parliament");
    cr_expect_float_eq(s->ratifications[0].max, 60, 0);
    cr_expect_float_eq(s->ratifications[0].pass_probability.low, 0.1, 0);
    cr_expect_float_eq(s->ratifications[0].pass_probability.mode, 0.3, 0);
    cr_expect_eq(s->linkages[0].actor, UA);
    cr_expect_eq(s->linkages[0].issue_a, N);
    cr_expect_eq(s->linkages[0].issue_b, G);
    cr_expect_float_eq(s->linkages[0].weight.mode, -0.05, 0);
    cr_expect_eq(s->linkages[1].actor, PARLEY_NO_INDEX);

    /* proposals */
    cr_expect_eq(s->proposals[0].terms[T].set, 1);
    cr_expect_eq(s->proposals[0].terms[T].option, 2);
    cr_expect_float_eq(s->proposals[0].terms[T].value, 60, 0);
    cr_expect_eq(s->proposals[0].terms[T].flag, PARLEY_FLAG_DERIVED);
    cr_expect_str_eq(s->proposals[0].terms[T].note, "cede");
    cr_expect_eq(s->proposals[0].terms[N].option, 1);
    cr_expect_eq(s->proposals[0].terms[G].option, PARLEY_NO_INDEX);
    cr_expect_float_eq(s->proposals[0].terms[G].value, 50, 0);
    cr_expect_eq(s->proposals[1].terms[N].set, 0);
    cr_expect_float_eq(s->proposals[1].terms[G].value, 25, 0);
    cr_expect_eq(s->proposals[1].terms[G].set, 1);

    /* dynamics */
    cr_expect_eq(s->dynamics.present, 1);
    cr_expect_eq(s->dynamics.start_year, 2026);
    cr_expect_eq(s->dynamics.start_month, 1);
    cr_expect_eq(s->dynamics.horizon, 24);
    cr_expect_float_eq(s->dynamics.variables[0].mean.mode, 467, 0);
    cr_expect_float_eq(s->dynamics.variables[0].rho.mode, 0.5, 0);
    cr_expect_float_eq(s->dynamics.variables[0].noise.mode, 150, 0);
    cr_expect_float_eq(s->dynamics.variables[0].max, 5000, 0);
    cr_assert_eq(s->dynamics.variables[0].n_inputs, 1);
    cr_expect_eq(s->dynamics.variables[0].inputs[0].variable, 1);
    cr_expect_float_eq(s->dynamics.variables[0].inputs[0].coef.mode, -100,
                       0);
    cr_expect_eq(s->dynamics.variables[1].mean.present, 0);
    cr_expect_float_eq(s->dynamics.variables[1].drift.mode, 0, 0);
    cr_expect_eq(s->dynamics.shocks[0].month, 5);
    cr_expect_eq(s->dynamics.shocks[0].variable, 1);
    cr_expect_float_eq(s->dynamics.shocks[0].probability.mode, 0.1, 0);
    cr_expect_float_eq(s->dynamics.shocks[1].probability.mode, 1, 0);
    cr_expect_eq(s->dynamics.shocks[1].month, 0);
    cr_expect_eq(s->dynamics.couplings[0].target,
                 PARLEY_TARGET_RESERVATION);
    cr_expect_eq(s->dynamics.couplings[0].issue, PARLEY_NO_INDEX);
    cr_expect_eq(s->dynamics.couplings[1].target, PARLEY_TARGET_SALIENCE);
    cr_expect_eq(s->dynamics.couplings[1].issue, N);
    cr_expect_eq(s->dynamics.couplings[2].target, PARLEY_TARGET_CAPABILITY);
    cr_expect_eq(s->dynamics.couplings[5].target, PARLEY_TARGET_RANGE_HIGH);

    /* impacts */
    cr_expect_eq(s->impacts[0].actor, SG);
    cr_assert_eq(s->impacts[0].n_dims, 2);
    dim = &s->impacts[0].dims[0];
    cr_expect_float_eq(dim->weight.mode, 0.6, 0);
    cr_expect_float_eq(dim->by_outcome[0], 2, 0);
    cr_expect_eq(dim->by_outcome_flag[0], PARLEY_FLAG_STATED);
    cr_expect_float_eq(dim->by_outcome[1], -1, 0);
    cr_expect_float_eq(dim->intercept.mode, 2, 0);
    cr_assert_eq(dim->n_terms, 2);
    cr_expect_eq(dim->terms[1].issue, N);
    cr_expect_float_eq(dim->terms[1].coef.mode, -0.5, 0);
    cr_assert_eq(dim->n_formula_outcomes, 1);
    cr_expect_eq(dim->formula_outcomes[0], 0);
    cr_assert_eq(dim->n_adjust, 3);
    cr_expect_eq(dim->adjust[0].option, 2);
    cr_expect(isnan(dim->adjust[0].durability_below));
    cr_expect_float_eq(dim->adjust[1].durability_below, 40, 0);
    cr_expect_eq(dim->adjust[1].issue, PARLEY_NO_INDEX);
    cr_expect_float_eq(dim->adjust[2].max, 1, 0);
    cr_expect_eq(dim->adjust[2].outcomes[0], 1);
    cr_expect_float_eq(dim->adjust[2].durability_at_least, 10, 0);
    cr_expect_float_eq(dim->clip_min, -2, 0);
    cr_expect_float_eq(dim->clip_max, 2, 0);
    dim = &s->impacts[0].dims[1];
    cr_expect(isinf(dim->clip_max));
    cr_expect(isnan(dim->by_outcome[1]));
    cr_expect_eq(dim->intercept.present, 0);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(yaml, auto_detection_picks_yaml_by_extension)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;

    cr_assert_eq(parley_scenario_load(ctx, test_data("yaml/minimal.yaml"),
                                      NULL, &s),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    cr_expect_eq(s->format, PARLEY_FORMAT_YAML);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(yaml, nulls_are_absent_and_flags_follow_sources)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    const char *text = "parley: 1\n"
                       "scenario: {id: n, name: ~}\n"
                       "sources: [{id: E, kind: estimate}, "
                       "{id: X, kind: outside}]\n"
                       "actors:\n"
                       "  - {id: A, capability: {value: 5, source: E}, "
                       "risk: null, reservation: {value: 0.5, flag: S, "
                       "source: X}}\n"
                       "issues: [{id: I}]\n"
                       "stances: {A: {I: {position: 1, salience: 2, "
                       "range: ~}}}\n";

    /* flag S (stated) with an outside source is refused */
    cr_assert_eq(load_text(ctx, text, &s), PARLEY_EVALID);
    cr_assert_eq(parley_ctx_ndiag(ctx), 1);
    expect_diag(ctx, 0, 5, 73,
                "'reservation' of actor 'A' is flagged 'stated' but cites "
                "source 'X' of kind 'outside', expected a source of kind "
                "seed, paper or data");
    parley_ctx_clear(ctx);
    text = "parley: 1\n"
           "scenario: {id: n, name: ~}\n"
           "sources: [{id: E, kind: estimate}, {id: X, kind: outside}]\n"
           "actors:\n"
           "  - {id: A, capability: {value: 5, source: E}, risk: null,\n"
           "     reservation: {value: 0.5, source: X}}\n"
           "issues: [{id: I}]\n"
           "stances: {A: {I: {position: 1, salience: 2, range: ~}}}\n";
    cr_assert_eq(load_text(ctx, text, &s), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_expect_null(s->name);
    cr_expect_eq(s->actors[0].capability.flag, PARLEY_FLAG_ESTIMATE);
    cr_expect_eq(s->actors[0].reservation.flag, PARLEY_FLAG_OUTSIDE);
    cr_expect_eq(s->actors[0].risk.present, 0);
    cr_expect_eq(parley_i_stance(s, 0, 0)->range_low.present, 0);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- diagnostics -------------------------------------------------------- */

Test(yaml, unknown_key_suggests_the_near_one)
{
    parley_ctx *ctx = load_bad("yaml/bad-unknown-key.yaml", PARLEY_EVALID, 2);

    expect_diag(ctx, 0, 9, 23,
                "unknown key 'salence' in the stance of 'A' on 'X', did you "
                "mean 'salience'? expected one of: position, salience, "
                "range, range_flag, range_source, option_values, source, "
                "note");
    expect_diag(ctx, 1, 9, 8,
                "missing required key 'salience' in the stance of 'A' on "
                "'X', expected a number from 0 to 100");
    cr_expect(strstr(parley_ctx_errmsg(ctx), "bad-unknown-key.yaml:9:23: "
                                             "unknown key 'salence'") !=
              NULL, "%s", parley_ctx_errmsg(ctx));
    parley_ctx_free(ctx);
}

Test(yaml, every_error_is_reported)
{
    parley_ctx *ctx =
        load_bad("yaml/bad-three-errors.yaml", PARLEY_EVALID, 3);

    expect_diag(ctx, 0, 4, 25,
                "'capability' of actor 'A' is 160, expected a number from 0 "
                "to 100");
    expect_diag(ctx, 1, 5, 35,
                "'role' of actor 'B' is 'mediater', did you mean "
                "'mediator'? expected one of: party, mediator, guarantor, "
                "veto, stakeholder, third_party");
    expect_diag(ctx, 2, 11, 3,
                "unknown actor 'C' in 'stances', did you mean 'A'? expected "
                "an id declared under actors");
    parley_ctx_free(ctx);
}

Test(yaml, diagnostics_beyond_the_limit_are_counted)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_limits lim = *parley_ctx_limits(ctx);
    parley_scenario *s = NULL;

    lim.max_diagnostics = 2;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(load_file(ctx, "yaml/bad-three-errors.yaml", &s),
                 PARLEY_EVALID);
    cr_expect_eq(parley_ctx_ndiag(ctx), 2);
    cr_expect_eq(parley_ctx_ndiag_dropped(ctx), 1);
    parley_ctx_free(ctx);
}

Test(yaml, malformed_yaml_is_a_parse_error)
{
    parley_ctx *ctx = load_bad("yaml/bad-syntax.yaml", PARLEY_EPARSE, 1);

    expect_diag(ctx, 0, 3, 7,
                "malformed YAML: did not find expected ',' or '}' while "
                "parsing a flow mapping (line 2), expected well-formed YAML "
                "(check indentation, colons, brackets and quotes)");
    parley_ctx_free(ctx);
}

Test(yaml, invalid_utf8_is_reported_at_its_byte)
{
    parley_ctx *ctx = load_bad("yaml/bad-utf8.yaml", PARLEY_EPARSE, 1);

    /* the column counts characters: "caf\xc3\xa9" is 4 of them */
    expect_diag(ctx, 0, 2, 33,
                "invalid UTF-8 byte 0xFF, expected a UTF-8 text file");
    parley_ctx_free(ctx);
}

Test(yaml, anchors_and_aliases_are_refused)
{
    parley_ctx *ctx = load_bad("yaml/bad-alias.yaml", PARLEY_EPARSE, 2);

    expect_diag(ctx, 0, 4, 5,
                "YAML anchor '&a' is not supported, expected plain values "
                "(no anchors or aliases)");
    expect_diag(ctx, 1, 5, 5,
                "YAML alias '*a' is not supported, expected the value "
                "written out in full");
    parley_ctx_free(ctx);
}

Test(yaml, billion_laughs_is_refused_at_once)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    char text[4096];
    size_t used = 0;
    int level, i;

    /* nine levels of ten aliases each: 10^9 leaves if expanded */
    used += (size_t)snprintf(text + used, sizeof text - used,
                             "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (level = 1; level < 10; level++) {
        used += (size_t)snprintf(text + used, sizeof text - used,
                                 "a%d: &a%d [", level, level);
        for (i = 0; i < 10; i++)
            used += (size_t)snprintf(text + used, sizeof text - used,
                                     "*a%d%s", level - 1, i < 9 ? ", " : "");
        used += (size_t)snprintf(text + used, sizeof text - used, "]\n");
    }
    cr_assert_eq(load_text(ctx, text, &s), PARLEY_EPARSE);
    cr_expect_null(s);
    /* 10 anchors and 90 aliases */
    cr_expect_eq(parley_ctx_ndiag(ctx), 100);
    parley_ctx_free(ctx);
}

Test(yaml, deep_nesting_is_refused_early)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    size_t depth = 100000, i;
    char *text = malloc(2 * depth + 32);

    cr_assert_not_null(text);
    strcpy(text, "parley: 1\nscenario: ");
    for (i = 0; i < depth; i++)
        text[20 + i] = '[';
    for (i = 0; i < depth; i++)
        text[20 + depth + i] = ']';
    text[20 + 2 * depth] = '\0';
    cr_assert_eq(load_text(ctx, text, &s), PARLEY_EPARSE);
    cr_assert_eq(parley_ctx_ndiag(ctx), 1);
    /* the 33rd level is the 32nd '[' after "scenario: " */
    expect_diag(ctx, 0, 2, 42,
                "lists and maps nested deeper than 32 levels, expected a "
                "scenario (which nests at most 9)");
    free(text);
    parley_ctx_free(ctx);
}

Test(yaml, wrong_types)
{
    parley_ctx *ctx = load_bad("yaml/bad-types.yaml", PARLEY_EVALID, 5);

    expect_diag(ctx, 0, 4, 25,
                "'capability' of actor 'A' is 'high', expected a number from "
                "0 to 100");
    expect_diag(ctx, 1, 5, 25,
                "'capability' of actor 'B' is a list, expected a number from "
                "0 to 100 or {low, mode, high}");
    expect_diag(ctx, 2, 6, 25,
                "'capability' of actor 'C' is the quoted text '40', expected "
                "a number from 0 to 100 (without quotes)");
    expect_diag(ctx, 3, 7, 9,
                "'issues' of the scenario is a map, expected a list");
    expect_diag(ctx, 4, 8, 10,
                "'stances' is a list, expected a map of actor id to a map of "
                "issue id to stance");
    parley_ctx_free(ctx);
}

Test(yaml, numbers_out_of_range)
{
    parley_ctx *ctx = load_bad("yaml/bad-ranges.yaml", PARLEY_EVALID, 11);

    expect_diag(ctx, 0, 4, 35,
                "'risk' of actor 'A' is 2, expected a number from -1 to 1");
    expect_diag(ctx, 1, 4, 51,
                "'reservation' of actor 'A' is 1.5, expected a number from 0 "
                "to 1");
    expect_diag(ctx, 2, 9, 25,
                "'value' of option 'X1' of issue 'X' is 11, expected a "
                "number from 0 to 10");
    expect_diag(ctx, 3, 12, 19,
                "'position' of the stance of 'A' on 'X' is 20, expected a "
                "number from 0 to 10");
    expect_diag(ctx, 4, 12, 33,
                "'salience' of the stance of 'A' on 'X' is -1, expected a "
                "number from 0 to 100");
    expect_diag(ctx, 5, 12, 44,
                "'range' of the stance of 'A' on 'X' is [8, 2], expected "
                "low <= high");
    expect_diag(ctx, 6, 15, 62,
                "'pass_probability' of ratification 'R1' is 1.2, expected a "
                "number from 0 to 1");
    expect_diag(ctx, 7, 18, 12,
                "'horizon' of 'dynamics' is 601, expected a whole number "
                "from 1 to 600");
    expect_diag(ctx, 8, 20, 41,
                "'rho' of variable 'v' is 1.5, expected a number from 0 to "
                "1");
    expect_diag(ctx, 9, 22, 36,
                "'month' of shock 's1' is '2026-13', expected a month "
                "YYYY-MM");
    expect_diag(ctx, 10, 22, 68,
                "'probability' of shock 's1' has low 0.5, mode 0.2, high "
                "0.9, expected low <= mode <= high");
    parley_ctx_free(ctx);
}

Test(yaml, duplicate_ids_and_keys)
{
    parley_ctx *ctx =
        load_bad("yaml/bad-duplicates.yaml", PARLEY_EVALID, 8);

    expect_diag(ctx, 0, 5, 5,
                "duplicate source id 'S' (first at 4:5), expected unique "
                "source ids");
    expect_diag(ctx, 1, 8, 5,
                "duplicate actor id 'A' (first at 7:5), expected unique "
                "actor ids");
    expect_diag(ctx, 2, 13, 15,
                "duplicate option id 'O1' (first at 11:15), expected unique "
                "option ids");
    expect_diag(ctx, 3, 16, 37,
                "duplicate key 'salience' in the stance of 'A' on 'X' "
                "(first at 16:23), expected each key once");
    expect_diag(ctx, 4, 23, 7,
                "duplicate red line id 'R' (first at 22:7), expected unique "
                "red line ids");
    expect_diag(ctx, 5, 19, 24,
                "option 'O1' in proposal 'P' belongs to issue 'X', expected "
                "an option of issue 'Y'");
    expect_diag(ctx, 6, 19, 5,
                "duplicate proposal id 'P' (first at 18:5), expected unique "
                "proposal ids");
    expect_diag(ctx, 7, 29, 7,
                "duplicate variable id 'v' (first at 28:7), expected unique "
                "variable ids");
    parley_ctx_free(ctx);
}

Test(yaml, unknown_references_suggest)
{
    parley_ctx *ctx =
        load_bad("yaml/bad-references.yaml", PARLEY_EVALID, 10);

    expect_diag(ctx, 0, 8, 38,
                "unknown source 'S001' in actor 'RU', did you mean 'S000'? "
                "expected an id declared under sources");
    expect_diag(ctx, 1, 16, 3,
                "unknown actor 'RUS' in 'stances', did you mean 'RU'? "
                "expected an id declared under actors");
    expect_diag(ctx, 2, 19, 5,
                "unknown issue 'NAT0' in the stances of 'RU', did you mean "
                "'NATO'? expected an id declared under issues");
    expect_diag(ctx, 3, 20, 57,
                "unknown option 'NA5' in 'option_values' of the stance of "
                "'RU' on 'NATO', did you mean 'NA1'? expected an option id "
                "of issue 'NATO'");
    expect_diag(ctx, 4, 23, 48,
                "option 'GU3' in red line 'RL1' belongs to issue 'GUAR', "
                "expected an option of issue 'NATO'");
    expect_diag(ctx, 5, 25, 27,
                "unknown option 'NA6' in proposal 'P', did you mean 'NA1'? "
                "expected an option id of issue 'NATO'");
    expect_diag(ctx, 6, 30, 43,
                "unknown variable 'h' in input #1 of variable 'g', did you "
                "mean 'g'? expected an id declared under dynamics.variables");
    expect_diag(ctx, 7, 32, 26,
                "unknown variable 'gg' in coupling 'C1', did you mean 'g'? "
                "expected an id declared under dynamics.variables");
    expect_diag(ctx, 8, 32, 66,
                "coupling 'C1': actor 'UA' has no stance on 'NATO', expected "
                "a stance to move");
    expect_diag(ctx, 9, 36, 42,
                "unknown outcome 'O2' in 'by_outcome' of dimension 'D1' of "
                "impact 'SG', did you mean 'O1'? expected an id declared "
                "under outcomes");
    parley_ctx_free(ctx);
}

Test(yaml, missing_required_keys)
{
    parley_ctx *ctx = load_bad("yaml/bad-missing.yaml", PARLEY_EVALID, 6);

    expect_diag(ctx, 0, 2, 11,
                "missing required key 'id' in 'scenario', expected an id of "
                "letters, digits, '_', '.', '-'");
    expect_diag(ctx, 1, 4, 5,
                "missing required key 'capability' in actor 'A', expected a "
                "number from 0 to 100");
    expect_diag(ctx, 2, 6, 23,
                "missing required key 'value' in option 'X1' of issue 'X', "
                "expected a number on the issue's scale");
    expect_diag(ctx, 3, 9, 8,
                "missing required key 'salience' in the stance of 'A' on "
                "'X', expected a number from 0 to 100");
    expect_diag(ctx, 4, 11, 5,
                "missing required key 'terms' in proposal 'P', expected a "
                "map of issue id to option id, number or open");
    expect_diag(ctx, 5, 12, 11,
                "missing required key 'start' in 'dynamics', expected a "
                "month YYYY-MM");
    parley_ctx_free(ctx);
}

Test(yaml, flags_must_match_their_sources)
{
    parley_ctx *ctx = load_bad("yaml/bad-flags.yaml", PARLEY_EVALID, 4);

    expect_diag(ctx, 0, 7, 25,
                "'capability' of actor 'A' is flagged 'stated' but cites no "
                "source, expected a source of kind seed, paper or data");
    expect_diag(ctx, 1, 8, 25,
                "'capability' of actor 'B' is flagged 'derived' but cites "
                "source 'E' of kind 'estimate', expected a source of kind "
                "seed, paper or data");
    expect_diag(ctx, 2, 9, 25,
                "'capability' of actor 'C' is flagged 'outside' but cites "
                "the estimate source 'E', expected flag estimate (or a seed, "
                "paper or data source)");
    expect_diag(ctx, 3, 10, 43,
                "'flag' of 'capability' of actor 'D' is 'guessed', expected "
                "one of: stated, derived, estimate, outside");
    parley_ctx_free(ctx);
}

Test(yaml, dates_are_year_and_month)
{
    parley_ctx *ctx = load_bad("yaml/bad-dates.yaml", PARLEY_EVALID, 2);

    expect_diag(ctx, 0, 9, 10,
                "'start' of 'dynamics' is '2026-1', expected a month "
                "YYYY-MM");
    expect_diag(ctx, 1, 14, 36,
                "'month' of shock 's1' is '2026-01-15', expected a month "
                "YYYY-MM");
    parley_ctx_free(ctx);
}

Test(yaml, shock_outside_the_horizon)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    const char *text = "parley: 1\n"
                       "scenario: {id: h}\n"
                       "actors: [{id: A, capability: 1}]\n"
                       "issues: [{id: I}]\n"
                       "stances: {}\n"
                       "dynamics:\n"
                       "  start: 2026-01\n"
                       "  horizon: 12\n"
                       "  variables: [{id: v, initial: 0}]\n"
                       "  shocks:\n"
                       "    - {id: a, variable: v, month: 2025-12, delta: 1}\n"
                       "    - {id: b, variable: v, month: 2027-01, delta: 1}\n"
                       "    - {id: c, variable: v, month: 2026-12, delta: 1}\n";

    cr_assert_eq(load_text(ctx, text, &s), PARLEY_EVALID);
    cr_assert_eq(parley_ctx_ndiag(ctx), 2);
    expect_diag(ctx, 0, 11, 35,
                "'month' of shock 'a' is '2025-12', outside the horizon, "
                "expected a month from 2026-01 to 11 months later");
    expect_diag(ctx, 1, 12, 35,
                "'month' of shock 'b' is '2027-01', outside the horizon, "
                "expected a month from 2026-01 to 11 months later");
    parley_ctx_free(ctx);
}

Test(yaml, unsupported_version)
{
    parley_ctx *ctx = load_bad("yaml/bad-version.yaml", PARLEY_EVALID, 1);

    expect_diag(ctx, 0, 1, 9,
                "format version 2 is not supported, expected parley: 1");
    parley_ctx_free(ctx);
}

Test(yaml, limits_name_the_option)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_limits lim = *parley_ctx_limits(ctx);
    parley_scenario *s = NULL;

    lim.max_actors = 2;
    lim.max_options = 2;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(load_file(ctx, "yaml/bad-limit.yaml", &s), PARLEY_ELIMIT);
    cr_expect_null(s);
    cr_assert_eq(parley_ctx_ndiag(ctx), 2);
    expect_diag(ctx, 0, 4, 3,
                "3 actors exceed the limit of 2, expected fewer (raise it "
                "with --max-actors)");
    expect_diag(ctx, 1, 8, 22,
                "issue 'X' has 3 options, over the limit of 2, expected "
                "fewer (raise it with --max-options)");
    parley_ctx_clear(ctx);
    lim.max_actors = 3;
    lim.max_options = 3;
    lim.max_issues = 0;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(load_file(ctx, "yaml/bad-limit.yaml", &s), PARLEY_ELIMIT);
    cr_assert_eq(parley_ctx_ndiag(ctx), 1);
    expect_diag(ctx, 0, 8, 3,
                "1 issues exceed the limit of 0, expected fewer (raise it "
                "with --max-issues)");
    parley_ctx_clear(ctx);
    lim.max_issues = 1;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(load_file(ctx, "yaml/bad-limit.yaml", &s), PARLEY_OK);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(yaml, empty_and_odd_documents)
{
    static const struct {
        const char *text;
        parley_status status;
        unsigned line, col;
        const char *message;
    } cases[] = {
        {"", PARLEY_EVALID, 0, 0,
         "the file is empty, expected a scenario map starting with "
         "parley: 1"},
        {"# only a comment\n", PARLEY_EVALID, 0, 0,
         "the file is empty, expected a scenario map starting with "
         "parley: 1"},
        {"- a\n- b\n", PARLEY_EVALID, 1, 1,
         "the file holds a list, expected a scenario map starting with "
         "parley: 1"},
        {"parley: 1\n---\nparley: 1\n", PARLEY_EPARSE, 2, 1,
         "a second YAML document starts here, expected one scenario per "
         "file"},
        {"parley: 1\nscenario: {id: \"a\\0b\"}\n", PARLEY_EVALID, 2, 16,
         "id 'a\\0b' of 'scenario' is not a valid id, expected 1 to 63 "
         "letters, digits, '_', '.' or '-' (like RU or T_DONBAS)"},
        {"\t", PARLEY_EPARSE, 1, 1,
         "malformed YAML: found character that cannot start any token "
         "while scanning for the next token (line 1), expected well-formed "
         "YAML (check indentation, colons, brackets and quotes)"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_scenario *s = NULL;
        const parley_diag *d;

        cr_assert_eq(load_text(ctx, cases[i].text, &s), cases[i].status,
                     "case %zu: %s", i, parley_ctx_errmsg(ctx));
        cr_assert_null(s);
        d = parley_ctx_diag(ctx, 0);
        cr_assert_not_null(d, "case %zu", i);
        cr_expect_eq(d->line, cases[i].line, "case %zu line %u", i, d->line);
        cr_expect_eq(d->col, cases[i].col, "case %zu col %u", i, d->col);
        cr_expect_str_eq(d->message, cases[i].message, "case %zu", i);
        parley_ctx_free(ctx);
    }
}

Test(yaml, byte_order_mark_is_skipped)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    const char *text = "\xEF\xBB\xBFparley: 1\n"
                       "scenario: {id: bom}\n"
                       "actors: [{id: A, capability: 1}]\n"
                       "issues: [{id: I, scale: {min: 1, max: 0}}]\n"
                       "stances: {}\n";

    cr_assert_eq(load_text(ctx, text, &s), PARLEY_EVALID);
    cr_assert_eq(parley_ctx_ndiag(ctx), 1);
    expect_diag(ctx, 0, 4, 25,
                "'scale' of issue 'I' is [1, 0], expected min < max");
    parley_ctx_free(ctx);
}

Test(yaml, text_with_nul_is_refused)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    const char *text = "parley: 1\n"
                       "scenario: {id: z, name: \"a\\0b\"}\n"
                       "actors: [{id: A, capability: 1}]\n"
                       "issues: [{id: I}]\n"
                       "stances: {}\n";

    cr_assert_eq(load_text(ctx, text, &s), PARLEY_EVALID);
    cr_assert_eq(parley_ctx_ndiag(ctx), 1);
    expect_diag(ctx, 0, 2, 25,
                "'name' of 'scenario' contains a NUL character, expected "
                "text without one");
    parley_ctx_free(ctx);
}

Test(yaml, semantic_checks)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    const char *text =
        "parley: 1\n"
        "scenario: {id: sem}\n"
        "outcomes: [{id: O1}]\n"
        "actors: [{id: A, capability: 1}, {id: B, capability: 2}]\n"
        "issues:\n"
        "  - {id: I, options: [{id: I1, value: 10}], status_quo: I2}\n"
        "  - {id: J, scale: {min: 5, max: 5}}\n"
        "stances:\n"
        "  A: {I: {position: 50, salience: 1, range: [60, 70]}}\n"
        "constraints:\n"
        "  red_lines: [{id: R, actor: A, issue: I}]\n"
        "  linkage: [{id: L, actor: B, issues: [I, I], weight: 1}]\n"
        "proposals: [{id: P, terms: {I: {flag: estimate}}}]\n"
        "dynamics:\n"
        "  start: 2026-01\n"
        "  horizon: 3\n"
        "  variables: [{id: v, initial: 0, rho: 0.5}]\n"
        "  couplings:\n"
        "    - {id: C, variable: v, target: reservation, actor: A, coef: 1}\n"
        "impacts: [{id: M, dimensions: [{id: D, weight: 1}]}]\n";

    cr_assert_eq(load_text(ctx, text, &s), PARLEY_EVALID);
    cr_assert_null(s);
    cr_assert_eq(parley_ctx_ndiag(ctx), 9);
    expect_diag(ctx, 0, 7, 20, "'scale' of issue 'J' is [5, 5], expected "
                               "min < max");
    expect_diag(ctx, 1, 6, 57,
                "unknown option 'I2' in issue 'I', did you mean 'I1'? "
                "expected an option id of issue 'I'");
    expect_diag(ctx, 2, 9, 45,
                "position 50 of the stance of 'A' on 'I' lies outside its "
                "range [60, 70], expected the position inside the "
                "acceptable range");
    expect_diag(ctx, 3, 11, 15,
                "red line 'R' sets no limit, expected at least one of min, "
                "max, veto");
    expect_diag(ctx, 4, 12, 39,
                "linkage 'L' links issue 'I' with itself, expected two "
                "different issues");
    expect_diag(ctx, 5, 13, 32,
                "term 'I' of proposal 'P' has neither 'option' nor 'value', "
                "expected one of them (or write open)");
    expect_diag(ctx, 6, 17, 40,
                "'rho' of variable 'v' without a 'mean', expected 'mean' "
                "with 'rho'");
    expect_diag(ctx, 7, 19, 36,
                "coupling 'C' targets the reservation of 'A', which has "
                "none, expected the actor to have a 'reservation'");
    expect_diag(ctx, 8, 20, 32,
                "dimension 'D' of impact 'M' has no score, expected "
                "'by_outcome', 'intercept' or 'terms'");
    parley_ctx_free(ctx);
}

/* ---- allocation failure ------------------------------------------------- */

typedef struct buffer {
    char *bytes;
    size_t len;
} buffer;

static buffer read_fixture(const char *name)
{
    buffer b = {NULL, 0};
    FILE *fp = fopen(test_data(name), "rb");
    long size;

    cr_assert_not_null(fp, "cannot open %s", name);
    fseek(fp, 0, SEEK_END);
    size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    b.bytes = malloc((size_t)size + 1);
    cr_assert_not_null(b.bytes);
    b.len = fread(b.bytes, 1, (size_t)size, fp);
    b.bytes[b.len] = '\0';
    fclose(fp);
    return b;
}

static parley_status load_buffer_body(parley_ctx *ctx, void *user)
{
    const buffer *b = user;
    parley_load_options opts;
    parley_scenario *s = NULL;
    parley_status st;

    parley_load_options_set_default(&opts);
    opts.format = PARLEY_FORMAT_YAML;
    st = parley_scenario_load_buffer(ctx, "full.yaml", b->bytes, b->len,
                                     &opts, &s);
    if (st != PARLEY_OK)
        cr_assert_null(s, "a scenario was returned on failure");
    parley_scenario_free(s);
    return st;
}

Test(yaml, allocation_failure_never_leaks)
{
    buffer b = read_fixture("yaml/full.yaml");
    long n = test_alloc_failures(load_buffer_body, &b);

    cr_expect_gt(n, 100, "only %ld allocations for the full scenario", n);
    free(b.bytes);
}

/*
 * A bad file under allocation failure: whatever fails, nothing leaks and
 * the status is ENOMEM or, when only a diagnostic could not be stored, the
 * file's own EVALID.
 */
Test(yaml, allocation_failure_in_a_bad_file_never_leaks)
{
    buffer b = read_fixture("yaml/bad-references.yaml");
    long n;

    for (n = 1; n < 100000; n++) {
        test_alloc st = {0, 0, 0, 0};
        parley_allocator a;
        parley_ctx *ctx;
        parley_status status;

        st.fail_at = n;
        a = test_allocator(&st);
        ctx = parley_ctx_new(&a);
        if (!ctx)
            continue;
        status = load_buffer_body(ctx, &b);
        parley_ctx_free(ctx);
        cr_assert_eq(st.live, 0, "leak when allocation %ld failed", n);
        cr_assert_eq(st.live_bytes, 0, "size mismatch at allocation %ld", n);
        if (st.count < n) {
            cr_assert_eq(status, PARLEY_EVALID);
            break;
        }
        cr_assert(status == PARLEY_ENOMEM || status == PARLEY_EVALID,
                  "allocation %ld failed: %s", n, parley_strerror(status));
    }
    cr_expect_lt(n, 100000);
    free(b.bytes);
}

/* ---- concession tactics (actors[].tactic) ------------------------------- */

static const char tactic_head[] =
    "parley: 1\n"
    "scenario: {id: t}\n"
    "sources:\n"
    "  - {id: E, kind: estimate}\n"
    "actors:\n";
static const char tactic_tail[] =
    "issues:\n"
    "  - {id: X, options: [{id: a, value: 0}, {id: b, value: 100}]}\n"
    "stances: {}\n";

/* Loads the head, the actor lines given and the tail. */
static parley_status load_tactics(parley_ctx *ctx, const char *actors,
                                  parley_scenario **s)
{
    char text[2048];

    snprintf(text, sizeof text, "%s%s%s", tactic_head, actors, tactic_tail);
    return load_text(ctx, text, s);
}

Test(yaml, tactics_word_map_and_default)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;

    cr_assert_eq(
        load_tactics(ctx,
                     "  - {id: A, capability: 1, tactic: hardheaded}\n"
                     "  - {id: B, capability: 1, tactic: {kind: boulware, "
                     "exponent: {value: 0.5, flag: estimate, source: E}, "
                     "note: \"late\"}}\n"
                     "  - {id: C, capability: 1, tactic: {kind: conceder, "
                     "exponent: 3}}\n"
                     "  - {id: D, capability: 1, tactic: linear}\n"
                     "  - {id: F, capability: 1}\n",
                     &s),
        PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    cr_expect(s->actors[0].has_tactic);
    cr_expect_eq(s->actors[0].tactic, PARLEY_TACTIC_HARDHEADED);
    cr_expect_eq(s->actors[0].tactic_exponent.mode, 0.0);
    cr_expect_eq(s->actors[1].tactic, PARLEY_TACTIC_BOULWARE);
    cr_expect_eq(s->actors[1].tactic_exponent.mode, 0.5);
    cr_expect_eq(s->actors[1].tactic_exponent.flag, PARLEY_FLAG_ESTIMATE);
    cr_expect_eq(s->actors[1].tactic_exponent.source, 0);
    cr_expect_eq(s->actors[2].tactic, PARLEY_TACTIC_CONCEDER);
    cr_expect_eq(s->actors[2].tactic_exponent.mode, 3.0);
    cr_expect_eq(s->actors[3].tactic, PARLEY_TACTIC_LINEAR);
    cr_expect_eq(s->actors[3].tactic_exponent.mode, 1.0);
    cr_expect_eq(s->actors[4].has_tactic, 0);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(yaml, tactic_errors)
{
    static const struct {
        const char *actor, *message;
        unsigned col;
    } cases[] = {
        {"  - {id: A, capability: 1, tactic: boulware}\n",
         "'tactic' of actor 'A' is boulware without an exponent, expected "
         "{kind: boulware, exponent: E} with 0 < E < 1",
         36},
        {"  - {id: A, capability: 1, tactic: {kind: boulware, exponent: "
         "1.5}}\n",
         "'exponent' of the tactic of actor 'A' is 1.5, expected a number "
         "from 0 to 1",
         63},
        {"  - {id: A, capability: 1, tactic: {kind: boulware, exponent: 1}}\n",
         "'exponent' of the tactic of actor 'A' is 1, expected a point value "
         "strictly between 0 and 1 (Boulware)",
         63},
        {"  - {id: A, capability: 1, tactic: {kind: conceder, exponent: "
         "{low: 2, mode: 3, high: 4}}}\n",
         "'exponent' of the tactic of actor 'A' is uncertain, mode 3, "
         "expected a point value above 1 (conceder)",
         63},
        {"  - {id: A, capability: 1, tactic: {kind: linear, exponent: 1}}\n",
         "'exponent' of the tactic of actor 'A': a linear tactic has none, "
         "expected no exponent (linear is e = 1, hardheaded never concedes)",
         61},
        {"  - {id: A, capability: 1, tactic: {kind: hardhead}}\n",
         "'kind' of the tactic of actor 'A' is 'hardhead', did you mean "
         "'hardheaded'? expected one of: linear, boulware, conceder, "
         "hardheaded",
         43},
        {"  - {id: A, capability: 1, tactic: {exponent: 2}}\n",
         "missing required key 'kind' in the tactic of actor 'A', expected "
         "linear, boulware, conceder or hardheaded",
         36},
        {"  - {id: A, capability: 1, tactic: [linear]}\n",
         "'tactic' of actor 'A' is a list, expected linear, hardheaded or "
         "{kind, exponent}",
         36},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_scenario *s = NULL;

        cr_assert_eq(load_tactics(ctx, cases[i].actor, &s), PARLEY_EVALID,
                     "case %zu", i);
        cr_assert_null(s);
        expect_diag(ctx, 0, 6, cases[i].col, cases[i].message);
        parley_ctx_free(ctx);
    }
}

/* ---- negotiation (protocol, deadline, signatories, end-state rules) ----- */

Test(yaml, negotiation_loads_every_key)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    parley_scenario_summary sum;
    const parley_negotiation_rules *n;
    size_t RU = 0, UA = 1, N = 1, O2 = 1, g = 0, W = 1;

    cr_assert_eq(load_file(ctx, "yaml/full.yaml", &s), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    n = &s->negotiation;
    cr_assert(n->present);
    cr_expect_eq(n->protocol, PARLEY_PROTOCOL_MEDIATOR);
    cr_expect_eq(n->deadline, 18); /* 2027-07 is 18 months after 2026-01 */
    cr_assert_eq(n->n_signatories, 2);
    cr_expect_eq(n->signatories[0], UA); /* in the order written */
    cr_expect_eq(n->signatories[1], RU);
    cr_expect_eq(n->flag, PARLEY_FLAG_ESTIMATE);
    cr_expect_str_eq(s->sources[n->source].id, "E");
    cr_expect_str_eq(n->note, "talks until mid-2027");
    cr_expect(n->armistice.present);
    cr_expect_eq(n->armistice.issue, N);
    cr_expect_eq(n->armistice.outcome, O2);
    cr_expect_eq(n->armistice.flag, PARLEY_FLAG_ESTIMATE);
    cr_expect_str_eq(n->armistice.note, "halt");
    cr_expect_eq(n->armistice.n_tests, 0);
    cr_assert(n->frozen.present);
    cr_expect_eq(n->frozen.months, 4);
    cr_expect_eq(n->frozen.outcome, O2);
    cr_expect_eq(n->frozen.flag, PARLEY_FLAG_NONE); /* a seed source */
    cr_expect_str_eq(s->sources[n->frozen.source].id, "S000");
    cr_assert_eq(n->frozen.n_tests, 2);
    cr_expect_eq(n->frozen.tests[0].variable, g);
    cr_expect(isinf(n->frozen.tests[0].min) && n->frozen.tests[0].min < 0);
    cr_expect_eq(n->frozen.tests[0].max, 50);
    cr_expect_eq(n->frozen.tests[0].line, 166);
    cr_expect_eq(n->frozen.tests[0].col, 9);
    cr_expect_eq(n->frozen.tests[1].variable, W);
    cr_expect_eq(n->frozen.tests[1].min, 0.2);
    cr_expect_eq(n->frozen.tests[1].max, 0.8);
    cr_assert(n->collapse.present);
    cr_expect_eq(n->collapse.months, 0);
    cr_assert_eq(n->collapse.n_tests, 2);
    cr_expect_eq(n->collapse.tests[0].variable, W);
    cr_expect_eq(n->collapse.tests[0].min, 0.9);
    cr_expect(isinf(n->collapse.tests[0].max));
    cr_expect_eq(n->collapse.tests[1].variable, g);
    cr_expect_eq(n->collapse.tests[1].min, 701);
    cr_expect_eq(n->collapse.source, PARLEY_NO_INDEX);
    parley_scenario_summarise(s, &sum);
    cr_expect_eq(sum.end_rules, 3);
    parley_scenario_free(s);
    /* a scenario without the section: nothing given */
    cr_assert_eq(load_file(ctx, "yaml/minimal.yaml", &s), PARLEY_OK);
    cr_expect_eq(s->negotiation.present, 0);
    cr_expect_eq(s->negotiation.protocol, -1);
    cr_expect_eq(s->negotiation.deadline, -1);
    cr_expect_eq(s->negotiation.armistice.present, 0);
    parley_scenario_summarise(s, &sum);
    cr_expect_eq(sum.end_rules, 0);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(yaml, negotiation_unknown_keys_suggest)
{
    parley_ctx *ctx =
        load_bad("yaml/bad-negotiation-keys.yaml", PARLEY_EVALID, 6);

    expect_diag(ctx, 0, 12, 3,
                "unknown key 'protocl' in 'negotiation', did you mean "
                "'protocol'? expected one of: protocol, deadline, "
                "signatories, armistice, frozen, collapse, flag, source, "
                "note");
    expect_diag(ctx, 1, 16, 3,
                "unknown key 'frozen_months' in 'negotiation', expected one "
                "of: protocol, deadline, signatories, armistice, frozen, "
                "collapse, flag, source, note");
    expect_diag(ctx, 2, 13, 39,
                "unknown key 'sorce' in 'negotiation.armistice', did you "
                "mean 'source'? expected one of: issue, outcome, flag, "
                "source, note");
    expect_diag(ctx, 3, 14, 43,
                "unknown key 'mnths' in 'negotiation.frozen', did you mean "
                "'months'? expected one of: all, months, outcome, flag, "
                "source, note");
    expect_diag(ctx, 4, 15, 14,
                "unknown key 'all' in 'negotiation.collapse', did you mean "
                "'any'? expected one of: any, outcome, flag, source, note");
    expect_diag(ctx, 5, 15, 13,
                "missing required key 'any' in 'negotiation.collapse', "
                "expected a list of tests {variable, min, max} of which one "
                "holds");
    parley_ctx_free(ctx);
}

Test(yaml, negotiation_unknown_references_suggest)
{
    parley_ctx *ctx =
        load_bad("yaml/bad-negotiation-references.yaml", PARLEY_EVALID, 5);

    expect_diag(ctx, 0, 14, 21,
                "unknown actor 'UKR' in 'negotiation', did you mean 'UA'? "
                "expected an id declared under actors");
    expect_diag(ctx, 1, 14, 26,
                "actor 'RU' is listed twice in 'signatories' of "
                "'negotiation', expected each once");
    expect_diag(ctx, 2, 15, 22,
                "unknown issue 'CEASEFIR' in 'negotiation.armistice', did "
                "you mean 'CEASEFIRE'? expected an id declared under issues");
    expect_diag(ctx, 3, 16, 29,
                "unknown variable 'gg' in test #1 of 'negotiation.frozen', "
                "did you mean 'g'? expected an id declared under "
                "dynamics.variables");
    expect_diag(ctx, 4, 16, 53,
                "unknown outcome 'O6' in 'negotiation.frozen', did you mean "
                "'O2'? expected an id declared under outcomes");
    parley_ctx_free(ctx);
}

Test(yaml, negotiation_malformed_tests)
{
    parley_ctx *ctx =
        load_bad("yaml/bad-negotiation-tests.yaml", PARLEY_EVALID, 5);

    expect_diag(ctx, 0, 14, 9,
                "test #1 of 'negotiation.frozen' has neither 'min' nor "
                "'max', expected at least one of them");
    expect_diag(ctx, 1, 15, 37,
                "test #2 of 'negotiation.frozen' has min 50 above max -50, "
                "expected min <= max");
    expect_diag(ctx, 2, 16, 28,
                "'max' of test #3 of 'negotiation.frozen' is the quoted text "
                "'50', expected a number (without quotes)");
    expect_diag(ctx, 3, 17, 9,
                "test #4 of 'negotiation.frozen' is 'g<=50', expected a map");
    expect_diag(ctx, 4, 19, 19,
                "'any' of 'negotiation.collapse' is an empty list, expected "
                "a non-empty list of tests {variable, min, max}");
    parley_ctx_free(ctx);
}

Test(yaml, negotiation_values_out_of_range)
{
    parley_ctx *ctx =
        load_bad("yaml/bad-negotiation-ranges.yaml", PARLEY_EVALID, 3);

    expect_diag(ctx, 0, 12, 13,
                "'protocol' of 'negotiation' is 'alternate', did you mean "
                "'alternating'? expected one of: none, alternating, "
                "mediator");
    expect_diag(ctx, 1, 13, 13,
                "'deadline' of 'negotiation' is '2027-02', outside the "
                "horizon, expected a month from 2026-01 to 2027-01");
    expect_diag(ctx, 2, 14, 51,
                "'months' of 'negotiation.frozen' is 13, expected a whole "
                "number from 1 to 12");
    parley_ctx_free(ctx);
}

/* A veto on an unknown issue whose skip_options name that issue's options:
 * the unknown issue is reported once and its options are never looked up
 * (fuzz_impact found the out-of-bounds read). */
Test(yaml, veto_on_unknown_issue_with_skip_options)
{
    parley_ctx *ctx =
        load_bad("yaml/bad-veto-unknown-issue.yaml", PARLEY_EVALID, 1);

    expect_diag(ctx, 0, 56, 37,
                "unknown issue 'Q' in durability veto 'V', did you mean "
                "'X'? expected an id declared under issues");
    parley_ctx_free(ctx);
}

Test(yaml, negotiation_rules_need_their_pairs)
{
    parley_ctx *ctx =
        load_bad("yaml/bad-negotiation-pairs.yaml", PARLEY_EVALID, 3);

    expect_diag(ctx, 0, 12, 14,
                "missing required key 'outcome' in 'negotiation.armistice', "
                "expected the id of one of the outcomes");
    expect_diag(ctx, 1, 13, 11,
                "missing required key 'all' in 'negotiation.frozen', "
                "expected a list of tests {variable, min, max} that all "
                "hold");
    expect_diag(ctx, 2, 14, 13,
                "missing required key 'outcome' in 'negotiation.collapse', "
                "expected the id of one of the outcomes");
    parley_ctx_free(ctx);
}

/* The deadline's other forms and the checks that need the rest of the
 * scenario, one file each (line 9 holds the case, 8 without dynamics). */
Test(yaml, negotiation_deadline_and_context)
{
    static const char head[] =
        "parley: 1\n"
        "scenario: {id: d}\n"
        "sources: [{id: E, kind: estimate}]\n"
        "outcomes: [{id: O2}]\n"
        "actors: [{id: A, capability: 1}]\n"
        "issues: [{id: CF, options: [{id: c0, value: 0}]}, {id: Y}]\n"
        "stances: {}\n"
        "%s"
        "negotiation: %s\n";
    static const char dyn[] =
        "dynamics: {start: 2026-01, horizon: 12, variables: [{id: g, "
        "initial: 0}]}\n";
    static const struct {
        int dynamics;
        const char *negotiation, *message;
        unsigned line, col;
    } cases[] = {
        {1, "{deadline: 13}",
         "'deadline' of 'negotiation' is 13 months, outside the horizon, "
         "expected a whole number from 0 to 12 (or a month from 2026-01 to "
         "2027-01)",
         9, 25},
        {1, "{deadline: 2.5}",
         "'deadline' of 'negotiation' is 2.5 months, outside the horizon, "
         "expected a whole number from 0 to 12 (or a month from 2026-01 to "
         "2027-01)",
         9, 25},
        {1, "{deadline: 2025-12}",
         "'deadline' of 'negotiation' is '2025-12', outside the horizon, "
         "expected a month from 2026-01 to 2027-01",
         9, 25},
        {1, "{deadline: soon}",
         "'deadline' of 'negotiation' is 'soon', expected a month YYYY-MM "
         "from 2026-01 to 2027-01 or a number of months from 0 to 12",
         9, 25},
        {0, "{deadline: 3}",
         "'deadline' of 'negotiation' needs 'dynamics' (a start and a "
         "horizon), expected a deadline within the horizon",
         8, 25},
        {1, "{armistice: {issue: Y, outcome: O2}}",
         "the armistice issue 'Y' has no options, expected an issue with "
         "options (the armistice signs one of them)",
         9, 34},
        {1, "[alternating]", "'negotiation' is a list, expected a map", 9, 14},
        {1, "{signatories: []}",
         "'signatories' of 'negotiation' is an empty list, expected a "
         "non-empty list of actor ids",
         9, 28},
        {1,
         "{frozen: {all: [{variable: g, max: 1}], months: 0, outcome: "
         "O2}}",
         "'months' of 'negotiation.frozen' is 0, expected a whole number "
         "from 1 to 12",
         9, 62},
        {1,
         "{collapse: {any: [{variable: g, min: 1}], outcome: O2, flag: "
         "stated, source: E}}",
         "'negotiation.collapse' is flagged 'stated' but cites source 'E' "
         "of kind 'estimate', expected a source of kind seed, paper or "
         "data",
         9, 25},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_scenario *s = NULL;
        char text[1024];

        snprintf(text, sizeof text, head, cases[i].dynamics ? dyn : "",
                 cases[i].negotiation);
        cr_assert_eq(load_text(ctx, text, &s), PARLEY_EVALID, "case %zu: %s", i,
                     parley_ctx_errmsg(ctx));
        cr_assert_null(s);
        cr_expect_eq(parley_ctx_ndiag(ctx), 1, "case %zu", i);
        expect_diag(ctx, 0, cases[i].line, cases[i].col, cases[i].message);
        parley_ctx_free(ctx);
    }
}
