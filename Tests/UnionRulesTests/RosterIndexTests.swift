// The roster index: rows of one person in roster order, where each person was first seen, growth past
// its first room, names compared as text, copies that do not share later additions.
import XCTest
import UnionCore
@testable import UnionRules

final class RosterIndexTests: XCTestCase {
    let zhang = People.zhangSan, li = People.liSi, zhao = People.zhaoLiu

    func entry(_ name: String?, join: String? = nil, leave: String? = nil, datesRead: Bool = true,
               hardship: Bool = false) -> RosterIndex.Entry {
        RosterIndex.Entry(name: name, join: join.map(day), leave: leave.map(day), datesRead: datesRead, inHardship: hardship)
    }

    func testRosterRowsOfOnePersonInRosterOrder() throws {
        var roster = RosterIndex()
        let id = try XCTUnwrap(IDNumber.valid(li))
        let other = try XCTUnwrap(IDNumber.valid(zhang))
        roster.add(id, entry("李四", join: "2010-01-01", leave: "2015-12-31"))
        roster.add(other, entry("张三", hardship: true))
        roster.add(id, entry("李思", join: "2025-03-10", hardship: true))
        XCTAssertEqual(roster.count, 2)
        XCTAssertEqual(roster.lookup(id)?.map(\.name), ["李四", "李思"])
        XCTAssertEqual(roster.lookup(id)?.map(\.join), [day("2010-01-01"), day("2025-03-10")])
        XCTAssertEqual(roster.lookup(id)?.map(\.leave), [day("2015-12-31"), nil])
        XCTAssertEqual(roster.lookup(other)?.map(\.name), ["张三"])
        XCTAssertEqual(roster.isMember(id, on: day("2020-06-01")), false)
        XCTAssertEqual(roster.isMember(id, on: day("2015-12-31")), true)
        XCTAssertEqual(roster.isMember(id, on: day("2025-03-10")), true)
        XCTAssertEqual(roster.isMember(id, on: day("2009-12-31")), false)
        XCTAssertTrue(roster.inHardship(id), "the second row's hardship counts")
        XCTAssertNil(roster.rows(try XCTUnwrap(IDNumber.valid(zhao))))
        XCTAssertEqual(roster.isMember(try XCTUnwrap(IDNumber.valid(zhao)), on: day("2020-06-01")), false)
    }

    func testAddSaysWhereThePersonWasFirstSeen() throws {
        var roster = RosterIndex()
        let id = try XCTUnwrap(IDNumber.valid(li))
        let other = try XCTUnwrap(IDNumber.valid(zhang))
        XCTAssertNil(roster.add(id, entry("李四"), file: 0, row: 7))
        XCTAssertNil(roster.add(other, entry("张三"), file: 1, row: 2))
        let second = try XCTUnwrap(roster.add(id, entry("李四"), file: 2, row: 3))
        XCTAssertEqual(second.file, 0)
        XCTAssertEqual(second.row, 7)
        // A third row still points to the first, not the second.
        let third = try XCTUnwrap(roster.add(id, entry("李四"), file: 3, row: 9))
        XCTAssertEqual(third.file, 0)
        XCTAssertEqual(third.row, 7)
        // File numbers past 16 bits are kept exactly.
        let wide = try XCTUnwrap(IDNumber.valid(zhao))
        XCTAssertNil(roster.add(wide, entry("赵六"), file: 70_000, row: 5))
        let again = try XCTUnwrap(roster.add(wide, entry("赵六"), file: 70_001, row: 6))
        XCTAssertEqual(again.file, 70_000)
        XCTAssertEqual(again.row, 5)
        XCTAssertEqual(roster.lookup(id)?.count, 3)
    }

    func testDatesThatCouldNotBeReadLeaveMembershipUnknown() throws {
        var roster = RosterIndex()
        let id = try XCTUnwrap(IDNumber.valid(li))
        roster.add(id, entry("李四", join: "2030-01-01", datesRead: false))
        XCTAssertNil(roster.isMember(id, on: day("2025-01-01")))
        roster.add(id, entry("李四", join: "2024-01-01"))
        XCTAssertEqual(roster.isMember(id, on: day("2025-01-01")), true)
        XCTAssertEqual(roster.isMember(id, on: day("2023-01-01")), false)
    }

    /// Thousands of people from an index made with no room: it grows, and finds every one of them.
    func testGrowsAndFindsEveryPerson() throws {
        var roster = RosterIndex()
        var ids: [IDNumber] = []
        for n in 0..<5_000 {
            let text = idNumber(born: "19" + String(60 + n % 40) + "0101", male: n % 2 == 0, sequence: n % 100,
                                region: String(110_000 + n / 100))
            let id = try XCTUnwrap(IDNumber.valid(text))
            ids.append(id)
            XCTAssertNil(roster.add(id, entry("会员\(n)", join: "2010-01-01"), file: 0, row: n + 2))
        }
        XCTAssertEqual(roster.count, 5_000)
        for (n, id) in ids.enumerated() {
            XCTAssertEqual(roster.lookup(id)?.map(\.name), ["会员\(n)"])
            XCTAssertTrue(try XCTUnwrap(roster.rows(id)).hasName("会员\(n)"))
        }
        let again = try XCTUnwrap(roster.add(ids[4_321], entry(nil), file: 1, row: 3))
        XCTAssertEqual(again.row, 4_323)
        XCTAssertEqual(roster.count, 5_000)
    }

    func testNamesAreComparedAsText() throws {
        var roster = RosterIndex()
        let id = try XCTUnwrap(IDNumber.valid(li))
        roster.add(id, entry(nil))
        // U+F900 is a compatibility ideograph; Unicode makes it the same text as U+8C48.
        roster.add(id, entry("\u{F900}三"))
        roster.add(id, entry("José"))
        let rows = try XCTUnwrap(roster.rows(id))
        XCTAssertEqual(rows.firstName, "\u{F900}三", "the first row that has a name")
        XCTAssertTrue(rows.hasName("\u{F900}三"))
        XCTAssertTrue(rows.hasName("\u{8C48}三"))
        XCTAssertTrue(rows.hasName("Jose\u{301}"), "a decomposed accent is the same text")
        XCTAssertFalse(rows.hasName("Jose"))
        XCTAssertFalse(rows.hasName(""))
        XCTAssertEqual(roster.lookup(id)?.map(\.name), [nil, "\u{F900}三", "José"])
    }

    func testACopyDoesNotSeeLaterRows() throws {
        var roster = RosterIndex()
        let id = try XCTUnwrap(IDNumber.valid(li))
        roster.add(id, entry("李四"))
        let copy = roster
        roster.add(id, entry("李思"))
        roster.add(try XCTUnwrap(IDNumber.valid(zhang)), entry("张三"))
        XCTAssertEqual(copy.lookup(id)?.map(\.name), ["李四"])
        XCTAssertEqual(copy.count, 1)
        XCTAssertEqual(roster.lookup(id)?.map(\.name), ["李四", "李思"])
        XCTAssertEqual(roster.count, 2)
    }
}
