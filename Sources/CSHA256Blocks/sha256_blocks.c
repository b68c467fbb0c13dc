// SHA-256 block compression with the x86 SHA extensions (SHA256RNDS2, SHA256MSG1, SHA256MSG2).
// The state lives in two registers as the instructions want it: ABEF and CDGH, highest lane first.
#include "sha256_blocks.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>

static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

int unionbatch_sha256_blocks_available(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    int sha = (b >> 29) & 1;
    return ssse3 && sse41 && sha;
}

__attribute__((target("sha,ssse3,sse4.1")))
void unionbatch_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t count) {
    // Each 32-bit word of the message is big-endian.
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);

    // a b c d | e f g h  ->  ABEF (A in the highest lane) | CDGH.
    __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);  // b a d c
    __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B);  // h g f e
    __m128i abef = _mm_alignr_epi8(abcd, efgh, 8);                                         // f e b a
    __m128i cdgh = _mm_blend_epi16(efgh, abcd, 0xF0);                                      // h g d c

    while (count--) {
        const __m128i abef_before = abef, cdgh_before = cdgh;
        __m128i w[4];
        for (int i = 0; i < 4; i++) {
            w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), byteswap);
        }
        // Sixteen groups of four rounds; from the fifth on, the group's four words come from the last sixteen.
        for (int g = 0; g < 16; g++) {
            if (g >= 4) {
                const __m128i w0 = w[g & 3], w1 = w[(g + 1) & 3], w2 = w[(g + 2) & 3], w3 = w[(g + 3) & 3];
                // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], four at a time.
                __m128i next = _mm_sha256msg1_epu32(w0, w1);
                next = _mm_add_epi32(next, _mm_alignr_epi8(w3, w2, 4));
                w[g & 3] = _mm_sha256msg2_epu32(next, w3);
            }
            const __m128i wk = _mm_add_epi32(w[g & 3], _mm_loadu_si128((const __m128i *)&round_constants[4 * g]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);                        // two rounds: the new ABEF
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));  // two more, the upper words
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
        data += 64;
    }

    // Back to a b c d | e f g h.
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);   // a b e f
    __m128i hgdc = _mm_shuffle_epi32(cdgh, 0xB1);   // g h c d
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, hgdc, 0xF0));  // a b c d
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(hgdc, feba, 8));     // e f g h
}

#else

int unionbatch_sha256_blocks_available(void) { return 0; }
void unionbatch_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t count) { (void)state; (void)data; (void)count; }

#endif
