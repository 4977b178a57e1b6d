/*
 * simulate_write.c -- text and JSON writers for Monte Carlo simulations
 * and sensitivity analyses.  They read results and write to a sink; they
 * never compute anything but number formats.
 */
#include "report/common.h"
#include "report/json.h"
#include "report/sink.h"
#include "scenario/scenario.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Decimals that show about three significant digits of numbers up to
 * `largest` in magnitude. */
static int decimals_for(double largest)
{
    int d;

    if (!(largest > 0) || !isfinite(largest))
        return 2;
    d = 2 - (int)floor(log10(largest));
    return d < 0 ? 0 : d > 4 ? 4 : d;
}

/* The group of an output id: the part before ':' ("forecast", "state"). */
static size_t group_len(const char *id)
{
    const char *colon = strchr(id, ':');

    return colon ? (size_t)(colon - id) : strlen(id);
}

static const char *group_title(const char *id, size_t len, double coverage)
{
    static char other[96];

    (void)coverage;
    if (len == 8 && strncmp(id, "forecast", 8) == 0)
        return "Forecasts (issue, model)";
    if (len == 5 && strncmp(id, "state", 5) == 0)
        return "State variables";
    if (len == 11 && strncmp(id, "reservation", 11) == 0)
        return "Reservation values (utility of the best alternative)";
    if (len == 4 && strncmp(id, "zone", 4) == 0)
        return "Zones of agreement on one issue: P(the parties' acceptable "
               "ranges overlap by month m)";
    if (len == 4 && strncmp(id, "zopa", 4) == 0)
        return "Package ZOPA: P(open by month m)";
    if (len == 8 && strncmp(id, "blocking", 8) == 0)
        return "Blocking: P(the actor is in a minimal set of parties whose "
               "removal opens the shut zone, at month m)";
    if (len == 4 && strncmp(id, "deal", 4) == 0)
        return "Negotiation protocol: P(a package signed by month m)";
    if (len == 7 && strncmp(id, "outcome", 7) == 0)
        return "Outcome types: P(the run is in an end state of the type at "
               "month m; the default type: no end state yet)";
    if (len == 5 && strncmp(id, "terms", 5) == 0)
        return "Terms of the signed package (draws with a deal by month m)";
    snprintf(other, sizeof other, "%.*s", (int)(len < 80 ? len : 80), id);
    return other;
}

/* The months shown as columns: every `every` months and the last. */
static int next_month(int t, int every, int last)
{
    if (t == last)
        return last + 1;
    return t + every > last ? last : t + every;
}

static int column_every(const parley_simulation *sim,
                        const parley_simulate_options *o)
{
    int every = o && o->report_every > 0 ? o->report_every : 0;

    if (!every)
        every = sim->months <= 4 ? 1 : (sim->months + 3) / 4;
    return every;
}

/* Events shown as P(at month m) rather than P(by month m): a run's
 * outcome type and the blocking actors are states, not first passages. */
static int event_at_month(const char *id)
{
    return strncmp(id, "outcome:", 8) == 0 || strncmp(id, "blocking:", 9) == 0;
}

/* The text of one cell: "mean [low,high]", or for events "p [low,high]"
 * of P(by month m) (P(at month m) for event_at_month). */
static void cell_text(const parley_sim_output *out, const parley_sim_cell *c,
                      int dec, char *buf, size_t cap)
{
    if (!out->available)
        snprintf(buf, cap, "n/a");
    else if (out->kind == PARLEY_OUTPUT_EVENT && event_at_month(out->id))
        snprintf(buf, cap, c->n == 0 ? "-" : "%.3f [%.3f,%.3f]", c->mean,
                 c->low, c->high);
    else if (out->kind == PARLEY_OUTPUT_EVENT)
        snprintf(buf, cap, isnan(c->p_by) ? "-" : "%.3f [%.3f,%.3f]", c->p_by,
                 c->p_by_low, c->p_by_high);
    else if (c->n == 0)
        snprintf(buf, cap, "-");
    else
        snprintf(buf, cap, "%.*f [%.*f,%.*f]", dec, c->mean, dec, c->low, dec,
                 c->high);
}

/* Decimals for a value output: about three significant digits of its
 * largest interval end. */
static int output_decimals(const parley_sim_output *out, int months)
{
    double largest = 0;
    int t;

    for (t = 0; t <= months; t++) {
        const parley_sim_cell *c = &out->cells[t];

        if (c->n && fabs(c->low) > largest)
            largest = fabs(c->low);
        if (c->n && fabs(c->high) > largest)
            largest = fabs(c->high);
    }
    return decimals_for(largest);
}

