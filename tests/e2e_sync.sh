#!/bin/sh
# e2e_sync.sh — working apart: three databases cloned from one demo database, each edited differently with the real
# commands, exchanging change-set files in different orders (A→B→C forwarding included) until all three hold the same
# data; conflicts listed and audited; damaged, cut-short, foreign, out-of-order and self-made files refused (exit 3,
# nothing changed); the same file twice changes nothing.
BUILD=${1:-build}
. tests/lib.sh

command -v sqlite3 >/dev/null 2>&1 || { not_ok "sqlite3 is installed (apt-get install sqlite3)"; exit 1; }

A="$tmp/a.db" B="$tmp/b.db" C="$tmp/c.db"
# everything a user could export, notes included: the data, not the file's bytes
snapshot() { for k in plans sections officers methods actions revisions updates engagements; do $pb --db "$1" --read-only export --kind $k --with-notes; done | cksum; }
audit_conflicts() { sqlite3 "$1" "SELECT count(*) FROM audit WHERE field LIKE 'conflict: %'"; }

$pb --db "$A" init --demo >/dev/null 2>&1 || not_ok "init --demo"
out=$($pb --db "$A" sync clone -o "$B" 2>&1)
contains "clone makes a new replica" "$out" "Made $B: a new database \"b\""
$pb --db "$A" sync clone -o "$C" >/dev/null 2>&1
equals "the clones hold the same data" "$(snapshot "$B")" "$(snapshot "$A")"
ids=$(for d in "$A" "$B" "$C"; do sqlite3 "$d" "SELECT identity FROM sync_replica"; done | sort -u | wc -l)
equals "each has its own identity" "$ids" "3"
out=$($pb --db "$A" sync clone -o "$B" 2>&1)
equals "clone never replaces a file" "$?" "2"
contains "it says so" "$out" "already exists"
out=$($pb --db "$A" sync status)
contains "status names the peers" "$out" "Peers:"
contains "status lists b" "$out" "  b "

# -- each laptop works on its own: the same action's RAG on A and then, a little later, on B
$pb --db "$A" --as "Jo Adams" update NC1.1.1 --plan HIP-2627 --rag R --reason "Jo: fire doors overdue" >/dev/null || not_ok "update on A"
$pb --db "$A" --as "Jo Adams" update NC1.2.1 --plan HIP-2627 --note "Partner meeting held (A)." >/dev/null
$pb --db "$A" --as "Jo Adams" update SQ9 --plan HIP-2526 --due "Dec-26" --reason "Contractor delay" >/dev/null
sleep 1.1 # the audit trail records edit times to the second: B's edit is the newer one
$pb --db "$B" --as "Sam Brook" update NC1.1.1 --plan HIP-2627 --rag A --reason "Sam: doors ordered" >/dev/null || not_ok "update on B"
$pb --db "$B" --as "Sam Brook" update NC1.2.1 --plan HIP-2627 --note "Partner meeting minutes sent (B)." >/dev/null
$pb --db "$B" --as "Sam Brook" update SQ9 --plan HIP-2526 --due "Jan-27" --reason "Survey moved" >/dev/null
cat >"$tmp/eng-c.csv" <<'EOF'
ref,title,team,method,location,held_on,held_until,when_text,frequency,tenants,tenants_basis,tenants_scope,tenants_text,standard,summary,you_said,we_did,actions
ENG-900,Fire safety drop-in,Caretaking Team,Drop-in,Block C,2026-06-01,,,one_off,12,exact,event,,NC 1,Residents asked about fire doors,Doors are slow,Doors ordered,HIP-2627:NC1.1.1
ENG-901,Garden day (C),Caretaking Team,Drop-in,Block D,2026-06-02,,,one_off,5,exact,event,,NC 1,Tidy up,,,
EOF
cat >"$tmp/eng-a.csv" <<'EOF'
ref,title,team,method,location,held_on,held_until,when_text,frequency,tenants,tenants_basis,tenants_scope,tenants_text,standard,summary,you_said,we_did,actions
ENG-901,Garden day (A),Caretaking Team,Drop-in,Block E,2026-06-03,,,one_off,7,exact,event,,NC 1,Planting,,,
EOF
$pb --db "$C" --as "Cat Dee" import "$tmp/eng-c.csv" --kind engagements >/dev/null || not_ok "engagements imported on C"
$pb --db "$C" --as "Cat Dee" update NC1.1.1 --plan HIP-2627 --note "Checked with residents (C)." >/dev/null
$pb --db "$A" --as "Jo Adams" import "$tmp/eng-a.csv" --kind engagements >/dev/null || not_ok "engagement imported on A"

