using FluentValidation;
using FluentValidation.Results;
using Orchestration.ServiceDefaults.Commands;

namespace Orchestration.Vetting;

internal static class VettingValidation
{
    /// <summary>
    /// Runs a pure rule check of the whole command in the validator, so both doors refuse it the same way: its refusal becomes a
    /// failure naming the refusal's field, with the rule id as error code.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, T> RefusedBy<T>(this IRuleBuilder<T, T> rule, Func<T, Refusal?> check) =>
        rule.Custom((command, context) =>
        {
            if (check(command) is { } refusal)
                context.AddFailure(new ValidationFailure(refusal.Field, refusal.Message) { ErrorCode = refusal.RuleId });
        });
}
