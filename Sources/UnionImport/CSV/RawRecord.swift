// One record read from delimited text as bytes: what the CSV reader fills, reused from record to record.

/// The cells of one record as UTF-8 bytes, one after another: unquoted, `""` unescaped, not trimmed.
/// A reader fills the same value again for each record, so reading a record costs no allocation once
/// the buffers have grown to the longest record; a cell becomes a `String` only when asked for one.
public struct RawRecord: Sendable {
    /// The cells' bytes, one after another.
    public private(set) var bytes: [UInt8] = []
    /// Where each cell ends in `bytes` (it starts where the one before ends).
    public private(set) var ends: [Int] = []
    /// The row number Calc shows for the record's first line (as `CSVRecord.row`).
    public internal(set) var row = 0
    /// An empty line, or a line of bare delimiters / whitespace-only cells (as `CSVRecord.isBlank`).
    public internal(set) var isBlank = false
    /// Some byte sequence in the record is not valid UTF-8.
    public internal(set) var hasInvalidUTF8 = false
    /// End of file was reached inside a quoted field (F03).
    public internal(set) var unterminatedQuote = false
    /// Offset of the record's first byte in the decoded UTF-8 text.
    public internal(set) var byteOffset = 0
    /// Some cell holds more than white space.
    var hasContent = false
    var terminator = CSVReader.Terminator.endOfText

    public init() {}

    /// How many cells the record has.
    @inline(__always) public var count: Int { ends.count }

    /// The bytes of cell `i`.
    @inline(__always) public func range(of i: Int) -> Range<Int> {
        (i == 0 ? 0 : ends[i - 1])..<ends[i]
    }

    /// Calls `body` with the bytes of cell `i`.
    @inline(__always)
    public func withCell<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = range(of: i)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// Cell `i` as text; bytes that are not UTF-8 read as U+FFFD, as in `CSVRecord`.
    public func string(_ i: Int) -> String {
        withCell(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// The record with its cells as strings.
    public func record() -> CSVRecord {
        var fields: [String] = []
        fields.reserveCapacity(count)
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            for end in ends {
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: all[start..<end]), as: UTF8.self))
                start = end
            }
        }
        return CSVRecord(fields: fields, row: row, isBlank: isBlank, hasInvalidUTF8: hasInvalidUTF8,
                         unterminatedQuote: unterminatedQuote, byteOffset: byteOffset)
    }

    // MARK: Filling (the CSV reader)

    @inline(__always) mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        hasContent = false
        hasInvalidUTF8 = false
        unterminatedQuote = false
        terminator = .endOfText
    }

    @inline(__always) mutating func reserve(bytes count: Int) {
        if bytes.capacity < count { bytes.reserveCapacity(count) }
    }

    /// Adds bytes to the cell being read.
    @inline(__always) mutating func append(_ p: UnsafePointer<UInt8>, count: Int) {
        if count > 0 { bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: count)) }
    }

    /// Ends the cell being read; `nonASCII` says whether any of its bytes is 0x80 or above.
    @inline(__always) mutating func closeCell(nonASCII: Bool) {
        let start = ends.last ?? 0
        let end = bytes.count
        ends.append(end)
        guard end > start else { return }
        bytes.withUnsafeBufferPointer { all in
            let p = all.baseAddress! + start
            if nonASCII && !UTF8Validator.isValid(p, count: end - start) { hasInvalidUTF8 = true }
            if !hasContent && !Self.isWhitespaceOnly(p, count: end - start) { hasContent = true }
        }
    }

    /// ASCII white space, NBSP and the full-width space U+3000 make a cell blank; anything else is content.
    @inline(__always)
    private static func isWhitespaceOnly(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        var i = 0
        while i < count {
            switch p[i] {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                i += 1
            case 0xC2 where i + 1 < count && p[i + 1] == 0xA0:
                i += 2
            case 0xE3 where i + 2 < count && p[i + 1] == 0x80 && p[i + 2] == 0x80:
                i += 3
            default:
                return false
            }
        }
        return true
    }
}
