/* ISA-L's deflate interface (Debian libisal-dev), found on the include path. */
#ifndef UNIONBATCH_CISAL_SHIM_H
#define UNIONBATCH_CISAL_SHIM_H

#include <isa-l/igzip_lib.h>

#endif
