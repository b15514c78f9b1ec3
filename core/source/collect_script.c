/* SPDX-License-Identifier: GPL-2.0-only */
/* The shell collector: a POSIX sh script that stores what collect.c
 * stores, for guests without jhconf (an AGL or Yocto image has busybox).
 * The lists come from collect.h, so both collectors take the same files;
 * tests/collect_script.sh runs the script on snapshot trees and compares
 * its tar with `jhconf collect`'s member by member.
 *
 * Semantics kept from collect.c: only regular files with a read bit in
 * their mode (never links, devices, write-only attributes), a file that
 * cannot be read is skipped, required procfs files must be there, PCI
 * BAR windows / ROM / VPD are never read, links are described in the
 * side file (BDF, real path, driver, IOMMU group), the tar is private
 * (umask 077) and replaces OUT only when complete. */
#include "source/collect.h"

#include <string.h>

/* One shell word list from a NULL-terminated table. */
static void words(struct buf *out, const char *const *v)
{
	for (size_t i = 0; v[i]; i++)
		buf_printf(out, "%s%s", i ? " " : "", v[i]);
}

void collect_script(struct buf *out, const char *version)
{
	buf_printf(out,
		"#!/bin/sh\n"
		"# jhconf's collector (written by jhconf %s, `jhconf collect --script`):\n"
		"# run as root on the machine that will run Jailhouse; it stores what\n"
		"# jhconf reads into OUT.tar (or .tar.gz, .tar.xz) for\n"
		"# `jhconf ... --snapshot OUT.tar` elsewhere. Needs only a POSIX shell,\n"
		"# cat, find, readlink, mkdir, tar (busybox has them all).\n"
		"# JHCONF_ROOT=DIR collects from a folder that mirrors / instead.\n"
		"set -u\n"
		"umask 077\n"
		"ROOT=${JHCONF_ROOT:-}\n"
		"# as collect.c sees it: the folder itself, links resolved\n"
		"if [ -n \"$ROOT\" ]; then ROOT=$(cd \"$ROOT\" && pwd -P) || exit 2; fi\n"
		"[ $# = 1 ] && [ -n \"$1\" ] || { echo \"usage: $0 OUT.tar\" >&2; exit 2; }\n"
		"out=$1\n"
		"case $out in /*) ;; *) out=$PWD/$out ;; esac\n"
		"if [ -z \"$ROOT\" ] && [ \"$(id -u)\" != 0 ]; then\n"
		"\techo \"$0: run as root: config space and /proc/iomem are complete only for root\" >&2\n"
		"\texit 2\n"
		"fi\n"
		"tmp=$(mktemp -d \"${TMPDIR:-/tmp}/jhconf-collect.XXXXXX\") || exit 2\n"
		"trap 'rm -rf \"$tmp\"' EXIT\n"
		"trap 'exit 2' HUP INT TERM\n"
		"files=0 skipped=0\n"
		"\n"
		"# copy PATH [required]: a regular file with a read bit, as it reads\n"
		"copy() {\n"
		"\tsrc=$ROOT$1\n"
		"\tif [ -f \"$src\" ] && [ ! -L \"$src\" ] &&\n"
		"\t   [ -n \"$(find \"$src\" -prune -perm -0400 2>/dev/null; find \"$src\" -prune -perm -0040 2>/dev/null; find \"$src\" -prune -perm -0004 2>/dev/null)\" ]; then\n"
		"\t\tmkdir -p \"$tmp${1%%/*}\" || exit 2\n"
		"\t\tif cat \"$src\" >\"$tmp$1\" 2>/dev/null; then\n"
		"\t\t\tfiles=$((files + 1))\n"
		"\t\t\treturn 0\n"
		"\t\tfi\n"
		"\t\trm -f \"$tmp$1\"\n"
		"\t\t[ \"${2:-}\" = required ] && { echo \"$0: $1: cannot read\" >&2; exit 2; }\n"
		"\t\tskipped=$((skipped + 1))\n"
		"\telif [ \"${2:-}\" = required ]; then\n"
		"\t\techo \"$0: $1: missing\" >&2\n"
		"\t\texit 2\n"
		"\tfi\n"
		"}\n"
		"\n"
		"# folder_files DIR [pci]: the files directly in DIR\n"
		"folder_files() {\n"
		"\t[ -d \"$ROOT$1\" ] || return 0\n"
		"\tfor f in \"$ROOT$1\"/*; do\n"
		"\t\t[ -e \"$f\" ] || [ -L \"$f\" ] || continue\n"
		"\t\tname=${f##*/}\n"
		"\t\tif [ \"${2:-}\" = pci ]; then\n"
		"\t\t\tcase $name in\n"
		"\t\t\tresource[0-9]|resource[0-9][0-9]|resource[0-9]_wc|resource[0-9][0-9]_wc|%s|%s) continue ;;\n"
		"\t\t\tesac\n"
		"\t\tfi\n"
		"\t\tcopy \"$1/$name\"\n"
		"\tdone\n"
		"}\n"
		"\n"
		"# the last component of what a link points to, or -\n"
		"link_base() {\n"
		"\tt=$(readlink \"$ROOT$1\" 2>/dev/null) || { echo -; return; }\n"
		"\techo \"${t##*/}\"\n"
		"}\n"
		"\n",
		version, COLLECT_PCI_ROM, COLLECT_PCI_VPD);

	buf_printf(out, "for f in ");
	words(out, collect_proc_required);
	buf_printf(out, "; do copy \"$f\" required; done\nfor f in ");
	words(out, collect_proc_optional);
	buf_printf(out, "; do copy \"$f\"; done\n\n");

	buf_printf(out,
		"# PCI functions, and their links described in %s\n"
		"list=\n"
		"if [ -d \"$ROOT%s\" ]; then\n"
		"\tfor d in \"$ROOT%s\"/*; do\n"
		"\t\t[ -e \"$d\" ] || continue\n"
		"\t\tbdf=${d##*/}\n"
		"\t\tdev=%s/$bdf\n"
		"\t\tfolder_files \"$dev\" pci\n"
		"\t\tfolder_files \"$dev/%s\"\n"
		"\t\twhere=$(readlink -f \"$d\" 2>/dev/null) || where=$d\n"
		"\t\twhere=${where#\"$ROOT\"}\n"
		"\t\tlist=\"$list$bdf $where %s=$(link_base \"$dev/%s\") %s=$(link_base \"$dev/%s\")\n\"\n"
		"\tdone\n"
		"fi\n"
		"if [ -n \"$list\" ]; then\n"
		"\tprintf '%%s' \"$list\" >\"$tmp/%s\" || exit 2\n"
		"\tfiles=$((files + 1))\n"
		"fi\n\n",
		COLLECT_PCI_LIST, COLLECT_PCI_DIR, COLLECT_PCI_DIR, COLLECT_PCI_DIR,
		COLLECT_PCI_MSI_DIR, COLLECT_PCI_LIST_DRIVER, COLLECT_PCI_DRIVER_LINK,
		COLLECT_PCI_LIST_GROUP, COLLECT_PCI_GROUP_LINK, COLLECT_PCI_LIST);

	buf_printf(out, "folder_files %s\n\n", COLLECT_ACPI_DIR);

	buf_printf(out, "for f in ");
	words(out, collect_cpu_files);
	buf_printf(out,
		"; do copy \"%s/$f\"; done\n"
		"for d in \"$ROOT%s\"/cpu[0-9]*; do\n"
		"\tcase ${d##*/} in cpu*[!0-9]*) continue ;; esac\n"
		"\t[ -d \"$d\" ] || continue\n"
		"\tcopy \"%s/${d##*/}/%s\"\n"
		"\tfolder_files \"%s/${d##*/}/%s\"\n"
		"done\n\n",
		COLLECT_CPU_DIR, COLLECT_CPU_DIR, COLLECT_CPU_DIR, COLLECT_CPU_UEVENT,
		COLLECT_CPU_DIR, COLLECT_CPU_TOPOLOGY);

	buf_printf(out,
		"# 8250-style UARTs whole; other ttys only what Jailhouse reads\n"
		"for d in \"$ROOT%s\"/*; do\n"
		"\t[ -e \"$d\" ] || continue\n"
		"\tt=${d##*/}\n"
		"\tcase $t in\n"
		"\tttyS*[!0-9]* | ttyS) for f in ",
		COLLECT_TTY_DIR);
	words(out, collect_tty_files);
	buf_printf(out,
		"; do copy \"%s/$t/$f\"; done ;;\n"
		"\tttyS*) folder_files \"%s/$t\" ;;\n"
		"\t*) for f in ",
		COLLECT_TTY_DIR, COLLECT_TTY_DIR);
	words(out, collect_tty_files);
	buf_printf(out,
		"; do copy \"%s/$t/$f\"; done ;;\n"
		"\tesac\n"
		"done\n\n",
		COLLECT_TTY_DIR);

	buf_printf(out, "folder_files %s\n\n", COLLECT_DMI_DIR);

	buf_printf(out,
		"for d in \"$ROOT%s\"/*; do\n"
		"\tcase ${d##*/} in '' | *[!0-9]*) continue ;; esac\n"
		"\tfor f in ",
		COLLECT_MEMMAP_DIR);
	words(out, collect_memmap_files);
	buf_printf(out,
		"; do copy \"%s/${d##*/}/$f\"; done\n"
		"done\n"
		"copy %s\n\n",
		COLLECT_MEMMAP_DIR, COLLECT_JAILHOUSE_ENABLED);

	buf_printf(out,
		"# the tar, complete or not at all\n"
		"case $out in\n"
		"*.tar.gz | *.tgz) pack() { tar -cf - \"$@\" | gzip -c; } ;;\n"
		"*.tar.xz | *.txz) pack() { tar -cf - \"$@\" | xz -c; } ;;\n"
		"*) pack() { tar -cf - \"$@\"; } ;;\n"
		"esac\n"
		"(cd \"$tmp\" && pack *) >\"$out.part\" || { rm -f \"$out.part\"; echo \"$0: $out: cannot write\" >&2; exit 2; }\n"
		"mv -f \"$out.part\" \"$out\" || exit 2\n"
		"echo \"$out: $files files$( [ $skipped = 0 ] || echo \", $skipped unreadable files skipped\")\"\n");
}
