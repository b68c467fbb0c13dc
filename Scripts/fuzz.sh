#!/usr/bin/env bash
# Fuzzes the decoder, the CSV reader, the cell parsers and the TOML reader with libFuzzer, one worker.
#   Scripts/fuzz.sh [SECONDS] [HARNESS...]
#     SECONDS   fuzzing time per harness (default 300)
#     HARNESS   import, values or toml (default: all three, in that order)
# Builds unionbatch-fuzz with -sanitize=fuzzer,address into .build-fuzz, seeds each harness from Samples/,
# the test fixtures and the kept regressions, and keeps its working corpus under .fuzz/ (not in git).
# A crash, timeout, out-of-memory or leak stops that harness; its input is copied to
# Tests/UnionFuzzingTests/Regressions/HARNESS/ so the regression tests replay it from then on.
# Exit status: 0 nothing found; 1 something found (see .fuzz/logs/HARNESS.log); 2 bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=300
harnesses=()
for argument in "$@"; do
  case "$argument" in
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    import|values|toml) harnesses+=("$argument") ;;
    *[!0-9]*|'') echo "fuzz: unknown argument $argument (harnesses: import, values, toml)" >&2; exit 2 ;;
    *) seconds="$argument" ;;
  esac
done
[ ${#harnesses[@]} -gt 0 ] || harnesses=(import values toml)

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
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
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
