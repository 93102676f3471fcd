using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.ServiceDefaults.Calendar;

/// <summary>
/// Loads the notices an operator puts in <c>Calendar:DataDirectory</c> while the service runs (on Kubernetes the chart's
/// <c>calendar.files</c>, a ConfigMap that the kubelet refreshes in place): every <c>Calendar:ReloadInterval</c> (one minute by
/// default) a new or changed file is applied, and waits counted in working days follow it. A file that does not parse is
/// logged and skipped; the notice loaded before stays.
/// </summary>
public sealed class CalendarDirectoryReloader(OfficialWorkingDayCalendar calendar, IConfiguration configuration, TimeProvider time,
    ILogger<CalendarDirectoryReloader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(configuration["Calendar:DataDirectory"])) return;
        var interval = configuration.GetValue("Calendar:ReloadInterval", TimeSpan.FromMinutes(1));
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Reload();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Applies every notice of the directory that differs from the one loaded; returns the years that changed.</summary>
    public IReadOnlyList<int> Reload()
    {
        var directory = configuration["Calendar:DataDirectory"];
        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory)) return [];
        var changed = new List<int>();
        foreach (var file in Directory.GetFiles(directory, "cn-*.json").Order())
        {
            try
            {
                using var stream = File.OpenRead(file);
                if (calendar.Apply(OfficialWorkingDayCalendar.Parse(stream))) changed.Add(int.Parse(Path.GetFileNameWithoutExtension(file)[3..]));
            }
            catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or InvalidDataException or FormatException)
            {
                logger.LogError(ex, "Calendar file {File} was not loaded", file);
            }
        }
        return changed;
    }
}

/// <summary>
/// Degraded while the county's current year has no official notice, and from 1 November while the next year has none: working-day
/// waits reaching into that year count the statutory holidays only, without the 调休 the notice will bring.
/// </summary>
public sealed class CalendarHealthCheck(IWorkingDayCalendar calendar, CountyClock clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = MissingYears(calendar, clock);
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy("The official calendar of this year and, from November, the next is loaded.")
            : HealthCheckResult.Degraded($"The official calendar of {string.Join(" and ", missing)} is provisional (statutory holidays only): " +
                                         "load the State Council's notice (runbook: 'Next year's official calendar')."));
    }

    /// <summary>The years the official calendar is watched for: this one and the next (county date).</summary>
    public static int[] YearsToWatch(CountyClock clock) => [clock.Today().Year, clock.Today().Year + 1];

    /// <summary>The years that must be official and are provisional: this one, and from 1 November the next.</summary>
    public static List<int> MissingYears(IWorkingDayCalendar calendar, CountyClock clock)
    {
        var today = clock.Today();
        var missing = new List<int>();
        if (calendar.Year(today.Year).Status == CalendarYearStatus.Provisional) missing.Add(today.Year);
        if (today.Month >= 11 && calendar.Year(today.Year + 1).Status == CalendarYearStatus.Provisional) missing.Add(today.Year + 1);
        return missing;
    }
}
