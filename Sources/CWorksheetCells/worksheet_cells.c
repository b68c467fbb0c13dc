/* One .xlsx worksheet part's libxml2 SAX2 events turned into records in C: element names are compared as
   the parser's interned pointers and a cell costs one record, so a million-row sheet makes no call into
   Swift per element. The records keep the order of the events; the reader in Swift numbers rows and columns
   and reads the values. Namespaces are not looked at (writers differ in prefixes, never in local names), so
   an undeclared prefix, a namespace error to libxml2, is no error here; every well-formedness error is. */
#include "worksheet_cells.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The names looked for, interned in the parser's dictionary: an element or attribute name is one of them
   exactly when it is the same pointer. */
typedef struct wc_names {
    const xmlChar *c, *v, *t, *is, *row, *rPh, *mergeCell, *r, *s, *hidden, *ref, *si;
} wc_names;

struct wc_sheet {
    xmlParserCtxtPtr parser;
    xmlSAXHandler sax;
    wc_names names;
    wc_batch batch;
    int merges;
    /* A shared strings part, not a sheet. */
    int strings;
    int in_item;
    int refusal;
    /* The parse was stopped here (a refusal, a record WC_BAD_*, memory, or a cut that did not hold). */
    int stopped;
    /* libxml2 said an error (on_error). */
    int failed;
    /* The part's encoding was looked at (at its first element). */
    int encoding_checked;
    /* The first well-formedness error: libxml2's words and line. */
    char error_text[160];
    long error_line;
    /* The cell being read: its value, and its start (reference, type, style) until a record carries it. */
    uint8_t *value;
    size_t value_count;
    size_t value_capacity;
    int start_pending;
    wc_record start;
    int in_cell;
    int capturing;
    int in_inline;
    long phonetic_depth;
    int cut_broken;
};

static int grow(void **buffer, size_t *capacity, size_t needed, size_t item) {
    if (needed <= *capacity) return 1;
    size_t next = *capacity ? *capacity : 256;
    while (next < needed) next *= 2;
    void *grown = realloc(*buffer, next * item);
    if (!grown) return 0;
    *buffer = grown;
    *capacity = next;
    return 1;
}

static void stop(wc_sheet *sheet) {
    if (sheet->stopped) return;
    sheet->stopped = 1;
    xmlStopParser(sheet->parser);
}

static void out_of_memory(wc_sheet *sheet) {
    sheet->refusal = 2;
    stop(sheet);
}

/* Bytes appended to the batch's text; their offset, or -1 when memory ran out. */
static long put_text(wc_sheet *sheet, const void *bytes, size_t count) {
    wc_batch *b = &sheet->batch;
    if (b->text_count + count > UINT32_MAX) { out_of_memory(sheet); return -1; }
    if (!grow((void **)&b->text, &b->text_capacity, b->text_count + count, 1)) { out_of_memory(sheet); return -1; }
    long at = (long)b->text_count;
    if (count) memcpy(b->text + at, bytes, count);
    b->text_count += count;
    return at;
}

static wc_record *push_raw(wc_sheet *sheet) {
    wc_batch *b = &sheet->batch;
    if (!grow((void **)&b->records, &b->capacity, b->count + 1, sizeof(wc_record))) { out_of_memory(sheet); return NULL; }
    wc_record *r = &b->records[b->count++];
    memset(r, 0, sizeof *r);
    return r;
}

/* The start of a cell not yet said, as a record of its own: something else came before its end. */
static int say_pending_start(wc_sheet *sheet) {
    if (!sheet->start_pending) return 1;
    sheet->start_pending = 0;
    wc_record *s = push_raw(sheet);
    if (!s) return 0;
    *s = sheet->start;
    s->kind = WC_CELL_START;
    return 1;
}

/* A new record, after the start of a cell not yet said (the records keep the events' order). */
static wc_record *push(wc_sheet *sheet, uint8_t kind) {
    if (!say_pending_start(sheet)) return NULL;
    wc_record *r = push_raw(sheet);
    if (r) r->kind = kind;
    return r;
}

static void push_with_text(wc_sheet *sheet, uint8_t kind, const xmlChar *text, size_t n) {
    wc_record *r = push(sheet, kind);
    if (!r) return;
    long at = put_text(sheet, text, n);
    if (at < 0) return;
    r = &sheet->batch.records[sheet->batch.count - 1];
    r->start = (uint32_t)at;
    r->length = (uint32_t)n;
}

