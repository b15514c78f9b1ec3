/* SPDX-License-Identifier: GPL-2.0-only */
/* The matcher: recorded PCI functions to the machine's, by identity and
 * position in the bridge hierarchy (see update.h). Pure: lists in, pairs
 * out. */
#include "update/update.h"

#include <stdlib.h>
#include <string.h>

static bool same_ids(const struct upd_pci *a, const struct upd_pci *b)
{
	return a->vendor == b->vendor && a->device == b->device &&
	       a->class_code == b->class_code && a->subsys_vendor == b->subsys_vendor &&
	       a->subsys_device == b->subsys_device;
}

/* Walk one level up; false at the root or on a parent index that does
 * not fit the list. */
static bool up(const struct upd_pci *l, size_t n, size_t *i)
{
	size_t p = l[*i].parent;
	if (p == UPD_ROOT || p >= n)
		return false;
	*i = p;
	return true;
}

enum upd_tier upd_tier(const struct upd_pci *old, size_t nold, size_t o,
		       const struct upd_pci *new_, size_t nnew, size_t n)
{
	if (!same_ids(&old[o], &new_[n]))
		return UPD_TIER_NONE;
	bool chain = true, place = old[o].domain == new_[n].domain &&
				   old[o].dev == new_[n].dev && old[o].fn == new_[n].fn;
	size_t a = o, b = n;
	/* a chain longer than its list loops: stop there (no match) */
	for (size_t depth = 0;; depth++) {
		if (depth > nold || depth > nnew)
			return UPD_TIER_IDS;
		bool ua = up(old, nold, &a), ub = up(new_, nnew, &b);
		if (ua != ub) {
			chain = false;
			break;
		}
		if (!ua) {
			/* both on a root bus: its number is the host bridge's,
			 * fixed by firmware, and part of the place */
			place = place && old[a].bus == new_[b].bus;
			break;
		}
		if (!same_ids(&old[a], &new_[b])) {
			chain = false;
			break;
		}
		place = place && old[a].dev == new_[b].dev && old[a].fn == new_[b].fn;
	}
	if (!chain)
		return UPD_TIER_IDS;
	return place ? UPD_TIER_PLACE : UPD_TIER_CHAIN;
}

void upd_match_free(struct upd_match *m)
{
	free(m->old_to_new);
	free(m->new_to_old);
	free(m->ambiguous);
	if (m->cands)
		for (size_t i = 0; i < m->nold; i++)
			free(m->cands[i].v);
	free(m->cands);
	memset(m, 0, sizeof(*m));
}

/* Candidate tier t into the running best and how many reach it; true
 * when it is the first to reach the best so far. */
static bool tally(enum upd_tier t, enum upd_tier *best, size_t *count)
{
	if (t == UPD_TIER_NONE || t < *best)
		return false;
	if (t > *best) {
		*best = t;
		*count = 0;
	}
	return (*count)++ == 0;
}

/* The best tier of any free candidate for recorded function o, and how
 * many free functions reach it (the first in *which). */
static enum upd_tier best_for_old(const struct upd_pci *old, size_t nold, size_t o,
				  const struct upd_pci *new_, size_t nnew,
				  const struct upd_match *m, size_t *count, size_t *which)
{
	enum upd_tier best = UPD_TIER_NONE;
	*count = 0;
	for (size_t n = 0; n < nnew; n++) {
		if (m->new_to_old[n] != NONE_IDX)
			continue;
		if (tally(upd_tier(old, nold, o, new_, nnew, n), &best, count))
			*which = n;
	}
	return best;
}

/* The same from the machine's side: free recorded functions for n. */
static enum upd_tier best_for_new(const struct upd_pci *old, size_t nold,
				  const struct upd_pci *new_, size_t nnew, size_t n,
				  const struct upd_match *m, size_t *count)
{
	enum upd_tier best = UPD_TIER_NONE;
	*count = 0;
	for (size_t o = 0; o < nold; o++) {
		if (m->old_to_new[o] != NONE_IDX)
			continue;
		tally(upd_tier(old, nold, o, new_, nnew, n), &best, count);
	}
	return best;
}

static void pair(struct upd_match *m, size_t o, size_t n)
{
	m->old_to_new[o] = n;
	m->new_to_old[n] = o;
}

int upd_match_pci(const struct upd_pci *old, size_t nold, const struct upd_pci *new_,
		  size_t nnew, const struct upd_choice *choices, size_t nchoices,
		  struct upd_match *out, struct jh_error *err)
{
	struct upd_match *m = out;
	memset(m, 0, sizeof(*m));
	m->nold = nold;
	m->nnew = nnew;
	m->old_to_new = xcalloc(nold + 1, sizeof(size_t));
	m->new_to_old = xcalloc(nnew + 1, sizeof(size_t));
	m->ambiguous = xcalloc(nold + 1, sizeof(bool));
	m->cands = xcalloc(nold + 1, sizeof(*m->cands));
	for (size_t i = 0; i < nold; i++)
		m->old_to_new[i] = NONE_IDX;
	for (size_t i = 0; i < nnew; i++)
		m->new_to_old[i] = NONE_IDX;

	for (size_t c = 0; c < nchoices; c++) {
		size_t o = choices[c].old, n = choices[c].new_idx;
		if (o >= nold || n >= nnew || m->old_to_new[o] != NONE_IDX ||
		    m->new_to_old[n] != NONE_IDX || !same_ids(&old[o], &new_[n])) {
			upd_match_free(m);
			return jh_fail(err, JH_BADINPUT, "choice %zu: not a pair of the same "
				       "kind of function, or one of them chosen twice", c + 1);
		}
		pair(m, o, n);
	}
	/* still at its place: the place is unique on a machine */
	for (size_t o = 0; o < nold; o++)
		for (size_t n = 0; n < nnew && m->old_to_new[o] == NONE_IDX; n++)
			if (m->new_to_old[n] == NONE_IDX &&
			    upd_tier(old, nold, o, new_, nnew, n) == UPD_TIER_PLACE)
				pair(m, o, n);
	/* then the unique best pairs, until none is left: each pairing can
	 * make another one unique */
	for (bool progress = true; progress;) {
		progress = false;
		for (size_t o = 0; o < nold; o++) {
			if (m->old_to_new[o] != NONE_IDX)
				continue;
			size_t count, n = NONE_IDX, back;
			enum upd_tier t = best_for_old(old, nold, o, new_, nnew, m, &count, &n);
			if (t == UPD_TIER_NONE || count != 1)
				continue;
			if (best_for_new(old, nold, new_, nnew, n, m, &back) != t || back != 1)
				continue;
			pair(m, o, n);
			progress = true;
		}
	}
	/* what is left with candidates is ambiguous: list them */
	for (size_t o = 0; o < nold; o++) {
		if (m->old_to_new[o] != NONE_IDX)
			continue;
		size_t count, first = NONE_IDX;
		enum upd_tier t = best_for_old(old, nold, o, new_, nnew, m, &count, &first);
		if (t == UPD_TIER_NONE)
			continue;
		m->ambiguous[o] = true;
		for (size_t n = 0; n < nnew; n++)
			if (m->new_to_old[n] == NONE_IDX &&
			    upd_tier(old, nold, o, new_, nnew, n) == t)
				*ARRAY_PUSH(m->cands[o].v, m->cands[o].n, m->cands[o].cap) = n;
	}
	return 0;
}
