using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Qingyun.BrowserTests;

/// <summary>A branch brings its roster in from Excel, fixes what the report names, and sees its members.</summary>
[Collection(AppCollection.Name)]
public sealed class RosterJourneys(RunningApp app)
{
    private static string Workbook(string idNumber, string number)
    {
        var file = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.xlsx");
        var rows = new[]
        {
            new Dictionary<string, object>
            {
                ["姓名"] = "导入小青", ["身份证号"] = idNumber, ["手机号"] = "", ["团员编号"] = number, ["入团日期"] = "2016-05-04",
                ["团支部代码"] = "QY-JD01-SQ03", ["团籍状态"] = "在册", ["是否学生"] = "是", ["民族"] = "汉族",
            },
        };
        MiniExcel.SaveAs(file, rows);
        return file;
    }

    [Fact]
    public async Task ImportARoster_FixTheReportedRow_AndSeeTheMember()
    {
        var page = await app.SignInAsync("district");
        var number = "BT" + Random.Shared.Next(100000, 999999);
        await page.GotoAsync(app.BaseUrl + "/members/import");

        var bad = Workbook("110105200101010018", number);
        await page.SetInputFilesAsync("#File", bad);
        await page.ClickAsync("#import-submit");
        await Expect(page.Locator("#import-result")).ToContainTextAsync("身份证号：校验码不正确");
        await Expect(page.Locator("#download-report")).ToBeVisibleAsync();
        await RunningApp.ShotAsync(page, nameof(ImportARoster_FixTheReportedRow_AndSeeTheMember) + "-report");

        var good = Workbook("110105200101010013", number);
        await page.SetInputFilesAsync("#File", good);
        await page.ClickAsync("#import-submit");
        await Expect(page.Locator("#import-result")).ToContainTextAsync("导入成功，共 1 名团员");

        await page.GotoAsync(app.BaseUrl + "/members?Name=" + number);
        await Expect(page.Locator("#members-table tbody")).ToContainTextAsync("导入小青");
        await page.Locator("#members-table tbody a").First.ClickAsync();
        await Expect(page.Locator("#member-history")).ToContainTextAsync("导入登记");
        await RunningApp.ShotAsync(page, nameof(ImportARoster_FixTheReportedRow_AndSeeTheMember));
        File.Delete(bad);
        File.Delete(good);
    }
}
