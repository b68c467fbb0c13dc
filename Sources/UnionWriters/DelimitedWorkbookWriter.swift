// `unionbatch convert`: one delimited text file to an XLSX workbook that keeps every cell as the clerk typed it.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UnionCore
import UnionImport
import UnionRules
import Xlsx

/// What `convert` may do beyond the defaults.
public struct ConversionOptions: Sendable {
    /// Rows per sheet, header included. Past it the table continues on a further sheet that starts
    /// with a copy of the header row. Only tests set it below Excel's 1,048,576.
    public var rowsPerSheet: Int
    /// Replace an existing file at the output path (the input itself is never replaced).
    public var replaceExisting: Bool

    public init(rowsPerSheet: Int = Worksheet.maxRows, replaceExisting: Bool = false) {
        self.rowsPerSheet = rowsPerSheet
        self.replaceExisting = replaceExisting
    }
}

/// What one conversion found and wrote.
public struct ConversionReport: Sendable {
    public let input: String
    public let output: String
    public let encoding: TextEncoding
    public let dialect: Dialect
    /// Records read, blank lines included: the rows Calc shows when it opens the input.
    public let rows: Int
    /// Cells of the widest record (at most 16,384, Excel's limit).
    public let columns: Int
    /// The header's row in the input (1-based, as Calc numbers rows); nil when the file holds no text.
    public let headerRow: Int?
    /// The sheets written, in order.
    public let sheets: [String]
    /// Columns (0-based) kept entirely as text because their header or values look like ID numbers or phones.
    public let identifierColumns: [Int]
    /// Cells written as numbers.
    public let numberCells: Int
    public let warnings: [ConversionWarning]

    /// The line printed for the file on standard error.
    public func summaryLine(_ language: Language) -> String {
        let delimiter = ConversionReport.delimiterText(dialect.delimiter)
        return LocalizedText(
            zh: "\(input): 编码 \(encoding.rawValue)，分隔符 \(delimiter.zh)，换行 \(dialect.lineEnding.rawValue)，"
                + "\(rows) 行 \(columns) 列 → \(output)",
            en: "\(input): encoding \(encoding.rawValue), delimiter \(delimiter.en), line ending \(dialect.lineEnding.rawValue), "
                + "\(rows) rows, \(columns) columns -> \(output)").text(language)
    }

    static func delimiterText(_ delimiter: UInt8) -> LocalizedText {
        switch delimiter {
        case 0x09: return LocalizedText(zh: "制表符", en: "tab")
        case 0x3B: return LocalizedText(zh: "分号 (;)", en: "semicolon (;)")
        case 0x7C: return LocalizedText(zh: "竖线 (|)", en: "bar (|)")
        default: return LocalizedText(zh: "逗号 (,)", en: "comma (,)")
        }
    }
}

/// Something the clerk should know about a converted file; the file is still written.
public struct ConversionWarning: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The cell held more than a cell can (32,767 characters); the rest was cut off.
        case cellTruncated(characters: Int)
        /// The record held bytes that are not UTF-8 (in a file read as UTF-8); they show as U+FFFD.
        case invalidUTF8
        /// A quote opened on this row is never closed: the rest of the file went into one cell.
        case unterminatedQuote
        /// Cells past column XFD (Excel's last) were left out; `count` is the record's cell count.
        case columnsDropped(count: Int)
        /// From this row on the table continues on the named sheet.
        case continuedOnSheet(String)
        /// The file holds no text at all; the workbook has one empty sheet.
        case empty
    }

    public let file: String
    /// The row Calc shows for the record in the input (1-based); nil for the whole file.
    public let row: Int?
    /// 0-based column; nil for a whole row.
    public let column: Int?
    public let kind: Kind

    public init(file: String, row: Int?, column: Int?, kind: Kind) {
        self.file = file
        self.row = row
        self.column = column
        self.kind = kind
    }

    /// `file:row:column: message`, as the run prints findings.
    public func line(_ language: Language) -> String {
        var place = file
        if let row { place += ":\(row)" }
        if let column { place += ":" + columnLetters(column) }
        return place + ": " + message(language)
    }

    public func message(_ language: Language) -> String { kind.text.text(language) }
}

