// Tests for ID numbers (GB 11643-1999, SPEC §2.3): checksum, legacy upgrade, Excel damage, birth date, sex, masks; phones.

import XCTest
import UnionCore

private struct NoIDNumber: Error {}

final class IDNumberTests: XCTestCase {
    /// The ID number of a reading that holds one (valid or upgraded).
    private func id(_ raw: String, file: StaticString = #filePath, line: UInt = #line) throws -> IDNumber {
        switch IDNumber.read(raw) {
        case .valid(let id), .upgraded(let id, _): return id
        case let other:
            XCTFail("\(raw) read as \(other)", file: file, line: line)
            throw NoIDNumber()
        }
    }

    private func reading(_ raw: String) -> String {
        switch IDNumber.read(raw) {
        case .valid(let id): return "valid \(id.text)"
        case .upgraded(let id, let legacy): return "upgraded \(legacy) -> \(id.text)"
        case .badChecksum: return "badChecksum"
        case .malformed: return "malformed"
        case .excelDamaged: return "excelDamaged"
        }
    }

    // MARK: Valid numbers (check characters computed with Python from the GB 11643 weights)

    func testValidWithDigitCheck() { XCTAssertEqual(reading("110101199003071233"), "valid 110101199003071233") }
    func testValidWithDigitCheckShenzhen() { XCTAssertEqual(reading("440304198511203417"), "valid 440304198511203417") }
    func testValidWithXCheck() { XCTAssertEqual(reading("11010519491231002X"), "valid 11010519491231002X") }
    func testValidWithXCheckMale() { XCTAssertEqual(reading("11010119800101007X"), "valid 11010119800101007X") }
    func testLowerCaseXNormalised() { XCTAssertEqual(reading("11010519491231002x"), "valid 11010519491231002X") }
    func testValidIDsAreEqualAfterNormalisation() throws {
        XCTAssertEqual(try id("11010519491231002x"), try id("11010519491231002X"))
    }

    // MARK: Checksum failures and Excel damage (M01 vs M02)

    func testBadChecksum() { XCTAssertEqual(reading("110101199003071234"), "badChecksum") }
    func testXWhereDigitExpectedIsBadChecksum() { XCTAssertEqual(reading("11010119900307123X"), "badChecksum") }
    func testScientificNotationUpperCase() { XCTAssertEqual(reading("1.10105E+17"), "excelDamaged") }
    func testScientificNotationLowerCase() { XCTAssertEqual(reading("1.10105e+17"), "excelDamaged") }
    func testZeroedTailFailingCheckIsExcelDamage() {
        // The true check character of 11010119900307100 is 6.
        XCTAssertEqual(reading("110101199003071000"), "excelDamaged")
    }
    func testZeroedTailPassingCheckIsValid() {
        // 11010519800101100 has check character 0, so …1000 is a genuine number.
        XCTAssertEqual(reading("110105198001011000"), "valid 110105198001011000")
    }

    // MARK: 15-digit legacy numbers (upgraded: 19 inserted after digit 6, check character added)

    func testLegacyUpgraded() {
        XCTAssertEqual(reading("110105491231002"), "upgraded 110105491231002 -> 11010519491231002X")
    }
    func testLegacyWithImpossibleBirthDateIsMalformed() { XCTAssertEqual(reading("110105490230002"), "malformed") }

    // MARK: Malformed

    func testImpossibleBirthDateWithGoodCheckIsMalformed() {
        // 1990-02-30 with its correct check character 6.
        XCTAssertEqual(reading("110101199002301236"), "malformed")
    }
    func testSeventeenDigitsMalformed() { XCTAssertEqual(reading("11010119900307123"), "malformed") }
    func testNineteenDigitsMalformed() { XCTAssertEqual(reading("1101011990030712330"), "malformed") }
    func testLetterCheckCharacterMalformed() { XCTAssertEqual(reading("11010119900307123A"), "malformed") }
    func testLetterInsideMalformed() { XCTAssertEqual(reading("1101011990O3071233"), "malformed") }
    func testEmptyMalformed() { XCTAssertEqual(reading(""), "malformed") }

    // MARK: Birth date and sex

    func testBirthDate() throws { XCTAssertEqual(try id("110101199003071233").birthDate, Day(year: 1990, month: 3, day: 7)) }
    func testBirthDateOfUpgraded() throws { XCTAssertEqual(try id("110105491231002").birthDate, Day(year: 1949, month: 12, day: 31)) }
    func testSeventeenthDigitOddIsMale() throws { XCTAssertEqual(try id("440304198511203417").sex, .male) }
    func testSeventeenthDigitEvenIsFemale() throws { XCTAssertEqual(try id("11010519491231002X").sex, .female) }
    func testSeventeenthDigitSevenWithXIsMale() throws { XCTAssertEqual(try id("11010119800101007X").sex, .male) }
    func testSeventeenthDigitZeroIsFemale() throws { XCTAssertEqual(try id("110105198001011000").sex, .female) }

    // MARK: Masks (SPEC §4)

    func testMaskOfID() throws { XCTAssertEqual(try id("11010519491231002X").masked, "110105********002X") }
    func testMaskOfRawText() { XCTAssertEqual(IDNumber.mask("11010519491231002X"), "110105********002X") }
    func testMaskOfShortTextUnchanged() { XCTAssertEqual(IDNumber.mask("12345"), "12345") }

    func testCheckCharacter() {
        XCTAssertEqual(IDNumber.checkCharacter(for: Array("11010519491231002".utf8)), UInt8(ascii: "X"))
    }

    // MARK: Phones (SPEC §2.3)

    func testPhonePlain() { XCTAssertEqual(PhoneNumber.normalise("13812345678"), "13812345678") }
    func testPhoneWithPlusCountryCodeAndDashes() { XCTAssertEqual(PhoneNumber.normalise("+86 138-1234-5678"), "13812345678") }
    func testPhoneWithCountryCode() { XCTAssertEqual(PhoneNumber.normalise("8613812345678"), "13812345678") }
    func testPhoneWithSpaces() { XCTAssertEqual(PhoneNumber.normalise("138 1234 5678"), "13812345678") }
    func testPhoneSecondDigitNine() { XCTAssertEqual(PhoneNumber.normalise("19912345678"), "19912345678") }
    func testPhoneSecondDigitTwoRejected() { XCTAssertNil(PhoneNumber.normalise("12812345678")) }
    func testPhoneTenDigitsRejected() { XCTAssertNil(PhoneNumber.normalise("1381234567")) }
    func testPhoneTwelveDigitsRejected() { XCTAssertNil(PhoneNumber.normalise("138123456789")) }
    func testLandlineRejected() { XCTAssertNil(PhoneNumber.normalise("010-12345678")) }
    func testPhoneLettersRejected() { XCTAssertNil(PhoneNumber.normalise("1381234567a")) }
    func testPhoneMask() { XCTAssertEqual(PhoneNumber.mask("13812345678"), "138****5678") }
}
