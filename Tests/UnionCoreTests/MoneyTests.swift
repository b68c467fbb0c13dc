// Tests for Money: the accepted and rejected forms (SPEC §2.3, §7), yuan text, half-up scaling and rates.

import XCTest
import UnionCore

final class MoneyTests: XCTestCase {
    private func fen(_ n: Int64) -> Result<Money, MoneyParseError> { .success(Money(fen: n)) }

    // MARK: Accepted forms (SPEC §2.3, §7 "Money")

    func testPlainDecimal() { XCTAssertEqual(Money.parse("1234.5"), fen(123_450)) }
    func testThousandsSeparatorAndTwoDecimals() { XCTAssertEqual(Money.parse("1,234.50"), fen(123_450)) }
    func testHalfWidthYenSign() { XCTAssertEqual(Money.parse("¥1234.5"), fen(123_450)) }
    func testFullWidthYenSign() { XCTAssertEqual(Money.parse("￥1234.5"), fen(123_450)) }
    func testFullWidthYenSignWithSeparators() { XCTAssertEqual(Money.parse("￥1,200.00"), fen(120_000)) }
    func testYuanSuffix() { XCTAssertEqual(Money.parse("1234.5元"), fen(123_450)) }
    func testYuanSuffixWithSeparators() { XCTAssertEqual(Money.parse("1,200.00元"), fen(120_000)) }
    func testFullWidthDigitsAndPoint() { XCTAssertEqual(Money.parse("１２３４．５"), fen(123_450)) }
    func testWholeYuan() { XCTAssertEqual(Money.parse("440"), fen(44_000)) }
    func testOneDecimalPlaceIsTenFen() { XCTAssertEqual(Money.parse("0.1"), fen(10)) }
    func testTwoDecimalPlaces() { XCTAssertEqual(Money.parse("7384.81"), fen(738_481)) }
    func testZero() { XCTAssertEqual(Money.parse("0"), fen(0)) }
    func testSurroundingWhiteSpace() { XCTAssertEqual(Money.parse("  1234.5 "), fen(123_450)) }
    func testAllDecorationsTogether() { XCTAssertEqual(Money.parse("￥1,234,567.89元"), fen(123_456_789)) }

    // MARK: Rejected forms

    func testTwoDecimalPointsRejected() { XCTAssertEqual(Money.parse("1.2.3"), .failure(.notANumber)) }
    func testThreeDecimalsRejected() { XCTAssertEqual(Money.parse("12.345"), .failure(.tooManyDecimals)) }
    func testNegativeRejected() { XCTAssertEqual(Money.parse("-5"), .failure(.negative)) }
    func testNegativeWithDecimalsRejectedAsNegative() { XCTAssertEqual(Money.parse("-12.5"), .failure(.negative)) }
    /// Ledger refunds (SPEC §7.1): a leading minus is a negative amount, with the decorations of any amount.
    func testSignedAmounts() {
        XCTAssertEqual(Money.parseSigned("-12.5"), .success(Money(fen: -1250)))
        XCTAssertEqual(Money.parseSigned("－￥1,200.00元"), .success(Money(fen: -120_000)))
        XCTAssertEqual(Money.parseSigned("-0"), .success(.zero))
        XCTAssertEqual(Money.parseSigned("300.01"), .success(Money(fen: 30_001)))
        XCTAssertEqual(Money.parseSigned("-12.345"), .failure(.tooManyDecimals))
        XCTAssertEqual(Money.parseSigned("-abc"), .failure(.notANumber))
        XCTAssertEqual(Money.parseSigned("--5"), .failure(.notANumber))
        XCTAssertEqual(Array("-7.5".utf8).withUnsafeBufferPointer { Money.parseSigned(utf8: $0) }, .success(Money(fen: -750)))
    }
    func testLettersRejected() { XCTAssertEqual(Money.parse("abc"), .failure(.notANumber)) }
    func testDoubleCommaRejected() { XCTAssertEqual(Money.parse("1,,000"), .failure(.notANumber)) }
    func testLeadingCommaRejected() { XCTAssertEqual(Money.parse(",100"), .failure(.notANumber)) }
    func testTrailingCommaRejected() { XCTAssertEqual(Money.parse("100,"), .failure(.notANumber)) }
    func testCommaInDecimalsRejected() { XCTAssertEqual(Money.parse("1.2,3"), .failure(.notANumber)) }
    func testEmptyRejected() { XCTAssertEqual(Money.parse(""), .failure(.notANumber)) }
    func testWhiteSpaceOnlyRejected() { XCTAssertEqual(Money.parse("   "), .failure(.notANumber)) }
    func testYuanSignAloneRejected() { XCTAssertEqual(Money.parse("￥元"), .failure(.notANumber)) }
    func testDigitsWithUnitWordRejected() { XCTAssertEqual(Money.parse("100块"), .failure(.notANumber)) }

    // MARK: Yuan text (SPEC §4: shortest decimal with at most two places)

