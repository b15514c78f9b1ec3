/* SPDX-License-Identifier: GPL-2.0-only */
/* The update report: the project's recorded hardware against the machine
 * now, what became of every PCI selector of every cell, and the project
 * rewritten to follow its devices. */
#include "update/update.h"
#include "base/format.h"
#include "base/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct upd_pci upd_of_hw(const struct proj_hw_pci *h)
{
	return (struct upd_pci){
		.domain = h->domain, .bus = h->bus, .dev = h->dev, .fn = h->fn,
		.vendor = h->vendor, .device = h->device, .class_code = h->class_code,
		.subsys_vendor = h->subsys_vendor, .subsys_device = h->subsys_device,
		.parent = UPD_ROOT,
	};
}

void upd_pci_from_project(const struct project *p, struct upd_pci **out, size_t *n)
{
	*out = xcalloc(p->nhw_pci + 1, sizeof(**out));
	*n = p->nhw_pci;
	for (size_t i = 0; i < p->nhw_pci; i++) {
		const struct proj_hw_pci *h = &p->hw_pci[i];
		(*out)[i] = upd_of_hw(h);
		if (h->has_parent) {
			/* the reader made sure the bridge is recorded */
			size_t k = project_hw_pci_find(p, h->parent_domain, h->parent_bus,
						       h->parent_dev, h->parent_fn);
			(*out)[i].parent = k == NONE_IDX ? UPD_ROOT : k;
		}
	}
}

void upd_pci_from_machine(const struct machine *m, struct upd_pci **out, size_t *n)
{
	*out = xcalloc(m->npci + 1, sizeof(**out));
	*n = m->npci;
	for (size_t i = 0; i < m->npci; i++) {
		const struct pci_dev *d = &m->pci[i];
		size_t up = project_pci_parent(m, i);
		(*out)[i] = (struct upd_pci){
			.domain = d->domain, .bus = d->bus, .dev = d->dev, .fn = d->fn,
			.vendor = d->vendor_id, .device = d->device_id,
			.class_code = d->class_code, .subsys_vendor = d->subsys_vendor,
			.subsys_device = d->subsys_device,
			.parent = up == NONE_IDX ? UPD_ROOT : up,
		};
	}
}

char *upd_slot_text(const struct upd_pci *d)
{
	char b[FMT_BDF_LEN];
	return xstrdup(fmt_bdf(b, d->domain, fmt_bdf_pack(d->bus, d->dev, d->fn),
			       FMT_BDF_FULL));
}

static char *sel_text(const struct proj_pci_sel *s)
{
	struct buf b = { 0 };
	proj_format_pci_sel(&b, s);
	buf_append(&b, "", 1);
	return (char *)b.data;
}

static bool same_slot(const struct upd_pci *a, const struct upd_pci *b)
{
	return a->domain == b->domain && a->bus == b->bus && a->dev == b->dev &&
	       a->fn == b->fn;
}

/* The recorded function a selector names: by its slot (whose ids must
 * agree when it gives them too), or by ids that only one recorded
 * function has. NONE_IDX when the recording does not tell. */
static size_t sel_old(const struct project *p, const struct proj_pci_sel *s)
{
	if (s->has_slot) {
		size_t o = project_hw_pci_find(p, s->domain, s->bus, s->dev, s->fn);
		if (o != NONE_IDX && s->has_ids && (p->hw_pci[o].vendor != s->vendor ||
						    p->hw_pci[o].device != s->device))
			return NONE_IDX;
		return o;
	}
	size_t found = NONE_IDX, count = 0;
	for (size_t i = 0; i < p->nhw_pci; i++)
		if (s->has_ids && p->hw_pci[i].vendor == s->vendor &&
		    p->hw_pci[i].device == s->device && count++ == 0)
			found = i;
	return count == 1 ? found : NONE_IDX;
}

static char *cands_text(const struct upd_report *r, size_t o)
{
	struct buf b = { 0 };
	const struct upd_cands *c = &r->match.cands[o];
	for (size_t i = 0; i < c->n; i++) {
		char *t = upd_slot_text(&r->new_[c->v[i]]);
		buf_printf(&b, "%s%s", i ? (i + 1 == c->n ? " or " : ", ") : "", t);
		free(t);
	}
	buf_append(&b, "", 1);
	return (char *)b.data;
}

