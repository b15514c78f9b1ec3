/* SPDX-License-Identifier: GPL-2.0-only */
/* The boot-entry editor (see boot_entry.h for the formats and rules).
 *
 * Escaping: what each reader does to a '$' between the file and the kernel
 *
 * - systemd-boot reads a BLS entry's "options" values and hands them to
 *   the kernel as they are (several lines joined with spaces): a raw '$'.
 *   Specification: https://uapi-group.org/specifications/specs/
 *   boot_loader_specification/ ("options": "Kernel parameters to pass to
 *   the Linux kernel"), no escaping defined. Yocto's and AGL's
 *   systemd-boot entries (boot.conf) carry memmap=82M$0x3a000000 as it is.
 * - GRUB's blscfg module (Fedora, RHEL; the entries carry grub_users,
 *   grub_arg, grub_class and often "options $kernelopts") turns the entry
 *   into a menu entry whose "linux" line is GRUB script, so GRUB's lexer
 *   expands $NAME and $DIGITS there (grub-core/script/yylex.l: a variable
 *   is $ followed by a name, digits or one of ?#*@): "$0x3a000000" would
 *   become "" + "x3a000000" (positional parameter 0 is empty) and the
 *   kernel would read memmap=82Mx3a000000, i.e. memmap=82M = "use only
 *   82 MiB of RAM" (arch/x86/kernel/e820.c parse_memmap_one(): a size
 *   with no @#$!% after it limits memory). A backslash quotes the next
 *   character in an unquoted GRUB word: written "\$".
 * - /etc/default/grub is sourced by grub-mkconfig with the POSIX shell
 *   ("It is sourced by a shell script, and so must be valid POSIX shell
 *   input", GRUB manual, "Simple configuration"). 10_linux then writes
 *   "linux ... ro ${args}" with GRUB_CMDLINE_LINUX in args through an
 *   unquoted here-document (util/grub.d/10_linux.in, linux_entry()), which
 *   substitutes the value once and does not process it again, so the
 *   shell's value lands in grub.cfg unchanged, where GRUB's lexer reads it
 *   as above. grub.cfg therefore needs memmap=82M\$0x3a000000, and the
 *   shell must produce that: inside double quotes a backslash keeps its
 *   meaning only before $ ` " \ and newline (POSIX 2.2.3), so "\\\$"
 *   gives "\$" -- Jailhouse's README.md writes
 *   GRUB_CMDLINE_LINUX_DEFAULT="memmap=82M\\\$0x3a000000"; inside single
 *   quotes nothing is special, so '...\$...'. tests/boot_entry.sh runs
 *   the shell step on the files this editor writes.
 *
 * Every value is decoded through its readers (shell, then GRUB) to the
 * text the kernel gets, with a map back to the file's bytes, so that a
 * parameter is recognised however it was escaped and replaced exactly
 * where it stands. */
#include "boot/boot_entry.h"
#include "base/textspan.h"
#include "config/config.h"
#include "parse/parsers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How a value's bytes reach the kernel. */
enum level {
	LV_RAW,    /* as they are: systemd-boot, /proc/cmdline */
	LV_GRUB,   /* GRUB's lexer: "\c" is c */
	LV_SH_DQ,  /* shell double quotes, then GRUB */
	LV_SH_SQ,  /* shell single quotes, then GRUB */
};

struct line {
	size_t start, len;  /* content, without the line ending */
	size_t end;         /* past the line ending */
};

struct lines {
	struct line *v;
	size_t n, cap;
};

static void split_lines(const char *d, size_t len, struct lines *ls)
{
	size_t p = 0;
	while (p < len) {
		const char *nl = memchr(d + p, '\n', len - p);
		struct line *l = ARRAY_PUSH(ls->v, ls->n, ls->cap);
		l->start = p;
		if (nl) {
			l->end = (size_t)(nl - d) + 1;
			l->len = l->end - 1 - p;
			if (l->len && d[p + l->len - 1] == '\r')
				l->len--;
		} else {
			l->end = len;
			l->len = len - p;
		}
		p = l->end;
	}
}

/* ---- decoding a value to the kernel's text ---- */

