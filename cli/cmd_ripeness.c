/*
 * cmd_ripeness.c -- `parley ripeness FILE`: month by month along the
 * scenario's dynamics, whether the zone of possible agreement is open,
 * the first month it opens, the parties whose reservation values keep it
 * shut, and optionally a negotiation protocol run along the same path.
 * Also the negotiation options that `parley simulate` shares.  A thin
 * client of include/parley.h.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A text option stored as is; returns 1/0/-1. */
static int text_option(cli_args *args, const char *name, const char **out)
{
    const char *v = NULL;
    int error = 0;

    if (!cli_value(args, name, &v, &error))
        return 0;
    if (error)
        return -1;
    *out = v;
    return 1;
}

/* An integer from 0 to max; returns 1/0/-1. */
static int int_option(cli_args *args, const char *name, int max, int *out)
{
    size_t n = 0;
    int rc = cli_size_option(args, name, &n);

    if (rc <= 0)
        return rc;
    if (n > (size_t)max) {
        cli_usage_error(args->command,
                        "%s %zu is too large, expected at most %d", name, n,
                        max);
        return -1;
    }
    *out = (int)n;
    return 1;
}

/* --tactic KIND[:E]. */
static int tactic_option(cli_args *args, parley_negotiation_options *o)
{
    static const char *const names[] = {"linear", "boulware", "conceder",
                                        "hardheaded"};
    const char *v = NULL, *colon;
    int error = 0;
    size_t i, len;

    if (!cli_value(args, "--tactic", &v, &error))
        return 0;
    if (error)
        return -1;
    colon = strchr(v, ':');
    len = colon ? (size_t)(colon - v) : strlen(v);
    for (i = 0; i < 4; i++)
        if (strlen(names[i]) == len && strncmp(v, names[i], len) == 0)
            break;
    if (i == 4) {
        cli_usage_error(args->command,
                        "--tactic '%s': expected linear, boulware:E, "
                        "conceder:E or hardheaded",
                        v);
        return -1;
    }
    o->tactic = (parley_tactic_kind)i;
    if (colon && cli_parse_double(args->command, "--tactic exponent", colon + 1,
                                  &o->exponent) != 0)
        return -1;
    if (!colon &&
        (i == PARLEY_TACTIC_BOULWARE || i == PARLEY_TACTIC_CONCEDER)) {
        cli_usage_error(args->command,
                        "--tactic %s needs an exponent, expected %s:E", v, v);
        return -1;
    }
    return 1;
}

/* The negotiation options shared by `parley ripeness` and `parley
 * simulate`; returns 1/0/-1 like cli_common_option. */
int cli_negotiation_option(cli_args *args, parley_negotiation_options *o)
{
    int rc;

    if ((rc = cli_space_option(args, &o->space)) != 0 ||
        (rc = text_option(args, "--zopa-parties", &o->space.parties)) != 0 ||
        (rc = text_option(args, "--signatories", &o->signatories)) != 0 ||
        (rc = text_option(args, "--armistice", &o->armistice_issue)) != 0 ||
        (rc = text_option(args, "--armistice-outcome",
                          &o->armistice_outcome)) != 0 ||
        (rc = text_option(args, "--frozen", &o->frozen)) != 0 ||
        (rc = text_option(args, "--frozen-outcome", &o->frozen_outcome)) != 0 ||
        (rc = text_option(args, "--collapse", &o->collapse)) != 0 ||
        (rc = text_option(args, "--collapse-outcome", &o->collapse_outcome)) !=
            0 ||
        (rc = int_option(args, "--deadline", 600, &o->deadline)) != 0 ||
        (rc = int_option(args, "--frozen-months", 600, &o->frozen_months)) != 0)
        return rc;
    return tactic_option(args, o);
}

/* --protocol alternating|mediator|none|scenario (the scenario's, else
 * alternating); returns 1/0/-1. */
int cli_protocol_option(cli_args *args, parley_negotiation_options *o)
{
    /* in the order of parley_protocol_kind */
    static const char *const names[] = {"none", "alternating", "mediator",
                                        "scenario"};
    int rc, pick = 0;

    rc = cli_keyword_option(args, "--protocol", names, 4, &pick);
    if (rc > 0)
        o->protocol = (parley_protocol_kind)pick;
    return rc;
}

/* The options of `parley ripeness`, and whether --protocol was given. */
typedef struct ripeness_cli {
    parley_ripeness_options options;
    int protocol_given;
} ripeness_cli;

static int ripeness_option(cli_args *args, void *user)
{
    ripeness_cli *cli = user;
    parley_ripeness_options *o = &cli->options;
    const char *v = NULL;
    int error = 0, rc;

    if (cli_flag(args, "--no-blocking")) {
        o->blocking = 0;
        return 1;
    }
    if (cli_flag(args, "--fixed-inputs")) {
        o->sample_inputs = 0;
        return 1;
    }
    if (cli_value(args, "--draw", &v, &error)) {
        if (error || cli_parse_u64("ripeness", "--draw", v, &o->draw))
            return -1;
        o->replay = 1;
        return 1;
    }
    if (cli_value(args, "--seed", &v, &error)) {
        if (error || cli_parse_u64("ripeness", "--seed", v, &o->seed))
            return -1;
        return 1;
    }
    if ((rc = int_option(args, "--months", 600, &o->months)) != 0)
        return rc;
    if ((rc = cli_protocol_option(args, &o->negotiation)) != 0) {
        cli->protocol_given = rc > 0;
        return rc;
    }
    return cli_negotiation_option(args, &o->negotiation);
}

int cmd_ripeness(int argc, char **argv)
{
    cli_common common;
    cli_args args;
    ripeness_cli cli;
    parley_ripeness_options *ro = &cli.options;
    const char *files[1];
    size_t n_files = 0;
    parley_ctx *ctx = NULL;
    parley_scenario *s = NULL;
    parley_ripeness *r = NULL;
    cli_out out;
    int status;

    cli_common_init(&common);
    parley_ripeness_options_set_default(ro);
    cli.protocol_given = 0;
    cli_args_init(&args, argc, argv, "ripeness");
    status = cli_parse(&args, &common, ripeness_option, &cli, files, &n_files,
                       1, "scenario file");
    if (status != CLI_CONTINUE)
        return status;
    if (!n_files)
        return cli_usage_error("ripeness", "no scenario file given");
    /* the protocol runs along the path only when --protocol names one
     * (`scenario`: the scenario's) */
    ro->trace =
        cli.protocol_given && ro->negotiation.protocol != PARLEY_PROTOCOL_NONE;
    if (!ro->trace)
        ro->negotiation.protocol = PARLEY_PROTOCOL_NONE;
    cli_out_init(&out);
    ctx = cli_ctx_new("ripeness", &common);
    if (!ctx)
        return PARLEY_ENOMEM;
    status = cli_load(ctx, &common, files, n_files, &s);
    if (status == PARLEY_OK)
        status = parley_ripeness_run(ctx, s, ro, &r);
    if (status == PARLEY_OK)
        status =
            common.json
                ? parley_ripeness_write_json(ctx, s, r, cli_out_sink(&out))
                : parley_ripeness_write_text(ctx, s, r, cli_out_sink(&out));
    status = cli_out_finish(&out, ctx, status);
    parley_ripeness_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    return status;
}
