// The built-in Mustache templates of annual-report.txt, one per section, in Chinese and English.
// `unionbatch templates DIR` writes them out; files in <folder>/templates/ override them.

public enum BuiltInTemplates {
    /// Section names in report order. Each template's first line is the section title; a
    /// section that renders empty is left out and the others are numbered 一、二、….
    public static let sections = ["title", "federation", "members", "hardship", "education", "sympathy", "claims", "women", FundsSection.name, "check", "plan"]

    public static func text(_ section: String, english: Bool) -> String? {
        if section == FundsSection.name { return english ? FundsSection.en : FundsSection.zh }
        return english ? en[section] : zh[section]
    }

    /// The file a template is read from and written to: `members.mustache`, `members.en.mustache`.
    public static func fileName(_ section: String, english: Bool) -> String {
        english ? "\(section).en.mustache" : "\(section).mustache"
    }

    static let zh: [String: String] = [
        "title": """
        {{unit}}{{year}}年度工会工作数据
        """,
        "federation": """
        {{#federation}}
        基层工会概况
        {{#nested}}
        {{scope}}共有{{federations}}个{{sub_name}}、{{grassroots}}家基层工会{{#kinds_text}}（其中{{kinds_text}}）{{/kinds_text}}，有工会会员{{members}}名。
        {{/nested}}
        {{^nested}}
        {{unit}}现有{{units}}家基层工会{{#kinds_text}}，其中{{kinds_text}}{{/kinds_text}}，有工会会员{{members}}名。
        {{/nested}}
        {{#unit_lines}}
        {{.}}
        {{/unit_lines}}
        {{#no_dues_text}}
        {{no_dues_text}}未提供会费数据，会费合计不含这些单位。
        {{/no_dues_text}}
        {{#no_ledger_text}}
        {{no_ledger_text}}未提供经费收支明细账，经费收支合计不含这些单位。
        {{/no_ledger_text}}
        {{/federation}}
        """,
        "members": """
        {{#members}}
        会员基本情况
        截至{{as_of_text}}，{{unit}}共有会员{{total}}人，其中女会员{{female}}人、男会员{{male}}人{{#retained}}，保留会籍{{retained}}人{{/retained}}。
        {{#branches_text}}
        按分会分：{{branches_text}}。
        {{/branches_text}}
        本年度新入会{{joined}}人，退会及转出{{left}}人。
        {{#dues}}
        全年收缴会费{{dues}}元。
        {{/dues}}
        {{/members}}
        """,
        "hardship": """
        {{#hardship}}
        困难帮扶
        {{#on_file}}
        目前在档困难职工{{total}}人{{#kinds_text}}，其中{{kinds_text}}{{/kinds_text}}。
        {{/on_file}}
        {{#paid}}
        为{{people}}名困难职工发放帮扶资金{{amount}}元{{#times}}（共{{times}}人次）{{/times}}。
        {{/paid}}
        {{/hardship}}
        """,
        "education": """
        {{#education}}
        金秋助学
        {{#single}}
        给予1名考入大中专院校{{#stage}}（{{stage}}）{{/stage}}的困难职工子女金秋助学，发放金秋助学金{{amount}}元。
        {{/single}}
        {{#each}}
        给予{{count}}名考入各类大中专院校的困难职工子女金秋助学，每人领到{{each}}元的金秋助学金，共计{{amount}}元。
        {{/each}}
        {{#range_text}}
        给予{{count}}名考入各类大中专院校的困难职工子女金秋助学，分别领到了{{range_text}}的金秋助学金，共计{{amount}}元。
        {{/range_text}}
        {{#stages_text}}
        按录取层次分：{{stages_text}}。
        {{/stages_text}}
        {{/education}}
        """,
        "sympathy": """
        {{#sympathy}}
        慰问
        {{#sick_and_maternity}}
        慰问探望生病及休产假员工{{people}}人{{#sick_times}}（{{sick_times}}人次）{{/sick_times}}，共使用工会费用{{amount}}元。
        {{/sick_and_maternity}}
        {{#other_groups}}
        {{name}}{{count}}人次、{{people}}人，共{{amount}}元。
        {{/other_groups}}
        {{#others_text}}
        此外发放{{others_text}}。
        {{/others_text}}
        {{#pension}}
        发放员工家属抚恤金{{amount}}元。
        {{/pension}}
        全年帮扶慰问共使用工会经费{{union_spending}}元。
        {{/sympathy}}
        """,
        "claims": """
        {{#claims}}
        医疗互助保障
        医疗互助保障全年共计报销{{amount}}元{{#plans_text}}，其中报销{{plans_text}}{{/plans_text}}，报销{{count}}人次，涉及会员{{people}}人。
        {{/claims}}
        """,
        "women": """
        {{#women}}
        女职工工作
        收缴妇女“两癌”保险{{people}}人{{amount}}元。
        {{/women}}
        """,
        "check": """
        {{#check}}
        数据核查情况
        本次共核查{{files}}个文件、{{rows}}行数据，发现错误{{errors}}处、警告{{warnings}}处{{#excluded}}；有错误的{{excluded}}行未计入以上数字{{/excluded}}{{#outside}}；另有{{outside}}行不属于{{year}}年度，未计入{{/outside}}。{{#has_findings}}问题明细见 issues.csv 和 summary.xlsx 的“问题清单”。{{/has_findings}}
        {{#warned}}
        以上数字包含有警告的{{rows}}行（{{rules_text}}），请核实后再上报。
        {{/warned}}
        {{/check}}
        """,
        "plan": """
        {{#plan}}
        下一年度工作计划
        {{#total}}
        {{next_year}}年度经费预算按本年度实际支出{{#growth}}增长{{growth}}%{{/growth}}测算，向上取整到百元{{#some_fixed}}（标注“已定”的为单位确定的金额）{{/some_fixed}}：
        {{/total}}
        {{#lines}}
        {{name}}：本年度实际支出{{actual}}元，{{next_year}}年度预算{{budget}}元{{#fixed}}（已定）{{/fixed}}，{{change_text}}。
        {{/lines}}
        {{#total}}
        合计：本年度实际支出{{actual}}元，{{next_year}}年度预算{{budget}}元，{{change_text}}。
        {{/total}}
        {{#has_items}}
        {{next_year}}年度重点工作：
        {{/has_items}}
        {{#items}}
        {{number}}．{{text}}
        {{/items}}
        {{/plan}}
        """,
    ]

