/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for parse_res_tree: any bytes either fail with a message
 * and an empty tree, or give a tree whose links are consistent (parents
 * come earlier and sit shallower, pre-order is file order) and whose
 * ranges nest as the kernel's do. */
#include <stdint.h>
#include <stdlib.h>

#include "parse/parsers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

static void check_tree(const struct res_tree *t)
{
	check(t->n == 0 ? t->first_root == NONE_IDX : t->first_root == 0);
	for (size_t i = 0; i < t->n; i++) {
		const struct res_node *n = &t->nodes[i];
		check(n->name != NULL && n->start <= n->end && n->level >= 1);
		if (n->parent != NONE_IDX)
			check(n->parent < i && t->nodes[n->parent].level < n->level);
		if (n->first_child != NONE_IDX)
			check(n->first_child > i &&
			      t->nodes[n->first_child].parent == i);
		if (n->next_sibling != NONE_IDX)
			check(n->next_sibling > i &&
			      t->nodes[n->next_sibling].parent == n->parent);
	}
	/* what the kernel guarantees (issue 8): children inside their
	 * parent, siblings apart, nested only at the capped level 6; a file
	 * of zeros is exempt (discovery refuses it) */
	bool zeros = true;
	for (size_t i = 0; i < t->n; i++)
		zeros = zeros && t->nodes[i].start == 0 && t->nodes[i].end == 0;
	for (size_t i = 0; !zeros && i < t->n && t->n <= 4000; i++) {
		const struct res_node *n = &t->nodes[i];
		check(!(n->start == 0 && n->end == UINT64_MAX));
		if (n->parent != NONE_IDX)
			check(n->start >= t->nodes[n->parent].start &&
			      n->end <= t->nodes[n->parent].end);
		for (size_t k = i + 1; k < t->n; k++) {
			const struct res_node *o = &t->nodes[k];
			if (o->parent != n->parent || o->start > n->end ||
			    o->end < n->start)
				continue;
			bool nested = (o->start >= n->start && o->end <= n->end) ||
				      (n->start >= o->start && n->end <= o->end);
			check(nested && n->level == 6 && o->level == 6);
		}
	}
	size_t expect = 0;
	for (size_t i = res_tree_next_preorder(t, NONE_IDX); i != NONE_IDX;
	     i = res_tree_next_preorder(t, i))
		check(i == expect++);
	check(expect == t->n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct res_tree t;
	struct jh_error err = { 0 };
	if (parse_res_tree("/proc/iomem", (const char *)data, size, &t, &err)) {
		check(err.msg != NULL && t.n == 0 && t.nodes == NULL);
		jh_error_clear(&err);
		return 0;
	}
	check(err.msg == NULL);
	check_tree(&t);
	res_tree_free(&t);
	return 0;
}
