/* SPDX-License-Identifier: GPL-2.0-only */
/* Writes the snapshot tree of a large, consistent Intel machine for the
 * scale tests and `make bench`, and prints what a root cell for it must
 * hold, counted here from what was written (not by jhconf).
 *
 * usage: gen_machine SCALE OUTDIR      (SCALE 1, 2, 4, ...)
 *
 * At scale 1: 256 CPUs (MADT local APICs, x2APIC entries from id 255 on,
 * sysfs cpuN folders, /proc/cpuinfo), 1024 PCI functions (4 on bus 0, 31
 * root ports each with a bus of up to 32 endpoint functions; every
 * endpoint has MSI, MSI-X with its table in BAR 0, and three BARs), 4
 * DRHD units (three reach their root ports through bridge scopes, the last
 * includes all other devices and the two IOAPICs), about 5000 /proc/iomem
 * lines, MCFG, a revision 6 FADT with the PM timer, cmdline, UARTs. SCALE
 * multiplies the CPUs, the PCI functions and so the iomem lines; the
 * IOAPICs and IOMMUs stay (a bigger machine of the same kind).
 *
 * Printed on stdout, one "key value" per line: cpus, pci, irqchips,
 * iommus, iommu0..iommu3 (devices each unit covers), msix (devices with
 * MSI-X), mem (memory regions), iomem_lines. Each count is explained
 * where the files are written. No Python, no jhconf code: an independent
 * statement of the machine. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FUNCS_PER_SCALE 1024
#define CPUS_PER_SCALE 256
#define BUS0_FUNCS 4            /* host bridge, LPC, SATA, SMBus */
#define ENDPOINTS_PER_BUS 32    /* devices 0-3, functions 0-7 */
#define N_DRHD 4
#define N_IOAPIC 2

/* Root port r's memory window and the BARs of its endpoints in it. */
#define MMIO_BASE 0x90000000ull
#define MMIO_END 0xfbffffffull
#define WINDOW_SIZE 0x400000ull
#define BAR0_SIZE 0x4000ull     /* MSI-X table at 0x2000, PBA at 0x3000 */
#define BAR2_SIZE 0x1000ull
#define BAR4_SIZE 0x10000ull
#define BAR2_AREA 0x80000ull
#define BAR4_AREA 0x200000ull
#define MSIX_VECTORS 32
#define MSIX_TABLE_OFF 0x2000u

static const char *outdir;

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "gen_machine: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(2);
}

/* mkdir -p of OUTDIR/rel */
static void make_dirs(const char *rel)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", outdir, rel);
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(path, 0755) && errno != EEXIST)
			die("%s: %s", path, strerror(errno));
		*p = '/';
	}
	if (mkdir(path, 0755) && errno != EEXIST)
		die("%s: %s", path, strerror(errno));
}

static FILE *create(const char *rel)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", outdir, rel);
	char *slash = strrchr(path, '/');
	*slash = 0;
	make_dirs(path + strlen(outdir) + 1);
	*slash = '/';
	FILE *f = fopen(path, "wb");
	if (!f)
		die("%s: %s", path, strerror(errno));
	return f;
}

static void done(FILE *f)
{
	if (fclose(f) != 0)
		die("write error: %s", strerror(errno));
}

static void write_bytes(const char *rel, const void *data, size_t len)
{
	FILE *f = create(rel);
	fwrite(data, 1, len, f);
	done(f);
}

