/* SPDX-License-Identifier: GPL-2.0-only */
/* The theme parser and finder (see theme.h). No curses here. */
#include "theme.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef JH_THEMEDIR
#define JH_THEMEDIR "/usr/local/share/jhconf/themes"
#endif
#ifndef JH_SRC_THEMEDIR
#define JH_SRC_THEMEDIR "themes"
#endif

/* A theme is a few hundred bytes; 64 KiB is not one. */
#define THEME_MAX_FILE (64u * 1024)

static const char *const role_names[ROLE_COUNT] = {
	[ROLE_SCREEN] = "screen",
	[ROLE_SHADOW] = "shadow",
	[ROLE_DIALOG] = "dialog",
	[ROLE_TITLE] = "title",
	[ROLE_BORDER] = "border",
	[ROLE_BUTTON_ACTIVE] = "button_active",
	[ROLE_BUTTON_INACTIVE] = "button_inactive",
	[ROLE_BUTTON_KEY_ACTIVE] = "button_key_active",
	[ROLE_BUTTON_KEY_INACTIVE] = "button_key_inactive",
	[ROLE_INPUTBOX] = "inputbox",
	[ROLE_ITEM] = "item",
	[ROLE_ITEM_SELECTED] = "item_selected",
	[ROLE_TAG_KEY] = "tag_key",
	[ROLE_TAG_KEY_SELECTED] = "tag_key_selected",
	[ROLE_POSITION] = "position",
	[ROLE_ERROR] = "error",
	[ROLE_WARNING] = "warning",
	[ROLE_STATUS] = "status",
	[ROLE_OWN_ROOT] = "owner_root",
	[ROLE_OWN_INMATE] = "owner_inmate",
	[ROLE_OWN_HV] = "owner_hypervisor",
	[ROLE_OWN_IVSHMEM] = "owner_ivshmem",
	[ROLE_OWN_MMIO] = "owner_mmio",
	[ROLE_OWN_RESERVED] = "owner_reserved",
	[ROLE_OWN_FREE] = "owner_free",
	[ROLE_CURSOR] = "cursor",
};

const char *theme_role_name(enum tui_role r)
{
	return (unsigned)r < ROLE_COUNT ? role_names[r] : NULL;
}

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "normal", 0 }, { "bold", TA_BOLD }, { "reverse", TA_REVERSE },
	{ "underline", TA_UNDERLINE }, { "dim", TA_DIM }, { "standout", TA_STANDOUT },
	{ "blink", TA_BLINK },
};

#define S(f, b, a) { TC_##f, TC_##b, a }
/* menuconfig's classic look (lxdialog's "bluetitle" set): cyan-on-blue
 * screen, black-on-white dialogs, white-on-blue selection. */
static const struct theme_style classic[ROLE_COUNT] = {
	[ROLE_SCREEN] = S(CYAN, BLUE, TA_BOLD),
	[ROLE_SHADOW] = S(BLACK, BLACK, TA_BOLD),
	[ROLE_DIALOG] = S(BLACK, WHITE, 0),
	[ROLE_TITLE] = S(BLUE, WHITE, TA_BOLD),
	[ROLE_BORDER] = S(WHITE, WHITE, TA_BOLD),
	[ROLE_BUTTON_ACTIVE] = S(WHITE, BLUE, TA_BOLD),
	[ROLE_BUTTON_INACTIVE] = S(BLACK, WHITE, 0),
	[ROLE_BUTTON_KEY_ACTIVE] = S(WHITE, BLUE, TA_BOLD),
	[ROLE_BUTTON_KEY_INACTIVE] = S(RED, WHITE, 0),
	[ROLE_INPUTBOX] = S(BLACK, WHITE, 0),
	[ROLE_ITEM] = S(BLACK, WHITE, 0),
	[ROLE_ITEM_SELECTED] = S(WHITE, BLUE, TA_BOLD),
	[ROLE_TAG_KEY] = S(BLUE, WHITE, TA_BOLD),
	[ROLE_TAG_KEY_SELECTED] = S(YELLOW, BLUE, TA_BOLD),
	[ROLE_POSITION] = S(YELLOW, WHITE, TA_BOLD),
	[ROLE_ERROR] = S(RED, WHITE, TA_BOLD),
	[ROLE_WARNING] = S(MAGENTA, WHITE, 0),
	[ROLE_STATUS] = S(WHITE, BLUE, TA_BOLD),
	[ROLE_OWN_ROOT] = S(BLACK, GREEN, 0),
	[ROLE_OWN_INMATE] = S(BLACK, CYAN, 0),
	[ROLE_OWN_HV] = S(WHITE, RED, TA_BOLD),
	[ROLE_OWN_IVSHMEM] = S(BLACK, MAGENTA, 0),
	[ROLE_OWN_MMIO] = S(BLACK, YELLOW, 0),
	[ROLE_OWN_RESERVED] = S(WHITE, BLACK, 0),
	[ROLE_OWN_FREE] = S(BLACK, WHITE, TA_DIM),
	[ROLE_CURSOR] = S(WHITE, BLUE, TA_BOLD | TA_UNDERLINE),
};
#undef S

