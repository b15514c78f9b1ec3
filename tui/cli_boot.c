/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf boot-entry: put the kernel parameters the configuration needs
 * (memmap= of the window, the IOMMU switch) into a boot file, or print
 * them; and the few lines create, init and generate print about them. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { KEY_FILE = CLI_KEY_COMMAND, KEY_GRUB, KEY_PRINT, KEY_PRINT_CMDLINE,
       KEY_LOADER, KEY_REPLACE, KEY_DRY_RUN = 'n' };

static const struct cli_option boot_options[] = {
	{ "file", KEY_FILE, "ENTRY.conf",
	  "a Boot Loader Specification entry\n(/boot/loader/entries/*.conf): its one "
	  "'options' line" },
	{ "grub", KEY_GRUB, "FILE",
	  "/etc/default/grub: its one GRUB_CMDLINE_LINUX value;\nrun update-grub "
	  "(grub-mkconfig) afterwards" },
	{ "print", KEY_PRINT, NULL,
	  "print the parameters only, on one line, as the\nkernel reads them (for scripts)" },
	{ "print-cmdline", KEY_PRINT_CMDLINE, NULL, "the same as --print" },
	{ "loader", KEY_LOADER, "NAME",
	  "who reads the --file entry: systemd-boot (a raw '$')\nor grub (GRUB's blscfg, "
	  "'\\$'); default: grub when\nthe entry has grub_* keys or $variables" },
	{ "replace", KEY_REPLACE, "MEMMAP",
	  "the old window's reservation, as the refusal names\nit (memmap=82M$0x3a000000): "
	  "replaced by this\nwindow's when the window has moved" },
	{ "dry-run", KEY_DRY_RUN, NULL, "print the change as a unified diff, write nothing" },
	{ NULL, 0, NULL, NULL },
};

static const struct cli_option *const boot_tables[] = {
	boot_options, cli_project_options, cli_source_options, cli_plan_options, NULL,
};

static const struct cli_spec boot_spec = {
	.command = "boot-entry",
	.usage = "[-p FILE] [-r DIR | -S FILE.tar] [--mem-hv SIZE]\n"
		 "           [--mem-inmates SIZE] (--file ENTRY.conf | --grub FILE | --print)\n"
		 "           [--loader systemd-boot|grub] [--replace MEMMAP] [-n|--dry-run]",
	.about = "Puts the kernel parameters the root Linux must boot with into its boot\n"
		 "file: memmap=SIZE$START, which keeps Linux off the memory of the\n"
		 "hypervisor and the inmates, and on Intel intel_iommu=off (VT-d DMA\n"
		 "remapping left to Jailhouse), on AMD amd_iommu=off. The window comes\n"
		 "from the project with -p, else from the machine as `create` plans it\n"
		 "(the live system, or --root / --snapshot, with the same options).",
	.tables = boot_tables,
	.notes = "Every other byte of the file stays as it was (comments, order, other\n"
		 "parameters, CRLF line endings, a missing last newline). A memmap=SIZE$START\n"
		 "at the window's start is this configuration's and is replaced when the\n"
		 "size differs; any other '$' reservation is refused (when it is the old\n"
		 "window's, name it with --replace and it is replaced), as are two 'options'\n"
		 "lines or two GRUB_CMDLINE_LINUX assignments: fix those by hand. The file\n"
		 "is replaced atomically, the old one kept as FILE.jhconf-old (replaced on\n"
		 "the next change); symbolic links are refused. A second run changes nothing.",
	.exit = "0 written or nothing to change, 1 the machine cannot host\n"
		"Jailhouse, 2 bad input, usage or a file jhconf will not edit.",
};

