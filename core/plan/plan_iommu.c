/* SPDX-License-Identifier: GPL-2.0-only */
/* IOMMU units of the root cell and which unit covers each PCI device and
 * IOAPIC: from the DMAR table on Intel CPUs and the IVRS table otherwise,
 * with Jailhouse master's rules (and its refusals, worded plainly). */
#include "plan/plan_internal.h"
#include "base/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INTEL_IOMMU_MAX_MMIO 0x3000

static uint16_t dev_bdf(const struct pci_dev *d)
{
	return (uint16_t)(d->bus << 8 | d->dev << 3 | d->fn);
}

/* The planner's devices in the order of their bus/device/function (the
 * domain aside, as the tables' scopes name none), equal ones in the
 * planner's order: a scope or IVHD entry then finds its devices by a
 * binary search, where a walk over all devices for each of them made
 * the planner quadratic in the number of devices. Valid while p->devs
 * is not changed. */
struct dev_key {
	uint16_t bdf;
	size_t dev;     /* index into p->devs */
};

struct dev_index {
	struct dev_key *v;
	size_t n;
};

static int by_bdf(const void *a, const void *b)
{
	const struct dev_key *x = a, *y = b;
	if (x->bdf != y->bdf)
		return x->bdf < y->bdf ? -1 : 1;
	return x->dev < y->dev ? -1 : x->dev > y->dev;
}

static void dev_index_build(struct dev_index *ix, const struct planner *p)
{
	ix->n = p->ndevs;
	ix->v = xcalloc(ix->n ? ix->n : 1, sizeof(*ix->v));
	bool sorted = true;
	for (size_t i = 0; i < ix->n; i++) {
		ix->v[i] = (struct dev_key){ .bdf = dev_bdf(p->devs[i].pci), .dev = i };
		sorted = sorted && (i == 0 || ix->v[i - 1].bdf <= ix->v[i].bdf);
	}
	/* the devices come in the sysfs folder's sorted order, so mostly
	 * already in this one (apart from other domains) */
	if (!sorted)
		qsort(ix->v, ix->n, sizeof(*ix->v), by_bdf);
}

static void dev_index_free(struct dev_index *ix)
{
	free(ix->v);
	*ix = (struct dev_index){ 0 };
}

/* The position of the first device at bdf `from` or after it. */
static size_t dev_index_lower(const struct dev_index *ix, uint16_t from)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->v[mid].bdf < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Every device whose bdf is in from..to joins `unit`. */
static void dev_index_assign(struct planner *p, const struct dev_index *ix,
			     uint16_t from, uint16_t to, int unit)
{
	for (size_t i = dev_index_lower(ix, from); i < ix->n && ix->v[i].bdf <= to; i++)
		p->devs[ix->v[i].dev].iommu = unit;
}

/* The first of the planner's devices at bus/dev/fn, as a walk in its
 * order would find it. A table's raw dev or fn beyond 5 or 3 bits names
 * no device (and must not spill into the bus bits of a bdf). */
static struct pl_dev *find_dev(struct planner *p, const struct dev_index *ix,
			       uint8_t bus, uint8_t dev, uint8_t fn)
{
	if (dev > 0x1f || fn > 7)
		return NULL;
	uint16_t bdf = (uint16_t)(bus << 8 | dev << 3 | fn);
	size_t i = dev_index_lower(ix, bdf);
	return i < ix->n && ix->v[i].bdf == bdf ? &p->devs[ix->v[i].dev] : NULL;
}

/* Follow a device scope path through bridges to its target device: the
 * start bus holds the first (dev, fn); each further pair sits on the
 * secondary bus of the bridge before it (VT-d 8.3.1). */
static struct pl_dev *resolve_scope(struct planner *p, const struct dev_index *ix,
				    const struct dmar_scope *s)
{
	if (s->npath == 0)
		return NULL;
	uint8_t bus = s->bus;
	for (size_t k = 0; k < s->npath; k++) {
		struct pl_dev *d = find_dev(p, ix, bus, s->path[k].dev, s->path[k].fn);
		if (!d || k + 1 == s->npath)
			return d;
		if (!d->pci->is_bridge)
			return NULL;
		bus = d->pci->secondary_bus;
	}
	return NULL;
}