static void add_use(struct upd_report *r, const struct project *p, size_t c, size_t k)
{
	const struct proj_pci_sel *s = &p->cells[c].pci[k];
	struct upd_use *u = ARRAY_PUSH(r->uses, r->nuses, r->uses_cap);
	*u = (struct upd_use){ .cell = c, .sel = k, .cell_name = xstrdup(p->cells[c].name),
			       .old = sel_old(p, s), .new_idx = NONE_IDX,
			       .before = sel_text(s) };
	if (u->old == NONE_IDX) {
		u->state = UPD_USE_UNRECORDED;
	} else if (r->match.ambiguous[u->old]) {
		u->state = UPD_USE_AMBIGUOUS;
		char *old = upd_slot_text(&r->old[u->old]), *cands = cands_text(r, u->old);
		strlist_addf(&r->refusals, "cell '%s': pci %s (%s %04x:%04x): %zu equally good "
			     "candidates: %s; choose one (or give the cell slot= of the one meant)",
			     u->cell_name, u->before, old, r->old[u->old].vendor,
			     r->old[u->old].device, r->match.cands[u->old].n, cands);
		free(old);
		free(cands);
	} else if (r->match.old_to_new[u->old] == NONE_IDX) {
		u->state = UPD_USE_VANISHED;
		char *old = upd_slot_text(&r->old[u->old]);
		strlist_addf(&r->refusals, "cell '%s': pci %s (%s %04x:%04x) is not on this "
			     "machine any more: remove it from the cell first", u->cell_name,
			     u->before, old, r->old[u->old].vendor, r->old[u->old].device);
		free(old);
	} else {
		u->new_idx = r->match.old_to_new[u->old];
		const struct upd_pci *d = &r->new_[u->new_idx];
		u->state = same_slot(&r->old[u->old], d) ? UPD_USE_SAME : UPD_USE_MOVED;
		struct proj_pci_sel moved = *s;
		if (moved.has_slot) {
			moved.domain = d->domain;
			moved.bus = d->bus;
			moved.dev = d->dev;
			moved.fn = d->fn;
		}
		u->after = sel_text(&moved);
	}
	if (!u->after)
		u->after = xstrdup(u->before);
}

static void ram_diff(const struct proj_range_line *a, size_t na,
		     const struct proj_range_line *b, size_t nb,
		     struct proj_range **out, size_t *n, size_t *cap)
{
	for (size_t i = 0; i < na; i++) {
		bool found = false;
		for (size_t k = 0; k < nb && !found; k++)
			found = a[i].first == b[k].first && a[i].last == b[k].last;
		if (!found)
			*ARRAY_PUSH(*out, *n, *cap) = (struct proj_range){ a[i].first, a[i].last };
	}
}

int upd_report_build(const struct project *p, const struct machine *m,
		     const struct upd_choice *choices, size_t nchoices,
		     struct upd_report *r, struct jh_error *err)
{
	memset(r, 0, sizeof(*r));
	upd_pci_from_project(p, &r->old, &r->nold);
	upd_pci_from_machine(m, &r->new_, &r->nnew);
	if (upd_match_pci(r->old, r->nold, r->new_, r->nnew, choices, nchoices,
			  &r->match, err) < 0) {
		upd_report_free(r);
		return -1;
	}
	for (size_t c = 0; c < p->ncells; c++)
		for (size_t k = 0; k < p->cells[c].npci; k++)
			add_use(r, p, c, k);
	r->cpus_known = p->hw_cpus.set;
	r->cpus_old = p->hw_cpus.v;
	r->cpus_new = m->cpu.sysfs_count;
	struct project now = { 0 };
	project_set_hardware(&now, m);
	ram_diff(p->hw_ram, p->nhw_ram, now.hw_ram, now.nhw_ram, &r->ram_gone,
		 &r->nram_gone, &r->ram_gone_cap);
	ram_diff(now.hw_ram, now.nhw_ram, p->hw_ram, p->nhw_ram, &r->ram_new,
		 &r->nram_new, &r->ram_new_cap);
	project_free(&now);
	return 0;
}

