namespace Orchestration.VillagePay;

/// <summary>Dates of the county's procedures are China Standard Time dates (no daylight saving).</summary>
public static class CountyTime
{
    static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Offset).DateTime);
}
