// manifest.json: what a run read and wrote, with hashes; the mark that an output folder is unionbatch's.
import Foundation
import UnionCore
import UnionImport
import UnionSummary
import UnionWriters

public enum Manifest {
    public static let fileName = "manifest.json"
    public static let tool = "unionbatch"
    public static let version = "0.1.0"

    /// Whether `folder` holds a manifest that unionbatch wrote.
    static func isOurs(folder: String) -> Bool {
        guard let object = read(folder: folder) else { return false }
        return object["tool"] as? String == tool
    }

    static func read(folder: String) -> [String: Any]? {
        // Read only when it is a regular file: a named pipe by that name is never opened to wait on.
        guard let bytes = try? FileBytes.read(path: folder + "/" + fileName),
              let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
        return object
    }

    /// The outputs the last run recorded, by name, with their SHA-256.
    static func recordedOutputs(folder: String) -> [String: String] {
        guard let object = read(folder: folder), let outputs = object["outputs"] as? [[String: Any]] else { return [:] }
        var result: [String: String] = [:]
        for o in outputs {
            if let f = o["file"] as? String, let h = o["sha256"] as? String { result[f] = h }
        }
        return result
    }

    static func document(command: String, options: [(String, JSONValue)], summary: Summary, profile: [(String, JSONValue)],
                         outputs: [(String, String)], keptEdits: [String], accountingHolds: Bool) -> String {
        let inputs: [JSONValue] = summary.inputs.map { i in
            .object([
                ("file", .string(i.file)),
                ("sha256", .string(i.sha256)),
                ("encoding", i.encoding.map { .string($0) } ?? .null),
                ("delimiter", i.delimiter.map { .string($0) } ?? .null),
                ("dataset", i.dataset.map { .string($0.rawValue) } ?? .null),
                ("rows", .integer(i.rows)),
                ("included", .integer(i.included)),
                ("excluded", .integer(i.excluded)),
                ("outside_year", .integer(i.outsideYear)),
                ("refused", .bool(i.refused)),
            ])
        }
        let doc: JSONValue = .object([
            ("tool", .string(tool)),
            ("version", .string(version)),
            ("command", .string(command)),
            ("options", .object(options)),
            ("as_of", .string(summary.asOf.description)),
            ("year", .integer(summary.year)),
            ("inputs", .array(inputs)),
            ("accounting", .object([
                ("rule", .string("rows = included + excluded + outside_year, for every file")),
                ("holds", .bool(accountingHolds)),
            ])),
            ("profile", .object(profile)),
            ("outputs", .array(outputs.map { .object([("file", .string($0.0)), ("sha256", .string($0.1))]) })),
            ("kept_edits", .array(keptEdits.map { .string($0) })),
        ])
        return doc.rendered() + "\n"
    }
}
