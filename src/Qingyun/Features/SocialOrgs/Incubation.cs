using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs;

/// <summary>
/// 孵化 (decision 013): the stage kept on the organization with every move a dated step; support given,
/// mentors with their period and milestones with due and achieved dates. Only an approved (入库)
/// organization is incubated; every write needs SocialOrgsManage over its registry unit.
/// </summary>
public sealed class Incubation(AppDbContext db, TimeProvider clock)
{
    public sealed record StageCommand(IncubationStage To, DateOnly? On, string? Note);

    public sealed record SupportCommand(SupportKind Kind, DateOnly? On, string? Description, decimal? Amount, Guid? GivenByUnitId);

    public sealed record MentorCommand(string? Name, string? Expertise, DateOnly? From, DateOnly? Until);

    public sealed record MilestoneCommand(string? Title, DateOnly? DueOn, string? Note);

    /// <summary>The organization, managed by the caller and approved; 404/403 by scope, 409 when not in the registry yet.</summary>
    internal async Task<Result<SocialOrganization>> ManagedAsync(Guid id, CancellationToken ct)
    {
        var owned = await db.OwnedAsync(db.SocialOrganizations, o => o.Id == id, Permission.SocialOrgsManage, ct);
        if (owned.Ok && owned.Value!.ReviewStatus != OrgReviewStatus.Approved)
        {
            return new Failure("Id", "OrgNotApproved", 409);
        }
        return owned;
    }

    public async Task<Result<IncubationStep>> MoveStageAsync(Guid id, StageCommand c, CancellationToken ct)
    {
        var org = await ManagedAsync(id, ct);
        if (!org.Ok)
        {
            return Result<IncubationStep>.Fail(org.Failures);
        }
        var failures = new List<Failure>();
        if (!Enum.IsDefined(c.To))
        {
            failures.Add(new Failure("To", "InvalidChoice") { Label = "IncubationStage" });
        }
        else if (c.To == org.Value!.Stage)
        {
            failures.Add(new Failure("To", "SameStage", 409) { Label = "IncubationStage" });
        }
        var note = SocialOrgInput.Optional(c.Note, "Note", SocialOrganization.ShortMaxLength, failures);
        var last = await db.IncubationSteps.Where(s => s.OrganizationId == id).OrderByDescending(s => s.On).Select(s => (DateOnly?)s.On).FirstOrDefaultAsync(ct);
        CheckDay(c.On, "On", last, failures);
        if (failures.Count > 0)
        {
            return Result<IncubationStep>.Fail(failures);
        }
        var step = Move(org.Value!, c.To, c.On!.Value, note);
        await db.SaveChangesAsync(ct);
        return step;
    }

    /// <summary>Adds the dated step and moves the stage; the caller saves (a designation moves it in the same save).</summary>
    internal IncubationStep Move(SocialOrganization org, IncubationStage to, DateOnly on, string? note)
    {
        var now = clock.GetUtcNow();
        var step = new IncubationStep { OrganizationId = org.Id, From = org.Stage, To = to, On = on, Note = note, ByUserName = db.Scope.UserName, At = now };
        db.IncubationSteps.Add(step);
        org.Stage = to;
        org.UpdatedAt = now;
        return step;
    }

    /// <summary>A day for a record: given, not after today, and (for a stage) not before the previous step.</summary>
    internal void CheckDay(DateOnly? day, string field, DateOnly? notBefore, List<Failure> failures)
    {
        if (day is not { } d)
        {
            failures.Add(Failure.Required(field) with { Label = "Date" });
        }
        else if (d > clock.ChinaToday())
        {
            failures.Add(new Failure(field, "DateInFuture") { Label = "Date" });
        }
        else if (d.Year < 1990)
        {
            failures.Add(new Failure(field, "DateTooEarly", 400, 1990) { Label = "Date" });
        }
        else if (notBefore is { } nb && d < nb)
        {
            failures.Add(new Failure(field, "BeforePreviousStep", 400, nb.ShowDate()) { Label = "Date" });
        }
    }

