/* Pieces every command shares: reporting, the source options. */
#include "cli.h"

#include <errno.h>
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

int cli_source_option(int argc, char **argv, int *i,
		      struct cli_source_opts *o, struct jh_error *err)
{
	const char *a = argv[*i];
	const char **slot = NULL;
	if (!strcmp(a, "--root") || !strcmp(a, "-r"))
		slot = &o->root;
	else if (!strcmp(a, "--snapshot") || !strcmp(a, "-s"))
		slot = &o->snapshot;
	else
		return 0;
	if (*i + 1 >= argc)
		return jh_fail(err, JH_BADINPUT, "%s: needs a value", a);
	*slot = argv[++*i];
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
