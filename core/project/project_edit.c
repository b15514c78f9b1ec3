/* SPDX-License-Identifier: GPL-2.0-only */
/* Edits of a project, as the commands `cell add|assign|unassign|remove|
 * rename` and `link add|remove` make them. Each checks what the project
 * alone can tell (names, duplicates, links that would dangle) and leaves
 * the project unchanged on failure; whether the machine can honour the
 * result is the planner's question, asked by the caller afterwards. */
#include "project/project.h"

#include <stdlib.h>
#include <string.h>

void proj_ranges_remove(struct proj_ranges *l, uint64_t first, uint64_t last)
{
	struct proj_ranges out = { 0 };
	for (size_t i = 0; i < l->n; i++) {
		struct proj_range r = l->v[i];
		if (r.last < first || r.first > last) {
			proj_ranges_add(&out, r.first, r.last);
			continue;
		}
		if (r.first < first)
			proj_ranges_add(&out, r.first, first - 1);
		if (r.last > last)
			proj_ranges_add(&out, last + 1, r.last);
	}
	proj_ranges_free(l);
	*l = out;
}

bool proj_parse_pci_item(const char *s, struct proj_pci_sel *sel)
{
	*sel = (struct proj_pci_sel){ 0 };
	if (!strncmp(s, "slot=", 5) || !strncmp(s, "id=", 3))
		return proj_parse_pci_field(s, sel);
	/* lspci's own spellings: a slot has a '.', ids do not */
	char *field = xasprintf("%s=%s", strchr(s, '.') ? "slot" : "id", s);
	bool ok = proj_parse_pci_field(field, sel);
	free(field);
	return ok;
}

static bool same_sel(const struct proj_pci_sel *a, const struct proj_pci_sel *b)
{
	if (a->has_slot != b->has_slot || a->has_ids != b->has_ids)
		return false;
	if (a->has_slot && (a->domain != b->domain || a->bus != b->bus ||
			    a->dev != b->dev || a->fn != b->fn))
		return false;
	return !a->has_ids || (a->vendor == b->vendor && a->device == b->device);
}

/* Does `what` (as a user names a device to remove) pick `sel`? Either
 * part given must agree. */
static bool sel_picks(const struct proj_pci_sel *what, const struct proj_pci_sel *sel)
{
	if (what->has_slot && (!sel->has_slot || what->domain != sel->domain ||
			       what->bus != sel->bus || what->dev != sel->dev ||
			       what->fn != sel->fn))
		return false;
	if (what->has_ids && (!sel->has_ids || what->vendor != sel->vendor ||
			      what->device != sel->device))
		return false;
	return what->has_slot || what->has_ids;
}

static struct proj_cell *cell_or_fail(struct project *p, const char *name,
				      struct jh_error *err)
{
	struct proj_cell *c = project_find_cell(p, name);
	if (!c)
		jh_fail(err, JH_BADINPUT, "no cell '%s' in this project", name);
	return c;
}

static const char *root_name(const struct project *p)
{
	return p->root_name.v ? p->root_name.v : "RootCell";
}

/* A name a new or renamed cell may take. */
static int check_new_name(const struct project *p, const char *name,
			  struct jh_error *err)
{
	if (!proj_valid_name(name))
		return jh_fail(err, JH_BADINPUT, "'%s' is not a valid cell name (1-%d letters, "
			       "digits, '-', '_', '.')", name, PROJECT_NAME_MAX);
	if (!strcmp(name, root_name(p)))
		return jh_fail(err, JH_BADINPUT, "'%s' is the root cell's name", name);
	for (size_t i = 0; i < p->ncells; i++)
		if (!strcmp(p->cells[i].name, name))
			return jh_fail(err, JH_BADINPUT, "cell '%s' exists already", name);
	return 0;
}

int project_cell_add(struct project *p, const char *name, struct jh_error *err)
{
	if (check_new_name(p, name, err) < 0)
		return -1;
	project_add_cell(p, name);
	return 0;
}

