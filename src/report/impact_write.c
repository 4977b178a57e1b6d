/*
 * impact_write.c -- text and JSON writers for `parley impact`: per
 * proposal its classification, acceptance, durability with the breakdown
 * by factor, and the third party's scorecard; the outcome-type and expected
 * scorecards.  Writers read results and write to a sink; they never
 * compute models.
 */
#include "report/common.h"
#include "report/json.h"
#include "report/sink.h"
#include "scenario/scenario.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *outcome_label(const parley_scenario *s, size_t o)
{
    return o < s->n_outcome_types && s->outcome_types[o].id
               ? s->outcome_types[o].id
               : "-";
}

static const char *basis_name(parley_score_basis b)
{
    switch (b) {
    case PARLEY_SCORE_BY_OUTCOME:
        return "by_outcome";
    case PARLEY_SCORE_FORMULA:
        return "formula";
    case PARLEY_SCORE_EXPECTED:
        return "expected";
    case PARLEY_SCORE_NONE:
        break;
    }
    return "none";
}

/* ---- conditions in words ------------------------------------------------- */

static void write_issue_list(parley_writer *w, const parley_scenario *s,
                             const size_t *issues, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        parley_i_writef(w, "%s%s", i ? ", " : "",
                        issues[i] < s->n_issues ? s->issues[issues[i]].id
                                                : "?");
}

static void write_bounds(parley_writer *w, double min, double max)
{
    if (isfinite(min) && isfinite(max) && min == max)
        parley_i_writef(w, " = %g", min);
    else if (isfinite(min) && isfinite(max))
        parley_i_writef(w, " in [%g, %g]", min, max);
    else if (isfinite(min))
        parley_i_writef(w, " >= %g", min);
    else if (isfinite(max))
        parley_i_writef(w, " <= %g", max);
}

static void write_options(parley_writer *w, const parley_scenario *s,
                          const parley_cond_option *o, size_t n)
{
    size_t j;

    for (j = 0; j < n; j++) {
        const char *id = o[j].issue < s->n_issues &&
                                 o[j].option < s->issues[o[j].issue].n_options
                             ? s->issues[o[j].issue].options[o[j].option].id
                             : "?";

        parley_i_writef(w, "%s%s", j ? ", " : "", id);
    }
}

