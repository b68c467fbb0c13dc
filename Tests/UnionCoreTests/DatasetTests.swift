// Tests for the dataset tables against SPEC §2.2: required fields, kinds, known values, categories, file-name keywords.

import XCTest
@testable import UnionCore

final class DatasetTests: XCTestCase {
    // MARK: Required fields (SPEC §2.2)

    func testMembersRequired() { XCTAssertEqual(Dataset.members.requiredFields.map(\.key), ["name", "id_number"]) }
    func testPaymentsRequired() {
        XCTAssertEqual(Dataset.payments.requiredFields.map(\.key), ["name", "id_number", "category", "amount", "date"])
    }
    func testClaimsRequired() {
        XCTAssertEqual(Dataset.claims.requiredFields.map(\.key), ["name", "id_number", "plan", "approved", "paid_date"])
    }
    func testEnrollmentsRequired() {
        XCTAssertEqual(Dataset.enrollments.requiredFields.map(\.key), ["name", "id_number", "plan", "premium"])
    }

    // MARK: Fields of each dataset, in the SPEC's table order

    func testMembersFields() {
        XCTAssertEqual(Dataset.members.fields.map(\.key),
                       ["name", "id_number", "gender", "birth_date", "employee_no", "member_no", "branch", "join_date",
                        "leave_date", "status", "employment", "phone", "monthly_wage", "dues_paid", "dues_months", "hardship"])
    }
    func testPaymentsFields() {
        XCTAssertEqual(Dataset.payments.fields.map(\.key),
                       ["name", "id_number", "category", "amount", "date", "event_date", "form", "relation",
                        "student_name", "stage", "branch", "note"])
    }
    func testClaimsFields() {
        XCTAssertEqual(Dataset.claims.fields.map(\.key),
                       ["name", "id_number", "plan", "admission_date", "discharge_date", "total_cost", "insurance_paid",
                        "self_paid", "claimed", "approved", "paid_date", "diagnosis"])
    }
    func testLedgerRequiredAndFields() {
        XCTAssertEqual(Dataset.ledger.requiredFields.map(\.key), ["date", "summary", "account"])
        XCTAssertEqual(Dataset.ledger.requiredColumnCount, 4)
        XCTAssertEqual(Dataset.ledger.fields.map(\.key),
                       ["date", "voucher", "summary", "account", "income", "expense", "amount", "direction", "people", "form", "branch"])
    }
    func testDirectionValues() {
        XCTAssertEqual(Field.direction.knownValues, ["收入": "收入", "收": "收入", "income": "收入", "支出": "支出", "支": "支出", "expense": "支出"])
    }
    func testEnrollmentsFields() {
        XCTAssertEqual(Dataset.enrollments.fields.map(\.key),
                       ["name", "id_number", "plan", "premium", "start_date", "end_date"])
    }

    func testFieldKeyAndDataset() { XCTAssertEqual("\(Field.payeeID.dataset).\(Field.payeeID.key)", "payments.id_number") }

    // MARK: Kinds: how each cell is read

    func testJoinAndLeaveAcceptMonths() { XCTAssertEqual([Field.joinDate, .leaveDate].map(\.kind), [.dateOrMonth, .dateOrMonth]) }
    func testOtherDatesNeedDays() {
        XCTAssertEqual([Field.birthDate, .paidDate, .eventDate, .admissionDate, .dischargeDate, .claimPaidDate, .startDate, .endDate]
            .map(\.kind), Array(repeating: FieldKind.date, count: 8))
    }
    func testMoneyFields() {
        XCTAssertEqual(Field.allCases.filter { $0.kind == .money },
                       [.monthlyWage, .duesPaid, .amount, .totalCost, .insurancePaid, .selfPaid, .claimed, .approved, .premium,
                        .income, .expense, .ledgerAmount])
    }
    /// Only the ledger's amounts may be negative (refunds, SPEC §7.1).
    func testOnlyLedgerAmountsAllowNegatives() {
        XCTAssertEqual(Field.allCases.filter(\.allowsNegative), [.income, .expense, .ledgerAmount])
    }
    func testIDFields() {
        XCTAssertEqual(Field.allCases.filter { $0.kind == .idNumber }, [.memberID, .payeeID, .claimantID, .enrolleeID])
    }
    /// SPEC §3 V06 names the enumerated fields: status, gender, plan, form, stage, relation, employment, hardship.
    func testEnumeratedFields() {
        XCTAssertEqual(Set(Field.allCases.filter { $0.kind == .enumeration }),
                       [.status, .gender, .claimPlan, .enrollPlan, .form, .stage, .relation, .employment, .hardship, .direction])
    }
    func testEveryEnumeratedFieldHasKnownValues() {
        XCTAssertEqual(Field.allCases.filter { $0.kind == .enumeration && $0.knownValues == nil }, [])
    }

    // MARK: Known values (SPEC §2.2)

