// issues.csv: every finding, UTF-8 with BOM, formula-looking text neutralised.
import Dispatch
import UnionCore

public enum IssuesCSVWriter {
    public static let header = ["file", "row", "column", "field", "value", "rule", "severity", "message", "hint"]

    /// The whole file as bytes. `units` (one per finding) adds a leading `unit` column (roll-ups).
    /// Many findings are written in two halves on two threads, joined in order.
    public static func bytes(_ findings: [Finding], presenter: FindingPresenter, units: [String]? = nil) -> [UInt8] {
        var out = Array("\u{FEFF}".utf8)
        out += Array((((units == nil ? [] : ["unit"]) + header).joined(separator: ",") + "\r\n").utf8)
        let halves = findings.count >= 2_000 ? 2 : 1
        let bounds = (0...halves).map { findings.count * $0 / halves }
        final class Parts: @unchecked Sendable {
            // @unchecked: each part is written by one iteration, read after all are done.
            var lines: [[UInt8]]
            init(_ n: Int) { lines = Array(repeating: [], count: n) }
        }
        let parts = Parts(halves)
        DispatchQueue.concurrentPerform(iterations: halves) { part in
            var bytes: [UInt8] = []
            for i in bounds[part]..<bounds[part + 1] { line(findings[i], unit: units?[i], presenter: presenter, into: &bytes) }
            parts.lines[part] = bytes
        }
        for part in parts.lines { out += part }
        return out
    }

    /// One finding's line.
    private static func line(_ f: Finding, unit: String?, presenter: FindingPresenter, into out: inout [UInt8]) {
        if let unit {
            appendCell(unit, to: &out)
            out.append(0x2C)
        }
        let cells = [f.file, f.row.map(String.init) ?? "", presenter.columnLetter(f), f.field?.key ?? "",
                     presenter.value(f), f.rule.rawValue, f.severity.rawValue, presenter.message(f), presenter.hint(f)]
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(0x2C) }
            appendCell(cell, to: &out)
        }
        out += [0x0D, 0x0A]
    }

    /// Quotes a cell when needed (RFC 4180) and prefixes formula-looking text with `'`.
    static func csvCell(_ raw: String) -> String {
        var out: [UInt8] = []
        appendCell(raw, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `csvCell`'s bytes, added to `out`. Looked at byte by byte: a quote or a line break is one byte in
    /// UTF-8 whatever follows it (as a `Character`, a CR LF pair is neither CR nor LF, and a quote with a
    /// combining mark is not a quote).
    private static func appendCell(_ raw: String, to out: inout [UInt8]) {
        var text = raw
        let formula = looksLikeFormula(raw)
        text.withUTF8 { bytes in
            let quoted = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            if quoted { out.append(0x22) }
            if formula { out.append(0x27) }
            if quoted {
                for b in bytes {
                    out.append(b)
                    if b == 0x22 { out.append(0x22) }
                }
                out.append(0x22)
            } else {
                out.append(contentsOf: bytes)
            }
        }
    }
}
