// A deliberately plain CSV reader: the fuzzer compares CSVReader's records with this one's, byte for byte.

/// Reads records as CSVReader documents them, one byte at a time, with no fast paths:
/// `"` opens a quoted field only at a field's start, `""` inside it is one quote, text after the closing
/// quote is kept, LF, CRLF and a lone CR end a record, and the end of text inside quotes keeps what was read.
struct ReferenceCSV {
    struct Record: Equatable {
        var fields: [[UInt8]] = []
        var offset: Int
        var unterminatedQuote = false
        /// The record's own bytes (terminator included) are not valid UTF-8.
        var hasInvalidUTF8 = false
        var isBlank: Bool {
            !unterminatedQuote && fields.allSatisfy { field in
                String(decoding: field, as: UTF8.self).unicodeScalars.allSatisfy {
                    [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x3000].contains($0.value)
                }
            }
        }
    }

    let bytes: [UInt8]
    let delimiter: UInt8
    var position = 0

    init(_ bytes: [UInt8], delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
    }

    mutating func next() -> Record? {
        guard position < bytes.count else { return nil }
        var record = Record(offset: position)
        var i = position
        let quote: UInt8 = 0x22
        func endsField(_ b: UInt8) -> Bool { b == delimiter || b == 0x0A || b == 0x0D }
        fields: while true {
            var field: [UInt8] = []
            if i < bytes.count && bytes[i] == quote {
                i += 1
                var closed = false
                while i < bytes.count {
                    if bytes[i] == quote {
                        if i + 1 < bytes.count && bytes[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    field.append(bytes[i])
                    i += 1
                }
                if !closed { record.unterminatedQuote = true }
            }
            while i < bytes.count && !endsField(bytes[i]) {
                field.append(bytes[i])
                i += 1
            }
            record.fields.append(field)
            guard i < bytes.count else { break fields }
            switch bytes[i] {
            case delimiter:
                i += 1
            case 0x0A:
                i += 1
                break fields
            default:  // CR, alone or before LF
                i += i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
                break fields
            }
        }
        record.hasInvalidUTF8 = !isValidUTF8(bytes[position..<i])
        position = i
        return record
    }
}
