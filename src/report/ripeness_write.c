/*
 * ripeness_write.c -- text and JSON writers for parley_ripeness (the zone
 * of possible agreement month by month, and the protocol trace).  They
 * read the result and write to a sink; they compute nothing but formats.
 */
#include "report/common.h"
#include "report/json.h"
#include "report/sink.h"
#include "scenario/scenario.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* "2026-07" for month t after the start, or "m7" without a start. */
static void month_label(const parley_ripeness *r, int t, char *buf, size_t cap)
{
    parley_month_label(r->start_year, r->start_month, t, buf, cap);
}

static const char *party_id(const parley_scenario *s, const parley_ripeness *r,
                            size_t p)
{
    return s->actors[r->actors[p]].id;
}

static const char *option_id(const parley_scenario *s, size_t k, size_t o)
{
    if (o == PARLEY_NO_INDEX || o >= s->issues[k].n_options)
        return "-";
    return s->issues[k].options[o].id ? s->issues[k].options[o].id : "?";
}

static void write_package(parley_writer *w, const parley_scenario *s,
                          const size_t *options, size_t K, const char *indent)
{
    size_t k, col = strlen(indent);

    parley_i_writef(w, "%s", indent);
    for (k = 0; k < K; k++) {
        const char *iid = s->issues[k].id, *oid = option_id(s, k, options[k]);
        size_t len = strlen(iid) + strlen(oid) + 1;

        if (col > strlen(indent) && col + 1 + len > 78) {
            parley_i_writef(w, "\n%s", indent);
            col = strlen(indent);
        } else if (col > strlen(indent)) {
            parley_i_writef(w, " ");
            col++;
        }
        parley_i_writef(w, "%s=%s", iid, oid);
        col += len;
    }
    parley_i_writef(w, "\n");
}

static void write_parties(parley_writer *w, const parley_scenario *s,
                          const parley_ripeness *r, const unsigned char *mask)
{
    size_t p, n = 0;

    for (p = 0; p < r->n_parties; p++)
        if (mask[p])
            parley_i_writef(w, "%s%s", n++ ? ", " : "", party_id(s, r, p));
}

static void write_sets(parley_writer *w, const parley_scenario *s,
                       const parley_ripeness *r, const parley_ripeness_month *m)
{
    size_t i, j;

    if (m->open != 0) {
        parley_i_writef(w, m->open < 0 ? "?" : "-");
        return;
    }
    if (!m->blocking_known) {
        parley_i_writef(w, "not computed");
        return;
    }
    if (m->n_blocking == 0) {
        parley_i_writef(w, "none (no feasible package)");
        return;
    }
    for (i = 0; i < m->n_blocking; i++) {
        parley_i_writef(w, "%s{", i ? " " : "");
        for (j = m->blocking_start[i]; j < m->blocking_start[i + 1]; j++)
            parley_i_writef(w, "%s%s", j > m->blocking_start[i] ? "," : "",
                            party_id(s, r, m->blocking[j]));
        parley_i_writef(w, "}");
    }
}

static const char *outcome_id(const parley_scenario *s, size_t o)
{
    return o < s->n_outcome_types ? s->outcome_types[o].id : "-";
}

