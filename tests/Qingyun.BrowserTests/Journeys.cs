using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qingyun.BrowserTests;

/// <summary>What a League cadre does on a first visit, in a real Chromium against the real app.</summary>
[Collection(AppCollection.Name)]
public sealed class Journeys(RunningApp app)
{
    private static ILocator Node(IPage page, string code) => page.Locator($"li[data-code='{code}']");

    private static async Task ExpandAsync(IPage page, string code)
    {
        await Node(page, code).Locator(":scope > button.qy-toggle").ClickAsync();
        await Expect(Node(page, code).Locator(":scope > ul > li").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AdminLogsIn_AndSeesTheirGrantsOnTheStartPage()
    {
        var page = await app.SignInAsync("admin");
        await Expect(page.Locator("main")).ToContainTextAsync("系统管理员");
        await Expect(page.Locator("main")).ToContainTextAsync("示范省团委");
        await RunningApp.ShotAsync(page, nameof(AdminLogsIn_AndSeesTheirGrantsOnTheStartPage));
    }

    [Fact]
    public async Task DistrictAdminBrowsesTheTree_OpeningLevelsLazily()
    {
        var page = await app.SignInAsync("district");
        await page.GotoAsync(app.BaseUrl + "/units");
        await Expect(Node(page, "QY")).ToContainTextAsync("青云区团委");
        await Expect(page.GetByText("青云街道团工委")).ToHaveCountAsync(0);
        await ExpandAsync(page, "QY");
        await Expect(Node(page, "QY-JD01")).ToContainTextAsync("青云街道团工委");
        await ExpandAsync(page, "QY-JD01");
        await Expect(Node(page, "QY-JD01-SQ01")).ToContainTextAsync("青云社区综合团委");
        await RunningApp.ShotAsync(page, nameof(DistrictAdminBrowsesTheTree_OpeningLevelsLazily));
    }

    [Fact]
    public async Task DistrictAdminAddsAUnit_AndSeesItInTheTree()
    {
        var page = await app.SignInAsync("district");
        var code = "BT-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await page.GotoAsync(app.BaseUrl + "/units?q=QY-JD01");
        await page.GetByRole(AriaRole.Link, new() { Name = "青云街道团工委", Exact = true }).ClickAsync();
        await page.ClickAsync("#add-child");
        await page.FillAsync("#Input_Code", code);
        await page.FillAsync("#Input_Name", "浏览器测试团支部");
        await page.SelectOptionAsync("#Input_Kind", "NonPublicEnterprise");
        await page.SelectOptionAsync("#Input_BodyType", "Branch");
        await page.ClickAsync("#create-unit");
        await Expect(page.Locator("#unit-name")).ToContainTextAsync("浏览器测试团支部");
        await Expect(page.Locator("#unit-history")).ToContainTextAsync("建立");
        await Expect(page.Locator("main")).ToContainTextAsync("非公企业");

        await page.GotoAsync(app.BaseUrl + "/units");
        await ExpandAsync(page, "QY");
        await ExpandAsync(page, "QY-JD01");
        await Expect(Node(page, code)).ToContainTextAsync("浏览器测试团支部");
        await RunningApp.ShotAsync(page, nameof(DistrictAdminAddsAUnit_AndSeesItInTheTree));
    }

    [Fact]
    public async Task DuplicateCode_ShowsAChineseMessageNamingTheField()
    {
        var page = await app.SignInAsync("district");
        await page.GotoAsync(app.BaseUrl + "/units?q=QY-JD01");
        await page.GetByRole(AriaRole.Link, new() { Name = "青云街道团工委", Exact = true }).ClickAsync();
        await page.ClickAsync("#add-child");
        await page.FillAsync("#Input_Code", "QY-JD01-SQ01");
        await page.FillAsync("#Input_Name", "重复的社区");
        await page.ClickAsync("#create-unit");
        await Expect(page.Locator("main form[method=post]")).ToContainTextAsync("组织代码：“QY-JD01-SQ01”已被其他组织使用");
        await RunningApp.ShotAsync(page, nameof(DuplicateCode_ShowsAChineseMessageNamingTheField));
        await page.GotoAsync(app.BaseUrl + "/units?q=QY-JD01-SQ01");
        await Expect(page.Locator("main li")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task InvalidIdNumber_ShowsTheChecksumRule()
    {
        var page = await app.SignInAsync("district");
        await page.GotoAsync(app.BaseUrl + "/people/create");
        await page.FillAsync("#Input_Name", "测试青年");
        await page.FillAsync("#Input_IdNumber", "110105199003070018");
        await page.ClickAsync("#save-person");
        await Expect(page.Locator("main form[method=post]")).ToContainTextAsync("身份证号：校验码不正确");
        await RunningApp.ShotAsync(page, nameof(InvalidIdNumber_ShowsTheChecksumRule));
    }

    [Fact]
    public async Task RevealingAnIdNumber_ShowsItInFull_AndLandsInTheAuditLog()
    {
        var page = await app.SignInAsync("district");
        await page.GotoAsync(app.BaseUrl + "/people");
        await page.Locator("#people-table tbody a").First.ClickAsync();
        await Expect(page.Locator("#id-number")).ToHaveTextAsync(new Regex(@"^\d{3}\*{11}[\dX]{4}$"));
        await page.ClickAsync("#reveal-id");
        await Expect(page.Locator("#id-number")).ToHaveTextAsync(new Regex(@"^\d{17}[\dX]$"));
        await page.GotoAsync(app.BaseUrl + "/audit?Action=Reveal");
        await Expect(page.Locator("#audit-table tbody")).ToContainTextAsync("查看敏感信息");
        await RunningApp.ShotAsync(page, nameof(RevealingAnIdNumber_ShowsItInFull_AndLandsInTheAuditLog));
    }

    [Fact]
    public async Task SwitchingToEnglish_TranslatesTheShell()
    {
        var page = await app.SignInAsync("district");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("nav")).ToContainTextAsync("Units");
        await Expect(page.Locator("nav")).ToContainTextAsync("People");
        await RunningApp.ShotAsync(page, nameof(SwitchingToEnglish_TranslatesTheShell));
        await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        await Expect(page.Locator("nav")).ToContainTextAsync("组织");
    }

    [Fact]
    public async Task OnAPhone_TheNavigationCollapses()
    {
        var page = await app.SignInAsync("cadre", new BrowserNewContextOptions
        {
            Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var units = page.Locator("nav a[data-nav='units']");
        await Expect(units).Not.ToBeVisibleAsync();
        await page.TapAsync(".navbar-toggler");
        await Expect(units).ToBeVisibleAsync();
        await units.TapAsync();
        await Expect(page.Locator("#unit-tree")).ToContainTextAsync("青云社区综合团委");
        await RunningApp.ShotAsync(page, nameof(OnAPhone_TheNavigationCollapses));
    }

    [Fact]
    public async Task CadreCannotOpenAnotherCommunity()
    {
        var admin = await app.SignInAsync("district");
        await admin.GotoAsync(app.BaseUrl + "/units?q=QY-JD01-SQ02");
        var href = await admin.GetByRole(AriaRole.Link, new() { Name = "朝阳社区综合团委" }).First.GetAttributeAsync("href");

        var cadre = await app.SignInAsync("cadre");
        var response = await cadre.GotoAsync(app.BaseUrl + href);
        Assert.Equal(404, response!.Status);
        await Expect(cadre.Locator("main")).ToContainTextAsync("页面不存在");
        await RunningApp.ShotAsync(cadre, nameof(CadreCannotOpenAnotherCommunity));
    }
}
