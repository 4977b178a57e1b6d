/*
 * test_scenario.c -- the loader front door (format names, detection,
 * arguments, limits), the checks every scenario passes whatever its
 * format, and the public accessors.
 */
#include "scenario/scenario.h"
#include "support.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

static const char *minimal =
    "parley: 1\n"
    "scenario: {id: mini, name: Mini}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, capability: 50}\n"
    "  - {id: B, capability: 30, role: third_party}\n"
    "issues:\n"
    "  - id: X\n"
    "    name: The issue\n"
    "    options: [{id: X1, label: left, value: 0}, "
    "{id: X2, label: right, value: 100}]\n"
    "proposals:\n"
    "  - {id: P, terms: {X: X2}}\n"
    "stances:\n"
    "  A: {X: {position: 10, salience: 80}}\n"
    "  B: {X: {position: 90, salience: 60}}\n";

static parley_scenario *load_minimal(parley_ctx *ctx)
{
    parley_scenario *s = NULL;

    cr_assert_eq(parley_scenario_load_buffer(ctx, "mini.yaml", minimal,
                                             strlen(minimal), NULL, &s),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    return s;
}

Test(front_door, format_names_round_trip)
{
    parley_format f;
    int i;

    for (i = 0; i <= 6; i++) {
        cr_assert_eq(parley_format_from_name(
                         parley_format_name((parley_format)i), &f),
                     PARLEY_OK);
        cr_assert_eq((int)f, i);
    }
    cr_assert_eq(parley_format_from_name("YAML", &f), PARLEY_OK);
    cr_assert_eq(f, PARLEY_FORMAT_YAML);
    cr_assert_eq(parley_format_from_name("xls", &f), PARLEY_ENOTFOUND);
    cr_assert_eq(parley_format_from_name(NULL, &f), PARLEY_EINVAL);
    cr_assert_str_eq(parley_format_name((parley_format)99), "unknown");
}

Test(front_door, detection_by_name_and_content)
{
    cr_assert_eq(parley_format_detect("a.yml", "x: 1", 4), PARLEY_FORMAT_YAML);
    cr_assert_eq(parley_format_detect("a.tsv", "", 0), PARLEY_FORMAT_DEU);
    cr_assert_eq(parley_format_detect("a.xml", "", 0), PARLEY_FORMAT_GENIUS);
    cr_assert_eq(parley_format_detect(NULL, "parley: 1\n", 10),
                 PARLEY_FORMAT_YAML);
    cr_assert_eq(parley_format_detect(NULL, "a,b,c\n1,2,3\n", 12),
                 PARLEY_FORMAT_BDM);
    cr_assert_eq(parley_format_detect("noext", NULL, 0), PARLEY_FORMAT_YAML);
}

Test(front_door, bad_arguments)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = (parley_scenario *)1;
    parley_load_options o;

    cr_assert_eq(parley_scenario_load_buffer(ctx, "x", NULL, 3, NULL, &s),
                 PARLEY_EINVAL);
    cr_assert_null(s);
    cr_assert_eq(parley_scenario_load_buffer(NULL, "x", "", 0, NULL, &s),
                 PARLEY_EINVAL);
    cr_assert_eq(parley_scenario_load_buffer(ctx, "x", "", 0, NULL, NULL),
                 PARLEY_EINVAL);
    cr_assert_eq(parley_scenario_load(ctx, NULL, NULL, &s), PARLEY_EINVAL);
    cr_assert_eq(parley_scenario_load(ctx, "x", NULL, NULL), PARLEY_EINVAL);
    parley_load_options_set_default(&o);
    o.format = (parley_format)42;
    cr_assert_eq(parley_scenario_load_buffer(ctx, "x", "a", 1, &o, &s),
                 PARLEY_EUNSUPPORTED);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "x: format 'unknown'") != NULL,
              "%s", parley_ctx_errmsg(ctx));
    parley_ctx_free(ctx);
}

Test(front_door, input_size_limit_names_the_option)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    parley_limits lim;

    parley_limits_set_default(&lim);
    lim.max_input_bytes = 16;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(parley_scenario_load_buffer(ctx, "big.yaml", minimal,
                                             strlen(minimal), NULL, &s),
                 PARLEY_ELIMIT);
    cr_assert_null(s);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "--max-input-bytes") != NULL);
    parley_ctx_free(ctx);
}

/* The common checks, on scenarios edited after loading so that each
 * problem reaches them (the loaders report these problems first). */
