using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
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

    /// <summary>What the calendar knows of a year: the State Council's notice (official) or the statutory holidays only (provisional).</summary>
    CalendarYearInfo Year(int year);
}

/// <summary>One year of the official calendar, as the State Council publishes it each winter.</summary>
public sealed record CalendarYear(int Year, string? Source, IReadOnlyList<HolidaySpan> Holidays, IReadOnlyList<DateOnly> MakeUpWorkingDays);

/// <param name="From">The holiday's first county date.</param>
/// <param name="To">The holiday's last county date (inclusive).</param>
/// <param name="Name">The holiday's name, e.g. 春节.</param>
public sealed record HolidaySpan(DateOnly From, DateOnly To, string Name);

[JsonConverter(typeof(JsonStringEnumConverter<CalendarYearStatus>))]
public enum CalendarYearStatus
{
    /// <summary>The State Council's notice of the year is loaded: holidays and make-up working days as published.</summary>
    Official,

    /// <summary>No notice yet: the statutory holidays computed for the year (with Art. 6 make-up days), no 调休.</summary>
    Provisional,
}

/// <param name="Year">The calendar year.</param>
/// <param name="Status">Whether the year follows the State Council's published notice or is provisional (statutory holidays computed, no 调休).</param>
/// <param name="Source">Where the year's notice comes from (the notice's reference or file); empty for a provisional year.</param>
/// <param name="Holidays">The public holidays of the year (节假日), each a span of county dates.</param>
/// <param name="MakeUpWorkingDays">The weekend county dates that are working days (调休上班).</param>
public sealed record CalendarYearInfo(int Year, CalendarYearStatus Status, string? Source, IReadOnlyList<HolidaySpan> Holidays, IReadOnlyList<DateOnly> MakeUpWorkingDays);

