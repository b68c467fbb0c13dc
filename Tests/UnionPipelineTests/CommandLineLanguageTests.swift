// The command line speaks Chinese by default and English with --lang en or UNIONBATCH_LANG=en: help, usage
// errors and option checks; usage errors exit 2 and say what was meant.
import Foundation
import XCTest

final class CommandLineLanguageTests: XCTestCase {
    static let commands: [[String]] = [[], ["run"], ["check"], ["rules"], ["init"], ["templates"], ["convert"], ["rollup"]]

    /// Runs the binary with `environment` added; its exit status, standard output and standard error.
    func run(_ arguments: [String], environment: [String: String] = [:], in folder: String? = nil) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["UNIONBATCH_LANG"] = nil
        env["COLUMNS"] = "80"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// English left in a Chinese text once the names a clerk types or sees as they are (options, value
    /// names, commands, file names, formats) are taken out: any two English words in a row.
    static func englishPhrases(in text: String) -> [String] {
        var rest = text
        let allowed = [
            #"--?[a-z][a-z-]*"#, #"[A-Za-z0-9_.-]+\.(csv|xlsx|txt|toml|json|tsv|mustache)"#, #"FOLDER/[A-Za-z/_.-]*"#,
            #"unionbatch-out"#, #"UNIONBATCH_LANG"#, #"YYYY-MM-DD"#,
        ]
        for pattern in allowed {
            rest = rest.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let regex = try! NSRegularExpression(pattern: #"\b[A-Za-z]{2,}\b(?:[ ,']+\b[A-Za-z]{2,}\b)+"#)
        let names: Set<String> = ["unionbatch", "run", "check", "rules", "init", "templates", "convert", "rollup", "help",
                                  "zh", "en", "CSV", "TSV", "TXT", "XLSX", "UTF", "BOM", "GB", "GBK", "Calc", "A4", "run"]
        return regex.matches(in: rest, range: NSRange(rest.startIndex..., in: rest)).compactMap { m in
            let phrase = String(rest[Range(m.range, in: rest)!])
            let words = phrase.split(whereSeparator: { " ,'".contains($0) }).map(String.init)
            return words.allSatisfy(names.contains) ? nil : phrase
        }
    }

    func testEveryHelpIsChineseByDefault() throws {
        for command in Self.commands {
            let result = try run(command + ["--help"])
            XCTAssertEqual(result.status, 0, "\(command)")
            XCTAssertTrue(result.stdout.contains("用法："), "\(command): \(result.stdout)")
            XCTAssertEqual(Self.englishPhrases(in: result.stdout), [], "\(command): \(result.stdout)")
            XCTAssertEqual(result.stderr, "")
        }
        let viaHelp = try run(["help", "rules"])
        XCTAssertEqual(viaHelp.stdout, try run(["rules", "--help"]).stdout)
    }

    func testEveryHelpIsEnglishWithLangOrEnvironment() throws {
        for command in Self.commands {
            for result in [try run(command + ["--help", "--lang", "en"]),
                           try run(command + ["--help"], environment: ["UNIONBATCH_LANG": "en"])] {
                XCTAssertEqual(result.status, 0)
                XCTAssertTrue(result.stdout.contains("USAGE: unionbatch"), "\(command): \(result.stdout)")
                XCTAssertNil(result.stdout.range(of: #"\p{Han}"#, options: .regularExpression), "\(command): \(result.stdout)")
            }
        }
    }

    func testChineseHelpLinesUpAndFitsEightyColumns() throws {
        let help = try run(["run", "--help"]).stdout
        for line in help.split(separator: "\n") {
            let width = line.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
            XCTAssertLessThanOrEqual(width, 80, String(line))
        }
        // Each option's description starts at the 27th column, whatever the width of its label.
        let out = help.split(separator: "\n").first { $0.hasPrefix("  --out ") }.map(String.init) ?? ""
        let label = out.prefix { $0 != "输" }
        XCTAssertEqual(label.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }, 26, out)
    }

    /// `rules` says where each rule applies in the clerk's words (所有文件, 会员名册, …), not dataset keys.
    func testRulesSayWhereEachRuleAppliesInChinese() throws {
        let result = try run(["rules"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let scopes = result.stdout.split(separator: "\n").filter { $0.hasPrefix("      适用：") }
        XCTAssertGreaterThan(scopes.count, 30)
        for line in scopes { XCTAssertNil(line.range(of: "[A-Za-z]", options: .regularExpression), String(line)) }
        XCTAssertTrue(scopes.contains("      适用：帮扶慰问发放、医疗互助报销、参保缴费"), "\(scopes)")
        let english = try run(["rules", "--lang", "en"])
        XCTAssertTrue(english.stdout.contains("applies to: payments, claims, enrollments"), english.stdout)
    }

    func testVersion() throws {
        let result = try run(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertNotNil(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression), result.stdout)
    }

    func testUsageErrorsExitTwoInChinese() throws {
        let unknown = try run(["run", "--outt", "x"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.hasPrefix("unionbatch: 错误："), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("“--outt”") && unknown.stderr.contains("“--out”"), unknown.stderr)
        XCTAssertEqual(Self.englishPhrases(in: unknown.stderr), [], unknown.stderr)

        let year = try run(["run", "--year", "abc"])
        XCTAssertEqual(year.status, 2)
        XCTAssertTrue(year.stderr.contains("--year") && year.stderr.contains("unionbatch run"), year.stderr)
        XCTAssertEqual(Self.englishPhrases(in: year.stderr), [], year.stderr)

        let english = try run(["run", "--outt", "x", "--lang", "en"])
        XCTAssertEqual(english.status, 2)
        XCTAssertTrue(english.stderr.contains("Unknown option '--outt'"), english.stderr)
    }

    func testATypedSubcommandIsSaidToBeOne() throws {
        let folder = try makeTempFolder("typo")
        let result = try run(["rn", "company"], in: folder)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("“rn”") && result.stderr.contains("unionbatch run"), result.stderr)
        // A folder of that name is a folder.
        try FileManager.default.createDirectory(atPath: folder + "/rn", withIntermediateDirectories: true)
        let asFolder = try run(["rn", "--quiet"], in: folder)
        XCTAssertFalse(asFolder.stderr.contains("unionbatch run"), asFolder.stderr)
    }

    func testAFolderStartingWithADashIsReadAfterTheSeparator() throws {
        let parent = try makeTempFolder("dash")
        let folder = parent + "/-x"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: Repo.sample("company")) where file.hasSuffix(".csv") {
            try FileManager.default.copyItem(atPath: Repo.sample("company") + "/" + file, toPath: folder + "/" + file)
        }
        let refused = try run(["-x"], in: parent)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("unionbatch run -- -x"), refused.stderr)
        let read = try run(["run", "--quiet", "--as-of", "2025-12-31", "--", "-x"], in: parent)
        XCTAssertEqual(read.status, 0, read.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/unionbatch-out/summary.json"))
    }

    /// A config error is Chinese after "配置文件有误：" (file, line and key kept), English under --lang en.
    func testConfigurationErrorsAreChinese() throws {
        let folder = NSTemporaryDirectory() + "config-language-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (toml, mark) in [("unit = \"甲\"\n[rules]\nX99 = \"off\"\n", "unionbatch.toml:3: rules.X99: "),
                             ("unit = \"甲\n", "unionbatch.toml:1: "), ("year = \"2025\"\n", "unionbatch.toml:1: year: ")] {
            try toml.write(toFile: folder + "/unionbatch.toml", atomically: true, encoding: .utf8)
            for arguments in [["run", "--quiet", folder], ["rules", folder]] {
                let zh = try run(arguments)
                XCTAssertEqual(zh.status, 2, zh.stderr)
                XCTAssertTrue(zh.stderr.contains("配置文件有误："), zh.stderr)
                XCTAssertTrue(zh.stderr.contains(mark), zh.stderr)
                let message = String(zh.stderr[zh.stderr.range(of: mark)!.upperBound...])
                XCTAssertEqual(Self.englishPhrases(in: message), [], zh.stderr)
                XCTAssertTrue(message.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, zh.stderr)
                let en = try run(arguments + ["--lang", "en"])
                XCTAssertEqual(en.status, 2, en.stderr)
                XCTAssertTrue(en.stderr.contains("invalid configuration: "), en.stderr)
                XCTAssertFalse(en.stderr.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF && !"甲".unicodeScalars.contains($0) }, en.stderr)
            }
        }
    }

    /// `init` lists what it wrote and what to do next, in Chinese; a second `init` is refused in Chinese.
    func testInitSaysWhatToDoNextInChinese() throws {
        let folder = NSTemporaryDirectory() + "init-language-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try run(["init", folder])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("下一步：\n"), first.stdout)
        XCTAssertTrue(first.stdout.contains("  会员名册.csv（会员名册模板）\n"), first.stdout)
        XCTAssertEqual(Self.englishPhrases(in: first.stdout.replacingOccurrences(of: folder, with: "")), [], first.stdout)
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        XCTAssertTrue(try String(contentsOfFile: folder + "/unionbatch.toml", encoding: .utf8).contains("# year = \(year)\n"))
        let again = try run(["init", folder])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("中已有"), again.stderr)
        let english = try run(["init", folder, "--lang", "en"])
        XCTAssertTrue(english.stderr.contains("already has"), english.stderr)
    }

