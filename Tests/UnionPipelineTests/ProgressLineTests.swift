// The progress line's text (stage, file, rows, percentage, fitted to the terminal's width), its rate limit, and the meter.
import Foundation
@testable import UnionCore
@testable import UnionPipeline
import UnionGenerator
import UnionImport
import UnionRules
import XCTest

final class ProgressLineTests: XCTestCase {
    typealias Pass = ProgressMeter.Snapshot.Pass

    func snapshot(_ stage: ProgressStage?, _ passes: [Pass]) -> ProgressMeter.Snapshot {
        ProgressMeter.Snapshot(stage: stage, totalRows: 2_000_000, tasks: passes)
    }

    func testStageFileRowsAndPercentage() {
        let s = snapshot(.checkMembers, [Pass(stage: .checkMembers, file: "members.csv", done: 412, expected: 1000)])
        XCTAssertEqual(ProgressLineText.render(s, language: .zh, columns: 80), "核对会员名册 members.csv 412/1000 行 41%")
        XCTAssertEqual(ProgressLineText.render(s, language: .en, columns: 80), "checking the roster members.csv 412 of 1000 rows 41%")
    }

    func testPercentageIsRoundedDownAndStopsAt100() {
        let almost = snapshot(.checkPayments, [Pass(stage: .checkPayments, file: "p.csv", done: 999_999, expected: 1_000_000)])
        XCTAssertEqual(ProgressLineText.render(almost, language: .zh, columns: 80), "核对帮扶慰问发放 p.csv 999999/1000000 行 99%")
        // The expected count is an estimate from the line breaks: a pass may read more.
        let past = snapshot(.checkPayments, [Pass(stage: .checkPayments, file: "p.csv", done: 1200, expected: 1000)])
        XCTAssertEqual(ProgressLineText.render(past, language: .en, columns: 80), "checking payments p.csv 1200 of 1000 rows 100%")
    }

    func testTheRunsOwnStageIsShownFirstAndTheOthersCounted() {
        let s = snapshot(.checkPayments, [Pass(stage: .writeWorkbooks, file: "members.csv", done: 8192, expected: 20000),
                                          Pass(stage: .checkPayments, file: "payments.csv", done: 4096, expected: 10000),
                                          Pass(stage: .checkClaims, file: "claims.csv", done: 0, expected: 500)])
        XCTAssertEqual(ProgressLineText.render(s, language: .zh, columns: 80), "核对帮扶慰问发放 payments.csv 4096/10000 行 40%（另有 2 项进行中）")
        XCTAssertEqual(ProgressLineText.render(s, language: .en, columns: 80), "checking payments payments.csv 4096 of 10000 rows 40% (+2 more)")
        // Without a pass of the run's stage, the first begun.
        let writers = snapshot(.writeWorkbooks, [Pass(stage: .checkClaims, file: "claims.csv", done: 0, expected: 500)])
        XCTAssertEqual(ProgressLineText.render(writers, language: .zh, columns: 80), "核对医疗互助报销 claims.csv 0/500 行 0%")
    }

    func testAStageWithoutAPassSaysItIsGoing() {
        XCTAssertEqual(ProgressLineText.render(snapshot(.summary, []), language: .zh, columns: 80), "汇总…")
        XCTAssertEqual(ProgressLineText.render(snapshot(.writeWorkbooks, []), language: .en, columns: 80), "writing the workbooks…")
        XCTAssertNil(ProgressLineText.render(snapshot(nil, []), language: .zh, columns: 80))
    }

    /// A long Chinese file name gives way first, its end kept; a Chinese character takes two columns and is
    /// never cut in half; the last column stays free.
    func testWidthTruncationCountsChineseAsTwoColumns() throws {
        let s = snapshot(.checkMembers, [Pass(stage: .checkMembers, file: "二〇二五年会员名册（全体）.csv", done: 412, expected: 1000)])
        let full = try XCTUnwrap(ProgressLineText.render(s, language: .zh, columns: 80))
        XCTAssertEqual(full, "核对会员名册 二〇二五年会员名册（全体）.csv 412/1000 行 41%")
        XCTAssertEqual(DisplayWidth.of(full), 13 + 30 + 16)
        // 40 columns: 39 to use, 13 for the stage and 16 for the rows leave 10 for the name: "…" and 9 of its end.
        let narrow = try XCTUnwrap(ProgressLineText.render(s, language: .zh, columns: 40))
        XCTAssertEqual(narrow, "核对会员名册 …体）.csv 412/1000 行 41%")
        XCTAssertEqual(DisplayWidth.of(narrow), 38)
        // Too narrow for the rows: the line is cut, at a whole character (9 columns: four of them).
        XCTAssertEqual(ProgressLineText.render(s, language: .zh, columns: 10), "核对会员")
        XCTAssertEqual(ProgressLineText.render(snapshot(.summary, []), language: .zh, columns: 3), "汇")
    }

    func testAtMostTenRedrawsASecondAndNoneUnchanged() {
        var throttle = ProgressThrottle()
        XCTAssertTrue(throttle.shouldDraw("a 10%", at: 5_000))
        XCTAssertFalse(throttle.shouldDraw("a 11%", at: 5_099))
        XCTAssertTrue(throttle.shouldDraw("a 11%", at: 5_100))
        XCTAssertFalse(throttle.shouldDraw("a 11%", at: 5_500))
        XCTAssertTrue(throttle.shouldDraw("a 12%", at: 5_501))
        // A clock read every millisecond for a second, the text changing each time: ten draws.
        var busy = ProgressThrottle()
        let draws = (0..<1000).filter { busy.shouldDraw("x \($0)", at: 9_000 + $0) }
        XCTAssertEqual(draws, [0, 100, 200, 300, 400, 500, 600, 700, 800, 900])
    }

