// The import harness: a file's bytes through decoding, dialect sniffing, CSV records, headers and typed rows.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UnionCore
import UnionImport

enum ImportHarness {
    /// Every rule on, so every finding the readers can make is made.
    static let policy = RulePolicy(severities: Dictionary(uniqueKeysWithValues: RuleCode.allCases.map { ($0, Severity.error) }))

    /// For each dataset, the mapping of a header that names all its fields in order, so every fuzzed cell
    /// is read by some field's parser.
    static let fullMappings: [Dataset: HeaderMapping] = {
        var mappings: [Dataset: HeaderMapping] = [:]
        for dataset in Dataset.allCases {
            let mapping = HeaderMatcher.map(dataset.fields.map(\.chineseTitle), for: dataset)
            for (column, field) in dataset.fields.enumerated() {
                precondition(mapping.columnOfField[field] == column, "the Chinese title of \(field) does not map back to it")
            }
            mappings[dataset] = mapping
        }
        return mappings
    }()

    static func run(_ bytes: [UInt8]) {
        let decoded = decode(bytes)
        if case .success(let text) = decoded {
            let (records, raws) = readRecords(text)
            readRows(records, raws)
        }
        open(bytes, decoded: decoded)
    }

    // MARK: Decoding

    static func decode(_ bytes: [UInt8]) -> Result<DecodedText, DecodeError> {
        let result = TextDecoder.decode(bytes)
        var taken = bytes
        let viaTaking = TextDecoder.decode(taking: &taken)
        precondition(taken.isEmpty, "decode(taking:) left bytes behind")
        switch (result, viaTaking) {
        case (.success(let a), .success(let b)):
            precondition(a.encoding == b.encoding && a.utf8 == b.utf8, "decode(_:) and decode(taking:) give different text")
        case (.failure(let a), .failure(let b)):
            precondition(a == b, "decode(_:) and decode(taking:) give different errors")
        default:
            preconditionFailure("decode(_:) and decode(taking:) disagree")
        }
        gb18030InChunks(bytes)
        switch result {
        case .failure(let error):
            precondition(error.byteOffset >= 0 && error.byteOffset < bytes.count, "decode error offset outside the file")
            if case .binary(let offset) = error {
                precondition(offset == 0 || bytes[offset] == 0, "a binary file's offset is neither 0 nor a NUL")
            }
        case .success(let text):
            switch text.encoding {
            case .utf16LE, .utf16BE, .gb18030:
                precondition(isValidUTF8(text.utf8), "\(text.encoding) decoded to invalid UTF-8")
                precondition(!text.utf8.contains(0), "\(text.encoding) decoded to text with NUL")
            case .utf8BOM:
                precondition(text.utf8[...] == bytes.dropFirst(3), "a UTF-8 BOM file lost more than its BOM")
            case .utf8:
                precondition(text.utf8 == bytes, "a UTF-8 file's bytes changed")
            case .xlsx, .xls, .ods:
                preconditionFailure("text decoded as a workbook format")
            }
            if isValidUTF8(bytes) {
                precondition(text.encoding == .utf8 || text.encoding == .utf8BOM, "valid UTF-8 read as \(text.encoding)")
            }
        }
        return result
    }

    /// The GB18030 decoder converts in chunks; small ones, picked from the input, force characters across
    /// chunk boundaries and a full output buffer. The outcome must not depend on them.
    static func gb18030InChunks(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        bytes.withUnsafeBufferPointer { buffer in
            let whole = GB18030Decoder.decode(buffer)
            let inputChunk = Int(first % 7) + 1
            let outputChunk = 16 + Int(first >> 4)
            precondition(GB18030Decoder.decode(buffer, inputChunk: inputChunk, outputChunk: outputChunk) == whole,
                         "GB18030 decoding in chunks of \(inputChunk) in, \(outputChunk) out differs")
        }
    }

    // MARK: Records

