/*
 * negotiation.c -- the outcome space of a perturbed scenario (setup,
 * classes, tables reloaded month by month from the flat vector), the
 * max-min branch and bound, and the minimal blocking sets of a shut zone.
 * See negotiation.h and docs/models/ripeness.md.
 */
#include "dynamics/negotiation.h"
#include "dynamics/outcome.h"
#include "forecast/model.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FREE_N(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

/* Subgradient steps at the root of a search: cold and warm starts. */
#define LAGRANGE_STEPS_COLD 40
#define LAGRANGE_STEPS_WARM 12

/* ---- options ------------------------------------------------------------ */

void parley_negotiation_options_set_default(parley_negotiation_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    parley_bargain_options_set_default(&o->space);
    o->space.max_nodes = 1000000;
    o->protocol = PARLEY_PROTOCOL_SCENARIO;
    o->deadline = PARLEY_DEADLINE_SCENARIO;
    o->tactic = PARLEY_TACTIC_LINEAR;
    o->exponent = 1.0;
    o->frozen_months = -1;
}

parley_protocol_kind parley_i_nego_protocol(const parley_scenario *s,
                                            const parley_negotiation_options *o)
{
    if (o->protocol != PARLEY_PROTOCOL_SCENARIO)
        return o->protocol;
    if (s->negotiation.present && s->negotiation.protocol >= 0)
        return (parley_protocol_kind)s->negotiation.protocol;
    return PARLEY_PROTOCOL_ALTERNATING;
}

const char *parley_protocol_name(parley_protocol_kind kind)
{
    switch (kind) {
    case PARLEY_PROTOCOL_NONE:
        return "none";
    case PARLEY_PROTOCOL_ALTERNATING:
        return "alternating";
    case PARLEY_PROTOCOL_MEDIATOR:
        return "mediator";
    case PARLEY_PROTOCOL_SCENARIO:
        return "scenario";
    }
    return "unknown";
}

const char *parley_tactic_name(parley_tactic_kind kind)
{
    switch (kind) {
    case PARLEY_TACTIC_LINEAR:
        return "linear";
    case PARLEY_TACTIC_BOULWARE:
        return "boulware";
    case PARLEY_TACTIC_CONCEDER:
        return "conceder";
    case PARLEY_TACTIC_HARDHEADED:
        return "hardheaded";
    }
    return "unknown";
}

const char *parley_end_state_name(parley_end_state end)
{
    switch (end) {
    case PARLEY_END_NONE:
        return "none";
    case PARLEY_END_DEAL:
        return "deal";
    case PARLEY_END_ARMISTICE:
        return "armistice";
    case PARLEY_END_FROZEN:
        return "frozen";
    case PARLEY_END_COLLAPSE:
        return "collapse";
    }
    return "unknown";
}

/* ---- setup -------------------------------------------------------------- */

static int role_is_party(parley_role role)
{
    return role == PARLEY_ROLE_PARTY || role == PARLEY_ROLE_MEDIATOR ||
           role == PARLEY_ROLE_GUARANTOR || role == PARLEY_ROLE_VETO;
}

/* The ZOPA parties: the list, or the actors whose role makes them a
 * party of package bargaining (as parley_bargain_run takes them). */
static parley_status zopa_actors(parley_ctx *ctx, const parley_scenario *s,
                                 const char *list, size_t **out, size_t *n)
{
    size_t a, k = 0;

    if (list)
        return parley_i_parse_actor_list(ctx, s, list, out, n);
    *out = NULL;
    *n = 0;
    for (a = 0; a < s->n_actors; a++)
        k += role_is_party(s->actors[a].role);
    if (k == 0)
        return parley_i_error(ctx, PARLEY_EINVAL, s->file, 0, 0,
                              "no actor is a party, mediator, guarantor or "
                              "veto player, expected at least one (or name "
                              "the parties)");
    *out = parley_i_alloc_array(ctx, k, sizeof **out);
    if (!*out)
        return parley_i_nomem(ctx);
    for (a = 0; a < s->n_actors; a++)
        if (role_is_party(s->actors[a].role))
            (*out)[(*n)++] = a;
    return PARLEY_OK;
}

/* A state test "VAR<=NUM" (also <, >=, >). */
static parley_status parse_test(parley_ctx *ctx, const parley_scenario *s,
                                const char *what, const char *text, size_t len,
                                parley_i_state_test *t)
{
    char buf[128], *op;
    size_t v, name_len;
    double value;
    int two = 0;

    if (len == 0 || len >= sizeof buf)
        goto bad;
    memcpy(buf, text, len);
    buf[len] = '\0';
    op = strpbrk(buf, "<>");
    if (!op || op == buf)
        goto bad;
    name_len = (size_t)(op - buf);
    two = op[1] == '=';
    if (!parley_i_parse_double(op + 1 + two, &value))
        goto bad;
    t->min = -INFINITY;
    t->max = INFINITY;
    t->min_strict = t->max_strict = 0;
    if (op[0] == '<') {
        t->max = value;
        t->max_strict = (unsigned char)!two;
    } else {
        t->min = value;
        t->min_strict = (unsigned char)!two;
    }
    while (name_len && buf[name_len - 1] == ' ')
        name_len--;
    buf[name_len] = '\0';
    for (v = 0; v < s->dynamics.n_variables; v++)
        if (strcmp(s->dynamics.variables[v].id, buf) == 0)
            break;
    if (v == s->dynamics.n_variables)
        return parley_i_error(ctx, PARLEY_ENOTFOUND, s->file, 0, 0,
                              "%s test '%.*s': no state variable '%s', "
                              "expected a variable id of the dynamics",
                              what, (int)len, text, buf);
    t->variable = v;
    return PARLEY_OK;
bad:
    return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                          "%s test '%.*s' is malformed, expected "
                          "VARIABLE<=NUMBER (or <, >=, >)",
                          what, (int)(len < 100 ? len : 100), text);
}

/* A comma list of state tests. */
static parley_status parse_tests(parley_ctx *ctx, const parley_scenario *s,
                                 const char *what, const char *list,
                                 parley_i_state_test **out, size_t *n)
{
    const char *p;
    size_t count = 1, i = 0;
    parley_status st = PARLEY_OK;

    for (p = list; *p; p++)
        count += *p == ',';
    *out = parley_i_alloc_array(ctx, count, sizeof **out);
    if (!*out)
        return parley_i_nomem(ctx);
    *n = count;
    p = list;
    for (i = 0; i < count && st == PARLEY_OK; i++) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);

        while (len && *p == ' ')
            p++, len--;
        st = parse_test(ctx, s, what, p, len, &(*out)[i]);
        p = end ? end + 1 : p + len;
    }
    return st;
}

static parley_status find_outcome(parley_ctx *ctx, const parley_scenario *s,
                                  const char *what, const char *id, size_t *out)
{
    size_t o;

    if (!id)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "%s is given without an outcome type, "
                              "expected the outcome id it ends in",
                              what);
    o = parley_outcome_find(s, id);
    if (o == PARLEY_NO_OUTCOME)
        return parley_i_error(ctx, PARLEY_ENOTFOUND, s->file, 0, 0,
                              "%s outcome '%s' is not an outcome type of "
                              "the scenario, expected one of its outcome ids",
                              what, id);
    *out = o;
    return PARLEY_OK;
}

/* Equal explicit option values of every party holding a stance: options
 * o and q of issue k then have the same value to everyone. */
static int same_option(const parley_i_nego *ng, size_t k, size_t o, size_t q)
{
    const parley_scenario *s = ng->s;
    const parley_issue *is = &s->issues[k];
    size_t p;

    if (!(is->options[o].value == is->options[q].value))
        return 0;
    for (p = 0; p < ng->P; p++) {
        const parley_stance *st = parley_i_stance(s, ng->sp->party_actor[p], k);
        double a, b;

        if (!st->present || !st->option_values)
            continue;
        a = st->option_values[o];
        b = st->option_values[q];
        if (!(isnan(a) && isnan(b)) && !(a == b))
            return 0;
    }
    return 1;
}

