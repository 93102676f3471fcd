using System.Text.Json.Nodes;
using Orchestration.Workflows.Activities;

namespace Orchestration.Workflows.Definitions;

/// <summary>A reason the runtime could not run a definition, naming the activity where there is one.</summary>
public sealed record DefinitionProblem(string? ActivityId, string Message);

/// <summary>
/// Refuses what the runtime could not run and what would leave the designer blank: an unknown activity type, a connection to
/// or from nowhere, a cycle with no activity that waits, a JavaScript expression that does not parse.
/// </summary>
public static class DefinitionValidator
{
    public static IReadOnlyList<DefinitionProblem> Validate(JsonObject definition, ActivityRegistry registry)
    {
        var problems = new List<DefinitionProblem>();
        Flowchart flowchart;
        try
        {
            flowchart = Flowchart.Parse(definition);
        }
        catch (InvalidDataException ex)
        {
            return [new DefinitionProblem(null, ex.Message)];
        }

        foreach (var activity in flowchart.Activities.Values)
        {
            if (registry.Find(activity.Type) is null)
                problems.Add(new(activity.Id, $"{activity.Name ?? activity.Id}: unknown activity type '{activity.Type}'."));
            foreach (var (property, value) in activity.Json)
                if (value is JsonObject { } input && input["expression"] is JsonObject expression
                    && expression["type"]?.GetValue<string>() == "JavaScript"
                    && Expressions.Expressions.JavaScriptError(expression["value"]?.GetValue<string>() ?? "") is { } error)
                    problems.Add(new(activity.Id, $"{activity.Name ?? activity.Id}.{property}: the JavaScript does not parse: {error}"));
        }

        foreach (var connection in flowchart.Connections)
        {
            if (!flowchart.Activities.ContainsKey(connection.Source))
                problems.Add(new(connection.Source, $"A connection starts at '{connection.Source}', which is not in the flowchart."));
            if (!flowchart.Activities.ContainsKey(connection.Target))
                problems.Add(new(connection.Target, $"A connection from '{connection.Source}' ends at '{connection.Target}', which is not in the flowchart."));
        }

        foreach (var cycle in CyclesWithoutWait(flowchart, registry))
            problems.Add(new(cycle[0], $"The cycle {string.Join(" → ", cycle)} has no activity that waits: it would run forever."));
        return problems;
    }

    /// <summary>Strongly connected parts of the graph (Tarjan) in which no activity can block.</summary>
    static IEnumerable<List<string>> CyclesWithoutWait(Flowchart flowchart, ActivityRegistry registry)
    {
        var index = 0;
        var indices = new Dictionary<string, int>();
        var lowest = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var found = new List<List<string>>();
        var edges = flowchart.Connections.Where(c => flowchart.Activities.ContainsKey(c.Source) && flowchart.Activities.ContainsKey(c.Target))
            .ToLookup(c => c.Source, c => c.Target);

        void Visit(string node)
        {
            indices[node] = lowest[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges[node])
            {
                if (!indices.ContainsKey(next))
                {
                    Visit(next);
                    lowest[node] = Math.Min(lowest[node], lowest[next]);
                }
                else if (onStack.Contains(next))
                {
                    lowest[node] = Math.Min(lowest[node], indices[next]);
                }
            }

            if (lowest[node] != indices[node]) return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            } while (member != node);

            var isCycle = component.Count > 1 || edges[node].Contains(node);
            if (isCycle && component.All(id => registry.Find(flowchart.Activities[id].Type) is not { CanBlock: true }))
                found.Add(component.AsEnumerable().Reverse().ToList());
        }

        foreach (var node in flowchart.Activities.Keys)
            if (!indices.ContainsKey(node)) Visit(node);
        return found;
    }
}
