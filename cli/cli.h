/*
 * cli.h -- shared pieces of the parley command-line program, a thin client
 * of include/parley.h: argument parsing, buffered output, diagnostics.
 */
#ifndef PARLEY_CLI_H
#define PARLEY_CLI_H

#include "parley.h"

#include <stddef.h>
#include <stdint.h>

typedef struct cli_help_page {
    const char *name;
    const char *text;
} cli_help_page;

/* Generated from the pages in docs/cli at build time. */
extern const cli_help_page cli_help_pages[];

/* Prints the help page `name` to stdout; returns 0, or 2 if unknown. */
int cli_print_help(const char *name);

/* Options every command understands. */
typedef struct cli_common {
    parley_load_options load;
    parley_limits limits;
    int json;
} cli_common;

/* Argument cursor: `--name value` and `--name=value` forms. */
typedef struct cli_args {
    int argc;
    char **argv;
    int i;
    const char *command;
    const char **files;   /* positional arguments */
    size_t n_files;
} cli_args;

/* 1 if argv[i] is the flag `name` (no value). */
int cli_flag(cli_args *args, const char *name);
/* 1 if argv[i] is option `name` with a value (stored in *value). Reports a
 * missing value and sets *error. */
int cli_value(cli_args *args, const char *name, const char **value,
              int *error);

/* Parses the common options at args->i; returns 1 if consumed, 0 if not,
 * -1 on error (message printed). */
int cli_common_option(cli_args *args, cli_common *common);
void cli_common_init(cli_common *common);

int cli_parse_size(const char *command, const char *option, const char *text,
                   size_t *out);
int cli_parse_double(const char *command, const char *option,
                     const char *text, double *out);

/* Reports an unknown option or missing file and returns PARLEY_EINVAL. */
int cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints every diagnostic of ctx to stderr (or the errmsg if none). */
void cli_print_diagnostics(const parley_ctx *ctx);

/* Buffered stdout: output is kept until the command succeeds, so a failed
 * command writes nothing to stdout. */
typedef struct cli_out {
    char *data;
    size_t len, cap;
    int failed;
} cli_out;

void cli_out_init(cli_out *out);
parley_sink cli_out_sink(cli_out *out);
int cli_out_printf(cli_out *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Writes the buffer to stdout; returns 0 or PARLEY_EIO. */
int cli_out_flush(cli_out *out);
void cli_out_free(cli_out *out);

/* Commands. */
int cmd_validate(int argc, char **argv);
int cmd_forecast(int argc, char **argv);
int cmd_backtest(int argc, char **argv);
int cmd_bargain(int argc, char **argv);
int cmd_evaluate(int argc, char **argv);
int cmd_impact(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_sensitivity(int argc, char **argv);
int cmd_ripeness(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Negotiation options shared by ripeness and simulate (cmd_ripeness.c);
 * return 1/0/-1 like cli_common_option. */
int cli_negotiation_option(cli_args *args, parley_negotiation_options *o);
int cli_protocol_option(cli_args *args, parley_negotiation_options *o);

/* A progress bar on stderr when it is a terminal (progress.c);
 * cli_progress_update is a parley_progress_fn whose user is the bar. */
typedef struct cli_progress {
    const char *command;
    int enabled, shown, drawn;
} cli_progress;

void cli_progress_init(cli_progress *p, const char *command, int enabled);
void cli_progress_update(void *user, size_t done, size_t total);
void cli_progress_done(cli_progress *p);

/* Points the cursor at argv[1] for `parley command ...`. */
void cli_args_init(cli_args *args, int argc, char **argv,
                   const char *command);
/* --name VALUE with VALUE among names[0..n) (its index in *out), --name N
 * (a count) and --name X (a number); return 1/0/-1 like
 * cli_common_option. */
int cli_keyword_option(cli_args *args, const char *name,
                       const char *const *names, size_t n, int *out);
int cli_size_option(cli_args *args, const char *name, size_t *out);
/* --draws, --seed, --months, --threads of a Monte Carlo run (NULL: not
 * taken); 1/0/-1. */
int cli_run_option(cli_args *args, size_t *draws, uint64_t *seed,
                   int *months, int *threads);
int cli_double_option(cli_args *args, const char *name, double *out);
/* The outcome-space options bargain and evaluate share (parties, shape,
 * weights, reservation, ratification, --party-constraints, --max-nodes,
 * --max-composite, --tie-tolerance); 1/0/-1 like cli_common_option. */
int cli_space_option(cli_args *args, parley_bargain_options *o);
/* Options shared by forecast and backtest (cmd_forecast.c); 1/0/-1. */
int cli_forecast_option(cli_args *args, parley_forecast_options *fo);
/* Takes argv[i] as one of at most max files, reporting an unknown option
 * or a file too many; returns 0 or PARLEY_EINVAL. */
int cli_take_file(cli_args *args, const char **files, size_t *n, size_t max,
                  const char *what);
/* A context with the common limits, or NULL after reporting no memory. */
parley_ctx *cli_ctx_new(const char *command, const cli_common *common);
/* Loads one scenario, or a GENIUS domain and its profiles. */
int cli_load(parley_ctx *ctx, const cli_common *common,
             const char *const *files, size_t n_files, parley_scenario **s);
/* Flushes the output on success, else prints the diagnostics; frees the
 * buffer and returns the command's status. */
int cli_out_finish(cli_out *out, const parley_ctx *ctx, int status);
/* A command's own option parser: 1/0/-1 like cli_common_option; options
 * is what cli_parse was given as user. */
typedef int (*cli_option_fn)(cli_args *args, void *options);
/* What cli_parse returns when the command goes on. */
#define CLI_CONTINUE (-1)
/* Reads the arguments: --help, common options, the command's own and at
 * most max files; CLI_CONTINUE, or the status to exit with. */
int cli_parse(cli_args *args, cli_common *common, cli_option_fn option,
              void *user, const char **files, size_t *n_files, size_t max,
              const char *what);
/* Inside an option parser with locals `int rc, pick` and the options at
 * `o`: parses --flag among names[] into o->field (cast to type) and returns
 * from the parser when argv[i] was that option. */
#define CLI_KEYWORD(flag, names, field, type)                                  \
    rc = cli_keyword_option(args, flag, names, sizeof names / sizeof *names,   \
                            &pick);                                            \
    if (rc) {                                                                  \
        if (rc > 0)                                                            \
            o->field = (type)pick;                                             \
        return rc;                                                             \
    }

/* A non-negative 64-bit integer / an integer from 0 to max; on error a
 * usage message naming command and option, and -1. */
int cli_parse_u64(const char *command, const char *option, const char *text,
                  uint64_t *out);
int cli_parse_int(const char *command, const char *option, const char *text,
                  int max, int *out);

#endif
