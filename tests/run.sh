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

for t in tests/e2e_*.sh; do
	[ -f "$t" ] || continue
	sh "$t" "$build" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok - ' "$log")
	f=$(grep -c '^not ok - ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p))
	failed=$((failed + f))
	printf '%-28s %4d passed, %d failed\n' "$(basename "$t")" "$p" "$f"
	[ "$f" -eq 0 ] || grep -v '^ok - ' "$log"
done

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
