/*
 * cmd_forecast.c -- `parley forecast FILE`: every issue, every model.
 */
#include "cli.h"

#include <string.h>

/* Parses a --bdm-* option; returns 1 if consumed, 0 if not, -1 on error.
 * A preset (--bdm-variant) sets every variant choice, so it cannot be
 * combined with the flags that set one choice. */
static int bdm_option(cli_args *args, parley_forecast_options *fo)
{
    static int chose_variant, chose_field;
    const char *arg = args->argv[args->i];
    const char *v = NULL;
    int error = 0;

    if (strncmp(arg, "--bdm-", 6) == 0 && strncmp(arg, "--bdm-q", 7) != 0 &&
        strncmp(arg, "--bdm-salience-scale", 20) != 0) {
        if (strncmp(arg, "--bdm-variant", 13) == 0)
            chose_variant = 1;
        else
            chose_field = 1;
        if (chose_variant && chose_field) {
            cli_usage_error(args->command,
                            "--bdm-variant sets every BDM choice; give "
                            "either a variant or the individual --bdm-* "
                            "choices, not both");
            return -1;
        }
    }
    if (cli_value(args, "--bdm-variant", &v, &error)) {
        if (error)
            return -1;
        fo->bdm_variant = v;
        return 1;
    }
    if (cli_value(args, "--bdm-prob", &v, &error)) {
        if (error)
            return -1;
        if (strcmp(v, "all") == 0)
            fo->bdm_prob = PARLEY_BDM_PROB_ALL_TRIPLES;
        else if (strcmp(v, "pair") == 0)
            fo->bdm_prob = PARLEY_BDM_PROB_PAIR;
        else
            return cli_usage_error(args->command,
                                   "--bdm-prob '%s': expected all or pair",
                                   v),
                   -1;
        return 1;
    }
    if (cli_value(args, "--bdm-median", &v, &error)) {
        if (error)
            return -1;
        if (strcmp(v, "condorcet") == 0)
            fo->bdm_median = PARLEY_BDM_MEDIAN_CONDORCET;
        else if (strcmp(v, "weighted") == 0)
            fo->bdm_median = PARLEY_BDM_MEDIAN_WEIGHTED;
        else
            return cli_usage_error(args->command,
                                   "--bdm-median '%s': expected condorcet "
                                   "or weighted",
                                   v),
                   -1;
        return 1;
    }
    if (cli_value(args, "--bdm-risk", &v, &error)) {
        if (error)
            return -1;
        if (strcmp(v, "scholz") == 0)
            fo->bdm_risk = PARLEY_BDM_RISK_SCHOLZ;
        else if (strcmp(v, "neutral") == 0)
            fo->bdm_risk = PARLEY_BDM_RISK_NEUTRAL;
        else
            return cli_usage_error(args->command,
                                   "--bdm-risk '%s': expected scholz or "
                                   "neutral",
                                   v),
                   -1;
        return 1;
    }
    if (cli_value(args, "--bdm-offer", &v, &error)) {
        if (error)
            return -1;
        if (strcmp(v, "best") == 0)
            fo->bdm_offer = PARLEY_BDM_OFFER_BEST;
        else if (strcmp(v, "nearest") == 0)
            fo->bdm_offer = PARLEY_BDM_OFFER_NEAREST;
        else
            return cli_usage_error(args->command,
                                   "--bdm-offer '%s': expected best or "
                                   "nearest",
                                   v),
                   -1;
        return 1;
    }
    if (cli_value(args, "--bdm-range", &v, &error)) {
        if (error)
            return -1;
        if (strcmp(v, "observed") == 0)
            fo->bdm_range = PARLEY_BDM_RANGE_OBSERVED;
        else if (strcmp(v, "scale") == 0)
            fo->bdm_range = PARLEY_BDM_RANGE_SCALE;
        else
            return cli_usage_error(args->command,
                                   "--bdm-range '%s': expected observed or "
                                   "scale",
                                   v),
                   -1;
        return 1;
    }
    if (cli_value(args, "--bdm-capitulate", &v, &error)) {
        if (error)
            return -1;
        if (strcmp(v, "replication") == 0)
            fo->bdm_capitulate = 0;
        else if (strcmp(v, "stated") == 0)
            fo->bdm_capitulate = 1;
        else
            return cli_usage_error(args->command,
                                   "--bdm-capitulate '%s': expected "
                                   "replication or stated",
                                   v),
                   -1;
        return 1;
    }
    if (cli_value(args, "--bdm-salience-scale", &v, &error)) {
        if (error || cli_parse_double(args->command, "--bdm-salience-scale",
                                      v, &fo->bdm_salience_scale) != 0)
            return -1;
        return 1;
    }
    if (cli_value(args, "--bdm-q", &v, &error)) {
        if (error ||
            cli_parse_double(args->command, "--bdm-q", v, &fo->bdm_q) != 0)
            return -1;
        return 1;
    }
    return 0;
}