    static let en: [String: String] = [
        "title": """
        {{unit}}: union figures for {{year}}
        """,
        "federation": """
        {{#federation}}
        Grassroots unions
        {{#nested}}
        {{unit}} has {{federations}} sub-federations and {{grassroots}} grassroots unions{{#kinds_text_en}} ({{kinds_text_en}}){{/kinds_text_en}} with {{members}} members.
        {{/nested}}
        {{^nested}}
        {{unit}} has {{units}} grassroots unions{{#kinds_text_en}} ({{kinds_text_en}}){{/kinds_text_en}} with {{members}} members.
        {{/nested}}
        {{#unit_lines_en}}
        {{.}}
        {{/unit_lines_en}}
        {{#no_dues_text_en}}
        No dues data from {{no_dues_text_en}}; the dues total leaves them out.
        {{/no_dues_text_en}}
        {{#no_ledger_text_en}}
        No funds ledger from {{no_ledger_text_en}}; the funds totals leave them out.
        {{/no_ledger_text_en}}
        {{/federation}}
        """,
        "members": """
        {{#members}}
        Membership
        As of {{as_of}}, {{unit}} has {{total}} union members: {{female}} women and {{male}} men{{#retained}}, {{retained}} of them retired or laid off with membership kept{{/retained}}.
        {{joined}} joined and {{left}} left or transferred out during the year.
        {{#dues}}
        Dues collected in the year: {{dues}} yuan.
        {{/dues}}
        {{/members}}
        """,
        "hardship": """
        {{#hardship}}
        Hardship aid
        {{#on_file}}
        Members in hardship on file: {{total}}{{#kinds_text_en}} ({{kinds_text_en}}){{/kinds_text_en}}.
        {{/on_file}}
        {{#paid}}
        Hardship aid of {{amount}} yuan was paid to members in difficulty: {{people}} people{{#times}}, {{times}} payments{{/times}}.
        {{/paid}}
        {{/hardship}}
        """,
        "education": """
        {{#education}}
        Golden-autumn study grants
        {{#single}}
        1 child of a member in difficulty who entered college received a grant of {{amount}} yuan.
        {{/single}}
        {{#each}}
        {{students_en}} of members in difficulty who entered college received {{each}} yuan each, {{amount}} yuan in all.
        {{/each}}
        {{#range_text_en}}
        {{students_en}} of members in difficulty who entered college received grants of {{range_text_en}}, {{amount}} yuan in all.
        {{/range_text_en}}
        {{#stages_text_en}}
        By stage: {{stages_text_en}}.
        {{/stages_text_en}}
        {{/education}}
        """,
        "sympathy": """
        {{#sympathy}}
        Sympathy payments
        {{#sick_and_maternity}}
        Visits to {{people}} members who were ill or on maternity leave cost {{amount}} yuan of union funds.
        {{/sick_and_maternity}}
        {{#other_groups}}
        {{name}}: {{people}} people, {{amount}} yuan.
        {{/other_groups}}
        {{#others_text_en}}
        Also paid: {{others_text_en}}.
        {{/others_text_en}}
        {{#pension}}
        Survivors' pensions of {{amount}} yuan were paid (employer funds).
        {{/pension}}
        In all, subsidies and sympathy payments used {{union_spending}} yuan of union funds.
        {{/sympathy}}
        """,
        "claims": """
        {{#claims}}
        Medical mutual aid
        Medical mutual aid reimbursed {{amount}} yuan{{#plans_text_en}} ({{plans_text_en}}){{/plans_text_en}}: {{claims_en}} of {{people_en}}.
        {{/claims}}
        """,
        "women": """
        {{#women}}
        Women workers
        两癌 (breast and cervical cancer) cover was collected for {{people}} women, {{amount}} yuan.
        {{/women}}
        """,
        "check": """
        {{#check}}
        Data check
        {{files_en}} and {{rows_en}} were checked: {{errors_en}} and {{warnings_en}}{{#excluded_en}}; {{excluded_en}} left out of the figures above{{/excluded_en}}{{#outside_en}}; {{outside_en}} left out{{/outside_en}}.{{#has_findings}} See issues.csv and the findings sheet of summary.xlsx.{{/has_findings}}
        {{#warned}}
        The figures above include {{rows_en}} ({{rules_text_en}}): check {{them_en}} before reporting.
        {{/warned}}
        {{/check}}
        """,
        "plan": """
        {{#plan}}
        Plan for next year
        {{#total}}
        Budget for {{next_year}}: this year's spending{{#growth}} grown by {{growth}}%{{/growth}}, rounded up to 100 yuan{{#some_fixed}} (amounts marked "set" were fixed by the union){{/some_fixed}}:
        {{/total}}
        {{#lines}}
        {{name}}: {{actual}} yuan this year, {{budget}} yuan for {{next_year}}{{#fixed}} (set){{/fixed}}, {{change_text_en}}.
        {{/lines}}
        {{#total}}
        Total: {{actual}} yuan this year, {{budget}} yuan for {{next_year}}, {{change_text_en}}.
        {{/total}}
        {{#has_items}}
        Work planned for {{next_year}}:
        {{/has_items}}
        {{#items}}
        {{number}}. {{text}}
        {{/items}}
        {{/plan}}
        """,
    ]
}