/* Merge sort of idx[0..n) by the tuples key[i * M ..] (then by index),
 * using tmp (n entries). */
static int key_less(const size_t *key, size_t M, size_t i, size_t j)
{
    size_t m;

    for (m = 0; m < M; m++)
        if (key[i * M + m] != key[j * M + m])
            return key[i * M + m] < key[j * M + m];
    return i < j;
}

static void sort_by_key(size_t *idx, size_t *tmp, size_t n, const size_t *key,
                        size_t M)
{
    size_t width, i;

    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t lo = i, mid = i + width < n ? i + width : n;
            size_t hi = i + 2 * width < n ? i + 2 * width : n;
            size_t a = lo, b = mid, t = lo;

            while (a < mid && b < hi)
                tmp[t++] =
                    key_less(key, M, idx[b], idx[a]) ? idx[b++] : idx[a++];
            while (a < mid)
                tmp[t++] = idx[a++];
            while (b < hi)
                tmp[t++] = idx[b++];
        }
        memcpy(idx, tmp, n * sizeof *idx);
    }
}

/* Classes of every dimension (see negotiation.h). */
static parley_status setup_classes(parley_ctx *ctx, parley_i_nego *ng)
{
    const parley_i_space *sp = ng->sp;
    size_t *canon = NULL, *key = NULL, *idx = NULL, *tmp = NULL, *rep = NULL;
    size_t k, o, q, d, i, cap = 1, total = 0;
    parley_status st = PARLEY_OK;

    canon = parley_i_alloc_array(ctx, ng->n_opt ? ng->n_opt : 1, sizeof *canon);
    if (!canon)
        return parley_i_nomem(ctx);
    for (k = 0; k < ng->K; k++)
        for (o = 0; o < sp->issues[k].n_options; o++) {
            for (q = 0; q < o && !same_option(ng, k, o, q); q++)
                ;
            canon[ng->opt_off[k] + o] = q; /* the lowest equal option */
        }
    for (d = 0; d < ng->D; d++) {
        if (sp->dims[d].n_options > cap)
            cap = sp->dims[d].n_options;
        if (sp->dims[d].n_members > ng->max_members)
            ng->max_members = sp->dims[d].n_members;
        total += sp->dims[d].n_options;
    }
    key = parley_i_alloc_array(ctx, cap * ng->max_members + 1, sizeof *key);
    idx = parley_i_alloc_array(ctx, cap, sizeof *idx);
    tmp = parley_i_alloc_array(ctx, cap, sizeof *tmp);
    rep = parley_i_alloc_array(ctx, cap, sizeof *rep);
    ng->cls_off = parley_i_alloc_array(ctx, ng->D + 1, sizeof *ng->cls_off);
    ng->cls_rep = parley_i_alloc_array(ctx, total + 1, sizeof *ng->cls_rep);
    if (ng->cls_rep)
        ng->cls_cap = total + 1;
    if (!key || !idx || !tmp || !rep || !ng->cls_off || !ng->cls_rep) {
        st = parley_i_nomem(ctx);
        goto done;
    }
    for (d = 0; d < ng->D; d++) {
        const parley_i_dim *dim = &sp->dims[d];
        size_t M = dim->n_members, n = dim->n_options, m, c;

        for (i = 0; i < n; i++) {
            for (m = 0; m < M; m++) {
                size_t kk = dim->members[m];

                key[i * M + m] =
                    canon[ng->opt_off[kk] + dim->member_option[i * M + m]];
            }
            idx[i] = i;
        }
        /* sorted by key, then index: each group starts with its lowest
         * option, which represents it */
        sort_by_key(idx, tmp, n, key, M);
        for (i = 0; i < n; i++)
            rep[idx[i]] =
                i > 0 && memcmp(key + idx[i] * M, key + idx[i - 1] * M,
                                M * sizeof *key) == 0
                    ? rep[idx[i - 1]]
                    : idx[i];
        c = ng->cls_off[d];
        for (i = 0; i < n; i++) /* classes in order of representatives */
            if (rep[i] == i)
                ng->cls_rep[c++] = i;
        ng->cls_off[d + 1] = c;
        if (c - ng->cls_off[d] > ng->max_cls)
            ng->max_cls = c - ng->cls_off[d];
    }
    ng->C = ng->cls_off[ng->D];
    /* each class's member options as global option indices */
    ng->cls_opt = parley_i_alloc_array(ctx, ng->C * ng->max_members + 1,
                                       sizeof *ng->cls_opt);
    if (!ng->cls_opt) {
        st = parley_i_nomem(ctx);
        goto done;
    }
    for (d = 0; d < ng->D; d++) {
        const parley_i_dim *dim = &sp->dims[d];
        size_t c, m, M = dim->n_members;

        for (c = ng->cls_off[d]; c < ng->cls_off[d + 1]; c++)
            for (m = 0; m < M; m++)
                ng->cls_opt[c * ng->max_members + m] =
                    ng->opt_off[dim->members[m]] +
                    dim->member_option[ng->cls_rep[c] * M + m];
    }
done:
    FREE_N(ctx, canon, ng->n_opt ? ng->n_opt : 1);
    FREE_N(ctx, key, cap * ng->max_members + 1);
    FREE_N(ctx, idx, cap);
    FREE_N(ctx, tmp, cap);
    FREE_N(ctx, rep, cap);
    return st;
}

static int has_range(const parley_scenario *s, size_t a)
{
    size_t k;

    for (k = 0; k < s->n_issues; k++) {
        const parley_stance *st = parley_i_stance(s, a, k);

        if (st->present && (st->range_low.present || st->range_high.present))
            return 1;
    }
    return 0;
}

/* The status-quo option (space.c's rule). */
static size_t status_quo_option(const parley_issue *is)
{
    if (is->status_quo_option != PARLEY_NO_INDEX &&
        is->status_quo_option < is->n_options)
        return is->status_quo_option;
    if (isfinite(is->status_quo))
        return parley_i_nearest_option(is, is->status_quo);
    return PARLEY_NO_INDEX;
}

/* Builds the list "A,B,C" of the union of the ZOPA parties and the
 * signatories, and the two masks over it. */
/* Writes sep then id at list[used] within size bytes (NUL-terminated);
 * returns the new length. */
static size_t append_id(char *list, size_t size, size_t used,
                        const char *sep, const char *id)
{
    int n = snprintf(list + used, size - used, "%s%s", sep, id);

    if (n < 0)
        return used;
    return used + (size_t)n < size ? used + (size_t)n : size - 1;
}

/* A copy of the scenario's signatories (actor indices, in turn order). */
static parley_status copy_actors(parley_ctx *ctx, const size_t *actors,
                                 size_t n, size_t **out, size_t *n_out)
{
    *out = parley_i_alloc_array(ctx, n, sizeof **out);
    if (!*out)
        return parley_i_nomem(ctx);
    memcpy(*out, actors, n * sizeof **out);
    *n_out = n;
    return PARLEY_OK;
}

static parley_status setup_parties(parley_ctx *ctx, parley_i_nego *ng,
                                   const parley_negotiation_options *o,
                                   char **list, size_t *list_size, size_t **zop,
                                   size_t *n_zop, size_t **sig, size_t *n_sig)
{
    const parley_scenario *s = ng->s;
    size_t i, j, len = 1;
    parley_status st;

    st = zopa_actors(ctx, s, o->space.parties, zop, n_zop);
    if (st != PARLEY_OK)
        return st;
    if (o->signatories)
        st = parley_i_parse_actor_list(ctx, s, o->signatories, sig, n_sig);
    else if (s->negotiation.present && s->negotiation.n_signatories)
        st = copy_actors(ctx, s->negotiation.signatories,
                         s->negotiation.n_signatories, sig, n_sig);
    else
        st = zopa_actors(ctx, s, o->space.parties, sig, n_sig);
    if (st != PARLEY_OK)
        return st;
    for (i = 0; i < *n_zop; i++)
        len += strlen(s->actors[(*zop)[i]].id) + 1;
    for (i = 0; i < *n_sig; i++)
        len += strlen(s->actors[(*sig)[i]].id) + 1;
    *list = parley_i_alloc(ctx, len);
    if (!*list)
        return parley_i_nomem(ctx);
    *list_size = len;
    /* the ids joined by commas; `used` never passes len - 1 (counted above) */
    {
        size_t used = 0;

        for (i = 0; i < *n_zop; i++)
            used = append_id(*list, len, used, i ? "," : "",
                             s->actors[(*zop)[i]].id);
        for (i = 0; i < *n_sig; i++) {
            for (j = 0; j < *n_zop && (*zop)[j] != (*sig)[i]; j++)
                ;
            if (j < *n_zop)
                continue;
            used = append_id(*list, len, used, used ? "," : "",
                             s->actors[(*sig)[i]].id);
        }
    }
    return PARLEY_OK;
}

