// A delimited-text file's dialect: its delimiter and the line ending it was written with.

public enum LineEnding: String, Sendable, Codable {
    case lf = "LF"
    case crlf = "CRLF"
    case cr = "CR"
}

/// The quote is always `"` with `""` escaping (RFC 4180), so only the delimiter and line ending vary.
/// The reader accepts LF, CRLF and lone CR in any file; `lineEnding` records what the file uses.
public struct Dialect: Sendable, Equatable {
    public var delimiter: UInt8
    public var lineEnding: LineEnding

    public init(delimiter: UInt8, lineEnding: LineEnding) {
        self.delimiter = delimiter
        self.lineEnding = lineEnding
    }
}
