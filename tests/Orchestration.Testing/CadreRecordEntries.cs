using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts.Workflows;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Testing;

/// <summary>The full-process record's entries (C1) a service put in its outbox for a cadre, as the workflow server receives them.</summary>
public static class CadreRecordEntries
{
    /// <summary>The entries of <paramref name="cadreId"/> in the outbox of <typeparamref name="TDbContext"/>, oldest first, as JSON.</summary>
    public static async Task<List<JsonObject>> OfAsync<TDbContext>(IServiceProvider services, Guid cadreId) where TDbContext : DbContext
    {
        await using var scope = services.CreateAsyncScope();
        var id = cadreId.ToString();
        var bodies = await scope.ServiceProvider.GetRequiredService<TDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.MessageType.StartsWith(typeof(CadreRecordEntry).FullName + ",") && m.Body.Contains(id)).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync();
        return [.. bodies.Select(b => JsonNode.Parse(b)!.AsObject())];
    }

    /// <summary>The rule id the entry of <paramref name="command"/> for <paramref name="cadreId"/> carries.</summary>
    public static async Task<string?> RuleOfAsync<TDbContext>(IServiceProvider services, Guid cadreId, string command) where TDbContext : DbContext =>
        (await OfAsync<TDbContext>(services, cadreId)).Single(e => e["command"]!.GetValue<string>() == command)["ruleId"]?.GetValue<string>();
}