/* Each party's tactic: the scenario's, else the options'. */
static parley_status setup_tactics(parley_ctx *ctx, parley_i_nego *ng,
                                   const parley_negotiation_options *o)
{
    size_t p;

    if (o->tactic < PARLEY_TACTIC_LINEAR ||
        o->tactic > PARLEY_TACTIC_HARDHEADED)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "tactic %d, expected linear, boulware, "
                              "conceder or hardheaded",
                              (int)o->tactic);
    if ((o->tactic == PARLEY_TACTIC_BOULWARE &&
         !(o->exponent > 0 && o->exponent < 1)) ||
        (o->tactic == PARLEY_TACTIC_CONCEDER &&
         !(o->exponent > 1 && isfinite(o->exponent))))
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "exponent %g for the %s tactic, expected %s",
                              o->exponent, parley_tactic_name(o->tactic),
                              o->tactic == PARLEY_TACTIC_BOULWARE ? "0 < e < 1"
                                                                  : "e > 1");
    for (p = 0; p < ng->P; p++) {
        const parley_actor *a = &ng->s->actors[ng->sp->party_actor[p]];

        if (a->has_tactic) {
            ng->tactic[p] = a->tactic;
            ng->exponent[p] = a->tactic_exponent.mode;
        } else {
            ng->tactic[p] = (int)o->tactic;
            ng->exponent[p] = o->exponent;
        }
        if (ng->tactic[p] == PARLEY_TACTIC_LINEAR)
            ng->exponent[p] = 1.0;
        else if (ng->tactic[p] == PARLEY_TACTIC_HARDHEADED)
            ng->exponent[p] = 0.0;
    }
    return PARLEY_OK;
}

/* "none" in an option: the scenario's rule switched off. */
static int is_none(const char *text)
{
    return text && strcmp(text, "none") == 0;
}

/* The tests of a scenario's frozen or collapse rule ([min, max], ends
 * inclusive); the loader gives a rule at least one. */
static parley_status copy_tests(parley_ctx *ctx, const parley_end_rule *rule,
                                parley_i_state_test **out, size_t *n)
{
    size_t i;

    *out = parley_i_alloc_array(ctx, rule->n_tests, sizeof **out);
    if (!*out)
        return parley_i_nomem(ctx);
    *n = rule->n_tests;
    for (i = 0; i < rule->n_tests; i++) {
        (*out)[i].variable = rule->tests[i].variable;
        (*out)[i].min = rule->tests[i].min;
        (*out)[i].max = rule->tests[i].max;
        (*out)[i].min_strict = (*out)[i].max_strict = 0;
    }
    return PARLEY_OK;
}

/* The outcome type of an end state: the options' id, else the scenario
 * rule's. */
static parley_status rule_outcome(parley_ctx *ctx, const parley_scenario *s,
                                  const char *what, const char *id,
                                  const parley_end_rule *rule, size_t *out)
{
    if (!id && rule->present && rule->outcome < s->n_outcome_types) {
        *out = rule->outcome;
        return PARLEY_OK;
    }
    return find_outcome(ctx, s, what, id, out);
}

/* A frozen or collapse end state: the options' tests, else the scenario's
 * rule; "none" or neither: no such end state. */
static parley_status setup_state_rule(parley_ctx *ctx, const parley_scenario *s,
                                      const char *kind, const char *tests,
                                      const char *outcome,
                                      const parley_end_rule *rule,
                                      parley_i_state_test **out, size_t *n,
                                      size_t *outcome_out)
{
    char what[64];
    parley_status st;

    if (is_none(tests) || (!tests && (!rule->present || !rule->n_tests))) {
        if (outcome)
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "a %s outcome without %s tests, "
                                  "expected both or neither",
                                  kind, kind);
        return PARLEY_OK;
    }
    if (tests)
        st = parse_tests(ctx, s, kind, tests, out, n);
    else
        st = copy_tests(ctx, rule, out, n);
    if (st != PARLEY_OK)
        return st;
    snprintf(what, sizeof what, "the %s end state", kind);
    return rule_outcome(ctx, s, what, outcome, rule, outcome_out);
}

static parley_status setup_protocol(parley_ctx *ctx, parley_i_nego *ng,
                                    const parley_negotiation_options *o,
                                    int months)
{
    const parley_scenario *s = ng->s;
    const parley_negotiation_rules *rules = &s->negotiation;
    size_t i;
    parley_status st = PARLEY_OK;

    if (o->protocol < PARLEY_PROTOCOL_NONE ||
        o->protocol > PARLEY_PROTOCOL_SCENARIO)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "protocol %d, expected none, alternating, "
                              "mediator or the scenario's",
                              (int)o->protocol);
    if (o->deadline < PARLEY_DEADLINE_SCENARIO || o->deadline > 600)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "deadline %d, expected 0 to 600 months (or "
                              "-1 for the last month, -2 for the "
                              "scenario's)",
                              o->deadline);
    if (o->frozen_months != -1 &&
        (o->frozen_months < 1 || o->frozen_months > 600))
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "frozen_months %d, expected 1 to 600 (or -1 "
                              "for the scenario's)",
                              o->frozen_months);
    ng->protocol = parley_i_nego_protocol(s, o);
    if (o->deadline >= 0)
        ng->deadline = o->deadline;
    else if (o->deadline == PARLEY_DEADLINE_SCENARIO && rules->present &&
             rules->deadline >= 0)
        ng->deadline = rules->deadline;
    else
        ng->deadline = months;
    if (o->frozen_months > 0)
        ng->frozen_months = o->frozen_months;
    else if (rules->frozen.present && rules->frozen.months > 0)
        ng->frozen_months = rules->frozen.months;
    else
        ng->frozen_months = 3;
    ng->armistice_issue = PARLEY_NO_INDEX;
    ng->armistice_outcome = ng->frozen_outcome = ng->collapse_outcome =
        PARLEY_NO_OUTCOME;
    ng->default_outcome = PARLEY_NO_OUTCOME;
    for (i = 0; i < s->n_outcome_types; i++)
        if (s->outcome_types[i].is_default) {
            ng->default_outcome = i;
            break;
        }
    ng->has_rules = parley_i_has_rules(s);
    if (is_none(o->armistice_issue) ||
        (!o->armistice_issue && !rules->armistice.present)) {
        if (o->armistice_outcome)
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "an armistice outcome without an "
                                  "armistice issue, expected both or "
                                  "neither");
    } else {
        ng->armistice_issue = o->armistice_issue
                                  ? parley_issue_find(s, o->armistice_issue)
                                  : rules->armistice.issue;
        if (ng->armistice_issue == PARLEY_NO_INDEX)
            return parley_i_error(ctx, PARLEY_ENOTFOUND, s->file, 0, 0,
                                  "armistice issue '%s' is not an issue of "
                                  "the scenario, expected an issue id",
                                  o->armistice_issue);
        st = rule_outcome(ctx, s, "the armistice", o->armistice_outcome,
                          &rules->armistice, &ng->armistice_outcome);
    }
    if (st == PARLEY_OK)
        st = setup_state_rule(ctx, s, "frozen", o->frozen, o->frozen_outcome,
                              &rules->frozen, &ng->frozen_tests, &ng->n_frozen,
                              &ng->frozen_outcome);
    if (st == PARLEY_OK)
        st = setup_state_rule(ctx, s, "collapse", o->collapse,
                              o->collapse_outcome, &rules->collapse,
                              &ng->collapse_tests, &ng->n_collapse,
                              &ng->collapse_outcome);
    return st;
}

