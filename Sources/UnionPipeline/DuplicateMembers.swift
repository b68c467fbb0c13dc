// U01 in a roll-up: a person who is a member of more than one of the units, from their rosters or their keyed digests.
import UnionCore
import UnionRules
import UnionWriters

enum DuplicateMembers {
    /// From the rosters of a roll-up by folder: an ID number's first occurrence in each later unit is told the first unit
    /// that has it. Two grassroots unions under the same sub-federation were compared there already, so each level adds
    /// one finding per unit a person is in beyond the first, as a flat roll-up of all grassroots unions would.
    /// The findings with their grassroots union, and how many people they count.
    static func byRoster(_ reports: [UnitReport?]) -> ([(unit: String, finding: Finding)], Int) {
        var seen: [UInt64: (unit: String, tops: [Int])] = [:]
        var found: [(unit: String, finding: Finding)] = []
        for (top, report) in reports.enumerated() {
            guard let report else { continue }
            for m in report.members {
                guard var entry = seen[m.person] else {
                    seen[m.person] = (m.unit, [top])
                    continue
                }
                guard !entry.tops.contains(top) else { continue }
                entry.tops.append(top)
                seen[m.person] = entry
                found.append((m.unit, Finding(RollupFinding.alsoMemberOf(unit: entry.unit), severity: .warning, file: m.file, row: m.row,
                                              field: .memberID, value: IDNumber(packed: m.person).text)))
            }
        }
        return (found, found.count)
    }

    /// From the units' `members.id_digests` (SPEC §6): a digest in several units is one person; each later unit is told,
    /// once for each earlier unit, how many of its members that unit has too. No ID number is involved.
    static func byDigest(_ units: [FederationUnit]) -> ([(unit: String, finding: Finding)], Int) {
        var pairs: [(digest: MemberDigest, unit: Int32)] = []
        for (i, u) in units.enumerated() {
            for d in u.summary?.members?.idDigests ?? [] { pairs.append((d, Int32(i))) }
        }
        pairs.sort { $0.digest != $1.digest ? $0.digest < $1.digest : $0.unit < $1.unit }
        // (later unit, first unit) -> people
        var shared: [Int64: Int] = [:]
        var start = 0
        while start < pairs.count {
            var end = start + 1
            while end < pairs.count, pairs[end].digest == pairs[start].digest { end += 1 }
            let firstUnit = pairs[start].unit
            var previous = firstUnit
            for p in pairs[(start + 1)..<end] where p.unit != previous {
                shared[Int64(p.unit) << 32 | Int64(firstUnit), default: 0] += 1
                previous = p.unit
            }
            start = end
        }
        var found: [(unit: String, finding: Finding)] = []
        var people = 0
        for (key, count) in shared.sorted(by: { $0.key < $1.key }) {
            let later = units[Int(key >> 32)], earlier = units[Int(key & 0xFFFF_FFFF)]
            found.append((later.name, Finding(RollupFinding.sharedMembers(unit: earlier.name, count: count), severity: .warning, file: "")))
            people += count
        }
        return (found, people)
    }
}
