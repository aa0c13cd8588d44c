#!/usr/bin/env bash
# Fails when any of the portal's strings is missing from a catalogue, not
# translated, or marked fuzzy (a guess that a person has not checked yet).
# It first brings each catalogue up to date with the code (makemessages),
# so a string added to a template or a Python file is caught too.
# Usage: scripts/check_translations.sh [lang ...]   (default: pl ro ur)
set -euo pipefail
cd "$(dirname "$0")/.."

LANGS=("$@")
[ ${#LANGS[@]} -gt 0 ] || LANGS=(pl ro ur)

for tool in msgattrib msgfmt; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing (apt-get install gettext)" >&2; exit 2; }
done

args=()
for lang in "${LANGS[@]}"; do args+=(--locale "$lang"); done
DEBUG=true .venv/bin/python manage.py makemessages "${args[@]}" \
  --ignore '.venv/*' --ignore '.tools/*' --ignore 'tests/*' --ignore 'staticfiles/*' \
  --ignore 'screenshots/*' --no-obsolete >/dev/null

status=0
for lang in "${LANGS[@]}"; do
  po="locale/$lang/LC_MESSAGES/django.po"
  if [ ! -f "$po" ]; then
    echo "$lang: no catalogue at $po"
    status=1
    continue
  fi
  # msgfmt counts the entries (the catalogue's header is not one of them);
  # msgattrib lists those that are untranslated or fuzzy.
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1)
  untranslated=$(grep -oE '[0-9]+ untranslated' <<<"$stats" | grep -oE '[0-9]+' || echo 0)
  fuzzy=$(grep -oE '[0-9]+ fuzzy' <<<"$stats" | grep -oE '[0-9]+' || echo 0)
  if [ "$untranslated" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "$lang: $untranslated untranslated, $fuzzy fuzzy in $po"
    { msgattrib --untranslated --no-wrap "$po"; msgattrib --only-fuzzy --no-wrap "$po"; } |
      grep -E '^msgid "' | grep -v '^msgid ""$' | head -n 10 | sed "s/^/  $lang: /" || true
    status=1
  else
    echo "$lang: complete"
  fi
  # A translation that breaks a placeholder ({{ name }}, %(count)s) fails here.
  msgfmt --check-format -o /dev/null "$po" || status=1
done
exit $status
