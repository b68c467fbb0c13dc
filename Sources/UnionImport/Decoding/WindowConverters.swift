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

/// GB18030 (also GBK and GB2312) through glibc iconv, which keeps no state between characters.
final class GB18030WindowConverter: WindowConverter {
    private let converter: iconv_t

    /// Nil when glibc has no GB18030 module (nothing could be decoded).
    init?() {
        guard let converter = iconv_open("UTF-8", "GB18030"), Int(bitPattern: converter) != -1 else { return nil }
        self.converter = converter
    }

    deinit { iconv_close(converter) }

    func convert(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isLast: Bool) -> ConversionStep {
        guard let outBase = output.baseAddress else { return ConversionStep(consumed: 0, produced: 0) }
        // iconv's prototype takes `char **` but does not write through the input pointer.
        var inPointer = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: CChar.self)) }
        var inLeft = input.count
        var outPointer: UnsafeMutablePointer<CChar>? = outBase.assumingMemoryBound(to: CChar.self)
        var outLeft = output.count
        let status = inLeft == 0 ? 0 : iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
        let error = errno
        var step = ConversionStep(consumed: input.count - inLeft, produced: output.count - outLeft)
        if status == -1 {
            switch error {
            case E2BIG: break  // the output is full: the caller empties it and calls again
            case EINVAL: if isLast { step.failure = .undecodable(byteOffset: step.consumed) }  // a cut character
            default: step.failure = .undecodable(byteOffset: step.consumed)  // EILSEQ: not GB18030
            }
        }
        return step
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
}
