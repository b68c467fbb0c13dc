// SHA-256 block compression with the x86 SHA extensions, for UnionCore.SHA256 (which has the portable code).
#ifndef UNIONBATCH_SHA256_BLOCKS_H
#define UNIONBATCH_SHA256_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this processor has the SHA extensions (with SSSE3 and SSE4.1), else 0.
int unionbatch_sha256_blocks_available(void);

/// Compresses `count` 64-byte blocks at `data` into `state` (a..h). Only when available.
void unionbatch_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t count);

#endif
