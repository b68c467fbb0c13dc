#!/usr/bin/env python3
# Bench peer: the union year-end check written the way an analyst would with pandas + XlsxWriter.
"""Reads members.csv, payments.csv, claims.csv and enrollments.csv (IDs as text), checks them with
the default profile of SPEC §3 (the rules listed in RULES below, with the §7 semantics), adds up the
summary figures in integer fen, and writes summary.json, summary.xlsx and checked-<dataset>.xlsx
(状态, 问题, 行号 + the input columns; dates as date cells, money as numbers, IDs as text).

usage: peer_pandas.py DIR --out OUT [--year 2025] [--as-of 2025-12-31]
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import pandas as pd
import xlsxwriter

# The rules this script implements; summary.json counts findings of these codes only.
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
FORBIDDEN_FORMS = {"节日慰问": {"现金", "购物卡"}}
ALLOWED_RELATIONS = {"亲属去世慰问": {"配偶", "父母", "子女"}}
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
STATUSES = {"在册", "保留会籍", "退会", "转出"}

# Header aliases of the fields used (SPEC §2.2).
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

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = np.array(list("10X98765432"))
EPOCH = pd.Timestamp("1899-12-30")
DATE_RE = (r"^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?|年(\d{1,2})月(?:(\d{1,2})日)?)"
           r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
COMPACT_RE = r"^(\d{4})(\d{2})(\d{2})$"
MONEY_RE = r"^[¥￥]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?元?$"


def log(msg):
    print(f"peer_pandas: {msg}", file=sys.stderr)


def read_csv(path):
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    df.columns = ["".join(c.split()).rstrip("*") for c in df.columns]
    for c in df.columns:
        df[c] = df[c].str.strip()
    return df


def columns_of(df, dataset):
    """Field -> column name, for the fields whose header is present (the first alias found wins)."""
    found = {}
    for field, aliases in HEADERS[dataset].items():
        for a in aliases:
            if a in df.columns:
                found[field] = a
                break
    missing = [f for f in REQUIRED[dataset] if f not in found]
    if missing:
        sys.exit(f"peer_pandas: {dataset}: missing columns {missing}")
    return found


def parse_dates(s, month_ok=False):
    """Cells to datetime64 (NaT when empty or unreadable), and the mask of unreadable cells."""
    m = s.str.extract(DATE_RE)
    c = s.str.extract(COMPACT_RE)
    year = m[0].fillna(c[0])
    month = m[2].fillna(m[4]).fillna(c[1])
    day = m[3].fillna(m[5]).fillna(c[2])
    month_only = year.notna() & month.notna() & day.isna()
    if month_ok:
        # Chinese month form needs its 月; the other forms a bare year-month.
        day = day.where(~month_only, "1")
    parts = pd.DataFrame({"year": pd.to_numeric(year), "month": pd.to_numeric(month), "day": pd.to_numeric(day)})
    dates = pd.to_datetime(parts, errors="coerce")
    if not month_ok:
        dates = dates.where(~month_only)
    bad = (s != "") & dates.isna()
    return dates, bad


def parse_money(s):
    """Cells to fen (Int64, <NA> when empty or unreadable), and the mask of unreadable cells."""
    m = s.str.extract(MONEY_RE)
    yuan = pd.to_numeric(m[0].str.replace(",", "", regex=False)).astype("Int64")
    cents = pd.to_numeric(m[1].fillna("").str.ljust(2, "0")).astype("Int64")
    fen = yuan * 100 + cents
    bad = (s != "") & fen.isna()
    return fen, bad


def check_ids(s):
    """Normalised 18-character IDs (None when not valid) and the M01, M02, M10 masks."""
    u = s.str.upper()
    form18 = u.str.fullmatch(r"\d{17}[\dX]").fillna(False).to_numpy(bool)
    legacy = u.str.fullmatch(r"\d{15}").fillna(False).to_numpy(bool)
    sci = s.str.fullmatch(r"(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+").fillna(False).to_numpy(bool)
    body = np.where(form18, u.str[:17], np.where(legacy, u.str[:6] + "19" + u.str[6:], ""))
    has_body = form18 | legacy
    check = np.full(len(s), "", dtype=object)
    birth_ok = np.zeros(len(s), dtype=bool)
    if has_body.any():
        bodies = body[has_body]
        digits = (np.frombuffer("".join(bodies).encode("ascii"), dtype=np.uint8).reshape(-1, 17) - 48).astype(np.int64)
        check[has_body] = ID_CHECK[(digits @ ID_WEIGHTS) % 11]
        y = digits[:, 6:10] @ np.array([1000, 100, 10, 1])
        mo = digits[:, 10:12] @ np.array([10, 1])
        d = digits[:, 12:14] @ np.array([10, 1])
        born = pd.to_datetime(pd.DataFrame({"year": y, "month": mo, "day": d}), errors="coerce")
        birth_ok[has_body] = (born.notna() & (y >= 1900)).to_numpy()
    last = u.str[17].fillna("").to_numpy(object)
    check_ok = form18 & (check == last)
    zeroed = u.str.endswith("000").fillna(False).to_numpy(bool)
    valid18 = check_ok & birth_ok
    upgraded = legacy & birth_ok
    ids = np.where(valid18, u.to_numpy(object), np.where(upgraded, body.astype(object) + check, None))
    nonempty = (s != "").to_numpy(bool)
    m02 = sci | (form18 & ~check_ok & zeroed)
    m01 = nonempty & ~m02 & ~valid18 & ~upgraded
    return pd.Series(ids, index=s.index, dtype=object), m01, m02, upgraded


def male_of(ids):
    """True for men: the 17th character of the ID number is odd."""
    digit = pd.to_numeric(ids.str[16], errors="coerce")
    return (digit % 2 == 1).to_numpy(bool)


def yuan(fen):
    fen = int(fen)
    text = f"{fen // 100}.{fen % 100:02d}".rstrip("0").rstrip(".")
    return text


def tally(frame, key, money):
    """{key: {count, people, money}} of included rows, keys in code-point order."""
    g = frame.groupby(key, sort=True).agg(count=("id", "size"), people=("id", "nunique"), amount=(money, "sum"))
    return {k: {"count": int(r["count"]), "people": int(r["people"]), "amount": yuan(r["amount"])} for k, r in g.iterrows()}


class Checked:
    """One dataset after checking: the raw frame, typed values, findings per rule."""

    def __init__(self, dataset, frame, cols):
        self.dataset, self.df, self.cols = dataset, frame, cols
        self.n = len(frame)
        self.flags = {}
        self.dates, self.bad_dates, self.money, self.bad_money = {}, {}, {}, {}
        self.outside = np.zeros(self.n, dtype=bool)

    def flag(self, rule, mask):
        mask = np.asarray(mask, dtype=bool)
        self.flags[rule] = self.flags.get(rule, np.zeros(self.n, dtype=bool)) | mask

    def col(self, field):
        name = self.cols.get(field)
        return self.df[name] if name else pd.Series([""] * self.n, index=self.df.index, dtype=str)

    def errors(self):
        e = np.zeros(self.n, dtype=bool)
        for rule, mask in self.flags.items():
            if rule not in WARNINGS:
                e |= mask
        return e

    def warnings(self):
        w = np.zeros(self.n, dtype=bool)
        for rule, mask in self.flags.items():
            if rule in WARNINGS:
                w |= mask
        return w

    def read_common(self, as_of):
        """V01, ID rules, V02, V03, V05: what reading the cells finds."""
        ds = self.dataset
        v01 = np.zeros(self.n, dtype=bool)
        for f in REQUIRED[ds]:
            v01 |= (self.col(f) == "").to_numpy(bool)
        self.flag("V01", v01)
        self.ids, m01, m02, m10 = check_ids(self.col("id"))
        self.flag("M01", m01)
        self.flag("M02", m02)
        self.flag("M10", m10)
        v02 = np.zeros(self.n, dtype=bool)
        for f in DATE_FIELDS[ds]:
            if f not in self.cols:
                continue
            self.dates[f], bad = parse_dates(self.col(f), month_ok=f in ("join", "leave"))
            self.bad_dates[f] = bad.to_numpy(bool)
            v02 |= self.bad_dates[f]
        self.flag("V02", v02)
        v03 = np.zeros(self.n, dtype=bool)
        for f in MONEY_FIELDS[ds]:
            if f not in self.cols:
                continue
            self.money[f], bad = parse_money(self.col(f))
            self.bad_money[f] = bad.to_numpy(bool)
            v03 |= self.bad_money[f]
        self.flag("V03", v03)
        v05 = np.zeros(self.n, dtype=bool)
        for f, d in self.dates.items():
            if f != "end":
                v05 |= (d > as_of).fillna(False).to_numpy(bool)
        self.flag("V05", v05)

    def date(self, f):
        return self.dates.get(f, pd.Series(pd.NaT, index=self.df.index, dtype="datetime64[us]"))

    def findings_by_row(self):
        """Rule codes of each row, joined by spaces (in RULES order)."""
        codes = np.full(self.n, "", dtype=object)
        for rule in RULES + ["M10"]:
            mask = self.flags.get(rule)
            if mask is not None and mask.any():
                codes[mask] = codes[mask] + (rule + " ")
        return [c.rstrip() if c else None for c in codes]


class Roster:
    """Valid-ID roster rows for the cross-dataset rules (excluded rows too, SPEC §7 Identity)."""

    def __init__(self, members):
        valid = members.ids.notna().to_numpy(bool)
        dates_read = ~(members.bad_dates.get("join", np.zeros(members.n, bool)) | members.bad_dates.get("leave", np.zeros(members.n, bool)))
        self.frame = pd.DataFrame({"id": members.ids[valid].to_numpy(object),
                                   "join": members.date("join")[valid].to_numpy(),
                                   "leave": members.date("leave")[valid].to_numpy(),
                                   "read": dates_read[valid]})
        self.ids = pd.Index(self.frame["id"].unique())

    def check(self, c, skip, mdate):
        """X01 and X02 of the rows of `c`; `skip` rows (抚恤金) are not checked; `mdate` the date X02 checks."""
        ids = c.ids
        known = ids.notna().to_numpy(bool)
        in_roster = ids.isin(self.ids).to_numpy(bool)
        c.flag("X01", known & ~in_roster & ~skip)
        probe = known & in_roster & ~skip & mdate.notna().to_numpy(bool)
        rows = pd.DataFrame({"row": np.nonzero(probe)[0], "id": ids.to_numpy(object)[probe], "d": mdate.to_numpy()[probe]})
        joined = rows.merge(self.frame[self.frame["read"]], on="id", how="inner")
        ok = (joined["join"].isna() | (joined["join"] <= joined["d"])) & (joined["leave"].isna() | (joined["d"] <= joined["leave"]))
        member = ok.groupby(joined["row"]).any()
        x02 = np.zeros(c.n, dtype=bool)
        x02[member.index[~member.to_numpy(bool)].to_numpy()] = True
        c.flag("X02", x02)


def yearly_limit(order, key, amount, limits, ok):
    """Rows flagged by a yearly limit (P03, C03): in `order`, a row whose addition to its key's total
    of included rows would pass the key's limit. `ok` rows take part; flagged rows add nothing."""
    flagged = np.zeros(len(ok), dtype=bool)
    idx = order[ok[order] & ~np.isnan(limits[order])]
    if len(idx) == 0:
        return flagged
    frame = pd.DataFrame({"key": key[idx], "amount": amount[idx], "limit": limits[idx], "row": idx})
    frame["total"] = frame.groupby("key", sort=False)["amount"].cumsum()
    over_keys = frame.loc[frame["total"] > frame["limit"], "key"].unique()
    # Only the keys that pass their limit need the row-by-row walk.
    for _, g in frame[frame["key"].isin(over_keys)].groupby("key", sort=False):
        total = 0
        for amount_, limit_, row in zip(g["amount"].to_numpy(), g["limit"].to_numpy(), g["row"].to_numpy()):
            if total + amount_ > limit_:
                flagged[row] = True
            else:
                total += amount_
    return flagged


