#!/usr/bin/env python3
# Turns the bench's per-run measurements into the results table (stdout and a Markdown file).
"""usage: report.py RUNS_TSV --size SIZE --rows N --members-rows N --out RESULTS_MD [--note TEXT]...

RUNS_TSV lines: tool, run number, `/usr/bin/time -v` output file, exit status. The table gives per tool
the median wall seconds, the highest peak RSS over the runs in MB, rows/s (input rows / median wall) and
the median CPU seconds (user + system);
then the ratios of `unionbatch run` to each peer and to the floor.
"""
import argparse
import re
import statistics
import sys

TOOLS = [
    ("unionbatch-run", "unionbatch run"),
    ("unionbatch-check", "unionbatch check"),
    ("unionbatch-check-members", "unionbatch check (members.csv alone)"),
    ("unionbatch-check-members-xlsx", "unionbatch check (members.xlsx alone)"),
    ("unionbatch-check-members-calc", "unionbatch check (members.xlsx saved by Calc)"),
    ("unionbatch-run-findings", "unionbatch run (many findings)"),
    ("pandas", "pandas + XlsxWriter"),
    ("polars", "polars + xlsxwriter"),
    ("floor", "floor (C, libxlsxwriter, no checks)"),
]


def measure(path):
    """(wall seconds, peak RSS in kB, CPU seconds) from a `/usr/bin/time -v` report."""
    text = open(path, encoding="utf-8", errors="replace").read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): (\S+)", text).group(1)) for kind in ("User", "System"))
    return seconds, rss, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("runs")
    ap.add_argument("--size", required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--members-rows", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--note", action="append", default=[])
    args = ap.parse_args()

    samples = {}
    for line in open(args.runs, encoding="utf-8"):
        tool, _run, timefile, _status = line.rstrip("\n").split("\t")
        samples.setdefault(tool, []).append(measure(timefile))

    rows = []
    stats = {}
    for tool, label in TOOLS:
        if tool not in samples:
            continue
        walls = [w for w, _, _ in samples[tool]]
        wall = statistics.median(walls)
        cpu = statistics.median(c for _, _, c in samples[tool])
        rss_mb = max(r for _, r, _ in samples[tool]) / 1024
        n = args.members_rows if tool.startswith("unionbatch-check-members") else args.rows
        stats[tool] = (wall, rss_mb, n / wall if wall > 0 else float("inf"), cpu)
        rows.append((label, f"{wall:.2f}", f"{rss_mb:.0f}", f"{stats[tool][2]:,.0f}", f"{cpu:.2f}", str(len(walls))))

    # CPU seconds (user + system) are steadier than wall time on a machine shared with other work.
    header = ("tool", "median wall s", "peak RSS MB", "rows/s", "median CPU s", "runs")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    lines = []
    lines.append("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    lines.append("|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|")
    for r in rows:
        lines.append("| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) + " |")

    ratios = []
    if "unionbatch-run" in stats:
        ub_wall, ub_rss, _, ub_cpu = stats["unionbatch-run"]
        for tool, name in (("pandas", "pandas"), ("polars", "polars"), ("floor", "floor")):
            if tool in stats:
                wall, rss, _, cpu = stats[tool]
                ratios.append(f"unionbatch run / {name} = {ub_wall / wall:.2f} (wall), {ub_cpu / cpu:.2f} (CPU),"
                              f" {ub_rss / rss:.2f} (peak RSS)")
    if "unionbatch-check-members" in stats:
        ratios.append(f"check rows/s on members = {stats['unionbatch-check-members'][2]:,.0f}"
                      f" ({args.members_rows:,} rows of members.csv alone)")
    if "unionbatch-check-members-xlsx" in stats:
        ratios.append(f"check rows/s on members as .xlsx = {stats['unionbatch-check-members-xlsx'][2]:,.0f}"
                      f" (the same rows in members.xlsx, written by `unionbatch convert`)")
    if "unionbatch-check-members-calc" in stats:
        ratios.append(f"check rows/s on members as saved by LibreOffice Calc = {stats['unionbatch-check-members-calc'][2]:,.0f}"
                      f" (the same rows, shared strings and date cells, as Excel or WPS save them)")

    print()
    print(f"Workload {args.size}: {args.rows:,} input rows; median of the runs.")
    print("\n".join(lines))
    print()
    print("\n".join(ratios))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(f"# unionbatch bench, workload {args.size}\n\n")
        f.write(f"{args.rows:,} input rows. Median wall time over the runs; peak RSS is the highest over the runs"
                " (`/usr/bin/time -v`); rows/s is input rows / median wall; CPU s is user + system time, steadier"
                " than wall time when other work shares the machine.\n\n")
        f.write("\n".join(lines) + "\n\n")
        f.write("\n".join(f"- {r}" for r in ratios) + "\n")
        if args.note:
            f.write("\n" + "\n".join(args.note) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
