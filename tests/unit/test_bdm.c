/*
 * test_bdm.c -- Bueno de Mesquita's expected-utility model (Scholz variant)
 * against the reference run of jmckib's replication of Scholz, Calbert &
 * Smith (2011): tests/data/bdm/scholz_reference.json (provenance in
 * tests/data/SOURCES.md), and the model's variant options.
 */
#include "forecast/model.h"
#include "forecast_data.h"
#include "support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

#define TOL 1e-9

static double max_deviation; /* largest |ours - reference| seen */

static void near(double ours, double ref, const char *what, size_t round)
{
    double d = fabs(ours - ref);

    if (d > max_deviation)
        max_deviation = d;
    cr_assert(d <= TOL, "round %zu, %s: %.17g, reference %.17g (off by %g)",
              round, what, ours, ref, d);
}

static json_t *reference_case(json_t **root, const char *input)
{
    json_error_t err;
    size_t i;
    json_t *c;

    *root = json_load_file(test_data("bdm/scholz_reference.json"), 0, &err);
    cr_assert_not_null(*root, "scholz_reference.json: %s (line %d)", err.text,
                       err.line);
    json_array_foreach(*root, i, c)
    {
        if (!strcmp(json_string_value(json_object_get(c, "input")), input))
            return c;
    }
    cr_assert_fail("no case %s in the reference", input);
    return NULL;
}

static double ref_number(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);

    cr_assert(json_is_number(v), "reference: '%s' is not a number", key);
    return json_number_value(v);
}

/* One offer of the replication's log: "A compromises with B\n\tEU vs
 * EU\n\tnew_pos = X\n" (or "loses confrontation to", "capitulates to"). */
typedef struct ref_offer {
    char actor[64], from[64];
    parley_offer_kind kind;
    double eu_actor, eu_from, position;
} ref_offer;

static size_t parse_offers(const char *log, ref_offer *out, size_t max)
{
    static const struct {
        const char *verb;
        parley_offer_kind kind;
    } verbs[] = {{" compromises with ", PARLEY_OFFER_COMPROMISE},
                 {" loses confrontation to ", PARLEY_OFFER_CONFRONTATION},
                 {" capitulates to ", PARLEY_OFFER_CAPITULATION}};
    size_t n = 0;
    const char *p = log;

    while (*p) {
        const char *eol = strchr(p, '\n'), *hit = NULL;
        size_t v;
        ref_offer *o = &out[n];

        cr_assert_lt(n, max);
        cr_assert_not_null(eol);
        for (v = 0; v < 3 && !hit; v++) {
            hit = strstr(p, verbs[v].verb);
            if (hit && hit < eol) {
                o->kind = verbs[v].kind;
                snprintf(o->actor, sizeof o->actor, "%.*s", (int)(hit - p), p);
                hit += strlen(verbs[v].verb);
                snprintf(o->from, sizeof o->from, "%.*s", (int)(eol - hit),
                         hit);
            } else {
                hit = NULL;
            }
        }
        cr_assert_not_null(hit, "unparsed offer line: %.40s", p);
        cr_assert_eq(sscanf(eol + 1, "\t%lf vs %lf\n\tnew_pos = %lf",
                            &o->eu_actor, &o->eu_from, &o->position),
                     3);
        p = eol + 1;
        p = strchr(p, '\n') + 1; /* the EU line */
        p = strchr(p, '\n') + 1; /* the new_pos line */
        n++;
    }
    return n;
}

static size_t actor_index(const table *t, const char *name)
{
    size_t i;

    for (i = 0; i < t->n; i++)
        if (!strcmp(t->name[i], name))
            return i;
    cr_assert_fail("reference names unknown actor '%s'", name);
    return 0;
}

