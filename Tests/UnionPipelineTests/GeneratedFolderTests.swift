// Generated folders run through the whole pipeline: every figure and every finding as the generator expects.
import Foundation
import UnionCore
import UnionGenerator
import UnionPipeline
import XCTest

final class GeneratedFolderTests: XCTestCase {
    typealias Reader = GeneratedOutputReader

    /// A few hundred rows per file; at 3% every planted kind appears for these seeds (asserted below).
    static func options(seed: UInt64, year: Int = 2025, problemRate: Double = 0.03) -> GeneratorOptions {
        var options = GeneratorOptions(seed: seed, year: year, members: 400, payments: 500, claims: 250, enrollments: 80,
                                       problemRate: problemRate)
        options.ledger = 600
        return options
    }

    static let allPlantedKinds: Set<RuleCode> = [.M01, .M02, .M05, .V01, .V02, .V03, .V04, .X01, .X02, .P01]

    func testSeed7() throws { try checkRun(Self.options(seed: 7)) }
    func testSeed2025() throws { try checkRun(Self.options(seed: 2025)) }
    func testSeed31337() throws { try checkRun(Self.options(seed: 31337)) }

    /// A leap reporting year (birthdays on 29 February, 366 days).
    func testLeapYear2024() throws { try checkRun(Self.options(seed: 4, year: 2024)) }

