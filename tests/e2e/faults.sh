#!/usr/bin/env bash
# File-system faults against the real binary (issue 11, §4 "Files and fixes"): each case builds
# its situation in a temp dir, runs `starlint check` under a timeout (a hang is a failure) and
# asserts the exit code, the one-line error naming the file, and the files' contents by
# checksum: every file is either the original or the complete fixed version, never anything in
# between, and nothing is left behind but what is documented.
#
#   read-only file under --fix, two --fix runs at once, a FIFO / a directory in place of the
#   cache file, a corrupted cache, a FIFO / a directory as config or `extend`, bad TOML,
#   unknown keys, an `extend` cycle, a FIFO / a dangling symlink / a directory named *.md to
#   check, --fix through a symlink, --fix on a full disk (a 64k tmpfs; skipped where none can
#   be mounted), a file-size limit (SIGXFSZ) during --fix, SIGKILL mid-way through --fix over many
#   files, files deleted and changed while --fix runs, a 100 MB file (refused: `[files]
#   max-size`) and the memory a 3 MB one takes, output to a closed pipe.
#
# Usage: tests/e2e/faults.sh   (from the repo root, after `cargo build --release`; STARLINT=path
# overrides the binary). Prints a matrix (case, expected, got, PASS/FAIL); exits 1 on any FAIL.
# Runs in a few seconds.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
starlint="${STARLINT:-$repo/target/release/starlint}"
case "$starlint" in /*) ;; *) starlint="$repo/$starlint" ;; esac
[ -x "$starlint" ] || { echo "faults: no starlint binary at $starlint (run cargo build --release)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'umount "$work/case-full-disk" 2>/dev/null; chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
# The runs must not find a config above the temp dir.
export HOME="$work"

rows=()
failures=0
# record CASE EXPECTED GOT OK(0|1|skip)
record() {
  local status=PASS
  if [ "$4" = skip ]; then
    status=SKIP
  elif [ "$4" != 0 ]; then
    status=FAIL
    failures=$((failures + 1))
  fi
  rows+=("$1|$2|$3|$status")
}

# A story with one safe fix (`Custmer` -> `Customer`) and problems left after it (exit 1).
story() {
  sed -n 1,40p "$repo/examples/story-bank.md"
}
story >"$work/original.md"
mkdir "$work/ref"
cp "$work/original.md" "$work/ref/story.md"
"$starlint" check --no-config --fix "$work/ref/story.md" >/dev/null 2>&1
orig_sum="$(sha256sum <"$work/original.md" | cut -d' ' -f1)"
fixed_sum="$(sha256sum <"$work/ref/story.md" | cut -d' ' -f1)"
original="$(cat "$work/original.md"; echo x)"
original="${original%x}"
if [ "$orig_sum" = "$fixed_sum" ]; then
  echo "faults: the sample story has no safe fix any more; pick another" >&2
  exit 1
fi

# Run starlint in a dir with a timeout; sets rc, out, err (stderr's lines).
run() {
  local dir="$1"
  shift
  (cd "$dir" && timeout 60 "$starlint" "$@" >"$work/out" 2>"$work/err")
  rc=$?
  err="$(cat "$work/err")"
}

# Count the files under DIR whose checksum is neither the original nor the fixed version, and
# those fixed; sets bad, fixed.
sums() {
  bad=0
  fixed=0
  local s
  while read -r s _; do
    if [ "$s" = "$fixed_sum" ]; then
      fixed=$((fixed + 1))
    elif [ "$s" != "$orig_sum" ]; then
      bad=$((bad + 1))
    fi
  done < <(find "$1" -name '*.md' -type f -exec sha256sum {} +)
}

# N copies of the original story in DIR, s1.md .. sN.md (no fork per file).
copies() {
  local i
  for ((i = 1; i <= $2; i++)); do printf '%s' "$original" >"$1/s$i.md"; done
}

# Leftover temporary files of --fix.
temps() {
  find "$1" -name '.starlint-fix-*' -o -name '.tmp*' | grep -c . || true
}

# Does stderr hold exactly one error line naming NEEDLE?
one_error() {
  [ "$(grep -c '^starlint: error:' <<<"$err")" = 1 ] && grep -q "^starlint: error: .*$1" <<<"$err"
}

case_dir() {
  local d="$work/case-$1"
  mkdir -p "$d"
  echo "$d"
}

# --- 1. --fix on a read-only file ------------------------------------------------------------
d="$(case_dir readonly)"
story >"$d/a.md"
story >"$d/b.md"
chmod 444 "$d/b.md"
run "$d" check --fix .
sums "$d"
b_sum="$(sha256sum <"$d/b.md" | cut -d' ' -f1)"
a_sum="$(sha256sum <"$d/a.md" | cut -d' ' -f1)"
mode="$(stat -c %a "$d/b.md")"
one_error "b.md: cannot write fix: permission denied"
msg=$?
ok=1
[ "$rc" = 2 ] && [ "$msg" = 0 ] && [ "$b_sum" = "$orig_sum" ] && [ "$a_sum" = "$fixed_sum" ] \
  && [ "$mode" = 444 ] && [ "$(temps "$d")" = 0 ] && ok=0
record "--fix, read-only b.md" "2, 1 error, b orig, a fixed" \
  "$rc, $(grep -c '^starlint: error:' <<<"$err") error, b $([ "$b_sum" = "$orig_sum" ] && echo orig || echo CHANGED), a $([ "$a_sum" = "$fixed_sum" ] && echo fixed || echo NOT) " $ok

# --- 2. two --fix runs at once on one tree ---------------------------------------------------
d="$(case_dir concurrent)"
copies "$d" 200
(cd "$d" && timeout 30 "$starlint" check --fix . >/dev/null 2>"$work/err1") &
p1=$!
(cd "$d" && timeout 30 "$starlint" check --fix . >/dev/null 2>"$work/err2") &
p2=$!
wait $p1
r1=$?
wait $p2
r2=$?
sums "$d"
errors="$(cat "$work/err1" "$work/err2" | grep -c '^starlint: error:' || true)"
ok=1
[ "$r1" = 1 ] && [ "$r2" = 1 ] && [ "$errors" = 0 ] && [ "$bad" = 0 ] && [ "$fixed" = 200 ] \
  && [ "$(temps "$d")" = 0 ] && ok=0
record "two --fix runs at once, 200 files" "1 1, 0 errors, 200 fixed" "$r1 $r2, $errors errors, $fixed fixed, $bad torn" $ok

# --- 3. the cache file is a FIFO / a directory / garbage; the cache dir read-only ------------
for kind in fifo dir garbage; do
  d="$(case_dir "cache-$kind")"
  story >"$d/a.md"
  run "$d" check .
  first=$rc
  cache_file="$(find "$d/.starlint_cache" -name 'v1-*.json' | head -1)"
  rm -f "$cache_file"
  case $kind in
    fifo) mkfifo "$cache_file" ;;
    dir) mkdir "$cache_file" ;;
    garbage) head -c 3000 /dev/urandom >"$cache_file" ;;
  esac
  run "$d" check .
  ok=1
  [ "$first" = 1 ] && [ "$rc" = 1 ] && [ -z "$err" ] && ok=0
  record "cache file is a $kind" "1, silent (cache skipped)" "$rc${err:+, ${err%%$'\n'*}}" $ok
done
d="$(case_dir cache-ro)"
story >"$d/a.md"
run "$d" check .
printf '{"magic":"starlint-cache","stamp":"x","entr' >"$(find "$d/.starlint_cache" -name 'v1-*.json')"
chmod -R a-w "$d/.starlint_cache"
run "$d" check .
ok=1
[ "$rc" = 1 ] && [ -z "$err" ] && ok=0
record "truncated cache, read-only cache dir" "1, silent" "$rc${err:+, ${err%%$'\n'*}}" $ok

# --- 4. config: FIFO / directory / bad TOML / unknown key / extend cycle ---------------------
config_case() { # NAME EXPECTED-MESSAGE SETUP...
  local name="$1" needle="$2"
  shift 2
  d="$(case_dir "config-$name")"
  story >"$d/a.md"
  (cd "$d" && eval "$@")
  run "$d" check a.md
  one_error "$needle"
  local msg=$?
  ok=1
  [ "$rc" = 2 ] && [ "$msg" = 0 ] && ok=0
  record "config: $name" "2, '$needle'" "$rc, ${err%%$'\n'*}" $ok
}
config_case "extend -> FIFO" "base.toml: cannot read config: not a regular file" \
  "mkfifo base.toml; echo 'extend = \"base.toml\"' > starlint.toml"
config_case "extend -> directory" "base.toml: cannot read config: is a directory" \
  "mkdir base.toml; echo 'extend = \"base.toml\"' > starlint.toml"
# --config names a file directly.
d="$(case_dir config-flag-fifo)"
story >"$d/a.md"
mkfifo "$d/cfg.toml"
run "$d" check --config cfg.toml a.md
one_error "cfg.toml: cannot read config: not a regular file"
msg=$?
ok=1
[ "$rc" = 2 ] && [ "$msg" = 0 ] && ok=0
record "config: --config FIFO" "2, 'cfg.toml: ... not a regular file'" "$rc, ${err%%$'\n'*}" $ok
config_case "bad TOML" "starlint.toml:2: invalid array" "printf 'rules = [\n' > starlint.toml"
config_case "unknown key" "starlint.toml:1: unknown field \`bogus\`" "echo 'bogus = 1' > starlint.toml"
config_case "extend cycle" "goes round in a circle" \
  "echo 'extend = \"b.toml\"' > starlint.toml; echo 'extend = \"starlint.toml\"' > b.toml"

# --- 5. files to check: FIFO, dangling symlink, directory named *.md -------------------------
input_case() { # NAME NEEDLE SETUP ARGS...
  local name="$1" needle="$2" setup="$3"
  shift 3
  d="$(case_dir "input-${name// /-}")"
  story >"$d/a.md"
  (cd "$d" && eval "$setup")
  run "$d" check --no-cache "$@"
  one_error "$needle"
  local msg=$?
  local checked=0
  grep -q '^a\.md:' "$work/out" || grep -q '^\./a\.md:' "$work/out" || checked=1
  ok=1
  [ "$rc" = 2 ] && [ "$msg" = 0 ] && [ "$checked" = 0 ] && ok=0
  record "input: $name ($*)" "2, '$needle', a.md checked" "$rc, ${err%%$'\n'*}$([ $checked = 0 ] || echo ', a.md NOT checked')" $ok
}
input_case "FIFO" "f.md: cannot read: not a regular file" "mkfifo f.md" f.md a.md
input_case "FIFO walked" "f.md: cannot read: not a regular file" "mkfifo f.md" .
input_case "dangling symlink" "s.md: cannot read: dangling symbolic link" "ln -s nowhere.md s.md" s.md a.md
input_case "dangling symlink walked" "s.md: cannot read: dangling symbolic link" "ln -s nowhere.md s.md" .
d="$(case_dir input-dir-md)"
mkdir "$d/notes.md"
story >"$d/notes.md/a.md"
run "$d" check --no-cache notes.md
ok=1
[ "$rc" = 1 ] && [ -z "$err" ] && grep -q 'a\.md:' "$work/out" && ok=0
record "input: directory notes.md/" "1 (walked), silent" "$rc${err:+, ${err%%$'\n'*}}" $ok

# --- 5b. --fix through a symlink; --fix on a full disk ------------------------------------------
d="$(case_dir symlink-fix)"
cp "$work/original.md" "$d/target.md"
ln -s target.md "$d/link.md"
run "$d" check --no-cache --fix link.md
ok=1
[ "$rc" = 1 ] && [ -z "$err" ] && [ -L "$d/link.md" ] \
  && [ "$(sha256sum <"$d/target.md" | cut -d' ' -f1)" = "$fixed_sum" ] && ok=0
record "--fix through a symlink" "1, target fixed, link kept" \
  "$rc, $([ -L "$d/link.md" ] && echo link kept || echo LINK REPLACED)${err:+, ${err%%$'\n'*}}" $ok
d="$(case_dir full-disk)"
if mount -t tmpfs -o size=64k tmpfs "$d" 2>/dev/null; then
  for i in $(seq 1 20); do story; done >"$d/big.md"
  big_sum="$(sha256sum <"$d/big.md" | cut -d' ' -f1)"
  run "$d" check --no-cache --fix big.md
  one_error "big.md: cannot write fix: No space left on device"
  msg=$?
  ok=1
  [ "$rc" = 2 ] && [ "$msg" = 0 ] && [ "$(sha256sum <"$d/big.md" | cut -d' ' -f1)" = "$big_sum" ] \
    && [ "$(temps "$d")" = 0 ] && ok=0
  record "--fix on a full disk (64k tmpfs)" "2, 'No space left', orig, no temp" "$rc, ${err%%$'\n'*}" $ok
  umount "$d"
else
  record "--fix on a full disk (64k tmpfs)" "2, 'No space left', orig, no temp" "cannot mount a tmpfs here" skip
fi

# --- 6. a file-size limit kills --fix mid-write ----------------------------------------------
d="$(case_dir fsize)"
for i in $(seq 1 20); do story; done >"$d/big.md"
big_sum="$(sha256sum <"$d/big.md" | cut -d' ' -f1)"
killed="$(exec 2>/dev/null; (cd "$d" && ulimit -f 8 && exec "$starlint" check --no-cache --fix big.md >/dev/null 2>&1); echo $?)"
now_sum="$(sha256sum <"$d/big.md" | cut -d' ' -f1)"
left="$(find "$d" -name '.starlint-fix-*.tmp' | grep -c . || true)"
stray="$(find "$d" -type f ! -name 'big.md' ! -name '.starlint-fix-*.tmp' | grep -c . || true)"
# A later --fix removes the dead run's temp file and fixes the file.
run "$d" check --no-cache --fix big.md
after="$(temps "$d")"
fixed_big=1
[ "$(sha256sum <"$d/big.md" | cut -d' ' -f1)" != "$big_sum" ] && fixed_big=0
ok=1
[ "$killed" = $((128 + 25)) ] && [ "$rc" = 1 ] && [ "$now_sum" = "$big_sum" ] && [ "$stray" = 0 ] && [ "$after" = 0 ] \
  && [ "$fixed_big" = 0 ] && ok=0
record "ulimit -f during --fix, then --fix" "SIGXFSZ, orig, temp removed by next run" \
  "rc $killed, $([ "$now_sum" = "$big_sum" ] && echo orig || echo CHANGED), $left temp -> $after, rerun rc $rc" $ok

# --- 7. SIGKILL mid-way through --fix over many files ----------------------------------------
d="$(case_dir sigkill)"
copies "$d" 1000
sleep 0.05
touch "$work/mark"
(cd "$d" && exec "$starlint" check --no-cache --fix . >/dev/null 2>&1) &
pid=$!
# Kill once some files are fixed (or after 5 s).
for _ in $(seq 1 500); do
  if [ "$(find "$d" -name '*.md' -newer "$work/mark" | head -20 | wc -l)" -ge 20 ]; then
    break
  fi
  sleep 0.01
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
killed=$?
sums "$d"
bad_kill=$bad
fixed_kill=$fixed
run "$d" check --no-cache --fix .
sums "$d"
ok=1
[ "$bad_kill" = 0 ] && [ "$bad" = 0 ] && [ "$fixed" = 1000 ] && [ "$(temps "$d")" = 0 ] && ok=0
record "SIGKILL during --fix, 1000 files" "each orig or fixed; rerun fixes all" \
  "rc $killed, $fixed_kill fixed + $((1000 - fixed_kill)) orig, $bad_kill torn; rerun $fixed fixed" $ok

# --- 7b. files deleted and changed while --fix runs ------------------------------------------
d="$(case_dir mid-run)"
copies "$d" 2000
# What --fix makes of a story with a line added at its end.
printf '%sAnd we wrote it down.\n' "$original" >"$work/ref/appended.md"
app_sum="$(sha256sum <"$work/ref/appended.md" | cut -d' ' -f1)"
"$starlint" check --no-config --fix "$work/ref/appended.md" >/dev/null 2>&1
app_fixed_sum="$(sha256sum <"$work/ref/appended.md" | cut -d' ' -f1)"
(cd "$d" && timeout 60 "$starlint" check --no-cache --fix . >/dev/null 2>"$work/err") &
pid=$!
# Delete s1..s500 and append to s501..s1000 while the run goes on.
for ((i = 1; i <= 500; i++)); do
  rm -f "$d/s$i.md"
  printf 'And we wrote it down.\n' >>"$d/s$((i + 500)).md"
done
wait $pid
rc=$?
err="$(cat "$work/err")"
torn=0
for ((i = 501; i <= 2000; i++)); do
  s="$(sha256sum <"$d/s$i.md" | cut -d' ' -f1)"
  if [ "$i" -le 1000 ]; then
    # Read before the change: the fix must not overwrite it (the change is kept); or after it.
    [ "$s" = "$app_sum" ] || [ "$s" = "$app_fixed_sum" ] || torn=$((torn + 1))
  else
    [ "$s" = "$fixed_sum" ] || torn=$((torn + 1))
  fi
done
unnamed="$(grep '^starlint: error:' <<<"$err" | grep -cv 'starlint: error: \(\./\)\?s[0-9]*\.md: ' || true)"
ok=1
[ "$rc" != 124 ] && [ "$rc" -le 2 ] && [ "$torn" = 0 ] && [ "$unnamed" = 0 ] && [ "$(temps "$d")" = 0 ] \
  && [ "$(for ((i = 1; i <= 500; i++)); do [ -e "$d/s$i.md" ] && echo "s$i"; done | grep -c . || true)" = 0 ] && ok=0
record "deleted / changed during --fix, 2000 files" "<= 2, changes kept, errors name files" \
  "$rc, $(grep -c '^starlint: error:' <<<"$err" || true) errors ($unnamed unnamed), $torn lost or torn" $ok

# --- 7c. a 100 MB file: refused at once with one error; the other file is checked ------------
d="$(case_dir huge)"
story >"$d/a.md"
yes "$(story | head -20 | tr '\n' ' ')" | head -c 100000000 >"$d/huge.md"
start=$SECONDS
run "$d" check --no-cache huge.md a.md
secs=$((SECONDS - start))
one_error "huge.md: not checked: 100000000 bytes is over the size limit of 32 MB"
msg=$?
checked=0
grep -q '^a\.md:' "$work/out" || checked=1
ok=1
[ "$rc" = 2 ] && [ "$msg" = 0 ] && [ "$checked" = 0 ] && [ "$secs" -le 5 ] && ok=0
record "100 MB file (default limit)" "2, 'over the size limit', a.md checked" "$rc, ${err%%$'\n'*}, ${secs}s" $ok
printf '[files]\nmax-size = 0\n' >"$d/starlint.toml"
head -c 3000000 "$d/huge.md" >"$d/three.md"
rm "$d/huge.md"
(cd "$d" && /usr/bin/time -o "$work/peak" -f '%M' timeout 120 "$starlint" check --no-cache three.md >/dev/null 2>&1)
peak="$(tail -1 "$work/peak")"
per_byte=$((peak * 1024 / 3000000))
ok=1
[ -n "$peak" ] && [ "$per_byte" -lt 100 ] && ok=0
record "3 MB file, max-size = 0 (no limit)" "checked, peak memory reported" "${peak} KB peak, ${per_byte} B per input byte" $ok

# --- 8. output to a closed pipe --------------------------------------------------------------
d="$(case_dir pipe)"
copies "$d" 100
(cd "$d" && timeout 20 "$starlint" check --no-cache . 2>"$work/err" | head -1 >/dev/null)
rc=${PIPESTATUS[0]}
err="$(cat "$work/err")"
ok=1
[ "$rc" != 124 ] && [ "$rc" -le 2 ] && [ -z "$err" ] && ok=0
record "check dir, stdout closed (head -1)" "quiet, exit <= 2" "$rc${err:+, ${err%%$'\n'*}}" $ok
for i in $(seq 1 100); do cat "$work/original.md"; done >"$d/big.md"
(cd "$d" && timeout 20 "$starlint" debug model --format json big.md 2>"$work/err" | head -c 10 >/dev/null)
rc=${PIPESTATUS[0]}
err="$(cat "$work/err")"
ok=1
[ "$rc" != 124 ] && [ "$rc" -le 2 ] && [ -z "$err" ] && ok=0
record "debug model, stdout closed (head)" "quiet, exit <= 2" "$rc${err:+, ${err%%$'\n'*}}" $ok

# --- the matrix ------------------------------------------------------------------------------
printf '\n%-40s | %-42s | %-48s | %s\n' "case" "expected" "got" "result"
printf '%s\n' "$(printf -- '-%.0s' $(seq 1 145))"
for row in "${rows[@]}"; do
  IFS='|' read -r c e g s <<<"$row"
  printf '%-40s | %-42s | %-48s | %s\n' "$c" "$e" "$g" "$s"
done
echo
if [ "$failures" -gt 0 ]; then
  echo "faults: $failures case(s) FAILED"
  exit 1
fi
echo "faults: all ${#rows[@]} cases passed"
