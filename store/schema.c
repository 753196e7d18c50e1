/* schema.c — the numbered migrations that build the database, and the per-connection audit triggers. */
#include <stddef.h>

#include "store/internal.h"

/* migrations[i] takes the database from user_version i to i+1. Never edit one that has shipped: add a new one. */
/* Every action, progress update and engagement record put in the search index (schemas 3 and 4 rebuild it). */
#define SEARCH_FILL \
	"INSERT INTO search(" STORE_SEARCH_COLUMNS ") SELECT " STORE_SEARCH_ACTION("a") " FROM action a;\n" \
	"INSERT INTO search(" STORE_SEARCH_COLUMNS ") SELECT " STORE_SEARCH_UPDATE("u") " FROM progress_update u;\n" \
	"INSERT INTO search(" STORE_SEARCH_COLUMNS ") SELECT " STORE_SEARCH_ENGAGEMENT("g") " FROM engagement g;\n"

/* Adds sign to the counts kept of action r (schema 6), under the officer who, once for each row of from that passes
 * where; its open actions per target date twice, under its plan and under 0 (every plan). */
#define COUNT_ADD(sign, who, r, from, where) \
	"  INSERT INTO action_count(officer_id, plan_id, section_id, n)" \
	" SELECT " who ", " r ".plan_id, ifnull(" r ".section_id, 0), " sign " FROM " from " WHERE " where \
	" ON CONFLICT(officer_id, plan_id, section_id) DO UPDATE SET n = n + excluded.n;\n" \
	"  INSERT INTO open_due_count(officer_id, plan_id, due_on, n) SELECT " who ", " DUE_PLAN(r) ", " r ".due_on, " sign \
	" FROM " from ", " EVERY_PLAN " WHERE " where " AND " r ".due_on IS NOT NULL AND " STORE_OPEN(r) \
	" ON CONFLICT(officer_id, plan_id, due_on) DO UPDATE SET n = n + excluded.n;\n"
#define EVERY_PLAN "(SELECT 0 AS k UNION ALL SELECT 1) pl"
#define DUE_PLAN(r) "CASE pl.k WHEN 1 THEN " r ".plan_id ELSE 0 END"
/* Takes action r out of the counts (as COUNT_ADD with -1), dropping the counts that come to nothing. */
#define COUNT_REMOVE(who, r, from, where) \
	COUNT_ADD("-1", who, r, from, where) \
	"  DELETE FROM action_count WHERE n = 0 AND (officer_id, plan_id, section_id) IN" \
	" (SELECT " who ", " r ".plan_id, ifnull(" r ".section_id, 0) FROM " from " WHERE " where ");\n" \
	"  DELETE FROM open_due_count WHERE n = 0 AND (officer_id, plan_id, due_on) IN" \
	" (SELECT " who ", " DUE_PLAN(r) ", " r ".due_on FROM " from ", " EVERY_PLAN " WHERE " where ");\n"
/* Whether the action with id x is counted by the triggers now: not while an import adds it (schema 7). */
#define COUNTED(x) x " <= (SELECT action_upto FROM count_deferred)"
/* An action is counted under 0 (every action) and under each of its leads (w.who). */
#define EVERY_LEAD(id) "(SELECT 0 AS who UNION ALL SELECT officer_id FROM action_owner WHERE action_id = " id ") w"

