/* timeit RUNS COMMAND [ARGS...]: runs COMMAND RUNS times, one after the
   other, with its output thrown away, and prints on one line the minimum
   and the median wall time of a run in milliseconds ("12.345 12.678").
   Each run is timed from just before fork to just after its wait, with
   CLOCK_MONOTONIC.  If a run fails, prints "fail STATUS" (or "signal N")
   instead and exits 1.  A hosted helper of bench/run.sh, not a workload. */

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
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

/* One run; returns its wait status, or -1 if fork failed. */
static int run_once(char **argv, double *ms)
{
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
	while (waitpid(pid, &status, 0) < 0)
		;
	*ms = now_ms() - start;
	return status;
}

int main(int argc, char **argv)
{
	int runs = argc > 2 ? atoi(argv[1]) : 0;
	double *ms;

	if (runs < 1) {
		fprintf(stderr, "usage: timeit RUNS COMMAND [ARGS...]\n");
		return 2;
	}
	ms = calloc(runs, sizeof *ms);
	for (int i = 0; i < runs; i++) {
		int status = run_once(argv + 2, &ms[i]);

		if (status == -1) {
			printf("fail fork\n");
			return 1;
		}
		if (WIFSIGNALED(status)) {
			printf("signal %d\n", WTERMSIG(status));
			return 1;
		}
		if (WEXITSTATUS(status) != 0) {
			printf("fail %d\n", WEXITSTATUS(status));
			return 1;
		}
	}
	qsort(ms, runs, sizeof *ms, by_value);
	printf("%.3f %.3f\n", ms[0],
	       runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2);
	return 0;
}