static void write_protocol(parley_writer *w, const parley_scenario *s,
                           const parley_ripeness *r)
{
    size_t p, P = r->n_parties;
    int t;
    char label[32];

    month_label(r, r->deadline, label, sizeof label);
    parley_i_writef(w, "\nProtocol: %s; signatories ",
                    r->protocol == PARLEY_PROTOCOL_MEDIATOR
                        ? "single negotiating text (mediator)"
                    : r->protocol == PARLEY_PROTOCOL_ALTERNATING
                        ? "stacked alternating offers"
                        : "none");
    write_parties(w, s, r, r->signatory);
    parley_i_writef(w, "; deadline %s (month %d)\n", label, r->deadline);
    parley_i_writef(w, "tactics: ");
    for (p = 0, t = 0; p < P; p++) {
        if (!r->signatory[p])
            continue;
        parley_i_writef(w, "%s%s %s", t++ ? ", " : "", party_id(s, r, p),
                        parley_tactic_name((parley_tactic_kind)r->tactic[p]));
        if (r->tactic[p] == PARLEY_TACTIC_BOULWARE ||
            r->tactic[p] == PARLEY_TACTIC_CONCEDER)
            parley_i_writef(w, " (e %g)", r->exponent[p]);
    }
    parley_i_writef(w, "\ntargets tau_i(t) = r_i + (1 - F_i(t)) (ideal_i - "
                       "r_i), F_i(t) = (t/T)^(1/e_i)\n\n");
    parley_i_writef(w, "  %-9s %-9s", "month", "proposer");
    for (p = 0; p < P; p++)
        if (r->signatory[p])
            parley_i_writef(w, " %8.8s", party_id(s, r, p));
    parley_i_writef(w, "  %s\n", "offer / text: signatories' margins");
    for (t = 0; t <= r->months; t++) {
        const parley_ripeness_month *m = &r->month[t];

        month_label(r, t, label, sizeof label);
        parley_i_writef(w, "  %-9s %-9.9s", label,
                        m->proposer < P ? party_id(s, r, m->proposer) : "-");
        for (p = 0; p < P; p++)
            if (r->signatory[p])
                parley_i_writef(w, " %8.4f", m->target[p]);
        if (m->proposed) {
            double worst = INFINITY;

            for (p = 0; p < P; p++)
                if (r->signatory[p] &&
                    m->proposal_utility[p] - m->target[p] < worst)
                    worst = m->proposal_utility[p] - m->target[p];
            parley_i_writef(w, "  min %+.4f %s", worst,
                            m->accepted ? "signed" : "rejected");
        } else if (m->end != PARLEY_END_NONE && t > 0 &&
                   r->month[t - 1].end != PARLEY_END_NONE) {
            parley_i_writef(w, "  (ended)");
        } else {
            parley_i_writef(w, "  no acceptable offer");
        }
        if (m->end != PARLEY_END_NONE &&
            (t == 0 || r->month[t - 1].end == PARLEY_END_NONE))
            parley_i_writef(w, "  -> %s", parley_end_state_name(m->end));
        parley_i_writef(w, "\n");
    }
    if (r->end_month < 0) {
        parley_i_writef(w, "\nNo end state by the last month: outcome %s",
                        outcome_id(s, r->outcome));
    } else {
        month_label(r, r->end_month, label, sizeof label);
        parley_i_writef(w, "\nEnd state: %s in %s (month %d): outcome %s",
                        parley_end_state_name(r->end), label, r->end_month,
                        outcome_id(s, r->outcome));
    }
    if (r->outcome < s->n_outcome_types && s->outcome_types[r->outcome].name)
        parley_i_writef(w, " (%s)", s->outcome_types[r->outcome].name);
    parley_i_writef(w, "\n");
    if (r->armistice_issue < s->n_issues)
        parley_i_writef(w,
                        "signed: %s=%s, every other issue left as it "
                        "stands\n",
                        s->issues[r->armistice_issue].id,
                        option_id(s, r->armistice_issue, r->armistice_option));
    if (r->deal) {
        const parley_ripeness_month *m = &r->month[r->end_month];

        parley_i_writef(w, "signed package:\n");
        write_package(w, s, r->deal, r->n_issues, "  ");
        parley_i_writef(w, "utilities:");
        for (p = 0; p < P; p++)
            if (r->signatory[p])
                parley_i_writef(w, " %s %.4f", party_id(s, r, p),
                                m->proposal_utility[p]);
        parley_i_writef(w, "\n");
    }
}

