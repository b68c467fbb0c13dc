// A large worksheet or shared strings part parsed by two libxml2 parsers at once: cut into pieces at `<row` (or
// `<si`), every cut checked by the parsers.
import CWorksheetCells
import Foundation

/// One thread inflates the part and feeds the main parser every other piece; a second thread parses the
/// pieces between, each alone inside `<r>…</r>`; the calling thread reads the records in the part's order
/// (the main parser's WC_JOIN records say where each piece goes). A cut is only a guess from a byte search:
/// the parsers prove it (worksheet_cells.h). Any cut that does not hold, any XML error and any problem of the
/// part itself give `false`, and the caller reads the part again with one parser, which finds the same
/// records or names the problem exactly.
struct WorksheetPieces {
    /// Bytes of inflated XML per piece.
    static let pieceSize = 4 << 20
    /// Main parser batches waiting for the reader: the bound on memory held between the threads.
    static let queued = 4

    /// Below this the threads cost more than they save.
    static func smallestPart(pieceSize: Int) -> Int { 4 * pieceSize }

    /// The part's bytes in order, a chunk at a time: inflated from its package, or (the fuzz harness) from memory.
    let source: PartBytes
    let pieceSize: Int
    /// Where the inflater with the main parser, and the parser of the pieces, run.
    let threads: SheetThreads

    init(source: @escaping PartBytes, pieceSize: Int, threads: SheetThreads) {
        self.source = source
        self.pieceSize = pieceSize
        self.threads = threads
    }

    /// The part `entry` of `package`, inflated within the zip-bomb bound.
    init(package: PackageParts, entry: ZipEntry, pieceSize: Int, threads: SheetThreads) {
        let limit = max(PackageParts.bombFloor, entry.compressedSize &* PackageParts.bombRatio)
        self.init(source: { try package.inflate(entry, limit: limit, $0) }, pieceSize: pieceSize, threads: threads)
    }

    /// Reads the part into `reader`: how many pieces the second parser read, or nil when the part must be
    /// read again by one parser.
    func read(into reader: some PieceReader) -> Int? {
        let exchange = PieceExchange(parser: reader.parser, cut: reader.cut)
        let work = PieceWork(source: source, pieceSize: pieceSize, exchange: exchange)
        let finished = DispatchSemaphore(value: 0)
        threads.start { work.produce(); finished.signal() }
        threads.start { work.parsePieces(); finished.signal() }
        let read = exchange.consume(into: reader)
        if !read { exchange.abandon() }
        finished.wait()
        finished.wait()
        exchange.release()
        return read && !exchange.abandoned ? exchange.piecesRead : nil
    }
}

