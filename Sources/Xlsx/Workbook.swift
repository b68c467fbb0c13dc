// Workbook: one .xlsx file being built with libxlsxwriter, and the state its sheets share.
import CDeflate
import CXlsxWriter
import Foundation

/// The libxlsxwriter workbook and what every sheet, format and chart of it shares.
///
/// Sheets, formats and charts hold this (not the `Workbook`), so the C workbook stays
/// alive as long as anything can still reach one of its pointers; `pointer` becomes
/// nil once the workbook is closed or freed, and every call checks it first.
final class WorkbookCore {
    var pointer: UnsafeMutablePointer<lxw_workbook>?
    let path: String
    let constantMemory: Bool
    /// Names in use, folded by `SheetName.key`.
    var sheetKeys: Set<String> = []
    var sheetCount = 0
    /// Links to other workbooks kept by this layer, by sheet number (`Worksheet.write(link:…)`).
    var sheetLinks: [Int: SheetLinks] = [:]
    var formats: [CellFormat: UnsafeMutablePointer<lxw_format>] = [:]
    /// The first error of a call that cannot throw; `close()` reports it instead of writing.
    var pendingError: XlsxError?
    /// The document time set by `setProperties`, nil while it is libxlsxwriter's "now".
    var createdTime: Int64?
    /// The stdio buffers given to the row files of constant-memory sheets; they must outlive those files.
    var rowFileBuffers: [UnsafeMutableRawPointer] = []
    static let rowFileBufferSize = 1 << 16

    init(pointer: UnsafeMutablePointer<lxw_workbook>, path: String, constantMemory: Bool) {
        self.pointer = pointer
        self.path = path
        self.constantMemory = constantMemory
    }

    var fileName: String {
        (path as NSString).lastPathComponent
    }

    func record(_ error: XlsxError) {
        if pendingError == nil { pendingError = error }
    }

    /// Frees the C workbook without writing anything.
    func discard() {
        guard let workbook = pointer else { return }
        pointer = nil
        // lxw_workbook_free leaves the row files of constant-memory sheets open.
        var sheet = workbook.pointee.worksheets.pointee.stqh_first
        while let current = sheet {
            if let file = current.pointee.optimize_tmpfile {
                fclose(file)
                current.pointee.optimize_tmpfile = nil
                current.pointee.file = nil
            }
            sheet = current.pointee.list_pointers.stqe_next
        }
        lxw_workbook_free(workbook)
        releaseRowFileBuffers()
    }

    /// A constant-memory sheet's rows go through a temporary file that is written a row at a time and
    /// then copied into the package in 4 KiB reads: a 64 KiB buffer makes those a few large reads and writes
    /// instead of a system call every 4 KiB. Set before the file is first used, as setvbuf requires.
    func bufferRowFile(of sheet: UnsafeMutablePointer<lxw_worksheet>) {
        guard let file = sheet.pointee.optimize_tmpfile,
              let buffer = malloc(WorkbookCore.rowFileBufferSize) else { return }
        if setvbuf(file, buffer.assumingMemoryBound(to: CChar.self), _IOFBF, WorkbookCore.rowFileBufferSize) == 0 {
            rowFileBuffers.append(buffer)
        } else {
            free(buffer)
        }
    }

    /// After the row files are closed (by `workbook_close` or `discard`).
    func releaseRowFileBuffers() {
        rowFileBuffers.forEach { free($0) }
        rowFileBuffers = []
    }

    deinit {
        discard()
        releaseRowFileBuffers()
    }
}

/// Lets `workbook_close` run on several threads at once only for workbooks with the same
/// document time. libxlsxwriter formats that time with `gmtime`, whose result lives in one
/// buffer shared by the whole process: two closes with different times could swap dates and
/// lose byte-identity, but closes that all write the same time can only write the same bytes
/// there. The checked workbooks of a run share the as-of date, so they zip in parallel.
private final class CloseGate: @unchecked Sendable {
    // @unchecked: every field is read and written with `condition` locked.
    private let condition = NSCondition()
    private var running = 0
    private var runningTime: Int64?

    func run<T>(time: Int64?, _ body: () -> T) -> T {
        condition.lock()
        while running > 0 && (time == nil || runningTime != time) { condition.wait() }
        running += 1
        runningTime = time
        condition.unlock()
        defer {
            condition.lock()
            running -= 1
            if running == 0 { runningTime = nil }
            condition.broadcast()
            condition.unlock()
        }
        return body()
    }
}

