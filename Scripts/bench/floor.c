/* Bench floor: the cost of reading the four CSV files and writing their cells with libxlsxwriter, no checks.
 *
 * usage: floor DIR OUT
 *
 * For each of members.csv, payments.csv, claims.csv, enrollments.csv and ledger.csv in DIR, writes
 * OUT/checked-<name>.xlsx in constant_memory mode with the cells unionbatch's checked workbooks
 * hold: 状态 (always 正常), 问题 (empty), 行号, then every input cell: date columns as date cells,
 * money and count columns as numbers, the rest as text. Also OUT/summary.xlsx with the row counts.
 * A minimal split: comma-separated, no quoting (the generated files need none), CR LF stripped,
 * a leading UTF-8 BOM skipped. Single-threaded; nothing is validated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_COLUMNS 64
#define ROWS_PER_SHEET 1000000

enum kind { TEXT, DATE, MONEY, COUNT };

/* Column kinds by header, as the generator writes them (SPEC §2.2 aliases). */
static const char *date_headers[] = {"出生日期", "入会日期", "退会日期", "发放日期", "事由日期", "就诊日期", "入院日期",
                                     "出院日期", "报销日期", "保障起期", "保障止期", "日期", NULL};
static const char *money_headers[] = {"月工资", "已缴会费", "金额", "医疗总费用", "统筹支付", "个人自付", "申请金额",
                                      "报销金额", "保费", "收入", "支出", NULL};
static const char *count_headers[] = {"缴费月数", "人数", NULL};

static int listed(const char *s, const char **list) {
    for (; *list; list++)
        if (strcmp(s, *list) == 0) return 1;
    return 0;
}

/* Days from 1899-12-30 (Excel's serial) for a proleptic Gregorian date. */
static long excel_serial(long y, long m, long d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468 + 25569;
}

/* `2025/3/5` or `2025-03-05`; -1 when the cell is not of that shape. */
static long parse_date(const char *s) {
    char *end;
    long y = strtol(s, &end, 10);
    if (*end != '/' && *end != '-') return -1;
    long m = strtol(end + 1, &end, 10);
    if (*end != '/' && *end != '-') return -1;
    long d = strtol(end + 1, &end, 10);
    if (*end != '\0') return -1;
    return excel_serial(y, m, d);
}

static int split(char *line, char **cells) {
    int n = 0;
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
    cells[n++] = line;
    for (char *p = line; *p; p++) {
        if (*p == ',') {
            *p = '\0';
            if (n < MAX_COLUMNS) cells[n++] = p + 1;
        }
    }
    return n;
}

static void check(lxw_error e, const char *what) {
    if (e != LXW_NO_ERROR) {
        fprintf(stderr, "floor: %s: %s\n", what, lxw_strerror(e));
        exit(1);
    }
}

/* Writes one checked workbook; returns the data rows read, or -1 when the file is absent. */
static long write_checked(const char *dir, const char *out, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.csv", dir, name);
    FILE *in = fopen(path, "rb");
    if (!in) return -1;
    static char buffer[1 << 20];
    setvbuf(in, NULL, _IOFBF, 1 << 20);

    snprintf(path, sizeof path, "%s/checked-%s.xlsx", out, name);
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &options);
    if (!wb) {
        fprintf(stderr, "floor: cannot create %s\n", path);
        exit(1);
    }
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *date_fmt = workbook_add_format(wb);
    format_set_num_format(date_fmt, "yyyy-mm-dd");
    format_set_align(date_fmt, LXW_ALIGN_LEFT);
    lxw_format *money_fmt = workbook_add_format(wb);
    format_set_num_format(money_fmt, "#,##0.00");
    lxw_format *int_fmt = workbook_add_format(wb);
    format_set_num_format(int_fmt, "0");

    char *cells[MAX_COLUMNS];
    static char header[1 << 20];
    if (!fgets(buffer, sizeof buffer, in)) {
        fclose(in);
        check(workbook_close(wb), path);
        return 0;
    }
    char *text = buffer;
    if ((unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB && (unsigned char)text[2] == 0xBF) text += 3;
    snprintf(header, sizeof header, "%s", text);
    int width = split(header, cells);
    const char *titles[MAX_COLUMNS + 3] = {"状态", "问题", "行号"};
    enum kind kinds[MAX_COLUMNS];
    for (int c = 0; c < width; c++) {
        titles[c + 3] = cells[c];
        kinds[c] = listed(cells[c], date_headers) ? DATE : listed(cells[c], money_headers) ? MONEY
                 : listed(cells[c], count_headers) ? COUNT : TEXT;
    }

    lxw_worksheet *ws = NULL;
    long rows = 0;
    while (fgets(buffer, sizeof buffer, in)) {
        int n = split(buffer, cells);
        lxw_row_t r = (lxw_row_t)(rows % ROWS_PER_SHEET + 1);
        if (r == 1) {
            char sheet[64];
            long part = rows / ROWS_PER_SHEET;
            if (part == 0) snprintf(sheet, sizeof sheet, "%s", name);
            else snprintf(sheet, sizeof sheet, "%s (%ld)", name, part + 1);
            ws = workbook_add_worksheet(wb, sheet);
            worksheet_freeze_panes(ws, 1, 0);
            for (int c = 0; c < width + 3; c++) worksheet_write_string(ws, 0, (lxw_col_t)c, titles[c], bold);
        }
        rows++;
        worksheet_write_string(ws, r, 0, "正常", NULL);
        worksheet_write_number(ws, r, 2, (double)(rows + 1), int_fmt);
        for (int c = 0; c < n && c < width; c++) {
            const char *v = cells[c];
            if (*v == '\0') continue;
            lxw_col_t col = (lxw_col_t)(c + 3);
            switch (kinds[c]) {
            case DATE: {
                long serial = parse_date(v);
                if (serial >= 0) worksheet_write_number(ws, r, col, (double)serial, date_fmt);
                else worksheet_write_string(ws, r, col, v, NULL);
                break;
            }
            case MONEY:
            case COUNT: {
                char *end;
                double x = strtod(v, &end);
                if (*end == '\0') worksheet_write_number(ws, r, col, x, kinds[c] == MONEY ? money_fmt : int_fmt);
                else worksheet_write_string(ws, r, col, v, NULL);
                break;
            }
            default:
                worksheet_write_string(ws, r, col, v, NULL);
            }
        }
    }
    if (!ws) {
        ws = workbook_add_worksheet(wb, name);
        for (int c = 0; c < width + 3; c++) worksheet_write_string(ws, 0, (lxw_col_t)c, titles[c], bold);
    }
    fclose(in);
    check(workbook_close(wb), path);
    return rows;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: floor DIR OUT\n");
        return 2;
    }
    const char *names[] = {"members", "payments", "claims", "enrollments", "ledger"};
    long counts[5];
    for (int i = 0; i < 5; i++) counts[i] = write_checked(argv[1], argv[2], names[i]);

    char path[4096];
    snprintf(path, sizeof path, "%s/summary.xlsx", argv[2]);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "概览");
    worksheet_write_string(ws, 0, 0, "文件", NULL);
    worksheet_write_string(ws, 0, 1, "行数", NULL);
    for (int i = 0; i < 5; i++) {
        worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, names[i], NULL);
        worksheet_write_number(ws, (lxw_row_t)(i + 1), 1, (double)(counts[i] < 0 ? 0 : counts[i]), NULL);
    }
    check(workbook_close(wb), path);
    return 0;
}
