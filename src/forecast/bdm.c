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
 * Cost per round, for n actors at m distinct positions, in the fast
 * arithmetic (below): the powers x^r are e^(r ln x) (util/vmath.h, both
 * vectorised), 3 n m exponentials in one batch and the logarithms of d,
 * 0.5 - d/2 and 0.5 + d/2 for the pairs of positions not seen in the last
 * round; the votes come from prefix sums over the positions in O(n m +
 * m^2) and the all-triples normaliser, O(n^3) as written, from the votes
 * in O(m^2).  The reference arithmetic takes 3 n m pow calls and O(n m^2)
 * additions.  When every exponent is 1 (risk-neutral actors) no power is
 * taken.
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
#include "util/vmath.h"

#include <math.h>
#include <string.h>

/*
 * Two ways to do the arithmetic.  The reference takes every power with
 * pow and sums the votes voter by voter as the replication does; it is
 * what a trace shows.  The fast one (the default for untraced runs: Monte
 * Carlo, forecasts, backtests) takes the powers as e^(r ln x) in vectorised
 * batches and the votes from prefix sums; its numbers differ from the
 * reference's in the last few bits.  That is harmless unless a decision
 * hangs on those bits: an expected utility or a difference of two within
 * rounding of zero, two offers' keys or two positions all but equal, a
 * compromise all but at an end of the range, the dangers all but equal, a
 * median vote all but tied, a move all but the tolerance.  BDM's dynamics can
 * then tip either way (actors a few units in the last place apart trade offers
 * worth 1e-16), and the reference decides: the fast run checks every such
 * decision against MARGIN (in units of the utilities, the range or the sum
 * compared) and, when one is closer, replays the issue from the start with the
 * reference arithmetic. The utilities of the two differ by about 1e-14; over
 * 3e4 draws of bench/montecarlo's bdm-10 the largest difference in a run that
 * was not replayed was 5e-12, 200 times below the margin, and about 4.5% of the
 * draws were replayed (most in their last rounds, where positions
 * converge).
 */
#define MARGIN 1e-9
#define MARGIN_EU 1e-9

/* The least logarithm make_powers passes on (that of 0 included): with
 * r <= 2 the exponents stay above -708, where e^x is a normal number, and
 * the powers it stands for are below 1e-76, which changes no 2 - 4 x. */
#define LOG_FLOOR -350.0

typedef struct bdm_ws {
    size_t n, m; /* actors; distinct positions of x */
    double range, q;
    double ends[2]; /* the ends range spans: d = 1 between them */
    parley_bdm_prob prob;
    parley_bdm_median median_kind;
    parley_bdm_risk risk_kind;
    parley_bdm_offer offer_kind;
    int capitulate;
    double median0, mean0, median;
    double log_half;           /* ln 0.5 as parley_i_log_array gives it */
    double tolerance;          /* the framework's, to know the last round */
    size_t rounds, rounds_cap; /* rounds run; at most */
    int reference;             /* rounds run with the reference arithmetic */
    int fragile;               /* a decision of this round was too close */
    /* n entries each */
    double *salience, *weight; /* weight = c * s */
    double *x, *x_new, *risk, *danger;
    double *x0; /* the starting positions, for a replay */
    /* 1 where x (x_new) holds the reference's bits: a starting position or
     * a copy of one, not a compromise */
    double *exact, *exact_new;
    double *value; /* the m distinct positions, ascending */
    double *mult;  /* how many actors hold each */
    /* make_offers, by position, from one actor's view: U_s, the part of
     * E(U_ij) in brackets, E(U_ji) */
    double *success, *bracket, *eu_from;
    /* n * n entries each (m * m used) */
    double *distance; /* distance[p * m + q] = |value_p - value_q| / range */
    double *votes;    /* votes[p * m + q] = sum_k max(0, v_k(p,q)), so that
                         P(p beats q) = votes[p * m + q] * scale */
    double *against;  /* against[q * m + p] = votes[p * m + q] */
    double scale;
    double *sums; /* win_tables' sums by position */
    /* 3 n * n entries (3 n * m used): row k holds actor k's powers, with
     * r = r_k, d = d(x_k, value_p), p = 0 .. m-1: d^r, then (0.5 - d/2)^r
     * (so that U_s = 2 - 4 x), then (0.5 + d/2)^r (U_f) */
    double *powers;
    /* 3 n (n - 1) / 2 entries each: for the positions of the last round
     * that took logarithms (cached_value, cached_m of them) and for every
     * pair p < q of them in order, ln d, ln(0.5 - d/2), ln(0.5 + d/2)
     * (at d = 1 the second is ln 1, a stand-in, see make_powers);
     * log_cache[cache_now] is current, the other is filled next.  Positions
     * mostly persist from round to round, and so do their logarithms. */
    double *log_cache[2];
    double *cached_value;
    size_t cached_m;
    int cache_now;
    /* n * n entries (m * m used): for p < q, split[p * m + q] is the last
     * position closer to p than to q, split[q * m + p] the first closer to
     * q (positions in between are as close to both) */
    size_t *split;
    /* n entries each */
    size_t *order;   /* the actors by position, ties by index */
    size_t *scratch; /* sort scratch */
    size_t *slot;    /* slot[a] = index of x_a in value */
    size_t *first;   /* for each position, in order of first appearance
                        among the actors, the first actor holding it */
} bdm_ws;