private let workbookCloseGate = CloseGate()

/// An .xlsx file being built. Nothing is written until `close()`.
///
/// Threads: libxlsxwriter keeps no shared state between workbooks except what
/// `close()` serialises, so different workbooks may be built on different threads at
/// the same time; one workbook, with its sheets, formats and charts, must stay on one
/// thread at a time. These classes are therefore deliberately not `Sendable`.
///
/// libxlsxwriter 1.1.4 limits that this layer works around or leaves out:
/// - list validation takes only a range formula (the literal-list form overflows a
///   buffer past 255 bytes);
/// - an empty sheet name or empty string cell crashed it: names are sanitised and
///   empty strings become blank cells;
/// - tables are not offered (`worksheet_add_table` fails in constant-memory mode);
/// - in constant-memory mode rows must be written in ascending order, and charts
///   carry no cached values (spreadsheet programs recompute them on opening).
public final class Workbook {
    let core: WorkbookCore

    /// Creates the workbook in memory; the file at `path` is written by `close()`.
    /// `constantMemory` streams each finished row to a temporary file in
    /// `tempDirectory` (default: the system's), for sheets of up to a million rows.
    public init(path: String, constantMemory: Bool = false, tempDirectory: String? = nil) throws {
        if let tempDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: tempDirectory, isDirectory: &isDirectory),
                  isDirectory.boolValue else {
                throw XlsxError(LXW_ERROR_CREATING_TMPFILE,
                                context: "creating \(path): temporary folder \(tempDirectory) does not exist")
            }
        }
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.use_zip64 = 0
        // workbook_new_opt copies tmpdir, so the pointer need only live for the call.
        let created: UnsafeMutablePointer<lxw_workbook>? = path.withCString { cPath in
            if let tempDirectory {
                return tempDirectory.withCString { cTemp in
                    options.tmpdir = UnsafeMutablePointer(mutating: cTemp)
                    return workbook_new_opt(cPath, &options)
                }
            }
            return workbook_new_opt(cPath, &options)
        }
        guard let created else {
            throw XlsxError(LXW_ERROR_MEMORY_MALLOC_FAILED, context: "creating \(path)")
        }
        core = WorkbookCore(pointer: created, path: path, constantMemory: constantMemory)
    }

    /// The document properties. `created` is the document time, taken as 00:00 UTC of
    /// that day: set it, or the file carries the current time and two runs differ.
    /// An impossible date is reported by `close()`.
    public func setProperties(
        created: (year: Int, month: Int, day: Int),
        title: String? = nil,
        subject: String? = nil,
        author: String? = nil,
        company: String? = nil,
        comments: String? = nil
    ) {
        guard let workbook = core.pointer else { return }
        guard let day = CalendarDay(created, years: 1970...9999) else {
            core.record(.invalid("setting the properties of \(core.fileName): "
                + "creation date \(created.year)-\(created.month)-\(created.day) does not exist"))
            return
        }
        var properties = lxw_doc_properties()
        properties.created = time_t(day.unixTimeAtMidnightUTC)
        core.createdTime = Int64(day.unixTimeAtMidnightUTC)
        // workbook_set_properties copies every string before returning; they are
        // written without escaping control characters, so those are replaced first.
        let error = withOptionalCString(title.map(XMLText.markup)) { cTitle in
            withOptionalCString(subject.map(XMLText.markup)) { cSubject in
                withOptionalCString(author.map(XMLText.markup)) { cAuthor in
                    withOptionalCString(company.map(XMLText.markup)) { cCompany in
                        withOptionalCString(comments.map(XMLText.markup)) { cComments in
                            properties.title = cTitle
                            properties.subject = cSubject
                            properties.author = cAuthor
                            properties.company = cCompany
                            properties.comments = cComments
                            return workbook_set_properties(workbook, &properties)
                        }
                    }
                }
            }
        }
        if error != LXW_NO_ERROR {
            core.record(XlsxError(error, context: "setting the properties of \(core.fileName)"))
        }
    }

    /// Adds a sheet. The name is made acceptable rather than refused: `[]:*?/\` and
    /// control characters become "_", blanks and apostrophes at either end go, it is
    /// cut to 31 characters, an empty name becomes "Sheet<n>", and a name already used
    /// (ignoring case) gets " (2)", " (3)"…. The final name is `Worksheet.name`.
    /// Throws only if libxlsxwriter cannot create the sheet (memory, temporary file).
    public func addWorksheet(_ name: String) throws -> Worksheet {
        guard let workbook = core.pointer else {
            throw XlsxError.invalid("adding sheet \(name) to \(core.fileName): the workbook is closed")
        }
        let finalName = SheetName.unique(name, taken: core.sheetKeys, ordinal: core.sheetCount + 1)
        guard let sheet = finalName.withCString({ workbook_add_worksheet(workbook, $0) }) else {
            let code = core.constantMemory ? LXW_ERROR_CREATING_TMPFILE : LXW_ERROR_MEMORY_MALLOC_FAILED
            throw XlsxError(code, context: "adding sheet \(finalName) to \(core.fileName)")
        }
        core.sheetKeys.insert(SheetName.key(finalName))
        core.sheetCount += 1
        if core.constantMemory { core.bufferRowFile(of: sheet) }
        return Worksheet(name: finalName, pointer: sheet, core: core, number: core.sheetCount)
    }

    /// The format for `spec`; asking again with an equal spec returns the same
    /// libxlsxwriter format, so styles.xml holds each style once.
    public func format(_ spec: CellFormat) -> Format {
        if let existing = core.formats[spec] {
            return Format(spec: spec, core: core, pointer: existing)
        }
        guard let workbook = core.pointer else {
            return Format(spec: spec, core: core, pointer: nil)
        }
        guard let created = workbook_add_format(workbook) else {
            core.record(XlsxError(LXW_ERROR_MEMORY_MALLOC_FAILED, context: "adding a format to \(core.fileName)"))
            return Format(spec: spec, core: core, pointer: nil)
        }
        spec.apply(to: created)
        core.formats[spec] = created
        return Format(spec: spec, core: core, pointer: created)
    }

    /// A new chart; it appears once inserted into a sheet with `Worksheet.insertChart`.
    public func addChart(_ kind: ChartKind) -> Chart {
        guard let workbook = core.pointer else {
            return Chart(kind: kind, pointer: nil, core: core)
        }
        let created = workbook_add_chart(workbook, kind.lxwType)
        if created == nil {
            core.record(XlsxError(LXW_ERROR_MEMORY_MALLOC_FAILED, context: "adding a chart to \(core.fileName)"))
        }
        return Chart(kind: kind, pointer: created, core: core)
    }

    /// Writes the file and frees the workbook. If a call that cannot throw failed
    /// earlier (see `setProperties`, `freezePanes`, `pageSetup`, `Chart`), that error
    /// is thrown and nothing is written. The file is read back (`PackageReadBack`);
    /// when it is not whole it is removed and the error thrown. Calling it again does nothing.
    public func close() throws {
        guard let workbook = core.pointer else { return }
        if let pending = core.pendingError {
            core.discard()
            throw pending
        }
        core.pointer = nil  // workbook_close frees the workbook whatever the outcome
        let error = workbookCloseGate.run(time: core.createdTime) {
            // workbook_close is where minizip deflates every part: ISA-L does it on this thread (CDeflate).
            let previous = unionbatch_fast_deflate_set(1)
            defer { _ = unionbatch_fast_deflate_set(previous) }
            return workbook_close(workbook)
        }
        core.releaseRowFileBuffers()
        do {
            try XlsxError.check(error, "closing \(core.path)")
            if !core.sheetLinks.isEmpty {
                // Its parts deflated as workbook_close deflates the others (CDeflate).
                let previous = unionbatch_fast_deflate_set(1)
                defer { _ = unionbatch_fast_deflate_set(previous) }
                try PackageLinks.add(core.sheetLinks.map { (number: $0.key, links: $0.value) }, path: core.path)
                core.sheetLinks = [:]
            }
            try PackageReadBack.verify(path: core.path)
        } catch {
            // A half-written workbook is never left behind.
            unlink(core.path)
            throw error
        }
    }
}

/// Calls `body` with a C string for `text`, or nil; the pointer lives only for the call.
func withOptionalCString<Result>(
    _ text: String?, _ body: (UnsafeMutablePointer<CChar>?) -> Result
) -> Result {
    guard let text else { return body(nil) }
    return text.withCString { body(UnsafeMutablePointer(mutating: $0)) }
}
