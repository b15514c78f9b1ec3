/* Helper of the C writer's cross-check (tests/xcheck.sh): reads a .cell,
 * writes the C source for it, and optionally the .cell bytes that the C
 * source must compile to.
 *
 *   cell2c [-s SEED] [-i] IN.cell OUT.c [OUT.cell]
 *
 * -s SEED  scramble every field of the configuration that the format lets
 *          hold any value (with a deterministic generator), so that the
 *          compile check covers bytes that real configurations leave zero:
 *          padding, the unions' far bytes, console details, names;
 * -i       write the system's root cell as a non-root (inmate) cell.
 * OUT.cell gets what the .cell writer writes for the (scrambled)
 * configuration; without -s and -i it must equal IN.cell. */
#include "cellfmt/cellfmt.h"
#include "cellfmt/write_c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64: good enough to reach every bit, and repeatable */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void rnd_bytes(void *p, size_t n)
{
	unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)rnd();
}

static void scramble_console(struct cfg_console *c)
{
	c->address = rnd();
	c->size = (uint32_t)rnd();
	c->type = (uint16_t)rnd();
	c->flags = (uint16_t)rnd();
	c->divider = (uint32_t)rnd();
	c->gate_nr = (uint32_t)rnd();
	c->clock_reg = rnd();
}

static void scramble_memory(struct cfg_memory *m)
{
	m->phys_start = rnd();
	m->virt_start = rnd();
	m->size = rnd();
	m->flags = rnd();
}

/* Variant 1 keeps the unions' far bytes zero, so that the ordinary
 * views (x86, amd) are used; the others set them. */
static void scramble_iommu(struct cfg_iommu *u, int variant)
{
	u->type = (uint32_t)rnd();
	u->base = rnd();
	u->size = (uint32_t)rnd();
	u->amd_bdf = (uint16_t)rnd();
	u->amd_base_cap = (uint8_t)rnd();
	u->amd_msi_cap = (uint8_t)rnd();
	u->amd_features = (uint32_t)rnd();
	u->union_tail = variant == 1 ? 0 : (uint32_t)rnd();
}

static void scramble_arrays(struct cfg_cell *c)
{
	rnd_bytes(c->cpu_set, c->cpu_set_size);
	for (size_t i = 0; i < c->nmem; i++)
		scramble_memory(&c->mem[i]);
	for (size_t i = 0; i < c->nirqchips; i++) {
		struct cfg_irqchip *q = &c->irqchips[i];
		q->address = rnd();
		q->id = (uint32_t)rnd();
		q->pin_base = (uint32_t)rnd();
		rnd_bytes(q->pin_bitmap, sizeof(q->pin_bitmap));
	}
	for (size_t i = 0; i < c->npio; i++) {
		c->pio[i].base = (uint16_t)rnd();
		c->pio[i].length = (uint16_t)rnd();
	}
	for (size_t i = 0; i < c->npci; i++) {
		struct cfg_pci_dev *d = &c->pci[i];
		char *keep = d->comment;
		rnd_bytes(d, sizeof(*d));
		d->comment = keep;
		d->msi_bits &= 3;   /* the rest has no name in C */
	}
	for (size_t i = 0; i < c->ncaps; i++) {
		c->caps[i].id = (uint16_t)rnd();
		c->caps[i].start = (uint16_t)rnd();
		c->caps[i].len = (uint16_t)rnd();
		c->caps[i].flags = (uint16_t)rnd();
	}
}

/* Variant 2 gives the cell an ordinary text name and no header of its
 * own; the others fill both with arbitrary bytes. */
