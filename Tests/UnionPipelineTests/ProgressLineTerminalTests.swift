// The real binary under a pseudo-terminal (util-linux `script`): the progress line is drawn, erased before the
// findings and the closing lines, English under --lang en; none into a pipe, none with --quiet, none for a small run.
import Foundation
import UnionGenerator
import XCTest

final class ProgressLineTerminalTests: XCTestCase {
    /// 20,000 roster rows and 5,000 payments, with findings: under the lowered bound below, long enough in a
    /// debug build for the line to be drawn while the roster is checked.
    static let folder: String = {
        let folder = try! makeTempFolder("progress") + "/data"
        var options = GeneratorOptions(seed: 3, members: 20_000, payments: 5_000, claims: 300, enrollments: 100, problemRate: 0.01)
        options.ledger = 0
        _ = try! FolderGenerator.write(to: folder, options: options)
        return folder
    }()

    /// The bound of 100,000 rows lowered for these tests (the hidden variable `UNIONBATCH_PROGRESS_FROM_ROWS`).
    static let lowered = ["UNIONBATCH_PROGRESS_FROM_ROWS": "1000"]

    static let erase = "\r\u{1B}[K"

    /// Runs the binary with standard error (and output) a terminal; everything the terminal got. The
    /// terminal turns each line feed into CR LF.
    func underTerminal(_ arguments: [String], environment: [String: String] = lowered) throws -> String {
        let command = ([CommandLineTests.binary] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", command, "/dev/null"]
        process.environment = Self.environment(environment)
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func environment(_ added: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["UNIONBATCH_LANG"] = nil
        env["COLUMNS"] = nil
        for (k, v) in added { env[k] = v }
        return env
    }

    /// Where each drawing of the line starts: a CR not starting a line feed, then text, then erase-to-end.
    static func drawings(_ text: String, pattern: String) throws -> [Range<String.Index>] {
        let regex = try NSRegularExpression(pattern: "\r" + pattern + "\u{1B}\\[K")
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text) }
    }

    /// The line is drawn, erased, and only then come the findings and the closing lines; nothing after is drawn.
    func assertErasedBeforePrinting(_ text: String, closing: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let drawn = try Self.drawings(text, pattern: "[^\r\n\u{1B}]+")
        let lastDrawing = try XCTUnwrap(drawn.last, "no progress line drawn: \(text.debugDescription.prefix(600))", file: file, line: line)
        let erase = try XCTUnwrap(text.range(of: Self.erase, options: .backwards), file: file, line: line)
        XCTAssertLessThanOrEqual(lastDrawing.upperBound, erase.lowerBound, file: file, line: line)
        // The first finding starts right where the line was erased, at the left margin; the closing lines after.
        let after = String(text[erase.upperBound...])
        XCTAssertNotNil(after.range(of: #"^[a-z]+\.csv:[^\r\n]* [A-Z]\d\d: "#, options: .regularExpression),
                        after.debugDescription.prefix(200).description, file: file, line: line)
        XCTAssertNotNil(after.range(of: "\r\n" + closing), file: file, line: line)
        // After the erasing, no escape sequence and no CR but those of line ends.
        XCTAssertFalse(after.contains("\u{1B}"), file: file, line: line)
        XCTAssertFalse(after.replacingOccurrences(of: "\r\n", with: "\n").contains("\r"), file: file, line: line)
    }

    func testCheckDrawsTheLineInChineseAndErasesItBeforeTheFindings() throws {
        let out = try makeTempFolder("progress-out")
        let text = try underTerminal(["check", Self.folder, "--out", out, "--year", "2025", "--as-of", "2025-12-31"])
        let roster = try Self.drawings(text, pattern: #"核对会员名册 members\.csv \d+/20000 行 \d{1,3}%"#)
        XCTAssertFalse(roster.isEmpty, text.debugDescription.prefix(600).description)
        try assertErasedBeforePrinting(text, closing: "读取 ")
    }

    func testRunDrawsTheLineInEnglishUnderLangEn() throws {
        let out = try makeTempFolder("progress-out")
        let text = try underTerminal(["run", Self.folder, "--out", out, "--year", "2025", "--as-of", "2025-12-31", "--lang", "en"])
        let roster = try Self.drawings(text, pattern: #"checking the roster members\.csv \d+ of 20000 rows \d{1,3}%"#)
        XCTAssertFalse(roster.isEmpty, text.debugDescription.prefix(600).description)
        XCTAssertTrue(try Self.drawings(text, pattern: "[^\r\n\u{1B}]*[\u{4E00}-\u{9FFF}][^\r\n\u{1B}]*").isEmpty, "Chinese in an English line")
        try assertErasedBeforePrinting(text, closing: "Read ")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/summary.xlsx"))
    }

    func testNoLineIntoAPipe() throws {
        let out = try makeTempFolder("progress-out")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        process.arguments = ["check", Self.folder, "--out", out, "--year", "2025", "--as-of", "2025-12-31"]
        process.environment = Self.environment(Self.lowered)
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1)
        XCTAssertTrue(text.contains("members.csv:"), text)
        XCTAssertFalse(text.contains("\r"))
        XCTAssertFalse(text.contains("\u{1B}"))
    }

    func testNoLineWhenQuietNorForARunOfFewRows() throws {
        let out = try makeTempFolder("progress-out")
        let quiet = try underTerminal(["check", Self.folder, "--out", out, "--year", "2025", "--as-of", "2025-12-31", "--quiet"])
        XCTAssertTrue(quiet.contains("读取 "), quiet)
        XCTAssertFalse(quiet.contains("\u{1B}"), quiet)
        XCTAssertFalse(quiet.replacingOccurrences(of: "\r\n", with: "\n").contains("\r"))
        // 25,400 rows are under the bound of 100,000: no line without the lowered bound.
        let small = try underTerminal(["check", Self.folder, "--out", out, "--year", "2025", "--as-of", "2025-12-31"], environment: [:])
        XCTAssertTrue(small.contains("members.csv:"), small)
        XCTAssertFalse(small.contains("\u{1B}"))
        XCTAssertFalse(small.replacingOccurrences(of: "\r\n", with: "\n").contains("\r"))
    }

    /// Ctrl-C typed at the terminal while the line is drawn: the line is erased and the run ends with 130.
    func testCtrlCErasesTheLine() throws {
        let out = try makeTempFolder("progress-out") + "/out"
        let command = [CommandLineTests.binary, "check", Self.folder, "--out", out, "--year", "2025"].map { "'" + $0 + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", command, "/dev/null"]
        process.environment = Self.environment(Self.lowered)
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        final class Received: @unchecked Sendable {
            // @unchecked: `bytes` is only touched under `lock`.
            let lock = NSLock()
            var bytes = Data()
        }
        let received = Received()
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            received.lock.withLock { received.bytes.append(chunk) }
        }
        try process.run()
        let drawn = Data("核对会员名册 members.csv ".utf8)
        let deadline = Date(timeIntervalSinceNow: 120)
        while Date() < deadline, received.lock.withLock({ received.bytes.range(of: drawn) == nil }) { usleep(20_000) }
        input.fileHandleForWriting.write(Data([0x03]))
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        let text = received.lock.withLock { String(decoding: received.bytes + rest, as: UTF8.self) }
        XCTAssertEqual(process.terminationStatus, 130, text.debugDescription.suffix(300).description)
        // The terminal echoes ^C; the last thing written is the erasing.
        XCTAssertTrue(text.contains("^C"), text.debugDescription.suffix(300).description)
        XCTAssertTrue(text.hasSuffix(Self.erase), text.debugDescription.suffix(300).description)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
