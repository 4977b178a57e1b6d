/*
 * nego_outputs.c -- the negotiation outputs of the Monte Carlo engine
 * (montecarlo.h): `zopa` (the package zone of possible agreement is open),
 * `blocking:ACTOR` (the actor is in a minimal blocking set of the shut
 * zone), and the protocol's `deal`, `outcome:TYPE` and `terms:ISSUE`
 * (`protocol` adds all three kinds in one block).  Each block owns a
 * negotiation setup (negotiation.h); its per-thread scratch is one
 * negotiation workspace, laid out on first use and reset at month 0 of
 * every evaluation, so an evaluation never depends on what the thread
 * computed before.  Documented in docs/models/ripeness.md and
 * simulation.md.
 */
#include "dynamics/montecarlo.h"
#include "dynamics/negotiation.h"
#include "forecast/model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FREE_N(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

typedef enum nego_kind {
    NEGO_ZOPA = 0,
    NEGO_BLOCKING = 1,
    NEGO_PROTOCOL = 2
} nego_kind;

/* A block's configuration.  PROTOCOL columns: deal (if has_deal), then
 * one per outcome type listed, then one per issue listed. */
typedef struct nego_config {
    nego_kind kind;
    parley_i_nego *ng;
    size_t n_parties; /* BLOCKING: party indices of the columns */
    size_t *parties;
    int has_deal;
    size_t n_outcomes;
    size_t *outcomes;
    size_t n_issues;
    size_t *issues;
} nego_config;

static void nego_config_free(const parley_ctx *ctx, void *config)
{
    nego_config *c = config;

    if (!c)
        return;
    FREE_N(ctx, c->parties, c->n_parties);
    FREE_N(ctx, c->outcomes, c->n_outcomes);
    FREE_N(ctx, c->issues, c->n_issues);
    parley_i_nego_free(c->ng);
    parley_i_free(ctx, c, sizeof *c);
}

/* Scratch: the workspace, then (BLOCKING) the sets' masks. */
#define MAX_SETS 64

static size_t nego_scratch(const void *config)
{
    const nego_config *c = config;
    size_t bytes = parley_i_align(parley_i_nego_ws_size(c->ng));

    if (c->kind == NEGO_BLOCKING)
        bytes += parley_i_align(MAX_SETS * c->ng->P);
    return bytes;
}

static parley_status nego_compute(const void *config, void *scratch,
                                  const parley_i_point *pt, double *out)
{
    const nego_config *c = config;
    const parley_i_nego *ng = c->ng;
    parley_i_nego_ws *ws = scratch;
    size_t i, j, col = 0;

    if (!ws->bound)
        ws = parley_i_nego_ws_bind(ng, scratch);
    if (pt->month == 0)
        parley_i_protocol_reset(ng, ws); /* a new evaluation, started cold */
    parley_i_nego_load(ng, ws, pt->values);
    if (c->kind != NEGO_PROTOCOL) {
        parley_i_mm_query q;
        parley_i_mm_result r;

        memset(&q, 0, sizeof q);
        q.threshold = ws->reservation;
        q.objective = ng->zopa;
        q.warm = 1;
        parley_i_nego_search(ng, ws, &q, &r);
        if (c->kind == NEGO_ZOPA) {
            out[0] = r.status == 1 ? 1.0 : r.status == 0 ? 0.0 : (double)NAN;
            return PARLEY_OK;
        }
        for (i = 0; i < c->n_parties; i++)
            out[i] = r.status == 1 ? 0.0 : (double)NAN;
        if (r.status == 0) {
            unsigned char *sets = (unsigned char *)scratch +
                                  parley_i_align(parley_i_nego_ws_size(ng));
            size_t n = parley_i_nego_blocking(ng, ws, sets, MAX_SETS);

            if (n == (size_t)-1)
                return PARLEY_OK; /* not decided: NaN */
            for (i = 0; i < c->n_parties; i++) {
                out[i] = 0.0;
                for (j = 0; j < n; j++)
                    if (sets[j * ng->P + c->parties[i]])
                        out[i] = 1.0;
            }
        }
        return PARLEY_OK;
    }
    parley_i_protocol_step(ng, ws, pt->month, pt->state, NULL);
    if (c->has_deal)
        out[col++] = ws->end == PARLEY_END_DEAL ? 1.0 : 0.0;
    for (i = 0; i < c->n_outcomes; i++)
        out[col++] = ws->outcome == c->outcomes[i] ? 1.0 : 0.0;
    for (i = 0; i < c->n_issues; i++) {
        size_t k = c->issues[i];

        out[col++] = ws->end == PARLEY_END_DEAL
                         ? ng->s->issues[k].options[ws->deal_options[k]].value
                         : (double)NAN;
    }
    return PARLEY_OK;
}

static const parley_i_output_type nego_type = {"negotiation", nego_scratch,
                                               nego_compute, nego_config_free};

