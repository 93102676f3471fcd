using Orchestration.ServiceDefaults.Calendar;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>C5: publicity windows in working days of the official calendar.</summary>
public sealed class WorkingDayCalendarTests
{
    static readonly OfficialWorkingDayCalendar Official = new(OfficialWorkingDayCalendar.Load(dataDirectory: null));

    static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void C5_a_publicity_opened_on_a_Monday_ends_on_the_Friday()
    {
        Official.EndOfWindow(D("2026-11-23"), 5).ShouldBe(D("2026-11-27"));
    }

    [Fact]
    public void C5_a_publicity_opened_on_a_Saturday_opens_on_the_Monday()
    {
        Official.EndOfWindow(D("2026-11-21"), 5).ShouldBe(D("2026-11-27"));
    }

    [Fact]
    public void C5_a_publicity_opened_on_the_Friday_before_National_Day_ends_after_the_holiday()
    {
        // 2025: Fri 26 Sep (1), make-up Sun 28 Sep (2), 29 (3), 30 (4), holiday 1–8 Oct, Thu 9 Oct (5).
        Official.EndOfWindow(D("2025-09-26"), 5).ShouldBe(D("2025-10-09"));
    }

    [Fact]
    public void C5_a_publicity_across_National_Day_2026_counts_the_make_up_Saturday()
    {
        // Tue 29 Sep (1), 30 Sep (2), holiday 1–7 Oct, Thu 8 (3), Fri 9 (4), make-up Sat 10 Oct (5).
        Official.EndOfWindow(D("2026-09-29"), 5).ShouldBe(D("2026-10-10"));
    }

    [Fact]
    public void C5_a_publicity_opened_on_a_holiday_opens_on_the_next_working_day()
    {
        // Labour Day 1–5 May 2026; Wed 6 (1), 7 (2), 8 (3), make-up Sat 9 (4), Mon 11 (5).
        Official.EndOfWindow(D("2026-05-01"), 5).ShouldBe(D("2026-05-11"));
    }

    [Fact]
    public void C5_a_make_up_Saturday_is_a_working_day_and_a_holiday_weekday_is_not()
    {
        Official.IsWorkingDay(D("2026-02-14")).ShouldBeTrue();
        Official.IsWorkingDay(D("2026-02-16")).ShouldBeFalse();
        Official.IsWorkingDay(D("2026-02-21")).ShouldBeFalse(); // an ordinary Saturday inside the Spring Festival
        Official.EndOfWindow(D("2026-02-14"), 5).ShouldBe(D("2026-02-27"));
    }

    [Fact]
    public void C5_a_window_crosses_the_year_boundary()
    {
        // Wed 31 Dec 2025 (1), New Year 1–3 Jan 2026, make-up Sun 4 Jan (2), 5 (3), 6 (4), 7 (5).
        Official.EndOfWindow(D("2025-12-31"), 5).ShouldBe(D("2026-01-07"));
    }

    [Fact]
    public void C5_next_years_arrangement_loads_from_the_data_directory_without_a_release()
    {
        var directory = Directory.CreateTempSubdirectory("calendar-");
        File.WriteAllText(Path.Combine(directory.FullName, "cn-2027.json"), """
            { "year": 2027, "holidays": [ { "from": "2027-01-01", "to": "2027-01-03", "name": "New Year" } ], "makeUpWorkingDays": [ "2027-01-02" ] }
            """);

        var calendar = new OfficialWorkingDayCalendar(OfficialWorkingDayCalendar.Load(directory.FullName));

        calendar.KnownYears.ShouldContain(2027);
        calendar.IsWorkingDay(D("2027-01-01")).ShouldBeFalse();
        calendar.IsWorkingDay(D("2027-01-02")).ShouldBeTrue(); // a Saturday made a working day
        directory.Delete(recursive: true);
    }

    [Fact]
    public void C5_adding_working_days_skips_rest_days()
    {
        Official.AddWorkingDays(D("2026-09-30"), 1).ShouldBe(D("2026-10-08"));
        Official.AddWorkingDays(D("2026-09-30"), 0).ShouldBe(D("2026-09-30"));
    }
}
