/*
 * evaluate_write.c -- text and JSON writers for proposal evaluation and
 * repair (parley_evaluate).  Writers read results and write to a sink;
 * they never compute.
 */
#include "report/common.h"
#include "report/json.h"
#include "report/sink.h"
#include "scenario/scenario.h"

#include <math.h>
#include <string.h>

static const char *actor_id(const parley_scenario *s, size_t a)
{
    return a < s->n_actors && s->actors[a].id ? s->actors[a].id : "?";
}

static const char *party_id(const parley_scenario *s, const parley_evaluate *e,
                            size_t p)
{
    return actor_id(s, e->parties[p].actor);
}

static const char *issue_id(const parley_scenario *s, size_t k)
{
    return k < s->n_issues && s->issues[k].id ? s->issues[k].id : "?";
}

static const char *fill_text(parley_evaluate_fill fill)
{
    return fill == PARLEY_EVALUATE_FILL_OPTIMISE
               ? "optimise: open issues chosen to maximise the smallest "
                 "margin; free in repairs"
               : "status-quo: open issues at their status quo (optimised "
                 "where an issue has none)";
}

static const char *objective_name(parley_evaluate_objective objective)
{
    return objective == PARLEY_EVALUATE_NASH ? "nash" : "maxmin";
}

static const char *veto_kind_name(parley_veto_kind kind)
{
    switch (kind) {
    case PARLEY_VETO_RED_LINE:
        return "red_line";
    case PARLEY_VETO_RATIFICATION:
        return "ratification";
    case PARLEY_VETO_RESERVATION:
        return "reservation";
    }
    return "unknown";
}

/* ---- text ---------------------------------------------------------------- */

/* issue=option pairs of the entries with filled[k] == which, wrapped. */
static size_t write_terms(parley_writer *w, const parley_scenario *s,
                          const parley_proposal_eval *pe, size_t K, int which,
                          const char *indent)
{
    size_t k, n = 0, col = strlen(indent);

    for (k = 0; k < K; k++) {
        const char *iid, *oid;
        size_t len;

        if (pe->filled[k] != which)
            continue;
        iid = issue_id(s, k);
        oid = parley_i_option_id(s, k, pe->options[k]);
        len = strlen(iid) + strlen(oid) + 2;
        if (n == 0)
            parley_i_writef(w, "%s", indent);
        else if (col + len > 78) {
            parley_i_writef(w, "\n%s", indent);
            col = strlen(indent);
        }
        parley_i_writef(w, "%s=%s ", iid, oid);
        col += len;
        n++;
    }
    if (n)
        parley_i_writef(w, "\n");
    return n;
}

/* "RU 0.6234 (+0.0123), UA ..." against the proposal's utilities. */
static void write_after(parley_writer *w, const parley_scenario *s,
                        const parley_evaluate *e, const double *u,
                        const double *before, const char *indent)
{
    size_t p, col = strlen(indent);

    parley_i_writef(w, "%s", indent);
    for (p = 0; p < e->n_parties; p++) {
        const char *id = party_id(s, e, p);
        size_t len = strlen(id) + 20;

        if (p && col + len > 78) {
            parley_i_writef(w, "\n%s", indent);
            col = strlen(indent);
        }
        parley_i_writef(w, "%s %.4f (%+.4f)%s", id, u[p], u[p] - before[p],
                        p + 1 < e->n_parties ? ", " : "");
        col += len;
    }
    parley_i_writef(w, "\n");
}

static void write_changes_text(parley_writer *w, const parley_scenario *s,
                               const parley_eval_package *pk,
                               const parley_proposal_eval *pe, size_t K,
                               const char *indent)
{
    size_t i, k, n_free = 0;

    for (i = 0; i < pk->n_changes; i++) {
        const parley_change *c = &pk->changes[i];

        parley_i_writef(w, "%s%s: %s -> %s\n", indent, issue_id(s, c->issue),
                        parley_i_option_id(s, c->issue, c->from),
                        parley_i_option_id(s, c->issue, c->to));
    }
    for (k = 0; k < K; k++)
        if (pe->filled[k] == 2 && pk->options[k] != pe->options[k]) {
            if (!n_free++)
                parley_i_writef(w, "%sopen issues re-chosen:", indent);
            parley_i_writef(w, " %s=%s", issue_id(s, k),
                            parley_i_option_id(s, k, pk->options[k]));
        }
    if (n_free)
        parley_i_writef(w, "\n");
}

