/*
 * forecast_write.c -- text and JSON writers for forecasts and backtests.
 * Writers read results and write to a sink; they never compute models.
 */
#include "report/json.h"
#include "report/sink.h"
#include "scenario/scenario.h"

#include <math.h>
#include <string.h>

static const char *offer_kind_name(parley_offer_kind kind)
{
    switch (kind) {
    case PARLEY_OFFER_CONFRONTATION:
        return "confrontation";
    case PARLEY_OFFER_COMPROMISE:
        return "compromise";
    case PARLEY_OFFER_CAPITULATION:
        return "capitulation";
    case PARLEY_OFFER_NONE:
        break;
    }
    return "none";
}

static const char *actor_label(const parley_scenario *s,
                               const parley_model_result *m, size_t i)
{
    if (m->actor_index && m->actor_index[i] < s->n_actors)
        return s->actors[m->actor_index[i]].id;
    return "?";
}

static size_t longest_actor(const parley_scenario *s,
                            const parley_model_result *m)
{
    size_t i, best = 5;

    for (i = 0; i < m->n; i++) {
        size_t len = strlen(actor_label(s, m, i));

        if (len > best)
            best = len;
    }
    return best > 24 ? 24 : best;
}

/* One model's rounds: medians, means, offers, positions and risks. */
static void write_trace_text(parley_writer *w, const parley_scenario *s,
                             const parley_model_result *m)
{
    size_t r, i, width = longest_actor(s, m);

    parley_i_writef(w, "    %s trace: start median %.6f, mean %.6f\n",
                    m->model, m->median0, m->mean0);
    for (r = 0; r < m->rounds; r++) {
        const parley_round *round = &m->trace[r];

        parley_i_writef(w, "    round %zu: median %.6f, mean %.6f\n", r + 1,
                        round->median, round->mean);
        for (i = 0; i < round->n_offers; i++) {
            const parley_offer *o = &round->offers[i];
            const char *who = actor_label(s, m, o->actor);
            const char *from = actor_label(s, m, o->from);

            if (o->kind == PARLEY_OFFER_CONFRONTATION)
                parley_i_writef(w, "      %s loses a confrontation to %s",
                                who, from);
            else if (o->kind == PARLEY_OFFER_COMPROMISE)
                parley_i_writef(w, "      %s compromises with %s", who, from);
            else
                parley_i_writef(w, "      %s capitulates to %s", who, from);
            parley_i_writef(w, ": new position %.6f (EU %.6g vs %.6g)\n",
                            o->new_position, o->eu_actor, o->eu_from);
        }
        parley_i_writef(w, "      %-*s %12s %10s\n", (int)width, "actor",
                        "position", "risk r");
        for (i = 0; i < m->n; i++) {
            parley_i_writef(w, "      %-*s %12.6f", (int)width,
                            actor_label(s, m, i), round->position[i]);
            if (round->risk && isfinite(round->risk[i]))
                parley_i_writef(w, " %10.6f\n", round->risk[i]);
            else
                parley_i_writef(w, " %10s\n", "-");
        }
    }
}

