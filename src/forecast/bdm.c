/*
 * bdm.c -- Bueno de Mesquita's expected-utility challenge model, as
 * reconstructed by Scholz, Calbert & Smith (2011).
 *
 * Every round, each actor i estimates, from its own point of view, what it
 * expects from challenging every other actor j and what j expects from
 * challenging i; those two expected utilities decide whether j can make i
 * an offer (i loses a confrontation, compromises or capitulates).  Each
 * actor takes its best offer and all move together.  The forecast is the
 * median (by default the pairwise c*s-weighted Condorcet winner among the
 * positions) after the last round.
 *
 * Notation (Scholz et al. 2011, section 3; Bueno de Mesquita 1994):
 *   c_k, s_k, x_k   capability, salience, position; range = the position
 *                   range (Scholz: max - min of the starting positions)
 *   r_k             actor k's risk exponent, in [0.5, 2]
 *   d_kj            |x_k - x_j| / range
 *   votes           v_k(i, j) = c_k s_k (d_kj^r_k - d_ki^r_k): actor k's
 *                   vote for x_i against x_j
 *   P(i, j)         sum_k max(0, v_k(i, j)) / sum_k sum_a sum_b |v_k(a, b)|
 *                   (the all-triples normaliser of Scholz's code, kept by
 *                   the replication on purpose; PARLEY_BDM_PROB_PAIR
 *                   divides by sum_k |v_k(i, j)| instead)
 *   from i's view (exponent r = r_i):
 *   U_s = 2 - 4 (0.5 - 0.5 d_ij)^r, U_f = 2 - 4 (0.5 + 0.5 d_ij)^r,
 *   U_sq = 2 - 4 (0.5)^r
 *   E_i(U_ij) = s_j (P(i,j) U_s + (1 - P(i,j)) U_f) + (1 - s_j) U_s - Q U_sq
 *   E_i(U_ji) = s_i (P(j,i) U_s + (1 - P(j,i)) U_f) + (1 - s_i) U_s - Q U_sq
 *   risk: with every r = 1, danger_i = sum_{j != i} E_i(U_ji);
 *   R_i = (2 danger_i - max - min) / (max - min) over all actors,
 *   r_i = (1 - R_i / 3) / (1 + R_i / 3).
 *   offers from i's view, with a = E_i(U_ij), b = E_i(U_ji):
 *   b > a > 0              i loses a confrontation: moves to x_j
 *   b > 0 > a, b > |a|     compromise: x_i + (x_j - x_i) |a / b|
 *   b > 0 > a, b < |a|     capitulation: moves to x_j (only with
 *                          bdm_capitulate; the replication's test compares
 *                          b with itself and never holds)
 *
 * The semantics follow the pure-Python replication of Scholz et al. by
 * J. McKibben (github.com/jmckib/bdm-scholz-expected-utility-model), whose
 * author reports an exact match with the paper's published rounds; this is
 * an independent implementation in C of the same mathematics.
 *
 * Cost per round: O(n m) powers and O(n m^2) additions for m distinct
 * positions.  The all-triples normaliser, O(n^3) as written, is computed
 * per voter from the distances in sorted order in O(n + m), so a round is
 * O(n m^2) overall.
 *
 * Scholz, J. B., Calbert, G. J. & Smith, G. A. (2011).  Unravelling Bueno
 * De Mesquita's group decision model.  Journal of Theoretical Politics
 * 23(4), 510-531.
 * Bueno de Mesquita, B. (1994).  Political forecasting: an expected utility
 * method.  In B. Bueno de Mesquita & F. N. Stokman (eds.), European
 * Community Decision Making, 71-104.  Yale University Press.
 * Bueno de Mesquita, B. (2011).  A new model for predicting policy choices.
 * Conflict Management and Peace Science 28(1), 65-87.
 */
#include "forecast/model.h"

#include <math.h>
#include <string.h>