static int add_unit(struct planner *p, const struct cfg_iommu *u,
		    const char *table)
{
	if (p->nunits >= CFG_MAX_IOMMU)
		return pl_refuse(p, JH_R_IOMMU_TOO_MANY, NULL,
				 "%s: more than %d IOMMU units; Jailhouse supports at most %d",
				 table, CFG_MAX_IOMMU, CFG_MAX_IOMMU);
	p->units[p->nunits++] = *u;
	return 0;
}

static int dmar_unit_size(struct planner *p, uint64_t base, uint32_t *size)
{
	uint64_t found = 0;
	/* the kernel's "dmarN" iomem entry tells the register size (the
	 * DRHD only has it since VT-d 3.x); the last match counts */
	for (size_t i = 0; i < p->dmar_regions.n; i++)
		if (p->dmar_regions.v[i].start == base)
			found = pl_region_mem_size(&p->dmar_regions.v[i]);
	const struct jh_subject subj = { .file = "/proc/iomem", .has_range = true,
					 .start = base, .end = base };
	/* The DMAR table is there whatever the command line says; the dmarN
	 * entry is Linux's claim on the unit's registers. Linux makes it for
	 * every unit while parsing the table and drops it (late_initcall
	 * dmar_free_unused_resources(), drivers/iommu/intel/dmar.c) only when
	 * it uses the units neither for DMA nor for interrupt remapping. So
	 * intel_iommu=off, which Jailhouse needs (boot/boot_params.c), keeps
	 * the entry as long as interrupt remapping stays on: the bundled
	 * q35-agl-memmap snapshot booted with intel_iommu=off and lists dmar0.
	 * Telling the user to boot with intel_iommu=on (as master's message
	 * "Target Linux must run with Intel IOMMU enabled" suggests) would
	 * contradict the boot parameters jhconf prints. */
	if (found == 0)
		return pl_refuse(p, JH_R_IOMMU_DMAR_NO_IOMEM, &subj,
				 "/proc/iomem: no dmar entry at 0x%llx, so the size of the "
				 "Intel IOMMU's registers is unknown (Linux dropped it: it "
				 "uses the unit neither for DMA nor for interrupt "
				 "remapping); keep intel_iommu=off, boot with interrupt "
				 "remapping on (no intremap=off; QEMU: -device "
				 "intel-iommu,intremap=on) and collect again",
				 (unsigned long long)base);
	if (found > INTEL_IOMMU_MAX_MMIO)
		return pl_refuse(p, JH_R_IOMMU_DMAR_TOO_BIG, &subj,
				 "/proc/iomem: the Intel IOMMU at 0x%llx has 0x%llx bytes of "
				 "registers, more than the 0x%x Jailhouse expects",
				 (unsigned long long)base, (unsigned long long)found,
				 INTEL_IOMMU_MAX_MMIO);
	*size = (uint32_t)found;
	return 0;
}

static int dmar_scope_ioapic(struct planner *p, const struct dmar_scope *s,
			     int unit)
{
	const char *file = "/sys/firmware/acpi/tables/DMAR";
	if (s->npath != 1)
		return jh_fail(p->err, JH_BADINPUT,
			       "%s: IOAPIC scope %u has a path of %u entries, expected 1",
			       file, s->enum_id, s->npath);
	uint16_t bdf = (uint16_t)(s->bus << 8 | s->path[0].dev << 3 | s->path[0].fn);
	struct pl_ioapic *chip = NULL;
	for (size_t i = 0; i < p->nchips; i++) {
		if (p->chips[i].chip->id == s->enum_id && !chip)
			chip = &p->chips[i];
	}
	if (!chip)
		return jh_fail(p->err, JH_BADINPUT,
			       "%s: scope names IOAPIC %u, which the MADT does not list",
			       file, s->enum_id);
	for (size_t i = 0; i < p->nchips; i++)
		if (p->chips[i].iommu >= 0 && p->chips[i].bdf == bdf)
			return jh_fail(p->err, JH_BADINPUT,
				       "%s: two IOAPICs have the same requester id %02x:%02x.%x",
				       file, bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7);
	chip->bdf = bdf;
	chip->iommu = unit;
	return 0;
}

