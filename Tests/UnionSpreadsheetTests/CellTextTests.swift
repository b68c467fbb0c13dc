// Cell text as Calc shows it: numbers to 15 significant digits from their decimal text, dates from serials.
import UnionCore
@testable import UnionSpreadsheet
import XCTest

final class CellTextTests: XCTestCase {
    func number(_ text: String) -> String { String(decoding: CellText.number(Array(text.utf8)), as: UTF8.self) }

    func testNumbersAreRoundedToFifteenDigitsOnTheirDecimalText() {
        XCTAssertEqual(number("59.699999999999996"), "59.7")
        XCTAssertEqual(number("0.30000000000000004"), "0.3")
        XCTAssertEqual(number("8503.8"), "8503.8")
        XCTAssertEqual(number("-1234.5"), "-1234.5")
        XCTAssertEqual(number("1.5E+3"), "1500")
        XCTAssertEqual(number("2.5E-2"), "0.025")
        XCTAssertEqual(number("0"), "0")
        XCTAssertEqual(number("100"), "100")
        XCTAssertEqual(number("0.125000"), "0.125")
        // Rounding carries through nines into a new digit.
        XCTAssertEqual(number("99.9999999999999999"), "100")
        XCTAssertEqual(number("1.23456789012345E-12"), "1.23456789012345E-12")
    }

    func testIDSizedNumbersKeepFifteenDigitsAndLongerOnesTurnToExponentForm() {
        // A 15-digit number is a legacy ID: its digits.
        XCTAssertEqual(number("110105900101123"), "110105900101123")
        // 18 digits cannot be held: exponent form, which the ID rules call damaged (M02).
        XCTAssertEqual(number("110105199001011234"), "1.10105199001011E+17")
        XCTAssertEqual(number("1.1010519900101101E+17"), "1.10105199001011E+17")
        XCTAssertEqual(number("1234567890123456"), "1.23456789012346E+15")
        XCTAssertEqual(number("999999999999999.9"), "1E+15")
        XCTAssertEqual(IDNumber.read(number("110105199001011234")), .excelDamaged)
    }

    func testTextThatIsNoNumberIsKept() {
        XCTAssertEqual(number("abc"), "abc")
        XCTAssertEqual(number("1.2.3"), "1.2.3")
        XCTAssertEqual(number("1E"), "1E")
    }

    func testShortPlainNumbersTakeTheQuickPath() {
        for plain in ["0", "12", "-3", "8503.8", "123456789012345", "0.5"] {
            XCTAssertTrue(CellText.isPlainShortNumber(Array(plain.utf8)), plain)
        }
        for other in ["1234567890123456", "1.50", "01", "1E+5", ".5", "5.", "1.2.3", ""] {
            XCTAssertFalse(CellText.isPlainShortNumber(Array(other.utf8)), other)
        }
    }

    func testSerialsAreDatesInBothDateSystems() {
        func date(_ serial: String, _ base1904: Bool = false) -> String? {
            CellText.date(serial: Array(serial.utf8), base1904: base1904)?.description
        }
        XCTAssertEqual(date("45658"), "2025-01-01")
        XCTAssertEqual(date("45658.75"), "2025-01-01")
        XCTAssertEqual(date("1"), "1900-01-01")
        XCTAssertEqual(date("59"), "1900-02-28")
        // 60 is Excel's phantom 1900-02-29.
        XCTAssertNil(date("60"))
        XCTAssertEqual(date("61"), "1900-03-01")
        XCTAssertEqual(date("0", true), "1904-01-01")
        XCTAssertEqual(date("44196", true), "2025-01-01")
        XCTAssertNil(date("-5"))
        XCTAssertNil(date("abc"))
    }

    /// A cell's bytes read in place give the date the decimal reading gives, written as `Day.description`
    /// writes it, for every serial a date can have and the texts around them.
    func testSerialsReadInPlaceAreTheDatesOfTheDecimalReading() {
        var texts = ["0", "1", "59", "60", "61", "045658", "45658.75", "2958465", "2958466", "999999999", "1234567890",
                     "-5", "1E+3", "", "4.5E4", "abc"]
        texts += stride(from: 1, through: 2_958_465, by: 997).map(String.init)
        var out: [UInt8] = []
        for text in texts {
            for base1904 in [false, true] {
                let bytes = Array(text.utf8)
                let fast = bytes.withUnsafeBufferPointer { CellText.date(serial: $0, base1904: base1904) }
                XCTAssertEqual(fast, CellText.date(serial: bytes, base1904: base1904), "\(text) \(base1904)")
                if let fast {
                    CellText.iso(fast, into: &out)
                    XCTAssertEqual(String(decoding: out, as: UTF8.self), fast.description, text)
                }
            }
        }
        XCTAssertEqual(Array("45658".utf8).withUnsafeBufferPointer { CellText.date(serial: $0, base1904: false) }?.description,
                       "2025-01-01")
    }

    func testDateFormatsAreToldFromNumberFormats() {
        for code in ["yyyy-mm-dd", "yyyy\"年\"m\"月\"d\"日\"", "m/d/yy", "h:mm", "[$-804]yyyy/m/d", "dd-mmm-yy"] {
            XCTAssertTrue(CellText.isDateFormat(code), code)
        }
        for code in ["0.00", "#,##0.00\"元\"", "[Red]0.00", "General", "@", "0.00_);[Red](0.00)", "\"day\"0", "\\d0"] {
            XCTAssertFalse(CellText.isDateFormat(code), code)
        }
        XCTAssertTrue(CellText.isBuiltInDateFormat(14))
        XCTAssertTrue(CellText.isBuiltInDateFormat(22))
        XCTAssertTrue(CellText.isBuiltInDateFormat(57))
        XCTAssertFalse(CellText.isBuiltInDateFormat(0))
        XCTAssertFalse(CellText.isBuiltInDateFormat(2))
        XCTAssertFalse(CellText.isBuiltInDateFormat(49))
    }
}
