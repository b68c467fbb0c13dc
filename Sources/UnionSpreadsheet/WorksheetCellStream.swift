// One worksheet part through CWorksheetCells: libxml2's SAX2 events become cell records in C, read here in batches.
import CWorksheetCells

/// A worksheet part parsed chunk by chunk; after each chunk its records go to the reader, in order.
final class WorksheetCellStream {
    private let sheet: OpaquePointer
    private let part: String
    /// The records handed over last; their buffers go back to the parser at the next take.
    private var batch = wc_batch()

    init(part: String, merges: Bool) throws {
        guard let sheet = wc_sheet_create(merges ? 1 : 0) else {
            throw SpreadsheetProblem.damagedPackage(reason: "\(part): out of memory")
        }
        self.sheet = sheet
        self.part = part
    }

    /// A shared strings part: a WC_STRING record per string.
    init(sharedStrings part: String) throws {
        guard let sheet = wc_strings_create() else {
            throw SpreadsheetProblem.damagedPackage(reason: "\(part): out of memory")
        }
        self.sheet = sheet
        self.part = part
    }

    deinit {
        wc_sheet_free(sheet)
        wc_batch_free(&batch)
    }

    /// Parses the next chunk (`final` for the part's end) and reads its records. The records go first:
    /// a cell that stopped the parse (past XFD1048576, a shared string out of range) is what is said.
    func feed(_ bytes: UnsafeRawBufferPointer, final: Bool = false, into reader: WorksheetHandler) throws {
        try feed(bytes, final: final) { try reader.read($0) }
    }

    /// Parses the next chunk and hands its records to `read`.
    func feed(_ bytes: UnsafeRawBufferPointer, final: Bool = false, _ read: (wc_batch) throws -> Void) throws {
        let well = wc_sheet_feed(sheet, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count, final ? 1 : 0)
        wc_sheet_take(sheet, &batch)
        try read(batch)
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
