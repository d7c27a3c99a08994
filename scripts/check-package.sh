#!/bin/sh
# Lists the Debian package (dpkg-deb -c) and checks that it holds what a
# kiosk needs: the binary, the .desktop entry and its icon, the systemd unit
# (not enabled by the package), the PAM file, the licences of the embedded
# fonts, the alert rules and dashboard; its control data (dependencies,
# maintainer script); and that the unpacked binary runs. Where promtool and
# desktop-file-validate are installed, the rules and the .desktop entry are
# checked with them too (otherwise says so and goes on).
#
#   scripts/check-package.sh [target/debian/survey-kiosk_*.deb]
set -eu
cd "$(dirname "$0")/.."

deb="${1:-}"
if [ -z "$deb" ]; then
    # The newest package (the names are cargo-deb's: no odd characters).
    # shellcheck disable=SC2012
    deb=$(ls -t target/debian/survey-kiosk_*.deb 2>/dev/null | head -n 1 || true)
fi
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
    echo "check-package.sh: no package; build one with scripts/package.sh" >&2
    exit 2
fi
if ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "check-package.sh: skipped: dpkg-deb is not installed (a Debian or Ubuntu machine has it)"
    exit 0
fi

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
skip() { echo "skip $1"; }
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
    description="$1"
    shift
    if "$@"; then ok "$description"; else bad "$description"; fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== dpkg-deb -c $deb"
dpkg-deb -c "$deb" | tee "$work/contents"
echo "== dpkg-deb -I $deb"
dpkg-deb -I "$deb" | tee "$work/info"
echo "== checks"

# A file in the package, optionally with its mode (as dpkg-deb -c shows it).
has() {
    path="$1"
    mode="${2:-}"
    line=$(grep -E " \./$path\$" "$work/contents" || true)
    if [ -z "$line" ]; then
        bad "$path is in the package"
    elif [ -n "$mode" ] && [ "${line%% *}" != "$mode" ]; then
        bad "$path has mode $mode (it has ${line%% *})"
    else
        ok "$path${mode:+ ($mode)}"
    fi
}

has usr/bin/survey-kiosk -rwxr-xr-x
has usr/share/applications/survey-kiosk.desktop -rw-r--r--
has usr/share/icons/hicolor/192x192/apps/survey-kiosk.png -rw-r--r--
has usr/lib/systemd/system/survey-kiosk.service -rw-r--r--
has etc/pam.d/survey-kiosk -rw-r--r--
has usr/share/doc/survey-kiosk/copyright
has usr/share/doc/survey-kiosk/README.md
# The fonts inside the binary: egui's defaults and assets/fonts/.
for licence in LICENSE-Ubuntu-Font.txt LICENSE-Hack.txt LICENSE-emoji-icon-font.txt \
    egui-icons.txt README.md LICENSE-Apache-2.0.txt LICENSE-DroidSansFallback.txt \
    LICENSE-NotoSansArabic.txt; do
    has "usr/share/doc/survey-kiosk/fonts/$licence"
done
for file in assets/fonts/LICENSE-*.txt; do
    has "usr/share/doc/survey-kiosk/fonts/$(basename "$file")"
done
has usr/share/doc/survey-kiosk/deploy/prometheus/survey-kiosk-alerts.yml
has usr/share/doc/survey-kiosk/deploy/grafana/survey-kiosk-dashboard.json

# Control data.
field() { grep -E "^ $1:" "$work/info" | head -n 1 | cut -d: -f2- | sed 's/^ //'; }
check "Package: survey-kiosk" [ "$(field Package)" = "survey-kiosk" ]
case "$(field Depends)" in
    *adduser*) ok "Depends: $(field Depends)" ;;
    *) bad "Depends names adduser (postinst creates the kiosk user)" ;;
esac
case "$(field Recommends)" in
    *cage*) ok "Recommends: cage" ;;
    *) bad "Recommends cage (the unit runs the kiosk in it)" ;;
esac

