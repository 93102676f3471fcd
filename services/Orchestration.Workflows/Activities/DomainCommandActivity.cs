using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Contracts;
using Orchestration.Workflows.Definitions;
using static Orchestration.Workflows.Activities.Descriptors;

namespace Orchestration.Workflows.Activities;

/// <summary>
/// A domain service's command as an activity: it sends the command through the outbox and waits for the result event with this
/// procedure's id (a bookmark keyed by result type and ProcedureId), then continues on the port the result's Outcome names.
/// Inputs are the command's properties; one left empty is taken from the workflow input, then from a variable of the same name,
/// then from the last result (what an Event activity just received: the figures a department recorded for this step).
/// </summary>
public sealed class DomainCommandActivity : IActivityType
{
    static readonly string[] Implicit = [nameof(IProcedureMessage.ProcedureId), nameof(IProcedureMessage.TenantId)];
    readonly PropertyInfo[] inputs;

    public DomainCommandActivity(Type commandType, Type resultType, DomainActivityAttribute activity)
    {
        CommandType = commandType;
        ResultType = resultType;
        Service = commandType.Namespace!.Split('.').Last();
        TypeName = $"Orchestration.{Service}.{commandType.Name}";
        inputs = commandType.GetProperties().Where(p => !Implicit.Contains(p.Name)).ToArray();
        Descriptor = Activity(TypeName, Service, $"{activity.DisplayName} · {activity.ChineseName}",
            activity.Description is null ? activity.ChineseName : $"{activity.ChineseName}：{activity.Description}",
            inputs.Select(Describe), activity.Outcomes, kind: "Task",
            customProperties: new JsonObject { ["chineseName"] = activity.ChineseName, ["englishName"] = activity.DisplayName, ["service"] = Service },
            outputs: [Output("Result", "Object")]);
    }

    public Type CommandType { get; }

    public Type ResultType { get; }

    public string Service { get; }

    public string TypeName { get; }

    public JsonObject Descriptor { get; }

    public bool CanBlock => true;

    public static string ResultKey(Type resultType, Guid procedureId) => $"{resultType.FullName}:{procedureId}";

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var run = context.Run;
        var command = new JsonObject
        {
            [nameof(IProcedureMessage.ProcedureId)] = run.InstanceId,
            [nameof(IProcedureMessage.TenantId)] = run.TenantId,
        };
        foreach (var property in inputs)
        {
            var name = PropertyName(property.Name);
            var value = context.Input(name) ?? context.Scope.Input[name]?.DeepClone() ?? context.Scope.Variables[name]?.DeepClone()
                        ?? (context.LastResult as JsonObject)?[name]?.DeepClone();
            if (value is not null) command[property.Name] = value; // unset: the command's own default applies
        }

        object message;
        try
        {
            message = command.Deserialize(CommandType, ElsaJson.Options)
                      ?? throw new InvalidOperationException($"{context.Node.Id}: the command could not be built.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{context.Node.Id}: {CommandType.Name} could not be built from the inputs: {ex.Message}", ex);
        }

