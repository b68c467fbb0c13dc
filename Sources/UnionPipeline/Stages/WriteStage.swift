// The run's last stages, write and install: the summaries written into the staging folder beside the checked
// workbooks, then, once they are all in, the manifest and the swap into the output folder.
import Foundation
import UnionCore
import UnionImport
import UnionRules
import UnionSummary
import UnionWriters

/// Every output written into the staging folder, waiting to be swapped in.
struct WrittenOutputs {
    let outputs: OutputSet
    /// The summaries' file names.
    let summaries: [String]
    let checkedWorkbooks: [(name: String, sha256: String)]

    /// Writes the summaries while the checked workbooks may still be zipping, then waits for those.
    static func write(_ setting: RunSetting, inputs: OpenedInputs, added: AddedUp, writers: CheckedWriters) throws -> WrittenOutputs {
        let options = setting.options, config = setting.config
        let templatePath = FilePath.join(options.folder, "templates")
        var isTemplateDir: ObjCBool = false
        let templateFolder = FileManager.default.fileExists(atPath: templatePath, isDirectory: &isTemplateDir) && isTemplateDir.boolValue
            ? templatePath : nil
        // The shared outputs show names from the data masked by pattern, unless --no-mask.
        let shown = options.mask == .none ? added.summary : added.summary.maskedByPattern()
        var outputs = OutputSet(options: options, summary: shown, checked: added.checked, findings: added.findings,
                                profile: setting.profile, policy: setting.policy, templateFolder: templateFolder, layout: writers.layout,
                                unitNamed: config.unit != nil, plan: config.plan)
        outputs.sheetNotes = inputs.workbookInputs.notes.map { $0.message.text(options.language) }
        ProgressMeter.stage(.writeOutputs)
        let summaries = try outputFailure { try outputs.writeSummaries(writers.stage) }
        let checkedWorkbooks: [(name: String, sha256: String)]
        do {
            let waitStarted = StageTimings.start()
            if writers.enabled { ProgressMeter.stage(.writeWorkbooks) }
            checkedWorkbooks = try writers.jobs.finish()
            if writers.enabled { setting.timings?.record("wait for the checked workbooks", since: waitStarted) }
        } catch {
            throw RunStop(.writeFailed(String(describing: error)))
        }
        return WrittenOutputs(outputs: outputs, summaries: summaries, checkedWorkbooks: checkedWorkbooks)
    }

    /// Writes the manifest and swaps the staging folder in; the outputs the clerk edited since the last run,
    /// and the names they were kept under.
    func install(_ stage: OutputStage) throws -> [KeptEdit] {
        try outputFailure { try outputs.finish(stage, summaries: summaries, checkedWorkbooks: checkedWorkbooks) }
    }

    /// Runs `work`; a failure becomes the stop that says it: a template that does not read, the output folder, or a write.
    private static func outputFailure<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as TemplateError {
            throw RunStop(.invalidTemplate(error.description))
        } catch let error as OutputFolderError {
            throw RunStop(.outputFolder(error))
        } catch {
            throw RunStop(.writeFailed(String(describing: error)))
        }
    }

    private func outputFailure<T>(_ work: () throws -> T) throws -> T { try Self.outputFailure(work) }
}
