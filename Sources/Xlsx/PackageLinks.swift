// Adding sheets' links to a closed package: the sheet part gets its <hyperlinks>, and a relationships part is added.
import CDeflate
import CISAL
import CXlsxWriter
import Foundation

/// Rewrites the zip libxlsxwriter wrote: every other part is copied as it is (compressed bytes and
/// all); each linked sheet's part is inflated, given its `<hyperlinks>` element where libxlsxwriter
/// puts it (before `<printOptions>` or `<pageMargins>`), and deflated again; its relationships part
/// is added where libxlsxwriter adds it (after the worksheets' earlier relationships). The parts read
/// as libxlsxwriter would have written them with the links; only their compressed bytes may differ.
/// Streams all of it: memory stays at a few buffers whatever the number of links.
enum PackageLinks {
    static func add(_ sheets: [(number: Int, links: SheetLinks)], path: String) throws {
        let source = open(path, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw failure(path, String(cString: strerror(errno))) }
        defer { close(source) }
        let directory = try ZipDirectoryRecord(fd: source, path: path)
        let partNames = Set(directory.entries.map(\.name))
        for (number, _) in sheets where partNames.contains(relationshipsName(number)) {
            throw XlsxError.invalid("closing \(path): sheet \(number) has links and other relationships; its links must go through write(url:)")
        }
        let tempPath = path + ".links"
        let target = open(tempPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard target >= 0 else { throw failure(path, String(cString: strerror(errno))) }
        var written = false
        defer {
            close(target)
            if !written { unlink(tempPath) }
        }
        var out = ZipOutput(fd: target, path: path)
        var pending = sheets.sorted { $0.number < $1.number }.map { (number: $0.number, links: $0.links, ordered: $0.links.ordered()) }
        for (i, entry) in directory.entries.enumerated() {
            // A sheet's relationships part goes before the later sheets' and the other kinds' parts.
            while let next = pending.first, comesAfterRelationships(of: next.number, entry.name) {
                try out.addPart(relationshipsName(next.number), like: entry) { sink in try next.links.relationshipsPart(next.ordered, sink) }
                pending.removeFirst()
            }
            if let sheet = sheets.first(where: { sheetName($0.number) == entry.name }) {
                let ordered = sheet.links.ordered()
                try out.addPart(entry.name, like: entry) { sink in
                    var splice = HyperlinksSplice(links: ordered)
                    try inflate(source, entry, path) { try splice.take($0, sink) }
                    try splice.finish(sink, path: path, part: entry.name)
                }
            } else {
                let end = i + 1 < directory.entries.count ? directory.entries[i + 1].localOffset : directory.offset
                try out.copy(entry, from: source, end: end)
            }
        }
        for next in pending {
            try out.addPart(relationshipsName(next.number), like: directory.entries[0]) { sink in try next.links.relationshipsPart(next.ordered, sink) }
        }
        try out.finish(comment: directory.comment)
        guard rename(tempPath, path) == 0 else { throw failure(path, String(cString: strerror(errno))) }
        written = true
    }

    static func sheetName(_ number: Int) -> String { "xl/worksheets/sheet\(number).xml" }
    static func relationshipsName(_ number: Int) -> String { "xl/worksheets/_rels/sheet\(number).xml.rels" }

    /// Whether libxlsxwriter writes `name` after sheet `number`'s relationships part.
    static func comesAfterRelationships(of number: Int, _ name: String) -> Bool {
        let prefix = "xl/worksheets/_rels/sheet"
        if name.hasPrefix(prefix), let other = Int(name.dropFirst(prefix.count).prefix { $0.isNumber }) { return other > number }
        return ["xl/chartsheets/_rels/", "xl/drawings/_rels/", "xl/media/", "xl/vbaProject", "docProps/"].contains { name.hasPrefix($0) }
    }

    /// Inflates `entry` (deflated, as libxlsxwriter stores every part), a piece at a time.
    private static func inflate(_ fd: Int32, _ entry: ZipDirectoryRecord.Entry, _ path: String, _ take: (ArraySlice<UInt8>) throws -> Void) throws {
        guard entry.method == 8 else { throw failure(path, "\(entry.name) is not deflated") }
        let stream = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)
        defer { stream.deallocate() }
        isal_inflate_init(stream)
        stream.pointee.crc_flag = UInt32(ISAL_DEFLATE)
        var input = [UInt8](repeating: 0, count: 1 << 16)
        var output = [UInt8](repeating: 0, count: 1 << 18)
        var position = try entry.dataOffset(fd, path)
        var remaining = entry.compressedSize
        var ended = false
        while remaining > 0 && !ended {
            let n = input.withUnsafeMutableBytes { pread(fd, $0.baseAddress, min($0.count, remaining), off_t(position)) }
            guard n > 0 else { throw failure(path, "\(entry.name): cannot read it") }
            position += n
            remaining -= n
            try input.withUnsafeMutableBufferPointer { inBuffer in
                stream.pointee.next_in = inBuffer.baseAddress
                stream.pointee.avail_in = UInt32(n)
                repeat {
                    let produced = try output.withUnsafeMutableBufferPointer { outBuffer -> Int in
                        stream.pointee.next_out = outBuffer.baseAddress
                        stream.pointee.avail_out = UInt32(outBuffer.count)
                        guard isal_inflate(stream) == ISAL_DECOMP_OK else { throw failure(path, "\(entry.name): damaged compressed data") }
                        return outBuffer.count - Int(stream.pointee.avail_out)
                    }
                    if produced > 0 { try take(output[0..<produced]) }
                    if stream.pointee.block_state == ISAL_BLOCK_FINISH { ended = true; break }
                } while stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0
            }
        }
        guard ended else { throw failure(path, "\(entry.name): compressed data cut short") }
    }

