/*
 * report.c -- `parley report`: the case study of one scenario, composed
 * from the other runs (forecast, evaluate, impact, ripeness, bargain,
 * simulate).  It computes nothing of its own beyond choosing the leading
 * proposal and the outcome distribution the third party is scored under.
 */
#include "parley.h"

#include "core/core.h"
#include "dynamics/outcome.h"
#include "scenario/scenario.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void parley_report_options_set_default(parley_report_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    parley_forecast_options_set_default(&o->forecast);
    parley_evaluate_options_set_default(&o->evaluate);
    parley_simulate_options_set_default(&o->simulate);
    o->simulate.draws = 2000;
    o->impact = NULL;
    o->every = 0;
    o->skip_simulation = 0;
}

void parley_report_free(parley_ctx *ctx, parley_report *r)
{
    const parley_ctx *owner;

    if (!r)
        return;
    owner = r->ctx_ ? r->ctx_ : ctx;
    parley_forecast_free((parley_ctx *)owner, r->forecast);
    parley_evaluate_free((parley_ctx *)owner, r->evaluate);
    parley_impact_report_free((parley_ctx *)owner, r->impacts);
    parley_ripeness_free((parley_ctx *)owner, r->ripeness);
    parley_bargain_free((parley_ctx *)owner, r->bargain);
    parley_simulation_free((parley_ctx *)owner, r->simulation);
    parley_durability_free((parley_ctx *)owner, r->nash_durability);
    parley_scorecard_free((parley_ctx *)owner, r->nash_card);
    parley_scorecard_free((parley_ctx *)owner, r->expected);
    parley_i_free(owner, r->outcome_probability,
                  r->n_outcomes * sizeof *r->outcome_probability);
    parley_i_free(owner, r, sizeof *r);
}

static int has_stances(const parley_scenario *s)
{
    size_t i, n = s->n_actors * s->n_issues;

    for (i = 0; i < n; i++)
        if (s->stances[i].present)
            return 1;
    return 0;
}

/* Package bargaining (evaluate, ripeness, bargain, the zone and the
 * protocol) needs options on every issue. */
static int has_options(const parley_scenario *s)
{
    size_t k;

    for (k = 0; k < s->n_issues; k++)
        if (s->issues[k].n_options == 0)
            return 0;
    return s->n_issues > 0;
}

/* The proposal closest to being acceptable to every party: an acceptable
 * one first, then one no red line or hard constraint vetoes, then any;
 * within each, the largest smallest margin (the first in file order on
 * ties). */
static size_t leading_proposal(const parley_evaluate *e)
{
    size_t i, best = PARLEY_NO_INDEX;
    int best_rank = -1;
    double best_margin = -INFINITY;

    for (i = 0; i < e->n_evaluations; i++) {
        const parley_proposal_eval *pe = &e->evaluations[i];
        int rank = pe->acceptable ? 2 : pe->feasible ? 1 : 0;

        if (rank > best_rank ||
            (rank == best_rank && pe->min_margin > best_margin)) {
            best = pe->proposal;
            best_rank = rank;
            best_margin = pe->min_margin;
        }
    }
    return best;
}

/* The protocol the simulation will run: the option's, else the
 * scenario's, else alternating offers. */
static int protocol_of(const parley_scenario *s,
                       const parley_report_options *o)
{
    if (o->simulate.negotiation.protocol != PARLEY_PROTOCOL_SCENARIO)
        return (int)o->simulate.negotiation.protocol;
    if (s->negotiation.present && s->negotiation.protocol >= 0)
        return s->negotiation.protocol;
    return PARLEY_PROTOCOL_ALTERNATING;
}

