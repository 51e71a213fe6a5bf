using System.Collections.Concurrent;
using MediaOrleans.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MediaOrleans.IntegrationTests.AdminWeb;

/// <summary>
/// The admin page in a real browser (Debian's Chromium through Playwright) against a silo with
/// API keys: log in, upload, list, play and seek, a refused upload, a libshout recording watched
/// live and stored, the cluster view. Each page is saved as a screenshot.
/// </summary>
public sealed class AdminPageTests(KeyedSiloFixture silo, ChromiumFixture chromium)
    : IClassFixture<KeyedSiloFixture>, IClassFixture<ChromiumFixture>
{
    [SkippableFact]
    public async Task Upload_List_Play_AndSeek_WithRange()
    {
        var wav = await LongWavAsync();
        await using var context = await chromium.NewContextAsync(silo.Silo.HttpBase);
        var page = await LogInAsync(context, KeyedSiloFixture.AdminKey);
        var playback = new ConcurrentBag<(string Range, int Status)>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/m/", StringComparison.Ordinal))
            {
                playback.Add((response.Request.Headers.GetValueOrDefault("range") ?? string.Empty, response.Status));
            }
        };

        await page.FillAsync("#media-prefix", "browser/");
        await page.Locator("#upload-input").SetInputFilesAsync(wav);
        await Expect(page.Locator("#uploads li[data-name='browser/long-tone'] .status")).ToContainTextAsync("stored");
        var listed = page.Locator("#media-table a[data-name='browser/long-tone']");
        await Expect(listed).ToBeVisibleAsync();
        await listed.ClickAsync();
        await Expect(page.Locator("#details-name")).ToHaveTextAsync("browser/long-tone");
        await Expect(page.Locator("#details-fields")).ToContainTextAsync("pcm");

        await page.ClickAsync("#details-play");
        await PlaysPastAsync(page, 1);
        await ChromiumFixture.ScreenshotAsync(page, "admin-media");

        // Seek near the end: the browser asks for the bytes from there on with a Range request.
        await page.EvalOnSelectorAsync("#player", "player => { player.currentTime = 25; }");
        await PlaysPastAsync(page, 25.5);
        Assert.Contains(playback, seen => seen.Range.StartsWith("bytes=", StringComparison.Ordinal) && seen.Status == 206);
    }

    [SkippableFact]
    public async Task RefusedUpload_IsExplainedAsASentence()
    {
        await using var context = await chromium.NewContextAsync(silo.Silo.HttpBase);
        var page = await LogInAsync(context, KeyedSiloFixture.WriterKey);
        var garbage = new byte[4096];
        new Random(14).NextBytes(garbage);

        await page.FillAsync("#media-prefix", "browser/");
        await page.Locator("#upload-input").SetInputFilesAsync(new FilePayload { Name = "garbage.wav", MimeType = "audio/wav", Buffer = garbage });

        var status = page.Locator("#uploads li[data-name='browser/garbage'].failed .status");
        await Expect(status).ToContainTextAsync("Invalid WAV");
        var text = await status.InnerTextAsync();
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.EndsWith(".", text, StringComparison.Ordinal);
        await Expect(page.Locator("#notice")).ToContainTextAsync("garbage.wav was not stored: Invalid WAV");
        await ChromiumFixture.ScreenshotAsync(page, "admin-refused-upload");
        Assert.Equal(404, (await silo.Admin.GetMediaAsync("browser/garbage")).Status);
    }

    [SkippableFact]
    public async Task Recording_IsWatchedFromReceivingToComplete_WithoutReload_ThenStored()
    {
        var mp3 = await LongMp3Async();
        await using var context = await chromium.NewContextAsync(silo.Silo.HttpBase);
        var page = await LogInAsync(context, KeyedSiloFixture.AdminKey);
        await page.GotoAsync("/admin/#recordings");
        var loads = 0;
        page.Load += (_, _) => Interlocked.Increment(ref loads);

        await page.FillAsync("#allocate-name", "browser/call-1");
        await page.ClickAsync("#allocate button[type=submit]");
        var url = page.Locator("#allocated-url");
        await Expect(url).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^shout://"));
        var row = page.Locator("#recordings-table tr[data-name='browser/call-1']");
        await Expect(row.Locator(".state")).ToHaveTextAsync("allocated");

        var source = SourceClients.ModShoutAsync(ShoutUrl.Parse(await url.InputValueAsync()), mp3);
        await Expect(row.Locator(".state")).ToHaveTextAsync("receiving");
        var early = await row.Locator(".bytes").InnerTextAsync();
        await ChromiumFixture.ScreenshotAsync(page, "admin-recordings");
        var sent = await source;
        Assert.True(sent.ExitCode == 0, $"modshout-client failed ({sent.ExitCode}): {sent.Stderr}");
        await Expect(row.Locator(".state")).ToHaveTextAsync("complete", new() { Timeout = 15_000 });
        Assert.NotEqual(early, await row.Locator(".bytes").InnerTextAsync());
        Assert.Equal(0, Volatile.Read(ref loads));

        await row.Locator(".play").ClickAsync();
        await PlaysPastAsync(page, 1);

        await row.Locator(".store input").FillAsync("browser/stored-call");
        await row.Locator(".store button").ClickAsync();
        await Expect(row.Locator(".state")).ToHaveTextAsync("stored");
        await Expect(row.Locator(".stored")).ToHaveTextAsync("browser/stored-call");
        var (status, media) = await silo.Admin.GetMediaAsync("browser/stored-call");
        Assert.Equal(200, status);
        Assert.Equal("mp3", media.GetProperty("codec").GetString());
    }

    [SkippableFact]
    public async Task Cluster_ShowsTheSilo_ItsTiers_AndTheBus()
    {
        await using var context = await chromium.NewContextAsync(silo.Silo.HttpBase);
        var page = await LogInAsync(context, KeyedSiloFixture.ReaderKey);
        await page.GotoAsync("/admin/#cluster");

        await Expect(page.Locator("#silos-table tbody tr[data-status='active']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#bus-state")).ToHaveTextAsync("disabled");
        await Expect(page.Locator(".tier")).ToHaveCountAsync(3);
        await Expect(page.Locator("a[href='/dashboard']")).ToBeVisibleAsync();
        await Expect(page.Locator("a[href='/metrics']")).ToBeVisibleAsync();
        // A reader is offered nothing it may not do.
        await page.GotoAsync("/admin/#media");
        await Expect(page.Locator("#drop-zone")).ToBeHiddenAsync();
        await page.GotoAsync("/admin/#cluster");
        await Expect(page.Locator(".tier").First).ToBeVisibleAsync();
        await ChromiumFixture.ScreenshotAsync(page, "admin-cluster");
    }

    [SkippableFact]
    public async Task Dashboard_OpensForAnAdminSession_AndExplainsItselfToOthers()
    {
        await using var context = await chromium.NewContextAsync(silo.Silo.HttpBase);
        var anonymous = await context.NewPageAsync();
        var refused = await anonymous.GotoAsync("/dashboard/");
        Assert.Equal(401, refused!.Status);
        await Expect(anonymous.Locator("body")).ToContainTextAsync("log in at /admin/login");
        await ChromiumFixture.ScreenshotAsync(anonymous, "dashboard-refused");

        var page = await LogInAsync(context, KeyedSiloFixture.AdminKey);
        var opened = await page.GotoAsync("/dashboard/");
        Assert.Equal(200, opened!.Status);
        await Expect(page).ToHaveTitleAsync("Orleans Dashboard");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await ChromiumFixture.ScreenshotAsync(page, "dashboard");
    }

    [SkippableFact]
    public async Task WrongKey_IsRefusedWithASentence_AndLogoutEndsTheSession()
    {
        await using var context = await chromium.NewContextAsync(silo.Silo.HttpBase);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/login$"));
        await page.FillAsync("#api-key", "not-a-key-of-this-silo-at-all");
        await page.ClickAsync("#login-form button");
        await Expect(page.Locator("#login-error")).ToHaveTextAsync("That is not an API key this silo knows.");
        await ChromiumFixture.ScreenshotAsync(page, "admin-login");

        page = await LogInAsync(context, KeyedSiloFixture.AdminKey);
        await Expect(page.Locator("#who")).ToHaveTextAsync("ops (admin)");
        await ChromiumFixture.ScreenshotAsync(page, "admin-page");
        await page.ClickAsync("#logout");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/login$"));
        Assert.DoesNotContain(await context.CookiesAsync(), cookie => cookie.Name == "mediaorleans_session");
    }

    // Waits until the page's player is past `seconds`; a failure says what the player and the page said.
    private static async Task PlaysPastAsync(IPage page, double seconds)
    {
        try
        {
            await page.WaitForFunctionAsync("s => document.getElementById('player').currentTime > s", seconds);
        }
        catch (TimeoutException)
        {
            var state = await page.EvaluateAsync<string>(
                "() => { const p = document.getElementById('player'); return `src=${p.currentSrc} time=${p.currentTime} ready=${p.readyState} "
                + "network=${p.networkState} error=${p.error?.code}:${p.error?.message} notice=${document.getElementById('notice').textContent}`; }");
            Assert.Fail($"the player did not get past {seconds} s: {state}");
        }
    }

    private static async Task<IPage> LogInAsync(IBrowserContext context, string key)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#login-form button");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/$"));
        await Expect(page.Locator("#who")).Not.ToBeEmptyAsync();
        return page;
    }

    // 30 s at 44.1 kHz (2.6 MB): long enough that a seek lands past what the first request fetched.
    private static Task<string> LongWavAsync() => MakeAsync("long-tone.wav",
        "sox -n -r 44100 -c 1 -b 16 -e signed-integer long-tone.wav synth 30 sine 440 vol 0.5");

    // 8 s as mod_shout records an 8 kHz call: several polls see it receiving.
    private static Task<string> LongMp3Async() => MakeAsync("call-8s.mp3",
        "sox -n -r 8000 -c 1 -b 16 -e signed-integer call-8s.wav synth 8 sine 440 vol 0.5 && lame --quiet -t -b 16 call-8s.wav call-8s.mp3");

    private static async Task<string> MakeAsync(string file, string commands)
    {
        Requirements.Tools("sox", "lame");
        var folder = Directory.CreateTempSubdirectory("mediaorleans-browser-").FullName;
        var made = await ProcessRunner.BashAsync($"cd '{folder}' && {commands}", TimeSpan.FromSeconds(60));
        Assert.True(made.ExitCode == 0, made.Stderr);
        return Path.Combine(folder, file);
    }
}
