#!/usr/bin/env bash
# Extract the translatable strings into the Chinese catalog and compile it.
# Needs GNU gettext (Debian package gettext). English is the source language.
set -euo pipefail
cd "$(dirname "$0")/../src/cloudpark"
export DJANGO_SETTINGS_MODULE=cloudpark.settings CLOUDPARK_ENV=test
python=../../.venv/bin/python
"$python" -m django makemessages --locale zh_Hans --no-location --no-obsolete \
  --ignore 'static/*' --ignore '*/migrations/*'
"$python" -m django compilemessages --locale zh_Hans
