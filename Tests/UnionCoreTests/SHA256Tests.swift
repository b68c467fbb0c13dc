// Tests for SHA-256 against digests computed with Python's hashlib, including padding boundaries and chunked input.

import XCTest
@testable import UnionCore

final class SHA256Tests: XCTestCase {
    /// 1 MiB of a repeating byte pattern: byte i is (i × 31 + 7) mod 256.
    private let megabyte: [UInt8] = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }

    func testEmpty() {
        XCTAssertEqual(SHA256.hex(of: []), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testABC() {
        XCTAssertEqual(SHA256.hex(of: Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testTwoBlockMessage() {
        XCTAssertEqual(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testOneMebibyte() {
        XCTAssertEqual(SHA256.hex(of: megabyte), "06b7bbfb7824aa03382051691630eb26de85102d1b08a81e907ec0744cd8a286")
    }

    func testMillionAs() {
        XCTAssertEqual(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    // Lengths around the 55/56/64-byte padding edges.
    func testFiftyFiveBytes() {
        XCTAssertEqual(SHA256.hex(of: [UInt8](repeating: 0x78, count: 55)),
                       "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072")
    }

    func testFiftySixBytes() {
        XCTAssertEqual(SHA256.hex(of: [UInt8](repeating: 0x78, count: 56)),
                       "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e")
    }

    func testSixtyThreeBytes() {
        XCTAssertEqual(SHA256.hex(of: [UInt8](repeating: 0x78, count: 63)),
                       "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2")
    }

    func testSixtyFourBytes() {
        XCTAssertEqual(SHA256.hex(of: [UInt8](repeating: 0x78, count: 64)),
                       "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c")
    }

    func testSixtyFiveBytes() {
        XCTAssertEqual(SHA256.hex(of: [UInt8](repeating: 0x78, count: 65)),
                       "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9")
    }

    /// Feeding the input in uneven pieces gives the digest of the whole.
    func testChunkedUpdatesMatchOneShot() {
        var hasher = SHA256()
        var start = 0
        var size = 1
        while start < megabyte.count {
            let end = min(start + size, megabyte.count)
            hasher.update(Array(megabyte[start..<end]))
            start = end
            size = size * 3 % 1000 + 1
        }
        let hex = hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        XCTAssertEqual(hex, "06b7bbfb7824aa03382051691630eb26de85102d1b08a81e907ec0744cd8a286")
    }

    func testDigestIsThirtyTwoBytes() {
        var hasher = SHA256()
        hasher.update(Array("abc".utf8))
        XCTAssertEqual(hasher.finalize().count, 32)
    }

    /// A copied hasher goes on apart from the one it was copied from (a value, though libcrypto's context
    /// is a pointer): each gives the digest of its own input.
    func testACopyGoesOnApart() {
        var first = SHA256()
        first.update(Array("ab".utf8))
        var second = first
        first.update(Array("c".utf8))
        second.update(Array("d".utf8))
        XCTAssertEqual(first.hexDigest(), SHA256.hex(of: Array("abc".utf8)))
        XCTAssertEqual(second.hexDigest(), SHA256.hex(of: Array("abd".utf8)))
        // Finalizing starts the hasher again.
        first.update(Array("abc".utf8))
        XCTAssertEqual(first.hexDigest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
