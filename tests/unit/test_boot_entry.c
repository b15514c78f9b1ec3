/* SPDX-License-Identifier: GPL-2.0-only */
/* The boot parameters and the boot-entry editor, on real-world files.
 *
 * Every expected file below is written out by hand: the input with the
 * one line that carries the kernel command line changed. Where the truth
 * comes from:
 * - the parameters: Jailhouse's README.md ("memmap=82M$0x3a000000",
 *   "intel_iommu=off"), 82M = 0x5200000 = 6 MiB hypervisor + 76 MiB
 *   inmates (config create's defaults); amd_iommu=off as the AMD runs in
 *   ../shared/hypervisor/README.md boot;
 * - the escaping: raw '$' for systemd-boot (the BLS options are handed to
 *   the kernel as they are), "\$" where GRUB's script lexer reads the
 *   line (blscfg entries, grub.cfg), "\\\$" inside double quotes of
 *   /etc/default/grub (Jailhouse's README writes exactly that; the shell
 *   makes it "\$", checked by running sh in tests/boot_entry.sh);
 * - line endings, comments and the last newline: the bytes of the input.
 * Every successful edit is run a second time on its own output, which
 * must come back unchanged (idempotence). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "boot/boot_entry.h"
#include "boot/boot_params.h"
#include "config/config.h"
#include "testutil.h"

#define MiB (1ull << 20)

static struct boot_params intel, amd, none;

static int setup(void **state)
{
	(void)state;
	boot_params_make(0x3a000000, 82 * MiB, JH_IOMMU_INTEL, &intel);
	boot_params_make(0x3a000000, 82 * MiB, JH_IOMMU_AMD, &amd);
	boot_params_make(0x3a000000, 82 * MiB, 0, &none);
	return 0;
}

static void test_params(void **state)
{
	(void)state;
	assert_string_equal(intel.memmap, "memmap=82M$0x3a000000");
	assert_string_equal(intel.line, "memmap=82M$0x3a000000 intel_iommu=off");
	assert_string_equal(amd.line, "memmap=82M$0x3a000000 amd_iommu=off");
	assert_string_equal(none.line, "memmap=82M$0x3a000000");
	assert_null(none.iommu_param);
	/* not a whole MiB: hex, which memparse() reads too (0x5201000 =
	 * 82 MiB + one page) */
	struct boot_params bp;
	boot_params_make(0x3a000000, 82 * MiB + 0x1000, JH_IOMMU_INTEL, &bp);
	assert_string_equal(bp.memmap, "memmap=0x5201000$0x3a000000");
	char sz[BOOT_SIZE_LEN];
	assert_string_equal(boot_size_text(sz, 1024 * MiB), "1024M");
	assert_string_equal(boot_size_text(sz, 0x800), "0x800");
}

/* Edit, compare with the expected bytes, edit the result again. */
static void expect_edit_as(enum boot_format fmt, enum boot_reader reader,
			   const struct boot_params *bp, const char *in, size_t inlen,
			   const char *want, size_t wantlen, enum boot_reader want_reader)
{
	struct boot_edit e;
	struct jh_error err = { 0 };
	if (boot_entry_edit(fmt, reader, "f", in, inlen, bp, NULL, &e, &err))
		fail_msg("refused: %s", err.msg);
	if (e.out.len != wantlen || memcmp(e.out.data, want, wantlen))
		fail_msg("got\n[%.*s]\nwant\n[%.*s]", (int)e.out.len, (char *)e.out.data,
			 (int)wantlen, want);
	assert_int_equal(e.changed, inlen != wantlen || memcmp(in, want, inlen));
	assert_int_equal(e.reader, want_reader);
	struct boot_edit again;
	if (boot_entry_edit(fmt, reader, "f", (char *)e.out.data, e.out.len, bp, NULL, &again,
			    &err))
		fail_msg("second run refused: %s", err.msg);
	assert_false(again.changed);
	assert_int_equal(again.memmap, BOOT_KEPT);
	assert_int_equal(again.iommu, BOOT_KEPT);
	assert_memory_equal(again.out.data, e.out.data, e.out.len);
	boot_edit_free(&again);
	boot_edit_free(&e);
}

