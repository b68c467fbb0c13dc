// ArgumentParser writes its help frames and usage errors in English; in Chinese runs they are said again here.
import Foundation
import UnionCore

enum ParserTextChinese {
    /// The help or version text ArgumentParser made, with its English frame (headings, the built-in
    /// options, the defaults and the closing hint) in Chinese. Our own texts are Chinese already.
    static func help(_ text: String) -> String { relaidOut(frame(text)) }

    private static func frame(_ text: String) -> String {
        var out = text
        for (english, chinese) in frameWords { out = out.replacingOccurrences(of: english, with: chinese) }
        out = replace(#"See '([^']+) <子命令>' for detailed help\."#, in: out) { "运行“\($0[1]) <子命令>”查看子命令的详细说明。" }
        return replace(#"\(default: ([^)]*)\)"#, in: out) { "（默认：\($0[1])）" }
    }

    /// ArgumentParser lines up its columns by counting characters, and a Chinese character takes two
    /// columns on a terminal; it wraps at spaces, and Chinese text has none. So the Chinese text is asked of
    /// it unwrapped (`unwrappedColumns`) and laid out here by display width: each entry (a label and its
    /// description) lined up at the description column, and each long line wrapped.
    static func relaidOut(_ text: String, width: Int = 80) -> String {
        let descriptionColumn = 26
        let indent = String(repeating: " ", count: descriptionColumn)
        var out: [String] = []
        for line in text.components(separatedBy: "\n") {
            if let m = match(#"^(  [^ ].*?)  +([^ ].*)$"#, line), !line.hasPrefix("  运行") {
                let label = m[1]
                let labelWidth = displayWidth(label)
                let pieces = wrapped(m[2], width: width - descriptionColumn)
                if labelWidth + 2 <= descriptionColumn {
                    out.append(label + String(repeating: " ", count: descriptionColumn - labelWidth) + pieces[0])
                } else {
                    out.append(label)
                    out.append(indent + pieces[0])
                }
                out += pieces.dropFirst().map { indent + $0 }
            } else if displayWidth(line) > width {
                let lead = String(line.prefix { $0 == " " })
                let hanging = line.hasPrefix("用法：") ? "      " : lead
                let pieces = wrapped(String(line.dropFirst(lead.count)), width: width - max(lead.count, hanging.count))
                out.append(lead + pieces[0])
                out += pieces.dropFirst().map { hanging + $0 }
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }

    /// The width ArgumentParser is asked to wrap Chinese text at: none.
    static let unwrappedColumns = 100_000

    /// Lines of at most `width` display columns, broken before a Chinese character or at a space.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var word = ""
        var wordWidth = 0
        func flushWord() {
            guard !word.isEmpty else { return }
            if lineWidth + wordWidth > width, !line.isEmpty {
                lines.append(line.trimmingCharacters(in: .whitespaces))
                line = ""; lineWidth = 0
                if word == " " { word = ""; wordWidth = 0; return }
            }
            line += word; lineWidth += wordWidth
            word = ""; wordWidth = 0
        }
        var inPlaceholder = false
        for character in text {
            if character == "<" { inPlaceholder = true } else if character == ">" { inPlaceholder = false }
            let wide = !inPlaceholder && character.unicodeScalars.contains(where: isWide)
            if character == " " {
                flushWord(); word = " "; wordWidth = 1; flushWord()
            } else if wide {
                // A closing mark stays with the character before it.
                let closing = "，。、；：）」”』！？".contains(character)
                if !closing { flushWord() }
                word.append(character); wordWidth += 2
                if !closing { continue }
                flushWord()
            } else {
                word.append(character); wordWidth += character.unicodeScalars.contains(where: isWide) ? 2 : 1
            }
        }
        flushWord()
        if !line.isEmpty { lines.append(line.trimmingCharacters(in: .whitespaces)) }
        return lines.isEmpty ? [""] : lines
    }

    static func displayWidth(_ text: String) -> Int { DisplayWidth.of(text) }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool { DisplayWidth.isWide(scalar) }

    /// A usage error as ArgumentParser says it (`Error: …`, `Help: …`, `Usage: …`, `See '…' for more
    /// information.`), line by line in Chinese.
    static func error(_ text: String) -> String {
        relaidOut(text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let line = String(line)
            if line.hasPrefix("Error: ") { return "错误：" + message(String(line.dropFirst(7))) }
            if line.hasPrefix("Help:  ") { return "说明：" + String(line.dropFirst(7)) }
            if line.hasPrefix("Usage: ") { return "用法：" + frame(String(line.dropFirst(7))) }
            if let m = match(#"^(\s*)See '([^']+)' for more information\.$"#, line) {
                return "\(m[1])运行“\(m[2])”查看说明。"
            }
            return frame(line)
        }.joined(separator: "\n"))
    }

    /// One of ArgumentParser's error messages in Chinese; a message it does not know (our own checks,
    /// which are Chinese already) is kept as it is.
    static func message(_ text: String) -> String {
        if let m = match(#"^Unknown option '([^']+)'\. Did you mean '([^']+)'\?$"#, text) {
            return "没有选项“\(m[1])”，是否想用“\(m[2])”？"
        }
        if let m = match(#"^Unknown option '([^']+)'$"#, text) { return "没有选项“\(m[1])”" }
        if let m = match(#"^Unexpected argument '(.*)'$"#, text) { return "多余的参数“\(m[1])”" }
        if let m = match(#"^\d+ unexpected arguments: '(.*)'$"#, text) {
            return "多余的参数“" + m[1].replacingOccurrences(of: "', '", with: "”、“") + "”"
        }
        if let m = match(#"^Missing value for '([^']+)'$"#, text) { return "选项“\(frame(m[1]))”缺少值" }
        if let m = match(#"^Missing expected argument '([^']+)'$"#, text) { return "缺少参数“\(frame(m[1]))”" }
        if let m = match(#"^The value '(.*)' is invalid for '([^']+)'$"#, text) {
            return "“\(m[1])”不是“\(frame(m[2]))”可用的值"
        }
        if let m = match(#"^The option '([^']+)' does not take any value, but '(.*)' was specified\.$"#, text) {
            return "选项“\(m[1])”不带值，却给了“\(m[2])”"
        }
        if let m = match(#"^Invalid option: (.*)$"#, text) { return "无效的选项：\(m[1])" }
        if text == "Missing required subcommand." { return "缺少子命令。" }
        return text
    }

    private static let frameWords: [(String, String)] = [
        ("OVERVIEW: ", "简介："),
        ("USAGE: ", "用法："),
        ("ARGUMENTS:", "参数："),
        ("OPTIONS:", "选项："),
        ("SUBCOMMANDS:", "子命令："),
        ("Show help information.", "显示本帮助。"),
        ("Show the version.", "显示版本号。"),
        (" (default)", "（默认）"),
        ("<subcommand>", "<子命令>"),
        ("[<options>]", "[<选项>]"),
    ]

    private static func match(_ pattern: String, _ text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (0..<m.numberOfRanges).map { i in
            Range(m.range(at: i), in: text).map { String(text[$0]) } ?? ""
        }
    }

    private static func replace(_ pattern: String, in text: String, with make: ([String]) -> String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        let out = NSMutableString(string: text)
        for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            let groups = (0..<m.numberOfRanges).map { i in Range(m.range(at: i), in: text).map { String(text[$0]) } ?? "" }
            out.replaceCharacters(in: m.range, with: make(groups))
        }
        return out as String
    }
}
