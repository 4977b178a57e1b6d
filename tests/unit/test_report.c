/*
 * test_report.c -- the forecast and backtest writers, end to end: load the
 * Scholz EC example with the BDM importer, run the models, write JSON and
 * text, and check the JSON against the replication's reference rounds
 * (tests/data/bdm/scholz_reference.json; provenance in tests/data/SOURCES.md).
 */
#include "core/core.h"
#include "support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

static int collect(void *user, const char *bytes, size_t len)
{
    return parley_i_buf_append(user, bytes, len);
}

static int refuse_after(void *user, const char *bytes, size_t len)
{
    long *budget = user;

    (void)bytes;
    if (*budget <= 0)
        return -1;
    *budget -= (long)len;
    return 0;
}

typedef struct run {
    parley_scenario *s;
    parley_forecast *f;
    parley_forecast_options fo;
} run;

static run forecast_file(parley_ctx *ctx, const char *name, const char *models,
                         size_t rounds, int trace)
{
    run r;

    parley_forecast_options_set_default(&r.fo);
    r.fo.models = models;
    r.fo.rounds = rounds;
    r.fo.trace = trace;
    r.fo.tolerance = -1; /* always run every round, as the reference did */
    cr_assert_eq(parley_scenario_load(ctx, test_data(name), NULL, &r.s),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    cr_assert_eq(parley_forecast_run(ctx, r.s, &r.fo, &r.f), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    return r;
}

static void run_free(parley_ctx *ctx, run *r)
{
    parley_forecast_free(ctx, r->f);
    parley_scenario_free(r->s);
}

Test(report, forecast_json_reproduces_the_scholz_rounds)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    run r = forecast_file(ctx, "bdm/scholz_ec_example.csv", "bdm", 10, 1);
    parley_buf buf;
    json_t *out, *ref_all, *ref, *rounds, *mine;
    json_error_t err;
    size_t i;
    const char *actor;
    json_t *value;

    parley_i_buf_init(&buf, ctx);
    cr_assert_eq(parley_forecast_write_json(ctx, r.s, r.f, &r.fo,
                                            (parley_sink){collect, &buf}),
                 PARLEY_OK);
    out = json_loads(buf.data, 0, &err);
    cr_assert_not_null(out, "writer produced invalid JSON: %s", err.text);
    ref_all = json_load_file(test_data("bdm/scholz_reference.json"), 0, &err);
    cr_assert_not_null(ref_all, "%s", err.text);
    ref = json_array_get(ref_all, 0); /* the EC example's record */
    cr_assert_not_null(ref);
    rounds = json_object_get(ref, "rounds");
    mine = json_object_get(
        json_array_get(
            json_object_get(json_array_get(json_object_get(out, "issues"), 0),
                            "models"),
            0),
        "trace");
    cr_assert_eq(json_array_size(mine), 10);
    cr_assert_eq(json_array_size(rounds), 10);
    for (i = 0; i < 10; i++) {
        json_t *want = json_array_get(rounds, i);
        json_t *got = json_array_get(mine, i);

        cr_assert_float_eq(
            json_number_value(json_object_get(got, "median")),
            json_number_value(json_object_get(want, "median_after")), 1e-9,
            "round %zu median", i + 1);
        cr_assert_float_eq(
            json_number_value(json_object_get(got, "mean")),
            json_number_value(json_object_get(want, "mean_after")), 1e-9,
            "round %zu mean", i + 1);
        json_object_foreach(json_object_get(want, "positions_after"), actor,
                            value)
        {
            json_t *p =
                json_object_get(json_object_get(got, "positions"), actor);

            cr_assert_not_null(p, "actor %s missing in round %zu", actor,
                               i + 1);
            cr_assert_float_eq(json_number_value(p), json_number_value(value),
                               1e-9, "%s in round %zu", actor, i + 1);
        }
        json_object_foreach(json_object_get(want, "risk_aversion_r"), actor,
                            value)
        {
            json_t *p = json_object_get(json_object_get(got, "risk"), actor);

            cr_assert_float_eq(json_number_value(p), json_number_value(value),
                               1e-9, "risk of %s in round %zu", actor, i + 1);
        }
    }
    /* round 1's first offer: Belgium compromises with France */
    {
        json_t *offer = json_array_get(
            json_object_get(json_array_get(mine, 0), "offers"), 0);

        cr_assert_str_eq(json_string_value(json_object_get(offer, "actor")),
                         "Belgium");
        cr_assert_str_eq(json_string_value(json_object_get(offer, "from")),
                         "France");
        cr_assert_str_eq(json_string_value(json_object_get(offer, "kind")),
                         "compromise");
    }
    json_decref(out);
    json_decref(ref_all);
    parley_i_buf_destroy(&buf);
    run_free(ctx, &r);
    parley_ctx_free(ctx);
}

Test(report, forecast_text_names_models_rounds_and_labels)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    run r = forecast_file(ctx, "bdm/greece_eu_2015.csv",
                          "compromise,median,bdm", 10, 1);
    parley_buf buf;

    parley_i_buf_init(&buf, ctx);
    cr_assert_eq(parley_forecast_write_text(ctx, r.s, r.f, &r.fo,
                                            (parley_sink){collect, &buf}),
                 PARLEY_OK);
    cr_assert_not_null(strstr(buf.data, "compromise     82.22"), "%s",
                       buf.data);
    cr_assert_not_null(strstr(buf.data, "median        100.00"));
    cr_assert_not_null(strstr(buf.data, "bdm trace: start median"));
    cr_assert_not_null(strstr(buf.data, "11 actors, 1 issue;"));
    parley_i_buf_destroy(&buf);
    run_free(ctx, &r);
    parley_ctx_free(ctx);
}

