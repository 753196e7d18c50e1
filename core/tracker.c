/* tracker.c — reading councils' own trackers: column names, encodings, cells from Excel and Word, leads, groupings. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "core/tracker.h"

#define GOAL (-3) /* "Goal" is the action when no other column is, else the grouping */

/* ---- fields and headers ---- */

static const char *const extra_names[] = {"subsection", "comments"};

const char *tracker_field_name(int field)
{
	if (field >= 0 && field <= ACT_COMPLETED_ON)
		return csvio_kind(CSVIO_ACTIONS)->columns[field];
	if (field >= TRACKER_SUBSECTION && field < TRACKER_NFIELDS)
		return extra_names[field - TRACKER_SUBSECTION];
	return "ignore";
}

/* Lower-case letters and digits only, "&" read as "and": "Key Deliverable/s" and "Key Deliverables" are one key. */
static void header_key(const char *s, char *out, size_t outlen)
{
	size_t o = 0;
	for (; *s && o + 4 < outlen; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			memcpy(out + o, "and", 3), o += 3;
		else if (c < 0x80 && isalnum(c))
			out[o++] = (char)tolower(c);
	}
	out[o] = '\0';
}

struct header_word {
	const char *key;
	int field;
};

/* Headers as councils write them, by key. */
static const struct header_word headers[] = {
	{"plan", ACT_PLAN}, {"plancode", ACT_PLAN},
	{"ref", ACT_REF}, {"refs", ACT_REF}, {"reference", ACT_REF}, {"refno", ACT_REF}, {"refnumber", ACT_REF},
	{"actionno", ACT_REF}, {"actionnumber", ACT_REF}, {"actionref", ACT_REF}, {"no", ACT_REF}, {"number", ACT_REF},
	{"itemno", ACT_REF},
	{"title", ACT_TITLE}, {"action", ACT_TITLE}, {"actions", ACT_TITLE}, {"actiontitle", ACT_TITLE},
	{"keydeliverable", ACT_TITLE}, {"keydeliverables", ACT_TITLE}, {"deliverable", ACT_TITLE},
	{"deliverables", ACT_TITLE}, {"keyaction", ACT_TITLE}, {"keyactions", ACT_TITLE}, {"task", ACT_TITLE},
	{"whatwewilldo", ACT_TITLE}, {"goal", GOAL}, {"goals", GOAL},
	{"description", ACT_DESCRIPTION}, {"specificexpectations", ACT_DESCRIPTION},
	{"specificexpectation", ACT_DESCRIPTION}, {"details", ACT_DESCRIPTION}, {"detail", ACT_DESCRIPTION},
	{"actiondetails", ACT_DESCRIPTION}, {"actiondescription", ACT_DESCRIPTION},
	{"measure", ACT_MEASURE}, {"measures", ACT_MEASURE}, {"measureofsuccess", ACT_MEASURE},
	{"measuresofsuccess", ACT_MEASURE}, {"successmeasure", ACT_MEASURE}, {"successmeasures", ACT_MEASURE},
	{"kpi", ACT_MEASURE}, {"kpis", ACT_MEASURE}, {"performancemeasure", ACT_MEASURE},
	{"performancemeasures", ACT_MEASURE},
	{"target", ACT_TARGET}, {"targets", ACT_TARGET}, {"performancetarget", ACT_TARGET},
	{"outcome", ACT_OUTCOME}, {"outcomes", ACT_OUTCOME}, {"expected", ACT_OUTCOME}, {"expectedoutcome", ACT_OUTCOME},
	{"expectedoutcomes", ACT_OUTCOME}, {"specificoutcome", ACT_OUTCOME}, {"specificoutcomes", ACT_OUTCOME},
	{"desiredoutcome", ACT_OUTCOME}, {"desiredoutcomes", ACT_OUTCOME},
	{"leads", ACT_LEADS}, {"lead", ACT_LEADS}, {"leadofficer", ACT_LEADS}, {"leadofficers", ACT_LEADS},
	{"responsibleofficer", ACT_LEADS}, {"responsibleofficers", ACT_LEADS}, {"leadpartner", ACT_LEADS},
	{"leadpartners", ACT_LEADS}, {"leadandpartners", ACT_LEADS}, {"leadandpartner", ACT_LEADS},
	{"leadsandpartners", ACT_LEADS}, {"owner", ACT_LEADS}, {"owners", ACT_LEADS}, {"actionowner", ACT_LEADS},
	{"responsible", ACT_LEADS}, {"responsibility", ACT_LEADS},
	{"due", ACT_DUE}, {"duedate", ACT_DUE}, {"timescale", ACT_DUE}, {"timescales", ACT_DUE},
	{"targetdate", ACT_DUE}, {"targetdates", ACT_DUE}, {"indicativetimescale", ACT_DUE},
	{"indicativetimescales", ACT_DUE}, {"bywhen", ACT_DUE}, {"milestonesandtargettimescales", ACT_DUE},
	{"deadline", ACT_DUE}, {"targetcompletiondate", ACT_DUE}, {"timeframe", ACT_DUE}, {"when", ACT_DUE},
	{"status", ACT_STATUS}, {"progressstatus", ACT_STATUS}, {"actionstatus", ACT_STATUS},
	{"currentstatus", ACT_STATUS},
	{"rag", ACT_RAG}, {"ragrating", ACT_RAG}, {"ragstatus", ACT_RAG},
	{"ragreason", ACT_RAG_REASON}, {"ragjustification", ACT_RAG_REASON}, {"reasonforrag", ACT_RAG_REASON},
	{"completedon", ACT_COMPLETED_ON}, {"datecompleted", ACT_COMPLETED_ON}, {"completeddate", ACT_COMPLETED_ON},
	{"actualcompletiondate", ACT_COMPLETED_ON},
	{"section", ACT_SECTION}, {"standard", ACT_SECTION}, {"consumerstandard", ACT_SECTION},
	{"pillar", ACT_SECTION}, {"challenge", ACT_SECTION}, {"challenges", ACT_SECTION}, {"theme", ACT_SECTION},
	{"priority", ACT_SECTION}, {"strategicpriority", ACT_SECTION}, {"workstream", ACT_SECTION},
	{"subsection", TRACKER_SUBSECTION}, {"consumerstandardoutcome", TRACKER_SUBSECTION},
	{"consumerstandardoutcomes", TRACKER_SUBSECTION}, {"requiredoutcome", TRACKER_SUBSECTION},
	{"requiredoutcomes", TRACKER_SUBSECTION}, {"standardoutcome", TRACKER_SUBSECTION},
	{"subtheme", TRACKER_SUBSECTION},
	{"comments", TRACKER_COMMENTS}, {"comment", TRACKER_COMMENTS}, {"notes", TRACKER_COMMENTS},
	{"note", TRACKER_COMMENTS}, {"achievedcomments", TRACKER_COMMENTS}, {"achieved", TRACKER_COMMENTS},
	{"progress", TRACKER_COMMENTS}, {"progressupdate", TRACKER_COMMENTS}, {"progressupdates", TRACKER_COMMENTS},
	{"update", TRACKER_COMMENTS}, {"updates", TRACKER_COMMENTS}, {"commentary", TRACKER_COMMENTS},
	{"latestupdate", TRACKER_COMMENTS},
};

