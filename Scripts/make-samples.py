#!/usr/bin/env python3
# Regenerates Samples/company, Samples/messy and the messy sample's expected findings, deterministically.
"""make-samples.py — the sample input folders of unionbatch.

    python3 Scripts/make-samples.py

Writes
  Samples/company/   a clean company union: 4 CSV files (UTF-8 with BOM, CRLF, as
                     Excel's "CSV UTF-8" writes them) whose figures are those of
                     SPEC §1 and which raise no finding under any rule of SPEC §3
  Samples/messy/     a smaller union as a clerk really receives it: mixed encodings
                     and delimiters, and problems planted at known rows
  Tests/UnionPipelineTests/Fixtures/messy-expected.tsv
                     one line per planted finding (file, Calc row, column, field, rule)

Every value comes from fixed random seeds and fixed dates: nothing depends on the
day the script runs. After writing, the script reads its own files back, runs an
independent Python rendering of the SPEC §3 rules (default profile, year 2025,
as-of 2025-12-31) over them, and asserts that the company sample has no finding
and exactly the §1 figures, and that the messy sample has exactly the planted
findings. It prints the figures.
"""

import csv
import io
import random
import re
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
}
REQUIRED = {
    "members": ["name", "id_number"],
    "payments": ["name", "id_number", "category", "amount", "date"],
    "claims": ["name", "id_number", "plan", "approved", "paid_date"],
    "enrollments": ["name", "id_number", "plan", "premium"],
}
DATE_FIELDS = {
    "members": ["birth_date", "join_date", "leave_date"],
    "payments": ["date", "event_date"],
    "claims": ["admission_date", "discharge_date", "paid_date"],
    "enrollments": ["start_date", "end_date"],
}
MONEY_FIELDS = {
    "members": ["monthly_wage", "dues_paid"],
    "payments": ["amount"],
    "claims": ["total_cost", "insurance_paid", "self_paid", "claimed", "approved"],
    "enrollments": ["premium"],
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
    "gender": {"男", "女"},
    "status": {"", "在册", "保留会籍", "退会", "转出"},
    "employment": {"", "在岗", "退休", "病休", "内退", "下岗", "农民工"},
    "hardship": {"", "否", "深度困难", "相对困难", "意外致困", "是"},
    "form": {"", "转账", "现金", "实物", "购物卡", "卡券"},
    "stage": {"", "本科", "专科", "高职", "研究生", "高中", "中职"},
    "relation": {"", "配偶", "父母", "子女", "妻子", "丈夫", "父亲", "母亲", "儿子", "女儿"},
    "plan": set(PLAN_ALIASES),
}
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
               "X01", "X02", "P01", "P02", "P03", "P05", "P06", "P08", "C01", "C03", "C04", "C05", "E02"}

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


def iso(d):
    return d.isoformat()


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

    files = {
        "会员名册.csv": (members_rec, "UTF-8-BOM", ",", "\r\n"),
        "帮扶慰问发放.csv": (payments_rec, "UTF-8-BOM", ",", "\r\n"),
        "医疗互助报销.csv": (claims_rec, "UTF-8-BOM", ",", "\r\n"),
        "两癌参保.csv": (enroll_rec, "UTF-8-BOM", ",", "\r\n"),
    }
    for name, (records, encoding, delimiter, newline) in files.items():
        write_file(COMPANY_DIR / name, delimited_text(records, delimiter, newline), encoding)
    return files


# ---------------------------------------------------------------------------
# The messy sample
# ---------------------------------------------------------------------------

