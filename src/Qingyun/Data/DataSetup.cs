using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Qingyun.Security;

namespace Qingyun.Data;

/// <summary>Database:Provider = Sqlite (default, a file under ./data/) or Postgres; ConnectionStrings:Qingyun.</summary>
public static class DataSetup
{
    public static bool IsSqlite(IConfiguration config) => config["Database:Provider"] switch
    {
        null or "" => true,
        var p when p.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => true,
        var p when p.Equals("Postgres", StringComparison.OrdinalIgnoreCase) => false,
        var p => throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not “{p}”."),
    };

    public static string DataFolder(IConfiguration config) =>
        Path.GetFullPath(config["Database:DataFolder"] ?? "data");

    public static WebApplicationBuilder AddQingyunData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<Features.Indicators.StaleMarks>();
        // The provider is chosen when the context is first resolved, not here, so configuration added
        // late (a test host, a command-line override) still decides it. Contexts are pooled: a profile of the
        // check-in found building options and a context's internal services at a fifth of the app's CPU. Nothing in
        // the options depends on the request; the request's scope is set on the context each time it is handed out.
        services.AddPooledDbContextFactory<SqliteAppDbContext>((sp, o) => o
            .UseSqlite(SqliteConnection(sp.GetRequiredService<IConfiguration>()))
            .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<Features.Indicators.StaleMarks>(), SqlitePragmas.Instance)
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)));
        services.AddPooledDbContextFactory<PostgresAppDbContext>((sp, o) => o
            .UseNpgsql(PostgresConnection(sp.GetRequiredService<IConfiguration>()))
            .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<Features.Indicators.StaleMarks>())
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)));
        // Disposed with the request's services, which hands the context back to its pool. The provider is read from
        // the configuration at the first context and kept (reading it for each request's context was 0.4 % of the app).
        var provider = 0;
        services.AddScoped<AppDbContext>(sp =>
        {
            if (provider == 0)
            {
                provider = IsSqlite(sp.GetRequiredService<IConfiguration>()) ? 1 : 2;
            }
            AppDbContext db = provider == 1
                ? sp.GetRequiredService<IDbContextFactory<SqliteAppDbContext>>().CreateDbContext()
                : sp.GetRequiredService<IDbContextFactory<PostgresAppDbContext>>().CreateDbContext();
            db.Scope = sp.GetRequiredService<CurrentScope>();
            return db;
        });
        return builder;
    }

    private static string SqliteConnection(IConfiguration config)
    {
        var connection = config.GetConnectionString("Qingyun");
        if (!string.IsNullOrEmpty(connection))
        {
            return connection;
        }
        var folder = DataFolder(config);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "qingyun.db")}";
    }

    /// <summary>
    /// The configured connection string with two defaults the operator may override: statements used twice
    /// are prepared on each pooled connection (PostgreSQL then skips parsing and planning the same query again),
    /// and a connection handed back to the pool is not reset, which would drop those prepared statements. Qingyun
    /// never changes session state (no SET, no temporary tables, no advisory locks), so there is nothing to reset.
    /// </summary>
    public static string PostgresConnection(IConfiguration config)
    {
        var connection = config.GetConnectionString("Qingyun");
        if (string.IsNullOrEmpty(connection))
        {
            throw new InvalidOperationException("ConnectionStrings:Qingyun must be set when Database:Provider is Postgres.");
        }
        // Read for every DbContext, i.e. every request: parse the string once, not twice per request.
        if (_postgres is { } last && last.Given == connection)
        {
            return last.Built;
        }
        // The plain builder holds only the keys the string names (Npgsql's own answers for every known key).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection };
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            b.MaxAutoPrepare = 64;
        }
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            b.NoResetOnClose = true;
        }
        _postgres = new DerivedConnection(connection, b.ConnectionString);
        return b.ConnectionString;
    }

    private sealed record DerivedConnection(string Given, string Built);

    private static DerivedConnection? _postgres;

    /// <summary>Brings the schema up to date; run on start and by `qingyun migrate`.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(ct);
    }
}
