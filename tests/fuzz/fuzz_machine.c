/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for the whole pipeline: the fuzzer's bytes become a
 * snapshot tree (a folder that mirrors "/"), which goes through discovery,
 * the planner, the .cell writer and the .c writer of every revision, and
 * the .cell reader on the bytes just written.
 *
 * The bytes are not the files themselves: they are a list of edits to a
 * valid machine (one of the bundled snapshots, read once at start-up):
 * move the numbers of a /proc/iomem or /proc/ioports line, add or drop
 * lines, set memmap= on the command line, patch ACPI table and PCI config
 * bytes, change a BAR, a serial port, the CPU count. So most inputs reach
 * the planner (and often its success path) instead of dying in a parser.
 *
 * Every accepted input must give a configuration Jailhouse can take
 * without harm; any violation aborts, so libFuzzer reports it:
 *  - the outcome is success, a refusal (1) or bad input (2), and a failure
 *    has a one-line message (no control characters) naming what is wrong;
 *    warnings are one line too;
 *  - hypervisor memory: non-zero, page-aligned, does not wrap;
 *  - every root memory region: size non-zero, start + size does not wrap
 *    past 2^64; RAM (execute or DMA rights) page-aligned in phys_start,
 *    virt_start and size (Jailhouse maps whole pages; a region that is not
 *    becomes a sub-page MMIO region, see FIELD-NOTES 1.3: fine for device
 *    memory, which master writes that way for a BAR off a page, not for
 *    RAM);
 *  - no root region overlaps the hypervisor's memory; only the "JAILHOUSE
 *    Inmate Memory" region itself covers the inmate window, exactly, and
 *    without execute or DMA rights (master maps it RW for loading images);
 *  - for revisions 12, 13 and 14: the .cell reads back, as a system
 *    configuration of that revision, with the same fields, and writing
 *    what was read gives the same bytes; the .c text is non-empty and has
 *    no NUL byte.
 *
 * Under `make check` the replay driver runs the corpus
 * (tests/fuzz/corpus/machine/) through the same checks. */
#define _GNU_SOURCE
#include "autoconf.h"
#include "cellfmt/cellfmt.h"
#include "cellfmt/write_c.h"
#include "discover/discover.h"
#include "plan/plan.h"
#include "readiness/readiness.h"
#include "source/source.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PAGE 0x1000ull

static void cleanup(void);

static void check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_machine: property violated: %s\n", what);
		cleanup();  /* abort() skips atexit */
		abort();
	}
}

/* Speed: loading pci.ids takes about two thirds of a run, and its names
 * only end up in comments of the .c text. Discovery looks for it with
 * access(2) (core/discover/discover_pci.c), so this program's access()
 * says it is not there; everything else goes to the kernel. */
int access(const char *path, int mode)
{
	if (!strcmp(path, JH_PCI_IDS))
		return errno = ENOENT, -1;
	return (int)syscall(SYS_faccessat, AT_FDCWD, path, mode, 0);
}

/* ------------------------------------------------------------------ */
/* The machine being built: files by path, with /proc/iomem and
 * /proc/ioports held as lines so that lines can move, come and go. */

struct file {
	char *path;                 /* relative to the tree's root */
	unsigned char *data;
	size_t len;
};

struct res_line {
	unsigned indent;            /* nesting level, 0 = top */
	uint64_t start, end;
	char *name;
};

struct res_lines {
	struct res_line *v;
	size_t n, cap;
	int width;                  /* hex digits the kernel prints (8 or 4) */
};

struct tree {
	struct file *f;
	size_t n, cap;
	struct res_lines iomem, ioports;
	unsigned ncpus;
};

static void tree_free(struct tree *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->f[i].path);
		free(t->f[i].data);
	}
	free(t->f);
	struct res_lines *ls[] = { &t->iomem, &t->ioports };
	for (size_t k = 0; k < 2; k++) {
		for (size_t i = 0; i < ls[k]->n; i++)
			free(ls[k]->v[i].name);
		free(ls[k]->v);
	}
	memset(t, 0, sizeof(*t));
}

static struct file *tree_find(struct tree *t, const char *path)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->f[i].path, path))
			return &t->f[i];
	return NULL;
}

/* Set a file's bytes (taking `data`), adding the file if new. */
static void tree_put(struct tree *t, const char *path, unsigned char *data,
		     size_t len)
{
	struct file *f = tree_find(t, path);
	if (!f) {
		f = ARRAY_PUSH(t->f, t->n, t->cap);
		f->path = xstrdup(path);
	} else {
		free(f->data);
	}
	f->data = data;
	f->len = len;
}

static void tree_put_text(struct tree *t, const char *path, const char *text)
{
	tree_put(t, path, (unsigned char *)xstrdup(text), strlen(text));
}

static void tree_remove_at(struct tree *t, size_t i)
{
	free(t->f[i].path);
	free(t->f[i].data);
	t->f[i] = t->f[--t->n];
}

static void tree_copy(struct tree *dst, const struct tree *src)
{
	memset(dst, 0, sizeof(*dst));
	for (size_t i = 0; i < src->n; i++) {
		unsigned char *d = xmalloc(src->f[i].len + 1);
		memcpy(d, src->f[i].data, src->f[i].len);
		tree_put(dst, src->f[i].path, d, src->f[i].len);
	}
	const struct res_lines *sl[] = { &src->iomem, &src->ioports };
	struct res_lines *dl[] = { &dst->iomem, &dst->ioports };
	for (size_t k = 0; k < 2; k++) {
		dl[k]->width = sl[k]->width;
		for (size_t i = 0; i < sl[k]->n; i++) {
			struct res_line *l = ARRAY_PUSH(dl[k]->v, dl[k]->n, dl[k]->cap);
			*l = sl[k]->v[i];
			l->name = xstrdup(sl[k]->v[i].name);
		}
	}
	dst->ncpus = src->ncpus;
}

