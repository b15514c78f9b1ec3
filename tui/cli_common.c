/* SPDX-License-Identifier: GPL-2.0-only */
/* Pieces every command shares: reporting, the source options. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Eight slots: enough for every name one printf line shows. */
const char *cli_shown(const char *s)
{
	static char *slots[8];
	static size_t next;
	if (!s || jh_is_printable(s))
		return s;
	char **slot = &slots[next++ % 8];
	free(*slot);
	*slot = jh_printable(s);
	return *slot;
}

int cli_report(const struct jh_error *err)
{
	fprintf(stderr, "jhconf: %s\n", err->msg ? err->msg : "failed");
	return err->status ? (int)err->status : JH_BADINPUT;
}

void cli_print_findings(const struct jh_findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (jh_finding_severity(&f->v[i]) == JH_SEV_WARNING)
			fprintf(stderr, "jhconf: warning: %s\n", f->v[i].msg);
	for (size_t i = 0; i < f->n; i++)
		if (jh_finding_severity(&f->v[i]) == JH_SEV_ERROR)
			fprintf(stderr, "jhconf: %s\n", f->v[i].msg);
}

const struct cli_option cli_source_options[] = {
	{ "root", 'r', "DIR", "the machine: a snapshot folder that mirrors /" },
	{ "snapshot", 'S', "FILE.tar", "the machine: a snapshot tar (.tar, .tar.gz, .tar.xz)" },
	{ NULL, 0, NULL, NULL },
};

int cli_source_handle(struct cli_source_opts *o, int key, const char *arg,
		      struct jh_error *err)
{
	if (key == 'r')
		o->root = arg;
	else if (key == 'S')
		o->snapshot = arg;
	else
		return 0;
	if (o->root && o->snapshot)
		return jh_fail(err, JH_BADINPUT,
			       "--root and --snapshot: give one machine, not both");
	return 1;
}

int cli_open(struct jhconf_session *s, const struct cli_source_opts *o,
	     struct jh_error *err)
{
	if (o->snapshot)
		return jhconf_open(s, JHCONF_SOURCE_TAR, o->snapshot, err);
	if (o->root)
		return jhconf_open(s, JHCONF_SOURCE_TREE, o->root, err);
	return jhconf_open(s, JHCONF_SOURCE_DEFAULT, NULL, err);
}

/* A closed 0, 1 or 2 would be handed to the next open(): a temporary of
 * the output batch could become "stdout" and receive printf's text. So
 * each one gets /dev/null, opened the wrong way round (as gnulib's
 * stdopen does) so that writing to a closed stdout still fails and is
 * reported by cli_close_stdout. */
void cli_guard_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		int nfd = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
		if (nfd >= 0 && nfd != fd) {
			dup2(nfd, fd);
			close(nfd);
		}
	}
}

/* Output that did not arrive is a failure, as in gnulib's close_stdout:
 * a full disk, a closed stdout, an I/O error. EBADF from fclose alone
 * (stdout closed, nothing written) is not. A broken pipe never gets
 * here: SIGPIPE ends the program silently first, as it does for cat. */
int cli_close_stdout(int status)
{
	bool pending = __fpending(stdout) != 0;
	bool failed_before = ferror(stdout) != 0;
	errno = 0;
	bool close_failed = fclose(stdout) != 0;
	int e = errno;
	if (!failed_before && (!close_failed || (!pending && e == EBADF)))
		return status;
	if (close_failed && e)
		fprintf(stderr, "jhconf: write error: %s\n", strerror(e));
	else
		fputs("jhconf: write error\n", stderr);
	/* a refusal (1) stays one; success becomes bad output */
	return status ? status : JH_BADINPUT;
}

void cli_plan_opts_default(struct cli_plan_opts *o)
{
	memset(o, 0, sizeof(*o));
	plan_opts_default(&o->plan);
	o->revision = CELL_REVISION_DEFAULT;
}

/* A size as text, then the planner's rule for one size (whole pages,
 * at most 2^52 bytes): exit 2 for either. */
static int parse_size_opt(const char *name, const char *v, uint64_t *out,
			  struct jh_error *err)
{
	if (!parse_size(v, out) || *out == 0)
		return jh_fail(err, JH_BADINPUT,
			       "%s: '%s' is not a size (decimal or 0x-hex, optional K/M/G)",
			       name, v);
	return plan_check_size(name, *out, err);
}

