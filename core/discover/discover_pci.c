/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI discovery, natively through the source (beneath the root, regular
 * files only, never blocking): the devices are the entries of
 * /sys/bus/pci/devices; their ids and IRQ are what libpci's sysfs method
 * (pciutils 3.9, lib/sysfs.c and lib/generic.c) would report for them, so
 * that device lists, ids, IRQs and names stay exactly what they were when
 * libpci enumerated; each device's config space (read once) and resource
 * file are decoded by the parsers. libpci is asked only for names that
 * jhconf's own pci.ids reader cannot vouch for (pci_libpci.c). */
#include "autoconf.h"
#include "discover/discover.h"
#include "parse/parsers.h"
#include "discover/pci_libpci.h"
#include "discover/pci_ids.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *discover_pci_ids = JH_PCI_IDS;

#define SYSFS_PCI     "/sys/bus/pci"
#define SYSFS_PCI_DEV SYSFS_PCI "/devices"

/* Every entry must be a PCI address, as libpci's scan demanded (it gave
 * up on anything else); names that start with a dot are skipped, as
 * libpci did. The address must be written as the kernel writes it
 * (lowercase hex): libpci read a device's files under that spelling,
 * never under the folder's own. */
static int check_slots(const struct strlist *slots, struct jh_error *err)
{
	for (size_t i = 0; i < slots->n; i++) {
		uint16_t domain;
		uint8_t bus, dev, fn;
		if (slots->v[i][0] == '.' ||
		    parse_pci_slot(slots->v[i], &domain, &bus, &dev, &fn))
			continue;
		return jh_fail(err, JH_BADINPUT,
			       SYSFS_PCI_DEV "/%s: not a PCI device address (expected dddd:bb:dd.f)",
			       slots->v[i]);
	}
	for (size_t i = 0; i < slots->n; i++) {
		for (const char *c = slots->v[i]; *c && slots->v[i][0] != '.'; c++)
			if (*c >= 'A' && *c <= 'F')
				return jh_fail(err, JH_BADINPUT,
					       SYSFS_PCI_DEV "/%s: not a PCI device address as the kernel writes it (dddd:bb:dd.f in lowercase hex)",
					       slots->v[i]);
	}
	return 0;
}


/* A device's resource file as read and parsed when its folder was
 * visited (see enumerate), for build_device to take when it comes to
 * it: the parsed lines, or the failure (rc -1) and its error. */
struct resource_read {
	struct pci_resource res[PCI_NUM_BARS + 1];
	size_t nres;
	uint32_t bar_mask[PCI_NUM_BARS];
	int rc;
	struct jh_error err;
};

/* What libpci's sysfs method reported for one device, asked for
 * PCI_FILL_IDENT | PCI_FILL_IRQ, and the device's config space. */
struct pci_found {
	const char *slot;               /* the folder's name, "0000:00:1f.2" */
	uint16_t vendor_id, device_id;  /* for names: libpci's ids */
	int irq;
	struct buf config;
	struct resource_read *resource; /* when enumerate was asked for it */
};

/* SYSFS_PCI_DEV "/slot/name" (or "/slot" for a NULL name), put
 * together without printf: seven paths a device, and formatting them
 * was a fifth of the instructions discovery spent on a device. */
static char *dev_path(const char *slot, const char *name)
{
	size_t dir = strlen(SYSFS_PCI_DEV), s = strlen(slot);
	size_t n = name ? strlen(name) + 1 : 0;
	char *p = xmalloc(dir + 1 + s + n + 1);
	memcpy(p, SYSFS_PCI_DEV, dir);
	p[dir] = '/';
	memcpy(p + dir + 1, slot, s);
	if (name) {
		p[dir + 1 + s] = '/';
		memcpy(p + dir + 2 + s, name, n - 1);
	}
	p[dir + 1 + s + n] = '\0';
	return p;
}

/* The per-device attribute files libpci's sysfs method reads (vendor,
 * device, irq) and the one jhconf always required with them (class):
 * where any device lacks one, the tree is "bus-centric" (Jailhouse's
 * collector keeps only config and resource) and libpci took ids and IRQ
 * from config space instead, for every device. */
enum { ATTR_VENDOR, ATTR_DEVICE, ATTR_IRQ, ATTR_CLASS, NATTRS };
static const char *const attr_names[NATTRS] = {
	"vendor", "device", "irq", "class",
};

/* libpci reads an attribute with one read() of at most 1024 bytes and
 * refuses 1024 bytes or more (sysfs_get_string). */
#define LIBPCI_ATTR_MAX 1024

struct attr_value {
	long value;        /* strtol(text, NULL, 0), as libpci */
	bool too_long;
};

/* Reads the attribute files of one device: each that exists is read
 * (an error names a file that is there but cannot be read: a FIFO, a
 * link out of the tree); a missing one makes the tree bus-centric. The
 * class is only looked at: nothing reads its value. */
