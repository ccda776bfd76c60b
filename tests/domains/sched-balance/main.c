/* SPDX-License-Identifier: GPL-2.0-only */
/* Scheduler system test sched-balance: see domains.dts and ../sched-common.h. */
#include "../sched-common.h"
