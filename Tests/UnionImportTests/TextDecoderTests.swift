// Tests for encoding detection and decoding: BOMs, UTF-8, GB18030, mostly-UTF-8 files, binary and undecodable files.

import Foundation
import XCTest

@testable import UnionImport

final class TextDecoderTests: XCTestCase {
    private func fixture(_ name: String) throws -> [UInt8] {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    private func decoded(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> DecodedText {
        switch TextDecoder.decode(bytes) {
        case .success(let text): return text
        case .failure(let error):
            XCTFail("expected text, got \(error)", file: file, line: line)
            throw error
        }
    }

    private func failure(_ bytes: [UInt8]) -> DecodeError? {
        if case .failure(let error) = TextDecoder.decode(bytes) { return error }
        return nil
    }

    private let commaText = "姓名,身份证号,金额\r\n张三,110101199003071234,¥1234.5\r\n吉𠮷·Mäder,11010119900307123X,\"1,200.00\"\r\n"
    private let tabText = "姓名\t身份证号\t金额\r\n张三\t110101199003071234\t¥1234.5\r\n吉𠮷·Mäder\t11010119900307123X\t1,200.00\r\n"

    // MARK: Empty input

    func testEmptyFileIsEmptyUTF8() throws {
        let text = try decoded([])
        XCTAssertEqual(text.encoding, .utf8)
        XCTAssertEqual(text.utf8, [])
    }

    func testBOMOnlyFilesAreEmptyText() throws {
        let utf8 = try decoded([0xEF, 0xBB, 0xBF])
        XCTAssertEqual(utf8.encoding, .utf8BOM)
        XCTAssertEqual(utf8.utf8, [])
        let little = try decoded([0xFF, 0xFE])
        XCTAssertEqual(little.encoding, .utf16LE)
        XCTAssertEqual(little.utf8, [])
        let big = try decoded([0xFE, 0xFF])
        XCTAssertEqual(big.encoding, .utf16BE)
        XCTAssertEqual(big.utf8, [])
    }

    // MARK: UTF-8

    func testPureASCIIIsUTF8() throws {
        let bytes = Array("name,amount\n1,2\n".utf8)
        let text = try decoded(bytes)
        XCTAssertEqual(text.encoding, .utf8)
        XCTAssertEqual(text.utf8, bytes)
    }

    func testUTF8WithoutBOMKeepsItsBytes() throws {
        let bytes = Array(commaText.utf8)
        let text = try decoded(bytes)
        XCTAssertEqual(text.encoding, .utf8)
        XCTAssertEqual(text.utf8, bytes)
    }

    func testUTF8BOMIsRemoved() throws {
        let text = try decoded(try fixture("members-utf8-bom.csv"))
        XCTAssertEqual(text.encoding, .utf8BOM)
        XCTAssertEqual(text.utf8, Array(commaText.utf8))
    }

    func testTextValidAsBothUTF8AndGB18030IsUTF8() throws {
        // E4 B8 AD E6 96 87 is "中文" in UTF-8 and also three valid GB18030 characters.
        let bytes: [UInt8] = [0xE4, 0xB8, 0xAD, 0xE6, 0x96, 0x87, 0x0A]
        if case .decoded(let gb) = bytes.withUnsafeBufferPointer({ GB18030Decoder.decode($0) }) {
            XCTAssertNotEqual(gb, bytes)
        } else {
            XCTFail("the bytes must also be valid GB18030 for this test to mean anything")
        }
        let text = try decoded(bytes)
        XCTAssertEqual(text.encoding, .utf8)
        XCTAssertEqual(String(decoding: text.utf8, as: UTF8.self), "中文\n")
    }

    func testUTF8FileWithOneGBKLineIsUTF8WithThatRecordFlagged() throws {
        let bytes = try fixture("payments-utf8-gbk-line.csv")
        let text = try decoded(bytes)
        XCTAssertEqual(text.encoding, .utf8)
        XCTAssertEqual(text.utf8, bytes)
        let records = Array(CSVReader(utf8: text.utf8, dialect: Dialect(delimiter: 0x2C, lineEnding: .lf)))
        XCTAssertEqual(records.map(\.hasInvalidUTF8), [false, false, true, false])
        XCTAssertEqual(records.map(\.row), [1, 2, 3, 4])
        XCTAssertEqual(records[1].fields, ["张三", "工会办公室", "100"])
        XCTAssertEqual(records[2].fields[2], "200")
        XCTAssertTrue(records[2].fields[0].contains("\u{FFFD}"))
        XCTAssertEqual(records[3].fields, ["王五", "生产部", "300"])
    }

    func testMostlyInvalidUTF8IsGB18030EvenWithALineThatHappensToBeValidUTF8() throws {
        // "女" in GBK (C5 AE) is also valid UTF-8 (U+016E), but the GBK lines outnumber it.
        let source = "姓名,性别\n张三,男\n李四,男\n女\n"
        let bytes: [UInt8] = [
            0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xD0, 0xD4, 0xB1, 0xF0, 0x0A, 0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0xC4, 0xD0, 0x0A,
            0xC0, 0xEE, 0xCB, 0xC4, 0x2C, 0xC4, 0xD0, 0x0A, 0xC5, 0xAE, 0x0A,
        ]
        let text = try decoded(bytes)
        XCTAssertEqual(text.encoding, .gb18030)
        XCTAssertEqual(String(decoding: text.utf8, as: UTF8.self), source)
    }

    func testInvalidUTF8AfterBOMIsKeptForTheReaderToFlag() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF, 0x61, 0x2C, 0xD5, 0xC5, 0x0A]
        let text = try decoded(bytes)
        XCTAssertEqual(text.encoding, .utf8BOM)
        XCTAssertEqual(text.utf8, [0x61, 0x2C, 0xD5, 0xC5, 0x0A])
    }

