using FluentValidation;
using Orchestration.Contracts.VillagePay;
using Orchestration.VillagePay.Evaluations;

namespace Orchestration.VillagePay.Payroll;

/// <summary>A payroll is issued for a year the county pays in (P4: the retirement subsidies run by year).</summary>
public sealed class IssuePayrollValidator : AbstractValidator<IssuePayroll>
{
    public IssuePayrollValidator() => RuleFor(p => p.Year).PayYear("P4");
}

/// <summary>The finance office acknowledges a year's payroll under its voucher number.</summary>
public sealed class AcknowledgePayrollValidator : AbstractValidator<AcknowledgePayroll>
{
    public AcknowledgePayrollValidator()
    {
        RuleFor(a => a.Year).PayYear("P4");
        RuleFor(a => a.Reference).NotEmpty().MaximumLength(100);
        RuleFor(a => a.AcknowledgedBy).NotEmpty().MaximumLength(200);
    }
}
