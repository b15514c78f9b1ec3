/* SPDX-License-Identifier: GPL-2.0-only */
/* /proc/iomem and /proc/ioports as a tree.
 *
 * Each line is "START-END : NAME" with hexadecimal bounds. The nesting is
 * read the way Jailhouse's config generator reads it, because the planner
 * must see the very same tree: a line's level is the number of spaces in
 * front of the " : " separator, halved, plus one; its parent is found from
 * the previous line (see attach_level() below). */
#include "parse/parsers.h"
#include "base/textspan.h"

#include <stdlib.h>
#include <string.h>

/* More lines than any real machine prints: such a file is garbage. */
#define RES_TREE_MAX_LINES 1000000u

/* The kernel indents a resource by two spaces per level of depth but
 * stops at depth 5 (MAX_IORES_LEVEL in kernel/resource.c): deeper
 * resources are printed with the indentation of depth 5, which is level 6
 * here. Only there can a line lie inside an earlier line of the same
 * level; everywhere else lines of one level are side by side. */
#define RES_TREE_CAPPED_LEVEL 6u


static const char *find_separator(const char *line, size_t n)
{
	for (size_t i = 0; i + 3 <= n; i++)
		if (line[i] == ' ' && line[i + 1] == ':' && line[i + 2] == ' ')
			return line + i;
	return NULL;
}

/* Reads one non-blank line into a node (links left unset). */
static int parse_line(const char *file, size_t lineno, const char *line,
		      size_t n, uint64_t max_end, struct res_node *node,
		      struct jh_error *err)
{
	const char *sep = find_separator(line, n);
	if (!sep)
		return jh_fail(err, JH_BADINPUT, "%s: line %zu: no ' : ' separator",
			       file, lineno);

	size_t spaces = 0;
	for (const char *p = line; p < sep; p++)
		spaces += *p == ' ';
	node->level = (unsigned)(spaces / 2 + 1);

	const char *range = line;
	size_t range_len = (size_t)(sep - line);
	span_trim(&range, &range_len);
	const char *dash = memchr(range, '-', range_len);
	if (!dash)
		return jh_fail(err, JH_BADINPUT, "%s: line %zu: no '-' in the range",
			       file, lineno);
	const char *lo = range, *hi = dash + 1;
	size_t lo_len = (size_t)(dash - range);
	size_t hi_len = range_len - lo_len - 1;
	span_trim(&lo, &lo_len);
	span_trim(&hi, &hi_len);
	if (!span_parse_hex(lo, lo_len, &node->start) ||
	    !span_parse_hex(hi, hi_len, &node->end))
		return jh_fail(err, JH_BADINPUT,
			       "%s: line %zu: the range is not two hexadecimal numbers",
			       file, lineno);
	if (node->start > node->end)
		return jh_fail(err, JH_BADINPUT,
			       "%s: line %zu: range starts after its end", file,
			       lineno);
	/* end - start + 1 must be a size: 0-ffffffffffffffff would be 0 */
	if (node->start == 0 && node->end == UINT64_MAX)
		return jh_fail(err, JH_BADINPUT,
			       "%s: line %zu: the range 0-ffffffffffffffff covers the "
			       "whole 64-bit space, its size does not fit in 64 bits",
			       file, lineno);
	if (node->end > max_end)
		return jh_fail(err, JH_BADINPUT,
			       "%s: line %zu: %llx-%llx ends above %llx, the highest "
			       "address there can be", file, lineno,
			       (unsigned long long)node->start,
			       (unsigned long long)node->end,
			       (unsigned long long)max_end);

	const char *name = sep + 3;
	size_t name_len = n - (size_t)(name - line);
	span_trim(&name, &name_len);
	node->name = xstrndup(name, name_len);
	return 0;
}

static unsigned level_of(const struct res_tree *t, size_t i)
{
	return i == NONE_IDX ? 0 : t->nodes[i].level;
}

static size_t parent_of(const struct res_tree *t, size_t i)
{
	return i == NONE_IDX ? NONE_IDX : t->nodes[i].parent;
}

