# Installer targets, included from the top Makefile (which defines BIN and the setup target).
#   make installer   PyInstaller bundle in installer/out/seatclient, with its size and glibc floor
#   make deb         the .deb in installer/out/ (from that bundle)
#   make nsis-check  compile the Windows installer script against a placeholder payload
# The Windows installer itself is built on Windows: see installer/README.md.

INSTALLER_OUT := installer/out
BUNDLE := $(INSTALLER_OUT)/seatclient
PYINSTALLER_WORK := build/pyinstaller
DEB_XZ_LEVEL ?= 6

.PHONY: installer deb nsis-check

installer: setup
	scripts/ensure-system-packages.sh bundle
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath $(INSTALLER_OUT) --workpath $(PYINSTALLER_WORK) installer/seatclient.spec
	$(BIN)/python installer/bundle_report.py $(BUNDLE)

deb: installer
	scripts/ensure-system-packages.sh deb
	$(BIN)/python installer/linux/build_deb.py $(BUNDLE) --out $(INSTALLER_OUT) --xz-level $(DEB_XZ_LEVEL)

nsis-check: setup
	scripts/ensure-system-packages.sh nsis
	$(BIN)/python installer/windows/compile_nsis.py --placeholder --out $(INSTALLER_OUT)
