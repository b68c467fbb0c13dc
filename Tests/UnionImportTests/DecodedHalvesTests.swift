// Tests for decoded text cut in two: the two-byte GB18030 table against iconv, a decoder's mark at the split,
// line starts in each encoding, and the open's plan read in two halves against a whole decode.

import Foundation
import UnionCore
import XCTest

@testable import UnionImport
import UnionFuzzing

#if canImport(Glibc)
import Glibc
#endif

final class DecodedHalvesTests: FileTestCase {
    // MARK: The two-byte table

    /// What the window converter makes of `bytes` in one call as the file's last window.
    private func converted(_ bytes: [UInt8]) throws -> (text: [UInt8], failure: DecodeError?) {
        let converter = try XCTUnwrap(GB18030WindowConverter())
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let step = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { converter.convert(input, into: $0, isLast: true) }
        }
        return (Array(output[..<step.produced]), step.failure)
    }

    /// What iconv says of `bytes` as a whole file: its text, or the text before the failure and the failure.
    private func iconvs(_ bytes: [UInt8]) -> (text: [UInt8], failure: DecodeError?) {
        switch bytes.withUnsafeBufferPointer({ GB18030Decoder.decode($0) }) {
        case .decoded(let text): return (text, nil)
        case .failed(let at):
            guard case .decoded(let before) = bytes[..<at].withUnsafeBufferPointer({ GB18030Decoder.decode($0) }) else { return ([], nil) }
            return (before, .undecodable(byteOffset: at))
        }
    }

    func testEveryTwoByteSequenceConvertsAsIconvConvertsIt() throws {
        var held = 0
        for lead in 0x80...0xFF {
            for trail in 0x30...0xFF {
                let bytes: [UInt8] = [0x61, UInt8(lead), UInt8(trail), 0x0A]
                let (text, failure) = try converted(bytes)
                let expected = iconvs(bytes)
                XCTAssertEqual(text, expected.text, "\(lead) \(trail)")
                XCTAssertEqual(failure, expected.failure, "\(lead) \(trail)")
                if let entry = GB18030PairTable.shared.entries.withUnsafeBufferPointer({ GB18030PairTable.entry($0, UInt8(lead), UInt8(trail)) }) {
                    XCTAssertEqual(Int(entry >> 24), text.count - 2, "\(lead) \(trail)")
                    held += 1
                }
            }
        }
        // The table holds GBK's characters (and GB18030's other two-byte ones): the test is about it.
        XCTAssertGreaterThan(held, 21_000)
    }

    func testFourByteSequencesAndCutOnesConvertAsIconvConvertsThem() throws {
        for first in [0x81, 0x84, 0x85, 0x8F, 0x90, 0x95, 0xE3, 0xFE] {
            for second in 0x30...0x39 {
                for third in stride(from: 0x80, through: 0xFF, by: 7) {
                    for fourth in [0x30, 0x35, 0x39, 0x40] {
                        let sequence: [UInt8] = [UInt8(first), UInt8(second), UInt8(third), UInt8(fourth)]
                        for bytes in [[0x61] + sequence + [0x0A], [0x61] + Array(sequence.prefix(3)), [0x61] + Array(sequence.prefix(2))] {
                            let (text, failure) = try converted(bytes)
                            let expected = iconvs(bytes)
                            XCTAssertEqual(text, expected.text, "\(bytes)")
                            XCTAssertEqual(failure, expected.failure, "\(bytes)")
                        }
                    }
                }
            }
        }
    }

    /// Long text of every kind of character (ASCII runs, two-byte, four-byte, supplementary), read in windows
    /// and reads of many sizes, is the text iconv makes of the whole.
    func testLongMixedTextInWindowsIsTheWholeDecodesText() throws {
        let text = mixedText(lines: 300, seed: 3)
        let bytes = try gb18030(text)
        for window in [1, 2, 3, 5, 7, 64, 1 << 18] {
            let file = try FileChunks(path: try write(bytes))
            let chunks = DecodedChunks(file: file, encoding: .gb18030, skip: 0, window: window)
            XCTAssertEqual(String(decoding: readAll(chunks, readSize: 13), as: UTF8.self), text, "window \(window)")
            XCTAssertNil(chunks.failure)
        }
    }

    // MARK: The mark

    /// At every line start, in GB18030 and in UTF-16 of both byte orders, with windows that cut characters
    /// everywhere: the mark's text offset is the text the bytes before it make, and it is known by the time
    /// that much text has been handed out (so the first half sees its end).
    func testAMarkSaysTheTextOffsetOfEveryLineStart() throws {
        let text = mixedText(lines: 12, seed: 5)
        for encoding in [TextEncoding.gb18030, .utf16LE, .utf16BE] {
            let bytes = try encoded(text, encoding)
            let skip = encoding == .gb18030 ? 0 : 2
            let path = try write(bytes)
            var offset = skip
            var lineStarts: [Int] = []
            while let next = bytes[offset...].withUnsafeBytes({ encoding.lineStart(in: $0) }) {
                offset += next
                lineStarts.append(offset)
            }
            XCTAssertEqual(lineStarts.count, 12)
            for mark in [skip] + lineStarts {
                let expected = Array(try decodedPrefix(bytes, upTo: mark, encoding).utf8).count
                for window in [1, 2, 3, 4, 5, 9, 1 << 18] {
                    let file = try FileChunks(path: path)
                    file.skip(skip)
                    let chunks = DecodedChunks(file: file, encoding: encoding, skip: skip, window: window)
                    chunks.mark(atFileOffset: mark)
                    var delivered = 0
                    var buffer = [UInt8](repeating: 0, count: 7)
                    var all: [UInt8] = []
                    while true {
                        let n = buffer.withUnsafeMutableBytes { chunks.read(into: $0) }
                        if n == 0 { break }
                        all += buffer[..<n]
                        delivered += n
                        if delivered >= expected {
                            XCTAssertEqual(chunks.textOffsetAtMark, expected, "\(encoding) mark \(mark) window \(window)")
                        }
                    }
                    XCTAssertEqual(String(decoding: all, as: UTF8.self), text, "\(encoding) mark \(mark) window \(window)")
                    XCTAssertEqual(chunks.textOffsetAtMark, expected, "\(encoding) mark \(mark) window \(window)")
                }
            }
        }
    }

    func testAMarkInsideACharacterIsNeverKnownAndTheTextIsWhole() throws {
        // 张 is D5 C5: a mark between its bytes is no character boundary.
        let bytes = try gb18030("a,张三\n李四,b\n")
        let file = try FileChunks(path: try write(bytes))
        let chunks = DecodedChunks(file: file, encoding: .gb18030, skip: 0, window: 3)
        chunks.mark(atFileOffset: 3)
        XCTAssertEqual(String(decoding: readAll(chunks, readSize: 4), as: UTF8.self), "a,张三\n李四,b\n")
        XCTAssertNil(chunks.textOffsetAtMark)
    }

    // MARK: Line starts

    func testLineStartsAreLineFeedsOfTheEncoding() {
        func start(_ bytes: [UInt8], _ encoding: TextEncoding) -> Int? { bytes.withUnsafeBytes { encoding.lineStart(in: $0) } }
        // U+0A05 then U+4E00 in UTF-16 LE: 05 0A 00 4E holds 0A 00 at an odd offset, which is no line feed.
        XCTAssertNil(start([0x05, 0x0A, 0x00, 0x4E], .utf16LE))
        XCTAssertEqual(start([0x05, 0x0A, 0x00, 0x4E, 0x0A, 0x00, 0x61, 0x00], .utf16LE), 6)
        XCTAssertNil(start([0x0A, 0x05, 0x4E, 0x00], .utf16BE))
        XCTAssertEqual(start([0x0A, 0x05, 0x4E, 0x00, 0x00, 0x0A], .utf16BE), 6)
        // In GB18030 no byte of a longer character is 0x0A: the first one ends a line.
        XCTAssertEqual(start([0xD5, 0xC5, 0x95, 0x32, 0x82, 0x36, 0x0A, 0x61], .gb18030), 7)
        XCTAssertNil(start([0xD5, 0xC5, 0x0D], .gb18030))
    }

    // MARK: Line counts

    /// Long lines of ASCII, valid UTF-8 and GB18030 bytes (invalid UTF-8), ended by LF, CR or CRLF: the
    /// counts in windows of many sizes (which skip the rest of a line once it is invalid) are those of
    /// validating each line on its own.
    func testLineCountsAreThoseOfEachLineValidatedAlone() {
        var state: UInt64 = 11
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        let pieces: [[UInt8]] = [Array("abcdefghij".utf8), Array("张三".utf8), [0xD5, 0xC5], [0xE5, 0xBC], [0x31, 0x32], Array("𝄞".utf8)]
        var bytes: [UInt8] = []
        var lines: [[UInt8]] = []
        for _ in 0..<300 {
            var line: [UInt8] = []
            for _ in 0..<next(12) { line += next(3) == 0 ? pieces[next(pieces.count)] : pieces[0] }
            lines.append(line)
            bytes += line + [[0x0A], [0x0D], [0x0D, 0x0A]][next(3)]
        }
        var expected = (validNonASCII: 0, invalid: 0)
        for line in lines {
            if line.withUnsafeBufferPointer({ UTF8Validator.firstInvalidOffset($0.baseAddress!, count: $0.count) }) != nil {
                expected.invalid += 1
            } else if line.contains(where: { $0 >= 0x80 }) {
                expected.validNonASCII += 1
            }
        }
        XCTAssertGreaterThan(expected.invalid, 50)
        XCTAssertGreaterThan(expected.validNonASCII, 20)
        for window in [4, 5, 13, 64, bytes.count] {
            let counter = countLines(bytes, window: window)
            XCTAssertEqual("\(counter.validNonASCII) \(counter.invalid)", "\(expected.validNonASCII) \(expected.invalid)", "window \(window)")
        }
    }

    // MARK: The open's plan in two halves

    /// Files of 40 lines with a bad sequence on one line (every line in turn), split in two halves at the
    /// middle line: each plan is the whole decode's, refusals at the same offset.
    func testPlansInHalvesAgreeWithTheWholeDecode() throws {
        let lines = (0..<40).map { "会员\($0),110101199003071233,张三𠀀é€,\($0 % 7)" }
        for encoding in [TextEncoding.gb18030, .utf16LE, .utf16BE] {
            let bad: [UInt8]
            switch encoding {
            case .gb18030: bad = [0x81, 0x20]
            case .utf16LE: bad = [0x00, 0xDC]
            default: bad = [0xDC, 0x00]
            }
            let nul: [UInt8] = encoding == .gb18030 ? [0x00] : [0x00, 0x00]
            // Each line on its own (no byte-order mark), and the mark once in front.
            func body(_ text: String) throws -> [UInt8] { Array(try encoded(text, encoding).dropFirst(encoding == .gb18030 ? 0 : 2)) }
            let mark = encoding == .gb18030 ? [] : byteOrderMark(encoding)
            let encodedLines = try lines.map { try body($0 + "\n") }
            var cases: [[UInt8]] = [mark + Array(encodedLines.joined())]
            for row in lines.indices {
                // After the line's 会员, before its number.
                let head = try body("会员")
                for inserted in [bad, nul] {
                    cases.append(mark + Array(encodedLines[..<row].joined()) + head + inserted + Array(encodedLines[row].dropFirst(head.count))
                                 + Array(encodedLines[(row + 1)...].joined()))
                }
            }
            // The plan really reads two halves, split between lines 19 and 21.
            let cleanPath = try write(cases[0])
            let ranges = ReadRanges.split(cleanPath, scan: try FileScan.read(path: cleanPath), encoding: encoding, skip: mark.count, from: 1)
            XCTAssertEqual(ranges.count, 2, "\(encoding)")
            XCTAssertTrue((19...21).contains(try decodedPrefix(cases[0], upTo: ranges.last?.lowerBound ?? 0, encoding).filter { $0 == "\n" }.count),
                          "\(encoding)")
            for bytes in cases {
                let path = try write(bytes)
                let scan = try FileScan.read(path: path)
                guard TextDecoder.plan(scan) == .whole else { continue }  // a NUL-heavy start is binary at once
                let whole = wholeDecodesPlan(bytes)
                for window in [3, 1 << 18] {
                    XCTAssertEqual(try TextDecoder.plan(scan, readingWhole: path, window: window, halvesFrom: 1), whole, "\(encoding) window \(window)")
                }
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

    // MARK: Text to test with

    /// Lines of ASCII runs, CJK (two-byte in GB18030), Latin and symbols (some four-byte), and characters
    /// beyond the BMP (four bytes in both), in a mix a seed decides.
    private func mixedText(lines: Int, seed: UInt64) -> String {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        let pieces = ["姓名", "张三", ",", "\"引号,内\"", "abc123", "é", "€", "·", "𠀀", "𝄞", "ÿ", "ㄅ", "①", "龥", " ", "12345678901234"]
        return (0..<lines).map { _ in (0..<(3 + next(12))).map { _ in pieces[next(pieces.count)] }.joined() }.joined(separator: "\n") + "\n"
    }

    private func byteOrderMark(_ encoding: TextEncoding) -> [UInt8] { encoding == .utf16LE ? [0xFF, 0xFE] : [0xFE, 0xFF] }

    /// `text` in `encoding`; UTF-16 with its byte-order mark.
    private func encoded(_ text: String, _ encoding: TextEncoding) throws -> [UInt8] {
        switch encoding {
        case .gb18030: return try gb18030(text)
        case .utf16LE: return byteOrderMark(encoding) + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        default: return byteOrderMark(encoding) + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        }
    }

    /// The text of the encoded bytes before `end` (which follow a byte-order mark in UTF-16).
    private func decodedPrefix(_ bytes: [UInt8], upTo end: Int, _ encoding: TextEncoding) throws -> String {
        if encoding == .gb18030 {
            guard case .decoded(let text) = bytes[..<end].withUnsafeBufferPointer({ GB18030Decoder.decode($0) }) else { throw XCTSkip("bad prefix") }
            return String(decoding: text, as: UTF8.self)
        }
        let units = stride(from: 2, to: end, by: 2).map { encoding == .utf16LE ? UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8
                                                                               : UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        return String(decoding: units, as: UTF16.self)
    }

    /// `text` in GB18030, by iconv.
    private func gb18030(_ text: String) throws -> [UInt8] {
        guard let bytes = GB18030Encoder.encode(text) else { throw XCTSkip("iconv could not encode the text in GB18030") }
        return bytes
    }

    private func readAll(_ chunks: DecodedChunks, readSize: Int) -> [UInt8] {
        var text: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: readSize)
        while true {
            let n = buffer.withUnsafeMutableBytes { chunks.read(into: $0) }
            if n == 0 { return text }
            text += buffer[..<n]
        }
    }
}
