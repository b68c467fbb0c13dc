/* ISA-L's deflate interface (Debian libisal-dev), found on the include path. */
#ifndef UNIONBATCH_CISAL_SHIM_H
#define UNIONBATCH_CISAL_SHIM_H

#include <isa-l/igzip_lib.h>
/* Its CRC-32 (the ZIP and gzip one), for checking parts read from a package. */
#include <isa-l/crc.h>

/* The level-1 buffer size CDeflate uses, as a value Swift can see (the macro is an expression). */
static const unsigned int unionbatch_isal_level1_buffer_size = ISAL_DEF_LVL1_LARGE;

#endif
