using Orchestration.ServiceDefaults.Http;

namespace Orchestration.Vetting;

/// <summary>A rule's refusal of one field, found by a pure rule before anything is stored.</summary>
public sealed record Refusal(string Field, string RuleId, string Message)
{
    public RuleViolationException ToException() => new(Field, RuleId, Message);
}

public static class RefusalExtensions
{
    /// <summary>Throws the refusal, if any: HTTP answers it as a 400 naming field and rule; a workflow gets a failed result.</summary>
    public static void ThrowIfAny(this Refusal? refusal)
    {
        if (refusal is not null) throw refusal.ToException();
    }
}
