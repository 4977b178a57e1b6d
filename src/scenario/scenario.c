/*
 * scenario.c -- life cycle, accessors and common validation of the
 * in-memory scenario, and the loader front door that picks a format.
 */
#include "scenario/scenario.h"

#include <float.h>
#include <math.h>
#include <string.h>

parley_num parley_i_num_point(double value)
{
    parley_num n;

    memset(&n, 0, sizeof n);
    n.mode = n.low = n.high = value;
    n.source = PARLEY_NO_INDEX;
    n.present = 1;
    return n;
}

parley_scenario *parley_i_scenario_new(const parley_ctx *ctx)
{
    parley_scenario *s = parley_i_alloc(ctx, sizeof *s);

    if (!s)
        return NULL;
    s->ctx = ctx;
    return s;
}

parley_status parley_i_scenario_alloc_stances(parley_ctx *ctx,
                                              parley_scenario *s,
                                              const char *name)
{
    size_t i, n;

    if ((s->n_issues && s->n_actors > ((size_t)-1) / s->n_issues) ||
        s->n_actors * s->n_issues > ctx->limits.max_stances)
        return parley_i_error(ctx, PARLEY_ELIMIT, name, 0, 0,
                              "%zu actors x %zu issues exceed the limit of "
                              "%zu actor-issue cells, expected fewer (raise "
                              "it with --max-stances)",
                              s->n_actors, s->n_issues,
                              ctx->limits.max_stances);
    n = s->n_actors * s->n_issues;
    s->stances = parley_i_alloc_array(ctx, n ? n : 1, sizeof *s->stances);
    if (!s->stances)
        return parley_i_nomem(ctx);
    for (i = 0; i < n; i++) {
        s->stances[i].source = PARLEY_NO_INDEX;
        s->stances[i].position.source = PARLEY_NO_INDEX;
        s->stances[i].salience.source = PARLEY_NO_INDEX;
        s->stances[i].range_low.source = PARLEY_NO_INDEX;
        s->stances[i].range_high.source = PARLEY_NO_INDEX;
    }
    return PARLEY_OK;
}

#define FREE_ARRAY(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

static void free_condition(const parley_ctx *ctx, parley_condition *c)
{
    size_t i;

    for (i = 0; i < c->n_nodes; i++) {
        parley_cond *n = &c->nodes[i];

        FREE_ARRAY(ctx, n->issues, n->n_issues);
        FREE_ARRAY(ctx, n->options, n->n_options);
        FREE_ARRAY(ctx, n->values, n->n_values);
        FREE_ARRAY(ctx, n->skip, n->n_skip);
        FREE_ARRAY(ctx, n->refs, n->n_refs);
    }
    FREE_ARRAY(ctx, c->nodes, c->n_nodes);
    c->nodes = NULL;
    c->n_nodes = 0;
}

static void free_terms(const parley_ctx *ctx, parley_impact_term *terms,
                       size_t n)
{
    size_t j;

    for (j = 0; j < n; j++)
        FREE_ARRAY(ctx, terms[j].mean_issues, terms[j].n_mean_issues);
    FREE_ARRAY(ctx, terms, n);
}

static void free_durability(const parley_ctx *ctx,
                            parley_durability_model *m)
{
    size_t i;

    for (i = 0; i < m->n_factors; i++) {
        parley_durability_factor *f = &m->factors[i];

        parley_i_strfree(ctx, f->id);
        parley_i_strfree(ctx, f->name);
        parley_i_strfree(ctx, f->note);
        free_condition(ctx, &f->when);
        free_terms(ctx, f->terms, f->n_terms);
    }
    FREE_ARRAY(ctx, m->factors, m->n_factors);
    for (i = 0; i < m->n_vetoes; i++) {
        parley_durability_veto *v = &m->vetoes[i];

        parley_i_strfree(ctx, v->id);
        parley_i_strfree(ctx, v->name);
        parley_i_strfree(ctx, v->note);
        FREE_ARRAY(ctx, v->actors, v->n_actors);
        FREE_ARRAY(ctx, v->issues, v->n_issues);
        FREE_ARRAY(ctx, v->skip, v->n_skip);
    }
    FREE_ARRAY(ctx, m->vetoes, m->n_vetoes);
    parley_i_strfree(ctx, m->note);
}