static void write_node(parley_writer *w, const parley_scenario *s,
                       const parley_condition *c, size_t index, unsigned depth)
{
    const parley_cond *n;
    size_t j;

    if (index >= c->n_nodes || depth > 64)
        return;
    n = &c->nodes[index];
    switch (n->kind) {
    case PARLEY_COND_ISSUE:
        if (n->n_issues == 1) {
            write_issue_list(w, s, n->issues, 1);
        } else {
            parley_i_writef(w, "%s of (", n->match_all ? "each" : "any");
            write_issue_list(w, s, n->issues, n->n_issues);
            parley_i_writef(w, ")");
        }
        write_bounds(w, n->min, n->max);
        if (n->n_values) {
            parley_i_writef(w, " in {");
            for (j = 0; j < n->n_values; j++)
                parley_i_writef(w, "%s%g", j ? ", " : "", n->values[j]);
            parley_i_writef(w, "}");
        }
        if (n->n_options) {
            parley_i_writef(w, n->n_options == 1 ? " is " : " in {");
            write_options(w, s, n->options, n->n_options);
            if (n->n_options > 1)
                parley_i_writef(w, "}");
        }
        if (n->n_skip) {
            parley_i_writef(w, " (except at ");
            write_options(w, s, n->skip, n->n_skip);
            parley_i_writef(w, ")");
        }
        break;
    case PARLEY_COND_MEAN:
        parley_i_writef(w, "mean(");
        write_issue_list(w, s, n->issues, n->n_issues);
        parley_i_writef(w, ")");
        write_bounds(w, n->min, n->max);
        break;
    case PARLEY_COND_SET:
        write_issue_list(w, s, n->issues, n->n_issues);
        parley_i_writef(w, " set");
        break;
    case PARLEY_COND_OUTCOME:
        parley_i_writef(w, "outcome %s", n->n_refs > 1 ? "in {" : "");
        for (j = 0; j < n->n_refs; j++)
            parley_i_writef(w, "%s%s", j ? ", " : "",
                            outcome_label(s, n->refs[j]));
        parley_i_writef(w, "%s", n->n_refs > 1 ? "}" : "");
        break;
    case PARLEY_COND_ACCEPTED:
        parley_i_writef(w, "accepted by ");
        for (j = 0; j < n->n_refs; j++)
            parley_i_writef(w, "%s%s", j ? ", " : "",
                            n->refs[j] < s->n_actors ? s->actors[n->refs[j]].id
                                                     : "?");
        break;
    case PARLEY_COND_OUTSIDE:
        parley_i_writef(w, "outside %s's range on ",
                        n->actor < s->n_actors ? s->actors[n->actor].id : "?");
        if (n->n_issues) {
            parley_i_writef(w, "one of (");
            write_issue_list(w, s, n->issues, n->n_issues);
            parley_i_writef(w, ")");
        } else if (n->top_salience) {
            parley_i_writef(w, "one of its top-%zu salience issues",
                            n->top_salience);
        } else {
            parley_i_writef(w, "some issue");
        }
        if (n->n_skip) {
            parley_i_writef(w, " (except at ");
            write_options(w, s, n->skip, n->n_skip);
            parley_i_writef(w, ")");
        }
        break;
    case PARLEY_COND_ALL:
    case PARLEY_COND_ANY:
        for (j = 0; j < n->n_refs; j++) {
            const parley_cond *child =
                n->refs[j] < c->n_nodes ? &c->nodes[n->refs[j]] : NULL;
            int paren = child && (child->kind == PARLEY_COND_ALL ||
                                  child->kind == PARLEY_COND_ANY);

            if (j)
                parley_i_writef(w,
                                n->kind == PARLEY_COND_ALL ? " and " : " or ");
            parley_i_writef(w, "%s", paren ? "(" : "");
            write_node(w, s, c, n->refs[j], depth + 1);
            parley_i_writef(w, "%s", paren ? ")" : "");
        }
        break;
    case PARLEY_COND_NOT:
        parley_i_writef(w, "not (");
        if (n->n_refs == 1)
            write_node(w, s, c, n->refs[0], depth + 1);
        parley_i_writef(w, ")");
        break;
    }
}

/* ---- text ------------------------------------------------------------------
 */

static void write_range(parley_writer *w, double value, double low, double high)
{
    parley_i_writef(w, "%g outside ", value);
    if (isfinite(low) && isfinite(high))
        parley_i_writef(w, "[%g, %g]", low, high);
    else if (isfinite(low))
        parley_i_writef(w, ">= %g", low);
    else
        parley_i_writef(w, "<= %g", high);
}

/* 1 if actor a has anything to accept or reject: a range or a red line. */
static int has_limits(const parley_scenario *s, size_t a)
{
    size_t k;

    for (k = 0; k < s->n_issues; k++) {
        const parley_stance *st = parley_i_stance(s, a, k);

        if (st->present && (st->range_low.present || st->range_high.present))
            return 1;
    }
    for (k = 0; k < s->n_red_lines; k++)
        if (s->red_lines[k].active && s->red_lines[k].actor == a)
            return 1;
    return 0;
}

static void write_acceptance_text(parley_writer *w, const parley_scenario *s,
                                  const parley_proposal_impact *p)
{
    size_t a, shown = 0;

    parley_i_writef(w, "  acceptance:");
    for (a = 0; a < p->n_actors; a++) {
        const parley_acceptance *ac = &p->acceptance[a];

        if (!has_limits(s, a))
            continue;
        parley_i_writef(w, "%s %s %s", shown++ ? ";" : "", s->actors[a].id,
                        ac->accepted ? "yes" : "no");
        if (ac->accepted || ac->issue >= s->n_issues)
            continue;
        parley_i_writef(w, " (");
        if (ac->red_line)
            parley_i_writef(w, "red line %s: ", ac->red_line);
        parley_i_writef(w, "%s ", s->issues[ac->issue].id);
        if (ac->red_line && ac->value >= ac->low && ac->value <= ac->high)
            parley_i_writef(w, "%g is a vetoed option", ac->value);
        else
            write_range(w, ac->value, ac->low, ac->high);
        parley_i_writef(w, ")");
    }
    parley_i_writef(w, "%s\n",
                    shown ? ""
                          : " no actor has ranges or red "
                            "lines");
}