extension ConversionWarning.Kind {
    /// The warning's message in both languages.
    public var text: LocalizedText {
        switch self {
        case .cellTruncated(let characters):
            return LocalizedText(zh: "单元格有 \(characters) 个字符，超过单元格上限 \(Worksheet.maxStringLength)，多出部分已截去",
                                 en: "the cell holds \(characters) characters, more than the \(Worksheet.maxStringLength) a cell can hold: the rest was cut off")
        case .invalidUTF8:
            return LocalizedText(zh: "该行含有无效的 UTF-8 字节（可能是粘贴进来的 GBK 文本），已显示为 �",
                                 en: "this row holds bytes that are not UTF-8 (perhaps pasted GBK text): they show as �")
        case .unterminatedQuote:
            return LocalizedText(zh: "从该行开始的引号直到文件末尾都没有结束，其后内容都在同一个单元格里",
                                 en: "a quote opened on this row is never closed: the rest of the file is in one cell")
        case .columnsDropped(let count):
            return LocalizedText(zh: "该行有 \(count) 个单元格，超过 \(Worksheet.maxColumns) 列的部分未写入",
                                 en: "this row has \(count) cells: those past column \(columnLetters(Worksheet.maxColumns - 1)) were left out")
        case .continuedOnSheet(let sheet):
            return LocalizedText(zh: "超过一个工作表的行数上限，从该行起续写在工作表“\(sheet)”（表头重复）",
                                 en: "more rows than a sheet holds: from this row on the table continues on sheet \"\(sheet)\" (header repeated)")
        case .empty:
            return LocalizedText(zh: "文件是空的，工作簿只有一个空工作表", en: "the file is empty: the workbook has one empty sheet")
        }
    }
}

/// Why a file was not converted. Nothing is written for it (no output, no temporary file left behind).
public struct ConversionError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case notFound
        /// A folder, pipe or device.
        case notARegularFile
        /// The system refused to read it (errno).
        case unreadable(code: Int32)
        /// In no supported encoding; decoding failed at this byte of the file.
        case undecodable(byteOffset: Int)
        /// Binary content (a NUL byte, or the start of a ZIP, XLS, PDF… file) at this byte.
        case binary(byteOffset: Int)
        /// The folder to write into does not exist.
        case outputFolderMissing(String)
        /// The output path names the input itself.
        case wouldOverwriteInput(String)
        /// A file already has the output's name and replacing was not asked for.
        case outputExists(String)
        /// An earlier file of the same run was just written there (`a.csv` and `a.txt` both give `a.xlsx`).
        case outputWrittenByEarlierFile(String)
        /// Writing the workbook failed (disk full, permissions…).
        case writeFailed(String)
    }

    /// The input as the clerk named it.
    public let file: String
    public let kind: Kind

    public init(file: String, kind: Kind) {
        self.file = file
        self.kind = kind
    }

    /// `file: message`.
    public func line(_ language: Language) -> String { file + ": " + message(language) }

    public func message(_ language: Language) -> String { kind.text.text(language) }
}

extension ConversionError.Kind {
    /// The error's message in both languages.
    public var text: LocalizedText {
        switch self {
        case .notFound:
            return LocalizedText(zh: "文件不存在", en: "no such file")
        case .notARegularFile:
            return LocalizedText(zh: "不是普通文件（是文件夹或设备），未转换", en: "not a regular file (a folder or device): not converted")
        case .unreadable(let code):
            let reason = String(cString: strerror(code))
            return LocalizedText(zh: "无法读取文件：" + reason, en: "cannot read the file: " + reason)
        case .undecodable(let offset):
            return LocalizedText(zh: "无法解码：不是 UTF-8、UTF-16 或 GB18030（GBK）编码，第 \(offset) 字节处解码失败，未转换",
                                 en: "cannot decode: not UTF-8, UTF-16 or GB18030 (GBK); decoding failed at byte \(offset): not converted")
        case .binary(let offset):
            return LocalizedText(zh: "不是文本文件（第 \(offset) 字节处有二进制内容），未转换",
                                 en: "not a text file (binary content at byte \(offset)): not converted")
        case .outputFolderMissing(let folder):
            return LocalizedText(zh: "输出文件夹 \(folder) 不存在", en: "the output folder \(folder) does not exist")
        case .wouldOverwriteInput(let output):
            return LocalizedText(zh: "输出文件 \(output) 就是输入文件本身，未转换（请用 --out 指定其他文件夹）",
                                 en: "the output \(output) is the input itself: not converted (use --out to write elsewhere)")
        case .outputExists(let output):
            return LocalizedText(zh: "\(output) 已存在，未覆盖（确认要替换请加 --replace，或用 --out 写到其他文件夹）",
                                 en: "\(output) already exists and was left alone (add --replace to replace it, or --out to write elsewhere)")
        case .outputWrittenByEarlierFile(let output):
            return LocalizedText(zh: "\(output) 刚由本次转换的另一个文件写出，未覆盖（请分开转换，或改名后再转换）",
                                 en: "\(output) was just written from another file of this run and was left alone (rename one of the inputs)")
        case .writeFailed(let reason):
            return LocalizedText(zh: "写出工作簿失败：" + reason, en: "writing the workbook failed: " + reason)
        }
    }
}

