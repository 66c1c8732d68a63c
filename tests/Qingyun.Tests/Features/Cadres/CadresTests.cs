using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Features.Cadres;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Cadres;

public abstract class CadresTests(QingyunApp app)
{
    /// <summary>A checksum-valid ID number, different for every n (GB 11643: the check character is computed).</summary>
    private static string IdFor(int n)
    {
        var birth = new DateOnly(1990, 1, 1).AddDays(n * 7);
        var first17 = $"110105{birth:yyyyMMdd}{n % 900 + 100:000}";
        return first17 + IdNumber.CheckCharFor(first17);
    }

    private static string PhoneFor(int n) => $"139{n:00000000}";

    /// <summary>A fresh branch under community A, so each test starts from an empty team.</summary>
    private Task<OrgUnit> NewBranchAsync(string code, LeagueBodyType body = LeagueBodyType.Branch) => app.AsSystemAsync(async (_, db) =>
    {
        var parent = app.World.CommunityA;
        var id = Guid.CreateVersion7();
        var unit = new OrgUnit
        {
            Id = id, ParentId = parent.Id, Code = code, Name = code + "团支部", Kind = UnitKind.Community, BodyType = body,
            Path = OrgUnit.PathFor(parent, id), Depth = parent.Depth + 1, RootId = parent.RootId, SortOrder = 9, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync();
        return unit;
    });

    private static object Appointment(Guid unitId, int n, string post = "Secretary", string name = "任职人", string started = "2024-06-01",
        string? plannedEnd = "2029-05-31", string kind = "PartTime") =>
        new { unitId, name = name + n, idNumber = IdFor(n), phone = PhoneFor(n), post, cadreKind = kind, startedOn = started, plannedEndOn = plannedEnd };

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    private Task<int> CountTermsAsync() => app.AsSystemAsync((_, db) => db.CadreTerms.IgnoreQueryFilters().CountAsync());

    private static MultipartFormDataContent Workbook(IEnumerable<Dictionary<string, object>> rows)
    {
        var ms = new MemoryStream();
        ms.SaveAs(rows);
        var file = new ByteArrayContent(ms.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { file, "file", "cadres.xlsx" } };
    }

    private static Dictionary<string, object> Row(string name, string id, string unit, string post = "委员", string kind = "兼职",
        string start = "2024-06-01", string plannedEnd = "2029-05-31", string phone = "") => new()
    {
        [ImportCadres.NameHeader] = name, [ImportCadres.IdNumberHeader] = id, [ImportCadres.PhoneHeader] = phone, [ImportCadres.UnitCodeHeader] = unit,
        [ImportCadres.PostHeader] = post, [ImportCadres.KindHeader] = kind, [ImportCadres.StartHeader] = start, [ImportCadres.PlannedEndHeader] = plannedEnd,
    };

    [Fact]
    public async Task AppointingASecretary_RegistersThePerson_AndFillsTheUnitsTeam()
    {
        var unit = await NewBranchAsync("CA-APPOINT");
        var api = await app.ApiAsAsync(World.AdminA);
        var termId = await IdOf(await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 1, name: "王书记")));

        var team = await (await api.GetAsync($"/api/v1/cadres/units/{unit.Id}")).ReadJsonAsync();
        Assert.False(team.GetProperty("vacant").GetBoolean());
        var current = Assert.Single(team.GetProperty("current").EnumerateArray());
        Assert.Equal(termId, current.GetProperty("id").GetGuid());
        Assert.Equal("王书记1", current.GetProperty("name").GetString());
        Assert.Equal("Secretary", current.GetProperty("post").GetString());