/* ------------------------------------------------------------------ */
/* Base machines: the bundled snapshots, the files discovery reads. */

static const char *const base_names[] = {
	"q35-jailhouse-doc",  /* Intel, DMAR, no memmap: the planner picks the window */
	"q35-agl-memmap",     /* memmap= reservation already in place */
	"q35-amd",            /* AMD, IVRS */
	"q35-devices-added",  /* a bridge, more devices */
	"pc-i440fx-noiommu",  /* refused: no MCFG */
};
#define NBASES (sizeof(base_names) / sizeof(base_names[0]))
static struct tree bases[NBASES];

static const char *const acpi_tables[] = { "APIC", "MCFG", "DMAR", "IVRS", "FACP" };
#define NACPI (sizeof(acpi_tables) / sizeof(acpi_tables[0]))
static const char *const uart_attrs[] = {
	"type", "io_type", "port", "iomem_base", "iomem_reg_shift", "irq",
};
#define NUART_ATTRS (sizeof(uart_attrs) / sizeof(uart_attrs[0]))
/* What discovery and libpci (method linux-sysfs) read of a device. */
static const char *const pci_attrs[] = {
	"config", "resource", "vendor", "device", "class", "irq",
	"subsystem_vendor", "subsystem_device", "revision",
};
#define NPCI_ATTRS (sizeof(pci_attrs) / sizeof(pci_attrs[0]))

static bool load_file(struct tree *t, const char *root, const char *rel)
{
	char *p = xasprintf("%s/%s", root, rel);
	FILE *f = fopen(p, "rb");
	free(p);
	if (!f)
		return false;
	struct buf b = { 0 };
	char chunk[4096];
	size_t r;
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, r);
	fclose(f);
	unsigned char *d = xmalloc(b.len + 1);
	if (b.len)
		memcpy(d, b.data, b.len);
	tree_put(t, rel, d, b.len);
	buf_free(&b);
	return true;
}

/* "  00001000-0009fbff : System RAM" lines into records. */
static void parse_lines(const struct file *f, struct res_lines *out, int width)
{
	out->width = width;
	char *text = xstrndup((const char *)f->data, f->len);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned indent = 0;
		while (line[indent] == ' ')
			indent++;
		unsigned long long s, e;
		int name_at = 0;
		if (sscanf(line + indent, "%llx-%llx : %n", &s, &e, &name_at) < 2 ||
		    !name_at)
			abort();  /* the bundled snapshots are well formed */
		struct res_line *l = ARRAY_PUSH(out->v, out->n, out->cap);
		*l = (struct res_line){ .indent = indent / 2, .start = s, .end = e,
					.name = xstrdup(line + indent + name_at) };
	}
	free(text);
}

static void load_base(struct tree *t, const char *name)
{
	char *root = xasprintf("%s/../data/snapshots/%s", JH_FUZZ_DIR, name);
	static const char *const plain[] = {
		"proc/cmdline", "proc/cpuinfo", "snapshot-pci-devices.txt",
		"sys/class/dmi/id/sys_vendor", "sys/class/dmi/id/product_name",
	};
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		load_file(t, root, plain[i]);
	for (size_t i = 0; i < NACPI; i++) {
		char *rel = xasprintf("sys/firmware/acpi/tables/%s", acpi_tables[i]);
		load_file(t, root, rel);
		free(rel);
	}
	for (unsigned n = 0; n < 4; n++)
		for (size_t i = 0; i < NUART_ATTRS; i++) {
			char *rel = xasprintf("sys/class/tty/ttyS%u/%s", n, uart_attrs[i]);
			load_file(t, root, rel);
			free(rel);
		}
	char *pcidir = xasprintf("%s/sys/bus/pci/devices", root);
	DIR *d = opendir(pcidir);
	if (!d)
		abort();
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		for (size_t i = 0; i < NPCI_ATTRS; i++) {
			char *rel = xasprintf("sys/bus/pci/devices/%s/%s", e->d_name,
					      pci_attrs[i]);
			load_file(t, root, rel);
			free(rel);
		}
	}
	closedir(d);
	free(pcidir);
	/* iomem/ioports become lines; their files are rendered per run */
	struct tree tmp = { 0 };
	if (!load_file(&tmp, root, "proc/iomem") || !load_file(&tmp, root, "proc/ioports"))
		abort();
	parse_lines(&tmp.f[0], &t->iomem, 8);
	parse_lines(&tmp.f[1], &t->ioports, 4);
	tree_free(&tmp);
	for (t->ncpus = 0;; t->ncpus++) {
		char *p = xasprintf("%s/sys/devices/system/cpu/cpu%u", root, t->ncpus);
		bool there = access(p, F_OK) == 0;
		free(p);
		if (!there)
			break;
	}
	free(root);
}

/* ------------------------------------------------------------------ */
/* The private folder the tree is written to, reused between runs. */

static char *workdir;   /* the folder we own */
static char *rootdir;   /* workdir/root: the snapshot tree (cleared per run) */

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	if (ftw->level > 0)
		remove(path);
	return 0;
}

