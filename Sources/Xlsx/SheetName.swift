// Turns any requested worksheet name into one Excel and libxlsxwriter 1.1.4 accept.

enum SheetName {
    /// Excel's limit, which we apply to Characters, Unicode scalars (what libxlsxwriter
    /// counts) and UTF-16 units (what Excel counts) alike.
    static let maxLength = 31

    /// libxlsxwriter builds defined names (print titles, autofilter) in 128-byte buffers
    /// as `'<name>'!$1:$1048576`; keeping the quoted name to 100 UTF-8 bytes keeps those
    /// from being cut in the middle of a character. 31 CJK characters take 95.
    static let maxQuotedUTF8Bytes = 100

    /// Characters Excel forbids in sheet names.
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// "History" is reserved by English Excel, which refuses to open a sheet so named.
    static let reserved: Set<String> = ["history"]

    /// A name that is valid and not yet used. `taken` holds the names in use, folded
    /// with `key(_:)`; `ordinal` is the 1-based position of the new sheet, used for
    /// "Sheet<n>" when nothing usable is left of `requested`.
    static func unique(_ requested: String, taken: Set<String>, ordinal: Int) -> String {
        var base = clean(requested)
        if base.isEmpty { base = "Sheet\(ordinal)" }
        if !taken.contains(key(base)) && !reserved.contains(key(base)) { return base }
        var counter = 2
        while true {
            let suffix = " (\(counter))"
            let stem = fit(base, reserving: suffix)
            let candidate = (stem.isEmpty ? "Sheet" : stem) + suffix
            if !taken.contains(key(candidate)) { return candidate }
            counter += 1
        }
    }

    /// Case-insensitive identity, as Excel compares sheet names.
    static func key(_ name: String) -> String {
        name.lowercased()
    }

    /// Forbidden and control characters become "_"; surrounding blanks and the
    /// apostrophes Excel rejects at either end are removed; the length is cut to fit.
    static func clean(_ requested: String) -> String {
        var name = String(requested.map { character -> Character in
            if forbidden.contains(character) { return "_" }
            if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                || XMLText.hasForbidden(String(character)) {
                return "_"
            }
            return character
        })
        name = trimmed(name)
        name = trimmed(fit(name, reserving: ""))
        return name
    }

    /// Strips whitespace and apostrophes from both ends until neither is left there.
    private static func trimmed(_ name: String) -> String {
        let strip: (Character) -> Bool = { $0.isWhitespace || $0 == "'" }
        var result = Substring(name)
        while let first = result.first, strip(first) { result = result.dropFirst() }
        while let last = result.last, strip(last) { result = result.dropLast() }
        return String(result)
    }

    /// The longest prefix of whole Characters that, followed by `suffix`, stays
    /// within every length limit.
    static func fit(_ name: String, reserving suffix: String) -> String {
        var result = ""
        for character in name {
            let candidate = result + String(character) + suffix
            guard withinLimits(candidate) else { break }
            result.append(character)
        }
        // A cut may leave an apostrophe or blank at the end of the base.
        while let last = result.last, last == "'" || last.isWhitespace { result.removeLast() }
        return result
    }

    static func withinLimits(_ name: String) -> Bool {
        name.count <= maxLength
            && name.unicodeScalars.count <= maxLength
            && name.utf16.count <= maxLength
            && quotedSheetName(name).utf8.count <= maxQuotedUTF8Bytes
    }
}
