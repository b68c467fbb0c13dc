// unionbatch.toml through whole runs: limits, severities, switched-off rules, headers, pinned files, the unit,
// the errors that stop a run (exit 2), and the commented file `unionbatch init` writes.
import Foundation
import UnionCore
import UnionPipeline
import UnionRules
import XCTest

final class ConfigurationTests: XCTestCase {
    private var folders: [String] = []

    override func tearDown() {
        for f in folders { try? FileManager.default.removeItem(atPath: f) }
        folders = []
        super.tearDown()
    }

    private let zhang = "110105198506120018"  // man
    private let li = "110105199003070025"     // woman

    /// A fresh folder holding `files` (name → text).
    private func folder(_ files: [String: String]) throws -> String {
        let path = try makeTempFolder("config")
        folders.append(path)
        for (name, text) in files {
            try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
        return path
    }

    private func run(_ folder: String, year: Int? = 2025, asOf: String? = "2025-12-31",
                     configure: (inout RunOptions) -> Void = { _ in }) -> RunReport {
        runFolder(folder, year: year, asOf: asOf) { options in
            options.summaryOnly = true
            configure(&options)
        }
    }

    private func summary(_ folder: String) throws -> [String: Any] {
        try readJSON(folder + "/unionbatch-out/summary.json")
    }

    /// issues.csv rows as `file:row:column rule severity`.
    private func issues(_ folder: String) throws -> [String] {
        let rows = parseCSV(try String(contentsOfFile: folder + "/unionbatch-out/issues.csv", encoding: .utf8))
        return rows.dropFirst().map { "\($0[0]):\($0[1]):\($0[2]) \($0[5]) \($0[6])" }
    }

    private var members: String {
        "姓名,身份证号,性别,入会日期,手机号\n张三,\(zhang),男,2020-01-01,13812345678\n李四,\(li),女,2020-01-01,1381234567\n"
    }

    private var payments: String {
        """
        姓名,身份证号,类别,金额,发放日期
        张三,\(zhang),生日慰问,250,2025-03-01
        李四,\(li),生日慰问,200,2025-04-01
        李四,\(li),生病住院慰问,500,2025-05-01
        张三,\(zhang),结婚慰问,2500,2025-06-01

        """
    }

    func testTheIDNumbersOfTheseTestsAreValid() {
        for id in [zhang, li] {
            guard case .valid(let parsed) = IDNumber.read(id) else { return XCTFail("\(id) is not valid") }
            XCTAssertEqual(parsed.text, id)
        }
    }

    // MARK: Limits, severities, switched-off rules

    func testWithoutAConfigTheDefaultsApply() throws {
        let f = try folder(["members.csv": members, "payments.csv": payments])
        let report = run(f)
        XCTAssertEqual(report.exitCode, 1, report.fatal ?? "")
        let json = try summary(f)
        XCTAssertEqual(dict(json["payments"])["count"] as? Int, 3)
        XCTAssertEqual(fen(dict(json["payments"])["amount"]), 95_000)
        XCTAssertEqual(dict(json["findings"])["by_rule"] as? [String: Int], ["M06": 1, "P02": 1])
        XCTAssertEqual(try issues(f), ["members.csv:3:E M06 warning", "payments.csv:5:D P02 error"])
    }

    func testChangingALimitChangesTheFindingsAndTheTotals() throws {
        let toml = """
        [limits.per_payment]
        "生日慰问" = 200
        "结婚慰问" = 3000
        """
        let f = try folder(["members.csv": members, "payments.csv": payments, "unionbatch.toml": toml])
        let report = run(f)
        XCTAssertEqual(report.exitCode, 1, report.fatal ?? "")
        let json = try summary(f)
        let pay = dict(json["payments"])
        // 250 is now above the limit and leaves the totals; 2500 is now within it and joins them.
        XCTAssertEqual(pay["count"] as? Int, 3)
        XCTAssertEqual(fen(pay["amount"]), 320_000)
        XCTAssertEqual(dict(dict(pay["by_category"])["生日慰问"])["count"] as? Int, 1)
        XCTAssertEqual(fen(dict(dict(pay["by_category"])["生日慰问"])["amount"]), 20_000)
        XCTAssertEqual(fen(dict(dict(pay["by_category"])["结婚慰问"])["amount"]), 250_000)
        XCTAssertEqual(dict(json["findings"])["by_rule"] as? [String: Int], ["M06": 1, "P02": 1])
        XCTAssertEqual(try issues(f), ["members.csv:3:E M06 warning", "payments.csv:2:D P02 error"])
        let inputs = json["inputs"] as? [[String: Any]] ?? []
        let paymentsInput = try XCTUnwrap(inputs.first { $0["file"] as? String == "payments.csv" })
        XCTAssertEqual(paymentsInput["excluded"] as? Int, 1)
        XCTAssertTrue(report.findingLines.contains { $0.hasPrefix("payments.csv:2:D: P02: ") && $0.contains("200") }, "\(report.findingLines)")
    }

    func testASeverityChangedToWarningKeepsTheRowInTheTotals() throws {
        let f = try folder(["members.csv": members, "payments.csv": payments, "unionbatch.toml": "[rules]\nP02 = \"warning\"\n"])
        let report = run(f)
        XCTAssertEqual(report.exitCode, 0, report.fatal ?? "")
        let json = try summary(f)
        XCTAssertEqual(dict(json["payments"])["count"] as? Int, 4)
        XCTAssertEqual(fen(dict(json["payments"])["amount"]), 345_000)
        XCTAssertEqual(dict(json["findings"])["errors"] as? Int, 0)
        XCTAssertEqual(dict(json["findings"])["warnings"] as? Int, 2)
        XCTAssertEqual(try issues(f), ["members.csv:3:E M06 warning", "payments.csv:5:D P02 warning"])
    }

    func testARuleSwitchedOffLeavesNoFindings() throws {
        let f = try folder(["members.csv": members, "payments.csv": payments, "unionbatch.toml": "[rules]\nM06 = \"off\"\n"])
        let report = run(f)
        XCTAssertEqual(report.exitCode, 1, report.fatal ?? "")
        XCTAssertEqual(dict(try summary(f)["findings"])["by_rule"] as? [String: Int], ["P02": 1])
        XCTAssertEqual(try issues(f), ["payments.csv:5:D P02 error"])
    }

    func testWomenRetirementSwitchedToTheWorkerSchedule() throws {
        // Born December 1974: 50 under the worker schedule (retired 2024-12-15), 55 as a cadre.
        let roster = "姓名,身份证号,性别,在岗状态\n王芳,110105197412150027,女,在岗\n"
        let cadre = try folder(["members.csv": roster])
        XCTAssertEqual(run(cadre).exitCode, 0)
        XCTAssertEqual(try issues(cadre), [])
        let worker = try folder(["members.csv": roster, "unionbatch.toml": "[limits.members]\nwomen_retirement = \"worker\"\n"])
        XCTAssertEqual(run(worker).exitCode, 0)
        XCTAssertEqual(try issues(worker), ["members.csv:2:D M08 warning"])
    }

    func testASpreadsheetWarningCanBeSwitchedOff() throws {
        // A web page named .xlsx: no workbook by its bytes (F09).
        let f = try folder(["members.csv": members, "名册.xlsx": "<html><body><table><tr><td>x</td></tr></table></body></html>"])
        XCTAssertEqual(run(f).exitCode, 0)
        XCTAssertEqual(try issues(f), ["members.csv:3:E M06 warning", "名册.xlsx:: F09 warning"])
        try "[rules]\nF09 = \"off\"\nM06 = \"off\"\n".write(toFile: f + "/unionbatch.toml", atomically: true, encoding: .utf8)
        XCTAssertEqual(run(f).exitCode, 0)
        XCTAssertEqual(try issues(f), [])
    }

    // MARK: Headers, pinned files, the unit, the year

    func testHeadersMapsAnUnknownHeader() throws {
        let text = "职工姓名,职工身份证,类别,金额,发放日期\n张三,\(zhang),生日慰问,100,2025-03-01\n"
        let without = try folder(["members.csv": members, "发放.csv": text])
        XCTAssertEqual(run(without).exitCode, 1)
        XCTAssertNil(try summary(without)["payments"])
        XCTAssertEqual(try issues(without), ["members.csv:3:E M06 warning", "发放.csv:: F04 error"])

        let with = try folder(["members.csv": members, "发放.csv": text, "unionbatch.toml": "[headers]\n\"职工身份证\" = \"id_number\"\n"])
        XCTAssertEqual(run(with).exitCode, 0)
        XCTAssertEqual(dict(try summary(with)["payments"])["count"] as? Int, 1)
        XCTAssertEqual(try issues(with), ["members.csv:3:E M06 warning"])
    }

    func testFilesPinsAFilesDataset() throws {
        let text = "姓名,身份证号,险种,保费\n李四,\(li),两癌,20\n"
        let without = try folder(["list.csv": text])
        XCTAssertEqual(run(without).exitCode, 0)
        XCTAssertEqual(dict(try summary(without)["enrollments"])["count"] as? Int, 1)
        XCTAssertNil(try summary(without)["members"])

        let pinned = try folder(["list.csv": text, "unionbatch.toml": "[files]\n\"list.csv\" = \"members\"\n"])
        XCTAssertEqual(run(pinned).exitCode, 0)
        let json = try summary(pinned)
        XCTAssertEqual(dict(json["members"])["total"] as? Int, 1)
        XCTAssertNil(json["enrollments"])
        XCTAssertEqual((json["inputs"] as? [[String: Any]])?.first?["dataset"] as? String, "members")
    }

    func testUnitAndUnitTypeAppearInTheSummary() throws {
        let named = try folder(["members.csv": members, "unionbatch.toml": "unit = \"测试公司工会\"\nunit_type = \"事业\"\n"])
        _ = run(named)
        let json = try summary(named)
        XCTAssertEqual(json["unit"] as? String, "测试公司工会")
        XCTAssertEqual(json["unit_type"] as? String, "事业")

        let plain = try folder(["members.csv": members])
        _ = run(plain)
        let defaults = try summary(plain)
        XCTAssertEqual(defaults["unit"] as? String, (plain as NSString).lastPathComponent)
        XCTAssertEqual(defaults["unit_type"] as? String, "企业")
    }

    func testYearAndAsOfFromTheConfigUnlessGivenOnTheCommandLine() throws {
        let toml = "year = 2025\nas_of = 2025-11-09\n"
        let f = try folder(["members.csv": members, "payments.csv": payments, "unionbatch.toml": toml])
        _ = run(f, year: nil, asOf: nil)
        let json = try summary(f)
        XCTAssertEqual(json["year"] as? Int, 2025)
        XCTAssertEqual(json["as_of"] as? String, "2025-11-09")
        _ = run(f, year: nil, asOf: "2025-12-31")
        XCTAssertEqual(try summary(f)["as_of"] as? String, "2025-12-31")
    }

    func testAnExplicitConfigFileOutsideTheFolder() throws {
        let f = try folder(["members.csv": members, "payments.csv": payments])
        let elsewhere = try folder(["other.toml": "[rules]\nP02 = \"off\"\nM06 = \"off\"\n"])
        let report = run(f) { $0.configFile = elsewhere + "/other.toml" }
        XCTAssertEqual(report.exitCode, 0, report.fatal ?? "")
        XCTAssertEqual(try issues(f), [])
        let missing = run(f) { $0.configFile = elsewhere + "/missing.toml" }
        XCTAssertEqual(missing.exitCode, 2)
        XCTAssertEqual(missing.fatal, "配置文件有误：\(elsewhere)/missing.toml:0: 找不到这个文件")
    }

    // MARK: A configuration that cannot be used: exit status 2, nothing written

    /// Runs a folder whose unionbatch.toml is `toml`; checks exit status 2 and that no output was written,
    /// and returns what the fatal message says after the file's path.
    private func fatal(_ toml: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let f = try folder(["members.csv": members, "payments.csv": payments, "unionbatch.toml": toml])
        // The English text, exact; the Chinese one is ConfigurationMessagesTests' and CommandLineLanguageTests'.
        let report = run(f) { $0.language = .en }
        XCTAssertEqual(report.exitCode, 2, file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: f + "/unionbatch-out"), "nothing written", file: file, line: line)
        let prefix = "invalid configuration: " + f + "/"
        let message = try XCTUnwrap(report.fatal, file: file, line: line)
        XCTAssertTrue(message.hasPrefix(prefix), message, file: file, line: line)
        return String(message.dropFirst(prefix.count))
    }

