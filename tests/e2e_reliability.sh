#!/bin/sh
# e2e_reliability.sh — nothing acknowledged is lost: the program killed (SIGKILL) at random moments while it saves
# notes, revisions and imports; two writers at once, and one that cannot get the lock in time (exit 4); writes that
# fail under a file-size limit. After each, `check` passes and every change reported as saved is present.
# KILLS (default 50) sets how many times the writer is killed; under PLANBENCH_WRAP (valgrind, far slower to
# start) the default is 5 and the writer runs 25 times as long before each kill.
BUILD=${1:-build}
. tests/lib.sh

command -v sqlite3 >/dev/null 2>&1 || { not_ok "sqlite3 is installed (apt-get install sqlite3)"; exit 1; }
command -v setsid >/dev/null 2>&1 || { not_ok "setsid is installed (util-linux)"; exit 1; }
scale=1 settle=1
[ -n "$PLANBENCH_WRAP" ] && KILLS=${KILLS:-5} && scale=25 && settle=3
KILLS=${KILLS:-50}

db="$tmp/kill.db"
P="$pb --db $db"
$P init --demo >/dev/null 2>&1 || not_ok "init --demo"
$P list >/dev/null # today's automatic backup is taken before the writers start
refs="NC1 NC2 NC3 SQ1 SQ2 SQ3 SQ4 SQ5 SQ6 SQ7 SQ8 SQ9 SQ10 SQ11 SQ12 SQ13 SQ14 TIA1 TIA2 TIA3"

# The writer: `sh writer.sh ID N [FROM]`, N changes (0: until killed), each logged to $tmp/acked only once the program
# has said it is saved: a note, a target-date revision, or an import of 150 notes (logged as its marker). FROM
# (default 0) turns the cycle so that killed writers do not all begin with the same kind of change.
cat >"$tmp/writer.sh" <<EOF
id=\$1
n=\$2
from=\${3:-0}
j=0
while [ "\$n" -eq 0 ] || [ \$j -lt "\$n" ]; do
	j=\$((j + 1))
	ref=\$(echo $refs | cut -d' ' -f\$((j % 20 + 1)))
	case \$(((j + from) % 4)) in
	0)
		m="imp-\$id-\$j"
		awk -v m="\$m" 'BEGIN { print "plan,ref,period,noted_on,author,text"
			for (k = 1; k <= 150; k++) printf "HIP-2526,SQ%d,2026/27 Q1,2026-06-09,Writer,%s-row%d\n", k % 14 + 1, m, k }' >"$tmp/\$m.csv"
		$P import "$tmp/\$m.csv" --kind updates >/dev/null 2>>"$tmp/errors.\$id"
		rc=\$?
		[ \$rc -eq 0 ] && echo "\$m" >>"$tmp/acked" ;;
	1)
		$P update \$ref --plan HIP-2526 --due "Aug-2\$((j % 3 + 6))" --reason "reason-\$id-\$j" >/dev/null 2>>"$tmp/errors.\$id"
		rc=\$?
		[ \$rc -eq 0 ] && echo "reason-\$id-\$j" >>"$tmp/acked" ;;
	*)
		$P update \$ref --plan HIP-2526 --note "note-\$id-\$j" >/dev/null 2>>"$tmp/errors.\$id"
		rc=\$?
		[ \$rc -eq 0 ] && echo "note-\$id-\$j" >>"$tmp/acked" ;;
	esac
	echo \$rc >>"$tmp/codes.\$id"
done
EOF
: >"$tmp/acked"