/// A cell text that is plainly a number a spreadsheet cannot damage, with the number format that shows it
/// as it was written.
///
/// Accepted: an optional `-`, digits without a leading zero (a lone `0` is fine), an optional `.` with
/// digits, at most 15 significant digits (a double holds those exactly; beyond, Calc would round).
/// Decisions where "plainly" needed one:
/// - `-0` is text: a number would show `0`.
/// - `1,234` and `1,234,567.89` (groups of exactly three) are numbers shown with `#,##0` (a clerk sums
///   them); `1,23` or `12,3456` stay text.
/// - `12.5%` is the number 0.125 shown as `12.5%`.
/// - Decimal places are kept in the format (`1624.50` shows `1624.50`); integers get format `0`, so a
///   15-digit number never turns into `1.23457E+14`.
/// - Text: `+5`, `.5`, `5.`, `1e5`, `1.10105E+17`, `007`, full-width digits, `￥100`, `100元`, dates,
///   times, fractions — anything Calc or Excel would read differently from how it is written.
/// Spaces and tabs around the number are ignored.
public struct PlainNumber: Sendable, Equatable {
    public let value: Double
    public let numberFormat: String

    static let maxSignificantDigits = 15

    public static func parse(_ text: String) -> PlainNumber? {
        // Most text cells are rejected by their first byte, before any copying.
        guard let first = text.utf8.first, isDigit(first) || first == UInt8(ascii: "-") || first == 0x20 || first == 0x09
        else { return nil }
        var utf8 = Substring(text).utf8
        while let b = utf8.first, b == 0x20 || b == 0x09 { utf8 = utf8.dropFirst() }
        while let b = utf8.last, b == 0x20 || b == 0x09 { utf8 = utf8.dropLast() }
        guard !utf8.isEmpty, utf8.count <= 64 else { return nil }
        let bytes = Array(utf8)
        var i = 0
        var end = bytes.count
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        let percent = bytes[end - 1] == UInt8(ascii: "%")
        if percent { end -= 1 }
        guard i < end else { return nil }

        // Integer part, with or without correct thousands grouping.
        var digits: [UInt8] = []
        var integerDigits = 0
        var grouped = false
        var groupLength = 0
        while i < end {
            let b = bytes[i]
            if isDigit(b) {
                digits.append(b)
                integerDigits += 1
                groupLength += 1
            } else if b == UInt8(ascii: ",") {
                // The first group has one to three digits, every later group exactly three.
                guard groupLength >= 1, groupLength <= 3, grouped ? groupLength == 3 : true else { return nil }
                grouped = true
                groupLength = 0
            } else {
                break
            }
            i += 1
        }
        guard integerDigits > 0 else { return nil }
        if grouped && groupLength != 3 { return nil }
        if integerDigits > 1 && digits[0] == UInt8(ascii: "0") { return nil }

        var fractionDigits = 0
        if i < end && bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < end && isDigit(bytes[i]) {
                digits.append(bytes[i])
                fractionDigits += 1
                i += 1
            }
            guard fractionDigits > 0 else { return nil }
        }
        guard i == end else { return nil }

        let significant = (integerDigits == 1 && digits[0] == UInt8(ascii: "0") ? 0 : integerDigits) + fractionDigits
        guard significant <= maxSignificantDigits else { return nil }
        let isZero = digits.allSatisfy { $0 == UInt8(ascii: "0") }
        if negative && isZero { return nil }

