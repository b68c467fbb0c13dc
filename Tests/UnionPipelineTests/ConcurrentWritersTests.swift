// The checked workbooks written on their own threads are byte for byte those of a single-threaded run.
import Foundation
import UnionCore
import UnionGenerator
import UnionPipeline
import XCTest

final class ConcurrentWritersTests: XCTestCase {
    func testConcurrentAndSingleThreadedRunsWriteTheSameBytes() throws {
        let folder = try makeTempFolder("concurrent") + "/data"
        var options = GeneratorOptions()
        options.seed = 11
        options.members = 3000
        options.payments = 4000
        options.claims = 1500
        options.enrollments = 400
        options.problemRate = 0.01
        _ = try FolderGenerator.write(to: folder, options: options)
        let parent = (folder as NSString).deletingLastPathComponent
        let threaded = runFolder(folder, out: parent + "/threaded") { $0.concurrentWriters = true }
        let single = runFolder(folder, out: parent + "/single") { $0.concurrentWriters = false }
        XCTAssertEqual(threaded.exitCode, 1)
        XCTAssertEqual(single.exitCode, 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: parent + "/single").sorted()
        XCTAssertEqual(names, ["annual-report.txt", "checked-claims.xlsx", "checked-enrollments.xlsx", "checked-members.xlsx",
                               "checked-payments.xlsx", "issues.csv", "manifest.json", "summary.json", "summary.xlsx"])
        for name in names {
            let a = try Data(contentsOf: URL(fileURLWithPath: parent + "/threaded/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: parent + "/single/" + name))
            XCTAssertEqual(SHA256.hex(of: [UInt8](a)), SHA256.hex(of: [UInt8](b)), name)
        }
    }
}
