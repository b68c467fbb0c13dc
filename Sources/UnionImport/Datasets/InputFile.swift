// One input file opened: decoded, dialect sniffed, header found, dataset decided.
import UnionCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An input file as the run found it.
public struct InputSource: Sendable, Hashable {
    /// The name shown in findings and outputs (relative to the input folder).
    public let name: String
    public let path: String
    /// The dataset unionbatch.toml pins this file to, if any.
    public let pinned: Dataset?
    /// For a worksheet: the workbook it comes from (`path` is then the sheet as a private UTF-8 CSV).
    public let sheet: SheetOrigin?

    public init(name: String, path: String, pinned: Dataset? = nil, sheet: SheetOrigin? = nil) {
        self.name = name
        self.path = path
        self.pinned = pinned
        self.sheet = sheet
    }
}

/// Where a worksheet input comes from: its workbook's format and hash are what the outputs report.
public struct SheetOrigin: Sendable, Hashable {
    /// The sheet's name in its workbook, which breaks a tie between datasets before the file name does.
    public let sheetName: String
    public let workbookName: String
    public let encoding: TextEncoding
    /// SHA-256 of the workbook file, hex.
    public let sha256: String

    public init(sheetName: String, workbookName: String, encoding: TextEncoding, sha256: String) {
        self.sheetName = sheetName
        self.workbookName = workbookName
        self.encoding = encoding
        self.sha256 = sha256
    }
}

/// A file whose header was matched: its records can be read, as often as needed.
public struct OpenedInput: Sendable {
    public let source: InputSource
    public let encoding: TextEncoding
    public let dialect: Dialect
    public let mapping: HeaderMapping
    /// The row Calc shows for the header.
    public let headerRow: Int
    /// SHA-256 of the file's bytes, hex.
    public let sha256: String
    public let byteCount: Int
    let headerOffset: Int

    public var dataset: Dataset { mapping.dataset }

    /// How the text is read again on each pass: streamed from the file as it is, or decoded in windows.
    let plan: TextPlan
    /// The file as it was opened: a pass that finds it changed reads nothing and says so.
    let identity: FileChunks.Identity
    /// The file's line breaks plus one: as many as its records or more (unless quoted line feeds hide a
    /// CR-only file's lines). What a collection of a row each reserves at once, rather than grow and copy
    /// itself on the way; only a hint.
    public let recordBound: Int
    /// The text holds NUL bytes, too few to make the file binary: the rows holding them are F01 (SPEC §2.4).
    let hasNUL: Bool

    /// About how many data records the file holds: its lines below the header (a last line without a line
    /// break, or quoted line breaks, make it one off or more). The progress line's "of how many".
    public var expectedRecords: Int { max(recordBound - 1 - headerRow, 0) }

    /// Whether the file at the path is still the one opened (same size, times and inode): a run asks once
    /// every pass is done, and a file that changed on the way is refused (F01).
    public var isUnchanged: Bool { FileChunks.Identity.current(path: source.path) == identity }

    /// Calls `body` with the trimmed cell of `field` in each data record whose values can be read (blank
    /// lines skipped): one column's worth of reading, for a look at the data before the rules run.
    public func forEachCell(of field: Field, _ body: (String) -> Void) {
        guard let column = mapping.columnOfField[field] else { return }
        let rowReader = RowReader(mapping: mapping)
        var recorder = FindingRecorder(policy: RulePolicy(severities: [:]), file: source.name)
        forEachRecord(recorder: &recorder) { raw, _, _ in
            if rowReader.canRead(raw) { body(raw.string(column).trimmingASCIIWhitespace()) }
        }
    }

    /// Calls `body` with each data record after the header, in file order. Blank lines and rows that are
    /// not records (total rows, the footer, the example row: `NonRecordRows`, returned) are skipped.
    /// The file is streamed a window at a time, decoded on the way when it is not UTF-8, so no pass holds
    /// the whole file or its text.
    @discardableResult
    public func forEachRow(recorder: inout FindingRecorder, _ body: (TypedRow, inout FindingRecorder) -> Void) -> NonRecordRows {
        let rowReader = RowReader(mapping: mapping)
        return forEachRawRecord(recorder: &recorder) { raw, index, recorder in
            body(rowReader.read(raw.record(), recordIndex: index, recorder: &recorder), &recorder)
        }
    }

