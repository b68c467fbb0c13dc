// GB18030 and UTF-16 to UTF-8 one window of input at a time, keeping a character cut by a window for the next.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one call of a converter did: input used, output made, and where the input stopped being the encoding.
struct ConversionStep {
    var consumed: Int
    var produced: Int
    /// Offsets count from the start of the input given to the call.
    var failure: DecodeError?
}

/// Converts a window of encoded bytes to UTF-8. Input that ends inside a character is left unconsumed
/// (the caller brings it back with the next window), unless `isLast` says no more input will come: then it
/// fails there, as a whole decode fails on a file that ends inside a character.
protocol WindowConverter: AnyObject {
    /// `output` has room for at least 16 bytes, so any one character always fits.
    func convert(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isLast: Bool) -> ConversionStep
}

/// GB18030 (also GBK and GB2312) as glibc iconv reads it, which keeps no state between characters. ASCII
/// and the two-byte characters (nearly all of a Chinese roster) go through `GB18030PairTable`, made by iconv
/// itself; four-byte characters, and bytes the table does not hold, go to iconv one character at a time, so
/// the text and the offset of any failure are iconv's.
final class GB18030WindowConverter: WindowConverter {
    private let converter: iconv_t
    private let pairs = GB18030PairTable.shared

    /// Nil when glibc has no GB18030 module (nothing could be decoded).
    init?() {
        guard let converter = iconv_open("UTF-8", "GB18030"), Int(bitPattern: converter) != -1 else { return nil }
        self.converter = converter
    }

    deinit { iconv_close(converter) }

    func convert(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isLast: Bool) -> ConversionStep {
        guard let src = input.baseAddress, let dst = output.baseAddress else { return ConversionStep(consumed: 0, produced: 0) }
        let count = input.count
        let room = output.count
        var i = 0
        var w = 0
        return pairs.entries.withUnsafeBufferPointer { table in
            // Four bytes of room make any character fit.
            while i < count && w + 4 <= room {
                // ASCII runs eight bytes at a time.
                if i + 8 <= count && w + 8 <= room {
                    let word = (src + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        (dst + w).storeBytes(of: word, as: UInt64.self)
                        i += 8
                        w += 8
                        continue
                    }
                }
                let lead = src.load(fromByteOffset: i, as: UInt8.self)
                if lead < 0x80 {
                    dst.storeBytes(of: lead, toByteOffset: w, as: UInt8.self)
                    i += 1
                    w += 1
                    continue
                }
                if i + 1 < count, let entry = GB18030PairTable.entry(table, lead, src.load(fromByteOffset: i + 1, as: UInt8.self)) {
                    // The entry's low bytes are the character's UTF-8; a fourth byte written past it is overwritten next.
                    (dst + w).storeBytes(of: entry.littleEndian, as: UInt32.self)
                    w += Int(entry >> 24)
                    i += 2
                    continue
                }
                let step = convertOne(src + i, count: min(4, count - i), into: dst + w, room: room - w)
                i += step.consumed
                w += step.produced
                if step.consumed > 0 { continue }
                // A character cut by the window comes back with the next one; anything else is not GB18030.
                if step.error == EINVAL && !isLast || step.error == E2BIG { break }
                return ConversionStep(consumed: i, produced: w, failure: .undecodable(byteOffset: i))
            }
            return ConversionStep(consumed: i, produced: w)
        }
    }

    /// iconv on at most four bytes (one character, or a cut one): what it used and made, and its errno when it
    /// stopped before the end.
    private func convertOne(_ input: UnsafeRawPointer, count: Int, into output: UnsafeMutableRawPointer, room: Int)
        -> (consumed: Int, produced: Int, error: Int32) {
        // iconv's prototype takes `char **` but does not write through the input pointer.
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: input.assumingMemoryBound(to: CChar.self))
        var inLeft = count
        var outPointer: UnsafeMutablePointer<CChar>? = output.assumingMemoryBound(to: CChar.self)
        var outLeft = room
        let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
        return (count - inLeft, room - outLeft, status == -1 ? errno : 0)
    }
}

/// The UTF-8 of every two-byte GB18030 character, asked of iconv once per process: a look-up instead of
/// iconv's two steps (to UCS-4, then to UTF-8) for each character.
final class GB18030PairTable: Sendable {
    static let shared = GB18030PairTable()

    /// At `(lead - 0x81) * 191 + (trail - 0x40)`: the character's UTF-8 bytes in the low 24 bits and how
    /// many in the top 8; 0 where iconv reads the pair as no one character of at most 3 bytes.
    let entries: [UInt32]

    private init() {
        var entries = [UInt32](repeating: 0, count: 126 * 191)
        if let converter = iconv_open("UTF-8", "GB18030"), Int(bitPattern: converter) != -1 {
            for lead in 0x81...0xFE {
                for trail in 0x40...0xFE {
                    entries[(lead - 0x81) * 191 + trail - 0x40] = Self.ask(converter, UInt8(lead), UInt8(trail))
                }
            }
            iconv_close(converter)
        }
        self.entries = entries
    }