#define MAX_SHOWN 64 /* month columns in the text report */

/* One group of outputs (ids sharing the part before ':') as a table with
 * the shown months as columns; no trailing spaces. */
static void write_group(parley_writer *w, const parley_simulation *sim,
                        size_t first, size_t end, size_t prefix,
                        const int *shown, size_t n_shown)
{
    size_t i, k, label_width = 0, cell_width = 7;
    char buf[96], name[64];

    for (i = first; i < end; i++) {
        const parley_sim_output *out = &sim->outputs[i];
        const char *rest = out->id + prefix;
        size_t len = strlen(*rest ? rest + 1 : out->id);
        int dec = output_decimals(out, sim->months);

        if (len > label_width)
            label_width = len;
        for (k = 0; k < n_shown; k++) {
            cell_text(out, &out->cells[shown[k]], dec, buf, sizeof buf);
            if (strlen(buf) > cell_width)
                cell_width = strlen(buf);
        }
    }
    if (label_width > 30)
        label_width = 30;
    parley_i_writef(w, "  %-*s", (int)label_width, "");
    for (k = 0; k < n_shown; k++) {
        parley_month_label(sim->start_year, sim->start_month, shown[k], buf,
                    sizeof buf);
        if (k + 1 < n_shown)
            parley_i_writef(w, "  %-*s", (int)cell_width, buf);
        else
            parley_i_writef(w, "  %s\n", buf);
    }
    for (i = first; i < end; i++) {
        const parley_sim_output *out = &sim->outputs[i];
        const char *rest = out->id + prefix;
        int dec = output_decimals(out, sim->months);
        size_t len;

        snprintf(name, sizeof name, "%s", *rest ? rest + 1 : out->id);
        for (k = 0; name[k]; k++)
            if (name[k] == ':')
                name[k] = ' ';
        len = strlen(name) < label_width ? strlen(name) : label_width;
        parley_i_writef(w, "  ");
        parley_i_write_clipped(w, name, label_width);
        parley_i_writef(w, "%*s", (int)(label_width - len), "");
        for (k = 0; k < n_shown; k++) {
            cell_text(out, &out->cells[shown[k]], dec, buf, sizeof buf);
            if (k + 1 < n_shown)
                parley_i_writef(w, "  %-*s", (int)cell_width, buf);
            else
                parley_i_writef(w, "  %s\n", buf);
        }
        if (!out->available && out->note)
            parley_i_writef(w, "  (%s)\n", out->note);
    }
}

parley_status parley_simulation_write_text(parley_ctx *ctx,
                                           const parley_scenario *s,
                                           const parley_simulation *sim,
                                           const parley_simulate_options *o,
                                           parley_sink sink)
{
    parley_writer w;
    int every, t, shown[MAX_SHOWN];
    size_t i, g, lo_pct, hi_pct, n_shown = 0;
    char label[32];

    if (!ctx || !s || !sim || !sink.write)
        return PARLEY_EINVAL;
    parley_i_writer_init(&w, ctx, sink);
    every = column_every(sim, o);
    lo_pct = (size_t)floor(50 * (1 - sim->coverage) + 0.5);
    hi_pct = 100 - lo_pct;
    parley_i_writef(&w, "Simulation: %s", s->id ? s->id : s->file);
    if (s->name)
        parley_i_writef(&w, " -- %s", s->name);
    parley_month_label(sim->start_year, sim->start_month, 0, label, sizeof label);
    parley_i_writef(&w,
                    "\n%zu draw%s (seed %llu), month 0 = %s, %d month%s; "
                    "%zu uncertain input%s %s\n",
                    sim->draws, sim->draws == 1 ? "" : "s",
                    (unsigned long long)sim->seed, label, sim->months,
                    sim->months == 1 ? "" : "s", sim->n_inputs,
                    sim->n_inputs == 1 ? "" : "s",
                    sim->sample_inputs ? "drawn" : "kept at their modes");
    parley_i_writef(&w,
                    "values: mean [%zu%%, %zu%%] of the draws; "
                    "events: P(by month m) [%g%% Wilson interval]\n",
                    lo_pct, hi_pct, 100 * sim->coverage);

    for (t = 0; t <= sim->months && n_shown < MAX_SHOWN;
         t = next_month(t, every, sim->months))
        shown[n_shown++] = t;
    for (i = 0; i < sim->n_outputs; i = g) {
        const char *id = sim->outputs[i].id;
        size_t len = group_len(id);

        for (g = i;
             g < sim->n_outputs && group_len(sim->outputs[g].id) == len &&
             strncmp(sim->outputs[g].id, id, len) == 0;
             g++)
            ;
        parley_i_writef(&w, "\n%s\n", group_title(id, len, sim->coverage));
        write_group(&w, sim, i, g, len, shown, n_shown);
    }
    parley_i_writef(&w, "\nUncertain inputs (%zu)%s\n", sim->n_inputs,
                    sim->n_inputs ? ": triangular(low, mode, high)" : "");
    for (i = 0; i < sim->n_inputs; i++) {
        const parley_uncertain_input *in = &sim->inputs[i];

        parley_i_writef(&w, "  %-40s %10.6g %10.6g %10.6g", in->name, in->low,
                        in->mode, in->high);
        if (in->flag)
            parley_i_writef(&w, "  %s", in->flag);
        if (in->source)
            parley_i_writef(&w, " (%s)", in->source);
        if (in->bloc)
            parley_i_writef(&w, "  bloc %s", in->bloc);
        parley_i_writef(&w, "\n");
    }
    parley_i_writef(&w, "\nThe JSON output (--json) has every month with n, "
                        "mean, sd, standard error, median and the "
                        "interval.\n");
    return w.status;
}