void cli_print_boot_params(const struct jhconf_session *s)
{
	struct boot_params bp;
	struct jh_error err = { 0 };
	if (jhconf_boot_params(s, &bp, &err) < 0) {
		jh_error_clear(&err);
		return;
	}
	printf("kernel command line needs: %s\n", bp.line);
	struct strlist missing = { 0 };
	jhconf_boot_params_missing(s, &bp, &missing);
	if (!missing.n) {
		printf("  /proc/cmdline already has %s\n", bp.iommu_param ? "them" : "it");
	} else {
		printf("  not in /proc/cmdline yet:");
		for (size_t i = 0; i < missing.n; i++)
			printf(" %s", missing.v[i]);
		char *old = jhconf_boot_old_reservation(s, &bp);
		if (old)
			printf("\n  the running kernel reserves %s, not this window: if that "
			       "was the old window,\n  give --replace '%s' to boot-entry",
			       cli_shown(old), cli_shown(old));
		free(old);
		printf("\n  add with jhconf boot-entry --file ENTRY.conf (or --grub "
		       "/etc/default/grub), then reboot;\n"
		       "  by hand, '$' stays as it is in a systemd-boot entry and in '...' "
		       "in a shell (QEMU -append),\n"
		       "  is \\$ for GRUB and \\\\\\$ inside \"...\" in /etc/default/grub\n");
	}
	strlist_free(&missing);
}

struct boot_opts {
	struct cli_project_opts proj;
	struct cli_plan_opts plan;
	const char *file;
	enum boot_format fmt;
	enum boot_reader reader;
	const char *replace;   /* --replace: the old window's memmap= */
	bool print, dry_run;
};

struct boot_parse {
	struct boot_opts *o;
	int targets;
};

static int boot_option(void *ctx, int key, const char *arg, struct jh_error *err)
{
	struct boot_parse *bp = ctx;
	struct boot_opts *o = bp->o;
	switch (key) {
	case KEY_FILE:
	case KEY_GRUB:
		o->file = arg;
		o->fmt = key == KEY_FILE ? BOOT_FMT_BLS : BOOT_FMT_GRUB;
		bp->targets++;
		return 1;
	case KEY_PRINT:
	case KEY_PRINT_CMDLINE:
		o->print = true;
		bp->targets++;
		return 1;
	case KEY_LOADER:
		if (!strcmp(arg, "systemd-boot"))
			o->reader = BOOT_READER_SYSTEMD_BOOT;
		else if (!strcmp(arg, "grub"))
			o->reader = BOOT_READER_GRUB;
		else
			return jh_fail(err, JH_BADINPUT,
				       "--loader: '%s' is neither systemd-boot nor grub",
				       cli_shown(arg));
		return 1;
	case KEY_REPLACE:
		if (strncmp(arg, "memmap=", 7))
			return jh_fail(err, JH_BADINPUT,
				       "--replace: '%s' is not a memmap= parameter",
				       cli_shown(arg));
		o->replace = arg;
		return 1;
	case KEY_DRY_RUN:
		o->dry_run = true;
		return 1;
	}
	int r = cli_project_handle(&o->proj, key, arg, err);
	return r ? r : cli_plan_handle(&o->plan, key, arg, err);
}

/* -1 error, 0 go on, 1 done (help) */
static int parse_boot_args(int argc, char **argv, struct boot_opts *o,
			   struct jh_error *err)
{
	cli_plan_opts_default(&o->plan);
	struct boot_parse bp = { o, 0 };
	struct cli_operands ops;
	enum cli_parse_result r = cli_parse(argc, argv, &boot_spec, boot_option, &bp,
					    &ops, err);
	if (r != CLI_PARSE_OK)
		return r == CLI_PARSE_DONE ? 1 : -1;
	int rc = 0;
	if (ops.n)
		rc = jh_fail(err, JH_BADINPUT, "boot-entry: unexpected argument '%s' (see --help)",
			     cli_shown(ops.v[0]));
	cli_operands_free(&ops);
	if (rc)
		return -1;
	if (bp.targets != 1)
		return jh_fail(err, JH_BADINPUT, bp.targets ?
			       "give one of --file, --grub and --print" :
			       "no boot file: give --file ENTRY.conf, --grub FILE or --print "
			       "(see --help)");
	if (o->replace && o->print)
		return jh_fail(err, JH_BADINPUT, "--replace: only for a boot file (--file, --grub)");
	if (o->reader != BOOT_READER_AUTO && (o->print || o->fmt != BOOT_FMT_BLS))
		return jh_fail(err, JH_BADINPUT,
			       "--loader: only for a --file entry (/etc/default/grub is "
			       "always GRUB's)");
	return 0;
}

