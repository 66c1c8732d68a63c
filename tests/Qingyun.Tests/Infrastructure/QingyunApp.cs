using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Tests.Infrastructure;

/// <summary>
/// The real app on a real database: SQLite in a temp file, or a database on the PostgreSQL server the
/// tests start themselves. Each fixture instance gets its own empty database, migrated and seeded
/// with <see cref="World"/>.
/// </summary>
public abstract partial class QingyunApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Test-pass-2026";

    private string? _connection;

    public World World { get; private set; } = null!;

    /// <summary>The app's <see cref="TimeProvider"/>: real time, moved forward by tests that need it.</summary>
    public TestClock Clock { get; } = new();

    public abstract string Provider { get; }

    protected abstract Task<string> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _connection = await CreateDatabaseAsync();
        await DataSetup.MigrateAsync(Services);
        World = await World.SeedAsync(Services);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Qingyun", _connection);
        builder.UseSetting("Security:DataKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Security:IndexKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Database:DataFolder", Path.Combine(Path.GetTempPath(), "qingyun-tests"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Runs work with the services of one request scope, as the system (unrestricted).</summary>
    public async Task<T> AsSystemAsync<T>(Func<IServiceProvider, AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("test");
        return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>An API client authenticated by a personal access token of the named account.</summary>
    public async Task<HttpClient> ApiAsAsync(string userName)
    {
        var clear = await AsSystemAsync(async (sp, db) =>
        {
            var user = await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName)
                ?? throw new InvalidOperationException($"no user {userName}");
            var clearToken = ApiToken.ClearPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            db.ApiTokens.Add(new ApiToken
            {
                UserId = user.Id, Name = "test", Hash = TokenAuthenticationHandler.Hash(clearToken), Hint = "qy_test",
                CreatedAt = Clock.GetUtcNow(), ExpiresAt = Clock.GetUtcNow().AddDays(1),
            });
            await db.SaveChangesAsync();
            return clearToken;
        });
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", clear);
        return client;
    }

    /// <summary>A browser-like client signed in through the real login form (cookies, antiforgery).</summary>
    public async Task<PageClient> PagesAsAsync(string login, string password = Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var pages = new PageClient(client);
        var response = await pages.PostFormAsync("/account/login", new() { ["Login"] = login, ["Password"] = password });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"login as {login} failed: {(int)response.StatusCode}");
        }
        return pages;
    }

    public PageClient Anonymous() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
}

/// <summary>Razor Pages over HTTP: fetches a page's antiforgery token before posting a form, as a browser does.</summary>
public sealed partial class PageClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task<string> TokenAsync(string pageUrl)
    {
        var html = await Http.GetStringAsync(pageUrl);
        var match = TokenPattern().Match(html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"no antiforgery token on {pageUrl}");
    }

    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string?> fields, string? tokenFrom = null)
    {
        var token = await TokenAsync(tokenFrom ?? url.Split('?')[0]);
        fields["__RequestVerificationToken"] = token;
        return await Http.PostAsync(url, new FormUrlEncodedContent(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!))));
    }

    public async Task<HttpResponseMessage> PostMultipartAsync(string url, MultipartFormDataContent content, string tokenFrom)
    {
        content.Add(new StringContent(await TokenAsync(tokenFrom)), "__RequestVerificationToken");
        return await Http.PostAsync(url, content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class SqliteApp : QingyunApp
{
    private string? _file;

    public override string Provider => "Sqlite";

    protected override Task<string> CreateDatabaseAsync()
    {
        _file = Path.Combine(Path.GetTempPath(), $"qingyun-test-{Guid.NewGuid():N}.db");
        return Task.FromResult($"Data Source={_file};Pooling=False");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            if (f is not null && File.Exists(f))
            {
                File.Delete(f);
            }
        }
        GC.SuppressFinalize(this);
    }
}

public class PostgresApp : QingyunApp
{
    public override string Provider => "Postgres";

    protected override async Task<string> CreateDatabaseAsync()
    {
        var server = await PostgresServer.SharedAsync();
        return await server.CreateDatabaseAsync("qy");
    }

    /// <summary>
    /// A finished fixture's idle connections go back to the server: with dozens of fixtures on one server, pools
    /// left open would reach max_connections. Connections in use elsewhere are closed only when returned.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// PostgreSQL as the README deploys it: the app's role owns its database and is no superuser, so it migrates,
/// seeds and works without any privilege a superuser has (the member import then checks every key row by row).
/// </summary>
public sealed class PostgresOwnerApp : PostgresApp
{
    protected override async Task<string> CreateDatabaseAsync()
    {
        var server = await PostgresServer.SharedAsync();
        return await server.CreateOwnedDatabaseAsync("qy_owner");
    }
}
