#!/usr/bin/env bash
# Installs what unionbatch needs from Debian (when missing) and builds it.
#   Scripts/setup.sh            install + release build (.build/release/unionbatch)
#   Scripts/setup.sh --no-build install only
set -euo pipefail
cd "$(dirname "$0")/.."

# time: GNU time, which LongLineTests runs the binary under for its peak memory.
packages=(libxlsxwriter-dev zlib1g-dev libisal-dev libssl-dev libexpat1-dev libxml2-dev libfreexl-dev pkg-config libreoffice-calc-nogui poppler-utils fonts-noto-cjk time)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "${1:-}" != "--no-build" ]; then
  swift build -c release --product unionbatch
  echo "setup: built $(pwd)/.build/release/unionbatch" >&2
fi