MESSY_BRANCHES = ["一车间", "二车间", "综合办"]
MESSY_AREAS = ["330106", "330108", "330182", "330381", "341221", "362330"]


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

    def member_row(p):
        # Month-only join dates (`2010年3月`) for members who joined before 2025, as many old rosters keep them.
        join_text = (lambda d: f"{d.year}年{d.month}月") if p.join.year < YEAR and p.join.day == 1 and p.status == "在册" \
            else slash
        return member_cells(p, join_text=join_text)

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

    good = m01.id
    m01_id = good[:17] + ("1" if good[17] != "1" else "2")
    assert check_char(m01_id[:17]) != m01_id[17] and not m01_id.endswith("000")
    m02b_id = m02b.id[:15] + "000"
    assert check_char(m02b_id[:17]) != "0", "the zeroed tail must fail the check"
    assert int(m02b_id[16]) % 2 == 0 and m02b.sex == "女"

    title = ["2025年工会会员名册"] + [""] * (len(MEMBER_HEADERS) - 1)
    records = [title, MEMBER_HEADERS]
    plants = []      # (file, record index, field, rule, zh, en)
    col = {h: i for i, h in enumerate(MEMBER_HEADERS)}
    roster_file = "会员名册.csv"
    plants.append((roster_file, 0, None, "F07", "第1行是标题“2025年工会会员名册”，不是表头：跳过该行",
                   "row 1 is the title 2025年工会会员名册, not the header: skipped"))
    planted_at = {5: "v06", 11: "m01", 17: "v02", 23: "m02a", 29: "m02b", 36: "dup"}
    clean_iter = iter(people)
    total_rows = len(people) + len(planted_at)
    for k in range(total_rows):
        tag = planted_at.get(k)
        if tag is None:
            records.append(member_row(next(clean_iter)))
            continue
        idx = len(records)
        if tag == "v06":
            row = member_cells(v06)
            row[col["会员状态"]] = "正常"
            plants.append((roster_file, idx, "status", "V06", "会员状态填写为“正常”，不是规定的取值（在册、保留会籍、退会、转出）",
                           "status 正常 is not a known value (在册, 保留会籍, 退会, 转出)"))
        elif tag == "m01":
            row = member_cells(m01)
            row[col["身份证号"]] = m01_id
            plants.append((roster_file, idx, "id_number", "M01", f"身份证号 {m01_id} 最后一位校验码错误",
                           f"ID number {m01_id} has a wrong check character"))
        elif tag == "v02":
            row = member_cells(v02)
            row[col["入会日期"]] = "去年"
            plants.append((roster_file, idx, "join_date", "V02", "入会日期写成“去年”，不是日期",
                           "join date written as 去年 (last year), not a date"))
        elif tag == "m02a":
            row = member_cells(m02a)
            row[col["身份证号"]] = "1.10105E+17"
            plants.append((roster_file, idx, "id_number", "M02", "身份证号被Excel改成科学计数法 1.10105E+17",
                           "ID number turned into scientific notation 1.10105E+17 by Excel"))
        elif tag == "m02b":
            row = member_cells(m02b)
            row[col["身份证号"]] = m02b_id
            plants.append((roster_file, idx, "id_number", "M02", f"身份证号 {m02b_id} 末三位被Excel改成000",
                           f"ID number {m02b_id}: Excel replaced the last three digits with 000"))
        else:
            row = member_row(dup_source)
            plants.append((roster_file, idx, "id_number", "M05",
                           f"{dup_source.name} 的身份证号与第{records.index(row) + 1}行重复（同一人录入两次）",
                           f"{dup_source.name}'s ID number repeats row {records.index(row) + 1} (entered twice)"))
        records.append(row)
    roster_records = records

    # --- payments: UTF-8 without BOM, LF, comma ---------------------------------------------
    pay_file = "帮扶慰问发放.csv"
    pcol = {h: i for i, h in enumerate(PAYMENT_HEADERS)}
    precords = [PAYMENT_HEADERS]
    usable = [p for p in people if p is not dup_source and p.status == "在册" and p.join.year < YEAR
              and p not in (helped, grant_parent)]
    rng.shuffle(usable)
    u = iter(usable)

    def prow(p, category, amount, on, form="转账", event="", relation="", student="", stage="", note=""):
        return [p.name, p.id, category, amount, on, event, form, relation, student, stage, p.branch, note]

    def planted(row, field, rule, zh, en):
        plants.append((pay_file, len(precords), field, rule, zh, en))
        precords.append(row)

    spring = [next(u) for _ in range(6)]
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
    p = next(u)
    planted(prow(p, "节日慰问", "200", "2024-12-20", form="实物", note="元旦慰问品"), "date", "V04",
            "发放日期 2024-12-20 不在2025年度：不计入本年度数字",
            "payment date 2024-12-20 is outside the reporting year 2025: left out of the figures")
    precords.append(prow(helped, "困难帮扶", "1200元", "2025-01-15", note="春节送温暖"))
    precords.append(BLANK)
    p = next(u)
    precords.append(prow(p, "生日慰问", "200", "2025-04-08", form="卡券"))
    p = next(u)
    planted(prow(p, "生日慰问", "200", "2025-02-30", form="卡券"), "date", "V02",
            "发放日期 2025-02-30 不存在（2月没有30日）", "payment date 2025-02-30 does not exist")
    p = next(u)
    planted(prow(p, "生病住院慰问", "1.2.3", "2025-05-12", form="现金"), "amount", "V03",
            "金额“1.2.3”不是数字", "amount 1.2.3 is not a number")
    p = next(u)
    precords.append(prow(p, "生病住院慰问", "¥500", "2025-06-03", form="实物", note="住院探望\n附：出院小结复印件"))
    p = next(u)
    planted(prow(p, "结婚慰问", "", "2025-05-20", note="新婚慰问"), "amount", "V01",
            "金额为空（必填）", "amount is empty (required)")
    outsider_birth = date(1987, 4, 3)
    outsider = Person(name=names.make("男"), sex="男", birth=outsider_birth, join=None, id=ids.make(outsider_birth, "男"),
                      branch="一车间")
    planted(prow(outsider, "生病住院慰问", "300", "2025-07-14", form="现金", note="临时工"), "id_number", "X01",
            f"{outsider.name}（{outsider.id}）不在会员名册中", f"{outsider.name} ({outsider.id}) is not in the roster")
    child = names.make("女", grant_parent.name[0])
    precords.append(prow(grant_parent, "金秋助学", "2000", "2025-08-25", relation="子女", student=child, stage="本科",
                         note="2025年金秋助学"))
    p = next(u)
    planted(prow(p, "加班补贴", "400", "2025-10-08"), "category", "P01",
            "类别“加班补贴”不是帮扶慰问项目（工会经费不能发加班补贴）",
            "category 加班补贴 (overtime pay) is not a known category")
    p = next(u)
    precords.append(prow(p, "亲属去世慰问", "500", "2025-09-05", event="2025-09-02", form="现金", relation="母亲"))
    for q in [next(u) for _ in range(4)]:
        precords.append(prow(q, "中秋慰问", "200", "2025-09-26", form="实物", note="月饼"))
    p = next(u)
    row = prow(p, "生日慰问", "200", "2026-01-15", form="卡券")
    plants.append((pay_file, len(precords), "date", "V04", "发放日期 2026-01-15 不在2025年度",
                   "payment date 2026-01-15 is outside the reporting year 2025"))
    planted(row, "date", "V05", "发放日期 2026-01-15 晚于统计截止日 2025-12-31（多半是把2025打成了2026）",
            "payment date 2026-01-15 is after the as-of date 2025-12-31 (probably 2025 mistyped)")
    p = next(u)
    precords.append(prow(p, "结婚慰问", "1,000.00", "2025-11-18", note="新婚慰问"))

    # --- claims: UTF-16LE with BOM, tab, CRLF --------------------------------------------
    claim_file = "医疗互助报销.txt"
    ccol = {h: i for i, h in enumerate(CLAIM_HEADERS)}
    crecords = [CLAIM_HEADERS]
    patients = [p for p in people if p is not dup_source and p.join.year < YEAR and p.status == "在册"]
    patients = rng.sample(patients, 7)

    def crow(p, plan, admit, discharge, total, insurance, self_paid, approved, paid, diagnosis):
        return [p.name, p.id, plan, admit, discharge, total, insurance, self_paid, self_paid, approved, paid,
                diagnosis]

    crecords.append(crow(patients[0], "门诊", "2025.2.17", "", "420.5", "250", "170.5", "119.35", "2025.3.5", "慢性胃炎"))
    crecords.append(crow(patients[1], "住院", "2025.3.9", "2025.3.18", "12680", "9890.4", "2789.6", "1394.8",
                         "2025.4.2", "急性阑尾炎"))
    crecords.append(crow(patients[2], "门诊", "2025.4.21", "", "310", "180", "130", "91", "2025.5.8", "高血压"))
    idx = len(crecords)
    crecords.append(crow(patients[3], "门诊", "2025.5.6", "", "265", "150", "115", "-5", "2025.5.20", "过敏性鼻炎"))
    plants.append((claim_file, idx, "approved", "V03", "报销金额为负数“-5”", "approved amount -5 is negative"))
    crecords.append(crow(patients[4], "门诊", "2025.6.30", "", "188", "100", "88", "61.6", "2025.7.14", "急性支气管炎"))
    crecords.append(crow(patients[5], "住院", "2025.9.1", "2025.9.6", "6420.3", "4630", "1790.3", "895.15",
                         "2025.9.22", "肺炎"))
    crecords.append(crow(patients[6], "门诊", "2025.11.3", "", "356", "200", "156", "109.2", "2025.11.20", "颈椎病"))

    # --- enrollments: UTF-8, semicolons, LF ------------------------------------------------
    enroll_file = "两癌参保.csv"
    ecol = {h: i for i, h in enumerate(ENROLLMENT_HEADERS)}
    erecords = [ENROLLMENT_HEADERS]
    women = [p for p in people if p.sex == "女" and p.join.year < YEAR and p is not dup_source]
    women = rng.sample(women, 8)
    for i, p in enumerate(women):
        premium = "12.345" if i == 5 else "20"
        if i == 5:
            plants.append((enroll_file, len(erecords), "premium", "V03", "保费“12.345”有三位小数",
                           "premium 12.345 has three decimals"))
        erecords.append([p.name, p.id, "两癌", premium, "2025年1月1日", "2025年12月31日"])

    files = {
        roster_file: (roster_records, "GB18030", ",", "\r\n"),
        pay_file: (precords, "UTF-8", ",", "\n"),
        claim_file: (crecords, "UTF-16LE", "\t", "\r\n"),
        enroll_file: (erecords, "UTF-8", ";", "\n"),
    }
    for name, (recs, encoding, delimiter, newline) in files.items():
        write_file(MESSY_DIR / name, delimited_text(recs, delimiter, newline), encoding)

    headers = {roster_file: MEMBER_HEADERS, pay_file: PAYMENT_HEADERS, claim_file: CLAIM_HEADERS,
               enroll_file: ENROLLMENT_HEADERS}
    datasets = {roster_file: "members", pay_file: "payments", claim_file: "claims", enroll_file: "enrollments"}
    expected = []
    for file, index, field, rule, zh, en in plants:
        column = ""
        if field is not None:
            header = next(h for h in headers[file] if field_of(datasets[file], h) == field)
            column = column_letter(headers[file].index(header))
        expected.append(dict(file=file, row=index + 1, column=column, field=field or "", rule=rule, zh=zh, en=en))
    expected.sort(key=lambda e: (list(files).index(e["file"]), e["row"], e["rule"]))
    return files, expected