void upd_report_window(struct upd_report *r, const struct machine *m, uint64_t start,
		       uint64_t size, bool memmap_in_cmdline)
{
	r->window_known = true;
	r->window_start = start;
	r->window_size = size;
	r->memmap_in_cmdline = memmap_in_cmdline;
	r->window_in = NULL;
	if (!size)
		return;
	for (size_t i = m->iomem.first_root; i != NONE_IDX; i = m->iomem.nodes[i].next_sibling) {
		const struct res_node *n = &m->iomem.nodes[i];
		if (n->start <= start && start + (size - 1) <= n->end) {
			r->window_in = n->name;
			r->window_in_first = n->start;
			r->window_in_last = n->end;
			return;
		}
	}
}

static size_t find_slot(const struct upd_pci *l, size_t n, uint16_t domain, uint16_t bdf)
{
	for (size_t i = 0; i < n; i++)
		if (l[i].domain == domain && fmt_bdf_pack(l[i].bus, l[i].dev, l[i].fn) == bdf)
			return i;
	return NONE_IDX;
}

int upd_choice_by_slot(const struct upd_report *r, const char *old_slot,
		       const char *new_slot, struct upd_choice *out, struct jh_error *err)
{
	uint16_t od, ob, nd, nb;
	if (!parse_bdf(old_slot, &od, &ob))
		return jh_fail(err, JH_BADINPUT, "'%s' is not a PCI slot like 00:02.0", old_slot);
	if (!parse_bdf(new_slot, &nd, &nb))
		return jh_fail(err, JH_BADINPUT, "'%s' is not a PCI slot like 00:02.0", new_slot);
	out->old = find_slot(r->old, r->nold, od, ob);
	out->new_idx = find_slot(r->new_, r->nnew, nd, nb);
	if (out->old == NONE_IDX)
		return jh_fail(err, JH_BADINPUT, "%s: the project recorded no PCI function there",
			       old_slot);
	if (out->new_idx == NONE_IDX)
		return jh_fail(err, JH_BADINPUT, "%s: no PCI function there on this machine",
			       new_slot);
	return 0;
}

static bool pci_changed(const struct upd_report *r)
{
	for (size_t o = 0; o < r->nold; o++) {
		size_t n = r->match.old_to_new[o];
		if (n == NONE_IDX || !same_slot(&r->old[o], &r->new_[n]))
			return true;
	}
	return r->nnew != r->nold;
}

bool upd_report_changed(const struct upd_report *r)
{
	return pci_changed(r) || (r->cpus_known && r->cpus_old != r->cpus_new) ||
	       r->nram_gone || r->nram_new || r->source_changed;
}

static void note_move(struct proj_note *to, struct proj_note *from)
{
	free(to->lead);
	free(to->trail);
	*to = *from;
	*from = (struct proj_note){ 0 };
}

/* The comment lines before a line that is gone stay in the file, before
 * the first hardware line (the comment after it described what is gone). */
static void keep_lead(struct buf *orphans, struct proj_note *n)
{
	if (n->lead)
		buf_append(orphans, n->lead, strlen(n->lead));
	free(n->lead);
	free(n->trail);
	*n = (struct proj_note){ 0 };
}

