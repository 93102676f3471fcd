using System.ComponentModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Workflows.Api;

/// <summary>The county's date and time zone, and for this year and the next whether the calendar is official or provisional.</summary>
/// <param name="Today">Today in the county (county date).</param>
/// <param name="TimeZone">The county's time zone (IANA), e.g. Asia/Shanghai.</param>
/// <param name="Years">This year and the next, each official or provisional.</param>
public sealed record CalendarOverview(DateOnly Today, string TimeZone, IReadOnlyList<CalendarYearSummary> Years);

/// <param name="Year">The calendar year.</param>
/// <param name="Status">Official (the State Council's notice is loaded) or Provisional (statutory holidays only, no 调休).</param>
/// <param name="Source">Where the year's notice comes from; empty for a provisional year.</param>
public sealed record CalendarYearSummary(int Year, CalendarYearStatus Status, string? Source);

internal static class CalendarApi
{
    /// <summary>
    /// C5: the working-day calendar the procedures count with. Read-only: notices are loaded by the operator as files or chart values
    /// (<c>Calendar:DataDirectory</c>), which every service reloads while running.
    /// </summary>
    public static void MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows/calendar").WithTags("Calendar");

        api.MapGet("", (IWorkingDayCalendar calendar, CountyClock clock, HttpContext http) =>
        {
            var tenant = http.User.TenantId();
            var today = clock.Today(tenant);
            return new CalendarOverview(today, clock.Zone(tenant).Id,
                [Summary(calendar.Year(today.Year)), Summary(calendar.Year(today.Year + 1))]);
        }).WithSummary("The county's date, its time zone, and whether this year's and next year's calendars are official or provisional.");

        api.MapGet("/{year:int}", Results<Ok<CalendarYearInfo>, ValidationProblem> ([Description("The calendar year.")] int year, IWorkingDayCalendar calendar) =>
            year is < 1950 or > 2200
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["The calendar covers the years 1950 to 2200."] })
                : TypedResults.Ok(calendar.Year(year)))
            .WithSummary("A year's holidays and make-up working days, official (the State Council's notice) or provisional (statutory holidays only).");
    }

    static CalendarYearSummary Summary(CalendarYearInfo year) => new(year.Year, year.Status, year.Source);
}