dpkg-deb -e "$deb" "$work/control"
if grep -q "adduser --system" "$work/control/postinst"; then
    ok "postinst creates the survey-kiosk system user"
else
    bad "postinst creates the survey-kiosk system user"
fi
# cargo-deb's "enable" snippet enables on a first install; the one for units
# not enabled re-enables only a unit the administrator had enabled.
if grep -q "deb-systemd-helper debian-installed survey-kiosk.service" "$work/control/postinst" &&
    ! grep -q "new installations run enable" "$work/control/postinst" &&
    ! grep -qE "systemctl .*(enable|start)|deb-systemd-invoke (start|restart|try-restart)" \
        "$work/control/postinst"; then
    ok "installing neither enables nor starts survey-kiosk.service"
else
    bad "installing neither enables nor starts survey-kiosk.service"
fi
if grep -q "deb-systemd-invoke stop" "$work/control/prerm" 2>/dev/null &&
    ! grep -qF "\"\$1\" = remove" "$work/control/prerm"; then
    bad "an upgrade does not stop a running kiosk"
else
    ok "an upgrade does not stop a running kiosk"
fi
if grep -qx "/etc/pam.d/survey-kiosk" "$work/control/conffiles" 2>/dev/null; then
    ok "/etc/pam.d/survey-kiosk is a conffile"
else
    bad "/etc/pam.d/survey-kiosk is a conffile"
fi

# The unpacked files.
dpkg-deb -x "$deb" "$work/root"
unit="$work/root/usr/lib/systemd/system/survey-kiosk.service"
for want in "ExecStart=/usr/bin/cage -d -- /usr/bin/survey-kiosk" "Restart=always" \
    "User=survey-kiosk" "PAMName=survey-kiosk" "TTYPath=/dev/tty1" \
    "Conflicts=getty@tty1.service" "WantedBy=graphical.target" \
    "LoadCredentialEncrypted=journal-key:/etc/survey-kiosk/journal-key.cred" \
    "SetCredential=journal-key:none"; do
    check "unit: $want" grep -qxF "$want" "$unit"
done
check "unit: After=systemd-user-sessions.service" \
    grep -q "^After=systemd-user-sessions.service" "$unit"
if [ "$(head -c 8 "$work/root/usr/share/icons/hicolor/192x192/apps/survey-kiosk.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then
    ok "the icon is a PNG"
else
    bad "the icon is a PNG"
fi
version=$("$work/root/usr/bin/survey-kiosk" --version 2>/dev/null | head -n 1 || true)
if [ -n "$version" ]; then
    ok "the packaged binary runs: $version"
else
    bad "the packaged binary runs (survey-kiosk --version)"
fi
if command -v desktop-file-validate >/dev/null 2>&1; then
    check "desktop-file-validate" \
        desktop-file-validate "$work/root/usr/share/applications/survey-kiosk.desktop"
else
    skip "desktop-file-validate is not installed (apt-get install desktop-file-utils)"
fi
if command -v promtool >/dev/null 2>&1; then
    rules="$work/root/usr/share/doc/survey-kiosk/deploy/prometheus"
    check "promtool check rules" promtool check rules "$rules/survey-kiosk-alerts.yml"
    # The test file names the rules relative to itself.
    test_rules() (cd "$rules" && promtool test rules survey-kiosk-alerts.test.yml)
    check "promtool test rules (the alerts fire when they should)" test_rules
else
    skip "promtool is not installed (apt-get install prometheus): alert rules not checked"
fi
if command -v systemd-analyze >/dev/null 2>&1; then
    # Only the unit's own syntax: cage and the user are not on a build machine.
    out=$(systemd-analyze verify "$unit" 2>&1 || true)
    if echo "$out" | grep -qiE "unknown (key|section)|failed to parse|invalid"; then
        echo "$out"
        bad "systemd-analyze verify (syntax)"
    else
        ok "systemd-analyze verify (syntax)"
    fi
else
    skip "systemd-analyze is not installed: unit syntax not checked"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
