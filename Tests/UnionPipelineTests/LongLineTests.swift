// A 100 MB first line and a 198 MB line (issue 18): F04 each, found in bounded time and memory by the real binary.
import Foundation
import UnionCore
import XCTest

final class LongLineTests: XCTestCase {
    /// How a run of the binary ended and what it cost, as GNU time measured it.
    struct ChildCost {
        var status: Int32
        /// Peak resident memory in KiB (ru_maxrss).
        var peakKiB: Int
        /// User and system time.
        var cpuSeconds: Double
        var wallSeconds: Double
        var stderr: String
    }

    /// Runs the binary with `arguments` under /usr/bin/time and waits for it. GNU time forks the binary
    /// from its own small process and reads the child's ru_maxrss with wait4: a child spawned from this test
    /// process would start its count from this process's memory (the inputs it built are 300 MB).
    func runMeasured(_ arguments: [String], scratch: String) throws -> ChildCost {
        let costPath = scratch + "/cost", stderrPath = scratch + "/stderr"
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        p.arguments = ["-f", "%M %U %S %e", "-o", costPath, CommandLineTests.binary] + arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try p.run()
        p.waitUntilExit()
        let cost = try String(contentsOfFile: costPath, encoding: .utf8)
        // With a non-zero status GNU time writes "Command exited with non-zero status N" first.
        let figures = (cost.split(separator: "\n").last ?? "").split(separator: " ").compactMap { Double($0) }
        guard figures.count == 4 else { throw NSError(domain: "time", code: 1, userInfo: [NSLocalizedDescriptionKey: cost]) }
        return ChildCost(status: p.terminationStatus, peakKiB: Int(figures[0]), cpuSeconds: figures[1] + figures[2], wallSeconds: figures[3],
                         stderr: try String(contentsOfFile: stderrPath, encoding: .utf8))
    }

    /// The company roster beside a payments file whose first line is a 100 MB title and a file that is one
    /// 198 MB line: both are F04 (no header ends within the search's 1 MiB), the roster is read, exit 1;
    /// within 400 MB and 10 s of processor time, the debug build included.
    func testGiantLinesAreF04InBoundedTimeAndMemory() throws {
        let root = try makeTempFolder("long-lines")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/data"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repo.sample("company") + "/会员名册.csv", toPath: folder + "/会员名册.csv")
        var payments = Array("2025年帮扶慰问发放".utf8) + [UInt8](repeating: 0x41, count: 100_000_000) + [0x0A]
        payments += Array("姓名,身份证号,类别,金额,发放日期,形式,备注\n张伟,33010619800315001X,春节慰问,300,2025-01-20,实物,\n".utf8)
        try Data(payments).write(to: URL(fileURLWithPath: folder + "/帮扶慰问发放.csv"))
        let long = [UInt8](repeating: 0x78, count: 198_000_000) + [0x0A]
        try Data(long).write(to: URL(fileURLWithPath: folder + "/长行.csv"))
        let out = root + "/out"

        let cost = try runMeasured(["run", folder, "--out", out, "--year", "2025", "--as-of", "2025-12-31"], scratch: root)
        XCTAssertEqual(cost.status, 1, cost.stderr)
        // One line per finding on standard error (`file: rule: message`), as in issues.csv.
        let findingLines = cost.stderr.split(separator: "\n").map { $0.components(separatedBy: ": ") }.filter { $0.count >= 3 }
        XCTAssertEqual(findingLines.map { $0[0] + " " + $0[1] }, ["帮扶慰问发放.csv F04", "长行.csv F04"], cost.stderr)
        let issues = parseCSV(try String(contentsOfFile: out + "/issues.csv", encoding: .utf8))
        XCTAssertEqual(issues.dropFirst().map { $0.prefix(7).joined(separator: "|") },
                       ["帮扶慰问发放.csv|||||F04|error", "长行.csv|||||F04|error"])
        let inputs = try readJSON(out + "/manifest.json")["inputs"] as? [[String: Any]] ?? []
        XCTAssertEqual(inputs.map { "\($0["file"]!) \($0["rows"]!) \($0["refused"] as? Bool == true)" },
                       ["会员名册.csv 136 false", "帮扶慰问发放.csv 0 true", "长行.csv 0 true"])
        XCTAssertEqual(inputs[1]["sha256"] as? String, SHA256.hex(of: payments))
        XCTAssertEqual(inputs[2]["sha256"] as? String, SHA256.hex(of: long))

        // Bounds of issue 18; the line is never held whole, so the peak stays under the first line's own size.
        XCTAssertLessThanOrEqual(cost.peakKiB, 400 * 1024, "peak \(cost.peakKiB) KiB")
        XCTAssertLessThan(cost.peakKiB, 100_000_000 / 1024, "peak \(cost.peakKiB) KiB")
        // Processor time, not wall time: the machine may be shared (Scripts/bench.sh times the release build).
        XCTAssertLessThanOrEqual(cost.cpuSeconds, 10, "\(cost.cpuSeconds) s of processor time, \(cost.wallSeconds) s wall")
        print("long lines: \(cost.peakKiB / 1024) MB peak, \(cost.cpuSeconds) s processor time, \(cost.wallSeconds) s wall")
    }
}
