// Checked workbooks written on their own threads while the run reads the next dataset.
import Foundation
import UnionCore
import UnionRules
import UnionWriters

/// Starts one writer per checked workbook and collects what they wrote. Each workbook is built
/// and closed on one thread (libxlsxwriter objects never cross threads); the output does not
/// depend on the order they finish in.
final class CheckedWorkbookJobs: @unchecked Sendable {
    // @unchecked: `written` and `failures` are only touched under `lock`.
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "unionbatch.checked-workbooks", attributes: .concurrent)
    private let lock = NSLock()
    private var written: [String] = []
    private var failures: [Error] = []
    /// Whether workbooks are written on background threads (else in the caller, one after another).
    let concurrent: Bool

    init(concurrent: Bool) { self.concurrent = concurrent }

    func start(_ dataset: Dataset, files: [CheckedFile], layout: CheckedLayout, options: RunOptions, created: Day, stage: OutputStage) {
        let work: @Sendable () -> Void = { [self] in
            do {
                try OutputSet.writeCheckedWorkbook(dataset, files: files, layout: layout, options: options, created: created, stage: stage)
                lock.withLock { written.append(CheckedLayout.fileName(dataset)) }
            } catch {
                lock.withLock { failures.append(error) }
            }
        }
        if concurrent { queue.async(group: group, execute: work) } else { work() }
    }

    /// Waits for every writer; the names written, or the first failure.
    func finish() throws -> [String] {
        group.wait()
        return try lock.withLock {
            if let first = failures.first { throw first }
            return written.sorted()
        }
    }
}
