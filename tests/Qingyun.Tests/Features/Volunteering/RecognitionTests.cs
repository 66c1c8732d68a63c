using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Recognition;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Volunteering;

public abstract class RecognitionTests(QingyunApp app)
{
    private static async Task<JsonElement> OkJson(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private Task<Volunteer> ReadAsync(Guid id) => app.AsSystemAsync((_, db) => db.Volunteers.IgnoreQueryFilters().AsNoTracking().SingleAsync(v => v.Id == id));

    [Fact]
    public async Task FiveStars_NeedTheHoursAndANomination()
    {
        var w = app.World;
        var v = await CertificateWorld.VolunteerAsync(app, w.CommunityA.Id, "冯志愿");
        await CertificateWorld.HoursAsync(app, v.Id, w.CommunityA.Id, 1500 * 60, CertificateWorld.Today.AddDays(-1));
        Assert.Equal(4, (await ReadAsync(v.Id)).Stars);
        var adminA = await app.ApiAsAsync(World.AdminA);
        var adminB = await app.ApiAsAsync(World.AdminB);

        // B neither registered nor recorded this volunteer: it cannot nominate, nor reach A's unit.
        var stranger = await adminB.PostJsonAsync("/api/v1/recognition/five-star", new { unitId = w.CommunityB.Id, volunteerNumber = v.Number });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("既未在", await stranger.ProblemTextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.PostJsonAsync("/api/v1/recognition/five-star", new { unitId = w.CommunityA.Id, volunteerNumber = v.Number })).StatusCode);

        var nominated = await OkJson(await adminA.PostJsonAsync("/api/v1/recognition/five-star", new { unitId = w.CommunityA.Id, volunteerNumber = v.Number }));
        Assert.Equal(5, nominated.GetProperty("stars").GetInt32());
        var stored = await ReadAsync(v.Id);
        Assert.Equal(5, stored.Stars);
        Assert.Equal(w.CommunityA.Id, stored.FiveStarNominatedBy);
        Assert.NotNull(stored.FiveStarNominatedAt);
        Assert.Equal(HttpStatusCode.Conflict, (await adminA.PostJsonAsync("/api/v1/recognition/five-star", new { unitId = w.CommunityA.Id, volunteerNumber = v.Number })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await adminB.PostJsonAsync("/api/v1/recognition/five-star/withdraw", new { volunteerNumber = v.Number })).StatusCode);
        var withdrawn = await OkJson(await adminA.PostJsonAsync("/api/v1/recognition/five-star/withdraw", new { volunteerNumber = v.Number }));
        Assert.Equal(4, withdrawn.GetProperty("stars").GetInt32());
        Assert.Null((await ReadAsync(v.Id)).FiveStarNominatedAt);

        // A nomination without the hours gives no fifth star; the hours then complete it.
        var young = await CertificateWorld.VolunteerAsync(app, w.CommunityA.Id, "陈新人");
        await CertificateWorld.HoursAsync(app, young.Id, w.CommunityA.Id, 120 * 60, CertificateWorld.Today.AddDays(-1));
        var early = await OkJson(await adminA.PostJsonAsync("/api/v1/recognition/five-star", new { unitId = w.CommunityA.Id, volunteerNumber = young.Number }));
        Assert.Equal(1, early.GetProperty("stars").GetInt32());
        await CertificateWorld.HoursAsync(app, young.Id, w.CommunityA.Id, 1400 * 60, CertificateWorld.Today.AddDays(-1));
        Assert.Equal(5, (await ReadAsync(young.Id)).Stars);
    }

    [Fact]
    public async Task TheYearlyListBelowTwentyHours_HoldsExactlyTheRegisteredVolunteersUnderIt()
    {
        var w = app.World;
        var unit = await CertificateWorld.UnitAsync(app, w.CommunityA, "志愿服务测试站-" + Guid.NewGuid().ToString("N")[..6]);
        var year = CertificateWorld.Today.Year - 1;
        var inYear = new DateOnly(year, 6, 1);
        var registered = new DateTimeOffset(year, 1, 10, 0, 0, 0, TimeSpan.Zero);
        var none = await CertificateWorld.VolunteerAsync(app, unit.Id, "无时长", registered);
        var few = await CertificateWorld.VolunteerAsync(app, unit.Id, "少时长", registered);
        await CertificateWorld.HoursAsync(app, few.Id, w.CommunityA.Id, 600, inYear);
        await CertificateWorld.HoursAsync(app, few.Id, w.CommunityB.Id, 600, inYear.AddDays(1));
        await CertificateWorld.HoursAsync(app, few.Id, w.CommunityA.Id, 3000, new DateOnly(year + 1, 1, 2));
        var enough = await CertificateWorld.VolunteerAsync(app, unit.Id, "够时长", registered);
        await CertificateWorld.HoursAsync(app, enough.Id, w.CommunityA.Id, 700, inYear);
        await CertificateWorld.HoursAsync(app, enough.Id, w.CommunityB.Id, 500, new DateOnly(year, 12, 31));
        var corrected = await CertificateWorld.VolunteerAsync(app, unit.Id, "被更正", registered);
        var entry = await CertificateWorld.HoursAsync(app, corrected.Id, w.CommunityA.Id, 1500, inYear);
        await CertificateWorld.HoursAsync(app, corrected.Id, w.CommunityA.Id, -1500, inYear, reverses: entry);
        await CertificateWorld.HoursAsync(app, corrected.Id, w.CommunityA.Id, 60, inYear);
        await CertificateWorld.VolunteerAsync(app, unit.Id, "已注销", registered, VolunteerStatus.Left);
        await CertificateWorld.VolunteerAsync(app, unit.Id, "次年注册", new DateTimeOffset(year + 1, 1, 5, 0, 0, 0, TimeSpan.Zero));

        var api = await app.ApiAsAsync(World.AdminA);
        var list = await OkJson(await api.GetAsync($"/api/v1/recognition/below-minimum?year={year}&unitId={unit.Id}"));
        var rows = list.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("number").GetString()!, r => r.GetProperty("minutes").GetInt64());
        Assert.Equal(new Dictionary<string, long> { [none.Number] = 0, [corrected.Number] = 60 }, rows);
        Assert.False(rows.ContainsKey(few.Number), "exactly 20 hours is not below the minimum");
        Assert.Equal(2, list.GetProperty("total").GetInt32());

