/*
 * progress.c -- a progress bar on standard error for long runs (simulate,
 * sensitivity).  The library reports progress through a callback; only the
 * program draws, and only when standard error is a terminal.
 */
#include "cli.h"

#include <stdio.h>
#include <unistd.h>

#define BAR_WIDTH 30

void cli_progress_init(cli_progress *p, const char *command, int enabled)
{
    p->command = command;
    p->enabled = enabled && isatty(fileno(stderr));
    p->shown = -1;
    p->drawn = 0;
}

/* A parley_progress_fn: redraws when the percentage changes. */
void cli_progress_update(void *user, size_t done, size_t total)
{
    cli_progress *p = user;
    int percent, filled, i;

    if (!p->enabled || total == 0)
        return;
    percent = (int)(100.0 * (double)done / (double)total);
    if (percent == p->shown)
        return;
    p->shown = percent;
    filled = percent * BAR_WIDTH / 100;
    fprintf(stderr, "\rparley %s [", p->command);
    for (i = 0; i < BAR_WIDTH; i++)
        fputc(i < filled ? '#' : '.', stderr);
    fprintf(stderr, "] %3d%% (%zu/%zu)", percent, done, total);
    fflush(stderr);
    p->drawn = 1;
}

/* Clears the bar so that messages and the prompt start on a clean line. */
void cli_progress_done(cli_progress *p)
{
    if (p->enabled && p->drawn) {
        fprintf(stderr, "\r%*s\r", 80, "");
        fflush(stderr);
    }
    p->drawn = 0;
}
