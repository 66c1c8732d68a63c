using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qingyun.BrowserTests;

/// <summary>
/// Menu services (点学): the street's organizer puts an item on the hub's menu with a minimum of three; three
/// young people order it from their phones; the third order turns it into an activity that everyone who
/// ordered is registered for, and the organizer opens it from the item.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class HubJourneys(RunningApp app)
{
    private static BrowserNewContextOptions Phone => new()
    {
        Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
    };

    [Fact]
    public async Task AMenuItemOrderedFromThreePhones_BecomesAnActivity_WithEveryoneRegistered()
    {
        // 1. The organizer publishes the item on the hub's menu.
        var organizer = await app.SignInAsync("street");
        await organizer.GotoAsync(app.BaseUrl + "/hubs/menu");
        var suffix = Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        var title = "桌游之夜" + suffix;
        var china = DateTime.UtcNow.AddHours(8).Date;
        await organizer.SelectOptionAsync("#UnitId", new SelectOptionValue { Label = "青云街道青年汇 (QY-JD01-QNH)" });
        await organizer.FillAsync("#Title", title);
        await organizer.FillAsync("#MinParticipants", "3");
        await organizer.FillAsync("#MaxParticipants", "10");
        await organizer.FillAsync("#OrderDeadline", china.AddDays(3).AddHours(18).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await organizer.FillAsync("#StartsAt", china.AddDays(5).AddHours(19).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await organizer.FillAsync("#EndsAt", china.AddDays(5).AddHours(21).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await organizer.FillAsync("#Place", "青云街道青年汇活动室");
        await organizer.ClickAsync("#create-menu-item");
        await organizer.WaitForURLAsync(new Regex("/hubs/menu/[0-9a-f-]+$"));
        var itemPath = new Uri(organizer.Url).AbsolutePath;
        var phonePath = itemPath.Replace("/hubs/menu/", "/youth/menu/", StringComparison.Ordinal);

        // 2. Three phones order: the demo youth, the demo volunteer and a newcomer who registers first.
        var youth = await app.SignInAsync("youth", Phone);
        var volunteer = await app.SignInAsync("volunteer", Phone);
        var newcomer = await NewcomerAsync(suffix);
        await OrderAsync(youth, phonePath, title);
        await Expect(youth.Locator("#item-counts")).ToContainTextAsync("1");
        await OrderAsync(volunteer, phonePath, title);
        await Expect(volunteer.Locator("#item-state")).Not.ToContainTextAsync("已成团");
        await OrderAsync(newcomer, phonePath, title);
        await Expect(newcomer.Locator("#item-state")).ToContainTextAsync("已成团");
        await RunningApp.ShotAsync(newcomer, nameof(AMenuItemOrderedFromThreePhones_BecomesAnActivity_WithEveryoneRegistered) + "-ordered");

        // 3. The first one to order sees it running too, and finds it among their activities.
        await youth.ReloadAsync();
        await Expect(youth.Locator("#item-state")).ToContainTextAsync("已成团");
        await youth.GotoAsync(app.BaseUrl + "/youth");
        await Expect(youth.Locator("#mine")).ToContainTextAsync(title);

        // 4. The organizer opens the activity the item became: three registered, the menu's maximum as places.
        await organizer.GotoAsync(app.BaseUrl + itemPath);
        await organizer.ClickAsync("#item-activity a");
        await organizer.WaitForURLAsync(new Regex("/activities/[0-9a-f-]+$"));
        await Expect(organizer.Locator("h1")).ToContainTextAsync(title);
        await Expect(organizer.Locator("#registered")).ToHaveTextAsync("3 / 10");
        await Expect(organizer.Locator("#roster li")).ToHaveCountAsync(3);
        await RunningApp.ShotAsync(organizer, nameof(AMenuItemOrderedFromThreePhones_BecomesAnActivity_WithEveryoneRegistered) + "-activity");
    }

    private async Task OrderAsync(IPage phone, string path, string title)
    {
        await phone.GotoAsync(app.BaseUrl + "/youth/menu");
        await phone.GetByText(title).First.TapAsync();
        await phone.WaitForURLAsync(app.BaseUrl + path);
        await phone.TapAsync("#order");
        await Expect(phone.Locator("#my-order")).ToBeVisibleAsync();
    }

    /// <summary>A young person with no account yet registers from the community's link, which signs them in.</summary>
    private async Task<IPage> NewcomerAsync(string suffix)
    {
        var context = await app.Browser.NewContextAsync(Phone);
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/serve/register?unit=QY-JD01-SQ01");
        await page.FillAsync("#Name", "郑可欣");
        await page.FillAsync("#IdNumber", VolunteerJourneys.IdNumber($"11010520030520{suffix}"));
        await page.FillAsync("#Phone", $"138{Random.Shared.Next(10_000_000, 99_999_999)}");
        await page.FillAsync("#UserName", "zhengkexin" + suffix);
        await page.FillAsync("#Password", "Newcomer2026");
        await page.CheckAsync("#Profile_SensitiveConsent");
        await page.TapAsync("#register");
        await Expect(page.Locator("#volunteer-number")).ToBeVisibleAsync();
        return page;
    }
}
