#!/usr/bin/env bash
# Regenerates Samples/county: 青阳县总工会, a county of two township federations, deterministically.
#   Scripts/make-county.sh            (builds unionbatch-gen first, unless UNIONBATCH_GEN names one)
# 青石镇 is Samples/township as it is; 白沙镇's three unions are unionbatch-gen folders (seeds 21–23, no
# planted problems) with one more roster row in 振华电子: 白宁 of 青石镇中心小学, who joined there in 2025,
# so the county's roll-up reports him as U01 (in two townships' unions).
set -euo pipefail
cd "$(dirname "$0")/.."
gen=${UNIONBATCH_GEN:-}
if [ -z "$gen" ]; then
  swift build --product unionbatch-gen >&2
  gen=$(swift build --show-bin-path)/unionbatch-gen
fi
county=Samples/county
rm -rf "$county"
mkdir -p "$county/白沙镇"
cp -R Samples/township "$county/青石镇"
find "$county/青石镇" -name unionbatch-out -prune -exec rm -rf {} +
cat > "$county/unionbatch.toml" <<'TOML'
# unionbatch.toml — 青阳县总工会：各乡镇联合工会在子文件夹中，用 unionbatch rollup 汇总
# the county federation 青阳县总工会: each township federation is a sub-folder; run unionbatch rollup
unit = "青阳县总工会"
unit_type = "联合"
year = 2025
TOML
cat > "$county/白沙镇/unionbatch.toml" <<'TOML'
# unionbatch.toml — 白沙镇联合工会（青阳县总工会下属乡镇联合工会）
# the township federation 白沙镇联合工会, under 青阳县总工会
unit = "白沙镇联合工会"
unit_type = "联合"
year = 2025
TOML
unit() { # folder seed unit type members payments claims enrollments
  "$gen" "$county/白沙镇/$1" --seed "$2" --members "$5" --payments "$6" --claims "$7" --enrollments "$8" --problem-rate 0 >/dev/null
  printf '# unionbatch.toml — %s（白沙镇联合工会下属基层工会）\nunit = "%s"\nunit_type = "%s"\nyear = 2025\n' "$3" "$3" "$4" \
    > "$county/白沙镇/$1/unionbatch.toml"
}
unit 白沙社区 21 白沙镇白沙社区工会 社区 24 30 0 8
unit 白沙中学 22 白沙镇中学工会 事业 38 50 10 15
unit 振华电子 23 白沙镇振华电子有限公司工会 非公企业 60 80 12 20
# 白宁 (青石镇中心小学工会, 教职工会员名册.csv row 12) also joined 振华电子's union in 2025.
branch=$(sed -n '2p' "$county/白沙镇/振华电子/members.csv" | cut -d, -f6)
printf '白宁,男,330783197605219273,1976/5/21,100999,%s,2025/3/1,,在册,在岗,13798334091,,,,否\r\n' "$branch" \
  >> "$county/白沙镇/振华电子/members.csv"
echo "wrote $county" >&2
