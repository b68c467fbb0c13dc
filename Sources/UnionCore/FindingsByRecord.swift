// A file's findings looked up by data record, at 4 bytes a finding, for the writers that walk the rows.

/// The findings of each data record, in the order they were recorded. A dictionary of an array a record
/// costs over a hundred bytes a finding (a million findings: well over 100 MB more at the peak); this keeps
/// the findings as they are and their positions sorted by record, found by binary search.
public struct FindingsByRecord: Sendable {
    private let findings: [Finding]
    /// Positions in `findings` of those with a record, by record and then by position.
    private let order: [Int32]

    public init(_ findings: [Finding]) {
        self.findings = findings
        var order: [Int32] = []
        order.reserveCapacity(findings.count)
        for (i, f) in findings.enumerated() where f.recordIndex != nil { order.append(Int32(i)) }
        order.sort { a, b in
            let ra = findings[Int(a)].recordIndex!, rb = findings[Int(b)].recordIndex!
            return ra != rb ? ra < rb : a < b
        }
        self.order = order
    }

    /// The findings of data record `record`, as recorded; empty when it has none.
    public subscript(record: Int) -> [Finding] {
        var low = 0
        var high = order.count
        while low < high {
            let middle = (low + high) / 2
            if findings[Int(order[middle])].recordIndex! < record { low = middle + 1 } else { high = middle }
        }
        var found: [Finding] = []
        while low < order.count, findings[Int(order[low])].recordIndex == record {
            found.append(findings[Int(order[low])])
            low += 1
        }
        return found
    }
}
