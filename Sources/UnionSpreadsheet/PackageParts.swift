// A ZIP package (.xlsx, .ods) whose parts are inflated as a stream into an XML parser, never whole.
import CISAL
import Foundation
import ZIPFoundation

struct PackageParts {
    /// A part may inflate to this much whatever its ratio; past it, more than 100× its compressed size is a bomb.
    static let bombFloor: UInt64 = 256 << 20
    static let bombRatio: UInt64 = 100

    private let archive: Archive

    init(path: String) throws {
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw SpreadsheetProblem.damagedPackage(reason: "not a readable ZIP package")
        }
    }

    func contains(_ part: String) -> Bool { archive[part] != nil }

    /// Parses part `name` with `handler`, chunk by chunk as it inflates.
    func parse(_ name: String, with handler: XMLEventHandler) throws {
        guard let entry = archive[name] else { throw SpreadsheetProblem.missingPart(name) }
        let stream = XMLEventStream(part: name, handler: handler)
        let limit = max(PackageParts.bombFloor, UInt64(entry.compressedSize) &* PackageParts.bombRatio)
        var inflated: UInt64 = 0
        // The CRC is ISA-L's (several times ZIPFoundation's own), checked once the part is whole.
        var crc: UInt32 = 0
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: true) { data in
                inflated += UInt64(data.count)
                if inflated > limit { throw SpreadsheetProblem.zipBomb(part: name) }
                try data.withUnsafeBytes { bytes in
                    if let base = bytes.baseAddress {
                        crc = crc32_gzip_refl(crc, base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
                    }
                    try stream.feed(bytes)
                }
            }
        } catch let problem as SpreadsheetProblem {
            throw problem
        } catch {
            throw SpreadsheetProblem.damagedPackage(reason: "\(name): \(error)")
        }
        if crc != entry.checksum { throw SpreadsheetProblem.damagedPackage(reason: "\(name): CRC mismatch") }
        try stream.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
    }

    /// A small part's bytes (content types, manifests), bounded like any other part.
    func bytes(_ name: String, limit: Int = 16 << 20) throws -> [UInt8] {
        guard let entry = archive[name] else { throw SpreadsheetProblem.missingPart(name) }
        var result: [UInt8] = []
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { data in
                result.append(contentsOf: data)
                if result.count > limit { throw SpreadsheetProblem.zipBomb(part: name) }
            }
        } catch let problem as SpreadsheetProblem {
            throw problem
        } catch {
            throw SpreadsheetProblem.damagedPackage(reason: "\(name): \(error)")
        }
        return result
    }
}