void upd_apply(struct project *p, const struct machine *m, const struct upd_report *r)
{
	for (size_t i = 0; i < r->nuses; i++) {
		const struct upd_use *u = &r->uses[i];
		struct proj_pci_sel *s = &p->cells[u->cell].pci[u->sel];
		if (u->state != UPD_USE_MOVED || !s->has_slot)
			continue;
		const struct upd_pci *d = &r->new_[u->new_idx];
		s->domain = d->domain;
		s->bus = d->bus;
		s->dev = d->dev;
		s->fn = d->fn;
	}
	/* take the comments of the hardware lines out, then put each back
	 * on the line that describes the same thing now */
	struct proj_note cpus = p->hw_cpus.note;
	p->hw_cpus.note = (struct proj_note){ 0 };
	size_t nram = p->nhw_ram, npci = p->nhw_pci;
	struct proj_range_line *ram = xcalloc(nram + 1, sizeof(*ram));
	struct proj_note *pci = xcalloc(npci + 1, sizeof(*pci));
	for (size_t i = 0; i < nram; i++) {
		ram[i] = p->hw_ram[i];
		p->hw_ram[i].note = (struct proj_note){ 0 };
	}
	for (size_t i = 0; i < npci; i++) {
		pci[i] = p->hw_pci[i].note;
		p->hw_pci[i].note = (struct proj_note){ 0 };
	}
	project_set_hardware(p, m);
	struct buf orphans = { 0 };
	if (p->hw_cpus.set)
		note_move(&p->hw_cpus.note, &cpus);
	else
		keep_lead(&orphans, &cpus);
	for (size_t i = 0; i < nram; i++) {
		bool placed = false;
		for (size_t k = 0; k < p->nhw_ram && !placed; k++)
			if (p->hw_ram[k].first == ram[i].first && p->hw_ram[k].last == ram[i].last) {
				note_move(&p->hw_ram[k].note, &ram[i].note);
				placed = true;
			}
		if (!placed)
			keep_lead(&orphans, &ram[i].note);
	}
	for (size_t i = 0; i < npci; i++) {
		size_t n = i < r->nold ? r->match.old_to_new[i] : NONE_IDX;
		if (n != NONE_IDX && n < p->nhw_pci)
			note_move(&p->hw_pci[n].note, &pci[i]);
		else
			keep_lead(&orphans, &pci[i]);
	}
	if (orphans.len) {
		/* before the first hardware line the file writes */
		struct proj_note *first = p->hw_cpus.set ? &p->hw_cpus.note :
					  p->nhw_ram ? &p->hw_ram[0].note :
					  p->nhw_pci ? &p->hw_pci[0].note : NULL;
		if (first) {
			if (first->lead)
				buf_append(&orphans, first->lead, strlen(first->lead));
			buf_append(&orphans, "", 1);
			free(first->lead);
			first->lead = (char *)orphans.data;
			orphans = (struct buf){ 0 };
		}
	}
	buf_free(&orphans);
	free(ram);
	free(pci);
}

/* "8086:10d3 class 020000" */
static char *what_text(const struct upd_pci *d)
{
	return xasprintf("%04x:%04x class %06x", d->vendor, d->device, d->class_code);
}

/* A function of the machine that an ambiguous recorded one might be. */
static bool is_candidate(const struct upd_report *r, size_t n)
{
	for (size_t o = 0; o < r->nold; o++)
		for (size_t i = 0; i < r->match.cands[o].n; i++)
			if (r->match.cands[o].v[i] == n)
				return true;
	return false;
}

