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
        {{unit}}现有{{units}}家基层工会{{#kinds_text}}，其中{{kinds_text}}{{/kinds_text}}，有工会会员{{members}}名。
        {{/federation}}
        """,
        "members": """
        {{#members}}
        会员基本情况
        截至{{as_of_text}}，{{unit}}共有工会会员{{total}}人，其中女会员{{female}}人、男会员{{male}}人{{#retained}}，保留会籍{{retained}}人{{/retained}}。
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
        为{{people}}名困难职工申请帮扶资金{{amount}}元。
        {{/hardship}}
        """,
        "education": """
        {{#education}}
        金秋助学
        给予{{count}}名考入各类大中专院校的困难职工子女金秋助学，分别领到了{{range_text}}的金秋助学金，共计{{amount}}元。
        {{/education}}
        """,
        "sympathy": """
        {{#sympathy}}
        慰问
        {{#sick_and_maternity}}
        慰问探望生病及休产假员工{{people}}人，共使用工会费用{{amount}}元。
        {{/sick_and_maternity}}
        {{#other_groups}}
        {{name}}{{people}}人，共{{amount}}元。
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
        医疗互助保障报销费用共计报销{{amount}}元{{#plans_text}}，其中报销{{plans_text}}{{/plans_text}}，报销{{count}}人次。
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
        {{/check}}
        """,
        "plan": """
        {{#plan}}
        下一年度工作计划
        {{next_year}}年度经费预算以本年度实际支出为基数：
        {{#lines}}
        {{category}}：本年度{{count}}笔、{{people}}人，支出{{amount}}元。
        {{/lines}}
        {{#claims}}
        医疗互助：本年度报销{{count}}人次，{{amount}}元。
        {{/claims}}
        {{#enrollments}}
        参保缴费：本年度{{people}}人，{{amount}}元。
        {{/enrollments}}
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
        {{unit}} has {{units}} grassroots unions{{#kinds_text_en}} ({{kinds_text_en}}){{/kinds_text_en}} with {{members}} members.
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
        Hardship aid of {{amount}} yuan was granted to {{people}} members in difficulty.
        {{/hardship}}
        """,
        "education": """
        {{#education}}
        Golden-autumn study grants
        {{count}} children of members in difficulty who entered college received grants of {{range_text_en}}, {{amount}} yuan in all.
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
        Medical mutual-aid claims reimbursed {{amount}} yuan{{#plans_text_en}} ({{plans_text_en}}){{/plans_text_en}} in {{count}} claims.
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
        {{files}} files and {{rows}} rows were checked: {{errors}} errors and {{warnings}} warnings{{#excluded}}; {{excluded}} rows with errors are left out of the figures above{{/excluded}}{{#outside}}; {{outside}} rows outside {{year}} are left out{{/outside}}.{{#has_findings}} See issues.csv and the findings sheet of summary.xlsx.{{/has_findings}}
        {{/check}}
        """,
        "plan": """
        {{#plan}}
        Plan for next year
        Budget for {{next_year}}, based on this year's spending:
        {{#lines}}
        {{category}}: {{count}} payments to {{people}} people, {{amount}} yuan this year.
        {{/lines}}
        {{#claims}}
        Medical mutual aid: {{count}} claims, {{amount}} yuan this year.
        {{/claims}}
        {{#enrollments}}
        Insurance premiums: {{people}} people, {{amount}} yuan this year.
        {{/enrollments}}
        {{/plan}}
        """,
    ]
}
