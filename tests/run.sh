#!/bin/sh
# Runs every unit test (build/tests/unit_*) and end-to-end test (tests/e2e_*.sh), then one summary line.
# usage: tests/run.sh BUILD_DIR
build=${1:-build}
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$build"/tests/unit_*; do
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p))
	failed=$((failed + f))
	printf '%-28s %4d passed, %d failed\n' "$(basename "$t")" "$p" "$f"
	[ "$f" -eq 0 ] || cat "$log"
done

# The end-to-end tests, as many at a time as there are cores (PLANBENCH_TEST_JOBS to choose): each has its own
# temporary directory and tmux server, and most of their time is spent waiting for a screen. Reported in name order.
jobs=${PLANBENCH_TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
logs=$(mktemp -d)
trap 'rm -rf "$log" "$logs"' EXIT
ls tests/e2e_*.sh 2>/dev/null | xargs -P "$jobs" -I{} sh -c \
	'sh "$1" "$2" >"$3/$(basename "$1").log" 2>&1; echo $? >"$3/$(basename "$1").rc"' sh {} "$build" "$logs"
for t in tests/e2e_*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t")
	rc=$(cat "$logs/$name.rc" 2>/dev/null || echo 1)
	p=$(grep -c '^ok - ' "$logs/$name.log")
	f=$(grep -c '^not ok - ' "$logs/$name.log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p))
	failed=$((failed + f))
	printf '%-28s %4d passed, %d failed\n' "$name" "$p" "$f"
	[ "$f" -eq 0 ] || grep -v '^ok - ' "$logs/$name.log"
done

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
