/*
 * cmd_forecast.c -- `parley forecast FILE`: every issue, every model.
 */
#include "cli.h"

#include <stdio.h>
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
int cli_forecast_option(cli_args *args, parley_forecast_options *fo);
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

int cmd_forecast(int argc, char **argv)
{
    cli_common common;
    cli_args args;
    parley_forecast_options fo;
    const char *file = NULL;
    parley_ctx *ctx = NULL;
    parley_scenario *s = NULL;
    parley_forecast *f = NULL;
    cli_out out;
    int status;

    cli_common_init(&common);
    parley_forecast_options_set_default(&fo);
    memset(&args, 0, sizeof args);
    args.argc = argc;
    args.argv = argv;
    args.command = "forecast";
    for (args.i = 1; args.i < argc; args.i++) {
        int rc;

        if (cli_flag(&args, "--help") || cli_flag(&args, "-h"))
            return cli_print_help("forecast");
        if (cli_flag(&args, "--trace")) {
            fo.trace = 1;
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
            return cli_usage_error("forecast", "unknown option '%s'",
                                   argv[args.i]);
        if (file)
            return cli_usage_error("forecast",
                                   "more than one scenario file given");
        file = argv[args.i];
    }
    if (!file)
        return cli_usage_error("forecast", "no scenario file given");
    cli_out_init(&out);
    ctx = parley_ctx_new(NULL);
    if (!ctx) {
        fprintf(stderr, "parley forecast: out of memory\n");
        return PARLEY_ENOMEM;
    }
    parley_ctx_set_limits(ctx, &common.limits);
    status = parley_scenario_load(ctx, file, &common.load, &s);
    if (status == PARLEY_OK)
        status = parley_forecast_run(ctx, s, &fo, &f);
    if (status == PARLEY_OK)
        status = common.json ? parley_forecast_write_json(
                                   ctx, s, f, &fo, cli_out_sink(&out))
                             : parley_forecast_write_text(
                                   ctx, s, f, &fo, cli_out_sink(&out));
    if (status == PARLEY_OK)
        status = cli_out_flush(&out);
    else
        cli_print_diagnostics(ctx);
    cli_out_free(&out);
    parley_forecast_free(ctx, f);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
