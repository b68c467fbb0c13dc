// A folder in GB18030 or UTF-16 gives the outputs of the same folder in UTF-8, its roster read in two halves.
import Foundation
import UnionCore
import UnionGenerator
import UnionImport
import UnionPipeline
import XCTest

final class DecodedFolderTests: XCTestCase {
    /// The generator's folder in UTF-8, the same seed in GB18030, and the UTF-8 files turned into UTF-16 of
    /// both byte orders, each run with the roster read in halves: the same issues.csv, annual text and
    /// checked workbooks byte for byte, the same summary.json but for the inputs' encodings. Both shapes.
    func testGB18030AndUTF16CopiesGiveTheUTF8FoldersOutputs() throws {
        for shape in GeneratorOptions.Shape.allCases {
            let base = try makeTempFolder("decoded-" + shape.rawValue)
            var options = GeneratorOptions(seed: 17, members: 3000, payments: 1500, claims: 300, enrollments: 100, problemRate: 0.02)
            options.shape = shape
            // Each copy in a folder of the same name (the summary's unit).
            func folder(_ copy: String) -> String { base + "/" + copy + "/工会" }
            _ = try FolderGenerator.write(to: folder("utf8"), options: options)
            options.encoding = .gb18030
            _ = try FolderGenerator.write(to: folder("gb18030"), options: options)
            for bigEndian in [false, true] {
                try utf16Copy(of: folder("utf8"), to: folder(bigEndian ? "utf16be" : "utf16le"), bigEndian: bigEndian)
            }
            var outputs: [String: String] = [:]
            for copy in ["utf8", "gb18030", "utf16le", "utf16be"] {
                outputs[copy] = base + "/out-" + copy
                let report = runFolder(folder(copy), out: outputs[copy]) {
                    $0.concurrentWriters = true
                    $0.rosterHalvesFromBytes = 1
                }
                XCTAssertEqual(report.exitCode, 1, copy)
                XCTAssertTrue(report.findings.contains { $0.file == "members.csv" }, "the roster has findings to compare (\(copy))")
            }
            let names = ["annual-report.txt", "checked-claims.xlsx", "checked-enrollments.xlsx", "checked-members.xlsx",
                         "checked-payments.xlsx", "issues.csv"]
            let reference = try summaryWithoutEncodings(outputs["utf8"]!)
            XCTAssertEqual(Set(reference.inputs), ["UTF-8-BOM"])
            for (copy, encoding) in [("gb18030", "GB18030"), ("utf16le", "UTF-16LE"), ("utf16be", "UTF-16BE")] {
                for name in names {
                    let a = try Data(contentsOf: URL(fileURLWithPath: outputs["utf8"]! + "/" + name))
                    let b = try Data(contentsOf: URL(fileURLWithPath: outputs[copy]! + "/" + name))
                    XCTAssertTrue(a == b, "\(shape) \(copy) \(name)")
                }
                let summary = try summaryWithoutEncodings(outputs[copy]!)
                XCTAssertEqual(Set(summary.inputs), [encoding], "\(shape) \(copy)")
                XCTAssertEqual(summary.rest, reference.rest, "\(shape) \(copy) summary.json")
            }
            // The roster really was read in two halves in each encoding.
            for copy in ["gb18030", "utf16le", "utf16be"] {
                guard case .opened(let input, _) = InputOpener.open(InputSource(name: "members.csv", path: folder(copy) + "/members.csv"),
                                                                   policy: RulePolicy(severities: [:])) else { return XCTFail(copy) }
                let split = try XCTUnwrap(input.middleLineStart(minimumBytes: 1), copy)
                var recorder = FindingRecorder(policy: RulePolicy(severities: [:]), file: "members.csv")
                XCTAssertTrue(input.forEachRawRecord(before: split, recorder: &recorder) { _, _, _ in }.endedAtSplit, copy)
            }
        }
    }

    /// summary.json's inputs' encodings, and the rest of it as sorted JSON text.
    private func summaryWithoutEncodings(_ folder: String) throws -> (inputs: [String], rest: String) {
        var json = try readJSON(folder + "/summary.json")
        var inputs = try XCTUnwrap(json["inputs"] as? [[String: Any]])
        let encodings = inputs.map { $0["encoding"] as? String ?? "" }
        for i in inputs.indices { inputs[i]["encoding"] = nil }
        json["inputs"] = inputs
        let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        return (encodings, String(decoding: data, as: UTF8.self))
    }

    /// Every CSV of `folder` (UTF-8 with a byte-order mark) in UTF-16 with its byte-order mark, in `target`.
    private func utf16Copy(of folder: String, to target: String, bigEndian: Bool) throws {
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".csv") {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], name)
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            let units = Array(text.utf16)
            var out: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            out.reserveCapacity(2 + units.count * 2)
            for u in units { out += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
            try Data(out).write(to: URL(fileURLWithPath: target + "/" + name))
        }
    }
}
