using Orchestration.ServiceDefaults.Http;

namespace Orchestration.VillagePay;

/// <summary>A domain refusal a consumer answers with a Failed result event, so the workflow learns why instead of waiting.</summary>
public sealed record Refusal(string? RuleId, string Reason)
{
    public static Refusal? Of(Exception exception) => exception switch
    {
        RuleViolationException rule => new(rule.RuleId, rule.Message),
        StateConflictException conflict => new(conflict.RuleId, conflict.Message),
        NotFoundException missing => new(null, missing.Message),
        _ => null,
    };
}
