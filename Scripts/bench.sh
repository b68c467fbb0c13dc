#!/usr/bin/env bash
# Benchmarks unionbatch run/check against a pandas peer, a polars peer and a C floor on generated data.
#   Scripts/bench.sh [SIZE] [--shape wide] [--encoding gb18030] [--runs N] [--tools A,B] [--no-verify] [--no-build]
#     SIZE         1M (default: 1,000,000 members, payments and ledger entries, 500,000 claims, 200,000 enrolments),
#                  100k (a tenth of that) or 10k
#     --shape wide the roster as HR systems export it: 16 columns, every money cell filled
#     --encoding gb18030  every file in GB18030 (what Chinese Windows Excel saves as CSV); unionbatch only,
#                  to compare with the same workload in UTF-8
#     --runs N     runs per tool (default 3); the table gives the median
#     --tools A,B  only these tools (unionbatch-run, unionbatch-check, unionbatch-check-members,
#                  unionbatch-check-members-xlsx, unionbatch-check-members-calc, unionbatch-run-findings, pandas,
#                  polars, floor),
#                  e.g. --tools unionbatch-run,floor
#                  unionbatch-check-members-xlsx: the roster as written by `unionbatch convert` (libxlsxwriter:
#                  inline strings, every cell text as in the CSV); unionbatch-check-members-calc: the roster as
#                  LibreOffice Calc saves it (shared strings, dates as date cells, IDs and phones as text), as a
#                  clerk's Excel or WPS workbook is
#                  unionbatch-run-findings: `run` on the same workload with --problem-rate 0.5, one finding in
#                  about every other roster and payment row (1M: 1,001,275 findings; issue 18: <= 400 MB)
#     --no-verify  report the peers' figures that differ from unionbatch's, but do not fail on them
#     --no-build   use the release binaries already in the build folder (.build-bench, or $BENCH_BUILD_PATH)
# Data is generated once into .bench/data-SIZE and reused; the peers' Python packages go to
# .bench/venv (Scripts/bench/requirements.txt); the table is also written to .bench/results-SIZE.md.
# Remove .bench/data-SIZE to generate the data again (after the generator changed).
# Exit status: 0 done; 1 a tool failed, or a peer's figures differ from unionbatch's (without --no-verify).
set -euo pipefail
cd "$(dirname "$0")/.."

size=1M
shape=standard
encoding=utf-8
runs=3
only_tools=
verify=1
build_it=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --runs=*) runs="${1#--runs=}"; shift ;;
    --no-verify) verify=0; shift ;;
    --no-build) build_it=0; shift ;;
    --shape) shape="${2:?--shape needs standard or wide}"; shift 2 ;;
    --encoding) encoding="${2:?--encoding needs utf-8 or gb18030}"; shift 2 ;;
    --tools) only_tools="${2:?--tools needs a list}"; shift 2 ;;
    --tools=*) only_tools="${1#--tools=}"; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    10k|100k|1M|1m) size="$1"; shift ;;
    *) echo "bench: unknown argument $1 (sizes: 10k, 100k, 1M)" >&2; exit 2 ;;
  esac
done
[ "$size" = 1m ] && size=1M
case "$runs" in ''|*[!0-9]*|0) echo "bench: --runs needs a positive number" >&2; exit 2 ;; esac

case "$shape" in standard|wide) ;; *) echo "bench: --shape is standard or wide" >&2; exit 2 ;; esac
case "$encoding" in utf-8|gb18030) ;; *) echo "bench: --encoding is utf-8 or gb18030" >&2; exit 2 ;; esac
variant=$size
[ "$shape" = wide ] && variant=$variant-wide
[ "$encoding" = gb18030 ] && variant=$variant-gb18030

year=2025
as_of=2025-12-31
bench=.bench
build=${BENCH_BUILD_PATH:-.build-bench}
data=$bench/data-$variant
out=$bench/out-$variant
results=$bench/results-$variant.md
say() { echo "bench: $*" >&2; }

# --- what the bench needs from Debian (GNU time for peak RSS, a C compiler and libxlsxwriter for the floor,
# LibreOffice Calc to save the roster as a clerk's workbook)
packages=(time gcc libc6-dev pkg-config libxlsxwriter-dev zlib1g-dev libisal-dev python3-venv libreoffice-calc-nogui)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
mkdir -p "$bench"

# --- unionbatch and the generator, release builds
if [ "$build_it" -eq 1 ]; then
  say "building unionbatch and unionbatch-gen (release, $build)"
  swift build -c release --scratch-path "$build" --product unionbatch >&2
  swift build -c release --scratch-path "$build" --product unionbatch-gen >&2
