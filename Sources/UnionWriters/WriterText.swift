// Every text the writers put before a clerk (sheet names, headers, labels, notes), in Chinese and English:
// one table, one member per text, so a missing translation does not compile.
import UnionCore
import UnionRules

enum WriterText {
    // MARK: Shared by the workbooks

    static let total = LocalizedText(zh: "合计", en: "Total")
    static let notGiven = LocalizedText(zh: "未提供", en: "not given")
    static let errorWord = LocalizedText(zh: "错误", en: "error")
    static let warningWord = LocalizedText(zh: "警告", en: "warning")
    static let amountYuan = LocalizedText(zh: "金额（元）", en: "Amount (yuan)")
    static let yuan = LocalizedText(zh: "元", en: "yuan")
    static let notReadDataset = LocalizedText(zh: "未读取", en: "not read")
    static let noBranch = LocalizedText(zh: "（未填）", en: "(none)")

    /// "N more findings are not listed here": the line under a findings table cut at its limit.
    static func moreFindings(_ n: Int) -> LocalizedText {
        LocalizedText(zh: "另有 \(n) 条问题未列出，完整清单见 issues.csv", en: "\(n) more findings are not listed here: see issues.csv for all")
    }

    /// The columns of a findings table (问题清单), from 文件 to 处理建议.
    static let findingColumns = [LocalizedText(zh: "文件", en: "File"), LocalizedText(zh: "行", en: "Row"), LocalizedText(zh: "列", en: "Column"),
                                 LocalizedText(zh: "字段", en: "Field"), LocalizedText(zh: "值", en: "Value"), LocalizedText(zh: "规则", en: "Rule"),
                                 LocalizedText(zh: "级别", en: "Severity"), LocalizedText(zh: "说明", en: "Message"), LocalizedText(zh: "处理建议", en: "Fix")]

    /// A dataset's name in the workbooks.
    static func dataset(_ d: Dataset) -> LocalizedText { LocalizedText(zh: d.chineseName, en: d.englishName) }

    // MARK: Every printed page (SPEC §4.1)

    enum Page {
        /// Unit, year and as-of date, above every printed page.
        static func header(unit: String, year: Int, asOf: Day) -> [LocalizedText] {
            [LocalizedText(verbatim: unit),
             LocalizedText(zh: "\(year)年度", en: "\(year)"),
             LocalizedText(zh: "截至\(asOf.description)", en: "as of \(asOf.description)")]
        }

        /// "Page N of M" around the numbers, below every printed page.
        static let pageWords = [LocalizedText(zh: "第 ", en: "Page "), LocalizedText(zh: " 页，共 ", en: " of "), LocalizedText(zh: " 页", en: "")]
    }

    // MARK: `unionbatch rules`

    enum Catalog {
        static func profile(_ name: String) -> LocalizedText {
            let shown = Summary.profileName(name)
            return LocalizedText(zh: "规则配置：\(shown.zh)", en: "Profile: \(shown.en)")
        }
        static func applied(_ source: String) -> LocalizedText { LocalizedText(zh: "（已应用 \(source)）", en: " (with \(source))") }
        static func limits(_ l: LocalizedText) -> LocalizedText { LocalizedText(zh: "（\(l.zh)）", en: " (\(l.en))") }
        static let appliesTo = LocalizedText(zh: "适用：", en: "applies to: ")
        static let fix = LocalizedText(zh: "处理：", en: "fix: ")
        static let error = LocalizedText(zh: "错误", en: "error")
        static let warning = LocalizedText(zh: "警告", en: "warning")
        static let off = LocalizedText(zh: "关闭", en: "off")
        static let v06Default = LocalizedText(zh: "警告（险种为错误）", en: "warning (error for plan)")
        static let listSeparator = LocalizedText(zh: "，", en: ", ")
        static let perPayment = LocalizedText(zh: "单笔上限：", en: "per payment: ")
        static let yearlyPerPerson = LocalizedText(zh: "年度上限：", en: "yearly per person: ")
        static let workersSchedule = LocalizedText(zh: "女职工按工人岗位（50 岁起）", en: "women on the workers' schedule (from 50)")
        static let cadreSchedule = LocalizedText(zh: "女职工按管理和专业技术岗位（55 岁起）", en: "women on the cadre schedule (from 55)")

