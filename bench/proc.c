/* proc.c — the planbench binary run as a whole process by the benchmark: wall time and peak memory. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/proc.h"
#include "bench/stats.h"

#define PROC_MAX_ARGS 30

/* The command line as text, for an error (cut to fit). */
static void command_text(char *const argv[], char *out, size_t len)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; argv[i] && used + 1 < len; i++)
		used += (size_t)snprintf(out + used, len - used, "%s%s", i ? " " : "", argv[i]);
}

int proc_run(const char *bin, char *const args[], double *ms, double *mb, struct pb_error *e)
{
	char *argv[PROC_MAX_ARGS + 2], text[600];
	int n = 0;
	argv[n++] = (char *)bin;
	for (int i = 0; args[i] && n <= PROC_MAX_ARGS; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	double t0 = stats_now_ms();
	pid_t pid = fork();
	if (pid < 0)
		return pb_fail(e, PB_FAIL, "cannot start %s (%s)", bin, strerror(errno));
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		execv(bin, argv);
		_exit(127);
	}
	int wstatus;
	struct rusage ru;
	if (wait4(pid, &wstatus, 0, &ru) < 0)
		return pb_fail(e, PB_FAIL, "waiting for %s (%s)", bin, strerror(errno));
	*ms = stats_now_ms() - t0;
	*mb = (double)ru.ru_maxrss / 1024.0;
	if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
		command_text(argv, text, sizeof text);
		return pb_fail(e, PB_FAIL, "%s failed (exit %d); run it by hand to see why", text,
			       WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
	}
	return PB_OK;
}
