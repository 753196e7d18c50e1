/* settings_problems.h — for the unit tests of the settings file: the problem a line was reported with, asserted on.
 * Include after cmocka.h, string.h and core/settings.h. */
#ifndef PB_TESTS_SETTINGS_PROBLEMS_H
#define PB_TESTS_SETTINGS_PROBLEMS_H

/* The problem reported for line, or fails the test. */
static const char *problem_of(const struct settings *s, int line)
{
	for (int i = 0; i < s->nproblems; i++)
		if (s->problems[i].line == line)
			return s->problems[i].text;
	fail_msg("no problem reported for line %d", line);
	return NULL;
}

/* Asserts that line's problem says needle. */
static void assert_problem_has(const struct settings *s, int line, const char *needle)
{
	const char *p = problem_of(s, line);
	if (!strstr(p, needle))
		fail_msg("line %d: \"%s\" does not say \"%s\"", line, p, needle);
}

#endif
