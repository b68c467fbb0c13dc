// Byte-level UTF-8 validation, shared by encoding detection and the CSV reader's per-field check.

enum UTF8Validator {
    /// Length of the well-formed UTF-8 sequence starting at `p[i]`, or 0 when the bytes there are not one.
    /// Rejects overlong forms, surrogates (ED A0..BF) and code points above U+10FFFF, as the Unicode standard does.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let b0 = p[i]
        if b0 < 0x80 { return 1 }
        if b0 < 0xC2 { return 0 }
        if b0 < 0xE0 {
            return i + 1 < end && p[i + 1] & 0xC0 == 0x80 ? 2 : 0
        }
        if b0 < 0xF0 {
            guard i + 2 < end else { return 0 }
            let b1 = p[i + 1]
            let b2 = p[i + 2]
            guard b2 & 0xC0 == 0x80 else { return 0 }
            switch b0 {
            case 0xE0: return b1 >= 0xA0 && b1 <= 0xBF ? 3 : 0
            case 0xED: return b1 >= 0x80 && b1 <= 0x9F ? 3 : 0
            default: return b1 & 0xC0 == 0x80 ? 3 : 0
            }
        }
        if b0 < 0xF5 {
            guard i + 3 < end else { return 0 }
            let b1 = p[i + 1]
            guard p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else { return 0 }
            switch b0 {
            case 0xF0: return b1 >= 0x90 && b1 <= 0xBF ? 4 : 0
            case 0xF4: return b1 >= 0x80 && b1 <= 0x8F ? 4 : 0
            default: return b1 & 0xC0 == 0x80 ? 4 : 0
            }
        }
        return 0
    }

    /// Offset of the first byte that does not start a well-formed sequence, or nil when all `count` bytes are valid.
    static func firstInvalidOffset(_ p: UnsafePointer<UInt8>, count: Int) -> Int? {
        var i = 0
        while i < count {
            // Most input is ASCII: skip it eight bytes at a time.
            while i + 8 <= count {
                let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < count else { break }
            if p[i] < 0x80 {
                i += 1
                continue
            }
            let length = sequenceLength(p, i, count)
            if length == 0 { return i }
            i += length
        }
        return nil
    }

    static func isValid(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        firstInvalidOffset(p, count: count) == nil
    }

    /// Per physical line (split at LF or CR): how many lines hold non-ASCII text that is valid UTF-8,
    /// and how many hold an invalid sequence. Decides whether a file is "UTF-8 with a few bad rows".
    static func lineCounts(_ p: UnsafePointer<UInt8>, count: Int) -> (validNonASCII: Int, invalid: Int) {
        var counter = LineCounter()
        _ = counter.count(p, count: count, isLast: true)
        return (counter.validNonASCII, counter.invalid)
    }

    /// The offset of the first LF or CR in `p[start..<stop]`, else `stop`; eight bytes at a time.
    static func lineEnd(_ p: UnsafePointer<UInt8>, from start: Int, to stop: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = start
        while i + 8 <= stop {
            // A byte of lf (cr) is zero where the word holds LF (CR); the test sees whether any byte is zero.
            let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            let lf = word ^ (ones &* 0x0A)
            let cr = word ^ (ones &* 0x0D)
            if ((lf &- ones) & ~lf | (cr &- ones) & ~cr) & high != 0 { break }
            i += 8
        }
        while i < stop && p[i] != 0x0A && p[i] != 0x0D { i += 1 }
        return i
    }

    /// `lineCounts` taken a window at a time: the line the window ends in goes on in the next one.
    struct LineCounter {
        private(set) var validNonASCII = 0
        private(set) var invalid = 0
        private var lineHasNonASCII = false
        private var lineHasInvalid = false

        /// Counts the window's bytes and returns how many it used: all of them when `isLast`, else all but
        /// the last three at most (a sequence there may be cut by the window; they start the next one).
        mutating func count(_ p: UnsafePointer<UInt8>, count: Int, isLast: Bool) -> Int {
            // Four bytes are enough to tell any sequence, so a window short of its end decides as the whole file.
            let stop = isLast ? count : count - 3
            var i = 0
            while i < stop {
                if lineHasInvalid {
                    // The line counts as invalid whatever else it holds: only its end matters (as in GB18030
                    // text, where nearly every line is invalid UTF-8 from its first Chinese character on).
                    i = UTF8Validator.lineEnd(p, from: i, to: stop)
                    if i == stop { break }
                }
                let b = p[i]
                if b < 0x80 {
                    if b == 0x0A || b == 0x0D {
                        if lineHasInvalid { invalid += 1 } else if lineHasNonASCII { validNonASCII += 1 }
                        lineHasNonASCII = false
                        lineHasInvalid = false
                    }
                    i += 1
                    continue
                }
                let length = sequenceLength(p, i, count)
                if length == 0 {
                    lineHasInvalid = true
                    i += 1
                } else {
                    lineHasNonASCII = true
                    i += length
                }
            }
            if isLast {
                if lineHasInvalid { invalid += 1 } else if lineHasNonASCII { validNonASCII += 1 }
                lineHasNonASCII = false
                lineHasInvalid = false
            }
            return max(i, 0)
        }
    }
}
