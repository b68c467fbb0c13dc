// The built-in rule profiles, as data: the same TOML a union writes under [limits] in unionbatch.toml.

enum BuiltInProfiles {
    /// SPEC §3, profile `default`: the sample report's rates and provincial limits of the
    /// 《基层工会经费收支管理办法》 kind. Amounts in yuan.
    static let defaultProfile = """
    name = "default"

    # Largest single payment of a category (P02).
    [per_payment]
    "生日慰问" = 300
    "结婚慰问" = 2000
    "生育慰问" = 1000
    "生病住院慰问" = 1000
    "去世慰问" = 2000
    "亲属去世慰问" = 1000
    "退休慰问" = 1000

    # Largest yearly total per person of a category (P03).
    [yearly]
    "节日慰问" = 2000
    "生日慰问" = 300

    # 金秋助学 band (P06), reimbursement rates on self-paid costs (C02), the outpatient cap (C03),
    # standard premiums (E01).
    [claims]
    outpatient_cap = 1000
    [claims.rates]
    "住院" = 0.5
    "重大疾病" = 0.8
    "两癌" = 0.8

    [education]
    min = 800
    max = 5000

    [premiums]
    "两癌" = 20

    # Dues (M09): rate on the wage rounded down to a multiple of `round_down_to` yuan.
    [dues]
    rate = 0.005
    round_down_to = 10

    # M07 and M08.
    [members]
    min_join_age = 16
    # "cadre": women from 55 rising to 58; "worker": from 50 rising to 55.
    women_retirement = "cadre"

    # P05: forms a category must not be paid in; P08: relations a category allows.
    [forms.forbidden]
    "节日慰问" = ["现金", "购物卡"]

    [relations.allowed]
    "亲属去世慰问" = ["配偶", "父母", "子女"]

    # P07: categories that go only to members with a hardship status.
    [hardship]
    categories = ["困难帮扶", "金秋助学"]

    # The category groups the annual report speaks of, in report order.
    [groups]
    "生病及生育慰问" = ["生病住院慰问", "生育慰问"]

    # The ledger's chart of accounts (《基层工会经费收支管理办法》): each group's lines, canonical name
    # first, with the other names that mean it. An account cell is read whole, or by its last part after
    # -, —, / or ：. A unit adds its own names under [accounts] in unionbatch.toml.
    [chart."收入"]
    "会费收入" = ["会费"]
    "拨缴经费收入" = ["拨缴经费", "工会经费", "2%经费"]
    "上级补助收入" = ["上级补助", "返还经费"]
    "行政补助收入" = ["行政补助"]
    "附属单位上缴收入" = []
    "投资收益" = []
    "其他收入" = []

    [chart."职工活动支出"]
    "职工教育支出" = ["职工教育", "职工培训", "技能培训"]
    "文体活动支出" = ["文体活动", "文体费"]
    "宣传活动支出" = ["宣传活动"]
    "职工集体福利支出" = ["集体福利", "节日慰问", "生日慰问"]
    "其他活动支出" = []

    [chart."维权支出"]
    "劳动关系协调费" = []
    "劳动保护费" = ["劳动保护", "劳保用品", "防暑降温"]
    "法律援助费" = []
    "困难职工帮扶费" = ["困难帮扶", "金秋助学"]
    "送温暖费" = ["送温暖"]
    "其他维权支出" = []

    [chart."业务支出"]
    # 培训费 is the union cadres' own training; staff training is 职工教育支出.
    "培训费" = []
    "会议费" = []
    "专项业务费" = []
    "其他业务支出" = []

    [chart."资本性支出"]
    "资本性支出" = ["固定资产购置"]

    [chart."事业支出"]
    "事业支出" = []

    [chart."其他支出"]
    "其他支出" = []

    # L03: the payments of these categories should equal the ledger's total of these lines.
    [reconcile]
    "困难职工帮扶费 + 送温暖费" = ["困难帮扶", "金秋助学"]
    "职工集体福利支出" = ["节日慰问", "生日慰问", "生病住院慰问", "生育慰问", "结婚慰问", "去世慰问", "亲属去世慰问", "退休慰问"]
    """
}
