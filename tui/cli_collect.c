/* placeholder until this command lands; replaced by its owner */
#include "cli.h"
#include <stdio.h>
int cmd_collect(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "jhconf: collect is not built yet\n");
	return JH_BADINPUT;
}
