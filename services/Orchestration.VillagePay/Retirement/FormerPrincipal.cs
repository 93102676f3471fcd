namespace Orchestration.VillagePay.Retirement;

/// <summary>A former village principal who receives the yearly retirement living subsidy from the county budget (P4).</summary>
public sealed class FormerPrincipal
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public required string Name { get; set; }

    public required string Village { get; set; }

    public required string Township { get; set; }

    public DateOnly ServedFrom { get; set; }

    public DateOnly LeftOn { get; set; }

    /// <summary>Full years in the principal post, from <see cref="ServedFrom"/> to <see cref="LeftOn"/>.</summary>
    public int YearsInPost { get; set; }

    /// <summary>The yearly subsidy when granted; the payroll of each year after leaving pays it.</summary>
    public decimal YearlySubsidy { get; set; }

    public required string GrantedBy { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    /// <summary>The subsidy starts with the year after leaving: the year of leaving is still paid as a principal.</summary>
    public bool PaysFor(int year) => year > LeftOn.Year;
}
