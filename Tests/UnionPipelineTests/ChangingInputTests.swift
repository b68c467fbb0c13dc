// An input that changes while the run reads it is refused (F01), counted nowhere, in no workbook.
import Foundation
import UnionCore
import UnionPipeline
import XCTest

final class ChangingInputTests: XCTestCase {
    /// Rows appended to 帮扶慰问发放.csv at each moment between the passes: the file is F01, its rows are in
    /// no figure and no workbook, the manifest gives the hash of what was read first, and nothing else moves.
    func testGrowingFileAtEachMomentIsRefused() throws {
        let clean = try copySample("company")
        defer { try? FileManager.default.removeItem(atPath: (clean as NSString).deletingLastPathComponent) }
        let baseline = runFolder(clean)
        XCTAssertEqual(baseline.exitCode, 0)
        let name = "帮扶慰问发放.csv"
        for moment in [RunMoment.opened, .checked, .written] {
            let folder = try copySample("company")
            defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
            let path = folder + "/" + name
            let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            // The last row again, at the end: a plausible row a clerk's export would add.
            let lines = String(decoding: original, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            let appended = Array((lines.last! + "\n").utf8)
            final class Count: @unchecked Sendable { var calls = 0 }
            let count = Count()
            let report = runFolder(folder) { options in
                options.betweenPasses = { at in
                    guard at == moment else { return }
                    count.calls += 1
                    let handle = FileHandle(forWritingAtPath: path)!
                    handle.seekToEndOfFile()
                    handle.write(Data(appended))
                    try? handle.close()
                }
            }
            let context = "appended at \(moment)"
            // The first attempt changes the file; the second reads around it, the hook still called.
            XCTAssertEqual(count.calls, 2, context)
            XCTAssertEqual(report.exitCode, 1, context)
            XCTAssertEqual(report.findings.map { "\($0.file) \($0.rule) \($0.arguments)" }, ["\(name) F01 [\"read\", \"the file changed while it was being read\"]"], context)
            let out = folder + "/unionbatch-out"
            let manifest = try readJSON(out + "/manifest.json")
            let inputs = manifest["inputs"] as? [[String: Any]] ?? []
            let payments = try XCTUnwrap(inputs.first { $0["file"] as? String == name }, context)
            XCTAssertEqual(payments["refused"] as? Bool, true, context)
            XCTAssertEqual(payments["rows"] as? Int, 0, context)
            XCTAssertEqual(payments["sha256"] as? String, SHA256.hex(of: original), context)
            let outputs = (manifest["outputs"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
            XCTAssertFalse(outputs.contains("checked-payments.xlsx"), context)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/checked-payments.xlsx"), context)
            let summary = try readJSON(out + "/summary.json")
            XCTAssertEqual(dict(summary["payments"])["count"] as? Int ?? 0, 0, "\(context): \(summary["payments"] ?? "none")")
            // The roster is read as before.
            XCTAssertEqual(dict(summary["members"])["total"] as? Int, dict(try readJSON(clean + "/unionbatch-out/summary.json")["members"])["total"] as? Int, context)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("unionbatch-") }, ["unionbatch-out"], context)
        }
    }

    /// A file rewritten in place to the same size (an editor saving over it) is caught as well.
    func testSameSizeRewriteIsRefused() throws {
        let folder = try copySample("company")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let path = folder + "/会员名册.csv"
        let report = runFolder(folder) { options in
            options.betweenPasses = { at in
                guard at == .checked, var bytes = try? Data(contentsOf: URL(fileURLWithPath: path)) else { return }
                // Same size, same modification time: only the status-change time tells.
                var st = stat()
                stat(path, &st)
                bytes[bytes.count - 2] = bytes[bytes.count - 2] == 0x31 ? 0x32 : 0x31
                let fd = open(path, O_WRONLY)
                _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
                var times = [st.st_atim, st.st_mtim]
                futimens(fd, &times)
                close(fd)
            }
        }
        XCTAssertTrue(report.findings.contains { $0.file == "会员名册.csv" && $0.rule == .F01 }, report.findings.map(\.file).description)
        let manifest = try readJSON(folder + "/unionbatch-out/manifest.json")
        let roster = (manifest["inputs"] as? [[String: Any]] ?? []).first { $0["file"] as? String == "会员名册.csv" }
        XCTAssertEqual(roster?["rows"] as? Int, 0)
    }
}
