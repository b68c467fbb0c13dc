// The TOML harness: any text through the TOML reader, and what it parsed applied as a rule profile.
import UnionCore
import UnionRules

enum TOMLHarness {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let table: TOMLTable
        do {
            table = try TOMLParser.parse(text)
        } catch let error as TOMLError {
            precondition((1...lines).contains(error.line), "an error on line \(error.line) of \(lines)")
            return
        } catch {
            preconditionFailure("the TOML reader threw \(error)")
        }
        check(table, lines: lines)
        // The values as a profile, and as unionbatch.toml's [limits] over the default one:
        // they must give a profile or a ProfileError.
        profile(table, lines: lines)
        if case .table(let limits)? = table["limits"]?.value { profile(limits, lines: lines) }
    }

    static func profile(_ table: TOMLTable, lines: Int) {
        do {
            _ = try RuleProfile(toml: table, source: "fuzz", base: RuleProfile.standard)
        } catch let error as ProfileError {
            precondition((1...lines).contains(error.line), "a profile error on line \(error.line) of \(lines)")
        } catch {
            preconditionFailure("the profile reader threw \(error)")
        }
    }

    static func check(_ table: TOMLTable, lines: Int) {
        precondition(Set(table.keys).count == table.keys.count && table.entries.count == table.keys.count, "keys and entries disagree")
        for key in table.keys {
            let entry = table[key]!
            precondition((1...lines).contains(entry.line), "\(key) on line \(entry.line) of \(lines)")
            check(entry.value, lines: lines)
        }
    }

    static func check(_ value: TOMLValue, lines: Int) {
        switch value {
        case .table(let table): check(table, lines: lines)
        case .array(let items): for item in items { check(item, lines: lines) }
        case .float(let text): precondition(!text.isEmpty, "an empty float")
        case .string, .integer, .bool, .date: break
        }
    }
}