Test(check, every_common_problem_is_reported)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_minimal(ctx);
    char *saved_id = s->actors[1].id;
    double saved_cap = s->actors[0].capability.mode;
    parley_stance *st = parley_i_stance(s, 0, 0);
    parley_limits lim;

    cr_assert_eq(parley_i_scenario_check(ctx, s), PARLEY_OK);
    s->actors[1].id = s->actors[0].id;
    cr_assert_eq(parley_i_scenario_check(ctx, s), PARLEY_EVALID);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "duplicate actor id 'A'"));
    s->actors[1].id = saved_id;
    parley_ctx_clear(ctx);

    s->actors[0].capability.mode = -1;
    cr_assert_eq(parley_i_scenario_check(ctx, s), PARLEY_EVALID);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "capability -1"));
    s->actors[0].capability.mode = saved_cap;
    parley_ctx_clear(ctx);

    st->salience.mode = NAN;
    st->position.mode = INFINITY;
    cr_assert_eq(parley_i_scenario_check(ctx, s), PARLEY_EVALID);
    cr_assert_eq(parley_ctx_ndiag(ctx), 2, "both stance problems reported");
    st->salience.mode = 80;
    st->position.mode = 10;
    parley_ctx_clear(ctx);

    s->issues[0].scale_max = s->issues[0].scale_min;
    cr_assert_eq(parley_i_scenario_check(ctx, s), PARLEY_EVALID);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "empty scale"));
    s->issues[0].scale_max = 100;
    parley_ctx_clear(ctx);

    parley_limits_set_default(&lim);
    lim.max_actors = 1;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(parley_i_scenario_check(ctx, s), PARLEY_ELIMIT);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "--max-actors"));
    parley_ctx_clear(ctx);
    parley_limits_set_default(&lim);
    lim.max_issues = 0;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(parley_i_scenario_check(ctx, s), PARLEY_ELIMIT);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "--max-issues"));
    parley_ctx_clear(ctx);
    parley_limits_set_default(&lim);
    lim.max_options = 1;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(parley_i_scenario_check(ctx, s), PARLEY_ELIMIT);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "--max-options"));
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(accessors, answer_for_valid_and_invalid_indices)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_minimal(ctx);
    parley_scenario_summary sum;

    cr_assert_str_eq(parley_scenario_id(s), "mini");
    cr_assert_str_eq(parley_scenario_name(s), "Mini");
    cr_assert_eq(parley_scenario_n_actors(s), 2);
    cr_assert_eq(parley_scenario_n_issues(s), 1);
    cr_assert_eq(parley_scenario_n_proposals(s), 1);
    cr_assert_str_eq(parley_actor_id(s, 0), "A");
    cr_assert_str_eq(parley_actor_name(s, 0), "Alpha");
    cr_assert_str_eq(parley_actor_name(s, 1), "B", "name falls back to id");
    cr_assert_null(parley_actor_name(s, 2));
    cr_assert_eq(parley_actor_capability(s, 1), 30);
    cr_assert(isnan(parley_actor_capability(s, 9)));
    cr_assert_eq(parley_actor_find(s, "B"), 1);
    cr_assert_eq(parley_actor_find(s, "Z"), (size_t)-1);
    cr_assert_eq(parley_issue_find(s, "X"), 0);
    cr_assert_eq(parley_issue_find(s, "Y"), (size_t)-1);
    cr_assert_str_eq(parley_issue_name(s, 0), "The issue");
    cr_assert_null(parley_issue_name(s, 1));
    cr_assert_eq(parley_issue_scale_min(s, 0), 0);
    cr_assert_eq(parley_issue_scale_max(s, 0), 100);
    cr_assert(isnan(parley_issue_outcome(s, 0)));
    /* no anchors: the nearest option's label */
    cr_assert_str_eq(parley_issue_nearest_label(s, 0, 70), "right");
    cr_assert_str_eq(parley_issue_nearest_label(s, 0, 30), "left");
    cr_assert_null(parley_issue_nearest_label(s, 0, NAN));
    cr_assert_eq(parley_stance_position(s, 1, 0), 90);
    cr_assert_eq(parley_stance_salience(s, 0, 0), 80);
    cr_assert(isnan(parley_stance_position(s, 2, 0)));
    cr_assert_eq(parley_stance_present(s, 0, 5), 0);
    cr_assert_str_eq(parley_proposal_id(s, 0), "P");
    cr_assert_str_eq(parley_proposal_name(s, 0), "P");
    cr_assert_null(parley_proposal_id(s, 1));
    cr_assert_null(parley_proposal_name(s, 1));
    parley_scenario_summarise(s, &sum);
    cr_assert_eq(sum.actors, 2);
    cr_assert_eq(sum.stances, 2);
    cr_assert_eq(sum.options, 2);
    cr_assert_eq(sum.proposals, 1);
    parley_scenario_summarise(NULL, &sum);
    cr_assert_eq(sum.actors, 0);
    cr_assert_str_eq(parley_scenario_id(NULL), "");
    cr_assert_eq(parley_scenario_n_actors(NULL), 0);
    parley_scenario_free(s);
    parley_scenario_free(NULL);
    parley_ctx_free(ctx);
}

Test(forecast, third_parties_are_left_out_by_default)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load_minimal(ctx);
    parley_forecast *f = NULL;
    parley_forecast_options fo;

    parley_forecast_options_set_default(&fo);
    fo.models = "compromise";
    cr_assert_eq(parley_forecast_run(ctx, s, &fo, &f), PARLEY_OK);
    /* only A (50 x 80 at 10) counts: B is a third party */
    cr_assert_eq(f->issues[0].models[0].forecast, 10);
    cr_assert_eq(f->issues[0].models[0].n, 1);
    parley_forecast_free(ctx, f);
    fo.include_third_parties = 1;
    cr_assert_eq(parley_forecast_run(ctx, s, &fo, &f), PARLEY_OK);
    /* (50*80*10 + 30*60*90) / (50*80 + 30*60) = 202000 / 5800 */
    cr_assert_float_eq(f->issues[0].models[0].forecast, 202000.0 / 5800.0,
                       1e-12);
    parley_forecast_free(ctx, f);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}