typedef struct bdm_ws {
    size_t n, m; /* actors; distinct positions this round */
    double range, q;
    parley_bdm_prob prob;
    parley_bdm_median median_kind;
    parley_bdm_risk risk_kind;
    parley_bdm_offer offer_kind;
    int capitulate;
    double median0, mean0, median;
    /* n entries each */
    double *salience, *weight; /* weight = c * s */
    double *x, *x_new, *risk, *danger;
    double *value;             /* the m distinct positions, ascending */
    double *mult;              /* how many actors hold each */
    double *success, *failure; /* U_s, U_f from one actor's view, by value */
    /* n * n entries each (m * n and m * m used) */
    double *g;     /* g[k * m + p] = d(k, value p)^r_k */
    double *votes; /* votes[p * m + q] = sum_k max(0, v_k(p,q)) */
    double total;  /* the all-triples normaliser */
    /* n entries each */
    size_t *order, *scratch; /* sort scratch */
    size_t *slot;            /* slot[a] = index of x_a in value */
    size_t *distinct;        /* Condorcet scratch */
} bdm_ws;

/* ---- workspace ---- */

static size_t bdm_size(size_t n, const parley_forecast_options *o)
{
    size_t vec = parley_i_align(n * sizeof(double));
    size_t idx = parley_i_align(n * sizeof(size_t));
    size_t mat;

    (void)o;
    if (n && n > ((size_t)-1) / 64 / n) /* the n * n blocks would overflow */
        return 0;
    mat = parley_i_align(n * n * sizeof(double));
    return parley_i_align(sizeof(bdm_ws)) + 10 * vec + 2 * mat + 4 * idx;
}

/* Points the arrays into the block after the struct. */
static void bdm_layout(bdm_ws *ws, size_t n)
{
    char *p = (char *)ws + parley_i_align(sizeof *ws);
    size_t vec = parley_i_align(n * sizeof(double));
    size_t idx = parley_i_align(n * sizeof(size_t));
    size_t mat = parley_i_align(n * n * sizeof(double));
    double **vecs[10];
    size_t **idxs[4];
    size_t i;

    vecs[0] = &ws->salience;
    vecs[1] = &ws->weight;
    vecs[2] = &ws->x;
    vecs[3] = &ws->x_new;
    vecs[4] = &ws->risk;
    vecs[5] = &ws->danger;
    vecs[6] = &ws->value;
    vecs[7] = &ws->mult;
    vecs[8] = &ws->success;
    vecs[9] = &ws->failure;
    for (i = 0; i < 10; i++, p += vec)
        *vecs[i] = (double *)(void *)p;
    ws->g = (double *)(void *)p;
    p += mat;
    ws->votes = (double *)(void *)p;
    p += mat;
    idxs[0] = &ws->order;
    idxs[1] = &ws->scratch;
    idxs[2] = &ws->slot;
    idxs[3] = &ws->distinct;
    for (i = 0; i < 4; i++, p += idx)
        *idxs[i] = (size_t *)(void *)p;
}

/* The median the variant asks for, of the current positions. */
static double bdm_median(bdm_ws *ws)
{
    if (ws->median_kind == PARLEY_BDM_MEDIAN_WEIGHTED)
        return parley_i_weighted_median(ws->n, ws->weight, ws->x, ws->order,
                                        ws->scratch);
    return parley_i_condorcet_winner(ws->n, ws->weight, ws->x, ws->range,
                                     ws->distinct);
}