# -- A → B
out=$($pb --db "$A" sync export -o "$tmp/a-b1.pbsync" --to b 2>&1)
equals "export for b succeeds" "$?" "0"
contains "export says what it wrote" "$out" "Wrote $tmp/a-b1.pbsync for b"
contains "export counts per plan and kind" "$out" "HIP-2627   actions"
mode=$(stat -c %a "$tmp/a-b1.pbsync")
equals "the change set is private (mode 600)" "$mode" "600"
beforeB=$(snapshot "$B")
out=$($pb --db "$B" sync import "$tmp/a-b1.pbsync" --dry-run 2>&1)
contains "a preview lists the conflict it would meet" "$out" "conflict: action HIP-2627:NC1.1.1 rag"
contains "and says nothing was changed" "$out" "nothing was changed: --dry-run"
equals "a preview changes nothing" "$(snapshot "$B")" "$beforeB"
out=$($pb --db "$B" sync import "$tmp/a-b1.pbsync" 2>&1)
equals "B imports A's changes" "$?" "0"
contains "the conflict is listed with both values" "$out" "rag: here \"A\" (Sam Brook"
contains "the other side's value too" "$out" "from a \"R\" (Jo Adams"
contains "B's newer edit stays" "$out" "the newer edit wins: kept ours"
contains "B now has A's progress update" "$($pb --db "$B" show NC1.2.1 --plan HIP-2627)" "Partner meeting held (A)."
contains "and keeps its own" "$($pb --db "$B" show NC1.2.1 --plan HIP-2627)" "Partner meeting minutes sent (B)."
contains "both re-dates of SQ9 are kept as revisions" "$($pb --db "$B" show SQ9 --plan HIP-2526)" "Contractor delay"
contains "the revision numbers clash is listed" "$out" "the same revision number was used here and there"
contains "with both revisions as renumbered, who made each and when" "$out" \
	"revision HIP-2526:SQ9 seq: here \"4: to 2027-01-31, Survey moved\" (Sam Brook 2026-06-09), from a \"3: to 2026-12-31, Contractor delay\" (Jo Adams 2026-06-09)"
contains "and says both were kept" "$out" "each starting where the one before ended: kept both"
lacks "not a value missing on one side" "$out" "(empty)"
contains "the audit trail says the same" "$(sqlite3 "$B" "SELECT old || ' | ' || new FROM audit WHERE field = 'conflict: seq'")" \
	"4: to 2027-01-31, Survey moved (here: Sam Brook 2026-06-09) | 3: to 2026-12-31, Contractor delay (from a: Jo Adams 2026-06-09); both kept"
contains "the newer re-date (B's) stays the target" "$($pb --db "$B" show SQ9 --plan HIP-2526)" "Target date: 31 Jan 2027"

# -- the same file twice changes nothing
afterB=$(snapshot "$B")
out=$($pb --db "$B" sync import "$tmp/a-b1.pbsync" 2>&1)
equals "importing the same file again succeeds" "$?" "0"
contains "and says there was nothing new" "$out" "Nothing new"
equals "and changes nothing" "$(snapshot "$B")" "$afterB"

# -- B → C carries A's changes too (forwarding), C → A
$pb --db "$B" sync export -o "$tmp/b-c1.pbsync" --to c >/dev/null 2>&1 || not_ok "export b for c"
out=$($pb --db "$C" sync import "$tmp/b-c1.pbsync" 2>&1)
equals "C imports B's file" "$?" "0"
contains "C got A's update through B" "$($pb --db "$C" show NC1.2.1 --plan HIP-2627)" "Partner meeting held (A)."
contains "C's file named both origins" "$out" "from a ("
$pb --db "$C" sync export -o "$tmp/c-a1.pbsync" --to a >/dev/null 2>&1 || not_ok "export c for a"
beforeA=$(snapshot "$A")
out=$($pb --db "$A" sync import "$tmp/c-a1.pbsync" 2>&1)
equals "A imports C's file" "$?" "0"
contains "A meets the RAG conflict: B's newer edit wins" "$out" "the newer edit wins: kept theirs"
contains "the two engagement records sharing a ref are both kept, one renamed" "$out" "ENG-901"
contains "A now shows B's RAG" "$($pb --db "$A" show NC1.1.1 --plan HIP-2627)" "RAG reason:  Sam: doors ordered"
check "A's conflicts are in its audit trail" [ "$(audit_conflicts "$A")" -ge 2 ]

