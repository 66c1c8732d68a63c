using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Activities;
using Qingyun.Security;

namespace Qingyun.Features.Menu;

/// <summary>
/// The organizer's side of 点学: put an item on the menu, withdraw it. The rules of the activity it may become are
/// checked here, through <see cref="YouthActivityDraft"/>, so the item that reaches its minimum always makes a valid activity.
/// </summary>
public sealed class MenuDesk(AppDbContext db, TimeProvider clock)
{
    public const int MaxParticipantsLimit = 1000;

    public sealed record MenuCommand(
        Guid? UnitId, string? Title, string? Description, Guid? CategoryId, Guid? TopicId, Guid? TeacherId,
        int? MinParticipants, int? MaxParticipants, PriceBand PriceBand, decimal? Price,
        DateTimeOffset? OrderDeadline, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Place);

    /// <summary>The activity an item becomes: its own fields, the capacity its maximum.</summary>
    public static YouthActivityDraft DraftOf(MenuItem m) => new(
        m.Title, m.Place, m.StartsAt, m.EndsAt, m.CategoryId, m.Description, m.MaxParticipants,
        PriceBand: m.PriceBand, Price: m.Price, TeacherId: m.TeacherId, TopicId: m.TopicId);

    public async Task<Result<MenuItem>> CreateAsync(MenuCommand c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.ServiceManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<MenuItem>.Fail(unit.Failures);
        }
        var now = clock.GetUtcNow();
        var draft = new YouthActivityDraft(c.Title, c.Place, c.StartsAt, c.EndsAt, c.CategoryId, c.Description, c.MaxParticipants,
            PriceBand: c.PriceBand, Price: c.Price, TeacherId: c.TeacherId, TopicId: c.TopicId);
        // The capacity is the maximum: its rule is said below, in the menu's own words.
        var f = draft.Check(now).Where(x => x.Field != "Capacity").ToList();
        if (c.MinParticipants is not { } min)
        {
            f.Add(Failure.Required("MinParticipants"));
        }
        else if (min < 1 || min > MaxParticipantsLimit)
        {
            f.Add(new Failure("MinParticipants", "Range", 400, 1, MaxParticipantsLimit));
        }
        if (c.MaxParticipants is not { } max)
        {
            f.Add(Failure.Required("MaxParticipants"));
        }
        else if (max < 1 || max > MaxParticipantsLimit)
        {
            f.Add(new Failure("MaxParticipants", "Range", 400, 1, MaxParticipantsLimit));
        }
        else if (c.MinParticipants is { } lo && lo >= 1 && max < lo)
        {
            f.Add(new Failure("MaxParticipants", "MaxBelowMin"));
        }
        if (c.OrderDeadline is not { } deadline)
        {
            f.Add(Failure.Required("OrderDeadline"));
        }
        else if (deadline <= now)
        {
            f.Add(new Failure("OrderDeadline", "MustBeFuture"));
        }
        else if (c.StartsAt is { } starts && starts <= deadline)
        {
            f.Add(new Failure("StartsAt", "StartsBeforeDeadline"));
        }
        if (c.CategoryId is null)
        {
            f.Add(Failure.Required("CategoryId"));
        }
        else if (!await db.ActivityCategories.AnyAsync(x => x.Id == c.CategoryId && x.ArchivedAt == null, ct))
        {
            f.Add(new Failure("CategoryId", "InvalidChoice"));
        }
        // The pool of the unit or of a unit above it (hubs draw on their committee's pool).
        var onPath = BrowseUnitsPath(unit.Value!.Path);
        if (c.TeacherId is { } teacherId
            && !await db.Teachers.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(x => x.Id == teacherId && x.ArchivedAt == null && onPath.Contains(x.UnitId), ct))
        {
            f.Add(new Failure("TeacherId", "InvalidChoice"));
        }
        if (c.TopicId is { } topicId
            && !await db.Topics.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(x => x.Id == topicId && x.ArchivedAt == null && onPath.Contains(x.UnitId), ct))
        {
            f.Add(new Failure("TopicId", "InvalidChoice"));
        }
        if (f.Count > 0)
        {
            return Result<MenuItem>.Fail(f);
        }
        var a = draft.ToActivity(unit.Value.Id, now, null);
        var item = new MenuItem
        {
            UnitId = unit.Value.Id, Title = a.Title, Description = a.Description, CategoryId = c.CategoryId, TopicId = c.TopicId, TeacherId = c.TeacherId,
            MinParticipants = c.MinParticipants!.Value, MaxParticipants = c.MaxParticipants!.Value, PriceBand = a.PriceBand, Price = a.Price,
            OrderDeadline = c.OrderDeadline!.Value.ToUniversalTime(), StartsAt = a.StartsAt, EndsAt = a.EndsAt, Place = a.Place,
            State = MenuItemState.Open, CreatedAt = now, CreatedBy = db.Scope.UserName,
        };
        db.MenuItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }

    private static List<Guid> BrowseUnitsPath(string path) => [.. Organization.BrowseUnits.IdsOnPath(path)];

    /// <summary>Takes an open item off the menu: every live order is released and its person told.</summary>
    public async Task<Result<MenuItem>> WithdrawAsync(Guid id, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.MenuItems, m => m.Id == id, Permission.ServiceManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var item = found.Value!;
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var flipped = await db.MenuItems.IgnoreQueryFilters().Where(m => m.Id == id && m.State == MenuItemState.Open)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.State, MenuItemState.Withdrawn).SetProperty(m => m.DecidedAt, now), ct);
            if (flipped == 0)
            {
                return Result<MenuItem>.Fail(new Failure("Id", "MenuItemNotOpen", 409));
            }
            await MenuOrdering.ReleaseOrdersAsync(db, item, now, ct);
            await tx.CommitAsync(ct);
            await db.Entry(item).ReloadAsync(ct);
            return Result<MenuItem>.Success(item);
        });
    }
}