def field_of(dataset, header):
    key = re.sub(r"[\s\u3000]+", "", header).rstrip("*")
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
# An independent reading of SPEC §3 / §7, run over the written bytes
# ---------------------------------------------------------------------------

TIME_TAIL = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"


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


class Table:
    """One input file read back: its rows as dicts of field -> trimmed text, with their Calc rows."""

    def __init__(self, path, dataset, encoding, delimiter):
        self.file = path.name
        self.dataset = dataset
        raw = path.read_bytes()
        if encoding == "UTF-8-BOM":
            assert raw.startswith(b"\xef\xbb\xbf")
            text = raw[3:].decode("utf-8")
        elif encoding == "UTF-16LE":
            assert raw.startswith(b"\xff\xfe")
            text = raw[2:].decode("utf-16-le")
        elif encoding == "GB18030":
            try:
                raw.decode("utf-8")
                raise AssertionError(f"{path.name} would be detected as UTF-8")
            except UnicodeDecodeError:
                pass
            text = raw.decode("gb18030")
        else:
            assert not raw.startswith(b"\xef\xbb\xbf")
            text = raw.decode("utf-8")
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        self.findings = []
        self.rows = []
        header_at = None
        for i, cells in enumerate(lines[:10]):
            if all(c.strip() == "" for c in cells):
                continue
            fields = [field_of(dataset, c) for c in cells]
            if all(f in fields for f in REQUIRED[dataset]):
                header_at = i
                break
            self.findings.append((i + 1, None, "F07"))
        assert header_at is not None, f"{path.name}: no header"
        self.header = lines[header_at]
        self.fields = [field_of(dataset, c) for c in self.header]
        assert len(set(f for f in self.fields if f)) == len([f for f in self.fields if f]), "F05 would fire"
        for i in range(header_at + 1, len(lines)):
            cells = lines[i]
            if all(c.strip() == "" for c in cells):
                continue
            if len(cells) != len(self.header):
                self.findings.append((i + 1, None, "F02"))
            values = {f: (cells[j].strip() if j < len(cells) else "") for j, f in enumerate(self.fields) if f}
            self.rows.append(dict(row=i + 1, v=values, rules=set()))

    def flag(self, r, field, rule):
        """One finding per rule per row."""
        if rule not in r["rules"]:
            r["rules"].add(rule)
            self.findings.append((r["row"], field, rule))

    def has_error(self, r):
        """Errors exclude the row; V06 is an error only on plan."""
        return any(row == r["row"] and (rule in ERROR_RULES or (rule == "V06" and field == "plan"))
                   for row, field, rule in self.findings)


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
    for f in MONEY_FIELDS[t.dataset]:
        if v.get(f):
            m = parse_money(v[f])
            if m is None:
                t.flag(r, f, "V03")
            else:
                r["money"][f] = m
    for f in ["gender", "status", "employment", "hardship", "form", "stage", "relation", "plan"]:
        if f in v and v[f] not in KNOWN[f]:
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


