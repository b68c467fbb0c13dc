/* One .xlsx worksheet part's libexpat events turned into records in C: element names are compared by their
   bytes and a cell costs one record, so a million-row sheet makes no call into Swift per element. The
   records keep the order of the events; the reader in Swift numbers rows and columns and reads the values. */
#include "worksheet_cells.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct wc_sheet {
    XML_Parser parser;
    wc_batch batch;
    int merges;
    int refusal;
    const char *error_text;
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
    /* Cuts: offsets where the main parser expects its next element, in order; a piece's `</r>`. */
    long long joins[64];
    int join_first;
    int join_count;
    int cut_broken;
    long long root_end;
    int root_end_seen;
    long depth;
    int declared_utf8;
};

/* The part of a name after its last colon: writers differ in prefixes (x:c), never in local names. */
static const char *local_name(const char *name) {
    const char *local = name;
    for (const char *p = name; *p; p++) {
        if (*p == ':') local = p + 1;
    }
    return local;
}

static int is_name(const char *local, const char *wanted) { return strcmp(local, wanted) == 0; }

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

static void out_of_memory(wc_sheet *sheet) {
    sheet->refusal = 2;
    XML_StopParser(sheet->parser, XML_FALSE);
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

static void push_with_text(wc_sheet *sheet, uint8_t kind, const char *text) {
    wc_record *r = push(sheet, kind);
    if (!r) return;
    size_t n = strlen(text);
    long at = put_text(sheet, text, n);
    if (at < 0) return;
    r = &sheet->batch.records[sheet->batch.count - 1];
    r->start = (uint32_t)at;
    r->length = (uint32_t)n;
}

/* A non-negative decimal integer, or -1 (empty, a non-digit, or too large), as XMLName.integer reads it. */
static int64_t decimal(const char *text) {
    if (!*text) return -1;
    int64_t value = 0;
    for (const char *p = text; *p; p++) {
        int d = *p - '0';
        if (d < 0 || d > 9 || value >= INT64_MAX / 10 - 10) return -1;
        value = value * 10 + d;
    }
    return value;
}

/* `B12` as a column and row within XFD1048576 (the row may be absent: 0); 0 when it is no such cell. */
static int cell_reference(const char *text, int32_t *column, int32_t *row) {
    const char *p = text;
    int32_t c = 0, r = 0;
    for (; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'); p++) {
        c = c * 26 + ((*p | 0x20) - 0x60);
        if (c > WC_MAX_COLUMNS) return 0;
    }
    for (; *p; p++) {
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

static uint8_t cell_type(const char *t) {
    const char *l = local_name(t);
    if (is_name(l, "s")) return WC_SHARED;
    if (is_name(l, "str")) return WC_FORMULA_TEXT;
    if (is_name(l, "inlineStr")) return WC_INLINE;
    if (is_name(l, "b")) return WC_BOOLEAN;
    if (is_name(l, "e")) return WC_ERROR;
    if (is_name(l, "d")) return WC_ISO_DATE;
    return WC_NUMBER;
}

/* The value of the first attribute whose local name is `name`. */
static const char *attribute(const char **atts, const char *name) {
    for (int i = 0; atts[i]; i += 2) {
        if (is_name(local_name(atts[i]), name)) return atts[i + 1];
    }
    return NULL;
}

static void start_cell(wc_sheet *sheet, const char **atts) {
    if (!say_pending_start(sheet)) return;
    wc_record s;
    memset(&s, 0, sizeof s);
    /* r, t and s are all a cell has: names of one letter, without a prefix. */
    for (int i = 0; atts[i]; i += 2) {
        const char *key = atts[i], *value = atts[i + 1];
        if (key[0] == 0 || key[1] != 0) continue;
        switch (key[0]) {
        case 'r':
            if (!cell_reference(value, &s.column, &s.number)) {
                push_with_text(sheet, WC_BAD_CELL, value);
                XML_StopParser(sheet->parser, XML_FALSE);
                return;
            }
            s.flags |= WC_HAS_REF;
            break;
        case 't': s.type = cell_type(value); break;
        case 's': {
            int64_t style = decimal(value);
            s.style = style < 0 ? 0 : (style > INT32_MAX ? INT32_MAX : (int32_t)style);
            break;
        }
        default: break;
        }
    }
    sheet->start = s;
    sheet->start_pending = 1;
    sheet->in_cell = 1;
    sheet->value_count = 0;
}

static void start_row(wc_sheet *sheet, const char **atts) {
    const char *r = attribute(atts, "r");
    int64_t n = r ? decimal(r) : -1;
    if (n >= 0 && (n < 1 || n > WC_MAX_ROWS)) {
        push_with_text(sheet, WC_BAD_ROW, r);
        XML_StopParser(sheet->parser, XML_FALSE);
        return;
    }
    wc_record *rec = push(sheet, WC_ROW);
    if (!rec) return;
    rec->number = n > 0 ? (int32_t)n : 0;
    const char *h = attribute(atts, "hidden");
    if (h && (h[0] == '1' || h[0] == 't')) rec->flags |= WC_HIDDEN;
}

/* The first element at or after the next cut must start exactly at it: only then was the cut between tokens. */
static void check_join(wc_sheet *sheet) {
    long long at = XML_GetCurrentByteIndex(sheet->parser);
    long long expected = sheet->joins[sheet->join_first];
    if (at < expected) return;
    if (at != expected) {
        sheet->cut_broken = 1;
        XML_StopParser(sheet->parser, XML_FALSE);
        return;
    }
    sheet->join_first = (sheet->join_first + 1) % 64;
    sheet->join_count--;
    push(sheet, WC_JOIN);
}

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **atts) {
    wc_sheet *sheet = data;
    if (sheet->join_count) check_join(sheet);
    sheet->depth++;
    const char *l = local_name(name);
    switch (l[0]) {
    case 'c': if (l[1] == 0) start_cell(sheet, atts); break;
    case 'v': if (l[1] == 0) sheet->capturing = sheet->in_cell; break;
    case 't': if (l[1] == 0) sheet->capturing = sheet->in_cell && sheet->in_inline && sheet->phonetic_depth == 0; break;
    case 'i': if (is_name(l, "is")) sheet->in_inline = 1; break;
    case 'r':
        if (is_name(l, "row")) start_row(sheet, atts);
        else if (is_name(l, "rPh")) sheet->phonetic_depth++;
        break;
    case 'm':
        if (sheet->merges && is_name(l, "mergeCell")) {
            const char *ref = attribute(atts, "ref");
            if (ref) push_with_text(sheet, WC_MERGE, ref);
        }
        break;
    default: break;
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

static void XMLCALL on_end(void *data, const XML_Char *name) {
    wc_sheet *sheet = data;
    if (sheet->join_count) check_join(sheet);
    /* A piece that parses cleanly inside <r>…</r> already ends where its </r> was put (any other ending
       leaves a comment, section or instruction open, or puts junk after the root); checked all the same. */
    if (--sheet->depth == 0 && sheet->root_end >= 0) {
        sheet->root_end_seen = XML_GetCurrentByteIndex(sheet->parser) == sheet->root_end;
    }
    const char *l = local_name(name);
    switch (l[0]) {
    case 'c': if (l[1] == 0) end_cell(sheet); break;
    case 'v': case 't': if (l[1] == 0) sheet->capturing = 0; break;
    case 'i': if (is_name(l, "is")) sheet->in_inline = 0; break;
    case 'r': if (is_name(l, "rPh")) sheet->phonetic_depth--; break;
    default: break;
    }
}

static void XMLCALL on_text(void *data, const XML_Char *text, int length) {
    wc_sheet *sheet = data;
    if (!sheet->capturing || length <= 0) return;
    if (!grow((void **)&sheet->value, &sheet->value_capacity, sheet->value_count + (size_t)length, 1)) {
        out_of_memory(sheet);
        return;
    }
    memcpy(sheet->value + sheet->value_count, text, (size_t)length);
    sheet->value_count += (size_t)length;
}

/* No spreadsheet part has a DTD: refusing one refuses external entities and entity expansion before either starts. */
static void XMLCALL on_doctype(void *data, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal) {
    (void)name; (void)sys; (void)pub; (void)internal;
    wc_sheet *sheet = data;
    sheet->refusal = 1;
    XML_StopParser(sheet->parser, XML_FALSE);
}

static void XMLCALL on_xml_declaration(void *data, const XML_Char *version, const XML_Char *encoding, int standalone) {
    (void)version; (void)standalone;
    wc_sheet *sheet = data;
    sheet->declared_utf8 = encoding == NULL || strcasecmp(encoding, "UTF-8") == 0;
}

static void set_handlers(wc_sheet *sheet) {
    XML_SetUserData(sheet->parser, sheet);
    XML_SetParamEntityParsing(sheet->parser, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetElementHandler(sheet->parser, on_start, on_end);
    XML_SetCharacterDataHandler(sheet->parser, on_text);
    XML_SetStartDoctypeDeclHandler(sheet->parser, on_doctype);
    XML_SetXmlDeclHandler(sheet->parser, on_xml_declaration);
}

/* Everything but the parser, the buffers and what was asked for at creation, as at creation. */
static void clear_state(wc_sheet *sheet) {
    XML_Parser parser = sheet->parser;
    wc_batch batch = sheet->batch;
    uint8_t *value = sheet->value;
    size_t value_capacity = sheet->value_capacity;
    int merges = sheet->merges;
    memset(sheet, 0, sizeof *sheet);
    sheet->parser = parser;
    sheet->batch = batch;
    sheet->batch.count = 0;
    sheet->batch.text_count = 0;
    sheet->value = value;
    sheet->value_capacity = value_capacity;
    sheet->merges = merges;
    sheet->root_end = -1;
}

wc_sheet *wc_sheet_create(int merges) {
    wc_sheet *sheet = calloc(1, sizeof *sheet);
    if (!sheet) return NULL;
    sheet->parser = XML_ParserCreate(NULL);
    if (!sheet->parser) { free(sheet); return NULL; }
    sheet->merges = merges;
    clear_state(sheet);
    set_handlers(sheet);
    return sheet;
}

int wc_sheet_reset(wc_sheet *sheet) {
    if (!XML_ParserReset(sheet->parser, NULL)) return 0;
    clear_state(sheet);
    set_handlers(sheet);
    return 1;
}

void wc_batch_free(wc_batch *batch) {
    free(batch->records);
    free(batch->text);
    memset(batch, 0, sizeof *batch);
}

void wc_sheet_free(wc_sheet *sheet) {
    if (!sheet) return;
    XML_ParserFree(sheet->parser);
    wc_batch_free(&sheet->batch);
    free(sheet->value);
    free(sheet);
}

int wc_sheet_feed(wc_sheet *sheet, const char *bytes, size_t count, int final) {
    if (count > INT32_MAX) return 0;
    if (XML_Parse(sheet->parser, bytes, (int)count, final) == XML_STATUS_OK) return 1;
    enum XML_Error code = XML_GetErrorCode(sheet->parser);
    sheet->error_text = XML_ErrorString(code);
    sheet->error_line = (long)XML_GetCurrentLineNumber(sheet->parser);
    return 0;
}

void wc_sheet_take(wc_sheet *sheet, wc_batch *out) {
    wc_batch given = sheet->batch;
    sheet->batch = *out;
    sheet->batch.count = 0;
    sheet->batch.text_count = 0;
    *out = given;
}

int wc_sheet_refusal(const wc_sheet *sheet) { return sheet->refusal; }
const char *wc_sheet_error_text(const wc_sheet *sheet) { return sheet->error_text ? sheet->error_text : "error"; }
long wc_sheet_error_line(const wc_sheet *sheet) { return sheet->error_line; }

void wc_sheet_expect_join(wc_sheet *sheet, long long offset) {
    if (sheet->join_count == 64) { sheet->cut_broken = 1; return; }
    sheet->joins[(sheet->join_first + sheet->join_count) % 64] = offset;
    sheet->join_count++;
}

void wc_sheet_expect_root_end(wc_sheet *sheet, long long offset) { sheet->root_end = offset; }

int wc_sheet_cuts_held(const wc_sheet *sheet) {
    if (sheet->cut_broken || sheet->join_count) return 0;
    return sheet->root_end < 0 || sheet->root_end_seen;
}

int wc_sheet_declared_utf8(const wc_sheet *sheet) { return sheet->declared_utf8; }
