// The run's scheduling: which work goes on which thread. The rules see rows, a roster and a profile; the
// pipeline decides what runs beside what (inputs opened two at a time, a large worksheet parsed by two
// parsers, a large roster read in two halves, claims and enrolments checked beside payments).
import Foundation
import UnionCore
import UnionImport
import UnionRules
import UnionSpreadsheet

enum InputScheduling {
    /// Opens every input, two at a time: reading and hashing one file needs nothing from another.
    static func openAll(_ sources: [InputSource], config: RunConfiguration, timings: StageTimings?) -> [InputOpening] {
        let results = OpenedResults(count: sources.count)
        DispatchQueue.concurrentPerform(iterations: sources.count) { i in
            let started = StageTimings.start()
            let opening = InputOpener.open(sources[i], policy: config.policy, extraAliases: config.extraAliases)
            timings?.record("open " + sources[i].name, since: started)
            results.set(i, opening)
        }
        return results.all
    }
}

/// Slots the concurrent opens fill, one each.
private final class OpenedResults: @unchecked Sendable {
    // @unchecked: `slots` is only touched under `lock`.
    private let lock = NSLock()
    private var slots: [InputOpening?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ opening: InputOpening) { lock.withLock { slots[i] = opening } }

    var all: [InputOpening] { lock.withLock { slots.map { $0! } } }
}

enum SheetScheduling {
    /// Threads for a large .xlsx worksheet's two parsers (the inflater with the main parser, and the parser
    /// of the pieces between) when the run uses both cores and has them; nil (one parser) with `--single-thread`.
    /// Threads of their own, not the shared queue: the two wait on each other and on the reader.
    static func threads(_ options: RunOptions) -> SheetThreads? {
        guard options.concurrentWriters, ProcessInfo.processInfo.activeProcessorCount >= 2 else { return nil }
        return SheetThreads { work in Thread.detachNewThread(work) }
    }
}

enum RosterScheduling {
    /// How a large roster file's halves run: on two threads when the run uses both cores, from the size the
    /// options say; nil (one pass) with `--single-thread`.
    static func halves(_ options: RunOptions) -> RosterHalves? {
        guard options.concurrentWriters else { return nil }
        return RosterHalves(fromBytes: options.rosterHalvesFromBytes) { aside, here in
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                aside()
                done.signal()
            }
            here()
            done.wait()
        }
    }
}

/// Datasets checked on a second thread, in order, while the caller checks others; each taken once that thread is done.
final class DatasetsAside: @unchecked Sendable {
    // @unchecked: `files` is written by the second thread before it leaves `done`, read by the first after it waits.
    private var files: [Dataset: [CheckedFile]] = [:]
    private let datasets: [Dataset]
    private let done = DispatchGroup()

    private init(_ datasets: [Dataset]) { self.datasets = datasets }

    static func start(_ datasets: [Dataset], readFiles: [ReadFile], context: RuleContext, timings: StageTimings?) -> DatasetsAside {
        let aside = DatasetsAside(datasets)
        aside.done.enter()
        DispatchQueue.global().async {
            defer { ProgressMeter.threadStage(nil) }
            for dataset in datasets {
                let started = StageTimings.start()
                ProgressMeter.threadStage(.checking(dataset))
                let files = DatasetChecker.check(readFiles.filter { $0.input.dataset == dataset }, context: context)
                if !files.isEmpty { timings?.record("check " + dataset.rawValue, since: started) }
                aside.files[dataset] = files
            }
            aside.done.leave()
        }
        return aside
    }

    /// The files of `dataset` once checked (nil when it is not checked aside); they are handed over once.
    func take(_ dataset: Dataset) -> [CheckedFile]? {
        guard datasets.contains(dataset) else { return nil }
        done.wait()
        defer { files[dataset] = nil }
        return files[dataset] ?? []
    }

    func wait() { done.wait() }
}
