/*
 * cmd_evaluate.c -- `parley evaluate FILE`: each named proposal's
 * utilities and margins, vetoes, distance to the Pareto frontier, the
 * smallest repair that makes it acceptable to every party and the best
 * package within K changes.  A thin client of include/parley.h.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* --name VALUE with VALUE among names[]; stores the index in *out.
 * Returns 1 (consumed), 0 (not this option) or -1 (error printed). */
static int keyword(cli_args *args, const char *name,
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
    fprintf(stderr, "parley %s: %s '%s': expected one of", args->command,
            name, v);
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

/* Parses the evaluation options at args->i; returns 1/0/-1. */
static int evaluate_option(cli_args *args, parley_evaluate_options *o)
{
    static const char *const fill[] = {"status-quo", "optimise"};
    static const char *const objective[] = {"maxmin", "nash"};
    static const char *const shape[] = {"scenario", "linear", "quadratic"};
    static const char *const weights[] = {"auto", "normalised",
                                          "as-written"};
    static const char *const reservation[] = {"auto", "range", "status-quo",
                                              "zero"};
    static const char *const ratification[] = {"hard", "all", "ignore"};
    const char *v = NULL;
    int error = 0, rc, pick = 0;
    double x;

    if (cli_value(args, "--proposal", &v, &error)) {
        if (error)
            return -1;
        o->proposal = v;
        return 1;
    }
    if (cli_value(args, "--parties", &v, &error)) {
        if (error)
            return -1;
        o->space.parties = v;
        return 1;
    }
#define KEYWORD(flag, names, field, type)                                    \
    rc = keyword(args, flag, names, sizeof names / sizeof *names, &pick);    \
    if (rc) {                                                                \
        if (rc > 0)                                                          \
            o->field = (type)pick;                                           \
        return rc;                                                           \
    }
    KEYWORD("--fill", fill, fill, parley_evaluate_fill)
    KEYWORD("--objective", objective, objective, parley_evaluate_objective)
    KEYWORD("--shape", shape, space.shape, parley_value_shape)
    KEYWORD("--weights", weights, space.weights, parley_weighting)
    KEYWORD("--reservation", reservation, space.reservation,
            parley_reservation_rule)
    KEYWORD("--ratification", ratification, space.ratification,
            parley_ratification_rule)
#undef KEYWORD
    if (cli_flag(args, "--party-constraints")) {
        o->space.party_constraints_only = 1;
        return 1;
    }
    if ((rc = size_option(args, "--max-changes", &o->max_changes)) != 0)
        return rc;
    if ((rc = size_option(args, "--max-nodes", &o->space.max_nodes)) != 0)
        return rc;
    if ((rc = size_option(args, "--max-composite",
                          &o->space.max_composite)) != 0)
        return rc;
    if (cli_value(args, "--tie-tolerance", &v, &error)) {
        if (error ||
            cli_parse_double(args->command, "--tie-tolerance", v, &x) != 0)
            return -1;
        o->space.tie_tolerance = x;
        return 1;
    }
    return 0;
}

int cmd_evaluate(int argc, char **argv)
{
    cli_common common;
    cli_args args;
    parley_evaluate_options eo;
    const char *files[64];
    size_t n_files = 0;
    parley_ctx *ctx = NULL;
    parley_scenario *s = NULL;
    parley_evaluate *e = NULL;
    cli_out out;
    int status;

    cli_common_init(&common);
    parley_evaluate_options_set_default(&eo);
    memset(&args, 0, sizeof args);
    args.argc = argc;
    args.argv = argv;
    args.command = "evaluate";
    for (args.i = 1; args.i < argc; args.i++) {
        int rc;

        if (cli_flag(&args, "--help") || cli_flag(&args, "-h"))
            return cli_print_help("evaluate");
        rc = cli_common_option(&args, &common);
        if (rc == 0)
            rc = evaluate_option(&args, &eo);
        if (rc < 0)
            return PARLEY_EINVAL;
        if (rc > 0)
            continue;
        if (argv[args.i][0] == '-' && argv[args.i][1] != '\0')
            return cli_usage_error("evaluate", "unknown option '%s'",
                                   argv[args.i]);
        if (n_files == sizeof files / sizeof *files)
            return cli_usage_error("evaluate", "more than %zu files given",
                                   sizeof files / sizeof *files);
        files[n_files++] = argv[args.i];
    }
    if (!n_files)
        return cli_usage_error("evaluate", "no scenario given");
    cli_out_init(&out);
    ctx = parley_ctx_new(NULL);
    if (!ctx) {
        fprintf(stderr, "parley evaluate: out of memory\n");
        return PARLEY_ENOMEM;
    }
    parley_ctx_set_limits(ctx, &common.limits);
    status = n_files == 1
                 ? parley_scenario_load(ctx, files[0], &common.load, &s)
                 : parley_scenario_load_files(ctx, files, n_files,
                                              &common.load, &s);
    if (status == PARLEY_OK)
        status = parley_evaluate_run(ctx, s, &eo, &e);
    if (status == PARLEY_OK)
        status = common.json ? parley_evaluate_write_json(ctx, s, e,
                                                          cli_out_sink(&out))
                             : parley_evaluate_write_text(ctx, s, e,
                                                          cli_out_sink(&out));
    if (status == PARLEY_OK)
        status = cli_out_flush(&out);
    else
        cli_print_diagnostics(ctx);
    cli_out_free(&out);
    parley_evaluate_free(ctx, e);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