    /// Calls `body` with each data record after the header as bytes, and its index among the data records
    /// (blank lines and non-records skipped). The record is valid only during the call: the next one reuses its buffers.
    @discardableResult
    public func forEachRawRecord(recorder: inout FindingRecorder, _ body: (RawRecord, Int, inout FindingRecorder) -> Void) -> NonRecordRows {
        forEachRecord(recorder: &recorder, body)
    }

    /// The text from `offset` in the file's bytes after its byte-order mark (a line start), streamed or
    /// decoded, for another pass; nil with F01 said when it is no longer the file that was opened (or
    /// cannot be read).
    private func openText(at offset: Int = 0, recorder: inout FindingRecorder) -> (any TextChunks)? {
        let skip: Int
        switch plan {
        case .stream(_, let s), .decode(_, let s): skip = s
        case .whole, .refused: return nil  // never opened
        }
        guard let opened = try? FileChunks(path: source.path), opened.identity == identity else {
            recorder.fileFinding(FileFinding.changedWhileRead)
            return nil
        }
        opened.stopAtOpenedSize()
        opened.skip(skip + offset)
        guard case .decode(let encoding, _) = plan else { return opened }
        return DecodedChunks(file: opened, encoding: encoding, skip: skip + offset)
    }

    /// F01 for a read that failed on the way.
    private func reportFailure(of text: any TextChunks, to recorder: inout FindingRecorder) {
        if let reason = text.failureReason { recorder.fileFinding(FileFinding.unreadable(reason: reason)) }
    }

    // MARK: Two halves at once

    /// Where a second reader could start, for a large file read in two halves at once: the start of the
    /// first line after the middle of the file, as an offset in its bytes after the byte-order mark (in a
    /// UTF-8 file, also its text offset). Only a guess (the line break may be inside a quoted field):
    /// `forEachRow(before:)` says whether the first half really ended there. Nil for a file too small to be
    /// worth it, and for a GB18030 file with NUL bytes (their rows' F01 says a text offset, which only a
    /// read from the start knows).
    public func middleLineStart(minimumBytes: Int = 8 << 20) -> Int? {
        let encoding: TextEncoding
        let skip: Int
        switch plan {
        case .stream(_, let s): (encoding, skip) = (.utf8, s)
        case .decode(let e, let s) where !hasNUL: (encoding, skip) = (e, s)
        default: return nil
        }
        guard byteCount - skip >= minimumBytes,
              let start = ReadRanges.middleLineStart(source.path, identity: identity, byteCount: byteCount, encoding: encoding, skip: skip)
        else { return nil }
        // The split must come after the header's line. A decoded file's bytes are at most twice its text
        // (a UTF-16 ASCII character is 2 bytes for 1), so past twice the header's text offset is past it.
        let afterHeader = encoding == .utf8 ? start > headerOffset : start > 2 * headerOffset
        return afterHeader && start < byteCount - skip ? start : nil
    }

    /// How the first half ended: whether its last record ended exactly where the second begins, the row
    /// Calc shows for the line there, and how many data records the first half held.
    public struct FirstHalf: Sendable {
        public let endedAtSplit: Bool
        public let rowAtSplit: Int
        public let records: Int
        /// The rows of the first half that are not records.
        public var nonRecords = NonRecordRows()
    }

    /// `forEachRow` over the records that start before `split` (an offset from `middleLineStart`).
    /// When a record runs across `split` (its line break was inside a quoted field), every record to the
    /// end of the file is read instead, and the result says so: the second half read from `split` is void.
    /// Footer lines held at `split` are records after all (a footer is at the end, in the second half).
    public func forEachRow(before split: Int, recorder: inout FindingRecorder,
                           _ body: (TypedRow, inout FindingRecorder) -> Void) -> FirstHalf {
        let rowReader = RowReader(mapping: mapping)
        return forEachRawRecord(before: split, recorder: &recorder) { raw, index, recorder in
            body(rowReader.read(raw.record(), recordIndex: index, recorder: &recorder), &recorder)
        }
    }

