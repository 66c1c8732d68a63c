using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Hubs;
using Qingyun.Security;

namespace Qingyun.Features.Menu;

/// <summary>
/// Every minute: a menu item whose ordering deadline has passed short of its minimum is released, its orders with
/// it, and everyone who ordered is told. Idempotent across nodes: the guarded UPDATE releases an item once.
/// </summary>
public sealed class MenuDeadlineJob(IServiceScopeFactory scopes, ILogger<MenuDeadlineJob> log, TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("menu-deadlines");
                var released = await ReleaseDueAsync(scope.ServiceProvider, clock, stoppingToken);
                if (released > 0)
                {
                    log.LogInformation("{Count} menu items released at their deadline", released);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Releasing menu items past their deadline failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

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
