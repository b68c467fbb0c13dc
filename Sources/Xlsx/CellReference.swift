// A1-style cell names, sheet-name quoting and absolute range formulas.

/// The column letters of a zero-based column: 0 -> "A", 25 -> "Z", 26 -> "AA".
public func columnLetters(_ column: Int) -> String {
    precondition(column >= 0, "column index must not be negative")
    var letters: [Character] = []
    var rest = column + 1  // bijective base 26: there is no zero digit
    while rest > 0 {
        let digit = (rest - 1) % 26
        letters.append(Character(Unicode.Scalar(UInt8(65 + digit))))
        rest = (rest - 1) / 26
    }
    return String(letters.reversed())
}

/// The A1 name of a zero-based cell: (0, 0) -> "A1"; absolute gives "$A$1".
public func cellReference(row: Int, column: Int, absolute: Bool = false) -> String {
    precondition(row >= 0, "row index must not be negative")
    let dollar = absolute ? "$" : ""
    return dollar + columnLetters(column) + dollar + String(row + 1)
}

/// A sheet name as it must appear before "!" in a formula or link: always in single
/// quotes, with any quote inside doubled (`O'Brien` -> `'O''Brien'`).
///
/// Quoting is always valid in Excel and LibreOffice, so we quote every name instead
/// of guessing which ones need it (non-ASCII, spaces, names that look like cells).
public func quotedSheetName(_ sheet: String) -> String {
    "'" + sheet.replacing("'", with: "''") + "'"
}

/// A rectangular block of one sheet, zero-based and inclusive.
struct SheetRange: Equatable {
    var sheet: String
    var firstRow: Int
    var firstColumn: Int
    var lastRow: Int
    var lastColumn: Int

    /// `'Sheet'!$A$2:$A$8`, or `'Sheet'!$A$2` for one cell.
    var formula: String {
        let first = cellReference(row: firstRow, column: firstColumn, absolute: true)
        if firstRow == lastRow && firstColumn == lastColumn {
            return quotedSheetName(sheet) + "!" + first
        }
        let last = cellReference(row: lastRow, column: lastColumn, absolute: true)
        return quotedSheetName(sheet) + "!" + first + ":" + last
    }

    /// Reads `=Sheet!$A$1:$B$2`, `'My sheet'!A1:B2` or `'O''Brien'!$C$3`; nil for
    /// anything else (several areas, whole columns, names, functions).
    init?(formula text: String) {
        var body = Substring(text)
        if body.first == "=" { body = body.dropFirst() }
        guard let bang = body.lastIndex(of: "!") else { return nil }
        let sheetPart = body[..<bang]
        let cellPart = body[body.index(after: bang)...]
        guard let sheet = SheetRange.unquote(sheetPart), !sheet.isEmpty else { return nil }
        let corners = cellPart.split(separator: ":", omittingEmptySubsequences: false)
        guard corners.count == 1 || corners.count == 2,
              let first = SheetRange.parseCell(corners[0]),
              let last = SheetRange.parseCell(corners[corners.count - 1]) else { return nil }
        self.init(sheet: sheet, firstRow: first.row, firstColumn: first.column,
                  lastRow: last.row, lastColumn: last.column)
    }

    init(sheet: String, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    private static func unquote(_ part: Substring) -> String? {
        guard part.first == "'" else {
            return part.contains("'") ? nil : String(part)
        }
        guard part.count >= 2, part.last == "'" else { return nil }
        let inner = part.dropFirst().dropLast()
        var name = ""
        var pendingQuote = false
        for character in inner {
            if character == "'" {
                if pendingQuote { name.append("'") }
                pendingQuote.toggle()
            } else {
                if pendingQuote { return nil }  // a lone quote inside the name
                name.append(character)
            }
        }
        return pendingQuote ? nil : name
    }

    /// `$A$1` or `A1` (either dollar optional) to zero-based row and column.
    private static func parseCell(_ text: Substring) -> (row: Int, column: Int)? {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "$") { bytes = bytes.dropFirst() }
        var column = 0
        var letterCount = 0
        while let byte = bytes.first, let letter = asciiLetterValue(byte) {
            column = column * 26 + letter
            letterCount += 1
            bytes = bytes.dropFirst()
        }
        guard (1...3).contains(letterCount) else { return nil }
        if bytes.first == UInt8(ascii: "$") { bytes = bytes.dropFirst() }
        guard (1...7).contains(bytes.count),
              bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        let row = bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard (1...Worksheet.maxRows).contains(row), column <= Worksheet.maxColumns else { return nil }
        return (row - 1, column - 1)
    }

    /// A -> 1 ... Z -> 26, either case; nil for anything else.
    private static func asciiLetterValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(byte - UInt8(ascii: "A")) + 1
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte - UInt8(ascii: "a")) + 1
        default: return nil
        }
    }
}