static parley_status bdm_setup(void *workspace, parley_ctx *ctx,
                               const parley_issue_data *issue,
                               const parley_forecast_options *o)
{
    bdm_ws *ws = workspace;
    size_t n = issue->n, i;
    double low = issue->position[0], high = issue->position[0], scale;

    ws->n = n;
    bdm_layout(ws, n);
    ws->q = o->bdm_q;
    ws->prob = o->bdm_prob;
    ws->median_kind = o->bdm_median;
    ws->risk_kind = o->bdm_risk;
    ws->offer_kind = o->bdm_offer;
    ws->capitulate = o->bdm_capitulate;
    scale = o->bdm_salience_scale;
    if (scale == 0) { /* auto: probabilities already, or percentages */
        scale = 1.0;
        for (i = 0; i < n; i++)
            if (issue->salience[i] > 1.0)
                scale = 100.0;
    }
    for (i = 0; i < n; i++) {
        if (issue->salience[i] > scale)
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "bdm: salience %g exceeds the salience "
                                  "scale %g, expected saliences in [0, %g] "
                                  "(BDM reads salience / scale as a "
                                  "probability)",
                                  issue->salience[i], scale, scale);
        ws->salience[i] = issue->salience[i] / scale;
        ws->weight[i] = issue->capability[i] * issue->salience[i];
        ws->x[i] = issue->position[i];
        ws->risk[i] = 1.0;
        if (ws->x[i] < low)
            low = ws->x[i];
        if (ws->x[i] > high)
            high = ws->x[i];
    }
    if (o->bdm_range == PARLEY_BDM_RANGE_SCALE) {
        ws->range = issue->scale_max - issue->scale_min;
        if (!isfinite(ws->range) || !(ws->range > 0))
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "bdm: the issue scale [%g, %g] is empty, "
                                  "expected scale_min < scale_max for "
                                  "bdm_range 'scale'",
                                  issue->scale_min, issue->scale_max);
        if (low < issue->scale_min || high > issue->scale_max)
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "bdm: positions span [%g, %g], outside "
                                  "the issue scale [%g, %g]; expected "
                                  "positions on the scale",
                                  low, high, issue->scale_min,
                                  issue->scale_max);
    } else {
        /* Scholz: the spread of the starting positions.  When everyone
         * agrees nothing can move and any positive range will do. */
        ws->range = high > low ? high - low : 1.0;
    }
    ws->mean0 = parley_i_weighted_mean(n, ws->weight, ws->x);
    ws->median0 = bdm_median(ws);
    ws->median = ws->median0;
    return PARLEY_OK;
}

/* ---- one round ---- */

/* Groups equal positions: value[] gets the m distinct positions ascending,
 * mult[] their counts and slot[a] the group of actor a. */
static void group_positions(bdm_ws *ws)
{
    size_t n = ws->n, i, m = 0;

    parley_i_sort_indices(n, ws->x, ws->order, ws->scratch);
    for (i = 0; i < n; i++) {
        size_t a = ws->order[i];

        if (m == 0 || ws->x[a] != ws->value[m - 1]) {
            ws->value[m] = ws->x[a];
            ws->mult[m] = 0;
            m++;
        }
        ws->mult[m - 1] += 1.0;
        ws->slot[a] = m - 1;
    }
    ws->m = m;
}

/* x^r with the exact shortcuts pow itself would take. */
static inline double power(double x, double r)
{
    if (r == 1.0)
        return x;
    if (x == 0.0)
        return 0.0; /* r > 0 */
    return pow(x, r);
}

/*
 * The vote tables for the current exponents (all 1 when `neutral`):
 * g[k][p] = (|x_k - value_p| / range)^r_k; votes[p][q] = sum_k max(0,
 * c_k s_k (g[k][q] - g[k][p])), summed in actor order as in the paper's
 * sum over voters; and the all-triples normaliser
 *   total = sum_k sum_a sum_b |c_k s_k (g[k][b] - g[k][a])|
 *         = sum_k c_k s_k * 2 sum_j w_j g_j (2 W_<j + w_j - n)
 * with the groups j taken in increasing g (increasing distance from x_k)
 * and W_<j the number of actors in groups before j.
 */
static void vote_tables(bdm_ws *ws, int neutral)
{
    size_t n = ws->n, m = ws->m, k, p, q;
    double *g = ws->g, *votes = ws->votes;
    double nn = (double)n;

    for (k = 0; k < n; k++) {
        double r = neutral ? 1.0 : ws->risk[k];

        for (p = 0; p < m; p++)
            g[k * m + p] = power(fabs(ws->x[k] - ws->value[p]) / ws->range, r);
    }
    for (p = 0; p < m * m; p++)
        votes[p] = 0;
    for (k = 0; k < n; k++) {
        const double *gk = g + k * m;
        double w = ws->weight[k];

        if (w == 0)
            continue; /* adds only zeros */
        for (p = 0; p < m; p++) {
            double gp = gk[p];

            /* v(p, q) = -v(q, p): one of the two is positive (the other
             * would add a zero, which changes no sum) */
            for (q = p + 1; q < m; q++) {
                double v = w * (gk[q] - gp); /* k's vote for p over q */

                if (v > 0)
                    votes[p * m + q] += v;
                else if (v < 0)
                    votes[q * m + p] += w * (gp - gk[q]);
            }
        }
    }
    ws->total = 0;
    if (ws->prob != PARLEY_BDM_PROB_ALL_TRIPLES)
        return;
    for (k = 0; k < n; k++) {
        const double *gk = g + k * m;
        size_t home = ws->slot[k], left = home, right = home + 1, j;
        double before = 0, sum = 0;

        /* x_k's own group first (distance 0), then merge outward: on both
         * sides the distance rises, so this visits the groups by g */
        j = home;
        for (;;) {
            sum += ws->mult[j] * gk[j] * (2 * before + ws->mult[j] - nn);
            before += ws->mult[j];
            if (left > 0 && (right >= m || gk[left - 1] <= gk[right]))
                j = --left;
            else if (right < m)
                j = right++;
            else
                break;
        }
        ws->total += ws->weight[k] * 2 * sum;
    }
}

