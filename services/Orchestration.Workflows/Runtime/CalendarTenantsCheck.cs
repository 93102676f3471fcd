using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Workflows.Runtime;

/// <summary>
/// A calendar trigger of the shared library (a Timer, Cron or StartAt with <c>canStartWorkflow</c>, such as <c>audit-year</c> and
/// <c>village-pay-year</c> on 1 January) starts one instance per tenant of <c>Workflows:TriggerTenants</c>. With none listed it
/// would start nothing and move on to its next occurrence, so the year's procedure would be lost without a sound. In Production the
/// server therefore refuses to start while such triggers exist and the list is empty; elsewhere it says so in the log.
/// Runs after the definitions are seeded (registered after <see cref="DefinitionSeeder"/>).
/// </summary>
internal sealed class CalendarTenantsCheck(IServiceScopeFactory scopes, IHostEnvironment environment, IOptions<WorkflowOptions> options,
    ILogger<CalendarTenantsCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.TriggerTenants.Any(t => !string.IsNullOrWhiteSpace(t))) return;

        await using var scope = scopes.CreateAsyncScope();
        var definitions = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Triggers.AsNoTracking()
            .Where(t => t.Kind == TriggerKinds.Timer && t.TenantId == DefinitionTenancy.SharedLibrary)
            .Select(t => t.DefinitionId).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        if (definitions.Count == 0) return;

        var message = $"Workflows:TriggerTenants is empty, so the calendar-triggered procedures {string.Join(", ", definitions)} would start " +
                      "nothing when they fall due, and each occurrence would be spent. List the tenants they start for in Workflows:TriggerTenants " +
                      "(chart: workflows.triggerTenants).";
        if (environment.IsProduction()) throw new InvalidOperationException(message);
        logger.LogWarning("{Message}", message);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