/* The field a header key names; TRACKER_NO_FIELD when none. */
static int header_field(const char *key)
{
	if (!*key)
		return TRACKER_NO_FIELD;
	for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
		if (strcmp(headers[i].key, key) == 0)
			return headers[i].field;
	return TRACKER_NO_FIELD;
}

int tracker_field_from_name(const char *name)
{
	char key[TRACKER_HEADER_LEN], fkey[TRACKER_HEADER_LEN];
	header_key(name, key, sizeof key);
	if (strcmp(key, "ignore") == 0 || strcmp(key, "skip") == 0 || strcmp(key, "none") == 0)
		return TRACKER_IGNORE;
	for (int f = 0; f < TRACKER_NFIELDS; f++) {
		header_key(tracker_field_name(f), fkey, sizeof fkey);
		if (strcmp(key, fkey) == 0)
			return f;
	}
	int f = header_field(key);
	return f == GOAL ? ACT_TITLE : f;
}

int tracker_parse_override(const char *text, char *hold, size_t holdlen, struct tracker_override *o, struct pb_error *e)
{
	snprintf(hold, holdlen, "%s", text);
	char *eq = strrchr(hold, '=');
	if (!eq)
		return pb_fail(e, PB_USAGE, "--map \"%s\": write it as \"Header=field\", such as --map \"Lead Officer=leads\"", text);
	*eq = '\0';
	o->header = text_trim(hold);
	o->field = tracker_field_from_name(eq + 1);
	if (!*o->header || o->field == TRACKER_NO_FIELD)
		return pb_fail(e, PB_USAGE, "--map \"%s\": %s; the fields are plan, ref, section, subsection, title, description, "
			       "measure, target, outcome, leads, due, status, rag, rag_reason, completed_on, comments and ignore",
			       text, *o->header ? "unknown field" : "no header before \"=\"");
	return PB_OK;
}

/* The override naming this header key, or, for a column without a header, naming it "Column N"; -1 when none. */
static int override_of(const char *key, int column, const struct tracker_override *ov, int nov)
{
	char okey[TRACKER_HEADER_LEN], ckey[32];
	snprintf(ckey, sizeof ckey, "column%d", column + 1);
	for (int i = 0; i < nov; i++) {
		header_key(ov[i].header, okey, sizeof okey);
		if ((*key && strcmp(okey, key) == 0) || (!*key && strcmp(okey, ckey) == 0))
			return i;
	}
	return -1;
}

/* Fills the mapping's headers and fields; Goal columns are settled afterwards. */
static void read_headers(char **cells, int n, const struct tracker_override *ov, int nov, struct tracker_mapping *m, bool *used)
{
	struct buf b = {0};
	m->ncols = n < CSVIO_MAX_FIELDS ? n : CSVIO_MAX_FIELDS;
	for (int i = 0; i < m->ncols; i++) {
		char key[TRACKER_HEADER_LEN];
		buf_reset(&b);
		tracker_clean_line(cells[i], &b);
		snprintf(m->header[i], sizeof m->header[i], "%s", buf_str(&b));
		header_key(m->header[i], key, sizeof key);
		int o = override_of(key, i, ov, nov);
		if (o >= 0) {
			m->field[i] = ov[o].field;
			m->by_map[i] = used[o] = true;
			continue;
		}
		int f = header_field(key);
		m->known[i] = f != TRACKER_NO_FIELD;
		m->field[i] = m->known[i] ? f : TRACKER_IGNORE;
	}
	buf_free(&b);
}

/* Goal columns: the action when no column is, then the grouping when no column is, else ignored. */
static void settle_goals(struct tracker_mapping *m)
{
	bool has_title = false, has_section = false;
	for (int i = 0; i < m->ncols; i++)
		has_title |= m->field[i] == ACT_TITLE, has_section |= m->field[i] == ACT_SECTION;
	for (int i = 0; i < m->ncols; i++) {
		if (m->field[i] != GOAL)
			continue;
		if (!has_title)
			m->field[i] = ACT_TITLE, has_title = true;
		else if (!has_section)
			m->field[i] = ACT_SECTION, has_section = true;
		else
			m->field[i] = TRACKER_IGNORE;
	}
}