        // strtod rounds the decimal text correctly; `e-2` moves a percentage without a binary division.
        var literal = negative ? "-" : ""
        literal += String(decoding: digits[..<integerDigits], as: UTF8.self)
        if fractionDigits > 0 { literal += "." + String(decoding: digits[integerDigits...], as: UTF8.self) }
        if percent { literal += "e-2" }
        guard let value = Double(literal), value.isFinite else { return nil }

        var format = grouped ? "#,##0" : "0"
        if fractionDigits > 0 { format += "." + String(repeating: "0", count: fractionDigits) }
        if percent { format += "%" }
        return PlainNumber(value: isZero ? 0 : value, numberFormat: format)
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}

/// Columns whose cells must stay text even when they read as numbers: ID numbers, phones, account and
/// card numbers, codes. Judged by the header, or by most of the column's values.
public enum IdentifierColumn {
    /// Header words of such columns (the header is searched for them).
    static let chineseWords = ["身份证", "证件", "号码", "手机", "电话", "联系方式", "编号", "工号", "账号", "帐号",
                               "卡号", "学号", "证号", "代码", "编码", "邮编"]
    /// English header words, matched as whole words (`id` in `Member ID`, `member_id`, `MemberID`, not in `paid`).
    static let englishWords: Set<String> = ["id", "ids", "phone", "mobile", "tel", "telephone", "cellphone", "fax",
                                            "account", "card", "passport", "ssn", "zip", "postcode", "code", "no"]

    public static func headerNamesIdentifier(_ header: String) -> Bool {
        if chineseWords.contains(where: { header.contains($0) }) { return true }
        return words(header).contains { englishWords.contains($0) }
    }

    /// Lower-cased words split at anything but letters and digits, and at camel-case humps
    /// (`MemberID` → member, id; `IDNumber` → id, number).
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current: [Character] = []
        let characters = Array(text)
        func flush() {
            if !current.isEmpty { result.append(String(current).lowercased()) }
            current = []
        }
        for (i, c) in characters.enumerated() {
            guard c.isASCII && (c.isLetter || c.isNumber) else {
                flush()
                continue
            }
            if c.isUppercase, let previous = current.last {
                let nextIsLower = i + 1 < characters.count && characters[i + 1].isLowercase
                if previous.isLowercase || (previous.isUppercase && nextIsLower) { flush() }
            }
            current.append(c)
        }
        flush()
        return result
    }

    /// A value shaped like a mainland ID number (15 to 18 characters, digits, the last maybe X) or a
    /// mobile phone number (11 digits starting with 1).
    public static func valueLooksLikeIdentifier(_ text: String) -> Bool {
        var utf8 = Substring(text).utf8
        while let b = utf8.first, b == 0x20 || b == 0x09 { utf8 = utf8.dropFirst() }
        while let b = utf8.last, b == 0x20 || b == 0x09 { utf8 = utf8.dropLast() }
        let count = utf8.count
        guard count == 11 || (15...18).contains(count) else { return false }
        var index = 0
        for b in utf8 {
            let isLast = index == count - 1
            let digit = b >= 0x30 && b <= 0x39
            if !(digit || (isLast && count >= 15 && (b == UInt8(ascii: "X") || b == UInt8(ascii: "x")))) { return false }
            index += 1
        }
        return count != 11 || utf8.first == UInt8(ascii: "1")
    }
}

public enum DelimitedWorkbookWriter {
    /// The header is looked for among the first rows, as for the datasets (SPEC §2.1).
    static let headerSearchRows = 10

    /// `<name>.xlsx` (the input's name without its extension) in `outputFolder`, or beside the input.
    public static func outputPath(forInput input: String, outputFolder: String?) -> String {
        let name = FilePath.lastComponent(input)
        // A bare file name's workbook is a bare name too (FilePath: NSString's parent of a one-letter name traps).
        let folder = outputFolder ?? (input.contains("/") ? FilePath.parent(input) : "")
        return FilePath.join(folder, baseName(name) + ".xlsx")
    }

