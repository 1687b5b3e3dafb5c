#!/usr/bin/env bash
# Hostile workspaces at full size against the release binary, with wall time and peak memory:
# a 50 MB single-line page, 100,000 files, a glossary of 100,000 entries, and the language server
# indexing the 100,000 files. The unit suite runs the same shapes smaller (HostileWorkspaceTests,
# HostileInputTests); run this by hand and note the figures.
#
#   Tests/reliability/hostile-workspace.sh [FILES] [ENTRIES] [MEGABYTES]   defaults 100000 100000 50
#
# Uses /usr/bin/time -v for peak memory when present. SCRATCH sets the build folder (default .build).
set -euo pipefail
cd "$(dirname "$0")/../.."
files="${1:-100000}"
entries="${2:-100000}"
megabytes="${3:-50}"
scratch="${SCRATCH:-.build}"
swift build -c release --product docent --scratch-path "$scratch" > /dev/null
docent="$(swift build -c release --product docent --scratch-path "$scratch" --show-bin-path)/docent"
work="$(mktemp -d "${TMPDIR:-/tmp}/docent-hostile-XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Runs a command, printing its wall time, peak resident memory and exit status.
measure() {
    local name="$1"; shift
    local status=0
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2> "$work/err" || status=$?
        read -r seconds kilobytes < <(tail -1 "$work/time")
        printf '%-34s %8s s %8s MB   exit %s   %s\n' "$name" "$seconds" "$((kilobytes / 1024))" "$status" "$(tail -1 "$work/out" | cut -c1-80)"
    else
        local start=$SECONDS
        "$@" > "$work/out" 2> "$work/err" || status=$?
        printf '%-34s %8s s %8s      exit %s   %s\n' "$name" "$((SECONDS - start))" "?" "$status" "$(tail -1 "$work/out" | cut -c1-80)"
    fi
    grep -v '^docent: skipped' "$work/err" | head -3 | sed 's/^/    stderr: /' || true
}

echo "generating in $work …"
mkdir -p "$work/huge/docs" "$work/files/docs" "$work/entries/docs"
printf '## Service Catalog\n\nThe place that records who owns software.\n\n## DocHub\n\nThe docs viewer.\n' > "$work/huge/docs/glossary.md"
phrase="$(printf 'The Service Catalog and the Dochub list `code`, [links](x.md), \xe6\x97\xa5\xe6\x9c\xac and e\xcc\x81.')"
# (yes ends on SIGPIPE once head has enough: not a failure.)
{ printf '# Huge\n\n'; yes "$phrase" | tr '\n' ' ' | head -c "$((megabytes * 1024 * 1024))" || true; } > "$work/huge/docs/huge.md"
cp "$work/huge/docs/glossary.md" "$work/files/docs/glossary.md"
for ((index = 0; index < files; index++)); do
    folder="$work/files/docs/section-$((index % 500))"
    if [ "$index" -lt 500 ]; then mkdir -p "$folder"; fi
    printf '# Page %d\n\nThe Dochub and the Service Catalog, page %d.\n' "$index" "$index" > "$folder/page-$index.md"
done
{
    printf '# Glossary\n\n'
    for ((index = 0; index < entries; index++)); do
        printf '## Term %d\n\nThe definition of term %d, see [Term %d](#term-%d).\n\n' "$index" "$index" "$((index / 2))" "$((index / 2))"
    done
} > "$work/entries/docs/glossary.md"
printf '# Page\n\nTerm 1, Term 99999 and Term 5.\n' > "$work/entries/docs/page.md"

echo "docent check (release):"
measure "${megabytes} MB single line" "$docent" check "$work/huge"
measure "$files files" "$docent" check "$work/files"
measure "$entries glossary entries" "$docent" check "$work/entries"

# The language server indexing the many files, answering one query, and exiting.
frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
session() {
    frame "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"rootUri\":\"file://$1\",\"capabilities\":{}}}"
    frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'
    frame '{"jsonrpc":"2.0","id":2,"method":"workspace/symbol","params":{"query":"page 9999"}}'
    frame '{"jsonrpc":"2.0","id":3,"method":"shutdown"}'
    frame '{"jsonrpc":"2.0","method":"exit"}'
}
session "$work/files" > "$work/session-files"
session "$work/entries" > "$work/session-entries"
echo "docent lsp (release), initialize → indexed → query → exit:"
measure "$files files" sh -c "'$docent' lsp < '$work/session-files'"
measure "$entries glossary entries" sh -c "'$docent' lsp < '$work/session-entries'"
