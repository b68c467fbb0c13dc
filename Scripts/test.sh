#!/usr/bin/env bash
# Sets up (Debian packages, LibreOffice for the Calc checks) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh --no-build
command -v soffice >/dev/null || { echo "test: soffice (LibreOffice) is required for the Calc checks" >&2; exit 1; }
swift build --build-tests
swift test --skip-build --disable-swift-testing "$@"
