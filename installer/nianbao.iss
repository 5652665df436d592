; Inno Setup script: per-user install of the one-folder build, no administrator rights needed.
; The auditor's database lives in %APPDATA%\NianbaoReview and is never touched by install or uninstall.
#define AppName "年报审校 Nianbao Review"
; The build scripts pass the version from pyproject.toml and the bundle's folder:
;   ISCC /DAppVersion=0.1.0 /DBundleDir=..\dist\nianbao nianbao.iss
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\nianbao"
#endif

[Setup]
AppId={{6F0E6D0B-5C1E-4C59-9B1B-3E2A9C7D4A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Nianbao Review
DefaultDirName={localappdata}\Programs\NianbaoReview
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=nianbao-setup-{#AppVersion}
SetupIconFile=..\resources\icons\nianbao.ico
UninstallDisplayIcon={app}\nianbao.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible
ShowLanguageDialog=auto

[Languages]
; Inno Setup ships no Chinese: ChineseSimplified.isl (beside this script) overlays Default.isl.
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.DemoShortcut=年报审校（示例报告）
english.DemoShortcut=Nianbao Review (demo reports)

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\nianbao.exe"
Name: "{group}\{cm:DemoShortcut}"; Filename: "{app}\nianbao.exe"; Parameters: "--demo"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\nianbao.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\nianbao.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for {userappdata}\NianbaoReview: uninstalling keeps the review database.
