using Microsoft.Playwright;

namespace SellerBridge.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser). Tests call
/// <see cref="StartAsync"/>, which skips the test when <c>/usr/bin/chromium</c> is not installed.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly string _screenshots;
    private int _shot;

    private Browser(IPlaywright playwright, IBrowser browser, string name)
    {
        _playwright = playwright;
        _browser = browser;
        _screenshots = Path.Combine(Repo.Root, "artifacts", "screenshots", name);
        Directory.CreateDirectory(_screenshots);
    }

    public static async Task<Browser> StartAsync(string journeyName)
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Skip($"Chromium is not installed at {ChromiumPath}; run ./scripts/test.sh as root to install Debian's chromium.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        return new Browser(playwright, browser, journeyName);
    }

    public async Task<IPage> NewPageAsync(string baseUrl, string locale = "ko-KR")
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a numbered full-page screenshot under <c>artifacts/screenshots/&lt;journey&gt;/</c> and attaches it to the test result.</summary>
    public async Task ScreenshotAsync(IPage page, string step)
    {
        var file = Path.Combine(_screenshots, $"{++_shot:00}-{step}.png");
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Caret = ScreenshotCaret.Initial });
        TestContext.Current.AddAttachment($"{_shot:00}-{step}.png", bytes, "image/png");
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
