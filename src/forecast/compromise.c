/*
 * compromise.c -- the compromise model: the capability x salience weighted
 * mean of the actors' positions,
 *
 *     x* = sum_i c_i s_i x_i / sum_i c_i s_i.
 *
 * Achen (2006) showed that this "compromise model" forecasts EU legislative
 * outcomes (the DEU data) as well as or better than the bargaining models;
 * Bueno de Mesquita (2011) reports the same.  It is the model to beat.
 *
 * Achen, C. H. (2006).  Evaluating political decision-making models.  In
 * R. Thomson, F. N. Stokman, C. H. Achen & T. Koenig (eds.), The European
 * Union Decides, 264-298.  Cambridge University Press.
 */
#include "forecast/model.h"

#include <math.h>

typedef struct compromise_ws {
    size_t n;
    double mean;
} compromise_ws;

static size_t compromise_size(size_t n, const parley_forecast_options *o)
{
    (void)n;
    (void)o;
    return sizeof(compromise_ws);
}

/* One pass: the weighted mean needs nothing but the sums. */
static parley_status compromise_setup(void *workspace, parley_ctx *ctx,
                                      const parley_issue_data *issue,
                                      const parley_forecast_options *o)
{
    compromise_ws *ws = workspace;
    double top = 0, bottom = 0;
    size_t i;

    (void)ctx;
    (void)o;
    ws->n = issue->n;
    for (i = 0; i < issue->n; i++) {
        double w = issue->capability[i] * issue->salience[i];

        top += w * issue->position[i];
        bottom += w;
    }
    ws->mean = top / bottom; /* bottom > 0: checked by the framework */
    return PARLEY_OK;
}

static void compromise_summarise(const void *workspace,
                                 parley_i_summary *summary)
{
    const compromise_ws *ws = workspace;

    summary->forecast = ws->mean;
    summary->mean0 = ws->mean;
    summary->median0 = (double)NAN;
}

const parley_model_type parley_i_model_compromise = {
    "compromise",
    "capability x salience weighted mean of positions (Achen 2006)",
    compromise_size,
    compromise_setup,
    NULL,
    compromise_summarise,
};
