/* SPDX-License-Identifier: GPL-2.0-only */
/* Save, load and quit: mconf's dialogs for the project file. */
#include "tui.h"

#include <stdlib.h>
#include <string.h>

/* A file name asked for in a dialog, or NULL when left blank. */
static char *ask_path(struct tui *t, const char *title, const char *prompt)
{
	char *path = dlg_input(t, title, prompt, t->project_path);
	if (path && !*path) {
		free(path);
		path = NULL;
	}
	return path;
}

enum tui_act tui_save(struct tui *t)
{
	char *path = ask_path(t, "Save", "Enter a filename to which this project should "
			      "be saved. Leave blank to abort.");
	if (!path)
		return ACT_DRAW;
	struct jh_error err = { 0 };
	if (jhconf_project_save(t->s, path, true, &err) < 0) {
		tui_error(t, &err);
		free(path);
		return ACT_DRAW;
	}
	free(t->project_path);
	t->project_path = path;
	t->dirty = false;
	tui_say(t, "saved %s", path);
	return ACT_DRAW;
}

enum tui_act tui_load(struct tui *t)
{
	if (t->dirty && dlg_yesno(t, "Load", "Your changes are not saved. Load another "
				  "project and lose them?") != 1)
		return ACT_DRAW;
	char *path = ask_path(t, "Load", "Enter the name of the project file you wish "
			      "to load. Leave blank to abort.");
	if (!path)
		return ACT_DRAW;
	struct jh_error err = { 0 };
	if (jhconf_project_load(t->s, path, NULL, &err) < 0) {
		tui_error(t, &err);
		free(path);
		return ACT_DRAW;
	}
	free(t->project_path);
	t->project_path = path;
	t->origin = ORIGIN_PROJECT;
	free(t->origin_label);
	t->origin_label = NULL;
	t->dirty = false;
	tui_replan(t);
	while (t->depth > 1)
		tui_pop(t);
	tui_say(t, "loaded %s", path);
	return ACT_REBUILD;
}

bool tui_confirm_quit(struct tui *t, const char **farewell)
{
	*farewell = NULL;
	if (!t->dirty)
		return true;
	int a = dlg_yesno(t, "Quit", "Do you wish to save your new project?\n"
			  "(Press <Esc><Esc> to continue jhconf.)");
	if (a < 0)
		return false;
	if (a == 0) {
		*farewell = "Your project changes were NOT saved.";
		return true;
	}
	struct jh_error err = { 0 };
	if (jhconf_project_save(t->s, t->project_path, true, &err) < 0) {
		tui_error(t, &err);
		return false;
	}
	t->dirty = false;
	*farewell = "*** End of the configuration.";
	return true;
}

