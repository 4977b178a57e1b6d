/*
 * test_forecast.c -- the forecasting framework and the one-shot models:
 * compromise and weighted median on the Greece-EU 2015 table (reference
 * values in tests/data/SOURCES.md), the Condorcet winner, the registry,
 * options, parley_forecast_run on scenarios, the backtest, and one
 * conformance test that runs every registered model.
 */
#include "forecast/model.h"
#include "forecast_data.h"
#include "support.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

static double run_one(const char *model, const parley_issue_data *d)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    double forecast = NAN;

    cr_assert_eq(parley_forecast_issue(ctx, model, d, NULL, &forecast),
                 PARLEY_OK, "%s: %s", model, parley_ctx_errmsg(ctx));
    parley_ctx_free(ctx);
    return forecast;
}

/* Greece-EU 2015 (muratk3n/thirdwave): compromise 740/9; weighted median
 * 100 (cumulative share 0.5333 at the first actor at 100). */
Test(forecast, greece_eu_2015)
{
    parley_issue_data d;
    table t;

    read_table("bdm/greece_eu_2015.csv", &t);
    cr_assert_eq(t.n, 11);
    d = table_issue(&t, 0, 100);
    cr_assert(fabs(run_one("compromise", &d) - 740.0 / 9.0) <= 1e-12,
              "compromise %.17g", run_one("compromise", &d));
    cr_assert_eq(run_one("median", &d), 100);
    cr_assert_eq(run_one("condorcet", &d), 100);
}

/* Hand-made cases: the median takes the lower position when the
 * cumulative weight is exactly half; Condorcet keeps the first candidate
 * in actor order on a tie; both ignore actors without weight. */
Test(forecast, median_and_condorcet_by_hand)
{
    double c[4] = {1, 1, 1, 5}, x[4] = {60, 40, 50, 0}, s[4] = {1, 1, 1, 0};
    parley_issue_data d = {2, c, x, s, 0, 100};

    cr_assert_eq(run_one("median", &d), 40);    /* 40 reaches half */
    cr_assert_eq(run_one("condorcet", &d), 60); /* tie: first listed */
    cr_assert_eq(run_one("compromise", &d), 50);
    d.n = 4; /* 50 in the middle; the weightless actor at 0 is ignored */
    cr_assert_eq(run_one("median", &d), 50);
    cr_assert_eq(run_one("condorcet", &d), 50);
    cr_assert_eq(run_one("compromise", &d), 50);
}

/* The median model and the Condorcet winner agree on random issues with
 * distinct weights (Black 1948); the compromise is the weighted mean. */
Test(forecast, median_equals_condorcet_without_ties)
{
    size_t seed, i;

    for (seed = 0; seed < 200; seed++) {
        double c[15], x[15], s[15], top = 0, bottom = 0;
        parley_issue_data d = {0, c, x, s, 0, 100};
        parley_rng g;

        parley_rng_seed(&g, seed, 1);
        d.n = 1 + seed % 15;
        for (i = 0; i < d.n; i++) {
            c[i] = parley_rng_uniform(&g);
            x[i] = 100 * parley_rng_uniform(&g);
            s[i] = parley_rng_uniform(&g);
            top += c[i] * s[i] * x[i];
            bottom += c[i] * s[i];
        }
        cr_assert_eq(run_one("median", &d), run_one("condorcet", &d),
                     "seed %zu", seed);
        cr_assert(fabs(run_one("compromise", &d) - top / bottom) < 1e-12);
    }
}

Test(forecast, registry)
{
    size_t i;

    cr_assert_eq(parley_model_count(), 4);
    cr_assert_str_eq(parley_model_name(0), "compromise");
    cr_assert_str_eq(parley_model_name(1), "median");
    cr_assert_str_eq(parley_model_name(2), "condorcet");
    cr_assert_str_eq(parley_model_name(3), "bdm");
    for (i = 0; i < parley_model_count(); i++) {
        cr_assert_not_null(parley_model_summary(i));
        cr_assert_eq(parley_i_model_find(parley_model_name(i)),
                     parley_i_models[i]);
    }
    cr_assert_null(parley_model_name(4));
    cr_assert_null(parley_model_summary(4));
    cr_assert_null(parley_i_model_find("nope"));
    cr_assert_null(parley_i_model_find(NULL));
}