/* ---- workspace ---- */

/* Pairs p < q among n positions, and the index of the pair (p, q) in the
 * order p = 0, 1, ..., q = p + 1, ... */
static inline size_t pairs(size_t n)
{
    return n * (n - (n > 0)) / 2;
}

static inline size_t pair_index(size_t p, size_t q, size_t n)
{
    return p * n - p * (p + 1) / 2 + (q - p - 1);
}

#define BDM_VECTORS 15 /* n doubles */
#define BDM_MATRICES 4 /* n * n doubles, plus powers (3) and split */
#define BDM_INDICES 4  /* n size_t */

static size_t bdm_size(size_t n, const parley_forecast_options *o)
{
    size_t vec = parley_i_align(n * sizeof(double));
    size_t idx = parley_i_align(n * sizeof(size_t));
    size_t mat;

    (void)o;
    if (n && n > ((size_t)-1) / 128 / n) /* the n * n blocks would overflow */
        return 0;
    mat = parley_i_align(n * n * sizeof(double));
    return parley_i_align(sizeof(bdm_ws)) + BDM_VECTORS * vec +
           BDM_MATRICES * mat + parley_i_align(3 * n * n * sizeof(double)) +
           2 * parley_i_align(pairs(n) * 3 * sizeof(double)) +
           parley_i_align(n * n * sizeof(size_t)) + BDM_INDICES * idx;
}

/* Points the arrays into the block after the struct. */
static void bdm_layout(bdm_ws *ws, size_t n)
{
    char *p = (char *)ws + parley_i_align(sizeof *ws);
    size_t vec = parley_i_align(n * sizeof(double));
    size_t idx = parley_i_align(n * sizeof(size_t));
    size_t mat = parley_i_align(n * n * sizeof(double));
    double **vecs[BDM_VECTORS], **mats[BDM_MATRICES];
    size_t **idxs[BDM_INDICES];
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
    vecs[9] = &ws->bracket;
    vecs[10] = &ws->eu_from;
    vecs[11] = &ws->x0;
    vecs[12] = &ws->exact;
    vecs[13] = &ws->exact_new;
    vecs[14] = &ws->cached_value;
    for (i = 0; i < BDM_VECTORS; i++, p += vec)
        *vecs[i] = (double *)(void *)p;
    mats[0] = &ws->distance;
    mats[1] = &ws->votes;
    mats[2] = &ws->sums;
    mats[3] = &ws->against;
    for (i = 0; i < BDM_MATRICES; i++, p += mat)
        *mats[i] = (double *)(void *)p;
    ws->powers = (double *)(void *)p;
    p += parley_i_align(3 * n * n * sizeof(double));
    for (i = 0; i < 2; i++, p += parley_i_align(pairs(n) * 3 * sizeof(double)))
        ws->log_cache[i] = (double *)(void *)p;
    ws->split = (size_t *)(void *)p;
    p += parley_i_align(n * n * sizeof(size_t));
    idxs[0] = &ws->order;
    idxs[1] = &ws->scratch;
    idxs[2] = &ws->slot;
    idxs[3] = &ws->first;
    for (i = 0; i < BDM_INDICES; i++, p += idx)
        *idxs[i] = (size_t *)(void *)p;
}

/* Sorts ws->order by position, ties by actor index (the order a stable
 * sort of 0..n-1 gives).  Small issues: insertion sort from the last
 * round's order, which a round disturbs little; larger: merge sort. */
static void sort_positions(bdm_ws *ws)
{
    size_t n = ws->n, *order = ws->order, i;
    const double *x = ws->x;

    if (n > 32) {
        parley_i_sort_indices(n, x, order, ws->scratch);
        return;
    }
    for (i = 1; i < n; i++) {
        size_t a = order[i], j = i;

        while (j > 0 && (x[order[j - 1]] > x[a] ||
                         (x[order[j - 1]] == x[a] && order[j - 1] > a))) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = a;
    }
}

/*
 * Groups equal positions: value[] gets the m distinct positions ascending,
 * mult[] their counts, slot[a] the group of actor a, first[] the first
 * actor at each position in order of first appearance, distance[] the
 * distances between the groups over the range (an actor's distances to
 * the positions are its group's row: |x_k - value_p| / range) and split[]
 * who is closer to which of two positions.
 */
