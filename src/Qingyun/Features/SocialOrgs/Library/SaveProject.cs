using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.SocialOrgs.Ventures;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Library;

/// <summary>项目库: a unit adds a project (an organization's own work, or one it collects) or edits one, including its outcome (成效).</summary>
public sealed class SaveProject(AppDbContext db, TimeProvider clock)
{
    public sealed record Command(Guid? UnitId, Guid? OrganizationId, string? Title, OrgField? Field, string? Goals, decimal? Budget,
        DateOnly? StartOn, DateOnly? EndOn, string? Outcome);

    public async Task<Result<LibraryProject>> CreateAsync(Command c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.SocialOrgsManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<LibraryProject>.Fail(unit.Failures);
        }
        var now = clock.GetUtcNow();
        var project = new LibraryProject { UnitId = unit.Value!.Id, CreatedBy = db.Scope.UserName, CreatedAt = now };
        var f = await FillAsync(project, c, ct);
        if (f.Count > 0)
        {
            return Result<LibraryProject>.Fail(f);
        }
        project.UpdatedAt = now;
        db.LibraryProjects.Add(project);
        await db.SaveChangesAsync(ct);
        return project;
    }

    /// <summary>Edits everything but the unit (and the round it came from).</summary>
    public async Task<Result<LibraryProject>> UpdateAsync(Guid id, Command c, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.LibraryProjects, p => p.Id == id, Permission.SocialOrgsManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var project = found.Value!;
        var f = await FillAsync(project, c, ct);
        if (f.Count > 0)
        {
            return Result<LibraryProject>.Fail(f);
        }
        project.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return project;
    }

    private async Task<List<Failure>> FillAsync(LibraryProject p, Command c, CancellationToken ct)
    {
        var f = new List<Failure>();
        var title = VentureRules.Text(f, "Title", c.Title, LibraryProject.TitleMaxLength, "ProjectTitle");
        var field = VentureRules.Choice(f, "Field", c.Field, "OrgField");
        var goals = VentureRules.Text(f, "Goals", c.Goals, LibraryProject.TextMaxLength, "ProjectGoals");
        decimal? budget = c.Budget is null ? null : VentureRules.Money(f, "Budget", c.Budget, LibraryProject.MaxBudget, "ProjectBudget");
        var start = VentureRules.Date(f, "StartOn", c.StartOn);
        if (c.StartOn is not null && c.EndOn is { } end && end < start)
        {
            f.Add(new Failure("EndOn", "ToBeforeFrom"));
        }
        var outcome = VentureRules.Optional(f, "Outcome", c.Outcome, LibraryProject.TextMaxLength, "ProjectOutcome");
        if (c.OrganizationId is { } orgId && orgId != p.OrganizationId && !await db.SocialOrganizations.AnyAsync(o => o.Id == orgId, ct))
        {
            f.Add(new Failure("OrganizationId", "NotFound", 404) { Label = "SocialOrganization" });
        }
        if (f.Count == 0)
        {
            p.Title = title;
            p.Field = field;
            p.Goals = goals;
            p.Budget = budget;
            p.StartOn = start;
            p.EndOn = c.EndOn;
            p.Outcome = outcome;
            p.OrganizationId = c.OrganizationId;
        }
        return f;
    }
}
