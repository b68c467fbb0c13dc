/* zlib's deflateInit2_/deflate/deflateEnd over ISA-L's igzip, for the raw streams minizip opens for libxlsxwriter.
 *
 * Why: zlib's level-6 match finding was about 35-40% of a run's CPU (README, performance notes). libxlsxwriter
 * calls minizip, which calls zlib by name, so these definitions, exported from the executable, are what
 * libminizip.so binds to. Only streams opened on a thread that turned the switch on, raw (windowBits -15,
 * what minizip asks for), with the default strategy, go to ISA-L; every other stream of the process
 * (ZIPFoundation, compress2, anything) is forwarded unchanged to the zlib found after us (RTLD_NEXT).
 * ISA-L's output is deterministic for the same input and the same sequence of calls. */
#define _GNU_SOURCE
#include "cdeflate.h"

#include <dlfcn.h>
#include <isa-l/igzip_lib.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Level 1 with a large buffer: the fastest ISA-L level; see README for the sizes it gives. */
#ifndef FAST_LEVEL
#define FAST_LEVEL 1
#endif
#if FAST_LEVEL == 1
#define FAST_LEVEL_BUF_SIZE ISAL_DEF_LVL1_LARGE
#elif FAST_LEVEL == 2
#define FAST_LEVEL_BUF_SIZE ISAL_DEF_LVL2_LARGE
#else
#define FAST_LEVEL_BUF_SIZE ISAL_DEF_LVL3_LARGE
#endif
#ifndef UNIONBATCH_FAST_DEFLATE_DEFAULT
#define UNIONBATCH_FAST_DEFLATE_DEFAULT 0
#endif
/* zlib's own state starts with its z_stream pointer then a status out of {42, 57, 69, 73, 91, 103, 113, 666};
 * ours starts alike with a status zlib never uses, so a stream tells whose it is. */
#define FAST_STATUS 0x15A1

struct fast_state {
    z_streamp strm;
    int status;
    int finished;
    struct isal_zstream isal;
    unsigned char level_buf[FAST_LEVEL_BUF_SIZE];
};

static _Thread_local int thread_on = UNIONBATCH_FAST_DEFLATE_DEFAULT;
static atomic_int process_allowed = 1;
static atomic_ulong streams_taken;

int unionbatch_fast_deflate_allow(int on) { return atomic_exchange(&process_allowed, on); }

int unionbatch_fast_deflate_set(int on) {
    int previous = thread_on;
    thread_on = on;
    return previous;
}

unsigned long unionbatch_fast_deflate_streams(void) { return atomic_load(&streams_taken); }

typedef int (*init2_fn)(z_streamp, int, int, int, int, int, const char *, int);
typedef int (*deflate_fn)(z_streamp, int);
typedef int (*end_fn)(z_streamp);

/* The next definition in lookup order: libz.so.1's. dlopen is only the fallback if nothing loaded it yet. */
static void *zlib_lookup(const char *name) {
    void *symbol = dlsym(RTLD_NEXT, name);
    if (symbol == NULL) {
        void *library = dlopen("libz.so.1", RTLD_NOW | RTLD_GLOBAL);
        if (library != NULL) symbol = dlsym(library, name);
    }
    return symbol;
}

/* Looked up once per function; threads racing here store the same address. */
static void *zlib_symbol(_Atomic(void *) *cache, const char *name) {
    void *symbol = atomic_load_explicit(cache, memory_order_acquire);
    if (symbol == NULL) {
        symbol = zlib_lookup(name);
        atomic_store_explicit(cache, symbol, memory_order_release);
    }
    return symbol;
}

static _Atomic(void *) zlib_init2, zlib_deflate, zlib_end;

static struct fast_state *ours(z_streamp strm) {
    struct fast_state *state = (struct fast_state *)(void *)strm->state;
    if (state == NULL || state->strm != strm || state->status != FAST_STATUS) return NULL;
    return state;
}

static int take_stream(z_streamp strm, int level, int method, int windowBits, int strategy) {
    return thread_on && atomic_load(&process_allowed) && method == Z_DEFLATED && windowBits == -MAX_WBITS && strategy == Z_DEFAULT_STRATEGY &&
           level != 0 && strm != NULL;
}

