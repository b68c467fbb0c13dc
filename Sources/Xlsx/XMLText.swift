// Keeps text that libxlsxwriter writes unescaped from producing XML that no reader opens.

enum XMLText {
    /// Cell text: libxlsxwriter escapes control characters in cells itself (as
    /// `_x0001_`), but a NUL would end the C string early and U+FFFE / U+FFFF are not
    /// XML characters at all; those become U+FFFD.
    static func cell(_ text: String) -> String {
        // The usual case, checked on the UTF-8 bytes at once: no NUL and no EF BF BE / EF BF BF.
        var copy = text
        let suspicious = copy.withUTF8 { bytes in bytes.contains { $0 == 0 || $0 == 0xEF } }
        guard suspicious else { return text }
        return replacing(text) { $0.value == 0 || isNonCharacter($0) }
    }

    /// Text libxlsxwriter writes as is (notes, chart captions, document properties):
    /// control characters other than tab, line feed and carriage return are not
    /// allowed in XML 1.0, so they become U+FFFD as well.
    static func markup(_ text: String) -> String {
        replacing(text) { isForbiddenControl($0) || isNonCharacter($0) }
    }

    /// Whether `text` holds a character XML 1.0 does not allow.
    static func hasForbidden(_ text: String) -> Bool {
        text.unicodeScalars.contains { isForbiddenControl($0) || isNonCharacter($0) }
    }

    private static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r"
    }

    private static func isNonCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    private static func replacing(_ text: String, where bad: (Unicode.Scalar) -> Bool) -> String {
        guard text.unicodeScalars.contains(where: bad) else { return text }  // the usual case: no copy
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(bad(scalar) ? "\u{FFFD}" : scalar)
        }
        return String(scalars)
    }
}
