#!/bin/sh
# e2e_hostile.sh — hostile and odd input: every flag of every command (read from `planbench help`) with a missing,
# empty, huge, malformed or repeated value exits 2 with the command's usage and writes nothing; 1 MB notes and
# 10,000-character titles round-trip intact through update, show, export and import.
# Under PLANBENCH_WRAP (valgrind) only the first flag of three commands gets every case: the parser is one code path.
BUILD=${1:-build}
. tests/lib.sh

db="$tmp/demo.db"
P="$pb --db $db"
$P init --demo >/dev/null 2>&1 || not_ok "init --demo"
snapshot() { for k in plans sections officers methods actions revisions updates engagements; do $pb --db "$1" --read-only export --kind $k --with-notes; done | cksum; }
before=$(snapshot "$db")

huge=$(head -c 100000 /dev/zero | tr '\0' 'x')
bad_utf8=$(printf 'caf\351')
control=$(printf 'a\033[2Jb')

# usage2 WHAT ARGS…: the command exits 2 and prints the usage line on stderr
usage2() {
	what=$1
	shift
	$P "$@" </dev/null >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q '^usage: planbench' "$tmp/err"; then
		ok "$what"
	else
		not_ok "$what"
		printf '   exit %s; stderr: %s\n' "$rc" "$(head -c 300 "$tmp/err")"
	fi
}

# flags CMD: "PREFIX|NAME|PLACEHOLDER" for each option of the command's usage ("-" as the placeholder of a flag);
# PREFIX holds the words that select a second form of the command ("list --kind engagements …")
flags() {
	$pb help "$1" | sed '1s/^usage: planbench //; s/^   or: planbench //' | awk -v cmd="$1" '
		{ line = $0; sub(/^ +/, "", line) }
		index(line, cmd " ") == 1 || line == cmd { prefix = line; sub("^" cmd " *", "", prefix); sub(/ *\[.*/, "", prefix)
			if (prefix ~ /^[A-Z]/ || prefix ~ /\|/) prefix = ""; syntax = 1 }
		index(line, cmd " ") != 1 && line != cmd && substr(line, 1, 1) != "[" { next }
		{ n = split(line, t, / +/)
		  for (i = 1; i <= n; i++) {
			tok = t[i]; gsub(/^\[+/, "", tok)
			if (tok !~ /^--?[a-z][a-z-]*\]*$/ || index(" " prefix " ", " " tok " ")) continue
			closed = tok ~ /\]$/; gsub(/\]+$/, "", tok)
			nxt = i < n ? t[i + 1] : ""
			if (closed || nxt == "" || nxt ~ /^[-[|]/) print prefix "|" tok "|-"; else { gsub(/[][]/, "", nxt); print prefix "|" tok "|" nxt }
		  } }' | sort -u
}

