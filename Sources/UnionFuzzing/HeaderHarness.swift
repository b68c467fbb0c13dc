// The header-search harness: title rows, two-row headers, aliases and long lines around the 1 MiB bound.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UnionCore
import UnionImport

/// Opens a file and checks the header search keeps to its bounds (SPEC §2.1, §7): a header is only
/// ever found among the first 10 non-blank rows and ending within 1 MiB of text.
///
/// Inputs whose first byte is below 0x80 describe a file to build (`HeaderFile`): a dataset's header
/// in aliases, title and blank rows above it, maybe as two rows, maybe padded to end just before or just
/// after the bound. Such a file must open as that dataset at that row exactly when the header is within
/// the bounds. Other inputs are opened as they are after that first byte, with the bounds checked alone.
enum HeaderHarness {
    static func run(_ bytes: [UInt8]) {
        if let first = bytes.first, first < 0x80 {
            let file = HeaderFile(bytes)
            let opening = open(file.bytes, path: scratchPath)
            checkBounds(opening, file.bytes)
            checkExpected(opening, file)
        } else {
            let file = Array(bytes.dropFirst())
            checkBounds(open(file, path: scratchPath), file)
        }
    }

    static let scratchPath: String = {
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        return folder + "/unionbatch-fuzz-header-\(getpid()).csv"
    }()

    static func open(_ bytes: [UInt8], path: String) -> InputOpening {
        ImportHarness.write(bytes, to: path)
        defer { unlink(path) }
        return InputOpener.open(InputSource(name: "fuzz.csv", path: path), policy: ImportHarness.policy)
    }

    /// Whatever the file, a header found is one of the first 10 non-blank records, ends within the
    /// bound, and names every required column.
    static func checkBounds(_ opening: InputOpening, _ bytes: [UInt8]) {
        guard case .opened(let input, _) = opening else { return }
        precondition(input.mapping.missingRequired.isEmpty, "opened without the required columns")
        guard case .success(let text) = TextDecoder.decode(bytes) else {
            preconditionFailure("opened a file that does not decode")
        }
        var reader = CSVReader(utf8: text.utf8, dialect: input.dialect)
        var nonBlank = 0
        while let record = reader.next() {
            if !record.isBlank { nonBlank += 1 }
            guard record.row < input.headerRow else {
                precondition(record.row == input.headerRow, "the header row \(input.headerRow) is no record's")
                precondition(!record.isBlank, "a blank header row")
                precondition(nonBlank <= InputOpener.headerSearchRows, "a header after \(nonBlank - 1) non-blank rows")
                precondition(reader.nextRecordStart.offset <= InputOpener.headerSearchBytes,
                             "a header ending at byte \(reader.nextRecordStart.offset), past the bound")
                return
            }
        }
        preconditionFailure("the header row \(input.headerRow) is past the end of the text")
    }

    /// A built file opens as its dataset at its header row when the header is within the bounds.
    static func checkExpected(_ opening: InputOpening, _ file: HeaderFile) {
        switch opening {
        case .opened(let input, _):
            precondition(file.withinBounds, "a header past the bounds was found (row \(input.headerRow))")
            precondition(input.dataset == file.dataset && input.headerRow == file.headerRow,
                         "opened as \(input.dataset) at row \(input.headerRow), built as \(file.dataset) at row \(file.headerRow)")
        case .refused(let findings, _, _):
            precondition(!file.withinBounds, "a header within the bounds was refused: \(findings.map(\.rule))")
            precondition(findings.map(\.rule) == [.F04], "refused with \(findings.map(\.rule))")
        case .empty:
            preconditionFailure("a built file read as empty")
        }
    }
}

/// A file built from fuzz bytes: `[dataset] [title rows] [padding] [shape] [flags] text…`.
struct HeaderFile {
    let dataset: Dataset
    /// The row Calc shows for the header (its lower row when it has two).
    private(set) var headerRow = 0
    /// Whether the header is among the first 10 non-blank rows and ends within 1 MiB of text.
    private(set) var withinBounds = false
    private(set) var bytes: [UInt8] = []

