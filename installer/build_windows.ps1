# Build the Windows one-folder bundle and the per-user installer.
# Needs Python 3.11 (py launcher) and Inno Setup 6 (iscc.exe on PATH or in its default folder).
# Usage: powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1 [-NoOcr]
# The auditor's build includes OCR for scanned reports; -NoOcr leaves it out (a smaller bundle
# whose scans open with empty tables). The self-check reads the scanned demo when OCR is in.
param([switch]$NoOcr)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
$extras = if ($NoOcr) { "build" } else { "build,ocr" }
$venv = if ($NoOcr) { ".venv-build" } else { ".venv-build-ocr" }
py -3.11 -m venv $venv
& "$venv\Scripts\pip" install -q -e ".[$extras]"
& "$venv\Scripts\pyinstaller" --noconfirm --clean --distpath dist --workpath build installer\nianbao.spec
.\dist\nianbao\nianbao-cli.exe --self-check
if ($LASTEXITCODE -ne 0) { throw "self-check failed" }
$size = (Get-ChildItem -Recurse dist\nianbao | Measure-Object -Sum Length).Sum / 1MB
Write-Host ("bundle size: {0:N0} MB" -f $size)
$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" } else { $iscc = $iscc.Source }
& $iscc installer\nianbao.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "installer written to dist\nianbao-setup-<version>.exe"
