/* gen.c — synthetic data for the benchmark: deterministic plans, officers, actions, updates, engagement records and
 * council trackers with realistic text lengths, written as CSV for the real import path to read. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bench/gen.h"
#include "core/csvio.h"

enum stream { S_ACTION = 1, S_UPDATE, S_ENGAGEMENT, S_TRACKER, S_SHUFFLE };

/* ---- random numbers: splitmix64, one stream per record so any range can be generated alone ---- */

struct rng {
	uint64_t s;
};

/* The next number of a stream. */
static uint64_t next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* The stream of record i of a kind. */
static struct rng seeded(enum stream kind, long i)
{
	struct rng r = {((uint64_t)kind << 48) ^ ((uint64_t)i * 0xD1B54A32D192ED03ULL)};
	next(&r);
	return r;
}

/* A whole number in [0, n). */
static long below(struct rng *r, long n)
{
	return n > 0 ? (long)(next(r) % (uint64_t)n) : 0;
}

/* A number in [0, 1). */
static double unit(struct rng *r)
{
	return (double)(next(r) >> 11) / 9007199254740992.0;
}

/* A whole number in [lo, hi]. */
static long between(struct rng *r, long lo, long hi)
{
	return lo + below(r, hi - lo + 1);
}

/* ---- words, drawn with Zipf's law so some are common and most are rare, as in real notes ---- */

static const char *const vocabulary[] = {
	"tenants", "repairs", "housing", "fire", "safety", "review", "completed", "contractor", "inspection", "damp",
	"mould", "programme", "estate", "survey", "budget", "policy", "consultation", "delivery", "assessment", "homes",
	"council", "officers", "team", "report", "committee", "executive", "quarter", "update", "plan", "action",
	"residents", "scrutiny", "panel", "complaints", "performance", "data", "audit", "compliance", "gas", "electrical",
	"asbestos", "legionella", "lifts", "communal", "areas", "cleaning", "caretaking", "grounds", "maintenance", "voids",
	"lettings", "allocations", "rent", "arrears", "income", "tenancy", "sustainment", "support", "vulnerable", "adaptations",
	"disabled", "facilities", "grant", "landlord", "private", "sector", "homelessness", "prevention", "temporary", "accommodation",
	"rough", "sleeping", "outreach", "partnership", "health", "social", "care", "mental", "substance", "misuse",
	"domestic", "abuse", "refuge", "safeguarding", "training", "staff", "recruitment", "vacancies", "agency", "capacity",
	"system", "software", "portal", "online", "digital", "mobile", "devices", "operatives", "scheduling", "appointments",
	"satisfaction", "measures", "regulator", "consumer", "standards", "transparency", "influence", "accountability",
	"neighbourhood", "community", "antisocial", "behaviour", "hate", "incidents", "cases", "procedure", "guidance", "leaflet",
	"website", "newsletter", "annual", "conference", "walkabout", "drop", "sessions", "events", "feedback", "engagement",
	"strategy", "framework", "charter", "commitments", "priorities", "objectives", "milestones", "timescale", "revised", "delayed",
	"supplier", "procurement", "tender", "framework", "contract", "mobilisation", "specification", "evaluation", "award", "pilot",
	"phase", "rollout", "stock", "condition", "decent", "energy", "efficiency", "retrofit", "insulation", "heating",
	"boilers", "windows", "roofs", "kitchens", "bathrooms", "doors", "firedoors", "compartmentation", "sprinklers", "alarms",
	"detectors", "risk", "assessments", "remedial", "actions", "outstanding", "certificates", "dashboard", "reporting", "monitoring",
	"evidence", "assurance", "independent", "external", "internal", "board", "members", "portfolio", "holder", "cabinet",
	"approval", "funding", "capital", "revenue", "savings", "costs", "value", "money", "investment", "works",
	"order", "jobs", "backlog", "emergency", "urgent", "routine", "responsive", "planned", "cyclical", "programmed",
	"sheltered", "older", "people", "younger", "families", "children", "schools", "youth", "hub", "centre",
	"library", "park", "garages", "parking", "estates", "blocks", "flats", "bungalows", "houses", "maisonettes",
	"meeting", "held", "scope", "document", "issued", "provider", "agreed", "signed", "launched", "published",
	"first", "draft", "final", "version", "ongoing", "progress", "target", "date", "extended", "achieved",
	"firm", "fixed", "figures", "returns", "filed", "findings", "firmly", "repaired", "reported", "replaced",
};
#define NWORDS ((int)(sizeof vocabulary / sizeof vocabulary[0]))

