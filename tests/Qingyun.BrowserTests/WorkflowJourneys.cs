using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qingyun.BrowserTests;

/// <summary>
/// The yearly roster work on a phone and at a desk: a branch secretary grades the review meeting on a
/// phone and submits it; the street approves and the members are registered; a recommendation prints.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WorkflowJourneys(RunningApp app)
{
    [Fact]
    public async Task ABranchGradesItsReviewOnAPhone_AndTheStreetRegistersTheMembers()
    {
        var phone = await app.SignInAsync("cadre", new BrowserNewContextOptions
        {
            Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        await phone.GotoAsync(app.BaseUrl + "/reviews");
        await phone.GetByRole(AriaRole.Link, new() { Name = "青云社区综合团委" }).TapAsync();
        await Expect(phone.Locator("#review-state")).ToHaveTextAsync("评议中");
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await phone.FillAsync("#meetingOn", today);
        var grades = phone.Locator("#review-entries select");
        var presents = phone.Locator("#review-entries input[type=checkbox]");
        var count = await grades.CountAsync();
        Assert.True(count >= 4, $"the demo round has {count} members");

        // Everyone excellent is refused with the 30% rule, in Chinese, and nothing moves on.
        for (var i = 0; i < count; i++)
        {
            await presents.Nth(i).CheckAsync();
            await grades.Nth(i).SelectOptionAsync("Excellent");
        }
        await phone.TapAsync("#submit-review");
        await Expect(phone.Locator("#review-errors")).ToContainTextAsync("“优秀”不得超过 30%");
        await Expect(phone.Locator("#review-state")).ToHaveTextAsync("评议中");

        for (var i = 0; i < count; i++)
        {
            await grades.Nth(i).SelectOptionAsync(i == 0 ? "Excellent" : i == count - 1 ? "Unqualified" : "Qualified");
        }
        await phone.TapAsync("#submit-review");
        await Expect(phone.Locator("#review-state")).ToHaveTextAsync("待上级审核");
        await RunningApp.ShotAsync(phone, nameof(ABranchGradesItsReviewOnAPhone_AndTheStreetRegistersTheMembers) + "-phone");

        var desk = await app.SignInAsync("street");
        await desk.GotoAsync(app.BaseUrl + "/notices");
        await Expect(desk.Locator("#notices")).ToContainTextAsync("青云社区综合团委 报送");
        await desk.GotoAsync(app.BaseUrl + "/reviews");
        await desk.GetByRole(AriaRole.Link, new() { Name = "青云社区综合团委" }).ClickAsync();
        await desk.ClickAsync("#approve-review");
        await Expect(desk.Locator("#review-state")).ToHaveTextAsync("已注册");
        await RunningApp.ShotAsync(desk, nameof(ABranchGradesItsReviewOnAPhone_AndTheStreetRegistersTheMembers) + "-desk");
    }

    [Fact]
    public async Task TheStreetApprovesARecruit_AndPrintsAnApprovedRecommendation()
    {
        var desk = await app.SignInAsync("street");
        await desk.GotoAsync(app.BaseUrl + "/recruits?Stage=Proposed");
        await desk.Locator("#recruits a").First.ClickAsync();
        await Expect(desk.Locator("#recruit-stage")).ToHaveTextAsync("待上级批准");
        // The approval date is required: without it the rule is named.
        await desk.ClickAsync("#approve");
        await Expect(desk.Locator("#recruit-errors")).ToContainTextAsync("上级批准日期：不能为空");
        await desk.FillAsync("#decide-on", DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await desk.ClickAsync("#approve");
        await Expect(desk.Locator("#recruit-stage")).ToHaveTextAsync("已批准入团");

        await desk.GotoAsync(app.BaseUrl + "/recommendations?State=Approved");
        await desk.Locator("#recommendations a").First.ClickAsync();
        var download = await desk.RunAndWaitForDownloadAsync(() => desk.ClickAsync("#download-form"));
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
    }
}