def check_members(c, year, as_of):
    c.read_common(as_of)
    ids = c.ids
    valid = ids.notna().to_numpy(bool)
    m05 = np.zeros(c.n, dtype=bool)
    m05[valid] = ids[valid].duplicated(keep="first").to_numpy(bool)
    c.flag("M05", m05)
    join, leave = c.date("join"), c.date("leave")
    order = (join.notna() & leave.notna() & (join > leave)).to_numpy(bool)
    born = pd.to_datetime(ids.str[6:14], format="%Y%m%d", errors="coerce")
    age = join.dt.year - born.dt.year - ((join.dt.month * 100 + join.dt.day) < (born.dt.month * 100 + born.dt.day)).astype(int)
    young = (age < MIN_JOIN_AGE).fillna(False).to_numpy(bool)
    c.flag("M07", valid & join.notna().to_numpy(bool) & (order | young))
    c.status = c.col("status").where(c.col("status") != "", "在册")


def member_figures(c, year, as_of):
    keep = ~c.errors()
    status = c.status[keep]
    join, leave = c.date("join")[keep], c.date("leave")[keep]
    counts = status.isin(["在册", "保留会籍"]) & (join.isna() | (join <= as_of)) & (leave.isna() | (leave >= as_of))
    gender = c.col("gender")[keep].str.lower().map(GENDER_OF)
    male_id = pd.Series(male_of(c.ids[keep]), index=gender.index)
    female = gender.eq("女") | (gender.isna() & ~male_id)
    branch = c.col("branch")[keep]
    by_branch = branch[counts & (branch != "")].value_counts()
    by_status = status[counts].value_counts()
    dues = c.money.get("dues", pd.Series(dtype="Int64"))[keep]
    return {
        "total": int(counts.sum()), "female": int((counts & female).sum()), "male": int((counts & ~female).sum()),
        "by_status": {k: int(by_status[k]) for k in sorted(by_status.index)},
        "by_branch": {k: int(by_branch[k]) for k in sorted(by_branch.index)},
        "joined_in_year": int((join.dt.year == year).sum()),
        "left_in_year": int((status.isin(["退会", "转出"]) & (leave.dt.year == year)).sum()),
        "dues_paid": yuan(dues.sum()),
    }


