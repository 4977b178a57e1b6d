/*
 * cmd_simulate.c -- `parley simulate FILE`: Monte Carlo over every
 * uncertain input of a scenario with its monthly dynamics.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_forecast_option(cli_args *args, parley_forecast_options *fo);

int cmd_simulate(int argc, char **argv)
{
    cli_common common;
    cli_args args;
    parley_simulate_options so;
    cli_progress bar;
    const char *file = NULL;
    parley_ctx *ctx = NULL;
    parley_scenario *s = NULL;
    parley_simulation *sim = NULL;
    int progress = 1, status;
    cli_out out;

    cli_common_init(&common);
    parley_simulate_options_set_default(&so);
    memset(&args, 0, sizeof args);
    args.argc = argc;
    args.argv = argv;
    args.command = "simulate";
    for (args.i = 1; args.i < argc; args.i++) {
        const char *v = NULL;
        int rc, error = 0;

        if (cli_flag(&args, "--help") || cli_flag(&args, "-h"))
            return cli_print_help("simulate");
        if (cli_flag(&args, "--fixed-inputs")) {
            so.sample_inputs = 0;
            continue;
        }
        if (cli_flag(&args, "--no-progress")) {
            progress = 0;
            continue;
        }
        rc = cli_run_option(&args, &so.draws, &so.seed, &so.months,
                            &so.threads);
        if (rc < 0)
            return PARLEY_EINVAL;
        if (rc > 0)
            continue;
        if (cli_value(&args, "--every", &v, &error)) {
            if (error ||
                cli_parse_int("simulate", "--every", v, 600, &so.report_every))
                return PARLEY_EINVAL;
            continue;
        }
        if (cli_value(&args, "--output", &v, &error) ||
            cli_value(&args, "--outputs", &v, &error)) {
            if (error)
                return PARLEY_EINVAL;
            so.outputs = v;
            continue;
        }
        if (cli_value(&args, "--zone-parties", &v, &error)) {
            if (error)
                return PARLEY_EINVAL;
            so.zone_parties = v;
            continue;
        }
        if (cli_value(&args, "--coverage", &v, &error)) {
            if (error ||
                cli_parse_double("simulate", "--coverage", v, &so.coverage))
                return PARLEY_EINVAL;
            continue;
        }
        if (cli_value(&args, "--max-draws", &v, &error)) {
            if (error || cli_parse_size("simulate", "--max-draws", v,
                                        &common.limits.max_draws))
                return PARLEY_EINVAL;
            continue;
        }
        if (cli_value(&args, "--max-memory", &v, &error)) {
            if (error || cli_parse_size("simulate", "--max-memory", v,
                                        &so.max_sample_bytes))
                return PARLEY_EINVAL;
            continue;
        }
        rc = cli_common_option(&args, &common);
        if (rc == 0)
            rc = cli_forecast_option(&args, &so.forecast);
        if (rc == 0)
            rc = cli_protocol_option(&args, &so.negotiation);
        if (rc == 0)
            rc = cli_negotiation_option(&args, &so.negotiation);
        if (rc < 0)
            return PARLEY_EINVAL;
        if (rc > 0)
            continue;
        if (argv[args.i][0] == '-' && argv[args.i][1] != '\0')
            return cli_usage_error("simulate", "unknown option '%s'",
                                   argv[args.i]);
        if (file)
            return cli_usage_error("simulate",
                                   "more than one scenario file given");
        file = argv[args.i];
    }
    if (!file)
        return cli_usage_error("simulate", "no scenario file given");
    cli_out_init(&out);
    ctx = parley_ctx_new(NULL);
    if (!ctx) {
        fprintf(stderr, "parley simulate: out of memory\n");
        return PARLEY_ENOMEM;
    }
    parley_ctx_set_limits(ctx, &common.limits);
    cli_progress_init(&bar, "simulate", progress);
    so.progress = cli_progress_update;
    so.progress_user = &bar;
    status = parley_scenario_load(ctx, file, &common.load, &s);
    if (status == PARLEY_OK)
        status = parley_simulate_run(ctx, s, &so, &sim);
    cli_progress_done(&bar);
    if (status == PARLEY_OK)
        status = common.json ? parley_simulation_write_json(ctx, s, sim, &so,
                                                            cli_out_sink(&out))
                             : parley_simulation_write_text(ctx, s, sim, &so,
                                                            cli_out_sink(&out));
    if (status == PARLEY_OK)
        status = cli_out_flush(&out);
    else
        cli_print_diagnostics(ctx);
    cli_out_free(&out);
    parley_simulation_free(ctx, sim);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
