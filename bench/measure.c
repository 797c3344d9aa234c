/*
 * measure: run a command a few times and report its best wall time and its
 * peak memory, for bench/run.sh.
 *
 *     measure [-n RUNS] -- CMD ARGS...
 *
 * Runs CMD RUNS times (default 5), one after another, with stdin from and
 * stdout/stderr to /dev/null, and prints one line:
 *
 *     wall_min_s WALL max_rss_kib RSS exit STATUS cpu_min_s CPU
 *
 * WALL is the shortest wall-clock time of the runs (CLOCK_MONOTONIC, seconds),
 * CPU the shortest user + system time (from wait4: on a shared virtual machine
 * it does not count the moments another guest held the processor),
 * RSS the largest ru_maxrss (KiB on Linux) that wait4 reported for them, and
 * STATUS the exit status of the last run (128+N when it was killed by signal
 * N, 127 when CMD could not be executed). The minimum is the figure least
 * disturbed by other load on the machine. measure itself exits 0 once it has
 * measured, whatever CMD's status was; 1 if it could not run CMD at all
 * (fork or wait failed); 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: measure [-n RUNS] -- CMD ARGS...\n");
	exit(2);
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs argv once; stores its wall and CPU time, ru_maxrss and exit status. */
static int
run_once(char **argv, double *wall, double *cpu, long *maxrss, int *status)
{
	double start = now_s();
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "measure: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
			if (null > STDERR_FILENO)
				close(null);
		}
		execvp(argv[0], argv);
		_exit(127);
	}

	int wstatus;
	struct rusage ru;
	pid_t got;
	do
		got = wait4(pid, &wstatus, 0, &ru);
	while (got < 0 && errno == EINTR);
	double end = now_s();
	if (got < 0) {
		fprintf(stderr, "measure: wait4: %s\n", strerror(errno));
		return -1;
	}

	*wall = end - start;
	*cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	*maxrss = ru.ru_maxrss;
	if (WIFEXITED(wstatus))
		*status = WEXITSTATUS(wstatus);
	else if (WIFSIGNALED(wstatus))
		*status = 128 + WTERMSIG(wstatus);
	else
		*status = 255;
	return 0;
}

int
main(int argc, char **argv)
{
	long runs = 5;
	int i = 1;
	while (i < argc && strcmp(argv[i], "--") != 0) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
			char *end;
			errno = 0;
			runs = strtol(argv[i + 1], &end, 10);
			if (errno || end == argv[i + 1] || *end || runs < 1 || runs > INT_MAX) {
				fprintf(stderr, "measure: -n: not a positive number: %s\n",
					argv[i + 1]);
				return 2;
			}
			i += 2;
		} else {
			usage();
		}
	}
	if (i >= argc || i + 1 >= argc)
		usage();
	char **cmd = argv + i + 1;

	double wall_min = 0, cpu_min = 0;
	long rss_max = 0;
	int status = 0;
	for (long r = 0; r < runs; r++) {
		double wall, cpu;
		long rss;
		if (run_once(cmd, &wall, &cpu, &rss, &status) != 0)
			return 1;
		if (r == 0 || wall < wall_min)
			wall_min = wall;
		if (r == 0 || cpu < cpu_min)
			cpu_min = cpu;
		if (rss > rss_max)
			rss_max = rss;
	}

	printf("wall_min_s %.4f max_rss_kib %ld exit %d cpu_min_s %.4f\n", wall_min, rss_max,
	       status, cpu_min);
	return 0;
}
