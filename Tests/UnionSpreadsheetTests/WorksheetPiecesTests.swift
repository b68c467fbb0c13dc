// A worksheet read in pieces by two parsers gives the CSV one parser gives; cuts in comments, CDATA and
// processing instructions fall back; cells cut across chunks of any size read whole.
import CWorksheetCells
import Foundation
@testable import UnionSpreadsheet
import XCTest
import ZIPFoundation

final class WorksheetPiecesTests: XCTestCase {
    var folder = ""
    /// What the last read in pieces found besides its CSV.
    var splitHiddenRows = 0
    var splitMerges: [Int: Int] = [:]
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let part = "xl/worksheets/sheet1.xml"

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "/ub-pieces-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    /// A package holding only the one part (the reader of one part needs no more): the worksheet by default.
    func package(_ xml: String, part: String = WorksheetPiecesTests.part) throws -> PackageParts {
        let path = folder + "/book-\(UUID().uuidString).xlsx"
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let data = Data(xml.utf8)
        try archive.addEntry(with: part, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        return try PackageParts(path: path)
    }

    func sheet(_ rows: String, declaration: String = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n") -> String {
        declaration + "<x:worksheet xmlns:x=\"\(Self.main)\"><x:sheetData>" + rows + "</x:sheetData><x:mergeCells count=\"1\"><x:mergeCell ref=\"A2:A3\"/></x:mergeCells></x:worksheet>"
    }

    func reader(_ name: String, strings: SharedStrings = SharedStrings(), merges: [Int: Int]? = nil) throws -> WorksheetHandler {
        WorksheetHandler(sheet: "S", strings: strings, dateStyles: [false, true], base1904: false,
                         writer: try SheetCSVWriter(path: folder + "/" + name), merges: merges)
    }

    func csv(_ handler: WorksheetHandler) throws -> String {
        try handler.writer.finish()
        return try String(contentsOfFile: handler.writer.path, encoding: .utf8)
    }

    /// The sheet read by one parser, and in pieces of `pieceSize`: the pieces read (nil: fell back) and both CSVs.
    func readBoth(_ xml: String, pieceSize: Int = 256, strings: SharedStrings = SharedStrings()) throws -> (pieces: Int?, one: String, split: String) {
        let parts = try package(xml)
        let one = try reader("one.csv", strings: strings)
        let stream = try WorksheetCellStream(part: Self.part, merges: true)
        let bytes = Array(xml.utf8)
        try bytes.withUnsafeBytes { try stream.feed($0, into: one) }
        try stream.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true, into: one)
        let split = try reader("split.csv", strings: strings)
        let entry = try XCTUnwrap(parts.directory[Self.part])
        let pieces = WorksheetPieces(package: parts, entry: entry, pieceSize: pieceSize, threads: .detached).read(into: split)
        if pieces != nil {
            XCTAssertEqual(one.mergesDown, split.mergesDown)
            XCTAssertEqual(one.hiddenRows, split.hiddenRows)
        }
        splitHiddenRows = split.hiddenRows
        splitMerges = split.mergesDown
        return (pieces, try csv(one), try csv(split))
    }

    /// Rows of every kind of cell, with and without references, prefixed, with entities and CJK text.
    func rows(_ count: Int, from first: Int = 1) -> String {
        (first..<first + count).map { r in
            let hidden = r % 7 == 0 ? " hidden=\"1\"" : ""
            let ref = r % 5 == 0 ? "" : " r=\"\(r)\""
            return "<x:row\(ref)\(hidden)><x:c r=\"A\(r)\" t=\"inlineStr\"><x:is><x:t>名&amp;\(r)</x:t></x:is></x:c>"
                + "<x:c t=\"inlineStr\"><x:is><x:r><x:t>张</x:t></x:r><x:rPh><x:t>ちょう</x:t></x:rPh></x:is></x:c>"
                + "<x:c r=\"D\(r)\" s=\"1\"><x:v>4419\(r % 10)</x:v></x:c><x:c r=\"E\(r)\"><x:v>59.699999999999996</x:v></x:c>"
                + "<x:c r=\"F\(r)\" t=\"b\"><x:v>1</x:v></x:c><x:c r=\"G\(r)\"><x:v>1.1010519900101101E+17</x:v></x:c></x:row>\n"
        }.joined()
    }

