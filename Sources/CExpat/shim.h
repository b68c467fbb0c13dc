/* The C interface of libexpat (Debian libexpat1-dev), found on the include path. */
#ifndef UNIONBATCH_CEXPAT_SHIM_H
#define UNIONBATCH_CEXPAT_SHIM_H

#include <expat.h>

#endif
