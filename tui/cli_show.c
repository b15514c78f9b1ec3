/* SPDX-License-Identifier: GPL-2.0-only */
/* `jhconf show FILE.cell`: a .cell file of revision 12, 13 or 14 in
 * plain words. All decoding is core/read_cell.c; this file only words
 * what the reader returns. */
#include "base/format.h"
#include "cli.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct cli_option show_options[] = {
	{ "json", CLI_KEY_COMMAND, NULL, "JSON (schema jhconf-cell, version 1; see README)" },
	{ NULL, 0, NULL, NULL },
};

static const struct cli_option *const show_tables[] = { show_options, NULL };

static const struct cli_spec show_spec = {
	.command = "show",
	.usage = "[--json] FILE.cell",
	.tables = show_tables,
	.about = "Print a Jailhouse configuration (.cell, revision 12, 13 or 14;\n"
		 "a root cell's system configuration or an inmate cell) in plain\n"
		 "words.",
	.exit = "0 shown, 2 when the file is not a valid one.",
};

static int show_option(void *ctx, int key, const char *arg, struct jh_error *err)
{
	(void)arg, (void)err;
	if (key != CLI_KEY_COMMAND)
		return 0;
	*(bool *)ctx = true;
	return 1;
}

static void print_range(const char *label, uint64_t start, uint64_t size)
{
	char range[FMT_RANGE_LEN], words[FMT_SIZE_LEN];
	printf("%s%s (%s)\n", label, fmt_range(range, start, size, 8),
	       fmt_size(words, size));
}

/* Memory flags: R, W, X (or '-') like ls, then the words of the other
 * bits and what no name covers in hex. */
static void memory_flags_words(uint64_t flags, char *out, size_t n)
{
	size_t len = (size_t)snprintf(out, n, "%c%c%c",
		flags & JH_MEM_READ ? 'R' : '-',
		flags & JH_MEM_WRITE ? 'W' : '-',
		flags & JH_MEM_EXECUTE ? 'X' : '-');
	uint64_t rest = flags & ~(uint64_t)(JH_MEM_READ | JH_MEM_WRITE |
					    JH_MEM_EXECUTE);
	for (const struct jh_name *f = jh_mem_flags; f->symbol; f++) {
		if (!(rest & f->value) || len >= n)
			continue;
		len += (size_t)snprintf(out + len, n - len, " %s", f->words);
		rest &= ~f->value;
	}
	if (rest && len < n)
		snprintf(out + len, n - len, " 0x%" PRIx64, rest);
}

/* ", word" for each named bit of flags. */
static void print_flag_words(const struct jh_name *tab, uint64_t flags)
{
	for (; tab->symbol; tab++)
		if (flags & tab->value)
			printf(", %s", tab->words);
}

static void print_console(const char *label, const struct cfg_console *c)
{
	if (c->type == JH_CON_TYPE_NONE && !c->address) {
		printf("%snone\n", label);
		return;
	}
	bool mmio = c->flags & JH_CON_ACCESS_MMIO;
	printf("%s%s (type %u) at %s 0x%" PRIx64 ", %s access, %s registers",
	       label, jh_words(jh_console_types, c->type, "unknown"), c->type,
	       mmio ? "address" : "port", c->address,
	       jh_words(jh_console_access, c->flags & JH_CON_ACCESS_MASK, "?"),
	       jh_words(jh_console_regdist, c->flags & JH_CON_REGDIST_MASK, "?"));
	if (c->size)
		printf(", size 0x%" PRIx32, c->size);
	if (c->divider)
		printf(", divider %" PRIu32, c->divider);
	printf(" (flags 0x%x)\n", c->flags);
}

