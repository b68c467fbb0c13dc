// Test support: fresh temporary folders and reading the parts of a written .xlsx back.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import Xlsx
import ZIPFoundation

/// A new empty folder under the system temporary directory, removed when the test ends.
func makeTemporaryFolder(_ testCase: XCTestCase) throws -> URL {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("XlsxTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
}

/// The names of every entry of the zip archive at `url`, in archive order.
func zipEntryNames(_ url: URL) throws -> [String] {
    let archive = try Archive(url: url, accessMode: .read)
    return archive.map(\.path)
}

/// The entry `path` of the zip archive at `url`, decoded as UTF-8; fails the test if absent.
func zipEntryText(_ url: URL, _ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let archive = try Archive(url: url, accessMode: .read)
    guard let entry = archive[path] else {
        XCTFail("\(url.lastPathComponent) has no entry \(path)", file: file, line: line)
        return ""
    }
    var data = Data()
    _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
    guard let text = String(data: data, encoding: .utf8) else {
        XCTFail("\(path) in \(url.lastPathComponent) is not UTF-8", file: file, line: line)
        return ""
    }
    return text
}

/// The shared-string table of a written workbook, in index order (plain `<t>` runs only).
func sharedStrings(_ url: URL) throws -> [String] {
    let xml = try zipEntryText(url, "xl/sharedStrings.xml")
    return xml.components(separatedBy: "<si>").dropFirst().map { item in
        guard let open = item.range(of: "<t"),
              let close = item.range(of: ">", range: open.upperBound..<item.endIndex),
              let end = item.range(of: "</t>", range: close.upperBound..<item.endIndex) else { return "" }
        return String(item[close.upperBound..<end.lowerBound])
    }
}

/// Fails with the surroundings of the XML when `needle` is not in it.
func assertContains(_ xml: String, _ needle: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertTrue(xml.contains(needle), "expected \(needle) in:\n\(xml)", file: file, line: line)
}

func assertNotContains(_ xml: String, _ needle: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertFalse(xml.contains(needle), "did not expect \(needle) in:\n\(xml)", file: file, line: line)
}

/// Builds a workbook at a fresh path with a fixed creation date, closes it, returns its URL.
func writeWorkbook(
    _ testCase: XCTestCase, name: String = "test.xlsx", constantMemory: Bool = false,
    _ build: (Workbook) throws -> Void
) throws -> URL {
    let url = try makeTemporaryFolder(testCase).appendingPathComponent(name)
    let workbook = try Workbook(path: url.path, constantMemory: constantMemory)
    workbook.setProperties(created: (2025, 12, 31))
    try build(workbook)
    try workbook.close()
    return url
}

/// Runs `body`, which must throw an XlsxError; returns it for further checks.
func expectXlsxError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> XlsxError? {
    do {
        try body()
        XCTFail("expected an XlsxError", file: file, line: line)
        return nil
    } catch let error as XlsxError {
        return error
    } catch {
        XCTFail("expected an XlsxError, got \(error)", file: file, line: line)
        return nil
    }
}

/// Fails for every .xml, .rels or .vml part of the archive that an XML parser rejects.
func assertEveryPartIsWellFormedXML(_ url: URL, file: StaticString = #filePath, line: UInt = #line) throws {
    for name in try zipEntryNames(url) where [".xml", ".rels", ".vml"].contains(where: name.hasSuffix) {
        let parser = XMLParser(data: Data(try zipEntryText(url, name).utf8))
        XCTAssertTrue(parser.parse(), "\(name) is not well-formed: \(String(describing: parser.parserError))",
                      file: file, line: line)
    }
}
