/*
 * report_write.c -- the case study of `parley report` as text (the shape
 * of an analyst's case study: summary, outlook, proposals, the zone of
 * agreement, outcomes over time, durability, third-party impact, sources)
 * and as JSON (the summary, then every run's own document).  Writers
 * read results; they compute nothing but formats and look-ups.
 */
#include "report/common.h"
#include "report/json.h"
#include "report/sink.h"
#include "scenario/scenario.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define NONE ((size_t)-1)

/* ---- look-ups ------------------------------------------------------------ */

static const parley_sim_output *sim_output(const parley_simulation *sim,
                                           const char *id)
{
    size_t i;

    if (!sim)
        return NULL;
    for (i = 0; i < sim->n_outputs; i++)
        if (sim->outputs[i].available && strcmp(sim->outputs[i].id, id) == 0)
            return &sim->outputs[i];
    return NULL;
}

static const parley_proposal_impact *
proposal_impact(const parley_report *r, size_t p)
{
    size_t i;

    if (!r->impacts)
        return NULL;
    for (i = 0; i < r->impacts->n_proposals; i++)
        if (r->impacts->proposals[i].proposal == p)
            return &r->impacts->proposals[i];
    return NULL;
}

static const parley_proposal_eval *proposal_eval(const parley_report *r,
                                                 size_t p)
{
    size_t i;

    if (!r->evaluate)
        return NULL;
    for (i = 0; i < r->evaluate->n_evaluations; i++)
        if (r->evaluate->evaluations[i].proposal == p)
            return &r->evaluate->evaluations[i];
    return NULL;
}

static const char *outcome_id(const parley_scenario *s, size_t o)
{
    return o < s->n_outcome_types ? s->outcome_types[o].id : "-";
}

/* The month of the report's time axis: the simulation's, else the
 * ripeness path's. */
static void month_name(const parley_report *r, int t, char *buf, size_t cap)
{
    int y = 0, m = 0;

    if (r->simulation) {
        y = r->simulation->start_year;
        m = r->simulation->start_month;
    } else if (r->ripeness) {
        y = r->ripeness->start_year;
        m = r->ripeness->start_month;
    }
    parley_month_label(y, m, t, buf, cap);
}

static int last_month(const parley_report *r)
{
    if (r->simulation)
        return r->simulation->months;
    if (r->ripeness)
        return r->ripeness->months;
    return 0;
}

/* Rows of the by-month tables: every `every` months, the last month, and
 * `extra` (e.g. the month the zone opens) when it is in range. */
static int shown_month(const parley_report *r, int t, int extra)
{
    return t % r->every == 0 || t == last_month(r) || t == extra;
}

/* The headline forecast model: bdm when it was run, else the last. */
static size_t headline_model(const parley_issue_forecast *f)
{
    size_t m;

    for (m = 0; m < f->n_models; m++)
        if (strcmp(f->models[m].model, "bdm") == 0)
            return m;
    return f->n_models ? f->n_models - 1 : NONE;
}

static void write_number(parley_writer *w, int width, int decimals, double x)
{
    if (isnan(x))
        parley_i_writef(w, "%*s", width, "-");
    else
        parley_i_writef(w, "%*.*f", width, decimals, x);
}

/* "0.996 [0.995,0.997]" for an event's P(by month m) or P(at month m). */
static void write_probability(parley_writer *w, const parley_sim_cell *c,
                              int by)
{
    if (by)
        parley_i_writef(w, "%.3f [%.3f,%.3f]", c->p_by, c->p_by_low,
                        c->p_by_high);
    else
        parley_i_writef(w, "%.3f [%.3f,%.3f]", c->mean, c->low, c->high);
}

/* ---- text sections -------------------------------------------------------- */

static void write_header(parley_writer *w, const parley_scenario *s,
                         const parley_report *r)
{
    size_t a, at_table = 0;
    char start[16];

    for (a = 0; a < s->n_actors; a++)
        at_table += s->actors[a].role != PARLEY_ROLE_THIRD_PARTY;
    parley_i_writef(w, "Case study: %s%s%s\n", s->id ? s->id : "",
                    s->name ? " -- " : "", s->name ? s->name : "");
    parley_i_writef(w, "%zu actors (%zu at the table), %zu issues, %zu "
                       "proposals, %zu sources",
                    s->n_actors, at_table, s->n_issues, s->n_proposals,
                    s->n_sources);
    if (s->date)
        parley_i_writef(w, "; as of %s", s->date);
    parley_i_writef(w, "\n");
    if (r->simulation) {
        const parley_simulation *sim = r->simulation;

        month_name(r, 0, start, sizeof start);
        parley_i_writef(w,
                        "Monte Carlo: %zu draws (seed %llu) over %d months "
                        "from %s, %zu uncertain input%s; intervals are %.0f%% "
                        "(quantiles of the draws; Wilson for probabilities)\n",
                        sim->draws, (unsigned long long)sim->seed, sim->months,
                        start, sim->n_inputs, sim->n_inputs == 1 ? "" : "s",
                        100 * sim->coverage);
    } else if (r->deterministic) {
        parley_i_writef(w, "Monte Carlo: not needed (no uncertain input, "
                           "noise or chance shock: every draw is the "
                           "central path)\n");
    } else {
        parley_i_writef(w, "Monte Carlo: not run\n");
    }
}

