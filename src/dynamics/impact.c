/*
 * impact.c -- a third party's scorecard (docs/models/impact.md;
 * ukraine-brief.md 7.2-7.4): for a package under an outcome type, each
 * dimension's score is
 *
 *   base  = intercept + sum_k c_k x_k      the formula, when a package is
 *                                          given and the outcome type is
 *                                          one of formula_outcomes (or the
 *                                          list is empty)
 *         = by_outcome[outcome]            otherwise (the 7.3 matrix)
 *   then each adjustment whose conditions hold adds `delta` or assigns
 *   `set`, in file order; then the clip.
 *
 * welfare = sum_d w_d score_d over scored dimensions; a group's part is
 * the same sum over its dimensions.  Under a distribution over outcome
 * types each dimension's expected score is sum_o p_o score_do / coverage_d
 * over the outcome types that score it, coverage_d = sum of their p_o.
 * Also `parley impact`: the report over proposals.
 */
#include "dynamics/outcome.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every proposal, scored as if signed, the first impact model. */
void parley_impact_options_set_default(parley_impact_options *options)
{
    if (!options)
        return;
    memset(options, 0, sizeof *options);
    parley_outcome_options_set_default(&options->outcome_options);
}

/* ---- scorecards -----------------------------------------------------------
 */

void parley_scorecard_free(parley_ctx *ctx, parley_scorecard *c)
{
    const parley_ctx *owner;

    if (!c)
        return;
    owner = c->ctx_ ? c->ctx_ : ctx;
    parley_i_free(owner, c->dims, c->n_dims * sizeof *c->dims);
    parley_i_free(owner, c->groups, c->n_groups * sizeof *c->groups);
    parley_i_free(owner, c->probability,
                  c->n_outcomes * sizeof *c->probability);
    parley_i_free(owner, c, sizeof *c);
}

/* Groups in order of first appearance: the index of dimension d's group
 * among them, or PARLEY_NO_INDEX. */
static size_t group_of(const parley_impact *im, size_t d, size_t *n_groups)
{
    size_t j, g = 0, found = PARLEY_NO_INDEX;

    for (j = 0; j < im->n_dims; j++) {
        size_t i;

        if (!im->dims[j].group)
            continue;
        for (i = 0; i < j; i++)
            if (im->dims[i].group &&
                strcmp(im->dims[i].group, im->dims[j].group) == 0)
                break;
        if (i < j) { /* seen before: same index as its first dimension */
            if (j == d)
                found = group_of(im, i, NULL);
            continue;
        }
        if (j == d)
            found = g;
        g++;
    }
    if (n_groups)
        *n_groups = g;
    return found;
}

/* A fresh scorecard for impact i (dimension ids and groups filled). */
static parley_scorecard *card_new(parley_ctx *ctx, const parley_scenario *s,
                                  size_t i)
{
    const parley_impact *im = &s->impacts[i];
    parley_scorecard *c = parley_i_alloc(ctx, sizeof *c);
    size_t d, n_groups = 0;

    if (!c)
        return NULL;
    c->ctx_ = ctx;
    c->impact = i;
    c->outcome = PARLEY_NO_OUTCOME;
    c->durability = NAN;
    c->coverage = 1;
    group_of(im, 0, &n_groups);
    if (im->n_dims) {
        c->dims = parley_i_alloc_array(ctx, im->n_dims, sizeof *c->dims);
        if (!c->dims)
            goto fail;
        c->n_dims = im->n_dims;
    }
    if (n_groups) {
        c->groups = parley_i_alloc_array(ctx, n_groups, sizeof *c->groups);
        if (!c->groups)
            goto fail;
        c->n_groups = n_groups;
    }
    for (d = 0; d < im->n_dims; d++) {
        parley_dimension_score *ds = &c->dims[d];
        size_t g = group_of(im, d, NULL);

        ds->id = im->dims[d].id;
        ds->name = im->dims[d].name;
        ds->group = im->dims[d].group;
        ds->weight = im->dims[d].weight.mode;
        ds->base = ds->low = ds->high = ds->score = NAN;
        if (g != PARLEY_NO_INDEX)
            c->groups[g].group = im->dims[d].group;
    }
    return c;
fail:
    parley_scorecard_free(ctx, c);
    return NULL;
}

