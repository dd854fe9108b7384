#!/usr/bin/env bash
# Refresh the front-end libraries the platform serves itself. Run after changing package.json;
# the copied files are committed so that a fresh clone serves them without Node.js.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
vendor=src/cloudpark/static/vendor
rm -rf "$vendor"
mkdir -p "$vendor/bootstrap" "$vendor/htmx" "$vendor/jsqr" "$vendor/echarts"
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map "$vendor/bootstrap/"
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map "$vendor/bootstrap/"
cp node_modules/htmx.org/dist/htmx.min.js "$vendor/htmx/"
cp node_modules/bootstrap/LICENSE "$vendor/bootstrap/LICENSE"
cp node_modules/htmx.org/LICENSE "$vendor/htmx/LICENSE"
# The check-in desk reads tickets' QR codes with the camera.
cp node_modules/jsqr/dist/jsQR.js "$vendor/jsqr/"
cp node_modules/jsqr/LICENSE "$vendor/jsqr/LICENSE"
# The dashboards draw their charts with Apache ECharts.
cp node_modules/echarts/dist/echarts.min.js "$vendor/echarts/"
cp node_modules/echarts/LICENSE node_modules/echarts/NOTICE "$vendor/echarts/"
for package in bootstrap htmx.org jsqr echarts; do
  printf '%s %s\n' "$package" "$(node -p "require('./node_modules/$package/package.json').version")"
done > "$vendor/VERSIONS"
