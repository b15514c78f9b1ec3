/* SPDX-License-Identifier: GPL-2.0-only */
/* Whole-process timing: runs one command N times (fork, exec, wait4) and
 * prints one table row: median, min and max wall time, median CPU time
 * (user + system, from the child's rusage) and the largest peak RSS.
 * This is what a user waits for: loading, relocation, discovery,
 * writing and exit, not only the core functions.
 *
 * usage: bench_proc [-n RUNS] [-w WARMUP] [-l LABEL] [-x] -- CMD [ARG...]
 *   -x  the command may exit with any status (default: it must exit 0)
 * Output: LABEL RUNS WALL_MEDIAN WALL_MIN WALL_MAX CPU_MEDIAN RSS_KIB
 * (times in milliseconds), on one line, blank-separated; the row is
 * "LABEL failed ..." when the command did not run as required. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct sample {
	double wall_ms, cpu_ms;
	long rss_kib;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double tv_ms(struct timeval tv)
{
	return (double)tv.tv_sec * 1e3 + (double)tv.tv_usec / 1e3;
}

/* One run with stdin, stdout and stderr on /dev/null. Returns the exit
 * status, or -1 when the child did not exit normally. */
static int run_once(char **argv, struct sample *s)
{
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0) {
		perror("bench_proc: fork");
		return -1;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	struct rusage ru;
	pid_t w;
	do
		w = wait4(pid, &status, 0, &ru);
	while (w < 0 && errno == EINTR);
	s->wall_ms = now_ms() - t0;
	if (w < 0) {
		perror("bench_proc: wait4");
		return -1;
	}
	s->cpu_ms = tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
	s->rss_kib = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), by_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void usage(void)
{
	fprintf(stderr, "usage: bench_proc [-n RUNS] [-w WARMUP] [-l LABEL] [-x] -- CMD [ARG...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int runs = 20, warmup = 2, any_status = 0, opt;
	const char *label = NULL;
	while ((opt = getopt(argc, argv, "+n:w:l:x")) != -1) {
		switch (opt) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 'w':
			warmup = atoi(optarg);
			break;
		case 'l':
			label = optarg;
			break;
		case 'x':
			any_status = 1;
			break;
		default:
			usage();
		}
	}
	if (optind >= argc || runs < 1 || warmup < 0)
		usage();
	char **cmd = argv + optind;
	if (!label)
		label = cmd[0];

	double *wall = calloc((size_t)runs, sizeof(*wall));
	double *cpu = calloc((size_t)runs, sizeof(*cpu));
	if (!wall || !cpu) {
		perror("bench_proc");
		return 2;
	}
	double wmin = 1e300, wmax = 0;
	long rss = 0;
	for (int i = -warmup; i < runs; i++) {
		struct sample s;
		int st = run_once(cmd, &s);
		if (st < 0 || (st != 0 && !any_status)) {
			printf("%s failed (exit %d): %s\n", label, st, cmd[0]);
			return 1;
		}
		if (i < 0)
			continue;  /* warm the page cache and the loader */
		wall[i] = s.wall_ms;
		cpu[i] = s.cpu_ms;
		if (s.wall_ms < wmin)
			wmin = s.wall_ms;
		if (s.wall_ms > wmax)
			wmax = s.wall_ms;
		if (s.rss_kib > rss)
			rss = s.rss_kib;
	}
	printf("%s %d %.3f %.3f %.3f %.3f %ld\n", label, runs,
	       median(wall, runs), wmin, wmax, median(cpu, runs), rss);
	free(wall);
	free(cpu);
	return 0;
}
