// How far a run has got: the tasks under way (a stage, a file, rows done of rows), counted from any thread.
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The tasks of a run that read or write rows. A reader counts its rows in batches into its task's atomic
/// counter, so counting costs nothing a row; a terminal line (`ProgressLine`) samples the newest task.
public final class ProgressMeter: @unchecked Sendable {
    // @unchecked: `tasks` is only touched under `mutex`; a task's counter is atomic.
    private var mutex = pthread_mutex_t()
    private var tasks: [Task] = []

    public init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }

    /// What a task is doing, in words the terminal line shows.
    public enum Stage: Sendable, Equatable {
        case check, write
    }

    /// One file's pass: rows done of `total` rows.
    public final class Task: Sendable {
        public let stage: Stage
        public let file: String
        public let total: Int
        let done = Atomic<Int>(0)
        let finished = Atomic<Bool>(false)

        init(stage: Stage, file: String, total: Int) {
            self.stage = stage
            self.file = file
            self.total = total
        }

        /// Adds rows done (readers call this every few thousand rows, and at the end).
        @inline(__always) public func advance(by rows: Int) { done.add(rows, ordering: .relaxed) }

        public func finish() { finished.store(true, ordering: .relaxed) }

        public var rowsDone: Int { done.load(ordering: .relaxed) }
    }

    /// A new task, shown from now on until a newer one starts or it finishes.
    public func begin(_ stage: Stage, file: String, rows: Int) -> Task {
        let task = Task(stage: stage, file: file, total: rows)
        pthread_mutex_lock(&mutex)
        tasks.append(task)
        pthread_mutex_unlock(&mutex)
        return task
    }

    /// The state to show: the newest task not finished, as (stage, file, rows done, rows).
    public func current() -> (stage: Stage, file: String, done: Int, total: Int)? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        guard let task = tasks.last(where: { !$0.finished.load(ordering: .relaxed) }) else { return nil }
        return (task.stage, task.file, min(task.rowsDone, task.total), task.total)
    }
}
