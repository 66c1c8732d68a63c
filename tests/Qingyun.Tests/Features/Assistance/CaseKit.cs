using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Assistance;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Assistance;

/// <summary>Cases opened through the API as a real user would, and plans put in place as approved.</summary>
public static class CaseKit
{
    /// <summary>A child of 10 to 16 — always a minor, whatever the random draw.</summary>
    public static string ChildIdNumber() => TestIds.BornYearsAgo(10, RandomNumberGenerator.GetInt32(30, 6 * 365));

    public static object Intake(Guid unitId, string? idNumber = null, string name = "小青", string? relation = "母亲", string[]? categories = null,
        string? intakeOn = null) => new
    {
        unitId, name, idNumber = idNumber ?? ChildIdNumber(), programme = "SunshineHand", categories = categories ?? ["left-behind"],
        needs = "Study, Psychological", needsNote = "父母在外务工，学习跟不上", intakeOn = intakeOn ?? DateTimeOffset.UtcNow.AddHours(8).ToString("yyyy-MM-dd"),
        consentOn = DateTimeOffset.UtcNow.AddHours(8).ToString("yyyy-MM-dd"), consentBy = "王芳", consentRelation = relation,
    };

    public static async Task<Guid> OpenAsync(HttpClient admin, Guid unitId, string name = "小青", string? idNumber = null)
    {
        var response = await admin.PostJsonAsync("/api/v1/assistance/cases", Intake(unitId, idNumber, name, intakeOn: "2026-01-01"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    public static async Task PairAsync(HttpClient owner, Guid caseId, string volunteerNumber, string startedOn = "2026-01-02")
    {
        var response = await owner.PostJsonAsync($"/api/v1/assistance/cases/{caseId}/pairing", new { volunteerNumber, startedOn });
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>An approved plan straight into the database (the plan workflow has its own tests).</summary>
    public static Task<CasePlan> ApprovedPlanAsync(QingyunApp app, Guid caseId, DateOnly startsOn, DateOnly endsOn, int visits) => app.AsSystemAsync(async (_, db) =>
    {
        var kase = await db.AssistanceCases.FirstAsync(c => c.Id == caseId);
        var plan = new CasePlan
        {
            CaseId = caseId, UnitId = kase.UnitId, StartsOn = startsOn, EndsOn = endsOn, VisitsPlanned = visits,
            Goals = [new PlanGoal { Text = "数学成绩提高", TargetOn = endsOn }], State = PlanState.Approved, ApprovedBy = "test",
            ApprovedAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.CasePlans.Add(plan);
        await db.SaveChangesAsync();
        return plan;
    });
}
