// A roll-up's units as its shared outputs show them: ID and mobile numbers in names and folders masked (SPEC §4).
import UnionCore
import UnionSummary
import UnionWriters

extension FederationUnit {
    /// This unit with its name, type, folder, failure and figures' names masked by pattern: a unit folder
    /// or a unit's name may hold a phone number as any cell may.
    func maskedByPattern() -> FederationUnit {
        FederationUnit(name: PatternMask.mask(name), type: PatternMask.mask(type), folder: PatternMask.mask(folder),
                       summary: summary?.maskedByPattern(), failure: failure.map(PatternMask.mask), exitCode: exitCode)
    }
}

/// What a roll-up writes and prints, masked unless `--no-mask`; the report keeps the names as they are,
/// for the roll-up one level up (which masks them in its turn).
struct RollupShown {
    let units: [FederationUnit]
    let federation: Summary
    /// Each finding's unit, in the findings' order.
    let findingUnits: [String]

    init(units: [FederationUnit], federation: Summary, findings: [(unit: String, finding: Finding)], masking: Bool) {
        self.units = masking ? units.map { $0.maskedByPattern() } : units
        var shown = masking ? federation.maskedByPattern() : federation
        // The merged inputs are named `unit/file`: the unit's name as the units show it.
        if masking { for i in shown.inputs.indices { shown.inputs[i].file = PatternMask.mask(shown.inputs[i].file) } }
        self.federation = shown
        findingUnits = findings.map { masking ? PatternMask.mask($0.unit) : $0.unit }
    }

    /// `findings` with their units as shown.
    func shown(_ findings: [(unit: String, finding: Finding)]) -> [(unit: String, finding: Finding)] {
        zip(findingUnits, findings).map { ($0, $1.finding) }
    }
}
