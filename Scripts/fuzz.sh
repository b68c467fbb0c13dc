#!/usr/bin/env bash
# Fuzzes the decoder, the CSV reader, the cell parsers, the TOML reader, the header search, file-name
# decoding and the worksheet reader (libxml2, one parser and two on pieces) with libFuzzer, one worker.
#   Scripts/fuzz.sh [SECONDS] [HARNESS...]
#     SECONDS   fuzzing time per harness (default 300)
#     HARNESS   import, values, toml, header, filename or worksheet (default: all six, in that order)
# Builds unionbatch-fuzz with -sanitize=fuzzer,address into .build-fuzz, seeds each harness from Samples/,
# the test fixtures and the kept regressions, and keeps its working corpus under .fuzz/ (not in git).
# A crash, timeout, out-of-memory or leak stops that harness; its input is copied to
# Tests/UnionFuzzingTests/Regressions/HARNESS/ so the regression tests replay it from then on.
# FUZZ_TIMEOUT (seconds, default 10) is the wall time one input may take before it counts as a hang:
# on a shared machine at low priority the header harness's 1 MiB files need more under ASan.
# Exit status: 0 nothing found; 1 something found (see .fuzz/logs/HARNESS.log); 2 bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=300
harnesses=()
for argument in "$@"; do
  case "$argument" in
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    import|values|toml|header|filename|worksheet) harnesses+=("$argument") ;;
    *[!0-9]*|'') echo "fuzz: unknown argument $argument (harnesses: import, values, toml, header, filename, worksheet)" >&2; exit 2 ;;
    *) seconds="$argument" ;;
  esac
done
[ ${#harnesses[@]} -gt 0 ] || harnesses=(import values toml header filename worksheet)

# SwiftPM links its executables with a `main` of their own; gold trips over libFuzzer's, lld does not.
swift build -c release --scratch-path .build-fuzz --product unionbatch-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
binary=.build-fuzz/release/unionbatch-fuzz
export ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-$(dirname "$(command -v swift)")/llvm-symbolizer}"

# Seeds: whole files for import, single cells for values, config files for toml; plus the regressions.
seed() {
  local harness="$1" folder=".fuzz/seeds/$1"
  rm -rf "$folder"
  mkdir -p "$folder"
  case "$harness" in
    import)
      find Samples Tests/UnionImportTests/Fixtures -type f \( -name '*.csv' -o -name '*.txt' -o -name '*.tsv' \) \
        -size -64k -exec cp -t "$folder" --backup=numbered {} + ;;
    values)
      # Every distinct cell of the UTF-8 samples (at most 2,000), one file each.
      find Samples -type f -name '*.csv' -exec sh -c 'iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 && cat "$1"' _ {} \; \
        | tr ',\t' '\n\n' | tr -d '\r"' | sort -u | sed -n '1,2000p' \
        | while IFS= read -r cell; do
            printf '%s' "$cell" >"$folder/$(printf '%s' "$cell" | sha1sum | cut -c1-16)"
          done ;;
    toml)
      find Samples -type f -name '*.toml' | while IFS= read -r file; do
        cp "$file" "$folder/$(sha1sum <"$file" | cut -c1-16).toml"
      done ;;
    header)
      # Built files (first byte below 0x80): each dataset, with and without title rows, two-row headers
      # and padding to either side of the 1 MiB bound; and the sample files as they are (after a 0xFF).
      for d in 0 1 2 3 4; do
        for shape in '\x00\x00\x00\x00' '\x03\x00\x01\x08' '\x02\x41\x00\x05' '\x0b\x7d\x03\x02' '\x01\x01\x00\x00'; do
          printf "\\x0$d$shape"'2025年工会会员名册\xff\x01\x02\x03\xff张三' >"$folder/built-$d-$(printf '%s' "$shape" | tr -d '\\')"
        done
      done
      find Samples -type f -name '*.csv' -size -16k | while IFS= read -r file; do
        { printf '\xff'; cat "$file"; } >"$folder/raw-$(sha1sum <"$file" | cut -c1-16)"
      done ;;
    filename)
      printf '会员名册.csv' >"$folder/utf8"
      printf '\xbb\xe1\xd4\xb1\xc3\xfb\xb2\xe1.csv' >"$folder/gbk"
      printf '\xff\x41\x1b[2J.csv' >"$folder/escaped"
      printf '\x81\x30\x81\x30\xd5\xc5.csv' >"$folder/gb18030-four" ;;
    worksheet)
      # The kept parts (below) are the seeds: sheets and shared strings of every shape the reader knows.
      : ;;
  esac
  if [ -d "Tests/UnionFuzzingTests/Regressions/$harness" ]; then
    find "Tests/UnionFuzzingTests/Regressions/$harness" -type f -exec cp -t "$folder" --backup=numbered {} +
  fi
}

found=0
for harness in "${harnesses[@]}"; do
  seed "$harness"
  mkdir -p ".fuzz/corpus/$harness" ".fuzz/artifacts/$harness" .fuzz/logs
  log=".fuzz/logs/$harness.log"
  echo "fuzz: $harness for ${seconds}s (log: $log)"
  status=0
  # libFuzzer's own crash handler reports Swift traps (SIGILL) and writes the input; Swift's backtracer would race it.
  SWIFT_BACKTRACE=enable=no UNIONBATCH_FUZZ_HARNESS="$harness" "$binary" \
    -max_total_time="$seconds" -max_len=65536 -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="Scripts/fuzz/$harness.dict" -artifact_prefix=".fuzz/artifacts/$harness/" \
    ".fuzz/corpus/$harness" ".fuzz/seeds/$harness" >"$log" 2>&1 || status=$?
  grep -E '^#[0-9]+ +DONE|^stat::number_of_executed_units|^stat::peak_rss_mb' "$log" | sed 's/^/  /' || true
  # Artifacts are named crash-, timeout-, oom-, leak- or slow-unit- plus the input's SHA-1.
  for artifact in ".fuzz/artifacts/$harness"/*; do
    [ -f "$artifact" ] || continue
    mkdir -p "Tests/UnionFuzzingTests/Regressions/$harness"
    case "$(basename "$artifact")" in
      crash-*)
        # Keep the smallest input that still crashes the same way, as the regression.
        SWIFT_BACKTRACE=enable=no UNIONBATCH_FUZZ_HARNESS="$harness" "$binary" -minimize_crash=1 -max_total_time=60 \
          -exact_artifact_path="$artifact.min" "$artifact" >>"$log" 2>&1 || true
        [ -s "$artifact.min" ] && mv "$artifact.min" "$artifact" ;;
    esac
    cp "$artifact" "Tests/UnionFuzzingTests/Regressions/$harness/"
    echo "fuzz: $harness found $(basename "$artifact"), kept in Tests/UnionFuzzingTests/Regressions/$harness/"
    rm "$artifact"
    found=1
  done
  if [ "$status" -ne 0 ] && [ "$found" -eq 0 ]; then
    echo "fuzz: $harness stopped with status $status and left no input: see $log" >&2
    found=1
  fi
done
exit "$found"
