using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Access;
using Qingyun.Security;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Accounts;

/// <summary>The ways around a grant that a reviewer tried; each must stay closed.</summary>
public abstract class AccountSecurityTests(QingyunApp app)
{
    private Task<Guid> AccountAsync(string name, Guid homeUnit, bool mustChange, params (Guid Unit, Role Role)[] grants) =>
        app.AsSystemAsync(async (sp, db) =>
        {
            var user = new AppUser { UserName = name, DisplayName = name, HomeUnitId = homeUnit, MustChangePassword = mustChange, CreatedAt = DateTimeOffset.UtcNow };
            await sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, QingyunApp.Password);
            foreach (var (unit, role) in grants)
            {
                db.Grants.Add(new Grant { UserId = user.Id, UnitId = unit, Role = role, GrantedAt = DateTimeOffset.UtcNow });
            }
            await db.SaveChangesAsync();
            return user.Id;
        });

    [Fact]
    public async Task ACommunityAdminCannotResetAnAccountThatAlsoHoldsDistrictRoles()
    {
        var w = app.World;
        var deputy = await AccountAsync("deputy", w.CommunityA.Id, false, (w.CommunityA.Id, Role.Cadre), (w.District.Id, Role.LeagueAdmin));
        var adminA = await app.PagesAsAsync(World.AdminA);
        var page = await adminA.Http.GetStringAsync($"/accounts/{deputy}");
        Assert.DoesNotContain(w.District.Name, page);
        var reset = await adminA.PostFormAsync($"/accounts/{deputy}?handler=Reset", new(), tokenFrom: $"/accounts/{deputy}");
        Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        Assert.Contains("该账号还拥有您管辖范围以外的角色", await reset.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await app.Anonymous().PostFormAsync("/account/login", new() { ["Login"] = "deputy", ["Password"] = QingyunApp.Password })).StatusCode);
    }

    [Fact]
    public async Task ATokenOpensTheApiButNotThePages()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/units")).StatusCode);
        var pages = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        pages.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;
        var tokens = await pages.GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.Redirect, tokens.StatusCode);
        Assert.Contains("/account/login", tokens.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ManyCallsAtOnce_AreReadTogether_AndEachActsAsItsOwnToken()
    {
        // API tokens are read in groups: calls arriving together share one query. Each must still be its own owner,
        // and a revoked or unknown token must not ride along with the others.
        var w = app.World;
        var adminA = await app.ApiAsAsync(World.AdminA);
        var adminB = await app.ApiAsAsync(World.AdminB);
        var district = await app.ApiAsAsync(World.DistrictAdmin);
        var revoked = await app.ApiAsAsync(World.AdminA);
        var revokedHash = TokenAuthenticationHandler.Hash(revoked.DefaultRequestHeaders.Authorization!.Parameter!);
        await app.AsSystemAsync(async (_, db) =>
        {
            var token = await db.ApiTokens.SingleAsync(t => t.Hash == revokedHash);
            token.RevokedAt = app.Clock.GetUtcNow();
            return await db.SaveChangesAsync();
        });
        var unknown = app.CreateClient();
        unknown.DefaultRequestHeaders.Authorization = new("Bearer", ApiToken.ClearPrefix + new string('0', 48));

        var callers = new (string Who, HttpClient Http)[] { ("A", adminA), ("B", adminB), ("district", district), ("revoked", revoked), ("unknown", unknown) };
        var calls = Enumerable.Range(0, 60).Select(i => callers[i % callers.Length]).Select(async c =>
        {
            using var response = await c.Http.GetAsync("/api/v1/units");
            return (c.Who, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        });
        var answers = await Task.WhenAll(calls);

        Assert.All(answers.Where(a => a.Who is "revoked" or "unknown"), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.All(answers.Where(a => a.Who is "A" or "B" or "district"), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.All(answers.Where(a => a.Who == "A"), a => Assert.DoesNotContain(w.CommunityB.Name, a.Body));
        Assert.All(answers.Where(a => a.Who == "A"), a => Assert.Contains(w.CommunityA.Name, a.Body));
        Assert.All(answers.Where(a => a.Who == "B"), a => Assert.DoesNotContain(w.CommunityA.Name, a.Body));
        Assert.All(answers.Where(a => a.Who == "B"), a => Assert.Contains(w.CommunityB.Name, a.Body));
        Assert.All(answers.Where(a => a.Who == "district"), a => Assert.Contains(w.District.Name, a.Body));
    }

    [Fact]
    public async Task AnAccountOfTwoUnits_ActsInBoth_ByTokenAndByPage_ButNotWhereItsGrantWasRevoked()
    {
        // The account and its grants are read as flat rows, one per live grant, and gathered in the app: every live
        // grant must count, a revoked one must not, and the grants keep the order of their ids on both paths.
        var w = app.World;
        var now = app.Clock.GetUtcNow();
        var id = await AccountAsync("two-units", w.CommunityA.Id, false);
        await app.AsSystemAsync(async (_, db) =>
        {
            // Written first, ordered last: the order must come from the ids, not from the rows' place on disk.
            db.Grants.Add(new Grant { Id = Guid.Parse("20000000-0000-7000-8000-000000000000"), UserId = id, UnitId = w.CommunityA.Id, Role = Role.LeagueAdmin, GrantedAt = now });
            await db.SaveChangesAsync();
            db.Grants.Add(new Grant { Id = Guid.Parse("10000000-0000-7000-8000-000000000000"), UserId = id, UnitId = w.CommunityB.Id, Role = Role.LeagueAdmin, GrantedAt = now });
            db.Grants.Add(new Grant { UserId = id, UnitId = w.Street.Id, Role = Role.LeagueAdmin, GrantedAt = now, RevokedAt = now });
            return await db.SaveChangesAsync();
        });

        var api = await app.ApiAsAsync("two-units");
        var others = await app.ApiAsAsync(World.AdminA);
        // Read in one group with another account's token: each keeps its own grants.
        var answers = await Task.WhenAll(api.GetStringAsync("/api/v1/units"), others.GetStringAsync("/api/v1/units"), api.GetStringAsync("/api/v1/units"));
        foreach (var units in new[] { answers[0], answers[2] })
        {
            Assert.Contains(w.CommunityA.Name, units);
            Assert.Contains(w.CommunityB.Name, units);
            Assert.DoesNotContain(w.Street.Name, units);
        }
        Assert.DoesNotContain(w.CommunityB.Name, answers[1]);

        var home = await (await app.PagesAsAsync("two-units")).Http.GetStringAsync("/");
        var b = home.IndexOf($"href=\"/units/{w.CommunityB.Id}\">{w.CommunityB.Name}<", StringComparison.Ordinal);
        var a = home.IndexOf($"href=\"/units/{w.CommunityA.Id}\">{w.CommunityA.Name}<", StringComparison.Ordinal);
        Assert.True(b >= 0 && a > b, $"the grants on the home page, B's grant (the lower id) first: B at {b}, A at {a}");
        Assert.DoesNotContain($"href=\"/units/{w.Street.Id}\"", home);
    }

    [Fact]
    public async Task BeforeTheFirstPasswordChange_NeitherTheApiNorTokensWork()
    {
        await AccountAsync("fresh", app.World.CommunityA.Id, true, (app.World.CommunityA.Id, Role.LeagueAdmin));
        var pages = app.Anonymous();
        await pages.PostFormAsync("/account/login", new() { ["Login"] = "fresh", ["Password"] = QingyunApp.Password });
        var api = await pages.Http.GetAsync("/api/v1/people");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("请先登录网页修改初始密码", await api.Content.ReadAsStringAsync());
        Assert.Equal("/account/change-password", (await pages.Http.GetAsync("/account/tokens")).Headers.Location?.ToString());
        var token = await app.ApiAsAsync("fresh");
        Assert.Equal(HttpStatusCode.Forbidden, (await token.GetAsync("/api/v1/units")).StatusCode);
    }

    [Fact]
    public async Task AResetEndsOpenSessionsAndRevokesTokens()
    {
        var id = await AccountAsync("victim", app.World.CommunityA.Id, false, (app.World.CommunityA.Id, Role.Cadre));
        var session = await app.PagesAsAsync("victim");
        var token = await app.ApiAsAsync("victim");
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/units")).StatusCode);

        var admin = await app.PagesAsAsync(World.AdminA);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostFormAsync($"/accounts/{id}?handler=Reset", new(), tokenFrom: $"/accounts/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await session.Http.GetAsync("/units")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/units")).StatusCode);
        Assert.True(await app.AsSystemAsync((_, db) => db.ApiTokens.Where(t => t.UserId == id).AllAsync(t => t.RevokedAt != null)));
    }

    [Fact]
    public async Task AccountPhonesAreMaskedInTheAuditLog()
    {
        var admin = await app.PagesAsAsync(World.AdminA);
        await admin.PostFormAsync("/accounts/create", new()
        {
            ["Input.UserName"] = "phoned", ["Input.DisplayName"] = "有手机", ["Input.Phone"] = "13912345678", ["Input.UnitId"] = app.World.CommunityA.Id.ToString(), ["Input.Role"] = "Cadre",
        });
        var changes = await app.AsSystemAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "AppUser").Select(a => a.Changes).ToListAsync());
        Assert.DoesNotContain(changes, c => c!.Contains("13912345678", StringComparison.Ordinal));
        Assert.Contains(changes, c => c!.Contains("139****5678", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example")]
    public async Task TheLanguageSwitchNeverRedirectsOffSite(string returnUrl)
    {
        var response = await app.Anonymous().Http.GetAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task AuditDatesOutOfRange_Get400NamingTheField()
    {
        var api = await app.ApiAsAsync(World.DistrictAdmin);
        var response = await api.GetAsync("/api/v1/audit?from=0001-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("开始日期：应在 2000-01-01 到 2100-12-31 之间", await response.ProblemTextAsync());
    }
}

public sealed class AccountSecurityOnSqlite(SqliteApp app) : AccountSecurityTests(app), IClassFixture<SqliteApp>;

public sealed class AccountSecurityOnPostgres(PostgresApp app) : AccountSecurityTests(app), IClassFixture<PostgresApp>;