/* A non-negative decimal integer, or -1 (empty, a non-digit, or too large), as XMLName.integer reads it. */
static int64_t decimal(const xmlChar *p, const xmlChar *end) {
    if (p == end) return -1;
    int64_t value = 0;
    for (; p < end; p++) {
        int d = *p - '0';
        if (d < 0 || d > 9 || value >= INT64_MAX / 10 - 10) return -1;
        value = value * 10 + d;
    }
    return value;
}

/* `B12` as a column and row within XFD1048576 (the row may be absent: 0); 0 when it is no such cell. */
static int cell_reference(const xmlChar *p, const xmlChar *end, int32_t *column, int32_t *row) {
    int32_t c = 0, r = 0;
    for (; p < end && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')); p++) {
        c = c * 26 + ((*p | 0x20) - 0x60);
        if (c > WC_MAX_COLUMNS) return 0;
    }
    for (; p < end; p++) {
        int d = *p - '0';
        if (d < 0 || d > 9) return 0;
        r = r * 10 + d;
        if (r > WC_MAX_ROWS) return 0;
    }
    if (c < 1) return 0;
    *column = c;
    *row = r;
    return 1;
}

static int same(const xmlChar *p, const xmlChar *end, const char *wanted) {
    size_t n = strlen(wanted);
    return (size_t)(end - p) == n && memcmp(p, wanted, n) == 0;
}

/* A cell's t: its local part (after a colon, as writers may prefix it). */
static uint8_t cell_type(const xmlChar *p, const xmlChar *end) {
    for (const xmlChar *q = p; q < end; q++) {
        if (*q == ':') p = q + 1;
    }
    if (same(p, end, "s")) return WC_SHARED;
    if (same(p, end, "str")) return WC_FORMULA_TEXT;
    if (same(p, end, "inlineStr")) return WC_INLINE;
    if (same(p, end, "b")) return WC_BOOLEAN;
    if (same(p, end, "e")) return WC_ERROR;
    if (same(p, end, "d")) return WC_ISO_DATE;
    return WC_NUMBER;
}

/* SAX2 gives each attribute as five pointers: local name, prefix, URI, value start, value end. */
enum { NAME = 0, PREFIX = 1, VALUE = 3, END = 4 };

/* The index of the first attribute named `name` (any prefix), or -1. */
static int attribute(const xmlChar **atts, int count, const xmlChar *name) {
    for (int i = 0; i < count; i++) {
        if (atts[5 * i + NAME] == name) return i;
    }
    return -1;
}

static void start_cell(wc_sheet *sheet, int count, const xmlChar **atts) {
    if (!say_pending_start(sheet)) return;
    wc_record s;
    memset(&s, 0, sizeof s);
    /* r, t and s are all a cell has: names of one letter, without a prefix. */
    for (int i = 0; i < count; i++) {
        const xmlChar **a = atts + 5 * i;
        if (a[PREFIX] != NULL) continue;
        if (a[NAME] == sheet->names.r) {
            if (!cell_reference(a[VALUE], a[END], &s.column, &s.number)) {
                push_with_text(sheet, WC_BAD_CELL, a[VALUE], (size_t)(a[END] - a[VALUE]));
                stop(sheet);
                return;
            }
            s.flags |= WC_HAS_REF;
        } else if (a[NAME] == sheet->names.t) {
            s.type = cell_type(a[VALUE], a[END]);
        } else if (a[NAME] == sheet->names.s) {
            int64_t style = decimal(a[VALUE], a[END]);
            s.style = style < 0 ? 0 : (style > INT32_MAX ? INT32_MAX : (int32_t)style);
        }
    }
    sheet->start = s;
    sheet->start_pending = 1;
    sheet->in_cell = 1;
    sheet->value_count = 0;
}

static void start_row(wc_sheet *sheet, int count, const xmlChar **atts) {
    int r = attribute(atts, count, sheet->names.r);
    int64_t n = r >= 0 ? decimal(atts[5 * r + VALUE], atts[5 * r + END]) : -1;
    if (n >= 0 && (n < 1 || n > WC_MAX_ROWS)) {
        push_with_text(sheet, WC_BAD_ROW, atts[5 * r + VALUE], (size_t)(atts[5 * r + END] - atts[5 * r + VALUE]));
        stop(sheet);
        return;
    }
    wc_record *rec = push(sheet, WC_ROW);
    if (!rec) return;
    rec->number = n > 0 ? (int32_t)n : 0;
    int h = attribute(atts, count, sheet->names.hidden);
    if (h >= 0 && atts[5 * h + END] > atts[5 * h + VALUE]) {
        xmlChar first = atts[5 * h + VALUE][0];
        if (first == '1' || first == 't') rec->flags |= WC_HIDDEN;
    }
}