    /// The records of the text as strings, and the same records as bytes (a second reader's `next(into:)`).
    static func readRecords(_ text: DecodedText) -> ([CSVRecord], [RawRecord]) {
        let dialect = DialectSniffer.sniff(text.utf8)
        precondition([0x2C, 0x09, 0x3B, 0x7C].contains(dialect.delimiter), "sniffed an unknown delimiter")
        var reader = CSVReader(utf8: text.utf8, dialect: dialect)
        var rawReader = CSVReader(utf8: text.utf8, dialect: dialect)
        var raw = RawRecord()
        var raws: [RawRecord] = []
        var reference = ReferenceCSV(text.utf8, delimiter: dialect.delimiter)
        var records: [CSVRecord] = []
        var anyInvalid = false
        while let record = reader.next() {
            precondition(rawReader.next(into: &raw), "the byte reader stopped early")
            let again = raw.record()
            precondition(again.fields == record.fields && again.row == record.row && again.byteOffset == record.byteOffset
                         && again.isBlank == record.isBlank && again.hasInvalidUTF8 == record.hasInvalidUTF8
                         && again.unterminatedQuote == record.unterminatedQuote, "record \(record.row) differs as bytes")
            raws.append(raw)
            guard let expected = reference.next() else { preconditionFailure("CSVReader read past the end of the text") }
            precondition(record.row == records.count + 1, "rows are not numbered 1, 2, 3…")
            precondition(record.byteOffset == expected.offset, "record \(record.row) starts at the wrong byte")
            precondition(record.fields.map { Array($0.utf8) } == expected.fields.map { Array(String(decoding: $0, as: UTF8.self).utf8) },
                         "record \(record.row) has the wrong fields")
            precondition(record.unterminatedQuote == expected.unterminatedQuote, "record \(record.row): unterminated quote misjudged")
            precondition(record.isBlank == expected.isBlank, "record \(record.row): blank misjudged")
            precondition(record.hasInvalidUTF8 == expected.hasInvalidUTF8, "record \(record.row): invalid UTF-8 misjudged")
            anyInvalid = anyInvalid || record.hasInvalidUTF8
            records.append(record)
        }
        precondition(reference.next() == nil, "CSVReader stopped before the end of the text")
        precondition(!rawReader.next(into: &raw), "the byte reader read past the end")
        precondition(anyInvalid == !isValidUTF8(text.utf8), "invalid UTF-8 in the text but no record says so (or the reverse)")
        return (records, raws)
    }

    // MARK: Rows

    static func readRows(_ records: [CSVRecord], _ raws: [RawRecord]) {
        let kept = records.indices.filter { !records[$0].isBlank }
        let nonBlank = kept.map { records[$0] }
        guard let header = nonBlank.first else { return }
        let cells = header.fields.map { $0.trimmingASCIIWhitespace() }
        for dataset in Dataset.allCases {
            let mapping = HeaderMatcher.map(cells, for: dataset)
            check(mapping, cells: cells)
            read(nonBlank.dropFirst(), with: mapping, reshape: false)
            readClean(kept.dropFirst().map { raws[$0] }, with: mapping)
            read(nonBlank[...], with: fullMappings[dataset]!, reshape: true)
        }
        if case .chosen(let mapping) = DatasetDetector.choose(header: cells, fileName: "fuzz.csv") {
            precondition(mapping.missingRequired.isEmpty, "a dataset was chosen without its required columns")
        }
    }

    static func check(_ mapping: HeaderMapping, cells: [String]) {
        precondition(mapping.fieldOfColumn.count == cells.count && mapping.titles.count == cells.count, "mapping width differs from the header")
        for (field, column) in mapping.columnOfField {
            precondition(field.dataset == mapping.dataset && mapping.fieldOfColumn[column] == field, "columnOfField and fieldOfColumn disagree")
        }
        for (column, field) in mapping.duplicateColumns {
            precondition(mapping.fieldOfColumn[column] == nil && mapping.columnOfField[field]! < column, "a duplicate column is mapped")
        }
    }

