#!/usr/bin/env bash
# Install Debian/Ubuntu packages that are missing, and only those.
# Usage: ensure-system-packages.sh runtime|test|bundle|deb|nsis
# Runs apt-get as root, or through sudo; without either it names what is missing and fails.
set -euo pipefail

runtime=(
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0
  libxcb-image0 libxcb-randr0 libxcb-xinerama0 libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-wqy-microhei
)
test_only=(
  xvfb xauth xdotool x11-utils imagemagick dbus dbus-x11 gnome-keyring libsecret-tools
  python3-pyatspi at-spi2-core
)

# What the installer builds need: objdump/strip for PyInstaller and the glibc floor, dpkg-deb and
# desktop-file-validate for the .deb, makensis for the Windows script.
bundle=(binutils)
deb=(binutils dpkg desktop-file-utils)
nsis=(nsis)

case "${1:-runtime}" in
  runtime) wanted=("${runtime[@]}") ;;
  test) wanted=("${runtime[@]}" "${test_only[@]}" "${bundle[@]}" "${deb[@]}" "${nsis[@]}") ;;
  bundle) wanted=("${bundle[@]}") ;;
  deb) wanted=("${deb[@]}") ;;
  nsis) wanted=("${nsis[@]}") ;;
  *) echo "usage: $0 runtime|test|bundle|deb|nsis" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian/Ubuntu system: install the equivalents of: ${wanted[*]}" >&2
  exit 0
fi

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "Missing system packages and no root or sudo to install them: ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
