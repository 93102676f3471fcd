using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Api;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.ElsaApi;
using Orchestration.Workflows.Expressions;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows;

/// <summary>The workflow runtime's registrations and endpoints; the workflow server and the embedded host call the same pair.</summary>
public static class WorkflowsModule
{
    public static IHostApplicationBuilder AddWorkflows(this IHostApplicationBuilder builder)
    {
        // The XML documentation of this assembly (and of the projects it references) describes its fields and parameters in the
        // OpenAPI document: the documentation generator only reads the assemblies of the project that calls AddOpenApi.
        builder.Services.AddOpenApi();
        builder.AddServiceDatabase<WorkflowDbContext>("Workflows");
        // The workflow server serves the Studio and its logout: revocations go to its database, so every replica refuses them.
        builder.AddSharedTokenRevocations<WorkflowDbContext>();
        builder.Services.AddOptions<WorkflowOptions>().BindConfiguration("Workflows");
        builder.Services.AddOptions<DefinitionLimits>().BindConfiguration("Workflows");
        builder.Services.AddSingleton(provider =>
        {
            var registry = ActivityRegistry.CreateDefault();
            registry.Limits = provider.GetRequiredService<IOptions<DefinitionLimits>>().Value;
            return registry;
        });
        // A definition's body may be larger than a domain request, up to Workflows:MaxDefinitionSize.
        builder.Services.PostConfigure<Orchestration.ServiceDefaults.Http.RequestLimits>(limits =>
        {
            var size = builder.Configuration.GetValue<long?>("Workflows:MaxDefinitionSize") ?? new DefinitionLimits().MaxDefinitionSize;
            limits.RequestBodyLimits.TryAdd(ElsaApiEndpoints.Path + "/workflow-definitions", size);
        });
        builder.Services.AddSingleton<WorkflowEngine>();
        // The HTTP Request activity: no redirects, so an allowed host cannot send the request on to one that is not.
        builder.Services.AddHttpClient(SendHttpRequestActivity.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false });
        builder.Services.AddSingleton<CompiledDefinitions>();
        builder.Services.AddScoped<DefinitionStore>();
        builder.Services.AddScoped<WorkflowRuntime>();
        builder.Services.AddScoped<IncidentRecorder>();
        builder.Services.AddScoped<IncidentActions>();
        builder.Services.AddHostedService<DefinitionSeeder>();
        builder.Services.AddHostedService<CalendarTenantsCheck>(); // after the seeder: the shipped calendar procedures count
        builder.Services.AddSingleton<ResultBatches>();
        builder.Services.AddSingleton<TimerSignal>();
        builder.Services.AddSingleton<TimerDispatcher>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<TimerDispatcher>());
        builder.Services.AddHostedService<HttpCallDispatcher>();
        builder.Services.AddOptions<JournalSealOptions>().BindConfiguration("Journal");
        builder.Services.AddSingleton<JournalSeals>();
        builder.Services.AddSingleton<JournalSealer>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<JournalSealer>());
        builder.Services.AddSingleton<WorkingDayReplanner>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<WorkingDayReplanner>());
        builder.Services.AddHostedService<WorkflowGauges>();
        builder.Services.AddHostedService<Records.RecordFontCheck>(); // a server that could not print the record does not start
        builder.Services.AddScoped<Alterations.AlterationPlans>();
        builder.Services.AddSingleton<Alterations.AlterationRunner>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<Alterations.AlterationRunner>());
        builder.Services.AddScoped<Records.Notices.NoticeTemplates>();
        builder.Services.AddScoped<Records.Notices.NoticeRenderer>();
        return builder;
    }

    /// <summary>
    /// One consumer per domain result type, per service event type and for named events, for the bus registration; and, on one
    /// incidents endpoint, the consumers that open incidents: of <c>Fault&lt;T&gt;</c> for every command (a service could not handle it),
    /// result and event (the workflow server could not), and of <c>ProcedureStepFailed</c> (an outbox dead-lettered a message).
    /// </summary>
    public static void AddWorkflowConsumers(this IBusRegistrationConfigurator bus)
    {
        var domainActivities = ActivityRegistry.CreateDefault().DomainActivities.ToList();
        var resultTypes = domainActivities.Select(a => a.ResultType).Distinct().ToList();
        var serviceEvents = typeof(IServiceEvent).Assembly.GetExportedTypes().Where(t => t.IsClass && t.IsAssignableTo(typeof(IServiceEvent))).ToList();
        foreach (var resultType in resultTypes)
            bus.AddConsumer(typeof(DomainResultConsumer<>).MakeGenericType(resultType), typeof(DomainResultConsumerDefinition<>).MakeGenericType(resultType));
        foreach (var serviceEvent in serviceEvents)
            bus.AddConsumer(typeof(ServiceEventConsumer<>).MakeGenericType(serviceEvent));
        bus.AddConsumer<WorkflowEventConsumer>();
        bus.AddConsumer<Reminders.ServiceDeadlineConsumer>(); // the services' dated waits for the reminders
        bus.AddConsumer<Records.CadreRecordConsumer>(); // C1: the facts the services record for each cadre
        bus.AddConsumer<Records.CadreNameConsumer>(); // the cadre's name from the file, for the record and the notices

        bus.AddConsumer<ProcedureStepFailedConsumer>();
        foreach (var faulted in domainActivities.Select(a => a.CommandType).Concat(resultTypes).Concat(serviceEvents)
                     .Append(typeof(Orchestration.Contracts.Workflows.WorkflowEventPublished)).Distinct())
            bus.AddConsumer(typeof(MessageFaultConsumer<>).MakeGenericType(faulted), typeof(MessageFaultConsumerDefinition<>).MakeGenericType(faulted));
    }

    public static IEndpointRouteBuilder MapWorkflows(this IEndpointRouteBuilder app)
    {
        app.MapWorkflowApi();
        app.MapCalendarApi();
        Records.Notices.NoticeApi.MapNoticeApi(app);
        Reminders.ReminderQueries.MapReminders(app);
        Statistics.ProcedureStatistics.MapStatistics(app);
        app.MapElsaApi();
        Alterations.AlterationApi.Map(app.MapGroup("/api/workflows/alterations").WithTags("Alterations").WithIdempotency<WorkflowDbContext>());
        Alterations.AlterationApi.Map(app.MapGroup(ElsaApiEndpoints.Path + "/alterations").WithTags("Elsa API").ExcludeFromDescription());
        app.MapHttpEndpoints();
        return app;
    }

    /// <summary>The directory holding the product's definitions: the setting, else <c>workflows/</c> beside or above the app.</summary>
    public static string? DefinitionsDirectory(IHostEnvironment environment, WorkflowOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.DefinitionsDirectory))
            return Path.GetFullPath(options.DefinitionsDirectory, environment.ContentRootPath);
        for (var directory = new DirectoryInfo(environment.ContentRootPath); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "workflows");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>Loads the product's definitions once the schema exists (after the migrator, registered before it runs).</summary>
