using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>公益创投: a unit drafts a round — budget, cap per project, application window and the published scheme its review uses.</summary>
public sealed class CreateRound(AppDbContext db, TimeProvider clock)
{
    public sealed record Command(Guid? UnitId, string? Title, int? Year, string? Description, decimal? Budget, decimal? MaxGrant,
        DateOnly? ApplyFrom, DateOnly? ApplyUntil, Guid? SchemeId);

    public async Task<Result<VentureRound>> RunAsync(Command c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.SocialOrgsManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<VentureRound>.Fail(unit.Failures);
        }
        var f = new List<Failure>();
        var title = VentureRules.Text(f, "Title", c.Title, VentureRound.TitleMaxLength, "RoundTitle");
        if (c.Year is not { } year)
        {
            f.Add(Failure.Required("Year"));
            year = 0;
        }
        else if (year is < 2000 or > 2100)
        {
            f.Add(new Failure("Year", "Range", 400, 2000, 2100));
        }
        var description = VentureRules.Optional(f, "Description", c.Description, VentureRound.TextMaxLength, "RoundDescription");
        var budget = VentureRules.Money(f, "Budget", c.Budget, VentureRules.MaxBudget);
        var maxGrant = VentureRules.Money(f, "MaxGrant", c.MaxGrant, VentureRules.MaxBudget);
        if (c.Budget is not null && c.MaxGrant is not null && maxGrant > budget)
        {
            f.Add(new Failure("MaxGrant", "MaxGrantOverBudget", 400, VentureRules.Yuan(budget)));
        }
        var from = VentureRules.Date(f, "ApplyFrom", c.ApplyFrom);
        var until = VentureRules.Date(f, "ApplyUntil", c.ApplyUntil);
        if (c.ApplyFrom is not null && c.ApplyUntil is not null && until < from)
        {
            f.Add(new Failure("ApplyUntil", "ToBeforeFrom"));
        }
        if (c.SchemeId is not { } schemeId)
        {
            f.Add(Failure.Required("SchemeId"));
        }
        else
        {
            var status = await db.EvaluationSchemes.Where(s => s.Id == schemeId).Select(s => (SchemeStatus?)s.Status).FirstOrDefaultAsync(ct);
            if (status is null)
            {
                f.Add(Failure.NotFound("SchemeId"));
            }
            else if (status != SchemeStatus.Published)
            {
                f.Add(new Failure("SchemeId", "SchemeNotPublished"));
            }
        }
        if (f.Count > 0)
        {
            return Result<VentureRound>.Fail(f);
        }
        var now = clock.GetUtcNow();
        var round = new VentureRound
        {
            UnitId = unit.Value!.Id, Title = title, Year = year, Description = description, Budget = budget, MaxGrant = maxGrant,
            ApplyFrom = from, ApplyUntil = until, SchemeId = c.SchemeId!.Value, Status = RoundStatus.Draft,
            CreatedBy = db.Scope.UserName, CreatedAt = now, UpdatedAt = now,
        };
        db.VentureRounds.Add(round);
        await db.SaveChangesAsync(ct);
        return round;
    }
}
