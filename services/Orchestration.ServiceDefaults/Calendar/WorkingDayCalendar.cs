using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestration.ServiceDefaults.Calendar;

/// <summary>
/// C5 — publicity periods count working days of the official calendar: weekends and public holidays are rest days,
/// except the adjusted make-up working days (调休).
/// </summary>
public interface IWorkingDayCalendar
{
    bool IsWorkingDay(DateOnly date);

    /// <summary>
    /// The last day of a window of <paramref name="workingDays"/> working days that opens on <paramref name="start"/>:
    /// <paramref name="start"/> counts as the first day when it is a working day, otherwise the window opens on the next one.
    /// A 5-working-day publicity opened on Monday 2026-11-23 ends on Friday 2026-11-27.
    /// </summary>
    DateOnly EndOfWindow(DateOnly start, int workingDays);

    /// <summary>The working day <paramref name="workingDays"/> working days after <paramref name="date"/> (0 gives the date itself).</summary>
    DateOnly AddWorkingDays(DateOnly date, int workingDays);
}

/// <summary>One year of the official calendar, as the State Council publishes it each winter.</summary>
public sealed record CalendarYear(int Year, string? Source, IReadOnlyList<HolidaySpan> Holidays, IReadOnlyList<DateOnly> MakeUpWorkingDays);

public sealed record HolidaySpan(DateOnly From, DateOnly To, string Name);

/// <summary>
/// The official calendar from yearly JSON files: the years shipped with the product, overridden or extended by the files of
/// <c>Calendar:DataDirectory</c> (<c>cn-YYYY.json</c>), so next year's arrangement is loaded without a release. A year with no
/// data counts weekends only and logs a warning each time it is first used.
/// </summary>
public sealed class OfficialWorkingDayCalendar : IWorkingDayCalendar
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly Dictionary<int, CalendarYear> years;
    readonly ConcurrentDictionary<int, bool> warned = new();
    readonly ILogger logger;

    public OfficialWorkingDayCalendar(IEnumerable<CalendarYear> years, ILogger<OfficialWorkingDayCalendar>? logger = null)
    {
        this.years = years.GroupBy(y => y.Year).ToDictionary(g => g.Key, g => g.Last());
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public IReadOnlyCollection<int> KnownYears => years.Keys;

    /// <summary>The shipped years, then every <c>cn-*.json</c> of <paramref name="dataDirectory"/> (a later file for a year wins).</summary>
    public static IReadOnlyList<CalendarYear> Load(string? dataDirectory)
    {
        var loaded = new List<CalendarYear>();
        var assembly = typeof(OfficialWorkingDayCalendar).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".Calendar.Data.") && n.EndsWith(".json")).Order())
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            loaded.Add(Parse(stream));
        }

        if (!string.IsNullOrWhiteSpace(dataDirectory) && Directory.Exists(dataDirectory))
            foreach (var file in Directory.GetFiles(dataDirectory, "cn-*.json").Order())
            {
                using var stream = File.OpenRead(file);
                loaded.Add(Parse(stream));
            }
        return loaded;
    }

    public static CalendarYear Parse(Stream json) =>
        JsonSerializer.Deserialize<CalendarYear>(json, Json) ?? throw new InvalidDataException("An empty calendar file.");

    public bool IsWorkingDay(DateOnly date)
    {
        if (!years.TryGetValue(date.Year, out var year))
        {
            if (warned.TryAdd(date.Year, true))
                logger.LogWarning("The official calendar has no data for {Year}: counting weekends only. Add cn-{FileYear}.json to Calendar:DataDirectory.", date.Year, date.Year);
            return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        }

        if (year.MakeUpWorkingDays.Contains(date)) return true;
        if (year.Holidays.Any(h => date >= h.From && date <= h.To)) return false;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    public DateOnly EndOfWindow(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);
        var day = start;
        while (!IsWorkingDay(day)) day = day.AddDays(1);
        return AddWorkingDays(day, workingDays - 1);
    }

    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = date;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        return day;
    }
}

public static class WorkingDayCalendarRegistration
{
    public static IServiceCollection AddWorkingDayCalendar(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<IWorkingDayCalendar>(provider => new OfficialWorkingDayCalendar(
            OfficialWorkingDayCalendar.Load(configuration["Calendar:DataDirectory"]),
            provider.GetService<ILogger<OfficialWorkingDayCalendar>>()));
        return services;
    }
}