static void write_durability_text(parley_writer *w, const parley_scenario *s,
                                  const parley_durability *d)
{
    const parley_durability_model *m = &s->durability;
    size_t f, v, i;

    parley_i_writef(w, "  durability D = %.2f", d->score);
    if (d->raw != d->score)
        parley_i_writef(w, " (raw %.2f, clipped)", d->raw);
    parley_i_writef(w, " under %s\n",
                    d->outcome == PARLEY_NO_OUTCOME
                        ? "an unknown outcome type"
                        : outcome_label(s, d->outcome));
    parley_i_writef(w, "    %-6s %-52s %8.2f\n", "base", "", d->base);
    for (f = 0; f < d->n_factors && f < m->n_factors; f++) {
        const parley_durability_factor_score *fs = &d->factors[f];
        const parley_durability_factor *fa = &m->factors[f];
        char what[32];

        if (fs->share_veto != PARLEY_NO_INDEX && !isnan(fs->share)) {
            size_t yes = 0, all = 0;

            for (i = 0; i < d->n_verdicts; i++)
                if (d->verdicts[i].veto == fs->share_veto) {
                    all++;
                    yes += !d->verdicts[i].rejects;
                }
            snprintf(what, sizeof what, "share %zu/%zu", yes, all);
        } else {
            snprintf(what, sizeof what, "%s",
                     fa->when.n_nodes == 0 ? "always"
                     : fs->applies         ? "holds"
                                           : "-");
        }
        parley_i_writef(w, "    %-6s ", fs->id ? fs->id : "?");
        parley_i_write_clipped(w, fs->name ? fs->name : "", 40);
        {
            size_t cols = 0, c;

            /* display columns: one per UTF-8 lead byte, at most 40 */
            for (c = 0; fs->name && fs->name[c]; c++)
                cols += ((unsigned char)fs->name[c] & 0xC0) != 0x80;
            parley_i_writef(w, "%*s", (int)(cols >= 40 ? 0 : 40 - cols), "");
        }
        parley_i_writef(w, " %-11s %+8.2f\n", what, fs->points);
        if (fa->when.n_nodes) {
            parley_i_writef(w, "           when ");
            write_node(w, s, &fa->when, 0, 0);
            parley_i_writef(w, "\n");
        }
    }
    for (v = 0; v < m->n_vetoes; v++) {
        size_t shown = 0;

        parley_i_writef(w, "    %-6s", m->vetoes[v].id);
        for (i = 0; i < d->n_verdicts; i++) {
            const parley_durability_verdict *vd = &d->verdicts[i];

            if (vd->veto != v)
                continue;
            parley_i_writef(w, "%s %s %s", shown++ ? ";" : "",
                            s->actors[vd->actor].id,
                            vd->rejects ? "rejects" : "accepts");
            if (vd->rejects && vd->issue < s->n_issues) {
                parley_i_writef(w, " (%s ", s->issues[vd->issue].id);
                write_range(w, vd->value, vd->low, vd->high);
                parley_i_writef(w, ")");
            }
            if (vd->points != 0)
                parley_i_writef(w, " %+.2f", vd->points);
        }
        parley_i_writef(w, "\n");
    }
}

