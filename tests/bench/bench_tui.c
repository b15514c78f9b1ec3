/* SPDX-License-Identifier: GPL-2.0-only */
/* make bench, the screens' part (issue 13):
 *
 *  1. time to the first full screen: jhconf tui on a snapshot, started in a
 *     pseudo-terminal of 100x30, until its output has drawn the buttons and
 *     the status line (the last things tui_draw() writes); median of RUNS.
 *  2. re-validation of a 64-cell project: what the screens do after every
 *     edit (jhconf_project_changed() + jhconf_plan(), see tui_changed()),
 *     on a generated machine with enough CPUs; median of RUNS, in process.
 *
 * usage: bench_tui JHCONF SNAPSHOT_DIR GENERATED_DIR [RUNS]
 * Targets: under 100 ms and under 5 ms. Prints two rows of `make bench`'s
 * table in bench_proc's form (name, runs, wall median, minimum and
 * maximum, CPU median in ms, peak RSS in KiB); tests/bench/bench.sh adds
 * them to the others. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "api/jhconf.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of this process: on a loaded machine the wall clock says more
 * about the other processes than about jhconf */
static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* One start: ms until "oad >" (of <Load>: its L has another colour) and
 * then "warning" have been written, -1 on failure; *cpu gets the CPU time
 * (user + system) of the whole run: start, first screen, Esc Esc, exit. */
static double first_screen(const char *jhconf, const char *snap, const char *dir,
			   double *cpu, long *rss_kib)
{
	struct winsize ws = { .ws_row = 30, .ws_col = 100 };
	int master;
	double t0 = now_ms();
	pid_t pid = forkpty(&master, NULL, NULL, &ws);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (chdir(dir) < 0)
			_exit(127);
		setenv("TERM", "xterm", 1);
		setenv("LANG", "C.UTF-8", 1);
		execl(jhconf, jhconf, "tui", "--root", snap, (char *)NULL);
		_exit(127);
	}
	char buf[65536];
	size_t len = 0;
	double t = -1;
	bool load = false;
	while (t < 0 && now_ms() - t0 < 10000) {
		struct pollfd p = { master, POLLIN, 0 };
		if (poll(&p, 1, 100) <= 0)
			continue;
		ssize_t r = read(master, buf + len, sizeof(buf) - 1 - len);
		if (r <= 0)
			break;
		len += (size_t)r;
		buf[len] = '\0';
		if (!load && strstr(buf, "oad >"))
			load = true;
		if (load && strstr(strstr(buf, "oad >"), "warning"))
			t = now_ms() - t0;
		if (len > sizeof(buf) / 2) {
			/* keep the tail: the markers are near the end */
			memmove(buf, buf + len - 1024, 1024);
			len = 1024;
			buf[len] = '\0';
		}
	}
	/* Esc Esc leaves (nothing changed, no question) */
	if (write(master, "\033\033", 2) != 2)
		t = -1;
	*cpu = -1;
	for (int i = 0; i < 50; i++) {
		int st;
		struct rusage ru;
		if (wait4(pid, &st, WNOHANG, &ru) == pid) {
			*cpu = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
			       ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
			*rss_kib = ru.ru_maxrss;
			break;
		}
		char drain[4096];
		struct pollfd p = { master, POLLIN, 0 };
		if (poll(&p, 1, 100) > 0 && read(master, drain, sizeof(drain)) < 0) {
			/* EIO: the terminal's other side closed, jhconf is ending */
			if (wait4(pid, &st, 0, &ru) == pid) {
				*cpu = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
				       ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
				*rss_kib = ru.ru_maxrss;
			}
			break;
		}
		if (i == 49) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
		}
	}
	close(master);
	return t;
}