Test(forecast, options_defaults)
{
    parley_forecast_options o;

    memset(&o, 0xff, sizeof o);
    parley_forecast_options_set_default(&o);
    cr_assert_null(o.models);
    cr_assert_eq(o.rounds, 10);
    cr_assert_eq(o.tolerance, 1e-9);
    cr_assert_eq(o.trace, 0);
    cr_assert_null(o.bdm_variant);
    cr_assert_eq(o.bdm_prob, PARLEY_BDM_PROB_ALL_TRIPLES);
    cr_assert_eq(o.bdm_median, PARLEY_BDM_MEDIAN_CONDORCET);
    cr_assert_eq(o.bdm_risk, PARLEY_BDM_RISK_SCHOLZ);
    cr_assert_eq(o.bdm_offer, PARLEY_BDM_OFFER_BEST);
    cr_assert_eq(o.bdm_q, 1.0);
    cr_assert_eq(o.bdm_range, PARLEY_BDM_RANGE_OBSERVED);
    cr_assert_eq(o.bdm_capitulate, 0);
    cr_assert_eq(o.bdm_salience_scale, 0);
    parley_forecast_options_set_default(NULL); /* no crash */
}

Test(forecast, unknown_model_names)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    double c[2] = {1, 1}, x[2] = {0, 10}, s[2] = {1, 1}, forecast;
    parley_issue_data d = {2, c, x, s, 0, 100};
    parley_forecast_options o;
    parley_forecast *f = (parley_forecast *)&o; /* must be reset to NULL */
    parley_scenario *sc;
    table t;

    cr_assert_eq(parley_forecast_issue(ctx, "bdn", &d, NULL, &forecast),
                 PARLEY_ENOTFOUND);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "unknown model 'bdn'"), "%s",
              parley_ctx_errmsg(ctx));
    cr_assert(strstr(parley_ctx_errmsg(ctx), "did you mean 'bdm'?"), "%s",
              parley_ctx_errmsg(ctx));
    parley_ctx_clear(ctx);
    cr_assert_eq(parley_forecast_issue(ctx, "zzzzzzzzzzz", &d, NULL, &forecast),
                 PARLEY_ENOTFOUND);
    cr_assert_null(strstr(parley_ctx_errmsg(ctx), "did you mean"));
    cr_assert(strstr(parley_ctx_errmsg(ctx), "compromise, median"));
    parley_ctx_clear(ctx);

    read_table("bdm/greece_eu_2015.csv", &t);
    sc = table_scenario(ctx, &t, 0, 100);
    parley_forecast_options_set_default(&o);
    o.models = "compromise, medain";
    cr_assert_eq(parley_forecast_run(ctx, sc, &o, &f), PARLEY_ENOTFOUND);
    cr_assert_null(f);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "did you mean 'median'?"), "%s",
              parley_ctx_errmsg(ctx));
    parley_ctx_clear(ctx);
    o.models = "compromise,,bdm";
    cr_assert_eq(parley_forecast_run(ctx, sc, &o, &f), PARLEY_EINVAL);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "empty model name"), "%s",
              parley_ctx_errmsg(ctx));
    parley_ctx_clear(ctx);
    o.models = "";
    cr_assert_eq(parley_forecast_run(ctx, sc, &o, &f), PARLEY_EINVAL);
    parley_ctx_clear(ctx);
    o.models = " median ,\tcompromise";
    cr_assert_eq(parley_forecast_run(ctx, sc, &o, &f), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(f->issues[0].n_models, 2);
    cr_assert_str_eq(f->issues[0].models[0].model, "median");
    cr_assert_eq(f->issues[0].models[0].forecast, 100);
    parley_forecast_free(ctx, f);
    parley_scenario_free(sc);
    parley_ctx_free(ctx);
}

