// One run per output folder: an advisory lock beside it, naming its holder; staging folders owned through their own lock.
import Foundation
import UnionCore

/// The lock of one output folder: `.<name>.unionbatch-lock` beside it, held with `flock` while a run stages
/// and swaps its set. The file holds the holder's process id and user, for the message of a run that waits
/// in vain; it is removed when the lock is let go, so it never stays in the clerk's folder.
public final class OutputFolderLock: @unchecked Sendable {
    // @unchecked: set once at creation; `release` is called by the one run that owns it.
    public let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { release() }

    /// The holder another run recorded: its process id and user.
    public struct Holder: Sendable, Equatable {
        public var pid: Int32
        public var user: String

        /// This process, as it records itself.
        public static var current: Holder { Holder(pid: getpid(), user: currentUser()) }
    }

    public enum Failure: Error, Sendable {
        /// Another run held the lock for the whole wait: who it is, when it said so.
        case held(Holder?)
        /// The lock file cannot be made (a read-only folder): why.
        case cannotCreate(String)
    }

    /// How long a second run waits for the first (SPEC §6).
    public static let defaultWait: TimeInterval = 10

    public static func lockPath(for outputFolder: String) -> String {
        let url = URL(fileURLWithPath: outputFolder).standardizedFileURL
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".unionbatch-lock"
    }

    /// Takes the lock, waiting up to `wait` seconds for a run that holds it.
    public static func acquire(outputFolder: String, wait: TimeInterval = defaultWait) throws -> OutputFolderLock {
        let path = lockPath(for: outputFolder)
        let deadline = Date().addingTimeInterval(wait)
        while true {
            // Taken and registered for removal at once: an interruption in between would leave the file.
            if let lock = try Interruption.withoutInterruption({ try attempt(path) }) { return lock }
            if Date() >= deadline { throw Failure.held(holder(path)) }
            usleep(50_000)
        }
    }

    /// One try at the lock: the lock, registered for removal on an interruption, or nil when another run holds it.
    private static func attempt(_ path: String) throws -> OutputFolderLock? {
        while true {
            var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o666)
            let reason = errno
            // Another user's lock file may be read-only to us: a read-only descriptor locks as well.
            if fd < 0 && reason == EACCES { fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }
            guard fd >= 0 else { throw Failure.cannotCreate(String(cString: strerror(reason))) }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                // The holder before us may have removed the file after we opened it: then our lock is on a
                // file no later run will see, and we try again on the one at the path.
                var held = stat(), atPath = stat()
                if fstat(fd, &held) == 0, lstat(path, &atPath) == 0, held.st_dev == atPath.st_dev, held.st_ino == atPath.st_ino {
                    let lock = OutputFolderLock(path: path, fd: fd)
                    lock.record()
                    Interruption.register(path)
                    return lock
                }
                close(fd)
                continue
            }
            close(fd)
            return nil
        }
    }

    /// Who holds the lock at `path`, as it wrote itself down.
    static func holder(_ path: String) -> Holder? {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else { return nil }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard words.count >= 2, let pid = Int32(words[0]) else { return nil }
        return Holder(pid: pid, user: String(words[1]))
    }

    private func record() {
        let text = "\(getpid()) \(Self.currentUser())\n"
        _ = lseek(fd, 0, SEEK_SET)
        guard ftruncate(fd, 0) == 0 else { return }
        _ = text.withCString { write(fd, $0, strlen($0)) }
    }

    static func currentUser() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return String(geteuid())
    }

    /// Lets the lock go: the file is removed while still held, so no run waits on a file that is gone.
    public func release() {
        Interruption.withoutInterruption {
            guard fd >= 0 else { return }
            unlink(path)
            close(fd)
            fd = -1
            Interruption.unregister(path)
        }
    }
}

/// A staging folder's own lock: the folder's descriptor, `flock`ed while the run that made it lives.
/// A staging folder whose lock anyone can take belongs to a dead run.
final class StagingFolderLock: @unchecked Sendable {
    // @unchecked: the descriptor is set once and closed by the process's end or `release`, once.
    private var fd: Int32

    /// Locks the folder just made at `path`.
    init?(path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        self.fd = fd
    }

    func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    /// Whether no live run holds the staging folder at `path` (a dead run's leftover).
    static func isAbandoned(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_EX | LOCK_NB) == 0
    }
}
