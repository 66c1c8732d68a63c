using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Volunteering;

public abstract class ExchangeTests(QingyunApp app)
{
    private static DateOnly Today => DateTimeOffset.UtcNow.ChinaDate();

    private const string Header = "来源平台,外部编号,志愿者编号,身份证号,姓名,服务日期,服务时长（小时）,服务内容,组织单位代码";

    private sealed record TestVolunteer(Guid Id, string Number, string IdNumber, string Name, string Phone);

    private static int _phone = 1000;

    private Task<TestVolunteer> NewVolunteerAsync(OrgUnit unit, string name, int serviceMinutes = 0) => app.AsSystemAsync(async (sp, db) =>
    {
        var idNumber = TestIds.BornYearsAgo(30);
        var phone = "137" + Interlocked.Increment(ref _phone).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        IdNumber.TryParse(idNumber, Today, out var id, out _);
        var now = DateTimeOffset.UtcNow;
        var person = new Person { UnitId = unit.Id, Name = name, Gender = id.Gender, BirthDate = id.BirthDate, CreatedAt = now, UpdatedAt = now };
        sp.GetRequiredService<SensitiveData>().Protect(person, idNumber, phone);
        db.People.Add(person);
        var v = new Volunteer
        {
            PersonId = person.Id, UnitId = unit.Id, Number = VolunteerNumbers.New(Today), Channel = RegistrationChannel.Self,
            SensitiveConsentAt = now, RegisteredAt = now, LedgerHead = "", Skills = Skill.FirstAid | Skill.Law, ServiceAreas = ServiceArea.Elderly,
        };
        db.Volunteers.Add(v);
        await db.SaveChangesAsync();
        if (serviceMinutes > 0)
        {
            await sp.GetRequiredService<ServiceLedger>().AppendAsync(db, new ServiceEntry
            {
                VolunteerId = v.Id, UnitId = unit.Id, Kind = EntryKind.Manual, Minutes = serviceMinutes, ServiceDate = Today.AddDays(-1),
                Content = "助老服务", RecordedBy = "test", RecordedAt = now,
            }, CancellationToken.None);
        }
        return new TestVolunteer(v.Id, v.Number, idNumber, name, phone);
    });

    private Task<Volunteer> VolunteerAsync(Guid id) => app.AsSystemAsync((_, db) => db.Volunteers.AsNoTracking().FirstAsync(v => v.Id == id));

    private Task<int> EntriesFromAsync(string source) => app.AsSystemAsync((_, db) => db.ServiceEntries.CountAsync(e => e.Source == source));

    private static MultipartFormDataContent File(string text, string name = "records.csv")
    {
        var bytes = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        bytes.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/csv");
        return new MultipartFormDataContent { { bytes, "file", name } };
    }

    private static string Csv(params string[] rows) => Header + "\r\n" + string.Join("\r\n", rows) + "\r\n";