/// A part's bytes, handed to `body` a chunk at a time, in order.
typealias PartBytes = (_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Void

/// Starts work on a thread of its own. The pipeline's scheduling gives one when the run uses both cores
/// (UnionPipeline/Scheduling.swift); without it, every worksheet part is read by one parser on the caller's thread.
public struct SheetThreads: Sendable {
    let start: @Sendable (@escaping @Sendable () -> Void) -> Void

    public init(start: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void) { self.start = start }
}

/// What reads a part's records in the part's order: a worksheet's rows (WorksheetHandler) or the shared
/// strings (SharedStrings). At a WC_JOIN record `join` reads the piece parsed apart that goes there.
protocol PieceReader: AnyObject {
    /// A new C parser for the part and for each of its pieces.
    var parser: @Sendable () -> OpaquePointer? { get }
    /// Where pieces are cut: at the start of each of these elements.
    var cut: PieceCut { get }
    func read(_ batch: wc_batch, join: () throws -> Void) throws
}

/// The first `<name` or `<prefix:name` tag start at or after `from`, by its bytes alone (which a comment,
/// CDATA section or processing instruction can also hold: the parsers decide). Nil when none is sure yet.
struct PieceCut: Sendable {
    let name: [UInt8]

    static let row = PieceCut(name: Array("row".utf8))
    static let sharedString = PieceCut(name: Array("si".utf8))

    func find(in bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        let n = bytes.count
        var i = from
        while i + 40 < n {
            guard let p = memchr(bytes.baseAddress! + i, 0x3C, n - 40 - i) else { return nil }
            i = UnsafeRawPointer(p) - bytes.baseAddress!
            if isTag(bytes, at: i + 1) { return i }
            i += 1
        }
        return nil
    }

    /// The name, or `NCName:name` (a short prefix), at `at`, then a space, `>` or `/`.
    private func isTag(_ b: UnsafeRawBufferPointer, at: Int) -> Bool {
        var k = at
        var prefix = 0
        while k < at + 32, Self.isNameByte(b[k]) { k += 1; prefix += 1 }
        if k < at + 32 && b[k] == 0x3A && prefix > 0 {
            k += 1
        } else {
            k = at
        }
        for (j, c) in name.enumerated() where b[k + j] != c { return false }
        switch b[k + name.count] {
        case 0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F: return true
        default: return false
        }
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D || c == 0x2E
    }
}

/// What the threads hand each other, under one condition.
final class PieceExchange: @unchecked Sendable {
    enum MainItem { case records(wc_batch), end(held: Bool) }
    struct PieceJob { let index: Int; var bytes: [UInt8] }

    /// Makes each thread's parser.
    let parser: @Sendable () -> OpaquePointer?
    let cut: PieceCut
    private let condition = NSCondition()
    private var main: [MainItem] = []
    private var jobs: [PieceJob] = []
    private var jobsDone = false
    private var results: [Int: wc_batch] = [:]
    private var stopped = false
    /// Pieces the reader took from the second parser.
    private(set) var piecesRead = 0

    /// Buffers handed back, so that a piece costs no fresh pages: record batches and piece bytes.
    private var spareBatches: [wc_batch] = []
    private var spareBytes: [[UInt8]] = []

    init(parser: @escaping @Sendable () -> OpaquePointer?, cut: PieceCut) {
        self.parser = parser
        self.cut = cut
    }

    func spareBatch() -> wc_batch {
        condition.lock()
        defer { condition.unlock() }
        return spareBatches.popLast() ?? wc_batch()
    }

    func recycle(_ batch: wc_batch) {
        condition.lock()
        defer { condition.unlock() }
        guard spareBatches.count < 2 * WorksheetPieces.queued else { var b = batch; wc_batch_free(&b); return }
        spareBatches.append(batch)
    }

    func spareBuffer() -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        return spareBytes.popLast() ?? []
    }

    func recycle(bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
        condition.lock()
        defer { condition.unlock() }
        if spareBytes.count < WorksheetPieces.queued { spareBytes.append(bytes) }
        bytes = []
    }

    /// Whether a thread gave up the read.
    var abandoned: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// Stops every thread at its next hand-over.
    func abandon() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// A main parser batch (false when abandoned), waiting while the reader is `WorksheetPieces.queued` behind.
    func put(_ item: MainItem) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && main.count >= WorksheetPieces.queued { condition.wait() }
        guard !stopped else {
            if case .records(var batch) = item { wc_batch_free(&batch) }
            return false
        }
        main.append(item)
        condition.broadcast()
        return true
    }

    func put(job: PieceJob) {
        condition.lock()
        jobs.append(job)
        condition.broadcast()
        condition.unlock()
    }

    /// No more pieces will come.
    func closeJobs() {
        condition.lock()
        jobsDone = true
        condition.broadcast()
        condition.unlock()
    }

    func nextJob() -> PieceJob? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && jobs.isEmpty && !jobsDone { condition.wait() }
        guard !stopped, !jobs.isEmpty else { return nil }
        return jobs.removeFirst()
    }

    func finish(piece index: Int, _ batch: wc_batch) {
        condition.lock()
        results[index] = batch
        condition.broadcast()
        condition.unlock()
    }

    private func nextMain() -> MainItem? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && main.isEmpty { condition.wait() }
        guard !stopped else { return nil }
        condition.broadcast()
        return main.removeFirst()
    }

    private func result(_ index: Int) -> wc_batch? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && results[index] == nil { condition.wait() }
        guard !stopped else { return nil }
        return results.removeValue(forKey: index)
    }

    /// The records in the part's order, into `reader`; false when the read must be done again.
    func consume(into reader: some PieceReader) -> Bool {
        var piece = 0
        while let item = nextMain() {
            switch item {
            case .end(let held):
                return held
            case .records(let batch):
                defer { recycle(batch) }
                do {
                    try reader.read(batch) {
                        piece += 1
                        piecesRead = piece
                        guard let pieceBatch = result(piece) else { throw CancellationError() }
                        defer { recycle(pieceBatch) }
                        try reader.read(pieceBatch) {}
                    }
                } catch {
                    return false
                }
            }
        }
        return false
    }

    /// Frees what no thread took (after all have stopped).
    func release() {
        for case .records(var batch) in main { wc_batch_free(&batch) }
        for key in Array(results.keys) { var batch = results[key]!; wc_batch_free(&batch) }
        for var batch in spareBatches { wc_batch_free(&batch) }
        main = []
        results = [:]
        spareBatches = []
        spareBytes = []
    }
}

/// The two threads' work: the inflater with the main parser, and the parser of the pieces between.
final class PieceWork: @unchecked Sendable {
    private let source: PartBytes
    private let pieceSize: Int
    private let exchange: PieceExchange

    init(source: @escaping PartBytes, pieceSize: Int, exchange: PieceExchange) {
        self.source = source
        self.pieceSize = pieceSize
        self.exchange = exchange
    }

    private struct Stop: Error {}