    /// `forEachRawRecord` over the records that start before `split`, as `forEachRow(before:)` reads them.
    public func forEachRawRecord(before split: Int, recorder: inout FindingRecorder,
                                 _ body: (RawRecord, Int, inout FindingRecorder) -> Void) -> FirstHalf {
        guard let text = openText(at: 0, recorder: &recorder) else {
            return FirstHalf(endedAtSplit: false, rowAtSplit: 0, records: 0)
        }
        // Where the split is in the text: in decoded text, known once the decoder has reached it (and
        // every record start before that is below it).
        let decoded = text as? DecodedChunks
        if let decoded, case .decode(_, let skip) = plan { decoded.mark(atFileOffset: skip + split) }
        var reader = CSVReader(streaming: text, dialect: dialect)
        var record = RawRecord()
        let progress = ProgressMeter.begin(file: source.name, expected: expectedRecords)
        defer { progress?.end() }
        var filter = NonRecordFilter(mapping: mapping, checksNUL: hasNUL, progress: progress)
        var pastHeader = false
        var toTheEnd = false
        while true {
            let next = reader.nextRecordStart
            if !toTheEnd, let splitText = decoded == nil ? split : decoded?.textOffsetAtMark, next.offset >= splitText {
                if next.offset == splitText {
                    filter.flush(recorder: &recorder, body)
                    return FirstHalf(endedAtSplit: true, rowAtSplit: next.row, records: filter.records, nonRecords: filter.found)
                }
                toTheEnd = true
            }
            guard reader.next(into: &record) else { break }
            if !pastHeader {
                if record.byteOffset == headerOffset { pastHeader = true }
                continue
            }
            if record.isBlank { continue }
            filter.take(record, recorder: &recorder, body)
        }
        filter.finish()
        reportFailure(of: text, to: &recorder)
        return FirstHalf(endedAtSplit: false, rowAtSplit: 0, records: filter.records, nonRecords: filter.found)
    }

    /// The records from `split` to the end, with rows counted from 1 and record indexes from 0 at `split`
    /// (the caller moves them once the first half says where they start; so too the non-records returned).
    /// In decoded text the records' text offsets count from `split` too (`middleLineStart` splits no file
    /// whose rows would say them).
    @discardableResult
    public func forEachRawRecord(from split: Int, recorder: inout FindingRecorder,
                                 _ body: (RawRecord, Int, inout FindingRecorder) -> Void) -> NonRecordRows {
        guard let opened = openText(at: split, recorder: &recorder) else { return NonRecordRows() }
        var reader = CSVReader(streaming: opened, dialect: dialect, textOffset: split)
        var record = RawRecord()
        // Its share of the records, by its share of the bytes after the header (of the text, for UTF-8).
        var text = byteCount
        if case .stream(_, let skip) = plan { text -= skip }
        if case .decode(_, let skip) = plan { text -= skip }
        let progress = ProgressMeter.begin(file: source.name, expected: expectedRecords * max(text - split, 0) / max(text - headerOffset, 1))
        defer { progress?.end() }
        var filter = NonRecordFilter(mapping: mapping, checksNUL: hasNUL, progress: progress)
        while reader.next(into: &record) {
            if record.isBlank { continue }
            filter.take(record, recorder: &recorder, body)
        }
        filter.finish()
        reportFailure(of: opened, to: &recorder)
        return filter.found
    }

    /// The records after the header, blank ones and non-records skipped, as the CSV reader gives them,
    /// with their indexes among the records.
    @discardableResult
    private func forEachRecord(recorder: inout FindingRecorder, _ body: (RawRecord, Int, inout FindingRecorder) -> Void) -> NonRecordRows {
        guard let text = openText(recorder: &recorder) else { return NonRecordRows() }
        var reader = CSVReader(streaming: text, dialect: dialect)
        var record = RawRecord()
        let progress = ProgressMeter.begin(file: source.name, expected: expectedRecords)
        defer { progress?.end() }
        var filter = NonRecordFilter(mapping: mapping, checksNUL: hasNUL, progress: progress)
        var pastHeader = false
        while reader.next(into: &record) {
            if !pastHeader {
                if record.byteOffset == headerOffset { pastHeader = true }
                continue
            }
            if record.isBlank { continue }
            filter.take(record, recorder: &recorder, body)
        }
        filter.finish()
        reportFailure(of: text, to: &recorder)
        return filter.found
    }
}