static void write_summary(parley_writer *w, const parley_scenario *s,
                          const parley_report *r)
{
    char when[16];
    const parley_sim_output *deal = sim_output(r->simulation, "deal");
    size_t i;

    parley_i_writef(w, "\nSummary\n");
    if (r->ripeness) {
        const parley_ripeness *rp = r->ripeness;

        if (rp->first_open >= 0) {
            month_name(r, rp->first_open, when, sizeof when);
            parley_i_writef(w,
                            "  - Zone of possible agreement: open from %s on "
                            "the central path (largest smallest margin "
                            "%+.4f then)%s.\n",
                            when, rp->month[rp->first_open].best_min_margin,
                            rp->first_open == 0 ? ", i.e. already now" : "");
        } else {
            parley_i_writef(w, "  - Zone of possible agreement: shut over the "
                               "whole horizon on the central path.\n");
        }
    }
    if (r->evaluate) {
        size_t ok = 0;
        const parley_proposal_eval *lead =
            proposal_eval(r, r->leading_proposal);

        for (i = 0; i < r->evaluate->n_evaluations; i++)
            ok += r->evaluate->evaluations[i].acceptable != 0;
        parley_i_writef(w,
                        "  - Named proposals: %zu of %zu acceptable to every "
                        "party as written",
                        ok, r->evaluate->n_evaluations);
        if (lead) {
            parley_i_writef(w, "; closest: %s (smallest margin %+.4f",
                            s->proposals[lead->proposal].id, lead->min_margin);
            if (lead->acceptable)
                parley_i_writef(w, ", acceptable as written");
            else if (lead->repair.found)
                parley_i_writef(w, ", acceptable after %zu changes",
                                lead->repair.n_changes);
            parley_i_writef(w, ")");
        }
        parley_i_writef(w, ".\n");
    }
    if (deal) {
        int t, last = r->simulation->months;
        int mid = last / 2;

        if (mid < last) {
            month_name(r, mid, when, sizeof when);
            parley_i_writef(w, "  - P(signed deal by %s) = ", when);
            write_probability(w, &deal->cells[mid], 1);
            parley_i_writef(w, "; ");
        } else {
            parley_i_writef(w, "  - ");
        }
        month_name(r, last, when, sizeof when);
        parley_i_writef(w, "P(signed deal by %s) = ", when);
        write_probability(w, &deal->cells[last], 1);
        if (r->ripeness && r->ripeness->deadline >= 0 &&
            r->ripeness->deadline <= last) {
            month_name(r, r->ripeness->deadline, when, sizeof when);
            parley_i_writef(w, " (talks' deadline %s)", when);
        }
        for (t = 0; t <= last && !(deal->cells[t].p_by > 0); t++)
            ;
        if (t <= last) {
            month_name(r, t, when, sizeof when);
            parley_i_writef(w, "; the first deals come in %s", when);
        }
        parley_i_writef(w, ".\n");
    }
    if (r->outcome_probability) {
        size_t best = NONE, second = NONE, o;

        for (o = 0; o < r->n_outcomes; o++) {
            if (best == NONE ||
                r->outcome_probability[o] > r->outcome_probability[best]) {
                second = best;
                best = o;
            } else if (second == NONE || r->outcome_probability[o] >
                                             r->outcome_probability[second]) {
                second = o;
            }
        }
        month_name(r, r->outcome_month, when, sizeof when);
        parley_i_writef(w, "  - Most likely state at %s: %s%s%s (%.3f)", when,
                        outcome_id(s, best),
                        s->outcome_types[best].name ? " " : "",
                        s->outcome_types[best].name
                            ? s->outcome_types[best].name
                            : "",
                        r->outcome_probability[best]);
        if (second != NONE && r->outcome_probability[second] > 0)
            parley_i_writef(w, ", then %s (%.3f)", outcome_id(s, second),
                            r->outcome_probability[second]);
        parley_i_writef(w, ".\n");
    }
    {
        const parley_proposal_impact *pi =
            proposal_impact(r, r->leading_proposal);

        if ((pi && pi->durability) || r->nash_durability) {
            parley_i_writef(w, "  - Durability (0-100):");
            if (pi && pi->durability)
                parley_i_writef(w, " %s if signed (%s) D = %.1f%s",
                                s->proposals[pi->proposal].id,
                                outcome_id(s, pi->durability->outcome),
                                pi->durability->score,
                                r->nash_durability ? ";" : "");
            if (r->nash_durability)
                parley_i_writef(w, " the Nash bargaining package (%s) D = "
                                   "%.1f",
                                outcome_id(s, r->nash_durability->outcome),
                                r->nash_durability->score);
            parley_i_writef(w, ".\n");
        }
    }
    if (r->expected) {
        month_name(r, r->outcome_month, when, sizeof when);
        parley_i_writef(w,
                        "  - %s: expected welfare %+.3f under the simulated "
                        "outcome distribution at %s",
                        s->impacts[r->impact].name ? s->impacts[r->impact].name
                                                   : s->impacts[r->impact].id,
                        r->expected->welfare, when);
        if (r->expected->coverage < 1)
            parley_i_writef(w, " (the scored outcome types cover %.3f of it)",
                            r->expected->coverage);
        parley_i_writef(w, ".\n");
    }
}