    func testPiecesGiveTheCSVOfOneParser() throws {
        let (pieces, one, split) = try readBoth(sheet(rows(400)))
        XCTAssertGreaterThan(try XCTUnwrap(pieces), 20)
        XCTAssertEqual(split, one)
        // Rows 7, 14, … 399 are hidden; A2:A3 is merged down.
        XCTAssertEqual(splitHiddenRows, 57)
        XCTAssertEqual(splitMerges, [WorksheetHandler.key(row: 2, column: 1): 3])
        XCTAssertTrue(one.hasPrefix("名&1,张,,2020-12-26,59.7,TRUE,1.10105199001011E+17\n名&2,张,,2020-12-27,59.7,TRUE,1.10105199001011E+17\n"))
        XCTAssertEqual(one.split(separator: "\n", omittingEmptySubsequences: false).count, 401)
    }

    /// `<row` inside a comment, a CDATA section or a processing instruction, where a cut would fall:
    /// expat says the cut did not hold, and the read falls back to one parser.
    func testACutInsideACommentCDATAOrInstructionFallsBack() throws {
        let fakes = (0..<40).map { "<x:row r=\"9\(String(format: "%02d", $0))\"><x:c><x:v>1</x:v></x:c></x:row>" }.joined()
        let hiding = [
            "<!-- " + fakes + " -->",
            "<x:row r=\"100\"><x:c r=\"A100\" t=\"inlineStr\"><x:is><x:t><![CDATA[" + fakes + "]]></x:t></x:is></x:c></x:row>",
            "<?note " + fakes + " ?>",
        ]
        for hidden in hiding {
            let xml = sheet(rows(60) + hidden + rows(60, from: 101))
            let (pieces, one, _) = try readBoth(xml)
            XCTAssertNil(pieces, String(hidden.prefix(12)))
            // Read again by one parser (the package's own reader): the CSV of one parser, rows 1 to 160.
            let read = try package(xml).readWorksheet(Self.part, into: { try reader("fallback.csv") }, threads: .detached, pieceSize: 256)
            XCTAssertEqual(try csv(read), one)
            XCTAssertEqual(one.split(separator: "\n", omittingEmptySubsequences: false).count, 161)
        }
    }

    /// The PI case that a byte search cannot see: the main parser's text joins two halves of a PI.
    func testAnInstructionSpanningTwoCutsIsNotTakenForRows() throws {
        let xml = sheet(rows(60) + "<?pi " + String(repeating: "<x:row r=\"7\">", count: 30) + " ?>" + rows(60, from: 101)
                        + "<?pi " + String(repeating: " ", count: 300) + "?>")
        let (pieces, one, _) = try readBoth(xml)
        XCTAssertNil(pieces)
        XCTAssertEqual(one.split(separator: "\n", omittingEmptySubsequences: false).count, 161)
    }