/* The parent of a new node at `level` that follows node `prev` (NONE_IDX
 * stands for the virtual root at level 0). Jailhouse's rule: deeper than
 * prev -> prev; as deep -> prev's parent; shallower -> climb from prev's
 * parent while still deeper than us, then take that ancestor's parent.
 * After a jump of several levels this is not the "nearest shallower"
 * ancestor, and that is on purpose. Where Jailhouse would need the virtual
 * root's parent (it crashes there), the node becomes top level. The climb
 * only ever removes nodes from the current path, so all lines together
 * take linear time. */
static size_t attach_level(const struct res_tree *t, size_t prev,
			   unsigned level)
{
	unsigned prev_level = level_of(t, prev);
	if (level > prev_level)
		return prev;
	size_t up = parent_of(t, prev);
	if (level == prev_level)
		return up;
	while (up != NONE_IDX && level < t->nodes[up].level)
		up = t->nodes[up].parent;
	return parent_of(t, up);
}

/* first_child / next_sibling / first_root from the parents. Going
 * backwards and prepending keeps children in file order. */
static void link_children(struct res_tree *t)
{
	t->first_root = NONE_IDX;
	for (size_t i = 0; i < t->n; i++)
		t->nodes[i].first_child = NONE_IDX;
	for (size_t i = t->n; i-- > 0;) {
		struct res_node *node = &t->nodes[i];
		size_t *head = node->parent == NONE_IDX ?
			&t->first_root : &t->nodes[node->parent].first_child;
		node->next_sibling = *head;
		*head = i;
	}
}

/* One node in the sibling check: its parent, range and index. */
struct sib {
	size_t parent, idx;
	uint64_t start, end;
};

/* By parent, then start, then file order: each parent's children end up
 * side by side in address order, so one sweep checks them all. */
