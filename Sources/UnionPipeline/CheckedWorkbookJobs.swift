// Checked workbooks written on their own threads while the run reads the next dataset.
import Foundation
import UnionCore
import UnionImport
import UnionRules
import UnionWriters

/// Starts one writer per checked workbook and collects what they wrote. Each workbook is built
/// and closed on one thread (libxlsxwriter objects never cross threads); the output does not
/// depend on the order they finish in.
final class CheckedWorkbookJobs: @unchecked Sendable {
    // @unchecked: `written` and `failures` are only touched under `lock`.
    private let group = DispatchGroup()
    private let lock = NSLock()
    /// Each workbook written and its SHA-256, taken on its own thread while the file is fresh.
    private var written: [(name: String, sha256: String)] = []
    private var failures: [Error] = []
    /// Whether workbooks are written on background threads (else in the caller, one after another).
    let concurrent: Bool

    init(concurrent: Bool) { self.concurrent = concurrent }

    func start(_ dataset: Dataset, files: [CheckedFile], layout: CheckedLayout, options: RunOptions, created: Day, heading: PageHeading,
               stage: OutputStage) {
        run(stage) {
            try OutputSet.writeCheckedWorkbook(dataset, files: files, layout: layout, options: options, created: created, heading: heading,
                                               stage: stage)
            return CheckedLayout.fileName(dataset)
        }
    }

    /// A workbook written from rows as the rules' pass hands them over (the roster: see `CheckedRowSink`).
    func feed(_ dataset: Dataset, layout: CheckedLayout, options: RunOptions, created: Day, heading: PageHeading,
              stage: OutputStage) -> CheckedWorkbookFeed {
        let feed = CheckedWorkbookFeed(concurrent: concurrent) {
            try CheckedWorkbook(path: stage.path(CheckedLayout.fileName(dataset)), dataset: dataset, layout: layout,
                                presenter: FindingPresenter(language: options.language, mask: false), maskAll: options.mask == .all,
                                created: created, tempDirectory: stage.stagingFolder, heading: heading, timings: options.timings)
        }
        let job: @Sendable () throws -> String = {
            try feed.drain()
            return CheckedLayout.fileName(dataset)
        }
        // Not concurrent, the rows are written as they come: the workbook is done when the feed closes.
        if concurrent { run(stage, job) } else { feed.whenClosed = { [self] in run(stage, job) } }
        return feed
    }

    /// Runs `work`, which writes one workbook into `stage` and names it, on a thread of its own (or at once
    /// when not concurrent); then hashes it for the manifest.
    private func run(_ stage: OutputStage, _ work: @escaping @Sendable () throws -> String) {
        let job: @Sendable () -> Void = { [self] in
            // The inputs read again for a workbook show on the progress line as writing it.
            let before = ProgressMeter.threadStage(.writeWorkbooks)
            defer { ProgressMeter.threadStage(before) }
            do {
                let name = try work()
                let sha = try FileBytes.sha256(path: stage.path(name))
                lock.withLock { written.append((name, sha)) }
            } catch {
                lock.withLock { failures.append(error) }
            }
        }
        guard concurrent else { return job() }
        // A thread of its own, not a dispatch worker: dispatch runs as many jobs as there are cores and
        // queues the rest, so a small workbook whose rules are done would wait for a big one to finish.
        group.enter()
        let thread = Thread { [group] in
            job()
            group.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for every writer; the workbooks written with their hashes, or the first failure.
    func finish() throws -> [(name: String, sha256: String)] {
        group.wait()
        return try lock.withLock {
            if let first = failures.first { throw first }
            return written.sorted { $0.name < $1.name }
        }
    }
}

/// Rows handed from the rules' pass to the thread that writes their workbook, in batches through a short
/// queue: the pass waits when the writer falls behind, so memory stays bounded. Not concurrent, the rows
/// are written as they come, on the caller's thread.
final class CheckedWorkbookFeed: CheckedRowSink, @unchecked Sendable {
    // @unchecked: `queue` is only touched under `condition`; `batch` only by the producer; the workbook
    // only by the thread that drains.
    private enum Message {
        case begin(OpenedInput)
        case rows([(TypedRow, [Finding])])
        case rest(OpenedInput, split: Int, rowShift: Int, recordShift: Int, findings: FindingsByRecord)
        case end
        case close
    }

    static let batchSize = 512
    static let queueLimit = 8

    private let concurrent: Bool
    private let makeWorkbook: () throws -> CheckedWorkbook
    private var workbook: CheckedWorkbook?
    private var failure: Error?
    private let condition = NSCondition()
    private var queue: [Message] = []
    private var batch: [(TypedRow, [Finding])] = []
    /// Not concurrent: what to do once `close` has closed the workbook.
    var whenClosed: (() -> Void)?

    init(concurrent: Bool, makeWorkbook: @escaping () throws -> CheckedWorkbook) {
        self.concurrent = concurrent
        self.makeWorkbook = makeWorkbook
        batch.reserveCapacity(Self.batchSize)
    }

    func begin(_ input: OpenedInput) { send(.begin(input)) }

    func row(_ row: TypedRow, findings: [Finding]) {
        batch.append((row, findings))
        if batch.count == Self.batchSize { flush() }
    }

    func rest(of input: OpenedInput, from split: Int, rowShift: Int, recordShift: Int, findings: FindingsByRecord) {
        flush()
        send(.rest(input, split: split, rowShift: rowShift, recordShift: recordShift, findings: findings))
    }

    func end() {
        flush()
        send(.end)
    }

    /// Every file is in: the workbook can close.
    func close() {
        flush()
        send(.close)
        whenClosed?()
    }

    private func flush() {
        guard !batch.isEmpty else { return }
        let rows = batch
        batch = []
        batch.reserveCapacity(Self.batchSize)
        send(.rows(rows))
    }

    private func send(_ message: Message) {
        guard concurrent else {
            handle(message)
            return
        }
        condition.lock()
        while queue.count >= Self.queueLimit { condition.wait() }
        queue.append(message)
        condition.broadcast()
        condition.unlock()
    }

    /// The writer's side: takes messages until `close`; throws the first failure (the rest is drained unread).
    /// Not concurrent, the messages were handled as they came and only the outcome is left to give.
    func drain() throws {
        if concurrent {
            var closed = false
            while !closed {
                condition.lock()
                while queue.isEmpty { condition.wait() }
                let message = queue.removeFirst()
                condition.broadcast()
                condition.unlock()
                if case .close = message { closed = true }
                handle(message)
            }
        }
        if let failure { throw failure }
    }

    private func handle(_ message: Message) {
        guard failure == nil else { return }
        do {
            if workbook == nil { workbook = try makeWorkbook() }
            guard let workbook else { return }
            switch message {
            case .begin(let input): try workbook.begin(input)
            case .rows(let rows):
                for (row, findings) in rows {
                    try workbook.add(row, findings: findings.count > 1 ? CheckedWorkbookWriter.inFileOrder(findings) : findings)
                }
            case .rest(let input, let split, let rowShift, let recordShift, let findings):
                try CheckedWorkbookWriter.addRows(of: input, from: split, rowShift: rowShift, recordShift: recordShift,
                                                  findings: findings, to: workbook)
            case .end: try workbook.end()
            case .close: try workbook.close()
            }
        } catch {
            failure = error
        }
    }
}