/* The simulation's outputs joined into one specification. */
static void simulation_outputs(const parley_scenario *s,
                               const parley_report *r,
                               const parley_report_options *o, char *buf,
                               size_t cap)
{
    size_t used = 0;

    buf[0] = '\0';
#define ADD(text)                                                              \
    used += (size_t)snprintf(buf + used, used < cap ? cap - used : 0, "%s%s",  \
                             used ? "," : "", text)
    if (r->forecast)
        ADD("forecast:*");
    if (s->dynamics.n_variables)
        ADD("state:*");
    if (has_options(s)) {
        ADD("zopa");
        if (parley_i_has_rules(s) && protocol_of(s, o) != PARLEY_PROTOCOL_NONE)
            ADD("protocol");
    }
#undef ADD
}

static parley_status score_nash(parley_ctx *ctx, const parley_scenario *s,
                                parley_report *r)
{
    const parley_solution *nash = &r->bargain->solutions[PARLEY_SOLUTION_NASH];
    parley_outcome_options oo;
    parley_package pkg;
    double *value;
    size_t k, n = s->n_issues;
    parley_status st = PARLEY_OK;

    if (!nash->found || nash->n_listed == 0)
        return PARLEY_OK;
    value = parley_i_alloc_array(ctx, n ? n : 1, sizeof *value);
    if (!value)
        return parley_i_nomem(ctx);
    for (k = 0; k < n; k++) {
        size_t opt = nash->options[k];

        value[k] = opt < s->issues[k].n_options ? s->issues[k].options[opt].value
                                                : NAN;
    }
    pkg.n_issues = n;
    pkg.value = value;
    pkg.option = nash->options;
    parley_outcome_options_set_default(&oo);
    if (parley_i_has_rules(s)) {
        st = parley_outcome_classify(ctx, s, &pkg, &oo, &r->nash_class);
        r->nash_classified = st == PARLEY_OK;
    }
    if (st == PARLEY_OK && s->durability.present)
        st = parley_durability_run(
            ctx, s, &pkg,
            r->nash_classified ? r->nash_class.outcome_if_signed
                               : PARLEY_NO_OUTCOME,
            &oo, &r->nash_durability);
    if (st == PARLEY_OK && r->impact != PARLEY_NO_INDEX)
        st = parley_impact_score(ctx, s, r->impact, &pkg,
                                 r->nash_classified
                                     ? r->nash_class.outcome_if_signed
                                     : PARLEY_NO_OUTCOME,
                                 &oo, &r->nash_card);
    parley_i_free(ctx, value, (n ? n : 1) * sizeof *value);
    return st;
}