    /// A file name without its last extension (`名册.csv` → `名册`; `.hidden` stays).
    static func baseName(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Converts `input` to the workbook `output`: written under a temporary name in the output's folder and
    /// renamed into place when complete, so `output` is never half-written. The input is only read.
    public static func convert(input: String, output: String, options: ConversionOptions = ConversionOptions()) throws
        -> ConversionReport {
        func failure(_ kind: ConversionError.Kind) -> ConversionError { ConversionError(file: input, kind: kind) }

        var inputInfo = stat()
        guard stat(input, &inputInfo) == 0 else {
            throw errno == ENOENT ? failure(.notFound) : failure(.unreadable(code: errno))
        }
        guard inputInfo.st_mode & S_IFMT == S_IFREG else { throw failure(.notARegularFile) }
        let folder = FilePath.parent(output)
        var folderInfo = stat()
        guard stat(folder, &folderInfo) == 0, folderInfo.st_mode & S_IFMT == S_IFDIR else {
            throw failure(.outputFolderMissing(folder))
        }
        try checkTarget(output, input: inputInfo, replace: options.replaceExisting, failure: failure)

        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path: input)
        } catch let error as FileBytes.ReadError {
            throw failure(.unreadable(code: error.code))
        }
        let text: DecodedText
        switch TextDecoder.decode(bytes) {
        case .success(let decoded): text = decoded
        case .failure(.undecodable(let offset)): throw failure(.undecodable(byteOffset: offset))
        case .failure(.binary(let offset)): throw failure(.binary(byteOffset: offset))
        }
        let dialect = DialectSniffer.sniff(text.utf8)
        let rowsPerSheet = min(max(options.rowsPerSheet, 2), Worksheet.maxRows)
        let shape = TableShape.measure(text.utf8, dialect: dialect, rowsPerSheet: rowsPerSheet)

        let outputName = (output as NSString).lastPathComponent
        let temporary = (folder as NSString).appendingPathComponent(
            ".\(outputName).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        let written: WrittenTable
        // Ctrl-C while converting leaves no temporary file behind.
        Interruption.register(temporary)
        defer { Interruption.unregister(temporary) }
        do {
            written = try writeWorkbook(
                path: temporary, folder: folder, text: text, dialect: dialect, shape: shape, rowsPerSheet: rowsPerSheet,
                input: input, created: day(of: inputInfo))
            TestPause.reach(.converted)
            try checkTarget(output, input: inputInfo, replace: options.replaceExisting, failure: failure)
            try moveIntoPlace(temporary, output, replace: options.replaceExisting, failure: failure)
        } catch let error as ConversionError {
            unlink(temporary)
            throw error
        } catch {
            unlink(temporary)
            throw failure(.writeFailed(String(describing: error)))
        }
        return ConversionReport(
            input: input, output: output, encoding: text.encoding, dialect: dialect, rows: shape.records,
            columns: shape.columns, headerRow: shape.headerIndex.map { $0 + 1 }, sheets: written.sheets,
            identifierColumns: shape.identifierColumns.enumerated().filter(\.element).map(\.offset),
            numberCells: written.numberCells, warnings: written.warnings)
    }

    /// Refuses to replace the input (whatever the options) and, unless asked, any existing file.
    private static func checkTarget(_ output: String, input: stat, replace: Bool,
                                    failure: (ConversionError.Kind) -> ConversionError) throws {
        var target = stat()
        if stat(output, &target) == 0 && target.st_dev == input.st_dev && target.st_ino == input.st_ino {
            throw failure(.wouldOverwriteInput(output))
        }
        var link = stat()
        guard lstat(output, &link) == 0 else { return }
        guard replace, link.st_mode & S_IFMT != S_IFDIR else { throw failure(.outputExists(output)) }
    }

    /// rename(2) into place; without `replace`, renameat2(RENAME_NOREPLACE) so that a file appearing meanwhile
    /// is not clobbered (plain rename after a fresh check where the file system lacks it, e.g. FAT sticks).
    private static func moveIntoPlace(_ temporary: String, _ output: String, replace: Bool,
                                      failure: (ConversionError.Kind) -> ConversionError) throws {
        if !replace {
            let rc = temporary.withCString { a in output.withCString { b in renameNoReplace(a, b) } }
            if rc == 0 { return }
            if errno == EEXIST { throw failure(.outputExists(output)) }
            guard errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else {
                throw failure(.writeFailed(String(cString: strerror(errno))))
            }
        }
        guard rename(temporary, output) == 0 else { throw failure(.writeFailed(String(cString: strerror(errno)))) }
    }

