// One front-to-back read of an input file in bounded memory: its hash, its head, and whether it is UTF-8.
import Dispatch
import UnionCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What reading a file once found, without keeping it.
public struct FileScan: Sendable {
    /// SHA-256 of the file's bytes, hex.
    public let sha256: String
    public let byteCount: Int
    /// The first bytes: enough for a byte-order mark, a binary signature and the dialect sample.
    public let head: [UInt8]
    /// Offset of the first NUL byte.
    public let firstNUL: Int?
    /// Offset of the first byte that does not start a well-formed UTF-8 sequence.
    public let firstInvalidUTF8: Int?
    public let identity: FileChunks.Identity
    /// Line feeds in the file (carriage returns where it has none): about as many as its records, so
    /// collections of a row each can be sized once.
    public let lineBreaks: Int

    /// Bytes kept at the head: the sniffer's sample, a byte-order mark, and one byte to tell a cut sample.
    static let headSize = DialectSniffer.sampleSize + 4

    /// The file changed between the two reads of a scan on two threads.
    public struct Changed: Error, CustomStringConvertible {
        public var description: String { "the file changed while it was being read" }
    }

    /// Reads `path` a window at a time. Windows end after a line break (LF or CR), which no UTF-8
    /// sequence contains, so each window validates on its own exactly as the whole file would; a window
    /// with no line break ends where no sequence is cut (`sequenceEnd`), so a 100 MB line is never held whole.
    /// A file of `twoThreadsFrom` bytes or more is read twice at once, from the page cache: its hash on
    /// one thread, everything else on another, so opening a large file takes half as long.
    public static func read(path: String, chunkSize: Int = 1 << 20, twoThreadsFrom: Int = 4 << 20) throws -> FileScan {
        let file = try FileChunks(path: path)
        guard file.identity.size >= twoThreadsFrom else { return try scan(file, chunkSize: chunkSize, hashing: true) }
        let opened = file.identity
        final class Outcome: @unchecked Sendable {
            // @unchecked: each slot is written by one of the two iterations, read after both are done.
            var digest: Result<(String, FileChunks.Identity, Int), Error>?
            var scan: Result<FileScan, Error>?
        }
        let outcome = Outcome()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 {
                outcome.digest = Result { try digest(path: path, chunkSize: chunkSize) }
            } else {
                outcome.scan = Result { try scan(FileChunks(path: path), chunkSize: chunkSize, hashing: false) }
            }
        }
        let found = try outcome.scan!.get()
        let (sha256, identity, count) = try outcome.digest!.get()
        guard identity == opened, found.identity == opened, count == found.byteCount else { throw Changed() }
        return FileScan(sha256: sha256, byteCount: found.byteCount, head: found.head, firstNUL: found.firstNUL,
                        firstInvalidUTF8: found.firstInvalidUTF8, identity: found.identity, lineBreaks: found.lineBreaks)
    }

    /// The SHA-256 of a file, the identity it was opened with and how many bytes were read.
    private static func digest(path: String, chunkSize: Int) throws -> (String, FileChunks.Identity, Int) {
        let file = try FileChunks(path: path)
        var sha = SHA256()
        var buffer = [UInt8](repeating: 0, count: max(chunkSize, 4))
        var total = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { file.read(into: $0) }
            if let code = file.failure { throw FileBytes.ReadError(code: code) }
            if n == 0 { break }
            buffer.withUnsafeBytes { sha.update(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
            total += n
        }
        return (sha.hexDigest(), file.identity, total)
    }

    /// One read of an opened file: its head, NUL, UTF-8 validity and line breaks, and its hash when `hashing`
    /// (else the hash is left empty).
    private static func scan(_ file: FileChunks, chunkSize: Int, hashing: Bool) throws -> FileScan {
        var sha = SHA256()
        var head: [UInt8] = []
        var firstNUL: Int?
        var firstInvalid: Int?
        var lineFeeds = 0
        var carriageReturns = 0
        var buffer = [UInt8](repeating: 0, count: max(chunkSize, 4))
        var carried = 0  // bytes at the buffer's start not scanned yet: the last, unfinished line
        var base = 0  // file offset of buffer[0]
        var total = 0
        while true {
            if carried == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let start = carried
            let n = buffer.withUnsafeMutableBytes { file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
            if let code = file.failure { throw FileBytes.ReadError(code: code) }
            let valid = carried + n
            buffer.withUnsafeBytes { raw in
                let fresh = UnsafeRawBufferPointer(rebasing: raw[start..<valid])
                if hashing { sha.update(fresh) }
                if head.count < headSize { head.append(contentsOf: fresh.prefix(headSize - head.count)) }
            }
            total += n
            let atEnd = n == 0
            let scanEnd = atEnd ? valid : buffer.withUnsafeBufferPointer { b in
                let lineEnd = lastLineEnd(b.baseAddress!, count: valid)
                return lineEnd > 0 ? lineEnd : sequenceEnd(b.baseAddress!, count: valid)
            }
            if scanEnd > 0 {
                buffer.withUnsafeBufferPointer { b in
                    let p = b.baseAddress!
                    if firstNUL == nil, let hit = memchr(p, 0, scanEnd) {
                        firstNUL = base + (UnsafeRawPointer(hit) - UnsafeRawPointer(p))
                    }
                    if firstInvalid == nil, let offset = UTF8Validator.firstInvalidOffset(p, count: scanEnd) {
                        firstInvalid = base + offset
                    }
                    lineFeeds += count(0x0A, p, scanEnd)
                    if lineFeeds == 0 { carriageReturns += count(0x0D, p, scanEnd) }
                }
                carried = valid - scanEnd
                if carried > 0 {
                    buffer.withUnsafeMutableBufferPointer { b in b.baseAddress!.update(from: b.baseAddress! + scanEnd, count: carried) }
                }
                base += scanEnd
            } else {
                carried = valid
            }
            if atEnd { break }
        }
        return FileScan(sha256: hashing ? sha.hexDigest() : "", byteCount: total, head: head, firstNUL: firstNUL,
                        firstInvalidUTF8: firstInvalid, identity: file.identity,
                        lineBreaks: lineFeeds > 0 ? lineFeeds : carriageReturns)
    }

    /// How many times `byte` occurs among the first `count` bytes at `p`, eight bytes at a time (a call of
    /// memchr per line costs more when lines are short).
    private static func count(_ byte: UInt8, _ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let pattern = ones &* UInt64(byte)
        var n = 0
        var i = 0
        while i + 8 <= count {
            // A byte of x is zero exactly where the word holds `byte`; t has the high bit of each such byte.
            let x = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) ^ pattern
            let t = ~(((x & low7) &+ low7) | x | low7)
            n += t.nonzeroBitCount
            i += 8
        }
        while i < count {
            if p[i] == byte { n += 1 }
            i += 1
        }
        return n
    }

    /// Where the first `count` bytes can be cut with no UTF-8 sequence cut: before a lead byte among the last
    /// three (its sequence may go on in the next window), else at `count`. Validation goes a sequence at a
    /// time and a sequence cut short is invalid either way, so the windows validate as the whole file would.
    private static func sequenceEnd(_ p: UnsafePointer<UInt8>, count: Int) -> Int {
        var i = count
        while i > max(0, count - 3) {
            i -= 1
            if p[i] >= 0xC0 { return i }
            // ASCII: every sequence before it ended before it.
            if p[i] < 0x80 { return count }
        }
        return count
    }

    /// One past the last LF or CR among the first `count` bytes; 0 when there is none.
    private static func lastLineEnd(_ p: UnsafePointer<UInt8>, count: Int) -> Int {
        var i = count
        while i > 0 {
            let b = p[i - 1]
            if b == 0x0A || b == 0x0D { return i }
            i -= 1
        }
        return 0
    }
}