    func testTwoHalvesOfAFileAreOnePass() {
        let meter = ProgressMeter()
        // The second half may begin first, expecting its half of the rows.
        let first = meter.begin(stage: .checkMembers, file: "members.csv", expected: 10_000)
        let second = meter.begin(stage: .checkMembers, file: "members.csv", expected: 20_000)
        XCTAssertTrue(first === second)
        // The workbook's own reading of the same file is another pass.
        let writer = meter.begin(stage: .writeWorkbooks, file: "members.csv", expected: 20_000)
        first.advance(by: 4096)
        second.advance(by: 4096)
        writer.advance(by: 4096)
        XCTAssertEqual(meter.snapshot().tasks, [Pass(stage: .checkMembers, file: "members.csv", done: 8192, expected: 20_000),
                                                Pass(stage: .writeWorkbooks, file: "members.csv", done: 4096, expected: 20_000)])
        first.end()
        XCTAssertEqual(meter.snapshot().tasks.count, 2)
        second.end()
        XCTAssertEqual(meter.snapshot().tasks, [Pass(stage: .writeWorkbooks, file: "members.csv", done: 4096, expected: 20_000)])
        writer.end()
        XCTAssertEqual(meter.snapshot().tasks, [])
    }

    func testPassesCountUnderTheirThreadsStageOnlyWhenAMeterIsInstalled() throws {
        XCTAssertNil(ProgressMeter.shared)
        ProgressMeter.stage(.checkPayments, totalRows: 5)
        XCTAssertNil(ProgressMeter.begin(file: "payments.csv", expected: 10))
        let meter = ProgressMeter()
        ProgressMeter.install(meter)
        defer {
            ProgressMeter.threadStage(nil)
            ProgressMeter.install(nil)
        }
        XCTAssertNil(ProgressMeter.begin(file: "payments.csv", expected: 10), "no stage on this thread yet")
        ProgressMeter.stage(.checkPayments, totalRows: 150_000)
        let task = try XCTUnwrap(ProgressMeter.begin(file: "payments.csv", expected: 10))
        XCTAssertEqual(task.stage, .checkPayments)
        XCTAssertEqual(meter.snapshot().stage, .checkPayments)
        XCTAssertEqual(meter.snapshot().totalRows, 150_000)
        // A helper thread's stage is its own; the run's stays.
        let other = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var helperStage: ProgressStage?
        Thread {
            ProgressMeter.threadStage(.checkClaims)
            helperStage = ProgressMeter.begin(file: "claims.csv", expected: 10)?.stage
            other.signal()
        }.start()
        other.wait()
        XCTAssertEqual(helperStage, .checkClaims)
        XCTAssertEqual(ProgressMeter.currentThreadStage, .checkPayments)
        XCTAssertEqual(meter.snapshot().stage, .checkPayments)
        task.end()
    }
}

/// A read pass tells its task every 4,096 records; a pass from the middle of a file expects its share of the rows.
final class ProgressCountingTests: XCTestCase {
    func testAPassCountsItsRecordsInSteps() throws {
        let folder = try makeTempFolder("progress-count")
        var options = GeneratorOptions(seed: 9, members: 10_000, payments: 10, claims: 0, enrollments: 0)
        options.ledger = 0
        _ = try FolderGenerator.write(to: folder, options: options)
        guard case .opened(let input, _) = InputOpener.open(InputSource(name: "members.csv", path: folder + "/members.csv"),
                                                             policy: RulePolicy(severities: [:])) else { return XCTFail("not opened") }
        XCTAssertEqual(input.expectedRecords, 10_000)
        let meter = ProgressMeter()
        ProgressMeter.install(meter)
        defer {
            ProgressMeter.threadStage(nil)
            ProgressMeter.install(nil)
        }
        ProgressMeter.stage(.checkMembers, totalRows: input.expectedRecords)
        var recorder = FindingRecorder(policy: RulePolicy(severities: [:]), file: "members.csv")
        var seen: [Int: [ProgressMeter.Snapshot.Pass]] = [:]
        input.forEachRawRecord(recorder: &recorder) { _, index, _ in
            if [0, 4095, 4096, 9999].contains(index) { seen[index] = meter.snapshot().tasks }
        }
        func pass(_ done: Int, of expected: Int = 10_000) -> [ProgressMeter.Snapshot.Pass] {
            [.init(stage: .checkMembers, file: "members.csv", done: done, expected: expected)]
        }
        XCTAssertEqual(seen, [0: pass(0), 4095: pass(0), 4096: pass(4096), 9999: pass(8192)])
        XCTAssertEqual(meter.snapshot().tasks, [], "the pass ended")
        // From the middle of the text: about half the rows (by bytes: the generated rows differ in length).
        let split = try XCTUnwrap(input.middleLineStart(minimumBytes: 0))
        var expected = 0
        input.forEachRawRecord(from: split, recorder: &recorder) { _, _, _ in
            if expected == 0 { expected = meter.snapshot().tasks.first?.expected ?? -1 }
        }
        XCTAssertTrue((4_800...5_200).contains(expected), "\(expected)")
    }
}
