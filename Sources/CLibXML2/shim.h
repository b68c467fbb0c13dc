/* The C interface of libxml2's parser (Debian libxml2-dev); pkg-config libxml-2.0 gives its include path. */
#ifndef UNIONBATCH_CLIBXML2_SHIM_H
#define UNIONBATCH_CLIBXML2_SHIM_H

#include <libxml/parser.h>

#endif
