/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf's cross-check: configuration revision 14. */
#define JAILHOUSE_CONFIG_REVISION 14
#include "../../common/cell-model.h"