parley_status parley_ripeness_write_text(parley_ctx *ctx,
                                         const parley_scenario *s,
                                         const parley_ripeness *r,
                                         parley_sink sink)
{
    parley_writer w;
    size_t p, P;
    int t, last_shut = -1;
    char label[32], label2[32];

    if (!ctx || !s || !r || !sink.write)
        return PARLEY_EINVAL;
    P = r->n_parties;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_writef(&w, "Ripeness: %s", s->id ? s->id : s->file);
    if (s->name)
        parley_i_writef(&w, " -- %s", s->name);
    month_label(r, 0, label, sizeof label);
    month_label(r, r->months, label2, sizeof label2);
    if (r->replay)
        parley_i_writef(&w,
                        "\npath: Monte Carlo draw %llu of seed %llu (as "
                        "parley simulate draws it)",
                        (unsigned long long)r->draw,
                        (unsigned long long)r->seed);
    else
        parley_i_writef(&w, "\npath: central (inputs at their modes, no "
                            "noise, each shock at probability x delta)");
    parley_i_writef(&w, "; months 0..%d (%s .. %s)\n", r->months, label,
                    label2);
    parley_i_writef(&w, "zone of possible agreement among ");
    write_parties(&w, s, r, r->in_zopa);
    parley_i_writef(&w, ": some package gives each at least its reservation "
                        "value\n");
    for (t = 0; t <= r->months; t++) {
        if (r->month[t].open == 1)
            break;
        last_shut = t;
    }
    if (r->first_open == 0) {
        parley_i_writef(&w, "\nThe zone is open from the first month (%s).\n",
                        label);
    } else if (r->first_open > 0) {
        const parley_ripeness_month *m = &r->month[r->first_open - 1];

        month_label(r, r->first_open, label2, sizeof label2);
        parley_i_writef(&w, "\nThe zone first opens in %s (month %d).", label2,
                        r->first_open);
        month_label(r, r->first_open - 1, label2, sizeof label2);
        parley_i_writef(&w, " Until then it is kept shut by ");
        if (m->blocking_known && m->n_blocking) {
            write_sets(&w, s, r, m);
            parley_i_writef(&w, " (minimal sets whose removal opens it, %s)",
                            label2);
        } else if (m->bottleneck < P) {
            parley_i_writef(&w,
                            "%s (the smallest margin at the max-min "
                            "package, %s)",
                            party_id(s, r, m->bottleneck), label2);
        }
        parley_i_writef(&w, ".\n");
    } else if (!r->exact) {
        parley_i_writef(&w,
                        "\nThe zone is not found open through %s (some "
                        "months are not decided).\n",
                        label2);
    } else {
        const parley_ripeness_month *m = &r->month[r->months];

        parley_i_writef(&w,
                        "\nThe zone stays shut through %s; in the last "
                        "month the blocking sets are ",
                        label2);
        write_sets(&w, s, r, m);
        parley_i_writef(&w, ".\n");
    }
    (void)last_shut;
    if (!r->exact)
        parley_i_writef(&w, "(some search ran out of nodes (--max-nodes): "
                            "months marked '?' are not decided, and their "
                            "max-min is the best found)\n");
    parley_i_writef(&w, "\n  %-9s %-5s %9s  %-10s", "month", "zone", "max-min",
                    "bottleneck");
    for (p = 0; p < P; p++)
        if (r->in_zopa[p])
            parley_i_writef(&w, " %8.8s", party_id(s, r, p));
    parley_i_writef(&w, "  blocking sets\n");
    parley_i_writef(&w, "  %-9s %-5s %9s  %-10s", "", "", "", "");
    for (p = 0; p < P; p++)
        if (r->in_zopa[p])
            parley_i_writef(&w, " %8s", "r_i");
    parley_i_writef(&w, "\n");
    for (t = 0; t <= r->months; t++) {
        const parley_ripeness_month *m = &r->month[t];

        month_label(r, t, label, sizeof label);
        parley_i_writef(&w, "  %-9s %-5s ", label,
                        m->open == 1   ? "open"
                        : m->open == 0 ? "shut"
                                       : "?");
        if (isnan(m->best_min_margin))
            parley_i_writef(&w, "%9s", "-");
        else
            parley_i_writef(&w, "%+9.4f", m->best_min_margin);
        parley_i_writef(&w, "  %-10.10s",
                        m->bottleneck < P ? party_id(s, r, m->bottleneck)
                                          : "-");
        for (p = 0; p < P; p++)
            if (r->in_zopa[p])
                parley_i_writef(&w, " %8.4f", m->reservation[p]);
        parley_i_writef(&w, "  ");
        write_sets(&w, s, r, &r->month[t]);
        parley_i_writef(&w, "\n");
    }
    {
        int show = r->first_open >= 0 ? r->first_open : r->months;
        const parley_ripeness_month *m = &r->month[show];

        if (m->options[0] != PARLEY_NO_INDEX || r->n_issues == 0) {
            month_label(r, show, label, sizeof label);
            parley_i_writef(&w,
                            "\nMax-min package in %s (the lowest of the "
                            "packages attaining the largest smallest "
                            "margin):\n",
                            label);
            write_package(&w, s, m->options, r->n_issues, "  ");
            parley_i_writef(&w, "margins u_i - r_i:");
            for (p = 0; p < P; p++)
                if (r->in_zopa[p])
                    parley_i_writef(&w, " %s %+.4f", party_id(s, r, p),
                                    m->utility[p] - m->reservation[p]);
            parley_i_writef(&w, "\n");
        }
    }
    if (r->trace)
        write_protocol(&w, s, r);
    return w.status;
}