void parley_i_nego_free(parley_i_nego *ng)
{
    const parley_ctx *ctx;

    if (!ng)
        return;
    ctx = ng->ctx;
    FREE_N(ctx, ng->opt_off, ng->K + 1);
    FREE_N(ctx, ng->sq_option, ng->K ? ng->K : 1);
    FREE_N(ctx, ng->cls_off, ng->D + 1);
    FREE_N(ctx, ng->cls_rep, ng->cls_cap);
    if (ng->cls_opt)
        FREE_N(ctx, ng->cls_opt, ng->C * ng->max_members + 1);
    FREE_N(ctx, ng->zopa, ng->P);
    FREE_N(ctx, ng->signatory, ng->P);
    FREE_N(ctx, ng->sig_order, ng->sig_cap);
    FREE_N(ctx, ng->res_rule, ng->P);
    FREE_N(ctx, ng->tactic, ng->P);
    FREE_N(ctx, ng->exponent, ng->P);
    FREE_N(ctx, ng->frozen_tests, ng->n_frozen);
    FREE_N(ctx, ng->collapse_tests, ng->n_collapse);
    parley_i_space_free(ng->sp);
    parley_i_free(ctx, ng, sizeof *ng);
}

parley_status parley_i_nego_new(parley_ctx *ctx, const parley_scenario *s,
                                const parley_i_params *params,
                                const parley_negotiation_options *options,
                                int months, parley_i_nego **out)
{
    parley_negotiation_options defaults;
    parley_bargain_options so;
    parley_i_nego *ng;
    size_t *zop = NULL, *sig = NULL, n_zop = 0, n_sig = 0, list_size = 0;
    size_t p, k, i;
    char *list = NULL;
    parley_status st;

    *out = NULL;
    if (!options) {
        parley_negotiation_options_set_default(&defaults);
        options = &defaults;
    }
    if (options->space.disagreement != PARLEY_DISAGREEMENT_RESERVATION)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "the zone of a negotiation is taken over the "
                              "reservation values, expected the "
                              "reservation disagreement point");
    ng = parley_i_alloc(ctx, sizeof *ng);
    if (!ng)
        return parley_i_nomem(ctx);
    ng->ctx = ctx;
    ng->s = s;
    ng->L = params->layout;
    ng->shape = options->space.shape;
    ng->reservation_rule = options->space.reservation;
    ng->max_nodes = options->space.max_nodes;
    st = setup_parties(ctx, ng, options, &list, &list_size, &zop, &n_zop, &sig,
                       &n_sig);
    if (st != PARLEY_OK)
        goto done;
    so = options->space;
    so.parties = list;
    so.zopa_parties = NULL;
    so.proposal = NULL;
    st = parley_i_space_new(ctx, s, &so, NULL, &ng->sp);
    if (st != PARLEY_OK)
        goto done;
    ng->P = ng->sp->n_parties;
    ng->K = ng->sp->n_issues;
    ng->D = ng->sp->n_dims;
    ng->opt_off = parley_i_alloc_array(ctx, ng->K + 1, sizeof *ng->opt_off);
    ng->sq_option =
        parley_i_alloc_array(ctx, ng->K ? ng->K : 1, sizeof *ng->sq_option);
    ng->zopa = parley_i_alloc(ctx, ng->P);
    ng->signatory = parley_i_alloc(ctx, ng->P);
    ng->res_rule = parley_i_alloc(ctx, ng->P);
    ng->tactic = parley_i_alloc_array(ctx, ng->P, sizeof *ng->tactic);
    ng->exponent = parley_i_alloc_array(ctx, ng->P, sizeof *ng->exponent);
    ng->sig_order =
        parley_i_alloc_array(ctx, n_sig ? n_sig : 1, sizeof *ng->sig_order);
    if (ng->sig_order)
        ng->sig_cap = n_sig ? n_sig : 1;
    if (!ng->opt_off || !ng->sq_option || !ng->zopa || !ng->signatory ||
        !ng->res_rule || !ng->tactic || !ng->exponent || !ng->sig_order) {
        st = parley_i_nomem(ctx);
        goto done;
    }
    for (k = 0; k < ng->K; k++) {
        ng->opt_off[k + 1] = ng->opt_off[k] + ng->sp->issues[k].n_options;
        ng->sq_option[k] = status_quo_option(&s->issues[k]);
    }
    ng->n_opt = ng->opt_off[ng->K];
    /* parties: the space lists the ZOPA parties first, then the other
     * signatories, in the order of the list */
    for (i = 0; i < n_zop; i++)
        ng->zopa[i] = 1;
    ng->n_zopa = n_zop;
    for (i = 0; i < n_sig; i++)
        for (p = 0; p < ng->P; p++)
            if (ng->sp->party_actor[p] == sig[i]) {
                ng->signatory[p] = 1;
                ng->sig_order[ng->n_sig++] = p;
            }
    for (p = 0; p < ng->P; p++) {
        size_t a = ng->sp->party_actor[p];
        parley_reservation_rule rule = options->space.reservation;

        if (s->actors[a].reservation.present &&
            isfinite(s->actors[a].reservation.mode)) {
            ng->res_rule[p] = PARLEY_RESERVATION_FROM_SCENARIO;
            continue;
        }
        if (rule == PARLEY_RESERVATION_AUTO)
            rule = has_range(s, a) ? PARLEY_RESERVATION_RANGE
                   : ng->sp->reservation_source[p] ==
                           PARLEY_RESERVATION_FROM_STATUS_QUO
                       ? PARLEY_RESERVATION_STATUS_QUO
                       : PARLEY_RESERVATION_ZERO;
        ng->res_rule[p] =
            (unsigned char)(rule == PARLEY_RESERVATION_RANGE
                                ? PARLEY_RESERVATION_FROM_RANGE
                            : rule == PARLEY_RESERVATION_STATUS_QUO
                                ? PARLEY_RESERVATION_FROM_STATUS_QUO
                                : PARLEY_RESERVATION_FROM_ZERO);
    }
    st = setup_classes(ctx, ng);
    if (st == PARLEY_OK)
        st = setup_tactics(ctx, ng, options);
    if (st == PARLEY_OK)
        st = setup_protocol(ctx, ng, options, months);
done:
    parley_i_free(ctx, list, list_size);
    FREE_N(ctx, zop, n_zop);
    FREE_N(ctx, sig, n_sig);
    if (st != PARLEY_OK) {
        parley_i_nego_free(ng);
        return st;
    }
    *out = ng;
    return PARLEY_OK;
}

/* ---- workspace ---------------------------------------------------------- */

#define WS_ARRAYS(X)                                                           \
    X(weight, P *K + 1)                                                        \
    X(contrib, ng->n_opt *P + 1)                                               \
    X(util, ng->C *P + 1)                                                      \
    X(dmax, D *P + 1)                                                          \
    X(dmin, D *P + 1)                                                          \
    X(reservation, P)                                                          \
    X(ideal, P)                                                                \
    X(w, P)                                                                    \
    X(best_w, P)                                                               \
    X(pre, (D + 1) * P)                                                        \
    X(suf_hi, (D + 1) * P)                                                     \
    X(suf_lag, D + 1)                                                          \
    X(wval, ng->C + 1)                                                         \
    X(g, P)                                                                    \
    X(kids, D * ng->max_cls + 1)                                               \
    X(kid_bound, D * ng->max_cls + 1)                                          \
    X(n_kids, D + 1)                                                           \
    X(at, D + 1)                                                               \
    X(pkg, D + 1)                                                              \
    X(xw, D + 1)                                                               \
    X(witness, D + 1)                                                          \
    X(mask, P)                                                                 \
    X(mask2, P)                                                                \
    X(member_opt, ng->max_members + 1)                                         \
    X(part, P)                                                                 \
    X(deal, D + 1)                                                             \
    X(deal_options, K + 1)                                                     \
    X(target, P)                                                               \
    X(text, D + 1)                                                             \
    X(issue_opt, K + 1)                                                        \
    X(values_k, K + 1)                                                         \
    X(signed_by, ng->s->n_actors + 1)                                          \
    X(link_w, ng->sp->n_links + 1)                                             \
    X(open_u, P)                                                               \
    X(last_in, 2 * P * K + 1)                                                  \
    X(tmp_kids, ng->max_cls + 1)                                               \
    X(tmp_bound, ng->max_cls + 1)                                              \
    X(order, D + 1)                                                            \
    X(plist, P)                                                                \
    X(w_role, P)                                                               \
    X(base, P)                                                                 \
    X(spread, D + 1)                                                           \
    X(top, D + 1)

