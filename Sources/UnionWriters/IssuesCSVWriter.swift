// issues.csv: every finding, UTF-8 with BOM, formula-looking text neutralised.
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    /// Writes the file at `path` a block of findings at a time (each block's lines made on two threads),
    /// so a million findings never hold the whole text, nor a copy of it, at once.
    public static func write<C: RandomAccessCollection>(path: String, _ findings: C, presenter: FindingPresenter) throws
    where C.Element == Finding, C.Index == Int {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(code: errno) }
        defer { close(fd) }
        func put(_ bytes: [UInt8]) throws {
            var done = 0
            while done < bytes.count {
                let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + done, $0.count - done) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(code: errno)
                }
                done += n
            }
        }
        try put(bytes([], presenter: presenter))
        let block = 1 << 16
        var start = 0
        while start < findings.count {
            let end = min(start + block, findings.count)
            try put(Array(bytes(Array(findings[start..<end]), presenter: presenter).dropFirst(headerBytes(presenter))))
            start = end
        }
    }

    /// The length of the BOM and header line.
    private static func headerBytes(_ presenter: FindingPresenter) -> Int { bytes([], presenter: presenter).count }

    /// A failed write of issues.csv: the system's reason.
    public struct WriteError: Error, CustomStringConvertible {
        public let code: Int32
        public var description: String { String(cString: strerror(code)) }
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

// write(2) by its module's name: inside IssuesCSVWriter its own `write` hides it.
#if canImport(Glibc)
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, bytes, count) }
#elseif canImport(Darwin)
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { Darwin.write(fd, bytes, count) }
#endif