static void free_end_rule(const parley_ctx *ctx, parley_end_rule *r)
{
    FREE_ARRAY(ctx, r->tests, r->n_tests);
    parley_i_strfree(ctx, r->note);
}

static void free_negotiation(const parley_ctx *ctx,
                             parley_negotiation_rules *n)
{
    FREE_ARRAY(ctx, n->signatories, n->n_signatories);
    free_end_rule(ctx, &n->armistice);
    free_end_rule(ctx, &n->frozen);
    free_end_rule(ctx, &n->collapse);
    parley_i_strfree(ctx, n->note);
}

static void free_impact(const parley_ctx *ctx, parley_impact *im,
                        size_t n_outcomes)
{
    size_t d, j;

    parley_i_strfree(ctx, im->id);
    parley_i_strfree(ctx, im->name);
    for (d = 0; d < im->n_dims; d++) {
        parley_impact_dim *dim = &im->dims[d];

        parley_i_strfree(ctx, dim->id);
        parley_i_strfree(ctx, dim->name);
        parley_i_strfree(ctx, dim->note);
        FREE_ARRAY(ctx, dim->by_outcome, n_outcomes);
        FREE_ARRAY(ctx, dim->by_outcome_flag, n_outcomes);
        FREE_ARRAY(ctx, dim->by_outcome_low, n_outcomes);
        FREE_ARRAY(ctx, dim->by_outcome_high, n_outcomes);
        parley_i_strfree(ctx, dim->group);
        free_terms(ctx, dim->terms, dim->n_terms);
        FREE_ARRAY(ctx, dim->formula_outcomes, dim->n_formula_outcomes);
        for (j = 0; j < dim->n_adjust; j++)
            FREE_ARRAY(ctx, dim->adjust[j].outcomes,
                       dim->adjust[j].n_outcomes);
        FREE_ARRAY(ctx, dim->adjust, dim->n_adjust);
    }
    FREE_ARRAY(ctx, im->dims, im->n_dims);
}

/* Frees everything a scenario owns.  Safe on partially built scenarios:
 * every count matches what was allocated, every pointer is NULL or owned. */
