#!/usr/bin/env bash
# What the browser test (tests/browser.rs) needs: Chromium and its
# WebDriver from the distribution's packages, and Selenium in a Python
# environment of its own at target/browser-venv. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "browser_setup: install Chromium and its WebDriver (chromedriver)" >&2
    exit 1
  fi
fi
if [ ! -x target/browser-venv/bin/python ] || ! target/browser-venv/bin/python -c "import selenium" 2>/dev/null; then
  mkdir -p target
  python3 -m venv target/browser-venv
  target/browser-venv/bin/pip install -q selenium
fi
chromium --version
chromedriver --version
target/browser-venv/bin/python -c "import selenium; print('selenium', selenium.__version__)"
