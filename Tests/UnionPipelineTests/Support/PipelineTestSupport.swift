// Shared helpers of the pipeline tests: temp folders, running a folder, reading outputs back.
import Foundation
import UnionCore
import UnionPipeline
import XCTest
import ZIPFoundation

enum Repo {
    /// The package root, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func sample(_ name: String) -> String { root.appendingPathComponent("Samples").appendingPathComponent(name).path }

    static var fixtures: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }
}

/// The folder every temp folder of this test process lives in; removed when the process exits, so a
/// failing or crashing test leaves nothing in TMPDIR either.
enum TestTemp {
    static let root: String = {
        let root = NSTemporaryDirectory() + "unionbatch-tests-\(getpid())"
        try? FileManager.default.removeItem(atPath: root)
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        atexit { TestTemp.removeAll() }
        return root
    }()

    /// Runs as root too, so folders a test made read-only are opened up before they are removed.
    static func removeAll() {
        let fm = FileManager.default
        if let walker = fm.enumerator(atPath: root) {
            for case let entry as String in walker {
                _ = chmod(root + "/" + entry, 0o755)
            }
        }
        try? fm.removeItem(atPath: root)
    }
}

/// A fresh folder under this process's temp root (removed at exit, see `TestTemp`).
func makeTempFolder(_ label: String = "ub") throws -> String {
    let path = TestTemp.root + "/\(label)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Copies a sample folder to a temp folder (so outputs never land in the repository). Only the sample's
/// own files are copied: outputs a user's run left in it (`unionbatch-out/`, staging folders) are not.
func copySample(_ name: String) throws -> String {
    let target = try makeTempFolder(name) + "/" + name
    try copyWithoutOutputs(from: Repo.sample(name), to: target)
    return target
}

/// Copies a folder tree, leaving out every `unionbatch-out/` and `.unionbatch*` entry at any depth.
private func copyWithoutOutputs(from source: String, to target: String) throws {
    let fm = FileManager.default
    try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
    for entry in try fm.contentsOfDirectory(atPath: source).sorted()
    where entry != "unionbatch-out" && !entry.hasPrefix(".unionbatch") {
        var isFolder: ObjCBool = false
        _ = fm.fileExists(atPath: source + "/" + entry, isDirectory: &isFolder)
        if isFolder.boolValue {
            try copyWithoutOutputs(from: source + "/" + entry, to: target + "/" + entry)
        } else {
            try fm.copyItem(atPath: source + "/" + entry, toPath: target + "/" + entry)
        }
    }
}

func runFolder(_ folder: String, out: String? = nil, mode: RunOptions.Mode = .run, year: Int? = 2025,
               asOf: String? = "2025-12-31", configure: (inout RunOptions) -> Void = { _ in }) -> RunReport {
    var options = RunOptions(folder: folder, today: Day(year: 2026, month: 3, day: 1)!)
    options.mode = mode
    options.outputFolder = out
    options.year = year
    options.asOf = asOf.flatMap { Day.parse($0) }
    configure(&options)
    return RunPipeline.execute(options)
}

func readJSON(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// A JSON number as fen. Figures are far below 2^53, so the double holds them exactly enough to round.
func fen(_ value: Any?) -> Int64? {
    guard let n = value as? NSNumber else { return nil }
    return Int64((n.doubleValue * 100).rounded())
}

func dict(_ value: Any?) -> [String: Any] { value as? [String: Any] ?? [:] }

/// One part of an XLSX (zip) file as text.
func xlsxPart(_ path: String, _ entry: String) throws -> String {
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    guard let e = archive[entry] else { throw NSError(domain: "xlsx", code: 1, userInfo: [NSLocalizedDescriptionKey: "no \(entry) in \(path)"]) }
    var data = Data()
    _ = try archive.extract(e, consumer: { data.append($0) })
    return String(decoding: data, as: UTF8.self)
}

func xlsxEntries(_ path: String) throws -> [String] {
    try Archive(url: URL(fileURLWithPath: path), accessMode: .read).map(\.path)
}

/// RFC 4180 records of a CSV text (BOM removed).
func parseCSV(_ raw: String) -> [[String]] {
    var text = Substring(raw)
    if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var i = text.startIndex
    var fieldStarted = false
    while i < text.endIndex {
        let c = text[i]
        if quoted {
            if c == "\"" {
                let next = text.index(after: i)
                if next < text.endIndex && text[next] == "\"" { field.append("\""); i = next } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" { quoted = true; fieldStarted = true }
        else if c == "," { row.append(field); field = ""; fieldStarted = false }
        else if c == "\r\n" || c == "\n" || c == "\r" {
            row.append(field); rows.append(row); row = []; field = ""; fieldStarted = false
        } else { field.append(c); fieldStarted = true }
        i = text.index(after: i)
    }
    if fieldStarted || !row.isEmpty || !field.isEmpty { row.append(field); rows.append(row) }
    return rows
}

/// LibreOffice Calc, headless, as the clerk opens the files.
enum Calc {
    /// Converts every sheet of each workbook to CSV (UTF-8) and returns the folder holding
    /// `<name>-<sheet>.csv` files. `recalculate` forces a full recalculation on load.
    static func exportSheets(_ workbooks: [String], recalculate: Bool = false) throws -> String {
        let out = try makeTempFolder("calc")
        let profile = try makeTempFolder("lo-profile")
        if recalculate {
            let user = profile + "/user"
            try FileManager.default.createDirectory(atPath: user, withIntermediateDirectories: true)
            let xcu = """
            <?xml version="1.0" encoding="UTF-8"?>
            <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
            <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
            </oor:items>
            """
            try xcu.write(toFile: user + "/registrymodifications.xcu", atomically: true, encoding: .utf8)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                             "--outdir", out] + workbooks
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "calc", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: "soffice failed"])
        }
        return out
    }

    static func sheet(_ folder: String, workbook: String, sheet: String) throws -> [[String]] {
        let base = (workbook as NSString).lastPathComponent.replacingOccurrences(of: ".xlsx", with: "")
        let path = folder + "/" + base + "-" + sheet + ".csv"
        return parseCSV(try String(contentsOfFile: path, encoding: .utf8))
    }
}

/// A sample copied to a temp folder and run once, shared by the tests of a class.
struct SampleRun: Sendable {
    let folder: String
    let out: String
    let report: RunReport

    init(_ name: String) {
        folder = (try? copySample(name)) ?? ""
        out = folder + "/unionbatch-out"
        report = runFolder(folder)
    }
}

/// Runs the real unionbatch binary; its exit status and standard error.
func runBinary(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardError = pipe
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// An output folder holding one complete set: every file the manifest lists is there with its hash; `extra`
/// names what else may be there (nothing, by default).
func assertCompleteSet(_ out: String, extra: Set<String> = [], file: StaticString = #filePath, line: UInt = #line) throws {
    let manifest = try readJSON(out + "/manifest.json")
    let outputs = manifest["outputs"] as? [[String: Any]] ?? []
    XCTAssertFalse(outputs.isEmpty, file: file, line: line)
    var names: Set<String> = ["manifest.json"]
    for o in outputs {
        let name = try XCTUnwrap(o["file"] as? String)
        names.insert(name)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/" + name)))
        XCTAssertEqual(SHA256.hex(of: bytes), o["sha256"] as? String, name, file: file, line: line)
    }
    XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: out)), names.union(extra), file: file, line: line)
}