struct decoded {
	char *s;
	size_t n;
	size_t *map;   /* n + 1 entries: offset in the raw value of each char */
};

static void decoded_free(struct decoded *d)
{
	free(d->s);
	free(d->map);
	memset(d, 0, sizeof(*d));
}

static void decode(enum level lv, const char *raw, size_t n, struct decoded *out)
{
	/* step 1: the shell */
	char *s1 = xmalloc(n + 1);
	size_t *m1 = xmalloc((n + 1) * sizeof(*m1));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		m1[k] = i;
		if (lv == LV_SH_DQ && raw[i] == '\\' && i + 1 < n &&
		    memchr("$`\"\\\n", raw[i + 1], 5))
			i++;
		s1[k++] = raw[i];
	}
	m1[k] = n;
	/* step 2: GRUB */
	out->s = xmalloc(k + 1);
	out->map = xmalloc((k + 1) * sizeof(*out->map));
	size_t j = 0;
	for (size_t i = 0; i < k; i++) {
		out->map[j] = m1[i];
		if (lv != LV_RAW && s1[i] == '\\' && i + 1 < k)
			i++;
		out->s[j++] = s1[i];
	}
	out->map[j] = n;
	out->s[j] = '\0';
	out->n = j;
	free(s1);
	free(m1);
}

/* The kernel's text in the file's bytes for level lv. */
static void encode(enum level lv, const char *text, struct buf *b)
{
	for (const char *p = text; *p; p++) {
		char c = *p;
		bool grub_special = lv != LV_RAW && (c == '$' || c == '\\');
		if (lv == LV_SH_DQ && grub_special)
			buf_append(b, "\\\\", 2);  /* the shell makes it one '\' */
		else if (grub_special)
			buf_append(b, "\\", 1);
		if (lv == LV_SH_DQ && memchr("$`\"\\", c, 4))
			buf_append(b, "\\", 1);
		buf_append(b, &c, 1);
	}
}

/* ---- the parameters on a value ---- */

struct tok {
	size_t s, e;         /* in the decoded text */
	const char *key;     /* the kernel's view: quotes dropped */
	size_t key_len;
	const char *val;
	size_t val_len;
};

static bool tok_key_is(const struct tok *t, const char *key)
{
	return t->key_len == strlen(key) && !memcmp(t->key, key, t->key_len);
}

/* The parameters of a command line, split like the kernel's next_arg():
 * whitespace outside double quotes; a leading quote and then a trailing
 * one are dropped. Stops at a bare "--" (*dashdash: its start, or n). */
static void tokens(const struct decoded *d, struct tok **v, size_t *nv,
		   size_t *dashdash, bool *open_quote)
{
	size_t cap = 0, p = 0;
	*v = NULL;
	*nv = 0;
	*dashdash = d->n;
	*open_quote = false;
	while (p < d->n) {
		while (p < d->n && text_is_space(d->s[p]))
			p++;
		if (p >= d->n)
			break;
		size_t s = p;
		bool q = false;
		for (; p < d->n && (q || !text_is_space(d->s[p])); p++)
			if (d->s[p] == '"')
				q = !q;
		if (q)
			*open_quote = true;
		if (p - s == 2 && !memcmp(d->s + s, "--", 2)) {
			*dashdash = s;
			return;
		}
		struct tok *t = ARRAY_PUSH(*v, *nv, cap);
		t->s = s;
		t->e = p;
		const char *k = d->s + s;
		size_t n = p - s;
		if (n && *k == '"') {
			k++;
			n--;
			if (n && k[n - 1] == '"')
				n--;
		}
		const char *eq = memchr(k, '=', n);
		t->key = k;
		t->key_len = eq ? (size_t)(eq - k) : n;
		t->val = eq ? eq + 1 : k + n;
		t->val_len = eq ? n - t->key_len - 1 : 0;
		if (t->val_len && *t->val == '"') {
			t->val++;
			t->val_len--;
			if (t->val_len && t->val[t->val_len - 1] == '"')
				t->val_len--;
		}
	}
}

/* memmap= token: does it hold a '$' (reserve) item, and is it exactly one
 * such item at `start`? */
