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

int cli_print_warnings(const struct jh_diag *d, struct jh_error *err)
{
	for (size_t i = 0; i < d->warnings.n; i++)
		fprintf(stderr, "jhconf: warning: %s\n", d->warnings.v[i]);
	if (d->strict && d->warnings.n)
		return jh_fail(err, JH_BADINPUT,
			       "%zu warning(s), and --strict makes them errors",
			       d->warnings.n);
	return 0;
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

struct source *cli_open_source(const struct cli_source_opts *o,
			       struct jh_error *err)
{
	if (o->snapshot)
		return source_open_tar(o->snapshot, err);
	if (o->root)
		return source_open_dir(o->root, err);
	if (!source_live_readable())
		return jh_fail(err, JH_BADINPUT,
			       "no machine given: pass --root DIR or --snapshot FILE.tar "
			       "(the live system is used only when run as root where ACPI "
			       "tables are readable)"), NULL;
	return source_open_dir("/", err);
}

int cli_discover(const struct cli_source_opts *o, struct machine *m,
		 struct jh_diag *diag, struct jh_error *err)
{
	struct source *src = cli_open_source(o, err);
	if (!src)
		return -1;
	int rc = discover_machine(src, m, diag, err);
	source_close(src);
	return rc;
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