PARLEY_I_VECTOR_CLONES
static void group_positions(bdm_ws *ws)
{
    size_t n = ws->n, i, m = 0, p, q;
    size_t *seen = ws->scratch;
    const double *value = ws->value;

    sort_positions(ws);
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
    for (p = 0; p < m; p++)
        seen[p] = 0;
    for (i = 0, p = 0; i < n; i++)
        if (!seen[ws->slot[i]]) {
            seen[ws->slot[i]] = 1;
            ws->first[p++] = i;
        }
    for (p = 0; p < m; p++) { /* |v_p - v_q| = |v_q - v_p|: symmetric */
        double *row = ws->distance + p * m, vp = value[p], range = ws->range;

        /* divided, as the replication does: d = 1 exactly between the
         * ends, where (0.5 - d/2)^r is sharp */
#pragma omp simd
        for (q = 0; q < m; q++)
            row[q] = fabs(vp - value[q]) / range;
    }
    /* Between p and q the distance to p rises and the distance to q falls,
     * so the positions closer to p come first: count them (and those
     * closer to q) without branches, in O(m^3) for a few positions; for
     * many, walk the boundaries up with q, in O(m^2). */
    for (p = 0; p < m; p++) {
        double vp = value[p];
        size_t t = p, u = p + 1, s;

        for (q = p + 1; q < m; q++) {
            double vq = value[q];

            if (m <= 32) {
                size_t to_p = 0, to_q = 0;

                for (s = p + 1; s < q; s++) {
                    to_p += value[s] - vp < vq - value[s];
                    to_q += vq - value[s] < value[s] - vp;
                }
                t = p + to_p;
                u = q - to_q;
            } else {
                while (t + 1 < q && value[t + 1] - vp < vq - value[t + 1])
                    t++;
                if (u <= t)
                    u = t + 1;
                while (u < q && !(vq - value[u] < value[u] - vp))
                    u++;
            }
            ws->split[p * m + q] = t;
            ws->split[q * m + p] = u;
        }
    }
}

/*
 * The pairwise Condorcet winner among the positions (Bueno de Mesquita
 * 1994; Scholz et al. 2011): parley_i_condorcet_winner's tournament, with
 * the distances taken from the table.  Challengers come in order of first
 * appearance and replace the incumbent when the weighted sum over the
 * actors, in actor order, of (d(x_k, incumbent) - d(x_k, challenger)) is
 * positive; the same operations on the same numbers, so the same winner.
 */
PARLEY_I_VECTOR_CLONES
static double condorcet(const bdm_ws *ws, int *close)
{
    size_t n = ws->n, m = ws->m, j, k;
    size_t winner = ws->slot[ws->first[0]], best = ws->first[0];

    for (j = 1; j < m; j++) {
        size_t challenger = ws->slot[ws->first[j]];
        double sum = 0, size = 0;

        for (k = 0; k < n; k++) {
            const double *dk = ws->distance + ws->slot[k] * m;

            sum += ws->weight[k] * (dk[winner] - dk[challenger]);
        }
        for (k = 0; close && k < n; k++) {
            const double *dk = ws->distance + ws->slot[k] * m;

            size += fabs(ws->weight[k] * (dk[winner] - dk[challenger]));
        }
        if (close && !(fabs(sum) > MARGIN * size))
            *close = 1;
        if (sum > 0) {
            winner = challenger;
            best = ws->first[j];
        }
    }
    return ws->x[best];
}

/* The median the variant asks for, of the current (grouped) positions;
 * unless close is NULL, *close is set when a comparison that picked it was
 * too close to call for the fast arithmetic (see MARGIN). */
static double bdm_median(const bdm_ws *ws, int *close)
{
    size_t n = ws->n, i;
    double total = 0, cumulative = 0;

    if (ws->median_kind != PARLEY_BDM_MEDIAN_WEIGHTED)
        return condorcet(ws, close);
    /* parley_i_weighted_median on the sorted order at hand */
    for (i = 0; i < n; i++)
        total += ws->weight[i];
    for (i = 0; i < n; i++) {
        cumulative += ws->weight[ws->order[i]];
        if (close && !(fabs(2 * cumulative - total) > MARGIN * total))
            *close = 1;
        if (2 * cumulative >= total)
            return ws->x[ws->order[i]];
    }
    return ws->x[ws->order[n - 1]]; /* only if total is NaN */
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
    ws->log_half = 0.5;
    parley_i_log_array(&ws->log_half, 1);
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
        ws->x[i] = ws->x0[i] = issue->position[i];
        ws->exact[i] = 1;
        ws->risk[i] = 1.0;
        ws->order[i] = i;
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
        ws->ends[0] = issue->scale_min;
        ws->ends[1] = issue->scale_max;
    } else {
        /* Scholz: the spread of the starting positions.  When everyone
         * agrees nothing can move and any positive range will do. */
        ws->range = high > low ? high - low : 1.0;
        ws->ends[0] = low;
        ws->ends[1] = high;
    }
    ws->tolerance = o->tolerance;
    ws->rounds_cap = o->rounds;
    ws->rounds = 0;
    ws->fragile = 0;
    ws->cached_m = 0;
    ws->cache_now = 0;
    ws->reference = 1; /* median0 as the reference computes it */
    group_positions(ws);
    ws->mean0 = parley_i_weighted_mean(n, ws->weight, ws->x);
    ws->median0 = bdm_median(ws, NULL);
    ws->median = ws->median0;
    ws->reference = 0;
    return PARLEY_OK;
}