/* 1 if outcome o is in the list (an unknown outcome is in none). */
static int in_list(const size_t *list, size_t n, size_t o)
{
    size_t j;

    for (j = 0; j < n && o != PARLEY_NO_OUTCOME; j++)
        if (list[j] == o)
            return 1;
    return 0;
}

/* 1 if every condition of the adjustment holds.  Conditions that cannot be
 * decided (an issue without a package, durability not known) fail. */
static int adjust_holds(const parley_i_eval *e, const parley_impact_adjust *ad,
                        int has_durability, double durability)
{
    if (ad->issue != PARLEY_NO_INDEX) {
        double x;

        if (!e->pkg)
            return 0;
        x = parley_i_pkg_value(e->s, e->pkg, ad->issue);
        if (isnan(x) || x < ad->min || x > ad->max)
            return 0;
        if (ad->option != PARLEY_NO_INDEX &&
            parley_i_pkg_option(e->s, e->pkg, ad->issue) != ad->option)
            return 0;
    }
    if (ad->n_outcomes && !in_list(ad->outcomes, ad->n_outcomes, e->outcome))
        return 0;
    if (!isnan(ad->durability_below) &&
        !(has_durability && durability < ad->durability_below))
        return 0;
    if (!isnan(ad->durability_at_least) &&
        !(has_durability && durability >= ad->durability_at_least))
        return 0;
    return 1;
}

/* Scores one dimension for e->pkg (may be NULL) under e->outcome. */
static void score_dim(const parley_i_eval *e, const parley_impact_dim *dim,
                      int has_durability, double durability,
                      parley_dimension_score *ds)
{
    int has_formula = dim->intercept.present || dim->n_terms > 0;
    double x = NAN;
    size_t j;

    ds->basis = PARLEY_SCORE_NONE;
    ds->base = ds->low = ds->high = ds->score = NAN;
    ds->n_adjusted = 0;
    ds->clipped = 0;
    ds->coverage = 0;
    if (has_formula && e->pkg &&
        (dim->n_formula_outcomes == 0 ||
         in_list(dim->formula_outcomes, dim->n_formula_outcomes, e->outcome))) {
        x = (dim->intercept.present ? dim->intercept.mode : 0.0) +
            parley_i_terms_value(e->s, e->pkg, dim->terms, dim->n_terms);
        if (!isnan(x)) {
            ds->basis = PARLEY_SCORE_FORMULA;
            ds->base = ds->low = ds->high = x;
        }
    }
    if (ds->basis == PARLEY_SCORE_NONE && e->outcome != PARLEY_NO_OUTCOME &&
        e->outcome < e->s->n_outcome_types && dim->by_outcome &&
        !isnan(dim->by_outcome[e->outcome])) {
        ds->basis = PARLEY_SCORE_BY_OUTCOME;
        ds->base = dim->by_outcome[e->outcome];
        ds->low =
            dim->by_outcome_low ? dim->by_outcome_low[e->outcome] : ds->base;
        ds->high =
            dim->by_outcome_high ? dim->by_outcome_high[e->outcome] : ds->base;
    }
    if (ds->basis == PARLEY_SCORE_NONE)
        return; /* not scored: adjustments need a score to adjust */
    x = ds->base;
    for (j = 0; j < dim->n_adjust; j++) {
        const parley_impact_adjust *ad = &dim->adjust[j];

        if (!adjust_holds(e, ad, has_durability, durability))
            continue;
        x = ad->assign ? ad->delta.mode : x + ad->delta.mode; /* 7.4 = / += */
        ds->n_adjusted++;
    }
    if (x < dim->clip_min) {
        x = dim->clip_min;
        ds->clipped = 1;
    }
    if (x > dim->clip_max) {
        x = dim->clip_max;
        ds->clipped = 1;
    }
    ds->score = x;
    ds->coverage = 1;
}

/* Welfare and group parts from the dimensions' scores. */
static void sum_up(const parley_impact *im, parley_scorecard *c)
{
    size_t d, g;

    c->welfare = c->weight_scored = 0;
    c->n_scored = 0;
    for (g = 0; g < c->n_groups; g++)
        c->groups[g].welfare = 0;
    for (d = 0; d < c->n_dims; d++) {
        const parley_dimension_score *ds = &c->dims[d];

        if (isnan(ds->score))
            continue;
        c->welfare += ds->weight * ds->score;
        c->weight_scored += ds->weight;
        c->n_scored++;
        g = group_of(im, d, NULL);
        if (g != PARLEY_NO_INDEX)
            c->groups[g].welfare += ds->weight * ds->score;
    }
}

