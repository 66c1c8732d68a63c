using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qingyun.BrowserTests;

/// <summary>
/// Volunteer service on a phone: a young person registers from the community's code and signs up; on
/// site the demo volunteer checks in and out with the 6-digit code from the organizer's phone; the
/// organizer confirms the hours, and the volunteer sees them in their record with the star level.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class VolunteerJourneys(RunningApp app)
{
    private static BrowserNewContextOptions Phone => new()
    {
        Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
    };

    [Fact]
    public async Task AYoungPersonRegistersOnAPhone_SignsUp_AndAVolunteerChecksInAndOutByCode_ThenSeesTheHours()
    {
        // 1. Registration from the community's poster link, on a phone, refused first without consent.
        var context = await app.Browser.NewContextAsync(Phone);
        context.SetDefaultTimeout(60_000);
        var young = await context.NewPageAsync();
        await young.GotoAsync(app.BaseUrl + "/serve/register?unit=QY-JD01-SQ01");
        await Expect(young.Locator("#unit-name")).ToContainTextAsync("青云社区");
        var suffix = Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        await young.FillAsync("#Name", "吴思远");
        await young.FillAsync("#IdNumber", IdNumber($"11010520010315{suffix}"));
        await young.FillAsync("#Phone", $"139{Random.Shared.Next(10_000_000, 99_999_999)}");
        await young.FillAsync("#UserName", "wusiyuan" + suffix);
        await young.FillAsync("#Password", "Volunteer2026");
        await young.CheckAsync("#skill-Photography");
        await young.CheckAsync("#area-Elderly");
        await young.TapAsync("#register");
        await Expect(young.Locator("#register-errors")).ToContainTextAsync("敏感个人信息单独同意");
        await young.FillAsync("#Password", "Volunteer2026");
        await young.CheckAsync("#Profile_SensitiveConsent");
        await young.TapAsync("#register");
        await Expect(young.Locator("#volunteer-number")).ToHaveTextAsync(NumberPattern());
        await Expect(young.Locator("#total-hours")).ToHaveTextAsync("0");

        // 2. Sign-up for tomorrow's activity: four places for 活动引导 are taken, so the waitlist.
        await young.TapAsync("#find-activities");
        await young.GetByText("周末陪伴：老人活动室棋牌与读报").TapAsync();
        await young.Locator("button[data-position='活动引导']").TapAsync();
        await Expect(young.Locator("#my-state")).ToContainTextAsync("候补");
        await RunningApp.ShotAsync(young, nameof(AYoungPersonRegistersOnAPhone_SignsUp_AndAVolunteerChecksInAndOutByCode_ThenSeesTheHours) + "-signup");

        // 3. On site: the organizer's phone shows the code of the activity running now.
        var organizer = await app.SignInAsync("cadre", Phone);
        await organizer.GotoAsync(app.BaseUrl + "/volunteering");
        await organizer.GetByText("重阳助餐：为独居老人送餐上门").First.TapAsync();
        await organizer.WaitForURLAsync(new Regex("/volunteering/activities/[0-9a-f-]+$"));
        var activityUrl = organizer.Url;
        await organizer.TapAsync("#show-code");
        var digits = (await organizer.Locator("#activity-digits").TextContentAsync())!.Trim();
        Assert.Matches("^[0-9]{6}$", digits);

        // 4. The demo volunteer types it to check in; a second tap records nothing new; then checks out.
        var volunteer = await app.SignInAsync("volunteer", Phone);
        await volunteer.GotoAsync(app.BaseUrl + "/serve/code");
        // The field is the activity's check-in code, not the organization code (组织代码) the generic label would name.
        await Expect(volunteer.Locator("label[for=Digits]")).ToHaveTextAsync("签到码");
        await volunteer.FillAsync("#Digits", "000000" == digits ? "111111" : "000000");
        await volunteer.TapAsync("#code-in");
        await Expect(volunteer.Locator("#code-errors")).ToContainTextAsync("签到码");
        await volunteer.FillAsync("#Digits", digits);
        await volunteer.TapAsync("#code-in");
        await Expect(volunteer.Locator("#check-result")).ToContainTextAsync("签到成功");
        await volunteer.FillAsync("#Digits", digits);
        await volunteer.TapAsync("#code-in");
        await Expect(volunteer.Locator("#check-result")).ToContainTextAsync("已经签到过了");
        digits = await CurrentDigitsAsync(organizer);
        await volunteer.FillAsync("#Digits", digits);
        await volunteer.TapAsync("#code-out");
        await Expect(volunteer.Locator("#check-result")).ToContainTextAsync("签退成功");

        // 5. The organizer confirms the hours of everyone checked out (two demo volunteers served 25 minutes).
        await organizer.GotoAsync(activityUrl);
        await Expect(organizer.Locator("#attendance")).ToContainTextAsync("陈晨");
        await organizer.TapAsync("#confirm-hours");
        await Expect(organizer.Locator("#attendance")).ToContainTextAsync("已计入时长");
        await Expect(organizer.Locator("#attendance")).Not.ToContainTextAsync("已签退，待确认");

        // 6. The volunteer sees the new line in the record, and the star level on the card.
        await volunteer.GotoAsync(app.BaseUrl + "/serve/record");
        await Expect(volunteer.Locator("#record-lines")).ToContainTextAsync("重阳助餐");
        await Expect(volunteer.Locator("#record-lines")).ToContainTextAsync("签到确认");
        await volunteer.GotoAsync(app.BaseUrl + "/serve");
        await Expect(volunteer.Locator("#stars")).ToHaveAttributeAsync("aria-label", "0 星志愿者");
        await Expect(volunteer.Locator("#volunteer-card")).ToContainTextAsync("距下一星级还差");
        await RunningApp.ShotAsync(volunteer, nameof(AYoungPersonRegistersOnAPhone_SignsUp_AndAVolunteerChecksInAndOutByCode_ThenSeesTheHours) + "-card");
    }

    private static async Task<string> CurrentDigitsAsync(IPage organizer)
    {
        await organizer.ReloadAsync();
        return (await organizer.Locator("#activity-digits").TextContentAsync())!.Trim();
    }

    /// <summary>The 18th character of a resident ID number (GB 11643, ISO 7064 MOD 11-2).</summary>
    internal static string IdNumber(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex NumberPattern();
}