    init(_ input: [UInt8]) {
        var input = input[...]
        func take() -> Int { Int(input.popFirst() ?? 0) }
        dataset = Dataset.allCases[take() % Dataset.allCases.count]
        let titles = take() % 13
        let padding = take()
        let shape = take()
        let flags = take()
        let twoRows = shape & 1 != 0
        // A padded first row fills the sniffer's sample with one cell: the delimiter it then assumes is a comma.
        let delimiter: UInt8 = padding & 3 != 0 ? 0x2C : [0x2C, 0x09, 0x3B, 0x7C][(shape >> 1) & 3]
        let newline: [UInt8] = flags & 1 != 0 ? [0x0D, 0x0A] : [0x0A]
        let bom = flags & 2 != 0
        let quoted = flags & 4 != 0
        let blankEvery = (flags >> 3) & 3  // a blank row after every n-th title row (0: none)
        // The rest: texts for title rows and data cells, cut at 0xFF bytes.
        var texts = input.split(separator: 0xFF, omittingEmptySubsequences: false).map { Self.plain(Array($0)) }[...]
        func text() -> String { texts.popFirst() ?? "" }

        var lines: [[UInt8]] = []
        var nonBlank = 0
        for t in 0..<titles {
            lines.append(Array(("T" + text()).utf8))
            nonBlank += 1
            if blankEvery > 0, t % blankEvery == 0 { lines.append([]) }
        }
        let cells = Self.headerCells(dataset, aliasPicks: Array(texts.first.map { Array($0.utf8) } ?? []))
        if twoRows {
            // A group row over the rest, the last field's title in it alone (SPEC §2.4's two-row header).
            var upper = Array(repeating: "基本信息", count: cells.count)
            upper[cells.count - 1] = cells[cells.count - 1]
            var lower = cells
            lower[cells.count - 1] = ""
            lines.append(Self.row(upper, delimiter, quoted))
            lines.append(Self.row(lower, delimiter, quoted))
            nonBlank += 2
        } else {
            lines.append(Self.row(cells, delimiter, quoted))
            nonBlank += 1
        }
        headerRow = lines.count
        let headerEnd = lines.reduce(0) { $0 + $1.count + newline.count }
        // Padding in the first row (a title, else the header's own last cell as an unknown column):
        // modes 1 and 2 put the header's end within ±128 bytes of the bound, 3 far past it.
        let target: Int? = switch padding & 3 {
        case 1, 2: InputOpener.headerSearchBytes - 128 + (padding >> 2) * 4 + (padding & 1)
        case 3: InputOpener.headerSearchBytes + 4096 * (padding >> 2)
        default: nil
        }
        if let target, target > headerEnd {
            let fill = Array(repeating: UInt8(ascii: "a"), count: target - headerEnd - (titles == 0 ? 1 : 0))
            lines[0] += (titles == 0 ? [delimiter] : []) + fill
        }
        let end = lines.reduce(0) { $0 + $1.count + newline.count }
        withinBounds = nonBlank <= InputOpener.headerSearchRows && end <= InputOpener.headerSearchBytes
        // A data row or two below, from the texts left.
        for _ in 0..<2 {
            lines.append(Self.row(Array(repeating: text(), count: cells.count), delimiter, quoted))
        }
        bytes = (bom ? [0xEF, 0xBB, 0xBF] : []) + lines.flatMap { $0 + newline }
    }

    /// The dataset's fields, each under one of its aliases (picked by the bytes given), in a row.
    static func headerCells(_ dataset: Dataset, aliasPicks: [UInt8]) -> [String] {
        dataset.fields.enumerated().map { index, field in
            let pick = index < aliasPicks.count ? Int(aliasPicks[index]) : 0
            return field.aliases[pick % field.aliases.count]
        }
    }

    static func row(_ cells: [String], _ delimiter: UInt8, _ quoted: Bool) -> [UInt8] {
        var out: [UInt8] = []
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(delimiter) }
            out += quoted ? [0x22] + Array(cell.utf8) + [0x22] : Array(cell.utf8)
        }
        return out
    }

    /// Text that stays one cell of one row: valid UTF-8 without quotes, delimiters or line breaks.
    static func plain(_ bytes: [UInt8]) -> String {
        let kept = bytes.map { [0x0A, 0x0D, 0x22, 0x2C, 0x09, 0x3B, 0x7C, 0x00].contains($0) ? UInt8(ascii: "x") : $0 }
        return String(decoding: kept, as: UTF8.self)
    }
}
