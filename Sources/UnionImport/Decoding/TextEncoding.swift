// The encodings unionbatch reads, the decoded text of a file, and why a file could not be decoded.

/// An input file's detected encoding; the raw value is the name written to the outputs (SPEC §7).
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8-BOM"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case gb18030 = "GB18030"
    /// A worksheet of a workbook, read as the CSV it was written to (SPEC §7.1 "Sheets as inputs").
    case xlsx = "XLSX"
    case xls = "XLS"
    case ods = "ODS"
}

/// A file's text as UTF-8 bytes, ready for the CSV reader.
public struct DecodedText: Sendable {
    public let encoding: TextEncoding
    /// The text as UTF-8 bytes, BOM removed. For a UTF-8 file with a few bad rows (a GBK line pasted in)
    /// the raw bytes are kept as they are; the CSV reader flags the records that hold invalid sequences.
    public let utf8: [UInt8]

    public init(encoding: TextEncoding, utf8: [UInt8]) {
        self.encoding = encoding
        self.utf8 = utf8
    }
}

/// Why a file is not text unionbatch can read (F01). Offsets count bytes of the original file, BOM included.
public enum DecodeError: Error, Equatable, Sendable {
    /// The file is in no supported encoding; decoding failed at this offset.
    case undecodable(byteOffset: Int)
    /// A NUL byte (outside UTF-16) or another sign of a binary file (e.g. a PNG signature) at this offset.
    case binary(byteOffset: Int)

    public var byteOffset: Int {
        switch self {
        case .undecodable(let offset), .binary(let offset): return offset
        }
    }
}