def check_members(t):
    seen = set()
    for r in t.rows:
        common_checks(t, r)
        v, d = r["v"], r["date"]
        number = r["id"]
        if number:
            if "birth_date" in d and d["birth_date"] != id_birth(number):
                t.flag(r, "birth_date", "M03")
            if v.get("gender") in ("男", "女") and v["gender"] != id_sex(number):
                t.flag(r, "gender", "M04")
            if number in seen:
                t.flag(r, "id_number", "M05")
            seen.add(number)
        if v.get("phone") and not re.match(r"^1[3-9]\d{9}$", re.sub(r"^\+?86|[\s-]", "", v["phone"])):
            t.flag(r, "phone", "M06")
        birth = id_birth(number) if number else d.get("birth_date")
        if "join_date" in d:
            if birth and whole_years(birth, d["join_date"]) < MIN_JOIN_AGE:
                t.flag(r, "join_date", "M07")
            if "leave_date" in d and d["join_date"] > d["leave_date"]:
                t.flag(r, "join_date", "M07")
        sex = v.get("gender") if v.get("gender") in ("男", "女") else (id_sex(number) if number else None)
        active = v.get("status", "") in ("", "在册")
        if active and v.get("employment") == "在岗" and birth and sex and AS_OF >= retirement_date(birth, sex):
            t.flag(r, "employment", "M08")
        m = r["money"]
        if active and "monthly_wage" in m and "dues_paid" in m:
            months = int(v["dues_months"]) if v.get("dues_months") else None
            assert months is not None, "samples give dues_months explicitly"
            if abs(dues_per_month(m["monthly_wage"]) * months - m["dues_paid"]) > 1:
                t.flag(r, "dues_paid", "M09")
    roster = defaultdict(list)
    for r in t.rows:
        if r["id"]:
            roster[r["id"]].append(r)
    return roster