        /// `困难帮扶 3000元` / `困难帮扶 3000`.
        static func categoryAmount(_ name: String, _ amount: Money) -> LocalizedText {
            LocalizedText(zh: "\(name) \(amount.yuanText)元", en: "\(name) \(amount.yuanText)")
        }

        static func forbiddenForms(_ category: String, _ forms: String) -> LocalizedText {
            LocalizedText(zh: "\(category)不得：\(forms)", en: "\(category) not: \(forms)")
        }

        static func yuanRange(_ low: Money, _ high: Money) -> LocalizedText {
            LocalizedText(zh: "\(low.yuanText)–\(high.yuanText)元", en: "\(low.yuanText)–\(high.yuanText) yuan")
        }

        static func outpatientCap(_ cap: Money) -> LocalizedText {
            LocalizedText(zh: "门诊年度封顶 \(cap.yuanText)元", en: "outpatient cap \(cap.yuanText) yuan")
        }

        static func minimumJoinAge(_ age: Int) -> LocalizedText {
            LocalizedText(zh: "最低入会年龄 \(age)", en: "minimum joining age \(age)")
        }

        static func duesRate(_ rate: String, roundDownTo: Money) -> LocalizedText {
            LocalizedText(zh: "会费率 \(rate)，工资先向下取整到 \(roundDownTo.yuanText) 元", en: "rate \(rate), wage rounded down to \(roundDownTo.yuanText) yuan")
        }
    }

    // MARK: The checked workbooks

    enum Checked {
        static func title(_ d: Dataset) -> LocalizedText { LocalizedText(zh: "核查后的\(d.chineseName)", en: "Checked \(d.englishName)") }
        static let status = LocalizedText(zh: "状态", en: "Status")
        static let findings = LocalizedText(zh: "问题", en: "Findings")
        static let row = LocalizedText(zh: "行号", en: "Row")
        static let noTitle = LocalizedText(zh: "（无标题）", en: "(no title)")
        static let ok = LocalizedText(zh: "正常", en: "OK")
        static let fix = LocalizedText(zh: "处理", en: "Fix")
        /// Under the header of a file with no data rows, so its printed page is not a bare header.
        static let noDataRows = LocalizedText(zh: "（此文件没有数据行）", en: "(this file has no data rows)")
    }

    // MARK: 经费收支

    enum Funds {
        static let sheet = LocalizedText(zh: "经费收支", en: "Funds")
        static let header = [LocalizedText(zh: "类别", en: "Group"), LocalizedText(zh: "科目", en: "Line"), LocalizedText(zh: "笔数", en: "Entries"),
                             LocalizedText(zh: "人数", en: "People"), amountYuan]
        static let incomeTotal = LocalizedText(zh: "收入合计", en: "Income")
        static let expenseTotal = LocalizedText(zh: "支出合计", en: "Expense")
        static let balance = LocalizedText(zh: "收支结余", en: "Balance")
        static let byGroup = LocalizedText(zh: "支出按类别", en: "Expense by group")
        static let byGroupHeader = [LocalizedText(zh: "类别", en: "Group"), LocalizedText(zh: "科目数", en: "Lines"), LocalizedText(zh: "笔数", en: "Entries"),
                                    LocalizedText(zh: "人数", en: "People"), amountYuan]
        static let chartTitle = LocalizedText(zh: "经费支出（按类别）", en: "Expense by group")
    }

    // MARK: The federation's summary.xlsx

