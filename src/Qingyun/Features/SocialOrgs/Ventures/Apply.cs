using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>
/// An application to a round: by the organization's own account within the window, or entered by an admin of
/// the round's unit for an organization while the round is open. Only rounds of the organization's registry
/// unit or a unit above it; one live application per organization and round.
/// </summary>
public sealed class Apply(AppDbContext db, TimeProvider clock)
{
    public sealed record Command(Guid? RoundId, string? ProjectTitle, OrgField? Field, string? Summary, string? Goals, string? BudgetNote,
        decimal? Requested, DateOnly? StartOn, DateOnly? EndOn);

    /// <summary>The signed-in organization applies.</summary>
    public async Task<Result<VentureApplication>> AsOrganizationAsync(Command c, CancellationToken ct)
    {
        var org = await VentureRules.OwnOrganizationAsync(db, ct);
        if (org is null)
        {
            return new Failure("Account", "NotAnOrgAccount", 403);
        }
        var round = c.RoundId is { } id ? await db.VentureRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) : null;
        if (round is null)
        {
            return c.RoundId is null ? Failure.Required("RoundId") with { Label = "Round" } : new Failure("RoundId", "NotFound", 404) { Label = "Round" };
        }
        if (!await VentureRules.MayApplyAsync(db, org, round, ct))
        {
            return new Failure("RoundId", "RoundNotForOrg") { Label = "Round" };
        }
        var today = clock.ChinaToday();
        if (round.Status != RoundStatus.Open || today < round.ApplyFrom || today > round.ApplyUntil)
        {
            return new Failure("RoundId", "OutsideApplyWindow", 400, round.ApplyFrom.ShowDate(), round.ApplyUntil.ShowDate()) { Label = "Round" };
        }
        return await SaveAsync(round, org, c, ct);
    }

    /// <summary>An admin of the round's unit enters an application for an organization (a paper application, say).</summary>
    public async Task<Result<VentureApplication>> ForOrganizationAsync(Guid? organizationId, Command c, CancellationToken ct)
    {
        var found = c.RoundId is { } id
            ? await db.OwnedAsync(db.VentureRounds.AsNoTracking(), r => r.Id == id, Permission.SocialOrgsManage, ct)
            : Failure.Required("RoundId") with { Label = "Round" };
        if (!found.Ok)
        {
            return Result<VentureApplication>.Fail(found.Failures);
        }
        var round = found.Value!;
        var org = organizationId is { } orgId ? await db.SocialOrganizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) : null;
        if (org is null)
        {
            return organizationId is null ? Failure.Required("OrganizationId") with { Label = "SocialOrganization" }
                : new Failure("OrganizationId", "NotFound", 404) { Label = "SocialOrganization" };
        }
        if (org.ReviewStatus != OrgReviewStatus.Approved)
        {
            return new Failure("OrganizationId", "OrgNotApproved") { Label = "SocialOrganization" };
        }
        if (!await VentureRules.MayApplyAsync(db, org, round, ct))
        {
            return new Failure("OrganizationId", "RoundNotForOrg") { Label = "SocialOrganization" };
        }
        if (round.Status != RoundStatus.Open)
        {
            return new Failure("RoundId", "RoundNotOpen", 409) { Label = "Round" };
        }
        return await SaveAsync(round, org, c, ct);
    }

    private async Task<Result<VentureApplication>> SaveAsync(VentureRound round, SocialOrganization org, Command c, CancellationToken ct)
    {
        var f = new List<Failure>();
        var title = VentureRules.Text(f, "ProjectTitle", c.ProjectTitle, VentureApplication.TitleMaxLength);
        var field = VentureRules.Choice(f, "Field", c.Field, "OrgField");
        var summary = VentureRules.Text(f, "Summary", c.Summary, VentureApplication.TextMaxLength, "ProjectSummary");
        var goals = VentureRules.Text(f, "Goals", c.Goals, VentureApplication.TextMaxLength, "ProjectGoals");
        var budgetNote = VentureRules.Text(f, "BudgetNote", c.BudgetNote, VentureApplication.TextMaxLength);
        var requested = VentureRules.Money(f, "Requested", c.Requested, VentureRules.MaxBudget);
        if (c.Requested is { } r && r > round.MaxGrant)
        {
            f.Add(new Failure("Requested", "OverMaxGrant", 400, VentureRules.Yuan(round.MaxGrant)));
        }
        var start = VentureRules.Date(f, "StartOn", c.StartOn);
        var end = VentureRules.Date(f, "EndOn", c.EndOn);
        if (c.StartOn is not null && start < round.ApplyFrom)
        {
            f.Add(new Failure("StartOn", "NotBeforeDay", 400, round.ApplyFrom.ShowDate()));
        }
        if (c.StartOn is not null && start > round.ApplyUntil.AddYears(1))
        {
            f.Add(new Failure("StartOn", "StartTooLate", 400, round.ApplyUntil.AddYears(1).ShowDate()));
        }
        if (c.StartOn is not null && c.EndOn is not null)
        {
            if (end < start)
            {
                f.Add(new Failure("EndOn", "ToBeforeFrom"));
            }
            else if (end >= start.AddYears(VentureRules.MaxProjectYears))
            {
                f.Add(new Failure("EndOn", "PeriodTooLong", 400, VentureRules.MaxProjectYears));
            }
        }
        if (f.Count > 0)
        {
            return Result<VentureApplication>.Fail(f);
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock the round row (and check it is still open) so that two submissions of one organization cannot both pass the check below.
        var open = await db.VentureRounds.Where(x => x.Id == round.Id && x.Status == RoundStatus.Open)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.UpdatedAt, x => x.UpdatedAt), ct);
        if (open == 0)
        {
            return new Failure("RoundId", "RoundNotOpen", 409) { Label = "Round" };
        }
        var live = await db.VentureApplications.AnyAsync(a => a.RoundId == round.Id && a.OrganizationId == org.Id && a.Status != ApplicationStatus.Withdrawn, ct);
        if (live)
        {
            return new Failure("RoundId", "AlreadyApplied", 409) { Label = "Round" };
        }
        var application = new VentureApplication
        {
            RoundId = round.Id, UnitId = round.UnitId, OrganizationId = org.Id, ProjectTitle = title, Field = field, Summary = summary, Goals = goals,
            BudgetNote = budgetNote, Requested = requested, StartOn = start, EndOn = end, Status = ApplicationStatus.Submitted,
            SubmittedByUserId = db.Scope.UserId, SubmittedBy = db.Scope.UserName, SubmittedAt = now, UpdatedAt = now,
        };
        db.VentureApplications.Add(application);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return application;
    }
}