        var pages = await app.PagesAsAsync(World.AdminA);
        var html = WebUtility.HtmlDecode(await pages.Http.GetStringAsync($"/cadres/units/{unit.Id}"));
        Assert.Contains("王书记1", html);
        Assert.Contains("139****0001", html);
        Assert.Contains("2029-05-31", html);
        Assert.DoesNotContain("id=\"vacant-flag\"", html);
        Assert.DoesNotContain(PhoneFor(1), html);
    }

    [Fact]
    public async Task ASecondSecretary_AndTheSamePostTwice_AreRefused_AndNothingIsWritten()
    {
        var unit = await NewBranchAsync("CA-SECOND");
        var api = await app.ApiAsAsync(World.AdminA);
        await IdOf(await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 10)));
        await IdOf(await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 11, post: "CommitteeMember")));
        var before = await CountTermsAsync();

        var second = await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 12));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("职务：该组织已有在任书记", await second.ProblemTextAsync());
        Assert.False(await app.AsSystemAsync((_, db) => db.People.IgnoreQueryFilters().AnyAsync(p => p.Name == "任职人12")));

        var twice = await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 11, post: "CommitteeMember"));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("职务：此人已在该组织担任此职务", await twice.ProblemTextAsync());

        var wrongName = await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 11, post: "Officer", name: "别人"));
        Assert.Equal(HttpStatusCode.Conflict, wrongName.StatusCode);
        Assert.Contains("姓名：与该身份证号已登记的人员姓名不一致", await wrongName.ProblemTextAsync());

        var badDates = await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 13, post: "Officer", started: "2024-06-01", plannedEnd: "2024-01-01"));
        Assert.Equal(HttpStatusCode.BadRequest, badDates.StatusCode);
        Assert.Contains("计划届满日期：应晚于任职日期", await badDates.ProblemTextAsync());
        Assert.Equal(before, await CountTermsAsync());

        // The same person may hold another post in the same unit, and posts in other units.
        await IdOf(await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 11, post: "Officer")));
    }

    [Fact]
    public async Task AHandOver_EndsTheOldTermAndStartsTheNew_AndThePostKeepsItsHistory()
    {
        var unit = await NewBranchAsync("CA-HANDOVER");
        var api = await app.ApiAsAsync(World.AdminA);
        var oldId = await IdOf(await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 20, name: "原书记", started: "2021-06-01")));

        var handOver = await api.PostJsonAsync($"/api/v1/cadres/{oldId}/handover", new
        {
            name = "新书记", idNumber = IdFor(21), phone = PhoneFor(21), cadreKind = "FullTime", handOverOn = "2024-03-01", plannedEndOn = "2027-02-28",
            note = "原书记调往街道，交接完成",
        });
        Assert.Equal(HttpStatusCode.OK, handOver.StatusCode);
        var newId = (await handOver.ReadJsonAsync()).GetProperty("started").GetProperty("id").GetGuid();

        var details = await (await api.GetAsync($"/api/v1/cadres/{newId}")).ReadJsonAsync();
        var history = details.GetProperty("postHistory").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal(newId, history[0].GetProperty("id").GetGuid());
        Assert.Equal(oldId, history[0].GetProperty("predecessorTermId").GetGuid());
        Assert.Equal("原书记调往街道，交接完成", history[0].GetProperty("appointNote").GetString());
        Assert.Equal(oldId, history[1].GetProperty("id").GetGuid());
        Assert.Equal("HandedOver", history[1].GetProperty("endReason").GetString());
        Assert.Equal("2024-03-01", history[1].GetProperty("endedOn").GetString());

        var pages = await app.PagesAsAsync(World.AdminA);
        var html = WebUtility.HtmlDecode(await pages.Http.GetStringAsync($"/cadres/units/{unit.Id}"));
        Assert.Contains("新书记", html);
        Assert.Contains("原书记20", html);
        Assert.Contains("原书记调往街道，交接完成", html);

        var again = await api.PostJsonAsync($"/api/v1/cadres/{oldId}/handover", new { name = "第三人", idNumber = IdFor(22), cadreKind = "PartTime", handOverOn = "2024-04-01" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("该任职已结束", await again.ProblemTextAsync());

        var toSelf = await api.PostJsonAsync($"/api/v1/cadres/{newId}/handover", new { name = "新书记", idNumber = IdFor(21), cadreKind = "PartTime", handOverOn = "2024-05-01" });
        Assert.Equal(HttpStatusCode.Conflict, toSelf.StatusCode);
        Assert.Contains("身份证号：接任者不能是原任本人", await toSelf.ProblemTextAsync());
    }

    [Fact]
    public async Task AUnitWithoutASecretaryIsVacant_AndAPassedPlannedEndIsOverdue()
    {
        var unit = await NewBranchAsync("CA-VACANT");
        var temporary = await NewBranchAsync("CA-TEMP", LeagueBodyType.TemporaryBranch);
        var api = await app.ApiAsAsync(World.AdminA);
        async Task<List<Guid>> Vacant()
        {
            var json = await (await api.GetAsync($"/api/v1/cadres/vacancies?unitId={app.World.CommunityA.Id}")).ReadJsonAsync();
            return json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        }
        Assert.Contains(unit.Id, await Vacant());
        Assert.DoesNotContain(temporary.Id, await Vacant());
        var pages = await app.PagesAsAsync(World.AdminA);
        Assert.Contains("id=\"vacant-flag\"", await pages.Http.GetStringAsync($"/cadres/units/{unit.Id}"));
        Assert.Contains("CA-VACANT团支部", WebUtility.HtmlDecode(await pages.Http.GetStringAsync($"/cadres?Vacant=true&UnitId={app.World.CommunityA.Id}")));

        var overdueId = await IdOf(await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 30, post: "CommitteeMember", name: "超期委员", started: "2018-06-01", plannedEnd: "2023-05-31")));
        var list = await (await api.GetAsync($"/api/v1/cadres?unitId={unit.Id}&overdue=true")).ReadJsonAsync();
        var row = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(overdueId, row.GetProperty("id").GetGuid());
        Assert.True(row.GetProperty("overdue").GetBoolean());
        var html = WebUtility.HtmlDecode(await pages.Http.GetStringAsync($"/cadres/units/{unit.Id}"));
        Assert.Contains("overdue-flag", html);
        Assert.Contains("id=\"vacant-flag\"", html);

        await IdOf(await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 31, name: "准时书记", started: "2024-06-01", plannedEnd: "2029-05-31")));
        Assert.DoesNotContain(unit.Id, await Vacant());
        var onTime = await (await api.GetAsync($"/api/v1/cadres?unitId={unit.Id}&overdue=true")).ReadJsonAsync();
        Assert.Single(onTime.GetProperty("items").EnumerateArray());
        Assert.DoesNotContain("id=\"vacant-flag\"", await pages.Http.GetStringAsync($"/cadres/units/{unit.Id}"));
    }

    [Fact]
    public async Task EndingATerm_KeepsItInTheHistory_AndLeavesThePostVacant()
    {
        var unit = await NewBranchAsync("CA-END");
        var api = await app.ApiAsAsync(World.AdminA);
        var id = await IdOf(await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 40, started: "2022-01-01")));
        var early = await api.PostJsonAsync($"/api/v1/cadres/{id}/end", new { endedOn = "2021-12-31", endReason = "Resigned" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("离任日期：不能早于任职日期 2022-01-01", await early.ProblemTextAsync());
        var noReason = await api.PostJsonAsync($"/api/v1/cadres/{id}/end", new { endedOn = "2024-01-01" });
        Assert.Contains("离任原因：不能为空", await noReason.ProblemTextAsync());

        Assert.Equal(HttpStatusCode.OK, (await api.PostJsonAsync($"/api/v1/cadres/{id}/end", new { endedOn = "2024-01-01", endReason = "Resigned", note = "本人申请" })).StatusCode);
        var team = await (await api.GetAsync($"/api/v1/cadres/units/{unit.Id}")).ReadJsonAsync();
        Assert.True(team.GetProperty("vacant").GetBoolean());
        Assert.Empty(team.GetProperty("current").EnumerateArray());
        var ended = Assert.Single(team.GetProperty("history").EnumerateArray());
        Assert.Equal("Resigned", ended.GetProperty("endReason").GetString());
        // The person is still on file and may be appointed again.
        await IdOf(await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 40, started: "2024-06-01")));
    }

    [Fact]
    public async Task UnitsOutsideScope_AreRefused_AndTheirCadresStayUnseen()
    {
        var world = app.World;
        var bTerm = await app.AsSystemAsync(async (_, db) =>
        {
            var term = new CadreTerm
            {
                PersonId = world.PersonB.Id, UnitId = world.CommunityB.Id, Post = CadrePost.Secretary, Kind = CadreKind.PartTime,
                StartedOn = new DateOnly(2023, 1, 1), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            if (!await db.CadreTerms.AnyAsync(t => t.UnitId == world.CommunityB.Id && t.EndedOn == null && t.Post == CadrePost.Secretary))
            {
                db.CadreTerms.Add(term);
                await db.SaveChangesAsync();
                return term.Id;
            }
            return await db.CadreTerms.Where(t => t.UnitId == world.CommunityB.Id && t.EndedOn == null && t.Post == CadrePost.Secretary).Select(t => t.Id).FirstAsync();
        });
        var before = await CountTermsAsync();
        var api = await app.ApiAsAsync(World.AdminA);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync("/api/v1/cadres", Appointment(world.CommunityB.Id, 50))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync("/api/v1/cadres", Appointment(world.Street.Id, 51))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cadres/units/{world.CommunityB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cadres/{bTerm}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync($"/api/v1/cadres/{bTerm}/end", new { endedOn = "2024-01-01", endReason = "Resigned" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync($"/api/v1/cadres/{bTerm}/handover", new { name = "x", idNumber = IdFor(52), cadreKind = "PartTime", handOverOn = "2024-01-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync($"/api/v1/cadres/people/{world.PersonB.Id}/trainings", new { course = "x", organizer = "y", attendedOn = "2024-01-01", hours = 2 })).StatusCode);
        var list = await (await api.GetAsync("/api/v1/cadres")).ReadJsonAsync();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == bTerm);

        var pages = await app.PagesAsAsync(World.AdminA);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.Http.GetAsync($"/cadres/units/{world.CommunityB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.Http.GetAsync($"/cadres/terms/{bTerm}/end")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.Http.GetAsync($"/cadres/{world.PersonB.Id}")).StatusCode);
        Assert.Equal(before, await CountTermsAsync());

        // Someone of another community is not appointed here either: nothing says where they are.
        var elsewhere = await api.PostJsonAsync("/api/v1/cadres", new { unitId = world.BranchA1.Id, name = world.PersonB.Name, idNumber = World.PersonBIdNumber, post = "Officer", cadreKind = "PartTime", startedOn = "2024-01-01" });
        Assert.Equal(HttpStatusCode.Conflict, elsewhere.StatusCode);
        Assert.DoesNotContain(world.CommunityB.Name, await elsewhere.ProblemTextAsync());
    }

    [Fact]
    public async Task TrainingsAreRecordedOnTheCadresPage_AndCanBeDeleted()
    {
        var unit = await NewBranchAsync("CA-TRAIN");
        var api = await app.ApiAsAsync(World.AdminA);
        var termId = await IdOf(await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 60, name: "学员")));
        var personId = (await (await api.GetAsync($"/api/v1/cadres/{termId}")).ReadJsonAsync()).GetProperty("term").GetProperty("personId").GetGuid();

        var bad = await api.PostJsonAsync($"/api/v1/cadres/people/{personId}/trainings", new { course = "", organizer = "区团委", attendedOn = "2024-05-10", hours = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.ProblemTextAsync();
        Assert.Contains("培训名称：不能为空", text);
        Assert.Contains("学时：应在 0.5 到 1000 之间", text);

        var added = await api.PostJsonAsync($"/api/v1/cadres/people/{personId}/trainings", new { course = "基层团干部示范培训班", organizer = "示范市团委", attendedOn = "2024-05-10", hours = 16 });
        var trainingId = await IdOf(added);
        var pages = await app.PagesAsAsync(World.AdminA);
        var html = WebUtility.HtmlDecode(await pages.Http.GetStringAsync($"/cadres/{personId}"));
        Assert.Contains("基层团干部示范培训班", html);
        Assert.Contains("示范市团委", html);
        Assert.Contains(unit.Name, html);

        var viaPage = await pages.PostFormAsync($"/cadres/{personId}?handler=AddTraining", new()
        {
            ["UnitId"] = unit.Id.ToString(), ["Course"] = "社区团建专题培训", ["Organizer"] = "青云区团委", ["AttendedOn"] = "2024-09-01", ["Hours"] = "4.5",
        }, tokenFrom: $"/cadres/{personId}");
        Assert.Equal(HttpStatusCode.Redirect, viaPage.StatusCode);
        var trainings = await (await api.GetAsync($"/api/v1/cadres/people/{personId}/trainings")).ReadJsonAsync();
        Assert.Equal(2, trainings.GetArrayLength());

        var adminB = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.DeleteAsync($"/api/v1/cadres/trainings/{trainingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/cadres/trainings/{trainingId}")).StatusCode);
        Assert.Equal(1, (await (await api.GetAsync($"/api/v1/cadres/people/{personId}/trainings")).ReadJsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task TheAppointForm_AppointsAndShowsRefusalsInChinese()
    {
        var unit = await NewBranchAsync("CA-FORM");
        var pages = await app.PagesAsAsync(World.AdminA);
        Dictionary<string, string?> Form(int n) => new()
        {
            ["Input.UnitId"] = unit.Id.ToString(), ["Input.Name"] = "表单书记" + n, ["Input.IdNumber"] = IdFor(n), ["Input.PoliticalStatus"] = "LeagueMember",
            ["Post"] = "Secretary", ["Kind"] = "PartTime", ["StartedOn"] = "2024-06-01", ["PlannedEndOn"] = "2029-05-31",
        };
        var ok = await pages.PostFormAsync("/cadres/appoint", Form(70), tokenFrom: "/cadres/appoint");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal($"/cadres/units/{unit.Id}", ok.Headers.Location!.ToString());

        var refused = await pages.PostFormAsync("/cadres/appoint", Form(71), tokenFrom: "/cadres/appoint");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("职务：该组织已有在任书记，请先办理离任或使用流转", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task TheHandOverAndEndForms_DoTheirWork()
    {
        var unit = await NewBranchAsync("CA-FORMS");
        var api = await app.ApiAsAsync(World.AdminA);
        var secretary = await IdOf(await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 100, name: "表单原书记", started: "2022-01-01")));
        var member = await IdOf(await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 101, post: "CommitteeMember", name: "表单委员", started: "2022-01-01")));
        var pages = await app.PagesAsAsync(World.AdminA);

        var list = WebUtility.HtmlDecode(await pages.Http.GetStringAsync($"/cadres?UnitId={unit.Id}"));
        Assert.Contains("表单原书记100", list);
        Assert.Contains("表单委员101", list);
        Assert.Contains("表单委员101", WebUtility.HtmlDecode(await pages.Http.GetStringAsync($"/cadres?UnitId={unit.Id}&Post=CommitteeMember")));
        Assert.DoesNotContain("表单原书记100", WebUtility.HtmlDecode(await pages.Http.GetStringAsync($"/cadres?UnitId={unit.Id}&Post=CommitteeMember")));

        var handOverUrl = $"/cadres/terms/{secretary}/handover";
        Assert.Contains("表单原书记100", WebUtility.HtmlDecode(await pages.Http.GetStringAsync(handOverUrl)));
        var handedOver = await pages.PostFormAsync(handOverUrl, new()
        {
            ["Input.UnitId"] = unit.Id.ToString(), ["Input.Name"] = "表单新书记", ["Input.IdNumber"] = IdFor(102), ["Input.PoliticalStatus"] = "LeagueMember",
            ["Kind"] = "FullTime", ["HandOverOn"] = "2024-07-01", ["Note"] = "表单流转",
        });
        Assert.Equal(HttpStatusCode.Redirect, handedOver.StatusCode);

        var endUrl = $"/cadres/terms/{member}/end";
        var tooEarly = await pages.PostFormAsync(endUrl, new() { ["EndedOn"] = "2020-01-01", ["EndReason"] = "Resigned" });
        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.Contains("离任日期：不能早于任职日期 2022-01-01", WebUtility.HtmlDecode(await tooEarly.Content.ReadAsStringAsync()));
        var ended = await pages.PostFormAsync(endUrl, new() { ["EndedOn"] = "2024-08-01", ["EndReason"] = "Transferred", ["Note"] = "工作调动" });
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);

        var team = await (await api.GetAsync($"/api/v1/cadres/units/{unit.Id}")).ReadJsonAsync();
        var current = Assert.Single(team.GetProperty("current").EnumerateArray());
        Assert.Equal("表单新书记", current.GetProperty("name").GetString());
        Assert.Equal(2, team.GetProperty("history").GetArrayLength());
        var html = WebUtility.HtmlDecode(await pages.Http.GetStringAsync($"/cadres/units/{unit.Id}"));
        Assert.Contains("表单原书记100", html);
        Assert.Contains("→ 表单新书记", html);
        Assert.Contains("工作调动", html);
    }

    [Fact]
    public async Task AnImportWithBadRows_WritesNothing_AndNamesRowColumnAndRule()
    {
        var unit = await NewBranchAsync("CA-IMPBAD");
        var api = await app.ApiAsAsync(World.AdminA);
        await IdOf(await api.PostJsonAsync("/api/v1/cadres", Appointment(unit.Id, 80, name: "在任书记")));
        var before = await CountTermsAsync();
        var peopleBefore = await app.AsSystemAsync((_, db) => db.People.IgnoreQueryFilters().CountAsync());
        var badChecksum = IdFor(81)[..17] + (IdFor(81)[17] == '1' ? "2" : "1");
        var pages = await app.PagesAsAsync(World.AdminA);
        var response = await pages.ImportAsync("/cadres/import", Workbook(
        [
            Row("好的一行", IdFor(82), unit.Code),
            Row("校验码错", badChecksum, unit.Code),
            Row("组织不存在", IdFor(83), "NO-SUCH"),
            Row("越权组织", IdFor(84), app.World.CommunityB.Code),
            Row("第二书记", IdFor(85), unit.Code, post: "书记"),
            Row("职务不对", IdFor(86), unit.Code, post: "队长"),
            Row("类型不对", IdFor(87), unit.Code, kind: "全职"),
            Row("日期不对", IdFor(88), unit.Code, start: "去年"),
            Row("好的一行", IdFor(82), unit.Code),
            Row("手机不对", IdFor(89), unit.Code, phone: "12345"),
        ]));
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"status {(int)response.StatusCode}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("未导入任何数据", html);
        Assert.Contains("身份证号：校验码不正确", html);
        Assert.Contains("组织代码：找不到组织代码“NO-SUCH”", html);
        Assert.Contains("组织代码：找不到组织代码“P-D-S-B”", html);
        Assert.Contains("职务：该组织已有在任书记", html);
        Assert.Contains("职务：“队长”不是模板中的可选值", html);
        Assert.Contains("任职类型：“全职”不是模板中的可选值", html);
        Assert.Contains("任职日期：日期格式应为 2019-05-04", html);
        Assert.Contains("职务：同一人在同一组织的同一职务在文件中重复（第 2 行已有）", html);
        Assert.Contains("手机号：应为 11 位手机号码", html);
        Assert.Equal(before, await CountTermsAsync());
        Assert.Equal(peopleBefore, await app.AsSystemAsync((_, db) => db.People.IgnoreQueryFilters().CountAsync()));

        // The report is the upload again, bad cells red and a 问题 column, with the list of problems on a second sheet.
        var reportLink = ImportPolling.ReportLink(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("/cadres/import?handler=Report&id=", reportLink, StringComparison.Ordinal);
        var report = await pages.Http.GetByteArrayAsync(reportLink);
        var lines = new MemoryStream(report).Query(useHeaderRow: true, sheetName: "问题清单").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(lines, l => Convert.ToInt32(l["行号"], System.Globalization.CultureInfo.InvariantCulture) == 3 && (string)l["列"] == ImportCadres.IdNumberHeader);
        Assert.Contains(lines, l => Convert.ToInt32(l["行号"], System.Globalization.CultureInfo.InvariantCulture) == 6 && (string)l["列"] == ImportCadres.PostHeader);
        var sheet = new MemoryStream(report).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([.. ImportCadres.Headers, "问题"], sheet[0].Keys.ToArray());
        Assert.Equal("校验码错", sheet[1][ImportCadres.NameHeader]);
        Assert.Equal("去年", sheet[7][ImportCadres.StartHeader]);
        Assert.Contains("身份证号：校验码不正确", (string)sheet[1]["问题"]);
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "B3"));
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "D4"));
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "E6"));
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "G9"));
        Assert.Null(XlsxProbe.FillOf(report, "A3"));
        Assert.Null(XlsxProbe.FillOf(report, "B2"));

        // Only the user who ran the import can fetch it.
        var other = await app.PagesAsAsync(World.DistrictAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(reportLink)).StatusCode);
    }

    [Fact]
    public async Task NotExcelOrEmpty_IsRefusedWithAMessage_AndNothingIsWritten()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var before = await CountTermsAsync();
        var junk = await pages.ImportAsync("/cadres/import", new MultipartFormDataContent { { new StringContent("姓名,身份证号\n李青,1"), "file", "cadres.xlsx" } });
        Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        Assert.Contains("文件：不是有效的 Excel（.xlsx）文件", WebUtility.HtmlDecode(await junk.Content.ReadAsStringAsync()));
        var empty = await pages.ImportAsync("/cadres/import", Workbook([Row("", "", "", post: "", kind: "", start: "", plannedEnd: "")]));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("文件：文件中没有数据行", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));
        var noBytes = await pages.ImportAsync("/cadres/import", new MultipartFormDataContent { { new ByteArrayContent([]), "file", "cadres.xlsx" } });
        Assert.Equal(HttpStatusCode.BadRequest, noBytes.StatusCode);
        Assert.Contains("文件：不能为空", WebUtility.HtmlDecode(await noBytes.Content.ReadAsStringAsync()));
        var wrongHeaders = await pages.ImportAsync("/cadres/import", Workbook([new Dictionary<string, object> { ["name"] = "x" }]));
        Assert.Contains("文件：缺少列：姓名、身份证号、组织代码、职务、任职类型、任职日期", WebUtility.HtmlDecode(await wrongHeaders.Content.ReadAsStringAsync()));
        Assert.Equal(before, await CountTermsAsync());
    }

    [Fact]
    public async Task TheApiImport_Answers202_ThenTheOutcome_AndTheReportGoesOnlyToItsOwner()
    {
        var unit = await NewBranchAsync("CA-IMPAPI");
        var api = await app.ApiAsAsync(World.AdminA);
        var before = await CountTermsAsync();
        var badChecksum = IdFor(121)[..17] + (IdFor(121)[17] == '1' ? "2" : "1");

        var (badUrl, bad) = await api.ImportAsync("/api/v1/cadres/imports", Workbook(
        [
            Row("接口书记", IdFor(120), unit.Code, post: "书记"),
            Row("接口委员", badChecksum, unit.Code),
        ]));
        Assert.False(bad.GetProperty("ok").GetBoolean());
        Assert.Equal("Done", bad.GetProperty("phase").GetString());
        var failure = Assert.Single(bad.GetProperty("failures").EnumerateArray());
        Assert.Equal(3, failure.GetProperty("row").GetInt32());
        Assert.Equal(ImportCadres.IdNumberHeader, failure.GetProperty("column").GetString());
        Assert.StartsWith("身份证号：校验码不正确", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountTermsAsync());
        var reportUrl = bad.GetProperty("report").GetString()!;
        Assert.Equal(badUrl + "/report", reportUrl);
        var report = await api.GetByteArrayAsync(reportUrl);
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "B3"));

        // Another user's client can follow neither the job nor its report.
        var other = await app.ApiAsAsync(World.DistrictAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(badUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(reportUrl)).StatusCode);

        var (_, good) = await api.ImportAsync("/api/v1/cadres/imports", Workbook([Row("接口书记", IdFor(120), unit.Code, post: "书记", kind: "专职")]));
        Assert.True(good.GetProperty("ok").GetBoolean());
        Assert.Equal(1, good.GetProperty("terms").GetInt32());
        Assert.Equal(1, good.GetProperty("newPeople").GetInt32());
        Assert.Equal(JsonValueKind.Null, good.GetProperty("report").ValueKind);
        Assert.Equal(before + 1, await CountTermsAsync());
        var team = await (await api.GetAsync($"/api/v1/cadres/units/{unit.Id}")).ReadJsonAsync();
        Assert.False(team.GetProperty("vacant").GetBoolean());
    }

    [Fact]
    public async Task AGoodImport_SetsUpTheTeams_AndTheExportIsSafeToOpen()
    {
        var unit = await NewBranchAsync("CA-IMPOK");
        var pages = await app.PagesAsAsync(World.AdminA);
        var template = new MemoryStream(await pages.Http.GetByteArrayAsync("/cadres/import?handler=Template"));
        Assert.Contains(ImportCadres.PostHeader, template.GetColumns(useHeaderRow: true)!.Select(c => c?.ToString()));

        var response = await pages.ImportAsync("/cadres/import", Workbook(
        [
            Row("=HYPERLINK(\"x\")", IdFor(90), unit.Code, post: "书记", kind: "专职", phone: PhoneFor(90)),
            Row("导入委员", IdFor(91), unit.Code, post: "委员", kind: "编外", start: "2019/6/1", plannedEnd: "2024/5/31"),
            Row("导入委员", IdFor(91), app.World.BranchA1.Code, post: "专干", kind: "兼职"),
        ]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("导入成功，共 3 条任职，其中新登记人员 2 人", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));

        var api = await app.ApiAsAsync(World.AdminA);
        var team = await (await api.GetAsync($"/api/v1/cadres/units/{unit.Id}")).ReadJsonAsync();
        Assert.False(team.GetProperty("vacant").GetBoolean());
        Assert.Equal(2, team.GetProperty("current").GetArrayLength());

        var export = await pages.Http.GetByteArrayAsync($"/cadres?handler=Export&UnitId={unit.Id}");
        var rows = new MemoryStream(export).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        var secretary = rows.Single(r => (string)r[ImportCadres.PostHeader] == "书记");
        Assert.Equal("'=HYPERLINK(\"x\")", secretary[ImportCadres.NameHeader]);
        Assert.Equal("139****0090", secretary[ImportCadres.PhoneHeader]);
        Assert.DoesNotContain(IdFor(90), JsonSerializer.Serialize(rows));
        var member = rows.Single(r => (string)r[ImportCadres.PostHeader] == "委员");
        Assert.Equal("挂职/编外", member[ImportCadres.KindHeader]);
        Assert.Equal("是", member["超期"]);
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(CadreTerm) && a.Action == Domain.Audit.AuditAction.Export)));
    }
}

public sealed class CadresOnSqlite(SqliteApp app) : CadresTests(app), IClassFixture<SqliteApp>;

public sealed class CadresOnPostgres(PostgresApp app) : CadresTests(app), IClassFixture<PostgresApp>;
