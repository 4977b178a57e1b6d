/*
 * cmd_impact.c -- `parley impact FILE`: for each proposal its outcome type,
 * who accepts it, its durability with the breakdown by factor, and the
 * third party's impact scorecard; optionally the scorecard of every
 * outcome type and the expected scorecard of a distribution over them.
 * A thin client of include/parley.h.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int cmd_impact(int argc, char **argv)
{
    cli_common common;
    cli_args args;
    parley_impact_options io;
    const char *file = NULL, *proposals = NULL;
    int all = 0;
    parley_ctx *ctx = NULL;
    parley_scenario *s = NULL;
    parley_impact_report *r = NULL;
    cli_out out;
    int status;

    cli_common_init(&common);
    parley_impact_options_set_default(&io);
    memset(&args, 0, sizeof args);
    args.argc = argc;
    args.argv = argv;
    args.command = "impact";
    for (args.i = 1; args.i < argc; args.i++) {
        const char *v = NULL;
        int rc, error = 0;

        if (cli_flag(&args, "--help") || cli_flag(&args, "-h"))
            return cli_print_help("impact");
        if (cli_flag(&args, "--all")) {
            all = 1;
            continue;
        }
        if (cli_flag(&args, "--by-outcome")) {
            io.by_outcome = 1;
            continue;
        }
        if (cli_value(&args, "--proposal", &v, &error)) {
            if (error)
                return PARLEY_EINVAL;
            proposals = v;
            continue;
        }
        if (cli_value(&args, "--outcome", &v, &error)) {
            if (error)
                return PARLEY_EINVAL;
            io.outcome = v;
            continue;
        }
        if (cli_value(&args, "--impact", &v, &error)) {
            if (error)
                return PARLEY_EINVAL;
            io.impact = v;
            continue;
        }
        if (cli_value(&args, "--distribution", &v, &error)) {
            if (error)
                return PARLEY_EINVAL;
            io.distribution = v;
            continue;
        }
        rc = cli_common_option(&args, &common);
        if (rc < 0)
            return PARLEY_EINVAL;
        if (rc > 0)
            continue;
        if (argv[args.i][0] == '-' && argv[args.i][1] != '\0')
            return cli_usage_error("impact", "unknown option '%s'",
                                   argv[args.i]);
        if (file)
            return cli_usage_error("impact", "more than one file given");
        file = argv[args.i];
    }
    if (!file)
        return cli_usage_error("impact", "no scenario given");
    if (all && proposals)
        return cli_usage_error("impact", "--all and --proposal both given; "
                                         "expected one of them");
    /* proposals: the listed ones, every one (--all, or nothing else asked
     * for), or none when only outcome tables are asked for */
    io.proposals = proposals                          ? proposals
                   : all                              ? NULL
                   : io.by_outcome || io.distribution ? ""
                                                      : NULL;
    cli_out_init(&out);
    ctx = parley_ctx_new(NULL);
    if (!ctx) {
        fprintf(stderr, "parley impact: out of memory\n");
        return PARLEY_ENOMEM;
    }
    parley_ctx_set_limits(ctx, &common.limits);
    status = parley_scenario_load(ctx, file, &common.load, &s);
    if (status == PARLEY_OK)
        status = parley_impact_run(ctx, s, &io, &r);
    if (status == PARLEY_OK)
        status =
            common.json
                ? parley_impact_write_json(ctx, s, r, &io, cli_out_sink(&out))
                : parley_impact_write_text(ctx, s, r, &io, cli_out_sink(&out));
    if (status == PARLEY_OK)
        status = cli_out_flush(&out);
    else
        cli_print_diagnostics(ctx);
    cli_out_free(&out);
    parley_impact_report_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
