#!/usr/bin/env python3
# Bench peer: the union year-end check written the way an analyst would with polars + xlsxwriter.
"""Reads members.csv, payments.csv, claims.csv and enrollments.csv (every column as text), checks them
with the default profile of SPEC §3 (the rules in RULES, with the §7 semantics) as polars expressions,
adds up the summary figures in integer fen, and writes summary.json, summary.xlsx and
checked-<dataset>.xlsx (状态, 问题, 行号 + the input columns; dates as date cells, money as numbers).

usage: peer_polars.py DIR --out OUT [--year 2025] [--as-of 2025-12-31]
"""
import argparse
import datetime as dt
import json
import os
import sys
import time

import polars as pl
import xlsxwriter

RULES = ["M01", "M02", "M05", "M07", "V01", "V02", "V03", "V04", "V05", "X01", "X02",
         "P01", "P02", "P03", "P04", "P05", "P06", "P08", "C01", "C02", "C03", "C04", "C05", "C06",
         "E01", "E02", "E03"]
WARNINGS = {"V04", "P04", "C02", "C06", "E01", "E03", "M10"}

# Built-in profile `default`, in fen.
PER_PAYMENT = {"生日慰问": 30000, "结婚慰问": 200000, "生育慰问": 100000, "生病住院慰问": 100000,
               "去世慰问": 200000, "亲属去世慰问": 100000, "退休慰问": 100000}
YEARLY = {"节日慰问": 200000, "生日慰问": 30000}
EDUCATION_BAND = (80000, 500000)
CLAIM_RATES = {"住院": (1, 2), "重大疾病": (4, 5), "两癌": (4, 5)}
OUTPATIENT_CAP = 100000
PREMIUMS = {"两癌": 2000}
MIN_JOIN_AGE = 16
FORBIDDEN_FORMS = {"节日慰问": ["现金", "购物卡"]}
ALLOWED_RELATIONS = {"亲属去世慰问": ["配偶", "父母", "子女"]}
GROUPS = {"生病及生育慰问": ["生病住院慰问", "生育慰问"]}

CATEGORIES = {
    "节日慰问": ["春节慰问", "端午慰问", "中秋慰问", "节日慰问品"], "生日慰问": ["生日"],
    "生病住院慰问": ["生病慰问", "住院慰问", "探望病人"], "生育慰问": ["产假慰问", "生育"], "结婚慰问": ["结婚"],
    "去世慰问": ["会员去世", "丧葬慰问"], "亲属去世慰问": ["直系亲属去世"], "退休慰问": ["退休"],
    "困难帮扶": ["困难补助", "送温暖", "帮扶资金", "生活救助", "医疗救助"], "金秋助学": ["助学", "助学金"],
    "抚恤金": ["家属抚恤金"], "其他": [],
}
CATEGORY_OF = {a: c for c, aliases in CATEGORIES.items() for a in [c] + aliases}
PLAN_OF = {"门诊": "门诊", "住院": "住院", "重大疾病": "重大疾病", "癌症": "重大疾病", "大病": "重大疾病",
           "两癌": "两癌", "意外": "意外", "住院津贴": "住院津贴"}
RELATION_OF = {"本人": "本人", "配偶": "配偶", "妻子": "配偶", "丈夫": "配偶", "父母": "父母", "父亲": "父母",
               "母亲": "父母", "子女": "子女", "儿子": "子女", "女儿": "子女", "兄弟姐妹": "兄弟姐妹",
               "祖父母": "祖父母", "外祖父母": "外祖父母", "孙子女": "孙子女", "岳父母": "岳父母", "公婆": "公婆"}
GENDER_OF = {"男": "男", "女": "女", "male": "男", "female": "女", "m": "男", "f": "女"}

HEADERS = {
    "members": {"name": ["姓名", "会员姓名", "职工姓名"], "id": ["身份证号", "身份证号码", "公民身份号码", "证件号码"],
                "gender": ["性别"], "birth": ["出生日期"], "branch": ["分会", "部门", "所属工会", "工会小组", "基层工会"],
                "join": ["入会日期", "入会时间"], "leave": ["退会日期", "转出日期"], "status": ["会员状态", "会籍状态"],
                "wage": ["月工资", "会费基数"], "dues": ["已缴会费", "全年会费"], "months": ["缴费月数"]},
    "payments": {"name": ["姓名", "职工姓名", "领取人"], "id": ["身份证号", "身份证号码", "证件号码"],
                 "category": ["类别", "项目", "慰问类别", "帮扶类别"], "amount": ["金额", "发放金额"],
                 "date": ["发放日期", "日期"], "event": ["事由日期"], "form": ["形式", "发放形式"],
                 "relation": ["与会员关系", "关系"]},
    "claims": {"name": ["姓名"], "id": ["身份证号", "身份证号码", "证件号码"], "plan": ["保障项目", "险种", "报销类别", "就诊类型"],
               "admission": ["入院日期", "就诊日期"], "discharge": ["出院日期"], "total": ["医疗总费用", "总费用"],
               "insurance": ["统筹支付", "医保支付"], "self": ["个人自付", "自付金额"], "claimed": ["申请金额"],
               "approved": ["报销金额", "给付金额", "核定金额"], "paid": ["报销日期", "给付日期"]},
    "enrollments": {"name": ["姓名"], "id": ["身份证号", "身份证号码", "证件号码"], "plan": ["险种", "保障项目"],
                    "premium": ["保费", "缴费金额"], "start": ["保障起期", "参保日期"], "end": ["保障止期"]},
}
REQUIRED = {"members": ["name", "id"], "payments": ["name", "id", "category", "amount", "date"],
            "claims": ["name", "id", "plan", "approved", "paid"], "enrollments": ["name", "id", "plan", "premium"]}