static void write_outlook(parley_writer *w, const parley_scenario *s,
                          const parley_report *r)
{
    const parley_forecast *f = r->forecast;
    size_t i, m, head;
    char when[16], id[256];

    if (!f || f->n_issues == 0)
        return;
    head = headline_model(&f->issues[0]);
    month_name(r, last_month(r), when, sizeof when);
    parley_i_writef(w, "\n1. Outlook: forecast per issue (each model now");
    if (r->simulation && head != NONE)
        parley_i_writef(w, "; %s at %s over the draws, mean [interval]",
                        f->issues[0].models[head].model, when);
    parley_i_writef(w, ")\n  %-10s", "issue");
    for (m = 0; m < f->issues[0].n_models; m++)
        parley_i_writef(w, " %10s", f->issues[0].models[m].model);
    if (r->simulation && head != NONE)
        parley_i_writef(w, "  %-20s", when);
    if (head != NONE)
        parley_i_writef(w, "  nearest label (%s now)",
                        f->issues[0].models[head].model);
    parley_i_writef(w, "\n");
    for (i = 0; i < f->n_issues; i++) {
        const parley_issue_forecast *is = &f->issues[i];
        const parley_issue *issue = &s->issues[is->issue];
        const char *label = NULL;

        parley_i_writef(w, "  ");
        parley_i_write_padded(w, issue->id, 10);
        for (m = 0; m < is->n_models; m++) {
            parley_i_writef(w, " ");
            write_number(w, 10, 2, is->models[m].forecast);
        }
        if (r->simulation && head != NONE) {
            const parley_sim_output *o;
            char cell[64];

            snprintf(id, sizeof id, "forecast:%s:%s", issue->id,
                     is->models[head].model);
            o = sim_output(r->simulation, id);
            if (o && o->cells[r->simulation->months].n) {
                const parley_sim_cell *c = &o->cells[r->simulation->months];

                snprintf(cell, sizeof cell, "%.1f [%.1f,%.1f]", c->mean,
                         c->low, c->high);
            } else {
                snprintf(cell, sizeof cell, "-");
            }
            parley_i_writef(w, "  %-20s", cell);
        }
        if (head != NONE && !isnan(is->models[head].forecast))
            label = parley_issue_nearest_label(s, is->issue,
                                               is->models[head].forecast);
        if (label) {
            parley_i_writef(w, "  ");
            parley_i_write_clipped(w, label, 44);
        }
        parley_i_writef(w, "\n");
    }
}

/* "RU:RL1 UA:RL5" (red lines and hard ratification constraints) and
 * "RU,UA" (parties below their reservation value). */
static void veto_lists(const parley_scenario *s, const parley_proposal_eval *pe,
                       char *hard, size_t hard_cap, char *below,
                       size_t below_cap)
{
    size_t v, h = 0, b = 0;

    hard[0] = below[0] = '\0';
    for (v = 0; v < pe->n_vetoes; v++) {
        const parley_veto *ve = &pe->vetoes[v];
        const char *actor = s->actors[ve->actor].id;

        if (ve->kind == PARLEY_VETO_RESERVATION) {
            if (b < below_cap)
                b += (size_t)snprintf(below + b, below_cap - b, "%s%s",
                                      b ? "," : "", actor);
        } else if (h < hard_cap) {
            h += (size_t)snprintf(hard + h, hard_cap - h, "%s%s:%s",
                                  h ? " " : "", actor, ve->id ? ve->id : "?");
        }
    }
    if (!h)
        snprintf(hard, hard_cap, "-");
    if (!b)
        snprintf(below, below_cap, "-");
}

static void write_proposals(parley_writer *w, const parley_scenario *s,
                            const parley_report *r)
{
    size_t i;
    char hard[256], below[256];

    if (!r->evaluate)
        return;
    parley_i_writef(w, "\n2. Named proposals (open issues at their status "
                       "quo; margin = utility - reservation, the smallest "
                       "over the parties)\n");
    parley_i_writef(w, "  %-6s %-30s %-16s %-14s %8s %7s %-9s %6s %8s\n", "id",
                    "proposal", "red lines", "below r", "margin", "repair",
                    "signed as", "D", "welfare");
    for (i = 0; i < r->evaluate->n_evaluations; i++) {
        const parley_proposal_eval *pe = &r->evaluate->evaluations[i];
        const parley_proposal_impact *pi = proposal_impact(r, pe->proposal);
        const parley_proposal *p = &s->proposals[pe->proposal];

        veto_lists(s, pe, hard, sizeof hard, below, sizeof below);
        parley_i_writef(w, "  ");
        parley_i_write_padded(w, p->id, 6);
        parley_i_writef(w, " ");
        parley_i_write_padded(w, p->name ? p->name : "", 30);
        parley_i_writef(w, " ");
        parley_i_write_padded(w, hard, 16);
        parley_i_writef(w, " ");
        parley_i_write_padded(w, below, 14);
        parley_i_writef(w, " %+8.4f", pe->min_margin);
        if (pe->acceptable)
            parley_i_writef(w, " %7s", "-");
        else if (pe->repair.found)
            parley_i_writef(w, " %7zu", pe->repair.n_changes);
        else
            parley_i_writef(w, " %7s", "none");
        parley_i_writef(w, " %-9s",
                        pi && pi->classified ? outcome_id(s, pi->outcome)
                                             : "-");
        write_number(w, 7, 1, pi && pi->durability ? pi->durability->score
                                                   : NAN);
        write_number(w, 9, 3,
                     pi && pi->scorecard && pi->scorecard->n_scored
                         ? pi->scorecard->welfare
                         : NAN);
        parley_i_writef(w, "\n");
    }
    parley_i_writef(w, "  repair: the fewest issues to change for a package "
                       "every party accepts");
    if (r->evaluate->best_min_margin < 0)
        parley_i_writef(w, " (none exists: the largest smallest margin over "
                           "all feasible packages is %+.4f)",
                        r->evaluate->best_min_margin);
    parley_i_writef(w, "; D: durability if signed as that type; welfare: ");
    if (r->impact != NONE)
        parley_i_writef(w, "%s's", s->impacts[r->impact].id);
    else
        parley_i_writef(w, "none (no impact model)");
    parley_i_writef(w, "\n");
    if (r->leading_proposal != NONE) {
        const parley_proposal *p = &s->proposals[r->leading_proposal];

        parley_i_writef(w, "  leading proposal: %s", p->id);
        if (p->name)
            parley_i_writef(w, " (%s)", p->name);
        parley_i_writef(w, ", the closest to being acceptable to every "
                           "party\n");
    }
}

