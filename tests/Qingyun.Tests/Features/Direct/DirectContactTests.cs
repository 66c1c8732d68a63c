using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Direct;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Organization;
using Qingyun.Features.Direct;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Direct;

public abstract class DirectContactTests(QingyunApp app)
{
    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    private Task<int> LiveBindingsAsync(Guid termId) =>
        app.AsSystemAsync((_, db) => db.DirectBindings.IgnoreQueryFilters().CountAsync(b => b.CadreTermId == termId && b.EndedOn == null));

    private async Task<List<Guid>> PeopleAsync(OrgUnit unit, string prefix, int n)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < n; i++)
        {
            ids.Add(await app.NewPersonAsync(unit, $"{prefix}{i + 1}"));
        }
        return ids;
    }

    [Fact]
    public async Task ABranchCadre_HasTheDefaultQuotaOfTen_AndAnAdminMaySetThePostsOwnQuota()
    {
        var branch = await app.NewUnitAsync(app.World.CommunityA, "默认名额团支部", LeagueBodyType.Branch);
        var full = await app.NewUnitAsync(app.World.CommunityA, "专职名额社区");
        var branchTerm = await app.NewTermAsync(branch, await app.NewPersonAsync(branch, "支部书记"), kind: CadreKind.FullTime);
        var fullTerm = await app.NewTermAsync(full, await app.NewPersonAsync(full, "专职书记"), kind: CadreKind.FullTime);
        var api = await app.ApiAsAsync(World.AdminA);

        Assert.Equal(10, (await (await api.GetAsync($"/api/v1/direct/terms/{branchTerm}")).ReadJsonAsync()).GetProperty("quota").GetInt32());
        Assert.Equal(100, (await (await api.GetAsync($"/api/v1/direct/terms/{fullTerm}")).ReadJsonAsync()).GetProperty("quota").GetInt32());

        var set = await api.PutJsonAsync($"/api/v1/direct/terms/{branchTerm}/quota", new { contactQuota = 30 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var post = await set.ReadJsonAsync();
        Assert.Equal(30, post.GetProperty("quota").GetInt32());
        Assert.False(post.GetProperty("quotaIsDefault").GetBoolean());

        var zero = await api.PutJsonAsync($"/api/v1/direct/terms/{branchTerm}/quota", new { contactQuota = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Contains("联系青年名额：应在 1 到 1000 之间", await zero.ProblemTextAsync());

        var back = await (await api.PutJsonAsync($"/api/v1/direct/terms/{branchTerm}/quota", new { contactQuota = (int?)null })).ReadJsonAsync();
        Assert.Equal(10, back.GetProperty("quota").GetInt32());
    }

    [Fact]
    public async Task AReachedQuota_RefusesTheNextBinding_NamingTheQuota_AndTheCountStays()
    {
        var unit = await app.NewUnitAsync(app.World.CommunityA, "名额社区");
        var cadre = await app.NewPersonAsync(unit, "名额书记");
        var term = await app.NewTermAsync(unit, cadre, quota: 2);
        var youth = await PeopleAsync(unit, "名额青年", 4);
        var api = await app.ApiAsAsync(await app.NewCadreAccountAsync(unit, cadre));

        await IdOf(await api.PostJsonAsync($"/api/v1/direct/terms/{term}/bindings", new { youthPersonId = youth[0] }));
        await IdOf(await api.PostJsonAsync($"/api/v1/direct/terms/{term}/bindings", new { youthPersonId = youth[1] }));
        var third = await api.PostJsonAsync($"/api/v1/direct/terms/{term}/bindings", new { youthPersonId = youth[2] });

        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains("已达到本岗位联系青年名额（2 人）", await third.ProblemTextAsync());
        Assert.Equal(2, await LiveBindingsAsync(term));

        // Registering someone new is refused the same way, and nobody is left registered without a binding.
        var idNumber = TestIds.BornYearsAgo(19);
        var register = await api.PostJsonAsync($"/api/v1/direct/terms/{term}/bindings", new { name = "新登记青年", idNumber, phone = "13700001111" });
        Assert.Equal(HttpStatusCode.Conflict, register.StatusCode);
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.People.CountAsync(p => p.Name == "新登记青年" && p.UnitId == unit.Id)));

        // The admin raises the post's quota: the next binding goes through.
        var admin = await app.ApiAsAsync(World.AdminA);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/api/v1/direct/terms/{term}/quota", new { contactQuota = 3 })).StatusCode);
        await IdOf(await api.PostJsonAsync($"/api/v1/direct/terms/{term}/bindings", new { youthPersonId = youth[2] }));
        Assert.Equal(3, await LiveBindingsAsync(term));
    }

    [Fact]
    public async Task RegisteringANewYoungPerson_ReusesThePeopleRules_AndBindsThem()
    {
        var unit = await app.NewUnitAsync(app.World.CommunityA, "登记社区");
        var cadre = await app.NewPersonAsync(unit, "登记书记");
        var term = await app.NewTermAsync(unit, cadre);
        var api = await app.ApiAsAsync(await app.NewCadreAccountAsync(unit, cadre));

        var idNumber = TestIds.BornYearsAgo(18);
        var created = await api.PostJsonAsync($"/api/v1/direct/terms/{term}/bindings", new { name = "登记青年", idNumber, phone = "13700002222" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var youthId = (await created.ReadJsonAsync()).GetProperty("youthPersonId").GetGuid();
        Assert.Equal(unit.Id, await app.AsSystemAsync((_, db) => db.People.Where(p => p.Id == youthId).Select(p => p.UnitId).FirstAsync()));

        // The same ID number again: the people feature's global de-duplication answers, nothing more is bound.
        var again = await api.PostJsonAsync($"/api/v1/direct/terms/{term}/bindings", new { name = "登记青年", idNumber, phone = "13700003333" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("身份证", await again.ProblemTextAsync());
        Assert.Equal(1, await LiveBindingsAsync(term));
    }

    [Fact]
    public async Task AYoungPerson_HasOneCadrePerLevel_ButACadreOfAnotherLevelMayBindThemToo()
    {
        var street = await app.NewUnitAsync(app.World.Street, "层级街道", LeagueBodyType.WorkingCommittee);
        var community = await app.NewUnitAsync(street, "层级社区");
        var secretary = await app.NewPersonAsync(community, "层级书记");
        var member = await app.NewPersonAsync(community, "层级委员");
        var streetCadre = await app.NewPersonAsync(street, "街道专干");
        var secretaryTerm = await app.NewTermAsync(community, secretary);
        var memberTerm = await app.NewTermAsync(community, member, CadrePost.CommitteeMember, CadreKind.PartTime);
        var streetTerm = await app.NewTermAsync(street, streetCadre, CadrePost.Officer);
        var youth = await app.NewPersonAsync(community, "被联系青年");
        var api = await app.ApiAsAsync(World.DistrictAdmin);

        var first = await IdOf(await api.PostJsonAsync($"/api/v1/direct/terms/{secretaryTerm}/bindings", new { youthPersonId = youth }));
        var second = await api.PostJsonAsync($"/api/v1/direct/terms/{memberTerm}/bindings", new { youthPersonId = youth });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("已由同级团干部 层级书记 直接联系", await second.ProblemTextAsync());
        Assert.Equal(0, await LiveBindingsAsync(memberTerm));

        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync($"/api/v1/direct/terms/{streetTerm}/bindings", new { youthPersonId = youth })).StatusCode);

        // Ending the first binding keeps it as history and frees the level.
        var ended = await api.PostJsonAsync($"/api/v1/direct/bindings/{first}/end", new { note = "搬离社区" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("搬离社区", (await ended.ReadJsonAsync()).GetProperty("endNote").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostJsonAsync($"/api/v1/direct/bindings/{first}/end", new { note = "再次" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync($"/api/v1/direct/terms/{memberTerm}/bindings", new { youthPersonId = youth })).StatusCode);
        var history = await (await api.GetAsync($"/api/v1/direct/terms/{secretaryTerm}/bindings?ended=true")).ReadJsonAsync();
        Assert.Single(history.EnumerateArray());
    }

    [Fact]
    public async Task TheUniqueIndex_KeepsOneCadrePerLevel_WhenTwoPostsBindTheSameYouthAtOnce()
    {
        var community = await app.NewUnitAsync(app.World.CommunityA, "并发社区");
        var terms = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            terms.Add(await app.NewTermAsync(community, await app.NewPersonAsync(community, $"并发委员{i}"), CadrePost.CommitteeMember));
        }
        var youth = await app.NewPersonAsync(community, "并发青年");
        var api = await app.ApiAsAsync(World.AdminA);

        var answers = await Task.WhenAll(terms.Select(t => api.PostJsonAsync($"/api/v1/direct/terms/{t}/bindings", new { youthPersonId = youth })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(1, await app.AsSystemAsync((_, db) => db.DirectBindings.CountAsync(b => b.YouthPersonId == youth && b.EndedOn == null)));
    }

    [Fact]
    public async Task OneContact_ReachesSeveralYoungPeopleAtOnce_AndBadContactsWriteNothing()
    {
        var unit = await app.NewUnitAsync(app.World.CommunityA, "联系社区");
        var cadre = await app.NewPersonAsync(unit, "联系书记");
        var term = await app.NewTermAsync(unit, cadre);
        var youth = await PeopleAsync(unit, "联系青年", 3);
        var stranger = await app.NewPersonAsync(unit, "未联系青年");
        var api = await app.ApiAsAsync(await app.NewCadreAccountAsync(unit, cadre));
        foreach (var y in youth)
        {
            await IdOf(await api.PostJsonAsync($"/api/v1/direct/terms/{term}/bindings", new { youthPersonId = y }));
        }
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

        var created = await api.PostJsonAsync($"/api/v1/direct/terms/{term}/contacts",
            new { on = today, channel = "Meeting", note = "季度座谈会", youthIds = youth });
        var contactId = await IdOf(created);
        Assert.Equal(3, await app.AsSystemAsync((_, db) => db.DirectContactYouth.CountAsync(y => y.ContactId == contactId && y.Channel == ContactChannel.Meeting && y.On == today)));

        var future = await api.PostJsonAsync($"/api/v1/direct/terms/{term}/contacts", new { on = today.AddDays(1), channel = "Call", youthIds = youth });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("联系日期：不能晚于今天", await future.ProblemTextAsync());
        var notBound = await api.PostJsonAsync($"/api/v1/direct/terms/{term}/contacts", new { on = today, channel = "Call", youthIds = new[] { youth[0], stranger } });
        Assert.Equal(HttpStatusCode.BadRequest, notBound.StatusCode);
        Assert.Contains("有 1 名所选青年不是本岗位的联系青年", await notBound.ProblemTextAsync());
        var none = await api.PostJsonAsync($"/api/v1/direct/terms/{term}/contacts", new { on = today, channel = "Call", youthIds = Array.Empty<Guid>() });
        Assert.Contains("联系的青年：", await none.ProblemTextAsync());
        Assert.Equal(1, await app.AsSystemAsync((_, db) => db.DirectContacts.CountAsync(c => c.CadreTermId == term)));

        var list = await (await api.GetAsync($"/api/v1/direct/terms/{term}/contacts")).ReadJsonAsync();
        Assert.Equal(3, Assert.Single(list.EnumerateArray()).GetProperty("youth").GetArrayLength());
    }

    [Fact]
    public async Task Coverage_CountsEachMeasureExactly_AndAContactOnTheLastDayOfQ3_CountsForQ3NotQ4()
    {
        var unit = await app.NewUnitAsync(app.World.CommunityA, "覆盖社区");
        var cadre = await app.NewPersonAsync(unit, "覆盖书记");
        var term = await app.NewTermAsync(unit, cadre, quota: 50);
        var other = await app.NewTermAsync(unit, await app.NewPersonAsync(unit, "覆盖委员"), CadrePost.CommitteeMember, CadreKind.PartTime);
        var y = await PeopleAsync(unit, "覆盖青年", 5);
        foreach (var id in y)
        {
            await app.BindDirectlyAsync(term, id, new DateOnly(2026, 1, 5));
        }
        await app.ContactDirectlyAsync(term, new DateOnly(2026, 9, 30), ContactChannel.Message, y[0]);
        await app.ContactDirectlyAsync(term, new DateOnly(2026, 3, 10), ContactChannel.FaceToFace, y[1]);
        await app.ContactDirectlyAsync(term, new DateOnly(2026, 8, 1), ContactChannel.Meeting, y[2]);
        await app.ContactDirectlyAsync(term, new DateOnly(2026, 10, 2), ContactChannel.Call, y[3]);

        Task<CadreCoverage> On(DateOnly day) => app.AsSystemAsync(async (sp, _) => (await sp.GetRequiredService<Coverage>().ForTermAsync(term, day, default)).Value!);
        static Guid[] Ids(IReadOnlyList<YouthRef> list) => [.. list.Select(r => r.PersonId).Order()];
        static Guid[] Sorted(params Guid[] ids) => [.. ids.Order()];

        var q3 = await On(new DateOnly(2026, 9, 30));
        Assert.Equal((50, 5, 2, 1, 1), (q3.Quota, q3.Bound, q3.Contacted, q3.MetOffline, q3.FaceToFace));
        Assert.Equal(Sorted(y[1], y[3], y[4]), Ids(q3.NotContacted));
        Assert.Equal(Sorted(y[0], y[1], y[3], y[4]), Ids(q3.NotMetOffline));
        Assert.Equal(Sorted(y[0], y[2], y[3], y[4]), Ids(q3.NotFaceToFace));

        var q4 = await On(new DateOnly(2026, 10, 5));
        Assert.Equal((5, 1, 0, 1), (q4.Bound, q4.Contacted, q4.MetOffline, q4.FaceToFace));
        Assert.Equal(Sorted(y[0], y[1], y[2], y[4]), Ids(q4.NotContacted));
        Assert.Equal(new DateOnly(2026, 9, 30), q4.NotContacted.Single(r => r.PersonId == y[0]).LastContactOn);

        var nextYear = await On(new DateOnly(2027, 1, 2));
        Assert.Equal((0, 0, 0), (nextYear.Contacted, nextYear.MetOffline, nextYear.FaceToFace));

        // Before the bindings began nobody is counted; the unit's table has a row per post and the totals.
        Assert.Equal(0, (await On(new DateOnly(2026, 1, 4))).Bound);
        var api = await app.ApiAsAsync(World.AdminA);
        var byUnit = await (await api.GetAsync($"/api/v1/direct/units/{unit.Id}/coverage?on=2026-09-30")).ReadJsonAsync();
        Assert.Equal(2, byUnit.GetProperty("rows").GetArrayLength());
        var totals = byUnit.GetProperty("totals");
        Assert.Equal((60, 5, 2, 1, 1), (totals.GetProperty("quota").GetInt32(), totals.GetProperty("bound").GetInt32(), totals.GetProperty("contacted").GetInt32(),
            totals.GetProperty("metOffline").GetInt32(), totals.GetProperty("faceToFace").GetInt32()));
        Assert.Contains(byUnit.GetProperty("rows").EnumerateArray(), r => r.GetProperty("termId").GetGuid() == other && r.GetProperty("bound").GetInt32() == 0);

        // The app's own clock: moved to 5 October, the post's page counts Q4.
        app.Clock.Advance(new DateTimeOffset(2026, 10, 5, 12, 0, 0, TimeSpan.FromHours(8)) - app.Clock.GetUtcNow());
        try
        {
            var now = await (await api.GetAsync($"/api/v1/direct/terms/{term}/coverage")).ReadJsonAsync();
            Assert.Equal(1, now.GetProperty("contacted").GetInt32());
            Assert.Equal(4, now.GetProperty("notContacted").GetArrayLength());
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task TheReminder_GoesOnceAQuarter_AndOnlyInTheQuartersLastMonth()
    {
        var unit = await app.NewUnitAsync(app.World.CommunityA, "提醒社区");
        var cadre = await app.NewPersonAsync(unit, "提醒书记");
        var term = await app.NewTermAsync(unit, cadre);
        var y = await PeopleAsync(unit, "提醒青年", 2);
        foreach (var id in y)
        {
            await app.BindDirectlyAsync(term, id, new DateOnly(2026, 1, 5));
        }
        await app.ContactDirectlyAsync(term, new DateOnly(2026, 7, 20), ContactChannel.Call, y[0]);

        Task<int> RunAt(FixedClock clock) => app.AsSystemAsync((sp, _) => YouthNotReachedJob.RemindAsync(sp, clock, default));
        Task<List<string>> Notices() => app.AsSystemAsync((_, db) => db.Notices.IgnoreQueryFilters()
            .Where(n => n.PersonId == cadre && n.Kind == NoticeKind.YouthNotReached).OrderBy(n => n.Id).Select(n => n.Args).ToListAsync());

        await RunAt(FixedClock.ChinaNoon(2026, 8, 31));
        Assert.Empty(await Notices());

        await RunAt(FixedClock.ChinaNoon(2026, 9, 1));
        await RunAt(FixedClock.ChinaNoon(2026, 9, 20));
        var sent = Assert.Single(await Notices());
        Assert.Equal(["2026 Q3", "1", "2"], sent.Split('\u001F'));

        await RunAt(FixedClock.ChinaNoon(2026, 11, 30));
        Assert.Single(await Notices());
        await RunAt(FixedClock.ChinaNoon(2026, 12, 1));
        await RunAt(FixedClock.ChinaNoon(2026, 12, 2));
        var both = await Notices();
        Assert.Equal(2, both.Count);
        Assert.Equal(["2026 Q4", "2", "2"], both[1].Split('\u001F'));

        // A cadre who reached everyone this quarter is not told.
        var done = await app.NewPersonAsync(unit, "全覆盖委员");
        var doneTerm = await app.NewTermAsync(unit, done, CadrePost.CommitteeMember);
        var youth = await app.NewPersonAsync(unit, "已联系青年");
        await app.BindDirectlyAsync(doneTerm, youth, new DateOnly(2026, 1, 5));
        await app.ContactDirectlyAsync(doneTerm, new DateOnly(2026, 12, 1), ContactChannel.GroupChat, youth);
        await RunAt(FixedClock.ChinaNoon(2026, 12, 3));
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.Notices.IgnoreQueryFilters().CountAsync(n => n.PersonId == done)));
    }

    [Fact]
    public async Task ACadreOfCommunityA_CanNeitherBindNorSeeAnythingOfCommunityB()
    {
        var a = await app.NewUnitAsync(app.World.CommunityA, "甲方社区");
        var b = await app.NewUnitAsync(app.World.CommunityB, "乙方社区");
        var cadreA = await app.NewPersonAsync(a, "甲方书记");
        var cadreB = await app.NewPersonAsync(b, "乙方书记");
        var termA = await app.NewTermAsync(a, cadreA);
        var termB = await app.NewTermAsync(b, cadreB);
        var youthB = await app.NewPersonAsync(b, "乙方青年");
        var youthA = await app.NewPersonAsync(a, "甲方青年");
        await app.BindDirectlyAsync(termB, youthB, new DateOnly(2026, 1, 5));
        var bindingB = await app.AsSystemAsync((_, db) => db.DirectBindings.Where(x => x.CadreTermId == termB).Select(x => x.Id).FirstAsync());
        var api = await app.ApiAsAsync(await app.NewCadreAccountAsync(a, cadreA));

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/direct/terms/{termB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/direct/terms/{termB}/bindings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/direct/terms/{termB}/coverage")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/direct/units/{b.Id}/coverage")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync($"/api/v1/direct/terms/{termB}/bindings", new { youthPersonId = youthA })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync($"/api/v1/direct/bindings/{bindingB}/end", new { note = "越权" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutJsonAsync($"/api/v1/direct/terms/{termB}/quota", new { contactQuota = 5 })).StatusCode);
        var contact = await api.PostJsonAsync($"/api/v1/direct/terms/{termB}/contacts", new { on = "2026-09-01", channel = "Call", youthIds = new[] { youthB } });
        Assert.Equal(HttpStatusCode.NotFound, contact.StatusCode);
        // B's young person cannot be bound to A's post either, nor found by name from it.
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync($"/api/v1/direct/terms/{termA}/bindings", new { youthPersonId = youthB })).StatusCode);
        var found = await (await api.GetAsync($"/api/v1/direct/terms/{termA}/candidates?name=乙方")).ReadJsonAsync();
        Assert.Equal(0, found.GetArrayLength());

        var pages = await app.PagesAsAsync(await app.NewCadreAccountAsync(a, cadreA));
        Assert.Equal(HttpStatusCode.NotFound, (await pages.Http.GetAsync($"/direct/terms/{termB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.Http.GetAsync($"/direct/coverage?unitId={b.Id}")).StatusCode);
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.DirectContacts.CountAsync(x => x.CadreTermId == termB)));
        Assert.Equal(1, await LiveBindingsAsync(termB));
    }

    [Fact]
    public async Task TheCadresPhonePage_ShowsTheirPostsAndLogsAContact_AndAnAccountWithoutAPostSeesAnEmptyState()
    {
        var unit = await app.NewUnitAsync(app.World.CommunityA, "手机社区");
        var cadre = await app.NewPersonAsync(unit, "手机书记");
        var term = await app.NewTermAsync(unit, cadre);
        var youth = await app.NewPersonAsync(unit, "手机青年");
        await app.BindDirectlyAsync(term, youth, new DateOnly(2026, 1, 5));
        var pages = await app.PagesAsAsync(await app.NewCadreAccountAsync(unit, cadre));

        var html = await pages.Http.GetStringAsync("/direct");
        Assert.Contains("手机青年", html);
        // The contact form carries its own antiforgery token (its action is explicit).
        var form = html[html.IndexOf("class=\"qy-contact-form\"", StringComparison.Ordinal)..];
        Assert.Contains("__RequestVerificationToken", form[..form.IndexOf("</form>", StringComparison.Ordinal)]);
        Assert.Contains($"post-{term}", html);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var posted = await pages.PostFormAsync("/direct", new()
        {
            ["termId"] = term.ToString(), ["Input.ContactOn"] = today.ToString("yyyy-MM-dd"), ["Input.Channel"] = "FaceToFace",
            ["Input.Note"] = "上门走访", ["Input.YouthIds"] = youth.ToString(),
        }, tokenFrom: "/direct");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(1, await app.AsSystemAsync((_, db) => db.DirectContactYouth.CountAsync(x => x.YouthPersonId == youth && x.Channel == ContactChannel.FaceToFace)));

        // The young person's page on the admin side shows the cadre and the contact.
        var admin = await app.PagesAsAsync(World.AdminA);
        var person = await admin.Http.GetStringAsync($"/people/{youth}");
        Assert.Contains("联系团干部", person);
        Assert.Contains("手机书记", person);

        // The young person's own phone page: their cadre and the contact, read by their own person id.
        var own = await app.PagesAsAsync(await app.NewCadreAccountAsync(unit, youth, Qingyun.Domain.Access.Role.Youth));
        var mine = await own.Http.GetStringAsync("/youth");
        Assert.Contains("my-cadres", mine);
        Assert.Contains("手机书记", mine);
        Assert.Contains("面对面", mine);

        var nobody = await app.PagesAsAsync(World.CadreA);
        Assert.Contains("no-post", await nobody.Http.GetStringAsync("/direct"));
    }
}

public sealed class DirectContactOnSqlite(SqliteApp app) : DirectContactTests(app), IClassFixture<SqliteApp>;

public sealed class DirectContactOnPostgres(PostgresApp app) : DirectContactTests(app), IClassFixture<PostgresApp>;
