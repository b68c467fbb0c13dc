// A roster file read in two halves on two threads gives what one pass gives: the same findings (M05 across
// the halves included), rows, facts and roster; and a middle line break inside a quoted field falls back.
import Foundation
import UnionCore
import UnionFuzzing
import UnionImport
import XCTest

@testable import UnionRules

#if canImport(Glibc)
import Glibc
#endif

final class RosterInHalvesTests: XCTestCase {
    private let header = "姓名,身份证号,性别,入会日期,退会日期,会员状态,分会,手机号,已缴会费,备注"

    /// A roster of `count` rows with every kind of trouble spread through both halves: repeated ID numbers
    /// (within and across halves), 15-digit and lower-case x numbers, bad checksums, unreadable dates,
    /// blank lines, ragged rows, quoted cells with line breaks, unknown statuses, CRLF line ends.
    private func roster(_ count: Int, seed: UInt64, quotedBreakAt: Int? = nil) -> String {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        var lines = ["2025年会员名册", header]
        var ids: [String] = []
        for i in 0..<count {
            var id = idNumber(born: "19" + String(60 + next(40)) + "0" + String(1 + next(9)) + "1" + String(next(9)),
                              male: next(2) == 0, sequence: next(100), region: String(110_101 + next(50)))
            switch next(40) {
            case 0 where !ids.isEmpty: id = ids[next(ids.count)]  // a repeated person
            case 1: id = String(id.dropLast()) + (id.last == "0" ? "1" : "0")  // bad checksum
            case 2 where id.hasSuffix("X"): id = String(id.dropLast()) + "x"
            case 3: id = String(id.prefix(6)) + String(id.dropFirst(8).prefix(9))  // 15 digits
            default: break
            }
            ids.append(id)
            let join = next(30) == 0 ? "2010-13-01" : "20" + String(10 + next(15)) + "/" + String(1 + next(12)) + "/" + String(1 + next(28))
            let status = ["在册", "在册", "保留会籍", "退会", "休假"][next(5)]
            let leave = status == "退会" ? "2025-0" + String(1 + next(9)) + "-01" : ""
            let branch = ["一分会", "二分会", "机关", ""][next(4)]
            let note = i == quotedBreakAt ? "\"第一行\n第二行, 仍在引号里\"" : (next(25) == 0 ? "\"备注, 含逗号\"" : "")
            var line = "会员\(i),\(id),\(["男", "女", "", "未知"][next(4)]),\(join),\(leave),\(status),\(branch),1380013\(String(1000 + next(9000))),\(next(3) == 0 ? "" : String(next(500))),\(note)"
            if next(60) == 0 { line += ",多余" }
            lines.append(line)
            if next(50) == 0 { lines.append("") }
        }
        return lines.joined(separator: next(2) == 0 ? "\n" : "\r\n") + "\n"
    }

    /// How a roster is read: in two halves or one pass; typed rows only (`retainRows`) or clean rows from
    /// the bytes where they can be.
    private struct Reading {
        var halves = false
        var typed = false
        /// The file's encoding: UTF-8 as the text is, or GB18030 or UTF-16 (with its byte-order mark).
        var encoding = TextEncoding.utf8
    }

    private func check(_ text: String, halves: Bool) throws -> (CheckedFile, RosterIndex, [String]) {
        try check(text, Reading(halves: halves))
    }