static void json_numbers(parley_json *j, const char *key,
                         const parley_sim_output *out, int months,
                         size_t offset)
{
    int t;

    parley_i_json_key(j, key);
    parley_i_json_array(j);
    for (t = 0; t <= months; t++) {
        const double *field =
            (const double *)(const void *)((const char *)&out->cells[t] +
                                           offset);

        parley_i_json_number(j, *field);
    }
    parley_i_json_end_array(j);
}

static void json_inputs(parley_json *j, const parley_uncertain_input *in,
                        size_t n)
{
    size_t i;

    parley_i_json_array(j);
    for (i = 0; i < n; i++) {
        parley_i_json_object(j);
        parley_i_json_key(j, "name");
        parley_i_json_string(j, in[i].name);
        parley_i_json_key(j, "kind");
        parley_i_json_string(j, in[i].kind);
        parley_i_json_key(j, "low");
        parley_i_json_number(j, in[i].low);
        parley_i_json_key(j, "mode");
        parley_i_json_number(j, in[i].mode);
        parley_i_json_key(j, "high");
        parley_i_json_number(j, in[i].high);
        parley_i_json_key(j, "flag");
        parley_i_json_string(j, in[i].flag);
        parley_i_json_key(j, "source");
        parley_i_json_string(j, in[i].source);
        parley_i_json_key(j, "bloc");
        parley_i_json_string(j, in[i].bloc);
        parley_i_json_key(j, "line");
        parley_i_json_size(j, in[i].line);
        parley_i_json_key(j, "col");
        parley_i_json_size(j, in[i].col);
        parley_i_json_end_object(j);
    }
    parley_i_json_end_array(j);
}

