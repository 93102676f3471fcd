using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.ServiceDefaults.Data;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;

namespace Orchestration.Workflows.Runtime;

/// <summary>
/// Sends the requests of HTTP Request activities outside any transaction, so no instance stays locked while another server takes its
/// time to answer. A step's request is committed as a wait (<see cref="BookmarkKinds.HttpCall"/>); this dispatcher leases it (so a
/// replica does not send it meanwhile), sends it, and resumes the instance with the answer in a transaction of its own. A server that
/// stops between sending and resuming leaves the lease to run out, and the request is sent again: at least once, as with Elsa.
/// </summary>
public sealed class HttpCallDispatcher(
    IServiceScopeFactory scopes, TimerSignal signal, IHttpClientFactory clients, TimeProvider time, IOptions<WorkflowOptions> options,
    ILogger<HttpCallDispatcher> logger) : BackgroundService
{
    /// <summary>Requests in flight at once per server.</summary>
    public const int Concurrency = 16;

    sealed record Call(Guid Id, Guid InstanceId, JsonObject Request);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var inFlight = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                if (inFlight.Count >= Concurrency)
                {
                    await Task.WhenAny(inFlight);
                    continue;
                }
                try
                {
                    var claimed = await ClaimAsync(Concurrency - inFlight.Count, stoppingToken);
                    inFlight.AddRange(claimed.Select(call => Task.Run(() => AnswerAsync(call, stoppingToken), stoppingToken)));
                    if (claimed.Count == 0) await signal.WaitForHttpCallAsync(options.Value.TimerPollInterval, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Claiming HTTP requests to send failed; retrying");
                    await Task.Delay(options.Value.TimerPollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
        finally
        {
            await Task.WhenAll(inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Leases up to <paramref name="count"/> requests waiting to be sent: committed before any is sent.</summary>
    async Task<List<Call>> ClaimAsync(int count, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var due = await (db.Database.IsNpgsql()
            ? db.Bookmarks.FromSqlInterpolated($"""
                SELECT * FROM bookmarks WHERE kind = {BookmarkKinds.HttpCall} AND due_at <= {now}
                ORDER BY due_at LIMIT {count} FOR UPDATE SKIP LOCKED
                """)
            : db.Bookmarks.Where(b => b.Kind == BookmarkKinds.HttpCall && b.DueAt <= now).OrderBy(b => b.DueAt).Take(count)).ToListAsync(ct);
        foreach (var bookmark in due) bookmark.DueAt = now + options.Value.HttpRequestTimeout + TimeSpan.FromMinutes(1);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [.. due.Select(b => new Call(b.Id, b.InstanceId, JsonNode.Parse(b.PayloadJson ?? "{}")?["request"] as JsonObject ?? []))];
    }

    async Task AnswerAsync(Call call, CancellationToken ct)
    {
        JsonObject answer;
        try
        {
            answer = await SendHttpRequestActivity.SendAsync(call.Request, clients.CreateClient(SendHttpRequestActivity.ClientName),
                options.Value.HttpRequestTimeout, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            answer = new JsonObject { ["error"] = ex.GetBaseException().Message }; // the step faults with an incident saying why
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ResumeAsync(call, answer, ct);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && StoreErrors.IsTransient(ex) && attempt < 3)
            {
                logger.LogInformation(ex, "Resuming instance {InstanceId} with its HTTP answer met a transient failure; trying again", call.InstanceId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The lease runs out and the request is sent again.
                logger.LogWarning(ex, "Instance {InstanceId} could not be resumed with its HTTP answer; the request is sent again when its lease ends",
                    call.InstanceId);
                return;
            }
        }
    }

    async Task ResumeAsync(Call call, JsonObject answer, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await runtime.PrepareAsync([call.InstanceId], ct);
        if (db.Bookmarks.Local.FirstOrDefault(b => b.Id == call.Id) is not { } bookmark)
        {
            logger.LogInformation("The HTTP answer for instance {InstanceId} is dropped: the instance no longer waits for it", call.InstanceId);
            return;
        }
        await runtime.ResumeAsync(bookmark, answer, actor: "http", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
