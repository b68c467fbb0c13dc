// unionbatch-gen: writes a folder of realistic union CSV exports, with planted problems and the figures a run must give.
import ArgumentParser
import Foundation
import UnionGenerator

@main
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unionbatch-gen",
        abstract: "Generate members.csv, payments.csv, claims.csv, enrollments.csv and ledger.csv for testing and benchmarks.",
        discussion: """
        The same seed and options give byte-identical files. Clean rows raise no finding under the \
        default profile; with --problem-rate some roster and payment rows carry exactly one planted \
        problem each (M01 M02 M05 V01 V02 V03 V04 X01 X02 P01). --expected writes the figures a correct \
        `unionbatch run OUTDIR --year YEAR --as-of YEAR-12-31` reports, and the planted findings, as JSON.
        """
    )

    @Argument(help: "The folder to write (created when missing; must hold no other CSV files).")
    var outdir: String

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "The reporting year.")
    var year: Int = 2025

    @Option(help: "Preset counts: 10k, 100k or 1M (1M: 1,000,000 members and payments, 500,000 claims, 200,000 enrolments).")
    var size: String?

    @Option(help: "Roster rows (default 1000, or the --size preset).")
    var members: Int?

    @Option(help: "Payment rows (default 2000, or the --size preset).")
    var payments: Int?

    @Option(help: "Claim rows (default 500, or the --size preset).")
    var claims: Int?

    @Option(help: "Enrolment rows, at most one per woman member (default 200, or the --size preset).")
    var enrollments: Int?

    @Option(help: "Ledger entries (default: as many as payment rows; 0 for no ledger). Its 会费收入 equals the roster's dues and its reconciled lines the payments, so no L03 or L04.")
    var ledger: Int?

    @Option(name: .customLong("problem-rate"), help: "Chance that a roster or payment row carries a planted problem.")
    var problemRate: Double = 0.01

    @Option(help: "Write the expected figures and planted findings as JSON to this file.")
    var expected: String?

    @Option(help: "The roster's columns: standard (15) or wide (16, as HR systems export, every money cell filled).")
    var shape: String = "standard"

    @Option(help: "The files' encoding: utf-8 (with BOM) or gb18030 (as Chinese Windows Excel saves CSV).")
    var encoding: String = "utf-8"

    @Option(name: .customLong("unit-summaries"), help: "Instead of CSV files, write this many grassroots unions' summary.json (OUTDIR/u00001/summary.json …), for `rollup --from-summaries`.")
    var unitSummaries: Int?

    @Option(help: "With --unit-summaries: the federation key; each unit then carries its members' digests, about 1% of them shared with another unit.")
    var key: String?

    func validate() throws {
        if let size, GeneratorOptions.counts(forSize: size) == nil {
            throw ValidationError("--size must be 10k, 100k or 1M")
        }
        if let ledger, ledger < 0 { throw ValidationError("--ledger must not be negative") }
        if !(0...1).contains(problemRate) { throw ValidationError("--problem-rate must be between 0 and 1") }
        if GeneratorOptions.Shape(rawValue: shape) == nil { throw ValidationError("--shape must be standard or wide") }
        if GeneratorOptions.FileEncoding(rawValue: encoding.lowercased()) == nil {
            throw ValidationError("--encoding must be utf-8 or gb18030")
        }
        if let unitSummaries, !(1...1_000_000).contains(unitSummaries) { throw ValidationError("--unit-summaries must be between 1 and 1000000") }
    }

    func run() throws {
        if let unitSummaries {
            let started = DispatchTime.now().uptimeNanoseconds
            let members = try UnitSummaryGenerator.write(to: outdir, units: unitSummaries, seed: seed, year: year, key: key)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            print("\(outdir): \(unitSummaries) unit summaries, \(members) members, written in " + String(format: "%.2f", seconds) + " s")
            return
        }
        var options = GeneratorOptions(seed: seed, year: year, problemRate: problemRate)
        options.shape = GeneratorOptions.Shape(rawValue: shape) ?? .standard
        options.encoding = GeneratorOptions.FileEncoding(rawValue: encoding.lowercased()) ?? .utf8
        if let size, let preset = GeneratorOptions.counts(forSize: size) {
            options.members = preset.members
            options.payments = preset.payments
            options.claims = preset.claims
            options.enrollments = preset.enrollments
        }
        if let members { options.members = members }
        if let payments { options.payments = payments }
        if let claims { options.claims = claims }
        if let enrollments { options.enrollments = enrollments }
        options.ledger = ledger ?? options.payments

        let started = DispatchTime.now().uptimeNanoseconds
        let folder: GeneratedFolder
        do {
            folder = try FolderGenerator.write(to: outdir, options: options)
        } catch let error as GeneratorError {
            FileHandle.standardError.write(Data(("unionbatch-gen: " + error.description + "\n").utf8))
            throw ExitCode.failure
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9

        for input in folder.expected.inputs {
            print("\(outdir)/\(input.file): \(input.rows) rows (\(input.excluded) with planted errors, \(input.outsideYear) outside \(year))")
        }
        var byRule: [String] = []
        for (rule, n) in folder.expected.byRule.sorted(by: { $0.key < $1.key }) { byRule.append("\(rule.rawValue) \(n)") }
        print("planted problems: \(folder.planted.count)" + (byRule.isEmpty ? "" : " (" + byRule.joined(separator: ", ") + ")"))
        if let m = folder.expected.members { print("members at \(folder.expected.asOf): \(m.total)") }
        print("seed \(seed), year \(year), written in " + String(format: "%.2f", seconds) + " s")

        if let expected {
            let text = folder.expected.jsonText(planted: folder.planted)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: expected))
            } catch {
                FileHandle.standardError.write(Data("unionbatch-gen: cannot write \(expected): \(error.localizedDescription)\n".utf8))
                throw ExitCode.failure
            }
            print("expected figures: \(expected)")
        }
    }
}
