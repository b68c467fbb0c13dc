// Tests for RowReader.readClean: where it reads a record, `read` gives the same record no finding and the
// same values; where `read` gives no finding, readClean reads the record too, unless a cell has white space
// at an end or the record has more cells than the header (then it may leave the record to `read`).

import XCTest
import UnionCore
@testable import UnionImport

final class CleanRowTests: XCTestCase {
    /// The roster header: 0 姓名, 1 性别, 2 身份证号, 3 出生日期, 4 工号, 5 分会, 6 入会日期, 7 退会日期, 8 会员状态,
    /// 9 在岗状态, 10 手机号, 11 月工资, 12 已缴会费, 13 缴费月数, 14 困难职工.
    private static let header = "姓名,性别,身份证号,出生日期,工号,分会,入会日期,退会日期,会员状态,在岗状态,手机号,月工资,已缴会费,缴费月数,困难职工"
    /// Every rule switched on: a record `read` finds nothing in is one no rule of reading objects to.
    private static let policy = RulePolicy(severities: Dictionary(uniqueKeysWithValues: RuleCode.allCases.map { ($0, Severity.error) }))
    private static let recordCount = 6_000

    private static func reader(header: String = CleanRowTests.header) -> (RowReader, HeaderMapping) {
        var csv = CSVReader(utf8: Array((header + "\n").utf8), dialect: Dialect(delimiter: 0x2C, lineEnding: .lf))
        let mapping = HeaderMatcher.map(csv.next()!.fields, for: .members, extraAliases: [:])
        return (RowReader(mapping: mapping), mapping)
    }

    /// The records of `lines` (no header), read into raw records one at a time.
    private static func forEachRecord(_ lines: [String], _ body: (RawRecord) -> Void) {
        let text = header + "\n" + lines.joined(separator: "\n") + "\n"
        var csv = CSVReader(utf8: Array(text.utf8), dialect: Dialect(delimiter: 0x2C, lineEnding: .lf))
        var raw = RawRecord()
        guard csv.next(into: &raw) else { return }  // the header
        while csv.next(into: &raw) { body(raw) }
    }

    // MARK: Focused cases