/// The outcome of opening a file.
public enum InputOpening: Sendable {
    case opened(OpenedInput, findings: [Finding])
    /// Empty or holding no records at all (F06): nothing to read, nothing refused.
    case empty(encoding: TextEncoding?, sha256: String, findings: [Finding])
    /// The file cannot be used (F01, F04): the findings say why.
    case refused(findings: [Finding], sha256: String, encoding: TextEncoding?)
}

public enum InputOpener {
    /// How many leading non-blank rows may hold the header.
    public static let headerSearchRows = 10
    /// How much text the header search reads at most (SPEC §7).
    public static let headerSearchBytes = 1 << 20

    public static func open(_ source: InputSource, policy: RulePolicy, extraAliases: [String: [Field]] = [:]) -> InputOpening {
        var recorder = FindingRecorder(policy: policy, file: source.name)
        // One read of the whole file, in windows: its hash, and whether it is UTF-8 that can be streamed.
        let scan: FileScan
        do {
            scan = try FileScan.read(path: source.path)
        } catch {
            recorder.fileFinding(FileFinding.unreadable(reason: String(describing: error)))
            return .refused(findings: recorder.findings, sha256: "", encoding: nil)
        }
        // A sheet reports its workbook's format and hash; its text is the CSV it was written to.
        let digest = source.sheet?.sha256 ?? scan.sha256
        var plan = TextDecoder.plan(scan)
        if plan == .whole {
            // Which encoding, and whether it reads to the end, takes another read (in windows, like the first).
            do {
                plan = try TextDecoder.plan(scan, readingWhole: source.path)
            } catch {
                recorder.fileFinding(FileFinding.unreadable(reason: String(describing: error)))
                return .refused(findings: recorder.findings, sha256: digest, encoding: nil)
            }
        }
        let header: HeaderText
        switch headerText(source, scan: scan, plan: plan) {
        case .success(let text): header = text
        case .failure(let stop):
            if let error = stop.decodeError { return refusal(error, recorder: &recorder, digest: digest) }
            recorder.fileFinding(FileFinding.changedWhileRead)
            return .refused(findings: recorder.findings, sha256: digest, encoding: nil)
        }
        var reader = header.reader
        let found = HeaderRows.read(&reader)
        let context = HeaderChoice(source: source, scan: scan, plan: plan, digest: digest, encoding: header.encoding,
                                   dialect: header.dialect, extraAliases: extraAliases)
        if found.candidates.isEmpty && found.pastBound {
            return context.noRowWithinBound(&recorder)
        }
        if found.candidates.isEmpty {
            recorder.fileFinding(FileFinding.empty)
            return .empty(encoding: header.encoding, sha256: digest, findings: recorder.findings)
        }
        return context.choose(found, &recorder)
    }

    /// The text the header search reads, with its encoding and dialect.
    private struct HeaderText {
        let encoding: TextEncoding
        let dialect: Dialect
        let reader: CSVReader
    }

    /// Why the header's text cannot be read: the text does not decode, or the file changed since the scan.
    private struct HeaderTextStop: Error {
        let decodeError: DecodeError?
    }