/* Bytes of the arrays and the struct, each block 16-byte aligned. */
#define ELEM(name) sizeof *((parley_i_nego_ws *)0)->name

size_t parley_i_nego_ws_size(const parley_i_nego *ng)
{
    size_t P = ng->P, K = ng->K, D = ng->D;
    size_t bytes = parley_i_align(sizeof(parley_i_nego_ws));

#define SIZE_ONE(name, n) bytes += parley_i_align((size_t)(n)*ELEM(name));
    WS_ARRAYS(SIZE_ONE)
#undef SIZE_ONE
    (void)K;
    return bytes;
}

parley_i_nego_ws *parley_i_nego_ws_bind(const parley_i_nego *ng, void *buffer)
{
    size_t P = ng->P, K = ng->K, D = ng->D;
    parley_i_nego_ws *ws = buffer;
    unsigned char *at = (unsigned char *)buffer;

    memset(ws, 0, sizeof *ws);
    at += parley_i_align(sizeof(parley_i_nego_ws));
#define BIND_ONE(name, n)                                                      \
    ws->name = (void *)at;                                                     \
    at += parley_i_align((size_t)(n)*ELEM(name));
    WS_ARRAYS(BIND_ONE)
#undef BIND_ONE
    (void)K;
    ws->end = PARLEY_END_NONE;
    ws->end_month = -1;
    ws->outcome = PARLEY_NO_OUTCOME;
    ws->bound = 1;
    return ws;
}

void parley_i_nego_ws_free(const parley_i_nego *ng, parley_i_nego_ws *ws)
{
    if (ws)
        parley_i_free(ng->ctx, ws, parley_i_nego_ws_size(ng));
}

parley_status parley_i_nego_ws_new(const parley_i_nego *ng,
                                   parley_i_nego_ws **out)
{
    void *buffer = parley_i_alloc(ng->ctx, parley_i_nego_ws_size(ng));

    *out = NULL;
    if (!buffer)
        return parley_i_nomem((parley_ctx *)(void *)ng->ctx);
    *out = parley_i_nego_ws_bind(ng, buffer);
    return PARLEY_OK;
}

/* ---- tables ------------------------------------------------------------- */

/* The value of option o to a stance (space.c's option_value, with the
 * position of this month). */
static double option_value(const parley_i_nego *ng, const parley_issue *is,
                           const parley_stance *st, size_t o, double position)
{
    double dist, range;
    int quadratic;

    if (st->option_values && !isnan(st->option_values[o]))
        return st->option_values[o];
    range = is->scale_max - is->scale_min;
    dist = fabs(is->options[o].value - position) / range;
    quadratic = ng->shape == PARLEY_VALUE_SHAPE_QUADRATIC ||
                (ng->shape == PARLEY_VALUE_SHAPE_SCENARIO &&
                 is->shape == PARLEY_SHAPE_QUADRATIC);
    return quadratic ? 1.0 - dist * dist : 1.0 - dist;
}

/* Party contributions of dimension d for member options member_opt
 * (space.c's combo_contribution on this month's numbers). */
static void combo(const parley_i_nego *ng, const parley_i_nego_ws *ws, size_t d,
                  const size_t *member_opt, double *out)
{
    const parley_i_space *sp = ng->sp;
    const parley_i_dim *dim = &sp->dims[d];
    size_t P = ng->P, m, p, l;

    for (p = 0; p < P; p++)
        out[p] = 0.0;
    for (m = 0; m < dim->n_members; m++) {
        const double *c =
            ws->contrib + (ng->opt_off[dim->members[m]] + member_opt[m]) * P;

        for (p = 0; p < P; p++)
            out[p] += c[p];
    }
    for (l = 0; l < dim->n_links; l++) {
        const parley_i_link *ln = &sp->links[dim->links[l]];
        size_t ma = sp->issues[ln->issue_a].member;
        size_t mb = sp->issues[ln->issue_b].member;
        out[ln->party] += ws->link_w[dim->links[l]] * ln->f_a[member_opt[ma]] *
                          ln->f_b[member_opt[mb]];
    }
}

/* Distance of option o to actor a's range this month (0 inside). */
static double range_distance(const parley_i_nego *ng, const double *values,
                             size_t a, size_t k, size_t o)
{
    double x = ng->s->issues[k].options[o].value, dist = 0.0;
    size_t cell = a * ng->K + k;
    double lo = values[ng->L.range_low + cell];
    double hi = values[ng->L.range_high + cell];

    if (!isnan(lo) && x < lo)
        dist = lo - x;
    if (!isnan(hi) && x > hi)
        dist = x - hi;
    return dist;
}

/* The RANGE reservation of party p (space.c's range_reservation on this
 * month's ranges and tables). */
static double range_reservation(const parley_i_nego *ng, parley_i_nego_ws *ws,
                                const double *values, size_t p)
{
    size_t a = ng->sp->party_actor[p], d, m;
    size_t *opt = ws->member_opt;
    double total = 0.0;

    for (d = 0; d < ng->D; d++) {
        const parley_i_dim *dim = &ng->sp->dims[d];
        size_t M = dim->n_members;
        double worst = INFINITY;
        int done = 0;

        for (m = 0; m < M; m++) { /* the first accepted option */
            size_t k = dim->members[m], o, n = ng->sp->issues[k].n_options;
            double nearest = INFINITY;

            for (o = 0; o < n; o++)
                if (range_distance(ng, values, a, k, o) < nearest)
                    nearest = range_distance(ng, values, a, k, o);
            for (o = 0; range_distance(ng, values, a, k, o) > nearest; o++)
                ;
            opt[m] = o;
        }
        while (!done) {
            combo(ng, ws, d, opt, ws->part);
            if (ws->part[p] < worst)
                worst = ws->part[p];
            done = 1;
            for (m = M; m-- > 0;) {
                size_t k = dim->members[m], o, n = ng->sp->issues[k].n_options;
                double nearest = INFINITY;

                for (o = 0; o < n; o++)
                    if (range_distance(ng, values, a, k, o) < nearest)
                        nearest = range_distance(ng, values, a, k, o);
                do
                    opt[m]++;
                while (opt[m] < n &&
                       range_distance(ng, values, a, k, opt[m]) > nearest);
                if (opt[m] < n) {
                    done = 0;
                    break;
                }
                for (o = 0; range_distance(ng, values, a, k, o) > nearest; o++)
                    ;
                opt[m] = o;
            }
        }
        total += worst;
    }
    return total;
}

/* u_p of the status-quo package this month (canonical order). */
static double status_quo_utility(const parley_i_nego *ng, parley_i_nego_ws *ws,
                                 size_t p)
{
    size_t d, m;
    double total = 0.0;

    for (d = 0; d < ng->D; d++) {
        const parley_i_dim *dim = &ng->sp->dims[d];

        for (m = 0; m < dim->n_members; m++)
            ws->member_opt[m] = ng->sq_option[dim->members[m]];
        combo(ng, ws, d, ws->member_opt, ws->part);
        total += ws->part[p];
    }
    return total;
}