def person_checks(t, r, roster, date_field, skip_roster=False):
    """X01, X02, X03 for one row of payments, claims or enrollments."""
    number = r["id"]
    if number is None or skip_roster:
        return
    rows = roster.get(number)
    if not rows:
        t.flag(r, "id_number", "X01")
        return
    if r["v"]["name"] and r["v"]["name"] != rows[0]["v"]["name"]:
        t.flag(r, "name", "X03")
    if date_field is None or date_field not in r["date"]:
        return
    on = r["date"][date_field]
    readable = [m for m in rows if "join_date" in m["date"] and not (m["v"].get("leave_date") and "leave_date" not in m["date"])]
    if readable and not any(m["date"]["join_date"] <= on and ("leave_date" not in m["date"] or on <= m["date"]["leave_date"])
                            for m in readable):
        t.flag(r, date_field, "X02")


def check_payments(t, roster):
    for r in t.rows:
        common_checks(t, r)
        v = r["v"]
        r["category"] = CATEGORY.get(v["category"]) if v["category"] else None
        if v["category"] and r["category"] is None:
            t.flag(r, "category", "P01")
        date_field = "event_date" if v.get("event_date") else "date"
        person_checks(t, r, roster, date_field, skip_roster=r["category"] == "抚恤金")
        cat, amount = r["category"], r["money"].get("amount")
        if cat and amount is not None:
            if cat in PER_PAYMENT_LIMIT and amount > PER_PAYMENT_LIMIT[cat]:
                t.flag(r, "amount", "P02")
            if cat == "金秋助学" and not GRANT_BAND[0] <= amount <= GRANT_BAND[1]:
                t.flag(r, "amount", "P06")
        if cat == "节日慰问" and v.get("form") in ("现金", "购物卡"):
            t.flag(r, "form", "P05")
        if cat in ("困难帮扶", "金秋助学") and r["id"] in roster:
            if roster[r["id"]][0]["v"].get("hardship", "") not in HARDSHIP_STATUSES:
                t.flag(r, "id_number", "P07")
        if cat == "亲属去世慰问" and v.get("relation") not in FUNERAL_RELATIONS:
            t.flag(r, "relation", "P08")
    usable = [r for r in t.rows if r["id"] and r["category"] and "amount" in r["money"] and "date" in r["date"]
              and not r["outside_year"]]
    seen = set()
    for r in usable:
        key = (r["id"], r["category"], r["date"]["date"], r["money"]["amount"])
        if key in seen:
            t.flag(r, "id_number", "P04")
        seen.add(key)
    totals = defaultdict(int)
    for r in sorted(usable, key=lambda r: r["date"]["date"]):
        cat = r["category"]
        if cat in YEARLY_LIMIT and not t.has_error(r):
            if totals[(r["id"], cat)] + r["money"]["amount"] > YEARLY_LIMIT[cat]:
                t.flag(r, "amount", "P03")
            else:
                totals[(r["id"], cat)] += r["money"]["amount"]


