/* Pieces every command shares: reporting, the source options. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

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
