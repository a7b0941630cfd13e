# Shared by scripts/test: the browser tests drive Debian's `chromium` package (Playwright never downloads
# a browser of its own). Installed once; needs root or password-less sudo.
if ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium (Debian-pakket) installeren voor de browsertests…" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1; then
    $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q --no-install-recommends chromium >/dev/null \
      || { echo "Kon chromium niet installeren: installeer het pakket 'chromium' en probeer opnieuw." >&2; exit 2; }
  fi
fi
