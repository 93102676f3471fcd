using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Orchestration.ServiceDefaults.Security;

/// <summary>
/// A township clerk (role <see cref="Roles.Township"/>) acts for the township named in the token's <c>township</c> claim and for no
/// other (P2, P3); the organization department and administrators act for the whole county. <see cref="AccessTable"/> says which
/// endpoints a clerk may call at all; these checks say on which villages.
/// </summary>
public static class TownshipScope
{
    public const string Rule = "township-scope";

    /// <summary>The caller acts for the county: the organization department or an administrator.</summary>
    public static bool ActsForCounty(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.OrganizationDepartment) || user.IsInRole(Roles.Administrator);

    /// <summary>The township of a clerk's token; null when the token names none.</summary>
    public static string? TownshipOf(this ClaimsPrincipal user) =>
        user.FindFirst(ClaimNames.Township)?.Value is { } township && !string.IsNullOrWhiteSpace(township) ? township.Trim() : null;

    /// <summary>Whether the caller may act on <paramref name="township"/>'s villages.</summary>
    public static bool ActsFor(this ClaimsPrincipal user, string? township) =>
        user.ActsForCounty() || (user.TownshipOf() is { } own && township is not null && string.Equals(own, township.Trim(), StringComparison.Ordinal));

    /// <summary>A 403 when the caller may not act on <paramref name="township"/>; null when it may.</summary>
    public static IResult? RefuseOutside(this ClaimsPrincipal user, string? township) =>
        user.ActsFor(township)
            ? null
            : Forbidden("Outside your township",
                user.TownshipOf() is { } own
                    ? $"A township clerk of {own} acts only on {own}'s villages, not on {township}'s."
                    : "The token names no township: a township clerk acts only on the villages of the township the token names.");

    /// <summary>A 403 problem naming the rule.</summary>
    public static IResult Forbidden(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["rule"] = Rule });
}
