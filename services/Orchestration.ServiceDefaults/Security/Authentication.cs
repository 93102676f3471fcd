using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using System.Security.Claims;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Orchestration.ServiceDefaults.Security;

/// <summary>Settings of token validation (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>The OIDC authority (production). When set, keys come from its discovery document.</summary>
    public string? Authority { get; set; }

    /// <summary>Whether the authority's discovery document must come over HTTPS (turn off only for a test authority on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string Issuer { get; set; } = DevelopmentTokens.Issuer;

    public string Audience { get; set; } = DevelopmentTokens.Audience;

    /// <summary>A symmetric key for tokens issued by ourselves (development, tests, the embedded mode).</summary>
    public string? SigningKey { get; set; }

    /// <summary>The longest a token may be valid (<c>exp</c> − <c>iat</c>, or − <c>nbf</c> without <c>iat</c>); longer ones are refused.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Tolerance for clocks that differ; at most <see cref="MaxClockSkew"/>.</summary>
    public TimeSpan ClockSkew { get; set; } = MaxClockSkew;

    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(30);
}

internal static class Authentication
{
    public static void AddTokenAuthentication(this IHostApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        var signingKey = auth.SigningKey;
        if (string.IsNullOrWhiteSpace(auth.Authority) && string.IsNullOrWhiteSpace(signingKey))
        {
            if (!builder.Environment.IsDevelopment())
                throw new InvalidOperationException("Set Auth:Authority (an OIDC authority) or Auth:SigningKey: no token could be validated.");
            signingKey = DevelopmentTokens.DevelopmentSigningKey;
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Issuer,
                ValidAudience = auth.Audience,
                NameClaimType = ClaimNames.Subject,
                RoleClaimType = ClaimNames.Role,
                ClockSkew = auth.ClockSkew < TimeSpan.Zero || auth.ClockSkew > AuthOptions.MaxClockSkew ? AuthOptions.MaxClockSkew : auth.ClockSkew,
                RequireExpirationTime = true,
            };
            if (!string.IsNullOrWhiteSpace(auth.Authority))
            {
                jwt.Authority = auth.Authority;
                jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                jwt.Audience = auth.Audience;
                jwt.TokenValidationParameters.ValidIssuer = null;
                jwt.TokenValidationParameters.ValidateIssuer = true;
            }
            else
            {
                jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey!));
            }

            jwt.Events = new JwtBearerEvents
            {
                // Browser pages (Elsa Studio) carry the token in the session cookie set by the sign-in page.
                OnMessageReceived = context =>
                {
                    if (string.IsNullOrEmpty(context.Token) && !context.Request.Headers.Authorization.Any()
                        && context.Request.Cookies.TryGetValue(SessionCookie.Name, out var session))
                        context.Token = session;
                    return Task.CompletedTask;
                },
                // Our own rules beyond the signature: one tenant, a bounded lifetime, not revoked by a logout.
                OnTokenValidated = async context =>
                {
                    var rules = context.HttpContext.RequestServices.GetRequiredService<TokenRules>();
                    if (await rules.RefusalAsync(context.SecurityToken as JsonWebToken, context.Principal, context.HttpContext.RequestAborted) is { } refusal)
                        context.Fail(refusal);
                },
            };
        });

        builder.Services.AddSingleton<TokenCheck>();
        builder.Services.AddSingleton(new TokenRules.Limits(auth.MaxTokenLifetime));
        builder.Services.AddSingleton<TokenRules>();
        builder.Services.AddDistributedMemoryCache(); // a shared IDistributedCache registered by the host replaces it
        builder.Services.TryAddSingleton<IRevokedTokenStore, DistributedCacheRevokedTokens>(); // AddSharedTokenRevocations<TContext>() replaces it
        builder.Services.AddSingleton<TokenRevocations>();
        builder.Services.AddSingleton<SelfIssuedTokens>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}

/// <summary>What a token must satisfy beyond its signature, issuer, audience and expiry: the API and the sign-in page apply the same.</summary>
public sealed class TokenRules(TokenRules.Limits limits, TokenRevocations revocations)
{
    public sealed record Limits(TimeSpan MaxTokenLifetime);

    public async Task<string?> RefusalAsync(JsonWebToken? token, ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        if (token is null || principal is null) return "The token could not be read.";
        var tenants = principal.FindAll(ClaimNames.Tenant).ToList();
        // A token without a tenant could see no data and write to no one; one with two would be ambiguous. Refuse both.
        if (tenants.Count != 1 || string.IsNullOrWhiteSpace(tenants[0].Value)) return "The token must carry exactly one tenant claim.";
        DateTime? start = token.TryGetPayloadValue<long>("iat", out _) ? token.IssuedAt : token.ValidFrom is var from && from > DateTime.MinValue ? from : null;
        if (start is null) return "The token has neither iat nor nbf: its lifetime is unknown.";
        if (token.ValidTo - start.Value > limits.MaxTokenLifetime) return $"The token is valid for longer than {limits.MaxTokenLifetime}.";
        if (await revocations.IsRevokedAsync(token, cancellationToken)) return "The token was revoked (signed out).";
        return null;
    }
}

/// <summary>The cookie a browser session keeps its token in (HttpOnly, same site).</summary>
public static class SessionCookie
{
    public const string Name = "orchestration_session";
}