/* A spreadsheet part is UTF-8 or UTF-16 (ECMA-376): libxml2 reads those, ISO-8859-1 and ASCII itself. Any
   other encoding it would convert through iconv, and in 2.9.14 a byte that does not convert is then dropped
   or refused depending on where the bytes fed to it ended: such a part is refused before its first element. */
static int encoding_is_read(wc_sheet *sheet) {
    sheet->encoding_checked = 1;
    xmlParserCtxtPtr p = sheet->parser;
    xmlCharEncodingHandlerPtr encoder = p->input && p->input->buf ? p->input->buf->encoder : NULL;
    if (!encoder || encoder->input) return 1;
    snprintf(sheet->error_text, sizeof sheet->error_text,
             "encoding \"%s\" is not read (spreadsheet parts are UTF-8 or UTF-16)", encoder->name ? encoder->name : "?");
    sheet->error_line = p->input ? p->input->line : 0;
    sheet->failed = 1;
    stop(sheet);
    return 0;
}

static void on_start(void *data, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int namespaces,
                     const xmlChar **declared, int count, int defaulted, const xmlChar **atts) {
    (void)prefix; (void)uri; (void)namespaces; (void)declared; (void)defaulted;
    wc_sheet *sheet = data;
    if (!sheet->encoding_checked && !encoding_is_read(sheet)) return;
    const wc_names *n = &sheet->names;
    if (sheet->strings) {
        if (name == n->si) { sheet->in_item = 1; sheet->value_count = 0; }
        else if (name == n->t) sheet->capturing = sheet->in_item && sheet->phonetic_depth == 0;
        else if (name == n->rPh) sheet->phonetic_depth++;
        return;
    }
    if (name == n->c) start_cell(sheet, count, atts);
    else if (name == n->v) sheet->capturing = sheet->in_cell;
    else if (name == n->t) sheet->capturing = sheet->in_cell && sheet->in_inline && sheet->phonetic_depth == 0;
    else if (name == n->is) sheet->in_inline = 1;
    else if (name == n->row) start_row(sheet, count, atts);
    else if (name == n->rPh) sheet->phonetic_depth++;
    else if (name == n->mergeCell && sheet->merges) {
        int ref = attribute(atts, count, n->ref);
        if (ref >= 0) push_with_text(sheet, WC_MERGE, atts[5 * ref + VALUE], (size_t)(atts[5 * ref + END] - atts[5 * ref + VALUE]));
    }
}

/* A cell's end: its value, with its start when that was not said yet. */
static void end_cell(wc_sheet *sheet) {
    sheet->in_cell = 0;
    sheet->capturing = 0;
    wc_record *r = push_raw(sheet);
    if (!r) return;
    if (sheet->start_pending) {
        sheet->start_pending = 0;
        *r = sheet->start;
        r->kind = WC_CELL;
    } else {
        r->kind = WC_CELL_END;
    }
    long at = put_text(sheet, sheet->value, sheet->value_count);
    if (at < 0) return;
    r = &sheet->batch.records[sheet->batch.count - 1];
    r->start = (uint32_t)at;
    r->length = (uint32_t)sheet->value_count;
}

static void on_end(void *data, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri) {
    (void)prefix; (void)uri;
    wc_sheet *sheet = data;
    if (!sheet->encoding_checked && !encoding_is_read(sheet)) return;
    const wc_names *n = &sheet->names;
    if (sheet->strings) {
        if (name == n->si) {
            sheet->in_item = 0;
            sheet->capturing = 0;
            push_with_text(sheet, WC_STRING, sheet->value, sheet->value_count);
        } else if (name == n->t) sheet->capturing = 0;
        else if (name == n->rPh) sheet->phonetic_depth--;
        return;
    }
    if (name == n->c) end_cell(sheet);
    else if (name == n->v || name == n->t) sheet->capturing = 0;
    else if (name == n->is) sheet->in_inline = 0;
    else if (name == n->rPh) sheet->phonetic_depth--;
}

static void on_text(void *data, const xmlChar *text, int length) {
    wc_sheet *sheet = data;
    if (!sheet->capturing || length <= 0) return;
    if (!grow((void **)&sheet->value, &sheet->value_capacity, sheet->value_count + (size_t)length, 1)) {
        out_of_memory(sheet);
        return;
    }
    memcpy(sheet->value + sheet->value_count, text, (size_t)length);
    sheet->value_count += (size_t)length;
}