    /// Reads `records` as data rows. With `reshape`, each record is cut or padded to the header's width
    /// first, so no row is ragged and every cell reaches its field's parser.
    static func read(_ records: ArraySlice<CSVRecord>, with mapping: HeaderMapping, reshape: Bool) {
        let reader = RowReader(mapping: mapping)
        let width = mapping.fieldOfColumn.count
        var recorder = FindingRecorder(policy: policy, file: "fuzz.csv")
        for (index, original) in records.enumerated() {
            var record = original
            if reshape {
                record.fields = Array(record.fields.prefix(width)) + Array(repeating: "", count: max(0, width - record.fields.count))
            }
            let before = recorder.findings.count
            let row = reader.read(record, recordIndex: index, recorder: &recorder)
            let findings = recorder.findings[before...]
            precondition(row.row == record.row && row.recordIndex == index && row.dataset == mapping.dataset, "row identity changed")
            precondition(row.cells.count == record.fields.count, "cells lost or added")
            precondition(findings.allSatisfy { $0.row == record.row && $0.recordIndex == index }, "a finding placed on another row")
            if reshape {
                precondition(row.isReadable == !(record.hasInvalidUTF8 || record.unterminatedQuote), "readability misjudged")
            }
            guard row.isReadable else {
                precondition(row.slots.allSatisfy { $0 == nil }, "an unreadable row has values")
                continue
            }
            var unread = false
            for (column, maybeField) in mapping.fieldOfColumn.enumerated() {
                guard let field = maybeField else { continue }
                let cell = row.cells[column]
                guard let value = row[field] else {
                    if !cell.isEmpty { unread = true }
                    continue
                }
                check(value, of: cell, field: field)
            }
            if unread { precondition(!findings.isEmpty, "a cell was not read and no finding says why") }
        }
    }

    /// Where `readClean` reads a record, `read` gives it no finding and the same values.
    static func readClean(_ raws: [RawRecord], with mapping: HeaderMapping) {
        let reader = RowReader(mapping: mapping)
        var values: [CleanValue] = []
        for (index, raw) in raws.enumerated() {
            var recorder = FindingRecorder(policy: policy, file: "fuzz.csv")
            let typed = reader.read(raw.record(), recordIndex: index, recorder: &recorder)
            guard let clean = reader.readClean(raw, recordIndex: index, values: &values) else { continue }
            precondition(recorder.findings.isEmpty, "a record read clean has findings: \(recorder.findings.map(\.rule))")
            precondition(clean.row == typed.row && clean.recordIndex == typed.recordIndex && clean.cellCount == typed.cellCount,
                         "a clean row is placed otherwise")
            for field in mapping.dataset.fields {
                precondition(clean.id(field) == typed.id(field) && clean.date(field) == typed.date(field)
                             && clean.money(field) == typed.money(field) && clean.count(field) == typed.count(field)
                             && clean.known(field) == typed.known(field) && clean.text(field) == typed.text(field),
                             "\(field.key) reads otherwise clean")
            }
            for column in 0..<typed.cellCount {
                precondition(clean.cell(column) == typed.cell(column) && clean.isEmptyCell(column) == typed.isEmptyCell(column),
                             "cell \(column) reads otherwise clean")
                if let field = mapping.fieldOfColumn[column], let id = typed.id(field) {
                    precondition(clean.idCell(column, ifNot: id) == typed.idCell(column, ifNot: id), "the ID cell as written differs")
                }
            }
        }
    }

