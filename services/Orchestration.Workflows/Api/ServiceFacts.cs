using System.Collections.Frozen;
using Orchestration.Contracts;

namespace Orchestration.Workflows.Api;

/// <summary>
/// The names of what only services announce: every service event and domain result of the contracts. Over HTTP a caller raises
/// human steps (ballots, opinions, scores); a name of these would forge a service's fact (a motion approved, a case opened) or a
/// step's result, so <c>POST /api/workflows/events</c> refuses it.
/// </summary>
public static class ServiceFacts
{
    public const string Rule = "events-are-human-steps";

    public static readonly FrozenSet<string> Names = typeof(IServiceEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && (typeof(IServiceEvent).IsAssignableFrom(t) || typeof(IDomainResult).IsAssignableFrom(t)))
        .Select(t => t.Name)
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsServiceFact(string? eventName) => eventName is not null && Names.Contains(eventName.Trim());
}