/* P(p beats q) for groups p != q under the chosen normaliser. */
static inline double win_probability(const bdm_ws *ws, size_t p, size_t q)
{
    double num = ws->votes[p * ws->m + q];

    if (ws->prob == PARLEY_BDM_PROB_ALL_TRIPLES)
        return ws->total > 0 ? num / ws->total : 0.0;
    {
        double all = num + ws->votes[q * ws->m + p];

        return all > 0 ? num / all : 0.5;
    }
}

/* Scholz et al. (2011), eq. for E_i(U_ij): the expected utility of a
 * challenge against an actor of salience s_target, minus the status quo. */
static inline double expected_utility(double s_target, double p, double success,
                                      double failure, double status_quo)
{
    return s_target * (p * success + (1 - p) * failure) +
           (1 - s_target) * success - status_quo;
}

/* Risk exponents: every actor's danger (what all others expect from
 * challenging it) with risk-neutral utilities, scaled against the most and
 * least endangered actor (Scholz et al. 2011, eqs. 9-10). */
static void update_risk(bdm_ws *ws)
{
    size_t n = ws->n, a, o;
    double most = -HUGE_VAL, least = HUGE_VAL;
    double sq = ws->q * (2 - 4 * 0.5); /* U_sq with r = 1 */

    if (ws->risk_kind == PARLEY_BDM_RISK_NEUTRAL) {
        for (a = 0; a < n; a++)
            ws->risk[a] = 1.0;
        return;
    }
    vote_tables(ws, 1);
    for (a = 0; a < n; a++) {
        double danger = 0;

        for (o = 0; o < n; o++) {
            double h, p;

            if (o == a)
                continue;
            h = 0.5 * fabs(ws->x[o] - ws->x[a]) / ws->range;
            p = ws->slot[o] == ws->slot[a]
                    ? 0.0
                    : win_probability(ws, ws->slot[o], ws->slot[a]);
            danger += expected_utility(ws->salience[a], p, 2 - 4 * (0.5 - h),
                                       2 - 4 * (0.5 + h), sq);
        }
        ws->danger[a] = danger;
        if (danger > most)
            most = danger;
        if (danger < least)
            least = danger;
    }
    for (a = 0; a < n; a++) {
        double big_r = most > least
                           ? (2 * ws->danger[a] - most - least) / (most - least)
                           : 0.0; /* nobody more endangered */

        ws->risk[a] = (1 - big_r / 3.0) / (1 + big_r / 3.0);
    }
}

/* The offer j makes i, from i's view, or PARLEY_OFFER_NONE. */
static parley_offer_kind classify(const bdm_ws *ws, double eu_ij, double eu_ji)
{
    if (eu_ji > eu_ij && eu_ij > 0)
        return PARLEY_OFFER_CONFRONTATION;
    if (eu_ji > 0 && 0 > eu_ij) {
        if (eu_ji > fabs(eu_ij))
            return PARLEY_OFFER_COMPROMISE;
        if (ws->capitulate && eu_ji < fabs(eu_ij))
            return PARLEY_OFFER_CAPITULATION;
    }
    return PARLEY_OFFER_NONE;
}

/* Every actor's best offer from its own view; positions are updated
 * together after all offers are known.  Returns the number of offers. */