/* Scores every dimension of card c for e (durability from the scenario
 * when a package is given and the scenario has a model). */
static void score_card(const parley_i_eval *e, parley_scorecard *c)
{
    const parley_impact *im = &e->s->impacts[c->impact];
    size_t d;

    c->outcome = e->outcome;
    c->package = e->pkg != NULL;
    c->has_durability = e->pkg && e->s->durability.present;
    c->durability =
        c->has_durability ? parley_i_durability(e, NULL, NULL, NULL) : NAN;
    for (d = 0; d < im->n_dims; d++)
        score_dim(e, &im->dims[d], c->has_durability, c->durability,
                  &c->dims[d]);
    sum_up(im, c);
}

static parley_status check_impact(parley_ctx *ctx, const parley_scenario *s,
                                  size_t impact, parley_scorecard **out)
{
    if (!out)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "impact: no result pointer, expected one");
    *out = NULL;
    if (!s)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "impact: no scenario, expected one");
    if (s->n_impacts == 0)
        return parley_i_error(ctx, PARLEY_EUNSUPPORTED, s->file, 0, 0,
                              "scenario '%s' has no impact model, expected "
                              "a top-level 'impacts' list",
                              s->id ? s->id : "");
    if (impact >= s->n_impacts)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "impact index %zu, expected one below %zu",
                              impact, s->n_impacts);
    return PARLEY_OK;
}

/* One scorecard: a package (or none) under an outcome type (or none). */
parley_status parley_impact_score(parley_ctx *ctx, const parley_scenario *s,
                                  size_t impact, const parley_package *package,
                                  size_t outcome,
                                  const parley_outcome_options *options,
                                  parley_scorecard **out)
{
    parley_scorecard *c;
    parley_i_eval e;
    parley_status st;

    if (!ctx)
        return PARLEY_EINVAL;
    st = check_impact(ctx, s, impact, out);
    if (st != PARLEY_OK)
        return st;
    if (package) {
        st = parley_i_check_package(ctx, s, package, "impact");
        if (st != PARLEY_OK)
            return st;
    }
    if (outcome != PARLEY_NO_OUTCOME && outcome >= s->n_outcome_types)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "impact: outcome index %zu, expected one "
                              "below %zu or PARLEY_NO_OUTCOME",
                              outcome, s->n_outcome_types);
    c = card_new(ctx, s, impact);
    if (!c)
        return parley_i_nomem(ctx);
    parley_i_eval_init(&e, s, package, outcome, options);
    score_card(&e, c);
    *out = c;
    return PARLEY_OK;
}

/* The expected scorecard under a distribution over outcome types; each
 * dimension conditional on the types that score it (see the header). */
