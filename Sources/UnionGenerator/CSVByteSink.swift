// Writes CSV rows as UTF-8 bytes to a file in chunks, so a million rows never become one string.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UnionCore

/// Why a folder could not be generated.
public enum GeneratorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be created or written (path, errno text).
    case cannotWrite(String, String)
    /// The folder holds delimited files that are not the generator's: a run would read them too.
    case foreignInputs(String, [String])
    /// Options out of range (which option, why).
    case badOption(String, String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let why): return "cannot write \(path): \(why)"
        case .foreignInputs(let folder, let names):
            return "\(folder) already holds other input files (\(names.joined(separator: ", "))); use an empty folder"
        case .badOption(let name, let why): return "\(name): \(why)"
        }
    }
}

/// A CSV file written row by row: UTF-8 with BOM (or GB18030 without one), comma, CRLF, flushed every
/// `chunkSize` bytes. Rows are made as UTF-8; a GB18030 file is converted a chunk at a time as it is
/// flushed (chunks end at row ends, so no character is split).
struct CSVByteSink {
    static let chunkSize = 1 << 20

    private let path: String
    private let file: OpenFile
    private let converter: GB18030Converter?
    private var buffer: [UInt8] = []
    private var cellsInRow = 0
    private(set) var bytesWritten = 0

    init(path: String, encoding: GeneratorOptions.FileEncoding = .utf8) throws {
        guard let f = fopen(path, "wb") else {
            throw GeneratorError.cannotWrite(path, String(cString: strerror(errno)))
        }
        self.path = path
        self.file = OpenFile(f)
        buffer.reserveCapacity(CSVByteSink.chunkSize + 4096)
        switch encoding {
        case .utf8:
            converter = nil
            buffer += [0xEF, 0xBB, 0xBF]
        case .gb18030:
            converter = try GB18030Converter(path: path)
        }
    }

    // MARK: cells

    /// Starts the next cell of the current row (the separator, when it is not the first).
    @inline(__always) private mutating func nextCell() {
        if cellsInRow > 0 { buffer.append(0x2C) }
        cellsInRow += 1
    }

    mutating func empty() { nextCell() }

    /// Bytes known to need no quoting (names, vocabulary, numbers).
    mutating func raw(_ bytes: [UInt8]) {
        nextCell()
        buffer.append(contentsOf: bytes)
    }

    /// Any text, quoted per RFC 4180 when it holds a comma, quote or line break.
    mutating func text(_ s: String) {
        nextCell()
        let needsQuotes = s.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        if !needsQuotes { buffer.append(contentsOf: s.utf8); return }
        buffer.append(0x22)
        for b in s.utf8 {
            if b == 0x22 { buffer.append(0x22) }
            buffer.append(b)
        }
        buffer.append(0x22)
    }

    mutating func number(_ n: Int) {
        nextCell()
        appendDecimal(n)
    }

    /// The 18 characters of the valid ID number whose first 17 digits are `body` (no array per row).
    mutating func idNumber(_ body: UInt64) {
        nextCell()
        let start = buffer.count
        var n = body
        var divisor: UInt64 = 100_000_000_000_000_000
        var sum = 0
        for i in 0..<17 {
            divisor /= 10
            let d = Int(n / divisor)
            n %= divisor
            sum += d * CSVByteSink.idWeights[i]
            buffer.append(UInt8(0x30 + d))
        }
        buffer.append(CSVByteSink.idCheckCharacters[sum % 11])
        assert(buffer.count == start + 18)
    }

    private static let idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let idCheckCharacters: [UInt8] = Array("10X98765432".utf8)

    /// Several pieces of text as one cell (a name from its characters).
    mutating func joined(_ a: [UInt8], _ b: [UInt8], _ c: [UInt8]?) {
        nextCell()
        buffer.append(contentsOf: a)
        buffer.append(contentsOf: b)
        if let c { buffer.append(contentsOf: c) }
    }

    /// Yuan as clerks type it: `440`, `1624.5`, `7384.81`.
    mutating func money(_ fen: Int64) {
        nextCell()
        appendDecimal(Int(fen / 100))
        let cents = Int(fen % 100)
        if cents != 0 {
            buffer.append(0x2E)
            buffer.append(UInt8(0x30 + cents / 10))
            if cents % 10 != 0 { buffer.append(UInt8(0x30 + cents % 10)) }
        }
    }

    /// `2025/3/5`: what Chinese-locale Excel writes for a date cell in CSV.
    mutating func date(_ d: Day) {
        nextCell()
        appendDecimal(d.year)
        buffer.append(0x2F)
        appendDecimal(d.month)
        buffer.append(0x2F)
        appendDecimal(d.day)
    }

    /// Ends the row with CRLF; flushes when the chunk is full.
    mutating func endRow() throws {
        buffer.append(0x0D)
        buffer.append(0x0A)
        cellsInRow = 0
        if buffer.count >= CSVByteSink.chunkSize { try flush() }
    }

    mutating func row(_ cells: [String]) throws {
        for c in cells { text(c) }
        try endRow()
    }

    private mutating func appendDecimal(_ value: Int) {
        var n = value
        if n < 0 { buffer.append(0x2D); n = -n }
        if n < 10 { buffer.append(UInt8(0x30 + n)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 { d[count] = UInt8(0x30 + n % 10); n /= 10; count += 1 }
            for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(d[i]) }
        }
    }

    // MARK: file

    private mutating func flush() throws {
        let bytes = try converter?.convert(buffer) ?? buffer
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file.handle) }
        if written != bytes.count {
            throw GeneratorError.cannotWrite(path, String(cString: strerror(errno)))
        }
        bytesWritten += written
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and closes the file.
    mutating func close() throws {
        try flush()
        if !file.close() { throw GeneratorError.cannotWrite(path, String(cString: strerror(errno))) }
    }
}

/// The C file handle, closed when the sink is dropped without `close()` (a write that failed half-way).
private final class OpenFile {
    let handle: UnsafeMutablePointer<FILE>
    private var isOpen = true

    init(_ handle: UnsafeMutablePointer<FILE>) { self.handle = handle }

    func close() -> Bool {
        guard isOpen else { return true }
        isOpen = false
        return fclose(handle) == 0
    }

    deinit { _ = close() }
}

/// UTF-8 to GB18030 through iconv, whole rows at a time.
private final class GB18030Converter {
    private let descriptor: iconv_t
    private let path: String

    init(path: String) throws {
        self.path = path
        descriptor = iconv_open("GB18030", "UTF-8")
        if descriptor == iconv_t(bitPattern: -1) {
            throw GeneratorError.cannotWrite(path, "iconv has no GB18030")
        }
    }

    deinit { iconv_close(descriptor) }

    func convert(_ input: [UInt8]) throws -> [UInt8] {
        guard !input.isEmpty else { return [] }
        // A GB18030 character takes at most 4 bytes, and never more than its UTF-8 form plus one.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var source = input
        let produced: Int = try source.withUnsafeMutableBytes { inBytes in
            try output.withUnsafeMutableBytes { outBytes in
                var inPointer = inBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBytes.count
                var outPointer = outBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBytes.count
                if iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) == -1 || inLeft != 0 {
                    throw GeneratorError.cannotWrite(path, "a row cannot be written in GB18030")
                }
                return outBytes.count - outLeft
            }
        }
        return Array(output[..<produced])
    }
}
