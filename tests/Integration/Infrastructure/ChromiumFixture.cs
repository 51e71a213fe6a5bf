using Microsoft.Playwright;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's Chromium (installed by scripts/install-test-deps.sh) driven by Playwright; never a
/// downloaded browser. Launched once per test class, on first use, so a missing browser skips
/// (or in CI fails) the test that asked for it.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Where Debian installs Chromium.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly Lazy<Task<IBrowser>> _browser;
    private IPlaywright? _playwright;

    /// <summary>Prepares the launch; nothing starts until a test asks for a context.</summary>
    public ChromiumFixture()
    {
        _browser = new Lazy<Task<IBrowser>>(LaunchAsync);
    }

    /// <summary>Where the tests save screenshots (git-ignored).</summary>
    public static string Screenshots { get; } = Path.Combine(RepoPaths.Root, "TestResults", "screenshots");

    /// <summary>A new browser context (its own cookies) at <paramref name="baseUrl"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseUrl)
    {
        Requirements.Tools(ExecutablePath);
        var browser = await _browser.Value;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>Saves a screenshot of <paramref name="page"/> as <paramref name="name"/>.png.</summary>
    public static Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser.IsValueCreated && _browser.Value.IsCompletedSuccessfully)
        {
            await (await _browser.Value).DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private async Task<IBrowser> LaunchAsync()
    {
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Play without a further gesture; no sound card here; the tests run as root, where
            // Chromium starts only without its sandbox.
            Args = ["--autoplay-policy=no-user-gesture-required", "--mute-audio", "--no-sandbox"],
        });
    }
}
