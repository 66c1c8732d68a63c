using Qingyun.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Hubs;

namespace Qingyun.Features.Menu;

/// <summary>
/// Every minute: a menu item whose ordering deadline has passed short of its minimum is released, its orders with
/// it, and everyone who ordered is told. Idempotent across nodes: the guarded UPDATE releases an item once.
/// </summary>
public sealed class MenuDeadlineJob(IServiceScopeFactory scopes, ILogger<MenuDeadlineJob> log, TimeProvider clock) : PeriodicJob(scopes, log, clock)
{
    protected override TimeSpan Every => TimeSpan.FromMinutes(1);

    protected override string Actor => "menu-deadlines";

    protected override Task<int> RunOnceAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct) => ReleaseDueAsync(services, clock, ct);

    public static async Task<int> ReleaseDueAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var items = db.MenuItems.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var due = await items.AsNoTracking().Where(m => m.State == MenuItemState.Open && m.OrderDeadline <= now)
            .OrderBy(m => m.OrderDeadline).Take(200).ToListAsync(ct);
        var released = 0;
        foreach (var item in due)
        {
            var strategy = db.Database.CreateExecutionStrategy();
            released += await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var flipped = await items.Where(m => m.Id == item.Id && m.State == MenuItemState.Open && m.OrderDeadline <= now)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.State, MenuItemState.Released).SetProperty(m => m.DecidedAt, now), ct);
                if (flipped == 0)
                {
                    return 0;
                }
                await MenuOrdering.ReleaseOrdersAsync(db, item, now, ct);
                await tx.CommitAsync(ct);
                return 1;
            });
        }
        return released;
    }
}
