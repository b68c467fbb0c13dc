/* The switch that routes libxlsxwriter's ZIP deflate (through minizip) to ISA-L on the calling thread. */
#ifndef UNIONBATCH_CDEFLATE_H
#define UNIONBATCH_CDEFLATE_H

/* zlib's deflate API, which Swift code that compresses a part as minizip does calls (and this routes). */
#include <zlib.h>

/* While on (non-zero), raw-deflate streams that this thread opens with deflateInit2_ are compressed by
 * ISA-L's igzip; every other stream, and every stream while off, is zlib's own. Returns the previous value. */
int unionbatch_fast_deflate_set(int on);

/* Process-wide: while off (0), no thread's switch has any effect and every stream is zlib's (default on).
 * Tests turn it off to write the zlib build they compare with. Returns the previous value. */
int unionbatch_fast_deflate_allow(int on);

/* How many streams this process has compressed with ISA-L so far (tests check the route is taken). */
unsigned long unionbatch_fast_deflate_streams(void);

#endif
