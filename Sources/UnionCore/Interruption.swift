// SIGINT and SIGTERM: the run removes what it was writing (staging folders, temporary files), then exits 130 or 143.
import Foundation

/// What an interrupted run removes before it exits: its own staging folders and temporary files.
/// SIGINT and SIGTERM are caught once `install` is called (the command line does), and end the run with
/// 130 or 143 (SPEC §7.1) after the removal.
public enum Interruption {
    // Recursive: a body run without interruption may register what it makes.
    private static let lock = NSRecursiveLock()
    nonisolated(unsafe) private static var paths: Set<String> = []
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    nonisolated(unsafe) private static var lastWords: [@Sendable () -> Void] = []

    /// Catches SIGINT and SIGTERM for the rest of the process.
    public static func install() {
        lock.withLock {
            guard sources.isEmpty else { return }
            for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { interrupted(exitStatus: status) }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Names a folder or file to remove if the run is interrupted.
    public static func register(_ path: String) { lock.withLock { _ = paths.insert(path) } }

    public static func unregister(_ path: String) { lock.withLock { _ = paths.remove(path) } }

    /// Something to do first when the run is interrupted (the progress line clears itself, so the shell's
    /// prompt does not start after it).
    public static func atInterruption(_ body: @escaping @Sendable () -> Void) { lock.withLock { lastWords.append(body) } }

    /// Runs `body` with no interruption's removal in between (a swap: both names must stay as they are).
    public static func withoutInterruption<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private static func interrupted(exitStatus: Int32) {
        lock.lock()
        for body in lastWords { body() }
        // Writers may still add files while the folder goes: remove until it is gone.
        for path in paths {
            for _ in 0..<20 {
                try? FileManager.default.removeItem(atPath: path)
                var st = stat()
                if lstat(path, &st) != 0 { break }
            }
        }
        _exit(exitStatus)
    }
}
