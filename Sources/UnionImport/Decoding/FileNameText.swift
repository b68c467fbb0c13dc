// A file name's bytes as the clerk reads them: UTF-8, else GB18030 (a zip from Chinese Windows), else escaped.

/// How a file name is shown (SPEC §2.1, §7.1): valid UTF-8 as it is; else decoded as GB18030 when the
/// whole name decodes; else its valid UTF-8 kept and every other byte written `\xHH`. A name is shown on
/// the terminal and in every output, so its control characters (C0, DEL, C1) are written `\xHH` too.
public enum FileNameText {
    public static func display(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) {
            return text.unicodeScalars.contains(where: isControl) ? escaped(bytes) : text
        }
        if case .decoded(let utf8) = bytes.withUnsafeBufferPointer({ GB18030Decoder.decode($0) }),
           let text = String(validating: utf8, as: UTF8.self), !text.unicodeScalars.contains(where: isControl) {
            return text
        }
        return escaped(bytes)
    }

    /// C0 (tab too: a name has no use for one), DEL and C1.
    static func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (0x7F...0x9F).contains(s.value) }

    /// Valid UTF-8 sequences kept but control characters, every other byte as `\xHH` (upper-case hex).
    public static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            let length = sequenceLength(bytes, at: i)
            if length > 0, let text = String(validating: bytes[i..<(i + length)], as: UTF8.self),
               !text.unicodeScalars.contains(where: isControl) {
                out += text
                i += length
            } else {
                let hex = Array("0123456789ABCDEF")
                out += "\\x" + String(hex[Int(bytes[i] >> 4)]) + String(hex[Int(bytes[i] & 0x0F)])
                i += 1
            }
        }
        return out
    }

    /// The length a UTF-8 sequence starting at `i` claims, 0 for a byte that starts none.
    static func sequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let b = bytes[i]
        let n: Int
        switch b {
        case 0x00...0x7F: n = 1
        case 0xC2...0xDF: n = 2
        case 0xE0...0xEF: n = 3
        case 0xF0...0xF4: n = 4
        default: return 0
        }
        return i + n <= bytes.count ? n : 0
    }
}