static void json_parties(parley_json *j, const parley_scenario *s,
                         const parley_ripeness *r, const size_t *idx, size_t n)
{
    size_t i;

    parley_i_json_array(j);
    for (i = 0; i < n; i++)
        parley_i_json_string(j, party_id(s, r, idx[i]));
    parley_i_json_end_array(j);
}

static void json_by_party(parley_json *j, const parley_scenario *s,
                          const parley_ripeness *r, const double *v)
{
    size_t p;

    parley_i_json_object(j);
    for (p = 0; p < r->n_parties; p++) {
        parley_i_json_key(j, party_id(s, r, p));
        parley_i_json_number(j, v[p]);
    }
    parley_i_json_end_object(j);
}

static void json_package(parley_json *j, const parley_scenario *s,
                         const size_t *options, size_t K)
{
    size_t k;

    parley_i_json_object(j);
    for (k = 0; k < K; k++) {
        parley_i_json_key(j, s->issues[k].id);
        if (options[k] == PARLEY_NO_INDEX)
            parley_i_json_null(j);
        else
            parley_i_json_string(j, option_id(s, k, options[k]));
    }
    parley_i_json_end_object(j);
}

parley_status parley_ripeness_write_json(parley_ctx *ctx,
                                         const parley_scenario *s,
                                         const parley_ripeness *r,
                                         parley_sink sink)
{
    parley_writer w;
    parley_json j;
    size_t p, i;
    int t;
    char label[32];

    if (!ctx || !s || !r || !sink.write)
        return PARLEY_EINVAL;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_json_init(&j, &w, 1);
    parley_i_json_object(&j);
    parley_i_json_key(&j, "scenario");
    parley_i_json_string(&j, s->id ? s->id : s->file);
    parley_i_json_key(&j, "path");
    parley_i_json_string(&j, r->replay ? "draw" : "central");
    if (r->replay) {
        parley_i_json_key(&j, "draw");
        parley_i_json_size(&j, (size_t)r->draw);
        parley_i_json_key(&j, "seed");
        parley_i_json_size(&j, (size_t)r->seed);
    }
    parley_i_json_key(&j, "months");
    parley_i_json_size(&j, (size_t)r->months);
    parley_i_json_key(&j, "parties");
    parley_i_json_array(&j);
    for (p = 0; p < r->n_parties; p++) {
        parley_i_json_object(&j);
        parley_i_json_key(&j, "id");
        parley_i_json_string(&j, party_id(s, r, p));
        parley_i_json_key(&j, "zopa");
        parley_i_json_bool(&j, r->in_zopa[p]);
        parley_i_json_key(&j, "signatory");
        parley_i_json_bool(&j, r->signatory[p]);
        parley_i_json_key(&j, "tactic");
        parley_i_json_string(
            &j, parley_tactic_name((parley_tactic_kind)r->tactic[p]));
        parley_i_json_key(&j, "exponent");
        parley_i_json_number(&j, r->exponent[p]);
        parley_i_json_end_object(&j);
    }
    parley_i_json_end_array(&j);
    parley_i_json_key(&j, "first_open");
    if (r->first_open < 0) {
        parley_i_json_null(&j);
    } else {
        parley_i_json_object(&j);
        parley_i_json_key(&j, "month");
        parley_i_json_size(&j, (size_t)r->first_open);
        month_label(r, r->first_open, label, sizeof label);
        parley_i_json_key(&j, "label");
        parley_i_json_string(&j, label);
        parley_i_json_end_object(&j);
    }
    parley_i_json_key(&j, "exact");
    parley_i_json_bool(&j, r->exact);
    parley_i_json_key(&j, "by_month");
    parley_i_json_array(&j);
    for (t = 0; t <= r->months; t++) {
        const parley_ripeness_month *m = &r->month[t];

        parley_i_json_object(&j);
        parley_i_json_key(&j, "month");
        parley_i_json_size(&j, (size_t)t);
        month_label(r, t, label, sizeof label);
        parley_i_json_key(&j, "label");
        parley_i_json_string(&j, label);
        parley_i_json_key(&j, "open");
        if (m->open < 0)
            parley_i_json_null(&j);
        else
            parley_i_json_bool(&j, m->open);
        parley_i_json_key(&j, "best_min_margin");
        parley_i_json_number(&j, m->best_min_margin);
        parley_i_json_key(&j, "bottleneck");
        if (m->bottleneck < r->n_parties)
            parley_i_json_string(&j, party_id(s, r, m->bottleneck));
        else
            parley_i_json_null(&j);
        parley_i_json_key(&j, "reservation");
        json_by_party(&j, s, r, m->reservation);
        parley_i_json_key(&j, "ideal");
        json_by_party(&j, s, r, m->ideal);
        parley_i_json_key(&j, "package");
        if (m->options[0] == PARLEY_NO_INDEX && r->n_issues)
            parley_i_json_null(&j);
        else
            json_package(&j, s, m->options, r->n_issues);
        parley_i_json_key(&j, "utility");
        json_by_party(&j, s, r, m->utility);
        parley_i_json_key(&j, "blocking_sets");
        if (m->open != 0 || !m->blocking_known) {
            parley_i_json_null(&j);
        } else {
            parley_i_json_array(&j);
            for (i = 0; i < m->n_blocking; i++)
                json_parties(&j, s, r, m->blocking + m->blocking_start[i],
                             m->blocking_start[i + 1] - m->blocking_start[i]);
            parley_i_json_end_array(&j);
        }
        if (r->trace) {
            parley_i_json_key(&j, "target");
            json_by_party(&j, s, r, m->target);
            parley_i_json_key(&j, "proposer");
            if (m->proposer < r->n_parties)
                parley_i_json_string(&j, party_id(s, r, m->proposer));
            else
                parley_i_json_null(&j);
            parley_i_json_key(&j, "offer");
            if (m->proposed)
                json_package(&j, s, m->proposal, r->n_issues);
            else
                parley_i_json_null(&j);
            parley_i_json_key(&j, "offer_utility");
            if (m->proposed)
                json_by_party(&j, s, r, m->proposal_utility);
            else
                parley_i_json_null(&j);
            parley_i_json_key(&j, "signed");
            parley_i_json_bool(&j, m->accepted);
            parley_i_json_key(&j, "end_state");
            parley_i_json_string(&j, parley_end_state_name(m->end));
            parley_i_json_key(&j, "outcome");
            parley_i_json_string(&j, m->outcome < s->n_outcome_types
                                         ? s->outcome_types[m->outcome].id
                                         : NULL);
        }
        parley_i_json_end_object(&j);
    }
    parley_i_json_end_array(&j);
    if (r->trace) {
        parley_i_json_key(&j, "protocol");
        parley_i_json_object(&j);
        parley_i_json_key(&j, "kind");
        parley_i_json_string(&j, parley_protocol_name(r->protocol));
        parley_i_json_key(&j, "deadline");
        parley_i_json_size(&j, (size_t)r->deadline);
        parley_i_json_key(&j, "end_state");
        parley_i_json_string(&j, parley_end_state_name(r->end));
        parley_i_json_key(&j, "end_month");
        if (r->end_month < 0)
            parley_i_json_null(&j);
        else
            parley_i_json_size(&j, (size_t)r->end_month);
        parley_i_json_key(&j, "outcome");
        parley_i_json_string(&j, r->outcome < s->n_outcome_types
                                     ? s->outcome_types[r->outcome].id
                                     : NULL);
        parley_i_json_key(&j, "package");
        if (r->deal)
            json_package(&j, s, r->deal, r->n_issues);
        else
            parley_i_json_null(&j);
        parley_i_json_key(&j, "armistice");
        if (r->armistice_issue < s->n_issues) {
            parley_i_json_object(&j);
            parley_i_json_key(&j, s->issues[r->armistice_issue].id);
            parley_i_json_string(
                &j, option_id(s, r->armistice_issue, r->armistice_option));
            parley_i_json_end_object(&j);
        } else {
            parley_i_json_null(&j);
        }
        parley_i_json_end_object(&j);
    }
    parley_i_json_end_object(&j);
    return w.status;
}
