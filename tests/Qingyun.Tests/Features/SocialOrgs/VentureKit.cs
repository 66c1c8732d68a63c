using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Security;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.SocialOrgs;

/// <summary>Schemes, organizations with their own accounts, rounds and closed evaluations for the micro-venture tests.</summary>
public static class VentureKit
{
    public sealed record Org(Guid Id, string Name, string UserName, HttpClient Api);

    public sealed record Scheme(Guid Id, Guid First, Guid Second);

    private static int _n;

    public static string Today(QingyunApp app, int days = 0) => app.Clock.ChinaToday().AddDays(days).ToString("yyyy-MM-dd");

    /// <summary>A published scheme of the unit: 关系紧密度 60 points and 项目设计 40 points, both scored out of 10.</summary>
    public static Task<Scheme> SchemeAsync(QingyunApp app, Guid unitId) => app.AsSystemAsync(async (_, db) =>
    {
        var scheme = new EvaluationScheme
        {
            UnitId = unitId, Name = "公益创投评审办法-" + Interlocked.Increment(ref _n), Status = SchemeStatus.Published, CreatedAt = DateTimeOffset.UtcNow,
            PublishedAt = DateTimeOffset.UtcNow,
        };
        scheme.FamilyId = scheme.Id;
        var first = new EvaluationCriterion { SchemeId = scheme.Id, Group = "项目", Name = "需求与目标", Weight = 60, MaxScore = 10, SortOrder = 1 };
        var second = new EvaluationCriterion { SchemeId = scheme.Id, Group = "项目", Name = "执行能力", Weight = 40, MaxScore = 10, SortOrder = 2 };
        db.EvaluationSchemes.Add(scheme);
        db.EvaluationCriteria.AddRange(first, second);
        await db.SaveChangesAsync();
        return new Scheme(scheme.Id, first.Id, second.Id);
    });

    /// <summary>An approved organization in the unit's registry with its own account (no grants), signed in through the API.</summary>
    public static async Task<Org> OrgAsync(QingyunApp app, Guid unitId, OrgField field = OrgField.Volunteer)
    {
        var n = Interlocked.Increment(ref _n);
        var name = $"青禾公益服务社-{n}-{Guid.NewGuid().ToString("N")[..4]}";
        var userName = $"org-{n}-{Guid.NewGuid().ToString("N")[..6]}";
        var id = await app.AsSystemAsync(async (sp, db) =>
        {
            var user = new AppUser { UserName = userName, DisplayName = name[..Math.Min(name.Length, 50)], HomeUnitId = unitId, CreatedAt = DateTimeOffset.UtcNow };
            var created = await sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, QingyunApp.Password);
            Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
            var org = new SocialOrganization
            {
                UnitId = unitId, Name = name, LegalStatus = LegalStatus.Informal, Field = field, ContactName = "李青", MemberCount = 20, YoungMemberCount = 15,
                Source = OrgSource.SelfRegistered, ReviewStatus = OrgReviewStatus.Approved, AccountUserId = user.Id,
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.SocialOrganizations.Add(org);
            await db.SaveChangesAsync();
            return org.Id;
        });
        return new Org(id, name, userName, await app.ApiAsAsync(userName));
    }

    public static object Round(QingyunApp app, Guid unitId, Guid schemeId, decimal budget = 100_000m, decimal maxGrant = 50_000m, int fromDays = -1, int untilDays = 10) => new
    {
        unitId, title = "2026年青年公益创投", year = 2026, description = "支持青年社会组织开展社区服务", budget, maxGrant,
        applyFrom = Today(app, fromDays), applyUntil = Today(app, untilDays), schemeId,
    };

    public static async Task<Guid> CreateRoundAsync(QingyunApp app, HttpClient admin, Guid unitId, Guid schemeId, decimal budget = 100_000m, decimal maxGrant = 50_000m,
        int fromDays = -1, int untilDays = 10, bool open = true)
    {
        var response = await admin.PostJsonAsync("/api/v1/venture-rounds", Round(app, unitId, schemeId, budget, maxGrant, fromDays, untilDays));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var id = (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
        if (open)
        {
            var opened = await admin.PostAsync($"/api/v1/venture-rounds/{id}/open", null);
            Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        }
        return id;
    }

    public static object Application(QingyunApp app, Guid roundId, decimal requested, string title = "社区老人陪伴计划", OrgField field = OrgField.Volunteer) => new
    {
        roundId, projectTitle = title, field = field.ToString(), summary = "每周上门陪伴独居老人", goals = "服务独居老人 50 名，每人每月 4 次",
        budgetNote = "交通与物资", requested, startOn = Today(app, 20), endOn = Today(app, 200),
    };

    public static async Task<Guid> ApplyAsync(QingyunApp app, Org org, Guid roundId, decimal requested, string title = "社区老人陪伴计划")
    {
        var response = await org.Api.PostJsonAsync("/api/v1/me/applications", Application(app, roundId, requested, title));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Two reviewers give every subject the same score on both criteria (so the total is score × 10) and the
    /// evaluation is closed, storing the results as the evaluation pages would.
    /// </summary>
    public static Task ScoreAndCloseAsync(QingyunApp app, Guid evaluationId, Scheme scheme, IReadOnlyDictionary<Guid, decimal> scoreByApplication) =>
        app.AsSystemAsync(async (sp, db) =>
        {
            var evaluation = await db.Evaluations.FirstAsync(e => e.Id == evaluationId);
            var reviewers = await db.Users.Where(u => u.UserName == World.DistrictAdmin || u.UserName == World.SysAdmin).ToListAsync();
            var subjects = await db.EvaluationSubjects.Where(s => s.EvaluationId == evaluationId).ToListAsync();
            foreach (var reviewer in reviewers)
            {
                db.EvaluationReviewers.Add(new EvaluationReviewer
                {
                    EvaluationId = evaluationId, UnitId = evaluation.UnitId, UserId = reviewer.Id, DisplayName = reviewer.DisplayName, AddedAt = DateTimeOffset.UtcNow,
                });
                foreach (var s in subjects)
                {
                    var sheet = new ScoreSheet
                    {
                        EvaluationId = evaluationId, SubjectId = s.Id, UnitId = evaluation.UnitId, ReviewerUserId = reviewer.Id, ReviewerName = reviewer.DisplayName,
                        SubmittedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                    };
                    db.ScoreSheets.Add(sheet);
                    var score = scoreByApplication[s.ApplicationId!.Value];
                    db.CriterionScores.Add(new CriterionScore { SheetId = sheet.Id, CriterionId = scheme.First, Score = score });
                    db.CriterionScores.Add(new CriterionScore { SheetId = sheet.Id, CriterionId = scheme.Second, Score = score });
                }
            }
            await db.SaveChangesAsync();
            var closed = await new EvaluationResults(db, app.Clock).CloseAsync(evaluationId, "test", default);
            Assert.True(closed.Ok);
            return 0;
        });
}
