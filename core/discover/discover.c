/* SPDX-License-Identifier: GPL-2.0-only */
/* Discovery: every file of the machine, read through the source and
 * handed to its parser. Required files missing or broken are errors;
 * optional tables are left for the planner to judge. */
#include "discover/discover.h"
#include "parse/parsers.h"

#include <stdlib.h>
#include <string.h>

static int read_text_file(struct source *src, const char *path, char **out,
			  struct jh_error *err)
{
	*out = source_read_text(src, path, err);
	return *out ? 0 : -1;
}

/* The highest address each tree can hold on x86: the kernel's roots are
 * ioport_resource (0-ffff) and iomem_resource, which ends at the CPU's
 * physical address width, at most 52 bits (arch/x86/kernel/setup.c). An
 * end beyond is no machine's, and would wrap the planner's sizes. */
#define IOPORTS_MAX_END 0xffffull
#define IOMEM_MAX_END ((1ull << 52) - 1)

static int discover_res_tree(struct source *src, const char *path,
			     uint64_t max_end, struct res_tree *t, bool lenient,
			     struct jh_findings *diag, struct jh_error *err)
{
	char *text;
	if (read_text_file(src, path, &text, err) < 0)
		return -1;
	int rc = parse_res_tree_max(path, text, strlen(text), max_end, t, err);
	free(text);
	if (rc < 0)
		return -1;
	if (t->n == 0)
		return jh_fail(err, JH_BADINPUT, "%s: empty", path);
	/* The kernel shows zeros instead of addresses to non-root readers. */
	for (size_t i = 0; i < t->n; i++)
		if (t->nodes[i].end != 0)
			return 0;
	if (lenient) {
		jh_finding_add(diag, JH_R_DISCOVER_UNPRIVILEGED,
			       &(struct jh_subject){ .file = path },
			       "%s: addresses hidden (read without root rights)", path);
		return 0;
	}
	return jh_fail(err, JH_BADINPUT,
		       "%s: every address is zero: it was read without root rights",
		       path);
}

static int discover_cmdline_cpus(struct source *src, struct machine *m,
				 struct jh_error *err)
{
	char *text;
	if (read_text_file(src, "/proc/cmdline", &text, err) < 0)
		return -1;
	int rc = parse_cmdline("/proc/cmdline", text, strlen(text), m, err);
	free(text);
	if (rc < 0)
		return -1;

	if (read_text_file(src, "/proc/cpuinfo", &text, err) < 0)
		return -1;
	rc = parse_cpuinfo("/proc/cpuinfo", text, strlen(text), &m->cpu, err);
	free(text);
	if (rc < 0)
		return -1;

	struct strlist entries = { 0 };
	if (source_list(src, "/sys/devices/system/cpu", &entries, err) < 0)
		return -1;
	m->cpu.sysfs_count = count_sysfs_cpus(&entries);
	strlist_free(&entries);
	return 0;
}

typedef int (*acpi_parser)(const char *file, const unsigned char *data,
			   size_t len, struct machine *m, struct jh_findings *diag,
			   struct jh_error *err);

/* Adapters so one reader serves every table (no function pointer casts). */
#define ACPI_ADAPTER(name, field)                                          \
	static int acpi_##name(const char *file, const unsigned char *data, \
			       size_t len, struct machine *m,               \
			       struct jh_findings *diag, struct jh_error *err) \
	{                                                                   \
		return parse_##name(file, data, len, &m->field, diag, err); \
	}
ACPI_ADAPTER(madt, madt)
ACPI_ADAPTER(mcfg, mcfg)
ACPI_ADAPTER(dmar, dmar)
ACPI_ADAPTER(ivrs, ivrs)
ACPI_ADAPTER(fadt, fadt)

/* Read one optional ACPI table; *have says whether it was there. */
static int discover_table(struct source *src, const char *sig, acpi_parser fn,
			  struct machine *m, bool *have, bool lenient,
			  struct jh_findings *diag, struct jh_error *err)
{
	char *path = xasprintf("/sys/firmware/acpi/tables/%s", sig);
	*have = false;
	struct buf b = { 0 };
	int rc = source_read_opt(src, path, &b, err);
	if (rc == 1) {
		free(path);
		return 0;
	}
	if (rc < 0 && lenient) {
		/* root's only (mode 0400): the machine is listed without it */
		jh_finding_add(diag, JH_R_DISCOVER_UNPRIVILEGED,
			       &(struct jh_subject){ .file = path },
			       "%s", err->msg);
		jh_error_clear(err);
		free(path);
		return 0;
	}
	if (rc == 0)
		rc = fn(path, b.data ? b.data : (const unsigned char *)"",
			b.len, m, diag, err);
	*have = rc == 0;
	buf_free(&b);
	free(path);
	return rc;
}

static int discover_acpi(struct source *src, struct machine *m, bool lenient,
			 struct jh_findings *diag, struct jh_error *err)
{
	if (discover_table(src, "APIC", acpi_madt, m,
			   &m->have_madt, lenient, diag, err) < 0 ||
	    discover_table(src, "MCFG", acpi_mcfg, m,
			   &m->have_mcfg, lenient, diag, err) < 0 ||
	    discover_table(src, "DMAR", acpi_dmar, m,
			   &m->have_dmar, lenient, diag, err) < 0 ||
	    discover_table(src, "IVRS", acpi_ivrs, m,
			   &m->have_ivrs, lenient, diag, err) < 0 ||
	    discover_table(src, "FACP", acpi_fadt, m,
			   &m->have_fadt, lenient, diag, err) < 0)
		return -1;
	return 0;
}