    [Fact]
    public async Task ADoubleImportFromAnotherPlatform_CountsOnce_AndTheSecondReportSaysAlreadyImported()
    {
        var a = await NewVolunteerAsync(app.World.CommunityA, "导入甲", serviceMinutes: 60);
        var b = await NewVolunteerAsync(app.World.BranchA1, "导入乙");
        var source = TestIds.Unique("志愿汇");
        var code = app.World.CommunityA.Code;
        var csv = Csv(
            $"{source},X-1,{a.Number},,,2024-05-04,2.5,\"敬老院陪护，读报\",{code}",
            $"{source},X-2,,{a.IdNumber},{a.Name},2024/5/5,1,社区清洁,{app.World.BranchA1.Code}",
            $"{source},X-3,{b.Number},,,20240506,0.75,图书整理,{code}");
        var api = await app.ApiAsAsync(World.AdminA);

        var first = await api.PostAsync("/api/v1/exchange/records", File(csv));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var report = await first.ReadJsonAsync();
        Assert.Equal(3, report.GetProperty("added").GetInt32());
        Assert.Equal(0, report.GetProperty("alreadyImported").GetInt32());
        var afterFirst = await VolunteerAsync(a.Id);
        Assert.Equal(60 + 150 + 60, afterFirst.ConfirmedMinutes);
        Assert.Equal(45, (await VolunteerAsync(b.Id)).ConfirmedMinutes);

        var second = await api.PostAsync("/api/v1/exchange/records", File(csv));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        report = await second.ReadJsonAsync();
        Assert.Equal(0, report.GetProperty("added").GetInt32());
        Assert.Equal(3, report.GetProperty("alreadyImported").GetInt32());
        var afterSecond = await VolunteerAsync(a.Id);
        Assert.Equal(afterFirst.ConfirmedMinutes, afterSecond.ConfirmedMinutes);
        Assert.Equal(afterFirst.EntryCount, afterSecond.EntryCount);
        Assert.Equal(3, await EntriesFromAsync(source));

        var entry = await app.AsSystemAsync((_, db) => db.ServiceEntries.AsNoTracking().FirstAsync(e => e.Source == source && e.ExternalId == "X-1"));
        Assert.Equal(EntryKind.Imported, entry.Kind);
        Assert.Equal("敬老院陪护，读报", entry.Content);
        Assert.Equal(new DateOnly(2024, 5, 4), entry.ServiceDate);
        Assert.Equal(World.AdminA, entry.RecordedBy);
        Assert.Empty(await app.AsSystemAsync((sp, db) => sp.GetRequiredService<ServiceLedger>().VerifyAsync(db, null, CancellationToken.None)));

        // The same records as JSON, from the page this time: still nothing twice.
        var json = JsonSerializer.Serialize(new
        {
            items = new object[]
            {
                new { source, externalId = "X-1", volunteerNumber = a.Number, serviceDate = "2024-05-04", hours = 2.5, content = "敬老院陪护，读报", unitCode = code },
                new { source, externalId = "X-4", volunteerNumber = a.Number, serviceDate = "2024-05-07", hours = 0.5, content = "电话回访", unitCode = code },
            },
        });
        var pages = await app.PagesAsAsync(World.AdminA);
        var page = await pages.PostMultipartAsync("/exchange/import", File(json, "records.json"), tokenFrom: "/exchange/import");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("新增 1 条记录，1 条此前已导入", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        Assert.Equal(afterFirst.ConfirmedMinutes + 30, (await VolunteerAsync(a.Id)).ConfirmedMinutes);
    }

    [Fact]
    public async Task OneInvalidRecord_RejectsTheWholeFile_WithAChineseMessageNamingTheFieldAndRule()
    {
        var a = await NewVolunteerAsync(app.World.CommunityA, "校验甲");
        var source = TestIds.Unique("志愿北京");
        var code = app.World.CommunityA.Code;
        var csv = Csv(
            $"{source},Y-1,{a.Number},,,2024-05-04,2,敬老服务,{code}",
            $"{source},Y-2,{a.Number},,,2024-05-05,30,通宵值守,{code}",
            $"{source},Y-3,,{a.IdNumber},别人的名字,2024-05-06,1,社区清洁,{code}",
            $"{source},Y-4,209900000009,,,2024-05-06,1,社区清洁,{code}",
            $"{source},Y-1,{a.Number},,,2099-01-01,1,,{code}");
        var api = await app.ApiAsAsync(World.AdminA);

        var response = await api.PostAsync("/api/v1/exchange/records", File(csv));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        var text = problem.GetProperty("detail").GetString()!;
        Assert.Contains("第 2 条记录：服务时长（小时）：应大于 0 且不超过 24 小时", text);
        Assert.Contains("第 3 条记录：姓名：与该身份证号已登记的人员姓名不一致", text);
        Assert.Contains("第 4 条记录：志愿者编号：该志愿者尚未在青云注册：请其先注册为志愿者，再导入服务记录", text);
        Assert.Contains("第 5 条记录：外部编号：“Y-1”在文件中重复", text);
        Assert.Contains("第 5 条记录：服务日期：不能晚于今天", text);
        Assert.Contains("第 5 条记录：服务内容：不能为空", text);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("row").GetInt32() == 2 && e.GetProperty("field").GetString() == "ServiceHours");
        Assert.Equal(0, await EntriesFromAsync(source));
        Assert.Equal(0, (await VolunteerAsync(a.Id)).ConfirmedMinutes);
    }

