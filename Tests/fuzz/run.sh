#!/usr/bin/env bash
# Fuzzes Docent with libFuzzer: builds each target (release, address sanitizer), seeds a corpus from
# fixtures/, runs every target for a bounded time, prints executions and crashes per target, and exits
# non-zero when a target crashed (a crash, an assertion, a sanitizer report, a timeout or running out
# of memory). Skips with exit 0, saying so, when the Swift toolchain cannot build fuzzers (macOS's
# Xcode toolchain, say) — a missing optional tool is not a failure.
#
#   Tests/fuzz/run.sh [SECONDS-PER-TARGET] [TARGET …]      default 60 s, every target
#
# Targets: framing (MessageFramer + JSON-RPC decoding + LanguageServer dispatch), markdown
# (MarkdownScanner + TermMatcher), glossary (every layout, forced and detected, and the rules),
# frontmatter (FrontMatterReader), configuration (JSON parser + docent.json loader).
#
# Everything is written under Tests/fuzz/.work (git-ignored): build/ (cached while the sources are
# unchanged), corpus/<target>/ (seeds, then what the fuzzer finds; kept between runs), crashes/<target>/
# (reproducers), logs/. Reproduce a crash with: Tests/fuzz/.work/build/<target>-fuzz <crash file>.
# FUZZ_JOBS sets how many targets run at once (default: the number of cores); FUZZ_WORK the work folder.
set -uo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-60}"
shift || true
all_targets=(framing markdown glossary frontmatter configuration)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

work="${FUZZ_WORK:-Tests/fuzz/.work}"
build="$work/build"
mkdir -p "$build" "$work/corpus" "$work/crashes" "$work/logs"
jobs="${FUZZ_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}"

swiftc="$(command -v swiftc || true)"
if [ -z "$swiftc" ]; then
    echo "fuzz: skipped — no swiftc on PATH"
    exit 0
fi

# Can this toolchain build a libFuzzer binary at all?
probe="$build/probe"
cat > "$build/probe.swift" <<'SWIFT'
@_cdecl("LLVMFuzzerTestOneInput") public func probe(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { 0 }
SWIFT
if ! "$swiftc" -parse-as-library -sanitize=fuzzer,address "$build/probe.swift" -o "$probe" > "$work/logs/probe.log" 2>&1; then
    echo "fuzz: skipped — this Swift toolchain cannot build libFuzzer targets (-sanitize=fuzzer):"
    sed 's/^/  /' "$work/logs/probe.log" | head -5
    exit 0
fi

# Build the three libraries as static, instrumented modules, then one binary per target.
flags=(-parse-as-library -O -wmo -num-threads 2 -gline-tables-only -sanitize=fuzzer,address)
stamp="$( (cat Tests/fuzz/run.sh; find Sources/DocentCore Sources/DocentIO Sources/DocentLSP Tests/fuzz/targets -name '*.swift' | sort | xargs cat) | cksum)"
if [ "$(cat "$build/stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "fuzz: building targets (release, address sanitizer)…"
    start=$SECONDS
    rm -f "$build"/*-fuzz "$build"/stamp
    for module in DocentCore DocentIO DocentLSP; do
        # shellcheck disable=SC2046
        if ! "$swiftc" "${flags[@]}" -I "$build" -module-name "$module" -emit-module -emit-module-path "$build/$module.swiftmodule" \
            -emit-library -static -o "$build/lib$module.a" $(find "Sources/$module" -name '*.swift' | sort) > "$work/logs/build-$module.log" 2>&1; then
            echo "fuzz: building $module failed:"; tail -30 "$work/logs/build-$module.log"; exit 1
        fi
    done
    for target in "${all_targets[@]}"; do
        file="Tests/fuzz/targets/$(tr '[:lower:]' '[:upper:]' <<< "${target:0:1}")${target:1}Fuzz.swift"
        [ "$target" = frontmatter ] && file=Tests/fuzz/targets/FrontMatterFuzz.swift
        if ! "$swiftc" "${flags[@]}" -I "$build" -L "$build" -lDocentLSP -lDocentIO -lDocentCore -module-name "${target^}Fuzz" \
            "$file" -o "$build/$target-fuzz" > "$work/logs/build-$target.log" 2>&1; then
            echo "fuzz: building the $target target failed:"; tail -30 "$work/logs/build-$target.log"; exit 1
        fi
    done
    echo "$stamp" > "$build/stamp"
    echo "fuzz: built in $((SECONDS - start)) s"
fi

# Seeds from fixtures/ (re-written each run; what the fuzzer adds stays in the corpus).
if [ ! -x "$build/seed-corpus-builder" ] || [ Tests/fuzz/SeedCorpusBuilder.swift -nt "$build/seed-corpus-builder" ]; then
    "$swiftc" -O -parse-as-library Tests/fuzz/SeedCorpusBuilder.swift -o "$build/seed-corpus-builder" > "$work/logs/build-seeds.log" 2>&1 \
        || { echo "fuzz: building the seed corpus builder failed:"; tail -20 "$work/logs/build-seeds.log"; exit 1; }
fi
"$build/seed-corpus-builder" fixtures "$work/corpus" || exit 1

run_target() {
    local target="$1"
    mkdir -p "$work/crashes/$target"
    # -detect_leaks=0: Swift runtime caches read as leaks to LeakSanitizer; memory is measured by the
    # soak test. SWIFT_BACKTRACE=enable=no: on a crash the Swift runtime would start swift-backtrace,
    # which trips the address sanitizer and outlives the target; libFuzzer prints the stack itself.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" "$build/$target-fuzz" "$work/corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -detect_leaks=0 \
        -print_final_stats=1 -artifact_prefix="$work/crashes/$target/" > "$work/logs/$target.raw" 2>&1
    echo "$?" > "$work/logs/$target.status"
    # The server's own stderr lines ("docent: framing error …") are dropped from the log.
    grep -av '^docent: ' "$work/logs/$target.raw" > "$work/logs/$target.log"
    rm -f "$work/logs/$target.raw"
}

echo "fuzz: ${targets[*]} — ${seconds} s each, $jobs at a time"
running=0
for target in "${targets[@]}"; do
    run_target "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

failed=0
printf '%-14s %12s %10s %8s %s\n' target executions exec/s corpus result
for target in "${targets[@]}"; do
    log="$work/logs/$target.log"
    status="$(cat "$work/logs/$target.status" 2>/dev/null || echo 1)"
    executions="$(grep -aoE 'stat::number_of_executed_units:[[:space:]]*[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$')"
    speed="$(grep -aoE 'stat::average_exec_per_sec:[[:space:]]*[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$')"
    corpus="$(find "$work/corpus/$target" -type f | wc -l)"
    result=ok
    if [ "$status" != 0 ]; then
        failed=1
        artifact="$(grep -ao "Test unit written to .*" "$log" | tail -1 | sed 's/Test unit written to //')"
        result="CRASH (exit $status) ${artifact:-see $log}"
    fi
    printf '%-14s %12s %10s %8s %s\n' "$target" "${executions:-?}" "${speed:-?}" "$corpus" "$result"
done
if [ "$failed" != 0 ]; then
    echo "fuzz: a target crashed; the logs are in $work/logs, reproducers in $work/crashes"
    for target in "${targets[@]}"; do
        [ "$(cat "$work/logs/$target.status" 2>/dev/null)" = 0 ] || { echo "== $target"; grep -a -m1 -A25 -E "ERROR|Fatal error|==[0-9]+==|deadly signal|timeout" "$work/logs/$target.log" | head -40; }
    done
    exit 1
fi
echo "fuzz: no crashes"
