using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Assistance;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Assistance;

/// <summary>
/// 帮扶资源 of a case: scholarships and grants (希望之星…) applied for by the case owner, approved or rejected by an
/// administrator holding CasesManage over the case's unit, then delivered with the amount paid and its
/// reference; and resources from partner units (区妇联's sportswear, a training, a service) recorded as
/// delivered. The paired volunteer reads them; only the owner and administrators write.
/// </summary>
public sealed class SupportDesk(AppDbContext db, CaseReader reader, TimeProvider clock, CurrentScope scope)
{
    public sealed record ApplyInput(SupportKind? Kind, string? Name, string? Sponsor, decimal? Amount, DateOnly? AppliedOn);

    public sealed record DecideInput(bool Approve, DateOnly? DecidedOn, string? Note);

    public sealed record DeliverInput(DateOnly? DeliveredOn, decimal? DeliveredAmount, string? PaymentReference);

    public sealed record ResourceInput(SupportKind? Kind, string? Name, string? Sponsor, string? Items, decimal? Value, DateOnly? DeliveredOn);

    public sealed record CaseSupports(CaseReader.CaseView View, IReadOnlyList<CaseSupport> Items, Totals Totals);

    /// <summary>Money applied for, approved (approved or delivered), delivered; and the declared value of goods and services.</summary>
    public sealed record Totals(decimal Applied, decimal Approved, decimal Delivered, decimal ResourceValue, int Count);

    public sealed record Filter(Guid? UnitId, SupportKind? Kind, SupportState? State, int? Year);

    public sealed record Row(CaseSupport Support, string Beneficiary, string UnitName);

    public sealed record Listing(IReadOnlyList<Row> Rows, Totals Totals, bool More);

    public const int ListLimit = 300;

    public static bool IsMoney(SupportKind k) => k is SupportKind.Scholarship or SupportKind.Grant;

    /// <summary>¥1,234.50 — yuan with thousands separators and two decimals, whatever the reader's culture.</summary>
    public static string Money(decimal? amount) => amount is { } a ? "¥" + a.ToString("N2", CultureInfo.InvariantCulture) : "";

    public async Task<Result<CaseSupports>> ListAsync(Guid caseId, CancellationToken ct)
    {
        var v = await reader.OpenAsync(caseId, ct);
        if (!v.Ok)
        {
            return Result<CaseSupports>.Fail(v.Failures);
        }
        var items = await db.CaseSupports.AsNoTracking().Where(s => s.CaseId == caseId).OrderByDescending(s => s.AppliedOn).ThenByDescending(s => s.Id).ToListAsync(ct);
        return new CaseSupports(v.Value!, items, Sum(items));
    }

    public static Totals Sum(IReadOnlyCollection<CaseSupport> items) => new(
        items.Where(s => IsMoney(s.Kind)).Sum(s => s.Amount ?? 0),
        items.Where(s => IsMoney(s.Kind) && s.State is SupportState.Approved or SupportState.Delivered).Sum(s => s.Amount ?? 0),
        items.Where(s => IsMoney(s.Kind) && s.State == SupportState.Delivered).Sum(s => s.DeliveredAmount ?? 0),
        items.Where(s => !IsMoney(s.Kind)).Sum(s => s.Amount ?? 0),
        items.Count);

    /// <summary>申请: a scholarship or grant for the case, by its owner or an administrator.</summary>
    public async Task<Result<CaseSupport>> ApplyAsync(Guid caseId, ApplyInput input, CancellationToken ct)
    {
        var v = await WritableAsync(caseId, ct);
        if (!v.Ok)
        {
            return Result<CaseSupport>.Fail(v.Failures);
        }
        var f = new List<Failure>();
        if (input.Kind is not { } kind)
        {
            f.Add(Failure.Required("SupportKind"));
        }
        else if (!Enum.IsDefined(kind))
        {
            f.Add(new Failure("SupportKind", "InvalidChoice"));
        }
        else if (!IsMoney(kind))
        {
            f.Add(new Failure("SupportKind", "SupportKindNotMoney"));
        }
        var name = Text(input.Name, "SupportName", CaseSupport.NameMaxLength, true, f);
        var sponsor = Text(input.Sponsor, "Sponsor", CaseSupport.NameMaxLength, true, f);
        Amount(input.Amount, "SupportAmount", true, f);
        Past(input.AppliedOn, "AppliedOn", null, f);
        if (f.Count > 0)
        {
            return Result<CaseSupport>.Fail(f);
        }
        var s = new CaseSupport
        {
            CaseId = caseId, UnitId = v.Value!.Case.UnitId, Kind = input.Kind!.Value, Name = name!, Sponsor = sponsor!, Amount = input.Amount,
            State = SupportState.Applied, AppliedOn = input.AppliedOn!.Value, ByUserName = Actor, CreatedAt = clock.GetUtcNow(),
        };
        db.CaseSupports.Add(s);
        await db.SaveChangesAsync(ct);
        return s;
    }