    func testAnUnknownRuleCodeNamesFileLineAndKey() throws {
        let toml = """
        unit = "测试公司工会"

        [limits.per_payment]
        "生日慰问" = 200

        [rules]
        X99 = "off"
        """
        XCTAssertEqual(try fatal(toml), "unionbatch.toml:7: rules.X99: unknown rule code")
    }

    func testUnknownKeys() throws {
        XCTAssertEqual(try fatal("unit = \"甲\"\n\ncolour = \"red\"\n"), "unionbatch.toml:3: colour: unknown key")
        XCTAssertEqual(try fatal("[limits.dues]\nrate = 0.005\nround = 10\n"), "unionbatch.toml:3: limits.dues.round: unknown key")
        XCTAssertEqual(try fatal("[limits]\nper_month = 1\n"), "unionbatch.toml:2: limits.per_month: unknown key")
    }

    func testWrongTypes() throws {
        XCTAssertEqual(try fatal("year = \"2025\"\n"), "unionbatch.toml:1: year: expected a year such as 2025")
        XCTAssertEqual(try fatal("[limits.education]\nmin = \"800\"\n"),
                       "unionbatch.toml:2: limits.education.min: expected an amount in yuan, found a string")
        XCTAssertEqual(try fatal("[limits.per_payment]\n\"生日慰问\" = 200.005\n"),
                       "unionbatch.toml:2: limits.per_payment.生日慰问: expected an amount in yuan with at most two decimals")
        XCTAssertEqual(try fatal("[limits.per_payment]\n\"生日慰问\" = inf\n"),
                       "unionbatch.toml:2: limits.per_payment.生日慰问: expected an amount in yuan, found inf")
        XCTAssertEqual(try fatal("[limits.per_payment]\n\"生日慰问\" = nan\n"),
                       "unionbatch.toml:2: limits.per_payment.生日慰问: expected an amount in yuan, found nan")
        XCTAssertEqual(try fatal("[limits.per_payment]\n\"生日慰问\" = 1e308\n"),
                       "unionbatch.toml:2: limits.per_payment.生日慰问: expected an amount in yuan, found one too large")
        XCTAssertEqual(try fatal("[limits.dues]\nrate = 1e1\n"), "unionbatch.toml:2: limits.dues.rate: expected a rate from 0 to 1, such as 0.5")
        XCTAssertEqual(try fatal("[rules]\nM06 = \"off\"\n[rules]\n"),
                       "unionbatch.toml:3: the table [rules] is defined twice (first on line 1)")
        XCTAssertEqual(try fatal("[rules]\nP02 = \"fatal\"\n"), "unionbatch.toml:2: rules.P02: expected \"error\", \"warning\" or \"off\"")
        XCTAssertTrue(try fatal("[rules]\nP02 = 1\n").hasPrefix("unionbatch.toml:2: rules.P02: expected a string"))
        XCTAssertEqual(try fatal("as_of = \"明天\"\n"), "unionbatch.toml:1: as_of: expected a date such as 2025-12-31")
        XCTAssertEqual(try fatal("unit_type = \"公司\"\n"),
                       "unionbatch.toml:1: unit_type: expected one of 企业、机关、事业、社区、非公企业、联合")
    }