    /// The input's modification day (UTC): the workbook's document time, so converting the same file twice
    /// gives the same bytes.
    private static func day(of info: stat) -> Day {
        #if canImport(Darwin)
        var seconds = info.st_mtimespec.tv_sec
        #else
        var seconds = info.st_mtim.tv_sec
        #endif
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? Day(year: 1980, month: 1, day: 1)!
    }

    struct WrittenTable {
        var sheets: [String] = []
        var numberCells = 0
        var warnings: [ConversionWarning] = []
    }

    /// The second pass: every record to its sheet and row.
    private static func writeWorkbook(path: String, folder: String, text: DecodedText, dialect: Dialect, shape: TableShape,
                                      rowsPerSheet: Int, input: String, created: Day) throws -> WrittenTable {
        let workbook = try Workbook(path: path, constantMemory: true, tempDirectory: folder)
        let fileName = (input as NSString).lastPathComponent
        workbook.setProperties(created: (created.year, created.month, created.day), title: baseName(fileName),
                               author: "unionbatch",
                               comments: "unionbatch convert: \(fileName), \(text.encoding.rawValue)")
        let styles = SheetStyles(workbook)
        let writer = ConvertedSheetWriter(workbook: workbook, styles: styles, shape: shape, file: input,
                                          sheetBase: baseName(fileName), rowsPerSheet: rowsPerSheet)
        var reader = CSVReader(utf8: text.utf8, dialect: dialect)
        var index = 0
        while let record = reader.next() {
            try writer.write(record, index: index)
            index += 1
        }
        try writer.finish()
        try workbook.close()
        return writer.result
    }
}

/// Renames unless the new name exists (0, else -1 and errno): renameat2(RENAME_NOREPLACE) on Linux,
/// renamex_np(RENAME_EXCL) on Darwin.
private func renameNoReplace(_ a: UnsafePointer<CChar>, _ b: UnsafePointer<CChar>) -> Int32 {
    #if canImport(Glibc)
    convertRenameat2(AT_FDCWD, a, AT_FDCWD, b, 1 /* RENAME_NOREPLACE */)
    #elseif canImport(Darwin)
    renamex_np(a, b, UInt32(RENAME_EXCL))
    #else
    -1
    #endif
}

#if canImport(Glibc)
/// glibc's renameat2 (2.28+), which the Swift Glibc module does not export.
@_silgen_name("renameat2")
private func convertRenameat2(_ oldDirectory: Int32, _ oldPath: UnsafePointer<CChar>, _ newDirectory: Int32,
                              _ newPath: UnsafePointer<CChar>, _ flags: UInt32) -> Int32
#endif

/// The first pass over a file: how many records and columns, where the header is, which columns hold
/// identifiers. Nothing but counts is kept, so a file of millions of rows costs little memory.
struct TableShape {
    var records = 0
    var columns = 0
    /// 0-based record index of the header row.
    var headerIndex: Int?
    var header: [String] = []
    /// The last record holding any text (the filter's last row).
    var lastContentIndex = -1
    var identifierColumns: [Bool] = []

    static func measure(_ utf8: [UInt8], dialect: Dialect, rowsPerSheet: Int) -> TableShape {
        var shape = TableShape()
        var reader = CSVReader(utf8: utf8, dialect: dialect)
        var firstRecords: [CSVRecord] = []
        var nonEmpty: [Int] = []
        var identifierLike: [Int] = []
        func count(_ record: CSVRecord) {
            for (column, field) in record.fields.prefix(Worksheet.maxColumns).enumerated() where !isBlank(field) {
                while nonEmpty.count <= column {
                    nonEmpty.append(0)
                    identifierLike.append(0)
                }
                nonEmpty[column] += 1
                if IdentifierColumn.valueLooksLikeIdentifier(field) { identifierLike[column] += 1 }
            }
        }
        var decided = false
        func decideHeader() {
            decided = true
            shape.headerIndex = headerIndex(firstRecords, limit: rowsPerSheet - 1)
            if let h = shape.headerIndex { shape.header = Array(firstRecords[h].fields.prefix(Worksheet.maxColumns)) }
            for record in firstRecords.dropFirst((shape.headerIndex ?? Int.max - 1) + 1) { count(record) }
            firstRecords = []
        }
        while let record = reader.next() {
            shape.records += 1
            shape.columns = max(shape.columns, min(record.fields.count, Worksheet.maxColumns))
            if !record.isBlank { shape.lastContentIndex = shape.records - 1 }
            if decided {
                count(record)
            } else {
                firstRecords.append(record)
                if firstRecords.count == DelimitedWorkbookWriter.headerSearchRows { decideHeader() }
            }
        }
        if !decided { decideHeader() }
        if shape.headerIndex == nil { shape.columns = shape.lastContentIndex < 0 ? 0 : shape.columns }
        shape.identifierColumns = (0..<shape.columns).map { column in
            let header = column < shape.header.count ? shape.header[column] : ""
            if IdentifierColumn.headerNamesIdentifier(header) { return true }
            guard column < nonEmpty.count, nonEmpty[column] > 0 else { return false }
            return identifierLike[column] * 2 > nonEmpty[column]
        }
        return shape
    }

