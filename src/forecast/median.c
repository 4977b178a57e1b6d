/*
 * median.c -- the weighted median model, and the median helpers the other
 * models share (weighted mean, weighted median, pairwise Condorcet winner).
 *
 * Weighted median: sort the actors by position and walk up the scale; the
 * forecast is the position of the first actor at which the cumulative
 * capability x salience weight reaches half the total.  With single-peaked,
 * symmetric preferences on one dimension this position beats every other in
 * a c*s-weighted pairwise vote (Black 1948, the median voter theorem).
 *
 * Black, D. (1948).  On the rationale of group decision-making.  Journal of
 * Political Economy 56(1), 23-34.
 */
#include "forecast/model.h"

#include <math.h>

/* Stable merge sort of indices by key: bottom-up, ping-ponging between
 * order and scratch, so it needs no allocation and runs in O(n log n). */
void parley_i_sort_indices(size_t n, const double *key, size_t *order,
                           size_t *scratch)
{
    size_t *from = order, *to = scratch, width, i;

    for (i = 0; i < n; i++)
        order[i] = i;
    for (width = 1; width < n; width *= 2) {
        size_t lo;

        for (lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t a = lo, b = mid, out = lo;

            while (a < mid && b < hi) /* ties: left run first (stable) */
                to[out++] = key[from[b]] < key[from[a]] ? from[b++] : from[a++];
            while (a < mid)
                to[out++] = from[a++];
            while (b < hi)
                to[out++] = from[b++];
        }
        {
            size_t *t = from;

            from = to;
            to = t;
        }
    }
    if (from != order)
        for (i = 0; i < n; i++)
            order[i] = from[i];
}

/* Achen (2006): sum c s x / sum c s, summed in actor order. */
double parley_i_weighted_mean(size_t n, const double *weight,
                              const double *position)
{
    double top = 0, bottom = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        top += weight[i] * position[i];
        bottom += weight[i];
    }
    return top / bottom;
}

/* The first position, ascending, where the cumulative weight reaches half
 * the total.  Comparing 2 * cumulative with the total avoids rounding the
 * half. */
double parley_i_weighted_median(size_t n, const double *weight,
                                const double *position, size_t *order,
                                size_t *scratch)
{
    double total = 0, cumulative = 0;
    size_t i;

    for (i = 0; i < n; i++)
        total += weight[i];
    parley_i_sort_indices(n, position, order, scratch);
    for (i = 0; i < n; i++) {
        cumulative += weight[order[i]];
        if (2 * cumulative >= total)
            return position[order[i]];
    }
    return position[order[n - 1]]; /* only if total is NaN */
}

/* Bueno de Mesquita (1994) / Scholz et al. (2011): the sum over actors of
 * c*s*(U_k(p) - U_k(q)) with risk-neutral utilities U_k(x) = -|x_k - x| /
 * range; positive means the actors, weighted, prefer p to q. */
static double votes_for(size_t n, const double *weight, const double *position,
                        double range, double p, double q)
{
    double sum = 0;
    size_t k;

    for (k = 0; k < n; k++)
        sum += weight[k] *
               (fabs(position[k] - q) / range - fabs(position[k] - p) / range);
    return sum;
}

/* A sequential pairwise tournament over the distinct positions: in one
 * dimension the vote is a total preorder (by weighted distance), so the
 * incumbent left at the end is a Condorcet winner.  O(n m) for m distinct
 * positions. */
double parley_i_condorcet_winner(size_t n, const double *weight,
                                 const double *position, double range,
                                 size_t *distinct)
{
    size_t m = 0, i, j;
    double winner;

    for (i = 0; i < n; i++) {
        for (j = 0; j < m; j++)
            if (position[distinct[j]] == position[i])
                break;
        if (j == m)
            distinct[m++] = i;
    }
    winner = position[distinct[0]];
    for (j = 1; j < m; j++) {
        double challenger = position[distinct[j]];

        if (votes_for(n, weight, position, range, challenger, winner) > 0)
            winner = challenger;
    }
    return winner;
}

/* ---- the "median" model ---- */

typedef struct median_ws {
    size_t n;
    double median;
    double *weight, *position;
    size_t *order, *scratch;
} median_ws;

static size_t median_size(size_t n, const parley_forecast_options *o)
{
    (void)o;
    if (n > ((size_t)-1 - 256) / (2 * sizeof(double) + 2 * sizeof(size_t)))
        return 0;
    return parley_i_align(sizeof(median_ws)) +
           parley_i_align(n * sizeof(double)) * 2 +
           parley_i_align(n * sizeof(size_t)) * 2;
}

static parley_status median_setup(void *workspace, parley_ctx *ctx,
                                  const parley_issue_data *issue,
                                  const parley_forecast_options *o)
{
    median_ws *ws = workspace;
    char *p = (char *)workspace + parley_i_align(sizeof *ws);
    size_t n = issue->n, i;

    (void)ctx;
    (void)o;
    ws->n = n;
    ws->weight = (double *)(void *)p;
    p += parley_i_align(n * sizeof(double));
    ws->position = (double *)(void *)p;
    p += parley_i_align(n * sizeof(double));
    ws->order = (size_t *)(void *)p;
    p += parley_i_align(n * sizeof(size_t));
    ws->scratch = (size_t *)(void *)p;
    for (i = 0; i < n; i++) {
        ws->weight[i] = issue->capability[i] * issue->salience[i];
        ws->position[i] = issue->position[i];
    }
    ws->median = parley_i_weighted_median(n, ws->weight, ws->position,
                                          ws->order, ws->scratch);
    return PARLEY_OK;
}

static void median_summarise(const void *workspace, parley_i_summary *summary)
{
    const median_ws *ws = workspace;

    summary->forecast = ws->median;
    summary->median0 = ws->median;
    summary->mean0 = (double)NAN;
}

const parley_model_type parley_i_model_median = {
    "median",
    "capability x salience weighted median of positions (Black 1948)",
    median_size,
    median_setup,
    NULL,
    median_summarise,
};
