/* csvio.c — CSV in (through libcsv) and out, with the row and line of every record kept for messages. */
#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csvio.h"
#include "core/text.h"

struct reader {
	csvio_row_fn fn;
	void *ctx;
	struct pb_error *e;
	struct csvio_pos pos;
	char *fields[CSVIO_MAX_FIELDS];
	int nfields;
	int status;
	bool overflow;
	long record_line; /* the line the record being read starts on */
};

/* Copies a field, turning CRLF (and lone CR) into LF. */
static char *field_copy(const char *s, size_t len)
{
	char *out = malloc(len + 1);
	size_t o = 0;
	if (!out)
		abort();
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r') {
			out[o++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

static void reader_clear(struct reader *r)
{
	for (int i = 0; i < r->nfields; i++)
		free(r->fields[i]);
	r->nfields = 0;
	r->overflow = false;
}

/* Whether a field is only spaces (Excel writes a run of empty columns after the last one used). */
static bool field_blank(const char *s, size_t len)
{
	for (size_t i = 0; s && i < len; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	if (r->nfields == CSVIO_MAX_FIELDS) {
		r->overflow |= !field_blank(s, len); /* empty columns past the limit are dropped */
		return;
	}
	r->fields[r->nfields++] = field_copy(s ? s : "", s ? len : 0);
}

static bool record_blank(const struct reader *r)
{
	for (int i = 0; i < r->nfields; i++)
		for (const char *p = r->fields[i]; *p; p++)
			if (!isspace((unsigned char)*p))
				return false;
	return true;
}

static void on_record(int term, void *data)
{
	struct reader *r = data;
	(void)term;
	r->record_line = r->pos.line + 1;
	if (r->status != PB_OK) {
		reader_clear(r);
		return;
	}
	r->pos.row++;
	if (r->overflow)
		r->status = pb_fail(r->e, PB_BAD_INPUT, "%s: row %ld (line %ld): more than %d columns; remove the extra columns and try again",
				    r->pos.file, r->pos.row, r->pos.line, CSVIO_MAX_FIELDS);
	else if (record_blank(r))
		r->pos.row--; /* blank rows are not counted nor passed on */
	else
		r->status = r->fn(r->ctx, r->fields, r->nfields, &r->pos, r->e);
	reader_clear(r);
}

static bool line_is_blank(const char *line, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)line[i]))
			return false;
	return true;
}

static int parse_fail(struct reader *r, long line, const char *what)
{
	return pb_fail(r->e, PB_BAD_INPUT, "%s: row %ld (line %ld): %s; fix the quoting in that row (a quote inside a cell is written twice: \"\") and try again",
		       r->pos.file, r->pos.row + 1, line, what);
}

int csvio_read_lines(const char *name, const struct csvio_lines *in, csvio_row_fn fn, void *ctx, struct pb_error *e)
{
	struct reader r = {.fn = fn, .ctx = ctx, .e = e, .pos = {.file = name}, .status = PB_OK, .record_line = 1};
	struct csv_parser p;
	const char *line;
	size_t n;
	int more = 1;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return pb_fail(e, PB_FAIL, "%s: out of memory", name);
	/* Fed a line at a time so every message can say which line. */
	while (r.status == PB_OK && (more = in->next(in->src, &line, &n, e)) == 1) {
		r.pos.line++;
		if (!p.quoted && line_is_blank(line, n))
			r.record_line = r.pos.line + 1; /* a blank line between records */
		if (csv_parse(&p, line, n, on_field, on_record, &r) != n)
			r.status = parse_fail(&r, r.pos.line, "a quote is out of place");
	}
	if (more < 0 && r.status == PB_OK)
		r.status = e->status;
	if (r.status == PB_OK && csv_fini(&p, on_field, on_record, &r) != 0)
		r.status = parse_fail(&r, r.record_line, "a quoted cell opened here is never closed (unbalanced quote)");
	reader_clear(&r);
	csv_free(&p);
	return r.status;
}

