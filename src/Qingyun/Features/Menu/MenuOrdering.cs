using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.Notices;
using Qingyun.Features.Notices;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Menu;

/// <summary>
/// A young person orders (点单) or cancels. Counts move only by guarded UPDATEs inside a transaction: the
/// UPDATE that takes a place succeeds only while a place is left, and the UPDATE that flips the item to Running
/// succeeds once, so exactly one request turns the item into its activity however many race.
/// </summary>
public sealed class MenuOrdering(AppDbContext db, TimeProvider clock, ILogger<MenuOrdering> log)
{
    private IQueryable<MenuItem> Items => db.MenuItems.IgnoreQueryFilters([AppDbContext.ScopeFilter]);

    private IQueryable<MenuOrder> Orders => db.MenuOrders.IgnoreQueryFilters([AppDbContext.ScopeFilter]);

    public async Task<Result<MenuOrder>> OrderAsync(Guid itemId, CancellationToken ct)
    {
        if (await db.OwnPersonIdAsync(ct) is not { } personId)
        {
            return new Failure("Account", "NoPersonOnAccount", 403);
        }
        var item = await Items.AsNoTracking().FirstOrDefaultAsync(m => m.Id == itemId, ct);
        if (item is null || item.State == MenuItemState.Withdrawn)
        {
            return Failure.NotFound("Id");
        }
        var now = clock.GetUtcNow();
        if (item.State == MenuItemState.Released || item.OrderDeadline <= now)
        {
            return new Failure("Id", "OrderingClosed", 409);
        }
        if (await Orders.AnyAsync(o => o.MenuItemId == itemId && o.PersonId == personId && o.State == MenuOrderState.Active, ct))
        {
            return new Failure("Id", "AlreadyOrdered", 409);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var order = new MenuOrder { MenuItemId = itemId, PersonId = personId, UnitId = item.UnitId, OrderedAt = now };
            var took = await Items.Where(m => m.Id == itemId && m.State == MenuItemState.Open && m.OrderDeadline > now && m.Ordered < m.MaxParticipants)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Ordered, m => m.Ordered + 1), ct);
            if (took == 1)
            {
                db.MenuOrders.Add(order);
                if (!await SaveAsync(tx, ct))
                {
                    return Result<MenuOrder>.Fail(new Failure("Id", "AlreadyOrdered", 409));
                }
                var reached = await Items.Where(m => m.Id == itemId && m.State == MenuItemState.Open && m.Ordered >= m.MinParticipants)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.State, MenuItemState.Running).SetProperty(m => m.DecidedAt, now), ct);
                if (reached == 1)
                {
                    await RunAsync(itemId, now, ct);
                }
                await tx.CommitAsync(ct);
                return Result<MenuOrder>.Success(order);
            }

            // No place as an open item: it may have just become its activity, which takes people up to the maximum.
            var current = await Items.AsNoTracking().FirstAsync(m => m.Id == itemId, ct);
            if (current is { State: MenuItemState.Running, ActivityId: { } activityId } && current.OrderDeadline > now)
            {
                var place = await Items.Where(m => m.Id == itemId && m.State == MenuItemState.Running && m.Ordered < m.MaxParticipants)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.Ordered, m => m.Ordered + 1), ct);
                var seat = place == 0 ? 0 : await db.Activities.IgnoreQueryFilters([AppDbContext.ScopeFilter])
                    .Where(a => a.Id == activityId && a.State == ActivityState.Published && (a.Capacity == null || a.Registered < a.Capacity))
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.Registered, a => a.Registered + 1), ct);
                if (seat == 1)
                {
                    db.MenuOrders.Add(order);
                    db.Registrations.Add(new Registration { ActivityId = activityId, PersonId = personId, UnitId = current.UnitId, RegisteredAt = now });
                    db.TellPerson(personId, current.UnitId, NoticeKind.MenuItemRunning, Link(itemId), now, current.Title, current.StartsAt.ShowTime(), current.Place);
                    if (!await SaveAsync(tx, ct))
                    {
                        return Result<MenuOrder>.Fail(new Failure("Id", "AlreadyOrdered", 409));
                    }
                    await tx.CommitAsync(ct);
                    return Result<MenuOrder>.Success(order);
                }
            }
            await tx.RollbackAsync(ct);
            var open = current.State is MenuItemState.Open or MenuItemState.Running && current.OrderDeadline > now;
            return Result<MenuOrder>.Fail(open ? new Failure("Id", "MenuItemFull", 409) : new Failure("Id", "OrderingClosed", 409));
        });
    }

    /// <summary>Withdraws one's own order while the item is still collecting orders (not once it runs).</summary>
    public async Task<Result<MenuOrder>> CancelAsync(Guid itemId, CancellationToken ct)
    {
        if (await db.OwnPersonIdAsync(ct) is not { } personId)
        {
            return new Failure("Account", "NoPersonOnAccount", 403);
        }
        var order = await Orders.AsNoTracking().FirstOrDefaultAsync(o => o.MenuItemId == itemId && o.PersonId == personId && o.State == MenuOrderState.Active, ct);
        if (order is null)
        {
            return Failure.NotFound("Id");
        }
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var freed = await Items.Where(m => m.Id == itemId && m.State == MenuItemState.Open && m.OrderDeadline > now && m.Ordered > 0)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Ordered, m => m.Ordered - 1), ct);
            var ended = freed == 0 ? 0 : await Orders.Where(o => o.Id == order.Id && o.State == MenuOrderState.Active)
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.State, MenuOrderState.Cancelled).SetProperty(o => o.EndedAt, now), ct);
            if (ended == 0)
            {
                await tx.RollbackAsync(ct);
                return Result<MenuOrder>.Fail(new Failure("Id", "OrderNotCancellable", 409));
            }
            await tx.CommitAsync(ct);
            order.State = MenuOrderState.Cancelled;
            order.EndedAt = now;
            return Result<MenuOrder>.Success(order);
        });
    }

    /// <summary>The item has just flipped to Running (this request did it): its activity, a registration per order, the notices.</summary>
    private async Task RunAsync(Guid itemId, DateTimeOffset now, CancellationToken ct)
    {
        var item = await Items.FirstAsync(m => m.Id == itemId, ct);
        var draft = MenuDesk.DraftOf(item);
        // Checked when the item was put on the menu; the start lies after the deadline, which lies ahead.
        foreach (var f in draft.Check(now))
        {
            log.LogWarning("Menu item {Item} becomes an activity despite {Field}: {Rule}", itemId, f.Field, f.MessageKey);
        }
        var activity = draft.ToActivity(item.UnitId, now, db.Scope.UserName);
        activity.State = ActivityState.Published;
        activity.PublishedAt = now;
        activity.MenuItemId = item.Id;
        var people = await Orders.Where(o => o.MenuItemId == itemId && o.State == MenuOrderState.Active).OrderBy(o => o.OrderedAt).Select(o => o.PersonId).ToListAsync(ct);
        activity.Registered = people.Count;
        db.Activities.Add(activity);
        item.ActivityId = activity.Id;
        var when = item.StartsAt.ShowTime();
        foreach (var p in people)
        {
            db.Registrations.Add(new Registration { ActivityId = activity.Id, PersonId = p, UnitId = item.UnitId, RegisteredAt = now });
            db.TellPerson(p, item.UnitId, NoticeKind.MenuItemRunning, Link(itemId), now, item.Title, when, item.Place);
        }
        db.Tell(item.UnitId, NoticeKind.MenuItemReached, $"/hubs/menu/{itemId}", now, item.Title, people.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
    }

    private async Task<bool> SaveAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique index refused a second live order (or registration) by the same person.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public static string Link(Guid itemId) => $"/youth/menu/{itemId}";

    /// <summary>Releases every live order of an item that will not run (withdrawn or short at the deadline) and tells each person.</summary>
    public static async Task ReleaseOrdersAsync(AppDbContext db, MenuItem item, DateTimeOffset now, CancellationToken ct)
    {
        var orders = db.MenuOrders.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(o => o.MenuItemId == item.Id && o.State == MenuOrderState.Active);
        var people = await orders.Select(o => o.PersonId).ToListAsync(ct);
        await orders.ExecuteUpdateAsync(u => u.SetProperty(o => o.State, MenuOrderState.Released).SetProperty(o => o.EndedAt, now), ct);
        var ordered = await db.MenuItems.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(m => m.Id == item.Id).Select(m => m.Ordered).FirstAsync(ct);
        var at = (now < item.OrderDeadline ? now : item.OrderDeadline).ShowTime();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var p in people)
        {
            db.TellPerson(p, item.UnitId, NoticeKind.MenuItemReleased, Link(item.Id), now, item.Title, at, ordered.ToString(inv), item.MinParticipants.ToString(inv));
        }
        await db.SaveChangesAsync(ct);
    }
}
