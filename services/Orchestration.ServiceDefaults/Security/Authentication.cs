using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Orchestration.ServiceDefaults.Security;

/// <summary>Settings of token validation (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>The OIDC authority (production). When set, keys come from its discovery document.</summary>
    public string? Authority { get; set; }

    public string Issuer { get; set; } = DevelopmentTokens.Issuer;

    public string Audience { get; set; } = DevelopmentTokens.Audience;

    /// <summary>A symmetric key for tokens issued by ourselves (development, tests, the embedded mode).</summary>
    public string? SigningKey { get; set; }
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
            };
            if (!string.IsNullOrWhiteSpace(auth.Authority))
            {
                jwt.Authority = auth.Authority;
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
                // A token without a tenant could see no data and write to no one: refuse it at the door.
                OnTokenValidated = context =>
                {
                    if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(ClaimNames.Tenant)?.Value))
                        context.Fail("The token has no tenant claim.");
                    return Task.CompletedTask;
                },
            };
        });

        builder.Services.AddSingleton<TokenCheck>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}

/// <summary>The cookie a browser session keeps its token in (HttpOnly, same site).</summary>
public static class SessionCookie
{
    public const string Name = "orchestration_session";
}