parley_status parley_simulation_write_json(parley_ctx *ctx,
                                           const parley_scenario *s,
                                           const parley_simulation *sim,
                                           const parley_simulate_options *o,
                                           parley_sink sink)
{
    parley_writer w;
    parley_json j;
    size_t i;
    int t;
    char label[32];

    (void)o;
    if (!ctx || !s || !sim || !sink.write)
        return PARLEY_EINVAL;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_json_init(&j, &w, 1);
    parley_i_json_object(&j);
    parley_i_json_key(&j, "scenario");
    parley_i_json_string(&j, s->id ? s->id : s->file);
    parley_i_json_key(&j, "name");
    parley_i_json_string(&j, s->name);
    parley_i_json_key(&j, "draws");
    parley_i_json_size(&j, sim->draws);
    parley_i_json_key(&j, "seed");
    parley_i_json_size(&j, (size_t)sim->seed);
    parley_i_json_key(&j, "months");
    parley_i_json_size(&j, (size_t)sim->months);
    parley_i_json_key(&j, "month_labels");
    parley_i_json_array(&j);
    for (t = 0; t <= sim->months; t++) {
        parley_month_label(sim->start_year, sim->start_month, t, label, sizeof label);
        parley_i_json_string(&j, label);
    }
    parley_i_json_end_array(&j);
    parley_i_json_key(&j, "coverage");
    parley_i_json_number(&j, sim->coverage);
    parley_i_json_key(&j, "sample_inputs");
    parley_i_json_bool(&j, sim->sample_inputs);
    parley_i_json_key(&j, "stochastic_dynamics");
    parley_i_json_bool(&j, sim->stochastic);
    parley_i_json_key(&j, "inputs");
    json_inputs(&j, sim->inputs, sim->n_inputs);
    parley_i_json_key(&j, "outputs");
    parley_i_json_array(&j);
    for (i = 0; i < sim->n_outputs; i++) {
        const parley_sim_output *out = &sim->outputs[i];
        int event = out->kind == PARLEY_OUTPUT_EVENT;

        parley_i_json_object(&j);
        parley_i_json_key(&j, "id");
        parley_i_json_string(&j, out->id);
        parley_i_json_key(&j, "label");
        parley_i_json_string(&j, out->label);
        parley_i_json_key(&j, "kind");
        parley_i_json_string(&j, event ? "event" : "value");
        parley_i_json_key(&j, "available");
        parley_i_json_bool(&j, out->available);
        if (!out->available) {
            parley_i_json_key(&j, "note");
            parley_i_json_string(&j, out->note);
            parley_i_json_end_object(&j);
            continue;
        }
        parley_i_json_key(&j, "n");
        parley_i_json_array(&j);
        for (t = 0; t <= sim->months; t++)
            parley_i_json_size(&j, out->cells[t].n);
        parley_i_json_end_array(&j);
        json_numbers(&j, event ? "p" : "mean", out, sim->months,
                     offsetof(parley_sim_cell, mean));
        json_numbers(&j, "se", out, sim->months, offsetof(parley_sim_cell, se));
        if (event) {
            json_numbers(&j, "p_low", out, sim->months,
                         offsetof(parley_sim_cell, low));
            json_numbers(&j, "p_high", out, sim->months,
                         offsetof(parley_sim_cell, high));
            json_numbers(&j, "p_by", out, sim->months,
                         offsetof(parley_sim_cell, p_by));
            json_numbers(&j, "p_by_low", out, sim->months,
                         offsetof(parley_sim_cell, p_by_low));
            json_numbers(&j, "p_by_high", out, sim->months,
                         offsetof(parley_sim_cell, p_by_high));
        } else {
            json_numbers(&j, "sd", out, sim->months,
                         offsetof(parley_sim_cell, sd));
            json_numbers(&j, "low", out, sim->months,
                         offsetof(parley_sim_cell, low));
            json_numbers(&j, "median", out, sim->months,
                         offsetof(parley_sim_cell, median));
            json_numbers(&j, "high", out, sim->months,
                         offsetof(parley_sim_cell, high));
        }
        parley_i_json_end_object(&j);
    }
    parley_i_json_end_array(&j);
    parley_i_json_end_object(&j);
    return w.status;
}

/* ---- sensitivity -------------------------------------------------------- */

static const char *method_name(parley_sensitivity_method m)
{
    return m == PARLEY_SENSITIVITY_SOBOL ? "sobol" : "tornado";
}

parley_status parley_sensitivity_write_text(parley_ctx *ctx,
                                            const parley_scenario *s,
                                            const parley_sensitivity *r,
                                            parley_sink sink)
{
    parley_writer w;
    size_t i;
    int sobol;
    char label[32];

    if (!ctx || !s || !r || !sink.write)
        return PARLEY_EINVAL;
    sobol = r->method == PARLEY_SENSITIVITY_SOBOL;
    parley_i_writer_init(&w, ctx, sink);
    parley_month_label(
        s->dynamics.present && s->dynamics.start ? s->dynamics.start_year : 0,
        s->dynamics.start_month, r->month, label, sizeof label);
    parley_i_writef(&w, "Sensitivity: %s, %s%s at month %d (%s)\n",
                    s->id ? s->id : s->file, r->label,
                    r->kind == PARLEY_OUTPUT_EVENT ? ": P(by month m)" : "",
                    r->month, label);
    if (!sobol) {
        parley_i_writef(&w, "Tornado: each uncertain input at its low and "
                            "its high, the others at their modes");
        if (r->draws > 1)
            parley_i_writef(&w,
                            "; each point the mean of %zu runs of the "
                            "dynamics noise (the same runs for every "
                            "point)",
                            r->draws);
        parley_i_writef(&w,
                        "\n%zu evaluations; output with every input at "
                        "its mode: %.6g",
                        r->evaluations, r->base);
        if (r->draws > 1)
            parley_i_writef(&w, " (standard error %.3g)", r->base_se);
        parley_i_writef(&w, "\n\n  %-40s %10s %10s %10s %12s %12s %10s\n",
                        "input", "low", "mode", "high", "output@low",
                        "output@high", "swing");
        for (i = 0; i < r->n_rows; i++) {
            const parley_sensitivity_row *row = &r->rows[i];

            parley_i_writef(&w,
                            "  %-40s %10.6g %10.6g %10.6g %12.6g %12.6g "
                            "%10.4g\n",
                            row->name, row->low, row->mode, row->high,
                            row->y_low, row->y_high, row->swing);
        }
    } else {
        parley_i_writef(&w,
                        "Sobol indices: first order (Saltelli et al. "
                        "2010) and total order (Jansen 1999); base "
                        "sample N = %zu, %zu evaluations; standard "
                        "errors by bootstrap\n",
                        r->draws, r->evaluations);
        parley_i_writef(&w, "output mean %.6g, variance %.6g\n", r->mean,
                        r->variance);
        parley_i_writef(&w, "\n  %-40s %10s %8s %10s %8s\n", "input", "first",
                        "(se)", "total", "(se)");
        for (i = 0; i < r->n_rows; i++) {
            const parley_sensitivity_row *row = &r->rows[i];

            parley_i_writef(&w, "  %-40s %10.4f %8.4f %10.4f %8.4f\n",
                            row->name, row->first, row->first_se, row->total,
                            row->total_se);
        }
        if (!(r->variance > 0))
            parley_i_writef(&w, "\nThe output does not vary over the "
                                "design: the indices are undefined.\n");
        parley_i_writef(&w, "\nInputs are treated as independent (blocs' "
                            "correlations are not applied).\n");
    }
    return w.status;
}

