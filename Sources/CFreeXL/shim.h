/* The C interface of libfreexl (Debian libfreexl-dev), found on the include path. */
#ifndef UNIONBATCH_CFREEXL_SHIM_H
#define UNIONBATCH_CFREEXL_SHIM_H

#include <freexl.h>

#endif