    static func failure(_ path: String, _ why: String) -> XlsxError {
        XlsxError(LXW_ERROR_ZIP_FILE_ADD, context: "adding links to \(path): \(why)")
    }
}

/// A sheet part passed through, with the `<hyperlinks>` element put in after `</sheetData>`: before
/// `<printOptions` when the sheet has print options, else before `<pageMargins` (always written).
struct HyperlinksSplice {
    let links: [SheetLinks.Link]
    /// The bytes not yet passed on: the end of the cells (which may hold the first bytes of
    /// `</sheetData>`), then everything after it (a few kilobytes).
    private var held: [UInt8] = []
    private var cellsEnded = false
    private static let cellsEnd = Array("</sheetData>".utf8)

    init(links: [SheetLinks.Link]) { self.links = links }

    mutating func take(_ bytes: ArraySlice<UInt8>, _ sink: (ArraySlice<UInt8>) throws -> Void) throws {
        guard !cellsEnded else {
            held.append(contentsOf: bytes)
            return
        }
        held.append(contentsOf: bytes)
        if let end = Self.find(Self.cellsEnd, in: held) {
            try sink(held[..<end])
            held.removeFirst(end)
            cellsEnded = true
        } else if held.count > Self.cellsEnd.count {
            let kept = Self.cellsEnd.count - 1
            try sink(held[..<(held.count - kept)])
            held.removeFirst(held.count - kept)
        }
    }

    /// Where `needle` ends in `haystack`, found with memchr and memcmp (the cells of 65,000 rows are 30 MB
    /// to look through; a generic search took about a second).
    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        haystack.withUnsafeBytes { h -> Int? in
            needle.withUnsafeBytes { n -> Int? in
                guard let base = h.baseAddress, let first = n.first, h.count >= n.count else { return nil }
                var at = 0
                while at + n.count <= h.count {
                    guard let hit = memchr(base + at, Int32(first), h.count - n.count + 1 - at) else { return nil }
                    let offset = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + offset, n.baseAddress!, n.count) == 0 { return offset + n.count }
                    at = offset + 1
                }
                return nil
            }
        }
    }

    mutating func finish(_ sink: (ArraySlice<UInt8>) throws -> Void, path: String, part: String) throws {
        let place = held.firstRange(of: Array("<printOptions".utf8)) ?? held.firstRange(of: Array("<pageMargins".utf8))
        guard cellsEnded, let place else { throw PackageLinks.failure(path, "\(part) has no place for links") }
        try sink(held[..<place.lowerBound])
        try SheetLinks.hyperlinksElement(links, sink)
        try sink(held[place.lowerBound...])
    }
}