    func testPlainRecordIsReadCleanWithItsValues() throws {
        let (reader, mapping) = Self.reader()
        var values: [CleanValue] = []
        var rows: [CleanRow] = []
        var typedRows: [TypedRow] = []
        Self.forEachRecord(["邱云,女,310115198512168667,1985/12/16,100001,生产二分会,2021/3/23,,在册,在岗,18614978175,5551,333,12,否"]) { raw in
            if let row = reader.readClean(raw, recordIndex: 0, values: &values) { rows.append(row) }
            var recorder = FindingRecorder(policy: Self.policy, file: "members.csv")
            typedRows.append(reader.read(raw.record(), recordIndex: 0, recorder: &recorder))
            XCTAssertEqual(recorder.findings, [])
        }
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row.recordIndex, 0)
        XCTAssertEqual(row.row, 2)
        XCTAssertTrue(row.isReadable)
        XCTAssertEqual(row.id(.memberID)?.text, "310115198512168667")
        XCTAssertEqual(row.text(.memberID), "310115198512168667")
        XCTAssertEqual(row.text(.memberName), "邱云")
        XCTAssertEqual(row.known(.gender), "女")
        XCTAssertEqual(row.date(.birthDate), Day(year: 1985, month: 12, day: 16))
        XCTAssertEqual(row.text(.employeeNo), "100001")
        XCTAssertEqual(row.text(.memberBranch), "生产二分会")
        XCTAssertEqual(row.date(.joinDate), Day(year: 2021, month: 3, day: 23))
        XCTAssertNil(row.date(.leaveDate))
        XCTAssertTrue(row.isEmptyCell(try XCTUnwrap(mapping.columnOfField[.leaveDate])))
        XCTAssertEqual(row.known(.status), "在册")
        XCTAssertEqual(row.known(.employment), "在岗")
        XCTAssertEqual(row.text(.phone), "18614978175")
        XCTAssertEqual(row.money(.monthlyWage), Money(fen: 555_100))
        XCTAssertEqual(row.money(.duesPaid), Money(fen: 33_300))
        XCTAssertEqual(row.count(.duesMonths), 12)
        XCTAssertEqual(row.known(.hardship), "否")
        XCTAssertNil(row.money(.memberName))
        XCTAssertNil(row.id(.payeeID))  // a field of another dataset
        let idColumn = try XCTUnwrap(mapping.columnOfField[.memberID])
        XCTAssertEqual(row.cell(idColumn), "310115198512168667")
        XCTAssertNil(row.idCell(idColumn, ifNot: try XCTUnwrap(row.id(.memberID))))
        let typed = try XCTUnwrap(typedRows.first)
        XCTAssertNil(typed.idCell(idColumn, ifNot: try XCTUnwrap(typed.id(.memberID))))
    }

    func testLowerCaseXIsReadCleanAndKeptAsWritten() throws {
        let (reader, mapping) = Self.reader()
        let idColumn = try XCTUnwrap(mapping.columnOfField[.memberID])
        var values: [CleanValue] = []
        var cells: [String?] = []
        var typedCells: [String?] = []
        var ids: [String?] = []
        let lines = ["张三,男,11010119900307002x,1990-03-07,1,一分会,2010年3月,,在册,在岗,13812345678,1234.5,100,12,否",
                     "张三,男,11010119900307002X,1990-03-07,1,一分会,2010年3月,,在册,在岗,13812345678,1234.5,100,12,否"]
        var index = 0
        var differences: [String] = []
        var firstClean: CleanRow?
        Self.forEachRecord(lines) { raw in
            defer { index += 1 }
            var recorder = FindingRecorder(policy: Self.policy, file: "members.csv")
            let typed = reader.read(raw.record(), recordIndex: index, recorder: &recorder)
            XCTAssertEqual(recorder.findings, [], "record \(index)")
            typedCells.append(typed.id(.memberID).flatMap { typed.idCell(idColumn, ifNot: $0) })
            guard let row = reader.readClean(raw, recordIndex: index, values: &values) else {
                XCTFail("record \(index) not read clean")
                return
            }
            ids.append(row.id(.memberID)?.text)
            cells.append(row.id(.memberID).flatMap { row.idCell(idColumn, ifNot: $0) })
            // The comparison of the generated-roster test sees a difference where there is one.
            if let first = firstClean {
                differences = Self.differences(first, typed, idColumn: idColumn, width: mapping.fieldOfColumn.count)
            } else {
                firstClean = row
            }
        }
        XCTAssertEqual(ids, ["11010119900307002X", "11010119900307002X"])
        XCTAssertEqual(cells, ["11010119900307002x", nil])
        XCTAssertEqual(typedCells, ["11010119900307002x", nil])
        XCTAssertEqual(differences, ["recordIndex: readClean 0, read 1", "row: readClean 2, read 3",
                                     "cell(2): readClean 11010119900307002x, read 11010119900307002X",
                                     "idCell(2): readClean 11010119900307002x, read nil",
                                     "idCell(2) of readClean's id: readClean 11010119900307002x, read nil"])
    }

    // MARK: The contract over many generated records

    func testReadCleanAgreesWithReadOnGeneratedRoster() throws {
        var generator = RosterGenerator(seed: 0x5EED_C1EA)
        let lines = (0..<Self.recordCount).map { _ in generator.line() }
        let (reader, mapping) = Self.reader()
        let width = mapping.fieldOfColumn.count
        XCTAssertEqual(width, 15)
        XCTAssertEqual(mapping.missingRequired, [])
        let idColumn = try XCTUnwrap(mapping.columnOfField[.memberID])

        var values: [CleanValue] = []
        var failures: [String] = []
        var records = 0, findingFree = 0, readClean = 0, declinedAllowed = 0, cleanWithFinding = 0
        var index = 0
        Self.forEachRecord(lines) { raw in
            defer { index += 1 }
            records += 1
            let clean = reader.readClean(raw, recordIndex: index, values: &values)
            let record = raw.record()
            var recorder = FindingRecorder(policy: Self.policy, file: "members.csv")
            let typed = reader.read(record, recordIndex: index, recorder: &recorder)
            let written = record.fields.map(\.debugDescription).joined(separator: ",")
            let context = "row \(record.row) [\(written)]"
            if recorder.findings.isEmpty { findingFree += 1 }

            guard let clean else {
                guard recorder.findings.isEmpty else { return }
                let mayDecline = record.fields.count > width || record.fields.contains(where: \.hasWhiteSpaceAtAnEnd)
                if mayDecline {
                    declinedAllowed += 1
                } else {
                    failures.append("\(context): read gives no finding but readClean gives nil")
                }
                return
            }
            readClean += 1
            if !recorder.findings.isEmpty {
                cleanWithFinding += 1
                let found = recorder.findings.map { "\($0.rule)\($0.field.map { " " + $0.key } ?? "") \($0.value ?? "")" }
                failures.append("\(context): readClean gives a row but read finds \(found)")
            }
            failures += Self.differences(clean, typed, idColumn: idColumn, width: width).map { "\(context): \($0)" }
        }

        let summary = "\(records) records, \(findingFree) without a finding, \(readClean) read clean, "
            + "\(declinedAllowed) declined for white space at an end or extra cells, \(cleanWithFinding) read clean with a finding"
        print("CleanRowTests: \(summary)")
        print("CleanRowTests: tricky forms used (fewest first): "
              + generator.used.sorted { $0.value < $1.value }.prefix(8).map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        XCTAssertEqual(records, Self.recordCount)
        XCTAssertTrue(failures.isEmpty, "\(failures.count) contract failures (\(summary)):\n" + failures.prefix(40).joined(separator: "\n"))
        // A readClean that always said nil would pass the rest.
        XCTAssertGreaterThanOrEqual(readClean * 10, findingFree * 9, summary)
        XCTAssertGreaterThan(findingFree, Self.recordCount / 3, summary)
        // Every tricky form was written many times.
        XCTAssertEqual(Set(generator.used.keys), generator.offered, "forms never written: \(generator.offered.subtracting(generator.used.keys).sorted())")
        for (form, times) in generator.used where times < 8 { XCTFail("tricky form \(form) written only \(times) times") }
    }

    /// Where a clean row and the typed row of the same record differ, each described with both values.
    private static func differences(_ clean: some RowValues, _ typed: some RowValues, idColumn: Int, width: Int) -> [String] {
        var out: [String] = []
        func check<T: Equatable>(_ what: String, _ a: T?, _ b: T?) {
            if a != b { out.append("\(what): readClean \(a.map { "\($0)" } ?? "nil"), read \(b.map { "\($0)" } ?? "nil")") }
        }
        check("recordIndex", clean.recordIndex, typed.recordIndex)
        check("row", clean.row, typed.row)
        check("isReadable", clean.isReadable, typed.isReadable)
        for f in Dataset.members.fields {
            check("id(\(f.key))", clean.id(f), typed.id(f))
            check("date(\(f.key))", clean.date(f), typed.date(f))
            check("money(\(f.key))", clean.money(f).map(\.fen), typed.money(f).map(\.fen))
            check("count(\(f.key))", clean.count(f), typed.count(f))
            check("known(\(f.key))", clean.known(f), typed.known(f))
            check("text(\(f.key))", clean.text(f), typed.text(f))
        }
        for c in 0..<width {
            check("cell(\(c))", clean.cell(c), typed.cell(c))
            check("isEmptyCell(\(c))", clean.isEmptyCell(c), typed.isEmptyCell(c))
        }
        if let id = typed.id(.memberID) {
            check("idCell(\(idColumn))", clean.idCell(idColumn, ifNot: id), typed.idCell(idColumn, ifNot: id))
        }
        if let id = clean.id(.memberID) {
            check("idCell(\(idColumn)) of readClean's id", clean.idCell(idColumn, ifNot: id), typed.idCell(idColumn, ifNot: id))
        }
        return out
    }
}