static int dmar_scope_apply(struct planner *p, const struct dev_index *ix,
			    const struct dmar_drhd *h, const struct dmar_scope *s,
			    int unit)
{
	const char *file = "/sys/firmware/acpi/tables/DMAR";
	if ((s->type == 1 || s->type == 2) && (h->flags & 1))
		return jh_fail(p->err, JH_BADINPUT,
			       "%s: a unit that includes all devices also lists device scopes",
			       file);
	if (s->type == 3)
		return dmar_scope_ioapic(p, s, unit);
	if (s->type != 1 && s->type != 2)
		return 0;
	struct pl_dev *d = resolve_scope(p, ix, s);
	if (!d)
		return 0;
	d->iommu = unit;
	/* every device on the buses behind the bridge */
	if (s->type == 2 && d->pci->is_bridge &&
	    d->pci->secondary_bus <= d->pci->subordinate_bus)
		dev_index_assign(p, ix, (uint16_t)(d->pci->secondary_bus << 8),
				 (uint16_t)(d->pci->subordinate_bus << 8 | 0xff), unit);
	return 0;
}

static void rmrr_comment(const struct dmar_rmrr *r, struct buf *b)
{
	for (size_t k = 0; k < r->nscopes; k++) {
		const struct dmar_scope *s = &r->scopes[k];
		if (b->len)
			buf_append(b, "; ", 2);
		char bdf[FMT_BDF_LEN];
		if (s->type == 1 && s->npath >= 1)
			buf_printf(b, "PCI device: %s", fmt_bdf(bdf, 0,
				   fmt_bdf_pack(s->bus, s->path[s->npath - 1].dev,
						s->path[s->npath - 1].fn),
				   FMT_BDF_SHORT));
		else
			buf_printf(b, "device scope of type %u", s->type);
	}
}

static int plan_dmar(struct planner *p)
{
	const struct dmar *t = &p->m->dmar;
	int rc = 0;
	struct dev_index ix;
	dev_index_build(&ix, p);
	/* a refused unit is skipped and the others still checked, so that
	 * every refusal is reported; the caller then skips the coverage */
	for (size_t i = 0; i < t->ndrhds; i++) {
		const struct dmar_drhd *h = &t->drhds[i];
		if (h->segment != 0) {
			rc = pl_refuse(p, JH_R_IOMMU_SEGMENT, NULL,
				       "DMAR: an IOMMU on PCI segment %u; Jailhouse supports segment 0 only",
				       h->segment);
			continue;
		}
		struct cfg_iommu u = { .type = JH_IOMMU_INTEL, .base = h->base };
		if (p->nunits >= CFG_MAX_IOMMU) {
			rc = add_unit(p, &u, "DMAR");
			goto out;
		}
		if (dmar_unit_size(p, h->base, &u.size) < 0) {
			rc = -1;
			continue;
		}
		if (add_unit(p, &u, "DMAR") < 0) {
			rc = -1;
			goto out;
		}
		int unit = (int)p->nunits - 1;
		if (h->flags & 1)
			for (size_t k = 0; k < p->ndevs; k++)
				if (p->devs[k].iommu < 0)
					p->devs[k].iommu = unit;
		for (size_t k = 0; k < h->nscopes; k++)
			if (dmar_scope_apply(p, &ix, h, &h->scopes[k], unit) < 0) {
				rc = -1;
				goto out;
			}
	}
	for (size_t i = 0; i < t->nrmrrs; i++) {
		struct buf c = { 0 };
		rmrr_comment(&t->rmrrs[i], &c);
		pl_regions_add(&p->extra, t->rmrrs[i].base, t->rmrrs[i].limit,
			       "ACPI DMAR RMRR", c.len ? (char *)c.data : NULL);
		buf_free(&c);
	}
out:
	dev_index_free(&ix);
	return rc;
}

/* ---- AMD ---- */

/* Departures from master (README): alias entries cover the device the
 * entry names (master takes the alias source id), and the extended
 * select/range entries (0x46/0x47) count like their plain forms. */
