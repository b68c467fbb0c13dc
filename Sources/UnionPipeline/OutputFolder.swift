// The output folder: refused unless it is unionbatch's; outputs staged beside it and swapped in at once.
import Foundation
import UnionCore

public enum OutputFolderError: Error, Sendable {
    /// The folder exists, is not empty and holds no unionbatch manifest.
    case notOurs(String)
    /// No staging folder can be made beside the output folder (its parent is read-only, say): the output folder and why.
    case cannotCreate(String, String)
    /// An output cannot be written into the staging folder (a full disk): the output's name and why.
    case cannotWrite(String, String)
    case cannotSwap(String, String)
    /// The output folder is the input folder or holds it: the output folder and the input folder.
    case holdsInput(String, String)
    /// A part of the output folder's path is a file, not a folder: the output folder and that part.
    case pathThroughFile(String, String)
    /// Another run writes the output folder: the output folder and that run (its process and user, when it said).
    case busy(String, OutputFolderLock.Holder?)
}

/// A staging folder beside the output folder, filled with a complete set and then swapped in.
public struct OutputStage: Sendable {
    /// The output folder as written to: a symbolic link's target, so that the link stays a link.
    public let outputFolder: String
    public let stagingFolder: String
    /// Held from `prepare` to `commit` or `discard`: one run at a time stages and swaps for this folder.
    let lock: OutputFolderLock
    let stagingLock: StagingFolderLock

    static func stagingPrefix(for output: String) -> String {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".unionbatch-staging-"
    }

    /// The folder the outputs go to: `outputFolder` itself, or the target of the symbolic link it is.
    /// Refuses an output folder that is an input folder or holds one, and a path that runs through a file.
    public static func resolve(outputFolder: String, inputFolders: [String] = []) throws -> String {
        var resolved = URL(fileURLWithPath: outputFolder).standardizedFileURL.path
        var st = stat()
        if lstat(resolved, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
            guard let real = realpath(resolved, nil) else { throw OutputFolderError.notOurs(outputFolder) }
            resolved = String(cString: real)
            free(real)
        }
        // The first part of the path that exists must be a folder: `--out afile/sub` names what is wrong.
        var probe = resolved
        while probe != "/" && !probe.isEmpty {
            if stat(probe, &st) == 0 {
                if (st.st_mode & S_IFMT) != S_IFDIR && probe != resolved { throw OutputFolderError.pathThroughFile(outputFolder, probe) }
                break
            }
            probe = (probe as NSString).deletingLastPathComponent
        }
        if let outputReal = realPath(resolved) {
            for input in inputFolders {
                guard let inputReal = realPath(input) else { continue }
                if inputReal == outputReal || inputReal.hasPrefix(outputReal == "/" ? "/" : outputReal + "/") {
                    throw OutputFolderError.holdsInput(outputFolder, input)
                }
            }
        }
        return resolved
    }

