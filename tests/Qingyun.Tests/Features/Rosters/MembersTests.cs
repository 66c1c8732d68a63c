using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Qingyun.Data;
using Qingyun.Features.Rosters;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Rosters;

public abstract class MembersTests(QingyunApp app)
{
    private object Enrol(string idNumber, string number, string joined, string name = "新团员", string? phone = null, string status = "Registered", bool student = false) =>
        new { unitId = app.World.BranchA1.Id, name, idNumber, phone, memberNumber = number, joinedOn = joined, status, isStudent = student };

    private Task<int> CountMembersAsync() => app.AsSystemAsync((_, db) => db.Memberships.IgnoreQueryFilters().CountAsync());

    private static MultipartFormDataContent Workbook(IEnumerable<Dictionary<string, object>> rows)
    {
        var ms = new MemoryStream();
        ms.SaveAs(rows);
        var file = new ByteArrayContent(ms.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { file, "file", "members.xlsx" } };
    }

    private static Dictionary<string, object> Row(string name, string id, string number, string joined, string unit, string status = "在册", string student = "否", string phone = "") => new()
    {
        [ImportMembers.NameHeader] = name, [ImportMembers.IdNumberHeader] = id, [ImportMembers.PhoneHeader] = phone,
        [ImportMembers.NumberHeader] = number, [ImportMembers.JoinedHeader] = joined, [ImportMembers.UnitCodeHeader] = unit,
        [ImportMembers.StatusHeader] = status, [ImportMembers.StudentHeader] = student, [ImportMembers.EthnicityHeader] = "汉族",
    };