parley_status parley_impact_expected(parley_ctx *ctx, const parley_scenario *s,
                                     size_t impact, const double *probability,
                                     const parley_package *const *packages,
                                     const parley_outcome_options *options,
                                     parley_scorecard **out)
{
    parley_scorecard *c = NULL, *one = NULL;
    double total = 0, *sum_low = NULL, *sum_high = NULL;
    parley_status st;
    size_t o, d, n_dims;

    if (!ctx)
        return PARLEY_EINVAL;
    st = check_impact(ctx, s, impact, out);
    if (st != PARLEY_OK)
        return st;
    if (s->n_outcome_types == 0)
        return parley_i_error(ctx, PARLEY_EUNSUPPORTED, s->file, 0, 0,
                              "scenario '%s' has no outcome types, expected "
                              "an 'outcomes' list to weigh",
                              s->id ? s->id : "");
    if (!probability)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "impact: no probabilities, expected one per "
                              "outcome type");
    for (o = 0; o < s->n_outcome_types; o++) {
        if (!isfinite(probability[o]) || probability[o] < 0)
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "probability of outcome '%s' is %g, "
                                  "expected a number from 0 to 1",
                                  s->outcome_types[o].id, probability[o]);
        total += probability[o];
        if (packages && packages[o]) {
            st = parley_i_check_package(ctx, s, packages[o], "impact");
            if (st != PARLEY_OK)
                return st;
        }
    }
    if (fabs(total - 1) > 1e-6)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "outcome probabilities sum to %.9g, expected "
                              "1",
                              total);
    n_dims = s->impacts[impact].n_dims;
    c = card_new(ctx, s, impact);
    one = card_new(ctx, s, impact);
    if (n_dims) {
        sum_low = parley_i_alloc_array(ctx, 2 * n_dims, sizeof *sum_low);
        sum_high = sum_low ? sum_low + n_dims : NULL;
    }
    if (!c || !one || (n_dims && !sum_low)) {
        st = parley_i_nomem(ctx);
        goto done;
    }
    c->probability =
        parley_i_alloc_array(ctx, s->n_outcome_types, sizeof *c->probability);
    if (!c->probability) {
        st = parley_i_nomem(ctx);
        goto done;
    }
    c->n_outcomes = s->n_outcome_types;
    memcpy(c->probability, probability,
           s->n_outcome_types * sizeof *probability);
    for (d = 0; d < n_dims; d++) {
        c->dims[d].basis = PARLEY_SCORE_EXPECTED;
        c->dims[d].base = c->dims[d].score = 0;
        c->dims[d].coverage = 0;
    }
    for (o = 0; o < s->n_outcome_types; o++) {
        parley_i_eval e;

        if (probability[o] <= 0)
            continue;
        parley_i_eval_init(&e, s, packages ? packages[o] : NULL, o, options);
        score_card(&e, one);
        for (d = 0; d < n_dims; d++) {
            const parley_dimension_score *ds = &one->dims[d];

            if (isnan(ds->score))
                continue;
            c->dims[d].coverage += probability[o];
            c->dims[d].base += probability[o] * ds->base;
            c->dims[d].score += probability[o] * ds->score;
            sum_low[d] += probability[o] * ds->low;
            sum_high[d] += probability[o] * ds->high;
            c->dims[d].n_adjusted += ds->n_adjusted;
        }
    }
    c->coverage = n_dims ? 1 : 0;
    for (d = 0; d < n_dims; d++) {
        parley_dimension_score *ds = &c->dims[d];

        if (ds->coverage > 0) {
            ds->base /= ds->coverage; /* conditional on being scored */
            ds->score /= ds->coverage;
            ds->low = sum_low[d] / ds->coverage;
            ds->high = sum_high[d] / ds->coverage;
        } else {
            ds->base = ds->score = ds->low = ds->high = NAN;
        }
        if (ds->coverage < c->coverage)
            c->coverage = ds->coverage;
    }
    sum_up(&s->impacts[impact], c);
done:
    parley_i_free(ctx, sum_low, 2 * n_dims * sizeof *sum_low);
    parley_scorecard_free(ctx, one);
    if (st != PARLEY_OK) {
        parley_scorecard_free(ctx, c);
        return st;
    }
    *out = c;
    return PARLEY_OK;
}

/* ---- the `parley impact` report --------------------------------------------
 */

void parley_impact_report_free(parley_ctx *ctx, parley_impact_report *r)
{
    const parley_ctx *owner;
    size_t i;

    if (!r)
        return;
    owner = r->ctx_ ? r->ctx_ : ctx;
    for (i = 0; i < r->n_proposals; i++) {
        parley_proposal_impact *p = &r->proposals[i];

        parley_i_free(owner, p->acceptance,
                      p->n_actors * sizeof *p->acceptance);
        parley_durability_free(ctx, p->durability);
        parley_scorecard_free(ctx, p->scorecard);
    }
    parley_i_free(owner, r->proposals, r->n_proposals * sizeof *r->proposals);
    for (i = 0; i < r->n_outcome_cards; i++)
        parley_scorecard_free(ctx, r->outcome_cards[i]);
    parley_i_free(owner, r->outcome_cards,
                  r->n_outcome_cards * sizeof *r->outcome_cards);
    parley_scorecard_free(ctx, r->expected);
    parley_i_free(owner, r, sizeof *r);
}

/* Length of the next comma-separated item of list (spaces trimmed). */
static size_t next_item(const char **list, const char **start)
{
    const char *p = *list, *end;

    while (*p == ' ' || *p == ',')
        p++;
    *start = p;
    while (*p && *p != ',')
        p++;
    end = p;
    while (end > *start && end[-1] == ' ')
        end--;
    *list = p;
    return (size_t)(end - *start);
}

static size_t find_proposal(const parley_scenario *s, const char *id,
                            size_t len)
{
    size_t p;

    for (p = 0; p < s->n_proposals; p++)
        if (s->proposals[p].id && strlen(s->proposals[p].id) == len &&
            memcmp(s->proposals[p].id, id, len) == 0)
            return p;
    return PARLEY_NO_INDEX;
}

