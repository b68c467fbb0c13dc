/* OpenSSL's one-shot HMAC (Debian libssl-dev), found on the include path. */
#ifndef UNIONBATCH_CCRYPTO_SHIM_H
#define UNIONBATCH_CCRYPTO_SHIM_H

#include <openssl/evp.h>
#include <openssl/hmac.h>

#endif
