// The plain XML spreadsheet writers make (worksheets, shared strings) read without expat, several times
// faster; anything outside that plain subset gives up, and the part is read again by expat.
import Foundation

/// The scanner met something outside the plain subset: the part is read again with expat, which reads it
/// or says exactly what is wrong with it.
struct PlainXMLUnsupported: Error {}

/// Hands a handler the same events expat would, for a part that holds only: an XML declaration (version
/// 1.0, UTF-8), elements with ASCII names, attributes with plain values (no `&`, `<`, tab or line break),
/// text with the five predefined entities and character references, and whitespace around the root.
/// Comments, processing instructions, CDATA, a DOCTYPE, carriage returns, control characters, C1
/// controls, non-ASCII names, duplicate attributes and anything malformed make it give up, before the
/// token concerned reaches the handler. Text may come in more pieces than expat makes (handlers append).
final class PlainXMLScanner {
    static let maxAttributes = 32
    static let maxDepth = 256
    /// Longest token (tag, or text up to the next tag) held across chunks; longer gives up.
    static let maxCarry = 1 << 18

    private enum Place { case start, prolog, content, epilog }

    private let handler: XMLEventHandler
    private let part: String
    private let capacity: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var place = Place.start
    private let pairs: UnsafeMutablePointer<UnsafePointer<CChar>?>
    /// Where each attribute's name starts and ends and its value starts and ends, while a tag is read.
    private let ends: UnsafeMutablePointer<Int>
    /// The open elements' names, one after another, and where each ends (raw memory: pushed and popped
    /// for every element, where an array's uniqueness checks and resizing showed in profiles).
    private let openNames: UnsafeMutablePointer<UInt8>
    private let openEnds: UnsafeMutablePointer<Int>
    private var depth = 0
    static let maxNameLength = 255

    init(part: String, handler: XMLEventHandler, chunkSize: Int) {
        self.part = part
        self.handler = handler
        capacity = chunkSize + PlainXMLScanner.maxCarry
        buffer = .allocate(capacity: capacity)
        pairs = .allocate(capacity: 2 * PlainXMLScanner.maxAttributes + 2)
        ends = .allocate(capacity: 4 * PlainXMLScanner.maxAttributes)
        openNames = .allocate(capacity: PlainXMLScanner.maxDepth * PlainXMLScanner.maxNameLength)
        openEnds = .allocate(capacity: PlainXMLScanner.maxDepth)
    }

    deinit {
        buffer.deallocate()
        pairs.deallocate()
        ends.deallocate()
        openNames.deallocate()
        openEnds.deallocate()
    }

