// SIGINT and SIGTERM at five moments of a run and during `convert`, each reached for sure through the test hook (TestPause), not by sleeps.
import Foundation
import UnionCore
import UnionWriters
import XCTest

/// Starts the binary with the hook asking it to stop at `moment` and say so into the FIFO at `fifo`.
func startPaused(_ arguments: [String], moment: TestPause.Moment, fifo: String, tmp: String) throws -> Process {
    var environment = ProcessInfo.processInfo.environment
    environment["TMPDIR"] = tmp
    environment[TestPause.variable] = moment.rawValue + ":" + fifo
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
    p.arguments = arguments
    p.environment = environment
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    return p
}

/// Waits for the first line the child writes into the FIFO (read end `fd`, opened before the child
/// started): it writes it on reaching its moment. Nil when the child ended, or gave no line in 120 s.
func pauseLine(_ fd: Int32, _ p: Process) -> String? {
    var line: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 256)
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        // Woken by the line; the timeout only lets a child that ended early be noticed.
        if poll(&pfd, 1, 200) > 0 {
            let n = read(fd, &buffer, buffer.count)
            if n > 0 { line += buffer[0..<n] }
            if let end = line.firstIndex(of: 0x0A) { return String(decoding: line[..<end], as: UTF8.self) }
        }
        if !p.isRunning { return nil }
    }
    return nil
}

final class InterruptedRunTests: XCTestCase {
    /// The company sample with its enrolments as a workbook, so that the run writes its sheets into a
    /// `unionbatch-sheets-*` folder of TMPDIR as well as its staging folder beside the output folder.
    func makeFolder(_ root: String) throws -> String {
        let folder = root + "/company"
        try FileManager.default.copyItem(atPath: Repo.sample("company"), toPath: folder)
        let csv = folder + "/两癌参保.csv"
        _ = try DelimitedWorkbookWriter.convert(input: csv, output: folder + "/两癌参保.xlsx")
        try FileManager.default.removeItem(atPath: csv)
        return folder
    }

    /// A root holding that folder, a TMPDIR for the child and the output folder, and the run's arguments.
    struct Setting {
        let root: String, tmp: String, out: String, arguments: [String]
    }

    func makeSetting(_ name: String) throws -> Setting {
        let root = try makeTempFolder(name)
        let folder = try makeFolder(root)
        let tmp = root + "/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        let out = root + "/out"
        return Setting(root: root, tmp: tmp, out: out,
                       arguments: ["run", folder, "--out", out, "--year", "2025", "--as-of", "2025-12-31", "--quiet"])
    }

