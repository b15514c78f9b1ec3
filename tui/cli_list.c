/* SPDX-License-Identifier: GPL-2.0-only */
/* `jhconf list [SECTION] [-v] [--root DIR | --snapshot FILE.tar]`: print
 * what discovery found, section by section (like lspci for Jailhouse). */
#include "cli.h"
#include "list_sections.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct list_section {
	const char *name;
	const char *summary;
	void (*print)(FILE *f, const struct machine *m, bool verbose);  /* NULL: pci */
};

static const struct list_section sections[] = {
	{ "pci", "PCI devices as lspci shows them (-k: driver, IOMMU group and unit;\n"
		 "         -v: BARs, capabilities, MSI; -t: the tree)", NULL },
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
	{ "verbose", 'v', NULL, "more detail (pci: BARs, capabilities, MSI)" },
	{ "numeric", 'n', NULL, "pci: numbers instead of names; twice (-nn): both" },
	{ "kernel", 'k', NULL, "pci: the driver, IOMMU group and Jailhouse IOMMU unit\n(with -t on each line of the tree)" },
	{ "tree", 't', NULL, "pci: the bus tree through bridges and root ports" },
	{ "domains", 'D', NULL, "pci: always show the PCI domain" },
	{ "slot", 's', "[[[[DOM]:]BUS]:][DEV][.[FN]]", "pci: only devices in these slots" },
	{ "device", 'd', "[VEND]:[DEV][:CLASS[:PROGIF]]", "pci: only devices with these ids" },
	{ "json", CLI_KEY_COMMAND, NULL, "JSON (schema jhconf-list, version 1; see README)" },
	{ NULL, 0, NULL, NULL },
};

static const struct cli_option *const list_tables[] = {
	list_options, cli_project_options, cli_source_options, NULL,
};

static const struct cli_spec list_spec = {
	.command = "list",
	.usage = "[SECTION] [-v] [-r DIR | -S FILE.tar]\n"
		 "pci [-vnktD] [-s SLOT] [-d ID] [-r DIR | -S FILE.tar]",
	.about = "Print what discovery found on the machine. Without a section, a\n"
		 "short summary of all of them.",
	.tables = list_tables,
	.notes = "Without --root or --snapshot the running system is read; a user\n"
		 "other than root gets what Linux shows that user (no ACPI tables,\n"
		 "no /proc/iomem addresses, 64 bytes of config space). With\n"
		 "--project, the project's machine is listed and `pci -k` names the cell\n"
		 "that owns each device.",
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
	struct cli_project_opts proj;  /* proj.src: the machine */
	const struct list_section *section;
	struct list_pci_opts pci;
	bool pci_only;             /* an option only pci takes was given */
	bool json;
};

static int list_option(void *ctx, int key, const char *arg, struct jh_error *err)
{
	struct list_args *a = ctx;
	const char *why = NULL;
	switch (key) {
	case 'v':
		a->pci.verbose++;
		return 1;
	case CLI_KEY_COMMAND:
		a->json = true;
		return 1;
	case 'n':
		a->pci.numeric++;
		break;
	case 'k':
		a->pci.kernel = true;
		break;
	case 't':
		a->pci.tree = true;
		break;
	case 'D':
		a->pci.domains = true;
		break;
	case 's':
		if (!pci_filter_parse_slot(&a->pci.filter, arg, &why))
			return jh_fail(err, JH_BADINPUT, "list: -s '%s': %s", cli_shown(arg), why);
		a->pci.filtered = true;
		break;
	case 'd':
		if (!pci_filter_parse_id(&a->pci.filter, arg, &why))
			return jh_fail(err, JH_BADINPUT, "list: -d '%s': %s", cli_shown(arg), why);
		a->pci.filtered = true;
		break;
	default:
		return cli_project_handle(&a->proj, key, arg, err);
	}
	a->pci_only = true;
	return 1;
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
	if (rc == 0 && a->pci_only && (!a->section || a->section->print))
		rc = jh_fail(err, JH_BADINPUT, "list: -n, -k, -t, -D, -s and -d are for "
			     "`list pci`");
	return rc;
}

int cmd_list(int argc, char **argv)
{
	struct list_args a = { 0 };
	pci_filter_init(&a.pci.filter);
	struct jh_error err = { 0 };
	int status = 0;

	int p = parse_args(argc, argv, &a, &err);
	if (p != 0) {
		status = p > 0 ? JH_OK : cli_report(&err);
		jh_error_clear(&err);
		return status;
	}
	struct jhconf_session *s = jhconf_new();
	/* lspci needs no root; neither does listing what a user may read */
	int opened = a.proj.project ? cli_project_open(s, &a.proj, &err)
		     : a.proj.src.root || a.proj.src.snapshot || geteuid() == 0
		     ? cli_open(s, &a.proj.src, &err)
		     : jhconf_open(s, JHCONF_SOURCE_LIVE_LISTING, NULL, &err);
	if (opened < 0) {
		cli_print_findings(jhconf_findings(s));
		status = cli_report(&err);
	} else {
		const struct machine *m = jhconf_machine(s);
		/* Listing is informative: discovery's warnings are shown, not
		 * fatal (list has no --strict) */
		cli_print_findings(jhconf_findings(s));
		bool pci = a.section && !a.section->print;
		if (a.json || pci) {
			/* the IOMMU units come from the plan, which only the
			 * PCI devices need; a machine that cannot host Jailhouse
			 * is listed without them */
			struct jh_error plan_err = { 0 };
			if ((pci || !a.section) && jhconf_plan(s, &plan_err) == 0) {
				a.pci.config = jhconf_config(s);
				if (a.proj.project) {
					a.pci.cells = jhconf_cells(s);
					a.pci.root_name = jhconf_root_name(s);
				}
			}
			jh_error_clear(&plan_err);
			if (a.json)
				list_json(stdout, m, a.section ? a.section->name : NULL, &a.pci);
			else
				list_pci(stdout, m, &a.pci);
		} else if (a.section) {
			a.section->print(stdout, m, a.pci.verbose > 0);
		} else {
			list_summary(stdout, m);
		}
	}
	jhconf_free(s);
	jh_error_clear(&err);
	return status;
}
