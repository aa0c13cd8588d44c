#!/usr/bin/env bash
# Prepare the project on a fresh machine: find Python 3.13/3.12, find or
# install uv, and install the locked dependencies into .venv.
# Usage: scripts/setup.sh [--browser]   (--browser also makes sure Chromium is there)
set -euo pipefail
cd "$(dirname "$0")/.."

export UV_PYTHON_DOWNLOADS=never

find_python() {
  local candidate
  for candidate in python3.13 python3.12; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys' >/dev/null 2>&1; then
      command -v "$candidate"; return 0
    fi
  done
  local root
  for root in "${PYENV_ROOT:-}" "$HOME/.pyenv" /root/.pyenv; do
    [ -n "$root" ] && [ -d "$root/versions" ] || continue
    for candidate in $(ls -1 "$root/versions" 2>/dev/null | grep -E '^3\.1[23]\.[0-9]+$' | sort -V -r); do
      if [ -x "$root/versions/$candidate/bin/python3" ]; then
        echo "$root/versions/$candidate/bin/python3"; return 0
      fi
    done
  done
  return 1
}

PYTHON=$(find_python) || {
  echo "error: Python 3.13 or 3.12 is needed (Django 6.1 does not run on older Pythons)." >&2
  echo "Install one, e.g. 'apt-get install python3.13' or 'pyenv install 3.13', and run this again." >&2
  exit 1
}

UV=$(command -v uv || true)
if [ -z "$UV" ]; then
  UV=.tools/uv-venv/bin/uv
  if [ ! -x "$UV" ]; then
    echo "Installing uv into .tools/ ..."
    "$PYTHON" -m venv .tools/uv-venv
    .tools/uv-venv/bin/pip install --quiet uv
  fi
fi

"$UV" sync --locked --python "$PYTHON" --quiet

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# WeasyPrint (the PDF packs) loads pango and fontconfig at run time.
if ! ldconfig -p | grep -q libpango-1.0 || ! ldconfig -p | grep -q libpangoft2-1.0; then
  echo "Installing pango and fonts from Debian's packages (PDFs) ..."
  apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
fi

if [ "${1:-}" = "--browser" ]; then
  if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    echo "Installing Chromium from Debian's packages (browser tests) ..."
    apt_install chromium
  fi
  # pdftotext lets the tests read the PDFs the portal makes.
  if ! command -v pdftotext >/dev/null; then
    apt_install poppler-utils
  fi
fi

# The translations: Debian's gettext compiles the catalogues (locale/<lang>/
# LC_MESSAGES/django.po) into the .mo files Django reads; the .mo files are
# not kept in git, so every set-up compiles them afresh.
if ! command -v msgfmt >/dev/null; then
  echo "Installing gettext from Debian's packages (translations) ..."
  apt_install gettext
fi
if compgen -G "locale/*/LC_MESSAGES/django.po" >/dev/null; then
  DEBUG=true .venv/bin/python manage.py compilemessages --ignore .venv --ignore .tools >/dev/null
fi