static void write_inexact(parley_writer *w, const parley_eval_package *pk)
{
    if (!pk->exact)
        parley_i_writef(w, "    note: the node budget ran out; the answer "
                           "is the best found (raise --max-nodes)\n");
}

static void write_proposal_text(parley_writer *w, const parley_scenario *s,
                                const parley_evaluate *e,
                                const parley_proposal_eval *pe)
{
    const parley_proposal *pr = &s->proposals[pe->proposal];
    size_t K = e->n_issues, P = e->n_parties, p, i, n_set = 0;

    parley_i_writef(w, "\n%s", pr->id);
    if (pr->name)
        parley_i_writef(w, "  %s", pr->name);
    parley_i_writef(w, "\n");
    for (i = 0; i < K; i++)
        n_set += pe->filled[i] == 0;
    parley_i_writef(w, "  terms (%zu set, %zu open):\n", n_set, pe->n_open);
    write_terms(w, s, pe, K, 0, "    ");
    if (pe->n_open) {
        size_t n_sq = 0, n_free = 0;

        for (i = 0; i < K; i++) {
            n_sq += pe->filled[i] == 1;
            n_free += pe->filled[i] == 2;
        }
        if (n_sq)
            parley_i_writef(w, "  open, at the status quo: %zu issue%s\n",
                            n_sq, n_sq == 1 ? "" : "s");
        if (n_free) {
            parley_i_writef(w, "  open, optimised (max min margin):\n");
            write_terms(w, s, pe, K, 2, "    ");
        }
    }
    parley_i_writef(w, "  %-10s %9s %11s %9s\n", "party", "utility",
                    "reservation", "margin");
    for (p = 0; p < P; p++)
        parley_i_writef(w, "  %-10.10s %9.4f %11.4f %+9.4f%s\n",
                        party_id(s, e, p), pe->utility[p],
                        e->parties[p].reservation, pe->margin[p],
                        pe->margin[p] < 0 ? "  below" : "");
    if (pe->acceptable)
        parley_i_writef(w, "  verdict: ACCEPTABLE to every party (smallest "
                           "margin %+.4f)\n",
                        pe->min_margin);
    else {
        parley_i_writef(w, "  verdict: NOT ACCEPTABLE, %zu veto%s\n",
                        pe->n_vetoes, pe->n_vetoes == 1 ? "" : "es");
        for (i = 0; i < pe->n_vetoes; i++) {
            const parley_veto *v = &pe->vetoes[i];

            if (v->kind == PARLEY_VETO_RESERVATION)
                parley_i_writef(w, "    %s: below its reservation by %.4f\n",
                                actor_id(s, v->actor), -v->margin);
            else
                parley_i_writef(
                    w, "    %s: %s %s excludes %s=%s\n", actor_id(s, v->actor),
                    v->kind == PARLEY_VETO_RED_LINE ? "red line"
                                                    : "hard ratification",
                    v->id ? v->id : "?", issue_id(s, v->issue),
                    parley_i_option_id(s, v->issue, v->option));
        }
    }
    if (pe->n_risks) {
        parley_i_writef(w, "  ratification risks (soft constraints "
                           "failed):\n");
        for (i = 0; i < pe->n_risks; i++) {
            const parley_ratification_risk *rk = &pe->risks[i];

            parley_i_writef(w,
                            "    %s: %s on %s=%s passes with "
                            "probability %.3g\n",
                            actor_id(s, rk->actor), rk->id ? rk->id : "?",
                            issue_id(s, rk->issue),
                            parley_i_option_id(s, rk->issue, rk->option),
                            rk->pass_probability);
        }
        parley_i_writef(w, "    joint pass probability %.3g\n",
                        pe->pass_probability);
    }
    if (isnan(pe->frontier_distance))
        parley_i_writef(w, "  frontier: no feasible package\n");
    else {
        parley_i_writef(w, "  frontier: distance %+.4f (", pe->frontier_distance);
        if (pe->frontier_distance > e->tie_tolerance)
            parley_i_writef(w, "every party can gain that much at once)\n");
        else if (pe->frontier_distance >= -e->tie_tolerance)
            parley_i_writef(w, "no package improves every party)\n");
        else
            parley_i_writef(w, "every feasible package leaves some party "
                               "worse off by that much)\n");
        write_inexact(w, &pe->improvement);
        if (pe->dominated) {
            parley_i_writef(w, "  dominated by a Pareto-optimal package "
                               "(total gain %.4f, %zu change%s):\n",
                            pe->dominating.value, pe->dominating.n_changes,
                            pe->dominating.n_changes == 1 ? "" : "s");
            write_after(w, s, e, pe->dominating.utility, pe->utility,
                        "    ");
            write_changes_text(w, s, &pe->dominating, pe, K, "    ");
        } else
            parley_i_writef(w, "  not Pareto-dominated by any feasible "
                               "package\n");
        write_inexact(w, &pe->dominating);
    }
    if (pe->repair.found && pe->repair.n_changes == 0 && pe->acceptable)
        parley_i_writef(w, "  repair: none needed (acceptable as it "
                           "stands)\n");
    else if (pe->repair.found) {
        parley_i_writef(w, "  repair: %zu change%s, utility moved %.4f, ",
                        pe->repair.n_changes,
                        pe->repair.n_changes == 1 ? "" : "s",
                        pe->repair.moved);
        parley_i_write_count(w, pe->repair.n_ties);
        parley_i_writef(w, " tied package%s\n",
                        pe->repair.n_ties == 1 ? "" : "s");
        write_changes_text(w, s, &pe->repair, pe, K, "    ");
        write_after(w, s, e, pe->repair.utility, pe->utility, "    ");
        if (pe->repair.pass_probability < 1)
            parley_i_writef(w, "    joint ratification pass probability "
                               "%.3g\n",
                            pe->repair.pass_probability);
    } else if (e->zopa_empty)
        parley_i_writef(w, "  repair: none exists (no package is acceptable "
                           "to every party: the largest smallest margin is "
                           "%.4f)\n",
                        e->best_min_margin);
    else
        parley_i_writef(w, "  repair: none found\n");
    write_inexact(w, &pe->repair);
    parley_i_writef(w, "  best within %zu change%s (%s): ", e->max_changes,
                    e->max_changes == 1 ? "" : "s",
                    objective_name(e->objective));
    if (!pe->best.found)
        parley_i_writef(w, "none (%s)\n",
                        e->objective == PARLEY_EVALUATE_NASH
                            ? "no acceptable package within the changes"
                            : "no feasible package within the changes");
    else {
        parley_i_writef(w, "value %.6g, smallest margin %+.4f, %zu "
                           "change%s, ",
                        pe->best.value, pe->best.min_margin,
                        pe->best.n_changes,
                        pe->best.n_changes == 1 ? "" : "s");
        parley_i_write_count(w, pe->best.n_ties);
        parley_i_writef(w, " tied package%s\n",
                        pe->best.n_ties == 1 ? "" : "s");
        write_changes_text(w, s, &pe->best, pe, K, "    ");
        write_after(w, s, e, pe->best.utility, pe->utility, "    ");
    }
    write_inexact(w, &pe->best);
}

