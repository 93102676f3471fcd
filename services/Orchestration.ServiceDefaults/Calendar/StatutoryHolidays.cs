using System.Globalization;

namespace Orchestration.ServiceDefaults.Calendar;

/// <summary>
/// The public holidays every year has by law, before the State Council's notice arranges them (全国年节及纪念日放假办法, as amended
/// in 2024, art. 2): 元旦 1 day, 春节 4 days from 除夕, 清明 1 day (the solar term), 劳动节 2 days, 端午 1 day, 中秋 1 day, 国庆 3 days.
/// Art. 6: a holiday falling on a Saturday or Sunday is made up on the next working day (补假). This is the provisional calendar of
/// a year whose notice is not published yet; the notice (with its 调休 make-up working days) replaces it.
/// </summary>
public static class StatutoryHolidays
{
    static readonly ChineseLunisolarCalendar Lunar = new();
    static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The years the lunisolar calendar of .NET covers with the Spring Festival inside the Gregorian year.</summary>
    public static bool Covers(int year) => year is >= 1902 and <= 2100;

    /// <summary>The provisional calendar of <paramref name="year"/>: statutory days, each extended by its Art. 6 make-up days.</summary>
    public static CalendarYear For(int year)
    {
        if (!Covers(year)) return new CalendarYear(year, "weekends only (outside the lunisolar calendar's range)", [], []);

        var springFestival = LunarDate(year, 1, 1);
        var statutory = new (string Name, DateOnly From, int Days)[]
        {
            ("New Year's Day 元旦", new DateOnly(year, 1, 1), 1),
            ("Spring Festival 春节", springFestival.AddDays(-1), 4),
            ("Qingming 清明节", Qingming(year), 1),
            ("Labour Day 劳动节", new DateOnly(year, 5, 1), 2),
            ("Dragon Boat Festival 端午节", LunarDate(year, 5, 5), 1),
            ("Mid-Autumn Festival 中秋节", LunarDate(year, 8, 15), 1),
            ("National Day 国庆节", new DateOnly(year, 10, 1), 3),
        };

        var off = new HashSet<DateOnly>();
        foreach (var (_, from, days) in statutory)
            for (var i = 0; i < days; i++) off.Add(from.AddDays(i));

        var spans = new List<HolidaySpan>();
        foreach (var (name, from, days) in statutory)
        {
            var to = from.AddDays(days - 1);
            var owed = Enumerable.Range(0, days).Count(i => IsWeekend(from.AddDays(i)));
            for (var day = to.AddDays(1); owed > 0; day = day.AddDays(1))
            {
                if (IsWeekend(day)) continue;
                if (off.Add(day)) owed--;
                to = day;
            }
            spans.Add(new HolidaySpan(from, to, name));
        }
        return new CalendarYear(year, "provisional: statutory holidays (全国年节及纪念日放假办法 2024, art. 2 and 6)", spans, []);
    }

    /// <summary>The Gregorian date of <paramref name="month"/>/<paramref name="day"/> of the lunar year that begins in <paramref name="year"/>.</summary>
    public static DateOnly LunarDate(int year, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(year); // 0, or the index of the leap month (the month after the one it repeats)
        var index = leap != 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    /// <summary>清明: the China date on which the Sun's apparent longitude reaches 15°.</summary>
    public static DateOnly Qingming(int year) => SolarTermDate(year, 15, searchFrom: new DateOnly(year, 3, 30));

    /// <summary>The China (UTC+8) date on which the Sun's apparent longitude reaches <paramref name="longitude"/> degrees.</summary>
    public static DateOnly SolarTermDate(int year, double longitude, DateOnly searchFrom)
    {
        for (var day = searchFrom; day < searchFrom.AddDays(40); day = day.AddDays(1))
        {
            var before = Behind(SunLongitude(StartOfChinaDay(day)), longitude);
            var after = Behind(SunLongitude(StartOfChinaDay(day.AddDays(1))), longitude);
            if (before > 0 && after <= 0) return day;
        }
        throw new InvalidOperationException($"No solar term at {longitude}° within 40 days of {searchFrom} in {year}.");
    }

    static DateTimeOffset StartOfChinaDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), ChinaOffset);

    /// <summary>How many degrees <paramref name="sun"/> still has to go to <paramref name="target"/>, in (-180, 180].</summary>
    static double Behind(double sun, double target)
    {
        var d = (target - sun) % 360;
        if (d <= -180) d += 360;
        if (d > 180) d -= 360;
        return d;
    }

    /// <summary>The Sun's apparent ecliptic longitude in degrees (Meeus, Astronomical Algorithms, ch. 25, low accuracy: about 0.01°).</summary>
    public static double SunLongitude(DateTimeOffset instant)
    {
        var julianDay = 2440587.5 + instant.ToUnixTimeMilliseconds() / 86_400_000.0;
        var t = (julianDay - 2451545.0) / 36525.0;
        var l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
        var m = Radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
        var c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.Sin(m)
                + (0.019993 - 0.000101 * t) * Math.Sin(2 * m)
                + 0.000289 * Math.Sin(3 * m);
        var omega = Radians(125.04 - 1934.136 * t);
        var apparent = l0 + c - 0.00569 - 0.00478 * Math.Sin(omega);
        return (apparent % 360 + 360) % 360;
    }

    static double Radians(double degrees) => degrees * Math.PI / 180;

    static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