static void write_package(parley_writer *w, const parley_scenario *s,
                          const size_t *options)
{
    size_t k, col = 4;

    parley_i_writef(w, "    ");
    for (k = 0; k < s->n_issues; k++) {
        char pair[128];
        size_t len;

        snprintf(pair, sizeof pair, "%s=%s", s->issues[k].id,
                 parley_i_option_id(s, k, options[k]));
        len = strlen(pair);
        if (col > 4 && col + 1 + len > 78) {
            parley_i_writef(w, "\n    ");
            col = 4;
        }
        parley_i_writef(w, "%s%s", col > 4 ? " " : "", pair);
        col += (col > 4) + len;
    }
    parley_i_writef(w, "\n");
}

static void write_zone(parley_writer *w, const parley_scenario *s,
                       const parley_report *r)
{
    const parley_ripeness *rp = r->ripeness;
    const parley_bargain *b = r->bargain;
    const parley_sim_output *zopa = sim_output(r->simulation, "zopa");
    size_t p;
    int t;
    char when[16];

    if (!rp)
        return;
    parley_i_writef(w, "\n3. Zone of possible agreement among");
    for (p = 0; p < rp->n_parties; p++)
        if (rp->in_zopa[p])
            parley_i_writef(w, " %s", s->actors[rp->actors[p]].id);
    parley_i_writef(w, "\n");
    if (b) {
        parley_i_writef(w, "  now: ");
        if (b->zopa.empty == 1) {
            parley_i_writef(w, "empty; ");
        } else {
            if (!b->zopa.count_exact)
                parley_i_writef(w, "about ");
            parley_i_write_count(w, b->zopa.count);
            parley_i_writef(w, " of ");
            parley_i_write_count(w, b->n_feasible);
            parley_i_writef(w, " feasible packages give every party at least "
                               "its reservation value; ");
        }
        parley_i_writef(w, "largest smallest margin %+.4f\n",
                        b->zopa.best_min_gain);
    }
    parley_i_writef(w, "  central path (inputs at their modes, no noise):");
    if (rp->first_open >= 0) {
        month_name(r, rp->first_open, when, sizeof when);
        parley_i_writef(w, " open from %s\n", when);
    } else {
        parley_i_writef(w, " shut every month\n");
    }
    parley_i_writef(w, "  %-8s %-5s %8s  %-10s %-24s", "month", "zone",
                    "max-min", "bottleneck", "blocking sets");
    if (zopa)
        parley_i_writef(w, "  P(open by month) [interval]");
    parley_i_writef(w, "\n");
    for (t = 0; t <= rp->months; t++) {
        const parley_ripeness_month *m = &rp->month[t];
        char sets[256];
        size_t used = 0, i;

        if (!shown_month(r, t, rp->first_open))
            continue;
        sets[0] = '\0';
        if (m->open == 1) {
            snprintf(sets, sizeof sets, "-");
        } else if (m->blocking_known) {
            for (i = 0; i < m->n_blocking && used < sizeof sets; i++) {
                size_t j;

                used += (size_t)snprintf(sets + used, sizeof sets - used,
                                         "%s{", i ? " " : "");
                for (j = m->blocking_start[i];
                     j < m->blocking_start[i + 1] && used < sizeof sets; j++)
                    used += (size_t)snprintf(
                        sets + used, sizeof sets - used, "%s%s",
                        j > m->blocking_start[i] ? "," : "",
                        s->actors[rp->actors[m->blocking[j]]].id);
                if (used < sizeof sets)
                    used += (size_t)snprintf(sets + used, sizeof sets - used,
                                             "}");
            }
        } else {
            snprintf(sets, sizeof sets, "?");
        }
        month_name(r, t, when, sizeof when);
        parley_i_writef(w, "  %-8s %-5s %+8.4f  ", when,
                        m->open == 1   ? "open"
                        : m->open == 0 ? "shut"
                                       : "?",
                        m->best_min_margin);
        parley_i_write_padded(w,
                              m->bottleneck < rp->n_parties
                                  ? s->actors[rp->actors[m->bottleneck]].id
                                  : "-",
                              10);
        parley_i_writef(w, " ");
        parley_i_write_padded(w, sets, 24);
        if (zopa && t <= r->simulation->months) {
            parley_i_writef(w, "  ");
            write_probability(w, &zopa->cells[t], 1);
        }
        parley_i_writef(w, "\n");
    }
    if (b && b->solutions[PARLEY_SOLUTION_NASH].found &&
        b->solutions[PARLEY_SOLUTION_NASH].n_listed) {
        const parley_solution *nash = &b->solutions[PARLEY_SOLUTION_NASH];

        parley_i_writef(w, "  Nash bargaining package now (utilities");
        for (p = 0; p < b->n_parties; p++)
            parley_i_writef(w, " %s %.3f", s->actors[b->parties[p].actor].id,
                            nash->utility[p]);
        parley_i_writef(w, ")");
        if (r->nash_classified)
            parley_i_writef(w, ", %s if signed",
                            outcome_id(s, r->nash_class.outcome_if_signed));
        parley_i_writef(w, ":\n");
        write_package(w, s, nash->options);
    }
}

