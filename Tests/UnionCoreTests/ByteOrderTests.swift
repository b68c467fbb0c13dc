// Radix sorting of 64-bit keys and byte comparison of strings, against the standard library's answers.
import XCTest
import UnionCore

final class ByteOrderTests: XCTestCase {
    func testRadixSortGivesTheSortedKeys() {
        var seed: UInt64 = 42
        func next() -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return seed
        }
        let shapes: [(String, () -> UInt64)] = [
            ("random", { next() }),
            ("low byte only", { next() >> 56 }),
            ("shared high bytes", { 0xABCD_0000_0000_0000 | (next() >> 40) }),
            ("few values", { [3, 1 << 40, UInt64.max, 0][Int(next() >> 62)] }),
            ("date over place", { (next() >> 50) << 31 | (next() >> 33) }),
        ]
        for (name, key) in shapes {
            for count in [0, 1, 2, 63, 64, 65, 1_000, 100_003] {
                let keys = (0..<count).map { _ in key() }
                var sorted = keys
                sorted.radixSort()
                XCTAssertEqual(sorted, keys.sorted(), "\(name), \(count) keys")
            }
        }
        var descending = Array((0..<10_000).map { UInt64($0) * 0x1_0000_0001 }.reversed())
        descending.radixSort()
        XCTAssertEqual(descending, (0..<10_000).map { UInt64($0) * 0x1_0000_0001 })
    }

    func testSameBytesIsByteEquality() {
        let pairs: [(String, String, Bool)] = [
            ("", "", true), ("张三", "张三", true), ("张三", "张四", false), ("a", "ab", false),
            ("é", "e\u{301}", false), ("a long cell of more than fifteen bytes", "a long cell of more than fifteen bytes", true),
            ("a long cell of more than fifteen bytes", "a long cell of more than fifteen byteS", false),
        ]
        for (a, b, same) in pairs {
            XCTAssertEqual(a.hasSameBytes(as: b), same, "\(a) / \(b)")
            XCTAssertEqual(b.hasSameBytes(as: a), same, "\(b) / \(a)")
        }
    }
}
