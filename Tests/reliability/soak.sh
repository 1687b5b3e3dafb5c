#!/usr/bin/env bash
# Soak test of the release `docent lsp` over real pipes: about 1,000 messages a second of mixed edits
# and queries on fixtures/portal, pages opened and closed in the workspace, in loose folders and as
# untitled buffers, for SECONDS (default 60). Prints messages sent, responses, and resident memory
# (baseline after warming up, peak, and after every page is closed), and fails when a request goes
# unanswered, an answer is an error, or memory does not come back near its baseline.
#
#   Tests/reliability/soak.sh [SECONDS]
#
# The unit suite runs the same test for 10 s against the debug build. SCRATCH sets the build folder
# (default .build).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
scratch="${SCRATCH:-.build}"
swift build -c release --product docent --scratch-path "$scratch" > /dev/null
binary="$(swift build -c release --product docent --scratch-path "$scratch" --show-bin-path)/docent"
echo "soak: ${seconds} s against $binary"
DOCENT_BINARY="$binary" DOCENT_SOAK_SECONDS="$seconds" swift test --scratch-path "$scratch" --filter SoakTests 2>&1 \
    | grep -E "^soak:|recorded an issue|Test run|error:" | sed 's/^/  /'
test "${PIPESTATUS[0]}" = 0
