// GB18030 (also GBK and GB2312) to UTF-8 through glibc iconv, converted in chunks.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Package-visible so the fuzz harness can compare small chunk sizes with the default ones.
package enum GB18030Decoder {
    package enum Outcome: Equatable {
        case decoded([UInt8])
        /// Offset into the input of the first byte sequence iconv could not convert (or an incomplete one at the end).
        case failed(atOffset: Int)
    }

    static let defaultInputChunk = 1 << 20
    static let defaultOutputChunk = 4 << 20

    /// The chunk sizes are parameters so tests can force multi-byte sequences across chunk boundaries.
    package static func decode(
        _ buffer: UnsafeBufferPointer<UInt8>,
        inputChunk: Int = defaultInputChunk,
        outputChunk: Int = defaultOutputChunk
    ) -> Outcome {
        let count = buffer.count
        guard count > 0, let rawBase = buffer.baseAddress else { return .decoded([]) }
        let converter = iconv_open("UTF-8", "GB18030")
        // glibc ships the GB18030 module; without it nothing can be decoded, so the file is refused at offset 0.
        guard let converter, Int(bitPattern: converter) != -1 else { return .failed(atOffset: 0) }
        defer { iconv_close(converter) }

        let inChunk = max(inputChunk, 1)
        let outChunk = max(outputChunk, 16)  // room for any single character, or E2BIG could never make progress
        let out = UnsafeMutablePointer<CChar>.allocate(capacity: outChunk)
        defer { out.deallocate() }
        // iconv's prototype takes `char **` but does not write through the input pointer.
        let base = UnsafeMutablePointer<CChar>(mutating: UnsafeRawPointer(rawBase).assumingMemoryBound(to: CChar.self))

        var result: [UInt8] = []
        result.reserveCapacity(count + count / 2)
        var consumed = 0
        var windowEnd = min(count, inChunk)
        while true {
            var inPointer: UnsafeMutablePointer<CChar>? = base + consumed
            var inLeft = windowEnd - consumed
            var outPointer: UnsafeMutablePointer<CChar>? = out
            var outLeft = outChunk
            let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            let error = errno
            let produced = outChunk - outLeft
            if produced > 0 {
                result.append(contentsOf: UnsafeRawBufferPointer(start: out, count: produced))
            }
            consumed = windowEnd - inLeft
            if status == -1 {
                switch error {
                case E2BIG:
                    continue  // output buffer full: it was flushed, convert the rest of the window
                case EINVAL:
                    // A character is cut by the window's end: widen the window so it holds the whole character.
                    if windowEnd == count { return .failed(atOffset: consumed) }
                    windowEnd = min(count, max(windowEnd + 4, consumed + inChunk))
                    continue
                default:
                    return .failed(atOffset: consumed)  // EILSEQ: not GB18030
                }
            }
            if windowEnd == count { break }
            windowEnd = min(count, consumed + inChunk)
        }
        return .decoded(result)
    }
}
