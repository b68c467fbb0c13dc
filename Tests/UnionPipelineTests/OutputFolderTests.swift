// The output folder: only unionbatch's is written, outputs swap in whole, edits are kept, inputs untouched.
import Foundation
import UnionCore
import UnionPipeline
import XCTest

final class OutputFolderTests: XCTestCase {
    func testForeignFolderIsRefusedAndLeftAlone() throws {
        let folder = try copySample("company")
        let out = try makeTempFolder("foreign")
        try "the clerk's notes".write(toFile: out + "/notes.txt", atomically: true, encoding: .utf8)
        let report = runFolder(folder, out: out)
        XCTAssertEqual(report.exitCode, 2)
        XCTAssertTrue(report.fatal?.contains("不是 unionbatch 的输出") ?? false, report.fatal ?? "")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out), ["notes.txt"])
        // No staging folder is left beside it.
        let parent = (out as NSString).deletingLastPathComponent
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: parent).contains { $0.hasPrefix("." + (out as NSString).lastPathComponent) })
    }

    func testEditedOutputIsKeptUnderADatedName() throws {
        let folder = try copySample("company")
        let out = folder + "/unionbatch-out"
        XCTAssertEqual(runFolder(folder).exitCode, 0)
        try "edited by the clerk\n".write(toFile: out + "/annual-report.txt", atomically: true, encoding: .utf8)
        let second = runFolder(folder)
        XCTAssertEqual(second.exitCode, 0)
        XCTAssertEqual(second.keptEdits, [KeptEdit(original: "annual-report.txt", keptAs: "annual-report.edited-2026-03-01.txt")])
        XCTAssertTrue(second.summaryLines.contains("上次输出的 annual-report.txt 被修改过，已另存为 annual-report.edited-2026-03-01.txt。"),
                      second.summaryLines.joined(separator: "\n"))
        XCTAssertEqual(try String(contentsOfFile: out + "/annual-report.edited-2026-03-01.txt", encoding: .utf8), "edited by the clerk\n")
        XCTAssertTrue(try String(contentsOfFile: out + "/annual-report.txt", encoding: .utf8).contains("共有会员131人"))
        // A third run keeps the kept copy and finds nothing new edited.
        let third = runFolder(folder)
        XCTAssertEqual(third.keptEdits, [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/annual-report.edited-2026-03-01.txt"))
        let manifest = try readJSON(out + "/manifest.json")
        XCTAssertFalse((manifest["outputs"] as? [[String: Any]] ?? []).contains { ($0["file"] as? String)?.contains("edited") == true })
    }

    func testStaleStagingFolderIsCleared() throws {
        let folder = try copySample("company")
        let stale = folder + "/.unionbatch-out.unionbatch-staging-999999"
        try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
        try "half".write(toFile: stale + "/summary.xlsx", atomically: true, encoding: .utf8)
        XCTAssertEqual(runFolder(folder).exitCode, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale))
    }

    func testInputsAreNeverModified() throws {
        let folder = try copySample("messy")
        func hashes() throws -> [String: String] {
            var result: [String: String] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where !name.hasPrefix("unionbatch-out") {
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
                result[name] = SHA256.hex(of: bytes)
            }
            return result
        }
        let before = try hashes()
        XCTAssertEqual(runFolder(folder).exitCode, 1)
        XCTAssertEqual(runFolder(folder, mode: .check).exitCode, 1)
        XCTAssertEqual(try hashes(), before)
    }

    func testOutputFolderInsideInputIsNotReadBack() throws {
        let folder = try copySample("company")
        XCTAssertEqual(runFolder(folder).exitCode, 0)
        // The second run finds the same five inputs, not the outputs (issues.csv is in unionbatch-out/).
        let json = try readJSON(folder + "/unionbatch-out/summary.json")
        XCTAssertEqual((json["inputs"] as? [Any])?.count, 5)
        XCTAssertEqual(runFolder(folder).exitCode, 0)
    }

    func testCheckWritesIssuesOnly() throws {
        let folder = try copySample("messy")
        let out = try makeTempFolder("check") + "/out"
        let report = runFolder(folder, out: out, mode: .check)
        XCTAssertEqual(report.exitCode, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(), ["issues.csv", "manifest.json"])
    }

    func testEmptyFolderIsNothingDone() throws {
        let folder = try makeTempFolder("empty")
        let report = runFolder(folder)
        XCTAssertEqual(report.exitCode, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/unionbatch-out"))
    }
}

/// The real binary, as the clerk runs it.
final class CommandLineTests: XCTestCase {
    static var binary: String {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("unionbatch").path
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) { try runBinary(arguments) }

    func testDefaultCommandRunsTheFolder() throws {
        let folder = try copySample("company")
        let result = try run([folder, "--as-of", "2025-12-31"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("读取 5 个文件，共 795 行：计入 795 行"), result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/unionbatch-out/summary.xlsx"))
    }

    func testMessyFolderExitsOneWithLocatedFindings() throws {
        let folder = try copySample("messy")
        let result = try run(["run", folder, "--as-of", "2025-12-31", "--year", "2025"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("帮扶慰问发放.csv:14:D: V03: 金额“1.2.3”不是有效金额\n"), result.stderr)
        XCTAssertTrue(result.stderr.contains("会员名册.csv:1: F07: "))
    }

    func testTimingsListEveryStageInStartOrder() throws {
        let folder = try copySample("company")
        let result = try run(["run", folder, "--as-of", "2025-12-31", "--quiet", "--timings"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let stages = result.stderr.split(separator: "\n").filter { $0.contains(" took ") }
            .map { String($0).components(separatedBy: "  ").first! }
        for expected in ["open 会员名册.csv", "check members", "check payments", "check claims", "check enrollments",
                         "summary figures", "write checked-members.xlsx: rows", "write checked-members.xlsx: close and zip",
                         "write checked-payments.xlsx: close and zip", "write summary.xlsx", "hash the outputs, write manifest.json",
                         "swap the outputs in", "total"] {
            XCTAssertTrue(stages.contains(expected), "no stage \(expected) in \(stages)")
        }
        XCTAssertEqual(stages.last, "total")
        // Start times never go back.
        let starts = result.stderr.split(separator: "\n").compactMap { line -> Double? in
            guard let at = line.range(of: " at ") else { return nil }
            return Double(line[at.upperBound...].trimmingCharacters(in: .whitespaces).prefix { $0 != " " })
        }
        XCTAssertEqual(starts, starts.sorted())
        XCTAssertGreaterThan(starts.count, 12)
    }

    func testBadUsageExitsTwo() throws {
        XCTAssertEqual(try run(["run", "--as-of", "2025-02-30", "."]).status, 2)
        XCTAssertEqual(try run(["run", "/no/such/folder"]).status, 2)
    }
}

final class HiddenFilesTests: XCTestCase {
    func testFolderWithOnlyHiddenFilesIsEmptyAndKeepsThem() throws {
        let folder = try copySample("company")
        let out = try makeTempFolder("hidden")
        try "x".write(toFile: out + "/.DS_Store", atomically: true, encoding: .utf8)
        XCTAssertEqual(runFolder(folder, out: out).exitCode, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/summary.xlsx"))
        XCTAssertEqual(try String(contentsOfFile: out + "/.DS_Store", encoding: .utf8), "x")
    }
}
