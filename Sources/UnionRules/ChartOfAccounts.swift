// The chart of accounts a ledger is read against (SPEC §2.2): groups, their lines, and the names of each line.
import UnionCore

public struct ChartOfAccounts: Sendable {
    public struct Line: Sendable, Equatable {
        /// The canonical name (`劳动保护费`).
        public let name: String
        /// The index of its group in `groups`.
        public let group: Int
    }

    /// Groups in chart order; `收入` is the income group, every other one spending.
    public private(set) var groups: [String] = []
    /// Lines in chart order, group by group.
    public private(set) var lines: [Line] = []
    /// Every name a line is known by (canonical names, aliases, a unit's own names) and its line.
    private var byName: [String: Int] = [:]

    public init() {}

    public static let incomeGroup = "收入"

    public func isIncome(_ line: Int) -> Bool { groups[lines[line].group] == ChartOfAccounts.incomeGroup }
    public func groupName(_ line: Int) -> String { groups[lines[line].group] }

    /// The line a name is known by (a canonical name or an alias), the whole name alone.
    public func line(named name: String) -> Int? { byName[name] }

    /// The line of an account cell: the whole cell, else its last part after `-`, `—`, `/` or `：`
    /// (`维权支出-劳动保护费`; ASCII `:`, full-width `－` and `／` too).
    public func line(forAccount cell: String) -> Int? {
        if let line = byName[cell] { return line }
        guard let cut = cell.lastIndex(where: { ChartOfAccounts.separators.contains($0) }) else { return nil }
        let tail = cell[cell.index(after: cut)...].trimmingCharacters(in: " \u{3000}\t")
        return tail.isEmpty ? nil : byName[tail]
    }

    static let separators: Set<Character> = ["-", "—", "/", "：", ":", "－", "／"]

    /// Adds a group (or finds it), returning its index.
    mutating func group(_ name: String) -> Int {
        if let i = groups.firstIndex(of: name) { return i }
        groups.append(name)
        return groups.count - 1
    }

    /// Adds a line to a group under its canonical name; a line already in the chart is moved to the group.
    mutating func addLine(_ name: String, group: Int) -> Int {
        if let i = lines.firstIndex(where: { $0.name == name }) {
            lines[i] = Line(name: name, group: group)
            return i
        }
        lines.append(Line(name: name, group: group))
        byName[name] = lines.count - 1
        return lines.count - 1
    }

    /// One more name for a line (an alias, or a unit's own account name).
    mutating func addName(_ name: String, line: Int) { byName[name] = line }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}

/// Payment categories summed against ledger lines (L03): the ledger's total of `lines` should equal the
/// payments of `categories`.
public struct Reconciliation: Sendable, Equatable {
    public let lines: [Int]
    public let categories: [PaymentCategory]
}
