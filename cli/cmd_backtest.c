/*
 * cmd_backtest.c -- `parley backtest FILE`: score the models against the
 * outcomes a data set records (DEU III).
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int cli_forecast_option(cli_args *args, parley_forecast_options *fo);

int cmd_backtest(int argc, char **argv)
{
    cli_common common;
    cli_args args;
    parley_forecast_options fo;
    parley_split split = PARLEY_SPLIT_ALL;
    const char *file = NULL;
    parley_ctx *ctx = NULL;
    parley_scenario *s = NULL;
    parley_backtest *b = NULL;
    const char *note;
    cli_out out;
    int status;

    cli_common_init(&common);
    parley_forecast_options_set_default(&fo);
    memset(&args, 0, sizeof args);
    args.argc = argc;
    args.argv = argv;
    args.command = "backtest";
    for (args.i = 1; args.i < argc; args.i++) {
        const char *v = NULL;
        int rc, error = 0;

        if (cli_flag(&args, "--help") || cli_flag(&args, "-h"))
            return cli_print_help("backtest");
        if (cli_flag(&args, "--equal-capability")) {
            common.load.deu_equal_capability = 1;
            continue;
        }
        if (cli_value(&args, "--split", &v, &error)) {
            if (error)
                return PARLEY_EINVAL;
            if (strcmp(v, "odd") == 0)
                split = PARLEY_SPLIT_ODD;
            else if (strcmp(v, "even") == 0)
                split = PARLEY_SPLIT_EVEN;
            else if (strcmp(v, "all") == 0)
                split = PARLEY_SPLIT_ALL;
            else
                return cli_usage_error("backtest",
                                       "--split '%s': expected all, odd or "
                                       "even",
                                       v);
            continue;
        }
        rc = cli_common_option(&args, &common);
        if (rc == 0)
            rc = cli_forecast_option(&args, &fo);
        if (rc < 0)
            return PARLEY_EINVAL;
        if (rc > 0)
            continue;
        if (argv[args.i][0] == '-' && argv[args.i][1] != '\0')
            return cli_usage_error("backtest", "unknown option '%s'",
                                   argv[args.i]);
        if (file)
            return cli_usage_error("backtest", "more than one file given");
        file = argv[args.i];
    }
    if (!file)
        return cli_usage_error("backtest", "no data file given");
    note = common.load.deu_equal_capability
               ? "equal (every actor 1; --equal-capability)"
               : "as loaded (DEU III: the GDP figures on the file's second "
                 "line; --equal-capability sets all to 1)";
    cli_out_init(&out);
    ctx = parley_ctx_new(NULL);
    if (!ctx) {
        fprintf(stderr, "parley backtest: out of memory\n");
        return PARLEY_ENOMEM;
    }
    parley_ctx_set_limits(ctx, &common.limits);
    status = parley_scenario_load(ctx, file, &common.load, &s);
    if (status == PARLEY_OK)
        status = parley_backtest_run(ctx, s, &fo, split, &b);
    if (status == PARLEY_OK)
        status = common.json
                     ? parley_backtest_write_json(ctx, s, b, note, split,
                                                  cli_out_sink(&out))
                     : parley_backtest_write_text(ctx, s, b, note, split,
                                                  cli_out_sink(&out));
    if (status == PARLEY_OK)
        status = cli_out_flush(&out);
    else
        cli_print_diagnostics(ctx);
    cli_out_free(&out);
    parley_backtest_free(ctx, b);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