        // One minute less and they are on it.
        await CertificateWorld.HoursAsync(app, few.Id, w.CommunityA.Id, -1, inYear);
        list = await OkJson(await api.GetAsync($"/api/v1/recognition/below-minimum?year={year}&unitId={unit.Id}"));
        rows = list.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("number").GetString()!, r => r.GetProperty("minutes").GetInt64());
        Assert.Equal(new Dictionary<string, long> { [none.Number] = 0, [few.Number] = 1199, [corrected.Number] = 60 }, rows);

        // The page and its Excel export say the same; B sees none of A's volunteers.
        var pages = await app.PagesAsAsync(World.AdminA);
        var html = await pages.Http.GetStringAsync($"/recognition/below-minimum?year={year}&unitId={unit.Id}");
        Assert.Contains("少时长", html);
        Assert.Contains("<td>19.9</td>", html);
        Assert.DoesNotContain("够时长", html);
        var export = await pages.Http.GetAsync($"/recognition/below-minimum?handler=Export&year={year}&unitId={unit.Id}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = (await export.Content.ReadAsByteArrayAsync());
        var excelRows = new MemoryStream(sheet).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, excelRows.Count);
        Assert.Contains(excelRows, r => (string?)r["志愿者编号"] == few.Number && Convert.ToDouble(r[$"{year} 年服务时长（小时）"], System.Globalization.CultureInfo.InvariantCulture) == 19.9);
        var adminB = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/api/v1/recognition/below-minimum?year={year}&unitId={unit.Id}")).StatusCode);
        var ofB = await OkJson(await adminB.GetAsync($"/api/v1/recognition/below-minimum?year={year}"));
        Assert.DoesNotContain(ofB.GetProperty("items").EnumerateArray(), r => r.GetProperty("number").GetString() == none.Number);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/v1/recognition/below-minimum?year={CertificateWorld.Today.Year + 1}")).StatusCode);
    }

    [Fact]
    public async Task Benefits_AreSeenByLevel_FromTheVolunteersOwnUnitAndAbove()
    {
        var w = app.World;
        var unit = await CertificateWorld.UnitAsync(app, w.CommunityA, "优惠测试站-" + Guid.NewGuid().ToString("N")[..6]);
        var district = await app.ApiAsAsync(World.DistrictAdmin);
        var adminA = await app.ApiAsAsync(World.AdminA);
        var adminB = await app.ApiAsAsync(World.AdminB);
        var tag = Guid.NewGuid().ToString("N")[..6];
        async Task Add(HttpClient api, Guid unitId, string partner, int stars, string? validUntil = null) =>
            await OkJson(await api.PostJsonAsync("/api/v1/recognition/benefits", new { unitId, partner = partner + tag, offer = "凭志愿者证九折", minimumStars = stars, validUntil }));
        await Add(district, w.District.Id, "区图书馆咖啡", 0);
        await Add(adminA, w.CommunityA.Id, "社区理发店", 1);
        await Add(adminA, unit.Id, "站点超市", 3);
        await Add(adminA, w.CommunityA.Id, "过期商户", 0, CertificateWorld.D(CertificateWorld.Today.AddDays(1)));
        await Add(adminB, w.CommunityB.Id, "乙社区书店", 0);
        await app.AsSystemAsync(async (_, db) =>
        {
            var expiring = await db.Benefits.IgnoreQueryFilters().SingleAsync(b => b.Partner == "过期商户" + tag);
            expiring.ValidUntil = CertificateWorld.Today.AddDays(-1);
            await db.SaveChangesAsync();
            return 0;
        });
        var past = await adminA.PostJsonAsync("/api/v1/recognition/benefits", new { unitId = w.CommunityA.Id, partner = "x", offer = "y", minimumStars = 6, validUntil = "2000-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var problems = await past.ProblemTextAsync();
        Assert.Contains("最低星级：应在 0 到 5 之间", problems);
        Assert.Contains("：不能早于今天", problems);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.PostJsonAsync("/api/v1/recognition/benefits", new { unitId = w.CommunityA.Id, partner = "x", offer = "y", minimumStars = 0 })).StatusCode);

        var v = await CertificateWorld.VolunteerAsync(app, unit.Id, "韩志愿");
        var login = await CertificateWorld.AccountAsync(app, v, unit.Id);
        var own = await app.ApiAsAsync(login);
        async Task<List<string>> Seen() => (await OkJson(await own.GetAsync("/api/v1/recognition/benefits/mine"))).GetProperty("items").EnumerateArray()
            .Select(b => b.GetProperty("partner").GetString()!).Where(p => p.EndsWith(tag, StringComparison.Ordinal)).Select(p => p[..^tag.Length]).OrderBy(p => p, StringComparer.Ordinal).ToList();

        Assert.Equal(["区图书馆咖啡"], await Seen());
        await CertificateWorld.HoursAsync(app, v.Id, unit.Id, 100 * 60, CertificateWorld.Today.AddDays(-1));
        Assert.Equal(new[] { "区图书馆咖啡", "社区理发店" }.OrderBy(p => p, StringComparer.Ordinal), await Seen());
        await CertificateWorld.HoursAsync(app, v.Id, unit.Id, 500 * 60, CertificateWorld.Today.AddDays(-1));
        Assert.Equal(new[] { "区图书馆咖啡", "社区理发店", "站点超市" }.OrderBy(p => p, StringComparer.Ordinal), await Seen());

        // The management list shows what is in scope: A sees its own and its station's, not the district's or B's.
        var inScope = (await OkJson(await adminA.GetAsync("/api/v1/recognition/benefits"))).GetProperty("items").EnumerateArray()
            .Select(b => b.GetProperty("partner").GetString()!).Where(p => p.EndsWith(tag, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, inScope.Count);
        Assert.DoesNotContain("乙社区书店" + tag, inScope);
        var pages = await app.PagesAsAsync(World.AdminA);
        Assert.Contains("站点超市" + tag, await pages.Http.GetStringAsync("/recognition/benefits"));
    }

    [Fact]
    public async Task Commendations_AreRecordedByAUnit_AndListedInScope_AndForTheVolunteer()
    {
        var w = app.World;
        var v = await CertificateWorld.VolunteerAsync(app, w.CommunityA.Id, "蒋志愿");
        var adminA = await app.ApiAsAsync(World.AdminA);
        var title = "优秀志愿者-" + Guid.NewGuid().ToString("N")[..6];
        var recorded = await OkJson(await adminA.PostJsonAsync("/api/v1/recognition/commendations",
            new { unitId = w.CommunityA.Id, volunteerNumber = v.Number, title, awardedOn = CertificateWorld.D(CertificateWorld.Today), note = "年度表彰" }));
        Assert.Equal(v.Id, recorded.GetProperty("volunteerId").GetGuid());
        var bad = await adminA.PostJsonAsync("/api/v1/recognition/commendations",
            new { unitId = w.CommunityA.Id, volunteerNumber = v.Number, title = "", awardedOn = CertificateWorld.D(CertificateWorld.Today.AddDays(3)) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.ProblemTextAsync();
        Assert.Contains("表彰名称：不能为空", text);
        Assert.Contains("表彰日期：不能晚于今天", text);

        var list = (await OkJson(await adminA.GetAsync("/api/v1/recognition/commendations"))).GetProperty("items").EnumerateArray().ToList();
        var row = Assert.Single(list, r => r.GetProperty("title").GetString() == title);
        Assert.Equal("蒋志愿", row.GetProperty("volunteerName").GetString());
        var adminB = await app.ApiAsAsync(World.AdminB);
        Assert.DoesNotContain((await OkJson(await adminB.GetAsync("/api/v1/recognition/commendations"))).GetProperty("items").EnumerateArray(),
            r => r.GetProperty("title").GetString() == title);

        var pages = await app.PagesAsAsync(World.AdminA);
        Assert.Contains(title, await pages.Http.GetStringAsync("/recognition"));
        var forVolunteer = await app.AsSystemAsync((sp, _) =>
            sp.GetRequiredService<BrowseRecognition>().ForVolunteerAsync(v.Id, CancellationToken.None));
        Assert.Equal(title, Assert.Single(forVolunteer).Title);
    }
}

public sealed class RecognitionOnSqlite(SqliteApp app) : RecognitionTests(app), IClassFixture<SqliteApp>;

public sealed class RecognitionOnPostgres(PostgresApp app) : RecognitionTests(app), IClassFixture<PostgresApp>;
