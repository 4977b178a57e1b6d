/*
 * outputs.c -- the output blocks of the Monte Carlo engine that come with
 * the scenario itself (montecarlo.h): forecasts, state variables,
 * reservation values and zones of agreement of single issues; and the
 * parser of output specifications, which hands the negotiation outputs
 * (the package ZOPA, blocking sets, protocols) to nego_outputs.c.
 *
 * Each kind is a parley_i_output_type and one entry of the `kinds` table
 * at the end; a later component adds its kind there or calls
 * parley_i_mc_add_block itself.
 */
#include "dynamics/montecarlo.h"
#include "dynamics/negotiation.h"
#include "forecast/model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FREE_N(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

/* ---- forecasts ---------------------------------------------------------- */

/* One issue of a forecast block: the actors at the table that hold a
 * stance on it (actors[start .. start+n)) and the options its models use
 * (BDM's salience scale fixed for every draw). */
typedef struct fc_issue {
    size_t issue;
    size_t start, n;
    parley_forecast_options options;
} fc_issue;

/*
 * Forecasts are pure functions of an issue's inputs (capabilities,
 * positions, saliences).  Each thread keeps the inputs and forecasts of
 * recent solves; a solve whose inputs are the same bits reuses them.  The
 * results are the same bits either way, so the cache changes nothing but
 * the time.  Entry 0 of an issue is its last solve (an issue no coupling
 * moves is then solved once per draw, not once per month; one that no
 * draw moves either, once per thread); with `slots` = months + 2, entry
 * 1 + t is the last solve at month t (a coupling that moves
 * deterministically, like a clock, then hits in every draw).  When that
 * would take more than CACHE_BYTES, only entry 0.
 */
#define CACHE_BYTES ((size_t)4 << 20)

typedef struct fc_config {
    size_t n_issues, n_models; /* columns: issue-major, model-minor */
    fc_issue *issues;
    const parley_model_type **models;
    size_t *actors;
    size_t n_actor_entries;
    size_t max_n;   /* actors of the largest issue */
    size_t ws_size; /* model workspace, bytes */
    size_t slots;   /* cache entries per issue */
    size_t entry;   /* doubles per entry: 3 max_n inputs,
                       n_models forecasts, 1 valid flag */
} fc_config;

static void fc_free(const parley_ctx *ctx, void *config)
{
    fc_config *c = config;

    if (!c)
        return;
    FREE_N(ctx, c->issues, c->n_issues);
    FREE_N(ctx, c->models, c->n_models);
    FREE_N(ctx, c->actors, c->n_actor_entries);
    parley_i_free(ctx, c, sizeof *c);
}

/* Scratch: capability, position, salience (max_n each), the cache
 * (n_issues x slots entries), the model workspace. */
static size_t fc_cache_doubles(const fc_config *c)
{
    return c->n_issues * c->slots * c->entry;
}

static size_t fc_scratch(const void *config)
{
    const fc_config *c = config;

    return parley_i_align(3 * c->max_n * sizeof(double)) +
           parley_i_align(fc_cache_doubles(c) * sizeof(double)) + c->ws_size;
}

/* 1 when `entry` holds these inputs.  The last double of an entry is 1
 * once it holds a complete solve. */
static int cache_match(const fc_config *c, const double *entry,
                       const double *capability, const double *position,
                       const double *salience, size_t bytes)
{
    return entry[c->entry - 1] != 0 && memcmp(entry, capability, bytes) == 0 &&
           memcmp(entry + c->max_n, position, bytes) == 0 &&
           memcmp(entry + 2 * c->max_n, salience, bytes) == 0;
}

