// One run per output folder, staging owned through locks, interruptions, symlinked and odd output folders.
import Foundation
import UnionCore
import UnionPipeline
import XCTest

final class OutputSafetyTests: XCTestCase {
    /// What runs leave beside an output folder: staging folders and lock files.
    func leftovers(_ parent: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.contains("unionbatch-staging") || $0.contains("unionbatch-lock") }
    }

    // MARK: One run per output folder

    /// Two runs at once, 50 times over (issue 18), each time after the clerk edited annual-report.txt: the edit is
    /// kept exactly once, under its dated name, and never lost; no spurious copy appears.
    func testConcurrentRunsNeverLoseAnEdit() throws {
        let root = try makeTempFolder("concurrent")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/company"
        try FileManager.default.copyItem(atPath: Repo.sample("company"), toPath: folder)
        let out = root + "/out"
        let arguments = ["run", folder, "--out", out, "--year", "2025", "--as-of", "2025-12-31", "--quiet"]
        // The binary names kept edits with the local date (a run across midnight would see two).
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        let today = Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!.description
        for attempt in 1...50 {
            try? FileManager.default.removeItem(atPath: out)
            // Two runs on a new folder: neither loses with "Directory not empty".
            let starts = try [runAsync(arguments), runAsync(arguments)]
            for p in starts { p.waitUntilExit(); XCTAssertEqual(p.terminationStatus, 0, "attempt \(attempt): a first run failed") }
            try assertCompleteSet(out)
            let edit = "edited by the clerk, attempt \(attempt)\n"
            try edit.write(toFile: out + "/annual-report.txt", atomically: true, encoding: .utf8)
            let runs = try [runAsync(arguments), runAsync(arguments)]
            for p in runs { p.waitUntilExit(); XCTAssertEqual(p.terminationStatus, 0, "attempt \(attempt)") }
            let kept = "annual-report.edited-\(today).txt"
            try assertCompleteSet(out, extra: [kept])
            XCTAssertEqual(try String(contentsOfFile: out + "/" + kept, encoding: .utf8), edit, "attempt \(attempt)")
            XCTAssertEqual(try leftovers(root), [], "attempt \(attempt)")
        }
    }

    func runAsync(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        p.arguments = arguments
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// A second run while another holds the output folder waits, then stops with exit 2 naming it, touching nothing.
    func testSecondRunWaitsThenNamesTheFirst() throws {
        let folder = try copySample("company")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let out = folder + "/unionbatch-out"
        let held = try OutputFolderLock.acquire(outputFolder: out)
        XCTAssertEqual(try String(contentsOfFile: held.path, encoding: .utf8), "\(getpid()) \(OutputFolderLock.Holder.current.user)\n")
        let started = Date()
        let report = runFolder(folder) { $0.lockWait = 0.5 }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.5)
        XCTAssertEqual(report.exitCode, 2)
        XCTAssertEqual(report.fatal, "另一个 unionbatch 运行（进程 \(getpid())，用户 \(OutputFolderLock.Holder.current.user)）正在写出 \(out)，等待 10 秒后仍未结束；本次未写出任何文件，请等它结束后再运行")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertEqual(try leftovers(folder), [".unionbatch-out.unionbatch-lock"])
        held.release()
        XCTAssertEqual(try leftovers(folder), [])
        // Once it is let go, the next run writes.
        XCTAssertEqual(runFolder(folder) { $0.lockWait = 0.5 }.exitCode, 0)
        XCTAssertEqual(try leftovers(folder), [])
    }

    /// Another user's live staging folder (its lock held by a process of user nobody) is never removed;
    /// once that process is gone, the next run clears it.
    func testAnotherUsersLiveStagingFolderIsLeftAlone() throws {
        let root = try makeTempFolder("two-users")
        defer { try? FileManager.default.removeItem(atPath: root) }
        chmod(root, 0o777)
        let folder = root + "/company"
        try FileManager.default.copyItem(atPath: Repo.sample("company"), toPath: folder)
        let out = root + "/out"
        // Its name carries a process id that is not alive, as a PID guess would see it.
        let staging = root + "/.out.unionbatch-staging-999999-abc"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        try "half-written".write(toFile: staging + "/summary.xlsx", atomically: false, encoding: .utf8)
        Nobody.own(staging)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        holder.arguments = ["--reuid=\(Nobody.id)", "--regid=\(Nobody.id)", "--clear-groups", "--", "/usr/bin/flock", "--no-fork", staging,
                            "/bin/sleep", "60"]
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        // Wait until the lock is really held.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline && isUnlocked(staging) { usleep(20_000) }
        XCTAssertFalse(isUnlocked(staging), "the other user's process holds the staging folder")

        let first = try runUnionbatch(["run", folder, "--out", out, "--year", "2025", "--as-of", "2025-12-31", "--quiet"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(try String(contentsOfFile: staging + "/summary.xlsx", encoding: .utf8), "half-written")
        try assertCompleteSet(out)

        holder.terminate()
        holder.waitUntilExit()
        let second = try runUnionbatch(["run", folder, "--out", out, "--year", "2025", "--as-of", "2025-12-31", "--quiet"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(try leftovers(root), [])
        try assertCompleteSet(out)
    }

    func isUnlocked(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_EX | LOCK_NB) == 0
    }

    /// Edits kept on one day: `summary.edited-DAY.xlsx`, then `summary.edited-DAY-2.xlsx`, extension last;
    /// the closing lines name the edited file and its kept copy.
    func testSecondEditOfTheDayGetsTheNextNumber() throws {
        let folder = try copySample("company")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let out = folder + "/unionbatch-out"
        XCTAssertEqual(runFolder(folder).exitCode, 0)
        try "first edit".write(toFile: out + "/summary.xlsx", atomically: true, encoding: .utf8)
        XCTAssertEqual(runFolder(folder).keptEdits, [KeptEdit(original: "summary.xlsx", keptAs: "summary.edited-2026-03-01.xlsx")])
        try "second edit".write(toFile: out + "/summary.xlsx", atomically: true, encoding: .utf8)
        let third = runFolder(folder) { $0.language = .en }
        XCTAssertEqual(third.keptEdits, [KeptEdit(original: "summary.xlsx", keptAs: "summary.edited-2026-03-01-2.xlsx")])
        XCTAssertTrue(third.summaryLines.contains("summary.xlsx was edited since the last run and was kept as summary.edited-2026-03-01-2.xlsx."),
                      third.summaryLines.joined(separator: "\n"))
        XCTAssertEqual(try String(contentsOfFile: out + "/summary.edited-2026-03-01.xlsx", encoding: .utf8), "first edit")
        XCTAssertEqual(try String(contentsOfFile: out + "/summary.edited-2026-03-01-2.xlsx", encoding: .utf8), "second edit")
        try assertCompleteSet(out, extra: ["summary.edited-2026-03-01.xlsx", "summary.edited-2026-03-01-2.xlsx"])
    }

    // MARK: Odd output folders

    /// An output folder that is a symbolic link is written through: the link stays, its target gets the set.
    func testSymlinkedOutputFolderIsWrittenThrough() throws {
        let folder = try copySample("company")
        let root = (folder as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: root) }
        let target = root + "/real-out", link = root + "/out"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real-out")
        XCTAssertEqual(runFolder(folder, out: link).exitCode, 0)
        try "edited".write(toFile: target + "/annual-report.txt", atomically: true, encoding: .utf8)
        let second = runFolder(folder, out: link)
        XCTAssertEqual(second.exitCode, 0)
        XCTAssertEqual(second.keptEdits.map(\.keptAs), ["annual-report.edited-2026-03-01.txt"])
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "real-out")
        try assertCompleteSet(target, extra: ["annual-report.edited-2026-03-01.txt"])
        XCTAssertEqual(try leftovers(root), [])
    }

    /// A named pipe in the output folder is never opened (the run would hang) and stays a named pipe.
    func testNamedPipeInOutputFolderIsNeverOpened() throws {
        let folder = try copySample("company")
        let root = (folder as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/out"
        let arguments = ["run", folder, "--out", out, "--year", "2025", "--as-of", "2025-12-31", "--quiet"]
        XCTAssertEqual(try runUnionbatch(arguments).status, 0)
        XCTAssertEqual(mkfifo(out + "/pipe", 0o644), 0)
        // A manifest.json that is a pipe is not read either: the folder is then not unionbatch's.
        let outcome = try runUnionbatch(arguments, timeout: 30)
        XCTAssertFalse(outcome.timedOut, "the run opened the named pipe")
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        var st = stat()
        XCTAssertEqual(lstat(out + "/pipe", &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO)
        try assertCompleteSet(out, extra: ["pipe"])

        let other = root + "/other"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: false)
        XCTAssertEqual(mkfifo(other + "/manifest.json", 0o644), 0)
        let refused = try runUnionbatch(["run", folder, "--out", other, "--quiet"], timeout: 30)
        XCTAssertFalse(refused.timedOut, "the run opened the named pipe")
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("不是 unionbatch 的输出"), refused.stderr)
    }

    /// An output folder that is the input folder or holds it is refused, whatever it holds.
    func testOutputFolderHoldingTheInputIsRefused() throws {
        let folder = try copySample("company")
        let root = (folder as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A manifest.json in the input folder does not make it an output folder.
        try "{\"tool\":\"unionbatch\",\"outputs\":[]}".write(toFile: folder + "/manifest.json", atomically: true, encoding: .utf8)
        for out in [folder, folder + "/", root, folder + "/.."] {
            let report = runFolder(folder, out: out)
            XCTAssertEqual(report.exitCode, 2, out)
            XCTAssertEqual(report.fatal, "输出文件夹 \(out) 就是输入文件夹 \(folder) 或包含它，未写出任何内容；请用 --out 指定输入文件夹以外的新文件夹")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root), ["company"])
        XCTAssertEqual(try leftovers(folder), [])
    }

    /// `--out afile/sub` says which part is a file.
    func testOutputPathThroughAFileIsNamed() throws {
        let folder = try copySample("company")
        let root = (folder as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "x".write(toFile: root + "/afile", atomically: true, encoding: .utf8)
        let report = runFolder(folder, out: root + "/afile/sub/out")
        XCTAssertEqual(report.exitCode, 2)
        let real = URL(fileURLWithPath: root + "/afile").resolvingSymlinksInPath().path
        XCTAssertEqual(report.fatal, "无法写出输出文件夹 \(root)/afile/sub/out：\(real) 是一个文件，不是文件夹；未写出任何文件。请用 --out 指定其他位置")
    }

    // MARK: Interruptions

    // SIGINT and SIGTERM at five moments of a run, and during `convert --replace`: InterruptedRunTests.
}
