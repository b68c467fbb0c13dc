// Tests for InputOpener: header search, title rows (F07), empty files (F06), refusals (F01, F04), pinned datasets, encodings.

import Foundation
import XCTest
import UnionCore
import UnionImport

final class InputOpenerTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("unionbatch-opener-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    private func source(_ name: String, _ bytes: [UInt8], pinned: Dataset? = nil) throws -> InputSource {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return InputSource(name: name, path: url.path, pinned: pinned)
    }

    private func open(_ name: String, _ text: String, pinned: Dataset? = nil) throws -> InputOpening {
        InputOpener.open(try source(name, Array(text.utf8), pinned: pinned), policy: SpecPolicy.policy)
    }

    private func open(_ name: String, bytes: [UInt8], pinned: Dataset? = nil) throws -> InputOpening {
        InputOpener.open(try source(name, bytes, pinned: pinned), policy: SpecPolicy.policy)
    }

    /// The opened file, or a failure naming what came instead.
    private func opened(_ opening: InputOpening, file: StaticString = #filePath, line: UInt = #line) throws -> (OpenedInput, [Finding]) {
        guard case .opened(let input, let findings) = opening else {
            XCTFail("not opened: \(opening)", file: file, line: line)
            throw NotOpened()
        }
        return (input, findings)
    }

    private struct NotOpened: Error {}

    /// `refused` / `empty` / `opened <dataset>`, then each finding as `rule severity row [arguments]`.
    private func outcome(_ opening: InputOpening) -> [String] {
        let head: String
        let findings: [Finding]
        switch opening {
        case .opened(let input, let f): head = "opened \(input.dataset.rawValue)"; findings = f
        case .empty(_, _, let f): head = "empty"; findings = f
        case .refused(let f, _, _): head = "refused"; findings = f
        }
        return [head] + findings.map { "\($0.rule) \($0.severity) \($0.row.map(String.init) ?? "-") \($0.arguments)" }
    }

    private func names(_ input: OpenedInput) -> [String] {
        var recorder = FindingRecorder(policy: SpecPolicy.policy, file: input.source.name)
        var out: [String] = []
        input.forEachRow(recorder: &recorder) { row, _ in out.append("\(row.row):\(row.recordIndex):\(row.text(.memberName) ?? "-")") }
        return out
    }

    private let member1 = "张三,110101199003071233\n"
    private let member2 = "王芳,11010519491231002X\n"

    // MARK: Header and title rows (F07)

    func testHeaderOnFirstRow() throws {
        XCTAssertEqual(outcome(try open("members.csv", "姓名,身份证号\n" + member1)), ["opened members"])
    }

    func testTitleRowsGiveOneF07AtTheFirstTitleRow() throws {
        let text = "2025年工会会员名册\n\n制表单位：某某公司工会\n姓名,身份证号\n" + member1
        let (_, findings) = try opened(try open("会员名册.csv", text))
        XCTAssertEqual(findings, [Finding(rule: .F07, severity: .warning, file: "会员名册.csv", row: 1, arguments: ["2", "4"])])
    }

    func testHeaderRowAfterTitles() throws {
        let text = "2025年工会会员名册\n\n制表单位：某某公司工会\n姓名,身份证号\n" + member1
        XCTAssertEqual(try opened(try open("会员名册.csv", text)).0.headerRow, 4)
    }

    func testRowsAfterTitledHeader() throws {
        let text = "2025年工会会员名册\n\n姓名,身份证号\n" + member1 + "\n" + member2
        XCTAssertEqual(names(try opened(try open("会员名册.csv", text)).0), ["4:0:张三", "6:1:王芳"])
    }

    func testF07RowIsTheFirstNonBlankRow() throws {
        XCTAssertEqual(outcome(try open("m.csv", "\n\n会员名册\n姓名,身份证号\n" + member1)),
                       ["opened members", "F07 warning 3 [\"1\", \"4\"]"])
    }

    /// The header may be the 10th non-blank row; blank rows do not count.
    func testHeaderInTenthNonBlankRow() throws {
        let titles = (1...9).map { "说明\($0)\n" }.joined()
        XCTAssertEqual(outcome(try open("m.csv", titles + "\n\n姓名,身份证号\n" + member1)),
                       ["opened members", "F07 warning 1 [\"9\", \"12\"]"])
    }

    func testHeaderInEleventhNonBlankRowRefused() throws {
        let titles = (1...10).map { "说明\($0)\n" }.joined()
        XCTAssertEqual(outcome(try open("data.csv", titles + "姓名,身份证号\n" + member1)),
                       ["refused", "F04 error - [\"nodataset\", \"members\", \"姓名、身份证号\"]"])
    }

    func testHeaderInEleventhNonBlankRowOfNamedFileRefused() throws {
        let titles = (1...10).map { "说明\($0)\n" }.joined()
        XCTAssertEqual(outcome(try open("会员名册.csv", titles + "姓名,身份证号\n" + member1)),
                       ["refused", "F04 error - [\"missing\", \"members\", \"姓名、身份证号\"]"])
    }

    // MARK: F06 empty and header-only

    func testEmptyFile() throws {
        XCTAssertEqual(outcome(try open("members.csv", bytes: [])), ["empty", "F06 warning - [\"empty\"]"])
    }

    func testBOMOnlyFile() throws {
        XCTAssertEqual(outcome(try open("members.csv", bytes: [0xEF, 0xBB, 0xBF])), ["empty", "F06 warning - [\"empty\"]"])
    }

    func testBOMOnlyFileEncoding() throws {
        guard case .empty(let encoding, _, _) = try open("members.csv", bytes: [0xEF, 0xBB, 0xBF]) else { return XCTFail("not empty") }
        XCTAssertEqual(encoding, .utf8BOM)
    }

    func testBlankLinesOnly() throws {
        XCTAssertEqual(outcome(try open("members.csv", "\r\n,,\r\n  \r\n")), ["empty", "F06 warning - [\"empty\"]"])
    }

    func testEmptyFileDigest() throws {
        guard case .empty(_, let sha, _) = try open("members.csv", bytes: []) else { return XCTFail("not empty") }
        XCTAssertEqual(sha, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testHeaderOnly() throws {
        XCTAssertEqual(outcome(try open("members.csv", "姓名,身份证号\r\n")), ["opened members", "F06 warning - [\"header-only\"]"])
    }

    func testHeaderFollowedByBlankLinesIsHeaderOnly() throws {
        XCTAssertEqual(outcome(try open("members.csv", "姓名,身份证号\n,\n\n")), ["opened members", "F06 warning - [\"header-only\"]"])
    }

    func testHeaderOnlyAfterTitle() throws {
        XCTAssertEqual(outcome(try open("members.csv", "会员名册\n姓名,身份证号\n")),
                       ["opened members", "F07 warning 1 [\"1\", \"2\"]", "F06 warning - [\"header-only\"]"])
    }

    // MARK: F04 refusals

    func testNamedFileMissingIDColumn() throws {
        XCTAssertEqual(outcome(try open("会员名册.csv", "姓名,性别\n张三,男\n")),
                       ["refused", "F04 error - [\"missing\", \"members\", \"身份证号\"]"])
    }

    /// SPEC §2.2: "A file ... whose name holds one dataset's keyword, that lacks a required column is refused
    /// with F04 naming the missing columns."
    /// Regression: a payments-named file lacking 发放日期 has a name and an ID, so it was once opened as members.
    func testPaymentsNamedFileMissingDateRefused() throws {
        XCTAssertEqual(outcome(try open("帮扶慰问.csv", "姓名,身份证号,类别,金额\n张三,110101199003071233,生日慰问,300\n")),
                       ["refused", "F04 error - [\"missing\", \"payments\", \"发放日期\"]"])
    }

    func testNoDatasetNamesClosest() throws {
        XCTAssertEqual(outcome(try open("export.csv", "姓名,类别,金额\n张三,生日慰问,300\n")),
                       ["refused", "F04 error - [\"nodataset\", \"payments\", \"身份证号、发放日期\"]"])
    }

    func testAmbiguousRefused() throws {
        let header = "姓名,身份证号,类别,金额,发放日期,险种,报销金额,报销日期\n"
        XCTAssertEqual(outcome(try open("export.csv", header + "张三,110101199003071233,生日慰问,300,2025-03-05,住院,100,2025-03-05\n")),
                       ["refused", "F04 error - [\"ambiguous\", \"payments,claims\"]"])
    }

    func testTieDecidedByName() throws {
        let header = "姓名,身份证号,类别,金额,发放日期,险种,报销金额,报销日期\n"
        XCTAssertEqual(outcome(try open("报销.csv", header + "张三,110101199003071233,生日慰问,300,2025-03-05,住院,100,2025-03-05\n")),
                       ["opened claims"])
    }

    // MARK: Pinned datasets

    func testPinnedMissingColumnsRefused() throws {
        XCTAssertEqual(outcome(try open("a.csv", "姓名,身份证号\n" + member1, pinned: .payments)),
                       ["refused", "F04 error - [\"missing\", \"payments\", \"类别、金额、发放日期\"]"])
    }

    func testPinnedWinsOverMostRequired() throws {
        XCTAssertEqual(outcome(try open("a.csv", "姓名,身份证号,类别,金额,发放日期\n张三,110101199003071233,生日慰问,300,2025-03-05\n",
                                        pinned: .members)), ["opened members"])
    }

    func testPinnedDecidesTie() throws {
        let header = "姓名,身份证号,类别,金额,发放日期,险种,报销金额,报销日期\n"
        XCTAssertEqual(outcome(try open("export.csv", header, pinned: .claims)),
                       ["opened claims", "F06 warning - [\"header-only\"]"])
    }

    func testPinnedOverridesFileName() throws {
        XCTAssertEqual(outcome(try open("报销.csv", "姓名,身份证号\n" + member1, pinned: .members)), ["opened members"])
    }

    // MARK: F05 duplicate header cells

    func testDuplicateHeaderF05() throws {
        let (_, findings) = try opened(try open("m.csv", "姓名,身份证号,身份证号码\n张三,110101199003071233,110101199003071233\n"))
        XCTAssertEqual(findings, [Finding(rule: .F05, severity: .warning, file: "m.csv", row: 1, column: 2, field: .memberID,
                                          value: "身份证号码", arguments: ["id_number"])])
    }

    // MARK: Encodings and F01

    func testGB18030FileDecodes() throws {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let path = folder.appendingPathComponent("opener-members-gb18030.csv").path
        let (input, findings) = try opened(InputOpener.open(InputSource(name: "opener-members-gb18030.csv", path: path),
                                                            policy: SpecPolicy.policy))
        XCTAssertEqual("\(input.encoding) \(input.dataset) \(findings.count) \(names(input))",
                       "gb18030 members 0 [\"2:0:张三\", \"3:1:王芳\"]")
    }

    func testGB18030Digest() throws {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let path = folder.appendingPathComponent("opener-members-gb18030.csv").path
        let (input, _) = try opened(InputOpener.open(InputSource(name: "g.csv", path: path), policy: SpecPolicy.policy))
        XCTAssertEqual("\(input.byteCount) \(input.sha256)", "76 1e7ea4b57f2186aeb9de7b02a2b90ae616161901395a35244eff3dde1be19df5")
    }

    func testUTF16File() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in ("姓名\t身份证号\r\n张三\t110101199003071233\r\n").utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let (input, _) = try opened(try open("members.txt", bytes: bytes))
        XCTAssertEqual("\(input.encoding) \(input.dialect.delimiter) \(names(input))", "utf16LE 9 [\"2:0:张三\"]")
    }

    func testBinaryFileRefused() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]
        XCTAssertEqual(outcome(try open("members.csv", bytes: png)), ["refused", "F01 error - [\"binary\", \"0\"]"])
    }

    func testNULByteRefused() throws {
        XCTAssertEqual(outcome(try open("members.csv", bytes: Array("姓名,身份证号\n".utf8) + [0, 0x41])),
                       ["refused", "F01 error - [\"binary\", \"20\"]"])
    }

    /// A few NUL bytes in a file are not a binary file (SPEC §2.4): it opens, and only their row is F01.
    func testAFewNULBytesMakeOnlyTheirRowF01() throws {
        var bytes = Array("姓名,身份证号\n".utf8)
        for _ in 0..<20 { bytes += Array(member1.utf8) }
        bytes += Array("王".utf8) + [0] + Array("芳,11010519491231002X\n".utf8) + Array(member1.utf8)
        let (input, findings) = try opened(try open("members.csv", bytes: bytes))
        XCTAssertEqual(findings, [])
        var recorder = FindingRecorder(policy: SpecPolicy.policy, file: "members.csv")
        var read: [String] = []
        input.forEachRow(recorder: &recorder) { row, _ in if !row.isReadable { read.append("\(row.row):\(row.recordIndex)") } }
        XCTAssertEqual(read, ["22:20"])
        XCTAssertEqual(recorder.findings.map { "\($0.rule) \($0.row ?? 0) \($0.recordIndex ?? -1) \($0.arguments.last ?? "")" }, ["F01 22 20 nul"])
    }

    /// NUL in more than 1% of the first 64 KiB is a binary file; past them, NUL bytes do not count.
    func testNULDensityIsMeasuredOverTheFirst64KiB() throws {
        let line = Array(member1.utf8)
        var clean = Array("姓名,身份证号\n".utf8)
        while clean.count < 64 * 1024 { clean += line }
        let late = clean + Array(repeating: 0, count: 5_000) + Array("\n".utf8)
        XCTAssertEqual(outcome(try open("members.csv", bytes: late)).first, "opened members")
        var early = Array("姓名,身份证号\n".utf8) + Array(repeating: 0x41, count: 600) + Array(repeating: 0, count: 700)
        early += clean.dropFirst(20)
        XCTAssertEqual(outcome(try open("members.csv", bytes: early)), ["refused", "F01 error - [\"binary\", \"620\"]"])
    }

    /// A UTF-16 file is text: its byte-order mark is looked at before the NUL bytes every ASCII character has.
    func testUTF16IsTextDespiteItsNULBytes() throws {
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in ("name,id_number\n张三,110101199003071233\n").utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        XCTAssertEqual(outcome(try open("members.csv", bytes: bytes)), ["opened members"])
    }

    // MARK: Two-row headers

    /// A group row over a whole header adds nothing: it is skipped as a title row (F07).
    func testAGroupRowOverTheWholeHeaderIsATitleRow() throws {
        let text = "基本信息,,缴费情况,\n姓名,身份证号,月工资,已缴会费\n张三,110101199003071233,5000,300\n"
        let (input, findings) = try opened(try open("m.csv", text))
        XCTAssertEqual(findings.map { "\($0.rule) \($0.row ?? 0) \($0.arguments)" }, ["F07 1 [\"1\", \"2\"]"])
        XCTAssertEqual(input.headerRow, 2)
        XCTAssertEqual(input.mapping.columnOfField[.duesPaid], 3)
    }

    /// Fields over both rows (`缴费情况` over three fields) are combined column by column, before the
    /// dataset is chosen; the data starts below the lower row.
    func testFieldsSpreadOverTwoRowsAreCombined() throws {
        let text = "2025年会员名册\n姓名,身份证号,缴费情况,,\n,,月工资,已缴会费,缴费月数\n张三,110101199003071233,5000,300,12\n"
        let (input, findings) = try opened(try open("m.csv", text))
        XCTAssertEqual(findings.map { "\($0.rule) \($0.row ?? 0) \($0.arguments)" }, ["F07 1 [\"1\", \"3\", \"two-row\", \"2\"]"])
        XCTAssertEqual(input.mapping.titles, ["姓名", "身份证号", "月工资", "已缴会费", "缴费月数"])
        XCTAssertEqual(input.mapping.columnOfField[.duesMonths], 4)
        XCTAssertEqual(input.headerRow, 3)
        XCTAssertEqual(names(input), ["4:0:张三"])
    }

    /// A row under the header that holds anything but field names is data, not a second header row.
    func testARowWithDataIsNoSecondHeaderRow() throws {
        let text = "姓名,身份证号,月工资\n,,月工资\n张三,110101199003071233,5000\n"
        let (input, findings) = try opened(try open("m.csv", text))
        XCTAssertEqual(findings, [])
        XCTAssertEqual(input.headerRow, 1)
        let text2 = "姓名,身份证号,缴费情况\n,,5000\n"
        XCTAssertEqual(try opened(try open("m.csv", text2)).0.headerRow, 1)
    }

    func testUndecodableRefused() throws {
        XCTAssertEqual(outcome(try open("members.csv", bytes: Array("name\n".utf8) + [0xFF, 0xFF, 0xFF])),
                       ["refused", "F01 error - [\"undecodable\", \"5\"]"])
    }

    func testMissingFileRefused() {
        let opening = InputOpener.open(InputSource(name: "gone.csv", path: folder.appendingPathComponent("gone.csv").path),
                                       policy: SpecPolicy.policy)
        XCTAssertEqual(outcome(opening).first, "refused")
    }

    // MARK: What an opened file reports

    func testDigestAndSize() throws {
        let (input, _) = try opened(try open("members.csv", "姓名,身份证号\n" + member1))
        XCTAssertEqual("\(input.byteCount) \(input.sha256)",
                       "\(Array(("姓名,身份证号\n" + member1).utf8).count) \(SHA256.hex(of: Array(("姓名,身份证号\n" + member1).utf8)))")
    }

    func testTabDelimited() throws {
        let (input, _) = try opened(try open("members.tsv", "姓名\t身份证号\n张三\t110101199003071233\n"))
        XCTAssertEqual(input.dialect.delimiter, 0x09)
    }

    func testRowFindingsGoToTheRecorder() throws {
        let (input, _) = try opened(try open("members.csv", "姓名,身份证号\n张三\n" + member2))
        var recorder = FindingRecorder(policy: SpecPolicy.policy, file: "members.csv")
        var readable: [Bool] = []
        input.forEachRow(recorder: &recorder) { row, _ in readable.append(row.isReadable) }
        XCTAssertEqual("\(readable) \(recorder.findings.map { "\($0.rule)@\($0.row!)" })", "[false, true] [\"F02@2\"]")
    }

    func testRowsCanBeReadTwice() throws {
        let (input, _) = try opened(try open("members.csv", "姓名,身份证号\n" + member1 + member2))
        XCTAssertEqual(names(input) + names(input), ["2:0:张三", "3:1:王芳", "2:0:张三", "3:1:王芳"])
    }
}