# -- damaged, cut short, foreign, out of order, from a copy: refused, exit 3, nothing changed
afterA=$(snapshot "$A")
$pb --db "$B" --as "Sam Brook" update NC1.2.1 --plan HIP-2627 --note "Second note from B." >/dev/null
$pb --db "$B" sync export -o "$tmp/b-a1.pbsync" --to a >/dev/null 2>&1
$pb --db "$B" --as "Sam Brook" update NC1.2.1 --plan HIP-2627 --note "Third note from B." >/dev/null
$pb --db "$B" sync export -o "$tmp/b-a2.pbsync" --to a >/dev/null 2>&1
size=$(stat -c %s "$tmp/b-a1.pbsync")
cp "$tmp/b-a1.pbsync" "$tmp/tampered.pbsync"
printf 'X' | dd of="$tmp/tampered.pbsync" bs=1 seek=$((size - 120)) conv=notrunc 2>/dev/null
out=$($pb --db "$A" sync import "$tmp/tampered.pbsync" 2>&1)
equals "a tampered byte: exit 3" "$?" "3"
contains "the message names the file and the cause" "$out" "$tmp/tampered.pbsync: the change set is damaged (its checksum does not match"
head -c $((size - 200)) "$tmp/b-a1.pbsync" >"$tmp/short.pbsync"
out=$($pb --db "$A" sync import "$tmp/short.pbsync" 2>&1)
equals "a truncated file: exit 3" "$?" "3"
contains "it says the file was cut short" "$out" "$tmp/short.pbsync: the change set is cut short"
out=$($pb --db "$A" sync import "$tmp/eng-a.csv" 2>&1)
equals "a foreign file: exit 3" "$?" "3"
contains "it says it is not a change set" "$out" "is not a planbench change set"
: >"$tmp/empty.pbsync"
out=$($pb --db "$A" sync import "$tmp/empty.pbsync" 2>&1)
equals "an empty file: exit 3" "$?" "3"
contains "it says the file is empty and what to do" "$out" "$tmp/empty.pbsync is empty: it holds no change set"
out=$($pb --db "$A" sync import "$tmp/b-a2.pbsync" 2>&1)
equals "an out-of-order file: exit 3" "$?" "3"
contains "it says which changes to import first" "$out" "is out of order"
cp "$A" "$tmp/copy.db"
$pb --db "$tmp/copy.db" --as "Jo Adams" update NC1.2.1 --plan HIP-2627 --note "Written in a cp copy." >/dev/null
$pb --db "$tmp/copy.db" sync export -o "$tmp/copy.pbsync" --all >/dev/null 2>&1
out=$($pb --db "$A" sync import "$tmp/copy.pbsync" 2>&1)
equals "a file from a copy sharing this identity: exit 3" "$?" "3"
contains "it says how to give the copy its own identity" "$out" "sync identity --new"
equals "none of them changed anything" "$(snapshot "$A")" "$afterA"
$pb --db "$A" sync import "$tmp/b-a1.pbsync" >/dev/null 2>&1 || not_ok "the earlier file imports"
$pb --db "$A" sync import "$tmp/b-a2.pbsync" >/dev/null 2>&1 || not_ok "then the later one"
contains "in order, both apply" "$($pb --db "$A" show NC1.2.1 --plan HIP-2627)" "Third note from B."
out=$($pb --db "$tmp/copy.db" sync identity --new 2>&1)
contains "identity --new gives the copy its own identity" "$out" "Gave $tmp/copy.db a new identity"
$pb --db "$tmp/copy.db" --as "Jo Adams" update NC1.2.1 --plan HIP-2627 --note "Written in the copy with its own identity." >/dev/null
$pb --db "$tmp/copy.db" sync export -o "$tmp/copy2.pbsync" --to a >/dev/null 2>&1
out=$($pb --db "$A" sync import "$tmp/copy2.pbsync" 2>&1)
equals "then its changes import" "$?" "0"
contains "the copy's note arrived" "$($pb --db "$A" show NC1.2.1 --plan HIP-2627)" "Written in the copy with its own identity."

