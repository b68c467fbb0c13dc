// Writes a whole generated folder: the five CSV files, the planted findings and the expected figures.
import Foundation
import UnionCore

public enum FolderGenerator {
    /// The files the generator writes, in the order a run lists them (by name).
    public static let fileNames = [ClaimGenerator.file, EnrollmentGenerator.file, LedgerGenerator.file, RosterGenerator.file,
                                   PaymentGenerator.file]

    /// Generates the folder (created when missing). A dataset asked for 0 rows gets no file (a stale one is removed).
    /// Refuses a folder that holds other delimited files, since a run would read them too.
    public static func write(to folder: String, options: GeneratorOptions) throws -> GeneratedFolder {
        try validate(options)
        try prepare(folder)

        var roster = RosterGenerator(options: options)
        var inputs: [ExpectedInput] = []
        var expected = ExpectedFigures(year: options.year, asOf: options.asOf)
        if options.members > 0 {
            try roster.writeFile(in: folder)
            inputs.append(roster.input)
            expected.members = roster.figures
        } else {
            try remove(folder, RosterGenerator.file)
        }
        let people = roster.people
        let pools = PeoplePools(people, year: options.year)
        if (options.payments > 0 || options.claims > 0) && pools.payable.isEmpty {
            throw GeneratorError.badOption("members", "payments and claims need members of \(options.year) in the roster")
        }

        var planted = roster.planted
        if options.payments > 0 {
            var payments = PaymentGenerator(options: options, people: people, pools: pools, ids: roster.ids,
                                             damagedNames: roster.damagedNames)
            try payments.writeFile(in: folder)
            inputs.append(payments.input)
            planted += payments.planted
            expected.payments = payments.figures
        } else {
            try remove(folder, PaymentGenerator.file)
        }
        if options.claims > 0 {
            var claims = ClaimGenerator(options: options, people: people, pools: pools)
            try claims.writeFile(in: folder)
            inputs.append(claims.input)
            expected.claims = claims.figures
        } else {
            try remove(folder, ClaimGenerator.file)
        }
        var enrollments = EnrollmentGenerator(options: options, people: people, pools: pools)
        if enrollments.rowCount > 0 {
            try enrollments.writeFile(in: folder)
            inputs.append(enrollments.input)
            expected.enrollments = enrollments.figures
        } else {
            try remove(folder, EnrollmentGenerator.file)
        }

        // The books last: their reconciled lines and 会费收入 hold the figures a run reports for payments and dues.
        if options.ledger > 0 {
            var ledger = LedgerGenerator(options: options)
            try ledger.writeFile(in: folder, payments: expected.payments, duesPaid: expected.members?.duesPaid)
            inputs.append(ledger.input)
            expected.funds = ledger.figures
        } else {
            try remove(folder, LedgerGenerator.file)
        }

        expected.inputs = inputs.sorted { $0.file < $1.file }
        if options.encoding == .gb18030 {
            for i in expected.inputs.indices { expected.inputs[i].encoding = "GB18030" }
        }
        for p in planted {
            // V04 is the only warning planted; every other planted rule is an error.
            if p.rule == .V04 { expected.warnings += 1 } else { expected.errors += 1 }
            expected.byRule[p.rule, default: 0] += 1
        }
        return GeneratedFolder(folder: folder, options: options, planted: planted, expected: expected)
    }

    static func validate(_ o: GeneratorOptions) throws {
        guard (1901...9998).contains(o.year) else { throw GeneratorError.badOption("year", "must be 1901…9998") }
        guard o.members >= 0, o.payments >= 0, o.claims >= 0, o.enrollments >= 0, o.ledger >= 0 else {
            throw GeneratorError.badOption("counts", "must not be negative")
        }
        // Person indices are packed into 24 bits in the duplicate keys.
        guard o.members <= 10_000_000 else { throw GeneratorError.badOption("members", "at most 10,000,000") }
        guard o.problemRate >= 0, o.problemRate <= 1 else { throw GeneratorError.badOption("problem rate", "must be 0…1") }
    }

    private static func prepare(_ folder: String) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError.cannotWrite(folder, String(describing: error))
        }
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: folder) } catch {
            throw GeneratorError.cannotWrite(folder, String(describing: error))
        }
        let inputLike: Set<String> = ["csv", "txt", "tsv", "xlsx", "xls", "et"]
        let foreign = names.filter { name in
            guard !name.hasPrefix("."), let ext = name.split(separator: ".").last?.lowercased(), name.contains(".") else { return false }
            return inputLike.contains(ext) && !fileNames.contains(name)
        }.sorted()
        if !foreign.isEmpty { throw GeneratorError.foreignInputs(folder, foreign) }
    }

    private static func remove(_ folder: String, _ name: String) throws {
        let path = folder + "/" + name
        guard FileManager.default.fileExists(atPath: path) else { return }
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw GeneratorError.cannotWrite(path, String(describing: error))
        }
    }
}