/* ---- one round ---- */

/* Actor k's row of g = d^r over the positions: the distances themselves
 * when `neutral` (every r = 1), else the first block of its powers. */
static inline const double *vote_row(const bdm_ws *ws, size_t k, int neutral)
{
    if (neutral)
        return ws->distance + ws->slot[k] * ws->m;
    return ws->powers + k * 3 * ws->m;
}

/* ---- the reference arithmetic ---- */

/* x^r with the exact shortcuts pow itself would take. */
static inline double power(double x, double r)
{
    if (r == 1.0)
        return x;
    if (x == 0.0)
        return 0.0; /* r > 0 */
    return pow(x, r);
}

/* The powers rows (see bdm_ws) by pow.  The replication's operands are
 * d = |x_k - value_p| / range, the distance table's, and h = 0.5 |x_k -
 * value_p| / range, which is 0.5 d bit for bit (halving commutes with
 * rounding, and where it might not, h is too small to change 0.5 -+ h). */
static void reference_powers(bdm_ws *ws)
{
    size_t n = ws->n, m = ws->m, k, p;

    for (k = 0; k < n; k++) {
        double r = ws->risk[k], *row = ws->powers + k * 3 * m;
        const double *dk = ws->distance + ws->slot[k] * m;

        for (p = 0; p < m; p++) {
            double d = dk[p], h = 0.5 * d;

            row[p] = power(d, r);
            row[m + p] = power(0.5 - h, r);
            /* at home, 0.5^r twice: the status quo */
            row[2 * m + p] = p == ws->slot[k] ? row[m + p] : power(0.5 + h, r);
        }
    }
}

/*
 * win_tables with the replication's sums: votes[p][q] = sum_k max(0,
 * c_k s_k (g[k][q] - g[k][p])) in actor order (the zeros added change no
 * sum), and the all-triples normaliser
 *   total = sum_k sum_a sum_b |c_k s_k (g[k][b] - g[k][a])|
 *         = sum_k c_k s_k * 2 sum_j w_j g_j (2 W_<j + w_j - n)
 * with the groups j taken in increasing g (increasing distance from x_k)
 * and W_<j the number of actors in groups before j.  P(p, q) is then
 * votes[p][q] / total (scale 1).
 */
PARLEY_I_VECTOR_CLONES
static void reference_tables(bdm_ws *ws, int neutral)
{
    size_t n = ws->n, m = ws->m, k, p, q;
    double *raw = ws->sums, *votes = ws->votes, total = 0;
    double nn = (double)n;

    for (p = 0; p < m * m; p++)
        raw[p] = 0;
    for (k = 0; k < n; k++) {
        const double *gk = vote_row(ws, k, neutral);
        double w = ws->weight[k];

        if (w == 0)
            continue; /* adds only zeros */
        for (p = 0; p < m; p++) {
            double gp = gk[p], *row = raw + p * m;

#pragma omp simd
            for (q = 0; q < m; q++) {
                double v = w * (gk[q] - gp); /* k's vote for p over q */

                row[q] += v > 0 ? v : 0.0;
            }
        }
    }
    for (k = 0; k < n && ws->prob == PARLEY_BDM_PROB_ALL_TRIPLES; k++) {
        const double *gk = vote_row(ws, k, neutral);
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
        total += ws->weight[k] * 2 * sum;
    }
    if (ws->prob == PARLEY_BDM_PROB_PAIR) {
        for (p = 0; p < m; p++)
            for (q = 0; q < m; q++) {
                double num = raw[p * m + q], all = num + raw[q * m + p];

                votes[p * m + q] = all > 0 ? num / all : 0.5;
            }
    } else if (total > 0) {
#pragma omp simd
        for (p = 0; p < m * m; p++)
            votes[p] = raw[p] / total;
    } else {
        for (p = 0; p < m * m; p++)
            votes[p] = 0.0;
    }
    for (p = 0; p < m; p++)
        for (q = 0; q < m; q++)
            ws->against[q * m + p] = votes[p * m + q];
    ws->scale = 1.0;
}

/* update_risk with the replication's sums: danger_a adds, over the other
 * actors o in order, E_a(U_oa) with risk-neutral utilities. */
