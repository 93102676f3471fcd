using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using IPNetwork = System.Net.IPNetwork;

namespace Orchestration.ServiceDefaults.Http;

/// <summary>
/// The proxy in front of the services (section <c>ForwardedHeaders</c>): the ingress controller or the Gateway ends TLS and sends
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>. They are believed only from <see cref="KnownNetworks"/> and
/// <see cref="KnownProxies"/>; a request that reached the proxy over https is then https to the app (the Studio's session cookie is
/// <c>Secure</c>, the identity provider's redirect URI is https) and its client address is the caller's.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>CIDRs of the proxy's pods, e.g. <c>10.244.0.0/16</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Single proxy addresses.</summary>
    public string[] KnownProxies { get; set; } = [];
}

internal static class ProxyHeaders
{
    /// <summary>
    /// Registers the forwarded-headers options when <c>ForwardedHeaders:Enabled</c>. Only the configured addresses are trusted (not
    /// even loopback by default); a switch with no address or an address that does not parse stops the start, since it would trust
    /// nothing and leave every cookie without <c>Secure</c> while looking configured.
    /// </summary>
    public static void AddProxyHeaders(this IHostApplicationBuilder builder)
    {
        var settings = Settings(builder.Configuration);
        if (!settings.Enabled) return;
        if (settings.KnownNetworks.Length == 0 && settings.KnownProxies.Length == 0)
            throw new InvalidOperationException(
                $"{ProxyOptions.Section}:Enabled is true but no {ProxyOptions.Section}:KnownNetworks or KnownProxies are set: no proxy would be believed. " +
                "Name the network of the ingress controller's or the Gateway's pods (chart: forwardedHeaders.knownNetworks).");
        var networks = settings.KnownNetworks.Select((text, i) => IPNetwork.TryParse(text.Trim(), out var network) ? network
            : throw Unreadable($"KnownNetworks:{i}", text, "network (CIDR, e.g. 10.244.0.0/16)")).ToList();
        var proxies = settings.KnownProxies.Select((text, i) => IPAddress.TryParse(text.Trim(), out var address) ? address
            : throw Unreadable($"KnownProxies:{i}", text, "address")).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in networks) options.KnownIPNetworks.Add(network);
            foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
        });
    }

    /// <summary>Applies the forwarded headers first, before anything reads the scheme or the client address.</summary>
    public static void UseProxyHeaders(this WebApplication app)
    {
        if (Settings(app.Configuration).Enabled) app.UseForwardedHeaders();
    }

    static ProxyOptions Settings(IConfiguration configuration) => configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();

    static InvalidOperationException Unreadable(string key, string text, string what) =>
        new($"{ProxyOptions.Section}:{key} = \"{text}\" is not an IP {what}.");
}
