#!/usr/bin/env bash
# quickstart.sh: set cctk up on Debian 12 and show it working.
#   ./quickstart.sh         install missing Debian packages, bootstrap, configure,
#                           build in _build/, then run samples/demo.sh
#   ./quickstart.sh check   the same set-up, then run the test suite (make check)
# CONFIGURE_FLAGS adds flags to ./configure (e.g. --enable-werror).
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-demo}
case $mode in demo|check) ;; *) echo "usage: $0 [check]" >&2; exit 2 ;; esac

packages=(build-essential autoconf automake pkg-config gnulib
          libcsv-dev libjansson-dev libpcre2-dev libsqlite3-dev libcurl4-openssl-dev
          bats bats-assert bats-support tzdata)
# The test suite also needs python3 (independent figures), man (page checks),
# GNU parallel (scale-out) and Chromium (the HTML report rendered headless).
[ "$mode" = check ] && packages+=(python3 man-db groff-base parallel chromium graphviz)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "quickstart: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=; elif command -v sudo >/dev/null; then sudo=sudo
  else echo "quickstart: please install as root: apt-get install ${missing[*]}" >&2; exit 1; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt configure ] \
   || [ bootstrap.conf -nt configure ]; then
  ./bootstrap --no-git --skip-po --copy >/dev/null
fi
mkdir -p _build
cd _build
# shellcheck disable=SC2086
if [ ! -f Makefile ] || [ ../configure -nt Makefile ]; then
  ../configure ${CONFIGURE_FLAGS:-} >/dev/null
fi
make -j"$(nproc)" >/dev/null
if [ "$mode" = check ]; then
  make -j"$(nproc)" check
else
  PATH="$PWD/src/ccreport:$PWD/src/ccroute:$PWD/src/ccivr-sim:$PATH" ../samples/demo.sh
fi
