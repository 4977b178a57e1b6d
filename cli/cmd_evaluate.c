/*
 * cmd_evaluate.c -- `parley evaluate FILE`: each named proposal's
 * utilities and margins, vetoes, distance to the Pareto frontier, the
 * smallest repair that makes it acceptable to every party and the best
 * package within K changes.  A thin client of include/parley.h.
 */
#include "cli.h"

/* Parses the evaluation options (a parley_evaluate_options) at args->i;
 * returns 1/0/-1. */
static int evaluate_option(cli_args *args, void *options)
{
    parley_evaluate_options *o = options;
    static const char *const fill[] = {"status-quo", "optimise"};
    static const char *const objective[] = {"maxmin", "nash"};
    const char *v = NULL;
    int error = 0, rc, pick = 0;

    if ((rc = cli_space_option(args, &o->space)) != 0)
        return rc;
    if (cli_value(args, "--proposal", &v, &error)) {
        if (error)
            return -1;
        o->proposal = v;
        return 1;
    }
    CLI_KEYWORD("--fill", fill, fill, parley_evaluate_fill)
    CLI_KEYWORD("--objective", objective, objective,
                parley_evaluate_objective)
    return cli_size_option(args, "--max-changes", &o->max_changes);
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
    cli_args_init(&args, argc, argv, "evaluate");
    status = cli_parse(&args, &common, evaluate_option, &eo, files, &n_files,
                       sizeof files / sizeof *files, "file");
    if (status != CLI_CONTINUE)
        return status;
    if (!n_files)
        return cli_usage_error("evaluate", "no scenario given");
    cli_out_init(&out);
    ctx = cli_ctx_new("evaluate", &common);
    if (!ctx)
        return PARLEY_ENOMEM;
    status = cli_load(ctx, &common, files, n_files, &s);
    if (status == PARLEY_OK)
        status = parley_evaluate_run(ctx, s, &eo, &e);
    if (status == PARLEY_OK)
        status = common.json ? parley_evaluate_write_json(ctx, s, e,
                                                          cli_out_sink(&out))
                             : parley_evaluate_write_text(ctx, s, e,
                                                          cli_out_sink(&out));
    status = cli_out_finish(&out, ctx, status);
    parley_evaluate_free(ctx, e);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
