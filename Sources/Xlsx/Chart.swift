// Chart: a column, bar, line or pie chart drawn from ranges of a workbook's sheets.
import CXlsxWriter

public enum ChartKind: Hashable, Sendable {
    case column, bar, line, pie

    var lxwType: UInt8 {
        switch self {
        case .column: return UInt8(LXW_CHART_COLUMN.rawValue)
        case .bar: return UInt8(LXW_CHART_BAR.rawValue)
        case .line: return UInt8(LXW_CHART_LINE.rawValue)
        case .pie: return UInt8(LXW_CHART_PIE.rawValue)
        }
    }
}

/// A chart of one workbook, made by `Workbook.addChart` and shown by
/// `Worksheet.insertChart`. Its setters cannot throw; a failure is reported by
/// `Workbook.close()`.
///
/// The file stores each series' current values as a cache for viewers that do not
/// compute. libxlsxwriter 1.1.4 fills it from number and text cells only: formula
/// cells appear as 0, and in constant-memory mode there is no cache at all. Excel
/// and LibreOffice recompute on opening (the workbook asks for a full recalculation),
/// so chart plain values, not totals, where other viewers matter.
public final class Chart {
    public let kind: ChartKind
    let pointer: UnsafeMutablePointer<lxw_chart>?
    let core: WorkbookCore

    init(kind: ChartKind, pointer: UnsafeMutablePointer<lxw_chart>?, core: WorkbookCore) {
        self.kind = kind
        self.pointer = pointer
        self.core = core
    }

    /// An absolute range formula with the sheet always quoted, as `addSeries` and
    /// `Worksheet.dataValidationList` take it: `='概览'!$A$2:$A$8`. Indices are
    /// zero-based and must not be negative.
    public static func range(sheet: String, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) -> String {
        "=" + SheetRange(sheet: sheet, firstRow: firstRow, firstColumn: firstColumn,
                         lastRow: lastRow, lastColumn: lastColumn).formula
    }

    /// Adds a series: `categories` and `values` are range formulas such as
    /// `Chart.range(…)` builds; `name` is the series' literal name for the legend.
    ///
    /// Single-area ranges are handed to libxlsxwriter as sheet name plus cells, so it
    /// finds the sheet even when the name holds quotes (its formula parser does not
    /// undo doubled quotes); other formulas are passed on as written.
    /// `labels`, when given, shows each value on the chart in that number format ("#,##0").
    public func addSeries(categories: String, values: String, name: String?, labels: String? = nil) {
        guard let chart = openPointer() else { return }
        let context = "adding a series to a chart of \(core.fileName)"
        guard !values.isEmpty, values != "=" else {
            core.record(.invalid(context + ": the values range is empty"))
            return
        }
        let categoryRange = categories.isEmpty ? nil : SheetRange(formula: categories)
        let valueRange = SheetRange(formula: values)
        // Formulas that did not parse go in as text; chart_add_series copies them.
        let rawCategories = categoryRange == nil && !categories.isEmpty ? categories : nil
        let rawValues = valueRange == nil ? values : nil
        let created = withOptionalCString(rawCategories) { cCategories in
            withOptionalCString(rawValues) { cValues in chart_add_series(chart, cCategories, cValues) }
        }
        guard let series = created else {
            core.record(XlsxError(LXW_ERROR_MEMORY_MALLOC_FAILED, context: context))
            return
        }
        if let range = categoryRange {
            range.sheet.withCString {  // copied
                chart_series_set_categories(series, $0, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn),
                                            lxw_row_t(range.lastRow), lxw_col_t(range.lastColumn))
            }
        }
        if let range = valueRange {
            range.sheet.withCString {  // copied
                chart_series_set_values(series, $0, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn),
                                        lxw_row_t(range.lastRow), lxw_col_t(range.lastColumn))
            }
        }
        if let name {
            Chart.literal(name).withCString { chart_series_set_name(series, $0) }  // copied
        }
        if let labels {
            chart_series_set_labels(series)
            XMLText.markup(labels).withCString { chart_series_set_labels_num_format(series, $0) }  // copied
        }
    }

    /// The chart title.
    public func setTitle(_ title: String) {
        guard let chart = openPointer() else { return }
        Chart.literal(title).withCString { chart_title_set_name(chart, $0) }  // copied
    }

    /// The caption of the horizontal axis (for bar charts, the value axis).
    public func setXAxisName(_ name: String) {
        guard let chart = openPointer(), let axis = chart.pointee.x_axis else { return }
        Chart.literal(name).withCString { chart_axis_set_name(axis, $0) }  // copied
    }

    /// The caption of the vertical axis (for bar charts, the category axis).
    public func setYAxisName(_ name: String) {
        guard let chart = openPointer(), let axis = chart.pointee.y_axis else { return }
        Chart.literal(name).withCString { chart_axis_set_name(axis, $0) }  // copied
    }

    /// The number format of the horizontal axis' labels (for bar charts, the value axis), e.g. "#,##0".
    public func setXAxisNumberFormat(_ format: String) {
        guard let chart = openPointer(), let axis = chart.pointee.x_axis else { return }
        XMLText.markup(format).withCString { chart_axis_set_num_format(axis, $0) }  // copied
    }

    /// The number format of the vertical axis' labels (for column charts, the value axis).
    public func setYAxisNumberFormat(_ format: String) {
        guard let chart = openPointer(), let axis = chart.pointee.y_axis else { return }
        XMLText.markup(format).withCString { chart_axis_set_num_format(axis, $0) }  // copied
    }

    public func hideLegend() {
        guard let chart = openPointer() else { return }
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
    }

    private func openPointer() -> UnsafeMutablePointer<lxw_chart>? {
        core.pointer == nil ? nil : pointer
    }

    /// libxlsxwriter reads a name starting with "=" as a cell reference; a zero-width
    /// space in front keeps such a name literal text without showing anything.
    /// Captions are written unescaped, so control characters are replaced too.
    static func literal(_ text: String) -> String {
        let safe = XMLText.markup(text)
        return safe.hasPrefix("=") ? "\u{200B}" + safe : safe
    }
}
