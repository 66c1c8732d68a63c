using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Direct;
using Qingyun.Domain.People;
using Qingyun.Features.People;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Direct;

/// <summary>A young person found by name for binding: masked numbers and age tell namesakes apart.</summary>
public sealed record YouthCandidate(Guid Id, string Name, string? IdNumberMasked, string? PhoneMasked, int Age, string UnitName, string? BoundTo);

/// <summary>
/// 1+100 bindings (联系青年): a post binds young people by real name, up to its quota; one live binding per
/// young person and level; ending a binding keeps it as history.
/// </summary>
public sealed class Bindings(AppDbContext db, DirectPosts posts, SavePerson.Handler savePerson, TimeProvider clock, IStringLocalizer<SharedResource> t)
{
    public const int NoteMaxLength = 200;
    public const int MaxQuota = 1000;

    /// <summary>People of the post's unit subtree whose name contains <paramref name="name"/> (the person scope applies).</summary>
    public async Task<Result<IReadOnlyList<YouthCandidate>>> SearchAsync(Guid termId, string? name, CancellationToken ct)
    {
        var open = await posts.OpenAsync(termId, act: false, ct);
        if (!open.Ok)
        {
            return Result<IReadOnlyList<YouthCandidate>>.Fail(open.Failures);
        }
        var text = name?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Result<IReadOnlyList<YouthCandidate>>.Success([]);
        }
        var post = open.Value!;
        var lo = post.Unit.Path;
        var hi = ScopeRanges.UpperBound(lo);
        var rows = await (from p in db.People.AsNoTracking()
                          join u in db.OrgUnits on p.UnitId equals u.Id
                          where string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0 && p.Name.Contains(text)
                          orderby p.Name, p.Id
                          select new { p.Id, p.Name, p.IdNumberMasked, p.PhoneMasked, p.BirthDate, UnitName = u.Name }).Take(20).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var level = post.Level;
        var bound = await (from b in db.DirectBindings.IgnoreQueryFilters([AppDbContext.ScopeFilter])
                           join c in db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on b.CadrePersonId equals c.Id
                           where ids.Contains(b.YouthPersonId) && b.Level == level && b.EndedOn == null
                           select new { b.YouthPersonId, c.Name }).ToListAsync(ct);
        var today = clock.ChinaToday();
        return Result<IReadOnlyList<YouthCandidate>>.Success([.. rows.Select(r => new YouthCandidate(r.Id, r.Name, r.IdNumberMasked, r.PhoneMasked, AgeOn(r.BirthDate, today),
            r.UnitName, bound.FirstOrDefault(b => b.YouthPersonId == r.Id)?.Name))]);
    }

    private static int AgeOn(DateOnly birth, DateOnly day) => day.Year - birth.Year - (day < birth.AddYears(day.Year - birth.Year) ? 1 : 0);

    /// <summary>Binds a young person already on file (readable by the caller, in the post's unit subtree).</summary>
    public async Task<Result<DirectBinding>> BindYouthAsync(Guid termId, Guid? youthPersonId, CancellationToken ct)
    {
        var open = await posts.OpenAsync(termId, act: true, ct);
        if (!open.Ok)
        {
            return Result<DirectBinding>.Fail(open.Failures);
        }
        if (youthPersonId is not { } youthId || youthId == Guid.Empty)
        {
            return Failure.Required("YouthPersonId");
        }
        var post = open.Value!;
        var youth = await YouthInSubtreeAsync(post, youthId, ct);
        if (youth is null)
        {
            return Failure.NotFound("YouthPersonId");
        }
        return await BindCoreAsync(post, youthId, ct);
    }

    /// <summary>
    /// Registers a young person not yet on file (name, ID number, phone) in the post's unit through the people
    /// feature's own save (global de-duplication by ID number) and binds them, all or nothing.
    /// </summary>
    public async Task<Result<DirectBinding>> RegisterAndBindAsync(Guid termId, string? name, string? idNumber, string? phone, CancellationToken ct)
    {
        var open = await posts.OpenAsync(termId, act: true, ct);
        if (!open.Ok)
        {
            return Result<DirectBinding>.Fail(open.Failures);
        }
        var post = open.Value!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var saved = await savePerson.Handle(null, new PersonInput(post.Unit.Id, name, idNumber, string.IsNullOrWhiteSpace(phone) ? null : phone,
            null, PoliticalStatus.Masses, null, null, null), ct);
        if (!saved.Ok)
        {
            return Result<DirectBinding>.Fail(saved.Failures);
        }
        var bound = await BindCoreAsync(post, saved.Value!.Id, ct);
        if (bound.Ok)
        {
            await tx.CommitAsync(ct);
        }
        else if (db.Database.CurrentTransaction is not null)
        {
            await tx.RollbackAsync(ct);
        }
        return bound;
    }

    private Task<Person?> YouthInSubtreeAsync(DirectPost post, Guid youthId, CancellationToken ct)
    {
        var lo = post.Unit.Path;
        var hi = ScopeRanges.UpperBound(lo);
        return (from p in db.People
                join u in db.OrgUnits on p.UnitId equals u.Id
                where p.Id == youthId && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0
                select p).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The quota and the one-per-level rule, exact under concurrency: the post's row is locked by a no-op guarded
    /// UPDATE so bindings of one post are counted one after another, and the unique partial index
    /// IX_DirectBindings_OnePerLevel refuses a second live binding of a level whatever the race.
    /// </summary>
    private async Task<Result<DirectBinding>> BindCoreAsync(DirectPost post, Guid youthId, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var term = post.Term;
            await db.CadreTerms.IgnoreQueryFilters().Where(t => t.Id == term.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.ContactQuota, t => t.ContactQuota), ct);
            var today = clock.ChinaToday();
            var level = post.Level;
            var existing = await db.DirectBindings.IgnoreQueryFilters()
                .FirstOrDefaultAsync(b => b.YouthPersonId == youthId && b.Level == level && b.EndedOn == null, ct);
            if (existing is not null)
            {
                // A binding left behind by a post that has ended frees its level; a live post keeps it.
                var holder = await db.CadreTerms.IgnoreQueryFilters().Where(t => t.Id == existing.CadreTermId).Select(t => new { t.EndedOn }).FirstAsync(ct);
                if (holder.EndedOn is { } ended)
                {
                    existing.EndedOn = ended < existing.BoundOn ? existing.BoundOn : ended;
                    existing.EndNote = t.WithCulture(Localization.Chinese, "Direct.EndedWithTerm");
                    await db.SaveChangesAsync(ct);
                }
                else
                {
                    return await AlreadyBoundAsync(existing.CadrePersonId, ct);
                }
            }
            var quota = DirectPost.QuotaOf(await db.CadreTerms.IgnoreQueryFilters().AsNoTracking().FirstAsync(t => t.Id == term.Id, ct), post.Unit);
            var count = await db.DirectBindings.IgnoreQueryFilters().CountAsync(b => b.CadreTermId == term.Id && b.EndedOn == null, ct);
            if (count >= quota)
            {
                return new Failure("YouthPersonId", "QuotaReached", 409, quota);
            }
            var binding = new DirectBinding
            {
                UnitId = term.UnitId, CadreTermId = term.Id, CadrePersonId = term.PersonId, YouthPersonId = youthId, Level = level,
                BoundOn = today, ByUserName = db.Scope.UserName, CreatedAt = clock.GetUtcNow(),
            };
            db.DirectBindings.Add(binding);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another request bound the young person at this level a moment ago: the same refusal.
                db.Entry(binding).State = EntityState.Detached;
                if (db.Database.CurrentTransaction is not null)
                {
                    await db.Database.RollbackTransactionAsync(ct);
                }
                var winner = await db.DirectBindings.IgnoreQueryFilters().AsNoTracking()
                    .Where(b => b.YouthPersonId == youthId && b.Level == level && b.EndedOn == null).Select(b => (Guid?)b.CadrePersonId).FirstOrDefaultAsync(ct);
                if (winner is null)
                {
                    throw;
                }
                return await AlreadyBoundAsync(winner.Value, ct);
            }
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
            return binding;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private async Task<Result<DirectBinding>> AlreadyBoundAsync(Guid cadrePersonId, CancellationToken ct)
    {
        var name = await db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(p => p.Id == cadrePersonId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        return new Failure("YouthPersonId", "AlreadyBoundAtLevel", 409, name);
    }

    /// <summary>Ends a live binding today with a note; the binding stays as history.</summary>
    public async Task<Result<DirectBinding>> EndAsync(Guid bindingId, string? note, CancellationToken ct)
    {
        var binding = await db.DirectBindings.IgnoreQueryFilters().FirstOrDefaultAsync(b => b.Id == bindingId, ct);
        if (binding is null)
        {
            return Failure.NotFound("Id");
        }
        var open = await posts.OpenAsync(binding.CadreTermId, act: false, ct);
        if (!open.Ok)
        {
            return Result<DirectBinding>.Fail(open.Failures);
        }
        if (!open.Value!.CanAct)
        {
            return Failure.Forbidden("Id");
        }
        if (binding.EndedOn is not null)
        {
            return new Failure("Id", "BindingEnded", 409);
        }
        var text = note?.Trim();
        if (text?.Length > NoteMaxLength)
        {
            return Failure.TooLong("BindingEndNote", NoteMaxLength);
        }
        var today = clock.ChinaToday();
        binding.EndedOn = today < binding.BoundOn ? binding.BoundOn : today;
        binding.EndNote = string.IsNullOrEmpty(text) ? null : text;
        await db.SaveChangesAsync(ct);
        return binding;
    }

    /// <summary>Sets a post's quota (1–1000), or back to the default of its kind with null. People managers only.</summary>
    public async Task<Result<DirectPost>> SetQuotaAsync(Guid termId, int? quota, CancellationToken ct)
    {
        var open = await posts.OpenAsync(termId, act: false, ct);
        if (!open.Ok)
        {
            return open;
        }
        if (!open.Value!.CanManage)
        {
            return Failure.Forbidden("Id");
        }
        if (quota is < 1 or > MaxQuota)
        {
            return new Failure("ContactQuota", "Range", 400, 1, MaxQuota);
        }
        var term = await db.CadreTerms.FirstAsync(t => t.Id == termId, ct);
        term.ContactQuota = quota;
        term.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return await posts.OpenAsync(termId, act: false, ct);
    }
}
