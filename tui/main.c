/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf: the entry point and the command table. */
#include "autoconf.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct cli_command commands[] = {
	{ "create", "discover a machine and write its root cell (.cell and .c)", cmd_create },
	{ "show", "print a .cell file (revision 12, 13 or 14) in plain words", cmd_show },
	{ "list", "print what discovery found: pci, mem, ports, irq, cpus, iommu, uart", cmd_list },
	{ "collect", "copy what jhconf needs from this machine into a tar", cmd_collect },
	{ "init", "start a project (jhconf.conf) for a machine", cmd_init },
	{ "cell", "add, change, remove, list or show the project's inmate cells", cmd_cell },
	{ "link", "add, remove or list ivshmem links between cells", cmd_link },
	{ "generate", "write the root cell and every inmate cell of the project", cmd_generate },
	{ "doctor", "say whether the machine can run Jailhouse and what to change", cmd_doctor },
	{ "convert", "write a .cell again in another configuration revision", cmd_convert },
	{ "update", "carry the project over to the machine after a hardware change", cmd_update },
	{ "boot-entry", "put the kernel parameters Jailhouse needs into the boot entry", cmd_boot_entry },
	{ "check", "check the project's cells or .cell files, explained", cmd_check },
	{ "tui", "the menuconfig-like screens (what `jhconf` alone opens on a terminal)", cmd_tui },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: jhconf COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-11s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n`jhconf COMMAND --help` describes each command.\n");
}

static int run(int argc, char **argv)
{
	if (argc < 2) {
		/* on a terminal, the screens; scripts keep the usage */
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
			return cmd_tui(argc, argv);
		usage(stderr);
		return JH_BADINPUT;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("jhconf %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "jhconf: unknown command '%s' (try jhconf --help)\n",
		cli_shown(argv[1]));
	return JH_BADINPUT;
}

int main(int argc, char **argv)
{
	cli_guard_std_fds();
	/* every command's output, --help and --version included, must have
	 * reached stdout for a success */
	return cli_close_stdout(run(argc, argv));
}
