using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Studio;

/// <summary>
/// The Studio's sign-in: a token from the organization's identity provider is validated exactly as the API validates it and
/// kept in an HttpOnly same-site session cookie, which the Studio's calls to <c>/elsa/api</c> carry. Only where the server may
/// sign its own tokens (<see cref="SelfIssuedTokens"/>: Development, the embedded host on loopback) does the page offer to
/// issue one for a chosen tenant and role; elsewhere such a request is refused (403). With an OIDC authority the pages sign in
/// through it (<see cref="IdentityProviderSignIn"/>) and the session holds its access token. Logout revokes the session's token.
/// </summary>
internal static class SignIn
{
    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/login", (HttpContext http, string? returnUrl, string? error, bool? signedOut) =>
            // With an authority the page itself is only shown after a failed sign-in or a logout; otherwise on to the authority.
            IdentityProviderSignIn.Configured(http.RequestServices.GetRequiredService<IConfiguration>()) && error is null && signedOut != true
                ? IdentityProviderSignIn.Challenge(returnUrl)
                : Results.Content(Page(http, returnUrl, error, signedOut == true), "text/html; charset=utf-8"));

        pages.MapPost("/login", async (HttpContext http, TokenCheck tokens, SelfIssuedTokens selfIssued) =>
        {
            var form = await http.Request.ReadFormAsync();
            var returnUrl = LocalOnly(form["returnUrl"]);
            var token = form["token"].ToString().Trim();
            if (token.Length == 0)
            {
                // No token of the identity provider: only a server that may sign its own (Development, the embedded host on
                // loopback) issues one; everywhere else this is refused, whatever the form says.
                if (selfIssued.Refusal(http) is { } refusal)
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Sign in with the identity provider", detail: refusal);
                if (form["tenant"].ToString().Trim() is not { Length: > 0 } tenant)
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "Name a tenant to sign in for.");
                var key = selfIssued.SigningKeyFor(http)!;
                var role = form["role"].ToString();
                token = DevelopmentTokens.Issue(form["subject"].ToString() is { Length: > 0 } subject ? subject : "studio-user", tenant,
                    Roles.All.Contains(role) ? [role] : [], key, name: form["subject"]);
            }

            if (token.Length == 0 || await tokens.ValidateAsync(token, http.RequestAborted) is null)
                return Results.Redirect($"{StudioEndpoints.Path}/login?error=invalid&returnUrl={Uri.EscapeDataString(returnUrl)}");

            SetSession(http, token, SameSiteMode.Strict);
            return Results.Redirect(returnUrl);
        }).DisableAntiforgery();

        pages.MapPost("/logout", async (HttpContext http, TokenCheck tokens, TokenRevocations revocations) =>
        {
            // The session ends for good: its token is revoked (by its jti) until it would have expired, so a copy of the
            // cookie value used as a bearer token is refused too.
            var token = http.Request.Cookies.TryGetValue(SessionCookie.Name, out var session) ? session
                : http.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
            if (!string.IsNullOrEmpty(token) && await tokens.ValidateAsync(token, http.RequestAborted) is not null)
                await revocations.RevokeAsync(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token), http.RequestAborted);
            http.Response.Cookies.Delete(SessionCookie.Name, new CookieOptions { Path = "/" });
            return Results.Redirect($"{StudioEndpoints.Path}/login?signedOut=true");
        }).DisableAntiforgery();
    }

    /// <summary>The signed-in user of a page request, or null.</summary>
    public static async Task<ClaimsPrincipal?> CurrentUserAsync(HttpContext http) =>
        http.Request.Cookies.TryGetValue(SessionCookie.Name, out var token)
            ? await http.RequestServices.GetRequiredService<TokenCheck>().ValidateAsync(token, http.RequestAborted)
            : null;

    /// <summary>
    /// Keeps <paramref name="token"/> as the session (HttpOnly). Strict for the page's own form; Lax after the authority's
    /// redirect, since a Strict cookie set at the end of a cross-site redirect chain is not sent on its last hop.
    /// </summary>
    internal static void SetSession(HttpContext http, string token, SameSiteMode sameSite) =>
        http.Response.Cookies.Append(SessionCookie.Name, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = sameSite,
            Secure = http.Request.IsHttps,
            Path = "/",
        });

    internal static string LocalOnly(string? url) => url is { Length: > 1 } && url[0] == '/' && url[1] != '/' && url[1] != '\\' ? url : $"{StudioEndpoints.Path}/";

    static string Page(HttpContext http, string? returnUrl, string? error, bool signedOut)
    {
        var provider = IdentityProviderSignIn.Configured(http.RequestServices.GetRequiredService<IConfiguration>())
            ? $"""<p><a id="sign-in-provider" href="{StudioEndpoints.Path}/login?returnUrl={Uri.EscapeDataString(LocalOnly(returnUrl))}">Sign in with the identity provider 统一身份认证登录</a></p>"""
            : "";
        var said = signedOut ? """<p class="notice" role="status">Signed out. 已退出。</p>""" : "";
        var selfSigned = http.RequestServices.GetRequiredService<SelfIssuedTokens>().Refusal(http) is null;
        var roles = string.Join("", Roles.All.Select(role => $"""<option value="{role}">{role}</option>"""));
        var issue = !selfSigned ? "" : $"""
            <fieldset>
              <legend>Sign in on this server 本机登录</legend>
              <label>Name 姓名 <input name="subject" value="admin" /></label>
              <label>Tenant 单位 <input name="tenant" value="county-demo" /></label>
              <label>Role 角色 <select name="role">{roles}</select></label>
            </fieldset>
            """;
        var failed = error switch
        {
            null => "",
            "provider" => """<p class="notice" role="alert">The identity provider's sign-in failed. 统一身份认证登录失败。</p>""",
            _ => """<p class="notice" role="alert">The token was not accepted. 令牌无效。</p>""",
        };
        return HostPages.Layout("Sign in", null, null, $"""
            <main>
              <h1>Sign in 登录</h1>
              {failed}{said}
              {provider}
              <form method="post" action="{StudioEndpoints.Path}/login">
                <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(LocalOnly(returnUrl))}" />
                {issue}
                <fieldset>
                  <legend>Or a token from your identity provider 或粘贴身份令牌</legend>
                  <textarea name="token" rows="4" cols="60"></textarea>
                </fieldset>
                <button type="submit" id="sign-in">Sign in 登录</button>
              </form>
            </main>
            """, head: "<style>label{display:block;margin:.4rem 0} fieldset{margin:1rem 0}</style>", scripts: "");
    }
}