DATE_FIELDS = {"members": ["birth", "join", "leave"], "payments": ["date", "event"],
               "claims": ["admission", "discharge", "paid"], "enrollments": ["start", "end"]}
MONEY_FIELDS = {"members": ["wage", "dues"], "payments": ["amount"],
                "claims": ["total", "insurance", "self", "claimed", "approved"], "enrollments": ["premium"]}

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = dict(enumerate("10X98765432"))
# Rust regex has no back-references: the second separator is compared to the first afterwards.
DATE_RE = (r"^(\d{4})(?:([-/.])(\d{1,2})(?:([-/.])(\d{1,2}))?|年(\d{1,2})月(?:(\d{1,2})日)?|(\d{2})(\d{2}))"
           r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
MONEY_RE = r"^[¥￥]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?元?$"
EXCEL_EPOCH = dt.date(1899, 12, 30)


def log(msg):
    print(f"peer_polars: {msg}", file=sys.stderr)


def read_csv(path):
    df = pl.read_csv(path, infer_schema=False, encoding="utf8")
    df = df.rename({c: "".join(c.split()).rstrip("*") for c in df.columns})
    # Empty cells are null; trimmed cells that become empty too.
    return df.with_columns(pl.all().str.strip_chars().replace("", None))


def columns_of(df, dataset):
    found = {}
    for field, aliases in HEADERS[dataset].items():
        for a in aliases:
            if a in df.columns:
                found[field] = a
                break
    missing = [f for f in REQUIRED[dataset] if f not in found]
    if missing:
        sys.exit(f"peer_polars: {dataset}: missing columns {missing}")
    return found


def date_expr(col, month_ok):
    """A date column read from text (null when empty or unreadable)."""
    g = pl.col(col).str.extract_groups(DATE_RE)
    year = g.struct.field("1")
    month = pl.coalesce(g.struct.field("3"), g.struct.field("6"), g.struct.field("8"))
    day = pl.coalesce(g.struct.field("5"), g.struct.field("7"), g.struct.field("9"))
    same_sep = g.struct.field("4").is_null() | (g.struct.field("4") == g.struct.field("2"))
    if month_ok:
        day = day.fill_null("1")
    text = pl.concat_str([year, month, day], separator="-")
    return pl.when(same_sep).then(text.str.to_date("%Y-%m-%d", strict=False))


def money_expr(col):
    """Fen as Int64 (null when empty or unreadable)."""
    g = pl.col(col).str.extract_groups(MONEY_RE)
    yuan = g.struct.field("1").str.replace_all(",", "").cast(pl.Int64)
    cents = g.struct.field("2").str.pad_end(2, "0").cast(pl.Int64).fill_null(0)
    return yuan * 100 + cents


def id_columns(df, col):
    """Adds _id (the normalised ID number, null when not valid) and the M01, M02, M10 masks (_m01 …)."""
    u = pl.col(col).str.to_uppercase()
    df = df.with_columns(
        u.str.contains(r"^\d{17}[\dX]$").fill_null(False).alias("_form18"),
        u.str.contains(r"^\d{15}$").fill_null(False).alias("_legacy"),
        pl.col(col).str.contains(r"^(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+$").fill_null(False).alias("_sci"),
        u.alias("_u"))
    df = df.with_columns(pl.when(pl.col("_form18")).then(pl.col("_u").str.slice(0, 17))
                         .when(pl.col("_legacy")).then(pl.concat_str([pl.col("_u").str.slice(0, 6), pl.lit("19"), pl.col("_u").str.slice(6)]))
                         .alias("_body"))
    # The 17 digits as one integer: each digit by division, no string slicing per digit.
    n = pl.col("_body").cast(pl.UInt64, strict=False)
    total = pl.sum_horizontal([(n // 10 ** (16 - i) % 10) * w for i, w in enumerate(ID_WEIGHTS)])
    born = pl.col("_body").str.slice(6, 8).str.to_date("%Y%m%d", strict=False)
    df = df.with_columns((total % 11).cast(pl.Int64).replace_strict(ID_CHECK, return_dtype=pl.String).alias("_check"),
                         (born.is_not_null() & (born.dt.year() >= 1900)).fill_null(False).alias("_birth_ok"))
    check_ok = pl.col("_form18") & (pl.col("_u").str.slice(17, 1) == pl.col("_check")).fill_null(False)
    df = df.with_columns(check_ok.alias("_check_ok"))
    valid18 = pl.col("_check_ok") & pl.col("_birth_ok")
    upgraded = pl.col("_legacy") & pl.col("_birth_ok")
    m02 = pl.col("_sci") | (pl.col("_form18") & ~pl.col("_check_ok") & pl.col("_u").str.ends_with("000"))
    df = df.with_columns(
        pl.when(valid18).then(pl.col("_u")).when(upgraded).then(pl.concat_str([pl.col("_body"), pl.col("_check")])).alias("_id"),
        m02.alias("_m02"),
        (pl.col(col).is_not_null() & ~m02 & ~valid18 & ~upgraded).alias("_m01"),
        upgraded.alias("_m10"))
    return df.drop("_form18", "_legacy", "_sci", "_u", "_body", "_check", "_birth_ok", "_check_ok")


def yuan(fen):
    fen = int(fen or 0)
    return f"{fen // 100}.{fen % 100:02d}".rstrip("0").rstrip(".")


class Checked:
    """One dataset: the input frame plus parsed columns (`_x`) and flag columns (`F_rule`)."""

    def __init__(self, dataset, df, path):
        self.dataset, self.path = dataset, path
        self.cols = columns_of(df, dataset)
        self.input_columns = df.columns
        self.df = df.with_row_index("_row")
        self.n = df.height

    def has(self, f):
        return f in self.cols

    def c(self, f):
        name = self.cols.get(f)
        return pl.col(name) if name else pl.lit(None, dtype=pl.String)

    def flag(self, rule, expr):
        expr = expr.fill_null(False)
        name = "F_" + rule
        if name in self.df.columns:
            expr = pl.col(name) | expr
        self.df = self.df.with_columns(expr.alias(name))

    def rules(self):
        return [c[2:] for c in self.df.columns if c.startswith("F_")]

    def error_expr(self):
        cols = [pl.col("F_" + r) for r in self.rules() if r not in WARNINGS]
        return pl.any_horizontal(cols) if cols else pl.lit(False)

    def warning_expr(self):
        cols = [pl.col("F_" + r) for r in self.rules() if r in WARNINGS]
        return pl.any_horizontal(cols) if cols else pl.lit(False)

    def read_common(self, as_of):
        ds = self.dataset
        self.flag("V01", pl.any_horizontal([self.c(f).is_null() for f in REQUIRED[ds]]))
        self.df = id_columns(self.df, self.cols["id"])
        self.df = self.df.rename({"_m01": "F_M01", "_m02": "F_M02", "_m10": "F_M10"})
        parsed = []
        for f in DATE_FIELDS[ds]:
            if self.has(f):
                parsed.append(date_expr(self.cols[f], f in ("join", "leave")).alias("_" + f))
        for f in MONEY_FIELDS[ds]:
            if self.has(f):
                parsed.append(money_expr(self.cols[f]).alias("_" + f))
        self.df = self.df.with_columns(parsed)
        self.dates = [f for f in DATE_FIELDS[ds] if self.has(f)]
        self.moneys = [f for f in MONEY_FIELDS[ds] if self.has(f)]
        self.flag("V02", pl.any_horizontal([self.unreadable(f) for f in self.dates] or [pl.lit(False)]))
        self.flag("V03", pl.any_horizontal([self.unreadable(f) for f in self.moneys] or [pl.lit(False)]))
        self.flag("V05", pl.any_horizontal([pl.col("_" + f) > as_of for f in self.dates if f != "end"] or [pl.lit(False)]))
        self.df = self.df.with_columns(pl.lit(False).alias("_outside"))

    def unreadable(self, f):
        return self.c(f).is_not_null() & pl.col("_" + f).is_null()

    def parsed(self, f):
        return pl.col("_" + f) if self.has(f) else pl.lit(None)

    def male(self):
        return (pl.col("_id").str.slice(16, 1).cast(pl.Int32) % 2 == 1).fill_null(False)


def cross_check(c, roster, skip, mdate):
    """X01 and X02 against the roster's valid-ID rows; `skip` rows (抚恤金) are not checked."""
    known = pl.col("_id").is_not_null()
    in_roster = pl.col("_id").is_in(roster["id"].unique().implode())
    c.df = c.df.with_columns(mdate.alias("_mdate"), skip.fill_null(False).alias("_skip"), in_roster.alias("_in_roster"))
    c.flag("X01", known & ~pl.col("_in_roster") & ~pl.col("_skip"))
    probe = c.df.filter(known & pl.col("_in_roster") & ~pl.col("_skip") & pl.col("_mdate").is_not_null()).select("_row", "_id", "_mdate")
    member = (probe.join(roster.filter(pl.col("read")), left_on="_id", right_on="id", how="inner")
              .with_columns(((pl.col("join").is_null() | (pl.col("join") <= pl.col("_mdate")))
                             & (pl.col("leave").is_null() | (pl.col("_mdate") <= pl.col("leave")))).alias("ok"))
              .group_by("_row").agg(pl.col("ok").any()))
    not_member = member.filter(~pl.col("ok"))["_row"].implode()
    c.flag("X02", pl.col("_row").is_in(not_member))


def yearly_limit(c, order_col, key, amount, limit):
    """Rows over a yearly limit (P03, C03): in date then file order, a row whose addition to the total of
    its key's rows already included would pass the limit; flagged rows add nothing."""
    part = (c.df.filter(pl.col("_part") & ~c.error_expr() & limit.is_not_null())
            .select("_row", order_col, key.alias("key"), amount.alias("amount"), limit.alias("limit"))
            .sort([order_col, "_row"])
            .with_columns(pl.col("amount").cum_sum().over("key").alias("total")))
    over = part.filter(pl.col("total") > pl.col("limit"))["key"].unique().implode()
    flagged = []
    # Only the keys that pass their limit need the row-by-row walk.
    for _, g in part.filter(pl.col("key").is_in(over)).group_by("key", maintain_order=True):
        total = 0
        for row, amount_, limit_ in g.select("_row", "amount", "limit").iter_rows():
            if total + amount_ > limit_:
                flagged.append(row)
            else:
                total += amount_
    return pl.col("_row").is_in(pl.Series(flagged, dtype=pl.UInt32).implode())


def first_duplicates(c, keys, extra):
    """Later occurrences of the same key among rows without errors (the first is kept)."""
    clean = pl.col("_part") & ~c.error_expr() & extra
    return clean & ~pl.struct(keys).is_first_distinct().over(clean) & pl.all_horizontal([k.is_not_null() for k in keys])


def check_members(c, year, as_of):
    c.read_common(as_of)
    valid = pl.col("_id").is_not_null()
    c.flag("M05", valid & ~pl.col("_id").is_first_distinct().over(valid))
    join, leave = pl.col("_join"), pl.col("_leave")
    born = pl.col("_id").str.slice(6, 8).str.to_date("%Y%m%d", strict=False)
    age = (join.dt.year() - born.dt.year()
           - ((join.dt.month() * 100 + join.dt.day()) < (born.dt.month() * 100 + born.dt.day())).cast(pl.Int32))
    order = join.is_not_null() & leave.is_not_null() & (join > leave)
    c.flag("M07", valid & join.is_not_null() & (order | (age < MIN_JOIN_AGE)))
    c.df = c.df.with_columns(c.c("status").fill_null("在册").alias("_status"))


def member_figures(c, year, as_of):
    f = c.df.filter(~c.error_expr())
    counts = (pl.col("_status").is_in(["在册", "保留会籍"]) & (pl.col("_join").is_null() | (pl.col("_join") <= as_of))
              & (pl.col("_leave").is_null() | (pl.col("_leave") >= as_of)))
    gender = c.c("gender").str.to_lowercase().replace_strict(GENDER_OF, default=None)
    female = (gender == "女").fill_null(~c.male())
    f = f.with_columns(counts.alias("counts"), female.alias("female"), c.c("branch").alias("branch"))
    members = f.filter(pl.col("counts"))
    by_status = members.group_by("_status").len().sort("_status")
    by_branch = members.filter(pl.col("branch").is_not_null()).group_by("branch").len().sort("branch")
    return {
        "total": members.height, "female": int(members["female"].sum()), "male": members.height - int(members["female"].sum()),
        "by_status": dict(by_status.iter_rows()), "by_branch": dict(by_branch.iter_rows()),
        "joined_in_year": f.filter(pl.col("_join").dt.year() == year).height,
        "left_in_year": f.filter(pl.col("_status").is_in(["退会", "转出"]) & (pl.col("_leave").dt.year() == year)).height,
        "dues_paid": yuan(f["_dues"].sum()) if c.has("dues") else "0",
    }


def roster_of(c):
    read = ~(c.unreadable("join") if c.has("join") else pl.lit(False)) & ~(c.unreadable("leave") if c.has("leave") else pl.lit(False))
    return c.df.filter(pl.col("_id").is_not_null()).select(
        pl.col("_id").alias("id"), c.parsed("join").alias("join"), c.parsed("leave").alias("leave"), read.alias("read"))


def check_payments(c, roster, year, as_of):
    c.read_common(as_of)
    c.df = c.df.with_columns(
        c.c("category").replace_strict(CATEGORY_OF, default=None).alias("_category"),
        c.c("relation").replace_strict(RELATION_OF, default=c.c("relation")).alias("_relation"))
    cat, amount, date = pl.col("_category"), pl.col("_amount"), pl.col("_date")
    c.flag("P01", c.c("category").is_not_null() & cat.is_null())
    c.df = c.df.with_columns((date.dt.year() != year).fill_null(False).alias("_outside"))
    c.flag("V04", pl.col("_outside"))
    event_bad = c.unreadable("event") if c.has("event") else pl.lit(False)
    mdate = pl.when(~event_bad).then(pl.coalesce(c.parsed("event"), date))
    cross_check(c, roster, cat == "抚恤金", mdate)
    c.flag("P02", amount > cat.replace_strict(PER_PAYMENT, default=None, return_dtype=pl.Int64))
    c.flag("P06", (cat == "金秋助学") & ((amount < EDUCATION_BAND[0]) | (amount > EDUCATION_BAND[1])))
    c.flag("P05", pl.any_horizontal([(cat == k) & c.c("form").is_in(v) for k, v in FORBIDDEN_FORMS.items()]))
    c.flag("P08", pl.any_horizontal([(cat == k) & c.c("relation").is_not_null() & ~pl.col("_relation").is_in(v)
                                     for k, v in ALLOWED_RELATIONS.items()]))
    c.df = c.df.with_columns((~pl.col("_outside") & cat.is_not_null() & pl.col("_id").is_not_null()
                              & amount.is_not_null() & date.is_not_null()).alias("_part"))
    limit = cat.replace_strict(YEARLY, default=None, return_dtype=pl.Int64)
    c.flag("P03", yearly_limit(c, "_date", pl.concat_str([pl.col("_id"), cat], separator="|"), amount, limit))
    c.flag("P04", first_duplicates(c, [pl.col("_id"), cat, date, amount], pl.lit(True)))


def payment_figures(c):
    f = c.df.filter(~c.error_expr() & ~pl.col("_outside")).select(
        pl.col("_id").alias("id"), pl.col("_category").alias("category"), pl.col("_amount").alias("amount"),
        pl.col("_date").dt.strftime("%Y-%m").alias("month"))
    by_category = f.group_by("category").agg(pl.len(), pl.col("id").n_unique(), pl.col("amount").sum()).sort("category")
    groups = {}
    for name, cats in GROUPS.items():
        g = f.filter(pl.col("category").is_in(cats))
        if g.height:
            groups[name] = {"count": g.height, "people": g["id"].n_unique(), "amount": yuan(g["amount"].sum())}
    by_month = f.group_by("month").agg(pl.len(), pl.col("amount").sum()).sort("month")
    return {
        "count": f.height, "people": f["id"].n_unique(), "amount": yuan(f["amount"].sum()),
        "union_spending": yuan(f.filter(pl.col("category") != "抚恤金")["amount"].sum()),
        "by_category": {k: {"count": n, "people": p, "amount": yuan(a)} for k, n, p, a in by_category.iter_rows()},
        "by_group": groups,
        "by_month": {k: {"count": n, "amount": yuan(a)} for k, n, a in by_month.iter_rows()},
    }


def check_claims(c, roster, year, as_of):
    c.read_common(as_of)
    c.df = c.df.with_columns(c.c("plan").replace_strict(PLAN_OF, default=None).alias("_plan"))
    plan, approved, paid, admission = pl.col("_plan"), pl.col("_approved"), pl.col("_paid"), c.parsed("admission")
    c.flag("V06", c.c("plan").is_not_null() & plan.is_null())
    c.df = c.df.with_columns((paid.dt.year() != year).fill_null(False).alias("_outside"))
    c.flag("V04", pl.col("_outside"))
    admission_bad = c.unreadable("admission") if c.has("admission") else pl.lit(False)
    cross_check(c, roster, pl.lit(False), pl.when(~admission_bad).then(pl.coalesce(admission, paid)))
    self_paid = c.parsed("self")
    c.flag("C01", (approved > c.parsed("claimed")).fill_null(False) | (approved > self_paid).fill_null(False))
    c.flag("C02", pl.any_horizontal([(plan == p) & ((approved - (self_paid * num * 2 + den) // (den * 2)).abs() > 1)
                                     for p, (num, den) in CLAIM_RATES.items()]).fill_null(False))
    c.flag("C04", c.parsed("discharge") < admission)
    c.flag("C05", (plan == "两癌") & c.male())
    c.df = c.df.with_columns((~pl.col("_outside") & pl.col("_id").is_not_null() & approved.is_not_null()).alias("_part"))
    plan_or_text = pl.coalesce(plan, c.c("plan"))
    limit = pl.when(plan_or_text == "门诊").then(pl.lit(OUTPATIENT_CAP, dtype=pl.Int64))
    c.flag("C03", yearly_limit(c, "_paid", pl.col("_id"), approved, limit))
    c.flag("C06", first_duplicates(c, [pl.col("_id"), plan_or_text, admission, approved], admission.is_not_null()))


def claim_figures(c):
    f = c.df.filter(~c.error_expr() & ~pl.col("_outside"))
    by_plan = f.group_by("_plan").agg(pl.len(), pl.col("_id").n_unique(), pl.col("_approved").sum()).sort("_plan")
    return {"count": f.height, "people": f["_id"].n_unique(), "approved": yuan(f["_approved"].sum()),
            "by_plan": {k: {"count": n, "people": p, "approved": yuan(a)} for k, n, p, a in by_plan.iter_rows()}}


def check_enrollments(c, roster, year, as_of):
    c.read_common(as_of)
    c.df = c.df.with_columns(c.c("plan").replace_strict(PLAN_OF, default=None).alias("_plan"))
    plan, premium = pl.col("_plan"), pl.col("_premium")
    c.flag("V06", c.c("plan").is_not_null() & plan.is_null())
    cross_check(c, roster, pl.lit(False), c.parsed("start"))
    c.flag("E01", premium != plan.replace_strict(PREMIUMS, default=None, return_dtype=pl.Int64))
    c.flag("E02", (plan == "两癌") & c.male())
    c.df = c.df.with_columns(pl.col("_id").is_not_null().alias("_part"))
    c.flag("E03", first_duplicates(c, [pl.col("_id"), pl.coalesce(plan, c.c("plan"))], pl.lit(True)))


def enrollment_figures(c):
    f = c.df.filter(~c.error_expr())
    by_plan = f.group_by("_plan").agg(pl.len(), pl.col("_id").n_unique(), pl.col("_premium").sum()).sort("_plan")
    return {"count": f.height, "people": f["_id"].n_unique(), "premium": yuan(f["_premium"].sum()),
            "by_plan": {k: {"count": n, "people": p, "premium": yuan(a)} for k, n, p, a in by_plan.iter_rows()}}


# ---------------------------------------------------------------- writing

ROWS_PER_SHEET = 1_000_000


def write_checked(c, path):
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    bold = wb.add_format({"bold": True})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd", "align": "left"})
    money_fmt = wb.add_format({"num_format": "#,##0.00"})
    int_fmt = wb.add_format({"num_format": "0"})
    fills = {"错误": wb.add_format({"bg_color": "#FFC7CE"}), "警告": wb.add_format({"bg_color": "#FFEB9C"}), "正常": None}
    field_of = {name: f for f, name in c.cols.items()}
    # Per input column: where its number (a read date or amount) and its text sit in the row, and the format.
    selected, plan = [], []
    for out_col, name in enumerate(c.input_columns, start=3):
        f = field_of.get(name)
        number, fmt = None, None
        if f in c.dates:
            number, fmt = (pl.col("_" + f) - pl.lit(EXCEL_EPOCH)).dt.total_days(), date_fmt
        elif f in c.moneys:
            number, fmt = pl.col("_" + f) / 100, money_fmt
        elif f == "months":
            number, fmt = pl.col(name).cast(pl.Int64, strict=False), int_fmt
        number_at = None
        if number is not None:
            number_at = 3 + len(selected)
            selected.append(number.alias(f"_n{out_col}"))
        selected.append(pl.col(name).alias(f"_t{out_col}"))
        plan.append((out_col, number_at, 3 + len(selected) - 1, fmt))
    rules = [r for r in RULES + ["M10"] if "F_" + r in c.df.columns]
    codes = pl.concat_str([pl.when(pl.col("F_" + r)).then(pl.lit(r)) for r in rules], separator=" ", ignore_nulls=True)
    status = pl.when(c.error_expr()).then(pl.lit("错误")).when(c.warning_expr()).then(pl.lit("警告")).otherwise(pl.lit("正常"))
    table = c.df.select(status.alias("_status"), pl.when(codes != "").then(codes).alias("_codes"),
                        (pl.col("_row") + 2).alias("_line"), *selected)
    titles = ["状态", "问题", "行号"] + list(c.input_columns)
    base = os.path.splitext(os.path.basename(c.path))[0]
    ws = None
    # Column lists zipped into rows: polars' own iter_rows builds each row far more slowly.
    for i, values in enumerate(zip(*(table[name].to_list() for name in table.columns))):
        r = i % ROWS_PER_SHEET + 1
        if r == 1:
            part = i // ROWS_PER_SHEET
            ws = wb.add_worksheet(base if part == 0 else f"{base} ({part + 1})")
            ws.freeze_panes(1, 0)
            ws.write_row(0, 0, titles, bold)
        ws.write_string(r, 0, values[0], fills[values[0]])
        if values[1] is not None:
            ws.write_string(r, 1, values[1])
        ws.write_number(r, 2, values[2], int_fmt)
        for out_col, number_at, text_at, fmt in plan:
            if number_at is not None and values[number_at] is not None:
                ws.write_number(r, out_col, values[number_at], fmt)
            elif values[text_at] is not None:
                ws.write_string(r, out_col, values[text_at])
    if ws is None:
        ws = wb.add_worksheet(base)
        ws.write_row(0, 0, titles, bold)
    wb.close()


def write_summary(summary, checked, path):
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    bold = wb.add_format({"bold": True})
    money_fmt = wb.add_format({"num_format": "#,##0.00"})

    def table(name, header, rows):
        ws = wb.add_worksheet(name)
        ws.freeze_panes(1, 0)
        ws.write_row(0, 0, header, bold)
        for r, row in enumerate(rows, start=1):
            for col, v in enumerate(row):
                if isinstance(v, str):
                    ws.write_string(r, col, v)
                elif isinstance(v, float):
                    ws.write_number(r, col, v, money_fmt)
                else:
                    ws.write_number(r, col, v)
        ws.autofilter(0, 0, max(len(rows), 1), len(header) - 1)

    m, p = summary.get("members", {}), summary.get("payments", {})
    cl, e = summary.get("claims", {}), summary.get("enrollments", {})
    table("概览", ["项目", "数值"], [
        ["会员总数", m.get("total", 0)], ["女", m.get("female", 0)], ["男", m.get("male", 0)],
        ["发放笔数", p.get("count", 0)], ["发放金额", float(p.get("amount", "0"))],
        ["报销人次", cl.get("count", 0)], ["报销金额", float(cl.get("approved", "0"))],
        ["参保人数", e.get("count", 0)], ["保费", float(e.get("premium", "0"))],
        ["错误", summary["findings"]["errors"]], ["警告", summary["findings"]["warnings"]]])
    table("会员", ["分会", "人数"], [[k, v] for k, v in m.get("by_branch", {}).items()])
    table("帮扶慰问", ["类别", "笔数", "人数", "金额"],
          [[k, v["count"], v["people"], float(v["amount"])] for k, v in p.get("by_category", {}).items()])
    table("按月", ["月份", "笔数", "金额"], [[k, v["count"], float(v["amount"])] for k, v in p.get("by_month", {}).items()])
    table("医疗互助", ["项目", "人次", "人数", "报销金额"],
          [[k, v["count"], v["people"], float(v["approved"])] for k, v in cl.get("by_plan", {}).items()])
    table("参保", ["险种", "人数", "保费"], [[k, v["count"], float(v["premium"])] for k, v in e.get("by_plan", {}).items()])
    # 问题清单: at most 65,000 findings, by file and row.
    frames = []
    for c in checked:
        for rule in RULES:
            if "F_" + rule in c.df.columns:
                frames.append(c.df.filter(pl.col("F_" + rule)).head(65000).select(
                    pl.lit(os.path.basename(c.path)).alias("file"), (pl.col("_row") + 2).cast(pl.Int64).alias("row"),
                    pl.lit(rule).alias("rule"), pl.lit("警告" if rule in WARNINGS else "错误").alias("severity")))
    rows = pl.concat(frames).sort(["file", "row", "rule"]).head(65000).rows() if frames else []
    table("问题清单", ["文件", "行", "规则", "级别"], rows)
    wb.close()


# The ledger's chart of accounts (SPEC §2.2).
from ledger_chart import CHART  # noqa: E402
LINE_OF = {a: line for group, lines in CHART.items() for line, aliases in lines.items() for a in [line] + aliases}
GROUP_OF = {line: group for group, lines in CHART.items() for line in lines}
LEDGER_HEADERS = {"date": ["日期", "记账日期", "发生日期"], "account": ["科目", "会计科目", "收支科目", "支出科目", "收入科目"],
                  "income": ["收入", "收入金额"], "expense": ["支出", "支出金额"], "people": ["人数", "人次", "受益人数"]}


def signed_yuan(fen):
    fen = int(fen or 0)
    return ("-" if fen < 0 else "") + yuan(abs(fen))


def ledger_figures(path, year, as_of):
    """The ledger's input line and `funds` (income/expense columns; a refund is a negative amount)."""
    df = read_csv(path)
    cols = {f: next((a for a in aliases if a in df.columns), None) for f, aliases in LEDGER_HEADERS.items()}

    def signed_money(field):
        if cols[field] is None:
            return pl.lit(0, dtype=pl.Int64), pl.lit(False)
        c = pl.col(cols[field])
        body = c.str.strip_prefix("-")
        g = body.str.extract_groups(MONEY_RE)
        value = g.struct.field("1").str.replace_all(",", "").cast(pl.Int64) * 100 \
            + g.struct.field("2").str.pad_end(2, "0").cast(pl.Int64).fill_null(0)
        value = pl.when(c.str.starts_with("-")).then(-value).otherwise(value)
        return value.fill_null(0), c.is_not_null() & value.is_null()

    income, bad_i = signed_money("income")
    expense, bad_e = signed_money("expense")
    account = pl.col(cols["account"])
    tail = account.str.extract(r"[-—/：:－／]\s*([^-—/：:－／]*?)\s*$", 1)
    line = account.replace_strict(LINE_OF, default=None).fill_null(tail.replace_strict(LINE_OF, default=None))
    t = df.with_columns(line.alias("_line"), income.alias("_inc"), expense.alias("_exp"), (bad_i | bad_e).alias("_bad"),
                        date_expr(cols["date"], False).alias("_date"),
                        (pl.col(cols["people"]).cast(pl.Int64, strict=False).fill_null(0) if cols["people"] else pl.lit(0)).alias("_people"))
    t = t.with_columns(pl.col("_line").replace_strict(GROUP_OF, default=None).alias("_group"))
    t = t.with_columns((pl.col("_line").is_not_null() & ~pl.col("_bad") & pl.col("_date").is_not_null()
                        & ((pl.col("_inc") != 0) != (pl.col("_exp") != 0))
                        & ((pl.col("_inc") != 0) == (pl.col("_group") == "收入"))).fill_null(False).alias("_ok"),
                       ((pl.col("_date").dt.year() == year) & (pl.col("_date") <= as_of)).fill_null(False).alias("_inside"))
    rows = t.filter(pl.col("_ok") & pl.col("_inside")).with_columns((pl.col("_inc") + pl.col("_exp")).alias("_amount"))
    by_line = rows.group_by("_line").agg(pl.col("_group").first(), pl.len().alias("count"), pl.col("_people").sum(),
                                         pl.col("_amount").sum()).sort("_line")
    by_group = rows.group_by("_group").agg(pl.len().alias("count"), pl.col("_amount").sum()).sort("_group")
    income_total = rows.filter(pl.col("_group") == "收入")["_amount"].sum() or 0
    expense_total = rows.filter(pl.col("_group") != "收入")["_amount"].sum() or 0
    funds = {"income": signed_yuan(income_total), "expense": signed_yuan(expense_total),
             "balance": signed_yuan(income_total - expense_total),
             "by_group": {r["_group"]: {"count": r["count"], "amount": signed_yuan(r["_amount"])} for r in by_group.iter_rows(named=True)},
             "by_line": {r["_line"]: {"group": r["_group"], "count": r["count"],
                                      **({"people": r["_people"]} if cols["people"] else {}), "amount": signed_yuan(r["_amount"])}
                         for r in by_line.iter_rows(named=True)}}
    counts = t.select((~pl.col("_ok")).sum().alias("excluded"), (pl.col("_ok") & ~pl.col("_inside")).sum().alias("outside")).row(0, named=True)
    entry = {"file": os.path.basename(path), "dataset": "ledger", "rows": t.height, "excluded": counts["excluded"],
             "outside_year": counts["outside"]}
    return entry, funds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--out", required=True)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--as-of", default=None)
    args = ap.parse_args()
    year = args.year
    as_of = dt.date.fromisoformat(args.as_of or f"{year}-12-31")
    os.makedirs(args.out, exist_ok=True)
    started = time.monotonic()

    datasets = {}
    for ds in ["members", "payments", "claims", "enrollments"]:
        path = os.path.join(args.folder, f"{ds}.csv")
        if os.path.exists(path):
            datasets[ds] = Checked(ds, read_csv(path), path)
    if "members" not in datasets:
        sys.exit("peer_polars: members.csv is needed")
    log(f"read in {time.monotonic() - started:.2f} s")

    check_members(datasets["members"], year, as_of)
    roster = roster_of(datasets["members"])
    if "payments" in datasets:
        check_payments(datasets["payments"], roster, year, as_of)
    if "claims" in datasets:
        check_claims(datasets["claims"], roster, year, as_of)
    if "enrollments" in datasets:
        check_enrollments(datasets["enrollments"], roster, year, as_of)
    log(f"checked in {time.monotonic() - started:.2f} s")

    summary = {"schema": "unionbatch.summary/1", "year": year, "as_of": as_of.isoformat(), "inputs": []}
    by_rule, errors, warnings = {}, 0, 0
    for ds in sorted(datasets, key=lambda d: f"{d}.csv"):
        c = datasets[ds]
        err = c.error_expr()
        counts = c.df.select(err.sum().alias("excluded"), (pl.col("_outside") & ~err).sum().alias("outside"),
                             *[pl.col("F_" + r).sum().alias(r) for r in c.rules()]).row(0, named=True)
        summary["inputs"].append({"file": f"{ds}.csv", "dataset": ds, "rows": c.n,
                                  "excluded": counts["excluded"], "outside_year": counts["outside"]})
        for r in c.rules():
            n = counts[r]
            if n and r in RULES:
                by_rule[r] = by_rule.get(r, 0) + n
            if r in WARNINGS:
                warnings += n
            else:
                errors += n
    summary["members"] = member_figures(datasets["members"], year, as_of)
    if "payments" in datasets:
        summary["payments"] = payment_figures(datasets["payments"])
    if "claims" in datasets:
        summary["claims"] = claim_figures(datasets["claims"])
    if "enrollments" in datasets:
        summary["enrollments"] = enrollment_figures(datasets["enrollments"])
    ledger = os.path.join(args.folder, "ledger.csv")
    if os.path.exists(ledger):
        entry, summary["funds"] = ledger_figures(ledger, year, as_of)
        summary["inputs"] = sorted(summary["inputs"] + [entry], key=lambda i: i["file"])
        log(f"ledger in {time.monotonic() - started:.2f} s")
    summary["findings"] = {"errors": errors, "warnings": warnings, "by_rule": dict(sorted(by_rule.items())),
                           "rules_checked": RULES}
    with open(os.path.join(args.out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, ensure_ascii=False, indent=2)
    log(f"figures in {time.monotonic() - started:.2f} s")

    write_summary(summary, list(datasets.values()), os.path.join(args.out, "summary.xlsx"))
    for ds, c in datasets.items():
        write_checked(c, os.path.join(args.out, f"checked-{ds}.xlsx"))
        log(f"checked-{ds}.xlsx in {time.monotonic() - started:.2f} s")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