static int sib_cmp(const void *a, const void *b)
{
	const struct sib *x = a, *y = b;
	if (x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int fail_pair(const char *file, const struct res_tree *t,
		     const size_t *lines, size_t a, size_t b, const char *what,
		     struct jh_error *err)
{
	if (a > b) {  /* name the later line first: that is where it broke */
		size_t s = a;
		a = b;
		b = s;
	}
	const struct res_node *x = &t->nodes[a], *y = &t->nodes[b];
	return jh_fail(err, JH_BADINPUT,
		       "%s: line %zu: %llx-%llx %s %llx-%llx on line %zu; "
		       "the kernel never lists such ranges", file, lines[b],
		       (unsigned long long)y->start, (unsigned long long)y->end,
		       what, (unsigned long long)x->start,
		       (unsigned long long)x->end, lines[a]);
}

/* What the kernel's resource tree guarantees (kernel/resource.c): a
 * child lies inside its parent, and the children of one parent do not
 * overlap. Ranges that break this are a forged or corrupt file, and
 * trusting them could hand the root cell memory that is not what the
 * file says (an extra "System RAM" over a reserved window). Below the
 * depth where the kernel stops indenting, nested lines of one level are
 * genuine (see RES_TREE_CAPPED_LEVEL) and must nest properly. A file of
 * zeros (read without root rights) is left to the caller to explain.
 * n log n: one sort, one sweep with a stack of open ranges. */
static int check_tree(const char *file, const struct res_tree *t,
		      const size_t *lines, struct jh_error *err)
{
	bool all_zero = true;
	for (size_t i = 0; i < t->n && all_zero; i++)
		all_zero = t->nodes[i].start == 0 && t->nodes[i].end == 0;
	if (all_zero)
		return 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct res_node *c = &t->nodes[i];
		if (c->parent == NONE_IDX)
			continue;
		const struct res_node *p = &t->nodes[c->parent];
		if (c->start < p->start || c->end > p->end)
			return fail_pair(file, t, lines, c->parent, i,
					 "is not inside its parent", err);
	}
	struct sib *v = xmalloc((t->n ? t->n : 1) * sizeof(*v));
	size_t *stack = xmalloc((t->n ? t->n : 1) * sizeof(*stack));
	for (size_t i = 0; i < t->n; i++)
		v[i] = (struct sib){ .parent = t->nodes[i].parent, .idx = i,
				     .start = t->nodes[i].start,
				     .end = t->nodes[i].end };
	if (t->n)
		qsort(v, t->n, sizeof(*v), sib_cmp);
	int rc = 0;
	size_t depth = 0;
	for (size_t i = 0; i < t->n && rc == 0; i++) {
		if (i && v[i].parent != v[i - 1].parent)
			depth = 0;
		while (depth && t->nodes[stack[depth - 1]].end < v[i].start)
			depth--;
		if (depth) {
			size_t open = stack[depth - 1];
			/* both at the capped level: after a jump in the
			 * indentation (never the kernel's) a shallower line
			 * can be a sibling too */
			bool nested = t->nodes[v[i].idx].level ==
					      RES_TREE_CAPPED_LEVEL &&
				      t->nodes[open].level ==
					      RES_TREE_CAPPED_LEVEL &&
				      v[i].end <= t->nodes[open].end;
			if (!nested)
				rc = fail_pair(file, t, lines, open, v[i].idx,
					       "overlaps its sibling", err);
		}
		stack[depth++] = v[i].idx;
	}
	free(stack);
	free(v);
	return rc;
}

int parse_res_tree_max(const char *file, const char *text, size_t len,
		       uint64_t max_end, struct res_tree *out,
		       struct jh_error *err)
{
	*out = (struct res_tree){ .first_root = NONE_IDX };
	if (len && memchr(text, '\0', len))
		return jh_fail(err, JH_BADINPUT, "%s: contains a NUL byte", file);

	size_t prev = NONE_IDX, lineno = 0;
	size_t *lines = NULL, lines_cap = 0, nlines = 0;
	const char *p = text, *end = text + len, *line;
	size_t n;
	while (span_next_line(&p, end, &line, &n)) {
		lineno++;

		const char *probe = line;
		size_t probe_len = n;
		span_trim(&probe, &probe_len);
		if (!probe_len)
			continue;
		if (out->n >= RES_TREE_MAX_LINES) {
			jh_fail(err, JH_BADINPUT, "%s: more than %u entries",
				file, RES_TREE_MAX_LINES);
			goto fail;
		}

		struct res_node node = { 0 };
		if (parse_line(file, lineno, line, n, max_end, &node, err))
			goto fail;
		node.parent = attach_level(out, prev, node.level);
		*ARRAY_PUSH(out->nodes, out->n, out->cap) = node;
		*ARRAY_PUSH(lines, nlines, lines_cap) = lineno;
		prev = out->n - 1;
	}
	link_children(out);
	if (check_tree(file, out, lines, err) < 0)
		goto fail;
	free(lines);
	return 0;

fail:
	free(lines);
	res_tree_free(out);
	return -1;
}

int parse_res_tree(const char *file, const char *text, size_t len,
		   struct res_tree *out, struct jh_error *err)
{
	return parse_res_tree_max(file, text, len, UINT64_MAX, out, err);
}

/* Pre-order: a node, then its subtree, then its next sibling. A parsed
 * tree keeps nodes in file order and every node is its parent's newest
 * child, so this is simply file order; it is computed from the links
 * anyway so that it also holds for trees built by hand. Pass NONE_IDX to
 * get the first node; NONE_IDX comes back after the last one. */
size_t res_tree_next_preorder(const struct res_tree *t, size_t i)
{
	if (i == NONE_IDX)
		return t->first_root;
	if (i >= t->n)
		return NONE_IDX;
	if (t->nodes[i].first_child != NONE_IDX)
		return t->nodes[i].first_child;
	/* Bounded climb: a corrupt parent chain cannot make us spin. */
	for (size_t steps = 0; i != NONE_IDX && i < t->n && steps <= t->n;
	     steps++) {
		if (t->nodes[i].next_sibling != NONE_IDX)
			return t->nodes[i].next_sibling;
		i = t->nodes[i].parent;
	}
	return NONE_IDX;
}
