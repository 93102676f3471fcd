using Orchestration.ServiceDefaults.Calendar;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>
/// C5 for a year without the State Council's notice: the statutory holidays of 全国年节及纪念日放假办法 (2024) computed from the
/// lunisolar calendar and the solar terms, replaced by the notice when it is loaded.
/// </summary>
public sealed class ProvisionalCalendarTests
{
    static readonly OfficialWorkingDayCalendar Shipped = new(OfficialWorkingDayCalendar.Load(dataDirectory: null));

    static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<int, string, string, string, string> KnownLunarDates => new()
    {
        // year, 除夕, 清明, 端午, 中秋 (published almanac dates)
        { 2025, "2025-01-28", "2025-04-04", "2025-05-31", "2025-10-06" },
        { 2026, "2026-02-16", "2026-04-05", "2026-06-19", "2026-09-25" },
        { 2027, "2027-02-05", "2027-04-05", "2027-06-09", "2027-09-15" },
        { 2028, "2028-01-25", "2028-04-04", "2028-05-28", "2028-10-03" },
        { 2029, "2029-02-12", "2029-04-04", "2029-06-16", "2029-09-22" },
        { 2030, "2030-02-02", "2030-04-05", "2030-06-05", "2030-09-12" },
        { 2031, "2031-01-22", "2031-04-05", "2031-06-24", "2031-10-01" },
        { 2032, "2032-02-10", "2032-04-04", "2032-06-12", "2032-09-19" },
        { 2033, "2033-01-30", "2033-04-04", "2033-06-01", "2033-09-08" },
        { 2034, "2034-02-18", "2034-04-05", "2034-06-20", "2034-09-27" },
        { 2035, "2035-02-07", "2035-04-05", "2035-06-10", "2035-09-16" },
    };

    [Theory]
    [MemberData(nameof(KnownLunarDates))]
    public void C5_lunar_holidays_and_Qingming_are_computed_for_2025_to_2035(int year, string eve, string qingming, string dragonBoat, string midAutumn)
    {
        StatutoryHolidays.LunarDate(year, 1, 1).AddDays(-1).ShouldBe(D(eve));
        StatutoryHolidays.Qingming(year).ShouldBe(D(qingming));
        StatutoryHolidays.LunarDate(year, 5, 5).ShouldBe(D(dragonBoat));
        StatutoryHolidays.LunarDate(year, 8, 15).ShouldBe(D(midAutumn));
    }

    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    public void C5_every_statutory_day_of_2025_and_2026_is_a_holiday_in_the_official_notice(int year)
    {
        var statutoryDays = new[]
        {
            new DateOnly(year, 1, 1), StatutoryHolidays.LunarDate(year, 1, 1).AddDays(-1), StatutoryHolidays.LunarDate(year, 1, 1),
            StatutoryHolidays.LunarDate(year, 1, 2), StatutoryHolidays.LunarDate(year, 1, 3), StatutoryHolidays.Qingming(year),
            new DateOnly(year, 5, 1), new DateOnly(year, 5, 2), StatutoryHolidays.LunarDate(year, 5, 5), StatutoryHolidays.LunarDate(year, 8, 15),
            new DateOnly(year, 10, 1), new DateOnly(year, 10, 2), new DateOnly(year, 10, 3),
        };
        Shipped.Year(year).Status.ShouldBe(CalendarYearStatus.Official);
        foreach (var day in statutoryDays) Shipped.IsWorkingDay(day).ShouldBeFalse($"{day} is a statutory holiday");
    }

    [Fact]
    public void C5_the_official_2025_and_2026_notices_are_unchanged()
    {
        Shipped.Year(2025).Holidays.Sum(h => h.To.DayNumber - h.From.DayNumber + 1).ShouldBe(28);
        Shipped.Year(2025).MakeUpWorkingDays.Count.ShouldBe(5);
        Shipped.Year(2026).Holidays.Sum(h => h.To.DayNumber - h.From.DayNumber + 1).ShouldBe(33);
        Shipped.Year(2026).MakeUpWorkingDays.ShouldBe([D("2026-01-04"), D("2026-02-14"), D("2026-02-28"), D("2026-05-09"), D("2026-09-20"), D("2026-10-10")]);
    }

    [Fact]
    public void C5_2027_without_its_notice_is_provisional_and_keeps_New_Year_and_the_Spring_Festival()
    {
        var year = Shipped.Year(2027);
        year.Status.ShouldBe(CalendarYearStatus.Provisional);
        Shipped.IsWorkingDay(D("2027-01-01")).ShouldBeFalse(); // 元旦, a Friday
        Shipped.IsWorkingDay(D("2027-02-05")).ShouldBeFalse(); // 除夕, a Friday
        Shipped.IsWorkingDay(D("2027-02-08")).ShouldBeFalse(); // 初三, a Monday
        // 初一 and 初二 fall on the weekend: Art. 6 makes them up on Tuesday 9 and Wednesday 10 February.
        Shipped.IsWorkingDay(D("2027-02-09")).ShouldBeFalse();
        Shipped.IsWorkingDay(D("2027-02-10")).ShouldBeFalse();
        Shipped.IsWorkingDay(D("2027-02-11")).ShouldBeTrue();
        Shipped.IsWorkingDay(D("2027-02-04")).ShouldBeTrue();
        // 国庆 1–3 October 2027 is Friday to Sunday: made up on Monday 4 and Tuesday 5.
        Shipped.IsWorkingDay(D("2027-10-04")).ShouldBeFalse();
        Shipped.IsWorkingDay(D("2027-10-05")).ShouldBeFalse();
        Shipped.IsWorkingDay(D("2027-10-06")).ShouldBeTrue();
    }

