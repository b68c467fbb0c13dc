#!/usr/bin/env python3
# Regenerates Samples/company, Samples/messy, Samples/township and their expected-findings fixtures, deterministically.
"""make-samples.py — the sample input folders of unionbatch.

    python3 Scripts/make-samples.py

Writes
  Samples/company/   a clean company union: 5 CSV files, its ledger included (UTF-8 with BOM, CRLF, as
                     Excel's "CSV UTF-8" writes them) whose figures are those of
                     SPEC §1 and which raise no finding under any rule of SPEC §3
  Samples/messy/     a smaller union as a clerk really receives it: mixed encodings
                     and delimiters, a refused, an empty, a header-only and an Excel
                     file, and problems planted at known rows so that every rule of
                     SPEC §3 but U01 fires at least once
  Tests/UnionPipelineTests/Fixtures/messy-expected.tsv
                     one line per planted finding (file, Calc row, column, field, rule;
                     row and column empty for findings about a whole file)
  Samples/township/  a township federation (青石镇联合工会): six grassroots unions, one
                     sub-folder each with its unionbatch.toml (unit, unit_type); one unit's
                     files are GB18030, one unit has a few planted findings, the others are
                     clean, and one member is 在册 in two units (U01 in a roll-up)
  Tests/UnionPipelineTests/Fixtures/township-expected.json
                     the federation's figures (the sums of the units', SPEC §6), its
                     findings and the U01 person, for the roll-up to reproduce

Every value comes from fixed random seeds and fixed dates: nothing depends on the
day the script runs. After writing, the script reads its own files back, runs an
independent Python rendering of SPEC §2.1 (encodings, records, headers) and the
§3 rules (default profile, year 2025, as-of 2025-12-31) over them, and asserts
that the company sample has no finding and exactly the §1 figures, and that the
messy sample has exactly the planted findings, and that every township unit but
the one with problems is clean and that one has exactly its planted findings. It
prints the figures and each messy file's rows, included, excluded and
outside-the-year counts, and each township unit's figures and the federation's.
"""

import csv
import io
import random
import os
import re
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# `--check` writes everything under a temporary root (passed to a second run of this script) and compares.
ROOT = Path(os.environ["MAKE_SAMPLES_ROOT"]) if os.environ.get("MAKE_SAMPLES_ROOT") else REPO
COMPANY_DIR = ROOT / "Samples" / "company"
MESSY_DIR = ROOT / "Samples" / "messy"
FIXTURE = ROOT / "Tests" / "UnionPipelineTests" / "Fixtures" / "messy-expected.tsv"

YEAR = 2025
AS_OF = date(2025, 12, 31)

# ---------------------------------------------------------------------------
# SPEC §2 / §3 vocabulary and the `default` profile
# ---------------------------------------------------------------------------

MEMBER_HEADERS = ["姓名", "性别", "身份证号", "出生日期", "工号", "分会", "入会日期", "退会日期",
                  "会员状态", "在岗状态", "手机号", "月工资", "已缴会费", "缴费月数", "困难职工"]
PAYMENT_HEADERS = ["姓名", "身份证号", "类别", "金额", "发放日期", "事由日期", "形式", "与会员关系",
                   "学生姓名", "录取层次", "分会", "备注"]
CLAIM_HEADERS = ["姓名", "身份证号", "保障项目", "就诊日期", "出院日期", "医疗总费用", "统筹支付",
                 "个人自付", "申请金额", "报销金额", "报销日期", "诊断"]
ENROLLMENT_HEADERS = ["姓名", "身份证号", "险种", "保费", "保障起期", "保障止期"]
LEDGER_HEADERS = ["日期", "凭证号", "摘要", "科目", "收入", "支出", "人数", "支付方式"]

# The alias tables of SPEC §2.2, header text -> field key.
ALIASES = {
    "members": {
        "name": ["姓名", "会员姓名", "职工姓名", "name"],
        "id_number": ["身份证号", "身份证号码", "公民身份号码", "证件号码", "id_number", "id_no"],
        "gender": ["性别", "gender", "sex"],
        "birth_date": ["出生日期", "birth_date"],
        "employee_no": ["工号", "职工编号", "员工编号", "employee_no"],
        "member_no": ["会员编号", "会员证号", "member_no"],
        "branch": ["分会", "部门", "所属工会", "工会小组", "基层工会", "branch", "department"],
        "join_date": ["入会日期", "入会时间", "join_date"],
        "leave_date": ["退会日期", "转出日期", "leave_date"],
        "status": ["会员状态", "会籍状态", "status"],
        "employment": ["在岗状态", "身份", "employment"],
        "phone": ["手机号", "手机号码", "联系电话", "phone", "mobile"],
        "monthly_wage": ["月工资", "会费基数", "monthly_wage"],
        "dues_paid": ["已缴会费", "全年会费", "dues_paid"],
        "dues_months": ["缴费月数", "dues_months"],
        "hardship": ["困难职工", "困难类别", "hardship"],
    },
    "payments": {
        "name": ["姓名", "职工姓名", "领取人", "name"],
        "id_number": ["身份证号", "身份证号码", "证件号码", "id_number"],
        "category": ["类别", "项目", "慰问类别", "帮扶类别", "category"],
        "amount": ["金额", "发放金额", "amount"],
        "date": ["发放日期", "日期", "date", "paid_on"],
        "event_date": ["事由日期", "event_date"],
        "form": ["形式", "发放形式", "form"],
        "relation": ["与会员关系", "关系", "relation"],
        "student_name": ["学生姓名", "student_name"],
        "stage": ["教育阶段", "学历层次", "录取层次", "stage"],
        "branch": ["分会", "部门", "branch"],
        "note": ["备注", "note"],
    },
    "claims": {
        "name": ["姓名", "name"],
        "id_number": ["身份证号", "身份证号码", "证件号码", "id_number"],
        "plan": ["保障项目", "险种", "报销类别", "就诊类型", "plan"],
        "admission_date": ["入院日期", "就诊日期", "admission_date"],
        "discharge_date": ["出院日期", "discharge_date"],
        "total_cost": ["医疗总费用", "总费用", "total_cost"],
        "insurance_paid": ["统筹支付", "医保支付", "insurance_paid"],
        "self_paid": ["个人自付", "自付金额", "self_paid"],
        "claimed": ["申请金额", "claimed"],
        "approved": ["报销金额", "给付金额", "核定金额", "approved"],
        "paid_date": ["报销日期", "给付日期", "paid_date"],
        "diagnosis": ["诊断", "diagnosis"],
    },
    "enrollments": {
        "name": ["姓名", "name"],
        "id_number": ["身份证号", "身份证号码", "证件号码", "id_number"],
        "plan": ["险种", "保障项目", "plan"],
        "premium": ["保费", "缴费金额", "premium"],
        "start_date": ["保障起期", "参保日期", "start_date"],
        "end_date": ["保障止期", "end_date"],
    },
    "ledger": {
        "date": ["日期", "记账日期", "发生日期", "date"],
        "voucher": ["凭证号", "凭证编号", "voucher"],
        "summary": ["摘要", "事由", "内容", "summary", "description"],
        "account": ["科目", "会计科目", "收支科目", "支出科目", "收入科目", "account"],
        "income": ["收入", "收入金额", "income"],
        "expense": ["支出", "支出金额", "expense"],
        "amount": ["金额", "amount"],
        "direction": ["收支", "收支方向", "类型", "direction"],
        "people": ["人数", "人次", "受益人数", "people"],
        "form": ["支付方式", "发放形式", "form"],
        "branch": ["分会", "部门", "branch"],
    },
}
REQUIRED = {
    "members": ["name", "id_number"],
    "payments": ["name", "id_number", "category", "amount", "date"],
    "claims": ["name", "id_number", "plan", "approved", "paid_date"],
    "enrollments": ["name", "id_number", "plan", "premium"],
    "ledger": ["date", "summary", "account"],
}
DATE_FIELDS = {
    "members": ["birth_date", "join_date", "leave_date"],
    "payments": ["date", "event_date"],
    "claims": ["admission_date", "discharge_date", "paid_date"],
    "enrollments": ["start_date", "end_date"],
    "ledger": ["date"],
}
MONEY_FIELDS = {
    "members": ["monthly_wage", "dues_paid"],
    "payments": ["amount"],
    "claims": ["total_cost", "insurance_paid", "self_paid", "claimed", "approved"],
    "enrollments": ["premium"],
    "ledger": ["income", "expense", "amount"],
}

CATEGORY_ALIASES = {
    "节日慰问": ["春节慰问", "端午慰问", "中秋慰问", "节日慰问品"],
    "生日慰问": ["生日"],
    "生病住院慰问": ["生病慰问", "住院慰问", "探望病人"],
    "生育慰问": ["产假慰问", "生育"],
    "结婚慰问": ["结婚"],
    "去世慰问": ["会员去世", "丧葬慰问"],
    "亲属去世慰问": ["直系亲属去世"],
    "退休慰问": ["退休"],
    "困难帮扶": ["困难补助", "送温暖", "帮扶资金", "生活救助", "医疗救助"],
    "金秋助学": ["助学", "助学金"],
    "抚恤金": ["家属抚恤金"],
    "其他": [],
}
CATEGORY = {alias: canon for canon, aliases in CATEGORY_ALIASES.items() for alias in [canon] + aliases}
NOT_UNION_MONEY = {"抚恤金"}
PLAN_ALIASES = {"门诊": "门诊", "住院": "住院", "重大疾病": "重大疾病", "癌症": "重大疾病", "大病": "重大疾病",
                "两癌": "两癌", "意外": "意外", "住院津贴": "住院津贴"}

KNOWN = {
    "gender": {"男", "女", "male", "female", "m", "f"},
    "status": {"", "在册", "保留会籍", "退会", "转出"},
    "employment": {"", "在岗", "退休", "病休", "内退", "下岗", "农民工"},
    "hardship": {"", "否", "深度困难", "相对困难", "意外致困", "是"},
    "form": {"", "转账", "现金", "实物", "购物卡", "卡券"},
    "stage": {"", "本科", "专科", "高职", "研究生", "高中", "中职"},
    # The relations a clerk writes; only 配偶, 父母 and 子女 (and their synonyms) qualify for 亲属去世慰问 (P08).
    "relation": {"", "配偶", "父母", "子女", "妻子", "丈夫", "父亲", "母亲", "儿子", "女儿", "本人", "兄弟姐妹",
                 "祖父母", "外祖父母", "孙子女", "岳父母", "公婆"},
    "plan": set(PLAN_ALIASES),
    "direction": {"", "收入", "收", "income", "支出", "支", "expense"},
}

# The chart of accounts of SPEC §2.2 (group -> line -> the line's other names): one table, which the bench's
# peers read too.
sys.dont_write_bytecode = True  # the suite runs this script: it leaves nothing in the tree
sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
from ledger_chart import CHART  # noqa: E402
LINE_GROUP = {line: group for group, lines in CHART.items() for line in lines}
ACCOUNT_LINE = {name: line for lines in CHART.values() for line, aliases in lines.items() for name in [line] + aliases}
# L03: ledger lines -> the payment categories they should equal.
RECONCILE = [(["困难职工帮扶费", "送温暖费"], ["困难帮扶", "金秋助学"]),
             (["职工集体福利支出"], ["节日慰问", "生日慰问", "生病住院慰问", "生育慰问", "结婚慰问", "去世慰问", "亲属去世慰问", "退休慰问"])]
FESTIVAL_WORDS = ["春节", "元旦", "端午", "中秋", "国庆", "节日"]
FORBIDDEN_WELFARE_FORMS = ["购物卡", "代金券", "现金"]
HARDSHIP_STATUSES = {"深度困难", "相对困难", "意外致困", "是"}
FUNERAL_RELATIONS = {"配偶", "父母", "子女", "妻子", "丈夫", "父亲", "母亲", "儿子", "女儿"}

# Profile `default`, in fen.
PER_PAYMENT_LIMIT = {"生日慰问": 30000, "结婚慰问": 200000, "生育慰问": 100000, "生病住院慰问": 100000,
                     "去世慰问": 200000, "亲属去世慰问": 100000, "退休慰问": 100000}
YEARLY_LIMIT = {"节日慰问": 200000, "生日慰问": 30000}
GRANT_BAND = (80000, 500000)
CLAIM_RATE = {"住院": (1, 2), "重大疾病": (4, 5), "两癌": (4, 5)}   # as fractions
OUTPATIENT_CAP = 100000
STANDARD_PREMIUM = {"两癌": 2000}
MIN_JOIN_AGE = 16
GROUPS = {"生病及生育慰问": ["生病住院慰问", "生育慰问"]}

ERROR_RULES = {"F01", "F02", "F03", "F04", "V01", "V02", "V03", "V05", "M01", "M02", "M05", "M07",
               "X01", "X02", "X04", "P01", "P02", "P03", "P05", "P06", "P08", "C01", "C03", "C04", "C05", "E02",
               "L01", "L02", "L05"}

# ---------------------------------------------------------------------------
# Small value helpers: money in integer fen, dates, ID numbers
# ---------------------------------------------------------------------------


def yuan(fen):
    """Fen as the shortest yuan decimal: 44000 -> '440', 162450 -> '1624.5'."""
    whole, cents = divmod(fen, 100)
    if cents == 0:
        return str(whole)
    if cents % 10 == 0:
        return f"{whole}.{cents // 10}"
    return f"{whole}.{cents:02d}"


def scale_half_up(fen, numerator, denominator):
    """fen × numerator / denominator rounded half up to the fen (amounts are never negative)."""
    q, r = divmod(fen * numerator, denominator)
    return q + 1 if 2 * r >= denominator else q


def dues_per_month(wage_fen):
    """0.5% of the wage rounded down to a multiple of 10 yuan, rounded half up to the fen."""
    base = wage_fen // 1000 * 1000
    return scale_half_up(base, 5, 1000)


def slash(d):
    """`2025/3/5`: what Chinese-locale Excel writes for a date cell in CSV."""
    return f"{d.year}/{d.month}/{d.day}"


def add_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:       # 29 February
        return d.replace(year=d.year + years, day=28)


def add_months(d, months):
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    last = [31, 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31][m - 1]
    return date(y, m, min(d.day, last))


def whole_years(birth, on):
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def check_char(digits17):
    return CHECK[sum(int(c) * w for c, w in zip(digits17, WEIGHTS)) % 11]


def retirement_date(birth, sex):
    """Statutory retirement under the gradual reform in force from 2025-01-01 (women: cadre schedule)."""
    base_year, base_age, cap = (1965, 60, 36) if sex == "男" else (1970, 55, 36)
    months = 0
    if birth.year >= base_year:
        cohort = ((birth.year - base_year) * 12 + birth.month - 1) // 4
        months = min(cohort + 1, cap)
    return add_months(add_years(birth, base_age), months)


# ---------------------------------------------------------------------------
# Deterministic makers of names, ID numbers and phones
# ---------------------------------------------------------------------------

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
                "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
MALE_CHARS = list("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国志文海峰亮成东新振晨正")
FEMALE_CHARS = list("芳娜敏静丽艳娟霞秀玲桂英婷雪慧琳洁红梅燕萍莉兰颖倩丹蓉琴云晶欣悦佳怡婧月露瑶璐")


class NameMaker:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def make(self, sex, surname=None):
        chars = MALE_CHARS if sex == "男" else FEMALE_CHARS
        while True:
            s = surname or self.rng.choice(SURNAMES)
            given = self.rng.choice(chars)
            if self.rng.random() < 0.6:
                given += self.rng.choice(chars)
            name = s + given
            if name not in self.used and len(set(given)) == len(given):
                self.used.add(name)
                return name


class IdMaker:
    def __init__(self, rng, areas):
        self.rng = rng
        self.areas = areas
        self.used = set()

    def make(self, birth, sex):
        while True:
            seq = self.rng.randint(0, 99)
            sex_digit = self.rng.choice([1, 3, 5, 7, 9] if sex == "男" else [0, 2, 4, 6, 8])
            body = f"{self.rng.choice(self.areas)}{birth:%Y%m%d}{seq:02d}{sex_digit}"
            number = body + check_char(body)
            if number not in self.used and not number.endswith("000"):
                self.used.add(number)
                return number


class PhoneMaker:
    PREFIXES = ["138", "139", "135", "136", "137", "150", "151", "152", "157", "158", "159", "182", "187",
                "188", "130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "189", "177", "199"]

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def make(self):
        while True:
            number = self.rng.choice(self.PREFIXES) + f"{self.rng.randint(0, 99999999):08d}"
            if number not in self.used:
                self.used.add(number)
                return number


def random_day(rng, start, end):
    return start + timedelta(days=rng.randint(0, (end - start).days))


class Person:
    """One roster row, kept as typed values until written."""

    def __init__(self, **kw):
        self.leave = None
        self.status = "在册"
        self.employment = "在岗"
        self.wage = None
        self.months = None
        self.hardship = "否"
        self.__dict__.update(kw)

    @property
    def dues(self):
        if self.wage is None or self.months is None:
            return None
        return dues_per_month(self.wage) * self.months

    def member_on(self, d):
        return self.join <= d and (self.leave is None or d <= self.leave)


def member_cells(p, date_text=slash, join_text=None):
    join_text = join_text or date_text
    return [p.name, p.sex, p.id, date_text(p.birth), p.empno, p.branch, join_text(p.join),
            date_text(p.leave) if p.leave else "", p.status, p.employment, p.phone,
            yuan(p.wage) if p.wage is not None else "", yuan(p.dues) if p.dues is not None else "",
            str(p.months) if p.months is not None else "", p.hardship]


def months_in_year(p):
    """Dues months: calendar months of the year, up to the as-of month, during any part of which p was a member."""
    first = max(p.join, date(YEAR, 1, 1))
    last = min(p.leave or AS_OF, AS_OF)
    if first > last:
        return 0
    return (last.year - first.year) * 12 + last.month - first.month + 1


def wage_fen(rng, low, high):
    """A monthly wage; about a third carry jiao (6835.5)."""
    y = rng.randint(low, high)
    return y * 100 + (rng.choice([10, 20, 50, 50, 80]) * (1 if rng.random() < 0.35 else 0))


# ---------------------------------------------------------------------------
# Writing delimited text the way each source program does
# ---------------------------------------------------------------------------

BLANK = object()     # a blank line in a file: a Calc row, not a record


def delimited_text(records, delimiter, newline):
    out = io.StringIO()
    for rec in records:
        if rec is BLANK:
            out.write(newline)
            continue
        buf = io.StringIO()
        csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL).writerow(rec)
        out.write(buf.getvalue())
    return out.getvalue()


def write_file(path, text, encoding):
    if encoding == "UTF-8-BOM":
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    elif encoding == "UTF-8":
        data = text.encode("utf-8")
    elif encoding == "UTF-16LE":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif encoding == "GB18030":
        data = text.encode("gb18030")
    else:
        raise ValueError(encoding)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# ---------------------------------------------------------------------------
# The company sample
# ---------------------------------------------------------------------------

COMPANY_BRANCHES = ["机关分会", "生产分会", "技术分会", "后勤分会"]
COMPANY_AREAS = ["320583", "320582", "320581", "320506", "321281", "342422", "412724", "513030", "430624", "360124"]
OUTPATIENT_DIAGNOSES = ["急性上呼吸道感染", "高血压", "2型糖尿病", "慢性胃炎", "腰椎间盘突出症", "过敏性鼻炎",
                        "颈椎病", "急性支气管炎", "龋齿", "湿疹", "结膜炎", "慢性咽炎", "痛风"]


