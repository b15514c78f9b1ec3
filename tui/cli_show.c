/* `jhconf show FILE.cell`: a .cell file of revision 12, 13 or 14 in
 * plain words. All decoding is core/read_cell.c; this file only words
 * what the reader returns. */
#include "cellfmt/cellfmt.h"
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Far more than any configuration needs; a bigger file is not one. */
#define SHOW_MAX_FILE (16u << 20)

static void show_usage(FILE *f)
{
	fprintf(f,
		"usage: jhconf show [--help] FILE.cell\n\n"
		"Print a Jailhouse configuration (.cell, revision 12, 13 or 14;\n"
		"a root cell's system configuration or an inmate cell) in plain\n"
		"words. Exit status 0, or 2 when the file is not a valid one.\n");
}

static int read_whole_file(const char *path, struct buf *out,
			   struct jh_error *err)
{
	/* never blocks: a FIFO (or a link to one) opens at once with
	 * O_NONBLOCK and is refused before anything is read */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return jh_fail(err, JH_BADINPUT, "%s: %s", path, strerror(errno));
	struct stat st;
	FILE *f = NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    !(f = fdopen(fd, "rb"))) {
		close(fd);
		return jh_fail(err, JH_BADINPUT, "%s: not a regular file, so not a cell configuration",
			       path);
	}
	unsigned char chunk[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (out->len + n > SHOW_MAX_FILE) {
			rc = jh_fail(err, JH_BADINPUT,
				     "%s: larger than %u bytes, not a cell "
				     "configuration", path, SHOW_MAX_FILE);
			break;
		}
		buf_append(out, chunk, n);
	}
	if (!rc && ferror(f))
		rc = jh_fail(err, JH_BADINPUT, "%s: cannot read: %s", path,
			     strerror(errno ? errno : EIO));
	fclose(f);
	return rc;
}

/* "6 MiB", "640 KiB", or the byte count when it is not a round unit. */
static void size_words(uint64_t size, char *out, size_t n)
{
	static const char *const units[] = { "GiB", "MiB", "KiB" };
	for (int i = 0; i < 3; i++) {
		uint64_t unit = 1ull << (10 * (3 - i));
		if (size && size % unit == 0) {
			snprintf(out, n, "%" PRIu64 " %s", size / unit, units[i]);
			return;
		}
	}
	snprintf(out, n, "%" PRIu64 " bytes", size);
}

static void print_range(const char *label, uint64_t start, uint64_t size)
{
	char words[32];
	size_words(size, words, sizeof(words));
	printf("%s0x%08" PRIx64 "-0x%08" PRIx64 " (%s)\n", label, start,
	       size ? start + size - 1 : start, words);
}

/* Memory flags: R, W, X (or '-') and the other bits as words. */
static void memory_flags_words(uint64_t flags, char *out, size_t n)
{
	static const struct { uint64_t bit; const char *word; } named[] = {
		{ JH_MEM_DMA, "DMA" }, { JH_MEM_IO, "IO" },
		{ JH_MEM_COMM_REGION, "comm-region" },
		{ JH_MEM_LOADABLE, "loadable" },
		{ JH_MEM_ROOTSHARED, "root-shared" },
		{ JH_MEM_NO_HUGEPAGES, "no-hugepages" },
		{ JH_MEM_IO_UNALIGNED, "IO-unaligned" },
	};
	size_t len = (size_t)snprintf(out, n, "%c%c%c",
		flags & JH_MEM_READ ? 'R' : '-',
		flags & JH_MEM_WRITE ? 'W' : '-',
		flags & JH_MEM_EXECUTE ? 'X' : '-');
	uint64_t rest = flags & ~(uint64_t)(JH_MEM_READ | JH_MEM_WRITE |
					    JH_MEM_EXECUTE);
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (!(rest & named[i].bit) || len >= n)
			continue;
		len += (size_t)snprintf(out + len, n - len, " %s", named[i].word);
		rest &= ~named[i].bit;
	}
	/* bits 16..19: the access width for sub-page IO regions */
	uint64_t width = (rest >> 16) & 0xf;
	if (width && len < n) {
		len += (size_t)snprintf(out + len, n - len, " IO-width-%d",
					(int)(width * 8));
		rest &= ~(uint64_t)(0xf << 16);
	}
	if (rest && len < n)
		snprintf(out + len, n - len, " 0x%" PRIx64, rest);
}

static const char *console_type_name(uint16_t type)
{
	static const char *const names[] = {
		"none", "EFI framebuffer", "8250 UART", "PL011 UART",
		"Xilinx UART", "Marvell UART", "HSCIF UART", "SCIFA UART",
		"i.MX UART", "i.MX LPUART", "SCIF UART",
	};
	return type < sizeof(names) / sizeof(names[0]) ? names[type] : "unknown";
}

