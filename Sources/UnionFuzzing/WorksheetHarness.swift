// The worksheet harness: any bytes as a worksheet or shared strings part, read by libxml2 through the C cell
// records, by one parser in chunks and by two parsers on pieces.
import Foundation
import UnionSpreadsheet

/// The first byte picks the part (bit 0: shared strings), the second the chunk size one parser is fed
/// (1 to 64 bytes), the third the piece size (48 to 303 bytes); the rest is the part's XML. What the
/// reader promises (SPEC §2.5, README "Reading workbooks"):
/// - bad XML is a problem named, never a trap or a hang;
/// - one parser gives the same rows, or refuses the part, however the bytes are chunked (which of two
///   problems it names first may hang on where the bytes it was fed ended: libxml2's converter of a part
///   in an iconv encoding works ahead of the parser by what it was given);
/// - two parsers on pieces give exactly what one parser gives, or give up (and the part is read again by
///   one): they never read a part one parser refuses, nor read it differently.
enum WorksheetHarness {
    static let threads = SheetThreads { Thread.detachNewThread($0) }

    static func run(_ bytes: [UInt8]) {
        guard bytes.count >= 3 else { return }
        let kind: PartProbe.Kind = bytes[0] & 1 == 0 ? .worksheet : .sharedStrings
        let chunk = 1 + Int(bytes[1] % 64)
        let pieceSize = 48 + Int(bytes[2])
        let xml = Array(bytes[3...])
        let whole = PartProbe.one(kind, xml, chunk: xml.count + 1)
        let chunked = PartProbe.one(kind, xml, chunk: chunk)
        precondition(same(whole, chunked), "fed in chunks of \(chunk): \(chunked) against \(whole) fed whole")
        if let pieces = PartProbe.pieces(kind, xml, pieceSize: pieceSize, threads: threads) {
            precondition(pieces == whole, "in pieces of \(pieceSize): \(pieces) against one parser's \(whole)")
        }
    }

    /// The same rows, or a problem both times.
    static func same(_ a: PartProbe.Outcome, _ b: PartProbe.Outcome) -> Bool {
        switch (a, b) {
        case (.read(let x), .read(let y)): return x == y
        case (.problem, .problem): return true
        default: return false
        }
    }
}