    public async Task<Result<IncubationSupport>> AddSupportAsync(Guid id, SupportCommand c, CancellationToken ct)
    {
        var org = await ManagedAsync(id, ct);
        if (!org.Ok)
        {
            return Result<IncubationSupport>.Fail(org.Failures);
        }
        var failures = new List<Failure>();
        if (!Enum.IsDefined(c.Kind))
        {
            failures.Add(new Failure("Kind", "InvalidChoice") { Label = "IncubationSupportKind" });
        }
        CheckDay(c.On, "On", null, failures);
        var description = SocialOrgInput.Optional(c.Description, "Description", SocialOrganization.ShortMaxLength, failures, label: "SupportDescription");
        if (description is null)
        {
            failures.Add(Failure.Required("Description") with { Label = "SupportDescription" });
        }
        // Only funding carries money: an amount on space or training would be counted as funding nobody gave.
        if (c.Kind == SupportKind.Funding)
        {
            if (c.Amount is not { } a || a <= 0 || a > IncubationSupport.MaxAmount || decimal.Round(a, 2) != a)
            {
                failures.Add(new Failure("Amount", "AmountRule", 400, IncubationSupport.MaxAmount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)) { Label = "FundingAmount" });
            }
        }
        else if (c.Amount is not null)
        {
            failures.Add(new Failure("Amount", "AmountOnlyForFunding") { Label = "FundingAmount" });
        }
        Guid? givenBy = c.GivenByUnitId == Guid.Empty ? null : c.GivenByUnitId;
        if (givenBy is not null)
        {
            var unit = await db.UnitForAsync(givenBy, Permission.SocialOrgsRead, "GivenByUnitId", ct);
            failures.AddRange(unit.Failures);
        }
        if (failures.Count > 0)
        {
            return Result<IncubationSupport>.Fail(failures);
        }
        var support = new IncubationSupport
        {
            OrganizationId = id, Kind = c.Kind, On = c.On!.Value, Description = description!, Amount = c.Amount, GivenByUnitId = givenBy,
            ByUserName = db.Scope.UserName, At = clock.GetUtcNow(),
        };
        db.IncubationSupports.Add(support);
        await db.SaveChangesAsync(ct);
        return support;
    }

    public async Task<Result<IncubationMentor>> AddMentorAsync(Guid id, MentorCommand c, CancellationToken ct)
    {
        var org = await ManagedAsync(id, ct);
        if (!org.Ok)
        {
            return Result<IncubationMentor>.Fail(org.Failures);
        }
        var failures = new List<Failure>();
        var name = SocialOrgInput.Optional(c.Name, "Name", IncubationMentor.NameMaxLength, failures, label: "MentorName");
        if (name is null)
        {
            failures.Add(Failure.Required("Name") with { Label = "MentorName" });
        }
        var expertise = SocialOrgInput.Optional(c.Expertise, "Expertise", SocialOrganization.ShortMaxLength, failures);
        if (expertise is null)
        {
            failures.Add(Failure.Required("Expertise"));
        }
        if (c.From is null)
        {
            failures.Add(Failure.Required("From"));
        }
        else if (c.Until is { } until && until < c.From)
        {
            failures.Add(new Failure("Until", "ToBeforeFrom") { Label = "To" });
        }
        if (failures.Count > 0)
        {
            return Result<IncubationMentor>.Fail(failures);
        }
        var mentor = new IncubationMentor
        {
            OrganizationId = id, Name = name!, Expertise = expertise!, From = c.From!.Value, Until = c.Until, ByUserName = db.Scope.UserName, At = clock.GetUtcNow(),
        };
        db.IncubationMentors.Add(mentor);
        await db.SaveChangesAsync(ct);
        return mentor;
    }

    public async Task<Result<IncubationMilestone>> AddMilestoneAsync(Guid id, MilestoneCommand c, CancellationToken ct)
    {
        var org = await ManagedAsync(id, ct);
        if (!org.Ok)
        {
            return Result<IncubationMilestone>.Fail(org.Failures);
        }
        var failures = new List<Failure>();
        var title = SocialOrgInput.Optional(c.Title, "Title", SocialOrganization.ShortMaxLength, failures, label: "MilestoneTitle");
        if (title is null)
        {
            failures.Add(Failure.Required("Title") with { Label = "MilestoneTitle" });
        }
        if (c.DueOn is null)
        {
            failures.Add(Failure.Required("DueOn"));
        }
        var note = SocialOrgInput.Optional(c.Note, "Note", SocialOrganization.ShortMaxLength, failures);
        if (failures.Count > 0)
        {
            return Result<IncubationMilestone>.Fail(failures);
        }
        var milestone = new IncubationMilestone
        {
            OrganizationId = id, Title = title!, DueOn = c.DueOn!.Value, Note = note, ByUserName = db.Scope.UserName, At = clock.GetUtcNow(),
        };
        db.IncubationMilestones.Add(milestone);
        await db.SaveChangesAsync(ct);
        return milestone;
    }

    /// <summary>Marks a milestone achieved on a day (not in the future); achieving it twice is refused.</summary>
    public async Task<Result<IncubationMilestone>> AchieveMilestoneAsync(Guid id, Guid milestoneId, DateOnly? on, CancellationToken ct)
    {
        var org = await ManagedAsync(id, ct);
        if (!org.Ok)
        {
            return Result<IncubationMilestone>.Fail(org.Failures);
        }
        var milestone = await db.IncubationMilestones.FirstOrDefaultAsync(m => m.Id == milestoneId && m.OrganizationId == id, ct);
        if (milestone is null)
        {
            return Failure.NotFound("MilestoneId");
        }
        var failures = new List<Failure>();
        if (milestone.AchievedOn is not null)
        {
            failures.Add(new Failure("AchievedOn", "AlreadyAchieved", 409));
        }
        CheckDay(on, "AchievedOn", null, failures);
        if (failures.Count > 0)
        {
            return Result<IncubationMilestone>.Fail(failures);
        }
        milestone.AchievedOn = on;
        await db.SaveChangesAsync(ct);
        return milestone;
    }
}
