#!/usr/bin/env bash
# Installs the PharmaDesk bundle (dist/pharmadesk/, built by `make bundle`) for this user:
# the program in ~/.local/lib/pharmadesk, the `pharmadesk` command in ~/.local/bin, the menu
# entry (with a Training mode action) and the icon. Installing again upgrades in place.
# The data folder (~/.local/share/PharmaDesk: database, logs, backups) is never touched,
# neither by an upgrade nor by `install.sh --uninstall`, which removes the program only.
# As root with PREFIX=/opt/pharmadesk BINDIR=/usr/local/bin XDG_DATA_HOME=/usr/local/share
# it installs for every user of the station.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
prefix=${PREFIX:-$HOME/.local/lib/pharmadesk}
bindir=${BINDIR:-$HOME/.local/bin}
desktop_file=$data_home/applications/pharmadesk.desktop
icon_file=$data_home/icons/hicolor/scalable/apps/pharmadesk.svg

refresh_menus() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data_home/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$prefix" "$desktop_file" "$icon_file"
    [ -L "$bindir/pharmadesk" ] && rm -f "$bindir/pharmadesk"
    refresh_menus
    echo "PharmaDesk removed. Your data stays in ${XDG_DATA_HOME:-$HOME/.local/share}/PharmaDesk."
    exit 0
fi

bundle=$(cd "${1:-$here/../../dist/pharmadesk}" && pwd)
if [ ! -x "$bundle/pharmadesk" ]; then
    echo "No bundle at $bundle: run 'make bundle' first." >&2
    exit 1
fi

# Copy beside the old version, then swap: a failed copy leaves the installed version working.
mkdir -p "$(dirname "$prefix")" "$bindir" "$(dirname "$desktop_file")" "$(dirname "$icon_file")"
rm -rf "$prefix.new" "$prefix.old"
cp -a "$bundle" "$prefix.new"
[ -d "$prefix" ] && mv "$prefix" "$prefix.old"
mv "$prefix.new" "$prefix"
rm -rf "$prefix.old"

ln -sfn "$prefix/pharmadesk" "$bindir/pharmadesk"
install -m 644 "$prefix/_internal/resources/icons/pharmadesk.svg" "$icon_file"
sed -e "s|^Exec=pharmadesk|Exec=$prefix/pharmadesk|" -e "s|^TryExec=pharmadesk|TryExec=$prefix/pharmadesk|" \
    "$here/pharmadesk.desktop" > "$desktop_file"
chmod 644 "$desktop_file"
refresh_menus
echo "PharmaDesk $("$prefix/pharmadesk" --version | cut -d' ' -f2) installed: $prefix (command: $bindir/pharmadesk)"
