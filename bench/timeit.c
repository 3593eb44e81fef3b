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
   number of page faults (minor and major, from wait4's rusage) and the
   median peak resident set size in kB of a run: "FAULTS RSS". */

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
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

/* One run; returns its wait status, or -1 if fork failed.  Its page
   faults and peak RSS (kB) go to *faults and *rss. */
static int run_once(char **argv, double *ms, double *faults, double *rss)
{
	struct rusage ru;
	double start = now_ms();
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		execv(argv[0], argv);
		_exit(126);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		;
	*ms = now_ms() - start;
	*faults = (double)(ru.ru_minflt + ru.ru_majflt);
	*rss = (double)ru.ru_maxrss;
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
			s = run_once(cmd[c], &ms[c][i], &faults[c][i], &rss[c][i]);
			if (s == -1 || WIFSIGNALED(s) || WEXITSTATUS(s) != 0)
				status[c] = s;
		}
	for (int c = 0; c < commands; c++)
		report(ms[c], faults[c], rss[c], runs, status[c], resources);
	return status[0] != 0 || status[commands - 1] != 0;
}