void theme_default(struct theme *t)
{
	memcpy(t->role, classic, sizeof(classic));
	t->mono = false;
}

/* lxdialog's mono set: normal, reverse for what is selected, bold for keys. */
void theme_mono(struct theme *t)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		t->role[r] = (struct theme_style){ TC_DEFAULT, TC_DEFAULT, 0 };
	t->role[ROLE_TITLE].attrs = TA_BOLD;
	t->role[ROLE_BUTTON_ACTIVE].attrs = TA_REVERSE;
	t->role[ROLE_BUTTON_KEY_ACTIVE].attrs = TA_REVERSE | TA_BOLD;
	t->role[ROLE_BUTTON_KEY_INACTIVE].attrs = TA_BOLD;
	t->role[ROLE_ITEM_SELECTED].attrs = TA_REVERSE;
	t->role[ROLE_TAG_KEY].attrs = TA_BOLD;
	t->role[ROLE_TAG_KEY_SELECTED].attrs = TA_REVERSE | TA_BOLD;
	t->role[ROLE_POSITION].attrs = TA_BOLD;
	t->role[ROLE_ERROR].attrs = TA_BOLD;
	t->role[ROLE_STATUS].attrs = TA_REVERSE;
	t->role[ROLE_OWN_HV].attrs = TA_BOLD;
	t->role[ROLE_CURSOR].attrs = TA_REVERSE;
	t->mono = true;
}

bool theme_valid_name(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
	}
	return true;
}

/* The word at *p (letters, digits, '_'), lowercased into w; false when
 * longer than the buffer. */
