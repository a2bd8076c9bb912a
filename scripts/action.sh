#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml): `action.sh install`, then `action.sh check`.
# Inputs come as STARLINT_* variables (set by action.yml from its inputs); GITHUB_PATH,
# GITHUB_OUTPUT and RUNNER_TEMP are the runner's.
set -euo pipefail

case "${1:-}" in
  install)
    venv="${RUNNER_TEMP:-/tmp}/starlint-venv"
    python3 -m venv "$venv"
    if [ -n "${STARLINT_WHEEL:-}" ]; then
      "$venv/bin/pip" install --quiet --disable-pip-version-check "$STARLINT_WHEEL"
    else
      "$venv/bin/pip" install --quiet --disable-pip-version-check "starlint==${STARLINT_VERSION:?}"
    fi
    "$venv/bin/starlint" --version
    echo "$venv/bin" >>"$GITHUB_PATH"
    ;;
  check)
    read -r -a paths <<<"$(tr '\n' ' ' <<<"${STARLINT_PATHS:-.}")"
    read -r -a extra <<<"${STARLINT_ARGS:-}"
    args=(--fail-on "${STARLINT_FAIL_ON:-warning}" "${extra[@]+"${extra[@]}"}")
    if [ "${STARLINT_ONLY_CHANGED:-false}" = true ]; then
      base="${STARLINT_BASE:-}"
      if [ -z "$base" ] || [ "$base" = 0000000000000000000000000000000000000000 ]; then
        echo "::error title=starlint::only-changed needs a base: set base-ref, or run on pull_request or push"
        exit 2
      fi
      # actions/checkout fetches one commit by default: fetch the base too.
      if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
        git fetch --quiet --depth=1 origin "$base"
      fi
      args+=(--changed-since "$base")
      echo "reporting only lines changed since $base"
    fi
    if [ -n "${STARLINT_SARIF:-}" ]; then
      # Code scanning takes every result; the step's status comes from the run below.
      starlint check --format sarif "${args[@]}" "${paths[@]}" >"$STARLINT_SARIF" || [ $? = 1 ]
      echo "sarif-file=$STARLINT_SARIF" >>"${GITHUB_OUTPUT:-/dev/null}"
      echo "SARIF written to $STARLINT_SARIF"
    fi
    starlint check --format github "${args[@]}" "${paths[@]}"
    ;;
  *)
    echo "usage: action.sh install|check" >&2
    exit 2
    ;;
esac
