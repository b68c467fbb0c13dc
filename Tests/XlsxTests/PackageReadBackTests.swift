// PackageReadBack: a written workbook is read back whole, and a cut-short one is refused and removed.
import Foundation
import XCTest
@testable import Xlsx
import ZIPFoundation

final class PackageReadBackTests: XCTestCase {
    func testWholeWorkbookReadsBack() throws {
        let folder = try makeTemporaryFolder(self)
        let path = folder.appendingPathComponent("whole.xlsx").path
        let workbook = try Workbook(path: path, constantMemory: true, tempDirectory: folder.path)
        let sheet = try workbook.addWorksheet("数据")
        for row in 0..<2_000 { try sheet.write("第 \(row) 行", row: row, column: 0) }
        try workbook.close()
        XCTAssertNoThrow(try PackageReadBack.verify(path: path))
    }

    func testPartCutShortIsRefused() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("cut.xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        let whole = Data(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\#n<Types xmlns="x"><Default Extension="xml"/></Types>"#.utf8)
        let cut = Data(#"<?xml version="1.0"?>\#n<worksheet xmlns="x"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>abc"#.utf8)
        for (name, data) in [("[Content_Types].xml", whole), ("xl/worksheets/sheet1.xml", cut)] {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        XCTAssertThrowsError(try PackageReadBack.verify(path: url.path)) { error in
            XCTAssertTrue(String(describing: error).contains("xl/worksheets/sheet1.xml is cut short"), String(describing: error))
        }
    }

    func testEmptyRootElementIsWhole() {
        var part = PackageReadBack.Part()
        let text = Array(#"<?xml version="1.0"?><sst count="0" uniqueCount="0"/>"#.utf8)
        part.size = text.count
        part.head = text
        part.tail = text
        XCTAssertTrue(PackageReadBack.endsWithItsRoot(part))
        part.tail = Array(text.dropLast(2))
        XCTAssertFalse(PackageReadBack.endsWithItsRoot(part))
    }

    /// A full disk, as a file-size limit: libxlsxwriter's temporary files are cut short without an error,
    /// and `close()` must throw and leave no file rather than a shortened workbook.
    func testCloseOnAFullDiskThrowsAndLeavesNothing() throws {
        let folder = try makeTemporaryFolder(self)
        let path = folder.appendingPathComponent("full.xlsx").path
        let workbook = try Workbook(path: path, constantMemory: true, tempDirectory: folder.path)
        let sheet = try workbook.addWorksheet("数据")
        let previous = signal(SIGXFSZ, SIG_IGN)
        var saved = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &saved)
        var limited = saved
        limited.rlim_cur = 64 * 1024
        setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limited)
        defer {
            setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &saved)
            signal(SIGXFSZ, previous)
        }
        for row in 0..<20_000 { try sheet.write("第 \(row) 行的内容，足够长，让临时文件超过限制", row: row, column: 0) }
        XCTAssertThrowsError(try workbook.close())
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }
}
