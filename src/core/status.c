/*
 * status.c -- descriptions of status codes.
 */
#include "parley.h"

/* Describes every status value; unknown values get a generic text. */
const char *parley_strerror(parley_status status)
{
    switch (status) {
    case PARLEY_OK:
        return "success";
    case PARLEY_ENOMEM:
        return "out of memory";
    case PARLEY_EINVAL:
        return "invalid argument";
    case PARLEY_EPARSE:
        return "malformed input";
    case PARLEY_EIO:
        return "input/output error";
    case PARLEY_ELIMIT:
        return "limit exceeded";
    case PARLEY_EVALID:
        return "invalid scenario";
    case PARLEY_ENOTFOUND:
        return "not found";
    case PARLEY_EFORMAT:
        return "unknown input format";
    case PARLEY_EUNSUPPORTED:
        return "not supported for this input";
    }
    return "unknown status";
}