Test(forecast, invalid_arguments_and_options)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    double c[2] = {1, 1}, x[2] = {0, 10}, s[2] = {1, 1}, forecast;
    parley_issue_data d = {2, c, x, s, 0, 100};
    parley_forecast_options o;
    parley_limits lim;

    cr_assert_eq(parley_forecast_issue(NULL, "bdm", &d, NULL, &forecast),
                 PARLEY_EINVAL);
    cr_assert_eq(parley_forecast_issue(ctx, NULL, &d, NULL, &forecast),
                 PARLEY_EINVAL);
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", NULL, NULL, &forecast),
                 PARLEY_EINVAL);
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, NULL, NULL),
                 PARLEY_EINVAL);
    parley_ctx_clear(ctx);

    parley_forecast_options_set_default(&o);
    o.tolerance = NAN;
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, &o, &forecast),
                 PARLEY_EINVAL);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "tolerance"));
    parley_ctx_clear(ctx);

    parley_limits_set_default(&lim);
    lim.max_rounds = 5;
    parley_ctx_set_limits(ctx, &lim);
    parley_forecast_options_set_default(&o);
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, &o, &forecast),
                 PARLEY_ELIMIT);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "--max-rounds"), "%s",
              parley_ctx_errmsg(ctx));
    parley_ctx_clear(ctx);
    lim.max_rounds = 100;
    lim.max_actors = 1;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(parley_forecast_issue(ctx, "compromise", &d, &o, &forecast),
                 PARLEY_ELIMIT);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "--max-actors"), "%s",
              parley_ctx_errmsg(ctx));

    cr_assert_eq(parley_forecast_run(NULL, NULL, NULL, NULL), PARLEY_EINVAL);
    cr_assert_eq(parley_forecast_run(ctx, NULL, NULL, NULL), PARLEY_EINVAL);
    cr_assert_eq(parley_backtest_run(NULL, NULL, NULL, PARLEY_SPLIT_ALL, NULL),
                 PARLEY_EINVAL);
    parley_forecast_free(ctx, NULL);
    parley_backtest_free(ctx, NULL);
    parley_ctx_free(ctx);
}

/* ---- conformance: every registered model ---- */

typedef struct random_issue {
    double c[TABLE_MAX], x[TABLE_MAX], s[TABLE_MAX];
    parley_issue_data d;
} random_issue;

static void random_fill(random_issue *r, size_t n, uint64_t seed)
{
    parley_rng g;
    size_t i;

    parley_rng_seed(&g, seed, 3);
    for (i = 0; i < n; i++) {
        r->c[i] = parley_rng_uniform(&g);
        r->x[i] = 100 * parley_rng_uniform(&g);
        r->s[i] = parley_rng_uniform(&g);
    }
    r->d.n = n;
    r->d.capability = r->c;
    r->d.position = r->x;
    r->d.salience = r->s;
    r->d.scale_min = 0;
    r->d.scale_max = 100;
}

/* Deterministic (bit for bit), inside the convex hull of the positions,
 * the same through parley_forecast_issue and parley_forecast_run. */
Test(conformance, deterministic_and_within_the_positions)
{
    size_t m, seed;

    for (m = 0; m < parley_model_count(); m++) {
        const char *name = parley_model_name(m);

        for (seed = 0; seed < 30; seed++) {
            random_issue r;
            double a, b, lo = HUGE_VAL, hi = -HUGE_VAL;
            size_t i;

            random_fill(&r, 1 + seed % 20, seed);
            a = run_one(name, &r.d);
            b = run_one(name, &r.d);
            cr_assert_eq(memcmp(&a, &b, sizeof a), 0, "%s seed %zu", name,
                         seed);
            for (i = 0; i < r.d.n; i++) {
                lo = fmin(lo, r.x[i]);
                hi = fmax(hi, r.x[i]);
            }
            cr_assert(a >= lo && a <= hi, "%s: %g outside [%g, %g]", name, a,
                      lo, hi);
        }
    }
}

