// What can be wrong with unionbatch.toml: one case per kind of error, with the parts its message names.
import UnionCore
import UnionRules

extension ConfigurationError {
    /// What is wrong with unionbatch.toml, with the parts a message names.
    public enum Kind: Sendable, Equatable {
        case noSuchFile
        case cannotRead(String)
        /// The text is not TOML (the reader's own kind).
        case syntax(TOMLError.Kind)
        /// A `[limits]`, `[groups]`, `[accounts]` or `[reconcile]` key the profile does not take.
        case profile(ProfileError.Kind)
        case expectedString(found: TOMLValueType)
        case unknownProfile(String, builtIn: [String])
        case expectedUnitType([String])
        case expectedYear
        case expectedDate
        case expectedTable
        case unknownRuleCode
        case fixedRule(String)
        case expectedSeverity
        case unknownField(String)
        case expectedDataset
        case unknownKey
        case expectedSecret
        case expectedGrowth(found: TOMLValueType)
        case growthOutOfRange
        case expectedSentences(found: TOMLValueType?)
        case unknownBudgetLine
        case expectedBudgetAmount

        /// What is wrong, in both languages (the words are in PipelineMessage).
        public var text: LocalizedText { PipelineMessage.configuration(self).localized }
    }
}
