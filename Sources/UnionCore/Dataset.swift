// The five datasets, their fields, header aliases and file-name keywords (SPEC §2.2).

public enum Dataset: String, CaseIterable, Sendable, Codable, Comparable {
    case members, payments, claims, enrollments, ledger

    public static func < (a: Dataset, b: Dataset) -> Bool { a.order < b.order }
    /// The case's index (see `Field.ordinal`).
    @inline(__always) private var order: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
    public func hash(into hasher: inout Hasher) { hasher.combine(order) }
    public static func == (a: Dataset, b: Dataset) -> Bool { a.order == b.order }

    public var chineseName: String {
        switch self {
        case .members: return "会员名册"
        case .payments: return "帮扶慰问发放"
        case .claims: return "医疗互助报销"
        case .enrollments: return "参保缴费"
        case .ledger: return "经费收支明细账"
        }
    }

    public var englishName: String {
        switch self {
        case .members: return "members"
        case .payments: return "payments"
        case .claims: return "claims"
        case .enrollments: return "enrollments"
        case .ledger: return "ledger"
        }
    }

    /// Words in a file name that point to this dataset (tie-breaker, and F04 when a column is missing).
    public var fileNameKeywords: [String] {
        switch self {
        case .members: return ["members", "会员", "名册"]
        case .claims: return ["claims", "报销", "理赔"]
        case .enrollments: return ["enroll", "参保", "保费"]
        case .payments: return ["payments", "subsidies", "慰问", "帮扶", "助学"]
        case .ledger: return ["ledger", "经费", "收支", "明细账", "日记账"]
        }
    }

    public var fields: [Field] { Dataset.fieldTable[order] }
    public var requiredFields: [Field] { Dataset.requiredTable[order] }
    /// How many required columns a header of this dataset has: the ledger's amount (income and/or
    /// expense, or amount with direction) counts as one beside its required fields.
    public var requiredColumnCount: Int { requiredFields.count + (self == .ledger ? 1 : 0) }

    private static let fieldTable: [[Field]] = allCases.map { d in Field.allCases.filter { $0.dataset == d } }
    private static let requiredTable: [[Field]] = fieldTable.map { $0.filter(\.isRequired) }
}

/// The kind of value a field holds, which decides how a cell is read.
public enum FieldKind: Sendable, Equatable {
    case text
    case idNumber
    case date
    /// join_date and leave_date also accept a month alone.
    case dateOrMonth
    case money
    case count
    case phone
    case enumeration
}

/// Every field of every dataset. The raw value is `dataset.key`; `key` is what outputs show.
public enum Field: String, CaseIterable, Sendable, Codable {
    // members
    case memberName = "members.name", memberID = "members.id_number", gender = "members.gender"
    case birthDate = "members.birth_date", employeeNo = "members.employee_no", memberNo = "members.member_no"
    case memberBranch = "members.branch", joinDate = "members.join_date", leaveDate = "members.leave_date"
    case status = "members.status", employment = "members.employment", phone = "members.phone"
    case monthlyWage = "members.monthly_wage", duesPaid = "members.dues_paid", duesMonths = "members.dues_months"
    case hardship = "members.hardship"
    // payments
    case payeeName = "payments.name", payeeID = "payments.id_number", category = "payments.category"
    case amount = "payments.amount", paidDate = "payments.date", eventDate = "payments.event_date"
    case form = "payments.form", relation = "payments.relation", studentName = "payments.student_name"
    case stage = "payments.stage", paymentBranch = "payments.branch", note = "payments.note"
    // claims
    case claimantName = "claims.name", claimantID = "claims.id_number", claimPlan = "claims.plan"
    case admissionDate = "claims.admission_date", dischargeDate = "claims.discharge_date"
    case totalCost = "claims.total_cost", insurancePaid = "claims.insurance_paid", selfPaid = "claims.self_paid"
    case claimed = "claims.claimed", approved = "claims.approved", claimPaidDate = "claims.paid_date"
    case diagnosis = "claims.diagnosis"
    // enrollments
    case enrolleeName = "enrollments.name", enrolleeID = "enrollments.id_number", enrollPlan = "enrollments.plan"
    case premium = "enrollments.premium", startDate = "enrollments.start_date", endDate = "enrollments.end_date"
    // ledger
    case ledgerDate = "ledger.date", voucher = "ledger.voucher", summary = "ledger.summary", account = "ledger.account"
    case income = "ledger.income", expense = "ledger.expense", ledgerAmount = "ledger.amount", direction = "ledger.direction"
    case people = "ledger.people", ledgerForm = "ledger.form", ledgerBranch = "ledger.branch"

