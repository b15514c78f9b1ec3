/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf's cross-check: configuration revision 12. */
#define JAILHOUSE_CONFIG_REVISION 12
#include "../../common/cell-model.h"