fi
bin=$(swift build -c release --scratch-path "$build" --show-bin-path)
for b in unionbatch unionbatch-gen; do
  [ -x "$bin/$b" ] || { say "$bin/$b is missing: build it, or run without --no-build"; exit 1; }
done

# --- the peers' virtual environment, rebuilt when requirements.txt changes
venv=$bench/venv
if [ ! -x "$venv/bin/python" ] || ! cmp -s Scripts/bench/requirements.txt "$venv/requirements.installed"; then
  say "installing the peers' packages into $venv"
  python3 -m venv --clear "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r Scripts/bench/requirements.txt
  cp Scripts/bench/requirements.txt "$venv/requirements.installed"
fi

# --- the floor
if [ ! -x "$bench/floor" ] || [ Scripts/bench/floor.c -nt "$bench/floor" ]; then
  say "compiling the floor"
  # shellcheck disable=SC2046
  cc -O2 -o "$bench/floor" Scripts/bench/floor.c $(pkg-config --cflags --libs xlsxwriter)
fi

# --- the data, generated once (into a temporary folder, so an interrupted run is not reused)
if [ ! -f "$data/members.csv" ]; then
  say "generating the $size workload into $data"
  rm -rf "$data.tmp"
  "$bin/unionbatch-gen" "$data.tmp" --size "$size" --year "$year" --shape "$shape" --encoding "$encoding" \
    --expected "$bench/expected-$variant.json" >&2
  mv "$data.tmp" "$data"
fi
# The many-findings folder: the same counts with a planted problem in about every other roster and payment row.
findings_rate=0.5
if [ "$encoding" = utf-8 ] && [ ! -f "$data-findings/members.csv" ]; then
  say "generating the $size workload with --problem-rate $findings_rate into $data-findings"
  rm -rf "$data-findings.tmp"
  "$bin/unionbatch-gen" "$data-findings.tmp" --size "$size" --year "$year" --shape "$shape" --problem-rate "$findings_rate" >&2
  mv "$data-findings.tmp" "$data-findings"
fi
# members.csv alone, for the roster check's rate.
mkdir -p "$data-members"
ln -f "$data/members.csv" "$data-members/members.csv"
# The same roster as a workbook (libxlsxwriter, through `unionbatch convert`), for reading .xlsx directly.
if [ ! -f "$data-members-xlsx/members.xlsx" ]; then
  say "writing members.xlsx into $data-members-xlsx"
  rm -rf "$data-members-xlsx.tmp"
  "$bin/unionbatch" convert "$data/members.csv" --out "$data-members-xlsx.tmp" >&2
  rm -rf "$data-members-xlsx"
  mv "$data-members-xlsx.tmp" "$data-members-xlsx"
fi

