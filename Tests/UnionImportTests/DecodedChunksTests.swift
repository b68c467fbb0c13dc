// Tests for GB18030 and UTF-16 read in windows: the same text, and the same refusals, as a whole-file decode.

import Foundation
import UnionCore
import XCTest

@testable import UnionImport

final class DecodedChunksTests: FileTestCase {
    /// "姓名,金额\n张三𠀀,1€0\r\n李四é,2\n" in GB18030: 2-byte characters (姓, 张), 4-byte ones (𠀀 95 32 82 36,
    /// é A8 A6 is 2 bytes, € A2 E3 is 2 bytes).
    private let gbText = "姓名,金额\n张三𠀀,1€0\r\n李四é,2\n"
    private let gbBytes: [UInt8] = [208, 213, 195, 251, 44, 189, 240, 182, 238, 10, 213, 197, 200, 253, 149, 50, 130, 54,
                                    44, 49, 162, 227, 48, 13, 10, 192, 238, 203, 196, 168, 166, 44, 50, 10]

    /// Every text byte the windows give, read into buffers of `readSize`, and the failure at the end.
    private func readAll(_ bytes: [UInt8], _ encoding: TextEncoding, skip: Int, window: Int, readSize: Int = 5) throws
        -> (text: [UInt8], failure: DecodeError?) {
        let file = try FileChunks(path: try write(bytes))
        file.skip(skip)
        let chunks = DecodedChunks(file: file, encoding: encoding, skip: skip, window: window)
        var text: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: readSize)
        while true {
            let n = buffer.withUnsafeMutableBytes { chunks.read(into: $0) }
            if n == 0 { break }
            text += buffer[..<n]
        }
        return (text, chunks.failure)
    }

    /// Windows of 1 to 9 bytes (every 2-byte and 4-byte character cut somewhere) and a large one.
    private let windows = Array(1...9) + [1 << 18]

    func testGB18030InWindowsIsTheWholeDecodesText() throws {
        guard case .success(let whole) = TextDecoder.decode(gbBytes) else { return XCTFail("not decoded whole") }
        XCTAssertEqual(whole.encoding, .gb18030)
        XCTAssertEqual(whole.utf8, Array(gbText.utf8))
        for window in windows {
            for readSize in [1, 3, 64] {
                let (text, failure) = try readAll(gbBytes, .gb18030, skip: 0, window: window, readSize: readSize)
                XCTAssertEqual(String(decoding: text, as: UTF8.self), gbText, "window \(window), reads of \(readSize)")
                XCTAssertNil(failure)
            }
        }
    }

    func testGB18030BadSequenceStopsTheTextWhereTheWholeDecodeFails() throws {
        // 0x81 0x20 is no GB18030 character: after the first line and 张 (offset 12).
        let bad = Array(gbBytes[..<12]) + [0x81, 0x20] + Array(gbBytes[12...])
        XCTAssertEqual(bad.withUnsafeBufferPointer { GB18030Decoder.decode($0) }, .failed(atOffset: 12))
        for window in windows {
            let (text, failure) = try readAll(bad, .gb18030, skip: 0, window: window)
            XCTAssertEqual(failure, .undecodable(byteOffset: 12), "window \(window)")
            XCTAssertEqual(String(decoding: text, as: UTF8.self), "姓名,金额\n张", "window \(window)")
        }
    }

    func testGB18030CutAtTheFilesEndFailsAtTheCutCharacter() throws {
        // The last character is the first two bytes of 𠀀's four.
        let cut = Array(gbBytes[..<16])
        XCTAssertEqual(cut.withUnsafeBufferPointer { GB18030Decoder.decode($0) }, .failed(atOffset: 14))
        for window in windows {
            XCTAssertEqual(try readAll(cut, .gb18030, skip: 0, window: window).failure, .undecodable(byteOffset: 14), "window \(window)")
        }
    }

    /// "名𝄞,é\n" and a surrogate pair (𝄞 U+1D11E) that windows of odd sizes cut between its halves.
    private func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        let bom: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        return bom + text.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    func testUTF16InWindowsIsTheWholeDecodesText() throws {
        let text = "名𝄞,é\r\n𝄞𝄞a,1\n"
        for bigEndian in [false, true] {
            let bytes = utf16(text, bigEndian: bigEndian)
            let encoding: TextEncoding = bigEndian ? .utf16BE : .utf16LE
            guard case .success(let whole) = TextDecoder.decode(bytes) else { return XCTFail("not decoded whole") }
            XCTAssertEqual(whole.utf8, Array(text.utf8))
            for window in windows {
                let (decoded, failure) = try readAll(bytes, encoding, skip: 2, window: window)
                XCTAssertEqual(String(decoding: decoded, as: UTF8.self), text, "\(encoding) window \(window)")
                XCTAssertNil(failure)
            }
        }
    }

    func testUTF16FailuresHaveTheWholeDecodesOffsets() throws {
        for bigEndian in [false, true] {
            let encoding: TextEncoding = bigEndian ? .utf16BE : .utf16LE
            let good = utf16("名a,", bigEndian: bigEndian)  // 8 bytes: the BOM and three units
            let nul = good + (bigEndian ? [0x00, 0x00] : [0x00, 0x00]) + Array(good[2...])
            let loneLow = good + (bigEndian ? [0xDC, 0x00] : [0x00, 0xDC])
            let highThenA = good + (bigEndian ? [0xD8, 0x34, 0x00, 0x61] : [0x34, 0xD8, 0x61, 0x00])
            let cutPair = good + (bigEndian ? [0xD8, 0x34, 0xDD] : [0x34, 0xD8, 0x1E])  // the file ends inside the pair
            let oddByte = good + [0x61]
            let expected: [([UInt8], DecodeError)] = [
                (nul, .binary(byteOffset: 8)), (loneLow, .undecodable(byteOffset: 8)), (highThenA, .undecodable(byteOffset: 8)),
                (cutPair, .undecodable(byteOffset: 8)), (oddByte, .undecodable(byteOffset: 8)),
            ]
            for (bytes, error) in expected {
                guard case .failure(let whole) = TextDecoder.decode(bytes) else { return XCTFail("decoded whole") }
                XCTAssertEqual(whole, error)
                for window in windows {
                    let (text, failure) = try readAll(bytes, encoding, skip: 2, window: window)
                    XCTAssertEqual(failure, error, "\(bytes) window \(window)")
                    XCTAssertEqual(String(decoding: text, as: UTF8.self), "名a,", "\(bytes) window \(window)")
                }
            }
        }
    }

    // MARK: The plan for a file the first read left undecided

    private func plan(_ bytes: [UInt8], window: Int) throws -> TextPlan {
        let path = try write(bytes)
        let scan = try FileScan.read(path: path)
        XCTAssertEqual(TextDecoder.plan(scan), .whole)
        return try TextDecoder.plan(scan, readingWhole: path, window: window)
    }

    func testPlansAgreeWithTheWholeDecode() throws {
        let pastedGBK = Array("姓名,金额\n张三,100\n".utf8) + [0xD5, 0xC5, 0x2C, 0x31, 0x0A] + Array("李四,200\n".utf8)
        let notText = Array("name\n".utf8) + [0xFF, 0xFF, 0xFF]
        let badGB = Array(gbBytes[..<12]) + [0x81, 0x20] + Array(gbBytes[12...])
        let cases: [([UInt8], TextPlan)] = [
            (gbBytes, .decode(.gb18030, skip: 0)),
            (utf16("名,é\n", bigEndian: false), .decode(.utf16LE, skip: 2)),
            (utf16("名,é\n", bigEndian: true), .decode(.utf16BE, skip: 2)),
            (pastedGBK, .stream(.utf8, skip: 0)),
            (notText, .refused(.undecodable(byteOffset: 5))),
            (badGB, .refused(.undecodable(byteOffset: 12))),
            (utf16("名a", bigEndian: false) + [0x00, 0xDC], .refused(.undecodable(byteOffset: 6))),
        ]
        for (bytes, expected) in cases {
            XCTAssertEqual(wholeDecodesPlan(bytes), expected, "\(bytes)")
            for window in windows {
                XCTAssertEqual(try plan(bytes, window: window), expected, "\(bytes) window \(window)")
            }
        }
    }

    /// What decoding the whole file says, as a plan.
    private func wholeDecodesPlan(_ bytes: [UInt8]) -> TextPlan {
        switch TextDecoder.decode(bytes) {
        case .success(let text) where text.encoding == .utf8: return .stream(.utf8, skip: 0)
        case .success(let text): return .decode(text.encoding, skip: text.encoding == .gb18030 ? 0 : 2)
        case .failure(let error): return .refused(error)
        }
    }

    func testLineCountsInWindowsAreTheWholeFiles() {
        // Valid and invalid sequences, cut by windows of every size, with lines ended by LF and CR.
        let bytes = Array("张三\n".utf8) + [0xD5, 0xC5, 0x0D, 0xE5, 0xB7] + Array("工\r\n会".utf8) + [0xF0, 0x9F, 0x98, 0x80, 0x0A, 0xC3]
        let whole = bytes.withUnsafeBufferPointer { UTF8Validator.lineCounts($0.baseAddress!, count: $0.count) }
        XCTAssertEqual(whole.validNonASCII, 2)
        XCTAssertEqual(whole.invalid, 3)
        for window in 4...bytes.count {
            let counter = countLines(bytes, window: window)
            XCTAssertEqual("\(counter.validNonASCII) \(counter.invalid)", "2 3", "window \(window)")
        }
    }

    // MARK: Opened and read

    func testAGB18030FileOpensAndReadsInWindowsAsWhole() throws {
        // "姓名,身份证号\n张三𠀀,110101199003071233\r\n李四é,x\n" in GB18030.
        let bytes: [UInt8] = [208, 213, 195, 251, 44, 201, 237, 183, 221, 214, 164, 186, 197, 10, 213, 197, 200, 253, 149, 50,
                              130, 54, 44, 49, 49, 48, 49, 48, 49, 49, 57, 57, 48, 48, 51, 48, 55, 49, 50, 51, 51, 13, 10, 192,
                              238, 203, 196, 168, 166, 44, 120, 10]
        let policy = RulePolicy(severities: [:])
        guard case .opened(let input, let findings) = InputOpener.open(InputSource(name: "members.csv", path: try write(bytes)),
                                                                      policy: policy) else {
            return XCTFail("not opened")
        }
        XCTAssertEqual(findings, [])
        XCTAssertEqual(input.encoding, .gb18030)
        XCTAssertEqual(input.dataset, .members)
        XCTAssertEqual(input.plan, .decode(.gb18030, skip: 0))
        var recorder = FindingRecorder(policy: policy, file: "members.csv")
        var rows: [String] = []
        input.forEachRawRecord(recorder: &recorder) { raw, index, _ in
            rows.append("\(raw.row):\(index):\(raw.record().fields.joined(separator: "|"))")
        }
        XCTAssertEqual(rows, ["2:0:张三𠀀|110101199003071233", "3:1:李四é|x"])
        XCTAssertEqual(recorder.findings, [])
    }
}

/// `bytes`' line counts, fed to one counter `window` bytes at a time as a read pass would (each window starting
/// where the counter stopped).
func countLines(_ bytes: [UInt8], window: Int) -> UTF8Validator.LineCounter {
    var counter = UTF8Validator.LineCounter()
    var start = 0
    while true {
        let end = min(start + window, bytes.count)
        let isLast = end == bytes.count
        let used = bytes.withUnsafeBufferPointer { counter.count($0.baseAddress! + start, count: end - start, isLast: isLast) }
        if isLast { return counter }
        start += used
    }
}