    func testStatusValues() { XCTAssertEqual(Set(Field.status.knownValues!.keys), ["在册", "保留会籍", "退会", "转出"]) }
    func testEmploymentValues() {
        XCTAssertEqual(Set(Field.employment.knownValues!.keys), ["在岗", "退休", "病休", "内退", "下岗", "农民工"])
    }
    func testHardshipYesIsRelative() { XCTAssertEqual(Field.hardship.knownValues?["是"], "相对困难") }
    func testHardshipCanonicalValues() {
        XCTAssertEqual(Set(Field.hardship.knownValues!.values), ["否", "深度困难", "相对困难", "意外致困"])
    }
    func testFormValues() { XCTAssertEqual(Set(Field.form.knownValues!.keys), ["转账", "现金", "实物", "购物卡", "卡券"]) }
    func testStageValues() { XCTAssertEqual(Set(Field.stage.knownValues!.keys), ["本科", "专科", "高职", "研究生", "高中", "中职"]) }
    func testPlanCanonicalValues() {
        XCTAssertEqual(Set(Field.claimPlan.knownValues!.values), ["门诊", "住院", "重大疾病", "两癌", "意外", "住院津贴"])
    }
    func testPlanCancerAlias() { XCTAssertEqual(Field.claimPlan.knownValues?["癌症"], "重大疾病") }
    func testPlanSeriousIllnessAlias() { XCTAssertEqual(Field.enrollPlan.knownValues?["大病"], "重大疾病") }
    /// SPEC §7 Relations: 配偶 (妻子, 丈夫), 父母 (父亲, 母亲), 子女 (儿子, 女儿).
    func testRelationAliases() {
        let known = Field.relation.knownValues!
        XCTAssertEqual(["妻子", "丈夫", "父亲", "母亲", "儿子", "女儿"].map { known[$0] }, ["配偶", "配偶", "父母", "父母", "子女", "子女"])
    }

    // MARK: Payment categories (SPEC §2.2 table)

    func testCategoryAliases() {
        let table: [(String, PaymentCategory)] = [
            ("春节慰问", .festival), ("端午慰问", .festival), ("中秋慰问", .festival), ("节日慰问品", .festival),
            ("生日", .birthday), ("生病慰问", .illness), ("住院慰问", .illness), ("探望病人", .illness),
            ("产假慰问", .childbirth), ("生育", .childbirth), ("结婚", .marriage), ("会员去世", .death), ("丧葬慰问", .death),
            ("直系亲属去世", .relativeDeath), ("退休", .retirement), ("困难补助", .hardship), ("送温暖", .hardship),
            ("帮扶资金", .hardship), ("生活救助", .hardship), ("医疗救助", .hardship), ("助学", .education),
            ("助学金", .education), ("家属抚恤金", .pension),
        ]
        XCTAssertEqual(table.map { PaymentCategory(text: $0.0) }, table.map(\.1))
    }
    func testCanonicalCategoryNames() {
        XCTAssertEqual(PaymentCategory.allCases.map(\.rawValue),
                       ["节日慰问", "生日慰问", "生病住院慰问", "生育慰问", "结婚慰问", "去世慰问", "亲属去世慰问", "退休慰问",
                        "困难帮扶", "金秋助学", "抚恤金", "其他"])
    }
    func testCanonicalNamesReadThemselves() {
        XCTAssertEqual(PaymentCategory.allCases.map { PaymentCategory(text: $0.rawValue) }, PaymentCategory.allCases)
    }
    func testUnknownCategory() { XCTAssertNil(PaymentCategory(text: "奖金")) }
    func testOnlyPensionIsNotUnionSpending() {
        XCTAssertEqual(PaymentCategory.allCases.filter { !$0.isUnionSpending }, [.pension])
    }

    // MARK: File-name keywords (SPEC §2.2)

    func testKeywords() {
        XCTAssertEqual(Dataset.allCases.map(\.fileNameKeywords),
                       [["members", "会员", "名册"], ["payments", "subsidies", "慰问", "帮扶", "助学"],
                        ["claims", "报销", "理赔"], ["enroll", "参保", "保费"], ["ledger", "经费", "收支", "明细账", "日记账"]])
    }

    func testChineseNames() {
        XCTAssertEqual(Dataset.allCases.map(\.chineseName), ["会员名册", "帮扶慰问发放", "医疗互助报销", "参保缴费", "经费收支明细账"])
    }

    /// `dataset` and `slot` are worked out from the position: they must be what the names say.
    func testDatasetAndSlotOfEveryFieldAreWhatItsNameSays() {
        XCTAssertEqual(Field.allCases.map(\.dataset), Field.datasetByName)
        XCTAssertEqual(Field.allCases.map(\.slot), Field.slotByName)
        for dataset in Dataset.allCases {
            XCTAssertEqual(dataset.fields.map(\.slot), Array(dataset.fields.indices), dataset.rawValue)
        }
    }

    /// Fields and categories are hashed and tabled by their position: it must be their place in `allCases`,
    /// and equal positions must mean equal cases.
    func testOrdinalsAreTheCasesPositions() {
        XCTAssertEqual(Field.allCases.map(\.ordinal), Array(Field.allCases.indices))
        XCTAssertEqual(PaymentCategory.allCases.map(\.ordinal), Array(PaymentCategory.allCases.indices))
        var seen: Set<PaymentCategory> = []
        for c in PaymentCategory.allCases { XCTAssertTrue(seen.insert(c).inserted) }
        XCTAssertEqual(seen.count, PaymentCategory.allCases.count)
        XCTAssertNotEqual(PaymentCategory.festival, PaymentCategory.birthday)
    }

    /// A category found by its bytes is the one its name names; aliases and unknown names as before.
    func testCategoriesFromText() {
        XCTAssertEqual(PaymentCategory(text: "生日"), .birthday)
        XCTAssertEqual(PaymentCategory(text: "节日慰问"), .festival)
        XCTAssertEqual(PaymentCategory(text: "春节慰问"), .festival)
        XCTAssertEqual(PaymentCategory(text: "家属抚恤金"), .pension)
        XCTAssertNil(PaymentCategory(text: "奖金"))
        XCTAssertNil(PaymentCategory(text: ""))
        for c in PaymentCategory.allCases {
            XCTAssertEqual(PaymentCategory(text: c.rawValue), c)
            for a in c.aliases { XCTAssertEqual(PaymentCategory(text: a), c, a) }
        }
    }
}
