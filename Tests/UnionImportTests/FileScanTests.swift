// Tests for the windowed read of an input: the hash, the head, and the same decision `TextDecoder.decode` makes.

import Foundation
import UnionCore
import XCTest

@testable import UnionImport

final class FileScanTests: FileTestCase {
    /// The plan a scan gives, checked against decoding the whole file, for several window sizes.
    private func assertPlanAgreesWithWholeDecode(_ bytes: [UInt8], expected: TextPlan, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try write(bytes)
        let lineFeeds = bytes.filter { $0 == 0x0A }.count
        // On one thread, and with the hash on a second thread reading the file again.
        for (chunk, threads) in [4, 5, 7, 64, 1 << 20].flatMap({ [($0, 1), ($0, 2)] }) {
            let scan = try FileScan.read(path: path, chunkSize: chunk, twoThreadsFrom: threads == 2 ? 0 : Int.max)
            XCTAssertEqual(scan.sha256, SHA256.hex(of: bytes), "chunk \(chunk), \(threads) threads", file: file, line: line)
            XCTAssertEqual(scan.byteCount, bytes.count, file: file, line: line)
            XCTAssertEqual(scan.lineBreaks, lineFeeds > 0 ? lineFeeds : bytes.filter { $0 == 0x0D }.count, file: file, line: line)
            XCTAssertEqual(scan.head, Array(bytes.prefix(FileScan.headSize)), file: file, line: line)
            let plan = TextDecoder.plan(scan)
            XCTAssertEqual(plan, expected, "chunk \(chunk)", file: file, line: line)
            switch (plan, TextDecoder.decode(bytes)) {
            case (.stream(let encoding, let skip), .success(let text)):
                XCTAssertEqual(text.encoding, encoding, file: file, line: line)
                XCTAssertEqual(text.utf8, Array(bytes.dropFirst(skip)), file: file, line: line)
            case (.refused(let error), .failure(let whole)):
                XCTAssertEqual(error, whole, file: file, line: line)
            case (.whole, _):
                break
            default:
                XCTFail("the plan \(plan) disagrees with decoding the whole file", file: file, line: line)
            }
        }
    }

    func testPlainUTF8IsStreamedWhole() throws {
        try assertPlanAgreesWithWholeDecode(Array("姓名,身份证号\n张三,11010519491231002X\r\n李四,x\r".utf8), expected: .stream(.utf8, skip: 0))
    }

    func testUTF8BOMIsStreamedAfterTheMark() throws {
        try assertPlanAgreesWithWholeDecode([0xEF, 0xBB, 0xBF] + Array("姓名\n王五\n".utf8), expected: .stream(.utf8BOM, skip: 3))
    }

    func testEmptyFileIsEmptyUTF8() throws {
        try assertPlanAgreesWithWholeDecode([], expected: .stream(.utf8, skip: 0))
    }

    func testMultiByteCharactersAcrossEveryWindowEdgeStayValid() throws {
        // A long line of three-byte characters: no window may end inside one.
        let text = String(repeating: "工会会员名册", count: 50) + "\n" + String(repeating: "慰", count: 33)
        try assertPlanAgreesWithWholeDecode(Array(text.utf8), expected: .stream(.utf8, skip: 0))
    }

    func testNULIsBinaryAtItsOffset() throws {
        var bytes = Array("a,b\nc,d\ne,f\n".utf8)
        bytes[9] = 0
        try assertPlanAgreesWithWholeDecode(bytes, expected: .refused(.binary(byteOffset: 9)))
    }

    func testNULAfterBOMIsBinary() throws {
        try assertPlanAgreesWithWholeDecode([0xEF, 0xBB, 0xBF, 0x61, 0x00], expected: .refused(.binary(byteOffset: 4)))
    }

    func testPNGSignatureIsRefusedAtZero() throws {
        try assertPlanAgreesWithWholeDecode([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x41, 0x42], expected: .refused(.binary(byteOffset: 0)))
    }