def check_payments(c, roster, year, as_of):
    c.read_common(as_of)
    cat_text = c.col("category")
    c.category = cat_text.map(CATEGORY_OF)
    c.flag("P01", (cat_text != "") & c.category.isna())
    date, event = c.date("date"), c.date("event")
    c.outside = (date.notna() & (date.dt.year != year)).to_numpy(bool)
    c.flag("V04", c.outside)
    pension = (c.category == "抚恤金").to_numpy(bool)
    mdate = event.where(event.notna(), date).where(~c.bad_dates.get("event", np.zeros(c.n, bool)))
    roster.check(c, pension, mdate)
    amount = c.money["amount"]
    limit = c.category.map(PER_PAYMENT)
    c.flag("P02", (amount > limit).fillna(False))
    c.flag("P06", ((c.category == "金秋助学") & ((amount < EDUCATION_BAND[0]) | (amount > EDUCATION_BAND[1]))).fillna(False))
    form = c.col("form")
    forbidden = np.zeros(c.n, dtype=bool)
    for cat, forms in FORBIDDEN_FORMS.items():
        forbidden |= ((c.category == cat) & form.isin(list(forms))).to_numpy(bool)
    c.flag("P05", forbidden)
    relation = c.col("relation")
    canon = relation.map(RELATION_OF).fillna(relation)
    p08 = np.zeros(c.n, dtype=bool)
    for cat, allowed in ALLOWED_RELATIONS.items():
        p08 |= ((c.category == cat) & (relation != "") & ~canon.isin(list(allowed))).to_numpy(bool)
    c.flag("P08", p08)

    # Across rows: date order, then file order; rows outside the year take no part.
    part = ~c.outside & c.category.notna().to_numpy(bool) & c.ids.notna().to_numpy(bool) & amount.notna().to_numpy(bool) & date.notna().to_numpy(bool)
    order = np.lexsort((np.arange(c.n), date.to_numpy().astype("datetime64[D]").astype(np.int64)))
    key = (c.ids.fillna("") + "|" + c.category.fillna("")).to_numpy(object)
    amounts = amount.fillna(0).to_numpy(np.int64)
    limits = c.category.map(YEARLY).astype(float).to_numpy()
    p03 = yearly_limit(order, key, amounts, limits, part & ~c.errors())
    c.flag("P03", p03)
    clean = part & ~c.errors()
    dup_frame = pd.DataFrame({"id": c.ids, "cat": c.category, "date": date, "amount": amount})[clean]
    p04 = np.zeros(c.n, dtype=bool)
    p04[np.nonzero(clean)[0]] = dup_frame.duplicated(keep="first").to_numpy(bool)
    c.flag("P04", p04)


