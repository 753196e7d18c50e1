/* rag.h — the RAG rating an action earns from its dates, beside the one an officer set. */
#ifndef PB_RAG_H
#define PB_RAG_H

#include <stdbool.h>
#include "core/date.h"

enum rag {
	RAG_NONE = 0,
	RAG_RED = 'R',
	RAG_AMBER = 'A',
	RAG_GREEN = 'G',
	RAG_COMPLETE = 'C',
};

struct rag_rules {
	int amber_days; /* due within this many days is Amber (default 30) */
};

/* What the computed RAG is judged from. */
struct rag_facts {
	bool complete;
	bool has_due;
	struct date due;
	bool pushed_back_this_quarter; /* a revision to a later date was made this quarter */
};

struct rag_rules rag_default_rules(void);
enum rag rag_compute(const struct rag_facts *f, struct date today, const struct rag_rules *rules);
/* Set and computed disagree (a Green set on a completed action is not a disagreement). */
bool rag_mismatch(enum rag set, enum rag computed);
/* 'R' → RAG_RED …; anything else (also "GREEN", "red") read by first letter; RAG_NONE for empty. */
enum rag rag_from_text(const char *text);
const char *rag_name(enum rag r); /* "RED", "AMBER", "GREEN", "COMPLETE", "" */
char rag_letter(enum rag r);	  /* 'R' …, '-' for none */

#endif
