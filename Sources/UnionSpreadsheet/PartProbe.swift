// A worksheet or shared strings part read from memory, by one parser and by two: what the fuzz harness
// compares (UnionFuzzing/WorksheetHarness.swift). The run reads parts through PackageParts instead.
import CWorksheetCells
import Foundation

public enum PartProbe {
    public enum Kind: Sendable { case worksheet, sharedStrings }

    /// What a read gave: the sheet's CSV with its hidden rows and merges (or the table's strings), or the
    /// problem it named.
    public enum Outcome: Equatable, Sendable {
        case read(String)
        case problem(SpreadsheetProblem)
    }

    static let part = "xl/worksheets/sheet1.xml"
    /// The table a probed sheet's shared cells name.
    static func strings() -> SharedStrings {
        let strings = SharedStrings()
        for text in ["甲", "", "a,b", "\"q\"", "line\nbreak"] { strings.append(Array(text.utf8)) }
        return strings
    }

    /// The part read by one parser, fed `chunk` bytes at a time.
    public static func one(_ kind: Kind, _ xml: [UInt8], chunk: Int) -> Outcome {
        read(kind) { reader in
            let stream = try WorksheetCellStream(part: part, parser: reader.parser)
            try xml.withUnsafeBytes { bytes in
                var at = 0
                while at < bytes.count {
                    let end = min(at + max(1, chunk), bytes.count)
                    try stream.feed(UnsafeRawBufferPointer(rebasing: bytes[at..<end]), into: reader)
                    at = end
                }
            }
            try stream.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true, into: reader)
            return true
        }
    }

    /// The part read by two parsers on pieces of `pieceSize` bytes; nil when they gave up (a cut did not
    /// hold, or anything failed), where the run reads the part again with one parser.
    public static func pieces(_ kind: Kind, _ xml: [UInt8], pieceSize: Int, threads: SheetThreads) -> Outcome? {
        attempt(kind) { reader in
            let source: PartBytes = { body in
                try xml.withUnsafeBytes { bytes in
                    var at = 0
                    while at < bytes.count {
                        let end = min(at + PackageParts.chunkSize, bytes.count)
                        try body(UnsafeRawBufferPointer(rebasing: bytes[at..<end]))
                        at = end
                    }
                }
            }
            return WorksheetPieces(source: source, pieceSize: pieceSize, threads: threads).read(into: reader) != nil
        }
    }

    /// A reader of the kind, `body` run on it, and what it read (nil when `body` says the read gave up).
    private static func attempt(_ kind: Kind, _ body: (ProbeReader) throws -> Bool) -> Outcome? {
        let folder = NSTemporaryDirectory() + "unionbatch-probe-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            let reader = try ProbeReader(kind, csv: folder + "/sheet.csv")
            guard try body(reader) else { return nil }
            return .read(try reader.result())
        } catch let problem as SpreadsheetProblem {
            return .problem(problem)
        } catch {
            return .problem(.damagedPackage(reason: "\(error)"))
        }
    }

    private static func read(_ kind: Kind, _ body: (ProbeReader) throws -> Bool) -> Outcome {
        attempt(kind, body) ?? .problem(.damagedPackage(reason: "gave up"))
    }
}

/// A sheet's handler or a table, behind one face.
private final class ProbeReader: PieceReader {
    private let sheet: WorksheetHandler?
    private let strings: SharedStrings?

    init(_ kind: PartProbe.Kind, csv: String) throws {
        switch kind {
        case .worksheet:
            sheet = WorksheetHandler(sheet: "S", strings: PartProbe.strings(), dateStyles: [false, true], base1904: false,
                                     writer: try SheetCSVWriter(path: csv), merges: nil)
            strings = nil
        case .sharedStrings:
            sheet = nil
            strings = SharedStrings()
        }
    }

    var parser: @Sendable () -> OpaquePointer? { sheet?.parser ?? strings!.parser }
    var cut: PieceCut { sheet?.cut ?? strings!.cut }

    func read(_ batch: wc_batch, join: () throws -> Void) throws {
        if let sheet { try sheet.read(batch, join: join) } else { try strings!.read(batch, join: join) }
    }

    /// The CSV with the hidden rows and merges found, or the strings one per line (escaped).
    func result() throws -> String {
        if let sheet {
            try sheet.writer.finish()
            let csv = String(decoding: try fileBytes(sheet.writer.path), as: UTF8.self)
            let merges = sheet.mergesDown.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")
            return csv + "\nhidden \(sheet.hiddenRows) merges \(merges)"
        }
        let table = strings!
        return (0..<table.count).map { i in table.withString(i) { String(decoding: $0, as: UTF8.self).debugDescription } }
            .joined(separator: "\n")
    }
}

/// A file's bytes by read(2): Foundation's readers of this toolchain leak a page on an empty file, which
/// the fuzzer's leak check would report as ours.
private func fileBytes(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw SpreadsheetProblem.damagedPackage(reason: "cannot read \(path)") }
    defer { close(fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { break }
        result += chunk[0..<n]
    }
    return result
}
