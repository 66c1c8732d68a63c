using System.Net;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests;

public abstract class HealthTests(QingyunApp app)
{
    [Fact]
    public async Task HealthzReportsTheDatabaseProviderAndNoPendingMigrations()
    {
        var response = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        var data = json.GetProperty("checks").GetProperty("database").GetProperty("data");
        Assert.Equal(app.Provider, data.GetProperty("provider").GetString());
        Assert.Equal(0, data.GetProperty("pendingMigrations").GetInt32());
    }

    [Fact]
    public async Task TheOpenApiDocumentListsTheUnitsAndPeopleEndpoints()
    {
        var text = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/units", text);
        Assert.Contains("/api/v1/people/{id}/reveal", text);
        Assert.Contains("\"bearer\"", text);
        Assert.Contains("/api/v1/members", text);
    }
}

public sealed class HealthOnSqlite(SqliteApp app) : HealthTests(app), IClassFixture<SqliteApp>;

public sealed class HealthOnPostgres(PostgresApp app) : HealthTests(app), IClassFixture<PostgresApp>;