    /// The part's next bytes. Throws `PlainXMLUnsupported`, or the handler's problem.
    func feed(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while !rest.isEmpty {
            let n = min(rest.count, capacity - count)
            guard n > 0 else { throw PlainXMLUnsupported() }
            (buffer + count).update(from: rest.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
            count += n
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            let used = try scan()
            let left = count - used
            guard left <= PlainXMLScanner.maxCarry else { throw PlainXMLUnsupported() }
            if used > 0 && left > 0 { buffer.update(from: buffer + used, count: left) }
            count = left
        }
    }

    /// The part's end: the root closed, nothing but whitespace after it.
    func finish() throws {
        guard place == .epilog, isWhitespace(buffer, count) else { throw PlainXMLUnsupported() }
    }

    // MARK: Tokens

    /// Scans the whole tokens held; returns how many bytes they took.
    private func scan() throws -> Int {
        var p = 0
        if place == .start {
            guard let after = try declarationEnd() else { return 0 }
            p = after
            place = .prolog
        }
        while p < count {
            let consumed: Int?
            if buffer[p] == 0x3C {
                consumed = try tag(at: p)
            } else {
                consumed = try text(at: p)
            }
            guard let consumed else { break }
            p += consumed
        }
        return p
    }

    /// Past a BOM and an XML declaration, if any; nil while the declaration is not whole.
    private func declarationEnd() throws -> Int? {
        var p = 0
        if count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { p = 3 } else if count < 3 { return nil }
        guard count - p >= 5 else { return nil }
        guard memcmp(buffer + p, "<?xml", 5) == 0 else { return p }
        guard let close = find(0x3E, from: p, to: count) else { return nil }
        guard close > p + 6, buffer[close - 1] == 0x3F else { throw PlainXMLUnsupported() }
        try checkDeclaration(buffer + p + 5, close - 1 - (p + 5))
        return close + 1
    }

    /// ` version="1.0" encoding="UTF-8" standalone="yes"`: version first, encoding UTF-8, in that order.
    private func checkDeclaration(_ s: UnsafeMutablePointer<UInt8>, _ n: Int) throws {
        var i = 0
        var seen = 0
        let order: [[UInt8]] = [Array("version".utf8), Array("encoding".utf8), Array("standalone".utf8)]
        while true {
            let spaceStart = i
            while i < n && isSpace(s[i]) { i += 1 }
            if i == n { break }
            guard i > spaceStart else { throw PlainXMLUnsupported() }
            let nameStart = i
            while i < n && s[i] != 0x3D && !isSpace(s[i]) { i += 1 }
            let name = Array(UnsafeBufferPointer(start: s + nameStart, count: i - nameStart))
            guard let k = order.firstIndex(of: name), k >= seen, k > 0 || seen == 0 else { throw PlainXMLUnsupported() }
            if seen == 0 && k != 0 { throw PlainXMLUnsupported() }
            seen = k + 1
            guard i + 2 < n, s[i] == 0x3D, s[i + 1] == 0x22 || s[i + 1] == 0x27 else { throw PlainXMLUnsupported() }
            let quote = s[i + 1]
            i += 2
            let valueStart = i
            while i < n && s[i] != quote { i += 1 }
            guard i < n else { throw PlainXMLUnsupported() }
            let value = String(decoding: UnsafeBufferPointer(start: s + valueStart, count: i - valueStart), as: UTF8.self)
            i += 1
            switch k {
            case 0: guard value == "1.0" else { throw PlainXMLUnsupported() }
            case 1: guard value.lowercased() == "utf-8" else { throw PlainXMLUnsupported() }
            default: guard value == "yes" || value == "no" else { throw PlainXMLUnsupported() }
            }
        }
        guard seen > 0 else { throw PlainXMLUnsupported() }
    }

    /// A tag at `p`: its length, or nil when it is not whole yet.
    private func tag(at p: Int) throws -> Int? {
        guard p + 1 < count else { return nil }
        let second = buffer[p + 1]
        guard second != 0x21 && second != 0x3F else { throw PlainXMLUnsupported() }  // <! <?
        guard let close = find(0x3E, from: p + 1, to: count) else { return nil }
        if second == 0x2F { try endTag(p, close) } else { try startTag(p, close) }
        return close + 1 - p
    }

    private func endTag(_ p: Int, _ close: Int) throws {
        guard place == .content, depth > 0 else { throw PlainXMLUnsupported() }
        let top = openEnds[depth - 1]
        let nameStart = p + 2
        let nameEnd = nameEnd(from: nameStart, to: close)
        var q = nameEnd
        while q < close && isSpace(buffer[q]) { q += 1 }
        let topStart = depth > 1 ? openEnds[depth - 2] : 0
        guard q == close, nameEnd - nameStart == top - topStart, memcmp(buffer + nameStart, openNames + topStart, top - topStart) == 0
        else { throw PlainXMLUnsupported() }
        depth -= 1
        buffer[nameEnd] = 0
        handler.end(cString(nameStart))
        if let problem = handler.problem { throw problem.in(part) }
        if depth == 0 { place = .epilog }
    }

    private func startTag(_ p: Int, _ close: Int) throws {
        guard place != .epilog else { throw PlainXMLUnsupported() }
        let nameStart = p + 1
        let nameEnd = nameEnd(from: nameStart, to: close)
        guard nameEnd > nameStart, isNameStart(buffer[nameStart]) else { throw PlainXMLUnsupported() }
        let (attributes, selfClosing) = try readAttributes(from: nameEnd, to: close)
        guard selfClosing || (depth < PlainXMLScanner.maxDepth && nameEnd - nameStart <= PlainXMLScanner.maxNameLength) else {
            throw PlainXMLUnsupported()
        }
        for k in 0..<attributes {
            buffer[ends[4 * k + 1]] = 0
            buffer[ends[4 * k + 3]] = 0
            pairs[2 * k] = cString(ends[4 * k])
            pairs[2 * k + 1] = cString(ends[4 * k + 2])
        }
        pairs[2 * attributes] = nil
        pairs[2 * attributes + 1] = nil
        if !selfClosing {
            let top = depth > 0 ? openEnds[depth - 1] : 0
            (openNames + top).update(from: buffer + nameStart, count: nameEnd - nameStart)
            openEnds[depth] = top + nameEnd - nameStart
            depth += 1
        }
        buffer[nameEnd] = 0
        let name = cString(nameStart)
        place = .content
        handler.start(name, XMLAttributes(pairs: pairs))
        if let problem = handler.problem { throw problem.in(part) }
        if selfClosing {
            handler.end(name)
            if let problem = handler.problem { throw problem.in(part) }
            if depth == 0 { place = .epilog }
        }
    }

    /// The attributes from `q` to the tag's `>` at `close`, into `ends`: how many, and whether the tag ends `/>`.
    private func readAttributes(from start: Int, to close: Int) throws -> (Int, Bool) {
        var q = start
        var attributes = 0
        while true {
            let spaceStart = q
            while q < close && isSpace(buffer[q]) { q += 1 }
            if q == close { return (attributes, false) }
            if buffer[q] == 0x2F {
                guard q + 1 == close else { throw PlainXMLUnsupported() }
                return (attributes, true)
            }
            guard q > spaceStart, attributes < PlainXMLScanner.maxAttributes, isNameStart(buffer[q]) else { throw PlainXMLUnsupported() }
            let attributeName = q
            q = nameEnd(from: q, to: close)
            let attributeNameEnd = q
            while q < close && isSpace(buffer[q]) { q += 1 }
            guard q < close, buffer[q] == 0x3D else { throw PlainXMLUnsupported() }
            q += 1
            while q < close && isSpace(buffer[q]) { q += 1 }
            guard q < close, buffer[q] == 0x22 || buffer[q] == 0x27 else { throw PlainXMLUnsupported() }
            let valueStart = q + 1
            // A `>` inside the value ends the search short: no closing quote, and expat reads the part.
            guard let valueEnd = find(buffer[q], from: valueStart, to: close) else { throw PlainXMLUnsupported() }
            try checkAttributeValue(valueStart, valueEnd)
            for k in 0..<attributes where sameName(ends[4 * k], ends[4 * k + 1], attributeName, attributeNameEnd) {
                throw PlainXMLUnsupported()
            }
            ends[4 * attributes] = attributeName
            ends[4 * attributes + 1] = attributeNameEnd
            ends[4 * attributes + 2] = valueStart
            ends[4 * attributes + 3] = valueEnd
            attributes += 1
            q = valueEnd + 1
        }
    }

    /// Text at `p` up to the next tag: its length, or nil when that tag is not in the buffer yet.
    private func text(at p: Int) throws -> Int? {
        guard let lt = find(0x3C, from: p, to: count) else { return nil }
        guard place == .content else {
            guard isWhitespace(buffer + p, lt - p) else { throw PlainXMLUnsupported() }
            return lt - p
        }
        let length = try decodeText(p, lt)
        handler.text(UnsafeBufferPointer(start: buffer + p, count: length))
        return lt - p
    }

    // MARK: Bytes

    /// Checks the text `p..<end` and decodes its references in place; returns the decoded length.
    private func decodeText(_ p: Int, _ end: Int) throws -> Int {
        var i = p
        var out = p
        while i < end {
            let b = buffer[i]
            if b >= 0x20 && b < 0x80 && b != 0x26 && b != 0x5D {
                buffer[out] = b
                i += 1
                out += 1
            } else if b == 0x0A || b == 0x09 {
                buffer[out] = b
                i += 1
                out += 1
            } else if b >= 0x80 {
                let n = try utf8Length(i, end)
                if out != i { (buffer + out).update(from: buffer + i, count: n) }
                i += n
                out += n
            } else if b == 0x5D {
                // `]]>` is not allowed in text.
                guard !(i + 2 < end && buffer[i + 1] == 0x5D && buffer[i + 2] == 0x3E) else { throw PlainXMLUnsupported() }
                buffer[out] = b
                i += 1
                out += 1
            } else if b == 0x26 {
                let (scalar, length) = try reference(i, end)
                i += length
                out += encode(scalar, at: out)
            } else {
                throw PlainXMLUnsupported()  // control characters, carriage returns
            }
        }
        return out - p
    }

    /// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#NN;` `&#xHH;` at `i`: the character and the reference's length.
    private func reference(_ i: Int, _ end: Int) throws -> (UInt32, Int) {
        guard let semicolon = find(0x3B, from: i + 1, to: min(end, i + 12)) else { throw PlainXMLUnsupported() }
        let body = UnsafeBufferPointer(start: buffer + i + 1, count: semicolon - i - 1)
        let length = semicolon + 1 - i
        if body.first == 0x23 {
            var value: UInt32 = 0
            let hex = body.count > 1 && body[1] == 0x78
            let digits = body.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty, digits.count <= 7 else { throw PlainXMLUnsupported() }
            for d in digits {
                let v: UInt32
                switch d {
                case 0x30...0x39: v = UInt32(d - 0x30)
                case 0x61...0x66 where hex: v = UInt32(d - 0x61 + 10)
                case 0x41...0x46 where hex: v = UInt32(d - 0x41 + 10)
                default: throw PlainXMLUnsupported()
                }
                value = value * (hex ? 16 : 10) + v
            }
            // XML's characters, less the C1 controls the plain subset leaves to expat.
            let allowed = value == 0x09 || value == 0x0A || value == 0x0D || (value >= 0x20 && value < 0x7F)
                || (value >= 0xA0 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF)
            guard allowed else { throw PlainXMLUnsupported() }
            return (value, length)
        }
        switch String(decoding: body, as: UTF8.self) {
        case "amp": return (0x26, length)
        case "lt": return (0x3C, length)
        case "gt": return (0x3E, length)
        case "quot": return (0x22, length)
        case "apos": return (0x27, length)
        default: throw PlainXMLUnsupported()
        }
    }

    /// Writes `scalar` as UTF-8 at `out` (never past the reference it replaces); returns its length.
    private func encode(_ scalar: UInt32, at out: Int) -> Int {
        switch scalar {
        case 0..<0x80:
            buffer[out] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            buffer[out] = UInt8(0xC0 | scalar >> 6)
            buffer[out + 1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            buffer[out] = UInt8(0xE0 | scalar >> 12)
            buffer[out + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            buffer[out + 2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            buffer[out] = UInt8(0xF0 | scalar >> 18)
            buffer[out + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            buffer[out + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            buffer[out + 3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }

    /// The length of the well-formed UTF-8 sequence at `i` that XML allows (no surrogates, no U+FFFE or
    /// U+FFFF, and no C1 controls, left to expat).
    private func utf8Length(_ i: Int, _ end: Int) throws -> Int {
        let b0 = buffer[i]
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < end && buffer[i + k] >= low && buffer[i + k] <= high
        }
        switch b0 {
        case 0xC2:
            guard continuation(1, 0xA0) else { throw PlainXMLUnsupported() }
            return 2
        case 0xC3...0xDF:
            guard continuation(1) else { throw PlainXMLUnsupported() }
            return 2
        case 0xE0:
            guard continuation(1, 0xA0), continuation(2) else { throw PlainXMLUnsupported() }
            return 3
        case 0xED:
            guard continuation(1, 0x80, 0x9F), continuation(2) else { throw PlainXMLUnsupported() }
            return 3
        case 0xEF:
            guard continuation(1), continuation(2) else { throw PlainXMLUnsupported() }
            if buffer[i + 1] == 0xBF && buffer[i + 2] >= 0xBE { throw PlainXMLUnsupported() }
            return 3
        case 0xE1...0xEC, 0xEE:
            guard continuation(1), continuation(2) else { throw PlainXMLUnsupported() }
            return 3
        case 0xF0:
            guard continuation(1, 0x90), continuation(2), continuation(3) else { throw PlainXMLUnsupported() }
            return 4
        case 0xF1...0xF3:
            guard continuation(1), continuation(2), continuation(3) else { throw PlainXMLUnsupported() }
            return 4
        case 0xF4:
            guard continuation(1, 0x80, 0x8F), continuation(2), continuation(3) else { throw PlainXMLUnsupported() }
            return 4
        default:
            throw PlainXMLUnsupported()
        }
    }

    /// An attribute value the subset takes as it is: no `<`, `&`, tab or line break, and well-formed UTF-8.
    private func checkAttributeValue(_ start: Int, _ end: Int) throws {
        var i = start
        while i < end {
            let b = buffer[i]
            if b >= 0x80 {
                i += try utf8Length(i, end)
                continue
            }
            guard b >= 0x20, b != 0x3C, b != 0x26 else { throw PlainXMLUnsupported() }
            i += 1
        }
    }

    private func nameEnd(from start: Int, to limit: Int) -> Int {
        var q = start
        while q < limit && isNameByte(buffer[q]) { q += 1 }
        return q
    }

    private func sameName(_ a: Int, _ aEnd: Int, _ b: Int, _ bEnd: Int) -> Bool {
        aEnd - a == bEnd - b && memcmp(buffer + a, buffer + b, aEnd - a) == 0
    }

    private func find(_ byte: UInt8, from start: Int, to end: Int) -> Int? {
        guard start < end, let hit = memchr(buffer + start, Int32(byte), end - start) else { return nil }
        return hit.assumingMemoryBound(to: UInt8.self) - buffer
    }

    private func cString(_ at: Int) -> UnsafePointer<CChar> {
        UnsafeRawPointer(buffer + at).assumingMemoryBound(to: CChar.self)
    }

    private func isWhitespace(_ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> Bool {
        for i in 0..<n where !isSpace(p[i]) { return false }
        return true
    }

    @inline(__always) private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    /// ASCII name characters: letters, digits, `_ : . -` (a non-ASCII name gives up at the byte after).
    @inline(__always) private func isNameByte(_ b: UInt8) -> Bool {
        (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x3A) || b == 0x5F || b == 0x2E || b == 0x2D
    }

    @inline(__always) private func isNameStart(_ b: UInt8) -> Bool {
        (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F || b == 0x3A
    }
}
