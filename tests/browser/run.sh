#!/bin/sh
# run.sh: opens an HTML report (html_whatif) in a real headless Chromium and
# checks that it renders offline: no console message, no attempt to load
# anything from the network, and charts in the rendered DOM. Keeps the
# rendered DOM and a screenshot as artefacts.
#
# Usage: tests/browser/run.sh REPORT.html OUTDIR
#   writes OUTDIR/screenshot.png, OUTDIR/dom.html and OUTDIR/chromium.log
#   exit 0: PASS, 1: FAIL, 2: usage or environment error
# Environment: CHROMIUM (default /usr/bin/chromium), MIN_SVG (the fewest
# charts the report must have, default 1), TIMEOUT (seconds per run, 120),
# PDF (a file: print the page to it as well, A4 as its stylesheet says,
# with the same checks of the log; tests/browser/basis.py reads it).
set -u

me=${0##*/}
if [ $# -ne 2 ]; then
    echo "usage: $me REPORT.html OUTDIR" >&2
    exit 2
fi
report=$1
outdir=$2
chromium=${CHROMIUM:-/usr/bin/chromium}
min_svg=${MIN_SVG:-1}
limit=${TIMEOUT:-120}

if [ ! -r "$report" ] || [ ! -f "$report" ]; then
    echo "FAIL: $report: no such readable file" >&2
    exit 2
fi
if [ ! -x "$chromium" ]; then
    echo "FAIL: $chromium not found (Debian package 'chromium')" >&2
    exit 2
fi
mkdir -p "$outdir" || exit 2
outdir=$(cd "$outdir" && pwd) || exit 2

# Everything Chromium writes (profile, HOME, caches, logs) goes into one
# temporary folder that is removed however the script ends.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/medel-browser.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
mkdir "$tmp/home"

# A file: URL; the characters that would end the path are percent-encoded.
path=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
url=file://$(printf '%s' "$path" | sed 's/%/%25/g; s/ /%20/g; s/#/%23/g; s/?/%3F/g')

failures=0
fail() {
    echo "  - $*"
    failures=$((failures + 1))
}

count() {   # count PATTERN FILE: occurrences of a fixed string
    grep -oF -- "$1" "$2" | wc -l | tr -d ' '
}

# Runs Chromium once with the given action flags. The machine has no
# network: without these flags Chromium waits on it, and each run gets a
# fresh profile so runs never share state. The NetLog records every request
# Chromium starts, including the ones that fail.
run() {
    name=$1
    shift
    mkdir "$tmp/profile-$name"
    HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_CACHE_HOME=$tmp/home/.cache \
        timeout "$limit" "$chromium" --headless --no-sandbox --disable-gpu \
        --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --disable-dev-shm-usage \
        --user-data-dir="$tmp/profile-$name" \
        --enable-logging=stderr --v=0 --log-net-log="$tmp/net-$name.json" \
        "$@" "$url" >"$tmp/out-$name" 2>"$tmp/err-$name"
    rc=$?
    { echo "==== chromium ($name): exit $rc"; cat "$tmp/err-$name"; } >>"$outdir/chromium.log"
    if [ $rc -ne 0 ]; then
        fail "chromium ($name) exited with $rc (124: timed out after ${limit}s)"
    fi
    check_log "$name"
}

# The report has no scripts, so any console message at all is a problem:
# this Chromium logs every console level as INFO:CONSOLE, so errors cannot
# be told apart by level, and a static page logs nothing unless something
# failed. Loading errors and blocked loads mean an external resource.
check_log() {
    err=$tmp/err-$1
    if grep -q 'CONSOLE' "$err"; then
        fail "console messages ($1):"
        grep 'CONSOLE' "$err" | sed 's/^/      /' | head -20
    fi
    if grep -qE 'Uncaught|Refused to (load|apply|execute|connect)|net::ERR_' "$err"; then
        fail "errors or blocked loads in the log ($1):"
        grep -E 'Uncaught|Refused to|net::ERR_' "$err" | sed 's/^/      /' | head -20
    fi
    # Requests made for the page carry its file:// site; Chromium's own
    # background requests (updates, time) do not and are not the page's.
    net=$tmp/net-$1.json
    if [ ! -s "$net" ]; then
        fail "no network log ($1): cannot tell whether the page made requests"
    else
        grep -F 'site=file://' "$net" | grep -o '"url":"[^"]*"' |
            grep -vE '"url":"(file|data|about|blob|chrome):' | sort -u >"$tmp/requests-$1"
        if [ -s "$tmp/requests-$1" ]; then
            fail "the page tried network requests ($1):"
            sed 's/^/      /' "$tmp/requests-$1" | head -20
        fi
    fi
}

: >"$outdir/chromium.log"
rm -f "$outdir/screenshot.png" "$outdir/dom.html"

echo "$me: $report"
run dom --dump-dom
cp "$tmp/out-dom" "$outdir/dom.html"
run screenshot --screenshot="$outdir/screenshot.png" --window-size=1280,2000
if [ -n "${PDF:-}" ]; then
    rm -f "$PDF"
    run pdf --print-to-pdf="$PDF" --no-pdf-header-footer
    [ -s "$PDF" ] || fail "no PDF: printing the page failed"
fi

# ---- the rendered DOM ----
dom=$outdir/dom.html
if [ ! -s "$dom" ]; then
    fail "empty DOM: the page did not render"
else
    n_html=$(count '<html' "$dom")
    n_svg=$(count '<svg' "$dom")
    n_svg_end=$(count '</svg>' "$dom")
    n_rect=$(count '<rect' "$dom")
    n_poly=$(count '<polyline' "$dom")
    n_sweep=$(count 'class="sweep"' "$dom")
    n_text=$(count '<text' "$dom")
    # Titles in the charts: all but those in <head> (the document's).
    n_title=$(($(count '<title' "$dom") - $(sed '/<\/head>/q' "$dom" | grep -oF '<title' | wc -l)))
    n_key=$(count 'class="key"' "$dom")
    n_table=$(count '<table' "$dom")
    echo "  DOM: $n_svg svg, $n_rect rect, $n_poly polyline, $n_text text," \
        "$n_title title (in the body), $n_key legend entries, $n_table tables"
    [ "$n_html" -eq 1 ] || fail "$n_html <html> elements, want 1"
    # The language of the report's text: English for a report made with
    # LANGUAGE=en (its golden file is NAME.en.html), else Swedish.
    want_lang=sv
    case "$report" in *.en.html) want_lang=en ;; esac
    grep -q "<html lang=\"$want_lang\"" "$dom" || fail "no <html lang=\"$want_lang\">"
    [ "$n_svg" -ge "$min_svg" ] || fail "$n_svg charts (<svg>), want at least $min_svg"
    [ "$n_svg" -eq "$n_svg_end" ] || fail "unbalanced <svg>: $n_svg open, $n_svg_end closed"
    if [ "$n_svg" -gt 0 ]; then
        [ "$n_rect" -gt 0 ] || fail "charts without bars (<rect>)"
        [ "$n_text" -gt 0 ] || fail "charts without text (axis, labels)"
        [ "$n_key" -gt 0 ] || fail "charts without a legend"
        # Screen readers name a chart by its <title>: every chart needs one.
        [ "$n_title" -ge "$n_svg" ] || fail "$n_svg charts but only $n_title <title> in them"
    fi
    [ "$n_sweep" -eq 0 ] || [ "$n_poly" -ge 2 ] || fail "a sweep chart without its two lines"
    # Belt and braces to the NetLog: nothing in the DOM points outside it.
    grep -oiE ' (src|srcset|href|xlink:href|action|poster|background)=("[^"]*"|'"'"'[^'"'"']*'"'"'|[^ >]*)' "$dom" |
        grep -viE '=("|'"'"')?(#|data:)' >"$tmp/refs"
    grep -oiE 'url\([^)]*\)|@import' "$dom" | grep -viE 'url\(("|'"'"')?(#|data:)' >>"$tmp/refs"
    if [ -s "$tmp/refs" ]; then
        fail "references to outside resources in the DOM:"
        sed 's/^/      /' "$tmp/refs" | head -20
    fi
fi

# ---- the screenshot ----
shot=$outdir/screenshot.png
if [ ! -s "$shot" ]; then
    fail "no screenshot"
elif [ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
    fail "screenshot is not a PNG"
elif [ "$(wc -c <"$shot")" -lt 10000 ]; then
    fail "screenshot is suspiciously small (blank page?)"
fi

if [ "$failures" -eq 0 ]; then
    echo "PASS: $report renders offline with $n_svg charts; screenshot $shot"
    exit 0
fi
echo "FAIL: $report: $failures problem(s); see $outdir/chromium.log"
exit 1