    func testYuanTextWhole() { XCTAssertEqual(Money(fen: 44_000).yuanText, "440") }
    func testYuanTextOneDecimal() { XCTAssertEqual(Money(fen: 162_450).yuanText, "1624.5") }
    func testYuanTextTwoDecimals() { XCTAssertEqual(Money(fen: 738_481).yuanText, "7384.81") }
    func testYuanTextFiveFen() { XCTAssertEqual(Money(fen: 5).yuanText, "0.05") }
    func testYuanTextZero() { XCTAssertEqual(Money(fen: 0).yuanText, "0") }
    func testYuanTextNegative() { XCTAssertEqual(Money(fen: -305).yuanText, "-3.05") }
    func testYuanFixed2() { XCTAssertEqual(Money(fen: 162_450).yuanFixed2, "1624.50") }
    func testParseThenYuanTextRoundTrips() { XCTAssertEqual(try Money.parse("1,624.50元").get().yuanText, "1624.5") }

    // MARK: Arithmetic

    func testSumInFen() { XCTAssertEqual(Money(fen: 10) + Money(yuan: 3) - Money(fen: 5), Money(fen: 305)) }
    func testOrder() { XCTAssertLessThan(Money(fen: 99), Money(yuan: 1)) }

    // MARK: Half-up scaling (SPEC §7 Rates, Dues)

    func testScaledHalfUpRoundsUp() {
        // 396.85 × 0.5 = 198.425 → 198.43
        XCTAssertEqual(Money(fen: 39_685).scaled(by: Rate(numerator: 5, denominator: 10)), Money(fen: 19_843))
    }

    func testScaledOneFenByHalfIsOneFen() {
        XCTAssertEqual(Money(fen: 1).scaled(by: Rate(numerator: 5, denominator: 10)), Money(fen: 1))
    }

    func testScaledBelowHalfRoundsDown() {
        // 0.99 × 0.8 = 0.792 → 0.79
        XCTAssertEqual(Money(fen: 99).scaled(by: Rate(numerator: 8, denominator: 10)), Money(fen: 79))
    }

    func testScaledDuesRateExact() {
        // 3000 × 0.005 = 15
        XCTAssertEqual(Money(yuan: 3000).scaled(by: Rate(numerator: 5, denominator: 1000)), Money(fen: 1500))
    }

    func testScaledDuesRateHalfUp() {
        // 1.23 × 0.005 = 0.00615 → 0.01
        XCTAssertEqual(Money(fen: 123).scaled(by: Rate(numerator: 5, denominator: 1000)), Money(fen: 1))
    }

    func testScaledDuesRateRoundsToZero() {
        // 0.99 × 0.005 = 0.00495 → 0.00
        XCTAssertEqual(Money(fen: 99).scaled(by: Rate(numerator: 5, denominator: 1000)), Money(fen: 0))
    }

    func testScaledByParsedPercent() throws {
        let rate = try XCTUnwrap(Rate("80%"))
        XCTAssertEqual(Money(fen: 12_345).scaled(by: rate), Money(fen: 9876))
    }

    func testScaledTheLargestAmountByAManyDecimalRateDoesNotOverflow() throws {
        // 99,999,999,999,999,999 fen × 123456789 overflows 64 bits; the full-width product does not.
        let rate = try XCTUnwrap(Rate("0.123456789"))
        XCTAssertEqual(Money.largest.scaled(by: rate), Money(fen: 12_345_678_900_000_000))
        XCTAssertEqual(Money.largest.scaled(by: Rate(numerator: 1, denominator: 1)), Money.largest)
    }

    // MARK: Rates

    func testRateHalf() { XCTAssertEqual(Rate("0.5"), Rate(numerator: 5, denominator: 10)) }
    func testRateDues() { XCTAssertEqual(Rate("0.005"), Rate(numerator: 5, denominator: 1000)) }
    func testRatePercent() { XCTAssertEqual(Rate("80%"), Rate(numerator: 80, denominator: 100)) }
    func testRateWhole() { XCTAssertEqual(Rate("1"), Rate(numerator: 1, denominator: 1)) }
    func testRateDescriptionHalf() { XCTAssertEqual(Rate("0.5")?.description, "0.5") }
    func testRateDescriptionDues() { XCTAssertEqual(Rate("0.005")?.description, "0.005") }
    func testRateDescriptionPercent() { XCTAssertEqual(Rate("80%")?.description, "0.8") }
    func testRateRejectsLetters() { XCTAssertNil(Rate("half")) }
    func testRateRejectsEmpty() { XCTAssertNil(Rate("")) }
    func testRateRejectsTwoPoints() { XCTAssertNil(Rate("0.5.5")) }
    func testRateRejectsNegative() { XCTAssertNil(Rate("-0.5")) }
}

/// Cells are trimmed of white space at both ends, ASCII and Unicode (full-width, no-break), nothing else.
final class TrimmingTests: XCTestCase {
    func testTrimsWhiteSpaceAtBothEndsOnly() {
        let cases: [(String, String)] = [
            ("", ""), ("   ", ""), ("张三", "张三"), (" 张三 ", "张三"), ("\u{3000}张三\u{3000}", "张三"),
            ("\u{A0}100\u{A0}", "100"), ("\t1 2\r\n", "1 2"), ("张 三", "张 三"), ("\u{FEFF}x", "x"),
            ("x\u{2009}", "x"), ("😀", "😀"), (" 😀", "😀"), ("é\u{301}", "é\u{301}"), ("\u{200B}", ""),
            ("a", "a"), ("\u{85}a\u{205F}", "a"), ("Ω\u{1680}", "Ω"),
        ]
        for (cell, trimmed) in cases {
            XCTAssertEqual(cell.trimmingASCIIWhitespace(), trimmed, "\(cell.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