    /// A value read from `cell` is what the field's parser gives for it.
    static func check(_ value: FieldValue, of cell: String, field: Field) {
        precondition(!cell.isEmpty, "a value from an empty cell")
        switch (field.kind, value) {
        case (.text, .text(let text)):
            precondition(text == cell, "text changed")
        case (.idNumber, .id(let id)):
            switch IDNumber.read(cell) {
            case .valid(let again), .upgraded(let again, _): precondition(again == id, "ID number changed")
            default: preconditionFailure("an ID number from a cell that is not one")
            }
        case (.date, .date(let day)), (.dateOrMonth, .date(let day)):
            precondition(Day.parse(cell, precision: field.kind == .date ? .day : .monthAllowed) == day, "date changed")
        case (.money, .money(let money)):
            // Ledger amounts may be refunds (negative); no other amount may.
            precondition(field.allowsNegative ? Money.parseSigned(cell) == .success(money) : money.fen >= 0 && Money.parse(cell) == .success(money),
                         "amount changed")
        case (.count, .count(let n)):
            precondition((0...1_000).contains(n), "count out of range")
        case (.phone, .phone(let phone)):
            precondition(PhoneNumber.normalise(cell) == phone, "phone changed")
        case (.phone, .text(let text)):
            precondition(text == cell && PhoneNumber.normalise(cell) == nil, "a phone kept as text although it reads")
        case (.enumeration, .known(let known)):
            precondition(field.knownValues?.values.contains(known) == true, "an unknown canonical value")
        case (.enumeration, .unknown(let text)):
            precondition(text == cell, "unknown value changed")
        default:
            preconditionFailure("\(field) of kind \(field.kind) holds \(value)")
        }
    }

    // MARK: Opening a file

    /// A scratch file per process: the opener reads paths.
    static let scratchPath: String = {
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        return folder + "/unionbatch-fuzz-\(getpid()).csv"
    }()

    static func write(_ bytes: [UInt8], to path: String) {
        #if canImport(Glibc)
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        #else
        let fd = Darwin.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        #endif
        precondition(fd >= 0, "cannot write the scratch file \(path)")
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            #if canImport(Glibc)
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            #else
            let n = bytes.withUnsafeBytes { Darwin.write(fd, $0.baseAddress! + written, $0.count - written) }
            #endif
            precondition(n > 0, "cannot write the scratch file \(path)")
            written += n
        }
    }

    /// Opens the bytes as a file, as a run does: the file name (or a pin) is picked from the length so the
    /// fuzzer reaches the named-for and pinned branches too.
    static func open(_ bytes: [UInt8], decoded: Result<DecodedText, DecodeError>) {
        write(bytes, to: scratchPath)
        defer { unlink(scratchPath) }
        let variant = bytes.count % 9
        let datasets = Dataset.allCases
        let name = (1...4).contains(variant) ? datasets[variant - 1].fileNameKeywords[0] + ".csv" : "fuzz.csv"
        let pinned = variant >= 5 ? datasets[variant - 5] : nil
        let source = InputSource(name: name, path: scratchPath, pinned: pinned)
        let opening = InputOpener.open(source, policy: policy)
        if case .failure(let error) = decoded {
            let why = if case .binary = error { FileFinding.binary(byte: error.byteOffset) } else { FileFinding.undecodable(byte: error.byteOffset) }
            guard case .refused(let findings, _, nil) = opening, findings.count == 1, FileFinding(findings[0]) == why
            else { preconditionFailure("an undecodable file was not refused with F01 at its offset") }
            return
        }
        switch opening {
        case .opened(let input, _):
            precondition(input.mapping.missingRequired.isEmpty, "opened without the required columns")
            precondition(pinned == nil || input.dataset == pinned, "a pinned file opened as another dataset")
            precondition(input.byteCount == bytes.count, "byte count differs")
            var recorder = FindingRecorder(policy: policy, file: name)
            var lastRow = input.headerRow
            var expectedIndex = 0
            input.forEachRow(recorder: &recorder) { row, _ in
                precondition(row.row > lastRow && row.recordIndex == expectedIndex, "rows out of order")
                lastRow = row.row
                expectedIndex += 1
            }
            precondition(!recorder.findings.contains { $0.rule == .F01 && $0.row == nil }, "the unchanged file read as changed")
        case .empty(_, _, let findings):
            precondition(findings.map(\.rule) == [.F06], "an empty file without F06")
        case .refused(let findings, _, _):
            precondition(findings.map(\.rule) == [.F04], "a decodable file refused without F04")
        }
    }
}