/// How a scanned file's text is to be read.
public enum TextPlan: Sendable, Equatable {
    /// UTF-8 read straight from the file, after `skip` bytes (a byte-order mark).
    case stream(TextEncoding, skip: Int)
    /// UTF-16, GB18030, or UTF-8 with some bad rows: which one takes another read of the whole file
    /// (`plan(_:readingWhole:)`).
    case whole
    /// GB18030 or UTF-16 decoded a window at a time (`DecodedChunks`), after `skip` bytes (a byte-order mark).
    case decode(TextEncoding, skip: Int)
    /// Not text unionbatch can read.
    case refused(DecodeError)
}

extension TextDecoder {
    /// The decision `decode(_:)` makes, taken from a scan: the same order of checks, so a file streamed is
    /// a file `decode` would have read as UTF-8 as it is.
    public static func plan(_ scan: FileScan) -> TextPlan {
        let head = scan.head
        if scan.byteCount == 0 { return .stream(.utf8, skip: 0) }
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            if let nul = scan.firstNUL, isMostlyNUL(head) { return .refused(.binary(byteOffset: nul)) }
            return .stream(.utf8BOM, skip: 3)
        }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return .whole }
        if binarySignatures.contains(where: { head.starts(with: $0) }) { return .refused(.binary(byteOffset: 0)) }
        if let nul = scan.firstNUL, isMostlyNUL(head) { return .refused(.binary(byteOffset: nul)) }
        if scan.firstInvalidUTF8 == nil { return .stream(.utf8, skip: 0) }
        return .whole
    }
}

