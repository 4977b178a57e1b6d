/*
 * cmd_bargain.c -- `parley bargain FILE|DIR`: the package-bargaining
 * analysis of a scenario (outcome space, Pareto frontier, Nash, Kalai-
 * Smorodinsky, egalitarian, max welfare, zone of possible agreement,
 * opposition).  A thin client of include/parley.h.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* One keyword option: --name VALUE with VALUE among names[]; stores the
 * index in *out.  Returns 1/0/-1 like cli_common_option. */
static int keyword(cli_args *args, const char *name, const char *const *names,
                   size_t n, int *out)
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

/* A size option; returns 1/0/-1. */
static int size_option(cli_args *args, const char *name, size_t *out)
{
    const char *v = NULL;
    int error = 0;

    if (!cli_value(args, name, &v, &error))
        return 0;
    if (error || cli_parse_size(args->command, name, v, out) != 0)
        return -1;
    return 1;
}

/* Parses the bargaining options at args->i; returns 1/0/-1. */
static int bargain_option(cli_args *args, parley_bargain_options *o)
{
    static const char *const disagreement[] = {"reservation", "floor"};
    static const char *const shape[] = {"scenario", "linear", "quadratic"};
    static const char *const weights[] = {"auto", "normalised", "as-written"};
    static const char *const reservation[] = {"auto", "range", "status-quo",
                                              "zero"};
    static const char *const ratification[] = {"hard", "all", "ignore"};
    static const char *const ks[] = {"maxmin", "negmas"};
    const char *v = NULL;
    int error = 0, rc, pick = 0;
    size_t n = 0;
    double x;

    if (cli_value(args, "--parties", &v, &error)) {
        if (error)
            return -1;
        o->parties = v;
        return 1;
    }
    if (cli_value(args, "--proposal", &v, &error)) {
        if (error)
            return -1;
        o->proposal = v;
        return 1;
    }
    if (cli_value(args, "--fill", &v, &error)) {
        if (error)
            return -1;
        if (strcmp(v, "free") == 0)
            o->fill_status_quo = 0;
        else if (strcmp(v, "status-quo") == 0)
            o->fill_status_quo = 1;
        else
            return cli_usage_error(args->command,
                                   "--fill '%s': expected free or "
                                   "status-quo",
                                   v),
                   -1;
        return 1;
    }
    if (cli_value(args, "--zopa-parties", &v, &error)) {
        if (error)
            return -1;
        o->zopa_parties = v;
        return 1;
    }
#define KEYWORD(flag, names, field, type)                                      \
    rc = keyword(args, flag, names, sizeof names / sizeof *names, &pick);      \
    if (rc) {                                                                  \
        if (rc > 0)                                                            \
            o->field = (type)pick;                                             \
        return rc;                                                             \
    }
    KEYWORD("--disagreement", disagreement, disagreement, parley_disagreement)
    KEYWORD("--shape", shape, shape, parley_value_shape)
    KEYWORD("--weights", weights, weights, parley_weighting)
    KEYWORD("--reservation", reservation, reservation, parley_reservation_rule)
    KEYWORD("--ratification", ratification, ratification,
            parley_ratification_rule)
    KEYWORD("--ks", ks, ks, parley_ks_rule)
#undef KEYWORD
    if (cli_flag(args, "--party-constraints")) {
        o->party_constraints_only = 1;
        return 1;
    }
    if (cli_flag(args, "--no-frontier")) {
        o->frontier = 0;
        return 1;
    }
    if (cli_flag(args, "--frontier-all")) {
        o->frontier_all = 1;
        return 1;
    }
    if ((rc = size_option(args, "--max-frontier", &o->max_frontier)) != 0)
        return rc;
    if ((rc = size_option(args, "--max-nodes", &o->max_nodes)) != 0)
        return rc;
    if ((rc = size_option(args, "--max-ties", &o->max_ties)) != 0)
        return rc;
    if ((rc = size_option(args, "--max-composite", &o->max_composite)) != 0)
        return rc;
    if ((rc = size_option(args, "--threads", &n)) != 0) {
        if (rc > 0 && n > 4096)
            return cli_usage_error(args->command,
                                   "--threads %zu: expected at most 4096", n),
                   -1;
        o->threads = (int)n;
        return rc;
    }
    if (cli_value(args, "--max-enumerate", &v, &error)) {
        if (error ||
            cli_parse_double(args->command, "--max-enumerate", v, &x) != 0)
            return -1;
        o->max_enumerate = x;
        return 1;
    }
    if (cli_value(args, "--tie-tolerance", &v, &error)) {
        if (error ||
            cli_parse_double(args->command, "--tie-tolerance", v, &x) != 0)
            return -1;
        o->tie_tolerance = x;
        return 1;
    }
    return 0;
}

int cmd_bargain(int argc, char **argv)
{
    cli_common common;
    cli_args args;
    parley_bargain_options bo;
    const char *files[64];
    size_t n_files = 0;
    parley_ctx *ctx = NULL;
    parley_scenario *s = NULL;
    parley_bargain *b = NULL;
    cli_out out;
    int status;

    cli_common_init(&common);
    parley_bargain_options_set_default(&bo);
    memset(&args, 0, sizeof args);
    args.argc = argc;
    args.argv = argv;
    args.command = "bargain";
    for (args.i = 1; args.i < argc; args.i++) {
        int rc;

        if (cli_flag(&args, "--help") || cli_flag(&args, "-h"))
            return cli_print_help("bargain");
        rc = cli_common_option(&args, &common);
        if (rc == 0)
            rc = bargain_option(&args, &bo);
        if (rc < 0)
            return PARLEY_EINVAL;
        if (rc > 0)
            continue;
        if (argv[args.i][0] == '-' && argv[args.i][1] != '\0')
            return cli_usage_error("bargain", "unknown option '%s'",
                                   argv[args.i]);
        if (n_files == sizeof files / sizeof *files)
            return cli_usage_error("bargain", "more than %zu files given",
                                   sizeof files / sizeof *files);
        files[n_files++] = argv[args.i];
    }
    if (!n_files)
        return cli_usage_error("bargain", "no scenario given");
    cli_out_init(&out);
    ctx = parley_ctx_new(NULL);
    if (!ctx) {
        fprintf(stderr, "parley bargain: out of memory\n");
        return PARLEY_ENOMEM;
    }
    parley_ctx_set_limits(ctx, &common.limits);
    /* one scenario file or GENIUS folder, or a GENIUS domain followed by
     * its profiles */
    status =
        n_files == 1
            ? parley_scenario_load(ctx, files[0], &common.load, &s)
            : parley_scenario_load_files(ctx, files, n_files, &common.load, &s);
    if (status == PARLEY_OK)
        status = parley_bargain_run(ctx, s, &bo, &b);
    if (status == PARLEY_OK)
        status =
            common.json
                ? parley_bargain_write_json(ctx, s, b, &bo, cli_out_sink(&out))
                : parley_bargain_write_text(ctx, s, b, &bo, cli_out_sink(&out));
    if (status == PARLEY_OK)
        status = cli_out_flush(&out);
    else
        cli_print_diagnostics(ctx);
    cli_out_free(&out);
    parley_bargain_free(ctx, b);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