parley_status parley_report_run(parley_ctx *ctx,
                                const parley_scenario *scenario,
                                const parley_report_options *options,
                                parley_report **out)
{
    const parley_scenario *s = scenario;
    parley_report_options defaults;
    parley_report *r;
    parley_status st = PARLEY_OK;

    if (!ctx)
        return PARLEY_EINVAL;
    if (!out || !s)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "report: no scenario or no result pointer, "
                              "expected both");
    *out = NULL;
    if (!options) {
        parley_report_options_set_default(&defaults);
        options = &defaults;
    }
    if (options->every < 0 || options->every > 600)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "report: every %d months, expected 0 (about "
                              "every 3) to 600",
                              options->every);
    r = parley_i_alloc(ctx, sizeof *r);
    if (!r)
        return parley_i_nomem(ctx);
    r->ctx_ = ctx;
    r->leading_proposal = PARLEY_NO_INDEX;
    r->impact = PARLEY_NO_INDEX;
    r->outcome_month = -1;
    r->every = options->every ? options->every : 3;
    if (s->n_impacts) {
        r->impact = options->impact ? parley_impact_find(s, options->impact)
                                    : 0;
        if (r->impact == PARLEY_NO_INDEX) {
            st = parley_i_error(ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                                "no impact model '%s' in the scenario, "
                                "expected one of its impact ids",
                                options->impact);
            goto done;
        }
    } else if (options->impact) {
        st = parley_i_error(ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                            "no impact model '%s': the scenario has none",
                            options->impact);
        goto done;
    }

    if (has_stances(s))
        st = parley_forecast_run(ctx, s, &options->forecast, &r->forecast);
    if (st == PARLEY_OK && s->n_proposals && has_options(s)) {
        parley_evaluate_options eo = options->evaluate;

        eo.proposal = NULL;
        st = parley_evaluate_run(ctx, s, &eo, &r->evaluate);
        if (st == PARLEY_OK)
            r->leading_proposal = leading_proposal(r->evaluate);
    }
    if (st == PARLEY_OK && (s->n_impacts || s->durability.present)) {
        parley_impact_options io;

        parley_impact_options_set_default(&io);
        io.impact = options->impact;
        io.by_outcome = s->n_impacts > 0 && s->n_outcome_types > 0;
        io.proposals = s->n_proposals ? NULL : "";
        r->impact_options = io;
        st = parley_impact_run(ctx, s, &io, &r->impacts);
    }
    if (st == PARLEY_OK && has_options(s)) {
        parley_ripeness_options ro;

        parley_ripeness_options_set_default(&ro);
        ro.negotiation = options->simulate.negotiation;
        ro.months = options->simulate.months;
        st = parley_ripeness_run(ctx, s, &ro, &r->ripeness);
    }
    if (st == PARLEY_OK && has_options(s)) {
        const parley_bargain_options *sp = &options->simulate.negotiation.space;
        parley_bargain_options bo;

        parley_bargain_options_set_default(&bo);
        bo.parties = sp->parties;
        bo.disagreement = sp->disagreement;
        bo.shape = sp->shape;
        bo.weights = sp->weights;
        bo.reservation = sp->reservation;
        bo.ratification = sp->ratification;
        bo.party_constraints_only = sp->party_constraints_only;
        bo.max_composite = sp->max_composite;
        bo.threads = options->simulate.threads;
        bo.frontier = 0;
        r->bargain_options = bo;
        st = parley_bargain_run(ctx, s, &bo, &r->bargain);
        if (st == PARLEY_OK)
            st = score_nash(ctx, s, r);
    }
    if (st == PARLEY_OK && !options->skip_simulation) {
        simulation_outputs(s, r, options, r->simulate_outputs,
                           sizeof r->simulate_outputs);
        if (r->simulate_outputs[0]) {
            parley_simulate_options so = options->simulate;

            so.outputs = r->simulate_outputs;
            so.forecast = options->forecast;
            so.keep_draws = 0;
            r->simulate_options = so;
            st = parley_simulate_run(ctx, s, &so, &r->simulation);
            if (st == PARLEY_OK && r->simulation->n_inputs == 0 &&
                !r->simulation->stochastic) {
                /* every draw is the central path: nothing to show */
                parley_simulation_free(ctx, r->simulation);
                r->simulation = NULL;
                r->deterministic = 1;
            }
        }
    }
    /* the outcome distribution at the horizon, when the protocol ran */
    if (st == PARLEY_OK && r->simulation && s->n_outcome_types &&
        strstr(r->simulate_outputs, "protocol")) {
        r->n_outcomes = s->n_outcome_types;
        r->outcome_probability = parley_i_alloc_array(
            ctx, s->n_outcome_types, sizeof *r->outcome_probability);
        if (!r->outcome_probability) {
            st = parley_i_nomem(ctx);
            goto done;
        }
        st = parley_simulation_outcomes(ctx, s, r->simulation, -1,
                                        r->outcome_probability);
        r->outcome_month = r->simulation->months;
        if (st == PARLEY_OK && r->impact != PARLEY_NO_INDEX) {
            parley_outcome_options oo;

            parley_outcome_options_set_default(&oo);
            st = parley_impact_expected(ctx, s, r->impact,
                                        r->outcome_probability, NULL, &oo,
                                        &r->expected);
        }
    }
done:
    if (st != PARLEY_OK) {
        parley_report_free(ctx, r);
        return st;
    }
    *out = r;
    return PARLEY_OK;
}