int tracker_map_header(char **cells, int n, const struct tracker_override *ov, int nov,
		       const struct csvio_pos *pos, struct tracker_mapping *m, struct pb_error *e)
{
	bool used[64] = {false};
	int dup_a = -1, dup_b = -1;
	memset(m, 0, sizeof *m);
	if (nov > 64)
		nov = 64;
	read_headers(cells, n, ov, nov, m, used);
	settle_goals(m);
	for (int f = 0; f < TRACKER_NFIELDS; f++)
		m->column_of[f] = -1;
	for (int i = 0; i < m->ncols; i++) {
		int f = m->field[i];
		if (f < 0)
			continue;
		if (m->column_of[f] >= 0 && dup_a < 0)
			dup_a = m->column_of[f], dup_b = i;
		else if (m->column_of[f] < 0)
			m->column_of[f] = i;
	}
	for (int o = 0; o < nov; o++)
		if (!used[o])
			return pb_fail(e, PB_BAD_INPUT, "%s: row %ld: --map \"%s=%s\" names no column of the header; write the header as it is in the file",
				       pos->file, pos->row, ov[o].header, tracker_field_name(ov[o].field));
	if (dup_a >= 0)
		return pb_fail(e, PB_BAD_INPUT, "%s: row %ld: columns \"%s\" and \"%s\" both read as %s; keep one, e.g. --map \"%s=ignore\"",
			       pos->file, pos->row, m->header[dup_a], m->header[dup_b], tracker_field_name(m->field[dup_b]),
			       m->header[dup_b]);
	if (m->column_of[ACT_TITLE] < 0)
		return pb_fail(e, PB_BAD_INPUT, "%s: row %ld: required column \"title\" is missing: no column reads as the action "
			       "(such as Action, Key Deliverable/s or Goal); add one or name it with --map \"Header=title\"",
			       pos->file, pos->row);
	return PB_OK;
}

int tracker_header_score(char **cells, int n, const struct tracker_override *ov, int nov)
{
	struct buf b = {0};
	int score = 0;
	for (int i = 0; i < n && i < CSVIO_MAX_FIELDS; i++) {
		char key[TRACKER_HEADER_LEN];
		buf_reset(&b);
		tracker_clean_line(cells[i], &b);
		header_key(buf_str(&b), key, sizeof key);
		if ((*key && override_of(key, i, ov, nov) >= 0) || header_field(key) != TRACKER_NO_FIELD)
			score++;
	}
	buf_free(&b);
	return score;
}

bool tracker_is_repeated_header(const struct tracker_mapping *m, char **cells, int n)
{
	struct buf b = {0};
	int same = 0;
	bool other = false;
	for (int i = 0; i < n && !other; i++) {
		char key[TRACKER_HEADER_LEN], hkey[TRACKER_HEADER_LEN];
		buf_reset(&b);
		tracker_clean_line(cells[i], &b);
		header_key(buf_str(&b), key, sizeof key);
		if (!*key)
			continue;
		header_key(i < m->ncols ? m->header[i] : "", hkey, sizeof hkey);
		if (strcmp(key, hkey) == 0)
			same++;
		else
			other = true;
	}
	buf_free(&b);
	return !other && same >= 2;
}

bool tracker_abbreviation_header(char **cells, int n, int *abbr_col, int *name_col)
{
	static const char *const abbrs[] = {"abbreviation", "abbreviations", "abbr", "abbrev", "acronym", "shortname", NULL};
	static const char *const names[] = {"rolename", "role", "name", "fullname", "roleorname", "nameorrole",
					    "meaning", "standsfor", "officer", NULL};
	*abbr_col = *name_col = -1;
	for (int i = 0; i < n; i++) {
		char key[TRACKER_HEADER_LEN];
		header_key(cells[i], key, sizeof key);
		for (int k = 0; abbrs[k] && *abbr_col < 0; k++)
			if (strcmp(key, abbrs[k]) == 0)
				*abbr_col = i;
		for (int k = 0; names[k] && *name_col < 0 && i != *abbr_col; k++)
			if (strcmp(key, names[k]) == 0)
				*name_col = i;
	}
	return *abbr_col >= 0 && *name_col >= 0;
}

/* ---- encodings ---- */

/* Windows-1252 0x80..0x9F; 0 where the code page defines nothing. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

const char *tracker_encoding_name(enum tracker_encoding enc)
{
	return enc == TRACKER_CP1252 ? "Windows-1252" : enc == TRACKER_UTF8_BOM ? "UTF-8 with BOM" : "UTF-8";
}

/* Appends code point cp as UTF-8. */
static void add_utf8(struct buf *b, uint32_t cp)
{
	char u[4];
	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6)), u[1] = (char)(0x80 | (cp & 0x3F));
		buf_addn(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12)), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[2] = (char)(0x80 | (cp & 0x3F));
		buf_addn(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18)), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F));
		buf_addn(b, u, 4);
	}
}

/* The code point of a Windows-1252 byte; 0 for the five the code page leaves undefined. */
static uint32_t cp1252(unsigned char c)
{
	return c >= 0x80 && c < 0xA0 ? cp1252_high[c - 0x80] : c;
}

/* The first byte of data Windows-1252 leaves undefined, or 0. */
static unsigned char cp1252_undefined(const char *data, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!cp1252((unsigned char)data[i]))
			return (unsigned char)data[i];
	return 0;
}

/* Windows-1252 bytes (none undefined) as UTF-8, added to out. */
static void from_cp1252(const char *data, size_t len, struct buf *out)
{
	for (size_t i = 0; i < len; i++)
		add_utf8(out, cp1252((unsigned char)data[i]));
}

/* The next line as read, its BOM skipped: its length, 0 at the end, -1 on a read error (e filled). */
static long read_raw(struct tracker_file *t, const char **line, struct pb_error *e)
{
	ssize_t n = getline(&t->raw, &t->rawcap, t->f);
	if (n < 0) {
		if (ferror(t->f))
			return pb_fail(e, PB_BAD_INPUT, "%s: read error after line %ld", t->name, t->line), -1;
		return 0;
	}
	*line = t->raw;
	if (++t->line == 1 && t->enc == TRACKER_UTF8_BOM)
		*line += 3, n -= 3;
	return (long)n;
}

int tracker_file_rewind(struct tracker_file *t, struct pb_error *e)
{
	t->line = 0;
	if (fseek(t->f, 0, SEEK_SET) != 0)
		return pb_fail(e, PB_BAD_INPUT, "%s: cannot read the file again from its start (%s)", t->name, strerror(errno));
	return PB_OK;
}