/* The protocol the simulation ran: its kind, signatories and tactics,
 * and the deadline. */
static void write_protocol(parley_writer *w, const parley_scenario *s,
                           const parley_report *r)
{
    const parley_ripeness *rp = r->ripeness;
    size_t p, shown = 0;
    char when[16];

    if (!rp)
        return;
    parley_i_writef(w, "  protocol: %s", parley_protocol_name(rp->protocol));
    if (rp->deadline >= 0) {
        month_name(r, rp->deadline, when, sizeof when);
        parley_i_writef(w, ", deadline %s", when);
    }
    parley_i_writef(w, "; signatories and tactics:");
    for (p = 0; p < rp->n_parties; p++) {
        if (!rp->signatory[p])
            continue;
        parley_i_writef(w, "%s %s %s", shown++ ? "," : "",
                        s->actors[rp->actors[p]].id,
                        parley_tactic_name((parley_tactic_kind)rp->tactic[p]));
        if (rp->tactic[p] == PARLEY_TACTIC_BOULWARE ||
            rp->tactic[p] == PARLEY_TACTIC_CONCEDER)
            parley_i_writef(w, " e=%g", rp->exponent[p]);
    }
    parley_i_writef(w, "\n");
}

static void write_outcomes(parley_writer *w, const parley_scenario *s,
                           const parley_report *r)
{
    const parley_simulation *sim = r->simulation;
    const parley_sim_output *deal = sim_output(sim, "deal");
    const parley_sim_output **types;
    size_t o, k, n_terms = 0;
    int t;
    char when[16], id[256];
    const parley_ctx *ctx = r->ctx_;

    if (!deal)
        return;
    parley_i_writef(w, "\n4. Outcomes over time (simulated negotiation; "
                       "P(deal by month), then P(the run is in each outcome "
                       "type at that month))\n");
    write_protocol(w, s, r);
    types = parley_i_alloc_array(ctx, s->n_outcome_types + 1, sizeof *types);
    if (!types) {
        w->status = PARLEY_ENOMEM;
        return;
    }
    parley_i_writef(w, "  %-8s %-20s", "month", "P(deal by m)");
    for (o = 0; o < s->n_outcome_types; o++) {
        snprintf(id, sizeof id, "outcome:%s", s->outcome_types[o].id);
        types[o] = sim_output(sim, id);
        if (types[o]) {
            parley_i_writef(w, " ");
            parley_i_write_padded(w, s->outcome_types[o].id, 6);
        }
    }
    parley_i_writef(w, "\n");
    for (t = 0; t <= sim->months; t++) {
        if (!shown_month(r, t, -1) &&
            !(t > 0 && deal->cells[t].p_by != deal->cells[t - 1].p_by &&
              deal->cells[t - 1].p_by == 0))
            continue;
        month_name(r, t, when, sizeof when);
        parley_i_writef(w, "  %-8s ", when);
        {
            char cell[64];

            snprintf(cell, sizeof cell, "%.3f [%.3f,%.3f]",
                     deal->cells[t].p_by, deal->cells[t].p_by_low,
                     deal->cells[t].p_by_high);
            parley_i_writef(w, "%-20s", cell);
        }
        for (o = 0; o < s->n_outcome_types; o++)
            if (types[o])
                parley_i_writef(w, " %6.3f", types[o]->cells[t].mean);
        parley_i_writef(w, "\n");
    }
    for (o = 0; o < s->n_outcome_types; o++)
        if (types[o] && s->outcome_types[o].name)
            parley_i_writef(w, "  %s %s\n", s->outcome_types[o].id,
                            s->outcome_types[o].name);
    parley_i_free(ctx, types, (s->n_outcome_types + 1) * sizeof *types);
    for (k = 0; k < s->n_issues && !n_terms; k++) {
        const parley_sim_output *terms;

        snprintf(id, sizeof id, "terms:%s", s->issues[k].id);
        terms = sim_output(sim, id);
        if (terms)
            n_terms = terms->cells[sim->months].n;
    }
    if (!n_terms)
        return;
    month_name(r, sim->months, when, sizeof when);
    parley_i_writef(w,
                    "  expected terms of a signed deal (the %zu draws with a "
                    "deal by %s): mean [interval], nearest label\n",
                    n_terms, when);
    for (k = 0; k < s->n_issues; k++) {
        const parley_sim_output *terms;
        const parley_sim_cell *c;
        const char *label;
        char cell[64];

        snprintf(id, sizeof id, "terms:%s", s->issues[k].id);
        terms = sim_output(sim, id);
        if (!terms || !terms->cells[sim->months].n)
            continue;
        c = &terms->cells[sim->months];
        snprintf(cell, sizeof cell, "%.1f [%.1f,%.1f]", c->mean, c->low,
                 c->high);
        parley_i_writef(w, "    ");
        parley_i_write_padded(w, s->issues[k].id, 10);
        parley_i_writef(w, " %-20s ", cell);
        label = parley_issue_nearest_label(s, k, c->mean);
        parley_i_write_clipped(w, label ? label : "", 44);
        parley_i_writef(w, "\n");
    }
}