/* Options shared by forecast and backtest: models, rounds, tolerance,
 * trace and the BDM variants.  Returns 1/0/-1 like cli_common_option. */
int cli_forecast_option(cli_args *args, parley_forecast_options *fo)
{
    const char *v = NULL;
    int error = 0;

    if (cli_value(args, "--model", &v, &error) ||
        cli_value(args, "--models", &v, &error)) {
        if (error)
            return -1;
        fo->models = v;
        return 1;
    }
    if (cli_value(args, "--rounds", &v, &error)) {
        if (error ||
            cli_parse_size(args->command, "--rounds", v, &fo->rounds) != 0)
            return -1;
        return 1;
    }
    if (cli_flag(args, "--include-third-parties")) {
        fo->include_third_parties = 1;
        return 1;
    }
    if (cli_value(args, "--tolerance", &v, &error)) {
        if (error || cli_parse_double(args->command, "--tolerance", v,
                                      &fo->tolerance) != 0)
            return -1;
        return 1;
    }
    return bdm_option(args, fo);
}

/* The forecast options (a parley_forecast_options): --trace and those
 * shared with backtest.  Returns 1/0/-1. */
static int forecast_option(cli_args *args, void *options)
{
    parley_forecast_options *fo = options;

    if (cli_flag(args, "--trace")) {
        fo->trace = 1;
        return 1;
    }
    return cli_forecast_option(args, fo);
}

int cmd_forecast(int argc, char **argv)
{
    cli_common common;
    cli_args args;
    parley_forecast_options fo;
    const char *file = NULL;
    size_t n_files = 0;
    parley_ctx *ctx = NULL;
    parley_scenario *s = NULL;
    parley_forecast *f = NULL;
    cli_out out;
    int status;

    cli_common_init(&common);
    parley_forecast_options_set_default(&fo);
    cli_args_init(&args, argc, argv, "forecast");
    status = cli_parse(&args, &common, forecast_option, &fo, &file, &n_files,
                       1, "scenario file");
    if (status != CLI_CONTINUE)
        return status;
    if (!file)
        return cli_usage_error("forecast", "no scenario file given");
    cli_out_init(&out);
    ctx = cli_ctx_new("forecast", &common);
    if (!ctx)
        return PARLEY_ENOMEM;
    status = parley_scenario_load(ctx, file, &common.load, &s);
    if (status == PARLEY_OK)
        status = parley_forecast_run(ctx, s, &fo, &f);
    if (status == PARLEY_OK)
        status = common.json ? parley_forecast_write_json(
                                   ctx, s, f, &fo, cli_out_sink(&out))
                             : parley_forecast_write_text(
                                   ctx, s, f, &fo, cli_out_sink(&out));
    status = cli_out_finish(&out, ctx, status);
    parley_forecast_free(ctx, f);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
