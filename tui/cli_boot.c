/* jhconf boot-entry: put the kernel parameters the configuration needs
 * (memmap= of the window, the IOMMU switch) into a boot file, or print
 * them; and the few lines create, init and generate print about them. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char boot_usage[] =
	"usage: jhconf boot-entry [-p FILE] [--root DIR | --snapshot FILE.tar]\n"
	"                         [--mem-hv SIZE] [--mem-inmates SIZE] [--strict]\n"
	"                         (--file ENTRY.conf | --grub FILE | --print)\n"
	"                         [--loader systemd-boot|grub] [--dry-run]\n"
	"\n"
	"Puts the kernel parameters the root Linux must boot with into its boot\n"
	"file: memmap=SIZE$START, which keeps Linux off the memory of the\n"
	"hypervisor and the inmates, and on Intel intel_iommu=off (VT-d DMA\n"
	"remapping left to Jailhouse), on AMD amd_iommu=off. The window comes\n"
	"from the project with -p, else from the machine as `create` plans it\n"
	"(the live system, or --root / --snapshot, with the same options).\n"
	"\n"
	"  --file ENTRY.conf   a Boot Loader Specification entry\n"
	"                      (/boot/loader/entries/*.conf): its one 'options' line\n"
	"  --grub FILE         /etc/default/grub: its one GRUB_CMDLINE_LINUX value;\n"
	"                      run update-grub (grub-mkconfig) afterwards\n"
	"  --print             print the parameters only, on one line, as the\n"
	"                      kernel reads them (for scripts; also --print-cmdline)\n"
	"  --loader NAME       who reads the --file entry: systemd-boot (a raw '$')\n"
	"                      or grub (GRUB's blscfg, '\\$'); default: grub when\n"
	"                      the entry has grub_* keys or $variables\n"
	"  --dry-run           print the change as a unified diff, write nothing\n"
	"\n"
	"Every other byte of the file stays as it was (comments, order, other\n"
	"parameters, CRLF line endings, a missing last newline). A memmap=SIZE$START\n"
	"at the window's start is this configuration's and is replaced when the\n"
	"size differs; any other '$' reservation is refused, as are two 'options'\n"
	"lines or two GRUB_CMDLINE_LINUX assignments: fix those by hand. The file\n"
	"is replaced atomically, the old one kept as FILE.jhconf-old (replaced on\n"
	"the next change); symbolic links are refused. A second run changes nothing.\n"
	"Exit: 0 written or nothing to change, 1 the machine cannot host\n"
	"Jailhouse, 2 bad input, usage or a file jhconf will not edit.\n";

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
	bool print, dry_run;
};

static int parse_boot_args(int argc, char **argv, struct boot_opts *o,
			   struct jh_error *err)
{
	cli_plan_opts_default(&o->plan);
	int targets = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r = cli_project_option(argc, argv, &i, &o->proj, err);
		if (r == 0)
			r = cli_plan_option(argc, argv, &i, &o->plan, err);
		if (r < 0)
			return -1;
		if (r > 0)
			continue;
		if (!strcmp(a, "--file") || !strcmp(a, "--grub")) {
			if (i + 1 >= argc)
				return jh_fail(err, JH_BADINPUT, "%s: needs a value", a);
			o->file = argv[++i];
			o->fmt = !strcmp(a, "--file") ? BOOT_FMT_BLS : BOOT_FMT_GRUB;
			targets++;
		} else if (!strcmp(a, "--print") || !strcmp(a, "--print-cmdline")) {
			o->print = true;
			targets++;
		} else if (!strcmp(a, "--loader")) {
			if (i + 1 >= argc)
				return jh_fail(err, JH_BADINPUT, "%s: needs a value", a);
			const char *v = argv[++i];
			if (!strcmp(v, "systemd-boot"))
				o->reader = BOOT_READER_SYSTEMD_BOOT;
			else if (!strcmp(v, "grub"))
				o->reader = BOOT_READER_GRUB;
			else
				return jh_fail(err, JH_BADINPUT,
					       "--loader: '%s' is neither systemd-boot nor grub",
					       cli_shown(v));
		} else if (!strcmp(a, "--dry-run") || !strcmp(a, "-n")) {
			o->dry_run = true;
		} else {
			return jh_fail(err, JH_BADINPUT, "unknown argument '%s' (see --help)",
				       cli_shown(a));
		}
	}
	if (targets != 1)
		return jh_fail(err, JH_BADINPUT, targets ?
			       "give one of --file, --grub and --print" :
			       "no boot file: give --file ENTRY.conf, --grub FILE or --print "
			       "(see --help)");
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
		rc = jhconf_boot_change_prepare(s, o->file, o->fmt, o->reader, &c, err);
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
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(boot_usage, stdout);
			return 0;
		}
	struct boot_opts o = { 0 };
	struct jh_error err = { 0 };
	bool reported = false;
	int rc = JH_OK;
	if (parse_boot_args(argc, argv, &o, &err) < 0 ||
	    boot_run(&o, &err, &reported) < 0)
		rc = reported ? (int)err.status : cli_report(&err);
	jh_error_clear(&err);
	return rc;
}
