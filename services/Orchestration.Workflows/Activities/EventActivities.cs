using System.Text.Json.Nodes;
using Orchestration.Contracts.Workflows;
using static Orchestration.Workflows.Activities.Descriptors;
using X = Orchestration.Workflows.Expressions.Expressions;

namespace Orchestration.Workflows.Activities;

/// <summary>Waits for a named event with a correlation key (by default this procedure's id); its payload becomes the last result (<c>getLastResult()</c>).</summary>
public sealed class EventActivity : IActivityType
{
    public string TypeName => "Elsa.Event";

    public bool CanBlock => true;

    public JsonObject Descriptor { get; } = Activity("Elsa.Event", "Primitives", "Event", "Waits for a named event.",
        [
            Input("EventName", "String"), Input("CorrelationKey", "String", description: "Defaults to the procedure id."),
            Input("PayloadSchema", "Object", "json-editor",
                description: "A JSON Schema the payload must satisfy; POST /api/workflows/events refuses a payload that does not, naming the field."),
        ], kind: "Trigger");

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var schema = context.Input("payloadSchema") switch
        {
            JsonObject declared => declared,
            JsonValue text when text.TryGetValue<string>(out var json) && !string.IsNullOrWhiteSpace(json) => JsonNode.Parse(json) as JsonObject,
            _ => null,
        };
        return ValueTask.FromResult(ActivityOutcome.Wait(new BookmarkRequest(BookmarkKinds.Event,
            EventKey(context.Text("eventName") ?? "", context.Text("correlationKey") ?? context.Run.InstanceId.ToString()),
            Payload: schema is null ? null : new JsonObject { [SchemaProperty] = schema.DeepClone() })));
    }

    /// <summary>Where a waiting Event keeps the schema its payload must satisfy (in the bookmark's payload).</summary>
    public const string SchemaProperty = "payloadSchema";

    public ValueTask<ActivityOutcome> ResumeAsync(ActivityExecution context, JsonNode? payload)
    {
        context.LastResult = payload?.DeepClone();
        return ValueTask.FromResult(ActivityOutcome.Done);
    }

    public static string EventKey(string eventName, string correlationKey) => $"{eventName}:{correlationKey}";
}

/// <summary>Publishes a named event (through the outbox) that Event activities of any procedure of the tenant wait for.</summary>
public sealed class PublishEventActivity : IActivityType
{
    public string TypeName => "Elsa.PublishEvent";

    public JsonObject Descriptor { get; } = Activity("Elsa.PublishEvent", "Primitives", "Publish Event", "Publishes a named event.",
        [Input("EventName", "String"), Input("CorrelationKey", "String", description: "Defaults to the procedure id."), Input("Payload", "Object")]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        context.Run.Publish(new WorkflowEventPublished(context.Run.InstanceId, context.Run.TenantId, context.Text("eventName") ?? "",
            context.Text("correlationKey") ?? context.Run.InstanceId.ToString(), context.Input("payload")?.ToJsonString()));
        return ValueTask.FromResult(ActivityOutcome.Done);
    }
}