    func testUTF16AndGB18030AreDecodedWhole() throws {
        try assertPlanAgreesWithWholeDecode([0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00], expected: .whole)
        try assertPlanAgreesWithWholeDecode([0xD0, 0xD5, 0xC3, 0xFB, 0x0A, 0xD5, 0xC5, 0xC8, 0xFD, 0x0A], expected: .whole)
    }

    func testUTF8WithAPastedGBKLineIsDecodedWhole() throws {
        let bytes = Array("姓名,金额\n张三,100\n".utf8) + [0xD5, 0xC5, 0x2C, 0x31, 0x0A] + Array("李四,200\n".utf8)
        try assertPlanAgreesWithWholeDecode(bytes, expected: .whole)
    }

    func testAFileLongerThanTheHeadKeepsOnlyItsHead() throws {
        let line = Array("张三,11010519491231002X,1000\n".utf8)
        var bytes: [UInt8] = []
        while bytes.count < FileScan.headSize * 3 { bytes += line }
        let scan = try FileScan.read(path: try write(bytes), chunkSize: 1000)
        XCTAssertEqual(scan.head.count, FileScan.headSize)
        XCTAssertEqual(scan.sha256, SHA256.hex(of: bytes))
        XCTAssertNil(scan.firstInvalidUTF8)
    }

    func testRandomBytesGetTheDecisionOfTheWholeFile() throws {
        // Line breaks, multi-byte characters cut or whole, GBK-looking bytes, NULs now and then.
        let pieces: [[UInt8]] = [[0x0A], [0x0D], [0x2C], Array("工".utf8), [0xE5, 0xB7], [0xD5, 0xC5], [0x61], [0x22]]
        var random = RandomText(seed: 0x2545_F491_4F6C_DD1D)
        for _ in 0..<60 {
            var bytes = random.text(of: pieces, maxPieces: 80)
            if random.next(10) == 0 { bytes.insert(0, at: random.next(bytes.count + 1)) }
            let expected: TextPlan
            switch TextDecoder.decode(bytes) {
            // A NUL the scan sees itself; a file no encoding reads is for the whole-file decoder to refuse.
            case .failure(let error): expected = error.isBinary ? .refused(error) : .whole
            case .success(let text) where text.encoding == .utf8 && text.utf8 == bytes && UTF8Validator.firstInvalidOffset(bytes, count: bytes.count) == nil:
                expected = .stream(.utf8, skip: 0)
            case .success: expected = .whole
            }
            try assertPlanAgreesWithWholeDecode(bytes, expected: expected)
        }
    }

    /// A line longer than the window is cut between sequences, not held whole: a bad sequence in it is found
    /// at the offset the whole file gives, wherever the windows fall (and a good four-byte one is not).
    func testABadSequenceInALineLongerThanTheWindowIsFoundWhereTheWholeFileHasIt() throws {
        let sequences: [[UInt8]] = [
            [0xF0, 0x9F, 0x98, 0x80], [0xE4, 0xB8, 0x61], [0xE4, 0xB8], [0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98], [0xFF],
        ]
        for sequence in sequences {
            for before in 0..<6 {
                let bytes = Array(String(repeating: "工会", count: 3).utf8) + Array(repeating: 0x41, count: before) + sequence
                    + Array("名册会员".utf8)
                let whole = bytes.withUnsafeBufferPointer { UTF8Validator.firstInvalidOffset($0.baseAddress!, count: $0.count) }
                let path = try write(bytes)
                for chunk in [4, 5, 6, 7, 9, 64] {
                    let scan = try FileScan.read(path: path, chunkSize: chunk, twoThreadsFrom: Int.max)
                    XCTAssertEqual(scan.firstInvalidUTF8, whole, "\(sequence) after \(before), chunk \(chunk)")
                    XCTAssertEqual(scan.byteCount, bytes.count)
                }
            }
        }
    }

    func testAMissingFileThrows() {
        XCTAssertThrowsError(try FileScan.read(path: folder + "/absent.csv"))
    }
}

extension DecodeError {
    fileprivate var isBinary: Bool {
        if case .binary = self { return true }
        return false
    }
}
