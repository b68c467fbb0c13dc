// The file-name harness: any bytes as a name, and CJK names written in GB18030, to the text shown for them.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UnionImport

/// `FileNameText.display` on the bytes as they are, and on a name made of them and written in GB18030
/// (as unzipping a Windows zip leaves it). What it promises (SPEC §2.1, §6):
/// - no control character (C0, DEL, C1) is ever shown;
/// - a valid UTF-8 name without one is shown as it is;
/// - a name that is not UTF-8 but decodes whole as GB18030 is shown decoded;
/// - anything else is its valid UTF-8 kept and the other bytes as `\xHH`, which read back to the name.
enum FileNameHarness {
    static func run(_ bytes: [UInt8]) {
        check(bytes)
        let name = cjkName(bytes)
        guard let gb = GB18030Encoder.encode(name) else { return }
        let shown = check(gb)
        // A name whose GB18030 bytes happen to be valid UTF-8 is UTF-8 (SPEC §2.1: never guess).
        if String(validating: gb, as: UTF8.self) == nil || name.utf8.allSatisfy({ $0 < 0x80 }) {
            precondition(shown == name, "the GB18030 name \(name) is shown as \(shown)")
        }
    }

    @discardableResult
    static func check(_ bytes: [UInt8]) -> String {
        let shown = FileNameText.display(bytes)
        precondition(!shown.unicodeScalars.contains(where: isControl), "a control character is shown")
        precondition(bytes.isEmpty == shown.isEmpty, "a name shown empty, or an empty one shown")
        if let text = String(validating: bytes, as: UTF8.self), !text.unicodeScalars.contains(where: isControl) {
            precondition(shown == text, "a valid UTF-8 name is shown as \(shown)")
            return shown
        }
        if String(validating: bytes, as: UTF8.self) == nil,
           case .decoded(let utf8) = bytes.withUnsafeBufferPointer({ GB18030Decoder.decode($0) }),
           let text = String(validating: utf8, as: UTF8.self), !text.unicodeScalars.contains(where: isControl) {
            precondition(shown == text, "a GB18030 name is shown as \(shown)")
            return shown
        }
        precondition(shown == FileNameText.escaped(bytes), "neither UTF-8 nor GB18030, yet not escaped")
        // The escapes read back to the name when it holds no backslash of its own.
        if !bytes.contains(0x5C) { precondition(unescaped(shown) == bytes, "the escaped name \(shown) does not read back") }
        return shown
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (0x7F...0x9F).contains(s.value) }

    /// `\xHH` back to its byte; everything else as its UTF-8.
    static func unescaped(_ text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < utf8.count {
            if utf8[i] == 0x5C, i + 3 < utf8.count, utf8[i + 1] == UInt8(ascii: "x"),
               let high = hexValue(utf8[i + 2]), let low = hexValue(utf8[i + 3]) {
                out.append(high << 4 | low)
                i += 4
            } else {
                out.append(utf8[i])
                i += 1
            }
        }
        return out
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        default: nil
        }
    }

    /// A name of common CJK ideographs (U+4E00–U+9FA5, mapped alike by every GB18030 table), digits and
    /// `.csv`, picked by pairs of bytes.
    static func cjkName(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i + 1 < bytes.count, scalars.count < 40 {
            let pick = Int(bytes[i]) << 8 | Int(bytes[i + 1])
            let scalar = pick % 8 == 0 ? Unicode.Scalar(UInt8(0x30 + pick % 10)) : Unicode.Scalar(UInt32(0x4E00 + pick % 0x51A6))!
            scalars.append(scalar)
            i += 2
        }
        return String(scalars) + ".csv"
    }
}

/// UTF-8 to GB18030 through glibc's iconv: an encoder independent of the decoder under test (the fuzz
/// harnesses and the decoding tests use it; nil when iconv lacks GB18030 or cannot encode all of `text`).
public enum GB18030Encoder {
    public static func encode(_ text: String) -> [UInt8]? {
        let converter = iconv_open("GB18030", "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 2 + 8)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress
                var outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        return written.map { output[..<$0].map { UInt8(bitPattern: $0) } }
    }
}