/* The same forecast through a scenario as through arrays. */
Test(conformance, scenario_and_arrays_agree)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    char names[TABLE_MAX][64];
    parley_forecast_options o;
    parley_forecast *f;
    parley_scenario *sc;
    random_issue r;
    size_t i, m;

    random_fill(&r, 12, 99);
    for (i = 0; i < 12; i++)
        snprintf(names[i], sizeof names[i], "a%zu", i);
    sc = build_scenario(ctx, 12, names, r.c, 1, r.x, r.s, NULL, 0, 100);
    parley_forecast_options_set_default(&o);
    o.models = "compromise,median,condorcet,bdm";
    cr_assert_eq(parley_forecast_run(ctx, sc, &o, &f), PARLEY_OK);
    for (m = 0; m < 4; m++) {
        const parley_model_result *res = &f->issues[0].models[m];
        double want = run_one(res->model, &r.d);

        cr_assert_eq(memcmp(&res->forecast, &want, sizeof want), 0, "%s",
                     res->model);
        cr_assert_null(res->trace);
        cr_assert_eq(res->n, 12);
        cr_assert_eq(res->converged, 1 - (m == 3 && res->rounds == 10));
        if (m < 3)
            cr_assert_eq(res->rounds, 0);
    }
    parley_forecast_free(ctx, f);
    parley_scenario_free(sc);
    parley_ctx_free(ctx);
}

/* Every model rejects what no model can forecast, with a clear message. */
Test(conformance, rejects_invalid_issues)
{
    static const struct {
        const char *what;
        int field; /* 0 capability, 1 position, 2 salience */
        double value;
        const char *message;
    } cases[] = {
        {"NaN capability", 0, NAN, "capability nan"},
        {"negative capability", 0, -1, "capability -1"},
        {"infinite capability", 0, INFINITY, "capability inf"},
        {"NaN position", 1, NAN, "position nan"},
        {"infinite position", 1, -INFINITY, "position -inf"},
        {"NaN salience", 2, NAN, "salience nan"},
        {"negative salience", 2, -0.5, "salience -0.5"},
    };
    size_t m, k;

    for (m = 0; m < parley_model_count(); m++) {
        const char *name = parley_model_name(m);
        parley_ctx *ctx = parley_ctx_new(NULL);
        double forecast = 12345;
        random_issue r;

        random_fill(&r, 5, 1);
        r.d.n = 0;
        cr_assert_eq(parley_forecast_issue(ctx, name, &r.d, NULL, &forecast),
                     PARLEY_EINVAL, "%s accepted n = 0", name);
        cr_assert(strstr(parley_ctx_errmsg(ctx), "no actors"), "%s",
                  parley_ctx_errmsg(ctx));
        parley_ctx_clear(ctx);
        for (k = 0; k < sizeof cases / sizeof *cases; k++) {
            random_fill(&r, 5, 1);
            (cases[k].field == 0   ? r.c
             : cases[k].field == 1 ? r.x
                                   : r.s)[3] = cases[k].value;
            cr_assert_eq(
                parley_forecast_issue(ctx, name, &r.d, NULL, &forecast),
                PARLEY_EINVAL, "%s accepted a %s", name, cases[k].what);
            cr_assert(strstr(parley_ctx_errmsg(ctx), "actor 4"), "%s",
                      parley_ctx_errmsg(ctx));
            cr_assert(strstr(parley_ctx_errmsg(ctx), cases[k].message),
                      "%s: %s", cases[k].what, parley_ctx_errmsg(ctx));
            parley_ctx_clear(ctx);
        }
        random_fill(&r, 5, 1);
        for (k = 0; k < 5; k++)
            r.s[k] = 0;
        cr_assert_eq(parley_forecast_issue(ctx, name, &r.d, NULL, &forecast),
                     PARLEY_EINVAL, "%s accepted zero total weight", name);
        cr_assert(strstr(parley_ctx_errmsg(ctx), "total capability"), "%s",
                  parley_ctx_errmsg(ctx));
        parley_ctx_clear(ctx);
        random_fill(&r, 5, 1);
        r.d.salience = NULL;
        cr_assert_eq(parley_forecast_issue(ctx, name, &r.d, NULL, &forecast),
                     PARLEY_EINVAL);
        cr_assert_eq(forecast, 12345, "%s wrote a forecast on error", name);
        parley_ctx_free(ctx);
    }
}

/* Allocations of one forecast through the counting allocator. */
static long count_allocations(const char *model, const parley_issue_data *d,
                              size_t rounds)
{
    test_alloc st = {0, 0, 0, 0};
    parley_allocator a = test_allocator(&st);
    parley_ctx *ctx = parley_ctx_new(&a);
    parley_forecast_options o;
    double forecast;
    long before;

    parley_forecast_options_set_default(&o);
    o.rounds = rounds;
    o.tolerance = -1; /* every round runs */
    before = st.count;
    cr_assert_eq(parley_forecast_issue(ctx, model, d, &o, &forecast), PARLEY_OK,
                 "%s", parley_ctx_errmsg(ctx));
    before = st.count - before;
    parley_ctx_free(ctx);
    cr_assert_eq(st.live, 0);
    return before;
}

