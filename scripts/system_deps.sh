#!/usr/bin/env bash
# System packages the project needs: WeasyPrint's Pango and HarfBuzz subsetter (without
# libharfbuzz-subset0 a page takes 2.7x longer), fonts with Kazakh letters, gettext for the
# catalogues, Chromium and its driver for the browser tests, poppler for looking at PDFs, wrk
# for the throughput benchmarks (bench/), Redis for the cache and sessions of the PostgreSQL run
# of .ci/run (the production configuration).
set -euo pipefail
PKGS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext chromium chromium-driver poppler-utils wrk redis-server)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "Missing system packages: ${missing[*]} — install them with your package manager." >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "Installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