void upd_report_lines(const struct upd_report *r, struct strlist *out)
{
	size_t same = 0;
	for (size_t o = 0; o < r->nold; o++) {
		char *slot = upd_slot_text(&r->old[o]), *what = what_text(&r->old[o]);
		size_t n = r->match.old_to_new[o];
		if (r->match.ambiguous[o]) {
			char *c = cands_text(r, o);
			strlist_addf(out, "pci %s %s is ambiguous: %s fit equally", slot, what, c);
			free(c);
		} else if (n == NONE_IDX) {
			strlist_addf(out, "pci %s %s vanished", slot, what);
		} else if (!same_slot(&r->old[o], &r->new_[n])) {
			char *to = upd_slot_text(&r->new_[n]);
			strlist_addf(out, "pci %s %s moved to %s", slot, what, to);
			free(to);
		} else {
			same++;
		}
		free(slot);
		free(what);
	}
	for (size_t n = 0; n < r->nnew; n++)
		if (r->match.new_to_old[n] == NONE_IDX && !is_candidate(r, n)) {
			char *slot = upd_slot_text(&r->new_[n]), *what = what_text(&r->new_[n]);
			strlist_addf(out, "pci %s %s is new", slot, what);
			free(slot);
			free(what);
		}
	for (size_t i = 0; i < r->nuses; i++) {
		const struct upd_use *u = &r->uses[i];
		if (u->state == UPD_USE_MOVED && strcmp(u->before, u->after))
			strlist_addf(out, "cell %s: pci %s becomes %s", u->cell_name, u->before,
				     u->after);
		else if (u->state == UPD_USE_MOVED) {
			char *to = upd_slot_text(&r->new_[u->new_idx]);
			strlist_addf(out, "cell %s: pci %s follows its device to %s",
				     u->cell_name, u->before, to);
			free(to);
		} else if (u->state == UPD_USE_UNRECORDED)
			strlist_addf(out, "cell %s: pci %s names no recorded device: kept as "
				     "it is", u->cell_name, u->before);
		else if (u->state == UPD_USE_VANISHED)
			strlist_addf(out, "cell %s: pci %s vanished", u->cell_name, u->before);
		else if (u->state == UPD_USE_AMBIGUOUS)
			strlist_addf(out, "cell %s: pci %s is ambiguous", u->cell_name,
				     u->before);
	}
	if (r->cpus_known && r->cpus_old != r->cpus_new)
		strlist_addf(out, "cpus %u, now %u", r->cpus_old, r->cpus_new);
	for (size_t i = 0; i < r->nram_gone; i++)
		strlist_addf(out, "ram 0x%llx-0x%llx is gone",
			     (unsigned long long)r->ram_gone[i].first,
			     (unsigned long long)r->ram_gone[i].last);
	for (size_t i = 0; i < r->nram_new; i++)
		strlist_addf(out, "ram 0x%llx-0x%llx is new",
			     (unsigned long long)r->ram_new[i].first,
			     (unsigned long long)r->ram_new[i].last);
	if (r->window_known) {
		char *in = r->window_in ? xasprintf("in %s 0x%llx-0x%llx", r->window_in,
						    (unsigned long long)r->window_in_first,
						    (unsigned long long)r->window_in_last)
					: xstrdup("in no one RAM or reserved range");
		strlist_addf(out, "window 0x%llx-0x%llx (0x%llx bytes) %s, %s",
			     (unsigned long long)r->window_start,
			     (unsigned long long)(r->window_start + r->window_size - 1),
			     (unsigned long long)r->window_size, in,
			     r->memmap_in_cmdline ? "reserved on the kernel command line"
						  : "not reserved on the kernel command line yet");
		free(in);
	}
	if (r->source_changed)
		strlist_add(out, "source: the project now names the machine given");
	strlist_addf(out, "%zu of %zu recorded pci functions unchanged", same, r->nold);
}

static const char *use_state_name(enum upd_use_state s)
{
	static const char *const names[] = {
		[UPD_USE_SAME] = "same", [UPD_USE_MOVED] = "moved",
		[UPD_USE_VANISHED] = "vanished", [UPD_USE_AMBIGUOUS] = "ambiguous",
		[UPD_USE_UNRECORDED] = "unrecorded",
	};
	return names[s];
}

static void json_dev(struct json *j, const struct upd_pci *d)
{
	char *slot = upd_slot_text(d);
	json_kv_string(j, "slot", slot);
	free(slot);
	char ids[16];
	snprintf(ids, sizeof(ids), "%04x:%04x", d->vendor, d->device);
	json_kv_string(j, "id", ids);
	snprintf(ids, sizeof(ids), "%06x", d->class_code);
	json_kv_string(j, "class", ids);
	snprintf(ids, sizeof(ids), "%04x:%04x", d->subsys_vendor, d->subsys_device);
	json_kv_string(j, "subsys", ids);
}

