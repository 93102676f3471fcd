using System.Text.Json.Serialization;

namespace Orchestration.VillagePay.Payroll;

/// <summary>A tenant's village-cadre payroll of one year, frozen when issued; the finance office acknowledges it.</summary>
public sealed class PayrollRun
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public int Year { get; set; }

    public Guid ProcedureId { get; set; }

    public decimal Total { get; set; }

    public required string IssuedBy { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    /// <summary>The finance office's voucher number.</summary>
    public string? AcknowledgementReference { get; set; }

    public List<PayrollLine> Lines { get; set; } = [];
}

[JsonConverter(typeof(JsonStringEnumConverter<PayeeKind>))]
public enum PayeeKind
{
    /// <summary>两委正职: a serving principal (base, performance and possibly institution pay).</summary>
    Principal,

    /// <summary>离任正职: a former principal's retirement living subsidy and start-up subsidy (P4).</summary>
    FormerPrincipal,
}

/// <summary>One person's pay for the year, CNY.</summary>
public sealed class PayrollLine
{
    public Guid Id { get; set; }

    public Guid PayrollId { get; set; }

    public int Number { get; set; }

    public PayeeKind Kind { get; set; }

    public required string Name { get; set; }

    public required string Village { get; set; }

    public required string Township { get; set; }

    public decimal BasePay { get; set; }

    public decimal PerformancePay { get; set; }

    public decimal InstitutionPay { get; set; }

    public decimal RetirementSubsidy { get; set; }

    /// <summary>P4: a start-up subsidy granted in the payroll's year.</summary>
    public decimal StartUpSubsidy { get; set; }

    public decimal Total { get; set; }
}