    enum Federation {
        static func title(unit: String, year: Int) -> LocalizedText {
            LocalizedText(zh: "\(unit)\(year)年度基层工会数据汇总", en: "\(unit) roll-up \(year)")
        }
        static let unitsSheet = LocalizedText(zh: "汇总", en: "Units")
        static let union = LocalizedText(zh: "基层工会", en: "Union")
        static let unitsHeader = [union, LocalizedText(zh: "类型", en: "Type"), LocalizedText(zh: "文件夹", en: "Folder")]
        static func notRolledUp(_ why: String) -> LocalizedText { LocalizedText(zh: "未汇总：" + why, en: "not rolled up: " + why) }
        static let findingsSheet = LocalizedText(zh: "问题清单", en: "Findings")
        static let findingsHeader = [union] + findingColumns
        static func moreFindings(_ n: Int) -> LocalizedText {
            LocalizedText(zh: "另有 \(n) 条问题未列出，完整清单见 issues.csv", en: "\(n) more findings: see issues.csv")
        }
        static let membersSheet = LocalizedText(zh: "各单位会员", en: "Members by union")
        static let membersPeople = LocalizedText(zh: "会员（人）", en: "Members")
        static let membersChartTitle = LocalizedText(zh: "各基层工会会员人数", en: "Members per union")
        static let membersAxis = LocalizedText(zh: "人", en: "members")
        static let paymentsSheet = LocalizedText(zh: "帮扶慰问", en: "Payments")
        static let categoryHeader = [LocalizedText(zh: "类别", en: "Category"), LocalizedText(zh: "笔数", en: "Payments"),
                                     LocalizedText(zh: "人数", en: "People"), amountYuan]
        static let claimsSheet = LocalizedText(zh: "医疗互助", en: "Claims")
        static let claimsHeader = [LocalizedText(zh: "保障项目", en: "Plan"), LocalizedText(zh: "人次", en: "Claims"),
                                   LocalizedText(zh: "人数", en: "People"), LocalizedText(zh: "报销金额（元）", en: "Approved (yuan)")]
        static let enrollmentsSheet = LocalizedText(zh: "参保", en: "Enrolments")
        static let enrollmentsHeader = [LocalizedText(zh: "险种", en: "Plan"), LocalizedText(zh: "参保笔数", en: "Enrolments"),
                                        LocalizedText(zh: "人数", en: "People"), LocalizedText(zh: "保费（元）", en: "Premium (yuan)")]
        static let fundsSheet = LocalizedText(zh: "各单位经费", en: "Funds by union")
        static let fundsHeader = [union, LocalizedText(zh: "收入（元）", en: "Income (yuan)"), LocalizedText(zh: "支出（元）", en: "Expense (yuan)"),
                                  LocalizedText(zh: "结余（元）", en: "Balance (yuan)")]
        static func unitType(_ type: String) -> LocalizedText { LocalizedText(zh: "（\(type)）", en: " (\(type))") }
        static let figureHeader = [LocalizedText(zh: "项目", en: "Figure"), LocalizedText(zh: "数值", en: "Value")]
        static let grassrootsUnions = LocalizedText(zh: "基层工会（家）", en: "Grassroots unions")
    }

    // MARK: summary.xlsx

    enum Summary {
        static func title(unit: LocalizedText, year: Int) -> LocalizedText {
            LocalizedText(zh: "\(unit.zh)\(year)年度工会数据汇总", en: "\(unit.en): union figures \(year)")
        }
        /// The unit when unionbatch.toml names none: in the title, and (lower case) above each printed page.
        static let thisUnionTitle = LocalizedText(zh: "本单位工会", en: "This union")
        static let thisUnion = LocalizedText(zh: "本单位工会", en: "this union")

        static let overviewSheet = LocalizedText(zh: "概览", en: "Overview")
        static let membersSheet = LocalizedText(zh: "会员", en: "Members")
        static let paymentsSheet = LocalizedText(zh: "帮扶慰问", en: "Payments")
        static let claimsSheet = LocalizedText(zh: "医疗互助", en: "Claims")
        static let breakdownsSheet = LocalizedText(zh: "分类汇总", en: "Breakdowns")
        static let enrollmentsSheet = LocalizedText(zh: "参保", en: "Enrolments")
        static let findingsSheet = LocalizedText(zh: "问题清单", en: "Findings")
        static let notesSheet = LocalizedText(zh: "说明", en: "About")