        // The answer must come back with this token: only then does it resume this wait (not a sibling branch's, not an earlier pass's).
        var step = Guid.CreateVersion7().ToString("N");
        run.Publish(message, step);
        return ValueTask.FromResult(ActivityOutcome.Wait(new BookmarkRequest(BookmarkKinds.DomainResult, ResultKey(ResultType, run.InstanceId),
            Payload: new JsonObject { ["command"] = CommandType.Name, ["result"] = ResultType.Name, ["step"] = step })));
    }

    public ValueTask<ActivityOutcome> ResumeAsync(ActivityExecution context, JsonNode? payload)
    {
        context.LastResult = payload?.DeepClone();
        var outcome = payload?["outcome"]?.GetValue<string>() ?? "Done";
        return ValueTask.FromResult(ActivityOutcome.On(outcome));
    }

    static JsonObject Describe(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type.IsEnum) return Input(property.Name, "String", options: Enum.GetNames(type));
        var (typeName, hint) = type switch
        {
            _ when type == typeof(string) => ("String", "singleline"),
            _ when type == typeof(int) => ("Int32", "singleline"),
            _ when type == typeof(long) => ("Int64", "singleline"),
            _ when type == typeof(decimal) => ("Decimal", "singleline"),
            _ when type == typeof(double) => ("Double", "singleline"),
            _ when type == typeof(bool) => ("Boolean", "checkbox"),
            _ when type == typeof(Guid) => ("Guid", "singleline"),
            _ when type == typeof(DateOnly) => ("DateOnly", "singleline"),
            _ when type == typeof(DateTimeOffset) => ("DateTimeOffset", "datetime-picker"),
            _ => ("Object", "json-editor"),
        };
        return Input(property.Name, typeName, hint);
    }

    /// <summary>Every <see cref="IDomainCommand{TResult}"/> with a <see cref="DomainActivityAttribute"/> in <paramref name="contracts"/>.</summary>
    public static IEnumerable<DomainCommandActivity> Discover(Assembly contracts) =>
        from type in contracts.GetExportedTypes()
        let attribute = type.GetCustomAttribute<DomainActivityAttribute>()
        let command = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDomainCommand<>))
        where attribute is not null && command is not null
        orderby type.FullName
        select new DomainCommandActivity(type, command.GetGenericArguments()[0], attribute);
}

/// <summary>
/// A fact a person records at the service that owns it, as a step of the procedure: the department records it (a ballot, an opinion,
/// a score) at that service's API naming the procedure, the service checks it and answers at once, and its result event resumes this
/// wait, continuing on the port the result's Outcome names, with the person who recorded it as the actor of what follows. A fact
/// recorded before the procedure gets here waits for it (see <see cref="Runtime.WaitingFact"/>). One per domain result a command
/// activity declares, named after the result: <c>Orchestration.Vetting.DecisionMeetingHeld</c>.
/// </summary>
public sealed class DomainFactActivity : IActivityType
{
    public DomainFactActivity(DomainCommandActivity command, DomainActivityAttribute activity)
    {
        ResultType = command.ResultType;
        Service = command.Service;
        TypeName = $"Orchestration.{Service}.{ResultType.Name}";
        Descriptor = Activity(TypeName, Service, $"Recorded: {activity.DisplayName} · 录入{activity.ChineseName}",
            $"Waits until the department records this at the {Service} service for this procedure; continues on the outcome the service decided.",
            [], activity.Outcomes, kind: "Trigger",
            customProperties: new JsonObject
            {
                ["chineseName"] = activity.ChineseName, ["englishName"] = activity.DisplayName, ["service"] = Service, ["recordedBy"] = "person",
            },
            outputs: [Output("Result", "Object")]);
    }

    public Type ResultType { get; }

    public string Service { get; }

    public string TypeName { get; }

    public JsonObject Descriptor { get; }

    public bool CanBlock => true;

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context) =>
        ValueTask.FromResult(ActivityOutcome.Wait(new BookmarkRequest(BookmarkKinds.DomainResult,
            DomainCommandActivity.ResultKey(ResultType, context.Run.InstanceId), Payload: new JsonObject { ["fact"] = ResultType.Name })));

    public ValueTask<ActivityOutcome> ResumeAsync(ActivityExecution context, JsonNode? payload)
    {
        context.LastResult = payload?.DeepClone();
        return ValueTask.FromResult(ActivityOutcome.On(payload?["outcome"]?.GetValue<string>() ?? "Done"));
    }

    /// <summary>One fact activity per distinct result type of <paramref name="commands"/>.</summary>
    public static IEnumerable<DomainFactActivity> For(IEnumerable<DomainCommandActivity> commands) =>
        commands.GroupBy(c => c.ResultType).Select(g => g.First())
            .Select(c => new DomainFactActivity(c, c.CommandType.GetCustomAttribute<DomainActivityAttribute>()!));
}
