using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Hubs;

namespace Qingyun.Features.Menu;

/// <summary>What the menu pages and the API read: the public menu of every hub, one item, a person's own orders.</summary>
public static class MenuBoard
{
    public sealed record Row(MenuItem Item, string UnitName, string? CategoryName);

    public sealed record MyOrder(MenuOrder Order, MenuItem Item, string UnitName);

    /// <summary>
    /// Items young people can order now, of every hub: collecting orders, or already running with places left, the
    /// deadline ahead. Public by design, so read past the scope filter with the state restriction written here.
    /// </summary>
    public static async Task<IReadOnlyList<Row>> OpenAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var items = await db.MenuItems.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(m => m.OrderDeadline > now && (m.State == MenuItemState.Open || (m.State == MenuItemState.Running && m.Ordered < m.MaxParticipants)))
            .OrderBy(m => m.OrderDeadline).Take(200).ToListAsync(ct);
        return await RowsAsync(db, items, ct);
    }

    /// <summary>One item as a young person sees it (any state but withdrawn, so an order's item can be looked at afterwards).</summary>
    public static async Task<Row?> PublicAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var item = await db.MenuItems.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .FirstOrDefaultAsync(m => m.Id == id && m.State != MenuItemState.Withdrawn, ct);
        return item is null ? null : (await RowsAsync(db, [item], ct))[0];
    }

    public static async Task<IReadOnlyList<Row>> RowsAsync(AppDbContext db, IReadOnlyList<MenuItem> items, CancellationToken ct)
    {
        var unitIds = items.Select(i => i.UnitId).Distinct().ToList();
        var units = await db.OrgUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var categoryIds = items.Where(i => i.CategoryId != null).Select(i => i.CategoryId!.Value).Distinct().ToList();
        var categories = await db.ActivityCategories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return [.. items.Select(i => new Row(i, units.GetValueOrDefault(i.UnitId, ""),
            i.CategoryId is { } c && categories.TryGetValue(c, out var cat) ? (english && cat.NameEn.Length > 0 ? cat.NameEn : cat.Name) : null))];
    }

    /// <summary>The person's own orders, newest first, read by person (not by scope).</summary>
    public static async Task<IReadOnlyList<MyOrder>> MineAsync(AppDbContext db, Guid personId, CancellationToken ct)
    {
        var rows = await (from o in db.MenuOrders.IgnoreQueryFilters([AppDbContext.ScopeFilter])
                          join m in db.MenuItems.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on o.MenuItemId equals m.Id
                          where o.PersonId == personId
                          orderby o.OrderedAt descending
                          select new { o, m }).AsNoTracking().Take(200).ToListAsync(ct);
        var named = await RowsAsync(db, [.. rows.Select(r => r.m)], ct);
        return [.. rows.Select((r, i) => new MyOrder(r.o, r.m, named[i].UnitName))];
    }

    /// <summary>The person's live order of an item, if any.</summary>
    public static Task<MenuOrder?> OwnOrderAsync(AppDbContext db, Guid personId, Guid itemId, CancellationToken ct) =>
        db.MenuOrders.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(o => o.MenuItemId == itemId && o.PersonId == personId).OrderByDescending(o => o.OrderedAt).FirstOrDefaultAsync(ct);

    /// <summary>Who ordered an item the caller can read: names only, in the order they ordered.</summary>
    public static async Task<IReadOnlyList<(string Name, MenuOrder Order)>> OrdersOfAsync(AppDbContext db, Guid itemId, CancellationToken ct)
    {
        var rows = await (from o in db.MenuOrders
                          join p in db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on o.PersonId equals p.Id
                          where o.MenuItemId == itemId
                          orderby o.OrderedAt
                          select new { p.Name, o }).AsNoTracking().ToListAsync(ct);
        return [.. rows.Select(r => (r.Name, r.o))];
    }
}
