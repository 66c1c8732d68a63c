using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qingyun.Features.Indicators;
using Qingyun.Features.Indicators.Summary;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Indicators;

/// <summary>
/// A page does not hang behind a recount another host is running (on PostgreSQL the refresh holds an advisory lock
/// across hosts): it shows the figures as of the last refresh at once and says they are being recounted; once the
/// recount is over, the next read counts the change. The annual summary, which writes its numbers down, waits instead.
/// </summary>
public sealed class RecountInProgressOnPostgres(PostgresApp app) : IClassFixture<PostgresApp>
{
    /// <summary>Rollups' advisory lock key.</summary>
    private const long RefreshLock = 0x5179_4669_6775;

    /// <summary>Another host's refresh under way: a connection of its own holding the refresh's advisory lock until disposed.</summary>
    private async Task<NpgsqlConnection> OtherHostRecountingAsync()
    {
        // Unpooled: closing it ends the session, and with it the lock (a pooled one would keep both).
        var settings = new NpgsqlConnectionStringBuilder(await app.AsSystemAsync((_, db) => Task.FromResult(db.Database.GetConnectionString()!))) { Pooling = false };
        var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({RefreshLock})", connection);
        await take.ExecuteNonQueryAsync();
        return connection;
    }

    [Fact]
    public async Task While_another_host_recounts_the_dashboard_shows_the_last_figures_at_once_and_says_so()
    {
        var tree = await FiguresKit.TreeAsync(app, app.World.CommunityA.Id);
        await app.AsSystemAsync(async (_, db) =>
        {
            FiguresKit.Member(db, tree.A.Id, new DateOnly(2020, 5, 1));
            await db.SaveChangesAsync();
            return 0;
        });
        var api = await app.ApiAsAsync(World.AdminA);
        Assert.Equal((1m, true), await FiguresKit.BoardAsync(api, tree.Street.Id));

        await using var otherHost = await OtherHostRecountingAsync();
        await app.AsSystemAsync(async (_, db) =>
        {
            FiguresKit.Member(db, tree.B.Id, new DateOnly(2021, 6, 1));
            await db.SaveChangesAsync();
            return 0;
        });

        var clock = Stopwatch.StartNew();
        Assert.Equal((1m, false), await FiguresKit.BoardAsync(api, tree.Street.Id));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the dashboard waited {clock.Elapsed} for the other host");
        var pages = await app.PagesAsAsync(World.AdminA);
        var html = await (await pages.Http.GetAsync($"/figures?unit={tree.Street.Id}&year={FiguresKit.ThisYear}")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"figures-updating\"", html);
        Assert.Contains("数字正在重新统计", html);
        // The change is still marked, not lost.
        Assert.True(await app.AsSystemAsync((_, db) => db.FigureStales.IgnoreQueryFilters().AnyAsync(s => s.UnitId == tree.B.Id)));

        await otherHost.DisposeAsync();
        Assert.Equal((2m, true), await FiguresKit.BoardAsync(api, tree.Street.Id));
        html = await (await pages.Http.GetAsync($"/figures?unit={tree.Street.Id}&year={FiguresKit.ThisYear}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("id=\"figures-updating\"", html);
    }

    [Fact]
    public async Task The_summary_waits_for_the_recount_so_its_numbers_include_the_change()
    {
        var tree = await FiguresKit.TreeAsync(app, app.World.CommunityA.Id);
        await using var otherHost = await OtherHostRecountingAsync();
        await app.AsSystemAsync(async (_, db) =>
        {
            FiguresKit.Member(db, tree.A.Id, new DateOnly(2020, 5, 1));
            await db.SaveChangesAsync();
            return 0;
        });

        var reading = app.AsSystemAsync(async (sp, db) =>
        {
            var unit = await db.OrgUnits.IgnoreQueryFilters().SingleAsync(u => u.Id == tree.Street.Id);
            var rendered = await sp.GetRequiredService<SummaryText>().RenderAsync(unit, FiguresKit.ThisYear, "总结", new Dictionary<string, string>(), default);
            return rendered;
        });
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(reading.IsCompleted, "the summary did not wait for the recount");
        await otherHost.DisposeAsync();
        await reading;
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.FigureStales.IgnoreQueryFilters().CountAsync(s => s.UnitId == tree.A.Id)));
    }
}

/// <summary>
/// A page that finds no refresh running starts one itself, but only for its budget: after a bulk change it counts a
/// batch, shows the figures as they stand and leaves the rest to the figures job, instead of recounting everything
/// while its user waits. Nothing is lost: the marks left are counted by the next full refresh.
/// </summary>
public abstract class PageRefreshBudgetTests(QingyunApp app)
{
    [Fact]
    public async Task A_page_refresh_stops_when_its_budget_is_spent_and_the_rest_is_counted_later()
    {
        var tree = await FiguresKit.TreeAsync(app, app.World.CommunityA.Id);
        var now = DateTimeOffset.UtcNow;
        // A bulk change's worth of marks: more than one batch of the refresh.
        await app.AsSystemAsync(async (_, db) =>
        {
            FiguresKit.Member(db, tree.A.Id, new DateOnly(2020, 5, 1));
            for (var i = 0; i < 1000; i++)
            {
                Rollups.MarkStale(db, [tree.A.Id], now);
            }
            return await db.SaveChangesAsync();
        });

        var clock = Stopwatch.StartNew();
        var spent = await app.AsSystemAsync((_, db) => Rollups.RefreshAsync(db, now, TimeSpan.Zero, default));
        clock.Stop();

        Assert.Null(spent);
        Assert.True(await app.AsSystemAsync((_, db) => db.FigureStales.IgnoreQueryFilters().AnyAsync(s => s.UnitId == tree.A.Id)), "the marks left were dropped");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the page's refresh took {clock.Elapsed}");

        await app.AsSystemAsync((_, db) => Rollups.RefreshAsync(db, now, default));
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.FigureStales.IgnoreQueryFilters().CountAsync(s => s.UnitId == tree.A.Id)));
        Assert.Equal((1m, true), await FiguresKit.BoardAsync(await app.ApiAsAsync(World.AdminA), tree.Street.Id));
    }
}

public sealed class PageRefreshBudgetOnSqlite(SqliteApp app) : PageRefreshBudgetTests(app), IClassFixture<SqliteApp>;

public sealed class PageRefreshBudgetOnPostgres(PostgresApp app) : PageRefreshBudgetTests(app), IClassFixture<PostgresApp>;
