using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Qingyun.Security;

namespace Qingyun.Data;

/// <summary>Database:Provider = Sqlite (default, a file under ./data/) or Postgres; ConnectionStrings:Qingyun.</summary>
public static class DataSetup
{
    public static bool IsSqlite(IConfiguration config) =>
        !string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);

    public static string DataFolder(IConfiguration config) =>
        Path.GetFullPath(config["Database:DataFolder"] ?? "data");

    public static WebApplicationBuilder AddQingyunData(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditInterceptor>();
        var connection = config.GetConnectionString("Qingyun");
        if (IsSqlite(config))
        {
            if (string.IsNullOrEmpty(connection))
            {
                var folder = DataFolder(config);
                Directory.CreateDirectory(folder);
                connection = $"Data Source={Path.Combine(folder, "qingyun.db")}";
            }
            services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o
                .UseSqlite(connection, s => s.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
                .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), SqlitePragmas.Instance)
                .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)));
        }
        else
        {
            if (string.IsNullOrEmpty(connection))
            {
                throw new InvalidOperationException("ConnectionStrings:Qingyun must be set when Database:Provider is Postgres.");
            }
            services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o
                .UseNpgsql(connection)
                .AddInterceptors(sp.GetRequiredService<AuditInterceptor>())
                .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)));
        }
        return builder;
    }

    /// <summary>Brings the schema up to date; run on start and by `qingyun migrate`.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(ct);
    }
}
