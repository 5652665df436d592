#!/usr/bin/env bash
# Build the Linux one-folder bundle (dist/nianbao/) and prove it works with --self-check.
# Usage: installer/build_linux.sh [--ocr]
set -euo pipefail
cd "$(dirname "$0")/.."
extras="build"
[ "${1:-}" = "--ocr" ] && extras="build,ocr"
python3 -m venv .venv-build
.venv-build/bin/pip install -q -e ".[${extras}]"
.venv-build/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build installer/nianbao.spec
QT_QPA_PLATFORM=offscreen dist/nianbao/nianbao-cli --self-check
echo "bundle size: $(du -sh dist/nianbao | cut -f1)"
