using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A private pouchdb-server (CouchDB's HTTP API) on a free loopback port, keeping its databases
/// (LevelDB) and config in a temp folder, with an admin account, so it can be stopped and started
/// again with its data. Stopped by PID. Installed by scripts/install-test-deps.sh.
/// </summary>
public sealed class PouchDbServer : IAsyncDisposable
{
    /// <summary>Admin user the tests and the silo authenticate as.</summary>
    public const string User = "mediaadmin";

    /// <summary>Admin password; never expected in a silo's output.</summary>
    public const string Password = "pouch-Secret-4711";

    private readonly string _folder;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private PouchDbServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(120) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
    }

    /// <summary>The pouchdb-server launcher in the project's tools folder.</summary>
    public static string Executable => Path.Combine(RepoPaths.Tools, "node_modules", ".bin", "pouchdb-server");

    /// <summary>TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Server URL with the admin credentials in it, as <c>Media:CouchDb:Url</c> takes it.</summary>
    public string UrlWithCredentials => $"http://{User}:{Password}@127.0.0.1:{Port}";

    /// <summary>An authenticated client of the server.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts a server and creates its admin (skips, or fails under CI, if it is not installed).</summary>
    public static async Task<PouchDbServer> StartAsync()
    {
        Requirements.Tools("node", Executable);
        var server = new PouchDbServer(Directory.CreateTempSubdirectory("mediaorleans-pouchdb-").FullName, FreePorts.Next());
        await server.StartProcessAsync();
        using var admin = new StringContent($"\"{Password}\"");
        using var anonymous = new HttpClient { BaseAddress = server.Http.BaseAddress };
        using var created = await anonymous.PutAsync(new Uri($"_config/admins/{User}", UriKind.Relative), admin);
        Assert.True(created.IsSuccessStatusCode, $"creating the admin answered {(int)created.StatusCode}");
        return server;
    }

    /// <summary>Stops the server (SIGKILL, as a crash) keeping its data.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(deadline.Token);
        }
    }

    /// <summary>Starts the stopped server again on the same port with the same data.</summary>
    public Task RestartAsync() => StartProcessAsync();

    /// <summary>Creates a database.</summary>
    public async Task CreateDatabaseAsync(string database)
    {
        using var response = await Http.PutAsync(new Uri(Escape(database), UriKind.Relative), null);
        Assert.True(response.IsSuccessStatusCode, $"PUT /{database} answered {(int)response.StatusCode}");
    }

    /// <summary>Writes a document (with its <c>_rev</c> if it exists) and answers the new revision.</summary>
    public async Task<string> PutDocumentAsync(string database, string document, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await Http.PutAsync(new Uri($"{Escape(database)}/{Escape(document)}", UriKind.Relative), content);
        return await RevisionAsync(response);
    }

    /// <summary>Puts an attachment (new document when <paramref name="rev"/> is null) and answers the new revision.</summary>
    public async Task<string> PutAttachmentAsync(string database, string document, string attachment, string? rev, byte[] bytes, string contentType)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var query = rev is null ? string.Empty : "?rev=" + Uri.EscapeDataString(rev);
        using var response = await Http.PutAsync(new Uri($"{Escape(database)}/{Escape(document)}/{Escape(attachment)}{query}", UriKind.Relative), content);
        return await RevisionAsync(response);
    }

    /// <summary>The current document, or null.</summary>
    public async Task<JsonObject?> GetDocumentAsync(string database, string document, string query = "")
    {
        using var response = await Http.GetAsync(new Uri($"{Escape(database)}/{Escape(document)}{query}", UriKind.Relative));
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
    }

    /// <summary>The attachment's bytes.</summary>
    public async Task<byte[]> GetAttachmentAsync(string database, string document, string attachment) =>
        await Http.GetByteArrayAsync(new Uri($"{Escape(database)}/{Escape(document)}/{Escape(attachment)}", UriKind.Relative));

    /// <summary>Everything the server printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // LevelDB may still hold a lock file for a moment; the temp folder is left behind then.
        }
    }

    /// <summary>A database name as it goes into a URL path (account databases contain '/').</summary>
    public static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static async Task<string> RevisionAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"pouchdb answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["rev"]!.GetValue<string>();
    }

    private async Task StartProcessAsync()
    {
        _process?.Dispose();
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                Executable, "--host", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--dir", Path.Combine(_folder, "db"), "--config", Path.Combine(_folder, "config.json"), "--no-stdout-logs",
            },
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Directory.CreateDirectory(Path.Combine(_folder, "db"));
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"pouchdb-server exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await probe.GetAsync(Http.BaseAddress);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"pouchdb-server not ready within 30 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
