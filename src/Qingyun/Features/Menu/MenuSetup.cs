using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Feedback;
using Qingyun.Infrastructure;
using static Qingyun.Infrastructure.Problems;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Menu;

/// <summary>Menu services (点学) and activity feedback: services, the deadline job and the API.</summary>
public static class MenuSetup
{
    public sealed record MenuItemBody(
        Guid? UnitId, string? Title, string? Description, Guid? CategoryId, Guid? TopicId, Guid? TeacherId,
        int? MinParticipants, int? MaxParticipants, PriceBand? PriceBand, decimal? Price,
        DateTimeOffset? OrderDeadline, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Place)
    {
        public MenuDesk.MenuCommand ToCommand() => new(UnitId, Title, Description, CategoryId, TopicId, TeacherId, MinParticipants, MaxParticipants,
            PriceBand ?? Domain.Activities.PriceBand.Free, Price, OrderDeadline, StartsAt, EndsAt, Place);
    }

    public sealed record FeedbackBody(int? Rating, string? Comment);

    public static IServiceCollection AddMenu(this IServiceCollection services)
    {
        services.AddScoped<MenuDesk>();
        services.AddScoped<MenuOrdering>();
        services.AddScoped<FeedbackDesk>();
        services.AddHostedService<MenuDeadlineJob>();
        return services;
    }

    public static object ItemView(MenuItem m, string? unitName = null) => new
    {
        m.Id, m.UnitId, unitName, m.Title, m.Description, m.CategoryId, m.TopicId, m.TeacherId, m.MinParticipants, m.MaxParticipants, m.Ordered,
        m.PriceBand, m.Price, m.OrderDeadline, m.StartsAt, m.EndsAt, m.Place, m.State, m.ActivityId, m.CreatedAt, m.DecidedAt,
    };

    private static object OrderView(MenuOrder o) => new { o.Id, o.MenuItemId, o.State, o.OrderedAt, o.EndedAt };

    public static WebApplication MapMenuApi(this WebApplication app)
    {
        var menu = app.MapGroup("/api/v1/menu-items").WithTags("Menu services");
        menu.MapGet("/", async (bool? mine, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            if (mine == true)
            {
                var rows = await db.MenuItems.AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(500).ToListAsync(ct);
                var named = await MenuBoard.RowsAsync(db, rows, ct);
                return Results.Ok(new { items = named.Select(r => ItemView(r.Item, r.UnitName)) });
            }
            var open = await MenuBoard.OpenAsync(db, clock.GetUtcNow(), ct);
            return Results.Ok(new { items = open.Select(r => ItemView(r.Item, r.UnitName)) });
        }).RequireAuthorization().WithName("ListMenuItems")
          .WithSummary("The menu (点学菜单) young people can order from now, of every hub; with `mine=true`, every item of the units in the caller's scope (organizers), whatever its state.");

        menu.MapGet("/{id:guid}", async (Guid id, AppDbContext db, CancellationToken ct) =>
        {
            var m = await db.MenuItems.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (m is not null)
            {
                var orders = await MenuBoard.OrdersOfAsync(db, id, ct);
                return Results.Ok(new { item = ItemView(m), orders = orders.Select(o => new { o.Name, o.Order.State, o.Order.OrderedAt }) });
            }
            var row = await MenuBoard.PublicAsync(db, id, ct);
            if (row is null || await db.OwnPersonIdAsync(ct) is null)
            {
                return Results.NotFound();
            }
            return Results.Ok(new { item = ItemView(row.Item, row.UnitName) });
        }).RequireAuthorization().WithName("GetMenuItem")
          .WithSummary("One menu item. Its organizers (in scope) also get who ordered it, names only; a young person gets the item alone.");

        menu.MapPost("/", async (MenuItemBody b, MenuDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.CreateAsync(b.ToCommand(), ct);
            return r.Ok ? Results.Created($"/api/v1/menu-items/{r.Value!.Id}", ItemView(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("CreateMenuItem")
          .WithSummary("Puts an item on a unit's menu: 1 ≤ minimum ≤ maximum ≤ 1000 participants, price band, a future ordering deadline, the time and place it runs (after the deadline).");

        menu.MapPost("/{id:guid}/withdraw", async (Guid id, MenuDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.WithdrawAsync(id, ct), t, m => ItemView(m)))
          .RequirePermission(Permission.ServiceManage).WithName("WithdrawMenuItem")
          .WithSummary("Takes an item still collecting orders off the menu; every order is released and its person told.");

        menu.MapPost("/{id:guid}/order", async (Guid id, MenuOrdering ordering, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await ordering.OrderAsync(id, ct), t, OrderView))
          .RequireAuthorization().WithName("OrderMenuItem")
          .WithSummary("Orders an item (点单) for the signed-in person. The order that reaches the minimum turns the item into a published activity with everyone registered; after that, orders up to the maximum register for the activity directly.");

        menu.MapPost("/{id:guid}/cancel-order", async (Guid id, MenuOrdering ordering, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await ordering.CancelAsync(id, ct), t, OrderView))
          .RequireAuthorization().WithName("CancelMenuOrder")
          .WithSummary("Withdraws your own order while the item is still collecting orders (before it runs and before the deadline).");

        app.MapGet("/api/v1/me/menu-orders", async (AppDbContext db, CancellationToken ct) =>
        {
            if (await db.OwnPersonIdAsync(ct) is not { } personId)
            {
                return Results.NotFound();
            }
            var mine = await MenuBoard.MineAsync(db, personId, ct);
            return Results.Ok(new { items = mine.Select(o => new { order = OrderView(o.Order), item = ItemView(o.Item, o.UnitName) }) });
        }).RequireAuthorization().WithTags("Menu services").WithName("ListOwnMenuOrders").WithSummary("Your orders, newest first, with each item's state.");

        // Feedback
        app.MapPost("/api/v1/activities/{id:guid}/feedback", async (Guid id, FeedbackBody b, FeedbackDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.SubmitAsync(id, b.Rating, b.Comment, ct), t, f => new { f.Id, f.ActivityId, f.Rating, f.Comment, f.At }))
          .RequireAuthorization().WithTags("Feedback").WithName("RateActivity")
          .WithSummary("A participant (registered or present) rates an ended activity 1–5 with an optional comment (≤ 500 characters); a second submit changes their rating.");

        app.MapGet("/api/v1/feedback/summary", async (int? year, FeedbackDesk desk, TimeProvider clock, CancellationToken ct) =>
        {
            var s = await desk.SummaryAsync(year ?? clock.ChinaToday().Year, ct);
            static object Avg(FeedbackDesk.Average a) => new { count = a.Count, sum = a.Sum, average = a.Value };
            return Results.Ok(new
            {
                s.Year,
                activities = s.Activities.Select(l => new { l.ActivityId, l.Title, l.UnitId, l.UnitName, l.TeacherId, l.StartsAt, rating = Avg(l.Rating) }),
                units = s.Units.Select(g => new { unitId = g.Id, g.Name, g.Activities, rating = Avg(g.Rating) }),
                teachers = s.Teachers.Select(g => new { teacherId = g.Id, g.Name, g.Activities, rating = Avg(g.Rating) }),
            });
        }).RequirePermission(Permission.ServiceRead).WithTags("Feedback").WithName("FeedbackSummary")
          .WithSummary("Average ratings over a year (activities starting in it, China time) of activities in scope: per activity, per hub unit, per teacher, with counts and sums.");
        return app;
    }
}
