/*
 * common.c -- argument parsing, help pages, diagnostics and buffered output
 * shared by the commands.
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_print_help(const char *name)
{
    size_t i;

    for (i = 0; cli_help_pages[i].name; i++)
        if (strcmp(cli_help_pages[i].name, name) == 0) {
            fputs(cli_help_pages[i].text, stdout);
            return 0;
        }
    fprintf(stderr, "parley: no help for '%s'\n", name);
    return PARLEY_EINVAL;
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list args;

    fprintf(stderr, "parley %s: ", command);
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fprintf(stderr, " (see parley %s --help)\n", command);
    return PARLEY_EINVAL;
}

int cli_flag(cli_args *args, const char *name)
{
    return strcmp(args->argv[args->i], name) == 0;
}

int cli_value(cli_args *args, const char *name, const char **value,
              int *error)
{
    const char *arg = args->argv[args->i];
    size_t n = strlen(name);

    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    if (arg[n] != '\0')
        return 0;
    if (args->i + 1 >= args->argc) {
        cli_usage_error(args->command, "option %s needs a value", name);
        *error = 1;
        return 1;
    }
    args->i++;
    *value = args->argv[args->i];
    return 1;
}

int cli_parse_size(const char *command, const char *option, const char *text,
                   size_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    if (!text[0] || text[0] == '-')
        goto bad;
    v = strtoull(text, &end, 10);
    if (*end != '\0' || errno == ERANGE || v > (unsigned long long)SIZE_MAX)
        goto bad;
    *out = (size_t)v;
    return 0;
bad:
    cli_usage_error(command, "%s '%s' is not a non-negative integer", option,
                    text);
    return -1;
}

int cli_parse_double(const char *command, const char *option,
                     const char *text, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(text, &end);
    if (!text[0] || *end != '\0' || errno == ERANGE || !isfinite(v)) {
        cli_usage_error(command, "%s '%s' is not a number", option, text);
        return -1;
    }
    *out = v;
    return 0;
}

void cli_common_init(cli_common *common)
{
    parley_load_options_set_default(&common->load);
    parley_limits_set_default(&common->limits);
    common->json = 0;
}

int cli_common_option(cli_args *args, cli_common *common)
{
    const char *v = NULL;
    int error = 0;
    size_t *limit = NULL;
    const char *name = NULL;

    if (cli_flag(args, "--json")) {
        common->json = 1;
        return 1;
    }
    if (cli_flag(args, "--genius-raw")) {
        common->load.genius_raw = 1;
        return 1;
    }
    if (cli_value(args, "--format", &v, &error)) {
        if (error)
            return -1;
        if (parley_format_from_name(v, &common->load.format) != PARLEY_OK) {
            cli_usage_error(args->command,
                            "unknown format '%s', expected yaml, bdm, ktab, "
                            "decide, deu or genius",
                            v);
            return -1;
        }
        return 1;
    }
    if (cli_value(args, "--max-input-bytes", &v, &error))
        limit = &common->limits.max_input_bytes, name = "--max-input-bytes";
    else if (cli_value(args, "--max-actors", &v, &error))
        limit = &common->limits.max_actors, name = "--max-actors";
    else if (cli_value(args, "--max-issues", &v, &error))
        limit = &common->limits.max_issues, name = "--max-issues";
    else if (cli_value(args, "--max-options", &v, &error))
        limit = &common->limits.max_options, name = "--max-options";
    else if (cli_value(args, "--max-stances", &v, &error))
        limit = &common->limits.max_stances, name = "--max-stances";
    else if (cli_value(args, "--max-errors", &v, &error))
        limit = &common->limits.max_diagnostics, name = "--max-errors";
    if (!limit)
        return 0;
    if (error || cli_parse_size(args->command, name, v, limit) != 0)
        return -1;
    return 1;
}

void cli_print_diagnostics(const parley_ctx *ctx)
{
    size_t i, n = parley_ctx_ndiag(ctx);

    for (i = 0; i < n; i++) {
        const parley_diag *d = parley_ctx_diag(ctx, i);

        if (d->file && d->line)
            fprintf(stderr, "%s:%u:%u: %s\n", d->file, d->line, d->col,
                    d->message);
        else if (d->file)
            fprintf(stderr, "%s: %s\n", d->file, d->message);
        else
            fprintf(stderr, "parley: %s\n", d->message);
    }
    if (n == 0 && parley_ctx_errmsg(ctx)[0])
        fprintf(stderr, "%s\n", parley_ctx_errmsg(ctx));
    if (parley_ctx_ndiag_dropped(ctx))
        fprintf(stderr, "... and %zu more errors (raise --max-errors)\n",
                parley_ctx_ndiag_dropped(ctx));
}

void cli_out_init(cli_out *out)
{
    out->data = NULL;
    out->len = out->cap = 0;
    out->failed = 0;
}

static int out_append(cli_out *out, const char *bytes, size_t len)
{
    if (out->failed)
        return -1;
    if (out->len + len + 1 > out->cap) {
        size_t cap = out->cap ? out->cap : 4096;
        char *grown;

        while (cap < out->len + len + 1)
            cap *= 2;
        grown = realloc(out->data, cap);
        if (!grown) {
            out->failed = 1;
            return -1;
        }
        out->data = grown;
        out->cap = cap;
    }
    memcpy(out->data + out->len, bytes, len);
    out->len += len;
    out->data[out->len] = '\0';
    return 0;
}

static int sink_write(void *user, const char *bytes, size_t len)
{
    return out_append(user, bytes, len);
}

parley_sink cli_out_sink(cli_out *out)
{
    parley_sink sink;

    sink.write = sink_write;
    sink.user = out;
    return sink;
}

int cli_out_printf(cli_out *out, const char *fmt, ...)
{
    char small[1024];
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(small, sizeof small, fmt, args);
    va_end(args);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof small)
        return out_append(out, small, (size_t)n);
    {
        char *big = malloc((size_t)n + 1);
        int rc;

        if (!big) {
            out->failed = 1;
            return -1;
        }
        va_start(args, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, args);
        va_end(args);
        rc = out_append(out, big, (size_t)n);
        free(big);
        return rc;
    }
}

int cli_out_flush(cli_out *out)
{
    if (out->failed) {
        fprintf(stderr, "parley: out of memory while writing output\n");
        return PARLEY_ENOMEM;
    }
    if (out->len && fwrite(out->data, 1, out->len, stdout) != out->len)
        return PARLEY_EIO;
    if (fflush(stdout) != 0)
        return PARLEY_EIO;
    return 0;
}

void cli_out_free(cli_out *out)
{
    free(out->data);
    cli_out_init(out);
}

/*
 * Points the cursor at the first argument after the command name, for
 * `parley command` with the given argv.
 */
