using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orchestration.ServiceDefaults.Security;

/// <summary>
/// Issues tokens signed with a configured symmetric key: for the embedded mode, development and tests. Production
/// validates tokens of an OIDC authority instead (<c>Auth:Authority</c>).
/// </summary>
public static class DevelopmentTokens
{
    public const string Issuer = "orchestration-development";
    public const string Audience = "orchestration";

    /// <summary>Used only when the environment is Development and no key is configured (the embedded host generates its own).</summary>
    public const string DevelopmentSigningKey = "development-only-signing-key-change-me-0123456789abcdef";

    public static string Issue(string subject, string tenant, IEnumerable<string> roles, string? signingKey = null,
        TimeSpan? lifetime = null, string? name = null, DateTimeOffset? now = null, string? township = null)
    {
        var issuedAt = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        var claims = new List<Claim> { new(ClaimNames.Subject, subject), new(ClaimNames.Tenant, tenant), new("jti", Guid.NewGuid().ToString("N")) };
        if (name is not null) claims.Add(new Claim(ClaimNames.Name, name));
        if (township is not null) claims.Add(new Claim(ClaimNames.Township, township));
        claims.AddRange(roles.Select(role => new Claim(ClaimNames.Role, role)));

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey ?? DevelopmentSigningKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
