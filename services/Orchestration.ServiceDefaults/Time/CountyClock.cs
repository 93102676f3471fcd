using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orchestration.ServiceDefaults.Time;

/// <summary>
/// Settings of the county clock (section <c>County</c>): the time zone whose dates the procedures keep, China Standard Time unless
/// a tenant (an unusual county) says otherwise.
/// </summary>
public sealed class CountyClockOptions
{
    public const string Section = "County";

    /// <summary>An IANA time zone id; <c>Asia/Shanghai</c> (UTC+8, no daylight saving) by default.</summary>
    public string TimeZone { get; set; } = CountyClock.DefaultTimeZoneId;

    /// <summary>Per tenant: its time zone when it is not the default (<c>County:TenantTimeZones:{tenant}</c>).</summary>
    public Dictionary<string, string> TenantTimeZones { get; set; } = [];
}

/// <summary>
/// The one clock of the county's procedures, on top of <see cref="TimeProvider"/>. "Today", the day an instant falls on and the
/// moment a day begins are county dates: a deadline is kept to the county's midnight, never to UTC's. Tests move the
/// <see cref="TimeProvider"/> underneath and the county's dates follow.
/// </summary>
public sealed class CountyClock
{
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    readonly TimeProvider time;
    readonly TimeZoneInfo defaultZone;
    readonly Dictionary<string, TimeZoneInfo> tenantZones;

    public CountyClock(TimeProvider time, IOptions<CountyClockOptions> options)
    {
        this.time = time;
        defaultZone = FindZone(options.Value.TimeZone);
        tenantZones = options.Value.TenantTimeZones.ToDictionary(p => p.Key, p => FindZone(p.Value), StringComparer.Ordinal);
    }

    /// <summary>China Standard Time on top of <paramref name="time"/>, for code and tests without configuration.</summary>
    public CountyClock(TimeProvider time) : this(time, Options.Create(new CountyClockOptions())) { }

    public TimeProvider TimeProvider => time;

    /// <summary>The instant now (UTC).</summary>
    public DateTimeOffset UtcNow => time.GetUtcNow().ToUniversalTime();

    public TimeZoneInfo Zone(string? tenantId = null) =>
        tenantId is not null && tenantZones.TryGetValue(tenantId, out var zone) ? zone : defaultZone;

    /// <summary>The county's date now.</summary>
    public DateOnly Today(string? tenantId = null) => DateOf(time.GetUtcNow(), tenantId);

    /// <summary>The county date an instant falls on.</summary>
    public DateOnly DateOf(DateTimeOffset instant, string? tenantId = null) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone(tenantId)).DateTime);

    /// <summary>The instant in the county's local time (its offset that day).</summary>
    public DateTimeOffset Local(DateTimeOffset instant, string? tenantId = null) => TimeZoneInfo.ConvertTime(instant, Zone(tenantId));

    /// <summary>The instant the county day begins (its midnight), as UTC.</summary>
    public DateTimeOffset StartOf(DateOnly day, string? tenantId = null) => StartOf(day, Zone(tenantId));

    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A zone that skips midnight (daylight saving at 00:00) begins the day at the first valid minute.
        while (zone.IsInvalidTime(midnight)) midnight = midnight.AddMinutes(30);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>
    /// A time zone by IANA or Windows id. A machine without time-zone data (a minimal container) still knows China Standard Time,
    /// which has had no daylight saving since 1991.
    /// </summary>
    public static TimeZoneInfo FindZone(string? id)
    {
        id = string.IsNullOrWhiteSpace(id) ? DefaultTimeZoneId : id.Trim();
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            if (id is DefaultTimeZoneId or "China Standard Time" or "Asia/Chongqing" or "PRC")
                return TimeZoneInfo.CreateCustomTimeZone(DefaultTimeZoneId, TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
            throw new InvalidOperationException($"County:TimeZone '{id}' is not a time zone this machine knows.", ex);
        }
    }
}

public static class CountyClockRegistration
{
    public static IServiceCollection AddCountyClock(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CountyClockOptions>().Bind(configuration.GetSection(CountyClockOptions.Section));
        services.TryAddSingleton<CountyClock>();
        return services;
    }
}
