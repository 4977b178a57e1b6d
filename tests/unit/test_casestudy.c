/*
 * test_casestudy.c -- `parley report` (src/report/report.c and
 * report_write.c): the case study must show what the other runs compute
 * with the same options, choose the leading proposal by its documented
 * rule, score the third party under the simulated outcome distribution,
 * leave out the parts a scenario cannot have, and fail cleanly.
 *
 * The references are independent runs of each command's library call and
 * a hand-written expectation (the leading proposal's rule, the expected
 * scorecard as sum over outcome types of P(type) x the type's score per
 * dimension, renormalised over the types that score it).
 */
#include "support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TOL 1e-12

static parley_scenario *load(parley_ctx *ctx, const char *path)
{
    parley_scenario *s = NULL;

    cr_assert_eq(parley_scenario_load(ctx, path, NULL, &s), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    return s;
}

typedef struct text_buf {
    char *data;
    size_t len;
} text_buf;

static int collect(void *user, const char *bytes, size_t len)
{
    text_buf *b = user;
    char *grown = realloc(b->data, b->len + len + 1);

    if (!grown)
        return 1;
    b->data = grown;
    memcpy(b->data + b->len, bytes, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

static parley_sink sink_of(text_buf *b)
{
    parley_sink sink;

    sink.write = collect;
    sink.user = b;
    return sink;
}

static const parley_sim_output *output(const parley_simulation *sim,
                                       const char *id)
{
    size_t i;

    for (i = 0; i < sim->n_outputs; i++)
        if (strcmp(sim->outputs[i].id, id) == 0)
            return &sim->outputs[i];
    return NULL;
}

static parley_report *ukraine_report(parley_ctx *ctx, parley_scenario **s,
                                     parley_report_options *o)
{
    parley_report *r = NULL;

    *s = load(ctx, test_source("examples/ukraine-2026.yaml"));
    parley_report_options_set_default(o);
    o->simulate.draws = 300;
    o->simulate.threads = 2;
    cr_assert_eq(parley_report_run(ctx, *s, o, &r), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    return r;
}

/* Each part equals its own command's run with the same options. */
Test(casestudy, ukraine_parts_match_their_runs)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s;
    parley_report_options o;
    parley_report *r = ukraine_report(ctx, &s, &o);
    parley_ripeness_options ro;
    parley_ripeness *rp = NULL;
    parley_simulate_options so;
    parley_simulation *sim = NULL;
    parley_bargain_options bo;
    parley_bargain *b = NULL;
    size_t i, t, p;

    cr_assert_not_null(r->forecast);
    cr_assert_not_null(r->evaluate);
    cr_assert_not_null(r->impacts);
    cr_assert_not_null(r->ripeness);
    cr_assert_not_null(r->bargain);
    cr_assert_not_null(r->simulation);
    cr_assert_eq(r->deterministic, 0);

    parley_ripeness_options_set_default(&ro);
    cr_assert_eq(parley_ripeness_run(ctx, s, &ro, &rp), PARLEY_OK);
    cr_assert_eq(r->ripeness->first_open, rp->first_open);
    cr_assert_eq(r->ripeness->months, rp->months);
    for (t = 0; t <= (size_t)rp->months; t++)
        cr_assert_eq(r->ripeness->month[t].best_min_margin,
                     rp->month[t].best_min_margin);
    parley_ripeness_free(ctx, rp);

    /* the same simulation, run on its own: the same numbers */
    parley_simulate_options_set_default(&so);
    so.draws = 300;
    so.threads = 1;
    so.outputs = r->simulate_outputs;
    cr_assert_str_eq(r->simulate_outputs, "forecast:*,state:*,zopa,protocol");
    cr_assert_eq(parley_simulate_run(ctx, s, &so, &sim), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(sim->n_outputs, r->simulation->n_outputs);
    for (i = 0; i < sim->n_outputs; i++)
        for (t = 0; t <= (size_t)sim->months; t++) {
            const parley_sim_cell *a = &sim->outputs[i].cells[t];
            const parley_sim_cell *c = &r->simulation->outputs[i].cells[t];

            cr_assert_eq(a->n, c->n);
            if (a->n)
                cr_assert_eq(a->mean, c->mean, "%s month %zu",
                             sim->outputs[i].id, t);
        }

    /* the outcome distribution is the simulation's at its last month */
    cr_assert_not_null(r->outcome_probability);
    cr_assert_eq(r->outcome_month, sim->months);
    {
        double sum = 0;

        for (i = 0; i < r->n_outcomes; i++) {
            char id[64];
            const parley_sim_output *out;

            snprintf(id, sizeof id, "outcome:%s", parley_outcome_id(s, i));
            out = output(sim, id);
            cr_assert_not_null(out, "%s", id);
            cr_assert_float_eq(r->outcome_probability[i],
                               out->cells[sim->months].mean, 1e-12, "%s", id);
            sum += r->outcome_probability[i];
        }
        cr_assert_float_eq(sum, 1.0, 1e-12);
    }

    /* the expected scorecard, by hand from the outcome-type scorecards */
    cr_assert_not_null(r->expected);
    cr_assert_eq(r->impacts->n_outcome_cards, r->n_outcomes);
    {
        double welfare = 0;
        size_t d, n_dims = r->expected->n_dims;

        for (d = 0; d < n_dims; d++) {
            double num = 0, den = 0;

            for (i = 0; i < r->n_outcomes; i++) {
                const parley_scorecard *c = r->impacts->outcome_cards[i];

                if (r->outcome_probability[i] > 0 && !isnan(c->dims[d].score)) {
                    num += r->outcome_probability[i] * c->dims[d].score;
                    den += r->outcome_probability[i];
                }
            }
            if (den > 0) {
                cr_assert_float_eq(r->expected->dims[d].score, num / den, 1e-9,
                                   "dimension %zu", d);
                welfare += r->expected->dims[d].weight * num / den;
            }
        }
        cr_assert_float_eq(r->expected->welfare, welfare, 1e-9);
    }

    /* the Nash package is bargain's, with the negotiation's parties */
    parley_bargain_options_set_default(&bo);
    bo.frontier = 0;
    cr_assert_eq(parley_bargain_run(ctx, s, &bo, &b), PARLEY_OK);
    cr_assert(b->solutions[PARLEY_SOLUTION_NASH].found);
    cr_assert_eq(b->n_parties, r->bargain->n_parties);
    for (p = 0; p < b->n_parties; p++)
        cr_assert_eq(b->solutions[PARLEY_SOLUTION_NASH].utility[p],
                     r->bargain->solutions[PARLEY_SOLUTION_NASH].utility[p]);
    cr_assert_not_null(r->nash_durability);
    cr_assert(r->nash_classified);
    parley_bargain_free(ctx, b);

    parley_simulation_free(ctx, sim);
    parley_report_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* The leading proposal: an acceptable one first, then one no red line
 * vetoes, the largest smallest margin within each. */
Test(casestudy, leading_proposal_rule)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s;
    parley_report_options o;
    parley_report *r;
    size_t i, best = (size_t)-1;
    int best_rank = -1;
    double best_margin = -INFINITY;
    const parley_proposal_impact *pi = NULL;

    s = load(ctx, test_source("examples/ukraine-2026.yaml"));
    parley_report_options_set_default(&o);
    o.skip_simulation = 1;
    cr_assert_eq(parley_report_run(ctx, s, &o, &r), PARLEY_OK);
    cr_assert_null(r->simulation);
    cr_assert_null(r->expected);
    cr_assert_null(r->outcome_probability);
    for (i = 0; i < r->evaluate->n_evaluations; i++) {
        const parley_proposal_eval *pe = &r->evaluate->evaluations[i];
        int rank = pe->acceptable ? 2 : pe->feasible ? 1 : 0;

        if (rank > best_rank ||
            (rank == best_rank && pe->min_margin > best_margin)) {
            best = pe->proposal;
            best_rank = rank;
            best_margin = pe->min_margin;
        }
    }
    cr_assert_eq(r->leading_proposal, best);
    /* in the reference scenario no proposal is acceptable as written; PR2
     * ("90 percent ready") has no red-line veto and the largest smallest
     * margin (brief 4.2: the closest framework) */
    cr_assert_str_eq(parley_proposal_id(s, r->leading_proposal), "PR2");
    for (i = 0; i < r->impacts->n_proposals; i++)
        if (r->impacts->proposals[i].proposal == r->leading_proposal)
            pi = &r->impacts->proposals[i];
    cr_assert_not_null(pi);
    /* brief 6.3: PR2 under O1b scores D = 44 */
    cr_assert_float_eq(pi->durability->score, 44.0, TOL);
    parley_report_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(casestudy, text_and_json)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s;
    parley_report_options o;
    parley_report *r = ukraine_report(ctx, &s, &o);
    text_buf text = {NULL, 0}, js = {NULL, 0};
    json_error_t err;
    json_t *root, *summary, *deal;
    const char *sections[] = {"Summary\n",
                              "1. Outlook",
                              "2. Named proposals",
                              "3. Zone of possible agreement",
                              "4. Outcomes over time",
                              "5. Durability of the leading package",
                              "6. Third-party impact: SG",
                              "Sources and data"};
    size_t i;
    const parley_sim_output *d = output(r->simulation, "deal");

    cr_assert_eq(parley_report_write_text(ctx, s, r, &o, sink_of(&text)),
                 PARLEY_OK);
    for (i = 0; i < sizeof sections / sizeof *sections; i++)
        cr_assert_not_null(strstr(text.data, sections[i]), "no '%s'",
                           sections[i]);
    cr_assert_not_null(strstr(text.data, "leading proposal: PR2"));

    cr_assert_eq(parley_report_write_json(ctx, s, r, &o, sink_of(&js)),
                 PARLEY_OK);
    root = json_loads(js.data, 0, &err);
    cr_assert_not_null(root, "%s at %d:%d", err.text, err.line, err.column);
    cr_assert_str_eq(json_string_value(json_object_get(root, "command")),
                     "report");
    summary = json_object_get(root, "summary");
    cr_assert_str_eq(
        json_string_value(json_object_get(summary, "leading_proposal")),
        "PR2");
    deal = json_object_get(summary, "p_deal_by_month");
    cr_assert_eq(json_array_size(deal), (size_t)r->simulation->months + 1);
    cr_assert_eq(json_number_value(json_object_get(
                     json_array_get(deal, (size_t)r->simulation->months), "p")),
                 d->cells[r->simulation->months].p_by);
    for (i = 0; i < 6; i++) {
        static const char *const parts[] = {"forecast", "evaluate", "impact",
                                            "ripeness", "bargain",
                                            "simulation"};

        cr_assert(json_is_object(json_object_get(root, parts[i])), "%s",
                  parts[i]);
    }
    json_decref(root);
    free(text.data);
    free(js.data);
    parley_report_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* A BDM table has issues and stances only: the outlook, nothing else. */
Test(casestudy, bdm_table_outlook_only)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, test_data("bdm/greece_eu_2015.csv"));
    parley_report *r = NULL;
    text_buf text = {NULL, 0};

    cr_assert_eq(parley_report_run(ctx, s, NULL, &r), PARLEY_OK);
    cr_assert_not_null(r->forecast);
    cr_assert_null(r->evaluate);
    cr_assert_null(r->impacts);
    cr_assert_null(r->ripeness);
    cr_assert_null(r->bargain);
    cr_assert_null(r->simulation);
    cr_assert_eq(r->deterministic, 1);
    cr_assert_eq(parley_report_write_text(ctx, s, r, NULL, sink_of(&text)),
                 PARLEY_OK);
    cr_assert_not_null(strstr(text.data, "1. Outlook"));
    cr_assert_null(strstr(text.data, "2. Named proposals"));
    /* Greece: compromise 740/9 (test_forecast) */
    cr_assert_not_null(strstr(text.data, "82.22"));
    free(text.data);
    parley_report_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(casestudy, bad_options)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, test_data("yaml/impact-small.yaml"));
    parley_report_options o;
    parley_report *r = NULL;

    parley_report_options_set_default(&o);
    o.impact = "NOPE";
    cr_assert_eq(parley_report_run(ctx, s, &o, &r), PARLEY_ENOTFOUND);
    cr_assert_null(r);
    cr_assert_not_null(strstr(parley_ctx_errmsg(ctx), "NOPE"));
    parley_report_options_set_default(&o);
    o.every = -1;
    cr_assert_eq(parley_report_run(ctx, s, &o, &r), PARLEY_EINVAL);
    cr_assert_eq(parley_report_run(ctx, NULL, &o, &r), PARLEY_EINVAL);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

static parley_status report_body(parley_ctx *ctx, void *user)
{
    parley_scenario *s = NULL;
    parley_report_options o;
    parley_report *r = NULL;
    text_buf text = {NULL, 0}, js = {NULL, 0};
    parley_status st;

    (void)user;
    st = parley_scenario_load(ctx, test_data("yaml/impact-small.yaml"), NULL,
                              &s);
    if (st != PARLEY_OK)
        return st;
    parley_report_options_set_default(&o);
    o.simulate.draws = 8;
    o.simulate.threads = 2;
    st = parley_report_run(ctx, s, &o, &r);
    if (st == PARLEY_OK)
        st = parley_report_write_text(ctx, s, r, &o, sink_of(&text));
    if (st == PARLEY_OK)
        st = parley_report_write_json(ctx, s, r, &o, sink_of(&js));
    free(text.data);
    free(js.data);
    parley_report_free(ctx, r);
    parley_scenario_free(s);
    return st;
}

Test(casestudy_alloc, every_allocation_fails_cleanly)
{
    cr_assert_gt(test_alloc_failures(report_body, NULL), 50);
}

/* parley_simulation_outcomes: the outcome:TYPE outputs at a month, and its
 * refusals. */
Test(casestudy, simulation_outcomes)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, test_data("yaml/impact-small.yaml"));
    parley_simulate_options so;
    parley_simulation *sim = NULL, *bare = NULL;
    double p[8];
    size_t o, n = parley_scenario_n_outcomes(s);

    cr_assert_leq(n, 8);
    parley_simulate_options_set_default(&so);
    so.draws = 20;
    so.outputs = "protocol";
    cr_assert_eq(parley_simulate_run(ctx, s, &so, &sim), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(parley_simulation_outcomes(ctx, s, sim, -1, p), PARLEY_OK);
    for (o = 0; o < n; o++) {
        char id[64];
        size_t i;

        snprintf(id, sizeof id, "outcome:%s", parley_outcome_id(s, o));
        for (i = 0; i < sim->n_outputs; i++)
            if (strcmp(sim->outputs[i].id, id) == 0)
                cr_assert_float_eq(p[o], sim->outputs[i].cells[0].mean, 1e-15);
    }
    cr_assert_eq(parley_simulation_outcomes(ctx, s, sim, 1, p), PARLEY_EINVAL);
    parley_ctx_clear(ctx);
    so.outputs = "zopa";
    cr_assert_eq(parley_simulate_run(ctx, s, &so, &bare), PARLEY_OK);
    cr_assert_eq(parley_simulation_outcomes(ctx, s, bare, -1, p),
                 PARLEY_EUNSUPPORTED);
    cr_assert_not_null(strstr(parley_ctx_errmsg(ctx), "protocol"), "%s",
                       parley_ctx_errmsg(ctx));
    parley_simulation_free(ctx, sim);
    parley_simulation_free(ctx, bare);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}