    private func check(_ text: String, _ reading: Reading) throws -> (CheckedFile, RosterIndex, [String]) {
        let folder = NSTemporaryDirectory() + "unionbatch-halves-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/members.csv"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(try encoded(text, reading.encoding))))
        let policy = RuleCatalog.defaultPolicy
        guard case .opened(let input, let findings) = InputOpener.open(InputSource(name: "members.csv", path: path), policy: policy) else {
            throw XCTSkip("the roster did not open")
        }
        var context = RuleContext(year: 2025, asOf: Day(year: 2025, month: 12, day: 31)!, profile: .standard, policy: policy, roster: nil)
        context.retainRows = reading.typed
        let (checked, roster) = DatasetChecker.checkMembers([ReadFile(input, openFindings: findings, policy: policy)], context: context,
                                                            halves: reading.halves ? .inTurn(fromBytes: 1) : nil)
        return (checked[0], roster, ids(text))
    }

    /// Every valid ID number of the text, as the roster keys it.
    private func ids(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count > 1, case .valid(let id)? = Optional(IDNumber.read(String(cells[1]))) else { return nil }
            return id.text
        }
    }

    private func assertSame(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try assertSame(text, Reading(halves: true), as: Reading(halves: false), file: file, line: line)
    }

    private func assertSame(_ text: String, _ reading: Reading, as reference: Reading,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let (one, oneRoster, ids) = try check(text, reference)
        let (two, twoRoster, _) = try check(text, reading)
        XCTAssertEqual(two.findings, one.findings, file: file, line: line)
        XCTAssertEqual(two.rowCount, one.rowCount, file: file, line: line)
        XCTAssertEqual(two.excluded, one.excluded, file: file, line: line)
        XCTAssertEqual(two.members.count, one.members.count, file: file, line: line)
        for (a, b) in zip(two.members, one.members) {
            XCTAssertEqual([Int64(a.record), Int64(a.row), Int64(bitPattern: a.person), a.dues, Int64(a.join), Int64(a.leave)],
                           [Int64(b.record), Int64(b.row), Int64(bitPattern: b.person), b.dues, Int64(b.join), Int64(b.leave)], file: file, line: line)
            XCTAssertEqual([a.status, a.branch, a.hardship].map { $0 == Absent.string ? "" : two.pool[$0] },
                           [b.status, b.branch, b.hardship].map { $0 == Absent.string ? "" : one.pool[$0] }, file: file, line: line)
            XCTAssertEqual(a.sex, b.sex, file: file, line: line)
        }
        XCTAssertEqual(twoRoster.count, oneRoster.count, file: file, line: line)
        for text in ids {
            let id = try XCTUnwrap(IDNumber.valid(text))
            XCTAssertEqual(twoRoster.lookup(id)?.map(\.name), oneRoster.lookup(id)?.map(\.name), text, file: file, line: line)
            XCTAssertEqual(twoRoster.lookup(id)?.map(\.join), oneRoster.lookup(id)?.map(\.join), text, file: file, line: line)
        }
    }

    func testHalvesGiveWhatOnePassGives() throws {
        for seed: UInt64 in [1, 2, 3] {
            let text = roster(3_000, seed: seed)
            try assertSame(text)
        }
        // With a byte-order mark the halves are still cut in the text, after the mark.
        try assertSame("\u{FEFF}" + roster(2_000, seed: 5))
        // The text has what the test is about: M05 whose first occurrence is in the first half.
        let (one, _, _) = try check(roster(3_000, seed: 1), halves: false)
        let m05 = one.findings.filter { $0.rule == .M05 }
        XCTAssertTrue(m05.contains { ($0.row ?? 0) > 1_600 && Int($0.arguments[0].split(separator: ":")[1])! < 1_400 })
        XCTAssertTrue(one.findings.contains { $0.rule == .M10 })
        XCTAssertTrue(one.findings.contains { $0.rule == .F02 })
    }

    /// Rows read clean from their bytes (`RowReader.readClean`) give the rules what typed rows give: the
    /// same findings, facts and roster, in one pass and in halves, on rosters with every kind of trouble
    /// and with cells to trim.
    func testCleanRowsGiveWhatTypedRowsGive() throws {
        for seed: UInt64 in [11, 12] {
            var text = roster(3_000, seed: seed)
            // Cells to trim, full-width digits and other spellings the byte reader leaves to the typed one.
            text = text.replacingOccurrences(of: "会员1", with: " 会员1").replacingOccurrences(of: ",一分会,", with: ",一分会\u{3000},")
                .replacingOccurrences(of: ",机关,", with: ",机关 ,").replacingOccurrences(of: ",休假,", with: ", 休假,")
            let typed = try check(text, Reading(typed: true))
            XCTAssertEqual(typed.0.rows.count, typed.0.rowCount)
            try assertSame(text, Reading(), as: Reading(typed: true))
            try assertSame(text, Reading(halves: true), as: Reading(typed: true))
            // The text has what the test is about: rules of every stage, on rows read both ways.
            let rules = Set(typed.0.findings.map(\.rule))
            XCTAssertTrue([RuleCode.M05, .M10, .M01, .V02, .V06, .F02].allSatisfy(rules.contains), "\(rules)")
        }
    }

    /// A quoted cell whose line break is the one just after the middle: the first half cannot end there,
    /// so it reads the whole file, and the result is still that of one pass.
    func testAQuotedLineBreakInTheMiddleFallsBackToOnePass() throws {
        // Put a two-line quoted cell at every row near the middle: whichever line break the middle lands
        // after, it is inside quotes or just before such a record.
        for row in 1_494...1_508 {
            try assertSame(roster(3_000, seed: 7, quotedBreakAt: row))
        }
    }

    // MARK: GB18030 and UTF-16

    /// The same roster in GB18030 and in UTF-16 of both byte orders, read in halves split at a line start of
    /// its bytes (cut near multi-byte characters: every line starts with 会), gives what the UTF-8 roster
    /// gives in one pass; and the halves really were two.
    func testDecodedRostersInHalvesGiveWhatUTF8GivesInOnePass() throws {
        let text = roster(3_000, seed: 21)
        for encoding in [TextEncoding.gb18030, .utf16LE, .utf16BE] {
            try assertSame(text, Reading(halves: true, encoding: encoding), as: Reading())
            try assertSame(text, Reading(halves: true, typed: true, encoding: encoding), as: Reading(typed: true))
            let first = try firstHalf(text, encoding)
            XCTAssertEqual(first?.endedAtSplit, true, "\(encoding)")
            XCTAssertTrue((1_300...1_800).contains(first?.rowAtSplit ?? 0), "\(encoding) split at row \(first?.rowAtSplit ?? 0)")
        }
    }

    /// A quoted cell whose line break is the one just after the middle of the decoded file's bytes: the first
    /// half reads the whole file, and the result is still that of one pass.
    func testAQuotedLineBreakInTheMiddleOfADecodedFileFallsBackToOnePass() throws {
        for encoding in [TextEncoding.gb18030, .utf16LE] {
            var fellBack = 0
            var endedAtSplit = 0
            for row in 1_494...1_508 {
                let text = roster(3_000, seed: 7, quotedBreakAt: row)
                // Checked in full where the split is inside the quotes, and once where it is not.
                switch try firstHalf(text, encoding)?.endedAtSplit {
                case false?: fellBack += 1
                case true? where endedAtSplit == 0: endedAtSplit += 1
                default: continue
                }
                try assertSame(text, Reading(halves: true, encoding: encoding), as: Reading())
            }
            // The test is about a split inside quotes: some row put one there.
            XCTAssertGreaterThan(fellBack, 0, "\(encoding)")
            XCTAssertEqual(endedAtSplit, 1, "\(encoding)")
        }
    }

    /// A decoded roster with a NUL byte in a cell of its second half is read in one pass: the row's F01 says
    /// a text offset, the same as the UTF-8 roster's.
    func testADecodedRosterWithANULByteGivesTheUTF8RostersF01() throws {
        let plain = roster(3_000, seed: 9)
        // "\r\n" is one Character to Swift: split on the line end the text has.
        let lineEnd = plain.contains("\r\n") ? "\r\n" : "\n"
        var lines = plain.components(separatedBy: lineEnd)
        let at = try XCTUnwrap(lines.indices.first { $0 >= 2_400 && lines[$0].contains(",") })
        lines[at] = lines[at].replacingOccurrences(of: ",", with: ",\u{0}", options: [], range: lines[at].range(of: ","))
        let text = lines.joined(separator: lineEnd)
        let (one, _, _) = try check(text, Reading())
        let f01 = one.findings.filter { $0.rule == .F01 }
        XCTAssertEqual(f01.count, 1)
        XCTAssertEqual(f01.first?.arguments.last, "nul")
        XCTAssertEqual(f01.first?.arguments.first, String(Array((lines[..<at].joined(separator: lineEnd) + lineEnd).utf8).count))
        try assertSame(text, Reading(halves: true, encoding: .gb18030), as: Reading())
        XCTAssertNil(try firstHalf(text, .gb18030), "no split")
    }

    /// How the first half of the roster in `encoding` ends at the split `middleLineStart` chooses.
    private func firstHalf(_ text: String, _ encoding: TextEncoding) throws -> OpenedInput.FirstHalf? {
        let folder = NSTemporaryDirectory() + "unionbatch-halves-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/members.csv"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(try encoded(text, encoding))))
        let policy = RuleCatalog.defaultPolicy
        guard case .opened(let input, _) = InputOpener.open(InputSource(name: "members.csv", path: path), policy: policy),
              let split = input.middleLineStart(minimumBytes: 1) else { return nil }
        XCTAssertEqual(input.encoding, encoding)
        var recorder = FindingRecorder(policy: policy, file: "members.csv")
        return input.forEachRawRecord(before: split, recorder: &recorder) { _, _, _ in }
    }

    /// `text` in `encoding`: UTF-8 as it is, GB18030 by iconv, UTF-16 with its byte-order mark.
    private func encoded(_ text: String, _ encoding: TextEncoding) throws -> [UInt8] {
        switch encoding {
        case .utf16LE: return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16BE: return [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case .gb18030:
            guard let bytes = GB18030Encoder.encode(text) else { throw XCTSkip("iconv could not encode the roster in GB18030") }
            return bytes
        default: return Array(text.utf8)
        }
    }
}
