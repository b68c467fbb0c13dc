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
    /// The spending lines' canonical names in chart order (the budget's lines with a ledger).
    public var expenseLineNames: [String] { lines.indices.filter { !isIncome($0) }.map { lines[$0].name } }

    /// The line a name is known by (a canonical name or an alias), the whole name alone.
    public func line(named name: String) -> Int? { byName[name] }

    /// The line of an account cell: the whole cell, else its last part after `-`, `—`, `/` or `：`
    /// (`维权支出-劳动保护费`; ASCII `:`, full-width `－` and `／` too).
    public func line(forAccount cell: String) -> Int? {
        if let line = byName[cell] { return line }
        // Scalars, not characters: every account cell of a ledger may come here.
        let scalars = cell.unicodeScalars
        guard let cut = scalars.lastIndex(where: { ChartOfAccounts.separators.contains($0.value) }) else { return nil }
        var tail = scalars[scalars.index(after: cut)...]
        while let f = tail.first, f == " " || f == "\u{3000}" || f == "\t" { tail.removeFirst() }
        while let l = tail.last, l == " " || l == "\u{3000}" || l == "\t" { tail.removeLast() }
        return tail.isEmpty ? nil : byName[String(tail)]
    }

    /// `-`, `—`, `/`, `：`, and `:`, `－`, `／`.
    static let separators: Set<UInt32> = [0x2D, 0x2014, 0x2F, 0xFF1A, 0x3A, 0xFF0D, 0xFF0F]

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

/// Payment categories summed against ledger lines (L03): the ledger's total of `lines` should equal the
/// payments of `categories`.
public struct Reconciliation: Sendable, Equatable {
    public let lines: [Int]
    public let categories: [PaymentCategory]
}