    [Fact]
    public async Task AUnitCodeOutsideTheImportersScope_IsRefused_AndNothingIsWritten()
    {
        var a = await NewVolunteerAsync(app.World.CommunityA, "越权甲");
        var source = TestIds.Unique("志愿上海");
        var csv = Csv(
            $"{source},Z-1,{a.Number},,,2024-05-04,2,敬老服务,{app.World.CommunityA.Code}",
            $"{source},Z-2,{a.Number},,,2024-05-05,2,敬老服务,{app.World.CommunityB.Code}");
        var api = await app.ApiAsAsync(World.AdminA);

        var response = await api.PostAsync("/api/v1/exchange/records", File(csv));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"第 2 条记录：组织代码：找不到组织代码“{app.World.CommunityB.Code}”，或该组织不在您的志愿服务管理范围内", await response.ProblemTextAsync());
        Assert.Equal(0, await EntriesFromAsync(source));

        // A call without a file names the field.
        var none = await api.PostAsync("/api/v1/exchange/records", new MultipartFormDataContent());
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("文件：不能为空", await none.ProblemTextAsync());
    }

    [Fact]
    public async Task TheCsvExport_HasABom_ChineseHeaders_AndNoFullIdNumber()
    {
        var a = await NewVolunteerAsync(app.World.BranchA1, "导出甲", serviceMinutes: 150);
        var api = await app.ApiAsAsync(World.AdminA);

        var response = await api.GetAsync($"/api/v1/exchange/volunteers.csv?unitId={app.World.CommunityA.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n");
        Assert.StartsWith("志愿者编号,姓名,性别,出生年份,联系电话,服务类别,专业技能,注册日期,注册单位代码,注册单位,累计服务时长（小时）", lines[0]);
        var line = Assert.Single(lines, l => l.StartsWith(a.Number, StringComparison.Ordinal));
        Assert.Contains("导出甲", line);
        Assert.Contains(a.Phone[..3] + "****" + a.Phone[^4..], line);
        Assert.Contains(",医疗急救、法律咨询,", line);
        Assert.Contains(",2.5,", line);
        Assert.DoesNotContain(a.IdNumber, text);
        Assert.DoesNotContain(a.Phone, text);
        Assert.DoesNotContain(World.PersonAIdNumber, text);

        var records = Encoding.UTF8.GetString(await api.GetByteArrayAsync($"/api/v1/exchange/records.csv?from={Today.AddDays(-1):yyyy-MM-dd}"));
        Assert.Contains("记录编号,志愿者编号,服务日期,服务时长（小时）,服务内容,记录单位代码,记录单位,记录人,记录时间,记录类型,冲销记录,来源平台,外部编号", records);
        Assert.Contains(a.Number, records);
        Assert.Contains("手工补录", records);
        var none = Encoding.UTF8.GetString(await api.GetByteArrayAsync($"/api/v1/exchange/records.csv?to={Today.AddDays(-30):yyyy-MM-dd}"));
        Assert.DoesNotContain(a.Number, none);
    }

    [Fact]
    public async Task TheJsonExport_UsesStableEnglishNames_AndCarriesTheRecordsAsImported()
    {
        var a = await NewVolunteerAsync(app.World.CommunityA, "交换甲");
        var source = TestIds.Unique("志愿广东");
        var api = await app.ApiAsAsync(World.AdminA);
        var imported = await api.PostAsync("/api/v1/exchange/records",
            File(Csv($"{source},J-1,{a.Number},,,2024-06-01,1.25,\"=cmd|' /C calc'!A0\",{app.World.CommunityA.Code}")));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var doc = await (await api.GetAsync($"/api/v1/exchange/records.json?unitId={app.World.CommunityA.Id}&from=2024-06-01&to=2024-06-01")).ReadJsonAsync();
        Assert.Equal("records", doc.GetProperty("dataset").GetString());
        Assert.Equal("记录编号", doc.GetProperty("fields").GetProperty("id").GetString());
        var item = Assert.Single(doc.GetProperty("items").EnumerateArray(), i => i.GetProperty("source").GetString() == source);
        Assert.Equal("J-1", item.GetProperty("externalId").GetString());
        Assert.Equal(a.Number, item.GetProperty("volunteerNumber").GetString());
        Assert.Equal("2024-06-01", item.GetProperty("serviceDate").GetString());
        Assert.Equal(1.25m, item.GetProperty("hours").GetDecimal());
        Assert.Equal("Imported", item.GetProperty("kind").GetString());
        Assert.Equal(64, item.GetProperty("hash").GetString()!.Length);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("reverses").ValueKind);

        // In JSON the text is as recorded; in CSV, which Excel opens, a formula is defused.
        Assert.Equal("=cmd|' /C calc'!A0", item.GetProperty("content").GetString());
        var csv = Encoding.UTF8.GetString(await api.GetByteArrayAsync($"/api/v1/exchange/records.csv?from=2024-06-01&to=2024-06-01"));
        Assert.Contains("'=cmd|' /C calc'!A0", csv);

        var volunteers = await (await api.GetAsync("/api/v1/exchange/volunteers.json")).ReadJsonAsync();
        var v = Assert.Single(volunteers.GetProperty("items").EnumerateArray(), i => i.GetProperty("number").GetString() == a.Number);
        Assert.Equal(DateOnly.ParseExact(a.IdNumber.Substring(6, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture).Year, v.GetProperty("birthYear").GetInt32());
        Assert.Equal(["FirstAid", "Law"], v.GetProperty("skills").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(1.25m, v.GetProperty("serviceHours").GetDecimal());
        Assert.False(v.TryGetProperty("idNumber", out _));

        foreach (var dataset in new[] { "teams", "projects", "training", "commendations", "certificates" })
        {
            var r = await api.GetAsync($"/api/v1/exchange/{dataset}.json");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal(dataset, (await r.ReadJsonAsync()).GetProperty("dataset").GetString());
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/exchange/{dataset}.csv")).StatusCode);
        }
    }

    [Fact]
    public async Task ExportsOutsideTheCallersScope_AreNotFound_AndAnotherCommunitysRowsNeverAppear()
    {
        var b = await NewVolunteerAsync(app.World.CommunityB, "乙社区志愿者", serviceMinutes: 120);
        var api = await app.ApiAsAsync(World.AdminA);

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/exchange/records.csv?unitId={app.World.CommunityB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/exchange/volunteers.json?unitId={app.World.Street.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/exchange/members.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/exchange/records.xlsx")).StatusCode);
        Assert.DoesNotContain(b.Number, await api.GetStringAsync("/api/v1/exchange/volunteers.csv"));
        Assert.DoesNotContain(b.Number, await api.GetStringAsync("/api/v1/exchange/records.json"));

        var adminB = await app.ApiAsAsync(World.AdminB);
        Assert.Contains(b.Number, await adminB.GetStringAsync("/api/v1/exchange/records.json"));

        var pages = await app.PagesAsAsync(World.AdminA);
        var page = await pages.Http.GetStringAsync("/exchange");
        Assert.Contains("/api/v1/exchange/records.csv", page);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.Http.GetAsync($"/exchange?UnitId={app.World.CommunityB.Id}")).StatusCode);

        var openApi = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/exchange/{dataset}.{format}", openApi);
        Assert.Contains("/api/v1/exchange/records", openApi);
        Assert.Contains("/api/v1/training/sessions/{id}/records", openApi);
    }
}

public sealed class ExchangeOnSqlite(SqliteApp app) : ExchangeTests(app), IClassFixture<SqliteApp>;

public sealed class ExchangeOnPostgres(PostgresApp app) : ExchangeTests(app), IClassFixture<PostgresApp>;