static size_t find_outcome_n(const parley_scenario *s, const char *id,
                             size_t len)
{
    size_t o;

    for (o = 0; o < s->n_outcome_types; o++)
        if (s->outcome_types[o].id && strlen(s->outcome_types[o].id) == len &&
            memcmp(s->outcome_types[o].id, id, len) == 0)
            return o;
    return PARLEY_NO_OUTCOME;
}

/* The proposals the options select: every proposal (NULL), none (""), or
 * the listed ones in the order given.  *list receives indices (n_out). */
static parley_status select_proposals(parley_ctx *ctx, const parley_scenario *s,
                                      const char *spec, size_t **list,
                                      size_t *n_out)
{
    const char *cursor = spec, *item;
    size_t n = 0, len, p;

    *list = NULL;
    *n_out = 0;
    if (!spec) {
        n = s->n_proposals;
    } else {
        while ((len = next_item(&cursor, &item)) > 0) {
            if (find_proposal(s, item, len) == PARLEY_NO_INDEX)
                return parley_i_error(ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                                      "no proposal '%.*s' in the scenario, "
                                      "expected one of its proposal ids",
                                      (int)len, item);
            n++;
        }
    }
    if (n == 0)
        return PARLEY_OK;
    *list = parley_i_alloc_array(ctx, n, sizeof **list);
    if (!*list)
        return parley_i_nomem(ctx);
    *n_out = n;
    if (!spec) {
        for (p = 0; p < n; p++)
            (*list)[p] = p;
        return PARLEY_OK;
    }
    cursor = spec;
    for (p = 0; p < n; p++) {
        len = next_item(&cursor, &item);
        (*list)[p] = find_proposal(s, item, len);
    }
    return PARLEY_OK;
}

parley_status parley_simulation_outcomes(parley_ctx *ctx,
                                        const parley_scenario *s,
                                        const parley_simulation *sim,
                                        int month, double *probability)
{
    size_t o, i;
    double sum = 0;
    char id[256];

    if (!ctx)
        return PARLEY_EINVAL;
    if (!s || !sim || !probability)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "simulation outcomes: no scenario, simulation "
                              "or result, expected all three");
    if (month < -1 || month > sim->months)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "simulation outcomes: month %d, expected 0 to "
                              "%d (or -1 for the last)",
                              month, sim->months);
    if (month < 0)
        month = sim->months;
    if (s->n_outcome_types == 0)
        return parley_i_error(ctx, PARLEY_EUNSUPPORTED, s->file, 0, 0,
                              "scenario '%s' has no outcome types, expected "
                              "an 'outcomes' list",
                              s->id ? s->id : "");
    for (o = 0; o < s->n_outcome_types; o++) {
        snprintf(id, sizeof id, "outcome:%s", s->outcome_types[o].id);
        for (i = 0; i < sim->n_outputs; i++)
            if (sim->outputs[i].available &&
                strcmp(sim->outputs[i].id, id) == 0)
                break;
        if (i == sim->n_outputs)
            return parley_i_error(ctx, PARLEY_EUNSUPPORTED, NULL, 0, 0,
                                  "the simulation has no output '%s', "
                                  "expected one run with the protocol "
                                  "output",
                                  id);
        probability[o] = sim->outputs[i].cells[month].mean;
        sum += probability[o];
    }
    /* each draw is in exactly one type each month, so the sum is 1 up to
     * rounding; divide it out */
    if (!(sum > 0))
        return parley_i_error(ctx, PARLEY_EUNSUPPORTED, NULL, 0, 0,
                              "the simulation's outcome probabilities sum "
                              "to 0, expected 1");
    for (o = 0; o < s->n_outcome_types; o++)
        probability[o] /= sum;
    return PARLEY_OK;
}