static void print_iommus(const struct cfg_system *s)
{
	printf("IOMMU units: %zu\n", s->niommu);
	for (size_t i = 0; i < s->niommu; i++) {
		const struct cfg_iommu *u = &s->iommu[i];
		const char *type = jh_words(jh_iommu_types, u->type, NULL);
		if (type)
			printf("  %zu: %s", i, type);
		else
			printf("  %zu: type %" PRIu32, i, u->type);
		printf(" at 0x%" PRIx64 ", size 0x%" PRIx32, u->base, u->size);
		char bdf[FMT_BDF_LEN];
		if (u->type == JH_IOMMU_AMD)
			printf(", function %s, capability at 0x%02x, "
			       "MSI capability at 0x%02x, features 0x%08" PRIx32,
			       fmt_bdf(bdf, 0, u->amd_bdf, FMT_BDF_SHORT),
			       u->amd_base_cap, u->amd_msi_cap, u->amd_features);
		printf("\n");
	}
}

static void print_system(const struct cfg_system *s)
{
	printf("flags: 0x%" PRIx32, s->flags);
	if (s->flags & JH_SYS_VIRTUAL_DEBUG_CONSOLE)
		printf(" (%s)", jh_words(jh_system_flags,
					 JH_SYS_VIRTUAL_DEBUG_CONSOLE, ""));
	printf("\n");
	print_range("hypervisor memory: ", s->hypervisor_memory.phys_start,
		    s->hypervisor_memory.size);
	print_console("debug console: ", &s->debug_console);
	printf("PCI MMCONFIG: 0x%" PRIx64 ", buses 00-%02x, domain %04x%s\n",
	       s->pci_mmconfig_base, s->pci_mmconfig_end_bus, s->pci_domain,
	       s->pci_is_virtual ? ", virtual" : "");
	print_iommus(s);
	if (s->pm_timer_address)
		printf("PM timer: port 0x%x\n", s->pm_timer_address);
	else
		printf("PM timer: none\n");
	printf("interrupt limit: %" PRIu32 " (interrupt remapping entries)\n",
	       s->vtd_interrupt_limit);
	printf("APIC mode: %s\n", jh_words(jh_apic_modes, s->apic_mode, "unknown"));
	if (s->tsc_khz || s->apic_khz)
		printf("TSC: %" PRIu32 " kHz, APIC timer: %" PRIu32 " kHz\n",
		       s->tsc_khz, s->apic_khz);
}

/* CPUs as ranges: "0-3", "1,4-5". */
static void print_cpus(const struct cfg_cell *c)
{
	printf("  CPUs: ");
	size_t nbits = c->cpu_set_size * 8, count = 0;
	bool first = true;
	for (size_t i = 0; i < nbits; i++) {
		if (!((c->cpu_set[i / 8] >> (i % 8)) & 1))
			continue;
		size_t j = i;
		while (j + 1 < nbits && ((c->cpu_set[(j + 1) / 8] >> ((j + 1) % 8)) & 1))
			j++;
		printf(first ? "%zu" : ",%zu", i);
		if (j > i)
			printf("-%zu", j);
		count += j - i + 1;
		first = false;
		i = j;
	}
	printf("%s (%zu)\n", first ? "none" : "", count);
}

static void print_cell_flags(uint32_t flags)
{
	printf("  flags: 0x%" PRIx32, flags);
	print_flag_words(jh_cell_flags, flags);
	printf("\n");
}

static void print_memory(const struct cfg_cell *c)
{
	printf("  memory regions: %zu\n", c->nmem);
	for (size_t i = 0; i < c->nmem; i++) {
		const struct cfg_memory *m = &c->mem[i];
		char range[FMT_RANGE_LEN], size[FMT_SIZE_LEN], flags[200];
		memory_flags_words(m->flags, flags, sizeof(flags));
		printf("  %4zu: %s %12s  %s", i,
		       fmt_range(range, m->phys_start, m->size, 8),
		       fmt_size(size, m->size), flags);
		if (m->virt_start != m->phys_start)
			printf("  (cell address 0x%" PRIx64 ")", m->virt_start);
		printf("\n");
	}
}