/* No model allocates in a round: the allocation count does not depend on
 * the number of rounds; small issues allocate nothing at all (the
 * workspace is on the stack), large ones only the workspace. */
Test(conformance, no_allocation_in_step)
{
    size_t m;

    for (m = 0; m < parley_model_count(); m++) {
        const char *name = parley_model_name(m);
        random_issue small, large;
        long one, many;

        random_fill(&small, 10, 5);
        cr_assert_eq(count_allocations(name, &small.d, 1), 0, "%s", name);
        cr_assert_eq(count_allocations(name, &small.d, 30), 0, "%s", name);
        random_fill(&large, TABLE_MAX, 6);
        one = count_allocations(name, &large.d, 1);
        many = count_allocations(name, &large.d, 30);
        cr_assert_eq(one, many,
                     "%s: %ld allocations for 1 round, %ld for "
                     "30",
                     name, one, many);
        cr_assert_leq(one, 1, "%s", name);
    }
}

/* Through the framework too: a scenario run without trace allocates the
 * same for 1 round and for 30. */
Test(conformance, no_allocation_per_round_in_forecast_run)
{
    char names[TABLE_MAX][64];
    random_issue r;
    long counts[2];
    size_t i, k;

    random_fill(&r, 20, 8);
    for (i = 0; i < 20; i++)
        snprintf(names[i], sizeof names[i], "a%zu", i);
    for (k = 0; k < 2; k++) {
        test_alloc st = {0, 0, 0, 0};
        parley_allocator a = test_allocator(&st);
        parley_ctx *own = parley_ctx_new(NULL), *ctx = parley_ctx_new(&a);
        parley_scenario *sc =
            build_scenario(own, 20, names, r.c, 1, r.x, r.s, NULL, 0, 100);
        parley_forecast_options o;
        parley_forecast *f;

        parley_forecast_options_set_default(&o);
        o.rounds = k ? 30 : 1;
        o.tolerance = -1;
        st.count = 0;
        cr_assert_eq(parley_forecast_run(ctx, sc, &o, &f), PARLEY_OK);
        cr_assert_eq(f->issues[0].models[2].rounds, o.rounds);
        counts[k] = st.count;
        parley_forecast_free(ctx, f);
        parley_scenario_free(sc);
        parley_ctx_free(ctx);
        parley_ctx_free(own);
        cr_assert_eq(st.live, 0);
    }
    cr_assert_eq(counts[0], counts[1]);
}

static parley_status body_forecast_issue(parley_ctx *ctx, void *user)
{
    random_issue *r = user;
    double forecast;

    return parley_forecast_issue(ctx, "bdm", &r->d, NULL, &forecast);
}

Test(conformance, forecast_issue_allocation_failure)
{
    random_issue r;

    random_fill(&r, TABLE_MAX, 2); /* too large for the stack workspace */
    /* the context, then the workspace */
    cr_assert_eq(test_alloc_failures(body_forecast_issue, &r), 2);
}

/* ---- parley_forecast_run on scenarios ---- */

/* Three issues: everyone has a stance; actor b has none; nobody has one.
 * A fourth where everyone's salience is 0. */
static parley_scenario *mixed_scenario(parley_ctx *ctx)
{
    static char names[3][64] = {"a", "b", "c"};
    static const double capability[3] = {1, 2, 3};
    /* rows: actors; columns: issues */
    static const double position[12] = {10,  10, NAN, 10, 20,  NAN,
                                        NAN, 20, 30,  30, NAN, 30};
    static const double salience[12] = {1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0};

    return build_scenario(ctx, 3, names, capability, 4, position, salience,
                          NULL, 0, 100);
}