    /// Data of another year: one notice naming the dates' year on standard error, and the closing lines.
    func testAWrongYearIsSaidOnce() throws {
        let folder = try copySample("company")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let result = try run(["run", "--quiet", "--year", "2024", "--as-of", "2024-12-31", folder])
        XCTAssertEqual(result.status, 1, result.stderr)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { $0.contains("请加 --year 2025") }.count, 1, result.stderr)
        XCTAssertTrue(lines.contains("读取 5 个文件，共 795 行：计入 120 行，排除 675 行（有错误，其中 675 行日期晚于截止日期），非2024年度 0 行。"), result.stderr)
        XCTAssertEqual(lines.last, "先看 summary.xlsx 的“概览”，再看“问题清单”或 issues.csv。")
        for line in lines where !line.contains(folder) { XCTAssertEqual(Self.englishPhrases(in: line), [], line) }
    }

    /// The built-in profile is named in words (and by the name `profile =` takes); the dues limit spaced like the rate.
    func testTheRuleCatalogNamesTheBuiltInProfileInWords() throws {
        let zh = try run(["rules"])
        XCTAssertEqual(zh.status, 0, zh.stderr)
        XCTAssertEqual(zh.stdout.split(separator: "\n").first, "规则配置：内置默认（default）")
        XCTAssertTrue(zh.stdout.contains("（会费率 0.005，工资先向下取整到 10 元）"), zh.stdout)
        let en = try run(["rules", "--lang", "en"])
        XCTAssertEqual(en.stdout.split(separator: "\n").first, "Profile: built-in (default)")
    }
}