    [Fact]
    public void C5_a_window_from_31_December_2026_skips_New_Year_2027()
    {
        // Thu 31 Dec (1), 元旦 Fri 1 Jan, weekend, Mon 4 (2), 5 (3), 6 (4), 7 (5).
        Shipped.EndOfWindow(D("2026-12-31"), 5).ShouldBe(D("2027-01-07"));
        // Thu 30 Dec before: 30 (1), 31 (2), 4 (3), 5 (4), 6 (5).
        Shipped.EndOfWindow(D("2026-12-30"), 5).ShouldBe(D("2027-01-06"));
    }

    [Fact]
    public void C5_a_window_over_the_2027_Spring_Festival_and_National_Day_with_the_provisional_calendar()
    {
        // Wed 3 Feb (1), Thu 4 (2), 除夕–初三 and make-up 5–10 Feb, Thu 11 (3), Fri 12 (4), Mon 15 (5).
        Shipped.EndOfWindow(D("2027-02-03"), 5).ShouldBe(D("2027-02-15"));
        // Wed 29 Sep (1), Thu 30 (2), 1–5 Oct, Wed 6 (3), Thu 7 (4), Fri 8 (5).
        Shipped.EndOfWindow(D("2027-09-29"), 5).ShouldBe(D("2027-10-08"));
    }

    [Fact]
    public void C5_an_official_notice_replaces_the_provisional_year_and_its_make_up_Saturdays_count()
    {
        var calendar = new OfficialWorkingDayCalendar(OfficialWorkingDayCalendar.Load(dataDirectory: null));
        CalendarYear? announced = null;
        calendar.NoticeChanged += notice => announced = notice;

        calendar.Apply(Notice2027()).ShouldBeTrue();

        announced!.Year.ShouldBe(2027);
        calendar.Year(2027).Status.ShouldBe(CalendarYearStatus.Official);
        calendar.IsWorkingDay(D("2027-02-12")).ShouldBeFalse(); // inside the notice's 8-day Spring Festival
        calendar.IsWorkingDay(D("2027-02-20")).ShouldBeTrue();  // a make-up Saturday
        // Wed 3 Feb (1), Thu 4 (2), holiday 5–12, Mon 15 (3), Tue 16 (4), Wed 17 (5): two days later than provisionally.
        calendar.EndOfWindow(D("2027-02-03"), 5).ShouldBe(D("2027-02-17"));
        // Wed 17 (1), 18 (2), 19 (3), make-up Sat 20 (4), Mon 22 (5): one day earlier than provisionally (Tue 23).
        calendar.EndOfWindow(D("2027-02-17"), 5).ShouldBe(D("2027-02-22"));
        Shipped.EndOfWindow(D("2027-02-17"), 5).ShouldBe(D("2027-02-23"));
        calendar.Apply(Notice2027()).ShouldBeFalse(); // the same notice again changes nothing
    }

    [Fact]
    public void C5_a_holiday_span_that_starts_in_the_previous_year_counts()
    {
        var calendar = new OfficialWorkingDayCalendar(OfficialWorkingDayCalendar.Load(dataDirectory: null));
        calendar.Apply(new CalendarYear(2027, "test notice", [new HolidaySpan(D("2026-12-31"), D("2027-01-03"), "New Year's Day 元旦")], []));

        calendar.IsWorkingDay(D("2026-12-31")).ShouldBeFalse();
        calendar.IsWorkingDay(D("2026-12-30")).ShouldBeTrue();
    }

    [Fact]
    public void C5_a_notice_that_speaks_of_another_decade_is_refused()
    {
        Should.Throw<InvalidDataException>(() => OfficialWorkingDayCalendar.Validate(
            new CalendarYear(2027, null, [new HolidaySpan(D("2030-01-01"), D("2030-01-02"), "wrong")], [])));
        Should.Throw<InvalidDataException>(() => OfficialWorkingDayCalendar.Validate(
            new CalendarYear(2027, null, [new HolidaySpan(D("2027-01-03"), D("2027-01-01"), "backwards")], [])));
    }

    /// <summary>A 2027 arrangement of the kind the State Council publishes: an 8-day Spring Festival with two make-up Saturdays.</summary>
    public static CalendarYear Notice2027() => new(2027, "test: 2027 arrangement",
        [
            new HolidaySpan(D("2027-01-01"), D("2027-01-03"), "New Year's Day 元旦"),
            new HolidaySpan(D("2027-02-05"), D("2027-02-12"), "Spring Festival 春节"),
            new HolidaySpan(D("2027-10-01"), D("2027-10-07"), "National Day 国庆节"),
        ],
        [D("2027-02-20"), D("2027-09-26"), D("2027-10-09")]);
}
