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
        // late (a test host, a command-line override) still decides it. The options are built once per host, not
        // per request (a profile of the check-in found their building at 5–8 % of the app's CPU): nothing in them
        // depends on the request, the context carries the request's scope itself.
        services.AddDbContext<SqliteAppDbContext>((sp, o) => o
            .UseSqlite(SqliteConnection(sp.GetRequiredService<IConfiguration>()))
            .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<Features.Indicators.StaleMarks>(), SqlitePragmas.Instance)
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)),
            optionsLifetime: ServiceLifetime.Singleton);
        services.AddDbContext<PostgresAppDbContext>((sp, o) => o
            .UseNpgsql(PostgresConnection(sp.GetRequiredService<IConfiguration>()))
            .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<Features.Indicators.StaleMarks>())
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)),
            optionsLifetime: ServiceLifetime.Singleton);
        services.AddScoped<AppDbContext>(sp => IsSqlite(sp.GetRequiredService<IConfiguration>())
            ? sp.GetRequiredService<SqliteAppDbContext>()
            : sp.GetRequiredService<PostgresAppDbContext>());
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