internal sealed class DefinitionSeeder(IServiceScopeFactory scopes, IHostEnvironment environment, IOptions<WorkflowOptions> options,
    ILogger<DefinitionSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var directory = WorkflowsModule.DefinitionsDirectory(environment, options.Value);
        if (directory is null || !Directory.Exists(directory))
        {
            logger.LogWarning("No workflows directory at {Directory}; definitions come from the API only", directory ?? "(none found)");
        }
        else
        {
            var added = await scope.ServiceProvider.GetRequiredService<DefinitionStore>().SeedAsync(directory, cancellationToken);
            logger.LogInformation("{Added} workflow definitions loaded from {Directory}", added, directory);
        }
        if (!options.Value.LegacyExpressionGlobals)
            await WarnOfLegacyGlobalsAsync(scope.ServiceProvider.GetRequiredService<WorkflowDbContext>(), cancellationToken);
    }

    /// <summary>
    /// Versions kept from an earlier release whose scripts read the globals <c>input</c> or <c>lastResult</c>: without
    /// <c>Workflows:LegacyExpressionGlobals</c> those scripts fault, so the versions are named at start-up.
    /// </summary>
    async Task WarnOfLegacyGlobalsAsync(WorkflowDbContext db, CancellationToken ct)
    {
        var candidates = await db.Definitions.AsNoTracking()
            .Where(d => d.Json.Contains("lastResult") || d.Json.Contains("input."))
            .Select(d => new { d.Id, d.Json }).ToListAsync(ct);
        var legacy = candidates.Where(d => ReadsLegacyGlobals(d.Json)).Select(d => d.Id).ToList();
        if (legacy.Count > 0)
            logger.LogWarning(
                "Definition versions {Versions} read the globals input or lastResult, which Elsa does not have: their scripts fault. Publish them again with getInput('x') and getLastResult(), or set Workflows:LegacyExpressionGlobals while their instances run",
                string.Join(", ", legacy));
    }

    static bool ReadsLegacyGlobals(string json)
    {
        try
        {
            return JsonNode.Parse(json) is JsonObject definition
                   && DefinitionValidator.Scripts(Flowchart.Parse(definition)).Any(s => JavaScriptExpressions.LegacyGlobalsIn(s.Code).Any());
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
