using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Data;
using Microsoft.Extensions.Logging;

namespace Orchestration.ServiceDefaults.Http;

/// <summary>
/// Turns exceptions into RFC 9457 problem details: rule violations and unreadable bodies become 400s naming the
/// field (and rule), state conflicts, unique-key collisions and lost concurrent updates 409, bodies over the limit 413, unknown resources 404, a database that cannot take the request now (pool exhausted, too many connections, a lock
/// given up) 503 with Retry-After; anything else a 500 without internals.
/// </summary>
internal sealed partial class ProblemAnswers(IProblemDetailsService problems, ILogger<ProblemAnswers> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            RuleViolationException rule => Validation(
                new Dictionary<string, string[]> { [rule.Field] = [rule.Message] },
                new Dictionary<string, string> { [rule.Field] = rule.RuleId },
                RuleNames.RefusalTitle([rule.RuleId])),
            ValidationException validation => FromFluentValidation(validation),
            RequestValidationException invalid => Validation(invalid.Errors.ToDictionary(e => e.Key, e => e.Value), null, invalid.Message),
            BadHttpRequestException { InnerException: JsonException json } => Validation(
                new Dictionary<string, string[]> { [FieldOf(json)] = [Unreadable(json)] }, null, "The request body could not be read."),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge, Title = "The request body is too large.", Detail = tooLarge.Message,
            },
            BadHttpRequestException bad => BadRequest(bad),
            JsonException json => Validation(
                new Dictionary<string, string[]> { [FieldOf(json)] = [Unreadable(json)] }, null, "The request body could not be read."),
            _ when StoreErrors.IsUnstorableText(exception) => Validation(
                new Dictionary<string, string[]> { ["body"] = ["The request holds text the database cannot store (a NUL character)."] }, null,
                "The request is not valid."),
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict, Title = "The request conflicts with the current state.",
                Detail = "Another request changed the same record first; read it again and retry.",
            },
            _ when StoreErrors.IsTransient(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable, Title = "The database is busy.",
                Detail = "The database could not take the request now (no connection free, or a lock given up); nothing was stored. Try again shortly.",
            },
            DbUpdateException update when StoreErrors.IsUniqueViolation(update) => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict, Title = "The request conflicts with the current state.",
                Detail = "A record with the same identity already exists.",
            },
            StateConflictException conflict => WithRule(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict, Title = "The request conflicts with the current state.", Detail = conflict.Message,
            }, conflict.RuleId),
            NotFoundException missing => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = missing.Message },
            ServiceUnavailableException unavailable => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable, Title = "Not available on this server", Detail = unavailable.Message,
            },
            ScopeRefusedException scope => WithRule(new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden, Title = scope.Title, Detail = scope.Message,
            }, scope.Rule),
            UnauthorizedAccessException denied => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = denied.Message },
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." };
        }

        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Database busy on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = "1";
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    internal static HttpValidationProblemDetails Validation(IDictionary<string, string[]> errors, IDictionary<string, string>? rules, string title)
    {
        var problem = new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = title };
        if (rules is { Count: > 0 })
        {
            problem.Extensions["rules"] = rules;
            problem.Extensions["ruleNames"] = rules.Values.Distinct().Select(id => (Id: id, Name: RuleNames.Chinese(id)))
                .Where(rule => rule.Name is not null).ToDictionary(rule => rule.Id, rule => rule.Name!);
        }
        return problem;
    }

    internal static HttpValidationProblemDetails FromFluentValidation(ValidationException validation) =>
        FromFailures(validation.Errors);

    internal static HttpValidationProblemDetails FromFailures(IEnumerable<FluentValidation.Results.ValidationFailure> failures)
    {
        var list = failures.ToList();
        var errors = list.GroupBy(f => CamelPath(f.PropertyName)).ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).ToArray());
        var rules = list.Where(f => RuleIds.IsRuleId(f.ErrorCode))
            .GroupBy(f => CamelPath(f.PropertyName)).ToDictionary(g => g.Key, g => g.First().ErrorCode);
        var title = rules.Count > 0 ? RuleNames.RefusalTitle([.. rules.Values.Distinct()]) : "The request is not valid.";
        return Validation(errors, rules, title);
    }

    /// <summary>
    /// A bad request from parameter binding (a route or query value of the wrong type, a missing body): the message names the
    /// parameter, so it becomes the field of a validation problem.
    /// </summary>
    static ProblemDetails BadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode != StatusCodes.Status400BadRequest)
            return new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message };
        var field = BindingField().Match(bad.Message) is { Success: true } match ? match.Groups["name"].Value : "body";
        return Validation(new Dictionary<string, string[]> { [field] = [bad.Message] }, null, "The request is not valid.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?:parameter|Parameter) \\\"(?:[^\\\"]* )?(?<name>[A-Za-z0-9_]+)\\\"")]
    private static partial System.Text.RegularExpressions.Regex BindingField();

    static ProblemDetails WithRule(ProblemDetails problem, string? ruleId)
    {
        if (ruleId is not null) problem.Extensions["rule"] = ruleId;
        if (RuleNames.Chinese(ruleId) is { } name) problem.Extensions["ruleName"] = name;
        return problem;
    }

    /// <summary>"$.motion.grounds[0]" → "motion.grounds[0]".</summary>
    static string FieldOf(JsonException json) => string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');

    static string Unreadable(JsonException json) =>
        $"The value could not be read{(json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine})" : "")}.";

    /// <summary>FluentValidation names "Members[0].Name"; the JSON the client sent says "members[0].name".</summary>
    internal static string CamelPath(string path) =>
        string.Join('.', path.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}

/// <summary>Rule ids of DOMAIN.md: a letter and a number (N5, V6, C4, A2, D2, P3).</summary>
public static class RuleIds
{
    public static bool IsRuleId(string? code) =>
        code is { Length: >= 2 and <= 4 } && char.IsAsciiLetterUpper(code[0]) && code.Skip(1).All(char.IsAsciiDigit);
}
