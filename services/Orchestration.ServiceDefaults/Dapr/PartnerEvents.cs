using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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

    /// <summary>Where the sidecar puts an event on <paramref name="topic"/> it could not deliver: <c>&lt;topic&gt;-dead-letter</c>, kept for the operators.</summary>
    public static string DeadLetterTopic(string topic) => $"{topic}-dead-letter";

    /// <summary>The header the Dapr sidecar sends its app API token in.</summary>
    public const string ApiTokenHeader = "dapr-api-token";

    /// <summary>
    /// The app API token the sidecar must present (<c>Dapr:AppApiToken</c>, or Dapr's own <c>APP_API_TOKEN</c> variable, the
    /// value the sidecar is given too), or null when none is configured.
    /// </summary>
    public static string? AppApiToken(IConfiguration configuration) =>
        configuration["Dapr:AppApiToken"] is { Length: > 0 } token ? token
        : configuration["APP_API_TOKEN"] is { Length: > 0 } variable ? variable : null;

    /// <summary>The name of the Dapr pub/sub component partners publish to when <c>Dapr:PubSubName</c> is not set.</summary>
    public const string DefaultPubSubName = "pubsub";

    /// <summary>
    /// The Dapr pub/sub component every subscription is on: <c>Dapr:PubSubName</c> (the chart passes the name of the Component it
    /// renders), else <see cref="DefaultPubSubName"/>. A sidecar delivers only subscriptions on a component it loaded, so this and
    /// the Component's name must agree.
    /// </summary>
    public static string PubSubName(IConfiguration configuration) =>
        configuration["Dapr:PubSubName"] is { Length: > 0 } name ? name.Trim() : DefaultPubSubName;

    /// <summary>The tenant events on <paramref name="topic"/> act for: the partner's configuration, <c>Dapr:Partners:&lt;topic&gt;:Tenant</c>.</summary>
    public static string? PartnerTenant(IConfiguration configuration, string topic) =>
        configuration[$"Dapr:Partners:{topic}:Tenant"] is { Length: > 0 } tenant ? tenant.Trim() : null;

    /// <summary>
    /// Subscribes to <paramref name="topic"/> on the pub/sub component <see cref="PubSubName"/>: each valid <typeparamref name="TEvent"/> becomes the
    /// command <paramref name="toCommand"/> returns, published through <typeparamref name="TDbContext"/>'s outbox.
    /// Only the sidecar may call: it presents the app API token (<see cref="AppApiToken"/>) in <c>dapr-api-token</c>, compared in
    /// constant time; a request without it or with another gets 401. The tenant is the partner's (<see cref="PartnerTenant"/>):
    /// any <c>tenantId</c> in the event is replaced by it before the event is read. Outside Development a subscription
    /// without a token or without the partner's tenant is not mapped at all (logged), so it cannot be called.
    /// </summary>
    public static RouteHandlerBuilder? MapPartnerEvent<TEvent, TDbContext>(this IEndpointRouteBuilder app, string topic,
        Func<TEvent, object> toCommand, Func<TEvent, string?>? partitionKey = null)
        where TEvent : class
        where TDbContext : DbContext
    {
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        var development = app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment();
        var startup = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PartnerEvents));
        var expectedToken = AppApiToken(configuration);
        var partnerTenant = PartnerTenant(configuration, topic);
        var pubSub = PubSubName(configuration);
        if (!development && (expectedToken is null || partnerTenant is null))
        {
            startup.LogError("The partner subscription {Topic} is not served: set Dapr:AppApiToken (or APP_API_TOKEN) and Dapr:Partners:{Topic}:Tenant.",
                topic, topic);
            return null;
        }
        if (expectedToken is null)
            startup.LogWarning("The partner subscription {Topic} accepts calls without the Dapr app API token (Development only).", topic);
        if (partnerTenant is null)
            startup.LogWarning("The partner subscription {Topic} takes the tenant from the event (Development only): set Dapr:Partners:{Topic}:Tenant.",
                topic, topic);
        var expectedHash = expectedToken is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(expectedToken));

        return app.MapPost($"{RoutePrefix}/{topic}", async (HttpContext http, TDbContext db, ILoggerFactory loggers, TimeProvider time) =>
            {
                var logger = loggers.CreateLogger(typeof(PartnerEvents));
                if (expectedHash is not null && !Presents(http, expectedHash))
                {
                    logger.LogWarning("Refused a call to the partner subscription {Topic} without the Dapr app API token.", topic);
                    return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                        detail: "Only the Dapr sidecar may deliver partner events: the dapr-api-token header is missing or wrong.");
                }

                TEvent? partnerEvent;
                try
                {
                    var json = http.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions ?? JsonSerializerOptions.Web;
                    var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
                    if (partnerTenant is not null && body is JsonObject fields)
                    {
                        // The partner acts for the tenant it is configured for, whatever the event says.
                        foreach (var name in fields.Select(f => f.Key).Where(k => k.Equals("tenantId", StringComparison.OrdinalIgnoreCase)).ToList())
                            fields.Remove(name);
                        fields["tenantId"] = partnerTenant;
                    }
                    partnerEvent = body?.Deserialize<TEvent>(json);
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
                if (!await InboxRows.ClaimAsync(db, messageId, consumer, consumer, time.GetUtcNow(), http.RequestAborted))
                {
                    Orchestration.ServiceDefaults.Telemetry.InboxMetrics.Duplicates.Add(1, new KeyValuePair<string, object?>("message_type", typeof(TEvent).Name));
                    return Status("SUCCESS"); // a redelivery of what was applied already
                }

                db.PublishViaOutbox(toCommand(partnerEvent), partitionKey?.Invoke(partnerEvent));
                await db.SaveChangesAsync(http.RequestAborted);
                await transaction.CommitAsync(http.RequestAborted);
                return Status("SUCCESS");
            })
            // What the sidecar cannot deliver after the resiliency policy's retries goes to the topic's dead-letter topic, not away.
            .WithTopic(new TopicOptions { PubsubName = pubSub, Name = topic, DeadLetterTopic = DeadLetterTopic(topic) })
            .AllowAnonymous() // no user token: the sidecar authenticates with the app API token above
            .WithTags("Dapr");
    }

    /// <summary>The request carries the app API token; constant time (hashes of equal length are compared).</summary>
    static bool Presents(HttpContext http, byte[] expectedHash) =>
        http.Request.Headers[ApiTokenHeader].ToString() is { Length: > 0 } presented
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expectedHash);

    static IResult Drop(ILogger logger, string topic, string why)
    {
        logger.LogWarning("Dropped an event on {Topic}: {Reason}", topic, why);
        Orchestration.ServiceDefaults.Telemetry.PartnerEventMetrics.Dropped.Add(1, new KeyValuePair<string, object?>("topic", topic));
        return Status("DROP");
    }

    static IResult Status(string status) => Results.Json(new { status });

    /// <summary>The same CloudEvent id always maps to the same inbox key.</summary>
    static Guid StableGuid(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