static void print_irqchips(const struct cfg_cell *c)
{
	printf("  irqchips: %zu\n", c->nirqchips);
	for (size_t i = 0; i < c->nirqchips; i++) {
		const struct cfg_irqchip *q = &c->irqchips[i];
		unsigned pins = 0;
		for (int w = 0; w < 4; w++)
			pins += (unsigned)__builtin_popcount(q->pin_bitmap[w]);
		/* id: the IOMMU index above bit 16, the IOAPIC's BDF below */
		char bdf[FMT_BDF_LEN];
		printf("  %4zu: IOAPIC at 0x%" PRIx64 ", id 0x%" PRIx32
		       " (IOMMU %u, %s), pins from %" PRIu32
		       ", %u of 128 pins allowed\n", i, q->address, q->id,
		       q->id >> 16, fmt_bdf(bdf, 0, (uint16_t)q->id, FMT_BDF_SHORT),
		       q->pin_base, pins);
	}
}

static void print_pio(const struct cfg_cell *c)
{
	printf("  PIO ranges: %zu\n", c->npio);
	for (size_t i = 0; i < c->npio; i++) {
		const struct cfg_pio *p = &c->pio[i];
		printf("  %4zu: 0x%04x-0x%04x (%u port%s)\n", i, p->base,
		       p->length ? (unsigned)(p->base + p->length - 1) : p->base,
		       p->length, p->length == 1 ? "" : "s");
	}
}

static void print_msi(const struct cfg_pci_dev *d)
{
	if (d->num_msi_vectors)
		printf(", MSI %u vector%s%s%s", d->num_msi_vectors,
		       d->num_msi_vectors == 1 ? "" : "s",
		       d->msi_bits & 1 ? " 64-bit" : "",
		       d->msi_bits & 2 ? " maskable" : "");
	if (d->num_msix_vectors)
		printf(", MSI-X %u vector%s, table at 0x%" PRIx64
		       " (0x%x bytes)", d->num_msix_vectors,
		       d->num_msix_vectors == 1 ? "" : "s", d->msix_address,
		       d->msix_region_size);
	if (!d->num_msi_vectors && !d->num_msix_vectors)
		printf(", no MSI");
}

static void print_pci_devices(const struct cfg_cell *c)
{
	printf("  PCI devices: %zu\n", c->npci);
	for (size_t i = 0; i < c->npci; i++) {
		const struct cfg_pci_dev *d = &c->pci[i];
		char bdf[FMT_BDF_LEN];
		const char *type = jh_words(jh_pci_types, d->type, NULL);
		printf("  %4zu: %s ", i, fmt_bdf(bdf, d->domain, d->bdf,
						 FMT_BDF_FULL));
		if (type)
			printf("%s", type);
		else
			printf("type %u", d->type);
		printf(", IOMMU %u", d->iommu);
		if (d->num_caps)
			printf(", caps %u-%u", d->caps_start,
			       d->caps_start + d->num_caps - 1);
		else
			printf(", no caps");
		print_msi(d);
		if (d->type == JH_PCI_TYPE_IVSHMEM)
			printf(", shared memory from region %" PRIu32
			       ", peer %u of %u, protocol 0x%04x",
			       d->shmem_regions_start, d->shmem_dev_id,
			       d->shmem_peers, d->shmem_protocol);
		printf("\n");
	}
}

static void print_caps(const struct cfg_cell *c)
{
	printf("  PCI capabilities: %zu\n", c->ncaps);
	for (size_t i = 0; i < c->ncaps; i++) {
		const struct cfg_pci_cap *p = &c->caps[i];
		bool ext = p->id & JH_PCI_EXT_CAP;
		uint16_t id = p->id & (uint16_t)~JH_PCI_EXT_CAP;
		printf("  %4zu: %s0x%02x %s at 0x%x, %u bytes", i,
		       ext ? "extended " : "", id, jh_pci_cap_name(id, ext),
		       p->start, p->len);
		print_flag_words(jh_pci_cap_flags, p->flags);
		printf("\n");
	}
}

