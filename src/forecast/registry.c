/*
 * registry.c -- the one table of forecasting models.  Adding a model means
 * one new file ending in a `const parley_model_type` and one line here.
 */
#include "forecast/model.h"

#include <string.h>

const parley_model_type *const parley_i_models[] = {
    &parley_i_model_compromise,
    &parley_i_model_median,
    &parley_i_model_condorcet,
    &parley_i_model_bdm,
};

const size_t parley_i_n_models =
    sizeof parley_i_models / sizeof *parley_i_models;

const parley_model_type *parley_i_model_find(const char *name)
{
    size_t i;

    if (!name)
        return NULL;
    for (i = 0; i < parley_i_n_models; i++)
        if (strcmp(parley_i_models[i]->name, name) == 0)
            return parley_i_models[i];
    return NULL;
}

size_t parley_model_count(void)
{
    return parley_i_n_models;
}

const char *parley_model_name(size_t i)
{
    return i < parley_i_n_models ? parley_i_models[i]->name : NULL;
}

const char *parley_model_summary(size_t i)
{
    return i < parley_i_n_models ? parley_i_models[i]->summary : NULL;
}
