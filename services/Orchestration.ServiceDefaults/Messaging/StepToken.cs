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

    /// <summary>The step token and actor a row's body carries, and the body without them.</summary>
    internal static (string? Token, string? Actor, string Body) Split(string body)
    {
        if ((!body.Contains(BodyProperty, StringComparison.Ordinal) && !body.Contains(CommandActor.BodyProperty, StringComparison.Ordinal))
            || JsonNode.Parse(body) is not JsonObject json)
            return (null, null, body);
        var token = Take(json, BodyProperty);
        var actor = Take(json, CommandActor.BodyProperty);
        return token is null && actor is null ? (null, null, body) : (token, actor, json.ToJsonString());
    }

    static string? Take(JsonObject json, string property)
    {
        if (json[property] is not JsonValue value || !value.TryGetValue<string>(out var text)) return null;
        json.Remove(property);
        return text;
    }

    /// <summary>Adds the step token and actor to a row's body (the dispatcher moves them to headers).</summary>
    internal static string Carry(string body, string? token, string? actor)
    {
        if ((token is null && actor is null) || JsonNode.Parse(body) is not JsonObject json) return body;
        if (token is not null) json[BodyProperty] = token;
        if (actor is not null) json[CommandActor.BodyProperty] = actor;
        return json.ToJsonString();
    }
}

/// <summary>
/// Who caused a procedure message (C1, C2): the person who recorded a fact over HTTP, or the one whose fact resumed the procedure
/// that sends a command. It travels as header <see cref="Header"/>: the workflow runtime sends each command with the actor of the
/// run, a service's consumer records that person as the actor and its result carries the same actor back, so the accountability
/// record names people through a whole procedure, not workflow ids.
/// </summary>
public static class CommandActor
{
    public const string Header = "Orchestration-Actor";

    internal const string BodyProperty = "$actor";

    static readonly AsyncLocal<string?> current = new();

    /// <summary>The person acting for the command being applied, if known.</summary>
    public static string? Current => current.Value;

    /// <summary>Holds <paramref name="actor"/> while a command is applied; messages published meanwhile carry it.</summary>
    public static IDisposable Use(string? actor)
    {
        var previous = current.Value;
        current.Value = actor;
        return new Restore(previous);
    }

    sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }
}