/* Recomputes party p's weights, contributions and class rows (the
 * expressions of space.c, so the bits are the same). */
static void load_party(const parley_i_nego *ng, parley_i_nego_ws *ws,
                       const double *values, size_t p)
{
    const parley_scenario *s = ng->s;
    const parley_i_space *sp = ng->sp;
    size_t P = ng->P, K = ng->K, M = ng->max_members, a = sp->party_actor[p];
    size_t k, o, d, c, m, l;
    const double *sal = values + ng->L.salience + a * K;
    const double *pos = values + ng->L.position + a * K;
    double total = 0.0;

    for (k = 0; k < K; k++) /* space.c's setup_issues */
        if (parley_i_stance(s, a, k)->present)
            total += sal[k];
    for (k = 0; k < K; k++) {
        const parley_stance *st = parley_i_stance(s, a, k);
        const parley_issue *is = &s->issues[k];
        double w = 0.0;

        if (st->present)
            w = sp->weights_as_written ? sal[k]
                                       : (total > 0 ? sal[k] / total : 0.0);
        ws->weight[p * K + k] = w;
        for (o = 0; o < is->n_options; o++)
            ws->contrib[(ng->opt_off[k] + o) * P + p] =
                st->present ? w * option_value(ng, is, st, o, pos[k]) : 0.0;
    }
    for (d = 0; d < ng->D; d++) {
        const parley_i_dim *dim = &sp->dims[d];
        double mx = 0.0, mn = 0.0;

        for (c = ng->cls_off[d]; c < ng->cls_off[d + 1]; c++) {
            const size_t *go = ng->cls_opt + c * M;
            const size_t *mo =
                dim->member_option + ng->cls_rep[c] * dim->n_members;
            double v = 0.0;

            for (m = 0; m < dim->n_members; m++)
                v += ws->contrib[go[m] * P + p];
            for (l = 0; l < dim->n_links; l++) { /* combo's order */
                const parley_i_link *ln = &sp->links[dim->links[l]];

                if (ln->party != p)
                    continue;
                v += ws->link_w[dim->links[l]] *
                     ln->f_a[mo[sp->issues[ln->issue_a].member]] *
                     ln->f_b[mo[sp->issues[ln->issue_b].member]];
            }
            ws->util[c * P + p] = v;
            if (c == ng->cls_off[d] || v > mx)
                mx = v;
            if (c == ng->cls_off[d] || v < mn)
                mn = v;
        }
        ws->dmax[d * P + p] = mx;
        ws->dmin[d * P + p] = mn;
    }
}

/*
 * Loads a month.  A party's tables depend on its saliences, positions and
 * the weights of its linkage terms only; a party whose numbers have the
 * same bits as at the workspace's previous load keeps its tables (the
 * result is the same bits either way; in a Monte Carlo draw the
 * couplings usually move one or two parties a month).
 */
void parley_i_nego_load(const parley_i_nego *ng, parley_i_nego_ws *ws,
                        const double *values)
{
    const parley_i_space *sp = ng->sp;
    size_t P = ng->P, K = ng->K, p, d, l;
    size_t bytes = K * sizeof(double);

    for (p = 0; p < P; p++)
        ws->mask[p] = !ws->loaded;
    for (l = 0; l < sp->n_links; l++) {
        double w = values[ng->L.linkage_weight + sp->links[l].linkage];

        if (memcmp(&w, &ws->link_w[l], sizeof w) != 0)
            ws->mask[sp->links[l].party] = 1;
        ws->link_w[l] = w;
    }
    for (p = 0; p < P; p++) {
        size_t a = sp->party_actor[p];
        double *last = ws->last_in + p * 2 * K;
        const double *sal = values + ng->L.salience + a * K;
        const double *pos = values + ng->L.position + a * K;

        if (!ws->mask[p] && memcmp(last, sal, bytes) == 0 &&
            memcmp(last + K, pos, bytes) == 0)
            continue;
        memcpy(last, sal, bytes);
        memcpy(last + K, pos, bytes);
        load_party(ng, ws, values, p);
    }
    ws->loaded = 1;
    for (p = 0; p < P; p++) {
        double ideal = 0.0;

        for (d = 0; d < ng->D; d++)
            ideal += ws->dmax[d * P + p];
        ws->ideal[p] = sp->empty ? (double)NAN : ideal;
        switch (ng->res_rule[p]) {
        case PARLEY_RESERVATION_FROM_SCENARIO:
            ws->reservation[p] = values[ng->L.reservation + sp->party_actor[p]];
            break;
        case PARLEY_RESERVATION_FROM_RANGE:
            ws->reservation[p] = range_reservation(ng, ws, values, p);
            break;
        case PARLEY_RESERVATION_FROM_STATUS_QUO:
            ws->reservation[p] = status_quo_utility(ng, ws, p);
            break;
        default:
            ws->reservation[p] = 0.0;
            break;
        }
    }
}

void parley_i_nego_eval(const parley_i_nego *ng, const parley_i_nego_ws *ws,
                        const size_t *cls, double *utility)
{
    size_t P = ng->P, d, p;

    for (p = 0; p < P; p++)
        utility[p] = 0.0;
    for (d = 0; d < ng->D; d++) {
        const double *row = ws->util + cls[d] * P;

        for (p = 0; p < P; p++)
            utility[p] += row[p];
    }
}

void parley_i_nego_decode(const parley_i_nego *ng, const size_t *cls,
                          size_t *issue_option)
{
    size_t d, m;

    for (d = 0; d < ng->D; d++) {
        const parley_i_dim *dim = &ng->sp->dims[d];
        const size_t *row =
            dim->member_option + ng->cls_rep[cls[d]] * dim->n_members;

        for (m = 0; m < dim->n_members; m++)
            issue_option[dim->members[m]] = row[m];
    }
}

/* ---- the max-min search ------------------------------------------------- */

/* A search's fixed data. */
typedef struct mm {
    const parley_i_nego *ng;
    parley_i_nego_ws *ws;
    const parley_i_mm_query *q;
    const unsigned char *obj, *hard;
    size_t P, D;
    double tol;
    int optimise;
    /* incumbent (OPTIMISE) */
    int have;
    double best;
    size_t *inc;         /* ws->witness */
    size_t n_obj, n_inv; /* ws->plist: objective parties, then hard */
} mm;

/* The margins and the objective of a package given as classes; returns 0
 * if a hard party is below its threshold. */
static int package_value(const mm *m, const size_t *cls, double *value)
{
    parley_i_nego_ws *ws = m->ws;
    size_t p;
    double v = INFINITY;

    parley_i_nego_eval(m->ng, ws, cls, ws->g);
    for (p = 0; p < m->P; p++) {
        double g = ws->g[p] - m->q->threshold[p];

        if (m->hard && m->hard[p] && !(g >= 0))
            return 0;
        if (m->obj[p] && g < v)
            v = g;
    }
    *value = v;
    return 1;
}

/* 1 if a < b in package order (classes, canonical dimension order). */
static int lex_less(const size_t *a, const size_t *b, size_t D)
{
    size_t d;

    for (d = 0; d < D; d++)
        if (a[d] != b[d])
            return a[d] < b[d];
    return 0;
}

/* Offers a package to the incumbent of an OPTIMISE search. */
static void offer(mm *m, const size_t *cls, double v)
{
    if (!m->have || v > m->best ||
        (v == m->best && lex_less(cls, m->inc, m->D))) {
        if (m->inc != cls)
            memcpy(m->inc, cls, m->D * sizeof *cls);
        m->best = v;
        m->have = 1;
    }
}

/* L(w) = sum_d max_c sum_p w_p U_dcp - sum_p w_p b_p over the involved
 * parties; the maximiser goes to ws->xw. */
