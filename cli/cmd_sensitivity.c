/*
 * cmd_sensitivity.c -- `parley sensitivity FILE --output SPEC`: a tornado
 * diagram or Sobol indices of one output over the uncertain inputs.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_forecast_option(cli_args *args, parley_forecast_options *fo);

int cmd_sensitivity(int argc, char **argv)
{
    cli_common common;
    cli_args args;
    parley_sensitivity_options so;
    cli_progress bar;
    const char *file = NULL;
    parley_ctx *ctx = NULL;
    parley_scenario *s = NULL;
    parley_sensitivity *r = NULL;
    int progress = 1, status;
    cli_out out;

    cli_common_init(&common);
    parley_sensitivity_options_set_default(&so);
    memset(&args, 0, sizeof args);
    args.argc = argc;
    args.argv = argv;
    args.command = "sensitivity";
    for (args.i = 1; args.i < argc; args.i++) {
        const char *v = NULL;
        int rc, error = 0;

        if (cli_flag(&args, "--help") || cli_flag(&args, "-h"))
            return cli_print_help("sensitivity");
        if (cli_flag(&args, "--no-progress")) {
            progress = 0;
            continue;
        }
        if (cli_value(&args, "--output", &v, &error)) {
            if (error)
                return PARLEY_EINVAL;
            so.output = v;
            continue;
        }
        if (cli_value(&args, "--method", &v, &error)) {
            if (error)
                return PARLEY_EINVAL;
            if (strcmp(v, "tornado") == 0)
                so.method = PARLEY_SENSITIVITY_TORNADO;
            else if (strcmp(v, "sobol") == 0)
                so.method = PARLEY_SENSITIVITY_SOBOL;
            else
                return cli_usage_error("sensitivity",
                                       "--method '%s': expected tornado or "
                                       "sobol",
                                       v);
            continue;
        }
        rc = cli_run_option(&args, &so.draws, &so.seed, &so.months,
                            &so.threads);
        if (rc < 0)
            return PARLEY_EINVAL;
        if (rc > 0)
            continue;
        if (cli_value(&args, "--month", &v, &error)) {
            if (error ||
                cli_parse_int("sensitivity", "--month", v, 600, &so.month))
                return PARLEY_EINVAL;
            continue;
        }
        if (cli_value(&args, "--bootstrap", &v, &error)) {
            if (error ||
                cli_parse_size("sensitivity", "--bootstrap", v, &so.bootstrap))
                return PARLEY_EINVAL;
            continue;
        }
        if (cli_value(&args, "--zone-parties", &v, &error)) {
            if (error)
                return PARLEY_EINVAL;
            so.zone_parties = v;
            continue;
        }
        if (cli_value(&args, "--max-draws", &v, &error)) {
            if (error || cli_parse_size("sensitivity", "--max-draws", v,
                                        &common.limits.max_draws))
                return PARLEY_EINVAL;
            continue;
        }
        rc = cli_common_option(&args, &common);
        if (rc == 0)
            rc = cli_forecast_option(&args, &so.forecast);
        if (rc < 0)
            return PARLEY_EINVAL;
        if (rc > 0)
            continue;
        if (argv[args.i][0] == '-' && argv[args.i][1] != '\0')
            return cli_usage_error("sensitivity", "unknown option '%s'",
                                   argv[args.i]);
        if (file)
            return cli_usage_error("sensitivity",
                                   "more than one scenario file given");
        file = argv[args.i];
    }
    if (!file)
        return cli_usage_error("sensitivity", "no scenario file given");
    if (!so.output)
        return cli_usage_error("sensitivity",
                               "no --output given, expected one output "
                               "such as forecast:ISSUE[:MODEL]");
    cli_out_init(&out);
    ctx = parley_ctx_new(NULL);
    if (!ctx) {
        fprintf(stderr, "parley sensitivity: out of memory\n");
        return PARLEY_ENOMEM;
    }
    parley_ctx_set_limits(ctx, &common.limits);
    cli_progress_init(&bar, "sensitivity", progress);
    so.progress = cli_progress_update;
    so.progress_user = &bar;
    status = parley_scenario_load(ctx, file, &common.load, &s);
    if (status == PARLEY_OK)
        status = parley_sensitivity_run(ctx, s, &so, &r);
    cli_progress_done(&bar);
    if (status == PARLEY_OK)
        status =
            common.json
                ? parley_sensitivity_write_json(ctx, s, r, cli_out_sink(&out))
                : parley_sensitivity_write_text(ctx, s, r, cli_out_sink(&out));
    if (status == PARLEY_OK)
        status = cli_out_flush(&out);
    else
        cli_print_diagnostics(ctx);
    cli_out_free(&out);
    parley_sensitivity_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