        // 概览
        static let asOf = LocalizedText(zh: "截至日期", en: "As of")
        static let unitType = LocalizedText(zh: "单位类型", en: "Unit type")
        static let item = LocalizedText(zh: "项目", en: "Item")
        static let people = LocalizedText(zh: "人数", en: "People")
        static let keyFiguresHeader = [item, LocalizedText(zh: "笔数（人次）", en: "Count"), people, amountYuan]
        static let membersTotal = LocalizedText(zh: "会员总数", en: "Members")
        static let ofWhomWomen = LocalizedText(zh: "其中女会员", en: "of whom women")
        static let ofWhomMen = LocalizedText(zh: "其中男会员", en: "of whom men")
        static let joinedInYear = LocalizedText(zh: "本年新入会", en: "Joined in the year")
        static let leftInYear = LocalizedText(zh: "本年退会及转出", en: "Left in the year")
        static let duesCollected = LocalizedText(zh: "全年会费", en: "Dues collected")
        static let hardshipOnFile = LocalizedText(zh: "困难职工在档", en: "Members in hardship on file")
        static let paymentsAll = LocalizedText(zh: "帮扶慰问合计", en: "Payments, all")
        static let ofWhichUnionSpending = LocalizedText(zh: "其中工会经费支出", en: "of which union spending")
        static let hardshipAid = LocalizedText(zh: "困难帮扶", en: "Hardship aid")
        static let studyGrants = LocalizedText(zh: "金秋助学", en: "Study grants")
        static let claimsApproved = LocalizedText(zh: "医疗互助报销", en: "Claims approved")
        static let enrollments = LocalizedText(zh: "参保缴费", en: "Enrolments")
        static func ofWhich(_ name: String) -> LocalizedText { LocalizedText(zh: "其中" + name, en: "of which " + name) }
        static let fundsIncome = LocalizedText(zh: "经费收入", en: "Funds income")
        static let fundsExpense = LocalizedText(zh: "经费支出", en: "Funds expense")
        static let balance = LocalizedText(zh: "收支结余", en: "Balance")
        static let errors = LocalizedText(zh: "错误", en: "Errors")
        static let warnings = LocalizedText(zh: "警告", en: "Warnings")
        static let rowsPerFile = LocalizedText(zh: "各文件行数：计入、排除（有错误）、非本年度", en: "Rows per file: included, excluded (errors), outside the year")
        static let file = LocalizedText(zh: "文件", en: "File")
        static let dataset = LocalizedText(zh: "数据集", en: "Dataset")
        static let rowCounts = [LocalizedText(zh: "行数", en: "Rows"), LocalizedText(zh: "计入", en: "Included"),
                                LocalizedText(zh: "排除", en: "Excluded"), LocalizedText(zh: "非本年度", en: "Outside year")]
        static let rowsPerFileHeader = [file, dataset] + rowCounts
        static let findingsByRule = LocalizedText(zh: "问题按规则统计", en: "Findings by rule")
        static let rule = LocalizedText(zh: "规则", en: "Rule")
        static let description = LocalizedText(zh: "说明", en: "Description")
        static let severity = LocalizedText(zh: "级别", en: "Severity")
        static let findingsByRuleHeader = [rule, description, severity, LocalizedText(zh: "数量", en: "Count")]
        static let none = LocalizedText(zh: "无", en: "none")

        // 会员
        static let branch = LocalizedText(zh: "分会", en: "Branch")
        static func sex(_ sex: Sex) -> LocalizedText { LocalizedText(zh: sex.rawValue, en: sex == .female ? "Women" : "Men") }
        static let joinedLeftDues = LocalizedText(zh: "入会、退会与会费", en: "Joined, left and dues")
        static let joinedLeftDuesHeader = [item, people, amountYuan]
        static func inHardship(_ kind: String) -> LocalizedText { LocalizedText(zh: "困难职工：" + kind, en: "In hardship: " + kind) }

        // 帮扶慰问, 医疗互助
        static let category = LocalizedText(zh: "类别", en: "Category")
        static let month = LocalizedText(zh: "月份", en: "Month")
        static let paymentsHeader = [category, month, LocalizedText(zh: "笔数", en: "Payments"), people, amountYuan]
        static let claimsHeader = [LocalizedText(zh: "保障项目", en: "Plan"), month, LocalizedText(zh: "人次", en: "Claims"), people,
                                   LocalizedText(zh: "报销金额（元）", en: "Approved (yuan)")]