/* "O1b=0.4,O3=0.6" into probability[n_outcome_types] (unlisted: 0). */
static parley_status parse_distribution(parley_ctx *ctx,
                                        const parley_scenario *s,
                                        const char *spec, double *probability)
{
    const char *cursor = spec, *item;
    size_t len, o;

    for (o = 0; o < s->n_outcome_types; o++)
        probability[o] = 0;
    while ((len = next_item(&cursor, &item)) > 0) {
        const char *eq = memchr(item, '=', len);
        char number[64];
        double p;

        if (!eq)
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "distribution item '%.*s', expected "
                                  "OUTCOME=PROBABILITY",
                                  (int)len, item);
        o = find_outcome_n(s, item, (size_t)(eq - item));
        if (o == PARLEY_NO_OUTCOME)
            return parley_i_error(ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                                  "no outcome type '%.*s' in the scenario, "
                                  "expected one of its outcome ids",
                                  (int)(eq - item), item);
        if ((size_t)(item + len - eq - 1) >= sizeof number)
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "probability of '%.*s' is too long, "
                                  "expected a number from 0 to 1",
                                  (int)(eq - item), item);
        memcpy(number, eq + 1, (size_t)(item + len - eq - 1));
        number[item + len - eq - 1] = '\0';
        if (!parley_i_parse_double(number, &p) || p < 0 || p > 1)
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "probability '%s' of outcome '%s', "
                                  "expected a number from 0 to 1",
                                  number, s->outcome_types[o].id);
        probability[o] += p;
    }
    return PARLEY_OK;
}

/* Classification, acceptance, durability and scorecard of proposal p. */
static parley_status assess(parley_ctx *ctx, const parley_scenario *s,
                            const parley_impact_options *o, size_t impact,
                            size_t given, size_t proposal, double *value,
                            size_t *option, parley_proposal_impact *out)
{
    parley_package pkg;
    parley_i_eval e;
    parley_status st;
    size_t a;

    out->proposal = proposal;
    out->cls.outcome = out->cls.outcome_if_signed = PARLEY_NO_OUTCOME;
    st = parley_proposal_package(ctx, s, proposal, value, option);
    if (st != PARLEY_OK)
        return st;
    pkg.n_issues = s->n_issues;
    pkg.value = value;
    pkg.option = option;
    parley_i_eval_init(&e, s, &pkg, PARLEY_NO_OUTCOME, &o->outcome_options);
    out->classified = parley_i_has_rules(s);
    if (out->classified) {
        parley_i_classify(&e, &out->cls);
    } else {
        for (a = 0; a < s->n_issues; a++)
            out->cls.n_set += (size_t)parley_i_pkg_set(&pkg, a);
    }
    out->outcome_given = given != PARLEY_NO_OUTCOME;
    out->outcome = out->outcome_given ? given : out->cls.outcome_if_signed;
    if (s->n_actors) {
        out->acceptance =
            parley_i_alloc_array(ctx, s->n_actors, sizeof *out->acceptance);
        if (!out->acceptance)
            return parley_i_nomem(ctx);
        out->n_actors = s->n_actors;
    }
    for (a = 0; a < s->n_actors; a++)
        e.accept(e.accept_user, s, a, &pkg, &out->acceptance[a]);
    if (s->durability.present) {
        st = parley_durability_run(ctx, s, &pkg, out->outcome,
                                   &o->outcome_options, &out->durability);
        if (st != PARLEY_OK)
            return st;
    }
    if (impact != PARLEY_NO_INDEX) {
        st = parley_impact_score(ctx, s, impact, &pkg, out->outcome,
                                 &o->outcome_options, &out->scorecard);
        if (st != PARLEY_OK)
            return st;
    }
    return PARLEY_OK;
}

/*
 * `parley impact`: checks the options, then for each selected proposal its
 * classification, every actor's acceptance, durability and scorecard; the
 * outcome-type scorecards and the expected scorecard when asked.
 */