def build_company():
    rng = random.Random(20251231)
    names, ids, phones = NameMaker(rng), IdMaker(rng, COMPANY_AREAS), PhoneMaker(rng)
    people = []

    def person(sex, birth, join, **kw):
        p = Person(name=names.make(sex), sex=sex, birth=birth, join=join,
                   id=ids.make(birth, sex), phone=phones.make(), **kw)
        people.append(p)
        return p

    def old_join(birth):
        earliest = max(add_years(birth, 20), date(1995, 3, 1))
        return random_day(rng, earliest, date(2024, 12, 20))

    # Six retired members who keep their membership (保留会籍); one retired in March 2025
    # (born February 1965: 60 years and 1 month under the reform) and is given 退休慰问.
    retiree_2025 = person("男", date(1965, 2, 11), date(1988, 7, 1), status="保留会籍", employment="退休",
                          branch="生产分会")
    for sex, birth in [("男", date(1958, 6, 23)), ("男", date(1961, 11, 2)), ("女", date(1963, 4, 17)),
                       ("女", date(1966, 9, 30)), ("女", date(1969, 1, 8))]:
        join = random_day(rng, add_years(birth, 21), add_years(birth, 38))     # joined long before retiring
        person(sex, birth, join, status="保留会籍", employment="退休", branch=rng.choice(COMPANY_BRANCHES))

    # Members in the roster who are not in post: early retirement inside the company, and sick leave.
    person("男", date(1967, 5, 19), date(1990, 3, 1), employment="内退", branch="后勤分会")
    person("女", date(1976, 12, 5), date(2001, 8, 1), employment="病休", branch="技术分会")
    # Migrant workers of the production branch.
    for birth in [date(1996, 3, 14), date(1998, 7, 27), date(2000, 10, 9)]:
        person("男", birth, old_join(birth), employment="农民工", branch="生产分会")

    # Twelve members who joined in 2025.
    join_days = [date(2025, 2, 10), date(2025, 3, 3), date(2025, 3, 17), date(2025, 4, 1), date(2025, 5, 6),
                 date(2025, 6, 3), date(2025, 7, 1), date(2025, 7, 15), date(2025, 8, 4), date(2025, 9, 1),
                 date(2025, 10, 8), date(2025, 11, 3)]
    for i, join in enumerate(join_days):
        sex = "女" if i in (1, 4, 6, 9, 11) else "男"
        birth = random_day(rng, date(1996, 1, 1), date(2003, 6, 30))
        person(sex, birth, join, branch=rng.choice(COMPANY_BRANCHES))

    # The other 108 in-post members: 43 women, 65 men, younger than 55 at the as-of date.
    sexes = ["女"] * 43 + ["男"] * 65
    rng.shuffle(sexes)
    for i, sex in enumerate(sexes):
        # Every third one born 1971-1982 so that there are parents of students among them.
        if i % 3 == 0:
            birth = random_day(rng, date(1971, 1, 1), date(1982, 12, 31))
        else:
            birth = random_day(rng, date(1971, 1, 1), date(2001, 12, 31))
        person(sex, birth, old_join(birth), branch=rng.choice(COMPANY_BRANCHES))

    # Rows that are no longer members at the as-of date.
    died_in_post = person("男", date(1972, 8, 21), date(1996, 9, 1), status="退会", branch="生产分会",
                          leave=date(2025, 6, 18))
    died_retired = person("男", date(1950, 2, 3), date(1975, 4, 1), status="退会", employment="退休",
                          branch="后勤分会", leave=date(2025, 3, 9))
    person("女", date(1993, 5, 28), date(2017, 7, 1), status="退会", branch="技术分会", leave=date(2025, 4, 30))
    person("男", date(1988, 12, 12), date(2012, 3, 1), status="转出", branch="机关分会", leave=date(2025, 9, 30))
    person("男", date(1990, 1, 26), date(2014, 6, 1), status="退会", branch="生产分会", leave=date(2023, 7, 31))

    # Wages and dues for everyone who paid dues in 2025 (保留会籍 pay none).
    for p in people:
        if p.status == "保留会籍" or (p.leave is not None and p.leave.year < YEAR) or p.employment == "退休":
            continue
        p.wage = wage_fen(rng, 3200, 5200) if p.employment in ("内退", "病休") else wage_fen(rng, 4300, 15800)
        p.months = months_in_year(p)

    # Employee numbers in order of joining; the roster is sorted by branch, then employee number.
    for n, p in enumerate(sorted(people, key=lambda q: (q.join, q.birth)), start=1):
        p.empno = f"{10000 + n * 7 + rng.randint(0, 6)}"
    people.sort(key=lambda q: (COMPANY_BRANCHES.index(q.branch), q.empno))

    # Hardship: 18 in-post or sick-leave members born 1971-1982 who joined before 2025.
    candidates = [p for p in people if p.status == "在册" and p.employment in ("在岗", "病休")
                  and p.birth.year <= 1982 and p.join.year < YEAR]
    assert len(candidates) >= 18, "too few hardship candidates"
    hardship = rng.sample(candidates, 18)
    kinds = ["深度困难"] * 4 + ["相对困难"] * 12 + ["意外致困"] * 2
    for p, kind in zip(hardship, kinds):
        p.hardship = kind

    members_now = [p for p in people if p.status in ("在册", "保留会籍") and p.member_on(AS_OF)]
    steady = [p for p in members_now if p.join.year < YEAR and p.status == "在册" and p.employment == "在岗"
              and p.hardship == "否"]

    # --- payments -------------------------------------------------------------------------
    pays = []

    def pay(p, category, amount, on, form="转账", event=None, relation="", student="", stage="", note=""):
        pays.append(dict(p=p, category=category, amount=amount, date=on, event=event, form=form,
                         relation=relation, student=student, stage=stage, note=note))

    festivals = [("春节慰问", date(2025, 1, 20), 50000, "春节慰问品：大米、食用油"),
                 ("端午慰问", date(2025, 5, 28), 20000, "粽子、咸鸭蛋"),
                 ("中秋慰问", date(2025, 9, 26), 30000, "月饼、水果")]
    for category, on, amount, note in festivals:
        for p in people:
            if p.member_on(on):
                pay(p, category, amount, on, form="实物", note=note)
    for p in people:
        on = date(YEAR, p.birth.month, 8)
        if p.member_on(on):
            pay(p, "生日慰问", 20000, on, form="卡券", note="生日蛋糕券")

    # Hospital stays: the claims below and the sick visits to three of them.
    rng2 = random.Random(7384)
    inpatients = rng2.sample(steady, 4)
    stays = [(date(2025, 3, 3), date(2025, 3, 12), "急性阑尾炎"), (date(2025, 5, 19), date(2025, 5, 27), "社区获得性肺炎"),
             (date(2025, 8, 4), date(2025, 8, 15), "胆囊结石伴胆囊炎"), (date(2025, 10, 20), date(2025, 10, 29), "腰椎间盘突出症")]
    for p, (admit, _, diagnosis), amount, form in zip(inpatients[:3], stays, [30000, 40000, 22450],
                                                      ["现金", "现金", "实物"]):
        pay(p, "生病住院慰问", amount, admit + timedelta(days=3), form=form, note=f"住院探望（{diagnosis}）")
    mothers = [p for p in steady if p.sex == "女" and 1990 <= p.birth.year <= 1997 and p not in inpatients]
    for p, amount, on in zip(rng2.sample(mothers, 2), [50000, 20000], [date(2025, 4, 22), date(2025, 11, 6)]):
        pay(p, "生育慰问", amount, on, note="生育慰问")

    # Deaths: a member in post and a retired member; their families also receive 抚恤金 from the company.
    pay(died_retired, "去世慰问", 150000, date(2025, 3, 11), event=died_retired.leave, form="现金", note="退休会员病故")
    pay(died_retired, "抚恤金", 40000, date(2025, 3, 25), event=died_retired.leave, note="遗属一次性抚恤")
    pay(died_in_post, "去世慰问", 200000, date(2025, 6, 20), event=died_in_post.leave, form="现金", note="在职会员因病去世")
    pay(died_in_post, "抚恤金", 80350, date(2025, 7, 15), event=died_in_post.leave, note="家属抚恤金")

    others = [p for p in steady if p not in inpatients]
    rng2.shuffle(others)
    pay(others[0], "亲属去世慰问", 50000, date(2025, 2, 18), event=date(2025, 2, 14), form="现金", relation="父亲")
    pay(others[1], "亲属去世慰问", 50000, date(2025, 10, 9), event=date(2025, 10, 3), form="现金", relation="母亲")
    young = [p for p in others[2:] if p.birth.year >= 1993]
    pay(young[0], "结婚慰问", 100000, date(2025, 5, 16), note="新婚慰问")
    pay(young[1], "结婚慰问", 100000, date(2025, 10, 10), note="新婚慰问")
    pay(retiree_2025, "退休慰问", 80000, date(2025, 3, 28), form="实物", note="光荣退休纪念品")

    # Hardship relief: 14 people, 10500 yuan; two of them helped twice.
    relief = hardship[:14]
    for p, amount in zip(relief, [100000, 100000, 80000, 80000, 50000, 50000, 50000, 50000, 60000, 60000, 60000,
                                  80000, 50000, 50000]):
        pay(p, "困难帮扶", amount, date(2025, 1, 15), note="春节送温暖")
    pay(relief[0], "困难帮扶", 80000, date(2025, 7, 10), note="医疗救助")
    pay(relief[2], "困难帮扶", 50000, date(2025, 11, 20), note="生活救助")

    # 金秋助学: 13 children of hardship members, 800 to 4000 yuan.
    grants = [(400000, "研究生"), (300000, "本科"), (300000, "本科"), (200000, "本科"), (200000, "本科"),
              (200000, "本科"), (150000, "专科"), (150000, "高职"), (100000, "专科"), (100000, "高职"),
              (100000, "高职"), (80000, "中职"), (80000, "中职")]
    for p, (amount, stage) in zip(hardship[5:18], grants):
        child_sex = rng2.choice(["男", "女"])
        surname = p.name[0] if p.sex == "男" else rng2.choice(SURNAMES)
        pay(p, "金秋助学", amount, date(2025, 8, 26), relation="子女", student=names.make(child_sex, surname),
            stage=stage, note="2025年金秋助学")

    pays.sort(key=lambda x: (x["date"], list(CATEGORY).index(x["category"]), x["p"].empno))

    # --- claims ---------------------------------------------------------------------------
    claims = []
    for p, (admit, discharge, diagnosis), approved in zip(inpatients, stays, [61240, 45565, 38050, 53575]):
        self_paid = 2 * approved if approved != 38050 else 76099     # 760.99 × 0.5 = 380.495 -> 380.50
        assert scale_half_up(self_paid, 1, 2) == approved
        insurance = rng2.randint(3000, 9000) * 100 + rng2.choice([0, 50])
        claims.append(dict(p=p, plan="住院", admit=admit, discharge=discharge, self_paid=self_paid,
                           insurance=insurance, total=insurance + self_paid, claimed=self_paid, approved=approved,
                           paid=discharge + timedelta(days=rng2.randint(18, 30)), diagnosis=diagnosis))

    outpatient_people = rng2.sample([p for p in steady if p not in inpatients[3:]], 11)
    counts = [4, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2]
    target = 540050
    while True:
        amounts = [rng2.randint(800, 3000) * 10 + rng2.choice([0, 0, 5]) for _ in range(27)]
        last = target - sum(amounts)
        amounts.append(last)
        if not 5000 <= last <= 40000:
            continue
        by_person, k = [], 0
        for c in counts:
            by_person.append(amounts[k:k + c])
            k += c
        if all(sum(a) <= OUTPATIENT_CAP for a in by_person):
            break
    for p, person_amounts in zip(outpatient_people, by_person):
        visits = sorted(rng2.sample(range(5, 330), len(person_amounts)))
        for day_no, approved in zip(visits, person_amounts):
            visit = date(YEAR, 1, 1) + timedelta(days=day_no)
            self_paid = -(-approved * 10 // 7)             # reimbursed about 70% of the self-paid part
            self_paid += rng2.choice([0, 0, 30, 100])
            insurance = rng2.randint(50, 900) * 100
            claims.append(dict(p=p, plan="门诊", admit=visit, discharge=None, self_paid=self_paid,
                               insurance=insurance, total=insurance + self_paid, claimed=self_paid,
                               approved=approved, paid=min(visit + timedelta(days=rng2.randint(7, 30)), AS_OF),
                               diagnosis=rng2.choice(OUTPATIENT_DIAGNOSES)))
    claims.sort(key=lambda c: (c["paid"], c["p"].empno, c["admit"]))

    # --- enrollments ----------------------------------------------------------------------
    women = [p for p in members_now if p.sex == "女" and p.join < date(YEAR, 1, 1)]
    enrolled = sorted(rng2.sample(women, 22), key=lambda q: (COMPANY_BRANCHES.index(q.branch), q.empno))

    members_rec = [MEMBER_HEADERS] + [member_cells(p) for p in people]
    payments_rec = [PAYMENT_HEADERS] + [
        [x["p"].name, x["p"].id, x["category"], yuan(x["amount"]), slash(x["date"]),
         slash(x["event"]) if x["event"] else "", x["form"], x["relation"], x["student"], x["stage"],
         x["p"].branch, x["note"]] for x in pays]
    claims_rec = [CLAIM_HEADERS] + [
        [c["p"].name, c["p"].id, c["plan"], slash(c["admit"]), slash(c["discharge"]) if c["discharge"] else "",
         yuan(c["total"]), yuan(c["insurance"]), yuan(c["self_paid"]), yuan(c["claimed"]), yuan(c["approved"]),
         slash(c["paid"]), c["diagnosis"]] for c in claims]
    enroll_rec = [ENROLLMENT_HEADERS] + [[p.name, p.id, "两癌", "20", "2025/1/1", "2025/12/31"] for p in enrolled]
    ledger_rec = [LEDGER_HEADERS] + company_ledger(members_rec, pays)

    files = {
        "会员名册.csv": (members_rec, "UTF-8-BOM", ",", "\r\n"),
        "帮扶慰问发放.csv": (payments_rec, "UTF-8-BOM", ",", "\r\n"),
        "医疗互助报销.csv": (claims_rec, "UTF-8-BOM", ",", "\r\n"),
        "两癌参保.csv": (enroll_rec, "UTF-8-BOM", ",", "\r\n"),
        "经费收支明细账.csv": (ledger_rec, "UTF-8-BOM", ",", "\r\n"),
    }
    for name, (records, encoding, delimiter, newline) in files.items():
        write_file(COMPANY_DIR / name, delimited_text(records, delimiter, newline), encoding)
    return files


# Payment categories booked on ledger lines (the default [reconcile]); 抚恤金 is the employer's money, not booked.
BOOKED_LINE = {"困难帮扶": "维权支出-困难职工帮扶费", "金秋助学": "维权支出-困难职工帮扶费", "其他": "职工活动支出-其他活动支出"}
WELFARE_ACCOUNT = "职工活动支出-职工集体福利支出"


def company_ledger(members_rec, pays):
    """The company union's 经费收支明细账 of 2025 (SPEC §4.2): 会费 equal to the roster's dues, 劳保用品 bought
    each quarter plus summer drinks (40281.8元), 25 staff trained (21410元 of 职工教育支出), the payments booked
    on their lines day by day (so that L03 agrees), and the other lines a 131-member union has."""
    dues_col = members_rec[0].index("已缴会费")
    dues = sum(parse_money(r[dues_col]) for r in members_rec[1:] if r[dues_col])
    quarters = [dues * k // 4 for k in range(5)]
    rows = []

    def entry(on, summary, account, income=None, expense=None, people="", form="转账"):
        rows.append([on, summary, account, yuan(income) if income is not None else "",
                     yuan(expense) if expense is not None else "", str(people) if people else "", form])
    for q, on in enumerate([date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 11, 5)]):
        entry(on, f"收缴第{q + 1}季度会费", "会费收入", income=quarters[q + 1] - quarters[q])
        entry(on + timedelta(days=-10), f"第{q + 1}季度工会经费拨缴返还", "拨缴经费收入", income=4800000)
    entry(date(2025, 1, 20), "行政补助（职工活动经费）", "行政补助收入", income=3000000)
    entry(date(2025, 6, 21), "银行存款利息", "其他收入", income=18235)
    for on, summary, fen in [(date(2025, 2, 25), "第一季度劳保用品（手套、口罩）", 865050),
                             (date(2025, 5, 20), "第二季度劳保用品（工作服）", 912030),
                             (date(2025, 7, 10), "夏季防暑降温清凉饮料", 440000),
                             (date(2025, 8, 22), "第三季度劳保用品（安全鞋）", 887600),
                             (date(2025, 10, 28), "第四季度劳保用品（防寒手套）", 923500)]:
        entry(on, summary, "维权支出-劳动保护费", expense=fen)
    for on, summary, people, fen in [(date(2025, 4, 18), "电工技能培训报销", 10, 856000),
                                     (date(2025, 6, 12), "焊工取证培训报销", 8, 720000),
                                     (date(2025, 9, 26), "叉车操作培训报销", 7, 565000)]:
        entry(on, summary, "职工活动支出-职工教育支出", expense=fen, people=people)
    entry(date(2025, 5, 9), "工会干部业务培训", "业务支出-培训费", expense=480000, people=3)
    entry(date(2025, 1, 15), "会员代表大会", "业务支出-会议费", expense=265000)
    entry(date(2025, 4, 30), "五一职工篮球赛", "职工活动支出-文体活动支出", expense=660000)
    entry(date(2025, 5, 6), "篮球赛场地费退回多付部分", "职工活动支出-文体活动支出", expense=-30000)
    entry(date(2025, 10, 16), "秋季职工运动会", "职工活动支出-文体活动支出", expense=945060)
    entry(date(2025, 4, 23), "职工读书活动购书", "职工活动支出-文体活动支出", expense=120000)
    entry(date(2025, 3, 8), "三八节宣传展板", "职工活动支出-宣传活动支出", expense=238000)
    entry(date(2025, 11, 4), "银行手续费", "其他支出", expense=12650)
    # The payments, booked day by day on their lines.
    booked = defaultdict(int)
    for x in pays:
        if x["category"] not in NOT_UNION_MONEY:
            booked[(x["date"], BOOKED_LINE.get(x["category"], WELFARE_ACCOUNT), x["category"])] += x["amount"]
    for (on, account, category), fen in booked.items():
        entry(on, f"发放{category}", account, expense=fen, form="实物" if category == "节日慰问" else "转账")
    rows.sort(key=lambda r: (r[0], r[3] == "", r[2], r[1]))
    return [[slash(r[0]), f"记-{i + 1:03d}"] + r[1:] for i, r in enumerate(rows)]


# ---------------------------------------------------------------------------
# The messy sample
# ---------------------------------------------------------------------------

MESSY_BRANCHES = ["一车间", "二车间", "综合办"]
MESSY_AREAS = ["330106", "330108", "330182", "330381", "341221", "362330"]
# A roster column added later that also means "phone" (F05): the landline, carried through unread.
MESSY_MEMBER_HEADERS = MEMBER_HEADERS + ["联系电话"]
# Characters a clerk types for one another (X03: a name that differs from the roster's by one character).
HOMOPHONES = {"丽": "莉", "莉": "丽", "静": "婧", "婧": "静", "伟": "玮", "军": "君", "明": "铭", "华": "桦",
              "红": "虹", "芳": "方", "杰": "洁", "峰": "锋", "林": "琳", "琳": "林", "燕": "艳", "艳": "燕",
              "斌": "彬", "涛": "韬", "辉": "晖", "敏": "民", "玲": "龄", "娟": "鹃", "霞": "侠", "勇": "涌"}


class Pasted:
    """A record pasted in from another computer's file: written in its own encoding (F01)."""

    def __init__(self, cells, encoding):
        self.cells = cells
        self.encoding = encoding


def encoded_records(records, delimiter, newline, encoding, cut_tail=None):
    """The file's bytes: each record in the file's encoding, a Pasted one in its own; `cut_tail` is the
    text of a last record cut off mid-file (no line end), written as is."""
    out = bytearray(b"\xef\xbb\xbf" if encoding == "UTF-8-BOM" else b"\xff\xfe" if encoding == "UTF-16LE" else b"")
    codec = {"UTF-8-BOM": "utf-8", "UTF-8": "utf-8", "UTF-16LE": "utf-16-le", "GB18030": "gb18030"}[encoding]
    for rec in records:
        if isinstance(rec, Pasted):
            out += delimited_text([rec.cells], delimiter, newline).encode(rec.encoding)
        else:
            out += delimited_text([rec], delimiter, newline).encode(codec)
    if cut_tail is not None:
        out += cut_tail.encode(codec)
    return bytes(out)


def long_visit_report(name):
    """A 备注 longer than a spreadsheet cell holds (F08): a home-visit report pasted whole, without line breaks."""
    parts = [f"{name}同志家庭困难情况走访记录。"]
    n = 0
    while sum(map(len, parts)) <= 33000:
        n += 1
        parts.append(f"第{n}次走访：工会小组长与车间主任一同上门，了解到家中老人常年卧床、子女在读，"
                     f"配偶无固定收入，每月药费支出较大；已登记困难职工档案，建议继续给予送温暖帮扶，"
                     f"并协助申请医疗救助和金秋助学。")
    return "".join(parts)


def old_system_html(title, header, rows):
    """What old HR systems export as "Excel": a web page (HTML table) named .xls. unionbatch reads
    workbooks by their bytes, and this one is none (F09: save it as .xlsx)."""
    from xml.sax.saxutils import escape

    def row(values, tag="td"):
        return "<tr>" + "".join(f"<{tag}>{escape(v)}</{tag}>" for v in values) + "</tr>\n"

    html = ('<html xmlns:x="urn:schemas-microsoft-com:office:excel">\n<head><meta charset="utf-8"></head>\n<body>\n'
            f"<table>\n<tr><td colspan=\"{len(header)}\">{escape(title)}</td></tr>\n" + row(header, "th")
            + "".join(row(r) for r in rows) + "</table>\n</body>\n</html>\n")
    return html.encode("utf-8")


# The messy folder's files, in the order the README lists them:
# name -> (encoding, delimiter, line ends, zh, en). Encoding None: not delimited text, or empty.
MESSY_FILES = {
    "会员名册.csv": ("GB18030", ",", "CRLF", "会员名册，第1行是标题 / roster with a title row"),
    "帮扶慰问发放.csv": ("UTF-8", ",", "LF", "帮扶慰问发放，其中一行是从别的电脑粘贴来的GBK文本，最后是表尾 / payments, one row pasted in GBK, a footer at the end"),
    "慰问补录.csv": ("UTF-8-BOM", ",", "CRLF", "补录的慰问，第一行还是模板的示例行，导出时在最后一行中间断了 / more payments, the template's example row still first, cut off inside the last row"),
    "医疗互助报销.txt": ("UTF-16LE", "\t", "CRLF", "医疗互助报销（Excel“Unicode文本”），两行表头 / claims (Excel \"Unicode text\") with a two-row header"),
    "两癌参保.csv": ("UTF-8", ";", "LF", "两癌参保，最后一行是合计 / enrolments, a total row at the end"),
    "参保名单.csv": ("UTF-8-BOM", ",", "CRLF", "保险公司给的参保名单，没有身份证号 / the insurer's list, without ID numbers"),
    "转出人员名单.csv": ("UTF-8-BOM", ",", "CRLF", "只有表头，今年没有人转出 / header only: nobody transferred out this year"),
    "新建文本文档.txt": (None, None, None, "右键“新建”得到的空文件 / an empty file made with right-click New"),
    "旧会员名册.xls": (None, None, None, "2019年的旧名册，旧系统导出的网页（HTML）/ the 2019 roster, a web page an old system saved as .xls"),
    "经费收支明细账.csv": ("GB18030", ",", "CRLF", "财务软件导出的经费收支明细账 / the union's funds ledger from the accounting software"),
}


def build_messy():
    rng = random.Random(1624)
    names, ids, phones = NameMaker(rng), IdMaker(rng, MESSY_AREAS), PhoneMaker(rng)
    people = []

    def person(sex, birth, join, **kw):
        p = Person(name=names.make(sex), sex=sex, birth=birth, join=join,
                   id=ids.make(birth, sex), phone=phones.make(), **kw)
        p.branch = kw.get("branch") or rng.choice(MESSY_BRANCHES)
        people.append(p)
        return p

    # 40 clean members: 2 retired (保留会籍), 2 who joined in 2025, 36 in post; 16 women.
    person("男", date(1960, 5, 4), date(1985, 9, 1), status="保留会籍", employment="退休")
    person("女", date(1968, 10, 22), date(1992, 4, 1), status="保留会籍", employment="退休")
    sexes = ["女"] * 15 + ["男"] * 21
    rng.shuffle(sexes)
    for sex in sexes:
        birth = random_day(rng, date(1972, 1, 1), date(2000, 12, 31))
        join = date(rng.randint(max(birth.year + 20, 2003), 2024), rng.randint(1, 12), 1)   # month-only in the file
        person(sex, birth, join)
    late_joiner = person("男", date(1999, 7, 16), date(2025, 3, 1))
    person("女", date(2001, 2, 9), date(2025, 6, 16))
    for p in people:
        if p.status == "在册":
            p.wage = wage_fen(rng, 3800, 9800)
            p.months = months_in_year(p)
    for n, p in enumerate(people, start=1):
        p.empno = f"M{n:03d}"
    dup_source = people[3]          # entered twice in the roster (M05): referenced nowhere else
    in_post = [p for p in people if p.status == "在册" and p.join.year < YEAR and p is not dup_source]
    helped = in_post[4]
    grant_parent = next(p for p in in_post if p.birth.year <= 1982 and p is not helped)
    helped.hardship = "深度困难"
    grant_parent.hardship = "相对困难"

    def landline(p):
        n = int(p.empno[1:])
        return f"0571-{86000000 + n * 1373}" if n % 4 == 1 else ""

    def member_row(p):
        # Month-only join dates (`2010年3月`) for members who joined before 2025, as many old rosters keep them.
        join_text = (lambda d: f"{d.year}年{d.month}月") if p.join.year < YEAR and p.join.day == 1 and p.status == "在册" \
            else slash
        return member_cells(p, join_text=join_text) + [landline(p)]

    # Planted roster rows: extra people who appear nowhere else, and one duplicate.
    def extra(sex, birth, join):
        p = Person(name=names.make(sex), sex=sex, birth=birth, join=join, id=ids.make(birth, sex),
                   phone=phones.make(), branch=rng.choice(MESSY_BRANCHES))
        p.wage = wage_fen(rng, 3800, 9800)
        p.months = months_in_year(p)
        p.empno = f"M{len(people) + len(extras) + 1:03d}"
        extras.append(p)
        return p

    extras = []
    v06 = extra("女", date(1991, 8, 13), date(2016, 5, 1))
    m01 = extra("男", date(1983, 3, 28), date(2008, 9, 1))
    v02 = extra("男", date(1995, 12, 2), date(2021, 4, 1))
    m02a = extra("男", date(1986, 1, 19), date(2011, 7, 1))
    m02b = extra("女", date(1989, 6, 6), date(2014, 3, 1))
    m03 = extra("女", date(1988, 12, 6), date(2012, 7, 1))
    m04 = extra("女", date(1992, 3, 15), date(2015, 9, 1))
    m06 = extra("男", date(1985, 10, 28), date(2009, 4, 1))
    m07 = extra("男", date(1994, 5, 20), date(2018, 9, 1))
    m08 = extra("男", date(1960, 8, 15), date(1983, 7, 1))
    m09 = extra("女", date(1979, 2, 23), date(2004, 3, 1))
    m10 = extra("男", date(1971, 4, 9), date(1993, 5, 1))
    m09.wage = 683550

    good = m01.id
    m01_id = good[:17] + ("1" if good[17] != "1" else "2")
    assert check_char(m01_id[:17]) != m01_id[17] and not m01_id.endswith("000")
    m02b_id = m02b.id[:15] + "000"
    assert check_char(m02b_id[:17]) != "0", "the zeroed tail must fail the check"
    assert int(m02b_id[16]) % 2 == 0 and m02b.sex == "女"
    m03_birth = date(m03.birth.year, m03.birth.day, m03.birth.month)       # month and day swapped
    assert m03_birth != m03.birth
    m06_phone = m06.phone[:7] + m06.phone[8:]                                # one digit left out
    m07_join = date(2008, 9, 1)                                              # 2018 mistyped: aged 14
    assert whole_years(m07.birth, m07_join) < MIN_JOIN_AGE
    assert retirement_date(m08.birth, "男") <= AS_OF
    m09_dues = scale_half_up(m09.wage, 5, 1000) * m09.months                 # 0.5% of the unrounded wage
    assert abs(m09_dues - m09.dues) > 1
    m10_legacy = m10.id[:6] + m10.id[8:17]
    assert len(m10_legacy) == 15

    title = ["2025年工会会员名册"] + [""] * (len(MESSY_MEMBER_HEADERS) - 1)
    records = [title, MESSY_MEMBER_HEADERS]
    plants = []      # dict(file, index: record index or None for the file, field, rule, zh, en[, column])
    col = {h: i for i, h in enumerate(MESSY_MEMBER_HEADERS)}
    roster_file = "会员名册.csv"

    def plant(file, index, field, rule, zh, en, column=None):
        plants.append(dict(file=file, index=index, field=field, rule=rule, zh=zh, en=en, column=column))

    plant(roster_file, 0, None, "F07", "第1行是标题“2025年工会会员名册”，不是表头：跳过该行",
          "row 1 is the title 2025年工会会员名册, not the header: skipped")
    plant(roster_file, 1, "phone", "F05", "表头“手机号”和“联系电话”都是电话：以前面的“手机号”为准，“联系电话”（座机）原样保留",
          "headers 手机号 and 联系电话 both mean phone: the first (手机号) is used, 联系电话 (landlines) is carried through",
          column=column_letter(col["联系电话"]))
    planted_at = {5: "v06", 8: "m03", 11: "m01", 14: "m04", 17: "v02", 20: "m06", 23: "m02a", 26: "m07",
                  29: "m02b", 32: "m08", 35: "m09", 41: "m10", 44: "dup"}
    clean_iter = iter(people)
    for k in range(len(people) + len(planted_at)):
        tag = planted_at.get(k)
        if tag is None:
            records.append(member_row(next(clean_iter)))
            continue
        idx = len(records)
        p = {"v06": v06, "m01": m01, "v02": v02, "m02a": m02a, "m02b": m02b, "m03": m03, "m04": m04, "m06": m06,
             "m07": m07, "m08": m08, "m09": m09, "m10": m10, "dup": dup_source}[tag]
        row = member_cells(p) + [landline(p)] if tag != "dup" else member_row(p)
        if tag == "v06":
            row[col["会员状态"]] = "正常"
            plant(roster_file, idx, "status", "V06", "会员状态填写为“正常”，不是规定的取值（在册、保留会籍、退会、转出）",
                  "status 正常 is not a known value (在册, 保留会籍, 退会, 转出)")
        elif tag == "m01":
            row[col["身份证号"]] = m01_id
            plant(roster_file, idx, "id_number", "M01", f"身份证号 {m01_id} 最后一位校验码错误",
                  f"ID number {m01_id} has a wrong check character")
        elif tag == "v02":
            row[col["入会日期"]] = "去年"
            plant(roster_file, idx, "join_date", "V02", "入会日期写成“去年”，不是日期",
                  "join date written as 去年 (last year), not a date")
        elif tag == "m02a":
            row[col["身份证号"]] = "1.10105E+17"
            plant(roster_file, idx, "id_number", "M02", "身份证号被Excel改成科学计数法 1.10105E+17",
                  "ID number turned into scientific notation 1.10105E+17 by Excel")
        elif tag == "m02b":
            row[col["身份证号"]] = m02b_id
            plant(roster_file, idx, "id_number", "M02", f"身份证号 {m02b_id} 末三位被Excel改成000",
                  f"ID number {m02b_id}: Excel replaced the last three digits with 000")
        elif tag == "m03":
            row[col["出生日期"]] = slash(m03_birth)
            plant(roster_file, idx, "birth_date", "M03",
                  f"出生日期写成 {slash(m03_birth)}，身份证号上是 {slash(m03.birth)}（月、日颠倒）",
                  f"birth date written {slash(m03_birth)}; the ID number says {slash(m03.birth)} (month and day swapped)")
        elif tag == "m04":
            row[col["性别"]] = "男"
            plant(roster_file, idx, "gender", "M04", f"{m04.name} 性别填“男”，身份证号第17位是偶数（女）",
                  f"{m04.name}: gender 男, but the 17th digit of the ID number is even (female)")
        elif tag == "m06":
            row[col["手机号"]] = m06_phone
            plant(roster_file, idx, "phone", "M06", f"手机号 {m06_phone} 只有10位（漏了一位）",
                  f"phone {m06_phone} has 10 digits (one left out)")
        elif tag == "m07":
            row[col["入会日期"]] = f"{m07_join.year}年{m07_join.month}月"
            plant(roster_file, idx, "join_date", "M07",
                  f"入会日期 {m07_join.year}年{m07_join.month}月，当时只有{whole_years(m07.birth, m07_join)}岁（应是2018年）",
                  f"join date {m07_join.year}-{m07_join.month:02d}: aged {whole_years(m07.birth, m07_join)} then (2018 meant)")
        elif tag == "m08":
            plant(roster_file, idx, "employment", "M08",
                  f"{m08.name} {m08.birth.year}年出生，已过法定退休年龄（{retirement_date(m08.birth, '男'):%Y年%-m月}），在岗状态仍是“在岗”",
                  f"{m08.name}, born {m08.birth.year}, passed retirement age on {retirement_date(m08.birth, '男')} "
                  "but is still 在岗")
        elif tag == "m09":
            row[col["已缴会费"]] = yuan(m09_dues)
            plant(roster_file, idx, "dues_paid", "M09",
                  f"已缴会费 {yuan(m09_dues)}，应为 {yuan(m09.dues)}（月工资 {yuan(m09.wage)} 应先舍到10元再乘0.5%）",
                  f"dues paid {yuan(m09_dues)}, expected {yuan(m09.dues)} (the wage {yuan(m09.wage)} is first "
                  "rounded down to 10 yuan, then 0.5%)")
        elif tag == "m10":
            row[col["身份证号"]] = m10_legacy
            plant(roster_file, idx, "id_number", "M10", f"15位旧身份证号 {m10_legacy}，按规则升级为18位 {m10.id}",
                  f"15-digit legacy ID number {m10_legacy}, upgraded to {m10.id}")
        else:
            first = records.index(row) + 1
            plant(roster_file, idx, "id_number", "M05", f"{dup_source.name} 的身份证号与第{first}行重复（同一人录入两次）",
                  f"{dup_source.name}'s ID number repeats row {first} (entered twice)")
        records.append(row)
    roster_records = records

    # --- payments: UTF-8 without BOM, LF, comma ---------------------------------------------
    pay_file = "帮扶慰问发放.csv"
    precords = [PAYMENT_HEADERS]
    usable = [p for p in people if p is not dup_source and p.status == "在册" and p.join.year < YEAR
              and p not in (helped, grant_parent)]
    rng.shuffle(usable)
    pool = list(usable)

    def take(pred=lambda q: True):
        q = next(q for q in pool if pred(q))
        pool.remove(q)
        return q

    def prow(p, category, amount, on, form="转账", event="", relation="", student="", stage="", note="", name=None):
        return [name or p.name, p.id, category, amount, on, event, form, relation, student, stage, p.branch, note]

    def planted(row, field, rule, zh, en, file=pay_file, recs=precords):
        plant(file, len(recs), field, rule, zh, en)
        recs.append(row)

    spring = [take() for _ in range(6)]
    precords.append(prow(spring[0], "春节慰问", "300", "2025-01-20", form="实物", note="大米,食用油各一份"))
    for p in spring[1:4]:
        precords.append(prow(p, "春节慰问", "300", "2025-01-20", form="实物"))
    planted(prow(late_joiner, "春节慰问", "300", "2025-01-20", form="实物"), "date", "X02",
            f"{late_joiner.name} 2025年3月1日才入会，1月20日发放时还不是会员",
            f"{late_joiner.name} joined on 2025-03-01: not yet a member on the payment date 2025-01-20")
    precords.append(prow(spring[4], "春节慰问", "300", "2025-01-20", form="实物"))
    ragged = prow(spring[5], "春节慰问", "300", "2025-02-10", form="实物", note="春节慰问")
    ragged.append("补发")          # the clerk typed 春节慰问,补发 in 备注 without quotes
    planted(ragged, None, "F02", "备注里的逗号没有加引号，这一行多出一个单元格（13个，表头12个）",
            "an unquoted comma in 备注 gives this row 13 cells against 12 in the header")
    planted(prow(take(), "节日慰问", "200", "2024-12-20", form="实物", note="元旦慰问品"), "date", "V04",
            "发放日期 2024-12-20 不在2025年度：不计入本年度数字",
            "payment date 2024-12-20 is outside the reporting year 2025: left out of the figures")
    precords.append(prow(helped, "困难帮扶", "1200元", "2025-01-15", note="春节送温暖"))
    precords.append(BLANK)
    birthday_twice = take()
    precords.append(prow(birthday_twice, "生日慰问", "200", "2025-04-08", form="卡券"))
    planted(prow(take(), "生日慰问", "200", "2025-02-30", form="卡券"), "date", "V02",
            "发放日期 2025-02-30 不存在（2月没有30日）", "payment date 2025-02-30 does not exist")
    planted(prow(take(), "生病住院慰问", "1.2.3", "2025-05-12", form="现金"), "amount", "V03",
            "金额“1.2.3”不是数字", "amount 1.2.3 is not a number")
    precords.append(prow(take(), "生病住院慰问", "¥500", "2025-06-03", form="实物", note="住院探望\n附：出院小结复印件"))
    planted(prow(take(), "结婚慰问", "", "2025-05-20", note="新婚慰问"), "amount", "V01",
            "金额为空（必填）", "amount is empty (required)")
    outsider_birth = date(1987, 4, 3)
    outsider = Person(name=names.make("男"), sex="男", birth=outsider_birth, join=None, id=ids.make(outsider_birth, "男"),
                      branch="一车间")
    planted(prow(outsider, "生病住院慰问", "300", "2025-07-14", form="现金", note="临时工"), "id_number", "X01",
            f"{outsider.name}（{outsider.id}）不在会员名册中", f"{outsider.name} ({outsider.id}) is not in the roster")
    planted(prow(take(), "端午慰问", "200", "2025-05-30", form="现金", note="端午节"), "form", "P05",
            "端午慰问（节日慰问）发了现金：节日慰问只能发实物或转账", "a 端午慰问 (festival gift) paid in cash (现金)")
    gbk_row = prow(take(), "端午慰问", "200", "2025-05-30", form="实物", note="粽子、咸鸭蛋（二车间补报）")
    plant(pay_file, len(precords), None, "F01", "这一行是从二车间的GBK文件里复制粘贴进来的，不是UTF-8：该行无法读取",
          "this row was pasted from 二车间's GBK file into the UTF-8 file: it cannot be read")
    precords.append(Pasted(gbk_row, "gbk"))
    planted(prow(take(), "生病住院慰问", "1500", "2025-06-18", form="现金", note="住院探望（骨折手术）"), "amount", "P02",
            "生病住院慰问单笔 1500 元，超过上限 1000 元", "a 生病住院慰问 of 1500 yuan is above the 1000 yuan limit")
    x03 = next(q for q in usable if q.name[-1] in HOMOPHONES and q in pool)
    pool.remove(x03)
    x03_name = x03.name[:-1] + HOMOPHONES[x03.name[-1]]
    planted(prow(x03, "生病住院慰问", "300", "2025-07-02", form="实物", note="住院探望", name=x03_name), "name", "X03",
            f"姓名写成“{x03_name}”，名册中是“{x03.name}”（同音字）",
            f"name written {x03_name}; the roster has {x03.name} (a homophone)")
    planted(prow(take(), "医疗救助", "800", "2025-07-21", note="家属住院"), "category", "P07",
            "医疗救助（困难帮扶）发给了名册中不是困难职工的会员", "医疗救助 (困难帮扶) paid to a member who is not 困难职工 in the roster")
    child = names.make("女", grant_parent.name[0])
    precords.append(prow(grant_parent, "金秋助学", "2000", "2025-08-25", relation="子女", student=child, stage="本科",
                         note="2025年金秋助学"))
    helped_child = names.make("男", helped.name[0] if helped.sex == "男" else rng.choice(SURNAMES))
    planted(prow(helped, "金秋助学", "700", "2025-08-25", relation="子女", student=helped_child, stage="中职",
                 note="2025年金秋助学"), "amount", "P06",
            "金秋助学 700 元，低于 800 到 5000 元的标准", "a 金秋助学 grant of 700 yuan is below the 800-5000 yuan band")
    planted(prow(take(), "亲属去世慰问", "500", "2025-08-29", event="2025-08-26", form="现金", relation="兄弟姐妹"),
            "relation", "P08", "亲属去世慰问发给了兄弟姐妹去世的会员：只限配偶、父母、子女",
            "亲属去世慰问 for a brother or sister: only a spouse, parent or child qualifies")
    planted(prow(take(), "加班补贴", "400", "2025-10-08"), "category", "P01",
            "类别“加班补贴”不是帮扶慰问项目（工会经费不能发加班补贴）",
            "category 加班补贴 (overtime pay) is not a known category")
    precords.append(prow(take(), "亲属去世慰问", "500", "2025-09-05", event="2025-09-02", form="现金", relation="母亲"))
    autumn = [take() for _ in range(4)]
    for q in autumn:
        precords.append(prow(q, "中秋慰问", "200", "2025-09-26", form="实物", note="月饼"))
    first = len(precords)
    planted(prow(autumn[3], "中秋慰问", "200", "2025-09-26", form="实物", note="月饼"), "amount", "P04",
            f"与第{first}行完全相同的中秋慰问（录入了两次）", f"the same 中秋慰问 as row {first} (entered twice)")
    precords.append(prow(grant_parent, "困难帮扶", "600", "2025-10-20", note=long_visit_report(grant_parent.name)))
    plant(pay_file, len(precords) - 1, "note", "F08",
          f"备注是一整篇走访记录，{len(precords[-1][11])}个字，超过表格单元格的32767个字符：表格中被截断",
          f"备注 holds a whole home-visit report, {len(precords[-1][11])} characters, more than a spreadsheet cell's "
          "32,767: cut in the spreadsheets")
    planted(prow(birthday_twice, "生日慰问", "200", "2025-10-08", form="卡券"), "amount", "P03",
            f"{birthday_twice.name} 4月8日已领生日慰问200元，再发200元，全年合计400元超过上限300元",
            f"{birthday_twice.name} already had a 200 yuan 生日慰问 on 8 April: 400 yuan in the year is above the 300 limit")
    row = prow(take(), "生日慰问", "200", "2026-01-15", form="卡券")
    plant(pay_file, len(precords), "date", "V04", "发放日期 2026-01-15 不在2025年度",
          "payment date 2026-01-15 is outside the reporting year 2025")
    planted(row, "date", "V05", "发放日期 2026-01-15 晚于统计截止日 2025-12-31（多半是把2025打成了2026）",
            "payment date 2026-01-15 is after the as-of date 2025-12-31 (probably 2025 mistyped)")
    precords.append(prow(take(), "结婚慰问", "1,000.00", "2025-11-18", note="新婚慰问"))
    planted(prow(m02a, "生病住院慰问", "300", "2025-11-20", form="现金", note="住院探望"), "id_number", "X04",
            f"{m02a.name} 的身份证号不在名册中：名册里此人的身份证号已被Excel改成 1.10105E+17（应修正名册，不是补录此人）",
            f"{m02a.name}'s ID number is not in the roster: the roster's is the Excel-damaged 1.10105E+17 (fix the "
            "roster rather than adding the person)")
    plant(pay_file, len(precords), None, "F11", "表尾两行（制表人、审核人，后面补了逗号）不是数据：整个表尾一处提示",
          "two footer lines (制表人, 审核人, padded with commas) are not data: one finding for the footer", column="A")
    precords.append(["制表人：王丽"] + [""] * (len(PAYMENT_HEADERS) - 1))
    precords.append(["审核人：李强"] + [""] * (len(PAYMENT_HEADERS) - 1))

    # --- more payments, cut off: UTF-8 with BOM, CRLF, comma --------------------------------
    extra_file = "慰问补录.csv"
    xrecords = [PAYMENT_HEADERS + [""]]
    plant(extra_file, 0, None, "F12", "最后一列没有表头，但有一行在此列写了“已电话核实”：该列未读取",
          "the last column has no header but one row holds 已电话核实 there: the column is not read", column="M")
    plant(extra_file, len(xrecords), None, "F13", "第一条还是 unionbatch init 模板里的示例行（姓名“示例张芳”）：不计入",
          "the first row is still the example row of the unionbatch init template (示例张芳): left out", column="A")
    xrecords.append(["示例张芳", "110105199003071247", "生病住院慰问", "500", "2025-03-15", "2025-03-10", "转账", "", "", "",
                     "一分会", "住院探望", ""])
    xrecords.append(prow(take(lambda q: q.sex == "女"), "生育慰问", "500", "2025-08-12", note="生育慰问") + ["已电话核实"])
    xrecords.append(prow(take(), "结婚慰问", "800", "2025-12-05", note="新婚慰问") + [""])
    cut = prow(take(), "生病住院慰问", "400", "2025-12-10", form="现金")
    cut_tail = ",".join(cut[:-1]) + ',"住院探望（急性胃'
    plant(extra_file, len(xrecords), None, "F03", "文件在这一行的备注中间断了：引号没有结束，该行无法读取",
          "the file ends inside this row's quoted 备注: the quote is never closed and the row cannot be read")

    # --- claims: UTF-16LE with BOM, tab, CRLF --------------------------------------------
    claim_file = "医疗互助报销.txt"
    upper = CLAIM_HEADERS[:5] + ["费用情况", "", "", ""] + ["报销情况", "", CLAIM_HEADERS[11]]
    lower = [""] * 5 + CLAIM_HEADERS[5:11] + [""]
    plant(claim_file, 0, None, "F07", "第1、2行是两行表头（“费用情况”“报销情况”下面才是列名）：逐列合并后读取",
          "rows 1 and 2 are a two-row header (the field names under 费用情况 and 报销情况): combined column by column")
    crecords = [upper, lower]
    eligible = [p for p in people if p is not dup_source and p.join.year < YEAR and p.status == "在册"]
    patients = rng.sample(eligible, 11)
    man_c05 = next(p for p in eligible if p.sex == "男" and p not in patients)

    def crow(p, plan, admit, discharge, total, insurance, self_paid, approved, paid, diagnosis, claimed=None):
        return [p.name, p.id, plan, admit, discharge, total, insurance, self_paid, claimed or self_paid, approved, paid,
                diagnosis]

    def cplanted(row, field, rule, zh, en):
        planted(row, field, rule, zh, en, file=claim_file, recs=crecords)

    c03 = patients[8]
    crecords.append(crow(patients[0], "门诊", "2025.2.17", "", "420.5", "250", "170.5", "119.35", "2025.3.5", "慢性胃炎"))
    crecords.append(crow(patients[1], "住院", "2025.3.9", "2025.3.18", "12680", "9890.4", "2789.6", "1394.8",
                         "2025.4.2", "急性阑尾炎"))
    crecords.append(crow(patients[2], "门诊", "2025.4.21", "", "310", "180", "130", "91", "2025.5.8", "高血压"))
    cplanted(crow(patients[3], "门诊", "2025.5.6", "", "265", "150", "115", "-5", "2025.5.20", "过敏性鼻炎"),
             "approved", "V03", "报销金额为负数“-5”", "approved amount -5 is negative")
    crecords.append(crow(c03, "门诊", "2025.4.8", "", "980", "380", "600", "420", "2025.4.25", "腰椎间盘突出症"))
    crecords.append(crow(patients[4], "门诊", "2025.6.30", "", "188", "100", "88", "61.6", "2025.7.14", "急性支气管炎"))
    cplanted(crow(patients[7], "门诊", "2025.7.21", "", "226", "100", "126", "162", "2025.8.6", "湿疹"),
             "approved", "C01", "报销金额 162 元超过申请金额 126 元（数字颠倒）",
             "approved 162 yuan is above the 126 yuan claimed (digits swapped)")
    crecords.append(crow(c03, "门诊", "2025.8.11", "", "843", "300", "543", "380", "2025.8.29", "腰椎间盘突出症"))
    inpatient = crow(patients[5], "住院", "2025.9.1", "2025.9.6", "6420.3", "4630", "1790.3", "895.15", "2025.9.22", "肺炎")
    crecords.append(inpatient)
    first = len(crecords)
    cplanted(list(inpatient), "approved", "C06", f"与第{first}行完全相同的住院报销（录入了两次）",
             f"the same 住院 claim as row {first} (entered twice)")
    cplanted(crow(patients[10], "住院", "2025.9.15", "2025.9.25", "15286", "12000", "3286", "1971.6", "2025.10.17",
                  "冠心病"), "approved", "C02", "住院报销 1971.6 元，按50%应为 1643 元（按60%算了）",
             "住院 approved 1971.6 yuan; at the rate 50% it should be 1643 yuan (60% was used)")
    cplanted(crow(man_c05, "两癌", "2025.10.9", "2025.10.20", "38600", "33600", "5000", "4000", "2025.11.7", "结肠癌"),
             "plan", "C05", f"{man_c05.name}（男）的报销选了“两癌”：应是重大疾病",
             f"{man_c05.name}, a man, claimed under 两癌 (重大疾病 meant)")
    cplanted(crow(patients[9], "住院", "2025.10.14", "2025.10.4", "9460", "7000", "2460", "1230", "2025.11.12", "胆囊炎"),
             "discharge_date", "C04", "出院日期 2025.10.4 早于入院日期 2025.10.14（漏打了“2”）",
             "discharge 2025.10.4 is before admission 2025.10.14 (a 2 left out)")
    crecords.append(crow(patients[6], "门诊", "2025.11.3", "", "356", "200", "156", "109.2", "2025.11.20", "颈椎病"))
    cplanted(crow(c03, "门诊", "2025.11.24", "", "630", "200", "430", "300", "2025.12.10", "腰椎间盘突出症"),
             "approved", "C03", f"{c03.name} 本年门诊已报 800 元，加上此笔 300 元共 1100 元，超过封顶线 1000 元",
             f"{c03.name} had 800 yuan of 门诊 claims this year: with this 300 it is 1100, above the 1000 cap")

    # --- enrollments: UTF-8, semicolons, LF ------------------------------------------------
    enroll_file = "两癌参保.csv"
    erecords = [ENROLLMENT_HEADERS]
    women = [p for p in people if p.sex == "女" and p.join.year < YEAR and p is not dup_source]
    women = rng.sample(women, 8)

    def eplanted(row, field, rule, zh, en):
        planted(row, field, rule, zh, en, file=enroll_file, recs=erecords)

    def erow(p, premium="20"):
        return [p.name, p.id, "两癌", premium, "2025年1月1日", "2025年12月31日"]

    for i, p in enumerate(women):
        if i == 2:
            eplanted(erow(p, "25"), "premium", "E01", "保费 25 元，两癌标准保费是 20 元",
                     "premium 25 yuan; the standard 两癌 premium is 20 yuan")
        elif i == 5:
            eplanted(erow(p, "12.345"), "premium", "V03", "保费“12.345”有三位小数", "premium 12.345 has three decimals")
        else:
            erecords.append(erow(p))
    man_e02 = next(p for p in eligible if p.sex == "男" and p not in (man_c05,) and p not in patients)
    eplanted(erow(man_e02), "plan", "E02", f"{man_e02.name}（男）参保了两癌：两癌只限女职工",
             f"{man_e02.name}, a man, enrolled in 两癌 (women only)")
    eplanted(erow(women[0]), "plan", "E03", f"{women[0].name} 在第2行已参保两癌，又录了一次",
             f"{women[0].name} is already enrolled in 两癌 on row 2: enrolled twice")
    # The clerk's 合计 adds every premium that reads (12.345 does not); it is right, and still no record.
    premiums = sum(parse_money(r[3]) for r in erecords[1:] if parse_money(r[3]) is not None)
    plant(enroll_file, len(erecords), None, "F10", f"最后一行是合计行（保费合计 {yuan(premiums)} 元，与明细相符）：不计入任何数字",
          f"the last row is a total (premiums {yuan(premiums)} yuan, matching the rows): left out of every figure", column="A")
    erecords.append(["合计", "", "", yuan(premiums), "", ""])

    # --- files that are refused, empty or not read ---------------------------------------------
    list_file = "参保名单.csv"
    lrecords = [["姓名", "险种", "保费", "保障起期", "保障止期"]] + \
        [[p.name, "两癌", "20", "2025/1/1", "2025/12/31"] for p in women[:3]]
    plant(list_file, None, None, "F04", "文件名说是参保名单，但没有身份证号列：整个文件未读取",
          "named as an enrolment list but has no ID number column: the whole file is refused")
    moved_file = "转出人员名单.csv"
    mrecords = [["姓名", "身份证号", "会员状态", "转出日期", "转入单位"]]
    plant(moved_file, None, None, "F06", "只有表头，没有数据行", "a header and no data rows")
    empty_file = "新建文本文档.txt"
    plant(empty_file, None, None, "F06", "空文件（0字节）", "an empty file (0 bytes)")
    sheet_file = "旧会员名册.xls"
    plant(sheet_file, None, None, "F09", "实为网页（HTML），不是表格文件：请另存为.xlsx", "a web page (HTML), not a workbook: save it as .xlsx")
    old = [p for p in people if p.join.year < 2019][:3]
    xlsx = old_system_html("2019年工会会员名册", ["姓名", "性别", "身份证号", "分会"],
                     [[p.name, p.sex, p.id, p.branch] for p in old])

    # --- the funds ledger: an unknown account, a row with both amounts, festival cards, and books that
    # agree neither with the payments nor with the roster's dues ---------------------------------------
    ledger_file = "经费收支明细账.csv"
    grecords = [LEDGER_HEADERS]

    def grow(on, summary, account, income="", expense="", people="", form="转账"):
        grecords.append([on, f"记-{len(grecords):03d}", summary, account, income, expense, people, form])

    def gplanted(field, rule, zh, en):
        plant(ledger_file, len(grecords) - 1, field, rule, zh, en)
    grow("2025/1/10", "收缴会费", "会费收入", income="3600")
    grow("2025/1/12", "春节慰问品", "职工活动支出-职工集体福利支出", expense="2400", form="实物")
    grow("2025/1/20", "春节慰问购物卡", "职工活动支出-职工集体福利支出", expense="3000", form="购物卡")
    gplanted("form", "L05", "春节福利以购物卡发放：节日慰问只能发实物", "festival welfare paid as shopping cards: in kind only")
    grow("2025/3/5", "劳保用品", "维权支出/劳动保护费", expense="1860.5")
    grow("2025/3/18", "劳保用品退货", "劳动保护费", expense="-120")
    grow("2025/4/2", "职工年终奖金", "奖金", expense="5000")
    gplanted("account", "L01", "科目“奖金”不在工会会计科目表中：工会经费不得发放奖金",
             "account 奖金 is not in the chart of accounts: union funds pay no bonuses")
    grow("2025/5/8", "篮球赛", "文体活动支出", income="200", expense="1800")
    gplanted("expense", "L02", "同一行既填了收入又填了支出", "a row with both an income and an expense")
    grow("2025/6/30", "第二季度拨缴经费返还", "拨缴经费", income="12000")
    grow("2025/9/1", "金秋助学", "维权支出-困难职工帮扶费", expense="3000")
    plant(ledger_file, None, None, "L03", "明细账的困难职工帮扶费与帮扶慰问发放的困难帮扶、金秋助学合计不符",
          "the ledger's 困难职工帮扶费 does not equal the payments' 困难帮扶 and 金秋助学")
    plant(ledger_file, None, None, "L03", "明细账的职工集体福利支出与帮扶慰问发放的慰问合计不符",
          "the ledger's 职工集体福利支出 does not equal the payments' sympathy categories")
    plant(ledger_file, None, None, "L04", "明细账的会费收入与会员名册的已缴会费不符",
          "the ledger's 会费收入 does not equal the roster's dues")

    contents = {
        ledger_file: grecords,
        roster_file: roster_records, pay_file: precords, extra_file: xrecords, claim_file: crecords,
        enroll_file: erecords, list_file: lrecords, moved_file: mrecords,
    }
    MESSY_DIR.mkdir(parents=True, exist_ok=True)
    for stale in MESSY_DIR.iterdir():
        if stale.name != "README.md":
            stale.unlink()
    for name, (encoding, delimiter, ends, _) in MESSY_FILES.items():
        path = MESSY_DIR / name
        if name == sheet_file:
            path.write_bytes(xlsx)
        elif name == empty_file:
            path.write_bytes(b"")
        else:
            newline = "\r\n" if ends == "CRLF" else "\n"
            path.write_bytes(encoded_records(contents[name], delimiter, newline, encoding,
                                             cut_tail=cut_tail if name == extra_file else None))

    headers = {roster_file: MESSY_MEMBER_HEADERS, pay_file: PAYMENT_HEADERS, extra_file: PAYMENT_HEADERS,
               claim_file: CLAIM_HEADERS, enroll_file: ENROLLMENT_HEADERS, ledger_file: LEDGER_HEADERS}
    datasets = {roster_file: "members", pay_file: "payments", extra_file: "payments", claim_file: "claims",
                enroll_file: "enrollments", ledger_file: "ledger"}
    expected = []
    for pl in plants:
        column = pl["column"] or ""
        if pl["field"] is not None and not column:
            header = next(h for h in headers[pl["file"]] if field_of(datasets[pl["file"]], h) == pl["field"])
            column = column_letter(headers[pl["file"]].index(header))
        expected.append(dict(file=pl["file"], row=None if pl["index"] is None else pl["index"] + 1, column=column,
                             field=pl["field"] or "", rule=pl["rule"], zh=pl["zh"], en=pl["en"]))
    expected.sort(key=lambda e: (list(MESSY_FILES).index(e["file"]), e["row"] or 0, e["rule"]))
    return expected


def field_of(dataset, header):
    key = re.sub(r"\s+", "", header).rstrip("*＊")
    for field, aliases in ALIASES[dataset].items():
        if any(key == a or key.lower() == a.lower() for a in aliases):
            return field
    return None


def column_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


# ---------------------------------------------------------------------------
# An independent reading of SPEC §2 / §3 / §7, run over the written bytes
# ---------------------------------------------------------------------------

TIME_TAIL = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
TEXT_EXTENSIONS = {"csv", "txt", "tsv"}
SHEET_EXTENSIONS = {"xlsx", "xlsm", "xls", "et", "ods"}
FILE_KEYWORDS = {"members": ["members", "会员", "名册"], "claims": ["claims", "报销", "理赔"],
                 "enrollments": ["enroll", "参保", "保费"], "payments": ["payments", "subsidies", "慰问", "帮扶", "助学"],
                 "ledger": ["ledger", "经费", "收支", "明细账", "日记账"]}
CELL_LIMIT = 32767
BLANK_CHARS = " \t\n\x0b\x0c\r\u00a0\u3000"


def parse_date(text, month_only_ok=False):
    """A date in one of the forms of SPEC §2.3, or None when the text is not one (V02)."""
    forms = [rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){TIME_TAIL}$", rf"^(\d{{4}})/(\d{{1,2}})/(\d{{1,2}}){TIME_TAIL}$",
             rf"^(\d{{4}})\.(\d{{1,2}})\.(\d{{1,2}}){TIME_TAIL}$", r"^(\d{4})(\d{2})(\d{2})$",
             r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"]
    for form in forms:
        m = re.match(form, text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    if re.match(r"^\d{5}$", text):
        return date(1899, 12, 30) + timedelta(days=int(text))
    if month_only_ok:
        m = re.match(r"^(\d{4})(?:年(\d{1,2})月|-(\d{1,2})|/(\d{1,2}))$", text)
        if m:
            month = int(m[2] or m[3] or m[4])
            return date(int(m[1]), month, 1) if 1 <= month <= 12 else None
    return None


def parse_money(text):
    """Fen, or None when not an accepted form or negative (V03)."""
    t = text.translate({0xFF10 + i: 0x30 + i for i in range(10)} | {0xFF0E: 0x2E})
    t = re.sub(r"^[¥￥]", "", t)
    t = re.sub(r"元$", "", t).replace(",", "")
    m = re.match(r"^(\d+)(?:\.(\d{1,2}))?$", t)
    if not m:
        return None
    return int(m[1]) * 100 + int((m[2] or "0").ljust(2, "0"))


def parse_signed_money(text):
    """A ledger amount: as parse_money, and a leading minus is a refund (SPEC §7.1)."""
    if text.startswith(("-", "－")):
        m = parse_money(text[1:])
        return None if m is None else -m
    return parse_money(text)


def read_id(text):
    """('valid', id) | ('upgraded', id) | ('bad', None) for M01 | ('damaged', None) for M02."""
    t = text.replace(" ", "").upper()
    if re.match(r"^\d+(\.\d+)?E\+?\d+$", t):
        return "damaged", None
    if re.match(r"^\d{15}$", t):
        body = t[:6] + "19" + t[6:]
        return "upgraded", body + check_char(body)
    if not re.match(r"^\d{17}[\dX]$", t):
        return "bad", None
    if check_char(t[:17]) != t[17]:
        return ("damaged", None) if t.endswith("000") else ("bad", None)
    try:
        date(int(t[6:10]), int(t[10:12]), int(t[12:14]))
    except ValueError:
        return "bad", None
    return "valid", t


def id_birth(number):
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def id_sex(number):
    return "男" if int(number[16]) % 2 else "女"


def detect_encoding(raw):
    """SPEC §2.1: BOM; else UTF-8; else UTF-8 with a few bad lines (kept, those rows get F01); else GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return "UTF-8-BOM", raw[3:].decode("utf-8", "surrogateescape")
    if raw.startswith(b"\xff\xfe"):
        return "UTF-16LE", raw[2:].decode("utf-16-le")
    if raw.startswith(b"\xfe\xff"):
        return "UTF-16BE", raw[2:].decode("utf-16-be")
    try:
        return "UTF-8", raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    good = bad = 0
    for line in re.split(rb"[\r\n]", raw):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad += 1
            continue
        good += any(b >= 0x80 for b in line)
    if good > bad:
        return "UTF-8", raw.decode("utf-8", "surrogateescape")
    return "GB18030", raw.decode("gb18030")


def parse_records(text, delimiter):
    """Records as Calc reads them: (Calc row, raw cells, unterminated quote). A quoted field may span lines;
    text after a closing quote is kept; every record (blank ones too) takes one row."""
    out, i, n = [], 0, len(text)
    ends = (delimiter, "\n", "\r")
    while i < n:
        cells, unterminated = [], False
        while True:
            if i < n and text[i] == '"':
                i += 1
                buf, closed = [], False
                while i < n:
                    if text[i] == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            buf.append('"')
                            i += 2
                            continue
                        closed = True
                        i += 1
                        break
                    buf.append(text[i])
                    i += 1
                unterminated = unterminated or not closed
                while i < n and text[i] not in ends:
                    buf.append(text[i])
                    i += 1
                cells.append("".join(buf))
            else:
                start = i
                while i < n and text[i] not in ends:
                    i += 1
                cells.append(text[start:i])
            if i >= n:
                break
            if text[i] == delimiter:
                i += 1
                continue
            i += 2 if text[i] == "\r" and i + 1 < n and text[i + 1] == "\n" else 1
            break
        out.append((len(out) + 1, cells, unterminated))
    return out


def is_blank_record(cells, unterminated):
    return not unterminated and all(c.strip(BLANK_CHARS) == "" for c in cells)


def named_datasets(file_name):
    lower = file_name.lower()
    return [d for d, words in FILE_KEYWORDS.items() if any(w in lower for w in words)]


def header_fields(dataset, cells):
    """The field of each header cell; a field named twice keeps its first column (F05 on the others)."""
    fields, duplicates = [], []
    for col, cell in enumerate(cells):
        f = field_of(dataset, cell)
        if f is not None and f in fields:
            duplicates.append((col, f))
            f = None
        fields.append(f)
    return fields, duplicates


def has_required(dataset, cells):
    """All required columns; a ledger also needs an amount: income and/or expense, or amount with direction."""
    fields = set(header_fields(dataset, cells)[0])
    if not set(REQUIRED[dataset]) <= fields:
        return False
    return dataset != "ledger" or bool(fields & {"income", "expense"}) or {"amount", "direction"} <= fields


def required_count(dataset):
    return len(REQUIRED[dataset]) + (1 if dataset == "ledger" else 0)


def choose_dataset(cells, file_name):
    """SPEC §2.2: of the datasets whose required fields are all present, the one with the most; the
    file name breaks a tie. None: no dataset fits; 'ambiguous': a tie the name does not break."""
    complete = [d for d in REQUIRED if has_required(d, cells)]
    if not complete:
        return None
    most = max(required_count(d) for d in complete)
    best = [d for d in complete if required_count(d) == most]
    if len(best) == 1:
        return best[0]
    named = [d for d in best if d in named_datasets(file_name)]
    return named[0] if len(named) == 1 else "ambiguous"


FOOTER_WORDS = ["制表人", "制表", "审核", "审核人", "负责人", "经办人", "填报人", "填报日期", "制表日期"] + \
    [w + colon for w in ("日期", "备注", "说明", "注") for colon in ("：", ":")]
TOTAL_ENDINGS = ("合计", "总计", "小计", "共计", "累计", "汇总")
BALANCE_LABELS = {"上年结转", "期初余额", "承前页", "过次页", "本年累计", "本月合计"}
DAMAGED = {}     # name -> the first roster row whose ID number is damaged or invalid (X04), set by check_members


def compact(text):
    """A label with all its white space removed (SPEC §7.1: `合　计` is 合计)."""
    return re.sub(r"[\s\u00a0\u3000]", "", text)


def label_column(cells):
    """The first cell holding text: a bare 序号 is no label."""
    return next((i for i, c in enumerate(cells) if any(ch not in "0123456789 \t.,-" for ch in c)), None)


def row_shape(fields, cells):
    """SPEC §2.4/§7.1: 'footer', 'total', 'example' or None (a record)."""
    col = label_column(cells)
    if col is None:
        return None
    if any(compact(cells[col]).startswith(w) for w in FOOTER_WORDS):
        return "footer"
    def cell(field):
        return cells[fields.index(field)] if field in fields and fields.index(field) < len(cells) else None
    name = cell("name")
    if name is not None and compact(name).startswith("示例"):
        return "example"
    if compact(cell("id_number") or ""):
        return None
    for text in (cells[col], name):
        t = compact(text or "")
        if t in BALANCE_LABELS or (len(t) >= 2 and t.endswith(TOTAL_ENDINGS)):
            return "total"
    return None


def is_alias(cell):
    return any(field_of(d, cell) for d in ALIASES)


def two_row_header(upper, lower):
    """SPEC §7.1: the two rows combined, the lower cell winning, when every non-empty lower cell names a field
    and one sits under a blank or group cell; None otherwise, or when the upper row adds nothing (a title row)."""
    def blank(c):
        return re.sub(r"\s+", "", c).rstrip("*＊") == ""
    filled = [i for i, c in enumerate(lower) if not blank(c)]
    if not filled or not all(is_alias(lower[i]) for i in filled):
        return None
    if not any(i >= len(upper) or not is_alias(upper[i]) for i in filled):
        return None
    combined, adds = [], False
    for c in range(max(len(upper), len(lower))):
        low, up = (lower[c] if c < len(lower) else ""), (upper[c] if c < len(upper) else "")
        if blank(low) and not blank(up):
            combined.append(up)
            adds = True
        else:
            combined.append(low)
    return combined if adds else None


def is_error(rule, field):
    """Errors exclude the row; V06 is an error only on plan."""
    return rule in ERROR_RULES or (rule == "V06" and field == "plan")


class Table:
    """One input file read back: its header, its readable rows as dicts of field -> trimmed text with
    their Calc rows, the rows that could not be read, and its findings (row, column index, field, rule)."""

    def __init__(self, path, delimiter):
        self.file = path.name
        self.findings = []
        self.rows = []
        self.unreadable = []
        self.dataset = None
        self.encoding = None
        self.refused = False
        ext = path.suffix.lower().lstrip(".")
        if ext in SHEET_EXTENSIONS:
            self.findings.append((None, None, None, "F09"))
            return
        raw = path.read_bytes()
        if not raw:
            self.findings.append((None, None, None, "F06"))
            return
        self.encoding, text = detect_encoding(raw)
        records = parse_records(text, delimiter)
        nonblank = [r for r in records if not is_blank_record(r[1], r[2])]
        named = named_datasets(self.file)
        for pos, (row, cells, _) in enumerate(nonblank[:10]):
            cells = [c.strip() for c in cells]
            combined = two_row_header(cells, [c.strip() for c in nonblank[pos + 1][1]]) if pos + 1 < len(nonblank[:10]) else None
            if combined:
                cells, row = combined, nonblank[pos + 1][0]
            dataset = choose_dataset(cells, self.file)
            if dataset == "ambiguous":
                break
            if dataset is None:
                continue
            if len(named) == 1 and not has_required(named[0], cells):
                continue      # a file named for a dataset must have its columns
            self.dataset = dataset
            self.fields, duplicates = header_fields(dataset, cells)
            if pos > 0 or combined:
                self.findings.append((nonblank[0][0], None, None, "F07"))     # one, on the first title row
            for col, f in duplicates:
                self.findings.append((row, col, f, "F05"))
            if pos + (2 if combined else 1) >= len(nonblank):
                self.findings.append((None, None, None, "F06"))
            self.header_row, self.header = row, cells
            self.read_data([r for r in records if r[0] > row])
            return
        self.refused = True
        self.findings.append((None, None, None, "F04"))

    def read_data(self, records):
        width = len(self.fields)
        # Rows that are not records (SPEC §7.1): total rows, the example row, and the footer, which is the run
        # of footer lines at the end (footer lines followed by a record are records).
        data, pending = [], []

        def shape(raw_cells):
            if any("\udc80" <= ch <= "\udcff" for c in raw_cells for ch in c) or any("\x00" in c for c in raw_cells):
                return None
            return row_shape(self.fields, raw_cells)

        def non_record(row, raw_cells, rule):
            self.findings.append((row, label_column(raw_cells), None, rule))
        for rec in records:
            row, raw_cells, unterminated = rec
            if is_blank_record(raw_cells, unterminated):
                continue
            kind = shape(raw_cells)
            if pending:
                if kind == "footer":
                    pending.append(rec)
                    continue
                for held in pending:
                    held_kind = shape(held[1])
                    if held_kind in ("total", "example"):
                        non_record(held[0], held[1], "F10" if held_kind == "total" else "F13")
                    else:
                        data.append(held)
                pending = []
            if kind == "footer":
                pending.append(rec)
            elif kind == "total":
                non_record(row, raw_cells, "F10")
            elif kind == "example":
                non_record(row, raw_cells, "F13")
            else:
                data.append(rec)
        if pending:
            non_record(pending[0][0], pending[0][1], "F11")
        # F12: a column under a blank header that holds data, one finding a column, on the header row.
        for col, title in enumerate(self.header):
            if re.sub(r"\s+", "", title).rstrip("*＊") == "" and any(col < len(c) and compact(c[col]) for _, c, _ in data):
                self.findings.append((self.header_row, col, None, "F12"))
        for row, raw_cells, unterminated in data:
            cells = [c.strip() for c in raw_cells]
            rule = None
            if any("\udc80" <= ch <= "\udcff" or ch == "\x00" for c in raw_cells for ch in c):
                rule = "F01"          # undecodable bytes in a mostly UTF-8 file, or a NUL byte: this row only
            elif unterminated:
                rule = "F03"
            elif len(cells) < width or any(cells[width:]):
                rule = "F02"          # a trailing empty cell is not ragged
            if rule:
                self.findings.append((row, None, None, rule))
                self.unreadable.append(row)
                continue
            r = dict(row=row, v={f: cells[j] for j, f in enumerate(self.fields) if f}, rules=set())
            for col, cell in enumerate(cells):
                if len(cell.encode("utf-16-le")) // 2 > CELL_LIMIT:
                    self.flag(r, self.fields[col], "F08", column=col)
            self.rows.append(r)

    def flag(self, r, field, rule, column=None):
        """One finding per rule per row."""
        if rule not in r["rules"]:
            r["rules"].add(rule)
            if column is None and field is not None:
                column = self.fields.index(field)
            self.findings.append((r["row"], column, field, rule))

    def has_error(self, r):
        return any(row == r["row"] and is_error(rule, field) for row, _, field, rule in self.findings)

    def accounting(self):
        """(rows, included, excluded, outside_year): SPEC §4, rows = included + excluded + outside_year."""
        errors = {row for row, _, field, rule in self.findings if row is not None and is_error(rule, field)}
        rows = [r["row"] for r in self.rows] + self.unreadable
        excluded = sum(1 for row in rows if row in errors)
        outside = sum(1 for r in self.rows if r["outside_year"] and r["row"] not in errors)
        return len(rows), len(rows) - excluded - outside, excluded, outside


def common_checks(t, r):
    """V01-V06 and the ID rules; leaves typed values in r: dates, money, id."""
    v = r["v"]
    for f in REQUIRED[t.dataset]:
        if v.get(f, "") == "":
            t.flag(r, f, "V01")
    r["date"], r["money"] = {}, {}
    for f in DATE_FIELDS[t.dataset]:
        if v.get(f):
            d = parse_date(v[f], month_only_ok=f in ("join_date", "leave_date"))
            if d is None:
                t.flag(r, f, "V02")
                continue
            r["date"][f] = d
            if d > AS_OF and not (t.dataset == "enrollments" and f == "end_date"):
                t.flag(r, f, "V05")
    if t.dataset == "payments" and "date" in r["date"] and r["date"]["date"].year != YEAR:
        t.flag(r, "date", "V04")
    if t.dataset == "claims" and "paid_date" in r["date"] and r["date"]["paid_date"].year != YEAR:
        t.flag(r, "paid_date", "V04")
    if t.dataset == "ledger" and "date" in r["date"] and r["date"]["date"].year != YEAR:
        t.flag(r, "date", "V04")
    for f in MONEY_FIELDS[t.dataset]:
        if v.get(f):
            m = parse_signed_money(v[f]) if t.dataset == "ledger" else parse_money(v[f])
            if m is None:
                t.flag(r, f, "V03")
            else:
                r["money"][f] = m
    for f in ["gender", "status", "employment", "hardship", "form", "stage", "relation", "plan", "direction"]:
        if t.dataset == "ledger" and f == "form":
            continue          # the ledger's 支付方式 is free text
        if v.get(f) and v[f] not in KNOWN[f] and v[f].lower() not in KNOWN[f]:
            t.flag(r, f, "V06")
    r["id"] = None
    if v.get("id_number"):
        kind, number = read_id(v["id_number"])
        if kind == "bad":
            t.flag(r, "id_number", "M01")
        elif kind == "damaged":
            t.flag(r, "id_number", "M02")
        else:
            r["id"] = number
            if kind == "upgraded":
                t.flag(r, "id_number", "M10")
    r["outside_year"] = "V04" in r["rules"]


def is_mobile(text):
    """SPEC §2.3: `1[3-9]` and 9 more digits, after removing +86, 86, spaces and dashes."""
    t = re.sub(r"[ \-\u3000\uff0d]", "", text.translate({0xFF10 + i: 0x30 + i for i in range(10)}))
    if t.startswith("+"):
        if not t.startswith("+86"):
            return False
        t = t[3:]
    elif len(t) == 13 and t.startswith("86"):
        t = t[2:]
    return re.fullmatch(r"1[3-9]\d{9}", t) is not None


def check_members(tables):
    seen = set()
    for t in tables:
        for r in t.rows:
            common_checks(t, r)
            v, d = r["v"], r["date"]
            if v.get("phone") and not is_mobile(v["phone"]):
                t.flag(r, "phone", "M06")
            active = v.get("status", "") in ("", "在册")
            m = r["money"]
            # M09 and the order of the dates need no ID number (SPEC §3: a rule runs on the rows whose
            # fields it needs were read).
            if active and "monthly_wage" in m and "dues_paid" in m:
                months = int(v["dues_months"]) if v.get("dues_months") else None
                assert months is not None, "samples give dues_months explicitly"
                if abs(dues_per_month(m["monthly_wage"]) * months - m["dues_paid"]) > 1:
                    t.flag(r, "dues_paid", "M09")
            if "join_date" in d and "leave_date" in d and d["join_date"] > d["leave_date"]:
                t.flag(r, "join_date", "M07")
            number = r["id"]
            if not number:
                continue      # no cascades: the rules below need the person, their birth date or sex
            if "birth_date" in d and d["birth_date"] != id_birth(number):
                t.flag(r, "birth_date", "M03")
            if v.get("gender") in ("男", "女") and v["gender"] != id_sex(number):
                t.flag(r, "gender", "M04")
            if number in seen:
                t.flag(r, "id_number", "M05")
            seen.add(number)
            birth = id_birth(number)
            if "join_date" in d and whole_years(birth, d["join_date"]) < MIN_JOIN_AGE:
                t.flag(r, "join_date", "M07")
            sex = v.get("gender") if v.get("gender") in ("男", "女") else id_sex(number)
            if active and v.get("employment") == "在岗" and AS_OF >= retirement_date(birth, sex):
                t.flag(r, "employment", "M08")
    roster = defaultdict(list)
    DAMAGED.clear()
    for t in tables:
        for r in t.rows:
            if r["id"]:
                roster[r["id"]].append(r)
            elif r["v"].get("id_number") and r["v"].get("name") and read_id(r["v"]["id_number"])[0] in ("bad", "damaged"):
                DAMAGED.setdefault(r["v"]["name"], (t.file, r["row"]))
    return roster


def person_checks(t, r, roster, date_field, pension=False):
    """X01, X02, X03 for one row of payments, claims or enrollments (抚恤金: no X01, X02)."""
    number = r["id"]
    if number is None:
        return
    rows = roster.get(number)
    if not rows:
        if not pension:
            # The person may be on a roster row whose ID number Excel damaged: X04 names that row (SPEC §2.4).
            t.flag(r, "id_number", "X04" if r["v"].get("name") in DAMAGED else "X01")
        return
    if r["v"]["name"] and r["v"]["name"] not in [m["v"]["name"] for m in rows]:
        t.flag(r, "name", "X03")
    if pension or date_field is None or date_field not in r["date"]:
        return
    on = r["date"][date_field]

    def unreadable(m, f):
        return bool(m["v"].get(f)) and f not in m["date"]
    readable = [m for m in rows if not unreadable(m, "join_date") and not unreadable(m, "leave_date")]
    if readable and not any(m["date"].get("join_date", date.min) <= on <= m["date"].get("leave_date", date.max)
                            for m in readable):
        t.flag(r, date_field, "X02")


def no_error_duplicate(t, r, key, seen):
    """Rows with an error are no first occurrence; whether such a row is itself flagged, SPEC does not say:
    the samples must not hold that case."""
    assert key not in seen, f"{t.file}:{r['row']} has an error and repeats an earlier row: ambiguous sample"


def check_payments(tables, roster):
    for t in tables:
        for r in t.rows:
            common_checks(t, r)
            v = r["v"]
            r["category"] = CATEGORY.get(v["category"]) if v["category"] else None
            if v["category"] and r["category"] is None:
                t.flag(r, "category", "P01")
            date_field = "event_date" if v.get("event_date") else "date"
            person_checks(t, r, roster, date_field, pension=r["category"] == "抚恤金")
            cat, amount = r["category"], r["money"].get("amount")
            if cat and amount is not None:
                if cat in PER_PAYMENT_LIMIT and amount > PER_PAYMENT_LIMIT[cat]:
                    t.flag(r, "amount", "P02")
                if cat == "金秋助学" and not GRANT_BAND[0] <= amount <= GRANT_BAND[1]:
                    t.flag(r, "amount", "P06")
            if cat == "节日慰问" and v.get("form") in ("现金", "购物卡"):
                t.flag(r, "form", "P05")
            if cat in ("困难帮扶", "金秋助学") and r["id"] in roster:
                if not any(m["v"].get("hardship", "") in HARDSHIP_STATUSES for m in roster[r["id"]]):
                    t.flag(r, "category", "P07")
            if cat == "亲属去世慰问" and v.get("relation") and v["relation"] not in FUNERAL_RELATIONS:
                t.flag(r, "relation", "P08")
    # Across rows, in date order then file order; rows outside the year take no part.
    usable = [(i, t, r) for i, t in enumerate(tables) for r in t.rows
              if r["id"] and r["category"] and "amount" in r["money"] and "date" in r["date"] and not r["outside_year"]]
    totals, seen = defaultdict(int), set()
    for _, t, r in sorted(usable, key=lambda x: (x[2]["date"]["date"], x[0], x[2]["row"])):
        cat, amount = r["category"], r["money"]["amount"]
        error = t.has_error(r)
        if cat in YEARLY_LIMIT and not error:
            if totals[(r["id"], cat)] + amount > YEARLY_LIMIT[cat]:
                t.flag(r, "amount", "P03")
                error = True
            else:
                totals[(r["id"], cat)] += amount
        key = (r["id"], cat, r["date"]["date"], amount)
        if error:
            no_error_duplicate(t, r, key, seen)
        elif key in seen:
            t.flag(r, "amount", "P04")
        else:
            seen.add(key)


def check_claims(tables, roster):
    for t in tables:
        for r in t.rows:
            common_checks(t, r)
            v, m, d = r["v"], r["money"], r["date"]
            r["plan"] = PLAN_ALIASES.get(v["plan"])
            date_field = "admission_date" if v.get("admission_date") else "paid_date"
            person_checks(t, r, roster, date_field)
            if "approved" in m:
                if ("claimed" in m and m["approved"] > m["claimed"]) or ("self_paid" in m and m["approved"] > m["self_paid"]):
                    t.flag(r, "approved", "C01")
                if r["plan"] in CLAIM_RATE and "self_paid" in m:
                    if abs(scale_half_up(m["self_paid"], *CLAIM_RATE[r["plan"]]) - m["approved"]) > 1:
                        t.flag(r, "approved", "C02")
            if "admission_date" in d and "discharge_date" in d and d["discharge_date"] < d["admission_date"]:
                t.flag(r, "discharge_date", "C04")
            if r["plan"] == "两癌" and r["id"] and id_sex(r["id"]) == "男":
                t.flag(r, "plan", "C05")
    usable = [(i, t, r) for i, t in enumerate(tables) for r in t.rows
              if r["id"] and "approved" in r["money"] and "paid_date" in r["date"] and not r["outside_year"]]
    totals, seen = defaultdict(int), set()
    for _, t, r in sorted(usable, key=lambda x: (x[2]["date"]["paid_date"], x[0], x[2]["row"])):
        plan = r["plan"] or r["v"]["plan"]
        error = t.has_error(r)
        if plan == "门诊" and not error:
            if totals[r["id"]] + r["money"]["approved"] > OUTPATIENT_CAP:
                t.flag(r, "approved", "C03")
                error = True
            else:
                totals[r["id"]] += r["money"]["approved"]
        if "admission_date" not in r["date"]:
            continue
        key = (r["id"], plan, r["date"]["admission_date"], r["money"]["approved"])
        if error:
            no_error_duplicate(t, r, key, seen)
        elif key in seen:
            t.flag(r, "approved", "C06")
        else:
            seen.add(key)


def check_enrollments(tables, roster):
    seen = set()
    for t in tables:
        for r in t.rows:
            common_checks(t, r)
            plan = PLAN_ALIASES.get(r["v"]["plan"])
            person_checks(t, r, roster, "start_date")
            if plan in STANDARD_PREMIUM and "premium" in r["money"] and r["money"]["premium"] != STANDARD_PREMIUM[plan]:
                t.flag(r, "premium", "E01")
            if plan == "两癌" and r["id"] and id_sex(r["id"]) == "男":
                t.flag(r, "plan", "E02")
    for t in tables:
        for r in t.rows:
            if not r["id"] or not r["v"]["plan"]:
                continue
            key = (r["id"], PLAN_ALIASES.get(r["v"]["plan"], r["v"]["plan"]))
            if t.has_error(r):
                no_error_duplicate(t, r, key, seen)
            elif key in seen:
                t.flag(r, "plan", "E03")
            else:
                seen.add(key)


def ledger_line(account):
    """The chart line of an account cell: the whole cell, else its last part after -, —, /, ：(:, －, ／)."""
    if account in ACCOUNT_LINE:
        return ACCOUNT_LINE[account]
    parts = re.split(r"[-—/：:－／]", account)
    return ACCOUNT_LINE.get(parts[-1].strip(" \u3000\t")) if len(parts) > 1 else None


def check_ledger(tables, payments, roster_tables):
    """L01, L02, L05 row by row; L03 against the payments' included rows, L04 against the roster's dues."""
    for t in tables:
        for r in t.rows:
            common_checks(t, r)
            v, m = r["v"], r["money"]
            r["line"] = None
            if v.get("account"):
                r["line"] = ledger_line(v["account"])
                if r["line"] is None:
                    t.flag(r, "account", "L01")
            if any(v.get(f) and f not in m for f in ("income", "expense", "amount")):
                continue          # V03: no L02
            if "income" in t.fields or "expense" in t.fields:
                inc, exp = m.get("income") or None, m.get("expense") or None
                if inc and exp:
                    t.flag(r, "expense", "L02")
                    continue
                if not inc and not exp:
                    t.flag(r, "income", "L02")
                    continue
                r["booked"] = ("收入", inc) if inc else ("支出", exp)
            else:
                if not m.get("amount"):
                    t.flag(r, "amount", "L02")
                    continue
                direction = {"收": "收入", "income": "收入", "支": "支出", "expense": "支出"}.get(v.get("direction", "").lower(),
                                                                                               v.get("direction"))
                if direction not in ("收入", "支出"):
                    t.flag(r, "direction", "L02")
                    continue
                r["booked"] = (direction, m["amount"])
            if r["line"] is None:
                continue
            if (LINE_GROUP[r["line"]] == "收入") != (r["booked"][0] == "收入"):
                t.flag(r, "direction" if "direction" in t.fields else ("income" if r["booked"][0] == "收入" else "expense"), "L02")
                continue
            summary = v.get("summary", "")
            if r["line"] == "职工集体福利支出" and (v["account"].endswith("节日慰问") or any(w in summary for w in FESTIVAL_WORDS)):
                if any(w in v.get("form", "") for w in FORBIDDEN_WELFARE_FORMS):
                    t.flag(r, "form", "L05")
                elif any(w in summary for w in FORBIDDEN_WELFARE_FORMS):
                    t.flag(r, "summary", "L05")
    if not tables:
        return
    totals = defaultdict(int)
    for t in tables:
        for r in t.rows:
            if r.get("booked") and r["line"] and not t.has_error(r) and not r["outside_year"]:
                totals[r["line"]] += r["booked"][1]
    first = tables[0]
    if payments:
        paid = defaultdict(int)
        for t in payments:
            for r in t.rows:
                if not t.has_error(r) and not r["outside_year"] and r["category"] and "amount" in r["money"]:
                    paid[r["category"]] += r["money"]["amount"]
        for lines, categories in RECONCILE:
            if sum(totals[x] for x in lines) != sum(paid[c] for c in categories):
                first.findings.append((None, None, None, "L03"))
    dues_tables = [t for t in roster_tables if "dues_paid" in t.fields]
    if dues_tables:
        dues = sum(r["money"].get("dues_paid", 0) for t in dues_tables for r in t.rows if not t.has_error(r))
        if totals["会费收入"] != dues:
            first.findings.append((None, None, None, "L04"))


def check_folder(folder, delimiters):
    """Reads every input of the folder back (delimited text; spreadsheets only noted) and runs every rule.
    `delimiters`: file name -> its delimiter. Returns the tables in file-name order."""
    tables = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        ext = path.suffix.lower().lstrip(".")
        if path.name.startswith(".") or not path.is_file() or ext not in TEXT_EXTENSIONS | SHEET_EXTENSIONS:
            continue
        tables.append(Table(path, delimiters.get(path.name)))
    by = defaultdict(list)
    for t in tables:
        if t.dataset:
            by[t.dataset].append(t)
    roster = check_members(by["members"])
    check_payments(by["payments"], roster)
    check_claims(by["claims"], roster)
    check_enrollments(by["enrollments"], roster)
    check_ledger(by["ledger"], by["payments"], by["members"])
    return tables


def folder_findings(tables):
    return sorted((t.file, "" if row is None else str(row), "" if col is None else column_letter(col), field or "", rule)
                  for t in tables for row, col, field, rule in t.findings)


# ---------------------------------------------------------------------------
# Figures of a folder (SPEC §4 summary.json, §7 semantics)
# ---------------------------------------------------------------------------


def folder_figures(tables):
    """summary.json's figures of one folder; `tables`: dataset -> its one Table. A dataset without a file
    has no section; `grant_range` (the 金秋助学 amounts' least and greatest) only when there are grants."""
    fig = {}

    def money_group(rows, key):
        return dict(count=len(rows), people=len({r["id"] for r in rows}), amount=sum(r["money"][key] for r in rows))

    m = tables.get("members")
    if m is not None:
        current = [r for r in m.rows if not m.has_error(r) and r["v"].get("status", "") in ("", "在册", "保留会籍")
                   and ("join_date" not in r["date"] or r["date"]["join_date"] <= AS_OF)
                   and ("leave_date" not in r["date"] or r["date"]["leave_date"] >= AS_OF)]
        by_status, by_branch = defaultdict(int), defaultdict(int)
        for r in current:
            by_status[r["v"].get("status", "") or "在册"] += 1
            by_branch[r["v"].get("branch", "")] += 1
        sexes = [r["v"].get("gender") if r["v"].get("gender") in ("男", "女") else id_sex(r["id"]) for r in current]
        fig["members"] = dict(
            total=len(current), female=sexes.count("女"), male=sexes.count("男"),
            by_status=dict(sorted(by_status.items())), by_branch=dict(sorted(by_branch.items())),
            joined_in_year=sum(1 for r in m.rows if not m.has_error(r)
                               and r["date"].get("join_date", date.min).year == YEAR),
            left_in_year=sum(1 for r in m.rows if not m.has_error(r) and r["v"].get("status") in ("退会", "转出")
                             and r["date"].get("leave_date", date.min).year == YEAR),
            dues_paid=yuan(sum(r["money"].get("dues_paid", 0) for r in m.rows if not m.has_error(r))))

    p = tables.get("payments")
    if p is not None:
        included = [r for r in p.rows if not p.has_error(r) and not r["outside_year"]]
        by_category = defaultdict(list)
        for r in included:
            by_category[r["category"]].append(r)
        fig["payments"] = dict(money_group(included, "amount"),
                               union_spending=sum(r["money"]["amount"] for r in included
                                                  if r["category"] not in NOT_UNION_MONEY),
                               by_category={k: money_group(v, "amount") for k, v in sorted(by_category.items())},
                               by_group={g: money_group([r for r in included if r["category"] in cats], "amount")
                                         for g, cats in GROUPS.items()})
        grants = [r["money"]["amount"] for r in by_category["金秋助学"]]
        if grants:
            fig["payments"]["grant_range"] = (min(grants), max(grants))

    c = tables.get("claims")
    if c is not None:
        cl = [r for r in c.rows if not c.has_error(r) and not r["outside_year"]]
        by_plan = defaultdict(list)
        for r in cl:
            by_plan[r["plan"]].append(r)
        fig["claims"] = dict(money_group(cl, "approved"),
                             by_plan={k: money_group(v, "approved") for k, v in sorted(by_plan.items())})
    e = tables.get("enrollments")
    if e is not None:
        en = [r for r in e.rows if not e.has_error(r)]
        fig["enrollments"] = dict(money_group(en, "premium"))
    g = tables.get("ledger")
    if g is not None:
        entries = [r for r in g.rows if r.get("booked") and r["line"] and not g.has_error(r) and not r["outside_year"]]
        by_line, by_group = {}, {}
        for r in entries:
            line = by_line.setdefault(r["line"], dict(group=LINE_GROUP[r["line"]], count=0, people=0, amount=0))
            line["count"] += 1
            line["people"] += int(r["v"].get("people") or 0)
            line["amount"] += r["booked"][1]
        for name, line in by_line.items():
            group = by_group.setdefault(line["group"], dict(count=0, amount=0))
            group["count"] += line["count"]
            group["amount"] += line["amount"]
        income = sum(r["booked"][1] for r in entries if r["booked"][0] == "收入")
        expense = sum(r["booked"][1] for r in entries if r["booked"][0] == "支出")
        fig["funds"] = dict(income=income, expense=expense, balance=income - expense,
                            by_group=dict(sorted(by_group.items())), by_line=dict(sorted(by_line.items())))
    return fig


def company_figures(tables):
    return folder_figures(tables)


def assert_company_extras(tables):
    """Conditions of a clean sample beyond the rules: all dates inside the year, costs that add up."""
    m, p, c, e = tables["members"], tables["payments"], tables["claims"], tables["enrollments"]
    for t in (p, c, e):
        for r in t.rows:
            for f, d in r["date"].items():
                assert date(YEAR, 1, 1) <= d <= AS_OF, (t.file, r["row"], f, d)
    for r in c.rows:
        mo = r["money"]
        assert mo["total_cost"] >= mo["insurance_paid"] + mo["self_paid"], r["row"]
        assert mo["approved"] <= mo["claimed"] <= mo["self_paid"], r["row"]
    for r in m.rows:
        v = r["v"]
        if v["employment"] == "在岗" and v["status"] in ("", "在册"):
            assert whole_years(r["date"]["birth_date"], AS_OF) < 55, (r["row"], "在岗 member aged 55 or more")
        if v["status"] == "在册":
            assert v["monthly_wage"] and v["dues_paid"] and v["dues_months"], (r["row"], "在册 row without dues")
    names = {r["id"]: r["v"]["name"] for r in m.rows}
    for t in (p, c, e):
        for r in t.rows:
            assert names[r["id"]] == r["v"]["name"]
    for r in p.rows:
        if r["category"] == "去世慰问":
            assert r["v"]["event_date"], "去世慰问 gives the day of death"


def show(fig):
    def text(value):
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: {money_text(k, v)}" for k, v in value.items()) + "}"
        return str(value)

    def money_text(key, value):
        if key in ("amount", "union_spending", "dues_paid") and isinstance(value, int):
            return yuan(value)
        if key == "grant_range":
            return f"{yuan(value[0])}到{yuan(value[1])}元"
        return text(value)
    for section in ("members", "payments", "claims", "enrollments"):
        print(f"  {section}:")
        for k, v in fig[section].items():
            if k in ("by_category", "by_plan", "by_group", "by_status", "by_branch"):
                print(f"    {k}:")
                for kk, vv in v.items():
                    print(f"      {kk}: {text(vv)}")
            else:
                print(f"    {k}: {money_text(k, v)}")


# ---------------------------------------------------------------------------
# README of the messy sample and the expected-findings fixture
# ---------------------------------------------------------------------------

ENCODING_TEXT = {"GB18030": "GB18030（GBK）", "UTF-8": "UTF-8（无BOM / no BOM）", "UTF-8-BOM": "UTF-8 + BOM",
                 "UTF-16LE": "UTF-16LE + BOM"}
DELIMITER_TEXT = {",": "`,`", "\t": "Tab", ";": "`;`"}


def write_messy_readme(expected, accounting):
    lines = [
        "# messy — 真实工会专干收到的“乱”数据 / data as a clerk really gets it",
        "",
        "本文件夹由 `Scripts/make-samples.py` 生成，请勿手工修改（重新运行脚本即可还原）。",
        "Generated by `Scripts/make-samples.py`; do not edit by hand (re-run the script to restore).",
        "",
        "规则目录（SPEC §3）中除 U01（只在汇总多个基层工会时出现）以外的每一条规则，在这里都至少出现一次，",
        "而且只出现在下表列出的位置。",
        "Every rule of the catalog (SPEC §3) but U01 (raised only by a roll-up of several unions) fires here at",
        "least once, and only at the places listed below.",
        "",
        "| 文件 file | 编码 encoding | 分隔符 delimiter | 换行 line ends | 内容 content |",
        "|---|---|---|---|---|",
    ]
    for name, (encoding, delimiter, ends, content) in MESSY_FILES.items():
        lines.append(f"| {name} | {ENCODING_TEXT.get(encoding, '—')} | {DELIMITER_TEXT.get(delimiter, '—')} | "
                     f"{ends or '—'} | {content} |")
    lines += [
        "",
        "行号是用 LibreOffice Calc 打开文件时看到的行号：第1行就是文件第一行，空行也算一行，",
        "带换行的引号单元格（帮扶慰问发放.csv 第15行的备注）只算一行。列是 Calc 的列字母。",
        "针对整个文件的问题（F04、F06、F09）没有行和列。",
        "Row numbers are the rows LibreOffice Calc shows: line 1 is row 1, a blank line is a row, and a quoted",
        "cell holding a line break (the 备注 on row 15 of 帮扶慰问发放.csv) keeps its record on one row. Columns",
        "are Calc's column letters. Problems of a whole file (F04, F06, F09) have no row or column.",
        "",
        "## 预置的问题 / planted problems",
        "",
        "| 文件 file | 行 row | 列 column | 规则 rule | 问题 | problem |",
        "|---|---|---|---|---|---|",
    ]
    for e in expected:
        lines.append(f"| {e['file']} | {e['row'] or '—'} | {e['column'] or '—'} | {e['rule']} | {e['zh']} | {e['en']} |")
    lines += [
        "",
        "## 各文件的行数 / rows of each file",
        "",
        "有错误的行不计入任何合计（排除）；不在2025年度的行单独计数。每个文件：行数 = 计入 + 排除 + 非本年度。",
        "没有读取的文件（参保名单.csv、空文件、只有表头的文件）行数为 0；旧会员名册.xls 不是输入文件。",
        "Rows with an error are left out of every total (excluded); rows of other years are counted apart. For",
        "every file: rows = included + excluded + outside the year. Files not read (参保名单.csv, the empty file,",
        "the header-only file) have 0 rows; 旧会员名册.xls is not an input.",
        "",
        "| 文件 file | 行数 rows | 计入 included | 排除 excluded | 非本年度 outside the year |",
        "|---|---|---|---|---|",
    ]
    for name, (rows, included, excluded, outside) in accounting.items():
        lines.append(f"| {name} | {rows} | {included} | {excluded} | {outside} |")
    lines += [
        "",
        "其余各行都应当没有任何问题。文件里还有几处合规但不常见的写法，都不应报错：",
        "入会日期只写到月（`2010年3月`）；金额写成 `¥500`、`1200元`、`\"1,000.00\"`；日期写成 `2025.2.17`、",
        "`2025年1月1日`；一条备注里带逗号（加了引号），一条备注里带换行；帮扶慰问发放.csv 中间有一个空行；",
        "会员名册.csv 的“联系电话”列是座机号，作为重复的电话列原样保留，不按手机号检查。",
        "Every other row is clean. Some forms are unusual but accepted and must raise nothing: join dates given",
        "to the month (`2010年3月`); amounts written `¥500`, `1200元`, `\"1,000.00\"`; dates written `2025.2.17` and",
        "`2025年1月1日`; a quoted 备注 holding a comma and one holding a line break; a blank line in 帮扶慰问发放.csv;",
        "the 联系电话 column of 会员名册.csv holds landlines and, as the duplicate phone column, is carried through",
        "unchecked.",
        "",
        "报告年度 2025，统计截止日 2025-12-31（运行时请加 `--year 2025 --as-of 2025-12-31`，V05 才不随运行日期变化）：",
        "Reporting year 2025, as-of date 2025-12-31 (run with `--year 2025 --as-of 2025-12-31` so that V05 does not",
        "depend on the day):",
        "",
        "    unionbatch run Samples/messy --out /tmp/messy-out --year 2025 --as-of 2025-12-31",
        "",
    ]
    (MESSY_DIR / "README.md").write_text("\n".join(lines), encoding="utf-8")


def write_company_readme(fig):
    pm = fig["payments"]
    cat = pm["by_category"]
    lines = [
        "# company — 一个企业工会的样例数据 / a company union's sample data",
        "",
        "本文件夹由 `Scripts/make-samples.py` 生成，请勿手工修改。五个文件都是 Excel“CSV UTF-8”格式",
        "（带BOM，CRLF换行）。数据在默认规则下没有任何问题，得出的数字就是样例年终总结里的数字。",
        "Generated by `Scripts/make-samples.py`; do not edit by hand. The five files are Excel \"CSV UTF-8\"",
        "(BOM, CRLF). The data raises no finding under the default rules and gives the sample report's figures.",
        "",
        "报告年度 2025，统计截止日 2025-12-31 / reporting year 2025, as-of 2025-12-31:",
        "",
        f"- 会员 {fig['members']['total']} 人（女 {fig['members']['female']}，男 {fig['members']['male']}）；"
        f"本年入会 {fig['members']['joined_in_year']} 人，退会/转出 {fig['members']['left_in_year']} 人。",
        f"- 生病及生育慰问 {pm['by_group']['生病及生育慰问']['people']} 人 "
        f"{yuan(pm['by_group']['生病及生育慰问']['amount'])} 元；抚恤金 {yuan(cat['抚恤金']['amount'])} 元。",
        f"- 困难帮扶 {cat['困难帮扶']['people']} 人 {yuan(cat['困难帮扶']['amount'])} 元；"
        f"金秋助学 {cat['金秋助学']['count']} 人，{yuan(pm['grant_range'][0])}到{yuan(pm['grant_range'][1])}元不等。",
        f"- 医疗互助报销 {fig['claims']['count']} 人次 {yuan(fig['claims']['amount'])} 元"
        f"（门诊 {yuan(fig['claims']['by_plan']['门诊']['amount'])} 元，住院 {yuan(fig['claims']['by_plan']['住院']['amount'])} 元）。",
        f"- 两癌保险 {fig['enrollments']['people']} 人 {yuan(fig['enrollments']['amount'])} 元。",
        f"- 经费收支明细账：收入 {yuan(fig['funds']['income'])} 元（会费收入 {yuan(fig['funds']['by_line']['会费收入']['amount'])} 元，"
        f"与名册已缴会费相同），支出 {yuan(fig['funds']['expense'])} 元，结余 {yuan(fig['funds']['balance'])} 元；"
        f"劳保用品 {yuan(fig['funds']['by_line']['劳动保护费']['amount'])} 元；"
        f"职工培训 {fig['funds']['by_line']['职工教育支出']['people']} 人 {yuan(fig['funds']['by_line']['职工教育支出']['amount'])} 元。",
        "",
    ]
    (COMPANY_DIR / "README.md").write_text("\n".join(lines), encoding="utf-8")


def write_fixture(expected):
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    lines = ["file\trow\tcolumn\tfield\trule"]
    for e in expected:
        row = "" if e["row"] is None else str(e["row"])
        lines.append(f"{e['file']}\t{row}\t{e['column']}\t{e['field']}\t{e['rule']}")
    FIXTURE.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------
# The township sample: a federation (镇联合工会) of six grassroots unions
# ---------------------------------------------------------------------------

TOWNSHIP_DIR = ROOT / "Samples" / "township"
TOWNSHIP_FIXTURE = ROOT / "Tests" / "UnionPipelineTests" / "Fixtures" / "township-expected.json"
TOWNSHIP_NAME = "青石镇联合工会"
TOWNSHIP_TOML = "unionbatch.toml"
# ID areas: the county's own (东阳, 义乌, 永康) and the home counties of migrant workers.
TOWNSHIP_LOCAL_AREAS = ["330783", "330782", "330784"]
TOWNSHIP_MIGRANT_AREAS = ["522427", "513030", "341225", "362329", "412726"]
# folder -> (unit, unit_type, encoding of its files). Folders in code-point order, as a roll-up reads them.
TOWNSHIP_UNITS = {
    "东湖社区": ("青石镇东湖社区工会", "社区", "UTF-8-BOM"),
    "中心小学": ("青石镇中心小学工会", "事业", "UTF-8-BOM"),
    "宏达五金": ("青石镇宏达五金制品有限公司工会", "非公企业", "UTF-8-BOM"),
    "老街社区": ("青石镇老街社区工会", "社区", "GB18030"),
    "镇机关": ("青石镇人民政府机关工会", "机关", "UTF-8-BOM"),
    "青石纺织": ("浙江青石纺织有限公司工会", "非公企业", "UTF-8-BOM"),
}
TOWNSHIP_PROBLEM_UNIT = "宏达五金"
TOWNSHIP_TYPE_ORDER = ["企业", "机关", "事业", "社区", "非公企业", "联合"]
INPATIENT_DIAGNOSES = ["急性阑尾炎", "社区获得性肺炎", "胆囊结石伴胆囊炎", "腰椎间盘突出症", "冠心病", "骨折（桡骨远端）",
                       "急性胰腺炎", "子宫肌瘤"]


def iso(d):
    """`2025-03-05`: what an office system exports."""
    return d.isoformat()


def month_only(d):
    """`2016年5月`: a join date an old community roster keeps to the month."""
    return f"{d.year}年{d.month}月"


class TownshipPeople:
    """Names, ID numbers and phones unique across the whole township: one person, one ID number."""

    def __init__(self, rng):
        self.rng = rng
        self.names = NameMaker(rng)
        self.local = IdMaker(rng, TOWNSHIP_LOCAL_AREAS)
        self.migrant = IdMaker(rng, TOWNSHIP_MIGRANT_AREAS)
        self.migrant.used = self.local.used
        self.phones = PhoneMaker(rng)


class TownshipUnit:
    """One grassroots union's folder while it is built: its roster, payments, claims and enrolments as typed
    values, the headers each file is written with, and the findings planted in it."""

    def __init__(self, folder, township, seed, date_text=slash):
        self.folder = folder
        self.unit, self.unit_type, self.encoding = TOWNSHIP_UNITS[folder]
        self.town = township
        self.rng = random.Random(seed)
        self.date_text = date_text
        self.join_text = date_text
        self.people, self.pays, self.claims, self.enrolled = [], [], [], []
        self.plants = []          # (file, record index, field, rule, zh, en)
        self.files = {}           # file name -> (dataset, headers, records)

    # --- people -------------------------------------------------------------------------------
    def person(self, sex, birth, join, migrant=False, **kw):
        t = self.town
        p = Person(name=t.names.make(sex), sex=sex, birth=birth, join=join,
                   id=(t.migrant if migrant else t.local).make(birth, sex), phone=t.phones.make(),
                   branch="", empno="", extra={}, written={})
        p.__dict__.update(kw)
        self.people.append(p)
        return p

    def join_before_2025(self, birth, earliest=date(1996, 1, 1)):
        return random_day(self.rng, max(add_years(birth, 19), earliest), date(2024, 12, 1))

    def in_post(self, women, men, branches, born=(date(1972, 1, 1), date(2002, 6, 30)), migrants=0.0, **kw):
        """Members in post who joined before 2025, in a shuffled order of sexes."""
        sexes = ["女"] * women + ["男"] * men
        self.rng.shuffle(sexes)
        out = []
        for sex in sexes:
            birth = random_day(self.rng, *born)
            migrant = self.rng.random() < migrants
            p = self.person(sex, birth, self.join_before_2025(birth), migrant=migrant,
                            branch=self.rng.choice(branches), **kw)
            if migrant and p.employment == "在岗":
                p.employment = "农民工"
            out.append(p)
        return out

    def set_dues(self, low, high):
        """Wages and the year's dues for everyone who paid dues (保留会籍 and retired members pay none)."""
        for p in self.people:
            if p.status == "保留会籍" or p.employment == "退休" or (p.leave is not None and p.leave.year < YEAR):
                continue
            p.wage = wage_fen(self.rng, low, high)
            p.months = months_in_year(p)

    def members_on(self, d):
        return [p for p in self.people if p.member_on(d)]

    def steady(self):
        """Members in post all year: safe subjects for payments, claims and enrolments."""
        return [p for p in self.people if p.status == "在册" and p.join.year < YEAR and p.leave is None
                and p.employment in ("在岗", "农民工") and not getattr(p, "shared", False)]

    # --- money ---------------------------------------------------------------------------------
    def pay(self, p, category, amount, on, form="转账", event=None, relation="", student="", stage="", note=""):
        assert p.member_on(event or on) or category == "抚恤金", (self.folder, p.name, category, on)
        row = dict(p=p, category=category, amount=amount, date=on, event=event, form=form, relation=relation,
                   student=student, stage=stage, note=note, written={})
        self.pays.append(row)
        return row

    def grant(self, p, amount, stage, on=date(2025, 8, 26)):
        child_surname = p.name[0] if p.sex == "男" else self.rng.choice(SURNAMES)
        student = self.town.names.make(self.rng.choice(["男", "女"]), child_surname)
        return self.pay(p, "金秋助学", amount, on, relation="子女", student=student, stage=stage,
                        note=f"{YEAR}年金秋助学")

    def festival(self, category, on, amount, note, form="实物", skip=()):
        for p in self.people:
            if p.member_on(on) and p not in skip:
                self.pay(p, category, amount, on, form=form, note=note)

    def inpatient(self, p, admit, days, approved, diagnosis, plan="住院"):
        """A hospital stay reimbursed at the plan's rate of the self-paid part (approved = half of it)."""
        numerator, denominator = CLAIM_RATE[plan]
        self_paid = approved * denominator // numerator
        assert scale_half_up(self_paid, numerator, denominator) == approved
        insurance = self.rng.randint(3000, 12000) * 100 + self.rng.choice([0, 50])
        discharge = admit + timedelta(days=days)
        assert p.member_on(admit)
        self.claims.append(dict(p=p, plan=plan, admit=admit, discharge=discharge, self_paid=self_paid,
                                insurance=insurance, total=insurance + self_paid, claimed=self_paid,
                                approved=approved, paid=min(discharge + timedelta(days=self.rng.randint(15, 30)), AS_OF),
                                diagnosis=diagnosis))

    def outpatient(self, p, visit, approved):
        """An outpatient claim reimbursed at about 70% of the self-paid part."""
        self_paid = -(-approved * 10 // 7) + self.rng.choice([0, 0, 30, 100])
        insurance = self.rng.randint(50, 900) * 100
        assert p.member_on(visit)
        self.claims.append(dict(p=p, plan="门诊", admit=visit, discharge=None, self_paid=self_paid,
                                insurance=insurance, total=insurance + self_paid, claimed=self_paid,
                                approved=approved, paid=min(visit + timedelta(days=self.rng.randint(7, 30)), AS_OF),
                                diagnosis=self.rng.choice(OUTPATIENT_DIAGNOSES)))

    def outpatients(self, people, visits_each, low=6000, high=30000):
        """Outpatient claims for `people`, a person's year under the 1000 yuan cap."""
        for p, n in zip(people, visits_each):
            days = sorted(self.rng.sample(range(10, 320), n))
            amounts = [self.rng.randint(low // 10, high // 10) * 10 + self.rng.choice([0, 0, 5]) for _ in days]
            assert sum(amounts) <= OUTPATIENT_CAP
            for day_no, approved in zip(days, amounts):
                self.outpatient(p, date(YEAR, 1, 1) + timedelta(days=day_no), approved)

    # --- files ---------------------------------------------------------------------------------
    def roster_file(self, name, headers, order=None):
        people = order or self.people
        self.files[name] = ("members", headers, [headers] + [self.roster_row(p, headers) for p in people])

    def roster_row(self, p, headers):
        row = []
        for h in headers:
            f = field_of("members", h)
            if f is None:
                row.append(p.extra.get(h, ""))
                continue
            value = {"name": p.name, "gender": p.sex, "id_number": p.id, "birth_date": self.date_text(p.birth),
                     "employee_no": p.empno, "branch": p.branch, "join_date": self.join_text(p.join),
                     "leave_date": self.date_text(p.leave) if p.leave else "", "status": p.status,
                     "employment": p.employment, "phone": p.phone,
                     "monthly_wage": yuan(p.wage) if p.wage is not None else "",
                     "dues_paid": yuan(p.dues) if p.dues is not None else "",
                     "dues_months": str(p.months) if p.months is not None else "", "hardship": p.hardship}[f]
            row.append(p.written.get(f, value))
        return row

    def payments_file(self, name, headers):
        self.pays.sort(key=lambda x: (x["date"], list(CATEGORY).index(CATEGORY[x["category"]]), x["p"].empno,
                                      x["p"].id))
        rows = []
        for x in self.pays:
            p = x["p"]
            value = {"name": p.name, "id_number": p.id, "category": x["category"], "amount": yuan(x["amount"]),
                     "date": self.date_text(x["date"]), "event_date": self.date_text(x["event"]) if x["event"] else "",
                     "form": x["form"], "relation": x["relation"], "student_name": x["student"], "stage": x["stage"],
                     "branch": p.branch, "note": x["note"]}
            rows.append([x["written"].get(field_of("payments", h), value[field_of("payments", h)]) for h in headers])
        self.files[name] = ("payments", headers, [headers] + rows)

    def claims_file(self, name):
        self.claims.sort(key=lambda c: (c["paid"], c["p"].empno, c["p"].id, c["admit"]))
        d = self.date_text
        self.files[name] = ("claims", CLAIM_HEADERS, [CLAIM_HEADERS] + [
            [c["p"].name, c["p"].id, c["plan"], d(c["admit"]), d(c["discharge"]) if c["discharge"] else "",
             yuan(c["total"]), yuan(c["insurance"]), yuan(c["self_paid"]), yuan(c["claimed"]), yuan(c["approved"]),
             d(c["paid"]), c["diagnosis"]] for c in self.claims])

    def enrollments_file(self, name, women):
        for p in women:
            assert p.sex == "女" and p.member_on(date(YEAR, 1, 1))
        d = self.date_text
        self.enrolled = list(women)
        self.files[name] = ("enrollments", ENROLLMENT_HEADERS, [ENROLLMENT_HEADERS] + [
            [p.name, p.id, "两癌", "20", d(date(YEAR, 1, 1)), d(date(YEAR, 12, 31))] for p in women])

    def plant(self, file, record, field, rule, zh, en):
        self.plants.append((file, record, field, rule, zh, en))

    def expected(self):
        """The planted findings as (file, Calc row, column letter, field, rule, zh, en), in file and row order."""
        out = []
        for file, record, field, rule, zh, en in self.plants:
            dataset, headers, _ = self.files[file]
            column = next(column_letter(i) for i, h in enumerate(headers) if field_of(dataset, h) == field)
            out.append((file, str(record + 1), column, field, rule, zh, en))
        return sorted(out, key=lambda e: (e[0], int(e[1]), e[4]))

    def ledger_file(self, name, extra):
        """The unit's 经费收支明细账: its roster's dues by quarter, its union-money payments booked day by day on
        their lines (so that the books agree: no L03, L04), and `extra` entries (date, summary, account, fen).
        Draws nothing from the unit's random numbers: the other files stay as they were."""
        roster = next(records for dataset, _, records in self.files.values() if dataset == "members")
        dues_col = next((i for i, h in enumerate(roster[0]) if field_of("members", h) == "dues_paid"), None)
        rows = []
        if dues_col is not None:
            dues = sum(parse_money(r[dues_col]) for r in roster[1:] if r[dues_col])
            quarters = [dues * k // 4 for k in range(5)]
            for q, on in enumerate([date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 11, 5)]):
                rows.append((on, f"收缴第{q + 1}季度会费", "会费收入", quarters[q + 1] - quarters[q], None))
        booked = defaultdict(int)
        for x in self.pays:
            category = CATEGORY[x["category"]]
            if category not in NOT_UNION_MONEY and x["date"].year == YEAR:     # the year's books only
                booked[(x["date"], BOOKED_LINE.get(category, WELFARE_ACCOUNT), category)] += x["amount"]
        for (on, account, category), fen in booked.items():
            rows.append((on, f"发放{category}", account, None, fen))
        for on, summary, account, fen in extra:
            rows.append((on, summary, account, fen, None) if LINE_GROUP[ledger_line(account)] == "收入" else (on, summary, account, None, fen))
        rows.sort(key=lambda r: (r[0], r[3] is None, r[2], r[1]))
        headers = ["日期", "凭证号", "摘要", "科目", "收入", "支出"]
        records = [[self.date_text(on), f"记-{i + 1:03d}", summary, account, yuan(inc) if inc is not None else "",
                    yuan(exp) if exp is not None else ""] for i, (on, summary, account, inc, exp) in enumerate(rows)]
        self.files[name] = ("ledger", headers, [headers] + records)

    def write(self):
        folder = TOWNSHIP_DIR / self.folder
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            if stale.is_file() and stale.name not in self.files:
                stale.unlink()
        for name, (_, _, records) in self.files.items():
            write_file(folder / name, delimited_text(records, ",", "\r\n"), self.encoding)
        toml = [f"# unionbatch.toml — {self.unit}（{TOWNSHIP_NAME}下属基层工会）",
                f"# settings of {self.unit}, a grassroots union of {TOWNSHIP_NAME}",
                f'unit = "{self.unit}"', f'unit_type = "{self.unit_type}"', f"year = {YEAR}", ""]
        (folder / TOWNSHIP_TOML).write_text("\n".join(toml), encoding="utf-8")


def build_donghu(town, shared):
    """东湖社区: a community union of the neighbourhood's small employers; no dues columns in its roster."""
    u = TownshipUnit("东湖社区", town, 3301)
    groups = ["社区居委会", "商户小组", "物业小组"]
    employers = {"社区居委会": ["东湖社区居委会", "东湖社区卫生服务站"],
                 "商户小组": ["东湖农贸市场", "东湖家常菜馆", "青石镇东湖超市", "东湖理发店"],
                 "物业小组": ["东湖花园物业", "青石保洁服务部"]}
    u.in_post(9, 8, groups, migrants=0.3)
    shared.__dict__.update(branch="商户小组", extra={"工作单位": "青石镇东湖超市"})
    u.people.append(shared)
    late = u.person("男", date(2000, 4, 18), date(2025, 4, 7), branch="商户小组")
    left = u.person("女", date(1990, 11, 3), date(2018, 6, 1), status="退会", branch="商户小组",
                    leave=date(2025, 5, 31))
    u.person("男", date(1963, 7, 9), date(2003, 5, 1), status="保留会籍", employment="退休", branch="社区居委会")
    for p in u.people:
        p.extra.setdefault("工作单位", u.rng.choice(employers[p.branch]))
    left.extra["工作单位"] = "东湖家常菜馆（已关店）"
    u.people.sort(key=lambda q: (groups.index(q.branch), q.join))
    for n, p in enumerate(u.people, start=1):
        p.extra["序号"] = str(n)
    steady = u.steady()
    parents = [p for p in steady if p.birth.year <= 1985]
    hardship = u.rng.sample(parents, 2) + u.rng.sample([p for p in steady if p not in parents], 1)
    for p, kind in zip(hardship, ["深度困难", "相对困难", "相对困难"]):
        p.hardship = kind
    u.roster_file("会员名册.csv", ["序号", "姓名", "性别", "身份证号", "工会小组", "工作单位", "入会日期", "退会日期",
                                  "会员状态", "在岗状态", "联系电话", "困难类别"])

    u.festival("春节慰问", date(2025, 1, 22), 20000, "米、油")
    for p, amount in zip(hardship, [100000, 80000, 80000]):
        u.pay(p, "送温暖", amount, date(2025, 1, 16), note="春节送温暖")
    u.pay(hardship[0], "医疗救助", 200000, date(2025, 7, 8), note="本人住院，自付费用较高")
    u.grant(hardship[1], 150000, "本科")
    others = [p for p in steady if p not in hardship]
    u.pay(others[0], "生病住院慰问", 50000, date(2025, 3, 19), form="实物", note="住院探望")
    u.pay(late, "结婚慰问", 100000, date(2025, 10, 9), note="新婚慰问")
    u.payments_file("帮扶慰问.csv", PAYMENT_HEADERS)
    women = [p for p in steady if p.sex == "女"][:6]
    u.enrollments_file("两癌参保.csv", women)
    return u


def build_school(town):
    """中心小学: a public institution (事业) union, mostly women teachers; a birthday card for everyone."""
    u = TownshipUnit("中心小学", town, 3302)
    groups = ["语文组", "数学组", "英语组", "综合组", "行政后勤"]
    u.in_post(27, 9, groups, born=(date(1973, 1, 1), date(2000, 12, 31)))
    new = [u.person("女", date(2002, 3, 21), date(2025, 9, 1), branch="语文组"),
           u.person("男", date(2001, 10, 5), date(2025, 9, 1), branch="数学组")]
    retiree = u.person("女", date(1970, 2, 14), date(1992, 9, 1), status="保留会籍", employment="退休", branch="综合组")
    assert retirement_date(retiree.birth, "女") == date(2025, 3, 14)
    for sex, birth in [("女", date(1964, 5, 2)), ("女", date(1968, 8, 30)), ("男", date(1962, 12, 11))]:
        u.person(sex, birth, random_day(u.rng, add_years(birth, 21), add_years(birth, 30)), status="保留会籍",
                 employment="退休", branch="综合组")
    u.set_dues(4600, 9800)
    for n, p in enumerate(sorted(u.people, key=lambda q: (q.join, q.birth)), start=1):
        p.empno = f"T{n:03d}"
    u.people.sort(key=lambda q: q.empno)
    u.roster_file("教职工会员名册.csv", ["工号", "姓名", "性别", "身份证号", "出生日期", "部门", "入会日期", "会员状态",
                                        "在岗状态", "手机号", "会费基数", "全年会费", "缴费月数"])

    for p in u.people:
        on = date(YEAR, p.birth.month, 10)
        if p.member_on(on):
            u.pay(p, "生日慰问", 20000, on, form="卡券", note="生日蛋糕券")
    steady = u.steady()
    u.rng.shuffle(steady)
    mothers = [p for p in steady if p.sex == "女" and p.birth.year >= 1990]
    u.pay(mothers[0], "生育慰问", 60000, date(2025, 4, 15), note="生育慰问")
    u.pay(mothers[1], "生育慰问", 80000, date(2025, 10, 20), note="生育慰问")
    u.pay(mothers[2], "结婚慰问", 100000, date(2025, 5, 3), note="新婚慰问")
    u.pay(new[1], "结婚慰问", 100000, date(2025, 10, 2), note="新婚慰问")
    sick = [p for p in steady if p not in mothers[:3]]
    u.pay(sick[0], "生病住院慰问", 50000, date(2025, 6, 12), note="住院探望")
    u.pay(sick[1], "生病住院慰问", 50000, date(2025, 11, 25), form="实物", note="住院探望")
    u.pay(retiree, "退休慰问", 100000, date(2025, 3, 20), form="实物", note="光荣退休纪念品")
    u.payments_file("帮扶慰问发放.csv", PAYMENT_HEADERS)

    u.inpatient(sick[0], date(2025, 6, 9), 8, 86520, "子宫肌瘤")
    u.outpatients(sick[2:5], [2, 2, 1])
    u.claims_file("医疗互助报销.csv")
    u.enrollments_file("两癌参保.csv", [p for p in u.people if p.sex == "女" and p in steady])
    return u


def build_hongda(town):
    """宏达五金: a private hardware factory's union, where the year's problems are."""
    u = TownshipUnit("宏达五金", town, 3303)
    branches = ["冲压车间", "装配车间", "办公室"]
    u.in_post(10, 21, branches, born=(date(1975, 1, 1), date(2002, 6, 30)), migrants=0.5)
    u.person("男", date(1998, 2, 27), date(2025, 3, 10), branch="装配车间")
    u.person("男", date(1985, 9, 14), date(2016, 3, 1), status="退会", branch="冲压车间", leave=date(2025, 8, 31),
             migrant=True, employment="农民工")
    # Planted M02: a row whose ID number Excel turned into scientific notation; nobody else refers to it.
    damaged = u.person("女", date(1993, 6, 21), date(2019, 4, 1), branch="装配车间")
    damaged.written["id_number"] = f"{damaged.id[0]}.{damaged.id[1:6]}E+17"
    u.set_dues(4200, 8800)
    for n, p in enumerate(sorted(u.people, key=lambda q: (q.join, q.birth)), start=1):
        p.empno = f"HD{n:03d}"
    u.people.sort(key=lambda q: (branches.index(q.branch), q.empno))
    steady = [p for p in u.steady() if p is not damaged]
    hardship = u.rng.sample(steady, 2)
    for p, kind in zip(hardship, ["相对困难", "意外致困"]):
        p.hardship = kind
    # Planted M06: a phone number with a digit left out (a warning: the member still counts).
    typo = next(p for p in steady if p not in hardship)
    typo.written["phone"] = typo.phone[:5] + typo.phone[6:]
    headers = ["姓名", "性别", "身份证号", "出生日期", "工号", "部门", "入会日期", "退会日期", "会员状态", "在岗状态",
               "手机号", "月工资", "已缴会费", "缴费月数", "困难职工"]
    u.roster_file("会员名册.csv", headers)
    roster = u.files["会员名册.csv"][2]
    u.plant("会员名册.csv", 1 + u.people.index(damaged), "id_number", "M02",
            f"{damaged.name} 的身份证号被Excel改成科学计数法 {damaged.written['id_number']}",
            f"{damaged.name}'s ID number turned into scientific notation {damaged.written['id_number']} by Excel")
    u.plant("会员名册.csv", 1 + u.people.index(typo), "phone", "M06",
            f"{typo.name} 的手机号 {typo.written['phone']} 只有10位（漏了一位）",
            f"{typo.name}'s phone {typo.written['phone']} has 10 digits (one left out)")
    assert roster[1 + u.people.index(damaged)][2] == damaged.written["id_number"]

    u.festival("中秋慰问", date(2025, 9, 28), 20000, "月饼、水果", skip=[damaged])
    for p, amount in zip(hardship, [100000, 150000]):
        u.pay(p, "困难补助", amount, date(2025, 1, 20), note="春节困难职工补助")
    others = [p for p in steady if p not in hardship and p is not typo]
    u.pay(others[0], "生病住院慰问", 60000, date(2025, 4, 9), form="实物", note="住院探望（工伤）")
    u.pay(others[1], "生病住院慰问", 80000, date(2025, 7, 23), note="住院探望（阑尾炎手术）")
    over = u.pay(others[2], "生病住院慰问", 150000, date(2025, 11, 12), note="住院探望（心脏支架手术）")
    mother = next(p for p in others[3:] if p.sex == "女" and p.birth.year >= 1990)
    u.pay(mother, "生育慰问", 50000, date(2025, 6, 6), note="生育慰问")
    groom = next(p for p in others[3:] if p.sex == "男" and p.birth.year >= 1995)
    bad_day = u.pay(groom, "结婚慰问", 100000, date(2025, 9, 30), note="新婚慰问")
    bad_day["written"]["date"] = "2025/9/31"
    outsider_birth = date(1979, 10, 2)
    outsider = Person(name=town.names.make("男"), sex="男", birth=outsider_birth, join=None,
                      id=town.migrant.make(outsider_birth, "男"), branch="冲压车间", empno="")
    u.pays.append(dict(p=outsider, category="生病住院慰问", amount=50000, date=date(2025, 5, 16), event=None, form="现金",
                       relation="", student="", stage="", note="劳务派遣工，住院探望", written={}))
    u.payments_file("帮扶慰问发放.csv", PAYMENT_HEADERS)
    records = u.files["帮扶慰问发放.csv"][2]
    u.plant("帮扶慰问发放.csv", 1 + u.pays.index(over), "amount", "P02",
            f"{others[2].name} 的生病住院慰问单笔 1500 元，超过上限 1000 元",
            f"a 生病住院慰问 of 1500 yuan to {others[2].name} is above the 1000 yuan limit")
    u.plant("帮扶慰问发放.csv", 1 + u.pays.index(bad_day), "date", "V02",
            "发放日期 2025/9/31 不存在（9月只有30日）", "payment date 2025/9/31 does not exist (September has 30 days)")
    u.plant("帮扶慰问发放.csv", 1 + next(i for i, x in enumerate(u.pays) if x["p"] is outsider), "id_number", "X01",
            f"{outsider.name}（劳务派遣工）不在会员名册中，却领了生病住院慰问",
            f"{outsider.name}, an agency worker, is not in the roster but was paid a 生病住院慰问")
    assert records[1 + u.pays.index(bad_day)][4] == "2025/9/31"
    women = [p for p in steady if p.sex == "女"][:8]
    u.enrollments_file("两癌参保.csv", women)
    u.outsider = outsider
    return u


def build_laojie(town):
    """老街社区: an old community union whose clerk's Windows Excel saves GB18030 CSV; join dates to the month."""
    u = TownshipUnit("老街社区", town, 3304)
    u.join_text = lambda d: month_only(d) if d.day == 1 else slash(d)
    groups = ["老街居委会", "个体工商户小组", "环卫小组"]
    people = u.in_post(13, 14, groups, born=(date(1972, 1, 1), date(2001, 12, 31)), migrants=0.25)
    for p in people:
        p.join = p.join.replace(day=1)
    u.person("男", date(1958, 3, 30), date(1996, 5, 1), status="保留会籍", employment="退休", branch="环卫小组")
    u.person("女", date(1966, 1, 17), date(2001, 8, 1), status="保留会籍", employment="退休", branch="老街居委会")
    died = u.person("男", date(1969, 12, 2), date(2005, 3, 1), status="退会", branch="环卫小组",
                    leave=date(2025, 10, 17))
    u.person("女", date(1995, 7, 25), date(2020, 9, 1), status="转出", branch="个体工商户小组",
             leave=date(2024, 11, 30))
    u.people.sort(key=lambda q: (groups.index(q.branch), q.join))
    steady = u.steady()
    hardship = u.rng.sample([p for p in steady if p.birth.year <= 1986], 4)
    for p, kind in zip(hardship, ["深度困难", "深度困难", "相对困难", "意外致困"]):
        p.hardship = kind
    u.roster_file("会员名册.csv", ["姓名", "性别", "身份证号", "工会小组", "入会时间", "退会日期", "会员状态", "身份",
                                  "手机号", "困难职工"])

    for p, amount in zip(hardship, [120000, 100000, 80000, 100000]):
        u.pay(p, "送温暖", amount, date(2025, 1, 14), form="现金", note="春节送温暖")
    u.pay(hardship[0], "生活救助", 100000, date(2025, 10, 28), note="冬季生活救助")
    u.grant(hardship[1], 100000, "高职")
    u.grant(hardship[2], 200000, "本科")
    others = [p for p in steady if p not in hardship]
    u.pay(others[0], "生病住院慰问", 40000, date(2025, 4, 2), form="实物", note="住院探望")
    u.pay(others[1], "生病住院慰问", 60000, date(2025, 8, 14), form="实物", note="住院探望")
    u.pay(others[2], "亲属去世慰问", 50000, date(2025, 3, 6), event=date(2025, 3, 2), form="现金", relation="父亲")
    u.pay(died, "去世慰问", 150000, date(2025, 10, 20), event=died.leave, form="现金", note="会员病故")
    u.payments_file("帮扶慰问发放.csv", ["姓名", "身份证号", "帮扶类别", "金额", "发放日期", "事由日期", "形式",
                                        "与会员关系", "学生姓名", "录取层次", "备注"])
    return u


def build_office(town):
    """镇机关: the township government's office union; dates as its office system exports them (ISO)."""
    u = TownshipUnit("镇机关", town, 3305, date_text=iso)
    depts = ["党政综合办公室", "经济发展办公室", "社会事务办公室", "农业农村办公室", "综合行政执法队"]
    titles = ["科员", "科员", "科员", "办事员", "副主任", "主任"]
    u.in_post(17, 22, depts, born=(date(1972, 1, 1), date(1999, 12, 31)))
    u.person("女", date(2001, 5, 8), date(2025, 8, 11), branch="社会事务办公室")
    u.person("男", date(2000, 9, 26), date(2025, 8, 11), branch="经济发展办公室")
    retiree = u.person("男", date(1965, 3, 15), date(1987, 8, 1), status="保留会籍", employment="退休",
                       branch="农业农村办公室")
    assert retirement_date(retiree.birth, "男") == date(2025, 4, 15)
    for sex, birth in [("男", date(1957, 10, 4)), ("男", date(1961, 2, 19)), ("女", date(1963, 6, 28)),
                       ("女", date(1968, 11, 9))]:
        u.person(sex, birth, random_day(u.rng, add_years(birth, 21), add_years(birth, 28)), status="保留会籍",
                 employment="退休", branch=u.rng.choice(depts))
    moved = u.person("男", date(1988, 4, 2), date(2012, 9, 1), status="转出", branch="党政综合办公室",
                     leave=date(2025, 6, 30))
    u.set_dues(6200, 12800)
    for p in u.people:
        p.extra["职务"] = "" if p.employment == "退休" else u.rng.choice(titles)
    u.people.sort(key=lambda q: (depts.index(q.branch), q.join))
    steady = u.steady()
    helped = next(p for p in steady if p.birth.year <= 1985)
    helped.hardship = "意外致困"
    u.roster_file("机关工会会员名册.csv", ["姓名", "性别", "身份证号码", "出生日期", "部门", "职务", "入会日期", "转出日期",
                                          "会员状态", "在岗状态", "手机号码", "月工资", "已缴会费", "缴费月数",
                                          "困难职工"])

    u.festival("春节慰问", date(2025, 1, 24), 30000, "春节慰问品")
    u.festival("中秋慰问", date(2025, 9, 30), 20000, "月饼")
    u.pay(helped, "困难帮扶", 300000, date(2025, 3, 12), note="家中房屋失火，一次性帮扶")
    u.rng.shuffle(steady)
    others = [p for p in steady if p is not helped]
    stays = [(others[0], date(2025, 2, 17), 6, 120350, "社区获得性肺炎", 50000),
             (others[1], date(2025, 5, 26), 9, 98040, "腰椎间盘突出症", 80000),
             (others[2], date(2025, 11, 3), 5, 76500, "急性阑尾炎", 60000)]
    for p, admit, days, approved, diagnosis, visit in stays:
        u.pay(p, "住院慰问", visit, admit + timedelta(days=2), note=f"住院探望（{diagnosis}）")
    for p, admit, days, approved, diagnosis, visit in stays[:2]:
        u.inpatient(p, admit, days, approved, diagnosis)
    mother = next(p for p in others[3:] if p.sex == "女" and p.birth.year >= 1988)
    u.pay(mother, "生育慰问", 80000, date(2025, 7, 7), note="生育慰问")
    groom = next(p for p in others[3:] if p.sex == "男" and p.birth.year >= 1992)
    u.pay(groom, "结婚慰问", 100000, date(2025, 5, 19), note="新婚慰问")
    u.pay(retiree, "退休慰问", 80000, date(2025, 4, 30), form="实物", note="光荣退休纪念品")
    u.pay(moved, "其他", 30000, date(2025, 6, 27), form="实物", note="调离留念")
    u.payments_file("慰问发放.csv", PAYMENT_HEADERS)
    u.outpatients([p for p in others[4:] if p is not mother][:3], [2, 1, 1])
    u.claims_file("医疗互助报销.csv")
    u.enrollments_file("两癌参保.csv", [p for p in u.people if p.sex == "女" and p in steady])
    return u


def build_textile(town, shared):
    """青石纺织: the largest private company; many migrant workers, hardship aid and grants, claims."""
    u = TownshipUnit("青石纺织", town, 3306)
    branches = ["织造车间", "印染车间", "后整理车间", "行政部"]
    u.in_post(33, 37, branches, born=(date(1972, 1, 1), date(2002, 6, 30)), migrants=0.55)
    u.person("女", date(1976, 9, 12), date(2004, 3, 1), employment="病休", branch="印染车间")
    for join, sex, birth in [(date(2025, 3, 3), "女", date(2003, 1, 19)), (date(2025, 3, 3), "男", date(2002, 11, 30)),
                             (date(2025, 9, 15), "男", date(1999, 6, 6))]:
        u.person(sex, birth, join, migrant=True, employment="农民工", branch=u.rng.choice(branches[:3]))
    for leave in [date(2025, 4, 30), date(2025, 11, 15)]:
        birth = random_day(u.rng, date(1980, 1, 1), date(1998, 12, 31))
        u.person("男", birth, u.join_before_2025(birth), status="退会", migrant=True, employment="农民工",
                 branch="织造车间", leave=leave)
    # A weaver who died in August: the union's 去世慰问, and the company's 抚恤金 (not union money).
    died = u.person("男", date(1971, 5, 6), date(1999, 4, 1), status="退会", branch="织造车间", leave=date(2025, 8, 9))
    # The member the roll-up finds twice: she moved from the 东湖 supermarket in July; 东湖 never wrote her out.
    mover = Person(**{k: v for k, v in shared.__dict__.items()})
    mover.__dict__.update(join=date(2025, 7, 1), branch="后整理车间", employment="在岗", extra={}, written={},
                          shared=True)
    u.people.append(mover)
    u.set_dues(3800, 11500)
    for n, p in enumerate(sorted(u.people, key=lambda q: (q.join, q.birth)), start=1):
        p.empno = f"{20000 + n * 3 + u.rng.randint(0, 2)}"
    u.people.sort(key=lambda q: (branches.index(q.branch), q.empno))
    steady = u.steady()
    parents = [p for p in steady if p.birth.year <= 1983]
    hardship = u.rng.sample(parents, 5) + u.rng.sample([p for p in steady if p not in parents], 3)
    for p, kind in zip(hardship, ["深度困难", "相对困难", "相对困难", "相对困难", "意外致困", "深度困难", "相对困难",
                                  "相对困难"]):
        p.hardship = kind
    u.roster_file("会员名册.csv", MEMBER_HEADERS)

    u.festival("春节慰问", date(2025, 1, 20), 20000, "春节慰问品")
    for p, amount in zip(hardship[:6], [150000, 100000, 80000, 80000, 100000, 120000]):
        u.pay(p, "送温暖", amount, date(2025, 1, 17), note="春节送温暖")
    u.pay(hardship[0], "医疗救助", 200000, date(2025, 6, 19), note="大病医疗救助")
    u.pay(hardship[6], "困难补助", 60000, date(2025, 11, 21), note="生活困难补助")
    for p, (amount, stage) in zip(hardship[:4], [(300000, "本科"), (200000, "本科"), (150000, "专科"), (80000, "中职")]):
        u.grant(p, amount, stage, on=date(2025, 8, 22))
    others = [p for p in steady if p not in hardship]
    u.rng.shuffle(others)
    stays = [(others[0], date(2025, 3, 24), 7, 64210, "急性胰腺炎", 50000),
             (others[1], date(2025, 7, 14), 12, 118500, "骨折（桡骨远端）", 80000),
             (others[2], date(2025, 10, 8), 6, 45375, "胆囊结石伴胆囊炎", 40000)]
    for p, admit, days, approved, diagnosis, visit in stays:
        u.pay(p, "生病住院慰问", visit, admit + timedelta(days=3), form="实物", note=f"住院探望（{diagnosis}）")
        u.inpatient(p, admit, days, approved, diagnosis)
    young = [p for p in others[3:] if p.birth.year >= 1992]
    mothers = [p for p in young if p.sex == "女"]
    u.pay(mothers[0], "生育慰问", 50000, date(2025, 5, 13), note="生育慰问")
    u.pay(mothers[1], "产假慰问", 50000, date(2025, 12, 2), note="生育慰问")
    grooms = [p for p in young if p.sex == "男"]
    u.pay(grooms[0], "结婚慰问", 80000, date(2025, 2, 10), note="新婚慰问")
    u.pay(grooms[1], "结婚慰问", 80000, date(2025, 10, 13), note="新婚慰问")
    u.pay(died, "去世慰问", 200000, date(2025, 8, 12), event=died.leave, form="现金", note="会员因病去世")
    u.pay(died, "家属抚恤金", 500000, date(2025, 8, 29), event=died.leave, note="公司发放的遗属一次性抚恤金")
    u.pay(others[-1], "直系亲属去世", 50000, date(2025, 9, 3), event=date(2025, 8, 30), form="现金", relation="母亲")
    u.payments_file("帮扶慰问发放.csv", PAYMENT_HEADERS)
    out = [p for p in others[3:] if p not in mothers[:2] and p not in grooms[:2] and p is not others[-1]]
    u.outpatients(out[:5], [3, 2, 2, 1, 1])
    u.claims_file("医疗互助报销.csv")
    women = [p for p in steady if p.sex == "女"]
    u.enrollments_file("两癌参保.csv", sorted(u.rng.sample(women, 20), key=lambda q: q.empno))
    return u


# The entries of the units' ledgers beside their dues and payments: (date, summary, account, fen).
TOWNSHIP_LEDGERS = {
    "中心小学": [(date(2025, 1, 15), "工会经费拨缴返还", "拨缴经费收入", 1860000),
                 (date(2025, 4, 25), "教职工气排球比赛", "职工活动支出-文体活动支出", 426050),
                 (date(2025, 7, 8), "暑期防暑降温用品", "维权支出-劳动保护费", 185000),
                 (date(2025, 10, 20), "教师心理健康讲座", "职工活动支出-职工教育支出", 120000)],
    "镇机关": [(date(2025, 1, 20), "行政补助", "行政补助收入", 2000000),
               (date(2025, 3, 20), "工会经费拨缴返还", "拨缴经费收入", 1536000),
               (date(2025, 5, 16), "机关干部健步走活动", "职工活动支出-文体活动支出", 358000),
               (date(2025, 5, 20), "健步走活动退回多付保险费", "职工活动支出-文体活动支出", -12000),
               (date(2025, 9, 12), "工会干部业务培训", "业务支出-培训费", 96000)],
    "青石纺织": [(date(2025, 2, 10), "工会经费拨缴返还", "拨缴经费收入", 4218000),
                 (date(2025, 3, 15), "第一季度劳保用品（口罩、耳塞）", "维权支出-劳动保护费", 682040),
                 (date(2025, 6, 15), "第二季度劳保用品", "维权支出-劳动保护费", 701500),
                 (date(2025, 7, 5), "车间防暑降温清凉饮料", "维权支出-劳动保护费", 388000),
                 (date(2025, 9, 15), "第三季度劳保用品", "维权支出-劳动保护费", 694020),
                 (date(2025, 11, 3), "挡车工技能培训", "职工活动支出-职工教育支出", 360000),
                 (date(2025, 11, 4), "银行手续费", "其他支出", 4550)],
}


def build_township():
    """Writes Samples/township/ and returns its units, in folder order."""
    town = TownshipPeople(random.Random(20250906))
    # The member found in two units: a supermarket cashier in 东湖 who moved to 青石纺织 in July 2025.
    birth = date(1987, 2, 24)
    shared = Person(name=town.names.make("女"), sex="女", birth=birth, join=date(2019, 5, 1),
                    id=town.local.make(birth, "女"), phone=town.phones.make(), branch="", empno="", extra={},
                    written={}, shared=True)
    units = [build_donghu(town, shared), build_school(town), build_hongda(town), build_laojie(town),
             build_office(town), build_textile(town, shared)]
    assert [u.folder for u in units] == sorted(TOWNSHIP_UNITS, key=lambda f: [ord(c) for c in f])
    # Three units keep their books in unionbatch's reach; the federation's funds are the sum of theirs.
    for u in units:
        extra = TOWNSHIP_LEDGERS.get(u.folder)
        if extra is not None:
            u.ledger_file("经费收支明细账.csv", extra)
    TOWNSHIP_DIR.mkdir(parents=True, exist_ok=True)
    for u in units:
        u.write()
    toml = [f"# unionbatch.toml — {TOWNSHIP_NAME}：各基层工会的数据在子文件夹中，用 unionbatch rollup 汇总",
            f"# the federation {TOWNSHIP_NAME}: each grassroots union's files are in its sub-folder; run unionbatch rollup",
            f'unit = "{TOWNSHIP_NAME}"', 'unit_type = "联合"', f"year = {YEAR}", ""]
    (TOWNSHIP_DIR / TOWNSHIP_TOML).write_text("\n".join(toml), encoding="utf-8")
    return units, shared


def mask_id(number):
    return number[:6] + "*" * 8 + number[14:]


def findings_count(tables):
    """(errors, warnings, by_rule) of a folder's findings, as summary.json's `findings` counts them."""
    errors = warnings = 0
    by_rule = defaultdict(int)
    for t in tables:
        for _, _, field, rule in t.findings:
            by_rule[rule] += 1
            if is_error(rule, field):
                errors += 1
            else:
                warnings += 1
    return errors, warnings, dict(sorted(by_rule.items()))


def assert_township_extras(u, tables):
    """A clean unit's data beyond the rules: dates inside the year, costs that add up, names as in the roster."""
    m = tables.get("members")
    names = {r["id"]: r["v"]["name"] for r in m.rows if r["id"]}
    for dataset in ("payments", "claims", "enrollments"):
        t = tables.get(dataset)
        if t is None:
            continue
        for r in t.rows:
            for f, d in r["date"].items():
                assert date(YEAR, 1, 1) <= d <= AS_OF, (u.folder, t.file, r["row"], f, d)
            if r["id"] in names:
                assert names[r["id"]] == r["v"]["name"], (u.folder, t.file, r["row"])
    if "claims" in tables:
        for r in tables["claims"].rows:
            mo = r["money"]
            assert mo["total_cost"] >= mo["insurance_paid"] + mo["self_paid"], (u.folder, r["row"])
            assert mo["approved"] <= mo["claimed"] <= mo["self_paid"], (u.folder, r["row"])
    for r in m.rows:
        if r["v"].get("status") == "在册" and "monthly_wage" in r["v"]:
            assert r["v"]["monthly_wage"] and r["v"]["dues_paid"] and r["v"]["dues_months"], (u.folder, r["row"])
    payments = tables.get("payments")
    for r in payments.rows if payments else []:
        if r["category"] in ("去世慰问", "亲属去世慰问"):
            assert r["v"]["event_date"], (u.folder, r["row"], "a death gives its day")
        if r["category"] == "金秋助学":
            assert r["v"]["relation"] == "子女" and r["v"]["student_name"] and r["v"]["stage"], (u.folder, r["row"])


def members_at_as_of(table):
    """(ID number, Calc row) of the roster rows that are members at the as-of date (SPEC §7)."""
    return [(r["id"], r["row"]) for r in table.rows if not table.has_error(r)
            and r["v"].get("status", "") in ("", "在册", "保留会籍")
            and ("join_date" not in r["date"] or r["date"]["join_date"] <= AS_OF)
            and ("leave_date" not in r["date"] or r["date"]["leave_date"] >= AS_OF)]


def check_township(units, shared):
    """Runs the model over every unit folder; asserts the planted findings, the clean units and the one U01.
    Returns (per-unit results, federation figures)."""
    results = []
    for u in units:
        tables = check_folder(TOWNSHIP_DIR / u.folder, {name: "," for name in u.files})
        found = folder_findings(tables)
        planted = sorted(e[:5] for e in u.expected())
        assert found == planted, f"{u.folder}: findings differ from the planted ones:\n  found   {found}\n  planted {planted}"
        assert (u.folder == TOWNSHIP_PROBLEM_UNIT) == bool(planted), u.folder
        assert sorted(t.file for t in tables) == sorted(u.files), u.folder
        for t in tables:
            assert t.encoding == u.encoding, (u.folder, t.file, t.encoding)
        by_dataset = {t.dataset: t for t in tables}
        assert len(by_dataset) == len(tables), u.folder
        assert_township_extras(u, by_dataset)
        fig = folder_figures(by_dataset)
        fig["findings"] = findings_count(tables)
        fig["inputs"] = {t.file: (t.dataset,) + t.accounting() for t in tables}
        assert 15 <= fig["members"]["total"] <= 80, (u.folder, fig["members"]["total"])
        results.append(dict(unit=u, tables=by_dataset, fig=fig))

    # U01: in folder order, the first unit keeps a member; each later unit holding the same ID is told.
    first, u01 = {}, []
    for res in results:
        for number, row in members_at_as_of(res["tables"]["members"]):
            if number in first and first[number] != res["unit"].folder:
                u01.append((res["unit"], res["tables"]["members"].file, row, number, first[number]))
            first.setdefault(number, res["unit"].folder)
    assert len(u01) == 1 and u01[0][3] == shared.id, u01
    kinds = [TOWNSHIP_UNITS[f][1] for f in TOWNSHIP_UNITS]
    assert kinds.count("社区") >= 2 and kinds.count("机关") >= 1 and kinds.count("非公企业") >= 2
    assert sum(1 for f in TOWNSHIP_UNITS if TOWNSHIP_UNITS[f][2] == "GB18030") == 1
    return results, federation_figures(results, u01[0])


def federation_figures(results, u01):
    """The federation's figures: the sums of the units' (SPEC §6), `people` included."""
    def total(section, key, sub=None):
        out = 0
        for res in results:
            s = res["fig"].get(section)
            if s is None:
                continue
            if sub is not None:
                s = s["by_category"].get(sub) if section == "payments" else s.get(sub)
                if s is None:
                    continue
            out += s[key]
        return out

    def cat(name, key):
        return total("payments", key, name)

    grants = [res["fig"]["payments"]["grant_range"] for res in results if "grant_range" in res["fig"].get("payments", {})]
    by_type = defaultdict(int)
    for f in TOWNSHIP_UNITS:
        by_type[TOWNSHIP_UNITS[f][1]] += 1
    unit, file, row, number, kept_by = u01
    errors = sum(res["fig"]["findings"][0] for res in results)
    warnings = sum(res["fig"]["findings"][1] for res in results)
    by_rule = defaultdict(int)
    for res in results:
        for rule, n in res["fig"]["findings"][2].items():
            by_rule[rule] += n
    sick_birth = [res["fig"]["payments"]["by_group"]["生病及生育慰问"] for res in results if "payments" in res["fig"]]
    return {
        "unit": TOWNSHIP_NAME, "unit_type": "联合", "year": YEAR, "as_of": AS_OF.isoformat(),
        "units": len(results),
        "units_by_type": {k: by_type[k] for k in TOWNSHIP_TYPE_ORDER if by_type[k]},
        "members_by_unit": {res["unit"].unit: res["fig"]["members"]["total"] for res in results},
        "members_total": total("members", "total"),
        "members_female": total("members", "female"),
        "members_male": total("members", "male"),
        "members_joined_in_year": total("members", "joined_in_year"),
        "members_left_in_year": total("members", "left_in_year"),
        "dues_paid_fen": sum(parse_money(res["fig"]["members"]["dues_paid"]) for res in results),
        "payments_count": total("payments", "count"),
        "payments_people": total("payments", "people"),
        "payments_amount_fen": total("payments", "amount"),
        "union_spending_fen": total("payments", "union_spending"),
        "hardship_count": cat("困难帮扶", "count"),
        "hardship_people": cat("困难帮扶", "people"),
        "hardship_amount_fen": cat("困难帮扶", "amount"),
        "education_count": cat("金秋助学", "count"),
        "education_people": cat("金秋助学", "people"),
        "education_amount_fen": cat("金秋助学", "amount"),
        "education_min_fen": min(g[0] for g in grants),
        "education_max_fen": max(g[1] for g in grants),
        "sick_and_birth_count": sum(g["count"] for g in sick_birth),
        "sick_and_birth_people": sum(g["people"] for g in sick_birth),
        "sick_and_birth_amount_fen": sum(g["amount"] for g in sick_birth),
        "claims_count": total("claims", "count"),
        "claims_people": total("claims", "people"),
        "claims_approved_fen": total("claims", "amount"),
        "enrollments_count": total("enrollments", "count"),
        "enrollments_people": total("enrollments", "people"),
        "enrollments_premium_fen": total("enrollments", "amount"),
        "funds_units": sum(1 for res in results if "funds" in res["fig"]),
        "funds_income_fen": total("funds", "income"),
        "funds_expense_fen": total("funds", "expense"),
        "funds_by_line_fen": dict(sorted(((line, sum(res["fig"]["funds"]["by_line"].get(line, {}).get("amount", 0)
                                                     for res in results if "funds" in res["fig"]))
                                          for line in {x for res in results if "funds" in res["fig"]
                                                       for x in res["fig"]["funds"]["by_line"]}))),
        "errors": errors,
        "warnings_without_u01": warnings,
        "findings_by_rule_without_u01": dict(sorted(by_rule.items())),
        "u01_count": 1,
        "u01_id_masked": mask_id(number),
        "u01_unit": unit.unit,
        "u01_file": file,
        "u01_row": row,
        "u01_first_unit": TOWNSHIP_UNITS[kept_by][0],
    }


def write_township_fixture(fed):
    import json
    TOWNSHIP_FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    TOWNSHIP_FIXTURE.write_text(json.dumps(fed, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_township_readme(units, results, fed, shared):
    def y(fen):
        return yuan(fen)

    def cat(fig, name):
        c = fig.get("payments", {}).get("by_category", {}).get(name)
        return c or dict(count=0, people=0, amount=0)

    lines = [
        f"# township — {TOWNSHIP_NAME}（镇联合工会）的样例数据 / a township federation's sample data",
        "",
        "本文件夹由 `Scripts/make-samples.py` 生成，请勿手工修改（重新运行脚本即可还原）。",
        "Generated by `Scripts/make-samples.py`; do not edit by hand (re-run the script to restore).",
        "",
        f"{TOWNSHIP_NAME}下有{len(units)}个基层工会，每个一个子文件夹，子文件夹里的 `unionbatch.toml` 写明单位名称（`unit`）",
        "和类型（`unit_type`）。本文件夹里的 `unionbatch.toml` 是联合工会自己的名称。除老街社区的文件是",
        "GB18030（中文版 Windows Excel 另存的“CSV”）外，其余都是 Excel“CSV UTF-8”（带BOM，CRLF换行）。",
        f"The federation {TOWNSHIP_NAME} (青石 township) has {len(units)} grassroots unions, one sub-folder each; the",
        "`unionbatch.toml` in each names the union (`unit`) and its kind (`unit_type`); the one here names the",
        "federation. 老街社区's files are GB18030 (\"CSV\" from Chinese Windows Excel); all the others are Excel",
        "\"CSV UTF-8\" (BOM, CRLF).",
        "",
        "报告年度 2025，统计截止日 2025-12-31 / reporting year 2025, as-of 2025-12-31:",
        "",
        "    unionbatch rollup Samples/township --out /tmp/township-out --year 2025 --as-of 2025-12-31",
        "    unionbatch run Samples/township/青石纺织 --out /tmp/textile-out --year 2025 --as-of 2025-12-31",
        "",
        "## 基层工会 / the grassroots unions",
        "",
        "会员 = 截止日的会员人数；帮扶 = 困难帮扶 人/元；助学 = 金秋助学 人次/元；两癌 = 两癌参保 人/元；",
        "报销 = 医疗互助报销 人次/元；支出 = 工会经费支出（帮扶慰问合计）。",
        "Members at the as-of date; 帮扶 = hardship aid people/yuan; 助学 = 金秋助学 grants/yuan; 两癌 = enrolments",
        "people/yuan; 报销 = claims count/yuan approved; 支出 = union spending on payments.",
        "",
        "| 文件夹 folder | 单位 unit | 类型 kind | 编码 encoding | 文件 files | 会员 members (女 F) | 帮扶 | 助学 | 两癌 | 报销 | 支出 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for res in results:
        u, fig = res["unit"], res["fig"]
        hs, ed = cat(fig, "困难帮扶"), cat(fig, "金秋助学")
        en, cl = fig.get("enrollments"), fig.get("claims")
        files = "、".join(u.files)
        hs_text = f"{hs['people']}人 {y(hs['amount'])}元" if hs["count"] else "—"
        ed_text = f"{ed['count']}人 {y(ed['amount'])}元" if ed["count"] else "—"
        en_text = f"{en['people']}人 {y(en['amount'])}元" if en else "—"
        cl_text = f"{cl['count']}人次 {y(cl['amount'])}元" if cl else "—"
        lines.append(
            f"| {u.folder} | {u.unit} | {u.unit_type} | {ENCODING_TEXT[u.encoding]} | {files} | "
            f"{fig['members']['total']} ({fig['members']['female']}) | {hs_text} | {ed_text} | {en_text} | {cl_text} | "
            f"{y(fig['payments']['union_spending'])}元 |")
    problem = next(res for res in results if res["unit"].folder == TOWNSHIP_PROBLEM_UNIT)
    pu = problem["unit"]
    lines += [
        "",
        f"## 预置的问题 / planted problems: {pu.folder}（{pu.unit}）",
        "",
        f"问题只在{pu.folder}一个单位；其余{len(units) - 1}个单位在默认规则下没有任何问题。行号是 LibreOffice Calc 打开文件时",
        "看到的行号（第1行是表头），列是 Calc 的列字母。有错误的行不计入任何合计；警告不影响合计。",
        f"Only {pu.folder} has problems; the other {len(units) - 1} units raise no finding under the default rules. Rows are",
        "the rows LibreOffice Calc shows (row 1 is the header), columns its letters. Rows with an error are left out",
        "of every total; a warning leaves the row in.",
        "",
        "| 文件 file | 行 row | 列 column | 字段 field | 规则 rule | 级别 severity | 问题 | problem |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for file, row, column, field, rule, zh, en in pu.expected():
        severity = "错误 error" if is_error(rule, field) else "警告 warning"
        lines.append(f"| {file} | {row} | {column} | {field} | {rule} | {severity} | {zh} | {en} |")
    lines += [
        "",
        "## 同时在两个基层工会的会员 / the member of two unions (U01)",
        "",
        f"{shared.name}（身份证号 {fed['u01_id_masked']}）原在东湖社区的东湖超市工作，2025年7月1日进青石纺织并入会；",
        "东湖社区工会没有办理转出，两个名册都是“在册”。单独检查任何一个单位都没有问题；汇总时报 U01（警告），",
        f"报在后读到的{fed['u01_unit']}：{fed['u01_file']} 第{fed['u01_row']}行。按 SPEC §6，联合工会的数字是各单位数字之和，",
        "所以她在会员总数里算了两次。",
        f"{shared.name} (ID {fed['u01_id_masked']}) worked at the 东湖 supermarket and joined 青石纺织 and its union on",
        "2025-07-01; 东湖社区's union never wrote her out, so both rosters list her as 在册. Each unit alone is clean;",
        f"the roll-up reports U01 (a warning) on the unit read later, {fed['u01_unit']}: {fed['u01_file']} row",
        f"{fed['u01_row']}. The federation's figures are the sums of the units' (SPEC §6), so she counts twice in the",
        "members total.",
        "",
        "## 联合工会汇总数字 / the federation's figures",
        "",
        "`unionbatch rollup` 应当得出下列数字（同见 `Tests/UnionPipelineTests/Fixtures/township-expected.json`）。",
        "The roll-up must give these figures (also in `Tests/UnionPipelineTests/Fixtures/township-expected.json`).",
        "",
        "| 项目 | figure | 数值 value |",
        "|---|---|---|",
        "| 基层工会 | grassroots unions | " + f"{fed['units']}（" +
        "，".join(f"{k} {v}" for k, v in fed["units_by_type"].items()) + "） |",
        f"| 会员总数（女/男） | members (women/men) | {fed['members_total']}（{fed['members_female']}/{fed['members_male']}） |",
        f"| 本年入会 / 退会转出 | joined / left in the year | {fed['members_joined_in_year']} / {fed['members_left_in_year']} |",
        f"| 收缴会费 | dues collected | {y(fed['dues_paid_fen'])}元 |",
        f"| 帮扶慰问发放 | payments | {fed['payments_count']}笔，{fed['payments_people']}人，{y(fed['payments_amount_fen'])}元 |",
        f"| 工会经费支出 | union spending | {y(fed['union_spending_fen'])}元 |",
        f"| 困难帮扶 | hardship aid | {fed['hardship_people']}人，{fed['hardship_count']}笔，{y(fed['hardship_amount_fen'])}元 |",
        f"| 金秋助学 | 金秋助学 grants | {fed['education_count']}人，{y(fed['education_amount_fen'])}元，"
        f"{y(fed['education_min_fen'])}到{y(fed['education_max_fen'])}元不等 |",
        f"| 生病及生育慰问 | sick and maternity visits | {fed['sick_and_birth_people']}人，{y(fed['sick_and_birth_amount_fen'])}元 |",
        f"| 医疗互助报销 | claims | {fed['claims_count']}人次（{fed['claims_people']}人），{y(fed['claims_approved_fen'])}元 |",
        f"| 两癌参保 | 两癌 enrolments | {fed['enrollments_people']}人，{y(fed['enrollments_premium_fen'])}元 |",
        f"| 错误 / 警告 | errors / warnings | {fed['errors']} / {fed['warnings_without_u01']} + U01 {fed['u01_count']} |",
        "",
    ]
    (TOWNSHIP_DIR / "README.md").write_text("\n".join(lines), encoding="utf-8")


def show_township(results, fed):
    for res in results:
        u, fig = res["unit"], res["fig"]
        print(f"  {u.folder} {u.unit} ({u.unit_type}, {u.encoding}): findings {fig['findings']}")
        for section in ("members", "payments", "claims", "enrollments"):
            if section in fig:
                s = {k: (yuan(v) if k in ("amount", "union_spending") else v) for k, v in fig[section].items()
                     if k not in ("by_category", "by_group", "by_plan", "by_branch")}
                print(f"    {section}: {s}")
    print("  federation:")
    for k, v in fed.items():
        print(f"    {k}: {v}")


# ---------------------------------------------------------------------------

ALL_RULES = ([f"F0{i}" for i in range(1, 10)] + [f"V0{i}" for i in range(1, 7)] + [f"M{i:02d}" for i in range(1, 11)]
             + ["F10", "F11", "F12", "F13", "X01", "X02", "X03", "X04"] + [f"L0{i}" for i in range(1, 6)] + [f"P0{i}" for i in range(1, 9)] + [f"C0{i}" for i in range(1, 7)]
             + ["E01", "E02", "E03"])


def main():
    company_files = build_company()
    tables = check_folder(COMPANY_DIR, {name: spec[2] for name, spec in company_files.items()})
    found = folder_findings(tables)
    assert not found, f"company sample is not clean: {found}"
    tables = {t.dataset: t for t in tables}
    assert_company_extras(tables)
    fig = company_figures(tables)
    mem, pm, cl, en = fig["members"], fig["payments"], fig["claims"], fig["enrollments"]
    assert mem["total"] == 131
    assert pm["by_group"]["生病及生育慰问"] == dict(count=5, people=5, amount=162450)
    assert pm["by_category"]["抚恤金"]["amount"] == 120350
    assert pm["by_category"]["困难帮扶"]["people"] == 14 and pm["by_category"]["困难帮扶"]["amount"] == 1050000
    assert pm["by_category"]["金秋助学"]["count"] == 13 and pm["grant_range"] == (80000, 400000)
    assert cl["count"] == 32 and cl["amount"] == 738480
    assert cl["by_plan"]["门诊"]["amount"] == 540050 and cl["by_plan"]["住院"]["amount"] == 198430
    assert set(cl["by_plan"]) == {"门诊", "住院"}
    assert en == dict(count=22, people=22, amount=44000)
    funds = fig["funds"]["by_line"]
    assert funds["劳动保护费"]["amount"] == 4028180
    assert funds["职工教育支出"]["people"] == 25 and funds["职工教育支出"]["amount"] == 2141000
    assert funds["会费收入"]["amount"] == parse_money(mem["dues_paid"]) == 7196160
    grant_rows = [r for r in tables["payments"].rows if r["category"] == "金秋助学"]
    assert all(r["v"]["relation"] == "子女" and r["v"]["student_name"] and r["v"]["stage"] for r in grant_rows)
    write_company_readme(fig)

    expected = build_messy()
    tables = check_folder(MESSY_DIR, {name: spec[1] for name, spec in MESSY_FILES.items()})
    found = folder_findings(tables)
    planned = sorted((e["file"], "" if e["row"] is None else str(e["row"]), e["column"], e["field"], e["rule"])
                     for e in expected)
    assert found == planned, "messy findings differ from the planted ones:\n  found   " + \
        "\n          ".join(map(str, found)) + "\n  planted " + "\n          ".join(map(str, planned))
    missing = [rule for rule in ALL_RULES if rule not in {e["rule"] for e in expected}]
    assert not missing, f"rules that never fire in Samples/messy: {missing}"
    for t in tables:
        declared = MESSY_FILES[t.file][0]
        assert t.encoding == declared, (t.file, t.encoding, declared)
    accounting = {t.file: t.accounting() for t in tables if not t.file.endswith((".xlsx", ".xls"))}
    accounting = {name: accounting[name] for name in MESSY_FILES if name in accounting}
    write_messy_readme(expected, accounting)
    write_fixture(expected)

    units, shared = build_township()
    township, federation = check_township(units, shared)
    write_township_readme(units, township, federation, shared)
    write_township_fixture(federation)

    print("Samples/company (year 2025, as-of 2025-12-31): no findings")
    show(fig)
    print(f"Samples/messy: {len(expected)} planted findings, exactly as found by the checker; every rule but U01 fires")
    for e in expected:
        print(f"  {e['file']}:{e['row'] or ''}:{e['column']}: {e['rule']} ({e['field'] or '-'}) {e['en']}")
    print("  rows / included / excluded / outside the year:")
    for name, (rows, included, excluded, outside) in accounting.items():
        print(f"    {name}: {rows} / {included} / {excluded} / {outside}")
    print(f"Samples/township: {len(township)} units; findings only in {TOWNSHIP_PROBLEM_UNIT}, exactly the planted ones; "
          "one U01 across units")
    show_township(township, federation)
    return 0


def check():
    """Runs the script into a temporary root and compares every file it writes with the repository's: the
    samples and fixtures in the tree are what the oracle wrote and checked. Exit 1 on any difference."""
    import filecmp, shutil, subprocess, tempfile
    root = Path(tempfile.mkdtemp(prefix="make-samples-"))
    try:
        run = subprocess.run([sys.executable, str(Path(__file__).resolve())], env={**os.environ, "MAKE_SAMPLES_ROOT": str(root)},
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stdout + run.stderr, file=sys.stderr)
            print("make-samples --check: the oracle failed", file=sys.stderr)
            return 1
        written = sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())
        differ = [str(p) for p in written if not (REPO / p).is_file() or not filecmp.cmp(root / p, REPO / p, shallow=False)]
        for d in differ:
            print(f"make-samples --check: {d} differs from what the script writes", file=sys.stderr)
        if differ:
            return 1
        print(f"make-samples --check: {len(written)} files as written, the oracle's checks pass")
        return 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(check() if sys.argv[1:] == ["--check"] else main())
