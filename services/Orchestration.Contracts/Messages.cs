namespace Orchestration.Contracts;

/// <summary>
/// Every message belongs to one procedure (the workflow instance's correlation id) and one tenant
/// (the organization unit: county, district). Contracts evolve by adding fields, never by changing meaning.
/// </summary>
public interface IProcedureMessage
{
    /// <summary>The workflow instance's correlation id; <see cref="Guid.Empty"/> when no procedure drives the step.</summary>
    Guid ProcedureId { get; }

    /// <summary>The organization unit the message belongs to.</summary>
    string TenantId { get; }
}

/// <summary>A message about one cadre.</summary>
public interface ICadreMessage : IProcedureMessage
{
    Guid CadreId { get; }
}

/// <summary>
/// A command a workflow can send as a domain activity. The service that owns it answers with exactly one
/// <typeparamref name="TResult"/> carrying the same <see cref="IProcedureMessage.ProcedureId"/>.
/// </summary>
public interface IDomainCommand<TResult> : IProcedureMessage where TResult : IDomainResult;

/// <summary>
/// The answer to a domain command. <see cref="Outcome"/> names the activity port the workflow continues on
/// (one of <see cref="DomainActivityAttribute.Outcomes"/>); <see cref="RuleId"/> and <see cref="Reason"/> say why.
/// </summary>
public interface IDomainResult : IProcedureMessage
{
    string Outcome { get; }

    /// <summary>The DOMAIN.md rule that decided the outcome, e.g. "N5"; null when no rule refused.</summary>
    string? RuleId { get; }

    string? Reason { get; }
}

/// <summary>
/// A fact a service announces on its own, not as the answer to a procedure's command (a cadre's file opened, say). Published
/// definitions whose Event trigger bears the message's type name start from it, as they do from a domain result recorded
/// outside any procedure (<see cref="IProcedureMessage.ProcedureId"/> empty: a motion approved through the nomination API).
/// </summary>
public interface IServiceEvent : IProcedureMessage;

/// <summary>
/// Describes a domain command as an activity for the workflow designer: display names in English and Chinese,
/// and the outcome ports. The category is the service, taken from the contract's namespace
/// (<c>Orchestration.Contracts.Vetting</c> → "Vetting").
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DomainActivityAttribute(string displayName, string chineseName) : Attribute
{
    public string DisplayName { get; } = displayName;

    public string ChineseName { get; } = chineseName;

    public string? Description { get; init; }

    /// <summary>
    /// The DOMAIN.md rule the step applies (e.g. "V4"), which the cadre's full-process record shows against the fact (C1) when the
    /// step's result names no rule of its own.
    /// </summary>
    public string? Rule { get; init; }

    /// <summary>Outcome ports, e.g. ["Passed", "Failed"]. Defaults to a single "Done".</summary>
    public string[] Outcomes { get; init; } = ["Done"];
}

/// <summary>Well-known outcome names, so workflows and services spell them the same way.</summary>
public static class Outcomes
{
    public const string Done = "Done";
    public const string Passed = "Passed";
    public const string Failed = "Failed";
}
