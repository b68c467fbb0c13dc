// Detects a file's encoding (BOM, UTF-8, mostly-UTF-8, GB18030) and turns its bytes into UTF-8 text.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum TextDecoder {
    /// Decodes a whole file. Order: BOM; binary signs; valid UTF-8 (ASCII included, and UTF-8 wins over
    /// GB18030 when both read the file); "mostly UTF-8" (kept raw so the CSV reader flags the bad rows);
    /// GB18030. An empty or BOM-only file is empty text.
    /// Like `decode(_:)`, taking the bytes over: a UTF-8 file with a BOM loses its BOM in place
    /// instead of being copied (a copy of a 100 MB roster is 100 MB more at the peak).
    public static func decode(owned input: consuming [UInt8]) -> Result<DecodedText, DecodeError> {
        var taken = input
        return decode(taking: &taken)
    }

    /// Takes the bytes out of `source` (left empty), so the buffer is never copied.
    public static func decode(taking source: inout [UInt8]) -> Result<DecodedText, DecodeError> {
        var bytes: [UInt8] = []
        swap(&bytes, &source)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            let nul = bytes.withUnsafeBufferPointer { b in firstNUL(b.baseAddress! + 3, count: b.count - 3) }
            if let nul, bytes.withUnsafeBufferPointer(isMostlyNUL) { return .failure(.binary(byteOffset: 3 + nul)) }
            bytes.removeFirst(3)
            return .success(DecodedText(encoding: .utf8BOM, utf8: bytes))
        }
        return decode(bytes)
    }

    public static func decode(_ bytes: [UInt8]) -> Result<DecodedText, DecodeError> {
        bytes.withUnsafeBufferPointer { buffer in
            guard let p = buffer.baseAddress, buffer.count > 0 else {
                return .success(DecodedText(encoding: .utf8, utf8: []))
            }
            let count = buffer.count

            if hasPrefix(buffer, [0xEF, 0xBB, 0xBF]) {
                if let nul = firstNUL(p + 3, count: count - 3), isMostlyNUL(buffer) { return .failure(.binary(byteOffset: 3 + nul)) }
                // The BOM says UTF-8; any invalid rows are flagged by the CSV reader rather than re-guessed.
                return .success(DecodedText(encoding: .utf8BOM, utf8: Array(buffer[3...])))
            }
            if hasPrefix(buffer, [0xFF, 0xFE]) {
                return UTF16Decoder.decode(buffer, from: 2, bigEndian: false)
                    .map { DecodedText(encoding: .utf16LE, utf8: $0) }
            }
            if hasPrefix(buffer, [0xFE, 0xFF]) {
                return UTF16Decoder.decode(buffer, from: 2, bigEndian: true)
                    .map { DecodedText(encoding: .utf16BE, utf8: $0) }
            }

            if binarySignatures.contains(where: { hasPrefix(buffer, $0) }) { return .failure(.binary(byteOffset: 0)) }
            if let nul = firstNUL(p, count: count), isMostlyNUL(buffer) { return .failure(.binary(byteOffset: nul)) }

            guard let firstInvalid = UTF8Validator.firstInvalidOffset(p, count: count) else {
                return .success(DecodedText(encoding: .utf8, utf8: bytes))
            }
            let lines = UTF8Validator.lineCounts(p, count: count)
            if lines.validNonASCII > lines.invalid {
                return .success(DecodedText(encoding: .utf8, utf8: bytes))
            }
            switch GB18030Decoder.decode(buffer) {
            case .decoded(let utf8):
                return .success(DecodedText(encoding: .gb18030, utf8: utf8))
            case .failed(let gbOffset):
                // Report where the encoding that read furthest gave up: that is where the clerk should look.
                return .failure(.undecodable(byteOffset: max(firstInvalid, gbOffset)))
            }
        }
    }

    /// Starts of file formats a clerk may rename to .csv by mistake (PNG, ZIP/XLSX, OLE2/XLS/ET, JPEG, GIF, PDF, gzip).
    static let binarySignatures: [[UInt8]] = [
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        [0x50, 0x4B, 0x03, 0x04],
        [0x50, 0x4B, 0x05, 0x06],
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
        [0xFF, 0xD8, 0xFF],
        [0x47, 0x49, 0x46, 0x38, 0x37, 0x61],
        [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
        [0x25, 0x50, 0x44, 0x46, 0x2D],
        [0x1F, 0x8B, 0x08],
    ]

    /// How many first bytes the NUL density is measured over (SPEC §2.4).
    static let densityWindow = 64 * 1024

    /// A file is binary as a whole when NUL makes more than 1% of its first 64 KiB (of the whole file when
    /// it is smaller); a few NUL bytes in cells make only their rows F01.
    static func isMostlyNUL<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        let window = bytes.prefix(densityWindow)
        var nuls = 0
        for b in window where b == 0 { nuls += 1 }
        return nuls * 100 > window.count
    }

    private static func hasPrefix(_ buffer: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        buffer.count >= prefix.count && zip(buffer, prefix).allSatisfy { $0 == $1 }
    }

    private static func firstNUL(_ p: UnsafePointer<UInt8>, count: Int) -> Int? {
        guard count > 0, let hit = memchr(p, 0, count) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(p)
    }
}
