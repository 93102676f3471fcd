using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Studio;

/// <summary>The Studio's client at the organization's identity provider (section <c>Auth:Studio</c>).</summary>
public sealed class StudioClientOptions
{
    public const string Section = "Auth:Studio";

    /// <summary>The client id registered at the authority for the Studio.</summary>
    public string ClientId { get; set; } = "orchestration-studio";

    /// <summary>The client's secret when the authority registers it as a confidential client; none for a public client (PKCE only).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for, separated by spaces: what makes the authority issue an access token for the API's audience.</summary>
    public string Scopes { get; set; } = "openid profile";
}

/// <summary>
/// Sign-in through the OIDC authority (<c>Auth:Authority</c>): the authorization-code flow with PKCE (S256). The authority's access
/// token, validated exactly as the API validates bearer tokens, becomes the session cookie the Studio's calls to <c>/elsa/api</c>
/// carry; the id token only proves the sign-in (its nonce, audience and signature are checked by the handler). No refresh
/// tokens: when the access token expires, the next page asks the authority again.
/// </summary>
public static class IdentityProviderSignIn
{
    public const string Scheme = "studio-oidc";

    /// <summary>Where the authority sends the browser back with the code (register it at the authority).</summary>
    public const string CallbackPath = StudioEndpoints.Path + "/signin-oidc";

    public static bool Configured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["Auth:Authority"]);

    internal static void Add(IHostApplicationBuilder builder)
    {
        if (!Configured(builder.Configuration)) return;
        var auth = builder.Configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        var client = builder.Configuration.GetSection(StudioClientOptions.Section).Get<StudioClientOptions>() ?? new StudioClientOptions();

        // No cookie scheme of its own: the handler's result is the session cookie of SignIn (the access token), set below, and
        // the sign-in is handled there, so the default sign-in scheme is never asked to sign anyone in.
        builder.Services.AddAuthentication().AddOpenIdConnect(Scheme, oidc =>
        {
            oidc.Authority = auth.Authority;
            oidc.RequireHttpsMetadata = auth.RequireHttpsMetadata;
            oidc.ClientId = client.ClientId;
            oidc.ClientSecret = string.IsNullOrWhiteSpace(client.ClientSecret) ? null : client.ClientSecret;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            // The code comes back on a top-level GET, so the correlation and nonce cookies can be SameSite=Lax (and work on
            // plain HTTP behind a terminating proxy or in tests); form_post would need SameSite=None; Secure.
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.CallbackPath = CallbackPath;
            // The handler would also answer a front-channel logout and the authority's signed-out callback on any host path
            // (by default /signout-oidc, which signs out of the bearer scheme and fails). The Studio never signs out at the
            // authority and its session cookie is not sent in a cross-site frame: both paths go under /studio and are skipped,
            // so they are refused like any unknown path.
            oidc.RemoteSignOutPath = StudioEndpoints.Path + "/signout-oidc";
            oidc.SignedOutCallbackPath = StudioEndpoints.Path + "/signout-callback-oidc";
            oidc.MapInboundClaims = false;
            oidc.SaveTokens = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.Scope.Clear();
            foreach (var scope in client.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                oidc.Scope.Add(scope);
            if (!oidc.Scope.Contains(OpenIdConnectScope.OpenId)) oidc.Scope.Add(OpenIdConnectScope.OpenId);
            oidc.TokenValidationParameters.NameClaimType = ClaimNames.Subject;
            oidc.Events = new OpenIdConnectEvents
            {
                OnTokenValidated = SignInWithAccessToken,
                OnRemoteSignOut = NotServed,
                OnSignedOutCallbackRedirect = NotServed,
                OnRemoteFailure = context =>
                {
                    // A refused code exchange (a wrong code_verifier), a bad id token, a denied consent: back to the page, signed out.
                    context.Response.Redirect($"{StudioEndpoints.Path}/login?error=provider&returnUrl={Uri.EscapeDataString(SignIn.LocalOnly(context.Properties?.RedirectUri))}");
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });
    }

    /// <summary>Sends the browser to the authority, to come back to <paramref name="returnUrl"/> (a local path) once signed in.</summary>
    internal static IResult Challenge(string? returnUrl) =>
        Results.Challenge(new AuthenticationProperties { RedirectUri = SignIn.LocalOnly(returnUrl) }, [Scheme]);

    static Task NotServed(RemoteSignOutContext context)
    {
        context.SkipHandler();
        return Task.CompletedTask;
    }

    static async Task SignInWithAccessToken(TokenValidatedContext context)
    {
        var accessToken = context.TokenEndpointResponse?.AccessToken;
        var tokens = context.HttpContext.RequestServices.GetRequiredService<TokenCheck>();
        if (string.IsNullOrEmpty(accessToken) || await tokens.ValidateAsync(accessToken, context.HttpContext.RequestAborted) is null)
        {
            // The API would refuse it (another audience, no tenant, too long a lifetime): no session the Studio could not use.
            context.Fail("The identity provider's access token is not accepted by the API.");
            return;
        }
        SignIn.SetSession(context.HttpContext, accessToken, sameSite: SameSiteMode.Lax);
        context.Response.Redirect(SignIn.LocalOnly(context.Properties?.RedirectUri));
        context.HandleResponse();
    }
}
