using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapr;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.ServiceDefaults.Dapr;

/// <summary>
/// Departments' own services, in any language, send us events through Dapr pub/sub. Each subscription turns a
/// partner's event into one of our commands, published through the service's outbox, exactly once per CloudEvent id.
/// Answers follow Dapr's contract: 200 <c>SUCCESS</c> (applied, or a duplicate), 200 <c>DROP</c> (an event that can
/// never be applied: invalid), 500 (a transient failure: the sidecar redelivers).
/// </summary>
public static class PartnerEvents
{
    /// <summary>The route prefix of every Dapr subscription.</summary>
    public const string RoutePrefix = "/dapr/events";

    /// <summary>The CloudEvents unwrapping and <c>/dapr/subscribe</c>, which the sidecar reads at start-up.</summary>
    public static WebApplication MapDaprSubscriptions(this WebApplication app)
    {
        app.UseCloudEvents(new CloudEventsMiddlewareOptions { ForwardCloudEventPropertiesAsHeaders = true });
        app.MapSubscribeHandler().AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Subscribes to <paramref name="topic"/> on <paramref name="pubSub"/>: each valid <typeparamref name="TEvent"/> becomes the
    /// command <paramref name="toCommand"/> returns, published through <typeparamref name="TDbContext"/>'s outbox.
    /// </summary>
    public static RouteHandlerBuilder MapPartnerEvent<TEvent, TDbContext>(this IEndpointRouteBuilder app, string pubSub, string topic,
        Func<TEvent, object> toCommand, Func<TEvent, string?>? partitionKey = null)
        where TEvent : class
        where TDbContext : DbContext =>
        app.MapPost($"{RoutePrefix}/{topic}", async (HttpContext http, TDbContext db, ILoggerFactory loggers, TimeProvider time) =>
            {
                var logger = loggers.CreateLogger(typeof(PartnerEvents));
                TEvent? partnerEvent;
                try
                {
                    partnerEvent = await http.Request.ReadFromJsonAsync<TEvent>(http.RequestAborted);
                }
                catch (JsonException ex)
                {
                    return Drop(logger, topic, $"unreadable: {ex.Message}");
                }

                if (partnerEvent is null) return Drop(logger, topic, "empty");
                if (http.RequestServices.GetService<IValidator<TEvent>>() is { } validator)
                {
                    var validation = await validator.ValidateAsync(partnerEvent, http.RequestAborted);
                    if (!validation.IsValid) return Drop(logger, topic, string.Join("; ", validation.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
                }

                var eventId = http.Request.Headers["Cloudevent.id"].FirstOrDefault();
                if (string.IsNullOrWhiteSpace(eventId)) return Drop(logger, topic, "no CloudEvent id");
                var messageId = StableGuid($"{pubSub}/{topic}/{eventId}");
                var consumer = $"dapr:{pubSub}/{topic}";

                await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
                if (await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, http.RequestAborted))
                    return Status("SUCCESS"); // a redelivery of what was applied already

                db.PublishViaOutbox(toCommand(partnerEvent), partitionKey?.Invoke(partnerEvent));
                db.Set<InboxMessage>().Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ReceivedAt = time.GetUtcNow() });
                await db.SaveChangesAsync(http.RequestAborted);
                await transaction.CommitAsync(http.RequestAborted);
                return Status("SUCCESS");
            })
            .WithTopic(pubSub, topic)
            .AllowAnonymous() // the sidecar calls on the pod's loopback; the NetworkPolicy keeps others out
            .WithTags("Dapr");

    static IResult Drop(ILogger logger, string topic, string why)
    {
        logger.LogWarning("Dropped an event on {Topic}: {Reason}", topic, why);
        return Status("DROP");
    }

    static IResult Status(string status) => Results.Json(new { status });

    /// <summary>The same CloudEvent id always maps to the same inbox key.</summary>
    static Guid StableGuid(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
