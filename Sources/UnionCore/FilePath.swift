// Paths taken apart and joined as plain text: any path a clerk types (relative, bare, with `..`) has a parent and a name.
import Foundation

/// Foundation's NSString and URL path calls trap on some inputs (an empty path's parent); these never do.
public enum FilePath {
    /// The folder holding `path`: `s` for `s/a.json`, `.` for a bare `a.json`, `/` for `/a.json`.
    public static func parent(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let head = withoutTrailingSlashes(String(trimmed[..<slash]))
        return head.isEmpty ? "/" : head
    }

    /// The last component as written: `a.json` for `s/a.json/`; empty only for an empty path.
    public static func lastComponent(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `name` inside `folder`; a folder written with a trailing slash gets no second one.
    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The absolute form of `path`, `.` and `..` resolved by the text (no links followed), against the current folder.
    public static func absolute(_ path: String) -> String {
        let start = path.hasPrefix("/") ? path : join(currentFolder(), path)
        var parts: [Substring] = []
        for part in start.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// What a folder is called, even when it is given as `.`, `..` or `s/..`: its absolute path's last component.
    public static func name(_ path: String) -> String {
        let last = lastComponent(absolute(path))
        return last.isEmpty ? "/" : last
    }

    /// The current folder (`.` when it cannot be had: it was removed).
    public static func currentFolder() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func withoutTrailingSlashes(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }
}