def payment_figures(c):
    keep = ~c.errors() & ~c.outside
    f = pd.DataFrame({"id": c.ids, "category": c.category, "amount": c.money["amount"],
                      "month": c.date("date").dt.year * 100 + c.date("date").dt.month})[keep]
    f["amount"] = f["amount"].astype(np.int64)
    groups = {}
    for name, cats in GROUPS.items():
        g = f[f["category"].isin(cats)]
        if len(g):
            groups[name] = {"count": len(g), "people": int(g["id"].nunique()), "amount": yuan(g["amount"].sum())}
    months = f.groupby("month", sort=True)["amount"].agg(["size", "sum"])
    return {
        "count": len(f), "people": int(f["id"].nunique()), "amount": yuan(f["amount"].sum()),
        "union_spending": yuan(f.loc[f["category"] != "抚恤金", "amount"].sum()),
        "by_category": tally(f, "category", "amount"),
        "by_group": groups,
        "by_month": {f"{int(k) // 100}-{int(k) % 100:02d}": {"count": int(r["size"]), "amount": yuan(r["sum"])} for k, r in months.iterrows()},
    }


def check_claims(c, roster, year, as_of):
    c.read_common(as_of)
    plan_text = c.col("plan")
    c.plan = plan_text.map(PLAN_OF)
    c.flag("V06", (plan_text != "") & c.plan.isna())
    paid, admission = c.date("paid"), c.date("admission")
    c.outside = (paid.notna() & (paid.dt.year != year)).to_numpy(bool)
    c.flag("V04", c.outside)
    mdate = admission.where(admission.notna(), paid).where(~c.bad_dates.get("admission", np.zeros(c.n, bool)))
    roster.check(c, np.zeros(c.n, dtype=bool), mdate)
    approved = c.money["approved"]
    claimed = c.money.get("claimed", pd.Series(pd.NA, index=c.df.index, dtype="Int64"))
    self_paid = c.money.get("self", pd.Series(pd.NA, index=c.df.index, dtype="Int64"))
    c.flag("C01", ((approved > claimed).fillna(False) | (approved > self_paid).fillna(False)).to_numpy(bool))
    c02 = np.zeros(c.n, dtype=bool)
    for plan, (num, den) in CLAIM_RATES.items():
        expected = (self_paid * num * 2 + den) // (den * 2)
        c02 |= ((c.plan == plan) & ((approved - expected).abs() > 1)).fillna(False).to_numpy(bool)
    c.flag("C02", c02)
    discharge = c.date("discharge")
    c.flag("C04", (discharge < admission).fillna(False))
    male = c.ids.notna().to_numpy(bool) & male_of(c.ids.fillna(""))
    c.flag("C05", (c.plan == "两癌").to_numpy(bool) & male)

    part = ~c.outside & c.ids.notna().to_numpy(bool) & approved.notna().to_numpy(bool)
    order = np.lexsort((np.arange(c.n), paid.to_numpy().astype("datetime64[D]").astype(np.int64)))
    plan = c.plan.fillna(plan_text)
    limits = np.where((plan == "门诊").to_numpy(bool), float(OUTPATIENT_CAP), np.nan)
    c03 = yearly_limit(order, c.ids.fillna("").to_numpy(object), approved.fillna(0).to_numpy(np.int64), limits, part & ~c.errors())
    c.flag("C03", c03)
    clean = part & ~c.errors() & admission.notna().to_numpy(bool)
    dup_frame = pd.DataFrame({"id": c.ids, "plan": plan, "admission": admission, "approved": approved})[clean]
    c06 = np.zeros(c.n, dtype=bool)
    c06[np.nonzero(clean)[0]] = dup_frame.duplicated(keep="first").to_numpy(bool)
    c.flag("C06", c06)


