/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf's cross-check: configuration revision 13. */
#define JAILHOUSE_CONFIG_REVISION 13
#include "../../common/cell-model.h"
