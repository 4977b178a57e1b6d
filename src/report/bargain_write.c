/*
 * bargain_write.c -- text and JSON writers for package bargaining
 * (parley_bargain).  Writers read results and write to a sink; they never
 * compute.
 */
#include "report/common.h"
#include "report/json.h"
#include "report/sink.h"
#include "scenario/scenario.h"

#include <math.h>
#include <string.h>

/* Frontier points and tied packages shown in text (JSON has them all). */
#define TEXT_FRONTIER_POINTS 12

static const char *source_name(parley_reservation_source src)
{
    switch (src) {
    case PARLEY_RESERVATION_FROM_SCENARIO:
        return "scenario";
    case PARLEY_RESERVATION_FROM_RANGE:
        return "range";
    case PARLEY_RESERVATION_FROM_STATUS_QUO:
        return "status_quo";
    case PARLEY_RESERVATION_FROM_ZERO:
        return "zero";
    }
    return "unknown";
}

static const char *rule_text(const parley_bargain_options *o)
{
    switch (o ? o->reservation : PARLEY_RESERVATION_AUTO) {
    case PARLEY_RESERVATION_RANGE:
        return "range: the worst package inside the actor's acceptable "
               "ranges";
    case PARLEY_RESERVATION_STATUS_QUO:
        return "status_quo: the utility of the status-quo package";
    case PARLEY_RESERVATION_ZERO:
        return "zero";
    default:
        return "auto: the actor's own reservation; else the worst package "
               "inside its acceptable ranges; else the status-quo package; "
               "else 0";
    }
}

static const char *disagreement_text(parley_disagreement d)
{
    return d == PARLEY_DISAGREEMENT_FLOOR
               ? "floor: d = max(reservation, worst utility) (NegMAS)"
               : "reservation: d = reservation value";
}

static const char *party_id(const parley_scenario *s, const parley_bargain *b,
                            size_t p)
{
    size_t a = b->parties[p].actor;

    return a < s->n_actors ? s->actors[a].id : "?";
}

/* ---- text ---------------------------------------------------------------- */