    func testUnknownValuesNameTheirKey() throws {
        XCTAssertEqual(try fatal("[limits.per_payment]\n\"奖金\" = 100\n"),
                       "unionbatch.toml:2: limits.per_payment.奖金: unknown payment category \"奖金\"")
        XCTAssertEqual(try fatal("[groups]\n\"慰问合计\" = [\"生日慰问\", \"奖金\"]\n"),
                       "unionbatch.toml:2: groups.慰问合计: unknown payment category \"奖金\"")
        XCTAssertEqual(try fatal("[limits.forms.forbidden]\n\"奖金\" = [\"现金\"]\n"),
                       "unionbatch.toml:2: limits.forms.forbidden.奖金: unknown payment category \"奖金\"")
        XCTAssertEqual(try fatal("[limits.hardship]\ncategories = [\"困难帮扶\", \"奖金\"]\n"),
                       "unionbatch.toml:2: limits.hardship.categories: unknown payment category \"奖金\"")
        XCTAssertEqual(try fatal("[limits.dues]\nrate = 1.5\n"),
                       "unionbatch.toml:2: limits.dues.rate: expected a rate from 0 to 1, such as 0.5")
        XCTAssertEqual(try fatal("[limits.claims.rates]\n\"住院\" = 9223372036854775807\n"),
                       "unionbatch.toml:2: limits.claims.rates.住院: expected a rate from 0 to 1, such as 0.5")
        XCTAssertEqual(try fatal("[limits.claims.rates]\n\"牙科\" = 0.5\n"),
                       "unionbatch.toml:2: limits.claims.rates.牙科: unknown plan \"牙科\"")
        XCTAssertEqual(try fatal("[headers]\n\"职工身份证\" = \"idnum\"\n"),
                       "unionbatch.toml:2: headers.职工身份证: unknown field \"idnum\" (e.g. id_number or members.id_number)")
        XCTAssertEqual(try fatal("[files]\n\"a.csv\" = \"people\"\n"),
                       "unionbatch.toml:2: files.a.csv: expected members, payments, claims, enrollments or ledger")
        XCTAssertEqual(try fatal("profile = \"beijing\"\n"), "unionbatch.toml:1: profile: unknown profile \"beijing\" (built in: default)")
    }

