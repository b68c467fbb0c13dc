// The run's first stage, configure: the folder can be read, its unionbatch.toml reads; and the dates it reports on.
import Foundation
import UnionCore
import UnionImport
import UnionRules

/// What a run goes by: the options asked for, the folder's configuration, where the outputs go.
struct RunSetting {
    let options: RunOptions
    let config: RunConfiguration
    let outputFolder: String

    var policy: RulePolicy { config.policy }
    var profile: RuleProfile { config.profile }
    var timings: StageTimings? { options.timings }
    /// A `run` that is not `--summary-only` writes a checked workbook per dataset.
    var writesChecked: Bool { options.mode == .run && !options.summaryOnly }

    /// The folder is a readable folder; `--config FILE` or its unionbatch.toml reads.
    static func configure(_ options: RunOptions) throws -> RunSetting {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: options.folder, isDirectory: &isDir), isDir.boolValue,
              fm.isReadableFile(atPath: options.folder) else {
            throw RunStop(.cannotReadFolder(options.folder))
        }
        let config: RunConfiguration
        do {
            config = try ConfigurationLoader.load(folder: options.folder, explicit: options.configFile)
        } catch let error as ConfigurationError {
            throw RunStop(.invalidConfiguration(error.text(options.language)))
        }
        return RunSetting(options: options, config: config, outputFolder: options.resolvedOutputFolder)
    }
}

/// The reporting year and the as-of date: as given, else from unionbatch.toml, else the year most payment and
/// claim dates are in and its last day (not after today).
struct ReportingDates {
    let year: Int
    let asOf: Day

    init(_ setting: RunSetting, readFiles: [ReadFile]) {
        let options = setting.options, config = setting.config
        year = options.year ?? config.year ?? RunPipeline.dominantYear(readFiles) ?? options.asOf?.year ?? config.asOf?.year
            ?? options.today.year
        let yearEnd = Day(year: year, month: 12, day: 31)!
        asOf = options.asOf ?? config.asOf ?? min(yearEnd, options.today)
    }
}