extension TextDecoder {
    /// What `decode(_:)` decides for a file `plan(_:)` left `.whole`, found by reading it again in windows
    /// of `window` bytes (never more at once): a UTF-8 file with a few bad rows is streamed as it is,
    /// UTF-16 and GB18030 are decoded in windows, and a file neither reads is refused where `decode` says.
    /// A file of `halvesFrom` bytes or more is read as two halves at once, split at a line start (see
    /// `ReadRanges`): what each half says adds up to what one read says.
    public static func plan(_ scan: FileScan, readingWhole path: String, window: Int = 1 << 20,
                            halvesFrom: Int = 4 << 20) throws -> TextPlan {
        let head = scan.head
        let utf16 = head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
        let encoding: TextEncoding = utf16 ? (head[0] == 0xFF ? .utf16LE : .utf16BE) : .gb18030
        let skip = utf16 ? 2 : 0
        let ranges = ReadRanges.split(path, scan: scan, encoding: encoding, skip: skip, from: halvesFrom)
        // UTF-16 takes a decode of each range. A file that may be GB18030 also takes the UTF-8 line counts,
        // which decide whether it is UTF-8 with some bad rows; each range's reads run on one thread.
        let outcomes = ranges.map { _ in RangeOutcome() }
        let jobs = utf16 || ranges.count > 1 ? ranges.count : 2
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            let (range, outcome) = ranges.count > 1 ? (ranges[job], outcomes[job]) : (ranges[0], outcomes[0])
            if !utf16 && (ranges.count > 1 || job == 0) {
                outcome.lines = Result { try lineCounts(path, scan: scan, range: range, window: window) }
            }
            if utf16 || ranges.count > 1 || job == 1 {
                outcome.decoded = Result { try decodes(path, scan: scan, as: encoding, range: range, window: window) }
            }
        }
        // The first range's failure, if any, else the next one's: the whole file's first failure, since a
        // range that decodes to its end ends on a character boundary.
        var failure: DecodeError?
        for outcome in outcomes where failure == nil {
            if let found = try outcome.decoded?.get() { failure = found }
        }
        if utf16 { return failure.map { .refused($0) } ?? .decode(encoding, skip: skip) }
        // Lines never cross a range's end, so their counts add up.
        var lines = (validNonASCII: 0, invalid: 0)
        for outcome in outcomes {
            guard let counter = try outcome.lines?.get() else { continue }
            lines.validNonASCII += counter.validNonASCII
            lines.invalid += counter.invalid
        }
        if lines.validNonASCII > lines.invalid { return .stream(.utf8, skip: 0) }
        // Report where the encoding that read furthest gave up: that is where the clerk should look.
        return failure.map { .refused(.undecodable(byteOffset: max(scan.firstInvalidUTF8 ?? 0, $0.byteOffset))) } ?? .decode(.gb18030, skip: 0)
    }

    /// What the reads of one range found.
    private final class RangeOutcome: @unchecked Sendable {
        // @unchecked: each property is written by one of the concurrent jobs, read after all are done.
        var lines: Result<UTF8Validator.LineCounter, Error>?
        var decoded: Result<DecodeError?, Error>?
    }

    /// Nil when the range decodes to its end in `encoding`, else the refusal (offsets in the file).
    private static func decodes(_ path: String, scan: FileScan, as encoding: TextEncoding, range: Range<Int>,
                                window: Int) throws -> DecodeError? {
        let file = try opened(path, scan: scan, range: range)
        let text = DecodedChunks(file: file, encoding: encoding, skip: range.lowerBound, window: window)
        var sink = [UInt8](repeating: 0, count: max(window, 16))
        while sink.withUnsafeMutableBytes({ text.read(into: $0) }) > 0 {}
        if let code = file.failure { throw FileBytes.ReadError(code: code) }
        return text.failure
    }

    /// `UTF8Validator.lineCounts` of a range of the file, read a window at a time.
    private static func lineCounts(_ path: String, scan: FileScan, range: Range<Int>, window: Int) throws -> UTF8Validator.LineCounter {
        let file = try opened(path, scan: scan, range: range)
        var counter = UTF8Validator.LineCounter()
        var buffer = [UInt8](repeating: 0, count: max(window, 8))
        var carried = 0  // bytes at the buffer's start a window left for the next (a sequence it may have cut)
        while true {
            let start = carried
            let n = buffer.withUnsafeMutableBytes { file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
            if let code = file.failure { throw FileBytes.ReadError(code: code) }
            let valid = carried + n
            let used = buffer.withUnsafeBufferPointer { counter.count($0.baseAddress!, count: valid, isLast: n == 0) }
            if n == 0 { return counter }
            carried = valid - used
            buffer.withUnsafeMutableBufferPointer { b in b.baseAddress!.update(from: b.baseAddress! + used, count: carried) }
        }
    }

    /// The scanned file opened again at the start of `range`, reading no further than its end; refused when it
    /// is another file by now.
    private static func opened(_ path: String, scan: FileScan, range: Range<Int>) throws -> FileChunks {
        let file = try opened(path, scan: scan)
        file.skip(range.lowerBound)
        file.readLimit = min(file.readLimit ?? .max, range.upperBound)
        return file
    }

    /// The scanned file opened again, up to the size it had; refused when it is another file by now.
    private static func opened(_ path: String, scan: FileScan) throws -> FileChunks {
        let file = try FileChunks(path: path)
        guard file.identity == scan.identity else { throw FileScan.Changed() }
        file.stopAtOpenedSize()
        return file
    }
}