static void write_card_text(parley_writer *w, const parley_scenario *s,
                            const parley_scorecard *c, const char *indent)
{
    const parley_impact *im = &s->impacts[c->impact];
    size_t d, g, o;

    parley_i_writef(w, "%s%s", indent, im->id);
    if (im->name)
        parley_i_writef(w, " (%s)", im->name);
    if (c->probability) {
        parley_i_writef(w, " expected over");
        for (o = 0; o < c->n_outcomes; o++)
            if (c->probability[o] > 0)
                parley_i_writef(w, " %s %.4g", outcome_label(s, o),
                                c->probability[o]);
    } else if (c->outcome != PARLEY_NO_OUTCOME) {
        parley_i_writef(w, " under %s", outcome_label(s, c->outcome));
    } else {
        parley_i_writef(w, " under an unknown outcome type");
    }
    parley_i_writef(w, ": welfare %+.4f", c->welfare);
    for (g = 0; g < c->n_groups; g++)
        parley_i_writef(w, "%s %s %+.4f", g ? "," : ";", c->groups[g].group,
                        c->groups[g].welfare);
    parley_i_writef(w, "\n%s  %zu of %zu dimensions scored (weight %.4g)",
                    indent, c->n_scored, c->n_dims, c->weight_scored);
    if (c->has_durability)
        parley_i_writef(w, "; durability %.2f", c->durability);
    if (c->probability)
        parley_i_writef(w, "; coverage %.4g", c->coverage);
    parley_i_writef(w, "\n%s  %-6s %6s %-10s %7s %5s %7s %9s\n", indent, "dim",
                    "weight", "basis", "base", "adj", "score", "weighted");
    for (d = 0; d < c->n_dims; d++) {
        const parley_dimension_score *ds = &c->dims[d];

        parley_i_writef(w, "%s  %-6s %6.3g %-10s", indent, ds->id, ds->weight,
                        basis_name(ds->basis));
        if (isnan(ds->score)) {
            parley_i_writef(w, " %7s %5s %7s %9s\n", "-", "", "-", "-");
            continue;
        }
        parley_i_writef(w, " %+7.3f %5zu %+7.3f %+9.4f", ds->base,
                        ds->n_adjusted, ds->score, ds->weight * ds->score);
        if (ds->low != ds->high)
            parley_i_writef(w, "  (cell %g..%g)", ds->low, ds->high);
        if (ds->clipped)
            parley_i_writef(w, "  clipped");
        if (c->probability && ds->coverage < 1)
            parley_i_writef(w, "  coverage %.4g", ds->coverage);
        parley_i_writef(w, "\n");
    }
}

/* One scorecard as a text table. */
parley_status parley_scorecard_write_text(parley_ctx *ctx,
                                          const parley_scenario *s,
                                          const parley_scorecard *c,
                                          parley_sink sink)
{
    parley_writer w;

    if (!ctx || !s || !c || !sink.write || c->impact >= s->n_impacts)
        return PARLEY_EINVAL;
    parley_i_writer_init(&w, ctx, sink);
    write_card_text(&w, s, c, "");
    return w.status;
}

/* The `parley impact` report as text: per proposal its class,
 * acceptance, durability breakdown and scorecard; then the tables. */
