# Builds PharmaDesk-Setup-<version>.exe on a Windows PC with Python 3.10+ and Inno Setup 6:
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# 1. a virtual environment with PharmaDesk and PyInstaller (the [bundle] extra),
# 2. the one-folder bundle dist\pharmadesk\ (installer\pharmadesk.spec),
# 3. the version from pharmadesk\__init__.py, handed to ISCC as /DAppVersion.
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root

if (-not (Test-Path ".venv\Scripts\python.exe")) { py -3 -m venv .venv }
$python = ".venv\Scripts\python.exe"
& $python -m pip install --quiet --upgrade pip
& $python -m pip install --quiet -e ".[bundle]"
& $python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\pharmadesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

$version = (& $python -c "import pharmadesk; print(pharmadesk.__version__)").Trim()
$bundled = (& dist\pharmadesk\pharmadesk.exe --version).Trim()
if ($bundled -ne "PharmaDesk $version") { throw "the bundle says '$bundled', the source says $version" }

$iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
if (-not (Test-Path $iscc)) { $iscc = "ISCC.exe" }
& $iscc "/DAppVersion=$version" installer\windows\pharmadesk.iss
if ($LASTEXITCODE -ne 0) { throw "ISCC failed" }
Write-Host "dist\PharmaDesk-Setup-$version.exe"
