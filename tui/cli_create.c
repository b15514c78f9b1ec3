/* jhconf create: discover a machine, plan its root cell, write the .cell
 * (and the .c) for the chosen configuration revision. */
#include "base/atomic.h"
#include "cellfmt/cellfmt.h"
#include "cli.h"
#include "plan/plan.h"
#include "cellfmt/write_c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char create_usage[] =
	"usage: jhconf create [--root DIR | --snapshot FILE.tar] [--mem-hv SIZE]\n"
	"                     [--mem-inmates SIZE] [--console DEV|none]\n"
	"                     [--config-revision 14|13|12] [--strict] OUT.c\n"
	"\n"
	"Discovers the machine (the live system when run as root, a snapshot\n"
	"tree with --root, a tar with --snapshot) and writes its Jailhouse root\n"
	"cell: OUT.c (readable C source) and OUT.cell (the binary Jailhouse loads),\n"
	"byte for byte what Jailhouse's own config create and build would make.\n"
	"\n"
	"  --mem-hv SIZE         hypervisor memory (default 6M)\n"
	"  --mem-inmates SIZE    memory for inmate cells (default 76M)\n"
	"                        SIZE: decimal or 0x-hex, optional K, M or G\n"
	"  --console DEV|none    hypervisor debug console (default ttyS0)\n"
	"  --config-revision N   Jailhouse configuration revision: 14 (master,\n"
	"                        default), 13 (commit 4ce7658d, AGL) or 12 (v0.12)\n"
	"  --strict              treat warnings (e.g. wrong ACPI checksums) as errors\n"
	"\n"
	"Prints the kernel parameter the guest needs (memmap=SIZE$START).\n"
	"Exit: 0 written, 1 the machine cannot host Jailhouse, 2 bad input or usage.\n";

struct create_opts {
	struct cli_source_opts src;
	struct plan_opts plan;
	int revision;
	bool strict;
	const char *out;
};

static int parse_size_opt(const char *name, const char *v, uint64_t *out,
			  struct jh_error *err)
{
	if (!parse_size(v, out) || *out == 0)
		return jh_fail(err, JH_BADINPUT,
			       "%s: '%s' is not a size (decimal or 0x-hex, optional K/M/G)",
			       name, v);
	return 0;
}

/* OUT names the pair OUT.c and OUT.cell: a name with nothing before the
 * ".c" (or a folder) would make hidden files ".c" and ".cell" there. */
static int check_out_name(const char *out, struct jh_error *err)
{
	if (!*out)
		return jh_fail(err, JH_BADINPUT,
			       "an empty output file name (give one such as OUT.c)");
	const char *slash = strrchr(out, '/');
	const char *base = slash ? slash + 1 : out;
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return jh_fail(err, JH_BADINPUT,
			       "%s: names a folder, not an output file "
			       "(give one such as OUT.c)", out);
	if (!strcmp(base, ".c"))
		return jh_fail(err, JH_BADINPUT,
			       "%s: no name before .c (the outputs would be the "
			       "hidden files .c and .cell)", out);
	return 0;
}

static int parse_create_args(int argc, char **argv, struct create_opts *o,
			     struct jh_error *err)
{
	plan_opts_default(&o->plan);
	o->revision = CELL_REVISION_DEFAULT;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r = cli_source_option(argc, argv, &i, &o->src, err);
		if (r < 0)
			return -1;
		if (r > 0)
			continue;
		if (!strcmp(a, "--strict")) {
			o->strict = true;
			continue;
		}
		bool takes_value = !strcmp(a, "--mem-hv") || !strcmp(a, "--mem-inmates") ||
				   !strcmp(a, "--console") || !strcmp(a, "-c") ||
				   !strcmp(a, "--config-revision");
		if (takes_value && i + 1 >= argc)
			return jh_fail(err, JH_BADINPUT, "%s: needs a value", a);
		if (!strcmp(a, "--mem-hv")) {
			if (parse_size_opt(a, argv[++i], &o->plan.mem_hv, err) < 0)
				return -1;
		} else if (!strcmp(a, "--mem-inmates")) {
			if (parse_size_opt(a, argv[++i], &o->plan.mem_inmates, err) < 0)
				return -1;
		} else if (!strcmp(a, "--console") || !strcmp(a, "-c")) {
			o->plan.console = argv[++i];
		} else if (!strcmp(a, "--config-revision")) {
			const char *v = argv[++i];
			uint64_t rev;
			if (!parse_u64(v, 10, &rev) || !cell_layout_for((int)rev) || rev > 99)
				return jh_fail(err, JH_BADINPUT,
					       "--config-revision: '%s' is not 12, 13 or 14", v);
			o->revision = (int)rev;
		} else if (a[0] == '-' && a[1]) {
			return jh_fail(err, JH_BADINPUT, "unknown option '%s' (see --help)", a);
		} else if (o->out) {
			return jh_fail(err, JH_BADINPUT, "'%s': only one output file", a);
		} else {
			o->out = a;
		}
	}
	if (!o->out)
		return jh_fail(err, JH_BADINPUT, "no output file given (see --help)");
	return check_out_name(o->out, err);
}