/// A file's bytes after its byte-order mark in one range, or in two split at a line start near the middle,
/// for two readers at once.
public enum ReadRanges {
    /// Where a second reader of the bytes after `skip` could start: just after the first line feed past
    /// their middle (in `encoding`'s code units), as an offset from `skip`. Nil when there is none within
    /// 64 KiB of the middle, or the file is not the one scanned.
    public static func middleLineStart(_ path: String, identity: FileChunks.Identity, byteCount: Int, encoding: TextEncoding,
                                       skip: Int) -> Int? {
        guard let file = try? FileChunks(path: path), file.identity == identity else { return nil }
        let half = (byteCount - skip) / 2
        // Even in UTF-16, so the search looks at whole code units.
        let middle = encoding == .utf16LE || encoding == .utf16BE ? half & ~1 : half
        file.skip(skip + middle)
        var window = [UInt8](repeating: 0, count: 1 << 16)
        let n = window.withUnsafeMutableBytes { file.read(into: $0) }
        return window.withUnsafeBytes { encoding.lineStart(in: UnsafeRawBufferPointer(rebasing: $0[..<n])) }.map { middle + $0 }
    }

    /// The file's bytes from `skip` to its end: in two ranges when it has `from` bytes or more and a line
    /// start near the middle, else in one.
    static func split(_ path: String, scan: FileScan, encoding: TextEncoding, skip: Int, from: Int) -> [Range<Int>] {
        let whole = [skip..<scan.byteCount]
        guard scan.byteCount >= from, let start = middleLineStart(path, identity: scan.identity, byteCount: scan.byteCount,
                                                                  encoding: encoding, skip: skip),
              skip + start < scan.byteCount else { return whole }
        return [skip..<skip + start, skip + start..<scan.byteCount]
    }
}