/* Runs `bdm` on a one-issue scenario with a trace; *f must be freed. */
static const parley_model_result *run_traced(parley_ctx *ctx, table *t,
                                             parley_forecast_options *o,
                                             parley_scenario **s,
                                             parley_forecast **f)
{
    parley_status st;

    *s = table_scenario(ctx, t, 0, 100);
    o->models = "bdm";
    o->trace = 1;
    st = parley_forecast_run(ctx, *s, o, f);
    cr_assert_eq(st, PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    cr_assert_eq((*f)->n_issues, 1);
    cr_assert_eq((*f)->issues[0].n_models, 1);
    return &(*f)->issues[0].models[0];
}

/* The acceptance test: all 10 rounds of the Scholz EC example. */
Test(bdm, scholz_ec_matches_reference)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_forecast_options o;
    parley_scenario *s;
    parley_forecast *f;
    const parley_model_result *r;
    json_t *root, *c, *rounds, *round;
    table t;
    size_t k, i, n_offers_checked = 0;

    read_table("bdm/scholz_ec_example.csv", &t);
    c = reference_case(&root, "ExampleActors.csv");
    parley_forecast_options_set_default(&o);
    r = run_traced(ctx, &t, &o, &s, &f);

    cr_assert_str_eq(r->model, "bdm");
    cr_assert_eq(r->n, 10);
    for (i = 0; i < 10; i++)
        cr_assert_eq(r->actor_index[i], i);
    near(r->median0, ref_number(json_object_get(c, "round0"), "median"),
         "median before round 1", 0);
    near(r->mean0, ref_number(json_object_get(c, "round0"), "mean"),
         "mean before round 1", 0);
    rounds = json_object_get(c, "rounds");
    cr_assert_eq(json_array_size(rounds), 10);
    cr_assert_eq(r->rounds, 10, "ran %zu rounds", r->rounds);
    cr_assert_not_null(r->trace);
    json_array_foreach(rounds, k, round)
    {
        const parley_round *ours = &r->trace[k];
        json_t *pos = json_object_get(round, "positions_after");
        json_t *risk = json_object_get(round, "risk_aversion_r");
        ref_offer ref[TABLE_MAX];
        const char *key;
        json_t *v;
        size_t n_ref;

        json_object_foreach(pos, key, v)
        {
            near(ours->position[actor_index(&t, key)], json_number_value(v),
                 key, k + 1);
        }
        json_object_foreach(risk, key, v)
        {
            near(ours->risk[actor_index(&t, key)], json_number_value(v),
                 "risk exponent", k + 1);
        }
        near(ours->median, ref_number(round, "median_after"), "median", k + 1);
        near(ours->mean, ref_number(round, "mean_after"), "mean", k + 1);
        n_ref = parse_offers(
            json_string_value(json_object_get(round, "offers_log")), ref,
            TABLE_MAX);
        cr_assert_eq(ours->n_offers, n_ref,
                     "round %zu: %zu offers, "
                     "reference %zu",
                     k + 1, ours->n_offers, n_ref);
        for (i = 0; i < n_ref; i++) {
            const parley_offer *of = &ours->offers[i];

            cr_assert_eq(of->actor, actor_index(&t, ref[i].actor),
                         "round %zu offer %zu: actor %s, reference %s", k + 1,
                         i + 1, t.name[of->actor], ref[i].actor);
            cr_assert_eq(of->from, actor_index(&t, ref[i].from),
                         "round %zu offer %zu: from %s, reference %s", k + 1,
                         i + 1, t.name[of->from], ref[i].from);
            cr_assert_eq(of->kind, ref[i].kind);
            near(of->eu_actor, ref[i].eu_actor, "offer EU of actor", k + 1);
            near(of->eu_from, ref[i].eu_from, "offer EU of proposer", k + 1);
            near(of->new_position, ref[i].position, "offer position", k + 1);
            n_offers_checked++;
        }
    }
    cr_assert_eq(n_offers_checked, 30);
    /* the forecast is the median after the last round */
    near(r->forecast, ref_number(json_array_get(rounds, 9), "median_after"),
         "forecast", 10);
    cr_assert_eq(r->converged, 0); /* Belgium still moves in round 10 */
    cr_log_info("Scholz EC example: max |parley - reference| = %.3g over "
                "positions, risks, medians, means and %zu offers",
                max_deviation, n_offers_checked);
    parley_forecast_free(ctx, f);
    parley_scenario_free(s);
    json_decref(root);
    parley_ctx_free(ctx);
}

/* The round-1 risk exponents the validation README quotes (4 digits). */
Test(bdm, scholz_round1_risk_exponents_as_published)
{
    static const double published[10] = {1.4057, 0.7542, 0.5089, 1.4057,
                                         1.0465, 1.0465, 1.9649, 0.5,
                                         2.0,    1.1121};
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_forecast_options o;
    parley_scenario *s;
    parley_forecast *f;
    const parley_model_result *r;
    table t;
    size_t i;

    read_table("bdm/scholz_ec_example.csv", &t);
    parley_forecast_options_set_default(&o);
    o.rounds = 1;
    r = run_traced(ctx, &t, &o, &s, &f);
    cr_assert_eq(r->rounds, 1);
    for (i = 0; i < 10; i++)
        cr_assert(fabs(r->trace[0].risk[i] - published[i]) < 5e-5,
                  "%s: r = %.6f, published %.4f", t.name[i],
                  r->trace[0].risk[i], published[i]);
    parley_forecast_free(ctx, f);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* parley_forecast_issue after r rounds gives the reference median after
 * round r (the rounds cap works and the forecast is that median). */
Test(bdm, forecast_issue_follows_the_rounds)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_forecast_options o;
    parley_issue_data d;
    json_t *root, *c, *rounds;
    table t;
    size_t k;

    read_table("bdm/scholz_ec_example.csv", &t);
    c = reference_case(&root, "ExampleActors.csv");
    rounds = json_object_get(c, "rounds");
    d = table_issue(&t, 0, 100);
    parley_forecast_options_set_default(&o);
    for (k = 0; k <= 10; k++) {
        double forecast = -1,
               want = k == 0
                          ? ref_number(json_object_get(c, "round0"), "median")
                          : ref_number(json_array_get(rounds, k - 1),
                                       "median_after");

        o.rounds = k;
        cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, &o, &forecast),
                     PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
        near(forecast, want, "forecast", k);
    }
    json_decref(root);
    parley_ctx_free(ctx);
}