void upd_report_json(const struct upd_report *r, struct buf *out)
{
	struct json j;
	json_init(&j, out, true);
	json_object_begin(&j);
	json_key(&j, "pci");
	json_array_begin(&j);
	for (size_t o = 0; o < r->nold; o++) {
		size_t n = r->match.old_to_new[o];
		json_object_begin(&j);
		json_dev(&j, &r->old[o]);
		json_kv_string(&j, "state", r->match.ambiguous[o] ? "ambiguous" :
				n == NONE_IDX ? "vanished" :
				same_slot(&r->old[o], &r->new_[n]) ? "same" : "moved");
		if (n != NONE_IDX) {
			char *to = upd_slot_text(&r->new_[n]);
			json_kv_string(&j, "now", to);
			free(to);
		}
		if (r->match.ambiguous[o]) {
			json_key(&j, "candidates");
			json_array_begin(&j);
			for (size_t i = 0; i < r->match.cands[o].n; i++) {
				char *c = upd_slot_text(&r->new_[r->match.cands[o].v[i]]);
				json_string(&j, c);
				free(c);
			}
			json_array_end(&j);
		}
		json_object_end(&j);
	}
	for (size_t n = 0; n < r->nnew; n++)
		if (r->match.new_to_old[n] == NONE_IDX) {
			json_object_begin(&j);
			json_dev(&j, &r->new_[n]);
			json_kv_string(&j, "state", is_candidate(r, n) ? "candidate" : "new");
			json_object_end(&j);
		}
	json_array_end(&j);
	json_key(&j, "cells");
	json_array_begin(&j);
	for (size_t i = 0; i < r->nuses; i++) {
		const struct upd_use *u = &r->uses[i];
		json_object_begin(&j);
		json_kv_string(&j, "cell", u->cell_name);
		json_kv_string(&j, "pci", u->before);
		json_kv_string(&j, "now", u->after);
		json_kv_string(&j, "state", use_state_name(u->state));
		json_object_end(&j);
	}
	json_array_end(&j);
	json_key(&j, "cpus");
	json_object_begin(&j);
	if (r->cpus_known)
		json_kv_uint(&j, "recorded", r->cpus_old);
	json_kv_uint(&j, "now", r->cpus_new);
	json_object_end(&j);
	json_key(&j, "ram");
	json_object_begin(&j);
	const struct { const char *key; const struct proj_range *v; size_t n; } ram[] = {
		{ "gone", r->ram_gone, r->nram_gone }, { "new", r->ram_new, r->nram_new },
	};
	for (size_t k = 0; k < 2; k++) {
		json_key(&j, ram[k].key);
		json_array_begin(&j);
		for (size_t i = 0; i < ram[k].n; i++) {
			json_object_begin(&j);
			json_kv_hex(&j, "start", ram[k].v[i].first);
			json_kv_hex(&j, "end", ram[k].v[i].last);
			json_object_end(&j);
		}
		json_array_end(&j);
	}
	json_object_end(&j);
	if (r->window_known) {
		json_key(&j, "window");
		json_object_begin(&j);
		json_kv_hex(&j, "start", r->window_start);
		json_kv_hex(&j, "size", r->window_size);
		json_kv_bool(&j, "reserved_on_cmdline", r->memmap_in_cmdline);
		json_key(&j, "in");
		if (r->window_in) {
			json_object_begin(&j);
			json_kv_string(&j, "name", r->window_in);
			json_kv_hex(&j, "start", r->window_in_first);
			json_kv_hex(&j, "end", r->window_in_last);
			json_object_end(&j);
		} else {
			json_null(&j);
		}
		json_object_end(&j);
	}
	json_kv_bool(&j, "source_changed", r->source_changed);
	json_kv_bool(&j, "changed", upd_report_changed(r));
	json_key(&j, "refusals");
	json_array_begin(&j);
	for (size_t i = 0; i < r->refusals.n; i++)
		json_string(&j, r->refusals.v[i]);
	json_array_end(&j);
	json_object_end(&j);
	json_finish(&j);
}

void upd_report_free(struct upd_report *r)
{
	free(r->old);
	free(r->new_);
	upd_match_free(&r->match);
	for (size_t i = 0; i < r->nuses; i++) {
		free(r->uses[i].cell_name);
		free(r->uses[i].before);
		free(r->uses[i].after);
	}
	free(r->uses);
	free(r->ram_gone);
	free(r->ram_new);
	strlist_free(&r->refusals);
	memset(r, 0, sizeof(*r));
}