    /// What runs leave beside an output folder (staging folders, lock files) or in TMPDIR (sheets' folders).
    func leftovers(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.contains("unionbatch-staging") || $0.contains("unionbatch-lock") || $0.hasPrefix("unionbatch-sheets-")
        }.sorted()
    }

    /// What must be there when the signal comes, so that it has something to remove: the sheets' folder in
    /// TMPDIR while opening, the staging folder beside the output folder after, with the manifest at the swap.
    func assertMomentReached(_ moment: TestPause.Moment, root: String, tmp: String, context: String) throws {
        let sheets = try leftovers(tmp)
        XCTAssertEqual(sheets.count, 1, context)
        let staging = try leftovers(root).filter { $0.contains("unionbatch-staging") }
        XCTAssertEqual(staging.count, moment == .opening ? 0 : 1, "\(context): \(staging)")
        guard let folder = staging.first else { return }
        let written = try FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)
        switch moment {
        case .opening, .checking, .checked:
            XCTAssertFalse(written.contains("summary.xlsx"), "\(context): \(written)")
        case .writing:
            XCTAssertFalse(written.contains("manifest.json"), "\(context): \(written)")
        case .installing:
            XCTAssertTrue(written.contains("manifest.json"), "\(context): \(written)")
            XCTAssertTrue(written.contains("checked-payments.xlsx"), "\(context): \(written)")
        case .readingSheet, .converted:
            XCTFail("not one of the moments tried here")
        }
    }

    /// SIGINT and SIGTERM at each of the five moments: the run exits 130 or 143 and leaves no staging folder,
    /// no lock and no sheets' folder in its TMPDIR; the earlier complete set stays as it was.
    func testSignalAtEachMomentLeavesNothingAndTheEarlierSet() throws {
        let setting = try makeSetting("interrupted")
        defer { try? FileManager.default.removeItem(atPath: setting.root) }
        let (root, tmp, out, arguments) = (setting.root, setting.tmp, setting.out, setting.arguments)
        let first = try runBinary(arguments)
        XCTAssertEqual(first.status, 0, first.stderr)
        try assertCompleteSet(out)
        let before = try readJSON(out + "/manifest.json")["outputs"] as? [[String: String]]
        XCTAssertEqual(before?.contains { $0["file"] == "checked-enrollments.xlsx" }, true)
        let fifo = root + "/pause"
        for moment in TestPause.Moment.ofARun {
            for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
                let context = "signal \(signal) at \(moment)"
                XCTAssertEqual(mkfifo(fifo, 0o600), 0)
                defer { unlink(fifo) }
                // Opened before the child starts, without waiting for a writer: the child's open finds a reader.
                let fd = open(fifo, O_RDONLY | O_NONBLOCK)
                defer { close(fd) }
                let p = try startPaused(arguments, moment: moment, fifo: fifo, tmp: tmp)
                let line = pauseLine(fd, p)
                XCTAssertEqual(line, "\(moment.rawValue) \(p.processIdentifier)", context)
                guard line != nil else {
                    p.terminate()
                    p.waitUntilExit()
                    continue
                }
                try assertMomentReached(moment, root: root, tmp: tmp, context: context)
                kill(p.processIdentifier, signal)
                p.waitUntilExit()
                XCTAssertEqual(p.terminationReason, .exit, context)
                XCTAssertEqual(p.terminationStatus, status, context)
                XCTAssertEqual(try leftovers(root), [], context)
                XCTAssertEqual(try leftovers(tmp), [], context)
                try assertCompleteSet(out)
                XCTAssertEqual(try readJSON(out + "/manifest.json")["outputs"] as? [[String: String]], before, context)
            }
        }
    }

    /// SIGKILL at each moment of a run that has a staging folder: nothing can be removed then, so the folder
    /// stays beside the earlier set, untouched; the next run removes it (no live run holds its lock).
    func testKilledRunsLeftoversGoWithTheNextRun() throws {
        let setting = try makeSetting("killed-at-moments")
        defer { try? FileManager.default.removeItem(atPath: setting.root) }
        let (root, tmp, out, arguments) = (setting.root, setting.tmp, setting.out, setting.arguments)
        XCTAssertEqual(try runBinary(arguments).status, 0)
        let before = try readJSON(out + "/manifest.json")["outputs"] as? [[String: String]]
        let fifo = root + "/pause"
        for moment in TestPause.Moment.ofARun where moment != .opening {
            XCTAssertEqual(mkfifo(fifo, 0o600), 0)
            defer { unlink(fifo) }
            let fd = open(fifo, O_RDONLY | O_NONBLOCK)
            defer { close(fd) }
            let p = try startPaused(arguments, moment: moment, fifo: fifo, tmp: tmp)
            XCTAssertEqual(pauseLine(fd, p), "\(moment.rawValue) \(p.processIdentifier)", "\(moment)")
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationReason, .uncaughtSignal, "\(moment)")
            XCTAssertEqual(try leftovers(root).filter { $0.contains("unionbatch-staging") }.count, 1, "killed at \(moment)")
            try assertCompleteSet(out)
            XCTAssertEqual(try readJSON(out + "/manifest.json")["outputs"] as? [[String: String]], before, "killed at \(moment)")
            let next = try runBinary(arguments)
            XCTAssertEqual(next.status, 0, next.stderr)
            XCTAssertEqual(try leftovers(root), [], "after the run that followed the kill at \(moment)")
            try assertCompleteSet(out)
            // Killed, the sheets' folder in TMPDIR stays: TMPDIR is the system's to clear.
            for name in try leftovers(tmp) { try FileManager.default.removeItem(atPath: tmp + "/" + name) }
        }
    }

    /// `convert --replace` interrupted once its workbook is in the temporary file: no temporary file is left,
    /// and the earlier workbook is as it was.
    func testInterruptedConvertLeavesNoTemporaryFile() throws {
        let root = try makeTempFolder("convert-interrupted")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/data"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var text = "姓名,身份证号,金额\n"
        for i in 0..<200 { text += "张\(i),11010519491231002X,\(i).50\n" }
        try text.write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        try "earlier".write(toFile: folder + "/p.xlsx", atomically: true, encoding: .utf8)
        let fifo = root + "/pause"
        for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            let context = "signal \(signal)"
            XCTAssertEqual(mkfifo(fifo, 0o600), 0)
            defer { unlink(fifo) }
            let fd = open(fifo, O_RDONLY | O_NONBLOCK)
            defer { close(fd) }
            let p = try startPaused(["convert", folder + "/p.csv", "--replace"], moment: .converted, fifo: fifo, tmp: root)
            XCTAssertEqual(pauseLine(fd, p), "converted \(p.processIdentifier)", context)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            XCTAssertEqual(names.count, 3, "\(context): \(names)")
            XCTAssertTrue(names.contains { $0.hasPrefix(".p.xlsx.") && $0.hasSuffix(".tmp") }, "\(context): \(names)")
            kill(p.processIdentifier, signal)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationReason, .exit, context)
            XCTAssertEqual(p.terminationStatus, status, context)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["p.csv", "p.xlsx"], context)
            XCTAssertEqual(try String(contentsOfFile: folder + "/p.xlsx", encoding: .utf8), "earlier", context)
        }
    }

    /// Without the variable the hook does nothing: the same run goes to its end and swaps its set in.
    func testWithoutTheVariableTheRunGoesThrough() throws {
        XCTAssertNil(getenv(TestPause.variable))
        let root = try makeTempFolder("not-paused")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try runBinary(["run", try makeFolder(root), "--out", root + "/out", "--year", "2025", "--as-of", "2025-12-31", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        try assertCompleteSet(root + "/out")
    }
}
