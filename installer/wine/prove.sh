#!/usr/bin/env bash
# Prove dist/nianbao-setup-<version>.exe under Wine, as an auditor's laptop would use it: silent
# install into a folder with Chinese characters and spaces, the installed nianbao.exe --self-check
# (the windowed program: its result file and exit code), nianbao-cli.exe extract --json on each
# demo report equal to the Linux build's output, and an uninstall that leaves nothing behind but
# the auditor's data folder.
# Usage: installer/wine/prove.sh [--no-ocr]      (run by installer/build_windows_wine.sh)
source "$(dirname "$0")/common.sh"
[ -f "$SETUP" ] || fail "$SETUP 不存在，请先运行 installer/build_windows_wine.sh / run the build first"

APP_WIN='C:\年报 审校\Nianbao Review'
APP="$WINEPREFIX/drive_c/年报 审校/Nianbao Review"
DATA="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Roaming/NianbaoReview"  # %APPDATA%\NianbaoReview
MENU="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/年报审校 Nianbao Review"
APP_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{6F0E6D0B-5C1E-4C59-9B1B-3E2A9C7D4A10}_is1'

install() {
    say "安装 / install: $APP_WIN"
    if [ -f "$APP/unins000.exe" ]; then  # an earlier run stopped before its uninstall
        win uninstall.log "$APP/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART || true
        wineserver -w
    fi
    rm -rf "$APP" "$MENU"
    # Per user and in Chinese, as on an auditor's laptop: the shortcuts carry the names from
    # ChineseSimplified.isl. (Wine's user is an administrator: "without admin rights" is not proven.)
    win install.log "$SETUP" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER /LANG=chinesesimplified \
        "/DIR=$APP_WIN" "/LOG=$(winpath "$LOGS/setup.log")" || fail "setup exited with $?"
    wineserver -w
    [ -f "$APP/nianbao.exe" ] && [ -f "$APP/nianbao-cli.exe" ] || fail "nianbao.exe not installed in $APP_WIN"
    no_standins_in "$APP"
    wine reg query "$APP_KEY" /reg:64 </dev/null >/dev/null 2>&1 || fail "no uninstall entry in the registry"
    [ -f "$MENU/年报审校（示例报告）.lnk" ] && [ -f "$MENU/卸载 年报审校 Nianbao Review.lnk" ] ||
        fail "the Start-menu shortcuts are missing or not in Chinese: $(ls "$MENU" 2>&1)"
    echo "installed: $(du -sm "$APP" | cut -f1) MB, $(find "$APP" -type f | wc -l) files"
}

self_check() {
    say "自检 / nianbao.exe --self-check (the windowed program: no console, a result file)"
    rm -f "$DATA/self-check.txt"
    local started rc
    started=$EPOCHREALTIME
    # Off screen under Wine Qt finds no font: the window is drawn with Debian's Noto Sans CJK.
    NIANBAO_SELFCHECK_FONT=$(winpath /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc) \
        win self-check.log "$APP/nianbao.exe" --self-check && rc=0 || rc=$?
    awk -v rc="$rc" -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "exit code %s after %.1f s under Wine\n", rc, b - a }'
    [ -f "$DATA/self-check.txt" ] || fail "the self-check wrote no result file in %APPDATA%\\NianbaoReview"
    cat "$DATA/self-check.txt"
    [ "$rc" = 0 ] && grep -q "自检通过" "$DATA/self-check.txt" || fail "the self-check failed (exit code $rc)"
    grep -q "字体 Noto Sans CJK" "$DATA/self-check.txt" || fail "the window was not drawn with the CJK font"
    if [ "$OCR" = 1 ]; then
        grep -q "200/200 个单元格与原件一致" "$DATA/self-check.txt" || fail "OCR of the scanned demo differs"
    fi
}

same_extraction() {
    say "extract --json: Windows (installed, under Wine) vs Linux build"
    # The Linux build of the same source (installer/build_linux.sh), made here when it is missing.
    local cli="$ROOT/dist/nianbao/nianbao-cli"
    [ -x "$cli" ] || "$ROOT/installer/build_linux.sh" --ocr
    # Each demo report; without OCR the scan opens empty, so only the others are compared.
    local linux=() windows=() file name
    for file in "$ROOT"/resources/demo/*; do
        name=$(basename "$file")
        [ "$OCR" = 0 ] && [[ $name == *扫描件* ]] && continue
        linux+=("$file")
        windows+=("$APP_WIN\\_internal\\resources\\demo\\$name")  # Chinese characters and spaces
    done
    "$cli" extract --json "${linux[@]}" >"$LOGS/extract-linux.jsonl" || [ $? = 2 ]
    : >"$LOGS/extract-windows.jsonl"
    win extract-windows.jsonl "$APP/nianbao-cli.exe" extract --json "${windows[@]}" >/dev/null || [ $? = 2 ] ||
        fail "nianbao-cli.exe extract failed"
    python3 "$ROOT/installer/wine/same_extraction.py" "$LOGS/extract-linux.jsonl" "$LOGS/extract-windows.jsonl" ||
        fail "the Windows build extracts differently from the Linux build"
}

uninstall() {
    say "卸载 / uninstall"
    win uninstall.log "$APP/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART || fail "uninstall exited with $?"
    wineserver -w  # the uninstaller runs a copy of itself from %TEMP% and returns at once
    [ ! -e "$APP" ] || fail "left behind: $(find "$APP" | head -5)"
    ! wine reg query "$APP_KEY" /reg:64 </dev/null >/dev/null 2>&1 || fail "the uninstall entry is still in the registry"
    [ ! -e "$MENU" ] || fail "shortcuts left behind: $(ls "$MENU")"
    [ -f "$DATA/self-check.txt" ] || fail "the uninstall removed the auditor's data folder"
    echo "removed $APP_WIN, its shortcuts and its registry entry; %APPDATA%\\NianbaoReview kept"
}

install
self_check
same_extraction
uninstall
say "Windows installer proven under Wine: $SETUP ($(du -m "$SETUP" | cut -f1) MB)"
