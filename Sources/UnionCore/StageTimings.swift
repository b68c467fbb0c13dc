// The wall and CPU time of each stage of a run (`--timings`), recorded from any thread.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public final class StageTimings: @unchecked Sendable {
    // @unchecked: `stages` is only touched under `mutex`.
    private var mutex = pthread_mutex_t()
    private var stages: [(name: String, start: Double, seconds: Double, cpu: Double, resident: Int)] = []
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

    /// The process's resident memory now: from /proc/self/statm on Linux, from the task's basic info on
    /// Darwin (0 where there is none).
    public static func residentBytes() -> Int {
        #if canImport(Darwin)
        var info = mach_task_basic_info()
        var count = mach_msg_type_number_t(MemoryLayout<mach_task_basic_info>.size / MemoryLayout<natural_t>.size)
        let result = withUnsafeMutablePointer(to: &info) {
            $0.withMemoryRebound(to: integer_t.self, capacity: Int(count)) {
                task_info(mach_task_self_, task_flavor_t(MACH_TASK_BASIC_INFO), $0, &count)
            }
        }
        return result == KERN_SUCCESS ? Int(info.resident_size) : 0
        #else
        let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return 0 }
        // "size resident shared ...", in pages.
        let fields = buffer[..<n].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #endif
    }

    /// Ends the stage `name`, begun on this thread at `start`.
    public func record(_ name: String, since start: Start) {
        let end = StageTimings.now()
        let cpu = StageTimings.threadCPU() - start.cpu
        let resident = StageTimings.residentBytes()
        pthread_mutex_lock(&mutex)
        stages.append((name, start.wall - origin, end - start.wall, cpu, resident))
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
        func megabytes(_ bytes: Int) -> String { String(bytes >> 20).leftPadded(to: 5) + " MB" }
        // The memory in use as each stage ended; at the total, the peak of the whole run.
        var result = sorted.map {
            "\($0.name.rightPadded(to: width))  at \(format($0.start))  took \(format($0.seconds))  cpu \(format($0.cpu))"
                + "  rss \(megabytes($0.resident))"
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        result.append("total".rightPadded(to: width) + "  " + String(repeating: " ", count: 14)
                      + "took \(format(total))  cpu \(format(cpu))  peak \(megabytes(usage.ru_maxrss * 1024))")
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