parley_status parley_impact_write_text(parley_ctx *ctx,
                                       const parley_scenario *s,
                                       const parley_impact_report *r,
                                       const parley_impact_options *o,
                                       parley_sink sink)
{
    parley_writer w;
    size_t i;

    (void)o;
    if (!ctx || !s || !r || !sink.write)
        return PARLEY_EINVAL;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_writef(&w, "Impact: %s", s->id ? s->id : s->file);
    if (s->name)
        parley_i_writef(&w, " -- %s", s->name);
    parley_i_writef(&w, "\n");
    if (r->impact < s->n_impacts)
        parley_i_writef(&w, "impact model %s: %zu dimensions; ",
                        s->impacts[r->impact].id, s->impacts[r->impact].n_dims);
    else
        parley_i_writef(&w, "no impact model; ");
    if (s->durability.present)
        parley_i_writef(
            &w,
            "durability: %zu factor%s, %zu veto%s, clip "
            "[%g, %g]\n",
            s->durability.n_factors, s->durability.n_factors == 1 ? "" : "s",
            s->durability.n_vetoes, s->durability.n_vetoes == 1 ? "" : "es",
            s->durability.clip_min, s->durability.clip_max);
    else
        parley_i_writef(&w, "no durability model\n");
    parley_i_writef(&w, "open issues take their status quo; acceptance is "
                        "on the issues a package sets\n");
    for (i = 0; i < r->n_proposals; i++) {
        const parley_proposal_impact *p = &r->proposals[i];
        const parley_proposal *pr = &s->proposals[p->proposal];

        parley_i_writef(&w, "\n%s", pr->id);
        if (pr->name) {
            parley_i_writef(&w, "  ");
            parley_i_write_clipped(&w, pr->name, 70);
        }
        parley_i_writef(&w, "\n  sets %zu of %zu issues; ", p->cls.n_set,
                        s->n_issues);
        if (p->classified)
            parley_i_writef(&w, "outcome %s, %s if signed; ",
                            outcome_label(s, p->cls.outcome),
                            outcome_label(s, p->cls.outcome_if_signed));
        else
            parley_i_writef(&w, "no classification rules; ");
        parley_i_writef(&w, "scored as %s%s\n", outcome_label(s, p->outcome),
                        p->outcome_given ? " (given)" : "");
        write_acceptance_text(&w, s, p);
        if (p->durability)
            write_durability_text(&w, s, p->durability);
        if (p->scorecard)
            write_card_text(&w, s, p->scorecard, "  ");
    }
    if (r->n_outcome_cards) {
        parley_i_writef(&w, "\nBy outcome type (the outcome x dimension "
                            "matrix, no package)\n");
        parley_i_writef(&w, "  %-6s %9s", "type", "welfare");
        if (r->outcome_cards[0]->n_groups)
            for (i = 0; i < r->outcome_cards[0]->n_groups; i++)
                parley_i_writef(&w, " %10.10s",
                                r->outcome_cards[0]->groups[i].group);
        parley_i_writef(&w, " %8s\n", "scored");
        for (i = 0; i < r->n_outcome_cards; i++) {
            const parley_scorecard *c = r->outcome_cards[i];
            size_t g;

            parley_i_writef(&w, "  %-6s", outcome_label(s, i));
            if (c->n_scored == 0) {
                parley_i_writef(&w, " %9s", "-");
                for (g = 0; g < c->n_groups; g++)
                    parley_i_writef(&w, " %10s", "-");
                parley_i_writef(&w, " %5zu/%zu\n", c->n_scored, c->n_dims);
                continue;
            }
            parley_i_writef(&w, " %+9.4f", c->welfare);
            for (g = 0; g < c->n_groups; g++)
                parley_i_writef(&w, " %+10.4f", c->groups[g].welfare);
            parley_i_writef(&w, " %5zu/%zu\n", c->n_scored, c->n_dims);
        }
    }
    if (r->expected) {
        parley_i_writef(&w, "\nExpected scorecard");
        if (o && !o->distribution && o->probability_label)
            parley_i_writef(&w, " under %s", o->probability_label);
        parley_i_writef(&w, "\n");
        write_card_text(&w, s, r->expected, "  ");
    }
    return w.status;
}

/* ---- JSON ------------------------------------------------------------------
 */

static void json_outcome(parley_json *j, const parley_scenario *s, size_t o)
{
    if (o < s->n_outcome_types)
        parley_i_json_string(j, s->outcome_types[o].id);
    else
        parley_i_json_null(j);
}

static void json_issue(parley_json *j, const parley_scenario *s, size_t k)
{
    if (k < s->n_issues)
        parley_i_json_string(j, s->issues[k].id);
    else
        parley_i_json_null(j);
}