parley_status parley_forecast_write_text(parley_ctx *ctx,
                                         const parley_scenario *s,
                                         const parley_forecast *f,
                                         const parley_forecast_options *opts,
                                         parley_sink sink)
{
    parley_writer w;
    size_t k, m;

    if (!ctx || !s || !f || !sink.write)
        return PARLEY_EINVAL;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_writef(&w, "Forecast: %s", s->id ? s->id : s->file);
    if (s->name)
        parley_i_writef(&w, " -- %s", s->name);
    parley_i_writef(&w, "\n%zu actor%s, %zu issue%s", s->n_actors,
                    s->n_actors == 1 ? "" : "s", s->n_issues,
                    s->n_issues == 1 ? "" : "s");
    if (opts)
        parley_i_writef(&w, "; iterative models: at most %zu rounds",
                        opts->rounds);
    parley_i_writef(&w, "\n");
    for (k = 0; k < f->n_issues; k++) {
        const parley_issue_forecast *fi = &f->issues[k];
        const parley_issue *is = &s->issues[fi->issue];

        parley_i_writef(&w, "\n%s", is->id);
        if (is->name) {
            parley_i_writef(&w, "  ");
            parley_i_write_clipped(&w, is->name, 60);
        }
        parley_i_writef(&w, "  [%g..%g]\n", is->scale_min, is->scale_max);
        if (fi->n_models && fi->models[0].n == 0) {
            parley_i_writef(&w, "  (no actor at the table holds a stance "
                                "on this issue: nothing to forecast)\n");
            continue;
        }
        for (m = 0; m < fi->n_models; m++) {
            const parley_model_result *r = &fi->models[m];
            const char *label =
                parley_issue_nearest_label(s, fi->issue, r->forecast);

            if (isfinite(r->forecast))
                parley_i_writef(&w, "  %-11s %8.2f", r->model, r->forecast);
            else
                parley_i_writef(&w, "  %-11s %8s", r->model, "-");
            if (r->rounds)
                parley_i_writef(&w, "  %3zu rnd%s", r->rounds,
                                r->converged ? " " : "+");
            else if (label)
                parley_i_writef(&w, "  %8s", "");
            if (label) {
                parley_i_writef(&w, "  ~ ");
                parley_i_write_clipped(&w, label, 44);
            }
            parley_i_writef(&w, "\n");
            if (r->trace)
                write_trace_text(&w, s, r);
        }
    }
    parley_i_writef(&w, "\n~ nearest anchor label; \"rnd+\": the round cap "
                        "was reached before the model was stable\n");
    return w.status;
}

static void write_round_json(parley_json *j, const parley_scenario *s,
                             const parley_model_result *m,
                             const parley_round *round, size_t number)
{
    size_t i;

    parley_i_json_object(j);
    parley_i_json_member_size(j, "round", number);
    parley_i_json_member_number(j, "median", round->median);
    parley_i_json_member_number(j, "mean", round->mean);
    parley_i_json_key(j, "positions");
    parley_i_json_object(j);
    for (i = 0; i < m->n; i++) {
        parley_i_json_key(j, actor_label(s, m, i));
        parley_i_json_number(j, round->position[i]);
    }
    parley_i_json_end_object(j);
    if (round->risk) {
        parley_i_json_key(j, "risk");
        parley_i_json_object(j);
        for (i = 0; i < m->n; i++) {
            parley_i_json_key(j, actor_label(s, m, i));
            parley_i_json_number(j, round->risk[i]);
        }
        parley_i_json_end_object(j);
    }
    parley_i_json_key(j, "offers");
    parley_i_json_array(j);
    for (i = 0; i < round->n_offers; i++) {
        const parley_offer *o = &round->offers[i];

        parley_i_json_object(j);
        parley_i_json_member_string(j, "actor", actor_label(s, m, o->actor));
        parley_i_json_member_string(j, "from", actor_label(s, m, o->from));
        parley_i_json_member_string(j, "kind", offer_kind_name(o->kind));
        parley_i_json_member_number(j, "new_position", o->new_position);
        parley_i_json_member_number(j, "eu_actor", o->eu_actor);
        parley_i_json_member_number(j, "eu_from", o->eu_from);
        parley_i_json_end_object(j);
    }
    parley_i_json_end_array(j);
    parley_i_json_end_object(j);
}