commands=$($pb help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p; s/^  \([a-z][a-z-]*\)$/\1/p' | sort -u)
[ -n "$PLANBENCH_WRAP" ] && commands="list update search-person"
[ -n "$PLANBENCH_WRAP" ] || check "the commands are read from help" [ "$(printf '%s\n' "$commands" | grep -c .)" -ge 10 ]
nflags=0
for cmd in $commands; do
	flags "$cmd" >"$tmp/flags"
	[ -n "$PLANBENCH_WRAP" ] && sed -i '2,$d' "$tmp/flags"
	while IFS='|' read -r prefix name placeholder; do
		nflags=$((nflags + 1))
		w="$cmd${prefix:+ $prefix} $name"
		if [ "$placeholder" = "-" ]; then
			usage2 "$w=yes: a flag given a value" $cmd $prefix "$name=yes"
			continue
		fi
		usage2 "$w: missing value" $cmd $prefix "$name"
		usage2 "$w \"\": empty value" $cmd $prefix "$name" ""
		usage2 "$w=: empty value" $cmd $prefix "$name="
		usage2 "$w: control characters" $cmd $prefix "$name" "$control"
		usage2 "$w: given twice" $cmd $prefix "$name" x "$name" x
		[ "$placeholder" = FILE ] || usage2 "$w: not UTF-8" $cmd $prefix "$name" "$bad_utf8"
		[ "$placeholder" = TEXT ] || usage2 "$w: 100,000 characters" $cmd $prefix "$name" "$huge"
		# a value that is another option of the same form is a missing value
		other=$(grep "^$prefix|" "$tmp/flags" | grep -v "|$name|" | head -n 1 | cut -d'|' -f2)
		[ -n "$other" ] && usage2 "$w $other: the value is missing" $cmd $prefix "$name" "$other"
	done <"$tmp/flags"
	usage2 "$cmd --no-such-option" "$cmd" --no-such-option
	usage2 "$cmd: an empty word" "$cmd" ""
done
[ -n "$PLANBENCH_WRAP" ] || check "every command's flags were tried ($nflags)" [ "$nflags" -ge 30 ]

# the global options
for g in --db --today --as; do
	$pb "$g" </dev/null >/dev/null 2>"$tmp/err"
	equals "$g without a value exits 2" "$?" "2"
	$pb "$g" "" list </dev/null >/dev/null 2>"$tmp/err"
	equals "$g \"\" exits 2" "$?" "2"
	contains "$g \"\": the message names it" "$(cat "$tmp/err")" "$g needs a value"
	$pb "$g" "$huge" list </dev/null >/dev/null 2>&1
	equals "$g with 100,000 characters exits 2" "$?" "2"
	$pb "$g" "$control" list </dev/null >/dev/null 2>&1
	equals "$g with control characters exits 2" "$?" "2"
done
$pb --as "$(head -c 121 /dev/zero | tr '\0' a)" --db "$db" list >/dev/null 2>&1
equals "--as longer than the audit trail keeps exits 2" "$?" "2"
PLANBENCH_DB="$tmp/$(head -c 990 /dev/zero | tr '\0' d).db" $pb list >/dev/null 2>"$tmp/err"
equals "a database path too long (from PLANBENCH_DB) exits 2" "$?" "2"

# malformed values each command checks itself
usage2 "--today 2026-02-30" --today 2026-02-30 list
usage2 "--today tomorrow" --today tomorrow list
usage2 "list --due-within abc" list --due-within abc
usage2 "list --due-within -5" list --due-within -5
usage2 "list --due-within 99999999999999999999" list --due-within 99999999999999999999
usage2 "list --rag X" list --rag X
usage2 "list --sort sideways" list --sort sideways
usage2 "list --format xml" list --format xml
usage2 "list --status nearly" list --status nearly
usage2 "show --format xml" show SQ9 --plan HIP-2526 --format xml
usage2 "update --rag Q" update SQ9 --plan HIP-2526 --rag Q --reason x
usage2 "update --on 2026-13-01" update SQ9 --plan HIP-2526 --complete --on 2026-13-01
usage2 "update --status nearly" update SQ9 --plan HIP-2526 --status nearly
usage2 "update --due without --reason" update SQ9 --plan HIP-2526 --due Aug-26
usage2 "export --kind everything" export --kind everything
usage2 "import --kind everything" import "$tmp/x.csv" --kind everything
usage2 "when --start 2026-02-30" when Sep-25 --start 2026-02-30
usage2 "report --format pdf" report --format pdf
usage2 "backup with a word" backup extra
usage2 "restore without a file" restore
usage2 "search-person with two names" search-person Jo Bloggs
usage2 "update --note - twice from standard input" update SQ9 --plan HIP-2526 --note - --reason -
equals "after all of that nothing was written" "$(snapshot "$db")" "$before"

# -- big values round-trip intact
big="$tmp/big.db"
awk 'BEGIN { for (i = 1; i <= 10000; i++) printf "Line %05d: Mrs O\"Brien, flat 4 — café visit;\tall fine xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", i }' >"$tmp/note.txt"
check "the note is over 1 MB" [ "$(wc -c <"$tmp/note.txt")" -gt 1048576 ]
title=$(awk 'BEGIN { for (i = 0; i < 1000; i++) printf "Tïtle-%04d", i }')
equals "the title is 10,000 characters" "$(printf '%s' "$title" | wc -m)" "10000"
printf 'code,title,kind,starts_on,ends_on\nBIG-1,Big plan,improvement,2026-04-01,2027-03-31\n' >"$tmp/plans.csv"
printf 'plan,ref,title,due\nBIG-1,A1,%s,31/03/2027\n' "$title" >"$tmp/actions.csv"
$pb --db "$big" init >/dev/null
$pb --db "$big" import "$tmp/plans.csv" >/dev/null
$pb --db "$big" import "$tmp/actions.csv" >/dev/null
equals "a 10,000-character title imports" "$?" "0"
$pb --db "$big" --as "Simon Parry" update A1 --note - <"$tmp/note.txt" >/dev/null
equals "a 1 MB note is saved from standard input (update --note -)" "$?" "0"
$pb --db "$big" show A1 >"$tmp/show.txt"
equals "show prints the whole title" "$(head -n 1 "$tmp/show.txt")" "BIG-1 A1 — $title"
sed -n 's/^    //p' "$tmp/show.txt" >"$tmp/shown.txt"
equals "show prints every line of the note" "$(grep -cvxF -f "$tmp/shown.txt" "$tmp/note.txt")" "0"
contains "show --format json holds the whole title" "$($pb --db "$big" show A1 --format json)" "\"title\":\"$title\""
line=$($pb --db "$big" list | grep '^BIG-1')
check "list shows the title cut to fit (…)" [ "$(printf '%s' "$line" | wc -m)" -lt 200 ]
contains "with an ellipsis" "$line" "Tïtle-0000Tïtle-0001"
for k in plans actions updates; do $pb --db "$big" export --kind $k --with-notes -o "$tmp/$k.1.csv"; done
{
	printf 'plan,ref,period,noted_on,author,text\nBIG-1,A1,2026/27 Q1,2026-06-09,Simon Parry,"'
	head -c -1 "$tmp/note.txt" | sed 's/"/""/g'
	printf '"\n'
} >"$tmp/expected-updates.csv"
check "export writes the 1 MB note exactly" cmp -s "$tmp/expected-updates.csv" "$tmp/updates.1.csv"
grep -qF "BIG-1,A1,,$title," "$tmp/actions.1.csv"
equals "export writes the whole title" "$?" "0"
$pb --db "$tmp/big2.db" init >/dev/null
for k in plans actions updates; do $pb --db "$tmp/big2.db" import "$tmp/$k.1.csv" --kind $k >/dev/null; done
for k in plans actions updates; do
	$pb --db "$tmp/big2.db" export --kind $k --with-notes -o "$tmp/$k.2.csv"
	check "export, import, export of $k with big values is byte-identical" cmp -s "$tmp/$k.1.csv" "$tmp/$k.2.csv"
done
$pb --db "$big" update A1 --note "$(head -c 120000 "$tmp/note.txt")" >/dev/null
equals "a 120 kB note as an argument is saved" "$?" "0"
head -c 5000000 /dev/zero | tr '\0' 'n' | $pb --db "$big" update A1 --note - >/dev/null 2>"$tmp/err"
equals "a note over 4 MB exits 2" "$?" "2"
contains "saying how long it may be" "$(cat "$tmp/err")" "--note is too long (at most 4194304 bytes)"
equals "and is not saved" "$($pb --db "$big" --read-only export --kind updates --with-notes | grep -c nnnnnnnnnn)" "0"

finish
