using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Audit;
using Qingyun.Security;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Accounts;

public abstract class SignInTests(QingyunApp app)
{
    private async Task<string> NewAccountAsync(string name, string? phone = null, bool mustChange = false) =>
        await app.AsSystemAsync(async (sp, db) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = name, DisplayName = name, PhoneNumber = phone, HomeUnitId = app.World.CommunityA.Id, MustChangePassword = mustChange, CreatedAt = DateTimeOffset.UtcNow };
            await users.CreateAsync(user, QingyunApp.Password);
            db.Grants.Add(new Domain.Access.Grant { UserId = user.Id, UnitId = app.World.CommunityA.Id, Role = Domain.Access.Role.Cadre, GrantedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            return name;
        });

    [Fact]
    public async Task SignInByMobilePhone_Works_AndIsAudited()
    {
        var pages = await app.PagesAsAsync("13900139000");
        Assert.Equal(HttpStatusCode.OK, (await pages.Http.GetAsync("/units")).StatusCode);
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Login && a.UserName == World.AdminA)));
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenForTheRightPassword()
    {
        var name = await NewAccountAsync("lockme");
        var pages = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await pages.PostFormAsync("/account/login", new() { ["Login"] = name, ["Password"] = "wrong-pass-1" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await pages.PostFormAsync("/account/login", new() { ["Login"] = name, ["Password"] = QingyunApp.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("账号已锁定 15 分钟", await right.Content.ReadAsStringAsync());
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.CountAsync(a => a.Action == AuditAction.LoginFailed && a.UnitId == app.World.CommunityA.Id)) >= 5);
    }

    [Fact]
    public async Task AWrongPassword_SaysSoWithoutRevealingWhetherTheAccountExists()
    {
        var pages = app.Anonymous();
        var unknown = await (await pages.PostFormAsync("/account/login", new() { ["Login"] = "nobody-here", ["Password"] = "x" })).Content.ReadAsStringAsync();
        var known = await (await pages.PostFormAsync("/account/login", new() { ["Login"] = World.CadreA, ["Password"] = "x" })).Content.ReadAsStringAsync();
        Assert.Contains("账号或密码错误", unknown);
        Assert.Contains("账号或密码错误", known);
    }

    [Fact]
    public async Task AFirstSignIn_MustChangeThePasswordBeforeAnythingElse()
    {
        var name = await NewAccountAsync("newbie", mustChange: true);
        var pages = app.Anonymous();
        var login = await pages.PostFormAsync("/account/login", new() { ["Login"] = name, ["Password"] = QingyunApp.Password });
        Assert.Equal("/account/change-password", login.Headers.Location?.ToString());
        var units = await pages.Http.GetAsync("/units");
        Assert.Equal("/account/change-password", units.Headers.Location?.ToString());

        var mismatch = await pages.PostFormAsync("/account/change-password", new() { ["Current"] = QingyunApp.Password, ["New"] = "Brand-new-2026", ["Confirm"] = "Other-2026" });
        Assert.Contains("两次输入的新密码不一致", await mismatch.Content.ReadAsStringAsync());
        var weak = await pages.PostFormAsync("/account/change-password", new() { ["Current"] = QingyunApp.Password, ["New"] = "short", ["Confirm"] = "short" });
        Assert.Contains("密码至少 8 位", await weak.Content.ReadAsStringAsync());

        var changed = await pages.PostFormAsync("/account/change-password", new() { ["Current"] = QingyunApp.Password, ["New"] = "Brand-new-2026", ["Confirm"] = "Brand-new-2026" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pages.Http.GetAsync("/units")).StatusCode);
    }

    [Fact]
    public async Task AnAdminResetsAPasswordInScope_TheOldOneStopsWorking()
    {
        var name = await NewAccountAsync("forgetful");
        var id = await app.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync());
        var admin = await app.PagesAsAsync(World.AdminA);
        var reset = await admin.PostFormAsync($"/accounts/{id}?handler=Reset", new(), tokenFrom: $"/accounts/{id}");
        var html = await reset.Content.ReadAsStringAsync();
        var temp = System.Text.RegularExpressions.Regex.Match(html, "id=\"temp-password\">([^<]+)<").Groups[1].Value;
        Assert.Equal(10, temp.Length);

        var old = await app.Anonymous().PostFormAsync("/account/login", new() { ["Login"] = name, ["Password"] = QingyunApp.Password });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var fresh = await app.Anonymous().PostFormAsync("/account/login", new() { ["Login"] = name, ["Password"] = temp });
        Assert.Equal("/account/change-password", fresh.Headers.Location?.ToString());

        var otherAdmin = await app.PagesAsAsync(World.AdminB);
        var refused = await otherAdmin.PostFormAsync($"/accounts/{id}?handler=Reset", new(), tokenFrom: "/accounts");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task AnAdminCreatesAnAccount_WithATemporaryPassword_AndCannotHandOutMoreThanTheyHold()
    {
        var admin = await app.PagesAsAsync(World.AdminA);
        var created = await admin.PostFormAsync("/accounts/create", new()
        {
            ["Input.UserName"] = "branch-cadre", ["Input.DisplayName"] = "支部书记", ["Input.UnitId"] = app.World.BranchA1.Id.ToString(), ["Input.Role"] = "Cadre",
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("temp-password", await created.Content.ReadAsStringAsync());

        var tooMuch = await admin.PostFormAsync("/accounts/create", new()
        {
            ["Input.UserName"] = "would-be-root", ["Input.DisplayName"] = "越权", ["Input.UnitId"] = app.World.CommunityA.Id.ToString(), ["Input.Role"] = "SystemAdmin",
        });
        Assert.Equal(HttpStatusCode.Forbidden, tooMuch.StatusCode);
        Assert.Contains("角色：您不能授予该角色", await tooMuch.Content.ReadAsStringAsync());
        Assert.False(await app.AsSystemAsync((_, db) => db.Users.AnyAsync(u => u.UserName == "would-be-root")));
    }

    [Fact]
    public async Task ATokenActsWithItsOwnersScope_AndStopsWhenRevoked()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var created = await pages.PostFormAsync("/account/tokens?handler=Create", new() { ["Name"] = "数据共享", ["Days"] = "30" }, tokenFrom: "/account/tokens");
        var token = System.Text.RegularExpressions.Regex.Match(await created.Content.ReadAsStringAsync(), "id=\"new-token\">([^<]+)<").Groups[1].Value;
        Assert.StartsWith("qy_", token, StringComparison.Ordinal);
        Assert.False(await app.AsSystemAsync((_, db) => db.ApiTokens.AnyAsync(t => t.Hash == token)));

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/units/{app.World.CommunityA.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/units/{app.World.CommunityB.Id}")).StatusCode);

        var id = await app.AsSystemAsync((_, db) => db.ApiTokens.Where(t => t.Name == "数据共享").Select(t => t.Id).SingleAsync());
        await pages.PostFormAsync($"/account/tokens?handler=Revoke&id={id}", new(), tokenFrom: "/account/tokens");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/units/{app.World.CommunityA.Id}")).StatusCode);
    }
}

public sealed class SignInOnSqlite(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;

public sealed class SignInOnPostgres(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;
