using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Orchestration.ServiceDefaults.Security;

/// <summary>
/// Whether this server may sign its own tokens (the Studio's "sign in on this server", <c>/local/token</c>). Only two
/// cases: the Development environment, and the embedded host (<c>Auth:Embedded</c>) while every address it listens on is
/// loopback and the caller is on the same machine. Never when an OIDC authority is configured. Everywhere else sign-in
/// goes through the organization's identity provider.
/// </summary>
public sealed class SelfIssuedTokens(IConfiguration configuration, IHostEnvironment environment, IServer server)
{
    /// <summary>Set by the embedded host (<c>Orchestration.Local</c>) only.</summary>
    public const string EmbeddedKey = "Auth:Embedded";

    /// <summary>The key to sign with when <paramref name="http"/>'s caller may get a self-issued token; null otherwise.</summary>
    public string? SigningKeyFor(HttpContext http) => Refusal(http) is null ? SigningKey : null;

    /// <summary>Why <paramref name="http"/>'s caller may not get a self-issued token, or null when it may.</summary>
    public string? Refusal(HttpContext http)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Auth:Authority"]))
            return "This server accepts tokens of the organization's identity provider only.";
        if (environment.IsDevelopment()) return null;
        if (!configuration.GetValue<bool>(EmbeddedKey))
            return "This server issues no tokens of its own: configure Auth:Authority and sign in with the organization's identity provider.";
        if (!ListensOnLoopbackOnly())
            return "The embedded host issues tokens only while it listens on loopback addresses alone.";
        if (http.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
            return "The embedded host issues tokens only to callers on the same machine.";
        return null;
    }

    string SigningKey => configuration["Auth:SigningKey"] is { Length: > 0 } key ? key : DevelopmentTokens.DevelopmentSigningKey;

    /// <summary>True when the server listens on at least one address and every one of them is loopback.</summary>
    public bool ListensOnLoopbackOnly()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses is { Count: > 0 } && addresses.All(IsLoopbackAddress);
    }

    static bool IsLoopbackAddress(string address)
    {
        // Kestrel reports bound addresses ("http://127.0.0.1:5000", "http://[::1]:5000"); wildcards ("http://+:80",
        // "http://*:80", "http://0.0.0.0:80") are not loopback. "localhost" binds loopback only.
        if (!Uri.TryCreate(address.Replace("://+", "://wildcard").Replace("://*", "://wildcard"), UriKind.Absolute, out var uri)) return false;
        if (uri.IsLoopback && uri.Host != "wildcard") return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
