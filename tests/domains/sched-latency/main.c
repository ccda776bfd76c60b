/* SPDX-License-Identifier: GPL-2.0-only */
/* Scheduler system test sched-latency: see domains.dts and ../sched-common.h. */
#include "../sched-common.h"
