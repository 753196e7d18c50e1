#!/bin/sh
# e2e_backup.sh — backups (daily on open, seven kept, online with `backup`), `restore` after checking, file modes,
# the warning for a shared file, exports without notes, and `search-person`.
BUILD=${1:-build}
. tests/lib.sh

command -v sqlite3 >/dev/null 2>&1 || { not_ok "sqlite3 is installed (apt-get install sqlite3)"; exit 1; }

db="$tmp/work.db"
bdir="$db.backups"
P="$pb --db $db"
$P init --demo >/dev/null 2>&1 || not_ok "init --demo"
today=$(date +%Y-%m-%d)
# everything a user could export, notes included: compares the data, not the file's bytes
snapshot() { for k in plans sections officers methods actions revisions updates engagements; do $pb --db "$1" --read-only export --kind $k --with-notes; done | cksum; }

# -- daily automatic backups
check "no backup is taken of a database being created" [ ! -e "$bdir" ]
$P list >/dev/null
check "the first open of the day takes an automatic backup" [ -f "$bdir/auto-$today.db" ]
equals "the backups folder is private (mode 700)" "$(stat -c %a "$bdir")" "700"
equals "the automatic backup is private (mode 600)" "$(stat -c %a "$bdir/auto-$today.db")" "600"
$pb --db "$bdir/auto-$today.db" check >/dev/null 2>&1
equals "the automatic backup passes check" "$?" "0"
sum=$(cksum <"$bdir/auto-$today.db")
$P update SQ9 --plan HIP-2526 --note "Written after the daily backup." >/dev/null
$P list >/dev/null
equals "at most one automatic backup a day" "$(ls "$bdir" | grep -c '^auto-')" "1"
equals "the day's backup is not replaced by later opens" "$(cksum <"$bdir/auto-$today.db")" "$sum"
lacks "it holds the data as it was when taken" "$($pb --db "$bdir/auto-$today.db" --read-only show SQ9 --plan HIP-2526)" "Written after the daily backup."
for d in 1 2 3 4 5 6 7 8; do cp "$bdir/auto-$today.db" "$bdir/auto-2000-01-0$d.db"; done
rm "$bdir/auto-$today.db"
$P list >/dev/null
equals "the last seven automatic backups are kept" "$(ls "$bdir" | grep -c '^auto-')" "7"
check "the oldest go first" [ ! -e "$bdir/auto-2000-01-01.db" ] && [ ! -e "$bdir/auto-2000-01-02.db" ] && [ -e "$bdir/auto-2000-01-03.db" ]
check "today's is kept" [ -f "$bdir/auto-$today.db" ]
$pb --db "$tmp/ro.db" init --demo >/dev/null 2>&1
$pb --db "$tmp/ro.db" --read-only list >/dev/null
check "a read-only open takes no backup" [ ! -e "$tmp/ro.db.backups" ]

# -- backup: online, checked, private, never replacing a file
out=$($P backup)
check "backup succeeds" [ $? -eq 0 ]
contains "backup names the copy it wrote" "$out" "$bdir/manual-"
manual=$(ls "$bdir"/manual-*.db | head -n 1)
equals "the copy is private (mode 600)" "$(stat -c %a "$manual")" "600"
$P backup -o "$tmp/copy.db" >/dev/null
check "backup -o writes the named file" [ -f "$tmp/copy.db" ]
equals "backup -o holds the same data" "$(snapshot "$tmp/copy.db")" "$(snapshot "$db")"
sum=$(cksum <"$tmp/copy.db")
$P backup -o "$tmp/copy.db" >/dev/null 2>"$tmp/err"
equals "backup never replaces an existing file (exit 3)" "$?" "3"
contains "and says why" "$(cat "$tmp/err")" "already exists"
equals "the existing file is untouched" "$(cksum <"$tmp/copy.db")" "$sum"
$P backup -o "$tmp/no/such/dir/x.db" >/dev/null 2>"$tmp/err"
equals "backup into a missing folder fails (exit 1)" "$?" "1"
contains "naming the file" "$(cat "$tmp/err")" "$tmp/no/such/dir/x.db: cannot create the backup"
contains "and the folder that is missing, saying what to do" "$(cat "$tmp/err")" \
	"in the folder $tmp/no/such/dir (No such file or directory); nothing was written — give a path in a folder that exists"
lacks "not the temporary name it writes first" "$(cat "$tmp/err")" ".tmp-"