static parley_status fc_compute(const void *config, void *scratch,
                                const parley_i_point *p, double *out)
{
    const fc_config *c = config;
    const parley_i_layout *L = &p->params->layout;
    double *capability = scratch, *position = capability + c->max_n;
    double *salience = position + c->max_n;
    double *cache =
        (double *)(void *)((char *)scratch +
                           parley_i_align(3 * c->max_n * sizeof(double)));
    void *ws =
        (char *)cache + parley_i_align(fc_cache_doubles(c) * sizeof(double));
    size_t slot = c->slots > 1 ? 1 + (size_t)p->month : 0, g, m, j;

    for (g = 0; g < c->n_issues; g++) {
        const fc_issue *is = &c->issues[g];
        double *col = out + g * c->n_models;
        double *last = cache + g * c->slots * c->entry;
        double *key = cache + (g * c->slots + slot) * c->entry;
        double *kept = key + 3 * c->max_n;
        size_t bytes = is->n * sizeof(double);
        parley_issue_data data;
        double total = 0;
        int hit;

        for (j = 0; j < is->n; j++) {
            size_t a = c->actors[is->start + j];
            size_t cell = a * L->n_issues + is->issue;

            capability[j] = p->values[L->capability + a];
            position[j] = p->values[L->position + cell];
            salience[j] = p->values[L->salience + cell];
            total += capability[j] * salience[j];
        }
        hit = cache_match(c, last, capability, position, salience, bytes);
        if (!hit && slot &&
            cache_match(c, key, capability, position, salience, bytes))
            hit = 2;
        if (hit) { /* the same inputs: the same forecasts */
            memcpy(col, (hit == 1 ? last : key) + 3 * c->max_n,
                   c->n_models * sizeof *col);
            if (hit == 2)
                memcpy(last, key, c->entry * sizeof *last);
            continue;
        }
        data.n = is->n;
        data.capability = capability;
        data.position = position;
        data.salience = salience;
        data.scale_min = p->mc->scenario->issues[is->issue].scale_min;
        data.scale_max = p->mc->scenario->issues[is->issue].scale_max;
        key[c->entry - 1] = 0; /* invalid until complete */
        for (m = 0; m < c->n_models; m++) {
            double forecast = (double)NAN;

            if (total > 0 && isfinite(total)) { /* else nothing to forecast */
                parley_status st = parley_i_forecast_solve(
                    p->ctx, c->models[m], &data, &is->options, ws, c->ws_size,
                    NULL, &forecast);

                if (st != PARLEY_OK)
                    return st;
            }
            col[m] = kept[m] = forecast;
        }
        memcpy(key, capability, bytes);
        memcpy(key + c->max_n, position, bytes);
        memcpy(key + 2 * c->max_n, salience, bytes);
        key[c->entry - 1] = 1;
        if (slot)
            memcpy(last, key, c->entry * sizeof *last);
    }
    return PARLEY_OK;
}

static const parley_i_output_type fc_type = {"forecast", fc_scratch, fc_compute,
                                             fc_free};

/* The actors at the table (third parties only when asked) holding a stance
 * on issue k. */
static size_t table_actors(const parley_scenario *s, size_t k,
                           int include_third_parties, size_t *out)
{
    size_t a, n = 0;

    for (a = 0; a < s->n_actors; a++) {
        if (!parley_i_stance(s, a, k)->present)
            continue;
        if (s->actors[a].role == PARLEY_ROLE_THIRD_PARTY &&
            !include_third_parties)
            continue;
        if (out)
            out[n] = a;
        n++;
    }
    return n;
}

/* BDM reads salience / scale as a probability.  parley_forecast_run picks
 * the scale per issue from the saliences (1 if all are <= 1, else 100);
 * here it is fixed once per issue from the highest value a draw or a
 * coupling can give, so that every draw reads saliences on the same
 * scale. */
static double salience_scale(const parley_i_mc *mc, size_t k,
                             const size_t *actors, size_t n,
                             const parley_forecast_options *o)
{
    const parley_scenario *s = mc->scenario;
    size_t j;

    if (o->bdm_salience_scale > 0)
        return o->bdm_salience_scale;
    for (j = 0; j < s->dynamics.n_couplings; j++) {
        const parley_coupling *c = &s->dynamics.couplings[j];

        if (c->target == PARLEY_TARGET_SALIENCE && c->issue == k)
            return 100.0;
    }
    for (j = 0; j < n; j++)
        if (parley_i_stance(s, actors[j], k)->salience.high > 1.0)
            return 100.0;
    return 1.0;
}

/* forecast:ISSUE[:MODEL]; ISSUE may be "*" (every issue someone at the
 * table holds a stance on). */
