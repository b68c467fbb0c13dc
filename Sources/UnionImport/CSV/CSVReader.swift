// RFC 4180 reader over UTF-8 bytes, whole or streamed from a file in chunks: one record per call,
// lenient like Calc, built for millions of rows.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct CSVReader: Sequence, IteratorProtocol {
    /// How a record ended; the dialect sniffer takes the file's line ending from the first one.
    enum Terminator: Equatable {
        case endOfText, lf, crlf, cr
    }

    /// The whole text, or the window of a streamed file that holds the record being read.
    private var bytes: [UInt8]
    /// How many bytes of `bytes` hold text.
    private var end: Int
    /// Offset in the text of `bytes[0]`.
    private var windowOffset = 0
    /// No more text will come: the end of `bytes` is the end of the text.
    private var atEnd: Bool
    private let source: (any TextChunks)?
    private let delimiter: UInt8
    private var position = 0
    private var nextRow = 1
    /// The record `next()` reads into before making its cells strings.
    private var spare = RawRecord()
    private(set) var lastTerminator = Terminator.endOfText

    public init(utf8: [UInt8], dialect: Dialect) {
        self.bytes = utf8
        self.end = utf8.count
        self.atEnd = true
        self.source = nil
        self.delimiter = dialect.delimiter
    }

    /// The window a streamed file starts with; it grows when one record is longer.
    public static let chunkSize = 1 << 20

    /// Reads the text from `source`, positioned at its first byte, a window at a time. A reader of the
    /// second part of a text is positioned at `textOffset` and counts its rows from 1.
    public init(streaming source: any TextChunks, dialect: Dialect, chunkSize: Int = CSVReader.chunkSize, textOffset: Int = 0) {
        self.bytes = [UInt8](repeating: 0, count: Swift.max(chunkSize, 4))
        self.end = 0
        self.atEnd = false
        self.source = source
        self.delimiter = dialect.delimiter
        self.windowOffset = textOffset
    }

    /// The text offset where the next record starts, and the row Calc shows for it.
    public var nextRecordStart: (offset: Int, row: Int) { (windowOffset + position, nextRow) }

    public mutating func next() -> CSVRecord? {
        var record = spare
        spare = RawRecord()  // keep the buffers uniquely referenced while they are filled
        defer { spare = record }
        return next(into: &record) ? record.record() : nil
    }

    /// Reads the next record into `record`, whose buffers are reused from call to call: a record costs no
    /// allocation, and a cell is made a `String` only when asked. False at the end of the text.
    public mutating func next(into record: inout RawRecord) -> Bool {
        if position >= end && !refill() { return false }
        let delimiter = self.delimiter
        while true {
            let start = position
            var cursor = position
            let end = self.end
            bytes.withUnsafeBufferPointer { buffer in
                record.fill { writer in
                    cursor = start
                    Self.parseRecord(buffer.baseAddress!, end: end, cursor: &cursor, delimiter: delimiter, into: &writer)
                }
            }
            // A record that runs to the window's end may go on in the file (a CR there may be half a CRLF):
            // read more and parse it again from its start.
            if !atEnd && cursor >= end && (record.terminator == .endOfText || record.terminator == .cr) {
                _ = refill()
                continue
            }
            position = cursor
            lastTerminator = record.terminator
            record.row = nextRow
            record.isBlank = !record.hasContent && !record.unterminatedQuote
            record.byteOffset = windowOffset + start
            nextRow += 1
            return true
        }
    }

    /// Moves the unread bytes to the window's start and reads more after them, growing the window when
    /// it is full. False, and `atEnd` set, when the file has no more.
    private mutating func refill() -> Bool {
        guard let source, !atEnd else { return false }
        if position > 0 {
            let keep = end - position
            let from = position
            bytes.withUnsafeMutableBufferPointer { b in
                if keep > 0 { (b.baseAddress! + 0).update(from: b.baseAddress! + from, count: keep) }
            }
            windowOffset += position
            end = keep
            position = 0
        }
        if end == bytes.count { bytes = Self.doubled(bytes) }
        let filled = end
        let n = bytes.withUnsafeMutableBytes { source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
        if n == 0 {
            atEnd = true
            return false
        }
        end += n
        return true
    }

    /// `bytes` in a window twice as large, the rest zero: one copy at memory speed (appending zeros one by one
    /// took a debug build 15 s for a 10 MB cell).
    private static func doubled(_ bytes: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count * 2) { grown, initialized in
            bytes.withUnsafeBufferPointer { old in
                _ = memcpy(grown.baseAddress!, old.baseAddress!, old.count)
                _ = memset(grown.baseAddress! + old.count, 0, grown.count - old.count)
            }
            initialized = grown.count
        }
    }

    private static let quote: UInt8 = 0x22
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    /// Reads one record starting at `cursor` and leaves `cursor` after its terminator.
    @inline(__always)
    private static func parseRecord(
        _ p: UnsafePointer<UInt8>, end: Int, cursor: inout Int, delimiter: UInt8, into record: inout RawRecord.Writer
    ) {
        var i = cursor
        while true {
            if i < end && p[i] == quote {
                i = readQuotedField(p, end: end, from: i, delimiter: delimiter, into: &record)
            } else {
                // Fast path: an unquoted field runs to the delimiter or line break; a quote inside it is literal.
                let fieldStart = i
                var seen: UInt8 = 0
                while i < end {
                    let b = p[i]
                    if b == delimiter || b == lf || b == cr { break }
                    seen |= b
                    i += 1
                }
                record.append(p + fieldStart, count: i - fieldStart)
                record.closeCell(nonASCII: seen >= 0x80)
            }
            if i >= end {
                record.terminator = .endOfText
                break
            }
            let b = p[i]
            if b == delimiter {
                i += 1  // a delimiter at the very end still opens one last, empty field
                continue
            }
            if b == lf {
                record.terminator = .lf
                i += 1
            } else if i + 1 < end && p[i + 1] == lf {
                record.terminator = .crlf
                i += 2
            } else {
                record.terminator = .cr
                i += 1
            }
            break
        }
        cursor = i
    }

    /// Reads a field whose first byte (at `start`) is a quote; returns the offset after it.
    private static func readQuotedField(
        _ p: UnsafePointer<UInt8>, end: Int, from start: Int, delimiter: UInt8, into record: inout RawRecord.Writer
    ) -> Int {
        var i = start + 1
        var segmentStart = i
        var seen: UInt8 = 0
        var closed = false
        while true {
            while i < end && p[i] != quote {
                seen |= p[i]
                i += 1
            }
            guard i < end else { break }
            if i + 1 < end && p[i + 1] == quote {
                // `""` is one literal quote: the text so far including one of them.
                record.append(p + segmentStart, count: i + 1 - segmentStart)
                i += 2
                segmentStart = i
                continue
            }
            closed = true
            break
        }
        let segmentEnd = i
        var tailStart = i
        if closed {
            // Text between the closing quote and the delimiter is kept literally, as Calc does.
            i += 1
            tailStart = i
            while i < end {
                let b = p[i]
                if b == delimiter || b == lf || b == cr { break }
                seen |= b
                i += 1
            }
        } else {
            record.unterminatedQuote = true
        }
        let nonASCII = seen >= 0x80
        if nonASCII && tailStart < i {
            // The field joins the text before the closing quote to the text after it; each must be valid
            // on its own, or the join could make a character the file does not hold ("\xE4"\x80\x80 reads as 䀀).
            if !UTF8Validator.isValid(p + start + 1, count: segmentEnd - start - 1)
                || !UTF8Validator.isValid(p + tailStart, count: i - tailStart) {
                record.hasInvalidUTF8 = true
            }
        }
        record.append(p + segmentStart, count: segmentEnd - segmentStart)
        record.append(p + tailStart, count: i - tailStart)
        record.closeCell(nonASCII: nonASCII)
        return i
    }
}