void cli_args_init(cli_args *args, int argc, char **argv,
                   const char *command)
{
    memset(args, 0, sizeof *args);
    args->argc = argc;
    args->argv = argv;
    args->command = command;
}

/*
 * A keyword option: --name VALUE with VALUE one of names[0..n); stores its
 * index in *out.  Returns 1 if consumed, 0 if argv[i] is another option, -1
 * on error (the choices are printed).
 */
int cli_keyword_option(cli_args *args, const char *name,
                       const char *const *names, size_t n, int *out)
{
    const char *v = NULL;
    int error = 0;
    size_t i;

    if (!cli_value(args, name, &v, &error))
        return 0;
    if (error)
        return -1;
    for (i = 0; i < n; i++)
        if (strcmp(v, names[i]) == 0) {
            *out = (int)i;
            return 1;
        }
    fprintf(stderr, "parley %s: %s '%s': expected one of", args->command, name,
            v);
    for (i = 0; i < n; i++)
        fprintf(stderr, "%s %s", i ? "," : "", names[i]);
    fprintf(stderr, " (see parley %s --help)\n", args->command);
    return -1;
}

/*
 * A count option: --name N with N a non-negative integer.  Returns 1/0/-1
 * like cli_keyword_option.
 */
int cli_size_option(cli_args *args, const char *name, size_t *out)
{
    const char *v = NULL;
    int error = 0;

    if (!cli_value(args, name, &v, &error))
        return 0;
    if (error || cli_parse_size(args->command, name, v, out) != 0)
        return -1;
    return 1;
}

