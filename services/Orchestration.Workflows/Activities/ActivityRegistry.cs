using System.Text.Json.Nodes;
using Orchestration.Contracts;

namespace Orchestration.Workflows.Activities;

/// <summary>
/// Every activity type the runtime runs: the Elsa built-ins we implement, one per domain command and one per fact a person records at
/// the service that owns it.
/// </summary>
public sealed class ActivityRegistry
{
    readonly Dictionary<string, IActivityType> types;

    public ActivityRegistry(IEnumerable<IActivityType> activities) =>
        types = activities.ToDictionary(a => a.TypeName, StringComparer.Ordinal);

    public static ActivityRegistry CreateDefault()
    {
        var commands = DomainCommandActivity.Discover(typeof(IDomainResult).Assembly).ToList();
        return new([
        new FlowchartActivity(), new StartActivity(), new EndActivity("Elsa.End", "End"), new EndActivity("Elsa.Finish", "Finish"),
        new FlowDecisionActivity(), new FlowSwitchActivity(), new FlowForkActivity(), new FlowJoinActivity(),
        new SetVariableActivity(), new WriteLineActivity(),
        new SequenceActivity(), new IfActivity(), new SwitchActivity(), new ForEachActivity(), new ParallelForEachActivity(), new ForActivity(), new WhileActivity(), new BreakActivity(),
        new ForkActivity(), new CompositeActivity(), new CompleteActivity(), new ExecuteWorkflowActivity(), new DispatchWorkflowActivity(),
        new SetOutputActivity(), new CorrelateActivity(), new FaultActivity(), new RunJavaScriptActivity(), new MissingActivity(),
        new SendHttpRequestActivity(), new SendHttpRequestWithCasesActivity(), new HttpEndpointActivity(),
        new DelayActivity(), new TimerActivity(), new CronActivity(), new StartAtActivity(),
        new EventActivity(), new PublishEventActivity(),
        .. commands, .. DomainFactActivity.For(commands),
    ]);
    }

    /// <summary>How large a definition may be; the validator applies it.</summary>
    public Definitions.DefinitionLimits Limits { get; set; } = new();

    public IActivityType? Find(string typeName) => types.GetValueOrDefault(typeName);

    public IEnumerable<IActivityType> All => types.Values;

    public IEnumerable<DomainCommandActivity> DomainActivities => types.Values.OfType<DomainCommandActivity>();

    public JsonArray Descriptors() => new([.. types.Values.Where(t => t.TypeName is not (Definitions.Flowchart.CompositeRunner or MissingActivity.Type)).OrderBy(t => t.Descriptor["category"]?.GetValue<string>()).ThenBy(t => t.TypeName)
        .Select(t => (JsonNode)t.Descriptor.DeepClone())]);
}
