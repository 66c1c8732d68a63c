using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Assistance;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Assistance;

/// <summary>
/// 服务计划书: a case's plans for periods — goals with target dates, the visits planned, the resources and
/// measures — written by the case owner (or an administrator), submitted, and approved or returned by an
/// administrator holding CasesManage over the case's unit. Every call opens the case through
/// <see cref="CaseReader"/>: not visible is 404, visible but not allowed is 403.
/// </summary>
public sealed class PlanDesk(AppDbContext db, CaseReader reader, TimeProvider clock, CurrentScope scope)
{
    public const int GoalMaxLength = 200;
    public const int MaxGoals = 30;
    public const int MaxYears = 2;

    public sealed record GoalInput(string? Text, DateOnly? TargetOn);

    public sealed record PlanInput(DateOnly? StartsOn, DateOnly? EndsOn, int? VisitsPlanned, IReadOnlyList<GoalInput>? Goals, string? Resources, string? Measures);

    /// <summary>Visits logged in the period, visits due by today (China time), visits planned; goals reached of all.</summary>
    public sealed record Progress(int Logged, int DueNow, int Planned, int GoalsAchieved, int GoalsTotal)
    {
        public bool Behind => Logged < DueNow;
    }

    public sealed record PlanRow(CasePlan Plan, Progress Progress);

    /// <summary>The case (opened and audited) with its plans, newest period first, and the volunteer paired now.</summary>
    public sealed record CasePlans(CaseReader.CaseView View, IReadOnlyList<PlanRow> Plans, string? Paired);

    public async Task<Result<CasePlans>> ListAsync(Guid caseId, CancellationToken ct)
    {
        var v = await reader.OpenAsync(caseId, ct);
        if (!v.Ok)
        {
            return Result<CasePlans>.Fail(v.Failures);
        }
        var plans = await db.CasePlans.AsNoTracking().Where(p => p.CaseId == caseId).OrderByDescending(p => p.StartsOn).ToListAsync(ct);
        var rows = new List<PlanRow>();
        foreach (var p in plans)
        {
            rows.Add(new PlanRow(p, await ProgressAsync(p, ct)));
        }
        return new CasePlans(v.Value!, rows, await PairedNameAsync(db, caseId, ct));
    }