static double lagrangian(const mm *m, const double *w)
{
    const parley_i_nego *ng = m->ng;
    parley_i_nego_ws *ws = m->ws;
    size_t P = m->P, d, c, p;
    double total = 0.0;

    for (p = 0; p < P; p++)
        if (w[p] != 0)
            total -= w[p] * m->q->threshold[p];
    for (d = 0; d < m->D; d++) {
        double top = -INFINITY;
        size_t arg = ng->cls_off[d];

        for (c = ng->cls_off[d]; c < ng->cls_off[d + 1]; c++) {
            const double *row = ws->util + c * P;
            double v = 0.0;

            for (p = 0; p < P; p++)
                v += w[p] * row[p];
            if (v > top) {
                top = v;
                arg = c;
            }
        }
        ws->xw[d] = arg;
        total += top;
    }
    return total;
}

/* Exponentiated subgradient steps on the multipliers (lambda on the
 * simplex over the objective parties, mu >= 0 on the hard ones), trying
 * each Lagrangian maximiser as a package.  Returns 1 when the question is
 * answered (DECIDE: a package, or a certificate in *dual < 0). */
static int root(mm *m, parley_i_mm_result *r, double *dual)
{
    parley_i_nego_ws *ws = m->ws;
    size_t P = m->P, p, it, n_obj = 0, steps;
    double *w = ws->w, sum = 0, best_l = INFINITY, eta0 = 1.0;
    int warm = 1;

    for (p = 0; p < P; p++) { /* warm only for the same question shape */
        unsigned char role = m->obj[p] ? 1 : m->hard && m->hard[p] ? 2 : 0;

        n_obj += m->obj[p];
        if (role != ws->w_role[p])
            warm = 0;
        ws->w_role[p] = role;
        if (!role)
            w[p] = 0;
        if (!(w[p] >= 0) || !isfinite(w[p]))
            warm = 0;
        if (m->obj[p])
            sum += w[p];
    }
    if (!warm || !(sum > 0)) {
        for (p = 0; p < P; p++)
            w[p] = m->obj[p] ? 1.0 / (double)n_obj : 0.0;
        sum = 1.0;
        warm = 0;
    }
    for (p = 0; p < P; p++)
        if (m->obj[p])
            w[p] /= sum;
    steps = warm ? LAGRANGE_STEPS_WARM : LAGRANGE_STEPS_COLD;
    for (it = 0; it < steps; it++) {
        double l = lagrangian(m, w), v, smax = 0, eta, norm = 0;
        int ok;

        if (l < best_l) {
            best_l = l;
            memcpy(ws->best_w, w, P * sizeof *w);
        }
        if (!m->optimise && best_l + m->tol < 0) {
            *dual = best_l;
            r->status = 0;
            r->value = best_l;
            return 1; /* certificate: no package */
        }
        ok = package_value(m, ws->xw, &v);
        if (ok && !m->optimise && v >= 0) {
            memcpy(ws->pkg, ws->xw, m->D * sizeof *ws->pkg);
            memcpy(ws->witness, ws->xw, m->D * sizeof *ws->pkg);
            ws->has_witness = 1;
            r->status = 1;
            r->value = v;
            return 1;
        }
        if (ok && m->optimise)
            offer(m, ws->xw, v);
        if (m->optimise && m->have && best_l <= m->best + m->tol)
            break;              /* the bound meets the incumbent */
        for (p = 0; p < P; p++) /* subgradient: the margins at xw */
            if (w[p] != 0 || m->obj[p] || (m->hard && m->hard[p])) {
                ws->g[p] -= m->q->threshold[p];
                if (fabs(ws->g[p]) > smax)
                    smax = fabs(ws->g[p]);
            }
        if (!(smax > 0))
            break;
        eta = eta0 / sqrt((double)it + 1.0);
        for (p = 0; p < P; p++) {
            if (m->obj[p]) {
                w[p] *= exp(-eta * ws->g[p] / smax);
                norm += w[p];
            } else if (m->hard && m->hard[p]) {
                w[p] -= eta * ws->g[p] / smax;
                if (w[p] < 0)
                    w[p] = 0;
            }
        }
        for (p = 0; p < P; p++)
            if (m->obj[p])
                w[p] /= norm;
    }
    memcpy(w, ws->best_w, P * sizeof *w);
    *dual = best_l;
    return 0;
}

/* The bounds of the child class c below a node (see negotiation.h):
 * base[i] = a_p + (remaining maxima)_p - b_p of the i-th involved party
 * (objective parties first, n_obj of them, then the hard ones). */
static double child_bound(const mm *m, size_t c, const double *base, double lag,
                          int *cut)
{
    const parley_i_nego_ws *ws = m->ws;
    const double *row = ws->util + c * m->P;
    const size_t *pl = ws->plist;
    double bound = lag + ws->wval[c];
    size_t i;

    *cut = 0;
    for (i = 0; i < m->n_obj; i++) {
        double reach = base[i] + row[pl[i]];

        if (reach < bound)
            bound = reach;
    }
    for (; i < m->n_inv; i++)
        if (base[i] + row[pl[i]] + m->tol < 0)
            *cut = 1;
    return bound;
}

/* 1 if a node with this bound cannot produce a package at least as good
 * as the incumbent (OPTIMISE; an equal one may still be lower in package
 * order) or one with every margin >= 0 (DECIDE). */
static int prune(const mm *m, double bound)
{
    if (!m->optimise)
        return bound + m->tol < 0;
    return m->have && bound + m->tol < m->best;
}

/* Fills the children of depth k, best bound first. */
static void expand(mm *m, size_t k, double wb)
{
    const parley_i_nego *ng = m->ng;
    parley_i_nego_ws *ws = m->ws;
    size_t P = m->P, c, n = 0, i, p, width, d;
    size_t *kids = ws->kids + k * ng->max_cls;
    double *kb = ws->kid_bound + k * ng->max_cls;
    double lag = ws->suf_lag[k + 1] - wb;
    const double *pre = ws->pre + k * P, *rest = ws->suf_hi + (k + 1) * P;

    for (p = 0; p < P; p++)
        if (ws->w[p] != 0)
            lag += ws->w[p] * pre[p];
    for (i = 0; i < m->n_inv; i++) {
        p = ws->plist[i];
        ws->base[i] = pre[p] + rest[p] - m->q->threshold[p];
    }
    d = ws->order[k];
    for (c = ng->cls_off[d]; c < ng->cls_off[d + 1]; c++) {
        int cut;
        double b = child_bound(m, c, ws->base, lag, &cut);

        if (cut || prune(m, b))
            continue;
        kids[n] = c; /* in class order */
        kb[n] = b;
        n++;
    }
    /* merge sort: bound descending, then class ascending (stable) */
    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t lo = i, mid = i + width < n ? i + width : n;
            size_t hi = i + 2 * width < n ? i + 2 * width : n;
            size_t a = lo, b = mid, t = lo;

            while (a < mid && b < hi) {
                int right = kb[b] > kb[a];

                ws->tmp_kids[t] = right ? kids[b] : kids[a];
                ws->tmp_bound[t++] = right ? kb[b++] : kb[a++];
            }
            while (a < mid) {
                ws->tmp_kids[t] = kids[a];
                ws->tmp_bound[t++] = kb[a++];
            }
            while (b < hi) {
                ws->tmp_kids[t] = kids[b];
                ws->tmp_bound[t++] = kb[b++];
            }
        }
        memcpy(kids, ws->tmp_kids, n * sizeof *kids);
        memcpy(kb, ws->tmp_bound, n * sizeof *kb);
    }
    ws->n_kids[k] = n;
    ws->at[k] = 0;
}

