using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.ServiceDefaults.Http;

/// <summary>The first answer to a creating request sent with an <c>Idempotency-Key</c>, kept per tenant, key and endpoint.</summary>
public sealed class IdempotentRequest
{
    public required string TenantId { get; set; }

    public required string Key { get; set; }

    /// <summary>Method and path, e.g. <c>POST /api/audit/results</c>.</summary>
    public required string Endpoint { get; set; }

    /// <summary>SHA-256 of the request body (hex): the same key with another body is refused.</summary>
    public required string RequestHash { get; set; }

    /// <summary>0 while the first request is being applied.</summary>
    public int StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public byte[]? Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 200;

    /// <summary>Maps the table of <see cref="IdempotentRequest"/> into a service's DbContext (call from OnModelCreating).</summary>
    public static ModelBuilder AddIdempotentRequests(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotentRequest>(request =>
        {
            request.ToTable("idempotent_requests");
            request.HasKey(r => new { r.TenantId, r.Key, r.Endpoint });
            request.Property(r => r.TenantId).HasColumnName("tenant_id").HasMaxLength(100);
            request.Property(r => r.Key).HasColumnName("idempotency_key").HasMaxLength(MaxKeyLength);
            request.Property(r => r.Endpoint).HasColumnName("endpoint").HasMaxLength(400);
            request.Property(r => r.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
            request.Property(r => r.StatusCode).HasColumnName("status_code");
            request.Property(r => r.ContentType).HasColumnName("content_type").HasMaxLength(200);
            request.Property(r => r.Location).HasColumnName("location").HasMaxLength(2000);
            request.Property(r => r.Body).HasColumnName("body");
            request.Property(r => r.CreatedAt).HasColumnName("created_at");
            request.HasIndex(r => r.CreatedAt);
        });
        return modelBuilder;
    }

    /// <summary>
    /// POSTs of the group accept an <c>Idempotency-Key</c>: the first request is applied in one transaction with the record of its
    /// answer; a repeat with the same body gets that answer again (same status, body and <c>Location</c>, with
    /// <c>Idempotent-Replayed: true</c>) and changes nothing; the same key with another body is refused with 422; a repeat arriving
    /// while the first is still being applied gets 409. Only successful answers are kept, so a refused request may be corrected and
    /// sent again with its key.
    /// </summary>
    public static RouteGroupBuilder WithIdempotency<TDbContext>(this RouteGroupBuilder group) where TDbContext : DbContext
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.TryGetValue(Header, out var values)) return await next(context);

            var key = values.ToString();
            if (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl) || values.Count > 1)
                return Results.Problem(ProblemAnswers.Validation(new Dictionary<string, string[]>
                    { [Header] = [$"An idempotency key is one value of 1 to {MaxKeyLength} printable characters."] }, null, "The request is not valid."));

            var tenant = http.User.TenantId();
            var endpoint = $"{http.Request.Method} {http.Request.Path}";
            var hash = await BodyHash(http);
            var db = http.RequestServices.GetRequiredService<TDbContext>();
            var requests = db.Set<IdempotentRequest>();

            if (await requests.AsNoTracking().SingleOrDefaultAsync(r => r.TenantId == tenant && r.Key == key && r.Endpoint == endpoint, http.RequestAborted)
                is { } first)
                return Replay(first, hash);

            await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
            var record = new IdempotentRequest
            {
                TenantId = tenant, Key = key, Endpoint = endpoint, RequestHash = hash,
                CreatedAt = http.RequestServices.GetService<TimeProvider>()?.GetUtcNow() ?? DateTimeOffset.UtcNow,
            };
            requests.Add(record);
            try
            {
                await db.SaveChangesAsync(http.RequestAborted);
            }
            catch (DbUpdateException collision) when (StoreErrors.IsUniqueViolation(collision))
            {
                return InProgress();
            }

            var answer = await next(context);
            var result = answer as IResult ?? Results.Json(answer, http.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions);

            // Run the answer into memory so it can be kept, then send it.
            var original = http.Response.Body;
            using var buffer = new MemoryStream();
            http.Response.Body = buffer;
            try
            {
                await result.ExecuteAsync(http);
            }
            finally
            {
                http.Response.Body = original;
            }

            if (http.Response.StatusCode is >= 200 and < 300)
            {
                record.StatusCode = http.Response.StatusCode;
                record.ContentType = http.Response.ContentType;
                record.Location = http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;
                record.Body = buffer.ToArray();
            }
            else
            {
                requests.Remove(record);
            }
            await db.SaveChangesAsync(http.RequestAborted);
            await transaction.CommitAsync(http.RequestAborted);

            buffer.Position = 0;
            await buffer.CopyToAsync(original, http.RequestAborted);
            return Results.Empty;
        });
        return group;
    }

    static IResult Replay(IdempotentRequest first, string hash)
    {
        if (!string.Equals(first.RequestHash, hash, StringComparison.Ordinal))
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The idempotency key was used with another request.",
                detail: $"{Header} {first.Key} was first sent with a different body; use a new key for a new request.");
        if (first.StatusCode == 0) return InProgress();
        return new ReplayedAnswer(first);
    }

    static IResult InProgress() => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "A request with this idempotency key is being applied.",
        detail: "Send it again once the first request has been answered.");

    static async Task<string> BodyHash(HttpContext http)
    {
        if (!http.Request.Body.CanSeek) return Convert.ToHexString(SHA256.HashData([]));
        http.Request.Body.Position = 0;
        var hash = await SHA256.HashDataAsync(http.Request.Body, http.RequestAborted);
        http.Request.Body.Position = 0;
        return Convert.ToHexString(hash);
    }

    sealed class ReplayedAnswer(IdempotentRequest first) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = first.StatusCode;
            if (first.ContentType is not null) http.Response.ContentType = first.ContentType;
            if (first.Location is not null) http.Response.Headers.Location = first.Location;
            http.Response.Headers[ReplayedHeader] = "true";
            if (first.Body is { Length: > 0 } body) await http.Response.Body.WriteAsync(body, http.RequestAborted);
        }
    }
}