    public async Task<Result<CasePlan>> CreateAsync(Guid caseId, PlanInput input, CancellationToken ct)
    {
        var v = await EditableAsync(caseId, ct);
        if (!v.Ok)
        {
            return Result<CasePlan>.Fail(v.Failures);
        }
        if (v.Value!.Case.Status == CaseStatus.Closed)
        {
            return new Failure("PlanId", "PlanCaseClosed", 409);
        }
        var f = Validate(input, out var goals);
        if (f.Count > 0)
        {
            return Result<CasePlan>.Fail(f);
        }
        var start = input.StartsOn!.Value;
        if (await db.CasePlans.AnyAsync(p => p.CaseId == caseId && p.StartsOn == start, ct))
        {
            return new Failure("StartsOn", "PlanExists", 409, ChinesePdf.Date(start));
        }
        var now = clock.GetUtcNow();
        var plan = new CasePlan
        {
            CaseId = caseId, UnitId = v.Value.Case.UnitId, StartsOn = start, EndsOn = input.EndsOn!.Value, VisitsPlanned = input.VisitsPlanned!.Value,
            Goals = goals, Resources = Clean(input.Resources), Measures = Clean(input.Measures), State = PlanState.Draft, CreatedAt = now, UpdatedAt = now,
        };
        db.CasePlans.Add(plan);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request made the plan for the same period a moment ago (unique case + start).
            db.ChangeTracker.Clear();
            return new Failure("StartsOn", "PlanExists", 409, ChinesePdf.Date(start));
        }
        return plan;
    }

    /// <summary>
    /// Changes a plan's content. A submitted or approved plan whose content changes goes back to draft and must
    /// be submitted again; achieved marks of goals whose text and date stay are kept.
    /// </summary>
    public async Task<Result<CasePlan>> UpdateAsync(Guid caseId, Guid planId, PlanInput input, CancellationToken ct)
    {
        var p = await EditablePlanAsync(caseId, planId, ct);
        if (!p.Ok)
        {
            return p;
        }
        var plan = p.Value!;
        var f = Validate(input, out var goals);
        if (f.Count > 0)
        {
            return Result<CasePlan>.Fail(f);
        }
        var start = input.StartsOn!.Value;
        if (start != plan.StartsOn && await db.CasePlans.AnyAsync(x => x.CaseId == caseId && x.StartsOn == start && x.Id != planId, ct))
        {
            return new Failure("StartsOn", "PlanExists", 409, ChinesePdf.Date(start));
        }
        foreach (var g in goals)
        {
            g.AchievedOn = plan.Goals.FirstOrDefault(o => o.Text == g.Text && o.TargetOn == g.TargetOn)?.AchievedOn;
        }
        var changed = plan.StartsOn != start || plan.EndsOn != input.EndsOn!.Value || plan.VisitsPlanned != input.VisitsPlanned!.Value
            || plan.Resources != Clean(input.Resources) || plan.Measures != Clean(input.Measures)
            || !plan.Goals.Select(g => (g.Text, g.TargetOn)).SequenceEqual(goals.Select(g => (g.Text, g.TargetOn)));
        if (!changed)
        {
            return plan;
        }
        plan.StartsOn = start;
        plan.EndsOn = input.EndsOn!.Value;
        plan.VisitsPlanned = input.VisitsPlanned!.Value;
        plan.Goals = goals;
        plan.Resources = Clean(input.Resources);
        plan.Measures = Clean(input.Measures);
        if (plan.State != PlanState.Draft)
        {
            plan.State = PlanState.Draft;
            plan.ApprovedBy = null;
            plan.ApprovedAt = null;
        }
        plan.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new Failure("StartsOn", "PlanExists", 409, ChinesePdf.Date(start));
        }
        return plan;
    }

    /// <summary>报批: a draft goes to the unit for approval.</summary>
    public async Task<Result<CasePlan>> SubmitAsync(Guid caseId, Guid planId, CancellationToken ct)
    {
        var p = await EditablePlanAsync(caseId, planId, ct);
        if (!p.Ok)
        {
            return p;
        }
        if (p.Value!.State != PlanState.Draft)
        {
            return new Failure("PlanId", "PlanNotDraft", 409);
        }
        p.Value.State = PlanState.Submitted;
        p.Value.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return p;
    }

    /// <summary>批准 or 退回 (with a note), by an administrator holding CasesManage over the case's unit; a case owner who is not one cannot.</summary>
    public async Task<Result<CasePlan>> DecideAsync(Guid caseId, Guid planId, bool approve, string? note, CancellationToken ct)
    {
        var v = await reader.OpenAsync(caseId, ct);
        if (!v.Ok)
        {
            return Result<CasePlan>.Fail(v.Failures);
        }
        if (!v.Value!.CanApprove)
        {
            return new Failure("PlanId", "CaseApproveForbidden", 403);
        }
        var plan = await db.CasePlans.FirstOrDefaultAsync(x => x.Id == planId && x.CaseId == caseId, ct);
        if (plan is null)
        {
            return Failure.NotFound("PlanId");
        }
        if (plan.State != PlanState.Submitted)
        {
            return new Failure("PlanId", "PlanNotSubmitted", 409);
        }
        var n = Clean(note);
        if (n?.Length > AssistanceCase.NoteMaxLength)
        {
            return Failure.TooLong("PlanReturnNote", AssistanceCase.NoteMaxLength);
        }
        var now = clock.GetUtcNow();
        if (approve)
        {
            plan.State = PlanState.Approved;
            plan.ApprovedBy = scope.DisplayName ?? scope.UserName;
            plan.ApprovedAt = now;
            plan.ReturnNote = null;
        }
        else
        {
            if (n is null)
            {
                return Failure.Required("PlanReturnNote");
            }
            plan.State = PlanState.Draft;
            plan.ReturnNote = n;
        }
        plan.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return plan;
    }

    /// <summary>Marks goal <paramref name="goal"/> (1-based) reached on a day, or clears the mark (null). The plan's approval stands.</summary>
    public async Task<Result<CasePlan>> AchieveAsync(Guid caseId, Guid planId, int goal, DateOnly? achievedOn, CancellationToken ct)
    {
        var p = await EditablePlanAsync(caseId, planId, ct);
        if (!p.Ok)
        {
            return p;
        }
        var plan = p.Value!;
        if (goal < 1 || goal > plan.Goals.Count)
        {
            return Failure.NotFound("Goal");
        }
        if (achievedOn is { } on)
        {
            if (on > clock.ChinaToday())
            {
                return new Failure("AchievedOn", "DateInFuture");
            }
            if (on < plan.StartsOn)
            {
                return new Failure("AchievedOn", "GoalAchievedBeforeStart", 400, ChinesePdf.Date(plan.StartsOn));
            }
        }
        // A new list, so the JSON column is written whatever the provider's change tracking of owned items.
        plan.Goals = plan.Goals.Select((g, i) => new PlanGoal { Text = g.Text, TargetOn = g.TargetOn, AchievedOn = i == goal - 1 ? achievedOn : g.AchievedOn }).ToList();
        plan.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return plan;
    }

    public async Task<Progress> ProgressAsync(CasePlan p, CancellationToken ct)
    {
        var logged = await db.CaseVisits.CountAsync(v => v.CaseId == p.CaseId && v.VisitedOn >= p.StartsOn && v.VisitedOn <= p.EndsOn, ct);
        return new Progress(logged, p.DueBy(clock.ChinaToday()), p.VisitsPlanned, p.Goals.Count(g => g.AchievedOn is not null), p.Goals.Count);
    }

    /// <summary>The due dates of a plan's visits (the preview on the form and the schedule on the paper).</summary>
    public static IReadOnlyList<DateOnly> Schedule(CasePlan p) =>
        p.VisitsPlanned <= 0 ? [] : Enumerable.Range(1, p.VisitsPlanned).Select(p.DueOn).ToList();

    /// <summary>The volunteer (or team) paired with the case now, by name; the names are read through the case, which the viewer may open.</summary>
    public static async Task<string?> PairedNameAsync(AppDbContext db, Guid caseId, CancellationToken ct)
    {
        var pairing = await db.CasePairings.AsNoTracking().Where(x => x.CaseId == caseId && x.EndedOn == null).FirstOrDefaultAsync(ct);
        if (pairing is null)
        {
            return null;
        }
        if (pairing.VolunteerId is { } volunteerId)
        {
            return await (from v in db.Volunteers.IgnoreQueryFilters() join p in db.People.IgnoreQueryFilters() on v.PersonId equals p.Id
                          where v.Id == volunteerId select p.Name).FirstOrDefaultAsync(ct);
        }
        return pairing.TeamId is { } teamId
            ? await db.VolunteerTeams.IgnoreQueryFilters().Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(ct)
            : null;
    }

    private async Task<Result<CaseReader.CaseView>> EditableAsync(Guid caseId, CancellationToken ct)
    {
        var v = await reader.OpenAsync(caseId, ct);
        return !v.Ok || v.Value!.CanEdit ? v : new Failure("PlanId", "CaseEditForbidden", 403);
    }

    private async Task<Result<CasePlan>> EditablePlanAsync(Guid caseId, Guid planId, CancellationToken ct)
    {
        var v = await EditableAsync(caseId, ct);
        if (!v.Ok)
        {
            return Result<CasePlan>.Fail(v.Failures);
        }
        var plan = await db.CasePlans.FirstOrDefaultAsync(x => x.Id == planId && x.CaseId == caseId, ct);
        return plan is null ? Failure.NotFound("PlanId") : plan;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Every rule of a plan's content, each failure naming its field; blank goal rows (no text, no date) are left out.</summary>
    private static List<Failure> Validate(PlanInput input, out List<PlanGoal> goals)
    {
        var f = new List<Failure>();
        goals = [];
        if (input.StartsOn is null)
        {
            f.Add(Failure.Required("StartsOn"));
        }
        if (input.EndsOn is null)
        {
            f.Add(Failure.Required("EndsOn"));
        }
        if (input.StartsOn is { } s && input.EndsOn is { } e)
        {
            if (e <= s)
            {
                f.Add(new Failure("EndsOn", "PlanEndsAfterStart"));
            }
            else if (e >= s.AddYears(MaxYears))
            {
                f.Add(new Failure("EndsOn", "PlanTooLong", 400, MaxYears));
            }
        }
        var periodOk = f.Count == 0;
        var days = periodOk ? input.EndsOn!.Value.DayNumber - input.StartsOn!.Value.DayNumber + 1 : CasePlan.MaxVisits;
        var maxVisits = Math.Min(CasePlan.MaxVisits, days);
        if (input.VisitsPlanned is not { } visits)
        {
            f.Add(Failure.Required("VisitsPlanned"));
        }
        else if (visits < 1 || visits > maxVisits)
        {
            f.Add(new Failure("VisitsPlanned", "Range", 400, 1, maxVisits));
        }
        var rows = (input.Goals ?? []).Where(g => !string.IsNullOrWhiteSpace(g.Text) || g.TargetOn is not null).ToList();
        if (rows.Count == 0)
        {
            f.Add(new Failure("Goals", "AtLeastOneGoal"));
        }
        else if (rows.Count > MaxGoals)
        {
            f.Add(new Failure("Goals", "TooManyGoals", 400, MaxGoals));
        }
        for (var i = 0; i < rows.Count && i < MaxGoals; i++)
        {
            var text = rows[i].Text?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                f.Add(new Failure("Goals", "GoalTextRequired", 400, i + 1));
            }
            else if (text.Length > GoalMaxLength)
            {
                f.Add(new Failure("Goals", "GoalTooLong", 400, i + 1, GoalMaxLength));
            }
            if (rows[i].TargetOn is not { } target)
            {
                f.Add(new Failure("Goals", "GoalTargetRequired", 400, i + 1));
            }
            else if (periodOk && (target < input.StartsOn!.Value || target > input.EndsOn!.Value))
            {
                f.Add(new Failure("Goals", "GoalOutsidePeriod", 400, i + 1, ChinesePdf.Date(input.StartsOn!.Value), ChinesePdf.Date(input.EndsOn!.Value)));
            }
            if (!string.IsNullOrEmpty(text) && rows[i].TargetOn is { } t)
            {
                goals.Add(new PlanGoal { Text = text, TargetOn = t });
            }
        }
        if (input.Resources?.Trim().Length > CasePlan.TextMaxLength)
        {
            f.Add(Failure.TooLong("PlanResources", CasePlan.TextMaxLength));
        }
        if (input.Measures?.Trim().Length > CasePlan.TextMaxLength)
        {
            f.Add(Failure.TooLong("PlanMeasures", CasePlan.TextMaxLength));
        }
        return f;
    }
}