static void print_console(const char *label, const struct cfg_console *c)
{
	if (c->type == JH_CON_TYPE_NONE && !c->address) {
		printf("%snone\n", label);
		return;
	}
	bool mmio = c->flags & JH_CON_ACCESS_MMIO;
	printf("%s%s (type %u) at %s 0x%" PRIx64 ", %s access, %s registers",
	       label, console_type_name(c->type), c->type,
	       mmio ? "address" : "port", c->address, mmio ? "MMIO" : "PIO",
	       c->flags & JH_CON_REGDIST_4 ? "32-bit, 4 bytes apart" : "8-bit");
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
		const char *type = u->type == JH_IOMMU_INTEL ? "Intel VT-d" :
				   u->type == JH_IOMMU_AMD ? "AMD-Vi" : "type";
		printf("  %zu: %s", i, type);
		if (u->type != JH_IOMMU_INTEL && u->type != JH_IOMMU_AMD)
			printf(" %" PRIu32, u->type);
		printf(" at 0x%" PRIx64 ", size 0x%" PRIx32, u->base, u->size);
		if (u->type == JH_IOMMU_AMD)
			printf(", function %02x:%02x.%x, capability at 0x%02x, "
			       "MSI capability at 0x%02x, features 0x%08" PRIx32,
			       u->amd_bdf >> 8, (u->amd_bdf >> 3) & 0x1f,
			       u->amd_bdf & 7, u->amd_base_cap, u->amd_msi_cap,
			       u->amd_features);
		printf("\n");
	}
}

static void print_system(const struct cfg_system *s)
{
	printf("flags: 0x%" PRIx32 "%s\n", s->flags,
	       s->flags & JH_SYS_VIRTUAL_DEBUG_CONSOLE ?
	       " (the root cell may read the virtual debug console)" : "");
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
	static const char *const modes[] = { "auto", "xAPIC", "x2APIC" };
	printf("APIC mode: %s\n", s->apic_mode < 3 ? modes[s->apic_mode] : "unknown");
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
	if (flags & JH_CELL_PASSIVE_COMMREG)
		printf(", passive communication region");
	if (flags & JH_CELL_TEST_DEVICE)
		printf(", test device");
	if (flags & JH_CELL_VIRTUAL_CONSOLE_PERMITTED)
		printf(", virtual console permitted");
	if (flags & JH_CELL_VIRTUAL_CONSOLE_ACTIVE)
		printf(", virtual console active");
	printf("\n");
}