/// The central directory of a zip as libxlsxwriter writes it (no ZIP64, no data descriptors).
struct ZipDirectoryRecord {
    struct Entry {
        let name: String
        /// The central directory's record, as read.
        let central: [UInt8]
        let method: UInt16
        let compressedSize: Int
        let localOffset: Int

        func dataOffset(_ fd: Int32, _ path: String) throws -> Int {
            let local = try readBytes(fd, at: localOffset, count: 30, path)
            guard le32(local, 0) == 0x0403_4B50 else { throw PackageLinks.failure(path, "\(name): damaged zip entry") }
            return localOffset + 30 + Int(le16(local, 26)) + Int(le16(local, 28))
        }
    }

    let entries: [Entry]
    let offset: Int
    let comment: [UInt8]

    init(fd: Int32, path: String) throws {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw PackageLinks.failure(path, String(cString: strerror(errno))) }
        let size = Int(st.st_size)
        let tailLength = min(size, 22 + 65_535)
        let tail = try readBytes(fd, at: size - tailLength, count: tailLength, path)
        guard let eocd = stride(from: tailLength - 22, through: 0, by: -1).first(where: { le32(tail, $0) == 0x0605_4B50 }) else {
            throw PackageLinks.failure(path, "no zip directory at its end")
        }
        let count = Int(le16(tail, eocd + 10))
        let directorySize = Int(le32(tail, eocd + 12))
        offset = Int(le32(tail, eocd + 16))
        comment = Array(tail[(eocd + 22)...])
        let directory = try readBytes(fd, at: offset, count: directorySize, path)
        var found: [Entry] = []
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= directory.count, le32(directory, p) == 0x0201_4B50 else { throw PackageLinks.failure(path, "damaged zip directory") }
            let length = 46 + Int(le16(directory, p + 28)) + Int(le16(directory, p + 30)) + Int(le16(directory, p + 32))
            guard p + length <= directory.count, le32(directory, p + 20) != 0xFFFF_FFFF, le32(directory, p + 42) != 0xFFFF_FFFF,
                  le16(directory, p + 8) & 0x08 == 0 else { throw PackageLinks.failure(path, "a zip entry this layer cannot copy") }
            let name = String(decoding: directory[(p + 46)..<(p + 46 + Int(le16(directory, p + 28)))], as: UTF8.self)
            found.append(Entry(name: name, central: Array(directory[p..<(p + length)]), method: le16(directory, p + 10),
                               compressedSize: Int(le32(directory, p + 20)), localOffset: Int(le32(directory, p + 42))))
            p += length
        }
        entries = found.sorted { $0.localOffset < $1.localOffset }
    }
}

