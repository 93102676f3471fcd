using System.Globalization;
using System.Text.Json.Nodes;
using Cronos;
using Microsoft.EntityFrameworkCore;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Workflows.Runtime;

/// <summary>
/// A published definition's way to start on its own: a Timer, Cron or StartAt activity (the calendar) or an Event activity (a named
/// event) marked <c>customProperties.canStartWorkflow</c>. Rows are replaced on each publish and removed on retract or delete;
/// timer triggers are claimed with SKIP LOCKED like timer bookmarks, so replicas never start one occurrence twice.
/// </summary>
public sealed class TriggerRecord
{
    public Guid Id { get; set; }

    public required string DefinitionId { get; set; }

    public required string DefinitionVersionId { get; set; }

    /// <summary>The county whose version it is; the shared library's triggers start instances for every county that has no version of its own.</summary>
    public string TenantId { get; set; } = DefinitionTenancy.SharedLibrary;

    public required string ActivityId { get; set; }

    /// <summary><see cref="TriggerKinds.Timer"/> or <see cref="TriggerKinds.Event"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The event name of an event trigger; the activity type of a timer trigger.</summary>
    public required string Key { get; set; }

    /// <summary>The next occurrence of a timer trigger.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public static class TriggerKinds
{
    public const string Timer = "Timer";
    public const string Event = "Event";

    /// <summary>An HTTP endpoint (key <c>"POST /path"</c>): a request under <c>/workflows/http</c> starts the definition.</summary>
    public const string Http = "Http";
}

/// <summary>Finds the triggers of a definition version and computes when timer triggers fall due.</summary>
public static class TriggerIndex
{
    static readonly string[] TimerTypes = ["Elsa.Timer", "Elsa.Cron", "Elsa.StartAt"];

    public static bool CanStartWorkflow(ActivityNode node) =>
        node.Json["customProperties"]?["canStartWorkflow"] is JsonValue flag && flag.TryGetValue<bool>(out var on) && on;

    /// <summary>The trigger rows of a version being published; a StartAt already past never fires.</summary>
    public static IEnumerable<TriggerRecord> For(WorkflowDefinitionRecord version, Flowchart flowchart, DateTimeOffset now, TimeZoneInfo zone)
    {
        foreach (var node in flowchart.Activities.Values.Where(CanStartWorkflow))
        {
            if (node.Type == "Elsa.Event" && Literal(node, "eventName") is { Length: > 0 } eventName)
                yield return New(version, node, TriggerKinds.Event, eventName, null, now);
            else if (node.Type == "Elsa.HttpEndpoint")
                foreach (var key in Activities.HttpEndpointActivity.Keys(node, new Expressions.ExpressionScope([], [], null)).Distinct())
                    yield return New(version, node, TriggerKinds.Http, key, null, now);
            else if (TimerTypes.Contains(node.Type) && NextOccurrence(node, after: now, previous: null, zone) is { } due)
                yield return New(version, node, TriggerKinds.Timer, node.Type, due, now);
        }
    }

    /// <summary>
    /// The occurrence after <paramref name="previous"/> (or the first after <paramref name="after"/>): a Timer every interval, skipping
    /// occurrences missed while nothing ran so a long outage starts one instance, not a burst; a Cron the next match in the county's
    /// time zone <paramref name="zone"/>; a StartAt once.
    /// </summary>
    public static DateTimeOffset? NextOccurrence(ActivityNode node, DateTimeOffset after, DateTimeOffset? previous, TimeZoneInfo zone)
    {
        switch (node.Type)
        {
            case "Elsa.Timer":
                var interval = TimeSpan.Parse(Literal(node, "interval") ?? "00:01:00", CultureInfo.InvariantCulture);
                if (interval <= TimeSpan.Zero) return null;
                var next = (previous ?? after) + interval;
                while (next <= after) next += interval;
                return next;
            case "Elsa.Cron":
                var expression = CronExpression.Parse(Literal(node, "cronExpression") ?? "", CronFormat.IncludeSeconds);
                return expression.GetNextOccurrence(after, zone)?.ToUniversalTime();
            case "Elsa.StartAt" when previous is null:
                var at = DateTimeOffset.Parse(Literal(node, "dateTime") ?? "", CultureInfo.InvariantCulture);
                return at > after ? at : null;
            default:
                return null;
        }
    }

    /// <summary>A trigger is set up when its definition is published, before any instance exists: its inputs are literals.</summary>
    static string? Literal(ActivityNode node, string input) =>
        Expressions.Expressions.Evaluate(node.Json[input], new Expressions.ExpressionScope([], [], null)) is JsonValue value ? value.ToString() : null;

    static TriggerRecord New(WorkflowDefinitionRecord version, ActivityNode node, string kind, string key, DateTimeOffset? due, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        DefinitionId = version.DefinitionId,
        DefinitionVersionId = version.Id,
        TenantId = version.TenantId,
        ActivityId = node.Id,
        Kind = kind,
        Key = key,
        DueAt = due?.ToUniversalTime(),
        CreatedAt = now,
    };
}