    /// The first record, among the first rows, holding more than half as many non-empty cells as the
    /// typical (median) non-blank record near the top: title rows above a header (`2025年工会会员名册`,
    /// `填报单位：…`) hold one or two. A file of blank lines has no header.
    static func headerIndex(_ records: [CSVRecord], limit: Int) -> Int? {
        let counts = records.map { $0.fields.filter { !isBlank($0) }.count }
        let filled = counts.filter { $0 > 0 }.sorted()
        guard !filled.isEmpty else { return nil }
        let median = filled[filled.count / 2]
        return counts.indices.first { counts[$0] > 0 && counts[$0] * 2 > median && $0 < limit }
            ?? counts.indices.first { counts[$0] > 0 && $0 < limit }
    }

    /// A cell with nothing but white space (ASCII, NBSP, the full-width space) in it.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}

/// The second pass, record by record: sheets, rows, cell types and widths.
final class ConvertedSheetWriter {
    private let workbook: Workbook
    private let styles: SheetStyles
    private let shape: TableShape
    private let file: String
    private let sheetBase: String
    private let rowsPerSheet: Int
    private let wrappedText: Format
    private let wrappedHeader: Format
    private var numberFormats: [String: Format] = [:]
    private var table: TableWriter?
    /// Sheet-relative rows of the current sheet's header and last written content.
    private var headerRow: Int?
    private var lastRow = 0
    private var sheetIndex = -1
    private(set) var result = DelimitedWorkbookWriter.WrittenTable()

    /// Measured widths stop at this many characters of a line (a long cell sets the width cap anyway).
    private static let measuredCharacters = 200

    init(workbook: Workbook, styles: SheetStyles, shape: TableShape, file: String, sheetBase: String, rowsPerSheet: Int) {
        self.workbook = workbook
        self.styles = styles
        self.shape = shape
        self.file = file
        self.sheetBase = sheetBase
        self.rowsPerSheet = rowsPerSheet
        wrappedText = workbook.format(CellFormat(numberFormat: "@", wrap: true, verticalAlign: .top))
        wrappedHeader = workbook.format(CellFormat(bold: true, fillColor: Fill.header, wrap: true, verticalAlign: .center,
                                                   border: true))
    }

    /// Sheet and row of record `index`: the first sheet holds `rowsPerSheet` records; each further sheet a
    /// copy of the header and then `rowsPerSheet - 1` records.
    private func place(_ index: Int) -> (sheet: Int, row: Int) {
        if index < rowsPerSheet { return (0, index) }
        let rest = index - rowsPerSheet
        let perSheet = shape.headerIndex == nil ? rowsPerSheet : rowsPerSheet - 1
        let offset = shape.headerIndex == nil ? 0 : 1
        return (1 + rest / perSheet, offset + rest % perSheet)
    }

