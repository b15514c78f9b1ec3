/* SPDX-License-Identifier: GPL-2.0-only */
/* Benchmark: discovery, planning and serialisation of the root cell, per
 * bundled snapshot (what `jhconf create` does, without the file writes).
 * Prints the mean wall time per run; `make bench` runs it. */
#include "cellfmt/cellfmt.h"
#include "discover/discover.h"
#include "plan/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The bytes must be the reference's, or the benchmark measures the
 * wrong thing. */
static int check_reference(const char *name, const struct buf *cell)
{
	char *path = xasprintf("%s/ref/%s/rev14/%s.cell", JH_TEST_DATA, name, name);
	FILE *f = fopen(path, "rb");
	unsigned char ref[1 << 16];
	size_t n = f ? fread(ref, 1, sizeof(ref), f) : 0;
	if (f)
		fclose(f);
	int ok = n == cell->len && !memcmp(ref, cell->data, n);
	if (!ok)
		fprintf(stderr, "%s: output differs from the reference\n", path);
	free(path);
	return ok ? 0 : -1;
}

static int one_run(const char *root, const char *name, size_t *bytes)
{
	struct jh_error err = { 0 };
	struct jh_findings diag = { 0 };
	struct source *src = source_open_dir(root, &err);
	struct machine m;
	struct cfg_system sys;
	struct plan_result res;
	struct plan_opts o;
	struct buf cell = { 0 };
	int rc = -1;
	plan_opts_default(&o);
	if (src && discover_machine(src, &m, &diag, &err) == 0) {
		if (plan_root_cell(&m, &o, &sys, &res, &diag, &err) == 0) {
			rc = cell_write_system(&sys, cell_layout_for(14), &cell, &err);
			*bytes = cell.len;
			if (rc == 0 && check_reference(name, &cell) < 0)
				rc = -1;
			cfg_system_free(&sys);
			plan_result_free(&res);
		}
		machine_free(&m);
	}
	source_close(src);
	if (rc < 0)
		fprintf(stderr, "%s: %s\n", root, err.msg ? err.msg : "failed");
	buf_free(&cell);
	jh_findings_free(&diag);
	jh_error_clear(&err);
	return rc;
}

int main(int argc, char **argv)
{
	static const char *const snaps[] = {
		"q35-jailhouse-doc", "q35-devices-added", "q35-amd", "q35-agl-memmap",
	};
	int runs = argc > 1 ? atoi(argv[1]) : 200;
	if (runs < 1)
		runs = 1;
	for (size_t i = 0; i < sizeof(snaps) / sizeof(snaps[0]); i++) {
		char *root = xasprintf("%s/snapshots/%s", JH_TEST_DATA, snaps[i]);
		size_t bytes = 0;
		double t0 = now();
		for (int r = 0; r < runs; r++)
			if (one_run(root, snaps[i], &bytes) < 0)
				return 1;
		double per = (now() - t0) / runs;
		printf("create %-20s %8.3f ms/run (%d runs, %zu-byte cell)\n",
		       snaps[i], per * 1e3, runs, bytes);
		free(root);
	}
	return 0;
}