/* Sultan: no valid offer in any of 10 rounds; nothing moves. */
Test(bdm, sultan_nothing_moves)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_forecast_options o;
    parley_scenario *s;
    parley_forecast *f;
    const parley_model_result *r;
    json_t *root, *c, *rounds, *round;
    table t;
    size_t k, i;

    read_table("bdm/sultan.csv", &t);
    cr_assert_eq(t.n, 17);
    c = reference_case(&root, "Sultan.csv");
    rounds = json_object_get(c, "rounds");
    parley_forecast_options_set_default(&o);
    o.tolerance = -1; /* run all 10 rounds even though nothing moves */
    r = run_traced(ctx, &t, &o, &s, &f);
    cr_assert_eq(r->rounds, 10);
    near(r->median0, 13.9, "median", 0);
    near(r->mean0, ref_number(json_object_get(c, "round0"), "mean"), "mean", 0);
    json_array_foreach(rounds, k, round)
    {
        cr_assert_str_eq(
            json_string_value(json_object_get(round, "offers_log")), "");
        cr_assert_eq(r->trace[k].n_offers, 0, "round %zu: %zu offers", k + 1,
                     r->trace[k].n_offers);
        for (i = 0; i < t.n; i++) {
            cr_assert_eq(r->trace[k].position[i], t.position[i]);
            cr_assert(r->trace[k].risk[i] >= 0.5 - 1e-12 &&
                      r->trace[k].risk[i] <= 2 + 1e-12);
        }
        near(r->trace[k].median, ref_number(round, "median_after"), "median",
             k + 1);
        near(r->trace[k].mean, ref_number(round, "mean_after"), "mean", k + 1);
    }
    near(r->forecast, 13.9, "forecast", 10);
    parley_forecast_free(ctx, f);
    parley_scenario_free(s);

    /* with the default tolerance it stops, converged, after one round */
    parley_forecast_options_set_default(&o);
    r = run_traced(ctx, &t, &o, &s, &f);
    cr_assert_eq(r->rounds, 1);
    cr_assert_eq(r->converged, 1);
    near(r->forecast, 13.9, "forecast", 1);
    parley_forecast_free(ctx, f);
    parley_scenario_free(s);
    json_decref(root);
    parley_ctx_free(ctx);
}

/* Runs rounds of the model on arrays and returns the trace in `rounds`
 * buffers (positions and risks of n entries, offers of n). */
typedef struct trace_buf {
    double position[TABLE_MAX], risk[TABLE_MAX];
    parley_offer offers[TABLE_MAX];
    double median, mean;
    size_t n_offers;
    double start[TABLE_MAX]; /* positions before the round */
} trace_buf;