    func testAFixedRuleCannotBeChanged() throws {
        XCTAssertEqual(try fatal("[rules]\nM06 = \"off\"\nF01 = \"warning\"\n"),
                       "unionbatch.toml:3: rules.F01: F01 cannot be switched off or changed: without it a row cannot be read")
        XCTAssertEqual(try fatal("[rules]\nV02 = \"off\"\n"),
                       "unionbatch.toml:2: rules.V02: V02 cannot be switched off or changed: without it a row cannot be read")
    }

    func testSyntaxErrorsNameTheLine() throws {
        XCTAssertEqual(try fatal("unit = \"某公司\n"), "unionbatch.toml:1: unterminated string")
        XCTAssertEqual(try fatal("[limits.per_payment]\n生日慰问 = 200\n"),
                       "unionbatch.toml:2: a key with Chinese or other non-ASCII text must be quoted: \"生…\" = …")
        XCTAssertEqual(try fatal("[rules]\nM06 = \"off\"\nM06 = \"warning\"\n"), "unionbatch.toml:3: the key rules.M06 is defined twice")
    }

    // MARK: The file `unionbatch init` writes

    func testTheInitConfigParsesToTheDefaultProfile() throws {
        let f = try folder([:])
        _ = try FolderTemplates.write(into: f, today: Day(year: 2025, month: 11, day: 9)!)
        let config = try ConfigurationLoader.load(folder: f, explicit: nil)
        let standard = RuleProfile.standard
        let profile = config.profile
        XCTAssertEqual(config.unit, "某某有限公司工会")
        XCTAssertEqual(config.unitType, "企业")
        XCTAssertNil(config.year)
        XCTAssertNil(config.asOf)
        XCTAssertEqual(profile.name, "default")
        XCTAssertEqual(profile.perPaymentLimit, standard.perPaymentLimit)
        XCTAssertEqual(profile.perPaymentLimit[.birthday], Money(yuan: 300))
        XCTAssertEqual(profile.perPaymentLimit.count, 7)
        XCTAssertEqual(profile.yearlyLimit, [.festival: Money(yuan: 2000), .birthday: Money(yuan: 300)])
        XCTAssertEqual(profile.educationBand, Money(yuan: 800)...Money(yuan: 5000))
        XCTAssertEqual(profile.claimRates, standard.claimRates)
        XCTAssertEqual(profile.claimRates.mapValues(\.description), ["住院": "0.5", "重大疾病": "0.8", "两癌": "0.8"])
        XCTAssertEqual(profile.outpatientCap, Money(yuan: 1000))
        XCTAssertEqual(profile.standardPremiums, ["两癌": Money(yuan: 20)])
        XCTAssertEqual(profile.duesRate.description, "0.005")
        XCTAssertEqual(profile.duesRoundDownTo, Money(yuan: 10))
        XCTAssertEqual(profile.minimumJoinAge, 16)
        XCTAssertFalse(profile.womenWorkerSchedule)
        XCTAssertEqual(profile.forbiddenForms, standard.forbiddenForms)
        XCTAssertEqual(profile.allowedRelations, standard.allowedRelations)
        XCTAssertEqual(profile.hardshipCategories, standard.hardshipCategories)
        XCTAssertEqual(profile.groups.map(\.name), ["生病及生育慰问"])
        XCTAssertEqual(profile.groups.map(\.categories), [[.illness, .childbirth]])
        XCTAssertEqual(config.policy.severities, RuleCatalog.defaultPolicy.severities)
        XCTAssertTrue(config.extraAliases.isEmpty)
        XCTAssertTrue(config.pinned.isEmpty)
    }

