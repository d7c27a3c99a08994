#!/bin/sh
# Builds the Debian package with cargo-deb: a release build of survey-kiosk,
# the .desktop entry and icon, survey-kiosk.service (installed disabled), the
# PAM file it uses, the licences of the embedded fonts, and deploy/ (alert
# rules, dashboard) as documentation. Then lists and checks it with
# scripts/check-package.sh.
#
#   scripts/package.sh                 # target/debian/survey-kiosk_<version>-1_<arch>.deb
#   scripts/package.sh --no-build      # package the release binary already built
#
# Needs cargo-deb (`cargo install cargo-deb`) and the build libraries of the
# README. SURVEY_KIOSK_MAINTAINER="Name <email>" overrides the maintainer.
# Other arguments go to `cargo deb`.
set -eu
cd "$(dirname "$0")/.."

if ! cargo deb --version >/dev/null 2>&1; then
    echo "package.sh: cargo-deb is not installed; install it with: cargo install cargo-deb" >&2
    exit 2
fi

if [ -n "${SURVEY_KIOSK_MAINTAINER:-}" ]; then
    set -- --maintainer "$SURVEY_KIOSK_MAINTAINER" "$@"
fi
# cargo deb prints the path of the package on its last line.
deb=$(cargo deb "$@" | tail -n 1)
if [ ! -f "$deb" ]; then
    echo "package.sh: cargo deb did not name a package file (got: $deb)" >&2
    exit 1
fi
echo "Built $deb"
exec scripts/check-package.sh "$deb"
