/* ISA-L's deflate interface (Debian libisal-dev), found on the include path. */
#ifndef UNIONBATCH_CISAL_SHIM_H
#define UNIONBATCH_CISAL_SHIM_H

#include <isa-l/igzip_lib.h>
/* Its CRC-32 (the ZIP and gzip one), for checking parts read from a package. */
#include <isa-l/crc.h>

#endif
