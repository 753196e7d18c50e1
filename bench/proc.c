/* proc.c — the planbench binary run as a whole process by the benchmark: wall time and peak memory. */
#include <errno.h>
#include <stdbool.h>
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

/* What a run came to. */
struct outcome {
	int wstatus; /* -1: it could not be started or waited for */
	int err;     /* errno then */
	long maxrss_kb;
	double ms;
};

/* Forks, runs argv with stdout and stderr to /dev/null, waits. */
static struct outcome run_here(char *const argv[])
{
	struct outcome out = {.wstatus = -1};
	double t0 = stats_now_ms();
	pid_t pid = fork();
	if (pid < 0) {
		out.err = errno;
		return out;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	struct rusage ru;
	if (wait4(pid, &out.wstatus, 0, &ru) < 0) {
		out.err = errno;
		out.wstatus = -1;
		return out;
	}
	out.ms = stats_now_ms() - t0;
	out.maxrss_kb = ru.ru_maxrss;
	return out;
}

/* The spawner's ends of its pipes, as the benchmark sees them; -1 when there is none. A request is the argument
 * count, then each argument's length and bytes; the answer is a struct outcome. */
static int to_spawner = -1, from_spawner = -1;

static bool read_all(int fd, void *p, size_t n)
{
	for (size_t got = 0; got < n;) {
		ssize_t r = read(fd, (char *)p + got, n - got);
		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	return true;
}

static bool write_all(int fd, const void *p, size_t n)
{
	for (size_t put = 0; put < n;) {
		ssize_t w = write(fd, (const char *)p + put, n - put);
		if (w <= 0)
			return false;
		put += (size_t)w;
	}
	return true;
}

/* The spawner: runs what it is sent until the benchmark closes the pipe. */
static void serve(int in, int out)
{
	char buf[PROC_MAX_ARGS + 2][1100];
	int n;
	while (read_all(in, &n, sizeof n) && n > 0 && n <= PROC_MAX_ARGS + 1) {
		char *argv[PROC_MAX_ARGS + 2];
		for (int i = 0; i < n; i++) {
			size_t len;
			if (!read_all(in, &len, sizeof len) || len >= sizeof buf[i] || !read_all(in, buf[i], len))
				_exit(1);
			buf[i][len] = '\0';
			argv[i] = buf[i];
		}
		argv[n] = NULL;
		struct outcome o = run_here(argv);
		if (!write_all(out, &o, sizeof o))
			_exit(1);
	}
	_exit(0);
}

void proc_start_spawner(void)
{
	int req[2], ans[2];
	if (pipe(req) != 0)
		return;
	if (pipe(ans) != 0) {
		close(req[0]), close(req[1]);
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(req[1]), close(ans[0]);
		serve(req[0], ans[1]);
	}
	close(req[0]), close(ans[1]);
	if (pid < 0) {
		close(req[1]), close(ans[0]);
		return;
	}
	to_spawner = req[1], from_spawner = ans[0];
}

/* Runs argv through the spawner; false when there is none or it has gone. */
static bool run_spawned(char *const argv[], struct outcome *o)
{
	if (to_spawner < 0)
		return false;
	int n = 0;
	while (argv[n])
		n++;
	bool ok = write_all(to_spawner, &n, sizeof n);
	for (int i = 0; ok && i < n; i++) {
		size_t len = strlen(argv[i]);
		ok = write_all(to_spawner, &len, sizeof len) && write_all(to_spawner, argv[i], len);
	}
	return ok && read_all(from_spawner, o, sizeof *o);
}

int proc_run(const char *bin, char *const args[], double *ms, double *mb, struct pb_error *e)
{
	char *argv[PROC_MAX_ARGS + 2], text[600];
	int n = 0;
	argv[n++] = (char *)bin;
	for (int i = 0; args[i] && n <= PROC_MAX_ARGS; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	struct outcome o;
	if (!run_spawned(argv, &o))
		o = run_here(argv);
	if (o.wstatus < 0)
		return pb_fail(e, PB_FAIL, "cannot run %s (%s)", bin, strerror(o.err));
	int wstatus = o.wstatus;
	*ms = o.ms;
	*mb = (double)o.maxrss_kb / 1024.0;
	if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
		command_text(argv, text, sizeof text);
		return pb_fail(e, PB_FAIL, "%s failed (exit %d); run it by hand to see why", text,
			       WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
	}
	return PB_OK;
}
