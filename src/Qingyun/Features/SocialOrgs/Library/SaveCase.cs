using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.SocialOrgs.Ventures;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Library;

/// <summary>案例库: a unit writes up a case (optionally of an organization and one of its projects) for League staff everywhere to learn from.</summary>
public sealed class SaveCase(AppDbContext db, TimeProvider clock)
{
    public const int SummaryMaxLength = 500;
    public const int TagsMaxLength = 200;

    public sealed record Command(Guid? UnitId, string? Title, OrgField? Field, string? Summary, string? Body, string? Tags, DateOnly? WrittenOn,
        Guid? OrganizationId, Guid? ProjectId);

    public async Task<Result<LibraryCase>> CreateAsync(Command c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.SocialOrgsManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<LibraryCase>.Fail(unit.Failures);
        }
        var now = clock.GetUtcNow();
        var item = new LibraryCase { UnitId = unit.Value!.Id, CreatedBy = db.Scope.UserName, CreatedAt = now };
        var f = await FillAsync(item, c, ct);
        if (f.Count > 0)
        {
            return Result<LibraryCase>.Fail(f);
        }
        item.UpdatedAt = now;
        db.LibraryCases.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }

    public async Task<Result<LibraryCase>> UpdateAsync(Guid id, Command c, CancellationToken ct)
    {
        // Cases are read by League staff everywhere, so one outside the caller's units is readable but not theirs to change: 403.
        var item = await db.LibraryCases.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (item is null)
        {
            return Failure.NotFound("Id");
        }
        var path = await VentureRules.UnitPathAsync(db, item.UnitId, ct);
        if (path is null || !db.Scope.Covers(path, Permission.SocialOrgsManage))
        {
            return Failure.Forbidden("Id");
        }
        var f = await FillAsync(item, c, ct);
        if (f.Count > 0)
        {
            return Result<LibraryCase>.Fail(f);
        }
        item.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return item;
    }

    private async Task<List<Failure>> FillAsync(LibraryCase x, Command c, CancellationToken ct)
    {
        var f = new List<Failure>();
        var title = VentureRules.Text(f, "Title", c.Title, LibraryCase.TitleMaxLength, "CaseTitle");
        var field = VentureRules.Choice(f, "Field", c.Field, "OrgField");
        var summary = VentureRules.Text(f, "Summary", c.Summary, SummaryMaxLength, "CaseSummary");
        var body = VentureRules.Text(f, "Body", c.Body, LibraryCase.BodyMaxLength, "CaseBody");
        var tags = VentureRules.Optional(f, "Tags", c.Tags, TagsMaxLength);
        var writtenOn = VentureRules.Date(f, "WrittenOn", c.WrittenOn);
        if (c.WrittenOn is { } w && w > clock.ChinaToday())
        {
            f.Add(new Failure("WrittenOn", "DateInFuture"));
        }
        if (c.OrganizationId is { } orgId && orgId != x.OrganizationId && !await db.SocialOrganizations.AnyAsync(o => o.Id == orgId, ct))
        {
            f.Add(new Failure("OrganizationId", "NotFound", 404) { Label = "SocialOrganization" });
        }
        if (c.ProjectId is { } projectId && projectId != x.ProjectId && !await db.LibraryProjects.AnyAsync(p => p.Id == projectId, ct))
        {
            f.Add(new Failure("ProjectId", "NotFound", 404) { Label = "LibraryProject" });
        }
        if (f.Count == 0)
        {
            x.Title = title;
            x.Field = field;
            x.Summary = summary;
            x.Body = body;
            x.Tags = tags;
            x.WrittenOn = writtenOn;
            x.OrganizationId = c.OrganizationId;
            x.ProjectId = c.ProjectId;
        }
        return f;
    }
}