static bool memmap_reserves(const struct tok *t, bool *one_at, uint64_t start,
			    uint64_t *size)
{
	bool any = false;
	size_t items = 0;
	*one_at = false;
	const char *v = t->val;
	size_t n = t->val_len;
	while (true) {
		const char *comma = memchr(v, ',', n);
		size_t il = comma ? (size_t)(comma - v) : n;
		size_t sep = 0;
		items++;
		while (sep < il && !memchr("@#$!%", v[sep], 5))
			sep++;
		if (sep < il && v[sep] == '$') {
			any = true;
			uint64_t sz, st;
			if (parse_memparse(v, sep, &sz) &&
			    parse_memparse(v + sep + 1, il - sep - 1, &st) && st == start) {
				*one_at = true;
				*size = sz;
			}
		}
		if (!comma)
			break;
		n -= il + 1;
		v = comma + 1;
	}
	if (items != 1)
		*one_at = false;
	return any;
}

/* Does this intel_iommu= / amd_iommu= value switch the IOMMU off? Intel:
 * the last "on" or "off" item counts (each sets dmar_disabled in turn,
 * drivers/iommu/intel/iommu.c intel_iommu_setup()); AMD: any "off" item
 * (drivers/iommu/amd/init.c parse_amd_iommu_options()). */
static bool iommu_is_off(int iommu, const char *v, size_t n)
{
	bool off = false;
	while (true) {
		const char *comma = memchr(v, ',', n);
		size_t il = comma ? (size_t)(comma - v) : n;
		if (span_is(v, il, "off"))
			off = true;
		else if (iommu == JH_IOMMU_INTEL && span_is(v, il, "on"))
			off = false;
		if (!comma)
			return off;
		n -= il + 1;
		v = comma + 1;
	}
}

/* A piece of the file or value as a message may show it. */
static char *shown_n(const char *s, size_t n)
{
	char *raw = xstrndup(s, n);
	char *p = jh_printable(raw);
	free(raw);
	return p;
}

static char *tok_text(const struct decoded *d, const struct tok *t)
{
	return shown_n(d->s + t->s, t->e - t->s);
}

struct change {
	size_t rs, re;      /* raw range replaced (rs == re: an insertion) */
	char *kernel_text;  /* what goes there, the kernel's view */
};

/* Decide what to do with the value [vs, ve) of line `lineno` of the file.
 * Fills e->memmap/iommu and the changes (at most three). */
/* A value decoded and split into the kernel's parameters. */
struct params {
	struct decoded d;
	struct tok *tv;
	size_t nt, dashdash;
	bool open_quote;
};

static void params_read(enum level lv, const char *raw, size_t rawlen, struct params *p)
{
	decode(lv, raw, rawlen, &p->d);
	tokens(&p->d, &p->tv, &p->nt, &p->dashdash, &p->open_quote);
}

static void params_free(struct params *p)
{
	free(p->tv);
	decoded_free(&p->d);
}