    private static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// Takes the output folder's lock, checks the folder may be written, clears dead runs' staging folders
    /// and makes a fresh one, locked while this run lives.
    public static func prepare(outputFolder requested: String, inputFolders: [String] = [],
                               wait: TimeInterval = OutputFolderLock.defaultWait) throws -> OutputStage {
        let fm = FileManager.default
        let outputFolder = try resolve(outputFolder: requested, inputFolders: inputFolders)
        let prefix = stagingPrefix(for: outputFolder)
        let parent = FilePath.parent(prefix)
        let base = FilePath.lastComponent(prefix)
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputFolderError.cannotCreate(requested, systemReason(error))
        }
        let lock: OutputFolderLock
        do {
            lock = try OutputFolderLock.acquire(outputFolder: outputFolder, wait: wait)
        } catch OutputFolderLock.Failure.held(let holder) {
            throw OutputFolderError.busy(requested, holder)
        } catch OutputFolderLock.Failure.cannotCreate(let why) {
            throw OutputFolderError.cannotCreate(requested, why)
        }
        var st = stat()
        if lstat(outputFolder, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else {
                release(lock)
                throw OutputFolderError.notOurs(requested)
            }
            // Hidden files (.DS_Store, an editor's or a shell's) do not make a folder someone's: they
            // are carried over into the new set like any file unionbatch did not write.
            let contents = ((try? fm.contentsOfDirectory(atPath: outputFolder)) ?? []).filter { !$0.hasPrefix(".") }
            if !contents.isEmpty && !Manifest.isOurs(folder: outputFolder) {
                release(lock)
                throw OutputFolderError.notOurs(requested)
            }
        }
        // Runs killed before their swap leave staging folders: clear those no live run holds.
        for name in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(base) {
            let path = parent + "/" + name
            if StagingFolderLock.isAbandoned(path) { try? fm.removeItem(atPath: path) }
        }
        // A name no other run can have, whatever process ids the system hands out again.
        var staging = ""
        var made = false
        for _ in 0..<100 {
            staging = prefix + String(getpid()) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            // mkdir(2) itself, for the system's own reason (Permission denied, Read-only file system); made
            // and registered for removal at once, so an interruption never leaves it behind.
            let name = staging
            let rc = Interruption.withoutInterruption { () -> Int32 in
                guard mkdir(name, 0o777) == 0 else { return errno }
                Interruption.register(name)
                return 0
            }
            if rc == 0 {
                made = true
                break
            }
            errno = rc
            if rc != EEXIST { break }
        }
        guard made else {
            let why = String(cString: strerror(errno))
            release(lock)
            throw OutputFolderError.cannotCreate(requested, why)
        }
        guard let stagingLock = StagingFolderLock(path: staging) else {
            let why = String(cString: strerror(errno))
            Interruption.unregister(staging)
            try? fm.removeItem(atPath: staging)
            release(lock)
            throw OutputFolderError.cannotCreate(requested, why)
        }
        return OutputStage(outputFolder: outputFolder, stagingFolder: staging, lock: lock, stagingLock: stagingLock)
    }

    private static func release(_ lock: OutputFolderLock) { lock.release() }

    public func path(_ name: String) -> String { stagingFolder + "/" + name }

    /// Writes bytes into the staging folder.
    public func write(_ name: String, _ bytes: [UInt8]) throws {
        guard FileManager.default.createFile(atPath: path(name), contents: Data(bytes)) else {
            throw OutputFolderError.cannotWrite(name, String(cString: strerror(errno)))
        }
    }

    /// Swaps the staged set in: the output folder holds the old complete set or the new one, never a mix.
    public func commit() throws {
        defer { finished() }
        try Interruption.withoutInterruption {
            var st = stat()
            if lstat(outputFolder, &st) != 0 {
                guard rename(stagingFolder, outputFolder) == 0 else {
                    throw OutputFolderError.cannotSwap(outputFolder, String(cString: strerror(errno)))
                }
                return
            }
            // An atomic exchange: both names stay valid throughout.
            let rc = stagingFolder.withCString { a in
                outputFolder.withCString { b in exchangeNames(a, b) }
            }
            guard rc == 0 else { throw OutputFolderError.cannotSwap(outputFolder, String(cString: strerror(errno))) }
        }
        // The staging name now holds the old set: it goes, as it would on an interruption.
        try? FileManager.default.removeItem(atPath: stagingFolder)
    }

    public func discard() {
        try? FileManager.default.removeItem(atPath: stagingFolder)
        finished()
    }

    /// Lets go of the staging folder and of the output folder's lock.
    private func finished() {
        Interruption.unregister(stagingFolder)
        stagingLock.release()
        Self.release(lock)
    }
}

/// The system's reason inside a Foundation file error (its POSIX code), else Foundation's text.
func systemReason(_ error: Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? Error {
        let posix = underlying as NSError
        if posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
    }
    return ns.localizedDescription
}

/// Swaps the two names at once (0, else -1 and errno): renameat2(RENAME_EXCHANGE) on Linux, renamex_np(RENAME_SWAP)
/// on Darwin (macOS 10.12+, APFS and HFS+). Elsewhere there is no atomic exchange, and a rename in two steps
/// could leave the output folder without a complete set: such a build stops here instead.
private func exchangeNames(_ a: UnsafePointer<CChar>, _ b: UnsafePointer<CChar>) -> Int32 {
    #if canImport(Glibc)
    glibcRenameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */)
    #elseif canImport(Darwin)
    renamex_np(a, b, UInt32(RENAME_SWAP))
    #else
    #error("no atomic exchange of two names on this platform: see exchangeNames")
    #endif
}

#if canImport(Glibc)
/// glibc's renameat2 (2.28+), which the Swift Glibc module does not export.
@_silgen_name("renameat2")
private func glibcRenameat2(_ oldDirectory: Int32, _ oldPath: UnsafePointer<CChar>, _ newDirectory: Int32,
                            _ newPath: UnsafePointer<CChar>, _ flags: UInt32) -> Int32
#endif
