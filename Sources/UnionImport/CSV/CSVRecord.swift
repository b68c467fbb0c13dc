// One record read from delimited text, with the row number Calc shows for it.

public struct CSVRecord: Sendable {
    /// Raw cell texts: unquoted, `""` unescaped, not trimmed.
    public var fields: [String]
    /// The row number LibreOffice Calc shows for the record's first line: 1 + the number of records
    /// (blank ones included) before it, so a record spanning several physical lines is one row.
    public var row: Int
    /// An empty line, or a line of bare delimiters / whitespace-only cells: not a record for the importer,
    /// but it still takes a row number.
    public var isBlank: Bool
    /// Some byte sequence in the record was not valid UTF-8 (the fields then hold U+FFFD).
    public var hasInvalidUTF8: Bool
    /// End of file was reached inside a quoted field (F03); the record holds what was read.
    public var unterminatedQuote: Bool
    /// Offset of the record's first byte in the decoded UTF-8 text.
    public var byteOffset: Int
    /// Some cell holds a NUL byte (F01 for the row), as `RawRecord.hasNUL`.
    public var hasNUL = false

    public init(
        fields: [String], row: Int, isBlank: Bool, hasInvalidUTF8: Bool, unterminatedQuote: Bool, byteOffset: Int
    ) {
        self.fields = fields
        self.row = row
        self.isBlank = isBlank
        self.hasInvalidUTF8 = hasInvalidUTF8
        self.unterminatedQuote = unterminatedQuote
        self.byteOffset = byteOffset
    }
}
