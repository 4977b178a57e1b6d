/*
 * common.c -- see common.h.
 */
#include "report/common.h"

/*
 * Option ids for the bargaining and evaluation reports, which print
 * packages as issue=option pairs; "?" stands for an index out of range.
 */
const char *parley_i_option_id(const parley_scenario *s, size_t k, size_t o)
{
    if (k < s->n_issues && o < s->issues[k].n_options &&
        s->issues[k].options[o].id)
        return s->issues[k].options[o].id;
    return "?";
}

/*
 * Package counts reach 10^20 and more; below 10^9 they are written in full,
 * above in three significant digits.
 */
void parley_i_write_count(parley_writer *w, long double n)
{
    if (n < 1e9L)
        parley_i_writef(w, "%.0Lf", n);
    else
        parley_i_writef(w, "%.3Lg", n);
}