static int discover_one_uart(struct source *src, const char *name,
			     struct machine *m, struct jh_error *err)
{
	static const char *const attr_names[] = {
		"type", "io_type", "port", "iomem_base", "iomem_reg_shift", "irq",
	};
	char *vals[6] = { 0 };
	char *dir = xasprintf("/sys/class/tty/%s", name);
	for (size_t i = 0; i < 6; i++) {
		char *p = xasprintf("%s/%s", dir, attr_names[i]);
		vals[i] = source_read_line_opt(src, p);
		free(p);
	}
	int rc = 0;
	if (vals[1]) {  /* only serial ports have an io_type */
		struct uart_attrs a = {
			.type = vals[0], .io_type = vals[1], .port = vals[2],
			.iomem_base = vals[3], .iomem_reg_shift = vals[4],
			.irq = vals[5],
		};
		struct uart u = { 0 };
		rc = parse_uart(dir, name, &a, &u, err);
		if (rc == 0)
			*ARRAY_PUSH(m->uarts, m->nuarts, m->uarts_cap) = u;
	}
	for (size_t i = 0; i < 6; i++)
		free(vals[i]);
	free(dir);
	return rc;
}

static int discover_uarts(struct source *src, struct machine *m,
			  struct jh_error *err)
{
	if (!source_exists(src, "/sys/class/tty"))
		return 0;
	struct strlist names = { 0 };
	int rc = source_list(src, "/sys/class/tty", &names, err);
	for (size_t i = 0; rc == 0 && i < names.n; i++)
		rc = discover_one_uart(src, names.v[i], m, err);
	strlist_free(&names);
	return rc;
}

static void discover_misc(struct source *src, struct machine *m)
{
	m->dmi_vendor = source_read_line_opt(src, "/sys/class/dmi/id/sys_vendor");
	m->dmi_product = source_read_line_opt(src, "/sys/class/dmi/id/product_name");
	char *en = source_read_line_opt(src, "/sys/devices/jailhouse/enabled");
	m->jailhouse_enabled = en && !strcmp(en, "1");
	free(en);
}

/* A file inside a tar is named after the tar, as "snap.tar: proc/iomem:
 * line 3: ...": the member path alone would send the reader looking for
 * /proc/iomem on this machine. */
static void name_the_archive(struct source *src, struct jh_error *err)
{
	if (!src->archive || !err || !err->msg || err->status != JH_BADINPUT)
		return;
	const char *msg = err->msg[0] == '/' ? err->msg + 1 : err->msg;
	char *named = xasprintf("%s: %s", src->label, msg);
	free(err->msg);
	err->msg = named;
}

/* On the running system with Jailhouse enabled, the root cell may no
 * longer reach what discovery reads: the kernel maps the ACPI tables
 * afresh for /sys/firmware/acpi/tables, and config space of devices other
 * cells own is trapped. Either stops the root cell ("FATAL: Invalid
 * MMIO/RAM read", CPU parked: seen in the hypervisor test). So nothing is
 * read then. A snapshot taken that way is refused later by the planner
 * (ROOT-JAILHOUSE-ENABLED), its files being harmless to read. */
static int refuse_live_under_jailhouse(struct source *src, struct jh_error *err)
{
	if (!src->live)
		return 0;
	char *en = source_read_line_opt(src, "/sys/devices/jailhouse/enabled");
	bool on = en && !strcmp(en, "1");
	free(en);
	if (!on)
		return 0;
	return jh_fail(err, JH_REFUSED,
		       "Jailhouse is enabled on this machine: reading its ACPI tables and "
		       "PCI config space now can stop the root cell; run jhconf before "
		       "`jailhouse enable` (or after `jailhouse disable`), or on a snapshot");
}

static int discover(struct source *src, struct machine *m, bool lenient,
		    struct jh_findings *diag, struct jh_error *err)
{
	memset(m, 0, sizeof(*m));
	if (refuse_live_under_jailhouse(src, err) < 0)
		return -1;
	m->iomem.first_root = m->ioports.first_root = NONE_IDX;
	m->label = xstrdup(src->label);
	m->unprivileged = lenient;
	if (discover_res_tree(src, "/proc/iomem", IOMEM_MAX_END, &m->iomem,
			      lenient, diag, err) < 0 ||
	    discover_res_tree(src, "/proc/ioports", IOPORTS_MAX_END,
			      &m->ioports, lenient, diag, err) < 0 ||
	    discover_cmdline_cpus(src, m, err) < 0 ||
	    discover_acpi(src, m, lenient, diag, err) < 0 ||
	    discover_uarts(src, m, err) < 0 ||
	    discover_pci(src, m, diag, err) < 0) {
		name_the_archive(src, err);
		machine_free(m);
		return -1;
	}
	discover_misc(src, m);
	discover_udev(src, m);
	return 0;
}

int discover_machine(struct source *src, struct machine *m,
		     struct jh_findings *diag, struct jh_error *err)
{
	return discover(src, m, false, diag, err);
}

int discover_machine_unprivileged(struct source *src, struct machine *m,
				  struct jh_findings *diag, struct jh_error *err)
{
	return discover(src, m, true, diag, err);
}