    func write(_ record: CSVRecord, index: Int) throws {
        let (sheet, row) = place(index)
        if sheet != sheetIndex {
            try startSheet(sheet, firstRecordRow: record.row)
        }
        guard let t = table else { return }
        if record.hasInvalidUTF8 { warn(record.row, nil, .invalidUTF8) }
        if record.unterminatedQuote { warn(record.row, nil, .unterminatedQuote) }
        if record.fields.count > Worksheet.maxColumns { warn(record.row, nil, .columnsDropped(count: record.fields.count)) }
        let fields = record.fields.prefix(Worksheet.maxColumns)
        if index == shape.headerIndex {
            try writeHeader(Array(fields), row: row, inputRow: record.row, table: t)
            return
        }
        let isData = shape.headerIndex.map { index > $0 } ?? false
        for (column, field) in fields.enumerated() where !field.isEmpty {
            if isData && !shape.identifierColumns[column], let number = PlainNumber.parse(field) {
                try t.sheet.write(number: number.value, row: row, column: column, format: numberFormat(number.numberFormat))
                t.note(column, width: displayWidth(field.trimmingASCIIWhitespace()))
                result.numberCells += 1
            } else {
                let cut = cellText(field, inputRow: record.row, column: column)
                let multiline = cut.contains(where: \.isNewline)
                try t.sheet.write(cut, row: row, column: column, format: multiline ? wrappedText : styles.text)
                // Title rows above the header would only widen the first column.
                if index > (shape.headerIndex ?? -1) { t.note(column, width: Self.width(cut)) }
            }
        }
        if !record.isBlank { lastRow = row }
    }

    private func startSheet(_ index: Int, firstRecordRow: Int) throws {
        try finishSheet()
        let sheet = try workbook.addWorksheet(sheetBase)
        let t = TableWriter(sheet, styles)
        table = t
        sheetIndex = index
        result.sheets.append(sheet.name)
        headerRow = nil
        lastRow = 0
        if index > 0 {
            warn(firstRecordRow, nil, .continuedOnSheet(sheet.name))
            if shape.headerIndex != nil {
                // The copy is written without warnings: the header's own row reported them.
                try writeHeader(shape.header.map { Worksheet.truncatedToCellLimit(Self.lineFeeds($0)) }, row: 0, inputRow: nil, table: t)
            }
        }
    }

    private func writeHeader(_ fields: [String], row: Int, inputRow: Int?, table t: TableWriter) throws {
        for column in 0..<max(shape.columns, fields.count) {
            let field = column < fields.count ? fields[column] : ""
            let cut = inputRow.map { cellText(field, inputRow: $0, column: column) } ?? field
            let format = cut.contains(where: \.isNewline) ? wrappedHeader : styles.header
            try t.sheet.write(cut, row: row, column: column, format: format)
            t.note(column, width: Self.width(cut) + 3)  // room for the filter button
        }
        headerRow = row
        lastRow = row
    }

    /// Width, freeze, filter and print setup of the sheet being written.
    private func finishSheet() throws {
        guard let t = table else { return }
        if let headerRow {
            try t.finish(headerRow: headerRow, lastRow: lastRow, lastColumn: shape.columns - 1, filter: shape.columns > 0)
        } else {
            for (column, w) in t.widths.enumerated() {
                try t.sheet.setColumn(column, column, width: (Double(max(w, 4)) * 1.15 + 2).rounded())
            }
            t.sheet.pageSetup(landscape: true, paperA4: true, repeatRows: nil, fitToWidth: true)
        }
        table = nil
    }

    func finish() throws {
        if sheetIndex < 0 {
            try startSheet(0, firstRecordRow: 1)
            warn(nil, nil, .empty)
        }
        try finishSheet()
    }

    /// The text as written, its line breaks as LF, cut to what a cell holds (with a warning).
    private func cellText(_ field: String, inputRow: Int, column: Int) -> String {
        let text = Self.lineFeeds(field)
        guard !Worksheet.fitsInCell(text) else { return text }
        warn(inputRow, column, .cellTruncated(characters: text.utf16.count))
        return Worksheet.truncatedToCellLimit(text)
    }

    /// CRLF and CR as LF: XML readers turn a CR of cell text into LF anyway, and Calc and Excel break
    /// lines in cells with LF.
    static func lineFeeds(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    private func numberFormat(_ pattern: String) -> Format {
        if let f = numberFormats[pattern] { return f }
        let f = workbook.format(CellFormat(numberFormat: pattern))
        numberFormats[pattern] = f
        return f
    }

    private func warn(_ row: Int?, _ column: Int?, _ kind: ConversionWarning.Kind) {
        result.warnings.append(ConversionWarning(file: file, row: row, column: column, kind: kind))
    }

    /// The widest line of a cell, measured on its first characters.
    static func width(_ text: String) -> Int {
        var widest = 0
        for line in text.prefix(measuredCharacters).split(whereSeparator: \.isNewline) {
            widest = max(widest, displayWidth(String(line)))
        }
        return widest
    }
}