    /// A reader of the text's start for the header search, by the plan the scan made.
    private static func headerText(_ source: InputSource, scan: FileScan, plan: TextPlan) -> Result<HeaderText, HeaderTextStop> {
        switch plan {
        case .refused(let error):
            return .failure(HeaderTextStop(decodeError: error))
        case .stream(let streamed, let skip):
            let encoding = source.sheet?.encoding ?? streamed
            let dialect = DialectSniffer.sniff(Array(scan.head.dropFirst(skip)))
            guard let file = try? FileChunks(path: source.path), file.identity == scan.identity else {
                return .failure(HeaderTextStop(decodeError: nil))
            }
            file.skip(skip)
            // The header search reads no further than its bound, and one byte to tell the text goes on.
            file.readLimit = skip + headerSearchBytes + 1
            return .success(HeaderText(encoding: encoding, dialect: dialect, reader: CSVReader(streaming: file, dialect: dialect)))
        case .decode(let decoded, let skip):
            let encoding = source.sheet?.encoding ?? decoded
            // The sniffer's sample and then the header search, each from the text's start.
            func text(upTo limit: Int) -> DecodedChunks? {
                guard let file = try? FileChunks(path: source.path), file.identity == scan.identity else { return nil }
                file.stopAtOpenedSize()
                file.skip(skip)
                let text = DecodedChunks(file: file, encoding: decoded, skip: skip)
                text.readLimit = limit
                return text
            }
            guard let sample = text(upTo: DialectSniffer.sampleSize + 1), let headerText = text(upTo: headerSearchBytes + 1) else {
                return .failure(HeaderTextStop(decodeError: nil))
            }
            var head = [UInt8](repeating: 0, count: DialectSniffer.sampleSize + 1)
            var filled = 0
            while filled < head.count {
                let start = filled
                let n = head.withUnsafeMutableBytes { sample.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
                if n == 0 { break }
                filled += n
            }
            let dialect = DialectSniffer.sniff(Array(head[..<filled]))
            return .success(HeaderText(encoding: encoding, dialect: dialect, reader: CSVReader(streaming: headerText, dialect: dialect)))
        case .whole:
            // `plan(_:readingWhole:)` has decided by now.
            return .failure(HeaderTextStop(decodeError: nil))
        }
    }
}

/// The first non-blank rows of a file, one of which is its header (SPEC §7: at most 10, within 1 MiB).
struct HeaderRows {
    var candidates: [CSVRecord] = []
    /// Whether a record follows the rows kept.
    var anyRecordAfter = false
    /// Whether a row ended past the bound (it is not looked at: a 100 MB first line is no header).
    var pastBound = false

    static func read(_ reader: inout CSVReader) -> HeaderRows {
        var found = HeaderRows()
        while let record = reader.next() {
            if reader.nextRecordStart.offset > InputOpener.headerSearchBytes {
                found.pastBound = true
                found.anyRecordAfter = true
                break
            }
            if record.isBlank { continue }
            if found.candidates.count < InputOpener.headerSearchRows { found.candidates.append(record) } else { found.anyRecordAfter = true; break }
        }
        return found
    }
}

/// Choosing a file's header row and dataset among its first rows, or saying why none fits.
struct HeaderChoice {
    let source: InputSource
    let scan: FileScan
    let plan: TextPlan
    let digest: String
    let encoding: TextEncoding
    let dialect: Dialect
    let extraAliases: [String: [Field]]

    /// No row ends within the bound: no header, said as for a file whose rows fit no dataset.
    func noRowWithinBound(_ recorder: inout FindingRecorder) -> InputOpening {
        let intended = source.pinned.map { [$0] } ?? DatasetDetector.datasetsNamed(by: source.name)
        let candidatesSets = intended.count == 1 ? intended : Dataset.allCases
        let closest = candidatesSets.map { HeaderMatcher.map([], for: $0, extraAliases: extraAliases) }
            .max { ($0.requiredCount * 10 - $0.missingRequired.count) < ($1.requiredCount * 10 - $1.missingRequired.count) }!
        let columns = closest.missingRequired.map(\.chineseTitle).joined(separator: "、")
        recorder.fileFinding(intended.count == 1 ? FileFinding.missingColumns(dataset: closest.dataset, columns: columns)
                                                 : FileFinding.noDataset(closest: closest.dataset, columns: columns))
        return .refused(findings: recorder.findings, sha256: digest, encoding: encoding)
    }