static int plan_value(const char *name, size_t lineno, enum level lv,
		      const char *raw, size_t rawlen, const struct boot_params *bp,
		      const char *replace, struct boot_edit *e, struct change *ch,
		      size_t *nch, struct jh_error *err)
{
	struct params pr;
	params_read(lv, raw, rawlen, &pr);
	struct decoded d = pr.d;
	struct tok *tv = pr.tv;
	size_t nt = pr.nt, dashdash = pr.dashdash;
	bool open_quote = pr.open_quote;
	int rc = 0;
	*nch = 0;
	if (open_quote) {
		/* the kernel would read all that follows as part of one
		 * parameter, the ones jhconf adds included */
		rc = jh_fail(err, JH_BADINPUT,
			     "%s:%zu: a double quote that does not close; fix the line "
			     "by hand", name, lineno);
		goto out;
	}

	/* memmap */
	struct strlist cand = { 0 };
	const struct tok *mine = NULL, *named = NULL;
	uint64_t mine_size = 0;
	size_t nmine = 0, nnamed = 0;
	bool replace_seen = false;
	for (size_t i = 0; i < nt; i++) {
		bool one_at;
		uint64_t sz = 0;
		if (!tok_key_is(&tv[i], "memmap") ||
		    !memmap_reserves(&tv[i], &one_at, bp->window_start, &sz))
			continue;
		char *txt = tok_text(&d, &tv[i]);
		bool is_named = replace && !strcmp(txt, replace);
		replace_seen |= is_named;
		if (is_named && !one_at) {
			/* the reservation the user names as the old window's */
			named = &tv[i];
			nnamed++;
			free(txt);
			continue;
		}
		strlist_add(&cand, txt);
		free(txt);
		if (one_at) {
			mine = &tv[i];
			mine_size = sz;
			nmine++;
		}
	}
	if (replace && !replace_seen) {
		rc = jh_fail(err, JH_BADINPUT,
			     "%s:%zu: no %s on this line to replace (--replace names one "
			     "memmap= reservation of the line as the kernel reads it)",
			     name, lineno, replace);
		strlist_free(&cand);
		goto out;
	}
	if (nnamed) {
		/* the named one gives way to this window; every other '$'
		 * reservation would still be one too many */
		if (nnamed > 1 || cand.n) {
			char *list = strlist_join(&cand, ", ");
			rc = jh_fail(err, JH_BADINPUT,
				     "%s:%zu: %s; remove %s by hand",
				     name, lineno,
				     nnamed > 1 ? "the reservation to replace is there more than once"
						: "another memmap reservation besides the one to replace",
				     nnamed > 1 ? "the copies" : list);
			free(list);
			strlist_free(&cand);
			goto out;
		}
		mine = named;
		nmine = 1;
	}
	if (cand.n > 1 || (cand.n == 1 && !mine)) {
		char *list = strlist_join(&cand, ", ");
		char *hint = cand.n == 1 ? xasprintf(", or let jhconf replace it: --replace '%s'",
						     cand.v[0])
					 : xstrdup("");
		rc = jh_fail(err, JH_BADINPUT,
			     "%s:%zu: %s: %s; jhconf replaces only a single memmap=SIZE$0x%llx "
			     "(this window's start) and needs %s as the only reservation: "
			     "remove or change %s by hand%s",
			     name, lineno,
			     cand.n > 1 ? "several memmap reservations" :
					  "a memmap reservation that is not this window's",
			     list, (unsigned long long)bp->window_start,
			     bp->memmap, cand.n > 1 ? "them" : "it", hint);
		free(hint);
		free(list);
		strlist_free(&cand);
		goto out;
	}
	strlist_free(&cand);
	/* new parameters go after the last one (trailing blanks stay last),
	 * or before a "--" whose rest is init's */
	size_t insert_at = dashdash < d.n ? d.map[dashdash] : d.map[nt ? tv[nt - 1].e : 0];
	if (nmine == 1 && !named && mine_size == bp->window_size) {
		e->memmap = BOOT_KEPT;
	} else if (nmine == 1) {
		e->memmap = BOOT_REPLACED;
		e->memmap_old = tok_text(&d, mine);
		ch[(*nch)++] = (struct change){ d.map[mine->s], d.map[mine->e],
						xstrdup(bp->memmap) };
	} else {
		e->memmap = BOOT_ADDED;
		ch[(*nch)++] = (struct change){ insert_at, insert_at, xstrdup(bp->memmap) };
	}

	/* the IOMMU */
	e->iommu = BOOT_KEPT;
	if (bp->iommu_key) {
		const struct tok *it = NULL;
		size_t nio = 0;
		struct buf list = { 0 };
		for (size_t i = 0; i < nt; i++)
			if (tok_key_is(&tv[i], bp->iommu_key)) {
				char *txt = tok_text(&d, &tv[i]);
				buf_printf(&list, "%s%s", nio ? ", " : "", txt);
				free(txt);
				it = &tv[i];
				nio++;
			}
		buf_put_u8(&list, 0);
		if (nio > 1) {
			rc = jh_fail(err, JH_BADINPUT,
				     "%s:%zu: %zu %s= parameters (%s); jhconf does not choose "
				     "between them: leave one (%s is needed)",
				     name, lineno, nio, bp->iommu_key, (char *)list.data,
				     bp->iommu_param);
			buf_free(&list);
			for (size_t i = 0; i < *nch; i++)
				free(ch[i].kernel_text);
			*nch = 0;
			goto out;
		}
		buf_free(&list);
		if (!it) {
			e->iommu = BOOT_ADDED;
			ch[(*nch)++] = (struct change){ insert_at, insert_at,
							xstrdup(bp->iommu_param) };
		} else if (!iommu_is_off(bp->iommu, it->val, it->val_len)) {
			e->iommu = BOOT_REPLACED;
			e->iommu_old = tok_text(&d, it);
			ch[(*nch)++] = (struct change){ d.map[it->s], d.map[it->e],
							xstrdup(bp->iommu_param) };
		}
	}
out:
	params_free(&pr);
	return rc;
}

