// The run's second stage, discover and open: the folder's inputs found, the workbooks' sheets written out as
// CSV, every input opened (hashed, header found) or refused.
import Foundation
import UnionCore
import UnionImport
import UnionRules
import UnionSummary

/// The inputs of one attempt: the files to check, and those not checked (empty or refused) with their findings.
struct OpenedInputs {
    let discovered: DiscoveredInputs
    /// The workbooks' sheets, each written to a private CSV that goes at the run's end (`close`).
    var workbookInputs: WorkbookInputs
    var readFiles: [ReadFile] = []
    /// The figures of the inputs not checked, for the summary's list of inputs.
    var otherInputs: [InputFigures] = []
    /// Findings about whole files (refused, empty, not read), by file name.
    var otherFindings: [String: [Finding]] = [:]
    var refusedCount = 0
    var emptyCount = 0

    /// Finds and opens the folder's inputs. A file that changed while an earlier attempt read it (`changed`,
    /// name to SHA-256) is refused (F01) and not opened again.
    static func open(_ setting: RunSetting, changed: [String: String]) throws -> OpenedInputs {
        let options = setting.options, policy = setting.policy
        let discovered: DiscoveredInputs
        do {
            discovered = try InputDiscovery.discover(folder: options.folder, outputFolder: setting.outputFolder, policy: policy,
                                                     pinned: setting.config.pinned)
        } catch {
            throw RunStop(.cannotReadFolder(options.folder))
        }
        var inputs = OpenedInputs(discovered: discovered,
                                  workbookInputs: WorkbookInputs.prepare(discovered.workbooks, policy: policy, pinned: setting.config.pinned,
                                                                         threads: SheetScheduling.threads(options)))
        let sources = discovered.sources + inputs.workbookInputs.sources
        if sources.isEmpty && discovered.spreadsheetNames.isEmpty && inputs.workbookInputs.refusals.isEmpty {
            inputs.close()
            // A new folder: `init` writes the templates to start from.
            throw RunStop(.noInputs(folder: options.folder))
        }
        TestPause.reach(.opening)
        let toOpen = sources.filter { changed[$0.name] == nil }
        var opened = Dictionary(uniqueKeysWithValues: zip(toOpen.map(\.name), InputScheduling.openAll(toOpen, config: setting.config,
                                                                                                     timings: setting.timings)))
        for (name, sha) in changed {
            opened[name] = .refused(findings: RunPipeline.changedFindings(name, policy: policy), sha256: sha, encoding: nil)
        }
        options.betweenPasses?(.opened)
        let openings = inputs.workbookInputs.settle(sources.compactMap { source in opened[source.name].map { (source, $0) } })
        inputs.take(openings, policy: policy)
        // The progress line (on a terminal) shows from here, for a run with many rows.
        ProgressMeter.stage(.read, totalRows: inputs.readFiles.reduce(0) { $0 + $1.input.expectedRecords })
        return inputs
    }

    /// Sorts the openings into files to check and files not checked.
    private mutating func take(_ openings: [(InputSource, InputOpening)], policy: RulePolicy) {
        for (source, opening) in openings {
            switch opening {
            case .opened(let input, let findings):
                readFiles.append(ReadFile(input, openFindings: findings, policy: policy))
            case .empty(let encoding, let sha, let findings):
                emptyCount += 1
                otherFindings[source.name] = findings
                otherInputs.append(InputFigures(file: source.name, dataset: nil, encoding: encoding?.rawValue, delimiter: nil, sha256: sha,
                                                rows: 0, included: 0, excluded: 0, outsideYear: 0, refused: false))
            case .refused(let findings, let sha, let encoding):
                refusedCount += 1
                otherFindings[source.name] = findings
                otherInputs.append(InputFigures(file: source.name, dataset: nil, encoding: encoding?.rawValue, delimiter: nil, sha256: sha,
                                                rows: 0, included: 0, excluded: 0, outsideYear: 0, refused: true))
            }
        }
        for f in discovered.spreadsheetFindings { otherFindings[f.file, default: []].append(f) }
        for refusal in workbookInputs.refusals {
            refusedCount += 1
            otherFindings[refusal.figures.file] = refusal.findings
            otherInputs.append(refusal.figures)
        }
    }

    /// The files read that changed since they were opened (grown, rewritten, replaced), name to the SHA-256 they
    /// had when opened; nil when none did.
    func changedSinceOpened() -> [String: String]? {
        let moved = readFiles.filter { !$0.input.isUnchanged }
        guard !moved.isEmpty else { return nil }
        return Dictionary(moved.map { ($0.input.source.name, $0.input.sha256) }, uniquingKeysWith: { a, _ in a })
    }

    /// What the closing lines say of the files and sheets not read.
    var unread: UnreadFiles {
        UnreadFiles(refused: refusedCount, empty: emptyCount, formats: discovered.spreadsheetNames.count,
                    unusedSheets: workbookInputs.unusedSheetCount, lockFiles: discovered.lockFiles.count)
    }

    /// Removes the sheets' private CSV files. Names that are not UTF-8 are opened through descriptors the
    /// discovery holds: kept until here.
    func close() {
        workbookInputs.removeFolder()
        withExtendedLifetime(discovered) {}
    }
}