    /// The first row (or pair of rows) that is a dataset's header, opened; else F04 naming what is missing.
    func choose(_ found: HeaderRows, _ recorder: inout FindingRecorder) -> InputOpening {
        // A sheet is not refused for its workbook's name: the name only breaks ties (the sheet's first).
        let namedFor = source.sheet == nil ? DatasetDetector.datasetsNamed(by: source.name) : []
        for (position, upper) in found.candidates.enumerated() {
            var cells = upper.fields.map { $0.trimmingASCIIWhitespace() }
            // A two-row header is combined before the dataset is chosen; the data starts below its lower row.
            var record = upper
            var twoRows = false
            if position + 1 < found.candidates.count,
               let combined = TwoRowHeader.combine(upper: cells, lower: found.candidates[position + 1].fields.map { $0.trimmingASCIIWhitespace() },
                                                   extraAliases: extraAliases) {
                cells = combined
                record = found.candidates[position + 1]
                twoRows = true
            }
            let mapping: HeaderMapping?
            if let pinned = source.pinned {
                let m = HeaderMatcher.map(cells, for: pinned, extraAliases: extraAliases)
                mapping = m.missingRequired.isEmpty ? m : nil
            } else {
                var choice = DatasetDetector.choose(header: cells, fileName: source.sheet?.sheetName ?? source.name, extraAliases: extraAliases)
                if case .ambiguous = choice, let sheet = source.sheet {
                    choice = DatasetDetector.choose(header: cells, fileName: sheet.workbookName, extraAliases: extraAliases)
                }
                switch choice {
                case .chosen(let m): mapping = m
                case .ambiguous(let sets):
                    recorder.fileFinding(FileFinding.ambiguous(datasets: sets))
                    return .refused(findings: recorder.findings, sha256: digest, encoding: encoding)
                case .none: mapping = nil
                }
            }
            guard var mapping else { continue }
            mapping.padsShortRows = source.sheet != nil
            // A file named for one dataset must have that dataset's columns (F04 names the missing ones).
            if source.pinned == nil, namedFor.count == 1,
               !HeaderMatcher.map(cells, for: namedFor[0], extraAliases: extraAliases).missingRequired.isEmpty {
                continue
            }
            if twoRows {
                // As for a title row: one finding, on the first row above the data's header.
                recorder.cellFinding(FileFinding.twoRowHeader(titleRows: position, lowerRow: record.row, upperRow: upper.row),
                                     row: found.candidates[0].row, column: nil, field: nil, value: nil)
            } else if position > 0 {
                // One finding for the title rows, placed on the first of them.
                recorder.cellFinding(FileFinding.titleRows(titleRows: position, headerRow: record.row),
                                     row: found.candidates[0].row, column: nil, field: nil, value: nil)
            }
            for (column, field) in mapping.duplicateColumns {
                recorder.cellFinding(FileFinding.duplicateField(key: field.key), row: record.row, column: column, field: field,
                                     value: mapping.titles[column])
            }
            let hasData = position + (twoRows ? 2 : 1) < found.candidates.count || found.anyRecordAfter
            if !hasData { recorder.fileFinding(FileFinding.headerOnly) }
            // UTF-16's NUL bytes are halves of its code units: its text holds none (U+0000 refuses the file).
            let utf16 = plan == .decode(.utf16LE, skip: 2) || plan == .decode(.utf16BE, skip: 2)
            let opened = OpenedInput(source: source, encoding: encoding, dialect: dialect, mapping: mapping,
                                     headerRow: record.row, sha256: digest, byteCount: scan.byteCount,
                                     headerOffset: record.byteOffset, plan: plan, identity: scan.identity,
                                     recordBound: scan.lineBreaks + 1, hasNUL: scan.firstNUL != nil && !utf16)
            return .opened(opened, findings: recorder.findings)
        }
        return noHeaderFits(found, &recorder)
    }