    /// The case's position in `allCases`. A case of an enum without payloads is stored as its
    /// index, so this is a register move, not a string comparison: the hot paths index tables by it.
    @inline(__always) public var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
    public static func == (a: Field, b: Field) -> Bool { a.ordinal == b.ordinal }

    /// The cases are declared dataset by dataset: members from 0, payments from 16, claims from 28,
    /// enrolments from 40, the ledger from 46 (a test holds these to the names). Worked out from the position, with no table:
    /// a typed row asks for every value it gives.
    @inline(__always) public var dataset: Dataset {
        let o = ordinal
        return o < 16 ? .members : o < 28 ? .payments : o < 40 ? .claims : o < 46 ? .enrollments : .ledger
    }

    /// The field's key as outputs show it: `id_number`, `amount`.
    public var key: String { Field.keyTable[ordinal] }

    /// The field's position among its dataset's fields (the slot a typed row keeps it in).
    @inline(__always) public var slot: Int {
        let o = ordinal
        return o < 16 ? o : o < 28 ? o - 16 : o < 40 ? o - 28 : o < 46 ? o - 40 : o - 46
    }

    /// The dataset each field's name gives, and its place among them: what `dataset` and `slot` work out.
    static let datasetByName: [Dataset] = allCases.map { Dataset(rawValue: String($0.rawValue.split(separator: ".")[0]))! }
    static let slotByName: [Int] = allCases.map { f in
        allCases.filter { $0.rawValue.split(separator: ".")[0] == f.rawValue.split(separator: ".")[0] }.firstIndex(of: f)!
    }

    private static let keyTable: [String] = allCases.map { String($0.rawValue.split(separator: ".")[1]) }

    public var isRequired: Bool {
        switch self {
        case .memberName, .memberID,
             .payeeName, .payeeID, .category, .amount, .paidDate,
             .claimantName, .claimantID, .claimPlan, .approved, .claimPaidDate,
             .enrolleeName, .enrolleeID, .enrollPlan, .premium,
             .ledgerDate, .summary, .account:
            return true
        default:
            return false
        }
    }

    public var kind: FieldKind {
        switch self {
        case .memberID, .payeeID, .claimantID, .enrolleeID: return .idNumber
        case .birthDate, .paidDate, .eventDate, .admissionDate, .dischargeDate, .claimPaidDate, .startDate, .endDate, .ledgerDate:
            return .date
        case .joinDate, .leaveDate: return .dateOrMonth
        case .monthlyWage, .duesPaid, .amount, .totalCost, .insurancePaid, .selfPaid, .claimed, .approved, .premium,
             .income, .expense, .ledgerAmount:
            return .money
        case .duesMonths, .people: return .count
        case .phone: return .phone
        case .gender, .status, .employment, .hardship, .form, .relation, .stage, .claimPlan, .enrollPlan, .direction:
            return .enumeration
        default: return .text
        }
    }

