// Tests of CDeflate: minizip's streams go to ISA-L, every workbook inflates to the zlib build's parts, Calc reads them.
import CDeflate
import CMinizip
import Foundation
import UnionCore
import UnionPipeline
import XCTest
import ZIPFoundation

final class FastDeflateTests: XCTestCase {
    /// Runs `body` with ISA-L turned off process-wide: the zlib build the tests compare with.
    private func withZlibOnly<T>(_ body: () throws -> T) rethrows -> T {
        let previous = unionbatch_fast_deflate_allow(0)
        defer { _ = unionbatch_fast_deflate_allow(previous) }
        return try body()
    }

    /// Every entry of a zip file inflated (CRC-32 checked by ZIPFoundation's zlib inflate), in archive order.
    private func inflatedParts(_ path: String) throws -> [(name: String, bytes: Data)] {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        return try archive.map { entry in
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            return (entry.path, data)
        }
    }

    /// Info-ZIP's own test of every entry (`unzip -tq`), an inflater that is neither ours nor ZIPFoundation's.
    private func assertUnzipTestPasses(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["unzip", "-tq", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "unzip -t \(path)", file: file, line: line)
    }

    /// Every .xlsx under `out`, sub-folders (a roll-up's units) included, as paths relative to it.
    private func workbooks(_ out: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: out).filter { $0.hasSuffix(".xlsx") }.sorted()
    }

    private func assertSameParts(_ fast: String, _ zlib: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let fastParts = try inflatedParts(fast)
        let zlibParts = try inflatedParts(zlib)
        XCTAssertEqual(fastParts.map(\.name), zlibParts.map(\.name), fast, file: file, line: line)
        for (mine, theirs) in zip(fastParts, zlibParts) {
            XCTAssertEqual(mine.bytes, theirs.bytes, "\(fast): \(mine.name)", file: file, line: line)
        }
    }

    /// `run` on a unit's sample, `rollup` on a federation's (township, county), the outputs in `out`.
    private func run(_ sample: String, _ folder: String, out: String) {
        guard sample == "township" || sample == "county" else {
            _ = runFolder(folder, out: out)
            return
        }
        var options = RollupOptions(today: Day(year: 2026, month: 3, day: 1)!)
        options.folders = [folder]
        options.outputFolder = out
        options.year = 2025
        options.asOf = Day(year: 2025, month: 12, day: 31)
        _ = RollupPipeline.execute(options)
    }

    /// Runs a fresh copy of `sample`; returns the folder holding the copy and `out`, where every workbook written
    /// lies (a roll-up also writes each unit's own outputs into the unit's folder).
    private func runCopy(_ sample: String) throws -> String {
        let folder = try copySample(sample)
        let parent = (folder as NSString).deletingLastPathComponent
        run(sample, folder, out: parent + "/out")
        return parent
    }

    /// The workbooks a run wrote under `parent`, relative to it (the samples' own input files left out).
    private func writtenWorkbooks(_ parent: String) throws -> [String] {
        try workbooks(parent).filter { $0.hasPrefix("out/") || $0.contains("/unionbatch-out/") }
    }

    /// The sheets of a workbook with links to the checked workbooks (their relationships part names them).
    private func splicedSheets(_ path: String) throws -> Int {
        try xlsxEntries(path).filter { $0.hasPrefix("xl/worksheets/_rels/") }.filter { entry in
            try xlsxPart(path, entry).contains(#"/relationships/hyperlink" Target="checked-"#)
        }.count
    }

    func testEverySampleWorkbookInflatesToTheZlibBuildsPartsAndRepeatsByteForByte() throws {
        for sample in ["company", "messy", "township", "county"] {
            let before = unionbatch_fast_deflate_streams()
            let fast = try runCopy(sample)
            let taken = unionbatch_fast_deflate_streams() - before
            let again = try runCopy(sample)
            let zlibBefore = unionbatch_fast_deflate_streams()
            let zlib = try withZlibOnly { try runCopy(sample) }
            XCTAssertEqual(unionbatch_fast_deflate_streams(), zlibBefore, "\(sample): the zlib build took no ISA-L stream")
            let names = try writtenWorkbooks(fast)
            XCTAssertFalse(names.isEmpty, sample)
            XCTAssertEqual(try writtenWorkbooks(zlib), names, sample)
            var partCount = 0
            var spliced = 0
            var differing = 0
            for name in names {
                try assertUnzipTestPasses(fast + "/" + name)
                try assertSameParts(fast + "/" + name, zlib + "/" + name)
                partCount += try xlsxEntries(fast + "/" + name).count
                spliced += try splicedSheets(fast + "/" + name)
                let fastBytes = try Data(contentsOf: URL(fileURLWithPath: fast + "/" + name))
                XCTAssertEqual(fastBytes, try Data(contentsOf: URL(fileURLWithPath: again + "/" + name)), "\(sample)/\(name) twice")
                if fastBytes != (try Data(contentsOf: URL(fileURLWithPath: zlib + "/" + name))) { differing += 1 }
            }
            // Every part of every workbook went through ISA-L: one stream a part, and no file is zlib's. A sheet
            // whose links to the checked workbooks were spliced in after close (问题清单, PackageLinks) was
            // deflated twice: by libxlsxwriter, then again with its links.
            XCTAssertEqual(taken, UInt(partCount + spliced), sample)
            XCTAssertEqual(spliced, sample == "company" ? 0 : 1, sample)
            XCTAssertEqual(differing, names.count, sample)
        }
    }

    func testCalcReadsTheSameCellsFromTheISALAndZlibBuilds() throws {
        let folder = try copySample("company")
        let root = try makeTempFolder("deflate-calc")
        _ = runFolder(folder, out: root + "/fast")
        _ = withZlibOnly { runFolder(folder, out: root + "/zlib") }
        let both = try makeTempFolder("deflate-both")
        try FileManager.default.copyItem(atPath: root + "/fast/checked-members.xlsx", toPath: both + "/fast.xlsx")
        try FileManager.default.copyItem(atPath: root + "/zlib/checked-members.xlsx", toPath: both + "/zlib.xlsx")
        let calc = try Calc.exportSheets([both + "/fast.xlsx", both + "/zlib.xlsx"])
        let fast = try Calc.sheet(calc, workbook: "fast.xlsx", sheet: "会员名册")
        XCTAssertEqual(fast, try Calc.sheet(calc, workbook: "zlib.xlsx", sheet: "会员名册"))
        // The header and the sample's 136 members, the cells Calc shows as the roster has them.
        XCTAssertEqual(fast.count, 137)
        XCTAssertEqual(fast.first?.prefix(6), ["状态", "问题", "行号", "姓名", "性别", "身份证号"])
        XCTAssertEqual(fast[1], ["正常", "", "2", "韩娟娜", "女", "513030197212050660", "1972-12-05", "10075", "机关分会",
                                 "1997-03-31", "", "在册", "在岗", "15534365412", "8503.8", "510", "12", "相对困难"])
        XCTAssertEqual(fast.last, ["正常", "", "137", "曹鹏平", "男", "513030199705177554", "1997-05-17", "10891", "后勤分会",
                                   "2025-03-17", "", "在册", "在岗", "18934283485", "5024", "251", "10", "否"])
    }

    /// Writes `entries` through minizip (what libxlsxwriter calls), each entry's bytes in the given write sizes.
    private func writeZip(_ path: String, _ entries: [(name: String, bytes: [UInt8], chunks: [Int])]) throws {
        let zip = try XCTUnwrap(zipOpen(path, 0))
        for entry in entries {
            XCTAssertEqual(zipOpenNewFileInZip(zip, entry.name, nil, nil, 0, nil, 0, nil, Z_DEFLATED, 6), ZIP_OK)
            var offset = 0
            for size in entry.chunks {
                let status = entry.bytes[offset..<offset + size].withUnsafeBytes {
                    zipWriteInFileInZip(zip, $0.baseAddress, UInt32(size))
                }
                XCTAssertEqual(status, ZIP_OK)
                offset += size
            }
            XCTAssertEqual(offset, entry.bytes.count)
            XCTAssertEqual(zipCloseFileInZip(zip), ZIP_OK)
        }
        XCTAssertEqual(zipClose(zip, nil), ZIP_OK)
    }

    /// 3 MB of sheet-like XML (repeats for the matcher, a counter so it never repeats whole) in 1,500+ odd-sized writes.
    private func bigPart() -> (bytes: [UInt8], chunks: [Int]) {
        var text = ""
        var seed: UInt32 = 12345
        while text.utf8.count < 3_000_000 {
            seed = seed &* 1_103_515_245 &+ 12345
            text += "<row r=\"\(text.utf8.count)\"><c t=\"n\"><v>\(seed % 100_000)</v></c><c t=\"s\"><v>\(seed % 97)</v></c></row>"
        }
        let bytes = Array(text.utf8)
        var chunks: [Int] = []
        var left = bytes.count
        while left > 0 {
            seed = seed &* 1_103_515_245 &+ 12345
            let size = min(left, Int(seed % 4000))  // zero-sized writes included
            chunks.append(size)
            left -= size
        }
        return (bytes, chunks)
    }

    func testBigAndEmptyPartsRoundTripThroughMinizipAndRepeat() throws {
        let root = try makeTempFolder("deflate-zip")
        let big = bigPart()
        XCTAssertGreaterThan(big.chunks.count, 1500)
        let entries: [(name: String, bytes: [UInt8], chunks: [Int])] = [
            ("empty.xml", [], []), ("empty-write.xml", [], [0]), ("big.xml", big.bytes, big.chunks),
            ("small.xml", Array("<a/>".utf8), [4]),
        ]
        let before = unionbatch_fast_deflate_streams()
        let previous = unionbatch_fast_deflate_set(1)
        defer { _ = unionbatch_fast_deflate_set(previous) }
        try writeZip(root + "/fast.zip", entries)
        try writeZip(root + "/again.zip", entries)
        XCTAssertEqual(unionbatch_fast_deflate_streams() - before, 8)
        try withZlibOnly { try writeZip(root + "/zlib.zip", entries) }
        XCTAssertEqual(unionbatch_fast_deflate_streams() - before, 8)
        try assertUnzipTestPasses(root + "/fast.zip")
        let parts = try inflatedParts(root + "/fast.zip")
        XCTAssertEqual(parts.map(\.name), entries.map(\.name))
        for (part, entry) in zip(parts, entries) { XCTAssertEqual(part.bytes, Data(entry.bytes), part.name) }
        try assertSameParts(root + "/fast.zip", root + "/zlib.zip")
        let fastBytes = try Data(contentsOf: URL(fileURLWithPath: root + "/fast.zip"))
        XCTAssertEqual(fastBytes, try Data(contentsOf: URL(fileURLWithPath: root + "/again.zip")))
        XCTAssertNotEqual(fastBytes, try Data(contentsOf: URL(fileURLWithPath: root + "/zlib.zip")))
    }

    func testStreamsOtherThanMinizipsStayZlibsWhileTheSwitchIsOn() throws {
        let previous = unionbatch_fast_deflate_set(1)
        defer { _ = unionbatch_fast_deflate_set(previous) }
        let before = unionbatch_fast_deflate_streams()
        let input = Array(String(repeating: "工会会员名册 union roster ", count: 2000).utf8)
        for (windowBits, strategy) in [(MAX_WBITS, Z_DEFAULT_STRATEGY), (-MAX_WBITS, Z_FILTERED), (MAX_WBITS + 16, Z_DEFAULT_STRATEGY)] {
            var stream = z_stream()
            XCTAssertEqual(deflateInit2_(&stream, 6, Z_DEFLATED, windowBits, 8, strategy, ZLIB_VERSION,
                                         Int32(MemoryLayout<z_stream>.size)), Z_OK)
            var output = [UInt8](repeating: 0, count: 100_000)
            var source = input
            let status = source.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_in = inBuffer.baseAddress
                    stream.avail_in = UInt32(inBuffer.count)
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    return deflate(&stream, Z_FINISH)
                }
            }
            XCTAssertEqual(status, Z_STREAM_END, "windowBits \(windowBits)")
            XCTAssertEqual(stream.total_in, UInt(input.count))
            // zlib's wrappers: 0x78 for a zlib stream, 0x1f 0x8b for gzip; their checks filled in by zlib itself.
            if windowBits == MAX_WBITS { XCTAssertEqual(output[0], 0x78) }
            if windowBits > MAX_WBITS { XCTAssertEqual(Array(output[0..<2]), [0x1F, 0x8B]) }
            XCTAssertEqual(deflateEnd(&stream), Z_OK)
        }
        XCTAssertEqual(unionbatch_fast_deflate_streams(), before)
    }
}