def claim_figures(c):
    keep = ~c.errors() & ~c.outside
    f = pd.DataFrame({"id": c.ids, "plan": c.plan, "approved": c.money["approved"]})[keep]
    f["approved"] = f["approved"].astype(np.int64)
    by_plan = tally(f, "plan", "approved")
    return {"count": len(f), "people": int(f["id"].nunique()), "approved": yuan(f["approved"].sum()),
            "by_plan": {k: {"count": v["count"], "people": v["people"], "approved": v["amount"]} for k, v in by_plan.items()}}


def check_enrollments(c, roster, year, as_of):
    c.read_common(as_of)
    plan_text = c.col("plan")
    c.plan = plan_text.map(PLAN_OF)
    c.flag("V06", (plan_text != "") & c.plan.isna())
    roster.check(c, np.zeros(c.n, dtype=bool), c.date("start"))
    premium = c.money["premium"]
    standard = c.plan.map(PREMIUMS)
    c.flag("E01", (standard.notna() & premium.notna() & (premium != standard)).fillna(False))
    male = c.ids.notna().to_numpy(bool) & male_of(c.ids.fillna(""))
    c.flag("E02", (c.plan == "两癌").to_numpy(bool) & male)
    clean = ~c.errors() & c.ids.notna().to_numpy(bool) & (plan_text != "").to_numpy(bool)
    dup_frame = pd.DataFrame({"id": c.ids, "plan": c.plan.fillna(plan_text)})[clean]
    e03 = np.zeros(c.n, dtype=bool)
    e03[np.nonzero(clean)[0]] = dup_frame.duplicated(keep="first").to_numpy(bool)
    c.flag("E03", e03)