    /// The roster as HR systems export it (16 columns, every money cell filled) gives the same kind of exact run.
    func testWideRoster() throws {
        var options = Self.options(seed: 21)
        options.shape = .wide
        let generated = try checkRun(options)
        let roster = String(decoding: try Data(contentsOf: URL(fileURLWithPath: generated.folder + "/members.csv")), as: UTF8.self)
        XCTAssertTrue(roster.hasPrefix("\u{FEFF}姓名,身份证号,性别,出生日期,工号,会员编号,分会,"), String(roster.prefix(80)))
        let rows = roster.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        XCTAssertTrue(rows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 16 })
        // Every money cell is filled, on every row.
        XCTAssertTrue(rows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[12...14].allSatisfy { !$0.isEmpty } })
    }

    /// Every file in GB18030 without a byte-order mark, as Chinese Windows Excel saves "CSV": the same figures
    /// and findings as the UTF-8 folder of the same seed.
    func testGB18030Folder() throws {
        var options = Self.options(seed: 7)
        options.encoding = .gb18030
        let generated = try checkRun(options)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: generated.folder + "/members.csv"))
        XCTAssertEqual(Array(bytes.prefix(4)), [0xD0, 0xD5, 0xC3, 0xFB], "姓名 in GB18030, no BOM")
        XCTAssertEqual(generated.expected.inputs.map(\.encoding), Array(repeating: "GB18030", count: 5))
        // The same seed in UTF-8 gives the same figures and findings (checkRun compared each with the expectation).
        var utf8 = options
        utf8.encoding = .utf8
        let plain = try checkRun(utf8)
        XCTAssertEqual(plain.planted, generated.planted)
    }

    /// Without planted problems the folder is clean under every rule: no finding at all, exit status 0.
    func testCleanFolderExitsZeroWithoutFindings() throws {
        let generated = try checkRun(Self.options(seed: 99, problemRate: 0))
        XCTAssertEqual(generated.planted, [])
        XCTAssertEqual(generated.expected.errors, 0)
        XCTAssertEqual(generated.expected.warnings, 0)
    }

    /// The ledger agrees with the payments and the dues to the fen (no L03, no L04: the clean run above has no
    /// finding at all), holds refunds, and is as long as asked; without a ledger asked for, no file and no funds.
    func testLedgerAgreesWithPaymentsAndDues() throws {
        let generated = try checkRun(Self.options(seed: 5, problemRate: 0))
        let funds = try XCTUnwrap(generated.expected.funds)
        let payments = try XCTUnwrap(generated.expected.payments)
        func paid(_ categories: [String]) -> Int64 { categories.reduce(0) { $0 + (payments.byCategory[$1]?.amount.fen ?? 0) } }
        XCTAssertEqual(funds.byLine["困难职工帮扶费"]?.amount.fen, paid(["困难帮扶", "金秋助学"]))
        XCTAssertEqual(funds.byLine["职工集体福利支出"]?.amount.fen,
                       paid(["节日慰问", "生日慰问", "生病住院慰问", "生育慰问", "结婚慰问", "去世慰问", "亲属去世慰问", "退休慰问"]))
        XCTAssertEqual(funds.byLine["会费收入"]?.amount, generated.expected.members?.duesPaid)
        XCTAssertEqual(generated.expected.inputs.first { $0.file == "ledger.csv" }?.rows, 600)
        let ledger = String(decoding: try Data(contentsOf: URL(fileURLWithPath: generated.folder + "/ledger.csv")), as: UTF8.self)
        XCTAssertTrue(ledger.contains(",,-"), "a refund: a negative expense")
        XCTAssertEqual(funds.income - funds.expense, funds.balance)

        var none = Self.options(seed: 5, problemRate: 0)
        none.ledger = 0
        let bare = try checkRun(none)
        XCTAssertNil(bare.expected.funds)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bare.folder + "/ledger.csv"))
    }

    /// The same options give the same bytes and the same expectations; another seed gives other data.
    func testSameSeedSameFiles() throws {
        let base = try temporaryFolder()
        let options = Self.options(seed: 12)
        let a = try FolderGenerator.write(to: base + "/a", options: options)
        let b = try FolderGenerator.write(to: base + "/b", options: options)
        var other = options
        other.seed = 13
        _ = try FolderGenerator.write(to: base + "/c", options: other)
        XCTAssertEqual(a.planted, b.planted)
        XCTAssertEqual(a.expected, b.expected)
        for name in FolderGenerator.fileNames {
            let bytesA = try Data(contentsOf: URL(fileURLWithPath: base + "/a/" + name))
            let bytesB = try Data(contentsOf: URL(fileURLWithPath: base + "/b/" + name))
            let bytesC = try Data(contentsOf: URL(fileURLWithPath: base + "/c/" + name))
            XCTAssertEqual(bytesA, bytesB, name)
            XCTAssertNotEqual(bytesA, bytesC, name)
            // UTF-8 with BOM, CRLF line ends, a Chinese header.
            XCTAssertEqual(Array(bytesA.prefix(3)), [0xEF, 0xBB, 0xBF], name)
            let text = String(decoding: bytesA, as: UTF8.self)
            XCTAssertTrue(text.hasPrefix(name == "ledger.csv" ? "\u{FEFF}日期,凭证号,摘要,科目,收入,支出," : "\u{FEFF}姓名,"), name)
            XCTAssertEqual(text.components(separatedBy: "\r\n").count - 2, a.expected.inputs.first { $0.file == name }?.rows, name)
        }
    }

    /// A folder holding someone else's CSV is refused, so a run never mixes the two.
    func testRefusesFolderWithOtherInputs() throws {
        let folder = try temporaryFolder()
        try Data("姓名,身份证号\r\n".utf8).write(to: URL(fileURLWithPath: folder + "/会员名册.csv"))
        XCTAssertThrowsError(try FolderGenerator.write(to: folder, options: Self.options(seed: 1))) { error in
            XCTAssertEqual(error as? GeneratorError, .foreignInputs(folder, ["会员名册.csv"]))
        }
    }

    // MARK: the check

    /// Generates, runs the pipeline, and compares summary.json and issues.csv with the generator's expectations.
    @discardableResult
    private func checkRun(_ options: GeneratorOptions, file: StaticString = #filePath, line: UInt = #line) throws -> GeneratedFolder {
        let base = try temporaryFolder()
        let generated = try FolderGenerator.write(to: base + "/in", options: options)
        let expected = generated.expected
        if options.problemRate > 0 {
            XCTAssertEqual(Set(generated.planted.map(\.rule)), Self.allPlantedKinds, "seed \(options.seed) plants every kind", file: file, line: line)
        }

        var run = RunOptions(folder: base + "/in", today: Day(year: 2026, month: 3, day: 1)!)
        run.year = options.year
        run.asOf = Day(year: options.year, month: 12, day: 31)!
        run.outputFolder = base + "/out"
        let report = RunPipeline.execute(run)
        XCTAssertNil(report.fatal, file: file, line: line)
        XCTAssertEqual(report.exitCode, generated.planted.isEmpty ? 0 : 1, file: file, line: line)

        let summary = try Reader.json(base + "/out/summary.json")
        compareSummary(summary, expected, file: file, line: line)

        // issues.csv: exactly the planted findings, each once.
        let issuesBytes = try Data(contentsOf: URL(fileURLWithPath: base + "/out/issues.csv"))
        XCTAssertEqual(Array(issuesBytes.prefix(3)), [0xEF, 0xBB, 0xBF], "issues.csv starts with a BOM", file: file, line: line)
        let records = Reader.csvRecords(String(decoding: issuesBytes, as: UTF8.self))
        XCTAssertEqual(records.first, ["file", "row", "column", "field", "value", "rule", "severity", "message", "hint"], file: file, line: line)
        struct Place: Hashable, CustomStringConvertible {
            let file: String, row: String, column: String, field: String, rule: String
            var description: String { "\(file):\(row):\(column) \(field) \(rule)" }
        }
        let found = records.dropFirst().map { Place(file: $0[0], row: $0[1], column: $0[2], field: $0[3], rule: $0[5]) }
        let planted = generated.planted.map {
            Place(file: $0.file, row: String($0.row), column: $0.column, field: $0.field.key, rule: $0.rule.rawValue)
        }
        XCTAssertEqual(found.count, planted.count, "one finding per planted problem", file: file, line: line)
        let unexpected = Set(found).subtracting(planted).sorted { $0.description < $1.description }
        let missing = Set(planted).subtracting(found).sorted { $0.description < $1.description }
        XCTAssertEqual(unexpected, [], "findings the generator did not plant (seed \(options.seed))", file: file, line: line)
        XCTAssertEqual(missing, [], "planted problems the run did not report (seed \(options.seed))", file: file, line: line)
        return generated
    }

    private func compareSummary(_ s: [String: Any], _ e: ExpectedFigures, file: StaticString, line: UInt) {
        XCTAssertEqual(Reader.int(s["year"]), e.year, file: file, line: line)
        XCTAssertEqual(s["as_of"] as? String, e.asOf.description, file: file, line: line)

        let inputs = (s["inputs"] as? [[String: Any]]) ?? []
        XCTAssertEqual(inputs.map { $0["file"] as? String ?? "" }, e.inputs.map(\.file), "inputs", file: file, line: line)
        for want in e.inputs {
            guard let got = inputs.first(where: { $0["file"] as? String == want.file }) else { continue }
            XCTAssertEqual(got["dataset"] as? String, want.dataset.rawValue, want.file, file: file, line: line)
            XCTAssertEqual(got["encoding"] as? String, want.encoding, want.file, file: file, line: line)
            XCTAssertEqual(Reader.int(got["rows"]), want.rows, "\(want.file) rows", file: file, line: line)
            XCTAssertEqual(Reader.int(got["excluded"]), want.excluded, "\(want.file) excluded", file: file, line: line)
            XCTAssertEqual(Reader.int(got["outside_year"]), want.outsideYear, "\(want.file) outside_year", file: file, line: line)
        }

        if let m = e.members {
            let got = Reader.object(s["members"])
            XCTAssertEqual(Reader.int(got["total"]), m.total, "members.total", file: file, line: line)
            XCTAssertEqual(Reader.int(got["female"]), m.female, "members.female", file: file, line: line)
            XCTAssertEqual(Reader.int(got["male"]), m.male, "members.male", file: file, line: line)
            XCTAssertEqual(Reader.counts(got["by_status"]), m.byStatus, "members.by_status", file: file, line: line)
            XCTAssertEqual(Reader.counts(got["by_branch"]), m.byBranch, "members.by_branch", file: file, line: line)
            XCTAssertEqual(Reader.int(got["joined_in_year"]), m.joinedInYear, "members.joined_in_year", file: file, line: line)
            XCTAssertEqual(Reader.int(got["left_in_year"]), m.leftInYear, "members.left_in_year", file: file, line: line)
            XCTAssertEqual(Reader.fen(got["dues_paid"]), m.duesPaid.fen, "members.dues_paid", file: file, line: line)
        } else {
            XCTAssertNil(s["members"], file: file, line: line)
        }

        if let p = e.payments {
            let got = Reader.object(s["payments"])
            XCTAssertEqual(Reader.int(got["count"]), p.all.count, "payments.count", file: file, line: line)
            XCTAssertEqual(Reader.int(got["people"]), p.all.people, "payments.people", file: file, line: line)
            XCTAssertEqual(Reader.fen(got["amount"]), p.all.amount.fen, "payments.amount", file: file, line: line)
            XCTAssertEqual(Reader.fen(got["union_spending"]), p.unionSpending.fen, "payments.union_spending", file: file, line: line)
            compareTallies(got["by_category"], p.byCategory, money: "amount", label: "payments.by_category", file: file, line: line)
            compareTallies(got["by_group"], p.byGroup, money: "amount", label: "payments.by_group", file: file, line: line)
            compareTallies(got["by_month"], p.byMonth, money: "amount", people: false, label: "payments.by_month", file: file, line: line)
        }

        if let c = e.claims {
            let got = Reader.object(s["claims"])
            XCTAssertEqual(Reader.int(got["count"]), c.all.count, "claims.count", file: file, line: line)
            XCTAssertEqual(Reader.int(got["people"]), c.all.people, "claims.people", file: file, line: line)
            XCTAssertEqual(Reader.fen(got["approved"]), c.all.amount.fen, "claims.approved", file: file, line: line)
            compareTallies(got["by_plan"], c.byPlan, money: "approved", label: "claims.by_plan", file: file, line: line)
        }

        if let en = e.enrollments {
            let got = Reader.object(s["enrollments"])
            XCTAssertEqual(Reader.int(got["count"]), en.all.count, "enrollments.count", file: file, line: line)
            XCTAssertEqual(Reader.int(got["people"]), en.all.people, "enrollments.people", file: file, line: line)
            XCTAssertEqual(Reader.fen(got["premium"]), en.all.amount.fen, "enrollments.premium", file: file, line: line)
            compareTallies(got["by_plan"], en.byPlan, money: "premium", label: "enrollments.by_plan", file: file, line: line)
        }

        if let f = e.funds {
            let got = Reader.object(s["funds"])
            XCTAssertEqual(Reader.fen(got["income"]), f.income.fen, "funds.income", file: file, line: line)
            XCTAssertEqual(Reader.fen(got["expense"]), f.expense.fen, "funds.expense", file: file, line: line)
            XCTAssertEqual(Reader.fen(got["balance"]), f.balance.fen, "funds.balance", file: file, line: line)
            compareTallies(got["by_group"], f.byGroup, money: "amount", people: false, label: "funds.by_group", file: file, line: line)
            let lines = Reader.object(got["by_line"])
            XCTAssertEqual(Set(lines.keys), Set(f.byLine.keys), "funds.by_line keys", file: file, line: line)
            for (name, want) in f.byLine {
                let g = Reader.object(lines[name])
                XCTAssertEqual(g["group"] as? String, want.group, "funds.by_line.\(name).group", file: file, line: line)
                XCTAssertEqual(Reader.int(g["count"]), want.count, "funds.by_line.\(name).count", file: file, line: line)
                XCTAssertEqual(Reader.int(g["people"]), want.people, "funds.by_line.\(name).people", file: file, line: line)
                XCTAssertEqual(Reader.fen(g["amount"]), want.amount.fen, "funds.by_line.\(name).amount", file: file, line: line)
            }
        } else {
            XCTAssertNil(s["funds"], "no ledger, no funds", file: file, line: line)
        }

        let findings = Reader.object(s["findings"])
        XCTAssertEqual(Reader.int(findings["errors"]), e.errors, "findings.errors", file: file, line: line)
        XCTAssertEqual(Reader.int(findings["warnings"]), e.warnings, "findings.warnings", file: file, line: line)
        let byRule = Dictionary(uniqueKeysWithValues: e.byRule.map { ($0.key.rawValue, $0.value) })
        XCTAssertEqual(Reader.counts(findings["by_rule"]), byRule, "findings.by_rule", file: file, line: line)
    }

    private func compareTallies(_ value: Any?, _ want: [String: ExpectedTally], money: String, people: Bool = true,
                                label: String, file: StaticString, line: UInt) {
        let got = Reader.object(value)
        XCTAssertEqual(Set(got.keys), Set(want.keys), "\(label) keys", file: file, line: line)
        for (key, tally) in want {
            let g = Reader.object(got[key])
            XCTAssertEqual(Reader.int(g["count"]), tally.count, "\(label).\(key).count", file: file, line: line)
            if people {
                XCTAssertEqual(Reader.int(g["people"]), tally.people, "\(label).\(key).people", file: file, line: line)
            }
            XCTAssertEqual(Reader.fen(g[money]), tally.amount.fen, "\(label).\(key).\(money)", file: file, line: line)
        }
    }

    private func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "generated-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }
}

