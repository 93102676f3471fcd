using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Orchestration.Testing;

namespace Orchestration.Studio.Tests;

/// <summary>
/// A workflow server on a real port with none of the product's procedures loaded and no broker (its pages read its own database),
/// and Debian's headless Chromium to open them, signed in on the Studio's sign-in page as a person of a county with a role.
/// </summary>
public sealed class PageServer(ServersFixture servers, params (string Key, string Value)[] settings) : ServiceHost<Program>(servers, "Workflows")
{
    IPlaywright? playwright;
    IBrowser? browser;

    /// <summary>
    /// How long a page may take to load or to draw what a test waits for. The browser tests run beside the other suites, which keep the
    /// machine's cores busy (the chaos test alone restarts six processes twenty times), so the Studio's first load and its first
    /// drawing can take minutes; a wait bounds a test, it never measures it.
    /// </summary>
    public const float Patience = 240_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Messaging:Transport", "InMemory");
        builder.UseSetting("Workflows:DefinitionsDirectory", Path.Combine(Path.GetTempPath(), "no-workflows-here"));
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    /// <summary>The server's own address, e.g. <c>http://127.0.0.1:43117</c>.</summary>
    public string Root => ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Start the page server first.");

    /// <summary>Listens on a free port and launches the browser.</summary>
    public async Task StartAsync()
    {
        UseKestrel(0);
        StartServer();
        await StartedAsync();
        playwright = await Playwright.CreateAsync();
        browser = await DebianChromium.LaunchAsync(playwright);
    }

    /// <summary>
    /// A new browser page signed in on the sign-in page, then at <paramref name="path"/>; in the time zone <paramref name="timezoneId"/>
    /// (an IANA id) when given, else the machine's.
    /// </summary>
    public Task<IPage> SignedInAsync(string path, string subject, string tenant, string role, int width = 1200, int height = 900, string? timezoneId = null) =>
        SignInAsync(Browser, Root, path, subject, tenant, role, width, height, timezoneId);

    /// <summary>A new page of <paramref name="browser"/> signed in on the server at <paramref name="root"/>, then at <paramref name="path"/>.</summary>
    public static async Task<IPage> SignInAsync(IBrowser browser, string root, string path, string subject, string tenant, string role, int width, int height,
        string? timezoneId = null)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, TimezoneId = timezoneId });
        context.SetDefaultTimeout(Patience);
        context.SetDefaultNavigationTimeout(Patience);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{root}/studio/login?returnUrl={Uri.EscapeDataString(path)}");
        await page.FillAsync("input[name=subject]", subject);
        await page.FillAsync("input[name=tenant]", tenant);
        await page.SelectOptionAsync("select[name=role]", role);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync($"{root}{path}");
        return page;
    }

    public override async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        await base.DisposeAsync();
    }
}