        // 分类汇总
        static func paymentHeader(_ first: LocalizedText) -> [LocalizedText] {
            [first, LocalizedText(zh: "说明", en: "Note"), LocalizedText(zh: "笔数", en: "Payments"), people, amountYuan]
        }
        static let paymentsByCategory = LocalizedText(zh: "帮扶慰问按类别", en: "Payments by category")
        static let unionFunds = LocalizedText(zh: "工会经费", en: "union funds")
        static let notUnionFunds = LocalizedText(zh: "非工会经费", en: "not union funds")
        static let chartCategory = LocalizedText(zh: "图表类别", en: "Chart category")
        static let chartAmount = LocalizedText(zh: "图表金额（元）", en: "Chart amount (yuan)")
        static let paymentsByCategoryChart = LocalizedText(zh: "帮扶慰问金额（按类别，元）", en: "Payments by category (yuan)")
        static let paymentsByMonth = LocalizedText(zh: "帮扶慰问按月份", en: "Payments by month")
        static let byDatePaid = LocalizedText(zh: "按发放日期", en: "by date paid")
        static let paymentsByMonthChart = LocalizedText(zh: "帮扶慰问金额（按月份，元）", en: "Payments by month (yuan)")
        static let paymentsByBranch = LocalizedText(zh: "帮扶慰问按分会", en: "Payments by branch")
        static let rostersBranch = LocalizedText(zh: "按会员名册所在分会", en: "the roster's branch")
        static let claimsByPlan = LocalizedText(zh: "医疗互助按保障项目", en: "Claims by plan")
        static let claimsByPlanHeader = [LocalizedText(zh: "保障项目", en: "Plan"), LocalizedText(zh: "说明", en: "Note"), LocalizedText(zh: "人次", en: "Claims"),
                                         people, LocalizedText(zh: "报销金额（元）", en: "Approved (yuan)")]
        static let approved = LocalizedText(zh: "已核准", en: "approved")

        // 问题清单
        static let goTo = LocalizedText(zh: "定位", en: "Go to")
        static let open = LocalizedText(zh: "查看", en: "open")

        // 说明
        static let inputsHeader = [file, dataset, LocalizedText(zh: "编码", en: "Encoding"), LocalizedText(zh: "分隔符", en: "Delimiter")]
            + rowCounts + [LocalizedText(verbatim: "SHA-256")]
        static let tab = LocalizedText(zh: "制表符", en: "tab")
        static let options = LocalizedText(zh: "运行参数", en: "Options")
        static let optionsHeader = [LocalizedText(zh: "参数", en: "Option"), LocalizedText(zh: "取值", en: "Value")]
        static let profile = LocalizedText(zh: "规则配置", en: "Profile")
        /// A profile's name as the clerk reads it: the built-in one in words, with the name `profile =` takes.
        static func profileName(_ name: String) -> LocalizedText {
            name == "default" ? LocalizedText(zh: "内置默认（default）", en: "built-in (default)") : LocalizedText(verbatim: name)
        }
        static let sheets = LocalizedText(zh: "工作表", en: "Sheets")
        static let rules = LocalizedText(zh: "规则（本次生效的级别与限额）", en: "Rules (severities and limits in effect)")
        static let rulesHeader = [rule, description, severity, LocalizedText(zh: "限额", en: "Limits")]
    }

    // MARK: annual-report.txt (the templates hold its prose; these are the words made in code)

    enum Report {
        /// The unit when unionbatch.toml names none.
        static let thisUnion = LocalizedText(zh: "本单位工会", en: "this union")
        static let thisFederation = LocalizedText(zh: "本级工会", en: "this federation")
        /// A section's number before its heading: 一、 / 1.
        static func sectionNumber(_ n: Int) -> LocalizedText {
            LocalizedText(zh: AnnualReportRenderer.chineseNumeral(n) + "、", en: "\(n). ")
        }
        /// A budget line of a claim plan.
        static func mutualAid(_ plan: String) -> LocalizedText { LocalizedText(zh: "医疗互助（\(plan)）", en: "Mutual aid (\(plan))") }
    }
}
