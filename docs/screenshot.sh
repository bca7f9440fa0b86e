#!/usr/bin/env bash
# Regenerates docs/img/report.png, the picture in docs/review.md: the browser
# test that takes the report's screenshot writes it there as well.
# Run from anywhere after `make test` has set up .venv and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
IRMETRICS_SCREENSHOT="$PWD/docs/img/report.png" \
  .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_browser.py -k screenshot
ls -l docs/img/report.png
