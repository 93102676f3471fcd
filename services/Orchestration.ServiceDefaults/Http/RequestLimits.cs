using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orchestration.ServiceDefaults.Http;

/// <summary>
/// How large a request body may be (settings <c>Http:MaxRequestBodySize</c> and <c>Http:RequestBodyLimits:{path prefix}</c>). An
/// endpoint names its own limit with <see cref="RequestLimitExtensions.WithRequestBodyLimit"/>.
/// </summary>
public sealed class RequestLimits
{
    public const string Section = "Http";

    /// <summary>The default for every endpoint: 256 KB.</summary>
    public long MaxRequestBodySize { get; set; } = 256 * 1024;

    /// <summary>Larger (or smaller) limits by path prefix, such as <c>/elsa/api/workflow-definitions</c>.</summary>
    public Dictionary<string, long> RequestBodyLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    internal long For(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } endpoint }) return endpoint;
        var path = http.Request.Path.Value ?? "";
        var prefix = RequestBodyLimits.Where(l => path.StartsWith(l.Key, StringComparison.OrdinalIgnoreCase)).OrderByDescending(l => l.Key.Length).FirstOrDefault();
        return prefix.Key is null ? MaxRequestBodySize : prefix.Value;
    }
}

public static class RequestLimitExtensions
{
    sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

    /// <summary>This endpoint's body limit, in bytes, instead of <see cref="RequestLimits.MaxRequestBodySize"/>.</summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder endpoint, long bytes) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new BodyLimit(bytes));

    /// <summary>
    /// Refuses a body over its limit with 413 before any of it is bound or stored: a declared length at once, a chunked body once
    /// the limit is passed (it is read into memory up to the limit, so no handler sees a partial body).
    /// </summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!HttpMethods.IsPost(http.Request.Method) && !HttpMethods.IsPut(http.Request.Method) && !HttpMethods.IsPatch(http.Request.Method))
        {
            await next(http);
            return;
        }

        var limit = http.RequestServices.GetRequiredService<IOptionsMonitor<RequestLimits>>().CurrentValue.For(http);
        if (http.Request.ContentLength is { } length)
        {
            if (length > limit) throw TooLarge(limit);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
            // A request with an idempotency key is compared with its first sending by its body (Idempotency).
            if (http.Request.Headers.ContainsKey(Idempotency.Header)) http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit);
            await next(http);
            return;
        }

        // No declared length: read up to the limit, refuse beyond it.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge(limit);
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        http.Request.Body = buffer;
        http.Request.ContentLength = buffer.Length;
        await next(http);
    });

    static BadHttpRequestException TooLarge(long limit) =>
        new($"The request body is larger than this endpoint accepts ({limit:N0} bytes).", StatusCodes.Status413PayloadTooLarge);
}