static void clear_dir(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void cleanup(void)
{
	if (!workdir)
		return;
	clear_dir(workdir);
	rmdir(workdir);
}

static void setup_once(void)
{
	if (workdir)
		return;
	/* every run writes and removes about a hundred small files: a
	 * RAM-backed folder makes that ten times faster than a disk */
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	char *tmpl = xasprintf("%s/jhconf-fuzz-machine.XXXXXX", tmp);
	if (!mkdtemp(tmpl))
		abort();
	workdir = tmpl;
	/* FUZZ_MACHINE_TREE=DIR: build the tree in DIR and keep it there, to
	 * look at a finding or run `jhconf create --root DIR` on it */
	const char *keep = getenv("FUZZ_MACHINE_TREE");
	rootdir = keep && *keep ? xstrdup(keep) : xasprintf("%s/root", workdir);
	for (size_t i = 0; i < NBASES; i++)
		load_base(&bases[i], base_names[i]);
	atexit(cleanup);
}

static void mkdirs(char *path)
{
	for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
}

static void write_whole(const char *path, const void *data, size_t len)
{
	char *p = xstrdup(path);
	mkdirs(p);
	free(p);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (len && fwrite(data, 1, len, f) != len)
		abort();
	fclose(f);
}

static void render_lines(const struct res_lines *ls, struct buf *out)
{
	for (size_t i = 0; i < ls->n; i++) {
		const struct res_line *l = &ls->v[i];
		buf_printf(out, "%*s%0*llx-%0*llx : %s\n", (int)(l->indent * 2), "",
			   ls->width, (unsigned long long)l->start, ls->width,
			   (unsigned long long)l->end, l->name);
	}
}

static void write_tree(const struct tree *t)
{
	mkdir(rootdir, 0755);
	clear_dir(rootdir);
	for (size_t i = 0; i < t->n; i++) {
		char *p = xasprintf("%s/%s", rootdir, t->f[i].path);
		write_whole(p, t->f[i].data, t->f[i].len);
		free(p);
	}
	const struct res_lines *ls[] = { &t->iomem, &t->ioports };
	const char *names[] = { "proc/iomem", "proc/ioports" };
	for (size_t k = 0; k < 2; k++) {
		struct buf b = { 0 };
		render_lines(ls[k], &b);
		char *p = xasprintf("%s/%s", rootdir, names[k]);
		write_whole(p, b.data, b.len);
		free(p);
		buf_free(&b);
	}
	char *cpu = xasprintf("%s/sys/devices/system/cpu", rootdir);
	char *p = xasprintf("%s/x", cpu);
	mkdirs(p);
	free(p);
	mkdir(cpu, 0755);
	for (unsigned n = 0; n < t->ncpus; n++) {
		p = xasprintf("%s/cpu%u", cpu, n);
		mkdir(p, 0755);
		free(p);
	}
	free(cpu);
}

/* ------------------------------------------------------------------ */
/* Decoding the fuzzer's bytes. */

struct input {
	const uint8_t *p;
	size_t n;
};

static uint8_t u8(struct input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static uint64_t uN(struct input *in, unsigned bytes)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)u8(in) << (8 * i);
	return v;
}

/* Addresses where the planner's decisions change: the preferred window
 * and its edges, legacy ranges, MMIO landmarks, the top of the space. */