def check_claims(t, roster):
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
    usable = [r for r in t.rows if r["id"] and r["plan"] and "approved" in r["money"] and not r["outside_year"]]
    seen = set()
    for r in usable:
        key = (r["id"], r["plan"], r["date"].get("admission_date"), r["money"]["approved"])
        if key in seen:
            t.flag(r, "id_number", "C06")
        seen.add(key)
    totals = defaultdict(int)
    for r in sorted((r for r in usable if r["plan"] == "门诊" and "paid_date" in r["date"]),
                    key=lambda r: r["date"]["paid_date"]):
        if not t.has_error(r):
            if totals[r["id"]] + r["money"]["approved"] > OUTPATIENT_CAP:
                t.flag(r, "approved", "C03")
            else:
                totals[r["id"]] += r["money"]["approved"]


def check_enrollments(t, roster):
    seen = set()
    for r in t.rows:
        common_checks(t, r)
        plan = PLAN_ALIASES.get(r["v"]["plan"])
        person_checks(t, r, roster, "start_date")
        if plan in STANDARD_PREMIUM and "premium" in r["money"] and r["money"]["premium"] != STANDARD_PREMIUM[plan]:
            t.flag(r, "premium", "E01")
        if plan == "两癌" and r["id"] and id_sex(r["id"]) == "男":
            t.flag(r, "plan", "E02")
        if r["id"] and plan:
            if (r["id"], plan) in seen:
                t.flag(r, "id_number", "E03")
            seen.add((r["id"], plan))


