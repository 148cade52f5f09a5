#!/bin/sh
# letters.sh: the decision letters (medel beslut) in a real headless
# Chromium: a letter and the index render offline (no console message, no
# network request, nothing in the DOM pointing outside it), and the letter
# printed with --print-to-pdf is A4 (pdfinfo) and rasterises page by page
# (pdftoppm). Keeps the letters, the PDF, a screenshot and page images in
# OUTDIR as artefacts.
#
# Usage: tests/browser/letters.sh MEDEL SOURCE_DIR OUTDIR
#   exit 0: PASS, 1: FAIL, 2: usage or environment error
# Environment: CHROMIUM (default /usr/bin/chromium), TIMEOUT (seconds per run, 120).
set -u

me=${0##*/}
if [ $# -ne 3 ]; then
    echo "usage: $me MEDEL SOURCE_DIR OUTDIR" >&2
    exit 2
fi
medel=$1
source=$2
outdir=$3
chromium=${CHROMIUM:-/usr/bin/chromium}
limit=${TIMEOUT:-120}
for tool in "$chromium" "$(command -v pdfinfo)" "$(command -v pdftoppm)"; do
    if [ -z "$tool" ] || [ ! -x "$tool" ]; then
        echo "FAIL: ${tool:-pdfinfo or pdftoppm} not found (Debian packages 'chromium' and 'poppler-utils')" >&2
        exit 2
    fi
done
rm -rf "$outdir"
mkdir -p "$outdir" || exit 2
outdir=$(cd "$outdir" && pwd) || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/medel-letters.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
mkdir "$tmp/home"

failures=0
fail() {
    echo "  - $*"
    failures=$((failures + 1))
}

# The letters of the 2021 example, dated reproducibly.
(cd "$source" && SOURCE_DATE_EPOCH=1616371200 "$medel" beslut rules/ungdomsmottagningar-2021.medel \
    examples/ansokningar-ungdomsmottagningar-2021.csv --ut "$outdir/brev") >"$outdir/medel.log" 2>&1 ||
    { echo "FAIL: medel beslut exited with $?; see $outdir/medel.log"; exit 1; }

url_of() {
    printf 'file://%s' "$1" | sed 's/%/%25/g; s/ /%20/g; s/#/%23/g; s/?/%3F/g'
}

# As tests/browser/run.sh: no network, a fresh profile per run, the NetLog
# records every request the page starts.
run() {
    name=$1
    url=$2
    shift 2
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
    [ $rc -eq 0 ] || fail "chromium ($name) exited with $rc (124: timed out after ${limit}s)"
    err=$tmp/err-$name
    if grep -q 'CONSOLE' "$err"; then
        fail "console messages ($name):"
        grep 'CONSOLE' "$err" | sed 's/^/      /' | head -20
    fi
    if grep -qE 'Uncaught|Refused to (load|apply|execute|connect)|net::ERR_' "$err"; then
        fail "errors or blocked loads in the log ($name):"
        grep -E 'Uncaught|Refused to|net::ERR_' "$err" | sed 's/^/      /' | head -20
    fi
    net=$tmp/net-$name.json
    if [ ! -s "$net" ]; then
        fail "no network log ($name): cannot tell whether the page made requests"
    else
        grep -F 'site=file://' "$net" | grep -o '"url":"[^"]*"' |
            grep -vE '"url":"(file|data|about|blob|chrome):' | sort -u >"$tmp/requests-$name"
        if [ -s "$tmp/requests-$name" ]; then
            fail "the page tried network requests ($name):"
            sed 's/^/      /' "$tmp/requests-$name" | head -20
        fi
    fi
}

# Nothing in a rendered page points outside it but the letters beside it.
check_dom() {
    dom=$1
    if [ ! -s "$dom" ]; then
        fail "empty DOM: $dom did not render"
        return
    fi
    grep -q '<html lang="sv"' "$dom" || fail "$dom: no <html lang=\"sv\">"
    grep -q '<script' "$dom" && fail "$dom: a script"
    grep -oiE ' (src|srcset|href|action|poster|background)=("[^"]*"|[^ >]*)' "$dom" |
        grep -viE '=("?)(#|data:|[a-z0-9-]+\.html")' >"$tmp/refs"
    grep -oiE 'url\([^)]*\)|@import' "$dom" >>"$tmp/refs"
    if [ -s "$tmp/refs" ]; then
        fail "$dom: references to outside resources:"
        sed 's/^/      /' "$tmp/refs" | head -20
    fi
}

letter=$outdir/brev/stockholms-stad-socialforvaltningen.html
index=$outdir/brev/index.html
echo "$me: $letter"
run letter-dom "$(url_of "$letter")" --dump-dom
cp "$tmp/out-letter-dom" "$outdir/letter-dom.html"
check_dom "$outdir/letter-dom.html"
grep -q 'UMO-2021-005' "$outdir/letter-dom.html" || fail "the letter does not show UMO-2021-005"
run index-dom "$(url_of "$index")" --dump-dom
cp "$tmp/out-index-dom" "$outdir/index-dom.html"
check_dom "$outdir/index-dom.html"
n_links=$(grep -o '<a href="[^"]*\.html"' "$outdir/index-dom.html" | wc -l | tr -d ' ')
n_letters=$(ls "$outdir/brev" | grep -c '\.html$')
[ "$n_links" -eq $((n_letters - 1)) ] || fail "index.html links $n_links letters, the folder has $((n_letters - 1))"
run screenshot "$(url_of "$letter")" --screenshot="$outdir/screenshot.png" --window-size=900,1300
[ -s "$outdir/screenshot.png" ] || fail "no screenshot"

# ---- printed ----
pdf=$outdir/brev.pdf
run pdf "$(url_of "$letter")" --no-pdf-header-footer --print-to-pdf="$pdf"
if [ ! -s "$pdf" ]; then
    fail "no PDF"
else
    pdfinfo "$pdf" >"$outdir/pdfinfo.txt" 2>&1 || fail "pdfinfo cannot read the PDF"
    size=$(sed -n 's/^Page size: *//p' "$outdir/pdfinfo.txt")
    pages=$(sed -n 's/^Pages: *//p' "$outdir/pdfinfo.txt")
    echo "  PDF: $pages pages, $size"
    case "$size" in
        *"(A4)"*) ;;
        *) fail "the PDF's pages are $size, not A4" ;;
    esac
    [ "${pages:-0}" -ge 2 ] || fail "$pages pages: four applications with their conditions take more than one A4 page"
    pdftoppm -r 30 -png "$pdf" "$outdir/page" 2>>"$outdir/chromium.log" || fail "pdftoppm cannot rasterise the PDF"
    n_png=$(ls "$outdir" | grep -c '^page.*\.png$')
    [ "$n_png" -eq "${pages:-0}" ] || fail "pdftoppm made $n_png page images of $pages pages"
fi

if [ "$failures" -eq 0 ]; then
    echo "PASS: the letters render offline and print on A4; artefacts in $outdir"
    exit 0
fi
echo "FAIL: $failures problem(s); see $outdir/chromium.log"
exit 1