/// Roster lines from a seeded linear congruential generator: mostly plain cells, now and then one of the
/// forms clerks write (each counted in `used`), now and then white space at a cell's end or a ragged record.
private struct RosterGenerator {
    private var state: UInt64
    /// How many times each tricky form was written.
    private(set) var used: [String: Int] = [:]
    /// Every tricky form the generator was offered to pick from.
    private(set) var offered: Set<String> = []

    init(seed: UInt64) { state = seed }

    private mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    private mutating func chance(_ oneIn: Int) -> Bool { next(oneIn) == 0 }

    private mutating func pick<T>(_ choices: [T]) -> T { choices[next(choices.count)] }

    /// One tricky form of a column, picked at random and counted.
    private mutating func tricky(_ column: String, _ forms: [(String, String)]) -> String {
        for (name, _) in forms { offered.insert("\(column).\(name)") }
        let (name, value) = pick(forms)
        used["\(column).\(name)", default: 0] += 1
        return value
    }

    // MARK: Values

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    /// The GB 11643 check character of 17 digits.
    static func checkCharacter(_ digits17: String) -> Character {
        let sum = zip(digits17.utf8, weights).reduce(0) { $0 + Int($1.0 - 0x30) * $1.1 }
        return Array("10X98765432")[sum % 11]
    }

