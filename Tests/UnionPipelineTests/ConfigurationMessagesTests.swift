// unionbatch.toml's errors are kinds with arguments, read from one bilingual table: the TOML reader's, the
// profile's and the configuration's own, each with its file, line and key.
import UnionCore
import UnionPipeline
import UnionRules
import XCTest

final class ConfigurationMessagesTests: XCTestCase {
    func error(_ text: String) -> ConfigurationError? {
        do {
            _ = try ConfigurationLoader.parse(text, file: "unionbatch.toml")
            return nil
        } catch {
            return error as? ConfigurationError
        }
    }

    func testEachMistakeIsAKindWithItsArguments() {
        let cases: [(String, Int, String, ConfigurationError.Kind)] = [
            ("unit = \"甲\"\ncolour = \"red\"\n", 2, "colour", .unknownKey),
            ("unit = 3\n", 1, "unit", .expectedString(found: .integer)),
            ("year = \"2025\"\n", 1, "year", .expectedYear),
            ("[rules]\nX99 = \"off\"\n", 2, "rules.X99", .unknownRuleCode),
            ("[rules]\nP02 = \"maybe\"\n", 2, "rules.P02", .expectedSeverity),
            ("profile = \"beijing\"\n", 1, "profile", .unknownProfile("beijing", builtIn: ["default"])),
            ("[limits.per_payment]\n\"奖金\" = 3\n", 2, "limits.per_payment.奖金", .profile(.unknownCategory("奖金"))),
            ("[limits.education]\nmin = \"5\"\n", 2, "limits.education.min", .profile(.expectedAmount(found: .string))),
            ("unit = \"甲\n", 1, "", .syntax(.unterminatedString)),
            ("year 2025\n", 1, "", .syntax(.expectedEquals(key: "year"))),
            ("单位 = \"甲\"\n", 1, "", .syntax(.unquotedNonASCIIKey(start: "单"))),
            ("[rules]\n\n[rules]\n", 3, "", .syntax(.tableDefinedTwice(table: "rules", firstLine: 1))),
            ("year = 2025x\n", 1, "", .syntax(.notAValue("2025x"))),
        ]
        for (text, line, key, kind) in cases {
            let e = error(text)
            XCTAssertEqual(e?.kind, kind, text)
            XCTAssertEqual(e?.line, line, text)
            XCTAssertEqual(e?.key, key, text)
            XCTAssertEqual(e?.file, "unionbatch.toml", text)
        }
    }

    func testTheTextIsTheLanguageInForceWithFileLineAndKey() throws {
        let e = try XCTUnwrap(error("[rules]\nX99 = \"off\"\n"))
        XCTAssertEqual(e.text(.en), "unionbatch.toml:2: rules.X99: " + ConfigurationError.Kind.unknownRuleCode.text.en)
        XCTAssertEqual(e.text(.zh), "unionbatch.toml:2: rules.X99: " + ConfigurationError.Kind.unknownRuleCode.text.zh)
        XCTAssertEqual(e.description, e.text(.en))
        let syntax = try XCTUnwrap(error("a = 1\na = 2\n"))
        XCTAssertEqual(syntax.kind, .syntax(.keyDefinedTwice(key: "a")))
        XCTAssertEqual(syntax.text(.zh), "unionbatch.toml:2: " + TOMLError.Kind.keyDefinedTwice(key: "a").text.zh)
    }

    /// Every kind has a Chinese text of its own, with no English sentence in it, and an English one.
    func testEveryKindHasChineseAndEnglish() {
        let toml: [TOMLError.Kind] = [
            .unexpectedTextAfterValue, .arraysOfTablesUnsupported, .expectedHeaderClose, .expectedEquals(key: "k"),
            .dottedKeyTooLong(parts: 32), .unquotedNonASCIIKey(start: "单"), .expectedKey,
            .tableDefinedTwice(table: "t", firstLine: 1), .keyDefinedTwice(key: "k"), .valueIsNotATable(key: "k"),
            .expectedValue, .nestedTooDeep(levels: 32), .multiLineStringUnsupported, .unterminatedString, .badUnicodeEscape,
            .unknownEscape("q"), .expectedArraySeparator, .expectedInlineEquals, .expectedInlineSeparator, .notAValue("x"),
        ]
        let profile: [ProfileError.Kind] = [
            .expectedTable(found: .integer), .expectedString(found: .integer), .expectedAmount(found: .string),
            .expectedAmountFoundText("inf"), .amountTooLarge, .amountWithTooManyDecimals, .expectedRate,
            .unknownCategory("奖金"), .expectedStrings, .expectedWholeNumber, .unknownPlan("牙科"), .unknownKey,
            .minimumAboveMaximum, .mustBeAboveZero, .expectedRetirementSchedule, .unknownValue("v"),
            .expectedLedgerLine, .unknownLedgerLine("劳保"),
        ]
        let config: [ConfigurationError.Kind] = [
            .noSuchFile, .cannotRead("denied"), .expectedString(found: .boolean), .unknownProfile("x", builtIn: ["default"]),
            .expectedUnitType(RunConfiguration.unitTypes), .expectedYear, .expectedDate, .expectedTable, .unknownRuleCode,
            .fixedRule("F01"), .expectedSeverity, .unknownField("idnum"), .expectedDataset, .unknownKey, .expectedSecret,
            .expectedGrowth(found: .string), .growthOutOfRange, .expectedSentences(found: nil),
            .expectedSentences(found: .integer), .unknownBudgetLine, .expectedBudgetAmount,
        ]
        let texts = toml.map(\.text) + profile.map(\.text) + config.map(\.text) + TOMLValueType.allCases.map(\.text)
        for text in texts {
            XCTAssertFalse(text.zh.isEmpty)
            XCTAssertFalse(text.en.isEmpty)
            XCTAssertNotEqual(text.zh, text.en)
            XCTAssertTrue(text.zh.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, text.zh)
            XCTAssertEqual(CommandLineLanguageTests.englishPhrases(in: text.zh), [], text.zh)
        }
    }
}
