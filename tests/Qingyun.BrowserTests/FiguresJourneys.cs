using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Qingyun.BrowserTests;

/// <summary>
/// Issue 8 on the demo: the district opens its dashboard, clicks the youth person-times figure through to the records
/// it counts (their total is the figure) and exports them to Excel (one row per record); the annual summary quotes the
/// same number on the page and in the .docx. The district approves a street's hand-reported value and sees it score in
/// the yearly assessment. A volunteer gets no dashboard.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FiguresJourneys(RunningApp app)
{
    private const string PersonTimes = "youth.persontimes";

    [Fact]
    public async Task TheDistrictClicksAFigureThroughToItsRecords_AndExportsThem()
    {
        // 1. The dashboard shows the youth person-times as a number above zero.
        var (page, value, figure) = await DashboardAsync();

        // 2. Clicking it lists the records behind it; their total is the number clicked.
        await figure.ClickAsync();
        await page.WaitForURLAsync(new Regex("/figures/records\\?"));
        await Expect(page.Locator("#records-title")).ToBeVisibleAsync();
        var rows = page.Locator("table#records tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        var rowCount = await rows.CountAsync();
        Assert.True(rowCount > 0);
        var line = await page.GetByText(new Regex("共 [0-9,]+ 条，合计")).InnerTextAsync();
        var m = Regex.Match(line, "共 ([0-9,]+) 条，合计 ([0-9,.]+)");
        Assert.True(m.Success, line);
        Assert.Equal(rowCount, (int)Number(m.Groups[1].Value));
        Assert.Equal(value, Number(m.Groups[2].Value));

        // 3. The export is a workbook with one row per record.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-records"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var xlsx = await download.PathAsync();
        Assert.Equal(rowCount, MiniExcel.Query(xlsx!, useHeaderRow: true, excelType: ExcelType.XLSX).Count());
    }

    [Fact]
    public async Task TheAnnualSummaryQuotesTheDashboardFigure_OnThePageAndInTheDocx()
    {
        // 4. From the dashboard, the annual summary quotes the same number, on the page and in the .docx.
        var (page, value, _) = await DashboardAsync();
        await page.ClickAsync("#open-summary");
        await page.WaitForURLAsync(new Regex("/figures/summary"));
        if (await page.Locator("#generate-summary").CountAsync() > 0)
        {
            await Expect(page.Locator("#generate-summary")).ToContainTextAsync("生成初稿");
            await page.ClickAsync("#generate-summary");
        }
        var quoted = page.Locator($"#summary-document a.qy-figure[data-code=\"{PersonTimes}\"]").First;
        await Expect(quoted).ToBeVisibleAsync();
        var inSummary = (await quoted.InnerTextAsync()).Trim();
        Assert.Equal(value, Number(inSummary));
        var title = (await page.Locator("#summary-title").InnerTextAsync()).Trim();
        Assert.Contains("青云区", title, StringComparison.Ordinal);
        await RunningApp.ShotAsync(page, nameof(TheAnnualSummaryQuotesTheDashboardFigure_OnThePageAndInTheDocx) + "-summary");

        var docx = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-docx"));
        Assert.EndsWith(".docx", docx.SuggestedFilename, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead((await docx.PathAsync())!);
        var entry = zip.GetEntry("word/document.xml");
        Assert.NotNull(entry);
        string xml;
        using (var reader = new StreamReader(entry.Open()))
        {
            xml = await reader.ReadToEndAsync();
        }
        Assert.Contains("青云区", xml, StringComparison.Ordinal);
        Assert.Contains(inSummary, xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDistrictApprovesAStreetsReport_AndItScoresInTheAssessment()
    {
        const string Street = "朝阳街道团工委";
        var page = await app.SignInAsync("district");

        // 1. The assessment: the street's 示范团支部 cell counts nothing yet (its report waits for review).
        await page.GotoAsync(app.BaseUrl + "/figures/assessment");
        var row = page.Locator($"tr[data-unit=\"{Street}\"]");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "0 / 3", Exact = true })).ToHaveCountAsync(1);
        var total = Number(await row.Locator(".unit-total").InnerTextAsync());
        var party = Number(await row.Locator(".party-total").InnerTextAsync());

        // 2. The report with its evidence, waiting for the district; approving it.
        await page.GotoAsync(app.BaseUrl + "/figures/reported");
        var report = page.Locator($"#child-reports tr[data-unit=\"{Street}\"]");
        await Expect(report.Locator(".report-state")).ToHaveTextAsync("待上级审核");
        await Expect(report.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("验收表\\.pdf$") })).ToBeVisibleAsync();
        await report.GetByRole(AriaRole.Button, new() { Name = "通过" }).ClickAsync();
        await Expect(page.Locator($"#child-reports tr[data-unit=\"{Street}\"] .report-state")).ToHaveTextAsync("已通过");
        await RunningApp.ShotAsync(page, nameof(TheDistrictApprovesAStreetsReport_AndItScoresInTheAssessment) + "-reported");

        // 3. Back in the assessment: 2 of the 3 targeted count, 2/3 of the item's 20 points, in the total and in the Party track.
        await page.GotoAsync(app.BaseUrl + "/figures/assessment");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "2 / 3", Exact = true })).ToHaveCountAsync(1);
        var gained = Number(await row.Locator(".unit-total").InnerTextAsync()) - total;
        Assert.InRange(gained, 13.3m, 13.4m);
        Assert.Equal(gained, Number(await row.Locator(".party-total").InnerTextAsync()) - party);
    }

    [Fact]
    public async Task AVolunteerGetsNoDashboard()
    {
        var page = await app.SignInAsync("volunteer");
        var response = await page.GotoAsync(app.BaseUrl + "/figures");
        Assert.NotNull(response);
        Assert.Contains(response.Status, new[] { 403, 404 });
        await Expect(page.Locator("#figures-title")).ToHaveCountAsync(0);
    }

    private async Task<(IPage Page, decimal Value, ILocator Figure)> DashboardAsync()
    {
        var page = await app.SignInAsync("district");
        await page.GotoAsync(app.BaseUrl + "/figures");
        await Expect(page.Locator("#figures-title")).ToContainTextAsync("统计看板");
        var figure = page.Locator($"tr[data-code=\"{PersonTimes}\"] a.figure-value");
        var shown = (await figure.InnerTextAsync()).Trim();
        var value = Number(shown);
        Assert.True(value > 0, $"youth person-times on the dashboard: {shown}");
        return (page, value, figure);
    }

    private static decimal Number(string text) =>
        decimal.Parse(Regex.Match(text, "[0-9][0-9,]*(\\.[0-9]+)?").Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);
}
