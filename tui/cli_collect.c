/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf collect: copy what jhconf (and Jailhouse's config create) needs
 * from this machine into a snapshot tar, to configure it elsewhere. */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { KEY_SCRIPT = CLI_KEY_COMMAND };

static const struct cli_option collect_options[] = {
	{ "root", 'r', "DIR", "collect from a folder that mirrors / instead (for tests)" },
	{ "script", KEY_SCRIPT, NULL,
	  "print a POSIX shell script that collects the same\nfiles on a machine without jhconf" },
	{ NULL, 0, NULL, NULL },
};

static const struct cli_option *const collect_tables[] = { collect_options, NULL };

static const struct cli_spec collect_spec = {
	.command = "collect",
	.usage = "[-r DIR] OUT.tar\n--script > jhconf-collect.sh",
	.about = "Copies what jhconf and Jailhouse's config create read from this machine\n"
		 "(procfs, ACPI tables, PCI config spaces and attributes, CPUs, UARTs, DMI,\n"
		 "the firmware memory map) into OUT.tar, OUT.tar.gz or OUT.tar.xz (chosen by\n"
		 "the name). Run it as root on the machine that will run Jailhouse; then\n"
		 "`jhconf create --snapshot OUT.tar` works anywhere, and so does Jailhouse's\n"
		 "`jailhouse config create -r DIR` on the unpacked tar.\n"
		 "\n"
		 "With --script it prints a shell script that does the same with nothing\n"
		 "but a POSIX shell and busybox: `sh jhconf-collect.sh OUT.tar` as root.",
	.tables = collect_tables,
	.exit = "0 written, 2 bad usage, not root, or unreadable input.",
};

struct collect_opts {
	const char *root;
	bool script;
};

static int collect_option(void *ctx, int key, const char *arg, struct jh_error *err)
{
	struct collect_opts *o = ctx;
	(void)err;
	if (key == KEY_SCRIPT)
		o->script = true;
	else if (key == 'r')
		o->root = arg;
	else
		return 0;
	return 1;
}

int cmd_collect(int argc, char **argv)
{
	const char *out = NULL;
	struct collect_opts o = { 0 };
	struct cli_operands ops;
	struct jh_error perr = { 0 };
	enum cli_parse_result pr = cli_parse(argc, argv, &collect_spec, collect_option, &o,
					     &ops, &perr);
	if (pr == CLI_PARSE_DONE)
		return JH_OK;
	if (pr == CLI_PARSE_OK && o.script) {
		int st = JH_OK;
		if (ops.n || o.root) {
			fprintf(stderr, "jhconf: collect --script takes nothing else (it prints "
				"the script; the script takes OUT.tar)\n");
			st = JH_BADINPUT;
		} else {
			struct buf b = { 0 };
			jhconf_collect_script(&b);
			fwrite(b.data, 1, b.len, stdout);
			buf_free(&b);
		}
		cli_operands_free(&ops);
		return st;
	}
	const char *root = o.root;
	if (pr == CLI_PARSE_OK && ops.n != 1)
		jh_fail(&perr, JH_BADINPUT, ops.n ? "collect: one output file, not '%s' too"
					     : "collect: no OUT.tar given (see --help)%s",
			ops.n ? cli_shown(ops.v[1]) : "");
	else if (pr == CLI_PARSE_OK)
		out = ops.v[0];
	cli_operands_free(&ops);
	if (!out) {
		int st = cli_report(&perr);
		jh_error_clear(&perr);
		return st;
	}
	if (!root && geteuid() != 0) {
		fprintf(stderr, "jhconf: collect needs root: sysfs config space and "
				"iomem addresses are only complete for root\n");
		return JH_BADINPUT;
	}

	struct jh_findings findings = { 0 };
	struct jh_error err = { 0 };
	struct collect_result res;
	int rc = jhconf_collect(root ? root : "/", out, &findings, &res, &err);
	cli_print_findings(&findings);
	jh_findings_free(&findings);
	if (rc < 0) {
		rc = cli_report(&err);
		jh_error_clear(&err);
		return rc;
	}
	printf("%s: %u files, %zu bytes", cli_shown(out), res.files, res.bytes);
	if (res.skipped)
		printf(" (%u unreadable files skipped)", res.skipped);
	printf("\n");
	return JH_OK;
}