static size_t make_offers(bdm_ws *ws, parley_offer *log)
{
    size_t n = ws->n, m = ws->m, i, j, p, count = 0;

    vote_tables(ws, 0);
    for (i = 0; i < n; i++) {
        double r = ws->risk[i], xi = ws->x[i];
        double sq = ws->q * (2 - 4 * power(0.5, r));
        size_t home = ws->slot[i];
        parley_offer best;
        double best_key = HUGE_VAL;

        ws->x_new[i] = xi;
        if (m < 2)
            continue;
        for (p = 0; p < m; p++) {
            double h;

            if (p == home)
                continue;
            h = 0.5 * fabs(xi - ws->value[p]) / ws->range;
            ws->success[p] = 2 - 4 * power(0.5 - h, r);
            ws->failure[p] = 2 - 4 * power(0.5 + h, r);
        }
        best.kind = PARLEY_OFFER_NONE;
        for (j = 0; j < n; j++) {
            size_t pj = ws->slot[j];
            double eu_ij, eu_ji, target, key;
            parley_offer_kind kind;

            if (pj == home)
                continue;
            eu_ij =
                expected_utility(ws->salience[j], win_probability(ws, home, pj),
                                 ws->success[pj], ws->failure[pj], sq);
            eu_ji =
                expected_utility(ws->salience[i], win_probability(ws, pj, home),
                                 ws->success[pj], ws->failure[pj], sq);
            kind = classify(ws, eu_ij, eu_ji);
            if (kind == PARLEY_OFFER_NONE ||
                (best.kind != PARLEY_OFFER_NONE && kind > best.kind))
                continue; /* a better kind is already on the table */
            if (kind == PARLEY_OFFER_COMPROMISE)
                target = xi + (ws->x[j] - xi) * fabs(eu_ij / eu_ji);
            else
                target = ws->x[j];
            if (kind == PARLEY_OFFER_COMPROMISE &&
                ws->offer_kind == PARLEY_BDM_OFFER_BEST)
                /* Scholz's code ranks compromises by this EU-weighted
                 * position, lowest first, not by distance */
                key = (fabs(eu_ij) * xi + fabs(eu_ji) * ws->x[j]) /
                      (fabs(eu_ij) + fabs(eu_ji));
            else
                key = fabs(xi - target);
            if (best.kind == PARLEY_OFFER_NONE || kind < best.kind ||
                key < best_key) {
                best.actor = i;
                best.from = j;
                best.kind = kind;
                best.new_position = target;
                best.eu_actor = eu_ij;
                best.eu_from = eu_ji;
                best_key = key;
            }
        }
        if (best.kind != PARLEY_OFFER_NONE) {
            ws->x_new[i] = best.new_position;
            if (log)
                log[count] = best;
            count++;
        }
    }
    return count;
}

static double bdm_step(void *workspace, parley_round *round)
{
    bdm_ws *ws = workspace;
    size_t n = ws->n, i, count;
    double move = 0;

    group_positions(ws);
    update_risk(ws);
    count = make_offers(ws, round ? round->offers : NULL);
    for (i = 0; i < n; i++) {
        double d = fabs(ws->x_new[i] - ws->x[i]);

        if (d > move)
            move = d;
        ws->x[i] = ws->x_new[i];
    }
    ws->median = bdm_median(ws);
    if (round) {
        memcpy(round->position, ws->x, n * sizeof *ws->x);
        memcpy(round->risk, ws->risk, n * sizeof *ws->risk);
        round->median = ws->median;
        round->mean = parley_i_weighted_mean(n, ws->weight, ws->x);
        round->n_offers = count;
    }
    return move;
}

static void bdm_summarise(const void *workspace, parley_i_summary *summary)
{
    const bdm_ws *ws = workspace;

    summary->forecast = ws->median; /* the median after the last round */
    summary->median0 = ws->median0;
    summary->mean0 = ws->mean0;
}

const parley_model_type parley_i_model_bdm = {
    "bdm",
    "Bueno de Mesquita's expected-utility challenge model (Scholz, Calbert "
    "& Smith 2011); forecast: the median after the last round",
    bdm_size,
    bdm_setup,
    bdm_step,
    bdm_summarise,
};