def check_folder(folder, files):
    """Reads the folder's four files back and runs every rule; returns the tables."""
    spec = {}
    for name, (_, encoding, delimiter, _) in files.items():
        dataset = ("members" if "名册" in name else "payments" if "慰问" in name else
                   "claims" if "报销" in name else "enrollments")
        spec[dataset] = Table(folder / name, dataset, encoding, delimiter)
    roster = check_members(spec["members"])
    check_payments(spec["payments"], roster)
    check_claims(spec["claims"], roster)
    check_enrollments(spec["enrollments"], roster)
    return spec


def field_column(t, field):
    return "" if field is None else column_letter(t.fields.index(field))


# ---------------------------------------------------------------------------
# Figures of the company sample (SPEC §4 summary.json, §7 semantics)
# ---------------------------------------------------------------------------


def company_figures(tables):
    m, p, c, e = tables["members"], tables["payments"], tables["claims"], tables["enrollments"]
    fig = {}
    current = [r for r in m.rows if not m.has_error(r) and r["v"]["status"] in ("", "在册", "保留会籍")
               and ("join_date" not in r["date"] or r["date"]["join_date"] <= AS_OF)
               and ("leave_date" not in r["date"] or r["date"]["leave_date"] >= AS_OF)]
    by_status, by_branch = defaultdict(int), defaultdict(int)
    for r in current:
        by_status[r["v"]["status"] or "在册"] += 1
        by_branch[r["v"]["branch"]] += 1
    sexes = [r["v"]["gender"] if r["v"]["gender"] in ("男", "女") else id_sex(r["id"]) for r in current]
    fig["members"] = dict(
        total=len(current), female=sexes.count("女"), male=sexes.count("男"),
        by_status=dict(sorted(by_status.items())), by_branch=dict(sorted(by_branch.items())),
        joined_in_year=sum(1 for r in m.rows if not m.has_error(r) and r["date"].get("join_date", date.min).year == YEAR),
        left_in_year=sum(1 for r in m.rows if not m.has_error(r) and r["v"]["status"] in ("退会", "转出")
                         and r["date"].get("leave_date", date.min).year == YEAR),
        dues_paid=yuan(sum(r["money"].get("dues_paid", 0) for r in m.rows if not m.has_error(r))))

    def money_group(rows, key):
        return dict(count=len(rows), people=len({r["id"] for r in rows}), amount=sum(r["money"][key] for r in rows))

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
    fig["payments"]["grant_range"] = (min(grants), max(grants))

    cl = [r for r in c.rows if not c.has_error(r) and not r["outside_year"]]
    by_plan = defaultdict(list)
    for r in cl:
        by_plan[r["plan"]].append(r)
    fig["claims"] = dict(money_group(cl, "approved"),
                         by_plan={k: money_group(v, "approved") for k, v in sorted(by_plan.items())})
    en = [r for r in e.rows if not e.has_error(r)]
    fig["enrollments"] = dict(money_group(en, "premium"))
    return fig


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


