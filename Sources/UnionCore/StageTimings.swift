// The wall time of each stage of a run (`--timings`), recorded from any thread.
#if canImport(Glibc)
import Glibc
#endif

public final class StageTimings: @unchecked Sendable {
    // @unchecked: `stages` is only touched under `mutex`.
    private var mutex = pthread_mutex_t()
    private var stages: [(name: String, start: Double, seconds: Double)] = []
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

    public func record(_ name: String, since start: Double) {
        let end = StageTimings.now()
        pthread_mutex_lock(&mutex)
        stages.append((name, start - origin, end - start))
        pthread_mutex_unlock(&mutex)
    }

    /// Runs `body` as the stage `name`.
    public func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = StageTimings.now()
        defer { record(name, since: start) }
        return try body()
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
        var result = sorted.map { "\($0.name.rightPadded(to: width))  at \(format($0.start))  took \(format($0.seconds))" }
        result.append("total".rightPadded(to: width) + "  " + String(repeating: " ", count: 14) + "took \(format(total))")
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