    /// Chinese header names, then English ones (SPEC §2.2).
    public var aliases: [String] {
        switch self {
        case .memberName: return ["姓名", "会员姓名", "职工姓名", "name"]
        case .memberID: return ["身份证号", "身份证号码", "公民身份号码", "证件号码", "id_number", "id_no"]
        case .gender: return ["性别", "gender", "sex"]
        case .birthDate: return ["出生日期", "birth_date"]
        case .employeeNo: return ["工号", "职工编号", "员工编号", "employee_no"]
        case .memberNo: return ["会员编号", "会员证号", "member_no"]
        case .memberBranch: return ["分会", "部门", "所属工会", "工会小组", "基层工会", "branch", "department"]
        case .joinDate: return ["入会日期", "入会时间", "join_date"]
        case .leaveDate: return ["退会日期", "转出日期", "leave_date"]
        case .status: return ["会员状态", "会籍状态", "status"]
        case .employment: return ["在岗状态", "身份", "employment"]
        case .phone: return ["手机号", "手机号码", "联系电话", "phone", "mobile"]
        case .monthlyWage: return ["月工资", "会费基数", "monthly_wage"]
        case .duesPaid: return ["已缴会费", "全年会费", "dues_paid"]
        case .duesMonths: return ["缴费月数", "dues_months"]
        case .hardship: return ["困难职工", "困难类别", "hardship"]
        case .payeeName: return ["姓名", "职工姓名", "领取人", "name"]
        case .payeeID: return ["身份证号", "身份证号码", "证件号码", "id_number"]
        case .category: return ["类别", "项目", "慰问类别", "帮扶类别", "category"]
        case .amount: return ["金额", "发放金额", "amount"]
        case .paidDate: return ["发放日期", "日期", "date", "paid_on"]
        case .eventDate: return ["事由日期", "event_date"]
        case .form: return ["形式", "发放形式", "form"]
        case .relation: return ["与会员关系", "关系", "relation"]
        case .studentName: return ["学生姓名", "student_name"]
        case .stage: return ["教育阶段", "学历层次", "录取层次", "stage"]
        case .paymentBranch: return ["分会", "部门", "branch"]
        case .note: return ["备注", "note"]
        case .claimantName: return ["姓名", "name"]
        case .claimantID: return ["身份证号", "身份证号码", "证件号码", "id_number"]
        case .claimPlan: return ["保障项目", "险种", "报销类别", "就诊类型", "plan"]
        case .admissionDate: return ["入院日期", "就诊日期", "admission_date"]
        case .dischargeDate: return ["出院日期", "discharge_date"]
        case .totalCost: return ["医疗总费用", "总费用", "total_cost"]
        case .insurancePaid: return ["统筹支付", "医保支付", "insurance_paid"]
        case .selfPaid: return ["个人自付", "自付金额", "self_paid"]
        case .claimed: return ["申请金额", "claimed"]
        case .approved: return ["报销金额", "给付金额", "核定金额", "approved"]
        case .claimPaidDate: return ["报销日期", "给付日期", "paid_date"]
        case .diagnosis: return ["诊断", "diagnosis"]
        case .enrolleeName: return ["姓名", "name"]
        case .enrolleeID: return ["身份证号", "身份证号码", "证件号码", "id_number"]
        case .enrollPlan: return ["险种", "保障项目", "plan"]
        case .premium: return ["保费", "缴费金额", "premium"]
        case .startDate: return ["保障起期", "参保日期", "start_date"]
        case .endDate: return ["保障止期", "end_date"]
        case .ledgerDate: return ["日期", "记账日期", "发生日期", "date"]
        case .voucher: return ["凭证号", "凭证编号", "voucher"]
        case .summary: return ["摘要", "事由", "内容", "summary", "description"]
        case .account: return ["科目", "会计科目", "收支科目", "支出科目", "收入科目", "account"]
        case .income: return ["收入", "收入金额", "income"]
        case .expense: return ["支出", "支出金额", "expense"]
        case .ledgerAmount: return ["金额", "amount"]
        case .direction: return ["收支", "收支方向", "类型", "direction"]
        case .people: return ["人数", "人次", "受益人数", "people"]
        case .ledgerForm: return ["支付方式", "发放形式", "form"]
        case .ledgerBranch: return ["分会", "部门", "branch"]
        }
    }

    /// The Chinese column title used in outputs (the first alias).
    public var chineseTitle: String { aliases[0] }

    /// Ledger amounts may be negative (a refund on the same line); every other amount may not (V03).
    @inline(__always) public var allowsNegative: Bool { self == .income || self == .expense || self == .ledgerAmount }

    /// Known values of an enumerated field, canonical value for each accepted spelling.
    public var knownValues: [String: String]? { Field.knownValueTable[ordinal] }

    private static let knownValueTable: [[String: String]?] = allCases.map(\.knownValuesDefinition)

