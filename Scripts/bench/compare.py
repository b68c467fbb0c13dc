#!/usr/bin/env python3
# Compares a bench peer's summary.json with unionbatch's, figure by figure, for the figures both compute.
"""usage: compare.py UNIONBATCH_SUMMARY PEER_SUMMARY [--name NAME] [--expected GENERATOR_EXPECTED] [--quiet]

Prints `OK` or `MISMATCH` per figure (the peer's value, then unionbatch's). Money is compared as exact
decimals. Inputs are compared for the files the peer read, and `funds` when the peer computes it.
Findings are compared for the rule codes the peer lists in findings.rules_checked (a code
absent from a by_rule map counts 0). With --expected (unionbatch-gen --expected), a mismatch line also
shows the generator's figure, to tell whose figure is off. Exit status 1 when any figure differs.
"""
import argparse
import json
import sys
from decimal import Decimal


def figures(summary):
    """Flattened {path: value} of the shared figures."""
    out = {}
    for i in summary.get("inputs", []):
        for k in ("rows", "excluded", "outside_year"):
            if k in i:
                out[f"inputs.{i['file']}.{k}"] = i[k]
    m = summary.get("members")
    if m is not None:
        for k in ("total", "female", "male", "joined_in_year", "left_in_year", "dues_paid"):
            out[f"members.{k}"] = m.get(k)
        for group in ("by_status", "by_branch"):
            for key, n in m.get(group, {}).items():
                out[f"members.{group}.{key}"] = n
    p = summary.get("payments")
    if p is not None:
        for k in ("count", "people", "amount", "union_spending"):
            out[f"payments.{k}"] = p.get(k)
        for group in ("by_category", "by_group", "by_month"):
            for key, t in p.get(group, {}).items():
                for k in ("count", "people", "amount"):
                    if k in t:
                        out[f"payments.{group}.{key}.{k}"] = t[k]
    c = summary.get("claims")
    if c is not None:
        for k in ("count", "people", "approved"):
            out[f"claims.{k}"] = c.get(k)
        for key, t in c.get("by_plan", {}).items():
            for k in ("count", "people", "approved"):
                out[f"claims.by_plan.{key}.{k}"] = t[k]
    e = summary.get("enrollments")
    if e is not None:
        for k in ("count", "people", "premium"):
            out[f"enrollments.{k}"] = e.get(k)
        for key, t in e.get("by_plan", {}).items():
            for k in ("count", "people", "premium"):
                out[f"enrollments.by_plan.{key}.{k}"] = t[k]
    f = summary.get("funds")
    if f is not None:
        for k in ("income", "expense", "balance"):
            out[f"funds.{k}"] = f.get(k)
        for key, t in f.get("by_group", {}).items():
            for k in ("count", "amount"):
                out[f"funds.by_group.{key}.{k}"] = t.get(k)
        for key, t in f.get("by_line", {}).items():
            for k in ("count", "people", "amount"):
                if k in t:
                    out[f"funds.by_line.{key}.{k}"] = t[k]
    return out


def value(v):
    """Numbers and money text as exact decimals; absent as 0 (a by_* key with no rows is left out)."""
    if v is None:
        return Decimal(0)
    return Decimal(str(v))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("unionbatch")
    ap.add_argument("peer")
    ap.add_argument("--name", default="peer")
    ap.add_argument("--expected")
    ap.add_argument("--quiet", action="store_true", help="print mismatches and the count only")
    args = ap.parse_args()
    with open(args.unionbatch, encoding="utf-8") as f:
        ub = json.load(f)
    with open(args.peer, encoding="utf-8") as f:
        peer = json.load(f)
    expected = None
    if args.expected:
        with open(args.expected, encoding="utf-8") as f:
            expected = figures(json.load(f))
            exp_raw = json.load(open(args.expected, encoding="utf-8"))
            for rule, n in exp_raw.get("findings", {}).get("by_rule", {}).items():
                expected[f"findings.by_rule.{rule}"] = n

    ub_fig, peer_fig = figures(ub), figures(peer)
    # Sections the peer does not compute at all are not compared; within a section every key of either side is.
    sections = {k.split(".")[0] for k in peer_fig}
    keys = sorted({k for k in ub_fig if k.split(".")[0] in sections} | set(peer_fig))
    # A file the peer does not read (ledger.csv, for a peer without funds) is not compared either.
    read = {i["file"] for i in peer.get("inputs", [])}
    keys = [k for k in keys if not k.startswith("inputs.") or k[len("inputs."):].rsplit(".", 1)[0] in read]
    for rule in peer.get("findings", {}).get("rules_checked", []):
        key = f"findings.by_rule.{rule}"
        keys.append(key)
        ub_fig[key] = ub.get("findings", {}).get("by_rule", {}).get(rule, 0)
        peer_fig[key] = peer.get("findings", {}).get("by_rule", {}).get(rule, 0)

    bad = 0
    for k in keys:
        a, b = peer_fig.get(k), ub_fig.get(k)
        same = value(a) == value(b)
        if not same:
            bad += 1
        if same and args.quiet:
            continue
        line = f"  {'OK' if same else 'MISMATCH':8} {args.name}: {k} = {a if a is not None else 0}"
        if not same:
            line += f"  (unionbatch {b if b is not None else 0}"
            if expected is not None and k in expected:
                line += f", generator's expected {expected[k]}"
            line += ")"
        print(line)
    print(f"  {args.name} vs unionbatch: {len(keys) - bad} of {len(keys)} figures equal" + (f", {bad} MISMATCH" if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
