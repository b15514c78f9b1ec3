/* jhconf update: the project brought to the machine after a hardware
 * change (devices moved, vanished, added; CPUs, RAM), through the
 * front-end API: a report, then the project and every cell rewritten. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char update_usage[] =
	"usage: jhconf update [-p FILE] [--root DIR | --snapshot FILE.tar] [-o DIR]\n"
	"                     [--choose OLD=NEW]... [--dry-run] [--json]\n"
	"\n"
	"Discovers the machine again (the running system unless --root or\n"
	"--snapshot names one) and matches every PCI device the project recorded\n"
	"to it by identity: vendor:device, class, subsystem ids and the chain of\n"
	"bridges above it (bus numbers change when a bridge is added; the chain\n"
	"does not). Reports one line per change: devices moved (old -> new\n"
	"slot), vanished or new, the cells' selectors that follow their device,\n"
	"CPUs, RAM and the hypervisor window. Then plans again and writes the\n"
	"project (comments kept, now naming this machine) and every cell to DIR,\n"
	"all or none.\n"
	"\n"
	"  -p, --project FILE    the project (default ./jhconf.conf)\n"
	"  -o, --output DIR      where the cells go (default .)\n"
	"  --dry-run             report and plan, write nothing\n"
	"  --json                the report as JSON on stdout\n"
	"  --choose OLD=NEW      the device the project recorded at slot OLD is the\n"
	"                        one at NEW now (00:02.0=00:04.0): the answer to an\n"
	"                        ambiguity the report listed\n"
	"\n"
	"A device a cell uses that vanished, or that two devices fit equally\n"
	"well (their slots are listed), is refused: nothing is written.\n"
	"\n"
	"Exit: 0 written or nothing to do, 1 refused (a used device vanished or\n"
	"is ambiguous, or the plan is refused), 2 bad input or usage.\n";

/* More answers than any machine has ambiguous devices is a typo loop. */
#define MAX_CHOICES 256

struct update_opts {
	struct cli_project_opts proj;
	const char *dir;
	bool dry_run, json;
	const char *choose[MAX_CHOICES];
	size_t nchoose;
};

static int parse_args(int argc, char **argv, struct update_opts *o, struct jh_error *err)
{
	o->dir = ".";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r = cli_project_option(argc, argv, &i, &o->proj, err);
		if (r < 0)
			return -1;
		if (r > 0)
			continue;
		if (!strcmp(a, "--dry-run")) {
			o->dry_run = true;
		} else if (!strcmp(a, "--json")) {
			o->json = true;
		} else if (!strcmp(a, "--choose")) {
			if (i + 1 >= argc)
				return jh_fail(err, JH_BADINPUT, "%s: needs a value", a);
			if (!strchr(argv[i + 1], '='))
				return jh_fail(err, JH_BADINPUT, "--choose: '%s' is not OLD=NEW",
					       argv[i + 1]);
			if (o->nchoose == MAX_CHOICES)
				return jh_fail(err, JH_BADINPUT, "--choose: more than %d answers",
					       MAX_CHOICES);
			o->choose[o->nchoose++] = argv[++i];
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			if (i + 1 >= argc)
				return jh_fail(err, JH_BADINPUT, "%s: needs a value", a);
			o->dir = argv[++i];
			if (!*o->dir)
				return jh_fail(err, JH_BADINPUT, "%s: an empty folder name", a);
		} else {
			return jh_fail(err, JH_BADINPUT, "unknown argument '%s' (see --help)", a);
		}
	}
	return 0;
}

static void print_report(const struct jhconf_session *s, const struct upd_report *r,
			 bool json)
{
	if (json) {
		struct buf b = { 0 };
		jhconf_update_json(s, r, &b);
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
		return;
	}
	struct strlist lines = { 0 };
	jhconf_update_lines(s, r, &lines);
	for (size_t i = 0; i < lines.n; i++)
		printf("%s\n", cli_shown(lines.v[i]));
	strlist_free(&lines);
}

int cmd_update(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(update_usage, stdout);
			return 0;
		}
	struct update_opts o = { 0 };
	struct jh_error err = { 0 };
	struct upd_report r = { 0 };
	struct jhconf_session *s = jhconf_new();
	int rc = parse_args(argc, argv, &o, &err);
	bool reported = false, have_report = false;
	if (rc == 0) {
		struct jhconf_source_override ov = { JHCONF_SOURCE_DEFAULT, NULL };
		if (o.proj.src.snapshot)
			ov = (struct jhconf_source_override){ JHCONF_SOURCE_TAR,
							      o.proj.src.snapshot };
		else if (o.proj.src.root)
			ov = (struct jhconf_source_override){ JHCONF_SOURCE_TREE,
							      o.proj.src.root };
		rc = jhconf_update_plan(s, cli_project_path(&o.proj), &ov, NULL, 0, &r, &err);
		/* answers name slots: turn them into the report's indices, then
		 * match again from the start with them */
		if (o.nchoose && r.match.old_to_new) {
			struct upd_choice ch[MAX_CHOICES];
			jh_error_clear(&err);
			rc = 0;
			for (size_t i = 0; rc == 0 && i < o.nchoose; i++) {
				char *old_slot = xstrdup(o.choose[i]);
				char *eq = strchr(old_slot, '=');
				*eq = '\0';
				rc = jhconf_update_choice(&r, old_slot, eq + 1, &ch[i], &err);
				free(old_slot);
			}
			jhconf_update_report_free(&r);
			jhconf_free(s);
			s = jhconf_new();
			if (rc == 0)
				rc = jhconf_update_plan(s, cli_project_path(&o.proj), &ov, ch,
							o.nchoose, &r, &err);
		}
		/* a report exists once the project and the machine were read */
		have_report = r.match.old_to_new != NULL;
		if (have_report)
			print_report(s, &r, o.json);
		cli_print_findings(jhconf_findings(s));
		if (rc < 0 && r.refusals.n) {
			bool ambiguous = false;
			for (size_t i = 0; i < r.refusals.n; i++)
				fprintf(stderr, "jhconf: %s\n", cli_shown(r.refusals.v[i]));
			for (size_t i = 0; i < r.nuses; i++)
				ambiguous |= r.uses[i].state == UPD_USE_AMBIGUOUS;
			if (ambiguous)
				fprintf(stderr, "jhconf: to choose, run again with --choose "
					"OLD=NEW (slots as above)\n");
			reported = true;
		} else if (rc < 0 && jhconf_refused(s)) {
			reported = true;
		}
	}
	struct strlist written = { 0 };
	if (rc == 0 && o.dry_run) {
		if (!o.json)
			printf("dry run: nothing written\n");
	} else if (rc == 0 && !jhconf_update_changed(&r)) {
		if (!o.json)
			printf("nothing to do: the project matches this machine\n");
	} else if (rc == 0 && (rc = jhconf_update_apply(s, cli_project_path(&o.proj), o.dir,
							 &written, &err)) == 0 && !o.json) {
		printf("wrote %s and %zu cells (configuration revision %d):\n",
		       cli_shown(written.v[0]), (written.n - 1) / 2, jhconf_revision(s));
		for (size_t i = 1; i < written.n; i++)
			printf("  %s\n", cli_shown(written.v[i]));
		printf("kernel command line needs: %s\n", jhconf_result(s)->hint);
	}
	strlist_free(&written);
	int status = rc == 0 ? JH_OK : reported ? JH_REFUSED : cli_report(&err);
	jh_error_clear(&err);
	jhconf_update_report_free(&r);
	jhconf_free(s);
	return status;
}