/* The parties' ids as "RU, UA, US" (cut to the buffer). */
static void party_list(const parley_i_nego *ng, const unsigned char *mask,
                       char *buf, size_t cap)
{
    size_t p, used = 0;

    buf[0] = '\0';
    for (p = 0; p < ng->P && used < cap; p++)
        if (mask[p])
            used += (size_t)snprintf(buf + used, cap - used, "%s%s",
                                     used ? ", " : "",
                                     ng->s->actors[ng->sp->party_actor[p]].id);
}

static parley_status add_columns(parley_i_mc *mc, nego_config *c, size_t width)
{
    const parley_scenario *s = mc->scenario;
    const parley_i_nego *ng = c->ng;
    size_t first, i, col = 0;
    char id[160], label[480], who[256];
    parley_status st;

    st = parley_i_mc_add_block(mc, &nego_type, c, width, &first);
    if (st != PARLEY_OK)
        return st; /* c is freed */
    if (c->kind == NEGO_ZOPA) {
        party_list(ng, ng->zopa, who, sizeof who);
        snprintf(label, sizeof label,
                 "package ZOPA open (%s each at or above the reservation "
                 "value)",
                 who);
        return parley_i_mc_column(mc, first, "zopa", label, PARLEY_I_OUT_EVENT);
    }
    if (c->kind == NEGO_BLOCKING) {
        for (i = 0; st == PARLEY_OK && i < c->n_parties; i++) {
            const char *a = s->actors[ng->sp->party_actor[c->parties[i]]].id;

            snprintf(id, sizeof id, "blocking:%s", a);
            snprintf(label, sizeof label,
                     "%s in a minimal set of parties whose removal opens the "
                     "shut zone",
                     a);
            st = parley_i_mc_column(mc, first + i, id, label,
                                    PARLEY_I_OUT_EVENT);
        }
        return st;
    }
    party_list(ng, ng->signatory, who, sizeof who);
    if (c->has_deal) {
        snprintf(label, sizeof label, "a package signed by %s (%s)", who,
                 parley_protocol_name(ng->protocol));
        st = parley_i_mc_column(mc, first + col++, "deal", label,
                                PARLEY_I_OUT_EVENT);
    }
    for (i = 0; st == PARLEY_OK && i < c->n_outcomes; i++) {
        const parley_outcome_type *o = &s->outcome_types[c->outcomes[i]];

        snprintf(id, sizeof id, "outcome:%s", o->id);
        snprintf(label, sizeof label, "outcome type %s%s%s", o->id,
                 o->name ? ": " : "", o->name ? o->name : "");
        st = parley_i_mc_column(mc, first + col++, id, label,
                                PARLEY_I_OUT_EVENT);
    }
    for (i = 0; st == PARLEY_OK && i < c->n_issues; i++) {
        const char *k = s->issues[c->issues[i]].id;

        snprintf(id, sizeof id, "terms:%s", k);
        snprintf(label, sizeof label,
                 "%s in the package signed by %s (draws with a deal)", k, who);
        st = parley_i_mc_column(mc, first + col++, id, label,
                                PARLEY_I_OUT_VALUE);
    }
    return st;
}

/* Selects "*" (every entry allowed) or one id among n. */
static parley_status select_one(parley_i_mc *mc, const char *spec,
                                const char *arg, const char *what, size_t n,
                                const char *(*id_of)(const void *, size_t),
                                const void *user, const unsigned char *allowed,
                                size_t **out, size_t *n_out)
{
    size_t i, k = 0;

    *out = NULL;
    *n_out = 0;
    for (i = 0; i < n; i++)
        if ((!allowed || allowed[i]) &&
            (strcmp(arg, "*") == 0 || strcmp(arg, id_of(user, i)) == 0))
            k++;
    if (k == 0 && strcmp(arg, "*") != 0)
        return parley_i_error(mc->ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                              "output '%s:%s': '%s' is not %s, expected one "
                              "of its ids or *",
                              spec, arg, arg, what);
    if (k == 0)
        return PARLEY_OK;
    *out = parley_i_alloc_array(mc->ctx, k, sizeof **out);
    if (!*out)
        return parley_i_nomem(mc->ctx);
    for (i = 0; i < n; i++)
        if ((!allowed || allowed[i]) &&
            (strcmp(arg, "*") == 0 || strcmp(arg, id_of(user, i)) == 0))
            (*out)[(*n_out)++] = i;
    return PARLEY_OK;
}

static const char *outcome_id(const void *user, size_t i)
{
    return ((const parley_scenario *)user)->outcome_types[i].id;
}

static const char *issue_id(const void *user, size_t i)
{
    return ((const parley_scenario *)user)->issues[i].id;
}

static const char *party_id(const void *user, size_t p)
{
    const parley_i_nego *ng = user;

    return ng->s->actors[ng->sp->party_actor[p]].id;
}

