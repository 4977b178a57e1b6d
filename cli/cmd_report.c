/*
 * cmd_report.c -- `parley report FILE`: the case study of a scenario (the
 * main job of `make run`): the forecast per issue, the named proposals
 * evaluated, the zone of agreement and when it opens, P(deal) and each
 * outcome type by month with intervals, the durability of the leading
 * package and the third party's scorecard.  A thin client of
 * include/parley.h.
 */
#include "cli.h"

#include <string.h>

typedef struct report_cli {
    parley_report_options o;
    int progress;
} report_cli;

/* The report's own options, then the forecast and negotiation ones. */
static int report_option(cli_args *args, void *user)
{
    report_cli *c = user;
    parley_report_options *o = &c->o;
    const char *v = NULL;
    int error = 0, rc;

    if (cli_flag(args, "--no-progress")) {
        c->progress = 0;
        return 1;
    }
    if (cli_flag(args, "--no-simulation")) {
        o->skip_simulation = 1;
        return 1;
    }
    if (cli_flag(args, "--fixed-inputs")) {
        o->simulate.sample_inputs = 0;
        return 1;
    }
    if ((rc = cli_run_option(args, &o->simulate.draws, &o->simulate.seed,
                             &o->simulate.months, &o->simulate.threads)) != 0)
        return rc;
    if (cli_value(args, "--every", &v, &error))
        return error || cli_parse_int("report", "--every", v, 600, &o->every)
                   ? -1
                   : 1;
    if (cli_value(args, "--coverage", &v, &error))
        return error || cli_parse_double("report", "--coverage", v,
                                         &o->simulate.coverage)
                   ? -1
                   : 1;
    if (cli_value(args, "--impact", &v, &error)) {
        if (error)
            return -1;
        o->impact = v;
        return 1;
    }
    if ((rc = cli_forecast_option(args, &o->forecast)) != 0)
        return rc;
    if ((rc = cli_protocol_option(args, &o->simulate.negotiation)) != 0)
        return rc;
    return cli_negotiation_option(args, &o->simulate.negotiation);
}

int cmd_report(int argc, char **argv)
{
    cli_common common;
    cli_args args;
    report_cli c;
    cli_progress bar;
    const char *files[2];
    size_t n_files = 0;
    parley_ctx *ctx = NULL;
    parley_scenario *s = NULL;
    parley_report *r = NULL;
    cli_out out;
    int status;

    cli_common_init(&common);
    memset(&c, 0, sizeof c);
    parley_report_options_set_default(&c.o);
    c.progress = 1;
    cli_args_init(&args, argc, argv, "report");
    status = cli_parse(&args, &common, report_option, &c, files, &n_files, 1,
                       "scenario file");
    if (status != CLI_CONTINUE)
        return status;
    if (!n_files)
        return cli_usage_error("report", "no scenario file given");
    cli_out_init(&out);
    ctx = cli_ctx_new("report", &common);
    if (!ctx)
        return PARLEY_ENOMEM;
    cli_progress_init(&bar, "report", c.progress);
    c.o.simulate.progress = cli_progress_update;
    c.o.simulate.progress_user = &bar;
    status = cli_load(ctx, &common, files, n_files, &s);
    if (status == PARLEY_OK)
        status = parley_report_run(ctx, s, &c.o, &r);
    cli_progress_done(&bar);
    if (status == PARLEY_OK)
        status = common.json ? parley_report_write_json(ctx, s, r, &c.o,
                                                        cli_out_sink(&out))
                             : parley_report_write_text(ctx, s, r, &c.o,
                                                        cli_out_sink(&out));
    status = cli_out_finish(&out, ctx, status);
    parley_report_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