/* Text in memory as a source of lines. */
struct mem_lines {
	const char *data;
	size_t len, at;
};

static int next_mem_line(void *src, const char **line, size_t *len, struct pb_error *e)
{
	struct mem_lines *m = src;
	(void)e;
	if (m->at >= m->len)
		return 0;
	const char *nl = memchr(m->data + m->at, '\n', m->len - m->at);
	*line = m->data + m->at;
	*len = nl ? (size_t)(nl - *line) + 1 : m->len - m->at;
	m->at += *len;
	return 1;
}

int csvio_read_mem(const char *name, const char *data, size_t len,
		   csvio_row_fn fn, void *ctx, struct pb_error *e)
{
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, len -= 3;
	size_t valid = text_utf8_prefix(data, len);
	if (valid < len) {
		long line = 1;
		for (const char *p = data; (p = memchr(p, '\n', (size_t)(data + valid - p))); p++)
			line++;
		return pb_fail(e, PB_BAD_INPUT, "%s: line %ld is not UTF-8 text (Excel's \"CSV (Comma delimited)\" writes Windows-1252);"
			       " save the file from Excel as \"CSV UTF-8\" and try again", name, line);
	}
	struct mem_lines m = {data, len, 0};
	return csvio_read_lines(name, &(struct csvio_lines){next_mem_line, &m}, fn, ctx, e);
}

int csvio_read_file(const char *path, csvio_row_fn fn, void *ctx, struct pb_error *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return pb_fail(e, PB_BAD_INPUT, "%s: cannot open the file (%s)", path, strerror(errno));
	struct buf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_addn(&b, chunk, n);
	int err = ferror(f);
	fclose(f);
	int status = err ? pb_fail(e, PB_BAD_INPUT, "%s: read error", path)
			 : csvio_read_mem(path, buf_str(&b), b.len, fn, ctx, e);
	buf_free(&b);
	return status;
}

/* Writes one cell: as it is, or in quotes with its quotes doubled when it holds a comma, quote, CR or LF.
 * Runs of text go out whole, not a character at a time (libcsv's csv_fwrite), as exports are hundreds of MB. */
static void write_cell(FILE *f, const char *s)
{
	size_t plain = strcspn(s, ",\"\r\n");
	if (!s[plain]) {
		fwrite(s, 1, plain, f);
		return;
	}
	putc_unlocked('"', f);
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		fwrite(s, 1, (size_t)(q - s) + 1, f);
		putc_unlocked('"', f);
	}
	fputs(s, f);
	putc_unlocked('"', f);
}

/* The stream is locked once for the row rather than once for every piece written. */
void csvio_write_row(FILE *f, const char *const *fields, int nfields)
{
	flockfile(f);
	for (int i = 0; i < nfields; i++) {
		if (i)
			putc_unlocked(',', f);
		write_cell(f, fields[i] ? fields[i] : "");
	}
	putc_unlocked('\n', f);
	funlockfile(f);
}

#define COLS(...) ((const char *const[]){__VA_ARGS__, NULL})

static const struct csvio_kind_def kinds[CSVIO_NKINDS] = {
	[CSVIO_PLANS] = {"plans", COLS("code", "title", "kind", "starts_on", "ends_on"), COLS("code", "title")},
	[CSVIO_SECTIONS] = {"sections", COLS("plan", "code", "parent", "title"), COLS("plan", "code", "title")},
	[CSVIO_OFFICERS] = {"officers", COLS("name", "role", "team", "email", "aliases"), COLS("name")},
	[CSVIO_METHODS] = {"methods", COLS("name", "formality", "description"), COLS("name")},
	[CSVIO_ACTIONS] = {"actions",
			   COLS("plan", "ref", "section", "title", "description", "measure", "target", "outcome",
				"leads", "due", "status", "rag", "rag_reason", "completed_on"),
			   COLS("plan", "ref", "title")},
	[CSVIO_REVISIONS] = {"revisions",
			     COLS("plan", "ref", "seq", "from", "to", "to_text", "reason", "changed_on", "changed_by"),
			     COLS("plan", "ref", "seq", "reason")},
	[CSVIO_UPDATES] = {"updates", COLS("plan", "ref", "period", "noted_on", "author", "text"),
			   COLS("plan", "ref", "noted_on", "text")},
	[CSVIO_ENGAGEMENTS] = {"engagements",
			       COLS("ref", "title", "team", "method", "location", "held_on", "held_until", "when_text",
				    "frequency", "tenants", "tenants_basis", "tenants_scope", "tenants_text", "standard",
				    "summary", "you_said", "we_did", "actions"),
			       COLS("ref", "title")},
};

