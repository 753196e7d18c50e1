#!/bin/sh
# e2e_damage.sh — damaged or wrong database files: every command gives a plain message and a non-zero exit,
# never crashes, and never writes to the file (its checksum is the same after every command).
BUILD=${1:-build}
. tests/lib.sh

command -v sqlite3 >/dev/null 2>&1 || { not_ok "sqlite3 is installed (apt-get install sqlite3)"; exit 1; }

good="$tmp/good.db"
$pb --db "$good" init --demo >/dev/null 2>&1 || not_ok "init --demo"
$pb --db "$good" list >/dev/null # a complete file, no WAL beside it
printf 'plan,ref,period,noted_on,author,text\nHIP-2526,SQ9,2026/27 Q1,2026-06-01,Simon Parry,Imported note\n' >"$tmp/updates.csv"
pages=$(($(stat -c %s "$good") / 4096))

# zap FILE PAGE COUNT: overwrites COUNT pages from PAGE (0-based) with bytes that are no b-tree page
zap() { head -c $(($3 * 4096)) /dev/zero | tr '\0' 'Z' | dd of="$1" bs=4096 seek="$2" conv=notrunc 2>/dev/null; }

# make KIND FILE: a copy of the demo database damaged or replaced in one way
make_file() {
	rm -rf "$2" "$2.backups" "$2-wal" "$2-shm"
	case $1 in
	pages) cp "$good" "$2" && zap "$2" $((pages / 2)) 4 ;;
	first-page) cp "$good" "$2" && head -c 3000 /dev/zero | tr '\0' 'Z' | dd of="$2" bs=1 seek=100 conv=notrunc 2>/dev/null ;;
	truncated) cp "$good" "$2" && truncate -s $((pages / 2 * 4096)) "$2" ;;
	cut-mid-page) cp "$good" "$2" && truncate -s $((pages / 2 * 4096 + 1234)) "$2" ;;
	text) cp sample-data/HIP-2526-actions.csv "$2" ;;
	other-db) sqlite3 "$2" "CREATE TABLE recipes(name TEXT, steps TEXT); INSERT INTO recipes VALUES ('soup', 'boil');" ;;
	future) cp "$good" "$2" && sqlite3 "$2" "PRAGMA user_version = 99" ;;
	empty) : >"$2" ;;
	esac
}

# what each kind of file is called in the message
expect() {
	case $1 in
	pages | first-page) echo "damaged" ;;
	truncated | cut-mid-page) echo "cut short" ;;
	text) echo "not a planbench database" ;;
	other-db) echo "not a planbench one" ;;
	future) echo "newer planbench" ;;
	empty) echo "is empty" ;;
	esac
}

for kind in pages first-page truncated cut-mid-page text other-db future empty; do
	f="$tmp/$kind.db"
	make_file $kind "$f"
	sum=$(cksum <"$f")
	want=$(expect $kind)
	bad=""
	for cmd in "list" "show SQ9 --plan HIP-2526" "update SQ9 --plan HIP-2526 --note Hello" "import $tmp/updates.csv" "export --kind actions" "check" "backup -o $tmp/b-$kind.db" "search-person Parry" "init" "workbench"; do
		[ "$kind $cmd" = "empty init" ] && continue # init makes an empty file a database: that is its job
		if [ "$cmd" = workbench ]; then
			$pb --db "$f" </dev/null >/dev/null 2>"$tmp/err"
		else
			$pb --db "$f" $cmd </dev/null >/dev/null 2>"$tmp/err"
		fi
		rc=$?
		[ $rc -ge 1 ] && [ $rc -le 4 ] || bad="$bad [$cmd: exit $rc]"
		grep -q "$want" "$tmp/err" || bad="$bad [$cmd: said $(head -c 200 "$tmp/err")]"
		[ "$(cksum <"$f")" = "$sum" ] || bad="$bad [$cmd: changed the file]"
	done
	equals "$kind: every command exits 1-4 saying \"$want\", and the file is never written to" "$bad" ""
	check "$kind: no backup of it is written" [ ! -e "$tmp/b-$kind.db" ]
done

# the message says what to do
make_file pages "$tmp/p.db"
$pb --db "$tmp/p.db" list 2>&1 >/dev/null | {
	read -r line
	contains "a damaged file: the message says to restore a backup" "$line" "planbench restore"
}
$pb --db "$tmp/p.db" check >"$tmp/out" 2>&1
contains "check explains the damage in words" "$(cat "$tmp/out")" "problem: database: the file is damaged (SQLite reports:"
# a backup already taken today names the newest one to restore
make_file pages "$tmp/q.db"
mkdir -m 700 "$tmp/q.db.backups" && cp "$good" "$tmp/q.db.backups/auto-2000-01-01.db"
contains "and names the newest automatic backup when there is one" "$($pb --db "$tmp/q.db" list 2>&1)" "planbench restore $tmp/q.db.backups/auto-2000-01-01.db"
# … whatever the damage, and whichever command meets it
for kind in pages first-page truncated cut-mid-page; do
	make_file $kind "$tmp/q.db"
	mkdir -m 700 "$tmp/q.db.backups" && cp "$good" "$tmp/q.db.backups/auto-2000-01-01.db" && cp "$good" "$tmp/q.db.backups/auto-2000-01-02.db"
	bad=""
	for cmd in "list" "show SQ9 --plan HIP-2526" "update SQ9 --plan HIP-2526 --note Hello" "export" "check"; do
		$pb --db "$tmp/q.db" $cmd </dev/null >/dev/null 2>"$tmp/err"
		grep -q "restore the newest backup with \`planbench restore $tmp/q.db.backups/auto-2000-01-02.db\`" "$tmp/err" ||
			bad="$bad [$cmd: said $(head -c 300 "$tmp/err")]"
	done
	equals "$kind: every command that refuses it names the newest automatic backup to restore" "$bad" ""
done

# a damaged file is restored from a backup, and then works
$pb --db "$tmp/p.db" restore "$good" >/dev/null 2>&1
equals "restore replaces a damaged database" "$?" "0"
$pb --db "$tmp/p.db" update SQ9 --plan HIP-2526 --note "Works again" >/dev/null 2>&1
equals "which then takes changes" "$?" "0"
$pb --db "$tmp/p.db" check >/dev/null 2>&1
equals "and passes check" "$?" "0"

# a database whose WAL was left by a killed process is not mistaken for a cut-short one
cp "$good" "$tmp/w.db"
(printf "BEGIN IMMEDIATE;\nINSERT INTO setting VALUES ('x', 'y');\nCOMMIT;\n"; sleep 2) | sqlite3 "$tmp/w.db" >/dev/null 2>&1 &
holder=$!
sleep 0.5
cp "$tmp/w.db" "$tmp/w2.db"
cp "$tmp/w.db-wal" "$tmp/w2.db-wal" 2>/dev/null
wait $holder
$pb --db "$tmp/w2.db" check >/dev/null 2>&1
equals "a database with a WAL left beside it opens and passes check" "$?" "0"

finish