# another process holds a read transaction, then an unfinished write: the copy is taken at once and holds what was committed
# (held for 4 s, or 60 s under valgrind, whose start alone takes seconds; the holder is stopped once checked)
hold=4
[ -n "$PLANBENCH_WRAP" ] && hold=60
(printf 'BEGIN;\nSELECT count(*) FROM action;\n'; sleep $hold; printf 'COMMIT;\n') | sqlite3 "$db" >/dev/null 2>&1 &
holder=$!
sleep 0.5
$P backup -o "$tmp/during-read.db" >/dev/null 2>"$tmp/err"
equals "backup while another process reads succeeds" "$?" "0"
check "without waiting for the reader" kill -0 $holder
kill $holder 2>/dev/null
wait $holder
(printf "BEGIN IMMEDIATE;\nUPDATE action SET title = 'HALF-WRITTEN' WHERE ref = 'SQ9';\n"; sleep $hold; printf 'ROLLBACK;\n') | sqlite3 "$db" >/dev/null 2>&1 &
holder=$!
sleep 0.5
PLANBENCH_BUSY_TIMEOUT_MS=200 $P backup -o "$tmp/during-write.db" >/dev/null 2>"$tmp/err"
equals "backup while another process is writing succeeds" "$?" "0"
check "without waiting for the writer" kill -0 $holder
kill $holder 2>/dev/null
wait $holder
lacks "the copy holds no uncommitted change" "$($pb --db "$tmp/during-write.db" --read-only list --plan HIP-2526)" "HALF-WRITTEN"
$pb --db "$tmp/during-write.db" check >/dev/null 2>&1
equals "and passes check" "$?" "0"

# while a writer keeps saving notes, every copy is consistent and holds every note saved before it began
rounds=40
[ -n "$PLANBENCH_WRAP" ] && rounds=10
cat >"$tmp/writer.sh" <<EOF
i=0
while [ \$i -lt $rounds ]; do
	i=\$((i + 1))
	$P update SQ5 --plan HIP-2526 --note "online-\$i" >/dev/null 2>&1 && echo "online-\$i" >>"$tmp/acked"
done
EOF
: >"$tmp/acked"
sh "$tmp/writer.sh" &
writer=$!
bad=0
for k in 1 2 3 4 5; do
	sleep 0.1
	cp "$tmp/acked" "$tmp/acked-before"
	$P backup -o "$tmp/online-$k.db" >/dev/null 2>&1 || bad=$((bad + 1))
	$pb --db "$tmp/online-$k.db" check >/dev/null 2>&1 || bad=$((bad + 1))
	$pb --db "$tmp/online-$k.db" --read-only export --kind updates --with-notes | grep -o 'online-[0-9]*' | sort >"$tmp/in-copy"
	[ -z "$(sort "$tmp/acked-before" | comm -23 - "$tmp/in-copy")" ] || bad=$((bad + 1))
done
wait $writer
equals "5 backups during writes: each passes check and holds every note saved before it" "$bad" "0"
check "the writer saved notes meanwhile" [ "$(wc -l <"$tmp/acked")" -gt $((rounds / 4)) ]