char *boot_old_reservation(const char *cmdline, size_t len, const struct boot_params *bp)
{
	struct params pr;
	params_read(LV_RAW, cmdline, len, &pr);
	char *found = NULL;
	size_t n = 0;
	for (size_t i = 0; !pr.open_quote && i < pr.nt; i++) {
		bool one_at;
		uint64_t sz;
		if (!tok_key_is(&pr.tv[i], "memmap") ||
		    !memmap_reserves(&pr.tv[i], &one_at, bp->window_start, &sz))
			continue;
		if (one_at || n++) {  /* this window's, or one too many */
			free(found);
			found = NULL;
			if (one_at)
				break;
			continue;
		}
		found = tok_text(&pr.d, &pr.tv[i]);
	}
	params_free(&pr);
	return found;
}

/* The new value: raw with the changes applied, insertions at the same
 * place in the order given, separated by single spaces. */
static void apply(enum level lv, const char *raw, size_t rawlen,
		  const struct change *ch, size_t nch, struct buf *out)
{
	size_t p = 0;
	/* changes are in raw order except insertions, which share one place */
	bool done[3] = { false, false, false };
	for (size_t step = 0; step < nch; step++) {
		size_t best = nch;
		for (size_t i = 0; i < nch; i++)
			if (!done[i] && (best == nch || ch[i].rs < ch[best].rs))
				best = i;
		const struct change *c = &ch[best];
		done[best] = true;
		buf_append(out, raw + p, c->rs - p);
		bool insertion = c->rs == c->re;
		if (insertion && out->len && !text_is_space(((char *)out->data)[out->len - 1]))
			buf_append(out, " ", 1);
		encode(lv, c->kernel_text, out);
		/* an insertion before other text ("--") keeps a space after it */
		if (insertion && c->rs < rawlen && !text_is_space(raw[c->rs]))
			buf_append(out, " ", 1);
		p = c->re;
	}
	buf_append(out, raw + p, rawlen - p);
}

/* ---- the formats ---- */

static bool bls_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

struct target {
	size_t line;        /* index */
	size_t vs, ve;      /* the value in the file */
	enum level lv;
	bool add_quotes;    /* a bare GRUB value: quote it when it changes */
	bool space_before;  /* "options" with no blank after the key */
};

static int find_bls(const char *name, const char *d, const struct lines *ls,
		    enum boot_reader *reader, struct target *t, struct jh_error *err)
{
	size_t found = 0;
	bool grub = false;
	for (size_t i = 0; i < ls->n; i++) {
		const struct line *l = &ls->v[i];
		const char *s = d + l->start;
		size_t n = l->len, k = 0;
		while (k < n && text_is_blank(s[k]))
			k++;
		if (k == n || s[k] == '#')
			continue;
		size_t ks = k;
		while (k < n && bls_key_char(s[k]))
			k++;
		if (k == ks || (k < n && !text_is_blank(s[k]))) {
			char *shown = shown_n(s, n > 60 ? 60 : n);
			int rc = jh_fail(err, JH_BADINPUT,
					 "%s:%zu: not a Boot Loader Specification entry line "
					 "(\"key value\"): '%s'", name, i + 1, shown);
			free(shown);
			return rc;
		}
		if (k - ks > 5 && !memcmp(s + ks, "grub_", 5))
			grub = true;
		size_t ke = k;
		while (k < n && text_is_blank(s[k]))
			k++;
		for (size_t j = k; j + 1 < n; j++)
			if (s[j] == '$' && (s[j + 1] == '{' || s[j + 1] == '_' ||
					    (s[j + 1] >= 'a' && s[j + 1] <= 'z') ||
					    (s[j + 1] >= 'A' && s[j + 1] <= 'Z')))
				grub = true;
		if (!span_is(s + ks, ke - ks, "options"))
			continue;
		if (found)
			return jh_fail(err, JH_BADINPUT,
				       "%s:%zu: a second 'options' line (the first is line %zu); "
				       "readers join them, so jhconf does not choose one: "
				       "merge them into one line", name, i + 1, t->line + 1);
		found = 1;
		size_t ve = n;
		while (ve > k && text_is_blank(s[ve - 1]))
			ve--;
		*t = (struct target){ .line = i, .vs = l->start + k, .ve = l->start + ve,
				      .space_before = k == ke };
	}
	if (!found)
		return jh_fail(err, JH_BADINPUT,
			       "%s: no 'options' line (a Boot Loader Specification entry "
			       "keeps the kernel command line there); add one by hand", name);
	if (*reader == BOOT_READER_AUTO)
		*reader = grub ? BOOT_READER_GRUB : BOOT_READER_SYSTEMD_BOOT;
	t->lv = *reader == BOOT_READER_GRUB ? LV_GRUB : LV_RAW;
	return 0;
}