static parley_status add_forecast(parley_i_mc *mc, const char *issue_id,
                                  const char *model,
                                  const parley_forecast_options *fo,
                                  int implicit)
{
    const parley_scenario *s = mc->scenario;
    parley_ctx *ctx = mc->ctx;
    parley_forecast_options resolved;
    fc_config *c;
    size_t k, g, m, first, entries = 0;
    parley_status st;
    char id[200], label[260];

    st = parley_i_forecast_check_options(ctx, fo);
    if (st == PARLEY_OK)
        st = parley_i_bdm_resolve(ctx, fo, &resolved);
    if (st != PARLEY_OK)
        return st;
    resolved.models = NULL;
    resolved.trace = 0;
    c = parley_i_alloc(ctx, sizeof *c);
    if (!c)
        return parley_i_nomem(ctx);
    if (model) {
        const parley_model_type *type = parley_i_model_find(model);

        if (!type) {
            fc_free(ctx, c);
            return parley_i_model_unknown(ctx, model, strlen(model));
        }
        c->models = parley_i_alloc(ctx, sizeof *c->models);
        if (!c->models) {
            fc_free(ctx, c);
            return parley_i_nomem(ctx);
        }
        c->models[0] = type;
        c->n_models = 1;
    } else {
        st = parley_i_parse_models(ctx, fo->models, &c->models, &c->n_models);
        if (st != PARLEY_OK) {
            fc_free(ctx, c);
            return st;
        }
    }
    /* which issues */
    if (strcmp(issue_id, "*") == 0) {
        for (k = 0; k < s->n_issues; k++) {
            size_t n = table_actors(s, k, fo->include_third_parties, NULL);

            if (n) {
                c->n_issues++;
                entries += n;
            }
        }
        if (c->n_issues == 0) {
            fc_free(ctx, c);
            if (implicit)
                return PARLEY_OK;
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "output 'forecast:*': no actor at the "
                                  "table holds a stance on any issue, "
                                  "expected an issue to forecast");
        }
    } else {
        k = parley_issue_find(s, issue_id);
        if (k == PARLEY_NO_INDEX) {
            const char **ids;
            const char *near = NULL;

            ids = parley_i_alloc_array(ctx, s->n_issues, sizeof *ids);
            if (ids) {
                for (g = 0; g < s->n_issues; g++)
                    ids[g] = s->issues[g].id;
                near = parley_i_suggest(issue_id, ids, s->n_issues);
            }
            st = parley_i_error(ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                                "unknown issue '%s' in output 'forecast:%s'"
                                "%s%s%s expected an issue id of the "
                                "scenario",
                                issue_id, issue_id,
                                near ? ", did you mean '" : ",",
                                near ? near : "", near ? "'?" : "");
            FREE_N(ctx, ids, s->n_issues);
            fc_free(ctx, c);
            return st;
        }
        entries = table_actors(s, k, fo->include_third_parties, NULL);
        if (entries == 0) {
            fc_free(ctx, c);
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "output 'forecast:%s': no actor at the "
                                  "table holds a stance on '%s', expected "
                                  "an issue with stances",
                                  issue_id, issue_id);
        }
        c->n_issues = 1;
    }
    c->issues = parley_i_alloc_array(ctx, c->n_issues, sizeof *c->issues);
    c->actors = parley_i_alloc_array(ctx, entries, sizeof *c->actors);
    if (c->actors)
        c->n_actor_entries = entries;
    if (!c->issues || !c->actors) {
        fc_free(ctx, c);
        return parley_i_nomem(ctx);
    }
    entries = 0;
    for (g = 0, k = 0; k < s->n_issues && g < c->n_issues; k++) {
        fc_issue *is = &c->issues[g];
        size_t n;

        if (strcmp(issue_id, "*") != 0 && strcmp(s->issues[k].id, issue_id))
            continue;
        n = table_actors(s, k, fo->include_third_parties, c->actors + entries);
        if (n == 0)
            continue;
        is->issue = k;
        is->start = entries;
        is->n = n;
        is->options = resolved;
        is->options.bdm_salience_scale =
            salience_scale(mc, k, c->actors + entries, n, fo);
        entries += n;
        if (n > c->max_n)
            c->max_n = n;
        g++;
    }
    for (m = 0; m < c->n_models; m++) {
        size_t size = c->models[m]->workspace_size(c->max_n, &resolved);

        if (size == 0) {
            st = parley_i_error(ctx, PARLEY_ELIMIT, NULL, 0, 0,
                                "model '%s': %zu actors are too many for "
                                "one issue",
                                c->models[m]->name, c->max_n);
            fc_free(ctx, c);
            return st;
        }
        if (size > c->ws_size)
            c->ws_size = size;
    }
    c->ws_size = parley_i_align(c->ws_size);
    c->entry = 3 * c->max_n + c->n_models + 1;
    c->slots = (size_t)mc->months + 2;
    if (c->slots > CACHE_BYTES / sizeof(double) / c->entry / c->n_issues)
        c->slots = 1;
    g = c->n_issues;
    m = c->n_models;
    st = parley_i_mc_add_block(mc, &fc_type, c, g * m, &first);
    for (k = 0; st == PARLEY_OK && k < g; k++) { /* c is the engine's now */
        const fc_issue *is = &c->issues[k];
        size_t j;

        for (j = 0; st == PARLEY_OK && j < m; j++) {
            snprintf(id, sizeof id, "forecast:%s:%s", s->issues[is->issue].id,
                     c->models[j]->name);
            snprintf(label, sizeof label, "forecast of %s by %s",
                     s->issues[is->issue].id, c->models[j]->name);
            st = parley_i_mc_column(mc, first + k * m + j, id, label,
                                    PARLEY_I_OUT_VALUE);
        }
    }
    return st;
}

