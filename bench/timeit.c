/* timeit RUNS COMMAND [ARGS...]: runs COMMAND RUNS times, one after the
   other, with its output thrown away, and prints on one line the minimum
   and the median wall time of a run in milliseconds ("12.345 12.678").
   Each run is timed from just before fork to just after its wait, with
   CLOCK_MONOTONIC.  If a run fails, prints "fail STATUS" (or "signal N")
   instead and exits 1.  A hosted helper of bench/run.sh, not a workload.

   timeit -a OTHER RUNS COMMAND [ARGS...]: the same, but alternates COMMAND
   with OTHER [ARGS...] (COMMAND's first word replaced by OTHER), run by
   run, RUNS times each, so that noise hits both alike; prints two lines,
   COMMAND's then OTHER's, each "MIN MEDIAN" or its first failure.  A
   command that failed is not run again.  bench/real.sh times two linkers
   so: timeit -a OURS RUNS SYSTEM PROGRAM ARGS.

   timeit -r RUNS COMMAND [ARGS...]: prints, instead of times, the median
   number of page faults (minor and major) and the median peak resident
   set size in kB of a run: "FAULTS RSS".  Both are the process's own
   from its exec on.  wait4's rusage would not do: its peak RSS is the
   larger of the program's and that of the forked copy of timeit before
   the exec, as the kernel recorded it at exit from per-CPU counters that
   it adds up only approximately (Linux 6.2 on), so that for a small
   program it was neither the copy's nor the program's; and its faults
   include the copy's.  So the child stops itself before it execs
   (PTRACE_TRACEME, SIGSTOP), timeit reads its fault counts from
   /proc/PID/stat there, and again at the exit stop (PTRACE_EVENT_EXIT),
   where it also reads VmHWM, the peak RSS of the memory the exec made,
   from /proc/PID/status.  Only the process itself counts, not the
   children it forks; the figures are read when its main thread exits
   (a main thread that calls pthread_exit while others work on is
   measured then); and a set-uid program runs without its privileges.
   A run that cannot be traced prints "fail trace". */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* In the child: output to /dev/null, then COMMAND; stopped first, for
   the tracing parent, when TRACED. */
static void exec_command(char **argv, int traced)
{
	int null = open("/dev/null", O_WRONLY);

	if (null >= 0) {
		dup2(null, 1);
		dup2(null, 2);
	}
	if (traced) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0)
			_exit(126);
		raise(SIGSTOP);
	}
	execv(argv[0], argv);
	_exit(126);
}

/* One timed run; returns its wait status, or -1 if fork failed. */
static int run_once(char **argv, double *ms)
{
	double start = now_ms();
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0)
		exec_command(argv, 0);
	while (waitpid(pid, &status, 0) < 0)
		;
	*ms = now_ms() - start;
	return status;
}

/* The minor plus major faults of process PID so far, from /proc/PID/stat
   (fields 10 and 12; the command name in field 2 may hold spaces, so
   the count starts after its closing parenthesis), or -1. */
static double faults_of(pid_t pid)
{
	char path[64], line[1024];
	unsigned long minflt, majflt;
	FILE *f;
	char *p;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	p = fgets(line, sizeof line, f) ? strrchr(line, ')') : NULL;
	fclose(f);
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %lu %*u %lu",
			 &minflt, &majflt) != 2)
		return -1;
	return (double)(minflt + majflt);
}

