// A folder's entries by their bytes: names that are not UTF-8 are listed too, and can be opened.
import Foundation
import UnionImport

/// One entry of a folder: the name shown (`FileNameText`) and a path that opens it.
struct FolderEntry {
    let name: String
    let path: String
    /// The name's bytes, by which entries sort.
    let bytes: [UInt8]
}

/// Descriptors of entries whose names are not UTF-8, kept open while the run needs them: a Swift
/// String cannot hold such a name, so the run opens the file through `/proc/self/fd/N` (Linux) or
/// `/dev/fd/N` (Darwin, where opening it duplicates the descriptor, as Linux's reopens the file).
final class HeldNames: @unchecked Sendable {
    // @unchecked: filled while listing, before the value is shared; closed once, at deinit.
    private(set) var descriptors: [Int32] = []

    func hold(_ fd: Int32) { descriptors.append(fd) }

    deinit { for fd in descriptors { close(fd) } }
}

enum FolderEntries {
    /// Every entry of `folder` but `.` and `..`, sorted by the bytes of its name.
    static func list(_ folder: String, holding held: HeldNames) throws -> [FolderEntry] {
        guard let dir = opendir(folder) else { throw CocoaError(.fileReadNoPermission) }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let bytes: [UInt8] = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            names.append(bytes)
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        let separator = folder.hasSuffix("/") ? "" : "/"
        return names.map { bytes in
            if let name = String(validating: bytes, as: UTF8.self) {
                // Shown with its control characters escaped, opened by its own name.
                return FolderEntry(name: FileNameText.display(bytes), path: folder + separator + name, bytes: bytes)
            }
            let full = Array((folder + separator).utf8) + bytes + [0]
            let fd = full.withUnsafeBufferPointer { p in
                p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: full.count) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
            }
            let path: String
            if fd >= 0 {
                held.hold(fd)
                path = descriptorPath(fd)
            } else {
                // It cannot be opened: a path that says so when the run tries.
                path = folder + separator + FileNameText.escaped(bytes)
            }
            return FolderEntry(name: FileNameText.display(bytes), path: path, bytes: bytes)
        }
    }

    /// A path that opens the file held by `fd`.
    private static func descriptorPath(_ fd: Int32) -> String {
        #if os(Linux)
        return "/proc/self/fd/\(fd)"
        #else
        return "/dev/fd/\(fd)"
        #endif
    }
}