/* A package as issue=option pairs, wrapped at 76 columns. */
static void write_package_text(parley_writer *w, const parley_scenario *s,
                               const size_t *options, size_t n_issues,
                               const char *indent)
{
    size_t k, col = strlen(indent);

    parley_i_writef(w, "%s", indent);
    for (k = 0; k < n_issues; k++) {
        const char *iid = s->issues[k].id,
                   *oid = parley_i_option_id(s, k, options[k]);
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

static void write_utilities_text(parley_writer *w, const parley_scenario *s,
                                 const parley_bargain *b, const double *u)
{
    size_t p;

    for (p = 0; p < b->n_parties; p++)
        parley_i_writef(w, "%s%s %.4f", p ? ", " : "", party_id(s, b, p), u[p]);
}

static void write_zopa_text(parley_writer *w, const parley_scenario *s,
                            const parley_bargain *b, const parley_zopa *z,
                            const char *label)
{
    size_t i;

    parley_i_writef(w, "%s", label);
    if (z->n_parties < b->n_parties) {
        parley_i_writef(w, " (");
        for (i = 0; i < z->n_parties; i++)
            parley_i_writef(w, "%s%s", i ? ", " : "",
                            party_id(s, b, z->parties[i]));
        parley_i_writef(w, ")");
    }
    if (z->empty < 0 && isinf(z->best_min_gain)) {
        parley_i_writef(w, ": UNDECIDED (the node budget ran out before any "
                           "package was reached; raise --max-nodes)\n");
        return;
    }
    if (z->empty < 0) {
        parley_i_writef(w,
                        ": UNDECIDED (the node budget ran out; the best "
                        "package found leaves its worst-off party %.4f "
                        "short; raise --max-nodes)\n",
                        -z->best_min_gain);
        return;
    }
    if (z->empty && !(b->n_feasible > 0)) {
        parley_i_writef(w, ": EMPTY (no feasible package)\n");
        return;
    }
    if (z->empty) {
        parley_i_writef(w,
                        ": EMPTY (the best package leaves its worst-off "
                        "party %.4f short)\n",
                        -z->best_min_gain);
        return;
    }
    parley_i_writef(w, ": not empty, ");
    if (z->count_exact) {
        parley_i_write_count(w, z->count);
        parley_i_writef(w, " packages (share %.4g of the feasible ones)",
                        z->share);
    } else {
        parley_i_writef(w, "between ");
        parley_i_write_count(w, z->count_low);
        parley_i_writef(w, " and ");
        parley_i_write_count(w, z->count_high);
        parley_i_writef(w, " packages (node budget reached)");
    }
    parley_i_writef(w, "; best worst-off gain %.4f\n", z->best_min_gain);
}

parley_status parley_bargain_write_text(parley_ctx *ctx,
                                        const parley_scenario *s,
                                        const parley_bargain *b,
                                        const parley_bargain_options *o,
                                        parley_sink sink)
{
    parley_writer w;
    size_t p, q, k, i, K;

    if (!ctx || !s || !b || !sink.write)
        return PARLEY_EINVAL;
    K = b->n_issues;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_writef(&w, "Package bargaining: %s", s->id ? s->id : s->file);
    if (s->name)
        parley_i_writef(&w, " -- %s", s->name);
    parley_i_writef(&w, "\n%zu parties, %zu issues, ", b->n_parties, K);
    parley_i_write_count(&w, b->n_packages);
    parley_i_writef(&w, " packages, ");
    parley_i_write_count(&w, b->n_feasible);
    parley_i_writef(&w,
                    " feasible (%zu options excluded by red lines or "
                    "ratification; %zu group%s of linked issues)\n",
                    b->n_excluded_options, b->n_groups,
                    b->n_groups == 1 ? "" : "s");
    if (b->proposal < s->n_proposals)
        parley_i_writef(
            &w,
            "packages completing proposal %s (%zu open "
            "issue%s %s)\n",
            s->proposals[b->proposal].id, b->n_open, b->n_open == 1 ? "" : "s",
            o && o->fill_status_quo ? "at the status quo" : "left free");
    parley_i_writef(&w, "disagreement point: %s\n",
                    disagreement_text(b->disagreement));
    parley_i_writef(&w, "default reservation: %s\n\n", rule_text(o));
    parley_i_writef(&w, "%-12s %10s %11s %-10s %9s %9s %9s\n", "party",
                    "capability", "reservation", "(source)", "d", "worst",
                    "ideal");
    for (p = 0; p < b->n_parties; p++) {
        const parley_bargain_party *bp = &b->parties[p];

        parley_i_write_clipped(&w, party_id(s, b, p), 12);
        {
            size_t len = strlen(party_id(s, b, p));

            for (i = len < 12 ? len : 12; i < 12; i++)
                parley_i_write(&w, " ", 1);
        }
        parley_i_writef(&w, " %10.4g %11.4f %-10s %9.4f %9.4f %9.4f\n",
                        bp->capability, bp->reservation,
                        source_name(bp->reservation_source), bp->disagreement,
                        bp->min_utility, bp->ideal);
    }
    /* GENIUS profiles carry discount factors: read and reported, not
     * applied (the solutions are those of the undiscounted game) */
    for (p = 0, i = 0; p < b->n_parties; p++) {
        const parley_num *disc = &s->actors[b->parties[p].actor].discount;

        if (!disc->present)
            continue;
        parley_i_writef(&w, "%s %s %g", i++ ? "," : "discount factors (read, "
                                                   "not applied):",
                        party_id(s, b, p), disc->mode);
    }
    if (i)
        parley_i_writef(&w, "\n");
    parley_i_writef(&w, "\n");
    write_zopa_text(&w, s, b, &b->zopa, "Zone of possible agreement");
    if (b->has_zopa_subset)
        write_zopa_text(&w, s, b, &b->zopa_subset, "Zone for a subset");
    parley_i_writef(&w, "answered by %s\n",
                    b->enumerated ? "enumerating every feasible package"
                                  : "branch and bound (the space is too "
                                    "large to enumerate)");
    if (!b->frontier.computed)
        parley_i_writef(&w, "Pareto frontier: %s\n",
                        b->frontier.note ? b->frontier.note : "not computed");
    else {
        parley_i_writef(&w, "Pareto frontier (%s): %zu points\n",
                        o && o->frontier_all ? "every package"
                                             : "packages in the zone",
                        b->frontier.n_points);
        for (i = 0; i < b->frontier.n_points && i < TEXT_FRONTIER_POINTS; i++) {
            parley_i_writef(&w, "  ");
            write_utilities_text(&w, s, b,
                                 b->frontier.utility + i * b->n_parties);
            parley_i_writef(&w, "\n");
        }
        if (b->frontier.n_points > TEXT_FRONTIER_POINTS)
            parley_i_writef(&w, "  ... %zu more (by welfare; see --json)\n",
                            b->frontier.n_points - TEXT_FRONTIER_POINTS);
    }
    parley_i_writef(&w, "\nSolutions\n");
    for (k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
        const parley_solution *sol = &b->solutions[k];

        parley_i_writef(&w, "%s: ", parley_solution_name(sol->kind));
        if (!sol->found) {
            parley_i_writef(&w, "none (%s)\n",
                            sol->note ? sol->note : "no package qualifies");
            continue;
        }
        parley_i_writef(&w, "value %.6g, %zu point%s, ", sol->value,
                        sol->n_points, sol->n_points == 1 ? "" : "s");
        parley_i_write_count(&w, sol->n_ties);
        parley_i_writef(&w, " package%s%s [%s]\n", sol->n_ties == 1 ? "" : "s",
                        sol->ties_exact ? "" : " (at least)", sol->method);
        if (sol->note)
            parley_i_writef(&w, "  note: %s\n", sol->note);
        for (i = 0; i < sol->n_listed; i++) {
            parley_i_writef(&w, "  ");
            write_utilities_text(&w, s, b, sol->utility + i * b->n_parties);
            parley_i_writef(&w, "\n");
            write_package_text(&w, s, sol->options + i * K, K, "    ");
        }
    }
    parley_i_writef(&w, "\nOpposition (NegMAS): ");
    if (isnan(b->opposition))
        parley_i_writef(&w, "n/a (the zone is empty)\n");
    else
        parley_i_writef(&w, "%.6f\n", b->opposition);
    if (b->n_parties > 1) {
        parley_i_writef(&w, "Correlation of utilities over the feasible "
                            "packages (-1 opposed, +1 aligned)\n");
        for (p = 0; p < b->n_parties; p++) {
            parley_i_writef(&w, "  %-10.10s", party_id(s, b, p));
            for (q = 0; q < b->n_parties; q++) {
                double c = b->correlation[p * b->n_parties + q];

                if (isnan(c))
                    parley_i_writef(&w, " %6s", "-");
                else
                    parley_i_writef(&w, " %6.2f", c);
            }
            parley_i_writef(&w, "\n");
        }
    }
    return w.status;
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_count(parley_json *j, const char *key, long double n)
{
    parley_i_json_member_number(j, key, (double)n);
}

static void json_package(parley_json *j, const parley_scenario *s,
                         const size_t *options, size_t K)
{
    size_t k;

    parley_i_json_array(j);
    for (k = 0; k < K; k++)
        parley_i_json_string(j, parley_i_option_id(s, k, options[k]));
    parley_i_json_end_array(j);
}

static void json_zopa(parley_json *j, const parley_scenario *s,
                      const parley_bargain *b, const parley_zopa *z)
{
    size_t i;

    parley_i_json_object(j);
    parley_i_json_key(j, "parties");
    parley_i_json_array(j);
    for (i = 0; i < z->n_parties; i++)
        parley_i_json_string(j, party_id(s, b, z->parties[i]));
    parley_i_json_end_array(j);
    parley_i_json_key(j, "empty");
    if (z->empty < 0)
        parley_i_json_null(j); /* undecided */
    else
        parley_i_json_bool(j, z->empty);
    parley_i_json_member_number(j, "best_min_gain", z->best_min_gain);
    parley_i_json_member_bool(j, "count_exact", z->count_exact);
    json_count(j, "count", z->count_exact ? z->count : NAN);
    json_count(j, "count_low", z->count_low);
    json_count(j, "count_high", z->count_high);
    parley_i_json_member_number(j, "share", z->share);
    parley_i_json_member_string(j, "method", z->method);
    parley_i_json_end_object(j);
}

parley_status parley_bargain_write_json(parley_ctx *ctx,
                                        const parley_scenario *s,
                                        const parley_bargain *b,
                                        const parley_bargain_options *o,
                                        parley_sink sink)
{
    parley_writer w;
    parley_json j;
    size_t p, k, i, K, P;

    if (!ctx || !s || !b || !sink.write)
        return PARLEY_EINVAL;
    K = b->n_issues;
    P = b->n_parties;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_json_init(&j, &w, 1);
    parley_i_json_object(&j);
    parley_i_json_member_string(&j, "scenario", s->id);
    parley_i_json_member_string(&j, "name", s->name);
    parley_i_json_key(&j, "conventions");
    parley_i_json_object(&j);
    parley_i_json_member_string(
        &j, "disagreement",
        b->disagreement == PARLEY_DISAGREEMENT_FLOOR ? "floor" : "reservation");
    parley_i_json_member_string(&j, "disagreement_rule",
                                disagreement_text(b->disagreement));
    parley_i_json_member_string(&j, "reservation_rule", rule_text(o));
    parley_i_json_member_string(&j, "kalai_smorodinsky",
                                b->ks == PARLEY_KS_NEGMAS ? "negmas"
                                                          : "maxmin");
    parley_i_json_member_number(&j, "tie_tolerance",
                                o ? o->tie_tolerance : 1e-12);
    parley_i_json_member_string(&j, "frontier_over",
                                o && o->frontier_all ? "every package"
                                                     : "the zone");
    parley_i_json_end_object(&j);
    parley_i_json_key(&j, "issues");
    parley_i_json_array(&j);
    for (k = 0; k < K; k++)
        parley_i_json_string(&j, s->issues[k].id);
    parley_i_json_end_array(&j);
    parley_i_json_key(&j, "parties");
    parley_i_json_array(&j);
    for (p = 0; p < P; p++) {
        const parley_bargain_party *bp = &b->parties[p];

        parley_i_json_object(&j);
        parley_i_json_member_string(&j, "actor", party_id(s, b, p));
        parley_i_json_member_number(&j, "capability", bp->capability);
        parley_i_json_member_number(&j, "nash_weight", bp->nash_weight);
        parley_i_json_member_number(&j, "reservation", bp->reservation);
        parley_i_json_member_string(&j, "reservation_source",
                                    source_name(bp->reservation_source));
        parley_i_json_member_number(&j, "disagreement", bp->disagreement);
        parley_i_json_member_number(&j, "min_utility", bp->min_utility);
        parley_i_json_member_number(&j, "ideal", bp->ideal);
        /* read from GENIUS profiles; null when the input has none */
        parley_i_json_member_number(
            &j, "discount",
            s->actors[bp->actor].discount.present
                ? s->actors[bp->actor].discount.mode
                : (double)NAN);
        parley_i_json_end_object(&j);
    }
    parley_i_json_end_array(&j);
    parley_i_json_key(&j, "space");
    parley_i_json_object(&j);
    json_count(&j, "packages", b->n_packages);
    json_count(&j, "feasible", b->n_feasible);
    parley_i_json_member_size(&j, "excluded_options", b->n_excluded_options);
    parley_i_json_member_size(&j, "linked_groups", b->n_groups);
    parley_i_json_member_bool(&j, "enumerated", b->enumerated);
    parley_i_json_key(&j, "proposal");
    parley_i_json_string(
        &j, b->proposal < s->n_proposals ? s->proposals[b->proposal].id : NULL);
    parley_i_json_member_size(&j, "open_issues", b->n_open);
    parley_i_json_member_string(
        &j, "open_issues_filled",
        b->proposal < s->n_proposals
            ? (o && o->fill_status_quo ? "status_quo" : "free")
            : NULL);
    parley_i_json_end_object(&j);
    parley_i_json_key(&j, "zopa");
    json_zopa(&j, s, b, &b->zopa);
    if (b->has_zopa_subset) {
        parley_i_json_key(&j, "zopa_subset");
        json_zopa(&j, s, b, &b->zopa_subset);
    }
    parley_i_json_key(&j, "frontier");
    parley_i_json_object(&j);
    parley_i_json_member_bool(&j, "computed", b->frontier.computed);
    parley_i_json_member_string(&j, "note", b->frontier.note);
    parley_i_json_member_size(&j, "n_points", b->frontier.n_points);
    parley_i_json_key(&j, "points");
    parley_i_json_array(&j);
    for (i = 0; i < b->frontier.n_points; i++) {
        parley_i_json_object(&j);
        parley_i_json_key(&j, "utility");
        parley_i_json_numbers(&j, b->frontier.utility + i * P, P);
        parley_i_json_key(&j, "package");
        json_package(&j, s, b->frontier.options + i * K, K);
        json_count(&j, "packages", b->frontier.n_packages[i]);
        parley_i_json_end_object(&j);
    }
    parley_i_json_end_array(&j);
    parley_i_json_end_object(&j);
    parley_i_json_key(&j, "solutions");
    parley_i_json_object(&j);
    for (k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
        const parley_solution *sol = &b->solutions[k];

        parley_i_json_key(&j, parley_solution_name(sol->kind));
        parley_i_json_object(&j);
        parley_i_json_member_bool(&j, "found", sol->found);
        parley_i_json_member_number(&j, "value", sol->value);
        parley_i_json_member_string(&j, "method", sol->method);
        parley_i_json_member_string(&j, "note", sol->note);
        json_count(&j, "ties", sol->n_ties);
        parley_i_json_member_size(&j, "points", sol->n_points);
        parley_i_json_member_bool(&j, "ties_exact", sol->ties_exact);
        parley_i_json_key(&j, "packages");
        parley_i_json_array(&j);
        for (i = 0; i < sol->n_listed; i++) {
            parley_i_json_object(&j);
            parley_i_json_key(&j, "utility");
            parley_i_json_numbers(&j, sol->utility + i * P, P);
            parley_i_json_key(&j, "package");
            json_package(&j, s, sol->options + i * K, K);
            parley_i_json_end_object(&j);
        }
        parley_i_json_end_array(&j);
        parley_i_json_end_object(&j);
    }
    parley_i_json_end_object(&j);
    parley_i_json_member_number(&j, "opposition", b->opposition);
    parley_i_json_key(&j, "correlation");
    parley_i_json_array(&j);
    for (p = 0; p < P; p++)
        parley_i_json_numbers(&j, b->correlation + p * P, P);
    parley_i_json_end_array(&j);
    parley_i_json_end_object(&j);
    return w.status;
}