/* Is line l an assignment of `var`? 1 with the value found, 0 if not, -1
 * for one jhconf cannot edit. */
static int grub_assignment(const char *name, const char *d, const struct line *l,
			   size_t lineno, const char *var, struct target *t,
			   struct jh_error *err)
{
	const char *s = d + l->start;
	size_t n = l->len, k = 0;
	while (k < n && text_is_blank(s[k]))
		k++;
	if (n - k > 7 && !memcmp(s + k, "export", 6) && text_is_blank(s[k + 6])) {
		k += 6;
		while (k < n && text_is_blank(s[k]))
			k++;
	}
	size_t vl = strlen(var);
	if (n - k < vl || memcmp(s + k, var, vl))
		return 0;
	k += vl;
	if (k + 1 < n && s[k] == '+' && s[k + 1] == '=')
		return jh_fail(err, JH_BADINPUT,
			       "%s:%zu: %s+= appends to the variable; jhconf edits one plain "
			       "assignment: write it as one", name, lineno, var);
	if (k >= n || s[k] != '=')
		return 0;
	k++;
	*t = (struct target){ .line = lineno - 1 };
	if (k < n && (s[k] == '"' || s[k] == '\'')) {
		char q = s[k];
		size_t e = k + 1;
		while (e < n && s[e] != q) {
			if (q == '"' && s[e] == '\\' && e + 1 < n)
				e++;
			e++;
		}
		if (e >= n)
			return jh_fail(err, JH_BADINPUT,
				       "%s:%zu: the %s value does not end on its line; jhconf "
				       "edits one-line values only", name, lineno, var);
		t->vs = l->start + k + 1;
		t->ve = l->start + e;
		t->lv = q == '"' ? LV_SH_DQ : LV_SH_SQ;
		return 1;
	}
	size_t e = k;
	while (e < n && !text_is_blank(s[e]) && s[e] != ';' && s[e] != '#') {
		if (memchr("\\\"'`", s[e], 4))
			return jh_fail(err, JH_BADINPUT,
				       "%s:%zu: the %s value is unquoted and holds quoting "
				       "characters; put it in double quotes by hand", name,
				       lineno, var);
		e++;
	}
	t->vs = l->start + k;
	t->ve = l->start + e;
	t->lv = LV_SH_DQ;
	t->add_quotes = true;
	return 1;
}

