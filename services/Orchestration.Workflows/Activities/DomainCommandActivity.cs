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
        var parameters = commandType.GetConstructors().MaxBy(c => c.GetParameters().Length)?.GetParameters() ?? [];
        Descriptor = Activity(TypeName, Service, $"{activity.DisplayName} · {activity.ChineseName}",
            activity.Description is null ? activity.ChineseName : $"{activity.ChineseName}：{activity.Description}",
            inputs.Select(p => Describe(p, parameters.FirstOrDefault(c => c.Name == p.Name))), activity.Outcomes, kind: "Task",
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
            if (CommandValue(value, property.PropertyType) is { } filled) command[property.Name] = filled; // unset: the command's own default applies
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

    /// <summary>
    /// An input as the command takes it: an empty text (a dropdown cleared in the designer) is no value, and a date the designer's date
    /// picker wrote in the browser's culture ("2026/12/5 0:00:00", "12/5/2026 12:00:00 AM") becomes the ISO date.
    /// </summary>
    public static JsonNode? CommandValue(JsonNode? value, Type propertyType)
    {
        if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String) return value;
        var s = text.GetValue<string>();
        if (string.IsNullOrWhiteSpace(s)) return null;
        var type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        if (type != typeof(DateOnly) || DateOnly.TryParseExact(s, "yyyy-MM-dd", out _)) return value;
        return DateTime.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? JsonValue.Create(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) // the day as picked, no zone
            : value;
    }

    public ValueTask<ActivityOutcome> ResumeAsync(ActivityExecution context, JsonNode? payload)
    {
        context.LastResult = payload?.DeepClone();
        var outcome = payload?["outcome"]?.GetValue<string>() ?? "Done";
        return ValueTask.FromResult(ActivityOutcome.On(outcome));
    }

    /// <summary>
    /// The property panel's view of one input, from the contract's <see cref="ActivityInputAttribute"/>: "中文 · English" label, the
    /// description with what an empty field stands for, the literal default, and an editor that fits the type (a dropdown of the enum's
    /// <see cref="ChoiceAttribute"/> texts, a checkbox, the date picker, several lines for long text).
    /// </summary>
    static JsonObject Describe(PropertyInfo property, ParameterInfo? parameter)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var input = property.GetCustomAttribute<ActivityInputAttribute>();
        var hasDefault = parameter is { HasDefaultValue: true };
        var literal = hasDefault && parameter!.DefaultValue is { } value and not DBNull && !Equals(value, Guid.Empty)
            ? type.IsEnum ? Enum.ToObject(type, value) : value
            : null;
        var whenEmpty = input?.WhenEmpty ?? (literal is not null ? $"默认{Text(literal, type)}" : hasDefault ? "不填" : "必填");
        var description = input is null ? null
            : $"{input.Description}留空：{whenEmpty}（先依次取流程输入、变量、刚录入事实中的 {PropertyName(property.Name)}）。";
        var displayName = input is null ? null : $"{input.ChineseName} · {input.EnglishName}";
        var defaultValue = literal is null ? null : JsonSerializer.SerializeToNode(literal, ElsaJson.Options);
        if (type.IsEnum)
        {
            var choices = Enum.GetNames(type).Select(n => (Text: $"{Choices.ChineseName(type, n)} · {n}", Value: n));
            if (Nullable.GetUnderlyingType(property.PropertyType) is not null) choices = choices.Prepend(("（留空）", ""));
            return Input(property.Name, "String", "dropdown", displayName, description, defaultValue, choices);
        }

        var (typeName, hint) = type switch
        {
            _ when type == typeof(string) => ("String", input?.Multiline == true ? "multiline" : "singleline"),
            _ when type == typeof(int) => ("Int32", "singleline"),
            _ when type == typeof(long) => ("Int64", "singleline"),
            _ when type == typeof(decimal) => ("Decimal", "singleline"),
            _ when type == typeof(double) => ("Double", "singleline"),
            _ when type == typeof(bool) => ("Boolean", "checkbox"),
            _ when type == typeof(Guid) => ("Guid", "singleline"),
            _ when type == typeof(DateOnly) => ("DateOnly", "datetime-picker"),
            _ when type == typeof(DateTimeOffset) => ("DateTimeOffset", "datetime-picker"),
            _ => ("Object", "json-editor"),
        };
        return Input(property.Name, typeName, hint, displayName, description, defaultValue);
    }

    static string Text(object literal, Type type) => literal switch
    {
        true => "勾选",
        false => "不勾选",
        _ when type.IsEnum => Choices.ChineseName(type, literal.ToString()!),
        _ => Convert.ToString(literal, System.Globalization.CultureInfo.InvariantCulture)!,
    };

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
/// <para>
/// A step that must take one fact of a kind recorded several times for the procedure (the next stage of a selection) names the field
/// and the value it waits for (<c>MatchField</c>, <c>MatchValue</c>): any other fact of that kind waits as if early, until a step waits
/// for it. Facts then resume the procedure in the order its steps ask for them, whatever order the bus brings them in.
/// </para>
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
            [
                Input("MatchField", "String", displayName: "匹配字段 · Match field",
                    description: "本环节只接收该字段取下值的录入（如 stage）。留空：接收此类任一录入。 The result's field that must hold the value below for this step to take the fact. Empty: any fact of this kind."),
                Input("MatchValue", "String", displayName: "匹配值 · Match value",
                    description: "字段须取的值，如下一环节 variables.stagesLeft[0]；其余录入留待接收它的环节。留空：字段须为空。 The value the field must hold; other facts of this kind wait for a step that takes them."),
            ], activity.Outcomes, kind: "Trigger",
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

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var payload = new JsonObject { ["fact"] = ResultType.Name };
        if (context.Text("matchField") is { Length: > 0 } field)
            payload["match"] = new JsonObject { ["field"] = field, ["value"] = context.Text("matchValue") };
        return ValueTask.FromResult(ActivityOutcome.Wait(new BookmarkRequest(BookmarkKinds.DomainResult,
            DomainCommandActivity.ResultKey(ResultType, context.Run.InstanceId), Payload: payload)));
    }

    /// <summary>Whether a wait's match (from <see cref="ExecuteAsync"/>) takes <paramref name="fact"/>: a wait without one takes any.</summary>
    public static bool Takes(JsonNode? waitPayload, JsonNode? fact)
    {
        if (waitPayload?["match"] is not JsonObject match || match["field"]?.GetValue<string>() is not { Length: > 0 } field) return true;
        var value = fact is JsonObject recorded
            ? recorded.FirstOrDefault(p => string.Equals(p.Key, field, StringComparison.OrdinalIgnoreCase)).Value
            : null;
        return string.Equals(Expressions.Expressions.AsText(value), match["value"]?.GetValue<string>(), StringComparison.Ordinal);
    }

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