static void scramble_cell(struct cfg_cell *c, int variant)
{
	if (variant == 2) {
		cfg_set_name(c->name, "scrambled \"cell\" ?\?/ */");
		memset(c->signature, 0, sizeof(c->signature));
		c->architecture = 0;
		c->revision = 0;
	} else {
		rnd_bytes(c->name, sizeof(c->name));
		rnd_bytes(c->signature, sizeof(c->signature));
		c->architecture = (uint8_t)rnd();
		c->revision = (uint16_t)rnd();
	}
	c->id = (uint32_t)rnd();
	c->flags = (uint32_t)rnd();
	c->vpci_irq_base = (uint32_t)rnd();
	c->cpu_reset_address = rnd();
	c->msg_reply_timeout = rnd();
	if (variant == 3)
		memset(&c->console, 0, sizeof(c->console));
	else
		scramble_console(&c->console);
	scramble_arrays(c);
}

static void scramble_system(struct cfg_system *s, int variant)
{
	s->flags = (uint32_t)rnd();
	scramble_memory(&s->hypervisor_memory);
	scramble_console(&s->debug_console);
	s->pci_mmconfig_base = rnd();
	s->pci_mmconfig_end_bus = (uint8_t)rnd();
	s->pci_is_virtual = (uint8_t)rnd();
	s->pci_domain = (uint16_t)rnd();
	for (size_t i = 0; i < CFG_MAX_IOMMU; i++)
		scramble_iommu(&s->iommu[i], variant);
	s->pm_timer_address = (uint16_t)rnd();
	s->apic_mode = (uint8_t)rnd();
	s->x86_padding = (uint8_t)rnd();
	rnd_bytes(s->x86_padding_more, sizeof(s->x86_padding_more));
	s->vtd_interrupt_limit = (uint32_t)rnd();
	s->tsc_khz = (uint32_t)rnd();
	s->apic_khz = (uint32_t)rnd();
	if (variant == 1)
		memset(s->union_tail, 0, sizeof(s->union_tail));
	else
		rnd_bytes(s->union_tail, sizeof(s->union_tail));
	scramble_cell(&s->root, variant);
}

static int read_whole(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	unsigned char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	return bad ? -1 : 0;
}

static int write_whole(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f)) {
		perror(path);
		return -1;
	}
	return 0;
}

static int usage(void)
{
	fputs("usage: cell2c [-s SEED] [-i] IN.cell OUT.c [OUT.cell]\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	long seed = -1;
	bool as_inmate = false;
	int opt;
	while ((opt = getopt(argc, argv, "s:i")) != -1) {
		if (opt == 's')
			seed = strtol(optarg, NULL, 0);
		else if (opt == 'i')
			as_inmate = true;
		else
			return usage();
	}
	if (argc - optind < 2 || argc - optind > 3)
		return usage();
	const char *in = argv[optind], *out_c = argv[optind + 1];
	const char *out_cell = argc - optind == 3 ? argv[optind + 2] : NULL;

	struct buf data = { 0 }, text = { 0 }, cell = { 0 };
	struct jh_error err = { 0 };
	struct cell_file file = { 0 };
	int status = 1;
	if (read_whole(in, &data) < 0 ||
	    cell_read(in, data.data, data.len, &file, &err) < 0)
		goto done;
	if (seed >= 0) {
		rng_state = 0x9e3779b97f4a7c15ull ^ (uint64_t)seed;
		if (file.is_system)
			scramble_system(&file.system, (int)(seed % 4));
		else
			scramble_cell(&file.cell, (int)(seed % 4));
	}
	const struct cell_layout *l = file.layout;
	int r;
	if (file.is_system && !as_inmate)
		r = write_c_system(&file.system, l, &text, &err) < 0 ||
		    cell_write_system(&file.system, l, &cell, &err) < 0;
	else {
		const struct cfg_cell *c = file.is_system ? &file.system.root
							  : &file.cell;
		r = write_c_cell(c, l, &text, &err) < 0 ||
		    cell_write_cell(c, l, &cell, &err) < 0;
	}
	if (r || write_whole(out_c, &text) < 0 ||
	    (out_cell && write_whole(out_cell, &cell) < 0))
		goto done;
	status = 0;
done:
	if (err.msg)
		fprintf(stderr, "cell2c: %s\n", err.msg);
	jh_error_clear(&err);
	cell_file_free(&file);
	buf_free(&data);
	buf_free(&text);
	buf_free(&cell);
	return status;
}
