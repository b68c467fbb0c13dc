// The samples' oracle in the suite: Scripts/make-samples.py, an independent Python reading of SPEC §2–§3, writes
// the samples and the fixtures the Swift tests compare with; `--check` writes them again and compares.
import Foundation
import XCTest

final class SamplesOracleTests: XCTestCase {
    /// The samples and fixtures in the tree are exactly what the oracle writes today, and its own checks pass
    /// (the company sample clean with SPEC §1's figures, every planted finding of messy found, the township's sums).
    /// So the fixtures the pipeline tests read cannot drift from the oracle that made them.
    func testTheSamplesAndFixturesAreWhatTheOracleWritesAndChecks() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repo.root.appendingPathComponent("Scripts/make-samples.py").path, "--check"]
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = try makeTempFolder("oracle")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, stderr)
        XCTAssertTrue(stdout.hasPrefix("make-samples --check: "), stdout)
        XCTAssertTrue(stdout.contains(" files as written, the oracle's checks pass"), stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: environment["TMPDIR"]!), [], "its temp root is removed")
    }
}