static int find_grub(const char *name, const char *d, const struct lines *ls,
		     const struct boot_params *bp, struct target *t,
		     struct jh_error *err)
{
	bool found = false;
	for (size_t i = 0; i < ls->n; i++) {
		const struct line *l = &ls->v[i];
		const char *s = d + l->start;
		size_t k = 0;
		while (k < l->len && text_is_blank(s[k]))
			k++;
		if (k == l->len || s[k] == '#')
			continue;
		struct target dt;
		int r = grub_assignment(name, d, l, i + 1, "GRUB_CMDLINE_LINUX_DEFAULT",
					&dt, err);
		if (r < 0)
			return -1;
		if (r > 0) {
			/* the other variable must not hold what jhconf manages:
			 * grub-mkconfig puts both on the same kernel line */
			struct params pr;
			params_read(dt.lv, d + dt.vs, dt.ve - dt.vs, &pr);
			const struct tok *bad = NULL;
			for (size_t j = 0; j < pr.nt && !bad; j++)
				if (tok_key_is(&pr.tv[j], "memmap") ||
				    (bp->iommu_key && tok_key_is(&pr.tv[j], bp->iommu_key)))
					bad = &pr.tv[j];
			int rc = 0;
			if (bad) {
				char *txt = tok_text(&pr.d, bad);
				rc = jh_fail(err, JH_BADINPUT,
					     "%s:%zu: GRUB_CMDLINE_LINUX_DEFAULT holds %s; jhconf "
					     "keeps the parameters in GRUB_CMDLINE_LINUX (both end "
					     "up on the same kernel line): remove it there", name,
					     i + 1, txt);
				free(txt);
			}
			params_free(&pr);
			if (rc)
				return rc;
			continue;
		}
		struct target nt;
		r = grub_assignment(name, d, l, i + 1, "GRUB_CMDLINE_LINUX", &nt, err);
		if (r < 0)
			return -1;
		if (r == 0)
			continue;
		if (found)
			return jh_fail(err, JH_BADINPUT,
				       "%s:%zu: a second GRUB_CMDLINE_LINUX assignment (the first "
				       "is line %zu); jhconf does not choose one: keep one",
				       name, i + 1, t->line + 1);
		found = true;
		*t = nt;
	}
	if (!found)
		return jh_fail(err, JH_BADINPUT,
			       "%s: no GRUB_CMDLINE_LINUX= assignment (not an /etc/default/grub "
			       "file?); add GRUB_CMDLINE_LINUX=\"\" by hand", name);
	return 0;
}

int boot_entry_check_text(const char *name, const char *data, size_t len,
			  struct jh_error *err)
{
	if (len > BOOT_ENTRY_MAX)
		return jh_fail(err, JH_BADINPUT,
			       "%s: %zu bytes, more than the %u a boot entry has; not one",
			       name, len, BOOT_ENTRY_MAX);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		if ((c < 0x20 && !memchr("\t\n\r", c, 3)) || c == 0x7f)
			return jh_fail(err, JH_BADINPUT,
				       "%s: offset %zu: byte 0x%02x: a binary file, not a "
				       "boot entry", name, i, c);
	}
	return 0;
}

int boot_entry_edit(enum boot_format fmt, enum boot_reader reader,
		    const char *name, const char *data, size_t len,
		    const struct boot_params *bp, const char *replace,
		    struct boot_edit *e, struct jh_error *err)
{
	memset(e, 0, sizeof(*e));
	if (boot_entry_check_text(name, data, len, err))
		return -1;
	struct lines ls = { 0 };
	split_lines(data, len, &ls);
	struct target t = { 0 };
	int rc = 0;
	if (fmt == BOOT_FMT_BLS) {
		rc = find_bls(name, data, &ls, &reader, &t, err);
	} else if (fmt == BOOT_FMT_GRUB) {
		rc = find_grub(name, data, &ls, bp, &t, err);
		reader = BOOT_READER_GRUB;
	} else {
		size_t n = ls.n ? ls.v[0].len : 0;
		t = (struct target){ .vs = 0, .ve = n, .lv = LV_RAW };
		reader = BOOT_READER_SYSTEMD_BOOT;
	}
	if (rc) {
		free(ls.v);
		return -1;
	}
	e->reader = reader;
	e->line = t.line + 1;

