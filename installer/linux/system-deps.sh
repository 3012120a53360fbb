#!/usr/bin/env bash
# Installs the few Debian/Ubuntu system libraries PharmaDesk needs, only when missing:
# libdmtx for pylibdmtx, the X/xcb libraries Qt needs on a desktop or under Xvfb,
# Xvfb itself (screenshots, headless stations, the end-to-end tests with setxkbmap and XTEST), socat (serial scanner tests), poppler's
# pdftotext (report tests) and a font with Turkish glyphs. As root it installs them;
# otherwise it prints the exact command.
set -euo pipefail

packages=(
    libdmtx0b
    libgl1 libegl1 libglib2.0-0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
    libxkbcommon0 libxkbcommon-x11-0
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
    libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1
    libpulse0  # QtMultimedia (scan sounds) links against it
    xvfb xauth xdotool socat openssl
    x11-xkb-utils libxtst6  # setxkbmap and XTEST: the end-to-end tests type as a keyboard and a scanner
    poppler-utils  # pdftotext: the report tests read the exported PDF's text
    postgresql  # the several-stations tests start a throwaway PostgreSQL server (initdb, pg_ctl)
)

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "system-deps: not a Debian-based system; install libdmtx and Qt's xcb libraries with your package manager." >&2
    exit 0
fi

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

command="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "PharmaDesk needs these system packages: ${missing[*]}" >&2
    echo "Run this once, then try again:" >&2
    echo "    sudo apt-get update && sudo $command" >&2
    exit 1
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$command >/dev/null
