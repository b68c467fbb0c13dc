// RFC 4180 reader over UTF-8 bytes, whole or streamed from a file in chunks: one record per call,
// lenient like Calc, built for millions of rows.

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
    private let source: FileChunks?
    private let delimiter: UInt8
    private var position = 0
    private var nextRow = 1
    /// Reused buffer for quoted fields that need unescaping, so they cost no allocation per field.
    private var scratch: [UInt8] = []
    private var fieldCapacity = 16
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
    public init(streaming source: FileChunks, dialect: Dialect, chunkSize: Int = CSVReader.chunkSize, textOffset: Int = 0) {
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
        if position >= end && !refill() { return nil }
        var scratch = self.scratch
        self.scratch = []  // keep the buffer uniquely referenced while it is filled
        defer { self.scratch = scratch }
        let delimiter = self.delimiter
        while true {
            let start = position
            var cursor = position
            var parsed = ParsedRecord(capacity: fieldCapacity)
            let end = self.end
            bytes.withUnsafeBufferPointer { buffer in
                Self.parseRecord(
                    buffer.baseAddress!, end: end, cursor: &cursor, delimiter: delimiter,
                    scratch: &scratch, into: &parsed)
            }
            // A record that runs to the window's end may go on in the file (a CR there may be half a CRLF):
            // read more and parse it again from its start.
            if !atEnd && cursor >= end && (parsed.terminator == .endOfText || parsed.terminator == .cr) {
                _ = refill()
                continue
            }
            position = cursor
            lastTerminator = parsed.terminator
            fieldCapacity = Swift.max(parsed.fields.count, 1)
            let record = CSVRecord(
                fields: parsed.fields, row: nextRow,
                isBlank: !parsed.hasContent && !parsed.unterminatedQuote,
                hasInvalidUTF8: parsed.hasInvalidUTF8, unterminatedQuote: parsed.unterminatedQuote,
                byteOffset: windowOffset + start)
            nextRow += 1
            return record
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
        if end == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
        let filled = end
        let n = bytes.withUnsafeMutableBytes { source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
        if n == 0 {
            atEnd = true
            return false
        }
        end += n
        return true
    }

    struct ParsedRecord {
        var fields: [String] = []
        var hasContent = false
        var hasInvalidUTF8 = false
        var unterminatedQuote = false
        var terminator = Terminator.endOfText

        init(capacity: Int) {
            fields.reserveCapacity(capacity)
        }
    }

    private static let quote: UInt8 = 0x22
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    /// Reads one record starting at `cursor` and leaves `cursor` after its terminator.
    @inline(__always)
    private static func parseRecord(
        _ p: UnsafePointer<UInt8>, end: Int, cursor: inout Int, delimiter: UInt8,
        scratch: inout [UInt8], into record: inout ParsedRecord
    ) {
        var i = cursor
        while true {
            if i < end && p[i] == quote {
                i = readQuotedField(p, end: end, from: i, delimiter: delimiter, scratch: &scratch, into: &record)
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
                appendField(p + fieldStart, count: i - fieldStart, nonASCII: seen >= 0x80, to: &record)
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
        _ p: UnsafePointer<UInt8>, end: Int, from start: Int, delimiter: UInt8,
        scratch: inout [UInt8], into record: inout ParsedRecord
    ) -> Int {
        var i = start + 1
        var segmentStart = i
        var usesScratch = false
        var seen: UInt8 = 0
        var closed = false
        while true {
            while i < end && p[i] != quote {
                seen |= p[i]
                i += 1
            }
            guard i < end else { break }
            if i + 1 < end && p[i + 1] == quote {
                // `""` is one literal quote: copy the text so far including one of them.
                if !usesScratch {
                    scratch.removeAll(keepingCapacity: true)
                    usesScratch = true
                }
                scratch.append(contentsOf: UnsafeBufferPointer(start: p + segmentStart, count: i + 1 - segmentStart))
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
        if !usesScratch && tailStart == i {
            appendField(p + segmentStart, count: segmentEnd - segmentStart, nonASCII: nonASCII, to: &record)
            return i
        }
        if !usesScratch { scratch.removeAll(keepingCapacity: true) }
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + segmentStart, count: segmentEnd - segmentStart))
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + tailStart, count: i - tailStart))
        scratch.withUnsafeBufferPointer { field in
            appendField(field.baseAddress!, count: field.count, nonASCII: nonASCII, to: &record)
        }
        return i
    }

    @inline(__always)
    private static func appendField(_ p: UnsafePointer<UInt8>, count: Int, nonASCII: Bool, to record: inout ParsedRecord) {
        if nonASCII && !UTF8Validator.isValid(p, count: count) { record.hasInvalidUTF8 = true }
        if !record.hasContent && !isWhitespaceOnly(p, count: count) { record.hasContent = true }
        record.fields.append(String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self))
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