    // MARK: UTF-16

    func testUTF16LEWithBOMAndNonBMPCharacter() throws {
        let text = try decoded(try fixture("members-utf16le.txt"))
        XCTAssertEqual(text.encoding, .utf16LE)
        XCTAssertEqual(text.utf8, Array(tabText.utf8))
        // 𠮷 (U+20BB7) arrives as a surrogate pair and leaves as one 4-byte UTF-8 sequence.
        XCTAssertNotNil(text.utf8.firstRange(of: [0xF0, 0xA0, 0xAE, 0xB7]))
    }

    func testUTF16BEWithBOMAndNonBMPCharacter() throws {
        let text = try decoded(try fixture("members-utf16be.txt"))
        XCTAssertEqual(text.encoding, .utf16BE)
        XCTAssertEqual(text.utf8, Array(tabText.utf8))
    }

    func testUTF16UnpairedHighSurrogateIsUndecodableAtItsOffset() {
        // BOM, "a", D83D followed by "b" instead of a low surrogate.
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x3D, 0xD8, 0x62, 0x00]
        XCTAssertEqual(failure(bytes), .undecodable(byteOffset: 4))
    }

    func testUTF16LoneLowSurrogateIsUndecodableAtItsOffset() {
        let bytes: [UInt8] = [0xFE, 0xFF, 0x00, 0x61, 0x00, 0x62, 0xDC, 0x00, 0x00, 0x63]
        XCTAssertEqual(failure(bytes), .undecodable(byteOffset: 6))
    }

    func testUTF16HighSurrogateAtEndIsUndecodable() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x3D, 0xD8]
        XCTAssertEqual(failure(bytes), .undecodable(byteOffset: 4))
    }

    func testUTF16OddTrailingByteIsUndecodable() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x62]
        XCTAssertEqual(failure(bytes), .undecodable(byteOffset: 4))
    }

    func testUTF16NULCharacterIsBinary() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x00, 0x00, 0x62, 0x00]
        XCTAssertEqual(failure(bytes), .binary(byteOffset: 4))
    }

    // MARK: GB18030

    func testGB18030FileWithFourByteSequences() throws {
        let bytes = try fixture("members-gb18030.csv")
        // 𠮷 is 95 34 B2 35 and ä is 81 30 8A 31: four-byte GB18030 sequences.
        XCTAssertNotNil(bytes.firstRange(of: [0x95, 0x34, 0xB2, 0x35]))
        XCTAssertNotNil(bytes.firstRange(of: [0x81, 0x30, 0x8A, 0x31]))
        let text = try decoded(bytes)
        XCTAssertEqual(text.encoding, .gb18030)
        XCTAssertEqual(text.utf8, Array(commaText.utf8))
    }

    func testGB18030FourByteSequencesInline() throws {
        // 张 (D5 C5), U+0080 (81 30 81 30), U+20000 (95 32 82 36), newline.
        let bytes: [UInt8] = [0xD5, 0xC5, 0x81, 0x30, 0x81, 0x30, 0x95, 0x32, 0x82, 0x36, 0x0A]
        let text = try decoded(bytes)
        XCTAssertEqual(text.encoding, .gb18030)
        XCTAssertEqual(text.utf8, [0xE5, 0xBC, 0xA0, 0xC2, 0x80, 0xF0, 0xA0, 0x80, 0x80, 0x0A])
    }

    func testGB18030ChunkBoundariesInsideCharacters() throws {
        let bytes = try fixture("members-gb18030.csv")
        let expected = Array(commaText.utf8)
        for inputChunk in 1...9 {
            for outputChunk in [1, 16, 17, 4096] {
                let outcome = bytes.withUnsafeBufferPointer {
                    GB18030Decoder.decode($0, inputChunk: inputChunk, outputChunk: outputChunk)
                }
                XCTAssertEqual(outcome, .decoded(expected), "input chunk \(inputChunk), output chunk \(outputChunk)")
            }
        }
    }

    func testGB18030FailureOffsetIsTheSameWhateverTheChunkSize() {
        // "ab,cd\n" then 张三 in GBK, a comma, and FF, which starts no GB18030 character.
        let bytes: [UInt8] = Array("ab,cd\n".utf8) + [0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0xFF, 0x0A]
        for inputChunk in [1, 2, 3, 1 << 20] {
            let outcome = bytes.withUnsafeBufferPointer { GB18030Decoder.decode($0, inputChunk: inputChunk) }
            XCTAssertEqual(outcome, .failed(atOffset: 11), "input chunk \(inputChunk)")
        }
        XCTAssertEqual(failure(bytes), .undecodable(byteOffset: 11))
    }

    func testIncompleteGB18030CharacterAtEndIsUndecodable() {
        // 张三 then a lone lead byte at the end of the file.
        let bytes: [UInt8] = [0xD5, 0xC5, 0xC8, 0xFD, 0x0A, 0xD5]
        XCTAssertEqual(failure(bytes), .undecodable(byteOffset: 5))
        let cutFourByte: [UInt8] = [0xD5, 0xC5, 0x0A, 0x95, 0x32, 0x82]
        XCTAssertEqual(failure(cutFourByte), .undecodable(byteOffset: 3))
    }

    func testUndecodableOffsetIsWhereTheFurthestReadingEncodingFailed() {
        // a LF 中(UTF-8) LF b FF LF: GB18030 stops at offset 4 (AD followed by LF), UTF-8 reads on to the FF at 7.
        let bytes: [UInt8] = [0x61, 0x0A, 0xE4, 0xB8, 0xAD, 0x0A, 0x62, 0xFF, 0x0A]
        XCTAssertEqual(bytes.withUnsafeBufferPointer { GB18030Decoder.decode($0) }, .failed(atOffset: 4))
        XCTAssertEqual(failure(bytes), .undecodable(byteOffset: 7))
    }

    // MARK: Binary files

    func testPNGSignatureIsBinaryAtOffsetZero() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        XCTAssertEqual(failure(png), .binary(byteOffset: 0))
    }

    func testXLSXRenamedToCSVIsBinaryAtOffsetZero() {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]
        XCTAssertEqual(failure(zip), .binary(byteOffset: 0))
    }

    func testNULByteIsBinaryAtItsOffset() {
        XCTAssertEqual(failure(Array("a,b\nc".utf8) + [0x00] + Array("d\n".utf8)), .binary(byteOffset: 5))
    }

    func testNULAfterUTF8BOMCountsTheBOM() {
        XCTAssertEqual(failure([0xEF, 0xBB, 0xBF, 0x61, 0x00]), .binary(byteOffset: 4))
    }

    func testNULInOtherwiseGB18030TextIsBinary() {
        XCTAssertEqual(failure([0xD5, 0xC5, 0xC8, 0xFD, 0x00]), .binary(byteOffset: 4))
    }

    func testRandomBinaryIsBinaryAtItsFirstNUL() throws {
        // A fixed linear congruential sequence stands in for random bytes, so the test is repeatable.
        var state: UInt64 = 0x1234_5678_9ABC_DEF0
        var bytes: [UInt8] = []
        for _ in 0..<4096 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        bytes[0] = 0x80  // not a BOM or a known signature
        // Random bytes hold a NUL in 1 of 256: binary takes NUL in more than 1% (SPEC §2.4), so one in 50 more.
        for i in stride(from: 7, to: bytes.count, by: 50) { bytes[i] = 0 }
        let firstNUL = try XCTUnwrap(bytes.firstIndex(of: 0))
        XCTAssertEqual(failure(bytes), .binary(byteOffset: firstNUL))
    }

    /// NUL in 1% or less of the first 64 KiB is not a binary file: text with a few NUL bytes decodes.
    func testAFewNULBytesAreText() throws {
        var bytes = Array(String(repeating: "姓名,身份证号\n", count: 10).utf8)
        bytes[25] = 0
        guard case .success(let text) = TextDecoder.decode(bytes) else { return XCTFail("not decoded") }
        XCTAssertEqual(text.encoding, .utf8)
        XCTAssertEqual(text.utf8, bytes)
        bytes[60] = 0
        bytes[61] = 0
        XCTAssertEqual(failure(bytes), .binary(byteOffset: 25))
    }

    func testBinaryWithoutNULIsUndecodable() {
        // Bytes no encoding accepts: 80 is neither a UTF-8 lead nor a GB18030 character.
        let bytes: [UInt8] = [0x41, 0x42, 0x80, 0x80, 0xFF, 0x01]
        XCTAssertEqual(failure(bytes), .undecodable(byteOffset: 2))
    }

    // MARK: UTF-8 validation

    func testUTF8ValidatorRejectsOverlongsSurrogatesAndOutOfRange() {
        func firstInvalid(_ bytes: [UInt8]) -> Int? {
            bytes.withUnsafeBufferPointer { UTF8Validator.firstInvalidOffset($0.baseAddress!, count: $0.count) }
        }
        XCTAssertNil(firstInvalid(Array("abcdefghij中文𠮷ü".utf8)))
        XCTAssertEqual(firstInvalid([0x61, 0xC0, 0x80]), 1)  // overlong NUL
        XCTAssertEqual(firstInvalid([0x61, 0x62, 0xE0, 0x80, 0x80]), 2)  // overlong 3-byte
        XCTAssertEqual(firstInvalid([0xED, 0xA0, 0x80]), 0)  // UTF-16 surrogate
        XCTAssertEqual(firstInvalid([0xF4, 0x90, 0x80, 0x80]), 0)  // above U+10FFFF
        XCTAssertEqual(firstInvalid([0xF0, 0x80, 0x80, 0x80]), 0)  // overlong 4-byte
        XCTAssertEqual(firstInvalid(Array("12345678901234".utf8) + [0xE4, 0xB8]), 14)  // cut at the end
        XCTAssertEqual(firstInvalid([0xF5, 0x80, 0x80, 0x80]), 0)
    }
}
