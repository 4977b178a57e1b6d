/*
 * main.c -- the parley program: one verb per job, each a thin client of
 * libparley.  The exit status is the library status.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
    {"validate", cmd_validate},
    {"forecast", cmd_forecast},
    {"backtest", cmd_backtest},
    {"bargain", cmd_bargain},
    {"evaluate", cmd_evaluate},
    {"impact", cmd_impact},
    {"simulate", cmd_simulate},
    {"sensitivity", cmd_sensitivity},
    {"ripeness", cmd_ripeness},
    {"report", cmd_report},
};

int main(int argc, char **argv)
{
    size_t i;

    if (argc < 2) {
        cli_print_help("parley");
        return PARLEY_EINVAL;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        if (argc > 2)
            return cli_print_help(argv[2]);
        return cli_print_help("parley");
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("parley %s\n", parley_version());
        return 0;
    }
    for (i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "parley: unknown command '%s'", argv[1]);
    {
        size_t best = (size_t)-1;

        for (i = 0; i < sizeof commands / sizeof *commands; i++)
            if (strncmp(argv[1], commands[i].name, 3) == 0)
                best = i;
        if (best != (size_t)-1)
            fprintf(stderr, ", did you mean '%s'?", commands[best].name);
    }
    fprintf(stderr, "\nexpected one of: validate, forecast, backtest, "
                    "bargain, evaluate, impact, simulate, sensitivity, "
                    "ripeness, report (see parley --help)\n");
    return PARLEY_EINVAL;
}
