# Sourced by installer/build_windows_wine.sh and installer/wine/prove.sh: where things are, and how
# a Windows program is run under Wine. Both take [--no-ocr] as their first argument.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${NIANBAO_WINE_CACHE:-$HOME/.cache/nianbao-wine}
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml")
OCR=1 SUFFIX=""
if [ "${1:-}" = "--no-ocr" ]; then OCR=0 SUFFIX="-no-ocr"; fi

LOGS="$ROOT/build/windows$SUFFIX"                          # logs and PyInstaller's work folder
DIST="$ROOT/dist/windows$SUFFIX"                           # the one-folder bundle: $DIST/nianbao
SETUP="$ROOT/dist/nianbao-setup-$VERSION$SUFFIX.exe"
PYDIR="python311$SUFFIX"                                   # C:\python311 (OCR), C:\python311-no-ocr
mkdir -p "$CACHE/downloads" "$LOGS"

export WINEPREFIX="$CACHE/prefix" WINEARCH=win64 WINEDEBUG=-all LC_ALL=C.UTF-8
# No crash debugger (it otherwise hangs for minutes), no Mono or Gecko prompts; the test-only
# stand-ins in the prefix's system32 are native DLLs that Wine must load.
# ucrtbase falls back to the builtin for 32-bit programs (ISCC, setup.exe), which have no stand-in.
export WINEDLLOVERRIDES="winedbg.exe=d;mscoree,mshtml=;icuuc,bcryptprimitives=n;ucrtbase=n,b"
unset DISPLAY WAYLAND_DISPLAY        # Wine's null display driver (set in the prefix); Qt draws off screen
unset PIP_FIND_LINKS PIP_CONSTRAINT  # Linux pip settings, meaningless to Windows pip

# Test-only DLLs in the prefix (build_windows_wine.sh makes them): never in a bundle or an install.
SYS32="$WINEPREFIX/drive_c/windows/system32"
STANDINS=("$SYS32"/{icuuc,bcryptprimitives,ucrtbase,ucrtwine}.dll)

say() { printf '\n== %s\n' "$*"; }
fail() { printf '失败 / FAILED: %s\n' "$*" >&2; exit 1; }
winpath() { local p=${1//\//\\}; printf 'Z:%s' "$p"; }  # Wine maps Z: to /

# Run a Windows program, its output both shown and logged in $LOGS/$1. Windows Python under Wine
# dies when a standard stream is a regular file, so stdin is /dev/null and the output is piped.
win() {
    local log=$1 rc
    shift
    wine "$@" </dev/null 2>&1 | tee -a "$LOGS/$log" && rc=0 || rc=${PIPESTATUS[0]}
    return "$rc"
}

# Fails when a file of the folder is one of the stand-ins (by name or by content).
no_standins_in() {
    local names sums found
    names=$(find "$1" -iname icuuc.dll -o -iname bcryptprimitives.dll -o -iname ucrtwine.dll)
    sums=$(sha256sum "${STANDINS[@]}" | cut -d' ' -f1)
    found=$(find "$1" -iname '*.dll' -exec sha256sum {} + | grep -F "$sums" || true)
    [ -z "$names$found" ] || fail "Wine's test-only stand-in DLLs are in $1: $names $found"
}
