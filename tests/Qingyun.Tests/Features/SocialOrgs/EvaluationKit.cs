using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Security;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.SocialOrgs;

public sealed record TestScheme(Guid Id, Guid[] Criteria);

/// <summary>
/// Schemes, evaluations and reviewers for the evaluation tests: organizations and reviewer accounts straight into
/// the database (the registry has its own tests), everything else through the API as a League admin would.
/// </summary>
public static class EvaluationKit
{
    public static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static async Task<Guid> Id(HttpResponseMessage response) => (await Ok(response)).GetProperty("id").GetGuid();

    public static async Task AssertStatus(HttpStatusCode expected, HttpResponseMessage response, string? text = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        if (text is not null)
        {
            Assert.True(body.Contains(text, StringComparison.Ordinal), $"“{text}” not in {body}");
        }
    }

    /// <summary>An approved (入库) organization of a unit.</summary>
    public static Task<Guid> OrganizationAsync(QingyunApp app, Guid unitId, string name, OrgReviewStatus status = OrgReviewStatus.Approved) =>
        app.AsSystemAsync(async (_, db) =>
        {
            var o = new SocialOrganization
            {
                UnitId = unitId, Name = name, LegalStatus = LegalStatus.Filed, Field = OrgField.Volunteer, ContactName = "联系人",
                MemberCount = 30, YoungMemberCount = 25, HasLeagueBranch = true, Summary = name + "：社区青年志愿服务", Source = OrgSource.EnteredByUnit,
                ReviewStatus = status, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.SocialOrganizations.Add(o);
            await db.SaveChangesAsync();
            return o.Id;
        });

    /// <summary>An account with no role anywhere: an outside expert who only reviews.</summary>
    public static Task<string> ReviewerAsync(QingyunApp app, string displayName) => app.AsSystemAsync(async (sp, _) =>
    {
        var name = TestIds.Unique("expert");
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var result = await users.CreateAsync(new AppUser { UserName = name, DisplayName = displayName, HomeUnitId = app.World.CommunityA.Id, CreatedAt = DateTimeOffset.UtcNow },
            QingyunApp.Password);
        Assert.True(result.Succeeded);
        return name;
    });

    /// <summary>A published scheme: weights 40 / 35 / 25 with maxima 10 / 100 / 5.</summary>
    public static async Task<TestScheme> PublishedSchemeAsync(HttpClient admin, Guid unitId, string name = "青年社会组织评价办法")
    {
        var id = await Id(await admin.PostJsonAsync("/api/v1/social-orgs/schemes", new { unitId, name, description = "与团组织紧密度、功能发挥、规范运行" }));
        var criteria = new List<Guid>();
        foreach (var (group, cname, weight, max) in new[] { ("与团组织紧密度", "联系与参与", 40m, 10m), ("功能发挥", "服务成效", 35m, 100m), ("规范运行", "财务与制度", 25m, 5m) })
        {
            criteria.Add(await Id(await admin.PostJsonAsync($"/api/v1/social-orgs/schemes/{id}/criteria",
                new { group, name = cname, weight, maxScore = max, guidance = "按材料评分", evidenceRequired = "活动记录" })));
        }
        await Ok(await admin.PostAsync($"/api/v1/social-orgs/schemes/{id}/publish", null));
        return new TestScheme(id, [.. criteria]);
    }

    public static async Task<Guid> EvaluationAsync(HttpClient admin, Guid unitId, Guid schemeId, string title = "2026年度青年社会组织评价") =>
        await Id(await admin.PostJsonAsync("/api/v1/social-orgs/evaluations", new { unitId, title, year = 2026, schemeId }));

    /// <summary>Adds organizations and returns their subject ids in the same order.</summary>
    public static async Task<Guid[]> SubjectsAsync(HttpClient admin, Guid evaluationId, params Guid[] organizationIds)
    {
        var json = await Ok(await admin.PostJsonAsync($"/api/v1/social-orgs/evaluations/{evaluationId}/subjects", new { organizationIds }));
        var items = json.GetProperty("items").EnumerateArray().ToList();
        return organizationIds.Select(o => items.First(i => i.GetProperty("organizationId").GetGuid() == o).GetProperty("id").GetGuid()).ToArray();
    }

    public static async Task AddReviewerAsync(HttpClient admin, Guid evaluationId, string userName) =>
        await Ok(await admin.PostJsonAsync($"/api/v1/social-orgs/evaluations/{evaluationId}/reviewers", new { userName }));

    public static object Sheet(TestScheme scheme, decimal? a, decimal? b, decimal? c, string? comment = null) => new
    {
        scores = new[] { new { criterionId = scheme.Criteria[0], score = a }, new { criterionId = scheme.Criteria[1], score = b }, new { criterionId = scheme.Criteria[2], score = c } },
        comment,
    };

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient reviewer, Guid evaluationId, Guid subjectId, object sheet) =>
        reviewer.PostJsonAsync($"/api/v1/review/{evaluationId}/{subjectId}/sheet/submit", sheet);

    public static Task<HttpResponseMessage> SaveAsync(HttpClient reviewer, Guid evaluationId, Guid subjectId, object sheet) =>
        reviewer.PutJsonAsync($"/api/v1/review/{evaluationId}/{subjectId}/sheet", sheet);
}