/* VmHWM of process PID in kB, from /proc/PID/status, or -1. */
static double peak_rss_of(pid_t pid)
{
	char path[64], line[256];
	double kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %lf", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* One run for -r, traced as described at the top; returns its wait
   status, -1 if fork failed, or -2 if a good run could not be measured
   (ptrace refused, /proc unreadable). */
static int run_measured(char **argv, double *faults, double *rss)
{
	double before = -1;
	int status = 0, stopped = 0;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0)
		exec_command(argv, 1);
	*faults = *rss = -1;
	for (;;) {
		pid_t w = waitpid(pid, &status, 0);
		int sig;

		if (w < 0 && errno == EINTR)
			continue;
		if (w != pid) {           /* lost it: do not leave it stopped */
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			return -2;
		}
		if (!WIFSTOPPED(status))
			break;
		sig = WSTOPSIG(status);
		if (!stopped && sig == SIGSTOP) {
			stopped = 1;
			before = faults_of(pid);
			ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACEEXIT | PTRACE_O_TRACEEXEC);
			sig = 0;
		} else if (status >> 8 == (SIGTRAP | PTRACE_EVENT_EXIT << 8)) {
			double now = faults_of(pid);

			*faults = before >= 0 && now >= 0 ? now - before : -1;
			*rss = peak_rss_of(pid);
			sig = 0;
		} else if (status >> 8 == (SIGTRAP | PTRACE_EVENT_EXEC << 8))
			sig = 0;
		ptrace(PTRACE_CONT, pid, 0, (void *)(long)sig);
	}
	if (!stopped)
		return -2;                /* PTRACE_TRACEME was refused */
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && (*faults < 0 || *rss < 0))
		return -2;
	return status;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof *v, by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Prints the minimum and median of the N times MS, or the failure; or,
   with RESOURCES, the medians of FAULTS and RSS. */
static void report(double *ms, double *faults, double *rss, int n, int status,
		   int resources)
{
	if (status == -1)
		printf("fail fork\n");
	else if (status == -2)
		printf("fail trace\n");
	else if (WIFSIGNALED(status))
		printf("signal %d\n", WTERMSIG(status));
	else if (WEXITSTATUS(status) != 0)
		printf("fail %d\n", WEXITSTATUS(status));
	else if (resources)
		printf("%.0f %.0f\n", median(faults, n), median(rss, n));
	else {
		double mid = median(ms, n);

		printf("%.3f %.3f\n", ms[0], mid);
	}
}

int main(int argc, char **argv)
{
	char *other = NULL;
	char **cmd[2];
	double *ms[2], *faults[2], *rss[2];
	int status[2] = { 0, 0 };
	int commands = 1, runs, resources = 0;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] == 'r' && !argv[1][2]) {
		resources = 1;
		argc--;
		argv++;
	}
	if (argc > 2 && argv[1][0] == '-' && argv[1][1] == 'a' && !argv[1][2]) {
		other = argv[2];
		argc -= 2;
		argv += 2;
		commands = 2;
	}
	runs = argc > 2 ? atoi(argv[1]) : 0;
	if (runs < 1) {
		fprintf(stderr, "usage: timeit [-r] [-a OTHER] RUNS COMMAND [ARGS...]\n");
		return 2;
	}
	cmd[0] = argv + 2;
	if (other) {
		cmd[1] = calloc(argc - 1, sizeof *cmd[1]);
		for (int i = 2; i < argc; i++)
			cmd[1][i - 2] = argv[i];
		cmd[1][0] = other;
	}
	for (int c = 0; c < commands; c++) {
		ms[c] = calloc(runs, sizeof *ms[c]);
		faults[c] = calloc(runs, sizeof *faults[c]);
		rss[c] = calloc(runs, sizeof *rss[c]);
	}
	for (int i = 0; i < runs; i++)
		for (int c = 0; c < commands; c++) {
			int s;

			if (status[c] != 0)
				continue;
			s = resources ? run_measured(cmd[c], &faults[c][i], &rss[c][i])
				      : run_once(cmd[c], &ms[c][i]);
			if (s < 0 || WIFSIGNALED(s) || WEXITSTATUS(s) != 0)
				status[c] = s;
		}
	for (int c = 0; c < commands; c++)
		report(ms[c], faults[c], rss[c], runs, status[c], resources);
	return status[0] != 0 || status[commands - 1] != 0;
}