/// The new zip, written entry by entry, then its directory.
struct ZipOutput {
    let fd: Int32
    let path: String
    private var position = 0
    private var directory: [UInt8] = []
    private var count = 0

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// An entry as it was: its local header and compressed bytes, up to `end`.
    mutating func copy(_ entry: ZipDirectoryRecord.Entry, from source: Int32, end: Int) throws {
        var central = entry.central
        put32(&central, 42, UInt32(position))
        directory += central
        count += 1
        var at = entry.localOffset
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while at < end {
            let n = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress, min($0.count, end - at), off_t(at)) }
            guard n > 0 else { throw PackageLinks.failure(path, "\(entry.name): cannot read it") }
            try write(buffer[0..<n])
            at += n
        }
    }

    /// A new entry named `name`, deflated from what `produce` hands on; its headers like `model`'s.
    mutating func addPart(_ name: String, like model: ZipDirectoryRecord.Entry,
                          _ produce: ((ArraySlice<UInt8>) throws -> Void) throws -> Void) throws {
        let nameBytes = Array(name.utf8)
        let start = position
        var local = [UInt8](repeating: 0, count: 30)
        put32(&local, 0, 0x0403_4B50)
        for i in 4..<14 { local[i] = model.central[i + 2] }  // version needed, flags, method, time, date
        put16(&local, 8, 8)
        put16(&local, 26, UInt16(nameBytes.count))
        try write((local + nameBytes)[...])
        var deflater = try PartDeflater(path: path)
        defer { deflater.release() }
        try produce { bytes in try deflater.take(bytes, last: false) { try self.write($0) } }
        try deflater.take([], last: true) { try self.write($0) }
        put32(&local, 14, deflater.crc)
        put32(&local, 18, UInt32(deflater.compressed))
        put32(&local, 22, UInt32(deflater.uncompressed))
        guard pwrite(fd, local, 30, off_t(start)) == 30 else { throw PackageLinks.failure(path, String(cString: strerror(errno))) }

        var central = Array(model.central[0..<46])
        put16(&central, 10, 8)
        put32(&central, 16, deflater.crc)
        put32(&central, 20, UInt32(deflater.compressed))
        put32(&central, 24, UInt32(deflater.uncompressed))
        put16(&central, 28, UInt16(nameBytes.count))
        put16(&central, 30, 0)
        put16(&central, 32, 0)
        put32(&central, 42, UInt32(start))
        directory += central + nameBytes
        count += 1
    }

    mutating func finish(comment: [UInt8]) throws {
        let directoryStart = position
        try write(directory[...])
        var end = [UInt8](repeating: 0, count: 22)
        put32(&end, 0, 0x0605_4B50)
        put16(&end, 8, UInt16(count))
        put16(&end, 10, UInt16(count))
        put32(&end, 12, UInt32(directory.count))
        put32(&end, 16, UInt32(directoryStart))
        put16(&end, 20, UInt16(comment.count))
        try write((end + comment)[...])
    }

    mutating func write(_ bytes: ArraySlice<UInt8>) throws {
        var done = bytes.startIndex
        while done < bytes.endIndex {
            let n = bytes[done...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw PackageLinks.failure(path, String(cString: strerror(errno))) }
            done += n
            position += n
        }
    }
}

/// A part deflated as minizip deflates libxlsxwriter's (zlib's raw deflate at the default level, through
/// the same `deflateInit2_` that CDeflate routes to ISA-L while its switch is on), with the zip's CRC-32.
struct PartDeflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var output = [UInt8](repeating: 0, count: 1 << 18)
    private(set) var crc: UInt32 = 0
    private(set) var compressed = 0
    private(set) var uncompressed = 0

    init(path: String) throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = deflateInit2_(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw PackageLinks.failure(path, "deflate could not start (\(status))")
        }
    }

    func release() {
        deflateEnd(stream)
        stream.deallocate()
    }

    mutating func take(_ bytes: ArraySlice<UInt8>, last: Bool, _ emit: (ArraySlice<UInt8>) throws -> Void) throws {
        uncompressed += bytes.count
        var bytes = Array(bytes)
        crc = bytes.withUnsafeBufferPointer { crc32_gzip_refl(crc, $0.baseAddress, UInt64($0.count)) }
        try bytes.withUnsafeMutableBufferPointer { input in
            stream.pointee.next_in = input.baseAddress
            stream.pointee.avail_in = UInt32(input.count)
            var status = Z_OK
            repeat {
                let produced = try output.withUnsafeMutableBufferPointer { out -> Int in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(out.count)
                    status = deflate(stream, last ? Z_FINISH : Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw PackageLinks.failure("", "deflate failed (\(status))")
                    }
                    return out.count - Int(stream.pointee.avail_out)
                }
                compressed += produced
                if produced > 0 { try emit(output[0..<produced]) }
            } while stream.pointee.avail_in > 0 || (last && status != Z_STREAM_END)
        }
    }
}

private func readBytes(_ fd: Int32, at offset: Int, count: Int, _ path: String) throws -> [UInt8] {
    guard offset >= 0, count >= 0 else { throw PackageLinks.failure(path, "damaged zip directory") }
    var bytes = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
        guard n > 0 else { throw PackageLinks.failure(path, "cannot read it") }
        done += n
    }
    return bytes
}

private func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
private func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
}
private func put16(_ b: inout [UInt8], _ i: Int, _ v: UInt16) {
    b[i] = UInt8(v & 0xFF); b[i + 1] = UInt8(v >> 8)
}
private func put32(_ b: inout [UInt8], _ i: Int, _ v: UInt32) {
    for k in 0..<4 { b[i + k] = UInt8((v >> (8 * k)) & 0xFF) }
}
