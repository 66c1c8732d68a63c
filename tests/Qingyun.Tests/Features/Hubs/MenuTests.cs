using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.Notices;
using Qingyun.Domain.People;
using Qingyun.Features.Menu;
using Qingyun.Security;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Hubs;

/// <summary>A young person made straight in the database: a person, an account (role Youth, no permission), an API token.</summary>
public sealed record TestYouth(Guid PersonId, string Token, HttpClient Api);

public static class MenuKit
{
    private static int _seed = RandomNumberGenerator.GetInt32(0, 20_000);

    public static Task<List<TestYouth>> YouthsAsync(QingyunApp app, int count) => app.AsSystemAsync(async (sp, db) =>
    {
        var sensitive = sp.GetRequiredService<SensitiveData>();
        var now = DateTimeOffset.UtcNow;
        var unit = app.World.CommunityA.Id;
        var seed = Interlocked.Add(ref _seed, count) - count;
        var made = new List<(Guid, string)>();
        for (var i = 0; i < count; i++)
        {
            // A different birth day for each: the ID numbers cannot meet, here or in another test.
            var birth = new DateOnly(1995, 1, 1).AddDays((seed + i) % 3000);
            var first17 = $"320105{birth:yyyyMMdd}{(seed + i) % 900 + 100:000}";
            var person = new Person { UnitId = unit, Name = $"点学青年{seed + i}", Gender = Gender.Female, BirthDate = birth, CreatedAt = now, UpdatedAt = now };
            sensitive.Protect(person, first17 + IdNumber.CheckCharFor(first17), null);
            db.People.Add(person);
            var userName = $"youth-{seed + i}-{Guid.NewGuid():N}"[..30];
            var user = new AppUser
            {
                UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = person.Name, HomeUnitId = unit, PersonId = person.Id,
                SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = now,
            };
            db.Users.Add(user);
            db.Grants.Add(new Grant { UserId = user.Id, UnitId = unit, Role = Role.Youth, GrantedAt = now });
            var clear = ApiToken.ClearPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            db.ApiTokens.Add(new ApiToken
            {
                UserId = user.Id, Name = "youth", Hash = TokenAuthenticationHandler.Hash(clear), Hint = "qy_youth", CreatedAt = now, ExpiresAt = now.AddDays(30),
            });
            made.Add((person.Id, clear));
        }
        await db.SaveChangesAsync();
        return made.Select(m =>
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", m.Item2);
            client.Timeout = TimeSpan.FromSeconds(90);
            return new TestYouth(m.Item1, m.Item2, client);
        }).ToList();
    });

    /// <summary>A young person signed in on their phone (a password, the real login form).</summary>
    public static async Task<(TestYouth Youth, PageClient Phone)> PhoneAsync(QingyunApp app)
    {
        var youth = (await YouthsAsync(app, 1))[0];
        var userName = await app.AsSystemAsync(async (sp, db) =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var user = await db.Users.FirstAsync(u => u.PersonId == youth.PersonId);
            var result = await users.AddPasswordAsync(user, QingyunApp.Password);
            Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Description)));
            return user.UserName!;
        });
        return (youth, await app.PagesAsAsync(userName));
    }

    public static Task<Guid> CategoryAsync(QingyunApp app) =>
        app.AsSystemAsync((_, db) => db.ActivityCategories.Where(c => c.ArchivedAt == null).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync());

    /// <summary>Whole seconds from the app's clock, so what is sent compares with what comes back.</summary>
    public static DateTimeOffset At(QingyunApp app, TimeSpan from)
    {
        var t = app.Clock.GetUtcNow() + from;
        return new DateTimeOffset(t.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    public static async Task<object> BodyAsync(QingyunApp app, int min, int max, Guid? unitId = null, TimeSpan? deadlineIn = null, Guid? teacherId = null,
        string title = "周末咖啡拉花课", TimeSpan? startsIn = null) => new
    {
        unitId = unitId ?? app.World.CommunityA.Id, title, description = "从零学拉花", categoryId = await CategoryAsync(app), teacherId,
        minParticipants = min, maxParticipants = max, priceBand = "LowCost", price = 20m,
        orderDeadline = At(app, deadlineIn ?? TimeSpan.FromDays(2)), startsAt = At(app, startsIn ?? TimeSpan.FromDays(3)), endsAt = At(app, (startsIn ?? TimeSpan.FromDays(3)) + TimeSpan.FromHours(2)),
        place = "甲社区青年汇活动室",
    };

    public static async Task<Guid> CreateAsync(QingyunApp app, HttpClient organizer, int min, int max, TimeSpan? deadlineIn = null, Guid? teacherId = null, string title = "周末咖啡拉花课",
        TimeSpan? startsIn = null)
    {
        var response = await organizer.PostJsonAsync("/api/v1/menu-items", await BodyAsync(app, min, max, deadlineIn: deadlineIn, teacherId: teacherId, title: title, startsIn: startsIn));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> OrderAsync(TestYouth y, Guid itemId) => y.Api.PostAsync($"/api/v1/menu-items/{itemId}/order", null);

    public static Task<MenuItem> ItemAsync(QingyunApp app, Guid id) => app.AsSystemAsync((_, db) => db.MenuItems.AsNoTracking().FirstAsync(m => m.Id == id));
}

public abstract class MenuTests(QingyunApp app)
{
    [Fact]
    public async Task TwoOrdersRacingForAMinimumOfTwo_MakeExactlyOneActivity_WithBothRegistered_AndEveryoneTold()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        // Several rounds: one lucky interleaving must not pass for correctness.
        for (var round = 0; round < 5; round++)
        {
            var itemId = await MenuKit.CreateAsync(app, organizer, min: 2, max: 10);
            var pair = await MenuKit.YouthsAsync(app, 2);
            var answers = await Task.WhenAll(pair.Select(y => MenuKit.OrderAsync(y, itemId)));
            foreach (var a in answers)
            {
                Assert.True(a.StatusCode == HttpStatusCode.OK, $"{(int)a.StatusCode}: {await a.Content.ReadAsStringAsync()}");
            }

            var item = await MenuKit.ItemAsync(app, itemId);
            Assert.Equal(MenuItemState.Running, item.State);
            Assert.Equal(2, item.Ordered);
            Assert.NotNull(item.ActivityId);
            var people = pair.Select(p => p.PersonId).ToList();
            var (activities, registrations, running, reached) = await app.AsSystemAsync(async (_, db) => (
                await db.Activities.AsNoTracking().Where(a => a.MenuItemId == itemId).ToListAsync(),
                await db.Registrations.AsNoTracking().Where(r => r.ActivityId == item.ActivityId && r.State == RegistrationState.Registered).ToListAsync(),
                await db.Notices.CountAsync(n => n.Kind == NoticeKind.MenuItemRunning && n.PersonId != null && people.Contains(n.PersonId.Value) && n.Link == $"/youth/menu/{itemId}"),
                await db.Notices.CountAsync(n => n.Kind == NoticeKind.MenuItemReached && n.UnitId == app.World.CommunityA.Id && n.Link == $"/hubs/menu/{itemId}")));
            var activity = Assert.Single(activities);
            Assert.Equal(item.ActivityId, activity.Id);
            Assert.Equal(ActivityKind.Youth, activity.Kind);
            Assert.Equal(ActivityState.Published, activity.State);
            Assert.Equal(10, activity.Capacity);
            Assert.Equal(2, activity.Registered);
            Assert.Equal(item.StartsAt, activity.StartsAt);
            Assert.Equal(item.Place, activity.Place);
            Assert.Equal(PriceBand.LowCost, activity.PriceBand);
            Assert.Equal(people.Order(), registrations.Select(r => r.PersonId).Order());
            Assert.Equal(2, running);
            Assert.Equal(1, reached);
        }
    }

    [Fact]
    public async Task FortyRacingForTwentyFivePlaces_GetExactlyTwentyFive_TheRestAreToldItIsFull()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var itemId = await MenuKit.CreateAsync(app, organizer, min: 5, max: 25);
        var racers = await MenuKit.YouthsAsync(app, 40);

        var answers = await Task.WhenAll(racers.Select(async y =>
        {
            using var r = await MenuKit.OrderAsync(y, itemId);
            return (y, r.StatusCode, Body: await r.Content.ReadAsStringAsync());
        }));

        Assert.Equal(25, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.OK).ToList();
        Assert.Equal(15, refused.Count);
        Assert.All(refused, a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.All(refused, a => Assert.Contains("人数已满", a.Body, StringComparison.Ordinal));

        var item = await MenuKit.ItemAsync(app, itemId);
        var (activities, registered, registrations, orders) = await app.AsSystemAsync(async (_, db) => (
            await db.Activities.CountAsync(a => a.MenuItemId == itemId),
            await db.Activities.Where(a => a.Id == item.ActivityId).Select(a => a.Registered).FirstAsync(),
            await db.Registrations.CountAsync(r => r.ActivityId == item.ActivityId && r.State == RegistrationState.Registered),
            await db.MenuOrders.CountAsync(o => o.MenuItemId == itemId && o.State == MenuOrderState.Active)));
        Assert.Equal(MenuItemState.Running, item.State);
        Assert.Equal(25, item.Ordered);
        Assert.Equal(1, activities);
        Assert.Equal(25, registered);
        Assert.Equal(25, registrations);
        Assert.Equal(25, orders);
        // Everyone who got an answer of 200 holds an order.
        var okPeople = answers.Where(a => a.StatusCode == HttpStatusCode.OK).Select(a => a.y.PersonId).Order().ToList();
        var holders = await app.AsSystemAsync((_, db) => db.MenuOrders.Where(o => o.MenuItemId == itemId && o.State == MenuOrderState.Active).Select(o => o.PersonId).ToListAsync());
        Assert.Equal(okPeople, holders.Order().ToList());
    }

    [Fact]
    public async Task AnItemShortOfItsMinimumAtTheDeadline_IsReleasedByTheJob_OrdersReleased_EveryoneTold()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var itemId = await MenuKit.CreateAsync(app, organizer, min: 3, max: 10, deadlineIn: TimeSpan.FromHours(5));
        var pair = await MenuKit.YouthsAsync(app, 2);
        foreach (var y in pair)
        {
            Assert.Equal(HttpStatusCode.OK, (await MenuKit.OrderAsync(y, itemId)).StatusCode);
        }
        try
        {
            // Before the deadline the job leaves it alone.
            Assert.Equal(0, await app.AsSystemAsync((sp, _) => MenuDeadlineJob.ReleaseDueAsync(sp, app.Clock, CancellationToken.None)));
            Assert.Equal(MenuItemState.Open, (await MenuKit.ItemAsync(app, itemId)).State);

            app.Clock.Advance(TimeSpan.FromHours(5) + TimeSpan.FromMinutes(1));
            var released = await app.AsSystemAsync((sp, _) => MenuDeadlineJob.ReleaseDueAsync(sp, app.Clock, CancellationToken.None));
            Assert.True(released >= 1);

            var item = await MenuKit.ItemAsync(app, itemId);
            Assert.Equal(MenuItemState.Released, item.State);
            Assert.Null(item.ActivityId);
            var people = pair.Select(p => p.PersonId).ToList();
            var (orders, notices, activities) = await app.AsSystemAsync(async (_, db) => (
                await db.MenuOrders.AsNoTracking().Where(o => o.MenuItemId == itemId).ToListAsync(),
                await db.Notices.AsNoTracking().Where(n => n.Kind == NoticeKind.MenuItemReleased && n.Link == $"/youth/menu/{itemId}").ToListAsync(),
                await db.Activities.CountAsync(a => a.MenuItemId == itemId)));
            Assert.Equal(2, orders.Count);
            Assert.All(orders, o => Assert.Equal(MenuOrderState.Released, o.State));
            Assert.Equal(people.Order(), notices.Select(n => n.PersonId!.Value).Order());
            Assert.All(notices, n => Assert.Contains("2", n.Args, StringComparison.Ordinal));
            Assert.Equal(0, activities);

            // Once is enough: a second run finds nothing, and nobody can order any more.
            Assert.Equal(0, await app.AsSystemAsync((sp, _) => MenuDeadlineJob.ReleaseDueAsync(sp, app.Clock, CancellationToken.None)));
            var late = (await MenuKit.YouthsAsync(app, 1))[0];
            var refused = await MenuKit.OrderAsync(late, itemId);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("点单已截止", await refused.ProblemTextAsync(), StringComparison.Ordinal);

            // The young person's own list says so.
            var mine = await (await pair[0].Api.GetAsync("/api/v1/me/menu-orders")).ReadJsonAsync();
            var row = mine.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("item").GetProperty("id").GetGuid() == itemId);
            Assert.Equal("Released", row.GetProperty("order").GetProperty("state").GetString());
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task BadMinimumsAndMaximums_APastDeadline_AndAStartBeforeTheDeadline_AreRefusedByField_AndNothingIsSaved()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var before = await app.AsSystemAsync((_, db) => db.MenuItems.CountAsync());

        async Task<string> Refused(object body, string field)
        {
            var r = await organizer.PostJsonAsync("/api/v1/menu-items", body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var json = await r.ReadJsonAsync();
            Assert.True(json.GetProperty("errors").TryGetProperty(field, out _), $"no error on {field}: {json.GetRawText()}");
            return json.GetProperty("detail").GetString()!;
        }

        var category = await MenuKit.CategoryAsync(app);
        object Body(int min, int max, TimeSpan deadline, TimeSpan starts) => new
        {
            unitId = app.World.CommunityA.Id, title = "瑜伽入门", categoryId = category, minParticipants = min, maxParticipants = max, priceBand = "Free",
            orderDeadline = MenuKit.At(app, deadline), startsAt = MenuKit.At(app, starts), endsAt = MenuKit.At(app, starts + TimeSpan.FromHours(1)), place = "活动室",
        };
        var day = TimeSpan.FromDays(1);
        Assert.Contains("最少人数", await Refused(Body(0, 10, day, 2 * day), "minParticipants"), StringComparison.Ordinal);
        Assert.Contains("最多人数", await Refused(Body(1, 1001, day, 2 * day), "maxParticipants"), StringComparison.Ordinal);
        var below = await Refused(Body(10, 5, day, 2 * day), "maxParticipants");
        Assert.Contains("最多人数", below, StringComparison.Ordinal);
        Assert.Contains("不能小于最小值", below, StringComparison.Ordinal);
        Assert.Contains("点单截止时间：必须晚于当前时间", await Refused(Body(2, 10, -TimeSpan.FromHours(1), 2 * day), "orderDeadline"), StringComparison.Ordinal);
        Assert.Contains("须晚于点单截止时间", await Refused(Body(2, 10, 2 * day, day), "startsAt"), StringComparison.Ordinal);
        // A free item with a price, and no category.
        var r = await organizer.PostJsonAsync("/api/v1/menu-items", new
        {
            unitId = app.World.CommunityA.Id, title = "瑜伽入门", minParticipants = 2, maxParticipants = 10, priceBand = "Free", price = 5m,
            orderDeadline = MenuKit.At(app, day), startsAt = MenuKit.At(app, 2 * day), endsAt = MenuKit.At(app, 2 * day + TimeSpan.FromHours(1)), place = "活动室",
        });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var text = await r.ProblemTextAsync();
        Assert.Contains("活动类别", text, StringComparison.Ordinal);
        Assert.Contains("免费活动不收费", text, StringComparison.Ordinal);

        // Another community's unit is not there for A's organizer; a youth may not put anything on a menu.
        var foreign = await organizer.PostJsonAsync("/api/v1/menu-items", await MenuKit.BodyAsync(app, 2, 10, unitId: app.World.CommunityB.Id));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var youth = (await MenuKit.YouthsAsync(app, 1))[0];
        Assert.Equal(HttpStatusCode.Forbidden, (await youth.Api.PostJsonAsync("/api/v1/menu-items", await MenuKit.BodyAsync(app, 2, 10))).StatusCode);

        Assert.Equal(before, await app.AsSystemAsync((_, db) => db.MenuItems.CountAsync()));
    }

    [Fact]
    public async Task OrderingTwice_OrderingWithoutAPerson_AndOrderingAWithdrawnItem_AreRefused_AndTheCountStays()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var itemId = await MenuKit.CreateAsync(app, organizer, min: 3, max: 10);
        var y = (await MenuKit.YouthsAsync(app, 1))[0];
        Assert.Equal(HttpStatusCode.OK, (await MenuKit.OrderAsync(y, itemId)).StatusCode);

        var twice = await MenuKit.OrderAsync(y, itemId);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("您已点过该项", await twice.ProblemTextAsync(), StringComparison.Ordinal);
        // Twice at once: still one order.
        var both = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => MenuKit.OrderAsync(y, itemId)));
        Assert.All(both, b => Assert.Equal(HttpStatusCode.Conflict, b.StatusCode));

        // The organizer's account has no person: it cannot order.
        var noPerson = await organizer.PostAsync($"/api/v1/menu-items/{itemId}/order", null);
        Assert.Equal(HttpStatusCode.Forbidden, noPerson.StatusCode);
        Assert.Contains("账号", await noPerson.ProblemTextAsync(), StringComparison.Ordinal);

        Assert.Equal(1, (await MenuKit.ItemAsync(app, itemId)).Ordered);
        Assert.Equal(1, await app.AsSystemAsync((_, db) => db.MenuOrders.CountAsync(o => o.MenuItemId == itemId)));

        // An unknown item is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await MenuKit.OrderAsync(y, Guid.NewGuid())).StatusCode);
    }

    [Fact]
    public async Task CancellingOnesOrder_WhileOpen_FreesThePlace_ButNotOnceTheItemRuns()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var itemId = await MenuKit.CreateAsync(app, organizer, min: 2, max: 5);
        var ys = await MenuKit.YouthsAsync(app, 3);
        Assert.Equal(HttpStatusCode.OK, (await MenuKit.OrderAsync(ys[0], itemId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ys[0].Api.PostAsync($"/api/v1/menu-items/{itemId}/cancel-order", null)).StatusCode);
        Assert.Equal(0, (await MenuKit.ItemAsync(app, itemId)).Ordered);
        // Nothing left to cancel.
        Assert.Equal(HttpStatusCode.NotFound, (await ys[0].Api.PostAsync($"/api/v1/menu-items/{itemId}/cancel-order", null)).StatusCode);

        // They may order again; with a second order it runs, and then it cannot be cancelled here.
        Assert.Equal(HttpStatusCode.OK, (await MenuKit.OrderAsync(ys[0], itemId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MenuKit.OrderAsync(ys[1], itemId)).StatusCode);
        var late = await ys[0].Api.PostAsync($"/api/v1/menu-items/{itemId}/cancel-order", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("不能再取消点单", await late.ProblemTextAsync(), StringComparison.Ordinal);

        // A third orders after it runs: registered for the activity straight away.
        Assert.Equal(HttpStatusCode.OK, (await MenuKit.OrderAsync(ys[2], itemId)).StatusCode);
        var item = await MenuKit.ItemAsync(app, itemId);
        Assert.Equal(3, item.Ordered);
        var (registered, mine) = await app.AsSystemAsync(async (_, db) => (
            await db.Activities.Where(a => a.Id == item.ActivityId).Select(a => a.Registered).FirstAsync(),
            await db.Registrations.AnyAsync(r => r.ActivityId == item.ActivityId && r.PersonId == ys[2].PersonId && r.State == RegistrationState.Registered)));
        Assert.Equal(3, registered);
        Assert.True(mine);
    }

    [Fact]
    public async Task WithdrawingAnItem_ReleasesItsOrders_TellsThePeople_AndOnlyItsOrganizersMayDoIt()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var itemId = await MenuKit.CreateAsync(app, organizer, min: 5, max: 10);
        var ys = await MenuKit.YouthsAsync(app, 2);
        foreach (var y in ys)
        {
            Assert.Equal(HttpStatusCode.OK, (await MenuKit.OrderAsync(y, itemId)).StatusCode);
        }

        var adminB = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.PostAsync($"/api/v1/menu-items/{itemId}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/api/v1/menu-items/{itemId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ys[0].Api.PostAsync($"/api/v1/menu-items/{itemId}/withdraw", null)).StatusCode);

        var withdrawn = await organizer.PostAsync($"/api/v1/menu-items/{itemId}/withdraw", null);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("Withdrawn", (await withdrawn.ReadJsonAsync()).GetProperty("state").GetString());
        var people = ys.Select(y => y.PersonId).ToList();
        var (orders, told) = await app.AsSystemAsync(async (_, db) => (
            await db.MenuOrders.AsNoTracking().Where(o => o.MenuItemId == itemId).ToListAsync(),
            await db.Notices.CountAsync(n => n.Kind == NoticeKind.MenuItemReleased && n.PersonId != null && people.Contains(n.PersonId.Value))));
        Assert.All(orders, o => Assert.Equal(MenuOrderState.Released, o.State));
        Assert.Equal(2, told);

        var again = await organizer.PostAsync($"/api/v1/menu-items/{itemId}/withdraw", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MenuKit.OrderAsync((await MenuKit.YouthsAsync(app, 1))[0], itemId)).StatusCode);
        // Off the public menu.
        var menu = await (await ys[0].Api.GetAsync("/api/v1/menu-items")).ReadJsonAsync();
        Assert.DoesNotContain(menu.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetGuid() == itemId);
    }

    [Fact]
    public async Task TheOrganizerSeesNamesAndCounts_AndTheYouthMenuShowsHowFarEachItemIsFromRunning()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var itemId = await MenuKit.CreateAsync(app, organizer, min: 4, max: 10, title: "手机摄影入门");
        var y = (await MenuKit.YouthsAsync(app, 1))[0];
        Assert.Equal(HttpStatusCode.OK, (await MenuKit.OrderAsync(y, itemId)).StatusCode);

        var detail = await (await organizer.GetAsync($"/api/v1/menu-items/{itemId}")).ReadJsonAsync();
        var name = await app.AsSystemAsync((_, db) => db.People.Where(p => p.Id == y.PersonId).Select(p => p.Name).FirstAsync());
        var order = Assert.Single(detail.GetProperty("orders").EnumerateArray());
        Assert.Equal(name, order.GetProperty("name").GetString());
        Assert.False(order.TryGetProperty("idNumber", out _));

        var menu = await (await y.Api.GetAsync("/api/v1/menu-items")).ReadJsonAsync();
        var listed = menu.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == itemId);
        Assert.Equal(1, listed.GetProperty("ordered").GetInt32());
        Assert.Equal(4, listed.GetProperty("minParticipants").GetInt32());

        var pages = await app.PagesAsAsync(World.AdminA);
        var list = await pages.Http.GetStringAsync("/hubs/menu");
        Assert.Contains("手机摄影入门", list, StringComparison.Ordinal);
        var page = await pages.Http.GetStringAsync($"/hubs/menu/{itemId}");
        Assert.Contains(name, page, StringComparison.Ordinal);
        var phone = await pages.Http.GetStringAsync($"/youth/menu");
        Assert.Contains("已点 1 / 至少 4 人成团", phone, StringComparison.Ordinal);
        var one = await pages.Http.GetAsync($"/youth/menu/{itemId}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Contains("id=\"no-person\"", await one.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnItemMadeOnThePage_ShowsItsFailuresOnTheForm_AndIsSavedWhenRight()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var category = await MenuKit.CategoryAsync(app);
        var day = Qingyun.Infrastructure.Localization.ChinaDate(app.Clock.GetUtcNow()).AddDays(5);
        Dictionary<string, string?> Form(string min) => new()
        {
            ["UnitId"] = app.World.CommunityA.Id.ToString(), ["Title"] = "剪纸DIY", ["CategoryId"] = category.ToString(), ["MinParticipants"] = min, ["MaxParticipants"] = "12",
            ["PriceBand"] = "Free", ["OrderDeadline"] = $"{day:yyyy-MM-dd}T18:00", ["StartsAt"] = $"{day.AddDays(2):yyyy-MM-dd}T14:00", ["EndsAt"] = $"{day.AddDays(2):yyyy-MM-dd}T16:00",
            ["Place"] = "青年汇二楼",
        };
        var bad = await pages.PostFormAsync("/hubs/menu", Form("0"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("最少人数：应在 1 到 1000 之间", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var good = await pages.PostFormAsync("/hubs/menu", Form("3"));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var id = Guid.Parse(good.Headers.Location!.ToString().Split('/')[^1]);
        var item = await MenuKit.ItemAsync(app, id);
        Assert.Equal(3, item.MinParticipants);
        // 14:00 China time is 06:00 UTC.
        Assert.Equal(6, item.StartsAt.UtcDateTime.Hour);
    }
}

public sealed class MenuOnSqlite(SqliteApp app) : MenuTests(app), IClassFixture<SqliteApp>;

public sealed class MenuOnPostgres(PostgresApp app) : MenuTests(app), IClassFixture<PostgresApp>;
