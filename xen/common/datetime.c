/* SPDX-License-Identifier: GPL-2.0-only */
/* RTC register decoding and calendar arithmetic (proleptic Gregorian, UTC). */
#include <xen/datetime.h>

static bool from_bcd(uint8_t v, bool binary, unsigned int *out)
{
    if (binary) {
        *out = v;
        return true;
    }
    if ((v & 0x0f) > 9 || (v >> 4) > 9)
        return false;
    *out = (v >> 4) * 10 + (v & 0x0f);
    return true;
}

static bool leap(unsigned int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned int days_in_month(unsigned int y, unsigned int m)
{
    static const uint8_t days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

bool rtc_decode(const struct rtc_regs *r, struct datetime *dt)
{
    bool bin = r->status_b & RTC_B_BINARY;
    bool pm = !(r->status_b & RTC_B_24H) && (r->hour & RTC_HOUR_PM);
    uint8_t hour = r->status_b & RTC_B_24H ? r->hour : r->hour & ~RTC_HOUR_PM;
    unsigned int yy, cc = 20;

    if (!from_bcd(r->sec, bin, &dt->sec) || !from_bcd(r->min, bin, &dt->min) ||
        !from_bcd(hour, bin, &dt->hour) || !from_bcd(r->day, bin, &dt->day) ||
        !from_bcd(r->mon, bin, &dt->mon) || !from_bcd(r->year, bin, &yy) ||
        (r->have_century && !from_bcd(r->century, bin, &cc)))
        return false;
    if (!(r->status_b & RTC_B_24H)) {
        if (dt->hour < 1 || dt->hour > 12)
            return false;
        dt->hour = dt->hour % 12 + (pm ? 12 : 0);   /* 12 AM is 0, 12 PM is 12 */
    }
    dt->year = cc * 100 + yy;
    return yy < 100 && dt->year >= 1970 && dt->mon >= 1 && dt->mon <= 12 && dt->day >= 1 &&
           dt->day <= days_in_month(dt->year, dt->mon) && dt->hour < 24 && dt->min < 60 &&
           dt->sec < 60;
}

uint64_t datetime_to_epoch(const struct datetime *dt)
{
    uint64_t days = 0;
    for (unsigned int y = 1970; y < dt->year; y++)
        days += leap(y) ? 366 : 365;
    for (unsigned int m = 1; m < dt->mon; m++)
        days += days_in_month(dt->year, m);
    days += dt->day - 1;
    return ((days * 24 + dt->hour) * 60 + dt->min) * 60 + dt->sec;
}
