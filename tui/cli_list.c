/* `jhconf list [SECTION] [-v] [--root DIR | --snapshot FILE.tar]`: print
 * what discovery found, section by section (like lspci for Jailhouse). */
#include "cli.h"
#include "list_sections.h"

#include <stdio.h>
#include <string.h>

struct list_section {
	const char *name;
	const char *summary;
	void (*print)(FILE *f, const struct machine *m, bool verbose);
};

static const struct list_section sections[] = {
	{ "pci", "PCI devices: ids, names, driver, IOMMU group (-v: BARs, capabilities, MSI)", list_pci },
	{ "mem", "the physical memory map (/proc/iomem) as a tree", list_mem },
	{ "ports", "the I/O port map as a tree", list_ports },
	{ "irq", "IOAPICs, their requester ids, interrupt source overrides", list_irq },
	{ "cpus", "processor vendor, model, count, VT-x/AMD-V, local APICs", list_cpus },
	{ "iommu", "DMAR units and RMRRs, or IVRS IVHD and IVMD blocks (-v: entries)", list_iommu },
	{ "uart", "serial ports: type, port or MMIO base, irq", list_uart },
};
#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))

static void print_sections(FILE *f)
{
	fprintf(f, "Sections:\n");
	for (size_t i = 0; i < NSECTIONS; i++)
		fprintf(f, "  %-6s %s\n", sections[i].name, sections[i].summary);
}

static const struct cli_option list_options[] = {
	{ "verbose", 'v', NULL, "more detail" },
	{ NULL, 0, NULL, NULL },
};

static const struct cli_option *const list_tables[] = {
	list_options, cli_source_options, NULL,
};

static const struct cli_spec list_spec = {
	.command = "list",
	.usage = "[SECTION] [-v] [-r DIR | -S FILE.tar]",
	.about = "Print what discovery found on the machine. Without a section, a\n"
		 "short summary of all of them.",
	.tables = list_tables,
	.notes = "Without --root or --snapshot the running system is read (as root).",
	.more_help = print_sections,
	.exit = "0 listed, 2 bad input or usage.",
};

static const struct list_section *find_section(const char *name)
{
	for (size_t i = 0; i < NSECTIONS; i++)
		if (!strcmp(sections[i].name, name))
			return &sections[i];
	return NULL;
}

static size_t count_present_uarts(const struct machine *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->nuarts; i++)
		n += m->uarts[i].type != 0;
	return n;
}

static const char *iommu_kind(const struct machine *m)
{
	if (m->have_dmar && m->have_ivrs)
		return "DMAR and IVRS";
	return m->have_dmar ? "Intel VT-d (DMAR)" :
	       m->have_ivrs ? "AMD-Vi (IVRS)" : "none";
}

static void list_summary(FILE *f, const struct machine *m)
{
	const struct cpu_info *c = &m->cpu;
	/* names from the snapshot: escaped (cli_shown) */
	fprintf(f, "machine: %s", cli_shown(m->label ? m->label : "?"));
	if (m->dmi_vendor || m->dmi_product)
		fprintf(f, " (%s %s)", cli_shown(m->dmi_vendor ? m->dmi_vendor : ""),
			cli_shown(m->dmi_product ? m->dmi_product : ""));
	fputc('\n', f);
	fprintf(f, "cpus:   %u x %s, %s\n", c->nprocessors,
		cli_shown(c->model_name ? c->model_name : "unknown model"),
		c->has_vmx ? "vmx" : c->has_svm ? "svm" : "no vmx/svm");
	fprintf(f, "pci:    %zu devices\n", m->npci);
	fprintf(f, "mem:    %zu iomem entries\n", m->iomem.n);
	fprintf(f, "ports:  %zu ioport entries\n", m->ioports.n);
	fprintf(f, "irq:    %zu IOAPIC(s), %zu override(s)%s\n",
		m->have_madt ? m->madt.nioapics : 0,
		m->have_madt ? m->madt.noverrides : 0,
		m->have_madt ? "" : " (no MADT)");
	fprintf(f, "iommu:  %s", iommu_kind(m));
	if (m->have_dmar)
		fprintf(f, ", %zu DRHD(s), %zu RMRR(s)", m->dmar.ndrhds,
			m->dmar.nrmrrs);
	if (m->have_ivrs)
		fprintf(f, ", %zu IVHD(s), %zu IVMD(s)", m->ivrs.nhds,
			m->ivrs.nmds);
	fputc('\n', f);
	fprintf(f, "uart:   %zu serial port(s), %zu present\n", m->nuarts,
		count_present_uarts(m));
}

struct list_args {
	struct cli_source_opts src;
	const struct list_section *section;
	bool verbose;
};

static int list_option(void *ctx, int key, const char *arg, struct jh_error *err)
{
	struct list_args *a = ctx;
	if (key == 'v') {
		a->verbose = true;
		return 1;
	}
	return cli_source_handle(&a->src, key, arg, err);
}

/* -1 error, 0 go on, 1 help printed */
static int parse_args(int argc, char **argv, struct list_args *a,
		      struct jh_error *err)
{
	struct cli_operands ops;
	enum cli_parse_result r = cli_parse(argc, argv, &list_spec, list_option, a, &ops, err);
	if (r != CLI_PARSE_OK)
		return r == CLI_PARSE_DONE ? 1 : -1;
	int rc = 0;
	if (ops.n > 1)
		rc = jh_fail(err, JH_BADINPUT, "list: one section at a time ('%s' and '%s')",
			     cli_shown(ops.v[0]), cli_shown(ops.v[1]));
	else if (ops.n == 1 && !(a->section = find_section(ops.v[0])))
		rc = jh_fail(err, JH_BADINPUT,
			     "list: unknown section '%s' (pci, mem, ports, irq, cpus, iommu, uart)",
			     cli_shown(ops.v[0]));
	cli_operands_free(&ops);
	return rc;
}

int cmd_list(int argc, char **argv)
{
	struct list_args a = { 0 };
	struct jh_error err = { 0 };
	int status = 0;

	int p = parse_args(argc, argv, &a, &err);
	if (p != 0) {
		status = p > 0 ? JH_OK : cli_report(&err);
		jh_error_clear(&err);
		return status;
	}
	struct jhconf_session *s = jhconf_new();
	if (cli_open(s, &a.src, &err) < 0) {
		cli_print_findings(jhconf_findings(s));
		status = cli_report(&err);
	} else {
		const struct machine *m = jhconf_machine(s);
		if (a.section)
			a.section->print(stdout, m, a.verbose);
		else
			list_summary(stdout, m);
		/* Listing is informative: warnings are shown, not fatal
		 * (list has no --strict). */
		cli_print_findings(jhconf_findings(s));
	}
	jhconf_free(s);
	jh_error_clear(&err);
	return status;
}
