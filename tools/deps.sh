#!/bin/sh
# deps.sh - make sure the Debian packages claimpack needs are installed.
#
# Run as root, it installs what is missing with apt-get.  Run as another
# user, it prints the exact apt-get command to run and fails.  With
# --print it only prints the package list.
set -eu

# Build: compiler, make's helpers and the libraries linked in.
BUILD_PKGS="gcc libc6-dev make pkg-config libfyaml-dev libqpdf-dev libhpdf-dev
  libfreetype-dev libharfbuzz-dev libexif-dev libssl-dev libqrencode-dev
  libcurl4-openssl-dev libjansson-dev zlib1g-dev libturbojpeg0-dev
  libjpeg-dev libpng-dev libheif-dev libwebp-dev libtiff-dev
  libutf8proc-dev libfribidi-dev libzbar-dev libpoppler-glib-dev
  libzip-dev libxml2-dev libjbig2dec0-dev"
# Run: the fonts every bundle is drawn with (Zen Hei first; Noto Sans
# and Noto Sans Thai for the letters of passport names it lacks; DejaVu
# Sans for Hebrew and Arabic).
RUN_PKGS="fonts-wqy-zenhei fonts-noto-core fonts-dejavu-core"
# Tests: the unit test framework and the independent PDF tools the
# end-to-end tests inspect outputs with; groff renders the man page whose
# SYNOPSIS tests/e2e/cli.sh compares with --help; ImageMagick makes the
# test images (PNG, HEIC, WebP, TIFF) and decodes them for reference;
# openssl makes the key that signs the signed e-invoice PDFs of
# tests/e2e/originals.sh; strace counts the files a build opens
# (tests/e2e/once.sh).
TEST_PKGS="libcmocka-dev qpdf poppler-utils zbar-tools valgrind bsdutils
  groff-base imagemagick openssl strace"

PKGS="$BUILD_PKGS $RUN_PKGS $TEST_PKGS"
# `make fuzz` only: libFuzzer comes with clang's runtime.
FUZZ_PKGS="clang libclang-rt-14-dev"
case " ${CLAIMPACK_DEPS:-} " in *" fuzz "*) PKGS="$PKGS $FUZZ_PKGS" ;; esac

if [ "${1:-}" = "--print" ]; then
	echo $PKGS
	exit 0
fi

missing=""
for p in $PKGS; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "claimpack needs these Debian packages:$missing" >&2
	echo "install them with: sudo apt-get install -y$missing" >&2
	exit 1
fi

echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >&2
