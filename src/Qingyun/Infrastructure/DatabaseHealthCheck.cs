using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Qingyun.Data;

namespace Qingyun.Infrastructure;

/// <summary>/healthz: can the database be reached, which provider, are migrations pending.</summary>
public sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    private static volatile bool s_upToDate;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = db.Database.IsNpgsql() ? "Postgres" : "Sqlite";
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("unreachable", data: new Dictionary<string, object> { ["provider"] = provider });
            }
            // Reading the migrations takes ~10 ms of reflection; once none are pending, none can become pending
            // until the next release restarts the process, and a load balancer asks every few seconds.
            var pending = s_upToDate ? 0 : (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            s_upToDate = pending == 0;
            var data = new Dictionary<string, object> { ["provider"] = provider, ["pendingMigrations"] = pending };
            return pending == 0 ? HealthCheckResult.Healthy("ok", data) : HealthCheckResult.Degraded("migrations pending", data: data);
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("error", ex, new Dictionary<string, object> { ["provider"] = provider });
        }
    }

    public static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
