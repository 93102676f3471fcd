using Microsoft.Playwright;

namespace Orchestration.Studio.Tests;

/// <summary>Debian's Chromium (<c>CHROMIUM_PATH</c>, else /usr/bin/chromium), headless, as the browser tests drive it through Playwright.</summary>
public static class DebianChromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
}
