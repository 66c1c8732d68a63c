using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Notices;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Indicators;

/// <summary>
/// Hand-reported indicators: a unit defines one for its subtree, a unit below reports a value with evidence, and it
/// counts in the dashboard and the drill-down only while the level above has it approved. Each test builds its own
/// street (with communities A and B) under the fixture's community A, where admin-a manages figures and cadre-a reads them:
/// cadre-a reports for the new communities, admin-a reviews them from above.
/// </summary>
public abstract class ReportedIndicatorTests(QingyunApp app)
{
    private const string Api = "/api/v1/figures";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    private static int ThisYear => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

    private static async Task<JsonElement> Json(HttpResponseMessage r, HttpStatusCode expected)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task Refused(HttpResponseMessage r, HttpStatusCode status, string message)
    {
        Assert.Equal(status, r.StatusCode);
        Assert.Contains(message, await r.ProblemTextAsync());
    }

    private static MultipartFormDataContent Report(Guid indicatorId, Guid unitId, int year, string value, string? note, bool submit, byte[]? evidence = null, string fileName = "佐证.pdf")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(indicatorId.ToString()), "indicatorId" },
            { new StringContent(unitId.ToString()), "unitId" },
            { new StringContent(year.ToString(System.Globalization.CultureInfo.InvariantCulture)), "year" },
            { new StringContent(value), "value" },
            { new StringContent(submit ? "true" : "false"), "submit" },
        };
        if (note is not null)
        {
            form.Add(new StringContent(note), "note");
        }
        if (evidence is not null)
        {
            var file = new ByteArrayContent(evidence);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "evidence", fileName);
        }
        return form;
    }

    /// <summary>The dashboard's value of an indicator for a unit's subtree this year.</summary>
    private static async Task<decimal> FigureAsync(HttpClient api, Guid unitId, string code)
    {
        var board = await Json(await api.GetAsync($"{Api}?unitId={unitId}&year={ThisYear}"), HttpStatusCode.OK);
        var line = board.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("code").GetString() == code);
        return line.GetProperty("value").ValueKind == JsonValueKind.Number ? line.GetProperty("value").GetDecimal() : 0;
    }

    private static async Task<JsonElement> DefineAsync(HttpClient admin, Guid unitId, string name) =>
        await Json(await admin.PostJsonAsync($"{Api}/reported", new { unitId, name, measure = "个", section = "Organization", description = "经上级命名的示范团委" }), HttpStatusCode.Created);

    [Fact]
    public async Task A_value_counts_once_the_level_above_approves_it_and_stops_counting_when_returned()
    {
        var tree = await FiguresKit.TreeAsync(app, app.World.CommunityA.Id);
        var admin = await app.ApiAsAsync(World.AdminA);
        var cadre = await app.ApiAsAsync(World.CadreA);
        var name = "示范团委" + FiguresKit.Tag();
        var indicator = await DefineAsync(admin, tree.Street.Id, name);
        var id = indicator.GetProperty("id").GetGuid();
        var code = indicator.GetProperty("code").GetString()!;

        // Community A sees the street's indicator, not yet reported.
        var view = await Json(await cadre.GetAsync($"{Api}/reported?unitId={tree.A.Id}&year={ThisYear}"), HttpStatusCode.OK);
        var line = view.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("indicator").GetProperty("id").GetGuid() == id);
        Assert.Equal(JsonValueKind.Null, line.GetProperty("report").ValueKind);

        // Reported with evidence and sent up: waiting, not counted; the street is told.
        var sent = await Json(await cadre.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear, "3", "3个支部获评区级示范团委", submit: true, Pdf)), HttpStatusCode.OK);
        Assert.Equal("Submitted", sent.GetProperty("state").GetString());
        var reportId = sent.GetProperty("id").GetGuid();
        Assert.Equal(0, await FigureAsync(admin, tree.Street.Id, code));
        Assert.True(await app.AsSystemAsync((_, db) => db.Notices.AnyAsync(n => n.UnitId == tree.Street.Id && n.Kind == NoticeKind.FigureReportSubmitted)));
        var evidence = await cadre.GetAsync(sent.GetProperty("evidence").GetString()!);
        Assert.Equal(HttpStatusCode.OK, evidence.StatusCode);
        Assert.Equal(Pdf, await evidence.Content.ReadAsByteArrayAsync());

        // Under review it cannot be changed, and a reader cannot review it.
        await Refused(await cadre.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear, "30", "改大一点", submit: false)),
            HttpStatusCode.Conflict, "填报数值：正在上级审核中，不能修改");
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostJsonAsync($"{Api}/reports/{reportId}/review", new { approve = true })).StatusCode);

        // Approved by the level above: counted in the street's and the community's figures and in the drill-down.
        var approved = await Json(await admin.PostJsonAsync($"{Api}/reports/{reportId}/review", new { approve = true }), HttpStatusCode.OK);
        Assert.Equal("Approved", approved.GetProperty("state").GetString());
        Assert.Equal(3, await FigureAsync(admin, tree.Street.Id, code));
        Assert.Equal(3, await FigureAsync(cadre, tree.A.Id, code));
        var drill = await Json(await admin.GetAsync($"{Api}/records?unitId={tree.Street.Id}&year={ThisYear}&code={code}"), HttpStatusCode.OK);
        Assert.Equal(3, drill.GetProperty("total").GetDecimal());
        Assert.Equal(tree.A.Name, drill.GetProperty("rows").EnumerateArray().Single().GetProperty("unit").GetString());
        Assert.True(await app.AsSystemAsync((_, db) => db.Notices.AnyAsync(n => n.UnitId == tree.A.Id && n.Kind == NoticeKind.FigureReportApproved)));

        // Returning an approved value needs a reason, and takes it out of the figures.
        await Refused(await admin.PostJsonAsync($"{Api}/reports/{reportId}/review", new { approve = false }), HttpStatusCode.BadRequest, "审核意见：不能为空");
        var returned = await Json(await admin.PostJsonAsync($"{Api}/reports/{reportId}/review", new { approve = false, note = "其中1个支部尚未命名" }), HttpStatusCode.OK);
        Assert.Equal("Returned", returned.GetProperty("state").GetString());
        Assert.Equal(0, await FigureAsync(admin, tree.Street.Id, code));

        // Corrected as a draft (the evidence kept), then submitted and approved again: the new value counts.
        var draft = await Json(await cadre.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear, "2", "2个支部获评区级示范团委", submit: false)), HttpStatusCode.OK);
        Assert.Equal("Draft", draft.GetProperty("state").GetString());
        Assert.Equal(sent.GetProperty("evidence").GetString(), draft.GetProperty("evidence").GetString());
        await Json(await cadre.PostAsync($"{Api}/reports/{reportId}/submit", null), HttpStatusCode.OK);
        await Json(await admin.PostJsonAsync($"{Api}/reports/{reportId}/review", new { approve = true, note = "已核实" }), HttpStatusCode.OK);
        Assert.Equal(2, await FigureAsync(admin, tree.Street.Id, code));
        await Refused(await cadre.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear, "5", "再改", submit: true, Pdf)),
            HttpStatusCode.Conflict, "已审核通过，不能再修改");

        // The street's page lists the community's report for review, with its evidence.
        var street = await Json(await admin.GetAsync($"{Api}/reported?unitId={tree.Street.Id}&year={ThisYear}"), HttpStatusCode.OK);
        var child = street.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("report").GetProperty("id").GetGuid() == reportId);
        Assert.Equal(tree.A.Name, child.GetProperty("unitName").GetString());
        Assert.Equal("Approved", child.GetProperty("report").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Refusals_name_the_field_and_rule_and_write_nothing()
    {
        var tree = await FiguresKit.TreeAsync(app, app.World.CommunityA.Id);
        var other = await FiguresKit.TreeAsync(app, app.World.CommunityA.Id);
        var admin = await app.ApiAsAsync(World.AdminA);
        var cadre = await app.ApiAsAsync(World.CadreA);
        var outsider = await app.ApiAsAsync(World.AdminB);
        var name = "典型案例" + FiguresKit.Tag();
        var id = (await DefineAsync(admin, tree.Street.Id, name)).GetProperty("id").GetGuid();
        var elsewhere = (await DefineAsync(admin, other.Street.Id, "别处指标" + FiguresKit.Tag())).GetProperty("id").GetGuid();
        async Task<(int, int, int)> WrittenAsync() => await app.AsSystemAsync(async (_, db) =>
            (await db.ReportedIndicators.CountAsync(), await db.IndicatorReports.CountAsync(), await db.Documents.CountAsync()));
        var before = await WrittenAsync();

        // Defining.
        await Refused(await admin.PostJsonAsync($"{Api}/reported", new { unitId = tree.Street.Id, name = " ", measure = "", section = (string?)null }),
            HttpStatusCode.BadRequest, "指标名称：不能为空");
        await Refused(await admin.PostJsonAsync($"{Api}/reported", new { unitId = tree.Street.Id, name = "x", measure = "", section = "Organization" }),
            HttpStatusCode.BadRequest, "计量单位：不能为空");
        await Refused(await admin.PostJsonAsync($"{Api}/reported", new { unitId = tree.Street.Id, name = "计划", measure = "项", section = "Plan" }),
            HttpStatusCode.BadRequest, "所属板块：");
        await Refused(await admin.PostJsonAsync($"{Api}/reported", new { unitId = tree.A.Id, name, measure = "篇", section = "Ideology" }),
            HttpStatusCode.Conflict, "指标名称：本级或上级已有同名指标");
        await Refused(await admin.PostJsonAsync($"{Api}/reported", new { unitId = tree.Street.Id, name = new string('长', 61), measure = "个", section = "Ideology" }),
            HttpStatusCode.BadRequest, "指标名称：不能超过 60 个字符");
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostJsonAsync($"{Api}/reported", new { unitId = tree.Street.Id, name = "读者不能设", measure = "个", section = "Ideology" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostJsonAsync($"{Api}/reported", new { unitId = tree.Street.Id, name = "别人的", measure = "个", section = "Ideology" })).StatusCode);

        // Reporting.
        await Refused(await cadre.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear + 1, "1", "明年的", submit: false)),
            HttpStatusCode.BadRequest, $"年度：应在 2000 到 {ThisYear} 之间");
        await Refused(await cadre.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear, "-1", "负数", submit: false)),
            HttpStatusCode.BadRequest, "填报数值：应在 0 到");
        await Refused(await cadre.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear, "1.125", "三位小数", submit: false)),
            HttpStatusCode.BadRequest, "填报数值：最多保留两位小数");
        await Refused(await cadre.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear, "一个", "看不懂", submit: false)),
            HttpStatusCode.BadRequest, "填报数值：格式不正确，无法读取");
        await Refused(await cadre.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear, "1", "没有材料", submit: true)),
            HttpStatusCode.BadRequest, "佐证材料：不能为空");
        await Refused(await cadre.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear, "1", "", submit: true, Pdf)),
            HttpStatusCode.BadRequest, "情况说明：不能为空");
        await Refused(await cadre.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear, "1", "不是文件", submit: true, Encoding.UTF8.GetBytes("=cmd|' /C calc'!A0"), "假.pdf")),
            HttpStatusCode.BadRequest, "佐证材料：请上传 PDF 文件或 JPG、PNG 照片");
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.PostAsync($"{Api}/reports", Report(elsewhere, tree.A.Id, ThisYear, "1", "别处的指标", submit: false))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear, "1", "别人的单位", submit: false))).StatusCode);
        Assert.Equal(before, await WrittenAsync());

        // Nobody reviews their own submission, even with the right to review.
        var own = await Json(await admin.PostAsync($"{Api}/reports", Report(id, tree.B.Id, ThisYear, "1", "本人提交", submit: true, Pdf)), HttpStatusCode.OK);
        await Refused(await admin.PostJsonAsync($"{Api}/reports/{own.GetProperty("id").GetGuid()}/review", new { approve = true }),
            HttpStatusCode.Forbidden, "不能审核本人提交的填报");
        // A draft is not reviewed; outside the scope the report does not exist.
        var draft = await Json(await cadre.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear, "1", "草稿", submit: false)), HttpStatusCode.OK);
        await Refused(await admin.PostJsonAsync($"{Api}/reports/{draft.GetProperty("id").GetGuid()}/review", new { approve = true }),
            HttpStatusCode.Conflict, "该填报不在待审核状态");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostJsonAsync($"{Api}/reports/{draft.GetProperty("id").GetGuid()}/review", new { approve = true })).StatusCode);

        // Retired: no more reports, the value already there stays as it was.
        await Json(await admin.PostAsync($"{Api}/reported/{id}/retire", null), HttpStatusCode.OK);
        await Refused(await cadre.PostAsync($"{Api}/reports", Report(id, tree.A.Id, ThisYear, "2", "停用后", submit: false)),
            HttpStatusCode.Conflict, "该指标已停用");
        await Refused(await admin.PostAsync($"{Api}/reported/{id}/retire", null), HttpStatusCode.Conflict, "该指标已停用");
        Assert.Equal(1m, await app.AsSystemAsync((_, db) => db.IndicatorReports.Where(r => r.Id == draft.GetProperty("id").GetGuid()).Select(r => r.Value).SingleAsync()));
    }

    [Fact]
    public async Task The_page_reports_with_a_photo_and_the_level_above_approves_from_its_page()
    {
        var tree = await FiguresKit.TreeAsync(app, app.World.CommunityA.Id);
        var admin = await app.ApiAsAsync(World.AdminA);
        var name = "青年突击队" + FiguresKit.Tag();
        var id = (await DefineAsync(admin, tree.Street.Id, name)).GetProperty("id").GetGuid();

        var cadrePages = await app.PagesAsAsync(World.CadreA);
        var page = $"/figures/reported?unit={tree.A.Id}&year={ThisYear}";
        Assert.Contains(name, await cadrePages.Http.GetStringAsync(page));
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
        var form = new MultipartFormDataContent
        {
            { new StringContent(id.ToString()), "indicatorId" }, { new StringContent("4"), "value" },
            { new StringContent("组建4支青年突击队"), "note" }, { new StringContent("true"), "submit" },
        };
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "evidence", "合影.png");
        var posted = await cadrePages.PostMultipartAsync($"/figures/reported?handler=Save&unit={tree.A.Id}&year={ThisYear}", form, page);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await cadrePages.Http.GetStringAsync(page);
        Assert.Contains("待上级审核", after);
        Assert.Contains("合影.png", after);
        Assert.Equal("image/png", await app.AsSystemAsync((_, db) => db.Documents.Where(d => d.FileName == "合影.png" && d.UnitId == tree.A.Id).Select(d => d.ContentType).SingleAsync()));

        var adminPages = await app.PagesAsAsync(World.AdminA);
        var streetPage = $"/figures/reported?unit={tree.Street.Id}&year={ThisYear}";
        Assert.Contains("下级单位填报审核", await adminPages.Http.GetStringAsync(streetPage));
        var reportId = await app.AsSystemAsync((_, db) => db.IndicatorReports.Where(r => r.IndicatorId == id).Select(r => r.Id).SingleAsync());
        var reviewed = await adminPages.PostFormAsync($"/figures/reported?handler=Review&unit={tree.Street.Id}&year={ThisYear}",
            new() { ["id"] = reportId.ToString(), ["approve"] = "true" }, streetPage);
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        Assert.Equal(4, await FigureAsync(admin, tree.Street.Id, ReportedIndicator.CodeOf(id)));

        // A refused post shows the reason on the page with the API's status.
        var refused = await adminPages.PostFormAsync($"/figures/reported?handler=Review&unit={tree.Street.Id}&year={ThisYear}",
            new() { ["id"] = reportId.ToString(), ["approve"] = "false" }, streetPage);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("审核意见：不能为空", await refused.Content.ReadAsStringAsync());
    }
}

public sealed class ReportedIndicatorOnSqlite(SqliteApp app) : ReportedIndicatorTests(app), IClassFixture<SqliteApp>;

public sealed class ReportedIndicatorOnPostgres(PostgresApp app) : ReportedIndicatorTests(app), IClassFixture<PostgresApp>;