static bool word(const char **p, const char *end, char *w, size_t cap)
{
	size_t n = 0;
	while (*p < end && ((**p >= 'a' && **p <= 'z') || (**p >= 'A' && **p <= 'Z') ||
			    (**p >= '0' && **p <= '9') || **p == '_')) {
		if (n + 1 >= cap)
			return false;
		char c = **p;
		w[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		(*p)++;
	}
	w[n] = '\0';
	return true;
}

static void skip_blanks(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t' || **p == '\r'))
		(*p)++;
}

static int color_of(const char *w)
{
	if (!strcmp(w, "default"))
		return TC_DEFAULT;
	for (size_t i = 0; i < sizeof(color_names) / sizeof(color_names[0]); i++)
		if (!strcmp(w, color_names[i]))
			return (int)i;
	return -2;
}

/* One line (without its newline): blank, a comment, `mono = yes|no`, or
 * `role = fg,bg[,attr...]`. */
static int parse_line(const char *file, unsigned lineno, const char *p,
		      const char *end, struct theme *t, struct jh_error *err)
{
	char w[24];
	skip_blanks(&p, end);
	if (p == end || *p == '#')
		return 0;
	if (!word(&p, end, w, sizeof(w)) || !*w)
		return jh_fail(err, JH_BADINPUT, "%s:%u: expected 'role = fg,bg[,attrs]'",
			       file, lineno);
	int role = -1;
	bool mono = !strcmp(w, "mono");
	for (int r = 0; r < ROLE_COUNT && !mono; r++)
		if (!strcmp(w, role_names[r]))
			role = r;
	if (role < 0 && !mono)
		return jh_fail(err, JH_BADINPUT, "%s:%u: unknown role '%s'", file, lineno, w);
	skip_blanks(&p, end);
	if (p == end || *p != '=')
		return jh_fail(err, JH_BADINPUT, "%s:%u: expected '=' after '%s'", file,
			       lineno, mono ? "mono" : role_names[role]);
	p++;
	struct theme_style st = { TC_DEFAULT, TC_DEFAULT, 0 };
	for (int field = 0;; field++) {
		skip_blanks(&p, end);
		if (!word(&p, end, w, sizeof(w)) || !*w)
			return jh_fail(err, JH_BADINPUT, "%s:%u: expected a %s", file, lineno,
				       mono ? "yes or no" : field == 0 ? "foreground colour" :
				       field == 1 ? "background colour" : "attribute");
		if (mono) {
			if (strcmp(w, "yes") && strcmp(w, "no"))
				return jh_fail(err, JH_BADINPUT, "%s:%u: mono is yes or no, not '%s'",
					       file, lineno, w);
			t->mono = !strcmp(w, "yes");
		} else if (field < 2) {
			int c = color_of(w);
			if (c < -1)
				return jh_fail(err, JH_BADINPUT, "%s:%u: unknown colour '%s'",
					       file, lineno, w);
			*(field == 0 ? &st.fg : &st.bg) = c;
		} else {
			size_t i, n = sizeof(attr_names) / sizeof(attr_names[0]);
			for (i = 0; i < n && strcmp(w, attr_names[i].name); i++)
				;
			if (i == n)
				return jh_fail(err, JH_BADINPUT, "%s:%u: unknown attribute '%s'",
					       file, lineno, w);
			st.attrs |= attr_names[i].bit;
		}
		skip_blanks(&p, end);
		if (p < end && *p == '#')
			p = end;
		if (p == end) {
			if (!mono && field < 1)
				return jh_fail(err, JH_BADINPUT, "%s:%u: expected fg,bg", file,
					       lineno);
			break;
		}
		if (*p != ',' || mono)
			return jh_fail(err, JH_BADINPUT, "%s:%u: unexpected '%c'", file, lineno,
				       *p >= ' ' && *p < 0x7f ? *p : '?');
		p++;
	}
	if (!mono)
		t->role[role] = st;
	return 0;
}

int theme_parse(const char *file, const char *text, size_t len, struct theme *t,
		struct jh_error *err)
{
	theme_default(t);
	const char *p = text, *end = text + len;
	unsigned lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		lineno++;
		if (memchr(p, '\0', (size_t)(le - p)) ||
		    parse_line(file, lineno, p, le, t, err) < 0) {
			if (!err->msg)
				jh_fail(err, JH_BADINPUT, "%s:%u: a NUL byte", file, lineno);
			theme_default(t);
			return -1;
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

static int read_small(const char *path, struct buf *out)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > THEME_MAX_FILE) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	buf_reserve(out, (size_t)st.st_size + 1);
	ssize_t r;
	while ((r = read(fd, out->data + out->len, out->cap - out->len)) > 0) {
		out->len += (size_t)r;
		if (out->len > THEME_MAX_FILE)
			break;
		buf_reserve(out, 4096);
	}
	close(fd);
	if (r < 0 || out->len > THEME_MAX_FILE) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int theme_load(const char *name, struct theme *t, struct jh_error *err)
{
	theme_default(t);
	if (!theme_valid_name(name))
		return jh_fail(err, JH_BADINPUT, "theme '%s': not a theme name "
			       "(letters, digits, '-', '_')", name);
	struct strlist dirs = { 0 };
	const char *env = getenv("JHCONF_THEMES");
	if (env && *env) {
		strlist_add(&dirs, env);
	} else {
		char *dir = jh_exe_dir();
		if (dir)
			strlist_addf(&dirs, "%s/themes", dir);
		free(dir);
		/* installed before the source tree, as the demo snapshot */
		strlist_add(&dirs, JH_THEMEDIR);
		strlist_add(&dirs, JH_SRC_THEMEDIR);
	}
	int rc = -1;
	for (size_t i = 0; i < dirs.n && rc < 0; i++) {
		char *path = xasprintf("%s/%s.theme", dirs.v[i], name);
		struct buf b = { 0 };
		if (read_small(path, &b) == 0)
			rc = theme_parse(path, (const char *)b.data, b.len, t, err) < 0 ? -2 : 0;
		buf_free(&b);
		free(path);
		if (rc == -2)
			break;
	}
	if (rc == -1)
		jh_fail(err, JH_BADINPUT, "theme '%s': no %s.theme in %s%s", name, name,
			dirs.v[0], dirs.n > 1 ? " or the data folders" : "");
	strlist_free(&dirs);
	return rc < 0 ? -1 : 0;
}
