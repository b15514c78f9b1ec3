/* jhconf collect: copy what jhconf (and Jailhouse's config create) needs
 * from this machine into a snapshot tar, to configure it elsewhere. */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char collect_usage[] =
	"usage: jhconf collect [--root DIR] OUT.tar\n"
	"\n"
	"Copies what jhconf and Jailhouse's config create read from this machine\n"
	"(procfs, ACPI tables, PCI config spaces and attributes, CPUs, UARTs, DMI,\n"
	"the firmware memory map) into OUT.tar, OUT.tar.gz or OUT.tar.xz (chosen by\n"
	"the name). Run it as root on the machine that will run Jailhouse; then\n"
	"`jhconf create --snapshot OUT.tar` works anywhere, and so does Jailhouse's\n"
	"`jailhouse config create -r DIR` on the unpacked tar.\n"
	"\n"
	"  --root DIR   collect from a folder that mirrors / instead (for tests)\n"
	"\n"
	"Exit: 0 written, 2 bad usage, not root, or unreadable input.\n";

int cmd_collect(int argc, char **argv)
{
	const char *out = NULL, *root = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(collect_usage, stdout);
			return JH_OK;
		}
		if (!strcmp(a, "--root") || !strcmp(a, "-r")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "jhconf: %s: needs a value\n", a);
				return JH_BADINPUT;
			}
			root = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "jhconf: collect: unknown option '%s'\n%s", cli_shown(a),
				collect_usage);
			return JH_BADINPUT;
		} else if (out) {
			fprintf(stderr, "jhconf: collect: one output file, not '%s' too\n",
				cli_shown(a));
			return JH_BADINPUT;
		} else {
			out = a;
		}
	}
	if (!out) {
		fputs(collect_usage, stderr);
		return JH_BADINPUT;
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
