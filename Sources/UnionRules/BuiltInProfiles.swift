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
    """
}
