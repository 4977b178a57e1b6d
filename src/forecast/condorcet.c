/*
 * condorcet.c -- the pairwise Condorcet winner among the actors' positions:
 * the position p that no other position q beats when every actor k votes
 * for p over q with weight c_k s_k (|x_k - q| - |x_k - p|), the
 * risk-neutral vote of Bueno de Mesquita's model (1994; Scholz, Calbert &
 * Smith 2011 use it for the model's median).  On one dimension it is the
 * actor position that minimises the weighted distance sum: a weighted
 * median (Black 1948).  It differs from the "median" model only where the
 * cumulative weight is exactly half at a position (ties): there the
 * tournament keeps the earlier candidate in actor order.
 *
 * Condorcet, M. J. A. N. de Caritat, marquis de (1785).  Essai sur
 * l'application de l'analyse a la probabilite des decisions rendues a la
 * pluralite des voix.  Paris: Imprimerie royale.
 * Black, D. (1948).  On the rationale of group decision-making.  Journal of
 * Political Economy 56(1), 23-34.
 */
#include "forecast/model.h"

#include <math.h>

typedef struct condorcet_ws {
    size_t n;
    double winner;
} condorcet_ws;

static size_t condorcet_size(size_t n, const parley_forecast_options *o)
{
    (void)o;
    if (n > ((size_t)-1 - 256) / (sizeof(double) + sizeof(size_t)))
        return 0;
    return parley_i_align(sizeof(condorcet_ws)) +
           parley_i_align(n * sizeof(double)) +
           parley_i_align(n * sizeof(size_t));
}

static parley_status condorcet_setup(void *workspace, parley_ctx *ctx,
                                     const parley_issue_data *issue,
                                     const parley_forecast_options *o)
{
    condorcet_ws *ws = workspace;
    char *p = (char *)workspace + parley_i_align(sizeof *ws);
    double *weight = (double *)(void *)p;
    size_t *distinct, i;

    (void)ctx;
    (void)o;
    p += parley_i_align(issue->n * sizeof(double));
    distinct = (size_t *)(void *)p;
    ws->n = issue->n;
    for (i = 0; i < issue->n; i++)
        weight[i] = issue->capability[i] * issue->salience[i];
    ws->winner = parley_i_condorcet_winner(issue->n, weight, issue->position,
                                           1.0, distinct);
    return PARLEY_OK;
}

static void condorcet_summarise(const void *workspace,
                                parley_i_summary *summary)
{
    const condorcet_ws *ws = workspace;

    summary->forecast = ws->winner;
    summary->median0 = ws->winner;
    summary->mean0 = (double)NAN;
}

const parley_model_type parley_i_model_condorcet = {
    "condorcet",
    "pairwise capability x salience weighted Condorcet winner among "
    "positions",
    condorcet_size,
    condorcet_setup,
    NULL,
    condorcet_summarise,
};
