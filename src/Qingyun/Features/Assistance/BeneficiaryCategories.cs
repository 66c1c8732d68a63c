using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Assistance;
using Qingyun.Features.Volunteering;

namespace Qingyun.Features.Assistance;

/// <summary>
/// 帮扶对象类别 beyond seed 000's eight, kept by system administrators. A category is named by a code that
/// never changes (cases store it); archiving takes it off the intake form and keeps it on old cases.
/// </summary>
public sealed class BeneficiaryCategories(AppDbContext db, TimeProvider clock)
{
    private Failure? NotAdmin() => db.Scope.IsSystemAdmin ? null : Failure.Forbidden("Id");

    public Task<List<BeneficiaryCategory>> AllAsync(CancellationToken ct) =>
        db.BeneficiaryCategories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);

    public async Task<Result<BeneficiaryCategory>> AddAsync(string? name, string? nameEn, CancellationToken ct)
    {
        if (NotAdmin() is { } no)
        {
            return no;
        }
        var f = new List<Failure>();
        var zh = ActivityDesk.Text(name, "Name", BeneficiaryCategory.NameMaxLength, true, f);
        var en = ActivityDesk.Text(nameEn, "NameEn", BeneficiaryCategory.NameMaxLength, false, f);
        if (zh is not null && await db.BeneficiaryCategories.AnyAsync(c => c.NameZh == zh, ct))
        {
            f.Add(new Failure("Name", "Duplicate"));
        }
        if (f.Count > 0)
        {
            return Result<BeneficiaryCategory>.Fail(f);
        }
        var order = await db.BeneficiaryCategories.MaxAsync(c => (int?)c.SortOrder, ct) ?? 0;
        var id = Guid.CreateVersion7();
        var c = new BeneficiaryCategory { Id = id, Code = "c-" + id.ToString("N")[^12..], NameZh = zh!, NameEn = en ?? zh!, SortOrder = order + 10 };
        db.BeneficiaryCategories.Add(c);
        await db.SaveChangesAsync(ct);
        return c;
    }

    public async Task<Result<BeneficiaryCategory>> SetArchivedAsync(Guid id, bool archived, CancellationToken ct)
    {
        if (NotAdmin() is { } no)
        {
            return no;
        }
        var c = await db.BeneficiaryCategories.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Failure.NotFound("Id");
        }
        c.ArchivedAt = archived ? clock.GetUtcNow() : null;
        await db.SaveChangesAsync(ct);
        return c;
    }
}
