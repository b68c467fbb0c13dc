// Reading a written .xlsx back: every part whole, because libxlsxwriter does not notice failed writes to its temporary files.
import CISAL
import CXlsxWriter
import Foundation

/// libxlsxwriter 1.1.4 writes each part of a workbook (and, in constant-memory mode, each sheet's rows) to a
/// temporary file, then zips it, and ignores write errors on those temporary files. On a full disk or past
/// the file-size limit a part is cut short, still zipped, and `workbook_close` reports success: the file
/// opens as a damaged or shortened workbook. So `Workbook.close()` reads the package back: every part must
/// inflate whole to its recorded size, and every XML part must end with the closing tag of its root. (The
/// CRC-32 is not recomputed: minizip took it from the same cut-short data, so it could not tell, and over a
/// million rows it costs a second of CPU.)
enum PackageReadBack {
    /// Throws when the zip at `path` is not whole.
    static func verify(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, "cannot read it back: " + String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw failure(path, "cannot read it back: " + String(cString: strerror(errno))) }
        let size = Int(st.st_size)

        // The end-of-central-directory record: in the last 22 bytes, or before a comment of up to 64 KiB.
        let tailLength = min(size, 22 + 65_535)
        let tail = try readBytes(fd, at: size - tailLength, count: tailLength, path)
        guard let eocd = stride(from: tailLength - 22, through: 0, by: -1).first(where: { le32(tail, $0) == 0x0605_4B50 }) else {
            throw failure(path, "no zip directory at its end")
        }
        let entries = Int(le16(tail, eocd + 10))
        let directorySize = Int(le32(tail, eocd + 12))
        let directoryOffset = Int(le32(tail, eocd + 16))
        let directory = try readBytes(fd, at: directoryOffset, count: directorySize, path)

        var p = 0
        for _ in 0..<entries {
            guard p + 46 <= directory.count, le32(directory, p) == 0x0201_4B50 else { throw failure(path, "damaged zip directory") }
            let method = le16(directory, p + 10)
            let compressed = Int(le32(directory, p + 20))
            let uncompressed = Int(le32(directory, p + 24))
            let nameLength = Int(le16(directory, p + 28))
            let extraLength = Int(le16(directory, p + 30))
            let commentLength = Int(le16(directory, p + 32))
            let localOffset = Int(le32(directory, p + 42))
            let name = String(decoding: directory[(p + 46)..<min(directory.count, p + 46 + nameLength)], as: UTF8.self)
            p += 46 + nameLength + extraLength + commentLength

            let local = try readBytes(fd, at: localOffset, count: 30, path)
            guard le32(local, 0) == 0x0403_4B50 else { throw failure(path, "\(name): damaged zip entry") }
            let dataOffset = localOffset + 30 + Int(le16(local, 26)) + Int(le16(local, 28))
            let part = try inflatePart(fd, at: dataOffset, compressed: compressed, stored: method == 0, path: path, name: name)
            guard part.size == uncompressed else { throw failure(path, "\(name) does not read back as it was zipped") }
            if name.hasSuffix(".xml") || name.hasSuffix(".rels") || name.hasSuffix(".vml"), !endsWithItsRoot(part) {
                throw failure(path, "\(name) is cut short (a write failed: is the disk full?)")
            }
        }
    }

    /// A part as read back: its size, and its first and last bytes.
    struct Part {
        var size = 0
        var head: [UInt8] = []
        var tail: [UInt8] = []
    }

    static let kept = 4096

    private static func inflatePart(_ fd: Int32, at offset: Int, compressed: Int, stored: Bool, path: String, name: String) throws -> Part {
        var part = Part()
        func take(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count > 0 else { return }
            part.size += bytes.count
            // Slices of the buffer (a generic `suffix` would walk every byte of it).
            if part.head.count < kept { part.head += bytes[..<min(bytes.count, kept - part.head.count)] }
            part.tail += bytes[max(0, bytes.count - kept)...]
            if part.tail.count > kept { part.tail.removeFirst(part.tail.count - kept) }
        }
        // ISA-L's inflate state is large (about 87 KB): on the heap, not a thread's stack.
        let stream = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)
        defer { stream.deallocate() }
        isal_inflate_init(stream)
        stream.pointee.crc_flag = UInt32(ISAL_DEFLATE)  // raw deflate, as zip stores it
        var input = [UInt8](repeating: 0, count: 1 << 16)
        var output = [UInt8](repeating: 0, count: 1 << 18)
        var position = offset
        var remaining = compressed
        var ended = false
        while remaining > 0 && !ended {
            let n = input.withUnsafeMutableBytes { pread(fd, $0.baseAddress, min($0.count, remaining), off_t(position)) }
            guard n > 0 else { throw failure(path, "\(name): cannot read it back") }
            position += n
            remaining -= n
            if stored {
                input.withUnsafeBufferPointer { take(UnsafeBufferPointer(rebasing: $0[0..<n])) }
                continue
            }
            try input.withUnsafeMutableBufferPointer { inBuffer in
                stream.pointee.next_in = inBuffer.baseAddress
                stream.pointee.avail_in = UInt32(n)
                repeat {
                    let status = output.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
                        stream.pointee.next_out = outBuffer.baseAddress
                        stream.pointee.avail_out = UInt32(outBuffer.count)
                        let status = isal_inflate(stream)
                        take(UnsafeBufferPointer(rebasing: outBuffer[0..<(outBuffer.count - Int(stream.pointee.avail_out))]))
                        return status
                    }
                    guard status == ISAL_DECOMP_OK else { throw failure(path, "\(name): damaged compressed data") }
                    if stream.pointee.block_state == ISAL_BLOCK_FINISH { ended = true; break }
                } while stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0
            }
        }
        if !stored && !ended { throw failure(path, "\(name): compressed data cut short") }
        return part
    }

    /// Whether an XML part ends with `</root>`, or is one empty root element (`<root …/>`).
    static func endsWithItsRoot(_ part: Part) -> Bool {
        var head = part.head[...]
        func skipSpace() { while let b = head.first, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { head = head.dropFirst() } }
        skipSpace()
        if head.starts(with: Array("<?xml".utf8)), let end = head.firstRange(of: Array("?>".utf8)) {
            head = head[end.upperBound...]
            skipSpace()
        }
        guard head.first == UInt8(ascii: "<") else { return false }
        let root = head.dropFirst().prefix { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "/") }
        var tail = part.tail[...]
        while let b = tail.last, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { tail = tail.dropLast() }
        let closing = Array("</".utf8) + root + Array(">".utf8)
        if tail.count >= closing.count && tail.suffix(closing.count).elementsEqual(closing) { return true }
        // One empty element: the whole part is in `head`, and nothing follows the root's own `/>`.
        return part.size <= kept && tail.suffix(2).elementsEqual(Array("/>".utf8)) && !head.dropFirst().contains(UInt8(ascii: "<"))
    }

    private static func readBytes(_ fd: Int32, at offset: Int, count: Int, _ path: String) throws -> [UInt8] {
        guard offset >= 0, count >= 0 else { throw failure(path, "damaged zip directory") }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            guard n > 0 else { throw failure(path, "cannot read it back") }
            done += n
        }
        return bytes
    }

    private static func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    private static func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    private static func failure(_ path: String, _ why: String) -> XlsxError {
        XlsxError(LXW_ERROR_ZIP_FILE_ADD, context: "closing \(path): the file written is not whole: \(why)")
    }
}
