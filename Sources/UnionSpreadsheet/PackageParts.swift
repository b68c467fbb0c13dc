// A ZIP package (.xlsx, .ods) whose parts are inflated (ISA-L, in large buffers) as a stream into an XML parser, never whole.
import CISAL
import Foundation

struct PackageParts {
    /// A part may inflate to this much whatever its ratio; past it, more than 100× its compressed size is a bomb.
    static let bombFloor: UInt64 = 256 << 20
    static let bombRatio: UInt64 = 100
    /// Inflated bytes handed on at a time: large, so the parser's per-call cost and the copies of a
    /// token cut at a chunk's end stay small beside the parsing.
    static let chunkSize = 1 << 20
    static let readSize = 1 << 18

    private let file: ZipFile
    let directory: ZipDirectory

    init(path: String) throws {
        file = try ZipFile(path: path)
        directory = try ZipDirectory(file: file)
    }

    func contains(_ part: String) -> Bool { directory[part] != nil }

    /// Parses part `name` with `handler`, chunk by chunk as it inflates.
    func parse(_ name: String, with handler: XMLEventHandler) throws {
        guard let entry = directory[name] else { throw SpreadsheetProblem.missingPart(name) }
        let stream = XMLEventStream(part: name, handler: handler)
        let limit = max(PackageParts.bombFloor, entry.compressedSize &* PackageParts.bombRatio)
        try inflate(entry, limit: limit) { try stream.feed($0) }
        try stream.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
    }

    /// Reads worksheet part `name` into the reader `make` gives, through the C cell stream.
    func readWorksheet(_ name: String, into make: () throws -> WorksheetHandler, threads: SheetThreads?,
                       pieceSize: Int = WorksheetPieces.pieceSize) throws -> WorksheetHandler {
        try read(name, into: make, threads: threads, pieceSize: pieceSize)
    }

    /// The shared strings part `name`, parsed in C, a batch of strings at a time.
    func readSharedStrings(_ name: String, threads: SheetThreads?, pieceSize: Int = WorksheetPieces.pieceSize) throws -> SharedStrings {
        try read(name, into: { SharedStrings() }, threads: threads, pieceSize: pieceSize)
    }

    /// Reads part `name` into a reader `make` gives, chunk by chunk as it inflates. With `threads`, a large
    /// part is parsed in pieces by two parsers at once (WorksheetPieces); when any cut is in doubt, or
    /// anything fails, it is read again by one parser into a fresh reader, which says what is wrong.
    private func read<Reader: PieceReader>(_ name: String, into make: () throws -> Reader, threads: SheetThreads?,
                                           pieceSize: Int) throws -> Reader {
        guard let entry = directory[name] else { throw SpreadsheetProblem.missingPart(name) }
        if let threads, entry.uncompressedSize >= UInt64(WorksheetPieces.smallestPart(pieceSize: pieceSize)) {
            let pieces = try make()
            let read = WorksheetPieces(package: self, entry: entry, pieceSize: pieceSize, threads: threads).read(into: pieces)
            if read != nil { return pieces }
        }
        let reader = try make()
        let stream = try WorksheetCellStream(part: name, parser: reader.parser)
        let limit = max(PackageParts.bombFloor, entry.compressedSize &* PackageParts.bombRatio)
        try inflate(entry, limit: limit) { try stream.feed($0, into: reader) }
        try stream.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true, into: reader)
        return reader
    }

    /// Parses part `name` with the handler `make` returns, and returns that handler.
    func parse<Handler: XMLEventHandler>(_ name: String, make: () throws -> Handler) throws -> Handler {
        let handler = try make()
        try parse(name, with: handler)
        return handler
    }

    /// A small part's bytes (content types, manifests), bounded like any other part.
    func bytes(_ name: String, limit: Int = 16 << 20) throws -> [UInt8] {
        guard let entry = directory[name] else { throw SpreadsheetProblem.missingPart(name) }
        var result: [UInt8] = []
        try inflate(entry, limit: UInt64(limit)) { result.append(contentsOf: $0) }
        return result
    }

    /// The part's bytes, in chunks of up to `chunkSize`, checked against its CRC once whole. More than
    /// `limit` bytes is a bomb.
    func inflate(_ entry: ZipEntry, limit: UInt64, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let name = entry.name
        guard entry.flags & 1 == 0 else { throw SpreadsheetProblem.damagedPackage(reason: "\(name): an encrypted part") }
        guard entry.method == 0 || entry.method == 8 else {
            throw SpreadsheetProblem.damagedPackage(reason: "\(name): compression method \(entry.method)")
        }
        let local = try file.read(at: entry.localHeaderOffset, count: 30)
        guard local.le32(0) == 0x0403_4B50 else { throw SpreadsheetProblem.damagedPackage(reason: "\(name): damaged local header") }
        let start = entry.localHeaderOffset + 30 + UInt64(local.le16(26)) + UInt64(local.le16(28))
        guard start <= file.size, entry.compressedSize <= file.size - start else {
            throw SpreadsheetProblem.damagedPackage(reason: "\(name): cut short")
        }
        var source = CompressedRange(file: file, offset: start, remaining: entry.compressedSize)
        var inflated: UInt64 = 0
        var crc: UInt32 = 0
        let consume: (UnsafeRawBufferPointer) throws -> Void = { bytes in
            inflated += UInt64(bytes.count)
            if inflated > limit { throw SpreadsheetProblem.zipBomb(part: name) }
            crc = crc32_gzip_refl(crc, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
            try body(bytes)
        }
        if entry.method == 0 {
            try source.copy(chunk: PackageParts.chunkSize, consume)
        } else {
            try PartInflater(part: name).run(&source, consume)
        }
        if crc != entry.checksum { throw SpreadsheetProblem.damagedPackage(reason: "\(name): CRC mismatch") }
    }
}

