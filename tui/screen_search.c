/* SPDX-License-Identifier: GPL-2.0-only */
/* `/`: search devices (name, vendor:device id, BDF), memory regions (an
 * address inside them) and cells (name); Enter jumps to the hit. */
#include "base/format.h"
#include "membar.h"
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A hit's kind and index in one arg. */
#define HIT_DEVICE 1L
#define HIT_ADDRESS 2L
#define HIT_CELL 3L
#define HIT(kind, i) ((kind) << 40 | (long)(i))

static bool contains_ci(const char *hay, const char *needle)
{
	if (!hay)
		return false;
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

#define SEARCH_NUMBERED 9

static void search_build(struct tui *t, struct screen *s)
{
	const char *q = s->key;
	const struct machine *m = jhconf_machine(t->s);
	s->title = xasprintf("Search results for '%s'", q);
	for (size_t i = 0; i < m->npci; i++) {
		const struct pci_dev *d = &m->pci[i];
		char bdf[FMT_BDF_LEN], full[FMT_BDF_LEN], ids[16];
		uint16_t packed = fmt_bdf_pack(d->bus, d->dev, d->fn);
		fmt_bdf(bdf, d->domain, packed, FMT_BDF_SHORT);
		fmt_bdf(full, d->domain, packed, FMT_BDF_FULL);
		snprintf(ids, sizeof(ids), "%04x:%04x", d->vendor_id, d->device_id);
		if (contains_ci(full, q) || contains_ci(ids, q) || contains_ci(d->device_name, q) ||
		    contains_ci(d->vendor_name, q) || contains_ci(d->driver, q)) {
			struct item *it = menu_add(&s->menu, ITEM_ACTION, "device %s %s %s", bdf, ids,
						   d->device_name ? d->device_name : "");
			it->arg = HIT(HIT_DEVICE, i);
			it->help = xstrdup(tui_help_for("search.hit"));
		}
	}
	uint64_t addr;
	if (q[0] == '0' && (q[1] == 'x' || q[1] == 'X') && parse_u64(q + 2, 16, &addr)) {
		struct mb_list l = { 0 };
		tui_memory_map(t, &l);
		for (size_t i = 0; i < l.n; i++)
			if (l.v[i].start <= addr && addr <= l.v[i].end) {
				struct item *it = menu_add(&s->menu, ITEM_ACTION,
					"region 0x%llx-0x%llx %s", (unsigned long long)l.v[i].start,
					(unsigned long long)l.v[i].end, l.v[i].name);
				it->arg = HIT(HIT_ADDRESS, 0);
				it->help = xstrdup(tui_help_for("search.hit"));
				free(it->search);
				it->search = xasprintf("%llx", (unsigned long long)addr);
			}
		mb_free(&l);
	}
	struct project *p = jhconf_project(t->s);
	struct item *it;
	if (contains_ci(jhconf_root_name(t->s), q)) {
		it = menu_add(&s->menu, ITEM_ACTION, "cell %s (root cell)", jhconf_root_name(t->s));
		it->arg = HIT(HIT_CELL, 0);
		it->help = xstrdup(tui_help_for("search.hit"));
	}
	for (size_t i = 0; p && i < p->ncells; i++)
		if (contains_ci(p->cells[i].name, q)) {
			it = menu_add(&s->menu, ITEM_ACTION, "cell %s", p->cells[i].name);
			it->arg = HIT(HIT_CELL, i + 1);
			it->help = xstrdup(tui_help_for("search.hit"));
		}
	/* the first nine hits carry menuconfig's (1)..(9): the digit opens
	 * the hit at once (search_keys) */
	for (size_t i = 0; i < s->menu.n && i < SEARCH_NUMBERED; i++) {
		char *marked = xasprintf("(%zu) %s", i + 1, s->menu.v[i].text);
		free(s->menu.v[i].text);
		s->menu.v[i].text = marked;
	}
	if (!s->menu.n)
		menu_add(&s->menu, ITEM_TEXT, "Nothing found.");
}

static enum tui_act search_select(struct tui *t, struct screen *s, struct item *it)
{
	(void)s;
	if (it->kind != ITEM_ACTION)
		return ACT_NONE;
	long kind = it->arg >> 40, i = it->arg & ((1L << 40) - 1);
	if (kind == HIT_DEVICE) {
		tui_jump_device(t, (size_t)i);
	} else if (kind == HIT_ADDRESS) {
		uint64_t addr = 0;
		parse_u64(it->search, 16, &addr);
		tui_jump_address(t, addr);
	} else if (kind == HIT_CELL) {
		tui_jump_cell(t, i - 1);
	}
	return ACT_DRAW;
}

/* Digit n opens hit (n), as in menuconfig's search results. */
static enum tui_act open_hit(struct tui *t, struct screen *s, size_t n)
{
	if (n > s->menu.n || s->menu.v[n - 1].kind != ITEM_ACTION)
		return ACT_NONE;
	s->cur = n - 1;
	return search_select(t, s, &s->menu.v[n - 1]);
}

#define OPEN_HIT(n) \
	static enum tui_act k_open_hit_##n(struct tui *t, struct screen *s) \
	{ \
		return open_hit(t, s, n); \
	}
OPEN_HIT(1) OPEN_HIT(2) OPEN_HIT(3) OPEN_HIT(4) OPEN_HIT(5)
OPEN_HIT(6) OPEN_HIT(7) OPEN_HIT(8) OPEN_HIT(9)

static const struct tui_key search_keys[] = {
	{ { '1', 0 }, "1-9", "open hit (1) to (9)", true, k_open_hit_1 },
	{ { '2', 0 }, "2", "open hit (2)", false, k_open_hit_2 },
	{ { '3', 0 }, "3", "open hit (3)", false, k_open_hit_3 },
	{ { '4', 0 }, "4", "open hit (4)", false, k_open_hit_4 },
	{ { '5', 0 }, "5", "open hit (5)", false, k_open_hit_5 },
	{ { '6', 0 }, "6", "open hit (6)", false, k_open_hit_6 },
	{ { '7', 0 }, "7", "open hit (7)", false, k_open_hit_7 },
	{ { '8', 0 }, "8", "open hit (8)", false, k_open_hit_8 },
	{ { '9', 0 }, "9", "open hit (9)", false, k_open_hit_9 },
	{ { 0 }, NULL, NULL, false, NULL },
};

const struct screen_class screen_search = {
	.name = "Search",
	.help = "the hits of a search; Enter opens the screen of a hit, and the digit "
		"of one of the first nine, (1) to (9), opens it at once.",
	.build = search_build,
	.select = search_select,
	.keys = search_keys,
};

enum tui_act tui_search(struct tui *t)
{
	char *q = dlg_input(t, "Search", "A device (name, vendor:device id, bus:dev.fn), "
			    "an address (0x...) or a cell's name:", "");
	if (!q || !*q) {
		free(q);
		return ACT_DRAW;
	}
	tui_push(t, &screen_search, 0, q);
	free(q);
	struct screen *s = tui_top(t);
	/* one hit: go there at once */
	if (s->menu.n == 1 && s->menu.v[0].kind == ITEM_ACTION) {
		struct item hit = s->menu.v[0];
		hit.search = hit.search ? xstrdup(hit.search) : NULL;
		tui_pop(t);
		search_select(t, NULL, &hit);
		free(hit.search);
	}
	return ACT_DRAW;
}