/*
 * The options of a Monte Carlo run: --draws N, --seed S, --months M (0 to
 * 600) and --threads N (0 to 4096).  A NULL pointer leaves its option to
 * the caller.  Returns 1/0/-1 like cli_keyword_option.
 */
int cli_run_option(cli_args *args, size_t *draws, uint64_t *seed,
                   int *months, int *threads)
{
    const char *v = NULL;
    int error = 0;

    if (draws && cli_value(args, "--draws", &v, &error))
        return error || cli_parse_size(args->command, "--draws", v, draws)
                   ? -1
                   : 1;
    if (seed && cli_value(args, "--seed", &v, &error))
        return error || cli_parse_u64(args->command, "--seed", v, seed) ? -1
                                                                        : 1;
    if (months && cli_value(args, "--months", &v, &error))
        return error || cli_parse_int(args->command, "--months", v, 600,
                                      months)
                   ? -1
                   : 1;
    if (threads && cli_value(args, "--threads", &v, &error))
        return error || cli_parse_int(args->command, "--threads", v, 4096,
                                      threads)
                   ? -1
                   : 1;
    return 0;
}

/*
 * A number option: --name X with X a finite number.  Returns 1/0/-1 like
 * cli_keyword_option.
 */
int cli_double_option(cli_args *args, const char *name, double *out)
{
    const char *v = NULL;
    int error = 0;
    double x;

    if (!cli_value(args, name, &v, &error))
        return 0;
    if (error || cli_parse_double(args->command, name, v, &x) != 0)
        return -1;
    *out = x;
    return 1;
}

/*
 * The options that shape an outcome space, which bargain and evaluate (its
 * `space`) share: the parties, value shape, weights, reservation and
 * ratification rules, whose constraints apply, and the search limits.
 * Returns 1/0/-1 like cli_keyword_option.
 */
int cli_space_option(cli_args *args, parley_bargain_options *o)
{
    static const char *const shape[] = {"scenario", "linear", "quadratic"};
    static const char *const weights[] = {"auto", "normalised", "as-written"};
    static const char *const reservation[] = {"auto", "range", "status-quo",
                                              "zero"};
    static const char *const ratification[] = {"hard", "all", "ignore"};
    const char *v = NULL;
    int error = 0, rc, pick = 0;

    if (cli_value(args, "--parties", &v, &error)) {
        if (error)
            return -1;
        o->parties = v;
        return 1;
    }
    CLI_KEYWORD("--shape", shape, shape, parley_value_shape)
    CLI_KEYWORD("--weights", weights, weights, parley_weighting)
    CLI_KEYWORD("--reservation", reservation, reservation,
                parley_reservation_rule)
    CLI_KEYWORD("--ratification", ratification, ratification,
                parley_ratification_rule)
    if (cli_flag(args, "--party-constraints")) {
        o->party_constraints_only = 1;
        return 1;
    }
    if ((rc = cli_size_option(args, "--max-nodes", &o->max_nodes)) != 0)
        return rc;
    if ((rc = cli_size_option(args, "--max-composite", &o->max_composite)) !=
        0)
        return rc;
    return cli_double_option(args, "--tie-tolerance", &o->tie_tolerance);
}

/*
 * Takes argv[i] as a positional argument into files[*n] (at most max of
 * them).  An unknown option, or one file more than max ("more than one
 * <what> given", "more than <max> <what>s given"), is reported.  Returns 0
 * or PARLEY_EINVAL.
 */
