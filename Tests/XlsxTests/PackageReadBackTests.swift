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

    /// Compressed data that is damaged, or ends before its last block, is refused; a part that inflates to
    /// another size than its recorded one too.
    func testDamagedOrShortCompressedDataIsRefused() throws {
        let folder = try makeTemporaryFolder(self)
        let path = folder.appendingPathComponent("whole.xlsx").path
        let workbook = try Workbook(path: path, constantMemory: true, tempDirectory: folder.path)
        let sheet = try workbook.addWorksheet("数据")
        for row in 0..<3_000 { try sheet.write("第 \(row) 行，编号 \(row * 7919 % 10007)", row: row, column: 0) }
        try workbook.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let central = try XCTUnwrap(centralRecord(of: "xl/worksheets/sheet1.xml", in: bytes))
        func le32(_ d: Data, _ i: Int) -> Int { Int(d[i]) | Int(d[i + 1]) << 8 | Int(d[i + 2]) << 16 | Int(d[i + 3]) << 24 }
        func put32(_ d: inout Data, _ i: Int, _ v: Int) { for k in 0..<4 { d[i + k] = UInt8(v >> (8 * k) & 0xFF) } }
        let compressed = le32(bytes, central + 20), size = le32(bytes, central + 24), local = le32(bytes, central + 42)
        XCTAssertEqual(Array(bytes[local..<local + 4]), [0x50, 0x4B, 0x03, 0x04])
        XCTAssertGreaterThan(compressed, 2_000)
        let data = local + 30 + (Int(bytes[local + 26]) | Int(bytes[local + 27]) << 8) + (Int(bytes[local + 28]) | Int(bytes[local + 29]) << 8)
        func refused(_ damaged: Data, _ why: String, line: UInt = #line) throws {
            let damagedPath = folder.appendingPathComponent("damaged-\(line).xlsx").path
            try damaged.write(to: URL(fileURLWithPath: damagedPath))
            XCTAssertThrowsError(try PackageReadBack.verify(path: damagedPath), line: line) { error in
                XCTAssertTrue(String(describing: error).contains(why), String(describing: error), line: line)
            }
        }
        // Bytes overwritten in the middle of the stream.
        var garbled = bytes
        for i in 0..<64 { garbled[data + compressed / 2 + i] = 0xFF }
        try refused(garbled, "xl/worksheets/sheet1.xml")
        // The recorded uncompressed size one more than the data's.
        var bigger = bytes
        put32(&bigger, central + 24, size + 1)
        try refused(bigger, "xl/worksheets/sheet1.xml does not read back as it was zipped")
        // The recorded compressed size cut to half: the stream ends before its last block.
        var shorter = bytes
        put32(&shorter, central + 20, compressed / 2)
        try refused(shorter, "xl/worksheets/sheet1.xml: compressed data cut short")
    }

    /// Where the central directory record of `name` starts.
    private func centralRecord(of name: String, in bytes: Data) -> Int? {
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        var i = bytes.startIndex
        while i + 46 <= bytes.endIndex {
            if Array(bytes[i..<i + 4]) == signature {
                let nameLength = Int(bytes[i + 28]) | Int(bytes[i + 29]) << 8
                if i + 46 + nameLength <= bytes.endIndex, Array(bytes[(i + 46)..<(i + 46 + nameLength)]) == Array(name.utf8) { return i }
            }
            i += 1
        }
        return nil
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