static void write_durability(parley_writer *w, const parley_scenario *s,
                             const parley_report *r)
{
    const parley_proposal_impact *pi = proposal_impact(r, r->leading_proposal);
    const parley_durability *a = pi ? pi->durability : NULL;
    const parley_durability *b = r->nash_durability;
    const parley_durability *any = a ? a : b;
    size_t f, v;

    if (!any)
        return;
    parley_i_writef(w, "\n5. Durability of the leading package (0-100; "
                       "base plus the factors that hold)\n");
    parley_i_writef(w, "  %-46s", "factor");
    if (a)
        parley_i_writef(w, " %10s", s->proposals[pi->proposal].id);
    if (b)
        parley_i_writef(w, " %10s", "Nash");
    parley_i_writef(w, "\n  %-46s", "base");
    if (a)
        parley_i_writef(w, " %+10.2f", a->base);
    if (b)
        parley_i_writef(w, " %+10.2f", b->base);
    parley_i_writef(w, "\n");
    for (f = 0; f < any->n_factors; f++) {
        char name[160];

        snprintf(name, sizeof name, "%s %s", any->factors[f].id,
                 any->factors[f].name ? any->factors[f].name : "");
        parley_i_writef(w, "  ");
        parley_i_write_padded(w, name, 46);
        if (a)
            parley_i_writef(w, " %+10.2f", a->factors[f].points);
        if (b)
            parley_i_writef(w, " %+10.2f", b->factors[f].points);
        parley_i_writef(w, "\n");
    }
    for (v = 0; v < any->n_verdicts; v++) {
        if (v == 0 || any->verdicts[v].veto != any->verdicts[v - 1].veto) {
            size_t u;
            char name[160];

            snprintf(name, sizeof name, "veto %s (its holders reject)",
                     any->verdicts[v].veto_id);
            parley_i_writef(w, "  ");
            parley_i_write_padded(w, name, 46);
            if (a) {
                double pts = 0;

                for (u = 0; u < a->n_verdicts; u++)
                    if (a->verdicts[u].veto == any->verdicts[v].veto)
                        pts += a->verdicts[u].points;
                parley_i_writef(w, " %+10.2f", pts);
            }
            if (b) {
                double pts = 0;

                for (u = 0; u < b->n_verdicts; u++)
                    if (b->verdicts[u].veto == any->verdicts[v].veto)
                        pts += b->verdicts[u].points;
                parley_i_writef(w, " %+10.2f", pts);
            }
            parley_i_writef(w, "\n");
        }
    }
    parley_i_writef(w, "  %-46s", "D");
    if (a)
        parley_i_writef(w, " %10.2f", a->score);
    if (b)
        parley_i_writef(w, " %10.2f", b->score);
    parley_i_writef(w, "\n  %-46s", "under outcome type");
    if (a)
        parley_i_writef(w, " %10s", outcome_id(s, a->outcome));
    if (b)
        parley_i_writef(w, " %10s", outcome_id(s, b->outcome));
    parley_i_writef(w, "\n");
}