    [Fact]
    public async Task EnrollingAMember_RegistersThePerson_AndStartsTheHistory()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var created = await api.PostJsonAsync("/api/v1/members", Enrol("110105200001010016", "M-0001", "2015-05-04"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        var details = await (await api.GetAsync($"/api/v1/members/{id}")).ReadJsonAsync();
        Assert.Equal("M-0001", details.GetProperty("member").GetProperty("memberNumber").GetString());
        Assert.Equal("Joined", details.GetProperty("history")[0].GetProperty("kind").GetString());
        var person = await app.AsSystemAsync((_, db) => db.People.SingleAsync(p => p.Id == db.Memberships.Single(m => m.Id == id).PersonId));
        Assert.Equal(Domain.People.PoliticalStatus.LeagueMember, person.PoliticalStatus);
    }

    [Fact]
    public async Task JoiningBefore14_IsRefusedNamingTheRule_AndNothingIsWritten()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var before = await CountMembersAsync();
        var response = await api.PostJsonAsync("/api/v1/members", Enrol("110105201001010037", "M-YOUNG", "2023-01-01"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("入团日期：入团时应已满 14 周岁", await response.ProblemTextAsync());
        Assert.Equal(before, await CountMembersAsync());
        Assert.False(await app.AsSystemAsync((_, db) => db.People.IgnoreQueryFilters().AnyAsync(p => p.Name == "新团员" && p.BirthDate == new DateOnly(2010, 1, 1))));
    }

    [Fact]
    public async Task APersonIsAMemberOnce_AndMemberNumbersAreUnique()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync("/api/v1/members", Enrol("110105199606060029", "M-0002", "2012-05-04"))).StatusCode);
        var again = await api.PostJsonAsync("/api/v1/members", Enrol("110105199606060029", "M-0003", "2012-05-04"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("身份证号：此人已是团员", await again.ProblemTextAsync());
        var sameNumber = await api.PostJsonAsync("/api/v1/members", Enrol("110105200303030047", "M-0002", "2019-05-04"));
        Assert.Equal(HttpStatusCode.Conflict, sameNumber.StatusCode);
        Assert.Contains("团员编号：团员编号“M-0002”已被使用", await sameNumber.ProblemTextAsync());
    }

    [Fact]
    public async Task APersonOfAnotherCommunity_CannotBeEnrolledHere()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var response = await api.PostJsonAsync("/api/v1/members", Enrol(World.PersonBIdNumber, "M-B", "2021-05-04"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var text = await response.ProblemTextAsync();
        Assert.Contains("此人已在其他组织登记", text);
        Assert.DoesNotContain(app.World.CommunityB.Name, text);
    }

    [Fact]
    public async Task TheRosterFiltersByStatusAndAge_AndFlagsThoseDueToLeave()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        await api.PostJsonAsync("/api/v1/members", Enrol("110105199009090078", "M-OLD", "2005-05-04", name: "老团员"));
        await api.PostJsonAsync("/api/v1/members", Enrol("11010520040404005X", "M-FLOAT", "2019-05-04", name: "流动团员", status: "Floating", student: true));

        async Task<List<string>> Names(string query)
        {
            var json = await (await api.GetAsync("/api/v1/members?" + query)).ReadJsonAsync();
            return json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
        }
        Assert.Contains("老团员", await Names("dueToLeave=true"));
        Assert.DoesNotContain("流动团员", await Names("dueToLeave=true"));
        var floating = await Names("status=Floating");
        Assert.Contains("流动团员", floating);
        Assert.DoesNotContain("老团员", floating);
        Assert.Contains("流动团员", await Names("isStudent=true&maxAge=27"));
        Assert.DoesNotContain("老团员", await Names("maxAge=27"));
        Assert.Contains("老团员", await Names($"unitId={app.World.CommunityA.Id}&joinedYear=2005"));

        var adminB = await app.ApiAsAsync(World.AdminB);
        var theirs = (await (await adminB.GetAsync("/api/v1/members")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Equal([app.World.PersonB.Name], theirs);
    }

    [Fact]
    public async Task AStatusChange_IsKeptInTheHistory()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var created = await (await api.PostJsonAsync("/api/v1/members", Enrol("110105200505050062", "M-LEAVE", "2020-05-04"))).ReadJsonAsync();
        var id = created.GetProperty("id").GetGuid();
        var changed = await api.PutJsonAsync($"/api/v1/members/{id}/status", new { status = "Left", isStudent = false });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var history = (await (await api.GetAsync($"/api/v1/members/{id}")).ReadJsonAsync()).GetProperty("history");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "StatusChanged" && e.GetProperty("before").GetString() == "Registered" && e.GetProperty("after").GetString() == "Left");
        var cadre = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.PutJsonAsync($"/api/v1/members/{id}/status", new { status = "Registered", isStudent = false })).StatusCode);
    }

    [Fact]
    public async Task AnImportWithEveryKindOfBadRow_WritesNothing_AndReportsEachRowAndColumn()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var a1 = app.World.BranchA1.Code;
        var before = await CountMembersAsync();
        var response = await pages.ImportAsync("/members/import", Workbook(
        [
            Row("好的一行", "11010519980808001X", "IM-1", "2014-05-04", a1),
            Row("校验码错", "110105199808080014", "IM-2", "2014-05-04", a1),
            Row("编号重复", "110105199707070015", "IM-1", "2014-05-04", a1),
            Row("支部不存在", "110105199606060045", "IM-4", "2014-05-04", "NO-SUCH"),
            Row("越权支部", "110105199505050059", "IM-5", "2014-05-04", app.World.CommunityB.Code),
            Row("日期不对", "110105199404040062", "IM-6", "昨天", a1),
            Row("状态不对", "110105199303030076", "IM-7", "2014-05-04", a1, status: "优秀"),
            Row("手机不对", "11010519920202008X", "IM-8", "2014-05-04", a1, phone: "12345"),
        ]));
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"status {(int)response.StatusCode}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("未导入任何数据", html);
        Assert.Contains("身份证号：校验码不正确", html);
        Assert.Contains("团员编号：“IM-1”在文件中重复（第 2 行已使用）", html);
        Assert.Contains("团支部代码：找不到组织代码“NO-SUCH”", html);
        Assert.Contains("团支部代码：找不到组织代码“P-D-S-B”", html);
        Assert.Contains("入团日期：日期格式应为 2019-05-04", html);
        Assert.Contains("团籍状态：“优秀”不是模板中的可选值", html);
        Assert.Contains("手机号：应为 11 位手机号码", html);
        Assert.Equal(before, await CountMembersAsync());

        var reportLink = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/members/import\\?handler=Report&amp;id=[0-9a-f]+|/members/import\\?handler=Report&id=[0-9a-f]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var report = await pages.Http.GetByteArrayAsync(reportLink);
        var lines = new MemoryStream(report).Query(useHeaderRow: true, sheetName: "问题清单").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(lines, l => Convert.ToInt32(l["行号"], System.Globalization.CultureInfo.InvariantCulture) == 3 && (string)l["列"] == ImportMembers.IdNumberHeader);

        // The first sheet is the upload again: same headers and rows, the bad cells filled light red, the
        // problems in a last column; the good row stays plain.
        var sheet = new MemoryStream(report).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([.. ImportMembers.Headers, "问题"], sheet[0].Keys.ToArray());
        Assert.Equal("校验码错", sheet[1][ImportMembers.NameHeader]);
        Assert.Equal("昨天", sheet[5][ImportMembers.JoinedHeader]);
        Assert.Contains("身份证号：校验码不正确", (string)sheet[1]["问题"]);
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "B3"));
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "E7"));
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "F5"));
        Assert.Null(XlsxProbe.FillOf(report, "A3"));
        Assert.Null(XlsxProbe.FillOf(report, "B2"));

        // Only its owner can fetch it.
        var other = await app.PagesAsAsync(World.DistrictAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(reportLink)).StatusCode);
    }

    [Fact]
    public async Task TheReportFixedInPlace_ImportsOnTheSecondTry()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var a1 = app.World.BranchA1.Code;
        var first = await pages.ImportAsync("/members/import", Workbook(
        [
            Row("改好再导", "110105200009090014", "FIX-1", "2016-05-04", a1),
            Row("手机写错", "110105200108180023", "FIX-2", "2016-05-04", a1, phone: "1381234"),
        ]));
        var html = await first.Content.ReadAsStringAsync();
        var link = System.Text.RegularExpressions.Regex.Match(html, "/members/import\\?handler=Report&(?:amp;)?id=[0-9a-f]+").Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var report = await pages.Http.GetByteArrayAsync(link);

        // The user corrects the red cell in the report itself and uploads it as it is (问题 column and all).
        var rows = new MemoryStream(report).Query(useHeaderRow: true).Cast<IDictionary<string, object>>()
            .Select(r => r.ToDictionary(kv => kv.Key, kv => kv.Value ?? "")).ToList();
        rows[1][ImportMembers.PhoneHeader] = "13812345670";
        var second = await pages.ImportAsync("/members/import", Workbook(rows));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("导入成功，共 2 名团员", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheApiImport_Answers202WithAStatusUrl_ThenTheOutcomeAndReport()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var a1 = app.World.BranchA1.Code;
        async Task<System.Text.Json.JsonElement> RunAsync(MultipartFormDataContent content) => (await api.ImportAsync("/api/v1/members/imports", content)).Status;

        var bad = await RunAsync(Workbook([Row("接口导入", "110105200202020035", "API-1", "2016-05-04", a1)]));
        Assert.False(bad.GetProperty("ok").GetBoolean());
        var failure = bad.GetProperty("failures")[0];
        Assert.Equal(ImportMembers.IdNumberHeader, failure.GetProperty("column").GetString());
        Assert.StartsWith("身份证号：校验码不正确", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        var report = await api.GetByteArrayAsync(bad.GetProperty("report").GetString());
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "B2"));

        var good = await RunAsync(Workbook([Row("接口导入", "110105200202020034", "API-1", "2016-05-04", a1)]));
        Assert.True(good.GetProperty("ok").GetBoolean());
        Assert.Equal(1, good.GetProperty("created").GetInt32() + good.GetProperty("existingPeople").GetInt32());
        Assert.Equal("Done", good.GetProperty("phase").GetString());

        // Another user's client cannot follow it.
        var other = await app.ApiAsAsync(World.DistrictAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/members/imports/{good.GetProperty("id").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task AMillionRowFile_IsRefusedAtOnceNamingTheLimit_AndNothingIsWritten()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var before = await CountMembersAsync();
        var file = MillionRowWorkbook(app.World.BranchA1.Code);
        var content = new ByteArrayContent(file.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var response = await pages.ImportAsync("/members/import", new MultipartFormDataContent { { content, "file", "million.xlsx" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("文件：一次最多导入 200,000 行", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"refusing took {clock.Elapsed}");
        Assert.Equal(before, await CountMembersAsync());
    }

    [Fact]
    public async Task ALargeImport_ShowsProgressWhileItRuns_ToItsOwnerOnly()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var a1 = app.World.BranchA1.Code;
        var rows = Enumerable.Range(0, 3000).Select(i =>
        {
            // Born 2005–2006: well under 28, so these members never crowd the roster tests' "due to leave" page.
            var first17 = $"99{i / 1000:00}01{new DateOnly(2005, 1, 1).AddDays(i % 500):yyyyMMdd}{i % 1000:000}";
            return Row($"进度{i}", first17 + Domain.People.IdNumber.CheckCharFor(first17), $"PG-{i:00000}", "2021-05-04", a1);
        }).ToList();
        var response = await pages.PostMultipartAsync("/members/import", Workbook(rows), tokenFrom: "/members/import");
        var html = await response.Content.ReadAsStringAsync();
        var pending = System.Text.RegularExpressions.Regex.Match(html, "data-import-pending=\"[0-9a-f-]+\" hx-get=\"([^\"]+)\"");
        if (pending.Success)
        {
            // Polled every second; another user cannot watch it.
            var statusUrl = WebUtility.HtmlDecode(pending.Groups[1].Value);
            Assert.Contains("hx-trigger=\"every 1s\"", html);
            var other = await app.PagesAsAsync(World.DistrictAdmin);
            Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(statusUrl)).StatusCode);
        }
        Assert.True(await WaitForAsync(async () => await app.AsSystemAsync((_, db) => db.Memberships.CountAsync(m => m.MemberNumber.StartsWith("PG-"))) == 3000));

        // Written in bulk (on PostgreSQL without the per-row key checks, where the role may): each membership still
        // points at its own new person in its branch, with one history line naming branch and number.
        var (linked, people, lines) = await app.AsSystemAsync(async (_, db) => (
            await db.Memberships.IgnoreQueryFilters().CountAsync(m => m.MemberNumber.StartsWith("PG-")
                && db.People.IgnoreQueryFilters().Any(p => p.Id == m.PersonId && p.UnitId == m.UnitId && p.Name.StartsWith("进度"))),
            await db.Memberships.IgnoreQueryFilters().Where(m => m.MemberNumber.StartsWith("PG-")).Select(m => m.PersonId).Distinct().CountAsync(),
            await db.MembershipEvents.IgnoreQueryFilters().CountAsync(e => e.Kind == Domain.Rosters.MembershipEventKind.Imported
                && db.Memberships.IgnoreQueryFilters().Any(m => m.Id == e.MembershipId && m.MemberNumber.StartsWith("PG-") && e.After!.EndsWith(m.MemberNumber)))));
        Assert.Equal(3000, linked);
        Assert.Equal(3000, people);
        Assert.Equal(3000, lines);
    }

    /// <summary>
    /// 8,001 good rows, more than any buffer or batch the read and the write use: a bad row at the very end must still
    /// leave the whole file unwritten, however the write is streamed or cut (and if it ever starts before the file is read).
    /// Born 2005–2006, like the progress test's rows; numbers and ID numbers of their own.
    /// </summary>
    private List<Dictionary<string, object>> LargeFile(string numberPrefix, string areaPrefix) =>
        Enumerable.Range(0, 8_001).Select(i =>
        {
            var first17 = $"{areaPrefix}{i / 1000:00}01{new DateOnly(2005, 1, 1).AddDays(i % 500):yyyyMMdd}{i % 1000:000}";
            return Row($"分批{i}", first17 + Domain.People.IdNumber.CheckCharFor(first17), $"{numberPrefix}-{i:00000}", "2021-05-04", app.World.BranchA1.Code);
        }).ToList();

    private Task<(int People, int Members, int Events)> CountRosterAsync() => app.AsSystemAsync(async (_, db) =>
        (await db.People.IgnoreQueryFilters().CountAsync(), await db.Memberships.IgnoreQueryFilters().CountAsync(),
            await db.MembershipEvents.IgnoreQueryFilters().CountAsync()));

    /// <summary>Imports through the API as branch A's admin: the one problem reported, and what the roster holds before and after.</summary>
    private async Task<System.Text.Json.JsonElement> ImportWithOneProblemAsync(List<Dictionary<string, object>> rows)
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var before = await CountRosterAsync();
        var (_, status) = await api.ImportAsync("/api/v1/members/imports", Workbook(rows));
        Assert.False(status.GetProperty("ok").GetBoolean());
        var failures = status.GetProperty("failures").EnumerateArray().ToList();
        Assert.True(failures.Count == 1, "expected one problem, got: " + string.Join(" | ", failures.Select(f => $"{f.GetProperty("row")} {f.GetProperty("message")}")));
        Assert.Equal(before, await CountRosterAsync());
        return failures[0];
    }

    [Fact]
    public async Task ALargeFileWhoseLastRowRepeatsTheFirstRowsNumber_WritesNothing_AndReportsOnlyThatRow()
    {
        var rows = LargeFile("LD", "97");
        rows[^1][ImportMembers.NumberHeader] = rows[0][ImportMembers.NumberHeader];

        var failure = await ImportWithOneProblemAsync(rows);
        // The last data row, below the header: the duplicate in the file it is, not a number already taken.
        Assert.Equal(rows.Count + 1, failure.GetProperty("row").GetInt32());
        Assert.Equal(ImportMembers.NumberHeader, failure.GetProperty("column").GetString());
        Assert.Equal("DuplicateInFile", failure.GetProperty("rule").GetString());
        Assert.Equal("团员编号：“LD-00000”在文件中重复（第 2 行已使用）", failure.GetProperty("message").GetString());
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.Memberships.IgnoreQueryFilters().CountAsync(m => m.MemberNumber.StartsWith("LD-"))));
    }

    [Fact]
    public async Task APersonOnRecordAttachedEarly_AndRepeatedInTheLastRow_IsReportedAsTheDuplicateInTheFile()
    {
        var rows = LargeFile("LP", "96");
        // Row 2 is someone already on record here (a person, not yet a member): the import attaches the membership to
        // that record early in the file. The last row repeats the ID number under a number of its own.
        var api = await app.ApiAsAsync(World.AdminA);
        var person = await api.PostJsonAsync("/api/v1/people", new
        {
            unitId = app.World.BranchA1.Id, name = "已有档案", idNumber = (string)rows[0][ImportMembers.IdNumberHeader],
            politicalStatus = "LeagueMember", ethnicity = "汉族",
        });
        Assert.Equal(HttpStatusCode.Created, person.StatusCode);
        rows[^1][ImportMembers.IdNumberHeader] = rows[0][ImportMembers.IdNumberHeader];

        var failure = await ImportWithOneProblemAsync(rows);
        // Not "already a member": the membership attached early in the file is not committed, and not seen by the checks.
        Assert.Equal(rows.Count + 1, failure.GetProperty("row").GetInt32());
        Assert.Equal(ImportMembers.IdNumberHeader, failure.GetProperty("column").GetString());
        Assert.Equal("DuplicateInFile", failure.GetProperty("rule").GetString());
        Assert.Contains("在文件中重复（第 2 行已使用）", failure.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Still on record and still not a member: imported again (its first rows only, to keep the test short), the
        // person is attached, not registered again, and the others are created.
        var (_, again) = await api.ImportAsync("/api/v1/members/imports", Workbook(rows.Take(3)));
        Assert.True(again.GetProperty("ok").GetBoolean());
        Assert.Equal(2, again.GetProperty("created").GetInt32());
        Assert.Equal(1, again.GetProperty("existingPeople").GetInt32());
    }

    [Fact]
    public async Task AnUnknownUnitInTheLastRowOfALargeFile_WritesNothing_AndReportsThatRow()
    {
        var rows = LargeFile("LU", "95");
        rows[^1][ImportMembers.UnitCodeHeader] = "LATE-NO-SUCH";

        var failure = await ImportWithOneProblemAsync(rows);
        Assert.Equal(rows.Count + 1, failure.GetProperty("row").GetInt32());
        Assert.Equal(ImportMembers.UnitCodeHeader, failure.GetProperty("column").GetString());
        Assert.Equal("ParentCodeUnknown", failure.GetProperty("rule").GetString());
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.Memberships.IgnoreQueryFilters().CountAsync(m => m.MemberNumber.StartsWith("LU-"))));
    }

    /// <summary>
    /// A 1,000,000-row workbook written as a stream (the sheet's XML straight into the zip, no dimension
    /// element, as some tools write it): a few seconds, a few megabytes.
    /// </summary>
    private static MemoryStream MillionRowWorkbook(string unitCode)
    {
        var file = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(file, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, System.IO.Compression.CompressionLevel.Fastest).Open());
                w.Write(xml);
            }
            const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            Part("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Part("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Part("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            Part("xl/workbook.xml", $"<workbook xmlns=\"{main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"团员\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.Fastest).Open());
            static string Cell(string text) => $"<c t=\"inlineStr\"><is><t>{text}</t></is></c>";
            sheet.Write($"<worksheet xmlns=\"{main}\"><sheetData><row>{string.Concat(ImportMembers.Headers.Select(Cell))}</row>");
            var row = "<row>" + Cell("团员") + Cell("110105199909090014") + Cell("") + Cell("M1") + Cell("2014-05-04") + Cell(unitCode) + Cell("在册") + "</row>";
            for (var i = 0; i < 1_000_000; i++)
            {
                sheet.Write(row);
            }
            sheet.Write("</sheetData></worksheet>");
        }
        file.Position = 0;
        return file;
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(200);
        }
        return false;
    }

    [Fact]
    public async Task AGoodFile_PutsEveryoneOnTheRoster_AndTheExportIsSafeToOpen()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var a1 = app.World.BranchA1.Code;
        var response = await pages.ImportAsync("/members/import", Workbook(
        [
            Row("=HYPERLINK(\"x\")", "11010519911212001X", "OK-1", "2007-05-04", a1, student: "是"),
            Row("导入乙", "110105199211110028", "OK-2", "2008/5/4", a1, status: "流动", phone: "13712345678"),
            Row("甲青年", World.PersonAIdNumber, "OK-3", "2006-05-04", a1),
        ]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("导入成功，共 3 名团员，其中 1 人已有人员档案", await response.Content.ReadAsStringAsync());

        var export = await pages.Http.GetByteArrayAsync($"/members?handler=Export&UnitId={app.World.CommunityA.Id}&Name=OK-2");
        var rows = new MemoryStream(export).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Single(rows);
        Assert.Equal("流动", rows[0][ImportMembers.StatusHeader]);
        Assert.Equal("137****5678", rows[0][ImportMembers.PhoneHeader]);

        var all = await pages.Http.GetByteArrayAsync($"/members?handler=Export&UnitId={app.World.CommunityA.Id}");
        var names = new MemoryStream(all).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().Select(r => (string)r[ImportMembers.NameHeader]).ToList();
        Assert.Contains("'=HYPERLINK(\"x\")", names);
    }

    [Fact]
    public async Task NotExcelOrEmpty_IsRefusedWithAMessage()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var junk = new MultipartFormDataContent { { new StringContent("id,name\n1,2"), "file", "members.xlsx" } };
        var before = await CountMembersAsync();
        var r1 = await pages.ImportAsync("/members/import", junk);
        Assert.Equal(HttpStatusCode.BadRequest, r1.StatusCode);
        Assert.Contains("文件：不是有效的 Excel（.xlsx）文件", WebUtility.HtmlDecode(await r1.Content.ReadAsStringAsync()));
        var zipButNotExcel = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(zipButNotExcel, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("hello.txt").Open());
            w.Write("not a workbook");
        }
        var r2 = await pages.ImportAsync("/members/import", new MultipartFormDataContent { { new ByteArrayContent(zipButNotExcel.ToArray()), "file", "members.xlsx" } });
        Assert.Contains("文件：不是有效的 Excel（.xlsx）文件", WebUtility.HtmlDecode(await r2.Content.ReadAsStringAsync()));
        var empty = await pages.ImportAsync("/members/import", Workbook([Row("", "", "", "", "", status: "", student: "")]));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("文件：文件中没有数据行", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));
        var wrongHeaders = await pages.ImportAsync("/members/import", Workbook([new Dictionary<string, object> { ["name"] = "x" }]));
        Assert.Contains("文件：缺少列：姓名、身份证号、团员编号、入团日期、团支部代码、团籍状态", WebUtility.HtmlDecode(await wrongHeaders.Content.ReadAsStringAsync()));
        Assert.Equal(before, await CountMembersAsync());
    }
}

