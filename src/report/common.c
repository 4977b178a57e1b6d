/*
 * common.c -- see common.h.
 */
#include "report/common.h"

#include <stdio.h>
#include <string.h>

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

/* "2026-07" for month t after start_year-start_month, or "m7" when the
 * start is unknown (start_year 0); see parley.h. */
void parley_month_label(int start_year, int start_month, int t, char *buf,
                          size_t cap)
{
    if (start_year > 0) {
        int m = start_year * 12 + start_month - 1 + t;

        snprintf(buf, cap, "%04d-%02d", m / 12, m % 12 + 1);
    } else {
        snprintf(buf, cap, "m%d", t);
    }
}

void parley_i_write_padded(parley_writer *w, const char *text, size_t width)
{
    size_t cols = 0, i;

    if (!text)
        text = "";
    for (i = 0; text[i]; i++)
        cols += ((unsigned char)text[i] & 0xC0) != 0x80;
    parley_i_write_clipped(w, text, width);
    for (i = cols < width ? cols : width; i < width; i++)
        parley_i_write(w, " ", 1);
}
