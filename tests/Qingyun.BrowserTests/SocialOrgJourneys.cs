using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qingyun.BrowserTests;

/// <summary>
/// Seed 002 on the demo: a youth organization registers itself with the district League committee, the district
/// approves it into the registry and puts it into an evaluation with two experts; each expert scores it without
/// seeing the other's scores until their own sheet is in; the organization then stands in the ranking with the
/// exact weighted total.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SocialOrgJourneys(RunningApp app)
{
    // Scores in the order of the published scheme's criteria (demo: weights 15, 10, 10, 20, 15, 5, 10, 10, 5 of
    // max 10, 10, 10, 100, 100, 10, 10, 10, 5). The second expert cannot judge 社会影响 and leaves it blank.
    private static readonly string[] First = ["9", "8", "8", "90", "85", "7", "10", "9", "5"];
    private static readonly string[] Second = ["8", "9", "7", "80", "90", "", "10", "8", "4"];

    // 15×8.5/10 + 10×8.5/10 + 10×7.5/10 + 20×85/100 + 15×87.5/100 + 5×7/10 + 10×10/10 + 10×8.5/10 + 5×4.5/5 = 85.375
    private const string ExpectedTotal = "85.38";

    [Fact]
    public async Task AnOrganizationRegisters_IsApproved_IsScoredByTwoExperts_AndAppearsInTheRanking()
    {
        var name = "青云街头篮球社" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);

        // 1. The organization registers itself from the link the district hands out.
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true });
        context.SetDefaultTimeout(60_000);
        var org = await context.NewPageAsync();
        await org.GotoAsync(app.BaseUrl + "/social-orgs/register?unit=QY");
        await Expect(org.Locator("#unit-name")).ToContainTextAsync("青云区团委");
        await org.FillAsync("#Input_Name", name);
        await org.SelectOptionAsync("#Input_Field", "Sports");
        await org.SelectOptionAsync("#Input_LegalStatus", "Informal");
        await org.FillAsync("#Input_ContactName", "周航");
        await org.FillAsync("#Input_ContactPhone", "13912345678");
        await org.FillAsync("#Input_MemberCount", "40");
        await org.FillAsync("#Input_YoungMemberCount", "45");
        var userName = "org" + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        await org.FillAsync("#UserName", userName);
        await org.FillAsync("#Password", "Streetball2026");
        await org.ClickAsync("#register");
        // A refusal names the field and the rule and keeps what was typed.
        await Expect(org.Locator("#register-errors")).ToContainTextAsync("青年成员人数（35 周岁以下）：不能超过成员人数（40）");
        await Expect(org.Locator("#Input_Name")).ToHaveValueAsync(name);
        await org.FillAsync("#Input_YoungMemberCount", "36");
        await org.FillAsync("#Password", "Streetball2026");
        await org.ClickAsync("#register");
        await org.WaitForURLAsync(new Regex("/org$"));
        await Expect(org.Locator("#review-status")).ToHaveAttributeAsync("data-status", "Pending");

        // 2. The district approves it into the registry.
        var district = await app.SignInAsync("district");
        await district.GotoAsync(app.BaseUrl + "/social-orgs?ReviewStatus=Pending");
        await district.Locator("tr[data-org-id]").GetByText(name).ClickAsync();
        await district.WaitForURLAsync(new Regex("/social-orgs/[0-9a-f-]+$"));
        await district.ClickAsync("#approve-org");
        await Expect(district.Locator("#review-status")).ToHaveAttributeAsync("data-status", "Approved");
        await org.ReloadAsync();
        await Expect(org.Locator("#review-status")).ToHaveAttributeAsync("data-status", "Approved");

        // 3. It goes into an evaluation under the published method, with two experts.
        await district.GotoAsync(app.BaseUrl + "/social-orgs/evaluations");
        await district.SelectOptionAsync("#UnitId", new SelectOptionValue { Label = "青云区团委" });
        await district.FillAsync("#Title", "街头体育类组织专项评价 " + name[^4..]);
        await district.FillAsync("#NewYear", DateTime.UtcNow.AddHours(8).Year.ToString(CultureInfo.InvariantCulture));
        var scheme = await district.Locator("#SchemeId option", new PageLocatorOptions { HasTextString = "v2" }).First.GetAttributeAsync("value");
        await district.SelectOptionAsync("#SchemeId", scheme!);
        await district.ClickAsync("#create-evaluation");
        await district.WaitForURLAsync(new Regex("/social-orgs/evaluations/[0-9a-f-]+$"));
        var evaluationPath = new Uri(district.Url).AbsolutePath;
        var evaluationId = evaluationPath.Split('/')[^1];
        await district.Locator("#candidates label", new PageLocatorOptions { HasTextString = name }).Locator("input").CheckAsync();
        await district.ClickAsync("#add-subjects-submit");
        foreach (var expert in new[] { "expert1", "expert2" })
        {
            await district.FillAsync("#reviewerUserName", expert);
            await district.ClickAsync("#add-reviewer-submit");
        }
        await Expect(district.Locator("#reviewers")).ToContainTextAsync("孙立");
        await Expect(district.Locator("#reviewers")).ToContainTextAsync("周岚");

        // 4. The first expert scores and submits; nobody else's scores are there to see.
        var first = await ScoreAsync("expert1", evaluationId, name, First, beforeSubmit: async sheet =>
            await Expect(sheet.Locator("#others-hidden")).ToBeVisibleAsync());
        await Expect(first.Locator("#after-submit")).ToBeVisibleAsync();

        // 5. The second expert does not see the first's scores until their own sheet is in; then both, and the total.
        var second = await ScoreAsync("expert2", evaluationId, name, Second, beforeSubmit: async sheet =>
        {
            await Expect(sheet.Locator("#others-hidden")).ToBeVisibleAsync();
            await Expect(sheet.Locator(".other-score")).ToHaveCountAsync(0);
            await Expect(sheet.Locator("body")).Not.ToContainTextAsync("孙立");
        });
        await Expect(second.Locator(".other-score").First).ToContainTextAsync("孙立");
        await Expect(second.Locator("#subject-total")).ToHaveTextAsync(ExpectedTotal);
        await RunningApp.ShotAsync(second, nameof(AnOrganizationRegisters_IsApproved_IsScoredByTwoExperts_AndAppearsInTheRanking) + "-sheet");

        // 6. The district sees it in the ranking with the exact weighted total.
        await district.GotoAsync(app.BaseUrl + evaluationPath);
        await district.ClickAsync("#ranking-link");
        await district.WaitForURLAsync(new Regex("/ranking$"));
        var row = district.Locator("table#ranking tr[data-subject]", new PageLocatorOptions { HasTextString = name });
        await Expect(row.Locator("td.rank")).ToHaveTextAsync("1");
        await Expect(row.Locator("td.total")).ToHaveTextAsync(ExpectedTotal);
        await RunningApp.ShotAsync(district, nameof(AnOrganizationRegisters_IsApproved_IsScoredByTwoExperts_AndAppearsInTheRanking) + "-ranking");
    }

    private async Task<IPage> ScoreAsync(string expert, string evaluationId, string subject, string[] scores, Func<IPage, Task> beforeSubmit)
    {
        var page = await app.SignInAsync(expert);
        await page.GotoAsync(app.BaseUrl + "/review");
        await page.Locator($"[data-evaluation=\"{evaluationId}\"]").GetByText(subject).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/review/{evaluationId}/[0-9a-f-]+$"));
        for (var i = 0; i < scores.Length; i++)
        {
            await page.FillAsync($"#score-{i}", scores[i]);
        }
        await beforeSubmit(page);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.ClickAsync("#submit-sheet");
        await Expect(page.Locator("#after-submit")).ToBeVisibleAsync();
        return page;
    }
}