    func testAPartNotDeclaredUTF8IsNotCut() throws {
        let xml = sheet(rows(100), declaration: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>")
            .replacingOccurrences(of: "名", with: "").replacingOccurrences(of: "张", with: "Z").replacingOccurrences(of: "ちょう", with: "")
        let (pieces, one, split) = try readBoth(xml)
        XCTAssertEqual(pieces, 0)
        XCTAssertEqual(split, one)
    }

    /// A cell past an inflated chunk (1 MiB) and four pieces goes to the main parser whole; rows after it are
    /// cut again.
    func testAHugeCellIsReadWholeBetweenPieces() throws {
        let text = String(repeating: "长", count: 500_000)
        let huge = "<x:row r=\"61\"><x:c r=\"B61\" t=\"inlineStr\"><x:is><x:t>" + text + "</x:t></x:is></x:c></x:row>"
        let (pieces, one, split) = try readBoth(sheet(rows(60) + huge + rows(60, from: 62)))
        XCTAssertGreaterThan(try XCTUnwrap(pieces), 45)
        XCTAssertEqual(split, one)
        XCTAssertTrue(one.contains("\n," + text + ",,,,,\n"))
    }

    func testSharedStringsAtTheLimitsAndPastThem() throws {
        let strings = SharedStrings()
        strings.append(Array("甲".utf8))
        strings.append(Array("乙".utf8))
        let last = "<x:row r=\"200\"><x:c r=\"C200\" t=\"s\"><x:v>1</x:v></x:c><x:c r=\"D200\" t=\"s\"><x:v>0</x:v></x:c></x:row>"
        let (pieces, one, split) = try readBoth(sheet(rows(150) + last), strings: strings)
        XCTAssertNotNil(pieces)
        XCTAssertEqual(split, one)
        XCTAssertTrue(one.hasSuffix(",,乙,甲,,,\n"))
        // Index 2 of two strings, in a late piece: the read falls back and names the cell.
        let past = "<x:row r=\"200\"><x:c r=\"C200\" t=\"s\"><x:v>2</x:v></x:c></x:row>"
        let parts = try package(sheet(rows(150) + past))
        XCTAssertThrowsError(try parts.readWorksheet(Self.part, into: { try reader("past.csv", strings: strings) }, threads: .detached, pieceSize: 256)) {
            XCTAssertEqual($0 as? SpreadsheetProblem, .sharedStringOutOfRange(sheet: "S", cell: "C200", index: 2))
        }
    }

    func testAMalformedLatePieceIsSaidAsOneParserSaysIt() throws {
        let xml = sheet(rows(150) + "<x:row r=\"200\"><x:c r=\"A200\"><x:v>1</x:c></x:row>")
        let parts = try package(xml)
        XCTAssertThrowsError(try parts.readWorksheet(Self.part, into: { try reader("bad.csv") }, threads: .detached, pieceSize: 256)) {
            XCTAssertEqual($0 as? SpreadsheetProblem, .badXML(part: Self.part, line: 152, reason: "Opening and ending tag mismatch: v line 152 and c"))
        }
        let past = try package(sheet(rows(150) + "<x:row r=\"1048577\"/>"))
        XCTAssertThrowsError(try past.readWorksheet(Self.part, into: { try reader("past.csv") }, threads: .detached, pieceSize: 256)) {
            XCTAssertEqual($0 as? SpreadsheetProblem, .cellOutOfRange(sheet: "S", cell: "row 1048577"))
        }
    }

    /// Fed in chunks of every size from 1 to 17 bytes, cells cut anywhere (in names, references, values and
    /// multi-byte characters) read as fed whole.
    func testCellsCutAcrossChunksReadWhole() throws {
        let xml = sheet(rows(12))
        let bytes = Array(xml.utf8)
        let whole = try reader("whole.csv")
        let stream = try WorksheetCellStream(part: Self.part, merges: true)
        try bytes.withUnsafeBytes { try stream.feed($0, into: whole) }
        try stream.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true, into: whole)
        let expected = try csv(whole)
        for size in 1...17 {
            let chunked = try reader("chunked-\(size).csv")
            let cut = try WorksheetCellStream(part: Self.part, merges: true)
            var at = 0
            while at < bytes.count {
                let end = min(at + size, bytes.count)
                try bytes.withUnsafeBytes { try cut.feed(UnsafeRawBufferPointer(rebasing: $0[at..<end]), into: chunked) }
                at = end
            }
            try cut.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true, into: chunked)
            XCTAssertEqual(try csv(chunked), expected, "chunks of \(size)")
            XCTAssertEqual(chunked.mergesDown, [WorksheetHandler.key(row: 2, column: 1): 3])
        }
    }

    /// A cell inside a cell (no writer makes one) reads in the order of its events, as the Swift event
    /// handler read it: the outer start, the inner cell, then the outer end with the last value read.
    func testANestedCellKeepsTheOrderOfItsEvents() throws {
        let xml = sheet("<x:row r=\"1\"><x:c r=\"A1\"><x:v>1</x:v><x:c r=\"B1\"><x:v>2</x:v></x:c></x:c><x:c><x:v>3</x:v></x:c></x:row>")
        let (pieces, one, split) = try readBoth(xml)
        XCTAssertEqual(pieces, 0)
        XCTAssertEqual(one, ",22,3\n")
        XCTAssertEqual(split, one)
    }

    func testRowCutsFindPrefixedAndPlainRowsOnly() {
        func find(_ text: String, from: Int = 0) -> Int? {
            let bytes = Array((text + String(repeating: " ", count: 48)).utf8)
            return bytes.withUnsafeBytes { PieceCut.row.find(in: $0, from: from) }
        }
        XCTAssertEqual(find("<c><rows/><row r=\"1\">"), 10)
        XCTAssertEqual(find("<c><x:row>"), 3)
        XCTAssertEqual(find("<c><ns-1.a:row/>"), 3)
        XCTAssertEqual(find("<rowx><:row ><x:rows>"), nil)
        XCTAssertEqual(find("<row>", from: 1), nil)
    }

    // MARK: Shared strings, read in pieces as a sheet is

    static let stringsPart = "xl/sharedStrings.xml"

    /// Strings of every shape a writer makes: plain, runs of rich text, a phonetic guide (not shown), CDATA,
    /// entities and character references, white space kept, prefixed names, CJK.
    func strings(_ count: Int) -> String {
        (0..<count).map { i in
            switch i % 6 {
            case 0: return "<x:si><x:t>名\(i)</x:t></x:si>"
            case 1: return "<x:si><x:r><x:t>张</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>\(i)</x:t></x:r><x:rPh sb=\"0\" eb=\"1\"><x:t>ちょう</x:t></x:rPh></x:si>"
            case 2: return "<x:si><x:t><![CDATA[a<b>&\(i)]]></x:t></x:si>"
            case 3: return "<x:si><x:t>&amp;&#x4E2D;&lt;\(i)</x:t></x:si>"
            case 4: return "<x:si><x:t xml:space=\"preserve\">  \(i)  </x:t></x:si>\n"
            default: return "<x:si/>"
            }
        }.joined()
    }

    func sst(_ items: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<x:sst xmlns:x=\"\(Self.main)\">" + items + "</x:sst>"
    }

    /// Each string of the table, as text.
    func texts(_ strings: SharedStrings) -> [String] {
        (0..<strings.count).map { i in strings.withString(i) { String(decoding: $0, as: UTF8.self) } }
    }

    /// The table read by one parser, and in pieces of 256 bytes: the pieces read (nil: fell back) and both tables.
    func readStringsBoth(_ xml: String) throws -> (pieces: Int?, one: [String], split: [String]) {
        let parts = try package(xml, part: Self.stringsPart)
        let one = try parts.readSharedStrings(Self.stringsPart, threads: nil)
        let split = SharedStrings()
        let entry = try XCTUnwrap(parts.directory[Self.stringsPart])
        let pieces = WorksheetPieces(package: parts, entry: entry, pieceSize: 256, threads: .detached).read(into: split)
        return (pieces, texts(one), texts(split))
    }

    func testSharedStringsInPiecesAreTheTableOfOneParser() throws {
        let (pieces, one, split) = try readStringsBoth(sst(strings(600)))
        XCTAssertGreaterThan(try XCTUnwrap(pieces), 20)
        XCTAssertEqual(split, one)
        XCTAssertEqual(one.count, 600)
        XCTAssertEqual(Array(one[0..<6]), ["名0", "张1", "a<b>&2", "&中<3", "  4  ", ""])
        XCTAssertEqual(one[595], "张595")
        // And through the package's reader with threads, as the pipeline reads a large table.
        let parts = try package(sst(strings(600)), part: Self.stringsPart)
        XCTAssertEqual(texts(try parts.readSharedStrings(Self.stringsPart, threads: .detached, pieceSize: 256)), one)
    }

    /// `<si` inside a comment, a CDATA section or a processing instruction, where a cut would fall: the
    /// table falls back to one parser, and the hidden strings are not strings.
    func testSharedStringCutsInCommentsCDATAAndInstructionsFallBack() throws {
        let fakes = (0..<40).map { "<x:si><x:t>假\($0)</x:t></x:si>" }.joined()
        for hidden in ["<!-- " + fakes + " -->", "<x:si><x:t><![CDATA[" + fakes + "]]></x:t></x:si>", "<?note " + fakes + " ?>"] {
            let xml = sst(strings(60) + hidden + strings(60))
            let (pieces, one, _) = try readStringsBoth(xml)
            XCTAssertNil(pieces, String(hidden.prefix(12)))
            let parts = try package(xml, part: Self.stringsPart)
            let read = texts(try parts.readSharedStrings(Self.stringsPart, threads: .detached, pieceSize: 256))
            XCTAssertEqual(read, one)
            XCTAssertEqual(read.count, hidden.hasPrefix("<x:si>") ? 121 : 120)
            XCTAssertFalse(read.contains("假0"))
        }
    }

    /// Found by the worksheet fuzz harness: a table of empty strings alone (no text at all in the batch)
    /// trapped on the batch's missing text buffer.
    func testATableOfEmptyStringsAloneIsRead() throws {
        let parts = try package(sst("<x:si><x:t/></x:si><x:si/><x:si><x:t></x:t></x:si>"), part: Self.stringsPart)
        XCTAssertEqual(texts(try parts.readSharedStrings(Self.stringsPart, threads: nil)), ["", "", ""])
    }

    /// A document type declaration in the table is refused by either reader, before any entity is read.
    func testADoctypeInSharedStringsIsRefusedInPiecesToo() throws {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY x \"y\">]>" + sst(strings(600)).dropFirst(56)
        let parts = try package(String(xml), part: Self.stringsPart)
        for threads in [nil, SheetThreads.detached] {
            XCTAssertThrowsError(try parts.readSharedStrings(Self.stringsPart, threads: threads, pieceSize: 256)) {
                XCTAssertEqual($0 as? SpreadsheetProblem, .doctypeIn(part: Self.stringsPart))
            }
        }
    }

    // MARK: libxml2's limits on one part

    /// A text of 12 MB (past libxml2's 10 MB lookup limit) in one cell is read whole by one parser.
    func testATwelveMegabyteCellIsReadWhole() throws {
        let text = String(repeating: "长", count: 4_000_000)
        let xml = sheet("<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>" + text + "</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>")
        let read = try package(xml).readWorksheet(Self.part, into: { try reader("long.csv") }, threads: nil)
        XCTAssertEqual(try csv(read), text + ",2\n")
    }

    /// Elements nested 100,000 deep (libxml2's push parser keeps no stack of calls, and checks no depth):
    /// read, not a crash.
    func testElementsNestedAHundredThousandDeepAreRead() throws {
        let deep = String(repeating: "<x:g>", count: 100_000) + String(repeating: "</x:g>", count: 100_000)
        let parts = try package(sheet("<x:row r=\"1\"><x:c r=\"A1\"><x:v>1</x:v></x:c></x:row>" + deep))
        let read = try parts.readWorksheet(Self.part, into: { try reader("deep.csv") }, threads: nil)
        XCTAssertEqual(try csv(read), "1\n")
    }

    /// An attribute value of 11 MB (past libxml2's 10 MB) is damage, said once, not a hang or a crash.
    func testAnElevenMegabyteAttributeIsDamage() throws {
        let value = String(repeating: "a", count: 11_000_000)
        let parts = try package(sheet("<x:row r=\"1\" spans=\"" + value + "\"><x:c r=\"A1\"><x:v>1</x:v></x:c></x:row>"))
        XCTAssertThrowsError(try parts.readWorksheet(Self.part, into: { try reader("wide.csv") }, threads: nil)) {
            XCTAssertEqual($0 as? SpreadsheetProblem, .badXML(part: Self.part, line: 2, reason: "internal error: Huge input lookup"))
        }
    }
}

extension SheetThreads {
    /// A thread of its own for each piece of work, as the pipeline's scheduling gives.
    static let detached = SheetThreads { Thread.detachNewThread($0) }
}
