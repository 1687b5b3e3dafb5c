#!/usr/bin/env bash
# Runs `docent check` and a ripgrep search for every glossary term over the same files, alternately,
# several times in one go, and prints the medians and their ratio — so the comparison holds on a
# noisy machine. Usage: Tests/benchmarks/compare.sh [WORKSPACE] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
workspace=${1:-../shared/corpus/backstage-docs}
runs=${2:-9}

command -v rg >/dev/null || { echo "compare.sh: ripgrep is needed (apt-get install ripgrep)" >&2; exit 2; }
swift build -c release --product docent >/dev/null
docent=.build/release/docent

# Every term and alias of the workspace's glossary, one per line, as ripgrep's fixed strings.
terms=$(mktemp)
trap 'rm -f "$terms"' EXIT
"$docent" terms --json "$workspace" | python3 -c '
import json, sys
names = set()
for entry in json.load(sys.stdin):
    names.add(entry["term"])
    names.update(entry["aliases"])
print("\n".join(sorted(n for n in names if n.strip())))' > "$terms"

# The same files docent reads (its include globs), as a list for ripgrep.
files=$(mktemp)
trap 'rm -f "$terms" "$files"' EXIT
(cd "$workspace" && find . -type f \( -name '*.md' -o -name '*.mdx' \) -not -path '*/node_modules/*' -not -path '*/.*' | sort) > "$files"

now() { date +%s.%N; }
docent_times=(); rg_times=()
for ((i = 0; i < runs; i++)); do
    start=$(now); "$docent" check "$workspace" > /dev/null; end=$(now)
    docent_times+=("$(echo "$end - $start" | bc)")
    start=$(now); (cd "$workspace" && xargs -a "$files" rg -i -o -w -F -f "$terms" --no-heading > /dev/null) || true; end=$(now)
    rg_times+=("$(echo "$end - $start" | bc)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
d=$(median "${docent_times[@]}"); r=$(median "${rg_times[@]}")
echo "workspace: $workspace ($(wc -l < "$files") files, $(cd "$workspace" && xargs -a "$files" cat | wc -c) bytes), $(wc -l < "$terms") terms and aliases, $runs alternating runs"
echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf 'docent check (all rules):      median %.3f s\n' "$d"
printf 'rg -i -o -w -F -f terms:       median %.3f s\n' "$r"
printf 'ratio docent / ripgrep:        %.2f\n' "$(echo "$d / $r" | bc -l)"