static void run_steps(const parley_issue_data *d,
                      const parley_forecast_options *options, trace_buf *out,
                      size_t rounds)
{
    static double ws[1 << 16];
    const parley_model_type *bdm = parley_i_model_find("bdm");
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_forecast_options o;
    size_t k;

    cr_assert_eq(parley_i_bdm_resolve(ctx, options, &o), PARLEY_OK);
    cr_assert_leq(bdm->workspace_size(d->n, &o), sizeof ws);
    cr_assert_eq(bdm->setup(ws, ctx, d, &o), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    for (k = 0; k < rounds; k++) {
        parley_round r;

        memcpy(out[k].start, k ? out[k - 1].position : d->position,
               d->n * sizeof(double));
        r.position = out[k].position;
        r.risk = out[k].risk;
        r.offers = out[k].offers;
        bdm->step(ws, &r);
        out[k].median = r.median;
        out[k].mean = r.mean;
        out[k].n_offers = r.n_offers;
    }
    parley_ctx_free(ctx);
}

/* A "scholz" preset overrides the fields; "corrected" equals its fields. */
Test(bdm, presets)
{
    parley_forecast_options a, b;
    trace_buf ta[10], tb[10];
    parley_issue_data d;
    table t;
    size_t k;

    read_table("bdm/scholz_ec_example.csv", &t);
    d = table_issue(&t, 0, 100);
    parley_forecast_options_set_default(&a);
    run_steps(&d, &a, ta, 10);
    b = a;
    b.bdm_prob = PARLEY_BDM_PROB_PAIR;
    b.bdm_offer = PARLEY_BDM_OFFER_NEAREST;
    b.bdm_capitulate = 1;
    b.bdm_variant = "scholz";
    run_steps(&d, &b, tb, 10);
    for (k = 0; k < 10; k++)
        cr_assert_eq(
            memcmp(ta[k].position, tb[k].position, t.n * sizeof(double)), 0,
            "round %zu differs under the scholz preset", k + 1);

    a.bdm_variant = "corrected";
    run_steps(&d, &a, ta, 10);
    b.bdm_variant = NULL; /* b: the corrected choices as fields */
    run_steps(&d, &b, tb, 10);
    for (k = 0; k < 10; k++)
        cr_assert_eq(
            memcmp(ta[k].position, tb[k].position, t.n * sizeof(double)), 0,
            "round %zu: 'corrected' is not its fields", k + 1);
}

/* Every offer in the trace is what its two expected utilities say it is
 * (Scholz et al. 2011, Table 1), and moves the actor where that kind of
 * offer moves it. */
static void check_offers(const trace_buf *tr, size_t rounds, size_t n,
                         size_t *kinds)
{
    size_t k, i;

    for (k = 0; k < rounds; k++)
        for (i = 0; i < tr[k].n_offers; i++) {
            const parley_offer *o = &tr[k].offers[i];
            double a = o->eu_actor, b = o->eu_from;
            double xi = tr[k].start[o->actor], xj = tr[k].start[o->from];

            cr_assert_lt(o->actor, n);
            cr_assert_lt(o->from, n);
            cr_assert_neq(xi, xj);
            cr_assert_eq(tr[k].position[o->actor], o->new_position);
            kinds[o->kind]++;
            switch (o->kind) {
            case PARLEY_OFFER_CONFRONTATION:
                cr_assert(b > a && a > 0);
                cr_assert_eq(o->new_position, xj);
                break;
            case PARLEY_OFFER_COMPROMISE:
                cr_assert(b > 0 && a < 0 && b > -a);
                cr_assert(fabs(o->new_position - (xi + (xj - xi) * (-a / b))) <=
                          1e-12 * (1 + fabs(xi) + fabs(xj)));
                break;
            case PARLEY_OFFER_CAPITULATION:
                cr_assert(b > 0 && a < 0 && b < -a);
                cr_assert_eq(o->new_position, xj);
                break;
            default:
                cr_assert_fail("offer of kind %d", (int)o->kind);
            }
        }
}

/* Random issues (seeded): offers are consistent under every probability
 * and offer variant; capitulation happens only when asked for, and then it
 * does happen. */
Test(bdm, offers_are_consistent_and_capitulation_is_an_option)
{
    size_t seed, variant;

    for (variant = 0; variant < 8; variant++) {
        size_t kinds[4] = {0, 0, 0, 0};

        for (seed = 0; seed < 60; seed++) {
            double c[8], x[8], s[8];
            parley_forecast_options o;
            parley_issue_data d;
            trace_buf tr[5];
            parley_rng g;
            size_t i;

            parley_rng_seed(&g, seed, 7);
            for (i = 0; i < 8; i++) {
                c[i] = parley_rng_uniform(&g);
                x[i] = (double)(int)(10 * parley_rng_uniform(&g));
                s[i] = parley_rng_uniform(&g);
            }
            d.n = 8;
            d.capability = c;
            d.position = x;
            d.salience = s;
            d.scale_min = 0;
            d.scale_max = 10;
            parley_forecast_options_set_default(&o);
            o.bdm_capitulate = (int)(variant & 1);
            o.bdm_prob = (variant & 2) ? PARLEY_BDM_PROB_PAIR
                                       : PARLEY_BDM_PROB_ALL_TRIPLES;
            o.bdm_offer = (variant & 4) ? PARLEY_BDM_OFFER_NEAREST
                                        : PARLEY_BDM_OFFER_BEST;
            run_steps(&d, &o, tr, 5);
            check_offers(tr, 5, 8, kinds);
        }
        if (variant & 1)
            cr_assert_gt(kinds[PARLEY_OFFER_CAPITULATION], 0,
                         "variant %zu: no capitulation in 300 rounds", variant);
        else
            cr_assert_eq(kinds[PARLEY_OFFER_CAPITULATION], 0);
        cr_assert_gt(kinds[PARLEY_OFFER_CONFRONTATION] +
                         kinds[PARLEY_OFFER_COMPROMISE],
                     0);
    }
}

/* NEAREST keeps rounds 1-3 of the reference (one offer each) and in round
 * 4 gives Belgium a nearer compromise than Scholz's ranking does (to
 * Netherlands' 4, a move of 5.16). */
Test(bdm, nearest_offer_variant)
{
    parley_forecast_options o;
    trace_buf best[4], nearest[4];
    parley_issue_data d;
    table t;
    size_t k, belgium, i, found = 0;

    read_table("bdm/scholz_ec_example.csv", &t);
    belgium = actor_index(&t, "Belgium");
    d = table_issue(&t, 0, 100);
    parley_forecast_options_set_default(&o);
    run_steps(&d, &o, best, 4);
    o.bdm_offer = PARLEY_BDM_OFFER_NEAREST;
    run_steps(&d, &o, nearest, 4);
    for (k = 0; k < 3; k++)
        cr_assert_eq(
            memcmp(best[k].position, nearest[k].position, t.n * sizeof(double)),
            0);
    for (i = 0; i < best[3].n_offers; i++)
        if (best[3].offers[i].actor == belgium) {
            cr_assert_eq(best[3].offers[i].from,
                         actor_index(&t, "Netherlands"));
            found++;
        }
    for (i = 0; i < nearest[3].n_offers; i++)
        if (nearest[3].offers[i].actor == belgium) {
            const parley_offer *of = &nearest[3].offers[i];

            cr_assert_eq(of->kind, PARLEY_OFFER_COMPROMISE);
            cr_assert_lt(
                fabs(of->new_position - nearest[3].start[belgium]),
                fabs(best[3].position[belgium] - best[3].start[belgium]));
            found++;
        }
    cr_assert_eq(found, 2);
}

/* Risk-neutral variant: every exponent is 1.  Weighted-median variant:
 * the reported median is the c*s weighted median of the positions. */
Test(bdm, risk_and_median_variants)
{
    parley_forecast_options o;
    trace_buf tr[10];
    parley_issue_data d;
    table t;
    size_t k, i, j;

    read_table("bdm/scholz_ec_example.csv", &t);
    d = table_issue(&t, 0, 100);
    parley_forecast_options_set_default(&o);
    o.bdm_risk = PARLEY_BDM_RISK_NEUTRAL;
    o.bdm_median = PARLEY_BDM_MEDIAN_WEIGHTED;
    run_steps(&d, &o, tr, 10);
    for (k = 0; k < 10; k++) {
        double total = 0, below, median = NAN;

        for (i = 0; i < t.n; i++) {
            cr_assert_eq(tr[k].risk[i], 1.0);
            total += t.capability[i] * t.salience[i];
        }
        /* the smallest position whose weight at or below reaches half */
        for (i = 0; i < t.n; i++) {
            below = 0;
            for (j = 0; j < t.n; j++)
                if (tr[k].position[j] <= tr[k].position[i])
                    below += t.capability[j] * t.salience[j];
            if (2 * below >= total &&
                (isnan(median) || tr[k].position[i] < median))
                median = tr[k].position[i];
        }
        cr_assert_eq(tr[k].median, median, "round %zu", k + 1);
    }
}

/* Saliences given as percentages are read as probabilities (automatic
 * scale 100): same rounds as the 0-1 table. */
Test(bdm, salience_scale)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_forecast_options o;
    trace_buf a[10], b[10];
    parley_issue_data d;
    table t, pct;
    size_t k, i;
    double forecast;

    read_table("bdm/scholz_ec_example.csv", &t);
    pct = t;
    for (i = 0; i < t.n; i++)
        pct.salience[i] = 100 * t.salience[i];
    parley_forecast_options_set_default(&o);
    d = table_issue(&t, 0, 100);
    run_steps(&d, &o, a, 10);
    d = table_issue(&pct, 0, 100);
    run_steps(&d, &o, b, 10);
    for (k = 0; k < 10; k++)
        for (i = 0; i < t.n; i++)
            cr_assert(fabs(a[k].position[i] - b[k].position[i]) < 1e-9);

    o.bdm_salience_scale = 1; /* 80 is no probability */
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, &o, &forecast),
                 PARLEY_EINVAL);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "salience scale"), "%s",
              parley_ctx_errmsg(ctx));
    parley_ctx_clear(ctx);
    o.bdm_salience_scale = -1;
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, &o, &forecast),
                 PARLEY_EINVAL);
    parley_ctx_free(ctx);
}