static const char *const migrations[] = {
	/* 1: the data model of DESIGN.md */
	"CREATE TABLE setting(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
	"INSERT INTO setting VALUES ('rag.amber_days','30'), ('quarter.scheme','financial');\n"

	"CREATE TABLE plan(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, title TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL DEFAULT 'improvement' CHECK (kind IN ('strategy','improvement','other')),\n"
	"  starts_on TEXT, ends_on TEXT, position INTEGER NOT NULL);\n"

	"CREATE TABLE section(id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan(id),\n"
	"  parent_id INTEGER REFERENCES section(id), code TEXT NOT NULL, title TEXT NOT NULL,\n"
	"  position INTEGER NOT NULL, UNIQUE (plan_id, code));\n"

	"CREATE TABLE officer(id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE,\n"
	"  role TEXT, team TEXT, email TEXT);\n"
	"CREATE TABLE officer_alias(id INTEGER PRIMARY KEY, officer_id INTEGER NOT NULL REFERENCES officer(id) ON DELETE CASCADE,\n"
	"  alias TEXT NOT NULL, alias_key TEXT NOT NULL UNIQUE);\n"
	"CREATE INDEX officer_alias_officer ON officer_alias(officer_id);\n"

	"CREATE TABLE action(id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan(id),\n"
	"  section_id INTEGER REFERENCES section(id), ref TEXT NOT NULL, ref_key TEXT NOT NULL,\n"
	"  title TEXT NOT NULL, description TEXT, measure TEXT, target TEXT, outcome TEXT,\n"
	"  status TEXT CHECK (status IN ('to_be_started','in_progress','on_hold','complete','deferred')),\n"
	"  rag TEXT CHECK (rag IN ('R','A','G','C')), rag_reason TEXT,\n"
	"  due_text TEXT, due_on TEXT, due_state TEXT NOT NULL DEFAULT 'none'\n"
	"    CHECK (due_state IN ('none','dated','ongoing','on_hold','tbc','complete')),\n"
	"  due_precision TEXT NOT NULL DEFAULT 'none' CHECK (due_precision IN ('none','day','month','plan_year')),\n"
	"  completed_on TEXT, position INTEGER NOT NULL,\n"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (plan_id, ref));\n"
	"CREATE INDEX action_due ON action(due_on);\n"
	"CREATE INDEX action_plan_position ON action(plan_id, position);\n"

	"CREATE TABLE action_owner(action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,\n"
	"  officer_id INTEGER NOT NULL REFERENCES officer(id), position INTEGER NOT NULL, written_as TEXT NOT NULL,\n"
	"  PRIMARY KEY (action_id, officer_id)) WITHOUT ROWID;\n"
	"CREATE INDEX action_owner_officer ON action_owner(officer_id);\n"

	"CREATE TABLE due_change(id INTEGER PRIMARY KEY, action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL, from_on TEXT, to_on TEXT, to_text TEXT, reason TEXT NOT NULL CHECK (reason <> ''),\n"
	"  changed_on TEXT, changed_by TEXT, UNIQUE (action_id, seq));\n"

	"CREATE TABLE progress_update(id INTEGER PRIMARY KEY, action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,\n"
	"  period TEXT, noted_on TEXT NOT NULL, author TEXT, text TEXT NOT NULL, created_at TEXT NOT NULL);\n"
	"CREATE INDEX progress_update_action ON progress_update(action_id, noted_on);\n"

	"CREATE TABLE review(id INTEGER PRIMARY KEY, officer_id INTEGER NOT NULL REFERENCES officer(id),\n"
	"  reviewer TEXT, held_on TEXT NOT NULL, finished_at TEXT, notes TEXT);\n"
	"CREATE TABLE review_item(id INTEGER PRIMARY KEY, review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,\n"
	"  action_id INTEGER NOT NULL REFERENCES action(id), discussed INTEGER NOT NULL DEFAULT 1,\n"
	"  notes TEXT, next_step TEXT, new_due_on TEXT, UNIQUE (review_id, action_id));\n"

	"CREATE TABLE engagement_method(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE,\n"
	"  formality TEXT NOT NULL DEFAULT 'other' CHECK (formality IN ('formal','informal','other')),\n"
	"  description TEXT, position INTEGER NOT NULL);\n"
	"CREATE TABLE engagement(id INTEGER PRIMARY KEY, ref TEXT NOT NULL UNIQUE, title TEXT NOT NULL, team TEXT,\n"
	"  method_id INTEGER REFERENCES engagement_method(id), location TEXT, held_on TEXT, held_until TEXT, when_text TEXT,\n"
	"  frequency TEXT CHECK (frequency IN ('one_off','monthly','every_other_month','quarterly','annual','ad_hoc','ongoing')),\n"
	"  tenants INTEGER CHECK (tenants >= 0), tenants_basis TEXT NOT NULL DEFAULT 'unknown'\n"
	"    CHECK (tenants_basis IN ('exact','circa','unknown')),\n"
	"  tenants_scope TEXT CHECK (tenants_scope IN ('event','total')), tenants_text TEXT, standard TEXT,\n"
	"  summary TEXT, you_said TEXT, we_did TEXT, position INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);\n"
	"CREATE TABLE engagement_action(engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,\n"
	"  action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE, position INTEGER NOT NULL,\n"
	"  PRIMARY KEY (engagement_id, action_id)) WITHOUT ROWID;\n"
	"CREATE INDEX engagement_action_action ON engagement_action(action_id);\n"

	"CREATE TABLE snapshot(id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE, taken_on TEXT NOT NULL, taken_at TEXT NOT NULL);\n"
	"CREATE TABLE snapshot_action(snapshot_id INTEGER NOT NULL REFERENCES snapshot(id), action_id INTEGER NOT NULL REFERENCES action(id),\n"
	"  status TEXT, rag TEXT, rag_computed TEXT, due_on TEXT, PRIMARY KEY (snapshot_id, action_id)) WITHOUT ROWID;\n"

	"CREATE TABLE audit(id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT, entity TEXT NOT NULL,\n"
	"  entity_id INTEGER, field TEXT, old TEXT, new TEXT);\n"
	"CREATE INDEX audit_entity ON audit(entity, entity_id);\n"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;\n"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;\n"

	/* Full-text index over action text, progress updates and engagement records. */
	"CREATE VIRTUAL TABLE search USING fts5(entity UNINDEXED, entity_id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2');\n"
	"CREATE TRIGGER search_action_ins AFTER INSERT ON action BEGIN\n"
	"  INSERT INTO search(entity, entity_id, title, body) VALUES ('action', new.id, new.ref || ' ' || new.title,\n"
	"    trim(ifnull(new.description,'') || ' ' || ifnull(new.measure,'') || ' ' || ifnull(new.target,'') || ' ' || ifnull(new.outcome,'') || ' ' || ifnull(new.rag_reason,''))); END;\n"
	"CREATE TRIGGER search_action_upd AFTER UPDATE OF ref, title, description, measure, target, outcome, rag_reason ON action BEGIN\n"
	"  UPDATE search SET title = new.ref || ' ' || new.title,\n"
	"    body = trim(ifnull(new.description,'') || ' ' || ifnull(new.measure,'') || ' ' || ifnull(new.target,'') || ' ' || ifnull(new.outcome,'') || ' ' || ifnull(new.rag_reason,''))\n"
	"  WHERE entity = 'action' AND entity_id = new.id; END;\n"
	"CREATE TRIGGER search_action_del AFTER DELETE ON action BEGIN\n"
	"  DELETE FROM search WHERE entity = 'action' AND entity_id = old.id; END;\n"
	"CREATE TRIGGER search_update_ins AFTER INSERT ON progress_update BEGIN\n"
	"  INSERT INTO search(entity, entity_id, title, body) VALUES ('update', new.id, new.period, new.text); END;\n"
	"CREATE TRIGGER search_update_upd AFTER UPDATE OF text, period ON progress_update BEGIN\n"
	"  UPDATE search SET title = new.period, body = new.text WHERE entity = 'update' AND entity_id = new.id; END;\n"
	"CREATE TRIGGER search_update_del AFTER DELETE ON progress_update BEGIN\n"
	"  DELETE FROM search WHERE entity = 'update' AND entity_id = old.id; END;\n"
	"CREATE TRIGGER search_engagement_ins AFTER INSERT ON engagement BEGIN\n"
	"  INSERT INTO search(entity, entity_id, title, body) VALUES ('engagement', new.id, new.title,\n"
	"    trim(ifnull(new.team,'') || ' ' || ifnull(new.location,'') || ' ' || ifnull(new.summary,'') || ' ' || ifnull(new.you_said,'') || ' ' || ifnull(new.we_did,''))); END;\n"
	"CREATE TRIGGER search_engagement_upd AFTER UPDATE ON engagement BEGIN\n"
	"  UPDATE search SET title = new.title, body = trim(ifnull(new.team,'') || ' ' || ifnull(new.location,'') || ' ' || ifnull(new.summary,'') || ' ' || ifnull(new.you_said,'') || ' ' || ifnull(new.we_did,''))\n"
	"  WHERE entity = 'engagement' AND entity_id = new.id; END;\n"
	"CREATE TRIGGER search_engagement_del AFTER DELETE ON engagement BEGIN\n"
	"  DELETE FROM search WHERE entity = 'engagement' AND entity_id = old.id; END;\n",

	/* 2: one-to-one reviews keep their agenda as it stood when they began (each action's group and place, its target
	 * and RAGs then, when it was taken), what "changed since" counted from, and the audit entry that ends them. */
	"ALTER TABLE review ADD COLUMN since_on TEXT;\n"
	"ALTER TABLE review ADD COLUMN since_mark INTEGER;\n"
	"ALTER TABLE review ADD COLUMN audit_mark INTEGER;\n"
	"ALTER TABLE review_item ADD COLUMN agenda_group TEXT\n"
	"  CHECK (agenda_group IN ('overdue','mismatch','due_soon','changed','other'));\n"
	"ALTER TABLE review_item ADD COLUMN position INTEGER;\n"
	"ALTER TABLE review_item ADD COLUMN due_on_then TEXT;\n"
	"ALTER TABLE review_item ADD COLUMN rag_then TEXT;\n"
	"ALTER TABLE review_item ADD COLUMN rag_computed_then TEXT;\n"
	"ALTER TABLE review_item ADD COLUMN taken_at TEXT;\n"
	"CREATE INDEX review_officer ON review(officer_id, held_on);\n"
	"CREATE INDEX review_item_action ON review_item(action_id);\n"
	"CREATE INDEX review_item_position ON review_item(review_id, position);\n",

	/* 3: speed at 100,000 actions (bench/). Indexes that let a list read one screen of rows in the order it shows
	 * (plan order, target date among open actions, ref, lead; by id for an owner's or a search's actions; per section
	 * for the navigator's counts) without reading the wide action rows; each action's leads kept on it (a list need
	 * not gather them row by row); positions of plans and engagement records indexed (an import asks for the last one
	 * per row); and the search index rebuilt with rowids that name the action of each document (STORE_SEARCH_ACTION),
	 * its triggers moving to each connection (store_schema_audit_triggers) so that an import can index all its rows
	 * in one pass at its end. */
	"CREATE INDEX plan_position ON plan(position);\n"
	"CREATE INDEX engagement_position ON engagement(position);\n"
	"DROP INDEX action_plan_position;\n"
	"CREATE INDEX action_plan_order ON action(plan_id, position, due_on, status, completed_on, due_state, rag, section_id);\n"
	"CREATE INDEX action_open_due ON action(due_on, plan_id, position, status, completed_on, due_state, rag, section_id)\n"
	"  WHERE NOT (ifnull(status,'') = 'complete' OR completed_on IS NOT NULL OR due_state = 'complete');\n"
	"CREATE INDEX action_due_order ON action(due_on IS NULL, due_on);\n"
	"CREATE INDEX action_by_id ON action(id, plan_id, section_id, position, due_on, status, completed_on, due_state, rag, ref_key);\n"
	"CREATE INDEX action_section ON action(plan_id, section_id, due_on, status, completed_on, due_state, rag);\n"
	"CREATE INDEX action_ref_order ON action(ref_key);\n"
	"CREATE INDEX due_change_changed ON due_change(changed_on);\n"
	"ALTER TABLE action ADD COLUMN leads TEXT;\n"
	"UPDATE action SET leads = " STORE_LEADS_OF("action.id") ";\n"
	"CREATE INDEX action_leads ON action(leads IS NULL, leads COLLATE NOCASE);\n"
	/* A lead added after the others (as imports and edits add them) is appended; any other is a recount. */
	"CREATE TRIGGER action_leads_ins AFTER INSERT ON action_owner BEGIN\n"
	"  UPDATE action SET leads = CASE WHEN EXISTS (SELECT 1 FROM action_owner o WHERE o.action_id = new.action_id\n"
	"    AND o.officer_id <> new.officer_id AND o.position >= new.position) THEN " STORE_LEADS_OF("new.action_id") "\n"
	"    ELSE ifnull(leads || '; ', '') || (SELECT name FROM officer WHERE id = new.officer_id) END WHERE id = new.action_id; END;\n"
	"CREATE TRIGGER action_leads_del AFTER DELETE ON action_owner BEGIN\n"
	"  UPDATE action SET leads = " STORE_LEADS_OF("old.action_id") " WHERE id = old.action_id; END;\n"
	"CREATE TRIGGER action_leads_upd AFTER UPDATE OF action_id, officer_id, position ON action_owner BEGIN\n"
	"  UPDATE action SET leads = " STORE_LEADS_OF("action.id") " WHERE id IN (old.action_id, new.action_id); END;\n"
	"CREATE TRIGGER action_leads_officer AFTER UPDATE OF name ON officer BEGIN\n"
	"  UPDATE action SET leads = " STORE_LEADS_OF("action.id")
	"  WHERE id IN (SELECT action_id FROM action_owner WHERE officer_id = new.id); END;\n"
	"DROP TRIGGER search_action_ins;\n"
	"DROP TRIGGER search_action_upd;\n"
	"DROP TRIGGER search_action_del;\n"
	"DROP TRIGGER search_update_ins;\n"
	"DROP TRIGGER search_update_upd;\n"
	"DROP TRIGGER search_update_del;\n"
	"DROP TRIGGER search_engagement_ins;\n"
	"DROP TRIGGER search_engagement_upd;\n"
	"DROP TRIGGER search_engagement_del;\n"
	"DROP TABLE search;\n"
	"CREATE VIRTUAL TABLE search USING fts5(entity UNINDEXED, entity_id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2');\n"
	SEARCH_FILL,

	/* 4: working apart (store/sync.c). This database's identity as a replica, and the slot (1..1020) that ends every
	 * row id it creates (pb_new_id), so rows made on two laptops never share an id; the log of change sets, its own
	 * and those received from others (which it forwards), in the order they were applied here; how far the changes
	 * of each origin are held here; the peers it exchanges files with and, per origin, what each was sent and is
	 * known to hold. */
	"CREATE TABLE sync_replica(one INTEGER PRIMARY KEY CHECK (one = 1), identity TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',\n"
	"  slot INTEGER NOT NULL CHECK (slot BETWEEN 1 AND 1020), seq INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);\n"
	"INSERT INTO sync_replica(one, identity, slot, created_at)\n"
	"  VALUES (1, lower(hex(randomblob(16))), abs(random() % 1020) + 1, strftime('%Y-%m-%dT%H:%M:%SZ','now'));\n"
	"CREATE TABLE sync_log(pos INTEGER PRIMARY KEY, origin TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL,\n"
	"  changes INTEGER NOT NULL, data BLOB NOT NULL, UNIQUE (origin, seq));\n"
	"CREATE TABLE sync_origin(origin TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', slot INTEGER, held INTEGER NOT NULL DEFAULT 0);\n"
	"INSERT INTO sync_origin(origin, slot) SELECT identity, slot FROM sync_replica;\n"
	"CREATE TABLE sync_peer(peer TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', slot INTEGER, last_sent_at TEXT,\n"
	"  last_received_at TEXT);\n"
	"CREATE TABLE sync_peer_origin(peer TEXT NOT NULL REFERENCES sync_peer(peer) ON DELETE CASCADE, origin TEXT NOT NULL,\n"
	"  sent INTEGER NOT NULL DEFAULT 0, held INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (peer, origin)) WITHOUT ROWID;\n",

	/* 5: search as it is typed, instant at 100,000 actions: the index also keeps every word's first one, two and three
	 * letters, so a search for a word begun reads one list of documents in order (and can stop after the first
	 * thousand actions) where it read and merged the lists of every word so begun. */
	"DROP TABLE search;\n"
	"CREATE VIRTUAL TABLE search USING fts5(entity UNINDEXED, entity_id UNINDEXED, title, body,"
	" tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');\n"
	SEARCH_FILL,

	/* 6: the navigator's counts at any size. How many actions each officer leads (0: every action) per plan and
	 * section, and how many open ones per plan (0: every plan) and target date, kept by triggers through every write
	 * (edits, imports, undo, change sets applied), so the views' and the tree's counts read a few hundred rows, not
	 * the actions: overdue and due soon are the open ones dated before today or in the days after it, summed when
	 * asked, so the counts follow today. An action leaves the counts before it is deleted, with its leads (their
	 * cascade, after it, finds it gone); a lead counts only while its action exists, whichever comes first in a change
	 * set. And sections by parent: the navigator's tree found each section's children by reading them all. */
	"CREATE TABLE action_count(officer_id INTEGER NOT NULL, plan_id INTEGER NOT NULL, section_id INTEGER NOT NULL,\n"
	"  n INTEGER NOT NULL, PRIMARY KEY (officer_id, plan_id, section_id)) WITHOUT ROWID;\n"
	"CREATE TABLE open_due_count(officer_id INTEGER NOT NULL, plan_id INTEGER NOT NULL, due_on TEXT NOT NULL,\n"
	"  n INTEGER NOT NULL, PRIMARY KEY (officer_id, plan_id, due_on)) WITHOUT ROWID;\n"
	"INSERT INTO action_count(officer_id, plan_id, section_id, n) " STORE_SECTION_COUNTS ";\n"
	"INSERT INTO open_due_count(officer_id, plan_id, due_on, n) " STORE_DUE_COUNTS ";\n"
	"CREATE INDEX section_parent ON section(parent_id, position);\n"
	"CREATE TRIGGER count_action_ins AFTER INSERT ON action BEGIN\n"
	COUNT_ADD("1", "w.who", "new", EVERY_LEAD("new.id"), "true") "END;\n"
	"CREATE TRIGGER count_action_del BEFORE DELETE ON action BEGIN\n"
	COUNT_REMOVE("w.who", "old", EVERY_LEAD("old.id"), "true") "END;\n"
	"CREATE TRIGGER count_action_upd AFTER UPDATE OF id, plan_id, section_id, due_on, status, completed_on, due_state\n"
	"  ON action\n"
	"  WHEN old.id IS NOT new.id OR old.plan_id IS NOT new.plan_id OR old.section_id IS NOT new.section_id\n"
	"    OR old.due_on IS NOT new.due_on OR (" STORE_OPEN("old") ") IS NOT (" STORE_OPEN("new") ") BEGIN\n"
	COUNT_REMOVE("w.who", "old", EVERY_LEAD("old.id"), "true")
	COUNT_ADD("1", "w.who", "new", EVERY_LEAD("new.id"), "true") "END;\n"
	"CREATE TRIGGER count_lead_ins AFTER INSERT ON action_owner BEGIN\n"
	COUNT_ADD("1", "new.officer_id", "a", "action a", "a.id = new.action_id") "END;\n"
	"CREATE TRIGGER count_lead_del AFTER DELETE ON action_owner BEGIN\n"
	COUNT_REMOVE("old.officer_id", "a", "action a", "a.id = old.action_id") "END;\n"
	"CREATE TRIGGER count_lead_upd AFTER UPDATE OF action_id, officer_id ON action_owner\n"
	"  WHEN old.action_id IS NOT new.action_id OR old.officer_id IS NOT new.officer_id BEGIN\n"
	COUNT_REMOVE("old.officer_id", "a", "action a", "a.id = old.action_id")
	COUNT_ADD("1", "new.officer_id", "a", "action a", "a.id = new.action_id") "END;\n",

	/* 7: the counts of the actions an import adds are made in one pass at its end (store/import.c), as their search
	 * documents and audit rows are: row by row, each action was some eight upserts of its triggers. While an import
	 * runs, count_deferred holds the highest action id before it; the triggers count only actions up to it (and the
	 * leads of those). Outside an import it is the largest id, and the triggers count every action as before. */
	"CREATE TABLE count_deferred(one INTEGER PRIMARY KEY CHECK (one = 1), action_upto INTEGER NOT NULL);\n"
	/* An import saves a new action's owners before it (its foreign keys checked at the end): SQLite then looks, as
	 * it saves each action, for rows of every table that refers to actions; this one had no index to look in. */
	"CREATE INDEX snapshot_action_action ON snapshot_action(action_id);\n"
	"INSERT INTO count_deferred VALUES (1, 9223372036854775807);\n"
	"DROP TRIGGER count_action_ins;\n"
	"DROP TRIGGER count_action_del;\n"
	"DROP TRIGGER count_action_upd;\n"
	"DROP TRIGGER count_lead_ins;\n"
	"DROP TRIGGER count_lead_del;\n"
	"DROP TRIGGER count_lead_upd;\n"
	"CREATE TRIGGER count_action_ins AFTER INSERT ON action WHEN " COUNTED("new.id") " BEGIN\n"
	COUNT_ADD("1", "w.who", "new", EVERY_LEAD("new.id"), "true") "END;\n"
	"CREATE TRIGGER count_action_del BEFORE DELETE ON action WHEN " COUNTED("old.id") " BEGIN\n"
	COUNT_REMOVE("w.who", "old", EVERY_LEAD("old.id"), "true") "END;\n"
	"CREATE TRIGGER count_action_upd AFTER UPDATE OF id, plan_id, section_id, due_on, status, completed_on, due_state\n"
	"  ON action\n"
	"  WHEN (old.id IS NOT new.id OR old.plan_id IS NOT new.plan_id OR old.section_id IS NOT new.section_id\n"
	"    OR old.due_on IS NOT new.due_on OR (" STORE_OPEN("old") ") IS NOT (" STORE_OPEN("new") "))\n"
	"    AND " COUNTED("old.id") " AND " COUNTED("new.id") " BEGIN\n"
	COUNT_REMOVE("w.who", "old", EVERY_LEAD("old.id"), "true")
	COUNT_ADD("1", "w.who", "new", EVERY_LEAD("new.id"), "true") "END;\n"
	"CREATE TRIGGER count_lead_ins AFTER INSERT ON action_owner WHEN " COUNTED("new.action_id") " BEGIN\n"
	COUNT_ADD("1", "new.officer_id", "a", "action a", "a.id = new.action_id") "END;\n"
	"CREATE TRIGGER count_lead_del AFTER DELETE ON action_owner WHEN " COUNTED("old.action_id") " BEGIN\n"
	COUNT_REMOVE("old.officer_id", "a", "action a", "a.id = old.action_id") "END;\n"
	"CREATE TRIGGER count_lead_upd AFTER UPDATE OF action_id, officer_id ON action_owner\n"
	"  WHEN (old.action_id IS NOT new.action_id OR old.officer_id IS NOT new.officer_id)\n"
	"    AND " COUNTED("old.action_id") " AND " COUNTED("new.action_id") " BEGIN\n"
	COUNT_REMOVE("old.officer_id", "a", "action a", "a.id = old.action_id")
	COUNT_ADD("1", "new.officer_id", "a", "action a", "a.id = new.action_id") "END;\n",
};