/* ---- state variables, reservation values -------------------------------- */

/* A list of indices: state variables or actors. */
typedef struct index_config {
    size_t n;
    size_t *index;
} index_config;

static void index_free(const parley_ctx *ctx, void *config)
{
    index_config *c = config;

    if (!c)
        return;
    FREE_N(ctx, c->index, c->n);
    parley_i_free(ctx, c, sizeof *c);
}

static parley_status state_compute(const void *config, void *scratch,
                                   const parley_i_point *p, double *out)
{
    const index_config *c = config;
    size_t i;

    (void)scratch;
    for (i = 0; i < c->n; i++)
        out[i] = p->state[c->index[i]];
    return PARLEY_OK;
}

static parley_status reservation_compute(const void *config, void *scratch,
                                         const parley_i_point *p, double *out)
{
    const index_config *c = config;
    size_t i;

    (void)scratch;
    for (i = 0; i < c->n; i++)
        out[i] = p->values[p->params->layout.reservation + c->index[i]];
    return PARLEY_OK;
}

static const parley_i_output_type state_type = {"state", NULL, state_compute,
                                                index_free};
static const parley_i_output_type reservation_type = {
    "reservation", NULL, reservation_compute, index_free};

/* Adds a block over the selected indices (sel[i] != 0) of `n_all`. */
static parley_status add_index_block(parley_i_mc *mc,
                                     const parley_i_output_type *type,
                                     const unsigned char *sel, size_t n_all,
                                     size_t *first, index_config **made)
{
    index_config *c;
    size_t i, n = 0;

    for (i = 0; i < n_all; i++)
        n += sel[i] != 0;
    c = parley_i_alloc(mc->ctx, sizeof *c);
    if (!c)
        return parley_i_nomem(mc->ctx);
    c->index = parley_i_alloc_array(mc->ctx, n, sizeof *c->index);
    if (!c->index) {
        parley_i_free(mc->ctx, c, sizeof *c);
        return parley_i_nomem(mc->ctx);
    }
    c->n = n;
    for (i = 0, n = 0; i < n_all; i++)
        if (sel[i])
            c->index[n++] = i;
    *made = c;
    return parley_i_mc_add_block(mc, type, c, c->n, first);
}

/* Selects by id or "*"; `eligible` filters "*" and rejects an explicit id
 * with `why`. */
