// The fuzz harnesses by name: bytes in, every stage they cover run, invariants checked with `precondition`.

/// One harness per area. Any bytes are valid input: bad data must come back as a finding, an error value
/// or nil, never a trap. What the code promises about its results is checked too, so a broken promise
/// is a crash libFuzzer can report and minimise.
public enum FuzzHarness: String, CaseIterable, Sendable {
    /// Decoder, dialect sniffer, CSV reader (against a reference reader), header matching, row reading
    /// (the value parsers on every cell) and the file opener.
    case `import`
    /// Day, Money, IDNumber, PhoneNumber, Rate and header normalisation over the bytes as one string.
    case values
    /// The TOML reader, and the rule profile read from what it parsed.
    case toml
    /// The header search over built files: title rows, two-row headers, aliases, the 1 MiB bound.
    case header
    /// File-name bytes to the name shown: UTF-8, GB18030, escapes, no control characters.
    case filename
    /// A worksheet or shared strings part through libxml2: chunked, and in pieces by two parsers.
    case worksheet

    public func run(_ bytes: [UInt8]) {
        switch self {
        case .import: ImportHarness.run(bytes)
        case .values: ValuesHarness.run(bytes)
        case .toml: TOMLHarness.run(bytes)
        case .header: HeaderHarness.run(bytes)
        case .filename: FileNameHarness.run(bytes)
        case .worksheet: WorksheetHarness.run(bytes)
        }
    }
}

/// Well-formed UTF-8 by the standard library's reading, independent of `UTF8Validator`.
func isValidUTF8<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    String(validating: bytes, as: UTF8.self) != nil
}