/* Range: the issue scale equal to the observed spread changes nothing;
 * positions off the scale or an empty scale are rejected. */
Test(bdm, range_variants)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_forecast_options o;
    trace_buf a[10], b[10];
    parley_issue_data d;
    table t;
    size_t k;
    double forecast;

    read_table("bdm/scholz_ec_example.csv", &t);
    parley_forecast_options_set_default(&o);
    d = table_issue(&t, 4, 10);
    run_steps(&d, &o, a, 10);
    o.bdm_range = PARLEY_BDM_RANGE_SCALE;
    run_steps(&d, &o, b, 10);
    for (k = 0; k < 10; k++)
        cr_assert_eq(memcmp(a[k].position, b[k].position, t.n * sizeof(double)),
                     0);
    d = table_issue(&t, 5, 10);
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, &o, &forecast),
                 PARLEY_EINVAL);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "outside the issue scale"), "%s",
              parley_ctx_errmsg(ctx));
    parley_ctx_clear(ctx);
    d = table_issue(&t, 10, 10);
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, &o, &forecast),
                 PARLEY_EINVAL);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "empty"), "%s",
              parley_ctx_errmsg(ctx));
    parley_ctx_free(ctx);
}

/* Degenerate issues: one actor; everyone at one position. */
Test(bdm, degenerate_issues)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s;
    parley_forecast *f;
    parley_forecast_options o;
    const parley_model_result *r;
    table t;

    memset(&t, 0, sizeof t);
    t.n = 1;
    strcpy(t.name[0], "alone");
    t.capability[0] = 2;
    t.position[0] = 42;
    t.salience[0] = 0.5;
    parley_forecast_options_set_default(&o);
    r = run_traced(ctx, &t, &o, &s, &f);
    cr_assert_eq(r->forecast, 42);
    cr_assert_eq(r->rounds, 1);
    cr_assert_eq(r->converged, 1);
    cr_assert_eq(r->trace[0].n_offers, 0);
    parley_forecast_free(ctx, f);
    parley_scenario_free(s);

    t.n = 3;
    strcpy(t.name[1], "b");
    strcpy(t.name[2], "c");
    t.capability[1] = t.capability[2] = 1;
    t.salience[1] = t.salience[2] = 1;
    t.position[1] = t.position[2] = 42;
    r = run_traced(ctx, &t, &o, &s, &f);
    cr_assert_eq(r->forecast, 42);
    cr_assert_eq(r->median0, 42);
    cr_assert_eq(r->mean0, 42);
    cr_assert_eq(r->converged, 1);
    cr_assert_eq(r->trace[0].n_offers, 0);
    cr_assert_eq(r->trace[0].risk[0], 1.0); /* nobody more endangered */
    parley_forecast_free(ctx, f);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(bdm, invalid_options)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_forecast_options o;
    parley_issue_data d;
    table t;
    double forecast;

    read_table("bdm/scholz_ec_example.csv", &t);
    d = table_issue(&t, 0, 100);
    parley_forecast_options_set_default(&o);
    o.bdm_variant = "scholtz";
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, &o, &forecast),
                 PARLEY_ENOTFOUND);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "did you mean 'scholz'"), "%s",
              parley_ctx_errmsg(ctx));
    parley_ctx_clear(ctx);

    parley_forecast_options_set_default(&o);
    o.bdm_q = 1.5;
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, &o, &forecast),
                 PARLEY_EINVAL);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "Q = 1.5"), "%s",
              parley_ctx_errmsg(ctx));
    parley_ctx_clear(ctx);
    o.bdm_q = NAN;
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, &o, &forecast),
                 PARLEY_EINVAL);
    parley_ctx_clear(ctx);

    parley_forecast_options_set_default(&o);
    o.bdm_prob = (parley_bdm_prob)7;
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, &o, &forecast),
                 PARLEY_EINVAL);
    parley_ctx_clear(ctx);
    parley_forecast_options_set_default(&o);
    o.bdm_capitulate = 2;
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, &o, &forecast),
                 PARLEY_EINVAL);
    parley_ctx_free(ctx);
}

