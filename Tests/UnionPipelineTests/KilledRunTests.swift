// A run killed at any moment leaves the output folder holding one complete set, never a mix.
import Foundation
import UnionCore
import UnionGenerator
import XCTest

final class KilledRunTests: XCTestCase {
    func testSIGKILLAtSeveralMomentsLeavesACompleteSet() throws {
        let parent = try makeTempFolder("killed")
        let folder = parent + "/data"
        var options = GeneratorOptions()
        options.seed = 5
        options.members = 20_000
        options.payments = 20_000
        options.claims = 8_000
        options.enrollments = 2_000
        options.problemRate = 0.01
        _ = try FolderGenerator.write(to: folder, options: options)
        let out = parent + "/out"
        let binary = CommandLineTests.binary
        func start() throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["run", folder, "--out", out, "--year", "2025", "--as-of", "2025-12-31", "--quiet"]
            p.standardError = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            return p
        }
        let first = try start()
        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 1)
        try assertCompleteSet(out)
        let before = try readJSON(out + "/manifest.json")["outputs"] as? [[String: String]]

        for delay in [0.02, 0.1, 0.3, 0.6, 1.0] {
            let p = try start()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            try assertCompleteSet(out)
        }
        // The next run clears what the killed ones left beside the output folder.
        let last = try start()
        last.waitUntilExit()
        XCTAssertEqual(last.terminationStatus, 1)
        try assertCompleteSet(out)
        XCTAssertEqual(try readJSON(out + "/manifest.json")["outputs"] as? [[String: String]], before, "same inputs, same bytes")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.contains("unionbatch-staging") }
        XCTAssertEqual(leftovers, [])
    }
}