# The same roster as LibreOffice Calc saves it from the CSV (its columns typed as a clerk types them: ID numbers,
# phones and staff numbers as text, dates as dates), as Excel or WPS would: shared strings, date cells.
if [ "$encoding" = utf-8 ] && [ ! -f "$data-members-calc/members.xlsx" ]; then
  say "saving members.xlsx through LibreOffice Calc into $data-members-calc (a few minutes at 1M)"
  rm -rf "$data-members-calc.tmp" && mkdir -p "$data-members-calc.tmp"
  # Calc's CSV filter: comma, double quote, UTF-8, from line 1, then column/type pairs (2 text, 5 Y/M/D date).
  columns=$(python3 -c 'import csv, sys
header = next(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
kinds = {"身份证号": 2, "手机号": 2, "工号": 2, "会员编号": 2, "出生日期": 5, "入会日期": 5, "退会日期": 5}
print("/".join(f"{i + 1}/{kinds[h]}" for i, h in enumerate(header) if h in kinds))' "$data/members.csv")
  calc_home=$(mktemp -d)
  HOME=$calc_home soffice --headless --infilter="CSV:44,34,76,1,$columns" --convert-to xlsx \
    --outdir "$data-members-calc.tmp" "$data/members.csv" > /dev/null 2>&1
  rm -rf "$calc_home"
  [ -f "$data-members-calc.tmp/members.xlsx" ] || { echo "bench: LibreOffice Calc did not save members.xlsx" >&2; exit 1; }
  rm -rf "$data-members-calc"
  mv "$data-members-calc.tmp" "$data-members-calc"
fi

rows_of() { echo $(( $(wc -l < "$1") - 1 )); }
total_rows=0
for f in members payments claims enrollments ledger; do
  [ -f "$data/$f.csv" ] && total_rows=$(( total_rows + $(rows_of "$data/$f.csv") ))
done
member_rows=$(rows_of "$data/members.csv")
say "workload $size: $total_rows input rows ($member_rows members)"

# --- the runs: every tool once per round, so drift on a shared machine spreads over all of them
tools=(unionbatch-run unionbatch-check unionbatch-check-members unionbatch-check-members-xlsx unionbatch-check-members-calc
       unionbatch-run-findings pandas polars floor)
# The peers and the floor read UTF-8; a GB18030 workload measures unionbatch against itself in UTF-8.
[ "$encoding" = gb18030 ] && tools=(unionbatch-run unionbatch-check unionbatch-check-members)
if [ -n "$only_tools" ]; then
  wanted=()
  IFS=, read -r -a asked <<< "$only_tools"
  for t in "${asked[@]}"; do
    [[ " ${tools[*]} " == *" $t "* ]] || { echo "bench: unknown tool $t (tools: ${tools[*]})" >&2; exit 2; }
    wanted+=("$t")
  done
  tools=("${wanted[@]}")
fi
# Sets cmd to the command line of a tool writing into $2.
command_of() {
  local tool=$1 dir=$2
  case "$tool" in
    unionbatch-run) cmd=("$bin/unionbatch" run "$data" --out "$dir" --year "$year" --as-of "$as_of" --quiet) ;;
    unionbatch-check) cmd=("$bin/unionbatch" check "$data" --out "$dir" --year "$year" --as-of "$as_of" --quiet) ;;
    unionbatch-check-members) cmd=("$bin/unionbatch" check "$data-members" --out "$dir" --year "$year" --as-of "$as_of" --quiet) ;;
    unionbatch-check-members-xlsx) cmd=("$bin/unionbatch" check "$data-members-xlsx" --out "$dir" --year "$year" --as-of "$as_of" --quiet) ;;
    unionbatch-check-members-calc) cmd=("$bin/unionbatch" check "$data-members-calc" --out "$dir" --year "$year" --as-of "$as_of" --quiet) ;;
    unionbatch-run-findings) cmd=("$bin/unionbatch" run "$data-findings" --out "$dir" --year "$year" --as-of "$as_of" --quiet) ;;
    pandas) cmd=("$venv/bin/python" Scripts/bench/peer_pandas.py "$data" --out "$dir" --year "$year" --as-of "$as_of") ;;
    polars) cmd=("$venv/bin/python" Scripts/bench/peer_polars.py "$data" --out "$dir" --year "$year" --as-of "$as_of") ;;
    floor) cmd=("$bench/floor" "$data" "$dir") ;;
  esac
}
rm -rf "$out"
mkdir -p "$out/time"
runs_tsv=$out/runs.tsv
: > "$runs_tsv"
failed=0
for run in $(seq 1 "$runs"); do
  for tool in "${tools[@]}"; do
    dir=$out/$tool
    rm -rf "$dir"
    [ "$tool" = floor ] && mkdir -p "$dir"
    timefile=$out/time/$tool-$run.txt
    status=0
    command_of "$tool" "$dir"
    /usr/bin/time -v -o "$timefile" "${cmd[@]}" > "$out/$tool-$run.log" 2>&1 || status=$?
    # unionbatch and the peers exit 1 when the data has errors (the workload plants some).
    if [ "$status" -gt 1 ] || { [ "$tool" = floor ] && [ "$status" -ne 0 ]; }; then
      say "$tool failed (exit $status), see $out/$tool-$run.log"
      tail -5 "$out/$tool-$run.log" >&2
      failed=1
      continue
    fi
    printf '%s\t%s\t%s\t%s\n' "$tool" "$run" "$timefile" "$status" >> "$runs_tsv"
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$timefile")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$timefile")
    say "run $run/$runs $tool: $wall wall, $(( rss / 1024 )) MB peak"
  done
done

# --- the federation: 10,000 generated unit summaries (with member digests) rolled up from their summary.json
# files alone, in a folder of their own (SPEC §6 bounds it at 10 s and 500 MB on two cores)
federation=$bench/federation-10000
if [ ! -f "$federation/u10000/summary.json" ]; then
  rm -rf "$federation.tmp"
  "$bin/unionbatch-gen" "$federation.tmp" --unit-summaries 10000 --key bench-federation-key >&2
  mv "$federation.tmp" "$federation"
fi
federation_abs=$(cd "$federation" && pwd)
rm -rf "$out/federation" && mkdir -p "$out/federation"
status=0
(cd "$out/federation" && /usr/bin/time -v -o ../time/federation.txt "$bin/unionbatch" rollup --from-summaries \
   "$federation_abs"/u*/summary.json --quiet > ../federation.log 2>&1) || status=$?
