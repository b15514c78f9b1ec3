/* Pieces every command shares: reporting, the source options. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

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