static parley_status
select_ids(parley_i_mc *mc, const char *spec_kind, const char *arg,
           size_t n_all, const char *(*id_of)(const parley_scenario *, size_t),
           int (*eligible)(const parley_scenario *, size_t), const char *what,
           const char *why, unsigned char *sel, size_t *n_sel)
{
    const parley_scenario *s = mc->scenario;
    size_t i;

    *n_sel = 0;
    if (strcmp(arg, "*") == 0) {
        for (i = 0; i < n_all; i++)
            if (!eligible || eligible(s, i)) {
                sel[i] = 1;
                (*n_sel)++;
            }
        return PARLEY_OK;
    }
    for (i = 0; i < n_all; i++)
        if (strcmp(id_of(s, i), arg) == 0)
            break;
    if (i == n_all) {
        const char *near = NULL;
        const char *ids[64];
        size_t j, m = n_all < 64 ? n_all : 64;

        for (j = 0; j < m; j++)
            ids[j] = id_of(s, j);
        near = parley_i_suggest(arg, ids, m);
        return parley_i_error(mc->ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                              "unknown %s '%s' in output '%s:%s'%s%s%s "
                              "expected a %s id of the scenario",
                              what, arg, spec_kind, arg,
                              near ? ", did you mean '" : ",", near ? near : "",
                              near ? "'?" : "", what);
    }
    if (eligible && !eligible(s, i))
        return parley_i_error(mc->ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "output '%s:%s': %s", spec_kind, arg, why);
    sel[i] = 1;
    *n_sel = 1;
    return PARLEY_OK;
}

static const char *variable_id(const parley_scenario *s, size_t v)
{
    return s->dynamics.variables[v].id;
}

static const char *actor_id(const parley_scenario *s, size_t a)
{
    return s->actors[a].id;
}

static int has_reservation(const parley_scenario *s, size_t a)
{
    return s->actors[a].reservation.present;
}

static parley_status add_state(parley_i_mc *mc, const char *arg, int implicit)
{
    const parley_scenario *s = mc->scenario;
    size_t V = s->dynamics.n_variables, n, first, i;
    unsigned char *sel;
    index_config *c = NULL;
    parley_status st;
    char id[128], label[400];

    if (V == 0) {
        if (implicit)
            return PARLEY_OK;
        return parley_i_error(mc->ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "output 'state:%s': the scenario has no "
                              "dynamics variables, expected a scenario "
                              "with dynamics",
                              arg);
    }
    sel = parley_i_alloc(mc->ctx, V);
    if (!sel)
        return parley_i_nomem(mc->ctx);
    st = select_ids(mc, "state", arg, V, variable_id, NULL, "variable", NULL,
                    sel, &n);
    if (st == PARLEY_OK)
        st = add_index_block(mc, &state_type, sel, V, &first, &c);
    for (i = 0; st == PARLEY_OK && i < c->n; i++) {
        const parley_variable *var = &s->dynamics.variables[c->index[i]];

        snprintf(id, sizeof id, "state:%s", var->id);
        if (var->name && var->unit)
            snprintf(label, sizeof label, "%s (%s)", var->name, var->unit);
        else
            snprintf(label, sizeof label, "%s",
                     var->name ? var->name : var->id);
        st = parley_i_mc_column(mc, first + i, id, label, PARLEY_I_OUT_VALUE);
    }
    parley_i_free(mc->ctx, sel, V);
    return st;
}

static parley_status add_reservation(parley_i_mc *mc, const char *arg,
                                     int implicit)
{
    const parley_scenario *s = mc->scenario;
    size_t A = s->n_actors, n, first, i;
    unsigned char *sel;
    index_config *c = NULL;
    parley_status st;
    char id[128], label[128];

    sel = parley_i_alloc(mc->ctx, A);
    if (!sel)
        return parley_i_nomem(mc->ctx);
    st = select_ids(mc, "reservation", arg, A, actor_id, has_reservation,
                    "actor",
                    "the actor has no reservation value, expected "
                    "an actor with a 'reservation'",
                    sel, &n);
    if (st == PARLEY_OK && n == 0) {
        parley_i_free(mc->ctx, sel, A);
        if (implicit)
            return PARLEY_OK;
        return parley_i_error(mc->ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "output 'reservation:*': no actor has a "
                              "reservation value, expected an actor with "
                              "a 'reservation'");
    }
    if (st == PARLEY_OK)
        st = add_index_block(mc, &reservation_type, sel, A, &first, &c);
    for (i = 0; st == PARLEY_OK && i < c->n; i++) {
        snprintf(id, sizeof id, "reservation:%s", s->actors[c->index[i]].id);
        snprintf(label, sizeof label, "reservation value of %s",
                 s->actors[c->index[i]].id);
        st = parley_i_mc_column(mc, first + i, id, label, PARLEY_I_OUT_VALUE);
    }
    parley_i_free(mc->ctx, sel, A);
    return st;
}

