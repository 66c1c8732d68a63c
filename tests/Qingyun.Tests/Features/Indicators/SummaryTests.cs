using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Building;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Features.Indicators;
using Qingyun.Features.Indicators.Summary;
using Qingyun.Security;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Indicators;

/// <summary>
/// The annual work summary: the draft's numbers are the dashboard's (<see cref="FigureReader"/>) for the unit's subtree,
/// stay linked when the prose is edited, and come out in the .docx and the PDF; every refusal writes nothing.
/// Each test works on a fresh branch under community A, so the shared fixture's other records do not count.
/// </summary>
public abstract class SummaryTests(QingyunApp app)
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, China).DateTime);
    private static int ThisYear => Today.Year;
    private const string Api = "/api/v1/figures/summary";

    private async Task<OrgUnit> FreshUnitAsync() => await app.AsSystemAsync(async (_, db) =>
    {
        var parent = await db.OrgUnits.SingleAsync(u => u.Id == app.World.CommunityA.Id);
        var id = Guid.CreateVersion7();
        var unit = new OrgUnit
        {
            Id = id, ParentId = parent.Id, Code = TestIds.Unique("SUM"), Name = "总结测试团支部-" + id.ToString("N")[^6..],
            Kind = UnitKind.Community, BodyType = LeagueBodyType.Branch, Path = OrgUnit.PathFor(parent, id), Depth = parent.Depth + 1,
            RootId = parent.RootId, SortOrder = 9, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync();
        return unit;
    });

    /// <summary>Members who joined the unit today: each counts as registered now and as new this year.</summary>
    private Task AddMembersAsync(OrgUnit unit, int count) => app.AsSystemAsync(async (sp, db) =>
    {
        var sensitive = sp.GetRequiredService<SensitiveData>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var idNumber = TestIds.BornYearsAgo(20);
            IdNumber.TryParse(idNumber, Today, out var parsed, out _);
            var person = new Person { UnitId = unit.Id, Name = "总结团员" + i, Gender = parsed.Gender, BirthDate = parsed.BirthDate, CreatedAt = now, UpdatedAt = now };
            sensitive.Protect(person, idNumber, null);
            db.People.Add(person);
            db.Memberships.Add(new Membership
            {
                PersonId = person.Id, UnitId = unit.Id, MemberNumber = TestIds.Unique("SM"), JoinedOn = Today, JoinedUnitId = unit.Id,
                JoinedUnitName = unit.Name, CreatedAt = now, UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync();
        return true;
    });

    private Task AddBuiltOrganizationAsync(OrgUnit unit) => app.AsSystemAsync(async (_, db) =>
    {
        db.NewOrganizations.Add(new NewOrganization
        {
            UnitId = unit.Id, Kind = NewOrganizationKind.NonPublicEnterprise, Name = "总结测试科技有限公司", CreditCode = TestIds.Unique("91SUM"),
            StaffCount = 40, YoungStaffCount = 20, HasPartyOrganization = true, Status = BuildingStatus.Built, BuiltOn = Today, LeagueUnitId = unit.Id,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return true;
    });

    private static string Query(OrgUnit unit, int year) => $"unitId={unit.Id}&year={year}";

    private static async Task<JsonElement> GetAsync(HttpClient api, OrgUnit unit, int year)
    {
        var r = await api.GetAsync($"{Api}?{Query(unit, year)}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return await r.ReadJsonAsync();
    }

    private static JsonElement Section(JsonElement summary, string name) =>
        summary.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("section").GetString() == name);

    private static IEnumerable<JsonElement> NumberRuns(JsonElement summary) =>
        summary.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("runs").EnumerateArray())
            .Where(r => r.GetProperty("number").GetBoolean());

    private static string Number(JsonElement summary, string code) =>
        NumberRuns(summary).First(r => r.GetProperty("code").GetString() == code).GetProperty("text").GetString()!;

    private async Task<HttpClient> GenerateAsync(OrgUnit unit, int year)
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var created = await api.PostJsonAsync($"{Api}/generate", new { unitId = unit.Id, year });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return api;
    }

    /// <summary>What the dashboard shows for each code: the figure reader's value of the unit's subtree, as the text writes it.</summary>
    private Task<Dictionary<string, string>> DashboardAsync(OrgUnit unit, int year) => app.AsSystemAsync(async (sp, _) =>
    {
        var reader = sp.GetRequiredService<FigureReader>();
        var figures = await reader.ReadAsync([unit.Id], year, CancellationToken.None);
        return Catalogue.Computed.ToDictionary(i => i.Code, i => SummaryText.Format(i, figures.Value(unit.Id, i, year)));
    });

    private Task<(int Summaries, int Audits)> WrittenAsync() => app.AsSystemAsync(async (_, db) =>
        (await db.WorkSummaries.IgnoreQueryFilters().CountAsync(),
         await db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.EntityType == "WorkSummary")));

    [Fact]
    public async Task TheDraft_UsesEveryIndicator_AndItsNumbersAreTheDashboards()
    {
        var unit = await FreshUnitAsync();
        await AddMembersAsync(unit, 3);
        await AddBuiltOrganizationAsync(unit);
        var api = await GenerateAsync(unit, ThisYear);

        var summary = await GetAsync(api, unit, ThisYear);
        Assert.True(summary.GetProperty("generated").GetBoolean());
        Assert.Equal($"{unit.Name}{ThisYear}年度工作总结", summary.GetProperty("title").GetString());
        Assert.Equal(8, summary.GetProperty("sections").GetArrayLength());
        Assert.Equal("一、加强组织建设，壮大团员队伍", Section(summary, "Organization").GetProperty("heading").GetString());
        Assert.Contains($"{ThisYear}年，{unit.Name}", Section(summary, "Organization").GetProperty("text").GetString());

        var dashboard = await DashboardAsync(unit, ThisYear);
        var runs = NumberRuns(summary).ToList();
        Assert.All(Catalogue.Computed, i => Assert.Contains(runs, r => r.GetProperty("code").GetString() == i.Code));
        Assert.All(runs, r => Assert.Equal(dashboard[r.GetProperty("code").GetString()!], r.GetProperty("text").GetString()));
        Assert.All(runs, r => Assert.Equal($"/figures/records?unit={unit.Id}&year={ThisYear}&code={r.GetProperty("code").GetString()}", r.GetProperty("source").GetString()));
        Assert.Equal("3", Number(summary, Catalogue.MembersRegistered));
        Assert.Equal("3", Number(summary, Catalogue.MembersNew));
        Assert.Equal("1", Number(summary, Catalogue.OrganizationsBuilt));
        Assert.Equal("1", Number(summary, Catalogue.OrganizationsWithLeague));
        Assert.Equal("0.0小时", Number(summary, Catalogue.ServiceHours));
        Assert.DoesNotContain("{{", Section(summary, "Volunteer").GetProperty("text").GetString());
        Assert.DoesNotContain(Section(summary, "Plan").GetProperty("runs").EnumerateArray(), r => r.GetProperty("number").GetBoolean());

        // Last year: the platform froze no stock then, so a stock figure is "—"; the year's flows are counted (none).
        await GenerateAsync(unit, ThisYear - 1);
        var last = await GetAsync(api, unit, ThisYear - 1);
        Assert.Equal(SummaryText.Missing, Number(last, Catalogue.MembersRegistered));
        Assert.Equal("0", Number(last, Catalogue.MembersNew));
    }

    [Fact]
    public async Task EditedProse_KeepsItsWords_WhileTheNumbersFollowTheRecords()
    {
        var unit = await FreshUnitAsync();
        await AddMembersAsync(unit, 2);
        var api = await GenerateAsync(unit, ThisYear);
        var version = (await GetAsync(api, unit, ThisYear)).GetProperty("version").GetInt32();

        var saved = await api.PutJsonAsync(Api, new
        {
            unitId = unit.Id, year = ThisYear, version,
            sections = new Dictionary<string, string> { ["Organization"] = "经过努力，{{unit}}现有团员{{members.registered}}名。\n另有{{no.such}}项。" },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(version + 1, (await saved.ReadJsonAsync()).GetProperty("version").GetInt32());

        var before = Section(await GetAsync(api, unit, ThisYear), "Organization");
        Assert.Equal($"经过努力，{unit.Name}现有团员2名。\n另有【未知指标：no.such】项。", before.GetProperty("text").GetString());
        Assert.Contains(before.GetProperty("runs").EnumerateArray(), r => r.GetProperty("unknown").GetBoolean());

        await AddMembersAsync(unit, 1);
        var after = await GetAsync(api, unit, ThisYear);
        Assert.Equal($"经过努力，{unit.Name}现有团员3名。\n另有【未知指标：no.such】项。", Section(after, "Organization").GetProperty("text").GetString());
        Assert.Equal((await DashboardAsync(unit, ThisYear))[Catalogue.MembersRegistered], Number(after, Catalogue.MembersRegistered));
        // The other sections were not sent, so they are still the draft.
        Assert.Contains("团员青年", Section(after, "Ideology").GetProperty("text").GetString());

        // Regenerating one section brings its draft back and leaves the rest.
        var regenerated = await api.PostJsonAsync($"{Api}/regenerate", new { unitId = unit.Id, year = ThisYear, version = version + 1, section = "Organization" });
        Assert.Equal(HttpStatusCode.OK, regenerated.StatusCode);
        var reset = await GetAsync(api, unit, ThisYear);
        Assert.Contains("共有团员3名", Section(reset, "Organization").GetProperty("text").GetString());
        Assert.Equal(version + 2, reset.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task TheDocx_AndThePdf_CarryTheUnitAndTheNumbers()
    {
        var unit = await FreshUnitAsync();
        await AddMembersAsync(unit, 4);
        var api = await GenerateAsync(unit, ThisYear);
        var summary = await GetAsync(api, unit, ThisYear);

        var docx = await api.GetAsync($"{Api}/docx?{Query(unit, ThisYear)}");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal(SummaryExports.DocxType, docx.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{unit.Name}{ThisYear}年度工作总结.docx", docx.Content.Headers.ContentDisposition?.FileNameStar);
        using (var zip = new ZipArchive(new MemoryStream(await docx.Content.ReadAsByteArrayAsync())))
        {
            var entry = zip.GetEntry("word/document.xml");
            Assert.NotNull(entry);
            using var reader = new StreamReader(entry.Open());
            var xml = await reader.ReadToEndAsync();
            Assert.Contains(unit.Name, xml);
            Assert.Contains("一、加强组织建设，壮大团员队伍", xml);
            Assert.Contains("FFF2CC", xml);
            Assert.Contains(">4</w:t>", xml);
            Assert.All(NumberRuns(summary), r => Assert.Contains(">" + r.GetProperty("text").GetString() + "</w:t>", xml));
            Assert.DoesNotContain("{{", xml);
        }

        var pdf = await api.GetAsync($"{Api}/pdf?{Query(unit, ThisYear)}");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));

        // A cadre reads and downloads; the page offers the same files.
        var cadre = await app.ApiAsAsync(World.CadreA);
        Assert.Equal(HttpStatusCode.OK, (await cadre.GetAsync($"{Api}/docx?{Query(unit, ThisYear)}")).StatusCode);
        var pages = await app.PagesAsAsync(World.CadreA);
        var page = await pages.Http.GetAsync($"/figures/summary?unit={unit.Id}&year={ThisYear}&handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("application/pdf", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ThePage_GeneratesTheDraft_ShowsNumbersWithTheirSource_AndSavesTheProse()
    {
        var unit = await FreshUnitAsync();
        await AddMembersAsync(unit, 5);
        var pages = await app.PagesAsAsync(World.AdminA);
        var url = $"/figures/summary?unit={unit.Id}&year={ThisYear}";

        var empty = await pages.Http.GetStringAsync(url);
        Assert.Contains("id=\"generate-summary\"", empty);
        var generated = await pages.PostFormAsync(url + "&handler=Generate", [], tokenFrom: url);
        Assert.Equal(HttpStatusCode.Redirect, generated.StatusCode);

        var html = await pages.Http.GetStringAsync(url);
        Assert.Contains($"{unit.Name}{ThisYear}年度工作总结", html);
        Assert.Contains($"href=\"/figures/records?unit={unit.Id}&amp;year={ThisYear}&amp;code=members.registered\"", html);
        Assert.Contains("点击查看明细", html);
        Assert.Contains(">5</a>", html);
        Assert.Contains("id=\"summary-numbers\"", html);
        Assert.Contains("{{members.registered}}", html);
        Assert.Contains("id=\"download-docx\"", html);

        var version = await app.AsSystemAsync((_, db) => db.WorkSummaries.Where(s => s.UnitId == unit.Id).Select(s => s.Version).SingleAsync());
        var saved = await pages.PostFormAsync(url + "&handler=Save",
            new() { ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Sections[Plan]"] = "明年继续努力。" }, tokenFrom: url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("明年继续努力。", await pages.Http.GetStringAsync(url));

        // A second save from the same (now stale) form is refused with a clear message and writes nothing.
        var stale = await pages.PostFormAsync(url + "&handler=Save",
            new() { ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Sections[Plan]"] = "覆盖别人的修改。" }, tokenFrom: url);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("总结已被他人修改", await stale.Content.ReadAsStringAsync());
        Assert.DoesNotContain("覆盖别人的修改。", await pages.Http.GetStringAsync(url));

        var badYear = await pages.Http.GetAsync($"/figures/summary?unit={unit.Id}&year=1999");
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Contains("年度：应在 2000 到 2100 之间", await badYear.Content.ReadAsStringAsync());

        var outsider = await app.PagesAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Refusals_NameTheFieldAndTheRule_AndWriteNothing()
    {
        var unit = await FreshUnitAsync();
        var api = await GenerateAsync(unit, ThisYear);
        var first = await GetAsync(api, unit, ThisYear);
        var version = first.GetProperty("version").GetInt32();
        var written = await WrittenAsync();

        var cadre = await app.ApiAsAsync(World.CadreA);
        var outsider = await app.ApiAsAsync(World.AdminB);
        var other = await FreshUnitAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostJsonAsync($"{Api}/generate", new { unitId = other.Id, year = ThisYear })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PutJsonAsync(Api, new { unitId = unit.Id, year = ThisYear, version, sections = new { Plan = "x" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostJsonAsync($"{Api}/generate", new { unitId = other.Id, year = ThisYear })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{Api}?{Query(unit, ThisYear)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{Api}/docx?{Query(unit, ThisYear)}")).StatusCode);

        async Task Refused(HttpResponseMessage r, HttpStatusCode status, string message)
        {
            Assert.Equal(status, r.StatusCode);
            Assert.Contains(message, await r.ProblemTextAsync());
        }
        await Refused(await api.PostJsonAsync($"{Api}/generate", new { unitId = other.Id, year = 1999 }), HttpStatusCode.BadRequest, "年度：应在 2000 到 2100 之间");
        await Refused(await api.GetAsync($"{Api}?unitId={unit.Id}&year=2101"), HttpStatusCode.BadRequest, "年度：应在 2000 到 2100 之间");
        await Refused(await api.PostJsonAsync($"{Api}/generate", new { unitId = unit.Id, year = ThisYear }), HttpStatusCode.Conflict, "年度工作总结：该组织本年度的总结已存在");
        await Refused(await api.PutJsonAsync(Api, new { unitId = unit.Id, year = ThisYear, version, sections = new Dictionary<string, string> { ["Plan"] = "改了", ["Summary"] = "x" } }),
            HttpStatusCode.BadRequest, "总结内容：没有名为“Summary”的部分");
        await Refused(await api.PutJsonAsync(Api, new { unitId = unit.Id, year = ThisYear, version, sections = new { Plan = new string('长', 8001) } }),
            HttpStatusCode.BadRequest, "总结内容：“八、明年工作打算”不能超过 8000 个字符");
        await Refused(await api.PutJsonAsync(Api, new { unitId = unit.Id, year = ThisYear, version = version - 1, sections = new { Plan = "旧版本" } }),
            HttpStatusCode.Conflict, "版本：总结已被他人修改");
        await Refused(await api.PutJsonAsync(Api, new { unitId = unit.Id, year = ThisYear, sections = new { Plan = "没有版本" } }),
            HttpStatusCode.BadRequest, "版本：");
        await Refused(await api.PostJsonAsync($"{Api}/regenerate", new { unitId = unit.Id, year = ThisYear, version, section = "Nope" }),
            HttpStatusCode.BadRequest, "部分：没有名为“Nope”的部分");
        await Refused(await api.GetAsync($"{Api}/docx?{Query(other, ThisYear)}"), HttpStatusCode.NotFound, "年度工作总结：尚未生成");

        Assert.Equal(written, await WrittenAsync());
        var now = await GetAsync(api, unit, ThisYear);
        Assert.Equal(version, now.GetProperty("version").GetInt32());
        Assert.Equal(Section(first, "Plan").GetProperty("prose").GetString(), Section(now, "Plan").GetProperty("prose").GetString());
        Assert.False((await GetAsync(api, other, ThisYear)).GetProperty("generated").GetBoolean());
    }
}

public sealed class SummaryOnSqlite(SqliteApp app) : SummaryTests(app), IClassFixture<SqliteApp>;

public sealed class SummaryOnPostgres(PostgresApp app) : SummaryTests(app), IClassFixture<PostgresApp>;
