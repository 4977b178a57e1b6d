/*
 * cmd_backtest.c -- `parley backtest FILE`: score the models against the
 * outcomes a data set records (DEU III).
 */
#include "cli.h"

#include <string.h>

/* What backtest's options set. */
typedef struct backtest_options {
    parley_forecast_options forecast;
    parley_split split;
    parley_load_options *load; /* --equal-capability */
} backtest_options;

/* The backtest options (a backtest_options): --equal-capability, --split
 * and those shared with forecast.  Returns 1/0/-1. */
static int backtest_option(cli_args *args, void *options)
{
    backtest_options *o = options;
    const char *v = NULL;
    int error = 0;

    if (cli_flag(args, "--equal-capability")) {
        o->load->deu_equal_capability = 1;
        return 1;
    }
    if (cli_value(args, "--split", &v, &error)) {
        if (error)
            return -1;
        if (strcmp(v, "odd") == 0)
            o->split = PARLEY_SPLIT_ODD;
        else if (strcmp(v, "even") == 0)
            o->split = PARLEY_SPLIT_EVEN;
        else if (strcmp(v, "all") == 0)
            o->split = PARLEY_SPLIT_ALL;
        else
            return cli_usage_error(args->command,
                                   "--split '%s': expected all, odd or even",
                                   v),
                   -1;
        return 1;
    }
    return cli_forecast_option(args, &o->forecast);
}

int cmd_backtest(int argc, char **argv)
{
    cli_common common;
    cli_args args;
    backtest_options bo;
    const char *file = NULL;
    size_t n_files = 0;
    parley_ctx *ctx = NULL;
    parley_scenario *s = NULL;
    parley_backtest *b = NULL;
    const char *note;
    cli_out out;
    int status;

    cli_common_init(&common);
    parley_forecast_options_set_default(&bo.forecast);
    bo.split = PARLEY_SPLIT_ALL;
    bo.load = &common.load;
    cli_args_init(&args, argc, argv, "backtest");
    status = cli_parse(&args, &common, backtest_option, &bo, &file, &n_files,
                       1, "file");
    if (status != CLI_CONTINUE)
        return status;
    if (!file)
        return cli_usage_error("backtest", "no data file given");
    note = common.load.deu_equal_capability
               ? "equal (every actor 1; --equal-capability)"
               : "as loaded (DEU III: the GDP figures on the file's second "
                 "line; --equal-capability sets all to 1)";
    cli_out_init(&out);
    ctx = cli_ctx_new("backtest", &common);
    if (!ctx)
        return PARLEY_ENOMEM;
    status = parley_scenario_load(ctx, file, &common.load, &s);
    if (status == PARLEY_OK)
        status = parley_backtest_run(ctx, s, &bo.forecast, bo.split, &b);
    if (status == PARLEY_OK)
        status = common.json
                     ? parley_backtest_write_json(ctx, s, b, note, bo.split,
                                                  cli_out_sink(&out))
                     : parley_backtest_write_text(ctx, s, b, note, bo.split,
                                                  cli_out_sink(&out));
    status = cli_out_finish(&out, ctx, status);
    parley_backtest_free(ctx, b);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
