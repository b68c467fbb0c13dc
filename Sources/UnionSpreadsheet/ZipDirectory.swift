// A ZIP package's central directory (ZIP64 included): each part's name, method, sizes, CRC and local header.
import Foundation

/// One part as the central directory lists it.
struct ZipEntry {
    let name: String
    /// 0 stored, 8 deflated; anything else cannot be read.
    let method: UInt16
    let flags: UInt16
    let checksum: UInt32
    let compressedSize: UInt64
    let uncompressedSize: UInt64
    let localHeaderOffset: UInt64
}

/// The entries of the package open at `file`, by name (the first of a repeated name wins).
struct ZipDirectory {
    private(set) var entries: [String: ZipEntry] = [:]

    /// The central directory may not claim more than this: a real package's is a few kilobytes.
    static let maxDirectorySize = 64 << 20

    init(file: ZipFile) throws {
        let size = file.size
        let tailLength = Int(min(size, 22 + 65_535))
        let tail = try file.read(at: size - UInt64(tailLength), count: tailLength)
        guard tailLength >= 22,
              let eocd = stride(from: tailLength - 22, through: 0, by: -1).first(where: { tail.le32($0) == 0x0605_4B50 }) else {
            throw ZipDirectory.unreadable
        }
        var count = UInt64(tail.le16(eocd + 10))
        var directorySize = UInt64(tail.le32(eocd + 12))
        var directoryOffset = UInt64(tail.le32(eocd + 16))
        // ZIP64: the locator sits just before the end record and points at the larger record.
        if eocd >= 20, tail.le32(eocd - 20) == 0x0706_4B50 {
            let record = try file.read(at: tail.le64(eocd - 20 + 8), count: 56)
            guard record.le32(0) == 0x0606_4B50 else { throw ZipDirectory.unreadable }
            count = record.le64(32)
            directorySize = record.le64(40)
            directoryOffset = record.le64(48)
        }
        guard directorySize <= UInt64(ZipDirectory.maxDirectorySize), directoryOffset <= size,
              directorySize <= size - directoryOffset else { throw ZipDirectory.unreadable }
        let directory = try file.read(at: directoryOffset, count: Int(directorySize))
        var p = 0
        for _ in 0..<count {
            let entry = try ZipDirectory.entry(in: directory, at: &p)
            if entries[entry.name] == nil { entries[entry.name] = entry }
        }
    }

    subscript(name: String) -> ZipEntry? { entries[name] }

    static let unreadable = SpreadsheetProblem.damagedPackage(reason: "not a readable ZIP package")

    /// The central directory record at `p`, which moves past it.
    private static func entry(in d: [UInt8], at p: inout Int) throws -> ZipEntry {
        guard p + 46 <= d.count, d.le32(p) == 0x0201_4B50 else { throw unreadable }
        let nameLength = Int(d.le16(p + 28))
        let extraLength = Int(d.le16(p + 30))
        let commentLength = Int(d.le16(p + 32))
        let end = p + 46 + nameLength + extraLength + commentLength
        guard end <= d.count else { throw unreadable }
        let name = String(decoding: d[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
        var uncompressed = UInt64(d.le32(p + 24))
        var compressed = UInt64(d.le32(p + 20))
        var offset = UInt64(d.le32(p + 42))
        // ZIP64 extra field (0x0001): the 8-byte values of the fields that read 0xFFFFFFFF, in this order.
        var x = p + 46 + nameLength
        let extraEnd = x + extraLength
        while x + 4 <= extraEnd {
            let id = d.le16(x)
            let length = Int(d.le16(x + 2))
            guard x + 4 + length <= extraEnd else { break }
            if id == 0x0001 {
                var v = x + 4
                func next(_ field: inout UInt64) {
                    guard field == 0xFFFF_FFFF, v + 8 <= x + 4 + length else { return }
                    field = d.le64(v)
                    v += 8
                }
                next(&uncompressed)
                next(&compressed)
                next(&offset)
            }
            x += 4 + length
        }
        let entry = ZipEntry(name: name, method: d.le16(p + 10), flags: d.le16(p + 8), checksum: d.le32(p + 16),
                             compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: offset)
        p = end
        return entry
    }
}

/// The package file, read by offset; closed when the last reader lets go of it.
final class ZipFile {
    let descriptor: Int32
    let size: UInt64

    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ZipDirectory.unreadable }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size >= 0 else {
            close(fd)
            throw ZipDirectory.unreadable
        }
        descriptor = fd
        size = UInt64(st.st_size)
    }

    deinit { close(descriptor) }

    /// Up to `buffer.count` bytes at `offset`; fewer only at the file's end.
    func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + UInt64(done)))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            done += n
        }
        return done
    }

    /// Exactly `count` bytes at `offset`, or the package is unreadable.
    func read(at offset: UInt64, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        guard offset <= size, UInt64(count) <= size - offset else { throw ZipDirectory.unreadable }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { read(at: offset, into: $0) }
        guard n == count else { throw ZipDirectory.unreadable }
        return bytes
    }
}

extension Array where Element == UInt8 {
    func le16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func le32(_ i: Int) -> UInt32 { UInt32(le16(i)) | UInt32(le16(i + 2)) << 16 }
    func le64(_ i: Int) -> UInt64 { UInt64(le32(i)) | UInt64(le32(i + 4)) << 32 }
}