    /// The entry for one pair, as iconv converts it alone.
    private static func ask(_ converter: iconv_t, _ lead: UInt8, _ trail: UInt8) -> UInt32 {
        var pair: [CChar] = [CChar(bitPattern: lead), CChar(bitPattern: trail)]
        var out = [CChar](repeating: 0, count: 8)
        return pair.withUnsafeMutableBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                var inPointer = p.baseAddress
                var inLeft = 2
                var outPointer = o.baseAddress
                var outLeft = 8
                let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                let made = 8 - outLeft
                guard status != -1, inLeft == 0, (1...3).contains(made) else { return 0 }
                var entry = UInt32(made) << 24
                for k in 0..<made { entry |= UInt32(UInt8(bitPattern: o[k])) << (8 * k) }
                return entry
            }
        }
    }

    /// The entry of a pair when the table holds it.
    @inline(__always)
    static func entry(_ table: UnsafeBufferPointer<UInt32>, _ lead: UInt8, _ trail: UInt8) -> UInt32? {
        guard lead >= 0x81, lead <= 0xFE, trail >= 0x40, trail <= 0xFE else { return nil }
        let entry = table[Int(lead - 0x81) * 191 + Int(trail - 0x40)]
        return entry == 0 ? nil : entry
    }
}

/// UTF-16 of either byte order, as `UTF16Decoder` reads it: a U+0000 unit is a sign of a binary file,
/// an unpaired surrogate or an odd last byte is undecodable.
final class UTF16WindowConverter: WindowConverter {
    private let bigEndian: Bool

    init(bigEndian: Bool) { self.bigEndian = bigEndian }

    func convert(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isLast: Bool) -> ConversionStep {
        let count = input.count
        let room = output.count
        var i = 0
        var w = 0
        @inline(__always) func unit(at j: Int) -> UInt32 {
            bigEndian ? UInt32(input[j]) << 8 | UInt32(input[j + 1]) : UInt32(input[j + 1]) << 8 | UInt32(input[j])
        }
        @inline(__always) func put(_ byte: UInt32) {
            output[w] = UInt8(truncatingIfNeeded: byte)
            w += 1
        }
        func failed(_ error: DecodeError) -> ConversionStep { ConversionStep(consumed: i, produced: w, failure: error) }
        // Four bytes of room make any character fit, a surrogate pair included.
        while i + 1 < count && w + 4 <= room {
            if i + 8 <= count, let ascii = asciiUnits(input.baseAddress! + i) {
                (output.baseAddress! + w).storeBytes(of: ascii.littleEndian, as: UInt32.self)
                i += 8
                w += 4
                continue
            }
            let u = unit(at: i)
            if u == 0 { return failed(.binary(byteOffset: i)) }
            if u < 0x80 {
                put(u)
                i += 2
            } else if u < 0x800 {
                put(0xC0 | (u >> 6))
                put(0x80 | (u & 0x3F))
                i += 2
            } else if u >= 0xD800 && u <= 0xDBFF {
                guard i + 3 < count else {
                    // The pair is cut by the window: its low half comes with the next one.
                    if isLast { return failed(.undecodable(byteOffset: i)) }
                    break
                }
                let low = unit(at: i + 2)
                guard low >= 0xDC00 && low <= 0xDFFF else { return failed(.undecodable(byteOffset: i)) }
                let scalar = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                put(0xF0 | (scalar >> 18))
                put(0x80 | ((scalar >> 12) & 0x3F))
                put(0x80 | ((scalar >> 6) & 0x3F))
                put(0x80 | (scalar & 0x3F))
                i += 4
            } else if u >= 0xDC00 && u <= 0xDFFF {
                return failed(.undecodable(byteOffset: i))
            } else {
                put(0xE0 | (u >> 12))
                put(0x80 | ((u >> 6) & 0x3F))
                put(0x80 | (u & 0x3F))
                i += 2
            }
        }
        // An odd byte left at the very end cannot be a code unit.
        if isLast && i + 1 == count { return failed(.undecodable(byteOffset: i)) }
        return ConversionStep(consumed: i, produced: w)
    }

    /// The four code units at `p` as four ASCII bytes (the first in the low byte), when they are all ASCII
    /// and none is U+0000 (which the caller refuses): most of a roster's text, taken a word at a time.
    @inline(__always)
    private func asciiUnits(_ p: UnsafeRawPointer) -> UInt32? {
        let word = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
        // Each unit's low byte is at bits 0, 16, 32, 48 of `low` (the byte order decides which byte is low).
        let low = bigEndian ? word >> 8 : word
        guard word & (bigEndian ? 0x80FF_80FF_80FF_80FF : 0xFF80_FF80_FF80_FF80) == 0 else { return nil }
        let packed = UInt32(truncatingIfNeeded: (low & 0xFF) | (low >> 8 & 0xFF00) | (low >> 16 & 0xFF_0000) | (low >> 24 & 0xFF00_0000))
        // A zero byte among the four is a U+0000 unit.
        guard (packed &- 0x0101_0101) & ~packed & 0x8080_8080 == 0 else { return nil }
        return packed
    }
}