void parley_i_nego_search(const parley_i_nego *ng, parley_i_nego_ws *ws,
                          const parley_i_mm_query *q, parley_i_mm_result *r)
{
    mm m;
    size_t P = ng->P, D = ng->D, d, c, p, k, nodes = 0;
    double mag = 0.0, dual = INFINITY, wb = 0.0;

    r->status = 0;
    r->value = (double)NAN;
    r->nodes = 0;
    if (ng->sp->empty || D == 0)
        return;
    memset(&m, 0, sizeof m);
    m.ng = ng;
    m.ws = ws;
    m.q = q;
    m.obj = q->objective;
    m.hard = q->hard;
    m.P = P;
    m.D = D;
    m.optimise = q->optimise;
    m.inc = ws->witness;
    m.best = -INFINITY;
    for (p = 0; p < P; p++)
        if (q->objective[p])
            ws->plist[m.n_obj++] = p;
    m.n_inv = m.n_obj;
    for (p = 0; p < P; p++)
        if (q->hard && q->hard[p] && !q->objective[p])
            ws->plist[m.n_inv++] = p;
    /* tolerance: 1e-9 of the largest sum of magnitudes involved */
    for (p = 0; p < P; p++) {
        double s = fabs(q->threshold[p]);

        if (!q->objective[p] && !(q->hard && q->hard[p]))
            continue;
        for (d = 0; d < D; d++)
            s += fabs(ws->dmax[d * P + p]) > fabs(ws->dmin[d * P + p])
                     ? fabs(ws->dmax[d * P + p])
                     : fabs(ws->dmin[d * P + p]);
        if (s > mag)
            mag = s;
    }
    m.tol = 1e-9 * (1.0 + mag);
    /* a hard party (or, deciding, any party) that cannot reach its
     * threshold even at its ideal: no package */
    for (p = 0; p < P; p++) {
        int need = (q->hard && q->hard[p]) || (!q->optimise && q->objective[p]);

        if (need && ws->ideal[p] - q->threshold[p] + m.tol < 0) {
            r->value = ws->ideal[p] - q->threshold[p];
            return;
        }
    }
    if (q->warm && ws->has_witness) {
        double v;

        for (d = 0; d < D; d++)
            if (ws->witness[d] < ng->cls_off[d] ||
                ws->witness[d] >= ng->cls_off[d + 1])
                break;
        if (d == D && package_value(&m, ws->witness, &v)) {
            if (!q->optimise && v >= 0) {
                memcpy(ws->pkg, ws->witness, D * sizeof *ws->pkg);
                r->status = 1;
                r->value = v;
                return;
            }
            if (q->optimise) {
                m.have = 1;
                m.best = v;
            }
        }
    }
    if (q->optimise)
        ws->has_witness = m.have;
    if (root(&m, r, &dual))
        return;
    /* branch and bound with the best multipliers */
    for (c = 0; c < ng->C; c++) {
        const double *row = ws->util + c * P;
        double v = 0.0;

        for (p = 0; p < P; p++)
            if (ws->w[p] != 0)
                v += ws->w[p] * row[p];
        ws->wval[c] = v;
    }
    for (p = 0; p < P; p++) {
        ws->suf_hi[D * P + p] = 0.0;
        if (ws->w[p] != 0)
            wb += ws->w[p] * q->threshold[p];
    }
    /* branching order: the largest spread of weighted values first (ties:
     * canonical order); bounds tighten fastest that way */
    for (d = 0; d < D; d++) {
        double top = -INFINITY, low = INFINITY;
        size_t j;

        for (c = ng->cls_off[d]; c < ng->cls_off[d + 1]; c++) {
            if (ws->wval[c] > top)
                top = ws->wval[c];
            if (ws->wval[c] < low)
                low = ws->wval[c];
        }
        ws->spread[d] = top - low;
        ws->top[d] = top;
        for (j = d; j > 0 && ws->spread[ws->order[j - 1]] < ws->spread[d]; j--)
            ws->order[j] = ws->order[j - 1];
        ws->order[j] = d;
    }
    ws->suf_lag[D] = 0.0;
    for (k = D; k-- > 0;) {
        d = ws->order[k];
        ws->suf_lag[k] = ws->suf_lag[k + 1] + ws->top[d];
        for (p = 0; p < P; p++)
            ws->suf_hi[k * P + p] =
                ws->suf_hi[(k + 1) * P + p] + ws->dmax[d * P + p];
    }
    for (p = 0; p < P; p++)
        ws->pre[p] = 0.0;
    expand(&m, 0, wb);
    nodes = 1;
    k = 0;
    for (;;) {
        if (ws->at[k] >= ws->n_kids[k]) {
            if (k == 0)
                break;
            k--;
            continue;
        }
        c = ws->kids[k * ng->max_cls + ws->at[k]];
        if (prune(&m, ws->kid_bound[k * ng->max_cls + ws->at[k]])) {
            ws->at[k] = ws->n_kids[k]; /* bounds are sorted: none left */
            continue;
        }
        ws->at[k]++;
        ws->pkg[ws->order[k]] = c;
        for (p = 0; p < P; p++)
            ws->pre[(k + 1) * P + p] = ws->pre[k * P + p] + ws->util[c * P + p];
        if (k + 1 == D) { /* a leaf: the canonical utilities */
            double v;

            if (!package_value(&m, ws->pkg, &v))
                continue;
            if (!q->optimise) {
                if (v >= 0) {
                    memcpy(ws->witness, ws->pkg, D * sizeof *ws->pkg);
                    ws->has_witness = 1;
                    r->status = 1;
                    r->value = v;
                    r->nodes = nodes;
                    return;
                }
                continue;
            }
            offer(&m, ws->pkg, v);
            continue;
        }
        if (++nodes > ng->max_nodes) {
            r->status = -1;
            r->nodes = nodes;
            if (q->optimise && m.have) {
                memcpy(ws->pkg, m.inc, D * sizeof *ws->pkg);
                r->value = m.best;
            }
            return;
        }
        k++;
        expand(&m, k, wb);
    }
    r->nodes = nodes;
    if (!q->optimise) {
        r->status = 0;
        r->value = dual < 0 ? dual : (double)NAN;
        return;
    }
    if (m.have) {
        memcpy(ws->pkg, m.inc, D * sizeof *ws->pkg);
        ws->has_witness = 1;
        r->status = 1;
        r->value = m.best;
    }
}

/* ---- blocking sets ------------------------------------------------------ */

size_t parley_i_nego_blocking(const parley_i_nego *ng, parley_i_nego_ws *ws,
                              unsigned char *sets, size_t cap)
{
    size_t P = ng->P, n = ng->n_zopa, found = 0, i, p, size;
    size_t zp[16];
    uint32_t masks[64], full;
    parley_i_mm_query q;
    parley_i_mm_result r;

    if (n > 16)
        return (size_t)-1;
    for (p = 0, i = 0; p < P; p++)
        if (ng->zopa[p])
            zp[i++] = p;
    full = (uint32_t)((1u << n) - 1u);
    memset(&q, 0, sizeof q);
    q.threshold = ws->reservation;
    q.objective = ws->mask2;
    q.warm = 1;
    /* sets by size, then by their bits; supersets of a found set are not
     * minimal */
    for (size = 1; size <= n; size++) {
        uint32_t b;

        for (b = 1; b <= full; b++) {
            size_t bits = 0, j;
            int super = 0, any = 0;

            for (j = 0; j < n; j++)
                bits += (b >> j) & 1u;
            if (bits != size)
                continue;
            for (j = 0; j < found && j < 64; j++)
                if ((masks[j] & b) == masks[j])
                    super = 1;
            if (super)
                continue;
            for (p = 0; p < P; p++)
                ws->mask2[p] = 0;
            for (j = 0; j < n; j++)
                if (!((b >> j) & 1u)) {
                    ws->mask2[zp[j]] = 1;
                    any = 1;
                }
            if (any) {
                parley_i_nego_search(ng, ws, &q, &r);
                if (r.status < 0)
                    return (size_t)-1;
            } else {
                r.status = !ng->sp->empty; /* no party left to object */
            }
            if (r.status != 1)
                continue;
            if (found >= cap || found >= 64)
                return (size_t)-1;
            masks[found] = b;
            for (p = 0; p < P; p++)
                sets[found * P + p] = 0;
            for (j = 0; j < n; j++)
                if ((b >> j) & 1u)
                    sets[found * P + zp[j]] = 1;
            found++;
        }
    }
    return found;
}

void parley_i_nego_combo(const parley_i_nego *ng, const parley_i_nego_ws *ws,
                         size_t d, const size_t *member_opt, double *out)
{
    combo(ng, ws, d, member_opt, out);
}