static void ivhd_apply_entries(struct planner *p, const struct ivhd *h, int unit)
{
	struct dev_index ix;
	dev_index_build(&ix, p);
	bool in_range = false;
	uint16_t range_start = 0;
	for (size_t i = 0; i < h->nentries; i++) {
		const struct ivhd_entry *e = &h->entries[i];
		switch (e->type) {
		case 0x01:  /* all */
			dev_index_assign(p, &ix, 0, 0xffff, unit);
			break;
		case 0x02:  /* select */
		case 0x42:  /* alias select: the device is covered */
		case 0x46:  /* extended select */
			dev_index_assign(p, &ix, e->devid, e->devid, unit);
			break;
		case 0x03:  /* start of range */
		case 0x43:  /* alias start of range */
		case 0x47:  /* extended start of range */
			range_start = e->devid;
			in_range = true;
			break;
		case 0x04:  /* end of range */
			if (in_range)
				dev_index_assign(p, &ix, range_start, e->devid, unit);
			in_range = false;
			break;
		case 0x48:  /* special device: IOAPIC */
			if (e->variety != 1)
				break;
			for (size_t k = 0; k < p->nchips; k++)
				if (p->chips[k].chip->id == e->handle) {
					p->chips[k].bdf = e->src_devid;
					p->chips[k].iommu = unit;
				}
			break;
		default:
			break;
		}
	}
	dev_index_free(&ix);
}

/* The IOMMU's own PCI function is not a device of any cell. */
static int ivhd_take_iommu_function(struct planner *p, const struct ivhd *h,
				    uint8_t *msi_cap)
{
	bool have_msi = false;
	for (size_t i = 0; i < p->ndevs; i++) {
		const struct pci_dev *d = p->devs[i].pci;
		if (dev_bdf(d) != h->bdf)
			continue;
		for (size_t k = 0; k < d->ncaps; k++)
			if (!d->caps[k].extended && d->caps[k].id == 0x05) {
				*msi_cap = (uint8_t)d->caps[k].start;
				have_msi = true;
			}
		memmove(&p->devs[i], &p->devs[i + 1],
			(p->ndevs - i - 1) * sizeof(*p->devs));
		p->ndevs--;
		i--;
	}
	if (!have_msi)
		return pl_refuse(p, JH_R_IOMMU_AMD_NO_MSI,
				 &(struct jh_subject){ .has_bdf = true, .bdf = h->bdf },
				 "the AMD IOMMU at %02x:%02x.%x has no MSI capability; "
				 "Jailhouse needs MSI for it",
				 h->bdf >> 8, (h->bdf >> 3) & 0x1f, h->bdf & 7);
	return 0;
}

static int plan_ivhd(struct planner *p, const struct ivhd *h)
{
	if (h->segment != 0)
		return pl_refuse(p, JH_R_IOMMU_SEGMENT, NULL,
				 "IVRS: an IOMMU on PCI segment %u; Jailhouse supports segment 0 only",
				 h->segment);
	struct cfg_iommu u = {
		.type = JH_IOMMU_AMD, .base = h->base, .amd_bdf = h->bdf,
		.amd_base_cap = (uint8_t)h->cap_offset,
	};
	if (ivhd_take_iommu_function(p, h, &u.amd_msi_cap) < 0)
		return -1;
	/* performance counters present: the register window is 512 KiB */
	bool counters = (h->feature & (0xfu << 13)) && (h->feature & (0x3fu << 17));
	u.size = counters ? 0x80000 : 0x4000;
	/* a type 0x10 block's feature field may differ from the hardware's
	 * register; bit 0 (reserved) tells Jailhouse the value is meant */
	u.amd_features = h->type == 0x10 ? (h->feature | 1) : 0;
	if (add_unit(p, &u, "IVRS") < 0)
		return -1;
	ivhd_apply_entries(p, h, (int)p->nunits - 1);
	return 0;
}