void parley_i_json_scorecard(parley_json *j, const parley_scenario *s,
                      const parley_scorecard *c)
{
    size_t d, g, o;

    parley_i_json_object(j);
    parley_i_json_member_string(j, "impact", s->impacts[c->impact].id);
    parley_i_json_key(j, "outcome");
    json_outcome(j, s, c->outcome);
    parley_i_json_member_bool(j, "package", c->package);
    parley_i_json_key(j, "durability");
    if (c->has_durability)
        parley_i_json_number(j, c->durability);
    else
        parley_i_json_null(j);
    parley_i_json_member_number(j, "welfare", c->welfare);
    parley_i_json_member_number(j, "weight_scored", c->weight_scored);
    parley_i_json_member_size(j, "dimensions_scored", c->n_scored);
    parley_i_json_key(j, "groups");
    parley_i_json_object(j);
    for (g = 0; g < c->n_groups; g++) {
        parley_i_json_key(j, c->groups[g].group);
        parley_i_json_number(j, c->groups[g].welfare);
    }
    parley_i_json_end_object(j);
    if (c->probability) {
        parley_i_json_key(j, "probability");
        parley_i_json_object(j);
        for (o = 0; o < c->n_outcomes; o++) {
            parley_i_json_key(j, outcome_label(s, o));
            parley_i_json_number(j, c->probability[o]);
        }
        parley_i_json_end_object(j);
        parley_i_json_member_number(j, "coverage", c->coverage);
    }
    parley_i_json_key(j, "dimensions");
    parley_i_json_array(j);
    for (d = 0; d < c->n_dims; d++) {
        const parley_dimension_score *ds = &c->dims[d];

        parley_i_json_object(j);
        parley_i_json_member_string(j, "id", ds->id);
        parley_i_json_member_string(j, "name", ds->name);
        parley_i_json_member_string(j, "group", ds->group);
        parley_i_json_member_number(j, "weight", ds->weight);
        parley_i_json_member_string(j, "basis", basis_name(ds->basis));
        parley_i_json_member_number(j, "base", ds->base);
        parley_i_json_member_number(j, "low", ds->low);
        parley_i_json_member_number(j, "high", ds->high);
        parley_i_json_member_size(j, "adjustments", ds->n_adjusted);
        parley_i_json_member_number(j, "score", ds->score);
        parley_i_json_member_bool(j, "clipped", ds->clipped);
        parley_i_json_member_number(j, "coverage", ds->coverage);
        parley_i_json_end_object(j);
    }
    parley_i_json_end_array(j);
    parley_i_json_end_object(j);
}

void parley_i_json_durability(parley_json *j, const parley_scenario *s,
                            const parley_durability *d)
{
    size_t f, i;

    parley_i_json_object(j);
    parley_i_json_key(j, "outcome");
    json_outcome(j, s, d->outcome);
    parley_i_json_member_number(j, "score", d->score);
    parley_i_json_member_number(j, "raw", d->raw);
    parley_i_json_member_number(j, "base", d->base);
    parley_i_json_key(j, "clip");
    parley_i_json_array(j);
    parley_i_json_number(j, d->clip_min); /* null when unbounded */
    parley_i_json_number(j, d->clip_max);
    parley_i_json_end_array(j);
    parley_i_json_key(j, "factors");
    parley_i_json_array(j);
    for (f = 0; f < d->n_factors; f++) {
        const parley_durability_factor_score *fs = &d->factors[f];

        parley_i_json_object(j);
        parley_i_json_member_string(j, "id", fs->id);
        parley_i_json_member_string(j, "name", fs->name);
        parley_i_json_member_bool(j, "applies", fs->applies);
        parley_i_json_key(j, "share_veto");
        if (fs->share_veto < s->durability.n_vetoes)
            parley_i_json_string(j, s->durability.vetoes[fs->share_veto].id);
        else
            parley_i_json_null(j);
        parley_i_json_member_number(j, "share", fs->share);
        parley_i_json_member_number(j, "points", fs->points);
        parley_i_json_end_object(j);
    }
    parley_i_json_end_array(j);
    parley_i_json_key(j, "verdicts");
    parley_i_json_array(j);
    for (i = 0; i < d->n_verdicts; i++) {
        const parley_durability_verdict *v = &d->verdicts[i];

        parley_i_json_object(j);
        parley_i_json_member_string(j, "veto", v->veto_id);
        parley_i_json_member_string(j, "actor", s->actors[v->actor].id);
        parley_i_json_member_bool(j, "rejects", v->rejects);
        parley_i_json_key(j, "issue");
        json_issue(j, s, v->issue);
        parley_i_json_member_number(j, "value", v->value);
        parley_i_json_member_number(j, "low", v->low);
        parley_i_json_member_number(j, "high", v->high);
        parley_i_json_member_number(j, "points", v->points);
        parley_i_json_end_object(j);
    }
    parley_i_json_end_array(j);
    parley_i_json_end_object(j);
}

