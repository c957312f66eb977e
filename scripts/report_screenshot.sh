#!/usr/bin/env bash
# Render an evaluation report in a real browser (headless Chromium) and save a full-page screenshot.
#   scripts/report_screenshot.sh REPORT_DIR [OUT_PNG]
# REPORT_DIR: a folder written by hydrawatch-evaluate (holds report.html). OUT_PNG: default REPORT_DIR/report.png.
# Installs Debian's chromium package when it is missing (needs root; otherwise prints the command to run).
# WIDTH and HEIGHT (default 1280 x 2400) set the window size. Prints the PNG path.
set -euo pipefail
[ $# -ge 1 ] && [ $# -le 2 ] || { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }
REPORT_DIR=$1
[ -s "$REPORT_DIR/report.html" ] || { echo "error: $REPORT_DIR/report.html not found (run hydrawatch-evaluate first)" >&2; exit 66; }
HTML=$(cd "$REPORT_DIR" && pwd)/report.html
OUT_PNG=${2:-$REPORT_DIR/report.png}
mkdir -p "$(dirname "$OUT_PNG")"
OUT_PNG=$(cd "$(dirname "$OUT_PNG")" && pwd)/$(basename "$OUT_PNG")

browser=""
for b in chromium chromium-browser; do command -v "$b" >/dev/null && { browser=$b; break; }; done
if [ -z "$browser" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: chromium is not installed. As root run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends chromium" >&2
    exit 69
  fi
  echo "== installing chromium (apt-get)" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
  browser=chromium
fi

# A throw-away profile keeps the run independent of any existing browser state.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$OUT_PNG"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --screenshot="$OUT_PNG" --window-size="${WIDTH:-1280},${HEIGHT:-2400}" "file://$HTML" >/dev/null 2>"$profile/log" || {
  cat "$profile/log" >&2
  echo "error: $browser failed" >&2
  exit 70
}
[ -s "$OUT_PNG" ] || { cat "$profile/log" >&2; echo "error: no screenshot written" >&2; exit 70; }
echo "$OUT_PNG"