static void write_impact(parley_writer *w, const parley_scenario *s,
                         const parley_report *r)
{
    const parley_impact_report *ir = r->impacts;
    const parley_proposal_impact *pi = proposal_impact(r, r->leading_proposal);
    const parley_scorecard *lead = pi ? pi->scorecard : NULL;
    const parley_scorecard *any = NULL;
    const parley_impact *im;
    size_t o, d;
    char when[16];

    if (r->impact == NONE || !ir)
        return;
    im = &s->impacts[r->impact];
    parley_i_writef(w, "\n6. Third-party impact: %s%s%s, %zu dimensions "
                       "(scores -2..+2, welfare = sum of weight x score)\n",
                    im->id, im->name ? " -- " : "", im->name ? im->name : "",
                    im->n_dims);
    if (ir->n_outcome_cards) {
        parley_i_writef(w, "  welfare by outcome type:");
        for (o = 0; o < ir->n_outcome_cards; o++)
            if (ir->outcome_cards[o]->n_scored)
                parley_i_writef(w, " %s %+.3f",
                                outcome_id(s, ir->outcome_cards[o]->outcome),
                                ir->outcome_cards[o]->welfare);
        parley_i_writef(w, "\n");
    }
    if (r->expected) {
        month_name(r, r->outcome_month, when, sizeof when);
        parley_i_writef(w, "  expected under the simulated distribution at "
                           "%s (",
                        when);
        for (o = 0, d = 0; o < r->n_outcomes; o++)
            if (r->outcome_probability[o] > 0)
                parley_i_writef(w, "%s%s %.3f", d++ ? ", " : "",
                                outcome_id(s, o), r->outcome_probability[o]);
        parley_i_writef(w, "): welfare %+.3f", r->expected->welfare);
        for (d = 0; d < r->expected->n_groups; d++)
            parley_i_writef(w, ", %s %+.3f", r->expected->groups[d].group,
                            r->expected->groups[d].welfare);
        parley_i_writef(w, "\n");
        any = r->expected;
    }
    if (lead)
        any = any ? any : lead;
    if (r->nash_card)
        any = any ? any : r->nash_card;
    if (!any)
        return;
    parley_i_writef(w, "  %-8s %-34s %6s", "dim", "name", "weight");
    if (r->expected)
        parley_i_writef(w, " %9s", "expected");
    if (lead)
        parley_i_writef(w, " %9s", s->proposals[pi->proposal].id);
    if (r->nash_card)
        parley_i_writef(w, " %9s", "Nash");
    parley_i_writef(w, "\n");
    for (d = 0; d < any->n_dims; d++) {
        parley_i_writef(w, "  ");
        parley_i_write_padded(w, any->dims[d].id, 8);
        parley_i_writef(w, " ");
        parley_i_write_padded(w, any->dims[d].name ? any->dims[d].name : "",
                              34);
        parley_i_writef(w, " %6.3g", any->dims[d].weight);
        if (r->expected)
            write_number(w, 10, 3, r->expected->dims[d].score);
        if (lead)
            write_number(w, 10, 3, lead->dims[d].score);
        if (r->nash_card)
            write_number(w, 10, 3, r->nash_card->dims[d].score);
        parley_i_writef(w, "\n");
    }
    parley_i_writef(w, "  %-8s %-34s %6s", "welfare", "", "");
    if (r->expected)
        write_number(w, 10, 3, r->expected->welfare);
    if (lead)
        write_number(w, 10, 3, lead->welfare);
    if (r->nash_card)
        write_number(w, 10, 3, r->nash_card->welfare);
    parley_i_writef(w, "\n");
}

static void write_sources(parley_writer *w, const parley_scenario *s)
{
    size_t i, n = s->n_actors * s->n_issues, count[5] = {0, 0, 0, 0, 0};

    for (i = 0; i < n; i++) {
        const parley_stance *st = &s->stances[i];

        if (!st->present)
            continue;
        count[st->position.flag]++;
        count[st->salience.flag]++;
        if (st->range_low.present)
            count[st->range_low.flag]++;
        if (st->range_high.present)
            count[st->range_high.flag]++;
    }
    parley_i_writef(w, "\nSources and data\n");
    parley_i_writef(w,
                    "  stance values: %zu stated in a source (S), %zu derived "
                    "(D), %zu analyst estimates (E), %zu outside the sources "
                    "(X), %zu unflagged\n",
                    count[PARLEY_FLAG_STATED], count[PARLEY_FLAG_DERIVED],
                    count[PARLEY_FLAG_ESTIMATE], count[PARLEY_FLAG_OUTSIDE],
                    count[PARLEY_FLAG_NONE]);
    for (i = 0; i < s->n_sources; i++) {
        const parley_source *src = &s->sources[i];

        parley_i_writef(w, "  ");
        parley_i_write_padded(w, src->id, 6);
        parley_i_writef(w, " ");
        parley_i_write_clipped(w, src->title ? src->title : "", 70);
        parley_i_writef(w, "\n");
    }
}

parley_status parley_report_write_text(parley_ctx *ctx,
                                       const parley_scenario *s,
                                       const parley_report *r,
                                       const parley_report_options *options,
                                       parley_sink sink)
{
    parley_writer w;

    (void)options;
    if (!ctx)
        return PARLEY_EINVAL;
    if (!s || !r || !sink.write)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "report: no scenario, result or sink, expected "
                              "all three");
    parley_i_writer_init(&w, ctx, sink);
    write_header(&w, s, r);
    write_summary(&w, s, r);
    write_outlook(&w, s, r);
    write_proposals(&w, s, r);
    write_zone(&w, s, r);
    write_outcomes(&w, s, r);
    write_durability(&w, s, r);
    write_impact(&w, s, r);
    write_sources(&w, s);
    if (w.status == PARLEY_ENOMEM)
        return parley_i_nomem(ctx);
    return w.status;
}

/* ---- JSON ------------------------------------------------------------------ */

/* A sink that appends to the report's writer: the other runs' JSON
 * documents are embedded as they are. */
static int forward(void *user, const char *bytes, size_t len)
{
    parley_writer *w = user;

    parley_i_write(w, bytes, len);
    return w->status != PARLEY_OK;
}

