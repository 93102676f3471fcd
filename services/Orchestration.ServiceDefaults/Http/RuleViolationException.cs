namespace Orchestration.ServiceDefaults.Http;

/// <summary>
/// A request a rule of DOMAIN.md refuses. Thrown before anything is saved; answered as a 400 problem naming
/// <see cref="Field"/> and <see cref="RuleId"/>.
/// </summary>
public sealed class RuleViolationException(string field, string ruleId, string message) : Exception(message)
{
    public string Field { get; } = field;

    public string RuleId { get; } = ruleId;
}

/// <summary>A request that does not fit the current state (a step out of order, a closed case): answered 409.</summary>
public sealed class StateConflictException(string message, string? ruleId = null) : Exception(message)
{
    public string? RuleId { get; } = ruleId;
}

/// <summary>
/// A caller acting outside their scope (a township clerk on another township's villages): answered 403 with <see cref="Title"/>, the
/// message as detail and <see cref="Rule"/>.
/// </summary>
public sealed class ScopeRefusedException(string title, string message, string rule) : UnauthorizedAccessException(message)
{
    public string Title { get; } = title;

    public string Rule { get; } = rule;
}

/// <summary>A resource that does not exist for the caller's tenant: answered 404.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>A request whose content fails several checks at once (a workflow definition, say): a 400 listing each, by field.</summary>
public class RequestValidationException(string title, IReadOnlyDictionary<string, string[]> errors) : Exception(title)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Something the server needs for this answer is missing from its installation (a font, say): 503, naming what and how to fix it.</summary>
public sealed class ServiceUnavailableException(string message) : Exception(message);
