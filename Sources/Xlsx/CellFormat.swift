// CellFormat, the value description of a cell style, and Format, its libxlsxwriter handle.
import CXlsxWriter

public enum HorizontalAlign: Hashable, Sendable {
    case left, center, right
}

public enum VerticalAlign: Hashable, Sendable {
    case top, center, bottom
}

/// What a cell looks like. Two equal values give the same `Format` from one workbook,
/// so writers can build formats where they need them without counting styles.
public struct CellFormat: Hashable, Sendable {
    public var bold: Bool
    public var italic: Bool
    /// An Excel number format such as `#,##0.00`, `yyyy-mm-dd` or `@` (text).
    /// libxlsxwriter keeps at most 127 bytes; longer formats are cut at a character.
    public var numberFormat: String?
    /// Background as 0xRRGGBB, painted with a solid pattern.
    public var fillColor: UInt32?
    /// Font colour as 0xRRGGBB.
    public var fontColor: UInt32?
    public var wrap: Bool
    public var horizontalAlign: HorizontalAlign?
    public var verticalAlign: VerticalAlign?
    /// A thin border on all four sides.
    public var border: Bool
    /// Points; values outside 1...409 (Excel's range) are ignored.
    public var fontSize: Double?
    /// Single underline, as hyperlinks are shown.
    public var underline: Bool

    public init(
        bold: Bool = false,
        italic: Bool = false,
        numberFormat: String? = nil,
        fillColor: UInt32? = nil,
        fontColor: UInt32? = nil,
        wrap: Bool = false,
        horizontalAlign: HorizontalAlign? = nil,
        verticalAlign: VerticalAlign? = nil,
        border: Bool = false,
        fontSize: Double? = nil,
        underline: Bool = false
    ) {
        self.bold = bold
        self.italic = italic
        self.numberFormat = numberFormat
        self.fillColor = fillColor
        self.fontColor = fontColor
        self.wrap = wrap
        self.horizontalAlign = horizontalAlign
        self.verticalAlign = verticalAlign
        self.border = border
        self.fontSize = fontSize
        self.underline = underline
    }

    /// libxlsxwriter copies number formats into a 128-byte field.
    static let maxNumberFormatBytes = 127

    /// Sets every property of `self` on a fresh libxlsxwriter format.
    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if underline { format_set_underline(format, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let size = fontSize, size.isFinite, (1...409).contains(size) {
            format_set_font_size(format, size)
        }
        if let color = fontColor { format_set_font_color(format, CellFormat.lxwColor(color)) }
        if let color = fillColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, CellFormat.lxwColor(color))
        }
        if let numberFormat, !numberFormat.isEmpty {
            CellFormat.prefix(XMLText.markup(numberFormat), maxUTF8: CellFormat.maxNumberFormatBytes)
                .withCString { format_set_num_format(format, $0) }
        }
        if wrap { format_set_text_wrap(format) }
        switch horizontalAlign {
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case nil: break
        }
        switch verticalAlign {
        case .top: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .bottom: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue))
        case nil: break
        }
        if border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
    }

    /// libxlsxwriter reads colour 0 as "unset" and spells black 0x1000000.
    static func lxwColor(_ rgb: UInt32) -> lxw_color_t {
        let masked = rgb & 0xFF_FFFF
        return masked == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : lxw_color_t(masked)
    }

    /// The longest prefix of whole Characters within `maxUTF8` bytes.
    static func prefix(_ text: String, maxUTF8: Int) -> String {
        guard text.utf8.count > maxUTF8 else { return text }
        var result = ""
        var bytes = 0
        for character in text {
            let size = character.utf8.count
            guard bytes + size <= maxUTF8 else { break }
            result.append(character)
            bytes += size
        }
        return result
    }
}

/// A format registered in one workbook; obtain it from `Workbook.format(_:)`.
/// It is only valid in worksheets of that workbook.
public final class Format {
    public let spec: CellFormat
    let core: WorkbookCore
    /// Nil if the format could not be created; cells then get the default style.
    let pointer: UnsafeMutablePointer<lxw_format>?

    init(spec: CellFormat, core: WorkbookCore, pointer: UnsafeMutablePointer<lxw_format>?) {
        self.spec = spec
        self.core = core
        self.pointer = pointer
    }
}
