#!/usr/bin/env bash
# package_deb: builds the Debian package with CPack, checks its control fields, runs lintian on it, installs
# it, runs what it installed (both --version, and the demo pages rendered offscreen with --screenshots),
# validates the installed desktop entry, AppStream metadata, icons and man pages, and removes it cleanly.
#
# Where it installs: as root, on a machine where authdeck is not installed already (CI), with
# `apt-get install ./authdeck_<version>_amd64.deb` and `apt-get purge` afterwards; otherwise into a private
# `dpkg --root` tree in the temporary folder. AUTHDECK_PACKAGE_INSTALL=system|staging chooses.
#
# usage: package_deb.sh CPACK BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail

cpack=$1 build=$2 source=$3 version=$4
for tool in dpkg-deb lintian desktop-file-validate appstreamcli identify man; do
    command -v "$tool" >/dev/null || { echo "package_deb: skipped: $tool is missing (packaging/install-deps.sh --test)"; exit 77; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/authdeck-package.XXXXXX")
mode=${AUTHDECK_PACKAGE_INSTALL:-auto}
installed=no

fail() {
    echo "package_deb: FAIL: $*" >&2
    exit 1
}
step() { printf '[%3ss] %s\n' "$SECONDS" "$*"; }
remove_system_package() {
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq -o DPkg::Lock::Timeout=120 authdeck >"$work/purge.log" 2>&1 \
        || { cat "$work/purge.log" >&2; return 1; }
}
cleanup() {
    # A failed run still takes the package off the machine.
    if [[ $installed == system ]]; then
        remove_system_package || echo "package_deb: could not remove the authdeck package" >&2
    fi
    rm -rf "$work"
}
trap cleanup EXIT

if [[ $mode == auto ]]; then
    mode=staging
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        if dpkg-query -W -f='${db:Status-Status}' authdeck 2>/dev/null | grep -qx installed; then
            step "authdeck is installed on this machine already: using a dpkg --root staging tree instead"
        else
            mode=system
        fi
    fi
fi
[[ $mode == system || $mode == staging ]] || fail "AUTHDECK_PACKAGE_INSTALL is system or staging, not $mode"

step "cpack -G DEB"
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 \
    || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$work/out/authdeck_${version}_amd64.deb
[[ -f $deb ]] || fail "cpack made $(ls "$work/out"/*.deb 2>/dev/null), not $deb"
printf '        %s, %s KiB\n' "$(basename "$deb")" "$(($(stat -c %s "$deb") / 1024))"

step "control fields"
field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == authdeck && $(field Version) == "$version" && $(field Architecture) == amd64 ]] \
    || fail "Package/Version/Architecture: $(field Package) $(field Version) $(field Architecture)"
[[ $(field Section) == devel ]] || fail "Section: $(field Section)"
[[ $(field Maintainer) == *"<"*"@"*">" ]] || fail "Maintainer: $(field Maintainer)"
# dpkg-shlibdeps computed the linked libraries; the SQLite driver plugin is named by hand.
for dependency in libqt6core6 libqt6widgets6 libqt6httpserver6 libqt6keychain1 libsodium23 libphonenumber8 \
    libssl3 libqt6sql6-sqlite; do
    field Depends | grep -q "\b$dependency\b" || fail "Depends lacks $dependency: $(field Depends)"
done
field Recommends | grep -q '\bnodejs\b' || fail "Recommends lacks nodejs: $(field Recommends)"
field Recommends | grep -q '\blibqt6sql6-psql\b' || fail "Recommends lacks libqt6sql6-psql: $(field Recommends)"
[[ $(field Description | wc -l) -gt 3 ]] || fail "Description has no long description"

step "lintian"
# --fail-on warning: a warning that is kept is overridden, with its reason, in packaging/authdeck.lintian-overrides.
lintian --fail-on error,warning --display-level '>=warning' --show-overrides "$deb" >"$work/lintian.log" 2>&1 \
    || { cat "$work/lintian.log" >&2; fail "lintian reports errors or warnings"; }
sed 's/^/        /' "$work/lintian.log"

if [[ $mode == system ]]; then
    step "apt-get install ./$(basename "$deb")"
    installed=system
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=120 \
        "$deb" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "apt-get install failed"; }
    root=
else
    step "dpkg --root (staging tree)"
    root=$work/root
    mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
    : >"$root/var/lib/dpkg/status"
    # The staging tree has no package database of the dependencies: they are the build machine's own.
    dpkg --root="$root" --force-not-root --force-depends --force-script-chrootless --log=/dev/null -i "$deb" \
        >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "dpkg --root -i failed"; }
    installed=staging
fi
bin=$root/usr/bin share=$root/usr/share