# -- restore: checks first, nothing changed when the backup is bad
before=$(snapshot "$db")
printf 'These are some notes, not a database; long enough to fill a header....................................\n' >"$tmp/notes.txt"
$P restore "$tmp/notes.txt" >/dev/null 2>"$tmp/err"
equals "restoring a text file exits 3" "$?" "3"
contains "saying it is not a database" "$(cat "$tmp/err")" "not a planbench database"
contains "and to name a backup, not to check --db" "$(cat "$tmp/err")" "— name a backup planbench made"
sqlite3 "$tmp/other.db" "CREATE TABLE t(x)"
$P restore "$tmp/other.db" >/dev/null 2>"$tmp/err"
contains "another program's database: the same advice" "$(cat "$tmp/err")" "not a planbench one (its tables are not planbench's); nothing was changed — name a backup"
cp "$tmp/copy.db" "$tmp/damaged.db"
dd if=/dev/urandom of="$tmp/damaged.db" bs=4096 seek=20 count=4 conv=notrunc 2>/dev/null
$P restore "$tmp/damaged.db" >/dev/null 2>"$tmp/err"
equals "restoring a damaged backup exits 3" "$?" "3"
contains "saying it is damaged" "$(cat "$tmp/err")" "damaged"
cp "$tmp/copy.db" "$tmp/future.db"
sqlite3 "$tmp/future.db" "PRAGMA user_version = 99"
$P restore "$tmp/future.db" >/dev/null 2>"$tmp/err"
equals "restoring a backup from a newer planbench exits 3" "$?" "3"
contains "saying so" "$(cat "$tmp/err")" "newer planbench"
cp "$tmp/copy.db" "$tmp/tampered.db"
sqlite3 "$tmp/tampered.db" "INSERT INTO progress_update(action_id, noted_on, text, created_at) VALUES ((SELECT min(id) FROM action), '2026-01-01', 'unaudited', 'x')"
$P restore "$tmp/tampered.db" >/dev/null 2>"$tmp/err"
equals "restoring a backup that fails planbench's checks exits 3" "$?" "3"
contains "naming the problem" "$(cat "$tmp/err")" "audit trail records"
$P restore "$tmp/none.db" >/dev/null 2>"$tmp/err"
equals "restoring a missing file exits 3" "$?" "3"
$P restore "$db" >/dev/null 2>&1
equals "restoring the database onto itself is a usage error" "$?" "2"
$P --read-only restore "$tmp/copy.db" >/dev/null 2>&1
equals "restore with --read-only exits 4" "$?" "4"
equals "after all of those the database is as it was" "$(snapshot "$db")" "$before"
for f in "$tmp"/*.db.backups/restoring.tmp-*; do
	[ -e "$f" ] && not_ok "no scratch copy is left behind ($f)"
done

# a good backup: checked, put in place, the database as it was kept
$P update SQ9 --plan HIP-2526 --note "Written after copy.db was taken." >/dev/null
before=$(snapshot "$db")
out=$($P restore "$tmp/copy.db" 2>&1)
equals "restoring a good backup succeeds" "$?" "0"
contains "it says what the backup held" "$out" "168 actions"
lacks "the later note is gone" "$($P show SQ9 --plan HIP-2526)" "Written after copy.db was taken."
kept=$(printf '%s\n' "$out" | sed -n 's/^The database as it was is kept in \(.*\)\.$/\1/p')
check "the database as it was is kept" [ -f "$kept" ]
equals "and holds exactly what it held" "$(snapshot "$kept")" "$before"
equals "the kept copy is private (mode 600)" "$(stat -c %a "$kept")" "600"
$P check >/dev/null 2>&1
equals "the restored database passes check" "$?" "0"

# a damaged database is moved aside untouched, not written to
$P backup -o "$tmp/good.db" >/dev/null
dd if=/dev/urandom of="$db" bs=4096 seek=30 count=4 conv=notrunc 2>/dev/null
sum=$(cksum <"$db")
out=$($P restore "$tmp/good.db" 2>&1)
equals "restoring over a damaged database succeeds" "$?" "0"
moved=$(printf '%s\n' "$out" | sed -n 's/.*moved, untouched, to \(.*\)\.$/\1/p')
contains "saying the damaged file was moved aside" "$out" "moved, untouched, to $bdir/replaced-"
equals "the damaged file is kept byte for byte" "$(cksum <"$moved")" "$sum"
$P check >/dev/null 2>&1
equals "the restored database passes check" "$?" "0"

# -- privacy: modes, the warning, exports without notes
chmod 644 "$db"
$P list >/dev/null 2>"$tmp/err"
contains "a database other users can read is warned about" "$(cat "$tmp/err")" "can be read by other users (mode 0644)"
contains "with what to do" "$(cat "$tmp/err")" "chmod 600 $db"
chmod 600 "$db"
$P list >/dev/null 2>"$tmp/err"
lacks "no warning once it is private" "$(cat "$tmp/err")" "other users"
$P export --kind updates -o "$tmp/updates.csv" 2>"$tmp/err"
lacks "exports leave progress notes out" "$(cat "$tmp/updates.csv")" "Hate Crime report"
contains "but keep who and when" "$(cat "$tmp/updates.csv")" "HIP-2526,NC2,2025/26 Q4,2026-03-31,Judith Willis,"
contains "and say so" "$(cat "$tmp/err")" "add --with-notes to include them"
contains "--with-notes puts them in" "$($P export --kind updates --with-notes)" "Work is in progress to improve Hate Crime report"
out=$($P export --kind engagements 2>/dev/null)
lacks "exports leave engagement summaries out" "$out" "seeks the views and opinions of our tenants"
contains "but keep the record" "$out" "ENG-001,Annual Tenant Survey"
contains "--with-notes puts them in" "$($P export --kind engagements --with-notes)" "seeks the views and opinions of our tenants"
$P export --kind actions -o "$tmp/actions.csv" 2>"$tmp/err"
lacks "no notice for a kind without notes" "$(cat "$tmp/err")" "with-notes"
equals "an export file is private (mode 600)" "$(stat -c %a "$tmp/actions.csv")" "600"

# -- search-person
$P --as "Simon Parry" update SQ5 --plan HIP-2526 --note "Spoke to Zoë Gallagher (flat 4) about the repair." >/dev/null
$P update SQ5 --plan HIP-2526 --due "Sep-26" --reason "Access refused by Mr Gallagher twice" >/dev/null
out=$($P search-person "Gallagher")
equals "search-person exits 0" "$?" "0"
contains "it finds the progress note, naming plan, ref, date and author" "$out" "HIP-2526 SQ5 · progress update (note) · 2026-06-09 · Simon Parry"
contains "with a snippet" "$out" "Spoke to Zoë Gallagher (flat 4) about the repair."
contains "it finds the revision reason" "$out" "HIP-2526 SQ5 · target-date revision (reason)"
contains "and counts" "$out" "2 notes mention \"Gallagher\"."
contains "part of a name works" "$($P search-person "allagh")" "2 notes mention"
contains "accents do not matter" "$($P search-person "zoe gallagher")" "Spoke to Zoë Gallagher"
contains "engagement records are searched" "$($P search-person "Arthur Jobson")" "ENG-009 · engagement (title)"
contains "a name nobody mentions finds nothing" "$($P search-person "Nobody Atall")" "0 notes mention \"Nobody Atall\"."
$P search-person >/dev/null 2>&1
equals "search-person without a name exits 2" "$?" "2"
$P search-person "   " >/dev/null 2>&1
equals "search-person with a blank name exits 2" "$?" "2"

finish
