using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestration.Workflows.Runtime;
using static Orchestration.Workflows.Activities.Descriptors;
using X = Orchestration.Workflows.Expressions.Expressions;

namespace Orchestration.Workflows.Activities;

/// <summary>
/// Elsa's HTTP Request (flow), <c>Elsa.FlowSendHttpRequest</c>: sends a request to a host the county allows
/// (<c>Workflows:HttpAllowedHosts</c>; any other host faults the step with an incident) without following redirects, and continues
/// on the status code when it is one of ExpectedStatusCodes, else on "Unmatched status code" (on Done when none are expected);
/// "Failed to connect" and "Timeout" when no answer came. Outputs StatusCode, ParsedContent (JSON when the answer is JSON, else its
/// text) and ResponseHeaders.
/// </summary>
public sealed class SendHttpRequestActivity : IActivityType
{
    public const string Type = "Elsa.FlowSendHttpRequest";

    /// <summary>The named HTTP client the activity uses (no redirects).</summary>
    public const string ClientName = "Orchestration.Workflows.HttpRequest";

    /// <summary>The most of an answer kept as ParsedContent: 1 MB.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    /// <summary>The outcome of a status code none of the expected ones matched.</summary>
    public const string Unmatched = "Unmatched status code";

    public const string FailedToConnect = "Failed to connect";

    public const string TimedOut = "Timeout";

    public string TypeName => Type;

    public JsonObject Descriptor { get; } = Activity(Type, "HTTP", "HTTP Request (flow)", "Send an HTTP request to a host the county allows.",
        [.. CommonInputs(), Input("ExpectedStatusCodes", "Int32[]", "multitext", defaultValue: new JsonArray(200),
            description: "A list of expected status codes to handle: each is a port of its own, any other continues on 'Unmatched status code'.")],
        ports: ["Done", Unmatched, FailedToConnect, TimedOut], outputs: CommonOutputs(), kind: "Task");

    /// <summary>The inputs both HTTP Request activities share (Elsa's <c>SendHttpRequestBase</c>).</summary>
    internal static IEnumerable<JsonObject> CommonInputs() =>
    [
        Input("Url", "Uri", description: "The address to send the request to; its host must be one the county allows."),
        Input("Method", "String", options: ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"], defaultValue: "GET",
            description: "The HTTP method to use when sending the request."),
        Input("Content", "Object", "multiline", description: "The content to send with the request: text, or an object sent as JSON."),
        Input("ContentType", "String", description: "The content type to use when sending the request."),
        Input("Authorization", "String", description: "The Authorization header value to send with the request, e.g. Bearer {token}."),
        Input("RequestHeaders", "Object", "json-editor", description: "The headers to send along with the request."),
    ];

    internal static IEnumerable<JsonObject> CommonOutputs() => [Output("StatusCode", "Int32"), Output("ParsedContent", "Object"), Output("ResponseHeaders", "Object")];