/* OUT.c -> OUT.cell (Jailhouse's naming); any other name gets .cell added. */
static char *cell_path_for(const char *out)
{
	size_t n = strlen(out);
	if (n > 2 && !strcmp(out + n - 2, ".c"))
		return xasprintf("%.*s.cell", (int)(n - 2), out);
	return xasprintf("%s.cell", out);
}

static char *c_path_for(const char *out)
{
	size_t n = strlen(out);
	if (n > 2 && !strcmp(out + n - 2, ".c"))
		return xstrdup(out);
	return xasprintf("%s.c", out);
}

static int render_outputs(const struct cfg_system *s, int revision,
			  struct buf *cell, struct buf *csrc, struct jh_error *err)
{
	const struct cell_layout *l = cell_layout_for(revision);
	if (cell_write_system(s, l, cell, err) < 0)
		return -1;
	return write_c_system(s, l, csrc, err);
}

static void report_written(const char *cpath, const char *cellpath, size_t len,
			   int revision, const struct plan_result *res)
{
	printf("wrote %s and %s (%zu bytes, configuration revision %d)\n",
	       cpath, cellpath, len, revision);
	printf("kernel command line needs: %s\n", res->hint);
	if (res->memmap_in_cmdline)
		printf("  /proc/cmdline already has it\n");
	else
		printf("  not in /proc/cmdline yet: add it to the boot entry and reboot\n");
}

static int create_run(const struct create_opts *o, struct jh_error *err)
{
	struct machine m;
	struct jh_diag diag = { .strict = o->strict };
	struct cfg_system sys;
	struct plan_result res;
	struct buf cell = { 0 }, csrc = { 0 };
	int rc = -1;
	if (cli_discover(&o->src, &m, &diag, err) < 0) {
		cli_print_warnings(&diag, err);
		strlist_free(&diag.warnings);
		return -1;
	}
	if (plan_root_cell(&m, &o->plan, &sys, &res, &diag, err) == 0) {
		if (cli_print_warnings(&diag, err) == 0 &&
		    render_outputs(&sys, o->revision, &cell, &csrc, err) == 0) {
			char *cellpath = cell_path_for(o->out);
			char *cpath = c_path_for(o->out);
			/* Both or neither: a new .cell beside an old .c (of
			 * another revision, say) would be worse than none. */
			struct atomic_batch batch;
			atomic_batch_init(&batch);
			atomic_batch_add(&batch, cpath, csrc.data, csrc.len,
					 ATOMIC_MODE_PUBLIC);
			atomic_batch_add(&batch, cellpath, cell.data, cell.len,
					 ATOMIC_MODE_PUBLIC);
			if (atomic_batch_commit(&batch, err) == 0) {
				report_written(cpath, cellpath, cell.len, o->revision, &res);
				rc = 0;
			}
			atomic_batch_free(&batch);
			free(cellpath);
			free(cpath);
		}
		cfg_system_free(&sys);
		plan_result_free(&res);
	} else {
		cli_print_warnings(&diag, err);
	}
	buf_free(&cell);
	buf_free(&csrc);
	strlist_free(&diag.warnings);
	machine_free(&m);
	return rc;
}

int cmd_create(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(create_usage, stdout);
			return 0;
		}
	struct create_opts o = { 0 };
	struct jh_error err = { 0 };
	int rc = JH_OK;
	if (parse_create_args(argc, argv, &o, &err) < 0 || create_run(&o, &err) < 0)
		rc = cli_report(&err);
	jh_error_clear(&err);
	return rc;
}
