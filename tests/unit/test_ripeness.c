/*
 * test_ripeness.c -- ripeness (docs/models/ripeness.md): the month's
 * tables equal the outcome space's to the bit at the modes; the zone's
 * emptiness, the largest smallest margin, the lowest package attaining it
 * and the minimal blocking sets equal a brute-force oracle on random
 * small domains whose reservation values, saliences, positions and
 * linkage weights drift month by month; the hand-worked scenario
 * tests/data/dynamics/ripeness_three.yaml (first open month 8, its
 * blocking sets); a replayed Monte Carlo draw; error paths and
 * allocation failures.
 */
#include "bargain_oracle.h"
#include "dynamics/negotiation.h"
#include "support.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

/* ---- helpers --------------------------------------------------------------
 */

typedef struct setup {
    parley_i_params *params;
    parley_i_nego *ng;
    parley_i_nego_ws *ws;
    double *values; /* the flat vector being edited */
} setup;

static void setup_new(parley_ctx *ctx, const parley_scenario *s,
                      const parley_negotiation_options *o, setup *st)
{
    memset(st, 0, sizeof *st);
    cr_assert_eq(parley_i_params_new(ctx, s, &st->params), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(parley_i_nego_new(ctx, s, st->params, o, 12, &st->ng),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    cr_assert_eq(parley_i_nego_ws_new(st->ng, &st->ws), PARLEY_OK);
    st->values = malloc(st->params->layout.size * sizeof(double) + 1);
    memcpy(st->values, st->params->base,
           st->params->layout.size * sizeof(double));
}

static void setup_free(setup *st)
{
    free(st->values);
    parley_i_nego_ws_free(st->ng, st->ws);
    parley_i_nego_free(st->ng);
    parley_i_params_free(st->params);
}

/* The brute-force answers over one month's oracle, for the parties of
 * mask: the zone is open, the largest smallest margin and the lowest
 * package (oracle index) attaining it. */
static int oracle_open(const oracle * or, const unsigned char *mask)
{
    size_t i, p;

    for (i = 0; i < or->n; i++) {
        for (p = 0; p < or->P; p++)
            if (mask[p] && !(or->u[i * or->P + p] >= or->d[p]))
                break;
        if (p == or->P)
            return 1;
    }
    return 0;
}

static double oracle_maxmin(const oracle * or, const unsigned char *mask,
                            size_t *arg)
{
    double best = -INFINITY;
    size_t i, p;

    *arg = (size_t)-1;
    for (i = 0; i < or->n; i++) {
        double v = INFINITY;

        for (p = 0; p < or->P; p++)
            if (mask[p] && or->u[i * or->P + p] - or->d[p] < v)
                v = or->u[i * or->P + p] - or->d[p];
        if (*arg == (size_t)-1 || v > best ||
            (v == best && key_less(or, i, *arg))) {
            best = v;
            *arg = i;
        }
    }
    return best;
}

/* Minimal blocking sets by definition: every set B of the parties whose
 * removal opens the zone and no proper subset of which does. */
static size_t oracle_blocking(const oracle * or, unsigned *out)
{
    size_t P = or->P, n = 0, j;
    unsigned b, full = (1u << P) - 1u, c;
    unsigned char mask[8];
    unsigned char opens[256];

    for (b = 0; b <= full; b++) {
        size_t p;

        for (p = 0; p < P; p++)
            mask[p] = !((b >> p) & 1u);
        opens[b] =
            b == full ? (or->n > 0) : (unsigned char)oracle_open(or, mask);
    }
    for (b = 1; b <= full; b++) {
        int minimal = opens[b];

        for (c = (b - 1) & b; minimal && c; c = (c - 1) & b)
            if (opens[c])
                minimal = 0;
        if (minimal)
            out[n++] = b;
    }
    /* the engine lists sets by size, then by their bits */
    for (j = 1; j < n; j++) {
        unsigned v = out[j];
        size_t i = j;

        while (i > 0 &&
               (__builtin_popcount(out[i - 1]) > __builtin_popcount(v) ||
                (__builtin_popcount(out[i - 1]) == __builtin_popcount(v) &&
                 out[i - 1] > v))) {
            out[i] = out[i - 1];
            i--;
        }
        out[i] = v;
    }
    return n;
}

/* Writes the scenario's current numbers into the flat vector. */
static void sync_values(const parley_scenario *s, setup *st)
{
    const parley_i_layout *L = &st->params->layout;
    size_t a, k, i;

    for (a = 0; a < s->n_actors; a++) {
        st->values[L->reservation + a] = s->actors[a].reservation.present
                                             ? s->actors[a].reservation.mode
                                             : (double)NAN;
        for (k = 0; k < s->n_issues; k++) {
            const parley_stance *sc = parley_i_stance(s, a, k);

            if (!sc->present)
                continue;
            st->values[L->salience + a * s->n_issues + k] = sc->salience.mode;
            st->values[L->position + a * s->n_issues + k] = sc->position.mode;
            if (sc->range_low.present)
                st->values[L->range_low + a * s->n_issues + k] =
                    sc->range_low.mode;
            if (sc->range_high.present)
                st->values[L->range_high + a * s->n_issues + k] =
                    sc->range_high.mode;
        }
    }
    for (i = 0; i < s->n_linkages; i++)
        st->values[L->linkage_weight + i] = s->linkages[i].weight.mode;
}

/* ---- tables ---------------------------------------------------------------
 */

/* At the modes, every class row, reservation and ideal equals the outcome
 * space's own (space.c) to the bit, and every option of a dimension has
 * its class's row. */
Test(ripeness_tables, equal_the_space_at_the_modes)
{
    unsigned long seed;

    for (seed = 0; seed < 300; seed++) {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_rng rng;
        rand_spec sp;
        parley_scenario *s;
        setup st;
        const parley_i_space *space;
        size_t d, c, i, p, P;

        parley_rng_seed(&rng, 7, seed);
        memset(&sp, 0, sizeof sp);
        sp.parties = 1 + rnd_index(&rng, 4);
        sp.issues = 1 + rnd_index(&rng, 4);
        sp.min_options = 1 + rnd_index(&rng, 2);
        sp.max_options = sp.min_options + rnd_index(&rng, 3);
        sp.option_values = seed % 2 == 0;
        sp.red_lines = (int)rnd_index(&rng, 3);
        sp.linkages = seed % 3 == 0 ? (int)rnd_index(&rng, 3) : 0;
        sp.reservations = seed % 4 != 1;
        sp.ranges = seed % 4 == 1;
        sp.discrete_values = seed % 5 == 0;
        s = random_scenario(ctx, &rng, &sp);
        cr_assert_not_null(s);
        setup_new(ctx, s, NULL, &st);
        parley_i_nego_load(st.ng, st.ws, st.values);
        space = st.ng->sp;
        P = space->n_parties;
        for (p = 0; p < P; p++) {
            cr_assert(memcmp(&st.ws->reservation[p], &space->reservation[p],
                             sizeof(double)) == 0,
                      "seed %lu party %zu: reservation %.17g, space %.17g",
                      seed, p, st.ws->reservation[p], space->reservation[p]);
            if (!space->empty)
                cr_assert_eq(st.ws->ideal[p], space->ideal[p]);
        }
        for (d = 0; d < space->n_dims; d++) {
            const parley_i_dim *dim = &space->dims[d];

            for (c = st.ng->cls_off[d]; c < st.ng->cls_off[d + 1]; c++)
                cr_assert(memcmp(st.ws->util + c * P,
                                 dim->util + st.ng->cls_rep[c] * P,
                                 P * sizeof(double)) == 0,
                          "seed %lu dim %zu class %zu", seed, d, c);
            for (i = 0; i < dim->n_options; i++) {
                for (c = st.ng->cls_off[d]; c < st.ng->cls_off[d + 1]; c++)
                    if (memcmp(st.ws->util + c * P, dim->util + i * P,
                               P * sizeof(double)) == 0 &&
                        st.ng->cls_rep[c] <= i)
                        break;
                cr_assert(c < st.ng->cls_off[d + 1],
                          "seed %lu dim %zu option %zu has no class", seed, d,
                          i);
            }
        }
        setup_free(&st);
        parley_scenario_free(s);
        parley_ctx_free(ctx);
    }
}

/* ---- the zone month by month against the oracle ---------------------------
 */

/* One random domain over six months of drift: reservation values move by
 * a random rate per party (either way), one salience and one position a
 * month, and the linkage weights; the scenario and the flat vector get the
 * same numbers, the oracle is rebuilt from the scenario each month. */
static void drift_domain(unsigned long seed)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_rng rng;
    rand_spec sp;
    parley_scenario *s;
    setup st;
    double rate[8];
    int t, first_open = -1, oracle_first = -1;
    size_t P, p;
    unsigned char all[8];

    parley_rng_seed(&rng, 11, seed);
    memset(&sp, 0, sizeof sp);
    sp.parties = 1 + rnd_index(&rng, 4);
    sp.issues = 1 + rnd_index(&rng, 4);
    sp.min_options = 1 + rnd_index(&rng, 2);
    sp.max_options = sp.min_options + rnd_index(&rng, 3);
    sp.option_values = seed % 3 == 0;
    sp.red_lines = (int)rnd_index(&rng, 2);
    sp.linkages = seed % 2 == 0 ? (int)rnd_index(&rng, 3) : 0;
    sp.reservations = 1;
    sp.ranges = seed % 4 == 1;
    sp.discrete_values = seed % 5 == 0;
    s = random_scenario(ctx, &rng, &sp);
    cr_assert_not_null(s);
    P = s->n_actors;
    for (p = 0; p < P; p++) {
        s->actors[p].reservation.mode = 0.45 + 0.4 * rnd(&rng);
        rate[p] = 0.08 * rnd(&rng) - 0.05;
        all[p] = 1;
    }
    setup_new(ctx, s, NULL, &st);
    for (t = 0; t < 6; t++) {
        parley_i_space *space = NULL;
        oracle or ;
        size_t arg = 0, n_sets, i, j, a, k;
        unsigned sets[64];
        unsigned char masks[64 * 8];
        parley_i_mm_query q;
        parley_i_mm_result r;
        double want;
        size_t *opt = malloc(s->n_issues * sizeof *opt + 1);

        if (t > 0) { /* this month's drift */
            for (p = 0; p < P; p++)
                s->actors[p].reservation.mode += rate[p];
            a = rnd_index(&rng, P);
            k = rnd_index(&rng, s->n_issues);
            parley_i_stance(s, a, k)->salience.mode *= 0.5 + rnd(&rng);
            a = rnd_index(&rng, P);
            k = rnd_index(&rng, s->n_issues);
            parley_i_stance(s, a, k)->position.mode = 100 * rnd(&rng);
            for (i = 0; i < s->n_linkages; i++)
                s->linkages[i].weight.mode = 0.2 * rnd(&rng) - 0.1;
        }
        sync_values(s, &st);
        parley_i_nego_load(st.ng, st.ws, st.values);
        cr_assert_eq(parley_i_space_new(ctx, s, NULL, NULL, &space), PARLEY_OK);
        or = oracle_build(s, space);
        /* DECIDE */
        memset(&q, 0, sizeof q);
        q.threshold = st.ws->reservation;
        q.objective = all;
        q.warm = 1;
        parley_i_nego_search(st.ng, st.ws, &q, &r);
        cr_assert_eq(r.status, oracle_open(& or, all), "seed %lu month %d",
                     seed, t);
        if (r.status == 1 && first_open < 0)
            first_open = t;
        if (oracle_open(& or, all) && oracle_first < 0)
            oracle_first = t;
        /* OPTIMISE: value and lowest package */
        q.optimise = 1;
        parley_i_nego_search(st.ng, st.ws, &q, &r);
        want = oracle_maxmin(& or, all, &arg);
        if (or.n == 0) {
            cr_assert_eq(r.status, 0);
        } else {
            cr_assert_eq(r.status, 1);
            cr_assert(memcmp(&r.value, &want, sizeof want) == 0,
                      "seed %lu month %d: max-min %.17g, oracle %.17g", seed, t,
                      r.value, want);
            parley_i_nego_decode(st.ng, st.ws->pkg, opt);
            cr_assert(memcmp(opt, or.pkg + arg * or.K,
                             s->n_issues * sizeof *opt) == 0,
                      "seed %lu month %d: not the lowest package", seed, t);
        }
        /* blocking sets */
        n_sets = oracle_blocking(& or, sets);
        if (!oracle_open(& or, all)) {
            size_t got = parley_i_nego_blocking(st.ng, st.ws, masks, 64);

            cr_assert_eq(got, n_sets, "seed %lu month %d: %zu sets, oracle %zu",
                         seed, t, got, n_sets);
            for (i = 0; i < n_sets; i++)
                for (j = 0; j < P; j++)
                    cr_assert_eq(masks[i * P + j], (sets[i] >> j) & 1u,
                                 "seed %lu month %d set %zu", seed, t, i);
        }
        free(opt);
        oracle_free(& or);
        parley_i_space_free(space);
    }
    cr_assert_eq(first_open, oracle_first);
    setup_free(&st);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(ripeness_oracle, random_domains_with_drift)
{
    unsigned long seed;

    for (seed = 0; seed < 250; seed++)
        drift_domain(seed);
}

/* A subset of the parties (options->space.parties): the zone of that
 * subset alone, the others counted by neither the zone nor the sets. */
Test(ripeness_oracle, subset_of_the_parties)
{
    unsigned long seed;

    for (seed = 0; seed < 100; seed++) {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_rng rng;
        rand_spec sp;
        parley_scenario *s;
        parley_negotiation_options o;
        parley_i_space *space = NULL;
        parley_bargain_options bo;
        setup st;
        oracle or ;
        unsigned char mask[8];
        parley_i_mm_query q;
        parley_i_mm_result r;
        size_t p, arg;
        double want;

        parley_rng_seed(&rng, 13, seed);
        memset(&sp, 0, sizeof sp);
        sp.parties = 3 + rnd_index(&rng, 2);
        sp.issues = 1 + rnd_index(&rng, 3);
        sp.min_options = 2;
        sp.max_options = 4;
        sp.reservations = 1;
        s = random_scenario(ctx, &rng, &sp);
        parley_negotiation_options_set_default(&o);
        o.space.parties = "A0,A2";
        o.signatories = "A1";
        setup_new(ctx, s, &o, &st);
        cr_assert_eq(st.ng->n_zopa, 2);
        cr_assert_eq(st.ng->n_sig, 1);
        cr_assert_eq(st.ng->P, 3); /* A0, A2, then the signatory A1 */
        parley_i_nego_load(st.ng, st.ws, st.values);
        parley_bargain_options_set_default(&bo);
        bo.parties = "A0,A2,A1";
        cr_assert_eq(parley_i_space_new(ctx, s, &bo, NULL, &space), PARLEY_OK);
        or = oracle_build(s, space);
        for (p = 0; p < 3; p++)
            mask[p] = p < 2;
        memset(&q, 0, sizeof q);
        q.threshold = st.ws->reservation;
        q.objective = st.ng->zopa;
        parley_i_nego_search(st.ng, st.ws, &q, &r);
        cr_assert_eq(r.status, oracle_open(& or, mask), "seed %lu", seed);
        q.optimise = 1;
        parley_i_nego_search(st.ng, st.ws, &q, &r);
        want = oracle_maxmin(& or, mask, &arg);
        cr_assert_eq(r.value, want, "seed %lu", seed);
        oracle_free(& or);
        parley_i_space_free(space);
        setup_free(&st);
        parley_scenario_free(s);
        parley_ctx_free(ctx);
    }
}

/* ---- the hand-worked scenario ---------------------------------------------
 */

static parley_scenario *load(parley_ctx *ctx, const char *name)
{
    parley_scenario *s = NULL;

    cr_assert_eq(parley_scenario_load(ctx, test_data(name), NULL, &s),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    return s;
}

/* tests/data/dynamics/ripeness_three.yaml: r_A(t) = 0.625 - t/32, r_B(t)
 * = 0.625 - t/64, r_M = 0.6; only x = 50 satisfies A and B, so the zone
 * opens when r_B <= 0.5, in month 8, with max-min 0.5 - r_B(t) = t/64 -
 * 0.125 at x = 50; minimal blocking sets {A,B} {A,M} {B,M} before month
 * 4 (neither A nor B alone can give way), then {B} {A,M}. */
Test(ripeness_run, hand_worked_scenario)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, "dynamics/ripeness_three.yaml");
    parley_ripeness *r = NULL;
    int t;
    size_t i;

    cr_assert_eq(parley_ripeness_run(ctx, s, NULL, &r), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(r->n_parties, 3);
    cr_assert_eq(r->months, 12);
    cr_assert_eq(r->first_open, 8);
    cr_assert(r->exact);
    for (t = 0; t <= 12; t++) {
        const parley_ripeness_month *m = &r->month[t];

        cr_assert_eq(m->open, t >= 8, "month %d", t);
        cr_assert_eq(m->best_min_margin, (double)t / 64 - 0.125, "month %d", t);
        cr_assert_eq(m->options[0], 1); /* x50 */
        cr_assert_eq(m->reservation[0], 0.625 - (double)t / 32);
        cr_assert_eq(m->reservation[1], 0.625 - (double)t / 64);
        cr_assert_eq(m->bottleneck, t == 0 ? 0u : 1u, "month %d", t);
        if (t >= 8) {
            cr_assert_eq(m->n_blocking, 0);
            continue;
        }
        cr_assert(m->blocking_known);
        if (t < 4) {
            static const size_t want[] = {0, 1, 0, 2, 1, 2};

            cr_assert_eq(m->n_blocking, 3, "month %d", t);
            for (i = 0; i < 6; i++)
                cr_assert_eq(m->blocking[i], want[i]);
        } else {
            cr_assert_eq(m->n_blocking, 2, "month %d", t);
            cr_assert_eq(m->blocking_start[1], 1);
            cr_assert_eq(m->blocking[0], 1); /* {B} */
            cr_assert_eq(m->blocking[1], 0); /* {A, M} */
            cr_assert_eq(m->blocking[2], 2);
        }
    }
    parley_ripeness_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* The same path with the parties A and B only: M's reservation no longer
 * counts, the zone still opens in month 8, and before month 4 the sets
 * are {A} and {B}. */
Test(ripeness_run, named_parties)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, "dynamics/ripeness_three.yaml");
    parley_ripeness_options o;
    parley_ripeness *r = NULL;

    parley_ripeness_options_set_default(&o);
    o.negotiation.space.parties = "B,A";
    o.months = 9;
    cr_assert_eq(parley_ripeness_run(ctx, s, &o, &r), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(r->months, 9);
    cr_assert_eq(r->n_parties, 2);
    cr_assert_eq(r->actors[0], 1); /* B first, as listed */
    cr_assert_eq(r->first_open, 8);
    cr_assert_eq(r->month[0].n_blocking, 2);
    cr_assert_eq(r->month[0].blocking[0], 0);
    cr_assert_eq(r->month[0].blocking[1], 1);
    cr_assert_eq(r->month[5].n_blocking, 2); /* {B}, {A}: either gives way */
    parley_ripeness_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* A replayed draw follows the engine's path: with no uncertain input and
 * no noise it is the central path month by month. */
Test(ripeness_run, replayed_draw_of_a_deterministic_scenario)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, "dynamics/ripeness_three.yaml");
    parley_ripeness_options o;
    parley_ripeness *a = NULL, *b = NULL;
    int t;

    parley_ripeness_options_set_default(&o);
    cr_assert_eq(parley_ripeness_run(ctx, s, &o, &a), PARLEY_OK);
    o.replay = 1;
    o.draw = 17;
    o.seed = 5;
    cr_assert_eq(parley_ripeness_run(ctx, s, &o, &b), PARLEY_OK);
    cr_assert_eq(b->replay, 1);
    for (t = 0; t <= 12; t++)
        cr_assert_eq(a->month[t].best_min_margin, b->month[t].best_min_margin);
    parley_ripeness_free(ctx, a);
    parley_ripeness_free(ctx, b);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* Ripeness at month 0 of the Ukraine scenario equals `parley bargain`:
 * the same largest smallest margin to the bit. */
Test(ripeness_run, ukraine_month_zero_equals_bargain)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    parley_ripeness_options o;
    parley_ripeness *r = NULL;
    parley_bargain *b = NULL;

    cr_assert_eq(parley_scenario_load(
                     ctx, test_source("examples/ukraine-2026.yaml"), NULL, &s),
                 PARLEY_OK);
    parley_ripeness_options_set_default(&o);
    o.months = 2;
    o.blocking = 0;
    cr_assert_eq(parley_ripeness_run(ctx, s, &o, &r), PARLEY_OK);
    cr_assert_eq(parley_bargain_run(ctx, s, NULL, &b), PARLEY_OK);
    cr_assert_eq(r->month[0].open, 1);
    cr_assert_eq(r->month[0].best_min_margin, b->zopa.best_min_gain);
    cr_assert_eq(r->first_open, 0);
    parley_bargain_free(ctx, b);
    parley_ripeness_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* A node budget too small to prove the optimum: the run says so, the
 * max-min it reports is one a package attains (at most the optimum), and
 * the zone is still open, or marked not decided -- never shut by
 * mistake. */
Test(ripeness_run, node_budget_is_reported)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    parley_ripeness_options o;
    parley_ripeness *full = NULL, *cut = NULL;
    int t;

    cr_assert_eq(parley_scenario_load(
                     ctx, test_source("examples/ukraine-2026.yaml"), NULL, &s),
                 PARLEY_OK);
    parley_ripeness_options_set_default(&o);
    o.months = 3;
    o.blocking = 0;
    cr_assert_eq(parley_ripeness_run(ctx, s, &o, &full), PARLEY_OK);
    cr_assert(full->exact);
    o.negotiation.space.max_nodes = 2;
    cr_assert_eq(parley_ripeness_run(ctx, s, &o, &cut), PARLEY_OK);
    cr_assert_eq(cut->exact, 0);
    for (t = 0; t <= 3; t++) {
        cr_assert_neq(cut->month[t].open, 0, "month %d", t);
        if (!isnan(cut->month[t].best_min_margin))
            cr_assert_leq(cut->month[t].best_min_margin,
                          full->month[t].best_min_margin);
    }
    parley_ripeness_free(ctx, full);
    parley_ripeness_free(ctx, cut);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- writers ---------------------------------------------------------------
 */

static int grow(void *user, const char *bytes, size_t len)
{
    parley_buf *buf = user;

    return parley_i_buf_append(buf, bytes, len) != 0;
}

static int refuse(void *user, const char *bytes, size_t len)
{
    (void)user;
    (void)bytes;
    (void)len;
    return 1;
}

Test(ripeness_write, text_and_json)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, "dynamics/ripeness_three.yaml");
    parley_ripeness_options o;
    parley_ripeness *r = NULL;
    parley_buf buf;
    parley_sink sink, bad = {refuse, NULL};

    parley_ripeness_options_set_default(&o);
    o.trace = 1;
    cr_assert_eq(parley_ripeness_run(ctx, s, &o, &r), PARLEY_OK);
    parley_i_buf_init(&buf, ctx);
    sink.write = grow;
    sink.user = &buf;
    cr_assert_eq(parley_ripeness_write_text(ctx, s, r, sink), PARLEY_OK);
    cr_assert_not_null(strstr(buf.data, "first opens in 2030-09 (month 8)"));
    cr_assert_not_null(strstr(buf.data, "{B} {A,M}"));
    cr_assert_not_null(strstr(buf.data, "End state: deal in 2030-12"));
    parley_i_buf_destroy(&buf);
    parley_i_buf_init(&buf, ctx);
    cr_assert_eq(parley_ripeness_write_json(ctx, s, r, sink), PARLEY_OK);
    cr_assert_not_null(strstr(buf.data, "\"first_open\": {"));
    cr_assert_not_null(strstr(buf.data, "\"end_state\": \"deal\""));
    parley_i_buf_destroy(&buf);
    cr_assert_neq(parley_ripeness_write_text(ctx, s, r, bad), PARLEY_OK);
    cr_assert_neq(parley_ripeness_write_json(ctx, s, r, bad), PARLEY_OK);
    cr_assert_eq(parley_ripeness_write_text(ctx, NULL, r, sink), PARLEY_EINVAL);
    parley_ripeness_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- errors ----------------------------------------------------------------
 */

Test(ripeness_errors, options_and_names)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, "dynamics/ripeness_three.yaml");
    parley_ripeness_options o;
    parley_ripeness *r = NULL;

    cr_assert_eq(parley_ripeness_run(NULL, s, NULL, &r), PARLEY_EINVAL);
    cr_assert_eq(parley_ripeness_run(ctx, NULL, NULL, &r), PARLEY_EINVAL);
    cr_assert_eq(parley_ripeness_run(ctx, s, NULL, NULL), PARLEY_EINVAL);