parley_status parley_sensitivity_write_json(parley_ctx *ctx,
                                            const parley_scenario *s,
                                            const parley_sensitivity *r,
                                            parley_sink sink)
{
    parley_writer w;
    parley_json j;
    size_t i;
    int sobol;

    if (!ctx || !s || !r || !sink.write)
        return PARLEY_EINVAL;
    sobol = r->method == PARLEY_SENSITIVITY_SOBOL;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_json_init(&j, &w, 1);
    parley_i_json_object(&j);
    parley_i_json_key(&j, "scenario");
    parley_i_json_string(&j, s->id ? s->id : s->file);
    parley_i_json_key(&j, "method");
    parley_i_json_string(&j, method_name(r->method));
    parley_i_json_key(&j, "output");
    parley_i_json_string(&j, r->output);
    parley_i_json_key(&j, "label");
    parley_i_json_string(&j, r->label);
    parley_i_json_key(&j, "kind");
    parley_i_json_string(&j,
                         r->kind == PARLEY_OUTPUT_EVENT ? "event" : "value");
    parley_i_json_key(&j, "month");
    parley_i_json_size(&j, (size_t)r->month);
    parley_i_json_key(&j, sobol ? "base_sample" : "replications");
    parley_i_json_size(&j, r->draws);
    parley_i_json_key(&j, "evaluations");
    parley_i_json_size(&j, r->evaluations);
    parley_i_json_key(&j, "seed");
    parley_i_json_size(&j, (size_t)r->seed);
    if (sobol) {
        parley_i_json_key(&j, "mean");
        parley_i_json_number(&j, r->mean);
        parley_i_json_key(&j, "variance");
        parley_i_json_number(&j, r->variance);
    } else {
        parley_i_json_key(&j, "base");
        parley_i_json_number(&j, r->base);
        parley_i_json_key(&j, "base_se");
        parley_i_json_number(&j, r->base_se);
    }
    parley_i_json_key(&j, "inputs");
    json_inputs(&j, r->inputs, r->n_inputs);
    parley_i_json_key(&j, "rows");
    parley_i_json_array(&j);
    for (i = 0; i < r->n_rows; i++) {
        const parley_sensitivity_row *row = &r->rows[i];

        parley_i_json_object(&j);
        parley_i_json_key(&j, "name");
        parley_i_json_string(&j, row->name);
        parley_i_json_key(&j, "low");
        parley_i_json_number(&j, row->low);
        parley_i_json_key(&j, "mode");
        parley_i_json_number(&j, row->mode);
        parley_i_json_key(&j, "high");
        parley_i_json_number(&j, row->high);
        if (sobol) {
            parley_i_json_key(&j, "first");
            parley_i_json_number(&j, row->first);
            parley_i_json_key(&j, "first_se");
            parley_i_json_number(&j, row->first_se);
            parley_i_json_key(&j, "total");
            parley_i_json_number(&j, row->total);
            parley_i_json_key(&j, "total_se");
            parley_i_json_number(&j, row->total_se);
        } else {
            parley_i_json_key(&j, "output_low");
            parley_i_json_number(&j, row->y_low);
            parley_i_json_key(&j, "output_high");
            parley_i_json_number(&j, row->y_high);
            parley_i_json_key(&j, "swing");
            parley_i_json_number(&j, row->swing);
        }
        parley_i_json_end_object(&j);
    }
    parley_i_json_end_array(&j);
    parley_i_json_end_object(&j);
    return w.status;
}
