// The wall and CPU time of each stage of a run (`--timings`), recorded from any thread.
#if canImport(Glibc)
import Glibc
#endif

public final class StageTimings: @unchecked Sendable {
    // @unchecked: `stages` is only touched under `mutex`.
    private var mutex = pthread_mutex_t()
    private var stages: [(name: String, start: Double, seconds: Double, cpu: Double)] = []
    private let origin: Double

    public init() {
        pthread_mutex_init(&mutex, nil)
        origin = StageTimings.now()
    }

    deinit { pthread_mutex_destroy(&mutex) }

    /// Seconds on the monotonic clock.
    public static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Seconds of CPU the calling thread has used.
    public static func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// A stage's start: the wall clock and the thread's CPU clock.
    public struct Start: Sendable {
        let wall: Double
        let cpu: Double
    }

    public static func start() -> Start { Start(wall: now(), cpu: threadCPU()) }

    /// Ends the stage `name`, begun on this thread at `start`.
    public func record(_ name: String, since start: Start) {
        let end = StageTimings.now()
        let cpu = StageTimings.threadCPU() - start.cpu
        pthread_mutex_lock(&mutex)
        stages.append((name, start.wall - origin, end - start.wall, cpu))
        pthread_mutex_unlock(&mutex)
    }

    /// One line a stage, in the order they started: when it started and how long it took.
    public var lines: [String] {
        pthread_mutex_lock(&mutex)
        let sorted = stages.sorted { $0.start < $1.start }
        pthread_mutex_unlock(&mutex)
        let total = StageTimings.now() - origin
        let width = max(sorted.map(\.name.count).max() ?? 0, 5)
        func format(_ s: Double) -> String {
            let ms = Int((s * 1000).rounded())
            let fraction = String(ms % 1000)
            let text = "\(ms / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
            return text.leftPadded(to: 8) + " s"
        }
        var result = sorted.map {
            "\($0.name.rightPadded(to: width))  at \(format($0.start))  took \(format($0.seconds))  cpu \(format($0.cpu))"
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        result.append("total".rightPadded(to: width) + "  " + String(repeating: " ", count: 14)
                      + "took \(format(total))  cpu \(format(cpu))")
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    fileprivate func rightPadded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