step "installed files"
for file in "$bin/authdeck" "$bin/authdeck-cli" "$share/applications/authdeck.desktop" \
    "$share/metainfo/io.authdeck.Authdeck.metainfo.xml" "$share/icons/hicolor/scalable/apps/authdeck.svg" \
    "$share/man/man1/authdeck.1.gz" "$share/man/man1/authdeck-cli.1.gz" "$share/doc/authdeck/copyright" \
    "$share/doc/authdeck/changelog.gz" "$share/doc/authdeck/README.md"; do
    [[ -f $file ]] || fail "not installed: $file"
done
for size in 16 22 24 32 48 64 128 256 512; do
    png=$share/icons/hicolor/${size}x${size}/apps/authdeck.png
    [[ $(identify -format '%wx%h' "$png") == "${size}x${size}" ]] || fail "$png is not ${size}x${size}"
done
# No data files under share/authdeck: every runtime resource is compiled into the executables.
[[ ! -e $share/authdeck ]] || fail "$share/authdeck exists"
if ldd "$bin/authdeck" "$bin/authdeck-cli" | grep 'not found'; then fail "unresolved libraries"; fi

step "authdeck --version, authdeck-cli --version"
export XDG_RUNTIME_DIR=$work/run XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache
mkdir -m 700 "$XDG_RUNTIME_DIR"
[[ $("$bin/authdeck" --version) == "Authdeck $version" ]] || fail "authdeck --version: $("$bin/authdeck" --version)"
[[ $("$bin/authdeck-cli" --version) == "Authdeck $version" ]] || fail "authdeck-cli --version"

step "authdeck --screenshots (offscreen)"
"$bin/authdeck" --screenshots "$work/shots" >"$work/shots.log" 2>&1 \
    || { cat "$work/shots.log" >&2; fail "authdeck --screenshots failed"; }
for page in getting-started flow-editor try-login about-dialog; do
    [[ -s $work/shots/$page-light.png && -s $work/shots/$page-dark.png ]] || fail "no $page screenshots"
done
printf '        %s PNG files\n' "$(find "$work/shots" -name '*.png' | wc -l)"

step "desktop-file-validate, appstreamcli validate"
desktop-file-validate "$share/applications/authdeck.desktop" | { grep -v ': hint: ' || true; } >"$work/desktop.log"
[[ ! -s $work/desktop.log ]] || { cat "$work/desktop.log" >&2; fail "desktop-file-validate"; }
appstreamcli validate --no-net "$share/metainfo/io.authdeck.Authdeck.metainfo.xml" >"$work/appstream.log" 2>&1 \
    || { cat "$work/appstream.log" >&2; fail "appstreamcli validate"; }
# The metainfo's screenshots are the README's (packaging/screenshots), as the project's site serves them.
grep -o 'https://authdeck.invalid/packaging/screenshots/[^<]*' "$share/metainfo/io.authdeck.Authdeck.metainfo.xml" \
    | sed 's|https://authdeck.invalid/||' >"$work/screenshots"
[[ -s $work/screenshots ]] || fail "the metainfo has no screenshots"
while read -r shot; do
    [[ -f $source/$shot ]] || fail "metainfo screenshot $shot is not in the source tree"
    grep -q "($shot)" "$source/README.md" || fail "metainfo screenshot $shot is not one of the README's"
done <"$work/screenshots"

step "man pages"
for page in authdeck authdeck-cli; do
    # Rendering warnings (groff, man) fail the test. The default tenant is under ~, not the builder's home.
    MANWIDTH=80 man --warnings -E UTF-8 -l "$share/man/man1/$page.1.gz" >"$work/$page.txt" 2>"$work/$page.warnings"
    [[ ! -s $work/$page.warnings ]] || { cat "$work/$page.warnings" >&2; fail "man $page warns"; }
    grep -q -- '--tenant' "$work/$page.txt" || fail "man $page does not document --tenant"
    tr -s ' \n' ' ' <"$work/$page.txt" | grep -q '(default: ~/\.local/share/' || fail "man $page: the default tenant is not under ~"
done

step "remove"
if [[ $mode == system ]]; then
    remove_system_package || fail "apt-get purge failed"
    installed=no
    [[ $(dpkg-query -W -f='${db:Status-Status}' authdeck 2>/dev/null || true) != installed ]] \
        || fail "authdeck is still installed"
else
    dpkg --root="$root" --force-not-root --force-script-chrootless --log=/dev/null --purge authdeck \
        >"$work/purge.log" 2>&1 || { cat "$work/purge.log" >&2; fail "dpkg --root --purge failed"; }
    installed=no
fi
# Nothing the package brought is left behind.
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print substr($6, 2)}' | while read -r file; do
    [[ ! -e $root$file ]] || fail "left behind: $root$file"
done
step "done ($mode install)"
