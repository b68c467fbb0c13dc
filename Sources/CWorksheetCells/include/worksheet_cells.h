/* One .xlsx worksheet part's libxml2 SAX2 events turned, in C, into a compact stream of rows, cells and merges. */
#ifndef UNIONBATCH_WORKSHEET_CELLS_H
#define UNIONBATCH_WORKSHEET_CELLS_H

#include <stddef.h>
#include <stdint.h>

/* What a record says. */
enum wc_kind {
    WC_ROW = 1,     /* a <row>: `number` is its r (0 when absent or not a number), `flags` WC_HIDDEN */
    WC_CELL = 2,    /* a <c> started and ended: `column`/`number` its reference (flags WC_HAS_REF), `type`, `style`, text */
    WC_MERGE = 3,   /* a <mergeCell>: its ref as text */
    WC_BAD_ROW = 4, /* a <row> whose r is past Excel's last row: its r as text; the parse stopped here */
    WC_BAD_CELL = 5, /* a <c> whose r is no cell of Excel's grid: its r as text; the parse stopped here */
    WC_CELL_START = 6, /* a <c> started inside another (no writer does this): its start alone */
    WC_CELL_END = 7,   /* a </c> of a cell whose start was said already: the value alone */
    WC_JOIN = 8        /* where a piece parsed by another parser goes (wc_sheet_join), checked */,
    WC_STRING = 9      /* an <si> of a shared strings part ended (wc_strings_create): its text */
};

/* A cell's t attribute. */
enum wc_type { WC_NUMBER = 0, WC_SHARED, WC_INLINE, WC_FORMULA_TEXT, WC_BOOLEAN, WC_ERROR, WC_ISO_DATE };

enum { WC_HIDDEN = 1, WC_HAS_REF = 2 };

typedef struct wc_record {
    uint8_t kind;
    uint8_t type;
    uint8_t flags;
    uint8_t unused;
    int32_t style;
    int32_t column;
    int32_t number;
    /* The record's text: bytes [start, start + length) of the batch's text. */
    uint32_t start;
    uint32_t length;
} wc_record;

/* The records of one stretch of the part, and the bytes they point into. */
typedef struct wc_batch {
    wc_record *records;
    size_t count;
    size_t capacity;
    uint8_t *text;
    size_t text_count;
    size_t text_capacity;
} wc_batch;

typedef struct wc_sheet wc_sheet;

/* A parser for one worksheet part; `merges` says whether <mergeCell> refs are wanted. NULL when out of memory. */
wc_sheet *wc_sheet_create(int merges);
void wc_sheet_free(wc_sheet *sheet);
/* A parser for a shared strings part (xl/sharedStrings.xml): a WC_STRING record per <si>, its text the
   <t> runs outside phonetic runs (<rPh>), as Calc shows it. Fed, taken, reset and freed like a sheet's. */
wc_sheet *wc_strings_create(void);
/* The parser made ready for a new part (its buffers kept); 0 when libxml2 could not make a new one. */
int wc_sheet_reset(wc_sheet *sheet);

/* Feeds the next bytes of the part (`final` for its end). Returns 1 when well-formed so far; 0 when the
   parse stopped (see wc_sheet_error_*; a record WC_BAD_* or a document type declaration stops it too). */
int wc_sheet_feed(wc_sheet *sheet, const char *bytes, size_t count, int final);

/* The records made since the last take, handed over in `out` (whose old buffers the sheet reuses). */
void wc_sheet_take(wc_sheet *sheet, wc_batch *out);
void wc_batch_free(wc_batch *batch);

/* Why the parse stopped: 1 for a document type declaration, 2 for memory, else 0 (an XML error). */
int wc_sheet_refusal(const wc_sheet *sheet);
/* libxml2's words and line for the first well-formedness error. */
const char *wc_sheet_error_text(const wc_sheet *sheet);
long wc_sheet_error_line(const wc_sheet *sheet);

/* Parsing a sheet in pieces. A piece is a run of rows cut at `<row` (or `<x:row`) by a byte search; the piece
   is parsed on its own inside `<r>…</r>`, and the main parser gets the sheet without it. The cut was sound
   (between two tokens, not in a tag, comment, CDATA section or processing instruction) exactly when the main
   parser, fed up to the cut, has read every byte (but white space) and stands in element content between
   cells (wc_sheet_join checks this)
   and the piece parses inside `<r>…</r>` (so it is whole elements, and its `</r>` closes the root): the two
   then give the records one parser would give. */

/* The main parser, fed up to a cut, is told a piece was cut out there: a WC_JOIN record when the cut holds;
   otherwise the parse stops and wc_sheet_cuts_held says 0. */
void wc_sheet_join(wc_sheet *sheet);
/* 1 when every cut this parser was told of held, and its handlers stand between cells (as after a piece). */
int wc_sheet_cuts_held(const wc_sheet *sheet);
/* 1 when the part is read as UTF-8 without conversion (its declaration said UTF-8, or named no encoding):
   only then is a piece, parsed without the declaration, read as the part is. */
int wc_sheet_declared_utf8(const wc_sheet *sheet);

/* Excel's limits: XFD1048576. */
enum { WC_MAX_ROWS = 1048576, WC_MAX_COLUMNS = 16384 };

#endif