void parley_scenario_free(parley_scenario *s)
{
    const parley_ctx *ctx;
    size_t i, k;

    if (!s)
        return;
    ctx = s->ctx;
    parley_i_strfree(ctx, s->file);
    parley_i_strfree(ctx, s->id);
    parley_i_strfree(ctx, s->name);
    parley_i_strfree(ctx, s->description);
    parley_i_strfree(ctx, s->date);
    for (i = 0; i < s->n_sources; i++) {
        parley_i_strfree(ctx, s->sources[i].id);
        parley_i_strfree(ctx, s->sources[i].title);
        parley_i_strfree(ctx, s->sources[i].file);
        parley_i_strfree(ctx, s->sources[i].date);
        parley_i_strfree(ctx, s->sources[i].url);
    }
    FREE_ARRAY(ctx, s->sources, s->n_sources);
    if (s->stances) {
        for (i = 0; i < s->n_actors; i++)
            for (k = 0; k < s->n_issues; k++) {
                parley_stance *st = parley_i_stance(s, i, k);

                FREE_ARRAY(ctx, st->option_values, s->issues[k].n_options);
                parley_i_strfree(ctx, st->note);
            }
        size_t n = s->n_actors * s->n_issues;

        parley_i_free(ctx, s->stances, (n ? n : 1) * sizeof *s->stances);
    }
    for (i = 0; i < s->n_actors; i++) {
        parley_i_strfree(ctx, s->actors[i].id);
        parley_i_strfree(ctx, s->actors[i].name);
        parley_i_strfree(ctx, s->actors[i].note);
    }
    FREE_ARRAY(ctx, s->actors, s->n_actors);
    for (k = 0; k < s->n_issues; k++) {
        parley_issue *is = &s->issues[k];

        parley_i_strfree(ctx, is->id);
        parley_i_strfree(ctx, is->name);
        parley_i_strfree(ctx, is->description);
        for (i = 0; i < is->n_anchors; i++)
            parley_i_strfree(ctx, is->anchors[i].label);
        FREE_ARRAY(ctx, is->anchors, is->n_anchors);
        for (i = 0; i < is->n_options; i++) {
            parley_i_strfree(ctx, is->options[i].id);
            parley_i_strfree(ctx, is->options[i].label);
        }
        FREE_ARRAY(ctx, is->options, is->n_options);
    }
    FREE_ARRAY(ctx, s->issues, s->n_issues);
    for (i = 0; i < s->n_red_lines; i++) {
        parley_i_strfree(ctx, s->red_lines[i].id);
        parley_i_strfree(ctx, s->red_lines[i].until);
        parley_i_strfree(ctx, s->red_lines[i].note);
        FREE_ARRAY(ctx, s->red_lines[i].options, s->red_lines[i].n_options);
    }
    FREE_ARRAY(ctx, s->red_lines, s->n_red_lines);
    for (i = 0; i < s->n_ratifications; i++) {
        parley_i_strfree(ctx, s->ratifications[i].id);
        parley_i_strfree(ctx, s->ratifications[i].arena);
        parley_i_strfree(ctx, s->ratifications[i].note);
    }
    FREE_ARRAY(ctx, s->ratifications, s->n_ratifications);
    for (i = 0; i < s->n_linkages; i++) {
        parley_i_strfree(ctx, s->linkages[i].id);
        parley_i_strfree(ctx, s->linkages[i].note);
    }
    FREE_ARRAY(ctx, s->linkages, s->n_linkages);
    for (i = 0; i < s->n_proposals; i++) {
        parley_proposal *p = &s->proposals[i];

        parley_i_strfree(ctx, p->id);
        parley_i_strfree(ctx, p->name);
        parley_i_strfree(ctx, p->date);
        parley_i_strfree(ctx, p->note);
        if (p->terms) {
            for (k = 0; k < s->n_issues; k++)
                parley_i_strfree(ctx, p->terms[k].note);
            FREE_ARRAY(ctx, p->terms, s->n_issues);
        }
    }
    FREE_ARRAY(ctx, s->proposals, s->n_proposals);
    for (i = 0; i < s->n_outcome_types; i++) {
        parley_i_strfree(ctx, s->outcome_types[i].id);
        parley_i_strfree(ctx, s->outcome_types[i].name);
        parley_i_strfree(ctx, s->outcome_types[i].note);
        free_condition(ctx, &s->outcome_types[i].when);
    }
    FREE_ARRAY(ctx, s->outcome_types, s->n_outcome_types);
    free_durability(ctx, &s->durability);
    parley_i_strfree(ctx, s->dynamics.start);
    for (i = 0; i < s->dynamics.n_variables; i++) {
        parley_variable *v = &s->dynamics.variables[i];

        parley_i_strfree(ctx, v->id);
        parley_i_strfree(ctx, v->name);
        parley_i_strfree(ctx, v->unit);
        FREE_ARRAY(ctx, v->inputs, v->n_inputs);
    }
    FREE_ARRAY(ctx, s->dynamics.variables, s->dynamics.n_variables);
    for (i = 0; i < s->dynamics.n_shocks; i++) {
        parley_i_strfree(ctx, s->dynamics.shocks[i].id);
        parley_i_strfree(ctx, s->dynamics.shocks[i].note);
    }
    FREE_ARRAY(ctx, s->dynamics.shocks, s->dynamics.n_shocks);
    for (i = 0; i < s->dynamics.n_couplings; i++) {
        parley_i_strfree(ctx, s->dynamics.couplings[i].id);
        parley_i_strfree(ctx, s->dynamics.couplings[i].note);
    }
    FREE_ARRAY(ctx, s->dynamics.couplings, s->dynamics.n_couplings);
    for (i = 0; i < s->n_impacts; i++)
        free_impact(ctx, &s->impacts[i], s->n_outcome_types);
    FREE_ARRAY(ctx, s->impacts, s->n_impacts);
    for (i = 0; i < s->n_blocs; i++) {
        parley_i_strfree(ctx, s->blocs[i].id);
        parley_i_strfree(ctx, s->blocs[i].name);
        parley_i_strfree(ctx, s->blocs[i].note);
        FREE_ARRAY(ctx, s->blocs[i].actors, s->blocs[i].n_actors);
    }
    FREE_ARRAY(ctx, s->blocs, s->n_blocs);
    free_negotiation(ctx, &s->negotiation);
    parley_i_free(ctx, s, sizeof *s);
}