# -- everyone catches up: A → B, A → C, C → B
$pb --db "$A" sync export -o "$tmp/a-b2.pbsync" --to b >/dev/null 2>&1 && $pb --db "$B" sync import "$tmp/a-b2.pbsync" >/dev/null 2>&1 ||
	not_ok "A to B"
$pb --db "$A" sync export -o "$tmp/a-c2.pbsync" --to c >/dev/null 2>&1 && $pb --db "$C" sync import "$tmp/a-c2.pbsync" >/dev/null 2>&1 ||
	not_ok "A to C"
$pb --db "$C" sync export -o "$tmp/c-b2.pbsync" --to b >/dev/null 2>&1 && $pb --db "$B" sync import "$tmp/c-b2.pbsync" >/dev/null 2>&1 ||
	not_ok "C to B"
sa=$(snapshot "$A") sb=$(snapshot "$B") sc=$(snapshot "$C")
equals "A and B end with the same data" "$sb" "$sa"
equals "A and C end with the same data" "$sc" "$sa"
for d in "$A" "$B" "$C"; do
	contains "check finds no problem in $(basename "$d")" "$($pb --db "$d" check 2>&1)" "check: 0 problems"
done
rag() { $pb --db "$1" show NC1.1.1 --plan HIP-2627 | grep '^RAG:' | cut -c1-22; }
equals "all three agree on the newer RAG (B's)" "$(rag "$A")|$(rag "$B")|$(rag "$C")" "RAG:         set AMBER|RAG:         set AMBER|RAG:         set AMBER"
engs=$($pb --db "$B" list --kind engagements --format csv | grep -c 'ENG-901')
equals "both ENG-901 records are kept" "$engs" "2"
out=$($pb --db "$A" sync status)
contains "status says nothing is waiting for b" "$out" "0 change sets to send"
out=$($pb --db "$A" sync export --to zz -o "$tmp/x.pbsync" 2>&1)
equals "an unknown peer is a usage error" "$?" "2"
contains "it lists the known peers" "$out" "known peers: "
out=$($pb --db "$A" sync export -o "$tmp/x.pbsync" 2>&1)
equals "with several peers and no --to: a usage error" "$?" "2"
contains "it asks which" "$out" "say which peer with --to NAME"
# -- B put back from a backup: a fresh identity under its old name, so A knows two peers called b
$pb --db "$B" backup -o "$tmp/b-backup.db" >/dev/null 2>&1 && $pb --db "$B" restore "$tmp/b-backup.db" >/dev/null 2>&1 ||
	not_ok "B is backed up and restored"
$pb --db "$B" --as "Bea" update NC1.2.1 --plan HIP-2627 --note "Written after the restore." >/dev/null
ida=$($pb --db "$A" sync identity | sed -n 's/.*identity \([0-9a-f]\{8\}\).*/\1/p') # B knows A's copy as a too
$pb --db "$B" sync export -o "$tmp/b-a3.pbsync" --to "$ida" >/dev/null 2>&1 && $pb --db "$A" sync import "$tmp/b-a3.pbsync" >/dev/null 2>&1 ||
	not_ok "the restored B to A"
newb=$($pb --db "$B" sync identity | sed -n 's/.*identity \([0-9a-f]\{8\}\).*/\1/p')
out=$($pb --db "$A" sync export --to b -o "$tmp/a-b3.pbsync" 2>&1)
equals "two peers called b: --to b is a usage error, not a guess" "$?" "2"
contains "it says the name is not enough" "$out" "b: more than one peer has that name; say which with --to and the first 4"
contains "it lists both, with their identities" "$(printf '%s' "$out" | sed -n 's/.*known peers: //p')" "b ($newb)"
check "nothing was written" [ ! -e "$tmp/a-b3.pbsync" ]
$pb --db "$A" sync export --to "$newb" -o "$tmp/a-b3.pbsync" >/dev/null 2>&1
equals "the start of the new identity says which" "$(sed -n 's/^destination\t\([0-9a-f]\{8\}\).*/\1/p' "$tmp/a-b3.pbsync")" "$newb"
finish