    /// Inflates the part, cuts it at rows and feeds the main parser every other piece.
    func produce() {
        guard let main = exchange.parser() else { exchange.abandon(); exchange.closeJobs(); return }
        defer { wc_sheet_free(main); exchange.closeJobs() }
        var feeder = MainFeeder(sheet: main, exchange: exchange)
        var pending: [UInt8] = []
        pending.reserveCapacity(pieceSize + PackageParts.chunkSize)
        do {
            // Where the search for the next cut goes on: a long stretch without one is not searched again.
            var searched = pieceSize
            try source { chunk in
                pending.append(contentsOf: chunk)
                while pending.count >= pieceSize {
                    guard let cut = pending.withUnsafeBytes({ exchange.cut.find(in: $0, from: searched) }) else {
                        searched = max(pieceSize, pending.count - 40)
                        // No row starts in a long stretch (one huge cell): the main parser takes it as it is.
                        if pending.count >= 4 * pieceSize {
                            guard try feeder.spill(pending) else { throw Stop() }
                            pending.removeAll(keepingCapacity: true)
                            searched = pieceSize
                        }
                        break
                    }
                    guard try feeder.piece(&pending, cut: cut) else { throw Stop() }
                    searched = pieceSize
                }
            }
            guard try feeder.last(pending) else { throw Stop() }
        } catch {
            exchange.abandon()
        }
    }

    /// Parses each piece alone inside `<r>…</r>`; a piece that does not parse stops the read.
    func parsePieces() {
        guard let sheet = exchange.parser() else { exchange.abandon(); return }
        defer { wc_sheet_free(sheet) }
        let open = Array("<r>".utf8), close = Array("</r>".utf8)
        while var job = exchange.nextJob() {
            guard wc_sheet_reset(sheet) != 0 else { exchange.abandon(); return }
            var held = open.withUnsafeBytes { feed(sheet, $0, final: false) }
            held = held && job.bytes.withUnsafeBytes { feed(sheet, $0, final: false) }
            held = held && close.withUnsafeBytes { feed(sheet, $0, final: true) }
            exchange.recycle(bytes: &job.bytes)
            guard held && wc_sheet_cuts_held(sheet) != 0 else { exchange.abandon(); return }
            var batch = exchange.spareBatch()
            wc_sheet_take(sheet, &batch)
            exchange.finish(piece: job.index, batch)
        }
    }

    private func feed(_ sheet: OpaquePointer, _ bytes: UnsafeRawBufferPointer, final: Bool) -> Bool {
        wc_sheet_feed(sheet, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count, final ? 1 : 0) != 0
    }
}

/// The main parser's side of the cutting: which piece is its own, where the others were cut out.
private struct MainFeeder {
    let sheet: OpaquePointer
    let exchange: PieceExchange
    private var pieces = 0
    private var cutOut = false
    /// Set after the first piece, once the part's XML declaration is known.
    private var splitting = false
    private var nextIsPiece = false

    init(sheet: OpaquePointer, exchange: PieceExchange) {
        self.sheet = sheet
        self.exchange = exchange
    }

    /// The bytes of `pending` before `cut`, a piece: to the other thread, or to the main parser; `pending`
    /// keeps the rest. False when the read stops.
    mutating func piece(_ pending: inout [UInt8], cut: Int) throws -> Bool {
        if splitting && nextIsPiece {
            var rest = exchange.spareBuffer()
            rest.reserveCapacity(pending.count - cut + 2 * PackageParts.chunkSize)
            rest.append(contentsOf: pending[cut...])
            pending.removeSubrange(cut...)
            pieces += 1
            exchange.put(job: PieceExchange.PieceJob(index: pieces, bytes: pending))
            pending = rest
            cutOut = true
            nextIsPiece = false
            return !exchange.abandoned
        }
        let well = pending.withUnsafeBytes { feedMain(UnsafeRawBufferPointer(rebasing: $0[..<cut]), final: false) }
        pending.removeSubrange(..<cut)
        guard well else { return false }
        splitting = wc_sheet_declared_utf8(sheet) != 0
        nextIsPiece = splitting
        return true
    }

    /// Bytes that do not end at a cut: the main parser's, and so is the piece after them.
    mutating func spill(_ bytes: [UInt8]) throws -> Bool {
        nextIsPiece = false
        return bytes.withUnsafeBytes { feedMain($0, final: false) }
    }

    /// The rest of the part, to the main parser; then whether every cut held.
    mutating func last(_ bytes: [UInt8]) throws -> Bool {
        guard bytes.withUnsafeBytes({ feedMain($0, final: true) }) else { return false }
        return exchange.put(.end(held: wc_sheet_cuts_held(sheet) != 0))
    }

    private mutating func feedMain(_ bytes: UnsafeRawBufferPointer, final: Bool) -> Bool {
        if cutOut { wc_sheet_join(sheet); cutOut = false }
        let well = wc_sheet_feed(sheet, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count, final ? 1 : 0) != 0
        var batch = exchange.spareBatch()
        wc_sheet_take(sheet, &batch)
        guard exchange.put(.records(batch)), well else { return false }
        return true
    }
}