int project_cell_assign(struct project *p, const char *name,
			const struct proj_cell_edit *e, struct jh_error *err)
{
	struct proj_cell *c = cell_or_fail(p, name, err);
	if (!c)
		return -1;
	if (e->console && strcmp(e->console, "none") && !proj_valid_name(e->console))
		return jh_fail(err, JH_BADINPUT, "'%s' is not a console name", e->console);
	if (e->set_kind) {
		c->kind.set = true;
		c->kind.v = e->kind;
	}
	if (e->set_mem) {
		c->mem.set = true;
		c->mem.v = e->mem;
		c->mem_at.set = false;
	}
	for (size_t i = 0; i < e->cpus.n; i++)
		proj_ranges_add(&c->cpus.list, e->cpus.v[i].first, e->cpus.v[i].last);
	for (size_t i = 0; i < e->pins.n; i++)
		proj_ranges_add(&c->pins.list, e->pins.v[i].first, e->pins.v[i].last);
	for (size_t i = 0; i < e->npci; i++) {
		bool have = false;
		for (size_t k = 0; k < c->npci && !have; k++)
			have = same_sel(&c->pci[k], &e->pci[i]);
		if (!have) {
			struct proj_pci_sel *s = ARRAY_PUSH(c->pci, c->npci, c->pci_cap);
			*s = e->pci[i];
			s->note = (struct proj_note){ 0 };
		}
	}
	for (size_t i = 0; i < e->pio.n; i++) {
		bool have = false;
		for (size_t k = 0; k < c->npio && !have; k++)
			have = c->pio[k].first == e->pio.v[i].first &&
			       c->pio[k].last == e->pio.v[i].last;
		if (!have)
			*ARRAY_PUSH(c->pio, c->npio, c->pio_cap) = (struct proj_range_line){
				e->pio.v[i].first, e->pio.v[i].last, { 0 } };
	}
	if (e->console) {
		free(c->console.v);
		c->console.v = xstrdup(e->console);
	}
	if (e->flags.n) {
		strlist_free(&c->flags.v);
		for (size_t i = 0; i < e->flags.n; i++)
			strlist_add(&c->flags.v, e->flags.v[i]);
	}
	return 0;
}

static void free_note(struct proj_note *n)
{
	free(n->lead);
	free(n->trail);
}

int project_cell_unassign(struct project *p, const char *name,
			  const struct proj_cell_edit *e, struct jh_error *err)
{
	struct proj_cell *c = cell_or_fail(p, name, err);
	if (!c)
		return -1;
	for (size_t i = 0; i < e->npci; i++) {
		bool found = false;
		for (size_t k = 0; k < c->npci; k++)
			found |= sel_picks(&e->pci[i], &c->pci[k]);
		if (!found) {
			struct buf b = { 0 };
			proj_format_pci_sel(&b, &e->pci[i]);
			buf_append(&b, "", 1);
			jh_fail(err, JH_BADINPUT, "cell '%s' has no device %s", name,
				(char *)b.data);
			buf_free(&b);
			return -1;
		}
	}
	for (size_t i = 0; i < e->cpus.n; i++)
		proj_ranges_remove(&c->cpus.list, e->cpus.v[i].first, e->cpus.v[i].last);
	for (size_t i = 0; i < e->pins.n; i++)
		proj_ranges_remove(&c->pins.list, e->pins.v[i].first, e->pins.v[i].last);
	for (size_t k = c->npci; k-- > 0;) {
		bool drop = false;
		for (size_t i = 0; i < e->npci && !drop; i++)
			drop = sel_picks(&e->pci[i], &c->pci[k]);
		if (drop) {
			free_note(&c->pci[k].note);
			memmove(&c->pci[k], &c->pci[k + 1], (c->npci - k - 1) * sizeof(*c->pci));
			c->npci--;
		}
	}
	for (size_t k = c->npio; k-- > 0;) {
		bool drop = false;
		for (size_t i = 0; i < e->pio.n && !drop; i++)
			drop = c->pio[k].first >= e->pio.v[i].first &&
			       c->pio[k].last <= e->pio.v[i].last;
		if (drop) {
			free_note(&c->pio[k].note);
			memmove(&c->pio[k], &c->pio[k + 1], (c->npio - k - 1) * sizeof(*c->pio));
			c->npio--;
		}
	}
	if (e->console) {
		free(c->console.v);
		c->console.v = NULL;
		free_note(&c->console.note);
		c->console.note = (struct proj_note){ 0 };
	}
	return 0;
}