/* Whether the file starts with a UTF-16 byte order mark (an error) or a UTF-8 one (then enc says so). */
static int file_start(struct tracker_file *t, struct pb_error *e)
{
	unsigned char b[3] = {0};
	size_t n = fread(b, 1, 3, t->f);
	if (n >= 2 && (b[0] == 0xFF || b[0] == 0xFE) && (b[1] == 0xFE || b[1] == 0xFF))
		return pb_fail(e, PB_BAD_INPUT, "%s: the file is UTF-16 (\"Unicode Text\"); save it from Excel as \"CSV UTF-8\" and try again", t->name);
	if (n == 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
		t->enc = TRACKER_UTF8_BOM;
	return tracker_file_rewind(t, e);
}

/* A stream that cannot go back to its start (a pipe) is read from a temporary copy of it. */
static int seekable(struct tracker_file *t, struct pb_error *e)
{
	char chunk[65536];
	size_t n;
	if (fseek(t->f, 0, SEEK_CUR) == 0)
		return PB_OK;
	if (!(t->spool = tmpfile()))
		return pb_fail(e, PB_FAIL, "%s: cannot make a temporary copy of it to read (%s)", t->name, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, t->f)) > 0)
		if (fwrite(chunk, 1, n, t->spool) != n)
			return pb_fail(e, PB_FAIL, "%s: cannot make a temporary copy of it to read (%s)", t->name, strerror(errno));
	if (ferror(t->f))
		return pb_fail(e, PB_BAD_INPUT, "%s: read error", t->name);
	t->f = t->spool;
	return PB_OK;
}

int tracker_file_open(struct tracker_file *t, const char *name, FILE *f, struct pb_error *e)
{
	*t = (struct tracker_file){.f = f, .name = name, .enc = TRACKER_UTF8};
	const char *line;
	long n, bad_line = 0;
	unsigned char bad = 0;
	bool utf8 = true;
	if (seekable(t, e) != PB_OK || file_start(t, e) != PB_OK)
		return e->status;
	while ((n = read_raw(t, &line, e)) > 0) {
		if (memchr(line, '\0', (size_t)n))
			return pb_fail(e, PB_BAD_INPUT, "%s: line %ld: a NUL byte; this is not a CSV text file (save it from Excel as \"CSV UTF-8\")",
				       t->name, t->line);
		utf8 &= text_valid_utf8(line, (size_t)n);
		if (!bad && (bad = cp1252_undefined(line, (size_t)n)))
			bad_line = t->line;
	}
	if (n < 0)
		return e->status;
	if (!utf8 && t->enc == TRACKER_UTF8_BOM)
		return pb_fail(e, PB_BAD_INPUT, "%s: the file says it is UTF-8 but is not; save it from Excel as \"CSV UTF-8\" and try again", t->name);
	if (!utf8 && bad)
		return pb_fail(e, PB_BAD_INPUT, "%s: line %ld: byte 0x%02X is neither UTF-8 nor Windows-1252 text; "
			       "save the file from Excel as \"CSV UTF-8\" and try again", t->name, bad_line, bad);
	if (!utf8)
		t->enc = TRACKER_CP1252;
	return tracker_file_rewind(t, e);
}

/* The next line as UTF-8 (csvio_lines' next). */
static int next_line(void *src, const char **line, size_t *len, struct pb_error *e)
{
	struct tracker_file *t = src;
	long n = read_raw(t, line, e);
	if (n <= 0)
		return n < 0 ? -1 : 0;
	*len = (size_t)n;
	if (t->enc == TRACKER_CP1252) {
		buf_reset(&t->text);
		buf_addn(&t->text, "", 0);
		from_cp1252(*line, *len, &t->text);
		*line = buf_str(&t->text), *len = t->text.len;
	}
	return 1;
}

struct csvio_lines tracker_file_lines(struct tracker_file *t)
{
	return (struct csvio_lines){next_line, t};
}

void tracker_file_free(struct tracker_file *t)
{
	free(t->raw);
	buf_free(&t->text);
	if (t->spool)
		fclose(t->spool);
	t->raw = NULL, t->rawcap = 0, t->spool = NULL;
}

/* ---- cells ---- */

#define LI_MARK '\x01' /* a list item starts here */

static const char *const block_tags[] = {"p", "div", "br", "tr", "ul", "ol", "table", "h1", "h2", "h3", "h4",
					 "h5", "h6", "hr", "blockquote", "pre", "li", NULL};
static const char *const inline_tags[] = {"span", "b", "i", "u", "em", "strong", "font", "a", "sup", "sub", "s",
					  "strike", "small", "big", "o:p", "mark", "ins", "del", "code", "td", "th",
					  "tbody", "thead", "center", "col", "colgroup", "caption", NULL};

/* Whether name is in the NULL-terminated list. */
static bool in_list(const char *const *list, const char *name)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

/* An HTML tag at s ("<p>", "</b>", "<ul style=…>", "<br/>"): its length, name and whether it closes; 0 when none. */
static size_t tag_at(const char *s, char *name, size_t namelen, bool *closing)
{
	const char *p = s + 1;
	size_t n = 0;
	*closing = *p == '/';
	p += *closing;
	while ((isalnum((unsigned char)*p) || *p == ':') && n + 1 < namelen)
		name[n++] = (char)tolower((unsigned char)*p++);
	name[n] = '\0';
	if (!n || !isalpha((unsigned char)name[0]) || !(*p == '>' || *p == '/' || isspace((unsigned char)*p)))
		return 0;
	if (!in_list(block_tags, name) && !in_list(inline_tags, name))
		return 0;
	for (size_t k = 0; k < 400 && p[k] && p[k] != '<'; k++)
		if (p[k] == '>')
			return (size_t)(p + k + 1 - s);
	return 0;
}

struct entity {
	const char *name;
	uint32_t cp;
};

