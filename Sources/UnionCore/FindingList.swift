// Findings in order across the arrays they were recorded in (each file's), without a combined copy.

/// The run's findings as one collection over each file's array, which it shares rather than copies: a
/// million findings in one array are 56 MB more while the files' arrays are still held (the checked
/// workbooks are written from them).
public struct FindingList: RandomAccessCollection, Sendable {
    /// The arrays, empty ones left out, in order.
    public let parts: [[Finding]]
    /// Where each part starts in the whole.
    private let starts: [Int]
    public let endIndex: Int

    public init(_ parts: [[Finding]]) {
        self.parts = parts.filter { !$0.isEmpty }
        var starts: [Int] = []
        var total = 0
        for part in self.parts {
            starts.append(total)
            total += part.count
        }
        self.starts = starts
        endIndex = total
    }

    public init(_ findings: [Finding]) { self.init([findings]) }

    public var startIndex: Int { 0 }

    public subscript(position: Int) -> Finding {
        precondition(position >= 0 && position < endIndex, "index out of range")
        // The last part starting at or before `position`.
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= position { low = middle } else { high = middle - 1 }
        }
        return parts[low][position - starts[low]]
    }

    /// Walks the parts in turn (no search a finding).
    public struct Iterator: IteratorProtocol {
        private let parts: [[Finding]]
        private var part = 0
        private var index = 0

        init(_ parts: [[Finding]]) { self.parts = parts }

        public mutating func next() -> Finding? {
            while part < parts.count {
                if index < parts[part].count {
                    defer { index += 1 }
                    return parts[part][index]
                }
                part += 1
                index = 0
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(parts) }

    /// The findings in one array (a copy).
    public var array: [Finding] {
        parts.count == 1 ? parts[0] : Array(self)
    }
}