const struct csvio_kind_def *csvio_kind(enum csvio_kind kind)
{
	return &kinds[kind];
}

int csvio_kind_from_name(const char *name)
{
	for (int k = 0; k < CSVIO_NKINDS; k++)
		if (text_ieq(kinds[k].name, name))
			return k;
	return -1;
}

int csvio_ncolumns(enum csvio_kind kind)
{
	int n = 0;
	while (kinds[kind].columns[n])
		n++;
	return n;
}

/* Header cells match columns ignoring case, spaces and underscores ("Completed On" = completed_on). */
static bool header_is(const char *cell, const char *column)
{
	for (;;) {
		while (*cell == ' ' || *cell == '_')
			cell++;
		while (*column == '_')
			column++;
		if (!*cell || !*column)
			return !*cell && !*column;
		if (tolower((unsigned char)*cell) != tolower((unsigned char)*column))
			return false;
		cell++, column++;
	}
}

static int column_index(enum csvio_kind kind, const char *cell)
{
	for (int c = 0; kinds[kind].columns[c]; c++)
		if (header_is(cell, kinds[kind].columns[c]))
			return c;
	return -1;
}

static bool named_in(const char *given, const char *column)
{
	return given && strcmp(given, column) == 0;
}

/* A header cell that is none of the kind's columns: the message names them all, as the user may have no FORMAT.md. */
static int unknown_column(const struct csvio_kind_def *k, const char *cell, const struct csvio_pos *pos, struct pb_error *e)
{
	struct buf names = {0};
	for (int c = 0; k->columns[c]; c++)
		buf_printf(&names, "%s%s", c ? ", " : "", k->columns[c]);
	pb_fail(e, PB_BAD_INPUT, "%s: row %ld: unknown column \"%s\" for %s; rename or remove it: the columns of %s are %s",
		pos->file, pos->row, cell, k->name, k->name, buf_str(&names));
	buf_free(&names);
	return PB_BAD_INPUT;
}

int csvio_map_header(enum csvio_kind kind, char **fields, int nfields,
		     const char *given, const struct csvio_pos *pos, int *map, struct pb_error *e)
{
	const struct csvio_kind_def *k = &kinds[kind];
	int n = csvio_ncolumns(kind);
	for (int c = 0; c < n; c++)
		map[c] = -1;
	for (int i = 0; i < nfields; i++) {
		char cell[128];
		snprintf(cell, sizeof cell, "%s", fields[i]);
		text_trim(cell);
		if (!*cell)
			continue; /* trailing empty columns from Excel */
		int c = column_index(kind, cell);
		if (c < 0)
			return unknown_column(k, cell, pos, e);
		if (map[c] >= 0)
			return pb_fail(e, PB_BAD_INPUT, "%s: row %ld: column \"%s\" appears twice; remove one", pos->file, pos->row, cell);
		map[c] = i;
	}
	for (int r = 0; k->required[r]; r++) {
		int c = column_index(kind, k->required[r]);
		if (map[c] < 0 && !named_in(given, k->required[r]))
			return pb_fail(e, PB_BAD_INPUT, "%s: row %ld: required column \"%s\" is missing from the header; add it and try again",
				       pos->file, pos->row, k->required[r]);
	}
	return PB_OK;
}
