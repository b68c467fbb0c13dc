// .xls (BIFF8, Excel 97–2003, often WPS's .et) through libfreexl: no formula results, hidden rows or
// merges are available there (SPEC §7.1 ".xls limits"); a formula cell reads as empty.
import CFreeXL
import Foundation

struct XLSReader {
    let path: String

    func transcode(into folder: String) throws -> [TranscodedSheet] {
        var handle: UnsafeRawPointer?
        let opened = freexl_open(path, &handle)
        defer { if let handle { freexl_close(handle) } }
        guard opened == FREEXL_OK, let handle else { throw XLSReader.problem(opened) }
        var password: UInt32 = 0
        if freexl_get_info(handle, UInt16(FREEXL_BIFF_PASSWORD), &password) == FREEXL_OK, password == UInt32(FREEXL_BIFF_OBFUSCATED) {
            throw SpreadsheetProblem.encrypted
        }
        var sheetCount: UInt32 = 0
        guard freexl_get_info(handle, UInt16(FREEXL_BIFF_SHEET_COUNT), &sheetCount) == FREEXL_OK else {
            throw SpreadsheetProblem.xlsUnreadable(code: -17)
        }
        var result: [TranscodedSheet] = []
        for index in 0..<min(sheetCount, UInt32(UInt16.max)) {
            let i = UInt16(index)
            var namePointer: UnsafePointer<CChar>?
            guard freexl_get_worksheet_name(handle, i, &namePointer) == FREEXL_OK else { continue }
            let name = namePointer.map { String(cString: $0) } ?? "Sheet\(index + 1)"
            let selected = freexl_select_active_worksheet(handle, i)
            guard selected == FREEXL_OK else { throw XLSReader.problem(selected) }
            var rows: UInt32 = 0
            var columns: UInt16 = 0
            let sized = freexl_worksheet_dimensions(handle, &rows, &columns)
            guard sized == FREEXL_OK else { throw XLSReader.problem(sized) }
            let csvPath = folder + "/sheet-\(index + 1).csv"
            let writer = try SheetCSVWriter(path: csvPath)
            var value = FreeXL_CellValue()
            for r in 0..<rows {
                for c in 0..<columns {
                    guard freexl_get_cell_value(handle, r, c, &value) == FREEXL_OK,
                          let text = XLSReader.text(of: value) else { continue }
                    writer.cell(row: Int(r) + 1, column: Int(c) + 1, text)
                }
            }
            try writer.finish()
            result.append(TranscodedSheet(name: name, hidden: false, hiddenRows: 0, csvPath: csvPath,
                                          cells: writer.cellCount, notes: ["xls"]))
        }
        return result
    }

    /// A cell as Calc shows it; a number from its shortest decimal text (the double BIFF stores) to 15 digits.
    static func text(of value: FreeXL_CellValue) -> [UInt8]? {
        switch Int32(value.type) {
        case FREEXL_CELL_INT:
            return Array(String(value.value.int_value).utf8)
        case FREEXL_CELL_DOUBLE:
            let d = value.value.double_value
            guard d.isFinite else { return nil }
            return CellText.number(Array(String(d).utf8))
        case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT, FREEXL_CELL_TIME:
            guard let p = value.value.text_value else { return nil }
            let text = Array(String(cString: p).utf8)
            return text.isEmpty ? nil : text
        case FREEXL_CELL_DATE, FREEXL_CELL_DATETIME:
            guard let p = value.value.text_value else { return nil }
            return Array(String(cString: p).utf8.prefix(10))
        default:
            return nil
        }
    }

    static func problem(_ code: Int32) -> SpreadsheetProblem {
        .xlsUnreadable(code: code)
    }
}

/// The stream names of an OLE2 (compound file) container, found in its directory sectors: whether it
/// holds a workbook (.xls), an encrypted OOXML package, or something else (.doc).
enum OLE2Directory {
    /// A container too damaged to list is taken for the .xls it most often is, so reading it says what
    /// is wrong (F01) rather than what it is not.
    static func kind(path: String) -> FileKind {
        guard let f = fopen(path, "rb") else { return .workbook(.xls) }
        defer { fclose(f) }
        var header = [UInt8](repeating: 0, count: 512)
        guard fread(&header, 1, 512, f) == 512 else { return .workbook(.xls) }
        let shift = Int(header[0x1E]) | Int(header[0x1F]) << 8
        guard shift == 9 || shift == 12 else { return .workbook(.xls) }
        let sectorSize = 1 << shift
        // Version 4 files pad the header to a whole 4096-byte sector.
        if sectorSize > 512 { fseek(f, sectorSize, SEEK_SET) }
        let names = ["Workbook", "Book", "EncryptedPackage", "WordDocument", "PowerPoint Document"]
        let encoded = names.map { Array($0.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        var found: Set<String> = []
        var sector = [UInt8](repeating: 0, count: sectorSize)
        while fread(&sector, 1, sectorSize, f) == sectorSize {
            for slot in stride(from: 0, to: sectorSize, by: 128) {
                let length = Int(sector[slot + 0x40]) | Int(sector[slot + 0x41]) << 8
                let type = sector[slot + 0x42]
                guard type == 2, length >= 2, length <= 64 else { continue }
                for (name, bytes) in zip(names, encoded) where length == bytes.count + 2
                    && sector[slot..<(slot + bytes.count)].elementsEqual(bytes) {
                    found.insert(name)
                }
            }
        }
        if found.contains("EncryptedPackage") { return .encrypted }
        if found.contains("Workbook") || found.contains("Book") { return .workbook(.xls) }
        if found.contains("WordDocument") { return .other("Word (.doc)") }
        if found.contains("PowerPoint Document") { return .other("PowerPoint (.ppt)") }
        return .workbook(.xls)
    }
}