/*
 * Checks that hold for every scenario whatever its format.  Loaders report
 * format-specific errors with positions; this catches what is left.
 */
parley_status parley_i_scenario_check(parley_ctx *ctx,
                                      const parley_scenario *s)
{
    const parley_limits *lim = &ctx->limits;
    parley_status status = PARLEY_OK;
    size_t a, k, b;

    if (s->n_actors > lim->max_actors)
        return parley_i_error(ctx, PARLEY_ELIMIT, s->file, 0, 0,
                              "%zu actors exceed the limit of %zu, expected "
                              "fewer (raise it with --max-actors)",
                              s->n_actors, lim->max_actors);
    if (s->n_issues > lim->max_issues)
        return parley_i_error(ctx, PARLEY_ELIMIT, s->file, 0, 0,
                              "%zu issues exceed the limit of %zu, expected "
                              "fewer (raise it with --max-issues)",
                              s->n_issues, lim->max_issues);
    for (a = 0; a < s->n_actors; a++)
        for (b = a + 1; b < s->n_actors; b++)
            if (strcmp(s->actors[a].id, s->actors[b].id) == 0) {
                status = parley_i_error(
                    ctx, PARLEY_EVALID, s->file, s->actors[b].capability.line,
                    s->actors[b].capability.col,
                    "duplicate actor id '%s', expected unique actor ids",
                    s->actors[b].id);
            }
    for (k = 0; k < s->n_issues; k++) {
        const parley_issue *is = &s->issues[k];

        if (is->n_options > lim->max_options)
            return parley_i_error(
                ctx, PARLEY_ELIMIT, s->file, 0, 0,
                "issue '%s' has %zu options, over the limit of %zu (raise it "
                "with --max-options)",
                is->id, is->n_options, lim->max_options);
        if (!(is->scale_max > is->scale_min))
            status = parley_i_error(ctx, PARLEY_EVALID, s->file, 0, 0,
                                    "issue '%s' has an empty scale [%g, %g], "
                                    "expected min < max",
                                    is->id, is->scale_min, is->scale_max);
        for (b = k + 1; b < s->n_issues; b++)
            if (strcmp(is->id, s->issues[b].id) == 0)
                status = parley_i_error(
                    ctx, PARLEY_EVALID, s->file, 0, 0,
                    "duplicate issue id '%s', expected unique issue ids",
                    is->id);
    }
    for (a = 0; a < s->n_actors; a++) {
        const parley_num *c = &s->actors[a].capability;

        if (!isfinite(c->mode) || c->mode < 0)
            status = parley_i_error(
                ctx, PARLEY_EVALID, s->file, c->line, c->col,
                "actor '%s' has capability %g, expected a finite number >= 0",
                s->actors[a].id, c->mode);
        for (k = 0; k < s->n_issues && s->stances; k++) {
            const parley_stance *st = parley_i_stance(s, a, k);

            if (!st->present)
                continue;
            if (!isfinite(st->salience.mode) || st->salience.mode < 0)
                status = parley_i_error(
                    ctx, PARLEY_EVALID, s->file, st->salience.line,
                    st->salience.col,
                    "actor '%s' on issue '%s': salience %g, expected a "
                    "finite number >= 0",
                    s->actors[a].id, s->issues[k].id, st->salience.mode);
            if (!isfinite(st->position.mode))
                status = parley_i_error(
                    ctx, PARLEY_EVALID, s->file, st->position.line,
                    st->position.col,
                    "actor '%s' on issue '%s': position is not a finite "
                    "number, expected a value on the issue's scale",
                    s->actors[a].id, s->issues[k].id);
        }
    }
    return status;
}