/* No spreadsheet part has a DTD: refusing one refuses external entities and entity expansion before either
   starts (libxml2 says the document type's name before it reads the internal subset). */
static void on_doctype(void *data, const xmlChar *name, const xmlChar *external, const xmlChar *system) {
    (void)name; (void)external; (void)system;
    wc_sheet *sheet = data;
    sheet->refusal = 1;
    stop(sheet);
}

/* libxml2's errors are kept, never printed, and any error but a namespace's ends the read: the first is
   the one said. Errors of the encoding converter come without the parser (libxml2 may then drop the bytes
   it could not convert and read on as if well-formed), so they reach this through the thread's handler,
   set around each feed. */
static void on_error(void *data, xmlErrorPtr error) {
    wc_sheet *sheet = data;
    if (!error || error->domain == XML_FROM_NAMESPACE || error->level < XML_ERR_ERROR) return;
    sheet->failed = 1;
    if (sheet->error_text[0] || sheet->stopped) return;
    const char *message = error->message ? error->message : "error";
    size_t n = strlen(message);
    while (n && (message[n - 1] == '\n' || message[n - 1] == ' ')) n--;
    if (n >= sizeof sheet->error_text) n = sizeof sheet->error_text - 1;
    memcpy(sheet->error_text, message, n);
    sheet->error_text[n] = 0;
    /* The converter's errors carry no line: the parser's, where it stands. */
    xmlParserCtxtPtr p = sheet->parser;
    sheet->error_line = error->line ? error->line : (p && p->input ? p->input->line : 0);
}

static void set_handlers(wc_sheet *sheet) {
    xmlSAXHandler *h = &sheet->sax;
    memset(h, 0, sizeof *h);
    h->initialized = XML_SAX2_MAGIC;
    h->startElementNs = on_start;
    h->endElementNs = on_end;
    h->characters = on_text;
    h->ignorableWhitespace = on_text;
    h->cdataBlock = on_text;
    h->internalSubset = on_doctype;
    h->serror = on_error;
}

static void look_up_names(wc_sheet *sheet) {
    xmlDictPtr d = sheet->parser->dict;
    wc_names *n = &sheet->names;
    n->c = xmlDictLookup(d, BAD_CAST "c", -1);
    n->v = xmlDictLookup(d, BAD_CAST "v", -1);
    n->t = xmlDictLookup(d, BAD_CAST "t", -1);
    n->is = xmlDictLookup(d, BAD_CAST "is", -1);
    n->row = xmlDictLookup(d, BAD_CAST "row", -1);
    n->rPh = xmlDictLookup(d, BAD_CAST "rPh", -1);
    n->mergeCell = xmlDictLookup(d, BAD_CAST "mergeCell", -1);
    n->r = xmlDictLookup(d, BAD_CAST "r", -1);
    n->s = xmlDictLookup(d, BAD_CAST "s", -1);
    n->hidden = xmlDictLookup(d, BAD_CAST "hidden", -1);
    n->ref = xmlDictLookup(d, BAD_CAST "ref", -1);
    n->si = xmlDictLookup(d, BAD_CAST "si", -1);
}

/* A fresh push parser for a new part: its encoding is found from the first bytes fed, as for a file. */
static int open_parser(wc_sheet *sheet) {
    if (sheet->parser) xmlFreeParserCtxt(sheet->parser);
    set_handlers(sheet);
    sheet->parser = xmlCreatePushParserCtxt(&sheet->sax, sheet, NULL, 0, NULL);
    if (!sheet->parser) return 0;
    /* No network, no DTD loading, no entity substitution; libxml2's default limits (a name past 50,000
       bytes, an attribute value or an unfinished token past 10 MB) stay on. */
    xmlCtxtUseOptions(sheet->parser, XML_PARSE_NONET);
    look_up_names(sheet);
    return 1;
}

/* Everything but the parser, the buffers and what was asked for at creation, as at creation. */
static void clear_state(wc_sheet *sheet) {
    xmlParserCtxtPtr parser = sheet->parser;
    wc_batch batch = sheet->batch;
    uint8_t *value = sheet->value;
    size_t value_capacity = sheet->value_capacity;
    int merges = sheet->merges;
    int strings = sheet->strings;
    memset(sheet, 0, sizeof *sheet);
    sheet->strings = strings;
    sheet->parser = parser;
    sheet->batch = batch;
    sheet->batch.count = 0;
    sheet->batch.text_count = 0;
    sheet->value = value;
    sheet->value_capacity = value_capacity;
    sheet->merges = merges;
}