#define EXPECT(fmt, bp, in, want) \
	expect_edit_as(fmt, BOOT_READER_AUTO, bp, in, sizeof(in) - 1, want, \
		       sizeof(want) - 1, \
		       fmt == BOOT_FMT_BLS ? BOOT_READER_SYSTEMD_BOOT : BOOT_READER_GRUB)

static void expect_refused(enum boot_format fmt, const struct boot_params *bp,
			   const char *in, size_t len, const char *needle)
{
	struct boot_edit e;
	struct jh_error err = { 0 };
	assert_int_equal(boot_entry_edit(fmt, BOOT_READER_AUTO, "ENTRY", in, len, bp,
					 NULL, &e, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_null(strchr(err.msg, '\n'));
	assert_int_equal(strncmp(err.msg, "ENTRY", 5), 0);
	if (!strstr(err.msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, needle);
	assert_null(e.out.data);
	jh_error_clear(&err);
}
#define REFUSED(fmt, bp, in, needle) expect_refused(fmt, bp, in, sizeof(in) - 1, needle)

/* ---- Boot Loader Specification entries ---- */

/* AGL/Yocto qemux86-64 boot.conf read by systemd-boot: raw '$'. */
static void test_bls_agl(void **state)
{
	(void)state;
	EXPECT(BOOT_FMT_BLS, &intel,
	       "title boot\n"
	       "linux /bzImage\n"
	       "options LABEL=boot root=/dev/sda2 rootwait console=ttyS0,115200 console=tty0\n",
	       "title boot\n"
	       "linux /bzImage\n"
	       "options LABEL=boot root=/dev/sda2 rootwait console=ttyS0,115200 console=tty0"
	       " memmap=82M$0x3a000000 intel_iommu=off\n");
}

/* The same entry after a first run with another --mem-inmates: the
 * memmap at the window's start is this configuration's and changes size
 * in place; intel_iommu=off stays. */
static void test_bls_owned_memmap_resized(void **state)
{
	(void)state;
	EXPECT(BOOT_FMT_BLS, &intel,
	       "title boot\n"
	       "options console=ttyS0 memmap=66M$0x3a000000 intel_iommu=off quiet\n"
	       "linux /bzImage\n",
	       "title boot\n"
	       "options console=ttyS0 memmap=82M$0x3a000000 intel_iommu=off quiet\n"
	       "linux /bzImage\n");
	/* the same window spelled in hex is the same reservation: kept */
	EXPECT(BOOT_FMT_BLS, &intel,
	       "options memmap=0x5200000$0x3a000000 intel_iommu=off\n",
	       "options memmap=0x5200000$0x3a000000 intel_iommu=off\n");
}

/* Fedora: the entry is read by GRUB's blscfg (grub_* keys), which expands
 * '$' as GRUB script: "\$". Comments, blank lines, other keys untouched. */
static void test_bls_fedora(void **state)
{
	(void)state;
	const char in[] =
		"# written by kernel-install\n"
		"title Fedora Linux (6.5.6-300.fc39.x86_64) 39 (Server Edition)\n"
		"version 6.5.6-300.fc39.x86_64\n"
		"linux /vmlinuz-6.5.6-300.fc39.x86_64\n"
		"initrd /initramfs-6.5.6-300.fc39.x86_64.img\n"
		"\n"
		"options root=UUID=4f1c1a76 ro rootflags=subvol=root rhgb quiet\n"
		"grub_users $grub_users\n"
		"grub_arg --unrestricted\n"
		"grub_class fedora\n";
	const char want[] =
		"# written by kernel-install\n"
		"title Fedora Linux (6.5.6-300.fc39.x86_64) 39 (Server Edition)\n"
		"version 6.5.6-300.fc39.x86_64\n"
		"linux /vmlinuz-6.5.6-300.fc39.x86_64\n"
		"initrd /initramfs-6.5.6-300.fc39.x86_64.img\n"
		"\n"
		"options root=UUID=4f1c1a76 ro rootflags=subvol=root rhgb quiet"
		" memmap=82M\\$0x3a000000 intel_iommu=off\n"
		"grub_users $grub_users\n"
		"grub_arg --unrestricted\n"
		"grub_class fedora\n";
	expect_edit_as(BOOT_FMT_BLS, BOOT_READER_AUTO, &intel, in, sizeof(in) - 1,
		       want, sizeof(want) - 1, BOOT_READER_GRUB);
	/* told it is systemd-boot's: raw */
	const char want_sd[] =
		"# written by kernel-install\n"
		"title Fedora Linux (6.5.6-300.fc39.x86_64) 39 (Server Edition)\n"
		"version 6.5.6-300.fc39.x86_64\n"
		"linux /vmlinuz-6.5.6-300.fc39.x86_64\n"
		"initrd /initramfs-6.5.6-300.fc39.x86_64.img\n"
		"\n"
		"options root=UUID=4f1c1a76 ro rootflags=subvol=root rhgb quiet"
		" memmap=82M$0x3a000000 intel_iommu=off\n"
		"grub_users $grub_users\n"
		"grub_arg --unrestricted\n"
		"grub_class fedora\n";
	expect_edit_as(BOOT_FMT_BLS, BOOT_READER_SYSTEMD_BOOT, &intel, in, sizeof(in) - 1,
		       want_sd, sizeof(want_sd) - 1, BOOT_READER_SYSTEMD_BOOT);
	/* Fedora up to 32: "options $kernelopts" (a GRUB variable) */
	const char old[] = "title Fedora 31\nlinux /vmlinuz\noptions $kernelopts\n";
	const char old_want[] = "title Fedora 31\nlinux /vmlinuz\n"
				"options $kernelopts memmap=82M\\$0x3a000000 intel_iommu=off\n";
	expect_edit_as(BOOT_FMT_BLS, BOOT_READER_AUTO, &intel, old, sizeof(old) - 1,
		       old_want, sizeof(old_want) - 1, BOOT_READER_GRUB);
}

/* CRLF line endings, trailing blanks, tabs, no newline at the end. */
static void test_bls_bytes_kept(void **state)
{
	(void)state;
	EXPECT(BOOT_FMT_BLS, &intel,
	       "title boot\r\nlinux /bzImage\r\noptions\troot=/dev/sda2 quiet  \r\n# end\r\n",
	       "title boot\r\nlinux /bzImage\r\noptions\troot=/dev/sda2 quiet"
	       " memmap=82M$0x3a000000 intel_iommu=off  \r\n# end\r\n");
	EXPECT(BOOT_FMT_BLS, &amd,
	       "title boot\nlinux /bzImage\noptions root=/dev/sda2",
	       "title boot\nlinux /bzImage\noptions root=/dev/sda2 memmap=82M$0x3a000000"
	       " amd_iommu=off");
	/* an empty options line (the key alone) gets its value */
	EXPECT(BOOT_FMT_BLS, &none, "title x\noptions\n",
	       "title x\noptions memmap=82M$0x3a000000\n");
}

/* The IOMMU switch: replaced in place when it does not switch off. */
static void test_iommu_switch(void **state)
{
	(void)state;
	EXPECT(BOOT_FMT_BLS, &intel, "options root=/dev/sda2 intel_iommu=on quiet\n",
	       "options root=/dev/sda2 intel_iommu=off quiet memmap=82M$0x3a000000\n");
	/* igfx_off leaves the IOMMU on: replaced */
	EXPECT(BOOT_FMT_BLS, &intel, "options intel_iommu=igfx_off\n",
	       "options intel_iommu=off memmap=82M$0x3a000000\n");
	/* the last of on/off counts (intel_iommu_setup() reads them in turn) */
	EXPECT(BOOT_FMT_BLS, &intel, "options intel_iommu=on,sm_on,off\n",
	       "options intel_iommu=on,sm_on,off memmap=82M$0x3a000000\n");
	EXPECT(BOOT_FMT_BLS, &amd, "options amd_iommu=on\n",
	       "options amd_iommu=off memmap=82M$0x3a000000\n");
	EXPECT(BOOT_FMT_BLS, &amd, "options amd_iommu=fullflush,off\n",
	       "options amd_iommu=fullflush,off memmap=82M$0x3a000000\n");
	/* the other vendor's switch is none of jhconf's business */
	EXPECT(BOOT_FMT_BLS, &amd, "options intel_iommu=on\n",
	       "options intel_iommu=on memmap=82M$0x3a000000 amd_iommu=off\n");
}

/* Other memmap kinds stay; "--" ends the kernel's parameters. */
static void test_other_memmaps_and_dashes(void **state)
{
	(void)state;
	EXPECT(BOOT_FMT_BLS, &none, "options memmap=exactmap memmap=640K@0 memmap=1M!4G\n",
	       "options memmap=exactmap memmap=640K@0 memmap=1M!4G memmap=82M$0x3a000000\n");
	EXPECT(BOOT_FMT_BLS, &intel, "options root=/dev/sda2 -- single\n",
	       "options root=/dev/sda2 memmap=82M$0x3a000000 intel_iommu=off -- single\n");
	/* quoted parameters are read as the kernel reads them (quotes dropped) */
	EXPECT(BOOT_FMT_BLS, &intel, "options \"memmap=82M$0x3a000000\" dyndbg=\"file a +p\"\n",
	       "options \"memmap=82M$0x3a000000\" dyndbg=\"file a +p\" intel_iommu=off\n");
	/* after "--" a memmap is init's, not a reservation */
	EXPECT(BOOT_FMT_BLS, &none, "options ro -- memmap=1M$0x1000000\n",
	       "options ro memmap=82M$0x3a000000 -- memmap=1M$0x1000000\n");
}

static void test_bls_refused(void **state)
{
	(void)state;
	REFUSED(BOOT_FMT_BLS, &intel, "title a\noptions a\nlinux /x\noptions b\n",
		"ENTRY:4: a second 'options' line (the first is line 2)");
	REFUSED(BOOT_FMT_BLS, &intel, "title a\nlinux /x\n", "ENTRY: no 'options' line");
	/* /etc/default/grub given as an entry: unknown format */
	REFUSED(BOOT_FMT_BLS, &intel, "# x\nGRUB_DEFAULT=0\noptions a\n",
		"ENTRY:2: not a Boot Loader Specification entry line");
	REFUSED(BOOT_FMT_BLS, &intel, "title a\0b\noptions a\n",
		"ENTRY: offset 7: byte 0x00: a binary file");
	REFUSED(BOOT_FMT_BLS, &intel, "\x7f" "ELF\x02\x01\x01", "binary");
	REFUSED(BOOT_FMT_BLS, &intel, "title a\fb\noptions a\n", "offset 7: byte 0x0c");
	/* a reservation elsewhere: maybe an old window, maybe not */
	REFUSED(BOOT_FMT_BLS, &intel, "title a\noptions memmap=66M$0x3b000000\n",
		"ENTRY:2: a memmap reservation that is not this window's: memmap=66M$0x3b000000");
	/* two reservations: every candidate listed */
	REFUSED(BOOT_FMT_BLS, &intel,
		"options memmap=82M$0x3a000000 memmap=4M$0x7000000\n",
		"several memmap reservations: memmap=82M$0x3a000000, memmap=4M$0x7000000");
	REFUSED(BOOT_FMT_BLS, &intel, "options memmap=82M$0x3a000000,1M@0\n",
		"memmap=82M$0x3a000000,1M@0");
	REFUSED(BOOT_FMT_BLS, &intel, "options memmap=82Q$0x3a000000\n", "82Q");
	/* an open quote would swallow whatever is appended */
	REFUSED(BOOT_FMT_BLS, &intel, "options init=/bin/sh \"a b\n",
		"ENTRY:1: a double quote that does not close");
	REFUSED(BOOT_FMT_BLS, &intel, "options intel_iommu=on intel_iommu=off\n",
		"ENTRY:1: 2 intel_iommu= parameters (intel_iommu=on, intel_iommu=off)");
}

/* The window moved (0x3a000000 before, 0x20000000 now): the old
 * reservation is refused with the option that names it, and once named
 * it is replaced in place, every other byte kept; a second run with
 * nothing named keeps the new one. Expected bytes written by hand. */
static void test_replace_moved_window(void **state)
{
	(void)state;
	struct boot_params moved;
	boot_params_make(0x20000000, 82 * MiB, JH_IOMMU_INTEL, &moved);
	const char in[] = "title a\noptions quiet memmap=82M$0x3a000000 intel_iommu=off\n";
	REFUSED(BOOT_FMT_BLS, &moved, in,
		"remove or change it by hand, or let jhconf replace it: "
		"--replace 'memmap=82M$0x3a000000'");
	struct boot_edit e, again;
	struct jh_error err = { 0 };
	assert_int_equal(boot_entry_edit(BOOT_FMT_BLS, BOOT_READER_AUTO, "ENTRY", in,
					 sizeof(in) - 1, &moved, "memmap=82M$0x3a000000",
					 &e, &err), 0);
	const char want[] = "title a\noptions quiet memmap=82M$0x20000000 intel_iommu=off\n";
	assert_int_equal(e.out.len, sizeof(want) - 1);
	assert_memory_equal(e.out.data, want, sizeof(want) - 1);
	assert_int_equal(e.memmap, BOOT_REPLACED);
	assert_string_equal(e.memmap_old, "memmap=82M$0x3a000000");
	assert_int_equal(e.iommu, BOOT_KEPT);
	assert_int_equal(boot_entry_edit(BOOT_FMT_BLS, BOOT_READER_AUTO, "ENTRY",
					 (char *)e.out.data, e.out.len, &moved, NULL,
					 &again, &err), 0);
	assert_false(again.changed);
	boot_edit_free(&again);
	boot_edit_free(&e);
	/* GRUB's file: named as the kernel reads it, written escaped */
	const char grub[] = "GRUB_CMDLINE_LINUX=\"memmap=82M\\\\\\$0x3a000000\"\n";
	assert_int_equal(boot_entry_edit(BOOT_FMT_GRUB, BOOT_READER_AUTO, "G", grub,
					 sizeof(grub) - 1, &moved, "memmap=82M$0x3a000000",
					 &e, &err), 0);
	const char grub_want[] =
		"GRUB_CMDLINE_LINUX=\"memmap=82M\\\\\\$0x20000000 intel_iommu=off\"\n";
	assert_int_equal(e.out.len, sizeof(grub_want) - 1);
	assert_memory_equal(e.out.data, grub_want, sizeof(grub_want) - 1);
	boot_edit_free(&e);
	/* a name that is not on the line, or another reservation besides */
	assert_int_equal(boot_entry_edit(BOOT_FMT_BLS, BOOT_READER_AUTO, "ENTRY", in,
					 sizeof(in) - 1, &moved, "memmap=82M$0x30000000",
					 &e, &err), -1);
	assert_non_null(strstr(err.msg, "ENTRY:2: no memmap=82M$0x30000000 on this line"));
	jh_error_clear(&err);
	const char two[] = "options memmap=82M$0x3a000000 memmap=4M$0x7000000\n";
	assert_int_equal(boot_entry_edit(BOOT_FMT_BLS, BOOT_READER_AUTO, "ENTRY", two,
					 sizeof(two) - 1, &moved, "memmap=82M$0x3a000000",
					 &e, &err), -1);
	assert_non_null(strstr(err.msg, "another memmap reservation besides the one to "
					"replace; remove memmap=4M$0x7000000 by hand"));
	jh_error_clear(&err);
}

/* The old window on a running kernel's command line (window now at
 * 0x20000000): the one foreign '$' reservation, else nothing. */
static void test_old_reservation(void **state)
{
	(void)state;
	struct boot_params moved;
	boot_params_make(0x20000000, 82 * MiB, JH_IOMMU_INTEL, &moved);
	static const struct { const char *line, *want; } cases[] = {
		{ "console=ttyS0 memmap=82M$0x3a000000 intel_iommu=off",
		  "memmap=82M$0x3a000000" },
		{ "console=ttyS0 intel_iommu=off", NULL },                      /* none */
		{ "memmap=82M$0x20000000 memmap=82M$0x3a000000", NULL },        /* ours is there */
		{ "memmap=82M$0x3a000000 memmap=4M$0x7000000", NULL },          /* two */
		{ "memmap=1G@0 memmap=4M$0x7000000", "memmap=4M$0x7000000" },   /* '@' is no reservation */
		{ "quiet -- memmap=82M$0x3a000000", NULL },                     /* init's, not the kernel's */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = boot_old_reservation(cases[i].line, strlen(cases[i].line), &moved);
		if (cases[i].want)
			assert_string_equal(got, cases[i].want);
		else if (got)
			fail_msg("'%s': '%s', want none", cases[i].line, got);
		free(got);
	}
}

static void test_bls_huge(void **state)
{
	(void)state;
	size_t n = BOOT_ENTRY_MAX + 1;
	char *big = malloc(n);
	memset(big, '#', n);
	expect_refused(BOOT_FMT_BLS, &intel, big, n, "more than the 262144");
	free(big);
}

/* ---- /etc/default/grub ---- */

static char *read_data(const char *name, size_t *len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/boot/%s", JH_TEST_DATA, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *d = malloc(1 << 16);
	*len = fread(d, 1, 1 << 16, f);
	fclose(f);
	return d;
}

/* Debian 12's file: only line 10 changes, "\\\$" as Jailhouse's README
 * writes it. */
static void test_grub_debian(void **state)
{
	(void)state;
	size_t len;
	char *in = read_data("debian-grub", &len);
	const char *old_line = "GRUB_CMDLINE_LINUX=\"\"\n";
	const char *new_line =
		"GRUB_CMDLINE_LINUX=\"memmap=82M\\\\\\$0x3a000000 intel_iommu=off\"\n";
	char *at = strstr(in, old_line);
	assert_non_null(at);
	size_t pre = (size_t)(at - in), ol = strlen(old_line), nl = strlen(new_line);
	char *want = malloc(len + nl);
	memcpy(want, in, pre);
	memcpy(want + pre, new_line, nl);
	memcpy(want + pre + nl, at + ol, len - pre - ol);
	expect_edit_as(BOOT_FMT_GRUB, BOOT_READER_AUTO, &intel, in, len, want,
		       len - ol + nl, BOOT_READER_GRUB);
	free(want);
	free(in);
}

static void test_grub_forms(void **state)
{
	(void)state;
	/* an existing memmap of this window, escaped for GRUB, resized */
	EXPECT(BOOT_FMT_GRUB, &intel,
	       "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n"
	       "GRUB_CMDLINE_LINUX=\"console=ttyS0 memmap=66M\\\\\\$0x3a000000\"\n",
	       "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n"
	       "GRUB_CMDLINE_LINUX=\"console=ttyS0 memmap=82M\\\\\\$0x3a000000 intel_iommu=off\"\n");
	/* single quotes: the shell leaves "\$" alone, GRUB needs it */
	EXPECT(BOOT_FMT_GRUB, &intel, "GRUB_CMDLINE_LINUX='console=ttyS0'\n",
	       "GRUB_CMDLINE_LINUX='console=ttyS0 memmap=82M\\$0x3a000000 intel_iommu=off'\n");
	/* a bare value gets double quotes (two parameters need a space) */
	EXPECT(BOOT_FMT_GRUB, &intel, "GRUB_CMDLINE_LINUX=console=ttyS0 # serial\n",
	       "GRUB_CMDLINE_LINUX=\"console=ttyS0 memmap=82M\\\\\\$0x3a000000"
	       " intel_iommu=off\" # serial\n");
	/* CRLF, export, no newline at the end */
	EXPECT(BOOT_FMT_GRUB, &amd,
	       "# c\r\nexport GRUB_CMDLINE_LINUX=\"a b\"\r\nGRUB_TIMEOUT=5",
	       "# c\r\nexport GRUB_CMDLINE_LINUX=\"a b memmap=82M\\\\\\$0x3a000000"
	       " amd_iommu=off\"\r\nGRUB_TIMEOUT=5");
	/* a commented-out assignment does not count */
	EXPECT(BOOT_FMT_GRUB, &none,
	       "#GRUB_CMDLINE_LINUX=\"old\"\nGRUB_CMDLINE_LINUX=\"\"\n",
	       "#GRUB_CMDLINE_LINUX=\"old\"\nGRUB_CMDLINE_LINUX=\"memmap=82M\\\\\\$0x3a000000\"\n");
	/* already there in the README's form: nothing changes */
	EXPECT(BOOT_FMT_GRUB, &intel,
	       "GRUB_CMDLINE_LINUX=\"intel_iommu=off memmap=82M\\\\\\$0x3a000000\"\n",
	       "GRUB_CMDLINE_LINUX=\"intel_iommu=off memmap=82M\\\\\\$0x3a000000\"\n");
}

static void test_grub_refused(void **state)
{
	(void)state;
	REFUSED(BOOT_FMT_GRUB, &intel, "GRUB_DEFAULT=0\n", "ENTRY: no GRUB_CMDLINE_LINUX=");
	REFUSED(BOOT_FMT_GRUB, &intel, "title a\noptions x\n", "no GRUB_CMDLINE_LINUX=");
	REFUSED(BOOT_FMT_GRUB, &intel,
		"GRUB_CMDLINE_LINUX=\"a\"\n# x\nGRUB_CMDLINE_LINUX=\"b\"\n",
		"ENTRY:3: a second GRUB_CMDLINE_LINUX assignment (the first is line 1)");
	/* Jailhouse's README puts it into the _DEFAULT variable */
	REFUSED(BOOT_FMT_GRUB, &intel,
		"GRUB_CMDLINE_LINUX_DEFAULT=\"memmap=82M\\\\\\$0x3a000000\"\n"
		"GRUB_CMDLINE_LINUX=\"\"\n",
		"ENTRY:1: GRUB_CMDLINE_LINUX_DEFAULT holds memmap=82M$0x3a000000");
	REFUSED(BOOT_FMT_GRUB, &intel, "GRUB_CMDLINE_LINUX=\"a\nb\"\n",
		"ENTRY:1: the GRUB_CMDLINE_LINUX value does not end on its line");
	REFUSED(BOOT_FMT_GRUB, &intel, "GRUB_CMDLINE_LINUX+=\" a\"\n", "+= appends");
	REFUSED(BOOT_FMT_GRUB, &intel, "GRUB_CMDLINE_LINUX=a\\ b\n", "unquoted");
	REFUSED(BOOT_FMT_GRUB, &intel,
		"GRUB_CMDLINE_LINUX=\"memmap=10M\\\\\\$0x10000000\"\n",
		"ENTRY:1: a memmap reservation that is not this window's: memmap=10M$0x10000000");
}

/* A running kernel's line: which parameters it lacks. */
static void test_cmdline(void **state)
{
	(void)state;
	struct boot_edit e;
	struct jh_error err = { 0 };
	const char *agl = "console=ttyS0 memmap=82M$0x3a000000 intel_iommu=off\n";
	assert_int_equal(boot_entry_edit(BOOT_FMT_CMDLINE, BOOT_READER_AUTO, "/proc/cmdline",
					 agl, strlen(agl), &intel, NULL, &e, &err), 0);
	assert_false(e.changed);
	boot_edit_free(&e);
	const char *doc = "console=ttyS0 intel_iommu=on\n";
	assert_int_equal(boot_entry_edit(BOOT_FMT_CMDLINE, BOOT_READER_AUTO, "/proc/cmdline",
					 doc, strlen(doc), &intel, NULL, &e, &err), 0);
	assert_int_equal(e.memmap, BOOT_ADDED);
	assert_int_equal(e.iommu, BOOT_REPLACED);
	assert_string_equal(e.iommu_old, "intel_iommu=on");
	boot_edit_free(&e);
}

/* The diff in GNU diff's unified format (checked against `diff -u`'s
 * output for the same files, hunk header rules from its manual). */
static void test_diff(void **state)
{
	(void)state;
	struct buf d = { 0 };
	const char a[] = "1\n2\n3\n4\n5\noptions x\n7\n8\n9\n10\n";
	const char b[] = "1\n2\n3\n4\n5\noptions x y\n7\n8\n9\n10\n";
	boot_diff("E", a, sizeof(a) - 1, b, sizeof(b) - 1, &d);
	const char want[] = "--- E\n+++ E\n@@ -3,7 +3,7 @@\n 3\n 4\n 5\n-options x\n"
			    "+options x y\n 7\n 8\n 9\n";
	assert_int_equal(d.len, sizeof(want) - 1);
	assert_memory_equal(d.data, want, d.len);
	buf_free(&d);
	/* CR kept, the missing last newline said */
	boot_diff("E", "a\r\nb", 4, "a\r\nb c", 6, &d);
	const char want2[] = "--- E\n+++ E\n@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n"
			     "+b c\n\\ No newline at end of file\n";
	assert_int_equal(d.len, sizeof(want2) - 1);
	assert_memory_equal(d.data, want2, d.len);
	buf_free(&d);
	/* bytes a terminal acts on are escaped (a C1 CSI 0x9b, which is not
	 * UTF-8; a newline in the label); tabs and valid UTF-8 stay */
	static const char c1[] = "# \xc3\xa9\t\x9b\noptions\n";
	static const char c2[] = "# \xc3\xa9\t\x9b\noptions m\n";
	boot_diff("E\n", c1, sizeof(c1) - 1, c2, sizeof(c2) - 1, &d);
	const char want4[] = "--- E\\n\n+++ E\\n\n@@ -1,2 +1,2 @@\n # \xc3\xa9\t\\x9b\n"
			     "-options\n+options m\n";
	assert_int_equal(d.len, sizeof(want4) - 1);
	assert_memory_equal(d.data, want4, d.len);
	buf_free(&d);
	boot_diff("E", "same", 4, "same", 4, &d);
	assert_int_equal(d.len, 0);
	/* one line */
	boot_diff("E", "options\n", 8, "options m\n", 10, &d);
	const char want3[] = "--- E\n+++ E\n@@ -1 +1 @@\n-options\n+options m\n";
	assert_int_equal(d.len, sizeof(want3) - 1);
	assert_memory_equal(d.data, want3, d.len);
	buf_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_bls_agl),
		cmocka_unit_test(test_bls_owned_memmap_resized),
		cmocka_unit_test(test_bls_fedora),
		cmocka_unit_test(test_bls_bytes_kept),
		cmocka_unit_test(test_iommu_switch),
		cmocka_unit_test(test_other_memmaps_and_dashes),
		cmocka_unit_test(test_bls_refused),
		cmocka_unit_test(test_bls_huge),
		cmocka_unit_test(test_grub_debian),
		cmocka_unit_test(test_grub_forms),
		cmocka_unit_test(test_grub_refused),
		cmocka_unit_test(test_replace_moved_window),
		cmocka_unit_test(test_old_reservation),
		cmocka_unit_test(test_cmdline),
		cmocka_unit_test(test_diff),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