parley_status parley_evaluate_write_text(parley_ctx *ctx,
                                         const parley_scenario *s,
                                         const parley_evaluate *e,
                                         parley_sink sink)
{
    parley_writer w;
    size_t p, i;

    if (!ctx || !s || !e || !sink.write)
        return PARLEY_EINVAL;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_writef(&w, "Proposal evaluation: %s", s->id ? s->id : s->file);
    if (s->name)
        parley_i_writef(&w, " -- %s", s->name);
    parley_i_writef(&w, "\n%zu parties (", e->n_parties);
    for (p = 0; p < e->n_parties; p++)
        parley_i_writef(&w, "%s%s", p ? ", " : "", party_id(s, e, p));
    parley_i_writef(&w, "), %zu issues, ", e->n_issues);
    parley_i_write_count(&w, e->n_feasible);
    parley_i_writef(&w, " feasible packages\n");
    parley_i_writef(&w, "margin = utility - reservation; acceptable = no "
                        "red line or hard ratification vetoes and every "
                        "margin >= 0\n");
    parley_i_writef(&w, "open issues: %s\n", fill_text(e->fill));
    if (e->zopa_empty)
        parley_i_writef(&w, "zone of possible agreement: EMPTY, the largest "
                            "smallest margin is %.4f: no proposal can be "
                            "repaired\n",
                        e->best_min_margin);
    else
        parley_i_writef(&w, "zone of possible agreement: not empty, the "
                            "largest smallest margin is %.4f\n",
                        e->best_min_margin);
    if (!e->exact)
        parley_i_writef(&w, "note: some searches ran out of nodes (raise "
                            "--max-nodes); their answers are the best "
                            "found\n");
    for (i = 0; i < e->n_evaluations; i++)
        write_proposal_text(&w, s, e, &e->evaluations[i]);
    return w.status;
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_options(parley_json *j, const parley_scenario *s,
                         const size_t *options, size_t K)
{
    size_t k;

    parley_i_json_object(j);
    for (k = 0; k < K; k++) {
        parley_i_json_key(j, issue_id(s, k));
        parley_i_json_string(j, parley_i_option_id(s, k, options[k]));
    }
    parley_i_json_end_object(j);
}

static void json_package(parley_json *j, const parley_scenario *s,
                         const parley_evaluate *e,
                         const parley_eval_package *pk)
{
    size_t i;

    parley_i_json_object(j);
    parley_i_json_member_bool(j, "found", pk->found);
    parley_i_json_member_bool(j, "exact", pk->exact);
    if (pk->found) {
        parley_i_json_member_number(j, "value", pk->value);
        parley_i_json_key(j, "package");
        json_options(j, s, pk->options, e->n_issues);
        parley_i_json_key(j, "utility");
        parley_i_json_numbers(j, pk->utility, e->n_parties);
        parley_i_json_member_number(j, "min_margin", pk->min_margin);
        parley_i_json_member_number(j, "pass_probability",
                                    pk->pass_probability);
        parley_i_json_member_number(j, "moved", pk->moved);
        parley_i_json_member_number(j, "ties", (double)pk->n_ties);
        parley_i_json_key(j, "changes");
        parley_i_json_array(j);
        for (i = 0; i < pk->n_changes; i++) {
            const parley_change *c = &pk->changes[i];

            parley_i_json_object(j);
            parley_i_json_member_string(j, "issue", issue_id(s, c->issue));
            parley_i_json_member_string(
                j, "from", parley_i_option_id(s, c->issue, c->from));
            parley_i_json_member_string(j, "to",
                                        parley_i_option_id(s, c->issue, c->to));
            parley_i_json_end_object(j);
        }
        parley_i_json_end_array(j);
    }
    parley_i_json_end_object(j);
}

static void json_proposal(parley_json *j, const parley_scenario *s,
                          const parley_evaluate *e,
                          const parley_proposal_eval *pe)
{
    static const char *const filled[3] = {"set", "status_quo", "optimised"};
    size_t K = e->n_issues, P = e->n_parties, k, i;

    parley_i_json_object(j);
    parley_i_json_member_string(j, "id", s->proposals[pe->proposal].id);
    parley_i_json_member_string(j, "name", s->proposals[pe->proposal].name);
    parley_i_json_member_size(j, "open_issues", pe->n_open);
    parley_i_json_key(j, "package");
    json_options(j, s, pe->options, K);
    parley_i_json_key(j, "terms");
    parley_i_json_object(j);
    for (k = 0; k < K; k++) {
        parley_i_json_key(j, issue_id(s, k));
        parley_i_json_string(j, filled[pe->filled[k] < 3 ? pe->filled[k]
                                                         : 0]);
    }
    parley_i_json_end_object(j);
    parley_i_json_key(j, "utility");
    parley_i_json_numbers(j, pe->utility, P);
    parley_i_json_key(j, "margin");
    parley_i_json_numbers(j, pe->margin, P);
    parley_i_json_member_number(j, "min_margin", pe->min_margin);
    parley_i_json_member_bool(j, "feasible", pe->feasible);
    parley_i_json_member_bool(j, "acceptable", pe->acceptable);
    parley_i_json_key(j, "vetoes");
    parley_i_json_array(j);
    for (i = 0; i < pe->n_vetoes; i++) {
        const parley_veto *v = &pe->vetoes[i];

        parley_i_json_object(j);
        parley_i_json_member_string(j, "kind", veto_kind_name(v->kind));
        parley_i_json_member_string(j, "actor", actor_id(s, v->actor));
        if (v->kind == PARLEY_VETO_RESERVATION) {
            parley_i_json_member_number(j, "margin", v->margin);
        } else {
            parley_i_json_member_string(j, "constraint", v->id);
            parley_i_json_member_string(j, "issue", issue_id(s, v->issue));
            parley_i_json_member_string(
                j, "option", parley_i_option_id(s, v->issue, v->option));
        }
        parley_i_json_end_object(j);
    }
    parley_i_json_end_array(j);
    parley_i_json_key(j, "ratification_risks");
    parley_i_json_array(j);
    for (i = 0; i < pe->n_risks; i++) {
        const parley_ratification_risk *rk = &pe->risks[i];

        parley_i_json_object(j);
        parley_i_json_member_string(j, "actor", actor_id(s, rk->actor));
        parley_i_json_member_string(j, "constraint", rk->id);
        parley_i_json_member_string(j, "issue", issue_id(s, rk->issue));
        parley_i_json_member_string(
            j, "option", parley_i_option_id(s, rk->issue, rk->option));
        parley_i_json_member_number(j, "pass_probability",
                                    rk->pass_probability);
        parley_i_json_end_object(j);
    }
    parley_i_json_end_array(j);
    parley_i_json_member_number(j, "pass_probability", pe->pass_probability);
    parley_i_json_member_number(j, "frontier_distance", pe->frontier_distance);
    parley_i_json_key(j, "improvement");
    json_package(j, s, e, &pe->improvement);
    parley_i_json_member_bool(j, "dominated", pe->dominated);
    parley_i_json_key(j, "dominating");
    json_package(j, s, e, &pe->dominating);
    parley_i_json_key(j, "repair");
    json_package(j, s, e, &pe->repair);
    parley_i_json_key(j, "best");
    json_package(j, s, e, &pe->best);
    parley_i_json_end_object(j);
}

parley_status parley_evaluate_write_json(parley_ctx *ctx,
                                         const parley_scenario *s,
                                         const parley_evaluate *e,
                                         parley_sink sink)
{
    parley_writer w;
    parley_json j;
    size_t p, i;

    if (!ctx || !s || !e || !sink.write)
        return PARLEY_EINVAL;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_json_init(&j, &w, 1);
    parley_i_json_object(&j);
    parley_i_json_member_string(&j, "scenario", s->id);
    parley_i_json_member_string(&j, "name", s->name);
    parley_i_json_key(&j, "conventions");
    parley_i_json_object(&j);
    parley_i_json_member_string(
        &j, "fill",
        e->fill == PARLEY_EVALUATE_FILL_OPTIMISE ? "optimise" : "status-quo");
    parley_i_json_member_string(&j, "fill_rule", fill_text(e->fill));
    parley_i_json_member_size(&j, "max_changes", e->max_changes);
    parley_i_json_member_string(&j, "objective", objective_name(e->objective));
    parley_i_json_member_number(&j, "tie_tolerance", e->tie_tolerance);
    parley_i_json_end_object(&j);
    parley_i_json_key(&j, "parties");
    parley_i_json_array(&j);
    for (p = 0; p < e->n_parties; p++) {
        parley_i_json_object(&j);
        parley_i_json_member_string(&j, "actor", party_id(s, e, p));
        parley_i_json_member_number(&j, "reservation",
                                    e->parties[p].reservation);
        parley_i_json_member_number(&j, "min_utility",
                                    e->parties[p].min_utility);
        parley_i_json_member_number(&j, "ideal", e->parties[p].ideal);
        parley_i_json_end_object(&j);
    }
    parley_i_json_end_array(&j);
    parley_i_json_member_number(&j, "feasible_packages", (double)e->n_feasible);
    parley_i_json_member_bool(&j, "zopa_empty", e->zopa_empty);
    parley_i_json_member_number(&j, "best_min_margin", e->best_min_margin);
    parley_i_json_key(&j, "closest");
    json_package(&j, s, e, &e->closest);
    parley_i_json_member_bool(&j, "exact", e->exact);
    parley_i_json_member_size(&j, "nodes", e->nodes);
    parley_i_json_key(&j, "proposals");
    parley_i_json_array(&j);
    for (i = 0; i < e->n_evaluations; i++)
        json_proposal(&j, s, e, &e->evaluations[i]);
    parley_i_json_end_array(&j);
    parley_i_json_end_object(&j);
    return w.status;
}