void parley_scenario_summarise(const parley_scenario *s,
                               parley_scenario_summary *sum)
{
    size_t a, k, i;

    memset(sum, 0, sizeof *sum);
    if (!s)
        return;
    sum->format = s->format;
    sum->actors = s->n_actors;
    sum->issues = s->n_issues;
    sum->proposals = s->n_proposals;
    sum->red_lines = s->n_red_lines;
    sum->ratifications = s->n_ratifications;
    sum->linkages = s->n_linkages;
    sum->variables = s->dynamics.n_variables;
    sum->shocks = s->dynamics.n_shocks;
    sum->couplings = s->dynamics.n_couplings;
    sum->impacts = s->n_impacts;
    sum->sources = s->n_sources;
    sum->end_rules = (size_t)s->negotiation.armistice.present +
                     s->negotiation.frozen.present +
                     s->negotiation.collapse.present;
    for (k = 0; k < s->n_issues; k++) {
        sum->options += s->issues[k].n_options;
        if (!isnan(s->issues[k].outcome))
            sum->outcomes++;
    }
    for (a = 0; a < s->n_actors; a++) {
        sum->uncertain += s->actors[a].capability.uncertain;
        sum->uncertain += s->actors[a].reservation.uncertain;
        sum->uncertain += s->actors[a].risk.uncertain;
        for (k = 0; k < s->n_issues && s->stances; k++) {
            const parley_stance *st = parley_i_stance(s, a, k);

            if (!st->present)
                continue;
            sum->stances++;
            sum->uncertain += st->position.uncertain;
            sum->uncertain += st->salience.uncertain;
            sum->uncertain += st->range_low.uncertain;
            sum->uncertain += st->range_high.uncertain;
        }
    }
    for (i = 0; i < s->dynamics.n_variables; i++) {
        const parley_variable *v = &s->dynamics.variables[i];

        sum->uncertain += v->initial.uncertain + v->drift.uncertain +
                          v->noise.uncertain + v->rho.uncertain +
                          v->mean.uncertain;
    }
    for (i = 0; i < s->dynamics.n_shocks; i++)
        sum->uncertain += s->dynamics.shocks[i].delta.uncertain +
                          s->dynamics.shocks[i].probability.uncertain;
    for (i = 0; i < s->dynamics.n_couplings; i++)
        sum->uncertain += s->dynamics.couplings[i].coef.uncertain;
    for (i = 0; i < s->n_linkages; i++)
        sum->uncertain += s->linkages[i].weight.uncertain;
    for (i = 0; i < s->n_ratifications; i++)
        sum->uncertain += s->ratifications[i].pass_probability.uncertain;
}

/* ---- accessors ---------------------------------------------------------- */