static int read_attrs(struct source *src, const char *slot,
		      struct attr_value v[NATTRS], bool *buscentric,
		      struct jh_error *err)
{
	for (int a = 0; a < NATTRS; a++) {
		char *path = dev_path(slot, attr_names[a]);
		v[a] = (struct attr_value){ 0 };
		struct buf b = { 0 };
		int rc = a == ATTR_CLASS ? source_probe_opt(src, path, err)
					 : source_read_opt(src, path, &b, err);
		if (rc == 1)
			*buscentric = true;
		else if (rc == 0 && b.len >= LIBPCI_ATTR_MAX)
			v[a].too_long = true;
		else if (rc == 0 && b.len)
			v[a].value = strtol((const char *)b.data, NULL, 0);
		buf_free(&b);
		free(path);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The facts of the sysfs method proper: ids and IRQ from the attribute
 * files, each converted to libpci's types (an int, then the u16 ids). */
static int ids_from_attrs(const char *slot, const struct attr_value v[NATTRS],
			  struct pci_found *f, struct jh_error *err)
{
	static const int used[] = { ATTR_VENDOR, ATTR_DEVICE, ATTR_IRQ };
	for (size_t i = 0; i < sizeof(used) / sizeof(used[0]); i++)
		if (v[used[i]].too_long)
			return jh_fail(err, JH_BADINPUT,
				       SYSFS_PCI_DEV "/%s/%s: %d bytes or more, too long for a PCI attribute",
				       slot, attr_names[used[i]], LIBPCI_ATTR_MAX);
	f->vendor_id = (uint16_t)(int)v[ATTR_VENDOR].value;
	f->device_id = (uint16_t)(int)v[ATTR_DEVICE].value;
	f->irq = (int)v[ATTR_IRQ].value;
	return 0;
}

/* Bus-centric: libpci's generic reads of config space (pci_read_word at
 * 0 and 2, pci_read_byte at the interrupt line, 0x3c); a read past the
 * end of the file gives all ones. */
static void ids_from_config(struct pci_found *f)
{
	const unsigned char *c = f->config.data;
	size_t n = f->config.len;
	f->vendor_id = n >= 2 ? le16(c) : 0xffff;
	f->device_id = n >= 4 ? le16(c + 2) : 0xffff;
	f->irq = n > 0x3c ? c[0x3c] : 0xff;
}

/* An error recorded earlier becomes the caller's, as jh_fail would
 * have made it then (the first one wins). */
static int take_error(struct jh_error *stored, struct jh_error *err)
{
	if (err && !err->msg && stored->msg) {
		*err = *stored;
		*stored = (struct jh_error){ 0 };
	} else {
		jh_error_clear(stored);
	}
	return -1;
}

static void read_resource(struct source *src, const char *slot,
			  struct resource_read *r)
{
	char *path = dev_path(slot, "resource");
	char *text = source_read_text(src, path, &r->err);
	struct pci_dev d = { 0 };
	r->rc = text ? parse_pci_resource(path, text, strlen(text), &d, &r->err) : -1;
	if (r->rc == 0) {
		memcpy(r->res, d.res, sizeof(r->res));
		r->nres = d.nres;
		memcpy(r->bar_mask, d.bar_mask, sizeof(r->bar_mask));
	}
	free(text);
	free(path);
}

/* The resource lines read at the visit, or the error met then. */
static int take_resource(struct resource_read *r, struct pci_dev *d,
			 struct jh_error *err)
{
	memcpy(d->res, r->res, sizeof(d->res));
	d->nres = r->nres;
	memcpy(d->bar_mask, r->bar_mask, sizeof(d->bar_mask));
	return r->rc < 0 ? take_error(&r->err, err) : 0;
}

/* Builds one device from its facts and its files. Returns 1 when the
 * device is to be kept, 0 when it is skipped (disabled). */
static int build_device(struct pci_found *f, bool unprivileged,
			struct pci_dev *d, struct jh_findings *diag,
			struct jh_error *err)
{
	*d = (struct pci_dev){ .irq = f->irq, .iommu_group = -1 };
	d->slot = xstrdup(f->slot);
	if (!parse_pci_slot(f->slot, &d->domain, &d->bus, &d->dev, &d->fn))
		return jh_fail(err, JH_BADINPUT,
			       SYSFS_PCI_DEV "/%s: unsupported PCI address",
			       f->slot);
	char *dir = dev_path(f->slot, NULL);
	char *path = dev_path(f->slot, "config");
	/* a user other than root gets 64 bytes of a device's 256 or 4096 */
	int rc = unprivileged && f->config.len < 256
		 ? parse_pci_config_header(path, f->config.data, f->config.len, d, err)
		 : parse_pci_config(path, f->config.data, f->config.len, d, diag, err);
	free(path);
	if (rc == 0 && d->vendor_id == 0xffff && d->device_id == 0xffff) {
		jh_finding_add(diag, JH_R_PCI_DISABLED, &(struct jh_subject){ .file = dir },
			       "%s: ignoring apparently disabled PCI device (ids read as all ones)",
			       dir);
		free(dir);
		return 0;
	}
	if (rc == 0)
		rc = take_resource(f->resource, d, err);
	free(dir);
	return rc < 0 ? -1 : 1;
}

/* Names from pci.ids by jhconf's own one-pass reader (pci_ids.c), which
 * costs a fraction of libpci's load of the whole file; where that reader
 * cannot vouch for libpci's answer, libpci's pci_lookup_name answers
 * (and its refusal of the file is an error, as it always was). Without a
 * readable pci.ids, no names. */
static int name_queries(struct pci_ids_query *q, size_t n,
			struct jh_findings *diag, struct jh_error *err)
{
	if (!n || access(discover_pci_ids, R_OK) != 0)
		return 0;
	if (pci_ids_lookup(discover_pci_ids, q, n))
		return 0;
	return pci_libpci_names(q, n, diag, err);
}

static struct pci_ids_query *queries_of(const struct pci_found *const *f,
					size_t n)
{
	struct pci_ids_query *q = xcalloc(n ? n : 1, sizeof(*q));
	for (size_t i = 0; i < n; i++)
		q[i] = (struct pci_ids_query){ .vendor = f[i]->vendor_id,
					       .device = f[i]->device_id };
	return q;
}

/* A device's config space from the visit to its folder, kept without
 * its zero tail (most of a 4096-byte extended space) until its turn. */
struct config_read {
	unsigned char *held;
	size_t held_len, len;
	int rc;                 /* -1: reading it failed, with err */
	struct jh_error err;
};

static void read_config(struct source *src, const char *slot, struct buf *scratch,
			struct config_read *c)
{
	char *path = dev_path(slot, "config");
	c->rc = source_read(src, path, scratch, &c->err);
	if (c->rc == 0) {
		size_t n = mem_nonzero_len(scratch->data, scratch->len);
		c->held = xmalloc(n);
		memcpy(c->held, scratch->data, n);
		c->held_len = n;
		c->len = scratch->len;
	}
	free(path);
}

/* The config space as read, zero tail and all, into f->config. */
static int take_config(struct config_read *c, struct pci_found *f,
		       struct jh_error *err)
{
	if (c->rc < 0)
		return take_error(&c->err, err);
	buf_reserve(&f->config, c->len);
	memcpy(f->config.data, c->held, c->held_len);
	memset(f->config.data + c->held_len, 0, c->len - c->held_len + 1);
	f->config.len = c->len;
	return 0;
}

/* The devices of the tree as libpci's sysfs method saw them (in the
 * folder's sorted order). Each device's config space is handed to
 * each() (when not NULL) with the device's facts, then dropped.
 *
 * Each device's folder is visited once: its attribute files, its config
 * space and (with resources) its resource file are read together. Two
 * walks over the folders (attributes first, then config and resource)
 * looked every folder up twice, and on a machine of thousands of
 * functions the second walk no longer found the first one's folders in
 * the CPU's caches: its cost grew faster than the number of devices.
 * What the visits read is used in the order of the two steps as libpci's
 * method has them: every attribute first (a missing one anywhere makes
 * the whole tree bus-centric; an unreadable one anywhere is the error),
 * then each device's config space and resource lines, an error of
 * theirs reported only when its device's turn comes. */
static int enumerate(struct source *src, const struct strlist *slots,
		     bool resources,
		     int (*each)(struct pci_found *f, void *ctx), void *ctx,
		     struct pci_found **out, size_t *nout,
		     struct jh_error *err)
{
	size_t cap = slots->n ? slots->n : 1;
	struct pci_found *found = xcalloc(cap, sizeof(*found));
	struct attr_value (*attrs)[NATTRS] = xcalloc(cap, sizeof(*attrs));
	struct config_read *configs = xcalloc(cap, sizeof(*configs));
	struct resource_read *res = resources ? xcalloc(cap, sizeof(*res)) : NULL;
	struct buf scratch = { 0 };
	size_t n = 0;
	bool buscentric = false;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < slots->n; i++) {
		if (slots->v[i][0] == '.')
			continue;
		found[n].slot = slots->v[i];
		rc = read_attrs(src, slots->v[i], attrs[n], &buscentric, err);
		if (rc == 0) {
			read_config(src, slots->v[i], &scratch, &configs[n]);
			if (res) {
				read_resource(src, slots->v[i], &res[n]);
				found[n].resource = &res[n];
			}
		}
		n++;
	}
	buf_free(&scratch);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = take_config(&configs[i], &found[i], err);
		if (rc == 0 && buscentric)
			ids_from_config(&found[i]);
		else if (rc == 0)
			rc = ids_from_attrs(found[i].slot, attrs[i], &found[i], err);
		if (rc == 0 && each)
			rc = each(&found[i], ctx);
		buf_free(&found[i].config);
	}
	for (size_t i = 0; i < n; i++) {
		free(configs[i].held);
		jh_error_clear(&configs[i].err);
		if (res)
			jh_error_clear(&res[i].err);
		found[i].resource = NULL;
	}
	free(configs);
	free(res);
	free(attrs);
	*out = found;
	*nout = n;
	return rc;
}

