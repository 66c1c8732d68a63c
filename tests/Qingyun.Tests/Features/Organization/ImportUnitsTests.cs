using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Qingyun.Features.Organization;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Organization;

public abstract class ImportUnitsTests(QingyunApp app)
{
    private static MultipartFormDataContent Workbook(IEnumerable<Dictionary<string, object>> rows)
    {
        var ms = new MemoryStream();
        ms.SaveAs(rows);
        var file = new ByteArrayContent(ms.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { file, "file", "units.xlsx" } };
    }

    private static Dictionary<string, object> Row(string parent, string code, string name, string kind = "社区", string body = "团支部") => new()
    {
        [ImportUnits.ParentCodeHeader] = parent, [ImportUnits.CodeHeader] = code, [ImportUnits.NameHeader] = name,
        [ImportUnits.KindHeader] = kind, [ImportUnits.BodyHeader] = body,
    };

    [Fact]
    public async Task AValidFile_CreatesEveryRow_ChildBeforeParentIsFine()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var a = app.World.CommunityA.Code;
        var response = await pages.ImportAsync("/units/import", Workbook(
        [
            Row("IM-G", "IM-G-1", "导入第一团小组"),
            Row(a, "IM-G", "导入团总支", body: "团总支"),
            Row("IM-G", "IM-G-2", "导入第二团小组"),
        ]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("导入成功，共新建 3 个组织", await response.Content.ReadAsStringAsync());
        var (g, g1) = await app.AsSystemAsync(async (_, db) => (await db.OrgUnits.SingleAsync(u => u.Code == "IM-G"), await db.OrgUnits.SingleAsync(u => u.Code == "IM-G-1")));
        Assert.Equal(app.World.CommunityA.Id, g.ParentId);
        Assert.Equal(g.Id, g1.ParentId);
        Assert.StartsWith(g.Path, g1.Path, StringComparison.Ordinal);
        var imports = await app.AsSystemAsync((_, db) => db.AuditEntries.Where(e => e.Action == Qingyun.Domain.Audit.AuditAction.Import && e.UserName == World.AdminA).Select(e => e.Changes).ToListAsync());
        Assert.Contains(imports, c => c!.Contains("\"rows\":3", StringComparison.Ordinal) && c.Contains("IM-G-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OneBadRow_WritesNothing_AndTheReportNamesEveryRowAndRule()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var before = await app.AsSystemAsync((_, db) => db.OrgUnits.CountAsync());
        var response = await pages.ImportAsync("/units/import", Workbook(
        [
            Row(app.World.CommunityA.Code, "BAD-1", "好的一行"),
            Row(app.World.CommunityA.Code, "BAD-2", "类别写错", kind: "火星"),
            Row(app.World.CommunityB.Code, "BAD-3", "上级不在管辖范围"),
            Row(app.World.CommunityA.Code, "BAD-1", "代码重复"),
        ]));
        Assert.True((int)response.StatusCode is >= 400 and < 500);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("未导入任何数据", html);
        Assert.Contains("组织类别：“火星”不是模板中的可选值", html);
        Assert.Contains("上级组织代码：找不到组织代码“P-D-S-B”", html);
        Assert.Contains("组织代码：“BAD-1”在文件中重复（第 2 行已使用）", html);
        Assert.Equal(before, await app.AsSystemAsync((_, db) => db.OrgUnits.CountAsync()));

        // The same report writer as the member import: the rows again, bad cells filled, problems named.
        var link = System.Text.RegularExpressions.Regex.Match(html, "/units/import\\?handler=Report&id=[0-9a-f]+").Value;
        var report = await pages.Http.GetByteArrayAsync(link);
        var sheet = new MemoryStream(report).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([.. ImportUnits.Headers, "问题"], sheet[0].Keys.ToArray());
        Assert.Equal("火星", sheet[1][ImportUnits.KindHeader]);
        Assert.Contains("组织类别：“火星”不是模板中的可选值", (string)sheet[1]["问题"]);
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "D3"));
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "A4"));
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "B5"));
        Assert.Null(XlsxProbe.FillOf(report, "D2"));
        var list = new MemoryStream(report).Query(useHeaderRow: true, sheetName: "问题清单").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(list, l => Convert.ToInt32(l["行号"], System.Globalization.CultureInfo.InvariantCulture) == 5 && (string)l["列"] == ImportUnits.CodeHeader);
    }

    [Fact]
    public async Task ANonExcelFile_IsRefusedWithAMessage()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var content = new MultipartFormDataContent { { new StringContent("not a workbook"), "file", "units.xlsx" } };
        var response = await pages.ImportAsync("/units/import", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("文件：不是有效的 Excel（.xlsx）文件", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task TheTemplateDownloads_AsAWorkbookWithTheHeaders()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var bytes = await pages.Http.GetByteArrayAsync("/units/import?handler=Template");
        var rows = new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([ImportUnits.ParentCodeHeader, ImportUnits.CodeHeader, ImportUnits.NameHeader, ImportUnits.KindHeader, ImportUnits.BodyHeader], rows[0].Keys.ToArray());
        var examples = new MemoryStream(bytes).Query(useHeaderRow: true, sheetName: "填写示例").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(app.World.CommunityA.Code, examples[0][ImportUnits.ParentCodeHeader]);

        // Uploaded untouched, the template creates nothing.
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var untouched = await pages.ImportAsync("/units/import", new MultipartFormDataContent { { file, "file", "t.xlsx" } });
        Assert.Contains("文件：文件中没有数据行", WebUtility.HtmlDecode(await untouched.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AFileWithOtherHeaders_NamesTheMissingColumns()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var response = await pages.ImportAsync("/units/import", Workbook([new Dictionary<string, object> { ["parent"] = "P", ["code"] = "X", ["name"] = "Y" }]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("文件：缺少列：上级组织代码、组织代码、组织名称、组织类别、团组织类型", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}

public sealed class ImportUnitsOnSqlite(SqliteApp app) : ImportUnitsTests(app), IClassFixture<SqliteApp>;

public sealed class ImportUnitsOnPostgres(PostgresApp app) : ImportUnitsTests(app), IClassFixture<PostgresApp>;
