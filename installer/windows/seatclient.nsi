; NSIS script of the seat client's Windows installer (per machine, Simplified Chinese pages).
;
; Compile with installer/windows/compile_nsis.py, which passes the defines below, or by hand:
;   makensis -DVERSION=0.1.0 -DPAYLOAD_DIR=installer\out\seatclient ^
;            -DCONFIG_TEMPLATE=installer\config.toml -DAPP_ICON=resources\icons\seatclient.ico ^
;            -DOUTFILE=installer\out\seatclient-0.1.0-setup.exe installer\windows\seatclient.nsi
;
; PAYLOAD_DIR is the PyInstaller bundle built on Windows (seatclient.exe and _internal\).
; The file is UTF-8 with a byte-order mark, so makensis reads the Chinese text as UTF-8.

Unicode true
ManifestDPIAware true

!include "MUI2.nsh"
!include "x64.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!ifndef VERSION
  !error "Pass -DVERSION=x.y.z (the value of seatclient/version.py)"
!endif
!ifndef PAYLOAD_DIR
  !error "Pass -DPAYLOAD_DIR=<the PyInstaller bundle folder holding seatclient.exe>"
!endif
!ifndef CONFIG_TEMPLATE
  !error "Pass -DCONFIG_TEMPLATE=<installer\config.toml>"
!endif
!ifndef APP_ICON
  !error "Pass -DAPP_ICON=<resources\icons\seatclient.ico>"
!endif
!ifndef OUTFILE
  !define OUTFILE "seatclient-${VERSION}-setup.exe"
!endif
; Windows file versions have four numbers; VERSION has three.
!ifndef FILE_VERSION
  !define FILE_VERSION "${VERSION}.0"
!endif

!define APP_ID "seatclient"
!define APP_DISPLAY_NAME "12345 座席客户端"
!define APP_EXE "seatclient.exe"
; The same program with a console window, for the self-test and the hall IT tools.
!define CLI_EXE "seatclient-cli.exe"
!define PUBLISHER "12345 政务服务便民热线"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define START_MENU_LINK "$SMPROGRAMS\${APP_DISPLAY_NAME}.lnk"

Name "${APP_DISPLAY_NAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_ID}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
; -DUNCOMPRESSED leaves the installer's strings and files readable, for the packaging test.
!ifdef UNCOMPRESSED
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif
BrandingText "${APP_DISPLAY_NAME} ${VERSION}"

VIProductVersion "${FILE_VERSION}"
VIFileVersion "${FILE_VERSION}"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_DISPLAY_NAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_DISPLAY_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${APP_ICON}"
!define MUI_UNICON "${APP_ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP_DISPLAY_NAME} 需要 64 位 Windows。"
    Abort
  ${EndIf}
  SetRegView 64
  ; Shortcuts and %PROGRAMDATA% for every user of the workstation, not only the installing one.
  SetShellVarContext all
FunctionEnd

Section "${APP_DISPLAY_NAME}" SectionMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the bundle whole: modules of an older version must not linger.
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD_DIR}\*.*"

  ; The hall's configuration: installed once, never overwritten, kept on uninstall
  ; (with SetShellVarContext all, $APPDATA is %PROGRAMDATA%).
  ${IfNot} ${FileExists} "$APPDATA\${APP_ID}\config.toml"
    SetOutPath "$APPDATA\${APP_ID}"
    File "/oname=config.toml" "${CONFIG_TEMPLATE}"
  ${EndIf}

  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "${START_MENU_LINK}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_DISPLAY_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "Uninstall"
  Delete "${START_MENU_LINK}"
  ; Only what the installer put there: the folder may have been chosen by hand.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  ; %PROGRAMDATA%\seatclient\config.toml stays: it is the hall's configuration, like a conffile.
SectionEnd
