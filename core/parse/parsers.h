/* SPDX-License-Identifier: GPL-2.0-only */
/* Parsers: pure functions from the bytes of one file to pieces of the
 * machine model. `file` is only used in error messages ("/proc/iomem:
 * line 7: ..."). On error they return -1 with err set (JH_BADINPUT, one
 * line naming the file and what is wrong) and leave *out empty (freed).
 * None of them knows about Jailhouse. */
#ifndef JH_PARSERS_H
#define JH_PARSERS_H

#include "findings/findings.h"
#include "machine/machine.h"

/* /proc/iomem, /proc/ioports: "start-end : name" lines, two spaces of
 * indentation per nesting level. Nesting follows the indentation. What
 * the kernel's resource tree guarantees is checked, with the line numbers
 * in the message: end >= start, a size that fits in 64 bits, children
 * inside their parent, siblings side by side without overlap (nested
 * ones only at the depth where the kernel stops indenting). A file whose
 * addresses are all zero (read without root) passes, for the caller to
 * explain. parse_res_tree_max also refuses ends above max_end. */
int parse_res_tree(const char *file, const char *text, size_t len,
		   struct res_tree *out, struct jh_error *err);
int parse_res_tree_max(const char *file, const char *text, size_t len,
		       uint64_t max_end, struct res_tree *out,
		       struct jh_error *err);

/* Helpers over a parsed tree. next_preorder: the node after i in
 * pre-order (a node, its subtree, then its next sibling), which for a
 * parsed tree is file order; i = NONE_IDX gives the first node, and
 * NONE_IDX comes back after the last one. */
size_t res_tree_next_preorder(const struct res_tree *t, size_t i);

/* /proc/cmdline: keeps the line and the memmap=SIZE$START reservations. */
int parse_cmdline(const char *file, const char *text, size_t len,
		  struct machine *m, struct jh_error *err);
/* The whole of s[0..n) as one number the way the kernel's memparse() reads
 * it (0x-hex, 0-octal or decimal, an optional K/M/G/T/P/E suffix); false
 * for anything else or an overflow. */
bool parse_memparse(const char *s, size_t n, uint64_t *out);

/* The value of the last NAME=VALUE parameter of a command line (split as
 * parse_cmdline splits it, '-' and '_' alike in names as the kernel
 * compares them, nothing after a bare "--"), unquoted, as a new string;
 * "" for a bare NAME; NULL when absent. */
char *cmdline_param(const char *cmdline, const char *name);
/* NAME=on / NAME=off, the last one said in any NAME= parameter's comma
 * list ("intel_iommu=on,igfx_off"): 1 on, 0 off, -1 never said. */
int cmdline_on_off(const char *cmdline, const char *name);

/* /proc/cpuinfo: vendor, model name, processor count, vmx/svm, the
 * first flags and vmx flags lines, whether later flags differ
 * (out->sysfs_count is left alone). */
int parse_cpuinfo(const char *file, const char *text, size_t len,
		  struct cpu_info *out, struct jh_error *err);
/* Count of cpuN entries in a listing of /sys/devices/system/cpu. */
unsigned count_sysfs_cpus(const struct strlist *entries);

/* ACPI tables. Each checks the signature, that the header's length fits
 * the file, and the checksum: a wrong checksum adds an ACPI-CHECKSUM
 * warning finding naming the table (an error when diag->strict). */
int acpi_check_header(const char *file, const unsigned char *data, size_t len,
		      const char *signature, struct jh_findings *diag,
		      struct jh_error *err);
/* After acpi_check_header(): the header's length into *length, or an
 * error when it is below min_len, too short for `what` (the fixed fields
 * of the table called `name`). */
int acpi_check_min_length(const char *file, const unsigned char *data,
			  const char *name, uint32_t min_len, const char *what,
			  uint32_t *length, struct jh_error *err);
int parse_madt(const char *file, const unsigned char *data, size_t len,
	       struct madt *out, struct jh_findings *diag, struct jh_error *err);
int parse_mcfg(const char *file, const unsigned char *data, size_t len,
	       struct mcfg *out, struct jh_findings *diag, struct jh_error *err);
int parse_dmar(const char *file, const unsigned char *data, size_t len,
	       struct dmar *out, struct jh_findings *diag, struct jh_error *err);
int parse_ivrs(const char *file, const unsigned char *data, size_t len,
	       struct ivrs *out, struct jh_findings *diag, struct jh_error *err);
int parse_fadt(const char *file, const unsigned char *data, size_t len,
	       struct fadt *out, struct jh_findings *diag, struct jh_error *err);
void madt_free(struct madt *m);
void mcfg_free(struct mcfg *m);
void dmar_free(struct dmar *d);
void ivrs_free(struct ivrs *r);

/* One /sys/class/tty/<name>/ folder's attribute texts (NULL = missing). */
struct uart_attrs {
	const char *type, *io_type, *port, *iomem_base, *iomem_reg_shift, *irq;
};
int parse_uart(const char *dir, const char *name, const struct uart_attrs *a,
	       struct uart *out, struct jh_error *err);

/* PCI config space: header fields and the capability walk (with
 * Jailhouse's length and write rules), MSI/MSI-X facts. `file` names the
 * config file. Loops, pointers past the end, reserved extended ids and
 * an MSI-X capability naming BAR 6 or 7 are errors; an MSI-X table in a
 * BAR that is not a memory BAR is recorded (d->msix_not_memory) for the
 * planner to judge. */
int parse_pci_config(const char *file, const unsigned char *cfg, size_t len,
		     struct pci_dev *d, struct jh_findings *diag,
		     struct jh_error *err);
/* The header alone (ids, class, bridge buses), for config space a user
 * other than root reads: the kernel hands such readers 64 bytes, so the
 * capabilities are not known (d->ncaps stays 0). */
int parse_pci_config_header(const char *file, const unsigned char *cfg, size_t len,
			    struct pci_dev *d, struct jh_error *err);
/* The sysfs `resource` file: fills d->res and d->bar_mask. */
int parse_pci_resource(const char *file, const char *text, size_t len,
		       struct pci_dev *d, struct jh_error *err);
/* "0000:00:1f.2" -> domain, bus, dev, fn */
bool parse_pci_slot(const char *slot, uint16_t *domain, uint8_t *bus,
		    uint8_t *dev, uint8_t *fn);

#endif
