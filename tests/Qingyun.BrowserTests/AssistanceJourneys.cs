using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qingyun.BrowserTests;

/// <summary>
/// 阳光牵手 on the demo: the volunteer 陈晨, paired with 林小雨, logs a visit from a phone on site; the case owner
/// (the community's League secretary) opens the case on a desktop and sees the plan's progress move and the visit.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class AssistanceJourneys(RunningApp app)
{
    private static BrowserNewContextOptions Phone => new()
    {
        Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
    };

    [GeneratedRegex(@"已走访 (\d+) 次")]
    private static partial Regex VisitsMade();

    [Fact]
    public async Task TheVolunteerLogsAVisitOnAPhone_AndTheCaseOwnerSeesThePlansProgress()
    {
        // 1. The owner's view before: how many visits the plan has counted.
        var owner = await app.SignInAsync("cadre");
        await owner.GotoAsync(app.BaseUrl + "/assistance");
        await owner.Locator("#cases-table").GetByText("林小雨").ClickAsync();
        await owner.WaitForURLAsync(new Regex("/assistance/[0-9a-f-]+$"));
        var casePath = new Uri(owner.Url).AbsolutePath;
        var before = int.Parse(VisitsMade().Match(await owner.Locator("#plan-progress").InnerTextAsync()).Groups[1].Value, CultureInfo.InvariantCulture);

        // 2. The volunteer, on site, finds the child among their cases and logs the visit.
        var phone = await app.SignInAsync("volunteer", Phone);
        await phone.GotoAsync(app.BaseUrl + "/serve");
        await phone.TapAsync("#my-cases-link");
        await phone.Locator("#my-cases").GetByText("林小雨").TapAsync();
        await phone.WaitForURLAsync(new Regex("/serve/cases/[0-9a-f-]+$"));
        await Expect(phone.Locator("#plan-progress")).ToContainTextAsync("已走访");
        var done = "陪读英语并检查作业（" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture) + "）";
        await phone.SelectOptionAsync("#Form", "Home");
        await phone.FillAsync("#VisitedOn", DateTime.UtcNow.AddHours(8).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await phone.FillAsync("#Minutes", "75");
        await phone.FillAsync("#Done", done);
        await phone.TapAsync("#visit-submit");
        // A refusal names the field and the rule, and keeps what was typed.
        await Expect(phone.Locator("#visit-errors")).ToContainTextAsync("帮扶日期：不能晚于今天");
        await Expect(phone.Locator("#Done")).ToHaveValueAsync(done);
        await phone.FillAsync("#VisitedOn", DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await phone.FillAsync("#ResourcesGiven", "英语练习册一本");
        await phone.TapAsync("#visit-submit");
        await Expect(phone.Locator("#visit-list")).ToContainTextAsync(done);
        await RunningApp.ShotAsync(phone, nameof(TheVolunteerLogsAVisitOnAPhone_AndTheCaseOwnerSeesThePlansProgress) + "-phone");

        // 3. The owner sees one more visit counted against the plan, and what was done.
        await owner.GotoAsync(app.BaseUrl + casePath);
        await Expect(owner.Locator("#plan-progress")).ToContainTextAsync($"已走访 {before + 1} 次");
        await Expect(owner.Locator("#visit-list")).ToContainTextAsync(done);
        await Expect(owner.Locator("#visit-list")).ToContainTextAsync("英语练习册一本");
        await owner.ClickAsync("#plan-link");
        await owner.WaitForURLAsync(new Regex("/plan"));
        await Expect(owner.Locator("body")).ToContainTextAsync("阳光牵手");
        await RunningApp.ShotAsync(owner, nameof(TheVolunteerLogsAVisitOnAPhone_AndTheCaseOwnerSeesThePlansProgress) + "-owner");
    }
}