/* ---- zones of agreement on one issue ------------------------------------ */

/* The zone of issue k is open when the parties' acceptable ranges overlap:
 * max_i range_low_i <= min_i range_high_i over the zone parties holding a
 * range on k (parties[start .. start+n)). */
typedef struct zone_issue {
    size_t issue, start, n;
} zone_issue;

typedef struct zone_config {
    size_t n_issues;
    zone_issue *issues;
    size_t *parties;
    size_t n_entries;
} zone_config;

static void zone_free(const parley_ctx *ctx, void *config)
{
    zone_config *c = config;

    if (!c)
        return;
    FREE_N(ctx, c->issues, c->n_issues);
    FREE_N(ctx, c->parties, c->n_entries);
    parley_i_free(ctx, c, sizeof *c);
}

static parley_status zone_compute(const void *config, void *scratch,
                                  const parley_i_point *p, double *out)
{
    const zone_config *c = config;
    const parley_i_layout *L = &p->params->layout;
    size_t i, j;

    (void)scratch;
    for (i = 0; i < c->n_issues; i++) {
        const zone_issue *z = &c->issues[i];
        double lo = -HUGE_VAL, hi = HUGE_VAL;

        for (j = 0; j < z->n; j++) {
            size_t cell = c->parties[z->start + j] * L->n_issues + z->issue;
            double a = p->values[L->range_low + cell];
            double b = p->values[L->range_high + cell];

            if (a > lo)
                lo = a;
            if (b < hi)
                hi = b;
        }
        out[i] = lo <= hi ? 1.0 : 0.0;
    }
    return PARLEY_OK;
}

static const parley_i_output_type zone_type = {"zone", NULL, zone_compute,
                                               zone_free};

/* The zone parties: the comma list, or every actor whose role is party. */
static parley_status zone_party_mask(parley_i_mc *mc, const char *list,
                                     unsigned char *mask)
{
    const parley_scenario *s = mc->scenario;
    const char *p = list;
    size_t a;

    if (!list) {
        for (a = 0; a < s->n_actors; a++)
            mask[a] = s->actors[a].role == PARLEY_ROLE_PARTY;
        return PARLEY_OK;
    }
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char word[64];

        while (len && (*p == ' ' || *p == '\t'))
            p++, len--;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len == 0 || len >= sizeof word)
            return parley_i_error(mc->ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "zone parties '%s': expected a comma list "
                                  "of actor ids",
                                  list);
        memcpy(word, p, len);
        word[len] = '\0';
        a = parley_actor_find(s, word);
        if (a == PARLEY_NO_INDEX)
            return parley_i_error(mc->ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                                  "unknown actor '%s' in the zone parties, "
                                  "expected an actor id of the scenario",
                                  word);
        mask[a] = 1;
        if (!end)
            break;
        p = end + 1;
    }
    return PARLEY_OK;
}

static size_t zone_count(const parley_scenario *s, const unsigned char *mask,
                         size_t k, size_t *out)
{
    size_t a, n = 0;

    for (a = 0; a < s->n_actors; a++)
        if (mask[a] && parley_i_stance(s, a, k)->present &&
            parley_i_stance(s, a, k)->range_low.present) {
            if (out)
                out[n] = a;
            n++;
        }
    return n;
}