static void found_free(struct pci_found *found, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_free(&found[i].config);
	free(found);
}

/* discover_pci's handler of each enumerated device: the kept ones go
 * to devs, with their facts (for names) in ids. */
struct build {
	bool unprivileged;
	struct jh_findings *diag;
	struct jh_error *err;
	struct pci_dev *devs;
	const struct pci_found **ids;
	size_t n;
};

static int build_one(struct pci_found *f, void *ctx)
{
	struct build *b = ctx;
	int kept = build_device(f, b->unprivileged, &b->devs[b->n], b->diag, b->err);
	if (kept <= 0)
		pci_dev_free(&b->devs[b->n]);
	if (kept > 0)
		b->ids[b->n++] = f;
	return kept < 0 ? -1 : 0;
}

int discover_pci(struct source *src, struct machine *m, struct jh_findings *diag,
		 struct jh_error *err)
{
	if (!source_exists(src, SYSFS_PCI_DEV)) {
		jh_finding_add(diag, JH_R_PCI_NO_DEVICES, NULL,
			       SYSFS_PCI_DEV ": missing, no PCI devices found");
		return 0;
	}
	struct strlist slots = { 0 };
	if (source_list(src, SYSFS_PCI_DEV, &slots, err) < 0 ||
	    check_slots(&slots, err) < 0) {
		strlist_free(&slots);
		return -1;
	}
	struct pci_found *found;
	size_t nfound;
	struct build b = { .unprivileged = m->unprivileged, .diag = diag, .err = err,
			   .devs = xcalloc(slots.n ? slots.n : 1, sizeof(*b.devs)),
			   .ids = xcalloc(slots.n ? slots.n : 1, sizeof(*b.ids)) };
	int rc = enumerate(src, &slots, true, build_one, &b, &found, &nfound, err);
	struct pci_dev *devs = b.devs;
	const struct pci_found **ids = b.ids;
	size_t ndevs = b.n;
	struct pci_ids_query *q = queries_of(ids, ndevs);
	if (rc == 0)
		rc = name_queries(q, ndevs, diag, err);
	for (size_t i = 0; i < ndevs; i++) {
		devs[i].vendor_name = q[i].vendor_name;
		devs[i].device_name = q[i].device_name;
		if (rc == 0)
			*ARRAY_PUSH(m->pci, m->npci, m->pci_cap) = devs[i];
		else
			pci_dev_free(&devs[i]);
	}
	free(q);
	free(devs);
	free(ids);
	found_free(found, nfound);
	strlist_free(&slots);
	return rc;
}