    private var knownValuesDefinition: [String: String]? {
        switch self {
        case .gender: return ["男": "男", "女": "女", "male": "男", "female": "女", "m": "男", "f": "女"]
        case .status:
            return ["在册": "在册", "保留会籍": "保留会籍", "退会": "退会", "转出": "转出"]
        case .employment: return Dictionary(uniqueKeysWithValues: ["在岗", "退休", "病休", "内退", "下岗", "农民工"].map { ($0, $0) })
        case .hardship:
            return ["否": "否", "深度困难": "深度困难", "相对困难": "相对困难", "意外致困": "意外致困", "是": "相对困难"]
        case .form: return Dictionary(uniqueKeysWithValues: ["转账", "现金", "实物", "购物卡", "卡券"].map { ($0, $0) })
        case .stage: return Dictionary(uniqueKeysWithValues: ["本科", "专科", "高职", "研究生", "高中", "中职"].map { ($0, $0) })
        case .relation:
            return ["本人": "本人", "配偶": "配偶", "妻子": "配偶", "丈夫": "配偶", "父母": "父母", "父亲": "父母", "母亲": "父母",
                    "子女": "子女", "儿子": "子女", "女儿": "子女",
                    "兄弟姐妹": "兄弟姐妹", "祖父母": "祖父母", "外祖父母": "外祖父母", "孙子女": "孙子女", "岳父母": "岳父母", "公婆": "公婆"]
        case .direction:
            return ["收入": "收入", "收": "收入", "income": "收入", "支出": "支出", "支": "支出", "expense": "支出"]
        case .claimPlan, .enrollPlan:
            return ["门诊": "门诊", "住院": "住院", "重大疾病": "重大疾病", "癌症": "重大疾病", "大病": "重大疾病",
                    "两癌": "两癌", "意外": "意外", "住院津贴": "住院津贴"]
        default: return nil
        }
    }
}

/// Payment categories (SPEC §2.2), with the aliases that map to them.
public enum PaymentCategory: String, CaseIterable, Sendable, Codable {
    case festival = "节日慰问", birthday = "生日慰问", illness = "生病住院慰问", childbirth = "生育慰问"
    case marriage = "结婚慰问", death = "去世慰问", relativeDeath = "亲属去世慰问", retirement = "退休慰问"
    case hardship = "困难帮扶", education = "金秋助学", pension = "抚恤金", other = "其他"

    public var aliases: [String] {
        switch self {
        case .festival: return ["春节慰问", "端午慰问", "中秋慰问", "节日慰问品"]
        case .birthday: return ["生日"]
        case .illness: return ["生病慰问", "住院慰问", "探望病人"]
        case .childbirth: return ["产假慰问", "生育"]
        case .marriage: return ["结婚"]
        case .death: return ["会员去世", "丧葬慰问"]
        case .relativeDeath: return ["直系亲属去世"]
        case .retirement: return ["退休"]
        case .hardship: return ["困难补助", "送温暖", "帮扶资金", "生活救助", "医疗救助"]
        case .education: return ["助学", "助学金"]
        case .pension: return ["家属抚恤金"]
        case .other: return []
        }
    }

    /// 抚恤金 is paid by the employer: reported apart, not union spending.
    public var isUnionSpending: Bool { self != .pension }

    private static let lookup: [String: PaymentCategory] = {
        var map: [String: PaymentCategory] = [:]
        for c in allCases {
            map[c.rawValue] = c
            for a in c.aliases { map[a] = c }
        }
        return map
    }()
    /// The same, by bytes: every payment row asks, and most ask with one of these exact spellings.
    private static let byteLookup: [ByteKey: PaymentCategory] = Dictionary(uniqueKeysWithValues: lookup.map { (ByteKey($0.key), $0.value) })

    public init?(text: String) {
        guard let c = PaymentCategory.byteLookup[ByteKey(text)] ?? PaymentCategory.lookup[text] else { return nil }
        self = c
    }

    /// The case's position in `allCases`, stored as the enum's one byte.
    @inline(__always) public var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

    // Hashed by position, not by its Chinese name: limits and tallies are looked up by category on every row.
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
    public static func == (a: PaymentCategory, b: PaymentCategory) -> Bool { a.ordinal == b.ordinal }
}