    static func fullWidth(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { s in
            (0x30...0x39).contains(s.value) ? Unicode.Scalar(s.value - 0x30 + 0xFF10)! : s
        }))
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    private mutating func day(from: Int, to: Int) -> Day {
        Day(year: from + next(to - from + 1), month: 1 + next(12), day: 1 + next(28))!
    }

    private mutating func region() -> String { pick(["110101", "310115", "440305", "510104", "320102", "420106"]) }

    private static func compact(_ d: Day) -> String { "\(d.year)\(pad(d.month, 2))\(pad(d.day, 2))" }

    /// A valid 18-character number born on `birth`, its check character `X` when `wantX` (if one can be found).
    private mutating func validID(birth: Day, wantX: Bool = false) -> String {
        let head = region() + Self.compact(birth)
        var sequence = next(1000)
        for _ in 0..<1000 {
            let body = head + Self.pad(sequence, 3)
            let check = Self.checkCharacter(body)
            if !wantX || check == "X" { return body + String(check) }
            sequence = (sequence + 1) % 1000
        }
        return head + Self.pad(sequence, 3) + String(Self.checkCharacter(head + Self.pad(sequence, 3)))
    }

    private mutating func idCell(birth: Day) -> String {
        guard chance(14) else { return validID(birth: birth) }
        let id = validID(birth: birth)
        let withX = validID(birth: birth, wantX: true)
        let idx = Array(id)
        let wrongCheck: String = {
            let right = idx[17]
            let other: Character = right == "0" ? "1" : "0"
            return String(idx[0..<17]) + String(other)
        }()
        let excelDamaged: String = {
            // Fifteen significant digits, then 000, whose check character is not 0.
            var body = region() + Self.compact(birth)
            for digit in 0..<10 where Self.checkCharacter(body + "\(digit)00") != "0" {
                body += "\(digit)"
                break
            }
            return body + "000"
        }()
        let impossible = region() + "19900230123"
        let legacy = region() + String(Self.compact(birth).dropFirst(2)) + Self.pad(next(1000), 3)
        return tricky("id", [
            ("endingX", withX),
            ("endingLowerX", String(withX.dropLast()) + "x"),
            ("fullWidth", Self.fullWidth(id)),
            ("fullWidthX", Self.fullWidth(String(withX.dropLast())) + "Ｘ"),
            ("innerSpaces", String(idx[0..<6]) + " " + String(idx[6..<14]) + " " + String(idx[14...])),
            ("innerFullWidthSpace", String(idx[0..<6]) + "\u{3000}" + String(idx[6...])),
            ("apostrophe", "'" + id),
            ("legacy15", legacy),
            ("badChecksum", wrongCheck),
            ("excel000", excelDamaged),
            ("scientific", pick(["1.10105E+17", "3.10115E+17", "4.40305e17"])),
            ("empty", ""),
            ("letters", pick(["ABCDEFGHIJKLMNOPQR", "身份证号", "1101011990030712X3"])),
            ("impossibleBirth", impossible + String(Self.checkCharacter(impossible))),
        ])
    }

    /// A date cell for `d`; month-only forms only where `monthAllowed` (else they stand for garbage too).
    private mutating func dateCell(_ d: Day, column: String, plain: [String], trickyOneIn: Int = 14) -> String {
        guard chance(trickyOneIn) else { return pick(plain) }
        let y = d.year, m = d.month, dd = d.day
        let iso = "\(y)-\(Self.pad(m, 2))-\(Self.pad(dd, 2))"
        return tricky(column, [
            ("iso", iso),
            ("slashes", "\(y)/\(m)/\(dd)"),
            ("dots", "\(y).\(m).\(dd)"),
            ("compact", Self.compact(d)),
            ("chinese", "\(y)年\(m)月\(dd)日"),
            ("excelSerial", String(d.excelSerial)),
            ("withTime", "\(y)/\(m)/\(dd) 0:00"),
            ("isoTime", iso + "T08:30"),
            ("fullWidth", Self.fullWidth(iso)),
            ("fullWidthSlashes", Self.fullWidth("\(y)／\(m)／\(dd)")),
            ("impossible", pick(["2025-02-30", "2023/2/29", "2025-13-01"])),
            ("monthOnly", "\(y)-\(Self.pad(m, 2))"),
            ("monthOnlyChinese", "\(y)年\(m)月"),
            ("garbage", pick(["不详", "abc", "2025", "2025/3/5/6", "3/5/2025", "2025-3-5 25:00"])),
        ])
    }

    private mutating func moneyCell(_ column: String, plain: String) -> String {
        guard chance(16) else { return plain }
        return tricky(column, [
            ("decimal", "1234.5"),
            ("thousands", "1,234.50"),
            ("yen", "¥1234.5"),
            ("fullWidthYen", "￥1234.5"),
            ("yuan", "1234.5元"),
            ("fullWidth", "１２３４.５"),
            ("tooManyDecimals", "1.234"),
            ("negative", "-5"),
            ("letters", "abc"),
            ("zero", "0"),
            ("badThousands", "12,34"),
            ("trailingPoint", "1234."),
        ])
    }

    // MARK: Records

    private static let names = ["邱云", "张三", "李四", "王五", "赵敏", "欧阳娜娜", "陈静", "刘洋", "Li Lei", "周杰"]
    private static let branches = ["生产一分会", "生产二分会", "机关分会", "后勤分会", "销售分会"]

    /// The cells of one record, as written (before quoting).
    mutating func cells() -> [String] {
        let birth = day(from: 1960, to: 2003)
        let join = day(from: 2000, to: 2024)

        let name = chance(20) ? tricky("name", [
            ("empty", ""), ("comma", "张,三"), ("quotes", "王\"小\"二"), ("innerSpace", "欧阳 娜娜"), ("newline", "张\n三"),
        ]) : pick(Self.names)
        let gender = chance(14) ? tricky("gender", [
            ("male", "male"), ("Female", "Female"), ("M", "M"), ("f", "f"), ("unknown", "未知"), ("MALE", "MALE"), ("empty", ""),
        ]) : pick(["男", "女"])
        let id = idCell(birth: birth)
        let birthCell = dateCell(birth, column: "birth", plain: ["\(birth.year)-\(Self.pad(birth.month, 2))-\(Self.pad(birth.day, 2))",
                                                                  "\(birth.year)/\(birth.month)/\(birth.day)", ""])
        let employeeNo = chance(20) ? tricky("employeeNo", [
            ("empty", ""), ("apostrophe", "'00123"), ("comma", "A-12,3"), ("quoted", "\"X\"1"),
        ]) : String(100_000 + next(900_000))
        let branch = chance(20) ? tricky("branch", [
            ("comma", "生产,二分会"), ("quotes", "\"一\"分会"), ("empty", ""), ("newline", "生产\n二分会"),
        ]) : pick(Self.branches)
        let joinCell = dateCell(join, column: "join", plain: ["\(join.year)/\(join.month)/\(join.day)"])
        let leave = join.adding(days: 30 + next(3000))
        let leaveCell = chance(3)
            ? dateCell(leave, column: "leave", plain: ["\(leave.year)-\(Self.pad(leave.month, 2))-\(Self.pad(leave.day, 2))"], trickyOneIn: 4)
            : ""
        let status = chance(14) ? tricky("status", [
            ("retained", "保留会籍"), ("left", "退会"), ("transferred", "转出"), ("unknown", "休假"), ("empty", ""),
        ]) : "在册"
        let employment = chance(14) ? tricky("employment", [
            ("retired", "退休"), ("laidOff", "下岗"), ("unknown", "其他"), ("empty", ""),
        ]) : "在岗"
        let phone = chance(14) ? tricky("phone", [
            ("plain", "13800138000"), ("spaced", "+86 138 0013 8000"), ("prefixed", "86-13800138000"),
            ("short", "12345"), ("tenDigits", "1380013800"), ("fullWidth", "１３８００１３８０００"),
            ("notMobile", "12345678901"), ("plus86", "+8613800138000"), ("landline", "010-12345678"), ("empty", ""),
        ]) : "1" + String(3 + next(7)) + Self.pad(next(1_000_000_000), 9)
        let plainWage = chance(2) ? String(2000 + next(18000)) : "\(2000 + next(18000)).\(next(10))"
        let wage = moneyCell("wage", plain: plainWage)
        let plainDues = chance(2) ? String(next(600)) : "\(next(600)).\(Self.pad(next(100), 2))"
        let dues = moneyCell("dues", plain: plainDues)
        let months = chance(14) ? tricky("months", [
            ("plain", "12"), ("zeros", "0012"), ("plus", "+5"), ("fullWidth", "１２"), ("tooMany", "1001"), ("thousand", "1000"),
            ("negative", "-1"), ("letters", "abc"), ("empty", ""),
        ]) : String(next(13))
        let hardship = chance(14) ? tricky("hardship", [
            ("yes", "是"), ("deep", "深度困难"), ("relative", "相对困难"), ("empty", ""), ("unknown", "不详"),
        ]) : pick(["否", "否", ""])
        var cells = [name, gender, id, birthCell, employeeNo, branch, joinCell, leaveCell, status, employment, phone,
                     wage, dues, months, hardship]

        // White space at one cell's end.
        if chance(25) {
            let column = next(cells.count)
            let cell = cells[column]
            cells[column] = tricky("space", [
                ("leadingASCII", " " + cell), ("trailingASCII", cell + " "), ("trailingIdeographic", cell + "\u{3000}"),
                ("leadingIdeographic", "\u{3000}" + cell), ("trailingNoBreak", cell + "\u{00A0}"), ("leadingNoBreak", "\u{00A0}" + cell),
                ("leadingTab", "\t" + cell), ("trailingEnSpace", cell + "\u{2002}"), ("onlySpace", " "), ("onlyIdeographic", "\u{3000}"),
            ])
        }
        // Ragged records.
        if chance(40) {
            switch tricky("ragged", [("oneFewer", "-"), ("extraFilled", "+"), ("extraEmpty", "")]) {
            case "-": cells.removeLast()
            case "+": cells.append("多余")
            default: cells.append("")
            }
        }
        return cells
    }

    /// One CSV line: cells with a delimiter, a quote or a line break quoted, and some plain ones too.
    mutating func line() -> String {
        cells().map { cell -> String in
            let needs = cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            guard needs || chance(30) else { return cell }
            var quoted = "\""
            for c in cell { quoted += c == "\"" ? "\"\"" : String(c) }
            return quoted + "\""
        }.joined(separator: ",")
    }
}