    /// The untouched init folder runs clean: its example rows are F13 (a warning each) and count nowhere.
    func testTheInitFolderRunsClean() throws {
        let f = try folder([:])
        _ = try FolderTemplates.write(into: f, today: Day(year: 2025, month: 11, day: 9)!)
        let report = run(f)
        XCTAssertEqual(report.exitCode, 0, report.fatal ?? "")
        XCTAssertEqual(report.findings.map(\.rule), [.F13, .F13, .F13, .F13, .F13, .F13])
        XCTAssertEqual(report.findings.map { "\($0.file):\($0.row ?? 0)" }.sorted(),
                       ["两癌参保.csv:2", "会员名册.csv:2", "医疗互助报销.csv:2", "帮扶慰问发放.csv:2", "经费收支明细账.csv:2", "经费收支明细账.csv:3"])
        let json = try summary(f)
        XCTAssertEqual(json["unit"] as? String, "某某有限公司工会")
        XCTAssertEqual(dict(json["members"])["total"] as? Int, 0)
        XCTAssertEqual(dict(json["findings"])["errors"] as? Int, 0)
        // The ledger's example entries are F13 too (their summaries start with 示例): the books are empty.
        let funds = dict(json["funds"])
        XCTAssertEqual([fen(funds["income"]), fen(funds["expense"])], [0, 0])
    }