def write_messy_readme(expected):
    lines = [
        "# messy — 真实工会专干收到的“乱”数据 / data as a clerk really gets it",
        "",
        "本文件夹由 `Scripts/make-samples.py` 生成，请勿手工修改（重新运行脚本即可还原）。",
        "Generated by `Scripts/make-samples.py`; do not edit by hand (re-run the script to restore).",
        "",
        "| 文件 file | 编码 encoding | 分隔符 delimiter | 换行 line ends | 内容 content |",
        "|---|---|---|---|---|",
        "| 会员名册.csv | GB18030 | `,` | CRLF | 会员名册，第1行是标题 / roster with a title row |",
        "| 帮扶慰问发放.csv | UTF-8（无BOM / no BOM） | `,` | LF | 帮扶慰问发放 / payments |",
        "| 医疗互助报销.txt | UTF-16LE + BOM（Excel“Unicode文本”） | Tab | CRLF | 医疗互助报销 / claims |",
        "| 两癌参保.csv | UTF-8（无BOM / no BOM） | `;` | LF | 两癌参保 / enrolments |",
        "",
        "行号是用 LibreOffice Calc 打开文件时看到的行号：第1行就是文件第一行，空行也算一行，",
        "带换行的引号单元格（帮扶慰问发放.csv 里的一条备注）只算一行。",
        "Row numbers are the rows LibreOffice Calc shows: line 1 is row 1, a blank line is a row, and a quoted",
        "cell holding a line break (one 备注 in 帮扶慰问发放.csv) keeps its record on one row.",
        "",
        "## 预置的问题 / planted problems",
        "",
        "| 文件 file | 行 row | 列 column | 规则 rule | 问题 | problem |",
        "|---|---|---|---|---|---|",
    ]
    for e in expected:
        lines.append(f"| {e['file']} | {e['row']} | {e['column'] or '—'} | {e['rule']} | {e['zh']} | {e['en']} |")
    lines += [
        "",
        "其余各行都应当没有任何问题。文件里还有几处合规但不常见的写法，都不应报错：",
        "入会日期只写到月（`2010年3月`）；金额写成 `¥500`、`1200元`、`\"1,000.00\"`；日期写成 `2025.2.17`、",
        "`2025年1月1日`；一条备注里带逗号（加了引号），一条备注里带换行；帮扶慰问发放.csv 中间有一个空行。",
        "Every other row is clean. Some forms are unusual but accepted and must raise nothing: join dates given",
        "to the month (`2010年3月`); amounts written `¥500`, `1200元`, `\"1,000.00\"`; dates written `2025.2.17` and",
        "`2025年1月1日`; a quoted 备注 holding a comma and one holding a line break; a blank line in 帮扶慰问发放.csv.",
        "",
        "报告年度 2025，统计截止日 2025-12-31（运行时请加 `--as-of 2025-12-31`）。",
        "Reporting year 2025, as-of date 2025-12-31 (run with `--as-of 2025-12-31`).",
        "",
    ]
    (MESSY_DIR / "README.md").write_text("\n".join(lines), encoding="utf-8")


def write_company_readme(fig):
    pm = fig["payments"]
    cat = pm["by_category"]
    lines = [
        "# company — 一个企业工会的样例数据 / a company union's sample data",
        "",
        "本文件夹由 `Scripts/make-samples.py` 生成，请勿手工修改。四个文件都是 Excel“CSV UTF-8”格式",
        "（带BOM，CRLF换行）。数据在默认规则下没有任何问题，得出的数字就是样例年终总结里的数字。",
        "Generated by `Scripts/make-samples.py`; do not edit by hand. The four files are Excel \"CSV UTF-8\"",
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


def main():
    company_files = build_company()
    tables = check_folder(COMPANY_DIR, company_files)
    found = [(t.file, row, field_column(t, f), f, rule) for t in tables.values() for row, f, rule in t.findings]
    assert not found, f"company sample is not clean: {found}"
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
    grant_rows = [r for r in tables["payments"].rows if r["category"] == "金秋助学"]
    assert all(r["v"]["relation"] == "子女" and r["v"]["student_name"] and r["v"]["stage"] for r in grant_rows)
    write_company_readme(fig)

    messy_files, expected = build_messy()
    tables = check_folder(MESSY_DIR, messy_files)
    found = sorted((t.file, row, field_column(t, f), f or "", rule) for t in tables.values() for row, f, rule in t.findings)
    planned = sorted((e["file"], e["row"], e["column"], e["field"], e["rule"]) for e in expected)
    assert found == planned, "messy findings differ from the planted ones:\n  found   " + \
        "\n          ".join(map(str, found)) + "\n  planted " + "\n          ".join(map(str, planned))
    write_messy_readme(expected)
    write_fixture(expected)

    print("Samples/company (year 2025, as-of 2025-12-31): no findings")
    show(fig)
    print(f"Samples/messy: {len(expected)} planted findings, exactly as found by the checker")
    for e in expected:
        print(f"  {e['file']}:{e['row']}:{e['column']}: {e['rule']} ({e['field'] or '-'}) {e['en']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