static void plan_ivmd(struct planner *p, const struct ivmd *md)
{
	char comment[64] = "", bdf[FMT_BDF_LEN];
	if (md->type == 0x21)
		snprintf(comment, sizeof(comment), "PCI device %s",
			 fmt_bdf(bdf, 0, md->devid, FMT_BDF_SHORT));
	else if (md->type == 0x22)
		snprintf(comment, sizeof(comment), "PCI devices %04x-%04x",
			 md->devid, md->aux);
	if (md->length == 0)
		return;
	if (md->type != 0x20)
		jh_finding_add(p->diag, JH_R_IOMMU_IVMD_ONE_DEVICE,
			       &(struct jh_subject){ .has_range = true, .start = md->start,
						     .end = md->start + md->length - 1 },
			       "IVRS: memory at 0x%llx is meant for one device only; "
			"Jailhouse maps it for every device",
			(unsigned long long)md->start);
	pl_regions_add(&p->extra, md->start, md->start + md->length - 1,
		       "ACPI IVRS", comment[0] ? comment : NULL);
}

/* Firmware describes each IOMMU once per IVHD type it supports (0x10 for
 * old systems, 0x11/0x40 for newer); use one type for all, the first the
 * table lists, as master effectively does when it reads the first block. */
static int plan_ivrs(struct planner *p)
{
	const struct ivrs *t = &p->m->ivrs;
	if (t->revision > 2)
		return pl_refuse(p, JH_R_IOMMU_IVRS_REVISION, NULL,
				 "IVRS: revision %u is newer than Jailhouse supports (2)",
				 t->revision);
	if (t->nhds == 0)
		return pl_refuse(p, JH_R_IOMMU_IVRS_NO_IVHD, NULL,
				 "IVRS: no IOMMU (IVHD) block");
	uint8_t type = t->hds[0].type;
	int rc = 0;
	/* a refused unit is skipped and the others still checked; more than
	 * the units Jailhouse supports ends the walk */
	for (size_t i = 0; i < t->nhds; i++) {
		if (t->hds[i].type != type)
			continue;
		if (p->nunits >= CFG_MAX_IOMMU) {
			rc = add_unit(p, &(struct cfg_iommu){ 0 }, "IVRS");
			break;
		}
		if (plan_ivhd(p, &t->hds[i]) < 0)
			rc = -1;
	}
	for (size_t i = 0; i < t->nmds; i++)
		plan_ivmd(p, &t->mds[i]);
	return rc;
}

/* One finding per device outside every unit. */
static int check_coverage(struct planner *p, bool amd)
{
	int rc = 0;
	for (size_t i = 0; i < p->ndevs; i++) {
		const struct pci_dev *d = p->devs[i].pci;
		/* the AMD host bridge (00:00.0) may stand outside */
		if (p->devs[i].iommu >= 0 || (amd && dev_bdf(d) == 0))
			continue;
		rc = pl_refuse(p, JH_R_IOMMU_DEVICE_OUTSIDE,
			       &(struct jh_subject){ .has_bdf = true, .bdf = dev_bdf(d) },
			       "PCI device %02x:%02x.%x is outside the scope of every IOMMU "
			       "(%s); Jailhouse cannot isolate it",
			       d->bus, d->dev, d->fn, amd ? "IVRS" : "DMAR");
	}
	return rc;
}

int plan_iommus(struct planner *p)
{
	const struct machine *m = p->m;
	bool intel = m->cpu.vendor && !strcmp(m->cpu.vendor, "GenuineIntel");
	if (intel) {
		if (!m->have_dmar)
			return pl_refuse(p, JH_R_ROOT_NO_DMAR,
					 &(struct jh_subject){ .file = "/sys/firmware/acpi/tables/DMAR" },
					 "/sys/firmware/acpi/tables/DMAR: missing: Jailhouse needs an "
					 "Intel IOMMU (VT-d) on this Intel machine (QEMU: -device intel-iommu,intremap=on)");
		if (plan_dmar(p) < 0)
			return -1;
	} else {
		if (!m->have_ivrs)
			return pl_refuse(p, JH_R_ROOT_NO_IVRS,
					 &(struct jh_subject){ .file = "/sys/firmware/acpi/tables/IVRS" },
					 "/sys/firmware/acpi/tables/IVRS: missing: Jailhouse needs an "
					 "AMD IOMMU on a %s machine (QEMU: -device amd-iommu)",
					 m->cpu.vendor ? m->cpu.vendor : "non-Intel");
		if (plan_ivrs(p) < 0)
			return -1;
	}
	return check_coverage(p, !intel);
}
