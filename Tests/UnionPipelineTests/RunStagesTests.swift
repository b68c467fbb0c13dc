// The run's stages stop it with the message of the pipeline's table that names why, and leave nothing swapped in;
// the scheduling layer runs both halves of a roster.
import Foundation
import UnionCore
@testable import UnionPipeline
import UnionRules
import XCTest

final class RunStagesTests: XCTestCase {
    /// Configure: a folder that is not there.
    func testConfigureStopsOnAFolderThatCannotBeRead() throws {
        let missing = try makeTempFolder("stages") + "/not-there"
        for language in Language.allCases {
            let report = runFolder(missing) { $0.language = language }
            XCTAssertEqual(report.exitCode, 2)
            XCTAssertEqual(report.fatal, PipelineMessage.cannotReadFolder(missing).text(language))
        }
    }

    /// Configure: a unionbatch.toml that does not read, in the reader's own words.
    func testConfigureStopsOnAConfigurationThatDoesNotRead() throws {
        let folder = try makeTempFolder("stages")
        try "year = \"last\"\n".write(toFile: folder + "/unionbatch.toml", atomically: true, encoding: .utf8)
        try "姓名,身份证号\n张三,110105198506120018\n".write(toFile: folder + "/会员名册.csv", atomically: true, encoding: .utf8)
        var thrown: ConfigurationError?
        XCTAssertThrowsError(try ConfigurationLoader.load(folder: folder, explicit: nil)) { thrown = $0 as? ConfigurationError }
        let error = try XCTUnwrap(thrown)
        XCTAssertEqual(error.kind, .expectedYear)
        for language in Language.allCases {
            let report = runFolder(folder) { $0.language = language }
            XCTAssertEqual(report.exitCode, 2)
            XCTAssertEqual(report.fatal, PipelineMessage.invalidConfiguration(error.text(language)).text(language))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/unionbatch-out"))
    }

    /// Discover: a folder without inputs points to `init`.
    func testDiscoverStopsOnAFolderWithoutInputs() throws {
        let folder = try makeTempFolder("stages")
        let report = runFolder(folder)
        XCTAssertEqual(report.exitCode, 2)
        XCTAssertEqual(report.fatal, PipelineMessage.noInputs(folder: folder).text(.zh))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/unionbatch-out"))
    }

    /// Check: no input that can be checked. The report still carries the findings of the files refused.
    func testNoUsableInputKeepsTheRefusalsFindings() throws {
        let folder = try makeTempFolder("stages")
        try "品名,数量\n苹果,3\n".write(toFile: folder + "/清单.csv", atomically: true, encoding: .utf8)
        let report = runFolder(folder)
        XCTAssertEqual(report.exitCode, 2)
        XCTAssertEqual(report.fatal, PipelineMessage.noUsableInput.text(.zh))
        XCTAssertEqual(report.findings.map(\.rule), [.F04])
        XCTAssertEqual(report.findings.first?.file, "清单.csv")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/unionbatch-out"))
    }

    /// Write: an output folder that is someone else's is refused before anything is written, and kept as it was.
    func testAnOutputFolderThatIsNotOursIsLeftAlone() throws {
        let folder = try copySample("company")
        let out = try makeTempFolder("stages") + "/theirs"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "keep me\n".write(toFile: out + "/notes.txt", atomically: true, encoding: .utf8)
        let report = runFolder(folder, out: out)
        XCTAssertEqual(report.exitCode, 2)
        XCTAssertEqual(report.fatal, PipelineMessage.outputFolder(.notOurs(out)).text(.zh))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out), ["notes.txt"])
        XCTAssertEqual(try String(contentsOfFile: out + "/notes.txt", encoding: .utf8), "keep me\n")
    }

    /// A write that fails in the output folder reads as any failed write, the file and the reason after it.
    func testAFailedWriteInTheOutputFolderReadsAsAFailedWrite() {
        for language in Language.allCases {
            XCTAssertEqual(PipelineMessage.outputFolder(.cannotWrite("summary.json", "No space left on device")).text(language),
                           PipelineMessage.writeFailed("summary.json: No space left on device").text(language))
        }
    }

    /// The roster's halves: none with one thread; with two, both halves run before `both` returns.
    func testRosterHalvesRunBothHalvesBeforeReturning() {
        var options = RunOptions(folder: "/nowhere", today: Day(year: 2026, month: 3, day: 1)!)
        options.concurrentWriters = false
        XCTAssertNil(RosterScheduling.halves(options))
        options.concurrentWriters = true
        options.rosterHalvesFromBytes = 4096
        let halves = try? XCTUnwrap(RosterScheduling.halves(options))
        XCTAssertEqual(halves?.fromBytes, 4096)
        let asideRan = Flag()
        var hereRan = false
        halves?.both({
            Thread.sleep(forTimeInterval: 0.05)
            asideRan.set()
        }) { hereRan = true }
        XCTAssertTrue(hereRan)
        XCTAssertTrue(asideRan.isSet, "both returned before the second half was done")
    }

}

/// A flag set on one thread and read on another.
private final class Flag: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