/* A smaller Q makes the status quo less attractive against a challenge,
 * so expected utilities rise by (1 - Q) U_sq: check the round-1 offer EUs
 * move by exactly that for Q = 0.5. */
Test(bdm, status_quo_probability)
{
    parley_forecast_options o;
    trace_buf a[1], b[1];
    parley_issue_data d;
    table t;
    size_t i, j, matched = 0;

    read_table("bdm/scholz_ec_example.csv", &t);
    d = table_issue(&t, 0, 100);
    parley_forecast_options_set_default(&o);
    run_steps(&d, &o, a, 1);
    o.bdm_q = 0.5;
    run_steps(&d, &o, b, 1);
    cr_assert_eq(memcmp(a[0].risk, b[0].risk, t.n * sizeof(double)), 0,
                 "risk is computed with r = 1, where U_sq = 0");
    for (i = 0; i < b[0].n_offers; i++)
        for (j = 0; j < a[0].n_offers; j++)
            if (a[0].offers[j].actor == b[0].offers[i].actor &&
                a[0].offers[j].from == b[0].offers[i].from) {
                double r = a[0].risk[a[0].offers[j].actor];
                double usq = 2 - 4 * pow(0.5, r);

                cr_assert(fabs(b[0].offers[i].eu_actor -
                               (a[0].offers[j].eu_actor + 0.5 * usq)) < 1e-12);
                cr_assert(fabs(b[0].offers[i].eu_from -
                               (a[0].offers[j].eu_from + 0.5 * usq)) < 1e-12);
                matched++;
            }
    cr_assert_gt(matched, 0);
}

