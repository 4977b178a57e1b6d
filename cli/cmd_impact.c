/*
 * cmd_impact.c -- `parley impact FILE`: for each proposal its outcome type,
 * who accepts it, its durability with the breakdown by factor, and the
 * third party's impact scorecard; optionally the scorecard of every
 * outcome type and the expected scorecard of a distribution over them.
 * A thin client of include/parley.h.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_impact(int argc, char **argv)
{
    cli_common common;
    cli_args args;
    parley_impact_options io;
    parley_simulate_options so;
    parley_simulation *sim = NULL;
    cli_progress bar;
    double *probability = NULL;
    char label[160];
    const char *file = NULL, *proposals = NULL;
    int all = 0, simulate = 0, progress = 1;
    parley_ctx *ctx = NULL;
    parley_scenario *s = NULL;
    parley_impact_report *r = NULL;
    cli_out out;
    int status;

    cli_common_init(&common);
    parley_impact_options_set_default(&io);
    parley_simulate_options_set_default(&so);
    so.draws = 2000;
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
        /* the simulated outcome distribution */
        if (cli_flag(&args, "--simulate")) {
            simulate = 1;
            continue;
        }
        if (cli_flag(&args, "--no-progress")) {
            progress = 0;
            continue;
        }
        if (cli_flag(&args, "--fixed-inputs")) {
            so.sample_inputs = 0;
            simulate = 1;
            continue;
        }
        rc = cli_run_option(&args, &so.draws, &so.seed, &so.months, NULL);
        if (rc < 0)
            return PARLEY_EINVAL;
        if (rc > 0) {
            simulate = 1;
            continue;
        }
        rc = cli_run_option(&args, NULL, NULL, NULL, &so.threads);
        if (rc < 0)
            return PARLEY_EINVAL;
        if (rc > 0)
            continue;
        rc = cli_protocol_option(&args, &so.negotiation);
        if (rc == 0)
            rc = cli_negotiation_option(&args, &so.negotiation);
        if (rc > 0)
            simulate = 1;
        if (rc == 0)
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
    if (simulate && io.distribution)
        return cli_usage_error("impact", "--distribution and a simulation "
                                         "(--simulate, --draws, --seed, ...) "
                                         "both given; expected one of them");
    /* proposals: the listed ones, every one (--all, or nothing else asked
     * for), or none when only outcome tables are asked for */
    io.proposals = proposals ? proposals
                   : all     ? NULL
                   : io.by_outcome || io.distribution || simulate ? ""
                                                                  : NULL;
    cli_out_init(&out);
    ctx = parley_ctx_new(NULL);
    if (!ctx) {
        fprintf(stderr, "parley impact: out of memory\n");
        return PARLEY_ENOMEM;
    }
    parley_ctx_set_limits(ctx, &common.limits);
    status = parley_scenario_load(ctx, file, &common.load, &s);
    if (status == PARLEY_OK && simulate) {
        /* P(each outcome type) at the horizon over the simulated talks */
        cli_progress_init(&bar, "impact", progress);
        so.progress = cli_progress_update;
        so.progress_user = &bar;
        so.outputs = "protocol";
        status = parley_simulate_run(ctx, s, &so, &sim);
        cli_progress_done(&bar);
        if (status == PARLEY_OK) {
            size_t n = parley_scenario_n_outcomes(s);

            probability = calloc(n ? n : 1, sizeof *probability);
            status = probability ? parley_simulation_outcomes(
                                       ctx, s, sim, -1, probability)
                                 : PARLEY_ENOMEM;
        }
        if (status == PARLEY_OK) {
            char when[16];

            parley_month_label(sim->start_year, sim->start_month,
                               sim->months, when, sizeof when);
            snprintf(label, sizeof label,
                     "the simulated distribution at %s (%zu draws, seed "
                     "%llu)",
                     when, sim->draws, (unsigned long long)sim->seed);
            io.probability = probability;
            io.probability_label = label;
        }
    }
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
    free(probability);
    parley_simulation_free(ctx, sim);
    parley_impact_report_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
