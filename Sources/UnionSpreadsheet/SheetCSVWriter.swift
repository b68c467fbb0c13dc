// One sheet's rows written as a UTF-8 CSV, one record per sheet row (an empty line for an empty row),
// so the CSV machinery reads a sheet as it reads a file and its row numbers are the rows Calc shows.
import Foundation
import UnionCore

/// Where a reader puts one sheet's cells, a row at a time, in row and column order.
final class SheetCSVWriter {
    /// Rows past Excel's last are not written (a hostile `number-rows-repeated`).
    static let maxRows = 1_048_576
    static let maxColumns = 16_384

    /// Written with write(2) from `buffer` alone: a writer dropped unfinished (a sheet read again) holds
    /// no stdio buffer that could land in the file after its successor's bytes.
    private let file: Int32
    let path: String
    private var buffer: [UInt8] = []
    /// The last sheet row written (1-based); 0 before the first.
    private(set) var lastRow = 0
    /// Commas written in the current row.
    private var commas = 0
    private var rowOpen = false
    private(set) var cellCount = 0
    /// The most cells a row written so far had.
    private var width = 0
    private(set) var failed: Int32 = 0

    /// Cells merged down a column: the value of the top cell, repeated in its column to `lastRow`.
    private var downFills: [(column: Int, firstRow: Int, lastRow: Int, value: [UInt8])] = []
    /// This row's cells, held until the row ends so fills can be placed among them.
    private var rowCells: [(column: Int, start: Int, end: Int)] = []
    private var rowBytes: [UInt8] = []

    init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SpreadsheetProblem.damagedPackage(reason: "cannot write \(path)") }
        file = fd
        self.path = path
        buffer.reserveCapacity(SheetCSVWriter.drainSize + (1 << 12))
    }

    deinit { close(file) }

    /// Bytes held before they are written.
    static let drainSize = 1 << 18

    /// A cell of row `row` (1-based) at `column` (1-based), in order; text as it should read.
    func cell(row: Int, column: Int, _ text: UnsafeBufferPointer<UInt8>) {
        guard row <= SheetCSVWriter.maxRows, column >= 1, column <= SheetCSVWriter.maxColumns else { return }
        if !(rowOpen && row == pendingRow) {
            // A row out of order (no writer makes one) cannot be placed: its cells are dropped.
            guard row > lastRow && (!rowOpen || row > pendingRow) else { return }
            beginRow(row)
        }
        let start = rowBytes.count
        rowBytes.append(contentsOf: text)
        rowCells.append((column, start, rowBytes.count))
    }

    func cell(row: Int, column: Int, _ text: [UInt8]) {
        text.withUnsafeBufferPointer { cell(row: row, column: column, $0) }
    }

    /// The top cell (at `row`) of a range merged down to `lastRow`: its value is repeated below it in its column.
    func fillDown(column: Int, fromRow row: Int, toRow lastRow: Int, value: [UInt8]) {
        guard !value.isEmpty, lastRow > row else { return }
        downFills.append((column, row + 1, min(lastRow, SheetCSVWriter.maxRows), value))
    }

    private var pendingRow = 0

    private func beginRow(_ row: Int) {
        if rowOpen { flushRow() }
        // Rows in between: empty, or holding only values merged down into them.
        var between = lastRow + 1
        while between < row {
            downFills.removeAll { $0.lastRow < between }
            if downFills.isEmpty {
                writeEmptyLines(row - between)
                lastRow = row - 1
                break
            }
            pendingRow = between
            rowOpen = true
            flushRow()
            between += 1
        }
        pendingRow = row
        rowOpen = true
    }

    /// Writes the held row, with any values merged down into it.
    private func flushRow() {
        guard rowOpen else { return }
        rowOpen = false
        let row = pendingRow
        downFills.removeAll { $0.lastRow < row }
        if !downFills.isEmpty {
            for fill in downFills where fill.firstRow <= row && !rowCells.contains(where: { $0.column == fill.column }) {
                let start = rowBytes.count
                rowBytes += fill.value
                rowCells.append((fill.column, start, rowBytes.count))
            }
            rowCells.sort { $0.column < $1.column }
        }
        commas = 0
        guard !rowCells.isEmpty else {
            buffer.append(0x0A)
            lastRow = row
            return
        }
        for c in rowCells {
            let needed = c.column - 1 - commas
            guard needed >= 0 else { continue }
            if needed > 0 { buffer.append(contentsOf: repeatElement(0x2C, count: needed)); commas += needed }
            rowBytes.withUnsafeBufferPointer { appendField(UnsafeBufferPointer(rebasing: $0[c.start..<c.end])) }
            cellCount += 1
        }
        // Padded to the widest row so far, so the rows under a header are as wide as it (the reader
        // also takes a shorter row of a sheet as ending in empty cells).
        if commas < width - 1 {
            buffer.append(contentsOf: repeatElement(0x2C, count: width - 1 - commas))
        }
        width = max(width, commas + 1)
        buffer.append(0x0A)
        lastRow = row
        rowCells.removeAll(keepingCapacity: true)
        rowBytes.removeAll(keepingCapacity: true)
        if buffer.count >= SheetCSVWriter.drainSize { drain() }
    }

    private func writeEmptyLines(_ n: Int) {
        guard n > 0 else { return }
        buffer.append(contentsOf: repeatElement(0x0A, count: n))
        if buffer.count >= SheetCSVWriter.drainSize { drain() }
    }

    /// The field, quoted when it holds a comma, quote or line break.
    private func appendField(_ text: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = false
        for b in text where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { needsQuotes = true; break }
        if !needsQuotes { buffer.append(contentsOf: text); return }
        buffer.append(0x22)
        for b in text {
            if b == 0x22 { buffer.append(0x22) }
            buffer.append(b)
        }
        buffer.append(0x22)
    }

    private func drain() {
        buffer.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count && failed == 0 {
                let n = write(file, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failed = n < 0 ? errno : EIO; break }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
        TestPause.reach(.readingSheet)
    }

    /// Ends the sheet (rows merged down past the last written are written too) and flushes the file.
    func finish() throws {
        if rowOpen { flushRow() }
        while let last = downFills.map(\.lastRow).max(), last > lastRow {
            pendingRow = lastRow + 1
            rowOpen = true
            flushRow()
        }
        drain()
        if failed != 0 { throw SpreadsheetProblem.damagedPackage(reason: "cannot write \(path): \(String(cString: strerror(failed)))") }
    }
}
