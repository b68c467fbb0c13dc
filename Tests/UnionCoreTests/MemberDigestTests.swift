// Keyed member digests: libcrypto's HMAC-SHA256 cut to 16 bytes, hex both ways, sorted and distinct.
import UnionCore
import XCTest

final class MemberDigestTests: XCTestCase {
    func testHMACSHA256OfRFC4231TestCase2CutTo16Bytes() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?" → 5bdcc146bf60754e6a042426089575c7 5a003f08…
        XCTAssertEqual(MemberDigest(key: "Jefe", idNumber: "what do ya want for nothing?").hex, "5bdcc146bf60754e6a042426089575c7")
    }

    func testHexReadsBackAndRefusesAnythingElse() {
        let d = MemberDigest(key: "青石镇", idNumber: "330783198801018126")
        XCTAssertEqual(MemberDigest(hex: d.hex), d)
        XCTAssertEqual(d.hex.count, 32)
        XCTAssertNil(MemberDigest(hex: String(d.hex.dropLast())))
        XCTAssertNil(MemberDigest(hex: d.hex.uppercased() == d.hex ? "g" + d.hex.dropFirst() : d.hex.uppercased()))
        XCTAssertNotEqual(MemberDigest(key: "另一个密钥", idNumber: "330783198801018126"), d)
    }

    func testDigestsAreSortedAndDistinct() {
        let ds = MemberDigest.digests(key: "k", idNumbers: ["110105194912310029", "330783198801018126", "110105194912310029"])
        XCTAssertEqual(ds.count, 2)
        XCTAssertEqual(ds, ds.sorted())
        XCTAssertLessThan(ds[0].hex, ds[1].hex)
    }
}
