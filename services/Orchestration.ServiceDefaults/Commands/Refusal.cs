using Orchestration.ServiceDefaults.Http;

namespace Orchestration.ServiceDefaults.Commands;

/// <summary>A rule's refusal of one field, found by a pure rule before anything is stored: the field at fault, the rule id and why.</summary>
public sealed record Refusal(string Field, string RuleId, string Message)
{
    public RuleViolationException ToException() => new(Field, RuleId, Message);
}

public static class RefusalExtensions
{
    /// <summary>Throws the refusal, if any: HTTP answers it as a 400 naming field and rule; a procedure gets a Refused result.</summary>
    public static void ThrowIfAny(this Refusal? refusal)
    {
        if (refusal is not null) throw refusal.ToException();
    }
}