static const uint64_t interesting_mem[] = {
	0, 0xfff, 0x1000, 0x9fc00, 0xa0000, 0xbffff, 0xc0000, 0xdffff,
	0xf0000, 0x100000, 0x1000000, 0x39ffffff, 0x3a000000, 0x3a5fffff,
	0x3a600000, 0x3f1fffff, 0x3f200000, 0x3ffdefff, 0x40000000, 0x7fffffff,
	0xb0000000, 0xbfffffff, 0xfd000000, 0xfebd0000, 0xfec00000, 0xfed90000,
	0xfee00000, 0xffffffff, 0x100000000ull, 0x8ffffffffull,
	0x8000000000000000ull, 0xfffffffffff00000ull, 0xfffffffffffff000ull,
	0xffffffffffffffffull,
};
static const uint64_t interesting_port[] = {
	0, 0x40, 0x60, 0x64, 0x70, 0x2f8, 0x3c0, 0x3f8, 0x600, 0x608, 0x60b,
	0xcf7, 0xcf8, 0xcff, 0xd00, 0xc040, 0xffff, 0x10000, 0xffffffffull,
	0xffffffffffffffffull,
};
/* Sizes: pages, odd byte counts, the default window, all ones. */
static const uint64_t interesting_size[] = {
	0, 1, 0xfff, 0x1000, 0x1001, 0x10000, 0x100000, 0x200000, 0x600000,
	0x4c00000, 0x5200000, 0x5200001, 0x10000000, 0x40000000,
	0x100000000ull, 0x8000000000000000ull, 0xfffffffffffff000ull,
	0xffffffffffffffffull,
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A new value near `old` or from the table. */
static uint64_t value(struct input *in, uint64_t old, const uint64_t *table,
		      size_t ntable)
{
	switch (u8(in) % 8) {
	case 0: return table[u8(in) % ntable];
	case 1: return old + (uint64_t)(int64_t)(int8_t)u8(in) * PAGE;
	case 2: return old + (uint64_t)(int64_t)(int16_t)uN(in, 2);
	case 3: return uN(in, 8);
	case 4: return uN(in, 4);
	case 5: return old ^ (1ull << (u8(in) % 64));
	case 6: return uN(in, 4) * PAGE;
	default: return old;
	}
}

static const char *const mem_names[] = {
	"System RAM", "Reserved", "reserved", "Kernel code", "Kernel data",
	"PCI MMCONFIG 0000 [bus 00-ff]", "PCI ECAM 0000 [bus 00-ff]",
	"PCI Bus 0000:00", "dmar0", "amd_iommu", "IOAPIC 0", "Local APIC",
	"RAM buffer", "ACPI Tables", "ACPI Non-volatile Storage", "0000:00:02.0",
	"Video ROM", "HPET 0", "e1000e", "ACPI DMAR RMRR", "",
};
static const char *const port_names[] = {
	"ACPI PM_TMR", "PCI conf1", "PCI Bus 0000:00", "serial", "vga+",
	"keyboard", "timer0", "0000:00:1f.0", "0000:00:02.0", "rtc0", "dma1",
	"ACPI PM1a_EVT_BLK", "",
};

static void edit_lines(struct input *in, struct res_lines *ls, bool ports)
{
	const uint64_t *tab = ports ? interesting_port : interesting_mem;
	size_t ntab = ports ? N(interesting_port) : N(interesting_mem);
	const char *const *names = ports ? port_names : mem_names;
	size_t nnames = ports ? N(port_names) : N(mem_names);
	uint8_t what = u8(in) % 4;
	if (what == 2 || ls->n == 0) {  /* insert a line */
		size_t at = ls->n ? u8(in) % (ls->n + 1) : 0;
		uint64_t ref = ls->n ? ls->v[at < ls->n ? at : at - 1].start : 0;
		struct res_line l = { .indent = u8(in) % 4 };
		l.start = value(in, ref, tab, ntab);
		l.end = l.start + value(in, PAGE, interesting_size,
					N(interesting_size)) - 1;
		l.name = xstrdup(names[u8(in) % nnames]);
		l.end = (u8(in) & 1) ? value(in, l.end, tab, ntab) : l.end;
		ARRAY_PUSH(ls->v, ls->n, ls->cap);
		memmove(&ls->v[at + 1], &ls->v[at], (ls->n - 1 - at) * sizeof(l));
		ls->v[at] = l;
		return;
	}
	struct res_line *l = &ls->v[u8(in) % ls->n];
	switch (what) {
	case 0: {  /* move one end, or both */
		uint8_t f = u8(in) % 3;
		if (f == 0) {
			l->start = value(in, l->start, tab, ntab);
		} else if (f == 1) {
			l->end = value(in, l->end, tab, ntab);
		} else {
			uint64_t s = value(in, l->start, tab, ntab);
			l->end += s - l->start;
			l->start = s;
		}
		break;
	}
	case 1:  /* rename or re-nest */
		if (u8(in) & 1) {
			free(l->name);
			l->name = xstrdup(names[u8(in) % nnames]);
		} else {
			l->indent = u8(in) % 4;
		}
		break;
	default: {  /* drop it */
		size_t i = (size_t)(l - ls->v);
		free(l->name);
		memmove(&ls->v[i], &ls->v[i + 1], (ls->n - i - 1) * sizeof(*l));
		ls->n--;
		break;
	}
	}
}

/* memmap=SIZE$START in the forms people write it. */
static char *memmap_text(struct input *in)
{
	uint64_t size = value(in, 0x5200000, interesting_size, N(interesting_size));
	uint64_t start = value(in, 0x3a000000, interesting_mem, N(interesting_mem));
	switch (u8(in) % 4) {
	case 0: return xasprintf("memmap=%lluM$0x%llx",
				 (unsigned long long)(size >> 20), (unsigned long long)start);
	case 1: return xasprintf("memmap=0x%llx$0x%llx",
				 (unsigned long long)size, (unsigned long long)start);
	case 2: return xasprintf("memmap=%llu$%llu",
				 (unsigned long long)size, (unsigned long long)start);
	default: return xasprintf("memmap=%lluK$0x%llx,%lluM$0x%llx",
				  (unsigned long long)(size >> 10), (unsigned long long)start,
				  (unsigned long long)(size >> 20),
				  (unsigned long long)(start + size));
	}
}

static void edit_cmdline(struct input *in, struct tree *t)
{
	static const char *const path = "proc/cmdline";
	struct file *f = tree_find(t, path);
	char *old = f ? xstrndup((const char *)f->data, f->len) : xstrdup("");
	rtrim(old);
	/* the command line without its memmap= words */
	struct buf kept = { 0 };
	char *save = NULL;
	for (char *w = strtok_r(old, " ", &save); w; w = strtok_r(NULL, " ", &save))
		if (strncmp(w, "memmap=", 7))
			buf_printf(&kept, "%s%s", kept.len ? " " : "", w);
	char *base = kept.len ? xstrndup((const char *)kept.data, kept.len) : xstrdup("");
	char *text;
	uint8_t what = u8(in) % 4;
	if (what == 0 || what == 1) {  /* one (or a second) reservation */
		char *mm = memmap_text(in);
		text = what == 0 ? xasprintf("%s %s\n", base, mm)
				 : xasprintf("%s %s %s\n", base, mm, "memmap=82M$0x3a000000");
		free(mm);
	} else if (what == 2) {  /* none */
		text = xasprintf("%s\n", base);
	} else {  /* raw words */
		size_t n = u8(in) % 64;
		char *raw = xmalloc(n + 1);
		for (size_t i = 0; i < n; i++)
			raw[i] = (char)u8(in);
		raw[n] = '\0';
		text = xasprintf("%s %s\n", base, raw);
		free(raw);
	}
	tree_put(t, path, (unsigned char *)text, strlen(text));
	free(base);
	buf_free(&kept);
	free(old);
}

/* The sum of an ACPI table's bytes is 0 when its checksum is right. */
static void fix_acpi_checksum(struct file *f)
{
	if (f->len < 10)
		return;
	uint8_t sum = 0;
	f->data[9] = 0;
	for (size_t i = 0; i < f->len; i++)
		sum = (uint8_t)(sum + f->data[i]);
	f->data[9] = (uint8_t)-sum;
}

static void edit_acpi(struct input *in, struct tree *t)
{
	char *path = xasprintf("sys/firmware/acpi/tables/%s", acpi_tables[u8(in) % NACPI]);
	struct file *f = tree_find(t, path);
	uint8_t what = u8(in) % 4;
	if (!f || what == 3) {  /* take the table from another base machine */
		const struct tree *other = &bases[u8(in) % NBASES];
		struct file *src = NULL;
		for (size_t i = 0; i < other->n; i++)
			if (!strcmp(other->f[i].path, path))
				src = &other->f[i];
		if (src) {
			unsigned char *d = xmalloc(src->len + 1);
			memcpy(d, src->data, src->len);
			tree_put(t, path, d, src->len);
		} else if (f) {  /* that machine has none: neither has this one */
			tree_remove_at(t, (size_t)(f - t->f));
		}
		free(path);
		return;
	}
	free(path);
	if (what == 0 && f->len) {  /* a byte */
		size_t at = uN(in, 2) % f->len;
		f->data[at] = u8(in);
	} else if (what == 1 && f->len >= 4) {  /* a 32-bit field */
		size_t at = uN(in, 2) % (f->len - 3);
		uint32_t v = (uint32_t)value(in, 0, interesting_mem, N(interesting_mem));
		memcpy(f->data + at, &v, 4);
	} else {  /* cut or grow (the header's length field is left as is) */
		size_t n = uN(in, 2) % 1024;
		f->data = xrealloc(f->data, n + 1);
		if (n > f->len)
			memset(f->data + f->len, u8(in), n - f->len);
		f->len = n;
	}
	if (u8(in) & 1)
		fix_acpi_checksum(f);
}

/* The PCI functions of the tree, by their folder. */
static size_t pci_slots(const struct tree *t, char slots[][16], size_t max)
{
	size_t n = 0;
	const char *pre = "sys/bus/pci/devices/";
	for (size_t i = 0; i < t->n && n < max; i++) {
		const char *p = t->f[i].path;
		if (strncmp(p, pre, strlen(pre)) || !strstr(p, "/config"))
			continue;
		snprintf(slots[n++], 16, "%.12s", p + strlen(pre));
	}
	return n;
}

/* Replace the k-th number of a text file, in its own notation. */
static void edit_number(struct input *in, struct file *f)
{
	size_t k = u8(in), seen = 0;
	for (size_t i = 0; i < f->len; i++) {
		if (f->data[i] < '0' || f->data[i] > '9' ||
		    (i && isalnum((unsigned char)f->data[i - 1])))
			continue;
		size_t j = i;
		bool hex = j + 1 < f->len && f->data[j + 1] == 'x';
		if (hex)
			j += 2;
		while (j < f->len && isxdigit((unsigned char)f->data[j]))
			j++;
		if (seen++ != k % 16) {
			i = j;
			continue;
		}
		char *tok = xstrndup((const char *)f->data + i, j - i);
		uint64_t old = 0;
		parse_u64(hex ? tok + 2 : tok, hex ? 16 : 10, &old);
		uint64_t v = value(in, old, interesting_mem, N(interesting_mem));
		char *repl = hex ? xasprintf("0x%0*llx", (int)(j - i - 2), (unsigned long long)v)
				 : xasprintf("%llu", (unsigned long long)v);
		struct buf b = { 0 };
		buf_append(&b, f->data, i);
		buf_append(&b, repl, strlen(repl));
		buf_append(&b, f->data + j, f->len - j);
		free(f->data);
		f->data = xmalloc(b.len + 1);
		memcpy(f->data, b.data, b.len);
		f->len = b.len;
		buf_free(&b);
		free(repl);
		free(tok);
		return;
	}
}

static void edit_pci(struct input *in, struct tree *t)
{
	char slots[64][16];
	size_t n = pci_slots(t, slots, 64);
	if (!n)
		return;
	const char *slot = slots[u8(in) % n];
	uint8_t what = u8(in) % 5;
	char *path;
	if (what <= 1) {  /* config space: a byte or a 32-bit word */
		path = xasprintf("sys/bus/pci/devices/%s/config", slot);
		struct file *f = tree_find(t, path);
		if (f && f->len >= 4) {
			size_t at = uN(in, 2) % f->len;
			if (what == 0) {
				f->data[at] = u8(in);
			} else {
				at &= ~(size_t)3;
				uint32_t v = (uint32_t)value(in, 0, interesting_mem,
							     N(interesting_mem));
				memcpy(f->data + (at + 4 <= f->len ? at : 0), &v, 4);
			}
		}
	} else if (what == 2) {  /* a BAR line of the resource file */
		path = xasprintf("sys/bus/pci/devices/%s/resource", slot);
		struct file *f = tree_find(t, path);
		if (f)
			edit_number(in, f);
	} else if (what == 3) {  /* an attribute file */
		path = xasprintf("sys/bus/pci/devices/%s/%s", slot,
				 pci_attrs[2 + u8(in) % (NPCI_ATTRS - 2)]);
		struct file *f = tree_find(t, path);
		if (f)
			edit_number(in, f);
	} else {  /* drop the function, or copy it to another address */
		bool copy = u8(in) & 1;
		unsigned bus = u8(in), dev = u8(in) % 32u, fn = u8(in) % 8u;
		char *to = xasprintf("0000:%02x:%02x.%x", bus, dev, fn);
		char *pre = xasprintf("sys/bus/pci/devices/%s/", slot);
		for (size_t i = t->n; i-- > 0;) {
			if (strncmp(t->f[i].path, pre, strlen(pre)))
				continue;
			if (!copy) {
				tree_remove_at(t, i);
				continue;
			}
			char *np = xasprintf("sys/bus/pci/devices/%s/%s", to,
					     t->f[i].path + strlen(pre));
			unsigned char *d = xmalloc(t->f[i].len + 1);
			memcpy(d, t->f[i].data, t->f[i].len);
			tree_put(t, np, d, t->f[i].len);
			free(np);
		}
		free(pre);
		free(to);
		return;
	}
	free(path);
}

static void edit_uart(struct input *in, struct tree *t)
{
	/* one u8() per statement: the order of the bytes must not depend on
	 * the compiler's order of evaluating arguments */
	unsigned port = u8(in) % 4;
	const char *attr = uart_attrs[u8(in) % NUART_ATTRS];
	char *path = xasprintf("sys/class/tty/ttyS%u/%s", port, attr);
	struct file *f = tree_find(t, path);
	uint8_t what = u8(in) % 3;
	if (f && what == 0) {
		tree_remove_at(t, (size_t)(f - t->f));
	} else if (f && what == 1) {
		edit_number(in, f);
	} else {
		static const char *const vals[] = {
			"0", "1", "2", "3", "4", "0x3F8", "0x2F8", "0xFEB00000", "-1", "",
		};
		tree_put_text(t, path, vals[u8(in) % N(vals)]);
	}
	free(path);
}

static void edit_cpus(struct input *in, struct tree *t)
{
	uint8_t what = u8(in) % 3;
	if (what == 0) {
		t->ncpus = u8(in) % 65;
		return;
	}
	struct file *f = tree_find(t, "proc/cpuinfo");
	if (!f || !f->len)
		return;
	if (what == 1) {  /* one byte of the text */
		size_t at = uN(in, 2) % f->len;
		f->data[at] = u8(in);
	} else {  /* keep only the first n bytes (a processor cut short) */
		f->len = uN(in, 2) % f->len;
	}
}

/* Any file: one byte, a cut, or new bytes. */
static void edit_raw(struct input *in, struct tree *t)
{
	if (!t->n)
		return;
	struct file *f = &t->f[u8(in) % t->n];
	uint8_t what = u8(in) % 3;
	if (what == 0 && f->len) {
		size_t at = uN(in, 2) % f->len;
		f->data[at] = u8(in);
	} else if (what == 1) {
		f->len = f->len ? uN(in, 2) % f->len : 0;
	} else {
		size_t n = u8(in) % 32;
		unsigned char *d = xmalloc(n + 1);
		for (size_t i = 0; i < n; i++)
			d[i] = u8(in);
		free(f->data);
		f->data = d;
		f->len = n;
	}
}

/* The options a front end passes along with the machine. */
static const uint64_t mem_hv_sizes[] = {
	6ull << 20, 4095, 0x1000, 1ull << 20, 8ull << 20, (6ull << 20) + 1,
	32ull << 20, 0xffffffffffffffffull, 2ull << 20, 0x5200000, 0x1ff000,
	1ull << 30, 0xfffffffffffff000ull, 3ull << 20, 6ull << 20, 6ull << 20,
};
static const uint64_t mem_inmate_sizes[] = {
	76ull << 20, 4095, 0x1000, 1ull << 20, 8ull << 20, (76ull << 20) + 1,
	120ull << 20, 0xffffffffffffffffull, 2ull << 20, 0x5200000, 0x1ff000,
	1ull << 30, 0xfffffffffffff000ull, 0x4c00000, 76ull << 20, 76ull << 20,
};
static const char *const consoles[] = {
	"ttyS0", "ttyS0", "ttyS1", "none", "ttyS2", "ttyS3", "ttyS9", "",
};

static void decode(struct input *in, struct tree *t, struct plan_opts *o)
{
	const struct tree *base = &bases[u8(in) % NBASES];
	tree_copy(t, base);
	plan_opts_default(o);
	uint8_t mem = u8(in);
	o->mem_hv = mem_hv_sizes[mem & 15];
	o->mem_inmates = mem_inmate_sizes[mem >> 4];
	o->console = consoles[u8(in) % N(consoles)];
	for (unsigned ops = 0; in->n && ops < 64; ops++) {
		switch (u8(in) % 9) {
		case 0: edit_lines(in, &t->iomem, false); break;
		case 1: edit_lines(in, &t->ioports, true); break;
		case 2: edit_cmdline(in, t); break;
		case 3: edit_acpi(in, t); break;
		case 4: edit_pci(in, t); break;
		case 5: edit_uart(in, t); break;
		case 6: edit_cpus(in, t); break;
		case 7: edit_raw(in, t); break;
		default: edit_lines(in, &t->iomem, false); break;
		}
	}
}

/* ------------------------------------------------------------------ */
/* The one place that drives jhconf's core the way `jhconf create --root`
 * does (tui/cli_create.c): discovery on a snapshot folder, the planner,
 * then the .cell and .c bytes of each revision. Switch this to the
 * front-end API when there is one; the checks below stay as they are. */

#define NREV 3
static const int revisions[NREV] = { 14, 13, 12 };

struct outcome {
	struct cfg_system sys;
	struct plan_result res;
	struct buf cell[NREV], csrc[NREV];
	struct jh_findings findings;
};

/* Readiness over the same machine and plan: every missing item has its
 * findings, only missing items block, and a plan that succeeded leaves
 * none of the planner's items missing (their findings are its errors). */
static void check_readiness(const struct machine *m, const struct jh_findings *f,
			    const struct plan_result *res)
{
	struct ready_list l = { 0 };
	struct ready_input in = { m, f, res };
	readiness_check(&in, &l);
	for (size_t i = 0; i < l.n; i++) {
		const struct ready_item *it = &l.v[i];
		check(it->detail && !strchr(it->detail, '\n'), "readiness: detail");
		check(!it->blocks || it->state == READY_MISSING, "readiness: blocks");
		check(it->state != READY_MISSING || it->nfindings >= 1,
		      "readiness: missing without a finding");
		check(it->first + it->nfindings <= l.findings.n, "readiness: findings");
		bool planner = !strcmp(it->key, "mmconfig") || !strcmp(it->key, "pm-timer") ||
			       !strcmp(it->key, "madt") || !strcmp(it->key, "iommu") ||
			       !strcmp(it->key, "jailhouse-off");
		check(!res || !planner || it->state == READY_OK,
		      "readiness: a planned machine with a planner item missing");
	}
	check(readiness_blocking(&l) <= readiness_count(&l, READY_MISSING),
	      "readiness: counts");
	ready_list_free(&l);
}

static int run_create(const char *root, const struct plan_opts *o,
		      struct outcome *out, struct jh_error *err)
{
	memset(out, 0, sizeof(*out));
	struct machine m;
	struct source *src = source_open_dir(root, err);
	if (!src)
		return -1;
	int rc = discover_machine(src, &m, &out->findings, err);
	source_close(src);
	if (rc == 0) {
		rc = plan_root_cell(&m, o, &out->sys, &out->res, &out->findings, err);
		if (rc == 0 || err->status == JH_REFUSED)
			check_readiness(&m, &out->findings, rc == 0 ? &out->res : NULL);
		machine_free(&m);
	}
	for (size_t i = 0; rc == 0 && i < NREV; i++) {
		const struct cell_layout *l = cell_layout_for(revisions[i]);
		rc = cell_write_system(&out->sys, l, &out->cell[i], err);
		if (rc == 0)
			rc = write_c_system(&out->sys, l, &out->csrc[i], err);
	}
	return rc;
}

static void outcome_free(struct outcome *out, bool planned)
{
	if (planned) {
		cfg_system_free(&out->sys);
		plan_result_free(&out->res);
	}
	for (size_t i = 0; i < NREV; i++) {
		buf_free(&out->cell[i]);
		buf_free(&out->csrc[i]);
	}
	jh_findings_free(&out->findings);
}

/* ------------------------------------------------------------------ */
/* The properties. */

static bool one_line(const char *s)
{
	if (!s || !*s)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

/* [a, a+as) and [b, b+bs) share a byte (sizes non-zero, no wrap). */
static bool overlaps(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a < b + bs && b < a + as;
}

static bool aligned(uint64_t v)
{
	return (v & (PAGE - 1)) == 0;
}

static bool fits(uint64_t start, uint64_t size)
{
	uint64_t end;
	return size != 0 && !__builtin_add_overflow(start, size, &end);
}

static void check_memory(const struct cfg_system *s, const struct plan_opts *o,
			 const struct plan_result *res)
{
	const struct cfg_memory *hv = &s->hypervisor_memory;
	check(fits(hv->phys_start, hv->size), "hypervisor memory: size 0 or wraps");
	check(aligned(hv->phys_start) && aligned(hv->size),
	      "hypervisor memory: not page-aligned");
	check(hv->phys_start == res->window_start && hv->size == o->mem_hv,
	      "hypervisor memory: not the start of the window");
	uint64_t inm = hv->phys_start + hv->size;
	check(fits(inm, o->mem_inmates), "inmate window: wraps");
	size_t inmate_regions = 0;
	for (size_t i = 0; i < s->root.nmem; i++) {
		const struct cfg_memory *r = &s->root.mem[i];
		check(fits(r->phys_start, r->size) && fits(r->virt_start, r->size),
		      "root memory region: size 0 or wraps past 2^64");
		/* RAM in whole pages; device memory may be sub-page, which
		 * Jailhouse emulates (JAILHOUSE_MEMORY_IS_SUBPAGE), as master
		 * writes it for a BAR that does not start on a page */
		if (r->flags & (JH_MEM_EXECUTE | JH_MEM_DMA))
			check(aligned(r->phys_start) && aligned(r->virt_start) &&
			      aligned(r->size), "root RAM region: not page-aligned");
		check(!overlaps(r->phys_start, r->size, hv->phys_start, hv->size),
		      "root memory region overlaps the hypervisor memory");
		if (!overlaps(r->phys_start, r->size, inm, o->mem_inmates))
			continue;
		check(r->phys_start == inm && r->size == o->mem_inmates &&
		      r->comment && strstr(r->comment, "JAILHOUSE Inmate Memory") &&
		      !(r->flags & (JH_MEM_EXECUTE | JH_MEM_DMA)),
		      "root memory region overlaps the inmate window");
		inmate_regions++;
	}
	check(inmate_regions == 1, "the inmate window is not one root region");
}

static void check_same_cell(const struct cfg_cell *a, const struct cfg_cell *b)
{
	check(!memcmp(a->name, b->name, CFG_NAME_LEN) && a->flags == b->flags &&
	      a->cpu_set_size == b->cpu_set_size &&
	      !memcmp(a->cpu_set, b->cpu_set, a->cpu_set_size),
	      ".cell read back: cell header or CPUs differ");
	check(a->nmem == b->nmem && a->nirqchips == b->nirqchips &&
	      a->npio == b->npio && a->npci == b->npci && a->ncaps == b->ncaps,
	      ".cell read back: counts differ");
	for (size_t i = 0; i < a->nmem; i++)
		check(a->mem[i].phys_start == b->mem[i].phys_start &&
		      a->mem[i].virt_start == b->mem[i].virt_start &&
		      a->mem[i].size == b->mem[i].size &&
		      a->mem[i].flags == b->mem[i].flags,
		      ".cell read back: a memory region differs");
	for (size_t i = 0; i < a->nirqchips; i++)
		check(a->irqchips[i].address == b->irqchips[i].address &&
		      a->irqchips[i].id == b->irqchips[i].id &&
		      !memcmp(a->irqchips[i].pin_bitmap, b->irqchips[i].pin_bitmap,
			      sizeof(a->irqchips[i].pin_bitmap)),
		      ".cell read back: an irqchip differs");
	for (size_t i = 0; i < a->npio; i++)
		check(a->pio[i].base == b->pio[i].base &&
		      a->pio[i].length == b->pio[i].length,
		      ".cell read back: a port range differs");
	for (size_t i = 0; i < a->npci; i++)
		check(a->pci[i].bdf == b->pci[i].bdf && a->pci[i].type == b->pci[i].type &&
		      a->pci[i].iommu == b->pci[i].iommu &&
		      !memcmp(a->pci[i].bar_mask, b->pci[i].bar_mask,
			      sizeof(a->pci[i].bar_mask)) &&
		      a->pci[i].caps_start == b->pci[i].caps_start &&
		      a->pci[i].num_caps == b->pci[i].num_caps &&
		      a->pci[i].msix_address == b->pci[i].msix_address,
		      ".cell read back: a PCI device differs");
	for (size_t i = 0; i < a->ncaps; i++)
		check(a->caps[i].id == b->caps[i].id && a->caps[i].start == b->caps[i].start &&
		      a->caps[i].len == b->caps[i].len && a->caps[i].flags == b->caps[i].flags,
		      ".cell read back: a PCI capability differs");
}

static void check_readback(const struct cfg_system *s, int revision,
			   const struct buf *cell, const struct buf *csrc)
{
	check(csrc->len > 0 && !memchr(csrc->data, 0, csrc->len),
	      ".c text empty or with a NUL byte");
	struct cell_file f;
	struct jh_error err = { 0 };
	check(cell->len > 0 && cell_read("fuzz.cell", cell->data, cell->len, &f, &err) == 0,
	      ".cell written but not readable");
	check(f.is_system && f.layout->revision == revision,
	      ".cell read back: wrong kind or revision");
	const struct cfg_system *r = &f.system;
	check(r->flags == s->flags &&
	      r->hypervisor_memory.phys_start == s->hypervisor_memory.phys_start &&
	      r->hypervisor_memory.size == s->hypervisor_memory.size &&
	      r->pci_mmconfig_base == s->pci_mmconfig_base &&
	      r->pci_mmconfig_end_bus == s->pci_mmconfig_end_bus &&
	      r->pm_timer_address == s->pm_timer_address &&
	      r->vtd_interrupt_limit == s->vtd_interrupt_limit &&
	      !memcmp(&r->debug_console, &s->debug_console, sizeof(r->debug_console)),
	      ".cell read back: system header differs");
	for (size_t i = 0; i < s->niommu; i++)
		check(r->iommu[i].type == s->iommu[i].type &&
		      r->iommu[i].base == s->iommu[i].base &&
		      r->iommu[i].size == s->iommu[i].size,
		      ".cell read back: an IOMMU unit differs");
	check_same_cell(&s->root, &r->root);
	struct buf again = { 0 };
	check(cell_write_system(r, f.layout, &again, &err) == 0 &&
	      again.len == cell->len && !memcmp(again.data, cell->data, cell->len),
	      ".cell read back and written again: other bytes");
	buf_free(&again);
	cell_file_free(&f);
	jh_error_clear(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup_once();
	struct input in = { data, size };
	struct tree t;
	struct plan_opts o;
	decode(&in, &t, &o);
	write_tree(&t);
	tree_free(&t);

	struct outcome out;
	struct jh_error err = { 0 };
	int rc = run_create(rootdir, &o, &out, &err);
	/* FUZZ_MACHINE_VERBOSE=1: say how each input ended (for seeds) */
	if (getenv("FUZZ_MACHINE_VERBOSE"))
		fprintf(stderr, "fuzz_machine: %s\n", rc == 0 ? "planned and written" :
			err.msg ? err.msg : "failed");
	for (size_t i = 0; i < out.findings.n; i++)
		check(one_line(out.findings.v[i].msg), "a finding is not one clean line");
	if (rc != 0) {
		check(err.status == JH_REFUSED || err.status == JH_BADINPUT,
		      "failure with an exit status other than 1 or 2");
		check(one_line(err.msg), "error message empty or not one clean line");
	} else {
		check_memory(&out.sys, &o, &out.res);
		for (size_t i = 0; i < NREV; i++)
			check_readback(&out.sys, revisions[i], &out.cell[i], &out.csrc[i]);
	}
	/* the planner's result exists from a successful plan on */
	outcome_free(&out, out.res.hint != NULL);
	jh_error_clear(&err);
	return 0;
}