const struct cli_option cli_plan_options[] = {
	{ "mem-hv", CLI_KEY_MEM_HV, "SIZE", "hypervisor memory (default 6M)" },
	{ "mem-inmates", CLI_KEY_MEM_INMATES, "SIZE",
	  "memory for inmate cells (default 76M)\nSIZE: decimal or 0x-hex, optional K, M or G;\n"
	  "whole 4 KiB pages" },
	{ "console", 'c', "DEV|none", "hypervisor debug console (default ttyS0)" },
	{ "window-address", CLI_KEY_WINDOW, "ADDR",
	  "where the hypervisor's window starts (default:\nJailhouse's rule, or the memmap= reservation)" },
	{ "config-revision", CLI_KEY_REVISION, "N",
	  "Jailhouse configuration revision: 14 (master,\ndefault), 13 (commit 4ce7658d, AGL) "
	  "or 12 (v0.12)" },
	{ "strict", CLI_KEY_STRICT, NULL, "treat warnings (e.g. wrong ACPI checksums) as errors" },
	{ NULL, 0, NULL, NULL },
};

const struct cli_option cli_revision_options[] = {
	{ "config-revision", CLI_KEY_REVISION, "N",
	  "the revision to write: 14 (master), 13 (commit\n4ce7658d, AGL) or 12 (v0.12)" },
	{ NULL, 0, NULL, NULL },
};

int cli_plan_handle(struct cli_plan_opts *o, int key, const char *v,
		    struct jh_error *err)
{
	switch (key) {
	case CLI_KEY_STRICT:
		o->strict = true;
		return 1;
	case CLI_KEY_MEM_HV:
		o->given_mem_hv = true;
		return parse_size_opt("--mem-hv", v, &o->plan.mem_hv, err) < 0 ? -1 : 1;
	case CLI_KEY_MEM_INMATES:
		o->given_mem_inmates = true;
		return parse_size_opt("--mem-inmates", v, &o->plan.mem_inmates, err) < 0
			? -1 : 1;
	case CLI_KEY_REVISION: {
		uint64_t rev;
		if (!parse_u64(v, 10, &rev) || rev > 99 || !cell_layout_for((int)rev))
			return jh_fail(err, JH_BADINPUT,
				       "--config-revision: '%s' is not 12, 13 or 14", v);
		o->revision = (int)rev;
		o->given_revision = true;
		return 1;
	}
	case 'c':
		o->plan.console = v;
		o->given_console = true;
		return 1;
	case CLI_KEY_WINDOW: {
		uint64_t a;
		if (!parse_size(v, &a) || a == 0)
			return jh_fail(err, JH_BADINPUT, "--window-address: '%s' is not an "
				       "address (decimal or 0x-hex, optional K/M/G)", v);
		o->plan.window_address = a;
		o->given_window = true;
		return 1;
	}
	default:
		return 0;
	}
}

int cli_apply_plan_opts(struct jhconf_session *s, const struct cli_plan_opts *o,
			struct jh_error *err)
{
	jhconf_set_strict(s, o->strict);
	jhconf_set_console(s, o->plan.console);
	if (jhconf_set_mem(s, o->plan.mem_hv, o->plan.mem_inmates, err) < 0 ||
	    jhconf_set_window_address(s, o->plan.window_address, err) < 0)
		return -1;
	return jhconf_set_revision(s, o->revision, err);
}

int cli_apply_given_plan_opts(struct jhconf_session *s, const struct cli_plan_opts *o,
			      struct jh_error *err)
{
	const struct plan_opts *cur = jhconf_plan_opts(s);
	jhconf_set_strict(s, o->strict);
	if (o->given_console)
		jhconf_set_console(s, o->plan.console);
	if (o->given_mem_hv || o->given_mem_inmates) {
		/* the one not named keeps the project's value */
		uint64_t hv = o->given_mem_hv ? o->plan.mem_hv : cur->mem_hv;
		uint64_t inm = o->given_mem_inmates ? o->plan.mem_inmates : cur->mem_inmates;
		if (jhconf_set_mem(s, hv, inm, err) < 0)
			return -1;
	}
	if (o->given_window &&
	    jhconf_set_window_address(s, o->plan.window_address, err) < 0)
		return -1;
	return o->given_revision ? jhconf_set_revision(s, o->revision, err) : 0;
}

const struct cli_option cli_project_options[] = {
	{ "project", 'p', "FILE", "the project file (default ./jhconf.conf)" },
	{ NULL, 0, NULL, NULL },
};

int cli_project_handle(struct cli_project_opts *o, int key, const char *arg,
		       struct jh_error *err)
{
	if (key != 'p')
		return cli_source_handle(&o->src, key, arg, err);
	o->project = arg;
	return 1;
}

const char *cli_project_path(const struct cli_project_opts *o)
{
	return o->project ? o->project : PROJECT_DEFAULT_FILE;
}

int cli_project_open(struct jhconf_session *s, const struct cli_project_opts *o,
		     struct jh_error *err)
{
	struct jhconf_source_override ov = { JHCONF_SOURCE_DEFAULT, NULL };
	if (o->src.snapshot)
		ov = (struct jhconf_source_override){ JHCONF_SOURCE_TAR, o->src.snapshot };
	else if (o->src.root)
		ov = (struct jhconf_source_override){ JHCONF_SOURCE_TREE, o->src.root };
	return jhconf_project_load(s, cli_project_path(o), &ov, err);
}