void cli_print_cell(const struct cfg_cell *c, bool root)
{
	char name[CFG_NAME_LEN + 1];
	memcpy(name, c->name, CFG_NAME_LEN);
	name[CFG_NAME_LEN] = '\0';
	/* 32 bytes straight from the file: escaped (cli_shown) */
	printf("%s: \"%s\"\n", root ? "root cell" : "cell", cli_shown(name));
	print_cell_flags(c->flags);
	print_cpus(c);
	if (!root || c->cpu_reset_address || c->console.type)
		print_console("  console: ", &c->console);
	if (c->cpu_reset_address)
		printf("  CPU reset address: 0x%" PRIx64 "\n", c->cpu_reset_address);
	if (c->vpci_irq_base)
		printf("  virtual PCI interrupt base: %" PRIu32 "\n", c->vpci_irq_base);
	print_memory(c);
	if (c->ncache) {
		printf("  cache regions: %zu\n", c->ncache);
		for (size_t i = 0; i < c->ncache; i++) {
			printf("  %4zu: start %" PRIu32 ", size %" PRIu32
			       ", type %u, flags 0x%x", i, c->cache[i].start,
			       c->cache[i].size, c->cache[i].type, c->cache[i].flags);
			print_flag_words(jh_cache_flags, c->cache[i].flags);
			printf("\n");
		}
	}
	print_irqchips(c);
	print_pio(c);
	print_pci_devices(c);
	print_caps(c);
	if (c->nstream_ids) {
		printf("  stream ids: %zu:", c->nstream_ids);
		for (size_t i = 0; i < c->nstream_ids; i++)
			printf(" 0x%" PRIx32, c->stream_ids[i]);
		printf("\n");
	}
}

static int show_file(const char *path, bool json, struct jh_error *err)
{
	struct cell_file f;
	size_t size = 0;
	int rc = jhconf_read_cell(path, &f, &size, err);
	if (!rc && json) {
		cli_print_cell_json(stdout, path, f.layout->revision,
				    f.is_system ? &f.system : NULL, &f.cell);
		cell_file_free(&f);
	} else if (!rc) {
		printf("file: %s\n", cli_shown(path));
		printf("kind: %s\n", f.is_system ?
		       "system configuration (root cell)" :
		       "cell configuration (non-root cell)");
		printf("revision: %d\n", f.layout->revision);
		printf("size: %zu bytes\n", size);
		if (f.is_system) {
			print_system(&f.system);
			cli_print_cell(&f.system.root, true);
		} else {
			cli_print_cell(&f.cell, false);
		}
		cell_file_free(&f);
	}
	return rc;
}

int cmd_show(int argc, char **argv)
{
	struct jh_error err = { 0 };
	struct cli_operands ops;
	bool json = false;
	enum cli_parse_result pr = cli_parse(argc, argv, &show_spec, show_option, &json, &ops,
					     &err);
	if (pr == CLI_PARSE_DONE)
		return JH_OK;
	if (pr == CLI_PARSE_OK) {
		if (ops.n == 0)
			jh_fail(&err, JH_BADINPUT,
				"show: no FILE.cell given (try jhconf show --help)");
		else if (ops.n > 1)
			jh_fail(&err, JH_BADINPUT,
				"show: one FILE.cell at a time ('%s' and '%s')",
				cli_shown(ops.v[0]), cli_shown(ops.v[1]));
		else if (!*ops.v[0])  /* fopen("") would say only "No such file" */
			jh_fail(&err, JH_BADINPUT,
				"show: an empty file name (give a FILE.cell)");
		else
			show_file(ops.v[0], json, &err);
	}
	cli_operands_free(&ops);
	int status = err.msg ? cli_report(&err) : JH_OK;
	jh_error_clear(&err);
	return status;  /* main() flushes stdout and reports a failure */
}