# verify WHAT: check passes; every acknowledged note, revision and import is there; every import is all or nothing
verify() {
	problems=""
	$P check >"$tmp/check.out" 2>&1 || problems="$problems [check: $(grep -v 'rag mismatch' "$tmp/check.out" | head -c 300)]"
	{
		$pb --db "$db" --read-only export --kind updates --with-notes
		$pb --db "$db" --read-only export --kind revisions --with-notes
	} >"$tmp/data.csv"
	grep -o 'note-[a-z0-9]*-[0-9]*\|reason-[a-z0-9]*-[0-9]*' "$tmp/data.csv" | sort -u >"$tmp/present"
	grep -o 'imp-[a-z0-9]*-[0-9]*-row' "$tmp/data.csv" | sort | uniq -c | awk '{ print $2 " " $1 }' >"$tmp/imports"
	missing=$(grep -v '^imp-' "$tmp/acked" | sort -u | comm -23 - "$tmp/present" | head -n 3)
	[ -z "$missing" ] || problems="$problems [saved but missing: $missing]"
	for m in $(grep '^imp-' "$tmp/acked"); do
		grep -q "^$m-row 150\$" "$tmp/imports" || problems="$problems [import $m saved but not all there]"
	done
	partial=$(awk '$2 != 150' "$tmp/imports" | head -n 3)
	[ -z "$partial" ] || problems="$problems [partial import: $partial]"
	equals "$1" "$problems" ""
}

# -- killed at random moments
seed=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
echo "# kill timings from seed $seed"
i=0
while [ $i -lt "$KILLS" ]; do
	i=$((i + 1))
	pause=$(awk -v s=$((seed + i)) -v k=$scale 'BEGIN { srand(s); printf "%.3f", (0.02 + rand() * 0.2) * k }')
	setsid sh "$tmp/writer.sh" "k$i" 0 "$((i % 4))" &
	writer=$!
	sleep "$pause"
	kill -9 "-$writer" || not_ok "the writer's process group $writer is killed"
	wait "$writer" 2>/dev/null
	verify "killed after ${pause}s (kill $i of $KILLS): check passes, every saved change is there, imports all or nothing"
done
acked=$(wc -l <"$tmp/acked")
check "the killed writers saved changes between kills ($acked)" [ "$acked" -ge $((KILLS / scale / 2 + 1)) ]
ls "$tmp" | sed -n 's/^\(imp-.*\)\.csv$/\1/p' | sort >"$tmp/started"
grep '^imp-' "$tmp/acked" | sort | comm -23 "$tmp/started" - >"$tmp/interrupted"
committed=$(sed 's/$/-row /' "$tmp/interrupted" | grep -c -F -f - "$tmp/imports")
echo "# $(wc -l <"$tmp/interrupted") imports were killed before reporting; ${committed:-0} of them had committed whole, the rest left nothing"
[ -n "$PLANBENCH_WRAP" ] || check "imports were among them" grep -q '^imp-' "$tmp/acked"
verify "after $KILLS kills: check passes and every change reported as saved is present"

# -- two writers at once
rm -f "$tmp"/codes.* "$tmp"/errors.*
n=12
[ -n "$PLANBENCH_WRAP" ] && n=4
sh "$tmp/writer.sh" w1 $n &
w1=$!
sh "$tmp/writer.sh" w2 $n &
w2=$!
wait $w1 $w2
equals "two writers at once: every change exits 0, or 4 when the lock was not free in time" \
	"$(cat "$tmp/codes.w1" "$tmp/codes.w2" | grep -cv '^[04]$')" "0"
equals "all $((2 * n)) changes were made" "$(cat "$tmp/codes.w1" "$tmp/codes.w2" | wc -l)" "$((2 * n))"
verify "two writers: check passes and every acknowledged change landed"

# a writer that cannot get the lock within its timeout says so (exit 4) and loses nothing it acknowledged
$P update SQ9 --plan HIP-2526 --note "acked-before-lock" >/dev/null
# another program holds the write lock until $tmp/release appears
(printf "BEGIN IMMEDIATE;\nINSERT INTO setting VALUES ('held', 'by another program');\n"
	while [ ! -e "$tmp/release" ]; do sleep 0.1; done
	printf 'ROLLBACK;\n') | sqlite3 "$db" >/dev/null 2>&1 &