static void write_text(const char *rel, const char *fmt, ...)
{
	FILE *f = create(rel);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	done(f);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

/* ---- ACPI ---- */

/* The 36-byte header; the checksum makes the whole table sum to 0. */
static void acpi_finish(uint8_t *t, const char *sig, uint32_t len, uint8_t rev)
{
	memcpy(t, sig, 4);
	put32(t + 4, len);
	t[8] = rev;
	memcpy(t + 10, "JHCONF", 6);
	memcpy(t + 16, "GENERATE", 8);
	put32(t + 24, 1);
	memcpy(t + 28, "JHCF", 4);
	put32(t + 32, 1);
	t[9] = 0;
	uint8_t sum = 0;
	for (uint32_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + t[i]);
	t[9] = (uint8_t)(0 - sum);
}

static void write_madt(unsigned ncpus)
{
	size_t cap = 44 + (size_t)ncpus * 16 + N_IOAPIC * 12;
	uint8_t *t = calloc(1, cap);
	put32(t + 36, 0xfee00000);      /* local APIC address */
	put32(t + 40, 1);               /* PC-AT compatible */
	size_t off = 44;
	for (unsigned c = 0; c < ncpus; c++) {
		if (c < 255) {          /* processor local APIC */
			t[off] = 0;
			t[off + 1] = 8;
			t[off + 2] = (uint8_t)c;
			t[off + 3] = (uint8_t)c;
			put32(t + off + 4, 1);
			off += 8;
		} else {                /* local x2APIC: ids from 255 on */
			t[off] = 9;
			t[off + 1] = 16;
			put32(t + off + 4, c);
			put32(t + off + 8, 1);
			put32(t + off + 12, c);
			off += 16;
		}
	}
	for (unsigned i = 0; i < N_IOAPIC; i++) {
		t[off] = 1;
		t[off + 1] = 12;
		t[off + 2] = (uint8_t)i;                /* IOAPIC id */
		put32(t + off + 4, 0xfec00000u + i * 0x1000u);
		put32(t + off + 8, i * 24);             /* GSI base */
		off += 12;
	}
	acpi_finish(t, "APIC", (uint32_t)off, 4);
	write_bytes("sys/firmware/acpi/tables/APIC", t, off);
	free(t);
}

static void write_mcfg(void)
{
	uint8_t t[60] = { 0 };
	put64(t + 44, 0x80000000ull);   /* ECAM base */
	put16(t + 52, 0);               /* segment */
	t[54] = 0;                      /* buses 00-ff */
	t[55] = 0xff;
	acpi_finish(t, "MCFG", sizeof(t), 1);
	write_bytes("sys/firmware/acpi/tables/MCFG", t, sizeof(t));
}

static void write_fadt(void)
{
	uint8_t t[276] = { 0 };
	put16(t + 46, 9);               /* SCI interrupt */
	put32(t + 76, 0x608);           /* PM_TMR_BLK */
	t[91] = 4;                      /* PM_TMR_LEN */
	put16(t + 109, 0x3);            /* IAPC_BOOT_ARCH: legacy devices, 8042 */
	put32(t + 112, 0x4a5);          /* flags (no HW_REDUCED) */
	t[208] = 1;                     /* X_PM_TMR_BLK: system I/O */
	t[209] = 32;
	t[211] = 3;
	put64(t + 212, 0x608);
	acpi_finish(t, "FACP", sizeof(t), 6);
	write_bytes("sys/firmware/acpi/tables/FACP", t, sizeof(t));
}

/* ---- the PCI topology ---- */

struct topo {
	unsigned funcs, roots, endpoints;
	unsigned *per_bus;      /* endpoints behind root port r */
};

static unsigned root_bus(unsigned r) { return r + 1; }
static unsigned root_dev(unsigned r) { return 1 + r / 8; }
static unsigned root_fn(unsigned r) { return r % 8; }

/* The DRHD unit that reaches root port r: the first three take every
 * fourth port through bridge scopes, the last (INCLUDE_PCI_ALL) the rest. */
static unsigned root_unit(unsigned r) { return r % 4 < 3 ? r % 4 : 3; }

static void plan_topology(unsigned scale, struct topo *t)
{
	t->funcs = FUNCS_PER_SCALE * scale;
	/* each root port brings itself and up to 32 endpoints */
	unsigned rest = t->funcs - BUS0_FUNCS;
	t->roots = (rest + ENDPOINTS_PER_BUS) / (ENDPOINTS_PER_BUS + 1);
	if (t->roots > 240 || root_bus(t->roots - 1) > 0xef)
		die("scale %u needs more buses than one segment has", scale);
	t->endpoints = rest - t->roots;
	t->per_bus = calloc(t->roots, sizeof(*t->per_bus));
	unsigned left = t->endpoints;
	for (unsigned r = 0; r < t->roots; r++) {
		t->per_bus[r] = left > ENDPOINTS_PER_BUS ? ENDPOINTS_PER_BUS : left;
		left -= t->per_bus[r];
	}
	if (left)
		die("internal: %u endpoints left over", left);
	if (MMIO_BASE + t->roots * WINDOW_SIZE - 1 > MMIO_END)
		die("scale %u: the MMIO windows do not fit", scale);
}

static uint64_t window_base(unsigned r) { return MMIO_BASE + r * WINDOW_SIZE; }
static uint64_t bar0_of(unsigned r, unsigned e) { return window_base(r) + e * BAR0_SIZE; }
static uint64_t bar2_of(unsigned r, unsigned e) { return window_base(r) + BAR2_AREA + e * BAR2_SIZE; }
static uint64_t bar4_of(unsigned r, unsigned e) { return window_base(r) + BAR4_AREA + e * BAR4_SIZE; }

/* Endpoints: three kinds of real devices, all named in pci.ids. */
static const struct { uint16_t vendor, device; uint32_t cls; const char *driver; }
endpoint_kinds[] = {
	{ 0x8086, 0x1572, 0x020000, "i40e" },      /* Intel X710 */
	{ 0x15b3, 0x1017, 0x020000, "mlx5_core" }, /* ConnectX-5 */
	{ 0x144d, 0xa808, 0x010802, "nvme" },      /* Samsung NVMe */
};

struct pci_fn {
	unsigned bus, dev, fn;
	uint16_t vendor, device;
	uint32_t cls;
	uint8_t config[4096];
	size_t config_len;
	char resource[17][64];
	unsigned nres;
	const char *driver;
	int irq;
};

static void fn_header(struct pci_fn *f, uint16_t vendor, uint16_t device,
		      uint32_t cls, uint8_t header_type)
{
	memset(f->config, 0, sizeof(f->config));
	put16(f->config + 0x00, vendor);
	put16(f->config + 0x02, device);
	put16(f->config + 0x04, 0x0406);        /* memory, bus master, no INTx */
	put16(f->config + 0x06, 0x0010);        /* capability list */
	f->config[0x08] = 1;                    /* revision */
	f->config[0x09] = (uint8_t)cls;
	f->config[0x0a] = (uint8_t)(cls >> 8);
	f->config[0x0b] = (uint8_t)(cls >> 16);
	f->config[0x0e] = header_type;
	f->vendor = vendor;
	f->device = device;
	f->cls = cls;
	f->config_len = 4096;
	f->nres = 13;
	for (unsigned i = 0; i < 17; i++)
		snprintf(f->resource[i], sizeof(f->resource[i]),
			 "0x%016x 0x%016x 0x%016x", 0, 0, 0);
}

static void fn_resource(struct pci_fn *f, unsigned line, uint64_t start,
			uint64_t size, uint64_t flags)
{
	snprintf(f->resource[line], sizeof(f->resource[line]),
		 "0x%016llx 0x%016llx 0x%016llx", (unsigned long long)start,
		 (unsigned long long)(start + size - 1), (unsigned long long)flags);
}

/* A capability's id and next pointer. */
static void cap(struct pci_fn *f, unsigned at, uint8_t id, uint8_t next)
{
	f->config[at] = id;
	f->config[at + 1] = next;
}

/* AER as the only extended capability (PCI Express functions). */
static void ext_aer(struct pci_fn *f)
{
	put32(f->config + 0x100, 0x0001u | 2u << 16);  /* id 1, version 2, last */
}

static void make_endpoint(struct pci_fn *f, unsigned r, unsigned e)
{
	unsigned kind = e % 3;
	f->bus = root_bus(r);
	f->dev = e / 8;
	f->fn = e % 8;
	f->driver = endpoint_kinds[kind].driver;
	f->irq = 32 + (int)(e % 16);
	fn_header(f, endpoint_kinds[kind].vendor, endpoint_kinds[kind].device,
		  endpoint_kinds[kind].cls, e == 0 ? 0x80 : 0x00);
	uint64_t b0 = bar0_of(r, e), b2 = bar2_of(r, e), b4 = bar4_of(r, e);
	put32(f->config + 0x10, (uint32_t)b0 | 0x4);           /* 64-bit */
	put32(f->config + 0x14, (uint32_t)(b0 >> 32));
	put32(f->config + 0x18, (uint32_t)b2);                 /* 32-bit */
	put32(f->config + 0x20, (uint32_t)b4 | 0xc);           /* 64-bit prefetchable */
	put32(f->config + 0x24, (uint32_t)(b4 >> 32));
	put16(f->config + 0x2c, endpoint_kinds[kind].vendor);
	put16(f->config + 0x2e, 0x0001);
	f->config[0x34] = 0x40;
	f->config[0x3c] = (uint8_t)f->irq;
	f->config[0x3d] = 1;
	cap(f, 0x40, 0x01, 0x50);                               /* PM */
	put16(f->config + 0x42, 0x0003);
	cap(f, 0x50, 0x05, 0x70);                               /* MSI */
	put16(f->config + 0x52, 0x0184);  /* 64-bit, maskable, 4 vectors */
	cap(f, 0x70, 0x10, 0xb0);                               /* PCIe v2 endpoint */
	put16(f->config + 0x72, 0x0002);
	cap(f, 0xb0, 0x11, 0x00);                               /* MSI-X */
	put16(f->config + 0xb2, MSIX_VECTORS - 1);
	put32(f->config + 0xb4, MSIX_TABLE_OFF | 0);            /* BAR 0 */
	put32(f->config + 0xb8, 0x3000 | 0);
	ext_aer(f);
	fn_resource(f, 0, b0, BAR0_SIZE, 0x140204);
	fn_resource(f, 2, b2, BAR2_SIZE, 0x40200);
	fn_resource(f, 4, b4, BAR4_SIZE, 0x14220c);
}

static void make_root_port(struct pci_fn *f, unsigned r)
{
	f->bus = 0;
	f->dev = root_dev(r);
	f->fn = root_fn(r);
	f->driver = "pcieport";
	f->irq = 24 + (int)(r % 8);
	fn_header(f, 0x8086, 0x2030, 0x060400, 0x01);
	f->config[0x18] = 0;                    /* primary bus */
	f->config[0x19] = (uint8_t)root_bus(r); /* secondary */
	f->config[0x1a] = (uint8_t)root_bus(r); /* subordinate */
	uint64_t w = window_base(r);
	put16(f->config + 0x20, (uint16_t)(w >> 16));
	put16(f->config + 0x22, (uint16_t)((w + WINDOW_SIZE - 1) >> 16));
	f->config[0x34] = 0x40;
	cap(f, 0x40, 0x10, 0x80);                               /* PCIe v2 root port */
	put16(f->config + 0x42, 0x0042);
	cap(f, 0x80, 0x05, 0x00);                               /* MSI, 64-bit */
	put16(f->config + 0x82, 0x0080);
	ext_aer(f);
	f->nres = 17;
	fn_resource(f, 14, w, WINDOW_SIZE, 0x200);
}

/* Bus 0's own functions: conventional PCI (256 bytes of config space),
 * no BARs; SATA has MSI. */
static void make_bus0(struct pci_fn *f, unsigned i)
{
	static const struct { unsigned dev, fn; uint16_t device; uint32_t cls;
			      const char *driver; } b0[BUS0_FUNCS] = {
		{ 0x00, 0, 0x29c0, 0x060000, NULL },
		{ 0x1f, 0, 0x2918, 0x060100, "lpc_ich" },
		{ 0x1f, 2, 0x2922, 0x010601, "ahci" },
		{ 0x1f, 3, 0x2930, 0x0c0500, "i801_smbus" },
	};
	f->bus = 0;
	f->dev = b0[i].dev;
	f->fn = b0[i].fn;
	f->driver = b0[i].driver;
	f->irq = i == 2 ? 40 : 10;
	fn_header(f, 0x8086, b0[i].device, b0[i].cls, i == 1 ? 0x80 : 0x00);
	f->config_len = 256;
	if (i == 2) {
		f->config[0x34] = 0x80;
		cap(f, 0x80, 0x05, 0x00);
		put16(f->config + 0x82, 0x0080);
	} else {
		put16(f->config + 0x06, 0);     /* no capabilities */
	}
}

static void write_fn(const struct pci_fn *f)
{
	char dir[256], rel[320];
	snprintf(dir, sizeof(dir), "sys/bus/pci/devices/0000:%02x:%02x.%x",
		 f->bus, f->dev, f->fn);
	make_dirs(dir);
	snprintf(rel, sizeof(rel), "%s/config", dir);
	write_bytes(rel, f->config, f->config_len);
	snprintf(rel, sizeof(rel), "%s/resource", dir);
	FILE *o = create(rel);
	for (unsigned i = 0; i < f->nres; i++)
		fprintf(o, "%s\n", f->resource[i]);
	done(o);
	snprintf(rel, sizeof(rel), "%s/vendor", dir);
	write_text(rel, "0x%04x\n", f->vendor);
	snprintf(rel, sizeof(rel), "%s/device", dir);
	write_text(rel, "0x%04x\n", f->device);
	snprintf(rel, sizeof(rel), "%s/class", dir);
	write_text(rel, "0x%06x\n", f->cls);
	snprintf(rel, sizeof(rel), "%s/irq", dir);
	write_text(rel, "%d\n", f->irq);
	snprintf(rel, sizeof(rel), "%s/uevent", dir);
	write_text(rel, "%s%s%sPCI_CLASS=%X\nPCI_ID=%04X:%04X\nPCI_SLOT_NAME=0000:%02x:%02x.%x\n",
		   f->driver ? "DRIVER=" : "", f->driver ? f->driver : "",
		   f->driver ? "\n" : "", f->cls, f->vendor, f->device,
		   f->bus, f->dev, f->fn);
}

/* ---- DMAR ---- */

static size_t drhd(uint8_t *t, size_t off, uint8_t flags, uint64_t base)
{
	put16(t + off, 0);              /* type: DRHD */
	t[off + 4] = flags;
	put16(t + off + 6, 0);          /* segment */
	put64(t + off + 8, base);
	return off + 16;
}

static size_t scope(uint8_t *t, size_t off, uint8_t type, uint8_t enum_id,
		    uint8_t bus, uint8_t dev, uint8_t fn)
{
	t[off] = type;
	t[off + 1] = 8;
	t[off + 4] = enum_id;
	t[off + 5] = bus;
	t[off + 6] = dev;
	t[off + 7] = fn;
	return off + 8;
}

static void write_dmar(const struct topo *tp)
{
	size_t cap = 48 + N_DRHD * 16 + (tp->roots + N_IOAPIC) * 8;
	uint8_t *t = calloc(1, cap);
	t[36] = 45;                     /* host address width - 1 */
	t[37] = 1;                      /* interrupt remapping */
	size_t off = 48;
	for (unsigned u = 0; u < N_DRHD; u++) {
		size_t start = off;
		bool all = u == N_DRHD - 1;
		off = drhd(t, off, all ? 1 : 0, 0xfed90000ull + u * 0x1000);
		for (unsigned r = 0; r < tp->roots && !all; r++)
			if (root_unit(r) == u)  /* bridge scope: the port's subtree */
				off = scope(t, off, 2, 0, 0, (uint8_t)root_dev(r),
					    (uint8_t)root_fn(r));
		for (unsigned i = 0; i < N_IOAPIC && all; i++)
			off = scope(t, off, 3, (uint8_t)i, 0xf0, 0x1f, (uint8_t)i);
		put16(t + start + 2, (uint16_t)(off - start));
	}
	acpi_finish(t, "DMAR", (uint32_t)off, 1);
	write_bytes("sys/firmware/acpi/tables/DMAR", t, off);
	free(t);
}

/* ---- /proc ---- */

static unsigned iomem_lines;

static void iomem(FILE *f, unsigned depth, uint64_t start, uint64_t size,
		  const char *fmt, ...)
{
	va_list ap;
	fprintf(f, "%*s%08llx-%08llx : ", (int)depth * 2, "",
		(unsigned long long)start, (unsigned long long)(start + size - 1));
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	iomem_lines++;
}

/* Returns the number of memory regions Jailhouse's rules make of it
 * (counted line by line below). */
static unsigned write_iomem(const struct topo *tp)
{
	FILE *f = create("proc/iomem");
	unsigned regions = 0;
	iomem(f, 0, 0x0, 0x1000, "Reserved");                  /* dropped */
	iomem(f, 0, 0x1000, 0x9f000, "System RAM");            /* 1: low RAM */
	regions++;
	iomem(f, 0, 0xa0000, 0x20000, "PCI Bus 0000:00");      /* 1: the VGA window is kept */
	regions++;
	iomem(f, 0, 0xc0000, 0x8000, "Video ROM");             /* 1: becomes "ROMs" */
	regions++;
	iomem(f, 0, 0xf0000, 0x10000, "Reserved");             /* dropped */
	/* RAM with the kernel inside: its pieces merge again; the
	 * hypervisor window at 0x3a000000 (0x5200000 bytes) then splits
	 * it in two: 2, plus the inmate memory region: 1 */
	iomem(f, 0, 0x100000, 0x7ff00000, "System RAM");
	iomem(f, 1, 0x1000000, 0x1000000, "Kernel code");
	iomem(f, 1, 0x2000000, 0x800000, "Kernel rodata");
	iomem(f, 1, 0x2800000, 0x800000, "Kernel data");
	iomem(f, 1, 0x3000000, 0x400000, "Kernel bss");
	regions += 3;
	iomem(f, 0, 0x80000000, 0x10000000, "PCI MMCONFIG 0000 [bus 00-ff]");  /* dropped */
	iomem(f, 1, 0x80000000, 0x10000000, "Reserved");
	iomem(f, 0, MMIO_BASE, MMIO_END - MMIO_BASE + 1, "PCI Bus 0000:00");
	for (unsigned r = 0; r < tp->roots; r++) {
		iomem(f, 1, window_base(r), WINDOW_SIZE, "PCI Bus 0000:%02x", root_bus(r));
		for (unsigned e = 0; e < tp->per_bus[r]; e++) {
			const char *drv = endpoint_kinds[e % 3].driver;
			char slot[32];
			snprintf(slot, sizeof(slot), "0000:%02x:%02x.%x",
				 root_bus(r), e / 8, e % 8);
			/* BAR 0 with its driver: the MSI-X table page in
			 * the middle is cut out, 2 regions remain */
			iomem(f, 2, bar0_of(r, e), BAR0_SIZE, "%s", slot);
			iomem(f, 3, bar0_of(r, e), BAR0_SIZE, "%s", drv);
			/* BAR 2 with its driver: 1 region */
			iomem(f, 2, bar2_of(r, e), BAR2_SIZE, "%s", slot);
			iomem(f, 3, bar2_of(r, e), BAR2_SIZE, "%s", drv);
			/* BAR 4, unclaimed: 1 region */
			iomem(f, 2, bar4_of(r, e), BAR4_SIZE, "%s", slot);
			regions += 4;
		}
	}
	for (unsigned i = 0; i < N_IOAPIC; i++)                /* dropped (APIC) */
		iomem(f, 0, 0xfec00000ull + i * 0x1000, 0x400, "IOAPIC %u", i);
	iomem(f, 0, 0xfed00000, 0x400, "HPET 0");              /* 1 */
	regions++;
	for (unsigned u = 0; u < N_DRHD; u++)                  /* IOMMU registers: dropped */
		iomem(f, 0, 0xfed90000ull + u * 0x1000, 0x1000, "dmar%u", u);
	iomem(f, 0, 0xfee00000, 0x1000, "Local APIC");         /* dropped */
	iomem(f, 0, 0x100000000ull, 0x380000000ull, "System RAM");  /* 1: high RAM */
	regions++;
	done(f);
	return regions;
}

static void write_ioports(void)
{
	write_text("proc/ioports",
		   "0000-0cf7 : PCI Bus 0000:00\n"
		   "  0000-001f : dma1\n"
		   "  0020-0021 : pic1\n"
		   "  0040-0043 : timer0\n"
		   "  0060-0060 : keyboard\n"
		   "  0064-0064 : keyboard\n"
		   "  0070-0077 : rtc0\n"
		   "  02f8-02ff : serial\n"
		   "  03f8-03ff : serial\n"
		   "  0600-067f : 0000:00:1f.0\n"
		   "    0600-0603 : ACPI PM1a_EVT_BLK\n"
		   "    0604-0605 : ACPI PM1a_CNT_BLK\n"
		   "    0608-060b : ACPI PM_TMR\n"
		   "    0620-062f : ACPI GPE0_BLK\n"
		   "0cf8-0cff : PCI conf1\n"
		   "0d00-ffff : PCI Bus 0000:00\n");
}

static void write_cpus(unsigned ncpus)
{
	FILE *f = create("proc/cpuinfo");
	for (unsigned c = 0; c < ncpus; c++)
		fprintf(f, "processor\t: %u\nvendor_id\t: GenuineIntel\ncpu family\t: 6\n"
			"model\t\t: 143\nmodel name\t: Generated Xeon-class CPU\n"
			"physical id\t: %u\nsiblings\t: %u\ncore id\t\t: %u\n"
			"apicid\t\t: %u\ninitial apicid\t: %u\n"
			"flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge "
			"mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx lm "
			"constant_tsc vmx x2apic\n\n",
			c, c / 64, 64, c % 64, c, c);
	done(f);
	char rel[128];
	for (unsigned c = 0; c < ncpus; c++) {
		snprintf(rel, sizeof(rel), "sys/devices/system/cpu/cpu%u/uevent", c);
		write_text(rel, "DRIVER=processor\nMODALIAS=cpu:type:x86,ven0000fam0006mod008F:feature:\n");
	}
	write_text("sys/devices/system/cpu/present", "0-%u\n", ncpus - 1);
	write_text("sys/devices/system/cpu/possible", "0-%u\n", ncpus - 1);
	write_text("sys/devices/system/cpu/online", "0-%u\n", ncpus - 1);
}

static void write_uarts(void)
{
	static const struct { unsigned port, irq; } com[2] = { { 0x3f8, 4 }, { 0x2f8, 3 } };
	for (unsigned i = 0; i < 2; i++) {
		char rel[128];
#define UART_ATTR(name, ...) \
		snprintf(rel, sizeof(rel), "sys/class/tty/ttyS%u/" name, i); \
		write_text(rel, __VA_ARGS__)
		UART_ATTR("type", "4\n");
		UART_ATTR("io_type", "0\n");
		UART_ATTR("port", "0x%X\n", com[i].port);
		UART_ATTR("iomem_base", "0x0\n");
		UART_ATTR("iomem_reg_shift", "0\n");
		UART_ATTR("irq", "%u\n", com[i].irq);
#undef UART_ATTR
	}
}

int main(int argc, char **argv)
{
	if (argc != 3)
		die("usage: gen_machine SCALE OUTDIR");
	char *end;
	unsigned long scale = strtoul(argv[1], &end, 10);
	if (*end || scale < 1 || scale > 6)
		die("SCALE must be 1 to 6");
	outdir = argv[2];
	make_dirs("proc");

	unsigned ncpus = CPUS_PER_SCALE * (unsigned)scale;
	struct topo tp;
	plan_topology((unsigned)scale, &tp);

	write_text("proc/cmdline",
		   "BOOT_IMAGE=/boot/vmlinuz root=/dev/sda1 ro console=ttyS0,115200 intel_iommu=on\n");
	write_cpus(ncpus);
	write_ioports();
	unsigned mem_regions = write_iomem(&tp);
	write_madt(ncpus);
	write_mcfg();
	write_fadt();
	write_dmar(&tp);
	write_uarts();
	write_text("sys/class/dmi/id/sys_vendor", "jhconf\n");
	write_text("sys/class/dmi/id/product_name", "generated machine, scale %lu\n", scale);

	/* every function, and which IOMMU unit covers it */
	unsigned per_unit[N_DRHD] = { 0 }, msix = 0, written = 0;
	struct pci_fn *f = malloc(sizeof(*f));
	for (unsigned i = 0; i < BUS0_FUNCS; i++, written++) {
		make_bus0(f, i);
		write_fn(f);
		per_unit[N_DRHD - 1]++;         /* INCLUDE_PCI_ALL */
	}
	for (unsigned r = 0; r < tp.roots; r++) {
		make_root_port(f, r);
		write_fn(f);
		written++;
		per_unit[root_unit(r)]++;       /* the bridge is in its own scope */
		for (unsigned e = 0; e < tp.per_bus[r]; e++, written++) {
			make_endpoint(f, r, e);
			write_fn(f);
			per_unit[root_unit(r)]++;
			msix++;
		}
	}
	free(f);
	if (written != tp.funcs)
		die("internal: wrote %u functions, planned %u", written, tp.funcs);

	printf("cpus %u\npci %u\nirqchips %u\niommus %u\n", ncpus, written,
	       N_IOAPIC, N_DRHD);
	for (unsigned u = 0; u < N_DRHD; u++)
		printf("iommu%u %u\n", u, per_unit[u]);
	printf("msix %u\nmem %u\niomem_lines %u\n", msix, mem_regions, iomem_lines);
	free(tp.per_bus);
	return 0;
}