	struct change ch[3];
	size_t nch = 0;
	if (plan_value(name, t.line + 1, t.lv, data + t.vs, t.ve - t.vs, bp, replace, e,
		       ch, &nch, err)) {
		free(ls.v);
		boot_edit_free(e);
		return -1;
	}
	buf_append(&e->out, data, t.vs);
	if (nch) {
		if (t.space_before)
			buf_append(&e->out, " ", 1);
		if (t.add_quotes)
			buf_append(&e->out, "\"", 1);
		struct buf val = { 0 };
		apply(t.lv, data + t.vs, t.ve - t.vs, ch, nch, &val);
		buf_append(&e->out, val.data, val.len);
		buf_free(&val);
		if (t.add_quotes)
			buf_append(&e->out, "\"", 1);
		e->changed = true;
	} else {
		buf_append(&e->out, data + t.vs, t.ve - t.vs);
	}
	buf_append(&e->out, data + t.ve, len - t.ve);
	for (size_t i = 0; i < nch; i++)
		free(ch[i].kernel_text);
	free(ls.v);
	return 0;
}

void boot_edit_free(struct boot_edit *e)
{
	buf_free(&e->out);
	free(e->memmap_old);
	free(e->iommu_old);
	memset(e, 0, sizeof(*e));
}

/* ---- the diff ---- */

static bool line_eq(const char *a, const struct line *la, const char *b,
		    const struct line *lb)
{
	size_t na = la->end - la->start, nb = lb->end - lb->start;
	return na == nb && !memcmp(a + la->start, b + lb->start, na);
}

/* One line of the diff: the text as it is where a terminal shows it
 * harmlessly (printable ASCII, valid UTF-8, tabs), any other byte
 * escaped like every name jhconf prints (\x9b); the line ending as in
 * the file, so that the diff of a CRLF file applies with patch. */
static void diff_line(struct buf *out, char mark, const char *d, const struct line *l)
{
	buf_append(out, &mark, 1);
	size_t i = l->start, end = l->start + l->len;
	while (i < end) {
		size_t j = i;
		while (j < end && d[j] != '\t')
			j++;
		char *piece = xstrndup(d + i, j - i);
		buf_put_printable(out, piece);
		free(piece);
		if (j < end)
			buf_append(out, "\t", 1);
		i = j + 1;
	}
	buf_append(out, d + end, l->end - end);
	if (l->end == end || d[l->end - 1] != '\n')
		buf_printf(out, "\n\\ No newline at end of file\n");
}

static void hunk_range(struct buf *out, char sign, size_t start, size_t count)
{
	/* GNU diff: an empty range names the line before it; ",1" is left out */
	if (count == 1)
		buf_printf(out, "%c%zu", sign, start + 1);
	else
		buf_printf(out, "%c%zu,%zu", sign, count ? start + 1 : start, count);
}

void boot_diff(const char *label, const char *a, size_t alen,
	       const char *b, size_t blen, struct buf *out)
{
	if (alen == blen && !memcmp(a, b, alen))
		return;
	struct lines la = { 0 }, lb = { 0 };
	split_lines(a, alen, &la);
	split_lines(b, blen, &lb);
	size_t pre = 0;
	while (pre < la.n && pre < lb.n && line_eq(a, &la.v[pre], b, &lb.v[pre]))
		pre++;
	size_t suf = 0;
	while (suf < la.n - pre && suf < lb.n - pre &&
	       line_eq(a, &la.v[la.n - 1 - suf], b, &lb.v[lb.n - 1 - suf]))
		suf++;
	const size_t ctx = 3;
	size_t c0 = pre < ctx ? pre : ctx;
	size_t c1 = suf < ctx ? suf : ctx;
	size_t as = pre - c0, ae = la.n - suf + c1;
	size_t bs = pre - c0, be = lb.n - suf + c1;
	char *shown = jh_printable(label);
	buf_printf(out, "--- %s\n+++ %s\n@@ ", shown, shown);
	free(shown);
	hunk_range(out, '-', as, ae - as);
	buf_append(out, " ", 1);
	hunk_range(out, '+', bs, be - bs);
	buf_printf(out, " @@\n");
	for (size_t i = as; i < pre; i++)
		diff_line(out, ' ', a, &la.v[i]);
	for (size_t i = pre; i < la.n - suf; i++)
		diff_line(out, '-', a, &la.v[i]);
	for (size_t i = pre; i < lb.n - suf; i++)
		diff_line(out, '+', b, &lb.v[i]);
	for (size_t i = la.n - suf; i < ae; i++)
		diff_line(out, ' ', a, &la.v[i]);
	free(la.v);
	free(lb.v);
}