def enrollment_figures(c):
    keep = ~c.errors()
    f = pd.DataFrame({"id": c.ids, "plan": c.plan, "premium": c.money["premium"]})[keep]
    f["premium"] = f["premium"].astype(np.int64)
    by_plan = tally(f, "plan", "premium")
    return {"count": len(f), "people": int(f["id"].nunique()), "premium": yuan(f["premium"].sum()),
            "by_plan": {k: {"count": v["count"], "people": v["people"], "premium": v["amount"]} for k, v in by_plan.items()}}


# ---------------------------------------------------------------- writing

ROWS_PER_SHEET = 1_000_000


def cell_columns(c):
    """The input columns as Python lists: numbers for read dates (Excel serials) and money (yuan),
    the text as written otherwise ("" for empty cells)."""
    field_of = {name: f for f, name in c.cols.items()}
    out = []
    for name in c.df.columns:
        values = c.df[name].to_numpy(object)
        f = field_of.get(name)
        number = None
        if f in c.dates:
            number = (c.dates[f] - EPOCH).dt.days.to_numpy(float)
        elif f in c.money:
            number = c.money[f].to_numpy(float, na_value=np.nan) / 100
        elif f == "months":
            number = pd.to_numeric(c.df[name], errors="coerce").to_numpy(float)
        if number is not None:
            ok = ~np.isnan(number)
            values = values.copy()
            values[ok] = number[ok].tolist()
        out.append(values.tolist())
    return out


