namespace Orchestration.ServiceDefaults.Security;

/// <summary>The roles a token's <c>role</c> claim may carry.</summary>
public static class Roles
{
    public const string OrganizationDepartment = "organization-department";
    public const string CommitteeSecretary = "committee-secretary";
    public const string CommitteeMember = "committee-member";
    public const string Auditor = "auditor";
    public const string Township = "township";
    public const string Administrator = "administrator";
    public const string Operator = "operator";

    public static readonly IReadOnlyList<string> All =
        [OrganizationDepartment, CommitteeSecretary, CommitteeMember, Auditor, Township, Administrator, Operator];
}

/// <summary>Claim names of our tokens.</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";

    /// <summary>The organization unit (county, district) the caller acts for; every query is filtered by it.</summary>
    public const string Tenant = "tenant";

    /// <summary>The township a township clerk acts for; a clerk acts only on that township's villages (P2, P3).</summary>
    public const string Township = "township";
}