/// The reader the test relies on for exact money, checked on its own.
final class GeneratedOutputReaderTests: XCTestCase {
    func testNumbersStayText() throws {
        let raw = Array(#"{"a": 7384.81, "b": [440, -3.05], "c": "x\"1,2", "d": 1624.5, "e": 0}"#.utf8)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(GeneratedOutputReader.numbersAsStrings(raw))) as? [String: Any])
        XCTAssertEqual(GeneratedOutputReader.fen(object["a"]), 738_481)
        XCTAssertEqual((object["b"] as? [Any]).map { $0.map(GeneratedOutputReader.fen) }, [44_000, -305])
        XCTAssertEqual(object["c"] as? String, "x\"1,2")
        XCTAssertEqual(GeneratedOutputReader.fen(object["d"]), 162_450)
        XCTAssertEqual(GeneratedOutputReader.int(object["e"]), 0)
        XCTAssertNil(GeneratedOutputReader.fen("1.234"))
        XCTAssertNil(GeneratedOutputReader.fen("1e3"))
    }

    func testCSVRecords() {
        let text = "\u{FEFF}a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n,,\rlast,\"\",z"
        XCTAssertEqual(GeneratedOutputReader.csvRecords(text), [
            ["a", "b", "c"], ["x,1", "say \"hi\"", "two\r\nlines"], ["", "", ""], ["last", "", "z"],
        ])
        XCTAssertEqual(GeneratedOutputReader.csvRecords("a\n"), [["a"]])
    }
}
