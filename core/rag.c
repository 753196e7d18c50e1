/* rag.c — computed RAG: Complete; Red past target; Amber due soon or pushed back this quarter; else Green. */
#include <ctype.h>

#include "core/rag.h"

struct rag_rules rag_default_rules(void)
{
	return (struct rag_rules){.amber_days = 30};
}

enum rag rag_compute(const struct rag_facts *f, struct date today, const struct rag_rules *rules)
{
	if (f->complete)
		return RAG_COMPLETE;
	if (f->has_due) {
		long left = date_diff_days(today, f->due);
		if (left < 0)
			return RAG_RED;
		if (left <= rules->amber_days)
			return RAG_AMBER;
	}
	if (f->pushed_back_this_quarter)
		return RAG_AMBER;
	return RAG_GREEN;
}

bool rag_mismatch(enum rag set, enum rag computed)
{
	if (set == RAG_NONE || computed == RAG_NONE)
		return false;
	if (computed == RAG_COMPLETE)
		return set != RAG_COMPLETE && set != RAG_GREEN;
	return set != computed;
}

enum rag rag_from_text(const char *text)
{
	while (text && isspace((unsigned char)*text))
		text++;
	if (!text || !*text)
		return RAG_NONE;
	switch (toupper((unsigned char)*text)) {
	case 'R': return RAG_RED;
	case 'A': return RAG_AMBER;
	case 'G': return RAG_GREEN;
	case 'C': case 'B': return RAG_COMPLETE; /* Complete, or Blue as some councils mark it */
	default: return RAG_NONE;
	}
}

const char *rag_name(enum rag r)
{
	switch (r) {
	case RAG_RED: return "RED";
	case RAG_AMBER: return "AMBER";
	case RAG_GREEN: return "GREEN";
	case RAG_COMPLETE: return "COMPLETE";
	default: return "";
	}
}

char rag_letter(enum rag r)
{
	return r == RAG_NONE ? '-' : (char)r;
}
