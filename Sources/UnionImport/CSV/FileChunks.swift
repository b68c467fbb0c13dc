// A regular file read front to back in chunks, so no pass over an input holds the whole file.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text the CSV reader takes a window at a time: a UTF-8 file as it is, or another encoding decoded.
public protocol TextChunks: AnyObject {
    /// Fills as much of `buffer` as the text has left; 0 at its end (or after a failure).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int
    /// Why the text stopped before the file's end, if it did: said with the file's F01.
    var failureReason: String? { get }
}

/// An open input file. Reads go straight into the caller's buffer; a read error ends the stream
/// and is remembered, so the pass can say the file could not be read to its end.
public final class FileChunks: TextChunks {
    /// What identifies the file's contents cheaply: a pass that finds them changed says so.
    public struct Identity: Sendable, Equatable {
        public let size: Int
        public let modifiedSeconds: Int
        public let modifiedNanoseconds: Int
        /// The status-change time: every write moves it, and no program can set it back (as `touch -r`
        /// can the modification time).
        public let changedSeconds: Int
        public let changedNanoseconds: Int
        /// The file itself: an editor that saves by renaming a new file over the old one makes another.
        public let device: UInt64
        public let inode: UInt64

        init(_ st: stat) {
            size = Int(st.st_size)
            #if canImport(Glibc)
            modifiedSeconds = Int(st.st_mtim.tv_sec)
            modifiedNanoseconds = Int(st.st_mtim.tv_nsec)
            changedSeconds = Int(st.st_ctim.tv_sec)
            changedNanoseconds = Int(st.st_ctim.tv_nsec)
            #else
            // Darwin names the same times st_mtimespec and st_ctimespec.
            modifiedSeconds = Int(st.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int(st.st_mtimespec.tv_nsec)
            changedSeconds = Int(st.st_ctimespec.tv_sec)
            changedNanoseconds = Int(st.st_ctimespec.tv_nsec)
            #endif
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
        }

        /// The file at `path` now, or nil when it cannot be looked at.
        public static func current(path: String) -> Identity? {
            var st = stat()
            guard stat(path, &st) == 0 else { return nil }
            return Identity(st)
        }
    }

    private let fd: Int32
    public let identity: Identity
    /// The errno of a failed read, if one failed.
    public private(set) var failure: Int32?

    /// Opens `path` for reading; only a regular file is accepted (a named pipe would block the run).
    public init(path: String) throws {
        let fd = systemOpen(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw FileBytes.ReadError(code: errno) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let code = errno
            close(fd)
            throw FileBytes.ReadError(code: code)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw FileBytes.ReadError(code: EINVAL)
        }
        self.fd = fd
        identity = Identity(st)
        #if canImport(Glibc)
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #else
        // Darwin has no posix_fadvise; read-ahead is its nearest hint.
        _ = fcntl(fd, F_RDAHEAD, 1)
        #endif
    }

    deinit { close(fd) }

    /// Where the next read starts.
    private var position = 0
    /// Reads stop at this byte offset: a pass stops at the size the file had when opened (bytes appended
    /// since would be rows the first pass did not hash), the header search at its 1 MiB.
    public var readLimit: Int?

    /// Reads stop at the size the file had when opened.
    public func stopAtOpenedSize() { readLimit = min(readLimit ?? .max, identity.size) }

    /// Fills as much of `buffer` as the file has left; 0 at the end of the file (or after a failed read).
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard failure == nil, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let wanted = readLimit.map { min(buffer.count, max($0 - position, 0)) } ?? buffer.count
        var filled = 0
        defer { position += filled }
        while filled < wanted {
            let n = systemRead(fd, base + filled, wanted - filled)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            if n == 0 { break }
            filled += n
        }
        return filled
    }

    public var failureReason: String? { failure.map { String(cString: strerror($0)) } }

    /// Skips `count` bytes (a byte-order mark) from the current position.
    public func skip(_ count: Int) {
        guard count > 0 else { return }
        if lseek(fd, off_t(count), SEEK_CUR) < 0 { failure = errno } else { position += count }
    }
}

// The C library's open(2) and read(2) by their module's name: inside FileChunks its own `read` hides them.
#if canImport(Glibc)
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { Glibc.open(path, flags) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { Glibc.read(fd, buffer, count) }
#elseif canImport(Darwin)
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { Darwin.open(path, flags) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { Darwin.read(fd, buffer, count) }
#endif
