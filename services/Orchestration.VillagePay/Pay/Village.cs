using Orchestration.Contracts.VillagePay;

namespace Orchestration.VillagePay.Pay;

/// <summary>A village (嘎查村) whose two committees' principals are paid by this service.</summary>
public sealed class Village
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public required string Name { get; set; }

    public required string Township { get; set; }

    public int Population { get; set; }

    /// <summary>P1, from the population band when the village was registered or its population last changed.</summary>
    public decimal BasePay { get; set; }
}

/// <summary>A principal's grade and pay for one year (P2).</summary>
public sealed class YearlyGrade
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid VillageId { get; set; }

    public int Year { get; set; }

    public PrincipalGrade Grade { get; set; }

    public decimal BasePay { get; set; }

    public decimal PerformancePay { get; set; }

    public bool AdmonishmentTalk { get; set; }

    public DateOnly? RectificationDeadline { get; set; }

    public DateTimeOffset GradedAt { get; set; }
}
