#!/bin/sh
# Runs the end-to-end command-line tests (tests/e2e_*.sh that do not drive tmux) with every run of the binary
# under valgrind, two files at a time; fails on any failed check, memory error or definite leak.
# usage: tests/valgrind.sh BUILD_DIR [TEST…]   (TEST: e2e_cli.sh or a path; default every such test)
build=${1:-build}
[ "$1" = --one ] && build=$2
command -v valgrind >/dev/null 2>&1 || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
logs="$build/valgrind"
if [ "$1" != --one ]; then
	rm -rf "$logs"
	mkdir -p "$logs"
fi
logs=$(cd "$logs" && pwd)
export PLANBENCH_WRAP="valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --log-file=$logs/vg.%p"

# --one BUILD FILE: runs one test file, leaving its output in $logs/NAME.out and its exit status in $logs/NAME.rc
if [ "$1" = --one ]; then
	name=$(basename "$3" .sh)
	sh "$3" "$2" >"$logs/$name.out" 2>&1
	echo $? >"$logs/$name.rc"
	exit 0
fi

[ $# -gt 0 ] && shift
files=$(grep -L tmux tests/e2e_*.sh)
if [ $# -gt 0 ]; then
	files=""
	for t in "$@"; do
		t=tests/$(basename "$t")
		[ -f "$t" ] || { echo "tests/valgrind.sh: no test $t; name one of: $(grep -L tmux tests/e2e_*.sh | xargs -n1 basename | tr '\n' ' ')"; exit 2; }
		files="$files $t"
	done
fi
printf '%s\n' $files | xargs -P 2 -n 1 sh "$0" --one "$build"

passed=0
failed=0
for t in $files; do
	name=$(basename "$t" .sh)
	p=$(grep -c '^ok - ' "$logs/$name.out")
	f=$(grep -c '^not ok - ' "$logs/$name.out")
	[ "$(cat "$logs/$name.rc")" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	passed=$((passed + p))
	failed=$((failed + f))
	printf '%-28s %4d passed, %d failed (under valgrind)\n' "$name.sh" "$p" "$f"
	[ "$f" -eq 0 ] || grep -v '^ok - ' "$logs/$name.out"
done
errors=$(find "$logs" -name 'vg.*' -size +0 | wc -l)
if [ "$errors" -gt 0 ]; then
	echo "valgrind reported errors or definite leaks in $errors runs:"
	find "$logs" -name 'vg.*' -size +0 | head -n 5 | xargs cat
fi
echo "valgrind: $passed passed, $failed failed, $errors runs with memory errors or definite leaks"
[ "$failed" -eq 0 ] && [ "$errors" -eq 0 ]