public sealed class MembersOnSqlite(SqliteApp app) : MembersTests(app), IClassFixture<SqliteApp>;

public sealed class MembersOnPostgres(PostgresApp app) : MembersTests(app), IClassFixture<PostgresApp>;

/// <summary>The same on a database the app's role owns without being a superuser: the imports' per-row key checks stay on.</summary>
public sealed class MembersOnPostgresAsOwner(PostgresOwnerApp app) : MembersTests(app), IClassFixture<PostgresOwnerApp>
{
    [Fact]
    public async Task TheAppsRole_IsNoSuperuser_AndMayNotTurnKeyChecksOff()
    {
        var (superuser, may) = await app.AsSystemAsync(async (_, db) => (
            await db.Database.SqlQueryRaw<bool>("SELECT rolsuper AS \"Value\" FROM pg_roles WHERE rolname = current_user").SingleAsync(),
            await db.Database.SqlQueryRaw<bool>("SELECT has_parameter_privilege('session_replication_role', 'SET') AS \"Value\"").SingleAsync()));
        Assert.False(superuser);
        Assert.False(may);
        var vouched = await app.AsSystemAsync(async (_, db) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await using var keys = await db.KeysVouchedForAsync([(nameof(AppDbContext.OrgUnits), [app.World.BranchA1.Id])], default);
            return keys is not null;
        });
        Assert.False(vouched);
    }
}