static parley_status add_zone(parley_i_mc *mc, const char *arg,
                              const char *parties, int implicit)
{
    const parley_scenario *s = mc->scenario;
    parley_ctx *ctx = mc->ctx;
    unsigned char *mask;
    zone_config *c = NULL;
    size_t k, n_issues = 0, entries = 0, first, i, only = PARLEY_NO_INDEX;
    parley_status st = PARLEY_OK;
    char id[128], label[400];

    mask = parley_i_alloc(ctx, s->n_actors);
    if (!mask)
        return parley_i_nomem(ctx);
    st = zone_party_mask(mc, parties, mask);
    if (st == PARLEY_OK && strcmp(arg, "*") != 0) {
        only = parley_issue_find(s, arg);
        if (only == PARLEY_NO_INDEX)
            st = parley_i_error(ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                                "unknown issue '%s' in output 'zone:%s', "
                                "expected an issue id of the scenario",
                                arg, arg);
        else if (zone_count(s, mask, only, NULL) < 2)
            st = parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                "output 'zone:%s': %zu of the zone parties "
                                "state an acceptable range on '%s', "
                                "expected at least two",
                                arg, zone_count(s, mask, only, NULL), arg);
    }
    for (k = 0; st == PARLEY_OK && k < s->n_issues; k++) {
        size_t n = zone_count(s, mask, k, NULL);

        if ((only == PARLEY_NO_INDEX || k == only) && n >= 2) {
            n_issues++;
            entries += n;
        }
    }
    if (st == PARLEY_OK && n_issues == 0) {
        parley_i_free(ctx, mask, s->n_actors);
        if (implicit)
            return PARLEY_OK;
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "output 'zone:*': no issue has two zone "
                              "parties with acceptable ranges, expected "
                              "ranges in the parties' stances");
    }
    if (st == PARLEY_OK) {
        c = parley_i_alloc(ctx, sizeof *c);
        if (c) {
            c->issues = parley_i_alloc_array(ctx, n_issues, sizeof *c->issues);
            c->parties = parley_i_alloc_array(ctx, entries, sizeof *c->parties);
            if (c->issues)
                c->n_issues = n_issues;
            if (c->parties)
                c->n_entries = entries;
        }
        if (!c || !c->issues || !c->parties) {
            zone_free(ctx, c);
            c = NULL;
            st = parley_i_nomem(ctx);
        }
    }
    if (st == PARLEY_OK) {
        entries = 0;
        for (k = 0, i = 0; k < s->n_issues; k++) {
            size_t n = zone_count(s, mask, k, NULL);

            if ((only != PARLEY_NO_INDEX && k != only) || n < 2)
                continue;
            c->issues[i].issue = k;
            c->issues[i].start = entries;
            c->issues[i].n = zone_count(s, mask, k, c->parties + entries);
            entries += n;
            i++;
        }
        st = parley_i_mc_add_block(mc, &zone_type, c, n_issues, &first);
    }
    for (i = 0; st == PARLEY_OK && i < n_issues; i++) {
        const zone_issue *z = &c->issues[i];
        size_t j, used;

        snprintf(id, sizeof id, "zone:%s", s->issues[z->issue].id);
        used =
            (size_t)snprintf(label, sizeof label, "zone of agreement on %s (",
                             s->issues[z->issue].id);
        for (j = 0; j < z->n && used < sizeof label; j++)
            used += (size_t)snprintf(label + used, sizeof label - used, "%s%s",
                                     j ? ", " : "",
                                     s->actors[c->parties[z->start + j]].id);
        if (used < sizeof label)
            snprintf(label + used, sizeof label - used, ")");
        st = parley_i_mc_column(mc, first + i, id, label, PARLEY_I_OUT_EVENT);
    }
    parley_i_free(ctx, mask, s->n_actors);
    return st;
}

/* ---- specifications ----------------------------------------------------- */

#define DEFAULT_OUTPUTS "forecast:*,state:*,reservation:*,zone:*,zopa,protocol"
#define SPEC_MAX 256