#define EXPECT(status, text)                                                   \
    do {                                                                       \
        parley_ctx_clear(ctx);                                                 \
        cr_assert_eq(parley_ripeness_run(ctx, s, &o, &r), status, "%s",        \
                     parley_ctx_errmsg(ctx));                                  \
        cr_assert_null(r);                                                     \
        cr_assert_not_null(strstr(parley_ctx_errmsg(ctx), text), "%s",         \
                           parley_ctx_errmsg(ctx));                            \
        parley_ripeness_options_set_default(&o);                               \
    } while (0)
    parley_ripeness_options_set_default(&o);
    o.months = 601;
    EXPECT(PARLEY_EINVAL, "601 months");
    o.replay = 2;
    EXPECT(PARLEY_EINVAL, "replay is 2");
    o.blocking = 3;
    EXPECT(PARLEY_EINVAL, "blocking is 3");
    o.negotiation.space.parties = "A,Q";
    EXPECT(PARLEY_ENOTFOUND, "no actor 'Q'");
    o.negotiation.signatories = "A,A";
    EXPECT(PARLEY_EINVAL, "listed twice");
    o.negotiation.deadline = 700;
    EXPECT(PARLEY_EINVAL, "deadline 700");
    o.negotiation.tactic = PARLEY_TACTIC_BOULWARE;
    o.negotiation.exponent = 2;
    EXPECT(PARLEY_EINVAL, "0 < e < 1");
    o.negotiation.tactic = PARLEY_TACTIC_CONCEDER;
    o.negotiation.exponent = 0.5;
    EXPECT(PARLEY_EINVAL, "e > 1");
    o.negotiation.armistice_issue = "Y";
    o.negotiation.armistice_outcome = "HALT";
    EXPECT(PARLEY_ENOTFOUND, "armistice issue 'Y'");
    o.negotiation.armistice_issue = "X";
    EXPECT(PARLEY_EINVAL, "without an outcome type");
    o.negotiation.armistice_outcome = "HALT";
    EXPECT(PARLEY_EINVAL, "without an armistice issue");
    o.negotiation.armistice_issue = "X";
    o.negotiation.armistice_outcome = "NOPE";
    EXPECT(PARLEY_ENOTFOUND, "outcome 'NOPE'");
    o.negotiation.frozen = "strain<=x";
    o.negotiation.frozen_outcome = "FROZEN";
    EXPECT(PARLEY_EINVAL, "is malformed");
    o.negotiation.frozen = "heat<=2";
    o.negotiation.frozen_outcome = "FROZEN";
    EXPECT(PARLEY_ENOTFOUND, "no state variable 'heat'");
    o.negotiation.frozen_outcome = "FROZEN";
    EXPECT(PARLEY_EINVAL, "without frozen tests");
    o.negotiation.collapse = "strain=4";
    o.negotiation.collapse_outcome = "COLLAPSE";
    EXPECT(PARLEY_EINVAL, "is malformed");
    o.negotiation.collapse_outcome = "COLLAPSE";
    EXPECT(PARLEY_EINVAL, "without collapse tests");
    o.negotiation.frozen_months = 0;
    EXPECT(PARLEY_EINVAL, "frozen_months 0");
    o.negotiation.protocol = (parley_protocol_kind)7;
    EXPECT(PARLEY_EINVAL, "protocol 7");
    o.negotiation.tactic = (parley_tactic_kind)9;
    EXPECT(PARLEY_EINVAL, "tactic 9");
    o.negotiation.space.disagreement = PARLEY_DISAGREEMENT_FLOOR;
    EXPECT(PARLEY_EINVAL, "reservation disagreement point");
#undef EXPECT
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- allocation failure ----------------------------------------------------
 */

static parley_status run_traced(parley_ctx *ctx, void *user)
{
    parley_scenario *s = NULL;
    parley_ripeness_options o;
    parley_ripeness *r = NULL;
    parley_status st;

    (void)user;
    st = parley_scenario_load(ctx, test_data("dynamics/ripeness_three.yaml"),
                              NULL, &s);
    if (st != PARLEY_OK)
        return st;
    parley_ripeness_options_set_default(&o);
    o.trace = 1;
    o.negotiation.frozen = "strain>=100";
    o.negotiation.frozen_outcome = "FROZEN";
    st = parley_ripeness_run(ctx, s, &o, &r);
    parley_ripeness_free(ctx, r);
    parley_scenario_free(s);
    return st;
}

Test(ripeness_alloc, every_allocation_failure_is_clean)
{
    cr_assert_gt(test_alloc_failures(run_traced, NULL), 50);
}
