// Sorting and comparing by bytes on the hot paths: keys of a million facts, cells compared with the last one.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Array where Element == UInt64 {
    /// Sorts in place by radix, a byte at a time from the lowest, skipping bytes every key shares:
    /// a few linear passes where a comparison sort of a million keys makes twenty.
    public mutating func radixSort() {
        guard count > 64 else { sort(); return }
        var scratch = [UInt64](repeating: 0, count: count)
        var inScratch = false
        let n = count
        withUnsafeMutableBufferPointer { keys in
            scratch.withUnsafeMutableBufferPointer { other in
                var counts = [Int](repeating: 0, count: 256)
                for shift in stride(from: 0, to: 64, by: 8) {
                    let source = inScratch ? other : keys
                    let target = inScratch ? keys : other
                    for i in 0..<256 { counts[i] = 0 }
                    for i in 0..<n { counts[Int(truncatingIfNeeded: source[i] >> UInt64(shift)) & 0xFF] += 1 }
                    // A byte every key shares leaves the order as it is.
                    if counts.contains(n) { continue }
                    var total = 0
                    for i in 0..<256 {
                        let c = counts[i]
                        counts[i] = total
                        total += c
                    }
                    for i in 0..<n {
                        let key = source[i]
                        let bucket = Int(truncatingIfNeeded: key >> UInt64(shift)) & 0xFF
                        target[counts[bucket]] = key
                        counts[bucket] += 1
                    }
                    inScratch.toggle()
                }
            }
        }
        if inScratch { self = scratch }
    }
}

extension String {
    /// The same UTF-8 bytes (not Unicode equivalence, which `==` tests): cheap for the short cells of a row.
    @inline(__always) public func hasSameBytes(as other: String) -> Bool {
        let n = utf8.count
        guard n == other.utf8.count else { return false }
        guard n > 0 else { return true }
        let same = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in memcmp(a.baseAddress!, b.baseAddress!, n) == 0 }
        }
        return (same ?? nil) ?? utf8.elementsEqual(other.utf8)
    }
}

/// A string hashed and compared by its UTF-8 bytes: a table lookup without Unicode normalisation, for
/// the short cells every row looks up (categories, enumerated values, pooled strings). Bytes that are
/// equal are the same text; a table keyed by these answers exactly where `==` would, or misses (the
/// caller then asks a `String`-keyed table, which also knows canonically equivalent spellings).
public struct ByteKey: Hashable, Sendable {
    public let text: String

    @inline(__always) public init(_ text: String) { self.text = text }

    public func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public static func == (a: ByteKey, b: ByteKey) -> Bool { a.text.hasSameBytes(as: b.text) }
}