/* The machine and its plan: the project's with -p, else as create does. */
static int open_and_plan(struct jhconf_session *s, const struct boot_opts *o,
			 struct jh_error *err, bool *reported)
{
	int rc;
	if (o->proj.project) {
		if ((rc = cli_project_open(s, &o->proj, err)) == 0)
			rc = cli_apply_given_plan_opts(s, &o->plan, err);
	} else {
		if ((rc = cli_apply_plan_opts(s, &o->plan, err)) == 0)
			rc = cli_open(s, &o->proj.src, err);
	}
	if (rc == 0)
		rc = jhconf_plan(s, err);
	cli_print_findings(jhconf_findings(s));
	*reported = rc < 0 && jhconf_refused(s);
	return rc;
}

static const char *action_word(enum boot_action a)
{
	return a == BOOT_ADDED ? "added" : a == BOOT_REPLACED ? "replaced" : "kept";
}

static void report_change(const struct jhconf_boot_change *c, enum boot_format fmt,
			  const struct boot_params *bp)
{
	const struct boot_edit *e = &c->edit;
	printf("%s:%zu: %s %s", cli_shown(c->path), e->line, action_word(e->memmap),
	       bp->memmap);
	if (e->memmap_old)
		printf(" (was %s)", cli_shown(e->memmap_old));
	if (bp->iommu_param) {
		printf(", %s %s", action_word(e->iommu), bp->iommu_param);
		if (e->iommu_old)
			printf(" (was %s)", cli_shown(e->iommu_old));
	}
	printf("\n");
	if (fmt == BOOT_FMT_GRUB)
		printf("  '$' written as \\\\\\$: the shell makes it \\$ in grub.cfg, "
		       "GRUB's lexer a '$'\n");
	else if (e->reader == BOOT_READER_GRUB)
		printf("  read by GRUB's blscfg, which expands '$': written as \\$\n");
	else
		printf("  read by systemd-boot: a raw '$'\n");
}

static int boot_run(const struct boot_opts *o, struct jh_error *err, bool *reported)
{
	struct jhconf_session *s = jhconf_new();
	int rc = open_and_plan(s, o, err, reported);
	struct boot_params bp;
	if (rc == 0)
		rc = jhconf_boot_params(s, &bp, err);
	if (rc == 0 && o->print) {
		printf("%s\n", bp.line);
		jhconf_free(s);
		return 0;
	}
	struct jhconf_boot_change c;
	if (rc == 0)
		rc = jhconf_boot_change_prepare(s, o->file, o->fmt, o->reader, o->replace,
						&c, err);
	if (rc == 0) {
		if (!c.edit.changed) {
			printf("%s already has %s: nothing to change\n", cli_shown(c.path),
			       bp.line);
		} else {
			fwrite(c.diff.data, 1, c.diff.len, stdout);
			report_change(&c, o->fmt, &bp);
			if (o->dry_run) {
				printf("dry run: %s not written\n", cli_shown(c.path));
			} else if ((rc = jhconf_boot_change_write(&c, err)) == 0) {
				printf("wrote %s; the old file is %s\n", cli_shown(c.path),
				       cli_shown(c.backup_path));
				if (o->fmt == BOOT_FMT_GRUB)
					printf("  now run update-grub (or grub-mkconfig -o "
					       "/boot/grub/grub.cfg) and reboot\n");
				else
					printf("  reboot to use it\n");
			}
		}
		jhconf_boot_change_free(&c);
	}
	jhconf_free(s);
	return rc;
}

int cmd_boot_entry(int argc, char **argv)
{
	struct boot_opts o = { 0 };
	struct jh_error err = { 0 };
	bool reported = false;
	int rc = JH_OK;
	int pr = parse_boot_args(argc, argv, &o, &err);
	if (pr == 1)
		return JH_OK;
	if (pr < 0 || boot_run(&o, &err, &reported) < 0)
		rc = reported ? (int)err.status : cli_report(&err);
	jh_error_clear(&err);
	return rc;
}