static bool link_has(const struct proj_link *l, const char *name)
{
	return strlist_contains(&l->peers, name);
}

int project_cell_remove(struct project *p, const char *name, struct jh_error *err)
{
	if (!cell_or_fail(p, name, err))
		return -1;
	for (size_t i = 0; i < p->nlinks; i++)
		if (link_has(&p->links[i], name))
			return jh_fail(err, JH_BADINPUT, "cell '%s' takes part in link %zu: "
				       "remove the link first", name, i + 1);
	for (size_t i = 0; i < p->ncells; i++)
		if (!strcmp(p->cells[i].name, name)) {
			project_remove_cell(p, i);
			break;
		}
	return 0;
}

int project_cell_rename(struct project *p, const char *from, const char *to,
			struct jh_error *err)
{
	struct proj_cell *c = cell_or_fail(p, from, err);
	if (!c)
		return -1;
	if (!strcmp(from, to))
		return 0;
	if (check_new_name(p, to, err) < 0)
		return -1;
	for (size_t i = 0; i < p->nlinks; i++)
		for (size_t k = 0; k < p->links[i].peers.n; k++)
			if (!strcmp(p->links[i].peers.v[k], from)) {
				free(p->links[i].peers.v[k]);
				p->links[i].peers.v[k] = xstrdup(to);
			}
	free(c->name);
	c->name = xstrdup(to);
	return 0;
}

int project_link_add(struct project *p, const struct strlist *peers, uint64_t size,
		     const char *protocol, struct jh_error *err)
{
	if (peers->n < 2)
		return jh_fail(err, JH_BADINPUT, "a link needs at least two cells");
	for (size_t i = 0; i < peers->n; i++) {
		if (strcmp(peers->v[i], root_name(p)) && !project_find_cell(p, peers->v[i]))
			return jh_fail(err, JH_BADINPUT, "link: no cell '%s' in this project",
				       peers->v[i]);
		for (size_t k = 0; k < i; k++)
			if (!strcmp(peers->v[i], peers->v[k]))
				return jh_fail(err, JH_BADINPUT, "link: '%s' named twice",
					       peers->v[i]);
	}
	if (protocol && !proj_valid_name(protocol))
		return jh_fail(err, JH_BADINPUT, "link: '%s' is not a protocol name", protocol);
	struct proj_link *l = ARRAY_PUSH(p->links, p->nlinks, p->links_cap);
	*l = (struct proj_link){ .size = size,
				 .protocol = protocol ? xstrdup(protocol) : NULL };
	for (size_t i = 0; i < peers->n; i++)
		strlist_add(&l->peers, peers->v[i]);
	return 0;
}

int project_link_remove(struct project *p, size_t index, struct jh_error *err)
{
	if (index == 0 || index > p->nlinks)
		return jh_fail(err, JH_BADINPUT, "no link %zu (this project has %zu)", index,
			       p->nlinks);
	struct proj_link *l = &p->links[index - 1];
	strlist_free(&l->peers);
	free(l->protocol);
	free_note(&l->note);
	memmove(l, l + 1, (p->nlinks - index) * sizeof(*l));
	p->nlinks--;
	return 0;
}

void proj_cell_edit_free(struct proj_cell_edit *e)
{
	proj_ranges_free(&e->cpus);
	proj_ranges_free(&e->pins);
	proj_ranges_free(&e->pio);
	free(e->pci);
	strlist_free(&e->flags);
	memset(e, 0, sizeof(*e));
}