    func testAccountsAndReconcileInTheConfig() throws {
        let config = try ConfigurationLoader.parse("[accounts]\n\"劳保费\" = \"劳动保护费\"\n[reconcile]\n\"困难职工帮扶费\" = [\"困难帮扶\"]\n",
                                                   file: "unionbatch.toml")
        let chart = config.profile.chart
        XCTAssertEqual(chart.line(forAccount: "维权支出-劳保费").map { chart.lines[$0].name }, "劳动保护费")
        XCTAssertEqual(config.profile.reconcile.map { $0.lines.map { chart.lines[$0].name } }, [["困难职工帮扶费"]])
        XCTAssertEqual(config.profile.reconcile.map(\.categories), [[.hardship]])
        // Unknown lines and categories name the file, the line and the key.
        for (text, message) in [
            ("[accounts]\n\"劳保费\" = \"劳保\"\n", "unionbatch.toml:2: accounts.劳保费: unknown ledger line \"劳保\""),
            ("\n[reconcile]\n\"帮扶费\" = [\"困难帮扶\"]\n", "unionbatch.toml:3: reconcile.帮扶费: unknown ledger line \"帮扶费\""),
            ("[reconcile]\n\"送温暖费\" = [\"奖金\"]\n", "unionbatch.toml:2: reconcile.送温暖费: unknown payment category \"奖金\""),
            ("[accounts]\n\"劳保费\" = 3\n", "unionbatch.toml:2: accounts.劳保费: expected the name of a ledger line"),
        ] {
            XCTAssertThrowsError(try ConfigurationLoader.parse(text, file: "unionbatch.toml"), text) { error in
                XCTAssertEqual((error as? ConfigurationError)?.description, message)
            }
        }
    }

    func testTheBuiltInProfileMatchesTheSpec() {
        let p = RuleProfile.standard
        XCTAssertEqual(p.perPaymentLimit, [.birthday: Money(yuan: 300), .marriage: Money(yuan: 2000), .childbirth: Money(yuan: 1000),
                                           .illness: Money(yuan: 1000), .death: Money(yuan: 2000), .relativeDeath: Money(yuan: 1000),
                                           .retirement: Money(yuan: 1000)])
        XCTAssertEqual(p.forbiddenForms, [.festival: ["现金", "购物卡"]])
        XCTAssertEqual(p.allowedRelations, [.relativeDeath: ["配偶", "父母", "子女"]])
        XCTAssertEqual(p.hardshipCategories, [.hardship, .education])
    }
}
