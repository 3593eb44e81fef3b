#!/bin/sh
# book/check.sh BUILD: check the HTML book and handouts in a real browser.
#
# Every page of BUILD/book/ and BUILD/handouts/ is loaded, at 1280 and at
# 390 pixels wide, in an iframe of one host page that headless Chromium
# runs (book/check.js does the checks inside each page): no page may
# scroll sideways, every figure must fit its column and be loaded, every
# link to an anchor of the same page must find it.  Links between pages
# are checked here, from the files: the page must exist and hold the
# anchor.  Prints one line per problem and exits 1 if there is any.
set -eu
build=$1
pages=$(cd "$build" && ls book/*.html handouts/*.html 2>/dev/null | grep -v '^book/check' || true)
[ -n "$pages" ] || { echo "book-check: no pages in $build/book or $build/handouts" >&2; exit 1; }
host=$build/check.html
{
  echo '<!DOCTYPE html><html><body><script>var pages = ['
  for p in $pages; do echo "\"$p\","; done
  echo '];</script><script src="../book/check.js"></script></body></html>'
} > "$host"
out=$(timeout 600 chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
  --window-size=1400,1000 --virtual-time-budget=600000 --dump-dom "file://$(realpath "$host")" 2>/dev/null |
  sed -n 's/.*data-check="\([^"]*\)".*/\1/p' | sed 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g')
[ -n "$out" ] || { echo "book-check: the browser reported nothing (is chromium installed? make deps-check)" >&2; exit 1; }
problems=$(printf '%s\n' "$out" | tr '|' '\n' | grep -v '^ok ' || true)
checked=$(printf '%s\n' "$out" | tr '|' '\n' | grep -c '^ok ' || true)
# Links from one page to another (HTML book only; a handout's links
# into the book point at ../book/ and are checked the same way).
for p in $pages; do
  dir=$(dirname "$build/$p")
  grep -o 'href="[^"#:]*\.html\(#[^"]*\)\?"' "$build/$p" | sed 's/^href="//; s/"$//' | sort -u |
  while read -r link; do
    file=${link%%#*}; anchor=${link#*#}; [ "$anchor" = "$link" ] && anchor=
    if [ ! -f "$dir/$file" ]; then echo "$p: link to a missing page: $link"
    elif [ -n "$anchor" ] && ! grep -q "id=\"$anchor\"" "$dir/$file"; then echo "$p: link to a missing anchor: $link"
    fi
  done
done > "$build/check-links.txt"
problems=$(printf '%s\n%s\n' "$problems" "$(cat "$build/check-links.txt")" | grep -v '^$' || true)
if [ -n "$problems" ]; then
  printf '%s\n' "$problems" | sed 's/^/book-check: /' >&2
  exit 1
fi
echo "book-check: $checked page views (each page at 1280 and 390 pixels) and the links between pages are fine"
