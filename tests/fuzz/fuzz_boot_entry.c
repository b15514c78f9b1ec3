/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for the boot-entry editor: any bytes, as a BLS entry (both
 * readers), as /etc/default/grub and as a kernel command line, either fail
 * with one line and no output, or give an edit that
 * - keeps every byte before the edited line and after it,
 * - is idempotent (editing the result changes nothing),
 * - yields a diff exactly when something changed.
 * The first byte picks the IOMMU kind and window size. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boot/boot_entry.h"
#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

/* the line number (1-based) of byte offset off */
static size_t line_of(const char *d, size_t len, size_t off)
{
	size_t l = 1;
	for (size_t i = 0; i < off && i < len; i++)
		l += d[i] == '\n';
	return l;
}

static void one(enum boot_format fmt, enum boot_reader reader, const char *d,
		size_t len, const struct boot_params *bp)
{
	struct boot_edit e;
	struct jh_error err = { 0 };
	if (boot_entry_edit(fmt, reader, "f", d, len, bp, NULL, &e, &err)) {
		check(err.msg && !strchr(err.msg, '\n') && !e.out.data && !e.changed);
		jh_error_clear(&err);
		return;
	}
	check(!err.msg && e.reader != BOOT_READER_AUTO);
	const char *o = e.out.data ? (const char *)e.out.data : "";
	check(e.changed == (e.out.len != len || memcmp(o, d, len)));
	if (e.changed) {
		/* the same bytes before the first difference and after the last,
		 * and both differences on the edited line */
		size_t pre = 0;
		while (pre < len && pre < e.out.len && o[pre] == d[pre])
			pre++;
		size_t suf = 0;
		while (suf < len - pre && suf < e.out.len - pre &&
		       o[e.out.len - 1 - suf] == d[len - 1 - suf])
			suf++;
		check(line_of(d, len, pre) == e.line);
		check(!memchr(d + pre, '\n', len - pre - suf));
		check(!memchr(o + pre, '\n', e.out.len - pre - suf));
	}
	struct boot_edit again;
	check(boot_entry_edit(fmt, e.reader, "f", o, e.out.len, bp, NULL, &again, &err) == 0);
	check(!again.changed && again.out.len == e.out.len &&
	      !memcmp(again.out.data ? (const char *)again.out.data : "", o, e.out.len));
	boot_edit_free(&again);
	struct buf diff = { 0 };
	boot_diff("f", d, len, o, e.out.len, &diff);
	check((diff.len != 0) == e.changed);
	buf_free(&diff);
	boot_edit_free(&e);
}

/* --replace: an old window named; when the edit is taken, the old token
 * is gone and a run without the name finds the new one and keeps it. */
static void replaced(enum boot_format fmt, const char *d, size_t len,
		     const struct boot_params *bp)
{
	static const char old[] = "memmap=66M$0x3b000000";
	struct boot_edit e, again;
	struct jh_error err = { 0 };
	if (boot_entry_edit(fmt, BOOT_READER_AUTO, "f", d, len, bp, old, &e, &err)) {
		check(err.msg && !strchr(err.msg, '\n') && !e.out.data && !e.changed);
		jh_error_clear(&err);
		return;
	}
	const char *o = e.out.data ? (const char *)e.out.data : "";
	check(boot_entry_edit(fmt, e.reader, "f", o, e.out.len, bp, NULL, &again, &err) == 0);
	check(!again.changed);
	boot_edit_free(&again);
	boot_edit_free(&e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	static const int kinds[3] = { 0, JH_IOMMU_INTEL, JH_IOMMU_AMD };
	struct boot_params bp;
	boot_params_make(0x3a000000, (data[0] & 0x80) ? 0x5201000 : 0x5200000,
			 kinds[data[0] % 3], &bp);
	const char *d = (const char *)data + 1;
	size--;
	one(BOOT_FMT_BLS, BOOT_READER_AUTO, d, size, &bp);
	one(BOOT_FMT_BLS, BOOT_READER_SYSTEMD_BOOT, d, size, &bp);
	one(BOOT_FMT_BLS, BOOT_READER_GRUB, d, size, &bp);
	one(BOOT_FMT_GRUB, BOOT_READER_AUTO, d, size, &bp);
	one(BOOT_FMT_CMDLINE, BOOT_READER_AUTO, d, size, &bp);
	replaced(BOOT_FMT_BLS, d, size, &bp);
	replaced(BOOT_FMT_GRUB, d, size, &bp);
	return 0;
}