Test(forecast_run, issues_with_and_without_stances)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *sc = mixed_scenario(ctx);
    parley_forecast *f;
    const parley_model_result *r;
    size_t m;

    cr_assert_eq(parley_forecast_run(ctx, sc, NULL, &f), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(f->n_issues, 4);
    for (m = 0; m < 4; m++) {
        cr_assert_eq(f->issues[m].issue, m);
        cr_assert_eq(f->issues[m].n_models, 3); /* the default list */
    }
    cr_assert_str_eq(f->issues[0].models[0].model, "compromise");
    cr_assert_str_eq(f->issues[0].models[1].model, "median");
    cr_assert_str_eq(f->issues[0].models[2].model, "bdm");
    /* issue 1: (1*10 + 2*20 + 3*30) / 6 */
    r = &f->issues[0].models[0];
    cr_assert(fabs(r->forecast - 140.0 / 6.0) < 1e-12);
    cr_assert_eq(r->n, 3);
    /* issue 2: actors a and c only */
    r = &f->issues[1].models[0];
    cr_assert_eq(r->n, 2);
    cr_assert_eq(r->actor_index[0], 0);
    cr_assert_eq(r->actor_index[1], 2);
    cr_assert(fabs(r->forecast - (10.0 + 3 * 30.0) / 4.0) < 1e-12);
    /* issue 3: nobody; issue 4: nobody cares */
    for (m = 0; m < 3; m++) {
        r = &f->issues[2].models[m];
        cr_assert(isnan(r->forecast));
        cr_assert_eq(r->n, 0);
        cr_assert_null(r->actor_index);
        cr_assert_eq(r->rounds, 0);
        cr_assert_eq(r->converged, 0);
        r = &f->issues[3].models[m];
        cr_assert(isnan(r->forecast));
        cr_assert_eq(r->n, 3);
    }
    parley_forecast_free(ctx, f);
    parley_scenario_free(sc);
    parley_ctx_free(ctx);
}

static parley_status body_forecast_run(parley_ctx *ctx, void *user)
{
    parley_ctx *own = parley_ctx_new(NULL);
    parley_scenario *sc = mixed_scenario(own);
    parley_forecast_options o;
    parley_forecast *f = NULL;
    parley_status st;

    parley_forecast_options_set_default(&o);
    o.models = "compromise,median,condorcet,bdm";
    o.trace = *(int *)user;
    st = parley_forecast_run(ctx, sc, &o, &f);
    if (st == PARLEY_OK)
        cr_assert_eq(f->n_issues, 4);
    else
        cr_assert_null(f);
    parley_forecast_free(ctx, f);
    parley_scenario_free(sc);
    parley_ctx_free(own);
    return st;
}

Test(forecast_run, allocation_failures)
{
    int trace = 0;

    cr_assert_gt(test_alloc_failures(body_forecast_run, &trace), 10);
    trace = 1;
    cr_assert_gt(test_alloc_failures(body_forecast_run, &trace), 10);
}

/* A model that fails on one issue fails the run, naming the issue. */
Test(forecast_run, model_error_names_the_issue)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *sc = mixed_scenario(ctx);
    parley_forecast_options o;
    parley_forecast *f;

    parley_forecast_options_set_default(&o);
    o.bdm_range = PARLEY_BDM_RANGE_SCALE;
    sc->issues[1].scale_max = 20; /* c's 30 is now off the scale */
    cr_assert_eq(parley_forecast_run(ctx, sc, &o, &f), PARLEY_EINVAL);
    cr_assert_null(f);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "outside the issue scale"), "%s",
              parley_ctx_errmsg(ctx));
    cr_assert_geq(parley_ctx_ndiag(ctx), 2);
    cr_assert(strstr(parley_ctx_diag(ctx, 1)->message, "issue 'issue2'"), "%s",
              parley_ctx_diag(ctx, 1)->message);
    parley_scenario_free(sc);
    parley_ctx_free(ctx);
}

/* ---- backtest ---- */

/* Two actors (capability 1 at 0, 3 at 100) on six issues; compromise 75,
 * median 100 everywhere.  Outcomes 70, none, 80, 60, 100 and 50; issue 6
 * has no stances and cannot be scored. */