    /// <summary>The request is sent outside the step's transaction: the step waits for its answer (<see cref="HttpCallDispatcher"/>).</summary>
    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context) => ValueTask.FromResult(Call(context));

    public ValueTask<ActivityOutcome> ResumeAsync(ActivityExecution context, JsonNode? payload)
    {
        var (status, outcome) = Answered(context, payload);
        if (status is not { } code) return ValueTask.FromResult(ActivityOutcome.On(outcome));
        var expected = ExpectedStatusCodes(context);
        if (expected.Count == 0) return ValueTask.FromResult(ActivityOutcome.Done);
        return ValueTask.FromResult(ActivityOutcome.On(expected.Contains(code) ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : Unmatched));
    }

    /// <summary>
    /// Describes the request the activity makes (its inputs evaluated, its host checked against the county's list) and waits for its
    /// answer: no transaction stays open on the instance while another server takes its time to answer.
    /// </summary>
    internal static ActivityOutcome Call(ActivityExecution context)
    {
        var services = context.Run.Services ?? throw new InvalidOperationException("The HTTP Request activity needs the server's services.");
        var options = services.GetRequiredService<IOptions<WorkflowOptions>>().Value;
        var text = context.Text("url") ?? throw new InvalidOperationException($"{context.Node.DisplayName}: no Url.");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"{context.Node.DisplayName}: '{text}' is not an http or https address.");
        if (!HostAllowed(options.HttpAllowedHosts, context.Run.TenantId, url.Host))
            throw new InvalidOperationException(
                $"{context.Node.DisplayName}: {url.Host} is not a host county {context.Run.TenantId} allows (Workflows:HttpAllowedHosts).");

        var request = new JsonObject { ["url"] = url.ToString(), ["method"] = (context.Text("method") ?? "GET").ToUpperInvariant() };
        if (context.Input("content") is { } content)
        {
            request["content"] = content is JsonValue value && value.TryGetValue<string>(out var raw) ? raw : content.ToJsonString();
            request["contentType"] = context.Text("contentType") ?? (content is JsonValue ? "text/plain" : "application/json");
        }
        if (context.Text("authorization") is { Length: > 0 } authorization) request["authorization"] = authorization;
        if (context.Input("requestHeaders") is JsonObject headers)
            request["headers"] = new JsonObject(headers.Select(h => KeyValuePair.Create(h.Key,
                (JsonNode?)new JsonArray([.. (h.Value is JsonArray many ? many.Select(X.AsText).OfType<string>() : [X.AsText(h.Value) ?? ""]).Select(v => (JsonNode?)v)]))));
        return ActivityOutcome.Wait(new BookmarkRequest(BookmarkKinds.HttpCall, $"http:{Guid.NewGuid():N}", context.Run.Now, new JsonObject { ["request"] = request }));
    }

    /// <summary>
    /// Sends a request <see cref="Call"/> described and reads the answer, outside any transaction: its status code, headers and
    /// content (JSON when the answer says so), or <see cref="FailedToConnect"/> or <see cref="TimedOut"/> when no answer came in time.
    /// </summary>
    public static async Task<JsonObject> SendAsync(JsonObject request, HttpClient client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(X.AsText(request["method"]) ?? "GET"), X.AsText(request["url"]));
        if (X.AsText(request["content"]) is { } body)
        {
            message.Content = new StringContent(body, Encoding.UTF8);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(X.AsText(request["contentType"]) ?? "text/plain");
        }
        if (X.AsText(request["authorization"]) is { } authorization) message.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (request["headers"] is JsonObject headers)
            foreach (var (name, values) in headers)
                message.Headers.TryAddWithoutValidation(name, (values as JsonArray ?? []).Select(X.AsText).OfType<string>());

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var answer = Encoding.UTF8.GetString(await ReadBoundedAsync(response, deadline.Token));
            return new JsonObject
            {
                ["statusCode"] = (int)response.StatusCode,
                ["headers"] = new JsonObject(response.Headers.Concat(response.Content.Headers)
                    .Select(h => KeyValuePair.Create(h.Key, (JsonNode?)string.Join(",", h.Value)))),
                ["mediaType"] = response.Content.Headers.ContentType?.MediaType,
                ["content"] = answer,
            };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new JsonObject { ["outcome"] = TimedOut }; // no answer, or not all of it, in time
        }
        catch (HttpRequestException)
        {
            return new JsonObject { ["outcome"] = FailedToConnect };
        }
    }

    /// <summary>The answer <see cref="SendAsync"/> read, as the activity's outputs: its status code, or none and the outcome it took.</summary>
    internal static (int? Status, string Outcome) Answered(ActivityExecution context, JsonNode? answer)
    {
        if (answer?["error"] is { } error) throw new InvalidOperationException($"{context.Node.DisplayName}: {X.AsText(error)}");
        if (X.AsInt(answer?["statusCode"]) is not { } status) return (null, X.AsText(answer?["outcome"]) ?? FailedToConnect);
        context.SetOutput("StatusCode", status);
        context.SetOutput("ResponseHeaders", answer!["headers"]?.DeepClone() ?? new JsonObject());
        var text = X.AsText(answer["content"]) ?? "";
        JsonNode? parsed = text;
        if (X.AsText(answer["mediaType"]) is { } media && media.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            try { parsed = JsonNode.Parse(text); }
            catch (System.Text.Json.JsonException) { parsed = text; }
        }
        context.SetOutput("ParsedContent", parsed);
        context.LastResult = new JsonObject { ["statusCode"] = status, ["content"] = parsed?.DeepClone() };
        return (status, "Done");
    }

    static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
                throw new InvalidOperationException($"The answer is larger than {MaxResponseBytes:N0} bytes.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>ExpectedStatusCodes as numbers, or the <c>statusCode</c>s of Elsa's cases (<c>[{ statusCode, activity }]</c>).</summary>
    internal static List<int> ExpectedStatusCodes(ActivityExecution context)
    {
        var raw = context.Node.Json["expectedStatusCodes"] is JsonArray cases ? cases : context.Input("expectedStatusCodes");
        if (raw is JsonValue text && text.TryGetValue<string>(out var json) && json.TrimStart().StartsWith('[')) raw = JsonNode.Parse(json);
        return (raw as JsonArray ?? []).Select(c => c is JsonObject @case ? X.AsInt(@case["statusCode"]) : X.AsInt(c)).OfType<int>().ToList();
    }

    /// <summary>True when <paramref name="host"/> is listed for <paramref name="tenantId"/> or for every county (<c>*</c>).</summary>
    public static bool HostAllowed(IReadOnlyDictionary<string, string[]> allowed, string tenantId, string host)
    {
        var hosts = (allowed.GetValueOrDefault(tenantId) ?? []).Concat(allowed.GetValueOrDefault("*") ?? []);
        return hosts.Any(pattern => pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>
/// Elsa's HTTP Request, <c>Elsa.SendHttpRequest</c>: sends the request as the flow version does, then runs the activity of the
/// ExpectedStatusCodes case (<c>[{ statusCode, activity }]</c>) the status code matches, else its UnmatchedStatusCode activity; with
/// no answer, its FailedToConnect or Timeout activity. It completes when that activity has (at once when there is none).
/// </summary>
public sealed class SendHttpRequestWithCasesActivity : IActivityType, IContainerActivity
{
    public const string Type = "Elsa.SendHttpRequest";

    public string TypeName => Type;

    public JsonObject Descriptor { get; } = Activity(Type, "HTTP", "HTTP Request", "Send an HTTP request to a host the county allows.",
        [.. SendHttpRequestActivity.CommonInputs(), Input("ExpectedStatusCodes", "Object", "http-status-codes",
            description: "A list of expected status codes to handle and the activity to run when the status code matches.")],
        embeddedPorts: ["UnmatchedStatusCode", "FailedToConnect", "Timeout"], outputs: SendHttpRequestActivity.CommonOutputs(), kind: "Task");

    /// <summary>The slot of the activity the outcome runs (a case's slot is its status code).</summary>
    public static string Slot(string outcome) => outcome switch
    {
        SendHttpRequestActivity.Unmatched => "unmatchedStatusCode",
        SendHttpRequestActivity.FailedToConnect => "failedToConnect",
        SendHttpRequestActivity.TimedOut => "timeout",
        _ => outcome,
    };

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context) => ValueTask.FromResult(SendHttpRequestActivity.Call(context));

    public ValueTask<ActivityOutcome> ResumeAsync(ActivityExecution context, JsonNode? payload)
    {
        var (status, outcome) = SendHttpRequestActivity.Answered(context, payload);
        if (status is { } code)
            outcome = SendHttpRequestActivity.ExpectedStatusCodes(context).Contains(code)
                ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : SendHttpRequestActivity.Unmatched;
        var slot = Slot(outcome);
        return ValueTask.FromResult(context.Node.Children.Where(c => c.Slot == slot).Select(c => c.Child).FirstOrDefault() is { } child
            ? new ActivityOutcome.Scheduled([child])
            : ActivityOutcome.Done);
    }

    public ActivityOutcome ChildCompleted(ActivityExecution context, string childId) => ActivityOutcome.Done;
}

/// <summary>
/// Elsa's HTTP Endpoint, routed under the workflow server at <c>/workflows/http/{path}</c> for authenticated callers of the county.
/// With <c>canStartWorkflow</c> a request starts the published definition; otherwise a procedure that reaches it waits until a
/// request arrives. Outputs ParsedContent (the JSON body, else its text), QueryStringData, RouteData and Headers; the request is also
/// the path's last result.
/// </summary>
public sealed class HttpEndpointActivity : IActivityType
{
    /// <summary>Where HTTP endpoints are served on the workflow server.</summary>
    public const string RoutePrefix = "/workflows/http";

    public string TypeName => "Elsa.HttpEndpoint";

    public JsonObject Descriptor { get; } = Activity("Elsa.HttpEndpoint", "HTTP", "HTTP Endpoint",
        $"Wait for an inbound HTTP request at {RoutePrefix}/{{path}} (authenticated callers of the county).",
        [Input("Path", "String"), Input("SupportedMethods", "String[]", "check-list", defaultValue: new JsonArray("GET"))],
        outputs: [Output("ParsedContent", "Object"), Output("QueryStringData", "Object"), Output("RouteData", "Object"), Output("Headers", "Object")],
        kind: "Trigger");

    public bool CanBlock => true;

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var (path, methods) = Route(context.Node, context.Scope);
        if (path is null) throw new InvalidOperationException($"{context.Node.DisplayName}: no path.");
        return ValueTask.FromResult(ActivityOutcome.Wait(new BookmarkRequest(HttpKind, PathKey(path),
            Payload: new JsonObject { ["methods"] = new JsonArray([.. methods.Select(m => (JsonNode)m)]) })));
    }

    public ValueTask<ActivityOutcome> ResumeAsync(ActivityExecution context, JsonNode? payload)
    {
        if (payload is JsonObject request)
        {
            foreach (var output in new[] { "ParsedContent", "QueryStringData", "RouteData", "Headers" })
                context.SetOutput(output, request[Descriptors.PropertyName(output)]);
            context.LastResult = request.DeepClone();
        }
        return ValueTask.FromResult(ActivityOutcome.Done);
    }

    /// <summary>The bookmark and trigger kind of HTTP endpoints.</summary>
    public const string HttpKind = "Http";

    /// <summary>"/orders/new": the path of a request without the route prefix, lower case, without trailing slash (a wait's key).</summary>
    public static string PathKey(string path) => "/" + path.Trim('/').ToLowerInvariant();

    /// <summary>"POST /orders/new": a trigger's key.</summary>
    public static string Key(string method, string path) => $"{method.ToUpperInvariant()} {PathKey(path)}";

    /// <summary>The trigger keys of an endpoint, one per supported method (its inputs are literals when it is published).</summary>
    public static IEnumerable<string> Keys(Definitions.ActivityNode node, Expressions.ExpressionScope scope)
    {
        var (path, methods) = Route(node, scope);
        return path is null ? [] : methods.Select(method => Key(method, path));
    }

    /// <summary>The endpoint's path and methods (GET when none are given).</summary>
    public static (string? Path, IReadOnlyList<string> Methods) Route(Definitions.ActivityNode node, Expressions.ExpressionScope scope)
    {
        var path = X.AsText(X.Evaluate(node.Json["path"], scope)) is { Length: > 0 } given ? given : null;
        var methods = X.Evaluate(node.Json["supportedMethods"], scope) switch
        {
            JsonArray array => array.Select(X.AsText).OfType<string>().ToList(),
            JsonValue text when text.TryGetValue<string>(out var json) && json.TrimStart().StartsWith('[') =>
                (JsonNode.Parse(json) as JsonArray ?? []).Select(X.AsText).OfType<string>().ToList(),
            JsonValue one when X.AsText(one) is { Length: > 0 } single => [single],
            _ => ["GET"],
        };
        return (path, [.. methods.DefaultIfEmpty("GET").Select(m => m.ToUpperInvariant())]);
    }
}