static void reference_risk(bdm_ws *ws)
{
    size_t n = ws->n, m = ws->m, a, o;
    double most = -HUGE_VAL, least = HUGE_VAL;
    double sq = ws->q * (2 - 4 * 0.5); /* U_sq with r = 1 */

    reference_tables(ws, 1);
    for (a = 0; a < n; a++) {
        double danger = 0, s = ws->salience[a];

        for (o = 0; o < n; o++) {
            double h, p, success, failure;

            if (o == a)
                continue;
            /* 0.5 |x_o - x_a| / range, as in reference_powers */
            h = 0.5 * ws->distance[ws->slot[o] * m + ws->slot[a]];
            p = ws->slot[o] == ws->slot[a]
                    ? 0.0
                    : ws->votes[ws->slot[o] * m + ws->slot[a]];
            success = 2 - 4 * (0.5 - h);
            failure = 2 - 4 * (0.5 + h);
            danger +=
                s * (p * success + (1 - p) * failure) + (1 - s) * success - sq;
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

/* ---- the fast arithmetic ---- */

/*
 * The win probabilities for the current exponents (all 1 when `neutral`).
 * With g[k][p] = (|x_k - value_p| / range)^r_k, actor k's vote for p over
 * q is v_k(p, q) = c_k s_k (g[k][q] - g[k][p]), positive exactly when x_k
 * is closer to p.  On a line the actors closer to p than to q > p are
 * those at the positions up to t = split[p][q] (those closer to q, from
 * u = split[q][p] on), so with
 *   G_s[j] = sum over the actors k at value_s of c_k s_k g[k][j]
 * and its prefix sums C_s[j] = G_0[j] + ... + G_s[j] (added up actor by
 * actor in order of position),
 *   votes[p][q] = sum_k max(0, v_k(p, q)) = C_t[q] - C_t[p],
 *   votes[q][p] = (C_last[p] - C_u-1[p]) - (C_last[q] - C_u-1[q]):
 * O(n m + m^2) instead of O(n m^2).  The all-triples normaliser
 * sum_k sum_a sum_b |v_k(a, b)| over actors a, b is 2 sum_p sum_q mult_p
 * mult_q votes[p][q]: each ordered pair of actors at different positions
 * counts |v| once as the positive vote of one of the two orders.  P(p, q)
 * is then votes[p][q] * scale, also kept transposed in against[q][p].
 */
PARLEY_I_VECTOR_CLONES
static void win_tables(bdm_ws *ws, int neutral)
{
    size_t n = ws->n, m = ws->m, i, p, q;
    double *votes = ws->votes, *against = ws->against, *sums = ws->sums;
    const double *all, *mult = ws->mult;
    const size_t *split = ws->split;
    int pair = ws->prob == PARLEY_BDM_PROB_PAIR;
    double total = 0;

    for (i = 0; i < n; i++) { /* C, adding the actors by position */
        size_t k = ws->order[i], s = ws->slot[k];
        const double *gk = vote_row(ws, k, neutral);
        double w = ws->weight[k], *row = sums + s * m;

        if (i > 0 && ws->slot[ws->order[i - 1]] == s) {
#pragma omp simd
            for (q = 0; q < m; q++)
                row[q] += w * gk[q];
        } else if (s > 0) { /* the first actor at s */
#pragma omp simd
            for (q = 0; q < m; q++)
                row[q] = row[q - m] + w * gk[q];
        } else {
#pragma omp simd
            for (q = 0; q < m; q++)
                row[q] = w * gk[q];
        }
    }
    all = sums + (m - 1) * m;
    for (p = 0; p < m; p++) {
        double row_total = 0;

        votes[p * m + p] = against[p * m + p] = 0;
        for (q = p + 1; q < m; q++) {
            const double *to_p = sums + split[p * m + q] * m;
            const double *before_q = sums + (split[q * m + p] - 1) * m;
            /* every actor's term is >= 0, and so are the rounded sums,
             * unless g's last bit disagrees with the order of distances */
            double for_p = to_p[q] - to_p[p];
            double for_q = (all[p] - before_q[p]) - (all[q] - before_q[q]);

            for_p = for_p > 0 ? for_p : 0.0;
            for_q = for_q > 0 ? for_q : 0.0;
            if (pair) { /* over |v| on the pair */
                double sum = for_p + for_q;

                for_p = sum > 0 ? for_p / sum : 0.5;
                for_q = sum > 0 ? for_q / sum : 0.5;
            } else {
                row_total += mult[q] * (for_p + for_q);
            }
            votes[p * m + q] = against[q * m + p] = for_p;
            votes[q * m + p] = against[p * m + q] = for_q;
        }
        total += mult[p] * row_total;
    }
    ws->scale = pair ? 1.0 : total > 0 ? 1 / (2 * total) : 0.0;
}

/*
 * Risk exponents: every actor's danger (what all others expect from
 * challenging it) with risk-neutral utilities, scaled against the most and
 * least endangered actor (Scholz et al. 2011, eqs. 9-10).  With r = 1,
 * U_s = 2 - 4 (0.5 - h) = 4h, U_f = -4h and U_sq = 0 for h = d/2, so the
 * challenge of a by o is worth
 *   s_a (P U_s + (1 - P) U_f) + (1 - s_a) U_s - U_sq
 *     = 2 d - 4 s_a d (1 - P(o, a)),
 * and danger_a = 2 A - 4 s_a B with A and B sums over the other actors o
 * of d(o, a) and d(o, a) (1 - P(o, a)): sums over the positions, weighted
 * by how many hold them (a's own position adds d = 0), the same for every
 * actor at a's position.
 */
PARLEY_I_VECTOR_CLONES
static void update_risk(bdm_ws *ws)
{
    size_t n = ws->n, m = ws->m, a, p, s;
    double most = -HUGE_VAL, least = HUGE_VAL, span, scale;
    double *near = ws->success, *lost = ws->bracket; /* A, B by position */

    if (ws->risk_kind == PARLEY_BDM_RISK_NEUTRAL) {
        for (a = 0; a < n; a++)
            ws->risk[a] = 1.0;
        return;
    }
    if (ws->reference) {
        reference_risk(ws);
        return;
    }
    win_tables(ws, 1);
    scale = ws->scale;
    for (s = 0; s < m; s++) { /* the challengers at each p, against s */
        const double *ds = ws->distance + s * m; /* d(p, s) = d(s, p) */
        double to_s = 0, lost_s = 0;

        for (p = 0; p < m; p++) {
            double term = ws->mult[p] * ds[p];

            to_s += term;
            lost_s += term * (1 - ws->votes[p * m + s] * scale);
        }
        near[s] = to_s;
        lost[s] = lost_s;
    }
    for (a = 0; a < n; a++) {
        size_t home = ws->slot[a];
        double danger = 2 * near[home] - 4 * ws->salience[a] * lost[home];

        ws->danger[a] = danger;
        if (danger > most)
            most = danger;
        if (danger < least)
            least = danger;
    }
    /* R = (2 danger - most - least) / (most - least) turns differences in
     * the last bits into exponents between 0.5 and 2 when the dangers are
     * all but equal */
    if (m > 1 && !(most - least > MARGIN * (fabs(most) + fabs(least))))
        ws->fragile = 1;
    if (!(most > least)) { /* nobody more endangered: R = 0 */
        for (a = 0; a < n; a++)
            ws->risk[a] = 1.0;
        return;
    }
    span = most - least;
#pragma omp simd
    for (a = 0; a < n; a++) {
        double big_r = (2 * ws->danger[a] - most - least) / span;

        ws->risk[a] = (1 - big_r / 3.0) / (1 + big_r / 3.0);
    }
}

/*
 * Every actor's powers for this round's exponents: for r = 1 the bases
 * themselves; otherwise x^r = e^(r ln x), the logarithms taken once per
 * pair of positions and the exponentials for all actors in one batch.
 * 0^r = 0 at the actor's own position for d; at d = 1, (0.5 - d/2)^r is
 * e^(r LOG_FLOOR), as good as 0 in U_s = 2 - 4 x.  0.5^r, the actor's
 * (0.5 - d/2)^r at home, gives the status quo.  The logarithms, packed
 * by pair in the powers block, are spread into full tables in the blocks
 * that win_tables fills afresh: ln d in votes, ln(0.5 - d/2) in sums,
 * ln(0.5 + d/2) in against.
 */
PARLEY_I_VECTOR_CLONES
static void make_powers(bdm_ws *ws)
{
    size_t n = ws->n, m = ws->m, k, p, q, c = 0;
    const double *distance = ws->distance;
    double *packed = ws->powers;
    double *log_d = ws->votes, *log_lose = ws->sums;
    double *log_win = ws->against;
    int any = 0;

    if (ws->reference) {
        reference_powers(ws);
        return;
    }
    for (k = 0; k < n; k++)
        if (ws->risk[k] != 1.0)
            any = 1;
    if (any) {
        const double *old = ws->log_cache[ws->cache_now];
        double *fresh = ws->log_cache[1 - ws->cache_now];
        size_t *was = ws->scratch, none = (size_t)-1, i = 0, f;

        for (p = 0; p < m; p++) { /* each position's index last time */
            while (i < ws->cached_m && ws->cached_value[i] < ws->value[p])
                i++;
            was[p] = i < ws->cached_m && ws->cached_value[i] == ws->value[p]
                         ? i
                         : none;
        }
        for (p = 0; p < m; p++) /* the bases of the pairs not cached */
            for (q = p + 1; q < m; q++) {
                double d = distance[p * m + q];

                if (was[p] != none && was[q] != none)
                    continue;
                packed[c++] = d;
                packed[c++] = d < 1 ? 0.5 - 0.5 * d : 1.0; /* ln 0: below */
                packed[c++] = 0.5 + 0.5 * d;
            }
        parley_i_log_array(packed, c);
        /* every pair's logarithms, cached or new: into the cache for the
         * next round and into the tables */
        for (p = 0, c = 0, f = 0; p < m; p++) {
            /* the old pairs (was[p], .) start at 3 first */
            size_t first = was[p] == none
                               ? 0
                               : pair_index(was[p], was[p] + 1, ws->cached_m);

            log_d[p * m + p] = 0; /* 0^r, set below */
            log_lose[p * m + p] = log_win[p * m + p] = ws->log_half;
            for (q = p + 1; q < m; q++, f += 3) {
                const double *from = packed + c;

                if (was[p] != none && was[q] != none)
                    from = old + 3 * (first + (was[q] - was[p] - 1));
                else
                    c += 3;
                fresh[f] = from[0];
                fresh[f + 1] = from[1];
                log_d[p * m + q] = log_d[q * m + p] =
                    from[0] > LOG_FLOOR ? from[0] : LOG_FLOOR;
                log_lose[p * m + q] = log_lose[q * m + p] =
                    distance[p * m + q] < 1 && from[1] > LOG_FLOOR ? from[1]
                                                                   : LOG_FLOOR;
                fresh[f + 2] = log_win[p * m + q] = log_win[q * m + p] =
                    from[2];
            }
        }
        memcpy(ws->cached_value, ws->value, m * sizeof *ws->value);
        ws->cached_m = m;
        ws->cache_now = 1 - ws->cache_now;
        for (k = 0; k < n; k++) {
            double r = ws->risk[k], *row = ws->powers + k * 3 * m;
            size_t home = ws->slot[k] * m;

#pragma omp simd
            for (p = 0; p < m; p++) {
                row[p] = r * log_d[home + p];
                row[m + p] = r * log_lose[home + p];
                row[2 * m + p] = r * log_win[home + p];
            }
        }
        parley_i_exp_array_normal(ws->powers, 3 * n * m); /* >= -700.1 */
    }
    for (k = 0; k < n; k++) {
        double *row = ws->powers + k * 3 * m;
        const double *dk = distance + ws->slot[k] * m;

        row[ws->slot[k]] = 0;
        if (ws->risk[k] != 1.0)
            continue;
        for (p = 0; p < m; p++) {
            row[p] = dk[p];
            row[m + p] = 0.5 - 0.5 * dk[p];
            row[2 * m + p] = 0.5 + 0.5 * dk[p];
        }
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
PARLEY_I_VECTOR_CLONES
static size_t make_offers(bdm_ws *ws, parley_offer *log)
{
    size_t n = ws->n, m = ws->m, i, j, count = 0;
    const size_t *slot = ws->slot;
    const double *x = ws->x, *salience = ws->salience, *exact = ws->exact;
    double *success = ws->success, *bracket = ws->bracket;
    double *eu_from = ws->eu_from;
    double margin_key = MARGIN * ws->range;
    int fast = !ws->reference, fragile = 0;

    make_powers(ws);
    if (fast)
        win_tables(ws, 0);
    else
        reference_tables(ws, 0);
    for (i = 0; i < n; i++) {
        double xi = x[i], si = salience[i], scale = ws->scale;
        const double *lose = ws->powers + i * 3 * m + m; /* (0.5 - h)^r */
        const double *win = lose + m;                    /* (0.5 + h)^r */
        size_t home = slot[i], p;
        double sq = ws->q * (2 - 4 * lose[home]); /* 0.5^r at home */
        /* the votes for i's position against each, and for each against
         * i's: times scale, P(i, j) and P(j, i) */
        const double *beats = ws->votes + home * m;
        const double *beaten = ws->against + home * m;
        parley_offer best;
        double best_key = HUGE_VAL;

        ws->x_new[i] = xi;
        ws->exact_new[i] = exact[i];
        if (m < 2)
            continue;
            /* Scholz et al. (2011): from i's view, the expected utility of
             * i's challenge of j, minus the status quo, is
             *   E_i(U_ij) = s_j (P(i,j) U_s + (1 - P(i,j)) U_f) + (1 - s_j) U_s
             *               - U_sq,
             * and E_i(U_ji) the same with s_i and P(j,i).  What depends on j
             * only through its position: U_s, the bracket, all of E_i(U_ji). */
#pragma omp simd
        for (p = 0; p < m; p++) {
            double u_s = 2 - 4 * lose[p]; /* U_s = 2 - 4 (0.5 - h)^r */
            double u_f = 2 - 4 * win[p];  /* U_f = 2 - 4 (0.5 + h)^r */
            double p_ij = beats[p] * scale, p_ji = beaten[p] * scale;

            success[p] = u_s;
            bracket[p] = p_ij * u_s + (1 - p_ij) * u_f;
            eu_from[p] =
                si * (p_ji * u_s + (1 - p_ji) * u_f) + (1 - si) * u_s - sq;
        }
        best.kind = PARLEY_OFFER_NONE;
        best.from = 0;
        for (j = 0; j < n; j++) {
            size_t pj = slot[j];
            double eu_ij, eu_ji = eu_from[pj], target, key;
            parley_offer_kind kind;

            if (pj == home)
                continue;
            if (fast && !(fabs(eu_ji) > MARGIN_EU))
                fragile = 1;  /* decides the next line */
            if (!(eu_ji > 0)) /* no offer then (classify) */
                continue;
            eu_ij = salience[j] * bracket[pj] +
                    (1 - salience[j]) * success[pj] - sq;
            if (fast &&
                !(fabs(eu_ij) > MARGIN_EU && fabs(eu_ji - eu_ij) > MARGIN_EU &&
                  fabs(eu_ji - fabs(eu_ij)) > MARGIN_EU))
                fragile = 1; /* classify compares these with 0 */
            kind = classify(ws, eu_ij, eu_ji);
            if (kind == PARLEY_OFFER_NONE ||
                (best.kind != PARLEY_OFFER_NONE && kind > best.kind))
                continue; /* a better kind is already on the table */
            if (kind == PARLEY_OFFER_COMPROMISE)
                target = xi + (x[j] - xi) * fabs(eu_ij / eu_ji);
            else
                target = x[j];
            if (kind == PARLEY_OFFER_COMPROMISE &&
                ws->offer_kind == PARLEY_BDM_OFFER_BEST)
                /* Scholz's code ranks compromises by this EU-weighted
                 * position, lowest first, not by distance */
                key = (fabs(eu_ij) * xi + fabs(eu_ji) * x[j]) /
                      (fabs(eu_ij) + fabs(eu_ji));
            else
                key = fabs(xi - target);
            /* |x_i - x_j| is the same in both arithmetics for two j at
             * one position, or when the positions are; a compromise's key
             * is not */
            if (fast && best.kind == kind &&
                !(fabs(key - best_key) > margin_key) &&
                (kind == PARLEY_OFFER_COMPROMISE ||
                 !(slot[best.from] == pj ||
                   (exact[i] > 0 && exact[j] > 0 && exact[best.from] > 0))))
                fragile = 1;
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
            ws->exact_new[i] =
                best.kind == PARLEY_OFFER_COMPROMISE ? 0.0 : exact[best.from];
            if (log)
                log[count] = best;
            count++;
        }
    }
    if (fragile)
        ws->fragile = 1;
    return count;
}

/* One round: offers, moves, the new groups and median (in the fast
 * arithmetic only after the last round, and checked, see bdm_step). */
static double one_round(bdm_ws *ws, parley_offer *log, size_t *count,
                        int *close)
{
    size_t n = ws->n, i;
    double move = 0;
    int last;

    update_risk(ws);
    *count = make_offers(ws, log);
    for (i = 0; i < n; i++) {
        double d = fabs(ws->x_new[i] - ws->x[i]);

        if (d > move)
            move = d;
        ws->x[i] = ws->x_new[i];
        ws->exact[i] = ws->exact_new[i];
    }
    group_positions(ws); /* for the median and the next round */
    last = ws->rounds + 1 >= ws->rounds_cap || move <= ws->tolerance;
    /* an untraced run reports the last median only */
    if (ws->reference || last)
        ws->median = bdm_median(ws, ws->reference ? NULL : close);
    return move;
}

/*
 * A round, in the fast arithmetic unless traced or replayed.  When a
 * decision of the fast round was too close to call (MARGIN), the issue is
 * replayed from its starting positions with the reference arithmetic,
 * which then decides this round and the rest.  Close decisions: those in
 * the offers and the risk exponents (ws->fragile), two positions all but
 * equal (they would be grouped in one arithmetic and not the other), a
 * move all but the tolerance, and, on the last round, the median.
 */
static double bdm_step(void *workspace, parley_round *round)
{
    bdm_ws *ws = workspace;
    size_t n = ws->n, i, count;
    double move;
    int close = 0;

    if (round && ws->rounds == 0)
        ws->reference = 1; /* a trace shows the reference's numbers */
    ws->fragile = 0;
    move = one_round(ws, round ? round->offers : NULL, &count, &close);
    ws->rounds++;
    if (!ws->reference) {
        double gap = MARGIN * ws->range, *settled = ws->danger; /* scratch */
        int all_exact = 1;

        /* a position holds the reference's bits if its actors' do; one
         * actor's compromise landing on another's position is a
         * coincidence the reference need not repeat */
        for (i = 0; i < ws->m; i++)
            settled[i] = -1;
        for (i = 0; i < n; i++) {
            double *s = settled + ws->slot[i];

            if (*s >= 0 && *s != ws->exact[i])
                ws->fragile = 1;
            *s = ws->exact[i];
            all_exact = all_exact && ws->exact[i] > 0;
        }
        for (i = 1; i < ws->m; i++)
            if (!(ws->value[i] - ws->value[i - 1] > gap) &&
                !(settled[i] > 0 && settled[i - 1] > 0))
                ws->fragile = 1;
        /* at d all but 1, (0.5 - d/2)^r turns its last bits into far more
         * for r < 1 */
        for (i = 0; i < ws->m; i++)
            if (!(settled[i] > 0) && !(ws->value[i] - ws->ends[0] > gap &&
                                       ws->ends[1] - ws->value[i] > gap))
                ws->fragile = 1;
        if (!all_exact && (!(fabs(move - ws->tolerance) > gap) || close))
            ws->fragile = 1;
        if (ws->fragile) { /* replay every round so far */
            size_t rounds = ws->rounds;

            ws->reference = 1;
            for (i = 0; i < n; i++) {
                ws->x[i] = ws->x0[i];
                ws->risk[i] = 1.0;
                ws->exact[i] = 1;
            }
            group_positions(ws);
            for (i = 0; i < rounds; i++)
                move = one_round(ws, NULL, &count, &close);
        }
    }
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
