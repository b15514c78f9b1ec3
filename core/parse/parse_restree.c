/* /proc/iomem and /proc/ioports as a tree.
 *
 * Each line is "START-END : NAME" with hexadecimal bounds. The nesting is
 * read the way Jailhouse's config generator reads it, because the planner
 * must see the very same tree: a line's level is the number of spaces in
 * front of the " : " separator, halved, plus one; its parent is found from
 * the previous line (see attach_level() below). */
#include "parse/parsers.h"
#include "base/textspan.h"

#include <string.h>

/* More lines than any real machine prints: such a file is garbage. */
#define RES_TREE_MAX_LINES 1000000u


static const char *find_separator(const char *line, size_t n)
{
	for (size_t i = 0; i + 3 <= n; i++)
		if (line[i] == ' ' && line[i + 1] == ':' && line[i + 2] == ' ')
			return line + i;
	return NULL;
}

/* Reads one non-blank line into a node (links left unset). */
static int parse_line(const char *file, size_t lineno, const char *line,
		      size_t n, struct res_node *node, struct jh_error *err)
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

int parse_res_tree(const char *file, const char *text, size_t len,
		   struct res_tree *out, struct jh_error *err)
{
	*out = (struct res_tree){ .first_root = NONE_IDX };
	if (len && memchr(text, '\0', len))
		return jh_fail(err, JH_BADINPUT, "%s: contains a NUL byte", file);

	size_t prev = NONE_IDX, lineno = 0;
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
		if (parse_line(file, lineno, line, n, &node, err))
			goto fail;
		node.parent = attach_level(out, prev, node.level);
		*ARRAY_PUSH(out->nodes, out->n, out->cap) = node;
		prev = out->n - 1;
	}
	link_children(out);
	return 0;

fail:
	res_tree_free(out);
	return -1;
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