const char *parley_scenario_id(const parley_scenario *s)
{
    return s && s->id ? s->id : "";
}
const char *parley_scenario_name(const parley_scenario *s)
{
    return s && s->name ? s->name : "";
}
size_t parley_scenario_n_actors(const parley_scenario *s)
{
    return s ? s->n_actors : 0;
}
size_t parley_scenario_n_issues(const parley_scenario *s)
{
    return s ? s->n_issues : 0;
}
size_t parley_scenario_n_proposals(const parley_scenario *s)
{
    return s ? s->n_proposals : 0;
}
const char *parley_actor_id(const parley_scenario *s, size_t a)
{
    return s && a < s->n_actors ? s->actors[a].id : NULL;
}
const char *parley_actor_name(const parley_scenario *s, size_t a)
{
    if (!s || a >= s->n_actors)
        return NULL;
    return s->actors[a].name ? s->actors[a].name : s->actors[a].id;
}
double parley_actor_capability(const parley_scenario *s, size_t a)
{
    return s && a < s->n_actors ? s->actors[a].capability.mode : NAN;
}
size_t parley_actor_find(const parley_scenario *s, const char *id)
{
    size_t a;

    for (a = 0; s && id && a < s->n_actors; a++)
        if (strcmp(s->actors[a].id, id) == 0)
            return a;
    return PARLEY_NO_INDEX;
}
size_t parley_issue_find(const parley_scenario *s, const char *id)
{
    size_t k;

    for (k = 0; s && id && k < s->n_issues; k++)
        if (strcmp(s->issues[k].id, id) == 0)
            return k;
    return PARLEY_NO_INDEX;
}
const char *parley_issue_id(const parley_scenario *s, size_t k)
{
    return s && k < s->n_issues ? s->issues[k].id : NULL;
}
const char *parley_issue_name(const parley_scenario *s, size_t k)
{
    if (!s || k >= s->n_issues)
        return NULL;
    return s->issues[k].name ? s->issues[k].name : s->issues[k].id;
}
double parley_issue_scale_min(const parley_scenario *s, size_t k)
{
    return s && k < s->n_issues ? s->issues[k].scale_min : NAN;
}
double parley_issue_scale_max(const parley_scenario *s, size_t k)
{
    return s && k < s->n_issues ? s->issues[k].scale_max : NAN;
}
double parley_issue_outcome(const parley_scenario *s, size_t k)
{
    return s && k < s->n_issues ? s->issues[k].outcome : NAN;
}

/* Nearest anchor label; falls back to option labels.  Ties go to the
 * anchor listed first. */
const char *parley_issue_nearest_label(const parley_scenario *s, size_t k,
                                       double value)
{
    const parley_issue *is;
    const char *best = NULL;
    double best_d = DBL_MAX;
    size_t i;

    if (!s || k >= s->n_issues || !isfinite(value))
        return NULL;
    is = &s->issues[k];
    for (i = 0; i < is->n_anchors; i++) {
        double d = fabs(is->anchors[i].value - value);

        if (d < best_d) {
            best_d = d;
            best = is->anchors[i].label;
        }
    }
    if (best)
        return best;
    for (i = 0; i < is->n_options; i++) {
        double d = fabs(is->options[i].value - value);
        const char *label = is->options[i].label ? is->options[i].label
                                                 : is->options[i].id;

        if (d < best_d) {
            best_d = d;
            best = label;
        }
    }
    return best;
}
int parley_stance_present(const parley_scenario *s, size_t a, size_t k)
{
    if (!s || a >= s->n_actors || k >= s->n_issues || !s->stances)
        return 0;
    return parley_i_stance(s, a, k)->present;
}
double parley_stance_position(const parley_scenario *s, size_t a, size_t k)
{
    if (!parley_stance_present(s, a, k))
        return NAN;
    return parley_i_stance(s, a, k)->position.mode;
}
double parley_stance_salience(const parley_scenario *s, size_t a, size_t k)
{
    if (!parley_stance_present(s, a, k))
        return NAN;
    return parley_i_stance(s, a, k)->salience.mode;
}
const char *parley_proposal_id(const parley_scenario *s, size_t p)
{
    return s && p < s->n_proposals ? s->proposals[p].id : NULL;
}
const char *parley_proposal_name(const parley_scenario *s, size_t p)
{
    if (!s || p >= s->n_proposals)
        return NULL;
    return s->proposals[p].name ? s->proposals[p].name : s->proposals[p].id;
}
