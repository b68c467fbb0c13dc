// Guesses a file's delimiter and line ending from its first 64 KiB.

public enum DialectSniffer {
    static let sampleSize = 64 * 1024
    /// Non-blank records compared per candidate delimiter.
    static let recordLimit = 100
    /// In order of preference when two candidates score the same.
    static let candidates: [UInt8] = [0x2C, 0x09, 0x3B, 0x7C]  // , \t ; |

    /// The delimiter whose per-record field counts are most consistent (and above one field); ties go to
    /// more fields, then to the order comma, tab, semicolon, `|`; comma when no candidate splits any record.
    /// The line ending is the first record terminator met outside quotes (LF when there is none).
    public static func sniff(_ utf8: [UInt8]) -> Dialect {
        let truncated = utf8.count > sampleSize
        let sample = truncated ? Array(utf8[..<sampleSize]) : utf8

        var best: Score?
        var bestTerminator = CSVReader.Terminator.endOfText
        var commaTerminator = CSVReader.Terminator.endOfText
        for delimiter in candidates {
            let (score, terminator) = measure(sample, delimiter: delimiter, truncated: truncated)
            if delimiter == candidates[0] { commaTerminator = terminator }
            guard let score else { continue }
            if best == nil || score.beats(best!) {
                best = score
                bestTerminator = terminator
            }
        }
        let terminator = best == nil ? commaTerminator : bestTerminator
        return Dialect(delimiter: best?.delimiter ?? candidates[0], lineEnding: lineEnding(terminator))
    }

    struct Score {
        var delimiter: UInt8
        var matching: Int  // records whose field count equals `fields`
        var records: Int  // non-blank records compared
        var fields: Int  // the most common field count above one

        /// Higher share of matching records first (compared as fractions, without floating point), then more fields.
        func beats(_ other: Score) -> Bool {
            let lhs = matching * other.records
            let rhs = other.matching * records
            if lhs != rhs { return lhs > rhs }
            return fields > other.fields
        }
    }

    private static func measure(_ sample: [UInt8], delimiter: UInt8, truncated: Bool) -> (Score?, CSVReader.Terminator) {
        var reader = CSVReader(utf8: sample, dialect: Dialect(delimiter: delimiter, lineEnding: .lf))
        var firstTerminator: CSVReader.Terminator?
        var counts: [Int] = []
        while counts.count < recordLimit, let record = reader.next() {
            if firstTerminator == nil && reader.lastTerminator != .endOfText { firstTerminator = reader.lastTerminator }
            // The record cut by the end of the sample has an arbitrary field count.
            if truncated && reader.lastTerminator == .endOfText { break }
            if record.isBlank { continue }
            counts.append(record.fields.count)
        }
        let terminator = firstTerminator ?? .endOfText
        var frequency: [Int: Int] = [:]
        for count in counts where count > 1 { frequency[count, default: 0] += 1 }
        guard let mode = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { return (nil, terminator) }
        return (Score(delimiter: delimiter, matching: mode.value, records: counts.count, fields: mode.key), terminator)
    }

    private static func lineEnding(_ terminator: CSVReader.Terminator) -> LineEnding {
        switch terminator {
        case .crlf: return .crlf
        case .cr: return .cr
        case .lf, .endOfText: return .lf
        }
    }
}
