/* minizip 1.1's zip.h (the copy libxlsxwriter-dev ships, same API as Debian's libminizip1) and zlib.h. */
#ifndef UNIONBATCH_CMINIZIP_SHIM_H
#define UNIONBATCH_CMINIZIP_SHIM_H

#include <zlib.h>
#include <xlsxwriter/third_party/zip.h>

#endif
