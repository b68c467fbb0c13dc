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

extension TextEncoding {
    /// The offset just after the first line feed in `bytes`, which start on a code unit of this encoding:
    /// a place where a reader can start, nil when there is none. In UTF-8 and GB18030 a 0x0A byte is always
    /// a line feed (no byte of a longer character is below 0x30); in UTF-16 it is an aligned unit 0x000A.
    public func lineStart(in bytes: UnsafeRawBufferPointer) -> Int? {
        switch self {
        case .utf16LE, .utf16BE:
            let (lf, zero) = self == .utf16LE ? (0, 1) : (1, 0)
            var i = 0
            while i + 1 < bytes.count {
                if bytes[i + lf] == 0x0A && bytes[i + zero] == 0 { return i + 2 }
                i += 2
            }
            return nil
        default:
            // UTF-8, GB18030, and a sheet's text (the UTF-8 CSV it was written to).
            return bytes.firstIndex(of: 0x0A).map { $0 + 1 }
        }
    }
}