    /// No header row fits. Name what is missing for the dataset the file is meant to hold.
    private func noHeaderFits(_ found: HeaderRows, _ recorder: inout FindingRecorder) -> InputOpening {
        let intended = source.pinned.map { [$0] } ?? DatasetDetector.datasetsNamed(by: source.sheet?.sheetName ?? source.name)
        let first = found.candidates[0].fields.map { $0.trimmingASCIIWhitespace() }
        if intended.count == 1 {
            let best = found.candidates.map { HeaderMatcher.map($0.fields.map { $0.trimmingASCIIWhitespace() }, for: intended[0], extraAliases: extraAliases) }
                .max { $0.requiredCount < $1.requiredCount }!
            recorder.fileFinding(FileFinding.missingColumns(dataset: intended[0],
                                                            columns: best.missingRequired.map(\.chineseTitle).joined(separator: "、")))
        } else {
            // The dataset whose required columns come closest.
            let closest = Dataset.allCases.map { HeaderMatcher.map(first, for: $0, extraAliases: extraAliases) }
                .max { ($0.requiredCount * 10 - $0.missingRequired.count) < ($1.requiredCount * 10 - $1.missingRequired.count) }!
            recorder.fileFinding(FileFinding.noDataset(closest: closest.dataset,
                                                       columns: closest.missingRequired.map(\.chineseTitle).joined(separator: "、")))
        }
        return .refused(findings: recorder.findings, sha256: digest, encoding: encoding)
    }
}

/// Two-row headers (SPEC §2.4, §7.1): a group row over the field names, or field names spread over both rows.
public enum TwoRowHeader {
    /// The two rows combined column by column, the lower cell winning, when `lower` is the second row of a
    /// header whose upper row is `upper`: every non-empty cell of it names a field, and at least one sits
    /// under a blank or group cell (one that names no field). Nil otherwise, and also when the upper row
    /// adds nothing to the lower (a title or group row over a whole header, F07 as a title row).
    public static func combine(upper: [String], lower: [String], extraAliases: [String: [Field]] = [:]) -> [String]? {
        let filled = lower.indices.filter { !HeaderMatcher.normalise(lower[$0]).isEmpty }
        guard !filled.isEmpty, filled.allSatisfy({ names(lower[$0], extraAliases) }) else { return nil }
        let underGroup = filled.contains { c in c >= upper.count || !names(upper[c], extraAliases) }
        guard underGroup else { return nil }
        let width = max(upper.count, lower.count)
        var combined: [String] = []
        var addsSomething = false
        for c in 0..<width {
            let low = c < lower.count ? lower[c] : ""
            let up = c < upper.count ? upper[c] : ""
            if HeaderMatcher.normalise(low).isEmpty, !HeaderMatcher.normalise(up).isEmpty {
                combined.append(up)
                addsSomething = true
            } else {
                combined.append(low)
            }
        }
        return addsSomething ? combined : nil
    }

    /// Whether a header cell is an alias of some field of some dataset.
    private static func names(_ cell: String, _ extraAliases: [String: [Field]]) -> Bool {
        let key = HeaderMatcher.normalise(cell)
        return !key.isEmpty && (HeaderMatcher.isAlias(key) || (!extraAliases.isEmpty && extraAliases[key] != nil))
    }
}

extension InputOpener {
    private static func refusal(_ error: DecodeError, recorder: inout FindingRecorder, digest: String) -> InputOpening {
        switch error {
        case .undecodable(let offset): recorder.fileFinding(FileFinding.undecodable(byte: offset))
        case .binary(let offset): recorder.fileFinding(FileFinding.binary(byte: offset))
        }
        return .refused(findings: recorder.findings, sha256: digest, encoding: nil)
    }
}

/// Reading a whole regular file's bytes.
public enum FileBytes {
    public struct ReadError: Error, CustomStringConvertible {
        public let code: Int32
        public var description: String { String(cString: strerror(code)) }
    }

    /// The whole file, read through `FileChunks` (so the same file checks apply) into a buffer sized to it.
    public static func read(path: String) throws -> [UInt8] {
        let file = try FileChunks(path: path)
        // One byte more than the file, so one read also sees the end; a file that grew gets more room.
        var result = [UInt8](repeating: 0, count: file.identity.size + 1)
        var filled = 0
        while true {
            if filled == result.count { result.append(contentsOf: repeatElement(0, count: result.count)) }
            let start = filled
            let n = result.withUnsafeMutableBytes { file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
            if let code = file.failure { throw ReadError(code: code) }
            if n == 0 { break }
            filled += n
        }
        result.removeSubrange(filled...)
        return result
    }

    /// The file's SHA-256 in hex, read in 1 MiB windows: a written workbook of 100 MB is never held whole.
    public static func sha256(path: String) throws -> String {
        let file = try FileChunks(path: path)
        var hash = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { file.read(into: $0) }
            if let code = file.failure { throw ReadError(code: code) }
            if n == 0 { break }
            buffer.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
        }
        return hash.hexDigest()
    }
}
