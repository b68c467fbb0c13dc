/* The C interface of libxlsxwriter (Debian libxlsxwriter-dev), found on the include path. */
#ifndef UNIONBATCH_CXLSXWRITER_SHIM_H
#define UNIONBATCH_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#endif
