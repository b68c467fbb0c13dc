// How far a run has got, for the progress line on a terminal: the run's stage and each pass over a file.
import Foundation

/// What a run is doing; each read pass over a file counts under the stage of the thread that reads it.
public enum ProgressStage: Int, Sendable, CaseIterable {
    /// The look at the inputs before the rules: the reporting year from the dates.
    case read = 1
    case checkMembers, checkPayments, checkClaims, checkEnrollments, checkLedger
    /// The figures of the summary.
    case summary
    /// summary.xlsx, the annual text, issues.csv, summary.json.
    case writeOutputs
    /// The checked workbooks (their own threads read the inputs again).
    case writeWorkbooks

    public static func checking(_ dataset: Dataset) -> ProgressStage {
        switch dataset {
        case .members: return .checkMembers
        case .payments: return .checkPayments
        case .claims: return .checkClaims
        case .enrollments: return .checkEnrollments
        case .ledger: return .checkLedger
        }
    }
}

/// One pass over one file under way: its rows done of the rows expected. Two threads reading halves of the
/// same file in the same stage share one task.
public final class ProgressTask: @unchecked Sendable {
    // @unchecked: `done`, `expected` and `readers` are only touched under the meter's lock.
    public let stage: ProgressStage
    public let file: String
    var expected: Int
    /// When the task began, in the meter's order (the first begun is shown first).
    let sequence: Int
    var done = 0
    var readers = 1
    private let meter: ProgressMeter

    init(stage: ProgressStage, file: String, expected: Int, sequence: Int, meter: ProgressMeter) {
        self.stage = stage
        self.file = file
        self.expected = expected
        self.sequence = sequence
        self.meter = meter
    }

    /// `rows` more rows read. Read loops call it every few thousand rows, not every row: the lock is then
    /// taken a few hundred times in a million rows.
    public func advance(by rows: Int) { meter.lock.withLock { done += rows } }

    /// The pass is over (for a shared task: once every reader has ended).
    public func end() { meter.end(self) }
}

/// The run's progress, read by the progress line's thread. Installed only when a line is shown: without
/// it, a read pass asks one global and counts nothing.
public final class ProgressMeter: @unchecked Sendable {
    // @unchecked: every mutable field is only touched under `lock`.
    let lock = NSLock()
    private var tasks: [ProgressTask] = []
    private var sequence = 0
    private var runStage: ProgressStage?
    private var runRows = 0

    public init() {}

    /// The meter read passes report to; nil (the default) when no progress line is shown.
    /// Set once, before the run starts its threads, and never changed after.
    nonisolated(unsafe) public private(set) static var shared: ProgressMeter?

    public static func install(_ meter: ProgressMeter?) { shared = meter }

    /// What the progress line shows: the run's stage, how many rows its inputs have, the passes under way
    /// in the order they began.
    public struct Snapshot: Sendable, Equatable {
        public var stage: ProgressStage?
        public var totalRows: Int
        public var tasks: [Pass]

        public struct Pass: Sendable, Equatable {
            public var stage: ProgressStage
            public var file: String
            public var done: Int
            public var expected: Int

            public init(stage: ProgressStage, file: String, done: Int, expected: Int) {
                self.stage = stage
                self.file = file
                self.done = done
                self.expected = expected
            }
        }

        public init(stage: ProgressStage?, totalRows: Int, tasks: [Pass]) {
            self.stage = stage
            self.totalRows = totalRows
            self.tasks = tasks
        }
    }

    public func snapshot() -> Snapshot {
        lock.withLock {
            Snapshot(stage: runStage, totalRows: runRows,
                     tasks: tasks.map { Snapshot.Pass(stage: $0.stage, file: $0.file, done: min($0.done, $0.expected), expected: $0.expected) })
        }
    }

    // MARK: Stages

    /// The run enters `stage`: the line says so, and passes begun on this thread count under it.
    /// `totalRows`, when given, is how many rows the run's inputs hold (the line is shown only past a bound).
    public static func stage(_ stage: ProgressStage, totalRows: Int? = nil) {
        guard let meter = shared else { return }
        meter.lock.withLock {
            meter.runStage = stage
            if let totalRows { meter.runRows = totalRows }
        }
        setThreadStage(stage)
    }

    /// The stage passes begun on this thread count under, without changing the run's: for a helper thread.
    /// Returns the thread's stage before, to put back.
    @discardableResult
    public static func threadStage(_ stage: ProgressStage?) -> ProgressStage? {
        guard shared != nil else { return nil }
        let before = currentThreadStage
        setThreadStage(stage)
        return before
    }

    /// The stage passes begun on this thread count under (nil: they are not counted).
    public static var currentThreadStage: ProgressStage? {
        guard shared != nil else { return nil }
        return ProgressStage(rawValue: Int(bitPattern: pthread_getspecific(stageKey)))
    }

    private static func setThreadStage(_ stage: ProgressStage?) {
        pthread_setspecific(stageKey, UnsafeRawPointer(bitPattern: stage?.rawValue ?? 0))
    }

    // MARK: Passes

    /// A pass over `file` (`expected` rows, an estimate) begins on this thread: its task, counted under the
    /// thread's stage; nil when no line is shown or the thread has no stage.
    public static func begin(file: String, expected: Int) -> ProgressTask? {
        guard let meter = shared, let stage = currentThreadStage else { return nil }
        return meter.begin(stage: stage, file: file, expected: expected)
    }

    func begin(stage: ProgressStage, file: String, expected: Int) -> ProgressTask {
        lock.withLock {
            if let same = tasks.first(where: { $0.stage == stage && $0.file == file }) {
                // The second half may begin first, expecting its half alone.
                same.expected = max(same.expected, expected)
                same.readers += 1
                return same
            }
            sequence += 1
            let task = ProgressTask(stage: stage, file: file, expected: max(expected, 1), sequence: sequence, meter: self)
            tasks.append(task)
            return task
        }
    }

    func end(_ task: ProgressTask) {
        lock.withLock {
            task.readers -= 1
            if task.readers == 0 { tasks.removeAll { $0 === task } }
        }
    }
}

/// The thread-local slot of `ProgressMeter`'s thread stage (the stage's raw value; 0 for none).
private let stageKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
}()
