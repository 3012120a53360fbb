; PharmaDesk setup program for Windows (Inno Setup 6).
;
; It installs the PyInstaller folder dist\pharmadesk\ (built on Windows with
; `pyinstaller installer\pharmadesk.spec`), adds Start-menu entries (PharmaDesk, the
; training sandbox, the station check) and an uninstaller. The version is not written
; here: it comes from pharmadesk\__init__.py (__version__), the one place it lives, and
; is passed when compiling:
;
;     ISCC /DAppVersion=0.1.0 installer\windows\pharmadesk.iss
;
; installer\windows\build.ps1 does the whole build (bundle, version, ISCC) in one go.
;
; Per-user data — the database, logs and backups in %LOCALAPPDATA%\PharmaDesk\PharmaDesk
; (platformdirs) — lies outside {app}: an upgrade and an uninstall leave it as it is.

#ifndef AppVersion
  #error Pass the version from pharmadesk\__init__.py: ISCC /DAppVersion=X.Y.Z installer\windows\pharmadesk.iss (or run build.ps1)
#endif

; Never change AppId: Windows finds the installed PharmaDesk by it, so that a new
; setup upgrades it instead of installing a second copy.
#define AppId "{{6E0B2F4D-5A47-4C1B-9E3D-7C2F8A91B6D4}"
#define AppName "PharmaDesk"
#define BundleDir "..\..\dist\pharmadesk"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=PharmaDesk
VersionInfoVersion={#AppVersion}
; Installs for the current user without administrator rights; an administrator may
; choose "all users" in the first dialog.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\PharmaDesk
DefaultGroupName=PharmaDesk
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=pharmadesk.ico
UninstallDisplayIcon={app}\pharmadesk-gui.exe
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir=..\..\dist
OutputBaseFilename=PharmaDesk-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running PharmaDesk is closed (Restart Manager) before its files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "turkish"; MessagesFile: "compiler:Languages\Turkish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
turkish.Training=PharmaDesk (Eğitim modu)
english.Training=PharmaDesk (Training mode)
turkish.Doctor=PharmaDesk - bilgisayarı kontrol et
english.Doctor=PharmaDesk - check this computer
turkish.DataKept=Verileriniz (veritabanı, günlükler, yedekler) silinmedi:%n%1
english.DataKept=Your data (database, logs, backups) was kept:%n%1

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the bundled libraries wholesale: no module of the old version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\PharmaDesk"; Filename: "{app}\pharmadesk-gui.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:Training}"; Filename: "{app}\pharmadesk-gui.exe"; Parameters: "--sandbox"; WorkingDir: "{app}"
Name: "{group}\{cm:Doctor}"; Filename: "{cmd}"; Parameters: "/k ""{app}\pharmadesk.exe"" doctor"; WorkingDir: "{app}"; IconFilename: "{app}\pharmadesk-gui.exe"
Name: "{group}\{cm:UninstallProgram,PharmaDesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\PharmaDesk"; Filename: "{app}\pharmadesk-gui.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\pharmadesk-gui.exe"; Description: "{cm:LaunchProgram,PharmaDesk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder. The per-user data folder is deliberately not listed.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  DataDir := ExpandConstant('{localappdata}\PharmaDesk\PharmaDesk');
  if (CurUninstallStep = usPostUninstall) and DirExists(DataDir) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
end;
