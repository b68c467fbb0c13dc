// The progress line on a terminal: the newest task of a ProgressMeter, rewritten in place at most 10 times a second.
import Foundation
import UnionCore
import UnionRules
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shown on standard error while a large run reads and writes (SPEC §6): only on a terminal, never under
/// `--quiet`, only for runs over `minimumRows` rows; cleared before anything else is printed.
public final class ProgressLine: @unchecked Sendable {
    // @unchecked: `running` and `shown` are only touched under `mutex`.
    private let meter: ProgressMeter
    private let language: Language
    private let write: @Sendable (String) -> Void
    private var mutex = pthread_mutex_t()
    private var running = false
    private var shown = false
    private var thread: Thread?
    private let stopped = DispatchSemaphore(value: 0)

    /// Runs of fewer rows than this finish before a line would help.
    public static let minimumRows = 100_000
    /// At most 10 lines a second.
    static let interval: TimeInterval = 0.1

    public init(meter: ProgressMeter, language: Language,
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.meter = meter
        self.language = language
        self.write = write
        pthread_mutex_init(&mutex, nil)
    }

    deinit { pthread_mutex_destroy(&mutex) }

    /// Whether standard error is a terminal a line may be drawn on.
    public static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// The line for one state: `核查 会员名册.csv：120,000 / 1,000,000 行（12%）`.
    public static func text(stage: ProgressMeter.Stage, file: String, done: Int, total: Int, language: Language) -> String {
        let percent = total > 0 ? done * 100 / total : 0
        let shownFile = file
        switch language {
        case .zh:
            let verb = stage == .check ? "核查" : "写出"
            return "\(verb) \(shownFile)：\(grouped(done)) / \(grouped(total)) 行（\(percent)%）"
        case .en:
            let verb = stage == .check ? "checking" : "writing"
            return "\(verb) \(shownFile): \(grouped(done)) of \(grouped(total)) rows (\(percent)%)"
        }
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// Starts drawing on a thread of its own.
    public func start() {
        pthread_mutex_lock(&mutex)
        guard !running else { pthread_mutex_unlock(&mutex); return }
        running = true
        pthread_mutex_unlock(&mutex)
        let thread = Thread { [self] in
            var last = ""
            while true {
                pthread_mutex_lock(&mutex)
                let go = running
                if go, let now = meter.current() {
                    let line = ProgressLine.text(stage: now.stage, file: now.file, done: now.done, total: now.total,
                                                 language: language)
                    if line != last {
                        // Carriage return, the line, then erase what a longer line left to its right.
                        write("\r" + line + "\u{1B}[K")
                        shown = true
                        last = line
                    }
                }
                pthread_mutex_unlock(&mutex)
                guard go else { break }
                Thread.sleep(forTimeInterval: ProgressLine.interval)
            }
            stopped.signal()
        }
        thread.name = "progress"
        self.thread = thread
        thread.start()
    }

    /// Stops drawing and clears the line, so what is printed next starts on a clean line.
    public func stop() {
        pthread_mutex_lock(&mutex)
        guard running else { pthread_mutex_unlock(&mutex); return }
        running = false
        if shown { write("\r\u{1B}[K"); shown = false }
        pthread_mutex_unlock(&mutex)
        stopped.wait()
    }
}