/* Wall times of the runs, sorted; *cpu_med the median CPU time. */
static double *revalidate(const char *gen, int runs, double *cpu_med)
{
	struct jh_error err = { 0 };
	struct jhconf_session *s = jhconf_new();
	/* 64 cells of 2 MiB each and the hypervisor's 6 MiB */
	if (jhconf_set_mem(s, 6u << 20, 160u << 20, &err) < 0 ||
	    jhconf_open(s, JHCONF_SOURCE_TREE, gen, &err) < 0 ||
	    jhconf_project_init(s, JHCONF_SOURCE_TREE, gen, NULL, &err) < 0) {
		fprintf(stderr, "bench_tui: %s\n", err.msg);
		return NULL;
	}
	struct project *p = jhconf_project(s);
	for (int i = 0; i < 64; i++) {
		char name[16];
		snprintf(name, sizeof(name), "c%d", i);
		struct proj_cell_edit e = { .set_mem = true, .mem = 2u << 20 };
		proj_ranges_add(&e.cpus, (uint64_t)i + 1, (uint64_t)i + 1);
		if (project_cell_add(p, name, &err) < 0 ||
		    project_cell_assign(p, name, &e, &err) < 0) {
			fprintf(stderr, "bench_tui: %s\n", err.msg);
			return NULL;
		}
		proj_cell_edit_free(&e);
	}
	double *v = calloc((size_t)runs, sizeof(*v)), *c = calloc((size_t)runs, sizeof(*c));
	for (int r = 0; r < runs; r++) {
		double t0 = now_ms(), c0 = cpu_ms();
		jhconf_project_changed(s);
		if (jhconf_plan(s, &err) < 0) {
			fprintf(stderr, "bench_tui: the 64-cell plan fails: %s\n", err.msg);
			return NULL;
		}
		v[r] = now_ms() - t0;
		c[r] = cpu_ms() - c0;
	}
	if (jhconf_cells(s)->n != 64) {
		fprintf(stderr, "bench_tui: %zu cells planned, not 64\n", jhconf_cells(s)->n);
		return NULL;
	}
	qsort(v, (size_t)runs, sizeof(*v), cmp_double);
	qsort(c, (size_t)runs, sizeof(*c), cmp_double);
	*cpu_med = c[runs / 2];
	free(c);
	jhconf_free(s);
	return v;
}

static const char *base_name(const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	static char out[256];
	snprintf(out, sizeof(out), "%.*s", (int)n, path);
	const char *slash = strrchr(out, '/');
	return slash ? slash + 1 : out;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: bench_tui JHCONF SNAPSHOT_DIR GENERATED_DIR [RUNS]\n");
		return 2;
	}
	int runs = argc > 4 ? atoi(argv[4]) : 20;
	if (runs < 1)
		runs = 1;
	char dir[] = "/tmp/jhconf-bench-tui.XXXXXX";
	if (!mkdtemp(dir))
		return 2;
	double *v = calloc((size_t)runs, sizeof(*v)), *c = calloc((size_t)runs, sizeof(*c));
	long rss = 0;
	for (int r = 0; r < runs; r++)
		if ((v[r] = first_screen(argv[1], argv[2], dir, &c[r], &rss)) < 0) {
			fprintf(stderr, "bench_tui: no full screen within 10 s\n");
			return 1;
		}
	rmdir(dir);
	qsort(v, (size_t)runs, sizeof(*v), cmp_double);
	qsort(c, (size_t)runs, sizeof(*c), cmp_double);
	printf("tui-first-screen:%s %d %.3f %.3f %.3f %.3f %ld\n", base_name(argv[2]), runs,
	       v[runs / 2], v[0], v[runs - 1], c[runs / 2], rss);
	free(v);
	free(c);
	double cpu;
	double *rv = revalidate(argv[3], runs, &cpu);
	if (!rv)
		return 1;
	struct rusage self;
	getrusage(RUSAGE_SELF, &self);
	printf("tui-revalidate-64-cells:%s %d %.3f %.3f %.3f %.3f %ld\n", base_name(argv[3]),
	       runs, rv[runs / 2], rv[0], rv[runs - 1], cpu, self.ru_maxrss);
	free(rv);
	return 0;
}