int cli_take_file(cli_args *args, const char **files, size_t *n, size_t max,
                  const char *what)
{
    const char *arg = args->argv[args->i];

    if (arg[0] == '-' && arg[1] != '\0')
        return cli_usage_error(args->command, "unknown option '%s'", arg);
    if (*n == max)
        return max == 1 ? cli_usage_error(args->command,
                                          "more than one %s given", what)
                        : cli_usage_error(args->command,
                                          "more than %zu %ss given", max,
                                          what);
    files[(*n)++] = arg;
    return 0;
}

/*
 * A context for the command with the common limits set, or NULL after
 * reporting that memory ran out.
 */
parley_ctx *cli_ctx_new(const char *command, const cli_common *common)
{
    parley_ctx *ctx = parley_ctx_new(NULL);

    if (!ctx) {
        fprintf(stderr, "parley %s: out of memory\n", command);
        return NULL;
    }
    parley_ctx_set_limits(ctx, &common->limits);
    return ctx;
}

/*
 * Loads one scenario file or GENIUS folder, or a GENIUS domain followed by
 * its profiles, into *s.  Returns the library status.
 */
int cli_load(parley_ctx *ctx, const cli_common *common,
             const char *const *files, size_t n_files, parley_scenario **s)
{
    return n_files == 1 ? parley_scenario_load(ctx, files[0], &common->load, s)
                        : parley_scenario_load_files(ctx, files, n_files,
                                                     &common->load, s);
}

/*
 * Ends a command: on success writes the buffered output (its status then
 * decides), else prints the context's diagnostics; frees the buffer either
 * way.  Returns the command's status.
 */
int cli_out_finish(cli_out *out, const parley_ctx *ctx, int status)
{
    if (status == PARLEY_OK)
        status = cli_out_flush(out);
    else
        cli_print_diagnostics(ctx);
    cli_out_free(out);
    return status;
}

/*
 * Reads a command's arguments: --help, the common options, the command's
 * own (option, called with user) and at most max positional files (see
 * cli_take_file).  Returns CLI_CONTINUE when the command goes on, else its
 * exit status: 0 after --help, PARLEY_EINVAL after a usage error.
 */
int cli_parse(cli_args *args, cli_common *common, cli_option_fn option,
              void *user, const char **files, size_t *n_files, size_t max,
              const char *what)
{
    for (args->i = 1; args->i < args->argc; args->i++) {
        int rc;

        if (cli_flag(args, "--help") || cli_flag(args, "-h"))
            return cli_print_help(args->command);
        rc = cli_common_option(args, common);
        if (rc == 0)
            rc = option(args, user);
        if (rc < 0)
            return PARLEY_EINVAL;
        if (rc == 0 && cli_take_file(args, files, n_files, max, what) != 0)
            return PARLEY_EINVAL;
    }
    return CLI_CONTINUE;
}

/* A non-negative decimal integer that fits in 64 bits (seeds, draws). */
int cli_parse_u64(const char *command, const char *option, const char *text,
                  uint64_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    if (!text[0] || text[0] == '-' || text[0] == '+')
        goto bad;
    v = strtoull(text, &end, 10);
    if (*end != '\0' || errno == ERANGE)
        goto bad;
    *out = (uint64_t)v;
    return 0;
bad:
    cli_usage_error(command, "%s '%s' is not a non-negative integer", option,
                    text);
    return -1;
}

/* An integer from 0 to max. */
int cli_parse_int(const char *command, const char *option, const char *text,
                  int max, int *out)
{
    size_t v;

    if (cli_parse_size(command, option, text, &v) != 0)
        return -1;
    if (v > (size_t)max) {
        cli_usage_error(command, "%s %s is too large, expected at most %d",
                        option, text, max);
        return -1;
    }
    *out = (int)v;
    return 0;
}
