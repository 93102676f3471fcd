using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Studio.Tests;

/// <summary>
/// A minimal OIDC authority on a real loopback port: discovery, JWKS, <c>/authorize</c> (answers at once with a code for the
/// configured user) and <c>/token</c> (redeems a code once, only with the S256 <c>code_verifier</c> of its <c>code_challenge</c>),
/// signing id and access tokens with its own RSA key.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "orchestration-studio";
    public const string ClientSecret = "studio-test-secret";

    readonly WebApplication app;
    readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "test-authority-key" };
    readonly ConcurrentDictionary<string, Grant> grants = new();

    sealed record Grant(string Challenge, string Method, string RedirectUri, string? Nonce);

    TestIdentityProvider(WebApplication app) => this.app = app;

    public string Authority { get; private set; } = "";

    /// <summary>Who signs in: the access token carries this subject, tenant and roles.</summary>
    public (string Subject, string Tenant, string[] Roles) User { get; set; } = ("wang", "county-a", [Roles.Administrator]);

    /// <summary>The query of every authorization request, in order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> AuthorizeRequests { get; } = new();

    /// <summary>Why each refused token request was refused, in order.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>Every access token issued, in order.</summary>
    public ConcurrentQueue<string> IssuedAccessTokens { get; } = new();

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var provider = new TestIdentityProvider(builder.Build());
        provider.Map();
        await provider.app.StartAsync();
        provider.Authority = provider.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return provider;
    }

    void Map()
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = Authority + "/authorize",
            ["token_endpoint"] = Authority + "/token",
            ["jwks_uri"] = Authority + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post" },
        }));

        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", alg = SecurityAlgorithms.RsaSha256, kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });

        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
            AuthorizeRequests.Enqueue(query);
            if (query.GetValueOrDefault("client_id") != ClientId || query.GetValueOrDefault("response_type") != "code"
                || !query.TryGetValue("redirect_uri", out var redirectUri) || !query.TryGetValue("code_challenge", out var challenge))
                return Results.BadRequest("invalid_request");
            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            grants[code] = new Grant(challenge, query.GetValueOrDefault("code_challenge_method") ?? "plain", redirectUri, query.GetValueOrDefault("nonce"));
            var back = QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?> { ["code"] = code, ["state"] = query.GetValueOrDefault("state") });
            return Results.Redirect(back);
        });

        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            IResult Refuse(string error, string why)
            {
                Refusals.Enqueue(why);
                return Results.Json(new { error, error_description = why }, statusCode: StatusCodes.Status400BadRequest);
            }

            if (form["grant_type"] != "authorization_code") return Refuse("unsupported_grant_type", "only authorization_code");
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret) return Refuse("invalid_client", "unknown client or wrong secret");
            if (!grants.TryRemove(form["code"].ToString(), out var grant)) return Refuse("invalid_grant", "unknown or used code");
            if (form["redirect_uri"] != grant.RedirectUri) return Refuse("invalid_grant", "redirect_uri differs from the authorization request's");
            if (grant.Method != "S256") return Refuse("invalid_grant", "code_challenge_method must be S256");
            var verifier = form["code_verifier"].ToString();
            var expected = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (verifier.Length < 43 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(grant.Challenge)))
                return Refuse("invalid_grant", "code_verifier does not match the code_challenge");

            var now = DateTime.UtcNow;
            var (subject, tenant, roles) = User;
            var access = Sign(new Dictionary<string, object>
            {
                ["sub"] = subject, ["tenant"] = tenant, ["role"] = roles, ["jti"] = Guid.NewGuid().ToString("N"), ["name"] = subject,
            }, DevelopmentTokens.Audience, now, TimeSpan.FromHours(1));
            var identity = Sign(new Dictionary<string, object>
            {
                ["sub"] = subject, ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(access))[..16]),
                ["nonce"] = grant.Nonce ?? "",
            }, ClientId, now, TimeSpan.FromMinutes(5));
            IssuedAccessTokens.Enqueue(access);
            return Results.Json(new { access_token = access, id_token = identity, token_type = "Bearer", expires_in = 3600 });
        });
    }

    string Sign(Dictionary<string, object> claims, string audience, DateTime now, TimeSpan lifetime) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
