using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Audit;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Audit;

public abstract class AuditLogTests(QingyunApp app)
{
    [Fact]
    public async Task EveryWriteLeavesWhoWhenWhereAndWhatChanged()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var created = await (await api.PostJsonAsync("/api/v1/units", new { parentId = app.World.CommunityA.Id, code = "AU-1", name = "审计前", kind = "Community", bodyType = "Branch" })).ReadJsonAsync();
        var id = created.GetProperty("id").GetGuid();
        await api.PutJsonAsync($"/api/v1/units/{id}", new { name = "审计后", kind = "Community", bodyType = "Branch" });
        var entries = await app.AsSystemAsync((_, db) => db.AuditEntries.Where(a => a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([AuditAction.Create, AuditAction.Update], entries.Select(e => e.Action).ToArray());
        var update = entries[1];
        Assert.Equal(World.AdminA, update.UserName);
        Assert.Equal(id, update.UnitId);
        Assert.NotNull(update.UserId);
        Assert.Contains("\"Name\":[\"审计前\",\"审计后\"]", update.Changes);
    }

    [Fact]
    public async Task TheDatabaseRefusesToChangeOrDeleteAnAuditLine()
    {
        var update = await app.AsSystemAsync(async (_, db) =>
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditLog\" SET \"UserName\" = 'forger'");
                return "updated";
            }
            catch (Exception ex)
            {
                return ex.Message;
            }
        });
        Assert.Contains("append-only", update);
        var delete = await app.AsSystemAsync(async (_, db) =>
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditLog\"");
                return "deleted";
            }
            catch (Exception ex)
            {
                return ex.Message;
            }
        });
        Assert.Contains("append-only", delete);
        Assert.False(await app.AsSystemAsync((_, db) => db.AuditEntries.AnyAsync(a => a.UserName == "forger")));
    }

    [Fact]
    public async Task AnAdminSearchesTheLogOfTheirOwnSubtreeOnly()
    {
        var adminB = await app.ApiAsAsync(World.AdminB);
        await adminB.PostJsonAsync("/api/v1/units", new { parentId = app.World.CommunityB.Id, code = "AU-B", name = "乙方新建", kind = "Community", bodyType = "Branch" });
        var adminA = await app.ApiAsAsync(World.AdminA);
        var mine = await adminA.GetAsync("/api/v1/audit?entityType=OrgUnit");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.DoesNotContain("乙方新建", await mine.Content.ReadAsStringAsync());
        var district = await app.ApiAsAsync(World.DistrictAdmin);
        Assert.Contains("乙方新建", await (await district.GetAsync($"/api/v1/audit?unitId={app.World.CommunityB.Id}")).Content.ReadAsStringAsync());
        var cadre = await app.ApiAsAsync(World.CadreA);
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task TheAuditPageFiltersByAction()
    {
        var pages = await app.PagesAsAsync(World.DistrictAdmin);
        var html = await pages.Http.GetStringAsync("/audit?Action=Login");
        var table = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..];
        Assert.Contains("<td>登录</td>", table);
        Assert.DoesNotContain("<td>新建</td>", table);
    }
}

public sealed class AuditLogOnSqlite(SqliteApp app) : AuditLogTests(app), IClassFixture<SqliteApp>;

public sealed class AuditLogOnPostgres(PostgresApp app) : AuditLogTests(app), IClassFixture<PostgresApp>;