parley_status parley_impact_run(parley_ctx *ctx,
                                const parley_scenario *scenario,
                                const parley_impact_options *options,
                                parley_impact_report **out)
{
    const parley_scenario *s = scenario;
    parley_impact_options defaults;
    parley_impact_report *r = NULL;
    size_t *selected = NULL, n_selected = 0, *option = NULL, i, given;
    double *value = NULL, *probability = NULL;
    parley_status st = PARLEY_OK;

    if (!ctx)
        return PARLEY_EINVAL;
    if (!out || !s)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "impact: no scenario or no result pointer, "
                              "expected both");
    *out = NULL;
    if (!options) {
        parley_impact_options_set_default(&defaults);
        options = &defaults;
    }
    if (s->n_impacts == 0 && !s->durability.present)
        return parley_i_error(ctx, PARLEY_EUNSUPPORTED, s->file, 0, 0,
                              "scenario '%s' has neither an impact model "
                              "nor a durability model, expected 'impacts' "
                              "or 'durability'",
                              s->id ? s->id : "");
    r = parley_i_alloc(ctx, sizeof *r);
    if (!r)
        return parley_i_nomem(ctx);
    r->ctx_ = ctx;
    r->impact = s->n_impacts ? 0 : PARLEY_NO_INDEX;
    if (options->impact) {
        r->impact = parley_impact_find(s, options->impact);
        if (r->impact == PARLEY_NO_INDEX) {
            st = parley_i_error(ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                                "no impact model '%s' in the scenario, "
                                "expected one of its impact ids",
                                options->impact);
            goto done;
        }
    }
    given = PARLEY_NO_OUTCOME;
    if (options->outcome) {
        given = parley_outcome_find(s, options->outcome);
        if (given == PARLEY_NO_OUTCOME) {
            st = parley_i_error(ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                                "no outcome type '%s' in the scenario, "
                                "expected one of its outcome ids",
                                options->outcome);
            goto done;
        }
    }
    if ((options->by_outcome || options->distribution ||
         options->probability) &&
        r->impact == PARLEY_NO_INDEX) {
        st = parley_i_error(ctx, PARLEY_EUNSUPPORTED, s->file, 0, 0,
                            "scenario '%s' has no impact model to score "
                            "outcome types with, expected an 'impacts' "
                            "list",
                            s->id ? s->id : "");
        goto done;
    }
    st = select_proposals(ctx, s, options->proposals, &selected, &n_selected);
    if (st != PARLEY_OK)
        goto done;
    if (options->distribution || options->probability) {
        if (s->n_outcome_types == 0) {
            st = parley_i_error(ctx, PARLEY_EUNSUPPORTED, s->file, 0, 0,
                                "scenario '%s' has no outcome types, "
                                "expected an 'outcomes' list",
                                s->id ? s->id : "");
            goto done;
        }
        probability =
            parley_i_alloc_array(ctx, s->n_outcome_types, sizeof *probability);
        if (!probability) {
            st = parley_i_nomem(ctx);
            goto done;
        }
        if (options->distribution) {
            st = parse_distribution(ctx, s, options->distribution,
                                    probability);
        } else {
            size_t o;

            for (o = 0; o < s->n_outcome_types; o++)
                probability[o] = options->probability[o];
        }
        if (st == PARLEY_OK)
            st =
                parley_impact_expected(ctx, s, r->impact, probability, NULL,
                                       &options->outcome_options, &r->expected);
        if (st != PARLEY_OK)
            goto done;
    }
    if (n_selected) {
        r->proposals =
            parley_i_alloc_array(ctx, n_selected, sizeof *r->proposals);
        if (r->proposals)
            r->n_proposals = n_selected;
        value = parley_i_alloc_array(ctx, s->n_issues ? s->n_issues : 1,
                                     sizeof *value);
        option = parley_i_alloc_array(ctx, s->n_issues ? s->n_issues : 1,
                                      sizeof *option);
        if (!r->proposals || !value || !option) {
            st = parley_i_nomem(ctx);
            goto done;
        }
    }
    for (i = 0; i < n_selected; i++) {
        st = assess(ctx, s, options, r->impact, given, selected[i], value,
                    option, &r->proposals[i]);
        if (st != PARLEY_OK)
            goto done;
    }
    if (options->by_outcome && s->n_outcome_types) {
        r->outcome_cards = parley_i_alloc_array(ctx, s->n_outcome_types,
                                                sizeof *r->outcome_cards);
        if (!r->outcome_cards) {
            st = parley_i_nomem(ctx);
            goto done;
        }
        r->n_outcome_cards = s->n_outcome_types;
        for (i = 0; i < s->n_outcome_types; i++) {
            st = parley_impact_score(ctx, s, r->impact, NULL, i,
                                     &options->outcome_options,
                                     &r->outcome_cards[i]);
            if (st != PARLEY_OK)
                goto done;
        }
    }
done:
    parley_i_free(ctx, selected, n_selected * sizeof *selected);
    parley_i_free(ctx, value, (s->n_issues ? s->n_issues : 1) * sizeof *value);
    parley_i_free(ctx, option,
                  (s->n_issues ? s->n_issues : 1) * sizeof *option);
    parley_i_free(ctx, probability, s->n_outcome_types * sizeof *probability);
    if (st != PARLEY_OK) {
        parley_impact_report_free(ctx, r);
        return st;
    }
    *out = r;
    return PARLEY_OK;
}
