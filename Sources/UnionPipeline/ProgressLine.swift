// The progress line on a terminal (SPEC §6): one line on standard error, rewritten in place while a large run works.
import Foundation
import UnionCore
import UnionRules

/// Draws the run's `ProgressMeter` as one line, rewritten at most 10 times a second by a thread of its
/// own, and erased before anything else is printed (`stop`) or when the run is interrupted. Only on a
/// terminal, only when not `--quiet`, only for runs over `fromRows` rows.
///
/// Two passes may run at once (a roster read in two halves counts as one; the checked workbooks re-read
/// their files on their own threads; claims may be checked beside payments). The line shows the pass of
/// the run's own stage that began first, and says how many others are under way.
public final class ProgressLine: @unchecked Sendable {
    // @unchecked: `stopped`, `drawn` and `throttle` are only touched while `condition` is locked.
    /// Runs with this many rows or fewer show no line (SPEC §6).
    public static let defaultFromRows = 100_000
    /// A hidden setting for tests: the bound above, lowered so that a small folder shows the line.
    public static let fromRowsVariable = "UNIONBATCH_PROGRESS_FROM_ROWS"

    private let meter: ProgressMeter
    private let language: Language
    private let fromRows: Int
    private let descriptor: Int32
    private let condition = NSCondition()
    private var stopped = false
    private var drawn = false
    private var throttle = ProgressThrottle()

    init(meter: ProgressMeter, language: Language, fromRows: Int, descriptor: Int32) {
        self.meter = meter
        self.language = language
        self.fromRows = fromRows
        self.descriptor = descriptor
    }

    /// Starts the line when standard error is a terminal and the run is not quiet: installs the meter the
    /// read passes report to. Nil (and nothing installed) otherwise.
    public static func start(quiet: Bool, language: Language, environment: [String: String]) -> ProgressLine? {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        let fromRows = environment[fromRowsVariable].flatMap { Int($0) } ?? defaultFromRows
        let meter = ProgressMeter()
        ProgressMeter.install(meter)
        let line = ProgressLine(meter: meter, language: language, fromRows: fromRows, descriptor: STDERR_FILENO)
        Interruption.atInterruption { line.stop() }
        let thread = Thread { line.redrawUntilStopped() }
        thread.start()
        return line
    }

    /// Ends the line: nothing is drawn after this, and a line drawn is erased, so what is printed next
    /// starts at the left margin of a clean line.
    public func stop() {
        condition.withLock {
            stopped = true
            if drawn { write(ProgressLine.erase) }
            drawn = false
            condition.signal()
        }
    }

    static let erase = "\r\u{1B}[K"

    private func redrawUntilStopped() {
        condition.lock()
        defer { condition.unlock() }
        while !stopped {
            _ = condition.wait(until: Date(timeIntervalSinceNow: Double(ProgressThrottle.interval) / 1000))
            if stopped { break }
            let snapshot = meter.snapshot()
            guard snapshot.totalRows > fromRows,
                  let text = ProgressLineText.render(snapshot, language: language, columns: ProgressLine.terminalColumns(descriptor))
            else { continue }
            if throttle.shouldDraw(text, at: Int(StageTimings.now() * 1000)) {
                write("\r" + text + "\u{1B}[K")
                drawn = true
            }
        }
    }

    private func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { return }
            offset += n
        }
    }

    /// The terminal's width (80 when it does not say).
    static func terminalColumns(_ descriptor: Int32) -> Int {
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}

/// At most one redraw every `interval` milliseconds, and none when the text is unchanged.
struct ProgressThrottle {
    static let interval = 100
    private var lastDraw: Int?
    private var lastText: String?

    /// Whether to draw `text` now, `now` being milliseconds on a monotonic clock.
    mutating func shouldDraw(_ text: String, at now: Int) -> Bool {
        if text == lastText { return false }
        if let lastDraw, now - lastDraw < ProgressThrottle.interval { return false }
        lastDraw = now
        lastText = text
        return true
    }
}

/// The line's text for a snapshot of the meter.
enum ProgressLineText {
    /// The stage, the file, its rows done of its rows and the percentage, fitted into `columns - 1` terminal
    /// columns (the last column is left free: writing there makes some terminals wrap). Nil when the run
    /// has no stage yet.
    static func render(_ snapshot: ProgressMeter.Snapshot, language: Language, columns: Int) -> String? {
        let passes = snapshot.tasks
        guard let pass = passes.first(where: { $0.stage == snapshot.stage }) ?? passes.first else {
            return snapshot.stage.map { ProgressText.stageGoing($0).text(language) }.map { fitted($0, columns - 1) }
        }
        let percent = pass.expected > 0 ? min(100, pass.done * 100 / pass.expected) : 0
        let stage = ProgressText.stage(pass.stage).text(language) + " "
        var tail = " " + ProgressText.rows(done: pass.done, of: pass.expected, percent: percent).text(language)
        if passes.count > 1 { tail += ProgressText.others(passes.count - 1).text(language) }
        let room = columns - 1 - DisplayWidth.of(stage) - DisplayWidth.of(tail)
        // A long file name gives way first (its end kept: it tells files apart); then the end of the line.
        if room >= DisplayWidth.of(pass.file) { return stage + pass.file + tail }
        if room >= 4 { return stage + shortened(pass.file, to: room) + tail }
        return fitted(stage + pass.file + tail, columns - 1)
    }

    /// The text cut to `width` columns.
    static func fitted(_ text: String, _ width: Int) -> String {
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            out.append(character)
            used += w
        }
        return out
    }

    /// `…` and the end of `name`, in at most `width` columns.
    static func shortened(_ name: String, to width: Int) -> String {
        var kept: [Character] = []
        var used = 1
        for character in name.reversed() {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            kept.append(character)
            used += w
        }
        return "…" + String(kept.reversed())
    }
}
