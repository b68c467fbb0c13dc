// A test hook: the process stops at a named moment of its run and says so, so that a test can signal it there.
import Foundation

/// TEST HOOK, inert unless the environment variable `UNIONBATCH_TEST_PAUSE` is set (a clerk never sets it).
/// Its value is `MOMENT:PATH`. When the run reaches MOMENT, it opens PATH for writing (a FIFO the test
/// reads, or a file it creates), writes `MOMENT PID` and a line break, closes it, and waits there until a
/// signal ends the process. Tests of interrupted runs send SIGINT or SIGTERM only once the line has come, so
/// the moment the signal lands is chosen, not guessed with sleeps. In-process tests use
/// `RunOptions.betweenPasses` instead; this hook is for a child process that a signal ends.
public enum TestPause {
    public static let variable = "UNIONBATCH_TEST_PAUSE"

    /// The moments a process can be stopped at: a run's, in the order it reaches them, and `convert`'s.
    public enum Moment: String, Sendable {
        /// A workbook's sheet being read: some of its rows written into its CSV in TMPDIR (at each write).
        case readingSheet
        /// The workbooks' sheets written out as CSV into their private folder; the inputs not yet opened
        /// (no staging folder yet).
        case opening
        /// The roster checked and its workbook under way in the staging folder; the other datasets not yet checked.
        case checking
        /// Every dataset checked; no summary written yet.
        case checked
        /// A checked workbook with its rows added but not yet closed (on its writer's thread).
        case writing
        /// The complete set and its manifest in the staging folder; the swap into the output folder not yet made.
        case installing
        /// `convert`: the workbook written to its temporary file beside the output, not yet moved into place.
        case converted

        /// The moments a `run` that writes checked workbooks reaches, in order (and `readingSheet` first when a
        /// workbook is among its inputs).
        public static let ofARun: [Moment] = [.opening, .checking, .checked, .writing, .installing]
    }

    /// The moment and path asked for; nil (the hook does nothing) when the variable is unset or malformed.
    static let request: (moment: Moment, path: String)? = {
        guard let raw = getenv(variable) else { return nil }
        return parse(String(cString: raw))
    }()

    static func parse(_ value: String) -> (moment: Moment, path: String)? {
        guard let colon = value.firstIndex(of: ":"), let moment = Moment(rawValue: String(value[..<colon])) else { return nil }
        let path = String(value[value.index(after: colon)...])
        return path.isEmpty ? nil : (moment, path)
    }

    /// Stops here for good when `moment` is the one asked for; returns at once otherwise.
    public static func reach(_ moment: Moment) {
        guard let request, request.moment == moment else { return }
        // O_CREAT makes a plain file when the test gave no FIFO; a FIFO's open waits for its reader.
        let fd = open(request.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        if fd >= 0 {
            let line = "\(moment.rawValue) \(getpid())\n"
            _ = line.withCString { write(fd, $0, strlen($0)) }
            close(fd)
        }
        // Every thread that reaches the moment waits: the signal's handler (on a dispatch queue) ends the process.
        while true { sleep(3600) }
    }
}
