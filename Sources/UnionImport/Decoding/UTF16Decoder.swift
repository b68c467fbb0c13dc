// UTF-16 (Excel's "Unicode text") to UTF-8, with the original file offset of the first bad code unit.

enum UTF16Decoder {
    /// Converts the code units in `buffer[start...]` to UTF-8. Error offsets are offsets into `buffer`.
    /// A U+0000 code unit is treated as a sign of a binary (or UTF-32) file, like a NUL byte elsewhere.
    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, bigEndian: Bool) -> Result<[UInt8], DecodeError> {
        let count = buffer.count
        guard count > start, let p = buffer.baseAddress else { return .success([]) }
        var failure: DecodeError?
        // Each 2-byte unit yields at most 3 UTF-8 bytes (a surrogate pair: 4 bytes for 4 input bytes).
        let capacity = (count - start) / 2 * 3 + 1
        let utf8 = [UInt8](unsafeUninitializedCapacity: capacity) { out, written in
            var w = 0
            var i = start
            @inline(__always) func unit(at j: Int) -> UInt32 {
                bigEndian ? UInt32(p[j]) << 8 | UInt32(p[j + 1]) : UInt32(p[j + 1]) << 8 | UInt32(p[j])
            }
            while i + 1 < count {
                let u = unit(at: i)
                if u < 0x80 {
                    if u == 0 {
                        failure = .binary(byteOffset: i)
                        break
                    }
                    out[w] = UInt8(u)
                    w += 1
                    i += 2
                } else if u < 0x800 {
                    out[w] = UInt8(0xC0 | (u >> 6))
                    out[w + 1] = UInt8(0x80 | (u & 0x3F))
                    w += 2
                    i += 2
                } else if u >= 0xD800 && u <= 0xDBFF {
                    guard i + 3 < count else {
                        failure = .undecodable(byteOffset: i)
                        break
                    }
                    let low = unit(at: i + 2)
                    guard low >= 0xDC00 && low <= 0xDFFF else {
                        failure = .undecodable(byteOffset: i)
                        break
                    }
                    let scalar = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                    out[w] = UInt8(0xF0 | (scalar >> 18))
                    out[w + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
                    out[w + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    out[w + 3] = UInt8(0x80 | (scalar & 0x3F))
                    w += 4
                    i += 4
                } else if u >= 0xDC00 && u <= 0xDFFF {
                    failure = .undecodable(byteOffset: i)
                    break
                } else {
                    out[w] = UInt8(0xE0 | (u >> 12))
                    out[w + 1] = UInt8(0x80 | ((u >> 6) & 0x3F))
                    out[w + 2] = UInt8(0x80 | (u & 0x3F))
                    w += 3
                    i += 2
                }
            }
            // An odd byte left over cannot be a code unit.
            if failure == nil && i < count { failure = .undecodable(byteOffset: i) }
            written = failure == nil ? w : 0
        }
        if let failure { return .failure(failure) }
        return .success(utf8)
    }
}