static const struct entity entities[] = {
	{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0}, {"ndash", 0x2013},
	{"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
	{"hellip", 0x2026}, {"pound", 0xA3}, {"euro", 0x20AC}, {"bull", 0x2022}, {"middot", 0xB7},
};

/* An entity at s ("&amp;", "&#163;", "&#xA3;"): its length and code point; 0 when none ("N&T" stays). */
static size_t entity_at(const char *s, uint32_t *cp)
{
	const char *semi = s + 1;
	while (*semi && *semi != ';' && semi - s < 12)
		semi++;
	if (*semi != ';')
		return 0;
	size_t n = (size_t)(semi - s) + 1;
	if (s[1] == '#') {
		char *end;
		unsigned long v = s[2] == 'x' || s[2] == 'X' ? strtoul(s + 3, &end, 16) : strtoul(s + 2, &end, 10);
		if (end != semi || end == s + 2 || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		*cp = (uint32_t)v;
		return n;
	}
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
		if (strlen(entities[i].name) == n - 2 && memcmp(entities[i].name, s + 1, n - 2) == 0) {
			*cp = entities[i].cp;
			return n;
		}
	return 0;
}

/* Tags out (blocks become line breaks, list items a mark), entities decoded. */
static void strip_html(const char *s, struct buf *out)
{
	while (*s) {
		char name[16];
		bool closing;
		uint32_t cp;
		size_t n;
		if (*s == '<' && (n = tag_at(s, name, sizeof name, &closing)) > 0) {
			if (in_list(block_tags, name))
				buf_addc(out, '\n');
			if (!closing && strcmp(name, "li") == 0)
				buf_addc(out, LI_MARK);
			s += n;
		} else if (*s == '&' && (n = entity_at(s, &cp)) > 0) {
			add_utf8(out, cp);
			s += n;
		} else {
			size_t plain = strcspn(s + 1, "<&") + 1; /* the text up to the next tag or entity, in one copy */
			buf_addn(out, s, plain);
			s += plain;
		}
	}
}

/* Bytes of a space-like character at s (turned into a space), negative for an invisible one (dropped), 0 otherwise. */
static int space_at(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (s[0] == 0xE2 && s[1] == 0x80 && ((s[2] >= 0x80 && s[2] <= 0x8A) || s[2] == 0xAF))
		return 3;
	if ((s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x8B && s[2] <= 0x8D) || (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ||
	    (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xA0))
		return -3;
	if (*s < 0x20 || *s == 0x7F)
		return -1;
	return 0;
}

/* Whether a line break starts at s (LF, CR, VT, FF, U+2028, U+2029); *len is its length. */
static bool is_newline(const unsigned char *s, int *len)
{
	*len = 1;
	if (*s == '\n' || *s == '\r' || *s == '\v' || *s == '\f')
		return true;
	*len = 3;
	return s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9);
}

/* Bytes of a bullet glyph at s ("•", "●", "▪", "◦", "·", Word's Symbol-font bullet), 0 when none. */
static int bullet_at(const char *s)
{
	static const char *const bullets[] = {"\xE2\x80\xA2", "\xE2\x97\x8F", "\xE2\x96\xAA", "\xE2\x97\xA6", "\xE2\x80\xA3",
					      "\xE2\x88\x99", "\xC2\xB7", "\xEF\x82\xB7", "\xEF\x82\xA7", "\xE2\x9E\xA2",
					      "\xE2\x96\xBA", NULL};
	for (int i = 0; bullets[i]; i++)
		if (strncmp(s, bullets[i], strlen(bullets[i])) == 0)
			return (int)strlen(bullets[i]);
	return 0;
}

/* One line with spaces folded and trimmed, a bullet written "- "; appended to out after a line break. */
static void tidy_line(const char *s, size_t len, struct buf *out)
{
	struct buf l = {0};
	bool item = len > 0 && *s == LI_MARK, space = false;
	const char *end = s + len;
	s += item;
	while (s < end) {
		int n = space_at((const unsigned char *)s);
		if (n > 0 || n < 0) {
			space |= n > 0;
			s += n > 0 ? n : -n;
			continue;
		}
		if (space && l.len)
			buf_addc(&l, ' ');
		space = false;
		const char *word = s; /* up to the next space-like or invisible character, in one copy */
		while (s < end && space_at((const unsigned char *)s) == 0)
			s++;
		buf_addn(&l, word, (size_t)(s - word));
	}
	const char *t = buf_str(&l);
	int b = bullet_at(t);
	bool bullet = b > 0 || item;
	if (b)
		t += b;
	else if (item && *t == '-')
		t++;
	while (*t == ' ')
		t++;
	if (*t) {
		if (out->len)
			buf_addc(out, '\n');
		buf_add(out, bullet ? "- " : "");
		buf_add(out, t);
	}
	buf_free(&l);
}

void tracker_clean_cell(const char *in, struct buf *out)
{
	struct buf raw = {0};
	buf_reset(out);
	buf_addn(out, "", 0);
	strip_html(in ? in : "", &raw);
	const char *s = buf_str(&raw), *line = s;
	while (*s) {
		int n;
		if (is_newline((const unsigned char *)s, &n)) {
			tidy_line(line, (size_t)(s - line), out);
			s += n;
			line = s;
		} else {
			s++;
		}
	}
	tidy_line(line, (size_t)(s - line), out);
	buf_free(&raw);
}

void tracker_clean_line(const char *in, struct buf *out)
{
	tracker_clean_cell(in, out);
	for (size_t i = 0; i < out->len; i++)
		if (out->data[i] == '\n')
			out->data[i] = ' ';
}

void tracker_clean_ref(const char *in, char *out, size_t outlen)
{
	struct buf b = {0};
	size_t o = 0;
	tracker_clean_line(in, &b);
	for (const char *s = buf_str(&b); *s && o + 1 < outlen; s++)
		if (*s != ' ')
			out[o++] = *s;
	out[o] = '\0';
	buf_free(&b);
}

/* ---- actions ---- */

/* A leading ref such as "1.1 ", "2.10a ", "3) " or "4. ": its length (separators included), 0 when none. */
static size_t leading_ref(const char *s, char *ref, size_t reflen)
{
	const char *p = s;
	int parts = 0;
	for (;;) {
		int digits = 0;
		while (isdigit((unsigned char)p[digits]))
			digits++;
		if (digits < 1 || digits > 3)
			return 0;
		p += digits, parts++;
		if (*p == '.' && isdigit((unsigned char)p[1]))
			p++;
		else
			break;
	}
	if (parts > 1 && islower((unsigned char)*p) && !isalpha((unsigned char)p[1]))
		p++;
	const char *end = p;
	if (parts == 1 && *p != '.' && *p != ')')
		return 0;
	if (*p == '.' || *p == ')' || *p == ':')
		p++;
	if (*p != ' ' && *p != '\0')
		return 0;
	snprintf(ref, reflen, "%.*s", (int)(end - s), s);
	while (*p == ' ' || *p == '-')
		p++;
	return (size_t)(p - s);
}

/* Where a bold lead-in starts (only tags and spaces before it) and its tag's length; NULL when none. */
static const char *bold_start(const char *s, size_t *taglen, bool *strong)
{
	while (*s) {
		char name[16];
		bool closing;
		size_t n;
		if (isspace((unsigned char)*s)) {
			s++;
		} else if (*s == '<' && (n = tag_at(s, name, sizeof name, &closing)) > 0) {
			if (!closing && (strcmp(name, "b") == 0 || strcmp(name, "strong") == 0)) {
				*taglen = n;
				*strong = name[0] == 's';
				return s;
			}
			s += n;
		} else {
			return NULL;
		}
	}
	return NULL;
}

/* The first closing tag "</b>" or "</strong>" at or after s, case ignored; NULL when none. */
static const char *bold_end(const char *s, bool strong, size_t *len)
{
	const char *close = strong ? "</strong>" : "</b>";
	*len = strlen(close);
	for (; *s; s++)
		if (strncasecmp(s, close, *len) == 0)
			return s;
	return NULL;
}

void tracker_split_action(const char *raw, bool want_ref, char *ref, size_t reflen, struct buf *title,
			  struct buf *rest)
{
	size_t taglen, closelen;
	bool strong;
	const char *open = bold_start(raw, &taglen, &strong);
	const char *close = open ? bold_end(open + taglen, strong, &closelen) : NULL;
	struct buf head = {0};
	*ref = '\0';
	if (close) {
		buf_addn(&head, open + taglen, (size_t)(close - (open + taglen)));
		tracker_clean_line(buf_str(&head), title);
		tracker_clean_cell(close + closelen, rest);
	} else {
		tracker_clean_cell(raw, title);
		buf_reset(rest);
		buf_addn(rest, "", 0);
	}
	buf_free(&head);
	size_t skip = want_ref ? leading_ref(buf_str(title), ref, reflen) : 0;
	if (skip) {
		memmove(title->data, title->data + skip, title->len - skip + 1);
		title->len -= skip;
	}
}

/* ---- leads ---- */

#define MAX_SEGMENTS 12 /* beyond this a cell is split at every separator: 2^11 ways is plenty */
#define MAX_PIECE_SEGMENTS 64 /* the last segment keeps whatever is beyond */

struct segment {
	size_t start, end; /* bytes of the piece between separators */
};

/* Splits piece at "/", "," and " and "; returns the number of segments (at most max). */
static int segments_of(const char *piece, struct segment *seg, int max)
{
	int n = 0;
	size_t start = 0, i = 0, len = strlen(piece);
	while (i < len) {
		size_t sep = piece[i] == '/' || piece[i] == ',' ? 1
			   : (i > 0 && piece[i - 1] == ' ' && strncasecmp(piece + i, "and ", 4) == 0) ? 4 : 0;
		if (!sep) {
			i++;
			continue;
		}
		if (n + 1 >= max)
			break;
		seg[n++] = (struct segment){start, sep == 4 ? i - 1 : i};
		i += sep;
		start = i;
	}
	seg[n++] = (struct segment){start, len};
	return n;
}

/* The trimmed text of segments a..b of piece into out ("" when only spaces and bullets). */
static void group_text(const char *piece, const struct segment *seg, int a, int b, char *out, size_t outlen)
{
	size_t from = seg[a].start, to = seg[b].end;
	for (bool more = true; more;) {
		more = false;
		while (from < to && strchr(" -/,", piece[from]))
			from++, more = true;
		while (to > from && strchr(" ./,", piece[to - 1]))
			to--, more = true;
		if (to - from >= 3 && strncasecmp(piece + from, "and", 3) == 0 && (to - from == 3 || piece[from + 3] == ' '))
			from += 3, more = true; /* a separator word left at an end */
		else if (to - from >= 4 && strncasecmp(piece + to - 4, " and", 4) == 0)
			to -= 4, more = true;
	}
	size_t n = to - from < outlen - 1 ? to - from : outlen - 1;
	while (n > 0 && n < to - from && ((unsigned char)piece[from + n] & 0xC0) == 0x80)
		n--; /* never cut a character in two */
	memcpy(out, piece + from, n);
	out[n] = '\0';
	bool words = false;
	for (size_t i = 0; i < n && !words; i++)
		words = isalnum((unsigned char)out[i]) || ((unsigned char)out[i] & 0x80);
	if (!words)
		*out = '\0'; /* only separators and punctuation */
}

struct split_score {
	int distinct, repeats, covered, groups; /* covered: bytes of text in groups that name a known officer */
};

/* More different known officers, then none named twice, then more of the text known ("team / officer" is one
 * alias, not "team" and an unknown "officer"), then the finest split (names nobody knows are all split). */
static bool better(struct split_score a, struct split_score b)
{
	if (a.distinct != b.distinct)
		return a.distinct > b.distinct;
	if (a.repeats != b.repeats)
		return a.repeats < b.repeats;
	if (a.covered != b.covered)
		return a.covered > b.covered;
	return a.groups > b.groups;
}

struct group_facts {
	long id[MAX_SEGMENTS][MAX_SEGMENTS]; /* of segments a..b: the officer they name, or 0 */
	int len[MAX_SEGMENTS][MAX_SEGMENTS]; /* their trimmed length, 0 when only separators */
};

/* Scores one way of splitting: mask bit k set means a split after segment k. */
static struct split_score score_mask(unsigned mask, int n, const struct group_facts *g)
{
	struct split_score sc = {0, 0, 0, 0};
	long seen[MAX_SEGMENTS];
	int nseen = 0;
	for (int a = 0, b = 0; b < n; b++) {
		if (b < n - 1 && !(mask & (1u << b)))
			continue;
		if (g->len[a][b]) {
			long id = g->id[a][b];
			bool dup = false;
			for (int k = 0; k < nseen && id; k++)
				dup |= seen[k] == id;
			sc.groups++;
			sc.repeats += dup;
			sc.covered += id ? g->len[a][b] : 0;
			if (id && !dup)
				seen[nseen++] = id, sc.distinct++;
		}
		a = b + 1;
	}
	return sc;
}

/* Splits one piece (a line, or part of one between ";") into leads appended to items. */
static int split_piece(const char *piece, tracker_known_fn known, void *ctx, char items[][TRACKER_LEAD_LEN], int n, int max)
{
	struct segment seg[MAX_PIECE_SEGMENTS];
	struct group_facts g;
	char text[TRACKER_LEAD_LEN];
	int nseg = segments_of(piece, seg, MAX_PIECE_SEGMENTS);
	bool choose = nseg <= MAX_SEGMENTS;
	unsigned best_mask = choose && nseg > 1 ? (1u << (nseg - 1)) - 1 : 0;
	if (choose) {
		for (int a = 0; a < nseg; a++)
			for (int b = a; b < nseg; b++) {
				group_text(piece, seg, a, b, text, sizeof text);
				g.len[a][b] = (int)strlen(text);
				g.id[a][b] = *text && known ? known(ctx, text) : 0;
			}
		struct split_score best = score_mask(best_mask, nseg, &g);
		for (unsigned mask = 0; mask < (1u << (nseg - 1)); mask++) {
			struct split_score sc = score_mask(mask, nseg, &g);
			if (better(sc, best))
				best = sc, best_mask = mask;
		}
	}
	for (int a = 0, b = 0; b < nseg && n < max; b++) {
		if (choose && b < nseg - 1 && !(best_mask & (1u << b)))
			continue;
		group_text(piece, seg, a, b, items[n], TRACKER_LEAD_LEN);
		n += *items[n] != '\0';
		a = b + 1;
	}
	return n;
}

int tracker_split_leads(const char *cell, tracker_known_fn known, void *ctx, char items[][TRACKER_LEAD_LEN], int max)
{
	struct buf clean = {0};
	int n = 0;
	tracker_clean_cell(cell, &clean);
	char *save = NULL;
	for (char *piece = strtok_r(clean.data ? clean.data : (char[]){""}, ";\n", &save); piece && n < max;
	     piece = strtok_r(NULL, ";\n", &save))
		n = split_piece(piece, known, ctx, items, n, max);
	buf_free(&clean);
	return n;
}

/* ---- sections ---- */

static const char *const heading_words[] = {"pillar", "standard", "goal", "challenge", "priority", "theme",
					    "objective", "section", "outcome", "aim", "strand", NULL};

/* "Pillar 2: Targeted Prevention": the code letter and number ("P2") and where the title starts; false when not so. */
static bool numbered_heading(const char *s, char *code, size_t codelen, const char **title)
{
	size_t w = 0;
	while (isalpha((unsigned char)s[w]))
		w++;
	bool word = false;
	for (int i = 0; heading_words[i] && !word; i++)
		word = strlen(heading_words[i]) == w && strncasecmp(s, heading_words[i], w) == 0;
	const char *p = s + w;
	while (*p == ' ')
		p++;
	size_t d = 0;
	while (isdigit((unsigned char)p[d]) || (p[d] == '.' && isdigit((unsigned char)p[d + 1])))
		d++;
	if (!word || d == 0 || d > 5 || isalnum((unsigned char)p[d]))
		return false;
	snprintf(code, codelen, "%c%.*s", toupper((unsigned char)*s), (int)d, p);
	p += d;
	while (*p == ' ' || *p == ':' || *p == '.' || *p == '-')
		p++;
	if (strncmp(p, "\xE2\x80\x93", 3) == 0 || strncmp(p, "\xE2\x80\x94", 3) == 0)
		p += 3;
	while (*p == ' ')
		p++;
	*title = p;
	return true;
}

/* Whether n (len bytes) is an outcome number such as "1.3" or "1,3": one or two digits, a point or comma, one or two digits. */
static bool is_outcome_number(const char *n, size_t len)
{
	size_t a = 0, b;
	while (a < len && isdigit((unsigned char)n[a]))
		a++;
	if (a < 1 || a > 2 || a >= len || (n[a] != '.' && n[a] != ','))
		return false;
	for (b = a + 1; b < len && isdigit((unsigned char)n[b]); b++)
		;
	return b == len && b - a - 1 >= 1 && b - a - 1 <= 2;
}

/* A number such as "1.3" or "1,3" at the end (or start) of s: written "1.3" into num, the words into rest. */
static bool outcome_number(const char *s, char *num, size_t numlen, char *rest, size_t restlen)
{
	size_t len = strlen(s), i = len;
	while (i > 0 && (isdigit((unsigned char)s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ','))
		i--;
	const char *n = s + i;
	size_t nlen = len - i;
	bool at_end = i > 0 && s[i - 1] == ' ' && is_outcome_number(n, nlen);
	if (!at_end) {
		n = s;
		nlen = strspn(s, "0123456789.,");
		if (s[nlen] != ' ' || !is_outcome_number(n, nlen))
			return false;
	}
	snprintf(num, numlen, "%.*s", (int)nlen, n);
	char *comma = strchr(num, ',');
	if (comma)
		*comma = '.';
	if (at_end)
		snprintf(rest, restlen, "%.*s", (int)(i - 1), s);
	else
		snprintf(rest, restlen, "%s", s + nlen + 1);
	text_trim(rest);
	return *rest != '\0';
}

/* Small words left out of initials ("and", "of", "the"…). */
static bool stop_word(const char *w, size_t n)
{
	static const char *const stops[] = {"and", "of", "the", "for", "to", "in", "on", "with", "a", "an", "at", "by", "or", NULL};
	for (int i = 0; stops[i]; i++)
		if (strlen(stops[i]) == n && strncasecmp(stops[i], w, n) == 0)
			return true;
	return false;
}

/* Initials of the main words: "Transparency, Influence and accountability" → TIA. */
static void initials(const char *s, char *out, size_t outlen)
{
	size_t o = 0;
	while (*s && o + 1 < outlen && o < 8) {
		while (*s && !isalnum((unsigned char)*s) && !((unsigned char)*s & 0x80))
			s++;
		const char *w = s;
		while (*s && (isalnum((unsigned char)*s) || ((unsigned char)*s & 0x80) || *s == '\''))
			s++;
		if (s > w && isalnum((unsigned char)*w) && !stop_word(w, (size_t)(s - w)))
			out[o++] = (char)toupper((unsigned char)*w);
	}
	if (!o)
		out[o++] = 'S';
	out[o] = '\0';
}

void tracker_section(const char *text, const char *parent_code, char *code, size_t codelen, char *title, size_t titlelen)
{
	char t[512], own[64];
	const char *rest;
	snprintf(t, sizeof t, "%s", text);
	text_trim(t);
	size_t n = strlen(t);
	while (n > 0 && (t[n - 1] == ':' || t[n - 1] == ' '))
		t[--n] = '\0';
	if (numbered_heading(t, own, sizeof own, &rest)) {
		snprintf(title, titlelen, "%s", *rest ? rest : t);
	} else if (outcome_number(t, own, sizeof own, title, titlelen)) {
		n = strlen(title);
		while (n > 0 && strchr(" -:,.", title[n - 1]))
			title[--n] = '\0';
	} else {
		initials(t, own, sizeof own);
		snprintf(title, titlelen, "%s", t);
	}
	if (parent_code && *parent_code)
		snprintf(code, codelen, "%s-%s", parent_code, own);
	else
		snprintf(code, codelen, "%s", own);
}

int tracker_heading_level(const char *text)
{
	char code[64];
	const char *rest;
	size_t n = strlen(text);
	if (n == 0 || n > 200 || strchr(text, '\n'))
		return 0;
	if (numbered_heading(text, code, sizeof code, &rest))
		return 1;
	return text[n - 1] == ':' ? 2 : 0;
}

/* ---- comments ---- */

struct marker {
	const char *start, *end; /* the marker itself ("Q3 Update:") */
	int quarter, fy;	 /* fy 0 when not written */
};

/* A "Q3 Update" (or "Q4 2025/26 update") marker at s: true with m filled. */
static bool marker_at(const char *base, const char *s, struct marker *m)
{
	if ((s > base && isalnum((unsigned char)s[-1])) || (*s != 'Q' && *s != 'q') || s[1] < '1' || s[1] > '4')
		return false;
	const char *p = s + 2;
	int fy = 0;
	while (*p == ' ')
		p++;
	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
	    isdigit((unsigned char)p[3]) && p[4] == '/' && isdigit((unsigned char)p[5]) && isdigit((unsigned char)p[6])) {
		fy = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
		p += 7;
		while (*p == ' ')
			p++;
	}
	if (strncasecmp(p, "update", 6) != 0)
		return false;
	p += 6;
	if (*p == 's' || *p == 'S')
		p++;
	if (isalnum((unsigned char)*p))
		return false;
	while (*p == ' ' || *p == ':' || *p == '-' || *p == '\n')
		p++;
	*m = (struct marker){s, p, s[1] - '0', fy};
	return true;
}

/* Period label and date for quarter q: of financial year fy when given, else the latest such quarter begun by today. */
static void quarter_of(int q, int fy, struct date today, char *label, size_t labellen, struct date *noted)
{
	static const int start_month[] = {0, 4, 7, 10, 1};
	int y = fy ? fy : (today.month >= 4 ? today.year : today.year - 1);
	struct date start = {q == 4 ? y + 1 : y, start_month[q], 1};
	if (!fy && date_compare(start, today) > 0)
		y--, start.year--;
	struct date end = date_end_of_month(start.year, start_month[q] + 2);
	*noted = date_compare(end, today) > 0 ? today : end;
	snprintf(label, labellen, "%d/%02d Q%d", y, (y + 1) % 100, q);
}

/* Calls fn with one note's text (trimmed), when there is any. */
static int emit_note(const char *from, const char *to, const char *period, struct date noted, tracker_note_fn fn, void *ctx)
{
	while (from < to && isspace((unsigned char)*from))
		from++;
	while (to > from && isspace((unsigned char)to[-1]))
		to--;
	if (from == to)
		return 0;
	char *text = strndup(from, (size_t)(to - from));
	if (!text)
		return -1;
	int rc = fn(ctx, period, noted, text);
	free(text);
	return rc;
}

int tracker_split_comments(const char *text, struct date today, tracker_note_fn fn, void *ctx)
{
	char label[32];
	struct date noted = today;
	struct marker m = {NULL, NULL, 0, 0};
	const char *from = text;
	date_quarter_label(today, label, sizeof label);
	for (const char *s = text;; s++) {
		bool at_marker = *s && marker_at(text, s, &m);
		if (!*s || at_marker) {
			int rc = emit_note(from, s, label, noted, fn, ctx);
			if (rc)
				return rc;
			if (!*s)
				return 0;
			quarter_of(m.quarter, m.fy, today, label, sizeof label, &noted);
			from = m.end;
			s = m.end - 1;
		}
	}
}

int tracker_rag(const char *text)
{
	char key[16];
	size_t k = 0;
	for (; text && *text; text++) {
		if (isalpha((unsigned char)*text) && k + 1 < sizeof key)
			key[k++] = (char)tolower((unsigned char)*text);
		else if (!isspace((unsigned char)*text) && !strchr("./-", *text))
			return -1;
	}
	key[k] = '\0';
	static const struct {
		const char *word;
		char rag;
	} words[] = {{"r", 'R'}, {"red", 'R'}, {"a", 'A'}, {"amber", 'A'}, {"g", 'G'}, {"green", 'G'}, {"c", 'C'},
		     {"complete", 'C'}, {"completed", 'C'}, {"b", 'C'}, {"blue", 'C'}};
	if (!k || strcmp(key, "na") == 0 || strcmp(key, "tbc") == 0)
		return 0;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i].word, key) == 0)
			return words[i].rag;
	return -1;
}
