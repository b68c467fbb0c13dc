// Links to cells of another workbook beside this one, kept here and written into the package after libxlsxwriter closes it.
import CXlsxWriter

/// A cell of another workbook in the same folder: `file` its name (`checked-payments.xlsx`), `location`
/// the sheet and cell (`'缴费'!E12`, see `quotedSheetName`).
public struct WorkbookLink: Sendable, Equatable {
    public let file: String
    public let location: String

    public init(file: String, location: String) {
        self.file = file
        self.location = location
    }

    /// libxlsxwriter leaves such a file name as it is (no `%` escape, no `\`, no `file:///`), and the
    /// location fits in its 2,080-byte attribute: the link can be written without it, byte for byte alike.
    var isPlain: Bool {
        !file.isEmpty && file.utf8.count <= 255 && file.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        } && location.utf8.count < 2_000 && !location.utf8.contains(0x0A)
    }
}

/// The links of one sheet written with `Worksheet.write(link:…)`.
///
/// Why not libxlsxwriter's: while it writes a sheet's relationships at close, 1.1.4 allocates a 2,080-byte
/// type string for each link (65,000 links in 问题清单: 137 MB at once, heaptrack). Kept here a link costs
/// about 40 bytes; `PackageLinks` then writes the `<hyperlinks>` element and the relationships part as
/// libxlsxwriter would (rId1… in row then column order, one relationship a link).
final class SheetLinks {
    struct Link {
        var row: UInt32
        var column: UInt16
        var target: UInt16
        var location: String
    }

    private(set) var targets: [String] = []
    private var targetNumbers: [String: UInt16] = [:]
    private var links: [Link] = []

    var count: Int { links.count }

    func add(row: UInt32, column: UInt16, link: WorkbookLink) {
        let target: UInt16
        if let known = targetNumbers[link.file] {
            target = known
        } else {
            target = UInt16(targets.count)
            targets.append(link.file)
            targetNumbers[link.file] = target
        }
        links.append(Link(row: row, column: column, target: target, location: link.location))
    }

    /// As libxlsxwriter keeps them: by row, then column; of two links in one cell, the later.
    func ordered() -> [Link] {
        let sorted = links.enumerated().sorted { a, b in
            (a.element.row, a.element.column, a.offset) < (b.element.row, b.element.column, b.offset)
        }.map(\.element)
        var kept: [Link] = []
        kept.reserveCapacity(sorted.count)
        for link in sorted {
            if let last = kept.last, last.row == link.row, last.column == link.column {
                kept[kept.count - 1] = link
            } else {
                kept.append(link)
            }
        }
        return kept
    }

    /// The `<hyperlinks>` element, handed to `sink` a piece at a time.
    static func hyperlinksElement(_ links: [Link], _ sink: (ArraySlice<UInt8>) throws -> Void) throws {
        var out = PieceBuffer()
        out.append("<hyperlinks>")
        for (i, link) in links.enumerated() {
            out.append("<hyperlink ref=\"")
            out.append(cellReference(row: Int(link.row), column: Int(link.column)))
            out.append("\" r:id=\"rId\(i + 1)\" location=\"")
            out.appendAttribute(link.location)
            out.append("\"/>")
            try out.flushIfFull(sink)
        }
        out.append("</hyperlinks>")
        try out.flush(sink)
    }

    /// The sheet's relationships part: one external hyperlink a link.
    func relationshipsPart(_ links: [Link], _ sink: (ArraySlice<UInt8>) throws -> Void) throws {
        var out = PieceBuffer()
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        out.append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        for (i, link) in links.enumerated() {
            out.append("<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"")
            out.appendAttribute(targets[Int(link.target)])
            out.append("\" TargetMode=\"External\"/>")
            try out.flushIfFull(sink)
        }
        out.append("</Relationships>")
        try out.flush(sink)
    }
}

/// Bytes gathered and handed on 64 KiB at a time.
private struct PieceBuffer {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16 + 4096) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// An attribute's value escaped as libxlsxwriter escapes it (`& < > " \n`).
    mutating func appendAttribute(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\""): append("&quot;")
            case 0x0A: append("&#xA;")
            default: bytes.append(byte)
            }
        }
    }

    mutating func flushIfFull(_ sink: (ArraySlice<UInt8>) throws -> Void) throws {
        if bytes.count >= 1 << 16 { try flush(sink) }
    }

    mutating func flush(_ sink: (ArraySlice<UInt8>) throws -> Void) throws {
        guard !bytes.isEmpty else { return }
        try sink(bytes[...])
        bytes.removeAll(keepingCapacity: true)
    }
}