/// <summary>
/// The official calendar: the notices shipped with the product, overridden or extended by the files of <c>Calendar:DataDirectory</c>
/// (<c>cn-YYYY.json</c>, reloaded while running), and for a year without a notice the provisional calendar of its statutory holidays.
/// A notice's days are looked up by date, not by the notice's year, so a span that starts in December of the year before counts.
/// </summary>
public sealed class OfficialWorkingDayCalendar : IWorkingDayCalendar
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    sealed record Snapshot(IReadOnlyDictionary<int, CalendarYear> Notices, IReadOnlyDictionary<DateOnly, bool> Days);

    readonly ConcurrentDictionary<int, (HashSet<DateOnly> Off, CalendarYear Year)> provisional = new();
    readonly ConcurrentDictionary<int, bool> warned = new();
    readonly Lock writing = new();
    readonly ILogger logger;
    volatile Snapshot snapshot;

    public OfficialWorkingDayCalendar(IEnumerable<CalendarYear> years, ILogger<OfficialWorkingDayCalendar>? logger = null)
    {
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        snapshot = Build(years.GroupBy(y => y.Year).ToDictionary(g => g.Key, g => g.Last()));
    }

    /// <summary>The years whose official notice is loaded.</summary>
    public IReadOnlyCollection<int> KnownYears => snapshot.Notices.Keys.ToList();

    /// <summary>Raised after a notice was loaded or changed, with its year: waits counted in working days are planned again.</summary>
    public event Action<CalendarYear>? NoticeChanged;

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
        loaded.AddRange(LoadDirectory(dataDirectory));
        return loaded;
    }

    /// <summary>Every <c>cn-*.json</c> of <paramref name="dataDirectory"/>, in name order.</summary>
    public static IReadOnlyList<CalendarYear> LoadDirectory(string? dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(dataDirectory) || !Directory.Exists(dataDirectory)) return [];
        var loaded = new List<CalendarYear>();
        foreach (var file in Directory.GetFiles(dataDirectory, "cn-*.json").Order())
        {
            using var stream = File.OpenRead(file);
            loaded.Add(Parse(stream));
        }
        return loaded;
    }

    public static CalendarYear Parse(Stream json) =>
        Validate(JsonSerializer.Deserialize<CalendarYear>(json, Json) ?? throw new InvalidDataException("An empty calendar file."));

    /// <summary>A notice speaks of its year and the days next to it; anything else is a mistake in the file.</summary>
    public static CalendarYear Validate(CalendarYear notice)
    {
        if (notice.Year is < 1950 or > 2200) throw new InvalidDataException($"Calendar year {notice.Year} is out of range.");
        var holidays = notice.Holidays ?? [];
        var makeUp = notice.MakeUpWorkingDays ?? [];
        foreach (var span in holidays)
        {
            if (span.To < span.From) throw new InvalidDataException($"{notice.Year}: holiday '{span.Name}' ends before it begins.");
            if (span.From.Year < notice.Year - 1 || span.To.Year > notice.Year + 1)
                throw new InvalidDataException($"{notice.Year}: holiday '{span.Name}' is not near the notice's year.");
        }
        if (makeUp.FirstOrDefault(d => Math.Abs(d.Year - notice.Year) > 1) is { } far && far != default)
            throw new InvalidDataException($"{notice.Year}: make-up working day {far} is not near the notice's year.");
        return notice with { Holidays = holidays, MakeUpWorkingDays = makeUp };
    }

    /// <summary>
    /// Loads a year's notice while running (a new or corrected file). Returns false when the same notice was already loaded.
    /// </summary>
    public bool Apply(CalendarYear notice)
    {
        notice = Validate(notice);
        lock (writing)
        {
            var current = snapshot;
            if (current.Notices.TryGetValue(notice.Year, out var loaded) && Fingerprint(loaded) == Fingerprint(notice)) return false;
            var notices = current.Notices.ToDictionary();
            notices[notice.Year] = notice;
            snapshot = Build(notices);
        }
        logger.LogInformation("Official calendar of {Year} loaded ({Source}); waits counted in working days follow it", notice.Year, notice.Source);
        NoticeChanged?.Invoke(notice);
        return true;
    }

    public static string Fingerprint(CalendarYear notice) => JsonSerializer.Serialize(notice, Json);

    static Snapshot Build(Dictionary<int, CalendarYear> notices)
    {
        var days = new Dictionary<DateOnly, bool>();
        // Later years' notices last, so a notice's own days win over a neighbour's; make-up days win over holidays.
        foreach (var notice in notices.Values.OrderBy(n => n.Year))
            foreach (var span in notice.Holidays)
                for (var day = span.From; day <= span.To; day = day.AddDays(1))
                    days[day] = false;
        foreach (var notice in notices.Values.OrderBy(n => n.Year))
            foreach (var day in notice.MakeUpWorkingDays)
                days[day] = true;
        return new Snapshot(notices, days);
    }

    public bool IsWorkingDay(DateOnly date)
    {
        var current = snapshot;
        if (current.Days.TryGetValue(date, out var working)) return working;
        if (!current.Notices.ContainsKey(date.Year) && Provisional(date.Year).Off.Contains(date)) return false;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    (HashSet<DateOnly> Off, CalendarYear Year) Provisional(int year) => provisional.GetOrAdd(year, y =>
    {
        if (warned.TryAdd(y, true))
            logger.LogWarning("The official calendar of {Year} is not loaded: counting its statutory holidays only (provisional). Load cn-{FileYear}.json.", y, y);
        var computed = StatutoryHolidays.For(y);
        var off = new HashSet<DateOnly>();
        foreach (var span in computed.Holidays)
            for (var day = span.From; day <= span.To; day = day.AddDays(1))
                off.Add(day);
        return (off, computed);
    });

    public CalendarYearInfo Year(int year)
    {
        if (snapshot.Notices.TryGetValue(year, out var notice))
            return new(year, CalendarYearStatus.Official, notice.Source, notice.Holidays, notice.MakeUpWorkingDays);
        var computed = StatutoryHolidays.For(year);
        return new(year, CalendarYearStatus.Provisional, computed.Source, computed.Holidays, []);
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
        services.TryAddSingleton(provider => new OfficialWorkingDayCalendar(
            OfficialWorkingDayCalendar.Load(configuration["Calendar:DataDirectory"]),
            provider.GetService<ILogger<OfficialWorkingDayCalendar>>()));
        services.TryAddSingleton<IWorkingDayCalendar>(provider => provider.GetRequiredService<OfficialWorkingDayCalendar>());
        return services;
    }
}
