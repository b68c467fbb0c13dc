// One worksheet or shared strings part through CWorksheetCells: libxml2's SAX2 events become records in C, read here in batches.
import CWorksheetCells

/// A part parsed chunk by chunk; after each chunk its records go to the reader, in order.
final class WorksheetCellStream {
    private let sheet: OpaquePointer
    private let part: String
    /// The records handed over last; their buffers go back to the parser at the next take.
    private var batch = wc_batch()

    /// A part parsed by the parser `parser` makes (a reader's: a worksheet's or the shared strings').
    init(part: String, parser: () -> OpaquePointer?) throws {
        guard let sheet = parser() else {
            throw SpreadsheetProblem.damagedPackage(reason: "\(part): out of memory")
        }
        self.sheet = sheet
        self.part = part
    }

    /// A worksheet part (`merges`: report its merged ranges).
    convenience init(part: String, merges: Bool) throws {
        try self.init(part: part, parser: { wc_sheet_create(merges ? 1 : 0) })
    }

    deinit {
        wc_sheet_free(sheet)
        wc_batch_free(&batch)
    }

    /// Parses the next chunk (`final` for the part's end) and reads its records. The records go first:
    /// a cell that stopped the parse (past XFD1048576, a shared string out of range) is what is said.
    func feed(_ bytes: UnsafeRawBufferPointer, final: Bool = false, into reader: some PieceReader) throws {
        let well = wc_sheet_feed(sheet, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count, final ? 1 : 0)
        wc_sheet_take(sheet, &batch)
        try reader.read(batch) {}
        guard well != 0 else { throw problem() }
    }

    /// Why the parse stopped.
    private func problem() -> SpreadsheetProblem {
        switch wc_sheet_refusal(sheet) {
        case 1: return .doctypeIn(part: part)
        case 2: return .damagedPackage(reason: "\(part): out of memory")
        default:
            return .badXML(part: part, line: wc_sheet_error_line(sheet), reason: String(cString: wc_sheet_error_text(sheet)))
        }
    }
}
