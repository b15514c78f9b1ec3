/* SPDX-License-Identifier: GPL-2.0-only */
/* The boot-entry editor: puts the kernel parameters of boot_params.h on
 * the line of a boot file that carries the kernel command line, with the
 * escaping that file's readers need, and changes no other byte. Pure:
 * bytes in, bytes out (and a unified diff); reading and writing the file
 * is the caller's (core/api/jhconf_boot.c).
 *
 * Formats:
 * - BOOT_FMT_BLS: a Boot Loader Specification entry
 *   (/boot/loader/entries/NAME.conf; "key whitespace value" lines, '#'
 *   comments). The parameters go on its one "options" line. The
 *   specification lets "options" appear more than once (readers join the
 *   values with spaces); jhconf refuses such an entry, as it refuses one
 *   without an "options" line: which line to change is the user's call.
 * - BOOT_FMT_GRUB: /etc/default/grub, shell variable assignments. The
 *   parameters go into the value of its one GRUB_CMDLINE_LINUX assignment
 *   (double-quoted, single-quoted or bare; a bare value gets double
 *   quotes, since two parameters need a space).
 * - BOOT_FMT_CMDLINE: a bare kernel command line (the first line of
 *   /proc/cmdline), to tell which parameters a running system lacks.
 *
 * Which memmap= is this configuration's (the ownership rule): a token
 * memmap=SIZE$START (one item, the '$' kind) whose START is the window's
 * start is this configuration's (the hypervisor sits at the window's start,
 * so only the size can have changed: a new --mem-inmates). It is left as
 * written when SIZE matches too, else replaced in place. Any other memmap
 * token with a '$' item (another start, a comma list, a value the kernel
 * cannot read) may be a reservation of something else or an old Jailhouse
 * window elsewhere; as Jailhouse's config create takes the first
 * reservation of the command line, a second one would decide where the
 * hypervisor goes. So jhconf refuses and lists every such token.
 * memmap= of the other kinds (nn@ss, nn#ss, nn!ss, exactmap) are left
 * alone. When the window has moved (another RAM size, --window-address),
 * the user names the old reservation (`replace`, as the kernel reads it,
 * the way the refusal lists it): that one is then replaced in place, as
 * if it were this configuration's; it must be on the line, and it must
 * be the only other '$' reservation there.
 *
 * The IOMMU parameter: none on the line is added; one that already
 * switches the IOMMU off is kept; one that does not (intel_iommu=on,
 * intel_iommu=igfx_off, amd_iommu=fullflush) is replaced by the "off"
 * form; two or more are refused (the user decides which to drop).
 * Parameters after a bare "--" belong to init, not the kernel: they are
 * not read, and new ones go before the "--". */
#ifndef JH_BOOT_ENTRY_H
#define JH_BOOT_ENTRY_H

#include "boot/boot_params.h"

enum boot_format { BOOT_FMT_BLS, BOOT_FMT_GRUB, BOOT_FMT_CMDLINE };

/* Who reads a BLS entry's options, which decides how '$' is written
 * (boot_entry.c, "Escaping"). AUTO: GRUB when the entry has grub_* keys or
 * $variables (Fedora's and RHEL's entries, read by GRUB's blscfg),
 * systemd-boot otherwise. */
enum boot_reader { BOOT_READER_AUTO, BOOT_READER_SYSTEMD_BOOT, BOOT_READER_GRUB };

enum boot_action { BOOT_KEPT, BOOT_ADDED, BOOT_REPLACED };

struct boot_edit {
	struct buf out;          /* the new bytes (equal to the old: !changed) */
	bool changed;
	size_t line;             /* 1-based line that carries the parameters */
	enum boot_reader reader; /* BLS: who reads it (never AUTO afterwards) */
	enum boot_action memmap, iommu;  /* iommu: KEPT when none is needed */
	char *memmap_old, *iommu_old;    /* a replaced parameter, as the kernel reads it */
};

/* Larger than any boot entry or /etc/default/grub (a few KiB). */
#define BOOT_ENTRY_MAX (256u << 10)

/* Text, not too big: no NUL or other control bytes but tab, CR and LF
 * (one line "NAME: ..." naming the offset otherwise). */
int boot_entry_check_text(const char *name, const char *data, size_t len,
			  struct jh_error *err);

/* Put bp's parameters into the file's bytes (checked with
 * boot_entry_check_text first); replace: NULL, or the memmap= token to
 * replace (see above). JH_BADINPUT with one line "NAME:LINE: ..."
 * for a file of another format, an ambiguous one (see above), or a value
 * jhconf cannot edit safely; e is then empty. */
int boot_entry_edit(enum boot_format fmt, enum boot_reader reader,
		    const char *name, const char *data, size_t len,
		    const struct boot_params *bp, const char *replace,
		    struct boot_edit *e, struct jh_error *err);
void boot_edit_free(struct boot_edit *e);

/* The one '$' reservation of a kernel command line that is not bp's
 * window (an old window, most likely, after the machine changed), as the
 * kernel reads it; NULL when there is none, more than one, or this
 * window's is there too. What `boot-entry --replace` would be given. */
char *boot_old_reservation(const char *cmdline, size_t len, const struct boot_params *bp);

/* A unified diff (3 lines of context, GNU diff's format: line endings as
 * in the files, "\ No newline at end of file" where a side lacks one;
 * bytes a terminal would act on shown escaped, as jh_printable does) from
 * a to b, both sides labelled `label` (escaped too); nothing when they are
 * equal. */
void boot_diff(const char *label, const char *a, size_t alen,
	       const char *b, size_t blen, struct buf *out);

#endif
