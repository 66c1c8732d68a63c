using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Assistance;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Assistance;

/// <summary>The visit form as the case page and the volunteer's phone page both bind it (field names "Visit.X").</summary>
public sealed class VisitEntry
{
    public DateOnly? VisitedOn { get; set; }
    public VisitForm? Form { get; set; }
    public int? Minutes { get; set; }
    public string? Done { get; set; }
    public string? Situation { get; set; }
    public string? FollowUp { get; set; }
    public string? ResourcesGiven { get; set; }
    public decimal? MoneyGiven { get; set; }

    public VisitLog.VisitCommand ToCommand() => new(VisitedOn, Form, Minutes, Done, Situation, FollowUp, ResourcesGiven, MoneyGiven);
}

/// <summary>
/// 帮扶记录: visits logged by the paired volunteer (often on site, from a phone), the owner or an
/// administrator. A visit is never edited after the day it was logged; a wrong one is removed by its
/// author or an administrator, and the audit log keeps what it said.
/// </summary>
public sealed class VisitLog(AppDbContext db, CaseReader reader, TimeProvider clock)
{
    public sealed record VisitCommand(DateOnly? VisitedOn, VisitForm? Form, int? Minutes, string? Done, string? Situation, string? FollowUp,
        string? ResourcesGiven, decimal? MoneyGiven);

    public async Task<Result<CaseVisit>> LogAsync(Guid caseId, VisitCommand c, CancellationToken ct)
    {
        var open = await reader.OpenAsync(caseId, ct);
        if (!open.Ok)
        {
            return Result<CaseVisit>.Fail(open.Failures);
        }
        var kase = open.Value!.Case;
        if (kase.Status == CaseStatus.Closed)
        {
            return new Failure("Id", "CaseClosed", 409);
        }
        var now = clock.GetUtcNow();
        var today = now.ChinaDate();
        var failures = new List<Failure>();
        if (c.VisitedOn is null)
        {
            failures.Add(Failure.Required("VisitedOn"));
        }
        else if (c.VisitedOn > today)
        {
            failures.Add(new Failure("VisitedOn", "NotInFuture"));
        }
        else if (c.VisitedOn < kase.IntakeOn)
        {
            failures.Add(new Failure("VisitedOn", "BeforeIntake", 400, kase.IntakeOn.ShowDate()));
        }
        if (c.Form is null || !Enum.IsDefined(c.Form.Value))
        {
            failures.Add(c.Form is null ? Failure.Required("VisitForm") : new Failure("VisitForm", "InvalidChoice"));
        }
        if (c.Minutes is null)
        {
            failures.Add(Failure.Required("VisitMinutes"));
        }
        else if (c.Minutes is < 1 or > CaseVisit.MaxMinutes)
        {
            failures.Add(new Failure("VisitMinutes", "Range", 400, 1, CaseVisit.MaxMinutes));
        }
        var done = Text(c.Done, "VisitDone", failures, required: true);
        var situation = Text(c.Situation, "VisitSituation", failures);
        var followUp = Text(c.FollowUp, "VisitFollowUp", failures);
        var resources = Text(c.ResourcesGiven, "ResourcesGiven", failures);
        if (c.MoneyGiven is { } money && (money < 0 || money > CaseSupport.MaxAmount || decimal.Round(money, 2) != money))
        {
            failures.Add(new Failure("MoneyGiven", "MoneyRule", 400, CaseSupport.MaxAmount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (failures.Count > 0)
        {
            return Result<CaseVisit>.Fail(failures);
        }
        var visit = new CaseVisit
        {
            CaseId = caseId, UnitId = kase.UnitId, VisitedOn = c.VisitedOn!.Value, Form = c.Form!.Value, Minutes = c.Minutes!.Value,
            Done = done!, Situation = situation, FollowUp = followUp, ResourcesGiven = resources, MoneyGiven = c.MoneyGiven is 0 ? null : c.MoneyGiven,
            ByPersonId = db.Scope.PersonId, ByName = db.Scope.DisplayName ?? db.Scope.UserName ?? "", LoggedAt = now,
        };
        db.CaseVisits.Add(visit);
        await db.SaveChangesAsync(ct);
        return visit;
    }

    /// <summary>Removes a visit logged by mistake: its author on the day it was logged, or an administrator.</summary>
    public async Task<Result<CaseVisit>> RemoveAsync(Guid caseId, Guid visitId, CancellationToken ct)
    {
        var open = await reader.OpenAsync(caseId, ct);
        if (!open.Ok)
        {
            return Result<CaseVisit>.Fail(open.Failures);
        }
        var visit = await db.CaseVisits.FirstOrDefaultAsync(v => v.Id == visitId && v.CaseId == caseId, ct);
        if (visit is null)
        {
            return Failure.NotFound("VisitId");
        }
        var own = visit.ByPersonId is not null && visit.ByPersonId == db.Scope.PersonId && visit.LoggedAt.ChinaDate() == clock.ChinaToday();
        if (!own && !open.Value!.CanManage)
        {
            return Failure.Forbidden("VisitId");
        }
        db.CaseVisits.Remove(visit);
        await db.SaveChangesAsync(ct);
        return visit;
    }

    public Task<List<CaseVisit>> OfCaseAsync(Guid caseId, CancellationToken ct) =>
        db.CaseVisits.AsNoTracking().Where(v => v.CaseId == caseId).OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.LoggedAt).ToListAsync(ct);

    private static string? Text(string? value, string field, List<Failure> failures, bool required = false)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            if (required)
            {
                failures.Add(Failure.Required(field));
            }
            return null;
        }
        if (v.Length > CaseVisit.TextMaxLength)
        {
            failures.Add(Failure.TooLong(field, CaseVisit.TextMaxLength));
        }
        return v;
    }
}