int pci_enumerate_native(struct source *src, bool names,
			 struct pci_enumeration *out, struct jh_findings *diag,
			 struct jh_error *err)
{
	struct strlist slots = { 0 };
	if (!source_exists(src, SYSFS_PCI_DEV))
		return 0;
	if (source_list(src, SYSFS_PCI_DEV, &slots, err) < 0 ||
	    check_slots(&slots, err) < 0) {
		strlist_free(&slots);
		return -1;
	}
	struct pci_found *found;
	size_t n;
	int rc = enumerate(src, &slots, false, NULL, NULL, &found, &n, err);
	const struct pci_found **all = xcalloc(n ? n : 1, sizeof(*all));
	for (size_t i = 0; i < n; i++)
		all[i] = &found[i];
	struct pci_ids_query *q = queries_of(all, n);
	if (rc == 0 && names)
		rc = name_queries(q, n, diag, err);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct pci_enumerated *e = ARRAY_PUSH(out->v, out->n, out->cap);
		*e = (struct pci_enumerated){ .irq = found[i].irq,
					      .vendor_id = found[i].vendor_id,
					      .device_id = found[i].device_id,
					      .vendor_name = q[i].vendor_name,
					      .device_name = q[i].device_name };
		snprintf(e->slot, sizeof(e->slot), "%s", found[i].slot);
		q[i].vendor_name = q[i].device_name = NULL;
	}
	pci_ids_query_free(q, n);
	free(q);
	free(all);
	found_free(found, n);
	strlist_free(&slots);
	return rc;
}