/// The compressed bytes of one part, read in turn.
struct CompressedRange {
    let file: ZipFile
    var offset: UInt64
    var remaining: UInt64

    /// The next bytes into `buffer`: how many (0 at the range's end); short reads are damage.
    mutating func next(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let want = Int(min(UInt64(buffer.count), remaining))
        guard want > 0 else { return 0 }
        let n = file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
        guard n == want else { throw SpreadsheetProblem.damagedPackage(reason: "not a readable ZIP package") }
        offset += UInt64(n)
        remaining -= UInt64(n)
        return n
    }

    /// A stored part: its bytes as they are, `chunk` at a time.
    mutating func copy(chunk: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try next(into: buffer)
            guard n > 0 else { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }
}

/// ISA-L's raw inflate (as ZIP stores deflated parts), from a compressed range into large output chunks.
struct PartInflater {
    let part: String

    func run(_ source: inout CompressedRange, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        // The state is about 87 KB: on the heap, not a thread's stack.
        let state = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)
        defer { state.deallocate() }
        isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(ISAL_DEFLATE)
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: PackageParts.readSize, alignment: 16)
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: PackageParts.chunkSize, alignment: 16)
        defer { input.deallocate(); output.deallocate() }
        let inBase = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let outBase = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
        // A full output buffer may leave output pending inside the state: inflate again before reading more.
        var outputFull = false
        while state.pointee.block_state != ISAL_BLOCK_FINISH {
            if state.pointee.avail_in == 0 && !outputFull {
                let n = try source.next(into: input)
                guard n > 0 else { throw SpreadsheetProblem.damagedPackage(reason: "\(part): compressed data cut short") }
                state.pointee.next_in = inBase
                state.pointee.avail_in = UInt32(n)
            }
            state.pointee.next_out = outBase
            state.pointee.avail_out = UInt32(output.count)
            let status = isal_inflate(state)
            guard status == ISAL_DECOMP_OK || status == ISAL_END_INPUT || status == ISAL_OUT_OVERFLOW else {
                throw SpreadsheetProblem.damagedPackage(reason: "\(part): damaged compressed data")
            }
            let produced = output.count - Int(state.pointee.avail_out)
            outputFull = state.pointee.avail_out == 0
            if produced > 0 { try body(UnsafeRawBufferPointer(rebasing: output[0..<produced])) }
        }
    }
}