Test(report, writers_stop_at_a_failing_sink)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    run r = forecast_file(ctx, "bdm/scholz_ec_example.csv", "bdm", 3, 1);
    long budget;

    budget = 100;
    cr_assert_eq(parley_forecast_write_json(ctx, r.s, r.f, &r.fo,
                                            (parley_sink){refuse_after,
                                                          &budget}),
                 PARLEY_EIO);
    budget = 100;
    cr_assert_eq(parley_forecast_write_text(ctx, r.s, r.f, &r.fo,
                                            (parley_sink){refuse_after,
                                                          &budget}),
                 PARLEY_EIO);
    cr_assert_eq(parley_forecast_write_text(ctx, NULL, r.f, &r.fo,
                                            (parley_sink){refuse_after,
                                                          &budget}),
                 PARLEY_EINVAL);
    run_free(ctx, &r);
    parley_ctx_free(ctx);
}

Test(report, backtest_writers_text_and_json)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    parley_backtest *b = NULL;
    parley_forecast_options fo;
    parley_buf text, js;
    json_t *root, *models;
    json_error_t err;
    size_t i;
    long budget = 10;

    parley_forecast_options_set_default(&fo);
    cr_assert_eq(parley_scenario_load(ctx, test_data("deu/deu3.tsv"), NULL,
                                      &s),
                 PARLEY_OK);
    cr_assert_eq(parley_backtest_run(ctx, s, &fo, PARLEY_SPLIT_ODD, &b),
                 PARLEY_OK);
    parley_i_buf_init(&text, ctx);
    parley_i_buf_init(&js, ctx);
    cr_assert_eq(parley_backtest_write_text(ctx, s, b, "GDP",
                                            PARLEY_SPLIT_ODD,
                                            (parley_sink){collect, &text}),
                 PARLEY_OK);
    cr_assert_not_null(strstr(text.data, "split: odd"));
    cr_assert_not_null(strstr(text.data, "Capabilities: GDP"));
    cr_assert_eq(parley_backtest_write_json(ctx, s, b, "GDP",
                                            PARLEY_SPLIT_ODD,
                                            (parley_sink){collect, &js}),
                 PARLEY_OK);
    root = json_loads(js.data, 0, &err);
    cr_assert_not_null(root, "%s", err.text);
    models = json_object_get(root, "models");
    cr_assert_eq(json_array_size(models), b->n_rows);
    for (i = 0; i < b->n_rows; i++) {
        json_t *m = json_array_get(models, i);

        cr_assert_str_eq(json_string_value(json_object_get(m, "model")),
                         b->rows[i].model);
        cr_assert_eq(json_number_value(json_object_get(m, "mae")),
                     b->rows[i].mae, "JSON numbers round-trip exactly");
        cr_assert_eq(json_integer_value(json_object_get(m, "issues")),
                     (json_int_t)b->rows[i].n);
    }
    cr_assert_eq(parley_backtest_write_json(ctx, s, b, NULL,
                                            PARLEY_SPLIT_ALL,
                                            (parley_sink){refuse_after,
                                                          &budget}),
                 PARLEY_EIO);
    cr_assert_eq(parley_backtest_write_text(ctx, s, NULL, NULL,
                                            PARLEY_SPLIT_ALL,
                                            (parley_sink){collect, &text}),
                 PARLEY_EINVAL);
    json_decref(root);
    parley_i_buf_destroy(&text);
    parley_i_buf_destroy(&js);
    parley_backtest_free(ctx, b);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* The writers allocate only for very long lines; a long scenario name
 * exercises that path, under allocation failure too. */
typedef struct long_name {
    const char *text;
} long_name;

static parley_status write_long(parley_ctx *ctx, void *user)
{
    parley_scenario *s = NULL;
    parley_forecast *f = NULL;
    parley_forecast_options fo;
    parley_buf buf;
    parley_status status;
    const char *yaml = user;

    parley_forecast_options_set_default(&fo);
    status = parley_scenario_load_buffer(ctx, "long.yaml", yaml, strlen(yaml),
                                         NULL, &s);
    if (status == PARLEY_OK)
        status = parley_forecast_run(ctx, s, &fo, &f);
    parley_i_buf_init(&buf, ctx);
    /* the sink is a growable buffer: when it cannot grow it refuses the
     * bytes and the writer reports PARLEY_EIO; that refusal is the
     * allocation failure, so it is counted as PARLEY_ENOMEM here */
    if (status == PARLEY_OK)
        status = parley_forecast_write_json(ctx, s, f, &fo,
                                            (parley_sink){collect, &buf});
    if (status == PARLEY_EIO && buf.failed)
        status = PARLEY_ENOMEM;
    if (status == PARLEY_OK)
        status = parley_forecast_write_text(ctx, s, f, &fo,
                                            (parley_sink){collect, &buf});
    if (status == PARLEY_EIO && buf.failed)
        status = PARLEY_ENOMEM;
    parley_i_buf_destroy(&buf);
    parley_forecast_free(ctx, f);
    parley_scenario_free(s);
    return status;
}

Test(report, allocation_failure_in_writers_leaks_nothing)
{
    static char yaml[8192];
    char name[3000];

    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    snprintf(yaml, sizeof yaml,
             "parley: 1\n"
             "scenario: {id: long, name: \"%s\"}\n"
             "actors:\n"
             "  - {id: A, capability: 50}\n"
             "  - {id: B, capability: 30}\n"
             "issues:\n"
             "  - {id: X, anchors: [{value: 0, label: low}, "
             "{value: 100, label: high}]}\n"
             "stances:\n"
             "  A: {X: {position: 10, salience: 80}}\n"
             "  B: {X: {position: 90, salience: 60}}\n",
             name);
    cr_assert_gt(test_alloc_failures(write_long, yaml), 10);
}
