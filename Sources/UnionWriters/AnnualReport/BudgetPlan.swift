// Next year's budget of the annual text (SPEC §4.2, §7.1): this year's actual grown by `[plan] growth`, rounded up
// to 100 yuan, or the amount `[plan.budget]` fixes; and the clerk's own plan items.
import UnionCore

/// What `[plan]` in unionbatch.toml says.
public struct BudgetPlan: Sendable, Equatable {
    /// The growth rate in ten-thousandths (0.05 is 500); at most 4 decimals, never below -1.
    public var growthTenThousandths: Int64 = 0
    /// The clerk's own plan sentences, in order.
    public var items: [String] = []
    /// Budgets fixed by canonical category, claim plan or ledger line name.
    public var fixed: [String: Money] = [:]
    /// The chart's expense lines in chart order (canonical names), so a fixed ledger line with no entry this
    /// year still takes its place, and a fixed ledger line is no category when there is no ledger.
    public var ledgerLines: [String] = []

    public init() {}

    /// `growth` as written ("0.05", "-0.1", "0"), or nil when it has more than 4 decimals, is not a
    /// number, or is below -1.
    public static func growth(_ text: String) -> Int64? {
        var digits = Substring(text)
        var negative = false
        if digits.first == "+" || digits.first == "-" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 3,
              parts[0].allSatisfy(\.isASCIIDigit) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 4, fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty else { return nil }
        let whole = Int64(parts[0])!
        let padded = fraction + String(repeating: "0", count: 4 - fraction.count)
        let value = whole * 10_000 + Int64(padded)!
        let signed = negative ? -value : value
        return signed >= -10_000 ? signed : nil
    }

    /// Next year's budget for a line with this year's `actual`: the fixed amount for `name`, else
    /// actual × (1 + growth) computed exactly in fen and rounded up to a multiple of 100 yuan.
    public func budget(_ name: String, actual: Money) -> Money {
        if let amount = fixed[name] { return amount }
        guard actual.fen > 0, growthTenThousandths > -10_000 else { return .zero }
        // fen × (10,000 + growth) over 100 yuan × 10,000, rounded up; in 128 bits, so no amount overflows.
        let product = actual.fen.multipliedFullWidth(by: 10_000 + growthTenThousandths)
        let step: Int64 = 10_000 * 10_000
        let (quotient, remainder) = step.dividingFullWidth(product)
        return Money(fen: (quotient + (remainder > 0 ? 1 : 0)) * 10_000)
    }

    /// The growth as a percentage for the text: "5", "2.5", "0".
    public var growthPercentText: String {
        let hundredths = growthTenThousandths  // percent × 100
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        var text = sign + String(magnitude / 100)
        let rest = magnitude % 100
        if rest != 0 { text += "." + (rest % 10 == 0 ? String(rest / 10) : (rest < 10 ? "0" : "") + String(rest)) }
        return text
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