holder=$!
sleep 0.5
start=$(date +%s)
PLANBENCH_BUSY_TIMEOUT_MS=300 $P update SQ9 --plan HIP-2526 --note "blocked-note" >/dev/null 2>"$tmp/err"
equals "a writer that cannot get the lock in time exits 4" "$?" "4"
check "after about its timeout (PLANBENCH_BUSY_TIMEOUT_MS=300), not the default 5 s" [ $(($(date +%s) - start)) -le $((2 * scale)) ]
contains "saying the database is busy" "$(cat "$tmp/err")" "busy (another planbench is writing to it); try again"
printf 'plan,ref,period,noted_on,author,text\nHIP-2526,SQ9,2026/27 Q1,2026-06-09,Writer,blocked-import\n' >"$tmp/blocked.csv"
PLANBENCH_BUSY_TIMEOUT_MS=300 $P import "$tmp/blocked.csv" --kind updates >/dev/null 2>&1
equals "an import that cannot get the lock exits 4" "$?" "4"
$P update SQ9 --plan HIP-2526 --note "waited-note" >/dev/null 2>&1 &
waiter=$!
sleep $settle # long enough for it to be waiting, well short of its 5 s
check "a writer with the default timeout (5 s) waits while the lock is held" kill -0 $waiter
touch "$tmp/release"
wait $holder
wait $waiter
data=$($pb --db "$db" --read-only export --kind updates --with-notes)
lacks "the blocked note is not saved" "$data" "blocked-note"
lacks "nor the blocked import" "$data" "blocked-import"
contains "a writer with the default timeout waits for the lock and saves" "$data" "waited-note"
contains "what was acknowledged before the lock is there" "$data" "acked-before-lock"
verify "after the lock: check passes and every acknowledged change is there"

# -- disk full / file too large: the write fails with a message and the database is as it was
full="$tmp/full.db"
$pb --db "$full" init --demo >/dev/null 2>&1
$pb --db "$full" list >/dev/null
awk 'BEGIN { print "plan,ref,period,noted_on,author,text"; for (k = 1; k <= 30; k++) { printf "HIP-2526,SQ9,2026/27 Q1,2026-06-09,Disk,big-%d ", k
	for (j = 0; j < 2000; j++) printf "abcdefghijklmnopqrstuvwxyz-0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ "; printf "\n" } }' >"$tmp/big.csv"
snapshot() { for k in plans sections officers methods actions revisions updates engagements; do $pb --db "$full" --read-only export --kind $k --with-notes; done | cksum; }
before=$(snapshot)
sum=$(cksum <"$full")
# ulimit -f counts 512-byte blocks in sh: 2048 is 1 MB, more than the database, less than the import needs
(ulimit -f 2048 && exec $pb --db "$full" import "$tmp/big.csv" --kind updates) >/dev/null 2>"$tmp/err"
equals "an import past the file-size limit fails (exit 1)" "$?" "1"
contains "with a clear message" "$(cat "$tmp/err")" "the file reached the largest size this account may write (ulimit -f); nothing was changed"
(ulimit -f 2048 && exec $pb --db "$full" update SQ9 --plan HIP-2526 --note - <"$tmp/big.csv") >/dev/null 2>"$tmp/err"
equals "a big note past the limit fails (exit 1)" "$?" "1"
contains "with a clear message" "$(cat "$tmp/err")" "nothing was changed"
equals "the database file is byte for byte as it was" "$(cksum <"$full")" "$sum"
equals "its data is as it was" "$(snapshot)" "$before"
$pb --db "$full" check >/dev/null 2>&1
equals "and it passes check" "$?" "0"
(ulimit -f 40 && exec $pb --db "$full" export --kind actions -o "$tmp/cut.csv") >/dev/null 2>"$tmp/err"
equals "an export past the limit fails (exit 1)" "$?" "1"
contains "saying so" "$(cat "$tmp/err")" "could not"
check "and leaves no half-written file" [ ! -e "$tmp/cut.csv" ]
equals "nor a temporary one" "$(ls "$tmp" | grep -c 'cut.csv')" "0"
(ulimit -f 400 && exec $pb --db "$full" backup -o "$tmp/cut.db") >/dev/null 2>"$tmp/err"
equals "a backup past the limit fails (exit 1)" "$?" "1"
contains "saying so" "$(cat "$tmp/err")" "no room to write the backup (the file-size limit was reached)"
equals "and leaves no half-written backup" "$(ls "$tmp" | grep -c 'cut.db')" "0"
$pb --db "$full" update SQ9 --plan HIP-2526 --note "after the limit" >/dev/null
equals "with the limit lifted the next change is saved" "$?" "0"

finish