def write_checked(c, path):
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    bold = wb.add_format({"bold": True})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd", "align": "left"})
    money_fmt = wb.add_format({"num_format": "#,##0.00"})
    int_fmt = wb.add_format({"num_format": "0"})
    error_fmt = wb.add_format({"bg_color": "#FFC7CE"})
    warning_fmt = wb.add_format({"bg_color": "#FFEB9C"})
    field_of = {name: f for f, name in c.cols.items()}
    formats = [None, None, int_fmt]
    for name in c.df.columns:
        f = field_of.get(name)
        formats.append(date_fmt if f in c.dates else money_fmt if f in c.money else int_fmt if f == "months" else None)
    titles = ["状态", "问题", "行号"] + list(c.df.columns)
    errors, warnings = c.errors(), c.warnings()
    status = np.where(errors, "错误", np.where(warnings, "警告", "正常")).tolist()
    status_fmt = [error_fmt if e else warning_fmt if w else None for e, w in zip(errors.tolist(), warnings.tolist())]
    codes = c.findings_by_row()
    row_numbers = range(2, c.n + 2)
    sheet_base = os.path.splitext(os.path.basename(c.path))[0]
    ws = None
    for i, values in enumerate(zip(status, codes, row_numbers, *cell_columns(c))):
        r = i % ROWS_PER_SHEET + 1
        if r == 1:
            part = i // ROWS_PER_SHEET
            ws = wb.add_worksheet(sheet_base if part == 0 else f"{sheet_base} ({part + 1})")
            ws.freeze_panes(1, 0)
            ws.write_row(0, 0, titles, bold)
        ws.write_string(r, 0, values[0], status_fmt[i])
        for col in range(1, len(values)):
            v = values[col]
            if v.__class__ is str:
                if v:
                    ws.write_string(r, col, v)
            elif v is not None:
                ws.write_number(r, col, v, formats[col])
    if ws is None:
        ws = wb.add_worksheet(sheet_base)
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

    m = summary.get("members", {})
    p = summary.get("payments", {})
    cl = summary.get("claims", {})
    e = summary.get("enrollments", {})
    overview = [["会员总数", m.get("total", 0)], ["女", m.get("female", 0)], ["男", m.get("male", 0)],
                ["发放笔数", p.get("count", 0)], ["发放金额", float(p.get("amount", "0"))],
                ["报销人次", cl.get("count", 0)], ["报销金额", float(cl.get("approved", "0"))],
                ["参保人数", e.get("count", 0)], ["保费", float(e.get("premium", "0"))],
                ["错误", summary["findings"]["errors"]], ["警告", summary["findings"]["warnings"]]]
    table("概览", ["项目", "数值"], overview)
    table("会员", ["分会", "人数"], [[k, v] for k, v in m.get("by_branch", {}).items()])
    table("帮扶慰问", ["类别", "笔数", "人数", "金额"],
          [[k, v["count"], v["people"], float(v["amount"])] for k, v in p.get("by_category", {}).items()])
    table("按月", ["月份", "笔数", "金额"], [[k, v["count"], float(v["amount"])] for k, v in p.get("by_month", {}).items()])
    table("医疗互助", ["项目", "人次", "人数", "报销金额"],
          [[k, v["count"], v["people"], float(v["approved"])] for k, v in cl.get("by_plan", {}).items()])
    table("参保", ["险种", "人数", "保费"], [[k, v["count"], float(v["premium"])] for k, v in e.get("by_plan", {}).items()])
    # 问题清单: at most 65,000 findings, by file and row.
    rows = []
    for c in checked:
        name = os.path.basename(c.path)
        for rule in RULES:
            mask = c.flags.get(rule)
            if mask is None:
                continue
            for r in np.nonzero(mask)[0][:65000].tolist():
                rows.append((name, r + 2, rule, "警告" if rule in WARNINGS else "错误"))
        if len(rows) > 200000:
            break
    rows.sort()
    table("问题清单", ["文件", "行", "规则", "级别"], [list(r) for r in rows[:65000]])
    wb.close()


# The ledger's chart of accounts (SPEC §2.2).
from ledger_chart import CHART  # noqa: E402
LINE_OF = {a: (line, group) for group, lines in CHART.items() for line, aliases in lines.items() for a in [line] + aliases}
LEDGER_HEADERS = {"date": ["日期", "记账日期", "发生日期"], "account": ["科目", "会计科目", "收支科目", "支出科目", "收入科目"],
                  "income": ["收入", "收入金额"], "expense": ["支出", "支出金额"], "people": ["人数", "人次", "受益人数"]}


def signed_yuan(fen):
    fen = int(fen)
    return ("-" if fen < 0 else "") + yuan(abs(fen))