static wc_sheet *create(int merges, int strings) {
    xmlInitParser();
    wc_sheet *sheet = calloc(1, sizeof *sheet);
    if (!sheet) return NULL;
    sheet->merges = merges;
    sheet->strings = strings;
    clear_state(sheet);
    if (!open_parser(sheet)) { free(sheet); return NULL; }
    return sheet;
}

wc_sheet *wc_sheet_create(int merges) { return create(merges, 0); }

wc_sheet *wc_strings_create(void) { return create(0, 1); }

int wc_sheet_reset(wc_sheet *sheet) {
    clear_state(sheet);
    return open_parser(sheet);
}

void wc_batch_free(wc_batch *batch) {
    free(batch->records);
    free(batch->text);
    memset(batch, 0, sizeof *batch);
}

void wc_sheet_free(wc_sheet *sheet) {
    if (!sheet) return;
    if (sheet->parser) xmlFreeParserCtxt(sheet->parser);
    wc_batch_free(&sheet->batch);
    free(sheet->value);
    free(sheet);
}

/* Bytes go to libxml2 a MiB at a time: it keeps what it has read of one push in its buffer until the next,
   and more than 10 MB there is its "huge input lookup" error. */
enum { FEED_STEP = 1 << 20 };

int wc_sheet_feed(wc_sheet *sheet, const char *bytes, size_t count, int final) {
    if (sheet->stopped) return 0;
    do {
        size_t step = count > FEED_STEP ? FEED_STEP : count;
        int last = final && step == count;
        xmlSetStructuredErrorFunc(sheet, on_error);
        int code = xmlParseChunk(sheet->parser, bytes, (int)step, last);
        xmlSetStructuredErrorFunc(NULL, NULL);
        if (sheet->stopped) return 0;
        if (code != 0 || !sheet->parser->wellFormed || sheet->failed) {
            if (!sheet->error_text[0]) {
                strcpy(sheet->error_text, "not well-formed");
                sheet->error_line = xmlSAX2GetLineNumber(sheet->parser);
            }
            return 0;
        }
        bytes += step;
        count -= step;
    } while (count > 0);
    return 1;
}

void wc_sheet_take(wc_sheet *sheet, wc_batch *out) {
    wc_batch given = sheet->batch;
    sheet->batch = *out;
    sheet->batch.count = 0;
    sheet->batch.text_count = 0;
    *out = given;
}

int wc_sheet_refusal(const wc_sheet *sheet) { return sheet->refusal; }
const char *wc_sheet_error_text(const wc_sheet *sheet) { return sheet->error_text[0] ? sheet->error_text : "error"; }
long wc_sheet_error_line(const wc_sheet *sheet) { return sheet->error_line; }

/* No cell, value, inline string or shared string is open: what the handlers do next does not hang on what came before. */
static int between_cells(const wc_sheet *sheet) {
    return !sheet->in_cell && !sheet->start_pending && !sheet->capturing && !sheet->in_inline && !sheet->in_item
        && sheet->phonetic_depth == 0;
}

/* The parser stands in element content (not in a tag, comment, CDATA section or processing instruction, nor
   before the root or after it) and every byte fed was read but white space it holds back as text not yet
   ended; the handlers stand between cells, where such text is not kept. */
static int between_tokens(const wc_sheet *sheet) {
    xmlParserCtxtPtr p = sheet->parser;
    if (sheet->stopped || sheet->failed || !p->wellFormed || p->instate != XML_PARSER_CONTENT || !between_cells(sheet)) return 0;
    if (!p->input || !p->input->buf || p->input->buf->encoder) return 0;
    for (const xmlChar *c = p->input->cur; c < p->input->end; c++) {
        if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r') return 0;
    }
    return 1;
}

void wc_sheet_join(wc_sheet *sheet) {
    if (sheet->stopped) return;
    if (!between_tokens(sheet)) {
        sheet->cut_broken = 1;
        stop(sheet);
        return;
    }
    push(sheet, WC_JOIN);
}

int wc_sheet_cuts_held(const wc_sheet *sheet) { return !sheet->cut_broken && between_cells(sheet); }

int wc_sheet_declared_utf8(const wc_sheet *sheet) {
    xmlParserCtxtPtr p = sheet->parser;
    return !sheet->stopped && p->input && p->input->buf && !p->input->buf->encoder;
}
