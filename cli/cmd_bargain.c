/*
 * cmd_bargain.c -- `parley bargain FILE|DIR`: the package-bargaining
 * analysis of a scenario (outcome space, Pareto frontier, Nash, Kalai-
 * Smorodinsky, egalitarian, max welfare, zone of possible agreement,
 * opposition).  A thin client of include/parley.h.
 */
#include "cli.h"

#include <string.h>

/* Parses the bargaining options (a parley_bargain_options) at args->i;
 * returns 1/0/-1. */
static int bargain_option(cli_args *args, void *options)
{
    parley_bargain_options *o = options;
    static const char *const disagreement[] = {"reservation", "floor"};
    static const char *const ks[] = {"maxmin", "negmas"};
    const char *v = NULL;
    int error = 0, rc, pick = 0;
    size_t n = 0;

    if ((rc = cli_space_option(args, o)) != 0)
        return rc;
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
    CLI_KEYWORD("--disagreement", disagreement, disagreement,
                parley_disagreement)
    CLI_KEYWORD("--ks", ks, ks, parley_ks_rule)
    if (cli_flag(args, "--no-frontier")) {
        o->frontier = 0;
        return 1;
    }
    if (cli_flag(args, "--frontier-all")) {
        o->frontier_all = 1;
        return 1;
    }
    if ((rc = cli_size_option(args, "--max-frontier", &o->max_frontier)) != 0)
        return rc;
    if ((rc = cli_size_option(args, "--max-ties", &o->max_ties)) != 0)
        return rc;
    if ((rc = cli_size_option(args, "--threads", &n)) != 0) {
        if (rc > 0 && n > 4096)
            return cli_usage_error(args->command,
                                   "--threads %zu: expected at most 4096", n),
                   -1;
        o->threads = (int)n;
        return rc;
    }
    return cli_double_option(args, "--max-enumerate", &o->max_enumerate);
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
    cli_args_init(&args, argc, argv, "bargain");
    status = cli_parse(&args, &common, bargain_option, &bo, files, &n_files,
                       sizeof files / sizeof *files, "file");
    if (status != CLI_CONTINUE)
        return status;
    if (!n_files)
        return cli_usage_error("bargain", "no scenario given");
    cli_out_init(&out);
    ctx = cli_ctx_new("bargain", &common);
    if (!ctx)
        return PARLEY_ENOMEM;
    status = cli_load(ctx, &common, files, n_files, &s);
    if (status == PARLEY_OK)
        status = parley_bargain_run(ctx, s, &bo, &b);
    if (status == PARLEY_OK)
        status =
            common.json
                ? parley_bargain_write_json(ctx, s, b, &bo, cli_out_sink(&out))
                : parley_bargain_write_text(ctx, s, b, &bo, cli_out_sink(&out));
    status = cli_out_finish(&out, ctx, status);
    parley_bargain_free(ctx, b);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
