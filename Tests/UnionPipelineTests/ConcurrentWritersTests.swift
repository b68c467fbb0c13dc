// The checked workbooks written on their own threads are byte for byte those of a single-threaded run.
import Foundation
import UnionCore
import UnionGenerator
import UnionPipeline
import XCTest

final class ConcurrentWritersTests: XCTestCase {
    func testConcurrentAndSingleThreadedRunsWriteTheSameBytes() throws {
        let folder = try generatedFolder("concurrent", seed: 11, members: 3000, payments: 4000, claims: 1500,
                                         enrollments: 400, problemRate: 0.01)
        let parent = (folder as NSString).deletingLastPathComponent
        let threaded = runFolder(folder, out: parent + "/threaded") { $0.concurrentWriters = true }
        // The roster read in two halves: its workbook takes the first half's rows from the rules' pass and
        // reads the second half itself.
        let halves = runFolder(folder, out: parent + "/halves") {
            $0.concurrentWriters = true
            $0.rosterHalvesFromBytes = 1
        }
        XCTAssertEqual(halves.exitCode, 1)
        let single = runFolder(folder, out: parent + "/single") { $0.concurrentWriters = false }
        XCTAssertEqual(threaded.exitCode, 1)
        XCTAssertEqual(single.exitCode, 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: parent + "/single").sorted()
        XCTAssertEqual(names, ["annual-report.txt", "checked-claims.xlsx", "checked-enrollments.xlsx", "checked-members.xlsx",
                               "checked-payments.xlsx", "issues.csv", "manifest.json", "summary.json", "summary.xlsx"])
        try assertSameFiles(names, parent + "/threaded", parent + "/single")
        try assertSameFiles(names, parent + "/halves", parent + "/single")
    }

    /// Without checked workbooks (check, --summary-only), claims and enrolments are checked on a thread
    /// beside payments: the outputs are those of one thread.
    func testChecksBesideEachOtherGiveWhatOneThreadGives() throws {
        let folder = try generatedFolder("concurrent-checks", seed: 12, members: 2000, payments: 3000, claims: 1500,
                                         enrollments: 500, problemRate: 0.02)
        // Claims and enrolments with findings of their own: each file's last row once more (C06, E03).
        for name in ["claims.csv", "enrollments.csv"] {
            let path = folder + "/" + name
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let last = try XCTUnwrap(text.split(whereSeparator: \.isNewline).last)
            try (text + last + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let parent = (folder as NSString).deletingLastPathComponent
        for (mode, summaryOnly) in [(RunOptions.Mode.check, false), (.run, true)] {
            let tag = mode.rawValue + (summaryOnly ? "-summary" : "")
            let threaded = runFolder(folder, out: parent + "/threaded-" + tag, mode: mode) {
                $0.concurrentWriters = true
                $0.summaryOnly = summaryOnly
            }
            let single = runFolder(folder, out: parent + "/single-" + tag, mode: mode) {
                $0.concurrentWriters = false
                $0.summaryOnly = summaryOnly
            }
            XCTAssertEqual(threaded.exitCode, 1, tag)
            XCTAssertEqual(single.exitCode, 1, tag)
            XCTAssertEqual(threaded.findingLines, single.findingLines, tag)
            XCTAssertTrue(threaded.findings.contains { $0.file == "claims.csv" } && threaded.findings.contains { $0.file == "enrollments.csv" },
                          "claims and enrolment findings are part of what is compared (\(tag))")
            let names = try FileManager.default.contentsOfDirectory(atPath: parent + "/single-" + tag).sorted()
            XCTAssertEqual(names, summaryOnly ? ["annual-report.txt", "issues.csv", "manifest.json", "summary.json", "summary.xlsx"]
                                              : ["issues.csv", "manifest.json"], tag)
            try assertSameFiles(names, parent + "/threaded-" + tag, parent + "/single-" + tag)
        }
    }

    /// A roster whose middle falls inside quoted cells that span two lines: the first half cannot end at
    /// the middle, so it reads the whole file and feeds the workbook every row; the outputs are still
    /// those of one thread.
    func testARosterSplitInsideAQuotedCellFallsBackToOnePass() throws {
        let folder = try generatedFolder("concurrent-quoted", seed: 13, members: 2000, payments: 1000, claims: 300,
                                         enrollments: 100, problemRate: 0)
        let path = folder + "/members.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // "\r\n" is one Character to Swift: split on the line end the file has.
        let lineEnd = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: lineEnd)
        XCTAssertGreaterThan(lines.count, 1000)
        // Long quoted last cells with their line break at the end, around the middle line: the middle of
        // the file lands in one of them, before its quoted line break.
        let middle = lines.count / 2
        for i in (middle - 4)...(middle + 4) {
            var cells = lines[i].components(separatedBy: ",")
            cells[cells.count - 1] = "\"" + String(repeating: "备", count: 200) + "\n注\""
            lines[i] = cells.joined(separator: ",")
        }
        try lines.joined(separator: lineEnd).write(toFile: path, atomically: true, encoding: .utf8)
        let parent = (folder as NSString).deletingLastPathComponent
        let halves = runFolder(folder, out: parent + "/halves") {
            $0.concurrentWriters = true
            $0.rosterHalvesFromBytes = 1
        }
        let single = runFolder(folder, out: parent + "/single") { $0.concurrentWriters = false }
        XCTAssertEqual(halves.exitCode, single.exitCode)
        XCTAssertTrue(single.findings.contains { $0.rule == .V06 && $0.file == "members.csv" }, "the long cells are read as one")
        try assertSameFiles(try FileManager.default.contentsOfDirectory(atPath: parent + "/single").sorted(),
                            parent + "/halves", parent + "/single")
    }

    /// A folder of generated data (`<temp>/data`) of the given size.
    private func generatedFolder(_ name: String, seed: UInt64, members: Int, payments: Int, claims: Int, enrollments: Int,
                                 problemRate: Double) throws -> String {
        let folder = try makeTempFolder(name) + "/data"
        let options = GeneratorOptions(seed: seed, members: members, payments: payments, claims: claims,
                                       enrollments: enrollments, problemRate: problemRate)
        _ = try FolderGenerator.write(to: folder, options: options)
        return folder
    }

    /// Each of `names` has the same bytes in folder `a` as in folder `b`.
    private func assertSameFiles(_ names: [String], _ a: String, _ b: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for name in names {
            let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + name))
            let y = try Data(contentsOf: URL(fileURLWithPath: b + "/" + name))
            XCTAssertEqual(SHA256.hex(of: [UInt8](x)), SHA256.hex(of: [UInt8](y)), "\(a) \(name)", file: file, line: line)
        }
    }
}