/* One scorecard as JSON. */
parley_status parley_scorecard_write_json(parley_ctx *ctx,
                                          const parley_scenario *s,
                                          const parley_scorecard *c,
                                          parley_sink sink)
{
    parley_writer w;
    parley_json j;

    if (!ctx || !s || !c || !sink.write || c->impact >= s->n_impacts)
        return PARLEY_EINVAL;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_json_init(&j, &w, 1);
    parley_i_json_scorecard(&j, s, c);
    return w.status;
}

/* The `parley impact` report as one JSON object. */
parley_status parley_impact_write_json(parley_ctx *ctx,
                                       const parley_scenario *s,
                                       const parley_impact_report *r,
                                       const parley_impact_options *o,
                                       parley_sink sink)
{
    parley_writer w;
    parley_json j;
    size_t i, a;

    (void)o;
    if (!ctx || !s || !r || !sink.write)
        return PARLEY_EINVAL;
    parley_i_writer_init(&w, ctx, sink);
    parley_i_json_init(&j, &w, 1);
    parley_i_json_object(&j);
    parley_i_json_member_string(&j, "scenario", s->id);
    parley_i_json_key(&j, "impact");
    if (r->impact < s->n_impacts)
        parley_i_json_string(&j, s->impacts[r->impact].id);
    else
        parley_i_json_null(&j);
    parley_i_json_key(&j, "proposals");
    parley_i_json_array(&j);
    for (i = 0; i < r->n_proposals; i++) {
        const parley_proposal_impact *p = &r->proposals[i];

        parley_i_json_object(&j);
        parley_i_json_member_string(&j, "id", s->proposals[p->proposal].id);
        parley_i_json_member_string(&j, "name", s->proposals[p->proposal].name);
        parley_i_json_member_size(&j, "issues_set", p->cls.n_set);
        parley_i_json_member_bool(&j, "classified", p->classified);
        parley_i_json_key(&j, "outcome");
        json_outcome(&j, s, p->cls.outcome);
        parley_i_json_key(&j, "outcome_if_signed");
        json_outcome(&j, s, p->cls.outcome_if_signed);
        parley_i_json_key(&j, "outcome_scored");
        json_outcome(&j, s, p->outcome);
        parley_i_json_member_bool(&j, "outcome_given", p->outcome_given);
        parley_i_json_key(&j, "acceptance");
        parley_i_json_array(&j);
        for (a = 0; a < p->n_actors; a++) {
            const parley_acceptance *ac = &p->acceptance[a];

            parley_i_json_object(&j);
            parley_i_json_member_string(&j, "actor", s->actors[a].id);
            parley_i_json_member_bool(&j, "accepted", ac->accepted);
            parley_i_json_member_string(&j, "red_line", ac->red_line);
            parley_i_json_key(&j, "issue");
            json_issue(&j, s, ac->issue);
            parley_i_json_member_number(&j, "value", ac->value);
            parley_i_json_member_number(&j, "low", ac->low);
            parley_i_json_member_number(&j, "high", ac->high);
            parley_i_json_end_object(&j);
        }
        parley_i_json_end_array(&j);
        parley_i_json_key(&j, "durability");
        if (p->durability)
            parley_i_json_durability(&j, s, p->durability);
        else
            parley_i_json_null(&j);
        parley_i_json_key(&j, "scorecard");
        if (p->scorecard)
            parley_i_json_scorecard(&j, s, p->scorecard);
        else
            parley_i_json_null(&j);
        parley_i_json_end_object(&j);
    }
    parley_i_json_end_array(&j);
    parley_i_json_key(&j, "outcome_scorecards");
    parley_i_json_array(&j);
    for (i = 0; i < r->n_outcome_cards; i++)
        parley_i_json_scorecard(&j, s, r->outcome_cards[i]);
    parley_i_json_end_array(&j);
    parley_i_json_key(&j, "expected_under");
    if (r->expected && o && o->distribution)
        parley_i_json_string(&j, o->distribution);
    else if (r->expected && o && o->probability_label)
        parley_i_json_string(&j, o->probability_label);
    else
        parley_i_json_null(&j);
    parley_i_json_key(&j, "expected");
    if (r->expected)
        parley_i_json_scorecard(&j, s, r->expected);
    else
        parley_i_json_null(&j);
    parley_i_json_end_object(&j);
    return w.status;
}