/*
 * The fast arithmetic of untraced runs against the reference of traced ones
 * (bdm.c): random issues of ten actors, drawn as bench/montecarlo draws the
 * EC example (capability and salience +-25%, position +-1, or positions
 * fixed) and uniformly (positions anywhere, or on five values), under each
 * variant.  The rounds run are the same and the forecasts agree to AGREE:
 * the two arithmetics differ in the last bits, and compromises (which
 * divide one utility by another) make that grow over the rounds, to 3e-9
 * on this 0-100 scale at most in 4.8e5 such draws; a draw that took
 * another turn would be off by far more, since a close call is replayed
 * with the reference arithmetic.
 */
#define AGREE 1e-6

Test(bdm, fast_arithmetic_agrees_with_the_reference)
{
    static const double capability[10] = {8, 8, 3, 16, 16, 16, 16, 5, 5, 8};
    static const double position[10] = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
    static const double salience[10] = {80, 40, 20, 80,  60,
                                        60, 90, 10, 100, 70};
    static double ws[1 << 16];
    const parley_model_type *bdm = parley_i_model_find("bdm");
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_rng rng;
    int kind, variant, draw;
    size_t compared = 0;

    parley_rng_seed(&rng, 2011, 0);
    for (kind = 0; kind < 4; kind++)
        for (variant = 0; variant < 5; variant++)
            for (draw = 0; draw < 100; draw++) {
                parley_forecast_options o;
                const parley_model_result *r;
                parley_scenario *s;
                parley_forecast *f;
                parley_model_result fast;
                parley_issue_data d;
                table t;
                size_t i;

                memset(&t, 0, sizeof t);
                t.n = 10;
                for (i = 0; i < 10; i++) {
                    double hi = 1.25 * salience[i];

                    snprintf(t.name[i], sizeof t.name[i], "a%zu", i);
                    if (kind < 2) {
                        t.capability[i] = parley_rng_triangular(
                            &rng, 0.75 * capability[i], capability[i],
                            1.25 * capability[i]);
                        t.salience[i] = parley_rng_triangular(
                            &rng, 0.75 * salience[i], salience[i],
                            hi > 100 ? 100 : hi);
                        t.position[i] =
                            8 * (kind == 1 ? position[i]
                                           : parley_rng_triangular(
                                                 &rng, position[i] - 1,
                                                 position[i], position[i] + 1));
                    } else {
                        t.capability[i] = parley_rng_uniform(&rng);
                        t.salience[i] = parley_rng_uniform(&rng);
                        t.position[i] =
                            kind == 2
                                ? 100 * parley_rng_uniform(&rng)
                                : 25 * floor(5 * parley_rng_uniform(&rng));
                    }
                }
                parley_forecast_options_set_default(&o);
                o.bdm_prob = variant == 1 ? PARLEY_BDM_PROB_PAIR
                                          : PARLEY_BDM_PROB_ALL_TRIPLES;
                o.bdm_offer = variant == 1 ? PARLEY_BDM_OFFER_NEAREST
                                           : PARLEY_BDM_OFFER_BEST;
                o.bdm_risk = variant == 2 ? PARLEY_BDM_RISK_NEUTRAL
                                          : PARLEY_BDM_RISK_SCHOLZ;
                o.bdm_capitulate = variant == 3;
                o.bdm_median = variant == 3 ? PARLEY_BDM_MEDIAN_WEIGHTED
                                            : PARLEY_BDM_MEDIAN_CONDORCET;
                o.bdm_range = variant == 4 ? PARLEY_BDM_RANGE_SCALE
                                           : PARLEY_BDM_RANGE_OBSERVED;
                o.bdm_q = variant == 4 ? 0.5 : 1.0;
                d = table_issue(&t, 0, 100);
                cr_assert_eq(parley_i_forecast_solve(ctx, bdm, &d, &o, ws,
                                                     sizeof ws, &fast, NULL),
                             PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
                r = run_traced(ctx, &t, &o, &s, &f);
                cr_assert_eq(fast.rounds, r->rounds);
                cr_assert(fabs(fast.forecast - r->forecast) <= AGREE,
                          "kind %d, variant %d, draw %d: fast %.17g, "
                          "reference %.17g",
                          kind, variant, draw, fast.forecast, r->forecast);
                compared++;
                parley_forecast_free(ctx, f);
                parley_scenario_free(s);
            }
    cr_assert_eq(compared, 2000);
    parley_ctx_free(ctx);
}

/* DEU III, issue n99214i1 (tests/data/deu/deu3.tsv; the GDP capabilities of
 * its second line): after five rounds four actors sit a few units in the
 * last place above 38 and trade offers worth 1e-16, which rounding decides.
 * The fast arithmetic alone ends at 38.00000001; the close calls send the
 * issue to the reference arithmetic, which ends where a traced run does,
 * bit for bit. */
Test(bdm, close_calls_go_to_the_reference)
{
    static const struct {
        const char *id;
        double capability, position, salience;
    } deu[13] = {
        {"com", 4.1, 100, 90}, {"ep", 4.1, 38, 30},  {"dk", 0.37, 38, 30},
        {"fi", 0.28, 100, 30}, {"fr", 2.8, 38, 70},  {"de", 4.1, 100, 30},
        {"el", 0.22, 38, 70},  {"it", 2.09, 38, 70}, {"nl", 1.03, 50, 30},
        {"pt", 0.27, 38, 70},  {"es", 1.46, 38, 70}, {"se", 0.55, 50, 30},
        {"uk", 2.64, 63, 30}};
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_forecast_options o;
    const parley_model_result *r;
    parley_scenario *s;
    parley_forecast *f;
    parley_issue_data d;
    double forecast;
    table t;
    size_t i;

    memset(&t, 0, sizeof t);
    t.n = 13;
    for (i = 0; i < t.n; i++) {
        snprintf(t.name[i], sizeof t.name[i], "%s", deu[i].id);
        t.capability[i] = deu[i].capability;
        t.position[i] = deu[i].position;
        t.salience[i] = deu[i].salience;
    }
    parley_forecast_options_set_default(&o);
    d = table_issue(&t, 0, 100);
    cr_assert_eq(parley_forecast_issue(ctx, "bdm", &d, &o, &forecast),
                 PARLEY_OK);
    r = run_traced(ctx, &t, &o, &s, &f);
    cr_assert_eq(forecast, r->forecast, "fast %.17g, reference %.17g", forecast,
                 r->forecast);
    cr_assert(fabs(forecast - 70.2073318505150) < 1e-9, "%.17g", forecast);
    parley_forecast_free(ctx, f);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* Both reference cases with traces: the EC example for 40 rounds (the
 * trace array grows past its first 16 entries) and Sultan, which converges
 * after one round (the trace array shrinks to fit). */
static parley_status body_traced_run(parley_ctx *ctx, void *user)
{
    table *tables = user;
    parley_forecast_options o;
    parley_status st = PARLEY_OK;
    size_t c;

    for (c = 0; c < 2 && st == PARLEY_OK; c++) {
        parley_ctx *own = parley_ctx_new(NULL); /* the scenario's */
        parley_scenario *s = table_scenario(own, &tables[c], 0, 100);
        parley_forecast *f = NULL;

        parley_forecast_options_set_default(&o);
        o.trace = 1;
        o.rounds = 40;
        o.tolerance = c == 0 ? -1 : 1e-9;
        st = parley_forecast_run(ctx, s, &o, &f);
        if (st == PARLEY_OK) {
            const parley_model_result *r = &f->issues[0].models[2];

            cr_assert_str_eq(r->model, "bdm");
            cr_assert_eq(r->rounds, c == 0 ? 40u : 1u);
            cr_assert_not_null(r->trace);
        }
        parley_forecast_free(ctx, f);
        parley_scenario_free(s);
        parley_ctx_free(own);
    }
    return st;
}

Test(bdm, allocation_failures_with_trace)
{
    table t[2];
    long n;

    read_table("bdm/scholz_ec_example.csv", &t[0]);
    read_table("bdm/sultan.csv", &t[1]);
    n = test_alloc_failures(body_traced_run, t);
    cr_assert_gt(n, 40);
}