static parley_status add_one(parley_i_mc *mc, char *spec,
                             const parley_forecast_options *fo,
                             const char *zone_parties, int implicit)
{
    static const char *const kinds[] = {
        "forecast", "state",    "reservation", "zone",    "zopa",
        "blocking", "protocol", "deal",        "outcome", "terms"};
    const size_t n_kinds = sizeof kinds / sizeof *kinds;
    char *arg = strchr(spec, ':'), *arg2 = NULL;
    size_t i;

    if (arg) {
        *arg++ = '\0';
        arg2 = strchr(arg, ':');
        if (arg2)
            *arg2++ = '\0';
    }
    for (i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(spec, kinds[i]) == 0)
            break;
    if (i == n_kinds) {
        const char *near = parley_i_suggest(spec, kinds, n_kinds);

        return parley_i_error(mc->ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                              "unknown output '%s'%s%s%s expected forecast:"
                              "ISSUE[:MODEL], state:VARIABLE, reservation:"
                              "ACTOR, zone:ISSUE, zopa, blocking:ACTOR, "
                              "protocol, deal, outcome:TYPE or terms:ISSUE",
                              spec, near ? ", did you mean '" : ",",
                              near ? near : "", near ? "'?" : "");
    }
    if (i >= 4) { /* the negotiation outputs (nego_outputs.c) */
        int bare = i == 4 || i == 6 || i == 7;

        if (bare ? arg != NULL : (!arg || !*arg || arg2))
            return parley_i_error(mc->ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "output '%s%s%s' is malformed, expected "
                                  "%s%s",
                                  spec, arg ? ":" : "", arg ? arg : "", spec,
                                  bare     ? ""
                                  : i == 5 ? ":ACTOR"
                                  : i == 8 ? ":TYPE"
                                           : ":ISSUE");
        return parley_i_nego_add_output(mc, spec, arg, implicit);
    }
    if (!arg || !*arg || (arg2 && (i != 0 || !*arg2)))
        return parley_i_error(mc->ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "output '%s%s%s%s%s' is malformed, expected "
                              "%s",
                              spec, arg ? ":" : "", arg ? arg : "",
                              arg2 ? ":" : "", arg2 ? arg2 : "",
                              i == 0   ? "forecast:ISSUE[:MODEL]"
                              : i == 1 ? "state:VARIABLE"
                              : i == 2 ? "reservation:ACTOR"
                                       : "zone:ISSUE");
    switch (i) {
    case 0:
        return add_forecast(mc, arg, arg2, fo, implicit);
    case 1:
        return add_state(mc, arg, implicit);
    case 2:
        return add_reservation(mc, arg, implicit);
    default:
        return add_zone(mc, arg, zone_parties, implicit);
    }
}

parley_status parley_i_mc_add_outputs(parley_i_mc *mc, const char *specs,
                                      const parley_forecast_options *fo,
                                      const char *zone_parties)
{
    parley_forecast_options defaults;
    int implicit = specs == NULL;
    const char *p;
    size_t c, d;

    if (!fo) {
        parley_forecast_options_set_default(&defaults);
        fo = &defaults;
    }
    p = specs ? specs : DEFAULT_OUTPUTS;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char spec[SPEC_MAX];
        parley_status st;

        while (len && (*p == ' ' || *p == '\t'))
            p++, len--;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len == 0 || len >= sizeof spec)
            return parley_i_error(
                mc->ctx, PARLEY_EINVAL, NULL, 0, 0,
                "outputs '%s': %s, expected a comma list "
                "of output specifications",
                specs, len ? "an entry is too long" : "an entry is empty");
        memcpy(spec, p, len);
        spec[len] = '\0';
        st = add_one(mc, spec, fo, zone_parties, implicit);
        if (st != PARLEY_OK)
            return st;
        if (!end)
            break;
        p = end + 1;
    }
    for (c = 0; c < mc->n_columns; c++)
        for (d = c + 1; d < mc->n_columns; d++)
            if (strcmp(mc->columns[c].id, mc->columns[d].id) == 0)
                return parley_i_error(mc->ctx, PARLEY_EINVAL, NULL, 0, 0,
                                      "output '%s' is asked for twice, "
                                      "expected each output once",
                                      mc->columns[c].id);
    if (mc->n_columns == 0)
        return parley_i_error(mc->ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "no outputs to simulate, expected at least "
                              "one output");
    return PARLEY_OK;
}
