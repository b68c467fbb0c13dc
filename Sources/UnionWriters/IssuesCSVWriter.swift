// issues.csv: every finding, UTF-8 with BOM, formula-looking text neutralised.
import UnionCore

public enum IssuesCSVWriter {
    public static let header = ["file", "row", "column", "field", "value", "rule", "severity", "message", "hint"]

    /// The whole file as bytes. `units` (one per finding) adds a leading `unit` column (roll-ups).
    public static func bytes(_ findings: [Finding], presenter: FindingPresenter, units: [String]? = nil) -> [UInt8] {
        var out = "\u{FEFF}"
        out += ((units == nil ? [] : ["unit"]) + header).joined(separator: ",") + "\r\n"
        for (i, f) in findings.enumerated() {
            var cells: [String] = []
            if let units { cells.append(units[i]) }
            cells += [f.file, f.row.map(String.init) ?? "", presenter.columnLetter(f), f.field?.key ?? "",
                      presenter.value(f), f.rule.rawValue, f.severity.rawValue, presenter.message(f), presenter.hint(f)]
            out += cells.map(csvCell).joined(separator: ",") + "\r\n"
        }
        return Array(out.utf8)
    }

    /// Quotes a cell when needed (RFC 4180) and prefixes formula-looking text with `'`.
    static func csvCell(_ raw: String) -> String {
        let text = looksLikeFormula(raw) ? "'" + raw : raw
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + String(text.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
        }
        return text
    }
}
