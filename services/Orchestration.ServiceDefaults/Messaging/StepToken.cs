using System.Text.Json.Nodes;

namespace Orchestration.ServiceDefaults.Messaging;

/// <summary>
/// Correlates a procedure step's answer with the step that asked, not only with the procedure: the workflow runtime sends each
/// domain command with a token of the waiting step (header <see cref="Header"/>), a service's consumer holds it while it applies
/// the command, and the result it publishes through the outbox carries it back. Two parallel branches sending the same command,
/// or a stale answer from an earlier pass of a loop, then never resume the wrong wait.
/// </summary>
public static class StepToken
{
    public const string Header = "Orchestration-Step";

    /// <summary>Where the outbox keeps the token in a row's body (removed again before the message is published).</summary>
    internal const string BodyProperty = "$step";

    static readonly AsyncLocal<string?> current = new();

    /// <summary>The token of the command being consumed, if it carried one.</summary>
    public static string? Current => current.Value;

    /// <summary>Holds <paramref name="token"/> while a command is applied.</summary>
    public static IDisposable Use(string? token)
    {
        var previous = current.Value;
        current.Value = token;
        return new Restore(previous);
    }

    sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }

    /// <summary>The token a row's body carries, and the body without it.</summary>
    internal static (string? Token, string Body) Split(string body)
    {
        if (!body.Contains(BodyProperty, StringComparison.Ordinal) || JsonNode.Parse(body) is not JsonObject json
            || json[BodyProperty] is not JsonValue value || !value.TryGetValue<string>(out var token))
            return (null, body);
        json.Remove(BodyProperty);
        return (token, json.ToJsonString());
    }
}
