/* SPDX-License-Identifier: GPL-2.0-only */
/* Wallclock at boot from the CMOS real-time clock. */
#include <xen/acpi.h>
#include <xen/datetime.h>
#include <xen/lib.h>
#include <xen/time.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/time.h>

#define CMOS_INDEX      0x70
#define CMOS_DATA       0x71
#define RTC_SECONDS     0x00
#define RTC_MINUTES     0x02
#define RTC_HOURS       0x04
#define RTC_DAY         0x07
#define RTC_MONTH       0x08
#define RTC_YEAR        0x09
#define RTC_STATUS_A    0x0a
#define RTC_STATUS_B    0x0b
#define RTC_A_UIP       0x80            /* an update is in progress: the registers are changing */
#define RTC_MAX_TRIES   10

uint64_t boot_wallclock_sec;
uint32_t boot_wallclock_nsec;

static uint8_t cmos_read(uint8_t index)
{
    outb(index, CMOS_INDEX);            /* bit 7 clear: NMIs stay enabled */
    return inb(CMOS_DATA);
}

/* Wait (at most ~10 ms; an update takes < 2 ms) for the update-in-progress flag to clear. */
static bool rtc_wait_idle(void)
{
    for (int i = 0; i < 10000; i++) {
        if (!(cmos_read(RTC_STATUS_A) & RTC_A_UIP))
            return true;
        udelay(1);
    }
    return false;
}

static bool rtc_read_once(struct rtc_regs *r)
{
    uint8_t century_reg = acpi.have_fadt ? acpi.fadt.century : 0;    /* 0: none, assume 20xx */

    if (!rtc_wait_idle())
        return false;
    r->sec = cmos_read(RTC_SECONDS);
    r->min = cmos_read(RTC_MINUTES);
    r->hour = cmos_read(RTC_HOURS);
    r->day = cmos_read(RTC_DAY);
    r->mon = cmos_read(RTC_MONTH);
    r->year = cmos_read(RTC_YEAR);
    r->have_century = century_reg > RTC_STATUS_B && century_reg < 0x80;
    r->century = r->have_century ? cmos_read(century_reg) : 0;
    r->status_b = cmos_read(RTC_STATUS_B);
    return true;
}

void wallclock_init(void)
{
    struct rtc_regs a, b;
    struct datetime dt;
    s_time_t at = 0;
    bool stable = false;

    /* Two identical reads in a row: no update slipped in between. */
    for (int i = 0; i < RTC_MAX_TRIES && !stable; i++) {
        if (!rtc_read_once(&a))
            break;
        at = NOW();
        stable = rtc_read_once(&b) && !memcmp(&a, &b, sizeof(a));
    }
    if (!stable || !rtc_decode(&a, &dt)) {
        printk(XENLOG_WARNING "Wallclock: the CMOS RTC gives no valid time, using 1970-01-01\n");
        return;
    }
    /* The RTC counts whole seconds: wallclock at NOW() == 0 is the reading minus the time since boot. */
    uint64_t ns = datetime_to_epoch(&dt) * 1000000000ULL - (uint64_t)at;
    boot_wallclock_sec = ns / 1000000000ULL;
    boot_wallclock_nsec = ns % 1000000000ULL;
    printk("Wallclock: %04u-%02u-%02u %02u:%02u:%02u UTC\n", dt.year, dt.mon, dt.day, dt.hour,
           dt.min, dt.sec);
}
