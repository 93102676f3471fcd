namespace Orchestration.Contracts.VillagePay;

/// <summary>Issues a tenant's yearly village-cadre payroll: base, performance and institution pay and retirement subsidies.</summary>
[DomainActivity("Issue village payroll", "嘎查村干部年度工资发放表",
    Description = "Freezes the year's pay of every principal and retirement subsidy into a payroll for the finance office.",
    Outcomes = [Contracts.Outcomes.Done, Contracts.Outcomes.Failed])]
public sealed record IssuePayroll(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("年度", "Year", "发放工资的年度（P1–P4）。")]
    int Year) : IDomainCommand<PayrollIssued>;

public sealed record PayrollIssued(
    Guid ProcedureId,
    string TenantId,
    Guid? PayrollId,
    int Year,
    int Lines,
    decimal Total,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

/// <summary>Records that the finance office has taken the year's payroll.</summary>
[DomainActivity("Acknowledge village payroll", "财政确认工资发放表",
    Outcomes = [Contracts.Outcomes.Done, Contracts.Outcomes.Failed])]
public sealed record AcknowledgePayroll(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("年度", "Year", "财政确认的工资发放表年度。")]
    int Year,
    [property: ActivityInput("凭证号", "Reference", "财政部门的凭证号。")]
    string Reference,
    [property: ActivityInput("确认人", "Acknowledged by", "财政部门的确认人。")]
    string AcknowledgedBy) : IDomainCommand<PayrollAcknowledged>;

public sealed record PayrollAcknowledged(
    Guid ProcedureId,
    string TenantId,
    int Year,
    string? Reference,
    DateTimeOffset? AcknowledgedAt,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

/// <summary>
/// The finance office's event on Dapr topic <c>payroll-acknowledged</c> (component <c>pubsub</c>): it has taken the tenant's
/// payroll of <see cref="Year"/> under its voucher <see cref="Reference"/>.
/// </summary>
public sealed record PayrollAcknowledgedByFinance(string TenantId, int Year, string Reference, string AcknowledgedBy);
