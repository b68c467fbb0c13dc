// One record read from delimited text as bytes: what the CSV reader fills, reused from record to record.

/// The cells of one record as UTF-8 bytes, one after another: unquoted, `""` unescaped, not trimmed.
/// A reader fills the same value again for each record, so reading a record costs no allocation once
/// the buffers have grown to the longest record; a cell becomes a `String` only when asked for one.
public struct RawRecord: Sendable {
    /// The cells' bytes, one after another, in the first `byteCount` bytes (the rest is room).
    private var storage = [UInt8](repeating: 0, count: 4096)
    private var byteCount = 0
    /// Where each cell ends in the bytes (it starts where the one before ends), in the first `count`.
    private var ends: [Int] = Array(repeating: 0, count: 32)
    /// How many cells the record has.
    public private(set) var count = 0
    /// The row number Calc shows for the record's first line (as `CSVRecord.row`).
    public internal(set) var row = 0
    /// An empty line, or a line of bare delimiters / whitespace-only cells (as `CSVRecord.isBlank`).
    public internal(set) var isBlank = false
    /// Some byte sequence in the record is not valid UTF-8.
    public internal(set) var hasInvalidUTF8 = false
    /// End of file was reached inside a quoted field (F03).
    public internal(set) var unterminatedQuote = false
    /// Some cell holds a NUL byte (F01 for the row; looked for only in a file that has one).
    public internal(set) var hasNUL = false
    /// Offset of the record's first byte in the decoded UTF-8 text.
    public internal(set) var byteOffset = 0
    /// Some cell holds more than white space.
    var hasContent = false
    var terminator = CSVReader.Terminator.endOfText

    public init() {}

    /// Where cell `i` ends in the record's bytes.
    @inline(__always) public func end(of i: Int) -> Int { ends[i] }

    /// The bytes of cell `i`.
    @inline(__always) public func range(of i: Int) -> Range<Int> {
        (i == 0 ? 0 : ends[i - 1])..<ends[i]
    }

    /// Calls `body` with all the record's bytes (cell `i` at `range(of: i)`).
    @inline(__always)
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let n = byteCount
        return try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<n])) }
    }

    /// Calls `body` with the bytes of cell `i`.
    @inline(__always)
    public func withCell<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = range(of: i)
        return try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// Cell `i` as text; bytes that are not UTF-8 read as U+FFFD, as in `CSVRecord`.
    public func string(_ i: Int) -> String {
        withCell(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// The record with its cells as strings.
    public func record() -> CSVRecord {
        var fields: [String] = []
        fields.reserveCapacity(count)
        for i in 0..<count { fields.append(string(i)) }
        var record = CSVRecord(fields: fields, row: row, isBlank: isBlank, hasInvalidUTF8: hasInvalidUTF8,
                               unterminatedQuote: unterminatedQuote, byteOffset: byteOffset)
        record.hasNUL = hasNUL
        return record
    }

    // MARK: Filling (the CSV reader)

    /// Writes a record's cells straight into the record's buffers. When the record is longer than the byte
    /// buffer, or has more cells than the ends hold, it says so, and `fill` grows them and starts over: the
    /// buffers grow to the longest record, not to the text.
    struct Writer {
        let bytes: UnsafeMutablePointer<UInt8>
        let byteCapacity: Int
        var length = 0
        /// The record's length in bytes, counted on past `byteCapacity`.
        var needed = 0
        let ends: UnsafeMutablePointer<Int>
        let endCapacity: Int
        var count = 0
        /// More bytes than `byteCapacity` or more cells than `endCapacity`.
        var overflow = false
        var hasContent = false
        var hasInvalidUTF8 = false
        var unterminatedQuote = false
        var terminator = CSVReader.Terminator.endOfText

        /// Adds bytes to the cell being read.
        @inline(__always) mutating func append(_ p: UnsafePointer<UInt8>, count n: Int) {
            guard n > 0 else { return }
            needed += n
            guard !overflow, length + n <= byteCapacity else {
                overflow = true
                return
            }
            (bytes + length).update(from: p, count: n)
            length += n
        }

        /// Ends the cell being read; `nonASCII` says whether any of its bytes is 0x80 or above.
        @inline(__always) mutating func closeCell(nonASCII: Bool) {
            guard !overflow, count < endCapacity else {
                overflow = true
                return
            }
            let start = count == 0 ? 0 : ends[count - 1]
            ends[count] = length
            count += 1
            let n = length - start
            guard n > 0 else { return }
            let p = UnsafePointer(bytes + start)
            if nonASCII && !UTF8Validator.isValid(p, count: n) { hasInvalidUTF8 = true }
            if !hasContent && !RawRecord.isWhitespaceOnly(p, count: n) { hasContent = true }
        }
    }

    /// Fills the record by `parse`, which reads one record into the writer (again, from its start, when the
    /// buffers were too small).
    @inline(__always)
    mutating func fill(_ parse: (inout Writer) -> Void) {
        var bytes = storage
        var cellEnds = ends
        storage = []
        ends = []
        defer {
            storage = bytes
            ends = cellEnds
        }
        while true {
            let written = bytes.withUnsafeMutableBufferPointer { b in
                cellEnds.withUnsafeMutableBufferPointer { e -> Writer in
                    var writer = Writer(bytes: b.baseAddress!, byteCapacity: b.count, ends: e.baseAddress!, endCapacity: e.count)
                    parse(&writer)
                    return writer
                }
            }
            if written.overflow {
                if written.needed > bytes.count { bytes = Array(repeating: 0, count: Swift.max(written.needed, bytes.count * 2)) }
                if written.count >= cellEnds.count { cellEnds = Array(repeating: 0, count: cellEnds.count * 2) }
                continue
            }
            byteCount = written.length
            count = written.count
            hasContent = written.hasContent
            hasInvalidUTF8 = written.hasInvalidUTF8
            unterminatedQuote = written.unterminatedQuote
            terminator = written.terminator
            return
        }
    }

    /// ASCII white space, NBSP and the full-width space U+3000 make a cell blank; anything else is content.
    @inline(__always)
    static func isWhitespaceOnly(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
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