int deflateInit2_(z_streamp strm, int level, int method, int windowBits, int memLevel, int strategy,
                  const char *version, int stream_size) {
    if (!take_stream(strm, level, method, windowBits, strategy)) {
        init2_fn next = (init2_fn)zlib_symbol(&zlib_init2, "deflateInit2_");
        return next ? next(strm, level, method, windowBits, memLevel, strategy, version, stream_size) : Z_VERSION_ERROR;
    }
    if (version == NULL || version[0] != ZLIB_VERSION[0] || stream_size != (int)sizeof(z_stream)) return Z_VERSION_ERROR;
    struct fast_state *state = malloc(sizeof *state);
    if (state == NULL) return Z_MEM_ERROR;
    memset(state, 0, sizeof *state);
    state->strm = strm;
    state->status = FAST_STATUS;
    isal_deflate_init(&state->isal);
    state->isal.level = FAST_LEVEL;
    state->isal.level_buf = state->level_buf;
    state->isal.level_buf_size = FAST_LEVEL_BUF_SIZE;
    state->isal.gzip_flag = IGZIP_DEFLATE;
    state->isal.flush = NO_FLUSH;
    strm->state = (struct internal_state *)(void *)state;
    strm->total_in = strm->total_out = 0;
    strm->msg = Z_NULL;
    strm->data_type = Z_UNKNOWN;
    strm->adler = 1;  /* what zlib leaves in adler for a raw stream: adler32(0, NULL, 0) */
    atomic_fetch_add(&streams_taken, 1);
    return Z_OK;
}

/* One ISA-L call over the caller's buffers, the z_stream's counters moved on as zlib moves them. */
static int fast_step(z_streamp strm, struct fast_state *state, int finish) {
    struct isal_zstream *isal = &state->isal;
    isal->next_in = strm->next_in;
    isal->avail_in = strm->avail_in;
    isal->next_out = strm->next_out;
    isal->avail_out = strm->avail_out;
    isal->end_of_stream = finish;
    int result = isal_deflate(isal);
    uInt consumed = strm->avail_in - isal->avail_in;
    uInt produced = strm->avail_out - isal->avail_out;
    strm->next_in = isal->next_in;
    strm->avail_in = isal->avail_in;
    strm->next_out = isal->next_out;
    strm->avail_out = isal->avail_out;
    strm->total_in += consumed;
    strm->total_out += produced;
    if (result != COMP_OK) {
        strm->msg = (char *)"isal_deflate failed";
        return Z_STREAM_ERROR;
    }
    if (finish && isal->internal_state.state == ZSTATE_END) state->finished = 1;
    return (consumed == 0 && produced == 0 && !state->finished) ? Z_BUF_ERROR : Z_OK;
}

int deflate(z_streamp strm, int flush) {
    struct fast_state *state = strm ? ours(strm) : NULL;
    if (state == NULL) {
        deflate_fn next = (deflate_fn)zlib_symbol(&zlib_deflate, "deflate");
        return next ? next(strm, flush) : Z_STREAM_ERROR;
    }
    if (flush != Z_NO_FLUSH && flush != Z_FINISH) return Z_STREAM_ERROR;  /* minizip uses only these two */
    if (strm->next_out == NULL || (strm->avail_in != 0 && strm->next_in == NULL)) return Z_STREAM_ERROR;
    if (state->finished) return flush == Z_FINISH && strm->avail_in == 0 ? Z_STREAM_END : Z_STREAM_ERROR;
    if (strm->avail_out == 0) return Z_BUF_ERROR;
    int result = fast_step(strm, state, flush == Z_FINISH);
    if (result == Z_STREAM_ERROR) return result;
    if (state->finished) return Z_STREAM_END;
    return result;
}

int deflateEnd(z_streamp strm) {
    struct fast_state *state = strm ? ours(strm) : NULL;
    if (state == NULL) {
        end_fn next = (end_fn)zlib_symbol(&zlib_end, "deflateEnd");
        return next ? next(strm) : Z_STREAM_ERROR;
    }
    int unfinished = !state->finished;
    memset(state, 0, sizeof(z_streamp) + sizeof(int));
    free(state);
    strm->state = Z_NULL;
    return unfinished ? Z_DATA_ERROR : Z_OK;
}
