/* bnb.c -- branch and bound (work in progress). */
#include "bargain/solve.h"

parley_status parley_i_bnb(parley_ctx *ctx, const parley_i_view *v,
                           const size_t *subset, size_t n_subset,
                           size_t max_nodes, parley_i_tally *out,
                           parley_i_bnb_counts *counts)
{
    (void)v; (void)subset; (void)n_subset; (void)max_nodes; (void)out;
    (void)counts;
    return parley_i_error(ctx, PARLEY_EUNSUPPORTED, NULL, 0, 0,
                          "branch and bound is not available yet");
}
