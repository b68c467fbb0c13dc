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
}

/// A staging folder beside the output folder, filled with a complete set and then swapped in.
public struct OutputStage: Sendable {
    public let outputFolder: String
    public let stagingFolder: String

    static func stagingPrefix(for output: String) -> String {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".unionbatch-staging-"
    }

    /// Checks the output folder may be written, clears stale staging folders, makes a fresh one.
    public static func prepare(outputFolder: String) throws -> OutputStage {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: outputFolder, isDirectory: &isDir) {
            guard isDir.boolValue else { throw OutputFolderError.notOurs(outputFolder) }
            // Hidden files (.DS_Store, an editor's or a shell's) do not make a folder someone's: they
            // are carried over into the new set like any file unionbatch did not write.
            let contents = ((try? fm.contentsOfDirectory(atPath: outputFolder)) ?? []).filter { !$0.hasPrefix(".") }
            if !contents.isEmpty && !Manifest.isOurs(folder: outputFolder) { throw OutputFolderError.notOurs(outputFolder) }
        }
        let prefix = stagingPrefix(for: outputFolder)
        let parent = FilePath.parent(prefix)
        let base = FilePath.lastComponent(prefix)
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputFolderError.cannotCreate(outputFolder, systemReason(error))
        }
        // A run killed before its swap leaves its staging folder: clear those no live process owns.
        for name in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(base) {
            let pid = Int32(name.dropFirst(base.count)) ?? 0
            if pid == 0 || kill(pid, 0) != 0 { try? fm.removeItem(atPath: parent + "/" + name) }
        }
        let staging = prefix + String(getpid())
        try? fm.removeItem(atPath: staging)
        // mkdir(2) itself, for the system's own reason (Permission denied, Read-only file system).
        guard mkdir(staging, 0o777) == 0 else {
            throw OutputFolderError.cannotCreate(outputFolder, String(cString: strerror(errno)))
        }
        return OutputStage(outputFolder: outputFolder, stagingFolder: staging)
    }

    public func path(_ name: String) -> String { stagingFolder + "/" + name }

    /// Writes bytes into the staging folder.
    public func write(_ name: String, _ bytes: [UInt8]) throws {
        guard FileManager.default.createFile(atPath: path(name), contents: Data(bytes)) else {
            throw OutputFolderError.cannotWrite(name, String(cString: strerror(errno)))
        }
    }

    /// Swaps the staged set in: the output folder holds the old complete set or the new one, never a mix.
    public func commit() throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: outputFolder) {
            guard rename(stagingFolder, outputFolder) == 0 else {
                throw OutputFolderError.cannotSwap(outputFolder, String(cString: strerror(errno)))
            }
            return
        }
        // renameat2(RENAME_EXCHANGE): both names stay valid throughout.
        let rc = stagingFolder.withCString { a in
            outputFolder.withCString { b in
                glibcRenameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */)
            }
        }
        guard rc == 0 else { throw OutputFolderError.cannotSwap(outputFolder, String(cString: strerror(errno))) }
        try? fm.removeItem(atPath: stagingFolder)
    }

    public func discard() { try? FileManager.default.removeItem(atPath: stagingFolder) }
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

/// glibc's renameat2 (2.28+), which the Swift Glibc module does not export.
@_silgen_name("renameat2")
private func glibcRenameat2(_ oldDirectory: Int32, _ oldPath: UnsafePointer<CChar>, _ newDirectory: Int32,
                            _ newPath: UnsafePointer<CChar>, _ flags: UInt32) -> Int32