def ledger_figures(path, year, as_of):
    """The ledger's input line and `funds` (income/expense columns; a refund is a negative amount)."""
    df = read_csv(path)
    cols = {f: next((a for a in aliases if a in df.columns), None) for f, aliases in LEDGER_HEADERS.items()}
    n = len(df)
    empty = pd.Series([""] * n, index=df.index)
    account = df[cols["account"]]
    tail = account.str.extract(r"[-—/：:－／]\s*([^-—/：:－／]*?)\s*$")[0].fillna("")
    known = account.map(LINE_OF).where(account.isin(LINE_OF.keys()), tail.map(LINE_OF))
    line = known.map(lambda v: v[0] if isinstance(v, tuple) else None)
    group = known.map(lambda v: v[1] if isinstance(v, tuple) else None)

    def money(field):
        s = df[cols[field]] if cols[field] else empty
        negative = s.str.startswith("-")
        fen, bad = parse_money(s.str.lstrip("-"))
        return fen.where(~negative, -fen).fillna(0).astype("int64"), bad

    income, bad_i = money("income")
    expense, bad_e = money("expense")
    dates, bad_d = parse_dates(df[cols["date"]])
    is_income = group == "收入"
    ok = line.notna() & ~bad_i & ~bad_e & ~bad_d & dates.notna() & ((income != 0) ^ (expense != 0)) \
        & ((income != 0) == is_income)
    inside = (dates.dt.year == year) & (dates <= as_of)
    rows = df.assign(line=line, group=group, amount=income + expense,
                     people=pd.to_numeric(df[cols["people"]], errors="coerce").fillna(0).astype("int64") if cols["people"] else 0)
    rows = rows[ok & inside]
    by_line = rows.groupby("line", sort=True).agg(group=("group", "first"), count=("amount", "size"), people=("people", "sum"),
                                                 amount=("amount", "sum"))
    by_group = rows.groupby("group", sort=True).agg(count=("amount", "size"), amount=("amount", "sum"))
    income_total = int(rows.loc[rows["group"] == "收入", "amount"].sum())
    expense_total = int(rows.loc[rows["group"] != "收入", "amount"].sum())
    funds = {"income": signed_yuan(income_total), "expense": signed_yuan(expense_total),
             "balance": signed_yuan(income_total - expense_total),
             "by_group": {k: {"count": int(r["count"]), "amount": signed_yuan(r["amount"])} for k, r in by_group.iterrows()},
             "by_line": {k: {"group": r["group"], "count": int(r["count"]),
                             **({"people": int(r["people"])} if cols["people"] else {}), "amount": signed_yuan(r["amount"])}
                         for k, r in by_line.iterrows()}}
    entry = {"file": os.path.basename(path), "dataset": "ledger", "rows": n, "excluded": int((~ok).sum()),
             "outside_year": int((ok & ~inside).sum())}
    return entry, funds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--out", required=True)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--as-of", default=None)
    args = ap.parse_args()
    year = args.year
    as_of = pd.Timestamp(args.as_of or f"{year}-12-31")
    os.makedirs(args.out, exist_ok=True)
    started = time.monotonic()

    datasets = {}
    for ds in ["members", "payments", "claims", "enrollments"]:
        path = os.path.join(args.folder, f"{ds}.csv")
        if os.path.exists(path):
            df = read_csv(path)
            c = Checked(ds, df, columns_of(df, ds))
            c.path = path
            datasets[ds] = c
    log(f"read in {time.monotonic() - started:.2f} s")

    summary = {"schema": "unionbatch.summary/1", "year": year, "as_of": str(as_of.date())}
    if "members" in datasets:
        check_members(datasets["members"], year, as_of)
        roster = Roster(datasets["members"])
    else:
        sys.exit("peer_pandas: members.csv is needed")
    if "payments" in datasets:
        check_payments(datasets["payments"], roster, year, as_of)
    if "claims" in datasets:
        check_claims(datasets["claims"], roster, year, as_of)
    if "enrollments" in datasets:
        check_enrollments(datasets["enrollments"], roster, year, as_of)
    log(f"checked in {time.monotonic() - started:.2f} s")

    summary["inputs"] = [{"file": f"{ds}.csv", "dataset": ds, "rows": c.n, "excluded": int(c.errors().sum()),
                          "outside_year": int((c.outside & ~c.errors()).sum())}
                         for ds, c in sorted(datasets.items(), key=lambda kv: f"{kv[0]}.csv")]
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
    by_rule, errors, warnings = {}, 0, 0
    for c in datasets.values():
        for rule, mask in c.flags.items():
            n = int(mask.sum())
            if n and rule in RULES:
                by_rule[rule] = by_rule.get(rule, 0) + n
            if rule in WARNINGS:
                warnings += n
            else:
                errors += n
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
