using Orchestration.ServiceDefaults.Http;

namespace Orchestration.Nomination;

/// <summary>A rule's refusal of a request: the field at fault, the DOMAIN.md rule id and why. Pure rules return it; services throw it.</summary>
public sealed record Refusal(string Field, string RuleId, string Message)
{
    public RuleViolationException ToException() => new(Field, RuleId, Message);
}