/* key: the document another writer produces. */
static parley_status embed_begin(parley_json *j, const char *key)
{
    parley_i_json_key(j, key);
    return j->w->status;
}

static void embed_end(parley_json *j) { j->need_comma[j->depth] = 1; }

static void json_month(parley_json *j, const parley_report *r, int t)
{
    char when[16];

    month_name(r, t, when, sizeof when);
    parley_i_json_string(j, when);
}

static void json_summary(parley_json *j, const parley_scenario *s,
                         const parley_report *r)
{
    const parley_sim_output *deal = sim_output(r->simulation, "deal");
    const parley_proposal_impact *pi = proposal_impact(r, r->leading_proposal);
    size_t o;
    int t;

    parley_i_json_key(j, "summary");
    parley_i_json_object(j);
    parley_i_json_key(j, "zone_first_open");
    if (r->ripeness && r->ripeness->first_open >= 0)
        json_month(j, r, r->ripeness->first_open);
    else
        parley_i_json_null(j);
    parley_i_json_key(j, "leading_proposal");
    if (r->leading_proposal != NONE)
        parley_i_json_string(j, s->proposals[r->leading_proposal].id);
    else
        parley_i_json_null(j);
    parley_i_json_key(j, "leading_durability");
    if (pi && pi->durability)
        parley_i_json_durability(j, s, pi->durability);
    else
        parley_i_json_null(j);
    parley_i_json_key(j, "nash_durability");
    if (r->nash_durability)
        parley_i_json_durability(j, s, r->nash_durability);
    else
        parley_i_json_null(j);
    parley_i_json_key(j, "nash_scorecard");
    if (r->nash_card)
        parley_i_json_scorecard(j, s, r->nash_card);
    else
        parley_i_json_null(j);
    parley_i_json_key(j, "p_deal_by_month");
    parley_i_json_array(j);
    for (t = 0; deal && t <= r->simulation->months; t++) {
        parley_i_json_object(j);
        parley_i_json_key(j, "month");
        json_month(j, r, t);
        parley_i_json_member_number(j, "p", deal->cells[t].p_by);
        parley_i_json_member_number(j, "low", deal->cells[t].p_by_low);
        parley_i_json_member_number(j, "high", deal->cells[t].p_by_high);
        parley_i_json_end_object(j);
    }
    parley_i_json_end_array(j);
    parley_i_json_key(j, "outcome_distribution");
    if (r->outcome_probability) {
        parley_i_json_object(j);
        parley_i_json_key(j, "month");
        json_month(j, r, r->outcome_month);
        for (o = 0; o < r->n_outcomes; o++)
            parley_i_json_member_number(j, s->outcome_types[o].id,
                                        r->outcome_probability[o]);
        parley_i_json_end_object(j);
    } else {
        parley_i_json_null(j);
    }
    parley_i_json_key(j, "expected_scorecard");
    if (r->expected)
        parley_i_json_scorecard(j, s, r->expected);
    else
        parley_i_json_null(j);
    parley_i_json_end_object(j);
}

parley_status parley_report_write_json(parley_ctx *ctx,
                                       const parley_scenario *s,
                                       const parley_report *r,
                                       const parley_report_options *options,
                                       parley_sink sink)
{
    parley_writer w;
    parley_json j;
    parley_sink inner;
    parley_status st = PARLEY_OK;

    if (!ctx)
        return PARLEY_EINVAL;
    if (!s || !r || !sink.write)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "report: no scenario, result or sink, expected "
                              "all three");
    parley_i_writer_init(&w, ctx, sink);
    inner.write = forward;
    inner.user = &w;
    parley_i_json_init(&j, &w, 1);
    parley_i_json_object(&j);
    parley_i_json_member_string(&j, "command", "report");
    parley_i_json_member_string(&j, "scenario", s->id);
    parley_i_json_member_string(&j, "name", s->name);
    json_summary(&j, s, r);
#define EMBED(key, call)                                                       \
    if (st == PARLEY_OK && w.status == PARLEY_OK) {                            \
        st = embed_begin(&j, key);                                             \
        if (st == PARLEY_OK)                                                   \
            st = call;                                                         \
        embed_end(&j);                                                         \
    }
    if (r->forecast)
        EMBED("forecast", parley_forecast_write_json(ctx, s, r->forecast,
                                                     options ? &options->forecast
                                                             : NULL,
                                                     inner));
    if (r->evaluate)
        EMBED("evaluate",
              parley_evaluate_write_json(ctx, s, r->evaluate, inner));
    if (r->impacts)
        EMBED("impact", parley_impact_write_json(ctx, s, r->impacts,
                                                 &r->impact_options, inner));
    if (r->ripeness)
        EMBED("ripeness",
              parley_ripeness_write_json(ctx, s, r->ripeness, inner));
    if (r->bargain)
        EMBED("bargain", parley_bargain_write_json(ctx, s, r->bargain,
                                                   &r->bargain_options, inner));
    if (r->simulation)
        EMBED("simulation",
              parley_simulation_write_json(ctx, s, r->simulation,
                                           &r->simulate_options, inner));
#undef EMBED
    if (st != PARLEY_OK)
        return st;
    parley_i_json_end_object(&j);
    if (w.status == PARLEY_ENOMEM)
        return parley_i_nomem(ctx);
    return w.status;
}
