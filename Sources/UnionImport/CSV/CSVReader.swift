// RFC 4180 reader over UTF-8 bytes: one record per call, lenient like Calc, built for millions of rows.

public struct CSVReader: Sequence, IteratorProtocol {
    /// How a record ended; the dialect sniffer takes the file's line ending from the first one.
    enum Terminator: Equatable {
        case endOfText, lf, crlf, cr
    }

    private let bytes: [UInt8]
    private let delimiter: UInt8
    private var position = 0
    private var nextRow = 1
    /// Reused buffer for quoted fields that need unescaping, so they cost no allocation per field.
    private var scratch: [UInt8] = []
    private var fieldCapacity = 16
    private(set) var lastTerminator = Terminator.endOfText

    public init(utf8: [UInt8], dialect: Dialect) {
        self.bytes = utf8
        self.delimiter = dialect.delimiter
    }

    public mutating func next() -> CSVRecord? {
        guard position < bytes.count else { return nil }
        let start = position
        var cursor = position
        var scratch = self.scratch
        self.scratch = []  // keep the buffer uniquely referenced while it is filled
        var parsed = ParsedRecord(capacity: fieldCapacity)
        let delimiter = self.delimiter
        bytes.withUnsafeBufferPointer { buffer in
            Self.parseRecord(
                buffer.baseAddress!, end: buffer.count, cursor: &cursor, delimiter: delimiter,
                scratch: &scratch, into: &parsed)
        }
        self.scratch = scratch
        position = cursor
        lastTerminator = parsed.terminator
        fieldCapacity = Swift.max(parsed.fields.count, 1)
        let record = CSVRecord(
            fields: parsed.fields, row: nextRow,
            isBlank: !parsed.hasContent && !parsed.unterminatedQuote,
            hasInvalidUTF8: parsed.hasInvalidUTF8, unterminatedQuote: parsed.unterminatedQuote,
            byteOffset: start)
        nextRow += 1
        return record
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