[ "$status" -gt 1 ] && { say "the federation roll-up failed (exit $status), see $out/federation.log"; failed=1; }
federation_line="Federation roll-up of 10,000 unit summaries (\`rollup --from-summaries\`, U01 by digest): $(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time/federation.txt") wall, $(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time/federation.txt") / 1024 )) MB peak."
say "$federation_line"

# --- giant lines (issue 18): a payments file whose first line is a 100 MB title and a file of one 198 MB
# line, beside a small roster; both are F04, found within the header search's 1 MiB (bound: 10 s, 400 MB)
long_lines=$bench/long-lines
if [ ! -f "$long_lines/长行.csv" ]; then
  rm -rf "$long_lines.tmp" && mkdir -p "$long_lines.tmp"
  head -n 101 "$data/members.csv" > "$long_lines.tmp/会员名册.csv"
  python3 -c 'import sys; d = sys.argv[1]
open(d + "/帮扶慰问发放.csv", "wb").write(b"A" * 100_000_000 + "\n姓名,身份证号,类别,金额,发放日期\n".encode())
open(d + "/长行.csv", "wb").write(b"x" * 198_000_000 + b"\n")' "$long_lines.tmp"
  mv "$long_lines.tmp" "$long_lines"
fi
rm -rf "$out/long-lines"
status=0
/usr/bin/time -v -o "$out/time/long-lines.txt" "$bin/unionbatch" run "$long_lines" --out "$out/long-lines" --year "$year" \
  --as-of "$as_of" --quiet > "$out/long-lines.log" 2>&1 || status=$?
[ "$status" -ne 1 ] && { say "the giant lines' run did not end with 1 (exit $status), see $out/long-lines.log"; failed=1; }
long_lines_line="Giant lines (a 100 MB first line and a 198 MB line beside a roster of 100, both F04): $(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time/long-lines.txt") wall, $(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time/long-lines.txt") / 1024 )) MB peak."
say "$long_lines_line"

# --- the peers' figures against unionbatch's
mismatch=0
verification=()
if [ -f "$out/unionbatch-run/summary.json" ]; then
  for peer in pandas polars; do
    [[ " ${tools[*]} " == *" $peer "* ]] || continue
    [ -f "$out/$peer/summary.json" ] || { say "$peer wrote no summary.json"; mismatch=1; continue; }
    echo "Figures of $peer vs unionbatch run:"
    if python3 Scripts/bench/compare.py "$out/unionbatch-run/summary.json" "$out/$peer/summary.json" \
        --name "$peer" --expected "$bench/expected-$variant.json" | tee "$out/compare-$peer.txt"; then
      verification+=("- $(tail -1 "$out/compare-$peer.txt" | sed 's/^ *//')")
    else
      mismatch=1
      verification+=("- $(tail -1 "$out/compare-$peer.txt" | sed 's/^ *//') (see $out/compare-$peer.txt)")
    fi
  done
else
  say "unionbatch run wrote no summary.json"
  failed=1
fi

# --- the table
notes=()
if [ -f "$out/unionbatch-run-findings/issues.csv" ]; then
  notes+=(--note "unionbatch run (many findings): $(( $(wc -l < "$out/unionbatch-run-findings/issues.csv") - 1 )) findings (lines of issues.csv), from \`unionbatch-gen --size $size --problem-rate $findings_rate\`.")
fi
python3 Scripts/bench/report.py "$runs_tsv" --size "$variant" --rows "$total_rows" --members-rows "$member_rows" --out "$results" "${notes[@]}"
{
  echo
  echo "Figures compared with unionbatch run's summary.json:"
  printf '%s\n' "${verification[@]}"
  echo
  echo "$federation_line"
  echo
  echo "$long_lines_line"
  echo
  echo "Commands: \`unionbatch run|check DIR --year $year --as-of $as_of --quiet\`; peers \`Scripts/bench/peer_*.py\`; floor \`Scripts/bench/floor.c\`."
  echo
  echo "Versions: $(swift --version 2>&1 | head -1); unionbatch at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo ' with uncommitted changes');" \
    "$("$venv/bin/python" -c 'import sys, numpy, pandas, polars, pyarrow, xlsxwriter; print(f"Python {sys.version.split()[0]}, numpy {numpy.__version__}, pandas {pandas.__version__}, pyarrow {pyarrow.__version__}, polars {polars.__version__}, XlsxWriter {xlsxwriter.__version__}")');" \
    "libxlsxwriter $(dpkg-query -W -f='${Version}' libxlsxwriter-dev 2>/dev/null || pkg-config --modversion xlsxwriter); $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(date -u +%Y-%m-%d)."
} >> "$results"
say "results written to $results"

if [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$mismatch" -ne 0 ]; then
  if [ "$verify" -eq 1 ]; then
    say "a peer's figures differ from unionbatch's (MISMATCH above); --no-verify to report only"
    exit 1
  fi
  say "a peer's figures differ from unionbatch's (MISMATCH above), not verified (--no-verify)"
fi
exit 0