/* Why the outcome space of package bargaining cannot be built (into
 * why), or 0 when it can be tried. */
static int not_applicable(const parley_scenario *s,
                          const parley_negotiation_options *o, char *why,
                          size_t cap)
{
    size_t k, a;

    if (s->n_issues == 0) {
        snprintf(why, cap, "the scenario has no issues");
        return 1;
    }
    for (k = 0; k < s->n_issues; k++)
        if (s->issues[k].n_options == 0) {
            snprintf(why, cap, "issue '%s' has no options", s->issues[k].id);
            return 1;
        }
    if (o->space.parties)
        return 0;
    for (a = 0; a < s->n_actors; a++)
        if (s->actors[a].role == PARLEY_ROLE_PARTY ||
            s->actors[a].role == PARLEY_ROLE_MEDIATOR ||
            s->actors[a].role == PARLEY_ROLE_GUARANTOR ||
            s->actors[a].role == PARLEY_ROLE_VETO)
            return 0;
    snprintf(why, cap,
             "no actor is a party, mediator, guarantor or veto "
             "player");
    return 1;
}

parley_status parley_i_nego_add_output(parley_i_mc *mc, const char *kind,
                                       const char *arg, int implicit)
{
    char why[200];
    parley_ctx *ctx = mc->ctx;
    const parley_scenario *s = mc->scenario;
    parley_negotiation_options defaults;
    const parley_negotiation_options *o = mc->negotiation;
    nego_config *c;
    parley_status st;
    size_t width = 0;
    int protocol_all = strcmp(kind, "protocol") == 0;

    if (!o) {
        parley_negotiation_options_set_default(&defaults);
        o = &defaults;
    }
    if ((protocol_all || strcmp(kind, "deal") == 0 ||
         strcmp(kind, "outcome") == 0 || strcmp(kind, "terms") == 0) &&
        parley_i_nego_protocol(s, o) == PARLEY_PROTOCOL_NONE) {
        if (implicit)
            return PARLEY_OK;
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "output '%s' needs a negotiation protocol, "
                              "expected protocol alternating or mediator",
                              kind);
    }
    if (not_applicable(s, o, why, sizeof why)) {
        if (implicit)
            return PARLEY_OK;
        return parley_i_error(ctx, PARLEY_EUNSUPPORTED, NULL, 0, 0,
                              "output '%s' needs the outcome space of "
                              "package bargaining, but %s; expected options "
                              "on every issue and some party",
                              kind, why);
    }
    c = parley_i_alloc(ctx, sizeof *c);
    if (!c)
        return parley_i_nomem(ctx);
    st = parley_i_nego_new(ctx, s, mc->params, o, mc->months, &c->ng);
    if (st != PARLEY_OK) {
        nego_config_free(ctx, c);
        return st;
    }
    if (strcmp(kind, "zopa") == 0) {
        c->kind = NEGO_ZOPA;
        width = 1;
    } else if (strcmp(kind, "blocking") == 0) {
        c->kind = NEGO_BLOCKING;
        if (c->ng->n_zopa > 16) {
            size_t n = c->ng->n_zopa;

            nego_config_free(ctx, c);
            return parley_i_error(ctx, PARLEY_ELIMIT, NULL, 0, 0,
                                  "output 'blocking': %zu ZOPA parties, "
                                  "expected at most 16 (2^n subsets are "
                                  "tried)",
                                  n);
        }
        st = select_one(mc, "blocking", arg, "a ZOPA party", c->ng->P, party_id,
                        c->ng, c->ng->zopa, &c->parties, &c->n_parties);
        width = c->n_parties;
    } else {
        c->kind = NEGO_PROTOCOL;
        c->has_deal = protocol_all || strcmp(kind, "deal") == 0;
        if (protocol_all || strcmp(kind, "outcome") == 0)
            st = select_one(mc, "outcome", protocol_all ? "*" : arg,
                            "an outcome type", s->n_outcome_types, outcome_id,
                            s, NULL, &c->outcomes, &c->n_outcomes);
        if (st == PARLEY_OK && (protocol_all || strcmp(kind, "terms") == 0))
            st = select_one(mc, "terms", protocol_all ? "*" : arg, "an issue",
                            s->n_issues, issue_id, s, NULL, &c->issues,
                            &c->n_issues);
        width = (size_t)c->has_deal + c->n_outcomes + c->n_issues;
    }
    if (st == PARLEY_OK && width == 0) {
        nego_config_free(ctx, c);
        if (implicit)
            return PARLEY_OK;
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "output '%s%s%s' selects nothing, expected "
                              "a scenario with outcome types",
                              kind, arg ? ":" : "", arg ? arg : "");
    }
    if (st != PARLEY_OK) {
        nego_config_free(ctx, c);
        return st;
    }
    return add_columns(mc, c, width);
}
