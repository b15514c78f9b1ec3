/* SPDX-License-Identifier: GPL-2.0-only */
/* Links: the project's ivshmem links (shared memory and a virtual PCI
 * device in every peer cell); add one, remove one. */
#include "base/format.h"
#include "draw.h"
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#define ARG_ADD (-1)

static void links_build(struct tui *t, struct screen *s)
{
	struct project *p = jhconf_project(t->s);
	s->title = xstrdup("ivshmem links");
	for (size_t i = 0; p && i < p->nlinks; i++) {
		const struct proj_link *l = &p->links[i];
		struct buf peers = { 0 };
		for (size_t k = 0; k < l->peers.n; k++)
			buf_printf(&peers, "%s%s", k ? " <-> " : "", l->peers.v[k]);
		buf_put_u8(&peers, 0);
		char sz[FMT_SIZE_LEN];
		struct item *it = menu_add(&s->menu, ITEM_ACTION, "Link %zu: %s, %s, protocol %s",
					   i + 1, (char *)peers.data,
					   l->size ? fmt_size(sz, l->size) : "default size",
					   l->protocol ? l->protocol : "undefined");
		it->arg = (long)i;
		it->help = xstrdup(tui_help_for("cell.link"));
		buf_free(&peers);
		/* the planner's words: "link N: ..." (the colon keeps link 1
		 * from matching link 10) */
		char *q = xasprintf("link %zu:", i + 1);
		if (t->plan_error && strstr(t->plan_error, q))
			it->role = ROLE_ERROR;
		free(q);
	}
	struct item *it = menu_add(&s->menu, ITEM_ACTION, "Add a link");
	it->arg = ARG_ADD;
	it->help = xstrdup(tui_help_for("links.add"));
}

static enum tui_act add_link(struct tui *t)
{
	char *peers = dlg_input(t, "Add a link", "The cells to link, two or more, separated "
				"by spaces (the root cell's name included when it takes part):", "");
	if (!peers || !*peers) {
		free(peers);
		return ACT_DRAW;
	}
	char *proto = dlg_input(t, "Add a link", "The protocol (veth, virtio-..., or "
				"undefined):", "veth");
	if (!proto) {
		free(peers);
		return ACT_DRAW;
	}
	struct strlist l = { 0 };
	char *save = NULL;
	for (char *tok = strtok_r(peers, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save))
		strlist_add(&l, tok);
	struct jh_error err = { 0 };
	int rc = project_link_add(jhconf_project(t->s), &l, 0,
				  *proto && strcmp(proto, "undefined") ? proto : NULL, &err);
	strlist_free(&l);
	free(peers);
	free(proto);
	return tui_edited(t, rc, &err);
}

static enum tui_act remove_link(struct tui *t, struct screen *s)
{
	if (!s->menu.n || s->menu.v[s->cur].arg < 0)
		return ACT_NONE;
	size_t index = (size_t)s->menu.v[s->cur].arg + 1;
	char *q = xasprintf("Remove link %zu?", index);
	int a = dlg_yesno(t, "Remove", q);
	free(q);
	if (a != 1)
		return ACT_DRAW;
	struct jh_error err = { 0 };
	return tui_edited(t, project_link_remove(jhconf_project(t->s), index, &err), &err);
}

static enum tui_act links_select(struct tui *t, struct screen *s, struct item *it)
{
	if (it->arg == ARG_ADD)
		return add_link(t);
	return remove_link(t, s);
}

static enum tui_act k_add(struct tui *t, struct screen *s)
{
	(void)s;
	return add_link(t);
}

static const struct tui_key links_keys[] = {
	{ { KEY_IC, 0 }, "Ins", "add a link", true, k_add },
	{ { KEY_DC, 0 }, "Del", "remove the link", true, remove_link },
	{ { 0 }, NULL, NULL, false, NULL },
};

const struct screen_class screen_links = {
	.name = "ivshmem links",
	.help = "shared memory between cells: each link gives every peer a region and a "
		"virtual ivshmem PCI device; Enter on a link removes it.",
	.build = links_build,
	.select = links_select,
	.keys = links_keys,
};