int store_schema_latest(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *store_schema_migration(int from_version)
{
	return from_version >= 0 && from_version < store_schema_latest() ? migrations[from_version] : NULL;
}

/* The audited fields of an engagement record as (f, o, n) rows: o from the row called o, n from the row called n;
 * the method by its name. */
#define ENGAGEMENT_AUDIT_FIELDS(o, n) \
	"    SELECT 'ref' f, " o ".ref o, " n ".ref n UNION ALL SELECT 'title', " o ".title, " n ".title\n" \
	"    UNION ALL SELECT 'team', " o ".team, " n ".team\n" \
	"    UNION ALL SELECT 'method', (SELECT name FROM engagement_method WHERE id = " o ".method_id),\n" \
	"      (SELECT name FROM engagement_method WHERE id = " n ".method_id)\n" \
	"    UNION ALL SELECT 'location', " o ".location, " n ".location UNION ALL SELECT 'held_on', " o ".held_on, " n ".held_on\n" \
	"    UNION ALL SELECT 'held_until', " o ".held_until, " n ".held_until UNION ALL SELECT 'when_text', " o ".when_text, " n ".when_text\n" \
	"    UNION ALL SELECT 'frequency', " o ".frequency, " n ".frequency UNION ALL SELECT 'tenants', " o ".tenants, " n ".tenants\n" \
	"    UNION ALL SELECT 'tenants_basis', " o ".tenants_basis, " n ".tenants_basis\n" \
	"    UNION ALL SELECT 'tenants_scope', " o ".tenants_scope, " n ".tenants_scope\n" \
	"    UNION ALL SELECT 'tenants_text', " o ".tenants_text, " n ".tenants_text UNION ALL SELECT 'standard', " o ".standard, " n ".standard\n" \
	"    UNION ALL SELECT 'summary', " o ".summary, " n ".summary UNION ALL SELECT 'you_said', " o ".you_said, " n ".you_said\n" \
	"    UNION ALL SELECT 'we_did', " o ".we_did, " n ".we_did"

/* The search index's triggers (schema 3), per connection like the audit's. temp.deferred holds, per table, the
 * highest id indexed and audited row by row: all of them, until an import puts off indexing and auditing the rows it
 * adds (their ids are above the highest before it) to do both in one pass at its end (store/import.c). A change to a
 * row replaces its document, so a row the index lacks gets one. */
#define SEARCH_TRIGGERS \
	"CREATE TEMP TABLE deferred(action_upto INTEGER NOT NULL, update_upto INTEGER NOT NULL," \
	" engagement_upto INTEGER NOT NULL);\n" \
	"INSERT INTO temp.deferred VALUES (9223372036854775807, 9223372036854775807, 9223372036854775807);\n" \
	"CREATE TEMP TRIGGER search_action_ins AFTER INSERT ON main.action" \
	"  WHEN new.id <= (SELECT action_upto FROM temp.deferred) BEGIN\n" \
	"  INSERT INTO search(" STORE_SEARCH_COLUMNS ") VALUES (" STORE_SEARCH_ACTION("new") "); END;\n" \
	"CREATE TEMP TRIGGER search_action_upd AFTER UPDATE OF ref, title, description, measure, target, outcome, rag_reason" \
	"  ON main.action WHEN new.id <= (SELECT action_upto FROM temp.deferred) BEGIN\n" \
	"  INSERT OR REPLACE INTO search(" STORE_SEARCH_COLUMNS ") VALUES (" STORE_SEARCH_ACTION("new") "); END;\n" \
	"CREATE TEMP TRIGGER search_action_del AFTER DELETE ON main.action BEGIN\n" \
	"  DELETE FROM search WHERE rowid = old.id << 32; END;\n" \
	"CREATE TEMP TRIGGER search_update_ins AFTER INSERT ON main.progress_update" \
	"  WHEN new.id <= (SELECT update_upto FROM temp.deferred) BEGIN\n" \
	"  INSERT INTO search(" STORE_SEARCH_COLUMNS ") VALUES (" STORE_SEARCH_UPDATE("new") "); END;\n" \
	"CREATE TEMP TRIGGER search_update_upd AFTER UPDATE OF action_id, period, text ON main.progress_update" \
	"  WHEN new.id <= (SELECT update_upto FROM temp.deferred) BEGIN\n" \
	"  DELETE FROM search WHERE rowid = (old.action_id << 32) | old.id;\n" \
	"  INSERT OR REPLACE INTO search(" STORE_SEARCH_COLUMNS ") VALUES (" STORE_SEARCH_UPDATE("new") "); END;\n" \
	"CREATE TEMP TRIGGER search_update_del AFTER DELETE ON main.progress_update BEGIN\n" \
	"  DELETE FROM search WHERE rowid = (old.action_id << 32) | old.id; END;\n" \
	"CREATE TEMP TRIGGER search_engagement_ins AFTER INSERT ON main.engagement" \
	"  WHEN new.id <= (SELECT engagement_upto FROM temp.deferred) BEGIN\n" \
	"  INSERT INTO search(" STORE_SEARCH_COLUMNS ") VALUES (" STORE_SEARCH_ENGAGEMENT("new") "); END;\n" \
	"CREATE TEMP TRIGGER search_engagement_upd AFTER UPDATE OF title, team, location, summary, you_said, we_did" \
	"  ON main.engagement WHEN new.id <= (SELECT engagement_upto FROM temp.deferred) BEGIN\n" \
	"  INSERT OR REPLACE INTO search(" STORE_SEARCH_COLUMNS ") VALUES (" STORE_SEARCH_ENGAGEMENT("new") "); END;\n" \
	"CREATE TEMP TRIGGER search_engagement_del AFTER DELETE ON main.engagement BEGIN\n" \
	"  DELETE FROM search WHERE rowid = -old.id; END;\n"

/* An audit trigger fires for the changes made here, not for those a change set from another replica brings (they
 * carry their own audit rows); pb_auditing() says which (store/sync.c). Nor for rows an import adds, audited as they
 * stand at its end (temp.deferred): AUDITED_UPTO(x, col) when x, a row's id, is at most the column col. */
#define AUDITED " WHEN pb_auditing() "
#define AUDITED_UPTO(x, col) " WHEN pb_auditing() AND " x " <= (SELECT " col " FROM temp.deferred) "

/* Audit triggers live in the temp schema so they can read who is working (temp.actor);
 * every connection this program opens installs them, so no change escapes the audit. The search index's
 * triggers (SEARCH_TRIGGERS) are installed with them. */
const char *store_schema_audit_triggers(void)
{
	return SEARCH_TRIGGERS
	       "CREATE TEMP TABLE actor(who TEXT);\n"
	       "INSERT INTO temp.actor VALUES (NULL);\n"
	       "CREATE TEMP TRIGGER audit_action_ins AFTER INSERT ON main.action" AUDITED_UPTO("new.id", "action_upto") "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'action', new.id, NULL, NULL, new.ref); END;\n"
	       "CREATE TEMP TRIGGER audit_action_del AFTER DELETE ON main.action" AUDITED_UPTO("old.id", "action_upto") "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'action', old.id, NULL, old.ref, NULL); END;\n"
	       /* Only the audited fields fire it: leads and positions, kept by triggers, are no change of their own. */
	       "CREATE TEMP TRIGGER audit_action_upd AFTER UPDATE OF ref, section_id, title, description, measure, target, outcome,"
	       " status, rag, rag_reason, due_text, due_on, due_state, completed_on ON main.action" AUDITED_UPTO("new.id", "action_upto") "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  SELECT pb_new_id('audit') + (row_number() OVER () - 1) * " STORE_ID_STEP ", strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'action', new.id, f, o, n FROM (\n"
	       "    SELECT 'ref' f, old.ref o, new.ref n UNION ALL SELECT 'section', old.section_id, new.section_id\n"
	       "    UNION ALL SELECT 'title', old.title, new.title UNION ALL SELECT 'description', old.description, new.description\n"
	       "    UNION ALL SELECT 'measure', old.measure, new.measure UNION ALL SELECT 'target', old.target, new.target\n"
	       "    UNION ALL SELECT 'outcome', old.outcome, new.outcome UNION ALL SELECT 'status', old.status, new.status\n"
	       "    UNION ALL SELECT 'rag', old.rag, new.rag UNION ALL SELECT 'rag_reason', old.rag_reason, new.rag_reason\n"
	       "    UNION ALL SELECT 'due_text', old.due_text, new.due_text UNION ALL SELECT 'due_on', old.due_on, new.due_on\n"
	       "    UNION ALL SELECT 'due_state', old.due_state, new.due_state\n"
	       "    UNION ALL SELECT 'completed_on', old.completed_on, new.completed_on) WHERE o IS NOT n; END;\n"
	       "CREATE TEMP TRIGGER audit_owner_ins AFTER INSERT ON main.action_owner" AUDITED_UPTO("new.action_id", "action_upto") "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'action', new.action_id, 'owner', NULL,\n"
	       "    (SELECT name FROM officer WHERE id = new.officer_id)); END;\n"
	       "CREATE TEMP TRIGGER audit_owner_del AFTER DELETE ON main.action_owner" AUDITED_UPTO("old.action_id", "action_upto") "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'action', old.action_id, 'owner',\n"
	       "    (SELECT name FROM officer WHERE id = old.officer_id), NULL); END;\n"
	       "CREATE TEMP TRIGGER audit_due_change_ins AFTER INSERT ON main.due_change" AUDITED_UPTO("new.action_id", "action_upto") "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'action', new.action_id, 'revision',\n"
	       "    new.from_on, trim(ifnull(new.to_on,'') || ' ' || ifnull('(' || new.reason || ')',''))); END;\n"
	       "CREATE TEMP TRIGGER audit_update_ins AFTER INSERT ON main.progress_update" AUDITED_UPTO("new.id", "update_upto") "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'action', new.action_id, 'progress_update',\n"
	       "    NULL, new.text); END;\n"
	       "CREATE TEMP TRIGGER audit_update_del AFTER DELETE ON main.progress_update" AUDITED_UPTO("old.id", "update_upto") "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'action', old.action_id, 'progress_update',\n"
	       "    old.text, NULL); END;\n"
	       "CREATE TEMP TRIGGER audit_engagement_ins AFTER INSERT ON main.engagement" AUDITED_UPTO("new.id", "engagement_upto") "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'engagement', new.id, NULL, NULL, new.ref); END;\n"
	       /* An engagement record's changes field by field; its deletion keeps every field it had, so what was
		* deleted can still be read (and put back) from the audit trail. */
	       "CREATE TEMP TRIGGER audit_engagement_upd AFTER UPDATE ON main.engagement" AUDITED_UPTO("new.id", "engagement_upto") "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  SELECT pb_new_id('audit') + (row_number() OVER () - 1) * " STORE_ID_STEP ", strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'engagement', new.id, f, o, n FROM (\n"
	       ENGAGEMENT_AUDIT_FIELDS("old", "new") ") WHERE o IS NOT n; END;\n"
	       "CREATE TEMP TRIGGER audit_engagement_del AFTER DELETE ON main.engagement" AUDITED_UPTO("old.id", "engagement_upto") "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  SELECT pb_new_id('audit') + (row_number() OVER () - 1) * " STORE_ID_STEP ", strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'engagement', old.id, f, o, NULL FROM (\n"
	       ENGAGEMENT_AUDIT_FIELDS("old", "old") ") WHERE o IS NOT NULL AND f <> 'ref';\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'engagement', old.id, NULL, old.ref, NULL); END;\n"
	       "CREATE TEMP TRIGGER audit_engagement_link_ins AFTER INSERT ON main.engagement_action" AUDITED_UPTO("new.engagement_id", "engagement_upto") "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'engagement', new.engagement_id, 'action', NULL,\n"
	       "    (SELECT p.code || ':' || a.ref FROM action a JOIN plan p ON p.id = a.plan_id WHERE a.id = new.action_id)); END;\n"
	       "CREATE TEMP TRIGGER audit_engagement_link_del AFTER DELETE ON main.engagement_action" AUDITED_UPTO("old.engagement_id", "engagement_upto") "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'engagement', old.engagement_id, 'action',\n"
	       "    (SELECT p.code || ':' || a.ref FROM action a JOIN plan p ON p.id = a.plan_id WHERE a.id = old.action_id), NULL); END;\n"
	       /* The list of methods is reference data the Tenant Experience team edits. */
	       "CREATE TEMP TRIGGER audit_method_ins AFTER INSERT ON main.engagement_method" AUDITED "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'method', new.id, NULL, NULL, new.name); END;\n"
	       "CREATE TEMP TRIGGER audit_method_upd AFTER UPDATE ON main.engagement_method" AUDITED "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  SELECT pb_new_id('audit') + (row_number() OVER () - 1) * " STORE_ID_STEP ", strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'method', new.id, f, o, n FROM (\n"
	       "    SELECT 'name' f, old.name o, new.name n UNION ALL SELECT 'formality', old.formality, new.formality\n"
	       "    UNION ALL SELECT 'description', old.description, new.description) WHERE o IS NOT n; END;\n"
	       "CREATE TEMP TRIGGER audit_method_del AFTER DELETE ON main.engagement_method" AUDITED "BEGIN\n"
	       "  INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)\n"
	       "  VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'method', old.id, NULL, old.name, NULL); END;\n";
}
