using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Orchestration.Workflows.ElsaApi;

/// <summary>
/// The descriptor endpoints the Studio calls on every load and that do not depend on our activities. Each one is
/// required: a 404 on any of them stops the editor. Only what the runtime implements is advertised (features toggle
/// client behaviour: realtime updates and resilience are not listed, so the Studio polls).
/// </summary>
internal static class StaticDescriptors
{
    static object List(params object[] items) => new { items, count = items.Length };

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/descriptors/expression-descriptors", () => List(
            Expression("Literal", browsable: false),
            Expression("Object", browsable: false),
            Expression("JavaScript", browsable: true, language: "javascript"),
            Expression("Variable", browsable: false)));

        api.MapGet("/descriptors/variables", () => new
        {
            items = new[] { "Object", "String", "Boolean", "Int32", "Int64", "Decimal", "Double", "Guid", "DateTimeOffset", "DateOnly", "TimeSpan" }
                .Select(type => new { typeName = type, displayName = type, category = "Primitives", description = (string?)null }),
        });

        api.MapGet("/descriptors/storage-drivers", () => new
        {
            items = new[] { new { typeName = StorageDrivers.WorkflowInstance, displayName = "Workflow Instance", priority = 0, deprecated = false } },
        });

        api.MapGet("/descriptors/workflow-activation-strategies", () => List(
            Strategy("Elsa.Workflows.Runtime.ActivationStrategies.AllowAlwaysStrategy, Elsa.Workflows.Runtime", "Always", "Always allow a new instance."),
            Strategy("Elsa.Workflows.Runtime.ActivationStrategies.CorrelationStrategy, Elsa.Workflows.Runtime", "Correlation",
                "One running instance per correlation id (per procedure).")));

        api.MapGet("/descriptors/incident-strategies", () => List(
            Strategy("Elsa.Workflows.IncidentStrategies.FaultStrategy, Elsa.Workflows.Core", "Fault",
                "An activity that throws raises an incident and the instance becomes Faulted until retried.")));

        api.MapGet("/descriptors/log-persistence-strategies", () => List(
            Strategy("Elsa.Workflows.LogPersistence.Strategies.Include, Elsa.Workflows.Core", "Include", "Every step is journaled (C1).")));

        api.MapGet("/descriptors/commit-strategies/workflows", () => List());
        api.MapGet("/descriptors/commit-strategies/activities", () => List());
        api.MapGet("/descriptors/output-converters", () => new { items = Array.Empty<object>() });

        api.MapGet("/features/installed", () => List(
            Feature("Workflows", "Workflows"), Feature("WorkflowManagement", "Workflow Management"), Feature("Scheduling", "Scheduling")));
        api.MapGet("/package/version", () => new { packageVersion = "3.8.2" });

        // IntelliSense is optional: a 404 leaves the JavaScript editor without completions.
        api.MapPost("/scripting/javascript/type-definitions/{definitionId}", () => Results.Text(
            """
            declare function getVariable(name: string): any;
            declare function setVariable(name: string, value: any): void;
            declare const variables: Record<string, any>;
            declare function getInput(name: string): any;
            declare function getLastResult(): { outcome: string; ruleId?: string; reason?: string; [key: string]: any } | null;
            declare function getWorkflowInstanceId(): string;
            declare function getCorrelationId(): string;
            declare function getWorkflowDefinitionId(): string;
            declare function getWorkflowDefinitionVersionId(): string;
            declare function getWorkflowDefinitionVersion(): number;
            declare function getWorkflowInstanceName(): string;
            declare function isNullOrWhiteSpace(value: string | null): boolean;
            declare function isNullOrEmpty(value: string | null): boolean;
            declare function toJson(value: any): string;
            declare function newGuid(): string;
            declare function newGuidString(): string;
            declare function newShortGuid(): string;
            declare function parseGuid(value: string): string;
            declare function stringToBase64(value: string): string;
            declare function stringFromBase64(value: string): string;
            declare function today(): string;
            """, "application/x-typescript"));
    }

    static object Expression(string type, bool browsable, string? language = null) => new
    {
        type,
        displayName = type,
        isSerializable = true,
        isBrowsable = browsable,
        properties = language is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["MonacoLanguage"] = language },
    };

    static object Strategy(string typeName, string displayName, string description) => new { typeName, displayName, description };

    static object Feature(string name, string displayName) => new { name, @namespace = "Elsa", fullName = $"Elsa.{name}", displayName, description = "" };
}

/// <summary>Storage driver names as Elsa writes them into variable definitions.</summary>
public static class StorageDrivers
{
    public const string WorkflowInstance = "Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core";
}