    /// <summary>批准 or 不予批准 (with the reason), by an administrator holding CasesManage over the case's unit.</summary>
    public async Task<Result<CaseSupport>> DecideAsync(Guid caseId, Guid supportId, DecideInput input, CancellationToken ct)
    {
        var v = await reader.OpenAsync(caseId, ct);
        if (!v.Ok)
        {
            return Result<CaseSupport>.Fail(v.Failures);
        }
        if (!v.Value!.CanApprove)
        {
            return new Failure("SupportId", "CaseApproveForbidden", 403);
        }
        var s = await db.CaseSupports.FirstOrDefaultAsync(x => x.Id == supportId && x.CaseId == caseId, ct);
        if (s is null)
        {
            return Failure.NotFound("SupportId");
        }
        if (s.State != SupportState.Applied)
        {
            return new Failure("SupportId", "SupportNotApplied", 409);
        }
        var f = new List<Failure>();
        Past(input.DecidedOn, "DecidedOn", s.AppliedOn, f);
        var note = Text(input.Note, "DecisionNote", CaseSupport.NoteMaxLength, !input.Approve, f);
        if (f.Count > 0)
        {
            return Result<CaseSupport>.Fail(f);
        }
        var to = input.Approve ? SupportState.Approved : SupportState.Rejected;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await MoveAsync(s.Id, SupportState.Applied, to, ct))
        {
            return new Failure("SupportId", "SupportNotApplied", 409);
        }
        s.State = to;
        s.DecidedOn = input.DecidedOn;
        s.DecidedBy = Actor;
        s.DecisionNote = note;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return s;
    }

    /// <summary>发放: the amount paid (at most the amount approved) and the payment's reference, by the owner or an administrator.</summary>
    public async Task<Result<CaseSupport>> DeliverAsync(Guid caseId, Guid supportId, DeliverInput input, CancellationToken ct)
    {
        var v = await WritableAsync(caseId, ct);
        if (!v.Ok)
        {
            return Result<CaseSupport>.Fail(v.Failures);
        }
        var s = await db.CaseSupports.FirstOrDefaultAsync(x => x.Id == supportId && x.CaseId == caseId, ct);
        if (s is null)
        {
            return Failure.NotFound("SupportId");
        }
        if (s.State != SupportState.Approved)
        {
            return new Failure("SupportId", "SupportNotApproved", 409);
        }
        var f = new List<Failure>();
        Past(input.DeliveredOn, "DeliveredOn", s.DecidedOn ?? s.AppliedOn, f);
        if (Amount(input.DeliveredAmount, "DeliveredAmount", true, f) && input.DeliveredAmount > s.Amount)
        {
            f.Add(new Failure("DeliveredAmount", "OverApproved", 400, Money(s.Amount)));
        }
        var reference = Text(input.PaymentReference, "PaymentReference", CaseSupport.NameMaxLength, false, f);
        if (f.Count > 0)
        {
            return Result<CaseSupport>.Fail(f);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await MoveAsync(s.Id, SupportState.Approved, SupportState.Delivered, ct))
        {
            return new Failure("SupportId", "SupportNotApproved", 409);
        }
        s.State = SupportState.Delivered;
        s.DeliveredOn = input.DeliveredOn;
        s.DeliveredAmount = input.DeliveredAmount;
        s.PaymentReference = reference;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return s;
    }

    /// <summary>Resources from a partner unit (goods, a training, a service), recorded as delivered on the day given.</summary>
    public async Task<Result<CaseSupport>> RecordResourceAsync(Guid caseId, ResourceInput input, CancellationToken ct)
    {
        var v = await WritableAsync(caseId, ct);
        if (!v.Ok)
        {
            return Result<CaseSupport>.Fail(v.Failures);
        }
        var f = new List<Failure>();
        if (input.Kind is not { } kind)
        {
            f.Add(Failure.Required("SupportKind"));
        }
        else if (!Enum.IsDefined(kind))
        {
            f.Add(new Failure("SupportKind", "InvalidChoice"));
        }
        else if (IsMoney(kind))
        {
            f.Add(new Failure("SupportKind", "SupportKindNotResource"));
        }
        var sponsor = Text(input.Sponsor, "Sponsor", CaseSupport.NameMaxLength, true, f);
        var items = Text(input.Items, "SupportItems", CaseSupport.NoteMaxLength, true, f);
        var name = Text(input.Name, "SupportName", CaseSupport.NameMaxLength, false, f);
        Amount(input.Value, "SupportValue", false, f);
        Past(input.DeliveredOn, "DeliveredOn", null, f);
        if (f.Count > 0)
        {
            return Result<CaseSupport>.Fail(f);
        }
        var s = new CaseSupport
        {
            CaseId = caseId, UnitId = v.Value!.Case.UnitId, Kind = input.Kind!.Value, Name = name ?? (items!.Length > CaseSupport.NameMaxLength ? items[..CaseSupport.NameMaxLength] : items!),
            Sponsor = sponsor!, Items = items, Amount = input.Value, State = SupportState.Delivered, AppliedOn = input.DeliveredOn!.Value,
            DeliveredOn = input.DeliveredOn, ByUserName = Actor, CreatedAt = clock.GetUtcNow(),
        };
        db.CaseSupports.Add(s);
        await db.SaveChangesAsync(ct);
        return s;
    }

    /// <summary>
    /// Support items of every case the viewer may open (the cases' filter decides), narrowed by unit subtree, kind,
    /// state and year applied; newest first, at most <see cref="ListLimit"/> rows, the totals over all that match.
    /// </summary>
    public async Task<Result<Listing>> BrowseAsync(Filter filter, CancellationToken ct)
    {
        var q = db.CaseSupports.AsNoTracking();
        if (filter.UnitId is { } unitId)
        {
            var path = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null)
            {
                return Failure.NotFound("UnitId");
            }
            var hi = ScopeRanges.UpperBound(path);
            q = q.Where(s => db.OrgUnits.Any(u => u.Id == s.UnitId && string.Compare(u.Path, path) >= 0 && string.Compare(u.Path, hi) < 0));
        }
        if (filter.Kind is { } kind)
        {
            q = q.Where(s => s.Kind == kind);
        }
        if (filter.State is { } state)
        {
            q = q.Where(s => s.State == state);
        }
        if (filter.Year is { } year and > 0 and < 10000)
        {
            var from = new DateOnly(year, 1, 1);
            var to = from.AddYears(1);
            q = q.Where(s => s.AppliedOn >= from && s.AppliedOn < to);
        }
        // Totals in the database (the decimal sums stay exact on both providers' decimal columns) would need one
        // query per figure; the matching set is a unit's support items, small enough to add up here.
        var all = await q.Select(s => new CaseSupport { Kind = s.Kind, State = s.State, Amount = s.Amount, DeliveredAmount = s.DeliveredAmount }).ToListAsync(ct);
        var items = await q.OrderByDescending(s => s.AppliedOn).ThenByDescending(s => s.Id).Take(ListLimit).ToListAsync(ct);
        var caseIds = items.Select(s => s.CaseId).Distinct().ToList();
        // The cases are visible (their items are); their beneficiaries and units are read through them.
        var names = await (from c in db.AssistanceCases.AsNoTracking()
                           where caseIds.Contains(c.Id)
                           select new { c.Id, c.PersonId, c.UnitId }).ToListAsync(ct);
        var personIds = names.Select(n => n.PersonId).Distinct().ToList();
        var unitIds = names.Select(n => n.UnitId).Distinct().ToList();
        var people = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var units = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var byCase = names.ToDictionary(n => n.Id);
        var rows = items.Select(s => new Row(s, people.GetValueOrDefault(byCase[s.CaseId].PersonId, ""), units.GetValueOrDefault(byCase[s.CaseId].UnitId, ""))).ToList();
        await reader.AuditListAsync("Support", caseIds.Count, filter.UnitId, ct);
        return new Listing(rows, Sum(all), all.Count > ListLimit);
    }

    private string? Actor => scope.DisplayName ?? scope.UserName;

    /// <summary>
    /// Moves an item from one state to the next by a guarded UPDATE, so of two requests deciding or paying the same
    /// item at once exactly one goes through (the row was already read through the case's filter). The caller then
    /// saves the details in the same transaction, which writes the audit line.
    /// </summary>
    private async Task<bool> MoveAsync(Guid id, SupportState from, SupportState to, CancellationToken ct) =>
        await db.CaseSupports.IgnoreQueryFilters().Where(x => x.Id == id && x.State == from)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.State, to), ct) == 1;

    private async Task<Result<CaseReader.CaseView>> WritableAsync(Guid caseId, CancellationToken ct)
    {
        var v = await reader.OpenAsync(caseId, ct);
        return !v.Ok || v.Value!.CanEdit ? v : new Failure("SupportId", "CaseEditForbidden", 403);
    }

    private static string? Text(string? value, string field, int max, bool required, List<Failure> f)
    {
        var s = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (s is null && required)
        {
            f.Add(Failure.Required(field));
        }
        else if (s?.Length > max)
        {
            f.Add(Failure.TooLong(field, max));
        }
        return s;
    }

    /// <summary>Yuan: more than 0, at most <see cref="CaseSupport.MaxAmount"/>, two decimals at most. True when present and valid.</summary>
    private static bool Amount(decimal? amount, string field, bool required, List<Failure> f)
    {
        if (amount is not { } a)
        {
            if (required)
            {
                f.Add(Failure.Required(field));
            }
            return false;
        }
        if (a <= 0 || a > CaseSupport.MaxAmount || decimal.Round(a, 2) != a)
        {
            f.Add(new Failure(field, "AmountRule", 400, Money(CaseSupport.MaxAmount)));
            return false;
        }
        return true;
    }

    private void Past(DateOnly? day, string field, DateOnly? notBefore, List<Failure> f)
    {
        if (day is not { } d)
        {
            f.Add(Failure.Required(field));
        }
        else if (d > clock.ChinaToday())
        {
            f.Add(new Failure(field, "DateInFuture"));
        }
        else if (notBefore is { } nb && d < nb)
        {
            f.Add(new Failure(field, "NotBeforeDay", 400, ChinesePdf.Date(nb)));
        }
    }
}
