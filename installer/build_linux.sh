#!/usr/bin/env bash
# Build the Linux one-folder bundle (dist/nianbao/) and prove it works with --self-check.
# Usage: installer/build_linux.sh [--ocr]     (needs python3 and a C compiler: installer/icu_trim.py)
#   --ocr   include OCR for scanned reports (RapidOCR, onnxruntime, OpenCV); the self-check then
#           also reads the scanned demo report by OCR, which proves the trimmed bundle reads scans.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="build" venv=".venv-build"
if [ "${1:-}" = "--ocr" ]; then extras="build,ocr" venv=".venv-build-ocr"; fi
python3 -m venv "$venv"
"$venv/bin/pip" install -q -e ".[${extras}]"
"$venv/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath build installer/nianbao.spec

# Strip symbol tables (a third of libpython's size), but not from numpy.libs: stripping numpy's
# OpenBLAS and gfortran breaks their load commands. The other wheels' *.libs strip cleanly (4 MB),
# and the self-check below fails if one the app loads does not. The programs themselves carry
# their archive after the ELF and are never stripped.
find dist/nianbao/_internal -type f -name '*.so*' ! -path '*/numpy.libs/*' -exec strip --strip-unneeded {} +

QT_QPA_PLATFORM=offscreen dist/nianbao/nianbao-cli --self-check
echo "bundle size: $(du -sh dist/nianbao | cut -f1) ($(tar -czf - -C dist nianbao | wc -c | awk '{printf "%.0f MB", $1 / 1048576}') as .tar.gz)"