parley_status parley_forecast_write_json(parley_ctx *ctx,
                                         const parley_scenario *s,
                                         const parley_forecast *f,
                                         const parley_forecast_options *opts,
                                         parley_sink sink)
{
    parley_writer w;
    parley_json j;
    size_t k, m, r;

    if (!ctx || !s || !f || !sink.write)
        return PARLEY_EINVAL;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_json_init(&j, &w, 1);
    parley_i_json_object(&j);
    parley_i_json_member_string(&j, "scenario", s->id ? s->id : s->file);
    parley_i_json_member_string(&j, "name", s->name);
    if (opts) {
        parley_i_json_member_size(&j, "rounds_cap", opts->rounds);
        parley_i_json_member_number(&j, "tolerance", opts->tolerance);
    }
    parley_i_json_key(&j, "issues");
    parley_i_json_array(&j);
    for (k = 0; k < f->n_issues; k++) {
        const parley_issue_forecast *fi = &f->issues[k];
        const parley_issue *is = &s->issues[fi->issue];

        parley_i_json_object(&j);
        parley_i_json_member_string(&j, "id", is->id);
        parley_i_json_member_string(&j, "name", is->name);
        parley_i_json_key(&j, "scale");
        parley_i_json_array(&j);
        parley_i_json_number(&j, is->scale_min);
        parley_i_json_number(&j, is->scale_max);
        parley_i_json_end_array(&j);
        if (!isnan(is->outcome)) {
            parley_i_json_member_number(&j, "outcome", is->outcome);
        }
        parley_i_json_key(&j, "models");
        parley_i_json_array(&j);
        for (m = 0; m < fi->n_models; m++) {
            const parley_model_result *res = &fi->models[m];

            parley_i_json_object(&j);
            parley_i_json_member_string(&j, "model", res->model);
            parley_i_json_member_number(&j, "forecast", res->forecast);
            parley_i_json_key(&j, "nearest_label");
            parley_i_json_string(
                &j, parley_issue_nearest_label(s, fi->issue, res->forecast));
            parley_i_json_member_size(&j, "rounds", res->rounds);
            parley_i_json_member_bool(&j, "converged", res->converged);
            if (res->trace) {
                parley_i_json_member_number(&j, "median0", res->median0);
                parley_i_json_member_number(&j, "mean0", res->mean0);
                parley_i_json_key(&j, "trace");
                parley_i_json_array(&j);
                for (r = 0; r < res->rounds; r++)
                    write_round_json(&j, s, res, &res->trace[r], r + 1);
                parley_i_json_end_array(&j);
            }
            parley_i_json_end_object(&j);
        }
        parley_i_json_end_array(&j);
        parley_i_json_end_object(&j);
    }
    parley_i_json_end_array(&j);
    parley_i_json_end_object(&j);
    return w.status;
}

static const char *split_name(parley_split split)
{
    return split == PARLEY_SPLIT_ODD    ? "odd"
           : split == PARLEY_SPLIT_EVEN ? "even"
                                        : "all";
}

parley_status parley_backtest_write_text(parley_ctx *ctx,
                                         const parley_scenario *s,
                                         const parley_backtest *b,
                                         const char *capability_note,
                                         parley_split split, parley_sink sink)
{
    parley_writer w;
    size_t i;

    if (!ctx || !s || !b || !sink.write)
        return PARLEY_EINVAL;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_writef(&w, "Backtest: %s (%zu issues with a recorded outcome; "
                        "split: %s)\n",
                    s->file ? s->file : "", b->n_issues_with_outcome,
                    split_name(split));
    if (capability_note)
        parley_i_writef(&w, "Capabilities: %s\n", capability_note);
    parley_i_writef(&w, "\n%-12s %6s %8s %8s %10s\n", "model", "issues",
                    "MAE", "RMSE", "median AE");
    for (i = 0; i < b->n_rows; i++) {
        const parley_backtest_row *r = &b->rows[i];

        parley_i_writef(&w, "%-12s %6zu %8.2f %8.2f %10.2f\n", r->model,
                        r->n, r->mae, r->rmse, r->median_ae);
    }
    return w.status;
}

parley_status parley_backtest_write_json(parley_ctx *ctx,
                                         const parley_scenario *s,
                                         const parley_backtest *b,
                                         const char *capability_note,
                                         parley_split split, parley_sink sink)
{
    parley_writer w;
    parley_json j;
    size_t i;

    if (!ctx || !s || !b || !sink.write)
        return PARLEY_EINVAL;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_json_init(&j, &w, 1);
    parley_i_json_object(&j);
    parley_i_json_member_string(&j, "file", s->file);
    parley_i_json_member_string(&j, "split", split_name(split));
    parley_i_json_member_string(&j, "capabilities", capability_note);
    parley_i_json_member_size(&j, "issues_with_outcome",
                              b->n_issues_with_outcome);
    parley_i_json_key(&j, "models");
    parley_i_json_array(&j);
    for (i = 0; i < b->n_rows; i++) {
        const parley_backtest_row *r = &b->rows[i];

        parley_i_json_object(&j);
        parley_i_json_member_string(&j, "model", r->model);
        parley_i_json_member_size(&j, "issues", r->n);
        parley_i_json_member_number(&j, "mae", r->mae);
        parley_i_json_member_number(&j, "rmse", r->rmse);
        parley_i_json_member_number(&j, "median_ae", r->median_ae);
        parley_i_json_end_object(&j);
    }
    parley_i_json_end_array(&j);
    parley_i_json_end_object(&j);
    return w.status;
}