static int word_order[NWORDS];	/* vocabulary shuffled: word_order[rank] */
static double word_cdf[NWORDS]; /* cumulative Zipf weights by rank */

/* Cumulative weights k^-s for ranks 1..n, normalised to end at 1. */
static void zipf_cdf(double *cdf, long n, double s)
{
	double sum = 0;
	for (long k = 0; k < n; k++)
		cdf[k] = (sum += pow((double)(k + 1), -s));
	for (long k = 0; k < n; k++)
		cdf[k] /= sum;
}

/* The rank a uniform draw falls on. */
static long zipf_pick(const double *cdf, long n, double u)
{
	long lo = 0, hi = n - 1;
	while (lo < hi) {
		long mid = (lo + hi) / 2;
		if (cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Shuffles the vocabulary once, so which words are common is not chosen by hand. */
static void words_init(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	struct rng r = seeded(S_SHUFFLE, 1);
	for (int i = 0; i < NWORDS; i++)
		word_order[i] = i;
	for (int i = NWORDS - 1; i > 0; i--) {
		int j = (int)below(&r, i + 1), t = word_order[i];
		word_order[i] = word_order[j];
		word_order[j] = t;
	}
	zipf_cdf(word_cdf, NWORDS, 1.0);
}

/* A word, common ones more often. */
static const char *word(struct rng *r)
{
	return vocabulary[word_order[zipf_pick(word_cdf, NWORDS, unit(r))]];
}

const char *gen_search_prefix(void)
{
	static char prefix[4];
	words_init();
	/* The 30th most common word: frequent enough that many actions match, as "rep" or "fir" would in real notes. */
	for (int rank = 29; rank < NWORDS; rank++) {
		const char *w = vocabulary[word_order[rank]];
		if (strlen(w) >= 4) {
			snprintf(prefix, sizeof prefix, "%.3s", w);
			break;
		}
	}
	return prefix;
}

/* Sentences of common and rare words, between min and max bytes long (cut at a word). */
static void text(struct rng *r, int min, int max, char *out, size_t len)
{
	int want = (int)between(r, min, max), n = 0;
	if ((size_t)want >= len)
		want = (int)len - 1;
	bool start = true;
	out[0] = '\0';
	while (n < want) {
		const char *w = word(r);
		int wl = (int)strlen(w);
		if (n + wl + 2 > want && n > 0)
			break;
		if (n + wl + 3 >= (int)len)
			break;
		if (n > 0)
			out[n++] = ' ';
		memcpy(out + n, w, (size_t)wl);
		if (start)
			out[n] = (char)(out[n] - 'a' + 'A');
		n += wl;
		start = below(r, 10) == 0;
		if (start)
			out[n++] = '.';
		out[n] = '\0';
	}
	if (n > 0 && out[n - 1] != '.' && (size_t)n + 1 < len)
		out[n++] = '.', out[n] = '\0';
}

/* ---- the shape ---- */

void gen_shape(long n, struct date today, struct gen *g)
{
	words_init();
	g->actions = n;
	g->plans = n >= 100000 ? 20 : n / 5000 > 2 ? n / 5000 : 2;
	g->officers = n / 200 > 500 ? 500 : n / 200 < 10 ? 10 : n / 200;
	g->engagements = n / 2;
	g->special = n / 2;
	g->today = today;
}

/* ---- officers ---- */

static const char *const first_names[] = {
	"Simon", "Judith", "Amanda", "Jonathan", "Sarah", "David", "Claire", "Mark", "Rachel", "Paul",
	"Helen", "Andrew", "Emma", "Richard", "Louise", "Stephen", "Karen", "Michael", "Joanne", "Peter",
	"Nicola", "Gareth", "Fiona", "Ian", "Lisa", "Neil", "Hannah", "Robert", "Kate", "Darren",
	"Zoe", "Martin", "Priya", "Tomasz", "Aisha", "Owen", "Siobhan", "Ravi", "Bethan", "Kwame",
};
static const char *const surnames[] = {
	"Parry", "Willis", "Delahunty", "Elger", "Hughes", "Patel", "Morgan", "Evans", "Khan", "Roberts",
	"Walker", "Thompson", "Wright", "Green", "Hall", "Clarke", "Lewis", "Jackson", "Wood", "Turner",
	"Mitchell", "Cooper", "Ward", "Baker", "Price", "Bennett", "Shaw", "Lloyd", "Harris", "Nowak",
	"Okafor", "Chaudhry", "Doyle", "Fletcher", "Kaur", "Mensah", "O'Brien", "Pearce", "Sharma", "Young",
};
static const char *const roles[] = {
	"Housing Officer", "Repairs Manager", "Tenancy Sustainment Officer", "Compliance Manager", "Asset Manager",
	"Housing Strategy Officer", "Tenant Engagement Officer", "Neighbourhood Manager", "Voids Coordinator",
	"Income Officer", "Head of Housing", "Performance Analyst",
};
static const char *const teams[] = {
	"Neighbourhood & Tenancy", "Repairs and Maintenance", "Housing Property Services", "Housing Strategy",
	"Allocations and Rents", "Tenant Engagement", "Homelessness and Housing Advice", "Compliance",
};

void gen_officer_name(long i, char *out, size_t len)
{
	long a = i % 40, b = (i / 40 + i) % 40;
	snprintf(out, len, "%s %s", first_names[a], surnames[b]);
}

void gen_officers(const struct gen *g, FILE *f)
{
	csvio_write_row(f, csvio_kind(CSVIO_OFFICERS)->columns, csvio_ncolumns(CSVIO_OFFICERS));
	for (long i = 0; i < g->officers; i++) {
		char name[80], email[120], alias[80];
		const char *role = roles[i % 12], *team = teams[i % 8];
		gen_officer_name(i, name, sizeof name);
		snprintf(email, sizeof email, "officer%ld@council.example", i + 1);
		/* Every fifth is also known by a role-holder alias, as trackers write leads. */
		if (i % 5 == 0)
			snprintf(alias, sizeof alias, "%s %ld", role, i + 1);
		else
			alias[0] = '\0';
		const char *row[] = {name, role, team, email, alias};
		csvio_write_row(f, row, 5);
	}
}

/* An officer by Zipf's law (exponent 0.7): a few lead many actions, most a handful. */
static long pick_officer(const struct gen *g, struct rng *r)
{
	static double *cdf;
	static long n;
	if (n != g->officers) {
		free(cdf);
		cdf = malloc((size_t)g->officers * sizeof *cdf);
		if (!cdf)
			abort();
		n = g->officers;
		zipf_cdf(cdf, n, 0.7);
	}
	return zipf_pick(cdf, n, unit(r));
}

/* ---- plans and sections ---- */

static const char *const standards[] = {
	"Safety and Quality", "Transparency, Influence and Accountability", "Neighbourhood and Community", "Tenancy",
	"Homelessness Prevention",
};

void gen_plans(const struct gen *g, FILE *f)
{
	csvio_write_row(f, csvio_kind(CSVIO_PLANS)->columns, csvio_ncolumns(CSVIO_PLANS));
	for (long p = 0; p < g->plans; p++) {
		char code[32], title[120];
		snprintf(code, sizeof code, "BP-%02ld", p + 1);
		snprintf(title, sizeof title, "Synthetic %s Plan %ld", p % 2 ? "Housing Improvement" : "Homelessness Strategy", p + 1);
		const char *row[] = {code, title, p % 2 ? "improvement" : "strategy", "2024-04-01", "2029-03-31"};
		csvio_write_row(f, row, 5);
	}
}

void gen_sections(const struct gen *g, FILE *f)
{
	csvio_write_row(f, csvio_kind(CSVIO_SECTIONS)->columns, csvio_ncolumns(CSVIO_SECTIONS));
	for (long p = 0; p < g->plans; p++) {
		char plan[32];
		snprintf(plan, sizeof plan, "BP-%02ld", p + 1);
		for (int t = 0; t < GEN_SECTIONS_TOP; t++) {
			char code[16], title[160];
			snprintf(code, sizeof code, "S%d", t + 1);
			const char *top[] = {plan, code, "", standards[t]};
			csvio_write_row(f, top, 4);
			for (int s = 0; s < GEN_SECTIONS_SUB; s++) {
				char sub[32];
				snprintf(sub, sizeof sub, "S%d.%d", t + 1, s + 1);
				snprintf(title, sizeof title, "%s outcome %d", standards[t], s + 1);
				const char *row[] = {plan, sub, code, title};
				csvio_write_row(f, row, 4);
			}
		}
	}
}

void gen_methods(FILE *f)
{
	static const char *const methods[][3] = {
		{"Survey", "formal", "Questionnaires to every tenant or a sample."},
		{"Drop-in", "informal", "Sessions on estates where tenants call in."},
		{"Walkabout", "informal", "Officers and tenants walk an estate together."},
		{"Resident meeting", "formal", "Meetings of residents' associations."},
		{"Tenant panel", "formal", "Thematic panels that review services."},
		{"Focus group", "formal", "A small group on one subject."},
	};
	csvio_write_row(f, csvio_kind(CSVIO_METHODS)->columns, csvio_ncolumns(CSVIO_METHODS));
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
		csvio_write_row(f, methods[i], 3);
}

/* ---- actions ---- */

/* The first action of plan p. */
static long plan_first(const struct gen *g, long p)
{
	return (p * g->actions + g->plans - 1) / g->plans;
}

void gen_action_ref(const struct gen *g, long i, char *plan, size_t plan_len, char *ref, size_t ref_len)
{
	long p = i * g->plans / g->actions, k = i - plan_first(g, p), sub = k % (GEN_SECTIONS_TOP * GEN_SECTIONS_SUB);
	snprintf(plan, plan_len, "BP-%02ld", p + 1);
	snprintf(ref, ref_len, "S%ld.%ld.%ld", sub / GEN_SECTIONS_SUB + 1, sub % GEN_SECTIONS_SUB + 1,
		 k / (GEN_SECTIONS_TOP * GEN_SECTIONS_SUB) + 1);
}

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const month_words[] = {"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
					  "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};

enum due_kind { DUE_COMPLETE, DUE_OVERDUE, DUE_NONE, DUE_SOON, DUE_LATER };

/* An action's target: its kind, and the text officers would write for it (the last date in it is the target). */
struct due {
	enum due_kind kind;
	char text[96];
	struct date on;
};

/* The day n days after d. */
static struct date add_days(struct date d, long n)
{
	return date_from_days(date_to_days(d) + n);
}

/* "Sep-25": the end of the month of d (d is moved there). */
static void month_text(struct date *d, char *out, size_t len)
{
	*d = date_end_of_month(d->year, d->month);
	snprintf(out, len, "%s-%02d", months[d->month - 1], d->year % 100);
}

/* The target text for a date, in one of the ways trackers write it; *on becomes the date the text means. */
static void due_text(struct rng *r, enum due_kind kind, struct date *on, char *out, size_t len)
{
	double u = unit(r);
	if (u < 0.35) {
		month_text(on, out, len);
	} else if (u < 0.65) {
		snprintf(out, len, "%02d/%02d/%04d", on->day, on->month, on->year);
	} else if (u < 0.80 || (u < 0.85 && kind == DUE_SOON)) {
		struct date was = add_days(*on, -between(r, 60, 240));
		char a[16], b[16];
		month_text(&was, a, sizeof a);
		month_text(on, b, sizeof b);
		snprintf(out, len, "%s (Revised %s)", a, b);
	} else if (u < 0.85) {
		struct date was = add_days(*on, -between(r, 200, 400)), mid = add_days(*on, -between(r, 60, 180));
		char a[16], b[16];
		month_text(&was, a, sizeof a);
		month_text(&mid, b, sizeof b);
		*on = date_end_of_month(on->year, on->month);
		snprintf(out, len, "%s (Revised %s) REVISED %s %d", a, b, month_words[on->month - 1], on->year);
	} else {
		/* Plan years run from 1 April 2024: Year 1 ends 31 March 2025. */
		int year = kind == DUE_LATER ? (int)between(r, 3, 4) : kind == DUE_SOON ? 0 : (int)between(r, 1, 2);
		if (year == 0) {
			month_text(on, out, len);
			return;
		}
		*on = (struct date){2024 + year, 3, 31};
		snprintf(out, len, "Year %d", year);
	}
}

/* The kind and target of action i: a tenth complete, a third overdue, a twentieth undated, the rest to come. */
static void action_due(const struct gen *g, struct rng *r, struct due *d)
{
	double u = unit(r);
	d->kind = u < 0.10 ? DUE_COMPLETE : u < 0.4333 ? DUE_OVERDUE : u < 0.48 ? DUE_NONE : u < 0.56 ? DUE_SOON : DUE_LATER;
	if (d->kind == DUE_NONE) {
		snprintf(d->text, sizeof d->text, "%s", below(r, 2) ? "Ongoing" : "TBC");
		return;
	}
	long lo = d->kind == DUE_SOON ? 0 : d->kind == DUE_LATER ? 40 : -700;
	long hi = d->kind == DUE_SOON ? 20 : d->kind == DUE_LATER ? 700 : -45;
	d->on = add_days(g->today, between(r, lo, hi));
	due_text(r, d->kind, &d->on, d->text, sizeof d->text);
}

/* "Name; Name": one to three officers. */
static void leads(const struct gen *g, struct rng *r, const char *sep, char *out, size_t len)
{
	long n = unit(r) < 0.55 ? 1 : unit(r) < 0.78 ? 2 : 3, ids[3];
	out[0] = '\0';
	for (long k = 0; k < n; k++) {
		long id = pick_officer(g, r);
		bool dup = false;
		for (long j = 0; j < k; j++)
			dup |= ids[j] == id;
		ids[k] = id;
		if (dup)
			continue;
		char name[80];
		gen_officer_name(id, name, sizeof name);
		snprintf(out + strlen(out), len - strlen(out), "%s%s", *out ? sep : "", name);
	}
}

static const char *const reasons[] = {
	"Supplier delay", "Awaiting committee approval", "Contractor capacity", "Funding confirmed late",
	"Depends on the new housing system", "Staff vacancies in the team",
};

void gen_actions(const struct gen *g, long from, long to, FILE *f)
{
	csvio_write_row(f, csvio_kind(CSVIO_ACTIONS)->columns, csvio_ncolumns(CSVIO_ACTIONS));
	for (long i = from; i < to; i++) {
		struct rng r = seeded(S_ACTION, i);
		struct due d;
		char plan[16], ref[32], section[16], title[160], desc[520], measure[160], target[160], outcome[240];
		char lead[300], completed[DATE_ISO_LEN] = "", reason[120] = "";
		const char *status, *rag;
		gen_action_ref(g, i, plan, sizeof plan, ref, sizeof ref);
		snprintf(section, sizeof section, "%.*s", (int)(strrchr(ref, '.') - ref), ref);
		action_due(g, &r, &d);
		text(&r, 40, 120, title, sizeof title);
		if (i == g->special) {
			char plain[sizeof title];
			memcpy(plain, title, sizeof plain);
			snprintf(title, sizeof title, "%s %.140s", GEN_SPECIAL_WORD, plain);
		}
		text(&r, 120, 500, desc, sizeof desc);
		text(&r, 30, 140, measure, sizeof measure);
		text(&r, 30, 140, target, sizeof target);
		if (below(&r, 5))
			text(&r, 60, 220, outcome, sizeof outcome);
		else
			outcome[0] = '\0';
		leads(g, &r, "; ", lead, sizeof lead);
		double u = unit(&r);
		if (d.kind == DUE_COMPLETE) {
			status = "complete", rag = "C";
			date_format_iso(add_days(d.on, -below(&r, 60)), completed);
		} else if (d.kind == DUE_OVERDUE) {
			status = u < 0.6 ? "in_progress" : u < 0.85 ? "to_be_started" : "on_hold";
			rag = u < 0.4 ? "R" : u < 0.7 ? "A" : "G";
		} else {
			status = u < 0.6 ? "in_progress" : "to_be_started";
			rag = u < 0.65 ? "G" : u < 0.85 ? "A" : u < 0.9 ? "R" : "";
		}
		if ((*rag == 'R' || *rag == 'A') && below(&r, 2))
			snprintf(reason, sizeof reason, "%s", reasons[below(&r, 6)]);
		const char *row[] = {plan, ref, section, title, desc, measure, target, outcome, lead, d.text, status, rag,
				     reason, completed};
		csvio_write_row(f, row, 14);
	}
}

/* ---- progress updates ---- */

long gen_updates(const struct gen *g, long from, long to, FILE *f)
{
	long written = 0;
	csvio_write_row(f, csvio_kind(CSVIO_UPDATES)->columns, csvio_ncolumns(CSVIO_UPDATES));
	for (long i = from; i < to; i++) {
		struct rng r = seeded(S_UPDATE, i);
		char plan[16], ref[32];
		long n = i == g->special ? GEN_SPECIAL_UPDATES : below(&r, 21);
		gen_action_ref(g, i, plan, sizeof plan, ref, sizeof ref);
		for (long k = 0; k < n; k++) {
			/* Monthly notes going back from the end of last month. */
			long m = g->today.year * 12L + (g->today.month - 1) - 1 - k;
			struct date on = date_end_of_month((int)(m / 12), (int)(m % 12) + 1);
			char noted[DATE_ISO_LEN], period[32], author[80], body[480];
			date_format_iso(on, noted);
			date_quarter_label(on, period, sizeof period);
			gen_officer_name(pick_officer(g, &r), author, sizeof author);
			text(&r, 80, 450, body, sizeof body);
			const char *row[] = {plan, ref, period, noted, author, body};
			csvio_write_row(f, row, 6);
			written++;
		}
	}
	return written;
}

long gen_update_total(const struct gen *g)
{
	long n = 0;
	for (long i = 0; i < g->actions; i++) {
		struct rng r = seeded(S_UPDATE, i);
		n += i == g->special ? GEN_SPECIAL_UPDATES : below(&r, 21);
	}
	return n;
}

/* ---- engagement records ---- */

static const char *const places[] = {
	"Church Hill", "Winyates", "Batchley", "Woodrow", "Matchborough", "Lodge Park", "Greenlands", "Headless Cross",
	"Town Hall", "Community Centre", "Online", "Sheltered scheme lounge",
};
static const char *const frequencies[] = {"one_off", "monthly", "every_other_month", "quarterly", "annual", "ad_hoc", "ongoing"};
static const char *const method_names[] = {"Survey", "Drop-in", "Walkabout", "Resident meeting", "Tenant panel", "Focus group"};

void gen_engagements(const struct gen *g, long from, long to, FILE *f)
{
	csvio_write_row(f, csvio_kind(CSVIO_ENGAGEMENTS)->columns, csvio_ncolumns(CSVIO_ENGAGEMENTS));
	for (long j = from; j < to; j++) {
		struct rng r = seeded(S_ENGAGEMENT, j);
		char ref[32], title[100], held[DATE_ISO_LEN], until[DATE_ISO_LEN] = "", tenants[16] = "", ttext[64] = "";
		char standard[16], summary[420], said[280], did[280], links[200] = "";
		snprintf(ref, sizeof ref, "ENG-%06ld", j + 1);
		text(&r, 25, 80, title, sizeof title);
		struct date on = add_days(g->today, -below(&r, 800));
		date_format_iso(on, held);
		if (below(&r, 4) == 0)
			date_format_iso(add_days(on, below(&r, 90)), until);
		bool counted = below(&r, 10) < 7;
		bool circa = below(&r, 2);
		if (counted) {
			long n = between(&r, 3, 2000);
			snprintf(tenants, sizeof tenants, "%ld", n);
			snprintf(ttext, sizeof ttext, "%s%ld tenants", circa ? "Circa " : "", n);
		}
		snprintf(standard, sizeof standard, "TIA 1.%ld", between(&r, 1, 5));
		text(&r, 80, 400, summary, sizeof summary);
		text(&r, 60, 260, said, sizeof said);
		text(&r, 60, 260, did, sizeof did);
		for (long k = below(&r, 4); k > 0; k--) {
			char plan[16], aref[32];
			gen_action_ref(g, below(&r, g->actions), plan, sizeof plan, aref, sizeof aref);
			if (!strstr(links, aref))
				snprintf(links + strlen(links), sizeof links - strlen(links), "%s%s:%s", *links ? "; " : "", plan, aref);
		}
		const char *row[] = {ref, title, teams[below(&r, 8)], method_names[below(&r, 6)], places[below(&r, 12)], held,
				     until, "", frequencies[below(&r, 7)], tenants, counted ? (circa ? "circa" : "exact") : "unknown",
				     counted ? (below(&r, 2) ? "event" : "total") : "", ttext, standard, summary, said, did, links};
		csvio_write_row(f, row, 18);
	}
}

/* ---- a council's tracker ---- */

static const char *const standard_codes[] = {"SQ", "TIA", "NC", "TEN", "HP"};

void gen_tracker(const struct gen *g, long rows, FILE *f)
{
	static const char *const header[] = {"Consumer Standard", "Ref", "Consumer Standard outcome", "Action", "Lead Officer",
					     "Target Date", "RAG Rating", "Comments", "Status", "Date Completed"};
	csvio_write_row(f, header, 10);
	long per[5] = {0};
	for (long i = 0; i < rows; i++) {
		struct rng r = seeded(S_TRACKER, i);
		struct due d;
		int t = (int)below(&r, 5);
		char ref[32], outcome[120], action[400], lead[300], comments[1100] = "", done[16] = "";
		snprintf(ref, sizeof ref, "%s%ld", standard_codes[t], ++per[t]);
		snprintf(outcome, sizeof outcome, "%s %ld.%ld", standards[t], between(&r, 1, 3), between(&r, 1, 4));
		action_due(g, &r, &d);
		text(&r, 60, 380, action, sizeof action);
		leads(g, &r, " and ", lead, sizeof lead);
		const char *rag = d.kind == DUE_COMPLETE ? "COMPLETE" : d.kind == DUE_OVERDUE ? (below(&r, 2) ? "RED" : "AMBER")
											   : (below(&r, 4) ? "GREEN" : "AMBER");
		const char *status = d.kind == DUE_COMPLETE ? "Complete" : below(&r, 3) ? "In Progress" : "Not started";
		if (d.kind == DUE_COMPLETE)
			snprintf(done, sizeof done, "%02d/%02d/%04d", d.on.day, d.on.month, d.on.year);
		if (below(&r, 10) < 7) {
			char q3[480], q4[480];
			text(&r, 80, 450, q3, sizeof q3);
			text(&r, 80, 450, q4, sizeof q4);
			snprintf(comments, sizeof comments, "<p><u>Q3 Update</u> %s</p> <p><u>Q4 Update</u> %s</p>", q3, q4);
		}
		const char *row[] = {standards[t], ref, outcome, action, lead, d.text, rag, comments, status, done};
		csvio_write_row(f, row, 10);
	}
}
