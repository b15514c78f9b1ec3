/* SPDX-License-Identifier: GPL-2.0-only */
/* Helper of the C writer's cross-check (tests/xcheck.sh): reads a .cell,
 * writes the C source for it, and optionally the .cell bytes that the C
 * source must compile to.
 *
 *   cell2c [-s SEED] [-i] IN.cell OUT.c [OUT.cell]
 *   cell2c -v REVISION OUT.c
 *
 * -s SEED  scramble every field of the configuration that the format lets
 *          hold any value (with a deterministic generator), so that the
 *          compile check covers bytes that real configurations leave zero:
 *          padding, the unions' far bytes, console details, names;
 * -i       write the system's root cell as a non-root (inmate) cell.
 * OUT.cell gets what the .cell writer writes for the (scrambled)
 * configuration; without -s and -i it must equal IN.cell.
 *
 * With -s the field order of the three codecs is checked here as well:
 * the .cell bytes of the scrambled configuration (a distinct random value
 * in every field) are read back with the reader and must give the same
 * .cell bytes and the same C source again. A reader that swapped two
 * fields, or read one at another offset, fails that; the compile in
 * xcheck.sh then checks the .cell writer against the C writer, whose
 * field names the compiler places by jhconf's statement of the structures.
 *
 * -v REVISION writes C that asserts, for every name of the vocabulary
 * (config/vocab.c), that the revision's structure statement defines the
 * symbol with the same value, and that symbols newer than the revision
 * are not defined. */
#include "cellfmt/cellfmt.h"
#include "cellfmt/write_c.h"
#include "config/vocab.h"

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
	/* x86 references have no cache regions or stream ids: give the cell
	 * two of each, so that their fields are checked too */
	while (c->ncache < 2)
		ARRAY_PUSH(c->cache, c->ncache, c->cache_cap);
	while (c->nstream_ids < 2)
		ARRAY_PUSH(c->stream_ids, c->nstream_ids, c->stream_ids_cap);
	for (size_t i = 0; i < c->ncache; i++) {
		c->cache[i].start = (uint32_t)rnd();
		c->cache[i].size = (uint32_t)rnd();
		c->cache[i].type = (uint8_t)rnd();
		c->cache[i].padding = (uint8_t)rnd();
		c->cache[i].flags = (uint16_t)rnd();
	}
	for (size_t i = 0; i < c->nstream_ids; i++)
		c->stream_ids[i] = (uint32_t)rnd();
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
	fputs("usage: cell2c [-s SEED] [-i] IN.cell OUT.c [OUT.cell]\n"
	      "       cell2c -v REVISION OUT.c\n", stderr);
	return 2;
}

static void vocab_table(struct buf *b, const char *what,
			const struct jh_name *tab, int revision)
{
	for (; tab->symbol; tab++) {
		if (tab->min_revision > revision)
			buf_printf(b, "#ifdef %s\n#error \"%s: %s is not in "
				   "revision %d\"\n#endif\n", tab->symbol,
				   what, tab->symbol, revision);
		else
			buf_printf(b, "_Static_assert(%s == 0x%llx, \"%s: %s\");\n",
				   tab->symbol, (unsigned long long)tab->value,
				   what, tab->symbol);
	}
}

/* The vocabulary against the revision's structure statement. */
static int write_vocab_check(int revision, const char *out)
{
	static const struct {
		const char *what;
		const struct jh_name *tab;
	} tables[] = {
		{ "memory flags", jh_mem_flags }, { "cell flags", jh_cell_flags },
		{ "system flags", jh_system_flags },
		{ "cache flags", jh_cache_flags },
		{ "capability flags", jh_pci_cap_flags },
		{ "console access", jh_console_access },
		{ "console register distance", jh_console_regdist },
		{ "console flags", jh_console_flags },
		{ "console types", jh_console_types },
		{ "PCI device types", jh_pci_types },
		{ "IOMMU types", jh_iommu_types },
		{ "APIC modes", jh_apic_modes },
		{ "architectures", jh_architectures },
	};
	struct buf b = { 0 };
	buf_printf(&b, "#include <jailhouse/types.h>\n"
		   "#include <jailhouse/cell-config.h>\n"
		   "_Static_assert(JAILHOUSE_CONFIG_REVISION == %d, \"revision\");\n"
		   "_Static_assert(%s == 0x%x, \"extended capability bit\");\n",
		   revision, JH_PCI_EXT_CAP_SYMBOL, JH_PCI_EXT_CAP);
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		vocab_table(&b, tables[i].what, tables[i].tab, revision);
	int rc = write_whole(out, &b);
	buf_free(&b);
	return rc < 0 ? 1 : 0;
}

/* Read `cell` back and write it again: the same .cell bytes and the same
 * C source must come out (see the head of this file). */
static int check_round_trip(const struct buf *cell, const struct buf *text,
			    bool system, const struct cell_layout *l,
			    struct jh_error *err)
{
	struct cell_file back = { 0 };
	struct buf cell2 = { 0 }, text2 = { 0 };
	int rc = cell_read("scrambled.cell", cell->data, cell->len, &back, err);
	if (!rc && system)
		rc = cell_write_system(&back.system, l, &cell2, err) < 0 ||
		     write_c_system(&back.system, l, &text2, err) < 0;
	else if (!rc)
		rc = cell_write_cell(&back.cell, l, &cell2, err) < 0 ||
		     write_c_cell(&back.cell, l, &text2, err) < 0;
	if (!rc && (cell2.len != cell->len ||
		    memcmp(cell2.data, cell->data, cell->len))) {
		size_t at = 0;
		while (at < cell->len && at < cell2.len &&
		       cell->data[at] == cell2.data[at])
			at++;
		rc = jh_fail(err, JH_BADINPUT, "read back, the .cell differs "
			     "at byte %zu: reader and writer disagree", at);
	} else if (!rc && (text2.len != text->len ||
			   memcmp(text2.data, text->data, text->len))) {
		rc = jh_fail(err, JH_BADINPUT, "read back, the C source "
			     "differs: reader and C writer disagree");
	}
	cell_file_free(&back);
	buf_free(&cell2);
	buf_free(&text2);
	return rc ? -1 : 0;
}

int main(int argc, char **argv)
{
	long seed = -1;
	bool as_inmate = false;
	int opt;
	long vocab_revision = -1;
	while ((opt = getopt(argc, argv, "s:iv:")) != -1) {
		if (opt == 's')
			seed = strtol(optarg, NULL, 0);
		else if (opt == 'i')
			as_inmate = true;
		else if (opt == 'v')
			vocab_revision = strtol(optarg, NULL, 10);
		else
			return usage();
	}
	if (vocab_revision >= 0)
		return argc - optind == 1 ?
			write_vocab_check((int)vocab_revision, argv[optind]) :
			usage();
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
	if (!r && seed >= 0)
		r = check_round_trip(&cell, &text, file.is_system && !as_inmate,
				     l, &err) < 0;
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