static void print_memory(const struct cfg_cell *c)
{
	printf("  memory regions: %zu\n", c->nmem);
	for (size_t i = 0; i < c->nmem; i++) {
		const struct cfg_memory *m = &c->mem[i];
		char size[32], flags[160];
		size_words(m->size, size, sizeof(size));
		memory_flags_words(m->flags, flags, sizeof(flags));
		printf("  %4zu: 0x%08" PRIx64 "-0x%08" PRIx64 " %12s  %s",
		       i, m->phys_start,
		       m->size ? m->phys_start + m->size - 1 : m->phys_start,
		       size, flags);
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
		printf("  %4zu: IOAPIC at 0x%" PRIx64 ", id 0x%" PRIx32
		       " (IOMMU %u, %02x:%02x.%x), pins from %" PRIu32
		       ", %u of 128 pins allowed\n", i, q->address, q->id,
		       q->id >> 16, (q->id >> 8) & 0xff, (q->id >> 3) & 0x1f,
		       q->id & 7, q->pin_base, pins);
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
	static const char *const types[] = { "type 0", "device", "bridge", "ivshmem" };
	printf("  PCI devices: %zu\n", c->npci);
	for (size_t i = 0; i < c->npci; i++) {
		const struct cfg_pci_dev *d = &c->pci[i];
		printf("  %4zu: %04x:%02x:%02x.%x %s, IOMMU %u", i, d->domain,
		       d->bdf >> 8, (d->bdf >> 3) & 0x1f, d->bdf & 7,
		       d->type < 4 ? types[d->type] : "unknown type", d->iommu);
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

static const char *cap_name(uint16_t id)
{
	static const struct { uint16_t id; const char *name; } names[] = {
		{ 0x01, "power management" }, { 0x03, "VPD" }, { 0x05, "MSI" },
		{ 0x08, "HyperTransport" }, { 0x09, "vendor-specific" },
		{ 0x0d, "bridge subsystem ids" }, { 0x10, "PCI Express" },
		{ 0x11, "MSI-X" }, { 0x12, "SATA" }, { 0x13, "advanced features" },
		{ JH_PCI_EXT_CAP | 0x00, "empty extended" },
		{ JH_PCI_EXT_CAP | 0x01, "AER" },
		{ JH_PCI_EXT_CAP | 0x02, "virtual channel" },
		{ JH_PCI_EXT_CAP | 0x03, "serial number" },
		{ JH_PCI_EXT_CAP | 0x04, "power budgeting" },
		{ JH_PCI_EXT_CAP | 0x0b, "vendor-specific" },
		{ JH_PCI_EXT_CAP | 0x0d, "ACS" },
		{ JH_PCI_EXT_CAP | 0x0e, "ARI" },
		{ JH_PCI_EXT_CAP | 0x0f, "ATS" },
		{ JH_PCI_EXT_CAP | 0x10, "SR-IOV" },
		{ JH_PCI_EXT_CAP | 0x13, "PRI" },
		{ JH_PCI_EXT_CAP | 0x15, "resizable BAR" },
		{ JH_PCI_EXT_CAP | 0x17, "TPH" },
		{ JH_PCI_EXT_CAP | 0x18, "LTR" },
		{ JH_PCI_EXT_CAP | 0x19, "secondary PCI Express" },
		{ JH_PCI_EXT_CAP | 0x1b, "PASID" },
		{ JH_PCI_EXT_CAP | 0x1e, "L1 PM substates" },
		{ JH_PCI_EXT_CAP | 0x1f, "PTM" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].id == id)
			return names[i].name;
	return NULL;
}

static void print_caps(const struct cfg_cell *c)
{
	printf("  PCI capabilities: %zu\n", c->ncaps);
	for (size_t i = 0; i < c->ncaps; i++) {
		const struct cfg_pci_cap *p = &c->caps[i];
		const char *name = cap_name(p->id);
		bool ext = p->id & JH_PCI_EXT_CAP;
		printf("  %4zu: %s0x%02x %s at 0x%x, %u bytes%s\n", i,
		       ext ? "extended " : "", p->id & ~JH_PCI_EXT_CAP,
		       name ? name : "(unnamed)", p->start, p->len,
		       p->flags & JH_PCICAPS_WRITE ? ", writable" : "");
	}
}

static void print_cell(const struct cfg_cell *c, bool root)
{
	char name[CFG_NAME_LEN + 1];
	memcpy(name, c->name, CFG_NAME_LEN);
	name[CFG_NAME_LEN] = '\0';
	printf("%s: \"%s\"\n", root ? "root cell" : "cell", name);
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
		for (size_t i = 0; i < c->ncache; i++)
			printf("  %4zu: start %" PRIu32 ", size %" PRIu32
			       ", type %u, flags 0x%x\n", i, c->cache[i].start,
			       c->cache[i].size, c->cache[i].type, c->cache[i].flags);
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

static int show_file(const char *path, struct jh_error *err)
{
	struct buf data = { 0 };
	if (read_whole_file(path, &data, err)) {
		buf_free(&data);
		return -1;
	}
	struct cell_file f;
	int rc = cell_read(path, data.data, data.len, &f, err);
	if (!rc) {
		printf("file: %s\n", path);
		printf("kind: %s\n", f.is_system ?
		       "system configuration (root cell)" :
		       "cell configuration (non-root cell)");
		printf("revision: %d\n", f.layout->revision);
		printf("size: %zu bytes\n", data.len);
		if (f.is_system) {
			print_system(&f.system);
			print_cell(&f.system.root, true);
		} else {
			print_cell(&f.cell, false);
		}
		cell_file_free(&f);
	}
	buf_free(&data);
	return rc;
}

int cmd_show(int argc, char **argv)
{
	const char *file = NULL;
	struct jh_error err = { 0 };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			show_usage(stdout);
			return JH_OK;
		}
		if (a[0] == '-' && a[1] && strcmp(a, "--")) {
			jh_fail(&err, JH_BADINPUT, "show: unknown option '%s' "
				"(try jhconf show --help)", a);
			break;
		}
		if (!strcmp(a, "--") && i + 1 < argc)
			a = argv[++i];
		if (file) {
			jh_fail(&err, JH_BADINPUT,
				"show: one FILE.cell at a time ('%s' and '%s')",
				file, a);
			break;
		}
		file = a;
	}
	if (!err.msg && !file)
		jh_fail(&err, JH_BADINPUT,
			"show: no FILE.cell given (try jhconf show --help)");
	if (!err.msg)
		show_file(file, &err);
	int status = err.msg ? cli_report(&err) : JH_OK;
	jh_error_clear(&err);
	fflush(stdout);
	return status;
}