static parley_scenario *backtest_scenario(parley_ctx *ctx)
{
    static char names[2][64] = {"low", "high"};
    static const double capability[2] = {1, 3};
    static const double position[12] = {0,   0,   0,   0,   0,   NAN,
                                        100, 100, 100, 100, 100, NAN};
    static const double salience[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    static const double outcome[6] = {70, NAN, 80, 60, 100, 50};

    return build_scenario(ctx, 2, names, capability, 6, position, salience,
                          outcome, 0, 100);
}

static void check_row(const parley_backtest_row *row, const char *model,
                      size_t n, double mae, double rmse, double median_ae)
{
    cr_assert_str_eq(row->model, model);
    cr_assert_eq(row->n, n, "%s: n = %zu", model, row->n);
    cr_assert(fabs(row->mae - mae) < 1e-12, "%s MAE %.17g", model, row->mae);
    cr_assert(fabs(row->rmse - rmse) < 1e-12, "%s RMSE %.17g", model,
              row->rmse);
    cr_assert(fabs(row->median_ae - median_ae) < 1e-12, "%s MdAE %.17g", model,
              row->median_ae);
}

Test(backtest, scores_by_hand)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *sc = backtest_scenario(ctx);
    parley_forecast_options o;
    parley_backtest *b;

    parley_forecast_options_set_default(&o);
    o.models = "compromise,median";
    cr_assert_eq(parley_backtest_run(ctx, sc, &o, PARLEY_SPLIT_ALL, &b),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    cr_assert_eq(b->n_rows, 2);
    cr_assert_eq(b->n_issues_with_outcome, 5);
    /* errors: compromise 5, 5, 15, 25; median 30, 20, 40, 0 */
    check_row(&b->rows[0], "compromise", 4, 12.5, 15, 10);
    check_row(&b->rows[1], "median", 4, 22.5, sqrt(725), 25);
    parley_backtest_free(ctx, b);

    cr_assert_eq(parley_backtest_run(ctx, sc, &o, PARLEY_SPLIT_ODD, &b),
                 PARLEY_OK);
    cr_assert_eq(b->n_issues_with_outcome, 3); /* issues 1, 3, 5 */
    check_row(&b->rows[0], "compromise", 3, 35.0 / 3, 15, 5);
    parley_backtest_free(ctx, b);

    cr_assert_eq(parley_backtest_run(ctx, sc, &o, PARLEY_SPLIT_EVEN, &b),
                 PARLEY_OK);
    cr_assert_eq(b->n_issues_with_outcome, 2); /* issues 4 and 6 */
    check_row(&b->rows[0], "compromise", 1, 15, 15, 15);
    parley_backtest_free(ctx, b);

    cr_assert_eq(parley_backtest_run(ctx, sc, &o, (parley_split)3, &b),
                 PARLEY_EINVAL);
    cr_assert_null(b);
    o.models = "compromize";
    cr_assert_eq(parley_backtest_run(ctx, sc, &o, PARLEY_SPLIT_ALL, &b),
                 PARLEY_ENOTFOUND);
    parley_scenario_free(sc);
    parley_ctx_free(ctx);
}

/* Nothing to score: every row has n = 0 and NaN scores. */
Test(backtest, no_outcomes)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *sc = mixed_scenario(ctx);
    parley_backtest *b;

    cr_assert_eq(parley_backtest_run(ctx, sc, NULL, PARLEY_SPLIT_ALL, &b),
                 PARLEY_OK);
    cr_assert_eq(b->n_rows, 3);
    cr_assert_eq(b->n_issues_with_outcome, 0);
    cr_assert_eq(b->rows[2].n, 0);
    cr_assert(isnan(b->rows[2].mae));
    parley_backtest_free(ctx, b);
    parley_scenario_free(sc);
    parley_ctx_free(ctx);
}

static parley_status body_backtest(parley_ctx *ctx, void *user)
{
    parley_ctx *own = parley_ctx_new(NULL);
    parley_scenario *sc = backtest_scenario(own);
    parley_backtest *b = NULL;
    parley_status st;

    (void)user;
    st = parley_backtest_run(ctx, sc, NULL, PARLEY_SPLIT_ALL, &b);
    if (st == PARLEY_OK)
        cr_assert_eq(b->rows[0].n, 4);
    parley_backtest_free(ctx, b);
    parley_scenario_free(sc);
    parley_ctx_free(own);
    return st;
}

Test(backtest, allocation_failures)
{
    cr_assert_gt(test_alloc_failures(body_backtest, NULL), 5);
}
