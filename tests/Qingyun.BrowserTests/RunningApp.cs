using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace Qingyun.BrowserTests;

/// <summary>
/// The real app as a user gets it: its own process on a free loopback port, a fresh SQLite data folder,
/// the demo district seeded (`--demo`), served from src/Qingyun so static files come from wwwroot.
/// One app and one Chromium (Debian's, /usr/bin/chromium) for all journeys; each journey opens its own
/// browser context, so cookies never leak between them.
/// </summary>
public sealed class RunningApp : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _dataFolder;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public static string RepoRoot { get; } = FindRepoRoot();
    public static string Screenshots { get; } = Path.Combine(RepoRoot, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        var appDll = Path.Combine(RepoRoot, "src", "Qingyun", "bin", configuration, "net10.0", "qingyun.dll");
        if (!File.Exists(appDll))
        {
            throw new InvalidOperationException($"The app is not built: {appDll}");
        }
        _dataFolder = Path.Combine(Path.GetTempPath(), "qingyun-browser-" + Guid.NewGuid().ToString("N")[..8]);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(RepoRoot, "src", "Qingyun"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { appDll, "--demo", "--urls", BaseUrl, "--Database:DataFolder", _dataFolder, "--contentRoot", psi.WorkingDirectory, "--Logging:Console:FormatterName", "simple", "--environment", "Production" })
        {
            psi.ArgumentList.Add(a);
        }
        _process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start the app");
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync();
        // The first page render warms the app (JIT, views, antiforgery keys) before any journey's clock runs.
        using (var warm = new HttpClient { Timeout = TimeSpan.FromSeconds(60) })
        {
            await warm.GetStringAsync(BaseUrl + "/account/login");
        }

        Directory.CreateDirectory(Screenshots);
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_dataFolder is not null && Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    /// <summary>A fresh browser context (own cookies), signed in through the login form.</summary>
    public async Task<IPage> SignInAsync(string user, BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // A loaded two-core CI machine is slow; a journey fails on what it checks, not on the clock.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/account/login");
        await page.FillAsync("#Login", user);
        await page.FillAsync("#Password", "Qingyun2026");
        await page.ClickAsync("#login-submit");
        try
        {
            await page.WaitForURLAsync(BaseUrl + "/", new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            // Seen once on a loaded CI machine and never reproduced: say where the browser was and what the app logged.
            var body = await page.Locator("body").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 5_000 });
            throw new InvalidOperationException($"Sign-in as {user} did not reach /; the browser is at {page.Url} showing: "
                + body[..Math.Min(body.Length, 500)] + Environment.NewLine + "App log (tail):" + Environment.NewLine + OutputTail(), e);
        }
        return page;
    }

    private string OutputTail()
    {
        lock (_output)
        {
            var text = _output.ToString();
            return text[Math.Max(0, text.Length - 4000)..];
        }
    }

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                break;
            }
            try
            {
                if ((await http.GetAsync(BaseUrl + "/healthz")).StatusCode == HttpStatusCode.OK)
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
            await Task.Delay(500);
        }
        string output;
        lock (_output)
        {
            output = _output.ToString();
        }
        throw new InvalidOperationException($"The app did not become healthy at {BaseUrl}:\n{output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Qingyun.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<RunningApp>
{
    public const string Name = "app";
}
